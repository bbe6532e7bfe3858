"""The sidebar: lessons in order with a reading-status mark, and overall progress.

It shows what the screen tells it through :mod:`tui.navigation` messages and posts
:class:`Sidebar.LessonChosen` when the learner picks a lesson; it never calls the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.navigation import Navigation
from tui.widgets.option_list import KeyOptionList

STATUS_MARKS = {"unread": "○", "reading": "◐", "done": "●"}
STATUS_LABELS = {"unread": "안 읽음", "reading": "읽는 중", "done": "완료"}


def progress_bar(done: int, total: int, width: int = 12) -> str:
    """A text progress bar like ``▰▰▰▱▱▱``."""
    filled = round(width * done / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)


class LessonList(KeyOptionList):
    """The list of lessons; j/k move like the arrows."""


class Sidebar(Vertical):
    """Lessons with status marks. Posts :class:`Sidebar.LessonChosen` when one is picked."""

    class LessonChosen(Message):
        def __init__(self, lesson_id: str) -> None:
            super().__init__()
            self.lesson_id = lesson_id

    def __init__(self, lessons, statuses: dict[str, str], *, id: str | None = None):
        super().__init__(id=id)
        self.lessons = list(lessons)
        self.statuses = dict(statuses)

    def compose(self) -> ComposeResult:
        yield Static(self._summary(), id="progress-summary")
        yield LessonList(*self._options(), id="lesson-list")

    def _options(self) -> list:
        """Lesson options; a lesson whose front matter names a new ``track`` (e.g. 심화) starts a
        group: a separator and a disabled heading the cursor skips."""
        options: list = []
        current = ""
        for lesson in self.lessons:
            track = str(getattr(lesson, "extra", {}).get("track", ""))
            if track and track != current:
                options += [None, Option(Text(track, style="bold"), id=f"track:{track}", disabled=True)]
            current = track
            options.append(Option(self._prompt(lesson), id=lesson.id))
        return options

    def _prompt(self, lesson) -> "FitLine":
        status = self.statuses.get(lesson.id, "unread")
        text = Text(no_wrap=True)
        text.append(f"{STATUS_MARKS[status]} ", style=f"bold {'green' if status == 'done' else ''}".strip())
        text.append(f"{lesson.order:02d} ", style="dim")
        text.append(lesson.title)
        return FitLine(text)

    def _summary(self) -> Text:
        done = sum(1 for lesson in self.lessons if self.statuses.get(lesson.id) == "done")
        total = len(self.lessons)
        text = Text()
        text.append("학습 진도 ", style="bold")
        text.append(f"{done}/{total}\n")
        text.append(progress_bar(done, total), style="green")
        percent = round(100 * done / total) if total else 0
        text.append(f" {percent}%")
        return text

    # -- messages from the screen that owns navigation (tui.navigation) ---------------------

    def on_navigation_lesson_opened(self, message: Navigation.LessonOpened) -> None:
        lesson_list = self.query_one(LessonList)
        try:
            lesson_list.highlighted = lesson_list.get_option_index(message.lesson_id)
        except Exception:  # an unknown id simply leaves the highlight where it is
            pass

    def on_navigation_status_changed(self, message: Navigation.StatusChanged) -> None:
        self._show_statuses({message.lesson_id: message.status})

    def on_navigation_statuses_loaded(self, message: Navigation.StatusesLoaded) -> None:
        self._show_statuses({lesson.id: message.statuses.get(lesson.id, "unread") for lesson in self.lessons})

    def _show_statuses(self, changed: dict[str, str]) -> None:
        """Update the marks of the changed lessons and the overall progress."""
        self.statuses.update(changed)
        lesson_list = self.query_one(LessonList)
        for lesson in self.lessons:
            if lesson.id in changed:
                lesson_list.replace_option_prompt(lesson.id, self._prompt(lesson))
        self.query_one("#progress-summary", Static).update(self._summary())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.LessonChosen(event.option.id))


class FitLine:
    """One line cut to the width with "…" right after the last character that fits.

    Rich's own ellipsis leaves a blank cell before "…" when the cut falls inside a wide (Hangul)
    character (``선형회귀  …``); here the blank goes after it.
    """

    def __init__(self, text: Text):
        self.text = text

    @property
    def plain(self) -> str:
        return self.text.plain

    def __str__(self) -> str:
        return self.text.plain

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(1, self.text.cell_len)

    def __rich_console__(self, console, options):
        yield fit_line(self.text, options.max_width)


def fit_line(text: Text, width: int) -> Text:
    """``text`` in at most ``width`` cells: cut with "…" right after the last fitting character."""
    from rich.cells import cell_len

    if text.cell_len <= width:
        return text
    used, end = 0, 0
    for end, char in enumerate(text.plain):
        if used + cell_len(char) > width - 1:
            break
        used += cell_len(char)
    line = text[:end]
    line.append("…")
    line.pad_right(max(0, width - used - 1))
    line.no_wrap = True
    return line
