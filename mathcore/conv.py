r"""Discrete convolution and cross-correlation ('valid' mode), multi-channel conv2d and its backward pass.

Convention: *correlation* slides the kernel as is, (x ⋆ k)[i] = Σⱼ x[i + j]·k[j]; *convolution*
flips it first, (x ∗ k)[i] = Σⱼ x[i + j]·k[K − 1 − j].  What CNN layers compute is the
correlation.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from mathcore import InputError
from mathcore._util import as_array

_SHIFT_LIMIT = 64  # kernels with at most this many taps use shifted multiply-adds


def _check_fits(x_shape, k_shape, what: str) -> None:
    if any(k > n for k, n in zip(k_shape, x_shape)):
        raise InputError(f"{what}: 커널 {tuple(k_shape)}이 입력 {tuple(x_shape)}보다 커서 'valid' 출력이 없습니다.")


def correlate1d(x, k) -> np.ndarray:
    r"""(x ⋆ k)[i] = Σⱼ x[i + j]·k[j], i = 0 … N − K ('valid').  x: (N,), k: (K,), K ≤ N → (N − K + 1,)."""
    xv = as_array(x, "입력 x", ndim=1)
    kv = as_array(k, "커널 k", ndim=1)
    _check_fits(xv.shape, kv.shape, "1차원 상관")
    return sliding_window_view(xv, kv.size) @ kv


def convolve1d(x, k) -> np.ndarray:
    r"""(x ∗ k)[i] = Σⱼ x[i + j]·k[K − 1 − j] ('valid'; the kernel is flipped).  Equals
    ``np.convolve(x, k, 'valid')``.  x: (N,), k: (K,) → (N − K + 1,)."""
    kv = as_array(k, "커널 k", ndim=1)
    return correlate1d(x, kv[::-1])


def _corr2d(X: np.ndarray, K: np.ndarray) -> np.ndarray:
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    if kh * kw <= _SHIFT_LIMIT:
        out = np.zeros((oh, ow))
        tmp = np.empty((oh, ow))
        for a in range(kh):
            for b in range(kw):
                w = K[a, b]
                if w != 0.0:
                    np.multiply(X[a:a + oh, b:b + ow], w, out=tmp)
                    out += tmp
        return out
    return np.tensordot(sliding_window_view(X, (kh, kw)), K, axes=([2, 3], [0, 1]))


def correlate2d(X, K) -> np.ndarray:
    r"""(X ⋆ K)[i, j] = Σₐ Σ_b X[i + a, j + b]·K[a, b] ('valid').
    X: (H, W), K: (kh, kw) → (H − kh + 1, W − kw + 1)."""
    xv = as_array(X, "입력 X", ndim=2)
    kv = as_array(K, "커널 K", ndim=2)
    _check_fits(xv.shape, kv.shape, "2차원 상관")
    return _corr2d(xv, kv)


def convolve2d(X, K) -> np.ndarray:
    r"""(X ∗ K)[i, j] = Σₐ Σ_b X[i + a, j + b]·K[kh − 1 − a, kw − 1 − b] ('valid'; kernel flipped in
    both axes).  X: (H, W), K: (kh, kw) → (H − kh + 1, W − kw + 1)."""
    kv = as_array(K, "커널 K", ndim=2)
    return correlate2d(X, kv[::-1, ::-1])


def _conv_inputs(X, K):
    xv = as_array(X, "입력 X", ndim=(2, 3))
    kv = as_array(K, "커널 K", ndim=(2, 4))
    if xv.ndim == 2:
        xv = xv[None]
    if kv.ndim == 2:
        kv = kv[None, None]
    if kv.shape[1] != xv.shape[0]:
        raise InputError(f"커널의 채널 수({kv.shape[1]})가 입력의 채널 수({xv.shape[0]})와 같아야 합니다.")
    _check_fits(xv.shape[1:], kv.shape[2:], "conv2d")
    return xv, kv


def conv2d(X, K, bias=None) -> np.ndarray:
    r"""Multi-channel convolution layer (cross-correlation, as deep-learning libraries compute it):
    Y[o, i, j] = Σ_c Σₐ Σ_b X[c, i + a, j + b]·K[o, c, a, b] + bias[o].

    X: (C, H, W) (or (H, W) for one channel); K: (O, C, kh, kw) (or (kh, kw));
    bias: (O,) or None → Y: (O, H − kh + 1, W − kw + 1).
    """
    xv, kv = _conv_inputs(X, K)
    kh, kw = kv.shape[2:]
    windows = sliding_window_view(xv, (kh, kw), axis=(1, 2))  # (C, H', W', kh, kw)
    out = np.tensordot(kv, windows, axes=([1, 2, 3], [0, 3, 4]))  # (O, H', W')
    if bias is not None:
        b = as_array(bias, "편향", ndim=1)
        if b.shape[0] != kv.shape[0]:
            raise InputError(f"편향의 길이({b.shape[0]})가 출력 채널 수({kv.shape[0]})와 같아야 합니다.")
        out = out + b[:, None, None]
    return out


def conv2d_backward(X, K, dY):
    r"""Gradients of a loss L through :func:`conv2d` given dY = ∂L/∂Y (O, H', W').

    ∂L/∂K[o, c] = X[c] ⋆ dY[o] (correlation of the input with the output gradient);
    ∂L/∂X[c] = Σ_o full convolution of dY[o] with K[o, c] (correlation of the zero-padded dY
    with the flipped kernel).  Returns (dX (C, H, W), dK (O, C, kh, kw)); ∂L/∂bias = Σ_{i,j} dY.
    """
    xv, kv = _conv_inputs(X, K)
    O, C, kh, kw = kv.shape
    oh, ow = xv.shape[1] - kh + 1, xv.shape[2] - kw + 1
    dy = as_array(dY, "출력 기울기 dY", ndim=(2, 3))
    if dy.ndim == 2:
        dy = dy[None]
    if dy.shape != (O, oh, ow):
        raise InputError(f"dY의 모양 {dy.shape}이 출력의 모양 {(O, oh, ow)}과 같아야 합니다.")
    x_windows = sliding_window_view(xv, (oh, ow), axis=(1, 2))  # (C, kh, kw, oh, ow)
    dK = np.tensordot(dy, x_windows, axes=([1, 2], [3, 4]))  # (O, C, kh, kw)
    padded = np.pad(dy, ((0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)))
    p_windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))  # (O, H, W, kh, kw)
    dX = np.tensordot(kv[:, :, ::-1, ::-1], p_windows, axes=([0, 2, 3], [0, 3, 4]))  # (C, H, W)
    return dX, dK


def output_shape(input_shape, kernel_shape) -> tuple[int, ...]:
    r"""'valid' output size: (H − kh + 1, W − kw + 1) (any number of dimensions)."""
    if len(input_shape) != len(kernel_shape):
        raise InputError("입력과 커널의 차원 수가 같아야 합니다.")
    _check_fits(input_shape, kernel_shape, "출력 크기")
    return tuple(int(n) - int(k) + 1 for n, k in zip(input_shape, kernel_shape))


__all__ = ["correlate1d", "convolve1d", "correlate2d", "convolve2d", "conv2d", "conv2d_backward", "output_shape"]
