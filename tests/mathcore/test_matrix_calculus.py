"""Jacobian, Hessian, softmax Jacobian and the two-layer backprop trace of lessons 11 and 14,
against central finite differences and the curriculum's reference numbers."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathcore import InputError, calculus, gradcheck, nn


def central_jacobian(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=-1)


def test_jacobian_of_a_vector_function_matches_finite_differences():
    J = calculus.jacobian("x^2*y, sin(x) + y^3, exp(x*y)", ["x", "y"])
    assert J.shape == (3, 2)

    def f(p):
        x, y = p
        return np.array([x * x * y, np.sin(x) + y**3, np.exp(x * y)])

    for point in ([1.0, 2.0], [-0.5, 0.3], [2.0, -1.0]):
        np.testing.assert_allclose(calculus.evaluate(J, ["x", "y"], point), central_jacobian(f, point), atol=1e-7)
        np.testing.assert_allclose(calculus.numerical_jacobian("x^2*y, sin(x) + y^3, exp(x*y)", ["x", "y"], point),
                                   central_jacobian(f, point), atol=1e-9)


def test_jacobian_accepts_a_list_and_a_bracketed_text():
    a = calculus.jacobian(["x*y", "x + y"], ("x", "y"))
    b = calculus.jacobian("[x*y, x + y]", ("x", "y"))
    assert a == b
    # A comma inside a function call does not split components.
    assert calculus.jacobian("max(x, y)", ["x", "y"]).shape == (1, 2)


def test_identities_of_lesson_11():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    quad = "x^2 + 2*x*y + 3*y*x + 4*y^2"  # xᵀAx for that A
    grad = calculus.evaluate(calculus.jacobian([quad], ["x", "y"]), ["x", "y"], [1, -1])[0]
    np.testing.assert_allclose(grad, (A + A.T) @ np.array([1.0, -1.0]))
    np.testing.assert_allclose(grad, [-3.0, -3.0])
    # ∂(aᵀx)/∂x = a and ∇‖Xβ − y‖² = 2Xᵀ(Xβ − y).
    assert calculus.jacobian(["2*x - 5*y"], ["x", "y"]) == sympy.Matrix([[2, -5]])
    X = np.array([[1.0, 2.0], [0.0, 1.0], [3.0, -1.0]])
    y = np.array([1.0, 2.0, 0.5])
    loss = " + ".join(f"({X[i, 0]}*x + {X[i, 1]}*y - {y[i]})^2" for i in range(3))
    beta = np.array([0.4, -0.7])
    got = calculus.evaluate(calculus.jacobian([loss], ["x", "y"]), ["x", "y"], beta)[0]
    np.testing.assert_allclose(got, 2 * X.T @ (X @ beta - y), atol=1e-12)


def test_hessian_of_a_saddle_and_of_a_general_function():
    H = calculus.hessian("x^2 + 3x y + y^2", ["x", "y"])
    assert H == sympy.Matrix([[2, 3], [3, 2]])
    np.testing.assert_allclose(np.linalg.eigvalsh(np.array(H, dtype=float)), [-1.0, 5.0])
    text = "sin(x)*exp(y) + x^3*y"
    g = calculus.jacobian([text], ["x", "y"])
    H2 = calculus.hessian(text, ["x", "y"])
    assert H2 == H2.T
    for point in ([0.3, -0.2], [1.5, 0.7]):
        def grad(p):
            return calculus.evaluate(g, ["x", "y"], p)[0]
        np.testing.assert_allclose(calculus.evaluate(H2, ["x", "y"], point), central_jacobian(grad, point), atol=1e-6)


def test_evaluate_rejects_bad_points_and_undefined_values():
    J = calculus.jacobian(["log(x)"], ["x"])
    with pytest.raises(InputError):
        calculus.evaluate(J, ["x"], [0.0])
    with pytest.raises(InputError):
        calculus.evaluate(J, ["x"], [1.0, 2.0])
    with pytest.raises(InputError):
        calculus.evaluate([[1]], ["x"], [1.0])
    with pytest.raises(InputError):
        calculus.jacobian("x, , y", ["x", "y"])
    with pytest.raises(InputError):
        calculus.jacobian("x + z", ["x", "y"])  # z is not a variable
    with pytest.raises(InputError):
        calculus.jacobian("__import__('os')", ["x"])


SOFTMAX_123 = [0.09003057, 0.24472847, 0.66524096]
JACOBIAN_123 = [[0.08192507, -0.02203304, -0.05989202], [-0.02203304, 0.18483645, -0.1628034],
                [-0.05989202, -0.1628034, 0.22269543]]


def test_softmax_jacobian_reference_numbers_and_finite_differences():
    o = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(nn.softmax(o), SOFTMAX_123, atol=5e-9)
    J = nn.softmax_jacobian(o)
    np.testing.assert_allclose(J, JACOBIAN_123, atol=5e-9)
    np.testing.assert_allclose(J, central_jacobian(nn.softmax, o), atol=1e-9)
    np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-15)
    # ∂CE/∂o = s − e_y: the finite difference of −log softmax(o)_2 (third class).
    grad = central_jacobian(lambda v: -nn.log_softmax(v)[2], o)
    np.testing.assert_allclose(grad, [0.09003057, 0.24472847, -0.33475904], atol=1e-8)
    np.testing.assert_allclose(J.T @ (-np.eye(3)[2] / nn.softmax(o)[2]), grad, atol=1e-8)
    big = nn.softmax_jacobian([1000.0, 1001.0, 1002.0])
    np.testing.assert_allclose(big, J, atol=1e-12)


CURRICULUM_NET = dict(x=[1.0, 2.0], label=0, W1=[[0.1, -0.2], [0.3, 0.4]], b1=[0.0, 0.1],
                      W2=[[0.5, -0.5], [-0.6, 0.2]], b2=[0.0, 0.0])


def test_backprop_trace_reference_numbers():
    t = nn.backprop_trace(**CURRICULUM_NET)
    assert set(nn.TRACE_KEYS) <= set(t)
    np.testing.assert_allclose(t["z1"], [0.7, 0.7], atol=1e-12)
    np.testing.assert_allclose(t["h"], [0.66818777, 0.66818777], atol=5e-9)
    np.testing.assert_allclose(t["o"], [-0.06681878, -0.20045633], atol=5e-9)
    assert t["loss"] == pytest.approx(0.62855912, abs=5e-9)
    np.testing.assert_allclose(t["dW2"], [[-0.31180331, 0.31180331], [-0.31180331, 0.31180331]], atol=5e-9)
    np.testing.assert_allclose(t["db2"], [-0.46664024, 0.46664024], atol=5e-9)
    np.testing.assert_allclose(t["dW1"], [[-0.10346015, 0.08276812], [-0.2069203, 0.16553624]], atol=5e-9)
    np.testing.assert_allclose(t["db1"], [-0.10346015, 0.08276812], atol=5e-9)
    assert t["dW1"].shape == (2, 2) and t["dz1"].shape == (2,)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("seed", range(6))
def test_backprop_trace_matches_finite_differences_and_mlp(activation, seed):
    rng = np.random.default_rng(seed)
    d, h, p = rng.integers(1, 5, size=3) + 1
    x = rng.normal(size=d)
    W1, b1, W2, b2 = rng.normal(size=(d, h)), rng.normal(size=h), rng.normal(size=(h, p)), rng.normal(size=p)
    label = int(rng.integers(0, p))
    t = nn.backprop_trace(x, label, W1, b1, W2, b2, activation)
    numeric = gradcheck.backprop_numerical(x, label, W1, b1, W2, b2, activation)
    for name in ("dW1", "db1", "dW2", "db2"):
        np.testing.assert_allclose(t[name], numeric[name], atol=1e-6, err_msg=name)
        assert gradcheck.relative_error(t[name], numeric[name]) < 1e-5
    # The batch MLP of lesson 05 agrees on a batch of one.
    mlp = nn.MLP([d, h, p], activation=activation)
    mlp.weights, mlp.biases = [W1.copy(), W2.copy()], [b1.copy(), b2.copy()]
    loss, dws, dbs = mlp.loss_and_gradients(x[None, :], np.array([label]))
    assert loss == pytest.approx(t["loss"], rel=1e-12)
    np.testing.assert_allclose(dws[0], t["dW1"], atol=1e-12)
    np.testing.assert_allclose(dbs[1], t["db2"], atol=1e-12)


def test_backprop_trace_rejects_mismatched_shapes_and_labels():
    bad = dict(CURRICULUM_NET, W2=[[0.5, -0.5, 1.0]])
    with pytest.raises(InputError, match="W2의 행 수"):
        nn.backprop_trace(**bad)
    with pytest.raises(InputError):
        nn.backprop_trace(**dict(CURRICULUM_NET, label=2))
    with pytest.raises(InputError):
        nn.backprop_trace(**CURRICULUM_NET, activation="swish")
    with pytest.raises(InputError):
        nn.backprop_trace(**dict(CURRICULUM_NET, x=[1.0, float("nan")]))
