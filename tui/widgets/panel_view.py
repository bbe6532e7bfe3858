"""PanelView: one widget that renders any panel spec from ``tui.panels``.

Form (an Input per field, a Select for choices) → run (Enter in a field,
Ctrl+R, or the 실행 button) → the computation runs in a thread worker → the
text result and plotext plots appear below. Long runs show a progress bar and
Esc cancels them; with nothing running Esc posts ``PanelView.CloseRequested``.
Playback panels step through iterations with n / p / space.
"""

from __future__ import annotations

import time
from typing import Any

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
from tui.widgets.plot import SpecPlot

PLAY_INTERVAL = 0.12  # seconds between frames while playing


class PanelView(VerticalScroll):
    """Renders one :class:`tui.panels.Panel`: form, run, text result, plots, playback."""

    DEFAULT_CSS = """
    PanelView {
        height: 1fr;
        padding: 0 1;
        background: $surface;
    }
    PanelView > .pv-title {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    PanelView > .pv-description {
        color: $text-muted;
        margin-bottom: 1;
    }
    PanelView #pv-form {
        height: auto;
    }
    PanelView .pv-row {
        height: auto;
    }
    PanelView .pv-row {
        margin-bottom: 1;
    }
    PanelView .pv-label {
        width: 22;
        padding: 0 1 0 0;
        text-align: right;
    }
    PanelView .pv-row > Input {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    PanelView .pv-row > Input:focus {
        background: $accent 25%;
    }
    PanelView .pv-row > Select > SelectCurrent {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    PanelView .pv-row > Select:focus > SelectCurrent {
        background: $accent 25%;
    }
    PanelView.-compact .pv-label {
        width: 16;
    }
    PanelView .pv-row > Input, PanelView .pv-row > Select {
        width: 1fr;
    }
    PanelView .pv-field-error {
        display: none;
        color: $error;
        padding-left: 23;
        margin-bottom: 1;
    }
    PanelView.-compact .pv-field-error {
        padding-left: 17;
    }
    PanelView .pv-field-error.-visible {
        display: block;
    }
    PanelView .pv-row > Input.-invalid {
        background: $error 30%;
    }
    PanelView .pv-actions {
        height: auto;
        margin: 1 0;
    }
    PanelView .pv-actions > Button {
        margin-right: 2;
    }
    PanelView #pv-progress {
        display: none;
        width: 1fr;
        padding-top: 1;
    }
    PanelView #pv-status {
        width: 1fr;
        padding-top: 1;
        color: $text-muted;
    }
    PanelView #pv-error {
        display: none;
        color: $error;
    }
    PanelView #pv-error.-visible {
        display: block;
    }
    PanelView #pv-result {
        padding: 0 0 1 0;
    }
    PanelView #pv-frame {
        display: none;
        background: $boost;
        color: $warning;
        padding: 0 1;
    }
    PanelView #pv-plots {
        height: auto;
        layout: grid;
        grid-size: 2;
        grid-gutter: 0 1;
        grid-rows: 18;
    }
    PanelView.-compact #pv-plots, PanelView #pv-plots.-single {
        grid-size: 1;
    }
    PanelView.-compact #pv-plots {
        grid-rows: 14;
    }
    PanelView.-compact SpecPlot {
        height: 14;
    }
    """

    BINDINGS = [
        Binding("ctrl+r", "run", "실행", id="panel.run"),
        Binding("escape", "cancel_or_close", "취소/닫기", id="panel.cancel"),
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

    running: reactive[bool] = reactive(False, bindings=True)
    frame_index: reactive[int] = reactive(-1, bindings=True)
    playing: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, panel: Panel, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.panel = panel
        self.result: PanelResult | None = None
        self._run_id = 0
        self._started = 0.0
        self._worker: Worker | None = None
        self._play_timer = None
        self.last_seconds: float | None = None
        self.first_progress_seconds: float | None = None  # run key → first progress report shown
        self.indicator_seconds: float | None = None  # run key → "계산 중…" / progress bar on screen

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        panel = self.panel
        yield Static(panel.title, classes="pv-title", markup=False)
        if panel.description:
            yield Static(panel.description, classes="pv-description", markup=False)
        with Vertical(id="pv-form"):
            for field in panel.fields:
                with Horizontal(classes="pv-row"):
                    yield Label(field.label, classes="pv-label", markup=False)
                    if field.choices:
                        yield Select([(c, c) for c in field.choices], value=field.default,
                                     allow_blank=False, id=f"pv-in-{field.name}", classes="pv-input")
                    else:
                        yield Input(field.default, placeholder=field.help or field.label,
                                    tooltip=field.help or None, id=f"pv-in-{field.name}", classes="pv-input")
                yield Static("", id=f"pv-err-{field.name}", classes="pv-field-error", markup=False)
        with Horizontal(classes="pv-actions"):
            yield Button("실행 (Ctrl+R)", id="pv-run", variant="primary")
            yield ProgressBar(total=1.0, show_eta=False, id="pv-progress")
            yield Static("", id="pv-status", markup=False)
        yield Static("", id="pv-error", markup=False)
        yield Static("", id="pv-frame", markup=False)
        yield Static("", id="pv-result", markup=False)
        yield Vertical(id="pv-plots")

    def on_resize(self) -> None:
        compact = self.size.width < self.COMPACT_WIDTH
        if compact != self.has_class("-compact"):
            self.set_class(compact, "-compact")

    def on_mount(self) -> None:
        self.on_resize()
        inputs = self.query(".pv-input")
        if inputs:
            inputs.first().focus()

    # ------------------------------------------------------------------ values

    def values(self) -> dict[str, str]:
        """The current text of every field."""
        out: dict[str, str] = {}
        for field in self.panel.fields:
            widget = self.query_one(f"#pv-in-{field.name}")
            value = widget.value
            out[field.name] = "" if value is Select.BLANK else str(value)
        return out

    def set_value(self, name: str, value: str) -> None:
        """Set a field (used by tests and by screens that prefill a panel)."""
        self.query_one(f"#pv-in-{name}").value = value

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
        # Toggle single widgets, not a class on the view: a class change restyles every child.
        bar = self.query_one("#pv-progress", ProgressBar)
        bar.update(total=1.0, progress=0.0)
        bar.display = self.panel.long_running
        self._status("계산 중… (Esc: 취소)")
        started = self._started
        self.call_after_refresh(self._indicator_shown, started)
        self._worker = self._compute(self._run_id, self.values())

    @work(thread=True, exclusive=True, group="panel-compute")
    def _compute(self, run_id: int, values: dict[str, str]) -> None:
        worker = get_current_worker()

        def report(fraction: float, text: str) -> None:
            self.post_message(self._Progressed(run_id, fraction, text))

        hook = Progress(report=report, cancelled=lambda: worker.is_cancelled)
        try:
            result = self.panel.run(values, hook)
        except Cancelled as err:
            self.post_message(self._Outcome(run_id, None, err))
        except Exception as err:  # noqa: BLE001 - every failure becomes a Korean message, never a crash
            self.post_message(self._Outcome(run_id, None, err))
        else:
            self.post_message(self._Outcome(run_id, result, None))

    def action_cancel_or_close(self) -> None:
        """Esc: cancel a running computation, else ask the screen to close the panel."""
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
        if error is not None:
            self._show_error(error)
            self.post_message(self.Computed(self.panel.id, time.perf_counter() - self._started, False))
            return
        assert message.result is not None
        self._show_result(message.result)

    # ------------------------------------------------------------------ showing

    def _status(self, text: str) -> None:
        self.query_one("#pv-status", Static).update(text)

    def _clear_field_error(self, name: str) -> None:
        for err in self.query(f"#pv-err-{name}.-visible"):
            err.update("")
            err.remove_class("-visible")
        for widget in self.query(f"#pv-in-{name}.-invalid"):
            widget.remove_class("-invalid")

    def _clear_errors(self) -> None:
        for field in self.panel.fields:
            self._clear_field_error(field.name)
        for general in self.query("#pv-error.-visible"):
            general.update("")
            general.remove_class("-visible")

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, InputError):
            text = getattr(error, "message", None) or str(error)
            field = error.field
        else:
            text = f"계산 중 문제가 생겼습니다: {type(error).__name__}: {error}"
            field = None
        names = {f.name for f in self.panel.fields}
        if field in names:
            err = self.query_one(f"#pv-err-{field}", Static)
            err.update(f"⚠ {text}")
            err.add_class("-visible")
            widget = self.query_one(f"#pv-in-{field}")
            widget.add_class("-invalid")
            widget.focus()
            self.scroll_to_widget(err)
        else:
            general = self.query_one("#pv-error", Static)
            general.update(f"⚠ {text}")
            general.add_class("-visible")
        self._status("입력을 확인하세요.")

    def _show_result(self, result: PanelResult) -> None:
        self.result = result
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
        playback = bool(self.panel.playback and result.frames)
        self.query_one("#pv-frame", Static).display = playback
        if playback:
            self.frame_index = len(result.frames) - 1
            self._show_frame()
        else:
            self.frame_index = -1
        self._status("완료" + ("  n/p: 단계 이동, 스페이스: 재생, Home/End: 처음/끝" if playback else ""))
        if playback:
            self.focus()
        if self.has_class("-compact"):
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

    # ------------------------------------------------------------------ playback

    def _show_frame(self) -> None:
        if self.result is None or not self.result.frames:
            return
        frames = self.result.frames
        index = max(0, min(self.frame_index, len(frames) - 1))
        frame = frames[index]
        self.query_one("#pv-frame", Static).update(f"[{index + 1}/{len(frames)}] {frame.text}")
        for i, plot in enumerate(self.query(SpecPlot)):
            if i in frame.highlights:
                plot.highlight = frame.highlights[i]

    def watch_frame_index(self) -> None:
        if self.is_mounted:
            self._show_frame()

    def action_step(self, delta: int) -> None:
        """Move ``delta`` frames (stops playing)."""
        self._stop_playing()
        self._move(delta)

    def _move(self, delta: int) -> bool:
        if self.result is None or not self.result.frames:
            return False
        target = max(0, min(self.frame_index + delta, len(self.result.frames) - 1))
        moved = target != self.frame_index
        self.frame_index = target
        return moved

    def action_first_frame(self) -> None:
        self._stop_playing()
        self.frame_index = 0

    def action_last_frame(self) -> None:
        self._stop_playing()
        if self.result is not None and self.result.frames:
            self.frame_index = len(self.result.frames) - 1

    def action_toggle_play(self) -> None:
        """Play from the current frame (from the start if at the end), or pause."""
        if self.playing:
            self._stop_playing()
            return
        if self.result is None or not self.result.frames:
            return
        if self.frame_index >= len(self.result.frames) - 1:
            self.frame_index = 0
        self.playing = True
        self._play_timer = self.set_interval(PLAY_INTERVAL, self._tick)

    def _tick(self) -> None:
        if not self._move(1):
            self._stop_playing()

    def _stop_playing(self) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = None
        self.playing = False
