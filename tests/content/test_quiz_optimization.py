"""Quiz and lesson numbers of lesson 14 (optimization): every key recomputed independently (finite
differences, numpy.linalg, the torch.optim update rules written out here), generators checked over
many seeds."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from quiz_checks import SEEDS, QuizWithReferences, check_lesson_page, make, number_after

LESSON = "optimization"


def central_hessian(f, x, h=1e-2):
    """Second central differences: exact up to rounding for polynomials of degree ≤ 3."""
    x = np.asarray(x, dtype=float)
    E = np.eye(x.size) * h
    return np.array([[(f(x + a + b) - f(x + a - b) - f(x - a + b) + f(x - a - b)) / (4 * h * h) for b in E] for a in E])


def adam(grad, x, lr, steps, b1=0.9, b2=0.999, eps=1e-8):
    """torch.optim.Adam written out."""
    x, m, v = np.asarray(x, dtype=float), 0.0, 0.0
    out = []
    for t in range(1, steps + 1):
        g = grad(x)
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        x = x - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        out.append(x.copy())
    return np.array(out)


def sgd_momentum(grad, x, lr, mu, steps):
    """torch.optim.SGD(momentum=μ) written out: b = g at the first step, then b ← μb + g."""
    x, b, out = np.asarray(x, dtype=float), None, []
    for _ in range(steps):
        g = grad(x)
        b = g if b is None else mu * b + g
        x = x - lr * b
        out.append(x.copy())
    return np.array(out)


def _steps_006():
    k = 0
    while 0.99**k > 1e-3:
        k += 1
    return k


def _newton_010():
    H = central_hessian(lambda p: p[0] ** 2 + p[0] * p[1] + p[1] ** 2 - 3 * p[0], [0.0, 0.0])
    return -np.linalg.solve(H, [-3.0, 0.0])


class TestQuiz(QuizWithReferences):
    lesson = LESSON
    keys = {
        "optimization-002": lambda: central_hessian(lambda p: p[0] ** 3 + 2 * p[0] * p[1] + p[1] ** 2, [1.0, 1.0]),
        "optimization-004": lambda: 2 / np.linalg.eigvalsh(np.diag([2.0, 8.0])).max(),
        "optimization-006": _steps_006,
        "optimization-007": lambda: sgd_momentum(lambda x: 2 * x, [1.0], 0.1, 0.9, 2)[-1, 0],
        "optimization-008": lambda: adam(lambda x: 2000 * x, [1.0], 0.01, 1)[-1, 0],
        "optimization-009": lambda: abs(0.01 * 1.0 / np.sqrt(0.01 * 1.0)),  # g = 1; the ratio is the same for any g
        "optimization-010": _newton_010,
        "optimization-012": lambda: np.sqrt(2 / 512),
        "optimization-014": lambda: 0.5 * 0.1 * (1 + math.cos(math.pi * 25 / 100)),
        "optimization-015": lambda: 0.1 * 0.5 ** (25 // 10),
        "optimization-017": lambda: 0.1 * (2 + 1) / 5,
    }
    key_atol = 1e-5
    expression_forms = {"optimization-001": ["1 + x + 0.5x^2", "(x^2 + 2x + 2)/2"]}


def test_quiz_size_and_types():
    from quiz_checks import quiz_table

    table = quiz_table(LESSON)
    assert len(table) >= 12
    assert len({q["type"] for q in table} - {"generated"}) >= 3
    assert sum(q["type"] == "generated" for q in table) >= 2


def test_quiz_quality_thresholds():
    from content.quiz_report import MIN_COVERAGE, MIN_NONRECALL, lesson_report
    from quiz_checks import catalog

    report = lesson_report(LESSON, catalog().questions(LESSON), seeds=20)
    assert report.coverage >= MIN_COVERAGE and report.nonrecall_share >= MIN_NONRECALL
    assert report.without_reason == [] and report.short_explanations == []


def test_lesson_page():
    check_lesson_page(LESSON, 14, ["optimization.race", "optimization.hessian", "optimization.init"],
                      needles=["자주 하는 실수", "0.9000000005", "0.50796366", "(0.486, −0.81)", "−1과 5", "3장", "12장"])


def test_lesson_numbers_against_the_update_rules():
    np.testing.assert_allclose(adam(lambda x: 2 * x, [1.0], 0.1, 5)[:, 0],
                               [0.9000000005, 0.80041223, 0.70158627, 0.60393906, 0.50796366], atol=5e-9)
    A = np.diag([1.0, 10.0])
    np.testing.assert_allclose(sgd_momentum(lambda x: A @ x, [1.0, 1.0], 0.1, 0.9, 3), [[0.9, 0], [0.72, -0.9], [0.486, -0.81]],
                               atol=1e-12)
    assert 2 / np.linalg.eigvalsh(A).max() == pytest.approx(0.2)
    x = np.array([1.0, 1.0])
    for _ in range(200):
        x = x - 0.21 * A @ x
    assert abs(x[1]) > 1e8  # just past 2/λ_max plain GD diverges
    np.testing.assert_allclose(np.linalg.eigvalsh(central_hessian(lambda p: p[0] ** 2 + 3 * p[0] * p[1] + p[1] ** 2, [0, 0])),
                               [-1, 5], atol=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_gd_bound(seed):
    made = make("optimization.gd_bound", seed)
    rows = [np.array([float(v) for v in g.split(",")]) for g in re.findall(r"\(([-\d., ]+)\)", made.prompt.split("의 행")[1])[:2]]
    A = np.array(rows)
    half = "\\frac{1}{2}" in made.prompt
    H = central_hessian(lambda p: (0.5 if half else 1.0) * p @ A @ p, [0.3, -0.7])
    assert made.answer == pytest.approx(2 / np.linalg.eigvalsh(H).max(), abs=1e-6)
    # and that rate really is the edge: a bit above diverges, a bit below converges
    for scale, grows in ((1.02, True), (0.98, False)):
        x = np.array([1.0, 1.0])
        for _ in range(3000):
            x = x - scale * made.answer * H @ x
        assert (np.linalg.norm(x) > 1) == grows


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_adam_first_step(seed):
    made = make("optimization.adam_first_step", seed)
    c = number_after(r"f\(x\) = ([\d.]+)x\^2", made.prompt)
    x0 = number_after(r"x_0 = (-?[\d.]+)", made.prompt)
    lr = number_after(r"\\eta = ([\d.]+)", made.prompt)
    assert made.answer == pytest.approx(adam(lambda x: 2 * c * x, [x0], lr, 1)[0, 0], abs=1e-12)
    assert abs(abs(made.answer - x0) - lr) < 1e-6  # the first step has length η whatever c is


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_critical_point(seed):
    made = make("optimization.critical_point", seed)
    text = made.prompt.split("$")[1].replace("f(x, y) = ", "").replace(" ", "")
    coef = {}
    for sign, k, mono in re.findall(r"([+-]?)(\d*)(x\^2|xy|y\^2|x|y)(?![\^y])", text):
        coef[mono] = (-1 if sign == "-" else 1) * (int(k) if k else 1)
    a, b, c = coef.get("x^2", 0), coef.get("xy", 0), coef.get("y^2", 0)
    d, e = coef.get("x", 0), coef.get("y", 0)

    def f(p):
        return a * p[0] ** 2 + b * p[0] * p[1] + c * p[1] ** 2 + d * p[0] + e * p[1]

    H = central_hessian(f, [0.0, 0.0])
    point = np.linalg.solve(H, [-d, -e])  # the critical point
    around = [f(point + 1e-3 * np.array([np.cos(t), np.sin(t)])) - f(point) for t in np.linspace(0, np.pi, 73)]
    kind = 0 if min(around) > 0 else 1 if max(around) < 0 else 2
    assert made.answer == kind
