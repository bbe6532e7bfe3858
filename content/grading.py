"""Grade a learner's answer to a quiz question: ``check_answer(question, text) -> Verdict``.

This module keeps the rules per answer type and the feedback; the mathematics is mathcore's.
Every text the learner typed goes through ``mathcore.parse`` (never eval/sympify). Numbers are
compared with the question's absolute tolerance (and a relative 1e-9); expressions by
:func:`mathcore.equivalence.equivalent`, the one engine (sampling at grid, irrational and wide
points with domain-aware rules, then SymPy's simplify in the bounded worker process);
matrices by shape first, then every cell. Unparsable input gives ``retry=True``.

:func:`check_answer` never raises and returns within :data:`CHECK_SECONDS`: one
:class:`mathcore.budget.Budget` covers the whole check, and the only step that could run long
(simplify) runs in a process that is killed when the budget is spent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from content.questions import RELATIVE_TOLERANCE, Question

__all__ = ["Verdict", "check_answer", "choice_index", "wrong_choice_index", "answer_array",
           "CHECK_SECONDS", "SIMPLIFY_SECONDS"]

CHECK_SECONDS = 1.8  # the whole check (the contract says 2 s; this leaves room to report)
SIMPLIFY_SECONDS = 1.5  # at most this much of it for the symbolic step in the worker

CORRECT = "정답입니다!"
WRONG = "틀렸습니다."
EMPTY = "답을 입력하세요."
GENERATED = "이 문항은 아직 만들어지지 않았습니다 (생성형 문항은 먼저 시드로 만들어야 합니다)."
BROKEN = "이 답은 지금 채점할 수 없습니다. 다시 입력해 보세요 (문항 자료에 문제가 있을 수 있습니다)."


@dataclass(frozen=True)
class Verdict:
    """``correct``; ``message`` (Korean feedback); ``retry`` (unparsable input: no penalty)."""

    correct: bool
    message: str
    retry: bool = False


def _retry(message: str) -> Verdict:
    return Verdict(False, message, retry=True)


def _unreadable(err: Exception) -> Verdict:
    detail = getattr(err, "message", str(err)).strip()
    if detail and detail[-1] not in ".!?)":
        detail += "."
    return _retry(f"답을 읽을 수 없습니다: {detail} 다시 입력해 보세요.")


def _wrong(targeted: str | None = None, extra: str | None = None) -> Verdict:
    message = WRONG
    if targeted:
        message += " " + targeted
    elif extra:
        message += " " + extra
    return Verdict(False, message)


def check_answer(question: Question, text: Any) -> Verdict:
    """Grade ``text`` (what the learner typed) against ``question``'s key.

    For a choice question ``text`` may also be an ``int`` (0-based index). A ``generated``
    question must be instantiated first (``question.instantiate(seed)``); given one, or a
    question of an unknown type, the verdict says so (retry). Never raises; returns within
    :data:`CHECK_SECONDS`.
    """
    from mathcore import InputError
    from mathcore.budget import Budget

    try:
        _import_once()  # a one-time cost, not part of the check's budget
        return _check(question, text, Budget(CHECK_SECONDS))
    except InputError as err:
        return _unreadable(err)
    except Exception:  # a broken key or an unforeseen failure: never crash the quiz
        return _retry(BROKEN)


_CHECKS = {}  # type → grader, filled below


def _import_once() -> None:
    import numpy  # noqa: F401
    import sympy  # noqa: F401

    import mathcore.equivalence  # noqa: F401
    import mathcore.parse  # noqa: F401


def _check(question: Question, text: Any, budget) -> Verdict:
    if question.type == "generated":
        return _retry(GENERATED)
    if isinstance(text, int) and not isinstance(text, bool) and question.type == "choice":
        return _check_choice(question, text)
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text.strip():
        return _retry(EMPTY)
    grader = _CHECKS.get(question.type)
    if grader is None:
        return _retry(BROKEN)
    return grader(question, text, budget)


# --------------------------------------------------------------------------- choice

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def choice_index(text: str, n_choices: int, choices: list[str] | None = None) -> int | None:
    """0-based index named by ``text``: ``"2"``/``"2번"`` (1-based), ``"B"``/``"b)"``, ``"②"``,
    or the exact text of a choice. None if it names no choice."""
    t = text.strip().strip("().[] ").rstrip(".)번").strip()
    index: int | None = None
    if re.fullmatch(r"[0-9]{1,3}", t):
        index = int(t) - 1
    elif len(t) == 1 and t.lower() in _LETTERS:
        index = _LETTERS.index(t.lower())
    elif len(t) == 1 and t in _CIRCLED:
        index = _CIRCLED.index(t)
    elif choices:
        norm = " ".join(text.split())
        for i, choice in enumerate(choices):
            if " ".join(choice.split()) == norm:
                index = i
    if index is None or not 0 <= index < n_choices:
        return None
    return index


def wrong_choice_index(key: Any, q: Question) -> int | None:
    """The choice a ``wrong_answers`` entry names. As in the quiz file's ``answer``, a number
    (``1`` or ``"1"``) is a 0-based index; a letter (``"B"``) or a choice's text also work."""
    if isinstance(key, int) and not isinstance(key, bool):
        index = key
    elif isinstance(key, str) and key.strip().isdigit():
        index = int(key.strip())
    else:
        return choice_index(str(key), len(q.choices), q.choices)
    return index if 0 <= index < len(q.choices) else None


