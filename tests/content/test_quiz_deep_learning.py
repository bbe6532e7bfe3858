"""Quiz and lesson numbers of lesson 05 (deep_learning): every key recomputed independently
(numpy, scipy, finite differences), generators checked over many seeds."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from scipy.special import logsumexp, softmax

from mathcore import nn
from mathcore.parse import parse_expression, parse_number
from quiz_checks import SEEDS, QuizContract, equivalent, found, make, symbols_in, table_by_id, tuples, vector_after

LESSON = "deep_learning"
BY_ID = table_by_id(LESSON)


class TestQuizContract(QuizContract):
    lesson = LESSON


# ----------------------------------------------------------------------------- static keys

O123 = np.array([1.0, 2.0, 3.0])


def test_key_001_softmax():
    assert parse_number(BY_ID["deep_learning-001"]["answer"]) == pytest.approx(softmax(O123)[2], abs=1e-12)
    np.testing.assert_allclose(softmax(O123), [0.0900, 0.2447, 0.6652], atol=5e-5)


def test_key_003_cross_entropy():
    expected = logsumexp(O123) - O123[0]
    assert parse_number(BY_ID["deep_learning-003"]["answer"]) == pytest.approx(expected, abs=1e-12)
    assert expected == pytest.approx(2.4076, abs=5e-5)
    assert logsumexp(O123) - O123[2] == pytest.approx(0.4076, abs=5e-5)


def test_key_004_linear_model():
    X = np.array([[1.0, 2.0], [0.0, 1.0]])
    W = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
    b = np.array([0.0, 1.0, 2.0])
    np.testing.assert_allclose(BY_ID["deep_learning-004"]["answer"], np.einsum("nd,dp->np", X, W) + b)


def test_key_006_sigmoid_derivative():
    key = parse_expression(BY_ID["deep_learning-006"]["answer"])
    assert equivalent(BY_ID["deep_learning-006"]["answer"], "1/(1 + exp(-x)) * (1 - 1/(1 + exp(-x)))")
    f = sympy.lambdify(symbols_in(key, "x"), key, "numpy")
    xs = np.linspace(-6, 6, 25)
    h = 1e-6
    fd = (1 / (1 + np.exp(-(xs + h))) - 1 / (1 + np.exp(-(xs - h)))) / (2 * h)
    np.testing.assert_allclose(f(xs), fd, atol=1e-8)


def test_key_007_collapsed_weights():
    W1 = np.array([[1.0, 2.0], [0.0, -1.0]])
    W2 = np.array([[3.0], [1.0]])
    np.testing.assert_allclose(BY_ID["deep_learning-007"]["answer"], np.dot(W1, W2))
    # Two linear layers without activation agree with the collapsed model on random inputs.
    rng = np.random.default_rng(5)
    X = rng.normal(size=(10, 2))
    b1, b2 = np.array([1.0, 1.0]), np.array([0.5])
    np.testing.assert_allclose((X @ W1 + b1) @ W2 + b2,
                               X @ np.asarray(BY_ID["deep_learning-007"]["answer"]) + (b1 @ W2 + b2))


def test_key_009_parameter_count():
    mlp = nn.MLP([4, 8, 3], seed=0)
    count = sum(np.size(w) for w in mlp.weights) + sum(np.size(b) for b in mlp.biases)
    assert BY_ID["deep_learning-009"]["answer"] == count == 4 * 8 + 8 + 8 * 3 + 3


def test_key_010_backprop_by_finite_difference():
    def loss(w, x=3.0, b=-1.0):
        return 0.5 * (max(w * x + b, 0.0) - 0.5) ** 2

    h = 1e-6
    fd = (loss(1.0 + h) - loss(1.0 - h)) / (2 * h)
    assert BY_ID["deep_learning-010"]["answer"] == pytest.approx(fd, abs=1e-6)


def test_key_012_one_hot():
    logits = np.array([[0.5, 2.0, -1.0], [3.0, 1.0, 2.9]])
    expected = np.eye(3)[np.argmax(softmax(logits, axis=1), axis=1)]
    np.testing.assert_array_equal(BY_ID["deep_learning-012"]["answer"], expected)


# ----------------------------------------------------------------------------- lesson numbers

def test_lesson_stable_softmax_and_linear_model():
    with np.errstate(over="ignore", invalid="ignore"):
        big = np.array([1000.0, 1001.0, 1002.0])
        assert np.isnan(np.exp(big) / np.exp(big).sum()).all()
    np.testing.assert_allclose(nn.softmax(big), softmax(O123), rtol=1e-12)
    X = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
    W = np.array([[1.0, -1.0], [0.0, 2.0], [1.0, 0.0]])
    np.testing.assert_allclose(X @ W + np.array([0.5, -0.5]), [[3.5, -1.5], [-0.5, 1.5]])
    np.testing.assert_allclose(softmax(O123) - np.eye(3)[2], [0.0900, 0.2447, -0.3348], atol=5e-5)


def test_lesson_activation_table():
    z = np.array([-2.0, 0.0, 2.0])
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(s, [0.1192, 0.5, 0.8808], atol=5e-5)
    np.testing.assert_allclose(s * (1 - s), [0.1050, 0.25, 0.1050], atol=5e-5)
    np.testing.assert_allclose(1 - np.tanh(z) ** 2, [0.0707, 1.0, 0.0707], atol=5e-5)
    np.testing.assert_allclose(np.tanh(z), 2 / (1 + np.exp(-2 * z)) - 1, atol=1e-15)


def test_lesson_xor_network_and_collapse():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    W1, b1 = np.ones((2, 2)), np.array([0.0, -1.0])
    W2 = np.array([[1.0], [-2.0]])
    out = np.maximum(X @ W1 + b1, 0) @ W2
    np.testing.assert_array_equal(out.ravel(), np.logical_xor(X[:, 0], X[:, 1]).astype(float))
    x = np.array([1.0, 3.0])
    V1, c1, V2, c2 = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([1.0, 0.0]), np.array([[1.0], [3.0]]), -2.0
    assert ((x @ V1 + c1) @ V2 + c2)[0] == -3 == (x @ (V1 @ V2) + (c1 @ V2 + c2))[0]
    assert (np.maximum(x @ V1 + c1, 0) @ V2 + c2)[0] == 0


def test_lesson_sawtooth_pieces():
    """Composing the two-unit tent k times gives 2^k linear pieces on [0, 1]."""
    def tent(x):
        return 2 * np.maximum(x, 0) - 4 * np.maximum(x - 0.5, 0)

    xs = np.linspace(0, 1, 2**12 + 1)
    y = xs.copy()
    for k in range(1, 6):
        y = tent(y)
        slopes = np.round(np.diff(y) / np.diff(xs), 6)
        pieces = 1 + int(np.count_nonzero(np.diff(slopes)))
        assert pieces == 2**k


def test_lesson_single_neuron_backprop():
    def loss(w, b, x=2.0):
        return 0.5 * (1 / (1 + math.exp(-(w * x + b))) - 1) ** 2

    h = 1e-5
    assert loss(0.5, -1.0) == pytest.approx(0.125)
    assert (loss(0.5 + h, -1.0) - loss(0.5 - h, -1.0)) / (2 * h) == pytest.approx(-0.25, abs=1e-8)
    assert (loss(0.5, -1.0 + h) - loss(0.5, -1.0 - h)) / (2 * h) == pytest.approx(-0.125, abs=1e-8)
    assert 784 * 128 + 128 + 128 * 10 + 10 == 101_770


# ----------------------------------------------------------------------------- generators

@pytest.mark.parametrize("seed", SEEDS)
def test_generator_softmax_prob(seed):
    made = make("deep_learning.softmax_prob", seed)
    o = vector_after(r"\\mathbf\{o\} = \(([^)]*)\)\$", made.prompt)
    k = int(found(r"(\d)번째 성분", made.prompt)) - 1
    assert made.answer == pytest.approx(softmax(o)[k], abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_cross_entropy(seed):
    made = make("deep_learning.cross_entropy", seed)
    o = vector_after(r"\\mathbf\{o\} = \(([^)]*)\)\$", made.prompt)
    y = int(found(r"정답이 (\d)번째", made.prompt)) - 1
    assert made.answer == pytest.approx(logsumexp(o) - o[y], abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_relu_layer(seed):
    made = make("deep_learning.relu_layer", seed)
    x = vector_after(r"\\mathbf\{x\} = \(([^)]*)\)\$", made.prompt)
    W = np.array(tuples(found(r"행이 (.+?), 편향", made.prompt)))
    b = vector_after(r"\\mathbf\{b\} = \(([^)]*)\)\$", made.prompt)
    assert W.shape == (2, 2)
    z = np.einsum("i,ij->j", x, W) + b
    np.testing.assert_allclose(made.answer, np.where(z > 0, z, 0.0))
    assert (z < 0).any() and (z > 0).any()
