"""Issue 12 polish, through the UI at 80×24 and 120×40: Korean where Textual speaks English
(Ctrl+C, the palette's no-match line, built-in binding names), help in one key notation and
aware of the screen, the sidebar's and title bar's ellipsis, the withdrawn 완료! toast."""

from __future__ import annotations

import re

import pytest
from rich.text import Text
from ui_helpers import toasts_text, visible_text

from tui.korean import NO_MATCHES, key_label
from tui.screens.help import BINDING_SOURCES, KEY_COLUMN, HelpScreen, binding_groups
from tui.widgets.sidebar import fit_line

SIZES = [(80, 24), (120, 40)]
HANGUL = re.compile("[\uac00-\ud7a3]")
#: Latin words a learner may meet in the UI: technical terms and key names.
TECHNICAL = {"Ctrl", "Shift", "Esc", "Enter", "Tab", "Space", "PgUp", "PgDn", "Home", "End", "F1",
             "F2", "F3", "Del", "Backspace", "JSON", "MSE", "CNN", "RNN", "FSRS", "aimath", "Super"}


async def ready(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def messages(app) -> str:
    """The toasts on screen now (public API: what the screen shows)."""
    return " ".join(toasts_text(app).replace("▌", " ").split())


@pytest.mark.parametrize("size", SIZES)
async def test_ctrl_c_says_in_korean_how_to_quit(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        shown = messages(app)
        assert "끝낼까요?" in shown and "진행 기록은 저장됩니다" in shown
        assert "Do you want" not in shown and "Press" not in shown
        assert app.is_running  # Ctrl+C itself does not quit


@pytest.mark.parametrize("size", SIZES)
async def test_the_palette_says_no_matches_in_korean(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "qqxqzzkw":
            await pilot.press(ch)
        await pilot.pause(1.5)
        text = visible_text(app)
        assert NO_MATCHES in text and "No matches" not in text


def test_key_labels_use_one_notation():
    assert key_label("ctrl+p") == "Ctrl+P"
    assert key_label("f1") == "F1"
    assert key_label("escape") == "Esc"
    assert key_label("shift+tab") == "Shift+Tab"
    assert key_label("ctrl+pageup") == "Ctrl+PgUp"
    assert key_label("G") == "G"
    assert key_label("greater_than_sign") == ">" and key_label("less_than_sign") == "<"
    assert key_label("slash") == "/" and key_label("question_mark") == "?"


@pytest.mark.parametrize("size", SIZES)
async def test_help_shows_this_screens_keys_first_in_one_notation(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        title, rows = help_screen.current
        assert title == "메인 화면 · 본문 읽기", title
        keys = dict((desc, k) for k, desc in rows)
        assert "q" in keys["종료"].split(" / ") and "Ctrl+P" in keys["명령"]
        text = visible_text(app)
        assert "^p" not in text and "지금 이 화면: 메인 화면" in text
        for desc in (d for _k, d in rows):
            assert HANGUL.search(desc), desc  # Textual's own bindings appear in Korean


async def test_help_inside_a_quiz_says_q_closes_the_quiz(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.action_open_quiz("vectors")
        await ready(pilot)
        quiz = app.screen
        app.set_focus(None)
        await pilot.pause()
        help_screen = HelpScreen()
        title, rows = help_screen.current
        assert title == "퀴즈", title
        by_desc = {desc: keys.split(" / ") for keys, desc in rows}
        assert "q" in by_desc["나가기"] and "Esc" in by_desc["나가기"]  # q closes the quiz here
        assert "q" not in by_desc.get("종료", [])
        assert quiz is app.screen


def test_every_key_fits_the_key_column():
    from rich.cells import cell_len

    assert max(cell_len(k) for _t, rows in binding_groups() for k, _d in rows) <= KEY_COLUMN


@pytest.mark.parametrize("size", SIZES)
async def test_help_rows_start_in_one_column(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        from rich.cells import cell_len

        text = visible_text(app)
        lines = text.splitlines()
        top = next(i for i, line in enumerate(lines) if "╭" in line)
        left = cell_len(lines[top][:lines[top].index("╭")])
        starts = set()
        for line in lines[top + 1:]:
            cut = next((i for i in range(len(line) + 1) if cell_len(line[:i]) >= left), len(line))
            if line[cut:cut + 1] != "│":
                break
            inner = line[cut + 1:].split("│")[0]
            match = re.match(r" (\S.*?) {2,}(\S.*)", inner)
            if match and HANGUL.search(match.group(2)):
                starts.add(match.start(2))
        assert len(starts) == 1, starts


@pytest.mark.parametrize("width", [10, 15, 16, 20, 21])
def test_the_sidebar_ellipsis_follows_the_last_character(width):
    line = fit_line(Text("○ 00 머신러닝과 선형회귀 입문"), width)
    assert line.cell_len == width
    assert "…" in line.plain and "  …" not in line.plain and not line.plain.startswith("…")
    assert line.plain.rstrip().endswith("…")


@pytest.mark.parametrize("size", SIZES)
async def test_sidebar_and_title_bar_end_in_one_ellipsis(make_app, size):
    app = make_app()
    app.store.set_setting("last_lesson", "intro")
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        text = visible_text(app)
        title_line = text.splitlines()[1]
        assert title_line.rstrip().endswith("…"), title_line
        assert "  …" not in text


@pytest.mark.parametrize("size", SIZES)
async def test_undoing_done_withdraws_the_done_toast(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        app.screen.query_one("#reader").focus()
        await pilot.press("d")
        await pilot.pause()
        assert "완료!" in messages(app)
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        assert "완료!" not in messages(app)
        assert "다시 읽는 중" in messages(app)


def _latin_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in TECHNICAL}


def test_no_latin_ui_strings_in_bindings_and_palette(make_app):
    """Every binding a learner can see (help, footer) and every palette command is Korean;
    Latin only in technical terms."""
    import importlib

    for _title, source in BINDING_SOURCES:
        module, name = source.split(":")
        cls = getattr(importlib.import_module(module), name)
        for binding in cls.BINDINGS:
            if hasattr(binding, "description") and binding.description:
                assert HANGUL.search(binding.description), (source, binding)
                assert not _latin_words(binding.description), (source, binding.description)
    for _title, rows in binding_groups():
        for keys, desc in rows:
            assert HANGUL.search(desc) and not _latin_words(desc), desc
    from tui.commands import state_commands

    app = make_app()
    app.main_screen = None
    for title, help_text, _action in state_commands(app):
        assert HANGUL.search(title) and not _latin_words(title + " " + help_text), title


@pytest.mark.parametrize("size", SIZES)
async def test_no_latin_in_every_screens_active_keys(make_app, size):
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        for open_screen in (lambda: None, app.action_open_glossary, app.action_open_review,
                            app.action_open_dashboard, lambda: app.action_open_quiz("vectors")):
            open_screen()
            await ready(pilot)
            title, rows = HelpScreen().current
            for keys, desc in rows:
                assert HANGUL.search(desc) and not _latin_words(desc), (title, desc)
            assert not _latin_words(messages(app)), messages(app)
            if len(app.screen_stack) > 1:
                app.pop_screen()
                await pilot.pause()
