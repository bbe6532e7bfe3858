"""Durability tests: concurrent processes, SIGKILL during writes, damaged files,
interrupted writes, schema migration."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest

from progress import SCHEMA_VERSION, StoreError, open_store

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)

WRITER = """
import sys
from progress import open_store
s = open_store(sys.argv[1])
tag, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    s.record_attempt(f"{tag}-{i % 40:03d}", "lesson-" + tag, i % 3 != 0, answer=f"{tag}:{i}")
    if i % 50 == 0:
        s.set_scroll_position("lesson-" + tag, float(i))
    print(i, flush=True)
"""


def spawn(data_dir, tag, n):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), tag, str(n)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once_lose_nothing(data_dir):
    open_store(data_dir)
    procs = [spawn(data_dir, tag, 500) for tag in ("A", "B")]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    s = open_store(data_dir)
    atts = s.attempts()
    assert len(atts) == 1000
    assert len({a["id"] for a in atts}) == 1000
    for tag in ("A", "B"):
        assert sorted(a["answer"] for a in atts if a["lesson_id"] == "lesson-" + tag) == sorted(f"{tag}:{i}" for i in range(500))
    # derived data agrees with the log
    assert s.accuracy_by_lesson() == {
        "lesson-" + t: (sum(a["correct"] for a in atts if a["lesson_id"] == "lesson-" + t), 500) for t in "AB"
    }
    assert sum(st["total"] for st in s.question_stats().values()) == 1000
    assert s.scroll_position("lesson-A") == 450.0 and s.scroll_position("lesson-B") == 450.0
    assert s.warnings == []


@pytest.mark.parametrize("kill_after", [1, 57, 230])
def test_sigkill_during_writes_keeps_every_confirmed_attempt(data_dir, kill_after):
    open_store(data_dir)
    p = spawn(data_dir, "K", 100000)
    confirmed = []
    try:
        for line in p.stdout:
            confirmed.append(int(line))
            if len(confirmed) >= kill_after:
                break
        time.sleep(0.003 * (kill_after % 7))  # land somewhere inside a later write
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
    assert len(confirmed) >= kill_after, p.stderr.read()
    s = open_store(data_dir)
    assert s.warnings == []
    answers = {a["answer"] for a in s.attempts()}
    assert {f"K:{i}" for i in confirmed} <= answers
    total = len(answers)
    assert total >= len(confirmed)
    # cards and totals caught up with the log, even if the kill fell between the writes
    assert s.accuracy_by_lesson()["lesson-K"][1] == total
    assert sum(st["total"] for st in s.question_stats().values()) == total
    s.record_attempt("K-000", "lesson-K", True)
    assert len(s.attempts()) == total + 1


def test_interrupted_write_tail_is_replayed(data_dir):
    """Simulate a crash after the attempt reached the log but before cards/totals."""
    s = open_store(data_dir)
    s.record_attempt("q-1", "l", True, at=T0)
    stats_before = (data_dir / "stats.json").read_bytes()
    cards_before = (data_dir / "cards" / "l.json").read_bytes()
    s.record_attempt("q-1", "l", False, at=T0 + timedelta(minutes=5))
    s.record_attempt("q-2", "l", True, at=T0 + timedelta(minutes=6))
    expected = s.card_info("q-1", now=T0)
    # roll the derived files back: the log is ahead by two attempts
    (data_dir / "stats.json").write_bytes(stats_before)
    (data_dir / "cards" / "l.json").write_bytes(cards_before)
    t = open_store(data_dir)
    assert t.accuracy_by_lesson() == {"l": (2, 3)}
    assert t.card_info("q-1", now=T0) == expected
    assert t.warnings == []


@pytest.mark.parametrize("damage", ["rolled-back", "deleted"])
def test_cards_file_behind_the_totals_is_rebuilt(data_dir, damage):
    """Cards and totals are not fsync'd: after a power cut the cards file may be older
    than stats.json (or gone).  Its seq mark gives it away and it is rebuilt from the log."""
    s = open_store(data_dir)
    s.record_attempt("q-1", "l", True, at=T0)
    old_cards = (data_dir / "cards" / "l.json").read_bytes()
    s.record_attempt("q-1", "l", False, at=T0 + timedelta(minutes=5))
    s.record_attempt("q-2", "l", True, at=T0 + timedelta(minutes=6))
    expected = {q: s.card_info(q, now=T0) for q in ("q-1", "q-2")}
    if damage == "deleted":
        (data_dir / "cards" / "l.json").unlink()
    else:
        (data_dir / "cards" / "l.json").write_bytes(old_cards)
    t = open_store(data_dir)
    assert {q: t.card_info(q, now=T0) for q in ("q-1", "q-2")} == expected
    assert t.due_questions(now=T0 + timedelta(days=1)) == ["q-1", "q-2"]
    # and the write path repairs it too
    if damage == "deleted":
        (data_dir / "cards" / "l.json").unlink()
    else:
        (data_dir / "cards" / "l.json").write_bytes(old_cards)
    u = open_store(data_dir)
    u.record_attempt("q-2", "l", True, at=T0 + timedelta(minutes=30))
    ref = open_store(data_dir.parent / "ref")
    for a in u.attempts():
        ref.record_attempt(a["question_id"], a["lesson_id"], a["correct"], at=a["at"])
    assert u.card_info("q-2", now=T0) == ref.card_info("q-2", now=T0)
    assert u.card_info("q-1", now=T0) == ref.card_info("q-1", now=T0)


BAD_CONTENTS = {
    "zero-byte": b"",
    "garbage": b"\x00\x13garbage{{{ not json",
    "non-utf8": b'{"lessons": {"1": {"lesson_id": "\xff\xfe"}}}',
    "truncated": b'{"meta": {"1": {"schema_version": 2}}, "lessons": {"1": {"lesson_id": "vec',
    "wrong-shape": b"[1, 2, 3]",
}


def corrupt_copies(directory, name):
    return [n for n in os.listdir(directory) if n.startswith(name + ".corrupt-")]


@pytest.mark.parametrize("kind", sorted(BAD_CONTENTS))
def test_damaged_main_file_is_kept_and_backup_restored(data_dir, kind):
    s = open_store(data_dir)
    s.set_lesson_status("vectors", "done")
    s.set_setting("theme", "nord")
    s.record_attempt("vectors-001", "vectors", True)
    (data_dir / "progress.json").write_bytes(BAD_CONTENTS[kind])
    t = open_store(data_dir)
    assert t.lesson_status("vectors") == "done"
    assert t.get_setting("theme") == "nord"
    assert len(t.attempts()) == 1
    assert len(t.warnings) == 1 and "손상" in t.warnings[0] and "백업에서 복구" in t.warnings[0]
    kept = corrupt_copies(data_dir, "progress.json")
    assert len(kept) == 1 and (data_dir / kept[0]).read_bytes() == BAD_CONTENTS[kind]
    assert open_store(data_dir).warnings == []  # repaired for good


def test_damaged_main_file_without_backup_is_reported(data_dir):
    s = open_store(data_dir)
    s.set_lesson_status("vectors", "done")
    s.record_attempt("vectors-001", "vectors", True)
    (data_dir / "backups" / "progress.json.bak").unlink()
    (data_dir / "progress.json").write_bytes(b"\x00\x00")
    t = open_store(data_dir)
    assert t.warnings and "백업도 없어" in t.warnings[0]
    assert len(corrupt_copies(data_dir, "progress.json")) == 1
    assert len(t.attempts()) == 1  # history is in other files and survives
    t.set_lesson_status("vectors", "reading")
    assert open_store(data_dir).lesson_status("vectors") == "reading"


@pytest.mark.parametrize("kind", ["zero-byte", "garbage", "non-utf8"])
def test_damaged_shard_is_restored_from_backup(data_dir, kind):
    s = open_store(data_dir)
    for k in range(5):
        s.record_attempt(f"q-{k}", "l", True, answer=str(k))
    shard = data_dir / "attempts" / "000000.json"
    shard.write_bytes(BAD_CONTENTS[kind])
    t = open_store(data_dir)
    assert [a["answer"] for a in t.attempts()] == ["0", "1", "2", "3", "4"]
    assert any("백업에서 복구" in w for w in t.warnings)
    assert len(corrupt_copies(shard.parent, "000000.json")) == 1


def test_damaged_derived_files_without_backup_are_rebuilt(data_dir):
    s = open_store(data_dir)
    for k in range(6):
        s.record_attempt(f"q-{k % 2}", "l", k % 3 != 0, at=T0 + timedelta(minutes=k))
    expected_card = s.card_info("q-1", now=T0)
    expected_acc = s.accuracy_by_lesson()
    for rel in ("stats.json", "cards/l.json"):
        assert not (data_dir / "backups" / (rel + ".bak")).exists()  # caches of the log: no backup
        (data_dir / rel).write_bytes(b"garbage")
    t = open_store(data_dir)
    assert t.accuracy_by_lesson() == expected_acc
    assert t.card_info("q-1", now=T0) == expected_card
    assert sum("다시 계산" in w for w in t.warnings) == 2


def test_missing_main_file_with_backup_is_restored(data_dir):
    s = open_store(data_dir)
    s.set_lesson_status("vectors", "done")
    (data_dir / "progress.json").unlink()
    t = open_store(data_dir)
    assert t.lesson_status("vectors") == "done"
    assert t.warnings and "백업에서 복구" in t.warnings[0]


def write_v1(path, attempts, lessons, settings):
    def table(rows):
        return {str(i + 1): r for i, r in enumerate(rows)}

    doc = {
        "meta": table([{"schema_version": 1}]),
        "lessons": table(lessons),
        "settings": table(settings),
        "attempts": table(attempts),
        "cards": table([{"question_id": "old", "card": {"due": "2020-01-01T00:00:00+00:00"}}]),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return doc


def test_migration_from_schema_1(data_dir):
    attempts = [
        {"question_id": f"vectors-{k % 3:03d}", "lesson_id": "vectors", "correct": k % 4 != 0,
         "answer": str(k), "at": (T0 + timedelta(hours=k)).isoformat()}
        for k in range(12)
    ]
    attempts.append({"question_id": "bad", "lesson_id": "vectors", "correct": True, "answer": "", "at": "not a time"})
    write_v1(
        data_dir / "progress.json",
        attempts,
        lessons=[{"lesson_id": "vectors", "status": "done", "scroll": 120.0}, {"lesson_id": "matrices", "status": "reading"}],
        settings=[{"key": "theme", "value": "nord"}],
    )
    s = open_store(data_dir)
    assert any("스키마 2" in w for w in s.warnings)
    assert any("1개" in w for w in s.warnings)  # the unreadable attempt is reported
    main = json.loads((data_dir / "progress.json").read_text())
    assert list(main["meta"].values())[0]["schema_version"] == SCHEMA_VERSION
    assert "attempts" not in main
    assert [n for n in os.listdir(data_dir) if n.startswith("progress.json.v1-")]
    assert s.lesson_statuses() == {"vectors": "done", "matrices": "reading"}
    assert s.scroll_position("vectors") == 120.0
    assert s.get_setting("theme") == "nord"
    atts = s.attempts()
    assert [a["answer"] for a in atts] == [str(k) for k in range(12)]
    assert s.accuracy_by_lesson() == {"vectors": (9, 12)}
    # cards are rebuilt from the history (equal to recording the answers one by one)
    ref = open_store(data_dir.parent / "ref")
    for a in attempts[:-1]:
        ref.record_attempt(a["question_id"], a["lesson_id"], a["correct"], a["answer"], at=a["at"])
    for q in ("vectors-000", "vectors-001", "vectors-002"):
        assert s.card_info(q, now=T0) == ref.card_info(q, now=T0)
    # opening again does not migrate again, and new answers go to the new layout
    again = open_store(data_dir)
    assert again.warnings == []
    again.record_attempt("vectors-000", "vectors", True)
    assert len(open_store(data_dir).attempts()) == 13


def test_interrupted_migration_runs_again(data_dir):
    attempts = [{"question_id": "q", "lesson_id": "l", "correct": True, "answer": "1", "at": T0.isoformat()}]
    write_v1(data_dir / "progress.json", attempts, [], [])
    # leftovers of a migration killed before it rewrote progress.json
    (data_dir / "attempts").mkdir()
    (data_dir / "attempts" / "000000.json").write_text('{"attempts": {"1": {"id": "x", "seq": 1, "question_id": "stale", "lesson_id": "l", "at": "2020-01-01T00:00:00+00:00", "correct": true}}}')
    s = open_store(data_dir)
    assert [a["question_id"] for a in s.attempts()] == ["q"]


def test_newer_schema_opens_read_only(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_text(json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    s = open_store(data_dir)
    assert s.read_only and "읽기 전용" in s.warnings[0]
    assert s.lesson_status("vectors") == "unread"
    with pytest.raises(StoreError, match="읽기 전용"):
        s.record_attempt("q", "l", True)


def test_temp_files_of_killed_writers_are_cleaned(data_dir):
    s = open_store(data_dir)
    s.record_attempt("q", "l", True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    stale = data_dir / "attempts" / f"000000.json.tmp-{dead}"
    stale.write_bytes(b'{"attempts": {')
    mine = data_dir / f"stats.json.tmp-{os.getpid()}"
    mine.write_bytes(b"")
    t = open_store(data_dir)
    assert not stale.exists()
    assert mine.exists()  # a live process may still be writing it
    assert t.warnings == [] and len(t.attempts()) == 1
