"""The notebook engine against NumPy/SymPy on the same inputs, and hostile lines refused in
Korean within the budget."""
from __future__ import annotations

import re
import time

import numpy as np
import pytest
import sympy

from mathcore.notebook import Notebook, export_markdown
from mathcore.notebook.values import Multi, PlotData

A = np.array([[1.0, 2.0], [3.0, 4.0]])
B = np.array([[2.0, 0.0, 1.0], [1.0, 3.0, -1.0]])
S = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
x, y = sympy.symbols("x y", real=True)


@pytest.fixture
def nb() -> Notebook:
    book = Notebook()
    for line in ["A = [[1, 2], [3, 4]]", "B = [[2, 0, 1], [1, 3, -1]]",
                 "S = [4, 1, 0.5; 1, 3, 0.2; 0.5, 0.2, 2]", "v = [3, -4, 12]", "w = [1 7 2]"]:
        out = book.run(line)
        assert not out.error, out.text
    return book


def value(nb: Notebook, line: str):
    out = nb.run(line)
    assert not out.error, f"{line!r}: {out.text}"
    return out.value


@pytest.mark.parametrize("line, reference", [
    ("A @ B", A @ B),
    ("A'", A.T),
    ("transpose(B)", B.T),
    ("inv(A)", np.linalg.inv(A)),
    ("pinv(B)", np.linalg.pinv(B)),
    ("det(A)", np.linalg.det(A)),
    ("rank(B)", 2.0),
    ("rank([[1, 2], [2, 4]])", 1.0),
    ("cond(A)", np.linalg.cond(A)),
    ("norm(v)", np.linalg.norm([3, -4, 12])),
    ("norm(v, 1)", 19.0),
    ("norm(v, inf)", 12.0),
    ("norm(A)", np.linalg.norm(A, 2)),
    ("hadamard(A, A)", A * A),
    ("inner(v, v)", 169.0),
    ("inner(A, A)", np.inner(A, A)),
    ("trace(S)", np.trace(S)),
    ("solve(A, [1, 2])", np.linalg.solve(A, [1, 2])),
    ("A^3", np.linalg.matrix_power(A, 3)),
    ("A^-1", np.linalg.inv(A)),
    ("2A - A", A),
    ("A / 2 + 1", A / 2 + 1),
    ("softmax([1, 2, 3])", np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum()),
    ("sigmoid([0, 2])", 1 / (1 + np.exp(-np.array([0.0, 2.0])))),
    ("relu([-1, 0.5])", np.array([0.0, 0.5])),
    ("mean(w)", np.mean([1, 7, 2])),
    ("var(w)", np.var([1, 7, 2])),
    ("sum(w)", 10.0),
    ("entropy([0.25, 0.25, 0.5])", -np.sum(np.array([0.25, 0.25, 0.5]) * np.log([0.25, 0.25, 0.5]))),
    ("kl([0.5, 0.5], [0.9, 0.1])", 0.5 * np.log(0.5 / 0.9) + 0.5 * np.log(0.5 / 0.1)),
    ("corr([1, 2, 3, 4], [1, 0, -1])", np.correlate([1, 2, 3, 4], [1, 0, -1], mode="valid")),
    ("conv([1, 2, 3, 4], [1, 0, -1])", np.convolve([1, 2, 3, 4], [1, 0, -1], mode="valid")),
    ("sin(pi/6) + exp(1) + sqrt(2)", np.sin(np.pi / 6) + np.e + np.sqrt(2)),
    ("log([1, e])", np.array([0.0, 1.0])),
    ("max(w)", 7.0),
    ("log(8, 2) + log10(1000) + log2(4)", 8.0),
    ("shape(B)", np.array([2.0, 3.0])),
    ("1, 7, 2", np.array([1.0, 7.0, 2.0])),
    ("[[1, -1]]", np.array([[1.0, -1.0]])),
    ("[[1], [2]]", np.array([[1.0], [2.0]])),
    ("[1, 2] @ [3, 4]", 11.0),
    ("[1, 2] @ A", np.array([7.0, 10.0])),
    ("[1 -2]", np.array([-1.0])),
])
def test_numeric_operations_match_numpy(nb, line, reference):
    np.testing.assert_allclose(value(nb, line), reference, rtol=1e-12, atol=1e-12)


def test_corr2d_matches_scipy(nb):
    from scipy.signal import correlate2d

    X = np.arange(16.0).reshape(4, 4)
    K = np.array([[1.0, 0.0], [0.0, -1.0]])
    out = value(nb, "corr([[0,1,2,3],[4,5,6,7],[8,9,10,11],[12,13,14,15]], [[1, 0], [0, -1]])")
    np.testing.assert_allclose(out, correlate2d(X, K, mode="valid"))


