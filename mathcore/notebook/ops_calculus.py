"""Notebook operations on expressions: derivatives, gradients, Jacobians, Hessians,
definite integrals, substitution and plots."""
from __future__ import annotations

import numpy as np

from mathcore import InputError
from mathcore.notebook.library import evaluate_at, ordered_symbols
from mathcore.notebook.ops import _expr, _integer, _number, _symbols, _vars_or_free
from mathcore.notebook.values import (
    Budget, PlotData, check_array, check_expr, check_number, is_expr, is_symmatrix, kind_name,
    to_sympy,
)

PLOT_POINTS = 400


def op_diff(args, budget: Budget):
    import sympy

    f = _expr(args[0], "diff의 식")
    var = _vars_or_free(args, 1, f, "diff의 변수")
    if len(var) != 1:
        raise InputError("diff(f, x)에는 변수를 하나만 주세요. 여러 변수는 grad(f, [x, y])를 쓰세요.")
    order = _integer(args[2], "미분 횟수", 1, 10) if len(args) > 2 else 1
    for _ in range(order):
        f = check_expr(sympy.diff(f, var[0]), budget)
        if isinstance(f, float):
            return f
    return f


def op_grad(args, budget: Budget):
    import sympy

    f = _expr(args[0], "grad의 식")
    variables = _vars_or_free(args, 1, f, "grad의 변수")
    return check_expr(sympy.Matrix([[sympy.diff(f, v) for v in variables]]), budget)


def _expr_list(v, what: str) -> list:
    if is_symmatrix(v):
        return list(v)
    if is_expr(v):
        return [v]
    if isinstance(v, np.ndarray) and v.ndim == 1:
        return [to_sympy(float(c)) for c in v]
    raise InputError(f"{what}에는 식들의 목록이 필요합니다. 예: [x*y, x + y]")


def op_jacobian(args, budget: Budget):
    import sympy

    fs = _expr_list(args[0], "jacobian의 식")
    if len(args) > 1:
        variables = _symbols(args[1], "jacobian의 변수")
    else:
        variables = ordered_symbols(sympy.Matrix(fs))
    if not variables:
        raise InputError("jacobian: 식에 변수가 없습니다.")
    return check_expr(sympy.Matrix(fs).jacobian(variables), budget)


def op_hessian(args, budget: Budget):
    import sympy

    f = _expr(args[0], "hessian의 식")
    variables = _vars_or_free(args, 1, f, "hessian의 변수")
    return check_expr(sympy.hessian(f, variables), budget)


def op_subs(args, budget: Budget):
    f = args[0]
    if not (is_expr(f) or is_symmatrix(f)):
        raise InputError(f"subs의 첫 값은 식이어야 합니다(지금: {kind_name(f)}).")
    variables = _symbols(args[1], "subs의 변수")
    values = list(args[2]) if isinstance(args[2], np.ndarray) else ([args[2]] if not is_symmatrix(args[2]) else list(args[2]))
    if len(values) != len(variables):
        raise InputError(f"subs: 변수 {len(variables)}개에 값 {len(values)}개가 주어졌습니다.")
    values = [float(v) if isinstance(v, (float, np.floating)) else v for v in values]
    if all(isinstance(v, float) for v in values) and set(ordered_symbols(f)) <= set(variables):
        return evaluate_at(f, variables, values)
    mapping = {s: to_sympy(v) for s, v in zip(variables, values)}
    return check_expr(f.xreplace(mapping), budget)


def _compiled(f, var):
    from mathcore.parse import numeric_function

    extra = [s.name for s in f.free_symbols if s != var] if is_expr(f) else []
    if extra:
        raise InputError(f"식에 {var.name} 말고 다른 변수({', '.join(sorted(extra))})가 있습니다. 먼저 subs로 값을 넣으세요.")
    return numeric_function(f, (var.name,))


