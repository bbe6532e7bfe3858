"""mathcore.parse: accepted syntax, Korean rejections, attack corpus, property tests."""
import math
import os
import sys
import time

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from mathcore import InputError
from mathcore.parse import (
    evaluate_numeric,
    numeric_function,
    parse_expression,
    parse_function,
    parse_int,
    parse_matrix,
    parse_number,
    parse_vector,
)

x, y = sympy.symbols("x y", real=True)


# --------------------------------------------------------------------------- accepted input

@pytest.mark.parametrize(
    "text, expected",
    [
        ("x^2 + 2x + 3", x**2 + 2 * x + 3),
        ("sin(x)*exp(-x^2)", sympy.sin(x) * sympy.exp(-x**2)),
        ("2(x+1)", 2 * x + 2),
        ("(x+1)(x-1)", (x + 1) * (x - 1)),
        ("e^(-x^2)", sympy.exp(-x**2)),
        ("2^-x", 2**(-x)),
        ("-x^2", -x**2),
        ("x**3", x**3),
        ("sqrt(x)", sympy.sqrt(x)),
        ("1/3 x", x / 3),
        ("2pi x", 2 * sympy.pi * x),
        ("log(x, 2)", sympy.log(x) / sympy.log(2)),
        ("ln(x) + abs(x)", sympy.log(x) + sympy.Abs(x)),
        ("max(0, x)", sympy.Max(0, x)),
        ("x − 1", x - 1),  # Unicode minus sign from a lesson
        ("x²", x**2),
        ("3x³", 3 * x**3),
        ("2πx", 2 * sympy.pi * x),
        ("xx", x**2),
        ("1/(1+e^(-x))", 1 / (1 + sympy.exp(-x))),
    ],
)
def test_expression_syntax(text, expected):
    assert sympy.simplify(parse_expression(text) - expected) == 0


def test_expression_several_variables():
    expr = parse_expression("x^2 + 2xy + 3 + cos(x + 2y)", ("x", "y"))
    assert expr == x**2 + 2 * x * y + 3 + sympy.cos(x + 2 * y)
    assert parse_expression("x", "x") == x  # a single name is accepted as a string


def test_expression_is_cached():
    assert parse_expression("x^2 + 1") is parse_expression("x^2 + 1")


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.5", 0.5), ("1/3", 1 / 3), ("sqrt(2)", math.sqrt(2)), ("1e-3", 1e-3), ("pi", math.pi),
        ("e", math.e), ("-2", -2.0), ("2^10", 1024.0), (" 7 ", 7.0), ("sin(pi)", 0.0),
        ("sqrt(2)^2", 2.0), ("-e^2", -math.e**2), ("2pi", 2 * math.pi), ("1.5E+2", 150.0),
        ("log(8, 2)", 3.0), ("(1+2)*3", 9.0), (3, 3.0), (2.5, 2.5),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-15, abs=1e-300)


@pytest.mark.parametrize("text", ["sqrt(-1)", "1/0", "exp(800)", "10^400", "x", "", "1e999", "nan", "inf",
                                  "log(0)", "abc"])
def test_parse_number_rejects(text):
    with pytest.raises(InputError):
        parse_number(text)


def test_parse_int():
    assert parse_int("42") == 42
    assert parse_int(" -3 ", -5, 5) == -3
    assert parse_int(7, 1, 10) == 7
    for bad in ["4.5", "", "x", "1e3", "99999999999999999999", True]:
        with pytest.raises(InputError):
            parse_int(bad)
    with pytest.raises(InputError, match="1 이상 10 이하"):
        parse_int("11", 1, 10)
    with pytest.raises(InputError, match="0 이상"):
        parse_int("-1", 0)


