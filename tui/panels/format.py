"""Result formatting shared by the panels: numbers, arrays, tables, expressions.

One rule for digits everywhere: ``fmt_num`` gives 6 significant digits unless a panel
asks for more (curriculum numbers printed to 8 decimals); huge and tiny magnitudes use
exponent notation (``2.3e+14``, ``1e-09``). Long vectors and big matrices are summarised
with their shape instead of filling the screen.
"""

from __future__ import annotations

from typing import Any

from .mathtext import expr_text

__all__ = [
    "cell_width", "evenly_spaced", "expr_text", "fmt_array", "fmt_fixed", "fmt_num", "pad",
    "shape_text", "table",
]

VECTOR_SHOWN = 12  # a longer vector shows its head, "…", its tail and its length
MATRIX_SHOWN = 8  # rows/columns of a bigger matrix that are shown


def fmt_num(value: Any, digits: int = 6) -> str:
    """A scalar with up to ``digits`` significant digits (∞, -∞ and 정의 안 됨 for non-finite)."""
    import math

    try:
        value = float(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)
    if math.isnan(value):
        return "정의 안 됨"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    text = f"{value:.{digits}g}"
    if text in ("-0", "0"):
        return "0"
    return text


def fmt_fixed(value: Any, decimals: int = 4) -> str:
    """``value`` with exactly ``decimals`` decimals (no ``-0.0000``)."""
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _fmt_elem(value: float, precision: int) -> str:
    import numpy as np

    if not np.isfinite(value):
        return fmt_num(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1e15 or abs(value) < 10.0 ** (-precision):
        return f"{value:.{min(precision, 6)}g}"
    return np.format_float_positional(value, precision=precision, trim="-")


def _row(items, precision: int, limit: int) -> list[str]:
    cells = [_fmt_elem(float(v), precision) for v in items]
    if len(cells) > limit:
        head = limit - 3
        cells = cells[:head] + ["…"] + cells[-2:]
    return cells


def fmt_array(array: Any, precision: int = 8) -> str:
    """An array like NumPy prints it, without trailing dots: ``[5, 14, 2]``.

    Entries below 10^-(precision+2) in magnitude (rounding noise) print as 0. A vector
    longer than 12 shows its head and tail and ``(길이 n)``; a matrix bigger than 8×8
    shows its corner rows and columns and ``(모양 m×n)``.
    """
    import numpy as np

    arr = np.asarray(array, dtype=float)
    with np.errstate(invalid="ignore"):
        arr = np.where(np.abs(arr) < 10.0 ** (-precision - 2), 0.0, arr)
    if arr.ndim <= 1:
        items = np.atleast_1d(arr)
        text = "[" + ", ".join(_row(items, precision, VECTOR_SHOWN)) + "]"
        return text + (f"  (길이 {items.size})" if items.size > VECTOR_SHOWN else "")
    flat = arr.reshape(arr.shape[0], -1)
    picked = list(range(flat.shape[0]))
    if len(picked) > MATRIX_SHOWN:
        picked = picked[: MATRIX_SHOWN - 2] + [-1] + picked[-1:]
    cells = [["⋮"] if i < 0 else _row(flat[i], precision, MATRIX_SHOWN) for i in picked]
    width = max(len(c) for row in cells for c in row)
    rows = ["[" + ", ".join(c.rjust(width) for c in row) + "]" for row in cells]
    text = "[" + ",\n ".join(rows) + "]"
    big = flat.shape[0] > MATRIX_SHOWN or flat.shape[1] > MATRIX_SHOWN
    return text + (f"  (모양 {shape_text(arr)})" if big else "")


def cell_width(text: str) -> int:
    """Terminal cells taken by ``text`` (Hangul and other wide characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal cells."""
    return text + " " * max(0, width - cell_width(text))


def table(header: list[str], rows: list[list[str]], gap: int = 2) -> list[str]:
    """Left-aligned columns as wide as their widest cell (wide characters counted twice)."""
    widths = [max(cell_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = []
    for r in [header, *rows]:
        cells = [pad(str(c), w + gap) for c, w in zip(r[:-1], widths[:-1])]
        out.append(("".join(cells) + str(r[-1])).rstrip())
    return out


def shape_text(array: Any) -> str:
    """``3×2`` for an array or a shape tuple."""
    import numpy as np

    shape = tuple(array) if isinstance(array, tuple) else np.shape(array)
    return "×".join(str(n) for n in shape) or "스칼라"


def evenly_spaced(count: int, limit: int):
    """At most ``limit`` evenly spaced indices of ``range(count)``, first and last included."""
    import numpy as np

    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, max(2, limit)).round().astype(int))
