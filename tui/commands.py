"""Command palette providers: jump to any lesson, heading, panel, quiz or glossary term."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


def lesson_headings(app, lesson) -> list[str]:
    """Heading texts of a lesson in reading order (parsed once, cached with the render cache)."""
    tokens = app.render_cache.get_tokens(lesson.id, app.lesson_source(lesson))
    return [tokens[i + 1].content for i, tok in enumerate(tokens) if tok.type == "heading_open"]


class AimathCommands(Provider):
    """Everything a learner may want to jump to, built from the catalog and the panels."""

    async def startup(self) -> None:
        self._commands: list[tuple[str, str, object, bool]] = []
        worker = self.app.run_worker(self._collect, thread=True, exclusive=False, group="palette")
        await worker.wait()

    def _collect(self) -> None:
        app = self.app
        commands = []
        for lesson in app.catalog.lessons:
            commands.append((f"강의 {lesson.order:02d}. {lesson.title}", lesson.summary,
                             partial(app.action_open_lesson, lesson.id), True))
        panels = app.panels()
        for lesson in app.catalog.lessons:
            for panel_id in lesson.panels:
                panel = panels.get(panel_id)
                if panel is not None:
                    commands.append((f"실습: {panel.title}", f"{lesson.title} · {panel_id}",
                                     partial(app.action_open_panel, panel_id), True))
            if lesson.extra.get("notebook"):
                commands.append((f"계산 노트에서 이어 하기: {lesson.title}", "이 장의 예제 값을 계산 노트에 불러옵니다",
                                 partial(app.action_open_notebook, lesson.id), False))
            if app.has_quiz(lesson.id):
                commands.append((f"퀴즈: {lesson.title}", f"{lesson.title} 문제 풀기",
                                 partial(app.action_open_quiz, lesson.id), True))
        for lesson in app.catalog.lessons:
            for index, heading in enumerate(lesson_headings(app, lesson)):
                commands.append((f"{lesson.title} › {heading}", "이 절로 이동",
                                 partial(app.action_open_heading, lesson.id, index), False))
        for term in app.glossary_terms():
            commands.append((f"용어: {term.ko} ({term.en})", term.definition,
                             partial(app.action_open_glossary, term.ko), False))
        commands.extend((title, help_text, callback, True)
                        for title, help_text, callback in app.general_commands())
        self._commands = commands

    async def discover(self) -> Hits:
        for title, help_text, callback, discoverable in self._commands:
            if discoverable:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, _ in self._commands:
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
