"""Quiz of lesson 01 (vectors): structure, every answer key recomputed, generators over many seeds."""

from __future__ import annotations

import math
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
from mathcore import linalg
from mathcore.parse import parse_expression, parse_number

ROOT = Path(__file__).resolve().parents[2]
QUIZ = tomllib.loads((ROOT / "content" / "quizzes" / "vectors.toml").read_text(encoding="utf-8"))["question"]
BY_ID = {q["id"]: q for q in QUIZ}
SEEDS = range(50)

# The lesson's vectors, written out again here (not read from the keys).
X = np.array([1.0, 7.0, 2.0])
Y = np.array([5.0, 2.0, 1.0])


def _formulas(text: str) -> list[str]:
    return re.findall(r"(?<!\\)\$(.+?)(?<!\\)\$", text)


def _tuples(text: str) -> list[np.ndarray]:
    """Every ``(a, b, ...)`` of numbers written in a prompt, in order."""
    found = re.findall(r"\((-?\d+(?:\.\d+)?(?:,\s*-?\d+(?:\.\d+)?)+)\)", text)
    return [np.array([float(v) for v in group.split(",")]) for group in found]


def _key_text(key) -> str:
    return ", ".join(repr(float(v)) for v in key) if isinstance(key, list) else repr(float(key))


# ----------------------------------------------------------------------------- structure

def test_quiz_shape():
    assert len(QUIZ) >= 10
    ids = [q["id"] for q in QUIZ]
    assert ids == [f"vectors-{i:03d}" for i in range(1, len(QUIZ) + 1)]
    assert len({q["type"] for q in QUIZ} - {"generated"}) >= 3
    assert sum(q["type"] == "generated" for q in QUIZ) >= 2
    assert sum(bool(q.get("wrong_answers")) for q in QUIZ) >= 3


@pytest.mark.parametrize("q", QUIZ, ids=[q["id"] for q in QUIZ])
def test_question_fields(q):
    assert q["prompt"].strip() and q["explanation"].strip()
    if q["type"] in ("numeric", "expression"):
        assert q.get("hints"), "numeric and expression questions need hints"
    if q["type"] == "choice":
        assert 0 <= q["answer"] < len(q["choices"])
    if q["type"] == "generated":
        assert get_generator(q["generator"]) is not None
    texts = [q["prompt"], q["explanation"], *q.get("hints", []), *q.get("choices", []),
             *(w["message"] for w in q.get("wrong_answers", []))]
    for text in texts:
        for formula in _formulas(text):
            to_unicode(formula)  # raises on LaTeX outside the supported subset


def test_catalog_loads_the_quiz():
    questions = content.load_catalog().questions("vectors")
    assert [q.id for q in questions] == [q["id"] for q in QUIZ]
    for q in questions:
        assert "$" not in q.prompt and "$" not in q.explanation


# ----------------------------------------------------------------------------- keys

def _computed_keys() -> dict[str, object]:
    """Every numeric and matrix key, recomputed through mathcore from the question's data."""
    return {
        "vectors-002": linalg.l2_norm(X),
        "vectors-003": linalg.l1_norm([-3, 4, -1]),
        "vectors-005": linalg.hadamard(X, Y),
        "vectors-006": float(linalg.inner(X, Y)),
        "vectors-007": linalg.l2_norm(X - Y),
        "vectors-008": linalg.angle([1, 0], [1, math.sqrt(3)]),
        "vectors-009": linalg.projection(X, Y),
    }


def test_every_numeric_and_matrix_key_is_recomputed():
    numeric = {q["id"] for q in QUIZ if q["type"] in ("numeric", "matrix")}
    assert numeric == set(_computed_keys())


@pytest.mark.parametrize("qid", sorted(_computed_keys()))
def test_key_matches_mathcore(qid):
    q = BY_ID[qid]
    ours = np.asarray(_computed_keys()[qid], dtype=float)
    key = q["answer"]
    key = np.asarray(key, dtype=float) if isinstance(key, list) else parse_number(str(key))
    np.testing.assert_allclose(key, ours, atol=min(q.get("tolerance", 1e-6), 1e-6), rtol=0)


def test_keys_match_numpy_too():
    # Independent reference: NumPy's own routines on the same data.
    assert parse_number(BY_ID["vectors-002"]["answer"]) == pytest.approx(np.linalg.norm(X))
    assert BY_ID["vectors-003"]["answer"] == np.linalg.norm([-3, 4, -1], 1)
    np.testing.assert_array_equal(BY_ID["vectors-005"]["answer"], X * Y)  # seed: [5, 14, 2]
    assert BY_ID["vectors-006"]["answer"] == np.dot(X, Y) == 21
    assert parse_number(BY_ID["vectors-007"]["answer"]) == pytest.approx(np.linalg.norm(X - Y))
    cos = np.dot([1, 0], [1, math.sqrt(3)]) / 2.0
    assert parse_number(BY_ID["vectors-008"]["answer"]) == pytest.approx(np.arccos(cos))
    np.testing.assert_allclose(BY_ID["vectors-009"]["answer"], np.dot(X, Y) / np.dot(Y, Y) * Y)


