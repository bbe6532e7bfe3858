"""``aimath serve``: the app in a web browser, through textual-serve.

Every browser tab gets its own ``python -m tui`` process; all of them use the same data folder
(the progress store is safe for several processes).  Safe by default: it listens on 127.0.0.1;
any other address must be given with ``--host`` and prints a warning first.

Fonts: textual-serve's terminal (xterm.js) asks for ``'Roboto Mono', Monaco, 'Courier New',
monospace`` and its stock page loads Roboto Mono from Google Fonts.  Our page (``serve_page.html``)
defines that family itself, offline: Latin from the Roboto Mono file textual-serve ships, and
Hangul (and other CJK) from a monospaced Korean font installed on the learner's computer
(D2Coding, Nanum Gothic Coding, Noto Sans Mono CJK KR, Malgun Gothic, Apple SD Gothic Neo), whose
syllables are exactly two cells wide.  It waits (at most 1.5 s) for those fonts before the
terminal measures its cells.  ``?fontsize=18`` in the address changes the size.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path

TITLE = "aimath · 딥러닝 수학"
DEFAULT_HOST = "127.0.0.1"
PAGE = Path(__file__).with_name("serve_page.html")

WARNING = ("경고: {host} 주소로 엽니다. 이 포트({port})에 닿는 누구나 비밀번호 없이 이 학습자의 "
           "진행 기록을 보고 바꿀 수 있습니다. 믿을 수 있는 네트워크에서만 쓰세요.")


def is_local(host: str) -> bool:
    """True for loopback addresses (only this computer can connect)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_problem(host: str | None) -> str | None:
    """Why ``host`` cannot be used (Korean), or None."""
    if host is None:
        return None
    if not host.strip() or host.strip() in ("*", "::*"):
        return ("모든 주소에서 듣는 빈 주소는 받지 않습니다. 정말 다른 컴퓨터에서 열려면 "
                "--host 0.0.0.0처럼 주소를 직접 적으세요.")
    return None


def port_problem(host: str, port: int) -> str | None:
    """Why the server cannot listen on ``host:port`` (Korean), checked before starting, or None."""
    if not 0 < port < 65536:
        return f"포트 번호는 1부터 65535 사이여야 합니다: {port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return f"'{host}' 주소를 찾을 수 없습니다."
    for family, kind, proto, _name, address in infos[:1]:
        with socket.socket(family, kind, proto) as probe:
            if os.name != "nt":  # as aiohttp does: a port in TIME_WAIT is free
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return (f"포트 {port}를 이미 다른 프로그램이 쓰고 있습니다. "
                            f"다른 포트를 고르세요 (예: aimath serve --port {port + 1}).")
                if error.errno in (errno.EACCES, errno.EPERM):
                    return f"포트 {port}를 열 권한이 없습니다. 1024 이상의 포트를 고르세요."
                if error.errno == errno.EADDRNOTAVAIL:
                    return f"이 컴퓨터에는 '{host}' 주소가 없습니다."
                return f"{host}:{port}에서 들을 수 없습니다 ({error.strerror})."
    return None


def app_command(data_dir: Path) -> str:
    """The shell command textual-serve runs for each tab."""
    return f"{shlex.quote(sys.executable)} -m tui --data-dir {shlex.quote(str(data_dir))}"


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _child_environment() -> None:
    """Tabs run the same aimath as this server, wherever it was started from."""
    source = str(Path(__file__).resolve().parents[1])
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if source not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([source, *paths])


def serve(host: str | None, port: int, data_dir: Path) -> int:
    """Run the web server until Ctrl+C; 0 after a clean stop, 1 with a Korean message."""
    from tui.data_folder import data_dir_problem

    problem = host_problem(host) or data_dir_problem(data_dir, writing=False)  # read-only progress opens read-only, as in the app
    chosen = (host or DEFAULT_HOST).strip()
    problem = problem or port_problem(chosen, port)
    if problem:
        print(f"aimath: 오류: {problem}", file=sys.stderr)
        return 1
    if not is_local(chosen):
        print(WARNING.format(host=chosen, port=port), file=sys.stderr)
    _child_environment()
    from tui.serve_server import AimathServer

    server = AimathServer(app_command(data_dir), host=chosen, port=port, title=TITLE, page=PAGE)
    url = url_for("127.0.0.1" if chosen in ("0.0.0.0", "::") else chosen, port)
    print(f"aimath를 브라우저에서 여세요: {url}", flush=True)
    print(f"진행 기록 폴더: {data_dir}", flush=True)
    print("멈추려면 Ctrl+C를 누르세요.", flush=True)
    try:
        server.serve()
    except OSError as error:
        print(f"aimath: 오류: 서버를 시작하지 못했습니다 ({error.strerror or error}).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    print("aimath 서버를 멈췄습니다.", flush=True)
    return 0
