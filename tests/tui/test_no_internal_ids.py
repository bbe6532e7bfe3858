"""No internal id (panel ``gd_basic.descent``, lesson ``gd_basic``, question ``vectors-001``) is shown
on the dashboard or in the panel chooser (the reader and the palette: tests/panels/test_panel_links.py)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from ui_helpers import settle, visible_text
from tui.app import create_app
from tui.panels import all_panels
from tui.screens.chooser import ChooserScreen
from tui.screens.dashboard import DashboardScreen

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


def leaked_ids(text: str, app) -> list[str]:
    """Every panel, lesson or question id found as a word in ``text``."""
    catalog = app.catalog
    ids = set(all_panels()) | {lesson.id for lesson in catalog.lessons}
    ids |= {q.id for lesson in catalog.lessons for q in app.services.questions(lesson.id)}
    ids |= {"old_lesson", "old_lesson-001"}
    return sorted(i for i in ids if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-])", text))


async def test_dashboard_names_lessons_and_questions_by_their_text(tmp_path):
    app = create_app(tmp_path)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        store = app.services.store
        lesson = app.catalog.lessons[1]
        question = app.services.questions(lesson.id)[0]
        for k in range(4):  # a weak question of a real lesson, and one from a lesson this version lacks
            at = NOW - timedelta(hours=k + 1)
            store.record_attempt(question.id, lesson.id, False, "1", at=at)
            store.record_attempt("old_lesson-001", "old_lesson", False, "1", at=at)
        app.services.writes.flush(5.0)
        screen = DashboardScreen(now=NOW)
        await app.push_screen(screen)
        await settle(pilot)
        for _ in range(100):  # the statistics load in a worker
            text = visible_text(app)
            if "가장 약한 문제" in text:
                break
            await pilot.pause(0.05)
        assert "(없는 장)" in text, text
        assert not leaked_ids(text, app), leaked_ids(text, app)


async def test_the_panel_chooser_lists_titles(tmp_path):
    app = create_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        lesson = next(lesson for lesson in app.catalog.lessons if len(lesson.panels) > 1)
        await app.run_action(f"open_lesson('{lesson.id}')")
        await pilot.pause(0.3)
        await app.screen.run_action("choose_panel")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ChooserScreen)
        text = visible_text(app)
        panels = all_panels()
        assert all(panels[pid].title in text for pid in lesson.panels)
        assert not leaked_ids(text, app), leaked_ids(text, app)
