"""Quiz questions: parsing and validating ``content/quizzes/<lesson>.toml`` and building
concrete questions from generators.

Only the standard library is imported here; numpy and the generators load when a generated
question is first instantiated.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Question", "QUESTION_TYPES", "CONCRETE_TYPES", "ContentError", "parse_questions"]

QUESTION_TYPES = ("choice", "numeric", "expression", "matrix", "generated")
CONCRETE_TYPES = ("choice", "numeric", "expression", "matrix")
DEFAULT_TOLERANCE = 1e-6
RELATIVE_TOLERANCE = 1e-9


class ContentError(ValueError):
    """A problem in a content file. ``str()`` names the file (and line when known)."""

    def __init__(self, message: str, path: object = None, line: int | None = None,
                 problems: list[ContentError] | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.problems = problems or [self]
        super().__init__(self._format())

    def _format(self) -> str:
        if len(self.problems) > 1 or self.problems[0] is not self:
            return "\n".join(p._format() for p in self.problems)
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def raise_all(problems: list[ContentError]) -> None:
    """Raise the problems as one ContentError (no-op when empty)."""
    if not problems:
        return
    if len(problems) == 1:
        raise problems[0]
    err = ContentError(f"문제 {len(problems)}건", problems=problems)
    raise err


# tomllib's messages (Python 3.11), without their "(at line N, column M)" suffix, in Korean.
_TOML_MESSAGES = (
    (r"Invalid statement", "올바른 TOML 문장이 아닙니다"),
    (r"Expected '=' after a key in a key/value pair", "키(key) 뒤에 '='가 와야 합니다"),
    (r"Expected ']' at the end of a table declaration", "테이블 선언 끝에 ']'가 와야 합니다"),
    (r"Expected ']]' at the end of an array declaration",
     "배열 테이블 선언 끝에 ']]'가 와야 합니다"),
    (r"Expected (.+)", r"이 자리에는 \1 기호가 와야 합니다"),
    (r"Found invalid character (.+)", r"쓸 수 없는 문자입니다: \1"),
    (r"Cannot declare (.+) twice", r"같은 테이블을 두 번 선언했습니다: \1"),
    (r"Cannot overwrite a value", "이미 정해진 값을 다시 정의했습니다"),
    (r"Cannot mutate immutable namespace (.+)", r"이미 닫힌 테이블에 값을 더할 수 없습니다: \1"),
    (r"Cannot redefine namespace (.+)", r"테이블을 다시 정의할 수 없습니다: \1"),
    (r"Invalid initial character for a key part", "키(key)가 쓸 수 없는 문자로 시작합니다"),
    (r"Unclosed array", "배열의 닫는 ']'가 없습니다"),
    (r"Duplicate inline table key (.+)", r"인라인 테이블에 같은 키가 두 번 있습니다: \1"),
    (r"Unclosed inline table", "인라인 테이블의 닫는 '}'가 없습니다"),
    (r"Unescaped '\\' in a string", "문자열 안의 백슬래시는 두 번 써야 합니다 "
                                     "(LaTeX는 '...' 작은따옴표 문자열에 쓰면 편합니다)"),
    (r"Invalid hex value", "잘못된 16진수 이스케이프입니다"),
    (r"Escaped character is not a Unicode scalar value", "유니코드 문자가 아닌 이스케이프입니다"),
    (r"Unterminated string", "문자열을 닫는 따옴표가 없습니다"),
    (r"Illegal character '\\n'", "문자열이 줄 끝까지 닫히지 않았습니다 (닫는 따옴표가 없습니다)"),
    (r"Illegal character (.+)", r"쓸 수 없는 문자입니다: \1"),
    (r"Invalid date or datetime", "날짜/시간 값이 잘못되었습니다"),
    (r"Invalid value", "값이 잘못되었거나 빠졌습니다 (문자열은 따옴표로 감싸야 합니다)"),
)


def toml_error(err: Exception, source: str | None = None,
               line_offset: int = 0) -> tuple[str, int | None]:
    """A Korean ``(message, line)`` for a ``tomllib.TOMLDecodeError``.

    ``source`` (the TOML text) places "end of document" errors on its last line;
    ``line_offset`` is added to the line (TOML embedded after other lines of a file).
    """
    text = str(err)
    line = column = None
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", text)
    if m:
        line, column = int(m.group(1)) + line_offset, int(m.group(2))
        text = text[:m.start()]
    else:
        m = re.search(r"\s*\(at end of document\)\s*$", text)
        if m:
            text = text[:m.start()]
            if source is not None:
                line = source.rstrip("\n").count("\n") + 1 + line_offset
    detail = None
    for pattern, korean in _TOML_MESSAGES:
        hit = re.fullmatch(pattern, text)
        if hit:
            detail = hit.expand(korean) if hit.groups() else korean
            break
    if detail is None:  # a message this table does not know: keep tomllib's words
        detail = f"({text})"
    where = f"{column}열: " if column is not None else ""
    return f"TOML 문법 오류입니다 — {where}{detail}", line


@dataclass
class Question:
    """One quiz question.

    ``prompt``, ``explanation``, ``choices``, ``hints`` and wrong-answer messages hold plain text
    with formulas already converted to Unicode (not Markdown). ``answer`` is the key as written
    in the file: an index (choice), a number or expression text (numeric), expression text
    (expression), a nested list (matrix); for ``generated`` it is None until
    :meth:`instantiate`. ``seed`` is set on instantiated generated questions.
    """

    id: str
    lesson: str
    type: str
    prompt: str
    explanation: str = ""
    choices: list[str] = field(default_factory=list)
    answer: Any = None
    hints: list[str] = field(default_factory=list)
    wrong_answers: list[dict] = field(default_factory=list)
    tolerance: float = DEFAULT_TOLERANCE
    variables: list[str] = field(default_factory=lambda: ["x"])
    generator: str | None = None
    params: dict = field(default_factory=dict)
    seed: int | None = None
    # What the question asks of a learner: "recall", "reason" or "computation" (None: by type;
    # see content.quiz_report).
    kind: str | None = None
    # The prompt and explanation as written (LaTeX in $...$), for Markdown rendering.
    source: dict = field(default_factory=dict, repr=False, compare=False)

    def prompt_markdown(self) -> str:
        """The prompt as Markdown (formulas converted, Markdown-escaped; ``$$`` → math block)."""
        return self._markdown("prompt")

    def explanation_markdown(self) -> str:
        """The explanation as Markdown, like :meth:`prompt_markdown`."""
        return self._markdown("explanation")

    def _markdown(self, key: str) -> str:
        from content.mathtext import convert_markdown

        raw = self.source.get(key)
        if raw is None:
            from content.mathtext import markdown_escape

            return markdown_escape(getattr(self, key))
        return convert_markdown(_display_on_own_lines(raw))

    @property
    def is_generated(self) -> bool:
        return self.generator is not None

    def instantiate(self, seed: int | None = None) -> Question:
        """A concrete question (type choice/numeric/expression/matrix).

        Static questions return a copy of themselves. A generated question calls its generator
        with ``numpy.random.default_rng(seed)`` and ``params``; the same seed gives the same
        question. Raises :class:`ContentError` if the generator is missing or returns something
        invalid.
        """
        if self.type != "generated":
            return dataclasses.replace(self, seed=seed)
        import numpy as np

        from content.generators import get_generator

        fn = get_generator(self.generator or "")
        where = f"생성기(generator) {self.generator!r} (문항 {self.id})"
        if fn is None:
            raise ContentError(f"문항 {self.id}: 등록되지 않은 생성기(generator) "
                               f"{self.generator!r}입니다")
        try:
            made = fn(np.random.default_rng(seed), dict(self.params))
        except Exception as err:  # a broken generator must name itself
            raise ContentError(f"{where}: 시드(seed) {seed}에서 실행이 실패했습니다 "
                               f"({err!r})") from err
        return _from_generated(self, made, seed, where)


def _from_generated(template: Question, made: Any, seed: int | None, where: str) -> Question:
    from content.mathtext import MathTextError

    for name in ("type", "prompt", "answer", "explanation"):
        if not hasattr(made, name):
            raise ContentError(f"{where}: 돌려준 {type(made).__name__} 값에 '{name}' 속성이 "
                               "없습니다")
    if made.type not in CONCRETE_TYPES:
        raise ContentError(f"{where}: 돌려준 값의 유형(type)이 {made.type!r}입니다 "
                           f"({', '.join(CONCRETE_TYPES)} 중 하나여야 합니다)")
    raw = {
        "id": template.id, "type": made.type, "prompt": made.prompt,
        "explanation": made.explanation, "answer": _plain_value(made.answer),
        "tolerance": float(getattr(made, "tolerance", DEFAULT_TOLERANCE)),
        "choices": list(getattr(made, "choices", []) or []),
        "variables": list(getattr(made, "variables", ["x"]) or ["x"]),
        "hints": list(getattr(made, "hints", []) or []),
        "wrong_answers": [dict(w) for w in (getattr(made, "wrong_answers", []) or [])],
    }
    if made.type != "choice":
        raw.pop("choices")
    if made.type != "expression":
        raw.pop("variables")
    if made.type not in ("numeric", "matrix"):
        raw.pop("tolerance")
    for w in raw["wrong_answers"]:
        if "answer" in w:
            w["answer"] = _plain_value(w["answer"])
    problems = _field_problems(raw, template.lesson)
    if problems:
        raise ContentError(f"{where}, 시드(seed) {seed}: " + "; ".join(problems))
    try:
        question = _build(raw, template.lesson)
    except MathTextError as err:
        raise ContentError(f"{where}, 시드(seed) {seed}: {err}") from None
    question.generator = template.generator
    question.params = dict(template.params)
    question.seed = seed
    # Hints and wrong answers written in the quiz file apply to every generated instance too.
    question.hints = question.hints or list(template.hints)
    question.wrong_answers = question.wrong_answers or list(template.wrong_answers)
    return question


def _display_on_own_lines(text: str) -> str:
    """Put ``$$…$$`` written inside a line of quiz text onto lines of its own."""
    return re.sub(r"\s*\$\$(.+?)\$\$\s*", lambda m: f"\n$$\n{m.group(1).strip()}\n$$\n",
                  text, flags=re.S)


def _plain_value(value: Any) -> Any:
    """numpy scalars/arrays → Python floats/ints/lists (keys must be plain data)."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain_value(v) for v in value]
    return value


