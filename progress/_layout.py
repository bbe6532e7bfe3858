"""Layout of the data directory, constants, ids and times: the bottom layer of ``progress``.

Layout (schema version 2; every data file is a TinyDB JSON file)::

    progress.json          meta (schema_version), lessons (status), settings
    scroll.json            scroll position per lesson (written often, cheaply)
    attempts/000000.json   attempts, at most SHARD_SIZE per file, in order of ``seq``
    cards/<lesson>.json    one FSRS card per question of that lesson
    stats.json             running totals (per lesson, per day) and ``applied_seq``
    backups/<file>.bak     the last good version of progress.json, scroll.json and the shards
    .lock                  the inter-process lock

Layers of the package, each importing only those above it in this list::

    errors, settings        typed Korean errors; the settings schema
    _layout                 this module
    _files                  bounded reads, atomic writes, backups, quarantine
    _validate               field-by-field checks of every document read or imported
    _schedule               FSRS (imported lazily)
    _tx                     the lock, transactions, loading with repair
    _state                  lesson status, settings, scroll positions
    _log                    the attempt log (shards)
    _derived                cards and totals, folded from the log, rebuilt from it
    _reports                read-only queries (review, statistics)
    _transfer               export and import (bounded transactions)
    migrate                 schema migrations
    store                   ``Store``: the public contract, composed of the layers
    writequeue              ``WriteQueue``: writes off the UI thread
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

SCHEMA_VERSION = 2
SHARD_SIZE = 500  # read at call time (tests shrink it)
STATUSES = ("unread", "reading", "done")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

MAIN = "progress.json"
SCROLL = "scroll.json"
STATS = "stats.json"
ATTEMPTS_DIR = "attempts"
CARDS_DIR = "cards"
BACKUP_DIR = "backups"
LOCK_NAME = ".lock"
LOCK_TIMEOUT = 30.0
EXPORT_FORMAT = "aimath-progress"
SHARD_RE = re.compile(r"^(\d{6})\.json$")
TMP_RE = re.compile(r"\.tmp-(\d+)(?:-[0-9a-f]{6,})?$")

MAX_FILE_BYTES = 64 * 1024 * 1024  # a data file larger than this is damage
MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024
MAX_ID_LEN = 200
MAX_ANSWER_LEN = 20_000
MAX_SCROLL = 1e9

# Attempt times must lie in this window (UTC); card dates may lie further ahead (FSRS
# intervals reach 100 years).  Both keep every date computation far from datetime's limits.
MIN_AT = datetime(2000, 1, 1, tzinfo=timezone.utc)
MAX_AT = datetime(2100, 1, 1, tzinfo=timezone.utc)
MAX_CARD_DATE = datetime(2300, 1, 1, tzinfo=timezone.utc)


def encode_name(lesson_id: str) -> str:
    out = []
    for ch in lesson_id:
        if ch.isascii() and (ch.isalnum() or ch == "-"):
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode("utf-8"))
    name = "".join(out)
    if len(name) > 120:
        name = name[:80] + "_" + hashlib.sha1(lesson_id.encode("utf-8")).hexdigest()
    return name


def cards_rel(lesson_id: str) -> str:
    return f"{CARDS_DIR}/{encode_name(lesson_id)}.json"


def shard_rel(index: int) -> str:
    return f"{ATTEMPTS_DIR}/{index:06d}.json"


def is_shard(rel: str) -> bool:
    return rel.startswith(ATTEMPTS_DIR + "/")


def is_derived(rel: str) -> bool:
    """Cards and totals: caches of the log, rebuilt from it when damaged."""
    return rel == STATS or rel.startswith(CARDS_DIR + "/")


def commit_rank(rel: str) -> int:
    """Write order inside a transaction: log first, then cards, totals, scroll, main."""
    if is_shard(rel):
        return 0
    if rel.startswith(CARDS_DIR + "/"):
        return 1
    return {STATS: 2, SCROLL: 3}.get(rel, 4)


def now_utc() -> datetime:
    """Now, kept inside the window of valid attempt times (a clock set to 1970 or 2200
    must not make an answer unsavable)."""
    now = datetime.now(timezone.utc)
    return min(max(now, MIN_AT), MAX_AT - timedelta(seconds=1))


def parse_at(at: Any, *, lo: datetime = MIN_AT, hi: datetime = MAX_AT) -> datetime:
    """An aware UTC datetime from a datetime or an ISO 8601 text (``None`` = now); naive
    times count as UTC.  ``ValueError`` (Korean) for anything else or outside [lo, hi)."""
    if at is None:
        return now_utc()
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at.strip())
        except ValueError:
            raise ValueError(f"시각 형식이 올바르지 않습니다: {at[:60]!r} (ISO 8601 형식이어야 합니다)") from None
    if not isinstance(at, datetime):
        raise ValueError(f"시각은 datetime 또는 ISO 8601 문자열이어야 합니다: {str(at)[:60]!r}")
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    try:
        at = at.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise ValueError(f"시각이 허용 범위({lo.year}–{hi.year - 1}년) 밖입니다: {at.isoformat()[:40]}") from None
    if not lo <= at < hi:
        raise ValueError(f"시각이 허용 범위({lo.year}–{hi.year - 1}년) 밖입니다: {at.isoformat()[:40]}")
    return at


def iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def local_date(at: datetime | str) -> date:
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at.astimezone().date()


def check_id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what}는 비어 있지 않은 문자열이어야 합니다: {str(value)[:60]!r}")
    if len(value) > MAX_ID_LEN or "\x00" in value:
        raise ValueError(f"{what}가 너무 길거나 허용되지 않는 문자를 포함합니다.")
    return value


def attempt_key(a: dict) -> str:
    """A deterministic id for an attempt that came without one (v1 data, foreign exports)."""
    raw = json.dumps(
        [a.get("question_id"), a.get("lesson_id"), bool(a.get("correct")), a.get("answer", ""), a.get("at")],
        ensure_ascii=False,
    )
    return "h" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:31]
