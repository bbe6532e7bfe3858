"""Text fix-ups of the lesson reader: Korean emphasis, no-break wrapping, panel links.

Pure functions on strings and rich ``Text``; :mod:`tui.render` uses them while it renders.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.style import Style
from rich.text import Text

# CommonMark's flanking rules do not close ``**`` after punctuation when a letter follows, nor
# open it after a letter when punctuation follows: ``**지도학습(supervised learning)**입니다``
# stays literal. A zero-width space (not punctuation, not whitespace) next to such a run makes
# it flank; ``strip_flanks`` drops the zero-width spaces again. Code spans and fences are untouched.
ZWSP = "\u200b"
_PUNCT = r"""[)\]}"'”’.,:;!?%…》」』〉]"""
_OPEN_PUNCT = r"""[(\[{"'“‘`《「『〈]"""
_CLOSE_RE = re.compile(rf"(?<={_PUNCT})(\*\*)(?=\w)")
_OPEN_RE = re.compile(rf"(?<=\w)(\*\*)(?={_OPEN_PUNCT})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1")
_FENCE_LINE_RE = re.compile(r"^\s*(?:>\s?)*(`{3,}|~{3,})")


def flank_korean_emphasis(markdown: str) -> str:
    """``markdown`` with a zero-width space beside each ``**`` run CommonMark would leave literal."""
    if "**" not in markdown:
        return markdown
    out, fence = [], None
    for line in markdown.split("\n"):
        m = _FENCE_LINE_RE.match(line)
        if m:
            fence = None if fence and m.group(1).startswith(fence) else (fence or m.group(1)[:3])
        if fence or m or "**" not in line:
            out.append(line)
            continue
        pieces, pos = [], 0
        for span in _CODE_SPAN_RE.finditer(line):
            pieces.append(_flank(line[pos:span.start()]))
            pieces.append(span.group(0))
            pos = span.end()
        pieces.append(_flank(line[pos:]))
        out.append("".join(pieces))
    return "\n".join(out)


def _flank(text: str) -> str:
    text = _CLOSE_RE.sub(ZWSP + r"\1", text)
    return _OPEN_RE.sub(r"\1" + ZWSP, text)


# Inline formulas join their parts with no-break spaces; rich breaks lines at any Unicode space,
# so they are swapped for a private-use stand-in while wrapping and shown as plain spaces.
_NBSP, _GLUE = "\u00a0", "\ue000"


def wrap(text: Text, console: Console, width: int, **options) -> list[Text]:
    """``Text.wrap`` that never breaks a line at a no-break space."""
    if _NBSP not in text.plain:
        return list(text.wrap(console, width, **options))
    glued = text.copy()
    glued.plain = text.plain.replace(_NBSP, _GLUE)
    lines = list(glued.wrap(console, width, **options))
    for line in lines:
        line.plain = line.plain.replace(_GLUE, " ")
    return lines


def strip_flanks(content: str) -> str:
    """``content`` without the zero-width spaces :func:`flank_korean_emphasis` added."""
    return content.replace(ZWSP, "")


_PANEL_MARKER = re.compile(r"\[실습: ([a-z_]+\.[a-z_0-9]+)\]")


def _panel_titles() -> dict[str, str]:
    from tui.panels import all_panels

    return {pid: panel.title for pid, panel in all_panels().items()}


def append_with_panel_links(text: Text, content: str, style: Style | None, link: Style) -> None:
    """A lesson's ``[실습: panel.id]`` shows the panel's Korean title and opens it on a click."""
    if "[실습:" not in content:
        text.append(content, style)
        return
    titles = _panel_titles()
    start = 0
    for match in _PANEL_MARKER.finditer(content):
        panel_id = match.group(1)
        if panel_id not in titles:
            continue
        text.append(content[start:match.start()], style)
        action = f"app.open_panel('{panel_id}')"
        text.append(f"▶ 실습: {titles[panel_id]}", link + Style(meta={"@click": action, "panel": panel_id}))
        start = match.end()
    text.append(content[start:], style)
