"""Typed input fields: each kind turns its own text into a value, once.

A field is declared once in a panel spec (name, Korean label, default text, limits).
``Panel.run`` calls :meth:`Field.read` on every field in order; the panel's compute
function receives the typed values (floats, ints, arrays, :class:`Function`s) and never
parses or labels anything again. A bad text raises ``mathcore.InputError`` with
``field`` set to the field's name and the message starting with its label.

Nothing heavy is imported at module level (the specs are listed by the palette).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable, Mapping

from mathcore import InputError
from mathcore.korean import with_particle

MAX_VECTOR_LEN = 10_000
MAX_MATRIX_CELLS = 10_000
_VARIABLE = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]{0,7}$")
_FALLBACK_RESERVED = frozenset({
    "e", "pi", "E", "I", "oo", "nan", "inf", "sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs",
    "tanh", "sinh", "cosh", "asin", "acos", "atan", "arcsin", "arccos", "arctan", "erf", "gamma",
    "sigmoid", "relu", "max", "min", "sign", "floor", "ceil", "log2", "log10", "exp2",
})


def reserved_names() -> frozenset[str]:
    """Names a variable may not take: mathcore's function table when it exists, else a fixed list."""
    try:
        from mathcore.functions import reserved_names as table
    except ImportError:
        return _FALLBACK_RESERVED
    return frozenset(table())


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Field:
    """A text field (the base kind): the value is the stripped text.

    ``choices`` turns it into a selector (the value must be one of them).
    ``optional``: a blank text gives ``None`` instead of an error.
    ``when=(other, options)``: read only when field ``other`` has one of ``options``
    (else the value is ``None``), so an unused field cannot block a run.
    ``after``: names of fields this one needs (``parsed`` holds them when it is read).
    """

    name: str
    label: str
    default: str
    help: str = ""
    choices: tuple[str, ...] = ()
    optional: bool = False
    when: tuple[str, tuple[str, ...]] | None = None
    after: tuple[str, ...] = ()

    kind = "text"
    example = ""

    def needs(self) -> tuple[str, ...]:
        """Fields that must be read before this one."""
        return self.after + ((self.when[0],) if self.when else ())

    def fail(self, message: str) -> InputError:
        """An InputError about this field: ``"<label>: <message>"``."""
        return InputError(f"{self.label}: {message}", field=self.name)

    def applies(self, parsed: Mapping[str, Any]) -> bool:
        if self.when is None:
            return True
        other, options = self.when
        return parsed.get(other) in options

    def read(self, text: str, parsed: Mapping[str, Any]) -> Any:
        """The typed value of ``text`` (``parsed`` holds the fields read before this one)."""
        if not self.applies(parsed):
            return None
        text = str(text if text is not None else "").strip()
        if not text:
            if self.optional:
                return None
            hint = f" (예: {self.example})" if self.example else ""
            raise self.fail(f"값을 입력하세요{hint}.")
        try:
            return self.convert(text, parsed)
        except InputError as err:
            if err.field == self.name:
                raise
            raise self.fail(getattr(err, "message", str(err))) from None
        except (ValueError, TypeError, OverflowError, ArithmeticError, RecursionError, MemoryError):
            raise self.fail("값을 읽을 수 없습니다. 입력을 확인하세요.") from None

    def convert(self, text: str, parsed: Mapping[str, Any]) -> Any:
        if self.choices and text not in self.choices:
            raise self.fail("다음 중 하나를 고르세요: " + ", ".join(self.choices))
        return text


def Choice(name: str, label: str, choices: tuple[str, ...], default: str | None = None, **kw) -> Field:
    """A selector among ``choices`` (default: the first)."""
    return Field(name, label, default if default is not None else choices[0], choices=tuple(choices), **kw)


