"""Quiz history of the progress store: the attempt log (shards), FSRS cards, running
totals, review queries, statistics, export and import.

Loaded on the first use of any of these (not at ``open_store``), through the thin
wrappers on ``progress.store.Store``.

Files (all TinyDB):

* ``attempts/NNNNNN.json`` — table ``attempts``; the log.  Each attempt has a unique
  ``id`` (uuid4 hex; deterministic hash for data that came without one) and ``seq``, a
  store-wide increasing number.  A shard holds at most ``SHARD_SIZE`` attempts.
* ``cards/<lesson>.json`` — table ``cards``: one document per question with the FSRS
  card, ``seq`` (last attempt folded in), ``reps``, ``lapses``, ``correct``, ``last_at``;
  table ``meta``: ``last_seq``.
* ``stats.json`` — tables ``meta`` (``applied_seq``), ``lessons`` (correct, total,
  last_seq per lesson) and ``days`` (attempts per local day; the document id is the date's ordinal).

Write order inside one locked transaction: shard (fsync) → cards → stats.  Cards and
totals are functions of the log (FSRS runs without fuzzing), with marks:

* ``stats.meta.applied_seq`` — every attempt up to it is counted; attempts after it
  (a write interrupted after the log) are replayed on the next read or write;
* a card's ``seq`` — folding an attempt in twice is a no-op;
* ``cards/<lesson>.meta.last_seq`` vs ``stats.lessons[lesson].last_seq`` — a cards file
  older than the totals (possible after a power cut, since derived files are not
  fsync'd) or missing is rebuilt from the lesson's attempts.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from . import _files, _schedule
from .store import (
    CARDS_DIR,
    EXPORT_FORMAT,
    MAIN,
    SCHEMA_VERSION,
    SCROLL,
    SHARD_SIZE,
    STATS,
    STATUSES,
    _STATUS_RANK,
    _check_id,
    _iso,
    _local_date,
    _parse_at,
    _Tx,
    attempt_key,
    cards_rel,
    shard_rel,
)


def _valid_attempt(d: dict) -> bool:
    return (
        isinstance(d.get("id"), str)
        and isinstance(d.get("seq"), int)
        and isinstance(d.get("question_id"), str)
        and isinstance(d.get("lesson_id"), str)
        and isinstance(d.get("at"), str)
    )


def _public_attempt(doc: dict) -> dict:
    return {
        "id": doc["id"],
        "question_id": doc["question_id"],
        "lesson_id": doc["lesson_id"],
        "correct": bool(doc["correct"]),
        "answer": doc.get("answer", ""),
        "at": doc["at"],
        "hinted": bool(doc.get("hinted", False)),
        "seed": doc.get("seed"),
    }


def _find(raw_table: dict, field: str, value: Any) -> int | None:
    """Document id of the first document whose ``field`` equals ``value`` (plain scan of
    the raw table: much cheaper than a TinyDB Query over every document)."""
    for doc_id, doc in raw_table.items():
        if doc.get(field) == value:
            return int(doc_id)
    return None


def _card_mark(cards: dict) -> int:
    """Largest attempt seq folded into a lesson's cards file (0 if none / missing)."""
    for d in cards.get("meta", {}).values():
        if isinstance(d.get("last_seq"), int):
            return d["last_seq"]
    return 0


def _applied_seq(stats: dict) -> int:
    for d in stats.get("meta", {}).values():
        if isinstance(d.get("applied_seq"), int):
            return d["applied_seq"]
    return 0


