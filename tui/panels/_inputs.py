"""Field parsing and result formatting shared by the panel specs.

Every field goes through ``mathcore.parse``; any ``InputError`` is re-raised
with ``field`` set to the field's name and the Korean label in front, so the
view can put the message next to the right input.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from mathcore import InputError
from mathcore.functions import reserved_names

from . import Field

MAX_VECTOR_LEN = 10_000
MAX_MATRIX_CELLS = 10_000
_VARIABLE = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]{0,7}$")
_RESERVED = reserved_names()  # the one table mathcore's parser and grader read too


def fail(name: str, label: str, message: str) -> InputError:
    """An InputError about field ``name``: ``"<label>: <message>"``."""
    return InputError(f"{label}: {message}", field=name)


def _raw(values: dict[str, str], name: str) -> str:
    return str(values.get(name, "")).strip()


def _wrap(name: str, label: str, parse, text: str, *args, **kwargs):
    try:
        return parse(text, *args, **kwargs)
    except InputError as err:
        raise fail(name, label, getattr(err, "message", str(err))) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:
        raise fail(name, label, f"값을 읽을 수 없습니다 ({type(err).__name__})") from None


def is_blank(values: dict[str, str], name: str) -> bool:
    return _raw(values, name) == ""


def number(
    values: dict[str, str],
    name: str,
    label: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
) -> float:
    """A finite number in [low, high] (``low_open``: strictly above ``low``)."""
    import math

    from mathcore.parse import parse_number

    text = _raw(values, name)
    if not text:
        raise fail(name, label, "값을 입력하세요.")
    value = float(_wrap(name, label, parse_number, text))
    if not math.isfinite(value):
        raise fail(name, label, "유한한 수를 입력하세요.")
    if low is not None and (value < low or (low_open and value == low)):
        sign = "보다 커야" if low_open else " 이상이어야"
        raise fail(name, label, f"{low:g}{sign} 합니다 (입력: {value:g}).")
    if high is not None and value > high:
        raise fail(name, label, f"{high:g} 이하여야 합니다 (입력: {value:g}).")
    return value


def integer(values: dict[str, str], name: str, label: str, *, low: int, high: int) -> int:
    """A whole number in [low, high]."""
    value = number(values, name, label)
    if value != int(value):
        raise fail(name, label, f"정수를 입력하세요 (입력: {value:g}).")
    value = int(value)
    if not low <= value <= high:
        raise fail(name, label, f"{low} 이상 {high} 이하의 정수를 입력하세요 (입력: {value}).")
    return value


def vector(
    values: dict[str, str],
    name: str,
    label: str,
    *,
    min_len: int = 1,
    max_len: int = MAX_VECTOR_LEN,
    length: int | None = None,
):
    """A 1-D float vector (``1, 7, 2`` or ``[1, 7, 2]``)."""
    import numpy as np

    from mathcore.parse import parse_vector

    text = _raw(values, name)
    if not text:
        raise fail(name, label, "벡터를 입력하세요 (예: 1, 7, 2).")
    vec = np.asarray(_wrap(name, label, parse_vector, text), dtype=float)
    if vec.ndim != 1:
        raise fail(name, label, "1차원 벡터를 입력하세요 (예: 1, 7, 2).")
    if length is not None and vec.size != length:
        raise fail(name, label, f"성분이 {length}개여야 합니다 (입력: {vec.size}개).")
    if vec.size < min_len:
        raise fail(name, label, f"성분이 {min_len}개 이상이어야 합니다 (입력: {vec.size}개).")
    if vec.size > max_len:
        raise fail(name, label, f"성분이 너무 많습니다 (최대 {max_len}개).")
    if not np.all(np.isfinite(vec)):
        raise fail(name, label, "유한한 수만 입력하세요.")
    return vec


def matrix(values: dict[str, str], name: str, label: str, *, max_cells: int = MAX_MATRIX_CELLS):
    """A 2-D float matrix (``[[1,2],[3,4]]`` or rows split by ``;``)."""
    import numpy as np

    from mathcore.parse import parse_matrix

    text = _raw(values, name)
    if not text:
        raise fail(name, label, "행렬을 입력하세요 (예: [[1,2],[3,4]] 또는 1 2; 3 4).")
    mat = np.asarray(_wrap(name, label, parse_matrix, text), dtype=float)
    if mat.ndim == 1:
        mat = mat.reshape(1, -1)
    if mat.ndim != 2 or mat.size == 0:
        raise fail(name, label, "2차원 행렬을 입력하세요.")
    if mat.size > max_cells:
        raise fail(name, label, f"행렬이 너무 큽니다 (최대 {max_cells}칸).")
    if not np.all(np.isfinite(mat)):
        raise fail(name, label, "유한한 수만 입력하세요.")
    return mat


def variables(values: dict[str, str], name: str, label: str, *, max_count: int = 4) -> tuple[str, ...]:
    """Variable names such as ``x, y`` (letters first, no function names)."""
    text = _raw(values, name)
    if not text:
        raise fail(name, label, "변수 이름을 입력하세요 (예: x, y).")
    names = tuple(part.strip() for part in re.split(r"[,\s]+", text) if part.strip())
    for var in names:
        if not _VARIABLE.match(var) or var in _RESERVED:
            raise fail(name, label, f"'{var}'은(는) 변수 이름으로 쓸 수 없습니다 (예: x, y, w1).")
    if len(set(names)) != len(names):
        raise fail(name, label, "같은 변수 이름이 두 번 나옵니다.")
    if len(names) > max_count:
        raise fail(name, label, f"변수는 {max_count}개까지입니다.")
    return names


def expression(values: dict[str, str], name: str, label: str, variables: Iterable[str] = ("x",)):
    """A SymPy expression in the given variables, parsed by mathcore's safe parser."""
    from mathcore.parse import parse_expression

    text = _raw(values, name)
    if not text:
        raise fail(name, label, "식을 입력하세요 (예: x^2 + 2x + 3).")
    return _wrap(name, label, parse_expression, text, variables=tuple(variables))


