"""The results of a quiz: the first-try score, what was missed, and a retry of just those."""

from __future__ import annotations

from typing import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from tui.quiz.session import STATUS_LABELS, QuizSession
from tui.quiz.text import display_text, inline_text
from tui.widgets.footer import KeyFooter

#: Longest prompt shown in the list of missed questions (in characters).
PROMPT_MAX = 120


def missed_list(session: QuizSession) -> Table:
    """One row per missed question: a status marker, then the prompt, hanging-indented."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for q in session.missed:
        outcome = session.outcome(q.id)
        prompt = inline_text(display_text(outcome.prompt or q.prompt))  # styled, then cut
        if len(prompt) > PROMPT_MAX:
            prompt.truncate(PROMPT_MAX - 1)
            prompt.append("…")
        table.add_row(Text(f" • [{STATUS_LABELS.get(outcome.status, '')}]", style="yellow"), prompt)
    return table


def score_text(session: QuizSession) -> Group:
    correct, total = session.score, len(session.questions)
    head = Text()
    head.append(f"점수: 첫 시도 정답 {correct} / {total}", style="bold")
    head.append(f"  ({round(100 * correct / total) if total else 0}%)\n")
    missed = session.missed
    if not missed:
        head.append("\n모두 첫 시도에 맞혔습니다! 복습 일정에 따라 다시 만납니다.", style="green")
        return Group(head)
    head.append(f"\n다시 볼 문제 {len(missed)}개:", style="bold")
    note = Text("\n틀린 문제는 복습 일정에 올라갑니다 (복습: r 키, 메인 화면).", style="dim")
    return Group(head, missed_list(session), note)


class QuizSummaryScreen(Screen):
    """Score, what was missed, and (when something was missed) a retry of those questions."""

    BINDINGS = [
        Binding("escape,q", "leave", "닫기", id="summary.close"),
        Binding("r", "retry", "틀린 문제 다시 풀기", id="summary.retry"),
        # With nothing missed, r says so here (instead of falling through to the app's 복습).
        Binding("r", "nothing_to_retry", "다시 풀 문제 없음", show=False, id="summary.no_retry"),
    ]

    def __init__(self, session: QuizSession, quiz_screen: Callable[[QuizSession], Screen]):
        super().__init__(classes="quiz")
        self.session = session
        #: Builds the quiz screen of a retry (handed in by the quiz screen: no import back).
        self.quiz_screen = quiz_screen

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with VerticalScroll(classes="page", id="summary-page"):
            yield Static(f"{self.session.title} — 결과", id="summary-title", classes="page-title")
            yield Static(score_text(self.session), id="quiz-score")
            with Horizontal(id="quiz-buttons"):
                if self.session.missed:
                    yield Button("틀린 문제 다시 풀기 (r)", id="retry", variant="primary")
                yield Button("닫기 (Esc)", id="close")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "퀴즈 결과"
        self.query(Button).first().focus(scroll_visible=False)
        self.query_one("#summary-page", VerticalScroll).scroll_home(animate=False)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "retry":
            return bool(self.session.missed)
        if action == "nothing_to_retry":
            return not self.session.missed
        return True

    def action_nothing_to_retry(self) -> None:
        self.notify("모두 첫 시도에 맞혀서 다시 풀 문제가 없습니다.", title="다시 풀기")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "retry":
            self.action_retry()
        else:
            self.action_leave()

    def action_retry(self) -> None:
        retry = self.session.retry()
        if retry is not None:
            self.app.switch_screen(self.quiz_screen(retry))

    def action_leave(self) -> None:
        self.dismiss()
