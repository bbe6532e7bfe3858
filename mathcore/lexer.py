"""First gates of the parser: a character allowlist and a tokenizer (see :mod:`mathcore.parse`).

Every rejection is an :class:`mathcore.InputError` with a Korean message.  Digits are ASCII
only (a full-width ``１`` or an Arabic-Indic ``٣`` is refused, never read as a number), a
number written ``1e`` (an unfinished exponent) is refused rather than read as 1·e, and an
unknown run of letters that could be a product (``xh``) says so.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from mathcore import InputError
from mathcore.functions import CONSTANTS, FUNCTIONS
from mathcore.korean import with_particle

MAX_EXPRESSION_LENGTH = 200
MAX_NUMBER_LENGTH = 40
MAX_EXPONENT_DIGITS = 3

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

ALLOWED_EXPR = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\r\n+-*/^().,")
ALLOWED_ARRAY = ALLOWED_EXPR | frozenset("[];")

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


def _bad_character(ch: str, pos: int) -> InputError:
    if ch in _CHAR_MESSAGES:
        return InputError(_CHAR_MESSAGES[ch])
    if ord(ch) > 127 and unicodedata.category(ch) == "Nd":
        return InputError(
            f"{pos}번째 글자 '{ch}'는 영문 자판의 숫자가 아닙니다 (전각 숫자나 다른 문자권의 숫자). "
            "숫자는 0~9로 입력하세요.")
    if ord(ch) > 127:
        return InputError(f"허용되지 않는 문자 '{ch}' (U+{ord(ch):04X})가 {pos}번째 글자에 있습니다. "
                          "영문 자판의 문자로 입력하세요.")
    return InputError(f"허용되지 않는 문자 '{ch}'가 {pos}번째 글자에 있습니다.")


def normalise(text: str, cap: int, allowed: frozenset = ALLOWED_EXPR) -> str:
    """``text`` with pasted math symbols rewritten to ASCII; InputError if too long, empty or
    holding a character outside ``allowed``."""
    if not isinstance(text, str):
        raise InputError("입력은 문자열이어야 합니다.")
    if len(text) > cap:
        raise InputError(f"입력이 너무 깁니다 ({len(text)}자). {cap}자 이하로 입력하세요.")
    if any(ch in _UNICODE_MAP for ch in text):
        text = "".join(_UNICODE_MAP.get(ch, ch) for ch in text)
    for pos, ch in enumerate(text, start=1):
        if ch not in allowed:
            raise _bad_character(ch, pos)
    if not text.strip():
        raise InputError("입력이 비어 있습니다.")
    return text


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z][A-Za-z0-9]*)
  | (?P<op>\*\*|[-+*/^(),])
  | (?P<bad>.)
    """,
    re.VERBOSE,
)
# After a number: an "e" that does not start a complete exponent (``1e``, ``8e+``, ``2e-x``).
_LOOSE_E = re.compile(r"[eE](?:$|[ \t\r\n),/+\-\];])")


class Tok:
    __slots__ = ("kind", "text", "pos")

    def __init__(self, kind: str, text: str, pos: int):
        self.kind = kind
        self.text = text
        self.pos = pos


def split_name(name: str, atoms: Sequence[str]) -> list[str] | None:
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


def _number_token(tok: str, pos: int, rest: str) -> Tok:
    mantissa, _, exponent = tok.lower().partition("e")
    if len(mantissa) > MAX_NUMBER_LENGTH:
        raise InputError(f"숫자가 너무 깁니다 ({len(mantissa)}자리). {MAX_NUMBER_LENGTH}자리 이하로 입력하세요.")
    if exponent and len(exponent.lstrip("+-")) > MAX_EXPONENT_DIGITS:
        raise InputError(f"숫자 '{tok}'의 지수가 너무 큽니다.")
    if not exponent and _LOOSE_E.match(rest):
        raise InputError(
            f"'{tok}{rest[:2].rstrip()}' ({pos}번째 글자): 지수 표기가 끝나지 않았습니다. 1e3처럼 e 뒤에 "
            f"지수를 쓰거나, 상수 e를 곱하려면 {tok}*e처럼 곱셈 기호를 쓰세요.")
    if mantissa.startswith("."):
        mantissa = "0" + mantissa
    if mantissa.endswith("."):
        mantissa += "0"
    return Tok("num", mantissa + ("e" + exponent if exponent else ""), pos)


def tokenize(text: str, variables: tuple[str, ...]) -> list[Tok]:
    """Tokens of a normalised text: numbers, names (variables, constants), functions, operators."""
    atoms = sorted(set(variables) | set(CONSTANTS), key=len, reverse=True)
    tokens: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind, tok, pos = m.lastgroup, m.group(), m.start() + 1
        if kind == "ws":
            continue
        if kind == "bad":
            if tok == ".":
                raise InputError(f"점(.)은 소수점으로만 쓸 수 있습니다 ({pos}번째 글자).")
            raise _bad_character(tok, pos)
        if kind == "num":
            tokens.append(_number_token(tok, pos, text[m.end():m.end() + 3]))
        elif kind == "name":
            tokens.extend(_name_tokens(tok, pos, variables, atoms))
        else:
            tokens.append(Tok("op", "^" if tok == "**" else tok, pos))
    if not tokens:
        raise InputError("입력이 비어 있습니다.")
    return tokens


def _name_tokens(tok: str, pos: int, variables: tuple[str, ...], atoms: list[str]) -> list[Tok]:
    if tok in variables or tok in CONSTANTS:
        return [Tok("name", tok, pos)]
    if tok in FUNCTIONS:
        return [Tok("func", tok, pos)]
    parts = split_name(tok, atoms) if tok.isalpha() else None
    if parts is not None:
        return [Tok("name", part, pos) for part in parts]
    raise InputError(unknown_name_message(tok, variables))


def _product_reading(name: str, variables: Sequence[str]) -> str | None:
    """``xh`` → "x·h" when every letter is a single-letter name (known or not) and at least one
    of them is a variable or constant: the learner probably meant a product."""
    if not name.isalpha() or len(name) < 2 or len(name) > 6:
        return None
    known = set(variables) | set(CONSTANTS)
    if not any(ch in known for ch in name):
        return None
    return "·".join(name)


def unknown_name_message(name: str, variables: Sequence[str]) -> str:
    allowed_vars = ", ".join(variables) if variables else "없음"
    for fn in sorted(FUNCTIONS, key=len, reverse=True):
        if name.startswith(fn) and len(name) > len(fn):
            return (f"알 수 없는 기호 '{name}'입니다. 함수는 {fn}(x)처럼 괄호와 함께 쓰세요. "
                    f"쓸 수 있는 변수: {allowed_vars}")
    product = _product_reading(name, variables)
    if product is not None:
        unknown = sorted({ch for ch in name if ch not in variables and ch not in CONSTANTS})
        missing = ", ".join(f"'{ch}'" for ch in unknown)
        return (f"알 수 없는 기호 '{name}'입니다. 곱 {product}를 뜻했다면 {with_particle(missing, '은/는')} 이 문제에서 "
                f"쓸 수 있는 변수가 아닙니다. 쓸 수 있는 변수: {allowed_vars}")
    return (f"알 수 없는 기호 '{name}'입니다. 쓸 수 있는 변수: {allowed_vars}; "
            f"상수: {', '.join(CONSTANTS)}; 함수: {', '.join(FUNCTIONS)}")