# --------------------------------------------------------------------------- validation

_COMMON = {"id", "type", "prompt", "explanation", "hints", "wrong_answers", "kind"}
QUESTION_KINDS = ("recall", "reason", "computation")
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


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _field_problems(q: dict, lesson: str) -> list[str]:
    """Every problem with one question table, as short messages."""
    problems: list[str] = []
    qtype = q.get("type")
    if qtype not in QUESTION_TYPES:
        problems.append(f"알 수 없는 유형(type) {qtype!r}입니다 "
                        f"({', '.join(QUESTION_TYPES)} 중 하나여야 합니다)")
        return problems
    for key in sorted(set(q) - _FIELDS[qtype]):
        problems.append(f"'{key}' 필드는 '{qtype}' 유형에서 쓰지 않습니다")
    required = {"type"} | _REQUIRED[qtype]
    if qtype != "generated":
        required |= {"prompt", "explanation"}
    for key in sorted(required - set(q)):
        problems.append(f"필수 필드가 없습니다: '{key}'")
    for key in ("prompt", "explanation"):
        if key in q and not (isinstance(q[key], str) and q[key].strip()):
            problems.append(f"'{key}' 값은 비어 있지 않은 문자열이어야 합니다")
    if "hints" in q and not (isinstance(q["hints"], list)
                             and all(isinstance(h, str) and h.strip() for h in q["hints"])):
        problems.append("'hints'는 비어 있지 않은 문자열들의 목록이어야 합니다")
    if "wrong_answers" in q:
        wrong = q["wrong_answers"]
        if not isinstance(wrong, list):
            problems.append("'wrong_answers'는 {answer, message} 테이블들의 목록이어야 합니다")
        else:
            for n, w in enumerate(wrong, 1):
                if not isinstance(w, dict) or set(w) != {"answer", "message"}:
                    problems.append(f"wrong_answers[{n}]에는 'answer'와 'message' 두 키만 "
                                    "있어야 합니다")
                elif not (isinstance(w["message"], str) and w["message"].strip()):
                    problems.append(f"wrong_answers[{n}].message는 비어 있지 않은 문자열이어야 "
                                    "합니다")
                elif not (isinstance(w["answer"], (str, list)) or _is_number(w["answer"])):
                    problems.append(f"wrong_answers[{n}].answer는 텍스트, 숫자 또는 목록이어야 "
                                    "합니다")
    if "kind" in q and q["kind"] not in QUESTION_KINDS:
        problems.append(f"'kind'는 {', '.join(QUESTION_KINDS)} 중 하나여야 합니다")
    if "tolerance" in q and not (_is_number(q["tolerance"]) and q["tolerance"] >= 0):
        problems.append("'tolerance'는 0 이상의 숫자여야 합니다")
    answer = q.get("answer")
    if qtype == "choice" and "choices" in q:
        choices = q["choices"]
        if not (isinstance(choices, list) and len(choices) >= 2
                and all(isinstance(c, str) and c.strip() for c in choices)):
            problems.append("'choices'는 비어 있지 않은 문자열 두 개 이상의 목록이어야 합니다")
        elif "answer" in q:
            if not isinstance(answer, int) or isinstance(answer, bool):
                problems.append("choice 문항의 'answer'는 0부터 세는 보기 번호(정수)여야 합니다")
            elif not 0 <= answer < len(choices):
                problems.append(f"정답 번호 {answer}: 보기 {len(choices)}개의 범위"
                                f"(0~{len(choices) - 1}, 0부터 셈)를 벗어납니다")
    if qtype == "numeric" and "answer" in q:
        if not (_is_number(answer) or (isinstance(answer, str) and answer.strip())):
            problems.append("numeric 문항의 'answer'는 숫자이거나 \"sqrt(54)\" 같은 "
                            "텍스트여야 합니다")
    if qtype == "expression":
        if "answer" in q and not (isinstance(answer, str) and answer.strip()):
            problems.append("expression 문항의 'answer'는 식을 적은 텍스트여야 합니다")
        if "variables" in q:
            problems.extend(_variables_problems(q["variables"]))
    if qtype == "matrix" and "answer" in q:
        if not _is_matrix(answer):
            problems.append("matrix 문항의 'answer'는 숫자로 된, 비어 있지 않은 직사각형 "
                            "중첩 목록이어야 합니다")
    if qtype == "generated":
        gen = q.get("generator")
        if "generator" in q and not (isinstance(gen, str) and gen.startswith(f"{lesson}.")):
            problems.append(f"'generator'는 \"{lesson}.<name>\" 형태의 id여야 합니다")
        if "params" in q and not isinstance(q["params"], dict):
            problems.append("'params'는 테이블이어야 합니다")
    return problems


