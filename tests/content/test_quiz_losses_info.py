"""Quiz and lesson numbers of lesson 13 (losses_info): keys recomputed with scipy and
scikit-learn, generators checked over many seeds."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from sklearn.linear_model import Ridge

from quiz_checks import SEEDS, QuizWithReferences, check_lesson_page, make, vector_after, number_after

LESSON = "losses_info"
X04 = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 3.0]])
Y04 = np.array([6.0, 8.0, 9.0, 11.0])


def _ridge_007():
    model = Ridge(alpha=1.0).fit(X04, Y04)
    return np.append(model.coef_, model.intercept_)


def _mi_010():
    joint = np.array([[0.5, 0.0], [0.0, 0.5]])
    return stats.entropy(joint.ravel(), np.outer(joint.sum(1), joint.sum(0)).ravel(), base=2)


class TestQuiz(QuizWithReferences):
    lesson = LESSON
    keys = {
        "losses_info-002": lambda: np.median([1, 2, 3, 4, 100]),
        "losses_info-006": lambda: 2.0**2 / 0.5**2,
        "losses_info-007": _ridge_007,
        "losses_info-008": lambda: stats.entropy([0.5, 0.25, 0.25], base=2),
        "losses_info-009": lambda: np.exp(stats.entropy([0.25] * 4)),
        "losses_info-010": _mi_010,
        "losses_info-012": lambda: stats.entropy([0.5, 0.5], [0.25, 0.75], base=2),
    }
    key_atol = 1e-6
    expression_forms = {"losses_info-004": ["log(1/p)", "-ln(p)"]}


def test_lad_of_a_constant_is_the_median():
    ys = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    cs = np.linspace(0, 100, 100001)
    assert cs[np.argmin(np.abs(ys[:, None] - cs).sum(0))] == pytest.approx(3.0, abs=1e-3)
    assert cs[np.argmin(((ys[:, None] - cs) ** 2).sum(0))] == pytest.approx(22.0, abs=1e-3)


def test_lesson_page():
    check_lesson_page(LESSON, 13, ["losses_info.noise_to_loss", "losses_info.ridge", "losses_info.entropy"],
                      needles=["자주 하는 실수", "0.27807191", "0.19274476", "(0.8, 1.4)"])


def test_lesson_numbers():
    assert stats.entropy([0.5, 0.25, 0.25], base=2) == pytest.approx(1.5)
    assert np.exp(stats.entropy([0.25] * 4)) == pytest.approx(4.0)
    joint = np.array([[0.4, 0.1], [0.1, 0.4]])
    prod = np.outer(joint.sum(1), joint.sum(0))
    assert stats.entropy(joint.ravel(), prod.ravel(), base=2) == pytest.approx(0.27807191, abs=5e-9)
    assert stats.entropy(joint.ravel(), prod.ravel()) == pytest.approx(0.19274476, abs=5e-9)
    indep = np.array([[0.06, 0.14], [0.24, 0.56]])
    assert stats.entropy(indep.ravel(), np.outer(indep.sum(1), indep.sum(0)).ravel()) == pytest.approx(0, abs=1e-12)
    np.testing.assert_allclose(_ridge_007(), [0.8, 1.4, 4.5], atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_entropy_bits(seed):
    made = make("losses_info.entropy_bits", seed)
    p = vector_after(r"\$p = \(([^)]*)\)\$", made.prompt)
    assert made.answer == pytest.approx(stats.entropy(p, base=2), abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_ridge_slope(seed):
    made = make("losses_info.ridge_slope", seed)
    x = vector_after(r"\$x = \(([^)]*)\)\$", made.prompt)
    y = vector_after(r"\$y = \(([^)]*)\)\$", made.prompt)
    lam = number_after(r"\\lambda = ([\d.]+)\$", made.prompt)
    assert made.answer == pytest.approx(Ridge(alpha=lam).fit(x[:, None], y).coef_[0], abs=1e-10)
