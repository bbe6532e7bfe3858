"""The quiz screen: one question at a time, graded off the UI thread, every attempt saved."""

from __future__ import annotations

import random

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

TYPE_LABELS = {"choice": "객관식", "numeric": "수치", "expression": "수식", "matrix": "행렬"}
INPUT_HINTS = {
    "numeric": "수를 입력하세요 (예: 0.5, 1/3, sqrt(2), pi)",
    "expression": "식을 입력하세요 (예: x^2 + 2x, sqrt(x), exp(-x))",
    "matrix": "행렬을 입력하세요 (예: [[1, 2], [3, 4]] 또는 1 2; 3 4)",
}
#: Largest matrix answer entered cell by cell; bigger ones use one text field.
GRID_MAX = 6


def display_text(text: str) -> str:
    """Quiz text with its ``$…$`` formulas converted to Unicode (left as is if that fails)."""
    if "$" not in (text or ""):
        return text or ""
    try:
        from content.mathtext import convert_plain

        return convert_plain(text)
    except (ValueError, ImportError):
        return text.replace("$", "")


def matrix_shape(answer) -> tuple[int, int] | None:
    """(rows, cols) of a nested-list key, when it is a small rectangular matrix."""
    if not isinstance(answer, (list, tuple)) or not answer:
        return None
    rows = [r if isinstance(r, (list, tuple)) else [r] for r in answer]
    cols = len(rows[0])
    if any(len(r) != cols for r in rows) or len(rows) > GRID_MAX or cols > GRID_MAX:
        return None
    return len(rows), cols


class ChoiceList(OptionList):
    BINDINGS = [Binding("j", "cursor_down", "아래", show=False), Binding("k", "cursor_up", "위", show=False)]


