"""plotext's character matrix straight to rich ``Text`` lines, without the ANSI round trip.

``Figure.build()`` writes every cell as ANSI escape codes and ``Text.from_ansi`` parses them
back: for a panel plot that round trip cost more than drawing the plot. Here the matrix
plotext has just built (marker, colour, style and background per cell) becomes one ``Text``
per row with a span per run of equal colours — the same cells and styles, row for row.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

_STYLES: dict[tuple[str, str, str], Style] = {}


def _style(fg, style, bg) -> Style:
    """The rich Style of one plotext colour triple (parsed once from plotext's own ANSI code)."""
    key = (repr(fg), repr(style), repr(bg))
    found = _STYLES.get(key)
    if found is None:
        import plotext._utility as ut

        probe = Text.from_ansi(ut.colors_to_ansi(fg, style, bg) + "x" + ut.ansi_end)
        found = probe.spans[0].style if probe.spans else Style.null()
        if isinstance(found, str):
            found = Style.parse(found)
        _STYLES[key] = found
    return found


def built_lines(figure) -> list[Text]:
    """Build ``figure`` (a plotext figure with its size set) and return its rows, top first."""
    figure._set_sizes()
    figure._build_matrix()
    matrix = figure.monitor.matrix
    lines = []
    for row in range(matrix.rows - 1, -1, -1):
        marker, fg, st, bg = matrix.marker[row], matrix.fullground[row], matrix.style[row], matrix.background[row]
        text = Text()
        start = 0
        for col in range(1, matrix.cols + 1):
            if col == matrix.cols or fg[col] != fg[start] or st[col] != st[start] or bg[col] != bg[start]:
                text.append("".join(marker[start:col]), _style(fg[start], st[start], bg[start]))
                start = col
        lines.append(text)
    return lines
