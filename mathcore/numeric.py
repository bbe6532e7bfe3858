"""The numeric compiler: a SymPy expression → a vectorised NumPy function.

The tree is compiled once into nested closures that call NumPy directly, with the functions of
:mod:`mathcore.functions`; nothing is printed to source code, so there is no ``lambdify``
name clash (a variable called like a NumPy function) and no huge-number printing.  A function
outside the table falls back to ``lambdify`` on renamed (dummy) symbols.

Two modes: real (float64; undefined points become NaN) for panels and descent, complex
(principal branches) for the answer equivalence check.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

from mathcore import InputError
from mathcore.functions import normalise_variables as _normalise_variables, numpy_function

__all__ = ["compile_expr", "node_count", "real_function", "symbol", "symbol_in"]


def symbol(name: str):
    """The SymPy symbol used for variable ``name`` in parsed expressions (real-valued)."""
    import sympy

    return sympy.Symbol(name, real=True)


def symbol_in(expr, name: str):
    """The symbol called ``name`` in ``expr`` (whatever its assumptions), else :func:`symbol`."""
    for s in getattr(expr, "free_symbols", ()):
        if s.name == name:
            return s
    return symbol(name)


class _Unsupported(Exception):
    pass


def _constant(expr, complex_mode: bool):
    try:
        value = complex(expr)
    except (OverflowError, ValueError):  # beyond float range: undefined at every point
        value = complex("nan")
    except TypeError:
        raise _Unsupported(type(expr).__name__) from None
    if not complex_mode:
        if value.imag != 0:
            raise _Unsupported("complex constant")
        return value.real
    return value


def _pow(base_fn, exp_expr, exp_fn):
    import numpy as np

    if exp_expr.is_Integer:
        n = int(exp_expr)
        if n < 0:
            return lambda args: 1 / np.power(base_fn(args), -n)
        if n == 2:
            return lambda args: np.square(base_fn(args))
        return lambda args: np.power(base_fn(args), n)
    return lambda args: np.power(base_fn(args), exp_fn(args))


def _build(expr, index: dict, complex_mode: bool):
    """A closure ``f(args) -> array`` for ``expr``; ``index`` maps symbols to argument slots."""
    if expr.is_Symbol:
        if expr not in index:
            raise InputError(f"식에 변수 목록에 없는 기호가 있습니다: {expr}")
        slot = index[expr]
        return lambda args: args[slot]
    if expr.is_Number or expr.is_NumberSymbol or (not expr.free_symbols and expr.is_number
                                                  and not expr.args):
        value = _constant(expr, complex_mode)
        return lambda args: value
    parts = [_build(arg, index, complex_mode) for arg in expr.args]
    if expr.is_Add:
        first, rest = parts[0], parts[1:]
        return lambda args: _fold_sum(first, rest, args)
    if expr.is_Mul:
        first, rest = parts[0], parts[1:]
        return lambda args: _fold_product(first, rest, args)
    if expr.is_Pow:
        return _pow(parts[0], expr.exp, parts[1])
    fn = numpy_function(type(expr).__name__)
    if fn is None:
        raise _Unsupported(type(expr).__name__)
    if len(parts) == 1:
        (only,) = parts
        return lambda args: fn(only(args))
    return lambda args: fn(*[p(args) for p in parts])


def _fold_sum(first, rest, args):
    out = first(args)
    for part in rest:
        out = out + part(args)
    return out


def _fold_product(first, rest, args):
    out = first(args)
    for part in rest:
        out = out * part(args)
    return out


def node_count(expr) -> int:
    """Number of nodes in a SymPy tree (the work of one evaluation)."""
    import sympy

    return sum(1 for _ in sympy.preorder_traversal(expr))


@lru_cache(maxsize=512)
def compile_expr(expr, names: tuple[str, ...], complex_mode: bool = False) -> Callable:
    """``f(*arrays) -> ndarray`` evaluating ``expr`` with the variables ``names`` in order."""
    import sympy

    symbols = [symbol_in(expr, v) for v in names]
    extra = expr.free_symbols - set(symbols)
    if extra:
        raise InputError(f"식에 변수 목록에 없는 기호가 있습니다: {', '.join(sorted(map(str, extra)))}")
    if not complex_mode and expr.has(sympy.I):
        complex_mode = True  # evaluated in complex, non-real results become NaN in real mode
    try:
        body = _build(expr, {s: i for i, s in enumerate(symbols)}, complex_mode)
        return lambda *arrays: body(arrays)
    except _Unsupported:
        dummies = [sympy.Dummy(f"v{i}") for i in range(len(symbols))]
        fn = sympy.lambdify(dummies, expr.xreplace(dict(zip(symbols, dummies))),
                            modules="numpy", docstring_limit=0)
        return fn


def real_function(expr, variables: Iterable[str] | str = ("x",)) -> Callable:
    """Compile a parsed expression once into ``f(*arrays) -> float64 ndarray``.

    ``expr`` is a SymPy expression (text goes through :func:`mathcore.parse.numeric_function`).
    Arguments are converted to float64 arrays and
    broadcast; the result always has the broadcast shape.  Points where the value is complex,
    infinite or undefined come back as NaN (or ±inf) — no warnings, no exceptions.
    """
    import numpy as np

    names = _normalise_variables(variables)
    fn = compile_expr(expr, names)

    def evaluate(*args):
        if len(args) != len(names):
            raise InputError(f"값이 {len(names)}개 필요한데 {len(args)}개가 주어졌습니다.")
        arrays = [np.asarray(a, dtype=float) for a in args]
        shape = np.broadcast_shapes(*[a.shape for a in arrays]) if arrays else ()
        with np.errstate(all="ignore"):
            try:
                out = np.asarray(fn(*arrays))
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                return np.full(shape, np.nan)
            if np.iscomplexobj(out):
                real = np.array(out.real, dtype=float)
                real[np.abs(out.imag) > 1e-12 * np.maximum(1.0, np.abs(out.real))] = np.nan
                out = real
            if out.shape == shape and out.dtype == np.float64:
                return out.copy() if any(out is a or out.base is a for a in arrays) else out
            out = np.broadcast_to(out.astype(float, copy=False), shape)
        return np.array(out, dtype=float)

    return evaluate
