"""F11: a panel fills the screen (Textual's Screen.maximize) with its plots right under the form."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static

from tui.widgets.plot import SpecPlot


class MaximiseMixin:
    """Mixed into ``PanelView``: toggling the maximised state and sizing the plots for it."""

    def action_toggle_maximized(self) -> None:
        """F11: the panel fills the screen, or goes back to its pane."""
        screen = self.screen
        if screen.maximized is self:
            screen.minimize()
        else:
            screen.maximize(self, container=False)
        self._apply_maximized(screen.maximized is self)

    def _apply_maximized(self, on: bool) -> None:
        self.set_class(on, "-max")
        result = self.query_one("#pv-result", Static)
        plots = self.query_one("#pv-plots", Vertical)
        # Maximised, the plots come right under the form so one whole plot fits the screen.
        if on:
            self.move_child(result, after=plots)
        else:
            self.move_child(result, before=plots)
        self._fit_plots()

    def _fit_plots(self) -> None:
        maximised = self.has_class("-max")
        rows = len(self.panel.fields) + 5  # title, form rows, actions, a status or frame line, margin
        height = max(10, self.screen.size.height - rows) if maximised else None
        for plot in self.query(SpecPlot):
            plot.styles.height = height
