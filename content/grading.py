"""Grade a learner's answer to a quiz question: ``check_answer(question, text) -> Verdict``.

Every text the learner typed goes through ``mathcore.parse`` (never eval/sympify). Numbers are
compared with the question's absolute tolerance (and a relative 1e-9); expressions by evaluating
both sides at many points, negatives and zero included (``sqrt(x^2)`` vs ``x`` differ at
x = -2). A point at which only one side is defined counts as a difference when the same holds at
points nearby (``log(x^2)`` vs ``2log(x)`` around x = -1: the domains differ on a whole interval),
and is ignored when it does not (a removable point such as x = 0 for ``x/x`` vs ``1``, or
``s·p = 0`` for ``1/(1 + f(1-p)/(s p))`` vs ``s p/(s p + f(1-p))``): forms that agree wherever
both are defined, except at isolated points, are accepted. SymPy's ``simplify(a - b) == 0``
under a hard time limit settles what sampling cannot. Matrices: shape first, then every cell. Unparsable input gives ``retry=True``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from content.questions import RELATIVE_TOLERANCE, Question

__all__ = ["Verdict", "check_answer", "choice_index", "wrong_choice_index",
           "expressions_equivalent", "answer_array",
           "SIMPLIFY_SECONDS"]

SIMPLIFY_SECONDS = 2.0
_SAMPLE_VALUES = (-3.7, -2.5, -2.0, -1.3, -1.0, -0.7, -0.5, -0.25, -0.1, 0.0, 0.1, 0.25, 0.5,
                  0.7, 1.0, 1.3, 1.5, 2.0, 2.5, 3.0, 3.7, 5.0, 7.5, 10.0)
_MIN_COMMON_POINTS = 4
_NEARBY_TRIES = 4  # points re-tested around a point where only one side is defined
_NEARBY_STEP = 1e-3
_EXPR_RTOL = 1e-7
_EXPR_ATOL = 1e-9

CORRECT = "정답입니다!"
WRONG = "틀렸습니다."
EMPTY = "답을 입력하세요."


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
    question must be instantiated first (``question.instantiate(seed)``).
    """
    if question.type == "generated":
        raise ValueError(f"문항 {question.id}: 생성형(generated) 문항은 먼저 "
                         "instantiate(seed)로 만들어야 합니다")
    if isinstance(text, int) and not isinstance(text, bool) and question.type == "choice":
        return _check_choice(question, text)
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text.strip():
        return _retry(EMPTY)
    from mathcore import InputError

    try:
        if question.type == "choice":
            return _check_choice(question, text)
        if question.type == "numeric":
            return _check_numeric(question, text)
        if question.type == "expression":
            return _check_expression(question, text)
        if question.type == "matrix":
            return _check_matrix(question, text)
    except InputError as err:
        return _unreadable(err)
    raise ValueError(f"문항 {question.id}: 알 수 없는 유형(type) {question.type!r}입니다")


# --------------------------------------------------------------------------- choice

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def choice_index(text: str, n_choices: int, choices: list[str] | None = None) -> int | None:
    """0-based index named by ``text``: ``"2"``/``"2번"`` (1-based), ``"B"``/``"b)"``, ``"②"``,
    or the exact text of a choice. None if it names no choice."""
    t = text.strip().strip("().[] ").rstrip(".)번").strip()
    index: int | None = None
    if re.fullmatch(r"\d{1,3}", t):
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


def _check_choice(q: Question, answer: str | int) -> Verdict:
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

def _number(value: Any) -> float:
    from mathcore import parse

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return parse.parse_number(str(value))


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= max(tol, RELATIVE_TOLERANCE * abs(b))


def _check_numeric(q: Question, text: str) -> Verdict:
    value = _number(text)
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

def _sample_points(n_vars: int) -> list[tuple[float, ...]]:
    if n_vars == 1:
        return [(v,) for v in _SAMPLE_VALUES]
    import numpy as np

    rng = np.random.default_rng(12345)
    values = np.array(_SAMPLE_VALUES)
    points = {tuple([v] * n_vars) for v in values[::3]}
    while len(points) < 60:
        points.add(tuple(float(v) for v in rng.choice(values, size=n_vars)))
    return sorted(points)


class _Unsupported(Exception):
    pass


