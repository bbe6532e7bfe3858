r"""Bounded symbolic work: SymPy steps on user input under a hard time limit.

SymPy's ``simplify`` and ``integrate`` can run for minutes (or exhaust memory) on a short
input.  The two tasks the product needs — ``is_zero`` (the last step of
:func:`mathcore.equivalence.equivalent`) and ``definite_integral`` (the probability panel) —
run here in one reusable worker process:

* started lazily on first use as a fresh interpreter (spawn semantics: nothing is forked from
  the caller, so it is safe to call from any thread, e.g. a Textual thread worker); calls are
  serialised by a lock;
* with an address-space cap (``resource.setrlimit(RLIMIT_AS)``, :data:`MEMORY_LIMIT` bytes)
  set inside the worker;
* killed and restarted when a call overruns its time limit (≤ :data:`MAX_TIMEOUT` seconds);
  the caller gets ``InputError("식이 너무 복잡합니다 …")`` instead of a frozen app;
* shut down at interpreter exit (``atexit``), so test runs leave no stray processes.

Only the task names in :data:`TASKS` can be run; arguments are SymPy objects produced by
:mod:`mathcore.parse` (never raw text).
"""
from __future__ import annotations

import atexit
import threading
import time

from mathcore import InputError

MAX_TIMEOUT = 2.0
DEFAULT_TIMEOUT = 2.0
MEMORY_LIMIT = 1536 * 1024 * 1024
START_TIMEOUT = 30.0

TASKS = ("is_zero", "definite_integral")


# --------------------------------------------------------------------------- worker side

def _task(name: str, args: tuple):
    import sympy

    if name == "is_zero":
        expr = args[0]
        return expr == 0 or bool(sympy.simplify(expr) == 0)
    if name == "definite_integral":
        expr, var, low, high = args
        exact = sympy.integrate(expr, (var, low, high))
        if exact.has(sympy.Integral):
            value = sympy.Integral(expr, (var, low, high)).evalf(15)
            return None, complex(value)
        return exact, complex(exact.evalf(15))
    raise KeyError(name)


