"""Quiz and lesson numbers of lesson 03 (gd_basic): every key recomputed independently
(numpy, finite differences), generators checked over many seeds."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import sympy

from mathcore.parse import parse_expression, parse_number
from quiz_checks import SEEDS, QuizContract, equivalent, found, make, number_after, symbols_in, table_by_id

LESSON = "gd_basic"
BY_ID = table_by_id(LESSON)


class TestQuizContract(QuizContract):
    lesson = LESSON


def _latex_poly(tex: str, variables):
    """SymPy's LaTeX of a polynomial ('4 x^{2} - 4 x y') back to an expression via mathcore.parse."""
    text = re.sub(r"\^\{([^}]*)\}", r"^(\1)", tex)
    return parse_expression(text, variables)


def _f(x):
    return x**2 + 2 * x + 3


# ----------------------------------------------------------------------------- static keys

def test_key_001_derivative():
    key = BY_ID["gd_basic-001"]["answer"]
    assert equivalent(key, "2(x + 1)", ["x"])
    derivative = parse_expression(key)
    coeffs = [float(c) for c in sympy.Poly(derivative, symbols_in(derivative, "x")).all_coeffs()]
    np.testing.assert_allclose(coeffs, np.polyder([1.0, 2.0, 3.0]))


def test_key_002_minimum_value():
    crit = np.roots(np.polyder([1.0, 2.0, 3.0]))
    assert crit.shape == (1,) and crit[0] == pytest.approx(-1.0)
    grid = np.linspace(-5, 5, 100001)
    assert parse_number(str(BY_ID["gd_basic-002"]["answer"])) == pytest.approx(_f(grid).min(), abs=1e-8)
    assert np.polyval([1.0, 2.0, 3.0], crit[0]) == pytest.approx(2.0)


@pytest.mark.parametrize("qid, var", [("gd_basic-003", "x"), ("gd_basic-004", "y")])
def test_keys_003_004_partials(qid, var):
    key = BY_ID[qid]["answer"]
    variables = ["x", "y"]
    other = {"gd_basic-003": "2(x + y) - sin(x + 2y)", "gd_basic-004": "2(x - sin(x + 2y))"}[qid]
    assert equivalent(key, other, variables)
    g = parse_expression(key, variables)
    g_num = sympy.lambdify(symbols_in(g, "x", "y"), g, "numpy")

    def f(x, y):
        return x**2 + 2 * x * y + 3 + np.cos(x + 2 * y)

    rng = np.random.default_rng(3)
    h = 1e-6
    for x, y in rng.uniform(-2, 2, size=(20, 2)):
        if var == "x":
            fd = (f(x + h, y) - f(x - h, y)) / (2 * h)
        else:
            fd = (f(x, y + h) - f(x, y - h)) / (2 * h)
        assert g_num(x, y) == pytest.approx(fd, abs=1e-6)


def test_curriculum_partial_at_1_0():
    partial = parse_expression(BY_ID["gd_basic-003"]["answer"], ["x", "y"])
    g = sympy.lambdify(symbols_in(partial, "x", "y"), partial)
    assert g(1.0, 0.0) == pytest.approx(2 - math.sin(1), abs=1e-12)
    assert g(1.0, 0.0) == pytest.approx(1.158529, abs=1e-6)


def test_key_005_one_step():
    x1 = 1.0 - 0.1 * np.polyval(np.polyder([1.0, 2.0, 3.0]), 1.0)
    assert parse_number(str(BY_ID["gd_basic-005"]["answer"])) == pytest.approx(x1)
    assert _f(x1) == pytest.approx(4.56) and _f(1.0) == 6


def test_key_009_two_d_step():
    p = np.array([2.0, 1.0])

    def f(v):
        return v[0] ** 2 + 2 * v[1] ** 2

    h = 1e-6
    grad = np.array([(f(p + h * e) - f(p - h * e)) / (2 * h) for e in np.eye(2)])
    np.testing.assert_allclose(BY_ID["gd_basic-009"]["answer"], p - 0.1 * grad, atol=1e-8)
    assert f(p - 0.1 * grad) == pytest.approx(3.28, abs=1e-8)


def test_key_010_max_directional_derivative():
    grad = np.array([4.0, 4.0])
    angles = np.linspace(0, 2 * np.pi, 36001)
    directional = np.cos(angles) * grad[0] + np.sin(angles) * grad[1]
    key = parse_number(BY_ID["gd_basic-010"]["answer"])
    assert key == pytest.approx(np.linalg.norm(grad))
    assert key == pytest.approx(directional.max(), abs=1e-6)


