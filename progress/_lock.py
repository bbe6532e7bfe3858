"""The inter-process lock of a data folder: ``flock`` on ``.lock`` (POSIX), ``filelock`` elsewhere.

The lock file is opened read-write, or read-only when it (or the folder) cannot be written:
``flock`` works on a read-only descriptor, so a read-only ``.lock`` is never mistaken for
"another aimath holds the lock".  Opening fails with ``OSError`` only when the file cannot
be created or opened at all; ``acquire`` raises ``TimeoutError`` when another process holds
the lock longer than the timeout.  Each acquisition's wait is kept in ``waits``.
"""

from __future__ import annotations

import os
import time
from collections import deque

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL = 0.002


class FileLock:
    def __init__(self, path: str) -> None:
        self.path = path
        self.waits: deque[float] = deque(maxlen=1000)
        self._fd: int | None = None
        self._fallback = None

    def _open(self) -> int:
        flags = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | flags, 0o644)
        except PermissionError:
            if not os.path.exists(self.path):
                raise
            return os.open(self.path, os.O_RDONLY | flags)

    def acquire(self, timeout: float) -> None:
        start = time.perf_counter()
        if fcntl is None:  # pragma: no cover
            import filelock

            if self._fallback is None:
                self._fallback = filelock.FileLock(self.path, timeout=timeout, thread_local=False)
            try:
                self._fallback.acquire(poll_interval=POLL)
            except filelock.Timeout:
                raise TimeoutError(self.path) from None
            self.waits.append(time.perf_counter() - start)
            return
        fd = self._open()
        deadline = start + timeout
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.perf_counter() > deadline:
                        raise TimeoutError(self.path) from None
                    time.sleep(POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self.waits.append(time.perf_counter() - start)

    def release(self) -> None:
        if self._fallback is not None:  # pragma: no cover
            self._fallback.release()
            return
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
