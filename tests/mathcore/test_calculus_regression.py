"""mathcore.calculus and mathcore.regression: curriculum numbers, finite differences, plant-and-recover."""
import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from mathcore import InputError
from mathcore import calculus, regression
from mathcore import linalg as la

x, y = sympy.symbols("x y", real=True)


def test_curriculum_derivatives():
    assert calculus.derivative("x^2 + 2x + 3") == 2 * x + 2
    got = calculus.derivative("x^2 + 2xy + 3 + cos(x + 2y)", "x")
    assert sympy.simplify(got - (2 * x + 2 * y - sympy.sin(x + 2 * y))) == 0
    assert calculus.gradient("x^2 + 2xy", ("x", "y")) == (2 * x + 2 * y, 2 * x)
    assert calculus.derivative(x**3, "x") == 3 * x**2


@pytest.mark.parametrize("text", ["sin(x)*exp(-x^2)", "log(1 + x^2)", "sqrt(1 + x^2)", "tanh(x)^2", "x^5 - 3x"])
def test_derivative_matches_central_differences(text):
    from mathcore.parse import numeric_function

    f = numeric_function(text)
    df = numeric_function(calculus.derivative(text))
    pts = np.linspace(-2, 2, 17)
    h = 1e-5
    fd = (f(pts + h) - f(pts - h)) / (2 * h)
    np.testing.assert_allclose(df(pts), fd, rtol=1e-6, atol=1e-8)


def test_curriculum_gradient_descent_minimum():
    res = calculus.gradient_descent("x^2 + 2x + 3", init=3.0, lr=0.01, eps=1e-5)
    assert res.converged and not res.diverged
    assert res.minimizer[0] == pytest.approx(-1.0, abs=1e-5)
    assert res.minimum == pytest.approx(2.0, abs=1e-9)
    assert res.path.shape == (res.iterations + 1, 1)
    np.testing.assert_allclose(res.values, res.path[:, 0] ** 2 + 2 * res.path[:, 0] + 3, rtol=1e-14)
    # stops on |f'| < eps: the last gradient is small, the one before is not
    assert abs(2 * res.path[-1, 0] + 2) < 1e-5 <= abs(2 * res.path[-2, 0] + 2)
    assert np.all(np.diff(res.values) <= 0)


def test_gradient_descent_reproduces_the_plain_loop():
    xs, v = [], 3.0
    for _ in range(50):
        xs.append(v)
        v = v - 0.1 * (2 * v + 2)
    res = calculus.gradient_descent("x^2 + 2x + 3", 3.0, lr=0.1, eps=1e-300, max_iter=49)
    np.testing.assert_array_equal(res.path[:, 0], xs)
    assert res.iterations == 49 and not res.converged


def test_gradient_descent_2d():
    res = calculus.gradient_descent("(x - 1)^2 + 2(y + 2)^2", [0.0, 0.0], lr=0.1, eps=1e-8)
    assert res.converged
    np.testing.assert_allclose(res.minimizer, [1.0, -2.0], atol=1e-8)
    assert res.path.shape[1] == 2
    assert res.variables == ("x", "y")


def test_gradient_descent_detects_divergence():
    res = calculus.gradient_descent("x^2", 1.0, lr=1.5)
    assert res.diverged and not res.converged
    assert np.all(np.isfinite(res.path)) and np.all(np.isfinite(res.values))
    assert res.iterations < 100 and "발산" in res.reason
    res = calculus.gradient_descent("exp(x^2)", 3.0, lr=1.0)  # overflow of the gradient itself
    assert res.diverged and np.all(np.isfinite(res.values))
    res = calculus.gradient_descent("sqrt(x)", 1.0, lr=1.0)  # leaves the domain
    assert res.diverged and np.all(np.isfinite(res.values))
    res = calculus.gradient_descent("x^4 + x^2 + 2x + 1", [2.0], lr=0.4)
    assert res.diverged


def test_gradient_descent_is_compiled_not_subs(monkeypatch):
    calculus.gradient_descent("x^3 - 3x + 1", 2.0)  # warm the caches
    calls = []
    original = sympy.Basic.subs

    def counting(self, *a, **k):
        calls.append(1)
        return original(self, *a, **k)

    monkeypatch.setattr(sympy.Basic, "subs", counting)
    res = calculus.gradient_descent("x^3 - 3x + 1", 2.0, lr=0.01, max_iter=5000)
    assert res.converged and res.minimizer[0] == pytest.approx(1.0, abs=1e-5)
    assert calls == []


def test_gradient_descent_input_errors():
    for kwargs in ({"lr": 0}, {"lr": -1}, {"eps": 0}, {"max_iter": -1}, {"max_iter": 10**9}, {"lr": np.nan}):
        with pytest.raises(InputError):
            calculus.gradient_descent("x^2", 1.0, **kwargs)
    with pytest.raises(InputError):
        calculus.gradient_descent("x^2 + y", 1.0)
    with pytest.raises(InputError):
        calculus.gradient_descent("x^2", [1.0, 2.0], variables=("x",))
    with pytest.raises(InputError):
        calculus.gradient_descent("x^2", [np.inf])


