"""Functional tests of the progress store: statuses, settings, scroll, attempts, FSRS
cards (checked against the fsrs library run directly), statistics, export/import."""

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import fsrs
import pytest

import progress
from progress import STATUSES, open_store
from progress import store as store_mod

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_lesson_status_default_and_persistence(data_dir, store):
    assert store.lesson_status("vectors") == "unread"
    for st in STATUSES:
        store.set_lesson_status("vectors", st)
        assert store.lesson_status("vectors") == st
    store.set_lesson_status("matrices", "done")
    assert open_store(data_dir).lesson_statuses() == {"vectors": "done", "matrices": "done"}
    assert open_store(data_dir).lessons_done() == 2


@pytest.mark.parametrize("bad", ["finished", "", None, "DONE"])
def test_bad_status_is_a_korean_value_error(store, bad):
    with pytest.raises(ValueError, match="레슨 상태"):
        store.set_lesson_status("vectors", bad)
    assert store.lesson_status("vectors") == "unread"


def test_settings_and_scroll_survive_restart(data_dir, store):
    assert store.get_setting("theme") is None
    assert store.get_setting("theme", "textual-dark") == "textual-dark"
    store.set_setting("theme", "nord")
    store.set_setting("sidebar", {"visible": False, "width": 30})
    store.set_scroll_position("vectors", 42.5)
    store.set_scroll_position("vectors", 17)
    with pytest.raises(ValueError, match="설정"):
        store.set_setting("bad", object())
    with pytest.raises(ValueError, match="스크롤"):
        store.set_scroll_position("vectors", float("nan"))
    again = open_store(data_dir)
    assert again.get_setting("theme") == "nord"
    assert again.get_setting("sidebar") == {"visible": False, "width": 30}
    assert again.scroll_position("vectors") == 17.0
    assert again.scroll_position("matrices") == 0.0


def test_unchanged_scroll_position_does_not_write(data_dir, store):
    store.set_scroll_position("vectors", 3.0)
    path = data_dir / "scroll.json"
    before = os.stat(path).st_ino
    store.set_scroll_position("vectors", 3.0)
    assert os.stat(path).st_ino == before


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AIMATH_DATA_DIR", str(tmp_path / "env"))
    s = open_store()
    s.set_lesson_status("vectors", "reading")
    assert (tmp_path / "env" / "progress.json").exists()
    assert s.root == str(tmp_path / "env")


def test_record_and_list_attempts(store):
    store.record_attempt("vectors-001", "vectors", True, "3", at=T0 + timedelta(minutes=5))
    store.record_attempt("vectors-002", "vectors", False, "1, 2", at=T0, seed=1234)
    store.record_attempt("matrices-001", "matrices", True, "[[1,0],[0,1]]", hinted=True, at=T0 + timedelta(hours=1))
    all_ = store.attempts()
    assert [a["question_id"] for a in all_] == ["vectors-002", "vectors-001", "matrices-001"]
    first = all_[0]
    assert first["lesson_id"] == "vectors" and first["correct"] is False and first["answer"] == "1, 2"
    assert first["seed"] == 1234 and first["hinted"] is False
    assert datetime.fromisoformat(first["at"]) == T0
    assert first["at"].endswith("+00:00")
    assert len({a["id"] for a in all_}) == 3
    assert [a["question_id"] for a in store.attempts("vectors")] == ["vectors-002", "vectors-001"]
    assert store.attempts("nothing") == []
    assert store.attempt_count() == 3


def test_record_attempt_default_time_is_now_utc(store):
    before = datetime.now(timezone.utc)
    store.record_attempt("q-1", "l", True)
    at = datetime.fromisoformat(store.attempts()[0]["at"])
    assert at.utcoffset() == timedelta(0)
    assert before <= at <= datetime.now(timezone.utc)


@pytest.mark.parametrize(
    "args, match",
    [
        (("", "vectors", True), "문제 id"),
        (("q", "", True), "레슨 id"),
        (("q", "vectors", "yes"), "정답 여부"),
    ],
)
def test_record_attempt_rejects_bad_input(store, args, match):
    with pytest.raises(ValueError, match=match):
        store.record_attempt(*args)
    with pytest.raises(ValueError, match="시각"):
        store.record_attempt("q", "l", True, at="어제")
    assert store.attempts() == []


