"""House-style rules that a program can check (content/STYLE.md, the rules marked [checked]).

``style_problems(root)`` scans the lessons, quizzes and glossary under ``root`` and returns one
``"파일:줄: 문제"`` line per violation: banned spellings, self-reference other than 장, 강의,
계수 for rank, 정규화 for regularization, a space between a formula (or bold term, or code span)
or a panel label ``[실습: …]``) and its particle, ``log a/b`` that reads as (log a)/b, and W_X-style capital subscripts where a
Unicode subscript exists. Standard library only (plus the converter for the ``log a/b`` rule).
"""

from __future__ import annotations

import re
from pathlib import Path

from mathcore.glyphs import SUBSCRIPT

__all__ = ["style_problems", "line_problems", "SPELLINGS"]

# (banned pattern, what to write). Patterns are regular expressions on one source line.
SPELLINGS: tuple[tuple[str, str], ...] = (
    (r"그레디언트", "그래디언트"),
    (r"손실 함수", "손실함수"),
    (r"목적 함수", "목적함수"),
    (r"혼동 행렬", "혼동행렬"),
    (r"설계 행렬", "설계행렬"),
    (r"볼록 함수", "볼록함수"),
    (r"선형 회귀", "선형회귀"),
    (r"행렬 곱", "행렬곱"),
    (r"선형 변환", "선형변환"),
    (r"조건부 확률", "조건부확률"),
    (r"표본 평균", "표본평균"),
    (r"유한 차분", "유한차분"),
    (r"활성화 함수", "활성함수"),
    (r"(?<!제)(?<!제 )[12]종 오류", "제1종 오류 / 제2종 오류"),
    (r"제 [12]종", "제1종 / 제2종 (붙여 씀)"),
    (r"계수\s*\(rank\)", "랭크(rank)"),
    (r"계수(가|를|는)? ?(부족|가득)", "랭크가 부족하다 / 랭크가 가득 찼다"),
    (r"정규화\s*\(regulari", "규제(regularization)"),
    (r"강의", "이 과정 / N장 (강의는 쓰지 않습니다)"),
    (r"\d+강(?![가-힣])|\d+강(?=[의에은을이])|이 강(?=[에은의 ])", "N장 / 이 장"),
    (r"단원|레슨", "장"),
)
_SPELLING_RES = tuple((re.compile(p), fix) for p, fix in SPELLINGS)

# Particles (and particle-led endings) that attach to the word before them.
_PARTICLES = (
    "은 는 이 가 을 를 의 에 에서 에게 로 으로 와 과 도 만 까지 부터 처럼 보다 이고 이며 이면 이다 "
    "입니다 이므로 이지만 이라면 이라는 이라고 인 일 이나 나 라고 라는 에는 에서는 으로는 로는 와는 "
    "과는 보다는 이라 이어야 여야 에도 로도 으로도 만큼 마다 뿐 이에요 예요 이며 이니 이라서 라서 "
    "이든 든 이었습니다 였습니다 이어서 여서 이요 이게 이므로 에서도 까지의 으로의 로의 와의 과의 "
    "라 라면 이라도 라도 일수록 배"
).split()
_PARTICLE_RE = re.compile(r"^ (" + "|".join(sorted(set(_PARTICLES), key=len, reverse=True))
                          + r")(?=[\s.,;:!?)\]]|$)")
_BOLD_CLOSE_RE = re.compile(r"\*\*(?= )")
_CODE_OR_LABEL_RE = re.compile(r"`[^`\n]+`|\[실습: [^\]\n]+\]")
_CAPITAL_WEIGHT_RE = re.compile(r"W_(?:\{([A-Z])\}|([A-Z]))(?![A-Za-z])")
_SUBSCRIPTABLE = {ch for ch in SUBSCRIPT if "a" <= ch <= "z"}  # letters with a Unicode subscript
_LOG_SLASH_RE = re.compile(r"\b(log|ln|exp)[₀-₉]*\s+[^\s(][^\s]*?/")


