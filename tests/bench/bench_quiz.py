"""Benchmarks of the quiz experience (plain script: ``python tests/bench/bench_quiz.py``).

Prints medians of several runs, with ratios against baselines measured in the same run:

* opening the statistics dashboard (push the screen → first frame with the numbers written to
  the terminal) with
  50,000 past attempts and with none, against pushing a bare screen (header, one line, footer)
  in the same app; "cold" builds a new app and store each run (nothing cached), "warm" reopens
  the screen in the same app. Target ≤ 300 ms.
* a warm expression check through ``content.check_answer`` (equivalent and non-equivalent
  answers), against parsing the same answer alone and a numeric check. Target ≤ 50 ms.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

from timing import median_ms  # noqa: E402  (tests/bench/timing.py, beside this script)

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ATTEMPTS = 50_000


def history(n: int, questions: list[tuple[str, str]], seed: int = 7) -> list[dict]:
    """``n`` attempts on real questions over the last ~200 days, seeded."""
    rng = random.Random(seed)
    end = datetime.now(timezone.utc)
    out = []
    for i in range(n):
        lesson, qid = questions[rng.randrange(len(questions))]
        out.append({
            "id": f"bench-{i:08d}", "question_id": qid, "lesson_id": lesson,
            "correct": rng.random() < 0.7, "answer": str(rng.randrange(100)),
            "at": (end - timedelta(minutes=6 * (n - i))).isoformat(), "hinted": rng.random() < 0.1,
        })
    return out


def make_data(n: int) -> str:
    from content import load_catalog
    from progress import open_store

    catalog = load_catalog()
    questions = [(lesson.id, q.id) for lesson in catalog.lessons for q in catalog.questions(lesson.id)]
    root = tempfile.mkdtemp(prefix=f"bench-quiz-{n}-")
    store = open_store(root)
    if n:
        store.import_data({"attempts": history(n, questions)})
    store.close()
    return root


def _bare_screen():
    """Baseline: a screen with only a header, one line of text and a footer."""
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Bare(Screen):
        stats = {}

        def compose(self):
            yield Header()
            yield Static("통계")
            yield Footer()

    return Bare()


_FRAME: dict = {}


def _install_frame_hook() -> None:
    """Record when the first frame showing the gathered numbers is written to the terminal."""
    from textual.app import App

    if getattr(App, "_bench_hooked", False):
        return
    display = App._display

    def timed_display(self, screen, renderable):
        result = display(self, screen, renderable)
        watched = _FRAME.get("screen")
        if (renderable is not None and watched is not None and "at" not in _FRAME
                and getattr(watched, "stats", None) is not None and self.screen is watched):
            _FRAME["at"] = time.perf_counter()
        return result

    App._display = timed_display
    App._bench_hooked = True


async def _open_once(app, pilot, bare: bool = False) -> float:
    """Milliseconds from pushing the screen to the first frame that shows its numbers."""
    from tui.screens.dashboard import DashboardScreen

    _install_frame_hook()
    screen = _bare_screen() if bare else DashboardScreen()
    _FRAME.clear()
    _FRAME["screen"] = screen
    start = time.perf_counter()
    await app.push_screen(screen)
    while "at" not in _FRAME:
        await pilot.pause(0.001)
    elapsed = (_FRAME["at"] - start) * 1000
    _FRAME.clear()
    app.pop_screen()
    await pilot.pause()
    return elapsed


async def _dashboard_times(root: str, cold: bool, bare: bool = False) -> list[float]:
    from tui.app import create_app

    times = []
    if cold:
        for _ in range(RUNS):
            app = create_app(root)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                times.append(await _open_once(app, pilot, bare))
        return times
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await _open_once(app, pilot, bare)  # first open: imports plotext, reads the files
        for _ in range(RUNS):
            times.append(await _open_once(app, pilot, bare))
    return times


def bench_checks() -> list[tuple[str, float]]:
    from content import check_answer, load_catalog
    from mathcore import parse

    catalog = load_catalog()
    questions = {q.id: q for q in catalog.questions("vectors")}
    expr = questions["vectors-013"]  # 2x^2 + 2x + 5
    numeric = questions["vectors-002"]  # sqrt(54)
    # A different text every call, so no cache in the parser or grader can answer it.
    counter = iter(range(1, 10**6))
    # (x + 1)^2 is not expanded by SymPy's automatic simplification, so both checks go
    # through the sampling comparison at the 24 points (the real work of a check).
    def equivalent():
        k = next(counter)
        return f"(x + 1)^2 + x^2 + {4 + k} - {k}"

    def different():
        k = next(counter)
        return f"(x + 1)^2 + x^2 + {3 + k} - {k}"

    def number():
        k = next(counter)
        return f"sqrt(54) + {k} - {k}"

    assert check_answer(expr, equivalent()).correct and not check_answer(expr, different()).correct  # warm-up
    assert check_answer(numeric, number()).correct
    runs = max(30, RUNS * 5)
    return [
        ("parse an answer only (baseline)", median_ms(lambda: parse.parse_expression(equivalent(), ("x",)), runs)),
        ("numeric check (sqrt(54) + k - k)", median_ms(lambda: check_answer(numeric, number()), runs)),
        ("expression check, equivalent", median_ms(lambda: check_answer(expr, equivalent()), runs)),
        ("expression check, not equivalent", median_ms(lambda: check_answer(expr, different()), runs)),
    ]


def main() -> None:
    print(f"Quiz benchmarks (median of {RUNS} runs; checks: median of {max(30, RUNS * 5)})\n")
    empty, full = make_data(0), make_data(ATTEMPTS)
    rows = []
    for label, cold in (("cold: new app and store", True), ("warm: reopen", False)):
        bare = statistics.median(asyncio.run(_dashboard_times(full, cold, bare=True)))
        zero = statistics.median(asyncio.run(_dashboard_times(empty, cold)))
        big = statistics.median(asyncio.run(_dashboard_times(full, cold)))
        rows.append((f"bare screen (header+text+footer), {label} (baseline)", bare, 1.0))
        rows.append((f"dashboard, {label}, 0 attempts", zero, zero / bare))
        rows.append((f"dashboard, {label}, {ATTEMPTS:,} attempts", big, big / bare))
    checks = bench_checks()
    base = checks[0][1]
    rows += [(name, ms, ms / base) for name, ms in checks]

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement'.ljust(width)}  {'median ms':>10}  {'ratio':>7}")
    print("-" * (width + 21))
    for name, ms, ratio in rows:
        print(f"{name.ljust(width)}  {ms:10.1f}  {ratio:7.2f}")
    worst_dash = max(ms for name, ms, _r in rows if name.startswith("dashboard") and f"{ATTEMPTS:,}" in name)
    worst_check = max(ms for name, ms, _r in rows if name.startswith("expression"))
    print(f"\ntargets: dashboard ≤ 300 ms → {worst_dash:.0f} ms ({'ok' if worst_dash <= 300 else 'MISSED'}); "
          f"warm expression check ≤ 50 ms → {worst_check:.1f} ms ({'ok' if worst_check <= 50 else 'MISSED'})")


if __name__ == "__main__":
    main()
