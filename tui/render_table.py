"""Pipe tables of the lesson reader, drawn with box characters.

Columns keep their natural width when they fit; otherwise the widest shrink first and their cells
wrap. Pure: cells in, :class:`~textual.strip.Strip` lines out.
"""

from __future__ import annotations

from typing import Callable

from markdown_it.token import Token
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.render_text import wrap


def table_cells(tokens: list[Token], inline: Callable[[Token], Text]) -> tuple[list[list[Text]], list[str]]:
    """The rows of a table's tokens (header first, padded to one length) and each column's alignment."""
    rows: list[list[Text]] = []
    aligns: list[str] = []
    row: list[Text] = []
    header = True
    for tok in tokens:
        if tok.type in ("th_open", "td_open") and header:
            aligns.append((tok.attrGet("style") or "").replace("text-align:", "") or "left")
        elif tok.type == "inline":
            row.append(inline(tok))
        elif tok.type == "tr_close":
            rows.append(row)
            row = []
            header = False
    ncols = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend(Text("") for _ in range(ncols - len(r)))
    aligns.extend("left" for _ in range(ncols - len(aligns)))
    return rows, [a if a in ("left", "center", "right") else "left" for a in aligns]


def table_lines(rows: list[list[Text]], aligns: list[str], console: Console, lead: int, available: int,
                header: Style, border: Style) -> list[Strip]:
    """The table's lines: ``lead`` cells of indentation, at most ``available`` cells wide after it."""
    ncols = len(aligns)
    rows = [[Text(cell.plain, header) for cell in rows[0]], *rows[1:]]
    natural = [max(r[c].cell_len for r in rows) for c in range(ncols)]
    widths = fit_columns(natural, available - (3 * ncols + 1))
    indent = Segment(" " * lead)

    def rule(left: str, mid: str, right: str) -> Strip:
        body = mid.join("─" * (w + 2) for w in widths)
        return Strip([indent, Segment(left + body + right, border)])

    lines = [rule("╭", "┬", "╮")]
    for n, r in enumerate(rows):
        cells = [wrap(cell, console, w, justify=a, overflow="fold") for cell, w, a in zip(r, widths, aligns)]
        for k in range(max(len(c) for c in cells)):
            segments = [indent, Segment("│", border)]
            for c, w, a in zip(cells, widths, aligns):
                piece = c[k].copy() if k < len(c) else Text("")
                piece.rstrip()
                pad = w - piece.cell_len
                left = pad // 2 if a == "center" else (pad if a == "right" else 0)
                segments.append(Segment(" " * (1 + left)))
                segments.extend(piece.render(console))
                segments.append(Segment(" " * (1 + pad - left)))
                segments.append(Segment("│", border))
            lines.append(Strip(segments))
        if n == 0 and len(rows) > 1:
            lines.append(rule("├", "┼", "┤"))
    lines.append(rule("╰", "┴", "╯"))
    return lines


def fit_columns(natural: list[int], available: int) -> list[int]:
    """Column widths: natural widths if they fit, else the widest columns shrink first."""
    widths = [max(1, w) for w in natural]
    available = max(available, 3 * len(widths))
    while sum(widths) > available:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= 3:
            break
        widths[widest] -= 1
    return widths
