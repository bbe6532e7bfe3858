"""Lessons link to panels by their Korean title; no panel id is shown where a learner looks."""

from __future__ import annotations

from tui.app import create_app
from tui.panels import all_panels
from tui.render import parse_blocks, render_tokens
from tui.widgets.panel_view import PanelView

def test_markers_show_the_title_and_carry_the_open_action():
    rendered = render_tokens(parse_blocks("[실습: gd_basic.descent] 패널에서 η를 바꿔 보세요."), 80)
    line = rendered.lines[0]
    assert "▶ 실습: 1차원 경사하강법" in line.text and "gd_basic.descent" not in line.text
    metas = [seg.style.meta for seg in line if seg.style and seg.style.meta]
    assert {"@click": "app.open_panel('gd_basic.descent')", "panel": "gd_basic.descent"} in metas


async def test_a_click_on_the_marker_in_a_lesson_opens_the_panel(tmp_path):
    app = create_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await app.run_action("open_lesson('intro')")
        await pilot.pause(0.3)
        reader = app.screen.query_one("#reader")
        lines = reader._rendered.lines
        row = next(i for i, strip in enumerate(lines) if "▶ 실습: " in strip.text)
        ids = set(all_panels())
        assert not [s.text for s in lines if any(pid in s.text for pid in ids)]  # no internal id on screen
        reader.scroll_to(y=row, animate=False)
        await pilot.pause(0.3)
        col = lines[row].text.index("▶")
        offset = (col + 2, row - int(reader.scroll_y))
        await pilot.click("#reader", offset=offset)
        await pilot.pause(0.3)
        view = app.screen.query_one(PanelView)
        assert view.panel.id == "intro.mse_fit"


async def test_the_palette_shows_titles_not_ids(tmp_path):
    from tui.commands import catalog_commands

    app = create_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        rows = catalog_commands(app)
        assert all(not title.startswith("강의") for title, *_ in rows)  # chapters are 장, as in lessons
        panel_rows = [(title, help_text) for title, help_text, _, _ in rows if title.startswith("실습:")]
        assert panel_rows
        ids = set(all_panels())
        for title, help_text in panel_rows:
            assert not any(pid in title or pid in str(help_text) for pid in ids), (title, help_text)
