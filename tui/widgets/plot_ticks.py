"""Tick positions and labels for the plot layer: short labels, powers of ten, whole numbers."""

from __future__ import annotations

import math

from mathcore.glyphs import SUPERSCRIPT

_SUPERSCRIPT = str.maketrans({ch: SUPERSCRIPT[ch] for ch in "0123456789-"})  # exponents of ten


def tick_label(value: float, step: float) -> str:
    """A short tick label: ``0.25``, ``1200``, ``1e-9``, ``2.3e14``."""
    if abs(value) < abs(step) * 1e-6:
        return "0"
    big = max(abs(value), abs(step))
    if 1e-3 <= big < 1e5:
        decimals = next((d for d in range(7) if abs(round(step, d) - step) <= abs(step) * 1e-6), 6)
        return f"{value:.{decimals}f}"
    mantissa, _, exponent = f"{value:.3g}".partition("e")
    if not exponent:
        return mantissa
    return f"{mantissa}e{int(exponent)}"


def nice_ticks(lo: float, hi: float, count: int = 5, integer: bool = False) -> list[float]:
    """About ``count`` round tick positions in [lo, hi] (whole numbers when ``integer``)."""
    span = hi - lo
    if not (math.isfinite(span) and span > 0):
        return [lo]
    raw = span / max(1, count)
    mag = 10.0 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw * 0.999)
    if integer:
        step = max(1.0, float(round(step)))
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    k = 0
    while first + k * step <= hi + step * 1e-9 and k < 50:
        ticks.append(first + k * step)
        k += 1
    if len(ticks) < 3 and count < 12 and not (integer and step == 1.0):
        return nice_ticks(lo, hi, count * 2, integer)
    return ticks or [lo]


def power_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    """Ticks of a log10 axis at whole powers of ten, labelled ``10⁻³``."""
    first, last = math.ceil(lo - 1e-9), math.floor(hi + 1e-9)
    if last < first:
        first = last = round((lo + hi) / 2)
    stride = max(1, math.ceil((last - first + 1) / 6))
    powers = list(range(first, last + 1, stride))
    return [float(p) for p in powers], [("10" + str(p).translate(_SUPERSCRIPT)) if p not in (0, 1) else
                                        ("1" if p == 0 else "10") for p in powers]
