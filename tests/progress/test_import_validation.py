"""Imports are checked field by field and rejected whole (no byte of the data folder
changes) with a Korean message counting the problems; exports are standard JSON."""

import json
import os
from datetime import timedelta

import pytest

from progress import ImportRejected, open_store

from store_helpers import T0, attempt, folder_state, strict_json

GOOD = {"format": "aimath-progress", "schema_version": 2, "attempts": [attempt(k) for k in range(5)]}

BAD_DOCS = {
    "theme list": {"settings": {"theme": ["x"]}},
    "last_lesson object": {"settings": {"last_lesson": {"a": 1}}},
    "unknown setting": {"settings": {"mystery": 1}},
    "sidebar_hidden text": {"settings": {"sidebar_hidden": "yes"}},
    "panel_split float": {"settings": {"panel_split": 33.3}},
    "panel_inputs number": {"settings": {"panel_inputs": {"vectors.norms": {"x": 1}}}},
    "notebook text": {"settings": {"notebook": "x"}},
    "unknown key only": {"a": 1},
    "empty": {},
    "top-level list": [1, 2],
    "top-level null": None,
    "wrong format": {"format": "other", "attempts": []},
    "newer schema": {"schema_version": 99, "attempts": []},
    "schema text": {"schema_version": "2", "attempts": []},
    "attempts object": {"attempts": {"1": attempt(1)}},
    "attempt list": {"attempts": [[1, 2]]},
    "year 9999": {"attempts": [attempt(1, at="9999-12-31T00:00:00+00:00")]},
    "year 9999 23:55": {"attempts": [attempt(1, at="9999-12-31T23:55:00")]},
    "year 1 negative tz": {"attempts": [attempt(1, at="0001-01-01T00:00:00-05:00")]},
    "year 1 positive tz": {"attempts": [attempt(1, at="0001-01-01T03:00:00+05:00")]},
    "year 1999": {"attempts": [attempt(1, at="1999-12-31T23:59:59+00:00")]},
    "year 2100": {"attempts": [attempt(1, at="2100-01-01T00:00:00+00:00")]},
    "at yesterday": {"attempts": [attempt(1, at="yesterday")]},
    "at number": {"attempts": [attempt(1, at=1700000000)]},
    "at missing": {"attempts": [{k: v for k, v in attempt(1).items() if k != "at"}]},
    "correct many": {"attempts": [attempt(1, correct="many")]},
    "correct 1": {"attempts": [attempt(1, correct=1)]},
    "question id empty": {"attempts": [attempt(1, question_id="")]},
    "question id number": {"attempts": [attempt(1, question_id=7)]},
    "lesson id huge": {"attempts": [attempt(1, lesson_id="l" * 5000)]},
    "answer object": {"attempts": [attempt(1, answer={"x": 1})]},
    "answer huge": {"attempts": [attempt(1, answer="9" * 100_000)]},
    "hinted text": {"attempts": [attempt(1, hinted="no")]},
    "seed float": {"attempts": [attempt(1, seed=1.5)]},
    "seed bool": {"attempts": [attempt(1, seed=True)]},
    "id number": {"attempts": [attempt(1, id=5)]},
    "lessons bad status": {"lessons": {"vectors": "finished"}},
    "lessons list": {"lessons": ["vectors"]},
    "scroll negative": {"scroll": {"vectors": -5}},
    "scroll text": {"scroll": {"vectors": "10"}},
    "scroll huge": {"scroll": {"vectors": 1e300}},
    "scroll bool": {"scroll": {"vectors": True}},
    "cards list": {"cards": [], "attempts": []},
    "one bad among good": {"attempts": [attempt(k) for k in range(50)] + [attempt(99, at="9999-01-01")]},
}

BAD_TEXTS = {
    "infinity scroll": '{"scroll": {"vectors": Infinity}}',
    "nan scroll": '{"scroll": {"vectors": NaN}}',
    "nan in attempt": '{"attempts": [{"question_id": "q", "lesson_id": "l", "correct": true, "at": "2025-01-01T00:00:00Z", "seed": NaN}]}',
    "deep brackets": "[" * 100_000,
    "deep objects": '{"a":' * 50_000,
    "not utf8": b"\xff\xfe{}",
    "empty file": "",
    "truncated": '{"attempts": [',
}


@pytest.fixture
def used_store(data_dir):
    s = open_store(data_dir)
    s.set_lesson_status("vectors", "reading")
    s.set_setting("theme", "nord")
    s.set_scroll_position("vectors", 12.0)
    for k in range(3):
        s.record_attempt(f"v-{k}", "vectors", k != 1, str(k), at=T0 + timedelta(minutes=k))
    return s


