"""Spaced review: the questions the FSRS schedule says are due, across all lessons."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Static

from tui.quiz.session import QuizSession
from tui.quiz.text import display_text, prompt_line
from tui.widgets.footer import KeyFooter

STATE_LABELS = {"learning": "학습 중", "review": "복습", "relearning": "다시 학습"}
#: Width of the lesson column (fits "03 순한맛 경사하…" and "04 매운맛 경사하…").
LESSON_WIDTH = 16


def short_title(lesson) -> str:
    """A lesson name that stays distinguishable when cut: "03 순한맛 경사하강법".

    A title "A — B" (a topic in several lessons) puts its distinguishing part B first.
    """
    head, sep, tail = lesson.title.partition(" — ")
    name = f"{tail} {head}" if sep else lesson.title
    return f"{lesson.order:02d} {name}"


def local_time(moment: datetime) -> str:
    """A short local date and time for a due date."""
    return moment.astimezone().strftime("%m-%d %H:%M")


def shorten(text: str | Text, width: int) -> str | Text:
    """``text`` on one line, cut to ``width`` display cells (Korean letters take two)."""
    from rich.cells import cell_len

    if isinstance(text, Text):
        if text.cell_len <= width:
            return text.copy()
        plain, end = text.plain, 0
        while end < len(plain) and cell_len(plain[:end + 1]) <= width - 1:
            end += 1
        line = text[:end]
        line.rstrip()  # the "…" right after the last character, never after a space
        line.append("…")
        return line

    text = display_text(text)
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out.rstrip() + "…"


class ReviewScreen(Screen):
    """How many reviews are due, each item's recall probability, and a quiz of the due ones.

    ``now`` fixes the clock (tests); by default the schedule is read at the current time.
    """

    BINDINGS = [
        Binding("escape,q", "close", "닫기", id="review.close"),
        Binding("s", "start", "복습 시작", key_display="s", id="review.start"),
    ]

    def __init__(self, now: datetime | None = None):
        super().__init__()
        self.now = now
        self.items: list[dict] = []
        self.due_questions: list = []
        self.due_today = 0

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with Vertical(classes="page"):
            yield Static("", id="review-summary", classes="page-title")
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="review-note")
            with Horizontal(id="quiz-buttons"):
                yield Button("복습 시작 (s)", id="start", variant="primary")
                yield Button("닫기 (Esc)", id="close")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "복습"
        self.refresh_items()

    def on_screen_resume(self) -> None:
        self.refresh_items()

    def _now(self) -> datetime:
        return self.now or datetime.now().astimezone()

    def refresh_items(self) -> None:
        services = self.app.services
        now = self._now()
        try:
            items = services.store.review_items(now)
            forecast = services.store.due_forecast(1, now)
        except Exception as error:  # a damaged store must not take the screen down
            self.notify(f"복습 일정을 읽지 못했습니다: {error}", severity="error")
            items, forecast = [], [0]
        # Questions deleted from the quiz files (or in a quiz file that does not load) cannot
        # be asked any more.
        self.items = [item for item in items if services.question(item["question_id"]) is not None]
        due_now = [item for item in self.items if item["is_due"]]
        self.due_today = forecast[0] if forecast else len(due_now)
        self.due_questions = [services.question(item["question_id"]) for item in due_now]
        ahead = [item for item in self.items if not item["is_due"]]
        if not self.items:
            summary = "아직 푼 문제가 없습니다. 각 장의 퀴즈(z)를 풀면 복습 일정이 생깁니다."
        else:
            summary = f"지금 복습할 문제 {len(due_now)}개  ·  오늘 복습 예정 {self.due_today}개"
            if ahead:
                summary += f"  ·  다음 복습 {local_time(ahead[0]['due'])}"
        self.query_one("#review-summary", Static).update(summary)
        self._fill_table(now)
        start = self.query_one("#start", Button)
        if due_now:
            start.label = f"복습 시작: {len(due_now)}문제 (s)"
            note = ("틀리면 곧 다시, 맞히면 더 나중에 나옵니다 (힌트를 보고 맞히면 조금 더 일찍). "
                    "표에서 Enter: 그 문제만 풀기")
        elif self._today_ahead():
            start.label = f"오늘 예정분 미리 풀기: {len(self._today_ahead())}문제 (s)"
            note = "지금 당장 복습할 문제는 없습니다. 오늘 안에 다가올 문제를 미리 풀 수 있습니다."
        else:
            start.label = "복습 시작 (s)"
            note = "지금 복습할 문제가 없습니다." if self.items else ""
        start.disabled = not (due_now or self._today_ahead())
        self.query_one("#review-note", Static).update(note)

    def _today_ahead(self) -> list:
        """Not yet due, but due before the end of the local day."""
        today = self._now().astimezone().date()
        return [self.app.services.question(item["question_id"]) for item in self.items
                if not item["is_due"] and item["due"].astimezone().date() <= today]

    def _fill_table(self, now: datetime) -> None:
        services = self.app.services
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # Explicit widths: the table keeps header widths when columns are rebuilt on a refresh.
        prompt_width = max(16, min(60, self.app.size.width - 57))
        for label, width in (("상태", 8), ("장", LESSON_WIDTH), ("문제", prompt_width),
                             ("복습 예정", 11), ("기억 확률", 9)):
            table.add_column(label, width=width)
        for item in self.items:
            question = services.question(item["question_id"])
            lesson = services.lesson(item["lesson_id"])
            recall = item.get("recall")
            table.add_row(
                "● 지금" if item["is_due"] else STATE_LABELS.get(item.get("state"), "대기"),
                shorten(short_title(lesson) if lesson else item["lesson_id"], LESSON_WIDTH),
                shorten(prompt_line(question), prompt_width),
                local_time(item["due"]),
                f"{100 * recall:.0f}%" if recall is not None else "—",
                key=item["question_id"],
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_close()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: practise just that question."""
        question = self.app.services.question(event.row_key.value)
        if question is not None:
            self._quiz([question], "복습 · 한 문제")

    def action_start(self) -> None:
        questions = self.due_questions or self._today_ahead()
        if not questions:
            self.notify("지금 복습할 문제가 없습니다.")
            return
        self._quiz(questions, "복습")

    def _quiz(self, questions: list, title: str) -> None:
        from tui.screens.quiz import QuizScreen

        self.app.push_screen(QuizScreen(QuizSession(questions, title)))

    def action_close(self) -> None:
        self.dismiss()
