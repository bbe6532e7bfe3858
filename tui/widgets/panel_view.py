"""PanelView: one widget that renders any panel spec from ``tui.panels``.

Form (an Input per field, a Select for choices) → run (Enter in a field, Ctrl+R, or the
실행 button) → the computation runs in a thread worker → the text result and the plots
appear below. Long runs show a progress bar and Esc cancels them; with nothing running
Esc posts ``PanelView.CloseRequested``. Playback panels step through iterations with
n / p / space. F11 maximises the panel (and back); F4 resets the inputs to the defaults.

Crash barrier: an unexpected exception in a computation or in showing its result never
leaves this widget: the learner reads a Korean message, the traceback goes to the log
(``tui.errorlog``). After a failed run the previous result stays, dimmed and labelled.
With ``app.panel_sessions`` (``tui.widgets.panel_state``) the inputs and the last result
come back when the panel is reopened, and the inputs survive a restart.
"""

from __future__ import annotations

import logging
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, get_current_worker

from mathcore import InputError
from tui.panels import Cancelled, Panel, PanelResult, Progress
from tui.widgets.panel_css import PANEL_CSS
from tui.widgets.panel_maximise import MaximiseMixin
from tui.widgets.panel_messages import STALE, MessagesMixin
from tui.widgets.panel_playback import PlaybackMixin
from tui.widgets.plot import SpecPlot

LOG = logging.getLogger("aimath.panels")



