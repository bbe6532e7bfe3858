"""Quiz of lesson 00 (intro): structure, every answer key recomputed, generators over many seeds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
import sympy

import content
from content.generators import Generated, get_generator
from content.grading import check_answer
from content.latex import to_unicode
from mathcore import linalg, regression
from mathcore.parse import parse_expression, parse_number

ROOT = Path(__file__).resolve().parents[2]
QUIZ = tomllib.loads((ROOT / "content" / "quizzes" / "intro.toml").read_text(encoding="utf-8"))["question"]
BY_ID = {q["id"]: q for q in QUIZ}
SEEDS = range(50)

# The lesson's example data, written out again here (not read from the keys).
XS = np.array([1.0, 2.0, 3.0, 4.0])
YS = np.array([2.1, 3.9, 6.2, 7.8])


def _formulas(text: str) -> list[str]:
    return re.findall(r"(?<!\\)\$(.+?)(?<!\\)\$", text)


def _numbers(text: str) -> list[float]:
    return [float(v) for v in re.split(r",\s*", text)]


# ----------------------------------------------------------------------------- structure

def test_quiz_shape():
    assert len(QUIZ) >= 10
    ids = [q["id"] for q in QUIZ]
    assert ids == [f"intro-{i:03d}" for i in range(1, len(QUIZ) + 1)]
    assert len({q["type"] for q in QUIZ} - {"generated"}) >= 3
    assert sum(q["type"] == "generated" for q in QUIZ) >= 2
    assert sum(bool(q.get("wrong_answers")) for q in QUIZ) >= 3


@pytest.mark.parametrize("q", [q for q in QUIZ if q["type"] != "generated"], ids=lambda q: q["id"])
def test_question_fields(q):
    assert q["prompt"].strip() and q["explanation"].strip()
    if q["type"] in ("numeric", "expression"):
        assert q.get("hints"), "numeric and expression questions need hints"
    if q["type"] == "choice":
        assert 0 <= q["answer"] < len(q["choices"])
    texts = [q["prompt"], q["explanation"], *q.get("hints", []), *q.get("choices", []),
             *(w["message"] for w in q.get("wrong_answers", []))]
    for text in texts:
        for formula in _formulas(text):
            to_unicode(formula)  # raises on LaTeX outside the supported subset


def test_generators_exist():
    for q in QUIZ:
        if q["type"] == "generated":
            assert get_generator(q["generator"]) is not None


def test_catalog_loads_the_quiz():
    questions = content.load_catalog().questions("intro")
    assert [q.id for q in questions] == [q["id"] for q in QUIZ]


# ----------------------------------------------------------------------------- keys

def _one_step(w0: float, lr: float) -> float:
    result = regression.gd_linear_regression(XS.reshape(-1, 1), YS, lr=lr, steps=1,
                                             init=np.array([w0]), intercept=False)
    return float(result.beta[0])


def _computed_keys() -> dict[str, float]:
    """Every numeric key, recomputed through mathcore from the question's data."""
    return {
        "intro-004": float(linalg.matmul([[3.0, 1.0]], [2.0, 0.5])[0]),  # w·(x, 1)
        "intro-005": linalg.l2_norm(2 * XS - YS) ** 2 / XS.size,
        "intro-006": _one_step(0.0, 0.01),
        "intro-007": 2.0 / linalg.l2_norm(XS) ** 2,
    }


def test_every_numeric_key_is_recomputed():
    assert {q["id"] for q in QUIZ if q["type"] in ("numeric", "matrix")} == set(_computed_keys())


@pytest.mark.parametrize("qid", sorted(_computed_keys()))
def test_key_matches_mathcore(qid):
    key = parse_number(str(BY_ID[qid]["answer"]))
    assert key == pytest.approx(_computed_keys()[qid], abs=1e-9)


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


@pytest.mark.parametrize("qid, other", [
    ("intro-008", "1*(w*1 - 2) + 2*(w*2 - 3)"),
    ("intro-009", "(2w - 3)^2"),
])
def test_expression_key_equivalent_to_another_form(qid, other):
    variables = BY_ID[qid]["variables"]
    key = parse_expression(BY_ID[qid]["answer"], variables)
    assert sympy.simplify(key - parse_expression(other, variables)) == 0