def test_eig_symmetric_ascending_and_reconstructs(nb):
    out = nb.run("eig(S)")
    assert isinstance(out.value, Multi)
    values, vectors = out.value.values
    np.testing.assert_allclose(values, np.linalg.eigvalsh(S), rtol=1e-12)
    np.testing.assert_allclose(S @ vectors, vectors * values, atol=1e-12)
    assert "고윳값" in out.text


def test_svd_unpacks_and_reconstructs(nb):
    out = nb.run("U, s, Vt = svd(B)")
    assert not out.error, out.text
    U, s, Vt = (nb.env[n] for n in ("U", "s", "Vt"))
    np.testing.assert_allclose(s, np.linalg.svd(B, compute_uv=False), rtol=1e-12)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, B, atol=1e-12)


@pytest.mark.parametrize("line, reference", [
    ("diff(x^2 + 2x + 3, x)", 2 * x + 2),
    ("diff(sin(x)*exp(-x^2), x)", sympy.diff(sympy.sin(x) * sympy.exp(-x ** 2), x)),
    ("diff(x^5, x, 3)", 60 * x ** 2),
    ("diff(sigmoid(x), x)", sympy.diff(1 / (1 + sympy.exp(-x)), x)),
    ("subs(x^2 + y, [x, y], [x + 1, 2])", (x + 1) ** 2 + 2),
])
def test_symbolic_operations_match_sympy(nb, line, reference):
    assert sympy.simplify(value(nb, line) - reference) == 0


def test_grad_jacobian_hessian_match_sympy(nb):
    f = x ** 2 * y + sympy.sin(x * y)
    nb.run("f = x^2 y + sin(x y)")
    grad = value(nb, "grad(f, [x, y])")
    assert [sympy.simplify(g - r) for g, r in zip(grad, [sympy.diff(f, x), sympy.diff(f, y)])] == [0, 0]
    hess = value(nb, "hessian(f, [x, y])")
    assert sympy.simplify(hess - sympy.hessian(f, (x, y))) == sympy.zeros(2, 2)
    jac = value(nb, "jacobian([x y, x + y^2], [x, y])")
    assert jac == sympy.Matrix([[y, x], [1, 2 * y]])
    np.testing.assert_allclose(value(nb, "subs(hessian(f, [x, y]), [x, y], [1, 2])"),
                               np.array(sympy.hessian(f, (x, y)).subs({x: 1, y: 2}).evalf(), dtype=float))


def test_evaluation_at_a_point_and_ans(nb):
    nb.run("f = x^2 + 2x + 3")
    assert value(nb, "f(1)") == 6.0
    assert value(nb, "ans + 1") == 7.0
    nb.run("g = x y + 1")
    assert value(nb, "g(2, 3)") == 7.0
    assert value(nb, "f(x + 1)") == (x + 1) ** 2 + 2 * (x + 1) + 3


def test_integrate_matches_closed_form(nb):
    np.testing.assert_allclose(value(nb, "integrate(exp(-x^2), x, -10, 10)"), np.sqrt(np.pi), rtol=1e-12)
    np.testing.assert_allclose(value(nb, "integrate(x^2, x, 0, 3)"), 9.0, rtol=1e-12)
    np.testing.assert_allclose(value(nb, "integrate(sin(x), x, 0, pi)"), 2.0, rtol=1e-12)


def test_plots_carry_data(nb):
    out = nb.run("plot(x^2, x, -3, 3)")
    assert isinstance(out.plot, PlotData)
    xs, ys, _ = out.plot.series[0]
    assert xs[0] == -3 and xs[-1] == 3
    np.testing.assert_allclose(ys, xs ** 2)
    out = nb.run("plot([1, 4, 9])")
    np.testing.assert_allclose(out.plot.series[0][1], [1, 4, 9])


def test_results_read_like_the_lessons(nb):
    assert nb.run("f = x^2 + 2x + 3").text == "f = x² + 2x + 3"
    assert nb.run("diff(f, x)").text == "2x + 2"
    assert nb.run("A").text == "⎡ 1  2 ⎤\n⎣ 3  4 ⎦"
    assert nb.run("det(A)").text == "−2"
    assert nb.run("1/3").text == "0.333333"
    assert nb.run("2.3e14").text == "2.3e14"
    long = nb.run("zeros(50)").text
    assert "길이 50" in long and len(long) < 80