def reference_card(events):
    """The card the fsrs library itself produces for (correct, hinted, at) events."""
    sched = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=0, due=events[0][2])
    for correct, hinted, at in events:
        rating = fsrs.Rating.Again if not correct else (fsrs.Rating.Hard if hinted else fsrs.Rating.Good)
        card, _ = sched.review_card(card, rating, review_datetime=at)
    return sched, card


def test_fsrs_card_matches_the_library(store):
    events = [
        (False, False, T0),
        (True, False, T0 + timedelta(minutes=3)),
        (True, True, T0 + timedelta(minutes=20)),
        (True, False, T0 + timedelta(days=1)),
        (True, False, T0 + timedelta(days=5)),
        (False, False, T0 + timedelta(days=30)),
    ]
    for correct, hinted, at in events:
        store.record_attempt("vectors-007", "vectors", correct, hinted=hinted, at=at)
    sched, ref = reference_card(events)
    now = T0 + timedelta(days=33)
    info = store.card_info("vectors-007", now=now)
    assert info["due"] == ref.due
    assert info["stability"] == pytest.approx(ref.stability, rel=1e-12)
    assert info["difficulty"] == pytest.approx(ref.difficulty, rel=1e-12)
    assert info["recall"] == pytest.approx(sched.get_card_retrievability(ref, now), rel=1e-12)
    assert info["reps"] == 6 and info["lapses"] == 2
    assert store.card_info("never-answered") is None


def test_ratings_hard_vs_good_vs_again(store):
    for qid, correct, hinted in [("a", False, False), ("h", True, True), ("g", True, False)]:
        store.record_attempt(qid, "l", correct, hinted=hinted, at=T0)
    due = {q: store.card_info(q)["due"] for q in "ahg"}
    # fsrs learning steps 1 min / 10 min: Again → +1 min, Hard → +5.5 min (1.5 × ... mean), Good → +10 min
    assert due["a"] < due["h"] < due["g"]
    for q in "ahg":
        _, ref = reference_card([(q != "a", q == "h", T0)])
        assert due[q] == ref.due


def test_due_questions_and_review_items(store):
    store.record_attempt("q-wrong", "l", False, at=T0)
    store.record_attempt("q-right", "l", True, at=T0)
    # Again → due after 1 minute, Good → after 10 minutes
    assert store.due_questions(now=T0) == []
    assert store.due_questions(now=T0 + timedelta(minutes=2)) == ["q-wrong"]
    assert store.due_questions(now=T0 + timedelta(minutes=11)) == ["q-wrong", "q-right"]
    items = store.review_items(now=T0 + timedelta(minutes=2))
    assert [i["question_id"] for i in items] == ["q-wrong", "q-right"]
    assert items[0]["is_due"] and not items[1]["is_due"]
    assert all(0.0 <= i["recall"] <= 1.0 for i in items)


def test_statistics(store):
    local = lambda d: datetime(d.year, d.month, d.day, 12, 0).astimezone(timezone.utc)  # noqa: E731
    today = date(2025, 3, 10)
    plan = {today - timedelta(days=k): n for k, n in {0: 2, 1: 1, 2: 3, 4: 1}.items()}
    i = 0
    for day, n in sorted(plan.items()):
        for _ in range(n):
            lesson = "vectors" if i % 2 == 0 else "matrices"
            store.record_attempt(f"{lesson}-{i % 3}", lesson, i % 3 != 0, at=local(day) + timedelta(minutes=i))
            i += 1
    now = local(today) + timedelta(hours=3)
    acc = store.accuracy_by_lesson()
    atts = store.attempts()
    for lesson in ("vectors", "matrices"):
        mine = [a for a in atts if a["lesson_id"] == lesson]
        assert acc[lesson] == (sum(a["correct"] for a in mine), len(mine))
    per_day = store.attempts_per_day(7, now=now)
    assert len(per_day) == 7 and per_day[-1][0] == today and per_day[0][0] == today - timedelta(days=6)
    assert dict(per_day) == {today - timedelta(days=k): plan.get(today - timedelta(days=k), 0) for k in range(7)}
    assert store.streak(now=now) == 3
    assert store.streak(now=now + timedelta(days=1)) == 3  # nothing yet on the next day: still alive
    assert store.streak(now=now + timedelta(days=2)) == 0
    weak = store.weakest_questions(2)
    stats = store.question_stats()
    expected = sorted(
        (q for q, s in stats.items() if s["correct"] < s["total"]),
        key=lambda q: (stats[q]["correct"] / stats[q]["total"], -stats[q]["total"], q),
    )[:2]
    assert [w["question_id"] for w in weak] == expected
    assert weak[0]["accuracy"] == stats[expected[0]]["correct"] / stats[expected[0]]["total"]
    assert sum(s["total"] for s in stats.values()) == len(atts)


