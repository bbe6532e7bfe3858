"""Schema migrations of the progress store.

Schema 1 (the first store, a single TinyDB file ``progress.json``) held everything:

* ``meta``:     ``{"schema_version": 1}``
* ``lessons``:  ``{"lesson_id", "status", "scroll"}`` (scroll position optional)
* ``settings``: ``{"key", "value"}``
* ``attempts``: ``{"question_id", "lesson_id", "correct", "answer", "at"}`` (no id)
* ``cards``:    ``{"question_id", "card"}`` (FSRS card dicts)

Schema 2 is the sharded layout described in ``progress.store``.  The migration keeps a
copy of the old file (``progress.json.v1-<time>``), writes the attempts into shards
with deterministic ids (so a repeated migration or an import of the same data never
duplicates), rebuilds cards and totals by replaying the attempts, and rewrites
``progress.json`` last: until that final write the old file is intact and an interrupted
migration simply runs again.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone

from . import _files
from .store import (
    ATTEMPTS_DIR,
    CARDS_DIR,
    MAIN,
    SCHEMA_VERSION,
    SCROLL,
    SHARD_SIZE,
    STATS,
    STATUSES,
    Store,
    _iso,
    _parse_at,
    attempt_key,
    shard_rel,
)


def _clear_v2_files(root: str) -> None:
    """Remove what an interrupted earlier migration may have written."""
    for sub in (ATTEMPTS_DIR, CARDS_DIR, os.path.join(_files.BACKUP_DIR, ATTEMPTS_DIR), os.path.join(_files.BACKUP_DIR, CARDS_DIR)):
        shutil.rmtree(os.path.join(root, sub), ignore_errors=True)
    for rel in (STATS, SCROLL):
        for path in (os.path.join(root, rel), _files.backup_path(root, rel)):
            try:
                os.remove(path)
            except FileNotFoundError:
                pass


def _clean_v1_attempt(a: dict) -> dict | None:
    if not isinstance(a.get("question_id"), str) or not isinstance(a.get("lesson_id"), str):
        return None
    if not a["question_id"] or not a["lesson_id"]:
        return None
    try:
        at = _iso(_parse_at(a.get("at")))
    except ValueError:
        return None
    seed = a.get("seed")
    doc = {
        "question_id": a["question_id"],
        "lesson_id": a["lesson_id"],
        "correct": bool(a.get("correct")),
        "answer": str(a.get("answer", "") or ""),
        "at": at,
        "hinted": bool(a.get("hinted", False)),
        "seed": seed if isinstance(seed, int) else None,
    }
    doc["id"] = attempt_key(doc)
    return doc


def migrate_v1(store: Store, main: dict) -> None:
    """Turn a schema-1 ``progress.json`` into the schema-2 layout (called under the lock)."""
    tx = store._tx
    assert tx is not None
    root = store.root
    main_path = os.path.join(root, MAIN)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    with open(main_path, "rb") as fh:
        original = fh.read()
    _files.atomic_write(f"{main_path}.v1-{stamp}", original)
    _clear_v2_files(root)

    docs, seen, skipped = [], set(), 0
    for a in (main.get("attempts") or {}).values():
        doc = _clean_v1_attempt(a)
        if doc is None:
            skipped += 1
        elif doc["id"] not in seen:
            seen.add(doc["id"])
            docs.append(doc)
    docs.sort(key=lambda d: d["at"])
    for seq, doc in enumerate(docs, start=1):
        doc["seq"] = seq
    for k in range(0, len(docs), SHARD_SIZE):
        tx.db(shard_rel(k // SHARD_SIZE)).table("attempts").insert_multiple(docs[k : k + SHARD_SIZE])
    store._hist().rebuild_all(tx, docs)

    lessons, scroll = [], []
    for d in (main.get("lessons") or {}).values():
        lid = d.get("lesson_id")
        if not isinstance(lid, str):
            continue
        if d.get("status") in STATUSES:
            lessons.append({"lesson_id": lid, "status": d["status"], "updated_at": _iso(_files.now_utc())})
        y = d.get("scroll")
        if isinstance(y, (int, float)) and not isinstance(y, bool):
            scroll.append({"lesson_id": lid, "y": max(0.0, float(y))})
    settings = [
        {"key": d["key"], "value": d.get("value")}
        for d in (main.get("settings") or {}).values()
        if isinstance(d.get("key"), str)
    ]
    if scroll:
        tx.db(SCROLL).table("scroll").insert_multiple(scroll)
    tx.replace(MAIN, {})
    db = tx.db(MAIN)
    db.table("meta").insert({"schema_version": SCHEMA_VERSION, "migrated_from": 1, "migrated_at": _iso(_files.now_utc())})
    db.table("lessons").insert_multiple(lessons)
    db.table("settings").insert_multiple(settings)
    if skipped:
        store.warnings.append(f"이전 형식의 풀이 기록 중 {skipped}개는 형식이 올바르지 않아 옮기지 못했습니다.")
