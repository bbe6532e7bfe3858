"""The main screen: sidebar of lessons, the reader, and a pane for a runnable panel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.render import Palette
from tui.widgets.lesson_view import LessonView
from tui.widgets.sidebar import Sidebar

#: Below this many columns the panel pane goes under the lesson instead of beside it.
WIDE_LAYOUT_MIN = 110


class MainScreen(Screen):
    """Routes messages between the sidebar, the reader and the panel pane."""

    BINDINGS = [
        Binding("s", "toggle_sidebar", "사이드바", id="toggle_sidebar"),
        Binding("t", "toc", "목차", id="toc"),
        Binding("d", "toggle_done", "완료 표시", id="toggle_done"),
        Binding("x", "choose_panel", "실습", id="choose_panel"),
        Binding("z", "quiz", "퀴즈", id="quiz"),
        Binding("c", "notebook", "계산 노트", show=False, id="notebook_from_lesson"),
        Binding("n", "next_lesson", "다음 강의", show=False, id="next_lesson"),
        Binding("p", "previous_lesson", "이전 강의", show=False, id="previous_lesson"),
        Binding("escape", "close_panel", "실습 닫기", show=False, id="close_panel"),
    ]

    def __init__(self) -> None:
        super().__init__(id="main")
        #: (lesson id, heading index) to scroll to once the lesson has finished rendering.
        self.pending_heading: tuple[str, int] | None = None
        self._reader: LessonView | None = None

    def compose(self) -> ComposeResult:
        app = self.app
        yield Header(icon="∑")
        with Horizontal(id="body"):
            yield Sidebar(app.catalog.lessons, app.store.lesson_statuses(), id="sidebar")
            with Vertical(id="main-area"):
                yield Static("", id="lesson-title")
                yield LessonView(app.render_cache, id="reader")
                yield Vertical(id="panel-pane")
        yield Footer()

    AUTO_FOCUS = "#reader"  # focus set at compose: a later change would rebuild the footer

    def on_mount(self) -> None:
        self.reader.set_palette(Palette.from_theme(self.app.current_theme))
        self._apply_layout(self.size.width)
        # The first lesson is in the first frame (only a screenful is rendered before it).
        sidebar = self.sidebar.styles.width
        reader = self.reader
        reader.width_hint = (self.app.size.width - (int(sidebar.value) if sidebar else 0)
                             - reader.styles.scrollbar_size_vertical)
        self.app.open_initial_lesson()

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
        lesson_id = self.reader.lesson_id
        return self.app.find_lesson(lesson_id) if lesson_id else None

    # -- showing lessons -------------------------------------------------------------------

    def show_lesson(self, lesson, scroll_y: float) -> None:
        self.save_scroll()
        title = self.query_one("#lesson-title", Static)
        # The bar has a fixed size: no layout pass (which would re-render the whole screen).
        title.update(f" {lesson.order:02d}. {lesson.title} — {lesson.summary}", layout=False)
        self.reader.show_lesson(lesson.id, self.app.lesson_source(lesson), scroll_y)
        self.sidebar.highlight(lesson.id)

    def save_scroll(self) -> None:
        """Store the reader's position for the lesson it shows (on switching and quitting)."""
        reader = self.reader
        if reader.lesson_id is not None:
            self.app.store.set_scroll_position(reader.lesson_id, float(reader.scroll_y))

    def set_status(self, lesson_id: str, status: str) -> None:
        self.sidebar.set_status(lesson_id, status)

    # -- messages from the widgets ---------------------------------------------------------

    def on_sidebar_lesson_chosen(self, event: Sidebar.LessonChosen) -> None:
        self.app.action_open_lesson(event.lesson_id)
        self.reader.focus()

    def on_lesson_view_scrolled(self, event: LessonView.Scrolled) -> None:
        self.app.store.set_scroll_position(event.lesson_id, float(event.y))

    def on_lesson_view_rendered(self, event: LessonView.Rendered) -> None:
        if self.pending_heading and self.pending_heading[0] == event.lesson_id:
            self.reader.scroll_to_heading(self.pending_heading[1])
            self.pending_heading = None

    def on_lesson_view_reached_end(self, event: LessonView.ReachedEnd) -> None:
        self.app.mark_done(event.lesson_id, notify=True)

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.display = not sidebar.display
        if not sidebar.display:
            self.reader.focus()

    def action_toc(self) -> None:
        from tui.screens.toc import TocScreen

        reader = self.reader
        if not reader.headings:
            self.notify("목차가 없습니다: 먼저 강의를 여세요.", severity="warning")
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
        if self.app.store.lesson_status(lesson.id) == "done":
            self.app.set_lesson_status(lesson.id, "reading")
            self.notify(f"'{lesson.title}'을(를) 다시 읽는 중으로 표시했습니다.")
        else:
            self.app.mark_done(lesson.id, notify=True)

    def action_next_lesson(self) -> None:
        self._step_lesson(+1)

    def action_previous_lesson(self) -> None:
        self._step_lesson(-1)

    def _step_lesson(self, step: int) -> None:
        lessons = self.app.catalog.lessons
        lesson = self.current_lesson()
        index = lessons.index(lesson) if lesson in lessons else -1
        target = index + step
        if 0 <= target < len(lessons):
            self.app.action_open_lesson(lessons[target].id)
        else:
            self.notify("더 이상 강의가 없습니다.", severity="information")

    def action_choose_panel(self) -> None:
        lesson = self.current_lesson()
        if lesson is None or not lesson.panels:
            self.notify("이 강의에는 실습 패널이 없습니다.", severity="warning")
            return
        if len(lesson.panels) == 1:
            self.app.action_open_panel(lesson.panels[0])
            return
        from tui.screens.chooser import ChooserScreen

        panels = self.app.panels()
        items = [(pid, panels[pid].title if pid in panels else pid) for pid in lesson.panels]

        def chosen(panel_id: str | None) -> None:
            if panel_id:
                self.app.action_open_panel(panel_id)

        self.app.push_screen(ChooserScreen("실습 패널 고르기", items), chosen)

    def action_notebook(self) -> None:
        """계산 노트에서 이어 하기: the notebook with this lesson's example values defined."""
        lesson = self.current_lesson()
        self.app.action_open_notebook(lesson.id if lesson is not None else "")

    def action_quiz(self) -> None:
        lesson = self.current_lesson()
        if lesson is None:
            self.notify("먼저 강의를 여세요.", severity="warning")
            return
        self.app.action_open_quiz(lesson.id)

    def show_panel(self, panel) -> None:
        """Mount a panel view in the pane (replacing any other)."""
        from tui.widgets.panel_view import PanelView

        pane = self.query_one("#panel-pane", Vertical)
        pane.remove_children()
        view = PanelView(panel)
        pane.mount(view)
        self.add_class("-with-panel")
        self.call_after_refresh(view.focus)

    def action_close_panel(self) -> None:
        if self.has_class("-with-panel"):
            self.query_one("#panel-pane", Vertical).remove_children()
            self.remove_class("-with-panel")
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
