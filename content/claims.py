"""Worked-value claims in lesson prose: hidden marks that a test recomputes (content/STYLE.md §6).

A mark is an HTML comment right after the number it checks::

    노름은 $5$입니다.<!--claim l2_norm {"x": [3, 4]} = 5-->

``NAME`` is a key of :data:`COMPUTATIONS` (the fixed registry in :mod:`content.claim_registry`:
nothing in a mark is ever evaluated as code), the JSON object holds its keyword arguments (plus an
optional ``"select"`` that picks a key or index of a structured result) and ``EXPECTED`` (JSON: a number or nested
lists of numbers) is compared with the precision it is written with. The loader strips the marks
(``content.mathtext.strip_claims``), so they never reach the screen.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from content.claim_registry import COMPUTATIONS
from content.mathtext import CLAIM_RE

__all__ = ["Claim", "ClaimError", "COMPUTATIONS", "parse_claims", "check_claim", "lesson_claims"]

_MARK_RE = re.compile(r"^\s*([a-z][a-z0-9_]*)\s+(\{.*\})\s*=\s*(.+?)\s*$", re.S)
_NUMBER_RE = re.compile(r"-?\d+(?:\.(\d+))?(?:[eE][-+]?\d+)?")


class ClaimError(ValueError):
    """A malformed mark, an unknown computation, or a value that does not match."""


@dataclass(frozen=True)
class Claim:
    path: str
    line: int
    name: str
    args: dict
    expected: object  # float or nested lists of floats
    expected_text: str
    context: str  # the paragraph (or table row) the claim sits in, marks removed

    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _flatten(value) -> list:
    if isinstance(value, (list, tuple)):
        return [x for item in value for x in _flatten(item)]
    return [value]


def _tolerance(text: str) -> float:
    """Half a unit in the last written decimal of the least precise number in ``text``."""
    places = [len(m.group(1) or "") for m in _NUMBER_RE.finditer(text)]
    return 0.5 * 10.0 ** -min(places, default=0) + 1e-12


def _select(value, path):
    """Pick a part of a structured result: ``"select": "loss"`` (a key), ``0`` (an index),
    ``"0:4"`` (rows 0–3), ``"col 1"`` (column 1 of a matrix) or a list of such steps."""
    import numpy as np

    if path is None:
        return value
    for step in path if isinstance(path, list) else [path]:
        if isinstance(step, str) and step.startswith("col "):
            value = np.asarray(value, dtype=float)[:, int(step[4:])]
        elif isinstance(step, str) and ":" in step:
            start, stop = (int(p) if p else None for p in step.split(":"))
            value = value[start:stop]
        else:
            value = value[step]
    return value


def parse_mark(body: str, path: str = "", line: int = 0, context: str = "") -> Claim:
    m = _MARK_RE.match(body)
    if not m:
        raise ClaimError(f"{path}:{line}: 표시 형식은 'claim 이름 {{JSON 인수}} = 값'입니다: {body!r}")
    name, args_text, expected_text = m.groups()
    if name not in COMPUTATIONS:
        raise ClaimError(f"{path}:{line}: 알 수 없는 계산 '{name}'")
    try:
        args = json.loads(args_text)
        expected = json.loads(expected_text)
    except json.JSONDecodeError as err:
        raise ClaimError(f"{path}:{line}: JSON을 읽을 수 없습니다 ({err})") from None
    if not isinstance(args, dict) or not all(isinstance(v, (int, float))
                                              for v in _flatten(expected)):
        raise ClaimError(f"{path}:{line}: 인수는 JSON 객체, 값은 수나 수의 목록이어야 합니다")
    return Claim(path, line, name, args, expected, expected_text, context)


def parse_claims(text: str, path: str = "") -> list[Claim]:
    """Every claim mark in ``text`` with the paragraph (or table row) it belongs to."""
    lines = text.split("\n")
    claims = []
    for number, line in enumerate(lines, start=1):
        if "<!--claim" not in line:
            continue
        start = number - 1
        if not line.lstrip().startswith("|"):
            while start > 0 and lines[start - 1].strip() and "<!--claim" not in lines[start - 1]:
                start -= 1
        context = CLAIM_RE.sub(" ", "\n".join(lines[start:number]))
        for m in CLAIM_RE.finditer(line):
            claims.append(parse_mark(m.group(1), path, number, context))
    return claims


def check_claim(claim: Claim) -> None:
    """Recompute ``claim``; raise :class:`ClaimError` naming ours and the prose's value."""
    import numpy as np

    args = dict(claim.args)
    select = args.pop("select", None)
    try:
        got = _select(COMPUTATIONS[claim.name](**args), select)
        got_arr = np.asarray(got, dtype=float)
    except Exception as err:  # noqa: BLE001 - any failure of a worked example is a finding
        raise ClaimError(f"{claim.where()}: {claim.name} 계산 실패: {err}") from None
    want = np.asarray(claim.expected, dtype=float)
    if got_arr.shape != want.shape and got_arr.size == want.size:
        got_arr = got_arr.reshape(want.shape)
    tol = _tolerance(claim.expected_text)
    if got_arr.shape != want.shape or not np.allclose(got_arr, want, rtol=0, atol=tol):
        raise ClaimError(f"{claim.where()}: {claim.name}{json.dumps(claim.args)} = "
                         f"{np.round(got_arr, 6).tolist()}, 본문은 {claim.expected_text}")
    prose = claim.context.replace("−", "-").replace("\\,", "").replace(",\u00a0", ", ")
    for m in _NUMBER_RE.finditer(claim.expected_text.replace("-", "")):
        value = m.group(0)
        if not re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", prose):
            raise ClaimError(f"{claim.where()}: 값 {value}가 본문 문단에 없습니다")


def lesson_claims(lessons_dir) -> list[Claim]:
    claims = []
    for path in sorted(Path(lessons_dir).glob("*.md")):
        claims += parse_claims(path.read_text(encoding="utf-8"), path.name)
    return claims
