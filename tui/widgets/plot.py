"""The one safe plot layer: every plot in the app is drawn from a ``PlotSpec`` here.

``render_spec(plot, spec, width, height, theme)`` turns a spec into terminal text with
plotext and never raises. On the way it

- leaves out points that are NaN, infinite or too big to draw (|v| > 1e100), and points
  a log axis cannot show (≤ 0), and says under the plot how many and why;
- clips a few far outliers (a pole of f) so the rest stays readable, and says so;
- labels ticks itself: ``1e-9``, ``2.3e14``, never 60 digits; log axes as powers of ten
  (``10⁻³``); integer ticks for counts and iterations (``xint`` / ``yint``);
- keeps one unit equally long on both axes for geometric plots (``equal_aspect``);
- draws the legend as a row under the plot, so it never covers the data;
- puts a Korean sentence in the plot's place when nothing can be drawn.

``SpecPlot`` is the widget (a ``PlotextPlot``) panels, the dashboard and the notebook
use; it keeps the last renders in one small cache keyed by spec, size, theme and
highlighted point.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual_plotext import PlotextPlot

from tui.panels import PlotSpec
from tui.panels.format import evenly_spaced
from tui.widgets.plot_canvas import built_lines
from tui.widgets.plot_ticks import nice_ticks, power_ticks, tick_label

__all__ = ["SpecPlot", "fit_wide_line", "nice_ticks", "render_spec", "tick_label"]

LOG = logging.getLogger("aimath.plot")
POINTS_PER_COLUMN = 2  # series are thinned to this many points per plot column
TOO_BIG = 1e100  # plotext's arithmetic overflows on larger magnitudes
PALETTE = (("blue+", "bright_blue"), ("orange", "dark_orange"), ("green+", "bright_green"),
           ("magenta+", "bright_magenta"), ("cyan+", "bright_cyan"), ("yellow", "yellow"),
           ("red+", "bright_red"), ("gray", "grey50"))
_CACHE: OrderedDict[tuple, tuple[PlotSpec, Text]] = OrderedDict()
_CACHE_SIZE = 96


# ---------------------------------------------------------------- cleaning


class _Cleaned:
    """Finite, drawable series of a spec plus the notes to show under the plot."""

    def __init__(self) -> None:
        self.series: list[tuple[Any, list, list, str, str, str]] = []  # (series, xs, ys, kind, color, rich)
        self.bars: list[tuple[Any, list, list, str, str]] = []
        self.dropped = 0
        self.nonpositive = 0
        self.clipped = 0


def _as_floats(values) -> "Any":
    import numpy as np

    try:
        arr = np.asarray(values, dtype=float).reshape(-1)
    except (TypeError, ValueError, OverflowError):
        arr = np.array([float(v) if isinstance(v, (int, float)) else np.nan for v in values], dtype=float)
    return arr


def _clean(spec: PlotSpec) -> _Cleaned:
    import numpy as np

    out = _Cleaned()
    for index, s in enumerate(spec.series):
        kind = s.kind or spec.kind
        plotext_color, rich_color = PALETTE[index % len(PALETTE)]
        if kind == "bar":
            ys = _as_floats(s.y)
            good = np.isfinite(ys) & (np.abs(ys) <= TOO_BIG)
            out.dropped += int((~good).sum())
            labels = [str(v) for v in s.x][: ys.size]
            out.bars.append((s, labels, np.where(good, ys, 0.0).tolist(), plotext_color, rich_color))
            continue
        if kind == "hist":
            samples = _as_floats(s.y)
            good = np.isfinite(samples) & (np.abs(samples) <= TOO_BIG)
            out.dropped += int((~good).sum())
            samples = samples[good]
            if samples.size:
                counts, edges = np.histogram(samples, bins=max(1, int(spec.bins)))
                xs = ((edges[:-1] + edges[1:]) / 2)
                out.series.append((s, xs, counts.astype(float), "hist", plotext_color, rich_color))
            continue
        ys = _as_floats(s.y)
        xs = _as_floats(s.x) if len(s.x) else np.arange(ys.size, dtype=float)
        n = min(xs.size, ys.size)
        xs, ys = xs[:n], ys[:n]
        good = np.isfinite(xs) & np.isfinite(ys) & (np.abs(xs) <= TOO_BIG) & (np.abs(ys) <= TOO_BIG)
        out.dropped += int((~good).sum())
        xs, ys = xs[good], ys[good]
        for log, axis in ((spec.ylog, "y"), (spec.xlog, "x")):
            if log:
                keep = (ys if axis == "y" else xs) > 0
                out.nonpositive += int((~keep).sum())
                xs, ys = xs[keep], ys[keep]
        out.series.append((s, xs, ys, kind, plotext_color, rich_color))
    return out


def _robust_ylim(cleaned: _Cleaned, spec: PlotSpec) -> tuple[float, float] | None:
    """A y range without far outliers (a pole of f), or None when every point fits well."""
    import numpy as np

    if spec.ylim is not None or spec.ylog:
        return None
    ys = [c[2] for c in cleaned.series if c[3] != "hist" and len(c[2])]
    if not ys:
        return None
    allys = np.concatenate(ys)
    if allys.size < 20:
        return None
    q_lo, q_hi = np.percentile(allys, [5, 95])
    inner = q_hi - q_lo
    full = float(allys.max() - allys.min())
    if not inner > 0 or full <= 8 * inner:
        return None
    margin = 0.15 * inner
    lo, hi = float(q_lo - margin), float(q_hi + margin)
    for i, (s, xs, ys_, kind, pc, rc) in enumerate(cleaned.series):
        if kind == "hist":
            continue
        inside = (ys_ >= lo) & (ys_ <= hi)
        cleaned.clipped += int((~inside).sum())
        cleaned.series[i] = (s, xs[inside], ys_[inside], kind, pc, rc)
    return lo, hi


# ---------------------------------------------------------------- drawing


def _span(values: list, fixed: tuple[float, float] | None) -> tuple[float, float]:
    if fixed is not None and all(math.isfinite(v) for v in fixed) and fixed[1] > fixed[0]:
        return float(fixed[0]), float(fixed[1])
    finite = [float(v) for v in values if math.isfinite(v)]
    if not finite:
        return 0.0, 1.0
    lo, hi = min(finite), max(finite)
    if hi - lo <= 1e-12 * max(abs(lo), abs(hi), 1e-300):
        pad = max(abs(lo) * 0.1, 0.5)
        return lo - pad, hi + pad
    pad = 0.04 * (hi - lo)
    return lo - pad, hi + pad


def _equalise(xr, yr, width: int, height: int):
    """Widen one range so a unit is as long across as up (a cell is about twice as tall as wide)."""
    cols, rows = max(4, width - 10), max(2, height - 4)
    (x0, x1), (y0, y1) = xr, yr
    per_col, per_row = (x1 - x0) / cols, (y1 - y0) / rows
    if per_row > 2 * per_col:  # y needs more room: widen x
        half = per_row / 2 * cols / 2
        mid = (x0 + x1) / 2
        return (mid - half, mid + half), yr
    half = 2 * per_col * rows / 2
    mid = (y0 + y1) / 2
    return xr, (mid - half, mid + half)


def _draw(plt, spec: PlotSpec, cleaned: _Cleaned, width: int, height: int, highlight) -> list[tuple[str, str]]:
    """Draw ``cleaned`` on plotext's ``plt``; returns the legend entries (label, rich colour)."""
    import numpy as np

    plt.clear_figure()
    limit = max(20, POINTS_PER_COLUMN * width)
    legend: list[tuple[str, str]] = []
    robust = _robust_ylim(cleaned, spec)
    if cleaned.bars:
        labels = cleaned.bars[0][1]
        if len(cleaned.bars) == 1:
            plt.bar(labels, cleaned.bars[0][2], color=cleaned.bars[0][3])
        else:
            plt.multiple_bar(labels, [b[2] for b in cleaned.bars], color=[b[3] for b in cleaned.bars])
        legend += [(b[0].label, b[4]) for b in cleaned.bars if b[0].label]
        if spec.yint:
            _bar_axes(plt, spec, cleaned, height)
    xs_all: list[float] = []
    ys_all: list[float] = []
    for s, xs, ys, kind, color, rich in cleaned.series:
        if not len(ys):
            continue
        if spec.ylog and kind != "hist":
            ys = np.log10(ys)
        if spec.xlog and kind != "hist":
            xs = np.log10(xs)
        if kind != "hist" and len(ys) > limit:
            pick = evenly_spaced(len(ys), limit)
            xs, ys = xs[pick], ys[pick]
        xs_l, ys_l = np.asarray(xs, dtype=float).tolist(), np.asarray(ys, dtype=float).tolist()
        xs_all += xs_l
        ys_all += ys_l
        if kind == "hist":
            plt.bar(xs_l, ys_l, color=color, width=0.9)
        elif kind == "scatter":
            plt.scatter(xs_l, ys_l, marker=s.marker or "hd", color=s.color or color)
        else:
            plt.plot(xs_l, ys_l, marker=s.marker or "braille", color=s.color or color)
        if s.label:
            legend.append((s.label, rich))
    if not cleaned.bars:
        _axes(plt, spec, xs_all, ys_all, robust, width, height)
    for x in spec.vlines:
        if math.isfinite(x):
            plt.vline(math.log10(x) if spec.xlog and x > 0 else x, "gray")
    if highlight is not None:
        hx, hy = (float(v) for v in highlight[:2])
        if spec.ylog:
            hy = math.log10(hy) if hy > 0 else math.nan
        if spec.xlog:
            hx = math.log10(hx) if hx > 0 else math.nan
        if math.isfinite(hx) and math.isfinite(hy) and abs(hx) <= TOO_BIG and abs(hy) <= TOO_BIG:
            plt.scatter([hx], [hy], marker="●", color="red")
            label = spec.highlight[2] if spec.highlight is not None else "현재"
            legend.append(("● " + label, "red"))
    plt.title(spec.title)
    plt.xlabel(spec.xlabel)
    plt.ylabel(spec.ylabel)
    return legend


