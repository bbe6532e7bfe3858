"""The one option list of the app: an OptionList that j and k move like the arrow keys.

Used by the sidebar's lessons, the quiz's choices, the glossary's terms and every chooser.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class KeyOptionList(OptionList):
    """An OptionList with vi keys (j/k) besides the arrows, Home/End and Enter."""

    BINDINGS = [
        Binding("j", "cursor_down", "아래", show=False, id="list.down"),
        Binding("k", "cursor_up", "위", show=False, id="list.up"),
    ]