class PanelView(PlaybackMixin, MaximiseMixin, MessagesMixin, VerticalScroll):
    """Renders one :class:`tui.panels.Panel`: form, run, text result, plots, playback."""

    DEFAULT_CSS = PANEL_CSS
    ALLOW_MAXIMIZE = True

    BINDINGS = [
        Binding("ctrl+r", "run", "실행", id="panel.run"),
        Binding("escape", "cancel_or_close", "취소/닫기", id="panel.cancel"),
        Binding("f11,ctrl+g", "toggle_maximized", "크게 보기", key_display="F11", id="panel.maximize"),
        Binding("f4", "reset_inputs", "기본값으로", key_display="F4", id="panel.reset"),
        Binding("n", "step(1)", "다음 단계", id="panel.next"),
        Binding("p", "step(-1)", "이전 단계", id="panel.previous"),
        Binding("space", "toggle_play", "재생/정지", id="panel.play"),
        Binding("home", "first_frame", "처음 단계", show=False, id="panel.first"),
        Binding("end", "last_frame", "마지막 단계", show=False, id="panel.last"),
    ]

    COMPACT_WIDTH = 110

    class CloseRequested(Message):
        """Esc with nothing running: the screen should close this panel."""

        def __init__(self, panel_id: str) -> None:
            super().__init__()
            self.panel_id = panel_id

    class Computed(Message):
        """A run finished and its result and plots are on screen (``seconds`` since the run key)."""

        def __init__(self, panel_id: str, seconds: float, ok: bool) -> None:
            super().__init__()
            self.panel_id = panel_id
            self.seconds = seconds
            self.ok = ok

    class _Progressed(Message):
        def __init__(self, run_id: int, fraction: float, text: str) -> None:
            super().__init__()
            self.run_id = run_id
            self.fraction = fraction
            self.text = text

    class _Outcome(Message):
        def __init__(self, run_id: int, result: PanelResult | None, error: BaseException | None) -> None:
            super().__init__()
            self.run_id = run_id
            self.result = result
            self.error = error

    # repaint=False: these change bindings and child widgets, never the view's own pixels (a repaint
    # of the whole view re-renders every child).
    running: reactive[bool] = reactive(False, bindings=True, repaint=False)
    frame_index: reactive[int] = reactive(-1, bindings=True, repaint=False)
    playing: reactive[bool] = reactive(False, bindings=True, repaint=False)

    def __init__(self, panel: Panel, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.panel = panel
        self.result: PanelResult | None = None
        self._run_id = 0
        self._started = 0.0
        self._worker: Worker | None = None
        self._run_values: dict[str, str] = {}
        self.last_seconds: float | None = None
        self.first_progress_seconds: float | None = None  # run key → first progress report shown
        self.indicator_seconds: float | None = None  # run key → "계산 중…" / progress bar on screen
        self._flagged: set[str] = set()  # fields showing an error message
        self._status_fits = False  # the status text is one row

    # ------------------------------------------------------------------ layout

    @property
    def sessions(self):
        return getattr(self.app, "panel_sessions", None)

    def compose(self) -> ComposeResult:
        panel = self.panel
        recalled = self.sessions.recall(panel.id) if self.sessions is not None else None
        texts = panel.defaults()
        if recalled is not None and recalled.values:
            texts.update({k: v for k, v in recalled.values.items() if k in texts})
        self._recalled = recalled
        yield Static(panel.title, classes="pv-title", markup=False)
        if panel.description:
            yield Static(panel.description, classes="pv-description", markup=False)
        with Vertical(id="pv-form"):
            for field in panel.fields:
                with Horizontal(classes="pv-row"):
                    yield Label(field.label, classes="pv-label", markup=False)
                    yield self._input(field, texts[field.name])
                yield Static("", id=f"pv-err-{field.name}", classes="pv-field-error", markup=False)
        with Horizontal(classes="pv-actions"):
            yield Button("실행 (Ctrl+R)", id="pv-run", variant="primary")
            yield ProgressBar(total=1.0, show_eta=False, id="pv-progress")
            yield Static("", id="pv-status", markup=False)
        yield Static("", id="pv-error", markup=False)
        yield Static(STALE, id="pv-stale", markup=False)
        yield Static("", id="pv-frame", markup=False)
        yield Static("", id="pv-result", markup=False)
        yield Vertical(id="pv-plots")

    @staticmethod
    def _input(field, text: str):
        if field.choices:
            value = text if text in field.choices else field.default
            return Select([(c, c) for c in field.choices], value=value, allow_blank=False,
                          id=f"pv-in-{field.name}", classes="pv-input")
        return Input(text, placeholder=field.help or field.label, tooltip=field.help or None,
                     id=f"pv-in-{field.name}", classes="pv-input", select_on_focus=False)

    def on_resize(self) -> None:
        compact = self.size.width < self.COMPACT_WIDTH
        if compact != self.has_class("-compact"):
            self.set_class(compact, "-compact")
        if self.has_class("-max"):
            self._fit_plots()

    def on_mount(self) -> None:
        self.on_resize()
        # The view itself takes focus (Tab goes to the fields), so screen keys such as `s` work.
        self.focus()
        recalled = self._recalled
        if recalled is not None and recalled.result is not None:
            self._show_result(recalled.result, announce=False)
            if recalled.stale:
                self._mark_stale(True)
            self._status("지난번 결과입니다. Ctrl+R로 다시 실행합니다.")

    # ------------------------------------------------------------------ values

    def values(self) -> dict[str, str]:
        """The current text of every field."""
        out: dict[str, str] = {}
        for field in self.panel.fields:
            value = self.query_one(f"#pv-in-{field.name}").value
            out[field.name] = "" if value is Select.BLANK else str(value)
        return out

    def set_value(self, name: str, value: str) -> None:
        """Set a field (used by tests and by screens that prefill a panel)."""
        self.query_one(f"#pv-in-{name}").value = value

    def action_reset_inputs(self) -> None:
        """F4: every field back to its default (also forgotten on disk)."""
        for field in self.panel.fields:
            self.set_value(field.name, field.default)
        self._clear_errors()
        if self.sessions is not None:
            self.sessions.forget(self.panel.id)
        self._status("입력을 기본값으로 되돌렸습니다.")

    # ------------------------------------------------------------------ running

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("step", "toggle_play", "first_frame", "last_frame"):
            if not self.panel.playback:
                return False
            return True if (self.result is not None and self.result.frames) else None
        return True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run()

    @on(Button.Pressed, "#pv-run")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_run()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("pv-in-"):
            self._clear_field_error(event.input.id.removeprefix("pv-in-"))

    def action_run(self) -> None:
        """Start a computation with the current field values (a running one is replaced)."""
        self._stop_playing()
        self._run_id += 1
        self._started = time.perf_counter()
        self.first_progress_seconds = None
        self.indicator_seconds = None
        self._clear_errors()
        self.running = True
        bar = self.query_one("#pv-progress", ProgressBar)
        bar.update(total=1.0, progress=0.0)
        bar.display = self.panel.long_running
        self._status("계산 중… (Esc: 취소)")
        started = self._started
        self.call_after_refresh(self._indicator_shown, started)
        self._run_values = self.values()
        self._worker = self._compute(self._run_id, dict(self._run_values))

    @work(thread=True, exclusive=True, group="panel-compute")
    def _compute(self, run_id: int, values: dict[str, str]) -> None:
        worker = get_current_worker()

        def report(fraction: float, text: str) -> None:
            self.post_message(self._Progressed(run_id, fraction, text))

        hook = Progress(report=report, cancelled=lambda: worker.is_cancelled)
        try:
            result = self.panel.run(values, hook)
        except (Cancelled, InputError) as err:
            self.post_message(self._Outcome(run_id, None, err))
        except Exception as err:  # noqa: BLE001 - the crash barrier: never end the app
            LOG.exception("panel %s failed with %r", self.panel.id, values)
            self.post_message(self._Outcome(run_id, None, err))
        else:
            self.post_message(self._Outcome(run_id, result, None))

    def action_cancel_or_close(self) -> None:
        """Esc: cancel a running computation, leave the maximised view, else ask to close."""
        if self.running:
            if self._worker is not None:
                self._worker.cancel()
            self._run_id += 1  # whatever the old run still posts is ignored
            self._finish_running()
            self._status("취소했습니다.")
            return
        if self.playing:
            self._stop_playing()
            return
        if self.screen.maximized is self:
            self.action_toggle_maximized()
            return
        self.post_message(self.CloseRequested(self.panel.id))

    def _finish_running(self) -> None:
        self.running = False
        self.query_one("#pv-progress", ProgressBar).display = False
        self._worker = None

    @on(_Progressed)
    def _progressed(self, message: _Progressed) -> None:
        if message.run_id != self._run_id:
            return
        if self.first_progress_seconds is None:
            self.first_progress_seconds = time.perf_counter() - self._started
        self.query_one("#pv-progress", ProgressBar).update(progress=message.fraction)
        if message.text:
            self._status(f"{message.text} (Esc: 취소)")

    @on(_Outcome)
    def _outcome(self, message: _Outcome) -> None:
        if message.run_id != self._run_id:
            return
        self._finish_running()
        error = message.error
        if isinstance(error, Cancelled):
            self._status("취소했습니다.")
            return
        if error is None:
            try:
                self._show_result(message.result)
                self._remember(message.result)
                return
            except Exception as err:  # noqa: BLE001 - formatting or mounting a result failed
                LOG.exception("showing the result of %s failed", self.panel.id)
                error = err
        self._show_error(error)
        self._remember(None)
        self.post_message(self.Computed(self.panel.id, time.perf_counter() - self._started, False))

    def _remember(self, result: PanelResult | None) -> None:
        if self.sessions is not None:
            self.sessions.remember(self.panel.id, self._run_values, result, failed=result is None)

    # ------------------------------------------------------------------ showing

    def _show_result(self, result: PanelResult, announce: bool = True) -> None:
        self.result = result
        self._mark_stale(False)
        self.query_one("#pv-result", Static).update(result.text)
        plots = self.query_one("#pv-plots", Vertical)
        single = len(result.plots) == 1
        if plots.has_class("-single") != single:
            plots.set_class(single, "-single")
        existing = list(plots.query(SpecPlot))
        if len(existing) == len(result.plots):
            # Same number of plots as last run: redraw in place (mounting restyles and relayouts).
            for widget, spec in zip(existing, result.plots):
                widget.show_spec(spec)
        else:
            plots.remove_children()
            plots.mount_all(SpecPlot(spec) for spec in result.plots)
            if self.has_class("-max"):
                self.call_after_refresh(self._fit_plots)
        playback = bool(self.panel.playback and result.frames)
        self.query_one("#pv-frame", Static).display = playback
        self.frame_index = len(result.frames) - 1 if playback else -1
        if playback:
            self._show_frame()
        self._status("완료" + ("  n/p: 단계 이동, 스페이스: 재생, Home/End: 처음/끝" if playback else ""))
        if not announce:
            return
        if playback:
            self.focus()
        if self.has_class("-compact") and not self.has_class("-max"):
            # In a short pane the result starts below the form: bring its first lines into view.
            first = self.query_one("#pv-frame" if playback else "#pv-result", Static)
            self.call_after_refresh(self.scroll_to_widget, first, animate=False, top=True)
        started = self._started
        self.call_after_refresh(self._announce, started)

    def _indicator_shown(self, started: float) -> None:
        if started == self._started:
            self.indicator_seconds = time.perf_counter() - started

    def _announce(self, started: float) -> None:
        self.last_seconds = time.perf_counter() - started
        self.post_message(self.Computed(self.panel.id, self.last_seconds, True))
