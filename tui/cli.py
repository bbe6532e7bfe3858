"""The ``aimath`` command line: run the app, export or import progress, serve it to a browser.

Everything a learner reads here is Korean, including what argparse itself prints (its
messages are translated while the parser is built and used, see ``_korean_argparse``).
Nothing heavy is imported at module level: ``aimath --version`` stays instant.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from tui.data_folder import DEFAULT_EXPORT, data_dir_problem, import_report, os_reason, resolve_data_dir

VERSION = "0.1.0"

#: argparse's own messages (Python 3.11 msgids) in Korean.
_ARGPARSE_KO = {
    "usage: ": "사용법: ",
    "positional arguments": "인자",
    "options": "옵션",
    "show this help message and exit": "이 도움말을 보고 끝냅니다",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "다음 값이 필요합니다: %s",
    "unrecognized arguments: %s": "알 수 없는 인자입니다: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "없는 명령입니다: %(value)r (고를 수 있는 것: %(choices)s)",
    "expected one argument": "값이 하나 필요합니다",
    "expected at most one argument": "값은 하나까지만 줄 수 있습니다",
    "expected at least one argument": "값이 하나 이상 필요합니다",
    "ambiguous option: %(option)s could match %(matches)s": "여러 옵션과 겹칩니다: %(option)s → %(matches)s",
    "ignored explicit argument %r": "이 옵션은 값을 받지 않습니다: %r",
    "not allowed with argument %s": "이 옵션과 함께 쓸 수 없습니다: %s",
    "invalid %(type)s value: %(value)r": "올바른 값이 아닙니다: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 오류: %(message)s\n",
    "unexpected option string: %s": "예상하지 못한 옵션입니다: %s",
}


def _translate(message: str) -> str:
    return _ARGPARSE_KO.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


@contextlib.contextmanager
def _korean_argparse():
    """Translate argparse's messages while inside (only here: pytest also uses argparse)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _translate, _ntranslate
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def cells(text: str) -> int:
    """Terminal columns of ``text`` (Hangul and other wide characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_cells(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal columns (textwrap counts a Hangul syllable as one)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and cells(candidate) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return lines + [line] if line else lines or [""]


class _Formatter(argparse.HelpFormatter):
    """Help laid out by terminal columns, so Korean metavars and help text line up.

    Description and epilog paragraphs are wrapped; a paragraph whose lines are indented
    (examples) is kept as written.
    """

    def _fill_text(self, text, width, indent):
        paragraphs = []
        for paragraph in text.split("\n\n"):
            if any(line.startswith(" ") for line in paragraph.splitlines()):
                paragraphs.append(paragraph)
            else:
                paragraphs.append("\n".join(indent + line for line in wrap_cells(paragraph, width)))
        return "\n\n".join(paragraphs)

    def _split_lines(self, text, width):
        return wrap_cells(text, width)

    def _format_action(self, action):
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        parts = []
        text = self._expand_help(action) if action.help and action.help.strip() else ""
        lines = self._split_lines(text, help_width) if text else []
        room = help_position - self._current_indent - 2
        if lines and cells(header) <= room:
            parts.append(indent + header + " " * (room - cells(header) + 2) + lines.pop(0) + "\n")
        else:
            parts.append(indent + header + "\n")
        parts.extend(" " * help_position + line + "\n" for line in lines)
        parts.extend(self._format_action(sub) for sub in self._iter_indented_subactions(action))
        return self._join_parts(parts)

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            width = cells(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, usage and errors are printed in Korean."""

    def parse_args(self, args=None, namespace=None):
        with _korean_argparse():
            return super().parse_args(args, namespace)

    def format_help(self) -> str:
        with _korean_argparse():
            return super().format_help()

    def format_usage(self) -> str:
        with _korean_argparse():
            return super().format_usage()


DESCRIPTION = ("터미널에서 딥러닝 수학을 공부하는 앱: 본문 읽기, 실습 패널, 퀴즈와 복습. "
               "명령 없이 실행하면 앱이 열립니다.")
EPILOG = f"""\
진행 기록 폴더는 --data-dir 폴더 또는 환경 변수 AIMATH_DATA_DIR로 정합니다(같은 뜻이며 \
--data-dir이 우선). 둘 다 없으면 사용자 데이터 폴더를 씁니다. 본문 캐시도 그 폴더의 cache/에 둡니다.

예:
  aimath                   앱 열기
  aimath export            진행 기록을 {DEFAULT_EXPORT}에 내보내기
  aimath import 백업.json  백업의 진행 기록 합치기 (이미 있는 풀이는 건너뜀)
  aimath serve             브라우저에서 쓰기: http://127.0.0.1:8000"""

SERVE_EPILOG = """\
브라우저 탭마다 aimath가 따로 실행되고, 모두 같은 진행 기록 폴더를 씁니다. Ctrl+C로 멈춥니다.

안전: 기본 주소 127.0.0.1은 이 컴퓨터에서만 열 수 있습니다. 다른 주소(예: --host 0.0.0.0)로 \
열면 그 포트에 닿는 누구나 이 학습자의 진행 기록을 보고 바꿀 수 있습니다(비밀번호 없음). \
믿을 수 있는 네트워크에서만 쓰세요. 다른 주소는 --host로 직접 적어야만 열립니다.

글꼴: 브라우저 화면은 설치된 한글 고정폭 글꼴(D2Coding, Noto Sans Mono CJK KR 등)을 씁니다. \
README의 "브라우저에서 쓰기"를 보세요."""


