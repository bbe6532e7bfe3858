"""A tiny App that mounts one PanelView, for Pilot and snapshot tests."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.panels import get_panel
from tui.widgets.panel_view import PanelView


class PanelTestApp(App):
    """Shows one panel full-screen and records the messages the view posts."""

    def __init__(self, panel_id: str) -> None:
        super().__init__()
        self.panel_id = panel_id
        self.closed: list[str] = []
        self.computed: list[PanelView.Computed] = []

    def compose(self) -> ComposeResult:
        yield PanelView(get_panel(self.panel_id), id="view")

    def on_panel_view_close_requested(self, message: PanelView.CloseRequested) -> None:
        self.closed.append(message.panel_id)

    def on_panel_view_computed(self, message: PanelView.Computed) -> None:
        self.computed.append(message)
