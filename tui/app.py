"""The aimath Textual app.

``create_app()`` is the one factory used by the command line (``tui.cli``), ``python -m tui`` and
the tests.
numpy, sympy and plotext are not imported here: panels and quizzes load them when opened.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette

from tui.cli import VERSION  # noqa: F401  (re-exported for old imports)
from tui.commands import AimathCommands, ThemeCommands
from tui.widgets.lesson_view import RenderCache

DEFAULT_THEME = "textual-dark"


class AimathApp(App):
    """Read lessons, run their calculations, quiz yourself; progress is saved as you go."""

    CSS_PATH = "app.tcss"
    TITLE = "aimath · 딥러닝 수학"
    COMMANDS = {AimathCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = [
        Binding("q", "quit", "종료", id="quit"),
        Binding("f1,question_mark", "help", "도움말", key_display="F1/?", id="help"),
        Binding("ctrl+p", "command_palette", "명령", key_display="^p", priority=True, show=False, id="palette"),
        Binding("ctrl+t", "choose_theme", "테마", show=False, id="theme"),
        Binding("w", "open_glossary", "용어집", show=False, id="glossary"),
        Binding("r", "open_review", "복습", show=False, id="review"),
        Binding("i", "open_dashboard", "통계", show=False, id="dashboard"),
        Binding("ctrl+n", "open_notebook", "계산 노트", key_display="Ctrl+N", show=False, id="notebook"),
    ]

    def __init__(self, catalog, store, data_dir: Path | None = None):
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.data_dir = data_dir
        self.render_cache = RenderCache()
        self.body_cache_dir = (Path(data_dir) / "cache" / "bodies") if data_dir else None
        self._panels = None
        self._questions: dict | None = None
        saved = store.get_setting("theme", DEFAULT_THEME)
        self.theme = saved if saved in self.available_themes else DEFAULT_THEME

    # -- start and stop --------------------------------------------------------------------

    def get_default_screen(self):
        from tui.screens.main import MainScreen

        self.main_screen = MainScreen()
        return self.main_screen

    def on_mount(self) -> None:
        for message in getattr(self.store, "warnings", []):
            self.notify(message, title="진행 기록", severity="warning", timeout=12)

    def open_initial_lesson(self) -> None:
        """Reopen the lesson read last time (or the first one), where the reader left it."""
        lessons = self.catalog.lessons
        if not lessons:
            self.notify("강의 파일을 찾지 못했습니다.", severity="error")
            return
        last = self.store.get_setting("last_lesson")
        first = self.find_lesson(last) if last else None
        self.action_open_lesson((first or lessons[0]).id)
        self.call_after_refresh(self._render_ahead)

    def _render_ahead(self) -> None:
        """Parse every lesson in the background so opening and the palette are instant."""
        self.run_worker(self._parse_all, thread=True, group="render-ahead", exit_on_error=False)

    def _parse_all(self) -> None:
        for lesson in self.catalog.lessons:
            self.render_cache.get_tokens(lesson.id, self.lesson_source(lesson))

    def lesson_source(self, lesson):
        """A callable giving the lesson's display Markdown (disk-cached; errors shown in Korean)."""

        def source() -> str:
            from content import ContentError

            from tui.body_cache import cached_body, default_cache_dir

            try:
                return cached_body(lesson, self.body_cache_dir or default_cache_dir())
            except (ContentError, OSError, UnicodeDecodeError) as error:
                return f"## 이 강의를 표시할 수 없습니다\n\n강의 파일에 문제가 있습니다: `{error}`"

        return source

    def on_unmount(self) -> None:
        main = getattr(self, "main_screen", None)
        if main is not None and main._reader is not None:
            main.save_scroll()
            if main._reader.lesson_id and main._reader.lesson_id != self.store.get_setting("last_lesson"):
                self.store.set_setting("last_lesson", main._reader.lesson_id)
        close = getattr(self.store, "close", None)
        if close is not None:
            close()

    # -- theme -----------------------------------------------------------------------------

    def watch_theme(self, theme: str) -> None:
        self.store.set_setting("theme", theme)
        from tui.render import Palette
        from tui.widgets.lesson_view import LessonView

        for view in self.query(LessonView) if self.screen_stack else []:
            view.set_palette(Palette.from_theme(self.current_theme))

    def set_theme(self, name: str) -> None:
        if name in self.available_themes:
            self.theme = name
            self.notify(f"테마를 '{name}'(으)로 바꿨습니다.")

    def action_choose_theme(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeCommands], placeholder="테마 이름을 입력하세요…"))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="강의, 절, 실습, 퀴즈, 용어 검색…", id="--command-palette"))

    def get_system_commands(self, screen):
        return iter(())

    def general_commands(self) -> list[tuple[str, str, object]]:
        """Commands of the app itself, in Korean, for the palette."""
        return [
            ("테마 바꾸기", "색 테마를 고릅니다 (저장됨)", self.action_choose_theme),
            ("도움말: 키 목록", "모든 단축키를 봅니다", self.action_help),
            ("사이드바 보이기/숨기기", "좁은 화면에서 강의 목록을 숨깁니다", self._toggle_sidebar),
            ("용어집", "한영 용어 사전을 엽니다", self.action_open_glossary),
            ("복습하기", "오늘 복습할 문제를 풉니다", self.action_open_review),
            ("학습 통계", "정답률, 활동, 복습 일정을 봅니다", self.action_open_dashboard),
            ("계산 노트", "행렬, 미분, 적분, 그래프를 직접 계산합니다 (Ctrl+N)", self.action_open_notebook),
            ("종료", "aimath를 끝냅니다 (진행 기록은 저장됨)", self.action_quit),
        ]

    def _toggle_sidebar(self) -> None:
        self._main().action_toggle_sidebar()

    # -- lessons ---------------------------------------------------------------------------

    def _main(self):
        from tui.screens.main import MainScreen

        main = self.main_screen
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        return main

    def find_lesson(self, lesson_id: str | None):
        """The lesson with this id, or None."""
        try:
            return self.catalog.lesson(lesson_id) if lesson_id else None
        except KeyError:
            return None

    def action_open_lesson(self, lesson_id: str) -> None:
        lesson = self.find_lesson(lesson_id)
        if lesson is None:
            self.notify(f"'{lesson_id}' 강의를 찾을 수 없습니다.", severity="error")
            return
        main = self._main()
        same = main.reader.lesson_id == lesson_id
        if not same:
            main.show_lesson(lesson, self.store.scroll_position(lesson_id))
        if self.store.lesson_status(lesson_id) == "unread":
            self.set_lesson_status(lesson_id, "reading")

    def action_open_heading(self, lesson_id: str, index: int) -> None:
        self.action_open_lesson(lesson_id)
        main = self._main()
        reader = main.reader
        if reader.lesson_id != lesson_id:
            return
        if reader.is_complete:
            reader.scroll_to_heading(index)
        else:  # the rest of the lesson is still rendering: jump once it is done
            main.pending_heading = (lesson_id, index)
        reader.focus()

    def set_lesson_status(self, lesson_id: str, status: str) -> None:
        self.store.set_lesson_status(lesson_id, status)
        self._main_screen().set_status(lesson_id, status)

    def mark_done(self, lesson_id: str, notify: bool = False) -> None:
        if self.store.lesson_status(lesson_id) == "done":
            return
        self.set_lesson_status(lesson_id, "done")
        if notify:
            lesson = self.find_lesson(lesson_id)
            self.notify(f"'{lesson.title}' 완료! 퀴즈(z)로 확인해 보세요.", title="강의 완료")

    def _main_screen(self):
        return self.main_screen

    # -- panels, quizzes, glossary, review, statistics -------------------------------------

    def panels(self) -> dict:
        """All runnable panels by id (loaded on first use)."""
        if self._panels is None:
            try:
                from tui.panels import all_panels
            except ImportError:
                return {}
            self._panels = all_panels()
        return self._panels

    def action_open_panel(self, panel_id: str) -> None:
        panel = self.panels().get(panel_id)
        if panel is None:
            self.notify(f"'{panel_id}' 실습 패널을 찾을 수 없습니다.", severity="error")
            return
        main = self._main()
        if main.reader.lesson_id != panel.lesson:
            self.action_open_lesson(panel.lesson)
        main.show_panel(panel)

    def has_quiz(self, lesson_id: str) -> bool:
        return bool(self.catalog.questions(lesson_id))

    def action_open_quiz(self, lesson_id: str) -> None:
        lesson = self.find_lesson(lesson_id)
        if lesson is None:
            self.notify(f"'{lesson_id}' 강의를 찾을 수 없습니다.", severity="error")
            return
        questions = self.catalog.questions(lesson_id)
        if not questions:
            self.notify(f"'{lesson.title}'에는 퀴즈 문제가 없습니다.", severity="warning")
            return
        from tui.screens.quiz import QuizScreen

        self._main()
        self.push_screen(QuizScreen(lesson, questions))

    def question_by_id(self, question_id: str):
        """The question (template) with this id, from any lesson, or None."""
        if self._questions is None:
            self._questions = {q.id: q for lesson in self.catalog.lessons
                               for q in self.catalog.questions(lesson.id)}
        return self._questions.get(question_id)

    def refresh_statuses(self) -> None:
        """Re-read every lesson's status (after an import)."""
        statuses = self.store.lesson_statuses()
        main = self._main_screen()
        for lesson in self.catalog.lessons:
            main.set_status(lesson.id, statuses.get(lesson.id, "unread"))

    def glossary_terms(self) -> list:
        return list(getattr(self.catalog, "glossary", []) or [])

    def action_open_glossary(self, term: str = "") -> None:
        from tui.screens.glossary import GlossaryScreen

        self._main()
        self.push_screen(GlossaryScreen(self.glossary_terms(), query=term))

    def action_open_review(self) -> None:
        from tui.screens.review import ReviewScreen

        self._main()
        self.push_screen(ReviewScreen())

    def action_open_dashboard(self) -> None:
        from tui.screens.dashboard import DashboardScreen

        self._main()
        self.push_screen(DashboardScreen())

    def action_open_notebook(self, lesson_id: str = "") -> None:
        """Open 계산 노트; with ``lesson_id``, that lesson's worked-example values come along."""
        from tui.screens.notebook import NotebookScreen

        if isinstance(self.screen, NotebookScreen):
            return
        lesson = self.find_lesson(lesson_id) if lesson_id else None
        preset = list(lesson.extra.get("notebook", [])) if lesson is not None else []
        self._main()
        self.push_screen(NotebookScreen(preset))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def create_app(data_dir=None) -> AimathApp:
    """Build the app: the lesson catalog and the progress store (``data_dir`` overrides where)."""
    from content import load_catalog
    from progress import open_store

    catalog = load_catalog()
    store = open_store(data_dir)
    return AimathApp(catalog, store, Path(data_dir) if data_dir else None)


def main(argv: list[str] | None = None) -> int:
    """The ``aimath`` command; it lives in ``tui.cli`` (this name is kept for old imports)."""
    from tui.cli import main as cli_main

    return cli_main(argv)
