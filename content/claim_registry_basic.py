"""Claim computations for vectors, matrices and regression (see :mod:`content.claim_registry`)."""

from __future__ import annotations

import importlib
import math

import numpy as np

__all__ = ["BASIC", "mathcore_call", "np"]


def mathcore_call(module: str, name: str):
    """A registry entry that calls ``mathcore.<module>.<name>(**kwargs)``."""
    def call(**kwargs):
        return getattr(importlib.import_module(f"mathcore.{module}"), name)(**kwargs)
    call.__name__ = f"{module}.{name}"
    return call


def _linalg():
    from mathcore import linalg

    return linalg


def _deg(x, y):
    return math.degrees(_linalg().angle(x, y))


def _cosine(x, y):
    return math.cos(_linalg().angle(x, y))


def _dot(x, y):
    return float(np.dot(np.asarray(x, float), np.asarray(y, float)))


def _scalar_projection(x, y):
    """comp_y x = xᵀy / ‖y‖₂."""
    return _dot(x, y) / _linalg().l2_norm(y)


def _l2_norm_sq(x):
    return _linalg().l2_norm(x) ** 2


def _add(x, y):
    return np.asarray(x, float) + np.asarray(y, float)


def _subtract(x, y):
    return np.asarray(x, float) - np.asarray(y, float)


def _scale(x, c):
    return c * np.asarray(x, float)


def _hat_matrix(A):
    """A A⁺: the orthogonal projection onto the column space of A."""
    linalg = _linalg()
    return linalg.matmul(A, linalg.pinv(A))


def _design(X, intercept):
    return _linalg().design_matrix(X, intercept)


def _lstsq_predict(X, y, intercept=True):
    linalg = _linalg()
    return linalg.matmul(_design(X, intercept), linalg.least_squares(X, y, intercept))


def _residual_ss(X, y, intercept=True):
    r = np.asarray(y, float) - _lstsq_predict(X, y, intercept)
    return float(r @ r)


def _library_fit(X, y):
    """A library-style fit (scikit-learn's LinearRegression): centred data, minimum-norm slope
    coefficients, intercept computed separately (last) — mathcore's ridge with λ = 0."""
    from mathcore import regression

    return regression.ridge(X, y, 0.0)


def _mse(pred, y):
    r = np.asarray(pred, float) - np.asarray(y, float)
    return _linalg().l2_norm(r) ** 2 / r.size


def _gd_regression(X, y, lr, steps, init=None, intercept=True):
    from mathcore import regression

    return regression.gd_linear_regression(X, y, lr=lr, steps=steps, init=init,
                                           intercept=intercept).beta


def _gd_history(X, y, lr, steps, init=None, intercept=True):
    """β after 0, 1, …, ``steps`` updates (one row each)."""
    from mathcore import regression

    return regression.gd_linear_regression(X, y, lr=lr, steps=steps, init=init,
                                           intercept=intercept).history


def _residual(X, y, beta, intercept=True):
    return np.asarray(y, float) - _design(X, intercept) @ np.asarray(beta, float)


def _gd_loss(X, y, lr, steps, init=None, intercept=True):
    """Sum-of-squares loss ½‖y − Xβ‖² after ``steps`` steps of β ← β + lr·Xᵀ(y − Xβ)."""
    r = _residual(X, y, _gd_regression(X, y, lr, steps, init, intercept), intercept)
    return 0.5 * float(r @ r)


def _gd_gradient(X, y, lr, steps, init=None, intercept=True):
    """∇½‖y − Xβ‖² = −Xᵀ(y − Xβ) at the iterate after ``steps`` steps."""
    beta = _gd_regression(X, y, lr, steps, init, intercept)
    return -_design(X, intercept).T @ _residual(X, y, beta, intercept)


def _minibatch_gradient(X, y, beta, rows, intercept=True):
    """Gradient of the batch's mean loss ½·mean(y_B − X_Bβ)² (rows 0-based)."""
    d = _design(X, intercept)[rows]
    r = np.asarray(y, float)[rows] - d @ np.asarray(beta, float)
    return -d.T @ r / len(rows)


def _gd_first_exceed(X, y, lr, steps, init=None, limit=1e12, intercept=True):
    """The first step at which some |βᵢ| exceeds ``limit`` (0 if it never does)."""
    from mathcore import regression

    hist = regression.gd_linear_regression(X, y, lr=lr, steps=steps, init=init,
                                           intercept=intercept).history
    over = np.nonzero(np.max(np.abs(hist), axis=1) > limit)[0]
    return int(over[0]) if over.size else 0


def _gram_eigenvalues(X, intercept=True, scale=1.0):
    """Eigenvalues (ascending) of XᵀX for the design of ``scale``·X (ones column unscaled)."""
    linalg = _linalg()
    d = _design(np.asarray(X, float) * scale, intercept)
    return linalg.eig(linalg.matmul(d.T, d))[0]


def _gd_rates(X, lr, intercept=True, scale=1.0):
    """The factors 1 − ηλᵢ by which GD shrinks the error along each eigenvector of XᵀX."""
    return 1.0 - lr * _gram_eigenvalues(X, intercept, scale)


def _lr_limit(X, intercept=True, scale=1.0):
    """The largest stable learning rate 2/λ_max(XᵀX)."""
    return 2.0 / float(_gram_eigenvalues(X, intercept, scale)[-1])


