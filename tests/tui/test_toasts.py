"""Toasts keep every Korean character where they lie over other widgets' edges (issue 12).

Textual's compositor divides each toast line at every widget edge under it; a double-width
character split there became two spaces (``내  내기``). tui.widgets.toast lays the lines out
around those cuts.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip
from ui_helpers import region_text

from tui.widgets.toast import Toast, avoid_cuts

SIZES = [(80, 24), (120, 40)]
MESSAGE = "진행 기록을 내보내기 파일에 저장했습니다: 풀이 12개를 합쳤고 3개는 이미 있어서 건너뛰었습니다."


def test_a_wide_character_across_a_cut_moves_right_and_the_line_keeps_its_width():
    strip = Strip([Segment("▌ 가나다   ")])
    fixed = avoid_cuts(strip, 10, lambda x: x == 13)  # 가 would take columns 12-13
    assert fixed.text == "▌  가나다  " and fixed.cell_length == strip.cell_length


def test_a_word_moves_whole_when_a_short_shift_clears_it():
    strip = Strip([Segment("▌ 진행 기록을      ")])
    fixed = avoid_cuts(strip, 0, {3, 4}.__contains__)  # 진 at 2-3: it and 행 move together
    assert fixed.text.startswith("▌" + " " * 3 + "진행 기록을") and fixed.cell_length == strip.cell_length


def test_every_straddle_is_avoided_and_nothing_moves_without_one():
    strip = Strip([Segment("▌ a가나다라 마바사     ")])
    cuts = {14, 17, 22}
    fixed = avoid_cuts(strip, 0, cuts.__contains__)
    assert fixed.cell_length == strip.cell_length
    x = 0
    for ch in fixed.text:
        if cell_len(ch) == 2:
            assert x + 1 not in cuts, (fixed.text, x)
        x += cell_len(ch)
    assert "".join(fixed.text.split()) == "▌a가나다라마바사"
    assert avoid_cuts(strip, 0, lambda x: False) is strip


def test_a_full_line_is_left_as_it_is():
    strip = Strip([Segment("가나")])
    assert avoid_cuts(strip, 0, lambda x: x == 1) is strip  # no blank cell to give back


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _screens(app):
    yield "main", lambda: None
    yield "panel", lambda: app.action_open_panel("intro.mse_fit")
    yield "matrix panel", lambda: app.action_open_panel("matrices.ops")
    yield "quiz", lambda: app.action_open_quiz("vectors")
    yield "dashboard", app.action_open_dashboard
    yield "review", app.action_open_review
    yield "glossary", app.action_open_glossary


@pytest.mark.parametrize("size", SIZES)
async def test_toasts_show_every_character_over_every_screen(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await _settle(pilot)
        for name, open_screen in _screens(app):
            open_screen()
            await _settle(pilot)
            for shift in range(4):  # every parity of the text against the widget edges
                app.clear_notifications()
                message = "a" * shift + MESSAGE
                app.notify(message, title="진행 기록", timeout=60)
                await pilot.pause()
                await pilot.pause()
                toast = app.screen.query_one(Toast)
                shown = region_text(app, toast.region)
                squeezed = "".join(shown.replace("▌", " ").split())
                assert squeezed == "".join(("진행 기록" + message).split()), (name, shift, shown)
            if len(app.screen_stack) > 1:
                app.pop_screen()
                await _settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_toast_over_a_panel_snapshot(snap_compare, data_dir, size):
    """A toast over the lesson and a panel's fields and buttons (their edges cut its lines)."""
    from tui.app import create_app

    async def run_before(pilot) -> None:
        await _settle(pilot)
        pilot.app.action_open_panel("matrices.ops")
        await _settle(pilot)
        pilot.app.notify("a" + MESSAGE, title="진행 기록", timeout=600)
        await pilot.pause()

    app = create_app(data_dir)
    app.store.set_setting("last_lesson", "matrices")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
async def test_a_toast_lays_out_again_when_the_widgets_under_it_change(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await _settle(pilot)
        for shift in range(4):
            app.clear_notifications()
            message = "a" * shift + MESSAGE
            app.notify(message, title="진행 기록", timeout=60)
            await pilot.pause()
            app.action_open_panel("matrices.ops")  # the panel opens under the toast
            await _settle(pilot)
            shown = region_text(app, app.screen.query_one(Toast).region)
            assert "".join(shown.replace("▌", " ").split()) == "".join(("진행 기록" + message).split())
            app.main_screen.action_close_panel()
            await _settle(pilot)