@settings(max_examples=30, deadline=None)
@given(st.floats(-50, 50), st.floats(1e-4, 3.0), st.sampled_from(["x^2", "x^4 - x^2", "sin(x) + x^2/10", "abs(x)",
                                                                    "exp(x)", "log(x)", "1/x"]))
def test_gradient_descent_never_crashes(x0, lr, text):
    try:
        res = calculus.gradient_descent(text, x0, lr=lr, max_iter=300)
    except InputError:
        return
    assert res.converged + res.diverged <= 1
    assert len(res.path) == len(res.values) >= 1


# --------------------------------------------------------------------------- regression

SEED_X = np.array([[1, 1], [1, 2], [2, 2], [2, 3]], dtype=float)
SEED_Y = SEED_X @ np.array([1, 2]) + 3


def test_curriculum_gd_regression():
    res = regression.gd_linear_regression(SEED_X, SEED_Y, lr=0.01, steps=5000, init=[10.1, 15.1, -6.5])
    np.testing.assert_allclose(res.beta, [1.00000367, 1.99999949, 2.99999516], atol=5e-9)
    assert res.history.shape == (5001, 3) and res.loss.shape == (5001,)
    np.testing.assert_array_equal(res.history[0], [10.1, 15.1, -6.5])
    assert res.loss[-1] < 1e-10 < res.loss[0]


def test_gd_regression_matches_the_plain_update():
    beta = np.array([10.1, 15.1, -6.5])
    design = np.hstack([SEED_X, np.ones((4, 1))])
    for _ in range(200):
        beta = beta - 0.01 * (-design.T @ (SEED_Y - design @ beta))
    res = regression.gd_linear_regression(SEED_X, SEED_Y, steps=200, init=[10.1, 15.1, -6.5])
    np.testing.assert_allclose(res.beta, beta, rtol=1e-14)


def test_gd_and_sgd_recover_planted_coefficients():
    X, y = regression.make_linear_data(n=400, coef=(2.0, -1.0), intercept=0.5, noise=0.05, seed=7)
    exact = la.least_squares(X, y)
    gd = regression.gd_linear_regression(X, y, lr=0.001, steps=3000)
    np.testing.assert_allclose(gd.beta, exact, atol=1e-8)
    np.testing.assert_allclose(gd.beta, [2.0, -1.0, 0.5], atol=0.02)
    sgd = regression.sgd_linear_regression(X, y, lr=0.05, epochs=30, batch_size=16, seed=0)
    np.testing.assert_allclose(sgd.beta, [2.0, -1.0, 0.5], atol=0.03)
    assert sgd.history.shape == (30 * 25 + 1, 3)
    again = regression.sgd_linear_regression(X, y, lr=0.05, epochs=30, batch_size=16, seed=0)
    np.testing.assert_array_equal(sgd.beta, again.beta)
    other = regression.sgd_linear_regression(X, y, lr=0.05, epochs=30, batch_size=16, seed=1)
    assert not np.array_equal(sgd.beta, other.beta)


def test_regression_divergence_is_reported():
    res = regression.gd_linear_regression(SEED_X, SEED_Y, lr=1.0, steps=5000)
    assert res.diverged and res.updates < 5000
    assert np.all(np.isfinite(res.history))
    sgd = regression.sgd_linear_regression(SEED_X * 100, SEED_Y, lr=10.0, epochs=100, batch_size=2)
    assert sgd.diverged


def test_regression_input_errors():
    with pytest.raises(InputError, match="행 수"):
        regression.gd_linear_regression(SEED_X, [1, 2, 3])
    with pytest.raises(InputError, match="초기 계수"):
        regression.gd_linear_regression(SEED_X, SEED_Y, init=[1, 2])
    with pytest.raises(InputError):
        regression.sgd_linear_regression(SEED_X, SEED_Y, batch_size=0)
    with pytest.raises(InputError):
        regression.gd_linear_regression(SEED_X, SEED_Y, lr=0)


def test_abs_and_real_symbols():
    assert calculus.derivative("abs(x)") == sympy.sign(x)
    res = calculus.gradient_descent("abs(x)", 0.3, lr=0.1, max_iter=50)
    assert not res.diverged
    # expressions built with plain (complex) symbols work too: matched by name
    plain = sympy.Symbol("x")
    assert calculus.derivative(plain**3) == 3 * plain**2
    res = calculus.gradient_descent(plain**2 - 2 * plain, 0.0, lr=0.1)
    assert res.minimizer[0] == pytest.approx(1.0, abs=1e-5)
