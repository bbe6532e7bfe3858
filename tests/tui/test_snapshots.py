"""Snapshot tests of the main screen at fixed terminal sizes (pytest-textual-snapshot)."""

from __future__ import annotations

from tui.app import create_app


async def _ready(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _app(tmp_path, lesson: str):
    app = create_app(tmp_path / "data")
    app.store.set_setting("last_lesson", lesson)
    return app


def test_main_screen_120x40(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        pilot.app.screen.query_one("#reader").focus()
        await pilot.pause()

    assert snap_compare(_app(tmp_path, "vectors"), terminal_size=(120, 40), run_before=run_before)


def test_main_screen_80x24(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        pilot.app.screen.query_one("#reader").focus()
        await pilot.pause()

    assert snap_compare(_app(tmp_path, "matrices"), terminal_size=(80, 24), run_before=run_before)


def test_main_screen_80x24_sidebar_hidden_and_scrolled(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        pilot.app.screen.query_one("#reader").focus()
        await pilot.press("space", "space")  # below 100 columns the sidebar starts hidden
        await _ready(pilot)

    assert snap_compare(_app(tmp_path, "gd_basic"), terminal_size=(80, 24), run_before=run_before)


def test_help_screen_120x40(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(_app(tmp_path, "intro"), terminal_size=(120, 40), run_before=run_before)
