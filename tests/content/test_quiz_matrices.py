"""Quiz of lesson 02 (matrices): structure, every answer key recomputed, generators over many seeds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
import sympy
from sklearn.linear_model import LinearRegression

import content
from content.generators import Generated, get_generator
from content.grading import check_answer
from content.latex import to_unicode
from mathcore import linalg
from mathcore.parse import parse_expression, parse_matrix, parse_number

ROOT = Path(__file__).resolve().parents[2]
QUIZ = tomllib.loads((ROOT / "content" / "quizzes" / "matrices.toml").read_text(encoding="utf-8"))["question"]
BY_ID = {q["id"]: q for q in QUIZ}
SEEDS = range(50)

# The lesson's (and the seeds') example data, written out again here (not read from the keys).
X = np.array([[1, -2, 3], [7, 5, 0], [-2, -1, 2]], float)
Y = np.array([[0, 1], [1, -1], [-2, 1]], float)
Z = np.array([[0, 1, -1], [1, -1, 0]], float)
A2 = np.array([[2, 1], [5, 3]], float)
SYSTEM_A = np.array([[1, 0, 1], [0, 1, 1]], float)
SYSTEM_B = np.array([2, 3], float)
LINE_X = np.array([1, 2, 3, 4], float)
LINE_Y = np.array([5, 7, 9, 11], float)
TWO_FEATURES = np.array([[1, 1], [1, 2], [2, 2], [2, 3]], float)


def _formulas(text: str) -> list[str]:
    return re.findall(r"(?<!\\)\$(.+?)(?<!\\)\$", text)


def _tuples(text: str) -> list[list[float]]:
    """Every ``(a, b, ...)`` of numbers written in a prompt, in order."""
    found = re.findall(r"\((-?\d+(?:\.\d+)?(?:,\s*-?\d+(?:\.\d+)?)+)\)", text)
    return [[float(v) for v in group.split(",")] for group in found]


def _key(value) -> np.ndarray:
    return np.asarray(value, dtype=float)


def _text(value) -> str:
    """What a learner would type for a key: ``[[1.0, 2.0], [3.0, 4.0]]`` or ``1.0, 2.0``."""
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 1:
        return ", ".join(repr(float(v)) for v in arr)
    return "[" + ", ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in arr) + "]"


# ----------------------------------------------------------------------------- structure

def test_quiz_shape():
    assert len(QUIZ) >= 10
    ids = [q["id"] for q in QUIZ]
    assert ids == [f"matrices-{i:03d}" for i in range(1, len(QUIZ) + 1)]
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
    questions = content.load_catalog().questions("matrices")
    assert [q.id for q in questions] == [q["id"] for q in QUIZ]


# ----------------------------------------------------------------------------- keys

def _computed_keys() -> dict[str, object]:
    """Every numeric and matrix key, recomputed through mathcore from the question's data."""
    return {
        "matrices-001": linalg.matmul(X, Y),
        "matrices-002": linalg.inner(X, Z),
        "matrices-005": linalg.determinant(X),
        "matrices-006": linalg.inverse(A2),
        "matrices-007": linalg.pinv(Y),
        "matrices-009": linalg.solve_min_norm(SYSTEM_A, SYSTEM_B),
        "matrices-010": linalg.least_squares(LINE_X, LINE_Y, intercept=True),
        "matrices-011": linalg.least_squares(LINE_X, LINE_Y, intercept=False)[0],
        "matrices-016": linalg.least_squares(TWO_FEATURES, TWO_FEATURES @ [1, 2] + 3, intercept=True)[-1],
    }


def test_every_numeric_and_matrix_key_is_recomputed():
    assert {q["id"] for q in QUIZ if q["type"] in ("numeric", "matrix")} == set(_computed_keys())


@pytest.mark.parametrize("qid", sorted(_computed_keys()))
def test_key_matches_mathcore(qid):
    q = BY_ID[qid]
    key = q["answer"]
    key = _key(key) if isinstance(key, list) else parse_number(str(key))
    np.testing.assert_allclose(key, _key(_computed_keys()[qid]), atol=min(q["tolerance"], 1e-9), rtol=0)


