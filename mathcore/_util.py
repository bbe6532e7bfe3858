"""Input conversion shared by the mathcore modules (numpy is imported here, not at package import)."""
from __future__ import annotations

import numpy as np

from mathcore import InputError


def as_array(value, name: str = "입력", ndim: int | tuple[int, ...] | None = None, allow_empty: bool = False,
             parse_text: str | None = None, field: str | None = None) -> np.ndarray:
    """Convert a list/array (or text, parsed safely) to a finite float64 ndarray.

    ``ndim`` restricts the number of dimensions; ``parse_text`` is "vector" or "matrix" to say
    how a string is read; ``field`` names the caller's argument in the InputError.  Ragged
    lists, non-numbers, NaN/inf and (unless allowed) empty input raise InputError naming ``name``.
    """
    if isinstance(value, str):
        from mathcore import parse

        value = parse.parse_matrix(value) if parse_text == "matrix" else parse.parse_vector(value)
    try:
        arr = np.asarray(value, dtype=float)
    except (ValueError, TypeError):
        raise InputError(f"{name}: 숫자로 이루어진 배열이어야 합니다 (행의 길이가 같은지 확인하세요).", field=field) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in allowed:
            kinds = {0: "스칼라", 1: "벡터(1차원)", 2: "행렬(2차원)", 3: "3차원 배열", 4: "4차원 배열"}
            want = " 또는 ".join(kinds.get(d, f"{d}차원 배열") for d in allowed)
            raise InputError(f"{name}: {want}이어야 하는데 모양이 {arr.shape}입니다.", field=field)
    if arr.size == 0 and not allow_empty:
        raise InputError(f"{name}: 비어 있습니다.", field=field)
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name}: 유한한 실수만 넣을 수 있습니다 (NaN/무한대 불가).", field=field)
    return arr


def as_vector(value, name: str = "벡터") -> np.ndarray:
    return as_array(value, name, ndim=1)


def as_matrix(value, name: str = "행렬") -> np.ndarray:
    return as_array(value, name, ndim=2, parse_text="matrix")


def as_float(value, name: str = "값", low: float | None = None, high: float | None = None,
             low_open: bool = False, high_open: bool = False, field: str | None = None) -> float:
    """A finite real scalar within optional bounds (text is parsed with parse_number)."""
    if isinstance(value, str):
        from mathcore import parse

        value = parse.parse_number(value)
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}: 실수여야 합니다.", field=field) from None
    if not np.isfinite(v):
        raise InputError(f"{name}: 유한한 실수여야 합니다.", field=field)
    if low is not None and (v < low or (low_open and v == low)):
        raise InputError(f"{name}: {low}{'보다 커야' if low_open else ' 이상이어야'} 합니다 (입력: {v:g}).", field=field)
    if high is not None and (v > high or (high_open and v == high)):
        raise InputError(f"{name}: {high}{'보다 작아야' if high_open else ' 이하여야'} 합니다 (입력: {v:g}).", field=field)
    return v


def as_int(value, name: str = "값", low: int | None = None, high: int | None = None,
           field: str | None = None) -> int:
    if isinstance(value, str):
        from mathcore import parse

        return parse.parse_int(value, low, high)
    if isinstance(value, bool) or not (isinstance(value, (int, np.integer))
                                       or (isinstance(value, float) and value.is_integer())):
        raise InputError(f"{name}: 정수여야 합니다.", field=field)
    v = int(value)
    if low is not None and v < low:
        raise InputError(f"{name}: {low} 이상이어야 합니다 (입력: {v}).", field=field)
    if high is not None and v > high:
        raise InputError(f"{name}: {high} 이하여야 합니다 (입력: {v}).", field=field)
    return v


def probability(value, name: str) -> float:
    return as_float(value, name, 0.0, 1.0)


def mean_and_deviations(x: np.ndarray) -> tuple[float, np.ndarray, float]:
    """(mean, deviations / scale, scale) computed on x / max|x| so sums never overflow.

    Callers multiply back by ``scale`` and check the result (:func:`scaled_square`).
    """
    scale = float(np.max(np.abs(x))) if x.size else 0.0
    if scale == 0.0:
        return 0.0, np.zeros_like(x), 0.0
    xs = x / scale
    m = float(np.mean(xs))
    return m * scale, xs - m, scale


def scaled_square(value: float, scale: float, name: str) -> float:
    """value·scale², with an InputError when it overflows float64."""
    with np.errstate(over="ignore"):
        out = float(value * scale * scale) if scale else 0.0
    if not np.isfinite(out):
        raise InputError(f"{name}: 값이 너무 커서 결과가 float64 범위를 넘었습니다.")
    return out