def _variables_problems(var: Any) -> list[str]:
    """Problems of a ``variables`` list, judged by mathcore's one table of names (which
    standard-library-only loading reaches without numpy or sympy)."""
    if not (isinstance(var, list) and var and all(isinstance(v, str) for v in var)):
        return ["'variables'는 변수 이름들의 비어 있지 않은 목록이어야 합니다"]
    from mathcore.functions import variable_name_problem

    return [f"'variables': {problem}" for v in var if (problem := variable_name_problem(v))]


def _is_matrix(value: Any) -> bool:
    if not (isinstance(value, list) and value):
        return False
    rows = value if isinstance(value[0], list) else [value]
    width = len(rows[0])
    return width > 0 and all(
        isinstance(r, list) and len(r) == width and all(_is_number(v) for v in r) for r in rows)


def _build(q: dict, lesson: str) -> Question:
    """A Question from a validated table, with formulas converted (may raise MathTextError)."""
    from content.mathtext import convert_plain

    wrong = [{"answer": w["answer"], "message": convert_plain(w["message"])}
             for w in q.get("wrong_answers", [])]
    return Question(
        id=q["id"], lesson=lesson, type=q["type"],
        prompt=convert_plain(q.get("prompt", "")),
        explanation=convert_plain(q.get("explanation", "")),
        choices=[convert_plain(c) for c in q.get("choices", [])],
        answer=q.get("answer"),
        hints=[convert_plain(h) for h in q.get("hints", [])],
        wrong_answers=wrong,
        tolerance=float(q.get("tolerance", DEFAULT_TOLERANCE)),
        variables=list(q.get("variables", ["x"])),
        generator=q.get("generator"),
        params=dict(q.get("params", {})),
        kind=q.get("kind"),
        source={"prompt": q.get("prompt", ""), "explanation": q.get("explanation", "")},
    )


