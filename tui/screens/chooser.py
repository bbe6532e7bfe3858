"""A small modal list to pick one item (a panel, a heading, …); Esc cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.widgets.option_list import KeyOptionList


class ChooserList(KeyOptionList):
    """The chooser's items (j/k move like the arrows)."""


class ChooserScreen(ModalScreen[str | None]):
    """Shows ``items`` (id, label) and dismisses with the chosen id, or None."""

    BINDINGS = [Binding("escape,q", "cancel", "닫기", id="chooser.close")]

    def __init__(self, title: str, items: list[tuple[str, str]], highlighted: int = 0):
        super().__init__(classes="chooser")
        self.title_text = title
        self.items = items
        self.initial = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield ChooserList(*[Option(label, id=item_id) for item_id, label in self.items])
            yield Label("↑↓/j k 이동 · Enter 선택 · Esc 닫기", classes="dialog-hint")

    def on_mount(self) -> None:
        option_list = self.query_one(ChooserList)
        if self.items:
            option_list.highlighted = min(self.initial, len(self.items) - 1)
        option_list.focus()

    def on_resize(self, event) -> None:
        # A long list (a lesson's table of contents) leaves room for the title and the hint:
        # the dialog is at most 85% of the height, less its border, title and hint (6 lines).
        self.query_one(ChooserList).styles.max_height = max(3, min(30, int(event.size.height * 0.85) - 6))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
