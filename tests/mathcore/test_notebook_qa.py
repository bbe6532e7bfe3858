"""Notebook lines a learner types or pastes that used to go wrong: Greek names printed as
letters, results copied back into a line, e^x, Korean particles in messages, integrals with
infinite or very wide intervals, pasted blocks, and lines that cannot be saved."""
from __future__ import annotations

import logging
import math
import re

import numpy as np
import pytest
import sympy
from scipy import special

from mathcore.glyphs import GREEK
from mathcore.notebook import Notebook, pasted_lines
from mathcore.korean import with_particle
from mathcore.pretty import format_expr

HANGUL = re.compile("[가-힣]")


def ok(nb: Notebook, line: str):
    out = nb.run(line)
    assert not out.error, f"{line!r}: {out.text}"
    return out


def refused(nb: Notebook, line: str) -> str:
    out = nb.run(line)
    assert out.error, f"{line!r} was accepted: {out.text}"
    assert HANGUL.search(out.text), out.text
    return out.text


@pytest.mark.parametrize("name", sorted(set(GREEK) - {"pi", "lambda"}))
def test_every_greek_name_prints_as_its_letter(name):
    nb = Notebook()
    ok(nb, f"var {name}")
    assert ok(nb, name).text == GREEK[name]
    assert format_expr(sympy.Symbol(name)) == GREEK[name]


def test_greek_names_and_glyphs_read_and_print_alike():
    nb = Notebook()
    assert ok(nb, "psi = 2").text == "ψ = 2"
    assert ok(nb, "ψ + 1").value == 3.0
    ok(nb, "var lam, gamma")
    assert ok(nb, "λ").text == "λ"
    assert ok(nb, "2gamma + λ").text in ("2γ + λ", "λ + 2γ")
    ok(nb, "var alpha, beta")
    product = ok(nb, "αβ")  # two letters side by side are a product, as on paper
    assert product.text == "αβ"
    assert product.value == sympy.Symbol("alpha", real=True) * sympy.Symbol("beta", real=True)


@pytest.mark.parametrize("printed, typed", [
    ("x⁴ − 2x", "x^4 - 2x"),
    ("e⁻ˣ", "exp(-x)"),
    ("1/(1 + e⁻ˣ)", "1/(1 + exp(-x))"),
    ("eˣʸ", "exp(x*y)"),
    ("√(x + 1)", "sqrt(x + 1)"),
    ("x⁻¹ + x²³", "1/x + x^23"),
    ("2·x·y", "2*x*y"),
    ("x**3", "x^3"),
])
def test_a_printed_result_reads_back_as_the_same_expression(printed, typed):
    nb = Notebook()
    assert sympy.simplify(ok(nb, printed).value - ok(nb, typed).value) == 0


def test_pasted_symbols_for_arrays_and_numbers():
    nb = Notebook()
    ok(nb, "A = [[1, 2], [3, 4]]")
    np.testing.assert_array_equal(ok(nb, "Aᵀ").value, np.array([[1.0, 3.0], [2.0, 4.0]]))
    assert ok(nb, "√4 + √(9)").value == 5.0
    assert ok(nb, "x₁ = 2").text == "x1 = 2"
    assert ok(nb, "x₁ + 1").value == 3.0
    assert ok(nb, "−∞").value == -math.inf
    assert ok(nb, "x\u200b + 1").text == "x + 1"  # a zero-width space from a web page


def test_e_to_a_power_is_the_exponential():
    nb = Notebook()
    x = sympy.Symbol("x", real=True)
    assert ok(nb, "e^x").text == "eˣ"
    assert ok(nb, "s = 1/(1 + e^-x)").text == "s = 1/(1 + e⁻ˣ)"
    derivative = ok(nb, "diff(s, x)").value
    assert sympy.simplify(derivative - sympy.diff(1 / (1 + sympy.exp(-x)), x)) == 0
    assert ok(nb, "e^2").value == pytest.approx(math.exp(2))


@pytest.mark.parametrize("line, phrase", [
    ("가격 = 3", "한글"),
    ("１ + 2", "전각"),
    ("x ＋ 1", "전각"),
    ("A = [[1, 2],\n[3, 4]]", "줄바꿈"),
    ("x\x07", "제어 문자"),
    ("sin", "sin은 함수입니다"),
    ("svd + 1", "svd는 함수입니다"),
    ("var", "var 다음에는"),
    ("var 1x", "var 다음에는"),
    ("solve(x^2 - 1, x)", "연립일차방정식"),
    ("integrate(exp(-x^2), x, -inf, inf)", "유한한 수"),
    ("integrate(x, x, -1e308, 1e308)", "너무 넓습니다"),
])
def test_natural_mistakes_get_a_message_that_names_them(line, phrase):
    assert phrase in refused(Notebook(), line)


BAD_PARTICLES = ("행렬가", "값가", "크기은", "횟수은", "값로는", "행렬와", "(는)", "(를)", "(가)", "'이라는")