def _reject(store, data_dir, path):
    before = folder_state(data_dir)
    with pytest.raises(ImportRejected) as info:
        store.import_json(path)
    assert folder_state(data_dir) == before
    message = str(info.value)
    assert "가져오지 않았습니다" in message or "가져올 파일" in message
    assert "Traceback" not in message and "Error" not in message
    return info.value


@pytest.mark.parametrize("name", sorted(BAD_DOCS))
def test_bad_documents_are_rejected_whole(used_store, data_dir, tmp_path, name):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(BAD_DOCS[name]), encoding="utf-8")
    err = _reject(used_store, data_dir, path)
    assert err.problems >= 1
    # the store is still fully usable, and a later start works
    used_store.record_attempt("v-0", "vectors", True)
    again = open_store(data_dir)
    assert again.get_setting("theme") == "nord" and again.warnings == []
    assert len(again.attempts()) == 4


@pytest.mark.parametrize("name", sorted(BAD_TEXTS))
def test_bad_json_texts_are_rejected_whole(used_store, data_dir, tmp_path, name):
    path = tmp_path / "in.json"
    raw = BAD_TEXTS[name]
    path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
    _reject(used_store, data_dir, path)


def test_problems_are_counted(used_store, data_dir, tmp_path):
    doc = {"a": 1, "settings": {"theme": ["x"], "notebook": ["ok"]},
           "attempts": [attempt(0), attempt(1, at="9999-12-31T00:00:00"), attempt(2, correct="many"), attempt(3, at="어제")]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    err = _reject(used_store, data_dir, path)
    assert err.problems == 5
    assert "문제가 5개" in str(err)
    assert "2번째 풀이 기록" in str(err)


def test_import_of_odd_paths_is_a_korean_error(used_store, data_dir, tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "dir").mkdir()
    for p in (tmp_path / "fifo", tmp_path / "dir", tmp_path / "missing.json", "/dev/zero"):
        err = _reject(used_store, data_dir, p)
        assert "가져올 파일" in str(err)


def test_import_into_a_read_only_store_changes_nothing(data_dir, tmp_path):
    data_dir.mkdir()
    (data_dir / "progress.json").write_text(json.dumps({"meta": {"1": {"schema_version": 9}}}))
    s = open_store(data_dir)
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD))
    before = folder_state(data_dir)
    with pytest.raises(Exception, match="읽기 전용"):
        s.import_json(path)
    assert folder_state(data_dir) == before


def test_good_import_returns_counts_and_round_trips(used_store, data_dir, tmp_path):
    path = tmp_path / "in.json"
    doc = dict(GOOD, lessons={"matrices": "done"}, settings={"panel_split": 40, "theme": "dracula"},
               scroll={"matrices": 3.5})
    path.write_text(json.dumps(doc))
    result = used_store.import_json(path)
    assert result["added"] == result["merged"] == 5 and result["skipped"] == 0
    assert used_store.import_json(path)["skipped"] == 5
    assert used_store.get_setting("theme") == "nord"  # local setting kept
    assert used_store.get_setting("panel_split") == 40
    assert used_store.lesson_status("matrices") == "done"
    assert used_store.scroll_position("matrices") == 3.5
    out = tmp_path / "out.json"
    used_store.export_json(out)
    exported = strict_json(out.read_text(encoding="utf-8"))
    fresh = open_store(tmp_path / "fresh")
    assert fresh.import_data(exported)["added"] == 8
    assert fresh.attempts() == used_store.attempts()


def test_export_never_writes_non_standard_numbers(data_dir, tmp_path):
    s = open_store(data_dir)
    s.set_scroll_position("vectors", 5.0)
    # a hand-edited scroll file with Infinity and NaN
    (data_dir / "scroll.json").write_text('{"scroll": {"1": {"lesson_id": "vectors", "y": Infinity}, "2": {"lesson_id": "m", "y": NaN}}}')
    t = open_store(data_dir)
    assert t.warnings and all("Infinity" not in w for w in t.warnings)
    out = tmp_path / "out.json"
    t.export_json(out)
    doc = strict_json(out.read_text(encoding="utf-8"))
    assert all(isinstance(y, float) and y < 1e10 for y in doc["scroll"].values())
    assert open_store(tmp_path / "other").import_json(out)["changed"] >= 0