def _gram_ratio(X, intercept=True):
    eigs = _gram_eigenvalues(X, intercept)
    return float(eigs[-1] / eigs[0])


def _synthetic_fit_mse(method, n, seed, lr=0.1, steps=100, batch_size=10, low=0.0, high=2.0):
    """MSE on y = 2x + 1 + N(0, 0.5²) data (``make_linear_data``) after full-batch GD on the
    mean loss (``steps`` steps), one epoch of mini-batch SGD, or least squares."""
    from mathcore import regression

    X, y = regression.make_linear_data(n, (2.0,), 1.0, 0.5, seed, low, high)
    if method == "gd":
        fit = regression.gd_linear_regression(X, y, lr=lr / n, steps=steps)
    elif method == "sgd":
        fit = regression.sgd_linear_regression(X, y, lr=lr, epochs=1, batch_size=batch_size,
                                               seed=seed)
    else:
        return _residual_ss(X, y) / n
    r = _residual(X, y, fit.beta)
    return float(r @ r) / n


def _singular_values(A):
    return _linalg().svd(A)[1]


def _low_rank_error(A, k):
    """‖A − A_k‖₂ for the best rank-k approximation A_k."""
    linalg = _linalg()
    return float(linalg.svd(np.asarray(A, float) - linalg.low_rank(A, k))[1][0])


BASIC = {
    "l1_norm": mathcore_call("linalg", "l1_norm"),
    "l2_norm": mathcore_call("linalg", "l2_norm"),
    "l2_norm_sq": _l2_norm_sq,
    "linf_norm": mathcore_call("linalg", "linf_norm"),
    "angle_rad": mathcore_call("linalg", "angle"),
    "angle_deg": _deg,
    "cosine": _cosine,
    "dot": _dot,
    "add": _add,
    "subtract": _subtract,
    "scale": _scale,
    "hadamard": mathcore_call("linalg", "hadamard"),
    "projection": mathcore_call("linalg", "projection"),
    "scalar_projection": _scalar_projection,
    "matmul": mathcore_call("linalg", "matmul"),
    "inner": mathcore_call("linalg", "inner"),
    "transpose": mathcore_call("linalg", "transpose"),
    "determinant": mathcore_call("linalg", "determinant"),
    "inverse": mathcore_call("linalg", "inverse"),
    "pinv": mathcore_call("linalg", "pinv"),
    "hat_matrix": _hat_matrix,
    "condition_number": mathcore_call("linalg", "condition_number"),
    "rank": mathcore_call("linalg", "rank"),
    "eigenvalues": lambda A: _linalg().eig(A)[0],
    "singular_values": _singular_values,
    "low_rank_error": _low_rank_error,
    "least_squares": mathcore_call("linalg", "least_squares"),
    "lstsq_predict": _lstsq_predict,
    "residual_ss": _residual_ss,
    "lstsq_mse": lambda X, y, intercept=True: _residual_ss(X, y, intercept) / len(y),
    "library_fit": _library_fit,
    "ridge": mathcore_call("regression", "ridge"),
    "mse": _mse,
    "residual": _residual,
    "gd_regression": _gd_regression,
    "gd_loss": _gd_loss,
    "gd_history": _gd_history,
    "gd_gradient": _gd_gradient,
    "minibatch_gradient": _minibatch_gradient,
    "gd_first_exceed": _gd_first_exceed,
    "gram_eigenvalues": _gram_eigenvalues,
    "gd_rates": _gd_rates,
    "lr_limit": _lr_limit,
    "gram_ratio": _gram_ratio,
    "synthetic_fit_mse": _synthetic_fit_mse,
    "softmax_ce": lambda logits, label: float(
        importlib.import_module("mathcore.nn").cross_entropy([logits], [label])),
    "entropy": mathcore_call("statistics", "entropy"),
    "cross_entropy_dist": mathcore_call("statistics", "cross_entropy_dist"),
    "kl": mathcore_call("statistics", "kl_divergence"),
    "mle_normal": mathcore_call("statistics", "mle_normal"),
    "mle_categorical": mathcore_call("statistics", "mle_categorical"),
    "sample_variance": mathcore_call("statistics", "sample_variance"),
    "moments": lambda samples, key: importlib.import_module("mathcore.probability").moments(samples)[key],
    "covariance": mathcore_call("probability", "covariance"),
    "posterior": mathcore_call("bayes", "posterior"),
    "sequential_posterior": mathcore_call("bayes", "sequential_posterior"),
    "correlate1d": mathcore_call("conv", "correlate1d"),
    "convolve1d": mathcore_call("conv", "convolve1d"),
    "correlate2d": mathcore_call("conv", "correlate2d"),
    "convolve2d": mathcore_call("conv", "convolve2d"),
    "rnn_forward": mathcore_call("rnn", "rnn_forward"),
    "rnn_state": lambda t, **kw: importlib.import_module("mathcore.rnn").rnn_forward(**kw)[t - 1],
    "rnn_outputs": lambda W_o, **kw: (importlib.import_module("mathcore.rnn").rnn_forward(**kw)
                                      @ np.asarray(W_o, float)).ravel(),
    "global_norm": mathcore_call("rnn", "global_norm"),
}