def test_vectors():
    for text in ["1, 7, 2", "[1, 7, 2]", "1 7 2", "  [1,7,2]  ", "1,7,2,"[:-1]]:
        np.testing.assert_array_equal(parse_vector(text), [1.0, 7.0, 2.0])
    np.testing.assert_allclose(parse_vector("1/3, sqrt(2), -pi"), [1 / 3, math.sqrt(2), -math.pi], rtol=1e-15)
    np.testing.assert_array_equal(parse_vector("1 -2 3"), [1, -2, 3])
    np.testing.assert_array_equal(parse_vector("log(8, 2), 1"), [3, 1])  # comma inside a call
    assert parse_vector("5").shape == (1,)


@pytest.mark.parametrize("text, fragment", [
    ("1,,2", "2번째 원소"),
    ("1, x, 2", "2번째 원소"),
    ("", "비어"),
    ("[]", "비어"),
    ("1; 2", "세미콜론"),
    ("[[1, 2]]", "대괄호"),
])
def test_vector_errors(text, fragment):
    with pytest.raises(InputError, match=fragment):
        parse_vector(text)


def test_matrices():
    expected = np.array([[1, -2, 3], [7, 5, 0]], dtype=float)
    for text in ["[[1,-2,3],[7,5,0]]", "1 -2 3; 7 5 0", "1, -2, 3\n7, 5, 0\n", "[1 -2 3; 7 5 0]",
                 "[1,-2,3],[7,5,0]", "[[1, -2, 3],\n [7, 5, 0]]", "[1,-2,3];[7,5,0]"]:
        got = parse_matrix(text)
        assert got.dtype == np.float64
        np.testing.assert_array_equal(got, expected)
    assert parse_matrix("[1, 2, 3]").shape == (1, 3)
    assert parse_matrix("4").shape == (1, 1)


@pytest.mark.parametrize("text, fragment", [
    ("[[1,2],[3]]", "2번째 행의 원소 개수\\(1\\)가 1번째 행\\(2\\)"),
    ("1 2 3; 4 5 6; 7 8", "3번째 행"),
    ("[[1,2],[3,4]", "대괄호"),
    ("1 2;; 3 4", "2번째 행이 비어"),
    ("1 a; 2 3", "1번째 행의 2번째 원소 'a'"),
    ("", "비어"),
    ("[1,2],[3,4] x", "행 사이"),
    ("[[1,2]] x", "대괄호"),
])
def test_matrix_errors(text, fragment):
    with pytest.raises(InputError, match=fragment):
        parse_matrix(text)


# --------------------------------------------------------------------------- rejections

@pytest.mark.parametrize("text, fragment", [
    ("y + 1", "알 수 없는 기호 'y'"),
    ("sinx", "sin\\(x\\)처럼"),
    ("sin x", "괄호가 필요"),
    ("x2", "'x2'"),
    ("2 3", "연산자가 빠졌"),
    ("(x+1", "닫는 괄호"),
    ("x+1)", "여는 괄호"),
    ("x +", "중간에 끝"),
    ("x!", "계승"),
    ("x = 1", "등호"),
    ("x_1", "밑줄"),
    ("sin(x, 2)", "인수가 1개"),
    ("1/0", "0으로 나누"),
    ("x/(x-x)", "정의되지 않는"),
    ("9^9^9", "지수|거듭제곱"),
    ("x^(x^(x^x))", "거듭제곱이 여러 겹"),
    ("x^5000", "지수가 너무"),
    ("(10^30)^1000", "너무 커"),
    ("x.real", "점\\(.\\)"),
    ("\\frac{1}{2}", "역슬래시"),
])
def test_expression_errors_are_specific(text, fragment):
    with pytest.raises(InputError, match=fragment):
        parse_expression(text)