def test_expression_keys_are_the_derivative_and_the_loss():
    w = parse_expression("w", ["w"])  # the parser's own symbol (it may carry assumptions)
    loss = sympy.Rational(1, 2) * ((w * 1 - 2) ** 2 + (w * 2 - 3) ** 2)
    assert sympy.expand(parse_expression(BY_ID["intro-008"]["answer"], ["w"]) - sympy.diff(loss, w)) == 0
    assert sympy.expand(parse_expression(BY_ID["intro-009"]["answer"], ["w"]) - (2 * w - 3) ** 2) == 0


@pytest.mark.parametrize("q", [q for q in content.load_catalog().questions("intro") if q.type != "generated"],
                         ids=lambda q: q.id)
def test_static_keys_grade_correct_and_wrong_answers_wrong(q):
    key_text = str(q.answer + 1) if q.type == "choice" else str(q.answer)  # choices are typed 1-based
    assert check_answer(q, key_text).correct
    for wrong in q.wrong_answers:
        answer = wrong["answer"]
        verdict = check_answer(q, answer if q.type == "choice" else str(answer))
        assert not verdict.correct
        assert wrong["message"] in verdict.message


# ----------------------------------------------------------------------------- generators

def _make(gen_id: str, seed: int) -> Generated:
    made = get_generator(gen_id)(np.random.default_rng(seed), {})
    assert isinstance(made, Generated) and made.type == "numeric"
    assert made.prompt.strip() and made.explanation.strip()
    for text in (made.prompt, made.explanation, *made.hints):
        for formula in _formulas(text):
            to_unicode(formula)
    return made


def test_generator_mse():
    for seed in SEEDS:
        made = _make("intro.mse", seed)
        xs, ys = re.findall(r"\$[xy] = ([-\d., ]+)\$", made.prompt)
        (line,) = re.findall(r"\$h\(x\) = ([^$]+)\$", made.prompt)
        w1, w2 = _parse_line(line)
        x, y = np.array(_numbers(xs)), np.array(_numbers(ys))
        assert made.answer == pytest.approx(np.mean((w1 * x + w2 - y) ** 2), abs=1e-9)


def _parse_line(text: str) -> tuple[float, float]:
    """(w1, w2) from the generator's ``-2x - 2`` / ``x + 3`` / ``3x`` / ``4``."""
    expr = parse_expression(text.replace(" ", ""))
    x = parse_expression("x")
    return float(expr.coeff(x, 1)), float(expr.coeff(x, 0))


def test_generator_gd_step():
    for seed in SEEDS:
        made = _make("intro.gd_step", seed)
        xs, ys = re.findall(r"\$[xy] = ([-\d., ]+)\$", made.prompt)
        w0 = float(re.search(r"\$w = (-?\d+)\$", made.prompt).group(1))
        lr = float(re.search(r"\\eta = ([\d.]+)\$", made.prompt).group(1))
        x, y = np.array(_numbers(xs)), np.array(_numbers(ys))
        expected = w0 - lr * np.sum(x * (w0 * x - y))
        assert made.answer == pytest.approx(expected, abs=1e-9)


def test_generator_lr_limit():
    for seed in SEEDS:
        made = _make("intro.lr_limit", seed)
        (xs,) = re.findall(r"\$x = ([-\d., ]+)\$", made.prompt)
        x = np.array(_numbers(xs))
        assert made.answer == pytest.approx(2.0 / np.dot(x, x), abs=1e-11)


@pytest.mark.parametrize("q", [q for q in content.load_catalog().questions("intro") if q.type == "generated"],
                         ids=lambda q: q.id)
def test_generated_questions_grade_their_own_key(q):
    for seed in SEEDS:
        concrete = q.instantiate(seed)
        assert concrete == q.instantiate(seed)  # deterministic for a seed
        assert check_answer(concrete, repr(float(concrete.answer))).correct
        assert not check_answer(concrete, repr(float(concrete.answer) + 1.0)).correct
        for wrong in concrete.wrong_answers:
            verdict = check_answer(concrete, str(wrong["answer"]))
            assert not verdict.correct and wrong["message"] in verdict.message