def _id_line(text: str, qid: Any, start: int = 0) -> int | None:
    """Line of the first ``id = "<qid>"`` at or after character offset ``start``."""
    if not isinstance(qid, str):
        return None
    pattern = re.compile(r'^\s*id\s*=\s*["\']' + re.escape(qid) + r'["\']', re.M)
    m = pattern.search(text, start)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _table_offsets(text: str) -> list[int]:
    """Character offset of every ``[[question]]`` header."""
    return [m.start() for m in re.finditer(r"^\s*\[\[\s*question\s*\]\]", text, re.M)]


def parse_questions(text: str, lesson: str, path: object,
                    problems: list[ContentError]) -> list[Question]:
    """Parse one quiz file. Problems are appended to ``problems``; good questions returned."""
    import tomllib

    from content.mathtext import MathTextError

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message, line = toml_error(err, text)
        problems.append(ContentError(message, path, line))
        return []
    extra = sorted(set(data) - {"question"})
    if extra:
        problems.append(ContentError(f"알 수 없는 최상위 키가 있습니다: {extra} "
                                     "([[question]] 테이블만 쓸 수 있습니다)", path, 1))
    tables = data.get("question", [])
    if not isinstance(tables, list) or not tables:
        problems.append(ContentError("[[question]] 테이블이 하나도 없습니다", path, 1))
        return []
    starts = _table_offsets(text)
    out: list[Question] = []
    seen: dict[str, int] = {}
    for n, q in enumerate(tables):
        start = starts[n] if n < len(starts) else 0
        line = _id_line(text, q.get("id"), start) or (
            text.count("\n", 0, start) + 1 if n < len(starts) else None)
        qid = q.get("id")
        label = f"문항 {qid}" if isinstance(qid, str) else f"{n + 1}번째 문항"
        if not isinstance(qid, str) or not re.fullmatch(rf"{re.escape(lesson)}-\d{{3}}", qid):
            problems.append(ContentError(
                f"{label}: 'id'는 \"{lesson}-001\" 형태여야 합니다", path, line))
            continue
        if qid in seen:
            problems.append(ContentError(f"중복된 문항 id {qid!r}입니다 (처음 쓰인 곳: "
                                         f"{seen[qid]}행)", path, line))
            continue
        seen[qid] = line or 0
        found = _field_problems(q, lesson)
        if found:
            problems.extend(ContentError(f"{label}: {p}", path, line) for p in found)
            continue
        try:
            out.append(_build(q, lesson))
        except MathTextError as err:
            problems.append(ContentError(f"{label}: {err.message}", path, line))
    return out
