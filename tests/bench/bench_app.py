"""Benchmarks of the app shell: start-up, opening lessons, memory.

Run: ``python tests/bench/bench_app.py`` (from the project root, with the project installed or
importable). Prints medians of several runs and ratios against baselines measured in the same
run:

* start-up: time for a process to start the app headless, show the first lesson and exit,
  against a bare Textual app with a ListView and a Markdown widget doing the same;
* first open: time from ``open_lesson`` until the lesson is on screen, with every cache empty
  (parsed tokens, rendered lines, converted body), for every lesson;
* re-open: the same after the lesson has been opened once at this width;
* peak RSS of the app after opening every lesson, against the bare app's.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

BASELINE = r'''
import resource, sys, time
from textual.app import App
from textual.widgets import Label, ListItem, ListView, Markdown

class Bare(App):
    def compose(self):
        yield ListView(*[ListItem(Label(f"강의 {i}")) for i in range(11)])
        yield Markdown("## 벡터\n\n벡터는 숫자를 나열한 것입니다. **노름**은 크기를 잽니다.")

async def pilot(p):
    await p.pause()
    p.app.exit()

Bare().run(headless=True, size=(120, 40), auto_pilot=pilot)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
'''

OURS = r'''
import resource, sys
from tui.app import create_app

app = create_app(sys.argv[1])

async def pilot(p):
    await p.pause()
    reader = p.app.screen.query_one("#reader")
    assert reader.rendered is not None and reader.rendered.lines, "no lesson shown"
    p.app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=pilot)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
'''


def _run(code: str, *args: str) -> tuple[float, int]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.perf_counter() - start
    return elapsed, int(out.stdout.strip().splitlines()[-1])


def bench_startup() -> dict:
    base_t, ours_t, base_rss, ours_rss = [], [], [], []
    with tempfile.TemporaryDirectory() as data:
        _run(OURS, data)  # first run writes the store and warms the OS file cache
        _run(BASELINE)
        for _ in range(RUNS):
            t, rss = _run(BASELINE)
            base_t.append(t)
            base_rss.append(rss)
            t, rss = _run(OURS, data)
            ours_t.append(t)
            ours_rss.append(rss)
    return {
        "baseline_s": statistics.median(base_t),
        "ours_s": statistics.median(ours_t),
        "ratio": statistics.median(ours_t) / statistics.median(base_t),
        "baseline_rss_mb": statistics.median(base_rss) / 1024,
        "startup_rss_mb": statistics.median(ours_rss) / 1024,
    }


async def _bench_open() -> tuple[dict, float]:
    import resource

    sys.path.insert(0, str(ROOT))
    from tui.app import create_app

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as data:
        app = create_app(data)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            reader = screen.query_one("#reader")
            lessons = app.catalog.lessons
            for lesson in lessons:
                first, again = [], []
                for _ in range(RUNS):
                    app.render_cache.tokens.clear()
                    app.render_cache.clear_renders()
                    _drop_body_cache(lesson)
                    other = lessons[0] if lesson is not lessons[0] else lessons[1]
                    app.action_open_lesson(other.id)
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                    app.render_cache.tokens.pop(lesson.id, None)
                    app.render_cache.clear_renders()
                    _drop_body_cache(lesson)
                    t0 = time.perf_counter()
                    app.action_open_lesson(lesson.id)
                    await pilot.pause()
                    first.append(time.perf_counter() - t0)
                    assert reader.lesson_id == lesson.id and reader.rendered.lines
                    await app.workers.wait_for_complete()
                    app.action_open_lesson(other.id)
                    await pilot.pause()
                    t0 = time.perf_counter()
                    app.action_open_lesson(lesson.id)
                    await pilot.pause()
                    again.append(time.perf_counter() - t0)
                    await app.workers.wait_for_complete()
                size = len(lesson.path.read_bytes()) if hasattr(lesson, "path") else 0
                results[lesson.id] = {"kb": size / 1024, "first_ms": 1000 * statistics.median(first),
                                      "reopen_ms": 1000 * statistics.median(again)}
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results, rss


def _drop_body_cache(lesson) -> None:
    """Forget a lesson's converted body so 'first open' includes formula conversion."""
    for name in ("_body", "_body_cache"):
        if hasattr(lesson, name):
            setattr(lesson, name, None)
    clear = getattr(type(lesson), "clear_cache", None) or getattr(lesson, "clear_cache", None)
    if callable(clear):
        clear()


def main() -> None:
    print(f"aimath app benchmarks — median of {RUNS} runs\n")
    s = bench_startup()
    print("start-up (process start → first lesson shown → exit)")
    print(f"  bare Textual app (ListView + Markdown) {s['baseline_s'] * 1000:8.1f} ms")
    print(f"  aimath                                 {s['ours_s'] * 1000:8.1f} ms")
    print(f"  ratio                                  {s['ratio']:8.3f}   (target ≤ 1.10)")
    print(f"  peak RSS bare / aimath at start        {s['baseline_rss_mb']:6.1f} / {s['startup_rss_mb']:.1f} MB\n")
    results, rss = asyncio.run(_bench_open())
    print(f"{'lesson':<16}{'KB':>7}{'first open ms':>16}{'re-open ms':>13}")
    for lesson_id, r in sorted(results.items(), key=lambda kv: -kv[1]["kb"]):
        print(f"{lesson_id:<16}{r['kb']:7.1f}{r['first_ms']:16.1f}{r['reopen_ms']:13.1f}")
    largest = max(results.values(), key=lambda r: r["kb"])
    print(f"\nlargest lesson: first open {largest['first_ms']:.1f} ms (target ≤ 100), "
          f"re-open {largest['reopen_ms']:.1f} ms (target ≤ 30)")
    print(f"max re-open over all lessons: {max(r['reopen_ms'] for r in results.values()):.1f} ms")
    print(f"peak RSS after opening every lesson: {rss:.1f} MB")


if __name__ == "__main__":
    main()
