r"""Safe parsing of everything a learner types: numbers, vectors, matrices, expressions.

Nothing here calls ``eval``/``sympify``/``lambdify`` on raw text.  An expression goes
through four gates before SymPy ever sees it:

1. a length cap (:data:`MAX_EXPRESSION_LENGTH`) and a character allowlist (ASCII letters,
   digits, blanks and ``+ - * / ^ ( ) . ,``; a handful of common math symbols such as
   ``−``, ``×``, ``²``, ``π`` are first rewritten to their ASCII form) — :mod:`mathcore.lexer`;
2. a tokenizer: names must be a listed variable, a function or a constant of
   :mod:`mathcore.functions`, or a run of those written together (``xy`` → ``x·y``); numbers
   have a bounded length; no underscores, quotes, attribute dots, keywords;
3. a small recursive-descent parser (:mod:`mathcore.syntax`) whose tree is folded with
   bounded-precision arithmetic (:mod:`mathcore.fold`): power towers, huge exponents, and any
   constant — or function argument — that would grow out of bounds are refused before
   anything is computed exactly;
4. the validated tree is printed as fully parenthesised Python and handed to SymPy's
   ``parse_expr`` with ``__builtins__`` emptied and a namespace holding only the allowed
   functions, constants, number classes and the listed variables.

A number (:func:`parse_number`) never reaches SymPy: its value is the folded constant.
Vectors and matrices (:mod:`mathcore.arrays`) read every entry as a number under one budget
per field (:class:`mathcore.budget.Budget`).  Every rejection is a :class:`mathcore.InputError`
with a Korean message saying what is wrong.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

from mathcore import InputError
from mathcore.budget import Budget
from mathcore.fold import MAX_EXPONENT, MAX_LOG10, MAX_TOWER
from mathcore.arrays import MAX_ENTRIES, MAX_MATRIX_LENGTH, parse_matrix, parse_vector  # noqa: F401
from mathcore.functions import CONSTANTS as _CONSTANTS, FUNCTIONS as _FUNCTIONS, normalise_variables, \
    sympy_function
from mathcore.lexer import MAX_EXPRESSION_LENGTH
from mathcore.numeric import real_function, symbol, symbol_in
from mathcore.scalars import parse_int, parse_number, parse_tree
from mathcore.syntax import MAX_DEPTH

FUNCTIONS = tuple(_FUNCTIONS)
CONSTANTS = tuple(_CONSTANTS)


_normalise_variables = normalise_variables  # the name calculus and older callers use


# --------------------------------------------------------------------------- SymPy emission

def _emit(node, varmap: dict[str, str], floats: dict) -> str:
    kind = node[0]
    if id(node) in floats:
        return _float_code(floats[id(node)])
    if kind == "num":
        return node[1]
    if kind == "name":
        name = node[1]
        return varmap[name] if name in varmap else f"C_{name}"
    if kind == "neg":
        return f"(-({_emit(node[1], varmap, floats)}))"
    if kind == "call":
        return f"F_{node[1]}(" + ", ".join(_emit(a, varmap, floats) for a in node[2]) + ")"
    op = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}[kind]
    return f"(({_emit(node[1], varmap, floats)}){op}({_emit(node[2], varmap, floats)}))"


def _float_code(value) -> str:
    import mpmath

    re_part = mpmath.nstr(mpmath.re(value), 30, min_fixed=0, max_fixed=0)
    im = mpmath.im(value)
    if im == 0:
        return f"Float('{re_part}', 30)"
    return f"(Float('{re_part}', 30) + Float('{mpmath.nstr(im, 30, min_fixed=0, max_fixed=0)}', 30)*C_I)"


_NAMESPACE: dict | None = None


def _namespace() -> dict:
    global _NAMESPACE
    if _NAMESPACE is None:
        import sympy

        ns = {"__builtins__": {}, "Integer": sympy.Integer, "Float": sympy.Float,
              "Rational": sympy.Rational, "C_I": sympy.I}
        for name, (attr, _value) in _CONSTANTS.items():
            ns[f"C_{name}"] = getattr(sympy, attr)
        for name in _FUNCTIONS:
            ns[f"F_{name}"] = sympy_function(name)
        _NAMESPACE = ns
    return _NAMESPACE


# --------------------------------------------------------------------------- public API

def parse_expression(text: str, variables: Iterable[str] | str = ("x",), budget: Budget | None = None):
    r"""Parse a typed expression such as ``x^2 + 2x + 3`` into a SymPy expression.

    Variables are real SymPy symbols (:func:`symbol`), so ``sqrt(x^2)`` is ``Abs(x)`` and
    d/dx abs(x) = sign(x).

    Grammar: ``+ - * /``, ``^`` or ``**`` for powers (right-associative, so ``2^-x`` works),
    implicit multiplication (``2x``, ``x(x+1)``, ``xy`` = x·y when x and y are variables),
    the constants ``pi`` and ``e``, and the functions in :data:`FUNCTIONS`.  Only the
    given ``variables`` may appear.  Results are cached (SymPy expressions are immutable).

    Raises InputError (Korean message) for anything else, including inputs whose value would
    be undefined (division by zero) or out of bounds (see :mod:`mathcore.fold`), exponents
    |p| > 1000 and power towers.
    """
    names = normalise_variables(variables)
    if budget is not None:
        budget.check()
    return _parse_expression_cached(text, names)


@lru_cache(maxsize=512)
def _parse_expression_cached(text: str, variables: tuple[str, ...]):
    import sympy
    from sympy.parsing.sympy_parser import auto_number, parse_expr

    floats: dict = {}
    tree, _ = parse_tree(text, variables, Budget(), floats)
    varmap = {v: f"V{i}" for i, v in enumerate(variables)}
    local = {f"V{i}": symbol(v) for i, v in enumerate(variables)}
    code = _emit(tree, varmap, floats)
    try:
        expr = parse_expr(code, local_dict=local, global_dict=dict(_namespace()), transformations=(auto_number,))
    except InputError:
        raise
    except (TypeError, ValueError, ZeroDivisionError, SyntaxError, ArithmeticError) as exc:
        raise InputError("식을 해석할 수 없습니다.") from exc
    if not isinstance(expr, sympy.Expr):
        raise InputError("식을 해석할 수 없습니다.")
    if expr.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        raise InputError("식에 정의되지 않는 값(0으로 나누기 등)이 있습니다.")
    return expr


def numeric_function(expr, variables: Iterable[str] | str = ("x",)) -> Callable:
    """Compile a parsed expression once into ``f(*arrays) -> float64 ndarray``.

    ``expr`` is a SymPy expression or text (parsed first with :func:`parse_expression`).
    Arguments are converted to float64 arrays and broadcast; the result always has the
    broadcast shape.  Points where the value is complex, infinite or undefined come back as
    NaN (or ±inf) — no warnings, no exceptions.  Compilation is cached (:mod:`mathcore.numeric`).
    """
    names = normalise_variables(variables)
    if isinstance(expr, str):
        expr = parse_expression(expr, names)
    return real_function(expr, names)


def evaluate_numeric(expr, values: dict, variables: Iterable[str] | str | None = None):
    """Evaluate ``expr`` at ``values`` (``{"x": array_or_float, ...}``) → float64 ndarray.

    ``variables`` defaults to the keys of ``values`` in order.
    """
    names = tuple(values) if variables is None else normalise_variables(variables)
    return numeric_function(expr, names)(*[values[n] for n in names])


def parse_function(text: str, variables: Iterable[str] | str = ("x",)) -> Callable:
    """Parse ``text`` and return its compiled numeric function (see :func:`numeric_function`)."""
    return numeric_function(parse_expression(text, variables), variables)


__all__ = [
    "parse_vector", "parse_matrix", "parse_expression", "parse_number", "parse_int", "parse_tree",
    "numeric_function", "evaluate_numeric", "parse_function", "symbol", "symbol_in",
    "normalise_variables", "FUNCTIONS", "CONSTANTS", "MAX_EXPRESSION_LENGTH", "MAX_MATRIX_LENGTH",
    "MAX_ENTRIES", "MAX_DEPTH", "MAX_EXPONENT", "MAX_LOG10", "MAX_TOWER",
]