ATTACKS = [
    "__import__('os').system('touch /tmp/aimath_pwned')",
    "__import__(\"os\").system(\"echo pwned\")",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__.__mro__",
    "Symbol('x').__init__.__globals__",
    "exec('import os')",
    "eval('1+1')",
    "open('/etc/passwd').read()",
    "lambda: os.system('ls')",
    "(lambda: 1)()",
    "f(\"__import__('os').system('ls')\")",
    "sin(\"__import__('os')\")",
    "globals()",
    "import os",
    "getattr(x, 'evalf')",
    "x if x else x",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "9**9**9**9",
    "9^9^9^9",
    "2**2**2**2**2",
    "10^10^10",
    "x^999999999",
    "factorial(100000)",
    "(10^999)^999",
    "exp(exp(exp(exp(10))))",
    "1e99999999",
    "9" * 300,
    "9" * 150,
    "x" * 40000,
    "(" * 5000 + "x" + ")" * 5000,
    "(" * 60 + "x" + ")" * 60,
    "-" * 150 + "x",
    "sin(" * 30 + "x" + ")" * 30,
    "ｅｘｐ(x)",  # full-width look-alikes, NFKC-normalised by Python's own parser
    "\u0435xp(x)",  # Cyrillic e
    "x\u200b+1",  # zero-width space
    "x\u2028+1",
    "𝐱 + 1",
    "ℯ^x",
    "x\x00",
    "x; import os",
    "x # comment",
    "x @ x",
    "`x`",
    "x & x | x",
    "x < 1",
    "{'a': 1}",
    "Integer(2)",
    "Float('nan')",
    "C_pi",
    "F_sin(x)",
    "V0",
    "Symbol",
    "S.One",
    "x.subs(x, 1)",
    "__builtins__",
    "os.system",
    "1 if 1 else 0",
    "print(1)",
    "*x",
    "**x",
    "x,",
]


@pytest.fixture
def audit_log():
    """Record interpreter audit events (exec/compile/import/os.system/open) while parsing."""
    events = []
    state = {"on": False}

    def hook(event, args):
        if state["on"] and event in {"exec", "compile", "import", "os.system", "subprocess.Popen", "open",
                                     "os.exec", "os.posix_spawn", "builtins.input"}:
            events.append(event)

    sys.addaudithook(hook)
    yield events, state
    state["on"] = False


@pytest.mark.parametrize("text", ATTACKS)
def test_attack_corpus_rejected_fast_and_nothing_executed(text, audit_log):
    events, state = audit_log
    parse_expression("x + 1")  # warm: lazy imports are not attributed to the attack
    state["on"] = True
    start = time.perf_counter()
    with pytest.raises(InputError):
        parse_expression(text)
    elapsed = time.perf_counter() - start
    state["on"] = False
    assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms"
    assert events == [], events  # rejected before any code object was compiled or run
    assert not os.path.exists("/tmp/aimath_pwned")


@pytest.mark.parametrize("text", ATTACKS)
def test_attack_corpus_as_number_vector_matrix(text):
    for fn in (parse_number, parse_vector, parse_matrix):
        start = time.perf_counter()
        try:
            result = fn(text)
        except InputError:
            pass
        else:  # only harmless texts like "x,"-free numbers could pass; none of the corpus should
            pytest.fail(f"{fn.__name__} accepted {text!r}: {result!r}")
        assert time.perf_counter() - start < 0.05


def test_huge_matrix_text_rejected_fast():
    text = "[" + ",".join(["[" + ",".join(["1"] * 100) + "]"] * 200) + "]"
    start = time.perf_counter()
    with pytest.raises(InputError, match="너무 깁니다"):
        parse_matrix(text)
    assert time.perf_counter() - start < 0.05


def test_unknown_function_with_string_is_rejected_before_sympy():
    # With sympy's own parse_expr, an unknown function applied to a string literal is sympified
    # with full globals.  Here the quote is refused at the character check.
    with pytest.raises(InputError, match="따옴표"):
        parse_expression("f('x')")


def test_variable_names_are_validated():
    for bad in ["lambda", "sin", "x_1", "1x", ""]:
        with pytest.raises(InputError):
            parse_expression("1", (bad,))


