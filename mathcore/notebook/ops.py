"""The notebook's named operations, drawn from mathcore with the lessons' names.

Each entry: name, argument count, usage, a one-line Korean help, the function.  Shape
errors come from mathcore itself, so they read the way the panels explain them.
"""
from __future__ import annotations

import numpy as np

from mathcore import InputError
from mathcore.korean import with_particle
from mathcore.notebook.library import ordered_symbols
from mathcore.notebook.values import (
    MAX_DECOMP_DIM, MAX_ELEMENTS, Multi, check_array, is_expr, is_symmatrix, kind_name, to_sympy,
)


# -- argument helpers ----------------------------------------------------------
def _array(v, what: str, ndim=(1, 2)) -> np.ndarray:
    if isinstance(v, float) and 1 in ndim:
        return np.array([v])
    if not isinstance(v, np.ndarray) or v.ndim not in ndim:
        want = {(1,): "벡터", (2,): "행렬", (1, 2): "벡터나 행렬"}[tuple(ndim)]
        raise InputError(f"{what}에는 {with_particle(want, '이/가')} 필요합니다(지금: {kind_name(v)}).")
    if np.iscomplexobj(v):
        raise InputError(f"{what}에는 실수 배열이 필요합니다.")
    return v


def _matrix(v, what: str, square: bool = False) -> np.ndarray:
    a = _array(v, what, (2,))
    if max(a.shape) > MAX_DECOMP_DIM:
        raise InputError(f"{what}: 행렬이 너무 큽니다({a.shape[0]}×{a.shape[1]}). {MAX_DECOMP_DIM}×{MAX_DECOMP_DIM}까지 계산합니다.")
    if square and a.shape[0] != a.shape[1]:
        raise InputError(f"{with_particle(what, '은/는')} 정사각행렬에서만 정의됩니다(지금 {a.shape[0]}×{a.shape[1]}).")
    return a


def _number(v, what: str) -> float:
    if not isinstance(v, float):
        raise InputError(f"{what}에는 수가 필요합니다(지금: {kind_name(v)}).")
    return v


def _integer(v, what: str, low: int, high: int) -> int:
    x = _number(v, what)
    if not low <= x <= high or x != int(x):  # the range first: int(inf) would raise
        raise InputError(f"{with_particle(what, '은/는')} {low}~{high} 사이의 정수여야 합니다.")
    return int(x)


def _expr(v, what: str):
    if isinstance(v, float):
        return to_sympy(v)
    if not is_expr(v):
        raise InputError(f"{what}에는 식이 필요합니다(지금: {kind_name(v)}). 예: f = x^2 + 2x + 3")
    return v


def _symbols(v, what: str) -> list:
    """``x`` or ``[x, y]`` → a list of SymPy symbols."""
    items = list(v) if is_symmatrix(v) else [v]
    out = []
    for s in items:
        if not (is_expr(s) and s.is_Symbol):
            raise InputError(f"{what}에는 변수(기호)를 넣으세요. 예: x 또는 [x, y]. 값이 정해진 이름이면 var 이름 으로 다시 선언하세요.")
        out.append(s)
    if len(set(out)) != len(out):
        raise InputError(f"{what}에 같은 변수가 두 번 있습니다.")
    return out


def _vars_or_free(args, index: int, expr, what: str) -> list:
    if len(args) > index:
        return _symbols(args[index], what)
    symbols = ordered_symbols(expr)
    if not symbols:
        raise InputError(f"{what}: 식에 변수가 없습니다.")
    return symbols


# -- linear algebra -------------------------------------------------------------
def _linalg():
    from mathcore import linalg

    return linalg


def op_matmul(args, budget):
    a, b = (_array(v, "행렬곱의 두 값") for v in args)
    if a.size * b.size > MAX_ELEMENTS * 40:
        raise InputError("행렬이 너무 커서 곱하지 않았습니다.")
    out = np.asarray(_linalg().matmul(a, b))
    return float(out) if out.ndim == 0 else check_array(out)


