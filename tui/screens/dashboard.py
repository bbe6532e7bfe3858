"""The statistics dashboard: lessons done, accuracy, activity, upcoming reviews, weak spots.

The store keeps running totals, so gathering the numbers does not grow with the number of
attempts (milliseconds at 50,000); they are read when the screen mounts and again, in a worker,
after an import or on F5. The charts are drawn with plotext through textual-plotext. Export and
import of all progress run in a worker.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from tui.data_folder import DEFAULT_EXPORT, import_report  # one default and one report for CLI and UI
from tui.quiz.text import prompt_line
from tui.screens.review import short_title, shorten
from tui.widgets.footer import KeyFooter

#: Below this many columns the charts stack in one column.
NARROW_BELOW = 100
#: Lines per chart (app.tcss gives each chart and the table this height).
CHART_HEIGHT = 16


def collect_stats(store, catalog, now: datetime | None = None) -> dict:
    """Everything the dashboard shows, gathered in one pass (runs in a worker thread)."""
    accuracy = store.accuracy_by_lesson()
    return {
        "done": store.lessons_done(),
        "lessons": len(catalog.lessons),
        "streak": store.streak(now),
        "attempts": sum(total for _correct, total in accuracy.values()),
        "accuracy": [(lesson, *accuracy.get(lesson.id, (0, 0))) for lesson in catalog.lessons],
        "per_day": store.attempts_per_day(60, now),
        "forecast": store.due_forecast(14, now),
        "weakest": store.weakest_questions(8),
    }


class DashboardScreen(Screen):
    """Charts drawn with plotext; export and import of all progress.

    ``now`` fixes the clock (tests and snapshots); by default statistics are taken now.
    """

    BINDINGS = [
        Binding("escape,q", "close", "닫기", id="dashboard.close"),
        Binding("e", "export", "내보내기", id="dashboard.export"),
        Binding("m", "import", "가져오기", id="dashboard.import"),
        Binding("f5", "reload", "새로 고침", show=False, id="dashboard.reload"),
    ]

    def __init__(self, now: datetime | None = None):
        super().__init__()
        self.now = now
        self.stats: dict | None = None

    def compose(self) -> ComposeResult:
        from tui.panels import PlotSpec
        from tui.widgets.plot import SpecPlot

        yield Header(icon="∑")
        with VerticalScroll(classes="page", id="dashboard-page"):
            yield Static("통계를 불러오는 중…", id="dash-summary", classes="page-title")
            with Grid(id="dash-grid"):
                yield SpecPlot(PlotSpec(kind="bar"), id="plot-accuracy")
                yield SpecPlot(PlotSpec(kind="bar"), id="plot-activity")
                yield SpecPlot(PlotSpec(kind="bar"), id="plot-forecast")
                yield Static("", id="dash-weakest")
            with Horizontal(id="dash-io"):
                yield Input(placeholder=f"파일 (비우면 {DEFAULT_EXPORT})", id="dash-path")
                yield Button("내보내기 (e)", id="export", variant="primary")
                yield Button("가져오기 (m)", id="import")
            yield Static("모든 진행 기록(장별 상태, 풀이, 복습 일정)을 JSON 파일 하나로 내보내거나 "
                         "합칩니다. 가져오기는 이미 있는 풀이를 다시 더하지 않습니다.", id="dash-io-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "학습 통계"
        self._layout(self.app.size.width)
        # The store keeps running totals, so gathering takes a few milliseconds even after
        # 50,000 attempts: do it before the first paint, so each chart is drawn once.
        try:
            stats = collect_stats(self.app.services.store, self.app.services.catalog, self.now)
        except Exception as error:  # the store's own messages are Korean
            self.notify(f"통계를 읽지 못했습니다: {error}", severity="error")
            return
        self.show_stats(stats)

    def on_resize(self, event) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        """Two charts a row on wide terminals, one below 100 columns."""
        narrow = width < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        rows = 4 if narrow else 2
        # An explicit height: an auto-height grid leaves its gutters out and hides the last lines.
        self.query_one("#dash-grid", Grid).styles.height = rows * CHART_HEIGHT + (rows - 1)

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        try:
            stats = collect_stats(self.app.services.store, self.app.services.catalog, self.now)
        except Exception as error:  # the store's own messages are Korean
            self.app.call_from_thread(self.notify, f"통계를 읽지 못했습니다: {error}", severity="error")
            return
        self.app.call_from_thread(self.show_stats, stats)

    def show_stats(self, stats: dict) -> None:
        self.stats = stats
        summary = Text()
        summary.append("완료한 장 ", style="")
        summary.append(f"{stats['done']}/{stats['lessons']}", style="bold")
        summary.append("   연속 학습 ")
        summary.append(f"{stats['streak']}일", style="bold")
        summary.append("   총 풀이 ")
        summary.append(f"{stats['attempts']}회", style="bold")
        correct = sum(c for _l, c, _t in stats["accuracy"])
        if stats["attempts"]:
            summary.append("   전체 정답률 ")
            summary.append(f"{100 * correct / stats['attempts']:.0f}%", style="bold")
        summary.append("   오늘 복습 ")
        summary.append(f"{stats['forecast'][0] if stats['forecast'] else 0}개", style="bold")
        self.query_one("#dash-summary", Static).update(summary)
        self._bar("#plot-accuracy", "장별 정답률 (%)", "장 번호", "%",
                  [f"{lesson.order:02d}" for lesson, _c, _t in stats["accuracy"]],
                  [round(100 * c / t, 1) if t else 0 for _l, c, t in stats["accuracy"]], ylim=(0, 100))
        days = stats["per_day"]
        self._bar("#plot-activity", "최근 60일 풀이 수", "날짜", "풀이",
                  [d.strftime("%m/%d") for d, _ in days], [n for _, n in days])
        forecast = stats["forecast"]
        self._bar("#plot-forecast", "앞으로 14일 복습 예정", "며칠 뒤 (0 = 오늘)", "문제",
                  [str(k) for k in range(len(forecast))], forecast)
        self.query_one("#dash-weakest", Static).update(self._weakest_table(stats["weakest"]))

    def _weakest_table(self, rows: list[dict]) -> Table:
        table = Table(title="가장 약한 문제", show_edge=False, expand=True, title_style="bold")
        table.add_column("장", no_wrap=True, max_width=12)
        table.add_column("문제", ratio=1, no_wrap=True)
        table.add_column("정답", justify="right", no_wrap=True, min_width=5)
        for row in rows:
            question = self.app.services.question(row["question_id"])
            lesson = self.app.services.lesson(row["lesson_id"])
            # A record may name a lesson or question this version no longer has: never show its id.
            prompt = shorten(prompt_line(question), 60) if question else "(지금은 없는 문제)"
            table.add_row(shorten(short_title(lesson), 12) if lesson else "(없는 장)", prompt,
                          f"{row['correct']}/{row['total']}")
        if not rows:
            table.add_row("—", "틀린 문제가 아직 없습니다", "")
        return table

    def _bar(self, selector: str, title: str, xlabel: str, ylabel: str, labels, values, ylim=None) -> None:
        """One bar chart through the app's one plot layer (whole-number ticks: counts, percent)."""
        from tui.panels import PlotSpec, Series
        from tui.widgets.plot import SpecPlot

        spec = PlotSpec(kind="bar", title=title, xlabel=xlabel, ylabel=ylabel,
                        series=[Series(list(labels), list(values))], ylim=ylim, yint=True)
        self.query_one(selector, SpecPlot).show_spec(spec)

    # -- export and import -----------------------------------------------------------------

    def _path(self) -> Path:
        text = self.query_one("#dash-path", Input).value.strip() or DEFAULT_EXPORT
        return Path(text).expanduser()

    def action_export(self) -> None:
        self.transfer("export", self._path())

    def action_import(self) -> None:
        self.transfer("import", self._path())

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def transfer(self, what: str, path: Path) -> None:
        store = self.app.services.store
        try:
            if what == "export":
                store.export_json(path)
                result = None
            else:
                result = store.import_json(path)
        except Exception as error:  # ValueError/OSError carry Korean messages from the store
            verb = "내보내지" if what == "export" else "가져오지"
            self.app.call_from_thread(self.notify, f"{verb} 못했습니다: {error}", severity="error", timeout=10)
            return
        self.app.call_from_thread(self._transferred, what, path, result)

    def _transferred(self, what: str, path: Path, result: dict | None) -> None:
        if what == "export":
            self.notify(f"진행 기록을 '{path}'에 내보냈습니다.", title="내보내기")
            return
        self.notify(import_report(path, result), title="가져오기")
        self.app.refresh_statuses()
        self.load()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"export": self.action_export, "import": self.action_import}[event.button.id]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path field: on to the buttons (which of the two is the learner's call)."""
        event.stop()
        self.query_one("#export", Button).focus()
        self.notify("이 파일로 내보내려면 Enter, 가져오려면 Tab으로 '가져오기'에 옮긴 뒤 Enter를 누르세요.",
                    title="진행 기록 파일")

    def action_close(self) -> None:
        self.dismiss()
