"""Find ``$...$`` / ``$$...$$`` math in lesson Markdown and quiz text and convert it to Unicode.

- :func:`convert_markdown` — lesson bodies: display formulas become fenced blocks with the info
  string ``math``; inline formulas become Markdown-escaped Unicode; ``\\$`` becomes ``$``; code
  spans and fenced code blocks are left alone.
- :func:`convert_plain` — quiz prompts, explanations, choices and hints: plain text (no Markdown
  escaping), display formulas on lines of their own.

Errors are reported as :class:`MathTextError` with the line number inside the given text.
"""

from __future__ import annotations

import re
from content.latex import FormulaError, to_unicode

__all__ = ["MathTextError", "convert_markdown", "convert_plain", "markdown_escape", "NBSP"]


class MathTextError(ValueError):
    """A formula that does not convert, or unbalanced ``$`` delimiters, at ``line`` (1-based)."""

    def __init__(self, message: str, line: int):
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"{self.line}행: {self.message}"


NBSP = "\u00a0"
# A hidden worked-value claim (see content/STYLE.md §6 and content/claims.py); never displayed.
CLAIM_RE = re.compile(r"<!--claim\s(.*?)-->")
_FENCE_RE = re.compile(r"^(\s*(?:>\s?)*)(`{3,}|~{3,})(.*)$")
_DISPLAY_RE = re.compile(r"^(\s*(?:>\s?)*)\$\$(.*)$")
_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~&#!"})


def markdown_escape(text: str) -> str:
    """Backslash-escape every character Markdown could read as syntax (incl. table pipes)."""
    return text.translate(_MD_ESCAPES)


def _convert(tex: str, display: bool, line: int, errors: list | None) -> str:
    try:
        return to_unicode(tex, display=display)
    except FormulaError as err:
        problem = MathTextError(str(err), line)
        if errors is None:
            raise problem from None
        errors.append(problem)
        return "?"


def _inline(line_text: str, lineno: int, errors: list | None, markdown: bool,
            glue: bool = False) -> str:
    """Convert the inline formulas of one line (code spans untouched).

    With ``glue`` a formula's inner spaces become no-break spaces, so it never breaks across lines.
    """
    out: list[str] = []
    i = 0
    n = len(line_text)
    while i < n:
        ch = line_text[i]
        if ch == "`" and markdown:
            i = _code_span(line_text, i, out)
        elif ch == "\\" and i + 1 < n:
            out.append("$" if line_text[i + 1] == "$" else line_text[i:i + 2])
            i += 2
        elif line_text.startswith("$$", i):
            i = _inline_display(line_text, i, lineno, errors, markdown, out)
        elif ch == "$":
            i = _inline_formula(line_text, i, lineno, errors, markdown, glue, out)
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _code_span(text: str, i: int, out: list[str]) -> int:
    """Copy the code span starting at ``text[i]`` (a lone backtick run as it is); the next index."""
    run = re.match(r"`+", text[i:]).group(0)
    close = text.find(run, i + len(run))
    end = i + len(run) if close == -1 else close + len(run)
    out.append(text[i:end])
    return end


def _inline_display(text: str, i: int, lineno: int, errors: list | None, markdown: bool,
                    out: list[str]) -> int:
    """A ``$$…$$`` inside a line: an error in a lesson, its own lines in quiz text; the next index."""
    close = text.find("$$", i + 2)
    if markdown:
        _report(errors, "별행 수식의 '$$'는 한 줄에 따로 써야 합니다", lineno)
        out.append("?")
        return len(text) if close == -1 else close + 2
    if close == -1:
        _report(errors, "'$$'로 연 수식이 닫히지 않았습니다", lineno)
        return len(text)
    out.append("\n" + _convert(text[i + 2:close], True, lineno, errors) + "\n")
    return close + 2


def _inline_formula(text: str, i: int, lineno: int, errors: list | None, markdown: bool, glue: bool,
                    out: list[str]) -> int:
    """The ``$…$`` formula opened at ``text[i]``, converted; the next index."""
    close = _closing_dollar(text, i + 1)
    if close == -1:
        _report(errors, "'$'로 연 수식이 닫히지 않았습니다 "
                        "(달러 기호 자체는 '\\$'로 쓰세요)", lineno)
        out.append(text[i + 1:].replace("$", ""))
        return len(text)
    tex = text[i + 1:close]
    if not tex.strip():
        _report(errors, "'$' 사이에 수식이 없습니다 (빈 수식)", lineno)
        return close + 1
    shown = _convert(tex, False, lineno, errors)
    if glue:
        shown = shown.replace(" ", NBSP)
    out.append(markdown_escape(shown) if markdown else shown)
    return close + 1


