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

from tui.commands import AimathCommands, ThemeCommands
from tui.korean import KoreanCommandPalette, help_quit, key_label
from tui.services import Services, make_writes, open_services
from tui.widgets.toast import install as install_toasts

install_toasts()  # toasts keep their Korean characters over other widgets' edges

DEFAULT_THEME = "textual-dark"


class AimathApp(App):
    """Read lessons, run their calculations, quiz yourself; progress is saved as you go.

    The App only holds the :class:`~tui.services.Services` and forwards the contract actions
    (``open_lesson``, ``open_panel``, ``open_quiz``) to the screen that owns them.
    """

    CSS_PATH = "app.tcss"
    TITLE = "aimath · 딥러닝 수학"
    COMMANDS = {AimathCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = [
        Binding("q", "quit", "종료", id="quit"),
        Binding("f1,question_mark", "help", "도움말", key_display="F1/?", id="help"),
        Binding("ctrl+p", "command_palette", "명령", key_display="Ctrl+P", priority=True, show=False, id="palette"),
        Binding("ctrl+t", "choose_theme", "테마", show=False, id="theme"),
        Binding("w", "open_glossary", "용어집", show=False, id="glossary"),
        Binding("r", "open_review", "복습", show=False, id="review"),
        Binding("i", "open_dashboard", "통계", show=False, id="dashboard"),
        Binding("ctrl+n", "open_notebook", "계산 노트", key_display="Ctrl+N", show=False, id="notebook"),
    ]

    def __init__(self, services: Services):
        super().__init__()
        self.services = services
        if services.writes is None:
            services.writes = make_writes(services.store, on_error=self.write_failed,
                                          on_saved=self._write_saved)
        from tui.widgets.panel_state import PanelSessions

        self.panel_sessions = PanelSessions(services.store, services.writes)  # panel inputs and results
        self._write_errors: set[str] = set()
        self._quit_anyway = False
        self.main_screen = None
        saved = services.store.get_setting("theme", DEFAULT_THEME)
        self.theme = saved if saved in self.available_themes else DEFAULT_THEME

    @property
    def catalog(self):
        return self.services.catalog

    @property
    def store(self):
        return self.services.store

    @property
    def data_dir(self) -> Path | None:
        return self.services.data_dir

    # -- start and stop --------------------------------------------------------------------

    def get_default_screen(self):
        from tui.screens.main import MainScreen

        self.main_screen = MainScreen(self.services)
        return self.main_screen

    def on_mount(self) -> None:
        warnings = [*self.services.warnings, *getattr(self.store, "warnings", [])]
        for message in warnings:
            self.notify(message, title="진행 기록", severity="warning", timeout=12)

    def write_failed(self, message: str) -> None:
        """A write could not be saved (the queue keeps it and retries): say so once per outage.

        Runs on the write queue's thread (``notify`` is thread-safe).
        """
        if getattr(self.store, "read_only", False) or message in self._write_errors:
            return  # a read-only store was announced at start (its reason says why)
        self._write_errors.add(message)
        self.notify(message, title="진행 기록", severity="warning", timeout=10)

    def _write_saved(self, method_name: str, result) -> None:
        if self._write_errors:  # saving works again: a new outage is reported again
            self._write_errors.clear()
            self.notify("진행 기록을 다시 저장할 수 있게 되어, 기억해 둔 내용을 저장했습니다.", title="진행 기록")

    async def action_quit(self) -> None:
        """Quit, unless answers are still waiting for the disk: then say so, and quit on the
        second q (what is still waiting is lost then, and the message says so)."""
        writes = self.services.writes
        read_only = getattr(self.store, "read_only", False)  # announced at start: nothing is kept
        if writes.pending and not (self._quit_anyway or read_only) and not writes.flush(timeout=0.5):
            self._quit_anyway = True
            self.notify(f"아직 저장하지 못한 진행 기록이 {writes.pending}건 있습니다. 공간이 생기거나 쓸 수 있게 "
                        "되면 저절로 저장됩니다. 그래도 끝내려면 q를 한 번 더 누르세요(그 기록은 사라집니다).",
                        title="진행 기록", severity="error", timeout=15)
            return
        self.exit()

    def on_unmount(self) -> None:
        if self.main_screen is not None:
            self.main_screen.save_state()
        self.services.writes.close(timeout=2.0)
        close = getattr(self.store, "close", None)
        if close is not None:
            close()

    # -- theme -----------------------------------------------------------------------------

    def watch_theme(self, theme: str) -> None:
        self.services.write("set_setting", "theme", theme)
        from tui.render import Palette
        from tui.widgets.lesson_view import LessonView

        for view in self.query(LessonView) if self.screen_stack else []:
            view.set_palette(Palette.from_theme(self.current_theme))

    def set_theme(self, name: str) -> None:
        if name in self.available_themes:
            self.theme = name
            self.notify(f"테마를 바꿨습니다: {name}")

    def action_choose_theme(self) -> None:
        self.push_screen(KoreanCommandPalette(providers=[ThemeCommands], placeholder="테마 이름을 입력하세요…"))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(KoreanCommandPalette(placeholder="장, 절, 실습, 퀴즈, 용어 검색…",
                                                  id="--command-palette"))

    def get_system_commands(self, screen):
        return iter(())

    def get_key_display(self, binding) -> str:
        """Keys in one notation everywhere (Esc, Ctrl+R, not esc, ^r)."""
        return binding.key_display or key_label(binding.key)

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual's English hint, in Korean."""
        help_quit(self)

    # -- the contract actions: forwarded to the main screen ------------------------------

    def _main(self):
        """The main screen, with every screen above it closed."""
        main = self.main_screen
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        return main

    def action_open_lesson(self, lesson_id: str) -> None:
        self._main().open_lesson(lesson_id)

    def action_open_heading(self, lesson_id: str, index: int) -> None:
        self._main().open_heading(lesson_id, index)

    def open_at_text(self, lesson_id: str, needles) -> None:
        """Open the lesson where one of ``needles`` (a glossary term's names) first appears."""
        main = self._main()
        if main.open_lesson(lesson_id):
            main.reader.scroll_to_text(needles)
            main.reader.focus()

    def action_open_panel(self, panel_id: str) -> None:
        self._main().open_panel(panel_id)

    def action_toggle_sidebar(self) -> None:
        self._main().action_toggle_sidebar()

    def action_toggle_panel_maximized(self) -> None:
        """The open panel fills the screen, or goes back to its pane (F11 in the panel)."""
        from tui.widgets.panel_view import PanelView

        views = self.screen.query(PanelView)
        if views:
            views.first().action_toggle_maximized()

    def action_open_quiz(self, lesson_id: str) -> None:
        from tui.screens.quiz import quiz_screen_for_lesson

        screen = quiz_screen_for_lesson(self, lesson_id)
        if screen is not None:
            self._main()
            self.push_screen(screen)

    def refresh_statuses(self) -> None:
        """Re-read every lesson's status (after an import)."""
        if self.main_screen is not None:
            self.main_screen.reload_statuses()

    # -- other screens ---------------------------------------------------------------------

    def action_open_glossary(self, term: str = "") -> None:
        from tui.screens.glossary import GlossaryScreen

        self._main()
        self.push_screen(GlossaryScreen(self.services.glossary_terms(), query=term))

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
        lesson = self.services.lesson(lesson_id) if lesson_id else None
        preset = list(lesson.extra.get("notebook", [])) if lesson is not None else []
        self._main()
        self.push_screen(NotebookScreen(preset))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def create_app(data_dir=None) -> AimathApp:
    """Build the app: the lesson catalog and the progress store (``data_dir`` overrides where)."""
    from tui.errorlog import install

    install(data_dir)  # <data folder>/aimath.log gets the tracebacks behind Korean messages
    return AimathApp(open_services(data_dir))