# --------------------------------------------------------------------------- numeric evaluation

def test_numeric_function_matches_numpy():
    xs = np.linspace(-3, 3, 101)
    f = parse_function("x^2 + 2x + 3")
    np.testing.assert_allclose(f(xs), xs**2 + 2 * xs + 3, rtol=1e-15)
    g = numeric_function(parse_expression("sin(x)*exp(-x^2)"))
    np.testing.assert_allclose(g(xs), np.sin(xs) * np.exp(-xs**2), rtol=1e-15)


def test_numeric_function_domain_and_shapes():
    f = parse_function("sqrt(x) + log(x)")
    out = f([-1.0, 0.0, 1.0, 4.0])
    assert np.isnan(out[0]) and out[1] == -np.inf
    np.testing.assert_allclose(out[2:], [1.0, 2 + math.log(4)])
    const = parse_function("2 + pi")
    assert const(np.zeros((2, 3))).shape == (2, 3)
    h = numeric_function("x*y + 1", ("x", "y"))
    np.testing.assert_allclose(h([1, 2], [[3], [4]]), [[4, 7], [5, 9]])
    assert evaluate_numeric("x*y", {"x": 2.0, "y": 5.0}) == pytest.approx(10.0)
    with pytest.raises(InputError):
        numeric_function(parse_expression("x*y", ("x", "y")), ("x",))
    with pytest.raises(InputError):
        h(1.0)


def test_integer_arrays_are_converted():
    f = parse_function("x^-1")
    np.testing.assert_allclose(f(np.array([1, 2, 4])), [1, 0.5, 0.25])


# --------------------------------------------------------------------------- properties

@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(list("xe0123456789.+-*/^(), ") + ["sin", "exp", "log", "sqrt", "pi", "**"]),
                max_size=40).map("".join))
def test_parse_expression_never_crashes(text):
    start = time.perf_counter()
    try:
        expr = parse_expression(text)
    except InputError as err:
        assert err.message
    else:
        assert isinstance(expr, sympy.Expr)
        assert expr.free_symbols <= {x}
    assert time.perf_counter() - start < 0.5


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_parsers_never_crash_on_any_text(text):
    for fn in (parse_expression, parse_number, parse_vector, parse_matrix, parse_int):
        try:
            fn(text)
        except InputError:
            pass


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@settings(max_examples=80, deadline=None)
@given(st.lists(finite, min_size=1, max_size=12), st.sampled_from([", ", " ", ","]), st.booleans())
def test_vector_round_trip(values, sep, brackets):
    text = sep.join(repr(v) for v in values)
    if brackets:
        text = f"[{text}]"
    np.testing.assert_array_equal(parse_vector(text), np.array(values))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_matrix_round_trip_and_ragged(m, n, data):
    values = data.draw(st.lists(st.lists(finite, min_size=n, max_size=n), min_size=m, max_size=m))
    text = "[" + ",".join("[" + ",".join(repr(v) for v in row) + "]" for row in values) + "]"
    np.testing.assert_array_equal(parse_matrix(text), np.array(values).reshape(m, n))
    semi = "; ".join(" ".join(repr(v) for v in row) for row in values)
    np.testing.assert_array_equal(parse_matrix(semi), np.array(values).reshape(m, n))
    if m >= 2:
        k = data.draw(st.integers(1, m - 1))
        ragged = [row[:] for row in values]
        ragged[k] = ragged[k] + [1.0]
        text = "\n".join(", ".join(repr(v) for v in row) for row in ragged)
        with pytest.raises(InputError, match=f"{k + 1}번째 행"):
            parse_matrix(text)


@settings(max_examples=80, deadline=None)
@given(st.integers(-10**12, 10**12), st.integers(1, 10**6))
def test_fraction_numbers(p, q):
    assert parse_number(f"{p}/{q}") == pytest.approx(p / q, rel=1e-15, abs=1e-300)
