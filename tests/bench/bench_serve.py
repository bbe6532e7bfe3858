"""Benchmark of ``aimath serve`` in a headless Chromium against the same app in a terminal (tmux).

Run: ``python tests/bench/bench_serve.py`` (needs chromium, chromium-driver, selenium and tmux).
Prints medians and the browser/terminal ratio measured in the same run:

* start to first frame: from starting ``aimath serve`` (browser already running) until the main
  screen (``학습 진도``) reaches the page, against starting ``python -m tui`` in a tmux pane until
  the pane shows it;
* key to screen change: ``n``/``p`` (next/previous lesson) alternately; in the browser from the
  page's keydown to the first websocket frame of the new screen (timestamps taken inside the
  page), in tmux from ``send-keys`` until ``capture-pane`` shows a different screen (so the tmux
  figure includes one ``capture-pane`` poll, a few ms).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "tui"))

from serve_helpers import READY_TEXT, Served, browser, find_browser, open_page, press, wait_for  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
KEYS = int(os.environ.get("BENCH_KEYS", "10"))
SIZE = (142, 36)  # what the 1280×800 headless window gives the page


def browser_start(paths) -> list[float]:
    times = []
    with browser(*paths) as driver:
        for _ in range(RUNS):
            data = Path(tempfile.mkdtemp(prefix="bench-serve-"))
            start = time.perf_counter()
            server = Served(data)
            open_page(driver, server.url)
            wait_for(driver, READY_TEXT, timeout=60)
            times.append(time.perf_counter() - start)
            driver.get("about:blank")
            server.stop()
            shutil.rmtree(data, ignore_errors=True)
    return times


LATENCIES = """
const a = window.__aimath;
return a.keys.map(k => { const t = a.times.find(m => m > k); return t === undefined ? null : t - k; });
"""


def browser_keys(paths) -> list[float]:
    data = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    server = Served(data)
    try:
        with browser(*paths) as driver:
            open_page(driver, server.url)
            wait_for(driver, READY_TEXT, timeout=60)
            time.sleep(2)  # let the first lesson finish rendering
            for i in range(KEYS):
                press(driver, "np"[i % 2])
                time.sleep(1.0)
            latencies = driver.execute_script(LATENCIES)
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)
    return [x / 1000 for x in latencies if x is not None]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def terminal_start_and_keys() -> tuple[list[float], list[float]]:
    starts, keys = [], []
    session = f"aimath-bench-{os.getpid()}"
    command = f"cd {ROOT} && {sys.executable} -m tui --data-dir {{data}}"
    for run in range(RUNS):
        data = Path(tempfile.mkdtemp(prefix="bench-tui-"))
        start = time.perf_counter()
        tmux("new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
             command.format(data=data))
        try:
            while READY_TEXT not in tmux("capture-pane", "-p", "-t", session):
                if time.perf_counter() - start > 60:
                    raise RuntimeError("the app never started in tmux")
                time.sleep(0.005)
            starts.append(time.perf_counter() - start)
            if run == 0:
                time.sleep(2)
                for i in range(KEYS):
                    before = tmux("capture-pane", "-p", "-t", session)
                    sent = time.perf_counter()
                    tmux("send-keys", "-t", session, "np"[i % 2])
                    while tmux("capture-pane", "-p", "-t", session) == before:
                        if time.perf_counter() - sent > 10:
                            break
                    keys.append(time.perf_counter() - sent)
                    time.sleep(1.0)
        finally:
            tmux("kill-session", "-t", session)
            shutil.rmtree(data, ignore_errors=True)
    return starts, keys


def main() -> int:
    paths = find_browser()
    if isinstance(paths, str) or shutil.which("tmux") is None:
        print(f"skipped: {paths if isinstance(paths, str) else 'tmux is not installed'}")
        return 1
    rows = []
    browser_starts = browser_start(paths)
    browser_latency = browser_keys(paths)
    terminal_starts, terminal_latency = terminal_start_and_keys()
    rows.append(("start → first frame", browser_starts, terminal_starts))
    rows.append(("key → screen change", browser_latency, terminal_latency))
    print(f"{'':24} {'browser (median)':>18} {'terminal (median)':>18} {'ratio':>7}   runs")
    for name, web, term in rows:
        b, t = statistics.median(web), statistics.median(term)
        print(f"{name:24} {b * 1000:15.0f} ms {t * 1000:15.0f} ms {b / t:7.2f}   {len(web)}/{len(term)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
