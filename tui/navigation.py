"""Messages of lesson navigation.

``MainScreen`` owns navigation: it decides which lesson is open and what each lesson's status is,
writes that through the services, and posts these messages to the widgets that show it (the
sidebar). No widget is called directly, so a widget can be replaced without touching the screen.
"""

from __future__ import annotations

from textual.message import Message


class Navigation:
    """Namespace of the messages (handlers are named ``on_navigation_…``)."""

    class LessonOpened(Message, bubble=False):
        """The reader now shows this lesson."""

        def __init__(self, lesson_id: str) -> None:
            super().__init__()
            self.lesson_id = lesson_id

    class StatusChanged(Message, bubble=False):
        """One lesson's reading status changed (``unread`` | ``reading`` | ``done``)."""

        def __init__(self, lesson_id: str, status: str) -> None:
            super().__init__()
            self.lesson_id = lesson_id
            self.status = status

    class StatusesLoaded(Message, bubble=False):
        """Every lesson's status was read again from the store (after an import)."""

        def __init__(self, statuses: dict[str, str]) -> None:
            super().__init__()
            self.statuses = dict(statuses)
