"""Lesson status, settings and scroll positions (``progress.json`` and ``scroll.json``).

Reads come from small caches keyed by the file's identity (inode, size, mtime), so the
sidebar and the reader never parse a file that did not change; writes go through one
transaction each.
"""

from __future__ import annotations

from typing import Any

from . import _layout as L, _validate
from ._tx import Files, Tx
from .settings import setting_or_none, validate_setting

_MISSING = object()


class State:
    def __init__(self, files: Files) -> None:
        self.files = files
        self.main: dict = {}
        self._main_sig: tuple | None = None
        self.scroll: dict[str, float] = {}
        self._scroll_sig: tuple | None = None
        files.written_hooks.append(self._written)

    # ------------------------------------------------------------------ caches

    def set_main(self, data: dict) -> None:
        self.main = data
        self._main_sig = self.files.sig(self.files.path(L.MAIN))

    def refresh_main(self) -> dict:
        if self.files.sig(self.files.path(L.MAIN)) != self._main_sig:
            self.set_main(self.files.load(L.MAIN, locked=False))
        return self.main

    def refresh_scroll(self, force: bool = False) -> dict[str, float]:
        f = self.files
        sig = f.sig(f.path(L.SCROLL))
        if force or sig != self._scroll_sig:
            data = f.load(L.SCROLL, locked=False)
            self.scroll = {
                d["lesson_id"]: float(d["y"])
                for d in data.get("scroll", {}).values()
                if _validate.is_id(d.get("lesson_id")) and _validate.is_finite(d.get("y"), 0.0, L.MAX_SCROLL)
            }
            self._scroll_sig = f.sig(f.path(L.SCROLL))
        return self.scroll

    def _written(self, rel: str, data: dict) -> None:
        if rel == L.MAIN:
            self.set_main(data)
        elif rel == L.SCROLL:
            self._scroll_sig = None

    def ensure_meta(self, tx: Tx) -> None:
        meta = tx.db(L.MAIN).table("meta")
        if not meta.all():
            meta.insert({"schema_version": L.SCHEMA_VERSION, "created_at": L.iso(L.now_utc())})

    # ------------------------------------------------------------------ lessons

    def set_lesson_status(self, lesson_id: str, status: str, *, only_from_unread: bool = False) -> None:
        """Set a status; with ``only_from_unread`` a lesson already "reading" or "done" (as the
        file says inside the transaction, whatever another process wrote) is left alone."""
        L.check_id(lesson_id, "레슨 id")
        if status not in L.STATUSES:
            raise ValueError(f"레슨 상태는 'unread', 'reading', 'done' 중 하나여야 합니다: {str(status)[:40]!r}")
        from tinydb import Query

        with self.files.transaction() as tx:
            self.ensure_meta(tx)
            table = tx.db(L.MAIN).table("lessons")
            if only_from_unread:
                found = table.get(Query().lesson_id == lesson_id)
                if found is not None and found.get("status") in ("reading", "done"):
                    return
            table.upsert(
                {"lesson_id": lesson_id, "status": status, "updated_at": L.iso(L.now_utc())},
                Query().lesson_id == lesson_id,
            )

    def start_reading(self, lesson_id: str) -> None:
        self.set_lesson_status(lesson_id, "reading", only_from_unread=True)

    def lesson_statuses(self) -> dict[str, str]:
        out = {}
        for doc in self.refresh_main().get("lessons", {}).values():
            lid, st = doc.get("lesson_id"), doc.get("status")
            if _validate.is_id(lid) and st in L.STATUSES:
                out[lid] = st
        return out

    # ------------------------------------------------------------------ settings

    def settings(self) -> dict[str, Any]:
        """Every stored setting that fits the schema (unknown keys on disk are ignored)."""
        out = {}
        for doc in self.refresh_main().get("settings", {}).values():
            ok, value = setting_or_none(doc.get("key"), doc.get("value"))
            if ok:
                out[doc["key"]] = value
        return out

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        value = validate_setting(key, value)
        if self.get_setting(key, _MISSING) == value:
            return
        from tinydb import Query

        with self.files.transaction() as tx:
            self.ensure_meta(tx)
            tx.db(L.MAIN).table("settings").upsert({"key": key, "value": value}, Query().key == key)

    # ------------------------------------------------------------------ scroll

    def set_scroll_position(self, lesson_id: str, y: float) -> None:
        L.check_id(lesson_id, "레슨 id")
        try:
            y = float(y)
        except (TypeError, ValueError, OverflowError):
            raise ValueError(f"스크롤 위치는 숫자여야 합니다: {str(y)[:40]!r}") from None
        if not _validate.is_finite(y):
            raise ValueError(f"스크롤 위치는 유한한 숫자여야 합니다: {y!r}")
        y = min(max(0.0, y), L.MAX_SCROLL)
        if self.refresh_scroll().get(lesson_id) == y:
            return
        from tinydb import Query

        with self.files.transaction() as tx:
            tx.db(L.SCROLL).table("scroll").upsert({"lesson_id": lesson_id, "y": y}, Query().lesson_id == lesson_id)
        self.scroll[lesson_id] = y
