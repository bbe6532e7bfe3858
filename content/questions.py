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

from content.errors import ContentError, raise_all, toml_error  # noqa: F401  (re-exported)
from content.question_fields import CONCRETE_TYPES, QUESTION_KINDS, QUESTION_TYPES, field_problems

__all__ = ["Question", "QUESTION_TYPES", "CONCRETE_TYPES", "QUESTION_KINDS", "ContentError", "parse_questions",
           "raise_all", "toml_error"]


DEFAULT_TOLERANCE = 1e-6
RELATIVE_TOLERANCE = 1e-9


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
    problems = field_problems(raw, template.lesson)
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
        found = field_problems(q, lesson)
        if found:
            problems.extend(ContentError(f"{label}: {p}", path, line) for p in found)
            continue
        try:
            out.append(_build(q, lesson))
        except MathTextError as err:
            problems.append(ContentError(f"{label}: {err.message}", path, line))
    return out
