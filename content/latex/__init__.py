"""Convert the lessons' LaTeX subset into readable Unicode text for the terminal.

``to_unicode(r"\\sum_{i=1}^{n} x_i^2")`` gives ``"∑ᵢ₌₁ⁿ xᵢ²"``. Fractions become ``a/b`` with
parentheses only where they are needed, roots ``√x`` / ``√(x+1)``, transposes ``Xᵀ``; matrices and
``cases`` (display formulas only) become several lines with aligned columns and tall brackets.

The converter is a small tokenizer + recursive-descent parser + renderer. Every command it does
not know raises :class:`FormulaError`, so no backslash or LaTeX brace ever reaches the screen.
(``flatlatex`` was the starting point, but it groups ``\\sum_{i=1}^{n}`` as ``(∑ᵢ₌₁)ⁿ``, passes
unknown commands through silently, and its import pulls in ``regex`` (~80 ms); this module needs
neither.)
"""

from __future__ import annotations

import unicodedata

from content.latex.boxes import _Box
from content.latex.parser import _Parser
from content.latex.renderer import _Renderer
from content.latex.symbols import FormulaError, cell_width

__all__ = ["FormulaError", "to_unicode", "cell_width"]



def to_unicode(tex: str, display: bool = False) -> str:
    """Convert one formula (without the ``$`` delimiters) to Unicode text.

    Inline formulas give one line; display formulas may give several (matrices, cases), joined
    with ``\\n`` and right-stripped. Raises :class:`FormulaError` for anything outside the subset.
    """
    try:
        parser = _Parser(tex, display)
        nodes = parser.parse()
        out = _Renderer(parser).render(nodes)
    except RecursionError:  # a backstop: the parser's own depth limit should come first
        raise FormulaError("수식이 너무 복잡하게 중첩되어 있습니다", tex[:80]) from None
    if isinstance(out, _Box):
        lines = [line.rstrip() for line in out.lines]
    else:
        lines = [out]
    text = "\n".join(unicodedata.normalize("NFC", line) for line in lines).strip("\n")
    if "\\" in text:
        raise FormulaError("변환한 뒤에도 백슬래시(\\)가 남았습니다", tex)
    return text.strip() if "\n" not in text else text
