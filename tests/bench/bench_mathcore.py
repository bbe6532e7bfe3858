"""Benchmarks for mathcore (a plain script, not collected by pytest).

Run from the repository root:  python tests/bench/bench_mathcore.py

Each row reports the median of several runs of mathcore and of a baseline measured in the
same run, their ratio, and the target from issue 3:
1. 10,000 steps of 1-D gradient descent on a typed f — mathcore (compiled once) against the
   seeds' approach (SymPy ``subs`` of the derivative at every step): ≥ 500× faster.
2. correlate2d on 256×256 with a 3×3 kernel against scipy.signal.correlate2d: ≤ 2×.
3. Monte Carlo integral with 10⁶ samples against a plain vectorised NumPy expression: ≤ 1.5×.
4. Parsing + checking one expression answer (warm modules, cold parse/compile caches): ≤ 50 ms;
   the baseline is the unsafe naive check simplify(sympify(a) − sympify(b)) == 0.
"""
from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

import numpy as np  # noqa: E402
import scipy.signal  # noqa: E402
import sympy  # noqa: E402

from mathcore import bounded, calculus, conv, equivalence, numeric, parse, probability  # noqa: E402


def paired_medians(ours, baseline, runs: int, inner: int = 1, base_runs: int | None = None):
    """Median time per call (seconds) of ``ours`` and ``baseline``, measured alternately
    (ours, baseline, ours, …) so that both see the same machine load."""
    a, b = [], []
    base_runs = runs if base_runs is None else base_runs
    for k in range(max(runs, base_runs)):
        if k < runs:
            start = time.perf_counter()
            for _ in range(inner):
                ours()
            a.append((time.perf_counter() - start) / inner)
        if k < base_runs:
            start = time.perf_counter()
            for _ in range(inner):
                baseline()
            b.append((time.perf_counter() - start) / inner)
    return statistics.median(a), statistics.median(b)


def bench_gradient_descent():
    text, init, lr, steps = "x^2 + 2x + 3", 3.0, 1e-5, 10_000

    def ours():
        res = calculus.gradient_descent(text, init, lr=lr, eps=1e-5, max_iter=steps)
        assert res.iterations == steps

    def seeds_way():  # the seeds' func_gradient: differentiate, then subs, at every step
        x = sympy.Symbol("x")
        f = x**2 + 2 * x + 3
        val = init
        for _ in range(steps):
            grad = sympy.diff(f, x).subs(x, val)
            val = val - lr * float(grad)
        return val

    ours()  # compile once (cached), as the panel does after the first run
    t_ours, t_base = paired_medians(ours, seeds_way, runs=7, base_runs=3)
    return "GD 10k steps (1-D, typed f)", t_ours, "SymPy diff+subs per step", t_base, t_base / t_ours, "≥ 500× faster", \
        t_base / t_ours >= 500


def bench_correlate2d():
    rng = np.random.default_rng(0)
    X, K = rng.standard_normal((256, 256)), rng.standard_normal((3, 3))
    t_ours, t_base = paired_medians(lambda: conv.correlate2d(X, K),
                                    lambda: scipy.signal.correlate2d(X, K, mode="valid"), runs=11, inner=20)
    ratio = t_ours / t_base
    return "correlate2d 256×256, 3×3", t_ours, "scipy.signal.correlate2d", t_base, ratio, "≤ 2× scipy", ratio <= 2.0


def bench_monte_carlo():
    n = 1_000_000

    def ours():
        return probability.monte_carlo_integral("exp(-x^2)", -1, 1, sample_size=n, repeat=1, seed=0)

    def plain():
        xs = np.random.default_rng(0).uniform(-1, 1, n)
        return 2.0 * np.mean(np.exp(-xs**2))

    assert abs(ours()[0] - plain()) < 1e-12
    t_ours, t_base = paired_medians(ours, plain, runs=21)
    ratio = t_ours / t_base
    return "Monte Carlo, 10⁶ samples", t_ours, "plain NumPy expression", t_base, ratio, "≤ 1.5× NumPy", ratio <= 1.5


def bench_answer_check():
    key = "x^2 + 2x + 3"
    answers = ["(x + 1)^2 + 2", "x(x + 2) + 3", "3 + 2x + x^2", "2 + (x+1)(x+1)", "x^2 + 2(x + 1.5)"]
    equivalence.equivalent(answers[0], key)  # warm: modules imported, numpy ready
    state = {"i": 0}

    def ours():
        parse._parse_expression_cached.cache_clear()  # cold caches: parse and compile both sides
        numeric.compile_expr.cache_clear()
        answer = answers[state["i"] % len(answers)]
        state["i"] += 1
        assert equivalence.equivalent(answer, key)  # the product's engine, as check_answer runs it

    def naive():
        answer = answers[state["i"] % len(answers)]
        state["i"] += 1
        a = sympy.sympify(answer.replace("^", "**").replace("2x", "2*x").replace("x(", "x*(").replace(")(", ")*(")
                          .replace("2(", "2*("))
        b = sympy.sympify("x**2 + 2*x + 3")
        assert sympy.simplify(a - b) == 0

    t_ours, t_base = paired_medians(ours, naive, runs=15)
    return "parse + check expression answer", t_ours, "naive sympify+simplify", t_base, t_base / t_ours, \
        "≤ 50 ms", t_ours <= 0.050


def fmt(seconds: float) -> str:
    return f"{seconds * 1e3:9.3f} ms"


def main() -> int:
    rows = [bench_gradient_descent(), bench_correlate2d(), bench_monte_carlo(), bench_answer_check()]
    header = f"{'benchmark':34} {'mathcore':>12} {'baseline':>12}  {'baseline is':26} {'ratio':>9}  {'target':14} ok"
    print(header)
    print("-" * len(header))
    for name, t_ours, base_name, t_base, ratio, target, ok in rows:
        if "faster" in target or "naive" in base_name:
            ratio_text = f"{ratio:8.1f}×"  # baseline / mathcore
        else:
            ratio_text = f"{ratio:8.2f}×"  # mathcore / baseline
        print(f"{name:34} {fmt(t_ours):>12} {fmt(t_base):>12}  {base_name:26} {ratio_text:>9}  {target:14} "
              f"{'yes' if ok else 'NO'}")
    print("ratios: 'faster' rows and the answer check show baseline/mathcore; the others mathcore/baseline.")
    bounded.shutdown()
    return 0 if all(r[-1] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
