"""The glossary: Korean–English terms with one-line definitions, filtered as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.footer import KeyFooter
from tui.widgets.option_list import KeyOptionList

from content.glossary_search import term_matches  # noqa: F401 - aliases, spacing, variant spellings

__all__ = ["GlossaryScreen", "TermList", "term_matches"]


class TermList(KeyOptionList):
    """The glossary's terms (j/k move like the arrows)."""


class GlossaryScreen(Screen):
    """Lists the terms; Enter on a term opens the first lesson it appears in."""

    BINDINGS = [
        Binding("escape,q", "close", "닫기", key_display="Esc", id="glossary.close"),
        Binding("slash", "focus_filter", "검색", key_display="/", id="glossary.filter"),
        Binding("o", "open_lesson", "장으로 이동", id="glossary.open"),
        *[Binding(str(d), f"open_lesson({d - 1})", f"{d}번째 장으로 이동", show=False, id=f"glossary.open{d}") for d in range(1, 10)],
    ]

    def __init__(self, terms, query: str = ""):
        super().__init__(id="glossary")
        self.terms = list(terms)
        self.query_text = query
        self.shown: list = []

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with Vertical(classes="page"):
            yield Static("", id="glossary-title", classes="page-title")
            yield Input(value=self.query_text, placeholder="용어 검색 (한국어 또는 영어)", id="glossary-filter")
            yield TermList(id="glossary-list")
            yield Static("", id="glossary-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "용어집"
        self._refill(self.query_text)
        if self.query_text and self.shown:
            self.query_one(TermList).focus()
        else:
            self.query_one(Input).focus()

    def _refill(self, query: str) -> None:
        self.shown = [t for t in self.terms if term_matches(t, query)]
        count = f"{len(self.shown)}개" if query.strip() else f"전체 {len(self.terms)}개"
        self.query_one("#glossary-title", Static).update(
            f"용어집 — 한국어·영어 용어와 짧은 정의 ({count}). 입력하면 걸러집니다.")
        option_list = self.query_one(TermList)
        option_list.clear_options()
        for index, term in enumerate(self.shown):
            text = Text()
            text.append(term.ko, style="bold")
            text.append(f"  {term.en}", style="italic")
            text.append(f" — {term.definition}")
            option_list.add_option(Option(text, id=str(index)))
        if self.shown:
            option_list.highlighted = 0
            self._show_detail(0)
        else:
            self.query_one("#glossary-detail", Static).update(
                "찾는 용어가 없습니다." if self.terms else "용어집 파일이 비어 있습니다.")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.shown:
            self.query_one(TermList).focus()

    def _lessons(self, term) -> list:
        """The lessons a term appears in that exist in the catalog, in course order."""
        found = [self.app.services.lesson(lesson_id) for lesson_id in term.lessons]
        return sorted((lesson for lesson in found if lesson is not None), key=lambda lesson: lesson.order)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail(int(event.option.id))

    def _show_detail(self, index: int) -> None:
        if index >= len(self.shown):
            return
        term = self.shown[index]
        lessons = self._lessons(term)
        detail = Text.assemble((f"{term.ko} ({term.en})\n", "bold"), f"{term.definition}\n")
        if getattr(term, "aliases", ()):
            detail.append(f"다른 표기: {', '.join(term.aliases)}\n", style="dim")
        detail.append("나오는 장: ", style="bold")
        if lessons:
            detail.append("  ".join(f"{n}) {lesson.title}" for n, lesson in enumerate(lessons[:9], 1)))
            detail.append("   (Enter: 첫 장, 숫자: 그 장에서 이 용어가 처음 나오는 곳으로)", style="dim")
        else:
            detail.append("—")
        self.query_one("#glossary-detail", Static).update(detail)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(int(event.option.id))

    def action_open_lesson(self, which: int = 0) -> None:
        highlighted = self.query_one(TermList).highlighted
        if highlighted is not None and self.shown:
            self._open(highlighted, which)

    def _open(self, index: int, which: int = 0) -> None:
        lessons = self._lessons(self.shown[index])
        if not lessons:
            self.notify("이 용어가 나오는 장을 찾지 못했습니다.", severity="warning")
        elif which < len(lessons):
            term = self.shown[index]
            names = (term.ko, *getattr(term, "aliases", ()), term.en)
            self.app.open_at_text(lessons[which].id, names)  # where the term first appears

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss()
