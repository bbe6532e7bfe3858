"""A tiny App that mounts one PanelView, for Pilot and snapshot tests."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

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


async def run_defaults(pilot) -> None:
    """Snapshot preparation: Ctrl+R on the defaults, wait for the result, drop the focus."""
    await pilot.pause()
    app = pilot.app
    await pilot.press("ctrl+r")
    waited = 0.0
    while not app.computed:
        assert waited < 30, "the panel did not finish"
        await pilot.pause(0.02)
        waited += 0.02
    app.set_focus(None)  # no blinking cursor in the picture
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 30.0) -> None:
    """Pause until ``condition()`` holds (fails after ``timeout`` seconds)."""
    waited = 0.0
    while not condition():
        assert waited < timeout, "timed out waiting for the panel"
        await pilot.pause(0.02)
        waited += 0.02


def text_of(view: PanelView, selector: str) -> str:
    """The text a Static inside the view shows."""
    return str(view.query_one(selector, Static).render())


async def playback_frames(pilot, count: int) -> tuple[PanelView, list[str]]:
    """Run the panel of a ``PanelTestApp``, go to the first frame and read ``count`` frames, one
    ``n`` after each."""
    app = pilot.app
    view = app.query_one(PanelView)
    await pilot.press("ctrl+r")
    await wait_until(pilot, lambda: app.computed)
    assert app.computed and app.computed[0].ok
    await pilot.press("home")
    seen = []
    for _ in range(count):
        seen.append(str(view.query_one("#pv-frame").render()))
        await pilot.press("n")
    return view, seen
