"""The progress store: lesson status, settings, quiz attempts, FSRS cards and statistics.

``Store`` is the public contract of ARCHITECTURE.md, composed of one-way layers (see
``progress._layout`` for the layout of the data folder and the list of layers):
``Files`` (lock, transactions, repair) → ``State`` (status, settings, scroll) and ``Log``
(attempts) → ``Derived`` (cards, totals) → ``Reports`` (queries) → ``Transfer`` (export,
import) → ``migrate``.  This module only wires them and checks the folder at open.

Recording an attempt touches one shard, one cards file and ``stats.json`` — all of
bounded size — so its cost does not grow with history.  The shard is the log: it is
written first, fsync'd (file and directory) and backed up.  Cards and totals are caches
of the log carrying ``seq`` marks; they are written without fsync and without backups,
because every way they can go wrong (a kill between the writes, a power cut reordering
them, damage, loss) is detected by the marks or the checks and repaired from the log.

Every document read is checked field by field (``progress._validate``); damage is
repaired or quarantined (``*.corrupt-<time>``) with a Korean message in
``Store.warnings``.  A store written by a newer aimath, or in a folder that cannot be
written, opens read-only (``Store.read_only``, ``Store.read_only_reason``): reads work,
writes raise ``ReadOnlyStore``.  Write failures raise ``DiskError`` with a Korean message.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any

from . import _layout as L
from ._derived import Derived
from ._layout import SCHEMA_VERSION, SHARD_SIZE, STATUSES  # noqa: F401  (re-exported)
from ._log import Log, new_attempt
from ._reports import Reports
from ._state import State
from ._transfer import Transfer
from ._tx import Files
from .errors import StoreError

__all__ = ["SCHEMA_VERSION", "SHARD_SIZE", "STATUSES", "Store", "StoreError", "default_data_dir", "open_store"]


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
    and described in ``store.warnings``.  Raises ``DataDirError`` (Korean) when the
    folder itself cannot be used (a file, unreadable, cannot be created).
    """
    root = os.fspath(data_dir) if data_dir is not None else default_data_dir()
    return Store(root)


def schema_of(main: dict) -> int:
    meta = main.get("meta") or {}
    for doc in meta.values():
        v = doc.get("schema_version")
        if isinstance(v, int) and not isinstance(v, bool):
            return v
    if "attempts" in main or "cards" in main:
        return 1  # v1 files kept everything in this one file
    if main.get("lessons") or main.get("settings"):
        return 1 if not meta else SCHEMA_VERSION
    return SCHEMA_VERSION


def _at(value: Any) -> datetime:
    """A query time: like attempt times but any year datetime can hold in local time."""
    return L.parse_at(value, lo=L.MIN_AT.replace(year=1900), hi=L.MAX_CARD_DATE)


