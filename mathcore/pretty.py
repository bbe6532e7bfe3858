"""Numbers, arrays and SymPy expressions as the lessons write them.

``format_expr(x**2 + 2*x + 3)`` gives ``x² + 2x + 3``; ``format_expr(sqrt(pi)*erf(1))``
gives ``√π·erf(1)``; ``format_number(2.3e14)`` gives ``2.3e14``; ``format_array`` draws
matrices with brackets and summarises long ones with their shape.  No SymPy import at
module level: callers that only format numbers stay cheap.
"""
from __future__ import annotations

import math

from mathcore.glyphs import GREEK, MINUS, SUPERSCRIPT, TALL_DELIMITERS

#: What an exponent may hold to be written raised (``x²``, ``e⁻ˣ``); else ``x^(…)``.
_EXPONENT_CHARS = "0123456789+-()nixyzkmtabcdefghjloprsuvw"
_SUPERSCRIPT = str.maketrans({ch: SUPERSCRIPT[ch] for ch in _EXPONENT_CHARS})
#: Symbol names printed as Greek letters: every name of the one glyph table (``psi`` → ψ,
#: ``Omega`` → Ω), and ``lam``, SymPy's stand-in for the keyword ``lambda``.
_GREEK = dict(GREEK, lam=GREEK["lambda"])
MAX_ROWS = 8
MAX_COLS = 8


def format_number(value, digits: int = 6) -> str:
    """``digits`` significant digits, integers without a point, readable exponents."""
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)
    if math.isnan(v):
        return "정의되지 않음(NaN)"
    if math.isinf(v):
        return "∞" if v > 0 else MINUS + "∞"
    if v == 0:
        return "0"
    if v == int(v) and abs(v) < 1e9:
        text = str(int(v))
    else:
        text = f"{v:.{digits}g}"
        if "e" in text:
            mantissa, exp = text.split("e")
            text = f"{mantissa}e{int(exp)}"
    return text.replace("-", MINUS)


def _superscript(text: str) -> str | None:
    plain = text.replace(MINUS, "-")
    if len(plain) > 4 or any(c not in _EXPONENT_CHARS for c in plain):
        return None
    return plain.translate(_SUPERSCRIPT)


def symbol_name(name: str) -> str:
    """How a variable's name is written: a Greek letter's name as its glyph, others as typed."""
    return _GREEK.get(name, name)


class _Printer:
    """A small recursive printer; precedence: add 1, mul 2, pow 3, atom 4."""

    def __init__(self):
        import sympy

        self.sp = sympy

    def __call__(self, expr) -> str:
        return self.print(expr)[0]

    def print(self, e) -> tuple[str, int]:
        sp = self.sp
        if isinstance(e, sp.Matrix) or getattr(e, "is_Matrix", False):
            return format_matrix_text([[self(c) for c in e.row(i)] for i in range(e.rows)]), 4
        if e.is_Number:
            return self.number(e)
        if e is sp.pi:
            return "π", 4
        if e is sp.E:
            return "e", 4
        if e.is_Symbol:
            return symbol_name(e.name), 4
        if e.is_Add:
            return self.add(e), 1
        if e.is_Mul:
            return self.mul(e)
        if e.is_Pow or isinstance(e, sp.exp):
            return self.power(e)
        if isinstance(e, sp.Abs):
            return f"|{self(e.args[0])}|", 4
        if isinstance(e, sp.Function) or e.is_Function:
            name = {"Max": "max", "Min": "min", "log": "log"}.get(type(e).__name__, type(e).__name__)
            return f"{name}({', '.join(self(a) for a in e.args)})", 4
        return str(e).replace("-", MINUS), 4

    def number(self, e) -> tuple[str, int]:
        if e.is_Rational and not e.is_Integer:
            text = f"{abs(e.p)}/{e.q}"
            return (MINUS + text if e < 0 else text), 2
        if e is self.sp.oo:
            return "∞", 4
        if e is self.sp.zoo or e is self.sp.nan:
            return "정의되지 않음", 4
        text = format_number(float(e))
        return text, (1 if text.startswith(MINUS) else 4)

    def wrap(self, e, level: int) -> str:
        text, prec = self.print(e)
        return f"({text})" if prec < level else text

    def add(self, e) -> str:
        terms = e.as_ordered_terms()
        out = self(terms[0])
        for t in terms[1:]:
            if t.could_extract_minus_sign():
                out += f" {MINUS} " + self.wrap(-t, 2)
            else:
                out += " + " + self.wrap(t, 2)
        return out

    def mul(self, e) -> tuple[str, int]:
        sp = self.sp
        if e.could_extract_minus_sign():
            text = self.wrap(-e, 2)
            return MINUS + text, 1
        num, den = [], []
        for f in e.as_ordered_factors():
            if f.is_Pow and f.exp.is_Number and f.exp < 0:
                den.append(f.base if f.exp == -1 else f.base ** (-f.exp))
            elif f.is_Rational and not f.is_Integer:
                if f.p != 1:
                    num.append(sp.Integer(f.p))
                den.append(sp.Integer(f.q))
            else:
                num.append(f)
        top = self.juxtapose(num) if num else "1"
        if not den:
            return top, 2
        bottom = self.juxtapose(den)
        if len(den) > 1 or den[0].is_Add or den[0].is_Mul:
            bottom = f"({bottom})"
        if len(num) == 1 and num[0].is_Add:
            top = f"({top})"
        return f"{top}/{bottom}", 2

    def juxtapose(self, factors) -> str:
        out = ""
        prev = None
        for f in factors:
            text = self.wrap(f, 2 if not f.is_Add else 3)
            if prev is None:
                out = text
            elif self._adjacent(prev, f):
                out += text
            else:
                out += "·" + text
            prev = f
        return out

    def _adjacent(self, prev, f) -> bool:
        """``2x``, ``3x²``, ``xy``: a number or one-letter symbol before a one-letter symbol."""
        base = f.base if f.is_Pow else f
        if not (base.is_Symbol and len(symbol_name(base.name)) == 1):
            return False
        if prev.is_Number:
            return True
        pbase = prev.base if prev.is_Pow else prev
        return pbase.is_Symbol and len(symbol_name(pbase.name)) == 1

    def power(self, e) -> tuple[str, int]:
        sp = self.sp
        if isinstance(e, sp.exp):
            base, exp = sp.E, e.args[0]
        else:
            base, exp = e.base, e.exp
        if exp == sp.Rational(1, 2):
            inner, prec = self.print(base)
            return ("√" + inner if prec >= 4 else f"√({inner})"), 4
        if exp.is_Number and exp < 0:
            inner = self.wrap(base ** (-exp), 3)
            return f"1/{inner}", 2
        base_text = self.wrap(base, 4)
        exp_text, _ = self.print(exp)
        sup = _superscript(exp_text)
        if sup is not None:
            return base_text + sup, 3
        return f"{base_text}^({exp_text})", 3