def test_projection_residual_is_orthogonal():
    residual = X - np.asarray(BY_ID["vectors-009"]["answer"])
    assert abs(residual @ Y) < 1e-12


@pytest.mark.parametrize("qid, other", [
    ("vectors-012", "x*3 + 1*x + 2*(-1)"),
    ("vectors-013", "x^2 + (x + 1)^2 + 2^2"),
])
def test_expression_key_equivalent_to_another_form(qid, other):
    key = parse_expression(BY_ID[qid]["answer"], BY_ID[qid].get("variables", ["x"]))
    alt = parse_expression(other, BY_ID[qid].get("variables", ["x"]))
    assert sympy.simplify(key - alt) == 0


def test_expression_keys_are_symbolic_inner_products():
    x = parse_expression("x")  # the parser's own symbol (it may carry assumptions)
    u, w = sympy.Matrix([x, 1, 2]), sympy.Matrix([3, x, -1])
    v = sympy.Matrix([x, x + 1, 2])
    key12 = parse_expression(BY_ID["vectors-012"]["answer"])
    key13 = parse_expression(BY_ID["vectors-013"]["answer"])
    assert sympy.expand(key12 - u.dot(w)) == 0
    assert sympy.expand(key13 - v.dot(v)) == 0


@pytest.mark.parametrize("q", [q for q in content.load_catalog().questions("vectors") if q.type != "generated"],
                         ids=lambda q: q.id)
def test_static_keys_grade_correct_and_wrong_answers_wrong(q):
    if q.type == "choice":
        key_text = str(q.answer + 1)  # learners type 1-based numbers
    elif q.type == "matrix":
        key_text = _key_text(q.answer)
    else:
        key_text = str(q.answer)
    assert check_answer(q, key_text).correct
    for wrong in q.wrong_answers:
        answer = wrong["answer"]
        text = answer if isinstance(answer, int) and q.type == "choice" else (
            _key_text(answer) if isinstance(answer, list) else str(answer))
        verdict = check_answer(q, text)
        assert not verdict.correct
        assert wrong["message"] in verdict.message  # the targeted feedback is shown


# ----------------------------------------------------------------------------- generators

def _make(gen_id: str, seed: int, params: dict | None = None) -> Generated:
    made = get_generator(gen_id)(np.random.default_rng(seed), dict(params or {}))
    assert isinstance(made, Generated)
    assert made.prompt.strip() and made.explanation.strip()
    for text in (made.prompt, made.explanation, *made.hints):
        for formula in _formulas(text):
            to_unicode(formula)
    return made


@pytest.mark.parametrize("kind, reference", [
    ("l1", lambda v: np.sum(np.abs(v))),
    ("l2", lambda v: np.sqrt(np.sum(v * v))),
    ("linf", lambda v: np.max(np.abs(v))),
])
def test_generator_norm(kind, reference):
    for seed in SEEDS:
        made = _make("vectors.norm", seed, {"kind": kind})
        (v,) = _tuples(made.prompt)
        assert made.type == "numeric"
        assert made.answer == pytest.approx(reference(v), abs=1e-12)
        assert made.answer == pytest.approx(np.linalg.norm(v, {"l1": 1, "l2": 2, "linf": np.inf}[kind]))
        for wrong in made.wrong_answers:
            assert abs(parse_number(wrong["answer"]) - made.answer) > made.tolerance


def test_generator_norm_rejects_unknown_kind():
    with pytest.raises(ValueError):
        _make("vectors.norm", 0, {"kind": "l3"})


def test_generator_angle():
    for seed in SEEDS:
        made = _make("vectors.angle", seed)
        a, b = _tuples(made.prompt)
        cos = np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
        assert made.answer == pytest.approx(np.degrees(np.arccos(cos)), abs=1e-9)
        assert 0 < made.answer < 180  # the generator avoids parallel vectors


def test_generator_projection():
    for seed in SEEDS:
        made = _make("vectors.projection", seed)
        x, y = _tuples(made.prompt)
        expected = np.dot(x, y) / np.dot(y, y) * y
        np.testing.assert_allclose(made.answer, expected, atol=1e-12)
        assert abs((x - np.asarray(made.answer)) @ y) < 1e-9


def test_generator_hadamard():
    for seed in SEEDS:
        made = _make("vectors.hadamard", seed)
        x, y = _tuples(made.prompt)
        np.testing.assert_array_equal(made.answer, x * y)


@pytest.mark.parametrize("q", [q for q in content.load_catalog().questions("vectors") if q.type == "generated"],
                         ids=lambda q: q.id)
def test_generated_questions_grade_their_own_key(q):
    for seed in SEEDS:
        concrete = q.instantiate(seed)
        assert concrete == q.instantiate(seed)  # deterministic for a seed
        assert check_answer(concrete, _key_text(concrete.answer)).correct
        key = concrete.answer
        perturbed = [v + 1.0 for v in key] if isinstance(key, list) else key + 1.0
        assert not check_answer(concrete, _key_text(perturbed)).correct
        for wrong in concrete.wrong_answers:
            answer = wrong["answer"]
            verdict = check_answer(concrete, _key_text(answer) if isinstance(answer, list) else str(answer))
            assert not verdict.correct and wrong["message"] in verdict.message
