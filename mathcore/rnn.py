r"""A vanilla RNN: forward pass, backpropagation through time, gradient clipping, and the
gradient norms ‖∂H_T/∂H_t‖ that vanish or explode.

Row convention: H_t = tanh(X_t W_x + H_{t−1} W_h + b) with X_t (d,), H_t (h,).
"""
from __future__ import annotations

import numpy as np

from mathcore import InputError
from mathcore._util import as_array, as_float, as_int


def _weights(X, W_x, W_h, b, h0):
    x = as_array(X, "입력 X", ndim=2, field="X")
    wx = as_array(W_x, "W_x", ndim=2, field="W_x")
    wh = as_array(W_h, "W_h", ndim=2, field="W_h")
    T, d = x.shape
    if wx.shape[0] != d:
        raise InputError(f"W_x의 행 수({wx.shape[0]})가 입력 차원 d({d})와 같아야 합니다.", field="W_x")
    h = wx.shape[1]
    if wh.shape != (h, h):
        raise InputError(f"W_h의 모양 {wh.shape}이 ({h}, {h})이어야 합니다.", field="W_h")
    bias = np.zeros(h) if b is None else as_array(b, "편향 b", ndim=1, field="b")
    if bias.shape != (h,):
        raise InputError(f"편향 b의 길이({bias.shape[0]})가 은닉 차원({h})과 같아야 합니다.", field="b")
    start = np.zeros(h) if h0 is None else as_array(h0, "초기 상태 h0", ndim=1, field="h0")
    if start.shape != (h,):
        raise InputError(f"초기 상태 h0의 길이({start.shape[0]})가 은닉 차원({h})과 같아야 합니다.", field="h0")
    return x, wx, wh, bias, start


def rnn_forward(X, W_x, W_h, b, h0=None) -> np.ndarray:
    r"""H_t = tanh(X_t W_x + H_{t−1} W_h + b), t = 1 … T, with H₀ = h0 (zeros by default).

    X: (T, d), W_x: (d, h), W_h: (h, h), b: (h,) → H: (T, h) (H₀ not included).
    """
    x, wx, wh, bias, hprev = _weights(X, W_x, W_h, b, h0)
    xw = x @ wx + bias  # input contributions for all steps at once
    H = np.empty((x.shape[0], wx.shape[1]))
    for t in range(x.shape[0]):
        hprev = np.tanh(xw[t] + hprev @ wh)
        H[t] = hprev
    return H


def rnn_backward(X, H, W_x, W_h, dH, h0=None) -> dict:
    r"""Backpropagation through time for :func:`rnn_forward`, given dH[t] = ∂L/∂H_t (direct
    dependence of L on every hidden state).

    Going backwards, g_t = dH[t] + (∂L/∂H_t through H_{t+1}); a_t = g_t ⊙ (1 − H_t²);
    ∂L/∂W_x += X_tᵀ a_t, ∂L/∂W_h += H_{t−1}ᵀ a_t, ∂L/∂b += a_t, ∂L/∂X_t = a_t W_xᵀ and the
    gradient passed to H_{t−1} is a_t W_hᵀ.  Returns dict with dW_x (d, h), dW_h (h, h),
    db (h,), dX (T, d), dh0 (h,).
    """
    x, wx, wh, _, start = _weights(X, W_x, W_h, None, h0)
    hs = as_array(H, "은닉 상태 H", ndim=2)
    dh_out = as_array(dH, "dH", ndim=2)
    T, h = x.shape[0], wx.shape[1]
    if hs.shape != (T, h) or dh_out.shape != (T, h):
        raise InputError(f"H와 dH의 모양이 ({T}, {h})이어야 합니다 (지금 {hs.shape}, {dh_out.shape}).")
    dwx = np.zeros_like(wx)
    dwh = np.zeros_like(wh)
    db = np.zeros(h)
    dx = np.zeros_like(x)
    carry = np.zeros(h)
    for t in range(T - 1, -1, -1):
        g = dh_out[t] + carry
        a = g * (1.0 - hs[t] ** 2)
        prev = hs[t - 1] if t > 0 else start
        dwx += np.outer(x[t], a)
        dwh += np.outer(prev, a)
        db += a
        dx[t] = a @ wx.T
        carry = a @ wh.T
    return {"dW_x": dwx, "dW_h": dwh, "db": db, "dX": dx, "dh0": carry}


