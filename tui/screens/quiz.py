"""The quiz screen: renders a :class:`~tui.quiz.session.QuizSession`, one question at a time.

The session holds the state; one thread worker grades the answer with ``content.check_answer``
and records it (``store.record_attempt``, durable) and posts the result back. If grading does not
come back within ``tui.quiz.grading.GRADE_TIMEOUT`` seconds the answer is given back as
unreadable (no penalty) and the late result is neither shown nor recorded.
"""

from __future__ import annotations

import random

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from tui.quiz import grading
from tui.quiz.session import QuizSession
from tui.quiz.text import answer_text, explanation_text, inline_text, prompt_text
from tui.widgets.answer_area import AnswerArea
from tui.widgets.footer import KeyFooter

TYPE_LABELS = {"choice": "객관식", "numeric": "수치", "expression": "수식", "matrix": "행렬"}


def quiz_screen_for_lesson(app, lesson_id: str, rng: random.Random | None = None):
    """A quiz over the lesson's questions, or None after telling the learner why not."""
    services = app.services
    lesson = services.lesson(lesson_id)
    if lesson is None:
        app.notify(f"'{lesson_id}' 장을 찾을 수 없습니다.", severity="error")
        return None
    error = services.quiz_error(lesson_id)
    if error:
        app.notify(error, title="퀴즈", severity="error", timeout=10)
        return None
    questions = services.questions(lesson_id)
    if not questions:
        app.notify(f"'{lesson.title}'에는 퀴즈 문제가 없습니다.", severity="warning")
        return None
    return QuizScreen(QuizSession(questions, f"퀴즈 · {lesson.title}", rng=rng))


