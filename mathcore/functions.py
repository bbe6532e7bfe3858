"""The one table of what a typed expression may name: functions (with their arity and their
SymPy, NumPy and mpmath counterparts) and constants.

The parser (:mod:`mathcore.parse`), the numeric compiler (:mod:`mathcore.numeric`), the answer
equivalence engine (:mod:`mathcore.equivalence`) and the panels' variable fields all read this
module, so they agree on what a name means and which names a variable may not take
(:func:`reserved_names`).  Nothing here imports SymPy, NumPy or mpmath at import time.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

__all__ = ["Function", "FUNCTIONS", "CONSTANTS", "reserved_names", "sympy_function",
           "numpy_function", "mpmath_function", "variable_name_problem",
           "normalise_variables"]


@dataclass(frozen=True)
class Function:
    """One function a learner may type.

    ``sympy``/``numpy``/``mpmath`` name the attribute of that library implementing it (or a
    key of this module's special cases); ``kind`` says how constant folding bounds it:
    ``"periodic"`` (argument magnitude bounded), ``"growth"`` (result magnitude bounded, as
    every result is), ``"plain"``.
    """

    name: str
    min_args: int
    max_args: int
    sympy: str
    numpy: str
    mpmath: str
    kind: str = "plain"


_TABLE = (
    Function("sin", 1, 1, "sin", "sin", "sin", "periodic"),
    Function("cos", 1, 1, "cos", "cos", "cos", "periodic"),
    Function("tan", 1, 1, "tan", "tan", "tan", "periodic"),
    Function("asin", 1, 1, "asin", "arcsin", "asin"),
    Function("acos", 1, 1, "acos", "arccos", "acos"),
    Function("atan", 1, 1, "atan", "arctan", "atan"),
    Function("arcsin", 1, 1, "asin", "arcsin", "asin"),
    Function("arccos", 1, 1, "acos", "arccos", "acos"),
    Function("arctan", 1, 1, "atan", "arctan", "atan"),
    Function("sinh", 1, 1, "sinh", "sinh", "sinh", "growth"),
    Function("cosh", 1, 1, "cosh", "cosh", "cosh", "growth"),
    Function("tanh", 1, 1, "tanh", "tanh", "tanh"),
    Function("exp", 1, 1, "exp", "exp", "exp", "growth"),
    Function("log", 1, 2, "log", "log", "log"),
    Function("ln", 1, 1, "log", "log", "log"),
    Function("log10", 1, 1, "log10", "log10", "log10"),
    Function("log2", 1, 1, "log2", "log2", "log2"),
    Function("sqrt", 1, 1, "sqrt", "sqrt", "sqrt"),
    Function("abs", 1, 1, "Abs", "abs", "fabs"),
    Function("max", 2, 8, "Max", "max", "max"),
    Function("min", 2, 8, "Min", "min", "min"),
)

#: Every function a learner may type, by name.
FUNCTIONS: dict[str, Function] = {f.name: f for f in _TABLE}

#: The constants a learner may type: name → (SymPy attribute, float value).
CONSTANTS: dict[str, tuple[str, float]] = {"pi": ("pi", math.pi), "e": ("E", math.e)}

# SymPy class names that parsed expressions, and expressions derived from them (derivatives,
# simplification), contain → the NumPy function evaluating them.  "max"/"min" reduce over
# their arguments; "cot"/"sec"/"csc" are reciprocals.
SYMPY_NUMPY = {
    "sin": "sin", "cos": "cos", "tan": "tan", "asin": "arcsin", "acos": "arccos",
    "atan": "arctan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "asinh": "arcsinh",
    "acosh": "arccosh", "atanh": "arctanh", "exp": "exp", "log": "log", "Abs": "abs",
    "sign": "sign", "Max": "max", "Min": "min", "cot": "cot", "sec": "sec", "csc": "csc",
    "re": "real", "im": "imag", "Heaviside": "heaviside",
}

# Names SymPy or NumPy give a meaning of their own; a variable called so would be confused with
# them in a printed or compiled expression (``sign`` in a derivative of ``abs``).
_LIBRARY_NAMES = frozenset({"E", "I", "oo", "zoo", "nan", "inf", "pi", "e", "Integer", "Float",
                            "Rational", "Symbol", "Function", "Derivative", "Integral", "Pow",
                            "Add", "Mul", "S", "N", "O", "Q", "numpy", "np", "math", "mpmath",
                            "sympy", "lambda", "real", "imag", "heaviside", "arcsinh", "arccosh",
                            "arctanh", "maximum", "minimum", "where", "select"})


def reserved_names() -> frozenset[str]:
    """Names a variable may not take: every typed function, every constant, and the names
    SymPy/NumPy use for their own functions and constants (``sign``, ``E``, ``I``, ``oo``…)."""
    return _RESERVED


_RESERVED = frozenset(FUNCTIONS) | frozenset(CONSTANTS) | frozenset(SYMPY_NUMPY) | _LIBRARY_NAMES

MAX_VARIABLE_LENGTH = 16


def variable_name_problem(name: str) -> str | None:
    """None if ``name`` may be a variable, else a Korean reason."""
    import keyword

    if not isinstance(name, str) or not name:
        return "변수 이름이 비어 있습니다."
    if len(name) > MAX_VARIABLE_LENGTH:
        return f"변수 이름 '{name[:20]}'이 너무 깁니다 ({MAX_VARIABLE_LENGTH}자 이하)."
    if not (name[0].isascii() and name[0].isalpha() and name.isascii() and name.isalnum()):
        return f"변수 이름 '{name}'은 영문자로 시작하고 영문자와 숫자만 쓸 수 있습니다."
    if keyword.iskeyword(name) or name in _RESERVED:
        return f"'{name}'은 함수나 상수의 이름이라 변수 이름으로 쓸 수 없습니다."
    return None


def normalise_variables(variables) -> tuple[str, ...]:
    """``variables`` (None, one name or several) as a tuple of valid, distinct names."""
    if variables is None:
        return ()
    if isinstance(variables, str):
        variables = (variables,)
    out = []
    for v in variables:
        problem = variable_name_problem(str(v))
        if problem:
            from mathcore import InputError

            raise InputError(problem)
        if str(v) not in out:
            out.append(str(v))
    return tuple(out)


# --------------------------------------------------------------------------- implementations

def sympy_function(name: str) -> Callable:
    """The SymPy callable for typed function ``name`` (log takes an optional base)."""
    import sympy

    fn = FUNCTIONS[name]
    if fn.sympy == "log10":
        return lambda a: sympy.log(a, 10)
    if fn.sympy == "log2":
        return lambda a: sympy.log(a, 2)
    if fn.sympy == "log":
        return lambda a, b=None: sympy.log(a) if b is None else sympy.log(a, b)
    return getattr(sympy, fn.sympy)


def numpy_function(sympy_name: str) -> Callable | None:
    """The NumPy callable for a SymPy function class name (None if not in the table).

    Max/Min take several arrays; the others one."""
    import numpy as np

    attr = SYMPY_NUMPY.get(sympy_name)
    if attr is None:
        return None
    if attr in ("max", "min"):
        reduce = np.max if attr == "max" else np.min

        def extreme(*args):
            stacked = np.array(np.broadcast_arrays(*args))
            if np.iscomplexobj(stacked):  # defined for real arguments only
                stacked = np.where(stacked.imag != 0, np.nan, stacked.real)
            return reduce(stacked, axis=0)

        return extreme
    if attr in ("cot", "sec", "csc"):
        base = {"cot": np.tan, "sec": np.cos, "csc": np.sin}[attr]
        return lambda z: 1 / base(z)
    if attr == "heaviside":
        return lambda z, h0=0.5: np.heaviside(np.real(z), h0)
    return getattr(np, attr)


def mpmath_function(ctx, name: str) -> Callable:
    """The mpmath callable (in context ``ctx``) for typed function ``name``."""
    fn = FUNCTIONS[name]
    if fn.mpmath == "log2":
        return lambda a: ctx.log(a) / ctx.log(2)
    if fn.mpmath == "log":
        return lambda a, b=None: ctx.log(a) if b is None else ctx.log(a) / ctx.log(b)
    if fn.mpmath in ("max", "min"):
        pick = max if fn.mpmath == "max" else min
        return lambda *args: pick(args)
    return getattr(ctx, fn.mpmath)
