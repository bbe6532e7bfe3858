"""Writes that cannot be done fail with typed Korean errors and leave no temp files;
the data folder itself is checked; temp files never follow planted links."""

import errno
import json
import os
from datetime import timedelta

import pytest

from progress import DataDirError, DiskError, ReadOnlyStore, StoreError, WriteQueue, _files, open_store

from store_helpers import T0, folder_state


def _temps(root):
    return [os.path.join(b, n) for b, _d, fs in os.walk(root) for n in fs if ".tmp-" in n]


def _fail_writes(monkeypatch, code):
    def fail(fd, payload):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(_files, "_write_all", fail)


@pytest.mark.parametrize("code, text", [(errno.ENOSPC, "디스크 공간이 부족합니다"), (errno.EACCES, "권한"),
                                        (errno.EROFS, "읽기 전용 파일 시스템"), (errno.EIO, "입출력 오류")])
@pytest.mark.parametrize("op", ["record", "status", "setting", "scroll"])
def test_write_failures_are_korean_and_leave_no_temp_files(data_dir, monkeypatch, code, text, op):
    s = open_store(data_dir)
    s.record_attempt("q", "l", True, at=T0)
    before = folder_state(data_dir)
    _fail_writes(monkeypatch, code)
    calls = {
        "record": lambda: s.record_attempt("q", "l", False, at=T0 + timedelta(minutes=1)),
        "status": lambda: s.set_lesson_status("vectors", "reading"),
        "setting": lambda: s.set_setting("theme", "nord"),
        "scroll": lambda: s.set_scroll_position("vectors", 10),
    }
    with pytest.raises(DiskError) as info:
        calls[op]()
    assert text in str(info.value) and "Errno" not in str(info.value)
    assert isinstance(info.value, StoreError)
    assert _temps(data_dir) == []
    assert folder_state(data_dir) == before
    monkeypatch.undo()
    calls[op]()  # the disk is back: the same write works
    assert open_store(data_dir).warnings == []


def test_write_queue_keeps_answers_while_the_disk_is_full(data_dir, monkeypatch):
    s = open_store(data_dir)
    errors = []
    q = WriteQueue(s, on_error=errors.append, retry_delays=(0.01,), retry_interval=0.05)
    _fail_writes(monkeypatch, errno.ENOSPC)
    for k in range(5):
        q.submit("record_attempt", f"q{k}", "l", True, answer=str(k))
    assert not q.flush(1)
    assert q.pending == 5 and errors and "디스크 공간이 부족합니다" in errors[0]
    monkeypatch.undo()
    assert q.flush(5)
    assert [a["answer"] for a in s.attempts()] == ["0", "1", "2", "3", "4"]
    q.close()


def test_data_dir_that_is_a_file(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(DataDirError, match="폴더가 아닌 파일"):
        open_store(f)
    with pytest.raises(ValueError):  # the command line catches ValueError
        open_store(f)
    with pytest.raises(DataDirError, match="만들 수 없습니다"):
        open_store(f / "sub")


def test_unreadable_data_dir(tmp_path, monkeypatch):
    root = tmp_path / "data"
    root.mkdir()
    real = os.listdir

    def listdir(path="."):
        if os.fspath(path) == str(root):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    with pytest.raises(DataDirError, match="읽을 수 없습니다"):
        open_store(root)


def test_read_only_data_dir_opens_read_only(data_dir, monkeypatch):
    s = open_store(data_dir)
    s.set_lesson_status("vectors", "done")
    s.record_attempt("q", "l", True, at=T0)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, **k: False if os.fspath(p) == str(data_dir) else real(p, m, **k))
    t = open_store(data_dir)
    assert t.read_only and "쓸 수 없어" in t.read_only_reason and "저장되지 않습니다" in t.read_only_reason
    assert t.lesson_status("vectors") == "done" and len(t.attempts()) == 1
    assert t.accuracy_by_lesson() == {"l": (1, 1)}
    with pytest.raises(ReadOnlyStore, match="읽기 전용"):
        t.set_lesson_status("vectors", "reading")


