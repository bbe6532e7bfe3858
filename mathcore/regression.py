r"""Linear regression by (stochastic) gradient descent on the design matrix.

The model is ŷ = Xβ where X carries a trailing column of ones when ``intercept`` is set (the
intercept is then the last coefficient).  Compare with :func:`mathcore.linalg.least_squares`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore import InputError
from mathcore._util import as_array, as_float, as_int
from mathcore.linalg import design_matrix

MAX_UPDATES = 2_000_000
DIVERGENCE_LIMIT = 1e100


@dataclass
class RegressionResult:
    """beta: final coefficients (p,); history: β after 0, 1, …, k updates (k+1, p);
    loss: mean squared error (1/n)‖y − Xβ‖² for every row of ``history`` (k+1,);
    diverged: True when β became non-finite or exploded (> 1e100) and the run stopped early;
    updates: number of updates performed."""

    beta: np.ndarray
    history: np.ndarray
    loss: np.ndarray
    diverged: bool = False
    updates: int = 0


def _prepare(X, y, intercept: bool, init):
    design = design_matrix(X, intercept)
    target = as_array(y, "y", ndim=1)
    if target.shape[0] != design.shape[0]:
        raise InputError(f"X의 행 수({design.shape[0]})와 y의 길이({target.shape[0]})가 같아야 합니다.")
    p = design.shape[1]
    if init is None:
        beta = np.zeros(p)
    else:
        beta = as_array(init, "초기 계수", ndim=1).copy()
        if beta.shape[0] != p:
            raise InputError(
                f"초기 계수의 길이({beta.shape[0]})가 계수 개수({p}{', 절편 포함' if intercept else ''})와 같아야 합니다."
            )
    return design, target, beta


def _mse(design: np.ndarray, target: np.ndarray, history: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        resid = target[None, :] - history @ design.T
        return np.mean(resid * resid, axis=1)


def gd_linear_regression(X, y, lr: float = 0.01, steps: int = 5000, init=None,
                         intercept: bool = True) -> RegressionResult:
    r"""Full-batch gradient descent for least squares: β ← β + η·Xᵀ(y − Xβ).

    This is descent on ½‖y − Xβ‖² (gradient −Xᵀ(y − Xβ)), with X the design matrix (ones column
    appended last when ``intercept``).  X: (n,) or (n, d); y: (n,); init: (p,) or None (zeros).
    On X = [[1,1],[1,2],[2,2],[2,3]], y = X·[1, 2] + 3, init [10.1, 15.1, −6.5], η = 0.01 and
    5000 steps it gives [1.00000367, 1.99999949, 2.99999516].
    Stops early with ``diverged=True`` if β becomes non-finite or exceeds 1e100.
    """
    design, target, beta = _prepare(X, y, intercept, init)
    lr = as_float(lr, "학습률", 0.0, low_open=True)
    steps = as_int(steps, "반복 횟수", 0, MAX_UPDATES)
    history = np.empty((steps + 1, beta.shape[0]))
    history[0] = beta
    xt = design.T
    diverged = False
    k = 0
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            error = target - design @ beta
            beta = beta + lr * (xt @ error)
            if not np.all(np.abs(beta) <= DIVERGENCE_LIMIT):
                diverged = True
                k -= 1
                break
            history[k] = beta
        else:
            k = steps
    history = history[: k + 1]
    return RegressionResult(beta=history[-1].copy(), history=history, loss=_mse(design, target, history),
                            diverged=diverged, updates=k)


def sgd_linear_regression(X, y, lr: float = 0.01, epochs: int = 100, batch_size: int = 1, seed: int = 0,
                          intercept: bool = True, init=None) -> RegressionResult:
    r"""Mini-batch stochastic gradient descent for least squares.

    Each epoch shuffles the rows (``numpy.random.default_rng(seed)``) and, for every batch B of
    ``batch_size`` rows, updates β ← β + η·X_Bᵀ(y_B − X_Bβ)/|B| — the gradient of the batch's
    mean squared error (halved), an unbiased estimate of the full-data one.
    X: (n,) or (n, d); y: (n,).  history/loss have one row per update (plus the start).
    Stops early with ``diverged=True`` if β becomes non-finite or exceeds 1e100.
    """
    design, target, beta = _prepare(X, y, intercept, init)
    lr = as_float(lr, "학습률", 0.0, low_open=True)
    epochs = as_int(epochs, "에폭 수", 0)
    n = design.shape[0]
    batch_size = as_int(batch_size, "배치 크기", 1, n)
    per_epoch = -(-n // batch_size)
    total = epochs * per_epoch
    if total > MAX_UPDATES:
        raise InputError(f"업데이트 횟수({total})가 너무 많습니다 ({MAX_UPDATES} 이하).")
    rng = np.random.default_rng(seed)
    history = np.empty((total + 1, beta.shape[0]))
    history[0] = beta
    k = 0
    diverged = False
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            order = rng.permutation(n)
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                xb = design[idx]
                beta = beta + lr * (xb.T @ (target[idx] - xb @ beta)) / idx.size
                if not np.all(np.abs(beta) <= DIVERGENCE_LIMIT):
                    diverged = True
                    break
                k += 1
                history[k] = beta
            if diverged:
                break
    history = history[: k + 1]
    return RegressionResult(beta=history[-1].copy(), history=history, loss=_mse(design, target, history),
                            diverged=diverged, updates=k)


def make_linear_data(n: int = 100, coef=(2.0,), intercept: float = 1.0, noise: float = 0.5, seed: int = 0,
                     low: float = -3.0, high: float = 3.0):
    r"""Synthetic data y = X·coef + intercept + ε, ε ~ N(0, noise²), X uniform in [low, high].

    Returns (X (n, d), y (n,)).  Deterministic for a given seed.
    """
    n = as_int(n, "데이터 개수", 1, 1_000_000)
    w = as_array(coef, "계수", ndim=1)
    noise = as_float(noise, "잡음", 0.0)
    rng = np.random.default_rng(seed)
    X = rng.uniform(low, high, size=(n, w.size))
    y = X @ w + float(intercept) + noise * rng.standard_normal(n)
    return X, y


__all__ = ["gd_linear_regression", "sgd_linear_regression", "RegressionResult", "make_linear_data"]
