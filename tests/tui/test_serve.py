"""``aimath serve`` without a browser: safe defaults, Korean messages, the page it serves."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from serve_helpers import ROOT, Served, free_port
from tui import serve as serve_module
from tui.serve import app_command, host_problem, is_local, port_problem, url_for


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                         ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.0.5", False),
                                         ("example.org", False), ("::", False)])
def test_which_hosts_are_local(host, local):
    assert is_local(host) is local


def test_an_implicit_all_interfaces_host_is_refused():
    assert host_problem(None) is None
    assert host_problem("0.0.0.0") is None
    for implicit in ("", " ", "*"):
        problem = host_problem(implicit)
        assert problem and "--host 0.0.0.0" in problem


def test_a_taken_port_is_reported_in_korean_before_starting(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        problem = port_problem("127.0.0.1", port)
        assert problem and f"포트 {port}를 이미 다른 프로그램이 쓰고 있습니다" in problem
        done = subprocess.run([sys.executable, "-m", "tui", "serve", "--port", str(port),
                               "--data-dir", str(tmp_path / "d")], capture_output=True, text=True,
                              cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert "이미 다른 프로그램이 쓰고 있습니다" in done.stderr and "Traceback" not in done.stderr
    assert port_problem("127.0.0.1", 0) and port_problem("127.0.0.1", 70000)
    assert "찾을 수 없습니다" in port_problem("no-such-host.invalid", 8000)


def test_other_hosts_warn_that_anyone_can_change_progress(tmp_path, monkeypatch, capsys):
    started = {}

    class FakeServer:
        def __init__(self, command, *, host, port, title, page):
            started.update(command=command, host=host, port=port, title=title)

        def serve(self):
            raise KeyboardInterrupt  # as if Ctrl+C came at once

    import tui.serve_server

    monkeypatch.setenv("PYTHONPATH", "")  # serve() points the tabs' PYTHONPATH at this tree
    monkeypatch.setattr(tui.serve_server, "AimathServer", FakeServer)
    port = free_port()
    assert serve_module.serve(None, port, tmp_path) == 0
    out, err = capsys.readouterr()
    assert started["host"] == "127.0.0.1"  # the default
    assert f"aimath를 브라우저에서 여세요: http://127.0.0.1:{port}" in out and "경고" not in err
    assert "aimath 서버를 멈췄습니다." in out
    assert serve_module.serve("0.0.0.0", port, tmp_path) == 0
    out, err = capsys.readouterr()
    assert started["host"] == "0.0.0.0"
    assert "경고" in err and "누구나" in err and "진행 기록" in err
    assert serve_module.serve("", port, tmp_path) == 1
    assert "--host 0.0.0.0" in capsys.readouterr().err


def test_each_tab_runs_the_app_on_the_same_data_folder(tmp_path):
    command = app_command(tmp_path / "my data")
    assert command.startswith(sys.executable.replace(" ", "\\ ")) or sys.executable in command
    assert "-m tui --data-dir" in command and "'" in command  # the path is quoted
    assert url_for("::1", 8000) == "http://[::1]:8000"


def test_the_page_is_korean_offline_and_sets_fonts_for_hangul(tmp_path):
    server = Served(tmp_path / "data")
    try:
        assert server.first_line == f"aimath를 브라우저에서 여세요: http://127.0.0.1:{server.port}"
        for _ in range(100):
            try:
                page = urllib.request.urlopen(server.url, timeout=5).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        assert '<html lang="ko">' in page and "<title>aimath · 딥러닝 수학</title>" in page
        assert "다시 열기" in page and "끝났습니다" in page
        for english in ("Session ended", ">Start<", "Restart", "Textual Application"):
            assert english not in page
        assert "googleapis" not in page  # no fonts from the internet
        assert re.search(r'local\("Noto Sans Mono CJK KR"\)', page) and "D2Coding" in page
        assert "size-adjust: 120%" in page and "U+AC00-D7FF" in page
        font = urllib.request.urlopen(f"{server.url}static/fonts/RobotoMono-VariableFont_wght.ttf",
                                      timeout=5).read()
        assert len(font) > 100_000
        assert urllib.request.urlopen(f"{server.url}favicon.ico", timeout=5).status == 204
    finally:
        code, out, err = server.stop()
    assert code == 0 and "멈췄습니다" in out and "Traceback" not in err


def test_opening_a_lesson_never_undoes_another_tabs_done(tmp_path):
    """Each tab is its own process: one that still thinks a lesson is unread must not turn
    another tab's "done" back into "reading" when it opens the lesson."""
    from progress import open_store

    first, second = open_store(tmp_path), open_store(tmp_path)
    assert second.lesson_status("vectors") == "unread"
    first.set_lesson_status("vectors", "done")
    second.start_reading("vectors")
    second.start_reading("matrices")
    assert open_store(tmp_path).lesson_statuses() == {"vectors": "done", "matrices": "reading"}
