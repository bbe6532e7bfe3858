"""Pilot tests of PanelView: run, field errors, cancel, playback, the app's open_panel."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import ProgressBar, Static

from panel_app import PanelTestApp, text_of, wait_until
from tui.panels import get_panel
from tui.widgets.panel_view import PanelView
from tui.widgets.plot import SpecPlot, fit_wide_line, render_spec


async def test_run_shows_result_text_and_plot():
    app = PanelTestApp("vectors.norms")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(PanelView)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.computed)
        assert app.computed[0].ok and app.computed[0].panel_id == "vectors.norms"
        assert "[5, 14, 2]" in text_of(view, "#pv-result")
        assert len(view.query(SpecPlot)) == 1
        # Enter in a field runs too, with the edited value.
        view.set_value("x", "3, 4, 0")
        app.computed.clear()
        view.query_one("#pv-in-x").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.computed)
        assert "‖x‖₂ = 5" in text_of(view, "#pv-result")


async def test_field_error_is_shown_next_to_the_field_and_nothing_else_changes():
    app = PanelTestApp("vectors.norms")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(PanelView)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.computed)
        before = text_of(view, "#pv-result")
        view.set_value("y", "1, 2")
        app.computed.clear()
        await pilot.click("#pv-run")
        await wait_until(pilot, lambda: app.computed)
        assert not app.computed[0].ok
        error = view.query_one("#pv-err-y", Static)
        assert error.display and "벡터 y" in str(error.render()) and "성분 수" in str(error.render())
        assert view.query_one("#pv-in-y").has_class("-bad")
        assert not view.query_one("#pv-err-x", Static).display
        assert text_of(view, "#pv-result") == before
        # Typing in the field clears its error.
        view.set_value("y", "5, 2, 1")
        await pilot.pause()
        assert not view.query_one("#pv-err-y", Static).display


async def test_escape_cancels_a_long_training_run_then_closes():
    app = PanelTestApp("deep_learning.mlp")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(PanelView)
        view.set_value("dataset", "나선 2개 (spiral)")
        view.set_value("epochs", "100000")
        await pilot.press("ctrl+r")
        bar = view.query_one("#pv-progress", ProgressBar)
        await pilot.pause()
        assert view.running and bar.display  # the progress bar is up at once
        await wait_until(pilot, lambda: (bar.progress or 0) > 0)
        await pilot.press("escape")
        await pilot.pause()
        assert not view.running and not bar.display
        assert "취소" in text_of(view, "#pv-status")
        assert view.result is None and not app.closed
        await pilot.pause(0.3)
        assert view.result is None  # the cancelled run never shows up
        await pilot.press("escape")
        await pilot.pause()
        assert app.closed == ["deep_learning.mlp"]


async def test_playback_steps_through_gradient_descent():
    app = PanelTestApp("gd_basic.descent")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(PanelView)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.computed)
        frames = view.result.frames
        last = len(frames) - 1
        assert view.frame_index == last and view.has_focus
        plot = view.query(SpecPlot).first()
        await pilot.press("home")
        assert view.frame_index == 0
        assert plot.highlight == frames[0].highlights[0]
        assert "반복 0: x = 3" in text_of(view, "#pv-frame")
        await pilot.press("n", "n")
        assert view.frame_index == 2 and plot.highlight == frames[2].highlights[0]
        await pilot.press("p")
        assert view.frame_index == 1
        await pilot.press("space")
        assert view.playing
        await wait_until(pilot, lambda: view.frame_index >= 4)
        await pilot.press("space")
        assert not view.playing
        stopped = view.frame_index
        await pilot.pause(0.3)
        assert view.frame_index == stopped
        await pilot.press("end")
        assert view.frame_index == last


async def test_playback_keys_are_off_for_other_panels_and_while_typing():
    app = PanelTestApp("bayes.posterior")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(PanelView)
        assert view.check_action("step", (1,)) is False
        view.query_one("#pv-in-prior").focus()
        await pilot.press("end", "n")
        assert view.values()["prior"] == "0.1n"  # letters go into the field


async def test_compact_layout_at_80x24_scrolls_to_the_plots():
    app = PanelTestApp("gd_advanced.linreg")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(PanelView)
        assert view.has_class("-compact")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.computed)
        assert "1.00000367" in text_of(view, "#pv-result")
        plots = list(view.query(SpecPlot))
        assert len(plots) == 2 and all(p.size.width >= 70 for p in plots)
        assert view.max_scroll_y > 0
        view.scroll_end(animate=False)
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y


def test_wide_korean_labels_keep_plot_rows_aligned():
    result = get_panel("gd_basic.descent").run()
    plot = SpecPlot(result.plots[0])
    text = render_spec(plot.plt, result.plots[0], 60, 18, "default")
    for line in text.split("\n"):
        assert cell_len(line.plain) <= 60


async def test_open_panel_through_the_app(tmp_path):
    from tui.app import create_app

    app = create_app(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.run_action("open_panel('gd_basic.descent')")
        await pilot.pause()
        view = app.screen.query_one(PanelView)
        assert view.panel.id == "gd_basic.descent"
        view.action_run()
        await wait_until(pilot, lambda: view.result is not None)
        await pilot.pause()
        assert view.result.frames and "-0.9999951" in text_of(view, "#pv-result")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(PanelView)
