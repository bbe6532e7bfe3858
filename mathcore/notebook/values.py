"""The kinds of value a notebook line can produce, their limits and their display.

A value is one of: ``float``; a float64 ``ndarray`` of one or two dimensions; a SymPy
expression with free symbols; a SymPy matrix of expressions; a :class:`Multi` (several
named values, e.g. what ``svd`` returns); a :class:`PlotData`.  Numbers never become SymPy
numbers by themselves: constants are folded in float64, so nothing a learner types can
make SymPy build a gigantic exact number.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mathcore import InputError
from mathcore.korean import with_particle
from mathcore.pretty import format_array, format_expr, format_matrix_text, format_number

MAX_ELEMENTS = 250_000  # per array
MAX_DIM = 2000  # rows or columns of any array
MAX_DECOMP_DIM = 300  # inv, eig, svd, … are O(n³)
MAX_EXPR_OPS = 400  # size of any symbolic result
MAX_EXPONENT = 1000
LINE_SECONDS = 2.0


class Cancelled(Exception):
    """The learner cancelled the running line (Esc)."""


@dataclass
class Budget:
    """Time and work allowed for one line; :meth:`check` is called at every step."""

    seconds: float = LINE_SECONDS
    cancelled: Callable[[], bool] | None = None
    started: float = field(default_factory=time.monotonic)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if time.monotonic() - self.started > self.seconds:
            raise InputError(
                f"계산이 {self.seconds:g}초를 넘어 멈췄습니다. 더 작은 입력으로 나눠 계산해 보세요."
            )


@dataclass
class Multi:
    """Several named values (``U, S, Vt = svd(A)`` unpacks them)."""

    values: tuple
    labels: tuple[str, ...]


@dataclass
class PlotData:
    """A plot for the screen to draw: ``series`` of (x, y, label); ``title`` in Korean."""

    series: list[tuple[np.ndarray, np.ndarray, str]]
    title: str
    x_label: str = "x"
    y_label: str = "y"


def is_expr(v) -> bool:
    import sympy

    return isinstance(v, sympy.Basic) and not isinstance(v, sympy.MatrixBase)


def is_symmatrix(v) -> bool:
    import sympy

    return isinstance(v, sympy.MatrixBase)


def check_array(a: np.ndarray, what: str = "결과") -> np.ndarray:
    """Reject arrays that are too big or hold NaN/∞ (a value that means nothing)."""
    if a.ndim > 2:
        raise InputError(f"{with_particle(what, '이/가')} 3차원 이상입니다. 벡터와 행렬만 다룰 수 있습니다.")
    if a.size > MAX_ELEMENTS or any(d > MAX_DIM for d in a.shape):
        raise InputError(f"{with_particle(what, '이/가')} 너무 큽니다({'×'.join(map(str, a.shape))}). 원소 {MAX_ELEMENTS:,}개까지 다룰 수 있습니다.")
    if np.iscomplexobj(a):
        if not np.all(np.isfinite(a)):
            raise InputError(f"{what}에 무한대나 정의되지 않은 값이 생겼습니다.")
        return a
    a = np.asarray(a, dtype=float)
    if not np.all(np.isfinite(a)):
        raise InputError(f"{what}에 무한대나 정의되지 않은 값(0으로 나누기, 로그의 0 등)이 생겼습니다.")
    return a


def check_number(v: float, what: str = "결과") -> float:
    if isinstance(v, complex):
        raise InputError(f"{with_particle(what, '이/가')} 실수가 아닙니다(음수의 제곱근이나 로그 등).")
    v = float(v)
    if math.isnan(v):
        raise InputError(f"{with_particle(what, '이/가')} 정의되지 않습니다(0/0, 음수의 로그나 제곱근 등).")
    if math.isinf(v):
        raise InputError(f"{with_particle(what, '이/가')} 너무 큽니다(무한대). 더 작은 수로 계산해 보세요.")
    return v


def check_expr(e, budget: Budget | None = None):
    """Bound the size of a symbolic result; a constant result becomes a float."""
    import sympy

    if budget is not None:
        budget.check()
    if isinstance(e, sympy.MatrixBase):
        if e.rows * e.cols > 400:
            raise InputError("기호 행렬이 너무 큽니다(원소 400개까지).")
        for entry in e:
            check_expr(entry)
        return e
    if sympy.count_ops(e, visual=False) > MAX_EXPR_OPS:
        raise InputError(f"식이 너무 커졌습니다(연산 {MAX_EXPR_OPS}개 초과). 더 작은 식으로 나눠 보세요.")
    if not e.free_symbols:
        try:
            value = complex(e.evalf(15))
        except (TypeError, ValueError, OverflowError) as exc:
            raise InputError("식의 값을 숫자로 계산할 수 없습니다.") from exc
        if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
            raise InputError("결과가 실수가 아닙니다(음수의 제곱근이나 로그 등).")
        return check_number(value.real)
    return e


def to_sympy(v):
    """A float as an exact integer when it is one, else a 15-digit Float."""
    import sympy

    if isinstance(v, float):
        if not math.isfinite(v):
            raise InputError("무한대(inf)는 식 안에 쓸 수 없습니다. 큰 수를 직접 쓰세요(예: 1e6).")
        if v == int(v) and abs(v) < 1e15:
            return sympy.Integer(int(v))
        return sympy.Float(v, 15)
    return v


def kind_name(v) -> str:
    if isinstance(v, float):
        return "수"
    if isinstance(v, np.ndarray):
        return "벡터" if v.ndim == 1 else f"{v.shape[0]}×{v.shape[1]} 행렬"
    if is_symmatrix(v):
        return "기호 행렬"
    if is_expr(v):
        return "식"
    if isinstance(v, Multi):
        return "여러 값"
    if isinstance(v, PlotData):
        return "그래프"
    return "값"


def _format_complex_array(a: np.ndarray) -> str:
    def one(z: complex) -> str:
        re, im = format_number(z.real), format_number(abs(z.imag))
        if abs(z.imag) < 1e-12:
            return re
        sign = "−" if z.imag < 0 else "+"
        return f"{re} {sign} {im}i"

    if a.ndim == 1:
        return "[" + ", ".join(one(z) for z in a) + "]"
    return format_matrix_text([[one(z) for z in row] for row in a])


def display(v) -> str:
    """The text a learner reads under the line."""
    if isinstance(v, float):
        return format_number(v)
    if isinstance(v, np.ndarray):
        if np.iscomplexobj(v):
            return _format_complex_array(v)
        return format_array(v)
    if is_symmatrix(v):
        return format_expr(v)
    if is_expr(v):
        return format_expr(v)
    if isinstance(v, Multi):
        parts = []
        for label, value in zip(v.labels, v.values):
            text = display(value)
            sep = "\n" if "\n" in text else " "
            parts.append(f"{label} ={sep}{text}")
        return "\n".join(parts)
    if isinstance(v, PlotData):
        return v.title
    return str(v)
