r"""Gradient checking by central differences: ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h, one entry at a time.

Used to verify :func:`mathcore.nn.backprop_trace` (and any hand-written backward pass): the
relative error ‖g_backprop − g_numeric‖ / max(‖g_backprop‖ + ‖g_numeric‖, tiny) should be ~1e-8.
"""
from __future__ import annotations

import numpy as np

from mathcore import nn

PARAMETERS = ("W1", "b1", "W2", "b2")


def two_layer_loss(x, label, W1, b1, W2, b2, activation: str = "sigmoid") -> float:
    r"""L = −log softmax(σ(xW₁ + b₁)W₂ + b₂)_label for one example (inputs already validated)."""
    act = nn.ACTIVATIONS[activation][0]
    o = act(np.asarray(x) @ W1 + b1) @ W2 + b2
    return float(-nn.log_softmax(o)[int(label)])


def backprop_numerical(x, label, W1, b1, W2, b2, activation: str = "sigmoid", h: float = 1e-6) -> dict:
    r"""Central-difference gradients of :func:`two_layer_loss` with respect to W1, b1, W2, b2.

    Returns {"dW1": (d, h), "db1": (h,), "dW2": (h, p), "db2": (p,)}; cost 2 forward passes per
    parameter entry.  Shapes are validated by :func:`mathcore.nn.backprop_trace` first.
    """
    nn.backprop_trace(x, label, W1, b1, W2, b2, activation)  # validates shapes and values
    params = {name: np.array(value, dtype=float) for name, value in zip(PARAMETERS, (W1, b1, W2, b2))}
    xv = np.asarray(x, dtype=float)
    out = {}
    for name, value in params.items():
        grad = np.zeros_like(value)
        flat, gflat = value.reshape(-1), grad.reshape(-1)
        for j in range(flat.size):
            old = flat[j]
            flat[j] = old + h
            up = two_layer_loss(xv, label, activation=activation, **params)
            flat[j] = old - h
            down = two_layer_loss(xv, label, activation=activation, **params)
            flat[j] = old
            gflat[j] = (up - down) / (2 * h)
        out["d" + name] = grad
    return out


def relative_error(a, b) -> float:
    r"""‖a − b‖ / max(‖a‖ + ‖b‖, 1e-300) (0 when both are zero)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    total = float(np.linalg.norm(a) + np.linalg.norm(b))
    return float(np.linalg.norm(a - b) / total) if total > 0 else 0.0


__all__ = ["two_layer_loss", "backprop_numerical", "relative_error", "PARAMETERS"]
