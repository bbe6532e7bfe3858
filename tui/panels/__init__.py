"""Runnable panels: each lesson's calculations as declarative specs.

A panel is plain data plus one compute function. The data are its input fields,
declared once with a typed kind from :mod:`tui.panels.fields`::

    from .fields import Choice, Expression, Integer, Number, Variables, Vector

    Panel(
        id="gd_basic.descent", title="1차원 경사하강법", lesson="gd_basic",
        fields=[
            Expression("f", "함수 f(x)", "x^2 + 2x + 3"),          # -> fields.Function
            Vector("init", "시작점 x₀", "3", length=1),            # -> ndarray (n,)
            Number("lr", "학습률 η", "0.1", low=0, low_open=True),  # -> float
            Integer("max_iter", "최대 반복 수", "1000", low=1, high=100_000),  # -> int
            Choice("mode", "보기", ("1차원", "2차원")),               # -> str
        ],
        compute=compute_descent,          # compute(v) or compute(v, progress)
        arg_fields={"init": "init"},      # mathcore argument -> field, for its InputErrors
    )

Other kinds: ``Matrix`` (-> ndarray (m, n)), ``Variables`` (-> tuple of names, reserved
names rejected; an ``Expression(variables="<that field>")`` uses them), plain ``Field``
(text). Every kind takes ``help``, ``optional=True`` (blank -> ``None``) and
``when=("other", ("option", ...))`` (read only when another field has one of the options).

``Panel.run(texts, progress=None)`` is the one entry point: missing texts take their
defaults, each field reads its own text (a bad one raises ``mathcore.InputError`` with
``field`` set and the field's label in front), and ``compute`` receives a dict of typed
values. Compute never parses or labels: for a check across fields it raises
``InputError("...", field="y")`` and ``run`` puts the label of ``y`` in front; an
``InputError`` from mathcore naming its argument (``field="init"``) is routed through
``arg_fields`` (same names need no entry). A message with no field is shown above the
result.

Long runs: with ``long_running=True`` compute gets a :class:`Progress` and calls
``progress.update(done, total, message)`` between chunks (raises :class:`Cancelled`
once the user pressed Esc).

Results: a :class:`PanelResult` with ``text``, ``plots`` (:class:`PlotSpec`, drawn by the
one safe plot layer ``tui.widgets.plot``), ``data`` (raw numbers for tests) and optional
playback ``frames``. ``tui.panels.format`` has the shared number/array/expression
formatting and ``tui.panels.iterative`` the divergence handling of iterative panels.

Nothing here imports Textual, NumPy or SymPy at module level: the specs are cheap to
list (the command palette does) and the heavy imports happen on the first run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable, Sequence

from .fields import Field

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
    current iterate during playback). Any value may be NaN or infinite: the plot
    layer leaves such points out and says so. ``ylog`` draws the y axis in log scale;
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
    xlog: bool = False  # x axis in log scale (ticks labelled as powers of ten)
    xint: bool = False  # integer ticks on x (iterations, counts, classes)
    yint: bool = False  # integer ticks on y (histogram counts)
    equal_aspect: bool = False  # one unit is as long on both axes (geometric plots)


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
    """A runnable panel: typed fields plus a pure compute function (see the module docstring)."""

    id: str
    title: str
    lesson: str
    fields: list[Field]
    compute: Callable[..., PanelResult]
    description: str = ""
    long_running: bool = False
    playback: bool = False
    arg_fields: dict[str, str] = dc_field(default_factory=dict)

    def defaults(self) -> dict[str, str]:
        """The default text of every field, as the form shows it."""
        return {f.name: f.default for f in self.fields}

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def read(self, values: dict[str, str] | None = None) -> dict[str, Any]:
        """The typed value of every field (missing texts take their defaults)."""
        from .fields import read_fields

        texts = self.defaults()
        if values:
            texts.update({k: "" if v is None else str(v) for k, v in values.items()})
        return read_fields(self.fields, texts)

    def run(self, values: dict[str, str] | None = None, progress: Progress | None = None) -> PanelResult:
        """Read every field from ``values`` (texts as typed) and compute the result."""
        from mathcore import InputError

        import numpy as np

        typed = self.read(values)
        try:
            # Overflow and 0/0 become inf and nan, which the results and plots report in Korean;
            # numpy's English RuntimeWarnings on stderr are noise.
            with np.errstate(all="ignore"):
                if self.long_running:
                    return self.compute(typed, progress or Progress())
                if progress is not None:
                    progress.check()
                return self.compute(typed)
        except InputError as err:
            raise self.routed(err) from None

    def routed(self, err) -> Exception:
        """``err`` aimed at the field it is about, with that field's label in front."""
        from mathcore import InputError

        message = getattr(err, "message", str(err))
        name = self.arg_fields.get(err.field or "", err.field)
        spec = self.field(name) if name else None
        if spec is None:
            return InputError(message)
        if not message.startswith(spec.label):
            message = f"{spec.label}: {message}"
        return InputError(message, field=spec.name)


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
    "matrix_calculus": "matrix_calculus",
    "eigen_svd": "eigen_svd",
    "losses_info": "losses_info",
    "optimization": "optimization",
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
