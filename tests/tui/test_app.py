"""Pilot tests of the app shell: navigation, status, palette, help, persistence, layout."""

from __future__ import annotations

import time

import pytest

from ui_helpers import settle
from tui.app import create_app
from tui.screens.help import HelpScreen, binding_groups
from tui.screens.main import MainScreen
from tui.screens.toc import TocScreen
from tui.widgets.lesson_view import LessonView
from tui.widgets.sidebar import STATUS_MARKS, LessonList, Sidebar

LESSON_IDS = ["intro", "vectors", "matrices", "gd_basic", "gd_advanced", "deep_learning",
              "probability", "statistics", "bayes", "cnn", "rnn",
              "matrix_calculus", "eigen_svd", "losses_info", "optimization"]  # then the advanced track (심화), grouped under a heading


def reader(app) -> LessonView:
    return app.screen.query_one("#reader", LessonView)


def reader_text(view: LessonView) -> str:
    return "\n".join(strip.text for strip in view.rendered.lines)



async def pick_from_palette(pilot, text: str, key: str = "ctrl+p") -> None:
    """Open a command palette with ``key``, type ``text`` and take the best match."""
    await pilot.press(key)
    await pilot.pause()
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_starts_with_every_lesson_and_opens_the_first(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        options = app.screen.query_one(LessonList)
        shown = [options.get_option_at_index(i) for i in range(options.option_count)]
        assert [o.id for o in shown if not o.disabled] == LESSON_IDS
        heading = next(i for i, o in enumerate(shown) if o.disabled)
        assert str(shown[heading].prompt) == "심화" and shown[heading - 1].id == "rnn"
        assert shown[heading + 1].id == "matrix_calculus"
        assert reader(app).lesson_id == "intro"
        assert app.store.lesson_status("intro") == "reading"
        assert app.store.lesson_status("vectors") == "unread"
        summary = str(app.screen.query_one("#progress-summary").render())
        assert f"0/{len(LESSON_IDS)}" in summary


async def test_sidebar_keyboard_and_mouse_open_lessons(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(LessonList).focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert reader(app).lesson_id == "vectors"
        assert app.store.lesson_status("vectors") == "reading"
        assert reader(app).has_focus
        # j/k move in the list too, and a click opens a lesson.
        app.screen.query_one(LessonList).focus()
        await pilot.press("j", "enter")
        await settle(pilot)
        assert reader(app).lesson_id == "matrices"
        options = app.screen.query_one(LessonList)
        await pilot.click(LessonList, offset=(4, options.get_option_index("cnn") + 0))
        await settle(pilot)
        assert reader(app).lesson_id == "cnn"


async def test_next_previous_and_done_key(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader(app).focus()
        await pilot.press("n")
        await settle(pilot)
        assert reader(app).lesson_id == "vectors"
        await pilot.press("d")
        await pilot.pause()
        assert app.store.lesson_status("vectors") == "done"
        prompt = app.screen.query_one(LessonList).get_option("vectors").prompt
        assert str(prompt).startswith(STATUS_MARKS["done"])
        assert f"1/{len(LESSON_IDS)}" in str(app.screen.query_one("#progress-summary").render())
        await pilot.press("d")  # toggles back to reading
        await pilot.pause()
        assert app.store.lesson_status("vectors") == "reading"
        await pilot.press("p")
        await settle(pilot)
        assert reader(app).lesson_id == "intro"


async def test_reaching_the_end_marks_done(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_open_lesson("bayes")
        await settle(pilot)
        view = reader(app)
        assert view.is_complete
        assert app.store.lesson_status("bayes") == "reading"
        view.focus()
        await pilot.press("G")
        await settle(pilot)
        assert view.scroll_y == view.max_scroll_y > 0
        assert app.store.lesson_status("bayes") == "done"


async def test_progress_scroll_and_theme_survive_a_restart(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_open_lesson("matrices")
        await settle(pilot)
        view = reader(app)
        view.focus()
        for _ in range(3):
            await pilot.press("space")
        await settle(pilot)
        position = view.scroll_y
        assert position > 20
        app.theme = "nord"
        await pilot.press("d")
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        view = reader(again)
        assert view.lesson_id == "matrices"  # the last lesson reopens
        assert view.scroll_y == pytest.approx(position, abs=1)
        assert again.store.lesson_status("matrices") == "done"
        prompt = again.screen.query_one(LessonList).get_option("matrices").prompt
        assert str(prompt).startswith(STATUS_MARKS["done"])


async def test_table_of_contents_jumps_to_a_heading(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_open_lesson("vectors")
        await settle(pilot)
        view = reader(app)
        view.focus()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TocScreen)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        target = view.headings[3]
        assert view.scroll_y == min(target.line, view.max_scroll_y)
        # ] and [ step between headings.
        view.scroll_home(animate=False)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.scroll_y == view.headings[1].line


async def test_command_palette_jumps_to_lessons_and_headings(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick_from_palette(pilot, "베이즈")
        assert reader(app).lesson_id == "bayes"
        # A heading deep inside another lesson.
        heading = app.catalog.lesson("cnn")
        from tui.commands import lesson_headings

        titles = lesson_headings(app.services, heading)
        others = {h for lesson in app.catalog.lessons if lesson.id != "cnn"
                  for h in lesson_headings(app.services, lesson)}
        index = max(i for i, title in enumerate(titles) if title not in others)
        await pick_from_palette(pilot, f"{heading.title} › {titles[index]}")
        view = reader(app)
        assert view.lesson_id == "cnn"
        line = view.headings[index].line
        assert view.scroll_y == min(line, view.max_scroll_y)


async def test_run_action_contract(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.run_action("open_lesson('statistics')")
        await settle(pilot)
        assert reader(app).lesson_id == "statistics"
        await app.run_action("open_lesson('no-such-lesson')")
        await pilot.pause()
        assert reader(app).lesson_id == "statistics"


async def test_help_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        reader(app).focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {desc for _, rows in binding_groups() for _, desc in rows}
        for cls in (type(app), MainScreen, LessonView):
            for binding in cls.BINDINGS:
                assert binding.description in described, binding


async def test_narrow_terminal_layout_and_sidebar_toggle(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        sidebar = screen.query_one(Sidebar)
        view = reader(app)
        assert not sidebar.display and view.size.width >= 76  # below 100 columns it starts hidden
        view.focus()
        await pilot.press("s")
        await pilot.pause()
        assert sidebar.display and view.size.width >= 45
        await pilot.press("s")
        await pilot.pause()
        assert not sidebar.display


async def test_no_dollar_sign_reaches_the_screen(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        for lesson_id in LESSON_IDS:
            app.action_open_lesson(lesson_id)
            await settle(pilot)
            view = reader(app)
            assert view.is_complete
            text = reader_text(view)
            assert "$" not in text, lesson_id
            assert "\\frac" not in text and "\\mathbf" not in text, lesson_id


async def test_theme_choice_from_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick_from_palette(pilot, "gruvbox", key="ctrl+t")
        assert app.theme == "gruvbox"
        assert app.store.get_setting("theme") == "gruvbox"


async def test_palette_typed_into_at_once_still_finds_commands(make_app, monkeypatch):
    """Typing right after Ctrl+P, before the palette's commands are built (made slow here): every
    keystroke cancels the running search, and that must never leave the palette without matches."""
    from textual.command import CommandList

    import tui.commands

    real = tui.commands.lesson_headings

    def slow_headings(services, lesson):
        time.sleep(0.05)
        return real(services, lesson)

    monkeypatch.setattr(tui.commands, "lesson_headings", slow_headings)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"헤세 행렬: 극소")
        shown = []
        for _ in range(100):
            await pilot.pause(0.05)
            results = app.screen.query_one(CommandList)
            shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
            if any("헤세 행렬" in text for text in shown):
                break
        assert any("헤세 행렬" in text for text in shown), shown
        await pilot.press("backspace")
        await settle(pilot)
        results = app.screen.query_one(CommandList)
        assert results.option_count > 0
