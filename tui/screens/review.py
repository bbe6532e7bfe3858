"""Spaced review: the questions the FSRS schedule says are due, across all lessons."""

from __future__ import annotations

from types import SimpleNamespace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from tui.screens.quiz import QuizScreen, display_text


def local_time(moment) -> str:
    """A short local date and time for a due date."""
    return moment.astimezone().strftime("%m-%d %H:%M")


class ReviewScreen(Screen):
    """How many reviews are due, each item's recall probability, and a quiz of the due ones."""

    BINDINGS = [
        Binding("escape,q", "close", "닫기"),
        Binding("enter,s", "start", "복습 시작", key_display="Enter"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with Vertical(classes="page"):
            yield Static("", id="review-summary", classes="page-title")
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="quiz-buttons"):
                yield Button("복습 시작 (Enter)", id="start", variant="primary")
                yield Button("닫기 (Esc)", id="close")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "복습"
        self.refresh_items()

    def on_screen_resume(self) -> None:
        self.refresh_items()

    def refresh_items(self) -> None:
        app = self.app
        items = app.store.review_items()
        due = [item for item in items if item["is_due"]]
        self.due_questions = [q for q in (app.question_by_id(item["question_id"]) for item in due) if q]
        summary = f"오늘 복습할 문제 {len(self.due_questions)}개"
        upcoming = [item for item in items if not item["is_due"]]
        if upcoming:
            summary += f"  ·  다음 복습 {local_time(upcoming[0]['due'])}"
        if not items:
            summary = "아직 푼 문제가 없습니다. 강의의 퀴즈(z)를 풀면 복습 일정이 생깁니다."
        self.query_one("#review-summary", Static).update(summary)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("상태", "강의", "문제", "복습 예정", "기억 확률")
        for item in items:
            question = app.question_by_id(item["question_id"])
            lesson = app.find_lesson(item["lesson_id"])
            prompt = display_text(question.prompt) if question else item["question_id"]
            table.add_row(
                "● 복습" if item["is_due"] else "  대기",
                lesson.title if lesson else item["lesson_id"],
                prompt.replace("\n", " ")[:48],
                local_time(item["due"]),
                f"{100 * item['recall']:.0f}%" if item.get("recall") is not None else "—",
            )
        self.query_one("#start", Button).disabled = not self.due_questions

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_close()

    def action_start(self) -> None:
        if not self.due_questions:
            self.notify("지금 복습할 문제가 없습니다.")
            return
        review = SimpleNamespace(id="review", title="복습")
        self.app.push_screen(QuizScreen(review, self.due_questions, title="복습"))

    def action_close(self) -> None:
        self.dismiss()
