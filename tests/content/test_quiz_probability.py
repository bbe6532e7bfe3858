"""Lesson 06 (probability): lesson front matter, every quiz key recomputed, generators over seeds."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy
from scipy import integrate, special, stats

from content import check_answer, load_catalog
from mathcore import probability
from mathcore.parse import parse_expression, parse_matrix, parse_number, symbol_in

LESSON = "probability"
SEEDS = range(50)
CATALOG = load_catalog()
QUESTIONS = {q.id: q for q in CATALOG.questions(LESSON)}


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


def _uniform_variance() -> sympy.Expr:
    a, x = sympy.symbols("a x", positive=True)
    second = sympy.integrate(x**2 / a, (x, 0, a))
    first = sympy.integrate(x / a, (x, 0, a))
    return sympy.simplify(second - first**2)


def _key(q) -> float:
    return float(q.answer) if isinstance(q.answer, (int, float)) else parse_number(q.answer)


def _equivalent(a: str, b: str, variables) -> bool:
    diff = parse_expression(a, variables) - parse_expression(b, variables)
    return sympy.simplify(diff) == 0


# ----------------------------------------------------------------------------- lesson

def test_lesson_front_matter_and_panels():
    lesson = next(l for l in CATALOG.lessons if l.id == LESSON)
    assert lesson.order == 6
    assert list(lesson.panels) == ["probability.monte_carlo", "probability.moments"]
    body = lesson.body()
    assert "$" not in body.replace("\\$", "")
    for heading in ("몬테카를로", "자주 하는 실수", "핵심 정리"):
        assert heading in body
    for panel in lesson.panels:
        assert f"[실습: {panel}]" in body


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

def test_quiz_shape():
    qs = list(QUESTIONS.values())
    assert len(qs) >= 10
    assert [q.id for q in qs] == [f"{LESSON}-{i:03d}" for i in range(1, len(qs) + 1)]
    assert len({q.type for q in qs} - {"generated"}) >= 3
    assert sum(q.type == "generated" for q in qs) >= 2
    assert sum(bool(q.wrong_answers) for q in qs) >= 3
    for q in qs:
        assert q.explanation.strip()
        if q.type in ("numeric", "expression"):
            assert q.hints, q.id


def test_every_key_has_a_reference():
    typed = {"numeric": NUMERIC, "matrix": MATRIX, "expression": EXPRESSION_FORMS}
    for q in QUESTIONS.values():
        if q.type in typed:
            assert q.id in typed[q.type], f"{q.id} has no independent check"


@pytest.mark.parametrize("qid", sorted(NUMERIC))
def test_numeric_key(qid):
    q = QUESTIONS[qid]
    expected = float(NUMERIC[qid]())
    assert abs(_key(q) - expected) <= q.tolerance, (qid, _key(q), expected)
    assert check_answer(q, repr(expected)).correct


@pytest.mark.parametrize("qid", sorted(MATRIX))
def test_matrix_key(qid):
    q = QUESTIONS[qid]
    expected = np.asarray(MATRIX[qid](), float)
    np.testing.assert_allclose(np.asarray(q.answer, float), expected, atol=q.tolerance)
    assert check_answer(q, str(expected.tolist())).correct


@pytest.mark.parametrize("qid", sorted(EXPRESSION_FORMS))
def test_expression_key(qid):
    q = QUESTIONS[qid]
    for other in EXPRESSION_FORMS[qid]:
        assert _equivalent(q.answer, other, q.variables), (qid, other)
        assert check_answer(q, other).correct
    for wrong in q.wrong_answers:
        assert not _equivalent(q.answer, wrong["answer"], q.variables)


def test_uniform_variance_derived_by_sympy():
    q = QUESTIONS["probability-010"]
    a = sympy.Symbol("a", positive=True)
    parsed = parse_expression(q.answer, ["a"])
    key = parsed.subs(symbol_in(parsed, "a"), a)
    assert sympy.simplify(key - _uniform_variance()) == 0


def test_wrong_answers_get_their_feedback():
    for q in QUESTIONS.values():
        for wrong in q.wrong_answers:
            verdict = check_answer(q, wrong["answer"])
            assert not verdict.correct, (q.id, wrong["answer"])
            assert wrong["message"] in verdict.message, q.id


def test_choice_keys_are_valid():
    for q in QUESTIONS.values():
        if q.type == "choice":
            assert 0 <= q.answer < len(q.choices)
            assert check_answer(q, q.answer).correct


# ----------------------------------------------------------------------------- generators

def _instances(generator_id: str):
    template = next(q for q in QUESTIONS.values() if q.type == "generated" and q.generator == generator_id)
    return [template.instantiate(seed) for seed in SEEDS]


def _ints_in_parens(text: str) -> list[np.ndarray]:
    return [np.array([float(v) for v in group.split(",")]) for group in re.findall(r"\(([-\d, ]+)\)", text)]


def _assert_grades(q, expected: float):
    assert check_answer(q, repr(expected)).correct
    assert not check_answer(q, repr(expected + max(10 * q.tolerance, 0.05 * abs(expected), 0.01))).correct
    assert "$" not in q.prompt and "$" not in q.explanation


def test_generator_sample_variance():
    for q in _instances("probability.sample_variance"):
        (sample,) = _ints_in_parens(q.prompt)
        expected = float(np.var(sample))
        assert q.type == "numeric" and q.answer == pytest.approx(expected, abs=1e-9)
        assert expected > 0
        _assert_grades(q, expected)


def test_generator_covariance():
    for q in _instances("probability.covariance"):
        a, b = _ints_in_parens(q.prompt)
        expected = float(np.cov(a, b, bias=True)[0, 1])
        assert q.answer == pytest.approx(expected, abs=1e-9)
        _assert_grades(q, expected)


def test_generators_are_deterministic():
    for gid in ("probability.sample_variance", "probability.covariance"):
        template = next(q for q in QUESTIONS.values() if q.generator == gid)
        first, second = template.instantiate(7), template.instantiate(7)
        assert (first.prompt, first.answer) == (second.prompt, second.answer)
        prompts = {template.instantiate(s).prompt for s in range(10)}
        assert len(prompts) > 5


def test_matrix_parse_of_wrong_answer():
    """The wrong answer of probability-005 is P(X | Y): columns normalised instead of rows."""
    q = QUESTIONS["probability-005"]
    joint = np.array([[0.1, 0.3], [0.45, 0.15]])
    np.testing.assert_allclose(parse_matrix(q.wrong_answers[0]["answer"]), joint / joint.sum(axis=0))
