"""The footer: the keys of where focus is, as many as fit, never running into the palette hint.

Textual's footer lays every shown binding in one row and lets the row run under the
``Ctrl+P 명령`` hint docked on the right (cut mid-word at 80 columns). This footer keeps the
bindings in Textual's order (the focused widget's first, then the screen's, then the app's),
always keeps the help key (help lists everything else), and drops whole keys from the end
until the row fits. It is rebuilt when the terminal is resized.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions whose key stays in the footer whatever else is dropped.
ALWAYS = {"help", "app.help"}


def key_width(key: FooterKey) -> int:
    """Cells a (non-compact) footer key takes: `` key `` then ``description ``."""
    return cell_len(key.key_display) + 2 + (cell_len(key.description) + 1 if key.description else 0)


def fit_keys(keys: list[FooterKey], budget: int) -> list[FooterKey]:
    """The keys to show in ``budget`` cells: the help key, then the others in order while they fit."""
    kept = {id(key) for key in keys if key.action in ALWAYS}
    used = sum(key_width(key) for key in keys if id(key) in kept)
    for key in keys:
        if id(key) in kept:
            continue
        width = key_width(key)
        if used + width > budget:
            break
        kept.add(id(key))
        used += width
    return [key for key in keys if id(key) in kept]


class KeyFooter(Footer):
    """Textual's footer, keeping only the keys that fit beside the palette hint."""

    _fitted_width: int | None = None  # the terminal width the shown keys were chosen for

    def compose(self):
        items = list(super().compose())
        if items:
            self._fitted_width = self.app.size.width
        palette = [item for item in items if item.has_class("-command-palette")]
        keys = [item for item in items if isinstance(item, FooterKey) and item not in palette]
        # The hint on the right: a border cell and a padding cell besides its key.
        budget = self.app.size.width - sum(key_width(item) + 2 for item in palette)
        shown = {id(key) for key in fit_keys(keys, budget)}
        for item in items:
            if not isinstance(item, FooterKey) or item in palette or id(item) in shown:
                yield item

    def on_resize(self) -> None:
        if self._fitted_width is not None and self.app.size.width != self._fitted_width:
            self._fitted_width = self.app.size.width
            self.call_after_refresh(self.recompose)
