"""Runnable panels: each lesson's calculations as declarative specs.

A panel is plain data (its input fields with Korean labels and defaults) plus a
pure ``compute(values) -> PanelResult`` that parses the fields with
``mathcore.parse`` and calls ``mathcore`` for the math. One widget
(``tui.widgets.panel_view.PanelView``) renders any panel.

Nothing here imports Textual, NumPy or SymPy at module level: the specs are
cheap to list (the command palette does) and the heavy imports happen on the
first run.

Progress / cancel hook: a long-running panel's ``compute`` accepts an optional
second argument, a :class:`Progress`. The view passes one whose ``report``
updates the progress bar and whose ``cancelled`` checks the worker; the
computation calls ``progress.update(done, total, message)`` between chunks,
which raises :class:`Cancelled` once the user cancelled. ``Panel.run(values,
progress)`` hides the difference between the two kinds of panels.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable, Sequence

__all__ = [
    "Cancelled",
    "Field",
    "Frame",
    "Panel",
    "PanelResult",
    "PlotSpec",
    "Progress",
    "Series",
    "all_panels",
    "get_panel",
    "LESSON_MODULES",
]


@dataclass(frozen=True)
class Field:
    """One input of a panel: ``name`` is the key in ``values``; ``label`` is Korean.

    With ``choices`` (a tuple of strings) the view shows a selector and ``default``
    must be one of them.
    """

    name: str
    label: str
    default: str
    help: str = ""
    choices: tuple[str, ...] = ()


@dataclass
class Series:
    """One data series of a plot.

    ``kind`` overrides the plot's kind for this series ("line", "scatter",
    "bar", "hist"); ``label`` is the Korean legend entry. For "hist" only ``y``
    (the samples) is used; for "bar" ``x`` may hold category names.
    """

    x: Sequence[Any]
    y: Sequence[float]
    label: str = ""
    kind: str | None = None
    color: str | None = None
    marker: str | None = None


@dataclass
class PlotSpec:
    """A plot for the view to draw with plotext (titles and labels in Korean).

    ``highlight`` is an optional ``(x, y, label)`` point drawn on top (the
    current iterate during playback). ``ylog`` draws the y axis in log scale;
    ``bins`` is used by histogram series; ``vlines`` are x positions of
    vertical guide lines.
    """

    kind: str = "line"
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    series: list[Series] = dc_field(default_factory=list)
    highlight: tuple[float, float, str] | None = None
    ylog: bool = False
    bins: int = 20
    vlines: list[float] = dc_field(default_factory=list)
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None


@dataclass
class Frame:
    """One step of a playback: a Korean status line and the point to highlight
    in each plot (plot index -> ``(x, y)``)."""

    text: str
    highlights: dict[int, tuple[float, float]] = dc_field(default_factory=dict)


@dataclass
class PanelResult:
    """What a run produced: ``text`` for the reader, ``plots`` for the view,
    ``data`` with the raw numbers (for tests), ``frames`` for playback."""

    text: str
    plots: list[PlotSpec] = dc_field(default_factory=list)
    data: dict[str, Any] = dc_field(default_factory=dict)
    frames: list[Frame] | None = None


class Cancelled(Exception):
    """Raised inside a computation when the user cancelled it."""


class Progress:
    """Progress / cancel hook handed to long-running computations.

    ``report(fraction, message)`` is called with a fraction in [0, 1];
    ``cancelled()`` says whether the run should stop. Both default to no-ops,
    so ``Progress()`` is a valid hook for tests and scripts.
    """

    def __init__(
        self,
        report: Callable[[float, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self._report = report
        self._cancelled = cancelled

    def check(self) -> None:
        """Raise :class:`Cancelled` if the run was cancelled."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()

    def update(self, done: float, total: float, message: str = "") -> None:
        """Report ``done`` out of ``total``; raises :class:`Cancelled` when cancelled."""
        self.check()
        if self._report is not None:
            fraction = 0.0 if total <= 0 else min(1.0, max(0.0, done / total))
            self._report(fraction, message)


@dataclass
class Panel:
    """A runnable panel: declarative spec plus a pure compute function.

    ``compute(values)`` — or ``compute(values, progress)`` when
    ``long_running`` — returns a :class:`PanelResult` and raises
    ``mathcore.InputError`` (with ``field`` set) for bad input.
    """

    id: str
    title: str
    lesson: str
    fields: list[Field]
    compute: Callable[..., PanelResult]
    description: str = ""
    long_running: bool = False
    playback: bool = False

    def defaults(self) -> dict[str, str]:
        """The default value of every field, as the form shows it."""
        return {f.name: f.default for f in self.fields}

    def run(self, values: dict[str, str] | None = None, progress: Progress | None = None) -> PanelResult:
        """Run with ``values`` (missing fields take their default)."""
        from mathcore import InputError

        merged = self.defaults()
        if values:
            merged.update(values)
        try:
            if self.long_running:
                return self.compute(merged, progress or Progress())
            if progress is not None:
                progress.check()
            return self.compute(merged)
        except InputError as err:
            # Make sure the message names the field the way the form labels it.
            label = next((f.label for f in self.fields if f.name == err.field), None)
            message = getattr(err, "message", str(err))
            if label is None or message.startswith(label):
                raise
            raise InputError(f"{label}: {message}", field=err.field) from None


# Lesson id -> module under tui.panels holding its PANELS list, in course order.
LESSON_MODULES: dict[str, str] = {
    "intro": "intro",
    "vectors": "vectors",
    "matrices": "matrices",
    "gd_basic": "gd_basic",
    "gd_advanced": "gd_advanced",
    "deep_learning": "deep_learning",
    "probability": "probability",
    "statistics": "statistics",
    "bayes": "bayes",
    "cnn": "cnn",
    "rnn": "rnn",
}

_REGISTRY: dict[str, Panel] | None = None


def all_panels() -> dict[str, Panel]:
    """Every panel keyed by its curriculum id (``"vectors.norms"``, …), in course order."""
    global _REGISTRY
    if _REGISTRY is None:
        registry: dict[str, Panel] = {}
        for module_name in LESSON_MODULES.values():
            module = importlib.import_module(f"{__name__}.{module_name}")
            for panel in module.PANELS:
                registry[panel.id] = panel
        _REGISTRY = registry
    return dict(_REGISTRY)


def get_panel(panel_id: str) -> Panel:
    """The panel with ``panel_id``; ``KeyError`` with a Korean message if unknown."""
    panels = all_panels()
    if panel_id not in panels:
        raise KeyError(f"알 수 없는 패널입니다: {panel_id}")
    return panels[panel_id]
