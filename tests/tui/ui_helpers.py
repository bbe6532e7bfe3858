"""Helpers shared by the UI tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations


def visible_text(app) -> str:
    """Everything the current screen shows, as plain text."""
    from rich.console import Console

    console = Console(width=app.size.width, record=True, file=open("/dev/null", "w"))
    lines = app.screen._compositor.render_update(full=True)
    console.print(lines)
    return console.export_text()