def clip_gradients(grads, max_norm) -> list:
    r"""Global-norm clipping: with N = √(Σ_g ‖g‖²) over all arrays, every g becomes
    g·min(1, max_norm / N).  Directions are kept; returns new arrays (inputs untouched)."""
    m = as_float(max_norm, "최대 노름", 0.0, low_open=True)
    arrays = [as_array(g, "기울기", allow_empty=True) for g in grads]
    if not arrays:
        return []
    scale_ref = max((float(np.max(np.abs(g))) for g in arrays if g.size), default=0.0)
    if scale_ref == 0.0:
        return [g.copy() for g in arrays]
    total = scale_ref * np.sqrt(sum(float(np.sum((g / scale_ref) ** 2)) for g in arrays))
    factor = min(1.0, m / total)
    return [g * factor for g in arrays]


def global_norm(grads) -> float:
    r"""√(Σ_g ‖g‖²) over a list of arrays."""
    return float(np.sqrt(sum(float(np.sum(np.asarray(g, dtype=float) ** 2)) for g in grads)))


def gradient_norms_through_time(W_h, T, X=None, W_x=None, b=None, h0=None, truncate=None) -> np.ndarray:
    r"""Spectral norms ‖∂H_T/∂H_t‖₂ for t = T, T − 1, …, 1 (distance T − t = 0 … T − 1).

    Without X: a linear RNN H_t = H_{t−1} W_h, so ∂H_T/∂H_t = W_h^{T−t} and the norm grows or
    shrinks like ρ(W_h)^{T−t} (spectral radius).  With X (T, d) and W_x: the tanh RNN of
    :func:`rnn_forward`, whose Jacobian ∂H_s/∂H_{s−1} = W_h·diag(1 − H_s²) is multiplied
    along the actual trajectory.  ``truncate=k`` (truncated BPTT) zeroes distances ≥ k.
    Returns (T,).
    """
    wh = as_array(W_h, "W_h", ndim=2)
    if wh.shape[0] != wh.shape[1]:
        raise InputError(f"W_h는 정사각행렬이어야 합니다 (지금 {wh.shape}).")
    T = as_int(T, "시간 길이 T", 1, 10_000)
    h = wh.shape[0]
    if X is not None:
        if W_x is None:
            raise InputError("X를 주면 W_x도 필요합니다.")
        x = as_array(X, "입력 X", ndim=2)
        if x.shape[0] != T:
            raise InputError(f"X의 길이({x.shape[0]})가 T({T})와 같아야 합니다.")
        H = rnn_forward(x, W_x, wh, np.zeros(h) if b is None else b, h0)
        derivs = 1.0 - H**2  # (T, h)
    else:
        derivs = None
    norms = np.empty(T)
    J = np.eye(h)  # ∂H_T/∂H_t in row convention: dH_t = dH_T Jᵀ …; we track the matrix product
    norms[0] = 1.0
    with np.errstate(all="ignore"):
        for dist in range(1, T):
            s = T - dist + 1  # step whose Jacobian extends the chain (1-based time index)
            step = wh if derivs is None else wh * derivs[s - 1][None, :]
            J = step @ J
            norms[dist] = np.linalg.norm(J, 2) if np.all(np.isfinite(J)) else np.inf
    if truncate is not None:
        k = as_int(truncate, "절단 길이", 1)
        norms[k:] = 0.0
    return norms


def random_recurrent_matrix(h: int, spectral_radius: float, seed: int = 0) -> np.ndarray:
    r"""A random (h, h) matrix scaled so that its spectral radius max|λ| equals the given value."""
    h = as_int(h, "은닉 차원", 1, 512)
    rho = as_float(spectral_radius, "스펙트럼 반경", 0.0)
    rng = np.random.default_rng(seed)
    M = rng.standard_normal((h, h)) / np.sqrt(h)
    current = float(np.max(np.abs(np.linalg.eigvals(M))))
    return M * (rho / current) if current > 0 else M


__all__ = ["rnn_forward", "rnn_backward", "clip_gradients", "global_norm", "gradient_norms_through_time",
           "random_recurrent_matrix"]
