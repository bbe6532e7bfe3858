"""An import of many attempts runs in bounded transactions: another running aimath answering
questions meanwhile never waits long for the lock, and every answer is stored.
(tests/bench/bench_progress.py measures the same with 1,000,000 attempts.)"""

import json
import os
import subprocess
import sys

from progress import open_store

from store_helpers import REPO

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
print(json.dumps({"n": n, "max": max(times), "max_wait": max(s.lock_waits())}), flush=True)
"""


def write_export(path, n):
    from datetime import datetime, timedelta, timezone

    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    attempts = [
        {"id": f"imp-{i:08d}", "question_id": f"l{i % 20:02d}-{i % 30:03d}", "lesson_id": f"l{i % 20:02d}",
         "correct": i % 3 != 0, "answer": str(i), "at": (start + timedelta(minutes=7 * i)).isoformat(), "hinted": i % 9 == 0}
        for i in range(n)
    ]
    path.write_text(json.dumps({"format": "aimath-progress", "schema_version": 2, "attempts": attempts}))


def run_race(data_dir, export, done_flag, timeout=900):
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


def test_answers_during_a_big_import_wait_little_and_are_stored(data_dir, tmp_path):
    n = 30_000
    export = tmp_path / "big.json"
    write_export(export, n)
    imported, answered = run_race(data_dir, export, tmp_path / "done")
    assert imported["result"]["added"] == n
    assert imported["chunks"] > 1
    assert imported["max_hold"] < 1.0, imported
    assert answered["max_wait"] < 1.0, answered  # seconds waiting for the lock
    assert answered["max"] < 2.0, answered  # the whole record_attempt, on a loaded machine
    s = open_store(data_dir)
    assert s.warnings == []
    mine = [a for a in s.attempts("answers") if a["question_id"] != "warm"]
    assert len(mine) == answered["n"]
    assert s.attempt_count() == n + answered["n"] + 1
    acc = s.accuracy_by_lesson()
    assert sum(t for _c, t in acc.values()) == n + answered["n"] + 1
    assert acc["answers"][1] == answered["n"] + 1
    # cards of the imported lessons equal a rebuild from the log
    before = {it["question_id"]: it for it in s.review_items()}
    import shutil

    shutil.rmtree(data_dir / "cards")
    after = {it["question_id"]: it for it in open_store(data_dir).review_items()}
    assert before.keys() == after.keys()
    assert all(before[q]["due"] == after[q]["due"] and before[q]["reps"] == after[q]["reps"] for q in before)
