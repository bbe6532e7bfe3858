"""Quiz of lesson 00 (intro): the common quiz contract, every answer key recomputed,
generators over many seeds."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

from mathcore import linalg, regression
from mathcore.parse import parse_expression, parse_number
from quiz_checks import SEEDS, QuizWithReferences, make, number_after, numbers, symbols_in, table_by_id

LESSON = "intro"
BY_ID = table_by_id(LESSON)

# The lesson's example data, written out again here (not read from the keys).
XS = np.array([1.0, 2.0, 3.0, 4.0])
YS = np.array([2.1, 3.9, 6.2, 7.8])


# ----------------------------------------------------------------------------- keys

def _one_step(w0: float, lr: float) -> float:
    result = regression.gd_linear_regression(XS.reshape(-1, 1), YS, lr=lr, steps=1,
                                             init=np.array([w0]), intercept=False)
    return float(result.beta[0])


def _steps_from(offset: float, lr: float, steps: int) -> float:
    """w_steps − w* after ``steps`` gradient steps from w* + offset (w* = Σxy / Σx², by lstsq)."""
    w_star = float(np.linalg.lstsq(XS.reshape(-1, 1), YS, rcond=None)[0][0])
    result = regression.gd_linear_regression(XS.reshape(-1, 1), YS, lr=lr, steps=steps,
                                             init=np.array([w_star + offset]), intercept=False)
    return float(result.beta[0]) - w_star


# Every numeric key, recomputed through mathcore from the question's data.
COMPUTED = {
    "intro-004": float(linalg.matmul([[3.0, 1.0]], [2.0, 0.5])[0]),  # w·(x, 1)
    "intro-005": linalg.l2_norm(2 * XS - YS) ** 2 / XS.size,
    "intro-006": _one_step(0.0, 0.01),
    "intro-007": 2.0 / linalg.l2_norm(XS) ** 2,
    "intro-017": _steps_from(-1.0, 0.05, 3),
}
# Another written form of each expression key.
EXPRESSION_FORMS = {
    "intro-008": ["1*(w*1 - 2) + 2*(w*2 - 3)"],
    "intro-009": ["(2w - 3)^2"],
}


class TestQuizContract(QuizWithReferences):
    lesson = LESSON
    generated_text = False  # the generators write the whole text of their questions
    keys = COMPUTED
    key_atol = 1e-9
    expression_forms = EXPRESSION_FORMS


def test_lesson_numbers_with_numpy():
    # MSE of h = 2x and of h = 1.5x + 1 (lesson: 0.025 and 0.325); best line (1.94, 0.15), MSE 0.0205.
    assert np.mean((2 * XS - YS) ** 2) == pytest.approx(BY_ID["intro-005"]["answer"])
    assert np.mean((1.5 * XS + 1 - YS) ** 2) == pytest.approx(0.325)
    best = np.polyfit(XS, YS, 1)
    np.testing.assert_allclose(best, [1.94, 0.15], atol=1e-12)
    assert np.mean((np.polyval(best, XS) - YS) ** 2) == pytest.approx(0.0205)
    # GD on 0.5 * sum((w x - y)^2) from w = 0: 0.597, 1.0149, 1.30743, 1.512201; contraction 0.7.
    w, path = 0.0, []
    for _ in range(4):
        w -= 0.01 * XS @ (w * XS - YS)
        path.append(w)
    np.testing.assert_allclose(path, [0.597, 1.0149, 1.30743, 1.512201], atol=1e-12)
    assert path[0] == pytest.approx(BY_ID["intro-006"]["answer"])
    w_star = (XS @ YS) / (XS @ XS)
    assert w_star == pytest.approx(1.99)
    assert (path[1] - w_star) / (path[0] - w_star) == pytest.approx(0.7)


def test_learning_rate_limit_against_simulation():
    limit = parse_number(BY_ID["intro-007"]["answer"])
    for lr, converges in [(0.99 * limit, True), (1.01 * limit, False)]:
        result = regression.gd_linear_regression(XS.reshape(-1, 1), YS, lr=lr, steps=3000,
                                                 init=np.array([0.0]), intercept=False)
        assert (abs(result.beta[0] - 1.99) < 1e-3) == converges


def test_expression_keys_are_the_derivative_and_the_loss():
    derivative = parse_expression(BY_ID["intro-008"]["answer"], ["w"])
    loss_key = parse_expression(BY_ID["intro-009"]["answer"], ["w"])
    w = symbols_in(derivative, "w")
    loss = sympy.Rational(1, 2) * ((w * 1 - 2) ** 2 + (w * 2 - 3) ** 2)
    assert sympy.expand(derivative - sympy.diff(loss, w)) == 0
    assert sympy.expand(loss_key - (2 * w - 3) ** 2) == 0


# ----------------------------------------------------------------------------- generators

def _data(prompt: str) -> tuple[np.ndarray, ...]:
    """The ``$x = ...$`` (and ``$y = ...$``) lists of a prompt."""
    return tuple(numbers(text) for text in re.findall(r"\$[xy] = ([-\d., ]+)\$", prompt))


def _parse_line(text: str) -> tuple[float, float]:
    """(w1, w2) from the generator's ``-2x - 2`` / ``x + 3`` / ``3x`` / ``4``."""
    expr = parse_expression(text.replace(" ", ""))
    x = symbols_in(expr, "x")
    return float(expr.coeff(x, 1)), float(expr.coeff(x, 0))


def test_generator_mse():
    for seed in SEEDS:
        made = make("intro.mse", seed)
        assert made.type == "numeric"
        x, y = _data(made.prompt)
        (line,) = re.findall(r"\$h\(x\) = ([^$]+)\$", made.prompt)
        w1, w2 = _parse_line(line)
        assert made.answer == pytest.approx(np.mean((w1 * x + w2 - y) ** 2), abs=1e-9)


def test_generator_gd_step():
    for seed in SEEDS:
        made = make("intro.gd_step", seed)
        assert made.type == "numeric"
        x, y = _data(made.prompt)
        w0 = number_after(r"\$w = (-?\d+)\$", made.prompt)
        lr = number_after(r"\\eta = ([\d.]+)\$", made.prompt)
        expected = w0 - lr * np.sum(x * (w0 * x - y))
        assert made.answer == pytest.approx(expected, abs=1e-9)


def test_generator_lr_limit():
    for seed in SEEDS:
        made = make("intro.lr_limit", seed)
        assert made.type == "numeric"
        (x,) = _data(made.prompt)
        assert made.answer == pytest.approx(2.0 / np.dot(x, x), abs=1e-11)
