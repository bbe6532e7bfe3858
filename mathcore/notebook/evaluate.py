"""Walk a parsed notebook line under a :class:`~mathcore.notebook.values.Budget`.

Arithmetic between numbers runs in float64 (overflow is an error, not a huge exact
number); between arrays it follows the lessons' rules (``@`` for the matrix product,
``hadamard`` for the element-wise one, ``*`` only with a scalar); anything with a free
symbol becomes a SymPy expression whose size is bounded after every step.
"""
from __future__ import annotations

import math

import numpy as np

from mathcore import InputError
from mathcore.korean import with_particle
from mathcore.notebook.syntax import Node
from mathcore.notebook.values import (
    MAX_EXPONENT, Budget, Multi, PlotData, check_array, check_expr, check_number, is_expr,
    is_symmatrix, kind_name, to_sympy,
)


def _numeric(v) -> bool:
    return isinstance(v, (float, np.ndarray))


def _float(text: str) -> float:
    return check_number(float(text), "숫자")


class Evaluator:
    """Evaluates nodes against ``env`` (name → value); calls go to ``library``."""

    def __init__(self, env: dict, library, budget: Budget):
        self.env = env
        self.library = library
        self.budget = budget

    def eval(self, node: Node):
        self.budget.check()
        handler = getattr(self, "_" + node.kind)
        return handler(node)

    # -- leaves --------------------------------------------------------------
    def _num(self, node: Node):
        return _float(node.value)

    def _name(self, node: Node):
        name = node.value
        if name in self.env:
            return self.env[name]
        constant = self.library.constant(name)
        if constant is not None:
            return constant
        raise InputError(self.library.unknown_name_message(name, self.env))

    def _tuple(self, node: Node):
        values = tuple(self.eval(c) for c in node.children)
        if all(isinstance(v, float) for v in values):
            return check_array(np.array(values))  # "1, 7, 2" is a vector, as in the panels
        return Multi(values, tuple(f"값 {i + 1}" for i in range(len(values))))

    def _bracket(self, node: Node):
        rows = [[self.eval(c) for c in row.children] for row in node.children]
        return self.library.make_array(rows)

    # -- operators -----------------------------------------------------------
    def _neg(self, node: Node):
        v = self.eval(node.children[0])
        if isinstance(v, (Multi, PlotData)):
            raise InputError(f"{kind_name(v)}에는 부호를 붙일 수 없습니다.")
        if is_expr(v) or is_symmatrix(v):
            return check_expr(-v, self.budget)
        return -v

    def _transpose(self, node: Node):
        v = self.eval(node.children[0])
        if isinstance(v, np.ndarray):
            return v.reshape(-1, 1) if v.ndim == 1 else v.T.copy()
        if is_symmatrix(v):
            return v.T
        if isinstance(v, float):
            return v
        raise InputError(f"전치(')는 벡터나 행렬에만 쓸 수 있습니다. 지금 값은 {kind_name(v)}입니다.")

    def _bin(self, node: Node):
        left = self.eval(node.children[0])
        right = self.eval(node.children[1])
        for v in (left, right):
            if isinstance(v, (Multi, PlotData)):
                raise InputError(f"{with_particle(kind_name(v), '으로/로')}는 계산할 수 없습니다. 먼저 이름을 붙여 하나씩 꺼내 쓰세요(예: U, S, Vt = svd(A)).")
        op = node.value
        if op == "@":
            return self.library.call("matmul", [left, right], self.budget)
        if op == "^":
            return self._power(left, right)
        if _numeric(left) and _numeric(right):
            return self._numeric_bin(op, left, right)
        return self._symbolic_bin(op, left, right)

    def _numeric_bin(self, op: str, a, b):
        if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
            if op == "*":
                raise InputError("벡터·행렬끼리의 곱은 행렬곱 A @ B 또는 성분곱 hadamard(A, B)로 쓰세요.")
            if op == "/":
                raise InputError("벡터·행렬끼리는 나눌 수 없습니다. 역행렬은 inv(A)로 구하세요.")
            if a.shape != b.shape:
                raise InputError(f"모양이 다른 두 배열은 더하거나 뺄 수 없습니다: {with_particle(_shape(a), '과/와')} {_shape(b)}.")
        if op == "/" and isinstance(b, float) and b == 0:
            raise InputError("0으로 나눌 수 없습니다.")
        with np.errstate(all="ignore"):
            out = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}[op](a, b)
        if isinstance(out, np.ndarray):
            return check_array(out)
        return check_number(float(out))

    def _symbolic_bin(self, op: str, a, b):
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            raise InputError("식과 숫자 배열은 함께 계산할 수 없습니다. 식을 점에서 계산하려면 f(1)처럼 쓰세요.")
        a, b = to_sympy(a), to_sympy(b)
        if is_symmatrix(a) or is_symmatrix(b):
            _check_symbolic_matrix_op(op, a, b)
        if op == "/" and b == 0:
            raise InputError("0으로 나눌 수 없습니다.")
        out = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b}[op]()
        return check_expr(out, self.budget)

    def _power(self, base, exponent):
        if isinstance(base, np.ndarray):
            return self.library.matrix_power(base, exponent)
        if isinstance(exponent, np.ndarray) or is_symmatrix(base) or is_symmatrix(exponent):
            raise InputError("거듭제곱(^)의 지수는 수나 식이어야 합니다.")
        if isinstance(base, float) and isinstance(exponent, float):
            if base < 0 and exponent != int(exponent):
                raise InputError("음수의 정수가 아닌 거듭제곱은 실수가 아닙니다.")
            if base == 0 and exponent < 0:
                raise InputError("0의 음수 거듭제곱은 정의되지 않습니다(0으로 나누기).")
            try:
                return check_number(math.pow(base, exponent))
            except OverflowError:
                raise InputError("값이 너무 큽니다(오버플로). 더 작은 지수로 계산해 보세요.") from None
        if isinstance(exponent, float) and abs(exponent) > MAX_EXPONENT:
            raise InputError(f"식의 지수는 절댓값 {MAX_EXPONENT} 이하만 쓸 수 있습니다.")
        if base == math.e:  # e^x is exp(x), printed eˣ (not 2.71828ˣ) and differentiated as such
            import sympy

            return check_expr(sympy.exp(to_sympy(exponent)), self.budget)
        return check_expr(to_sympy(base) ** to_sympy(exponent), self.budget)

    # -- calls ---------------------------------------------------------------
    def _call(self, node: Node):
        name = node.value
        args = [self.eval(c) for c in node.children]
        if name in self.env:
            return self.library.apply_value(self.env[name], name, args, self.budget)
        return self.library.call(name, args, self.budget, nodes=node.children)


def _check_symbolic_matrix_op(op: str, a, b) -> None:
    """What SymPy matrices allow, said in Korean before SymPy raises its own TypeError."""
    if op in "+-":
        if not (is_symmatrix(a) and is_symmatrix(b)):
            raise InputError("행렬(벡터)과 수나 식은 더하거나 뺄 수 없습니다. 성분마다 더하려면 같은 모양의 행렬을 쓰세요.")
        if a.shape != b.shape:
            raise InputError(f"모양이 다른 두 행렬은 더하거나 뺄 수 없습니다: {a.rows}×{a.cols}와 {b.rows}×{b.cols}.")
    elif op == "*" and is_symmatrix(a) and is_symmatrix(b):
        raise InputError("벡터·행렬끼리의 곱은 행렬곱 A @ B로 쓰세요.")
    elif op == "/" and is_symmatrix(b):
        raise InputError("행렬로는 나눌 수 없습니다. 역행렬은 inv(A)로 구하세요.")


def _shape(a: np.ndarray) -> str:
    return f"길이 {a.shape[0]} 벡터" if a.ndim == 1 else f"{a.shape[0]}×{a.shape[1]} 행렬"
