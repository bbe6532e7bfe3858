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

# Both children record when their first frame, and their first frame showing a lesson, is
# written to the (headless) terminal.
FRAME_HOOK = r'''
import time
from textual.app import App as _App
FRAMES = {}
_display = _App._display
def _timed_display(self, screen, renderable):
    if renderable is not None:
        if "first" not in FRAMES:
            FRAMES["first"] = time.time()
            FRAMES["first_cpu"] = time.process_time()
        if FRAMES.get("wanted") and "lesson" not in FRAMES and FRAMES["wanted"](self):
            FRAMES["lesson"] = time.time()
            FRAMES["lesson_cpu"] = time.process_time()
    return _display(self, screen, renderable)
_App._display = _timed_display
'''

BASELINE = FRAME_HOOK + r'''
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
print(FRAMES["first"], FRAMES["first"], FRAMES["first_cpu"], FRAMES["first_cpu"],
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
'''

OURS = FRAME_HOOK + r'''
import resource, sys, time
from tui.app import create_app

def lesson_on_screen(app):
    reader = app.main_screen.reader
    return reader is not None and reader.rendered is not None and bool(reader.rendered.lines)

FRAMES["wanted"] = lesson_on_screen
app = create_app(sys.argv[1])

async def pilot(p):
    while "lesson" not in FRAMES:
        await p.pause(0.005)
    p.app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=pilot)
print(FRAMES["first"], FRAMES["lesson"], FRAMES["first_cpu"], FRAMES["lesson_cpu"],
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
'''


def _run(code: str, *args: str) -> tuple[float, float, float, float, int]:
    """Seconds to the first frame and to the first frame with a lesson (wall clock, then CPU
    time of the process, which a busy machine disturbs less), and peak RSS in KB."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)  # an installed copy would have its bytecode compiled, so allow it here
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         cwd=ROOT, check=True, env=env)
    ready, shown, ready_cpu, shown_cpu, rss = out.stdout.strip().splitlines()[-1].split()
    return float(ready) - start, float(shown) - start, float(ready_cpu), float(shown_cpu), int(rss)


def bench_startup() -> dict:
    rows: dict[str, list] = {"base": [], "ours": []}
    with tempfile.TemporaryDirectory() as data:
        _run(OURS, data)  # first run writes the store and the body cache, warms the file cache
        _run(BASELINE)
        for _ in range(RUNS):
            rows["base"].append(_run(BASELINE))
            rows["ours"].append(_run(OURS, data))

    def med(which: str, column: int) -> float:
        return statistics.median(row[column] for row in rows[which])

    return {
        "baseline_s": med("base", 0), "ours_s": med("ours", 0), "shown_s": med("ours", 1),
        "ratio": med("ours", 0) / med("base", 0),
        "baseline_cpu_s": med("base", 2), "ours_cpu_s": med("ours", 2), "shown_cpu_s": med("ours", 3),
        "cpu_ratio": med("ours", 2) / med("base", 2),
        "baseline_rss_mb": med("base", 4) / 1024, "startup_rss_mb": med("ours", 4) / 1024,
    }


async def _bench_open() -> tuple[dict, float]:
    import resource
    import shutil

    sys.path.insert(0, str(ROOT))
    from tui.app import create_app

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as data:
        app = create_app(data)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            reader = app.screen.query_one("#reader")
            lessons = app.catalog.lessons

            # Time to the first frame written to the terminal that shows the lesson.
            from textual.app import App

            frame: dict = {}
            display = App._display

            def timed_display(self, screen, renderable):
                result = display(self, screen, renderable)
                if renderable is not None and frame.get("want") and reader.lesson_id == frame["want"]:
                    frame["at"] = time.perf_counter()
                    frame["want"] = None
                return result

            App._display = timed_display

            async def open_timed(lesson, forget_memory: bool, forget_disk: bool) -> float:
                other = lessons[0] if lesson is not lessons[0] else lessons[1]
                app.action_open_lesson(other.id)
                await pilot.pause()
                await app.workers.wait_for_complete()
                if forget_memory:
                    app.services.render_cache.tokens.pop(lesson.id, None)
                    app.services.render_cache.clear_renders()
                    lesson._body = None
                if forget_disk:
                    shutil.rmtree(app.services.body_cache_dir, ignore_errors=True)
                frame["want"] = lesson.id
                t0 = time.perf_counter()
                app.action_open_lesson(lesson.id)
                await pilot.pause()
                assert reader.lesson_id == lesson.id and reader.rendered.lines and "at" in frame
                elapsed = frame.pop("at") - t0
                await app.workers.wait_for_complete()
                return elapsed

            for lesson in lessons:
                cold = [await open_timed(lesson, True, True) for _ in range(RUNS)]
                first = [await open_timed(lesson, True, False) for _ in range(RUNS)]
                again = [await open_timed(lesson, False, False) for _ in range(RUNS)]
                results[lesson.id] = {"kb": len(lesson.path.read_bytes()) / 1024,
                                      "cold_ms": 1000 * statistics.median(cold),
                                      "first_ms": 1000 * statistics.median(first),
                                      "reopen_ms": 1000 * statistics.median(again)}
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results, rss


def main() -> None:
    print(f"aimath app benchmarks — median of {RUNS} runs\n")
    s = bench_startup()
    print("start-up (process start → first frame written to the terminal)")
    print(f"  bare Textual app (ListView + Markdown) {s['baseline_s'] * 1000:8.1f} ms")
    print(f"  aimath                                 {s['ours_s'] * 1000:8.1f} ms")
    print(f"  ratio                                  {s['ratio']:8.3f}   (target ≤ 1.10)")
    print(f"  aimath, first frame with the lesson    {s['shown_s'] * 1000:8.1f} ms "
          f"(ratio {s['shown_s'] / s['baseline_s']:.3f})")
    print("  the same in CPU time of the process (less disturbed by a busy machine):")
    print(f"  bare / aimath / aimath with lesson     {s['baseline_cpu_s'] * 1000:.1f} / "
          f"{s['ours_cpu_s'] * 1000:.1f} / {s['shown_cpu_s'] * 1000:.1f} ms, "
          f"ratio {s['cpu_ratio']:.3f} / {s['shown_cpu_s'] / s['baseline_cpu_s']:.3f}")
    print(f"  peak RSS bare / aimath at start        {s['baseline_rss_mb']:6.1f} / {s['startup_rss_mb']:.1f} MB\n")
    results, rss = asyncio.run(_bench_open())
    print("opening a lesson (open_lesson → first frame showing it written to the terminal).")
    print("first open: nothing in memory, converted")
    print("body on disk; cold: not even that (formula conversion included); re-open: cached lines")
    print(f"{'lesson':<16}{'KB':>7}{'cold ms':>10}{'first open ms':>16}{'re-open ms':>13}")
    for lesson_id, r in sorted(results.items(), key=lambda kv: -kv[1]["kb"]):
        print(f"{lesson_id:<16}{r['kb']:7.1f}{r['cold_ms']:10.1f}{r['first_ms']:16.1f}{r['reopen_ms']:13.1f}")
    largest = max(results.values(), key=lambda r: r["kb"])
    print(f"\nlargest lesson: first open {largest['first_ms']:.1f} ms (target ≤ 100), "
          f"cold {largest['cold_ms']:.1f} ms, re-open {largest['reopen_ms']:.1f} ms (target ≤ 30)")
    print(f"max re-open over all lessons: {max(r['reopen_ms'] for r in results.values()):.1f} ms")
    print(f"peak RSS after opening every lesson: {rss:.1f} MB")


if __name__ == "__main__":
    main()
