"""WriteQueue: ordered writes off the caller's thread, retries, failures kept in memory."""

import errno
import threading
import time

import pytest

from progress import StoreError, WriteQueue, open_store


class FlakyStore:
    """Records calls; fails with the queued exceptions first."""

    def __init__(self, failures=()):
        self.calls = []
        self.failures = list(failures)
        self.lock = threading.Lock()

    def set_setting(self, key, value):
        self._call("set_setting", key, value)

    def record_attempt(self, qid, lid, correct, answer=""):
        self._call("record_attempt", qid, lid, correct, answer)

    def _call(self, *call):
        with self.lock:
            if self.failures:
                exc = self.failures.pop(0)
                if exc is not None:
                    raise exc
            self.calls.append(call)


def test_writes_run_in_order_on_another_thread(store):
    threads = []
    orig = store.record_attempt

    def spy(*a, **k):
        threads.append(threading.current_thread())
        return orig(*a, **k)

    store.record_attempt = spy
    q = WriteQueue(store)
    for i in range(20):
        q.submit("record_attempt", f"q-{i}", "l", i % 2 == 0, answer=str(i))
    assert q.flush(10)
    assert q.pending == 0
    assert [a["answer"] for a in store.attempts()] == [str(i) for i in range(20)]
    assert threading.current_thread() not in threads
    q.close()


def test_submit_does_not_block_while_the_store_is_slow():
    gate = threading.Event()

    class Slow(FlakyStore):
        def record_attempt(self, *a):
            gate.wait(5)
            super().record_attempt(*a)

    s = Slow()
    q = WriteQueue(s)
    t = time.perf_counter()
    for i in range(100):
        q.submit("record_attempt", f"q{i}", "l", True)
    assert time.perf_counter() - t < 0.5
    assert q.pending == 100
    gate.set()
    assert q.flush(10)
    assert len(s.calls) == 100
    q.close()


def test_transient_failures_are_retried_with_backoff():
    s = FlakyStore([OSError(errno.ENOSPC, "No space"), StoreError("잠김")])
    errors = []
    q = WriteQueue(s, on_error=errors.append, retry_delays=(0.01, 0.01, 0.01))
    q.submit("record_attempt", "q", "l", True)
    assert q.flush(5)
    assert s.calls == [("record_attempt", "q", "l", True, "")]
    assert errors == []  # recovered within the retries: nothing to tell
    q.close()


def test_failed_writes_are_kept_reported_in_korean_and_stored_later():
    s = FlakyStore([OSError(errno.ENOSPC, "No space left on device")] * 8)
    errors, saved = [], []
    q = WriteQueue(s, on_error=errors.append, on_saved=lambda n, r: saved.append(n),
                   retry_delays=(0.01,), retry_interval=0.05)
    q.submit("record_attempt", "q1", "l", True)
    q.submit("record_attempt", "q2", "l", False)
    assert not q.flush(0.5) or s.calls  # either still failing or already recovered
    assert errors and "디스크 공간이 부족합니다" in errors[0] and "다시 시도" in errors[0]
    assert all("No space" not in e for e in errors)
    assert len(errors) == 1  # one message per outage, not one per retry
    deadline = time.monotonic() + 5
    while q.pending and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [c[1] for c in s.calls] == ["q1", "q2"]  # kept in order, then stored
    assert saved == ["record_attempt", "record_attempt"]
    assert q.close()


def test_invalid_writes_are_dropped_with_a_message(store):
    errors = []
    q = WriteQueue(store, on_error=errors.append)
    q.submit("set_lesson_status", "vectors", "finished")
    q.submit("set_lesson_status", "matrices", "done")
    assert q.flush(5)
    assert store.lesson_status("matrices") == "done"
    assert len(errors) == 1 and "레슨 상태" in errors[0]
    q.close()


def test_unknown_method_is_refused_at_submit(store):
    q = WriteQueue(store)
    with pytest.raises(AttributeError):
        q.submit("no_such_method")
    q.close()


def test_later_setting_replaces_a_waiting_one():
    gate = threading.Event()

    class Slow(FlakyStore):
        def set_setting(self, key, value):
            gate.wait(5)
            super().set_setting(key, value)

    s = Slow()
    q = WriteQueue(s)
    q.submit("set_setting", "theme", "a")
    time.sleep(0.05)  # the first one is running
    for name in ("b", "c", "d"):
        q.submit("set_setting", "theme", name)
    q.submit("set_setting", "last_lesson", "x")
    assert q.pending == 3
    gate.set()
    assert q.flush(5)
    assert s.calls == [("set_setting", "theme", "a"), ("set_setting", "theme", "d"), ("set_setting", "last_lesson", "x")]
    q.close()


def test_read_only_store_never_crashes_and_reports_the_reason(data_dir):
    import json

    data_dir.mkdir()
    (data_dir / "progress.json").write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    s = open_store(data_dir)
    assert s.read_only and "읽기 전용" in s.read_only_reason
    errors = []
    q = WriteQueue(s, on_error=errors.append, retry_delays=(), retry_interval=0.05)
    q.submit("set_lesson_status", "vectors", "reading")
    assert not q.flush(1)
    assert q.pending == 1
    assert errors and "읽기 전용" in errors[0]
    assert not q.close(0.2)
    assert "저장하지 못한 진행 기록 1건" in errors[-1]
    assert s.lesson_status("vectors") == "unread"


def test_close_stores_what_is_waiting(data_dir):
    s = open_store(data_dir)
    q = WriteQueue(s)
    for i in range(5):
        q.submit("record_attempt", f"q{i}", "l", True)
    assert q.close()
    assert len(open_store(data_dir).attempts()) == 5
    with pytest.raises(StoreError):
        q.submit("record_attempt", "late", "l", True)
