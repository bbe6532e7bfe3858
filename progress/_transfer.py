"""Export and import: one JSON document holding everything.

Import checks the whole document field by field first (``_validate.check_import``) and
rejects it whole — nothing on disk changes — with a Korean message counting the problems.
A valid document is merged in bounded transactions, so another running aimath never waits
long for the lock: attempts are appended in chunks of at most ``CHUNK_SECONDS`` of work
(totals counted as they go; the lessons being filled in are marked ``pending_lessons`` in
``stats.json``), then each affected lesson's cards are replayed outside the lock and
installed in a short transaction that folds in whatever was answered meanwhile.
"""

from __future__ import annotations

import json
import os
import stat
import time
from typing import Any

from . import _files, _layout as L, _validate
from ._derived import Derived, add_totals, build_cards, pending_lessons, replay
from ._files import CorruptFile
from ._log import Log
from ._state import State
from ._tx import Tx
from .errors import ImportRejected, describe_os_error

CHUNK_SECONDS = 0.15  # lock hold per import transaction (target; fsyncs dominate it)
FIRST_CHUNK = 1000
MAX_CHUNK = 10_000  # attempts per transaction (20 shards, each fsync'd), whatever the measured speed
PAUSE = 0.01  # between chunks: lets a waiting process take the lock


def _rejected(problems: list[str], source: str) -> ImportRejected:
    n = len(problems)
    shown = "; ".join(problems[:3]) + (f" 외 {n - 3}개" if n > 3 else "")
    where = f" ({source})" if source else ""
    return ImportRejected(f"가져올 파일에 문제가 {n}개 있어 아무것도 가져오지 않았습니다{where}: {shown}", n, problems[:100])


