"""Numbers a learner types: :func:`parse_number`, :func:`parse_int`, and :func:`parse_tree`
(the validated, folded tree every parse starts from).  SymPy is not involved here."""
from __future__ import annotations

import math
import re

from mathcore import InputError
from mathcore.budget import Budget
from mathcore.fold import fold
from mathcore.lexer import MAX_EXPRESSION_LENGTH, MAX_NUMBER_LENGTH, normalise, tokenize
from mathcore.syntax import Parser

__all__ = ["parse_tree", "parse_number", "parse_int"]


def parse_tree(text: str, variables: tuple[str, ...], budget: Budget | None = None, record=None):
    """(validated tree, its constant value as an mpmath number or None).  See :mod:`mathcore.fold`."""
    clean = normalise(text, MAX_EXPRESSION_LENGTH)
    tokens = tokenize(clean, variables)
    if budget is not None:
        budget.charge(len(tokens))
    tree = Parser(tokens).parse()
    value, _ = fold(tree, variables, budget, record)
    return tree, value


_PLAIN_NUMBER = re.compile(r"[ \t\r\n]*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?[ \t\r\n]*\Z")


def parse_number(text: str, budget: Budget | None = None) -> float:
    """Parse a real number: ``0.5``, ``-3``, ``1/3``, ``sqrt(2)``, ``2pi``, ``e^2``, ``1e-3``.

    Plain decimal literals are read directly; anything else goes through the parser's gates
    and is the folded constant (mpmath, 100 bits) rounded to float64 — SymPy is not involved.
    Non-real, infinite or too-large values raise InputError.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    elif isinstance(text, str) and len(text) <= MAX_EXPRESSION_LENGTH and _PLAIN_NUMBER.match(text):
        mantissa = text.strip().lstrip("+-").lower().partition("e")[0]
        if len(mantissa) > MAX_NUMBER_LENGTH:
            raise InputError(f"숫자가 너무 깁니다 ({len(mantissa)}자리). {MAX_NUMBER_LENGTH}자리 이하로 입력하세요.")
        value = float(text)
    else:
        value = _folded_number(text, budget)
    if not math.isfinite(value):
        raise InputError("값이 너무 크거나 정의되지 않습니다 (유한한 실수를 입력하세요).")
    return value


def _folded_number(text, budget: Budget | None) -> float:
    import mpmath

    _, v = parse_tree(text, (), budget or Budget())
    re_part, im_part = mpmath.re(v), mpmath.im(v)
    if im_part != 0 and abs(im_part) > 1e-12 * max(1, abs(v)):
        raise InputError("실수가 아닌 값입니다 (예: 음수의 제곱근).")
    try:
        return float(re_part)
    except OverflowError:
        return math.inf


_INT_RE = re.compile(r"[ \t\r\n]*[+-]?[0-9]{1,15}[ \t\r\n]*\Z")


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
            normalise(text.strip()[:MAX_EXPRESSION_LENGTH] or " ", MAX_EXPRESSION_LENGTH)  # names a foreign digit
            raise InputError(f"'{text.strip()[:20]}'은 정수가 아닙니다. 42처럼 입력하세요.")
        n = int(text)
    if (low is not None and n < low) or (high is not None and n > high):
        if low is not None and high is not None:
            raise InputError(f"{low} 이상 {high} 이하의 정수를 입력하세요 (입력: {n}).")
        if low is not None:
            raise InputError(f"{low} 이상의 정수를 입력하세요 (입력: {n}).")
        raise InputError(f"{high} 이하의 정수를 입력하세요 (입력: {n}).")
    return n
