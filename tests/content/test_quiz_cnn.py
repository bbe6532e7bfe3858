"""Quiz of lesson 09 (cnn): the common quiz contract, every answer key recomputed, generators over
many seeds."""

from __future__ import annotations

import re

import numpy as np
import pytest
from scipy import signal

from mathcore import conv
from mathcore.parse import parse_expression, parse_matrix, parse_number
from quiz_checks import (SEEDS, QuizContract, equivalent, make, same_expression, symbols_in, table_by_id,
                         tuples)

LESSON = "cnn"
BY_ID = table_by_id(LESSON)

# Example data of the static questions (written out again here, not read from the key).
X3 = np.array([[2, 0, 1], [1, 3, 0], [0, 1, 2]], float)
K3 = np.array([[1, -1], [0, 2]], float)


class TestQuizContract(QuizContract):
    lesson = LESSON
    seeds = sorted({*SEEDS, *range(0, 200, 4)})


# ----------------------------------------------------------------------------- keys

def test_key_cnn_002_output_height():
    out = conv.correlate2d(np.zeros((10, 4)), np.zeros((3, 2)))
    assert parse_number(str(BY_ID["cnn-002"]["answer"])) == np.asarray(out).shape[0] == 8


def test_key_cnn_003_cross_correlation():
    key = np.asarray(BY_ID["cnn-003"]["answer"], dtype=float)
    np.testing.assert_allclose(key, conv.correlate2d(X3, K3))
    np.testing.assert_allclose(key, signal.correlate2d(X3, K3, mode="valid"))


def test_key_cnn_004_true_convolution():
    key = np.asarray(BY_ID["cnn-004"]["answer"], dtype=float)
    np.testing.assert_allclose(key, conv.convolve2d(X3, K3))
    np.testing.assert_allclose(key, signal.convolve2d(X3, K3, mode="valid"))
    # The wrong answer offered for it is exactly the cross-correlation.
    wrong = parse_matrix(BY_ID["cnn-004"]["wrong_answers"][0]["answer"])
    np.testing.assert_allclose(wrong, signal.correlate2d(X3, K3, mode="valid"))


def test_key_cnn_005_first_output():
    x, k = np.array([1, 2, 3, 4.0]), np.array([1, -1, 2.0])
    ours = np.asarray(conv.correlate1d(x, k))
    assert BY_ID["cnn-005"]["answer"] == pytest.approx(ours[0])
    assert ours[0] == pytest.approx(signal.correlate(x, k, mode="valid")[0])
    flipped = np.asarray(conv.convolve1d(x, k))[0]
    assert parse_number(BY_ID["cnn-005"]["wrong_answers"][0]["answer"]) == pytest.approx(flipped)


def test_key_cnn_006_parameter_count():
    kernels = np.zeros((8, 3, 3, 3))
    bias = np.zeros(8)
    assert BY_ID["cnn-006"]["answer"] == kernels.size + bias.size
    # A 3-channel 5×5 input really needs 3-channel kernels of that shape.
    assert np.asarray(conv.conv2d(np.ones((3, 5, 5)), kernels, bias)).shape == (8, 3, 3)


def test_key_cnn_008_padding_and_stride():
    H, K, P, S = 9, 3, 1, 2
    padded = np.pad(np.arange(H, dtype=float), P)
    full = signal.correlate(padded, np.ones(K), mode="valid")
    assert BY_ID["cnn-008"]["answer"] == full[::S].size


def test_key_cnn_009_kernel_gradient():
    G = np.array([[1, 0], [2, -1]], float)
    key = np.asarray(BY_ID["cnn-009"]["answer"], dtype=float)
    _, dK = conv.conv2d_backward(X3[None], K3[None, None], G[None])
    np.testing.assert_allclose(key, np.asarray(dK).reshape(2, 2))
    np.testing.assert_allclose(key, signal.correlate2d(X3, G, mode="valid"))

    def loss(kernel):
        return float(np.sum(signal.correlate2d(X3, kernel, mode="valid") * G))

    h = 1e-6
    for idx in np.ndindex(2, 2):
        bump = np.zeros((2, 2))
        bump[idx] = h
        assert (loss(K3 + bump) - loss(K3 - bump)) / (2 * h) == pytest.approx(key[idx], abs=1e-6)


def test_key_cnn_010_output_height_expression():
    q = BY_ID["cnn-010"]
    assert equivalent(q["answer"], "(h + 1) - k", q["variables"])
    key = parse_expression(q["answer"], q["variables"])
    h, k = symbols_in(key, "h", "k")
    for H, K in [(4, 2), (7, 3), (5, 5)]:
        height = np.asarray(conv.correlate2d(np.zeros((H, H)), np.zeros((K, K)))).shape[0]
        assert key.subs({h: H, k: K}) == height
    assert not equivalent(q["answer"], q["wrong_answers"][0]["answer"], q["variables"])


def test_key_cnn_011_sum_as_expression():
    q = BY_ID["cnn-011"]
    key = parse_expression(q["answer"], q["variables"])
    w = symbols_in(key, "w")
    x = [1, 2, 3]
    kernel = [w, 1]
    outputs = [sum(kernel[p] * x[i + p] for p in range(2)) for i in range(2)]
    assert same_expression(key, sum(outputs))
    assert equivalent(q["answer"], "w + 2 + 2w + 3", q["variables"])
    # The same value numerically, at w = 0.5, from mathcore.
    assert float(np.sum(conv.correlate1d(np.array(x, float), np.array([0.5, 1.0])))) == pytest.approx(
        float(key.subs(w, 0.5)))


# ----------------------------------------------------------------------------- generators

@pytest.mark.parametrize("seed", SEEDS)
def test_generator_correlate2d(seed):
    g = make("cnn.correlate2d", seed)
    rows = tuples(g.prompt)
    X, K = np.array(rows[:3]), np.array(rows[3:5])
    assert X.shape == (3, 3) and K.shape == (2, 2)
    np.testing.assert_allclose(g.answer, signal.correlate2d(X, K, mode="valid"))


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_output_shape(seed):
    g = make("cnn.output_shape", seed)
    m = re.search(r"채널 (\d+)개, 크기 (\d+)×(\d+)인 입력에 (\d+)×(\d+) 커널 (\d+)개", g.prompt)
    C, H, W, k, k2, O = map(int, m.groups())
    assert k == k2 and 1 <= C and k <= min(H, W)
    one_map = signal.correlate2d(np.zeros((H, W)), np.zeros((k, k)), mode="valid")
    assert g.answer == O * one_map.size
    assert g.tolerance == 0


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_kernel_gradient(seed):
    g = make("cnn.kernel_gradient", seed)
    rows = tuples(g.prompt)
    X, G = np.array(rows[:3]), np.array(rows[3:5])
    expected = signal.correlate2d(X, G, mode="valid")
    np.testing.assert_allclose(g.answer, expected)
    # Independent check by central differences of L(K) = Σ (X ⋆ K) ⊙ G at a random kernel.
    K = np.random.default_rng(seed + 1000).normal(size=(2, 2))
    h = 1e-6
    for idx in np.ndindex(2, 2):
        bump = np.zeros((2, 2))
        bump[idx] = h
        diff = (np.sum(signal.correlate2d(X, K + bump, mode="valid") * G)
                - np.sum(signal.correlate2d(X, K - bump, mode="valid") * G)) / (2 * h)
        assert diff == pytest.approx(g.answer[idx[0]][idx[1]], abs=1e-5)
