"""Backup files as learners bring them back: saved again by Windows Notepad (a UTF-8 BOM),
hand-edited into wrong types, a thousand copies of one answer, or hundreds of levels deep."""

import json

import pytest

from progress import open_store
from progress.errors import ImportRejected

BASE = {"format": "aimath-progress", "schema_version": 2}
ATTEMPT = {"question_id": "vectors-001", "lesson_id": "vectors", "correct": True, "answer": "2",
           "at": "2026-01-01T00:00:00+00:00"}


def test_a_backup_saved_with_a_bom_imports(store, tmp_path):
    path = tmp_path / "backup.json"
    path.write_bytes("\ufeff".encode() + json.dumps(dict(BASE, attempts=[ATTEMPT])).encode())
    assert store.import_json(str(path))["added"] == 1
    assert [a["answer"] for a in store.attempts()] == ["2"]


def test_one_answer_copied_a_thousand_times_is_one_answer(store, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(dict(BASE, attempts=[ATTEMPT] * 1000)), encoding="utf-8")
    result = store.import_json(str(path))
    assert (result["added"], result["skipped"]) == (1, 999)
    assert len(store.attempts()) == 1


@pytest.mark.parametrize("doc, phrase", [
    (dict(BASE, lessons=[1, 2]), "lessons가 객체가 아닙니다"),
    (dict(BASE, scroll="top"), "scroll이 객체가 아닙니다"),
    (dict(BASE, format="other", lessons={}), "format이 'aimath-progress'가 아닙니다"),
])
def test_wrong_types_are_named_with_the_right_particle(store, tmp_path, doc, phrase):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_json(str(path))
    assert phrase in str(info.value) and "(가)" not in str(info.value)


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"attempts": ' + "[" * 5000 + "]" * 5000 + "}"])
def test_deep_nesting_is_refused_in_korean_and_changes_nothing(store, tmp_path, text):
    store.record_attempt("vectors-002", "vectors", False, answer="1")
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejected, match="JSON"):
        store.import_json(str(path))
    assert len(open_store(tmp_path / "data").attempts()) == 1


@pytest.mark.parametrize("other", ["root:x:0:0:root:/root:/bin/bash\n", "# 공부 노트\n", '{"a": 1}',
                                   '{"format": "something-else"}', "\x00\x01\x02"])
def test_export_never_overwrites_a_file_that_is_not_an_aimath_export(store, tmp_path, other):
    target = tmp_path / "notes.md"
    target.write_text(other, encoding="utf-8")
    with pytest.raises(ValueError, match="덮어쓰지 않았습니다"):
        store.export_json(str(target))
    assert target.read_text(encoding="utf-8") == other


def test_export_replaces_an_earlier_export_and_an_empty_file(store, tmp_path):
    store.record_attempt("vectors-001", "vectors", True, answer="2")
    target = tmp_path / "aimath-backup.json"
    target.write_text("", encoding="utf-8")
    store.export_json(str(target))
    store.record_attempt("vectors-002", "vectors", True, answer="3")
    store.export_json(str(target))  # the earlier export is replaced
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [a["answer"] for a in doc["attempts"]] == ["2", "3"]
