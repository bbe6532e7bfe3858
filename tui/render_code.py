"""Syntax highlighting of the lesson reader's code blocks (Pygments → rich ``Text``)."""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from rich.text import Text


@lru_cache(maxsize=256)
def highlight_code(code: str, lang: str, dark: bool) -> tuple[Text, ...]:
    """Syntax-highlight ``code`` with Pygments into one Text per source line (width-free)."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(lang or "text")
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    styles = _token_styles("monokai" if dark else "friendly")
    default = Style(color="#f8f8f2" if dark else "#1f1f1f")
    lines: list[Text] = [Text()]
    for ttype, value in lexer.get_tokens(code):
        style = styles(ttype) or default
        parts = value.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append(Text())
            if part:
                lines[-1].append(part, style)
    if lines and not lines[-1].plain:
        lines.pop()
    return tuple(lines)


@lru_cache(maxsize=4)
def _token_styles(name: str):
    from pygments.styles import get_style_by_name

    pyg = get_style_by_name(name)
    cache: dict = {}

    def lookup(ttype) -> Style | None:
        if ttype not in cache:
            spec = pyg.style_for_token(ttype)
            color = spec.get("color")
            cache[ttype] = Style(color=f"#{color}" if color else None,
                                 bold=spec.get("bold") or None, italic=spec.get("italic") or None)
        return cache[ttype]

    return lookup


#: Marks a wrapped code line's continuation (muted, in the hanging indent).
CONTINUATION = "↪ "


def wrap_code_line(line: Text, console, width: int) -> list[tuple[int, Text]]:
    """One source line folded to ``width`` cells: (indent, piece) pairs.

    Continuation pieces hang under the line's own text, two cells further in, after a
    ``↪`` mark, so a wrapped line never looks like a new line of code.
    """
    pieces = line.wrap(console, width, overflow="fold", no_wrap=False)
    if len(pieces) <= 1:
        return [(0, piece) for piece in pieces]
    plain = line.plain
    hang = min(len(plain) - len(plain.lstrip(" ")) + len(CONTINUATION), width // 2)
    first = pieces[0]
    rest = line[len(first.plain):]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]
    out = [(0, first)]
    for piece in rest.wrap(console, width - hang, overflow="fold", no_wrap=False):
        out.append((hang, piece))
    return out
