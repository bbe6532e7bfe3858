"""Typed errors of the progress store, every one with a Korean message for the learner.

The bottom layer of ``progress``: imports nothing from the package.

* ``StoreError`` — a store operation that cannot be done now (read-only store, lock held
  too long, disk full, no permission).  ``WriteQueue`` keeps such writes and retries.
* ``ReadOnlyStore`` — the store was written by a newer aimath (or its folder is not
  writable); ``Store.read_only`` and ``Store.read_only_reason`` tell the UI before any write.
* ``LockTimeout`` — another running aimath held the lock for too long.
* ``DataDirError`` — the data folder cannot be used at all (a file, unreadable, ...).
  It is a ``StoreError`` and a ``ValueError`` so the command line prints its message.
* ``ImportRejected`` — a document to import is not valid; nothing was changed.  It is a
  ``ValueError`` whose ``problems`` counts what was wrong.
"""

from __future__ import annotations

import errno


class StoreError(RuntimeError):
    """A store operation that cannot be done (Korean message)."""


class ReadOnlyStore(StoreError):
    """Writes are refused because the store is open read-only (Korean message)."""


class LockTimeout(StoreError):
    """Another process held the store's lock for too long."""


class DiskError(StoreError):
    """A write failed for a reason of the disk or of permissions (Korean message)."""


class DataDirError(StoreError, ValueError):
    """The data folder itself cannot be used."""


class ImportRejected(ValueError):
    """A document to import was rejected whole; ``problems`` = number of problems found."""

    def __init__(self, message: str, problems: int = 1, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems
        self.details = list(details or [])


_OS_REASONS = {
    errno.ENOSPC: "디스크 공간이 부족합니다",
    errno.EDQUOT: "디스크 할당량을 넘었습니다",
    errno.EACCES: "파일에 쓸 권한이 없습니다",
    errno.EPERM: "이 작업을 할 권한이 없습니다",
    errno.EROFS: "읽기 전용 파일 시스템입니다",
    errno.ENOTDIR: "폴더여야 할 자리에 파일이 있습니다",
    errno.EISDIR: "파일이어야 할 자리에 폴더가 있습니다",
    errno.ELOOP: "심볼릭 링크를 따라가지 않습니다",
    errno.EEXIST: "같은 이름의 파일이 이미 있습니다",
    errno.ENAMETOOLONG: "파일 이름이 너무 깁니다",
    errno.EIO: "디스크 입출력 오류가 났습니다",
}


def describe_os_error(exc: OSError) -> str:
    """A short Korean reason for an ``OSError`` (never the English strerror alone)."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is None:
        reason = f"입출력 오류가 났습니다 (errno {exc.errno})" if exc.errno else "입출력 오류가 났습니다"
    return reason


def _object_particle(noun: str) -> str:
    """을 or 를 after ``noun``, by the final consonant of its last Hangul syllable."""
    for ch in reversed(noun):
        if "\uac00" <= ch <= "\ud7a3":
            return "을" if (ord(ch) - 0xAC00) % 28 else "를"
    return "을(를)"


def disk_error(exc: OSError, what: str) -> DiskError:
    """``DiskError`` for a failed write of ``what`` (a Korean noun phrase)."""
    err = DiskError(f"{what}{_object_particle(what)} 저장하지 못했습니다: {describe_os_error(exc)}.")
    err.errno = exc.errno  # type: ignore[attr-defined]
    return err