@dataclass(frozen=True)
class Number(Field):
    """A finite real in [low, high] (``low_open``/``high_open`` exclude the bound)."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    kind = "number"
    example = "0.5, 1/3, 1e-3"

    def convert(self, text: str, parsed: Mapping[str, Any]) -> float:
        from mathcore.parse import parse_number

        value = float(parse_number(text)) + 0.0  # "-0" is 0: numpy rejects a scale of −0.0
        if not math.isfinite(value):
            raise self.fail("유한한 수를 입력하세요.")
        self.check_range(value)
        return value

    def check_range(self, value: float) -> None:
        low, high = self.low, self.high
        if low is not None and (value < low or (self.low_open and value == low)):
            if high is not None:
                raise self.fail(f"{_fmt(low)}{'보다 크고' if self.low_open else ' 이상'} "
                                f"{_fmt(high)} {'미만' if self.high_open else '이하'}여야 합니다 (입력: {_fmt(value)}).")
            raise self.fail(f"{_fmt(low)}{'보다 커야' if self.low_open else ' 이상이어야'} 합니다 (입력: {_fmt(value)}).")
        if high is not None and (value > high or (self.high_open and value == high)):
            if low is not None:
                raise self.fail(f"{_fmt(low)}{'보다 크고' if self.low_open else ' 이상'} "
                                f"{_fmt(high)} {'미만' if self.high_open else '이하'}여야 합니다 (입력: {_fmt(value)}).")
            raise self.fail(f"{_fmt(high)}{'보다 작아야' if self.high_open else ' 이하여야'} 합니다 (입력: {_fmt(value)}).")


@dataclass(frozen=True)
class Integer(Field):
    """A whole number in [low, high] (``1e3`` and ``2^10`` are accepted when they are whole)."""

    low: int = 0
    high: int = 2**32 - 1

    kind = "integer"
    example = "10"

    def convert(self, text: str, parsed: Mapping[str, Any]) -> int:
        from mathcore.parse import parse_number

        value = float(parse_number(text))
        if not math.isfinite(value) or value != int(value):
            raise self.fail(f"정수를 입력하세요 (입력: {text[:20]}).")
        number = int(value)
        if not self.low <= number <= self.high:
            raise self.fail(f"{self.low} 이상 {self.high} 이하의 정수를 입력하세요 (입력: {_fmt(value)}).")
        return number


SEED = Integer("seed", "난수 시드", "0", low=0, high=2**32 - 1)
"""The random seed field most sampling panels share (fields are frozen, so one object serves all)."""


def on_field(fn, name: str, *args, **kwargs):
    """Call a mathcore function; an InputError it raises is about field ``name`` (same message)."""
    try:
        return fn(*args, **kwargs)
    except InputError as err:
        raise InputError(err.message, field=name) from None


def _length(spec: int | Callable[[Mapping[str, Any]], int] | None, parsed: Mapping[str, Any]) -> int | None:
    if spec is None or isinstance(spec, int):
        return spec
    return spec(parsed)


@dataclass(frozen=True)
class Vector(Field):
    """A 1-D float vector (``1, 7, 2``, ``[1, 7, 2]``, ``1 7 2``).

    ``length`` is a fixed count, or a function of the fields read before this one
    (``length=lambda v: len(v["variables"])``).
    """

    min_len: int = 1
    max_len: int = MAX_VECTOR_LEN
    length: int | Callable[[Mapping[str, Any]], int] | None = None

    kind = "vector"
    example = "1, 7, 2"

    def convert(self, text: str, parsed: Mapping[str, Any]):
        import numpy as np

        from mathcore.parse import parse_vector

        vec = np.asarray(parse_vector(text), dtype=float).reshape(-1)
        want = _length(self.length, parsed)
        if want is not None and vec.size != want:
            raise self.fail(f"성분이 {want}개여야 합니다 (입력: {vec.size}개).")
        if vec.size < self.min_len:
            raise self.fail(f"성분이 {self.min_len}개 이상이어야 합니다 (입력: {vec.size}개).")
        if vec.size > self.max_len:
            raise self.fail(f"성분이 너무 많습니다 (최대 {self.max_len}개, 입력: {vec.size}개).")
        if not np.all(np.isfinite(vec)):
            raise self.fail("유한한 수만 입력하세요.")
        return vec


@dataclass(frozen=True)
class Matrix(Field):
    """A 2-D float matrix (``[[1,2],[3,4]]``, ``1 2; 3 4`` or one row per line).

    ``row_is_column``: a single typed row ``1, 2, 3`` is read as a column (one feature,
    a sequence of scalars).
    """

    max_cells: int = MAX_MATRIX_CELLS
    max_rows: int | None = None
    max_cols: int | None = None
    row_is_column: bool = False

    kind = "matrix"
    example = "[[1,2],[3,4]] 또는 1 2; 3 4"

    def convert(self, text: str, parsed: Mapping[str, Any]):
        import numpy as np

        from mathcore.parse import parse_matrix

        mat = np.asarray(parse_matrix(text), dtype=float)
        if mat.ndim == 1:
            mat = mat.reshape(1, -1)
        if mat.ndim != 2 or mat.size == 0:
            raise self.fail("2차원 행렬을 입력하세요.")
        if self.row_is_column and mat.shape[0] == 1 and mat.shape[1] > 1:
            mat = mat.T
        if mat.size > self.max_cells:
            raise self.fail(f"행렬이 너무 큽니다 (최대 {self.max_cells}칸, 입력: {mat.size}칸).")
        if self.max_rows is not None and mat.shape[0] > self.max_rows:
            raise self.fail(f"행이 {self.max_rows}개 이하여야 합니다 (입력: {mat.shape[0]}개).")
        if self.max_cols is not None and mat.shape[1] > self.max_cols:
            raise self.fail(f"열이 {self.max_cols}개 이하여야 합니다 (입력: {mat.shape[1]}개).")
        if not np.all(np.isfinite(mat)):
            raise self.fail("유한한 수만 입력하세요.")
        return mat


@dataclass(frozen=True)
class Variables(Field):
    """Variable names such as ``x, y`` (a letter first; no function or constant names)."""

    max_count: int = 4

    kind = "variables"
    example = "x, y"

    def convert(self, text: str, parsed: Mapping[str, Any]) -> tuple[str, ...]:
        names = tuple(part for part in re.split(r"[,;\s]+", text) if part)
        if not names:
            raise self.fail("변수 이름을 입력하세요 (예: x, y).")
        reserved = reserved_names()
        for var in names:
            if not _VARIABLE.match(var):
                name = with_particle(f"'{var[:12]}'", "은/는")
                raise self.fail(f"{name} 변수 이름으로 쓸 수 없습니다 (영문자로 시작, 예: x, y, w1).")
            if var in reserved:
                name = with_particle(f"'{var}'", "은/는")
                raise self.fail(f"{name} 함수나 상수 이름이라 변수로 쓸 수 없습니다 (예: x, y, w1).")
        if len(set(names)) != len(names):
            raise self.fail("같은 변수 이름이 두 번 나옵니다.")
        if len(names) > self.max_count:
            raise self.fail(f"변수는 {self.max_count}개까지입니다 (입력: {len(names)}개).")
        return names


@dataclass
class Function:
    """A parsed expression with its variables, compiled once for NumPy.

    ``expr`` is the SymPy tree (hand it to mathcore); calling the object evaluates it
    element-wise (``f(grid)``, ``f(xs, ys)``), giving NaN where it is undefined.
    ``text`` is the expression as the lessons write it (``x² + 2x + 3``).
    """

    expr: Any
    variables: tuple[str, ...]
    _compiled: Any = dc_field(default=None, repr=False)

    def __call__(self, *args):
        if self._compiled is None:
            from mathcore.parse import numeric_function

            self._compiled = numeric_function(self.expr, self.variables)
        return self._compiled(*args)

    def at(self, *point: float) -> float:
        """The value at one point (NaN where undefined)."""
        import numpy as np

        return float(np.asarray(self(*[np.array([float(p)]) for p in point])).reshape(-1)[0])

    @property
    def text(self) -> str:
        from .mathtext import expr_text

        return expr_text(self.expr)


@dataclass(frozen=True)
class Expression(Field):
    """An expression, parsed by mathcore's safe parser, as a :class:`Function`.

    ``variables`` is a tuple of names, or the name of a :class:`Variables` field read
    before this one.
    """

    variables: tuple[str, ...] | str = ("x",)

    kind = "expression"
    example = "x^2 + 2x + 3"

    def needs(self) -> tuple[str, ...]:
        extra = (self.variables,) if isinstance(self.variables, str) else ()
        return super().needs() + extra

    def names(self, parsed: Mapping[str, Any]) -> tuple[str, ...]:
        if isinstance(self.variables, str):
            return tuple(parsed.get(self.variables) or ("x",))
        return tuple(self.variables)

    def convert(self, text: str, parsed: Mapping[str, Any]) -> Function:
        from mathcore.parse import parse_expression

        names = self.names(parsed)
        return Function(parse_expression(text, variables=names), names)


def read_fields(fields, texts: Mapping[str, str]) -> dict[str, Any]:
    """Every field's typed value, in declaration order except that a field's ``needs()``
    are read before it (the first bad field raises)."""
    by_name = {spec.name: spec for spec in fields}
    parsed: dict[str, Any] = {}

    def visit(spec: Field, chain: tuple[str, ...]) -> None:
        if spec.name in parsed or spec.name in chain:
            return
        for other in spec.needs():
            if other in by_name:
                visit(by_name[other], chain + (spec.name,))
        parsed[spec.name] = spec.read(texts.get(spec.name, spec.default), parsed)

    for spec in fields:
        visit(spec, ())
    return {spec.name: parsed[spec.name] for spec in fields}
