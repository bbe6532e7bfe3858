"""content.check_answer under hostile input: it never raises, answers within 2 s under the
budget the code enforces, stops the symbolic step for real, and the UI keeps ticking."""
import asyncio
import threading
import time

import pytest

import content
from content import Question, Verdict, check_answer
from mathcore import bounded

LIMIT = 2.0


def expression(answer, variables=("x",)):
    return Question(id="t-001", lesson="t", type="expression", prompt="p", explanation="e",
                    answer=answer, variables=list(variables))


def numeric(answer):
    return Question(id="t-002", lesson="t", type="numeric", prompt="p", explanation="e", answer=answer)


def matrix(answer):
    return Question(id="t-003", lesson="t", type="matrix", prompt="p", explanation="e", answer=answer)


HOSTILE = [
    "sin(cosh(cosh(cosh(cosh(2)))))", "sin(cosh(1e6))", "cos(sinh(5e5))", "x*exp(-cosh(1e4))",
    "tan(sinh(cosh(3)))", "exp(exp(exp(exp(2))))", "cosh(cosh(cosh(cosh(cosh(1)))))",
    "sin(10^999)", "sin(1e300 x)", "(10^999+7)^(1/999)", "sqrt(10^999+7)*x", "log(10^999+7, 3)",
    "x*exp(-1e4)", "exp(-2000)*x", "2^(2^10)", "(1+1e-30)^(10^30)", "x^(9^9)", "9^9^9",
    "sin(sin(sin(sin(sin(sin(sin(sin(sin(sin(sin(sin(x))))))))))))",
    "max(x, 2x, 3x, 4x, 5x, 6x, 7x, 8x)", "(x+1)^1000*(x-1)^1000", "((((((((((((((((((((x))))))))))))))))))))",
    "x" * 200, "1/(sqrt(2)^2 - 2)", "tan(pi/2)", "log(0)", "log(2, 0)", "log(2, 1)", "0^-1",
    "１２", "٣", "1e", "8e", "2e-x", "\x00", "x\u202e", "🙂", "sqrt(-1)", "acosh(2)", "gamma(x)",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("question", [expression("2x + 2"), numeric("sqrt(2)"), matrix([1.0, 2.0])],
                         ids=["expression", "numeric", "matrix"])
def test_hostile_input_gets_a_verdict_in_time(question, text):
    check_answer(question, "1")  # imports paid once, outside the measured check
    start = time.perf_counter()
    verdict = check_answer(question, text)
    assert time.perf_counter() - start < LIMIT, text
    assert isinstance(verdict, Verdict) and not verdict.correct
    assert verdict.message and not any(word in verdict.message for word in ("Error", "Traceback", "digits"))


def test_a_whole_field_has_one_budget():
    entries = ",".join(f"(10^999+{k})^(1/999)" for k in range(233))
    q = matrix([10.0] * 233)
    start = time.perf_counter()
    assert check_answer(q, entries).correct
    assert time.perf_counter() - start < LIMIT
    start = time.perf_counter()
    verdict = check_answer(matrix([[1.0, 2.0], [3.0, 4.0]]), ";".join([entries[:2400]] * 2))
    assert time.perf_counter() - start < LIMIT and not verdict.correct


def test_a_vector_answer_is_parsed_once(monkeypatch):
    from mathcore import parse

    calls = []
    original_vector, original_matrix = parse.parse_vector, parse.parse_matrix
    monkeypatch.setattr(parse, "parse_vector", lambda *a, **k: calls.append("v") or original_vector(*a, **k))
    monkeypatch.setattr(parse, "parse_matrix", lambda *a, **k: calls.append("m") or original_matrix(*a, **k))
    assert check_answer(matrix([1.0, 2.0]), "1, x").retry
    assert calls == ["v"]  # not parsed again as a matrix after failing as a vector
    calls.clear()
    assert check_answer(matrix([1.0, 2.0]), "1; 2").correct
    assert calls == ["m"]


def test_a_broken_key_or_type_never_raises():
    broken = [expression("2x +"), numeric("abc"), matrix("[[1, 2], [3]]"),
              Question(id="t-004", lesson="t", type="mystery", prompt="p", answer=1),
              Question(id="t-005", lesson="t", type="choice", prompt="p", choices=[], answer=3),
              Question(id="t-006", lesson="t", type="expression", prompt="p", answer="x", variables=["sign"])]
    for q in broken:
        for text in ("1", "x", 2, None, "[[1, 2]]"):
            verdict = check_answer(q, text)
            assert isinstance(verdict, Verdict) and not verdict.correct and verdict.retry


def _hard_pair():
    # Complex at every real point, so sampling cannot decide; simplify then runs for minutes.
    a = "sqrt(-(x+1)^200*(x+2)^200*(x-3)^200 - 1)"
    b = "sqrt(-(x-1)^200*(x+2)^200*(x-3)^200 - 1)"
    return expression(a), b


def test_the_symbolic_step_is_really_stopped():
    assert bounded.prepare(wait=60)
    q, typed = _hard_pair()
    first = bounded.worker_pid()
    start = time.perf_counter()
    verdict = check_answer(q, typed)
    assert time.perf_counter() - start < LIMIT
    assert verdict.retry and "복잡" in verdict.message
    import os

    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # the overrunning worker was killed, not abandoned
    assert threading.active_count() < 10  # no thread left running the check


def test_ui_keeps_ticking_during_hostile_checks():
    from textual.app import App
    from textual.widgets import Static

    assert bounded.prepare(wait=60)
    q, typed = _hard_pair()
    checks = [(q, typed), (expression("2x + 2"), "sin(cosh(cosh(cosh(cosh(2)))))"),
              (matrix([1.0] * 233), ",".join(f"(10^999+{k})^(1/999)" for k in range(233))),
              (expression("2x + 2"), "x*exp(-cosh(1e4))"), (numeric(1.0), "cos(sinh(5e5))")]

    class Ticker(App):
        def compose(self):
            yield Static("채점 중")

        def on_mount(self):
            self.ticks = []
            self.verdicts = []
            self.set_interval(0.02, lambda: self.ticks.append(time.perf_counter()))
            self.run_worker(self.grade, thread=True)

        def grade(self):
            for question, text in checks:
                self.verdicts.append(check_answer(question, text))

    async def run():
        app = Ticker()
        async with app.run_test() as pilot:
            start = time.perf_counter()
            while len(app.verdicts) < len(checks) and time.perf_counter() - start < 20:
                await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            return app, time.perf_counter() - start

    app, elapsed = asyncio.run(run())
    assert len(app.verdicts) == len(checks)
    assert not any(v.correct for v in app.verdicts)
    gaps = [b - a for a, b in zip(app.ticks, app.ticks[1:])]
    assert gaps and max(gaps) < 1.0, max(gaps)  # the longest UI stall: under the 1 s freeze limit
    assert len(app.ticks) > elapsed / 0.02 * 0.3
