"""One budget of time and work for a parse or an answer check, enforced by the code.

A :class:`Budget` is created once per field (or per check) and handed down to every step:
each parsed node, folded constant and sampled point charges work, and every charge also
checks the deadline.  Running out raises :class:`mathcore.InputError` with a Korean message,
so the caller stops instead of running on.
"""
from __future__ import annotations

import time

from mathcore import InputError

__all__ = ["Budget", "DEFAULT_SECONDS", "DEFAULT_WORK"]

DEFAULT_SECONDS = 1.5
DEFAULT_WORK = 200_000

_OUT_OF_TIME = "입력을 처리하는 데 시간이 너무 오래 걸립니다. 더 짧고 단순하게 입력하세요."
_OUT_OF_WORK = "입력이 너무 복잡합니다. 더 짧고 단순하게 입력하세요."


class Budget:
    """``seconds`` of wall time and ``work`` units from now; :meth:`charge` spends them."""

    __slots__ = ("deadline", "work_left")

    def __init__(self, seconds: float = DEFAULT_SECONDS, work: int = DEFAULT_WORK):
        self.deadline = time.monotonic() + seconds
        self.work_left = work

    def charge(self, units: int = 1) -> None:
        """Spend ``units``; InputError when the work or the time is used up."""
        self.work_left -= units
        if self.work_left < 0:
            raise InputError(_OUT_OF_WORK)
        if time.monotonic() > self.deadline:
            raise InputError(_OUT_OF_TIME)

    def remaining(self) -> float:
        """Seconds left (0 when past the deadline)."""
        return max(0.0, self.deadline - time.monotonic())

    def check(self) -> None:
        """InputError if the deadline has passed (spends no work)."""
        self.charge(0)