def _closing_dollar(text: str, start: int) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "$":
            return i
        i += 1
    return -1


def _report(errors: list | None, message: str, line: int) -> None:
    problem = MathTextError(message, line)
    if errors is None:
        raise problem
    errors.append(problem)


def convert_markdown(text: str, first_line: int = 1, errors: list | None = None) -> str:
    """Lesson Markdown with every formula converted.

    ``first_line`` is the file line number of ``text``'s first line (for messages). With an
    ``errors`` list, problems are appended there and conversion goes on; without, the first
    problem raises :class:`MathTextError`.
    """
    lines = strip_claims(text).split("\n")
    out: list[str] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if fence is not None:
            stripped = line.strip().lstrip(">").strip()
            if stripped.startswith(fence) and set(stripped) <= {fence[0]}:
                fence = None
        elif m := _FENCE_RE.match(line):
            fence = m.group(2)
        elif m := _DISPLAY_RE.match(line):
            prefix, start = m.group(1), first_line + i
            parts, i = _display_block(lines, i, prefix, m.group(2), start, errors)
            if parts is None:
                break
            shown = _convert("\n".join(parts), True, start, errors)
            out.append(prefix + "```math")
            out.extend(prefix + row for row in shown.split("\n"))
            out.append(prefix + "```")
            continue
        else:
            line = _inline(line, first_line + i, errors, markdown=True, glue=not line.lstrip().startswith("#"))
        out.append(line)
        i += 1
    return "\n".join(out)


def _display_block(lines: list[str], i: int, prefix: str, rest: str, start: int,
                   errors: list | None) -> tuple[list[str] | None, int]:
    """The formula lines of the ``$$`` block opened at ``lines[i]`` and the index after it; None
    (reported) when no ``$$`` line closes it."""
    if rest.rstrip().endswith("$$") and rest.strip():
        return [rest.rstrip()[:-2]], i + 1
    parts = [rest]
    for k in range(i + 1, len(lines)):
        body = lines[k]
        if prefix and body.startswith(prefix.rstrip()):
            body = body[len(prefix.rstrip()):]
        if body.rstrip().endswith("$$"):
            parts.append(body.rstrip()[:-2])
            return parts, k + 1
        parts.append(body)
    _report(errors, "'$$'로 연 별행 수식을 닫는 '$$' 줄이 없습니다", start)
    return None, len(lines)


def strip_claims(text: str) -> str:
    """``text`` without claim marks (a line that held only claims becomes blank: line numbers
    in messages stay those of the file)."""
    if "<!--claim" not in text:
        return text
    kept = []
    for line in text.split("\n"):
        if "<!--claim" in line:
            bare = CLAIM_RE.sub("", line)
            if not bare.strip():
                kept.append("")
                continue
            line = bare.rstrip() if line.rstrip().endswith("-->") else bare
        kept.append(line)
    return "\n".join(kept)


def convert_plain(text: str, errors: list | None = None) -> str:
    """Quiz text with formulas converted to plain Unicode (no Markdown escaping).

    ``$$…$$`` (which may span lines) becomes a block on lines of its own.
    """
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"(?<!\\)\$\$(.+?)\$\$", text, re.S):
        before = _plain_lines(text[pos:m.start()], text.count("\n", 0, pos) + 1, errors)
        out.append(before.rstrip(" \t") if pos == 0 else before.strip(" \t"))
        line = text.count("\n", 0, m.start()) + 1
        block = _convert(m.group(1), True, line, errors)
        out.append(("\n" if out[-1] and not out[-1].endswith("\n") else "") + block + "\n")
        pos = m.end()
    rest = _plain_lines(text[pos:], text.count("\n", 0, pos) + 1, errors)
    if not pos:
        return rest
    out.append(rest.lstrip(" \t").removeprefix("\n"))
    return "".join(out).rstrip("\n")


def _plain_lines(text: str, first_line: int, errors: list | None) -> str:
    return "\n".join(_inline(line, first_line + n, errors, markdown=False)
                     for n, line in enumerate(text.split("\n")))