def test_due_forecast_counts_by_local_day(store):
    store.record_attempt("a", "l", False, at=T0)  # due in a minute
    store.record_attempt("b", "l", True, at=T0 - timedelta(minutes=30))
    store.record_attempt("b", "l", True, at=T0)  # Good twice: into review, due in days
    now = T0 + timedelta(minutes=5)
    forecast = store.due_forecast(14, now=now)
    assert len(forecast) == 14 and sum(forecast) == 2
    dues = {q: store.card_info(q)["due"] for q in "ab"}
    today = now.astimezone().date()
    for q, d in dues.items():
        offset = max(0, (d.astimezone().date() - today).days)
        assert forecast[offset] >= 1
    assert forecast[0] >= 1  # "a" is overdue at now


def test_export_import_merges_without_duplicates(tmp_path):
    a = open_store(tmp_path / "a")
    b = open_store(tmp_path / "b")
    a.set_lesson_status("vectors", "done")
    a.set_setting("theme", "nord")
    a.set_scroll_position("vectors", 9.0)
    for k in range(5):
        a.record_attempt(f"vectors-{k % 2}", "vectors", k % 2 == 0, str(k), at=T0 + timedelta(minutes=k))
    b.set_lesson_status("vectors", "reading")
    b.set_lesson_status("matrices", "done")
    b.set_setting("theme", "dracula")
    b.record_attempt("matrices-001", "matrices", True, at=T0 + timedelta(minutes=2))
    out = tmp_path / "export.json"
    a.export_json(out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "aimath-progress" and len(doc["attempts"]) == 5
    assert {"question_id", "lesson_id", "correct", "answer", "at"} <= set(doc["attempts"][0])

    assert b.import_json(out) == {"added": 5, "merged": 5, "skipped": 0, "changed": 2}
    assert b.import_json(out) == {"added": 0, "merged": 0, "skipped": 5, "changed": 0}
    assert len(b.attempts()) == 6
    assert b.lesson_statuses() == {"vectors": "done", "matrices": "done"}
    assert b.get_setting("theme") == "dracula"  # local setting kept
    assert b.scroll_position("vectors") == 9.0
    # replayed cards equal the ones built answer by answer
    assert b.card_info("vectors-0", now=T0) == a.card_info("vectors-0", now=T0)
    assert b.accuracy_by_lesson() == {"vectors": (3, 5), "matrices": (1, 1)}
    # and back: a gets b's attempt once
    b.export_json(out)
    assert {k: v for k, v in a.import_json(out).items() if k in ("added", "skipped")} == {"added": 1, "skipped": 5}
    assert sorted(x["id"] for x in a.attempts()) == sorted(x["id"] for x in b.attempts())


def test_import_of_attempts_without_ids_is_idempotent(store, tmp_path):
    path = tmp_path / "foreign.json"
    path.write_text(json.dumps({"attempts": [
        {"question_id": "q1", "lesson_id": "l", "correct": True, "answer": "1", "at": "2025-01-01T00:00:00Z"},
        {"question_id": "q1", "lesson_id": "l", "correct": False, "answer": "2", "at": "2025-01-02T00:00:00Z"},
    ]}), encoding="utf-8")
    assert store.import_json(path)["added"] == 2
    assert store.import_json(path)["added"] == 0
    assert len(store.attempts()) == 2


@pytest.mark.parametrize(
    "content, match",
    [
        (b"\xff\xfe not json", "JSON"),
        (b"[1, 2]", "객체가 아닙니다"),
        (b'{"attempts": [{"question_id": "q", "lesson_id": "l", "correct": "yes", "at": "2025-01-01T00:00:00Z"}]}', "correct"),
        (b'{"attempts": [{"lesson_id": "l", "correct": true, "at": "2025-01-01T00:00:00Z"}]}', "question_id"),
    ],
)
def test_import_rejects_bad_files_without_changes(store, tmp_path, content, match):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=match):
        store.import_json(path)
    assert store.attempts() == []
    with pytest.raises(ValueError, match="열 수 없습니다"):
        store.import_json(tmp_path / "missing.json")