def _formula_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline ``$…$`` (end = index after the closing ``$``)."""
    spans, i, n = [], 0, len(line)
    while i < n:
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            close = line.find("`", i + 1)
            i = n if close == -1 else close + 1
            continue
        if ch == "$":
            if line.startswith("$$", i):
                close = line.find("$$", i + 2)
                if close == -1:
                    return spans
                i = close + 2
                continue
            j = i + 1
            while j < n and line[j] != "$":
                j += 2 if line[j] == "\\" else 1
            if j >= n:
                return spans
            spans.append((i, j + 1))
            i = j + 1
            continue
        i += 1
    return spans


def _detached_particles(line: str) -> list[str]:
    found = []
    ends = [end for _, end in _formula_spans(line)]
    ends += [m.end() for m in _BOLD_CLOSE_RE.finditer(line) if line[:m.start()].count("**") % 2]
    ends += [m.end() for m in _CODE_OR_LABEL_RE.finditer(line)]
    for end in ends:
        m = _PARTICLE_RE.match(line[end:])
        if m:
            before = line[max(0, end - 12):end]
            found.append(f"조사를 띄어 썼습니다: '…{before} {m.group(1)}' → '…{before}{m.group(1)}'")
    return found


def _wrapped_particle(previous: str, line: str) -> bool:
    """A line that starts with a particle right after a line ending in a formula or bold term."""
    end = previous.rstrip()
    if not (end.endswith("**") or (end.endswith("$") and not end.endswith("$$")
                                   and _formula_spans(end))):
        return False
    return bool(_PARTICLE_RE.match(" " + line.lstrip()))


def _formula_problems(line: str) -> list[str]:
    found = []
    for start, end in _formula_spans(line):
        tex = line[start + 1:end - 1]
        for m in _CAPITAL_WEIGHT_RE.finditer(tex):
            letter = m.group(1) or m.group(2)
            if letter.lower() in _SUBSCRIPTABLE:
                found.append(f"아래첨자 W_{letter}: 유니코드 아래첨자가 있는 W_{letter.lower()}를 "
                             f"쓰세요")
        if "\\log" in tex or "\\ln" in tex or "\\exp" in tex:
            from content.latex import FormulaError, to_unicode

            try:
                shown = to_unicode(tex)
            except FormulaError:
                continue  # reported by the loader
            if _LOG_SLASH_RE.search(shown):
                found.append(f"'{shown}'는 (log a)/b로 읽힙니다: \\log\\frac{{a}}{{b}}나 "
                             f"\\log(a/b)로 쓰세요")
    return found


def line_problems(line: str) -> list[str]:
    """Style problems of one source line (Markdown or TOML text)."""
    found = []
    for pattern, fix in _SPELLING_RES:
        m = pattern.search(line)
        if m:
            found.append(f"표기 '{m.group(0)}' → {fix} (content/STYLE.md)")
    found += _detached_particles(line)
    found += _formula_problems(line)
    return found


def _files(root: Path) -> list[Path]:
    files = sorted((root / "lessons").glob("*.md")) + sorted((root / "quizzes").glob("*.toml"))
    glossary = root / "glossary.toml"
    return files + ([glossary] if glossary.exists() else [])


def style_problems(root) -> list[str]:
    """``"파일:줄: 문제"`` for every house-style violation under the content folder ``root``."""
    root = Path(root)
    problems = []
    for path in _files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the loader reports unreadable files
        fence, previous = False, ""
        for number, line in enumerate(text.split("\n"), start=1):
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
                continue
            if fence:
                continue
            found = line_problems(line)
            if _wrapped_particle(previous, line):
                found.append("조사가 다음 줄로 떨어졌습니다: 앞 줄의 수식이나 굵은 글씨에 붙여 쓰세요")
            previous = line
            for problem in found:
                problems.append(f"{path.relative_to(root.parent)}:{number}: {problem}")
    return problems
