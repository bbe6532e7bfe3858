"""계산 노트: a safe calculator notebook, one line in, one result out.

>>> nb = Notebook()
>>> nb.run("A = [[1, 2], [3, 4]]").text
'A =\\n⎡ 1  2 ⎤\\n⎣ 3  4 ⎦'
>>> nb.run("det(A)").text
'−2'

Every line goes through :func:`~mathcore.notebook.syntax.parse_line` (an allowlist
tokenizer and a closed grammar: no ``eval``, no attribute access, no strings, no files)
and is evaluated under a :class:`~mathcore.notebook.values.Budget` of time and size.
:meth:`Notebook.run` never raises for anything a learner types: a refused or failed
line comes back as an :class:`Output` with ``error=True`` and a Korean message.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import numpy as np

from mathcore import InputError
from mathcore.korean import with_particle
from mathcore.notebook.values import LINE_SECONDS, Budget, Cancelled, Multi, PlotData, display

__all__ = ["Notebook", "Output", "Cancelled", "PlotData", "export_markdown", "pasted_lines", "DEFAULT_SYMBOLS"]

DEFAULT_SYMBOLS = ("x", "y", "z", "t")
MAX_NAMES = 200
MAX_PASTED = 200
_HELP = re.compile(r"^help\s*(?:\(\s*([A-Za-z][A-Za-z0-9]*)?\s*\)|\s+([A-Za-z][A-Za-z0-9]*))?\s*$")
_VAR = re.compile(r"^var\s+([A-Za-z][A-Za-z0-9]*(?:\s*,?\s*[A-Za-z][A-Za-z0-9]*)*)\s*$")
_VAR_WORD = re.compile(r"^var(?:\s|$)")  # "var", "var 1x", "var x,": a declaration gone wrong


@dataclass
class Output:
    """What one line produced: ``text`` to show, the ``value`` (for tests and ``ans``),
    an optional ``plot``, and ``error`` when the line was refused or failed."""

    text: str
    value: object = None
    plot: PlotData | None = None
    error: bool = False
    cancelled: bool = False


@dataclass
class Notebook:
    """Names defined so far (``env``) and the lines run, in order (``inputs``)."""

    env: dict = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)

    def __post_init__(self):
        if not self.env:
            self.reset()

    def kept_inputs(self, limit: int) -> list[str]:
        """The last ``limit`` inputs worth saving: a line too long to ever run, or one holding a
        NUL character, is left out (it would make the whole saved list invalid)."""
        from mathcore.notebook.chars import MAX_LINE_LENGTH

        kept = [line for line in self.inputs if len(line) <= MAX_LINE_LENGTH and "\x00" not in line]
        return kept[-limit:]

    def reset(self) -> None:
        import sympy

        self.env = {name: sympy.Symbol(name, real=True) for name in DEFAULT_SYMBOLS}
        self.inputs = []

    @property
    def library(self):
        return _library()

    def run(self, line: str, cancelled: Callable[[], bool] | None = None,
            seconds: float = LINE_SECONDS) -> Output:
        """Run one line; the line is kept in :attr:`inputs` whatever the outcome."""
        self.inputs.append(line)
        try:
            return self._run(line.strip(), Budget(seconds, cancelled))
        except Cancelled:
            return Output("계산을 취소했습니다.", error=True, cancelled=True)
        except InputError as err:
            return Output(str(err), error=True)
        except Exception:  # the crash barrier: log it for a bug report, never end the app
            logging.getLogger("aimath.notebook").exception("notebook line failed: %r", line)
            return Output("이 줄은 계산할 수 없습니다. 값의 모양과 범위를 확인해 보세요.", error=True)

    def replay(self, lines: Iterable[str], cancelled: Callable[[], bool] | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[Output]:
        """Start afresh and run ``lines`` again (a notebook restored after a restart)."""
        lines = list(lines)
        self.reset()
        outputs = []
        for i, line in enumerate(lines):
            if cancelled is not None and cancelled():
                raise Cancelled()
            outputs.append(self.run(line, cancelled))
            if progress is not None:
                progress(i + 1, len(lines))
        return outputs

    # -- one line --------------------------------------------------------------
    def _run(self, line: str, budget: Budget) -> Output:
        from mathcore.notebook.syntax import normalise

        line = normalise(line)
        if not line:
            raise InputError("빈 줄입니다. 식이나 명령을 입력하세요. 도움말은 help")
        m = _HELP.match(line)
        if m:
            return Output(self.help(m.group(1) or m.group(2)))
        m = _VAR.match(line)
        if m:
            return self._declare(re.split(r"[\s,]+", m.group(1)))
        if _VAR_WORD.match(line):
            raise InputError("var 다음에는 기호로 쓸 이름을 적으세요(예: var a, b). 분산은 var([1, 2, 3])입니다.")
        from mathcore.notebook.evaluate import Evaluator
        from mathcore.notebook.syntax import parse_line

        tree = parse_line(line)
        targets = tree.value if tree.kind == "assign" else None
        node = tree.children[0] if targets else tree
        value = Evaluator(self.env, self.library, budget).eval(node)
        if isinstance(value, PlotData):
            if targets:
                raise InputError("그래프에는 이름을 붙일 수 없습니다. plot(…)만 쓰세요.")
            return Output(value.title, plot=value)
        if targets:
            return self._assign(targets, value)
        self.env["ans"] = value
        return Output(display(value), value)

    def _assign(self, names: list[str], value) -> Output:
        reserved = self.library.reserved()
        for name in names:
            if name in reserved:
                raise InputError(f"{with_particle(repr(name), '은/는')} 함수나 상수의 이름이라 값을 붙일 수 없습니다. 다른 이름을 쓰세요.")
        if len(names) > 1:
            values = value.values if isinstance(value, Multi) else None
            if isinstance(value, np.ndarray) and value.ndim == 1:
                values = tuple(float(v) for v in value)
            if values is None or len(values) != len(names):
                have = len(values) if values is not None else 1
                raise InputError(f"이름 {len(names)}개에 값 {have}개입니다. 개수를 맞추세요(예: U, S, Vt = svd(A)).")
            pairs = list(zip(names, values))
        else:
            pairs = [(names[0], value)]
        new = [n for n, _ in pairs if n not in self.env]
        if len(self.env) + len(new) > MAX_NAMES:
            raise InputError(f"이름은 {MAX_NAMES}개까지 만들 수 있습니다. clear로 노트를 비우세요.")
        for name, v in pairs:
            self.env[name] = v
        self.env["ans"] = value
        text = "\n".join(_named(n, v) for n, v in pairs)
        return Output(text, value)

    def _declare(self, names: list[str]) -> Output:
        import sympy

        reserved = self.library.reserved_symbols()
        bad = [n for n in names if n in reserved]
        if bad:
            raise InputError(f"{with_particle(repr(bad[0]), '은/는')} 함수나 상수의 이름이라 변수로 쓸 수 없습니다.")
        for name in names:
            self.env[name] = sympy.Symbol(name, real=True)
        return Output("변수 " + with_particle(", ".join(names), "을/를") + " 기호로 선언했습니다.")

    def help(self, name: str | None = None) -> str:
        ops = self.library.ops
        if name is None:
            groups: dict[str, list[str]] = {}
            for op in ops.values():
                groups.setdefault(op.group, []).append(op.name)
            lines = [f"{g}: {', '.join(names)}" for g, names in groups.items()]
            lines.append("수학 함수: sin, cos, tan, exp, log, sqrt, abs, tanh, … / 상수: pi, e, inf")
            lines.append("A = [[1, 2], [3, 4]]처럼 이름을 붙이고, ans는 직전 결과입니다. help(svd)처럼 하나씩 볼 수 있습니다.")
            return "\n".join(lines)
        op = ops.get(name)
        if op is None:
            from mathcore.notebook.library import ELEMENTWISE

            if name in ELEMENTWISE:
                return f"{name}(x) — 수, 벡터·행렬(성분마다), 식에 쓰는 수학 함수"
            return f"{with_particle(repr(name), '이라는/라는')} 함수는 없습니다. help로 목록을 보세요."
        return f"{op.name} — {op.usage}: {op.help}"


def pasted_lines(text: str, limit: int = MAX_PASTED) -> list[str]:
    """A pasted block as notebook lines: one per line, blank lines dropped, and a line whose
    brackets are still open joined with the next (``A = [[1, 2],`` / ``[3, 4]]`` is one line).
    At most ``limit`` lines; InputError (Korean) beyond that."""
    lines: list[str] = []
    pending = ""
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        piece = raw.strip()
        if not piece:
            continue
        pending = f"{pending} {piece}" if pending else piece
        depth = sum(pending.count(c) for c in "([") - sum(pending.count(c) for c in ")]")
        if depth <= 0 or len(pending) > 1000:
            lines.append(pending)
            pending = ""
    if pending:
        lines.append(pending)
    if len(lines) > limit:
        raise InputError(f"한 번에 붙여 넣을 수 있는 줄은 {limit}줄까지입니다(지금 {len(lines)}줄). 나눠서 붙여 넣으세요.")
    return lines


@lru_cache(maxsize=1)
def _library():
    """The one dispatch table, built on first use (keeps ``import mathcore.notebook`` cheap)."""
    from mathcore.notebook.library import Library
    from mathcore.notebook.ops_data import OPS

    return Library(OPS)


def _named(name: str, value) -> str:
    from mathcore.pretty import symbol_name

    text = display(value)
    name = symbol_name(name)
    return f"{name} =\n{text}" if "\n" in text else f"{name} = {text}"


def export_markdown(inputs: Iterable[str], outputs: Iterable[Output]) -> str:
    """The notebook as Markdown: each input in a code block, its result as text."""
    parts = ["# 계산 노트", ""]
    for line, out in zip(inputs, outputs):
        parts += ["```", line, "```", ""]
        body = out.text if not out.error else f"오류: {out.text}"
        parts += [("    " + body.replace("\n", "\n    ")) if "\n" in body else body, ""]
    return "\n".join(parts).rstrip() + "\n"
