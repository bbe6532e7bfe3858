r"""Safe parsing of everything a learner types: numbers, vectors, matrices, expressions.

Nothing here calls ``eval``/``sympify``/``lambdify`` on raw text.  An expression goes
through four gates before SymPy ever sees it:

1. a length cap (:data:`MAX_EXPRESSION_LENGTH`) and a character allowlist (ASCII letters,
   digits, blanks and ``+ - * / ^ ( ) . ,``; a handful of common math symbols such as
   ``−``, ``×``, ``²``, ``π`` are first rewritten to their ASCII form);
2. a tokenizer: names must be a listed variable, a known function or a constant (``pi``,
   ``e``), or a run of those written together (``xy`` → ``x·y``); numbers have a bounded
   length; no underscores, quotes, attribute dots, keywords;
3. a small recursive-descent parser (implicit multiplication ``2x``, ``^`` as power,
   bounded nesting) whose tree is walked to reject power towers (``9^9^9``), exponents with
   absolute value above :data:`MAX_EXPONENT`, and constants whose size would exceed
   10^:data:`MAX_LOG10` (checked with bounded-precision arithmetic before anything is
   computed exactly);
4. the validated tree is printed as fully parenthesised Python and handed to SymPy's
   ``parse_expr`` with ``__builtins__`` emptied and a namespace holding only the allowed
   functions, constants, number classes and the listed variables.

Vectors and matrices are split by hand; each entry is read by :func:`parse_number`.
Every rejection is a :class:`mathcore.InputError` with a Korean message saying what is wrong.
"""
from __future__ import annotations

import keyword
import math
import re
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from mathcore import InputError

MAX_EXPRESSION_LENGTH = 200
MAX_MATRIX_LENGTH = 5000
MAX_ENTRIES = 10_000
MAX_NUMBER_LENGTH = 40
MAX_DEPTH = 20
MAX_EXPONENT = 1000
MAX_LOG10 = 1000
MAX_TOWER = 2  # a^b is 1, a^(b^c) is 2 (e^(-x^2) must work), a^b^c^d-like towers beyond that are refused

# Common mathematical symbols a learner may paste from a lesson, rewritten to ASCII.
_UNICODE_MAP = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash
    "\u00d7": "*",  # multiplication sign
    "\u00b7": "*",  # middle dot
    "\u22c5": "*",  # dot operator
    "\u00f7": "/",  # division sign
    "\u00b2": "^2",
    "\u00b3": "^3",
    "\u03c0": "pi",
    "\u00a0": " ",  # no-break space
}

_ALLOWED_EXPR = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\r\n+-*/^().,")

_CHAR_MESSAGES = {
    "_": "밑줄(_)은 쓸 수 없습니다.",
    "'": "따옴표(')는 쓸 수 없습니다.",
    '"': '따옴표(")는 쓸 수 없습니다.',
    "!": "계승(!)은 지원하지 않습니다.",
    "=": "등호(=)는 쓰지 말고 식만 입력하세요.",
    "[": "대괄호([ ])는 벡터나 행렬 입력에서만 쓸 수 있습니다.",
    "]": "대괄호([ ])는 벡터나 행렬 입력에서만 쓸 수 있습니다.",
    ";": "세미콜론(;)은 행렬의 행을 나눌 때만 쓸 수 있습니다.",
    "{": "중괄호({ })는 쓸 수 없습니다. 소괄호 ( )를 쓰세요.",
    "}": "중괄호({ })는 쓸 수 없습니다. 소괄호 ( )를 쓰세요.",
    "%": "나머지 연산(%)은 지원하지 않습니다.",
    "\\": "역슬래시(\\)는 쓸 수 없습니다. LaTeX가 아니라 sqrt(x), x^2 같은 형식으로 입력하세요.",
}


# ---------------------------------------------------------------------------
# Known names
# ---------------------------------------------------------------------------