class QuizScreen(Screen):
    """Asks ``questions`` in order; Esc leaves (answers already given stay saved)."""

    BINDINGS = [
        Binding("escape", "leave", "나가기"),
        Binding("f2,h", "hint", "힌트", key_display="h/F2"),
        Binding("f3,n", "next", "다음 문제", key_display="n/F3"),
        Binding("f4", "reveal", "정답 보기", key_display="F4"),
        *[Binding(str(d), f"pick({d - 1})", f"{d}번 고르기", show=False) for d in range(1, 10)],
    ]

    def __init__(self, lesson, questions, title: str | None = None, rng: random.Random | None = None):
        super().__init__(classes="quiz")
        self.lesson = lesson
        self.questions = list(questions)
        self.title_text = title or f"퀴즈 · {lesson.title}"
        self.rng = rng or random.Random()
        self.index = 0
        self.current = None
        self.seed: int | None = None
        self.hints_shown = 0
        self.answered = False  # answered correctly or revealed: only "next" remains
        self.checking = False
        self.results: dict[str, bool] = {}  # question id → correct at the first graded try
        self.missed: list = []

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with VerticalScroll(classes="page", id="quiz-page"):
            yield Static("", id="quiz-progress", classes="page-title")
            yield Static("", id="quiz-prompt")
            yield Vertical(id="quiz-answer")
            yield Static("", id="quiz-hints")
            yield Static("", id="quiz-feedback")
            with Horizontal(id="quiz-buttons"):
                yield Button("제출 (Enter)", id="submit", variant="primary")
                yield Button("힌트 (h)", id="hint")
                yield Button("정답 보기 (F4)", id="reveal")
                yield Button("다음 (n)", id="next", variant="success")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.show_question()

    # -- asking ----------------------------------------------------------------------------

    def show_question(self) -> None:
        template = self.questions[self.index]
        self.seed = self.rng.randrange(2**31) if template.type == "generated" else None
        try:
            self.current = template.instantiate(self.seed if self.seed is not None else 0)
        except Exception as error:  # a broken generator must not end the quiz
            self.current = None
            self.query_one("#quiz-prompt", Static).update(f"이 문제를 만들지 못했습니다: {error}")
            self.answered = True
            self._update_buttons()
            return
        self.hints_shown = 0
        self.answered = False
        q = self.current
        kind = TYPE_LABELS.get(q.type, q.type)
        self.query_one("#quiz-progress", Static).update(
            f"{self.title_text} — {self.index + 1}/{len(self.questions)}  ·  {kind}  ·  "
            f"맞힌 문제 {sum(self.results.values())}")
        self.query_one("#quiz-prompt", Static).update(Text(display_text(q.prompt), style="bold"))
        self.query_one("#quiz-hints", Static).update("")
        self.query_one("#quiz-feedback", Static).update("")
        self._build_answer_area(q)
        self._update_buttons()

    def _build_answer_area(self, q) -> None:
        area = self.query_one("#quiz-answer", Vertical)
        area.remove_children()
        if q.type == "choice":
            options = [Option(f"{i + 1}) {display_text(choice)}", id=str(i)) for i, choice in enumerate(q.choices)]
            widget = ChoiceList(*options, id="choice-list")
            area.mount(widget)
        elif q.type == "matrix" and matrix_shape(q.answer):
            rows, cols = matrix_shape(q.answer)
            grid = Grid(id="matrix-grid")
            grid.styles.grid_size_columns = cols
            grid.styles.grid_size_rows = rows
            area.mount(Static(f"{rows}×{cols} 행렬: 칸마다 수를 입력하고 Enter", classes="quiz-note"))
            area.mount(grid)
            grid.mount_all([Input(placeholder=f"{r + 1},{c + 1}", id=f"cell-{r}-{c}", classes="matrix-cell")
                            for r in range(rows) for c in range(cols)])
            widget = None
        else:
            widget = Input(placeholder=INPUT_HINTS.get(q.type, "답을 입력하세요"), id="answer-input")
            area.mount(widget)
        self.call_after_refresh(self._focus_answer)

    def _focus_answer(self) -> None:
        for selector in ("#choice-list", "#answer-input", ".matrix-cell"):
            found = self.query(selector)
            if found:
                found.first().focus()
                return

    def _answer_text(self) -> str | None:
        q = self.current
        if q.type == "choice":
            highlighted = self.query_one("#choice-list", ChoiceList).highlighted
            return None if highlighted is None else str(highlighted)
        if self.query("#matrix-grid"):
            rows, cols = matrix_shape(q.answer)
            cells = [[self.query_one(f"#cell-{r}-{c}", Input).value.strip() for c in range(cols)]
                     for r in range(rows)]
            if any(not cell for row in cells for cell in row):
                return ""
            return "; ".join(" , ".join(row) for row in cells)
        return self.query_one("#answer-input", Input).value

    # -- grading ---------------------------------------------------------------------------

    def submit(self, text: str | None = None) -> None:
        if self.current is None or self.answered or self.checking:
            return
        text = self._answer_text() if text is None else text
        if text is None or not text.strip():
            self._feedback("답을 입력하세요.", "warning")
            return
        self.checking = True
        self._feedback("채점 중…", "dim")
        self.grade(self.current, text)

    @work(thread=True, exclusive=True, group="grading")
    def grade(self, question, text: str) -> None:
        from content import check_answer

        try:
            verdict = check_answer(question, text)
        except Exception:  # the checker reports bad input itself; anything else is retryable
            from types import SimpleNamespace

            verdict = SimpleNamespace(correct=False, retry=True,
                                      message="답을 확인하지 못했습니다. 형식을 바꿔 다시 입력해 보세요.")
        self.app.call_from_thread(self._graded, question, text, verdict)

    def _graded(self, question, text: str, verdict) -> None:
        self.checking = False
        if question is not self.current:
            return
        if verdict.retry:
            self._feedback(f"⚠ {verdict.message}", "warning")
            return
        template = self.questions[self.index]
        self.app.store.record_attempt(template.id, template.lesson, bool(verdict.correct), answer=text,
                                      hinted=self.hints_shown > 0, seed=self.seed)
        first_try = template.id not in self.results
        if first_try:
            self.results[template.id] = bool(verdict.correct)
        if verdict.correct:
            self.answered = True
            body = Text()
            body.append("✔ 정답입니다!\n", style="bold green")
            if verdict.message:
                body.append(f"{verdict.message}\n")
            body.append("\n해설: ", style="bold")
            body.append(display_text(question.explanation))
            self.query_one("#quiz-feedback", Static).update(body)
            self.query_one("#next", Button).focus()
        else:
            if template not in self.missed:
                self.missed.append(template)
            body = Text()
            body.append("✘ 틀렸습니다. ", style="bold red")
            body.append(verdict.message or "")
            body.append("\n다시 풀어 보거나, 힌트(h) · 정답 보기(F4) · 다음(n)을 고르세요.", style="dim")
            self.query_one("#quiz-feedback", Static).update(body)
        self._update_buttons()

    def _feedback(self, message: str, style: str) -> None:
        styles = {"warning": "bold yellow", "dim": "dim"}
        self.query_one("#quiz-feedback", Static).update(Text(message, style=styles.get(style, "")))

    def _update_buttons(self) -> None:
        q = self.current
        self.query_one("#submit", Button).disabled = self.answered or q is None
        self.query_one("#hint", Button).disabled = self.answered or q is None or self.hints_shown >= len(q.hints)
        self.query_one("#reveal", Button).disabled = self.answered or q is None
        self.query_one("#next", Button).label = "결과 보기 (n)" if self.index + 1 >= len(self.questions) else "다음 (n)"

    # -- events and actions ----------------------------------------------------------------

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.answered:
            self.action_next()
        else:
            self.submit()

    @on(OptionList.OptionSelected, "#choice-list")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit(event.option.id)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"submit": self.submit, "hint": self.action_hint, "reveal": self.action_reveal,
                   "next": self.action_next}
        actions[event.button.id]()

    def action_pick(self, index: int) -> None:
        if self.current is not None and self.current.type == "choice" and index < len(self.current.choices):
            choice_list = self.query_one("#choice-list", ChoiceList)
            choice_list.highlighted = index
            self.submit(str(index))

    def action_hint(self) -> None:
        q = self.current
        if q is None or self.answered:
            return
        if self.hints_shown >= len(q.hints):
            self.notify("더 이상 힌트가 없습니다." if q.hints else "이 문제에는 힌트가 없습니다.")
            return
        self.hints_shown += 1
        hints = Text()
        for n, hint in enumerate(q.hints[: self.hints_shown], 1):
            hints.append(f"힌트 {n}: ", style="bold cyan")
            hints.append(display_text(hint) + "\n")
        self.query_one("#quiz-hints", Static).update(hints)
        self._update_buttons()

    def action_reveal(self) -> None:
        q = self.current
        if q is None or self.answered:
            return
        template = self.questions[self.index]
        if template.id not in self.results:
            # Giving up counts as a wrong answer for scheduling.
            self.results[template.id] = False
            self.app.store.record_attempt(template.id, template.lesson, False, answer="(정답 보기)",
                                          hinted=self.hints_shown > 0, seed=self.seed)
        if template not in self.missed:
            self.missed.append(template)
        self.answered = True
        body = Text()
        body.append("정답: ", style="bold")
        body.append(answer_text(q) + "\n")
        body.append("해설: ", style="bold")
        body.append(display_text(q.explanation))
        self.query_one("#quiz-feedback", Static).update(body)
        self._update_buttons()
        self.query_one("#next", Button).focus()

    def action_next(self) -> None:
        if self.checking:
            return
        if self.index + 1 < len(self.questions):
            self.index += 1
            self.show_question()
        else:
            self.app.switch_screen(QuizSummaryScreen(self))

    def action_leave(self) -> None:
        self.dismiss()


