"""Tokens of the LaTeX subset: commands, escapes, spaces and single characters."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\\([A-Za-z]+\*?)|\\(.)|(\s+)|(.)", re.S)


@dataclass(slots=True, eq=False)
class _Tok:
    """kind: "cmd" | "esc" | "space" | "char"."""

    kind: str
    value: str


def _tokenize(tex: str) -> list[_Tok]:
    kinds = (None, "cmd", "esc", "space", "char")
    return [_Tok(kinds[m.lastindex], " " if m.lastindex == 3 else m.group(m.lastindex))
            for m in _TOKEN_RE.finditer(tex)]