def _sympy_functions() -> dict:
    import sympy

    def log_any(a, b=None):
        return sympy.log(a) if b is None else sympy.log(a, b)

    return {
        "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
        "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
        "arcsin": sympy.asin, "arccos": sympy.acos, "arctan": sympy.atan,
        "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
        "exp": sympy.exp, "log": log_any, "ln": sympy.log,
        "log10": lambda a: sympy.log(a, 10), "log2": lambda a: sympy.log(a, 2),
        "sqrt": sympy.sqrt, "abs": sympy.Abs,
        "max": sympy.Max, "min": sympy.Min,
    }


# name -> (min args, max args)
_FUNCTION_ARITY = {
    "sin": (1, 1), "cos": (1, 1), "tan": (1, 1),
    "asin": (1, 1), "acos": (1, 1), "atan": (1, 1),
    "arcsin": (1, 1), "arccos": (1, 1), "arctan": (1, 1),
    "sinh": (1, 1), "cosh": (1, 1), "tanh": (1, 1),
    "exp": (1, 1), "log": (1, 2), "ln": (1, 1), "log10": (1, 1), "log2": (1, 1),
    "sqrt": (1, 1), "abs": (1, 1), "max": (2, 8), "min": (2, 8),
}
FUNCTIONS = tuple(_FUNCTION_ARITY)
CONSTANTS = ("pi", "e")


def _mp_functions(mp) -> dict:
    def real_only(fn):
        def wrapped(*args):
            for a in args:
                if isinstance(a, mp.mpc) and a.imag != 0:
                    raise InputError("max/min에는 실수만 넣을 수 있습니다.")
            return fn(*[mp.re(a) for a in args])
        return wrapped

    def log_any(a, b=None):
        return mp.log(a) if b is None else mp.log(a) / mp.log(b)

    return {
        "sin": mp.sin, "cos": mp.cos, "tan": mp.tan,
        "asin": mp.asin, "acos": mp.acos, "atan": mp.atan,
        "arcsin": mp.asin, "arccos": mp.acos, "arctan": mp.atan,
        "sinh": mp.sinh, "cosh": mp.cosh, "tanh": mp.tanh,
        "exp": mp.exp, "log": log_any, "ln": mp.log,
        "log10": lambda a: mp.log(a) / mp.log(10), "log2": lambda a: mp.log(a) / mp.log(2),
        "sqrt": mp.sqrt, "abs": lambda a: mp.mpf(abs(a)),
        "max": real_only(max), "min": real_only(min),
    }


# ---------------------------------------------------------------------------
# Character and token checks
# ---------------------------------------------------------------------------

