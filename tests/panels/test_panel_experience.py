"""Pilot tests of issue 9: the experiment is kept, failures are marked, nothing escapes, room."""

from __future__ import annotations

import re

from panel_app import text_of, wait_until
from tui.app import create_app
from tui.widgets.panel_view import PanelView
from tui.widgets.plot import SpecPlot

LATIN_ERROR = re.compile(r"[A-Za-z]*(Error|Exception)\b|Traceback")


async def open_panel(app, pilot, panel_id: str) -> PanelView:
    await pilot.pause()
    await app.run_action(f"open_panel('{panel_id}')")
    await pilot.pause()
    return app.screen.query_one(PanelView)


async def run(view: PanelView, pilot) -> None:
    view.action_run()
    await wait_until(pilot, lambda: not view.running)
    await pilot.pause()


async def test_reopen_finds_inputs_and_result_and_restart_finds_inputs(tmp_path):
    app = create_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_panel(app, pilot, "vectors.norms")
        view.set_value("x", "3, 4, 0")
        view.set_value("y", "1, 1, 1")
        await run(view, pilot)
        assert "‖x‖₂ = 5" in text_of(view, "#pv-result")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(PanelView)
        view = await open_panel(app, pilot, "vectors.norms")
        assert view.values()["x"] == "3, 4, 0" and view.values()["y"] == "1, 1, 1"
        assert "‖x‖₂ = 5" in text_of(view, "#pv-result") and view.query(SpecPlot)
        assert app.panel_sessions.flush(5)
    again = create_app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        view = await open_panel(again, pilot, "vectors.norms")
        assert view.values()["x"] == "3, 4, 0"
        await pilot.press("f4")  # back to the defaults, also on disk
        await pilot.pause()
        assert view.values()["x"] == "1, 7, 2"
        assert again.panel_sessions.flush(5)
    third = create_app(tmp_path)
    async with third.run_test(size=(120, 40)) as pilot:
        view = await open_panel(third, pilot, "vectors.norms")
        assert view.values()["x"] == "1, 7, 2"


async def test_failed_run_dims_and_labels_the_previous_result(tmp_path):
    app = create_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_panel(app, pilot, "vectors.norms")
        await run(view, pilot)
        good = text_of(view, "#pv-result")
        assert not view.query_one("#pv-result").has_class("-stale")
        view.set_value("y", "1, 2")
        await run(view, pilot)
        assert text_of(view, "#pv-result") == good
        assert view.query_one("#pv-result").has_class("-stale") and view.query_one("#pv-plots").has_class("-stale")
        assert view.query_one("#pv-stale").display and "이전 입력의 결과" in text_of(view, "#pv-stale")
        field = view.query_one("#pv-in-y")
        assert field.value == "1, 2" and field.size.height == 1  # the typed text keeps its row
        view.set_value("y", "5, 2, 1")
        await run(view, pilot)
        assert not view.query_one("#pv-result").has_class("-stale") and not view.query_one("#pv-stale").display


async def test_an_unexpected_error_is_korean_logged_and_the_app_lives(tmp_path, monkeypatch):
    app = create_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_panel(app, pilot, "bayes.posterior")
        monkeypatch.setattr(view.panel, "compute", lambda v: 1 / 0)
        await run(view, pilot)
        shown = text_of(view, "#pv-error")
        assert "예상하지 못한 문제" in shown and not LATIN_ERROR.search(shown)
        assert app.is_running
        monkeypatch.undo()
        await run(view, pilot)
        assert "0.9167" in text_of(view, "#pv-result")
    log = (tmp_path / "aimath.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log and "bayes.posterior" in log


async def test_maximised_panel_at_80x24_shows_inputs_and_a_whole_plot(tmp_path):
    app = create_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_panel(app, pilot, "gd_basic.descent")
        await app.run_action("toggle_panel_maximized")
        await pilot.pause()
        assert app.screen.maximized is view and view.has_class("-max")
        await run(view, pilot)
        await pilot.pause()
        screen_rows = app.screen.size.height - 1  # the footer stays
        for field in view.panel.fields:
            region = view.query_one(f"#pv-in-{field.name}").region
            assert 0 <= region.y < screen_rows
        plot = view.query(SpecPlot).first()
        assert plot.region.height >= 10 and plot.region.y + plot.region.height <= screen_rows
        assert view.scroll_y == 0
        await pilot.press("escape")  # leaves the maximised view first
        await pilot.pause()
        assert app.screen.maximized is None and app.screen.query(PanelView)


async def test_s_toggles_the_sidebar_while_the_panel_has_focus(tmp_path):
    app = create_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        view = await open_panel(app, pilot, "bayes.posterior")
        sidebar = app.screen.query_one("#sidebar")
        assert view.has_focus and sidebar.display
        await pilot.press("s")
        await pilot.pause()
        assert not sidebar.display and view.has_focus
        await pilot.press("s")
        await pilot.pause()
        assert sidebar.display