def _numpy_functions() -> dict:
    import numpy as np

    return {
        "sin": np.sin, "cos": np.cos, "tan": np.tan, "asin": np.arcsin, "acos": np.arccos,
        "atan": np.arctan, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "exp": np.exp,
        "log": np.log, "Abs": np.abs, "asinh": np.arcsinh, "acosh": np.arccosh,
        "atanh": np.arctanh, "cot": lambda z: 1 / np.tan(z), "sec": lambda z: 1 / np.cos(z),
        "csc": lambda z: 1 / np.sin(z),
    }


def _tree_values(expr, env: dict, funcs: dict):
    """Evaluate a parsed SymPy tree on complex numpy arrays (principal branches)."""
    import numpy as np

    if expr.is_Symbol:
        if expr.name not in env:
            raise _Unsupported(expr.name)
        return env[expr.name]
    if expr.is_Number or expr.is_NumberSymbol:
        try:
            return complex(expr)
        except OverflowError:  # beyond float range: treat as undefined at every point
            return complex("nan")
    args = [_tree_values(arg, env, funcs) for arg in expr.args]
    if expr.is_Add:
        return sum(args[1:], args[0])
    if expr.is_Mul:
        out = args[0]
        for arg in args[1:]:
            out = out * arg
        return out
    if expr.is_Pow:
        base, power = args
        if expr.exp.is_Integer and int(expr.exp) < 0:
            return 1 / np.power(base, -int(expr.exp))
        return np.power(base, power)
    name = type(expr).__name__
    if name in ("Max", "Min"):
        stacked = np.array(np.broadcast_arrays(*args))
        real = np.where(np.abs(stacked.imag) > 0, np.nan, stacked.real)
        return (np.max if name == "Max" else np.min)(real, axis=0).astype(complex)
    if name == "log" and len(args) == 2:
        return np.log(args[0]) / np.log(args[1])
    if name in funcs and len(args) == 1:
        return funcs[name](args[0])
    raise _Unsupported(name)


def _evaluate(expr, symbols, points):
    """Complex values of ``expr`` at ``points`` (nan where undefined)."""
    import numpy as np
    import sympy

    cols = np.array(points, dtype=complex).T
    with np.errstate(all="ignore"):
        try:
            env = {sym.name: col for sym, col in zip(symbols, cols)}
            out = _tree_values(expr, env, _numpy_functions())
            return np.array(np.broadcast_to(np.asarray(out, dtype=complex), (len(points),)))
        except _Unsupported:
            pass  # a function outside the parser's usual set: let SymPy print it
    fn = sympy.lambdify(symbols, expr, modules="numpy", docstring_limit=0)
    with np.errstate(all="ignore"):
        try:
            out = fn(*cols)
        except (ZeroDivisionError, OverflowError, ValueError, TypeError):
            return _evaluate_pointwise(fn, points)
    out = np.broadcast_to(np.asarray(out, dtype=complex), (len(points),))
    return np.array(out)


def _evaluate_pointwise(fn, points):
    import numpy as np

    out = np.full(len(points), np.nan, dtype=complex)
    with np.errstate(all="ignore"):
        for i, point in enumerate(points):
            try:
                out[i] = complex(fn(*[complex(v) for v in point]))
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                pass
    return out


def _defined(values):
    """Mask of points where a value is a finite real number."""
    import numpy as np

    finite = np.isfinite(values)
    real = np.abs(values.imag) <= 1e-9 * np.maximum(1.0, np.abs(values.real))
    return finite & real


def _nearby_points(points, n_vars: int):
    """``_NEARBY_TRIES`` points around each of ``points``: every coordinate moved by about
    ``_NEARBY_STEP`` relative (absolute near zero), in mixed directions with unequal step
    sizes, so a nearby point leaves any curve or plane (``x = y``, ``s·p = 0``) the original
    point was on."""
    import numpy as np

    rng = np.random.default_rng(2024)
    signs = rng.choice((-1.0, 1.0), size=(_NEARBY_TRIES, n_vars))
    signs[0], signs[1] = 1.0, -1.0  # both sides of the point along every axis
    steps = signs * rng.uniform(0.5, 1.0, size=(_NEARBY_TRIES, n_vars))
    base = np.asarray(points, dtype=float)  # (m, n_vars)
    scale = _NEARBY_STEP * np.maximum(np.abs(base), 1.0)
    return (base[:, None, :] + steps[None, :, :] * scale[:, None, :]).reshape(-1, n_vars)


