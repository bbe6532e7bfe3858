"""mathcore.bounded: time-limited SymPy work in a worker process that is killed on overrun."""
import math
import os
import threading
import time

import pytest
import sympy

from mathcore import InputError
from mathcore import bounded
from mathcore.parse import parse_expression

x = sympy.Symbol("x", real=True)
HARD = "(x+1)^200*(x+2)^200*(x-3)^200 - (x-1)^200"  # simplify runs for many seconds


@pytest.fixture()
def ready_worker():
    assert bounded.prepare(wait=60)
    yield


def test_is_zero_and_definite_integral(ready_worker):
    assert bounded.run("is_zero", parse_expression("sin(x)^2 + cos(x)^2 - 1")) is True
    assert bounded.run("is_zero", parse_expression("(x^2 - 1)/(x - 1) - x")) is False
    exact, value = bounded.definite_integral("exp(-x^2)", -1, 1)
    assert value == pytest.approx(math.sqrt(math.pi) * math.erf(1), rel=1e-14)
    assert exact == sympy.sqrt(sympy.pi) * sympy.erf(1)
    exact, value = bounded.definite_integral("1/(1+x^2)", "0", "1")
    assert exact == sympy.pi / 4 and value == pytest.approx(math.pi / 4)
    with pytest.raises(InputError):
        bounded.definite_integral("x", 0, float("inf"))


def test_overrun_is_killed_and_the_worker_restarts(ready_worker):
    first = bounded.worker_pid()
    start = time.perf_counter()
    with pytest.raises(InputError, match="너무 복잡합니다"):
        bounded.run("is_zero", parse_expression(HARD), timeout=0.5)
    assert time.perf_counter() - start < 1.5
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # the overrunning worker is gone, not abandoned
    assert bounded.prepare(wait=60)
    assert bounded.run("is_zero", parse_expression("2x - x - x")) is True  # a fresh worker answers
    assert bounded.worker_pid() != first
    with pytest.raises(ValueError):
        bounded.run("eval", "1")  # only the listed tasks exist
    assert bounded.TASKS == ("is_zero", "definite_integral")


def test_prepare_does_not_block():
    bounded.shutdown()
    start = time.perf_counter()
    assert bounded.prepare() is False  # started, not ready yet
    assert time.perf_counter() - start < 0.5
    assert bounded.worker_pid() is not None
    assert bounded.prepare(wait=60)


def test_a_call_waits_no_longer_than_its_timeout_for_a_starting_worker():
    bounded.shutdown()
    start = time.perf_counter()
    try:
        bounded.run("is_zero", parse_expression("x - x + 1"), timeout=0.05)
    except InputError as err:
        assert "준비" in err.message
    assert time.perf_counter() - start < 0.5


def test_worker_usable_from_a_thread_and_shutdown_leaves_no_process(ready_worker):
    out = []
    worker = threading.Thread(target=lambda: out.append(bounded.run("is_zero", parse_expression("x*x/x - x"))))
    worker.start()
    worker.join(60)
    assert out == [True]
    pid = bounded.worker_pid()
    assert pid is not None
    bounded.shutdown()
    assert bounded.worker_pid() is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone and reaped (a zombie would still accept signal 0)
    assert bounded.prepare(wait=60)  # lazily restarted
