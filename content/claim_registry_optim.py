"""Claim computations of lesson 14 (optimization), merged into ``content.claim_registry.COMPUTATIONS``.

Each entry is a plain function of JSON keyword arguments that calls mathcore (never evaluated
code); see content/STYLE.md §6 for the marks that use them.
"""

from __future__ import annotations

import math

__all__ = ["COMPUTATIONS"]


def _run(method, expr, init, lr, steps, **hyper):
    from mathcore import optim

    if "betas" in hyper:
        hyper["betas"] = tuple(hyper["betas"])
    return optim.optimize(method, expr, init, lr, steps, **hyper)


def _optim_point(step, **kwargs):
    """The iterate x_step of ``mathcore.optim.optimize`` (0 is the start)."""
    return _run(**kwargs).path[step].tolist()


def _optim_path(**kwargs):
    """Every iterate after the start, x₁ … x_steps (one coordinate each for a 1-D run)."""
    path = _run(**kwargs).path[1:]
    return path.ravel().tolist() if path.shape[1] == 1 else path.tolist()


def _optim_value(step, **kwargs):
    """f(x_step) along an ``optimize`` run."""
    return float(_run(**kwargs).values[step])


def _first_exceed(coordinate, threshold, **kwargs):
    """The first step at which |x_coordinate| exceeds ``threshold`` (-1 if never)."""
    import numpy as np

    path = _run(**kwargs).path
    hits = np.flatnonzero(np.abs(path[:, coordinate]) > threshold)
    return int(hits[0]) if hits.size else -1


def _hessian_eigs(expr, variables, point):
    """Eigenvalues (ascending) of the Hessian of ``expr`` at ``point``."""
    from mathcore import calculus, linalg

    H = calculus.evaluate(calculus.hessian(expr, variables), variables, point)
    return linalg.eig(H)[0].real.tolist()


def _hessian_at(expr, variables, point):
    from mathcore import calculus

    return calculus.evaluate(calculus.hessian(expr, variables), variables, point).tolist()


def _lr_bound(A):
    """2/λ_max of a symmetric A: the largest stable GD step on ½xᵀAx."""
    from mathcore import linalg

    return 2.0 / float(max(linalg.eig(A)[0].real))


def _best_rate(A):
    """(κ − 1)/(κ + 1): the per-step error factor of GD with η = 2/(λ_min + λ_max)."""
    from mathcore import linalg

    values = linalg.eig(A)[0].real
    kappa = float(max(values) / min(values))
    return (kappa - 1) / (kappa + 1)


def _adam_raw_first_step(lr, betas=(0.9, 0.999)):
    """|Δx| of Adam's first step without bias correction: η(1 − β₁)/√(1 − β₂)."""
    return lr * (1 - betas[0]) / math.sqrt(1 - betas[1])


def _rmsprop_first_step(lr, alpha=0.99):
    """|Δx| of RMSProp's first step (torch's rule, no bias correction): η/√(1 − α)."""
    return lr / math.sqrt(1 - alpha)


def _lr_schedule(kind, steps, **kwargs):
    """``mathcore.optim.lr_schedule`` at each t in ``steps``."""
    from mathcore import optim

    return [optim.lr_schedule(kind, t, **kwargs) for t in steps]


def _init_std(scheme, n):
    """The weight standard deviation of an initialisation for fan-in n: √(1/n) or √(2/n)."""
    return math.sqrt({"xavier": 1.0, "he": 2.0}[scheme] / n)


def _init_layer(layer, **kwargs):
    """Spread of the activations after ``layer`` (1-based) in ``mathcore.optim.init_spread``."""
    from mathcore import optim

    return float(optim.init_spread(**kwargs)[layer - 1])


COMPUTATIONS = {
    "optim_point": _optim_point,
    "optim_path": _optim_path,
    "optim_value": _optim_value,
    "first_exceed": _first_exceed,
    "hessian_eigs": _hessian_eigs,
    "hessian_at": _hessian_at,
    "lr_bound": _lr_bound,
    "best_rate": _best_rate,
    "adam_raw_first_step": _adam_raw_first_step,
    "rmsprop_first_step": _rmsprop_first_step,
    "lr_schedule": _lr_schedule,
    "init_std": _init_std,
    "init_layer": _init_layer,
}
