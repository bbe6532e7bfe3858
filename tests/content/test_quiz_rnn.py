"""Quiz of lesson 10 (rnn): the common quiz contract, every answer key recomputed, generators over
many seeds."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathcore import linalg, rnn
from mathcore.parse import parse_expression, parse_matrix, parse_number
from quiz_checks import (NUMBER, SEEDS, QuizContract, equivalent, found, make, number_after, same_expression,
                         symbols_in, table_by_id, tuples, vector_after)

LESSON = "rnn"
BY_ID = table_by_id(LESSON)


def _scalar_rnn(x, w_x, w_h, b, h0=0.0) -> list[float]:
    """Reference loop with math.tanh, independent of numpy and mathcore."""
    h, out = h0, []
    for x_t in x:
        h = math.tanh(w_x * x_t + w_h * h + b)
        out.append(h)
    return out


class TestQuizContract(QuizContract):
    lesson = LESSON
    seeds = sorted({*SEEDS, *range(0, 200, 4)})


# ----------------------------------------------------------------------------- keys

def test_key_rnn_002_chain_rule():
    # Joint probability of the three-day sequence by enumerating a tiny weather model.
    p_first = {"sun": 0.5, "rain": 0.5}
    p_second = {"sun": 0.8, "rain": 0.2}          # given day 1 sunny
    p_third = {"sun": 0.7, "rain": 0.3}           # given two sunny days
    joint = p_first["sun"] * p_second["sun"] * p_third["rain"]
    assert BY_ID["rnn-002"]["answer"] == pytest.approx(joint)
    assert parse_number(BY_ID["rnn-002"]["wrong_answers"][0]["answer"]) != pytest.approx(joint)


def test_key_rnn_003_ar2():
    x = [1.0, 2.0]
    for _ in range(2):
        x.append(float(linalg.matmul([[x[-1], x[-2]]], [[0.5], [0.2]])[0, 0]))
    assert BY_ID["rnn-003"]["answer"] == pytest.approx(x[3])
    assert parse_number(BY_ID["rnn-003"]["wrong_answers"][0]["answer"]) == pytest.approx(x[2])


def test_key_rnn_004_hidden_state():
    H = np.asarray(rnn.rnn_forward(np.array([[1.0], [1.0]]), [[1.0]], [[0.5]], [0.0]))
    ref = _scalar_rnn([1.0, 1.0], 1.0, 0.5, 0.0)
    assert H[-1, 0] == pytest.approx(ref[-1])
    q = BY_ID["rnn-004"]
    assert abs(q["answer"] - H[-1, 0]) <= q["tolerance"]
    assert abs(parse_number(q["wrong_answers"][0]["answer"]) - H[0, 0]) < 1e-4


def test_key_rnn_005_parameter_count():
    d, h, q = 10, 20, 5
    shapes = [(d, h), (h, h), (h, q), (h,), (q,)]
    assert BY_ID["rnn-005"]["answer"] == sum(int(np.prod(s)) for s in shapes)
    # The same weights run a sequence of any length.
    rng = np.random.default_rng(0)
    W_x, W_h, b = rng.normal(size=(d, h)), rng.normal(size=(h, h)) * 0.1, np.zeros(h)
    for T in (3, 100):
        assert np.asarray(rnn.rnn_forward(rng.normal(size=(T, d)), W_x, W_h, b)).shape == (T, h)


def test_key_rnn_006_decay():
    theta = 0.4
    R = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    W = 0.8 * R
    norm = np.linalg.norm(np.linalg.matrix_power(W.T, 10), 2)
    q = BY_ID["rnn-006"]
    assert abs(q["answer"] - norm) <= q["tolerance"]
    # mathcore's curve for the same matrix agrees at distance 10 (states stay at 0: linear regime).
    curve = np.asarray(rnn.gradient_norms_through_time(W, 11), dtype=float).reshape(-1)
    assert curve[10] == pytest.approx(0.8 ** 10, rel=1e-6)


def test_key_rnn_007_expression():
    q = BY_ID["rnn-007"]
    key = parse_expression(q["answer"], q["variables"])
    w, u = symbols_in(key, "w", "u")
    h2, x3, x4, x5 = sympy.symbols("h2 x3 x4 x5")
    h = h2
    for x_t in (x3, x4, x5):
        h = w * h + u * x_t
    assert same_expression(key, sympy.diff(h, h2))
    assert equivalent(q["answer"], "w*w*w", q["variables"])
    for wrong in q["wrong_answers"]:
        assert not equivalent(q["answer"], wrong["answer"], q["variables"])


def test_key_rnn_008_clip_component():
    g1, g2 = np.array([2.0, 1.0]), np.array([2.0, 4.0])
    clipped = rnn.clip_gradients([g1, g2], 1.0)
    q = BY_ID["rnn-008"]
    assert q["answer"] == pytest.approx(float(np.asarray(clipped[1])[1]))
    total = math.sqrt(sum(v * v for v in [2, 1, 2, 4]))
    assert q["answer"] == pytest.approx(4 / total)
    per_tensor = 4 / math.sqrt(20)
    assert parse_number(q["wrong_answers"][0]["answer"]) == pytest.approx(per_tensor, abs=1e-8)


def test_key_rnn_009_clip_matrix():
    G = np.array([[6.0, 8.0], [0.0, 0.0]])
    (clipped,) = rnn.clip_gradients([G], 5.0)
    key = np.asarray(BY_ID["rnn-009"]["answer"], dtype=float)
    np.testing.assert_allclose(key, clipped)
    np.testing.assert_allclose(key, G * 5.0 / np.linalg.norm(G))


# ----------------------------------------------------------------------------- generators

@pytest.mark.parametrize("seed", SEEDS)
def test_generator_hidden_state(seed):
    g = make("rnn.hidden_state", seed)
    w_x = number_after(rf"\$w_x = ({NUMBER})\$", g.prompt)
    w_h = number_after(rf"\$w_h = ({NUMBER})\$", g.prompt)
    b = number_after(rf"\$b = ({NUMBER})\$", g.prompt)
    x = vector_after(r"\$x = \(([^)]*)\)\$", g.prompt)
    ref = _scalar_rnn(x, w_x, w_h, b)
    assert g.answer == pytest.approx(ref[-1], abs=1e-6)
    assert abs(round(ref[-1], 4) - g.answer) <= g.tolerance  # a 4-decimal answer passes
    assert abs(ref[-1]) > 10 * g.tolerance                  # zero does not pass


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_gradient_decay(seed):
    g = make("rnn.gradient_decay", seed)
    W = np.array(tuples(found(r"행이 (.+?)입니다", g.prompt)))
    assert W.shape == (2, 2)
    g_T = vector_after(r"H_T = \(([^)]*)\)\$", g.prompt)
    k = int(found(r"(\d+)걸음 거슬러", g.prompt))
    expected = np.linalg.norm(g_T @ np.linalg.matrix_power(W.T, k))
    rho = max(abs(np.linalg.eigvals(W)))
    assert g.answer == pytest.approx(expected, abs=1e-6)
    assert expected == pytest.approx(np.linalg.norm(g_T) * rho ** k)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_clip_global_norm(seed):
    g = make("rnn.clip_global_norm", seed)
    g1 = vector_after(r"\$g_1 = \(([^)]*)\)\$", g.prompt)
    g2 = vector_after(r"\$g_2 = \(([^)]*)\)\$", g.prompt)
    theta = number_after(rf"\\theta = ({NUMBER})\$", g.prompt)
    flat = np.concatenate([g1, g2])
    total = np.linalg.norm(flat)
    assert total > theta
    expected = np.vstack([g1, g2]) * (theta / total)
    np.testing.assert_allclose(g.answer, expected, atol=1e-6)
    assert np.linalg.norm(g.answer) == pytest.approx(theta, abs=1e-5)
    for wrong in g.wrong_answers:
        assert np.max(np.abs(parse_matrix(wrong["answer"]) - expected)) > g.tolerance