def _normalise(text: str, cap: int, allowed: set) -> str:
    if not isinstance(text, str):
        raise InputError("입력은 문자열이어야 합니다.")
    if len(text) > cap:
        raise InputError(f"입력이 너무 깁니다 ({len(text)}자). {cap}자 이하로 입력하세요.")
    if any(ch in _UNICODE_MAP for ch in text):
        text = "".join(_UNICODE_MAP.get(ch, ch) for ch in text)
    for pos, ch in enumerate(text, start=1):
        if ch in allowed:
            continue
        if ch in _CHAR_MESSAGES:
            raise InputError(_CHAR_MESSAGES[ch])
        if ord(ch) > 127:
            raise InputError(
                f"허용되지 않는 문자 '{ch}' (U+{ord(ch):04X})가 {pos}번째 글자에 있습니다. "
                "영문 자판의 문자로 입력하세요."
            )
        raise InputError(f"허용되지 않는 문자 '{ch}'가 {pos}번째 글자에 있습니다.")
    if not text.strip():
        raise InputError("입력이 비어 있습니다.")
    return text


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z][A-Za-z0-9]*)
  | (?P<op>\*\*|[-+*/^(),])
  | (?P<bad>.)
    """,
    re.VERBOSE,
)


class _Tok:
    __slots__ = ("kind", "text", "pos")

    def __init__(self, kind: str, text: str, pos: int):
        self.kind = kind
        self.text = text
        self.pos = pos


def _split_name(name: str, atoms: Sequence[str]) -> list[str] | None:
    """Split ``name`` into a sequence of known atoms (variables, constants), or None."""
    n = len(name)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for atom in atoms:
            if name.startswith(atom, i) and best[i + len(atom)] is None:
                best[i + len(atom)] = best[i] + [atom]
    return best[n]


def _tokenize(text: str, variables: tuple[str, ...]) -> list[_Tok]:
    atoms = sorted(set(variables) | set(CONSTANTS), key=len, reverse=True)
    tokens: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        tok = m.group()
        pos = m.start() + 1
        if kind == "ws":
            continue
        if kind == "bad":
            if tok == ".":
                raise InputError(f"점(.)은 소수점으로만 쓸 수 있습니다 ({pos}번째 글자).")
            raise InputError(f"허용되지 않는 문자 '{tok}'가 {pos}번째 글자에 있습니다.")
        if kind == "num":
            mantissa, _, exponent = tok.lower().partition("e")
            if len(mantissa) > MAX_NUMBER_LENGTH:
                raise InputError(f"숫자가 너무 깁니다 ({len(mantissa)}자리). {MAX_NUMBER_LENGTH}자리 이하로 입력하세요.")
            if exponent and len(exponent.lstrip("+-")) > 3:
                raise InputError(f"숫자 '{tok}'의 지수가 너무 큽니다.")
            if mantissa.startswith("."):
                mantissa = "0" + mantissa
            if mantissa.endswith("."):
                mantissa += "0"
            tokens.append(_Tok("num", mantissa + ("e" + exponent if exponent else ""), pos))
            continue
        if kind == "name":
            if tok in variables or tok in CONSTANTS:
                tokens.append(_Tok("name", tok, pos))
                continue
            if tok in _FUNCTION_ARITY:
                tokens.append(_Tok("func", tok, pos))
                continue
            parts = _split_name(tok, atoms) if tok.isalpha() else None
            if parts is not None:
                for i, part in enumerate(parts):
                    tokens.append(_Tok("name", part, pos))
                continue
            raise InputError(_unknown_name_message(tok, variables))
        tokens.append(_Tok("op", "^" if tok == "**" else tok, pos))
    if not tokens:
        raise InputError("입력이 비어 있습니다.")
    return tokens


def _unknown_name_message(name: str, variables: Sequence[str]) -> str:
    allowed_vars = ", ".join(variables) if variables else "없음"
    for fn in sorted(_FUNCTION_ARITY, key=len, reverse=True):
        if name.startswith(fn) and len(name) > len(fn):
            return (f"알 수 없는 기호 '{name}'입니다. 함수는 {fn}(x)처럼 괄호와 함께 쓰세요. "
                    f"쓸 수 있는 변수: {allowed_vars}")
    return (f"알 수 없는 기호 '{name}'입니다. 쓸 수 있는 변수: {allowed_vars}; "
            f"상수: pi, e; 함수: {', '.join(FUNCTIONS)}")


# ---------------------------------------------------------------------------
# Parser → small tree of tuples
# ---------------------------------------------------------------------------
# Nodes: ("num", text) ("name", text) ("neg", a) ("add", a, b) ("sub", a, b)
#        ("mul", a, b) ("div", a, b) ("pow", a, b) ("call", fname, [args])

class _Parser:
    def __init__(self, tokens: list[_Tok]):
        self.toks = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect_op(self, op: str) -> None:
        tok = self.peek()
        if tok is None or tok.kind != "op" or tok.text != op:
            where = "식의 끝" if tok is None else f"'{tok.text}' ({tok.pos}번째 글자)"
            if op == ")":
                raise InputError(f"여는 괄호 '('에 맞는 닫는 괄호 ')'가 없습니다 ({where}).")
            raise InputError(f"'{op}'가 와야 할 자리에 {where}가 있습니다.")
        self.i += 1

    def parse(self):
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            if tok.kind == "op" and tok.text == ")":
                raise InputError(f"닫는 괄호 ')'에 맞는 여는 괄호가 없습니다 ({tok.pos}번째 글자).")
            if tok.kind == "op" and tok.text == ",":
                raise InputError(f"쉼표(,)는 함수의 인수를 나눌 때만 쓸 수 있습니다 ({tok.pos}번째 글자).")
            raise InputError(f"'{tok.text}' ({tok.pos}번째 글자) 앞에 연산자가 빠졌습니다.")
        return node

    def expr(self):
        node = self.term()
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in "+-":
                self.take()
                node = ("add" if tok.text == "+" else "sub", node, self.term())
            else:
                return node

    def _starts_operand(self, tok: _Tok | None) -> bool:
        return tok is not None and (tok.kind in ("name", "func", "num") or (tok.kind == "op" and tok.text == "("))

    def term(self):
        node = self.unary()
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in "*/":
                self.take()
                node = ("mul" if tok.text == "*" else "div", node, self.unary())
            elif self._starts_operand(tok):
                if tok.kind == "num":
                    raise InputError(
                        f"숫자 '{tok.text}' ({tok.pos}번째 글자) 앞에 연산자가 빠졌습니다. 곱셈은 *로 쓰세요."
                    )
                node = ("mul", node, self.unary())  # implicit multiplication: 2x, x(x+1), (x+1)(x-1)
            else:
                return node

    def unary(self):
        negate = False
        count = 0
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in "+-":
                self.take()
                count += 1
                if count > 10:
                    raise InputError("부호(+, -)가 너무 많이 이어집니다.")
                if tok.text == "-":
                    negate = not negate
            else:
                break
        node = self.power()
        return ("neg", node) if negate else node

    def power(self):
        base = self.atom()
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.text == "^":
            self.take()
            return ("pow", base, self.unary())  # right-associative; exponent may carry a sign
        return base

    def atom(self):
        tok = self.peek()
        if tok is None:
            raise InputError("식이 중간에 끝났습니다. 연산자 뒤에 값이 필요합니다.")
        if tok.kind == "num":
            self.take()
            return ("num", tok.text)
        if tok.kind == "name":
            self.take()
            return ("name", tok.text)
        if tok.kind == "func":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind != "op" or nxt.text != "(":
                raise InputError(f"함수 {tok.text} 뒤에는 괄호가 필요합니다: {tok.text}(x)")
            self.take()
            self._enter()
            args = [self.expr()]
            while True:
                nxt = self.peek()
                if nxt is not None and nxt.kind == "op" and nxt.text == ",":
                    self.take()
                    args.append(self.expr())
                else:
                    break
            self.expect_op(")")
            self.depth -= 1
            low, high = _FUNCTION_ARITY[tok.text]
            if not low <= len(args) <= high:
                want = str(low) if low == high else f"{low}~{high}"
                raise InputError(f"함수 {tok.text}에는 인수가 {want}개 필요한데 {len(args)}개가 있습니다.")
            return ("call", tok.text, args)
        if tok.kind == "op" and tok.text == "(":
            self.take()
            self._enter()
            node = self.expr()
            self.expect_op(")")
            self.depth -= 1
            return node
        if tok.text == ")":
            raise InputError(f"닫는 괄호 ')' ({tok.pos}번째 글자) 앞에 값이 없습니다.")
        raise InputError(f"'{tok.text}' ({tok.pos}번째 글자) 앞에 값이 없습니다.")

    def _enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InputError(f"괄호가 너무 깊게 중첩되어 있습니다 (최대 {MAX_DEPTH}단계).")


# ---------------------------------------------------------------------------
# Tree walk: power towers, exponent and magnitude limits (bounded-precision arithmetic)
# ---------------------------------------------------------------------------

_MP = None


def _mp():
    global _MP
    if _MP is None:
        import mpmath

        ctx = mpmath.MPContext()
        ctx.prec = 80
        _MP = (ctx, _mp_functions(ctx))
    return _MP


def _too_big(value) -> bool:
    mp = _MP[0]
    mag = abs(value)
    return mag != 0 and (not mp.isfinite(mag) or mp.log10(mag) > MAX_LOG10)


def _check(node, variables: tuple[str, ...]):
    """Return (constant value as mpmath number or None, tower height)."""
    mp, funcs = _mp()
    kind = node[0]
    if kind == "num":
        return mp.mpf(node[1]), 0
    if kind == "name":
        name = node[1]
        if name in variables:
            return None, 0
        return (mp.pi if name == "pi" else mp.e), 0
    if kind == "neg":
        v, t = _check(node[1], variables)
        return (None if v is None else -v), t
    if kind in ("add", "sub", "mul", "div"):
        a, ta = _check(node[1], variables)
        b, tb = _check(node[2], variables)
        if a is None or b is None:
            return None, max(ta, tb)
        if kind == "add":
            v = a + b
        elif kind == "sub":
            v = a - b
        elif kind == "mul":
            v = a * b
        else:
            if b == 0:
                raise InputError("0으로 나누는 식입니다.")
            v = a / b
        if _too_big(v):
            raise InputError(f"수가 너무 커집니다 (10^{MAX_LOG10} 초과).")
        return v, max(ta, tb)
    if kind == "pow":
        base, tb = _check(node[1], variables)
        expo, te = _check(node[2], variables)
        tower = max(tb, te + 1)
        if tower > MAX_TOWER:
            raise InputError("거듭제곱이 여러 겹 쌓인 식(예: 9^9^9)은 계산이 폭주할 수 있어 받지 않습니다.")
        if expo is not None:
            if abs(expo) > MAX_EXPONENT:
                raise InputError(f"지수가 너무 큽니다 (절댓값 {MAX_EXPONENT} 이하만 허용).")
            if base is not None:
                if base == 0:
                    if mp.re(expo) < 0:
                        raise InputError("0의 음수 제곱은 정의되지 않습니다 (0으로 나누기).")
                    return mp.mpf(0) if mp.re(expo) > 0 else mp.mpf(1), tower
                estimate = mp.re(expo) * mp.log10(abs(base)) - mp.im(expo) * mp.arg(base) / mp.log(10)
                if abs(estimate) > MAX_LOG10:
                    raise InputError(f"수가 너무 커집니다 (10^{MAX_LOG10} 초과).")
                return mp.power(base, expo), tower
        return None, tower
    if kind == "call":
        name, args = node[1], node[2]
        vals = []
        tower = 0
        for arg in args:
            v, t = _check(arg, variables)
            vals.append(v)
            tower = max(tower, t)
        if any(v is None for v in vals):
            return None, tower
        if name == "exp" and mp.re(vals[0]) > 2300:
            raise InputError(f"수가 너무 커집니다 (10^{MAX_LOG10} 초과).")
        try:
            v = funcs[name](*vals)
        except (ZeroDivisionError, ValueError):
            raise InputError(f"{name}의 값이 정의되지 않는 입력입니다.") from None
        if not mp.isfinite(v):
            raise InputError(f"{name}의 값이 정의되지 않습니다 (무한대).")
        return v, tower
    raise InputError("지원하지 않는 식입니다.")  # pragma: no cover - parser never builds other nodes


# ---------------------------------------------------------------------------
# Emission to Python source for parse_expr (validated tree only)
# ---------------------------------------------------------------------------

def _emit(node, varmap: dict[str, str]) -> str:
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        name = node[1]
        return varmap[name] if name in varmap else f"C_{name}"
    if kind == "neg":
        return f"(-({_emit(node[1], varmap)}))"
    if kind == "call":
        return f"F_{node[1]}(" + ", ".join(_emit(a, varmap) for a in node[2]) + ")"
    op = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}[kind]
    return f"(({_emit(node[1], varmap)}){op}({_emit(node[2], varmap)}))"


_NAMESPACE: dict | None = None


def _namespace() -> dict:
    global _NAMESPACE
    if _NAMESPACE is None:
        import sympy

        ns = {"__builtins__": {}, "Integer": sympy.Integer, "Float": sympy.Float, "Rational": sympy.Rational,
              "C_pi": sympy.pi, "C_e": sympy.E}
        for name, fn in _sympy_functions().items():
            ns[f"F_{name}"] = fn
        _NAMESPACE = ns
    return _NAMESPACE


_VAR_RE = re.compile(r"[A-Za-z][A-Za-z0-9]{0,15}\Z")


def _normalise_variables(variables) -> tuple[str, ...]:
    if variables is None:
        return ()
    if isinstance(variables, str):
        variables = (variables,)
    out = []
    for v in variables:
        v = str(v)
        if not _VAR_RE.match(v) or keyword.iskeyword(v) or v in _FUNCTION_ARITY:
            raise InputError(f"변수 이름 '{v}'은 쓸 수 없습니다.")
        if v not in out:
            out.append(v)
    return tuple(out)


def _parse_tree(text: str, variables: tuple[str, ...]):
    clean = _normalise(text, MAX_EXPRESSION_LENGTH, _ALLOWED_EXPR)
    tokens = _tokenize(clean, variables)
    tree = _Parser(tokens).parse()
    value, _ = _check(tree, variables)
    return tree, value


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

def parse_expression(text: str, variables: Iterable[str] | str = ("x",)):
    r"""Parse a typed expression such as ``x^2 + 2x + 3`` into a SymPy expression.

    Variables are real SymPy symbols (:func:`symbol`), so ``sqrt(x^2)`` is ``Abs(x)`` and
    d/dx abs(x) = sign(x).

    Grammar: ``+ - * /``, ``^`` or ``**`` for powers (right-associative, so ``2^-x`` works),
    implicit multiplication (``2x``, ``x(x+1)``, ``xy`` = x·y when x and y are variables),
    the constants ``pi`` and ``e``, and the functions in :data:`FUNCTIONS`.  Only the
    given ``variables`` may appear.  Results are cached (SymPy expressions are immutable).

    Raises InputError (Korean message) for anything else, including inputs whose value would
    be undefined (division by zero) or too large (> 10^1000), exponents |p| > 1000 and power
    towers.
    """
    return _parse_expression_cached(text, _normalise_variables(variables))


@lru_cache(maxsize=512)
def _parse_expression_cached(text: str, variables: tuple[str, ...]):
    import sympy
    from sympy.parsing.sympy_parser import auto_number, parse_expr

    tree, _ = _parse_tree(text, variables)
    varmap = {v: f"V{i}" for i, v in enumerate(variables)}
    local = {f"V{i}": symbol(v) for i, v in enumerate(variables)}
    code = _emit(tree, varmap)
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


_PLAIN_NUMBER = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?\s*\Z")


def parse_number(text: str) -> float:
    """Parse a real number: ``0.5``, ``-3``, ``1/3``, ``sqrt(2)``, ``2pi``, ``e^2``, ``1e-3``.

    Plain decimal literals are read directly; anything else goes through
    :func:`parse_expression` (all its checks) and is evaluated exactly by SymPy to 30 digits,
    then rounded to float64.  Non-real, infinite or too-large values raise InputError.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    elif isinstance(text, str) and _PLAIN_NUMBER.match(text) and len(text) <= MAX_EXPRESSION_LENGTH:
        mantissa = text.strip().lstrip("+-").lower().partition("e")[0]
        if len(mantissa) > MAX_NUMBER_LENGTH:
            raise InputError(f"숫자가 너무 깁니다 ({len(mantissa)}자리). {MAX_NUMBER_LENGTH}자리 이하로 입력하세요.")
        value = float(text)
    else:
        expr = _parse_expression_cached(text, ())
        try:
            v = complex(expr.evalf(30))
        except (TypeError, ValueError, OverflowError):
            raise InputError("값을 계산할 수 없습니다.") from None
        if v.imag != 0 and abs(v.imag) > 1e-12 * max(1.0, abs(v)):
            raise InputError("실수가 아닌 값입니다 (예: 음수의 제곱근).")
        value = v.real
    if not math.isfinite(value):
        raise InputError("값이 너무 크거나 정의되지 않습니다 (유한한 실수를 입력하세요).")
    return value


