"""Quiz of lesson 02 (matrices): the common quiz contract, every answer key recomputed,
generators over many seeds."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy
from sklearn.linear_model import LinearRegression

from mathcore import linalg
from mathcore.parse import parse_expression, parse_matrix
from quiz_checks import SEEDS, QuizWithReferences, make, numbers, symbols_in, table_by_id, tuples

LESSON = "matrices"
BY_ID = table_by_id(LESSON)

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


# ----------------------------------------------------------------------------- keys

# Every numeric and matrix key, recomputed through mathcore from the question's data.
COMPUTED = {
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
# Another written form of each expression key.
EXPRESSION_FORMS = {
    "matrices-014": ["x*x - 2*3"],
    "matrices-015": ["x*x + 2*2"],
}


class TestQuizContract(QuizWithReferences):
    lesson = LESSON
    generated_text = False  # the generators write the whole text of their questions
    keys = COMPUTED
    key_atol = 1e-9
    expression_forms = EXPRESSION_FORMS


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


def test_expression_keys_from_sympy_matrices():
    key14 = parse_expression(BY_ID["matrices-014"]["answer"])
    key15 = parse_expression(BY_ID["matrices-015"]["answer"])
    x = symbols_in(key14, "x")
    assert sympy.expand(key14 - sympy.Matrix([[x, 2], [3, x]]).det()) == 0
    m = sympy.Matrix([[1, x], [1, 2]])
    assert sympy.expand(key15 - (m.T * m)[1, 1]) == 0


# ----------------------------------------------------------------------------- generators

def test_generator_matmul():
    for seed in SEEDS:
        made = make("matrices.matmul", seed)
        rows = tuples(made.prompt)
        a, b = np.array(rows[:2]), np.array(rows[2:5])
        np.testing.assert_array_equal(made.answer, a @ b)


def test_generator_inner():
    for seed in SEEDS:
        made = make("matrices.inner", seed)
        rows = tuples(made.prompt)
        a, c = np.array(rows[:2]), np.array(rows[2:4])
        np.testing.assert_array_equal(made.answer, np.inner(a, c))
        np.testing.assert_array_equal(made.answer, a @ c.T)


def test_generator_inverse():
    for seed in SEEDS:
        made = make("matrices.inverse", seed)
        m = np.array(tuples(made.prompt)[:2])
        assert round(abs(np.linalg.det(m))) in (1, 2)
        np.testing.assert_allclose(made.answer, np.linalg.inv(m), atol=1e-9)
        np.testing.assert_allclose(np.asarray(made.answer) @ m, np.eye(2), atol=1e-9)


def test_generator_regression():
    for seed in SEEDS:
        made = make("matrices.regression", seed)
        x, y = (numbers(text) for text in re.findall(r"\$[xy] = ([-\d, ]+)\$", made.prompt))
        model = LinearRegression().fit(x[:, None], y)
        np.testing.assert_allclose(made.answer, [model.coef_[0], model.intercept_], atol=1e-9)
        np.testing.assert_allclose(made.answer, np.polyfit(x, y, 1), atol=1e-9)
