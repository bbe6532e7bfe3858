"""What a notebook name can call: element-wise functions, constants and the operations of
:mod:`mathcore.notebook.ops`, each with a one-line Korean help."""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from mathcore import InputError
from mathcore.korean import with_particle
from mathcore.notebook.values import (
    MAX_DECOMP_DIM, MAX_EXPONENT, Budget, Multi, PlotData, check_array, check_expr,
    check_number, is_expr, is_symmatrix, kind_name, to_sympy,
)


@dataclass(frozen=True)
class Op:
    """A named operation: ``fn(args, budget)``; ``usage`` and ``help`` are shown by help()."""

    name: str
    min_args: int
    max_args: int
    usage: str
    help: str
    fn: Callable
    group: str = "기타"


def _elementwise() -> dict[str, tuple[Callable, Callable]]:
    """One-argument functions of the one table (:mod:`mathcore.functions`): name →
    (NumPy function, SymPy function)."""
    from mathcore.functions import FUNCTIONS, sympy_function

    table = {}
    for name, fn in FUNCTIONS.items():
        if fn.min_args == 1:
            table[name] = (getattr(np, fn.numpy), sympy_function(name))
    return table


ELEMENTWISE = _elementwise()
CONSTANTS = {"pi": math.pi, "e": math.e, "inf": math.inf}
KEYWORDS = ("ans", "var", "help", "clear")


