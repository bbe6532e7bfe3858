"""Glossary search: a query finds a term by its Korean or English name, its definition, or one
of its ``aliases`` (variant spellings and synonyms listed in ``content/glossary.toml``), ignoring
case and spaces, so '손실 함수' finds 손실함수 and '그레디언트' finds 그래디언트.

Spellings that content/STYLE.md bans in the content itself (so they cannot be listed as aliases in
the glossary file) are mapped to the house spelling here, before matching.
"""

from __future__ import annotations

import re

__all__ = ["normalize", "term_matches", "VARIANT_SPELLINGS"]

# (variant, house spelling), both without spaces: applied to the query and to every searched text.
VARIANT_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("그레디언트", "그래디언트"),
    ("그라디언트", "그래디언트"),
    ("활성화함수", "활성함수"),
    ("제1종", "1종"),
    ("제2종", "2종"),
)
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lower case, no whitespace, variant spellings replaced by the house spelling."""
    text = _SPACES.sub("", text or "").lower()
    for variant, house in VARIANT_SPELLINGS:
        text = text.replace(variant, house)
    return text


def term_matches(term, query: str) -> bool:
    """Whether ``query`` occurs in the term's Korean, English, definition or aliases text
    (case, spaces and variant spellings ignored); an empty query matches every term."""
    wanted = normalize(query)
    if not wanted:
        return True
    fields = (term.ko, term.en, term.definition, *getattr(term, "aliases", ()))
    return any(wanted in normalize(value) for value in fields)
