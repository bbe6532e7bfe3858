"""The ``aimath`` command line: --version, --help, --data-dir, and a damaged store at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.app import VERSION, create_app, main

ROOT = Path(__file__).resolve().parents[2]


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"aimath {VERSION}"
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "--data-dir" in text and "진행 기록" in text and "export" in text


def test_python_dash_m_tui_runs_the_same_command():
    done = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"aimath {VERSION}"


def test_data_dir_option_and_environment(tmp_path, monkeypatch):
    app = create_app(tmp_path / "chosen")
    app.store.set_lesson_status("vectors", "done")
    app.store.close()
    assert any((tmp_path / "chosen").iterdir())
    monkeypatch.setenv("AIMATH_DATA_DIR", str(tmp_path / "chosen"))
    again = create_app()
    assert again.store.lesson_status("vectors") == "done"


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
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(w in messages for w in app.store.warnings)
        assert all(any("\uac00" <= ch <= "\ud7a3" for ch in m) for m in messages)  # Korean
    # Nothing was lost: the last good backup was restored.
    assert app.store.lesson_status("vectors") == "done"
    assert list(data.glob("progress.json.corrupt-*")) or list(data.glob("*.corrupt-*"))
