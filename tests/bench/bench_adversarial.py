"""Adversarial benchmark of parsing and grading (plain script: ``python tests/bench/bench_adversarial.py``).

Prints, over a list of hostile inputs (issue 10's freezes and more of their kinds):

* the worst-case and median time of one parse (``parse_expression``, ``parse_number``,
  ``parse_vector``/``parse_matrix`` for the field-sized ones; caches cleared before each);
* the worst-case and median time of one answer check (``content.check_answer`` against an
  expression, a numeric and a matrix question) — the contract is ≤ 2 s;
* the longest UI stall (gap between 10 ms timer ticks of a Textual app) while all the checks
  run in a thread worker, against the longest gap of the same app idle for as long.

Baselines in the same run: a plain parse and a plain warm check, and the idle app.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

FIELD = ",".join(f"(10^999+{k})^(1/999)" for k in range(233))
EXPRESSIONS = [
    "sin(cosh(cosh(cosh(cosh(2)))))", "sin(cosh(1e6))", "cos(sinh(5e5))", "x*exp(-cosh(1e4))",
    "tan(sinh(cosh(3)))", "exp(exp(exp(exp(2))))", "cosh(cosh(cosh(cosh(cosh(1)))))", "sin(10^999)",
    "sin(1e300 x)", "(10^999+7)^(1/999)", "sqrt(10^999+7)*x", "log(10^999+7, 3)", "x*exp(-1e4)",
    "exp(-2000)*x", "2^(2^10)", "(1+1e-30)^(10^30)", "x^(9^9)", "9^9^9",
    "sin(sin(sin(sin(sin(sin(sin(sin(sin(sin(sin(sin(x))))))))))))", "max(x, 2x, 3x, 4x, 5x, 6x, 7x, 8x)",
    "(x+1)^1000*(x-1)^1000", "((((((((((((((((((((x))))))))))))))))))))", "x" * 200, "1/(sqrt(2)^2 - 2)",
    "tan(pi/2)", "log(2, 0)", "１２", "٣", "1e", "8e", "2x + 2 + sin(20pi x)", "2x + 2 + max(0, x - 10.5)",
    "sqrt(-(x+1)^200*(x+2)^200*(x-3)^200 - 1)", "x^1000 - (x+1)^1000 + 1000x^999",
    "asin(acos(atan(sinh(cosh(tanh(exp(log(sqrt(abs(x))))))))))",
]
FIELDS = [FIELD, ";".join([FIELD[:2400]] * 2), "1,000, 2,000", ", ".join(["sin(cos(tan(exp(log(sqrt(2.5))))))"] * 130)]


def _questions():
    from content import Question

    def q(qid, qtype, answer):
        return Question(id=qid, lesson="t", type=qtype, prompt="p", explanation="e", answer=answer)

    return {"expression": q("t-001", "expression", "sqrt(-(x-1)^200*(x+2)^200*(x-3)^200 - 1)"),
            "expression2": q("t-002", "expression", "2x + 2"),
            "numeric": q("t-003", "numeric", "sqrt(2)"),
            "matrix": q("t-004", "matrix", [1.0] * 233)}


def _clear_caches() -> None:
    from mathcore import numeric, parse

    parse._parse_expression_cached.cache_clear()
    numeric.compile_expr.cache_clear()


def _timed(fn, *args) -> float:
    start = time.perf_counter()
    try:
        fn(*args)
    except ValueError:  # InputError: a Korean rejection is a fine outcome
        pass
    return time.perf_counter() - start


def bench_parse() -> tuple[float, float, str, float]:
    from mathcore import parse

    parse.parse_expression("x^2")  # imports paid once (sympy), as in a running app
    parse.parse_number("sqrt(2)")
    times = []
    for text in EXPRESSIONS:
        for fn in (parse.parse_expression, parse.parse_number):
            _clear_caches()
            times.append((_timed(fn, text), f"{fn.__name__}({text[:30]!r})"))
    for text in FIELDS:
        for fn in (parse.parse_vector, parse.parse_matrix):
            times.append((_timed(fn, text), f"{fn.__name__}(<{len(text)} chars>)"))
    base = []
    for k in range(30):
        _clear_caches()
        base.append(_timed(parse.parse_expression, f"x^2 + 2x + {k}"))
    worst, name = max(times)
    return worst, statistics.median(t for t, _ in times), name, statistics.median(base)


def _all_checks() -> list[tuple]:
    qs = _questions()
    pairs = [(qs[kind], text) for text in EXPRESSIONS for kind in ("expression", "expression2", "numeric")]
    pairs += [(qs["matrix"], text) for text in FIELDS]
    return pairs


def bench_checks() -> tuple[float, float, str, float]:
    from content import check_answer
    from mathcore import bounded

    bounded.prepare(wait=60)
    qs = _questions()
    check_answer(qs["expression2"], "2(x+1)")  # imports and the worker ready: a running app
    times = []
    for question, text in _all_checks():
        _clear_caches()
        times.append((_timed(check_answer, question, text), f"{question.type}: {text[:30]!r}"))
    base = []
    for k in range(30):
        _clear_caches()
        base.append(_timed(check_answer, qs["expression2"], f"2(x + 1) + {k} - {k}"))
    worst, name = max(times)
    return worst, statistics.median(t for t, _ in times), name, statistics.median(base)


def bench_ui_stall() -> tuple[float, float, float]:
    from textual.app import App
    from textual.widgets import Static

    from content import check_answer

    checks = _all_checks()

    class Ticker(App):
        def __init__(self, work: bool):
            super().__init__()
            self.work, self.ticks, self.done = work, [], False

        def compose(self):
            yield Static("채점 중")

        def on_mount(self):
            self.set_interval(0.01, lambda: self.ticks.append(time.perf_counter()))
            if self.work:
                self.run_worker(self.grade, thread=True)

        def grade(self):
            for question, text in checks:
                _clear_caches()
                check_answer(question, text)
            self.done = True

    async def run(work: bool, seconds: float | None) -> tuple[float, float]:
        app = Ticker(work)
        async with app.run_test() as pilot:
            start = time.perf_counter()
            while (not app.done if work else time.perf_counter() - start < seconds):
                await pilot.pause(0.05)
            elapsed = time.perf_counter() - start
        gaps = [b - a for a, b in zip(app.ticks, app.ticks[1:])]
        return max(gaps), elapsed

    busy, elapsed = asyncio.run(run(True, None))
    idle, _ = asyncio.run(run(False, elapsed))
    return busy, idle, elapsed


def main() -> int:
    from mathcore import bounded

    p_worst, p_median, p_name, p_base = bench_parse()
    c_worst, c_median, c_name, c_base = bench_checks()
    busy, idle, elapsed = bench_ui_stall()
    n_parse = 2 * len(EXPRESSIONS) + 2 * len(FIELDS)
    n_check = len(_all_checks())
    rows = [
        (f"parse, worst of {n_parse} ({p_name})", p_worst, p_base, "≤ 1 s", p_worst <= 1.0),
        (f"parse, median of {n_parse}", p_median, p_base, "", True),
        (f"check_answer, worst of {n_check} ({c_name})", c_worst, c_base, "≤ 2 s", c_worst <= 2.0),
        (f"check_answer, median of {n_check}", c_median, c_base, "", True),
        (f"longest UI stall during the checks ({elapsed:.1f} s)", busy, idle, "≤ 0.5 s", busy <= 0.5),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement'.ljust(width)}  {'ms':>9}  {'baseline ms':>11}  {'ratio':>7}  target")
    print("-" * (width + 46))
    for name, value, base, target, ok in rows:
        print(f"{name.ljust(width)}  {value * 1e3:9.1f}  {base * 1e3:11.2f}  {value / base:7.1f}  {target}"
              f"{'' if not target else (' ok' if ok else ' MISSED')}")
    print("baselines: a plain parse (x^2 + 2x + k), a plain warm check (2(x + 1) + k - k), the idle app's "
          "longest tick gap over the same time")
    bounded.shutdown()
    return 0 if all(r[-1] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
