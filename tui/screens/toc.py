"""Table of contents of the open lesson."""

from __future__ import annotations

from tui.render import Heading
from tui.screens.chooser import ChooserScreen


class TocScreen(ChooserScreen):
    """Lists the lesson's headings; dismisses with the index of the chosen one."""

    def __init__(self, headings: list[Heading], scroll_y: float = 0.0):
        items = [(str(i), ("    " if h.level >= 3 else "") + h.text) for i, h in enumerate(headings)]
        current = 0
        for i, heading in enumerate(headings):
            if heading.line <= scroll_y + 0.5:
                current = i
        super().__init__("목차 — 이동할 절을 고르세요", items, highlighted=current)

    def dismiss(self, result=None):
        return super().dismiss(int(result) if result is not None else None)
