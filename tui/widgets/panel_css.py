"""PanelView's default stylesheet (a reusable widget: tests mount it without the app's .tcss)."""

PANEL_CSS = """
PanelView {
    height: 1fr;
    padding: 0 1;
    background: $surface;
}
PanelView > .pv-title {
    text-style: bold;
    color: $accent;
    margin-top: 1;
}
PanelView > .pv-description {
    color: $text-muted;
    margin-bottom: 1;
}
PanelView #pv-form, PanelView .pv-row {
    height: auto;
}
PanelView .pv-row {
    margin-bottom: 1;
}
PanelView .pv-label {
    width: 22;
    padding: 0 1 0 0;
    text-align: right;
}
PanelView.-compact .pv-label {
    width: 16;
}
/* One row per field in every state: no border, so focus or an error never hides the text. */
PanelView .pv-row > Input, PanelView .pv-row > Input:focus,
PanelView .pv-row > Input.-invalid, PanelView .pv-row > Input.-invalid:focus {
    border: none;
    height: 1;
    padding: 0 1;
    width: 1fr;
    background: $boost;
}
PanelView .pv-row > Input:focus {
    background: $accent 25%;
}
PanelView .pv-row > Input.-bad {
    background: $error 30%;
    text-style: underline;
}
PanelView .pv-row > Select {
    width: 1fr;
}
PanelView .pv-row > Select > SelectCurrent {
    border: none;
    height: 1;
    padding: 0 1;
    background: $boost;
}
PanelView .pv-row > Select:focus > SelectCurrent {
    background: $accent 25%;
}
PanelView .pv-field-error {
    display: none;
    color: $error;
    padding-left: 23;
    margin-bottom: 1;
}
PanelView.-compact .pv-field-error {
    padding-left: 17;
}
PanelView .pv-field-error.-visible {
    display: block;
}
PanelView .pv-actions {
    height: auto;
    margin: 1 0;
}
PanelView .pv-actions > Button {
    margin-right: 2;
}
PanelView #pv-progress {
    display: none;
    width: 1fr;
    padding-top: 1;
}
PanelView #pv-status {
    width: 1fr;
    padding-top: 1;
    color: $text-muted;
}
PanelView #pv-error, PanelView #pv-stale {
    display: none;
}
PanelView #pv-error {
    color: $error;
}
PanelView #pv-stale {
    color: $warning;
    text-style: italic;
}
PanelView #pv-error.-visible, PanelView #pv-stale.-visible {
    display: block;
}
PanelView #pv-result {
    padding: 0 0 1 0;
}
PanelView .-stale {
    opacity: 45%;
}
PanelView #pv-frame {
    display: none;
    background: $boost;
    color: $warning;
    padding: 0 1;
}
PanelView #pv-plots {
    height: auto;
    layout: grid;
    grid-size: 2;
    grid-gutter: 0 1;
    grid-rows: 18;
}
PanelView.-compact #pv-plots, PanelView #pv-plots.-single {
    grid-size: 1;
}
PanelView.-compact #pv-plots {
    grid-rows: 14;
}
PanelView.-compact SpecPlot {
    height: 14;
}
/* Maximised (F11): every row counts. */
PanelView.-max {
    padding: 0 1;
}
PanelView.-max > .pv-title {
    margin-top: 0;
}
PanelView.-max > .pv-description {
    display: none;
}
PanelView.-max .pv-row {
    margin-bottom: 0;
}
PanelView.-max .pv-field-error {
    margin-bottom: 0;
}
PanelView.-max .pv-actions {
    margin: 0;
    height: 1;
}
PanelView.-max .pv-actions > Button {
    height: 1;
    border: none;
    min-width: 12;
}
PanelView.-max #pv-status, PanelView.-max #pv-progress {
    padding-top: 0;
}
PanelView.-max #pv-plots {
    layout: vertical;
}
"""