def test_seed_numbers_from_the_curriculum():
    # curriculum.md: x @ y, np.inner(x, [[0,1,-1],[1,-1,0]]), inv(x), pinv(y), as NumPy prints them.
    np.testing.assert_array_equal(BY_ID["matrices-001"]["answer"], X @ Y)
    np.testing.assert_array_equal(BY_ID["matrices-002"]["answer"], np.inner(X, Z))
    np.testing.assert_array_equal(np.inner(X, Z), X @ Z.T)
    np.testing.assert_allclose(np.linalg.inv(X), [[0.21276596, 0.0212766, -0.31914894],
                                                  [-0.29787234, 0.17021277, 0.44680851],
                                                  [0.06382979, 0.10638298, 0.40425532]], atol=1e-8)
    np.testing.assert_allclose(BY_ID["matrices-007"]["answer"], np.linalg.pinv(Y), atol=1e-12)
    np.testing.assert_allclose(np.asarray(BY_ID["matrices-007"]["answer"]) @ Y, np.eye(2), atol=1e-12)
    assert BY_ID["matrices-005"]["answer"] == pytest.approx(np.linalg.det(X))


def test_keys_against_numpy_and_scikit_learn():
    np.testing.assert_allclose(BY_ID["matrices-006"]["answer"], np.linalg.inv(A2), atol=1e-12)
    solution = np.asarray(BY_ID["matrices-009"]["answer"])
    np.testing.assert_allclose(SYSTEM_A @ solution, SYSTEM_B, atol=1e-12)
    np.testing.assert_allclose(solution, np.linalg.lstsq(SYSTEM_A, SYSTEM_B, rcond=None)[0], atol=1e-12)
    # every other solution (2 - t, 3 - t, t) has a larger norm
    for t in np.linspace(-3, 3, 61):
        assert np.linalg.norm([2 - t, 3 - t, t]) >= np.linalg.norm(solution) - 1e-12

    model = LinearRegression().fit(LINE_X[:, None], LINE_Y)
    np.testing.assert_allclose(BY_ID["matrices-010"]["answer"], [model.coef_[0], model.intercept_], atol=1e-9)
    design = np.column_stack([LINE_X, np.ones(4)])
    np.testing.assert_allclose(BY_ID["matrices-010"]["answer"],
                               np.linalg.lstsq(design, LINE_Y, rcond=None)[0], atol=1e-9)
    origin = LinearRegression(fit_intercept=False).fit(LINE_X[:, None], LINE_Y)
    assert BY_ID["matrices-011"]["answer"] == pytest.approx(origin.coef_[0])

    model2 = LinearRegression().fit(TWO_FEATURES, TWO_FEATURES @ [1, 2] + 3)
    assert BY_ID["matrices-016"]["answer"] == pytest.approx(model2.intercept_)


def test_wrong_answer_keys_are_what_their_messages_say():
    np.testing.assert_array_equal(parse_matrix(BY_ID["matrices-002"]["wrong_answers"][0]["answer"]), X.T @ Z.T)
    np.testing.assert_array_equal(parse_matrix(BY_ID["matrices-007"]["wrong_answers"][0]["answer"]), Y.T)
    assert np.allclose(SYSTEM_A @ np.asarray(BY_ID["matrices-009"]["wrong_answers"][0]["answer"]), SYSTEM_B)


def test_lesson_rank_deficient_example():
    # The lesson's one-hot example: pinv/lstsq and scikit-learn pick different coefficients,
    # the same predictions.
    onehot = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], float)
    target = np.array([5, 6, 9, 10], float)
    ours = linalg.least_squares(onehot, target, intercept=True)
    np.testing.assert_allclose(ours, [0.5, 4.5, 5.0], atol=1e-12)
    np.testing.assert_allclose(ours, np.linalg.lstsq(np.column_stack([onehot, np.ones(4)]), target,
                                                     rcond=None)[0], atol=1e-12)
    model = LinearRegression().fit(onehot, target)
    np.testing.assert_allclose([*model.coef_, model.intercept_], [-2.0, 2.0, 7.5], atol=1e-9)
    np.testing.assert_allclose(np.column_stack([onehot, np.ones(4)]) @ ours, model.predict(onehot), atol=1e-9)


