"""Lesson 08 (bayes): lesson front matter, the common quiz contract, every quiz key recomputed,
generators over seeds."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from content import check_answer
from mathcore import bayes
from mathcore.parse import parse_expression, parse_matrix
from quiz_checks import (QuizWithReferences, check_grades, check_lesson_page, found, instances, key_value,
                         questions_by_id, symbols_in)

LESSON = "bayes"
QUESTIONS = questions_by_id(LESSON)


def _enumerate_posterior(prior: float, sens: float, fpr: float, positives: int = 1) -> float:
    """P(D | k positives) by summing the joint over both states (an independent route to Bayes)."""
    joint_sick = prior * sens**positives
    joint_healthy = (1 - prior) * fpr**positives
    return joint_sick / (joint_sick + joint_healthy)


def _counts(people: int, prior: str, sens: str, fpr: str) -> np.ndarray:
    """Exact expected counts [[TP, FN], [FP, TN]] with rational arithmetic."""
    p, s, f = Fraction(prior), Fraction(sens), Fraction(fpr)
    sick, healthy = people * p, people * (1 - p)
    return np.array([[sick * s, sick * (1 - s)], [healthy * f, healthy * (1 - f)]], dtype=float)


# Independent values for every numeric key.
NUMERIC = {
    "bayes-001": lambda: _enumerate_posterior(0.1, 0.99, 0.01),
    "bayes-002": lambda: _enumerate_posterior(0.1, 0.99, 0.1),
    "bayes-003": lambda: _enumerate_posterior(0.1, 0.99, 0.1, positives=2),
    "bayes-004": lambda: 0.99 * 0.1 + 0.1 * 0.9,
    "bayes-006": lambda: (lambda c: c[0, 0] / (c[0, 0] + c[1, 0]))(_counts(2000, "0.05", "0.9", "0.05")),
    "bayes-011": lambda: stats.beta(1 + 3, 1 + 1).mean(),
}
MATRIX = {
    "bayes-005": lambda: _counts(2000, "0.05", "0.9", "0.05"),
}
EXPRESSION_FORMS = {
    "bayes-010": ["(p s)/(p s + f - f p)", "s p/(f + p(s - f))"],
}


class TestQuizContract(QuizWithReferences):
    lesson = LESSON
    keys = {**NUMERIC, **MATRIX}
    expression_forms = EXPRESSION_FORMS


# ----------------------------------------------------------------------------- lesson

def test_lesson_front_matter_and_panels():
    check_lesson_page(LESSON, 8, ["bayes.posterior"],
                      ["인과", "교란변수", "자주 하는 실수", "핵심 정리", "[실습: bayes.posterior]"])


def test_reference_numbers_of_the_curriculum():
    assert bayes.posterior(0.1, 0.99, 0.01) == pytest.approx(0.9167, abs=5e-5)
    assert bayes.posterior(0.1, 0.99, 0.1) == pytest.approx(0.5238, abs=5e-5)
    chain = bayes.sequential_posterior(0.1, 0.99, 0.1, 3)
    np.testing.assert_allclose(chain, [0.5238, 0.9159, 0.9908], atol=5e-5)
    assert chain[1] == pytest.approx(bayes.posterior(chain[0], 0.99, 0.1))
    assert bayes.posterior(0.001, 0.99, 0.01) == pytest.approx(0.0902, abs=5e-5)
    # The panel exercise: a rare disease needs four positives with 10% false alarms, two with 1%.
    rare = [_enumerate_posterior(0.001, 0.99, 0.1, k) for k in (3, 4)]
    np.testing.assert_allclose(bayes.sequential_posterior(0.001, 0.99, 0.1, 4)[2:], rare)
    np.testing.assert_allclose(rare, [0.4927, 0.9058], atol=5e-5)
    assert _enumerate_posterior(0.001, 0.99, 0.01, 2) == pytest.approx(0.9075, abs=5e-5)
    counts = bayes.confusion_counts(1000, 0.1, 0.99, 0.1)
    np.testing.assert_allclose([counts[k] for k in ("TP", "FN", "FP", "TN")], [99, 1, 90, 810])
    assert counts["TP"] / (counts["TP"] + counts["FP"]) == pytest.approx(bayes.posterior(0.1, 0.99, 0.1))


def test_simpson_numbers_in_lesson():
    a = {"small": (81, 87), "large": (192, 263)}
    b = {"small": (234, 270), "large": (55, 80)}
    total_a = sum(x for x, _ in a.values()) / sum(n for _, n in a.values())
    total_b = sum(x for x, _ in b.values()) / sum(n for _, n in b.values())
    assert total_a == pytest.approx(0.78) and total_b == pytest.approx(0.8257, abs=1e-4)
    assert all(a[z][0] / a[z][1] > b[z][0] / b[z][1] for z in a)  # A wins inside every group
    weight = {"small": (87 + 270) / 700, "large": (263 + 80) / 700}
    assert weight["small"] == pytest.approx(0.51)
    do_a = sum(a[z][0] / a[z][1] * weight[z] for z in a)
    do_b = sum(b[z][0] / b[z][1] * weight[z] for z in b)
    assert do_a == pytest.approx(0.833, abs=5e-4) and do_b == pytest.approx(0.779, abs=5e-4)


def test_beta_posterior_numbers_in_lesson():
    post = stats.beta(8, 4)
    assert post.mean() == pytest.approx(0.6667, abs=5e-5)
    assert post.std() == pytest.approx(0.1307, abs=5e-5)
    low, high = post.interval(0.95)
    assert (low, high) == (pytest.approx(0.390, abs=5e-4), pytest.approx(0.891, abs=5e-4))
    theta = np.linspace(0, 1, 1001)
    grid = theta**7 * (1 - theta) ** 3
    assert theta[np.argmax(grid)] == pytest.approx(0.7)


# ----------------------------------------------------------------------------- quiz

def test_numeric_keys_through_mathcore():
    assert bayes.posterior(0.1, 0.99, 0.01) == pytest.approx(key_value(QUESTIONS["bayes-001"]), abs=1e-12)
    assert bayes.posterior(0.1, 0.99, 0.1) == pytest.approx(key_value(QUESTIONS["bayes-002"]), abs=1e-12)
    assert bayes.sequential_posterior(0.1, 0.99, 0.1, 2)[-1] == pytest.approx(key_value(QUESTIONS["bayes-003"]), abs=5e-4)
    assert bayes.posterior(0.05, 0.9, 0.05) == pytest.approx(key_value(QUESTIONS["bayes-006"]), abs=1e-12)


def test_confusion_key_through_mathcore():
    counts = bayes.confusion_counts(2000, 0.05, 0.9, 0.05)
    np.testing.assert_allclose([[counts["TP"], counts["FN"]], [counts["FP"], counts["TN"]]],
                               MATRIX["bayes-005"](), atol=1e-9)


def test_expression_key_at_the_lesson_numbers():
    q = QUESTIONS["bayes-010"]
    key = parse_expression(q.answer, q.variables)
    p, s, f = symbols_in(key, "p", "s", "f")
    assert float(key.subs({p: 0.1, s: 0.99, f: 0.1})) == pytest.approx(bayes.posterior(0.1, 0.99, 0.1))


# ----------------------------------------------------------------------------- generators

def _rates(prompt: str) -> tuple[str, str, str]:
    return (found(r"유병률 ([\d.]+)", prompt), found(r"민감도[^\d]*([\d.]+)", prompt),
            found(r"오탐률[^\d]*([\d.]+)", prompt))


def test_generator_posterior():
    for q in instances(LESSON, "bayes.posterior"):
        prior, sens, fpr = (float(v) for v in _rates(q.prompt))
        expected = _enumerate_posterior(prior, sens, fpr)
        assert q.answer == pytest.approx(expected, abs=1e-12)
        check_grades(q, expected)


def test_generator_second_test():
    for q in instances(LESSON, "bayes.second_test"):
        prior, sens, fpr = (float(v) for v in _rates(q.prompt))
        expected = _enumerate_posterior(prior, sens, fpr, positives=2)
        assert q.answer == pytest.approx(expected, abs=1e-12)
        # Near 1 the perturbation must stay a probability to be meaningful; go downwards.
        check_grades(q, expected, step=-0.05)


def test_generator_confusion():
    for q in instances(LESSON, "bayes.confusion"):
        people = int(re.match(r"(\d+)명", q.prompt).group(1))
        expected = _counts(people, *_rates(q.prompt))
        assert q.type == "matrix"
        np.testing.assert_allclose(np.asarray(q.answer, float), expected, atol=1e-9)
        assert np.all(expected == np.round(expected)) and expected.sum() == people
        assert check_answer(q, str(expected.astype(int).tolist())).correct
        bumped = expected.copy()
        bumped[0, 0] += 1
        assert not check_answer(q, str(bumped.tolist())).correct
        if expected[0, 1] != expected[1, 0]:
            swapped = expected[[0, 1]][:, [0, 1]].copy()
            swapped[0, 1], swapped[1, 0] = expected[1, 0], expected[0, 1]
            verdict = check_answer(q, str(swapped.tolist()))
            assert not verdict.correct and "FN과 FP" in verdict.message
        np.testing.assert_allclose(parse_matrix(str(expected.tolist())), expected)
