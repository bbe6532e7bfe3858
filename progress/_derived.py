"""Cards and totals: functions of the attempt log, kept up to date and rebuilt from it.

* ``cards/<lesson>.json`` — table ``cards``: one row per question with the FSRS card,
  ``seq`` (last attempt folded in), ``reps``, ``lapses``, ``correct``, ``last_at``; table
  ``meta``: ``last_seq``.
* ``stats.json`` — tables ``meta`` (``applied_seq``; ``pending_lessons`` + ``import_pid``
  while an import is folding its attempts in), ``lessons`` (correct, total, last_seq) and
  ``days`` (attempts per local day; the document id is the date's ordinal).

A card is the replay of its question's attempts in time order (``at``, then ``seq``), FSRS
without fuzzing, so a rebuilt card equals the live one.  Answers normally arrive in time
order and are folded in one by one; one that is older than the card's last review (the
clock went backwards) makes the question replay its whole history.  Marks:

* ``stats.meta.applied_seq`` — every attempt up to it is counted; a tail after it (a write
  interrupted after the log) is replayed on the next read or write;
* a card's ``seq`` — folding an attempt in twice is a no-op;
* ``cards/<lesson>.meta.last_seq`` vs ``stats.lessons[lesson].last_seq`` — a cards file
  older than the totals (possible after a power cut) or missing is rebuilt.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Iterable

from . import _layout as L, _schedule
from ._log import Log
from ._repair import pid_alive
from ._tx import Files, Tx


def _find(raw_table: dict, field: str, value) -> str | None:
    for doc_id, doc in raw_table.items():
        if doc.get(field) == value:
            return doc_id
    return None


def card_mark(cards: dict) -> int:
    """Largest attempt seq folded into a lesson's cards file (0 if none / missing)."""
    return int(cards.get("meta", {}).get("1", {}).get("last_seq", 0))


def applied_seq(stats: dict) -> int:
    return int(stats.get("meta", {}).get("1", {}).get("applied_seq", 0))


def pending_lessons(stats: dict) -> tuple[set[str], int]:
    meta = stats.get("meta", {}).get("1", {})
    return set(meta.get("pending_lessons", [])), int(meta.get("import_pid", 0) or 0)


def fold(old: dict | None, d: dict) -> dict:
    """The card row after attempt ``d`` (``old`` = the row before, or None)."""
    ok = 1 if d["correct"] else 0
    rating = _schedule.rating_for(bool(d["correct"]), bool(d.get("hinted")))
    at = datetime.fromisoformat(d["at"])
    try:
        card = _schedule.review(old["card"] if old else None, rating, at)
    except (OverflowError, ValueError, TypeError, KeyError):
        card = _schedule.review(None, rating, at)  # a poisoned card never blocks an answer
    return {
        "question_id": d["question_id"],
        "lesson_id": d["lesson_id"],
        "seq": max(d["seq"], old["seq"] if old else 0),
        "reps": (old["reps"] if old else 0) + 1,
        "lapses": (old["lapses"] if old else 0) + (1 - ok),
        "correct": (old["correct"] if old else 0) + ok,
        "last_at": max(d["at"], old["last_at"]) if old else d["at"],
        "card": card,
    }


def replay(docs: Iterable[dict]) -> dict[str, dict]:
    """question id → card row, replaying ``docs`` in time order."""
    cards: dict[str, dict] = {}
    for d in sorted(docs, key=lambda d: (d["at"], d["seq"])):
        cards[d["question_id"]] = fold(cards.get(d["question_id"]), d)
    return cards


def build_cards(docs: Iterable[dict]) -> dict:
    """The tables of a cards file for the attempts ``docs`` (of one lesson)."""
    cards = replay(docs)
    mark = max((c["seq"] for c in cards.values()), default=0)
    return {"meta": {"1": {"last_seq": mark}}, "cards": {str(i + 1): cards[k] for i, k in enumerate(sorted(cards))}}


def add_totals(stats: dict, docs: Iterable[dict], *, marks: bool = True) -> None:
    """Count ``docs`` into the raw totals tables (``marks``: also move lesson marks)."""
    lessons = stats.setdefault("lessons", {})
    days = stats.setdefault("days", {})
    meta = stats.setdefault("meta", {}).setdefault("1", {"applied_seq": 0})
    index = {row["lesson_id"]: key for key, row in lessons.items()}
    for d in docs:
        ok = 1 if d["correct"] else 0
        key = index.get(d["lesson_id"])
        if key is None:
            key = index[d["lesson_id"]] = str(max(map(int, lessons), default=0) + 1)
            lessons[key] = {"lesson_id": d["lesson_id"], "correct": 0, "total": 0, "last_seq": 0}
        row = lessons[key]
        row["correct"] += ok
        row["total"] += 1
        if marks:
            row["last_seq"] = max(row.get("last_seq", 0), d["seq"])
        day = L.local_date(d["at"])
        drow = days.setdefault(str(day.toordinal()), {"date": day.isoformat(), "count": 0})
        drow["count"] += 1
        meta["applied_seq"] = max(meta.get("applied_seq", 0), d["seq"])


def build_stats(docs: Iterable[dict]) -> dict:
    stats: dict = {"meta": {"1": {"applied_seq": 0}}, "lessons": {}, "days": {}}
    add_totals(stats, sorted(docs, key=lambda d: d["lesson_id"]))
    return stats


