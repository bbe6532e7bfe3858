"""Korean particles after words the notebook does not know in advance (names, kinds of value).

``with_particle("행렬", "이/가")`` is ``행렬이``, ``with_particle("벡터", "이/가")`` is ``벡터가``.
A Hangul word is read by its last syllable's final consonant; a name in Latin letters or
digits by how Koreans read it aloud (``A`` 에이, ``x`` 엑스, ``m`` 엠, ``1`` 일, ``3`` 삼), so
``'A'는`` and ``'n'은``; a quoted name keeps its quote before the particle.
"""
from __future__ import annotations

#: Pairs as written: the form after a final consonant, then the form after a vowel.
PAIRS = {"이/가": ("이", "가"), "은/는": ("은", "는"), "을/를": ("을", "를"), "과/와": ("과", "와"),
         "으로/로": ("으로", "로"), "이라는/라는": ("이라는", "라는"), "이에요/예요": ("이에요", "예요")}
# Final sound of a Latin letter or digit read aloud: None (vowel), "l" (ㄹ) or "c" (another consonant).
_LATIN = {"l": "l", "r": "l", "m": "c", "n": "c"}
_DIGITS = {"0": "c", "1": "l", "3": "c", "6": "c", "7": "l", "8": "l"}


def _final(word: str) -> str | None:
    """The last sound of ``word``: None for a vowel, "l" for ㄹ, "c" for another consonant."""
    for ch in reversed(word):
        if "\uac00" <= ch <= "\ud7a3":
            jong = (ord(ch) - 0xAC00) % 28
            return None if jong == 0 else ("l" if jong == 8 else "c")
        if ch.isascii() and ch.isalpha():
            return _LATIN.get(ch.lower())
        if ch.isascii() and ch.isdigit():
            return _DIGITS.get(ch)
        if ch.isalnum():  # a Greek letter or other symbol: read by its name, ends in a vowel mostly
            return None
    return None


def with_particle(word: str, pair: str) -> str:
    """``word`` followed by the form of ``pair`` (e.g. ``"이/가"``) its last sound takes."""
    after_consonant, after_vowel = PAIRS[pair]
    final = _final(word)
    if pair == "으로/로":
        return word + ("으로" if final == "c" else "로")
    return word + (after_consonant if final is not None else after_vowel)
