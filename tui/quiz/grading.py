"""Grade an answer and record it, in one call made from a worker thread.

``content.check_answer`` is bounded and never raises; anything unexpected still becomes an
unreadable answer (no penalty). A graded answer is recorded durably with
``store.record_attempt``; if the store cannot take it (full disk, read-only), the attempt is
handed to the write queue, which keeps it in memory and tries again — it is never lost.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import SimpleNamespace

from tui.quiz.session import Attempt

#: Seconds to wait for the grader before giving the answer back as unreadable.
GRADE_TIMEOUT = 15.0

UNCHECKED = "답을 확인하지 못했습니다. 형식을 바꿔 다시 입력해 보세요."


class Ticket:
    """One grading in flight: either the worker claims its result or the timeout cancels it,
    never both (so a late verdict is neither shown nor recorded)."""

    def __init__(self, token: int):
        self.token = token
        self._lock = threading.Lock()
        self._state: str | None = None

    def _settle(self, state: str) -> bool:
        with self._lock:
            if self._state is None:
                self._state = state
            return self._state == state

    def claim(self) -> bool:
        return self._settle("claimed")

    def cancel(self) -> bool:
        return self._settle("cancelled")


@dataclass
class Graded:
    """What the grading worker reports back to the screen."""

    token: int
    verdict: object  # content.Verdict: correct, message, retry
    answer: str
    saved: bool = True  # False: recorded in memory only for now (the queue retries)


def check(question, text):
    """The grader's verdict; never raises (an unexpected error is a retry)."""
    try:
        from content import grading

        return grading.check_answer(question, text)
    except Exception:  # never a traceback on screen
        return SimpleNamespace(correct=False, retry=True, message=UNCHECKED)


def record(services, attempt: Attempt) -> bool:
    """Record durably; on failure queue it (kept in memory, retried). True if on disk now."""
    args = (attempt.question_id, attempt.lesson_id, attempt.correct)
    try:
        services.store.record_attempt(*args, **attempt.kwargs())
        return True
    except Exception:  # the store's messages are Korean; the queue reports them
        services.write("record_attempt", *args, **attempt.kwargs())
        return False


def grade_and_record(question, text, ticket: Ticket, make_attempt, services) -> Graded | None:
    """Grade ``text``; a readable answer is recorded (``make_attempt(correct, answer)``).

    None when the ticket was cancelled (timed out) before the verdict came.
    """
    verdict = check(question, text)
    if not ticket.claim():
        return None
    answer = str(text + 1) if isinstance(text, int) else str(text)
    graded = Graded(ticket.token, verdict, answer)
    if not verdict.retry:
        graded.saved = record(services, make_attempt(bool(verdict.correct), answer))
    return graded


def warm_up() -> None:
    """Import the grader and SymPy in the background so the first answer is checked quickly."""
    try:
        from content import grading  # noqa: F401  (warm import)
        from mathcore import parse

        parse.parse_expression("x^2 + 1", ("x",))
    except Exception:  # only a warm-up: grading reports its own errors later
        pass
