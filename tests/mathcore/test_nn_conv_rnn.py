"""mathcore.nn, conv, rnn against scipy/sklearn/numpy and central finite differences."""
import numpy as np
import pytest
import scipy.signal
import scipy.special
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss

from mathcore import InputError
from mathcore import conv, nn, rnn

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


# --------------------------------------------------------------------------- softmax & friends

@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=finite))
def test_softmax_matches_scipy(o):
    np.testing.assert_allclose(nn.softmax(o), scipy.special.softmax(o, axis=-1), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(nn.softmax(o, axis=0), scipy.special.softmax(o, axis=0), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(nn.log_softmax(o), scipy.special.log_softmax(o, axis=-1), rtol=1e-12, atol=1e-9)
    assert np.all(np.isfinite(nn.log_softmax(o)))


def test_softmax_is_stable_for_extreme_inputs():
    o = np.array([1000.0, 1001.0, 999.0])
    p = nn.softmax(o)
    assert np.all(np.isfinite(p)) and p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(p, nn.softmax(o - 1000), rtol=1e-15)
    big = np.array([-1e308, 0.0, 1e308])
    np.testing.assert_array_equal(nn.softmax(big), [0.0, 0.0, 1.0])
    assert np.all(np.isfinite(nn.log_softmax([1e300, -1e300, 0.0])))
    with pytest.raises(InputError):
        nn.softmax([1.0, np.inf])


def test_one_hot_argmax():
    np.testing.assert_array_equal(nn.one_hot_argmax([1.0, 3.0, 2.0]), [0, 1, 0])
    np.testing.assert_array_equal(nn.one_hot_argmax([[1, 5], [7, 2]]), [[0, 1], [1, 0]])
    o = np.random.default_rng(0).standard_normal((6, 4))
    np.testing.assert_array_equal(nn.one_hot_argmax(o).argmax(1), nn.softmax(o).argmax(1))


def test_cross_entropy_matches_sklearn():
    rng = np.random.default_rng(1)
    logits = rng.standard_normal((20, 4)) * 3
    labels = rng.integers(0, 4, 20)
    ref = log_loss(labels, scipy.special.softmax(logits, axis=1), labels=[0, 1, 2, 3])
    assert nn.cross_entropy(logits, labels) == pytest.approx(ref, rel=1e-12)
    onehot = np.eye(4)[labels]
    assert nn.cross_entropy(logits, onehot) == pytest.approx(ref, rel=1e-12)
    assert nn.cross_entropy([2.0, 1.0, 0.1], 0) == pytest.approx(-scipy.special.log_softmax([2.0, 1.0, 0.1])[0])
    # finite even when the true class has a logit 1e4 below the others
    assert nn.cross_entropy([[0.0, 1e4]], [0]) == pytest.approx(1e4)
    with pytest.raises(InputError, match="0 이상 3 이하"):
        nn.cross_entropy(logits, labels + 1)
    with pytest.raises(InputError):
        nn.cross_entropy(logits, labels[:5])


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu"])
def test_activation_gradients_match_finite_differences(name):
    act, grad = nn.ACTIVATIONS[name]
    xs = np.array([-3.0, -1.2, -0.3, 0.4, 1.1, 2.5])
    h = 1e-6
    np.testing.assert_allclose(grad(xs), (act(xs + h) - act(xs - h)) / (2 * h), rtol=1e-7, atol=1e-9)


def test_activation_values():
    np.testing.assert_allclose(nn.sigmoid([-800.0, 0.0, 800.0]), [0.0, 0.5, 1.0])
    np.testing.assert_allclose(nn.sigmoid([-2.0, 3.0]), scipy.special.expit([-2.0, 3.0]), rtol=1e-15)
    np.testing.assert_array_equal(nn.relu([-1.0, 0.0, 2.0]), [0.0, 0.0, 2.0])
    assert nn.relu_grad([0.0])[0] == 0.0


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_mlp_backprop_matches_finite_differences(activation):
    rng = np.random.default_rng(2)
    model = nn.MLP([3, 5, 4, 3], activation=activation, seed=3)
    X = rng.standard_normal((8, 3))
    labels = rng.integers(0, 3, 8)
    loss, dws, dbs = model.loss_and_gradients(X, labels)
    assert loss == pytest.approx(nn.cross_entropy(model.forward(X), labels), rel=1e-14)
    nws, nbs = model.numerical_gradients(X, labels, eps=1e-6)
    for a, b in zip(dws + dbs, nws + nbs):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-8)
    assert [w.shape for w in model.weights] == [(3, 5), (5, 4), (4, 3)]
    assert [b.shape for b in model.biases] == [(5,), (4,), (3,)]


def test_mlp_learns_xor_and_spiral():
    X, y = nn.make_xor()
    model = nn.MLP([2, 8, 2], activation="tanh", seed=0)
    losses = model.fit(X, y, lr=0.5, epochs=600)
    assert losses.shape == (600,) and losses[-1] < 0.05 < losses[0]
    np.testing.assert_array_equal(model.predict(X), y)
    Xs, ys = nn.make_spiral(60, seed=1)
    model = nn.MLP([2, 32, 2], seed=1)
    losses = model.fit(Xs, ys, lr=0.5, epochs=300, batch_size=30, seed=2)
    assert np.mean(model.predict(Xs) == ys) > 0.9
    np.testing.assert_array_equal(nn.MLP([2, 3, 2], seed=5).weights[0], nn.MLP([2, 3, 2], seed=5).weights[0])


def test_mlp_input_errors():
    with pytest.raises(InputError):
        nn.MLP([2])
    with pytest.raises(InputError):
        nn.MLP([2, 3], activation="swish")
    model = nn.MLP([2, 3, 2])
    with pytest.raises(InputError, match="열 수"):
        model.forward(np.ones((4, 3)))


# --------------------------------------------------------------------------- convolution

def test_1d_against_numpy():
    rng = np.random.default_rng(4)
    x, k = rng.standard_normal(20), rng.standard_normal(4)
    np.testing.assert_allclose(conv.correlate1d(x, k), np.correlate(x, k, "valid"), rtol=1e-12)
    np.testing.assert_allclose(conv.convolve1d(x, k), np.convolve(x, k, "valid"), rtol=1e-12)
    # convolution flips the kernel, correlation does not
    np.testing.assert_array_equal(conv.correlate1d([0, 0, 1, 0, 0], [1, 2, 3]), [3, 2, 1])
    np.testing.assert_array_equal(conv.convolve1d([0, 0, 1, 0, 0], [1, 2, 3]), [1, 2, 3])
    with pytest.raises(InputError, match="커널"):
        conv.correlate1d([1, 2], [1, 2, 3])


@pytest.mark.parametrize("kshape", [(1, 1), (3, 3), (2, 5), (9, 9), (12, 3)])
def test_2d_against_scipy(kshape):
    rng = np.random.default_rng(5)
    X, K = rng.standard_normal((20, 17)), rng.standard_normal(kshape)
    np.testing.assert_allclose(conv.correlate2d(X, K), scipy.signal.correlate2d(X, K, "valid"), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(conv.convolve2d(X, K), scipy.signal.convolve2d(X, K, "valid"), rtol=1e-10, atol=1e-12)
    assert conv.correlate2d(X, K).shape == conv.output_shape(X.shape, K.shape)


def test_conv2d_multichannel_against_scipy():
    rng = np.random.default_rng(6)
    X = rng.standard_normal((3, 9, 8))
    K = rng.standard_normal((4, 3, 3, 2))
    b = rng.standard_normal(4)
    Y = conv.conv2d(X, K, b)
    assert Y.shape == (4, 7, 7)
    ref = np.array([sum(scipy.signal.correlate2d(X[c], K[o, c], "valid") for c in range(3)) + b[o] for o in range(4)])
    np.testing.assert_allclose(Y, ref, rtol=1e-10, atol=1e-12)
    with pytest.raises(InputError, match="채널"):
        conv.conv2d(X, rng.standard_normal((4, 2, 3, 3)))


def test_conv2d_backward_matches_finite_differences():
    rng = np.random.default_rng(7)
    X = rng.standard_normal((2, 6, 5))
    K = rng.standard_normal((3, 2, 3, 2))
    dY = rng.standard_normal((3, 4, 4))
    dX, dK = conv.conv2d_backward(X, K, dY)
    h = 1e-6

    def loss(Xv, Kv):
        return np.sum(conv.conv2d(Xv, Kv) * dY)

    for arr, grad, which in ((X, dX, 0), (K, dK, 1)):
        num = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            up, down = arr.copy(), arr.copy()
            up[idx] += h
            down[idx] -= h
            args_up = (up, K) if which == 0 else (X, up)
            args_down = (down, K) if which == 0 else (X, down)
            num[idx] = (loss(*args_up) - loss(*args_down)) / (2 * h)
        np.testing.assert_allclose(grad, num, rtol=1e-6, atol=1e-7)
    # dK is the correlation of the input with the output gradient
    np.testing.assert_allclose(dK[1, 0], scipy.signal.correlate2d(X[0], dY[1], "valid"), rtol=1e-12)


# --------------------------------------------------------------------------- RNN

def _rnn_setup(seed=8, T=6, d=3, h=4):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((T, d)), rng.standard_normal((d, h)) * 0.6, rng.standard_normal((h, h)) * 0.6,
            rng.standard_normal(h) * 0.1, rng.standard_normal(h) * 0.5)


def test_rnn_forward_matches_the_recurrence():
    X, Wx, Wh, b, h0 = _rnn_setup()
    H = rnn.rnn_forward(X, Wx, Wh, b, h0)
    prev = h0
    for t in range(X.shape[0]):
        prev = np.tanh(X[t] @ Wx + prev @ Wh + b)
        np.testing.assert_allclose(H[t], prev, rtol=1e-14)
    assert rnn.rnn_forward(X, Wx, Wh, b).shape == (6, 4)
    with pytest.raises(InputError, match="W_h"):
        rnn.rnn_forward(X, Wx, np.ones((3, 3)), b)


def test_rnn_backward_matches_finite_differences():
    X, Wx, Wh, b, h0 = _rnn_setup()
    H = rnn.rnn_forward(X, Wx, Wh, b, h0)
    dH = np.random.default_rng(9).standard_normal(H.shape)
    grads = rnn.rnn_backward(X, H, Wx, Wh, dH, h0)
    params = {"X": X, "W_x": Wx, "W_h": Wh, "b": b, "h0": h0}
    keys = {"X": "dX", "W_x": "dW_x", "W_h": "dW_h", "b": "db", "h0": "dh0"}
    h = 1e-6
    for name, arr in params.items():
        num = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            up, down = dict(params), dict(params)
            up[name] = arr.copy()
            up[name][idx] += h
            down[name] = arr.copy()
            down[name][idx] -= h
            num[idx] = (np.sum(rnn.rnn_forward(**up) * dH) - np.sum(rnn.rnn_forward(**down) * dH)) / (2 * h)
        np.testing.assert_allclose(grads[keys[name]], num, rtol=1e-6, atol=1e-8)


def test_gradient_norms_through_time():
    X, Wx, Wh, b, h0 = _rnn_setup(T=5)
    norms = rnn.gradient_norms_through_time(Wh, 5, X=X, W_x=Wx, b=b, h0=h0)
    H = rnn.rnn_forward(X, Wx, Wh, b, h0)
    eps = 1e-6
    for t in range(1, 6):  # finite-difference Jacobian ∂H_T/∂H_t
        def run_from(ht):
            cur = ht
            for s in range(t, 5):
                cur = np.tanh(X[s] @ Wx + cur @ Wh + b)
            return cur
        J = np.zeros((4, 4))
        for j in range(4):
            e = np.zeros(4)
            e[j] = eps
            J[:, j] = (run_from(H[t - 1] + e) - run_from(H[t - 1] - e)) / (2 * eps)
        assert norms[5 - t] == pytest.approx(np.linalg.norm(J, 2), rel=1e-6)
    # linear RNN: ‖W_h^k‖ — vanishing below spectral radius 1, exploding above
    for rho, check in ((0.5, lambda n: n[-1] < 1e-4), (1.5, lambda n: n[-1] > 1e3)):
        W = rnn.random_recurrent_matrix(6, rho, seed=1)
        assert np.max(np.abs(np.linalg.eigvals(W))) == pytest.approx(rho)
        n = rnn.gradient_norms_through_time(W, 30)
        np.testing.assert_allclose(n[7], np.linalg.norm(np.linalg.matrix_power(W, 7), 2), rtol=1e-10)
        assert check(n)
    truncated = rnn.gradient_norms_through_time(Wh, 10, truncate=3)
    assert np.all(truncated[3:] == 0) and truncated[0] == 1.0


def test_clip_gradients_global_norm():
    g = [np.array([3.0, 0.0]), np.array([[0.0, 4.0]])]
    clipped = rnn.clip_gradients(g, 1.0)
    assert rnn.global_norm(clipped) == pytest.approx(1.0)
    np.testing.assert_allclose(clipped[0], [0.6, 0.0])
    np.testing.assert_allclose(clipped[1], [[0.0, 0.8]])
    same = rnn.clip_gradients(g, 10.0)
    np.testing.assert_array_equal(same[0], g[0])
    assert same[0] is not g[0]
    huge = rnn.clip_gradients([np.array([1e200, 1e200])], 5.0)
    assert rnn.global_norm(huge) == pytest.approx(5.0)
    with pytest.raises(InputError):
        rnn.clip_gradients(g, 0.0)


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(0, 6), st.integers(0, 6)),
              elements=st.floats(allow_nan=True, allow_infinity=True)),
       arrays(np.float64, st.tuples(st.integers(0, 4), st.integers(0, 4)),
              elements=st.floats(-1e3, 1e3, allow_nan=False)))
def test_conv_and_nn_only_raise_input_error(X, K):
    for fn in (conv.correlate2d, conv.convolve2d, conv.conv2d):
        try:
            fn(X, K)
        except InputError:
            pass
    for fn in (nn.softmax, nn.log_softmax, nn.one_hot_argmax):
        try:
            fn(X)
        except InputError:
            pass
    try:
        nn.cross_entropy(X, np.zeros(X.shape[0], dtype=int))
    except InputError:
        pass
