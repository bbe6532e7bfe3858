"""The lock, transactions and loading-with-repair: the ``Files`` layer every higher layer uses.

Every read-modify-write runs in ``Files.transaction()``: under a thread lock and an
inter-process ``flock`` on ``.lock``, the files it changes are read fresh from disk once
(``Tx.slot``) and written once, atomically, in the order log → cards → totals → scroll →
main (``Tx.commit``).  A write failure becomes a Korean ``DiskError``; no temp file stays.

Loading with repair and the checks at open come from ``_repair.Repair``.
"""

from __future__ import annotations

import errno
import os
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from . import _files, _layout as L
from ._lock import FileLock
from ._repair import Repair, check_root
from .errors import LockTimeout, ReadOnlyStore, StoreError, disk_error


class Slot:
    __slots__ = ("data", "dirty")

    def __init__(self, data: dict | None) -> None:
        self.data = data if data is not None else {}
        self.dirty = False


_storage_cls = None


def tinydb(slot: Slot):
    """A TinyDB instance whose storage is the in-memory slot of one file."""
    global _storage_cls
    from tinydb import TinyDB

    if _storage_cls is None:
        from tinydb.storages import Storage

        class SlotStorage(Storage):
            def __init__(self, slot: Slot) -> None:
                self.slot = slot

            def read(self):
                return self.slot.data

            def write(self, data) -> None:
                self.slot.data = data
                self.slot.dirty = True

        _storage_cls = SlotStorage
    return TinyDB(slot, storage=_storage_cls)


class Tx:
    """One locked read-modify-write: files are read fresh from disk once, written once."""

    def __init__(self, files: "Files") -> None:
        self.files = files
        self.slots: dict[str, Slot] = {}
        self.max_seq: int | None = None
        self.last_shard = 0

    def slot(self, rel: str) -> Slot:
        s = self.slots.get(rel)
        if s is None:
            s = self.slots[rel] = Slot(self.files.load(rel, locked=True))
        return s

    def db(self, rel: str):
        return tinydb(self.slot(rel))

    def replace(self, rel: str, data: dict) -> None:
        s = self.slots.get(rel)
        if s is None:
            s = self.slots[rel] = Slot(data)
        s.data = data
        s.dirty = True

    def commit(self) -> None:
        files = self.files
        for rel in sorted((r for r, s in self.slots.items() if s.dirty), key=L.commit_rank):
            payload = _files.dump_tables(self.slots[rel].data)
            path = files.path(rel)
            # The log (shards) and progress.json are fsync'd, rename included.  Cards and
            # totals are caches of the log with seq marks and are repaired from it, so they
            # skip fsync and backups; scroll positions are cheap.
            durable = not L.is_derived(rel) and rel != L.SCROLL
            try:
                _files.atomic_write(path, payload, durable=durable)
            except OSError as exc:
                raise disk_error(exc, "진행 기록") from None
            if durable:
                _files.fsync_dir(os.path.dirname(path))
            if not L.is_derived(rel):
                _files.write_backup(files.root, rel, payload)
            files.trusted[rel] = files.sig(path)
            for hook in files.written_hooks:
                hook(rel, self.slots[rel].data)


class Files(Repair):
    """Paths, lock, transactions, loading with repair and parse caches of one data folder."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.warnings: list[str] = []
        self.read_only = False
        self.read_only_reason: str | None = None
        self.closed = False
        self.tx: Tx | None = None
        self.rebuilder: Callable[[str], dict] | None = None  # set by the derived layer
        self.written_hooks: list[Callable[[str, dict], None]] = []
        self.read_cache: dict[str, tuple[tuple, dict]] = {}
        self.trusted: dict[str, tuple | None] = {}  # rel → identity of a version we wrote
        self._rlock = threading.RLock()
        reason = check_root(self.root)
        self._lock = FileLock(os.path.join(self.root, L.LOCK_NAME))
        if reason:
            self.set_read_only(reason)

    # ------------------------------------------------------------------ basics

    def path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def set_read_only(self, reason: str) -> None:
        self.read_only = True
        self.read_only_reason = reason
        self.warn(reason)

    @staticmethod
    def sig(path: str) -> tuple | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def shard_indexes(self) -> list[int]:
        try:
            names = os.listdir(self.path(L.ATTEMPTS_DIR))
        except OSError:
            return []
        return sorted(int(m.group(1)) for m in map(L.SHARD_RE.match, names) if m)

    @property
    def lock_waits(self) -> list[float]:
        """Seconds spent waiting for the inter-process lock, per transaction (last 1000)."""
        return self._lock.waits

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self, *, allow_read_only: bool = False) -> Iterator[Tx]:
        if self.closed:
            raise StoreError("이미 닫힌 진행 기록 저장소입니다.")
        if self.read_only and not allow_read_only:
            raise ReadOnlyStore(self.read_only_reason or "진행 기록이 읽기 전용으로 열려 있어 저장할 수 없습니다.")
        with self._rlock:
            if self.tx is not None:
                yield self.tx
                return
            self._acquire(allow_read_only)
            try:
                tx = self.tx = Tx(self)
                try:
                    yield tx
                    if not self.read_only:
                        tx.commit()
                finally:
                    self.tx = None
            finally:
                self._lock.release()

    def _acquire(self, allow_read_only: bool) -> None:
        try:
            self._lock.acquire(L.LOCK_TIMEOUT)
        except TimeoutError:
            raise LockTimeout(
                f"다른 aimath가 진행 기록을 {L.LOCK_TIMEOUT:.0f}초 넘게 잠그고 있어 저장하지 못했습니다. 잠시 후 다시 시도합니다."
            ) from None
        except OSError as exc:
            if allow_read_only and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return  # reading a store we may not write: no lock needed, nothing is written
            raise disk_error(exc, f"잠금 파일 '{L.LOCK_NAME}'") from None
