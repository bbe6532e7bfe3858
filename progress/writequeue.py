"""Store writes off the UI thread: ordered, retried, never fatal, never lost while running.

``WriteQueue(store, on_error=callable(korean_msg), on_saved=None)``:

* ``submit(method_name, *args, **kwargs)`` returns at once; a worker thread runs
  ``getattr(store, method_name)(*args, **kwargs)`` in submission order.
* A write that fails with ``StoreError`` or ``OSError`` (lock held, disk full, read-only
  store, ...) is retried with backoff (``retry_delays``); if it still fails it stays in memory,
  ``on_error`` gets one Korean message for the outage, and the queue retries it every
  ``retry_interval`` seconds (later writes wait behind it, so the order holds).  When the
  store accepts writes again everything kept is written and ``on_saved`` is told.
* A write the store rejects as invalid (``ValueError``/``TypeError``) is dropped (retrying
  cannot help) and reported through ``on_error``.
* Later writes to the same setting / scroll position replace an earlier one still waiting
  (only the last value matters), so memory stays bounded while the disk is full.
* ``flush(timeout=None) -> bool``: wait until nothing is waiting (kept writes are retried
  at once); False on timeout, or at once without a timeout while writes keep failing.  ``pending``: writes not yet stored.  ``close()``: flush
  briefly and stop the thread (what is still kept is reported through ``on_error``).

``on_error`` and ``on_saved(method_name, result)`` run on the queue's thread: a Textual app
passes a function that uses ``call_from_thread``.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any, Callable

from .errors import StoreError, describe_os_error

# Methods whose later call makes an earlier waiting one pointless: key = (name, first arg).
COALESCE = frozenset({"set_setting", "set_scroll_position", "set_lesson_status"})


class _Job:
    __slots__ = ("name", "args", "kwargs", "key")

    def __init__(self, name: str, args: tuple, kwargs: dict) -> None:
        self.name, self.args, self.kwargs = name, args, kwargs
        self.key = (name, args[0]) if name in COALESCE and args and isinstance(args[0], str) else None


def _korean(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    text = str(exc)
    return text or type(exc).__name__


class WriteQueue:
    def __init__(
        self,
        store: Any,
        on_error: Callable[[str], Any] | None = None,
        on_saved: Callable[[str, Any], Any] | None = None,
        *,
        retry_delays: tuple[float, ...] = (0.05, 0.2, 0.8),
        retry_interval: float = 5.0,
    ) -> None:
        self.store = store
        self.on_error = on_error
        self.on_saved = on_saved
        self.retry_delays = tuple(retry_delays)
        self.retry_interval = float(retry_interval)
        self.failing = False  # True while writes are kept after a failure
        self.last_error: str | None = None
        self._jobs: deque[_Job] = deque()
        self._busy = 0
        self._running: _Job | None = None  # the job being run (stays at the head until done)
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="aimath-writes", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ public

    def submit(self, method_name: str, *args: Any, **kwargs: Any) -> None:
        """Queue ``store.<method_name>(*args, **kwargs)``; never blocks, never raises for I/O."""
        if not isinstance(method_name, str) or not callable(getattr(self.store, method_name, None)):
            raise AttributeError(f"store has no method {method_name!r}")
        job = _Job(method_name, args, kwargs)
        with self._cond:
            if self._closed:
                raise StoreError("저장 대기열이 이미 닫혔습니다.")
            if job.key is not None:
                for old in list(self._jobs):
                    if old.key == job.key:
                        self._jobs.remove(old)
            self._jobs.append(job)
            self._cond.notify_all()

    @property
    def pending(self) -> int:
        """Writes submitted and not yet stored (waiting, running or kept after a failure)."""
        with self._cond:
            running = self._running is not None and all(j is not self._running for j in self._jobs)
            return len(self._jobs) + running

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every submitted write is stored; False on timeout.  Kept writes are
        retried at once; without a timeout, a flush while writes keep failing returns False
        instead of waiting forever."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._cond.notify_all()  # a kept write is retried now
            while self._jobs or self._busy:
                if self.failing and not self._busy and deadline is None:
                    return False
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(0.05 if left is None else min(left, 0.05))
            return True

    def retry_now(self) -> None:
        """Retry kept writes at once (for a "다시 저장" action in the UI)."""
        with self._cond:
            self.failing = False
            self._cond.notify_all()

    def close(self, timeout: float = 2.0) -> bool:
        """Store what can be stored within ``timeout`` seconds, then stop; True if nothing is lost."""
        self.retry_now()
        ok = self.flush(timeout)
        with self._cond:
            self._closed = True
            left = len(self._jobs)
            self._cond.notify_all()
        self._thread.join(timeout=max(0.1, timeout))
        if left:
            self._report(f"저장하지 못한 진행 기록 {left}건이 있습니다: {self.last_error or '알 수 없는 오류'}")
        return ok and not left

    # ------------------------------------------------------------------ worker

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._closed:
                    self._cond.wait()
                if not self._jobs or (self._closed and self.failing):
                    return
                job = self._running = self._jobs[0]
                self._busy = 1
            done = self._attempt(job)
            with self._cond:
                self._busy = 0
                self._running = None
                if done and self._jobs and self._jobs[0] is job:
                    self._jobs.popleft()
                self._cond.notify_all()
                if not done:
                    if self._closed:
                        return
                    self._cond.wait(self.retry_interval)

    def _attempt(self, job: _Job) -> bool:
        """Run one job with retries; True when it is finished (stored or dropped as invalid)."""
        error: BaseException | None = None
        for delay in (0.0, *self.retry_delays):
            if delay:
                time.sleep(delay)
            try:
                result = getattr(self.store, job.name)(*job.args, **job.kwargs)
            except (StoreError, OSError) as exc:
                error = exc
                continue
            except (ValueError, TypeError) as exc:
                self._report(f"저장하지 않았습니다: {_korean(exc)}")
                return True
            except Exception as exc:  # a bug must not kill the writer thread
                self._report(f"진행 기록을 저장하지 못했습니다: {_korean(exc)}")
                return True
            self._saved(job, result)
            return True
        message = _korean(error) if error is not None else "알 수 없는 오류"
        if not self.failing or message != self.last_error:
            # A DiskError already says what could not be saved; say it once.
            said = message if "저장하지 못했습니다" in message else f"진행 기록을 저장하지 못했습니다: {message}"
            self._report(f"{said} 저장할 내용은 기억해 두고 다시 시도합니다.")
        self.failing = True
        self.last_error = message
        return False

    def _saved(self, job: _Job, result: Any) -> None:
        if self.failing:
            self.failing = False
            self.last_error = None
        if self.on_saved is not None:
            try:
                self.on_saved(job.name, result)
            except Exception:
                pass

    def _report(self, message: str) -> None:
        if self.on_error is not None:
            try:
                self.on_error(message)
            except Exception:
                pass
