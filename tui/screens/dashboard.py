"""The statistics dashboard: lessons done, accuracy, activity, upcoming reviews, weak spots."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static

from tui.screens.quiz import display_text


def collect_stats(store, catalog) -> dict:
    """Everything the dashboard shows, gathered in one pass (runs in a worker thread)."""
    accuracy = store.accuracy_by_lesson()
    return {
        "done": store.lessons_done(),
        "lessons": len(catalog.lessons),
        "streak": store.streak(),
        "attempts": store.attempt_count(),
        "accuracy": [(lesson, *accuracy.get(lesson.id, (0, 0))) for lesson in catalog.lessons],
        "per_day": store.attempts_per_day(60),
        "forecast": store.due_forecast(14),
        "weakest": store.weakest_questions(8),
    }


class DashboardScreen(Screen):
    """Charts drawn with plotext; export and import of all progress."""

    BINDINGS = [
        Binding("escape,q", "close", "닫기"),
        Binding("e", "export", "내보내기"),
        Binding("m", "import", "가져오기"),
    ]

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Header(icon="∑")
        with VerticalScroll(classes="page", id="dashboard-page"):
            yield Static("통계를 불러오는 중…", id="dash-summary", classes="page-title")
            with Grid(id="dash-grid"):
                yield PlotextPlot(id="plot-accuracy")
                yield PlotextPlot(id="plot-activity")
                yield PlotextPlot(id="plot-forecast")
                yield Static("", id="dash-weakest")
            with Horizontal(id="dash-io"):
                yield Input(placeholder="JSON 파일 경로 (예: ~/aimath-backup.json)", id="dash-path")
                yield Button("내보내기 (e)", id="export", variant="primary")
                yield Button("가져오기 (m)", id="import")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "학습 통계"
        self.load()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < 100, "-narrow")

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self) -> None:
        stats = collect_stats(self.app.store, self.app.catalog)
        self.app.call_from_thread(self.show_stats, stats)

    def show_stats(self, stats: dict) -> None:
        summary = Text()
        summary.append(f"완료한 강의 {stats['done']}/{stats['lessons']}")
        summary.append(f"   연속 학습 {stats['streak']}일")
        summary.append(f"   푼 문제 {stats['attempts']}회")
        summary.append(f"   오늘 복습 {stats['forecast'][0] if stats['forecast'] else 0}개")
        self.query_one("#dash-summary", Static).update(summary)
        self._bar("#plot-accuracy", "강의별 정답률 (%)", "강의 번호", "정답률",
                  [f"{lesson.order:02d}" for lesson, _c, _t in stats["accuracy"]],
                  [100 * c / t if t else 0 for _l, c, t in stats["accuracy"]], ylim=(0, 100))
        days = stats["per_day"]
        self._bar("#plot-activity", "최근 60일 풀이 수", "날짜", "풀이",
                  [d.strftime("%m/%d") for d, _ in days], [n for _, n in days])
        forecast = stats["forecast"]
        self._bar("#plot-forecast", "앞으로 14일 복습 예정", "며칠 뒤", "문제 수",
                  [str(k) for k in range(len(forecast))], forecast)
        table = Table(title="가장 약한 문제", show_edge=False, expand=True)
        table.add_column("강의")
        table.add_column("문제")
        table.add_column("정답률", justify="right")
        for row in stats["weakest"]:
            question = self.app.question_by_id(row["question_id"])
            lesson = self.app.find_lesson(row["lesson_id"])
            prompt = display_text(question.prompt).replace("\n", " ") if question else row["question_id"]
            table.add_row(lesson.title if lesson else row["lesson_id"], prompt[:40],
                          f"{row['correct']}/{row['total']}")
        if not stats["weakest"]:
            table.add_row("—", "틀린 문제가 아직 없습니다", "")
        self.query_one("#dash-weakest", Static).update(table)

    def _bar(self, selector: str, title: str, xlabel: str, ylabel: str, labels, values, ylim=None) -> None:
        from textual_plotext import PlotextPlot

        widget = self.query_one(selector, PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        if len(labels) > 15:  # thin the tick labels so they stay readable
            step = max(1, len(labels) // 6)
            positions = list(range(len(labels)))
            plt.bar(positions, values, width=0.8)
            plt.xticks(positions[::step], labels[::step])
        else:
            plt.bar(labels, values, width=0.6)
        if ylim:
            plt.ylim(*ylim)
        plt.title(title)
        plt.xlabel(xlabel)
        plt.ylabel(ylabel)
        widget.refresh()

    def _path(self) -> Path | None:
        text = self.query_one("#dash-path", Input).value.strip()
        if not text:
            self.notify("파일 경로를 입력하세요.", severity="warning")
            self.query_one("#dash-path", Input).focus()
            return None
        return Path(text).expanduser()

    def action_export(self) -> None:
        path = self._path()
        if path is None:
            return
        try:
            self.app.store.export_json(path)
        except (OSError, ValueError) as error:
            self.notify(f"내보내지 못했습니다: {error}", severity="error")
            return
        self.notify(f"진행 기록을 '{path}'에 내보냈습니다.")

    def action_import(self) -> None:
        path = self._path()
        if path is None:
            return
        try:
            self.app.store.import_json(path)
        except (OSError, ValueError) as error:
            self.notify(f"가져오지 못했습니다: {error}", severity="error")
            return
        self.notify(f"'{path}'의 진행 기록을 합쳤습니다.")
        self.app.refresh_statuses()
        self.load()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"export": self.action_export, "import": self.action_import}[event.button.id]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def action_close(self) -> None:
        self.dismiss()