class Store:
    """Progress of one user.  Safe to use from several threads and several processes."""

    def __init__(self, root: str) -> None:
        self._files = files = Files(root)
        self.root = files.root
        self._state = State(files)
        self._log = Log(files)
        self._derived = Derived(files, self._log)
        self._reports = Reports(self._derived)
        self._transfer = Transfer(self._state, self._log, self._derived, self._reports)
        self._open()

    # ------------------------------------------------------------------ opening

    def _open(self) -> None:
        files = self._files
        files.check_dirs()
        main = files.load(L.MAIN, locked=False)
        version = schema_of(main)
        if version == 1:
            main = self._migrate(main)
        elif version > SCHEMA_VERSION:
            files.set_read_only(
                f"진행 기록이 더 새로운 버전의 aimath(스키마 {version})로 저장되어 있어 읽기 전용으로 엽니다. "
                "새 기록은 저장되지 않습니다. 프로그램을 업데이트하세요."
            )
        self._state.set_main(main)
        self._state.refresh_scroll(force=True)
        files.cheap_checks([L.STATS, L.SCROLL])
        self._check_derived()

    def _migrate(self, main: dict) -> dict:
        from .migrate import migrate_v1

        files = self._files
        if files.read_only:
            files.warn("이전 형식(스키마 1)의 진행 기록이지만 폴더에 쓸 수 없어 새 형식으로 옮기지 못했습니다.")
            return main
        try:
            with files.transaction(allow_read_only=True) as tx:
                main = files.load(L.MAIN, locked=True)
                if schema_of(main) == 1:
                    for message in migrate_v1(tx, self._derived, main):
                        files.warn(message)
        except (OSError, StoreError) as exc:
            files.set_read_only(f"이전 형식의 진행 기록을 새 형식으로 옮기지 못해 읽기 전용으로 엽니다: {exc}")
            return main
        return files.load(L.MAIN, locked=False)

    def _check_derived(self) -> None:
        """Check the totals, every cards file and the last shard field by field (all small),
        so damage there is repaired and reported at open."""
        files = self._files
        if os.path.exists(files.path(L.STATS)):
            files.read(L.STATS)
        try:
            names = os.listdir(files.path(L.CARDS_DIR))
        except OSError:
            names = []
        for name in names:
            if name.endswith(".json"):
                files.read(f"{L.CARDS_DIR}/{name}")
        indexes = files.shard_indexes()
        if indexes:
            self._log.shard_docs(L.shard_rel(indexes[-1]), locked=False)

    # ------------------------------------------------------------------ state of the store

    @property
    def warnings(self) -> list[str]:
        """Korean messages about repairs and the read-only mode, oldest first."""
        return self._files.warnings

    @property
    def read_only(self) -> bool:
        return self._files.read_only

    @property
    def read_only_reason(self) -> str | None:
        """Why the store is read-only (Korean), or None."""
        return self._files.read_only_reason

    def lock_waits(self) -> list[float]:
        """Seconds each recent transaction waited for the inter-process lock."""
        return list(self._files.lock_waits)

    # ------------------------------------------------------------------ lessons, settings, scroll

    def set_lesson_status(self, lesson_id: str, status: str) -> None:
        """Set a lesson's status: "unread", "reading" or "done" (durable when it returns)."""
        self._state.set_lesson_status(lesson_id, status)

    def start_reading(self, lesson_id: str) -> None:
        """Mark an unread lesson as being read, deciding inside the transaction: a lesson that
        another process has meanwhile marked "done" (or "reading") is left as it is."""
        self._state.start_reading(lesson_id)

    def lesson_status(self, lesson_id: str) -> str:
        return self.lesson_statuses().get(lesson_id, "unread")

    def lesson_statuses(self) -> dict[str, str]:
        """Status of every lesson that has one (lessons not listed are "unread")."""
        return self._state.lesson_statuses()

    def lessons_done(self) -> int:
        return sum(1 for s in self.lesson_statuses().values() if s == "done")

    def get_setting(self, key: str, default: Any = None) -> Any:
        """The stored value of a known setting, or ``default`` (also for a value on disk that
        does not fit the schema of ``progress.settings``)."""
        return self._state.get_setting(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Store a known setting (``ValueError`` for an unknown key or a bad value); durable."""
        self._state.set_setting(key, value)

    def settings(self) -> dict[str, Any]:
        return self._state.settings()

    def scroll_position(self, lesson_id: str) -> float:
        return self._state.refresh_scroll().get(lesson_id, 0.0)

    def set_scroll_position(self, lesson_id: str, y: float) -> None:
        """Remember where the reader was.  Cheap: skipped when unchanged, written atomically
        but without fsync (a power cut may cost the last scroll moves, never the file)."""
        self._state.set_scroll_position(lesson_id, y)

    # ------------------------------------------------------------------ attempts

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
        is fsync'd and atomically in place.  ``at`` defaults to now (UTC) and must lie in
        2000–2099."""
        doc = new_attempt(question_id, lesson_id, correct, answer, hinted, seed, at)
        with self._files.transaction() as tx:
            if not self._state.main.get("meta"):
                self._state.ensure_meta(tx)
            self._derived.catch_up(tx)
            self._log.append(tx, [doc])
            self._derived.apply(tx, doc)

    def attempts(self, lesson_id: str | None = None) -> list[dict]:
        """Every attempt (of one lesson if given), oldest first; each a dict with id,
        question_id, lesson_id, correct, answer, at (ISO 8601 UTC), hinted, seed."""
        return self._log.attempts(lesson_id)

    def attempt_count(self) -> int:
        return self._log.count()

    # ------------------------------------------------------------------ reports

    def due_questions(self, now: datetime | str | None = None) -> list[str]:
        """Ids of the questions due for review at ``now`` (default: now), most overdue first."""
        return self._reports.due_questions(_at(now))

    def card_info(self, question_id: str, now: datetime | str | None = None) -> dict | None:
        """Review state of one question, or None if it was never answered: question_id,
        lesson_id, due (aware datetime), is_due, state, stability, difficulty,
        last_review, recall (FSRS retrievability at ``now``, 0..1), reps, lapses."""
        return self._reports.card_info(question_id, _at(now))

    def review_items(self, now: datetime | str | None = None) -> list[dict]:
        """``card_info`` of every answered question, soonest due first."""
        return self._reports.review_items(_at(now))

    def due_forecast(self, days: int = 14, now: datetime | str | None = None) -> list[int]:
        """Reviews falling due on each of the next ``days`` local days (index 0 = today,
        which also counts everything overdue)."""
        return self._reports.due_forecast(days, _at(now))

    def accuracy_by_lesson(self) -> dict[str, tuple[int, int]]:
        """lesson id → (correct, total) over all attempts."""
        return self._reports.accuracy_by_lesson()

    def attempts_per_day(self, days: int = 60, now: datetime | str | None = None) -> list[tuple[date, int]]:
        """(local date, attempts) for each of the last ``days`` days, oldest first, ending today."""
        return self._reports.attempts_per_day(days, _at(now))

    def streak(self, now: datetime | str | None = None) -> int:
        """Consecutive local days with an attempt, ending today — or yesterday when nothing
        was answered yet today (a streak stays alive until the day is over)."""
        return self._reports.streak(_at(now))

    def question_stats(self) -> dict[str, dict]:
        """question id → {lesson_id, correct, total, last_at}."""
        return self._reports.question_stats()

    def weakest_questions(self, n: int = 10) -> list[dict]:
        """Up to ``n`` questions answered wrong at least once, lowest accuracy first; each
        {question_id, lesson_id, correct, total, accuracy, last_at}."""
        return self._reports.weakest_questions(n)

    # ------------------------------------------------------------------ export / import

    def export_data(self) -> dict:
        return self._transfer.export_data()

    def export_json(self, path: str | os.PathLike) -> None:
        """Write everything (lesson statuses, scroll positions, settings, attempts, cards)
        to one standard JSON document at ``path``, atomically (``ValueError`` in Korean)."""
        self._transfer.export_json(os.fspath(path))

    def import_json(self, path: str | os.PathLike) -> dict:
        """Merge an exported document: attempts not present yet are added (by id, so never
        twice), a lesson keeps the further of the two statuses, settings and scroll
        positions fill in what is missing.  Returns {"added" (= "merged"), "skipped",
        "changed"}.  A bad file raises ``ImportRejected`` (a ValueError with a Korean
        message and ``problems``) and changes nothing."""
        return self._transfer.import_json(os.fspath(path))

    def import_data(self, doc: Any, source: str = "") -> dict:
        return self._transfer.import_data(doc, source)

    def import_lock_holds(self) -> list[float]:
        """Seconds each transaction of the last import held the lock."""
        return list(self._transfer.last_lock_hold)

    # ------------------------------------------------------------------ misc

    def close(self) -> None:
        """Forget caches; the store must not be used afterwards (writes raise StoreError)."""
        self._files.closed = True
        self._log.cache.clear()
        self._files.read_cache.clear()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.root!r})"