def op_transpose(args, budget):
    v = args[0]
    if is_symmatrix(v):
        return v.T
    return _linalg().transpose(_array(v, "transpose"))


def op_inv(args, budget):
    return _linalg().inverse(_matrix(args[0], "역행렬(inv)", square=True))


def op_pinv(args, budget):
    return _linalg().pinv(_matrix(args[0], "유사역행렬(pinv)"))


def op_det(args, budget):
    return _linalg().determinant(_matrix(args[0], "행렬식(det)", square=True))


def op_rank(args, budget):
    return float(_linalg().rank(_matrix(args[0], "랭크(rank)")))


def op_cond(args, budget):
    value = _linalg().condition_number(_matrix(args[0], "조건수(cond)"))
    if not np.isfinite(value):
        raise InputError("특이행렬이라 조건수가 무한대입니다(역행렬이 없습니다).")
    return value


def op_eig(args, budget):
    values, vectors = _linalg().eig(_matrix(args[0], "고윳값 분해(eig)", square=True))
    return Multi((check_array(values), check_array(vectors)), ("고윳값", "고유벡터(열)"))


def op_svd(args, budget):
    u, s, vt = _linalg().svd(_matrix(args[0], "특잇값 분해(svd)"))
    return Multi((u, s, vt), ("U", "S(특잇값)", "Vᵀ"))


def op_lowrank(args, budget):
    a = _matrix(args[0], "저랭크 근사(lowrank)")
    k = _integer(args[1], "lowrank의 k", 1, min(a.shape))
    return check_array(_linalg().low_rank(a, k))


def op_norm(args, budget):
    v = args[0]
    p = args[1] if len(args) > 1 else 2.0
    if not isinstance(p, float) or p not in (1.0, 2.0, float("inf")):
        raise InputError("노름의 종류는 1, 2, inf 중 하나입니다. 예: norm(x, 1)")
    if isinstance(v, np.ndarray) and v.ndim == 2:
        a = _matrix(v, "행렬 노름")
        return float(np.linalg.norm(a, {1.0: 1, 2.0: 2, float("inf"): np.inf}[p]))
    x = _array(v, "norm", (1,))
    linalg = _linalg()
    return {1.0: linalg.l1_norm, 2.0: linalg.l2_norm, float("inf"): linalg.linf_norm}[p](x)


def op_hadamard(args, budget):
    a, b = (_array(v, "성분곱(hadamard)") for v in args)
    return _linalg().hadamard(a, b)


def op_inner(args, budget):
    a, b = (_array(v, "내적(inner)") for v in args)
    out = np.asarray(_linalg().inner(a, b))
    return float(out) if out.ndim == 0 else check_array(out)


def op_trace(args, budget):
    return float(np.trace(_matrix(args[0], "대각합(trace)", square=True)))


def op_solve(args, budget):
    if is_expr(args[0]):
        raise InputError("solve(A, b)는 연립일차방정식 Ax = b를 풉니다. 식의 근을 구하는 기능은 없으니, "
                         "plot(f, x, -3, 3)으로 0이 되는 곳을 찾아보세요.")
    a = _matrix(args[0], "solve의 A", square=True)
    b = _array(args[1], "solve의 b")
    if b.shape[0] != a.shape[0]:
        raise InputError(f"solve(A, b): b의 길이({b.shape[0]})가 A의 행 수({a.shape[0]})와 같아야 합니다.")
    return check_array(_linalg().inverse(a) @ b)


def _size(v, what: str) -> int:
    return _integer(v, what, 1, 1000)


def op_eye(args, budget):
    return np.eye(_size(args[0], "eye의 크기"))


def op_zeros(args, budget):
    dims = [_size(v, "zeros의 크기") for v in args]
    return check_array(np.zeros(dims))


def op_ones(args, budget):
    dims = [_size(v, "ones의 크기") for v in args]
    return check_array(np.ones(dims))


def op_shape(args, budget):
    a = _array(args[0], "shape")
    return check_array(np.array(a.shape, dtype=float))
