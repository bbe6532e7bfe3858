"""The progress store: lesson status, settings, quiz attempts, FSRS cards and statistics.

Layout of the data directory (schema version 2; every file is a TinyDB JSON file)::

    progress.json          meta (schema_version), lessons (status), settings
    scroll.json            scroll position per lesson (written often, cheaply)
    attempts/000000.json   attempts, at most SHARD_SIZE per file, in order of ``seq``
    cards/<lesson>.json    one FSRS card per question of that lesson
    stats.json             running totals (per lesson, per day, per question) and
                           ``applied_seq``, the last attempt folded into cards and totals
    backups/<file>.bak     the last good version of progress.json, scroll.json and the shards
    .lock                  the inter-process lock

Recording an attempt touches one shard, one cards file and ``stats.json`` — all of
bounded size — so its cost does not grow with history.  The shard is the log: it is
written first, fsync'd (file and directory) and backed up.  Cards and totals are caches
of the log carrying ``seq`` marks; they are written without fsync and without backups,
because every way they can go wrong (a kill between the writes, a power cut reordering
them, damage, loss) is detected by the marks or the parser and repaired from the log.
``progress.json`` (status, settings) is fsync'd; ``scroll.json`` is atomic, not fsync'd.

Every read-modify-write runs under a file lock and re-reads the files it changes from
disk (nothing is trusted from memory across processes).  Every write replaces the file
atomically.  A file that does not parse is moved aside as ``*.corrupt-<time>`` and the
backup restored (or, for derived files, rebuilt from the attempts); each such event
adds a Korean message to ``Store.warnings``.
"""

from __future__ import annotations

import json
import os
import re
import threading
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any, Iterator

from . import _files
from ._files import CorruptFile
from .errors import ReadOnlyStore, StoreError
from .settings import setting_or_none, validate_setting

SCHEMA_VERSION = 2
SHARD_SIZE = 500
STATUSES = ("unread", "reading", "done")
_STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

MAIN = "progress.json"
SCROLL = "scroll.json"
STATS = "stats.json"
ATTEMPTS_DIR = "attempts"
CARDS_DIR = "cards"
LOCK_NAME = ".lock"
LOCK_TIMEOUT = 30.0
_SHARD_RE = re.compile(r"^(\d{6})\.json$")
_TMP_RE = re.compile(r"\.json\.tmp-(\d+)$")
EXPORT_FORMAT = "aimath-progress"


def default_data_dir() -> str:
    env = os.environ.get("AIMATH_DATA_DIR")
    if env:
        return env
    import platformdirs

    return platformdirs.user_data_dir("aimath")


def open_store(data_dir: str | os.PathLike | None = None) -> "Store":
    """Open (creating if needed) the progress store in ``data_dir``.

    ``data_dir`` defaults to ``$AIMATH_DATA_DIR``, else the platform's user data
    directory for "aimath".  Never raises for damaged files: problems are repaired
    and described in ``store.warnings``.
    """
    root = os.fspath(data_dir) if data_dir is not None else default_data_dir()
    return Store(root)


# ----------------------------------------------------------------------------- helpers


def _encode_name(lesson_id: str) -> str:
    out = []
    for ch in lesson_id:
        if ch.isascii() and (ch.isalnum() or ch == "-"):
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode("utf-8"))
    name = "".join(out)
    if len(name) > 120:
        import hashlib

        name = name[:80] + "_" + hashlib.sha1(lesson_id.encode("utf-8")).hexdigest()
    return name


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def cards_rel(lesson_id: str) -> str:
    return f"{CARDS_DIR}/{_encode_name(lesson_id)}.json"


def shard_rel(index: int) -> str:
    return f"{ATTEMPTS_DIR}/{index:06d}.json"


def _parse_at(at: Any) -> datetime:
    if at is None:
        return datetime.now(timezone.utc)
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at.strip())
        except ValueError:
            raise ValueError(f"시각 형식이 올바르지 않습니다: {at!r} (ISO 8601 형식이어야 합니다)") from None
    if not isinstance(at, datetime):
        raise ValueError(f"시각은 datetime 또는 ISO 8601 문자열이어야 합니다: {at!r}")
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc)


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _local_date(at: datetime | str) -> date:
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at.astimezone().date()


def _check_id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what}는 비어 있지 않은 문자열이어야 합니다: {value!r}")
    return value


