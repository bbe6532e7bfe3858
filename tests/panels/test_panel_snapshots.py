"""Snapshots of three panels with plots, run on their defaults, at 120×40."""

from __future__ import annotations

import pytest

from panel_app import PanelTestApp, run_defaults


@pytest.mark.parametrize("panel_id", ["vectors.unit_balls", "gd_basic.descent", "bayes.posterior"])
def test_panel_snapshot(snap_compare, panel_id):
    assert snap_compare(PanelTestApp(panel_id), terminal_size=(120, 40), run_before=run_defaults)


async def _finish(pilot, view) -> None:
    waited = 0.0
    while view.running or view.result is None and not view.query_one("#pv-error").display:
        assert waited < 30, "the panel did not finish"
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()


def test_maximised_panel_80x24_shows_a_whole_plot(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.pause()
        view = pilot.app.query_one("#view")
        await pilot.press("f11")
        view.action_run()
        await _finish(pilot, view)
        pilot.app.set_focus(None)
        await pilot.pause()

    assert snap_compare(PanelTestApp("gd_basic.descent"), terminal_size=(80, 24), run_before=run_before)


def test_divergent_run_has_a_korean_message_and_a_readable_plot(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.pause()
        view = pilot.app.query_one("#view")
        view.set_value("lr", "1.1")
        view.action_run()
        await _finish(pilot, view)
        pilot.app.set_focus(None)
        await pilot.pause()

    assert snap_compare(PanelTestApp("gd_basic.descent"), terminal_size=(120, 40), run_before=run_before)


def test_failed_run_shows_the_previous_result_dimmed(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.pause()
        view = pilot.app.query_one("#view")
        view.action_run()
        await _finish(pilot, view)
        view.set_value("y", "1, 2")
        view.action_run()
        await pilot.pause(0.3)
        await _finish(pilot, view)
        pilot.app.set_focus(None)
        await pilot.pause()

    assert snap_compare(PanelTestApp("vectors.norms"), terminal_size=(120, 40), run_before=run_before)


def test_side_panel_120x40_result_table_does_not_wrap(snap_compare, tmp_path):
    from tui.app import create_app

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.app.run_action("open_panel('deep_learning.activations')")
        await pilot.pause()
        view = pilot.app.screen.query_one("PanelView")
        view.action_run()
        await _finish(pilot, view)
        rows = [line for line in view.result.text.splitlines() if line.startswith(("점", "-2", "0 ", "2 "))]
        width = view.query_one("#pv-result").content_region.width
        from tui.panels.format import cell_width

        assert rows and max(cell_width(r) for r in rows) <= width  # every table row fits on one line
        pilot.app.set_focus(None)
        await pilot.pause()

    assert snap_compare(create_app(tmp_path), terminal_size=(120, 40), run_before=run_before)