class History:
    def __init__(self, store) -> None:
        self.s = store

    # ------------------------------------------------------------------ the log

    def shard_docs(self, rel: str, *, locked: bool) -> list[dict]:
        """Documents of one shard; parsed shards are cached by file identity."""
        s = self.s
        path = s._path(rel)
        sig = s._sig(path)
        hit = s._shard_cache.get(rel)
        if hit is not None and sig is not None and hit[0] == sig:
            return hit[1]
        data = s._load(rel, locked=locked)
        docs = [d for d in data.get("attempts", {}).values() if _valid_attempt(d)]
        s._shard_cache[rel] = (s._sig(path), docs)
        return docs

    def all_attempt_docs(self, *, locked: bool) -> list[dict]:
        docs: list[dict] = []
        for i in self.s._shard_indexes():
            docs.extend(self.shard_docs(shard_rel(i), locked=locked))
        return docs

    def attempts(self, lesson_id: str | None = None) -> list[dict]:
        docs = self.all_attempt_docs(locked=False)
        if lesson_id is not None:
            docs = [d for d in docs if d["lesson_id"] == lesson_id]
        docs = sorted(docs, key=lambda d: (d["at"], d["seq"]))
        return [_public_attempt(d) for d in docs]

    def attempt_count(self) -> int:
        return len(self.all_attempt_docs(locked=False))

    def _max_seq(self, tx: _Tx) -> int:
        """Largest ``seq`` in the log (from the last shard that has any document)."""
        for i in reversed(self.s._shard_indexes()):
            docs = tx.slot(shard_rel(i)).data.get("attempts", {}).values()
            seqs = [d["seq"] for d in docs if isinstance(d.get("seq"), int)]
            if seqs:
                return max(seqs)
        return 0

    def append_many(self, tx: _Tx, docs: list[dict]) -> None:
        """Append attempts (``seq`` assigned here) to the last shard, opening new shards as
        they fill up."""
        k = 0
        while k < len(docs):
            indexes = self.s._shard_indexes()
            last = max(indexes[-1] if indexes else 0, tx.last_shard)
            table = tx.db(shard_rel(last)).table("attempts")
            room = SHARD_SIZE - len(table)
            if room <= 0:
                last += 1
                table = tx.db(shard_rel(last)).table("attempts")
                room = SHARD_SIZE
            tx.last_shard = last
            if tx.max_seq is None:
                tx.max_seq = self._max_seq(tx)
            chunk = docs[k : k + room]
            for doc in chunk:
                tx.max_seq += 1
                doc["seq"] = tx.max_seq
            if len(chunk) == 1:
                table.insert(chunk[0])
            else:
                table.insert_multiple(chunk)
            k += len(chunk)

    # ------------------------------------------------------------------ recording

    def record_attempt(self, question_id, lesson_id, correct, answer, hinted, seed, at) -> None:
        _check_id(question_id, "문제 id")
        _check_id(lesson_id, "레슨 id")
        if not isinstance(correct, bool):
            # also numpy booleans and 0/1; never strings such as "yes"
            if not isinstance(correct, str) and any(correct is v or correct == v for v in (0, 1)):
                correct = bool(correct)
            else:
                raise ValueError(f"정답 여부(correct)는 True 또는 False여야 합니다: {correct!r}")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise ValueError(f"시드(seed)는 정수여야 합니다: {seed!r}")
        when = _parse_at(at)
        doc = {
            "id": uuid.uuid4().hex,
            "question_id": question_id,
            "lesson_id": lesson_id,
            "correct": correct,
            "answer": "" if answer is None else str(answer),
            "at": _iso(when),
            "hinted": bool(hinted),
            "seed": seed,
        }
        with self.s._transaction() as tx:
            if not self.s._main.get("meta"):
                self.s._ensure_meta(tx)
            self.catch_up(tx)
            self.append_many(tx, [doc])
            self.apply(tx, doc)

    # ------------------------------------------------------------------ derived data

    def _pending(self, tx: _Tx, applied: int) -> list[dict]:
        """Attempts in the log not yet folded into cards and totals (the tail)."""
        pending: list[dict] = []
        for i in reversed(self.s._shard_indexes()):
            docs = [d for d in tx.slot(shard_rel(i)).data.get("attempts", {}).values() if _valid_attempt(d)]
            pending.extend(d for d in docs if d["seq"] > applied)
            if not docs or min(d["seq"] for d in docs) <= applied:
                break
        return sorted(pending, key=lambda d: d["seq"])

    def catch_up(self, tx: _Tx) -> None:
        for doc in self._pending(tx, _applied_seq(tx.slot(STATS).data)):
            self.apply(tx, doc)

    def apply(self, tx: _Tx, doc: dict) -> None:
        """Fold one logged attempt into its card and the totals (idempotent by ``seq``)."""
        from tinydb.table import Document

        seq = doc["seq"]
        ok = 1 if doc["correct"] else 0

        crel = cards_rel(doc["lesson_id"])
        stats_slot = tx.slot(STATS)
        lrow = _find(stats_slot.data.get("lessons", {}), "lesson_id", doc["lesson_id"])
        lesson_mark = stats_slot.data["lessons"][str(lrow)].get("last_seq", 0) if lrow is not None else 0
        if _card_mark(tx.slot(crel).data) < lesson_mark:
            # the cards file lost writes the totals already count (power cut without fsync)
            self.rebuild_cards(tx, doc["lesson_id"])
        cards = tx.db(crel).table("cards")
        doc_id = _find(tx.slot(crel).data.get("cards", {}), "question_id", doc["question_id"])
        old = cards.get(doc_id=doc_id) if doc_id is not None else None
        if old is None or old.get("seq", 0) < seq:
            rating = _schedule.rating_for(bool(doc["correct"]), bool(doc.get("hinted")))
            fields = {
                "question_id": doc["question_id"],
                "lesson_id": doc["lesson_id"],
                "seq": seq,
                "reps": (old.get("reps", 0) if old else 0) + 1,
                "lapses": (old.get("lapses", 0) if old else 0) + (1 - ok),
                "correct": (old.get("correct", 0) if old else 0) + ok,
                "last_at": max(doc["at"], old.get("last_at", "")) if old else doc["at"],
                "card": _schedule.review(old["card"] if old else None, rating, datetime.fromisoformat(doc["at"])),
            }
            if doc_id is None:
                cards.insert(fields)
            else:
                cards.update(fields, doc_ids=[doc_id])
        if _card_mark(tx.slot(crel).data) < seq:
            meta = tx.db(crel).table("meta")
            if meta.get(doc_id=1) is None:
                meta.insert(Document({"last_seq": seq}, doc_id=1))
            else:
                meta.update({"last_seq": seq}, doc_ids=[1])

        if _applied_seq(stats_slot.data) >= seq:
            return
        sdb = tx.db(STATS)
        lessons = sdb.table("lessons")
        if lrow is None:
            lessons.insert({"lesson_id": doc["lesson_id"], "correct": ok, "total": 1, "last_seq": seq})
        else:
            row = lessons.get(doc_id=lrow)
            lessons.update(
                {"correct": row["correct"] + ok, "total": row["total"] + 1, "last_seq": max(seq, row.get("last_seq", 0))},
                doc_ids=[lrow],
            )
        day = _local_date(doc["at"])
        days = sdb.table("days")
        row = days.get(doc_id=day.toordinal())
        if row is None:
            days.insert(Document({"date": day.isoformat(), "count": 1}, doc_id=day.toordinal()))
        else:
            days.update({"count": row["count"] + 1}, doc_ids=[day.toordinal()])
        meta = sdb.table("meta")
        if meta.get(doc_id=1) is not None:
            meta.update({"applied_seq": seq}, doc_ids=[1])
        else:
            meta.insert(Document({"applied_seq": seq}, doc_id=1))

    @staticmethod
    def build_stats(docs: Iterable[dict]) -> dict:
        lessons: dict[str, list[int]] = {}
        days: dict[date, int] = {}
        applied = 0
        for d in docs:
            ok = 1 if d["correct"] else 0
            le = lessons.setdefault(d["lesson_id"], [0, 0, 0])
            le[0] += ok
            le[1] += 1
            le[2] = max(le[2], d["seq"])
            day = _local_date(d["at"])
            days[day] = days.get(day, 0) + 1
            applied = max(applied, d["seq"])
        return {
            "meta": {"1": {"applied_seq": applied}},
            "lessons": {
                str(i + 1): {"lesson_id": k, "correct": v[0], "total": v[1], "last_seq": v[2]}
                for i, (k, v) in enumerate(sorted(lessons.items()))
            },
            "days": {str(k.toordinal()): {"date": k.isoformat(), "count": v} for k, v in sorted(days.items())},
        }

    @staticmethod
    def build_cards(docs: Iterable[dict]) -> dict:
        """Cards of the questions in ``docs``, replaying their history in time order."""
        cards: dict[str, dict] = {}
        for d in sorted(docs, key=lambda d: (d["at"], d["seq"])):
            old = cards.get(d["question_id"])
            ok = 1 if d["correct"] else 0
            rating = _schedule.rating_for(bool(d["correct"]), bool(d.get("hinted")))
            cards[d["question_id"]] = {
                "question_id": d["question_id"],
                "lesson_id": d["lesson_id"],
                "seq": max(d["seq"], old["seq"] if old else 0),
                "reps": (old["reps"] if old else 0) + 1,
                "lapses": (old["lapses"] if old else 0) + (1 - ok),
                "correct": (old["correct"] if old else 0) + ok,
                "last_at": max(d["at"], old["last_at"]) if old else d["at"],
                "card": _schedule.review(old["card"] if old else None, rating, datetime.fromisoformat(d["at"])),
            }
        mark = max((c["seq"] for c in cards.values()), default=0)
        return {
            "meta": {"1": {"last_seq": mark}},
            "cards": {str(i + 1): cards[k] for i, k in enumerate(sorted(cards))},
        }

    def rebuild_cards(self, tx: _Tx, lesson_id: str) -> None:
        docs = [d for d in self.all_attempt_docs(locked=True) if d["lesson_id"] == lesson_id]
        tx.replace(cards_rel(lesson_id), self.build_cards(docs))

    def rebuild_all(self, tx: _Tx, docs: list[dict], lessons: Iterable[str] | None = None) -> None:
        tx.replace(STATS, self.build_stats(docs))
        wanted = set(lessons) if lessons is not None else {d["lesson_id"] for d in docs}
        for lesson in wanted:
            tx.replace(cards_rel(lesson), self.build_cards(d for d in docs if d["lesson_id"] == lesson))

    def rebuild_file(self, rel: str) -> dict:
        docs = self.all_attempt_docs(locked=True)
        if rel == STATS:
            return self.build_stats(docs)
        return self.build_cards(d for d in docs if cards_rel(d["lesson_id"]) == rel)

    def stats(self) -> dict:
        """Totals, after making sure they include the end of the log (repairs a crash tail)."""
        s = self.s
        data = self._read(STATS)
        indexes = s._shard_indexes()
        if not indexes:
            return data
        last = shard_rel(indexes[-1])
        key = (s._sig(s._path(STATS)), s._sig(s._path(last)))
        if key == s._verified:
            return data
        top = max((d["seq"] for d in self.shard_docs(last, locked=False)), default=0)
        if top > _applied_seq(data) and not s.read_only:
            with s._transaction() as tx:
                self.catch_up(tx)
            data = self._read(STATS)
        s._verified = (s._sig(s._path(STATS)), s._sig(s._path(last)))
        return data

    def _read(self, rel: str) -> dict:
        """A derived file for reading, parsed once per file version (by inode/size/mtime)."""
        s = self.s
        sig = s._sig(s._path(rel))
        hit = s._read_cache.get(rel)
        if hit is not None and sig is not None and hit[0] == sig:
            return hit[1]
        data = s._load(rel, locked=False)
        s._read_cache[rel] = (s._sig(s._path(rel)), data)
        return data

    def all_cards(self) -> list[dict]:
        """Every card, after checking each lesson's cards file against the totals' mark."""
        marks = {
            d["lesson_id"]: d.get("last_seq", 0)
            for d in self.stats().get("lessons", {}).values()
            if isinstance(d.get("lesson_id"), str)
        }
        out: list[dict] = []
        stale = []
        for lesson, mark in sorted(marks.items()):
            data = self._read(cards_rel(lesson))
            if _card_mark(data) < mark:
                stale.append(lesson)
            else:
                out.extend(d for d in data.get("cards", {}).values() if isinstance(d.get("card"), dict))
        if stale and not self.s.read_only:
            with self.s._transaction() as tx:
                for lesson in stale:
                    if _card_mark(tx.slot(cards_rel(lesson)).data) < marks[lesson]:
                        self.rebuild_cards(tx, lesson)
            for lesson in stale:
                data = self._read(cards_rel(lesson))
                out.extend(d for d in data.get("cards", {}).values() if isinstance(d.get("card"), dict))
        return out

    # ------------------------------------------------------------------ review

    @staticmethod
    def item(c: dict, now: datetime) -> dict:
        card = c["card"]
        due = datetime.fromisoformat(card["due"])
        return {
            "question_id": c["question_id"],
            "lesson_id": c["lesson_id"],
            "due": due,
            "is_due": due <= now,
            "state": _schedule.STATE_NAMES.get(card.get("state"), "learning"),
            "stability": card.get("stability"),
            "difficulty": card.get("difficulty"),
            "last_review": datetime.fromisoformat(card["last_review"]) if card.get("last_review") else None,
            "recall": _schedule.retrievability(card, now),
            "reps": c.get("reps", 0),
            "lapses": c.get("lapses", 0),
        }

    def card_info(self, question_id: str, now: datetime) -> dict | None:
        for c in self.all_cards():
            if c["question_id"] == question_id:
                return self.item(c, now)
        return None

    def review_items(self, now: datetime) -> list[dict]:
        items = [self.item(c, now) for c in self.all_cards()]
        items.sort(key=lambda it: (it["due"], it["question_id"]))
        return items

    def due_questions(self, now: datetime) -> list[str]:
        due = []
        for c in self.all_cards():
            d = datetime.fromisoformat(c["card"]["due"])
            if d <= now:
                due.append((d, c["question_id"]))
        return [q for _d, q in sorted(due)]

    def due_forecast(self, days: int, now: datetime) -> list[int]:
        today = _local_date(now)
        counts = [0] * max(0, int(days))
        for c in self.all_cards():
            offset = max(0, (_local_date(c["card"]["due"]) - today).days)
            if offset < len(counts):
                counts[offset] += 1
        return counts

    # ------------------------------------------------------------------ statistics

    def accuracy_by_lesson(self) -> dict[str, tuple[int, int]]:
        return {
            d["lesson_id"]: (int(d["correct"]), int(d["total"]))
            for d in self.stats().get("lessons", {}).values()
            if isinstance(d.get("lesson_id"), str)
        }

    def day_counts(self) -> dict[date, int]:
        out: dict[date, int] = {}
        for d in self.stats().get("days", {}).values():
            try:
                out[date.fromisoformat(d["date"])] = int(d["count"])
            except (KeyError, ValueError, TypeError):
                continue
        return out

    def attempts_per_day(self, days: int, now: datetime) -> list[tuple[date, int]]:
        today = _local_date(now)
        counts = self.day_counts()
        n = max(0, int(days))
        return [(today - timedelta(days=k), counts.get(today - timedelta(days=k), 0)) for k in range(n - 1, -1, -1)]

    def streak(self, now: datetime) -> int:
        today = _local_date(now)
        counts = self.day_counts()
        day = today if counts.get(today) else today - timedelta(days=1)
        n = 0
        while counts.get(day):
            n += 1
            day -= timedelta(days=1)
        return n

    def question_stats(self) -> dict[str, dict]:
        return {
            c["question_id"]: {
                "lesson_id": c["lesson_id"],
                "correct": int(c.get("correct", c.get("reps", 0) - c.get("lapses", 0))),
                "total": int(c.get("reps", 0)),
                "last_at": c.get("last_at"),
            }
            for c in self.all_cards()
        }

    def weakest_questions(self, n: int) -> list[dict]:
        rows = []
        for qid, st in self.question_stats().items():
            if st["total"] and st["correct"] < st["total"]:
                rows.append({"question_id": qid, **st, "accuracy": st["correct"] / st["total"]})
        rows.sort(key=lambda r: (r["accuracy"], -r["total"], r["question_id"]))
        return rows[: max(0, int(n))]

    # ------------------------------------------------------------------ export / import

    def export_data(self) -> dict:
        s = self.s
        cards = {
            c["question_id"]: {"lesson_id": c["lesson_id"], "reps": c.get("reps", 0), "lapses": c.get("lapses", 0), "card": c["card"]}
            for c in self.all_cards()
        }
        settings = {
            d["key"]: d.get("value") for d in s._refresh_main().get("settings", {}).values() if isinstance(d.get("key"), str)
        }
        return {
            "format": EXPORT_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "exported_at": _iso(_files.now_utc()),
            "lessons": s.lesson_statuses(),
            "scroll": dict(s._refresh_scroll()),
            "settings": settings,
            "attempts": self.attempts(),
            "cards": cards,
        }

    def export_json(self, path: str) -> None:
        payload = json.dumps(self.export_data(), ensure_ascii=False, indent=1).encode("utf-8")
        path = os.path.abspath(path)
        try:
            _files.atomic_write(path, payload)
        except OSError as exc:
            raise ValueError(f"내보낼 파일을 쓸 수 없습니다: {path} ({exc.strerror})") from None

    def import_json(self, path: str) -> dict:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise ValueError(f"가져올 파일을 열 수 없습니다: {path} ({exc.strerror})") from None
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ValueError(f"가져올 파일이 올바른 JSON 문서가 아닙니다: {path}") from None
        return self.import_data(doc, source=path)

    def import_data(self, doc: Any, source: str = "") -> dict:
        if not isinstance(doc, dict) or not isinstance(doc.get("attempts", []), list):
            raise ValueError(f"aimath 진행 기록 형식이 아닙니다: {source}")
        if doc.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
            raise ValueError(f"aimath 진행 기록 형식이 아닙니다 (format={doc.get('format')!r}): {source}")
        incoming = [_clean_import(a, i) for i, a in enumerate(doc.get("attempts", []))]
        lessons_in = doc.get("lessons") or {}
        settings_in = doc.get("settings") or {}
        scroll_in = doc.get("scroll") or {}
        if not all(isinstance(x, dict) for x in (lessons_in, settings_in, scroll_in)):
            raise ValueError("가져올 파일의 lessons/settings/scroll 항목 형식이 올바르지 않습니다.")
        s = self.s
        with s._transaction() as tx:
            s._ensure_meta(tx)
            existing = self.all_attempt_docs(locked=True)
            seen = {d["id"] for d in existing}
            new = []
            for a in sorted(incoming, key=lambda a: a["at"]):
                if a["id"] not in seen:
                    seen.add(a["id"])
                    new.append(a)
            self.append_many(tx, new)

            main = tx.db(MAIN)
            raw_lessons = tx.slot(MAIN).data.get("lessons", {})
            for lid, st in lessons_in.items():
                if not isinstance(lid, str) or st not in STATUSES:
                    continue
                doc_id = _find(raw_lessons, "lesson_id", lid)
                here = raw_lessons[str(doc_id)].get("status") if doc_id is not None else "unread"
                if _STATUS_RANK[st] > _STATUS_RANK.get(here, 0):
                    fields = {"lesson_id": lid, "status": st, "updated_at": _iso(_files.now_utc())}
                    if doc_id is None:
                        main.table("lessons").insert(fields)
                    else:
                        main.table("lessons").update(fields, doc_ids=[doc_id])
                    raw_lessons = tx.slot(MAIN).data.get("lessons", {})
            have = {d.get("key") for d in main.table("settings").all()}
            for key, value in settings_in.items():
                if isinstance(key, str) and key not in have:
                    main.table("settings").insert({"key": key, "value": value})
            scroll = tx.db(SCROLL).table("scroll")
            have = {d.get("lesson_id") for d in scroll.all()}
            for lid, y in scroll_in.items():
                if isinstance(lid, str) and isinstance(y, (int, float)) and not isinstance(y, bool) and lid not in have:
                    scroll.insert({"lesson_id": lid, "y": max(0.0, float(y))})
            if new:
                self.rebuild_all(tx, existing + new, {a["lesson_id"] for a in new})
        return {"added": len(new), "skipped": len(incoming) - len(new)}


def _clean_import(a: Any, i: int) -> dict:
    where = f"가져올 파일의 {i + 1}번째 풀이 기록"
    if not isinstance(a, dict):
        raise ValueError(f"{where}이(가) 객체가 아닙니다.")
    for field in ("question_id", "lesson_id"):
        if not isinstance(a.get(field), str) or not a[field]:
            raise ValueError(f"{where}에 {field}가 없습니다.")
    if not isinstance(a.get("correct"), bool):
        raise ValueError(f"{where}의 correct가 true/false가 아닙니다.")
    if not isinstance(a.get("at"), str):
        raise ValueError(f"{where}에 시각(at)이 없습니다.")
    seed = a.get("seed")
    clean = {
        "question_id": a["question_id"],
        "lesson_id": a["lesson_id"],
        "correct": a["correct"],
        "answer": str(a.get("answer", "") or ""),
        "at": _iso(_parse_at(a["at"])),
        "hinted": bool(a.get("hinted", False)),
        "seed": seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
    }
    aid = a.get("id")
    clean["id"] = aid if isinstance(aid, str) and aid else attempt_key(clean)
    return clean
