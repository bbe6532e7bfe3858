"""Command palette providers: jump to any lesson, heading, panel, quiz or glossary term."""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

log = logging.getLogger("aimath.palette")


def lesson_headings(services, lesson) -> list[str]:
    """Heading texts of a lesson in reading order (parsed once, cached with the render cache)."""
    tokens = services.render_cache.get_tokens(lesson.id, services.lesson_source(lesson))
    return [tokens[i + 1].content for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def state_commands(app) -> list[tuple[str, str, object]]:
    """Commands of the app itself, in Korean, offered only where they make sense now."""
    main = app.main_screen
    commands = [("테마 바꾸기", "색 테마를 고릅니다 (저장됨)", app.action_choose_theme),
                ("도움말: 키 목록", "모든 단축키를 봅니다", app.action_help)]
    if main is not None and main.is_mounted:
        hidden = not main.sidebar.display
        commands.append(("사이드바 보이기" if hidden else "사이드바 숨기기",
                         "장 목록을 " + ("다시 보입니다" if hidden else "숨겨 본문을 넓힙니다"),
                         app.action_toggle_sidebar))
        lesson = main.current_lesson()
        if lesson is not None:
            done = main.status(lesson.id) == "done"
            commands.append((f"'{lesson.title}' " + ("완료 취소" if done else "완료 표시"),
                             "이 장을 " + ("다시 읽는 중으로" if done else "완료로") + " 표시합니다",
                             main.action_toggle_done))
        if main.panel_open:
            commands.append(("실습 닫기", "열린 실습 패널을 닫습니다", main.action_close_panel))
    commands += [("용어집", "한영 용어 사전을 엽니다", app.action_open_glossary),
                 ("복습하기", "오늘 복습할 문제를 풉니다", app.action_open_review),
                 ("학습 통계", "정답률, 활동, 복습 일정을 봅니다", app.action_open_dashboard),
                 ("계산 노트", "행렬, 미분, 적분, 그래프를 직접 계산합니다 (Ctrl+N)", app.action_open_notebook),
                 ("종료", "aimath를 끝냅니다 (진행 기록은 저장됨)", app.action_quit)]
    return commands


Command = tuple[str, str, object, bool]  # title, help text, callback, shown before typing



def catalog_commands(app) -> list[Command]:
    """Every lesson, panel, notebook preset, quiz, heading and glossary term, as commands."""
    services = app.services
    commands: list[Command] = []
    for lesson in services.catalog.lessons:
        commands.append((f"{lesson.order:02d}장. {lesson.title}", lesson.summary,
                         partial(app.action_open_lesson, lesson.id), True))
    panels = services.panels()
    for lesson in services.catalog.lessons:
        for panel_id in lesson.panels:
            panel = panels.get(panel_id)
            if panel is not None:
                commands.append((f"실습: {panel.title}", lesson.title,
                                 partial(app.action_open_panel, panel_id), True))
        if lesson.extra.get("notebook"):
            commands.append((f"계산 노트에서 이어 하기: {lesson.title}", "이 장의 예제 값을 계산 노트에 불러옵니다",
                             partial(app.action_open_notebook, lesson.id), False))
        if services.has_quiz(lesson.id):
            commands.append((f"퀴즈: {lesson.title}", f"{lesson.title} 문제 풀기",
                             partial(app.action_open_quiz, lesson.id), True))
    for lesson in services.catalog.lessons:
        for index, heading in enumerate(lesson_headings(services, lesson)):
            commands.append((f"{lesson.title} › {heading}", "이 절로 이동",
                             partial(app.action_open_heading, lesson.id, index), False))
    for term in services.glossary_terms():
        commands.append((f"용어: {term.ko} ({term.en})", term.definition,
                         partial(app.action_open_glossary, term.ko), False))
    return commands


def _catalog_future(app) -> asyncio.Future:
    """The catalogue's commands do not change while an app runs: built once per app (kept with its
    services), in a thread, the first time the palette opens."""
    services = app.services
    if services.palette_build is None:
        services.palette_build = asyncio.ensure_future(asyncio.to_thread(catalog_commands, app))
    return services.palette_build


class AimathCommands(Provider):
    """Everything a learner may want to jump to, built from the catalog and the panels.

    ``startup`` awaits nothing: Textual cancels a search at every keystroke, and a cancelled search
    that was still waiting for a slow ``startup`` cancelled the start-up itself, which left the
    palette with no matches until it was closed. Searches wait for the shared build through
    ``asyncio.shield`` instead, so a cancelled search never cancels the build."""

    async def startup(self) -> None:
        self._general = state_commands(self.app)  # read on the UI thread: it looks at the screens
        self._build = _catalog_future(self.app)

    async def _commands(self) -> list[Command]:
        try:
            built = await asyncio.shield(self._build)
        except Exception:  # noqa: BLE001 - the palette still offers the app's own commands
            log.exception("palette commands could not be built")
            built = []
        return [*built, *((title, help_text, callback, True) for title, help_text, callback in self._general)]

    async def discover(self) -> Hits:
        for title, help_text, callback, discoverable in await self._commands():
            if discoverable:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, _ in await self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class ThemeCommands(Provider):
    """Lists the available themes; choosing one applies (and saves) it."""

    async def discover(self) -> Hits:
        for name in sorted(self.app.available_themes):
            yield DiscoveryHit(f"테마: {name}", partial(self.app.set_theme, name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in sorted(self.app.available_themes):
            title = f"테마: {name}"
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.set_theme, name))
