"""Read-only queries over cards and totals: what is due, review items, statistics."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from . import _layout as L, _schedule
from ._derived import Derived


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


class Reports:
    def __init__(self, derived: Derived) -> None:
        self.derived = derived

    # ------------------------------------------------------------------ review

    def card_info(self, question_id: str, now: datetime) -> dict | None:
        for c in self.derived.all_cards():
            if c["question_id"] == question_id:
                return item(c, now)
        return None

    def review_items(self, now: datetime) -> list[dict]:
        items = [item(c, now) for c in self.derived.all_cards()]
        items.sort(key=lambda it: (it["due"], it["question_id"]))
        return items

    def due_questions(self, now: datetime) -> list[str]:
        due = []
        for c in self.derived.all_cards():
            d = datetime.fromisoformat(c["card"]["due"])
            if d <= now:
                due.append((d, c["question_id"]))
        return [q for _d, q in sorted(due)]

    def due_forecast(self, days: int, now: datetime) -> list[int]:
        today = L.local_date(now)
        counts = [0] * max(0, min(int(days), 100_000))
        for c in self.derived.all_cards():
            offset = max(0, (L.local_date(c["card"]["due"]) - today).days)
            if offset < len(counts):
                counts[offset] += 1
        return counts

    # ------------------------------------------------------------------ statistics

    def accuracy_by_lesson(self) -> dict[str, tuple[int, int]]:
        return {d["lesson_id"]: (int(d["correct"]), int(d["total"])) for d in self.derived.stats().get("lessons", {}).values()}

    def attempts_per_day(self, days: int, now: datetime) -> list[tuple[date, int]]:
        today = L.local_date(now)
        counts = self.derived.day_counts()
        n = max(0, min(int(days), 100_000))
        return [(today - timedelta(days=k), counts.get(today - timedelta(days=k), 0)) for k in range(n - 1, -1, -1)]

    def streak(self, now: datetime) -> int:
        today = L.local_date(now)
        counts = self.derived.day_counts()
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
            for c in self.derived.all_cards()
        }

    def weakest_questions(self, n: int) -> list[dict]:
        rows = []
        for qid, st in self.question_stats().items():
            if st["total"] and st["correct"] < st["total"]:
                rows.append({"question_id": qid, **st, "accuracy": st["correct"] / st["total"]})
        rows.sort(key=lambda r: (r["accuracy"], -r["total"], r["question_id"]))
        return rows[: max(0, int(n))]
