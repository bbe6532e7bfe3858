"""계산 노트: type a line, read its result under it; the notebook is kept across restarts.

The evaluation engine is :class:`mathcore.notebook.Notebook` (no Textual).  This screen
only renders cells, runs each line in a thread worker (Esc cancels), recalls earlier
inputs with ↑/↓, saves the inputs with the progress data and exports Markdown.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker
from tui.widgets.footer import KeyFooter

SETTING = "notebook"
MAX_SAVED = 500
KEEP_AS_CELLS = 30  # a restored notebook shows its last lines as cells, the rest as one block
SHOW_BUSY_AFTER = 0.1
SHOW_LINE_CHARS = 300
WIDE_ROW = 60  # a matrix row longer than this goes in a sideways-scrolling box
WELCOME = "한 줄씩 입력하고 Enter · 예: A = [[1, 2], [3, 4]], inv(A), diff(x^2, x) · 함수 목록: help · ↑↓ 이전 입력"


def _contains_run(lines: list[str], run: list[str]) -> bool:
    """Whether ``run`` occurs in ``lines`` as consecutive lines."""
    n = len(run)
    return any(lines[i:i + n] == run for i in range(len(lines) - n + 1))


def export_path(data_dir: Path | None) -> Path:
    """Where Ctrl+S writes the Markdown: the data folder when one is given, else home."""
    if data_dir is not None:
        return Path(data_dir) / "계산노트.md"
    return Path.home() / "aimath-계산노트.md"


class NotebookInput(Input):
    """The input line; ↑/↓ walk through earlier inputs."""

    BINDINGS = [
        Binding("up", "recall(-1)", "이전 입력", show=False, id="notebook.recall_previous"),
        Binding("down", "recall(1)", "다음 입력", show=False, id="notebook.recall_next"),
    ]

    def action_recall(self, step: int) -> None:
        self.screen.recall(step)

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted block of several lines runs line by line (Textual's Input keeps only the
        first line and would drop the rest without a word). One plain line is left to Input."""
        from mathcore import InputError
        from mathcore.notebook import pasted_lines

        try:
            lines = pasted_lines(event.text)
        except InputError as error:
            lines = None
            self.notify(str(error), severity="warning")
        if lines is not None and len(lines) == 1 and lines[0] == event.text.strip():
            return  # Input's own handler (next in the class chain) types it in
        event.prevent_default()
        event.stop()
        if not lines:
            return
        if len(lines) == 1:
            self.insert_text_at_cursor(lines[0])
            return
        if self.screen.running:
            self.notify("계산이 끝난 뒤에 다시 붙여 넣으세요(Esc: 취소).", severity="warning")
            return
        lines[0] = (self.value + " " + lines[0]).strip() if self.value.strip() else lines[0]
        self.value = ""
        self.screen.submit_lines(lines)


def cell_parts(line: str, output, *, plot_note: bool = False) -> tuple[Text, Text]:
    """One cell as (the input after '›', the result)."""
    if len(line) > SHOW_LINE_CHARS:  # a 100,000-character paste must not become 1,250 rows
        line = f"{line[:SHOW_LINE_CHARS]}… ({len(line):,}자)"
    body = output.text
    if plot_note and output.plot is not None:
        body = f"[그래프] {body}"
    return Text("› " + line, style="bold"), Text(body, style="italic" if output.error else "")


def cell_text(line: str, output, *, plot_note: bool = False) -> Text:
    """One cell as text: the input after '›', the result indented under it."""
    head, body = cell_parts(line, output, plot_note=plot_note)
    text = head + "\n"
    for row in body.split("\n"):
        text.append_text(Text("  ") + row + "\n")
    return text


def _is_wide_block(body: str) -> bool:
    """A bracketed block (a matrix) with a row too long to sit under the line as it is."""
    from rich.cells import cell_len

    rows = body.split("\n")
    return any(r[:1] == "⎡" for r in rows) and max(cell_len(r) for r in rows) > WIDE_ROW


