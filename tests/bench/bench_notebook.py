"""Benchmark: 계산 노트 — one line typed to its result on screen, and restoring 500 lines.

Plain script (not collected by pytest):  python tests/bench/bench_notebook.py [runs]

* Line to screen: for each typical line, the time from Enter to the refresh that shows its
  cell (median over runs), against a baseline in the same app: one Static mounted and
  refreshed.
* Restore: opening the notebook with 500 saved lines (recomputed on open) to the refresh that
  shows them, against mounting 500 plain Statics in the same app.
* Worst case over the hostile lines of the engine tests: the slowest refusal.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import Static  # noqa: E402

from tui.app import create_app  # noqa: E402
from tui.screens.notebook import NotebookCell, NotebookInput, NotebookScreen  # noqa: E402

TYPICAL = [
    "A = [[1, 2], [3, 4]]", "B = [[2, 0], [1, 3]]", "A @ B", "inv(A)", "det(A)", "A'",
    "U, S, Vt = svd(A)", "eig([[2, 1], [1, 2]])", "norm([3, 4], 1)", "softmax([1, 2, 3])",
    "f = x^2 + 2x + 3", "diff(f, x)", "grad(x^2 y, [x, y])", "hessian(x^2 y + y^3, [x, y])",
    "integrate(exp(-x^2), x, -5, 5)", "f(1)", "kl([0.5, 0.5], [0.9, 0.1])",
    "corr([1, 2, 3, 4], [1, 0, -1])", "plot(f, x, -3, 3)", "plot([1, 4, 9, 16])",
]
RESTORE_LINES = 500


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for(pilot, condition, timeout=60.0):
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("notebook did not finish")
        await pilot.pause(0.001)


async def line_times(runs: int) -> tuple[list[float], list[float]]:
    data = Path(tempfile.mkdtemp()) / "data"
    app = create_app(data)
    times, baseline = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("ctrl+n")
        await _settle(pilot)
        screen: NotebookScreen = app.screen
        field = screen.query_one(NotebookInput)
        cells = screen.query_one("#notebook-cells", VerticalScroll)
        for i in range(runs + 1):
            for line in TYPICAL:
                before = len(screen.query(NotebookCell))
                shown: list[float] = []
                field.value = line
                t0 = time.perf_counter()
                await pilot.press("enter")
                await wait_for(pilot, lambda: len(screen.query(NotebookCell)) > before)
                screen.call_after_refresh(lambda: shown.append(time.perf_counter() - t0))
                await wait_for(pilot, lambda: shown)
                if i:
                    times.append(shown[0])
            if i:
                done: list[float] = []
                t0 = time.perf_counter()
                await cells.mount(Static("기준"))
                screen.call_after_refresh(lambda: done.append(time.perf_counter() - t0))
                await wait_for(pilot, lambda: done)
                baseline.append(done[0])
    return times, baseline


async def restore_time() -> tuple[float, float]:
    data = Path(tempfile.mkdtemp()) / "data"
    lines = [TYPICAL[i % len(TYPICAL)] for i in range(RESTORE_LINES)]
    app = create_app(data)
    app.store.set_setting("notebook", lines)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        t0 = time.perf_counter()
        await pilot.press("ctrl+n")
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.outputs) == RESTORE_LINES and len(screen.query(NotebookCell)) > 0)
        shown: list[float] = []
        screen.call_after_refresh(lambda: shown.append(time.perf_counter() - t0))
        await wait_for(pilot, lambda: shown)
        restore = shown[0]
        cells = screen.query_one("#notebook-cells", VerticalScroll)
        await cells.remove_children()
        t0 = time.perf_counter()
        await cells.mount_all([Static(f"기준 {i}\n결과") for i in range(RESTORE_LINES)])
        base: list[float] = []
        screen.call_after_refresh(lambda: base.append(time.perf_counter() - t0))
        await wait_for(pilot, lambda: base)
    return restore, base[0]


def hostile_worst() -> tuple[float, str]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mathcore"))
    from test_notebook import HOSTILE

    from mathcore.notebook import Notebook

    nb = Notebook()
    worst, which = 0.0, ""
    for line in HOSTILE:
        t0 = time.perf_counter()
        nb.run(line)
        elapsed = time.perf_counter() - t0
        if elapsed > worst:
            worst, which = elapsed, line
    return worst, which


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_RUNS", 3))
    times, baseline = asyncio.run(line_times(runs))
    line_ms, base_ms = 1000 * statistics.median(times), 1000 * statistics.median(baseline)
    print(f"line typed → result on screen: median {line_ms:.1f} ms over {len(times)} lines "
          f"(worst {1000 * max(times):.1f} ms); baseline one Static mounted {base_ms:.1f} ms; "
          f"ratio {line_ms / base_ms:.1f}×")
    restore, base = asyncio.run(restore_time())
    print(f"restore {RESTORE_LINES} lines (recomputed) → on screen: {1000 * restore:.0f} ms; "
          f"baseline {RESTORE_LINES} Statics mounted {1000 * base:.0f} ms; ratio {restore / base:.1f}×")
    worst, which = hostile_worst()
    print(f"slowest hostile line refused: {1000 * worst:.1f} ms ({which[:40]!r})")


if __name__ == "__main__":
    main()