class Transfer:
    def __init__(self, state: State, log: Log, derived: Derived, reports) -> None:
        self.files = state.files
        self.state = state
        self.log = log
        self.derived = derived
        self.reports = reports
        self.last_lock_hold: list[float] = []  # seconds each import transaction held the lock

    # ------------------------------------------------------------------ export

    def export_data(self) -> dict:
        cards = {
            c["question_id"]: {"lesson_id": c["lesson_id"], "reps": c.get("reps", 0), "lapses": c.get("lapses", 0), "card": c["card"]}
            for c in self.derived.all_cards()
        }
        return {
            "format": L.EXPORT_FORMAT,
            "schema_version": L.SCHEMA_VERSION,
            "exported_at": L.iso(L.now_utc()),
            "lessons": self.state.lesson_statuses(),
            "scroll": dict(self.state.refresh_scroll()),
            "settings": self.state.settings(),
            "attempts": self.log.attempts(),
            "cards": cards,
        }

    def export_json(self, path: str) -> None:
        payload = json.dumps(self.export_data(), ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
        path = os.path.abspath(path)
        if os.path.isdir(path):
            raise ValueError(f"내보낼 파일 자리에 폴더가 있습니다: {path}")
        if not _replaceable(path):
            raise ValueError(f"'{path}'에는 aimath가 내보낸 것이 아닌 파일이 이미 있어 덮어쓰지 않았습니다. "
                             "다른 파일 이름을 주세요(예: aimath-backup.json).")
        try:
            _files.atomic_write(path, payload)
        except OSError as exc:
            raise ValueError(f"내보낼 파일을 쓸 수 없습니다: {path} ({describe_os_error(exc)})") from None

    # ------------------------------------------------------------------ import

    def import_json(self, path: str) -> dict:
        try:
            raw = _files.read_bounded(path, L.MAX_IMPORT_BYTES)
        except CorruptFile:
            raise ImportRejected(f"가져올 파일이 일반 파일이 아니거나 너무 큽니다: {path}") from None
        except OSError as exc:
            raise ImportRejected(f"가져올 파일을 열 수 없습니다: {path} ({describe_os_error(exc)})") from None
        if raw is None:
            raise ImportRejected(f"가져올 파일을 열 수 없습니다: {path} (파일이 없습니다)")
        try:
            doc = _files.loads(raw.decode("utf-8-sig"))  # a BOM, as Windows Notepad saves it
        except (UnicodeDecodeError, ValueError):
            raise ImportRejected(f"가져올 파일이 올바른 JSON 문서가 아닙니다: {path}") from None
        return self.import_data(doc, source=path)

    def import_data(self, doc: Any, source: str = "") -> dict:
        plan, problems = _validate.check_import(doc)
        if problems:
            raise _rejected(problems, source)
        if self.files.read_only:
            from .errors import ReadOnlyStore

            raise ReadOnlyStore(self.files.read_only_reason or "진행 기록이 읽기 전용이라 가져올 수 없습니다.")
        added, skipped = self._merge_attempts(plan.attempts)
        changed = self._merge_small(plan)
        return {"added": added, "merged": added, "skipped": skipped, "changed": changed}

    def _merge_small(self, plan: _validate.ImportPlan) -> int:
        """Lesson statuses (the further one wins), settings and scroll (fill in what is missing)."""
        if not (plan.lessons or plan.settings or plan.scroll):
            return 0
        from tinydb import Query

        changed = 0
        with self.files.transaction() as tx:
            self.state.ensure_meta(tx)
            lessons = tx.db(L.MAIN).table("lessons")
            here = {d["lesson_id"]: d["status"] for d in tx.slot(L.MAIN).data.get("lessons", {}).values()}
            for lid, st in plan.lessons.items():
                if L.STATUS_RANK[st] > L.STATUS_RANK.get(here.get(lid, "unread"), 0):
                    lessons.upsert({"lesson_id": lid, "status": st, "updated_at": L.iso(L.now_utc())}, Query().lesson_id == lid)
                    changed += 1
            settings = tx.db(L.MAIN).table("settings")
            have = {d.get("key") for d in settings.all()}
            new = [{"key": k, "value": v} for k, v in plan.settings.items() if k not in have]
            scroll = tx.db(L.SCROLL).table("scroll")
            have = {d.get("lesson_id") for d in scroll.all()}
            rows = [{"lesson_id": k, "y": y} for k, y in plan.scroll.items() if k not in have]
            if new:
                settings.insert_multiple(new)
            if rows:
                scroll.insert_multiple(rows)
            changed += len(new) + len(rows)
        return changed

    def _merge_attempts(self, incoming: list[dict]) -> tuple[int, int]:
        docs = self.log.all_docs(locked=False)
        existing = {d["id"] for d in docs}
        known_seq = max((d["seq"] for d in docs), default=0)
        new, ids = [], set()
        for a in sorted(incoming, key=lambda a: a["at"]):
            if a["id"] not in existing and a["id"] not in ids:
                ids.add(a["id"])
                new.append(a)
        if not new:
            return 0, len(incoming)
        lessons = sorted({a["lesson_id"] for a in new})
        added = self._append_in_chunks(new, lessons, existing, known_seq)
        for lesson in lessons:
            self._install_cards(lesson)
        return added, len(incoming) - added

    def _append_in_chunks(self, new: list[dict], lessons: list[str], existing: set, known_seq: int) -> int:
        """Append ``new`` in transactions of bounded length; return how many were added."""
        k, added, size = 0, 0, FIRST_CHUNK
        self.last_lock_hold = []
        while k < len(new):
            start = time.perf_counter()
            with self.files.transaction() as tx:
                self.derived.catch_up(tx)
                existing.update(d["id"] for d in self.log.tx_docs(tx, since_seq=known_seq))  # others' appends
                if k == 0:
                    self._mark_pending(tx, lessons)
                chunk = [a for a in new[k : k + size] if a["id"] not in existing]
                self.log.append(tx, chunk)
                if chunk:
                    add_totals(tx.slot(L.STATS).data, chunk, marks=False)
                    tx.slot(L.STATS).dirty = True
                    known_seq = max(known_seq, chunk[-1]["seq"])
                added += len(chunk)
                k += size
            held = time.perf_counter() - start
            self.last_lock_hold.append(held)
            size = max(100, min(MAX_CHUNK, int(size * min(2.0, CHUNK_SECONDS / max(held, 1e-3)))))
            time.sleep(PAUSE)
        return added

    def _mark_pending(self, tx: Tx, lessons: list[str]) -> None:
        stats = tx.slot(L.STATS).data
        meta = stats.setdefault("meta", {}).setdefault("1", {"applied_seq": 0})
        meta["pending_lessons"] = sorted(set(meta.get("pending_lessons", [])) | set(lessons))
        meta["import_pid"] = os.getpid()
        tx.slot(L.STATS).dirty = True

    def _install_cards(self, lesson: str) -> None:
        """Replay one lesson's cards outside the lock; install them with what came meanwhile."""
        docs = [d for d in self.log.all_docs(locked=False) if d["lesson_id"] == lesson]
        snapshot_seq = max((d["seq"] for d in docs), default=0)
        data = build_cards(docs)
        with self.files.transaction() as tx:
            tail = [d for d in self.log.tx_docs(tx, since_seq=snapshot_seq) if d["lesson_id"] == lesson]
            if tail:
                touched = {d["question_id"] for d in tail}
                rows = replay([d for d in docs if d["question_id"] in touched] + tail)
                cards = {c["question_id"]: c for c in data["cards"].values()}
                cards.update(rows)
                data = {"meta": {"1": {"last_seq": max(c["seq"] for c in cards.values())}},
                        "cards": {str(i + 1): cards[q] for i, q in enumerate(sorted(cards))}}
            tx.replace(L.cards_rel(lesson), data)
            stats = tx.slot(L.STATS).data
            mark = data["meta"]["1"]["last_seq"]
            for row in stats.get("lessons", {}).values():
                if row["lesson_id"] == lesson:
                    row["last_seq"] = max(row.get("last_seq", 0), mark)
            pending, _pid = pending_lessons(stats)
            meta = stats["meta"]["1"]
            meta["pending_lessons"] = sorted(pending - {lesson})
            if not meta["pending_lessons"]:
                meta.pop("pending_lessons")
                meta.pop("import_pid", None)
            tx.slot(L.STATS).dirty = True


def _replaceable(path: str) -> bool:
    """Whether an export may replace what is at ``path``: nothing, an empty file, a link (it is
    replaced, never followed), or an earlier aimath export.  Anything else - a typo such as
    ``aimath export notes.md`` or ``~/.bashrc`` - is some other file the learner would lose."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return True  # the write itself will say what is wrong with the path
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        return True
    try:
        raw = _files.read_bounded(path, L.MAX_IMPORT_BYTES)
        doc = _files.loads(raw.decode("utf-8-sig")) if raw is not None else None
    except (CorruptFile, OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(doc, dict) and doc.get("format") == L.EXPORT_FORMAT
