"""Fuzz benchmark: ≥ 400 hostile inputs per panel through the real PanelView under Pilot.

Plain script (not collected by pytest):  python tests/bench/fuzz_panels.py [per_panel]

For every panel one headless app (100×40) runs ``per_panel`` generated inputs (poles, logs of
0 and negatives, 1e308, nan, inf, empty, huge sizes and counts, wrong shapes, mixed
separators; see ``tests/panels/fuzz_inputs.py``). After every run the app must be alive and
show a result or a Korean message (no Latin-script exception name, no traceback). Printed per
panel: runs, results, input errors, other Korean messages (the crash barrier), runs cancelled
after the time limit, failures; and the median seconds per run.
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

TIMEOUT = 5.0


def shown(view: PanelView) -> str:
    parts = [str(view.query_one(s, Static).render()) for s in ("#pv-result", "#pv-error", "#pv-status")]
    parts += [str(err.render()) for err in view.query(".pv-field-error.-visible")]
    return "\n".join(parts)


async def fuzz(panel_id: str, count: int) -> dict:
    app = PanelTestApp(panel_id)
    tally = {"id": panel_id, "runs": 0, "results": 0, "input": 0, "other": 0, "cancelled": 0, "fail": 0}
    times: list[float] = []
    failures: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(PanelView)
        for values in generate(view.panel, count, seed=1):
            for name, text in values.items():
                field = view.panel.field(name)
                if not field.choices or text in field.choices:
                    view.set_value(name, text)
            await pilot.pause()
            started = time.perf_counter()
            before = view.result
            view.action_run()
            while view.running and time.perf_counter() - started < TIMEOUT:
                await pilot.pause(0.005)
            cancelled = view.running
            if cancelled:
                await pilot.press("escape")
            await pilot.pause()
            times.append(time.perf_counter() - started)
            tally["runs"] += 1
            text = shown(view)
            ok = app.is_running and text.strip() and not LATIN_ERROR.search(text)
            if not ok:
                tally["fail"] += 1
                failures.append(f"{values!r}: {text[:200]!r}")
            elif cancelled:
                tally["cancelled"] += 1
            elif view.query(".pv-field-error.-visible"):
                tally["input"] += 1
            elif view.query_one("#pv-error").display:
                tally["other" if "예상하지 못한" in text else "input"] += 1
            elif view.result is not None and view.result is not before:
                tally["results"] += 1
            else:
                tally["results"] += 1
    tally["median_s"] = statistics.median(times) if times else 0.0
    tally["failures"] = failures[:3]
    return tally


async def main(count: int) -> int:
    rows = []
    for panel_id in all_panels():
        rows.append(await fuzz(panel_id, count))
        r = rows[-1]
        print(f"{r['id']:<28}{r['runs']:>6}{r['results']:>9}{r['input']:>8}{r['other']:>8}{r['cancelled']:>7}"
              f"{r['fail']:>6}{r['median_s'] * 1000:>10.1f}", flush=True)
        for failure in r["failures"]:
            print("    FAIL", failure)
    total = {k: sum(r[k] for r in rows) for k in ("runs", "results", "input", "other", "cancelled", "fail")}
    print(f"{'panel':<28}{'runs':>6}{'results':>9}{'input':>8}{'other':>8}{'cancel':>7}{'fail':>6}{'median ms':>10}")
    print(f"total: {total}")
    return 1 if total["fail"] else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)))
