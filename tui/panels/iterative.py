"""Divergence and undefined points, handled the same way by every iterative panel.

An iterative panel (gradient descent, regression by GD, SGD, learning rates, MLP training)
stops at the first step whose loss or iterate is not finite or has grown without bound,
says so in Korean with the step number and the hint, and plots only the part before it.
A start where f is undefined is an input error on the start field.
"""

from __future__ import annotations

from typing import Any

from mathcore import InputError

HINT = "학습률을 줄여 보세요."
GROWTH_FACTOR = 1e6  # |value| beyond this many times its start (at least 1) counts as blown up


def first_blowup(values: Any, factor: float = GROWTH_FACTOR) -> int | None:
    """Index of the first entry that is non-finite or exceeds ``factor``·max(|first|, 1); None if none.

    ``values`` is (k,) or (k, d) (rows: steps; a row blows up when any entry does).
    """
    import numpy as np

    arr = np.asarray(values, dtype=float)
    if arr.size == 0:
        return None
    rows = np.abs(arr.reshape(arr.shape[0], -1))
    start = rows[0]
    with np.errstate(invalid="ignore", over="ignore"):
        limit = factor * np.maximum(np.where(np.isfinite(start), start, 0.0), 1.0)
        bad = ~np.all(np.isfinite(rows), axis=1) | np.any(rows > limit, axis=1)
    hits = np.flatnonzero(bad)
    return int(hits[0]) if hits.size else None


def loss_divergence(losses: Any, factor: float = GROWTH_FACTOR) -> tuple[int | None, int | None]:
    """``(stop, step)`` for a loss curve (one value per iteration, the start first).

    ``stop`` is the first index that blew up (non-finite or beyond ``factor`` times the
    start): the curve is cut there. ``step`` is the iteration reported as where the run
    diverged: the blow-up, or else the first iteration from which the loss stayed above
    its start until the end (a learning rate just past the stable limit grows slowly
    but without bound; a too large one in a non-convex problem ends far above its start). ``(None, None)`` when the loss did not diverge.
    """
    import numpy as np

    arr = np.asarray(losses, dtype=float).reshape(-1)
    stop = first_blowup(arr, factor)
    if stop is not None:
        return stop, stop
    tail = arr[-max(2, arr.size // 10):]
    if arr.size < 3 or not arr[-1] > arr[0] or not np.median(tail) > arr[0]:
        return None, None
    below = np.flatnonzero(arr <= arr[0])
    return None, int(below[-1]) + 1 if below.size else 1


def divergence_text(step: int, subject: str = "값이", grew: bool = False) -> str:
    """The one Korean divergence message: step number, what happened, the hint.

    ``subject`` carries its particle (``"손실이"``, ``"x나 f(x)가"``); ``grew``: the loss
    kept growing from that step instead of blowing up at it.
    """
    if grew:
        return f"발산: {step}번째 반복부터 {subject} 처음보다 커진 채 계속 커집니다. {HINT}"
    return f"발산: {step}번째 반복에서 {subject} 한없이 커지거나 정의되지 않아 멈췄습니다. {HINT}"


def check_start(func, point, field: str = "init") -> float:
    """f at the start point; an InputError on ``field`` when f or its gradient is undefined there."""
    import numpy as np

    from .format import fmt_array, fmt_num

    coords = [float(p) for p in np.atleast_1d(point)]
    where = fmt_num(coords[0]) if len(coords) == 1 else fmt_array(coords, 6)
    value = func.at(*coords)
    if not np.isfinite(value):
        raise InputError(f"시작점 {where}에서 f가 정의되지 않거나 너무 큽니다 "
                         f"(f = {fmt_num(value)}). f가 정의되는 다른 점을 고르세요.", field=field)
    return value


def check_slope(slopes, point, field: str = "init") -> None:
    """An InputError on ``field`` when the gradient at the start is not finite."""
    import numpy as np

    from .format import fmt_array, fmt_num

    coords = [float(p) for p in np.atleast_1d(point)]
    where = fmt_num(coords[0]) if len(coords) == 1 else fmt_array(coords, 6)
    if not np.all(np.isfinite(np.asarray(slopes, dtype=float))):
        raise InputError(f"시작점 {where}에서 기울기를 계산할 수 없습니다 (미분이 정의되지 않음). "
                         "다른 시작점을 고르세요.", field=field)