class NotebookCell(Vertical):
    """One input line and what it produced (text, and a plot if there is one)."""

    def __init__(self, line: str, output) -> None:
        super().__init__(classes="notebook-cell")
        self.line = line
        self.output = output
        if output.error:
            self.add_class("-error")

    def compose(self) -> ComposeResult:
        head, body = cell_parts(self.line, self.output)
        yield Static(head, classes="notebook-text")
        if _is_wide_block(self.output.text):
            # A matrix wider than the screen keeps its rows whole and scrolls sideways:
            # wrapping would cut every bracketed row in two.
            body.no_wrap = True
            body.overflow = "ignore"
            with HorizontalScroll(classes="notebook-wide"):
                yield Static(body, classes="notebook-text notebook-output")
        else:
            # Its own widget, padded: a long result wraps under itself, not under the '›'.
            yield Static(body, classes="notebook-text notebook-output")
        if self.output.plot is not None:
            from tui.widgets.plot import SpecPlot

            yield SpecPlot(plot_spec(self.output.plot), classes="notebook-plot")


class NotebookHistory(Static):
    """Older cells of a restored notebook as one block of text (plots as a one-line note)."""

    def __init__(self, cells: list) -> None:
        text = Text()
        for line, output in cells:
            text.append_text(cell_text(line, output, plot_note=True))
            text.append("\n")
        super().__init__(text, classes="notebook-history")
        self.cells = cells


def plot_spec(data):
    """A notebook plot as the panels' :class:`~tui.panels.PlotSpec`."""
    from tui.panels import PlotSpec, Series

    series = [Series(list(x), list(y), label=label) for x, y, label in data.series]
    return PlotSpec(kind="line", title=data.title, xlabel=data.x_label, ylabel=data.y_label, series=series)