def _gauss_legendre(fn, a: float, b: float, panels: int) -> tuple[float, float]:
    """Composite 20-point Gauss–Legendre: (integral, max |f| at the nodes)."""
    nodes, weights = np.polynomial.legendre.leggauss(20)
    edges = np.linspace(a, b, panels + 1)
    mid = edges[:-1] / 2 + edges[1:] / 2  # halves first: no overflow near ±1.8e308
    half = edges[1:] / 2 - edges[:-1] / 2
    x = (mid[:, None] + half[:, None] * nodes[None, :]).ravel()
    with np.errstate(all="ignore"):
        y = np.asarray(fn(x), dtype=float)
        if not np.all(np.isfinite(y)):
            raise InputError("적분 구간 안에서 함수가 정의되지 않거나 무한대인 점이 있습니다(예: 1/x의 0).")
        total = float(np.sum(y.reshape(panels, -1) * weights[None, :] * half[:, None]))
    return check_number(total, "적분값"), float(np.max(np.abs(y)))


def op_integrate(args, budget: Budget):
    if len(args) != 4:
        raise InputError("정적분은 integrate(f, x, a, b)처럼 구간을 주세요(부정적분은 지원하지 않습니다).")
    f = _expr(args[0], "integrate의 식")
    var = _symbols(args[1], "integrate의 변수")[0]
    a, b = _number(args[2], "적분 구간의 시작"), _number(args[3], "적분 구간의 끝")
    if np.isfinite(a) and np.isfinite(b) and not np.isfinite(b - a):
        raise InputError("적분 구간이 너무 넓습니다(float64 범위를 넘습니다). 더 좁은 구간으로 나눠 계산하세요.")
    if not (np.isfinite(a) and np.isfinite(b)):
        raise InputError("적분 구간의 끝은 유한한 수여야 합니다(∞까지의 적분은 지원하지 않습니다). "
                         "값이 충분히 작아지는 곳까지, 예: integrate(exp(-x^2), x, -10, 10)")
    if isinstance(f, float) or not f.free_symbols:
        return check_number(float(f) * (b - a), "적분값")
    fn = _compiled(f, var)
    with np.errstate(all="ignore"):  # the ends themselves are never sampled (sin(x)/x at 0 is fine)
        inside = np.asarray(fn(np.linspace(a, b, 1027)[1:-1]), dtype=float)
    if not np.all(np.isfinite(inside)):
        raise InputError("적분 구간 안에서 함수가 정의되지 않거나 무한대인 점이 있습니다(예: 1/x의 0).")
    panels, previous, peaks = 4, None, []
    while panels <= 512:
        budget.check()
        value, peak = _gauss_legendre(fn, a, b, panels)
        peaks.append(peak)
        if len(peaks) >= 4 and all(p2 > 1.5 * p1 for p1, p2 in zip(peaks[-4:], peaks[-3:])):
            break  # |f| keeps growing as the nodes get closer to a pole: the integral diverges
        if previous is not None and abs(value - previous) <= 1e-10 * max(1.0, abs(value)):
            return check_number(value, "적분값")
        previous, panels = value, panels * 2
    raise InputError("적분이 수렴하지 않았습니다. 함수가 구간 안에서 너무 빠르게 변하거나 발산합니다.")


def op_plot(args, budget: Budget):
    first = args[0]
    if isinstance(first, np.ndarray):
        y = check_array(first)
        if y.ndim != 1:
            raise InputError("plot(v)에는 벡터를 주세요. 행렬은 한 행씩(예: plot(A'[1]) 대신 값을 벡터로) 그리세요.")
        x = np.arange(1, y.size + 1, dtype=float)
        return PlotData([(x, y, "v")], f"벡터 {y.size}개 값", "번호", "값")
    f = _expr(first, "plot의 식")
    var = _symbols(args[1], "plot의 변수")[0] if len(args) > 1 else (ordered_symbols(f) or [None])[0]
    if var is None:
        raise InputError("plot(f, x, -3, 3)처럼 변수와 구간을 주세요.")
    low = _number(args[2], "구간의 시작") if len(args) > 2 else -5.0
    high = _number(args[3], "구간의 끝") if len(args) > 3 else 5.0
    if not low < high:
        raise InputError("구간의 시작이 끝보다 작아야 합니다.")
    fn = _compiled(f, var)
    x = np.linspace(low, high, PLOT_POINTS)
    y = np.asarray(fn(x), dtype=float) if not isinstance(f, float) else np.full_like(x, f)
    from mathcore.pretty import format_expr

    return PlotData([(x, y, format_expr(f))], f"y = {format_expr(f)}", var.name, "y")