def _data_dir_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--data-dir", metavar="폴더", default=default,
                        help="진행 기록을 저장할 폴더 (AIMATH_DATA_DIR과 같음)")


def _help_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="이 도움말을 보고 끝냅니다")


def build_parser() -> argparse.ArgumentParser:
    """The ``aimath`` parser (Korean help; the command is optional)."""
    with _korean_argparse():
        parser = _Parser(prog="aimath", usage="aimath [옵션] [명령 ...]", description=DESCRIPTION,
                         epilog=EPILOG, formatter_class=_Formatter,
                         add_help=False)
        _help_option(parser)
        parser.add_argument("--version", action="version", version=f"aimath {VERSION}",
                            help="버전을 보고 끝냅니다")
        _data_dir_option(parser, None)
        sub = parser.add_subparsers(dest="command", metavar="명령", title="명령",
                                    help="아래 중 하나 (생략하면 앱이 열립니다)", parser_class=_Parser)
        sub_options = {"add_help": False, "formatter_class": _Formatter}

        def command(name, **options):
            parser = sub.add_parser(name, **options, **sub_options)
            _help_option(parser)
            return parser

        export = command("export", help=f"모든 진행 기록을 JSON 파일로 내보내기 (기본: {DEFAULT_EXPORT})",
                                usage="aimath export [옵션] [파일]")
        export.add_argument("file", metavar="파일", nargs="?", default=DEFAULT_EXPORT,
                            help=f"내보낼 JSON 파일 (생략하면 {DEFAULT_EXPORT}, 앱의 통계 화면과 같음)")
        imp = command("import", help="JSON 파일의 진행 기록을 합치기 (중복 없이)",
                             usage="aimath import [옵션] [파일]")
        imp.add_argument("file", metavar="파일", nargs="?", default=DEFAULT_EXPORT,
                         help=f"가져올 JSON 파일 (생략하면 {DEFAULT_EXPORT})")
        serve = command("serve", help="브라우저에서 쓰기 (웹 서버, 기본 http://127.0.0.1:8000)",
                               usage="aimath serve [--host 주소] [--port 포트] [--data-dir 폴더]",
                               description="aimath를 웹 브라우저에서 씁니다 (textual-serve).",
                               epilog=SERVE_EPILOG)
        serve.add_argument("--host", metavar="주소", default=None,
                           help="들을 주소 (기본 127.0.0.1: 이 컴퓨터에서만)")
        serve.add_argument("--port", metavar="포트", type=int, default=8000, help="포트 번호 (기본 8000)")
        for each in (export, imp, serve):
            _data_dir_option(each, argparse.SUPPRESS)
    return parser


# -- commands ------------------------------------------------------------------------------


def _open_store(data_dir: Path, writing: bool = True):
    """The store in ``data_dir``, or a Korean message (printed) and None."""
    from progress import open_store

    problem = data_dir_problem(data_dir, writing=writing)
    if problem is None:
        try:
            store = open_store(data_dir)
        except (OSError, ValueError, RuntimeError) as error:
            problem = f"진행 기록을 열 수 없습니다: {error}"
    if problem is not None:
        print(f"aimath: 오류: {problem}", file=sys.stderr)
        return None
    for warning in getattr(store, "warnings", []):
        print(warning, file=sys.stderr)
    return store


def transfer(command: str, file: str, data_dir: Path) -> int:
    """``aimath export`` / ``aimath import``: 0 on success, 1 with a Korean message otherwise."""
    path = Path(file).expanduser()
    store = _open_store(data_dir, writing=command != "export")
    if store is None:
        return 1
    try:
        if command == "export":
            store.export_json(path)
            print(f"진행 기록을 '{path}'에 내보냈습니다.")
        else:
            print(import_report(path, store.import_json(path)))
    except (OSError, ValueError, RuntimeError) as error:  # the store's messages are Korean
        verb = "내보내지" if command == "export" else "가져오지"
        message = os_reason(error) if isinstance(error, OSError) else error
        print(f"aimath: 오류: {verb} 못했습니다: {message}", file=sys.stderr)
        return 1
    finally:
        getattr(store, "close", lambda: None)()
    return 0


def run_app(data_dir: Path) -> int:
    """Open the terminal app on ``data_dir``."""
    problem = data_dir_problem(data_dir, writing=False)  # read-only: opens, says so, saves nothing
    if problem is not None:
        print(f"aimath: 오류: {problem}", file=sys.stderr)
        return 1
    from tui.app import create_app

    try:
        app = create_app(data_dir)
    except (OSError, ValueError, RuntimeError) as error:  # ContentError and store errors are Korean
        print(f"aimath: 오류: 시작할 수 없습니다: {error}", file=sys.stderr)
        return 1
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``aimath`` command."""
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    if args.command in ("export", "import"):
        return transfer(args.command, args.file, data_dir)
    if args.command == "serve":
        from tui.serve import serve

        return serve(args.host, args.port, data_dir)
    return run_app(data_dir)
