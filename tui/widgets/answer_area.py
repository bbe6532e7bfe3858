"""The answer input of a quiz question: a list of choices, one text field, or a grid of cells.

The area only collects text. It posts :class:`AnswerArea.Submitted` when the learner presses
Enter on a complete answer or picks a choice; the screen decides what that means.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.quiz.text import inline_text, is_vector, matrix_shape
from tui.widgets.option_list import KeyOptionList

INPUT_HINTS = {
    "numeric": "수를 입력하세요 (예: 0.5, 1/3, sqrt(2), pi)",
    "expression": "식을 입력하세요 (예: x^2 + 2x, sqrt(x), exp(-x))",
    "matrix": "한 줄로 입력하세요 (예: [[1, 2], [3, 4]] 또는 1, 2; 3, 4)",
}
#: Width of one cell of the matrix grid.
CELL_WIDTH = 12
CHOICE_NOTE = "숫자 키(1~9)나 클릭으로 고르거나, ↑↓로 옮기고 Enter"
TEXT_NOTE = "Enter: 제출 · F2: 힌트 · F4: 정답 보기 · F3: 다음"


def grid_note(rows: int, cols: int, vector: bool) -> str:
    what = f"길이 {cols}인 벡터: 빈 칸 {cols}개" if vector else f"{rows}×{cols} 행렬: 빈 칸 {rows * cols}개"
    return (f"{what}에 성분을 차례로 넣으세요 (수나 식: 1/3, sqrt(2)). "
            "Enter: 다음 칸, 마지막 칸에서 제출 · F5: 한 줄로 입력")


def text_note(q, shape) -> str:
    note = TEXT_NOTE
    if q.type == "expression":
        variables = ", ".join(getattr(q, "variables", None) or ["x"])
        note = f"변수: {variables} · ^는 거듭제곱, 2x처럼 곱셈 기호 생략 가능 · " + note
    if shape:
        note = "F5: 칸으로 입력 · " + note
    return note


class AnswerArea(Vertical):
    """Shows the input that suits a concrete question; :meth:`answer` reads what it holds."""

    class Submitted(Message):
        """Enter on a complete answer (``choice`` is the picked index for a choice question)."""

        def __init__(self, choice: int | None = None) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.question = None
        self.shape: tuple[int, int] | None = None
        self.as_text = False
        #: Set once the question is answered: Enter then only asks to move on.
        self.locked = False

    def compose(self) -> ComposeResult:
        return iter(())

    @property
    def uses_grid(self) -> bool:
        return self.shape is not None and not self.as_text

    async def show(self, q, as_text: bool = False) -> None:
        """Replace the input with the one for question ``q`` (``as_text``: a matrix in one line)."""
        self.question = q
        self.as_text = as_text
        self.locked = False
        self.shape = matrix_shape(q.answer) if q is not None and q.type == "matrix" else None
        await self.remove_children()
        if q is None:
            return
        if q.type == "choice":
            options = [Option(Text.assemble(f"{i + 1}) ", inline_text(choice)), id=str(i))
                       for i, choice in enumerate(q.choices)]
            await self.mount_all([KeyOptionList(*options, id="choice-list"),
                                  Static(CHOICE_NOTE, classes="quiz-note")])
        elif self.uses_grid:
            await self._mount_grid(*self.shape, is_vector(q.answer))
        else:
            await self.mount_all([Input(placeholder=INPUT_HINTS.get(q.type, "답을 입력하세요"), id="answer-input"),
                                  Static(text_note(q, self.shape), classes="quiz-note")])

    async def _mount_grid(self, rows: int, cols: int, vector: bool) -> None:
        grid = Grid(id="matrix-grid")
        grid.styles.grid_size_columns = cols
        grid.styles.grid_size_rows = rows
        grid.styles.grid_columns = str(CELL_WIDTH)
        grid.styles.grid_rows = "3"
        grid.styles.width = cols * (CELL_WIDTH + 1)
        grid.styles.height = rows * 3
        await self.mount_all([Static(grid_note(rows, cols, vector), classes="quiz-note"), grid])
        await grid.mount_all([Input(id=f"cell-{r}-{c}", classes="matrix-cell",
                                    tooltip=f"{r + 1}행 {c + 1}열" if rows > 1 else f"{c + 1}번째 성분")
                              for r in range(rows) for c in range(cols)])

    def cells(self) -> list[list[Input]]:
        if not self.uses_grid:
            return []
        rows, cols = self.shape
        return [[self.query_one(f"#cell-{r}-{c}", Input) for c in range(cols)] for r in range(rows)]

    def answer(self) -> str | None:
        """The answer as text ("" if incomplete); a choice is its 1-based number (None: none)."""
        q = self.question
        if q is None:
            return None
        if q.type == "choice":
            highlighted = self.query_one("#choice-list", OptionList).highlighted
            return None if highlighted is None else str(highlighted + 1)
        if self.uses_grid:
            cells = [[cell.value.strip() for cell in row] for row in self.cells()]
            if any(not value for row in cells for value in row):
                return ""
            return "; ".join(", ".join(row) for row in cells)
        return self.query_one("#answer-input", Input).value

    def highlight(self, index: int) -> None:
        if self.question is not None and self.question.type == "choice":
            self.query_one("#choice-list", OptionList).highlighted = index

    def focus_answer(self) -> None:
        for selector in ("#choice-list", "#answer-input", ".matrix-cell"):
            found = self.query(selector)
            if found:
                found.first().focus()
                return

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.locked and event.input.has_class("matrix-cell"):
            cells = [cell for row in self.cells() for cell in row]
            empty = [cell for cell in cells if not cell.value.strip()]
            if empty:  # Enter moves on to the next empty cell until the matrix is complete
                after = cells[cells.index(event.input) + 1:] + cells
                next((cell for cell in after if not cell.value.strip()), empty[0]).focus()
                return
        self.post_message(self.Submitted())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submitted(int(event.option.id)))
