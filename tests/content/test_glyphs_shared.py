"""The printer of SymPy results (mathcore.pretty) and the lessons' LaTeX converter (content.latex)
write formulas with one set of glyphs (mathcore.glyphs): a result in the notebook looks like the
same formula in the lesson."""

import pytest
import sympy as sp

from content.latex import to_unicode
from mathcore import glyphs
from mathcore.pretty import format_expr

x, y = sp.symbols("x y")


@pytest.mark.parametrize("n", range(2, 10))
def test_powers_look_alike(n):
    assert format_expr(x**n) == to_unicode(f"x^{n}") == "x" + glyphs.SUPERSCRIPT[str(n)]


def test_negative_exponent_and_minus_sign_look_alike():
    assert format_expr(sp.exp(-x)) == to_unicode("e^{-x}") == "e⁻ˣ"
    assert format_expr(x - y) == to_unicode("x - y") == f"x {glyphs.MINUS} y"


@pytest.mark.parametrize("name", ["alpha", "beta", "theta", "lambda", "mu", "sigma", "eta", "omega"])
def test_greek_letters_look_alike(name):
    assert format_expr(sp.Symbol(name)) == to_unicode("\\" + name) == glyphs.GREEK[name]


def test_matrices_use_the_same_bracket_pieces():
    ours = format_expr(sp.Matrix([[1, 2], [3, 4]]))
    assert ours == to_unicode(r"\begin{bmatrix}1&2\\3&4\end{bmatrix}", display=True) == "⎡ 1  2 ⎤\n⎣ 3  4 ⎦"
