"""The characters a notebook line may hold, and how pasted math is read back as ASCII.

A result the notebook prints can be copied into a new line and read again: ``x⁴ − 2x``,
``e⁻ˣ``, ``√(x + 1)``, ``2·α``, ``x₁``, ``Aᵀ`` and ``∞`` become ``x^(4) - 2x``, ``e^(-x)``,
``sqrt(x + 1)``, ``2*alpha``, ``x1``, ``A'`` and ``inf``.  Greek letters are read by the names of
the one glyph table (:mod:`mathcore.glyphs`; ``λ`` is ``lam``, as ``lambda`` is a keyword).
Everything else outside the allowlist is refused with a Korean message that names the character
(full-width digits, Hangul, line breaks and invisible control characters each get their own).
"""
from __future__ import annotations

import re
import unicodedata

from mathcore import InputError
from mathcore.korean import with_particle
from mathcore.glyphs import GREEK, MINUS, SUBSCRIPT, SUPERSCRIPT

MAX_LINE_LENGTH = 1000

_UNICODE_MAP = {
    MINUS: "-", "\u2013": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u00f7": "/",
    "\u00a0": " ", "\u3000": " ", "\u2019": "'", "\u1d40": "'",  # ’ and ᵀ read as transpose
    "\u221e": "inf",
}
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")  # zero-width characters a paste may carry
_ALLOWED = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t+-*/^().,=[];@'"
)
_CHAR_MESSAGES = {
    "_": "밑줄(_)은 이름에 쓸 수 없습니다. 글자와 숫자만 쓰세요(예: W1).",
    '"': "따옴표(\")는 쓸 수 없습니다. 계산 노트는 문자열을 다루지 않습니다.",
    "!": "계승(!)은 지원하지 않습니다.",
    "{": "중괄호({ })는 쓸 수 없습니다. 소괄호 ( )나 대괄호 [ ]를 쓰세요.",
    "}": "중괄호({ })는 쓸 수 없습니다. 소괄호 ( )나 대괄호 [ ]를 쓰세요.",
    "%": "나머지 연산(%)은 지원하지 않습니다.",
    "\\": "역슬래시(\\)는 쓸 수 없습니다. LaTeX가 아니라 sqrt(x), x^2 같은 형식으로 입력하세요.",
    "#": "주석(#)은 쓸 수 없습니다.",
    ":": "콜론(:)은 쓸 수 없습니다.",
    "<": "비교 연산(<, >)은 지원하지 않습니다.",
    ">": "비교 연산(<, >)은 지원하지 않습니다.",
    "&": "논리 연산(&, |)은 지원하지 않습니다.",
    "|": "절댓값은 abs(x), 노름은 norm(x)로 쓰세요.",
    "$": "달러 기호($)는 쓸 수 없습니다.",
    "`": "백틱(`)은 쓸 수 없습니다.",
    "\n": "한 줄에는 식이나 명령을 하나만 씁니다(줄바꿈이 들어 있습니다). 여러 줄은 한 줄씩 입력하세요.",
    "\r": "한 줄에는 식이나 명령을 하나만 씁니다(줄바꿈이 들어 있습니다). 여러 줄은 한 줄씩 입력하세요.",
}

# Greek glyph → the name a line uses (the first name of the table wins: ε is epsilon, φ is phi).
_GREEK_NAMES: dict[str, str] = {}
for _name, _glyph in GREEK.items():
    _GREEK_NAMES.setdefault(_glyph, _name)
_GREEK_NAMES["λ"] = "lam"
_SUPER_ASCII = {glyph: ch for ch, glyph in SUPERSCRIPT.items() if ch.isascii() and glyph != ch}
_SUPER_ASCII.pop("ᵀ", None)  # Aᵀ is the transpose, not A to the power T
_SUPER_ASCII["⁻"] = "-"
_SUB_ASCII = {glyph: ch for ch, glyph in SUBSCRIPT.items() if ch.isascii() and ch.isalnum()}
_RUN = re.compile("[" + re.escape("".join(_SUPER_ASCII)) + "]+|[" + re.escape("".join(_SUB_ASCII)) + "]+")
_ROOT = re.compile(r"√\s*([A-Za-z0-9.]+|[" + re.escape("".join(_GREEK_NAMES)) + "])")


def _runs(text: str) -> str:
    """Superscript runs as powers (``x⁻¹`` → ``x^(-1)``), subscript runs as name digits (``x₁`` → ``x1``)."""
    def one(m: re.Match) -> str:
        run = m.group(0)
        if run[0] in _SUB_ASCII:
            return "".join(_SUB_ASCII[c] for c in run)
        plain = "".join(_SUPER_ASCII[c] for c in run)
        plain = re.sub(r"(?<=[A-Za-z])(?=[A-Za-z])", "*", plain)  # ˣʸ: the printer's product xy
        return "^" + plain if plain.isdigit() or len(plain) == 1 else f"^({plain})"

    return _RUN.sub(one, text)


def _greek(text: str) -> str:
    """Greek glyphs as names, with a ``*`` where a name would otherwise run into a letter."""
    out: list[str] = []
    for i, ch in enumerate(text):
        name = _GREEK_NAMES.get(ch)
        if name is None:
            out.append(ch)
            continue
        if out and (out[-1][-1:].isascii() and out[-1][-1:].isalpha()):
            out.append("*")
        out.append(name)
        nxt = text[i + 1:i + 2]
        if nxt and ((nxt.isascii() and nxt.isalpha()) or nxt in _GREEK_NAMES):
            out.append("*")
    return "".join(out)


def bad_character(ch: str) -> InputError:
    """The Korean reason ``ch`` cannot be in a line."""
    if ch in _CHAR_MESSAGES:
        return InputError(_CHAR_MESSAGES[ch])
    code = f"U+{ord(ch):04X}"
    if unicodedata.category(ch).startswith("C"):
        return InputError(f"보이지 않는 제어 문자({code})가 들어 있습니다. 지우고 다시 입력하세요.")
    if "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" or "\u1100" <= ch <= "\u11ff":
        return InputError(f"한글 {with_particle(repr(ch), '은/는')} 식에 쓸 수 없습니다. 이름은 영문자와 숫자로 지으세요(예: 가격 → price).")
    if unicodedata.category(ch) == "Nd" or "\uff01" <= ch <= "\uff5e":
        return InputError(f"'{ch}'는 전각 문자나 다른 문자권의 글자입니다. 영문 자판(반각)으로 입력하세요.")
    if ch == "√":
        return InputError("제곱근은 sqrt(x)처럼 쓰세요.")
    return InputError(f"쓸 수 없는 문자 '{ch}'({code})가 있습니다.")


def normalise(text: str) -> str:
    """Map pasted math symbols to ASCII and refuse anything outside the allowlist."""
    if not isinstance(text, str):
        raise InputError("입력은 글자여야 합니다.")
    if len(text) > MAX_LINE_LENGTH:
        raise InputError(f"한 줄이 너무 깁니다({len(text)}자). {MAX_LINE_LENGTH}자 이하로 나눠 쓰세요.")
    if not text.isascii():
        text = "".join(_UNICODE_MAP.get(ch, ch) for ch in text if ch not in _INVISIBLE)
        text = _ROOT.sub(lambda m: f"sqrt({m.group(1)})", text.replace("√(", "sqrt("))
        text = _greek(_runs(text))
    for c in text:
        if c not in _ALLOWED:
            raise bad_character(c)
    return text.replace("**", "^").strip()
