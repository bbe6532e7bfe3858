"""The quiz screen: one question at a time, graded off the UI thread, every attempt saved.

A question is shown with an input that suits its type (a list of choices, a text field, or a
grid of cells for a small matrix). Answers are graded by ``content.check_answer`` in a thread
worker; if grading does not come back within :data:`GRADE_TIMEOUT` seconds the answer is
treated as unreadable (no penalty) and the late result is ignored. Every graded answer is
recorded in the progress store with whether a hint was seen and, for generated questions, the
seed the question was made from.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

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
    "matrix": "행렬을 입력하세요 (예: [[1, 2], [3, 4]] 또는 1, 2; 3, 4)",
}
#: Largest matrix answer entered cell by cell; bigger ones use one text field.
GRID_MAX = 6
#: Width of one cell of the matrix grid.
CELL_WIDTH = 12
#: Seconds to wait for the grader before giving the answer back as unreadable.
GRADE_TIMEOUT = 15.0
#: What a quiz records as the answer when the learner gives up and looks at the key.
REVEALED = "(정답 보기)"

STATUS_LABELS = {"wrong": "틀림", "revealed": "정답 봄", "skipped": "건너뜀", "retried": "다시 풀어 맞힘"}

_INLINE_RE = re.compile(r"`([^`\n]+)`|\*\*([^*\n]+)\*\*")
_md_parser = None


def display_text(text: str) -> str:
    """Quiz text for one line of display (formulas are converted when the quiz file loads)."""
    return " ".join((text or "").split())


def inline_text(text: str, style: str = "") -> Text:
    """Plain quiz text (choices, hints, messages) with ``**bold**`` and ```code``` styled."""
    out = Text(style=style)
    pos = 0
    for match in _INLINE_RE.finditer(text or ""):
        out.append(text[pos:match.start()])
        if match.group(1) is not None:
            out.append(match.group(1), style="bold cyan")
        else:
            out.append(match.group(2), style="bold")
        pos = match.end()
    out.append((text or "")[pos:])
    return out


def _parser():
    global _md_parser
    if _md_parser is None:
        from markdown_it import MarkdownIt

        _md_parser = MarkdownIt("commonmark")
    return _md_parser


def _inline_tokens(token) -> Text:
    text = Text()
    styles: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            text.append(child.content, " ".join(styles) or None)
        elif kind == "code_inline":
            text.append(child.content, "bold cyan")
        elif kind == "softbreak":
            text.append(" ")
        elif kind == "hardbreak":
            text.append("\n")
        elif kind == "strong_open":
            styles.append("bold")
        elif kind == "em_open":
            styles.append("italic")
        elif kind in ("strong_close", "em_close") and styles:
            styles.pop()
        elif kind in ("html_inline", "image"):
            text.append(child.content)
    return text


def markdown_text(markdown: str) -> Text:
    """Quiz Markdown (a prompt or an explanation) as one rich Text.

    Paragraphs and list items become lines, display formulas (```math blocks) indented lines.
    """
    try:
        tokens = _parser().parse(markdown or "")
    except Exception:  # markdown-it never should fail; show the text rather than nothing
        return Text(markdown or "")
    blocks: list[Text] = []
    lists: list[list] = []  # [next number or None] per open list
    pending_marker = ""
    for tok in tokens:
        kind = tok.type
        if kind == "inline":
            line = _inline_tokens(tok)
            if pending_marker:
                indent = "  " * (len(lists) - 1)
                line = Text.assemble(indent + pending_marker, line)
                pending_marker = ""
            blocks.append(line)
        elif kind in ("fence", "code_block"):
            is_math = tok.info.strip() == "math"
            lines = tok.content.rstrip("\n").split("\n")
            blocks.append(Text("\n".join("    " + line for line in lines),
                               style="bold" if is_math else "cyan"))
        elif kind == "bullet_list_open":
            lists.append([None])
        elif kind == "ordered_list_open":
            lists.append([int(tok.attrs.get("start", 1) or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            lists.pop()
        elif kind == "list_item_open" and lists:
            number = lists[-1][0]
            if number is None:
                pending_marker = "• "
            else:
                pending_marker = f"{number}. "
                lists[-1][0] = number + 1
        elif kind == "heading_open":
            pending_marker = ""
    return Text("\n").join(blocks)


def prompt_text(q) -> Text:
    try:
        return markdown_text(q.prompt_markdown())
    except Exception:  # a formula that fails to convert again: the plain prompt still reads
        return Text(q.prompt)


def explanation_text(q) -> Text:
    try:
        return markdown_text(q.explanation_markdown())
    except Exception:
        return Text(q.explanation)


def matrix_shape(answer) -> tuple[int, int] | None:
    """(rows, cols) of a small rectangular key; a flat list (a vector) is one row."""
    if not isinstance(answer, (list, tuple)) or not answer:
        return None
    if not any(isinstance(r, (list, tuple)) for r in answer):
        rows = [list(answer)]
    elif all(isinstance(r, (list, tuple)) for r in answer):
        rows = [list(r) for r in answer]
    else:
        return None
    cols = len(rows[0])
    if cols == 0 or any(len(r) != cols for r in rows) or len(rows) > GRID_MAX or cols > GRID_MAX:
        return None
    return len(rows), cols


def is_vector(answer) -> bool:
    return isinstance(answer, (list, tuple)) and not any(isinstance(r, (list, tuple)) for r in answer)


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def answer_text(q) -> str:
    """The key of a concrete question, for showing."""
    if q.type == "choice":
        return f"{q.answer + 1}) {q.choices[q.answer]}"
    if q.type == "matrix":
        if is_vector(q.answer):
            return "(" + ", ".join(_number(v) for v in q.answer) + ")"
        return "[" + ", ".join("[" + ", ".join(_number(v) for v in row) + "]" for row in q.answer) + "]"
    return _number(q.answer)


@dataclass
class Outcome:
    """How one question of this quiz went."""

    status: str = "skipped"  # correct | wrong | revealed | skipped | retried
    first_correct: bool = False
    tries: int = 0
    answers: list[str] = field(default_factory=list)
    prompt: str = ""  # the prompt as asked (a generated question's own numbers)


class ChoiceList(OptionList):
    BINDINGS = [Binding("j", "cursor_down", "아래", show=False), Binding("k", "cursor_up", "위", show=False)]


class QuizScreen(Screen):
    """Asks ``questions`` in order; Esc leaves (answers already given stay saved)."""

    DEFAULT_CSS = """
    QuizScreen #quiz-status { color: $text-muted; height: auto; }
    QuizScreen #quiz-prompt { height: auto; }
    QuizScreen #answer-input { max-width: 100; }
    QuizScreen .matrix-row-label { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape,q", "leave", "나가기", key_display="Esc"),
        Binding("f2,h", "hint", "힌트", key_display="F2/h"),
        Binding("f3,n", "next", "다음", key_display="F3/n"),
        Binding("f4", "reveal", "정답 보기", key_display="F4"),
        Binding("f5", "toggle_matrix_text", "행렬 한 줄 입력", key_display="F5", show=False),
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
        self.matrix_as_text = False
        self._token = 0  # identifies the grading in flight; a late result with an old token is dropped
        self.outcomes: dict[str, Outcome] = {}

    # -- derived state used by the summary --------------------------------------------------

    @property
    def results(self) -> dict[str, bool]:
        """Question id → correct at the first graded try (questions answered or revealed)."""
        return {qid: o.first_correct for qid, o in self.outcomes.items() if o.tries or o.status == "revealed"}

    @property
    def missed(self) -> list:
        """Templates not answered right at the first try (wrong, revealed or skipped)."""
        return [q for q in self.questions if not self._outcome(q.id).first_correct]

    @property
    def score(self) -> int:
        return sum(1 for q in self.questions if self._outcome(q.id).first_correct)

    def _outcome(self, question_id: str) -> Outcome:
        return self.outcomes.setdefault(question_id, Outcome())

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
                yield Button("힌트 (F2)", id="hint")
                yield Button("정답 보기 (F4)", id="reveal")
                yield Button("다음 (F3)", id="next", variant="success")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.run_worker(_warm_up_grader, thread=True, group="quiz-warm-up", exit_on_error=False)
        await self.show_question()

    # -- asking ----------------------------------------------------------------------------

    @property
    def template(self):
        return self.questions[self.index]

    async def show_question(self) -> None:
        template = self.template
        self.seed = self.rng.randrange(2**31) if template.type == "generated" else None
        self.hints_shown = 0
        self.answered = False
        self.checking = False
        self.matrix_as_text = False
        self._token += 1
        self.query_one("#quiz-hints", Static).update("")
        self.query_one("#quiz-feedback", Static).update("")
        try:
            self.current = template.instantiate(self.seed)
        except Exception:  # a broken generator must not end the quiz
            self.current = None
            self._set_progress()
            self.query_one("#quiz-prompt", Static).update(
                Text("이 문제를 만들지 못했습니다. 다음 문제(F3)로 넘어가세요.", style="bold red"))
            await self.query_one("#quiz-answer", Vertical).remove_children()
            self.answered = True
            self._update_buttons()
            self.call_after_refresh(self.query_one("#next", Button).focus)
            return
        self._outcome(template.id).prompt = self.current.prompt
        self._set_progress()
        self.query_one("#quiz-prompt", Static).update(prompt_text(self.current))
        await self._build_answer_area(self.current)
        self._update_buttons()
        self.query_one("#quiz-page", VerticalScroll).scroll_home(animate=False)

    def _set_progress(self) -> None:
        template = self.template
        kind = TYPE_LABELS.get(self.current.type, "") if self.current is not None else ""
        if template.type == "generated":
            kind = f"{kind} · 새로 만든 문제" if kind else "새로 만든 문제"
        self.query_one("#quiz-progress", Static).update(
            f"{self.title_text} — {self.index + 1}/{len(self.questions)}  ·  {kind}  ·  "
            f"첫 시도 정답 {self.score}")

    async def _build_answer_area(self, q) -> None:
        area = self.query_one("#quiz-answer", Vertical)
        await area.remove_children()
        shape = matrix_shape(q.answer) if q.type == "matrix" else None
        if q.type == "choice":
            options = [Option(Text.assemble(f"{i + 1}) ", inline_text(choice)), id=str(i))
                       for i, choice in enumerate(q.choices)]
            await area.mount_all([ChoiceList(*options, id="choice-list"), Static("숫자 키(1~9)나 클릭으로 고르거나, ↑↓로 옮기고 Enter", classes="quiz-note")])
        elif shape and not self.matrix_as_text:
            rows, cols = shape
            what = f"길이 {cols}인 벡터" if is_vector(q.answer) else f"{rows}×{cols} 행렬"
            grid = Grid(id="matrix-grid")
            grid.styles.grid_size_columns = cols
            grid.styles.grid_size_rows = rows
            grid.styles.grid_columns = str(CELL_WIDTH)
            grid.styles.grid_rows = "3"
            grid.styles.width = cols * (CELL_WIDTH + 1)
            grid.styles.height = rows * 3
            await area.mount_all([Static(f"{what}: 칸마다 수나 식(1/3, sqrt(2))을 넣고 Enter · F5: 한 줄로 입력",
                                         classes="quiz-note"), grid])
            await grid.mount_all([Input(placeholder=f"{r + 1},{c + 1}" if rows > 1 else f"{c + 1}",
                                  id=f"cell-{r}-{c}", classes="matrix-cell")
                            for r in range(rows) for c in range(cols)])
        else:
            await area.mount(Input(placeholder=INPUT_HINTS.get(q.type, "답을 입력하세요"), id="answer-input"))
            note = "Enter: 제출 · F2: 힌트 · F4: 정답 보기 · F3: 다음"
            if q.type == "expression":
                variables = ", ".join(getattr(q, "variables", None) or ["x"])
                note = f"변수: {variables} · ^는 거듭제곱, 2x처럼 곱셈 기호 생략 가능 · " + note
            if shape:
                note = "F5: 칸으로 입력 · " + note
            await area.mount(Static(note, classes="quiz-note"))
        self.call_after_refresh(self._focus_answer)

    def _focus_answer(self) -> None:
        for selector in ("#choice-list", "#answer-input", ".matrix-cell"):
            found = self.query(selector)
            if found:
                found.first().focus()
                return

    def _cells(self) -> list[list[Input]]:
        rows, cols = matrix_shape(self.current.answer)
        return [[self.query_one(f"#cell-{r}-{c}", Input) for c in range(cols)] for r in range(rows)]

    def _answer_text(self) -> str | None:
        q = self.current
        if q.type == "choice":
            highlighted = self.query_one("#choice-list", ChoiceList).highlighted
            return None if highlighted is None else str(highlighted + 1)
        if self.query("#matrix-grid"):
            cells = [[cell.value.strip() for cell in row] for row in self._cells()]
            if any(not value for row in cells for value in row):
                return ""
            return "; ".join(", ".join(row) for row in cells)
        return self.query_one("#answer-input", Input).value

    # -- grading ---------------------------------------------------------------------------

    def submit(self, text: str | int | None = None) -> None:
        """Grade ``text`` (or what the inputs hold); a choice may be given as its 0-based index."""
        if self.current is None or self.answered or self.checking:
            return
        if text is None:
            text = self._answer_text()
        if text is None or (isinstance(text, str) and not text.strip()):
            self._feedback("답을 입력하세요." if self.current.type != "choice" else "보기를 고르세요.",
                           "warning")
            return
        self.checking = True
        self._token += 1
        self._feedback("채점 중…", "dim")
        self._update_buttons()
        self.set_timer(GRADE_TIMEOUT, lambda token=self._token: self._grade_timed_out(token))
        self.grade(self.current, text, self._token)

    @work(thread=True, exclusive=True, group="grading", exit_on_error=False)
    def grade(self, question, text, token: int) -> None:
        try:
            from content import check_answer

            verdict = check_answer(question, text)
        except Exception:  # never a traceback on screen: anything unexpected is a retry
            verdict = SimpleNamespace(correct=False, retry=True,
                                      message="답을 확인하지 못했습니다. 형식을 바꿔 다시 입력해 보세요.")
        try:
            self.app.call_from_thread(self._graded, question, text, verdict, token)
        except RuntimeError:  # the app closed while grading
            pass

    def _grade_timed_out(self, token: int) -> None:
        if not self.checking or token != self._token:
            return
        self.checking = False
        self._token += 1  # the result, if it ever comes, is dropped
        self._feedback("⚠ 채점이 너무 오래 걸립니다. 더 간단한 식으로 다시 입력해 보세요 (감점 없음).", "warning")
        self._update_buttons()

    def _graded(self, question, text, verdict, token: int) -> None:
        if token != self._token or question is not self.current:
            return
        self.checking = False
        if verdict.retry:
            self._feedback(f"⚠ {verdict.message} (감점 없음)", "warning")
            self._update_buttons()
            return
        template = self.template
        shown = str(text + 1) if isinstance(text, int) else str(text)
        self._record(template, bool(verdict.correct), shown)
        outcome = self._outcome(template.id)
        first = outcome.tries == 0
        outcome.tries += 1
        outcome.answers.append(shown)
        if verdict.correct:
            outcome.first_correct = first
            outcome.status = "correct" if first else "retried"
            self.answered = True
            body = Text()
            body.append("✔ 정답입니다!", style="bold green")
            if self.hints_shown:
                body.append(f"  (힌트 {self.hints_shown}개 사용)", style="dim")
            body.append("\n\n해설: ", style="bold")
            body.append_text(explanation_text(question))
            self.query_one("#quiz-feedback", Static).update(body)
            self._set_progress()
            self._update_buttons()
            self.query_one("#next", Button).focus()
        else:
            outcome.status = "wrong"
            body = Text()
            body.append("✘ ", style="bold red")
            body.append_text(inline_text(verdict.message or "틀렸습니다.", "bold red"))
            body.append("\n다시 입력하거나, 힌트(F2) · 정답 보기(F4) · 다음(F3)을 고르세요.", style="dim")
            self.query_one("#quiz-feedback", Static).update(body)
            self._set_progress()
            self._update_buttons()
            self._focus_answer()

    def _record(self, template, correct: bool, answer: str) -> None:
        try:
            self.app.store.record_attempt(template.id, template.lesson, correct, answer=answer,
                                          hinted=self.hints_shown > 0, seed=self.seed)
        except Exception as error:  # the store reports its own problems in Korean
            self.notify(f"답을 저장하지 못했습니다: {error}", title="진행 기록", severity="error")

    def _feedback(self, message: str, style: str) -> None:
        styles = {"warning": "bold yellow", "dim": "dim"}
        self.query_one("#quiz-feedback", Static).update(Text(message, style=styles.get(style, "")))

    def _update_buttons(self) -> None:
        q = self.current
        blocked = self.answered or q is None or self.checking
        self.query_one("#submit", Button).disabled = blocked
        self.query_one("#hint", Button).disabled = blocked or self.hints_shown >= len(q.hints)
        self.query_one("#reveal", Button).disabled = blocked
        last = self.index + 1 >= len(self.questions)
        self.query_one("#next", Button).label = "결과 보기 (F3)" if last else "다음 (F3)"

    # -- events and actions ----------------------------------------------------------------

    @on(Input.Submitted)
    async def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.answered:
            await self.action_next()
            return
        if event.input.has_class("matrix-cell"):
            cells = [cell for row in self._cells() for cell in row]
            empty = [cell for cell in cells if not cell.value.strip()]
            if empty:  # Enter moves on to the next empty cell until the matrix is complete
                after = cells[cells.index(event.input) + 1:] + cells
                next((cell for cell in after if not cell.value.strip()), empty[0]).focus()
                return
        self.submit()

    @on(OptionList.OptionSelected, "#choice-list")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit(int(event.option.id))

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"submit": self.submit, "hint": self.action_hint, "reveal": self.action_reveal,
                   "next": self.action_next}
        result = actions[event.button.id]()
        if result is not None:
            await result

    def action_pick(self, index: int) -> None:
        q = self.current
        if q is None or q.type != "choice" or self.answered or self.checking or index >= len(q.choices):
            return
        self.query_one("#choice-list", ChoiceList).highlighted = index
        self.submit(index)

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
            if n > 1:
                hints.append("\n")
            hints.append(f"힌트 {n}/{len(q.hints)}: ", style="bold cyan")
            hints.append_text(inline_text(hint))
        self.query_one("#quiz-hints", Static).update(hints)
        self._update_buttons()

    def action_reveal(self) -> None:
        q = self.current
        if q is None or self.answered or self.checking:
            return
        template = self.template
        outcome = self._outcome(template.id)
        if outcome.tries == 0:
            # Giving up before any answer counts as a wrong answer for the review schedule.
            self._record(template, False, REVEALED)
            outcome.tries = 1
        outcome.status = "revealed"
        self.answered = True
        body = Text()
        body.append("정답: ", style="bold")
        body.append_text(inline_text(answer_text(q)))
        body.append("\n\n해설: ", style="bold")
        body.append_text(explanation_text(q))
        self.query_one("#quiz-feedback", Static).update(body)
        self._update_buttons()
        self.query_one("#next", Button).focus()

    async def action_toggle_matrix_text(self) -> None:
        q = self.current
        if q is None or q.type != "matrix" or self.answered or not matrix_shape(q.answer):
            return
        self.matrix_as_text = not self.matrix_as_text
        await self._build_answer_area(q)

    async def action_next(self) -> None:
        if self.checking:
            return
        if self.index + 1 < len(self.questions):
            self.index += 1
            await self.show_question()
        else:
            self.app.switch_screen(QuizSummaryScreen(self))

    def action_leave(self) -> None:
        if any(o.tries for o in self.outcomes.values()):
            self.notify("지금까지 푼 답은 저장되었습니다.")
        self.dismiss()


def _warm_up_grader() -> None:
    """Import the grader and SymPy in the background so the first answer is checked quickly."""
    try:
        from content import grading  # noqa: F401
        from mathcore import parse

        parse.parse_expression("x^2 + 1", ("x",))
    except Exception:  # only a warm-up: grading reports its own errors later
        pass


class QuizSummaryScreen(Screen):
    """Score, what was missed, and a way to retry the missed questions."""

    BINDINGS = [Binding("escape,q", "leave", "닫기"), Binding("r", "retry", "틀린 문제 다시 풀기")]

    def __init__(self, quiz: QuizScreen):
        super().__init__(classes="quiz")
        self.quiz = quiz

    def compose(self) -> ComposeResult:
        quiz = self.quiz
        correct = quiz.score
        total = len(quiz.questions)
        missed = quiz.missed
        yield Header(icon="∑")
        with VerticalScroll(classes="page"):
            yield Static(f"{quiz.title_text} — 결과", classes="page-title")
            score = Text()
            score.append(f"점수: 첫 시도 정답 {correct} / {total}", style="bold")
            score.append(f"  ({round(100 * correct / total) if total else 0}%)\n")
            if missed:
                score.append(f"\n다시 볼 문제 {len(missed)}개:\n", style="bold")
                for q in missed:
                    outcome = quiz._outcome(q.id)
                    status = STATUS_LABELS.get(outcome.status, "")
                    prompt = display_text(outcome.prompt or q.prompt)
                    prompt = prompt if len(prompt) <= 70 else prompt[:69] + "…"
                    score.append(f" • [{status}] ", style="yellow")
                    score.append_text(inline_text(prompt))
                    score.append("\n")
                score.append("\n틀린 문제는 복습 일정에 올라갑니다 (복습: r 키, 메인 화면).", style="dim")
            else:
                score.append("\n모두 첫 시도에 맞혔습니다! 복습 일정에 따라 다시 만납니다.\n", style="green")
            yield Static(score, id="quiz-score")
            with Horizontal(id="quiz-buttons"):
                if missed:
                    yield Button("틀린 문제 다시 풀기 (r)", id="retry", variant="primary")
                yield Button("닫기 (Esc)", id="close")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "퀴즈 결과"
        buttons = self.query(Button)
        if buttons:
            buttons.first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "retry":
            self.action_retry()
        else:
            self.action_leave()

    def action_retry(self) -> None:
        missed = self.quiz.missed
        if missed:
            title = self.quiz.title_text
            if not title.endswith("(다시 풀기)"):
                title += " (다시 풀기)"
            self.app.switch_screen(QuizScreen(self.quiz.lesson, missed, title=title, rng=self.quiz.rng))

    def action_leave(self) -> None:
        self.dismiss()
