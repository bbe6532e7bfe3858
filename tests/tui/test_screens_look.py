"""What looking at every screen at 80×24 and 120×40 found (issue 12): the table of contents
keeps its hint on screen however many headings a lesson has; help lists the footer's keys of
the screen first, then moving around."""

from __future__ import annotations

import pytest
from ui_helpers import visible_text

from tui.screens.help import HelpScreen
from tui.screens.toc import TocScreen

SIZES = [(80, 24), (120, 40)]


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lesson", ["intro", "optimization"])
async def test_the_table_of_contents_keeps_its_hint_on_screen(make_app, size, lesson):
    app = make_app()
    app.store.set_setting("last_lesson", lesson)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        app.main_screen.reader.focus()
        await pilot.press("t")
        await _settle(pilot)
        assert isinstance(app.screen, TocScreen)
        text = visible_text(app)
        assert "Enter 선택 · Esc 닫기" in text and "목차 — 이동할 절을 고르세요" in text, text
        await pilot.press("end", "enter")  # the last heading is reachable and jumps
        await _settle(pilot)
        reader = app.main_screen.reader
        last = reader.headings[-1].line
        assert reader.scroll_y == min(last, reader.max_scroll_y)


@pytest.mark.parametrize("size", SIZES)
async def test_help_lists_the_footer_keys_first(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        app.main_screen.reader.focus()
        await _settle(pilot)
        _title, rows = HelpScreen().current
        descriptions = [desc for _keys, desc in rows]
        footer = [k.description for k in app.screen.query("FooterKey")
                  if not k.has_class("-command-palette")]
        assert footer and set(footer) <= set(descriptions[:len(footer) + 3])
        assert descriptions.index("사이드바") < descriptions.index("위로")
        # Keys in the one notation: no Textual key names (greater_than_sign) anywhere in help.
        from tui.screens.help import binding_groups

        every = rows + [row for _t, group in binding_groups() for row in group]
        assert not [keys for keys, _d in every if "_" in keys], every


@pytest.mark.parametrize("size", SIZES)
async def test_review_and_statistics_name_generated_questions(make_app, size):
    """A generated question's template has no prompt: the tables show an example of it."""
    from textual.widgets import DataTable

    from tui.quiz.text import prompt_line

    app = make_app()
    for qid in ("intro-014", "intro-015", "intro-001"):
        app.store.record_attempt(qid, "intro", False, "0")
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        app.action_open_review()
        await _settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        for qid in ("intro-014", "intro-015"):
            cell = str(table.get_row(qid)[2]).strip()
            example = prompt_line(app.services.question(qid).instantiate(0)).plain
            assert cell and example.startswith(cell.rstrip("…").rstrip()), (cell, example)
            assert example[:8].replace("\xa0", " ") in visible_text(app), example


@pytest.mark.parametrize("size", SIZES)
async def test_enter_in_the_backup_path_leads_on_to_the_buttons(make_app, size, tmp_path):
    from ui_helpers import record_notifications

    app = make_app()
    target = tmp_path / "backup.json"
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        app.action_open_dashboard()
        await _settle(pilot)
        field = app.screen.query_one("#dash-path")
        field.focus()
        field.value = str(target)
        seen = record_notifications(app)
        await pilot.press("enter")
        await _settle(pilot)
        assert app.focused is app.screen.query_one("#export")
        assert seen and "Tab" in seen[0] and "가져오기" in seen[0]
        await pilot.press("enter")  # now Enter exports to the typed file
        await _settle(pilot)
        assert target.exists() and "내보냈습니다" in seen[-1]


@pytest.mark.parametrize("size", SIZES)
async def test_help_says_where_focus_is(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        app.main_screen.reader.focus()
        await _settle(pilot)
        assert HelpScreen().current[0] == "메인 화면 · 본문 읽기"
        app.action_open_panel("intro.mse_fit")
        await _settle(pilot)
        title, rows = HelpScreen().current
        assert title == "메인 화면 · 실습 패널" and rows[0][1] == "실행", (title, rows[:2])


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_notebook_result_wraps_under_itself(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        app.action_open_notebook()
        await _settle(pilot)
        field = app.screen.query_one("Input")
        field.value = "help"
        await pilot.press("enter")
        await _settle(pilot)
        lines = visible_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("   선형대수:"))
        wrapped = lines[first + 1]
        assert wrapped.startswith("   ") and wrapped.strip(), (lines[first], wrapped)


def test_table_cells_end_in_one_ellipsis_right_after_the_text():
    from rich.text import Text

    from tui.screens.review import shorten

    for width in range(8, 30):
        cut = shorten(Text("군집화(clustering)와 차원 축소(dimensionality reduction)"), width)
        assert cut.cell_len <= width and cut.plain.endswith("…"), (width, cut.plain)
        assert not cut.plain[:-1].endswith(" "), (width, cut.plain)
        assert shorten("군집화(clustering)와 차원 축소", width).rstrip("…") == \
            shorten("군집화(clustering)와 차원 축소", width).rstrip("…").rstrip()
    assert shorten(Text("짧은 글"), 20).plain == "짧은 글"