def test_shards_stay_small(data_dir, monkeypatch):
    monkeypatch.setattr(progress._layout, "SHARD_SIZE", 4)
    s = open_store(data_dir)
    for k in range(11):
        s.record_attempt(f"q-{k}", "l", True, at=T0 + timedelta(seconds=k))
    shards = sorted(os.listdir(data_dir / "attempts"))
    assert shards == ["000000.json", "000001.json", "000002.json"]
    sizes = [len(json.loads((data_dir / "attempts" / n).read_text())["attempts"]) for n in shards]
    assert sizes == [4, 4, 3]
    assert [a["question_id"] for a in open_store(data_dir).attempts()] == [f"q-{k}" for k in range(11)]


def test_open_store_imports_nothing_heavy(data_dir):
    s = open_store(data_dir)
    s.record_attempt("q", "l", True)
    code = (
        "import sys, progress; s = progress.open_store(sys.argv[1]); s.lesson_statuses(); s.scroll_position('x');"
        "s.get_setting('theme'); print(sorted(m for m in ('fsrs', 'tinydb', 'filelock', 'sympy', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_closed_store_refuses_writes(store):
    store.close()
    with pytest.raises(progress.StoreError):
        store.record_attempt("q", "l", True)


@pytest.mark.parametrize(
    "key, value",
    [
        ("theme", ["x"]),
        ("theme", ""),
        ("last_lesson", {"a": 1}),
        ("sidebar_hidden", "yes"),
        ("sidebar_hidden", 1),
        ("panel_split", 1.5),
        ("panel_split", -3),
        ("panel_split", True),
        ("panel_split", float("inf")),
        ("panel_inputs", {"vectors.norms": {"x": 3}}),
        ("panel_inputs", {"vectors.norms": "1, 2"}),
        ("panel_inputs", ["x"]),
        ("notebook", "x+1"),
        ("notebook", ["ok", 1]),
        ("notebook", ["a" * 20000]),
        ("no_such_setting", 1),
        ("", 1),
    ],
)
def test_settings_are_validated_by_key_and_type(store, key, value):
    with pytest.raises(ValueError, match="설정"):
        store.set_setting(key, value)
    assert store.get_setting(key, "default") == "default"


def test_known_settings_round_trip(data_dir, store):
    values = {
        "theme": "nord",
        "last_lesson": "vectors",
        "sidebar_hidden": True,
        "panel_split": 60,
        "panel_inputs": {"vectors.norms": {"x": "1, 2, 3", "p": "2"}},
        "notebook": ["x = 3", "x^2"],
    }
    for k, v in values.items():
        store.set_setting(k, v)
    again = open_store(data_dir)
    assert {k: again.get_setting(k) for k in values} == values


def test_bad_settings_on_disk_are_ignored(data_dir, store):
    store.set_setting("theme", "nord")
    path = data_dir / "progress.json"
    doc = json.loads(path.read_text())
    doc["settings"] = {"1": {"key": "theme", "value": ["x"]}, "2": {"key": "last_lesson", "value": {"a": 1}},
                       "3": {"key": "mystery", "value": 5}, "4": {"key": "sidebar_hidden", "value": True}}
    path.write_text(json.dumps(doc))
    again = open_store(data_dir)
    assert again.get_setting("theme", "textual-dark") == "textual-dark"
    assert again.get_setting("last_lesson") is None
    assert again.get_setting("mystery") is None
    assert again.get_setting("sidebar_hidden") is True
