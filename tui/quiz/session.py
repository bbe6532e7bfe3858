"""The quiz as a model: which question is asked, with which seed, hints seen, how each went.

:class:`QuizSession` knows nothing of Textual. The screen asks it what to show and tells it what
happened (an answer was submitted, graded, revealed, skipped); tests drive it directly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

#: What a quiz records as the answer when the learner gives up and looks at the key.
REVEALED = "(정답 보기)"

STATUS_LABELS = {"wrong": "틀림", "revealed": "정답 봄", "skipped": "건너뜀", "retried": "다시 풀어 맞힘"}

#: Suffix of a quiz over the questions missed in an earlier one.
RETRY_SUFFIX = " (다시 풀기)"


@dataclass
class Outcome:
    """How one question of this quiz went."""

    status: str = "skipped"  # correct | wrong | revealed | skipped | retried
    first_correct: bool = False
    tries: int = 0
    answers: list[str] = field(default_factory=list)
    prompt: str = ""  # the prompt as asked (a generated question's own numbers)


@dataclass(frozen=True)
class Attempt:
    """One answer to record (the arguments of ``Store.record_attempt``)."""

    question_id: str
    lesson_id: str
    correct: bool
    answer: str
    hinted: bool
    seed: int | None

    def kwargs(self) -> dict:
        return {"answer": self.answer, "hinted": self.hinted, "seed": self.seed}


class QuizSession:
    """Asks ``questions`` in order; ``title`` is shown above every question.

    The flow per question: :meth:`start_question` (done for the first by the constructor) →
    :meth:`submit` gives a token while grading runs → :meth:`graded` with that token (a stale
    token is ignored) or :meth:`timed_out`; :meth:`take_hint` and :meth:`reveal` any time before
    the question is answered; :meth:`advance` moves on.
    """

    def __init__(self, questions, title: str, rng: random.Random | None = None):
        self.questions = list(questions)
        self.title = title
        self.rng = rng or random.Random()
        self.index = 0
        self.current = None
        self.seed: int | None = None
        self.hints_shown = 0
        self.answered = False  # answered correctly or revealed: only "next" remains
        self.checking = False
        self.outcomes: dict[str, Outcome] = {}
        self._token = 0
        if self.questions:
            self.start_question()

    # -- what is asked ---------------------------------------------------------------------

    @property
    def template(self):
        return self.questions[self.index]

    @property
    def is_last(self) -> bool:
        return self.index + 1 >= len(self.questions)

    @property
    def hints(self) -> list[str]:
        return list(self.current.hints) if self.current is not None else []

    def outcome(self, question_id: str) -> Outcome:
        return self.outcomes.setdefault(question_id, Outcome())

    def start_question(self) -> bool:
        """Make the current question (drawing a seed for a generated one); False if it fails."""
        template = self.template
        self.seed = self.rng.randrange(2**31) if template.type == "generated" else None
        self.hints_shown = 0
        self.answered = False
        self.checking = False
        self._token += 1
        try:
            self.current = template.instantiate(self.seed)
        except Exception:  # a broken generator must not end the quiz
            self.current = None
            self.answered = True
            return False
        self.outcome(template.id).prompt = self.current.prompt
        return True

    def advance(self) -> bool:
        """Move to the next question; False when this was the last one (or grading runs)."""
        if self.checking or self.is_last:
            return False
        self.index += 1
        self.start_question()
        return True

    # -- answering -------------------------------------------------------------------------

    @property
    def can_answer(self) -> bool:
        return self.current is not None and not self.answered and not self.checking

    def submit(self) -> int | None:
        """Grading starts: the token its result must carry, or None if no answer is accepted."""
        if not self.can_answer:
            return None
        self.checking = True
        self._token += 1
        return self._token

    def attempt(self, correct: bool, answer: str) -> Attempt:
        """The record of an answer to the current question."""
        template = self.template
        return Attempt(template.id, template.lesson, correct, answer, self.hints_shown > 0, self.seed)

    def timed_out(self, token: int) -> bool:
        """The grader did not answer in time: give the answer back (no penalty)."""
        if not self.checking or token != self._token:
            return False
        self.checking = False
        self._token += 1  # the result, if it ever comes, is dropped
        return True

    def graded(self, token: int, correct: bool | None, answer: str) -> Outcome | None:
        """The grader's verdict (``None`` for an unreadable answer); None if the token is stale."""
        if token != self._token or not self.checking:
            return None
        self.checking = False
        outcome = self.outcome(self.template.id)
        if correct is None:
            return outcome
        first = outcome.tries == 0
        outcome.tries += 1
        outcome.answers.append(answer)
        if correct:
            outcome.first_correct = first
            outcome.status = "correct" if first else "retried"
            self.answered = True
        else:
            outcome.status = "wrong"
        return outcome

    def take_hint(self) -> bool:
        """Show one more hint; False when there is none left (or the question is answered)."""
        if self.current is None or self.answered or self.hints_shown >= len(self.hints):
            return False
        self.hints_shown += 1
        return True

    def reveal(self) -> Attempt | None:
        """Show the key. Giving up before any answer is recorded as wrong: that Attempt."""
        if not self.can_answer:
            return None
        outcome = self.outcome(self.template.id)
        record = None
        if outcome.tries == 0:
            record = self.attempt(False, REVEALED)
            outcome.tries = 1
        outcome.status = "revealed"
        self.answered = True
        return record

    # -- results ---------------------------------------------------------------------------

    @property
    def any_answered(self) -> bool:
        return any(o.tries for o in self.outcomes.values())

    @property
    def results(self) -> dict[str, bool]:
        """Question id → correct at the first graded try (questions answered or revealed)."""
        return {qid: o.first_correct for qid, o in self.outcomes.items() if o.tries or o.status == "revealed"}

    @property
    def missed(self) -> list:
        """Templates not answered right at the first try (wrong, revealed or skipped)."""
        return [q for q in self.questions if not self.outcome(q.id).first_correct]

    @property
    def score(self) -> int:
        return sum(1 for q in self.questions if self.outcome(q.id).first_correct)

    def retry(self) -> QuizSession | None:
        """A new session over the missed questions (same random source), or None."""
        missed = self.missed
        if not missed:
            return None
        title = self.title if self.title.endswith(RETRY_SUFFIX) else self.title + RETRY_SUFFIX
        return QuizSession(missed, title, rng=self.rng)
