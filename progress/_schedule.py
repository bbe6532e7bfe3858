"""FSRS scheduling through the ``fsrs`` library, imported only when first needed.

Fuzzing is switched off: a card is then a pure function of the question's attempt
history, so the store can rebuild any card (after an import, a migration or a damaged
cards file) and get exactly the state an uninterrupted run would have produced.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

_scheduler = None

# Rating values of fsrs.Rating
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4

STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}


def rating_for(correct: bool, hinted: bool) -> int:
    """Wrong → Again, right → Good, right after a hint → Hard."""
    if not correct:
        return AGAIN
    return HARD if hinted else GOOD


def scheduler():
    global _scheduler
    if _scheduler is None:
        import fsrs

        _scheduler = fsrs.Scheduler(enable_fuzzing=False)
    return _scheduler


def review(card: dict[str, Any] | None, rating: int, at: datetime) -> dict[str, Any]:
    """Return the card dict after a review with ``rating`` at ``at`` (aware UTC)."""
    import fsrs

    at = at.astimezone(timezone.utc)
    obj = fsrs.Card.from_dict(card) if card is not None else fsrs.Card(card_id=0, due=at)
    if obj.last_review is not None and at < obj.last_review:
        # fsrs needs reviews in time order; an out-of-order review counts as "now".
        at = obj.last_review
    new, _log = scheduler().review_card(obj, fsrs.Rating(rating), review_datetime=at)
    return new.to_dict()


def retrievability(card: dict[str, Any], now: datetime) -> float:
    import fsrs

    return float(scheduler().get_card_retrievability(fsrs.Card.from_dict(card), now.astimezone(timezone.utc)))
