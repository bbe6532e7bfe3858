"""Shared helpers of the progress tests."""

import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def folder_state(root) -> dict:
    """Every entry under ``root`` → sha1 of its bytes (or its kind): "no byte changed" checks."""
    out = {}
    for base, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(base, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                out[rel] = "link:" + os.readlink(path)
            elif os.path.isfile(path):
                with open(path, "rb") as fh:
                    out[rel] = hashlib.sha1(fh.read()).hexdigest()
            else:
                out[rel] = "dir"
    return out


def strict_json(text: str):
    """json.loads that fails on NaN/Infinity (what other tools accept)."""

    def bad(name):
        raise ValueError(name)

    return json.loads(text, parse_constant=bad)


def attempt(k: int, **over) -> dict:
    a = {"question_id": f"q-{k % 7}", "lesson_id": f"l{k % 3}", "correct": k % 4 != 0, "answer": str(k),
         "at": f"2025-03-{1 + k % 28:02d}T{k % 24:02d}:00:00+00:00", "hinted": k % 5 == 0}
    a.update(over)
    return a


IMPORTER = """
import json, sys, time
from progress import open_store
s = open_store(sys.argv[1])
print("ready", flush=True)
t = time.perf_counter()
result = s.import_json(sys.argv[2])
holds = s.import_lock_holds()
print(json.dumps({"result": result, "seconds": time.perf_counter() - t, "max_hold": max(holds), "chunks": len(holds)}), flush=True)
"""

ANSWERER = """
import json, os, sys, time
from progress import open_store
s = open_store(sys.argv[1])
s.record_attempt("warm", "answers", True)
times, n = [], 0
while not os.path.exists(sys.argv[2]) or n < 5:
    t = time.perf_counter()
    s.record_attempt(f"answer-{n % 5}", "answers", n % 2 == 0, answer=f"a{n}")
    times.append(time.perf_counter() - t)
    n += 1
    time.sleep(0.02)
times.sort()
print(json.dumps({"n": n, "max": times[-1], "median": times[len(times) // 2], "max_wait": max(s.lock_waits())}), flush=True)
"""


def write_export(path, n):
    """An export document of ``n`` attempts over 20 lessons (for the lock race)."""
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    attempts = [
        {"id": f"imp-{i:08d}", "question_id": f"l{i % 20:02d}-{i % 30:03d}", "lesson_id": f"l{i % 20:02d}",
         "correct": i % 3 != 0, "answer": str(i), "at": (start + timedelta(minutes=7 * i)).isoformat(), "hinted": i % 9 == 0}
        for i in range(n)
    ]
    path.write_text(json.dumps({"format": "aimath-progress", "schema_version": 2, "attempts": attempts}))


def run_race(data_dir, export, done_flag, timeout=900):
    """One process imports ``export`` while another answers every 20 ms; their reports."""
    from progress import open_store

    open_store(data_dir)
    imp = subprocess.Popen([sys.executable, "-c", IMPORTER, str(data_dir), str(export)], cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert imp.stdout.readline().strip() == "ready"
    ans = subprocess.Popen([sys.executable, "-c", ANSWERER, str(data_dir), str(done_flag)], cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = imp.communicate(timeout=timeout)
        assert imp.returncode == 0, err
        done_flag.write_text("done")
        aout, aerr = ans.communicate(timeout=120)
        assert ans.returncode == 0, aerr
    finally:
        for p in (imp, ans):
            if p.poll() is None:
                p.kill()
                p.wait()
    return json.loads(out.strip().splitlines()[-1]), json.loads(aout)
