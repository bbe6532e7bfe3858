"""Quiz and lesson numbers of lesson 11 (matrix_calculus): every key recomputed independently
(numpy, finite differences), generators checked over many seeds."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import softmax

from quiz_checks import SEEDS, QuizWithReferences, check_lesson_page, found, make, tuples, vector_after

LESSON = "matrix_calculus"


def central(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    return np.array([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(x.size)]).T


def _jacobian_002():
    return central(lambda p: np.array([p[0] * p[1], p[0] ** 2 + p[1]]), [2.0, 3.0])


def _quadratic_003():
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    return central(lambda x: x @ A @ x, [1.0, 2.0])


def _softmax_005():
    return central(lambda o: softmax(o), [0.0, 0.0, np.log(2.0)])[0, 2]


def _ce_006():
    return central(lambda o: -np.log(softmax(o)[2]), [0.0, 0.0, np.log(2.0)])


def _w2_008():
    h, d2 = np.array([1.0, 2.0]), np.array([0.5, -0.5])
    return np.einsum("j,k->jk", h, d2)


def _delta1_009():
    """δ₁ by finite differences of a loss whose upstream gradient at o is δ₂."""
    W2 = np.array([[1.0, 2.0], [0.0, 1.0]])
    d2 = np.array([1.0, -1.0])
    z = np.log(np.array([0.5, 0.8]) / (1 - np.array([0.5, 0.8])))  # σ⁻¹(h)
    return central(lambda zz: d2 @ ((1 / (1 + np.exp(-zz))) @ W2), z)


class TestQuiz(QuizWithReferences):
    lesson = LESSON
    keys = {
        "matrix_calculus-002": _jacobian_002,
        "matrix_calculus-003": _quadratic_003,
        "matrix_calculus-005": _softmax_005,
        "matrix_calculus-006": _ce_006,
        "matrix_calculus-008": _w2_008,
        "matrix_calculus-009": _delta1_009,
        "matrix_calculus-011": lambda: (1.1**3 - 0.9**3) / 0.2,
    }
    key_atol = 1e-6
    expression_forms = {"matrix_calculus-004": ["2*(3*w - 2)*3", "6(3w - 2)"]}


def test_quiz_size_and_types():
    from quiz_checks import quiz_table

    table = quiz_table(LESSON)
    assert len(table) >= 12
    assert len({q["type"] for q in table} - {"generated"}) >= 3
    assert sum(q["type"] == "generated" for q in table) >= 2


def test_lesson_page():
    check_lesson_page(LESSON, 11, ["matrix_calculus.jacobian", "matrix_calculus.softmax_grad",
                                   "matrix_calculus.backprop_graph"],
                      needles=["자주 하는 실수", "(0.66818777, 0.66818777)", "0.62855912"])


def test_lesson_numbers():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(central(lambda x: x @ A @ x, [1.0, -1.0]), [-3.0, -3.0], atol=1e-6)
    np.testing.assert_allclose(2 * A @ np.array([1.0, -1.0]), [-2.0, -2.0])
    np.testing.assert_allclose(central(lambda p: np.array([p[0] ** 2 * p[1], np.sin(p[0]) + p[1]]), [1.0, 2.0]),
                               [[4.0, 1.0], [0.5403, 1.0]], atol=5e-5)
    o = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(central(softmax, o), [[0.0819, -0.0220, -0.0599], [-0.0220, 0.1848, -0.1628],
                                                     [-0.0599, -0.1628, 0.2227]], atol=5e-5)
    np.testing.assert_allclose(central(lambda v: -np.log(softmax(v)[2]), o), [0.0900, 0.2447, -0.3348], atol=5e-5)


def test_lesson_network_table_by_finite_differences():
    x = np.array([1.0, 2.0])
    W1, b1 = np.array([[0.1, -0.2], [0.3, 0.4]]), np.array([0.0, 0.1])
    W2, b2 = np.array([[0.5, -0.5], [-0.6, 0.2]]), np.zeros(2)

    def loss(w1=W1, w2=W2):
        h = 1 / (1 + np.exp(-(x @ w1 + b1)))
        return -np.log(softmax(h @ w2 + b2)[0])

    assert loss() == pytest.approx(0.62855912, abs=5e-9)
    dW1 = central(lambda v: loss(w1=v.reshape(2, 2)), W1.ravel()).reshape(2, 2)
    dW2 = central(lambda v: loss(w2=v.reshape(2, 2)), W2.ravel()).reshape(2, 2)
    np.testing.assert_allclose(dW1, [[-0.10346015, 0.08276812], [-0.2069203, 0.16553624]], atol=1e-8)
    np.testing.assert_allclose(dW2, [[-0.31180331, 0.31180331], [-0.31180331, 0.31180331]], atol=1e-8)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_weight_grad(seed):
    made = make("matrix_calculus.weight_grad", seed)
    groups = tuples(made.prompt)
    A, dZ = np.array(groups[0:2]), np.array(groups[2:4])
    np.testing.assert_allclose(made.answer, np.einsum("ri,rk->ik", A, dZ))
    assert not np.allclose(made.answer, np.asarray(made.answer).T) or not np.allclose(A, A.T)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_quadratic_grad(seed):
    made = make("matrix_calculus.quadratic_grad", seed)
    groups = tuples(made.prompt)
    A, x = np.array(groups[0:2]), groups[2]
    np.testing.assert_allclose(made.answer, central(lambda v: v @ A @ v, x), atol=1e-6)
    assert A[0, 1] != A[1, 0]


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_softmax_ce_grad(seed):
    made = make("matrix_calculus.softmax_ce_grad", seed)
    o = vector_after(r"\\mathbf\{o\} = \(([^)]*)\)\$", made.prompt)
    y = int(found(r"클래스 (\d)\(", made.prompt)) - 1
    np.testing.assert_allclose(made.answer, central(lambda v: -np.log(softmax(v)[y]), o), atol=1e-6)


def test_quiz_quality_thresholds():
    """Targeted feedback on at least 85 % of the static questions, two thirds needing a
    computation or a reason, a why-sentence in every explanation (content.quiz_report)."""
    from content.quiz_report import MIN_COVERAGE, MIN_NONRECALL, lesson_report
    from quiz_checks import catalog

    report = lesson_report(LESSON, catalog().questions(LESSON), seeds=20)
    assert report.coverage >= MIN_COVERAGE, report.without_feedback
    assert report.nonrecall_share >= MIN_NONRECALL
    assert report.without_reason == [] and report.short_explanations == []