def _check_choice(q: Question, answer: str | int, budget=None) -> Verdict:
    n = len(q.choices)
    if isinstance(answer, int):
        index = answer if 0 <= answer < n else None
    else:
        index = choice_index(answer, n, q.choices)
    if index is None:
        last = _LETTERS[n - 1].upper()
        return _retry(f"보기 번호(1~{n}) 또는 기호(A~{last}) 중 하나를 입력하세요.")
    if index == q.answer:
        return Verdict(True, CORRECT)
    for wrong in q.wrong_answers:
        if wrong_choice_index(wrong["answer"], q) == index:
            return _wrong(wrong["message"])
    return _wrong()


# --------------------------------------------------------------------------- numbers

def _number(value: Any, budget=None) -> float:
    from mathcore import parse

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return parse.parse_number(str(value), budget)


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= max(tol, RELATIVE_TOLERANCE * abs(b))


def _check_numeric(q: Question, text: str, budget) -> Verdict:
    value = _number(text, budget)
    key = _number(q.answer)
    if _close(value, key, q.tolerance):
        return Verdict(True, CORRECT)
    for wrong in q.wrong_answers:
        try:
            if _close(value, _number(wrong["answer"]), q.tolerance):
                return _wrong(wrong["message"])
        except ValueError:
            continue
    if abs(value - key) <= 1e-2 * max(abs(key), 1e-12):
        return _wrong(extra=f"값이 가깝지만 허용 오차(±{q.tolerance:g})를 벗어납니다. 반올림하지 "
                            "말고 더 정확한 값이나 sqrt(2), 1/3 같은 식으로 입력해 보세요.")
    return _wrong()


# --------------------------------------------------------------------------- expressions

def _check_expression(q: Question, text: str, budget) -> Verdict:
    from mathcore import InputError, bounded, parse
    from mathcore.equivalence import equivalent

    variables = tuple(q.variables)
    user = parse.parse_expression(text, variables, budget)
    key = parse.parse_expression(str(q.answer), variables)
    bounded.prepare()  # the symbolic step's worker starts now, in case sampling cannot decide
    if equivalent(user, key, variables, budget, symbolic_seconds=SIMPLIFY_SECONDS):
        return Verdict(True, CORRECT)
    for wrong in q.wrong_answers:
        try:
            other = parse.parse_expression(str(wrong["answer"]), variables)
            if equivalent(user, other, variables, budget, symbolic_seconds=SIMPLIFY_SECONDS):
                return _wrong(wrong["message"])
        except InputError:
            if budget.remaining() <= 0:
                break  # out of time: the plain verdict, without targeted feedback
    return _wrong()


# --------------------------------------------------------------------------- matrices

def _as_matrix(value: Any):
    """The key as written in the quiz file (nested list, or matrix text) as an array."""
    import numpy as np

    from mathcore import parse

    if isinstance(value, str):
        return parse.parse_matrix(value)
    return np.asarray(value, dtype=float)


def answer_array(value: Any, key_ndim: int, budget=None):
    """An answer to a matrix question as an array, read the way a learner's input is.

    Used for the learner's text and for every ``wrong_answers`` entry alike, so the text
    ``"6, 9, 3"`` and the list ``[6, 9, 3]`` give the same array. For a vector key
    (``key_ndim == 1``) text goes through ``mathcore.parse.parse_vector``, and a single row
    or column (``1; 7; 2``, ``[[1], [7], [2]]``) is flattened to a vector; for a matrix key
    text goes through ``parse_matrix``. Raises ``InputError`` for unreadable text.
    """
    import numpy as np

    from mathcore import InputError, parse

    if isinstance(value, str):
        from mathcore.arrays import looks_like_matrix

        # Decided from the text, so it is parsed once (never as a vector, then as a matrix).
        vector = key_ndim == 1 and not looks_like_matrix(value)
        array = parse.parse_vector(value, budget) if vector else parse.parse_matrix(value, budget)
    else:
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise InputError("행의 길이가 서로 다르거나 숫자가 아닌 원소가 있습니다.") from None
    if key_ndim == 1 and array.ndim == 2 and 1 in array.shape:
        array = array.ravel()
    return array


def _shape_text(shape) -> str:
    return "×".join(str(n) for n in shape) if len(shape) > 1 else f"길이 {shape[0]}인 벡터"


def _check_matrix(q: Question, text: str, budget) -> Verdict:
    import numpy as np

    key = _as_matrix(q.answer)
    user = answer_array(text, key.ndim, budget)
    tol = np.maximum(q.tolerance, RELATIVE_TOLERANCE * np.abs(key))
    if user.shape == key.shape and not (np.abs(user - key) > tol).any():
        return Verdict(True, CORRECT)
    # Targeted feedback first, also for a wrong answer of another shape (a transposed result).
    for wrong in q.wrong_answers:
        try:
            other = answer_array(wrong["answer"], key.ndim)
        except ValueError:
            continue
        if other.shape == user.shape:
            wrong_tol = np.maximum(q.tolerance, RELATIVE_TOLERANCE * np.abs(other))
            if np.all(np.abs(user - other) <= wrong_tol):
                return _wrong(wrong["message"])
    if user.shape != key.shape:
        return Verdict(False, f"{WRONG} 입력한 행렬의 크기는 {_shape_text(user.shape)}인데, 답은 "
                              f"{_shape_text(key.shape)}입니다.")
    bad = np.abs(user - key) > tol
    count = int(bad.sum())
    where = np.argwhere(bad)[0]
    pos = f"{where[0] + 1}행 {where[1] + 1}열" if key.ndim == 2 else f"{where[0] + 1}번째"
    return _wrong(extra=f"{bad.size}개 원소 중 {count}개가 다릅니다 (예: {pos} 원소).")


_CHECKS.update(choice=_check_choice, numeric=_check_numeric, expression=_check_expression,
               matrix=_check_matrix)
