"""Lesson 06 (probability): lesson front matter, the common quiz contract, every quiz key recomputed,
generators over seeds."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from scipy import integrate, special, stats

from mathcore import probability
from mathcore.parse import parse_expression, parse_matrix
from quiz_checks import (QuizWithReferences, check_grades, check_lesson_page, instances, questions_by_id,
                         symbols_in, tuples)

LESSON = "probability"
QUESTIONS = questions_by_id(LESSON)


def _integral_exp_minus_x2() -> float:
    value, _ = integrate.quad(lambda x: np.exp(-x**2), -1.0, 1.0)
    return value


def _mc_single_estimate_sd(n: int) -> float:
    """Theoretical sd of one Monte Carlo estimate of ∫_{-1}^{1} e^{-x²} dx with n uniform points."""
    second, _ = integrate.quad(lambda x: np.exp(-2 * x**2), -1.0, 1.0)
    var_scaled = 2.0 * second - _integral_exp_minus_x2() ** 2  # Var((b − a) f(U)), b − a = 2
    return float(np.sqrt(var_scaled / n))


def _pmf_example() -> stats.rv_discrete:
    return stats.rv_discrete(values=([0, 1, 2], [0.2, 0.5, 0.3]))


# Independent values for every numeric key (scipy / numpy / mathcore, never the key itself).
NUMERIC = {
    "probability-002": lambda: _pmf_example().mean(),
    "probability-003": lambda: _pmf_example().var(),
    "probability-004": lambda: (lambda j: j[1, 1] / j[:, 1].sum())(np.array([[0.54, 0.06], [0.08, 0.32]])),
    "probability-006": lambda: probability.covariance([1, 2, 3], [2, 2, 5]),
    "probability-008": lambda: _mc_single_estimate_sd(100_000),
    "probability-009": lambda: np.sqrt(np.pi) * special.erf(1.0),
}
MATRIX = {
    "probability-005": lambda: (lambda j: j / j.sum(axis=1, keepdims=True))(np.array([[0.1, 0.3], [0.45, 0.15]])),
}
# Another written form of each expression key, and a derivation where SymPy can do one.
EXPRESSION_FORMS = {
    "probability-010": ["(a/2)^2/3", "a*a/12"],
    "probability-011": ["2^2 v", "v + v + v + v"],
}


class TestQuizContract(QuizWithReferences):
    lesson = LESSON
    keys = {**NUMERIC, **MATRIX}
    expression_forms = EXPRESSION_FORMS


def _uniform_variance() -> sympy.Expr:
    a, x = sympy.symbols("a x", positive=True)
    second = sympy.integrate(x**2 / a, (x, 0, a))
    first = sympy.integrate(x / a, (x, 0, a))
    return sympy.simplify(second - first**2)


# ----------------------------------------------------------------------------- lesson

def test_lesson_front_matter_and_panels():
    check_lesson_page(LESSON, 6, ["probability.monte_carlo", "probability.moments"],
                      ["몬테카를로", "자주 하는 실수", "핵심 정리"])


def test_lesson_numbers_match_references():
    """The figures quoted in the lesson, recomputed."""
    assert _integral_exp_minus_x2() == pytest.approx(1.4936483, abs=1e-7)
    assert _mc_single_estimate_sd(1000) == pytest.approx(0.0127, abs=1e-4)
    mean, sd = probability.monte_carlo_integral(lambda x: np.exp(-x**2), -1, 1, sample_size=1000, repeat=100, seed=0)
    assert mean == pytest.approx(1.4936, abs=0.005)
    assert 0.010 < sd < 0.016  # curriculum: near 0.013
    again = probability.monte_carlo_integral(lambda x: np.exp(-x**2), -1, 1, sample_size=1000, repeat=100, seed=0)
    assert again == (mean, sd)  # seeded: reproducible
    sample = np.array([1, 2, 2, 3, 7], float)
    m = probability.moments(sample)
    assert m["variance"] == pytest.approx(4.4)
    assert m["skewness"] == pytest.approx(stats.skew(sample)) == pytest.approx(1.1702, abs=1e-4)
    assert m["kurtosis"] == pytest.approx(stats.kurtosis(sample)) == pytest.approx(-0.1694, abs=1e-4)
    assert probability.covariance([1, 2, 3, 4], [2, 4, 5, 9]) == pytest.approx(np.cov([1, 2, 3, 4], [2, 4, 5, 9], bias=True)[0, 1])
    assert np.corrcoef([1, 2, 3, 4], [2, 4, 5, 9])[0, 1] == pytest.approx(0.9648, abs=1e-4)
    assert stats.norm.cdf(1) - stats.norm.cdf(-1) == pytest.approx(0.6827, abs=1e-4)


# ----------------------------------------------------------------------------- quiz

def test_uniform_variance_derived_by_sympy():
    q = QUESTIONS["probability-010"]
    a = sympy.Symbol("a", positive=True)
    parsed = parse_expression(q.answer, ["a"])
    key = parsed.subs(symbols_in(parsed, "a"), a)
    assert sympy.simplify(key - _uniform_variance()) == 0


# ----------------------------------------------------------------------------- generators

def test_generator_sample_variance():
    for q in instances(LESSON, "probability.sample_variance"):
        (sample,) = tuples(q.prompt)
        expected = float(np.var(sample))
        assert q.type == "numeric" and q.answer == pytest.approx(expected, abs=1e-9)
        assert expected > 0
        check_grades(q, expected)


def test_generator_covariance():
    for q in instances(LESSON, "probability.covariance"):
        a, b = tuples(q.prompt)
        expected = float(np.cov(a, b, bias=True)[0, 1])
        assert q.answer == pytest.approx(expected, abs=1e-9)
        check_grades(q, expected)


def test_matrix_parse_of_wrong_answer():
    """The wrong answer of probability-005 is P(X | Y): columns normalised instead of rows."""
    q = QUESTIONS["probability-005"]
    joint = np.array([[0.1, 0.3], [0.45, 0.15]])
    np.testing.assert_allclose(parse_matrix(q.wrong_answers[0]["answer"]), joint / joint.sum(axis=0))
