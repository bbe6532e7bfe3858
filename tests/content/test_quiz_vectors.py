"""Quiz of lesson 01 (vectors): the common quiz contract, every answer key recomputed,
generators over many seeds."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathcore import linalg
from mathcore.parse import parse_expression, parse_number
from quiz_checks import SEEDS, QuizWithReferences, make, symbols_in, table_by_id, tuples

LESSON = "vectors"
BY_ID = table_by_id(LESSON)

# The lesson's vectors, written out again here (not read from the keys).
X = np.array([1.0, 7.0, 2.0])
Y = np.array([5.0, 2.0, 1.0])


# ----------------------------------------------------------------------------- keys

# Every numeric and matrix key, recomputed through mathcore from the question's data.
COMPUTED = {
    "vectors-002": linalg.l2_norm(X),
    "vectors-003": linalg.l1_norm([-3, 4, -1]),
    "vectors-005": linalg.hadamard(X, Y),
    "vectors-006": float(linalg.inner(X, Y)),
    "vectors-007": linalg.l2_norm(X - Y),
    "vectors-008": linalg.angle([1, 0], [1, math.sqrt(3)]),
    "vectors-009": linalg.projection(X, Y),
}
# Another written form of each expression key.
EXPRESSION_FORMS = {
    "vectors-012": ["x*3 + 1*x + 2*(-1)"],
    "vectors-013": ["x^2 + (x + 1)^2 + 2^2"],
}


class TestQuizContract(QuizWithReferences):
    lesson = LESSON
    keys = COMPUTED
    key_atol = 1e-6
    expression_forms = EXPRESSION_FORMS


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


def test_expression_keys_are_symbolic_inner_products():
    key12 = parse_expression(BY_ID["vectors-012"]["answer"])
    key13 = parse_expression(BY_ID["vectors-013"]["answer"])
    x = symbols_in(key12, "x")
    u, w = sympy.Matrix([x, 1, 2]), sympy.Matrix([3, x, -1])
    v = sympy.Matrix([x, x + 1, 2])
    assert sympy.expand(key12 - u.dot(w)) == 0
    assert sympy.expand(key13 - v.dot(v)) == 0


# ----------------------------------------------------------------------------- generators

@pytest.mark.parametrize("kind, reference", [
    ("l1", lambda v: np.sum(np.abs(v))),
    ("l2", lambda v: np.sqrt(np.sum(v * v))),
    ("linf", lambda v: np.max(np.abs(v))),
])
def test_generator_norm(kind, reference):
    for seed in SEEDS:
        made = make("vectors.norm", seed, {"kind": kind})
        (v,) = tuples(made.prompt)
        assert made.type == "numeric"
        assert made.answer == pytest.approx(reference(v), abs=1e-12)
        assert made.answer == pytest.approx(np.linalg.norm(v, {"l1": 1, "l2": 2, "linf": np.inf}[kind]))
        for wrong in made.wrong_answers:
            assert abs(parse_number(wrong["answer"]) - made.answer) > made.tolerance


def test_generator_norm_rejects_unknown_kind():
    with pytest.raises(ValueError):
        make("vectors.norm", 0, {"kind": "l3"})


def test_generator_angle():
    for seed in SEEDS:
        made = make("vectors.angle", seed)
        a, b = tuples(made.prompt)
        cos = np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
        assert made.answer == pytest.approx(np.degrees(np.arccos(cos)), abs=1e-9)
        assert 0 < made.answer < 180  # the generator avoids parallel vectors


def test_generator_projection():
    for seed in SEEDS:
        made = make("vectors.projection", seed)
        x, y = tuples(made.prompt)
        expected = np.dot(x, y) / np.dot(y, y) * y
        np.testing.assert_allclose(made.answer, expected, atol=1e-12)
        assert abs((x - np.asarray(made.answer)) @ y) < 1e-9


def test_generator_hadamard():
    for seed in SEEDS:
        made = make("vectors.hadamard", seed)
        x, y = tuples(made.prompt)
        np.testing.assert_array_equal(made.answer, x * y)