def _worker_main(fd: int, memory_limit: int) -> None:
    """Entry point of the worker process (``python -m mathcore._sympy_worker FD LIMIT``)."""
    from multiprocessing.connection import Connection

    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_limit if hard == resource.RLIM_INFINITY else min(memory_limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - non-POSIX or already tighter
        pass
    import sympy  # noqa: F401  (warm import before the first task)

    conn = Connection(fd)
    try:
        conn.send(("ready", None))
    except OSError:
        return
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            break
        if message is None:
            break
        name, args = message
        try:
            reply = ("ok", _task(name, args))
        except (MemoryError, RecursionError):
            reply = ("memory", None)
        except Exception as exc:  # a SymPy failure on this input; reported, the worker lives on
            reply = ("error", f"{type(exc).__name__}: {exc}"[:300])
        try:
            conn.send(reply)
        except (MemoryError, RecursionError):
            conn.send(("memory", None))
        except OSError:
            break
        except Exception:  # unpicklable result
            conn.send(("error", "결과를 전달할 수 없습니다."))


# --------------------------------------------------------------------------- parent side

class _Worker:
    """One worker process.  It is a fresh interpreter (a *spawn*: nothing is forked from the
    caller, so it is safe from any thread) started with ``subprocess`` rather than
    ``multiprocessing``: multiprocessing's spawn/forkserver re-import the parent's ``__main__``
    in the child, which fails for ``python -`` and would import the whole Textual app."""

    def __init__(self):
        self.lock = threading.Lock()
        self.process = None
        self.conn = None
        self.ready = False
        self.starts = 0
        self.started = 0.0
        self._atexit = False

    def _spawn(self) -> None:
        """Start a worker without waiting for it (its "ready" message is read on first use)."""
        import os
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        import mathcore

        ours, theirs = socket.socketpair()
        package_root = os.path.dirname(os.path.dirname(os.path.abspath(mathcore.__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "mathcore._sympy_worker", str(theirs.fileno()), str(MEMORY_LIMIT)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, cwd=package_root,
            )
        except OSError:
            ours.close()
            raise InputError("계산 도우미 프로세스를 시작하지 못했습니다.") from None
        finally:
            theirs.close()
        self.process, self.conn, self.ready = proc, Connection(ours.detach()), False
        self.started = time.monotonic()
        self.starts += 1
        if not self._atexit:
            atexit.register(shutdown)
            self._atexit = True

    def _ensure_ready(self, timeout: float) -> None:
        """Wait at most ``timeout`` seconds for the worker to be ready.  A worker still starting
        when that runs out is left starting (the next call finds it ready); one that is not
        ready after :data:`START_TIMEOUT` in all is killed."""
        if not self._alive():
            self._kill()
            self._spawn()
        if self.ready:
            return
        try:
            ok = self.conn.poll(timeout)
            if ok:
                self.conn.recv()
        except (EOFError, OSError):
            ok = False
        if ok:
            self.ready = True
            return
        if self._alive() and time.monotonic() - self.started < START_TIMEOUT:
            raise InputError("계산 도우미를 준비하는 중입니다. 잠시 뒤 다시 시도하세요.")
        self._kill()
        raise InputError("계산 도우미 프로세스를 시작하지 못했습니다.")

    def _kill(self) -> None:
        proc, conn = self.process, self.conn
        self.process = self.conn = None
        self.ready = False
        if conn is not None:
            try:
                conn.close()
            except OSError:
                pass
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            try:
                proc.wait(timeout=5.0)
            except Exception:  # pragma: no cover - kill -9 always ends it
                pass

    def _alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def call(self, name: str, args: tuple, timeout: float):
        deadline = time.monotonic() + timeout
        if not self.lock.acquire(timeout=timeout):
            raise InputError(f"식이 너무 복잡합니다: {timeout:g}초 안에 계산을 끝내지 못했습니다.")
        try:
            return self._call_locked(name, args, deadline, timeout)
        finally:
            self.lock.release()

    def _call_locked(self, name: str, args: tuple, deadline: float, timeout: float):
        self._ensure_ready(max(0.0, deadline - time.monotonic()))
        try:
            self.conn.send((name, args))
        except (OSError, EOFError):
            self._kill()
            raise InputError("계산 도우미 프로세스가 멈췄습니다. 다시 시도하세요.") from None
        try:
            ready = self.conn.poll(max(0.0, deadline - time.monotonic()))
        except (OSError, EOFError):
            ready = False
        if not ready:
            self._kill()
            self._spawn()  # the replacement starts while the user reads the message
            raise InputError(f"식이 너무 복잡합니다: {timeout:g}초 안에 계산을 끝내지 못했습니다.")
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError):
            self._kill()  # the worker died (e.g. hit the memory cap inside C code)
            raise InputError("식이 너무 복잡합니다: 계산 중 메모리 한도를 넘었습니다.") from None
        if status == "ok":
            return payload
        if status == "memory":
            raise InputError("식이 너무 복잡합니다: 계산 중 메모리 한도를 넘었습니다.")
        raise InputError(f"이 식은 계산할 수 없습니다 ({payload}).")

    def shutdown(self) -> None:
        with self.lock:
            if self.process is None:
                return
            try:
                self.conn.send(None)
                self.process.wait(timeout=1.0)
            except Exception:
                pass
            self._kill()


_WORKER = _Worker()


def run(fn_name: str, *args, timeout: float = DEFAULT_TIMEOUT):
    """Run task ``fn_name`` (one of :data:`TASKS`) on ``args`` in the worker, at most ``timeout``
    seconds (clipped to (0, MAX_TIMEOUT]).  Overrun or memory exhaustion → InputError
    ("식이 너무 복잡합니다 …") and the worker is restarted on the next call."""
    if fn_name not in TASKS:
        raise ValueError(f"unknown bounded task {fn_name!r}")
    t = float(timeout)
    if not t > 0:
        raise ValueError("timeout must be positive")
    return _WORKER.call(fn_name, tuple(args), min(t, MAX_TIMEOUT))


def prepare(wait: float = 0.0) -> bool:
    """Start the worker if it is not running, without blocking longer than ``wait`` seconds
    for it to be ready; True when it is ready.  (The answer check calls this so the worker is
    up by the time a check needs it.)"""
    locked = _WORKER.lock.acquire(timeout=wait) if wait > 0 else _WORKER.lock.acquire(blocking=False)
    if not locked:
        return False
    try:
        _WORKER._ensure_ready(wait)
        return True
    except InputError:
        return False
    finally:
        _WORKER.lock.release()


def shutdown() -> None:
    """Stop the worker process (it restarts lazily on the next call)."""
    _WORKER.shutdown()


def worker_pid() -> int | None:
    """PID of the running worker, or None (for tests and diagnostics)."""
    proc = _WORKER.process
    return proc.pid if proc is not None and proc.poll() is None else None


# --------------------------------------------------------------------------- convenience wrappers

def _expr(expr, variables):
    import sympy

    from mathcore.parse import parse_expression

    if isinstance(expr, str):
        return parse_expression(expr, variables)
    if isinstance(expr, sympy.Basic):
        return expr
    if isinstance(expr, (int, float)):
        return sympy.Float(expr) if isinstance(expr, float) else sympy.Integer(expr)
    raise InputError("식은 문자열 또는 SymPy 식이어야 합니다.")


def _bound(value, parse_number):
    import sympy

    from mathcore.parse import parse_expression

    if isinstance(value, str):
        parse_number(value)  # validates: finite real
        return parse_expression(value, ())
    if isinstance(value, sympy.Basic):
        return value
    v = float(value)
    if v != v or v in (float("inf"), float("-inf")):
        raise InputError("적분 구간의 끝은 유한한 실수여야 합니다.")
    return sympy.Integer(int(v)) if v.is_integer() else sympy.Float(v)


def definite_integral(expr, low, high, var: str = "x", timeout: float = DEFAULT_TIMEOUT):
    r"""∫_low^high f d(var): returns (exact SymPy value or None, float value).  When no closed
    form is found the float comes from numerical quadrature (mpmath, 15 digits)."""
    from mathcore.parse import parse_number

    from mathcore.parse import symbol_in

    f = _expr(expr, (var,))
    lo = _bound(low, parse_number)
    hi = _bound(high, parse_number)
    exact, value = run("definite_integral", f, symbol_in(f, var), lo, hi, timeout=timeout)
    if abs(value.imag) > 1e-12 * max(1.0, abs(value)):
        raise InputError("적분값이 실수가 아닙니다.")
    return exact, value.real


__all__ = ["run", "prepare", "shutdown", "worker_pid", "definite_integral", "TASKS", "MAX_TIMEOUT"]
