"""A full disk under the data folder: the lesson cache never takes the last free space nor
leaves temporary files, the failure is said once in Korean, and quitting with answers not yet
saved asks for a second q instead of dropping them silently."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from progress import WriteQueue, _files, open_store
from tui import body_cache
from tui.app import create_app


class _Lesson:
    id = "vectors"

    def __init__(self, path: Path):
        self.path = path

    def body(self) -> str:
        return "## 벡터\n\n본문" * 100


def _lesson(tmp_path: Path) -> _Lesson:
    source = tmp_path / "01-vectors.md"
    source.write_text("+++\n+++\n본문", encoding="utf-8")
    return _Lesson(source)


def test_the_cache_leaves_room_for_answers(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=body_cache.KEEP_FREE))
    lesson = _lesson(tmp_path)
    assert body_cache.cached_body(lesson, cache) == lesson.body()
    assert list(cache.iterdir()) == []  # nothing written: the disk is nearly full
    monkeypatch.undo()
    assert body_cache.cached_body(lesson, cache) == lesson.body()
    assert [p.suffix for p in cache.iterdir()] == [".md"]


def test_a_cache_write_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd, *args, **kwargs):
            self.handle = real_fdopen(fd, *args, **kwargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(body_cache.os, "fdopen", Full)
    lesson = _lesson(tmp_path)
    for _ in range(3):
        assert body_cache.cached_body(lesson, cache) == lesson.body()
    assert list(cache.iterdir()) == []


def _fail_writes(monkeypatch):
    def fail(fd, payload):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(_files, "_write_all", fail)


def test_a_full_disk_is_said_once_with_the_right_particle(tmp_path, monkeypatch):
    store = open_store(tmp_path / "data")
    errors: list[str] = []
    queue = WriteQueue(store, on_error=errors.append, retry_delays=(0.01,), retry_interval=0.05)
    _fail_writes(monkeypatch)
    queue.submit("record_attempt", "vectors-001", "vectors", True, answer="2")
    assert not queue.flush(1)
    assert errors[0].count("저장하지 못했습니다") == 1, errors[0]
    assert "을(를)" not in errors[0] and "디스크 공간이 부족합니다" in errors[0]
    monkeypatch.undo()
    assert queue.flush(5)
    queue.close()


async def test_quitting_with_answers_waiting_for_the_disk_asks_twice(tmp_path, monkeypatch):
    app = create_app(tmp_path / "data")
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
        _fail_writes(monkeypatch)
        app.services.write("record_attempt", "vectors-001", "vectors", True, answer="2")
        await pilot.pause(0.3)
        await pilot.press("q")
        await pilot.pause(0.8)
        assert app.is_running
        assert any("q를 한 번 더" in note and "1건" in note for note in notes), notes
        monkeypatch.undo()  # space again: the kept answer is saved, then q quits
        assert app.services.writes.flush(5)
        await pilot.press("q")
        await pilot.pause()
    assert [a["answer"] for a in open_store(tmp_path / "data").attempts()] == ["2"]


async def test_a_read_only_data_folder_opens_shows_the_progress_and_says_nothing_is_saved(
        tmp_path, monkeypatch):
    from tui.cli import main

    data = tmp_path / "data"
    store = open_store(data)
    store.record_attempt("vectors-001", "vectors", True, answer="2")
    store.set_lesson_status("vectors", "done")
    store.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m, **k: False if os.fspath(p) == str(data) else real_access(p, m, **k))
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)  # a read-only mount, as root sees it
    notes: list[str] = []
    app = create_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
        await pilot.pause()
        app.on_mount()  # the start-up warnings again, now recorded
        assert app.store.read_only and app.store.lesson_status("vectors") == "done"
        assert any("저장되지 않습니다" in n for n in notes), notes
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running  # read-only was announced: q quits at once
    started = []
    monkeypatch.setattr(type(app), "run", lambda self: started.append(self.store.read_only))
    assert main(["--data-dir", str(data)]) == 0 and started == [True]  # `aimath` starts, read-only
    backup = tmp_path / "backup.json"
    assert main(["--data-dir", str(data), "export", str(backup)]) == 0
    assert '"vectors-001"' in backup.read_text(encoding="utf-8")
