"""No silent change of meaning: what could be read two ways is refused with a Korean message;
every bound of the parser holds before SymPy sees the input."""
import math
import time

import numpy as np
import pytest

from mathcore import InputError
from mathcore.parse import (numeric_function, parse_expression, parse_int, parse_matrix, parse_number,
                            parse_vector)


def _korean(err) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in str(err))


@pytest.mark.parametrize("text", ["1e", "8e", "1E", "2.5e", "1e+", "8e-", "3e + 1", "2e-x", "(1e)", "1e, 2"])
def test_unfinished_exponent_is_refused(text):
    with pytest.raises(InputError, match="지수 표기") as info:
        parse_number(text) if "x" not in text else parse_expression(text)
    assert _korean(info.value)


@pytest.mark.parametrize("text, value", [("1e3", 1e3), ("8e-2", 0.08), ("2e^2", 2 * math.e ** 2), ("2*e", 2 * math.e),
                                         ("e", math.e), ("2 e", 2 * math.e), ("1.5E+2", 150.0)])
def test_real_exponents_and_the_constant_e_still_work(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize("text", ["１２", "٣", "۴", "१२", "1２", "x + ３", "߁"])
def test_non_ascii_digits_are_refused_everywhere(text):
    for parse in (parse_number, parse_vector, parse_matrix, lambda t: parse_expression(t)):
        with pytest.raises(InputError, match="0~9|숫자") as info:
            parse(text)
        assert _korean(info.value)
    if "x" not in text:
        with pytest.raises(InputError):
            parse_int(text)


def test_choice_numbers_are_ascii_only():
    from content.grading import choice_index

    assert choice_index("2", 4) == 1
    assert choice_index("２", 4) is None
    assert choice_index("٢", 4) is None


@pytest.mark.parametrize("text", ["1,000, 2,000", "1,000", "1,000,000", "[1,000, 5]", "3, 1,500", "2,050, 7"])
def test_thousands_separators_are_ambiguous(text):
    with pytest.raises(InputError, match="천 단위"):
        parse_vector(text)
    with pytest.raises(InputError, match="천 단위"):
        parse_matrix(text)


@pytest.mark.parametrize("text, values", [("1,100,2", [1, 100, 2]), ("1, 100, 2", [1, 100, 2]), ("1.5,250", [1.5, 250]),
                                          ("1000, 2000", [1000, 2000]), ("10,20,30", [10, 20, 30]),
                                          ("log(8, 2), 1", [3, 1])])
def test_plain_comma_lists_still_work(text, values):
    np.testing.assert_allclose(parse_vector(text), values)


@pytest.mark.parametrize("text", ["log(2, 0)", "log(2, 1)", "log(2, -3)", "log(x, 0)", "log(x, 1)", "log(8, sqrt(-1))"])
def test_logarithm_base_must_be_positive_and_not_one(text):
    with pytest.raises(InputError, match="밑"):
        parse_expression(text)


def test_logarithm_with_a_good_base():
    assert parse_number("log(8, 2)") == pytest.approx(3.0)
    assert parse_number("log(0.25, 0.5)") == pytest.approx(2.0)


@pytest.mark.parametrize("name", ["sign", "E", "I", "oo", "nan", "inf", "Abs", "Max", "sin", "pi", "e", "re", "im",
                                  "Heaviside", "lambda", "numpy", "np", "Integer", "Float"])
def test_library_names_cannot_be_variables(name):
    with pytest.raises(InputError, match="변수 이름|쓸 수 없습니다"):
        parse_expression("x", (name,))


def test_derivative_is_never_silently_nan():
    from mathcore import calculus

    for var in ("s", "t", "u", "v"):
        d = calculus.derivative(f"abs({var}) + max(0, {var})", var)
        out = numeric_function(d, (var,))(np.array([-2.0, 3.0]))
        np.testing.assert_allclose(out, [-1.0, 2.0])


@pytest.mark.parametrize("text, variables, fragment", [
    ("2xh", ("x",), "x·h"), ("xh + 1", ("x",), "'h'"), ("ab", ("a",), "a·b"), ("xyz", ("x", "y"), "'z'"),
])
def test_unknown_product_of_letters_says_what_it_probably_means(text, variables, fragment):
    with pytest.raises(InputError, match="곱") as info:
        parse_expression(text, variables)
    assert fragment in str(info.value)


def test_known_products_still_split():
    assert parse_expression("2xh", ("x", "h")) == parse_expression("2*x*h", ("x", "h"))


# --------------------------------------------------------------------------- bounds before SymPy

@pytest.mark.parametrize("text", [
    "sin(cosh(cosh(cosh(cosh(2)))))", "sin(cosh(1e6))", "cos(sinh(5e5))", "x*exp(-cosh(1e4))",
    "tan(1e300)", "sin(10^20)", "exp(2400)", "exp(-2400)", "cosh(2400)", "sinh(-2400)", "x*exp(-1e4)",
    "10^1001", "10^-1001", "(1/10)^1001", "2^(2^(2^2))", "exp(exp(exp(exp(2))))", "sin(cosh(cosh(x+cosh(cosh(9)))))",
    "x + cosh(cosh(cosh(3)))", "sqrt(cosh(3000))", "log(exp(5000))", "tan(exp(2000))",
])
def test_huge_or_tiny_constants_are_refused_fast(text):
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        parse_expression(text)
    assert time.perf_counter() - start < 0.5, text
    assert _korean(info.value)


@pytest.mark.parametrize("text", ["(10^999+7)^(1/999)", "sqrt(10^999+7)*x", "x^(1/3)*(10^999+1)^(1/7)",
                                  "log(10^999 + 7, 3)", "asin(1/(10^999+7))", "atan(10^999+7) x"])
def test_big_exact_constants_do_not_make_sympy_slow(text):
    start = time.perf_counter()
    expr = parse_expression(text)
    assert time.perf_counter() - start < 0.5, text
    out = numeric_function(expr)(np.array([0.5, 2.0]))
    assert out.shape == (2,) and out.dtype == np.float64  # 10^499.5 overflows to inf, no exception


def test_printing_and_compiling_stay_fast():
    import sympy

    for text in ["x*exp(-2000)", "x*exp(-cosh(7))", "sqrt(10^999+7)*x"]:
        expr = parse_expression(text)
        start = time.perf_counter()
        str(expr), sympy.srepr(expr)
        numeric_function(expr)(np.linspace(-1, 1, 5))
        assert time.perf_counter() - start < 0.5, text


def test_cancellation_to_zero_is_exact():
    assert parse_number("sin(pi)") == 0.0
    assert parse_number("sqrt(2)^2 - 2") == 0.0
    assert parse_number("cos(pi/2)") == 0.0
    assert parse_number("sin(1e-40)") == pytest.approx(1e-40, rel=1e-12)  # small, not cancelled
    with pytest.raises(InputError, match="0으로"):
        parse_number("1/(sqrt(2)^2 - 2)")