@pytest.mark.parametrize("line", [
    "softmax(x)", "mean(x)", "shape(x)", "zeros(1.5)", "diff(x^2, x, 100)", "f = sin(x)/x",
    "[1, 2] + [[1, 2], [3, 4]]", "svd([[1, 2], [3, 4]]) + 1", "foo(1)", "q + 1", "1 + 한", "sin = 3",
    "var lambda", "trace(ones(2, 3))",
])
def test_messages_use_the_right_particles(line):
    nb = Notebook()
    nb.run("f = sin(x)/x")
    text = nb.run(line).text if line != "f = sin(x)/x" else nb.run("f(0)").text
    assert not any(bad in text for bad in BAD_PARTICLES), text


@pytest.mark.parametrize("word, pair, expected", [
    ("행렬", "이/가", "행렬이"), ("벡터", "이/가", "벡터가"), ("'sin'", "은/는", "'sin'은"),
    ("'A'", "은/는", "'A'는"), ("여러 값", "으로/로", "여러 값으로"), ("그래프", "으로/로", "그래프로"),
    ("'r'", "은/는", "'r'은"), ("'x'", "을/를", "'x'를"), ("2×2 행렬", "과/와", "2×2 행렬과"),
    ("길이 3 벡터", "과/와", "길이 3 벡터와"), ("미분 횟수", "은/는", "미분 횟수는"), ("'foo'", "이라는/라는", "'foo'라는"),
])
def test_with_particle(word, pair, expected):
    assert with_particle(word, pair) == expected


def test_integrals_that_the_ends_make_hard(caplog):
    nb = Notebook()
    assert ok(nb, "integrate(sin(x)/x, x, 0, 1)").value == pytest.approx(special.sici(1.0)[0], abs=1e-9)
    assert ok(nb, "integrate(exp(-x^2), x, -10, 10)").value == pytest.approx(math.sqrt(math.pi), abs=1e-9)
    with caplog.at_level(logging.ERROR, logger="aimath.notebook"):
        assert "너무 큽니다" in refused(nb, "integrate(x, x, 0, 1e308)")
    assert not caplog.records  # a Korean message of its own, not the crash barrier's


def test_pasted_blocks_become_lines():
    assert pasted_lines("A = [[1, 2],\n [3, 4]]\n\ndet(A)\r\ninv(A)\n") == [
        "A = [[1, 2], [3, 4]]", "det(A)", "inv(A)"]
    assert pasted_lines("  x + 1  ") == ["x + 1"]
    assert pasted_lines("f(1\n") == ["f(1"]  # an unclosed bracket at the end is still a line
    with pytest.raises(Exception) as info:
        pasted_lines("1\n" * 201)
    assert "200줄" in str(info.value)


def test_lines_that_cannot_be_saved_are_left_out_of_the_saved_list():
    from progress.settings import validate_setting

    nb = Notebook()
    for line in ["a = 1", "x+" * 50_000 + "x", "b = 2", "c\x00", "a + b"]:
        nb.run(line)
    kept = nb.kept_inputs(500)
    assert kept == ["a = 1", "b = 2", "a + b"]
    assert validate_setting("notebook", kept) == kept
    assert nb.kept_inputs(2) == ["b = 2", "a + b"]


def test_convolutions_too_big_to_finish_in_time_are_refused_at_once():
    import time

    nb = Notebook()
    start = time.perf_counter()
    text = refused(nb, "conv(ones(1000, 250), ones(500, 125))")  # 4·10⁹ multiply-adds
    assert "계산량" in text and time.perf_counter() - start < 1.0
    small = ok(nb, "corr(ones(30, 30), ones(3, 3))").value
    np.testing.assert_array_equal(small, np.full((28, 28), 9.0))


def test_a_matrix_of_expressions_written_as_nested_brackets():
    nb = Notebook()
    x, y = sympy.symbols("x y", real=True)
    m = ok(nb, "M = [[x, 1], [0, y]]").value
    assert m == sympy.Matrix([[x, 1], [0, y]])
    assert ok(nb, "M + M").value == 2 * m
    np.testing.assert_array_equal(ok(nb, "M(1, 2)").value, np.array([[1.0, 1.0], [0.0, 2.0]]))
    assert ok(nb, "[[x, 1], [2, 3]]").value == sympy.Matrix([[x, 1], [2, 3]])


@pytest.mark.parametrize("line, phrase", [
    ("[x, y] + 1", "더하거나 뺄 수 없습니다"),   # SymPy's own TypeError reached the crash barrier
    ("1 - [x, y]", "더하거나 뺄 수 없습니다"),
    ("[x, y] + [[x, 1], [0, y]]", "모양이 다른"),
    ("[x, y] * [x, y]", "A @ B"),
    ("1 / [x, y]", "나눌 수 없습니다"),
    ("grad(inf, x)", "무한대"),                 # int(inf) raised OverflowError
    ("x + inf", "무한대"),
    ("norm([1, 2], [1, 2])", "노름의 종류"),    # an array in 'p not in (…)' raised ValueError
    ("[[1, 2], [3, 4]] ^ inf", "정수"),
    ("eye(inf)", "정수"),
    ("diff(x^2, x, inf)", "정수"),
])
def test_lines_that_used_to_reach_the_crash_barrier(line, phrase, caplog):
    with caplog.at_level(logging.ERROR, logger="aimath.notebook"):
        assert phrase in refused(Notebook(), line)
    assert not caplog.records
