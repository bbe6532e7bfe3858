"""Pieces shared by the lesson generator modules: numbers, vectors and matrices written for
prompts, wrong-answer lists, random draws under a condition, parameter checks, and the
construction of :class:`Generated` questions.

This module registers no generator; :func:`content.generators._load_all` imports it like any
other module of the package, harmlessly. It imports numpy only inside the functions that need it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from content.generators import Generated

Format = Callable[[Any], str]


# ----------------------------------------------------------------------------- numbers

def fixed(value: float, digits: int = 4) -> str:
    """A number with at most ``digits`` decimals and no trailing zeros (``2.5``, ``-0.75``, ``4``);
    never ``-0``."""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def relation(values: Any, digits: int = 4, latex: bool = True) -> str:
    """``=`` when every number in ``values`` (a number or a nested list) is exact at ``digits``
    decimals, else ``\\approx`` (``latex``) or ``≈`` (plain text)."""
    import numpy as np

    flat = np.ravel(np.asarray(values, dtype=float))
    exact = bool(np.all(np.abs(np.round(flat, digits) - flat) <= 1e-12 * np.maximum(1.0, np.abs(flat))))
    return "=" if exact else ("\\approx" if latex else "≈")


def equals(value: Any, digits: int = 4, fmt: Format | None = None, latex: bool = True) -> str:
    """``= v`` when ``value`` written with ``digits`` decimals is exact, else ``\\approx v``
    (``≈ v`` when not ``latex``); ``fmt`` (default :func:`fixed` with ``digits``) writes it."""
    shown = fmt(value) if fmt else fixed(value, digits)
    return f"{relation(value, digits, latex)} {shown}"


def compact(value: float, spec: str = ".6g") -> str:
    """An integer value without ``.0``; any other formatted with ``spec`` (a ``g`` spec, or an
    ``f`` spec whose trailing zeros are then dropped)."""
    value = float(value)
    if value == int(value):
        return str(int(value))
    text = format(value, spec)
    return text.rstrip("0").rstrip(".") if spec.endswith("f") else text


def factor(value: float, fmt: Format = fixed) -> str:
    """A number written as a factor in a product: negatives in parentheses."""
    text = fmt(value)
    return f"({text})" if float(value) < 0 else text


def joined(values: Iterable, fmt: Format = fixed) -> str:
    """``a, b, c``."""
    return ", ".join(fmt(v) for v in values)


def vector(values: Iterable, fmt: Format = fixed) -> str:
    """``(a, b, c)``."""
    return "(" + joined(values, fmt) + ")"


def rows(matrix: Iterable, fmt: Format = fixed) -> str:
    """A matrix written as its rows: ``(1, 2), (3, 4)``."""
    return ", ".join(vector(row, fmt) for row in matrix)


def nested(matrix: Iterable, fmt: Format = fixed) -> str:
    """A matrix as a learner types it: ``[[1, 2], [3, 4]]``."""
    return "[" + ", ".join("[" + joined(row, fmt) + "]" for row in matrix) + "]"


def products(a: Iterable, b: Iterable, fmt: Format = fixed, sep: str = " + ") -> str:
    """LaTeX ``a_1 \\cdot b_1 + a_2 \\cdot b_2 + ...`` with negative factors in parentheses."""
    return sep.join(f"{factor(x, fmt)} \\cdot {factor(y, fmt)}" for x, y in zip(a, b))


def ro(number: int) -> str:
    """Korean particle 로/으로 after an integer read aloud (영, 삼, 육, 십… take 으로)."""
    return "으로" if str(number)[-1] in "036" else "로"


# ----------------------------------------------------------------------------- random data

def draw_until(draw: Callable[[], Any], accept: Callable[[Any], bool]) -> Any:
    """Call ``draw()`` until ``accept`` holds for its value, and return that value."""
    while True:
        value = draw()
        if accept(value):
            return value


def non_constant(rng, n: int, low: int, high: int):
    """Integer sample of size n in [low, high] with at least two distinct values."""
    return draw_until(lambda: rng.integers(low, high + 1, size=n), lambda x: x.min() != x.max())


def int_param(params: dict, name: str, default: int, low: int, high: int) -> int:
    """``params[name]`` (or ``default``) as an int that must lie in [low, high]."""
    n = int(params.get(name, default))
    if not low <= n <= high:
        raise ValueError(f"params.{name} must be between {low} and {high}, got {n}")
    return n


# ----------------------------------------------------------------------------- wrong answers

def distinct_wrongs(key: Any, tol: float, candidates: Iterable[tuple[Any, str]],
                    shown: Format = lambda value: fixed(value, 6)) -> list[dict]:
    """Keep the ``(value, message)`` candidates that lie more than ten tolerances (largest
    absolute difference) from the key and from each other, each answer written by ``shown``."""
    import numpy as np

    kept: list[dict] = []
    seen = [key]
    for value, message in candidates:
        if all(np.max(np.abs(np.subtract(value, s))) > 10 * tol for s in seen):
            kept.append({"answer": shown(value), "message": message})
            seen.append(value)
    return kept


# ----------------------------------------------------------------------------- questions

def numeric(prompt: str, answer: Any, explanation: str, *, tolerance: float,
            hints: Iterable[str], wrong_answers: Iterable[dict] = ()) -> Generated:
    """A numeric question."""
    return Generated(type="numeric", prompt=prompt, answer=answer, explanation=explanation,
                     tolerance=tolerance, hints=list(hints), wrong_answers=list(wrong_answers))


def matrix(prompt: str, answer: Any, explanation: str, *, tolerance: float,
           hints: Iterable[str], wrong_answers: Iterable[dict] = ()) -> Generated:
    """A matrix (or vector) question."""
    return Generated(type="matrix", prompt=prompt, answer=answer, explanation=explanation,
                     tolerance=tolerance, hints=list(hints), wrong_answers=list(wrong_answers))


def expression(prompt: str, answer: str, explanation: str, *, variables: Iterable[str],
               hints: Iterable[str], wrong_answers: Iterable[dict] = ()) -> Generated:
    """An expression question."""
    return Generated(type="expression", prompt=prompt, answer=answer, explanation=explanation,
                     variables=list(variables), hints=list(hints), wrong_answers=list(wrong_answers))
