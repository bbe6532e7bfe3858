"""SymPy expressions as the lessons write them: ``x² + 2x + 3``, ``√π·erf(1)``.

SymPy's LaTeX printer feeds the lessons' own LaTeX → Unicode converter
(``content.latex``), so a panel's result and the lesson beside it use one notation.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A blank between two factors of a product (not next to an operator) becomes a centred dot.
_PRODUCT_GAP = re.compile(r"(?<=[\w)²³¹⁰⁴-⁹πⁿ|])\s(?=[A-Za-zα-ωΑ-Ω√(|])")


@lru_cache(maxsize=512)
def _convert(expr) -> str:
    import sympy

    from content.latex import to_unicode

    text = to_unicode(sympy.latex(expr))
    text = _PRODUCT_GAP.sub("·", text).replace(" - ", " − ").replace("(-", "(−")
    return "−" + text[1:] if text.startswith("-") else text


def expr_text(expr) -> str:
    """``expr`` (a SymPy expression) in the lessons' Unicode math; SymPy's plain text if that fails."""
    try:
        return _convert(expr)
    except Exception:  # noqa: BLE001 - a printer hiccup must never cost the result
        import sympy

        return sympy.sstr(expr).replace("**", "^")
