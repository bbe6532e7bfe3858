"""The glossary: Korean–English terms with one-line definitions, filtered as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option


def term_matches(term, query: str) -> bool:
    """Case-insensitive match of ``query`` against the Korean, English and definition text."""
    query = query.strip().lower()
    if not query:
        return True
    return any(query in (value or "").lower() for value in (term.ko, term.en, term.definition))


class TermList(OptionList):
    BINDINGS = [Binding("j", "cursor_down", "아래", show=False), Binding("k", "cursor_up", "위", show=False)]


class GlossaryScreen(Screen):
    """Lists the terms; Enter on a term opens the first lesson it appears in."""

    BINDINGS = [
        Binding("escape", "close", "닫기"),
        Binding("slash", "focus_filter", "검색", key_display="/"),
        Binding("o", "open_lesson", "강의로 이동"),
    ]

    def __init__(self, terms, query: str = ""):
        super().__init__(id="glossary")
        self.terms = list(terms)
        self.query_text = query
        self.shown: list = []

    def compose(self) -> ComposeResult:
        yield Header(icon="∑")
        with Vertical(classes="page"):
            yield Static("용어집 — 한국어·영어 용어와 짧은 정의. 입력하면 걸러집니다.", classes="page-title")
            yield Input(value=self.query_text, placeholder="용어 검색 (한국어 또는 영어)", id="glossary-filter")
            yield TermList(id="glossary-list")
            yield Static("", id="glossary-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "용어집"
        self._refill(self.query_text)
        if self.query_text and self.shown:
            self.query_one(TermList).focus()
        else:
            self.query_one(Input).focus()

    def _refill(self, query: str) -> None:
        self.shown = [t for t in self.terms if term_matches(t, query)]
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
        else:
            self.query_one("#glossary-detail", Static).update(
                "찾는 용어가 없습니다." if self.terms else "용어집 파일이 비어 있습니다.")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.shown:
            self.query_one(TermList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        term = self.shown[int(event.option.id)]
        lessons = [self.app.find_lesson(lid) for lid in term.lessons]
        names = ", ".join(lesson.title for lesson in lessons if lesson is not None) or "—"
        self.query_one("#glossary-detail", Static).update(
            Text.assemble((f"{term.ko} ({term.en})\n", "bold"), f"{term.definition}\n",
                          ("나오는 강의: ", "bold"), names, ("   (Enter 또는 o: 강의로 이동)", "dim")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(int(event.option.id))

    def action_open_lesson(self) -> None:
        highlighted = self.query_one(TermList).highlighted
        if highlighted is not None and self.shown:
            self._open(highlighted)

    def _open(self, index: int) -> None:
        term = self.shown[index]
        for lesson_id in term.lessons:
            if self.app.find_lesson(lesson_id) is not None:
                self.app.action_open_lesson(lesson_id)
                return
        self.notify("이 용어가 나오는 강의를 찾지 못했습니다.", severity="warning")

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss()
