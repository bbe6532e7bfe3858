"""Benchmark: time from the run key to result text and plots on screen, per panel, defaults.

Plain script (not collected by pytest):  python tests/bench/bench_panels.py [runs] [panel id ...]

For every panel a PanelView is mounted in a headless app at 120×40; after one warm-up run
(imports, SymPy caches) each run is timed from ``action_run`` to the refresh that shows the
result (``PanelView.Computed.seconds``). Long-running panels also report the time to their
first progress report. Also printed: the pure ``compute`` time, and the ratio of the median to a
baseline measured in the same run (one Static update + refresh in the same app), so numbers from
a loaded machine can be compared, and the CPU time of the whole process over the same span (UI
thread and compute worker): on a shared machine wall times swing several-fold with the load,
CPU time much less, so compare versions by ``cpu ms`` measured back to back.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual.widgets import Static  # noqa: E402

from tests.panels.panel_app import PanelTestApp  # noqa: E402
from tui.panels import all_panels  # noqa: E402
from tui.widgets.panel_view import PanelView  # noqa: E402

TARGET_MS = 200.0
PROGRESS_TARGET_MS = 100.0
_CPU: dict[str, float] = {}


def _record_cpu() -> None:
    """Wrap the run key and the "shown" callback to note the process CPU time at both."""
    run, announce = PanelView.action_run, PanelView._announce

    def action_run(self) -> None:
        _CPU["start"] = time.process_time()
        run(self)

    def _announce(self, started: float) -> None:
        _CPU["end"] = time.process_time()
        announce(self, started)

    PanelView.action_run, PanelView._announce = action_run, _announce


async def wait_for(pilot, condition, timeout=60.0):
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("panel did not finish")
        await pilot.pause(0.002)


async def measure(panel_id: str, runs: int) -> dict:
    app = PanelTestApp(panel_id)
    out: dict = {"id": panel_id}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(PanelView)
        base = app.query_one(".pv-title", Static)
        times, cpu, progress, indicator, baseline = [], [], [], [], []
        for i in range(runs + 1):
            app.computed.clear()
            view.action_run()
            await wait_for(pilot, lambda: app.computed)
            if not app.computed[0].ok:
                error = view.query_one("#pv-error", Static).render()
                raise RuntimeError(f"{panel_id} failed on defaults: {error}")
            if i == 0:
                continue  # warm-up
            times.append(app.computed[0].seconds)
            cpu.append(_CPU["end"] - _CPU["start"])
            if view.first_progress_seconds is not None:
                progress.append(view.first_progress_seconds)
            if view.indicator_seconds is not None:
                indicator.append(view.indicator_seconds)
            # Baseline: one trivial update and the refresh after it, same app and load.
            done: list[float] = []
            t0 = time.perf_counter()
            base.update(view.panel.title)
            view.call_after_refresh(lambda: done.append(time.perf_counter() - t0))
            await wait_for(pilot, lambda: done)
            baseline.append(done[0])
        out["median_ms"] = 1000 * statistics.median(times)
        out["cpu_ms"] = 1000 * statistics.median(cpu)
        out["progress_ms"] = 1000 * statistics.median(progress) if progress else None
        out["indicator_ms"] = 1000 * statistics.median(indicator) if indicator else None
        out["baseline_ms"] = 1000 * statistics.median(baseline)
    panel = all_panels()[panel_id]
    compute = []
    for _ in range(runs):
        t0 = time.perf_counter()
        panel.run()
        compute.append(time.perf_counter() - t0)
    out["compute_ms"] = 1000 * statistics.median(compute)
    out["long"] = panel.long_running
    return out


async def main(runs: int, only: list[str]) -> int:
    _record_cpu()
    rows = []
    for panel_id in only or all_panels():
        rows.append(await measure(panel_id, runs))
    print(f"panels: run key → result and plots shown, median of {runs} runs at 120×40 (after one warm-up)")
    print(f"{'panel':<30}{'shown ms':>10}{'cpu ms':>9}{'compute ms':>12}{'bar ms':>8}{'1st report':>12}"
          f"{'baseline ms':>13}{'ratio':>8}  ok")
    failures = 0
    for r in rows:
        if r["long"]:
            ok = r["indicator_ms"] is not None and r["indicator_ms"] <= PROGRESS_TARGET_MS
        else:
            ok = r["median_ms"] <= TARGET_MS
        failures += not ok
        prog = f"{r['progress_ms']:.1f}" if r["progress_ms"] is not None else "-"
        bar = f"{r['indicator_ms']:.1f}" if r["long"] and r["indicator_ms"] is not None else "-"
        print(f"{r['id']:<30}{r['median_ms']:>10.1f}{r['cpu_ms']:>9.1f}{r['compute_ms']:>12.1f}{bar:>8}{prog:>12}"
              f"{r['baseline_ms']:>13.1f}{r['median_ms'] / r['baseline_ms']:>8.1f}  {'yes' if ok else 'NO'}")
    print(f"targets: ≤ {TARGET_MS:.0f} ms shown; long runs (MLP, SGD, Monte Carlo) progress bar on screen ≤ "
          f"{PROGRESS_TARGET_MS:.0f} ms.  {len(rows) - failures}/{len(rows)} within target")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(asyncio.run(main(int(args[0]) if args else 5, args[1:])))
