"""Bounded constant folding of a parsed tree (see :mod:`mathcore.syntax`).

Every constant subtree is evaluated with mpmath at :data:`PRECISION` bits, and every
intermediate value is bounded *before* the next operation sees it, so nothing that reaches
SymPy (or a later numeric step) can be huge or slow:

* a nonzero constant has 10^-:data:`MAX_LOG10` ≤ |value| ≤ 10^:data:`MAX_LOG10`;
* the argument of a periodic function (sin, cos, tan) has |Re| ≤ :data:`MAX_PERIODIC_ARGUMENT`,
  of an exponential-growth function (exp, sinh, cosh) |Re| ≤ :data:`MAX_GROWTH_ARGUMENT`;
* exponents have |p| ≤ :data:`MAX_EXPONENT`; power towers are at most :data:`MAX_TOWER` high;
* a logarithm's base is a positive number other than 1;
* a result that cancels to below 2^-(PRECISION-12) of its operands (``sqrt(2)^2 - 2``,
  ``sin(pi)``) is exactly 0.

Each node charges one unit of work to the caller's :class:`mathcore.budget.Budget`.
"""
from __future__ import annotations

from mathcore import InputError
from mathcore.budget import Budget
from mathcore.functions import FUNCTIONS, mpmath_function

__all__ = ["fold", "MAX_LOG10", "MAX_EXPONENT", "MAX_TOWER", "PRECISION"]

MAX_EXPONENT = 1000
MAX_LOG10 = 1000
MAX_TOWER = 2  # a^b is 1, a^(b^c) is 2 (e^(-x^2) must work); higher towers are refused
MAX_PERIODIC_ARGUMENT = 1e9
MAX_GROWTH_ARGUMENT = 2300.0  # e^2300 ≈ 10^999
PRECISION = 100

_TOO_BIG = f"수가 너무 커집니다 (10^{MAX_LOG10} 초과)."
_TOO_SMALL = f"0이 아닌 수가 너무 작아집니다 (10^-{MAX_LOG10} 미만)."

_CTX = None


def _ctx():
    global _CTX
    if _CTX is None:
        import mpmath

        ctx = mpmath.MPContext()
        ctx.prec = PRECISION
        funcs = {name: mpmath_function(ctx, name) for name in FUNCTIONS}
        _CTX = (ctx, funcs, ctx.mpf(2) ** (12 - PRECISION))
    return _CTX


def _bounded(v, scale=None):
    """``v`` after the magnitude bounds; cancellation against ``scale`` snaps to 0."""
    mp, _, eps = _CTX
    if not mp.isfinite(v):
        raise InputError("값이 정의되지 않거나 무한대입니다.")
    mag = abs(v)
    if mag == 0:
        return v
    if scale is not None and mag < eps * scale:
        return mp.mpf(0)
    exponent = mp.log10(mag)
    if exponent > MAX_LOG10:
        raise InputError(_TOO_BIG)
    if exponent < -MAX_LOG10:
        raise InputError(_TOO_SMALL)
    return v


def fold(node, variables: tuple[str, ...], budget: Budget | None = None, record: dict | None = None):
    """(constant value as an mpmath number, or None if the node depends on a variable;
    power-tower height).  Raises InputError for anything out of bounds.

    ``record``, if given, receives ``id(node) → value`` for every constant power with a
    non-integer exponent and a base above 10^15 in magnitude: SymPy would search such a number
    for exact roots (slow), so the emitter writes their value as a 30-digit Float instead.
    """
    _ctx()
    return _fold(node, variables, budget or Budget(), record)


def _fold(node, variables, budget: Budget, record=None):
    budget.charge()
    kind = node[0]
    mp = _CTX[0]
    if kind == "num":
        return _bounded(mp.mpf(node[1])), 0
    if kind == "name":
        if node[1] in variables:
            return None, 0
        return (+mp.pi if node[1] == "pi" else +mp.e), 0
    if kind == "neg":
        v, t = _fold(node[1], variables, budget, record)
        return (None if v is None else -v), t
    if kind == "call":
        return _fold_call(node, variables, budget, record)
    a, ta = _fold(node[1], variables, budget, record)
    b, tb = _fold(node[2], variables, budget, record)
    if kind == "pow":
        value, tower = _fold_pow(a, b, max(ta, tb + 1))
        _note_inexact(node, value, (a, b), record)
        return value, tower
    if a is None or b is None:
        return None, max(ta, tb)
    return _arith(kind, a, b), max(ta, tb)