class Derived:
    def __init__(self, files: Files, log: Log) -> None:
        self.files = files
        self.log = log
        self._verified: tuple | None = None
        files.rebuilder = self.rebuild_file

    # ------------------------------------------------------------------ writing

    def catch_up(self, tx: Tx) -> None:
        for doc in self.log.tx_docs(tx, since_seq=applied_seq(tx.slot(L.STATS).data) or -1):
            if doc["seq"] > applied_seq(tx.slot(L.STATS).data):
                self.apply(tx, doc)

    def apply(self, tx: Tx, doc: dict) -> None:
        """Fold one logged attempt into its card and the totals (idempotent by ``seq``)."""
        seq, lesson = doc["seq"], doc["lesson_id"]
        crel = L.cards_rel(lesson)
        stats_slot = tx.slot(L.STATS)
        lrow = _find(stats_slot.data.get("lessons", {}), "lesson_id", lesson)
        lesson_mark = stats_slot.data["lessons"][lrow].get("last_seq", 0) if lrow is not None else 0
        if card_mark(tx.slot(crel).data) < lesson_mark:
            # the cards file lost writes the totals already count (power cut without fsync)
            self.rebuild_cards(tx, lesson)
        slot = tx.slot(crel)
        table = slot.data.setdefault("cards", {})
        key = _find(table, "question_id", doc["question_id"])
        old = table.get(key) if key is not None else None
        if old is None or old.get("seq", 0) < seq:
            if old is not None and doc["at"] < old["last_at"]:
                row = self.replay_question(tx, doc["question_id"])
            else:
                row = fold(old, doc)
            if key is None:
                key = str(max(map(int, table), default=0) + 1)
            table[key] = row
            slot.dirty = True
        if card_mark(slot.data) < seq:
            slot.data.setdefault("meta", {})["1"] = {"last_seq": seq}
            slot.dirty = True
        if applied_seq(stats_slot.data) < seq:
            add_totals(stats_slot.data, [doc])
            stats_slot.dirty = True

    def replay_question(self, tx: Tx, question_id: str) -> dict:
        """The card row of one question replayed from its whole history (rare: an answer
        older than the card's last review)."""
        docs = [d for d in self.log.tx_docs(tx) if d["question_id"] == question_id]
        return replay(docs)[question_id]

    def rebuild_cards(self, tx: Tx, lesson_id: str) -> None:
        docs = [d for d in self.log.tx_docs(tx) if d["lesson_id"] == lesson_id]
        tx.replace(L.cards_rel(lesson_id), build_cards(docs))

    def rebuild_all(self, tx: Tx, docs: list[dict], lessons: Iterable[str] | None = None) -> None:
        tx.replace(L.STATS, build_stats(docs))
        wanted = set(lessons) if lessons is not None else {d["lesson_id"] for d in docs}
        for lesson in wanted:
            tx.replace(L.cards_rel(lesson), build_cards(d for d in docs if d["lesson_id"] == lesson))

    def rebuild_file(self, rel: str) -> dict:
        docs = self.log.all_docs(locked=True)
        if rel == L.STATS:
            return build_stats(docs)
        return build_cards(d for d in docs if L.cards_rel(d["lesson_id"]) == rel)

    # ------------------------------------------------------------------ reading

    def stats(self) -> dict:
        """Totals, after making sure they include the end of the log (repairs a crash tail)."""
        f = self.files
        data = f.read(L.STATS)
        indexes = f.shard_indexes()
        if not indexes:
            return data
        last = L.shard_rel(indexes[-1])
        key = (f.sig(f.path(L.STATS)), f.sig(f.path(last)))
        if key == self._verified:
            return data
        top = max((d["seq"] for d in self.log.shard_docs(last, locked=False)), default=0)
        if top > applied_seq(data) and not f.read_only:
            with f.transaction() as tx:
                self.catch_up(tx)
            data = f.read(L.STATS)
        self._verified = (f.sig(f.path(L.STATS)), f.sig(f.path(last)))
        return data

    def _stale(self, stats: dict) -> tuple[dict[str, int], list[str]]:
        marks = {d["lesson_id"]: d.get("last_seq", 0) for d in stats.get("lessons", {}).values()}
        pending, pid = pending_lessons(stats)
        importing = bool(pid) and pid != os.getpid() and pid_alive(pid)
        stale = [
            lesson
            for lesson, mark in sorted(marks.items())
            if card_mark(self.files.read(L.cards_rel(lesson))) < mark or (lesson in pending and not importing)
        ]
        return marks, stale

    def all_cards(self) -> list[dict]:
        """Every card, after checking each lesson's cards file against the totals' mark."""
        stats = self.stats()
        marks, stale = self._stale(stats)
        if stale and not self.files.read_only:
            with self.files.transaction() as tx:
                live = tx.slot(L.STATS).data
                pending, _pid = pending_lessons(live)
                for lesson in stale:
                    if card_mark(tx.slot(L.cards_rel(lesson)).data) < marks[lesson] or lesson in pending:
                        self.rebuild_cards(tx, lesson)
                if pending & set(stale):
                    meta = live["meta"]["1"]
                    meta["pending_lessons"] = sorted(pending - set(stale))
                    tx.slot(L.STATS).dirty = True
        out: list[dict] = []
        for lesson in sorted(marks):
            out.extend(self.files.read(L.cards_rel(lesson)).get("cards", {}).values())
        return out

    def day_counts(self) -> dict[date, int]:
        return {date.fromordinal(int(k)): int(d["count"]) for k, d in self.stats().get("days", {}).items()}