def answer_text(q) -> str:
    """The key of a concrete question, for showing."""
    if q.type == "choice":
        return f"{q.answer + 1}) {display_text(q.choices[q.answer])}"
    if q.type == "matrix":
        return "[" + ", ".join(str(row) for row in q.answer) + "]"
    return display_text(str(q.answer))


class QuizSummaryScreen(Screen):
    """Score, what was missed, and a way to retry the missed questions."""

    BINDINGS = [Binding("escape,q", "leave", "닫기"), Binding("r", "retry", "틀린 문제 다시 풀기")]

    def __init__(self, quiz: QuizScreen):
        super().__init__(classes="quiz")
        self.quiz = quiz

    def compose(self) -> ComposeResult:
        quiz = self.quiz
        correct = sum(quiz.results.values())
        total = len(quiz.questions)
        yield Header(icon="∑")
        with VerticalScroll(classes="page"):
            yield Static(f"{quiz.title_text} — 결과", classes="page-title")
            score = Text()
            score.append(f"첫 시도 정답 {correct} / {total}", style="bold")
            score.append(f"  ({round(100 * correct / total) if total else 0}%)\n")
            if quiz.missed:
                score.append("\n틀렸거나 정답을 본 문제:\n", style="bold")
                for q in quiz.missed:
                    score.append(f" • {display_text(q.prompt)[:90]}\n")
            else:
                score.append("\n모두 맞혔습니다! 다음 복습 일정에 다시 만납니다.\n", style="green")
            yield Static(score, id="quiz-score")
            with Horizontal(id="quiz-buttons"):
                if quiz.missed:
                    yield Button("틀린 문제 다시 풀기 (r)", id="retry", variant="primary")
                yield Button("닫기 (Esc)", id="close")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "retry":
            self.action_retry()
        else:
            self.action_leave()

    def action_retry(self) -> None:
        if self.quiz.missed:
            self.app.switch_screen(QuizScreen(self.quiz.lesson, self.quiz.missed,
                                              title=f"{self.quiz.title_text} (다시 풀기)"))

    def action_leave(self) -> None:
        self.dismiss()
