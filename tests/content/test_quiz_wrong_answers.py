"""The targeted wrong answers of lessons 00–10 are what the named mistake really produces: each is
recomputed here from the question's data by doing the mistake (numpy, scipy, sympy), and must be a
``wrong_answers`` entry of that question. (The quiz contract already checks that every wrong
answer grades wrong and gets its message.)"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from scipy import integrate, signal, special

from mathcore.parse import parse_expression, parse_matrix, parse_number
from quiz_checks import equivalent, questions_by_id

X_INTRO = np.array([1.0, 2.0, 3.0, 4.0])
X_VEC, Y_VEC = np.array([1.0, 7.0, 2.0]), np.array([5.0, 2.0, 1.0])
X_CNN = np.array([[2, 0, 1], [1, 3, 0], [0, 1, 2]])


def _w(symbol: str = "w"):
    return sympy.Symbol(symbol)


w, x = _w("w"), _w("x")

# question id -> list of (what the mistake does, the value it produces)
MISTAKES = {
    "intro-004": [("intercept dropped", 2 * 3)],
    "intro-007": [("Σx instead of Σx²", 2 / X_INTRO.sum())],
    "intro-009": [("cross term dropped", sympy.expand((2 * w) ** 2 + 3 ** 2)),
                  ("½Σ loss instead of the MSE", sympy.expand(sympy.Rational(1, 2) * (2 * w - 3) ** 2))],
    "intro-017": [("sign of the factor dropped", abs(1 - 30 * 0.05) ** 3 * -1.0),
                  ("two steps instead of three", (1 - 30 * 0.05) ** 2 * -1.0)],
    "vectors-006": [("product of the norms", np.linalg.norm(X_VEC) * np.linalg.norm(Y_VEC)),
                    ("all components added", X_VEC.sum() + Y_VEC.sum())],
    "vectors-009": [("divided by ‖y‖ once", X_VEC @ Y_VEC / np.linalg.norm(Y_VEC) * Y_VEC),
                    ("coefficient times x", X_VEC @ Y_VEC / (Y_VEC @ Y_VEC) * X_VEC)],
    "vectors-013": [("(x + 1)² as x² + 1", sympy.expand(x**2 + (x**2 + 1) + 4)),
                    ("components not squared", sympy.expand(x + (x + 1) + 2))],
    "matrices-001": [("columns of X with columns of Y", np.array([[1, -2, 3], [7, 5, 0], [-2, -1, 2]]).T
                      @ np.array([[0, 1], [1, -1], [-2, 1]]))],
    "matrices-015": [("X Xᵀ instead of Xᵀ X", (lambda m: (m @ m.T)[1, 1])(np.array([[1.0, 3.0], [1.0, 2.0]]))),
                     ("off-diagonal entry", sympy.expand(sympy.Matrix([[1, x], [1, 2]]).T
                                                          @ sympy.Matrix([[1, x], [1, 2]]))[0, 1])],
    "matrices-016": [("first coefficient", np.linalg.lstsq(np.array([[1, 1, 1], [1, 2, 1], [2, 2, 1], [2, 3, 1]], float),
                                                          [6, 8, 9, 11], rcond=None)[0][0]),
                     ("second coefficient", np.linalg.lstsq(np.array([[1, 1, 1], [1, 2, 1], [2, 2, 1], [2, 3, 1]], float),
                                                           [6, 8, 9, 11], rcond=None)[0][1])],
    "deep_learning-004": [("bias on the first row only",
                           np.array([[1, 2], [0, 1]]) @ np.array([[1, 0, -1], [2, 1, 0]]) + np.array([[0, 1, 2], [0, 0, 0]]))],
    "deep_learning-009": [("a bias on the inputs too", 4 * 8 + 8 + 8 * 3 + 3 + 4)],
    "probability-003": [("standard deviation", math.sqrt(0.49))],
    "probability-009": [("erf(1) without √π", special.erf(1.0)),
                        ("only [0, 1]", integrate.quad(lambda t: np.exp(-t**2), 0, 1)[0])],
    "statistics-005": [("class 1 instead of class 2", 8 / 20), ("count instead of proportion", 7)],
    "statistics-008": [("class 1's probability", -math.log(0.7)), ("counted from 0", -math.log(0.1))],
    "bayes-005": [("FP and TN from all 2000 people", [[2000 * 0.05 * 0.9, 2000 * 0.05 * 0.1],
                                                      [2000 * 0.05, 2000 * 0.95]])],
    "cnn-008": [("padding dropped", (9 - 3) // 2 + 1), ("stride dropped", 9 + 2 - 3 + 1)],
    "cnn-009": [("δ flipped (convolution)", signal.convolve2d(X_CNN, [[1, 0], [2, -1]], mode="valid"))],
    "cnn-011": [("kernel flipped", sympy.expand((1 * 1 + w * 2) + (1 * 2 + w * 3))), ("first output only", w * 1 + 2)],
    "rnn-002": [("P(X₁) forgotten", 0.8 * 0.3), ("sunny on day three", 0.5 * 0.8 * 0.7), ("stopped at day two", 0.5 * 0.8)],
    "rnn-003": [("coefficients swapped", 0.2 * (0.5 * 2 + 0.2 * 1) + 0.5 * 2)],
    "rnn-006": [("ρ times k", 0.8 * 10), ("one step", 0.8)],
}

CASES = [(qid, what, value) for qid, items in MISTAKES.items() for what, value in items]


def _lesson(qid: str) -> str:
    return qid.rsplit("-", 1)[0]


def _matches(q, written, value) -> bool:
    if isinstance(value, sympy.Expr):
        return q.type == "expression" and equivalent(str(written), str(value).replace("**", "^"), q.variables)
    if q.type == "matrix":
        got = parse_matrix(written) if isinstance(written, str) else written
        got, value = np.asarray(got, float), np.asarray(value, float)
        if np.size(q.answer) == np.shape(q.answer)[-1]:  # a vector key: [a, b, c] reads as one row
            got, value = got.ravel(), value.ravel()
        return got.shape == value.shape and np.allclose(got, value, atol=max(q.tolerance, 1e-3))
    got = parse_number(written) if isinstance(written, str) else float(written)
    return abs(got - float(value)) <= max(q.tolerance, 1e-4)


@pytest.mark.parametrize("qid, what, value", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_wrong_answer_is_what_the_mistake_produces(qid, what, value):
    q = questions_by_id(_lesson(qid))[qid]
    assert any(_matches(q, wrong["answer"], value) for wrong in q.wrong_answers), (qid, what, value,
                                                                                 [w["answer"] for w in q.wrong_answers])


def test_expression_wrong_answers_parse():
    """The expression mistakes above are written in the learner's syntax."""
    for qid in ("intro-009", "vectors-013", "cnn-011"):
        q = questions_by_id(_lesson(qid))[qid]
        for wrong in q.wrong_answers:
            parse_expression(wrong["answer"], q.variables)
