"""The main screen: sidebar of lessons, the reader, and a pane for a runnable panel."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.navigation import Navigation
from tui.render import Palette
from tui.widgets.footer import KeyFooter
from tui.widgets.lesson_view import LessonView
from tui.widgets.sidebar import FitLine, Sidebar

#: Below this many columns the panel pane goes under the lesson instead of beside it.
WIDE_LAYOUT_MIN = 110
#: Below this many columns the sidebar starts hidden (until the learner shows it: remembered).
SIDEBAR_MIN = 100
#: The panel's share of the width beside the lesson, in percent (keys < and > change it).
PANEL_SPLIT = (55, 30, 80)  # default, least, most
#: Opening a panel beside the lesson below this many columns hides the sidebar until it closes.
ROOMY_WIDTH = 150


class MainScreen(Screen):
    """Routes messages between the sidebar, the reader and the panel pane."""

    BINDINGS = [
        Binding("s", "toggle_sidebar", "사이드바", id="toggle_sidebar"),
        Binding("t", "toc", "목차", id="toc"),
        Binding("d", "toggle_done", "완료 표시", id="toggle_done"),
        Binding("x", "choose_panel", "실습", id="choose_panel"),
        Binding("z", "quiz", "퀴즈", id="quiz"),
        Binding("c", "notebook", "계산 노트", show=False, id="notebook_from_lesson"),
        Binding("n", "next_lesson", "다음 장", show=False, id="next_lesson"),
        Binding("p", "previous_lesson", "이전 장", show=False, id="previous_lesson"),
        Binding("escape", "close_panel", "실습 닫기", show=False, id="close_panel"),
        Binding("greater_than_sign", "panel_split(5)", "실습 창 넓게", key_display=">", show=False, id="panel_wider"),
        Binding("less_than_sign", "panel_split(-5)", "실습 창 좁게", key_display="<", show=False, id="panel_narrower"),
    ]

    def __init__(self, services) -> None:
        super().__init__(id="main")
        self.services = services
        #: Every lesson's status as the learner sees it (written through ``services.writes``).
        self.statuses: dict[str, str] = dict(services.store.lesson_statuses())
        #: (lesson id, heading index) to scroll to once the lesson has finished rendering.
        self._pending_heading: tuple[str, int] | None = None
        self._reader: LessonView | None = None

    def compose(self) -> ComposeResult:
        services = self.services
        yield Header(icon="∑")
        with Horizontal(id="body"):
            yield Sidebar(services.catalog.lessons, self.statuses, id="sidebar")
            with Vertical(id="main-area"):
                yield Static("", id="lesson-title")
                yield LessonView(services.render_cache, id="reader")
                yield Vertical(id="panel-pane")
        yield KeyFooter()

    AUTO_FOCUS = "#reader"  # focus set at compose: a later change would rebuild the footer

    def on_mount(self) -> None:
        self.reader.set_palette(Palette.from_theme(self.app.current_theme))
        hidden = self._setting("sidebar_hidden", None)
        if not isinstance(hidden, bool):
            hidden = self.app.size.width < SIDEBAR_MIN
        self.sidebar.display = not hidden
        self._apply_split(self._setting("panel_split", PANEL_SPLIT[0]))
        self._apply_layout(self.size.width)
        # The first lesson is in the first frame (only a screenful is rendered before it).
        sidebar = self.sidebar.styles.width if self.sidebar.display else None  # hidden: no room
        reader = self.reader
        reader.width_hint = (self.app.size.width - (int(sidebar.value) if sidebar else 0)
                             - reader.styles.scrollbar_size_vertical)
        self.open_initial_lesson()

    # -- helpers ---------------------------------------------------------------------------

    @property
    def reader(self) -> LessonView:
        # Kept after the first look-up: on exit the widget is unmounted before the screen.
        if self._reader is None:
            self._reader = self.query_one("#reader", LessonView)
        return self._reader

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one("#sidebar", Sidebar)

    def on_resize(self, event) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        self.set_class(width < WIDE_LAYOUT_MIN, "-narrow")

    def current_lesson(self):
        return self.services.lesson(self.reader.lesson_id)

    @property
    def panel_open(self) -> bool:
        return self.has_class("-with-panel")

    def _write(self, method_name: str, *args) -> None:
        self.services.write(method_name, *args)

    def _tell(self, message) -> None:
        """Post a :mod:`tui.navigation` message to the widgets that show navigation."""
        self.sidebar.post_message(message)

    # -- lesson navigation -----------------------------------------------------------------

    def open_initial_lesson(self) -> None:
        """Reopen the lesson read last time (or the first one), where the reader left it."""
        lessons = self.services.catalog.lessons
        if not lessons:
            self.notify("이 장의 파일을 찾지 못했습니다.", severity="error")
            return
        first = self.services.lesson(self.services.store.get_setting("last_lesson"))
        self.open_lesson((first or lessons[0]).id)
        self.call_after_refresh(self._render_ahead)

    def _render_ahead(self) -> None:
        """Parse every lesson in the background so opening and the palette are instant."""
        self.run_worker(self._parse_all, thread=True, group="render-ahead", exit_on_error=False)

    def _parse_all(self) -> None:
        services = self.services
        for lesson in services.catalog.lessons:
            services.render_cache.get_tokens(lesson.id, services.lesson_source(lesson))

    def open_lesson(self, lesson_id: str) -> bool:
        """Show the lesson (where it was left) and mark it as being read; False if unknown."""
        lesson = self.services.lesson(lesson_id)
        if lesson is None:
            self.notify(f"'{lesson_id}' 장을 찾을 수 없습니다.", severity="error")
            return False
        if self.reader.lesson_id != lesson_id:
            self.save_scroll()
            title = self.query_one("#lesson-title", Static)
            # The bar has a fixed size: no layout pass (which would re-render the whole screen).
            title.update(FitLine(Text(f" {lesson.order:02d}. {lesson.title} — {lesson.summary}")),
                         layout=False)  # cut with "…" right after the last fitting character
            self.reader.show_lesson(lesson.id, self.services.lesson_source(lesson),
                                    self.services.store.scroll_position(lesson_id))
            self._tell(Navigation.LessonOpened(lesson.id))
        if self.status(lesson_id) == "unread":  # decided again by the store: another tab or
            self.statuses[lesson_id] = "reading"  # process may have marked it done meanwhile
            self._write("start_reading", lesson_id)
            self._tell(Navigation.StatusChanged(lesson_id, "reading"))
        return True

    def open_heading(self, lesson_id: str, index: int) -> None:
        """Open the lesson at its ``index``-th heading (once rendered, if it is still rendering)."""
        if not self.open_lesson(lesson_id) or self.reader.lesson_id != lesson_id:
            return
        reader = self.reader
        if reader.is_complete:
            reader.scroll_to_heading(index)
        else:  # the rest of the lesson is still rendering: jump once it is done
            self._pending_heading = (lesson_id, index)
        reader.focus()

    def open_panel(self, panel_id: str) -> None:
        panel = self.services.panels().get(panel_id)
        if panel is None:
            self.notify(f"'{panel_id}' 실습 패널을 찾을 수 없습니다.", severity="error")
            return
        if self.reader.lesson_id != panel.lesson:
            self.open_lesson(panel.lesson)
        self.show_panel(panel)

    def status(self, lesson_id: str) -> str:
        return self.statuses.get(lesson_id, "unread")

    def set_lesson_status(self, lesson_id: str, status: str) -> None:
        self.statuses[lesson_id] = status
        self._write("set_lesson_status", lesson_id, status)
        self._tell(Navigation.StatusChanged(lesson_id, status))

    def mark_done(self, lesson_id: str, notify: bool = False) -> None:
        if self.status(lesson_id) == "done":
            return
        self.set_lesson_status(lesson_id, "done")
        lesson = self.services.lesson(lesson_id)
        if notify and lesson is not None:
            self.notify(f"'{lesson.title}' 완료! 퀴즈(z)로 확인해 보세요.", title="장 완료")

    def reload_statuses(self) -> None:
        """Re-read every lesson's status from the store (after an import)."""
        self.services.writes.flush(timeout=2.0)
        self.statuses = dict(self.services.store.lesson_statuses())
        self._tell(Navigation.StatusesLoaded(self.statuses))

    def save_scroll(self) -> None:
        """Store the reader's position for the lesson it shows (on switching and quitting)."""
        reader = self.reader
        if reader.lesson_id is not None:
            self._write("set_scroll_position", reader.lesson_id, float(reader.scroll_y))

    def save_state(self) -> None:
        """Store the reading position and the lesson shown (the app is closing)."""
        if self._reader is None:
            return
        self.save_scroll()
        lesson_id = self._reader.lesson_id
        if lesson_id and lesson_id != self.services.store.get_setting("last_lesson"):
            self._write("set_setting", "last_lesson", lesson_id)

    # -- messages from the widgets ---------------------------------------------------------

    def on_sidebar_lesson_chosen(self, event: Sidebar.LessonChosen) -> None:
        self.open_lesson(event.lesson_id)
        self.reader.focus()

    def on_lesson_view_scrolled(self, event: LessonView.Scrolled) -> None:
        self._write("set_scroll_position", event.lesson_id, float(event.y))

    def on_lesson_view_rendered(self, event: LessonView.Rendered) -> None:
        if self._pending_heading and self._pending_heading[0] == event.lesson_id:
            self.reader.scroll_to_heading(self._pending_heading[1])
            self._pending_heading = None

    def on_lesson_view_reached_end(self, event: LessonView.ReachedEnd) -> None:
        self.mark_done(event.lesson_id, notify=True)

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.display = not sidebar.display
        self._sidebar_lent = False
        self._save_setting("sidebar_hidden", not sidebar.display)
        if not sidebar.display and sidebar.has_focus_within:
            self.reader.focus()

    def action_panel_split(self, delta: int) -> None:
        """Give the panel beside the lesson more (or less) of the width; remembered."""
        split = self._apply_split(self._split + delta)
        self._save_setting("panel_split", split)

    def _apply_split(self, split) -> int:
        default, least, most = PANEL_SPLIT
        split = max(least, min(most, split if isinstance(split, int) and not isinstance(split, bool) else default))
        self._split = split
        self.query_one("#main-area").styles.grid_columns = f"{100 - split}fr {split}fr"
        return split

    def _setting(self, key: str, default):
        try:
            return self.services.store.get_setting(key, default)
        except Exception:  # noqa: BLE001 - a bad setting on disk falls back to the default
            return default

    def _save_setting(self, key: str, value) -> None:
        self._write("set_setting", key, value)  # queued; a failure is reported by the queue

    def action_toc(self) -> None:
        from tui.screens.toc import TocScreen

        reader = self.reader
        if not reader.headings:
            self.notify("목차가 없습니다: 먼저 장을 여세요.", severity="warning")
            return

        def jump(index: int | None) -> None:
            if index is not None:
                reader.scroll_to_heading(index)
                reader.focus()

        self.app.push_screen(TocScreen(reader.headings, reader.scroll_y), jump)

    def action_toggle_done(self) -> None:
        lesson = self.current_lesson()
        if lesson is None:
            return
        if self.status(lesson.id) == "done":
            self.set_lesson_status(lesson.id, "reading")
            self.app.clear_notifications()  # withdraw the "완료!" toast this undoes
            self.notify(f"'{lesson.title}' 장을 다시 읽는 중으로 표시했습니다.")
        else:
            self.mark_done(lesson.id, notify=True)

    def action_next_lesson(self) -> None:
        self._step_lesson(+1)

    def action_previous_lesson(self) -> None:
        self._step_lesson(-1)

    def _step_lesson(self, step: int) -> None:
        lessons = self.services.catalog.lessons
        lesson = self.current_lesson()
        index = lessons.index(lesson) if lesson in lessons else -1
        target = index + step
        if 0 <= target < len(lessons):
            self.open_lesson(lessons[target].id)
        else:
            self.notify("더 넘길 장이 없습니다.", severity="information")

    def action_choose_panel(self) -> None:
        lesson = self.current_lesson()
        if lesson is None or not lesson.panels:
            self.notify("이 장에는 실습 패널이 없습니다.", severity="warning")
            return
        if len(lesson.panels) == 1:
            self.open_panel(lesson.panels[0])
            return
        from tui.screens.chooser import ChooserScreen

        panels = self.services.panels()
        items = [(pid, panels[pid].title if pid in panels else pid) for pid in lesson.panels]

        def chosen(panel_id: str | None) -> None:
            if panel_id:
                self.open_panel(panel_id)

        self.app.push_screen(ChooserScreen("실습 패널 고르기", items), chosen)

    def action_notebook(self) -> None:
        """계산 노트에서 이어 하기: the notebook with this lesson's example values defined."""
        lesson = self.current_lesson()
        self.app.action_open_notebook(lesson.id if lesson is not None else "")

    def action_quiz(self) -> None:
        lesson = self.current_lesson()
        if lesson is None:
            self.notify("먼저 장을 여세요.", severity="warning")
            return
        self.app.action_open_quiz(lesson.id)

    def show_panel(self, panel) -> None:
        """Mount a panel view in the pane (replacing any other)."""
        from tui.widgets.panel_view import PanelView

        pane = self.query_one("#panel-pane", Vertical)
        pane.remove_children()
        view = PanelView(panel)
        pane.mount(view)
        if self.sidebar.display and not self.has_class("-narrow") and self.size.width < ROOMY_WIDTH:
            self.sidebar.display = False  # room for the panel's tables; back when it closes
            self._sidebar_lent = True
        self.add_class("-with-panel")
        self.call_after_refresh(view.focus)

    def action_close_panel(self) -> None:
        if self.has_class("-with-panel"):
            self.query_one("#panel-pane", Vertical).remove_children()
            self.remove_class("-with-panel")
            if getattr(self, "_sidebar_lent", False):
                self.sidebar.display = True
                self._sidebar_lent = False
            self.reader.focus()

    def on_panel_view_close_requested(self, event) -> None:
        event.stop()
        self.action_close_panel()

    def check_action(self, action: str, parameters) -> bool | None:
        # Only the hidden Esc binding depends on state: changing what the footer shows would
        # rebuild it (costly at start-up, when the first lesson arrives).
        if action == "close_panel":
            return self.has_class("-with-panel")
        return True