def attempt_key(a: dict) -> str:
    """A deterministic id for an attempt that came without one (v1 data, foreign exports)."""
    import hashlib

    raw = json.dumps(
        [a.get("question_id"), a.get("lesson_id"), bool(a.get("correct")), a.get("answer", ""), a.get("at")],
        ensure_ascii=False,
    )
    return "h" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:31]


_storage_cls = None


def _tinydb(slot: "_Slot"):
    """A TinyDB instance whose storage is the in-memory slot of one file."""
    global _storage_cls
    from tinydb import TinyDB

    if _storage_cls is None:
        from tinydb.storages import Storage

        class SlotStorage(Storage):
            def __init__(self, slot: _Slot) -> None:
                self.slot = slot

            def read(self):
                return self.slot.data

            def write(self, data) -> None:
                self.slot.data = data
                self.slot.dirty = True

        _storage_cls = SlotStorage
    return TinyDB(slot, storage=_storage_cls)


class _Slot:
    __slots__ = ("data", "dirty")

    def __init__(self, data: dict | None) -> None:
        self.data = data if data is not None else {}
        self.dirty = False


def _commit_rank(rel: str) -> int:
    if rel.startswith(ATTEMPTS_DIR + "/"):
        return 0
    if rel.startswith(CARDS_DIR + "/"):
        return 1
    if rel == STATS:
        return 2
    if rel == SCROLL:
        return 3
    return 4


