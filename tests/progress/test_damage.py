"""Damaged files are repaired or quarantined at open with a Korean warning — never a
crash, never a hang, never an unbounded read — and what can be kept is kept."""

import json
import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest

from progress import open_store

from store_helpers import REPO, T0


def _history(data_dir, n=6):
    s = open_store(data_dir)
    s.set_lesson_status("vectors", "done")
    s.set_setting("theme", "nord")
    s.set_scroll_position("vectors", 7.0)
    for k in range(n):
        s.record_attempt(f"q-{k % 2}", "l", k % 3 != 0, str(k), at=T0 + timedelta(minutes=k))
    return s


def _expected(s):
    return {
        "acc": s.accuracy_by_lesson(),
        "cards": {q: s.card_info(q, now=T0) for q in ("q-0", "q-1")},
        "answers": [a["answer"] for a in s.attempts()],
    }


def _open_and_use(data_dir):
    """Open, read everything, write once; return the store (must not raise)."""
    t = open_store(data_dir)
    got = _expected(t)
    t.lesson_statuses(), t.scroll_position("vectors"), t.get_setting("theme")
    t.due_questions(), t.review_items(), t.attempts_per_day(), t.streak(), t.weakest_questions()
    t.record_attempt("q-0", "l", True, at=T0 + timedelta(hours=5))
    return t, got


def _korean(warnings):
    assert warnings, "the store must say what it repaired"
    for w in warnings:
        assert any("\uac00" <= ch <= "\ud7a3" for ch in w), w
        assert "Error" not in w and "Traceback" not in w


DEEP = b"[" * 100_000

# file → damaged bytes; every file kind the store reads
DAMAGE = {
    "progress.json": [DEEP, b'{"meta": {"1": {"schema_version": 2}}, "lessons": ' + b"{" * 50_000],
    "scroll.json": [DEEP, b'{"scroll": {"1": {"lesson_id": "vectors", "y": Infinity}}}', b"\x00" * 100],
    "stats.json": [DEEP, b'{"meta": {"1": {"applied_seq": 6}}, "lessons": {"1": {"lesson_id": "l", "correct": "many", "total": 6, "last_seq": 6}}}',
                   b'{"meta": {"1": {"applied_seq": "x"}}}', b'{"days": {"5": {"date": "2025-03-01", "count": 1}}}',
                   b'{"lessons": {"1": {"lesson_id": "l", "correct": 9, "total": 6}}}'],
    "cards/l.json": [DEEP, b'{"cards": {"1": {"question_id": "q-0", "lesson_id": "l", "seq": 5, "reps": 3, "lapses": 1, "correct": 2, "last_at": "2025-03-01T09:04:00.000000+00:00", "card": {"state": 2}}}, "meta": {"1": {"last_seq": 6}}}',
                     b'{"cards": {"1": {"question_id": "q-0", "lesson_id": "l", "seq": 5, "reps": 3, "lapses": 1, "correct": 2, "last_at": "2025-03-01T09:04:00.000000+00:00", "card": {"state": 2, "due": "9999-12-31T23:59:59+00:00", "last_review": "9999-12-31T23:00:00+00:00"}}}, "meta": {"1": {"last_seq": 6}}}',
                     b'{"cards": {"1": {"question_id": "q-0", "card": "x"}}}'],
    "attempts/000000.json": [DEEP, b'{"attempts": ' + b"[" * 5000],
}
CASES = [(rel, i) for rel, items in DAMAGE.items() for i in range(len(items))]


@pytest.mark.parametrize("rel, i", CASES, ids=[f"{r}-{i}" for r, i in CASES])
def test_damaged_file_is_repaired_at_open(data_dir, rel, i):
    s = _history(data_dir)
    expected = _expected(s)
    (data_dir / rel).write_bytes(DAMAGE[rel][i])
    t, got = _open_and_use(data_dir)
    assert got == expected
    assert t.lesson_status("vectors") == "done" and t.get_setting("theme") == "nord"
    _korean(t.warnings)
    assert open_store(data_dir).warnings == []  # repaired for good


SHARD_DOC_DAMAGE = {
    "at yesterday": {"at": "yesterday"},
    "at year 9999": {"at": "9999-12-31T00:00:00+00:00"},
    "at number": {"at": 5},
    "correct many": {"correct": "many"},
    "seq text": {"seq": "x"},
    "no question": {"question_id": None},
    "answer list": {"answer": [1]},
}


@pytest.mark.parametrize("name", sorted(SHARD_DOC_DAMAGE))
def test_bad_documents_in_a_shard_are_dropped_and_kept_aside(data_dir, name):
    s = _history(data_dir)
    shard = data_dir / "attempts" / "000000.json"
    doc = json.loads(shard.read_text())
    doc["attempts"]["3"].update(SHARD_DOC_DAMAGE[name])
    shard.write_text(json.dumps(doc))
    (data_dir / "backups" / "attempts" / "000000.json.bak").write_text(json.dumps(doc))  # the backup too
    t = open_store(data_dir)
    assert [a["answer"] for a in t.attempts()] == ["0", "1", "3", "4", "5"]
    assert any("1개" in w and "형식이 올바르지 않아" in w for w in t.warnings)
    _korean(t.warnings)
    assert any(n.startswith("000000.json.corrupt-") for n in os.listdir(data_dir / "attempts"))
    t.record_attempt("q-1", "l", True, at=T0 + timedelta(hours=1))
    assert t.accuracy_by_lesson()["l"][1] in (6, 7)  # totals follow the repaired log after a rebuild
    u = open_store(data_dir)
    assert u.warnings == [] and len(u.attempts()) == 6


