"""Pilot tests of the glossary: listing, filtering as you type, jumping to lessons."""

from __future__ import annotations

import pytest
from ui_helpers import visible_text
from tui.screens.glossary import GlossaryScreen, TermList, term_matches
from tui.screens.main import MainScreen


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(screen) -> list[str]:
    return [term.ko for term in screen.shown]


async def test_lists_filters_and_jumps(make_app):
    app = make_app()
    terms = app.catalog.glossary
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert screen.query_one(TermList).option_count == len(terms) >= 80
        assert f"전체 {len(terms)}개" in str(screen.query_one("#glossary-title").render())

        # Typing filters on English, Korean and the definition, case-insensitively.
        await pilot.press(*"Gradient")
        await pilot.pause()
        expected = [t.ko for t in terms if "gradient" in f"{t.ko} {t.en} {t.definition}".lower()]
        assert listed(screen) == expected and "경사하강법" in expected
        assert screen.query_one(TermList).option_count == len(expected) < len(terms)
        screen.query_one("#glossary-filter").value = "경사하강"
        await pilot.pause()
        assert listed(screen) == [t.ko for t in terms if term_matches(t, "경사하강")]
        assert all("경사하강" in f"{t.ko}{t.en}{t.definition}" for t in screen.shown)
        screen.query_one("#glossary-filter").value = "없는용어xyz"
        await pilot.pause()
        assert listed(screen) == [] and "찾는 용어가 없습니다" in visible_text(app)

        # Enter moves to the list; the detail names the lessons; Enter opens the first one.
        screen.query_one("#glossary-filter").value = "gradient descent"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(TermList).has_focus
        term = screen.shown[0]
        assert term.en == "gradient descent"
        detail = str(screen.query_one("#glossary-detail").render())
        titles = [app.services.lesson(lid).title for lid in term.lessons]
        assert all(title in detail for title in titles)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        first = min((app.services.lesson(lid) for lid in term.lessons), key=lambda lesson: lesson.order)
        assert app.screen.reader.lesson_id == first.id

        # A number key jumps to that lesson of the term (here the third: matrices).
        app.action_open_glossary("L2 norm")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(TermList).has_focus and screen.shown[0].en == "L2 norm"
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.reader.lesson_id == "matrices"


async def test_glossary_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_open_glossary()
        await settle(pilot)
        text = visible_text(app)
        assert "용어집" in text and "Traceback" not in text
        first = app.catalog.glossary[0]
        assert first.ko in text and "나오는 장" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_filter_finds_variant_spellings_and_shows_them(make_app):
    """The filter also reads a term's aliases and ignores spaces and banned spellings (content.glossary_search)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_open_glossary()
        await settle(pilot)
        screen = app.screen
        for query, ko in (("그레디언트", "그래디언트"), ("위양성률", "오탐률"), ("범용 근사 정리", "보편 근사 정리"),
                          ("손실 함수", "손실함수")):
            screen.query_one("#glossary-filter").value = query
            await pilot.pause()
            assert ko in listed(screen), (query, listed(screen))
        screen.query_one("#glossary-filter").value = "위양성률"
        await pilot.pause()
        assert listed(screen) == ["오탐률"]
        assert "다른 표기: 위양성률" in str(screen.query_one("#glossary-detail").render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_jump_lands_where_the_term_first_appears(make_app, size):
    """Not at the last reading position: at the first line showing the term."""
    app = make_app()
    app.store.set_scroll_position("vectors", 400.0)  # the learner was near the end
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.action_open_glossary("회귀")
        await settle(pilot)
        screen = app.screen
        term = next(t for t in screen.shown if t.ko == "회귀")
        assert list(term.lessons[:2]) == ["intro", "vectors"]
        screen.query_one(TermList).highlighted = screen.shown.index(term)
        await pilot.press("2")  # its second lesson: 01 벡터
        await settle(pilot)
        await settle(pilot)
        reader = app.main_screen.reader
        assert app.screen is app.main_screen and reader.lesson_id == "vectors"
        first = next(i for i, strip in enumerate(reader.rendered.lines) if "회귀" in strip.text)
        assert reader.scroll_y == max(0, first - 1), (reader.scroll_y, first)
        shown = visible_text(app).splitlines()[2:6]
        assert any("회귀" in line for line in shown), shown
