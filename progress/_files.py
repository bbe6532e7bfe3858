"""Low-level file handling for the progress store.

Every data file is a TinyDB JSON document (``{"table": {"1": {...}, ...}}``).
This module knows how to

* write such a file atomically (temp file + fsync + ``os.replace`` + fsync of
  the directory), optionally without the fsyncs for cheap, non-critical files;
* keep a backup copy of the last good version of every file under
  ``backups/``;
* tell a good file from a damaged one (zero bytes, not UTF-8, not JSON, not
  the TinyDB shape);
* move a damaged file aside as ``<name>.corrupt-<time>``.

It deliberately imports nothing heavy: ``open_store`` runs at app start-up.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Any

BACKUP_DIR = "backups"


class CorruptFile(Exception):
    """A data file exists but cannot be used (reason in ``args[0]``, English)."""


def parse_tables(raw: bytes) -> dict[str, dict[str, dict[str, Any]]]:
    """Parse the bytes of a TinyDB JSON file and check its shape.

    Raises ``CorruptFile`` for empty, non-UTF-8, non-JSON or wrongly shaped data.
    """
    if not raw.strip():
        raise CorruptFile("empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptFile(f"not UTF-8: {exc}") from None
    try:
        data = json.loads(text)
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
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def read_tables(path: str) -> dict | None:
    """Parsed tables of ``path``; ``None`` if it does not exist; ``CorruptFile`` if bad."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise CorruptFile("is a directory") from None
    return parse_tables(raw)


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


def atomic_write(path: str, payload: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` by ``payload`` so that readers see the old or the new file, never a mix.

    With ``durable`` the data is fsync'd before the rename; the caller fsyncs the
    directory (once per directory per transaction) to make the rename itself durable.
    """
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


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


def quarantine(path: str) -> str:
    """Move a damaged file aside as ``<path>.corrupt-<UTC time>``; return the new name."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = f"{path}.corrupt-{stamp}"
    n = 1
    while os.path.exists(target):
        n += 1
        target = f"{path}.corrupt-{stamp}-{n}"
    os.replace(path, target)
    return target


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
