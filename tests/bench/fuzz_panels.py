"""Fuzz benchmark: ≥ 400 hostile inputs per panel through the real PanelView under Pilot.

Plain script (not collected by pytest):  python tests/bench/fuzz_panels.py [per_panel] [panel id ...]

For every panel one headless app (100×40) runs ``per_panel`` generated inputs (poles, logs of
0 and negatives, 1e308, nan, inf, empty, huge sizes and counts, wrong shapes, mixed
separators; see ``tests/panels/fuzz_inputs.py``). After every run the app must be alive and
show a result or a Korean message (no Latin-script exception name, no traceback), and the UI
must never freeze: no short pause of the test driver may last over ``FREEZE`` seconds with the UI
thread busy for most of it. Printed per
panel: runs, results, input errors, other Korean messages (the crash barrier), runs cancelled
after the time limit, failures (every one is listed with its input), the most CPU the UI thread
spent in one pause (``busy ms``), and
the median seconds per run. Exit status 1 when anything failed.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "panels"))

from textual.widgets import Static  # noqa: E402

from fuzz_inputs import LATIN_ERROR, generate  # noqa: E402
from panel_app import PanelTestApp  # noqa: E402
from tui.panels import all_panels  # noqa: E402
from tui.widgets.panel_view import PanelView  # noqa: E402

TIMEOUT = 4.0  # seconds; a legitimately long run is cancelled with Esc (that counts as a result)
FREEZE = 1.0  # seconds; a longer pause of the driver means the UI thread was blocked


def shown(view: PanelView) -> str:
    parts = [str(view.query_one(s, Static).render()) for s in ("#pv-result", "#pv-error", "#pv-status")]
    parts += [str(err.render()) for err in view.query(".pv-field-error.-visible")]
    return "\n".join(parts)


async def _timed_pause(pilot, delay: float | None = None) -> tuple[float, float]:
    """Pause the driver: (the UI thread's CPU seconds in it, the same when it is a freeze else 0).

    On a shared machine a pause can take long in wall time while the process waits for a core;
    only a pause in which the UI thread itself was busy for more than half of ``FREEZE`` is a
    freeze (the event loop and the app run on this thread).
    """
    started, cpu = time.perf_counter(), time.thread_time()
    await pilot.pause(delay)
    busy = time.thread_time() - cpu
    return busy, (busy if time.perf_counter() - started > FREEZE and busy > FREEZE / 2 else 0.0)


async def _run_one(pilot, view: PanelView, values: dict[str, str]) -> tuple[bool, float, float]:
    """Type ``values``, run, wait (cancel after TIMEOUT): (cancelled, longest UI-busy pause, freeze)."""
    for name, text in values.items():
        field = view.panel.field(name)
        if not field.choices or text in field.choices:  # a selector cannot hold other text
            view.set_value(name, text)
    pauses = [await _timed_pause(pilot)]
    started = time.perf_counter()
    view.action_run()
    while view.running and time.perf_counter() - started < TIMEOUT:
        pauses.append(await _timed_pause(pilot, 0.005))
    cancelled = view.running
    if cancelled:
        await pilot.press("escape")
    pauses.append(await _timed_pause(pilot))
    return cancelled, max(p[0] for p in pauses), max(p[1] for p in pauses)


def _verdict(app, view: PanelView, cancelled: bool, freeze: float) -> str:
    """The tally key of one run ("fail: …" when the run broke a rule)."""
    text = shown(view)
    if not app.is_running:
        return "fail: the app ended"
    if not text.strip():
        return "fail: nothing shown"
    if LATIN_ERROR.search(text):
        return f"fail: {text[:200]!r}"
    if freeze:
        return f"fail: UI thread busy for {freeze:.2f} s in one pause (freeze)"
    if cancelled:
        return "cancelled"
    if view.query(".pv-field-error.-visible"):
        return "input"
    if view.query_one("#pv-error").display:
        return "other" if "예상하지 못한" in text else "input"
    return "results"


async def fuzz(panel_id: str, count: int) -> dict:
    app = PanelTestApp(panel_id)
    tally = {"id": panel_id, "runs": 0, "results": 0, "input": 0, "other": 0, "cancelled": 0, "fail": 0}
    times: list[float] = []
    stalls: list[float] = []
    failures: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(PanelView)
        for values in generate(view.panel, count, seed=1):
            started = time.perf_counter()
            try:
                cancelled, stall, freeze = await _run_one(pilot, view, values)
                verdict = _verdict(app, view, cancelled, freeze)
            except Exception as err:  # noqa: BLE001 - the driver itself broke: the app did
                verdict, stall = f"fail: {type(err).__name__}: {err}"[:200], 0.0
            times.append(time.perf_counter() - started)
            stalls.append(stall)
            tally["runs"] += 1
            if verdict.startswith("fail"):
                tally["fail"] += 1
                failures.append(f"{verdict} <- {values!r}")
                if not app.is_running:
                    break
            else:
                tally[verdict] += 1
    tally["median_s"] = statistics.median(times) if times else 0.0
    tally["stall_s"] = max(stalls, default=0.0)
    tally["failures"] = failures
    return tally


async def main(count: int, only: list[str]) -> int:
    rows = []
    header = (f"{'panel':<30}{'runs':>6}{'results':>9}{'input':>8}{'other':>8}{'cancel':>7}{'fail':>6}"
              f"{'busy ms':>10}{'median ms':>11}")
    print(header, flush=True)
    for panel_id in only or all_panels():
        rows.append(await fuzz(panel_id, count))
        r = rows[-1]
        print(f"{r['id']:<30}{r['runs']:>6}{r['results']:>9}{r['input']:>8}{r['other']:>8}{r['cancelled']:>7}"
              f"{r['fail']:>6}{r['stall_s'] * 1000:>10.0f}{r['median_s'] * 1000:>11.1f}", flush=True)
        for failure in r["failures"]:
            print("    FAIL", failure, flush=True)
    total = {k: sum(r[k] for r in rows) for k in ("runs", "results", "input", "other", "cancelled", "fail")}
    print(header)
    print(f"total: {total}")
    return 1 if total["fail"] else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(asyncio.run(main(int(args[0]) if args else 400, args[1:])))
