"""Benchmarks of the content package: catalog loading, lesson conversion, answer checking.

Run: ``python tests/bench/bench_content.py`` from the project root. Prints medians of several
runs; ratios are against baselines measured in the same run:

* ``import content + load_catalog()`` in a fresh process, against a bare ``python -c pass``;
* ``load_catalog()`` in-process (warm imports);
* ``Lesson.body()`` of every lesson, cold (new catalog, so nothing cached) and cached, against
  ``tomllib.loads`` + ``str.split`` of the same file (the cost of merely reading it);
* ``check_answer`` on numeric, expression (equivalent and not) and matrix answers, warm.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import timing  # noqa: E402  (tests/bench/timing.py, beside this script)

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def median_ms(fn, runs: int = RUNS) -> float:
    return timing.median_ms(fn, runs)


def process_ms(code: str) -> float:
    def run():
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    run()  # warm the OS cache and write bytecode where allowed
    return median_ms(run)


def row(name: str, value: float, base: float | None = None) -> None:
    ratio = f"{value / base:8.2f}×" if base else " " * 9
    print(f"{name:<52} {value:9.2f} ms {ratio}")


def main() -> None:
    import content
    from content import Question, check_answer

    print(f"{'benchmark (median of %d)' % RUNS:<52} {'time':>12} {'ratio':>9}")
    bare = process_ms("pass")
    row("python -c pass (baseline)", bare)
    row("python: import content; load_catalog()",
        process_ms("import content; content.load_catalog()"), bare)

    row("load_catalog() in-process", median_ms(content.load_catalog))

    catalog = content.load_catalog()
    largest = max(catalog.lessons, key=lambda lesson: len(lesson.path.read_bytes()))
    raw = largest.path.read_text(encoding="utf-8")

    def read_only():
        largest.path.read_text(encoding="utf-8").split("\n")

    base = median_ms(read_only)
    row(f"read {largest.path.name} ({len(raw.encode()) // 1024} KB) (baseline)", base)
    content.load_catalog().lesson(largest.id).body()  # first conversion imports latex.py

    def cold_body():
        content.load_catalog().lesson(largest.id).body()

    row(f"load_catalog + body() cold, {largest.id}", median_ms(cold_body), base)
    row(f"body() cached, {largest.id}", median_ms(largest.body), base)
    total = median_ms(lambda: [lesson.body() for lesson in content.load_catalog().lessons])
    row("load_catalog + body() of every lesson, cold", total, base)
    row("questions() of every lesson, cold",
        median_ms(lambda: content.load_catalog().all_questions()))

    numeric = Question(id="b-001", lesson="b", type="numeric", prompt="p", answer="sqrt(54)")
    expr = Question(id="b-002", lesson="b", type="expression", prompt="p",
                    answer="x^2 + 2x + 1")
    matrix = Question(id="b-003", lesson="b", type="matrix", prompt="p",
                      answer=[[1, 2, 3], [4, 5, 6]])
    for q, text in ((numeric, "3sqrt(6)"), (expr, "(x+1)^2"), (expr, "x^2+1"),
                    (matrix, "[[1,2,3],[4,5,6]]")):
        check_answer(q, text)
    row("check_answer numeric 3sqrt(6)", median_ms(lambda: check_answer(numeric, "3sqrt(6)")))
    counter = iter(range(10**6))
    # A fresh text each run defeats the parser's cache: (x+1)^2 written as (x + (k+1) - k)^2.
    def equivalent_uncached():
        k = next(counter)
        verdict = check_answer(expr, f"(x + {k + 1} - {k})^2")
        assert verdict.correct, verdict

    row("check_answer expression, equivalent, uncached", median_ms(equivalent_uncached))
    row("check_answer expression, not equivalent",
        median_ms(lambda: check_answer(expr, f"x^2 + {next(counter)}")))
    row("check_answer matrix 2×3",
        median_ms(lambda: check_answer(matrix, "[[1,2,3],[4,5,6]]")))


if __name__ == "__main__":
    main()
