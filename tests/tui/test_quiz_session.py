"""QuizSession without Textual: the state machine of a quiz, driven directly."""

from __future__ import annotations

import random

import pytest

from content import load_catalog
from tui.quiz import grading
from tui.quiz.session import REVEALED, QuizSession
from tui.quiz.text import for_grid, prompt_line


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def questions(catalog, *ids):
    found = {q.id: q for lesson in ("vectors", "matrices") for q in catalog.questions(lesson)}
    return [found[i] for i in ids]


def test_first_try_score_missed_and_retry(catalog):
    session = QuizSession(questions(catalog, "vectors-001", "vectors-002", "vectors-012"), "퀴즈 · 벡터")
    assert session.index == 0 and session.current.type == "choice" and session.seed is None
    token = session.submit()
    assert session.checking and session.submit() is None  # one grading at a time
    outcome = session.graded(token, False, "1")
    assert outcome.status == "wrong" and not session.answered and outcome.tries == 1
    outcome = session.graded(session.submit(), True, "2")
    assert outcome.status == "retried" and not outcome.first_correct and session.answered
    assert session.advance()
    assert session.take_hint() and session.hints_shown == 1
    attempt = session.attempt(True, "sqrt(54)")
    assert attempt.hinted and attempt.question_id == "vectors-002" and attempt.lesson_id == "vectors"
    assert session.graded(session.submit(), True, "sqrt(54)").status == "correct"
    assert session.advance()
    assert session.reveal().answer == REVEALED  # giving up first is recorded as wrong
    assert session.reveal() is None and session.outcome("vectors-012").status == "revealed"
    assert not session.advance() and session.is_last
    assert session.score == 1
    assert [q.id for q in session.missed] == ["vectors-001", "vectors-012"]
    assert session.results == {"vectors-001": False, "vectors-002": True, "vectors-012": False}
    again = session.retry()
    assert [q.id for q in again.questions] == ["vectors-001", "vectors-012"]
    assert again.title == "퀴즈 · 벡터 (다시 풀기)" and again.retry() is not None
    assert again.retry().title == again.title  # the suffix is not repeated


def test_stale_and_timed_out_gradings_are_dropped(catalog):
    session = QuizSession(questions(catalog, "vectors-002"), "q")
    token = session.submit()
    assert session.timed_out(token) and not session.checking
    assert session.graded(token, True, "sqrt(54)") is None  # the late verdict
    assert session.outcome("vectors-002").tries == 0
    assert session.graded(session.submit(), None, "sqrt(2") is not None  # unreadable: no try
    assert session.outcome("vectors-002").tries == 0 and not session.answered


def test_ticket_is_claimed_or_cancelled_never_both():
    first = grading.Ticket(1)
    assert first.claim() and not first.cancel()
    second = grading.Ticket(2)
    assert second.cancel() and not second.claim()


def test_generated_question_seed_rebuilds_it(catalog):
    template = next(q for q in catalog.questions("vectors") if q.type == "generated")
    session = QuizSession([template], "q", rng=random.Random(4))
    assert isinstance(session.seed, int)
    assert template.instantiate(session.seed).prompt == session.current.prompt
    assert session.attempt(False, "x").seed == session.seed


def test_a_broken_generator_is_skipped():
    class Broken:
        id, lesson, type, hints = "x-001", "x", "generated", []

        def instantiate(self, seed):
            raise RuntimeError("boom")

    session = QuizSession([Broken()], "q")
    assert session.current is None and session.answered and session.submit() is None
    assert [q.id for q in session.missed] == ["x-001"]


def test_grid_prompt_and_one_line_prompt(catalog):
    assert for_grid("XY를 `[[a, b], [c, d]]` 꼴로 입력하세요.") == "XY를 아래 칸에 입력하세요."
    assert for_grid("`b1, b2, b3` 꼴로 입력") == "아래 칸에 입력"
    q = next(q for q in catalog.questions("cnn") if "`[[a, b], [c, d]]`" in q.prompt)
    line = prompt_line(q).plain
    assert "`" not in line and "[[a, b], [c, d]]" in line and "\n" not in line