class NotebookScreen(Screen):
    """The notebook page: cells above, the input line at the bottom."""

    BINDINGS = [
        Binding("escape", "cancel_or_close", "취소/닫기", key_display="Esc", id="notebook.close"),
        Binding("ctrl+l", "clear", "노트 비우기", key_display="Ctrl+L", id="notebook.clear"),
        Binding("ctrl+s", "export", "내보내기(.md)", key_display="Ctrl+S", id="notebook.export"),
    ]

    def __init__(self, preset: list[str] | None = None) -> None:
        super().__init__(id="notebook")
        from mathcore.notebook import Notebook

        self.notebook = Notebook()
        self.outputs: list = []
        self.preset = list(preset or [])
        self.recall_index: int | None = None
        self.running = False
        self._busy_timer = None

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with Vertical(classes="page"):
            yield Static(WELCOME, id="notebook-welcome")
            yield VerticalScroll(id="notebook-cells")
            yield Static("", id="notebook-status")
            yield NotebookInput(placeholder="식이나 명령 (예: inv([[1, 2], [3, 4]]))", id="notebook-input")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "계산 노트"
        self.query_one(NotebookInput).focus()
        saved = self._store_get()
        if self.preset and _contains_run(saved, self.preset):
            self.preset = []  # this lesson's values were sent before and are still there
        if saved or self.preset:
            self._set_busy(f"노트를 다시 계산하는 중… (0/{len(saved) + len(self.preset)})")
            self.restore(saved, self.preset)

    # -- store ---------------------------------------------------------------------------------
    def _store(self):
        services = getattr(self.app, "services", None)
        return services.store if services is not None else self.app.store

    def _store_get(self) -> list[str]:
        try:
            saved = self._store().get_setting(SETTING, [])
        except Exception:  # a damaged store must not keep the notebook from opening
            return []
        return [line for line in saved if isinstance(line, str)][-MAX_SAVED:]

    def _save(self) -> None:
        inputs = self.notebook.kept_inputs(MAX_SAVED)
        services = getattr(self.app, "services", None)
        writes = getattr(services, "writes", None) if services is not None else None
        try:
            if writes is not None:
                writes.submit("set_setting", SETTING, list(inputs))
            else:
                self._store().set_setting(SETTING, list(inputs))
        except Exception:
            self.app.call_from_thread(
                self.notify, "계산 노트를 저장하지 못했습니다. 입력은 이 화면을 닫을 때까지 남아 있습니다.",
                severity="warning")

    # -- running lines -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="notebook")
    def restore(self, saved: list[str], preset: list[str]) -> None:
        worker = get_current_worker()
        total = len(saved) + len(preset)
        outputs = []
        lines = saved + preset
        for i, line in enumerate(lines):
            if worker.is_cancelled:
                # Esc while restoring: the lines not run yet stay in the notebook (and are saved
                # with the next line), so the next start runs them again.
                self.notebook.inputs.extend(lines[i:])
                return
            outputs.append((line, self.notebook.run(line, cancelled=lambda: worker.is_cancelled)))
            if i % 25 == 24:
                self.app.call_from_thread(self._set_busy, f"노트를 다시 계산하는 중… ({i + 1}/{total})")
        if preset:
            self._save()
        self.app.call_from_thread(self._show_many, outputs, True)

    @work(thread=True, exclusive=True, group="notebook")
    def run_lines(self, lines: list[str]) -> None:
        worker = get_current_worker()
        outputs = []
        for i, line in enumerate(lines):
            if worker.is_cancelled:
                break
            if len(lines) > 1:
                self.app.call_from_thread(self._set_busy, f"계산 중… ({i + 1}/{len(lines)}, Esc: 취소)")
            outputs.append((line, self.notebook.run(line, cancelled=lambda: worker.is_cancelled)))
        self._save()
        self.app.call_from_thread(self._show_many, outputs)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if not line or self.running:
            return
        if line in ("clear", "지우기"):
            event.input.value = ""
            self.action_clear()
            return
        event.input.value = ""
        self.submit_lines([line])

    def submit_lines(self, lines: list[str]) -> None:
        """Run ``lines`` one after another in the worker (one typed line, or a pasted block)."""
        if self.running or not lines:
            return
        self.recall_index = None
        self.running = True
        self._busy_timer = self.set_timer(SHOW_BUSY_AFTER, lambda: self._set_busy("계산 중… (Esc: 취소)"))
        self.run_lines(lines)

    def _set_busy(self, text: str) -> None:
        self.running = True
        self.query_one("#notebook-status", Static).update(text)

    def _show_many(self, outputs: list, restored: bool = False) -> None:
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        self.running = False
        self.query_one("#notebook-status", Static).update("")
        cells = self.query_one("#notebook-cells", VerticalScroll)
        for _, output in outputs:
            # Shown as text from now on; the notebook's names keep what later lines use. Holding
            # every result (500 saved lines of ones(1000, 250) is 1 GB) would grow without bound.
            output.value = None
        self.outputs.extend(output for _, output in outputs)
        older = outputs[:-KEEP_AS_CELLS] if restored else []
        new = [NotebookHistory(older)] if older else []
        new += [NotebookCell(line, output) for line, output in outputs[len(older):]]
        if new:
            cells.mount_all(new)
            cells.scroll_end(animate=False)

    # -- keys ----------------------------------------------------------------------------------
    def recall(self, step: int) -> None:
        history = self.notebook.inputs
        if not history:
            return
        index = len(history) if self.recall_index is None else self.recall_index
        index = max(0, min(len(history), index + step))
        self.recall_index = index
        field = self.query_one(NotebookInput)
        field.value = history[index] if index < len(history) else ""
        field.cursor_position = len(field.value)

    def action_cancel_or_close(self) -> None:
        if self.running:
            self.workers.cancel_group(self, "notebook")
            self.running = False
            self.query_one("#notebook-status", Static).update("계산을 취소했습니다.")
            return
        self.dismiss()

    def action_clear(self) -> None:
        if self.running:
            return
        self.notebook.reset()
        self.outputs = []
        self.query_one("#notebook-cells", VerticalScroll).remove_children()
        self.run_worker(self._save, thread=True, group="notebook-save")
        self.notify("계산 노트를 비웠습니다.", timeout=3)

    def action_export(self) -> None:
        from mathcore.notebook import export_markdown

        path = export_path(getattr(self.app, "data_dir", None))
        text = export_markdown(self.notebook.inputs, self.outputs)
        self._write_export(path, text)

    @work(thread=True, group="notebook-export")
    def _write_export(self, path: Path, text: str) -> None:
        from progress import atomic_write

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(str(path), text.encode("utf-8"))  # O_EXCL|O_NOFOLLOW temp, like the store
        except OSError as error:
            from tui.data_folder import os_reason

            self.app.call_from_thread(
                self.notify, f"계산 노트를 '{path}'에 내보내지 못했습니다({os_reason(error)}).", severity="error")
            return
        self.app.call_from_thread(self.notify, f"계산 노트를 {path}에 저장했습니다.", timeout=6)
