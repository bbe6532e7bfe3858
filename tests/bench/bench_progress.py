"""Benchmark of the progress store (plain script: python tests/bench/bench_progress.py).

Prints medians of several runs:
* record_attempt with 0, 5,000 and 50,000 past attempts (ratio to the empty store), and
  a plain TinyDB insert (one JSON file, JSONStorage) at 5,000 / 50,000 documents as the
  naive baseline;
* open_store (in-process, and a fresh interpreter against a bare ``python -c pass``);
* the dashboard queries with 50,000 attempts, each and in total;
* the lock race: one process imports ``--import-n`` attempts (default 1,000,000) while
  another answers every 20 ms: the import's longest lock hold, the answerer's longest lock
  wait and record_attempt times during the import (``--import-only`` runs just this).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "progress")))

from progress import open_store  # noqa: E402
from store_helpers import run_race, write_export  # noqa: E402
import timing  # noqa: E402  (tests/bench/timing.py, beside this script)

RUNS = 15
LESSONS = [f"lesson{k:02d}" for k in range(20)]


def history(n: int, seed: int = 7) -> list[dict]:
    import random

    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(n):
        lesson = rng.choice(LESSONS)
        out.append(
            {
                "id": f"bench-{i:08d}",
                "question_id": f"{lesson}-{rng.randrange(30):03d}",
                "lesson_id": lesson,
                "correct": rng.random() < 0.7,
                "answer": str(rng.randrange(100)),
                "at": (start + timedelta(minutes=17 * i)).isoformat(),
                "hinted": rng.random() < 0.1,
            }
        )
    return out


def make_store(root: str, n: int):
    store = open_store(root)
    if n:
        store.import_data({"attempts": history(n)})
    return store


def median_ms(fn, runs: int = RUNS) -> float:
    return timing.median_ms(fn, runs)


def bench_record(root: str, n: int) -> float:
    store = make_store(root, n)
    store.record_attempt("warm-001", "warm", True)  # imports fsrs once
    k = iter(range(10**6))
    return median_ms(lambda: store.record_attempt(f"lesson03-{next(k) % 30:03d}", "lesson03", True, "42"))


def bench_plain_tinydb(root: str, n: int, runs: int) -> float:
    from tinydb import TinyDB

    path = os.path.join(root, "plain.json")
    db = TinyDB(path)
    db.insert_multiple(history(n))
    r = median_ms(lambda: db.insert({"question_id": "q", "lesson_id": "l", "correct": True}), runs)
    db.close()
    return r


def bench_subprocess_open(root: str) -> tuple[float, float]:
    code_open = f"import time; t=time.perf_counter(); import progress; progress.open_store({root!r}); print((time.perf_counter()-t)*1000)"
    # as after `pip install` (bytecode compiled), even if the dev shell disables .pyc files
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(root, "..", "pycache")
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    subprocess.run([sys.executable, "-c", code_open], check=True, capture_output=True, env=env, cwd=repo)
    base, full, inproc = [], [], []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code_open], check=True, capture_output=True, text=True, cwd=repo, env=env)
        full.append((time.perf_counter() - t) * 1000)
        inproc.append(float(out.stdout.strip()))
    return statistics.median(base), statistics.median(full), statistics.median(inproc)


def bench_import_race(tmp: str, n: int, rows: list) -> None:
    from pathlib import Path

    export = Path(tmp) / "race.json"
    t = time.perf_counter()
    write_export(export, n)
    rows.append((f"write an export of {n:,} attempts (setup)", (time.perf_counter() - t) * 1000, ""))
    imported, answered = run_race(Path(tmp) / "race", export, Path(tmp) / "race-done", timeout=3600)
    added = imported["result"]["added"]
    rows.append((f"import {n:,} attempts, total (another copy answering)", imported["seconds"] * 1000, f"added {added:,}"))
    rows.append(("  longest lock hold of one import transaction", imported["max_hold"] * 1000, f"{imported['chunks']} transactions"))
    rows.append(("  answerer: longest wait for the lock", answered["max_wait"] * 1000, "target <= 1000 ms"))
    rows.append(("  answerer: record_attempt median during the import", answered["median"] * 1000, f"{answered['n']} answers"))
    rows.append(("  answerer: record_attempt worst during the import", answered["max"] * 1000, ""))
    stored = len(open_store(Path(tmp) / "race").attempts("answers")) - 1
    rows.append(("  answers stored / given", float(stored), f"of {answered['n']}"))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--import-n", type=int, default=1_000_000)
    parser.add_argument("--import-only", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="aimath-bench-")
    rows: list[tuple[str, float, str]] = []
    try:
        if args.import_only:
            bench_import_race(tmp, args.import_n, rows)
            return
        rec = {}
        for n in (0, 5_000, 50_000):
            rec[n] = bench_record(os.path.join(tmp, f"rec{n}"), n)
            rows.append((f"record_attempt, {n:,} past attempts", rec[n], f"{rec[n] / rec[0]:.2f}x empty"))
        for n, runs in ((5_000, 7), (50_000, 3)):
            d = os.path.join(tmp, f"plain{n}")
            os.makedirs(d)
            plain = bench_plain_tinydb(d, n, runs)
            rows.append((f"plain TinyDB insert, {n:,} docs (baseline)", plain, f"{plain / rec[n]:.0f}x ours"))

        root = os.path.join(tmp, "rec50000")
        open_ms = median_ms(lambda: open_store(root))
        rows.append(("open_store in-process, 50,000 attempts", open_ms, ""))
        base, full, imp_open = bench_subprocess_open(root)
        rows.append(("python -c pass (baseline)", base, ""))
        rows.append(("python: import progress + open_store", full, f"{full / base:.2f}x bare"))
        rows.append(("  of which import + open_store", imp_open, ""))

        now = datetime(2027, 6, 1, tzinfo=timezone.utc)
        queries = {
            "lessons_done": lambda s: s.lessons_done(),
            "accuracy_by_lesson": lambda s: s.accuracy_by_lesson(),
            "attempts_per_day(60)": lambda s: s.attempts_per_day(60, now=now),
            "due_forecast(14)": lambda s: s.due_forecast(14, now=now),
            "streak": lambda s: s.streak(now=now),
            "weakest_questions(10)": lambda s: s.weakest_questions(10),
            "review_items": lambda s: s.review_items(now=now),
            "due_questions": lambda s: s.due_questions(now=now),
        }

        def dashboard() -> None:
            s = open_store(root)  # a fresh store: nothing cached from earlier runs
            for q in queries.values():
                q(s)

        total = median_ms(dashboard)
        for name, q in queries.items():
            s = open_store(root)
            ms = median_ms(lambda: q(s), 7)
            rows.append((f"  {name}", ms, "warm store"))
        rows.append(("dashboard total (fresh store, 50,000)", total, "target <= 300 ms"))
        rows.append(("attempts() all 50,000 (cold store)", median_ms(lambda: open_store(root).attempts(), 3), ""))
        bench_import_race(tmp, args.import_n, rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        _print(rows)


def _print(rows: list) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'median ms':>10}  note")
    for name, ms, note in rows:
        print(f"{name.ljust(width)}  {ms:10.2f}  {note}")


if __name__ == "__main__":
    main()