class Library:
    """Dispatches calls by name; ``ops`` maps operation names to :class:`Op`."""

    def __init__(self, ops: dict[str, Op]):
        self.ops = ops

    def reserved(self) -> frozenset[str]:
        """Names a value may not take: every function, constant, operation and keyword."""
        from mathcore.functions import FUNCTIONS

        return frozenset(FUNCTIONS) | frozenset(CONSTANTS) | frozenset(self.ops) | frozenset(KEYWORDS)

    def reserved_symbols(self) -> frozenset[str]:
        """Names a symbol (``var``) may not take: also SymPy's and NumPy's own names
        (``sign``, ``E``, ``I``…), which would be confused with them once compiled."""
        from mathcore.functions import reserved_names

        return self.reserved() | reserved_names()

    def constant(self, name: str):
        return CONSTANTS.get(name)

    def unknown_name_message(self, name: str, env: dict) -> str:
        known = list(env) + list(self.ops) + list(ELEMENTWISE)
        close = difflib.get_close_matches(name, known, n=1)
        if name in self.ops or name in ELEMENTWISE:
            return f"{with_particle(name, '은/는')} 함수입니다. {name}(…)처럼 괄호 안에 값을 넣어 쓰세요."
        hint = f" {with_particle(repr(close[0]), '을/를')} 뜻했나요?" if close else ""
        return (
            f"{with_particle(repr(name), '은/는')} 정의되지 않은 이름입니다.{hint} 값을 먼저 정하거나"
            f"(예: {name} = 3), 기호로 쓰려면 var {name}처럼 선언하세요."
        )

    # -- literals ------------------------------------------------------------
    def make_array(self, rows: list[list]):
        """Bracket literal → float vector/matrix, or a SymPy matrix if any entry is symbolic."""
        nested = len(rows) == 1 and bool(rows[0]) and all(_is_row(v) for v in rows[0])
        if nested:  # [[1, 2], [3, 4]], [[x, 1], [0, y]] (and [[1, -1]], a 1×2 matrix)
            rows = [[float(x) for x in v] if isinstance(v, np.ndarray) else list(v) for v in rows[0]]
        flat = [v for row in rows for v in row]
        if not flat:
            raise InputError("빈 괄호입니다. [1, 2, 3]처럼 값을 넣으세요.")
        for v in flat:
            if not (isinstance(v, float) or is_expr(v)):
                raise InputError(f"괄호 안에는 수나 식만 넣을 수 있습니다(지금: {kind_name(v)}).")
        lengths = {len(r) for r in rows}
        if len(lengths) > 1:
            bad = next(i for i, r in enumerate(rows) if len(r) != len(rows[0]))
            raise InputError(f"행의 길이가 다릅니다: 1행은 {len(rows[0])}개, {bad + 1}행은 {len(rows[bad])}개입니다.")
        if any(is_expr(v) for v in flat):
            import sympy

            return check_expr(sympy.Matrix([[to_sympy(v) for v in r] for r in rows]))
        a = np.array(rows, dtype=float)
        return check_array(a[0] if len(rows) == 1 and not nested else a)

    # -- calls ---------------------------------------------------------------
    def call(self, name: str, args: list, budget: Budget, nodes=None):
        if name == "log" and len(args) == 2:
            return self._log_base(args, budget)
        if name in ELEMENTWISE:
            if len(args) != 1:
                raise InputError(f"{name}에는 값이 하나 필요합니다(지금 {len(args)}개).")
            return self.elementwise(name, args[0], budget)
        if name in ("max", "min"):
            return self._max_min(name, args)
        op = self.ops.get(name)
        if op is None:
            if name in CONSTANTS:
                raise InputError(f"{with_particle(name, '은/는')} 상수라서 호출할 수 없습니다.")
            close = difflib.get_close_matches(name, list(self.ops) + list(ELEMENTWISE), n=1)
            hint = f" {with_particle(repr(close[0]), '을/를')} 뜻했나요?" if close else " help()로 쓸 수 있는 함수를 보세요."
            raise InputError(f"{with_particle(repr(name), '이라는/라는')} 함수는 없습니다.{hint}")
        if not op.min_args <= len(args) <= op.max_args:
            raise InputError(f"{name}의 사용법: {op.usage}")
        for v in args:
            if isinstance(v, PlotData):
                raise InputError("그래프는 다른 계산에 넣을 수 없습니다.")
        return op.fn(args, budget)

    def _log_base(self, args: list, budget: Budget):
        """``log(a, b)``: the logarithm of a to base b (b > 0, b ≠ 1)."""
        a, b = args
        if not isinstance(b, float):
            raise InputError("log(a, b)의 밑 b는 수여야 합니다.")
        if b <= 0 or b == 1:
            raise InputError("로그의 밑은 0보다 크고 1이 아니어야 합니다(예: log(8, 2)).")
        value = self.elementwise("log", a, budget)
        if is_expr(value) or is_symmatrix(value):
            return check_expr(value / math.log(b), budget)
        return value / math.log(b)

    def elementwise(self, name: str, v, budget: Budget):
        np_fn, sp_fn = ELEMENTWISE[name]
        if isinstance(v, float):
            with np.errstate(all="ignore"):
                return check_number(float(np_fn(v)), f"{name}({_short(v)})")
        if isinstance(v, np.ndarray):
            with np.errstate(all="ignore"):
                return check_array(np_fn(v), f"{name}의 결과")
        if is_expr(v):
            return check_expr(sp_fn(v), budget)
        if is_symmatrix(v):
            return check_expr(v.applyfunc(sp_fn), budget)
        raise InputError(f"{name}에는 수, 벡터, 행렬, 식만 넣을 수 있습니다.")

    def _max_min(self, name: str, args: list):
        pick = max if name == "max" else min
        if len(args) == 1 and isinstance(args[0], np.ndarray):
            return float(np.max(args[0]) if name == "max" else np.min(args[0]))
        if len(args) >= 2 and all(isinstance(a, float) for a in args):
            return pick(args)
        if len(args) >= 2 and all(isinstance(a, float) or is_expr(a) for a in args):
            import sympy

            fn = sympy.Max if name == "max" else sympy.Min
            return check_expr(fn(*[to_sympy(a) for a in args]))
        raise InputError(f"{name}(v)는 벡터의 가장 {'큰' if name == 'max' else '작은'} 원소, {name}(a, b)는 둘 중 하나를 줍니다.")

    def apply_value(self, value, name: str, args: list, budget: Budget):
        """``f(1)``, ``f(1, 2)``, ``f(x + 1)``: a defined expression evaluated or substituted."""
        if isinstance(value, float) and len(args) == 1 and not isinstance(args[0], (Multi, PlotData)):
            # "a(b+1)" with a number a: read as a product, like 2(x+1)
            other = args[0]
            return check_expr(to_sympy(value) * other, budget) if is_expr(other) else value * other
        if not (is_expr(value) or is_symmatrix(value)):
            raise InputError(f"{with_particle(name, '은/는')} {kind_name(value)}라서 f(1)처럼 호출할 수 없습니다.")
        symbols = ordered_symbols(value)
        if is_expr(value) and value.is_Symbol and len(args) == 1:
            other = args[0]  # "x(x+1)" is a product, as written on paper
            if isinstance(other, float) or is_expr(other):
                return check_expr(value * to_sympy(other), budget)
        if len(args) != len(symbols):
            names = ", ".join(s.name for s in symbols) or "없음"
            raise InputError(f"{name}의 변수는 {len(symbols)}개({names})인데 값이 {len(args)}개 주어졌습니다.")
        if all(isinstance(a, float) for a in args):
            return evaluate_at(value, symbols, args)
        if all(isinstance(a, float) or is_expr(a) for a in args):
            mapping = {s: to_sympy(a) for s, a in zip(symbols, args)}
            return check_expr(value.xreplace(mapping), budget)
        raise InputError(f"{name}(…)에는 수나 식을 넣으세요. 벡터의 각 점에서 계산하려면 plot을 쓰세요.")

    def matrix_power(self, a: np.ndarray, k):
        if not isinstance(k, float) or not math.isfinite(k) or k != int(k):
            raise InputError("행렬의 거듭제곱 A^k에서 k는 정수여야 합니다.")
        if a.ndim != 2 or a.shape[0] != a.shape[1]:
            raise InputError("행렬의 거듭제곱은 정사각행렬에서만 됩니다. 성분별 제곱은 hadamard(A, A)로 구하세요.")
        if a.shape[0] > MAX_DECOMP_DIM or abs(k) > MAX_EXPONENT:
            raise InputError(f"행렬이나 지수가 너무 큽니다({MAX_DECOMP_DIM}×{MAX_DECOMP_DIM}, 지수 {MAX_EXPONENT}까지).")
        if k < 0:
            a = self.call("inv", [a], Budget())
            k = -k
        with np.errstate(all="ignore"):
            return check_array(np.linalg.matrix_power(a, int(k)), "거듭제곱")


def _is_row(v) -> bool:
    """One row of a nested bracket literal: a vector of numbers, or one row of expressions."""
    return (isinstance(v, np.ndarray) and v.ndim == 1) or (is_symmatrix(v) and v.rows == 1)


def ordered_symbols(value) -> list:
    """Free symbols in the order x, y, z, t, then alphabetical (how f(1, 2) assigns them)."""
    preferred = {"x": 0, "y": 1, "z": 2, "t": 3}
    return sorted(value.free_symbols, key=lambda s: (preferred.get(s.name, 9), s.name))


def evaluate_at(value, symbols: list, numbers: list):
    from mathcore.parse import numeric_function

    names = tuple(s.name for s in symbols)
    if is_symmatrix(value):
        return check_array(np.array([[evaluate_at(e, symbols, numbers) if e.free_symbols else float(e)
                                      for e in value.row(i)] for i in range(value.rows)]))
    fn = numeric_function(value, names)
    out = float(np.asarray(fn(*numbers)))
    return check_number(out, "그 점에서의 값")


def _short(v: float) -> str:
    from mathcore.pretty import format_number

    return format_number(v)
