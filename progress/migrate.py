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

from . import _files, _layout as L, _validate
from ._derived import Derived
from ._tx import Tx


def _clear_v2_files(root: str) -> None:
    """Remove what an interrupted earlier migration may have written."""
    backups = L.BACKUP_DIR
    for sub in (L.ATTEMPTS_DIR, L.CARDS_DIR, os.path.join(backups, L.ATTEMPTS_DIR), os.path.join(backups, L.CARDS_DIR)):
        shutil.rmtree(os.path.join(root, sub), ignore_errors=True)
    for rel in (L.STATS, L.SCROLL):
        for path in (os.path.join(root, rel), _files.backup_path(root, rel)):
            try:
                os.remove(path)
            except FileNotFoundError:
                pass


def _clean_v1_attempt(a: dict) -> dict | None:
    """A v1 attempt in the v2 form, or None when it cannot be used (v1 had no id and
    tolerated 0/1 for ``correct``)."""
    if not isinstance(a, dict):
        return None
    a = {**a, "correct": bool(a.get("correct")), "hinted": bool(a.get("hinted", False))}
    if not isinstance(a.get("seed"), int) or isinstance(a.get("seed"), bool):
        a["seed"] = None
    a["answer"] = str(a.get("answer", "") or "")
    a.pop("id", None)
    if _validate.attempt_problem(a) is not None:
        return None
    return _validate.clean_attempt(a)


def _v1_attempts(main: dict) -> tuple[list[dict], int]:
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
    return docs, skipped


def _v1_lessons(main: dict) -> tuple[list[dict], list[dict]]:
    lessons, scroll = [], []
    for d in (main.get("lessons") or {}).values():
        lid = d.get("lesson_id") if isinstance(d, dict) else None
        if not _validate.is_id(lid):
            continue
        if d.get("status") in L.STATUSES:
            lessons.append({"lesson_id": lid, "status": d["status"], "updated_at": L.iso(L.now_utc())})
        y = d.get("scroll")
        if _validate.is_finite(y):
            scroll.append({"lesson_id": lid, "y": min(max(0.0, float(y)), L.MAX_SCROLL)})
    return lessons, scroll


def migrate_v1(tx: Tx, derived: Derived, main: dict) -> list[str]:
    """Turn a schema-1 ``progress.json`` into the schema-2 layout (called under the lock);
    return Korean warnings."""
    root = tx.files.root
    main_path = os.path.join(root, L.MAIN)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    raw = _files.read_bounded(main_path) or b""
    _files.atomic_write(f"{main_path}.v1-{stamp}", raw)
    _clear_v2_files(root)

    docs, skipped = _v1_attempts(main)
    size = L.SHARD_SIZE
    for k in range(0, len(docs), size):
        tx.replace(L.shard_rel(k // size), {"attempts": {str(i + 1): d for i, d in enumerate(docs[k : k + size])}})
    derived.rebuild_all(tx, docs)

    lessons, scroll = _v1_lessons(main)
    settings = []
    for d in (main.get("settings") or {}).values():
        if isinstance(d, dict) and isinstance(d.get("key"), str):
            ok, value = _setting(d)
            if ok:
                settings.append({"key": d["key"], "value": value})
    if scroll:
        tx.db(L.SCROLL).table("scroll").insert_multiple(scroll)
    tx.replace(L.MAIN, {})
    db = tx.db(L.MAIN)
    db.table("meta").insert({"schema_version": L.SCHEMA_VERSION, "migrated_from": 1, "migrated_at": L.iso(L.now_utc())})
    db.table("lessons").insert_multiple(lessons)
    db.table("settings").insert_multiple(settings)
    warnings = ["이전 형식(스키마 1)의 진행 기록을 새 형식(스키마 2)으로 옮겼습니다. 원본은 따로 보관했습니다."]
    if skipped:
        warnings.append(f"이전 형식의 풀이 기록 중 {skipped}개는 형식이 올바르지 않아 옮기지 못했습니다.")
    return warnings


def _setting(d: dict):
    from .settings import setting_or_none

    return setting_or_none(d["key"], d.get("value"))