def _sampling_verdict(a, b, symbols) -> bool | None:
    """True/False if sampling decides equivalence, None if too few points were usable.

    A point where only one side is defined is a domain difference (``sqrt(x^2)`` vs ``x`` is
    settled by values; ``log(x^2)`` vs ``2log(x)`` at x = -1 by the domain) only if the
    one-sidedness persists at points nearby. If it vanishes there, the point is an isolated
    removable singularity (``x/x`` at 0; ``1/(1 + f(1-p)/(s p))`` where ``s·p = 0``): it is
    ignored, and the nearby points where both sides are defined are compared instead.
    """
    import numpy as np

    points = _sample_points(len(symbols))
    va, vb = _evaluate(a, symbols, points), _evaluate(b, symbols, points)
    da, db = _defined(va), _defined(vb)
    one_sided = np.flatnonzero(da != db)
    ra, rb = va.real[da & db], vb.real[da & db]
    if one_sided.size:
        near = _nearby_points([points[i] for i in one_sided], len(symbols))
        near_points = [tuple(p) for p in near]
        na, nb = _evaluate(a, symbols, near_points), _evaluate(b, symbols, near_points)
        nda, ndb = _defined(na), _defined(nb)
        # Still one side only at a point nearby: the domains really differ there.
        if np.any(nda != ndb):
            return False
        both = nda & ndb
        ra = np.concatenate([ra, na.real[both]])
        rb = np.concatenate([rb, nb.real[both]])
    if ra.size < _MIN_COMMON_POINTS:
        return None
    ok = np.abs(ra - rb) <= _EXPR_ATOL + _EXPR_RTOL * np.maximum(np.abs(ra), np.abs(rb))
    return bool(ok.all())


def _simplify_is_zero(diff) -> bool:
    """``simplify(diff) == 0`` in mathcore's bounded worker process.

    Overrunning :data:`SIMPLIFY_SECONDS` raises InputError ("식이 너무 복잡합니다 …"), which
    :func:`check_answer` turns into a retry.
    """
    from mathcore import bounded

    return bool(bounded.run("is_zero", diff, timeout=SIMPLIFY_SECONDS))


def expressions_equivalent(a, b, variables) -> bool:
    """Whether SymPy expressions ``a`` and ``b`` are the same function of ``variables``."""
    import sympy

    if a == b:
        return True
    diff = a - b  # SymPy's automatic cancellation only; no simplify yet
    if diff == 0:
        return True
    if not diff.free_symbols:  # a constant offset, e.g. (f + 1) vs f
        try:
            value = complex(diff.evalf(30))
        except (TypeError, ValueError):
            value = None
        if value is not None and abs(value) > _EXPR_ATOL:
            return False
    free = {s.name: s for s in (a.free_symbols | b.free_symbols)}
    symbols = [free.get(v, sympy.Symbol(v, real=True)) for v in variables]
    verdict = _sampling_verdict(a, b, symbols)
    if verdict is not None:
        return verdict
    return bool(_simplify_is_zero(a - b))


def _check_expression(q: Question, text: str) -> Verdict:
    from mathcore import parse

    variables = tuple(q.variables)
    user = parse.parse_expression(text, variables)
    key = parse.parse_expression(str(q.answer), variables)
    if expressions_equivalent(user, key, variables):
        return Verdict(True, CORRECT)
    for wrong in q.wrong_answers:
        try:
            other = parse.parse_expression(str(wrong["answer"]), variables)
        except ValueError:
            continue
        if expressions_equivalent(user, other, variables):
            return _wrong(wrong["message"])
    return _wrong()


# --------------------------------------------------------------------------- matrices

def _as_matrix(value: Any):
    """The key as written in the quiz file (nested list, or matrix text) as an array."""
    import numpy as np

    from mathcore import parse

    if isinstance(value, str):
        return parse.parse_matrix(value)
    return np.asarray(value, dtype=float)


def answer_array(value: Any, key_ndim: int):
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
        if key_ndim == 1:
            try:
                return parse.parse_vector(value)
            except InputError as vector_error:
                try:
                    array = parse.parse_matrix(value)
                except InputError:
                    raise vector_error from None
        else:
            array = parse.parse_matrix(value)
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


def _check_matrix(q: Question, text: str) -> Verdict:
    import numpy as np

    key = _as_matrix(q.answer)
    user = answer_array(text, key.ndim)
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
