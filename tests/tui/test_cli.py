"""The ``aimath`` command line: Korean help and errors, the data folder, export and import."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ui_helpers import record_notifications
from tui.app import create_app
from tui.cli import DEFAULT_EXPORT, VERSION, build_parser, cells, data_dir_problem, main, resolve_data_dir

ROOT = Path(__file__).resolve().parents[2]
ENGLISH_ARGPARSE = ("positional arguments", "options:", "show this help", "usage:", "error:",
                    "the following arguments", "show program's", "invalid choice", "unrecognized")


def run_cli(*args, env=None, cwd=None):
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=environment, timeout=60)


def help_text(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    return capsys.readouterr().out


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"aimath {VERSION}"


@pytest.mark.parametrize("command", [(), ("export",), ("import",), ("serve",)])
def test_help_is_korean_and_fits_80_columns(capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    text = help_text(capsys, *command)
    for english in ENGLISH_ARGPARSE:
        assert english not in text
    assert text.startswith("사용법: aimath")
    assert "--data-dir" in text and "진행 기록" in text
    assert max(cells(line) for line in text.splitlines()) <= 80
    # Help texts start in one column (measured in terminal cells, Hangul counts two).
    starts = {cells(m.group(1)) for m in re.finditer(r"^(  \S.*?\S {2,})\S", text, re.M)
              if not m.group(1).lstrip().startswith("aimath")}
    assert len(starts) == 1, starts


def test_the_command_is_shown_as_optional(capsys):
    text = help_text(capsys)
    usage = text.splitlines()[0]
    assert usage == "사용법: aimath [옵션] [명령 ...]"
    assert "생략하면 앱이 열립니다" in text
    for command in ("export", "import", "serve"):
        assert re.search(rf"^\s+{command}\s+\S", text, re.M)
    assert DEFAULT_EXPORT in text and "AIMATH_DATA_DIR" in text


def test_serve_help_documents_the_safety_rule(capsys):
    text = help_text(capsys, "serve")
    assert "127.0.0.1" in text and "--host" in text and "--port" in text
    assert "누구나" in text and "진행 기록" in text


def test_errors_are_korean_without_a_traceback(tmp_path):
    done = run_cli("frobnicate")
    assert done.returncode == 2
    assert "오류" in done.stderr and "'frobnicate'" in done.stderr and "없는 명령" in done.stderr
    done = run_cli("--data-dir")
    assert done.returncode == 2 and "값이 하나 필요합니다" in done.stderr
    for english in ENGLISH_ARGPARSE:
        assert english not in done.stderr


def test_python_dash_m_tui_runs_the_same_command():
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"aimath {VERSION}"


def test_export_without_a_file_uses_the_documented_default(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    data = tmp_path / "data"
    app = create_app(data)
    app.store.set_lesson_status("vectors", "done")
    app.store.close()
    assert main(["--data-dir", str(data), "export"]) == 0
    target = Path(DEFAULT_EXPORT).expanduser()
    assert target.parent == home and target.is_file()
    assert json.loads(target.read_text(encoding="utf-8"))["lessons"]["vectors"] == "done"
    assert str(target) in capsys.readouterr().out
    # The dashboard's export field says the same default.
    from tui.screens import dashboard

    assert dashboard.DEFAULT_EXPORT == DEFAULT_EXPORT


def test_import_reports_merged_and_skipped_counts(tmp_path, capsys):
    from progress import open_store

    source = tmp_path / "source"
    store = open_store(source)
    store.record_attempt("vectors-q1", "vectors", True, answer="1")
    store.record_attempt("vectors-q2", "vectors", False, answer="2")
    store.close()
    backup = tmp_path / "all.json"
    assert main(["--data-dir", str(source), "export", str(backup)]) == 0
    capsys.readouterr()
    target = tmp_path / "target"
    assert main(["--data-dir", str(target), "import", str(backup)]) == 0
    assert "풀이 2개를 합쳤습니다 (이미 있던 0개는 건너뜀)" in capsys.readouterr().out
    assert main(["--data-dir", str(target), "import", str(backup)]) == 0
    assert "풀이 0개를 합쳤습니다 (이미 있던 2개는 건너뜀)" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"\x00\xff not json", b'{"format": "other"}', b"[1, 2]"])
def test_a_bad_import_is_reported_in_korean(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    done = run_cli("--data-dir", str(tmp_path / "data"), "import", str(bad))
    assert done.returncode == 1
    assert "가져오지 못했습니다" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("--data-dir", str(tmp_path / "data"), "import", str(tmp_path / "missing.json"))
    assert done.returncode == 1 and "열 수 없습니다" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [(), ("export",), ("import",), ("serve", "--port", "0")])
def test_a_data_dir_that_is_a_file_is_reported_in_korean(tmp_path, command):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    done = run_cli("--data-dir", str(a_file), *command)
    assert done.returncode == 1
    assert "폴더가 아니라 파일입니다" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("code, word", [(errno.EACCES, "권한이 없음"), (errno.EROFS, "읽기 전용")])
def test_an_unwritable_data_dir_is_reported_in_korean(tmp_path, monkeypatch, capsys, code, word):
    import tempfile

    backup = tmp_path / "backup.json"
    backup.write_text('{"format": "aimath-progress", "schema_version": 2, "lessons": []}', encoding="utf-8")

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)  # root ignores chmod: simulate
    problem = data_dir_problem(tmp_path)
    assert problem and "쓸 수 없습니다" in problem and word in problem
    assert main(["--data-dir", str(tmp_path), "import", str(backup)]) == 1
    assert "쓸 수 없습니다" in capsys.readouterr().err
    # Reading needs no writing: the app and export open such a folder when it holds progress
    # (read-only, said at start); with nothing to show it is refused as before.
    assert "쓸 수 없습니다" in data_dir_problem(tmp_path, writing=False)
    (tmp_path / "progress.json").write_text("{}", encoding="utf-8")
    assert data_dir_problem(tmp_path, writing=False) is None


def test_an_unreadable_data_dir_is_reported_in_korean(tmp_path, monkeypatch):
    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "listdir", refuse)
    problem = data_dir_problem(tmp_path)
    assert problem and "읽을 수 없습니다" in problem


def test_data_dir_option_and_environment_are_the_same(tmp_path, monkeypatch):
    from tui.body_cache import default_cache_dir

    app = create_app(tmp_path / "chosen")
    app.store.set_lesson_status("vectors", "done")
    app.store.close()
    assert any((tmp_path / "chosen").iterdir())
    monkeypatch.setenv("AIMATH_DATA_DIR", str(tmp_path / "chosen"))
    assert resolve_data_dir(None) == (tmp_path / "chosen").resolve()
    assert resolve_data_dir(tmp_path / "other") == (tmp_path / "other").resolve()
    again = create_app()
    assert again.store.lesson_status("vectors") == "done"
    # The lesson cache moves with the data folder, exactly as with --data-dir.
    assert default_cache_dir() == tmp_path / "chosen" / "cache" / "bodies"
    assert app.services.body_cache_dir == tmp_path / "chosen" / "cache" / "bodies"


def test_environment_moves_the_cache_of_a_running_app(tmp_path):
    data = tmp_path / "env-data"
    probe = ("import os; from tui.app import create_app; from tui.body_cache import cached_body, "
             "default_cache_dir; app = create_app(); lesson = app.catalog.lessons[0]; "
             "cached_body(lesson, app.services.body_cache_dir or default_cache_dir()); print('ok')")
    env = {**os.environ, "AIMATH_DATA_DIR": str(data), "XDG_CACHE_HOME": str(tmp_path / "xdg"),
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert list((data / "cache" / "bodies").glob("*.md"))
    assert not (tmp_path / "xdg").exists()


def test_build_parser_defaults():
    args = build_parser().parse_args([])
    assert args.command is None and args.data_dir is None
    args = build_parser().parse_args(["export"])
    assert args.file == DEFAULT_EXPORT
    args = build_parser().parse_args(["serve", "--data-dir", "/x"])
    assert args.host is None and args.port == 8000 and args.data_dir == "/x"
    args = build_parser().parse_args(["--data-dir", "/y", "serve"])
    assert args.data_dir == "/y"


async def test_a_damaged_store_is_reported_in_korean(tmp_path):
    data = tmp_path / "data"
    first = create_app(data)
    first.store.set_lesson_status("vectors", "done")
    first.store.set_lesson_status("matrices", "reading")
    first.store.close()
    main_file = data / "progress.json"
    assert main_file.exists()
    main_file.write_bytes(b"\x00\xffnot json at all")
    app = create_app(data)
    assert app.store.warnings, "the store must say it recovered"
    messages = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any(w in messages for w in app.store.warnings)
        assert all(any("\uac00" <= ch <= "\ud7a3" for ch in m) for m in messages)  # Korean
    # Nothing was lost: the last good backup was restored.
    assert app.store.lesson_status("vectors") == "done"
    assert list(data.glob("progress.json.corrupt-*")) or list(data.glob("*.corrupt-*"))
