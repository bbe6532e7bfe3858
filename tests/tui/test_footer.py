"""The footer at 80×24 and 120×40: the keys of where focus is, whole, never under the palette
hint, in one key notation (Esc, Ctrl+R), with the help key always there (issue 12)."""

from __future__ import annotations

import re

import pytest
from ui_helpers import visible_text

from tui.widgets.footer import KeyFooter, fit_keys, key_width

SIZES = [(80, 24), (120, 40)]


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _places(app):
    main = app.main_screen
    yield "reader", lambda: main.reader.focus()
    yield "panel", lambda: app.action_open_panel("matrices.ops")
    yield "quiz", lambda: app.action_open_quiz("vectors")
    yield "review", app.action_open_review
    yield "dashboard", app.action_open_dashboard
    yield "glossary", app.action_open_glossary
    yield "notebook", app.action_open_notebook


def _keys(footer):
    return list(footer.query("FooterKey"))


@pytest.mark.parametrize("size", SIZES)
async def test_footer_keys_are_whole_and_clear_of_the_palette_hint(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        for name, go in _places(app):
            go()
            await _settle(pilot)
            footer = app.screen.query_one(KeyFooter)
            keys = _keys(footer)
            palette = [k for k in keys if k.has_class("-command-palette")]
            others = [k for k in keys if k not in palette]
            assert palette and others, name
            edge = palette[0].region.x
            for key in others:
                assert key.region.right <= edge, (name, key.key_display, key.region, edge)
                assert key.region.width == key_width(key), (name, key.key_display)
            assert any(k.action.endswith("help") for k in others), name
            line = visible_text(app).splitlines()[-1]
            assert line.rstrip().endswith("Ctrl+P 명령"), (name, line)
            for key in others:
                assert f"{key.key_display} {key.description}" in line, (name, line)
            # One notation: no caret keys, no lowercase key names.
            assert "^" not in line and not re.search(r"\b(esc|ctrl|enter|tab)\b", line), (name, line)
            if len(app.screen_stack) > 1:
                app.pop_screen()
                await _settle(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_the_focused_panel_keys_come_first(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        app.action_open_panel("matrices.ops")
        await _settle(pilot)
        shown = [k.key_display for k in _keys(app.screen.query_one(KeyFooter))]
        assert shown[:2] == ["Ctrl+R", "Esc"], shown  # the panel's run and close keys


async def test_the_footer_refits_after_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        app.main_screen.reader.focus()
        await _settle(pilot)
        wide = len(_keys(app.screen.query_one(KeyFooter)))
        await pilot.resize_terminal(60, 24)
        await _settle(pilot)
        await _settle(pilot)
        keys = _keys(app.screen.query_one(KeyFooter))
        assert len(keys) < wide
        edge = next(k for k in keys if k.has_class("-command-palette")).region.x
        assert all(k.region.right <= edge for k in keys if not k.has_class("-command-palette"))


class _Key:
    def __init__(self, key_display, description, action):
        self.key_display, self.description, self.action = key_display, description, action


def test_fit_keeps_help_and_the_first_keys_that_fit():
    keys = [_Key("s", "사이드바", "toggle_sidebar"), _Key("t", "목차", "toc"),
            _Key("x", "실습", "choose_panel"), _Key("F1/?", "도움말", "app.help")]
    assert [key_width(k) for k in keys] == [12, 8, 8, 13]
    assert [k.key_display for k in fit_keys(keys, 33)] == ["s", "t", "F1/?"]
    assert [k.key_display for k in fit_keys(keys, 20)] == ["F1/?"]
    assert [k.key_display for k in fit_keys(keys, 100)] == ["s", "t", "x", "F1/?"]