def test_key_011_iteration_count():
    x, steps = 3.0, 0
    while abs(2 * x + 2) >= 1e-5:
        x -= 0.01 * (2 * x + 2)
        steps += 1
    assert parse_number(str(BY_ID["gd_basic-011"]["answer"])) == steps == 673
    assert x == pytest.approx(-0.999995, abs=1e-6)


# ----------------------------------------------------------------------------- lesson numbers

def test_lesson_learning_rate_table():
    """The table of iteration counts per learning rate in the lesson (x0 = 3, eps = 1e-5)."""
    def run(lr, cap=100_000):
        x = 3.0
        for k in range(cap):
            if abs(2 * x + 2) < 1e-5:
                return k, x
            x -= lr * (2 * x + 2)
        return cap, x

    assert run(0.001)[0] == 6790
    assert run(0.1)[0] == 61
    assert run(0.5) == (1, -1.0)
    assert run(0.9)[0] == 61
    steps, x = run(1.0, cap=60)
    assert steps == 60 and x in (3.0, -5.0)
    assert abs(run(1.1, cap=60)[1]) > 1e4


def test_lesson_two_d_and_nonconvex_examples():
    def descend(grad, p, lr, cap=10_000):
        p = np.asarray(p, float)
        for k in range(cap):
            g = grad(p)
            if np.linalg.norm(g) < 1e-5:
                return k, p
            p = p - lr * g
        return cap, p

    assert descend(lambda p: np.array([2 * p[0], 4 * p[1]]), [2, 1], 0.1)[0] == 58
    assert descend(lambda p: np.array([2 * p[0], 20 * p[1]]), [2, 1], 0.09)[0] == 67
    quartic_grad = lambda x: np.array([4 * x[0] ** 3 - 6 * x[0] + 1])  # noqa: E731
    roots = np.sort(np.roots([4, 0, -6, 1]).real)
    assert descend(quartic_grad, [-2.0], 0.01)[1][0] == pytest.approx(roots[0], abs=1e-5)
    assert descend(quartic_grad, [2.0], 0.01)[1][0] == pytest.approx(roots[2], abs=1e-5)
    assert roots[0] == pytest.approx(-1.3008, abs=1e-4) and roots[2] == pytest.approx(1.1309, abs=1e-4)


# ----------------------------------------------------------------------------- generators

@pytest.mark.parametrize("seed", SEEDS)
def test_generator_quadratic_derivative(seed):
    made = make("gd_basic.quadratic_derivative", seed)
    assert made.type == "expression"
    f = _latex_poly(found(r"\$f\(x\) = (.+?)\$", made.prompt), ["x"])
    x = symbols_in(f, "x")
    coeffs = np.array([float(c) for c in sympy.Poly(f, x).all_coeffs()])
    key_coeffs = np.array([float(c) for c in sympy.Poly(parse_expression(made.answer), x).all_coeffs()])
    np.testing.assert_allclose(key_coeffs, np.polyder(coeffs))


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_descent_steps(seed):
    made = make("gd_basic.descent_steps", seed)
    f = _latex_poly(found(r"\$f\(x\) = (.+?)\$", made.prompt), ["x"])
    coeffs = np.array([float(c) for c in sympy.Poly(f, symbols_in(f, "x")).all_coeffs()])
    x0 = number_after(r"x_0 = (-?\d+)", made.prompt)
    lr = number_after(r"\\eta = ([0-9.]+)", made.prompt)
    slope = np.polyder(coeffs)
    x = x0
    for _ in range(2):
        x = x - lr * np.polyval(slope, x)
    assert made.answer == pytest.approx(x, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_partial_at_point(seed):
    made = make("gd_basic.partial_at_point", seed)
    f_tex = found(r"\$f\(x, y\) = (.+?)\$", made.prompt)
    poly = _latex_poly(f_tex, ["x", "y"])
    f = sympy.lambdify(symbols_in(poly, "x", "y"), poly, "numpy")
    px, py = (float(v) for v in re.search(r"점 \$\((-?\d+), (-?\d+)\)\$", made.prompt).groups())
    var = found(r"\\partial ([xy])\}", made.prompt)
    h = 1e-4  # exact for a quadratic up to rounding
    if var == "x":
        fd = (f(px + h, py) - f(px - h, py)) / (2 * h)
    else:
        fd = (f(px, py + h) - f(px, py - h)) / (2 * h)
    assert made.answer == pytest.approx(fd, abs=1e-6)
