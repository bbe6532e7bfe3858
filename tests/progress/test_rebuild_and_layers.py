"""A rebuilt card equals the live one, whatever the order answers came in; progress is
built in one-way layers, small modules and small functions."""

import ast
import json
import os
import random
import shutil
import subprocess
import sys
from datetime import timedelta

import fsrs
import pytest

from progress import open_store

from store_helpers import REPO, T0

PROGRESS = os.path.join(REPO, "progress")
NOW = T0 + timedelta(days=3)


def _cards(s):
    return {it["question_id"]: it for it in s.review_items(now=NOW)}


def _reference(attempts):
    """Cards computed with the fsrs library directly, replaying each question in time order."""
    sched = fsrs.Scheduler(enable_fuzzing=False)
    out = {}
    for a in sorted(attempts, key=lambda a: a["at"]):
        from datetime import datetime

        card = out.get(a["question_id"]) or fsrs.Card(card_id=0, due=datetime.fromisoformat(a["at"]))
        rating = fsrs.Rating.Again if not a["correct"] else (fsrs.Rating.Hard if a["hinted"] else fsrs.Rating.Good)
        out[a["question_id"]], _ = sched.review_card(card, rating, review_datetime=datetime.fromisoformat(a["at"]))
    return out


def _backwards_history(s, seed):
    rng = random.Random(seed)
    for k in range(40):
        jump = rng.choice([-180, -30, -5, 1, 7, 60, 600])  # the clock goes backwards sometimes
        at = T0 + timedelta(minutes=300 + k * 20 + jump)
        s.record_attempt(f"q-{rng.randrange(4)}", "l", rng.random() < 0.7, str(k), hinted=rng.random() < 0.2, at=at)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rebuilt_cards_equal_live_cards_after_the_clock_goes_backwards(data_dir, tmp_path, seed):
    s = open_store(data_dir)
    _backwards_history(s, seed)
    live = _cards(s)
    ref = _reference(s.attempts())
    for q, it in live.items():
        assert it["due"] == ref[q].due and it["stability"] == pytest.approx(ref[q].stability)
    # cards lost: rebuilt from the log
    shutil.rmtree(data_dir / "cards")
    assert _cards(open_store(data_dir)) == live
    # cards damaged
    os.makedirs(data_dir / "cards", exist_ok=True)
    for name in os.listdir(data_dir / "cards"):
        (data_dir / "cards" / name).write_text("[")
    assert _cards(open_store(data_dir)) == live
    # after an export and an import into a fresh store
    out = tmp_path / "out.json"
    s.export_json(out)
    fresh = open_store(tmp_path / "fresh")
    fresh.import_json(out)
    assert _cards(fresh) == live
    # an import into a store with its own, interleaved history
    other = open_store(tmp_path / "other")
    other.record_attempt("q-0", "l", True, at=T0 + timedelta(minutes=400))
    other.import_json(out)
    merged = _cards(other)
    shutil.rmtree(tmp_path / "other" / "cards")
    assert _cards(open_store(tmp_path / "other")) == merged
    assert merged["q-0"]["reps"] == live["q-0"]["reps"] + 1


# ----------------------------------------------------------------------------- layers

LAYERS = [
    "errors", "settings", "_layout", "_files", "_validate", "_schedule", "_lock", "_repair", "_tx",
    "_state", "_log", "_derived", "_reports", "_transfer", "migrate", "store", "writequeue", "__init__",
]


def _imports(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("progress."):
            out.add(node.module.split(".")[1])
    return out  # imports of other packages: tests/test_architecture.py


def test_every_module_imports_only_layers_below_it():
    modules = sorted(n[:-3] for n in os.listdir(PROGRESS) if n.endswith(".py"))
    assert sorted(LAYERS) == modules, "a new module must be placed in LAYERS"
    for name in modules:
        for dep in _imports(os.path.join(PROGRESS, name + ".py")):
            assert LAYERS.index(dep) < LAYERS.index(name), f"progress.{name} imports progress.{dep} (a layer above it)"


def test_store_keeps_the_public_contract():
    from progress import Store, open_store as public_open

    assert callable(public_open)
    for name in ("set_lesson_status", "lesson_status", "record_attempt", "attempts", "due_questions",
                 "export_json", "import_json", "lesson_statuses", "get_setting", "set_setting",
                 "scroll_position", "set_scroll_position", "accuracy_by_lesson", "review_items"):
        assert callable(getattr(Store, name)), name
    assert isinstance(Store.read_only, property) and isinstance(Store.read_only_reason, property)


@pytest.mark.parametrize("test", ["test_store.py::test_shards_stay_small", "test_rebuild_and_layers.py::test_every_module_imports_only_layers_below_it"])
def test_store_tests_pass_when_run_alone(test):
    path = os.path.join(REPO, "tests", "progress", test)
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", path], cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-2000:]


def test_attempts_file_json_stays_standard(data_dir):
    s = open_store(data_dir)
    s.record_attempt("q", "l", True, at=T0)
    for base, _d, files in os.walk(data_dir):
        for n in files:
            if n.endswith(".json") or n.endswith(".bak"):
                json.loads(open(os.path.join(base, n), encoding="utf-8").read(), parse_constant=lambda c: 1 / 0)
