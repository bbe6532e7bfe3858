"""Toasts that keep every Korean character where they lie over other widgets.

Textual's compositor cuts each screen line at every widget edge ("cuts") and divides every
widget's line at those cuts, including the toast's line where it lies over the edges of the
widgets under it. A double-width character split by such a cut becomes two spaces
(``rich.segment.Segment.split_cells``): ``내보내기`` showed as ``내  내기`` over the dashboard's grid.

:class:`Toast` lays its lines out around the cuts instead: a wide character that would straddle
one moves right with its word (blank cells go before the word) and the line gives back as many
blank cells at its end, so the toast keeps its width and no character of it is ever split.
``install()`` makes Textual's toast rack build these toasts.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import _toast

Cell = tuple[str, object]  # (text of one cell, or of one double-width character; its style)


def _cells(strip: Strip) -> list[Cell] | None:
    """The strip as a list of cells, a wide character being one entry; None if it has controls."""
    cells: list[Cell] = []
    for text, style, control in strip:
        if control:
            return None
        for char in text:
            if get_character_cell_size(char) == 0 and cells:
                cells[-1] = (cells[-1][0] + char, cells[-1][1])  # combining mark: same cell
            else:
                cells.append((char, style))
    return cells


def _width(cell: Cell) -> int:
    return get_character_cell_size(cell[0][0])


def _straddles(word: list[Cell], x: int, is_cut) -> bool:
    """Whether some wide character of ``word``, drawn from column ``x``, lies across a cut."""
    for cell in word:
        width = _width(cell)
        if width == 2 and is_cut(x + 1):
            return True
        x += width
    return False


def _place(word: list[Cell], x: int, is_cut, budget: int) -> list[Cell]:
    """``word`` drawn from column ``x`` with blank cells so no wide character lies across a cut:
    the whole word moves right when a shift of at most ``budget`` cells clears it, else its
    characters move one by one."""
    style = word[0][1]
    for shift in range(min(budget, 6) + 1):
        if not _straddles(word, x + shift, is_cut):
            return [(" ", style)] * shift + word
    out: list[Cell] = []
    for cell in word:
        width = _width(cell)
        while width == 2 and is_cut(x + 1) and len(out) < 2 * len(word) + 8:
            out.append((" ", cell[1]))
            x += 1
        out.append(cell)
        x += width
    return out


def avoid_cuts(strip: Strip, x0: int, is_cut) -> Strip:
    """``strip`` (drawn from screen column ``x0``) with no wide character across a cut.

    ``is_cut(x)`` says whether the compositor cuts the line at screen column ``x``. Returns the
    strip unchanged when nothing straddles a cut or when the line has no blank cell to give back.
    """
    cells = _cells(strip)
    if cells is None:
        return strip
    trailing = 0
    while trailing < len(cells) and cells[-1 - trailing][0] == " ":
        trailing += 1
    out: list[Cell] = []
    x = x0
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and cells[j][0] != " ":
            j += 1
        if j == i:  # a blank cell
            out.append(cells[i])
            x, i = x + 1, i + 1
            continue
        placed = _place(cells[i:j], x, is_cut, trailing - 1 - (len(out) - i))
        out.extend(placed)
        x += sum(_width(cell) for cell in placed)
        i = j
    inserted = len(out) - len(cells)
    if not inserted:
        return strip
    if trailing < inserted:
        return strip  # no room to shift: leave the line as Textual draws it
    # Give back blank cells from the end of the text, keeping the last (padding) cell.
    tail = out[-1:] if trailing > inserted else []
    out = out[: len(out) - inserted - len(tail)] + tail
    return Strip(Segment.simplify([Segment(text, style) for text, style in out]), strip.cell_length)


class Toast(_toast.Toast):
    """Textual's toast, with its lines laid out around the compositor's cuts."""

    _laid_out: tuple | None = None  # (what was laid out, the lines) of the last render

    def render_lines(self, crop):
        strips = super().render_lines(crop)
        screen = self.screen
        region = self.region
        if not region or not strips:
            return strips
        # Redrawn whenever something under it is: reuse the last layout while the same lines
        # lie over the same widgets (sampled at both ends and the middle of every line).
        left, right = region.x, region.right
        rows = range(region.y + crop.y, region.y + crop.y + len(strips))
        key = (tuple(map(id, strips)), region, crop, tuple(
            (id(widget), where) for y in rows for x in (left + 1, (left + right) // 2, right - 1)
            for widget, where in screen.get_widgets_at(x, y)))
        if self._laid_out is not None and self._laid_out[0] == key:
            return self._laid_out[1]
        x0 = region.x + crop.x
        fixed = [avoid_cuts(strip, x0, _CutFinder(screen, y, left, right))
                 for y, strip in zip(rows, strips)]
        self._laid_out = (key, fixed)
        return fixed


class _CutFinder:
    """Whether the screen line ``y`` is cut at a column strictly inside (left, right).

    A cut is where some widget starts or ends: the widgets under column x differ from those
    under column x - 1 (``Screen.get_widgets_at``, Textual's public hit test).
    """

    def __init__(self, screen, y: int, left: int, right: int) -> None:
        self.screen, self.y, self.left, self.right = screen, y, left, right
        self._under: dict[int, frozenset[int]] = {}

    def _widgets(self, x: int) -> frozenset[int]:
        found = self._under.get(x)
        if found is None:
            found = frozenset(id(widget) for widget, _region in self.screen.get_widgets_at(x, self.y))
            self._under[x] = found
        return found

    def __call__(self, x: int) -> bool:
        if not self.left < x < self.right:
            return False
        return self._widgets(x) != self._widgets(x - 1)


def install() -> None:
    """Make Textual's toast rack build :class:`Toast` (it looks the class up in its module)."""
    _toast.Toast = Toast
