"""An import of many attempts runs in bounded transactions: another running aimath answering
questions meanwhile never waits long for the lock, and every answer is stored.
(tests/bench/bench_progress.py measures the same with 1,000,000 attempts.)"""

import os
import shutil

from progress import open_store

from store_helpers import run_race, write_export


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
    shutil.rmtree(data_dir / "cards")
    after = {it["question_id"]: it for it in open_store(data_dir).review_items()}
    assert before.keys() == after.keys()
    assert all(before[q]["due"] == after[q]["due"] and before[q]["reps"] == after[q]["reps"] for q in before)
