"""Problems in content files: :class:`ContentError` (Korean, with file and line) and the
Korean translation of TOML syntax errors.  Standard library only."""

from __future__ import annotations

import re

__all__ = ["ContentError", "raise_all", "toml_error"]


class ContentError(ValueError):
    """A problem in a content file. ``str()`` names the file (and line when known)."""

    def __init__(self, message: str, path: object = None, line: int | None = None,
                 problems: list[ContentError] | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.problems = problems or [self]
        super().__init__(self._format())

    def _format(self) -> str:
        if len(self.problems) > 1 or self.problems[0] is not self:
            return "\n".join(p._format() for p in self.problems)
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def raise_all(problems: list[ContentError]) -> None:
    """Raise the problems as one ContentError (no-op when empty)."""
    if not problems:
        return
    if len(problems) == 1:
        raise problems[0]
    err = ContentError(f"문제 {len(problems)}건", problems=problems)
    raise err


# tomllib's messages (Python 3.11), without their "(at line N, column M)" suffix, in Korean.
_TOML_MESSAGES = (
    (r"Invalid statement", "올바른 TOML 문장이 아닙니다"),
    (r"Expected '=' after a key in a key/value pair", "키(key) 뒤에 '='가 와야 합니다"),
    (r"Expected ']' at the end of a table declaration", "테이블 선언 끝에 ']'가 와야 합니다"),
    (r"Expected ']]' at the end of an array declaration",
     "배열 테이블 선언 끝에 ']]'가 와야 합니다"),
    (r"Expected (.+)", r"이 자리에는 \1 기호가 와야 합니다"),
    (r"Found invalid character (.+)", r"쓸 수 없는 문자입니다: \1"),
    (r"Cannot declare (.+) twice", r"같은 테이블을 두 번 선언했습니다: \1"),
    (r"Cannot overwrite a value", "이미 정해진 값을 다시 정의했습니다"),
    (r"Cannot mutate immutable namespace (.+)", r"이미 닫힌 테이블에 값을 더할 수 없습니다: \1"),
    (r"Cannot redefine namespace (.+)", r"테이블을 다시 정의할 수 없습니다: \1"),
    (r"Invalid initial character for a key part", "키(key)가 쓸 수 없는 문자로 시작합니다"),
    (r"Unclosed array", "배열의 닫는 ']'가 없습니다"),
    (r"Duplicate inline table key (.+)", r"인라인 테이블에 같은 키가 두 번 있습니다: \1"),
    (r"Unclosed inline table", "인라인 테이블의 닫는 '}'가 없습니다"),
    (r"Unescaped '\\' in a string", "문자열 안의 백슬래시는 두 번 써야 합니다 "
                                     "(LaTeX는 '...' 작은따옴표 문자열에 쓰면 편합니다)"),
    (r"Invalid hex value", "잘못된 16진수 이스케이프입니다"),
    (r"Escaped character is not a Unicode scalar value", "유니코드 문자가 아닌 이스케이프입니다"),
    (r"Unterminated string", "문자열을 닫는 따옴표가 없습니다"),
    (r"Illegal character '\\n'", "문자열이 줄 끝까지 닫히지 않았습니다 (닫는 따옴표가 없습니다)"),
    (r"Illegal character (.+)", r"쓸 수 없는 문자입니다: \1"),
    (r"Invalid date or datetime", "날짜/시간 값이 잘못되었습니다"),
    (r"Invalid value", "값이 잘못되었거나 빠졌습니다 (문자열은 따옴표로 감싸야 합니다)"),
)


def toml_error(err: Exception, source: str | None = None,
               line_offset: int = 0) -> tuple[str, int | None]:
    """A Korean ``(message, line)`` for a ``tomllib.TOMLDecodeError``.

    ``source`` (the TOML text) places "end of document" errors on its last line;
    ``line_offset`` is added to the line (TOML embedded after other lines of a file).
    """
    text = str(err)
    line = column = None
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", text)
    if m:
        line, column = int(m.group(1)) + line_offset, int(m.group(2))
        text = text[:m.start()]
    else:
        m = re.search(r"\s*\(at end of document\)\s*$", text)
        if m:
            text = text[:m.start()]
            if source is not None:
                line = source.rstrip("\n").count("\n") + 1 + line_offset
    detail = None
    for pattern, korean in _TOML_MESSAGES:
        hit = re.fullmatch(pattern, text)
        if hit:
            detail = hit.expand(korean) if hit.groups() else korean
            break
    if detail is None:  # a message this table does not know: keep tomllib's words
        detail = f"({text})"
    where = f"{column}열: " if column is not None else ""
    return f"TOML 문법 오류입니다 — {where}{detail}", line
