"""The one timer of the benchmark scripts: the median of several runs, in milliseconds."""

from __future__ import annotations

import statistics
import time


def median_ms(fn, runs: int) -> float:
    """Call ``fn()`` ``runs`` times; the median wall time in ms (a median resists one slow run)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
