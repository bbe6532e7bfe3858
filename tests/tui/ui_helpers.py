"""Helpers shared by the UI tests (imported by name: pytest puts this folder on sys.path).

Everything here goes through public Textual and Rich APIs (no private attributes).
"""

from __future__ import annotations

import html
import re

#: Width of one terminal cell in Textual's SVG screenshots (Rich: 0.61 × font size 20).
_CELL = 12.2
_TEXT_RE = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                      r'clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>')


def visible_text(app) -> str:
    """Everything the current screen shows, as plain text (read from a screenshot)."""
    from rich.cells import cell_len

    lines: dict[int, list[str]] = {}
    for x, line, text in _TEXT_RE.findall(app.export_screenshot()):
        row = lines.setdefault(int(line), [" "] * app.size.width)
        col = round(float(x) / _CELL)
        for ch in html.unescape(text).replace("\xa0", " "):
            if col >= len(row):
                break
            row[col] = ch
            width = cell_len(ch)
            for extra in range(1, width):
                if col + extra < len(row):
                    row[col + extra] = ""
            col += width
    return "\n".join("".join(lines.get(i, [])).rstrip() for i in range(app.size.height))


def region_text(app, region) -> str:
    """The plain text the screen shows inside ``region`` (cells, not characters)."""
    from rich.cells import cell_len

    out = []
    for line in visible_text(app).splitlines()[region.y:region.bottom]:
        x, kept = 0, []
        for ch in line:
            if region.x <= x and x + cell_len(ch) <= region.right:
                kept.append(ch)
            x += cell_len(ch)
        out.append("".join(kept))
    return "\n".join(out)


def toasts_text(app) -> str:
    """What the toasts on screen say (the app must run with ``notifications=True``)."""
    return "\n".join(region_text(app, toast.region) for toast in app.screen.query("Toast"))


def rendered_text(widget, width: int | None = None) -> str:
    """What a Static shows (its ``content``), as plain text, at its width (or ``width``)."""
    from rich.console import Console

    console = Console(width=width or max(20, widget.size.width or 80), record=True,
                      file=open("/dev/null", "w"))
    console.print(widget.content)
    return console.export_text()


async def settle(pilot) -> None:
    """Let the UI, its workers and the store's write queue finish what they are doing."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.services.writes.flush(5.0)
    await pilot.pause()


def record_notifications(app) -> list[str]:
    """Collect every notification's message from now on; returns the live list."""
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


async def open_notebook(pilot):
    """Settle, press Ctrl+N and return the 계산 노트 screen."""
    from tui.screens.notebook import NotebookScreen

    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NotebookScreen)
    return pilot.app.screen