@pytest.mark.parametrize("qid, other", [
    ("matrices-014", "x*x - 2*3"),
    ("matrices-015", "x*x + 2*2"),
])
def test_expression_key_equivalent_to_another_form(qid, other):
    variables = BY_ID[qid].get("variables", ["x"])
    key = parse_expression(BY_ID[qid]["answer"], variables)
    assert sympy.simplify(key - parse_expression(other, variables)) == 0


def test_expression_keys_from_sympy_matrices():
    x = parse_expression("x")  # the parser's own symbol (it may carry assumptions)
    assert sympy.expand(parse_expression(BY_ID["matrices-014"]["answer"]) - sympy.Matrix([[x, 2], [3, x]]).det()) == 0
    m = sympy.Matrix([[1, x], [1, 2]])
    assert sympy.expand(parse_expression(BY_ID["matrices-015"]["answer"]) - (m.T * m)[1, 1]) == 0


@pytest.mark.parametrize("q", [q for q in content.load_catalog().questions("matrices") if q.type != "generated"],
                         ids=lambda q: q.id)
def test_static_keys_grade_correct_and_wrong_answers_wrong(q):
    if q.type == "choice":
        key_text = str(q.answer + 1)  # learners type 1-based numbers
    elif q.type == "matrix":
        key_text = _text(q.answer)
    else:
        key_text = str(q.answer)
    assert check_answer(q, key_text).correct
    for wrong in q.wrong_answers:
        answer = wrong["answer"]
        if q.type == "choice":
            text = answer
        elif isinstance(answer, list):
            text = _text(answer)
        else:
            text = str(answer)
        verdict = check_answer(q, text)
        assert not verdict.correct
        assert wrong["message"] in verdict.message


# ----------------------------------------------------------------------------- generators

def _make(gen_id: str, seed: int) -> Generated:
    made = get_generator(gen_id)(np.random.default_rng(seed), {})
    assert isinstance(made, Generated)
    assert made.prompt.strip() and made.explanation.strip()
    for text in (made.prompt, made.explanation, *made.hints):
        for formula in _formulas(text):
            to_unicode(formula)
    return made


def test_generator_matmul():
    for seed in SEEDS:
        made = _make("matrices.matmul", seed)
        rows = _tuples(made.prompt)
        a, b = np.array(rows[:2]), np.array(rows[2:5])
        np.testing.assert_array_equal(made.answer, a @ b)


def test_generator_inner():
    for seed in SEEDS:
        made = _make("matrices.inner", seed)
        rows = _tuples(made.prompt)
        a, c = np.array(rows[:2]), np.array(rows[2:4])
        np.testing.assert_array_equal(made.answer, np.inner(a, c))
        np.testing.assert_array_equal(made.answer, a @ c.T)


def test_generator_inverse():
    for seed in SEEDS:
        made = _make("matrices.inverse", seed)
        m = np.array(_tuples(made.prompt)[:2])
        assert round(abs(np.linalg.det(m))) in (1, 2)
        np.testing.assert_allclose(made.answer, np.linalg.inv(m), atol=1e-9)
        np.testing.assert_allclose(np.asarray(made.answer) @ m, np.eye(2), atol=1e-9)


def test_generator_regression():
    for seed in SEEDS:
        made = _make("matrices.regression", seed)
        xs, ys = re.findall(r"\$[xy] = ([-\d, ]+)\$", made.prompt)
        x = np.array([float(v) for v in xs.split(",")])
        y = np.array([float(v) for v in ys.split(",")])
        model = LinearRegression().fit(x[:, None], y)
        np.testing.assert_allclose(made.answer, [model.coef_[0], model.intercept_], atol=1e-9)
        np.testing.assert_allclose(made.answer, np.polyfit(x, y, 1), atol=1e-9)


@pytest.mark.parametrize("q", [q for q in content.load_catalog().questions("matrices") if q.type == "generated"],
                         ids=lambda q: q.id)
def test_generated_questions_grade_their_own_key(q):
    for seed in SEEDS:
        concrete = q.instantiate(seed)
        assert concrete == q.instantiate(seed)  # deterministic for a seed
        assert check_answer(concrete, _text(concrete.answer)).correct
        assert not check_answer(concrete, _text(np.asarray(concrete.answer) + 1.0)).correct
        for wrong in concrete.wrong_answers:
            verdict = check_answer(concrete, _text(wrong["answer"]))
            assert not verdict.correct and wrong["message"] in verdict.message
