"""Validation of one ``[[question]]`` table of a quiz file: every problem as a short Korean
message (:func:`field_problems`).  Standard library only (variable names are judged by
``mathcore.functions``, which imports nothing heavy)."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["field_problems", "QUESTION_TYPES", "CONCRETE_TYPES", "QUESTION_KINDS", "is_number"]

QUESTION_TYPES = ("choice", "numeric", "expression", "matrix", "generated")
CONCRETE_TYPES = ("choice", "numeric", "expression", "matrix")
QUESTION_KINDS = ("recall", "reason", "computation")
_COMMON = {"id", "type", "prompt", "explanation", "hints", "wrong_answers", "kind"}
_FIELDS = {
    "choice": _COMMON | {"choices", "answer"},
    "numeric": _COMMON | {"answer", "tolerance"},
    "expression": _COMMON | {"answer", "variables"},
    "matrix": _COMMON | {"answer", "tolerance"},
    "generated": _COMMON | {"generator", "params"},
}
_REQUIRED = {
    "choice": {"choices", "answer"},
    "numeric": {"answer"},
    "expression": {"answer"},
    "matrix": {"answer"},
    "generated": {"generator"},
}


def is_number(value: Any) -> bool:
    """A finite int or float (not a bool): ``inf`` and ``nan`` are not numbers a key may hold."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def field_problems(q: dict, lesson: str) -> list[str]:
    """Every problem with one question table, as short messages."""
    qtype = q.get("type")
    if qtype not in QUESTION_TYPES:
        return [f"알 수 없는 유형(type) {qtype!r}입니다 ({', '.join(QUESTION_TYPES)} 중 하나여야 합니다)"]
    problems = [f"'{key}' 필드는 '{qtype}' 유형에서 쓰지 않습니다" for key in sorted(set(q) - _FIELDS[qtype])]
    required = {"type"} | _REQUIRED[qtype]
    if qtype != "generated":
        required |= {"prompt", "explanation"}
    problems += [f"필수 필드가 없습니다: '{key}'" for key in sorted(required - set(q))]
    problems += _text_problems(q)
    problems += _wrong_answer_problems(q.get("wrong_answers", []))
    if "kind" in q and q["kind"] not in QUESTION_KINDS:
        problems.append(f"'kind'는 {', '.join(QUESTION_KINDS)} 중 하나여야 합니다")
    if "tolerance" in q and not (is_number(q["tolerance"]) and q["tolerance"] >= 0):
        problems.append("'tolerance'는 0 이상의 유한한 숫자여야 합니다 (inf, nan은 쓸 수 없습니다)")
    return problems + _TYPE_CHECKS[qtype](q, lesson)


def _text_problems(q: dict) -> list[str]:
    problems = []
    for key in ("prompt", "explanation"):
        if key in q and not (isinstance(q[key], str) and q[key].strip()):
            problems.append(f"'{key}' 값은 비어 있지 않은 문자열이어야 합니다")
    if "hints" in q and not (isinstance(q["hints"], list)
                             and all(isinstance(h, str) and h.strip() for h in q["hints"])):
        problems.append("'hints'는 비어 있지 않은 문자열들의 목록이어야 합니다")
    if any("\x00" in text for text in _strings(q)):
        problems.append("NUL 문자(\\u0000)가 들어 있습니다")
    return problems


def _wrong_answer_problems(wrong: Any) -> list[str]:
    if not isinstance(wrong, list):
        return ["'wrong_answers'는 {answer, message} 테이블들의 목록이어야 합니다"]
    problems = []
    for n, w in enumerate(wrong, 1):
        if not isinstance(w, dict) or set(w) != {"answer", "message"}:
            problems.append(f"wrong_answers[{n}]에는 'answer'와 'message' 두 키만 있어야 합니다")
        elif not (isinstance(w["message"], str) and w["message"].strip()):
            problems.append(f"wrong_answers[{n}].message는 비어 있지 않은 문자열이어야 합니다")
        elif not (isinstance(w["answer"], (str, list)) or is_number(w["answer"])):
            problems.append(f"wrong_answers[{n}].answer는 텍스트, 유한한 숫자 또는 목록이어야 합니다")
    return problems


def _choice_problems(q: dict, lesson: str) -> list[str]:
    choices, answer = q.get("choices"), q.get("answer")
    if "choices" not in q:
        return []
    if not (isinstance(choices, list) and len(choices) >= 2
            and all(isinstance(c, str) and c.strip() for c in choices)):
        return ["'choices'는 비어 있지 않은 문자열 두 개 이상의 목록이어야 합니다"]
    if "answer" not in q:
        return []
    if not isinstance(answer, int) or isinstance(answer, bool):
        return ["choice 문항의 'answer'는 0부터 세는 보기 번호(정수)여야 합니다"]
    if not 0 <= answer < len(choices):
        return [f"정답 번호 {answer}: 보기 {len(choices)}개의 범위(0~{len(choices) - 1}, 0부터 셈)를 벗어납니다"]
    return []


def _numeric_problems(q: dict, lesson: str) -> list[str]:
    answer = q.get("answer")
    if "answer" in q and not (is_number(answer) or (isinstance(answer, str) and answer.strip())):
        return ["numeric 문항의 'answer'는 유한한 숫자이거나 \"sqrt(54)\" 같은 텍스트여야 합니다"]
    return []


def _expression_problems(q: dict, lesson: str) -> list[str]:
    problems = []
    if "answer" in q and not (isinstance(q["answer"], str) and q["answer"].strip()):
        problems.append("expression 문항의 'answer'는 식을 적은 텍스트여야 합니다")
    if "variables" in q:
        problems += _variables_problems(q["variables"])
    return problems


def _variables_problems(var: Any) -> list[str]:
    """Problems of a ``variables`` list, judged by mathcore's one table of names."""
    if not (isinstance(var, list) and var and all(isinstance(v, str) for v in var)):
        return ["'variables'는 변수 이름들의 비어 있지 않은 목록이어야 합니다"]
    from mathcore.functions import variable_name_problem

    return [f"'variables': {problem}" for v in var if (problem := variable_name_problem(v))]


def _matrix_problems(q: dict, lesson: str) -> list[str]:
    if "answer" in q and not _is_matrix(q["answer"]):
        return ["matrix 문항의 'answer'는 유한한 숫자로 된, 비어 있지 않은 직사각형 중첩 목록이어야 합니다"]
    return []


def _generated_problems(q: dict, lesson: str) -> list[str]:
    problems = []
    gen = q.get("generator")
    if "generator" in q and not (isinstance(gen, str) and gen.startswith(f"{lesson}.")):
        problems.append(f"'generator'는 \"{lesson}.<name>\" 형태의 id여야 합니다")
    if "params" in q and not isinstance(q["params"], dict):
        problems.append("'params'는 테이블이어야 합니다")
    return problems


def _is_matrix(value: Any) -> bool:
    if not (isinstance(value, list) and value):
        return False
    rows = value if isinstance(value[0], list) else [value]
    width = len(rows[0])
    return width > 0 and all(
        isinstance(r, list) and len(r) == width and all(is_number(v) for v in r) for r in rows)


_TYPE_CHECKS = {"choice": _choice_problems, "numeric": _numeric_problems, "expression": _expression_problems,
                "matrix": _matrix_problems, "generated": _generated_problems}
