"""Multi-line text blocks (matrices, cases) and tall delimiters."""

from __future__ import annotations

from content.latex.symbols import cell_width
from mathcore.glyphs import TALL_DELIMITERS


class _Box:
    """A multi-line block; ``baseline`` is the row that lines up with surrounding text."""

    __slots__ = ("lines", "baseline")

    def __init__(self, lines: list[str], baseline: int):
        self.lines = lines
        self.baseline = baseline

    @property
    def width(self) -> int:
        return max((cell_width(line) for line in self.lines), default=0)


def _pad(text: str, width: int, align: str = "left") -> str:
    gap = width - cell_width(text)
    if gap <= 0:
        return text
    if align == "right":
        return " " * gap + text
    if align == "center":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def _hcat(parts: list) -> _Box:
    above = max((p.baseline if isinstance(p, _Box) else 0) for p in parts)
    below = max(((len(p.lines) - 1 - p.baseline) if isinstance(p, _Box) else 0) for p in parts)
    height = above + below + 1
    lines = [""] * height
    for part in parts:
        box = part if isinstance(part, _Box) else _Box([part], 0)
        width = box.width
        top = above - box.baseline
        for row in range(height):
            idx = row - top
            text = box.lines[idx] if 0 <= idx < len(box.lines) else ""
            lines[row] += _pad(text, width)
    return _Box(lines, above)


def _tall_delimiter(delim: str, height: int, baseline: int) -> _Box:
    if not delim:
        return _Box([""] * height, baseline)
    if height == 1 or delim not in TALL_DELIMITERS:
        return _Box([delim] * height, baseline)
    top, mid, bottom, centre = TALL_DELIMITERS[delim]
    lines = [top] + [mid] * (height - 2) + [bottom]
    if delim in "{}" and height >= 3:
        lines[(height - 1) // 2] = centre
    return _Box(lines, baseline)


# --------------------------------------------------------------------------- renderer