_INT_RE = re.compile(r"\s*[+-]?\d{1,15}\s*\Z")


def parse_int(text: str, low: int | None = None, high: int | None = None) -> int:
    """Parse an integer such as ``42`` or ``-3`` and check ``low <= n <= high`` (bounds optional)."""
    if isinstance(text, bool):
        raise InputError("정수를 입력하세요.")
    if isinstance(text, int):
        n = text
    else:
        if not isinstance(text, str) or not text.strip():
            raise InputError("정수를 입력하세요 (입력이 비어 있습니다).")
        if not _INT_RE.match(text):
            raise InputError(f"'{text.strip()[:20]}'은 정수가 아닙니다. 42처럼 입력하세요.")
        n = int(text)
    if (low is not None and n < low) or (high is not None and n > high):
        if low is not None and high is not None:
            raise InputError(f"{low} 이상 {high} 이하의 정수를 입력하세요 (입력: {n}).")
        if low is not None:
            raise InputError(f"{low} 이상의 정수를 입력하세요 (입력: {n}).")
        raise InputError(f"{high} 이하의 정수를 입력하세요 (입력: {n}).")
    return n


_ALLOWED_ARRAY = _ALLOWED_EXPR | set("[];")


def _split_top(text: str, seps: str) -> list[str]:
    """Split at separators that are not inside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _parse_entries(body: str, what: str) -> list[float]:
    body = body.strip()
    if not body:
        raise InputError(f"{what}가 비어 있습니다.")
    if "[" in body or "]" in body:
        raise InputError(f"{what}에 대괄호가 잘못 들어 있습니다.")
    if ";" in body:
        raise InputError(f"{what} 안에 세미콜론(;)이 있습니다. 벡터는 쉼표나 공백으로 나누세요.")
    if _split_top(body, ",") != [body]:
        items = _split_top(body, ",")
    else:
        items = body.split()
    values = []
    for k, item in enumerate(items, start=1):
        item = item.strip()
        if not item:
            raise InputError(f"{what}의 {k}번째 원소가 비어 있습니다 (쉼표가 겹쳤습니다).")
        try:
            values.append(parse_number(item))
        except InputError as err:
            raise InputError(f"{what}의 {k}번째 원소 '{item[:20]}': {err.message}") from None
    return values


def parse_vector(text: str):
    """Parse a vector ``1, 7, 2`` / ``[1, 7, 2]`` / ``1 7 2`` into a float64 ndarray of shape (n,).

    Entries may be number expressions (``1/3``, ``sqrt(2)``, ``-pi``).
    """
    import numpy as np

    clean = _normalise(text, MAX_MATRIX_LENGTH, _ALLOWED_ARRAY).strip()
    if clean.startswith("[") and clean.endswith("]"):
        clean = clean[1:-1]
    values = _parse_entries(clean, "벡터")
    if len(values) > MAX_ENTRIES:
        raise InputError(f"원소가 너무 많습니다 ({MAX_ENTRIES}개 이하).")
    return np.array(values, dtype=float)


def _bracket_groups(text: str) -> list[str]:
    """``[1,2],[3,4]`` → ["1,2", "3,4"]; only commas, semicolons and blanks may sit between groups."""
    rows, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n,;":
            i += 1
            continue
        if ch != "[":
            raise InputError(f"행렬의 행 사이에 '{ch}'가 있습니다. 각 행을 [ ]로 감싸세요.")
        j = text.find("]", i)
        if j < 0:
            raise InputError(f"{len(rows) + 1}번째 행의 '['에 맞는 ']'가 없습니다.")
        if "[" in text[i + 1:j]:
            raise InputError("대괄호가 너무 깊게 중첩되어 있습니다. [[1,2],[3,4]] 형식으로 입력하세요.")
        rows.append(text[i + 1:j])
        i = j + 1
    return rows


def parse_matrix(text: str):
    """Parse a matrix into a float64 ndarray of shape (m, n).

    Accepted: ``[[1,-2,3],[7,5,0]]``, ``[1,2],[3,4]``, ``1 2; 3 4``, ``[1 2; 3 4]``, and rows
    on separate lines.  Ragged rows raise InputError naming the row.
    """
    import numpy as np

    clean = _normalise(text, MAX_MATRIX_LENGTH, _ALLOWED_ARRAY).strip()
    if clean.count("[") != clean.count("]"):
        raise InputError("여는 대괄호 '['와 닫는 대괄호 ']'의 개수가 다릅니다.")
    if clean.startswith("[") and clean.endswith("]") and clean.count("[") >= 2:
        inner = clean[1:-1].strip()
        if inner.startswith("[") and inner.endswith("]"):
            clean = inner
    if "[" in clean:
        row_texts = _bracket_groups(clean)
        if len(row_texts) == 1 and (";" in row_texts[0] or "\n" in row_texts[0]):
            row_texts = re.split(r"[;\n]", row_texts[0])
    else:
        row_texts = re.split(r"[;\n]", clean)
    while row_texts and not row_texts[-1].strip():
        row_texts.pop()
    if not row_texts:
        raise InputError("행렬이 비어 있습니다.")
    rows = []
    for k, row in enumerate(row_texts, start=1):
        if not row.strip():
            raise InputError(f"{k}번째 행이 비어 있습니다.")
        rows.append(_parse_entries(row, f"{k}번째 행"))
    width = len(rows[0])
    for k, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise InputError(f"{k}번째 행의 원소 개수({len(row)})가 1번째 행({width})과 다릅니다.")
    if len(rows) * width > MAX_ENTRIES:
        raise InputError(f"원소가 너무 많습니다 ({MAX_ENTRIES}개 이하).")
    return np.array(rows, dtype=float)


# ---------------------------------------------------------------------------
# Numeric evaluation of parsed (validated) expressions
# ---------------------------------------------------------------------------

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


@lru_cache(maxsize=256)
def _compiled(expr, variables: tuple[str, ...]):
    import sympy

    symbols = [symbol_in(expr, v) for v in variables]
    extra = expr.free_symbols - set(symbols)
    if extra:
        names = ", ".join(sorted(str(s) for s in extra))
        raise InputError(f"식에 변수 목록에 없는 기호가 있습니다: {names}")
    return sympy.lambdify(symbols, expr, modules="numpy")


def numeric_function(expr, variables: Iterable[str] | str = ("x",)) -> Callable:
    """Compile a parsed expression once into ``f(*arrays) -> float64 ndarray``.

    ``expr`` is a SymPy expression (or text, which is parsed first with
    :func:`parse_expression`).  Arguments are converted to float64 arrays and broadcast;
    the result always has the broadcast shape.  Points where the value is complex,
    infinite or undefined come back as NaN (or ±inf) — no warnings, no exceptions.
    Compilation (``lambdify`` of the validated tree, NumPy module) is cached.
    """
    import numpy as np

    variables = _normalise_variables(variables)
    if isinstance(expr, str):
        expr = parse_expression(expr, variables)
    fn = _compiled(expr, variables)

    def evaluate(*args):
        if len(args) != len(variables):
            raise InputError(f"값이 {len(variables)}개 필요한데 {len(args)}개가 주어졌습니다.")
        arrays = [np.asarray(a, dtype=float) for a in args]
        shape = np.broadcast_shapes(*[a.shape for a in arrays]) if arrays else ()
        with np.errstate(all="ignore"):
            try:
                out = np.asarray(fn(*arrays))
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                return np.full(shape, np.nan)
            if np.iscomplexobj(out):
                real = out.real.copy()
                real[np.abs(out.imag) > 1e-12 * np.maximum(1.0, np.abs(out.real))] = np.nan
                out = real
            if out.shape == shape and out.dtype == np.float64:
                return out.copy() if any(out is a or out.base is a for a in arrays) else out
            out = np.broadcast_to(out.astype(float, copy=False), shape)
        return np.array(out, dtype=float)

    return evaluate


def evaluate_numeric(expr, values: dict, variables: Iterable[str] | str | None = None):
    """Evaluate ``expr`` at ``values`` (``{"x": array_or_float, ...}``) → float64 ndarray.

    ``variables`` defaults to the keys of ``values`` in order.
    """
    names = tuple(values) if variables is None else _normalise_variables(variables)
    return numeric_function(expr, names)(*[values[n] for n in names])


def parse_function(text: str, variables: Iterable[str] | str = ("x",)) -> Callable:
    """Parse ``text`` and return its compiled numeric function (see :func:`numeric_function`)."""
    return numeric_function(parse_expression(text, variables), variables)


__all__ = [
    "parse_vector", "parse_matrix", "parse_expression", "parse_number", "parse_int",
    "numeric_function", "evaluate_numeric", "parse_function", "symbol", "symbol_in",
    "FUNCTIONS", "CONSTANTS", "MAX_EXPRESSION_LENGTH",
]
