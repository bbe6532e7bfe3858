"""Low-level file handling of the progress store.

Every data file is a TinyDB JSON document (``{"table": {"1": {...}, ...}}``).  This module

* reads a file with a bound: never blocks (``O_NONBLOCK``; FIFOs, devices and directories
  are refused by ``fstat``), never reads more than ``MAX_FILE_BYTES``;
* tells a good file from a damaged one (empty, not UTF-8, not JSON, nested too deeply,
  non-standard numbers, not the TinyDB shape);
* writes a file atomically: a temp file with a random name created with
  ``O_CREAT|O_EXCL|O_NOFOLLOW`` (a planted file or symlink is never followed or reused),
  fsync, ``os.replace``; the temp file is removed when anything fails;
* keeps a backup of the last good version and moves damaged files aside.

It imports nothing heavy: ``open_store`` runs at app start-up.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from datetime import datetime, timezone
from typing import Any

from ._layout import BACKUP_DIR, MAX_FILE_BYTES


class CorruptFile(Exception):
    """A data file exists but cannot be used (reason in ``args[0]``, English, for logs)."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-standard JSON number {name}")


def loads(text: str) -> Any:
    """``json.loads`` without ``NaN``/``Infinity``; deep nesting raises ``ValueError``."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def parse_tables(raw: bytes) -> dict[str, dict[str, dict[str, Any]]]:
    """Parse the bytes of a TinyDB JSON file and check its shape (``CorruptFile`` if bad)."""
    if not raw.strip():
        raise CorruptFile("empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptFile(f"not UTF-8: {exc}") from None
    try:
        data = loads(text)
    except ValueError as exc:
        raise CorruptFile(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CorruptFile("top level is not an object")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CorruptFile(f"table {name!r} is not an object")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise CorruptFile(f"document {name}/{doc_id} is not an object")
    return data


def dump_tables(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def read_bounded(path: str, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """Bytes of a regular file (``None`` if it does not exist); ``CorruptFile`` for a
    directory, FIFO, device or socket, or a file over ``limit`` bytes.  Never blocks."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise CorruptFile("is a directory") from None
    except NotADirectoryError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CorruptFile("not a regular file")
        if st.st_size > limit:
            raise CorruptFile(f"too large ({st.st_size} bytes)")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise CorruptFile("too large")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_tables(path: str) -> dict | None:
    """Parsed tables of ``path``; ``None`` if it does not exist; ``CorruptFile`` if bad."""
    raw = read_bounded(path)
    return None if raw is None else parse_tables(raw)


def fsync_dir(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(path: str) -> str:
    return f"{path}.tmp-{os.getpid()}-{secrets.token_hex(6)}"


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: str, payload: bytes, *, durable: bool = True, mode: int = 0o644) -> None:
    """Replace ``path`` by ``payload`` so that readers see the old or the new file, never a mix.

    With ``durable`` the data is fsync'd before the rename; the caller fsyncs the directory
    (once per directory per transaction) to make the rename itself durable.  Raises
    ``OSError`` on failure, after removing its temp file.
    """
    directory = os.path.dirname(path)
    if directory and not os.path.isdir(directory):
        os.makedirs(directory, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    tmp = temp_name(path)
    fd = os.open(tmp, flags, mode)
    try:
        try:
            _write_all(fd, payload)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def backup_path(root: str, rel: str) -> str:
    return os.path.join(root, BACKUP_DIR, rel + ".bak")


def write_backup(root: str, rel: str, payload: bytes) -> None:
    """Keep ``payload`` (a version that was just written successfully) as the backup of ``rel``.

    Not fsync'd: the backup only matters when the main file is damaged later, and a
    damaged backup is detected by the same checks as a damaged main file.
    """
    try:
        atomic_write(backup_path(root, rel), payload, durable=False)
    except OSError:
        pass


def corrupt_name(path: str) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = f"{path}.corrupt-{stamp}"
    n = 1
    while os.path.lexists(target):
        n += 1
        target = f"{path}.corrupt-{stamp}-{n}"
    return target


def quarantine(path: str) -> str:
    """Move a damaged file (or whatever sits at ``path``) aside; return the new name."""
    target = corrupt_name(path)
    os.replace(path, target)
    return target


def keep_copy(path: str, raw: bytes) -> str:
    """Keep ``raw`` (the damaged original of ``path``) as ``<path>.corrupt-<time>``."""
    target = corrupt_name(path)
    atomic_write(target, raw, durable=False)
    return target