_printer: _Printer | None = None


def format_expr(expr) -> str:
    """A SymPy expression in the lessons' Unicode math (``x² + 2x + 3``)."""
    global _printer
    if _printer is None:
        _printer = _Printer()
    return _printer(expr)


def format_matrix_text(rows: list[list[str]]) -> str:
    """Rows of cell texts as a bracketed, right-aligned block."""
    if not rows:
        return "[ ]"
    ncols = max(len(r) for r in rows)
    widths = [max(len(r[j]) if j < len(r) else 0 for r in rows) for j in range(ncols)]
    lines = ["  ".join(cell.rjust(widths[j]) for j, cell in enumerate(r)) for r in rows]
    if len(lines) == 1:
        return f"[ {lines[0]} ]"
    out = []
    for i, line in enumerate(lines):
        piece = 0 if i == 0 else (2 if i == len(lines) - 1 else 1)  # top, bottom, middle
        left, right = TALL_DELIMITERS["["][piece], TALL_DELIMITERS["]"][piece]
        out.append(f"{left} {line} {right}")
    return "\n".join(out)


def _cells(values, limit: int) -> list[str]:
    n = len(values)
    if n <= limit:
        return [format_number(v) for v in values]
    head = [format_number(v) for v in values[: limit - 2]]
    return head + ["…"] + [format_number(values[-1])]


def format_array(a) -> str:
    """A vector as ``[1, 7, 2]``; a matrix with brackets; long ones cut, with their shape."""
    import numpy as np

    a = np.asarray(a)
    if a.ndim == 0:
        return format_number(a)
    if a.ndim == 1:
        text = "[" + ", ".join(_cells(a, 12)) + "]"
        return text + (f"   (길이 {a.shape[0]})" if a.shape[0] > 12 else "")
    rows_idx = list(range(a.shape[0]))
    if a.shape[0] > MAX_ROWS:
        rows_idx = rows_idx[: MAX_ROWS - 2] + [None] + [a.shape[0] - 1]
    rows = []
    for i in rows_idx:
        if i is None:
            width = min(a.shape[1], MAX_COLS)
            rows.append(["⋮"] * width)
        else:
            rows.append(_cells(a[i], MAX_COLS))
    text = format_matrix_text(rows)
    if a.shape[0] > MAX_ROWS or a.shape[1] > MAX_COLS:
        text += f"\n({a.shape[0]}×{a.shape[1]} 행렬)"
    return text
