"""content.latex: nesting limits, minus signs, operator arguments and subscript fallbacks."""

import pytest

from content.latex import FormulaError, to_unicode


@pytest.mark.parametrize("tex", ["{" * 3000, r"\frac{1}{" * 600, r"\sqrt{" * 3000,
                                 "x" + "^{" * 2000, r"\left(" * 3000, "{" * 3000 + "}" * 3000])
def test_deep_nesting_is_a_korean_formula_error(tex):
    with pytest.raises(FormulaError) as err:
        to_unicode(tex, display=True)
    assert "너무 깊게 중첩" in err.value.message


def test_reasonable_nesting_still_converts():
    assert to_unicode("{" * 40 + "x" + "}" * 40) == "x"
    assert to_unicode(r"\frac{1}{" * 20 + "x" + "}" * 20).count("/") == 20


def test_minus_sign_is_typographic_but_text_keeps_its_hyphen():
    assert to_unicode("a - b") == "a − b"
    assert to_unicode("-1") == "−1"
    assert to_unicode(r"\text{one-hot}") == "one-hot"
    assert to_unicode("x^{-1}") == "x⁻¹"
    assert "-" not in to_unicode(r"\begin{bmatrix} -1 & 2 \end{bmatrix}", display=True)


@pytest.mark.parametrize("tex,expected", [
    (r"\log \frac{p(x)}{q(x)}", "log(p(x)/q(x))"),
    (r"0.5 \log \frac{0.5}{0.25}", "0.5 log(0.5/0.25)"),
    (r"\exp \frac{a}{b}", "exp(a/b)"),
    (r"\log_2 \frac{1}{p}", "log₂ (1/p)"),
    (r"\sum_x \frac{a}{b}", "∑ₓ a/b"),
    (r"\lim_{h \to 0} \frac{f(h)}{h}", "lim_(h→0) f(h)/h"),
])
def test_fraction_as_operator_argument_is_parenthesised(tex, expected):
    assert to_unicode(tex) == expected


@pytest.mark.parametrize("tex,expected", [
    ("Y_{i,j}", "Yᵢ,ⱼ"), ("W_x", "Wₓ"), ("W_h", "Wₕ"), ("W_o", "Wₒ"),
    ("K_W", "K_W"), ("P_{data}", "P_(data)"), ("K_{o,c}", "K_(o,c)"),
])
def test_subscripts_unicode_where_possible_one_fallback_otherwise(tex, expected):
    assert to_unicode(tex) == expected