class _Tx:
    """One locked read-modify-write: files are read fresh from disk once, written once."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.slots: dict[str, _Slot] = {}
        self.max_seq: int | None = None
        self.last_shard = 0

    def slot(self, rel: str) -> _Slot:
        s = self.slots.get(rel)
        if s is None:
            s = self.slots[rel] = _Slot(self.store._load(rel, locked=True))
        return s

    def db(self, rel: str):
        return _tinydb(self.slot(rel))

    def replace(self, rel: str, data: dict) -> None:
        s = self.slots.get(rel)
        if s is None:
            s = self.slots[rel] = _Slot(data)
        s.data = data
        s.dirty = True

    def commit(self) -> None:
        root = self.store.root
        for rel in sorted((r for r, s in self.slots.items() if s.dirty), key=_commit_rank):
            payload = _files.dump_tables(self.slots[rel].data)
            path = os.path.join(root, rel)
            derived = rel == STATS or rel.startswith(CARDS_DIR + "/")
            # The log (shards) and progress.json are fsync'd, rename included.  Cards and
            # totals are caches of the log with seq marks (see progress._history) and are
            # repaired from it, so they skip fsync and backups; scroll positions are cheap.
            durable = not derived and rel != SCROLL
            _files.atomic_write(path, payload, durable=durable)
            if durable:
                _files.fsync_dir(os.path.dirname(path))
            if not derived:
                _files.write_backup(root, rel, payload)
            self.store._note_written(rel, self.slots[rel].data)


# ----------------------------------------------------------------------------- store


class Store:
    """Progress of one user.  Safe to use from several threads and several processes."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.warnings: list[str] = []
        self.read_only = False
        self.read_only_reason: str | None = None
        self._rlock = threading.RLock()
        self._flock_obj = None
        self._tx: _Tx | None = None
        self._closed = False
        self._main: dict = {}
        self._main_sig: tuple | None = None
        self._scroll: dict[str, float] = {}
        self._scroll_sig: tuple | None = None
        self._shard_cache: dict[str, tuple[tuple, list[dict]]] = {}
        self._read_cache: dict[str, tuple[tuple, dict]] = {}
        self._verified: tuple | None = None
        self._history = None
        os.makedirs(self.root, exist_ok=True)
        self._open()

    # ------------------------------------------------------------------ opening

    def _open(self) -> None:
        main = self._load(MAIN, locked=False)
        version = self._schema_of(main)
        if version == 1:
            from .migrate import migrate_v1

            with self._transaction(allow_read_only=True):
                main = self._load(MAIN, locked=True)
                if self._schema_of(main) == 1:
                    migrate_v1(self, main)
                    self.warnings.append("이전 형식(스키마 1)의 진행 기록을 새 형식(스키마 2)으로 옮겼습니다. 원본은 따로 보관했습니다.")
            main = self._load(MAIN, locked=False)
        elif version > SCHEMA_VERSION:
            self.read_only = True
            self.read_only_reason = (
                f"진행 기록이 더 새로운 버전의 aimath(스키마 {version})로 저장되어 있어 읽기 전용으로 엽니다. "
                "새 기록은 저장되지 않습니다. 프로그램을 업데이트하세요."
            )
            self.warnings.append(self.read_only_reason)
        self._set_main(main)
        self._refresh_scroll(force=True)
        self._cheap_checks()

    @staticmethod
    def _schema_of(main: dict) -> int:
        meta = main.get("meta") or {}
        for doc in meta.values():
            v = doc.get("schema_version")
            if isinstance(v, int):
                return v
        if "attempts" in main or "cards" in main:
            return 1  # v1 files kept everything in this one file
        if main.get("lessons") or main.get("settings"):
            return 1 if not meta else SCHEMA_VERSION
        return SCHEMA_VERSION

    def _cheap_checks(self) -> None:
        """Catch zero-byte files at start-up without reading the attempt history, and
        remove temp files left by a writer that was killed mid-write."""
        candidates = [STATS]
        for sub in ("", ATTEMPTS_DIR, CARDS_DIR):
            d = os.path.join(self.root, sub)
            try:
                names = os.listdir(d)
            except OSError:
                continue
            if sub:
                candidates.extend(f"{sub}/{n}" for n in names if n.endswith(".json"))
            for n in names:
                m = _TMP_RE.search(n)
                if m and not _pid_alive(int(m.group(1))):
                    try:
                        os.remove(os.path.join(d, n))
                    except OSError:
                        pass
        for rel in candidates:
            try:
                if os.stat(os.path.join(self.root, rel)).st_size == 0:
                    self._load(rel, locked=False)
            except OSError:
                continue

    # ------------------------------------------------------------------ locking

    def _flock(self):
        if self._flock_obj is None:
            import filelock

            self._flock_obj = filelock.FileLock(
                os.path.join(self.root, LOCK_NAME), timeout=LOCK_TIMEOUT, thread_local=False
            )
        return self._flock_obj

    @contextmanager
    def _transaction(self, *, allow_read_only: bool = False) -> Iterator[_Tx]:
        if self._closed:
            raise StoreError("이미 닫힌 진행 기록 저장소입니다.")
        if self.read_only and not allow_read_only:
            raise ReadOnlyStore(self.read_only_reason or "진행 기록이 읽기 전용으로 열려 있어 저장할 수 없습니다.")
        with self._rlock:
            if self._tx is not None:
                yield self._tx
                return
            lock = self._flock()
            try:
                lock.acquire(poll_interval=0.002)
            except Exception as exc:  # filelock.Timeout
                raise StoreError(f"다른 aimath가 진행 기록을 오래 잠그고 있어 저장하지 못했습니다: {exc}") from None
            try:
                tx = self._tx = _Tx(self)
                try:
                    yield tx
                    tx.commit()
                finally:
                    self._tx = None
            finally:
                lock.release()

    # ------------------------------------------------------------------ loading + recovery

    def _path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def _load(self, rel: str, *, locked: bool) -> dict:
        """Tables of one file, repairing it if it is damaged (never returns None)."""
        path = self._path(rel)
        try:
            data = _files.read_tables(path)
        except CorruptFile as exc:
            if not locked:
                with self._transaction(allow_read_only=True) as tx:
                    return tx.slot(rel).data
            return self._recover(rel, str(exc))
        if data is None:
            data = self._recover_missing(rel, locked=locked)
        return data

    def _display(self, rel: str) -> str:
        return rel.replace("/", os.sep)

    def _recover(self, rel: str, reason: str) -> dict:
        """Called under the lock for a file that does not parse."""
        path = self._path(rel)
        try:
            data = _files.read_tables(path)
        except CorruptFile:
            pass
        else:  # another process repaired or removed it meanwhile
            return data if data is not None else self._recover_missing(rel, locked=True)
        kept = os.path.basename(_files.quarantine(path))
        name = self._display(rel)
        restored = self._restore_backup(rel)
        if restored is not None:
            self.warnings.append(
                f"진행 기록 파일 '{name}'이(가) 손상되어 '{kept}'(으)로 따로 보관하고 마지막 정상 백업에서 복구했습니다."
            )
            return restored
        rebuilt = self._rebuild_file(rel)
        if rebuilt is not None:
            self.warnings.append(
                f"진행 기록 파일 '{name}'이(가) 손상되어 '{kept}'(으)로 따로 보관하고 풀이 기록으로부터 다시 계산했습니다."
            )
            return rebuilt
        if rel == MAIN:
            msg = (
                f"진행 기록 파일 '{name}'이(가) 손상되었고 백업도 없어 학습 상태와 설정을 복구하지 못했습니다. "
                f"손상된 파일은 '{kept}'(으)로 보관했습니다. 퀴즈 풀이 기록은 그대로 남아 있습니다."
            )
        else:
            msg = (
                f"풀이 기록 파일 '{name}'이(가) 손상되었고 백업도 없어 그 안의 기록을 복구하지 못했습니다. "
                f"손상된 파일은 '{kept}'(으)로 보관했습니다."
            )
        self.warnings.append(msg)
        return {}

    def _restore_backup(self, rel: str) -> dict | None:
        bpath = _files.backup_path(self.root, rel)
        try:
            with open(bpath, "rb") as fh:
                raw = fh.read()
            data = _files.parse_tables(raw)
        except (OSError, CorruptFile):
            return None
        _files.atomic_write(self._path(rel), raw)
        _files.fsync_dir(os.path.dirname(self._path(rel)))
        return data

    def _recover_missing(self, rel: str, *, locked: bool) -> dict:
        """A file that does not exist: normal for a new store, a loss if its backup exists."""
        has_backup = os.path.exists(_files.backup_path(self.root, rel))
        if not has_backup and not (rel == STATS and self._shard_indexes()):
            return {}  # a missing cards file is detected by its seq mark (progress._history)
        if not locked:
            with self._transaction(allow_read_only=True) as tx:
                return tx.slot(rel).data
        if os.path.exists(self._path(rel)):
            return self._load(rel, locked=True)
        name = self._display(rel)
        if has_backup:
            restored = self._restore_backup(rel)
            if restored is not None:
                self.warnings.append(f"진행 기록 파일 '{name}'이(가) 없어져서 마지막 정상 백업에서 복구했습니다.")
                return restored
        # totals missing while attempts exist (first write interrupted, or lost): recompute
        rebuilt = self._rebuild_file(rel)
        if rebuilt is not None:
            if has_backup:
                self.warnings.append(f"진행 기록 파일 '{name}'이(가) 없어져서 풀이 기록으로부터 다시 계산했습니다.")
            return rebuilt
        return {}

    def _rebuild_file(self, rel: str) -> dict | None:
        """Recompute a derived file (stats, cards) from the attempts; None for other files."""
        if rel != STATS and not rel.startswith(CARDS_DIR + "/"):
            return None
        data = self._hist().rebuild_file(rel)
        _files.atomic_write(self._path(rel), _files.dump_tables(data))
        _files.fsync_dir(os.path.dirname(self._path(rel)))
        return data

    # ------------------------------------------------------------------ small-file caches

    @staticmethod
    def _sig(path: str) -> tuple | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _set_main(self, data: dict) -> None:
        self._main = data
        self._main_sig = self._sig(self._path(MAIN))

    def _refresh_main(self) -> dict:
        if self._sig(self._path(MAIN)) != self._main_sig:
            self._set_main(self._load(MAIN, locked=False))
        return self._main

    def _refresh_scroll(self, force: bool = False) -> dict[str, float]:
        sig = self._sig(self._path(SCROLL))
        if force or sig != self._scroll_sig:
            data = self._load(SCROLL, locked=False)
            self._scroll = {
                d["lesson_id"]: float(d["y"])
                for d in data.get("scroll", {}).values()
                if isinstance(d.get("lesson_id"), str) and isinstance(d.get("y"), (int, float))
            }
            self._scroll_sig = self._sig(self._path(SCROLL))
        return self._scroll

    def _note_written(self, rel: str, data: dict) -> None:
        if rel == MAIN:
            self._set_main(data)
        elif rel == SCROLL:
            self._scroll_sig = None

    # ------------------------------------------------------------------ main file

    def _ensure_meta(self, tx: _Tx) -> None:
        db = tx.db(MAIN)
        meta = db.table("meta")
        if not meta.all():
            meta.insert({"schema_version": SCHEMA_VERSION, "created_at": _iso(_files.now_utc())})

    def set_lesson_status(self, lesson_id: str, status: str) -> None:
        """Set a lesson's status: "unread", "reading" or "done" (durable when it returns)."""
        _check_id(lesson_id, "레슨 id")
        if status not in STATUSES:
            raise ValueError(f"레슨 상태는 'unread', 'reading', 'done' 중 하나여야 합니다: {status!r}")
        from tinydb import Query

        with self._transaction() as tx:
            self._ensure_meta(tx)
            table = tx.db(MAIN).table("lessons")
            table.upsert(
                {"lesson_id": lesson_id, "status": status, "updated_at": _iso(_files.now_utc())},
                Query().lesson_id == lesson_id,
            )

    def start_reading(self, lesson_id: str) -> None:
        """Mark an unread lesson as being read, deciding inside the transaction: a lesson that
        another process has meanwhile marked "done" (or "reading") is left as it is."""
        _check_id(lesson_id, "레슨 id")
        from tinydb import Query

        with self._transaction() as tx:
            self._ensure_meta(tx)
            table = tx.db(MAIN).table("lessons")
            found = table.get(Query().lesson_id == lesson_id)
            if found is None or found.get("status") not in ("reading", "done"):
                table.upsert(
                    {"lesson_id": lesson_id, "status": "reading", "updated_at": _iso(_files.now_utc())},
                    Query().lesson_id == lesson_id,
                )

    def lesson_status(self, lesson_id: str) -> str:
        return self.lesson_statuses().get(lesson_id, "unread")

    def lesson_statuses(self) -> dict[str, str]:
        """Status of every lesson that has one (lessons not listed are "unread")."""
        out = {}
        for doc in self._refresh_main().get("lessons", {}).values():
            lid, st = doc.get("lesson_id"), doc.get("status")
            if isinstance(lid, str) and st in STATUSES:
                out[lid] = st
        return out

    def lessons_done(self) -> int:
        return sum(1 for s in self.lesson_statuses().values() if s == "done")

    def get_setting(self, key: str, default: Any = None) -> Any:
        """The stored value of a known setting, or ``default`` (also for a value on disk that
        does not fit the schema of ``progress.settings``: a hand-edited file never reaches the app)."""
        for doc in self._refresh_main().get("settings", {}).values():
            if doc.get("key") == key:
                ok, value = setting_or_none(key, doc.get("value"))
                return value if ok else default
        return default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a known setting (see ``progress.settings``; ``ValueError`` for an unknown key
        or a value of the wrong type); durable when it returns."""
        value = validate_setting(key, value)
        if self.get_setting(key, _MISSING) == value:
            return
        from tinydb import Query

        with self._transaction() as tx:
            self._ensure_meta(tx)
            tx.db(MAIN).table("settings").upsert({"key": key, "value": value}, Query().key == key)

    # ------------------------------------------------------------------ scroll positions

    def scroll_position(self, lesson_id: str) -> float:
        return self._refresh_scroll().get(lesson_id, 0.0)

    def set_scroll_position(self, lesson_id: str, y: float) -> None:
        """Remember where the reader was.  Cheap: skipped when unchanged, written atomically
        but without fsync (a power cut may cost the last scroll moves, never the file)."""
        _check_id(lesson_id, "레슨 id")
        try:
            y = float(y)
        except (TypeError, ValueError):
            raise ValueError(f"스크롤 위치는 숫자여야 합니다: {y!r}") from None
        if y != y or y in (float("inf"), float("-inf")):
            raise ValueError(f"스크롤 위치는 유한한 숫자여야 합니다: {y!r}")
        y = max(0.0, y)
        if self._refresh_scroll().get(lesson_id) == y:
            return
        from tinydb import Query

        with self._transaction() as tx:
            tx.db(SCROLL).table("scroll").upsert({"lesson_id": lesson_id, "y": y}, Query().lesson_id == lesson_id)
        self._scroll[lesson_id] = y

    # ------------------------------------------------------------------ quiz history
    # (implemented in progress._history, loaded on first use to keep open_store cheap)

    def _hist(self):
        h = self._history
        if h is None:
            from ._history import History

            h = self._history = History(self)
        return h

    def _shard_indexes(self) -> list[int]:
        try:
            names = os.listdir(self._path(ATTEMPTS_DIR))
        except OSError:
            return []
        return sorted(int(m.group(1)) for m in map(_SHARD_RE.match, names) if m)

    def record_attempt(
        self,
        question_id: str,
        lesson_id: str,
        correct: bool,
        answer: str = "",
        *,
        hinted: bool = False,
        seed: int | None = None,
        at: datetime | str | None = None,
    ) -> None:
        """Record one answer and update the question's FSRS card (wrong → Again,
        right → Good, right after a hint → Hard).  Durable when it returns: the attempt
        is fsync'd and atomically in place.  ``at`` defaults to now (UTC)."""
        self._hist().record_attempt(question_id, lesson_id, correct, answer, hinted, seed, at)

    def attempts(self, lesson_id: str | None = None) -> list[dict]:
        """Every attempt (of one lesson if given), oldest first; each a dict with id,
        question_id, lesson_id, correct, answer, at (ISO 8601 UTC), hinted, seed."""
        return self._hist().attempts(lesson_id)

    def attempt_count(self) -> int:
        return self._hist().attempt_count()

    def due_questions(self, now: datetime | str | None = None) -> list[str]:
        """Ids of the questions due for review at ``now`` (default: now), most overdue first."""
        return self._hist().due_questions(_parse_at(now))

    def card_info(self, question_id: str, now: datetime | str | None = None) -> dict | None:
        """Review state of one question, or None if it was never answered: question_id,
        lesson_id, due (aware datetime), is_due, state, stability, difficulty,
        last_review, recall (FSRS retrievability at ``now``, 0..1), reps, lapses."""
        return self._hist().card_info(question_id, _parse_at(now))

    def review_items(self, now: datetime | str | None = None) -> list[dict]:
        """``card_info`` of every answered question, soonest due first."""
        return self._hist().review_items(_parse_at(now))

    def due_forecast(self, days: int = 14, now: datetime | str | None = None) -> list[int]:
        """Reviews falling due on each of the next ``days`` local days (index 0 = today,
        which also counts everything overdue)."""
        return self._hist().due_forecast(days, _parse_at(now))

    def accuracy_by_lesson(self) -> dict[str, tuple[int, int]]:
        """lesson id → (correct, total) over all attempts."""
        return self._hist().accuracy_by_lesson()

    def attempts_per_day(self, days: int = 60, now: datetime | str | None = None) -> list[tuple[date, int]]:
        """(local date, attempts) for each of the last ``days`` days, oldest first, ending today."""
        return self._hist().attempts_per_day(days, _parse_at(now))

    def streak(self, now: datetime | str | None = None) -> int:
        """Consecutive local days with an attempt, ending today — or yesterday when nothing
        was answered yet today (a streak stays alive until the day is over)."""
        return self._hist().streak(_parse_at(now))

    def question_stats(self) -> dict[str, dict]:
        """question id → {lesson_id, correct, total, last_at}."""
        return self._hist().question_stats()

    def weakest_questions(self, n: int = 10) -> list[dict]:
        """Up to ``n`` questions answered wrong at least once, lowest accuracy first; each
        {question_id, lesson_id, correct, total, accuracy, last_at}."""
        return self._hist().weakest_questions(n)

    def export_data(self) -> dict:
        return self._hist().export_data()

    def export_json(self, path: str | os.PathLike) -> None:
        """Write everything (lesson statuses, scroll positions, settings, attempts, cards)
        to one JSON document at ``path``, atomically."""
        self._hist().export_json(os.fspath(path))

    def import_json(self, path: str | os.PathLike) -> dict:
        """Merge an exported document: attempts not present yet are added (by id, so never
        twice), a lesson keeps the further of the two statuses, settings and scroll
        positions fill in what is missing.  Returns {"added", "skipped"}.  A bad file
        raises ValueError with a Korean message and changes nothing."""
        return self._hist().import_json(os.fspath(path))

    def import_data(self, doc: Any, source: str = "") -> dict:
        return self._hist().import_data(doc, source)

    # ------------------------------------------------------------------ misc

    def close(self) -> None:
        """Forget caches; the store must not be used afterwards (writes raise StoreError)."""
        self._closed = True
        self._shard_cache.clear()
        self._read_cache.clear()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.root!r})"


class _Missing:
    pass


_MISSING = _Missing()