def _note_inexact(node, value, operands, record) -> None:
    """Record a constant power or function value that SymPy would handle exactly at great cost:
    a root, logarithm or other non-polynomial value of an operand above 10^15
    (``sqrt(10^999 + 7)``, ``(10^999 + 7)^(1/999)``)."""
    if record is None or value is None:
        return
    mp = _CTX[0]
    if node[0] == "pow":
        exact = operands[1] is None or operands[1] == mp.nint(operands[1])  # an integer power
    else:
        exact = node[1] in ("abs", "max", "min")
    if not exact and any(v is not None and abs(v) > 1e15 for v in operands):
        record[id(node)] = value


def _arith(kind: str, a, b):
    if kind == "add":
        return _bounded(a + b, max(abs(a), abs(b)))
    if kind == "sub":
        return _bounded(a - b, max(abs(a), abs(b)))
    if kind == "mul":
        return _bounded(a * b)
    if b == 0:
        raise InputError("0으로 나누는 식입니다.")
    return _bounded(a / b)


def _fold_pow(base, expo, tower: int):
    mp = _CTX[0]
    if tower > MAX_TOWER:
        raise InputError("거듭제곱이 여러 겹 쌓인 식(예: 9^9^9)은 계산이 폭주할 수 있어 받지 않습니다.")
    if expo is None:
        return None, tower
    if abs(expo) > MAX_EXPONENT:
        raise InputError(f"지수가 너무 큽니다 (절댓값 {MAX_EXPONENT} 이하만 허용).")
    if base is None:
        return None, tower
    if base == 0:
        if mp.re(expo) < 0:
            raise InputError("0의 음수 제곱은 정의되지 않습니다 (0으로 나누기).")
        return (mp.mpf(0) if mp.re(expo) > 0 else mp.mpf(1)), tower
    estimate = mp.re(expo) * mp.log10(abs(base)) - mp.im(expo) * mp.arg(base) / mp.log(10)
    if estimate > MAX_LOG10:
        raise InputError(_TOO_BIG)
    if estimate < -MAX_LOG10:
        raise InputError(_TOO_SMALL)
    return _bounded(mp.power(base, expo)), tower


def _check_argument(name: str, arg) -> None:
    mp = _CTX[0]
    kind = FUNCTIONS[name].kind
    re_part, im_part = abs(mp.re(arg)), abs(mp.im(arg))
    if kind == "periodic" and (re_part > MAX_PERIODIC_ARGUMENT or im_part > MAX_GROWTH_ARGUMENT):
        raise InputError(f"{name}의 인수가 너무 큽니다 (절댓값 {MAX_PERIODIC_ARGUMENT:.0e} 이하만 허용).")
    if kind == "growth" and (re_part > MAX_GROWTH_ARGUMENT or im_part > MAX_PERIODIC_ARGUMENT):
        raise InputError(_TOO_BIG if mp.re(arg) > 0 or name != "exp" else _TOO_SMALL)


def _fold_call(node, variables, budget: Budget, record):
    mp, funcs, _ = _CTX
    name, args = node[1], node[2]
    vals, tower = [], 0
    for arg in args:
        v, t = _fold(arg, variables, budget, record)
        vals.append(v)
        tower = max(tower, t)
    if name == "log" and len(vals) == 2 and vals[1] is not None:
        base = vals[1]
        if mp.im(base) != 0 or mp.re(base) <= 0 or base == 1:
            raise InputError("로그의 밑은 1이 아닌 양수여야 합니다 (예: log(x, 2)).")
    if any(v is None for v in vals):
        return None, tower
    if name in ("max", "min") and any(mp.im(v) != 0 for v in vals):
        raise InputError(f"{name}에는 실수만 넣을 수 있습니다.")
    if name in ("max", "min"):
        vals = [mp.re(v) for v in vals]
    for v in vals:
        _check_argument(name, v)
    try:
        value = funcs[name](*vals)
    except (ZeroDivisionError, ValueError):
        raise InputError(f"{name}의 값이 정의되지 않는 입력입니다.") from None
    if not mp.isfinite(value):
        raise InputError(f"{name}의 값이 정의되지 않습니다 (무한대).")
    periodic = FUNCTIONS[name].kind == "periodic" and abs(vals[0]) >= 1
    value = _bounded(value, abs(vals[0]) if periodic else None)
    _note_inexact(node, value, vals, record)
    return value, tower