def test_newer_store_refuses_every_write_with_the_reason(data_dir):
    data_dir.mkdir()
    (data_dir / "progress.json").write_text(json.dumps({"meta": {"1": {"schema_version": 3}}}))
    s = open_store(data_dir)
    assert s.read_only and "더 새로운 버전" in s.read_only_reason
    before = folder_state(data_dir)
    for call in (lambda: s.set_lesson_status("v", "reading"), lambda: s.set_setting("theme", "nord"),
                 lambda: s.set_scroll_position("v", 3), lambda: s.record_attempt("q", "l", True)):
        with pytest.raises(ReadOnlyStore) as info:
            call()
        assert "더 새로운 버전" in str(info.value)
    assert folder_state(data_dir) == before


def test_read_only_lock_file_is_not_blamed_on_another_aimath(data_dir, monkeypatch):
    s = open_store(data_dir)
    s.record_attempt("q", "l", True, at=T0)
    lock = str(data_dir / ".lock")
    real_open = os.open

    def deny_rw(path, flags, *a, **k):
        if os.fspath(path) == lock and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", deny_rw)
    s.record_attempt("q", "l", False, at=T0 + timedelta(minutes=1))  # flock on a read-only descriptor
    assert len(s.attempts()) == 2


def test_lock_that_cannot_be_opened_is_a_korean_error(data_dir):
    s = open_store(data_dir)
    (data_dir / ".lock").unlink(missing_ok=True)
    (data_dir / ".lock").mkdir()
    with pytest.raises(StoreError) as info:
        s.record_attempt("q", "l", True)
    assert "잠금 파일" in str(info.value) and "다른 aimath" not in str(info.value)


def test_temp_names_are_random_and_never_follow_links(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = tmp_path / "out.json"
    names = {_files.temp_name(str(target)) for _ in range(50)}
    assert len(names) == 50 and all(f".tmp-{os.getpid()}-" in n for n in names)
    planted = str(target) + ".tmp-planted"
    os.symlink(victim, planted)
    monkeypatch.setattr(_files, "temp_name", lambda path: planted)
    with pytest.raises(OSError):
        _files.atomic_write(str(target), b"new")
    assert victim.read_text() == "keep me" and not target.exists()
    os.unlink(planted)
    os.symlink(tmp_path / "nowhere", planted)  # dangling: O_EXCL refuses it too
    with pytest.raises(OSError):
        _files.atomic_write(str(target), b"new")
    assert not (tmp_path / "nowhere").exists()


def test_export_replaces_a_planted_link_instead_of_following_it(store, tmp_path):
    store.record_attempt("q", "l", True, at=T0)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "export.json"
    os.symlink(victim, out)
    store.export_json(out)
    assert victim.read_text() == "keep me"
    assert not out.is_symlink() and json.loads(out.read_text())["attempts"]


def test_failed_export_leaves_no_temp_file(store, tmp_path, monkeypatch):
    store.record_attempt("q", "l", True, at=T0)
    _fail_writes(monkeypatch, errno.ENOSPC)
    out = tmp_path / "export.json"
    with pytest.raises(ValueError, match="디스크 공간이 부족합니다"):
        store.export_json(out)
    assert os.listdir(tmp_path) == ["data"]
    monkeypatch.undo()
    with pytest.raises(ValueError, match="폴더"):
        store.export_json(tmp_path)
    with pytest.raises(ValueError, match="쓸 수 없습니다"):
        store.export_json(tmp_path / "missing-dir" / "x" / "out.json" if False else "/proc/version/out.json")


@pytest.mark.parametrize("at", ["9999-12-31T23:55:00", "0001-01-01T00:00:00-05:00", "1999-01-01T00:00:00Z", "yesterday"])
def test_record_attempt_rejects_times_outside_the_window(store, at):
    with pytest.raises(ValueError, match="시각"):
        store.record_attempt("q", "l", True, at=at)
    assert store.attempts() == []
    store.record_attempt("q", "l", True)  # the question is not poisoned
    assert len(store.attempts()) == 1
