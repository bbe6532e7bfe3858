"""Fuzz (fast subset): every panel through the real PanelView under Pilot with hostile inputs.

After every run the app is alive and shows a result or a Korean message: no Latin-script
exception name, no traceback. The full run (≥ 400 inputs per panel) is
``tests/bench/fuzz_panels.py``.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static

from fuzz_inputs import LATIN_ERROR, generate
from panel_app import PanelTestApp
from tui.panels import all_panels
from tui.widgets.panel_view import PanelView

PER_PANEL = 5
TIMEOUT = 6.0  # seconds; a legitimately long run is cancelled with Esc (that is a result too)


def shown(view: PanelView) -> str:
    parts = [str(view.query_one(s, Static).render()) for s in ("#pv-result", "#pv-error", "#pv-status")]
    parts += [str(err.render()) for err in view.query(".pv-field-error.-visible")]
    return "\n".join(parts)


@pytest.mark.parametrize("panel_id", list(all_panels()))
async def test_hostile_inputs_never_escape_the_panel(panel_id):
    app = PanelTestApp(panel_id)
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(PanelView)
        for values in generate(view.panel, PER_PANEL):
            for name, text in values.items():
                field = view.panel.field(name)
                if not field.choices or text in field.choices:  # a selector cannot hold other text
                    view.set_value(name, text)
            await pilot.pause()  # the fields' Changed messages come before the run, as when typing
            app.computed.clear()
            view.action_run()
            waited = 0.0
            while view.running and waited < TIMEOUT:
                await pilot.pause(0.02)
                waited += 0.02
            if view.running:
                await pilot.press("escape")
            await pilot.pause()
            assert app.is_running
            text = shown(view)
            assert text.strip(), values
            assert not LATIN_ERROR.search(text), (values, text)
            assert view.result is not None or view.query(".pv-field-error.-visible") or \
                view.query_one("#pv-error").display or "취소" in text, values
