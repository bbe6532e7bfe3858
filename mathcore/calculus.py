r"""Symbolic derivatives and gradient descent on a typed function.

Expressions are given as text (parsed by :mod:`mathcore.parse`) or as SymPy expressions.
Gradient descent compiles f and ∇f once (``lambdify`` of the validated tree) and then runs
a plain floating-point loop — never ``subs`` per step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import sympy

from mathcore import InputError
from mathcore.parse import _normalise_variables, numeric_function, parse_expression, symbol_in

DEFAULT_VARIABLES = ("x", "y", "z")
DIVERGENCE_LIMIT = 1e12
MAX_ITER_LIMIT = 1_000_000
MAX_COMPONENTS = 8


def _as_expr(expr, variables: tuple[str, ...]) -> sympy.Expr:
    if isinstance(expr, str):
        return parse_expression(expr, variables)
    if isinstance(expr, sympy.Expr):
        return expr
    if isinstance(expr, (int, float)):
        return sympy.Float(expr)
    raise InputError("식은 문자열 또는 SymPy 식이어야 합니다.")


def derivative(expr, var: str = "x", variables=None) -> sympy.Expr:
    r"""d/dvar of ``expr`` (∂/∂var when other variables appear), e.g. d/dx(x² + 2x + 3) = 2x + 2.

    ``expr``: text or SymPy expression.  Text may use ``var`` and the names in ``variables``
    (default: x, y, z).
    """
    (var,) = _normalise_variables((var,))
    names = _normalise_variables(variables if variables is not None else DEFAULT_VARIABLES)
    if var not in names:
        names = names + (var,)
    f = _as_expr(expr, names)
    return sympy.diff(f, symbol_in(f, var))


def gradient(expr, variables=("x", "y")) -> tuple:
    r"""∇f = (∂f/∂x₁, …, ∂f/∂x_d) for the listed variables (in that order)."""
    names = _normalise_variables(variables)
    if not names:
        raise InputError("변수를 하나 이상 지정하세요.", field="variables")
    f = _as_expr(expr, names)
    return tuple(sympy.diff(f, symbol_in(f, v)) for v in names)


@dataclass
class GDResult:
    """Outcome of :func:`gradient_descent`.

    path: (k, d) iterates x₀ … x_{k−1}; values: f along the path (k,); iterations: number of
    updates performed; converged: ‖∇f‖ < eps reached; diverged: a non-finite or exploding
    iterate (‖x‖ > 10¹²) or gradient was detected and the run stopped; minimizer: last
    finite iterate (d,); minimum: f(minimizer); reason: a Korean sentence for the user.
    """

    path: np.ndarray
    values: np.ndarray
    iterations: int
    converged: bool
    diverged: bool
    minimizer: np.ndarray
    minimum: float = float("nan")
    reason: str = ""
    variables: tuple = field(default_factory=tuple)


@lru_cache(maxsize=128)
def _compiled_gradient(expr: sympy.Expr, names: tuple[str, ...]):
    symbols = [symbol_in(expr, v) for v in names]
    grads = [sympy.diff(expr, s) for s in symbols]
    # "math" module: fastest for scalar floats; domain/overflow problems raise and are caught.
    if len(names) == 1:
        return sympy.lambdify(symbols, grads[0], modules="math")
    return sympy.lambdify(symbols, grads, modules="math")


def _infer_variables(expr, d: int, variables) -> tuple[str, ...]:
    if variables is not None:
        names = _normalise_variables(variables)
    elif isinstance(expr, sympy.Expr) and len(expr.free_symbols) == d:
        names = tuple(sorted(str(s) for s in expr.free_symbols))
    else:
        names = ("x",) if d == 1 else (("x", "y", "z")[:d] if d <= 3 else tuple(f"x{i + 1}" for i in range(d)))
    if len(names) != d:
        raise InputError(f"시작점의 차원({d})과 변수 개수({len(names)})가 같아야 합니다.", field="init")
    return names


_UNDEFINED = "기울기가 정의되지 않거나 무한대가 되어 멈췄습니다 (발산 또는 정의역 밖)."
_EXPLODED = "반복값이 폭발적으로 커져서(발산) 멈췄습니다. 학습률을 줄여 보세요."
_EVAL_ERRORS = (OverflowError, ValueError, ZeroDivisionError, TypeError)


def _start_point(init) -> np.ndarray:
    if isinstance(init, str):
        from mathcore.parse import parse_vector

        x0 = parse_vector(init)
    else:
        x0 = np.atleast_1d(np.asarray(init, dtype=float))
    if x0.ndim != 1 or x0.size == 0 or not np.all(np.isfinite(x0)):
        raise InputError("시작점은 유한한 실수(또는 실수 벡터)여야 합니다.", field="init")
    return x0


def _check_settings(lr, eps, max_iter) -> tuple[float, float, int]:
    lr = float(lr)
    eps = float(eps)
    if not (math.isfinite(lr) and lr > 0):
        raise InputError("학습률은 0보다 큰 유한한 수여야 합니다.", field="lr")
    if not (math.isfinite(eps) and eps > 0):
        raise InputError("허용오차 eps는 0보다 커야 합니다.", field="eps")
    if isinstance(max_iter, bool) or int(max_iter) != max_iter or not 0 <= max_iter <= MAX_ITER_LIMIT:
        raise InputError(f"반복 횟수는 0 이상 {MAX_ITER_LIMIT} 이하의 정수여야 합니다.", field="max_iter")
    return lr, eps, int(max_iter)


def _vector_ops(grad, d: int, lr: float):
    """(x₀ → state, ∇f at a state, ‖·‖₂ of a state, one update) for the loop of :func:`_descend`.

    A state is a float in 1-D (the fast path) and a list of d floats otherwise; ∇f is NaN
    where f or ∇f is undefined, a norm is NaN or ∞ when a component is not finite.
    """
    if d == 1:
        def grad_at(x):
            try:
                return float(grad(x))
            except _EVAL_ERRORS:
                return math.nan
        return (lambda x0: float(x0[0])), grad_at, abs, (lambda x, g: x - lr * g)

    def grad_at(x):
        try:
            return [float(v) for v in grad(*x)]
        except _EVAL_ERRORS:
            return [math.nan] * d

    def norm(v):
        return math.sqrt(sum(t * t for t in v)) if all(math.isfinite(t) for t in v) else math.nan

    return (lambda x0: [float(v) for v in x0]), grad_at, norm, (lambda x, g: [a - lr * b for a, b in zip(x, g)])


def _descend(ops, x0, eps: float, max_iter: int):
    """The loop: (path of states, updates made, converged, diverged, reason)."""
    start, grad_at, norm, update = ops
    x = start(x0)
    path = [x]
    g = grad_at(x)
    it = 0
    while True:
        gn = norm(g)
        if not math.isfinite(gn):
            return path, it, False, True, _UNDEFINED
        if gn < eps:
            return path, it, True, False, f"‖∇f‖ < {eps:g} 에 도달해 {it}번 만에 수렴했습니다."
        if it >= max_iter:
            return path, it, False, False, f"최대 반복 횟수({max_iter})에 도달했습니다 (아직 수렴하지 않음)."
        x = update(x, g)
        it += 1
        if not norm(x) <= DIVERGENCE_LIMIT:  # also catches NaN
            return path, it, False, True, _EXPLODED
        path.append(x)
        g = grad_at(x)


def gradient_descent(expr, init, lr: float = 0.01, eps: float = 1e-5, max_iter: int = 10_000,
                     variables=None) -> GDResult:
    r"""Gradient descent x_{t+1} = x_t − η ∇f(x_t), stopping when ‖∇f(x_t)‖₂ < ε.

    expr: text or SymPy expression f; init: scalar or (d,) starting point; lr: η > 0;
    eps: ε > 0; max_iter: at most this many updates; variables: names in the order of
    ``init`` (default x / x, y / x, y, z).

    f and ∇f are compiled once.  The run stops with ``diverged=True`` as soon as an iterate
    or gradient is non-finite, leaves the domain of f, or grows beyond 10¹² in norm; the
    path then ends at the last finite iterate.
    """
    x0 = _start_point(init)
    lr, eps, max_iter = _check_settings(lr, eps, max_iter)
    d = x0.size
    names = _infer_variables(expr, d, variables)
    f_expr = _as_expr(expr, names)
    if not {s.name for s in f_expr.free_symbols} <= set(names):
        extra = ", ".join(sorted(s.name for s in f_expr.free_symbols if s.name not in names))
        raise InputError(f"식에 변수 목록에 없는 기호가 있습니다: {extra}", field="expr")
    ops = _vector_ops(_compiled_gradient(f_expr, names), d, lr)
    path, it, converged, diverged, reason = _descend(ops, x0, eps, max_iter)
    pts = np.array(path, dtype=float).reshape(len(path), d)
    values = numeric_function(f_expr, names)(*pts.T)
    if diverged:
        finite = np.isfinite(values)
        keep = len(values)
        while keep > 1 and not finite[keep - 1]:
            keep -= 1
        pts, values = pts[:keep], values[:keep]
    return GDResult(path=pts, values=values, iterations=it, converged=converged, diverged=diverged,
                    minimizer=pts[-1].copy(), minimum=float(values[-1]), reason=reason, variables=names)


def expression_list(exprs, names: tuple[str, ...]) -> list:
    """Texts or SymPy expressions as a list; one text may hold several split by top-level commas."""
    from mathcore.arrays import _split_top

    if isinstance(exprs, str):
        body = exprs.strip()
        if body.startswith("[") and body.endswith("]"):
            body = body[1:-1]
        exprs = [part for part in _split_top(body, ",")]
    elif isinstance(exprs, (sympy.Expr, int, float)):
        exprs = [exprs]
    elif isinstance(exprs, sympy.MatrixBase):
        exprs = list(exprs)
    items = list(exprs)
    if not items or len(items) > MAX_COMPONENTS:
        raise InputError(f"함수의 성분은 1개 이상 {MAX_COMPONENTS}개 이하여야 합니다.")
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str) and not item.strip():
            raise InputError(f"{i + 1}번째 성분이 비어 있습니다.")
        out.append(_as_expr(item, names))
    return out


def _names(variables) -> tuple[str, ...]:
    names = _normalise_variables(variables)
    if not names or len(names) > MAX_COMPONENTS:
        raise InputError(f"변수는 1개 이상 {MAX_COMPONENTS}개 이하로 지정하세요.")
    return names


def jacobian(exprs, variables) -> sympy.Matrix:
    r"""Jacobian J = ∂f/∂x of f = (f₁, …, f_m) in x = (x₁, …, x_n): J_ij = ∂f_i/∂x_j, shape (m, n).

    exprs: a list of texts or SymPy expressions, or one text with the components separated by
    commas (``"x^2 y, sin(x) + y"``); variables: the names x₁ … x_n in column order.
    Row i is the gradient of f_i written as a row (numerator layout).
    """
    names = _names(variables)
    fs = expression_list(exprs, names)
    rows = [[sympy.diff(f, symbol_in(f, v)) for v in names] for f in fs]
    return sympy.Matrix(rows)


def hessian(expr, variables) -> sympy.Matrix:
    r"""Hessian H = ∇²f of a scalar f: H_ij = ∂²f/∂x_i∂x_j, shape (n, n), symmetric for smooth f.

    expr: text or SymPy expression; variables: x₁ … x_n in order.  H is the Jacobian of ∇f.
    """
    names = _names(variables)
    f = _as_expr(expr, names)
    grad = [sympy.diff(f, symbol_in(f, v)) for v in names]
    return jacobian(grad, names)


def evaluate(matrix, variables, point) -> np.ndarray:
    r"""The value of a symbolic matrix (e.g. a Jacobian or Hessian) at x = point: ndarray with the
    matrix's shape (m, n).  point: (n,) matching ``variables``.  A point where an entry is not a
    finite real number raises InputError.
    """
    from mathcore.parse import numeric_function

    names = _names(variables)
    x = np.atleast_1d(np.asarray(parse_vector_if_text(point), dtype=float))
    if x.ndim != 1 or x.size != len(names) or not np.all(np.isfinite(x)):
        raise InputError(f"점은 유한한 실수 {len(names)}개여야 합니다 (변수: {', '.join(names)}).")
    if not isinstance(matrix, sympy.MatrixBase):
        raise InputError("값을 구할 행렬은 SymPy 행렬이어야 합니다 (jacobian/hessian의 결과).")
    out = np.empty(matrix.shape)
    for i in range(matrix.rows):
        for j in range(matrix.cols):
            out[i, j] = float(numeric_function(matrix[i, j], names)(*x))
    if not np.all(np.isfinite(out)):
        raise InputError("이 점에서는 값이 정의되지 않거나 무한대입니다. 다른 점을 넣어 보세요.")
    return out


def parse_vector_if_text(point):
    """A point given as text (``"1, -1"``) is read with ``mathcore.parse.parse_vector``."""
    if isinstance(point, str):
        from mathcore.parse import parse_vector

        return parse_vector(point)
    return point


def numerical_jacobian(exprs, variables, point, h: float = 1e-6) -> np.ndarray:
    r"""Central differences J_ij ≈ (f_i(x + h e_j) − f_i(x − h e_j)) / 2h at x = point, shape (m, n)."""
    from mathcore.parse import numeric_function

    names = _names(variables)
    fs = [numeric_function(f, names) for f in expression_list(exprs, names)]
    x = np.asarray(parse_vector_if_text(point), dtype=float).reshape(-1)
    if x.size != len(names):
        raise InputError(f"점은 실수 {len(names)}개여야 합니다.")
    out = np.empty((len(fs), len(names)))
    for j in range(len(names)):
        step = np.zeros_like(x)
        step[j] = h
        for i, f in enumerate(fs):
            out[i, j] = (float(f(*(x + step))) - float(f(*(x - step)))) / (2 * h)
    return out


__all__ = ["derivative", "gradient", "gradient_descent", "GDResult", "jacobian", "hessian", "evaluate",
           "numerical_jacobian"]
