"""Quiz and lesson numbers of lesson 04 (gd_advanced): every key recomputed independently
(numpy, scikit-learn, finite differences), generators checked over many seeds."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pytest
import sympy

from mathcore import regression
from mathcore.parse import parse_expression, parse_number
from quiz_checks import (SEEDS, QuizContract, equivalent, make, number_after, same_expression, symbols_in,
                         table_by_id, vector_after)

LESSON = "gd_advanced"
BY_ID = table_by_id(LESSON)

# The seeds' regression data, written out again (not read from any key).
X4 = np.array([[1, 1], [1, 2], [2, 2], [2, 3]], float)
Y4 = X4 @ np.array([1.0, 2.0]) + 3.0
D4 = np.column_stack([X4, np.ones(4)])
BETA0 = np.array([10.1, 15.1, -6.5])


def _plain_gd(design, target, beta, lr, steps):
    for _ in range(steps):
        beta = beta + lr * design.T @ (target - design @ beta)
    return beta


class TestQuizContract(QuizContract):
    lesson = LESSON


# ----------------------------------------------------------------------------- static keys

def test_key_002_first_step():
    np.testing.assert_allclose(BY_ID["gd_advanced-002"]["answer"], _plain_gd(D4, Y4, BETA0, 0.01, 1),
                               atol=1e-12)
    # The offered wrong answer is the update with the residual's sign flipped.
    flipped = BETA0 - 0.01 * D4.T @ (Y4 - D4 @ BETA0)
    np.testing.assert_allclose(BY_ID["gd_advanced-002"]["wrong_answers"][0]["answer"], flipped, atol=1e-12)


def test_key_003_learning_rate_bound():
    X = np.array([[1.0], [2.0], [2.0]])
    bound = 2.0 / np.linalg.eigvalsh(X.T @ X).max()
    assert parse_number(BY_ID["gd_advanced-003"]["answer"]) == pytest.approx(bound)
    # Just below the bound descent converges, just above it diverges.
    y = np.array([1.0, 2.0, 3.0])
    assert np.isfinite(_plain_gd(X, y, np.zeros(1), 0.99 * bound, 3000)).all()
    assert abs(_plain_gd(X, y, np.zeros(1), 1.01 * bound, 3000)[0]) > 1e6


def test_key_006_minibatch_gradient():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = 2 * x
    w, h = 0.0, 1e-6

    def loss(i, w):
        return 0.5 * (y[i] - w * x[i]) ** 2

    fd = [(loss(i, w + h) - loss(i, w - h)) / (2 * h) for i in (0, 2)]
    assert BY_ID["gd_advanced-006"]["answer"] == pytest.approx(np.mean(fd), abs=1e-6)


def test_key_008_scaled_bound():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(6, 2))
    ratio = np.linalg.eigvalsh(X.T @ X).max() / np.linalg.eigvalsh((10 * X).T @ (10 * X)).max()
    assert BY_ID["gd_advanced-008"]["answer"] == pytest.approx(0.2 * ratio)


def test_key_009_expression():
    variables = ["w", "x", "y", "b"]
    key = BY_ID["gd_advanced-009"]["answer"]
    loss = parse_expression("(y - w x - b)^2 / 2", variables)
    assert same_expression(parse_expression(key, variables), sympy.diff(loss, symbols_in(loss, "w")))
    assert equivalent(key, "x(w x + b - y)", variables)


def test_key_010_updates_per_epoch():
    batches = [range(1000)[s:s + 32] for s in range(0, 1000, 32)]
    assert sum(len(b) for b in batches) == 1000
    assert BY_ID["gd_advanced-010"]["answer"] == len(batches) == math.ceil(1000 / 32)


# ----------------------------------------------------------------------------- lesson numbers

def test_seed_regression_result():
    beta = _plain_gd(D4, Y4, BETA0, 0.01, 5000)
    np.testing.assert_allclose(beta, [1.00000367, 1.99999949, 2.99999516], atol=5e-9)
    result = regression.gd_linear_regression(X4, Y4, lr=0.01, steps=5000, init=BETA0)
    np.testing.assert_allclose(result.beta, beta, rtol=1e-12)
    np.testing.assert_allclose(np.linalg.pinv(D4) @ Y4, [1.0, 2.0, 3.0], atol=1e-12)


def test_lesson_eigenvalues_and_divergence():
    lam = np.linalg.eigvalsh(D4.T @ D4)
    np.testing.assert_allclose(lam, [0.289, 0.442, 31.27], atol=5e-3)
    assert 2 / lam.max() == pytest.approx(0.064, abs=5e-4)
    assert np.isfinite(_plain_gd(D4, Y4, BETA0, 0.06, 5000)).all()
    for lr, first_huge in ((0.065, 797), (0.07, 148)):
        beta = BETA0.copy()
        for step in range(1, 5001):
            beta = beta + lr * D4.T @ (Y4 - D4 @ beta)
            if np.abs(beta).max() > 1e12:
                break
        assert step == first_huge
    far = regression.gd_linear_regression(X4, Y4, lr=0.065, steps=5000, init=BETA0).beta
    assert 1e69 < np.abs(far).max() < 1e71
    np.testing.assert_allclose(_plain_gd(D4, Y4, BETA0, 0.0001, 5000), [3.52, 5.36, -8.45], atol=5e-3)


def test_lesson_scale_table():
    for s, expected in [(0.1, 0.47), (1, 0.064), (10, 0.00072), (100, 0.0000072)]:
        design = np.column_stack([s * X4, np.ones(4)])
        assert 2 / np.linalg.eigvalsh(design.T @ design).max() == pytest.approx(expected, rel=2e-2)


def test_lesson_minibatch_average_is_full_gradient():
    residual = Y4 - D4 @ BETA0
    full = -D4.T @ residual / 4
    np.testing.assert_allclose(full, [51.075, 69.525, 30.35])
    grads = [-D4[list(b)].T @ residual[list(b)] / 2 for b in itertools.combinations(range(4), 2)]
    assert len(grads) == 6
    np.testing.assert_allclose(np.mean(grads, axis=0), full)


def test_lesson_sgd_comparison():
    from sklearn.linear_model import LinearRegression

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 2, 1000)
    y = 2 * x + 1 + rng.normal(0, 0.5, 1000)
    design = np.column_stack([x, np.ones(1000)])
    best = LinearRegression().fit(x[:, None], y)
    mse_best = np.mean((y - best.predict(x[:, None])) ** 2)
    assert mse_best == pytest.approx(0.2629, abs=1e-4)
    beta = np.zeros(2)
    for _ in range(100):
        beta = beta + 0.1 * design.T @ (y - design @ beta) / 1000
    assert np.mean((y - design @ beta) ** 2) == pytest.approx(0.2649, abs=1e-4)


# ----------------------------------------------------------------------------- generators

@pytest.mark.parametrize("seed", SEEDS)
def test_generator_regression_step(seed):
    made = make("gd_advanced.regression_step", seed)
    x = vector_after(r"\$x = \(([^)]*)\)\$", made.prompt)
    y = vector_after(r"\$y = \(([^)]*)\)\$", made.prompt)
    beta0 = vector_after(r"_0 = \(([^)]*)\)\$", made.prompt)
    lr = number_after(r"\\eta = ([0-9.]+)", made.prompt)
    design = np.column_stack([x, np.ones(len(x))])
    np.testing.assert_allclose(made.answer, _plain_gd(design, y, beta0, lr, 1), atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_max_learning_rate(seed):
    made = make("gd_advanced.max_learning_rate", seed)
    x = vector_after(r"\\mathbf\{x\} = \(([^)]*)\)\$", made.prompt)
    assert made.answer == pytest.approx(2.0 / np.dot(x, x))


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_minibatch_gradient(seed):
    made = make("gd_advanced.minibatch_gradient", seed)
    pairs = np.array([[float(a), float(b)] for a, b in
                      re.findall(r"\$\((-?\d+), (-?\d+)\)\$", made.prompt)])
    assert pairs.shape == (4, 2)
    w = number_after(r"\$w = (-?\d+)\$", made.prompt)
    first, second = (int(v) - 1 for v in re.search(r"(\d)번째와 (\d)번째", made.prompt).groups())
    x, y = pairs[[first, second], 0], pairs[[first, second], 1]
    assert made.answer == pytest.approx(np.mean(-x * (y - w * x)))