class QuizScreen(Screen):
    """Asks the session's questions in order; Esc leaves (answers already given stay saved)."""

    class Graded(Message):
        def __init__(self, result: grading.Graded) -> None:
            super().__init__()
            self.result = result

    BINDINGS = [
        Binding("escape,q", "leave", "나가기", key_display="Esc", id="quiz.leave"),
        # Before the others: at 80 columns the footer keeps the first keys that fit.
        Binding("f5", "toggle_matrix_text", "한 줄/칸 입력", key_display="F5", id="quiz.matrix_text"),
        Binding("f2", "hint", "힌트", key_display="F2", id="quiz.hint"),
        Binding("h", "hint", "힌트", show=False, id="quiz.hint_h"),
        Binding("f3", "next", "다음", key_display="F3", id="quiz.next"),
        Binding("n", "next", "다음", show=False, id="quiz.next_n"),
        Binding("f4", "reveal", "정답 보기", key_display="F4", id="quiz.reveal"),
        *[Binding(str(d), f"pick({d - 1})", f"{d}번 고르기", show=False, id=f"quiz.pick{d}")
          for d in range(1, 10)],
    ]

    def __init__(self, session: QuizSession):
        super().__init__(classes="quiz")
        self.session = session
        self._ticket: grading.Ticket | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with VerticalScroll(classes="page", id="quiz-page"):
            yield Static("", id="quiz-progress", classes="page-title")
            yield Static("", id="quiz-prompt")
            yield AnswerArea(id="quiz-answer")
            yield Static("", id="quiz-hints")
            yield Static("", id="quiz-feedback")
            with Horizontal(id="quiz-buttons"):
                yield Button("제출 (Enter)", id="submit", variant="primary")
                yield Button("힌트 (F2)", id="hint")
                yield Button("정답 보기 (F4)", id="reveal")
                yield Button("다음 (F3)", id="next", variant="success")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.sub_title = self.session.title
        self.run_worker(grading.warm_up, thread=True, group="quiz-warm-up", exit_on_error=False)
        await self.show_question()

    @property
    def area(self) -> AnswerArea:
        return self.query_one("#quiz-answer", AnswerArea)

    # -- showing ---------------------------------------------------------------------------

    async def show_question(self, as_text: bool = False) -> None:
        session = self.session
        self._ticket = None
        self.query_one("#quiz-hints", Static).update("")
        self.query_one("#quiz-feedback", Static).update("")
        self._set_progress()
        await self.area.show(session.current, as_text)
        if session.current is None:
            self.query_one("#quiz-prompt", Static).update(
                Text("이 문제를 만들지 못했습니다. 다음 문제(F3)로 넘어가세요.", style="bold red"))
            self._update_buttons()
            self.call_after_refresh(self.query_one("#next", Button).focus)
            return
        self.query_one("#quiz-prompt", Static).update(prompt_text(session.current, grid=self.area.uses_grid))
        self._update_buttons()
        self.query_one("#quiz-page", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self.area.focus_answer)

    def _set_progress(self) -> None:
        session = self.session
        kind = TYPE_LABELS.get(session.current.type, "") if session.current is not None else ""
        if session.template.type == "generated":
            kind = f"{kind} · 새로 만든 문제" if kind else "새로 만든 문제"
        self.query_one("#quiz-progress", Static).update(
            f"{session.title} — {session.index + 1}/{len(session.questions)}  ·  {kind}  ·  "
            f"첫 시도 정답 {session.score}")

    def _feedback(self, message: str | Text, style: str = "") -> None:
        styles = {"warning": "bold yellow", "dim": "dim"}
        text = message if isinstance(message, Text) else Text(message, style=styles.get(style, ""))
        self.query_one("#quiz-feedback", Static).update(text)

    def _update_buttons(self) -> None:
        session = self.session
        blocked = not session.can_answer
        self.query_one("#submit", Button).disabled = blocked
        self.query_one("#hint", Button).disabled = blocked or session.hints_shown >= len(session.hints)
        self.query_one("#reveal", Button).disabled = blocked
        self.query_one("#next", Button).label = "결과 보기 (F3)" if session.is_last else "다음 (F3)"
        self.area.locked = session.answered
        self.refresh_bindings()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "toggle_matrix_text":  # shown (F5) only where a grid can be switched
            return self.session.current is not None and self.area.shape is not None
        return True

    # -- grading ---------------------------------------------------------------------------

    def submit(self, text: str | int | None = None) -> None:
        """Grade ``text`` (or what the inputs hold); a choice may be given as its 0-based index."""
        session = self.session
        if not session.can_answer:
            return
        if text is None:
            text = self.area.answer()
        if text is None or (isinstance(text, str) and not text.strip()):
            self._feedback("답을 입력하세요." if session.current.type != "choice" else "보기를 고르세요.",
                           "warning")
            return
        ticket = self._ticket = grading.Ticket(session.submit())
        self._feedback("채점 중…", "dim")
        self._update_buttons()
        self.set_timer(grading.GRADE_TIMEOUT, lambda: self._grade_timed_out(ticket))
        self.grade(session.current, text, ticket)

    @work(thread=True, exclusive=True, group="grading", exit_on_error=False)
    def grade(self, question, text, ticket: grading.Ticket) -> None:
        result = grading.grade_and_record(question, text, ticket, self.session.attempt,
                                          self.app.services)
        if result is not None:
            self.post_message(self.Graded(result))

    def _grade_timed_out(self, ticket: grading.Ticket) -> None:
        if ticket is not self._ticket or not ticket.cancel():
            return
        if self.session.timed_out(ticket.token):
            self._feedback("⚠ 채점이 너무 오래 걸립니다. 더 간단한 식으로 다시 입력해 보세요 (감점 없음).",
                           "warning")
            self._update_buttons()

    def on_quiz_screen_graded(self, event: Graded) -> None:
        result = event.result
        verdict = result.verdict
        outcome = self.session.graded(result.token, None if verdict.retry else bool(verdict.correct),
                                      result.answer)
        if outcome is None:
            return
        if verdict.retry:
            self._feedback(f"⚠ {verdict.message} (감점 없음)", "warning")
        elif verdict.correct:
            self._feedback(self._correct_text())
        else:
            body = Text()
            body.append("✘ ", style="bold red")
            body.append_text(inline_text(verdict.message or "틀렸습니다.", "bold red"))
            again = "다시 고르거나" if self.session.current.type == "choice" else "다시 입력하거나"
            body.append(f"\n{again}, 힌트(F2) · 정답 보기(F4) · 다음(F3)을 고르세요.", style="dim")
            self._feedback(body)
        self._set_progress()
        self._update_buttons()
        if self.session.answered:
            self.query_one("#next", Button).focus()
        elif not verdict.retry:
            self.area.focus_answer()

    def _correct_text(self) -> Text:
        body = Text()
        body.append("✔ 정답입니다!", style="bold green")
        if self.session.hints_shown:
            body.append(f"  (힌트 {self.session.hints_shown}개 사용)", style="dim")
        body.append("\n\n해설: ", style="bold")
        body.append_text(explanation_text(self.session.current))
        return body

    # -- events and actions ----------------------------------------------------------------

    async def on_answer_area_submitted(self, event: AnswerArea.Submitted) -> None:
        event.stop()
        if self.session.answered:
            await self.action_next()
        else:
            self.submit(event.choice)

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"submit": self.submit, "hint": self.action_hint, "reveal": self.action_reveal,
                   "next": self.action_next}
        result = actions[event.button.id]()
        if result is not None:
            await result

    def action_pick(self, index: int) -> None:
        q = self.session.current
        if q is None or q.type != "choice" or not self.session.can_answer or index >= len(q.choices):
            return
        self.area.highlight(index)
        self.submit(index)

    def action_hint(self) -> None:
        session = self.session
        if session.current is None or session.answered:
            return
        if not session.take_hint():
            self.notify("더 이상 힌트가 없습니다." if session.hints else "이 문제에는 힌트가 없습니다.")
            return
        hints = Text()
        for n, hint in enumerate(session.hints[: session.hints_shown], 1):
            if n > 1:
                hints.append("\n")
            hints.append(f"힌트 {n}/{len(session.hints)}: ", style="bold cyan")
            hints.append_text(inline_text(hint))
        self.query_one("#quiz-hints", Static).update(hints)
        self._update_buttons()

    def action_reveal(self) -> None:
        session = self.session
        q = session.current
        if not session.can_answer:
            return
        attempt = session.reveal()
        if attempt is not None:  # giving up before any answer counts as wrong for the schedule
            self.app.services.write("record_attempt", attempt.question_id, attempt.lesson_id,
                                            attempt.correct, **attempt.kwargs())
        body = Text()
        body.append("정답: ", style="bold")
        body.append_text(inline_text(answer_text(q)))
        body.append("\n\n해설: ", style="bold")
        body.append_text(explanation_text(q))
        self._feedback(body)
        self._update_buttons()
        self.query_one("#next", Button).focus()

    async def action_toggle_matrix_text(self) -> None:
        session = self.session
        if session.current is None or session.answered or self.area.shape is None:
            return
        await self.area.show(session.current, not self.area.as_text)
        self.query_one("#quiz-prompt", Static).update(prompt_text(session.current, grid=self.area.uses_grid))
        self.call_after_refresh(self.area.focus_answer)

    async def action_next(self) -> None:
        session = self.session
        if session.checking:
            return
        if session.advance():
            await self.show_question()
        else:
            from tui.screens.quiz_summary import QuizSummaryScreen

            self.app.switch_screen(QuizSummaryScreen(session, QuizScreen))

    def action_leave(self) -> None:
        if self.session.any_answered:
            self.notify("지금까지 푼 답은 저장되었습니다.")
        self.dismiss()