def choice(values: dict[str, str], spec: Field) -> str:
    """The selected option of a choice field."""
    text = _raw(values, spec.name)
    if text not in spec.choices:
        options = ", ".join(spec.choices)
        raise fail(spec.name, spec.label, f"다음 중 하나를 고르세요: {options}")
    return text


def compile_function(expr, variables: Iterable[str], name: str, label: str):
    """A vectorised NumPy function of an already parsed SymPy tree (mathcore compiles it)."""
    from mathcore.parse import numeric_function

    return _wrap(name, label, numeric_function, expr, tuple(variables))


# ---------------------------------------------------------------- formatting


def fmt_num(value: Any, digits: int = 6) -> str:
    """A scalar with up to ``digits`` significant digits (inf/nan in Korean-friendly form)."""
    import math

    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    text = f"{value:.{digits}g}"
    return "0" if text in ("-0", "0") else text


def fmt_fixed(value: Any, decimals: int = 4) -> str:
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _fmt_elem(value: float, precision: int) -> str:
    import numpy as np

    if not np.isfinite(value):
        return fmt_num(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return np.format_float_positional(value, precision=precision, trim="-")


def fmt_array(array: Any, precision: int = 8) -> str:
    """An array like NumPy prints it, without trailing dots: ``[5, 14, 2]``, ``[0.21276596, 0.0212766]``.

    Entries smaller than 10^-(precision+2) in magnitude (rounding noise) print as 0.
    """
    import numpy as np

    arr = np.asarray(array, dtype=float)
    with np.errstate(invalid="ignore"):
        arr = np.where(np.abs(arr) < 10.0 ** (-precision - 2), 0.0, arr)
    if arr.ndim <= 1:
        items = np.atleast_1d(arr)
        return "[" + ", ".join(_fmt_elem(float(v), precision) for v in items) + "]"
    cells = [[_fmt_elem(float(v), precision) for v in row] for row in arr.reshape(arr.shape[0], -1)]
    width = max(len(c) for row in cells for c in row)
    rows = ["[" + ", ".join(c.rjust(width) for c in row) + "]" for row in cells]
    return "[" + ",\n ".join(rows) + "]"


def cell_width(text: str) -> int:
    """Terminal cells taken by ``text`` (Hangul and other wide characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal cells."""
    return text + " " * max(0, width - cell_width(text))


def shape_text(array: Any) -> str:
    """``3×2`` for an array or a shape tuple."""
    import numpy as np

    shape = tuple(array) if isinstance(array, tuple) else np.shape(array)
    return "×".join(str(n) for n in shape) or "스칼라"


def downsample_indices(count: int, limit: int):
    """At most ``limit`` evenly spaced indices of ``range(count)`` including the last."""
    import numpy as np

    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(int))
