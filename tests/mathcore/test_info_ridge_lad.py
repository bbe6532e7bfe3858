"""Entropy in bits and nats, mutual information, perplexity, ridge and least absolute deviations
(lesson 13) against scipy, scikit-learn and the curriculum's reference numbers."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import stats
from sklearn.linear_model import QuantileRegressor, Ridge

from mathcore import InputError, regression, statistics


def test_entropy_reference_numbers_and_scipy():
    assert statistics.entropy([0.5, 0.25, 0.25], base=2) == pytest.approx(1.5, abs=1e-15)
    assert statistics.entropy([0.5, 0.25, 0.25]) == pytest.approx(1.5 * math.log(2), abs=1e-15)
    rng = np.random.default_rng(0)
    for _ in range(20):
        p = rng.dirichlet(np.ones(int(rng.integers(2, 8))))
        for base in (2, math.e, 10):
            assert statistics.entropy(p, base=base) == pytest.approx(stats.entropy(p, base=base), rel=1e-12)
    for k in (2, 3, 4, 7):
        assert statistics.entropy(np.full(k, 1 / k), base=2) == pytest.approx(math.log2(k))
    with pytest.raises(InputError):
        statistics.entropy([0.5, 0.5], base=1)
    with pytest.raises(InputError):
        statistics.entropy([0.5, 0.5], base=-2)


def test_mutual_information_reference_numbers():
    assert statistics.mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2) == pytest.approx(1.0)
    assert statistics.mutual_information([[0.4, 0.1], [0.1, 0.4]], base=2) == pytest.approx(0.27807191, abs=5e-9)
    assert statistics.mutual_information([[0.4, 0.1], [0.1, 0.4]]) == pytest.approx(0.19274476, abs=5e-9)
    px, py = np.array([0.2, 0.5, 0.3]), np.array([0.6, 0.4])
    assert statistics.mutual_information(np.outer(px, py)) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("seed", range(10))
def test_mutual_information_is_kl_of_joint_to_product_and_bounded(seed):
    rng = np.random.default_rng(seed)
    a, b = rng.integers(2, 5, size=2)
    joint = rng.dirichlet(np.ones(a * b)).reshape(a, b)
    product = np.outer(joint.sum(1), joint.sum(0))
    mi = statistics.mutual_information(joint)
    assert mi == pytest.approx(stats.entropy(joint.ravel(), product.ravel()), rel=1e-10)
    hx, hy = stats.entropy(joint.sum(1)), stats.entropy(joint.sum(0))
    assert mi == pytest.approx(hx + hy - stats.entropy(joint.ravel()), abs=1e-12)
    assert 0 <= mi <= min(hx, hy) + 1e-12
    with pytest.raises(InputError):
        statistics.mutual_information(joint * 2)


def test_perplexity():
    assert statistics.perplexity([0.25] * 4) == pytest.approx(4.0)
    assert statistics.perplexity([0.25] * 4, base=2) == pytest.approx(4.0)
    p, q = np.array([0.7, 0.2, 0.1]), np.array([0.5, 0.3, 0.2])
    assert statistics.perplexity(p) == pytest.approx(math.exp(stats.entropy(p)))
    assert statistics.perplexity(p, q) == pytest.approx(math.exp(-np.sum(p * np.log(q))))
    assert statistics.perplexity(p, q) >= statistics.perplexity(p)  # Gibbs: H(p, q) ≥ H(p)
    assert statistics.perplexity([0.5, 0.5], [1.0, 0.0]) == math.inf


LESSON_04_X = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 3.0]])
LESSON_04_Y = LESSON_04_X @ np.array([1.0, 2.0]) + 3.0


def test_ridge_reference_numbers():
    np.testing.assert_allclose(regression.ridge(LESSON_04_X, LESSON_04_Y, 1.0), [0.8, 1.4, 4.5], atol=1e-12)
    # λ = 0 is least squares: the planted coefficients come back.
    np.testing.assert_allclose(regression.ridge(LESSON_04_X, LESSON_04_Y, 0.0), [1.0, 2.0, 3.0], atol=1e-10)


@pytest.mark.parametrize("seed", range(10))
def test_ridge_against_scikit_learn_and_the_augmented_closed_form(seed):
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(3, 30)), int(rng.integers(1, 5))
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    lam = float(rng.uniform(0.01, 10))
    ours = regression.ridge(X, y, lam)
    sk = Ridge(alpha=lam).fit(X, y)
    np.testing.assert_allclose(ours[:-1], sk.coef_, atol=1e-10)
    assert ours[-1] == pytest.approx(sk.intercept_, abs=1e-10)
    A = np.hstack([X, np.ones((n, 1))])
    D = np.diag([1.0] * d + [0.0])
    np.testing.assert_allclose(ours, np.linalg.solve(A.T @ A + lam * D, A.T @ y), atol=1e-9)
    no_intercept = regression.ridge(X, y, lam, intercept=False)
    np.testing.assert_allclose(no_intercept, Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_, atol=1e-10)
    with pytest.raises(InputError):
        regression.ridge(X, y, -1.0)


@pytest.mark.parametrize("seed", range(15))
def test_lad_against_quantile_regressor(seed):
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(8, 60)), int(rng.integers(1, 4))
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 1.0 + rng.laplace(size=n)
    y[:3] += 20.0  # outliers
    ours = regression.lad_regression(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        q = QuantileRegressor(quantile=0.5, alpha=0, solver="highs").fit(X, y)
    theirs = np.append(q.coef_, q.intercept_)
    A = np.hstack([X, np.ones((n, 1))])
    assert np.abs(y - A @ ours).sum() <= np.abs(y - A @ theirs).sum() + 1e-9
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_lad_is_robust_where_least_squares_is_not():
    x = np.arange(10.0)
    y = 2 * x + 1
    y[9] = 100.0
    np.testing.assert_allclose(regression.lad_regression(x, y), [2.0, 1.0], atol=1e-9)
    ls = np.linalg.lstsq(np.c_[x, np.ones(10)], y, rcond=None)[0]
    assert abs(ls[0] - 2.0) > 1.0
    # One column, no intercept, one point: the median of the ratios.
    assert regression.lad_regression([[1.0], [1.0], [1.0]], [1.0, 2.0, 10.0], intercept=False)[0] == pytest.approx(2.0)