HOSTILE = [
    "__import__('os').system('ls')",
    "().__class__.__bases__",
    "open('/etc/passwd')",
    "exec(1)",
    "eval(2)",
    "lambda: 1",
    "import os",
    "A.T",
    "x; y",
    "9^9^9",
    "10^400",
    "exp(1000)",
    "sin(cosh(cosh(cosh(cosh(2)))))",
    "sin(cosh(1e6))",
    "x*exp(-cosh(1e4))",
    "x^100000",
    "diff(exp(sin(exp(sin(x)))), x, 10)",
    "zeros(100000, 100000)",
    "ones(1000, 1000) @ ones(1000, 1000)",
    "eye(1000)^1000",
    "inv(zeros(2, 2))",
    "[[1, 2], [3]]",
    "[1, 2] @ [1, 2, 3]",
    "hadamard([1, 2], [1, 2, 3])",
    "1/0",
    "log(-1)",
    "sqrt(-4)",
    "1e",
    "8e",
    "q + 1",
    "svdd(A)",
    "help(",
    "f(1",
    "=1",
    "a = = 1",
    "sin = 3",
    "((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))",
    "x" + "+x" * 700,
    "１２ + 3",
    "٣",
    "A = " + "[" * 50 + "1" + "]" * 50,
    "integrate(1/x, x, -1, 1)",
    "integrate(1/(x - 0.3), x, -1, 1)",
    "integrate(1/x^2, x, -1, 1)",
    "integrate(x, x)",
    "plot(1/x, x, 1, 1)",
    "U, S = svd(A)",
    "max()",
    "kl([1, 0], [0, 1])",
    "log(2, 0)",
    "log(2, 1)",
    "var sign",
    "var E",
    "\x00",
    "1 7 2",
    "",
]
LATIN_ERROR = re.compile(r"\b(Error|Exception|Traceback|object|NoneType|line \d+)\b")


@pytest.mark.parametrize("line", HOSTILE)
def test_hostile_lines_are_refused_in_korean_within_budget(nb, line):
    start = time.perf_counter()
    out = nb.run(line)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.5, f"{line!r} took {elapsed:.2f}s"
    assert out.error, f"{line!r} was accepted: {out.text}"
    assert re.search("[가-힣]", out.text), out.text
    assert not LATIN_ERROR.search(out.text), out.text


def test_cancel_stops_a_line():
    nb = Notebook()
    out = nb.run("diff(exp(sin(x)), x, 8)", cancelled=lambda: True)
    assert out.cancelled and out.error


def test_budget_stops_a_slow_line():
    nb = Notebook()
    out = nb.run("diff(exp(sin(exp(x))), x, 10)", seconds=0.0)
    assert out.error and "초" in out.text


def test_replay_restores_names():
    nb = Notebook()
    lines = ["A = [[2, 0], [0, 3]]", "B = inv(A)", "bad line ((", "c = det(B)"]
    outs = nb.replay(lines)
    assert [o.error for o in outs] == [False, False, True, False]
    assert nb.env["c"] == pytest.approx(1 / 6)
    assert nb.inputs == lines


def test_export_markdown_has_code_blocks_and_results():
    nb = Notebook()
    outs = [nb.run(line) for line in ["A = [[1, 2], [3, 4]]", "det(A)", "q"]]
    md = export_markdown(nb.inputs, outs)
    assert md.startswith("# 계산 노트")
    assert "```\ndet(A)\n```\n\n−2" in md
    assert "오류:" in md
    assert "⎡ 1  2 ⎤" in md


def test_names_of_functions_cannot_be_assigned():
    nb = Notebook()
    for line in ["svd = 1", "pi = 3", "ans = 2", "var sin"]:
        assert nb.run(line).error, line


def test_lowrank_matches_truncated_svd(nb):
    u, s, vt = np.linalg.svd(S)
    np.testing.assert_allclose(value(nb, "lowrank(S, 1)"), s[0] * np.outer(u[:, 0], vt[0]), atol=1e-12)


def test_unexpected_failures_become_korean_messages(monkeypatch):
    from mathcore.notebook import ops_data

    def boom(args, budget):
        raise KeyError("internal")

    monkeypatch.setitem(ops_data.OPS, "mean", ops_data.OPS["mean"].__class__(
        "mean", 1, 1, "mean(v)", "평균", boom))
    out = Notebook().run("mean([1, 2])")
    assert out.error and "계산할 수 없습니다" in out.text


def test_names_agree_with_the_one_function_table():
    from mathcore.functions import FUNCTIONS, reserved_names
    from mathcore.notebook.library import ELEMENTWISE

    nb = Notebook()
    assert set(ELEMENTWISE) | {"max", "min"} == set(FUNCTIONS)
    assert reserved_names() <= nb.library.reserved_symbols()
