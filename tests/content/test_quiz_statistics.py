"""Lesson 07 (statistics): lesson front matter, the common quiz contract, every quiz key recomputed,
generators over seeds."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from scipy import stats

from content import check_answer
from mathcore import statistics
from mathcore.parse import parse_expression
from quiz_checks import (QuizWithReferences, check_grades, check_lesson_page, found, instances, key_value,
                         questions_by_id, symbols_in, tuples)

LESSON = "statistics"
QUESTIONS = questions_by_id(LESSON)

SAMPLE = np.array([1.0, 3.0, 5.0, 7.0])


def _labels(counts) -> np.ndarray:
    return np.repeat(np.arange(len(counts)), counts)


# Independent values for every numeric key (numpy / scipy; mathcore where noted).
NUMERIC = {
    "statistics-003": lambda: np.var(SAMPLE, ddof=1),
    "statistics-004": lambda: np.var(SAMPLE, ddof=0),
    "statistics-005": lambda: np.bincount(_labels([8, 7, 5]), minlength=3)[1] / 20,
    "statistics-008": lambda: -np.log(0.2),
    "statistics-009": lambda: stats.entropy([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]),
    "statistics-012": lambda: np.sqrt(36 * 3.0**2) / 36,  # sd of the sum of 36 draws, divided by 36
    "statistics-014": lambda: 0.5 * np.abs(np.array([0.2, 0.5, 0.3]) - np.array([0.4, 0.4, 0.2])).sum(),
}
EXPRESSION_FORMS = {
    "statistics-006": ["k*n^(-1)", "(2k)/(2n)"],
    "statistics-007": ["(7 - 10p)/(p(1 - p))", "7/p + 3/(p - 1)"],
}


class TestQuizContract(QuizWithReferences):
    lesson = LESSON
    keys = NUMERIC
    expression_forms = EXPRESSION_FORMS


# ----------------------------------------------------------------------------- lesson

def test_lesson_front_matter_and_panels():
    check_lesson_page(LESSON, 7, ["statistics.mle", "statistics.clt", "statistics.kl"],
                      ["1/n", "자주 하는 실수", "핵심 정리", "0·log 0 = 0"])


def test_lesson_numbers_match_references():
    """Figures quoted in the lesson, recomputed with numpy/scipy and mathcore."""
    x = np.array([2, 4, 4, 4, 5, 5, 7, 9], float)
    mu, var = statistics.mle_normal(x)
    assert (mu, var) == (pytest.approx(5.0), pytest.approx(np.var(x)))
    assert statistics.sample_variance(x) == pytest.approx(np.var(x, ddof=1)) == pytest.approx(4.5714, abs=1e-4)
    # MLE of a normal by numerical optimisation agrees with the closed form (1/n variance).
    fit_mu, fit_sd = stats.norm.fit(x)
    assert fit_mu == pytest.approx(mu) and fit_sd**2 == pytest.approx(var)
    np.testing.assert_allclose(statistics.mle_categorical(_labels([3, 5, 2]), 3), [0.3, 0.5, 0.2])
    assert statistics.kl_divergence([0.5, 0.5, 0], [0.5, 0.25, 0.25]) == pytest.approx(0.5 * np.log(2))
    assert statistics.kl_divergence([0.5, 0.25, 0.25], [0.5, 0.5, 0]) == np.inf
    assert stats.entropy([0.5, 0.25, 0.25], [0.5, 0.5, 0]) == np.inf
    assert statistics.kl_divergence([0.2, 0.5, 0.3], [0.1, 0.6, 0.3]) == pytest.approx(0.0475, abs=1e-4)
    assert statistics.kl_divergence([0.1, 0.6, 0.3], [0.2, 0.5, 0.3]) == pytest.approx(0.0401, abs=1e-4)
    p, q = [0.5, 0.5, 0.0], [0.5, 0.25, 0.25]
    assert statistics.cross_entropy_dist(p, q) - statistics.entropy(p) == pytest.approx(stats.entropy(p, q))
    assert stats.wasserstein_distance([0, 1, 2], [0, 1, 2], [1, 0, 0], [0, 0, 1]) == pytest.approx(2.0)
    assert stats.wasserstein_distance([0, 1, 2], [0, 1, 2], [1, 0, 0], [0, 1, 0]) == pytest.approx(1.0)
    heads = np.linspace(0.01, 0.99, 99)
    assert heads[np.argmax(7 * np.log(heads) + 3 * np.log(1 - heads))] == pytest.approx(0.7)
    assert 400 * np.log(0.1) == pytest.approx(-921.03, abs=0.01)
    assert np.prod(np.full(400, 0.1)) == 0.0  # underflow, the reason for log-likelihoods


def test_clt_table_in_lesson():
    for n, sd, skew in ((1, 0.998, 1.98), (5, 0.450, 0.93), (30, 0.186, 0.38), (100, 0.100, 0.22)):
        means = np.random.default_rng(0).exponential(1.0, size=(10_000, n)).mean(axis=1)
        assert means.std() == pytest.approx(sd, abs=5e-4)
        assert stats.skew(means) == pytest.approx(skew, abs=5e-3)
    # mathcore's own sampler: the spread of sample means shrinks like 1/sqrt(n).
    spread = np.std(statistics.sample_means("exponential", 25, 4000, seed=1))
    assert spread == pytest.approx(1 / 5, rel=0.1)


# ----------------------------------------------------------------------------- quiz

def test_numeric_keys_through_mathcore():
    assert statistics.sample_variance(SAMPLE) == pytest.approx(key_value(QUESTIONS["statistics-003"]))
    assert statistics.mle_normal(SAMPLE)[1] == pytest.approx(key_value(QUESTIONS["statistics-004"]))
    assert statistics.mle_categorical(_labels([8, 7, 5]), 3)[1] == pytest.approx(key_value(QUESTIONS["statistics-005"]))
    assert statistics.kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]) == pytest.approx(
        key_value(QUESTIONS["statistics-009"]), abs=1e-12)


def test_log_likelihood_derivative_by_sympy():
    key = parse_expression(QUESTIONS["statistics-007"].answer, ["p"])
    p = symbols_in(key, "p")
    derived = sympy.diff(7 * sympy.log(p) + 3 * sympy.log(1 - p), p)
    assert sympy.simplify(key - derived) == 0
    assert sympy.solve(derived, p) == [sympy.Rational(7, 10)]


def test_bernoulli_mle_is_k_over_n_by_sympy():
    p, k, n = sympy.symbols("p k n", positive=True)
    stationary = sympy.solve(sympy.diff(k * sympy.log(p) + (n - k) * sympy.log(1 - p), p), p)
    key = parse_expression(QUESTIONS["statistics-006"].answer, ["k", "n"])
    assert sympy.simplify(key.subs({symbols_in(key, "k"): k, symbols_in(key, "n"): n}) - stationary[0]) == 0


# ----------------------------------------------------------------------------- generators

def test_generator_sample_variance():
    for q in instances(LESSON, "statistics.sample_variance"):
        sample = tuples(q.prompt)[0]
        expected = float(np.var(sample, ddof=1))
        assert q.answer == pytest.approx(expected, abs=1e-9)
        check_grades(q, expected)
        assert not check_answer(q, repr(float(np.var(sample)))).correct  # the 1/n value is wrong here


def test_generator_categorical_mle():
    for q in instances(LESSON, "statistics.categorical_mle"):
        listed = q.prompt.split(":", 1)[1].split(".")[0]
        labels = np.array([int(v) for v in listed.split(",")])
        target = int(found(r"클래스 (\d+)의 확률", q.prompt))
        expected = float(np.mean(labels == target))
        assert q.answer == pytest.approx(expected, abs=1e-12)
        check_grades(q, expected)


def test_generator_kl_divergence():
    for q in instances(LESSON, "statistics.kl_divergence"):
        p, q_dist = tuples(q.prompt)[:2]
        assert p.sum() == pytest.approx(1.0) and q_dist.sum() == pytest.approx(1.0)
        expected = float(stats.entropy(p, q_dist))
        assert np.isfinite(expected) and expected > 0
        assert q.answer == pytest.approx(expected, abs=1e-12)
        check_grades(q, expected)