def test_attempts_folder_replaced_by_a_file(data_dir):
    s = _history(data_dir)
    expected = _expected(s)
    import shutil

    shutil.rmtree(data_dir / "attempts")
    (data_dir / "attempts").write_text("not a folder")
    t, got = _open_and_use(data_dir)
    assert got == expected
    _korean(t.warnings)
    assert any("attempts" in w for w in t.warnings)


@pytest.mark.parametrize("sub", ["cards", "backups"])
def test_other_folders_replaced_by_a_file(data_dir, sub):
    s = _history(data_dir)
    expected = _expected(s)
    import shutil

    shutil.rmtree(data_dir / sub)
    (data_dir / sub).write_text("x")
    t, got = _open_and_use(data_dir)
    assert got == expected
    _korean(t.warnings)


@pytest.mark.parametrize("rel", ["scroll.json", "progress.json", "stats.json", "cards/l.json", "attempts/000000.json"])
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "dangling"])
def test_symlinks_to_devices_are_never_read_unbounded(data_dir, rel, target):
    s = _history(data_dir)
    expected = _expected(s)
    path = data_dir / rel
    path.unlink()
    os.symlink(str(data_dir / "nowhere") if target == "dangling" else target, path)
    t, got = _open_and_use(data_dir)
    assert got == expected
    if rel != "stats.json" and not rel.startswith("cards"):
        _korean(t.warnings)


def _open_in_subprocess(data_dir, timeout=20):
    code = "import sys; from progress import open_store; s = open_store(sys.argv[1]); s.attempts(); s.scroll_position('v'); print(len(s.warnings))"
    return subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=REPO, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("rel", ["scroll.json", "progress.json", "stats.json", "attempts/000000.json", "cards/l.json"])
def test_a_fifo_never_blocks_open(data_dir, rel):
    _history(data_dir)
    path = data_dir / rel
    path.unlink()
    os.mkfifo(path)
    out = _open_in_subprocess(data_dir)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= (0 if rel.startswith(("stats", "cards")) else 1)


def test_a_directory_in_place_of_a_file(data_dir):
    s = _history(data_dir)
    expected = _expected(s)
    for rel in ("progress.json", "scroll.json", "stats.json"):
        (data_dir / rel).unlink()
        (data_dir / rel).mkdir()
    t, got = _open_and_use(data_dir)
    assert got == expected and t.get_setting("theme") == "nord"
    _korean(t.warnings)


def test_a_huge_file_is_not_read(data_dir):
    s = _history(data_dir)
    expected = _expected(s)
    with open(data_dir / "scroll.json", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB of zeros
    t, got = _open_and_use(data_dir)
    assert got == expected and t.scroll_position("vectors") == 7.0
    _korean(t.warnings)


def test_bad_documents_in_progress_json_are_dropped(data_dir):
    _history(data_dir)
    path = data_dir / "progress.json"
    doc = json.loads(path.read_text())
    doc["lessons"]["9"] = {"lesson_id": "matrices", "status": 5}
    doc["lessons"]["10"] = {"lesson_id": ["x"], "status": "done"}
    doc["settings"]["11"] = {"key": "theme", "value": {"a": 1}}  # bad value of a known key: ignored on read
    path.write_text(json.dumps(doc))
    t = open_store(data_dir)
    assert t.lesson_statuses() == {"vectors": "done"}
    t.set_lesson_status("matrices", "reading")
    assert open_store(data_dir).lesson_statuses() == {"vectors": "done", "matrices": "reading"}
    _korean(t.warnings)


def test_a_poisoned_card_never_breaks_record_attempt(data_dir):
    """Even a card that slipped past every check (written by hand after open) is guarded."""
    s = _history(data_dir)
    from progress import _derived

    poisoned = {"question_id": "q-0", "lesson_id": "l", "seq": 1, "reps": 1, "lapses": 0, "correct": 1,
                "last_at": "2025-03-01T09:00:00.000000+00:00",
                "card": {"card_id": 0, "state": 2, "step": None, "stability": 1e9, "difficulty": 5.0,
                         "due": "9999-12-31T23:59:59+00:00", "last_review": "9999-12-31T23:55:00+00:00"}}
    row = _derived.fold(poisoned, {"question_id": "q-0", "lesson_id": "l", "seq": 9, "correct": True,
                                   "hinted": False, "at": "2025-03-02T00:00:00.000000+00:00"})
    assert row["card"]["due"] < "2100"
    for k in range(3):
        s.record_attempt("q-0", "l", True, at=T0 + timedelta(days=1 + k))
    assert s.card_info("q-0", now=T0)["reps"] == 6


def test_repairs_in_a_read_only_store_touch_nothing(data_dir):
    from store_helpers import folder_state

    _history(data_dir)
    path = data_dir / "progress.json"
    doc = json.loads(path.read_text())
    doc["meta"]["1"]["schema_version"] = 7
    path.write_text(json.dumps(doc))
    (data_dir / "stats.json").write_bytes(DEEP)
    (data_dir / "scroll.json").write_bytes(b"garbage")
    before = folder_state(data_dir)
    t = open_store(data_dir)
    assert t.read_only
    assert t.accuracy_by_lesson() == {"l": (4, 6)}
    assert t.scroll_position("vectors") == 7.0  # from the backup, in memory
    assert folder_state(data_dir) == before


def test_open_is_not_blocked_by_a_fifo_in_a_thread(data_dir):
    """The same in-process: open_store returns while nobody writes to the FIFO."""
    _history(data_dir)
    (data_dir / "scroll.json").unlink()
    os.mkfifo(data_dir / "scroll.json")
    result = []
    th = threading.Thread(target=lambda: result.append(open_store(data_dir)), daemon=True)
    th.start()
    th.join(10)
    assert result and result[0].scroll_position("vectors") == 7.0
