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
    target = as_array(y, "y", ndim=1, field="y")
    if target.shape[0] != design.shape[0]:
        raise InputError(f"X의 행 수({design.shape[0]})와 y의 길이({target.shape[0]})가 같아야 합니다.", field="y")
    p = design.shape[1]
    if init is None:
        beta = np.zeros(p)
    else:
        beta = as_array(init, "초기 계수", ndim=1, field="init").copy()
        if beta.shape[0] != p:
            raise InputError(
                f"초기 계수의 길이({beta.shape[0]})가 계수 개수({p}{', 절편 포함' if intercept else ''})와 같아야 합니다.",
                field="init")
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
    lr = as_float(lr, "학습률", 0.0, low_open=True, field="lr")
    steps = as_int(steps, "반복 횟수", 0, MAX_UPDATES, field="steps")
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
    lr = as_float(lr, "학습률", 0.0, low_open=True, field="lr")
    epochs = as_int(epochs, "에폭 수", 0, field="epochs")
    n = design.shape[0]
    batch_size = as_int(batch_size, "배치 크기", 1, n, field="batch_size")
    per_epoch = -(-n // batch_size)
    total = epochs * per_epoch
    if total > MAX_UPDATES:
        raise InputError(f"업데이트 횟수({total})가 너무 많습니다 ({MAX_UPDATES} 이하).", field="epochs")
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


def _design_and_target(X, y, intercept: bool):
    design = design_matrix(X, intercept)
    target = as_array(y, "y", ndim=1)
    if target.shape[0] != design.shape[0]:
        raise InputError(f"X의 행 수({design.shape[0]})와 y의 길이({target.shape[0]})가 같아야 합니다.")
    return design, target


def ridge(X, y, lam: float, intercept: bool = True) -> np.ndarray:
    r"""Ridge regression: β̂ minimises ‖y − Xβ − b𝟙‖² + λ‖β‖² with the intercept b not penalised.

    Closed form on centred data: β̂ = (X_cᵀX_c + λI)⁻¹X_cᵀy_c, b = ȳ − x̄ᵀβ̂ (the same as
    (XᵀX + λD)⁻¹Xᵀy on the design [X | 1] with D = diag(1, …, 1, 0)).  As a MAP estimate it is
    the posterior mode under Gaussian noise σ² and a Gaussian prior β ~ N(0, τ²I) with λ = σ²/τ².
    X: (n,) or (n, d); y: (n,); λ ≥ 0 (λ = 0 is least squares, solved with the pseudo-inverse).
    Returns (d + 1,) with the intercept last when ``intercept``, else (d,).
    """
    x = design_matrix(X, intercept=False)
    _, target = _design_and_target(x, y, False)
    lam = as_float(lam, "λ", 0.0)
    if intercept:
        mx, my = x.mean(axis=0), float(target.mean())
        xc, yc = x - mx, target - my
    else:
        xc, yc = x, target
    gram = xc.T @ xc
    if lam > 0:
        beta = np.linalg.solve(gram + lam * np.eye(gram.shape[0]), xc.T @ yc)
    else:
        beta = np.linalg.pinv(xc) @ yc
    if not np.all(np.isfinite(beta)):
        raise InputError("계수가 float64 범위를 넘었습니다. 더 작은 값을 쓰세요.")
    return np.append(beta, my - mx @ beta) if intercept else beta


def _lad_objective(design: np.ndarray, target: np.ndarray, beta: np.ndarray) -> float:
    return float(np.sum(np.abs(target - design @ beta)))


def lad_regression(X, y, intercept: bool = True) -> np.ndarray:
    r"""Least absolute deviations: β̂ minimises Σᵢ |yᵢ − xᵢᵀβ| (the MLE under Laplace noise; robust
    to outliers, like the median).  X: (n,) or (n, d); y: (n,).  Intercept last, as in
    :func:`mathcore.linalg.least_squares`.

    Iteratively reweighted least squares (weights 1/max(|rᵢ|, δ)) gets close to the optimum; an
    optimum of this linear programme passes through p of the points, so the fit is then polished
    by solving exactly through p of the points with the smallest residuals and keeping the best.
    """
    import itertools

    design, target = _design_and_target(X, y, intercept)
    n, p = design.shape
    beta = np.linalg.lstsq(design, target, rcond=None)[0]
    delta = 1e-10 * max(1.0, float(np.max(np.abs(target))))
    for _ in range(200):
        w = 1.0 / np.maximum(np.abs(target - design @ beta), delta)
        sw = np.sqrt(w)
        new = np.linalg.lstsq(design * sw[:, None], target * sw, rcond=None)[0]
        done = np.max(np.abs(new - beta)) <= 1e-12 * max(1.0, float(np.max(np.abs(new))))
        beta = new
        if done:
            break
    best, best_obj = beta, _lad_objective(design, target, beta)
    near = np.argsort(np.abs(target - design @ beta))[: min(n, p + 4)]
    for rows in itertools.combinations(near, p):
        sub = design[list(rows)]
        if abs(np.linalg.det(sub)) < 1e-12:
            continue
        cand = np.linalg.solve(sub, target[list(rows)])
        obj = _lad_objective(design, target, cand)
        if obj < best_obj - 1e-12 * max(1.0, best_obj):
            best, best_obj = cand, obj
    return best


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


__all__ = ["gd_linear_regression", "sgd_linear_regression", "RegressionResult", "make_linear_data", "ridge",
           "lad_regression"]