def _axes(plt, spec: PlotSpec, xs: list, ys: list, robust, width: int, height: int) -> None:
    xlim = spec.xlim if not spec.xlog else None
    ylim = robust or (spec.ylim if not spec.ylog else None)
    xr, yr = _span(xs, xlim), _span(ys, ylim)
    if spec.equal_aspect:
        xr, yr = _equalise(xr, yr, width, height)
    plt.xlim(*xr)
    plt.ylim(*yr)
    for axis, (lo, hi), log, integer in (("x", xr, spec.xlog, spec.xint), ("y", yr, spec.ylog, spec.yint)):
        if log:
            ticks, labels = power_ticks(lo, hi)
        else:
            count = 5 if axis == "x" else max(3, min(5, (height - 4) // 3))
            ticks = nice_ticks(lo, hi, count, integer)
            step = ticks[1] - ticks[0] if len(ticks) > 1 else max(abs(hi - lo), 1e-300)
            labels = [tick_label(t, step) for t in ticks]
        (plt.xticks if axis == "x" else plt.yticks)(ticks, labels)


def _bar_axes(plt, spec: PlotSpec, cleaned: _Cleaned, height: int) -> None:
    """Bar charts of counts (``yint``): whole-number y ticks and at most ~6 x labels."""
    labels = cleaned.bars[0][1]
    top = max((max(b[2], default=0.0) for b in cleaned.bars), default=0.0)
    bottom = min((min(b[2], default=0.0) for b in cleaned.bars), default=0.0)
    lo, hi = spec.ylim or (min(0.0, bottom * 1.15), max(1.0, top * 1.15))
    ticks = nice_ticks(lo, hi, max(3, min(5, (height - 4) // 3)), spec.yint)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else max(abs(hi - lo), 1e-300)
    plt.ylim(lo, hi)
    plt.yticks(ticks, [tick_label(t, step) for t in ticks])
    if len(labels) > 15:  # keep the last (today's) label, then every k-th one before it
        keep = list(range(len(labels) - 1, -1, -max(1, len(labels) // 5)))[::-1]
        plt.xticks([k + 1 for k in keep], [labels[k] for k in keep])


def _footer(legend: list[tuple[str, str]], cleaned: _Cleaned, spec: PlotSpec) -> list[Text]:
    rows: list[Text] = []
    if legend:
        row = Text()
        for label, color in legend:
            mark = "" if label.startswith("●") else "━ "
            row.append(mark + label, style=color)
            row.append("   ")
        rows.append(row)
    notes = []
    if cleaned.dropped:
        notes.append(f"정의되지 않거나 무한대이거나 너무 큰 값 {cleaned.dropped}개는 빼고 그렸습니다")
    if cleaned.nonpositive:
        notes.append(f"로그 눈금에 그릴 수 없는 0 이하의 값 {cleaned.nonpositive}개는 뺐습니다")
    if cleaned.clipped:
        notes.append(f"범위를 크게 벗어난 점 {cleaned.clipped}개는 잘라 냈습니다 (극점 근처 등)")
    if notes:
        rows.append(Text("ⓘ " + "; ".join(notes) + ".", style="italic"))
    return rows


def render_spec(plot, spec: PlotSpec, width: int, height: int, theme: str, highlight=None) -> Text:
    """``spec`` as terminal text ``width`` × ``height`` drawn with ``plot`` (a textual-plotext Plot).

    Never raises: whatever goes wrong becomes a Korean sentence in the plot's place.
    """
    if width < 10 or height < 4:
        return Text("")
    try:
        cleaned = _clean(spec)
        drawable = any(len(c[2]) for c in cleaned.series) or cleaned.bars
        if not drawable:
            return _message(spec, "그릴 수 있는 점이 없습니다: 모든 값이 정의되지 않거나 무한대입니다.", height)
        footer_rows = 2 if (cleaned.dropped or cleaned.nonpositive) else 1
        canvas = max(4, height - footer_rows - (1 if footer_rows == 1 else 0))
        legend = _draw(plot, spec, cleaned, width, canvas, highlight)
        footer = _footer(legend, cleaned, spec)
        canvas = max(4, height - len(footer))
        plot.plotsize(width, canvas)
        plot._set_size(width, canvas)
        plot.theme(theme)
        lines = [fit_wide_line(line, width) for line in built_lines(plot)][:canvas]
        for row in footer:
            row.truncate(width)
            lines.append(row)
        return Text("\n").join(lines)
    except Exception:  # noqa: BLE001 - a plot must never take the app down
        LOG.exception("plot failed: %s", spec.title)
        return _message(spec, "이 그래프는 그릴 수 없습니다 (값의 범위가 그리기에 알맞지 않습니다).", height)


def _message(spec: PlotSpec, reason: str, height: int) -> Text:
    text = Text(spec.title + "\n", style="bold") if spec.title else Text()
    text.append("\n" * max(0, height // 2 - 2))
    text.append("  ⓘ " + reason, style="italic")
    return text


def fit_wide_line(line: Text, width: int) -> Text:
    """Undo plotext's one-cell-per-character assumption for wide (Korean) characters.

    plotext pads each row to ``width`` characters, but a Hangul syllable takes two
    cells; remove as many blanks as there are extra cells from a run of blanks.
    """
    plain = line.plain
    extra = cell_len(plain) - len(plain)
    if extra <= 0:
        return line
    last_wide = max(i for i, ch in enumerate(plain) if cell_len(ch) > 1)
    start = plain.find(" " * extra, last_wide)
    if start < 0:
        start = plain.find(" " * extra)
    if start >= 0:
        return line[:start] + line[start + extra:]
    line.truncate(width)
    return line


class SpecPlot(PlotextPlot):
    """A plot widget drawn from a :class:`PlotSpec`, with an optional highlighted point."""

    DEFAULT_CSS = """
    SpecPlot {
        height: 18;
        width: 1fr;
        min-width: 30;
    }
    """

    highlight: reactive[tuple[float, float] | None] = reactive(None, repaint=True)

    def __init__(self, spec: PlotSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        if spec.highlight is not None:
            self.set_reactive(SpecPlot.highlight, (spec.highlight[0], spec.highlight[1]))

    def show_spec(self, spec: PlotSpec) -> None:
        """Draw another spec in this widget."""
        self.spec = spec
        point = None if spec.highlight is None else (spec.highlight[0], spec.highlight[1])
        self.set_reactive(SpecPlot.highlight, point)
        self.refresh()

    def render(self):
        width, height = self.size.width, self.size.height
        theme = self._get_plotext_theme_name(self.app.theme)
        key = (id(self.spec), width, height, theme, self.highlight)
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is self.spec:
            _CACHE.move_to_end(key)
            return hit[1]
        text = render_spec(self._plot, self.spec, width, height, theme, self.highlight)
        _CACHE[key] = (self.spec, text)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return text
