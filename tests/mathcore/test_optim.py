"""mathcore.optim against the update rules of torch.optim written out here (no torch needed),
and the curriculum's reference numbers for lesson 14."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore import InputError, optim

A = np.diag([1.0, 10.0])  # f = ½xᵀAx
F = "x^2/2 + 5y^2"


def grad_quadratic(x):
    return A @ x


def torch_sgd(x, g, steps, lr, momentum=0.0, nesterov=False):
    """torch.optim.SGD.step with dampening 0 and no weight decay."""
    x, buf, out = np.array(x, float), None, []
    for _ in range(steps):
        d_p = g(x)
        if momentum:
            buf = d_p.copy() if buf is None else momentum * buf + d_p
            d_p = d_p + momentum * buf if nesterov else buf
        x = x - lr * d_p
        out.append(x)
    return np.array(out)


def torch_adam(x, g, steps, lr, betas=(0.9, 0.999), eps=1e-8):
    """torch.optim.Adam.step (amsgrad off): step_size = lr / bias_correction1,
    denom = sqrt(v) / sqrt(bias_correction2) + eps."""
    x = np.array(x, float)
    m, v, out = np.zeros_like(x), np.zeros_like(x), []
    for t in range(1, steps + 1):
        grad = g(x)
        m = betas[0] * m + (1 - betas[0]) * grad
        v = betas[1] * v + (1 - betas[1]) * grad * grad
        denom = np.sqrt(v) / math.sqrt(1 - betas[1] ** t) + eps
        x = x - (lr / (1 - betas[0] ** t)) * m / denom
        out.append(x)
    return np.array(out)


def torch_rmsprop(x, g, steps, lr, alpha=0.99, eps=1e-8, momentum=0.0):
    """torch.optim.RMSprop.step (not centred)."""
    x = np.array(x, float)
    sq, buf, out = np.zeros_like(x), np.zeros_like(x), []
    for _ in range(steps):
        grad = g(x)
        sq = alpha * sq + (1 - alpha) * grad * grad
        avg = np.sqrt(sq) + eps
        if momentum > 0:
            buf = momentum * buf + grad / avg
            x = x - lr * buf
        else:
            x = x - lr * grad / avg
        out.append(x)
    return np.array(out)


def torch_adagrad(x, g, steps, lr, eps=1e-10):
    """torch.optim.Adagrad.step with lr_decay 0 and initial accumulator 0."""
    x = np.array(x, float)
    acc, out = np.zeros_like(x), []
    for _ in range(steps):
        grad = g(x)
        acc = acc + grad * grad
        x = x - lr * grad / (np.sqrt(acc) + eps)
        out.append(x)
    return np.array(out)


def test_adam_reference_numbers_on_x_squared():
    r = optim.optimize("adam", "x^2", [1.0], lr=0.1, steps=5, betas=(0.9, 0.999), eps=1e-8)
    np.testing.assert_allclose(r.path[1:, 0], [0.9000000005, 0.80041223, 0.70158627, 0.60393906, 0.50796366],
                               atol=5e-9)
    assert r.path[1, 0] == pytest.approx(0.9000000005, abs=1e-12)
    # The first step has length ≈ η whatever the scale of the gradient (bias correction).
    for scale in (1e-4, 1.0, 1e4):
        first = optim.optimize("adam", f"{scale}*x^2", [1.0], lr=0.1, steps=1)
        assert abs(first.path[1, 0] - 1.0) == pytest.approx(0.1, rel=1e-3)


def test_momentum_reference_numbers():
    r = optim.optimize("momentum", F, [1.0, 1.0], lr=0.1, steps=3, momentum=0.9)
    np.testing.assert_allclose(r.path[1:], [[0.9, 0.0], [0.72, -0.9], [0.486, -0.81]], atol=1e-12)


def test_gd_diverges_exactly_above_two_over_lambda_max():
    for lr in (0.05, 0.15, 0.199):
        r = optim.optimize("gd", F, [1.0, 1.0], lr=lr, steps=3000)
        assert not r.diverged and r.values[-1] < 1e-6, lr
    for lr in (0.201, 0.25, 0.5):
        r = optim.optimize("gd", F, [1.0, 1.0], lr=lr, steps=3000)
        assert r.diverged, lr
        assert "발산" in r.reason
        assert np.all(np.isfinite(r.path)) and np.all(np.isfinite(r.values))


METHOD_CASES = [
    ("gd", {}, lambda x0, n, lr: torch_sgd(x0, grad_quadratic, n, lr)),
    ("momentum", {"momentum": 0.8}, lambda x0, n, lr: torch_sgd(x0, grad_quadratic, n, lr, 0.8)),
    ("nesterov", {"momentum": 0.9}, lambda x0, n, lr: torch_sgd(x0, grad_quadratic, n, lr, 0.9, True)),
    ("adam", {}, lambda x0, n, lr: torch_adam(x0, grad_quadratic, n, lr)),
    ("adam", {"betas": (0.8, 0.99), "eps": 1e-6},
     lambda x0, n, lr: torch_adam(x0, grad_quadratic, n, lr, (0.8, 0.99), 1e-6)),
    ("rmsprop", {}, lambda x0, n, lr: torch_rmsprop(x0, grad_quadratic, n, lr)),
    ("rmsprop", {"alpha": 0.9, "momentum": 0.5},
     lambda x0, n, lr: torch_rmsprop(x0, grad_quadratic, n, lr, 0.9, 1e-8, 0.5)),
    ("adagrad", {}, lambda x0, n, lr: torch_adagrad(x0, grad_quadratic, n, lr)),
]


@pytest.mark.parametrize("method,hyper,reference", METHOD_CASES, ids=[c[0] + str(c[1]) for c in METHOD_CASES])
def test_update_rules_match_torch_optim(method, hyper, reference):
    x0 = [1.5, -0.7]
    r = optim.optimize(method, F, x0, lr=0.05, steps=40, **hyper)
    np.testing.assert_allclose(r.path[1:], reference(x0, 40, 0.05), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(r.values, [0.5 * p @ A @ p for p in r.path], rtol=1e-12)


def test_update_rules_on_a_non_quadratic_function():
    def grad(p):
        x, y = p
        return np.array([2 * (x - 1) + 4 * x**3 * 0.1, 10 * (y + 0.5) + np.cos(y)])

    f = "(x - 1)^2 + 0.1 x^4 + 5(y + 0.5)^2 + sin(y)"
    np.testing.assert_allclose(optim.optimize("adam", f, [0.0, 0.0], 0.05, 30).path[1:],
                               torch_adam([0.0, 0.0], grad, 30, 0.05), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(optim.optimize("nesterov", f, [0.0, 0.0], 0.02, 30).path[1:],
                               torch_sgd([0.0, 0.0], grad, 30, 0.02, 0.9, True), rtol=1e-12, atol=1e-14)


def test_newton_one_step_on_a_quadratic_and_a_saddle():
    r = optim.optimize("newton", "x^2 + x y + 2y^2 - 3x + y", [5.0, -4.0], lr=1.0, steps=1)
    H = np.array([[2.0, 1.0], [1.0, 4.0]])
    np.testing.assert_allclose(r.path[1], np.linalg.solve(H, [3.0, -1.0]), atol=1e-12)
    saddle = optim.optimize("newton", "x^2 + 3x y + y^2", [1.0, 2.0], lr=1.0, steps=1)
    np.testing.assert_allclose(saddle.path[1], [0.0, 0.0], atol=1e-12)  # Newton jumps to the saddle
    flat = optim.optimize("newton", "x^4 + y^2", [0.0, 1.0], lr=1.0, steps=5)
    assert flat.stopped and not flat.diverged and "헤세" in flat.reason


def test_divergence_and_domain_are_reported_not_raised():
    r = optim.optimize("gd", "log(x)", [1.0], lr=2.0, steps=10)
    assert r.diverged and r.path.shape[0] >= 1 and np.all(np.isfinite(r.values))
    r = optim.optimize("adam", "exp(x)", [1.0], lr=0.1, steps=10)
    assert not r.diverged and r.path.shape == (11, 1)


def test_bad_arguments_are_input_errors():
    with pytest.raises(InputError):
        optim.optimize("lbfgs", "x^2", [1.0], 0.1, 5)
    with pytest.raises(InputError):
        optim.optimize("adam", "x^2", [1.0], 0.1, 5, momentum=0.9)
    with pytest.raises(InputError):
        optim.optimize("adam", "x^2", [1.0], 0.1, 5, betas=(1.0, 0.999))
    with pytest.raises(InputError):
        optim.optimize("gd", "x^2", [1.0], -0.1, 5)
    with pytest.raises(InputError):
        optim.optimize("gd", "x^2 + z", [1.0, 2.0], 0.1, 5, variables=["x", "y"])
    with pytest.raises(InputError):
        optim.optimize("gd", "x^2", [1.0], 0.1, 10**7)
    with pytest.raises(InputError):
        optim.optimize("nesterov", "x^2", [1.0], 0.1, 5, momentum=0.0)


def test_init_spread():
    he = optim.init_spread(30, 100, "relu", "he")
    naive = optim.init_spread(30, 100, "relu", "naive")
    small = optim.init_spread(30, 100, "tanh", "small")
    assert 0.2 < he[-1] < 3.0
    assert naive[-1] > 1e10 and small[-1] < 1e-20
    np.testing.assert_array_equal(he, optim.init_spread(30, 100, "relu", "he"))
    with pytest.raises(InputError):
        optim.init_spread(10, 10, "relu", "lecun")
