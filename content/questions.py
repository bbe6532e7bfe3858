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
    err = ContentError(f"{len(problems)} problems", problems=problems)
    raise err


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
        where = f"generator {self.generator!r} (question {self.id})"
        if fn is None:
            raise ContentError(f"unknown generator {self.generator!r} in question {self.id}")
        try:
            made = fn(np.random.default_rng(seed), dict(self.params))
        except Exception as err:  # a broken generator must name itself
            raise ContentError(f"{where} failed with seed {seed}: {err!r}") from err
        return _from_generated(self, made, seed, where)


def _from_generated(template: Question, made: Any, seed: int | None, where: str) -> Question:
    from content.mathtext import MathTextError

    for name in ("type", "prompt", "answer", "explanation"):
        if not hasattr(made, name):
            raise ContentError(f"{where} returned {type(made).__name__} without '{name}'")
    if made.type not in CONCRETE_TYPES:
        raise ContentError(f"{where} returned unknown type {made.type!r}")
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
        raise ContentError(f"{where} with seed {seed}: " + "; ".join(problems))
    try:
        question = _build(raw, template.lesson)
    except MathTextError as err:
        raise ContentError(f"{where} with seed {seed}: {err}") from None
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

_COMMON = {"id", "type", "prompt", "explanation", "hints", "wrong_answers"}
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
_VARIABLE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _field_problems(q: dict, lesson: str) -> list[str]:
    """Every problem with one question table, as short messages."""
    problems: list[str] = []
    qtype = q.get("type")
    if qtype not in QUESTION_TYPES:
        problems.append(f"unknown type {qtype!r} (expected one of {', '.join(QUESTION_TYPES)})")
        return problems
    for key in sorted(set(q) - _FIELDS[qtype]):
        problems.append(f"field '{key}' is not used by type '{qtype}'")
    required = {"type"} | _REQUIRED[qtype]
    if qtype != "generated":
        required |= {"prompt", "explanation"}
    for key in sorted(required - set(q)):
        problems.append(f"missing field '{key}'")
    for key in ("prompt", "explanation"):
        if key in q and not (isinstance(q[key], str) and q[key].strip()):
            problems.append(f"'{key}' must be a non-empty string")
    if "hints" in q and not (isinstance(q["hints"], list)
                             and all(isinstance(h, str) and h.strip() for h in q["hints"])):
        problems.append("'hints' must be a list of non-empty strings")
    if "wrong_answers" in q:
        wrong = q["wrong_answers"]
        if not isinstance(wrong, list):
            problems.append("'wrong_answers' must be a list of {answer, message} tables")
        else:
            for n, w in enumerate(wrong, 1):
                if not isinstance(w, dict) or set(w) != {"answer", "message"}:
                    problems.append(f"wrong_answers[{n}] must have exactly 'answer' and 'message'")
                elif not (isinstance(w["message"], str) and w["message"].strip()):
                    problems.append(f"wrong_answers[{n}].message must be a non-empty string")
                elif not (isinstance(w["answer"], (str, list)) or _is_number(w["answer"])):
                    problems.append(f"wrong_answers[{n}].answer must be text, a number or a list")
    if "tolerance" in q and not (_is_number(q["tolerance"]) and q["tolerance"] >= 0):
        problems.append("'tolerance' must be a number >= 0")
    answer = q.get("answer")
    if qtype == "choice" and "choices" in q:
        choices = q["choices"]
        if not (isinstance(choices, list) and len(choices) >= 2
                and all(isinstance(c, str) and c.strip() for c in choices)):
            problems.append("'choices' must be a list of at least two non-empty strings")
        elif "answer" in q:
            if not isinstance(answer, int) or isinstance(answer, bool):
                problems.append("'answer' of a choice question must be a 0-based index")
            elif not 0 <= answer < len(choices):
                problems.append(f"answer index {answer} is out of range for "
                                f"{len(choices)} choices (0-based)")
    if qtype == "numeric" and "answer" in q:
        if not (_is_number(answer) or (isinstance(answer, str) and answer.strip())):
            problems.append("'answer' of a numeric question must be a number or text like "
                            "\"sqrt(54)\"")
    if qtype == "expression":
        if "answer" in q and not (isinstance(answer, str) and answer.strip()):
            problems.append("'answer' of an expression question must be expression text")
        if "variables" in q:
            var = q["variables"]
            if not (isinstance(var, list) and var
                    and all(isinstance(v, str) and _VARIABLE_RE.match(v) for v in var)):
                problems.append("'variables' must be a non-empty list of names")
    if qtype == "matrix" and "answer" in q:
        if not _is_matrix(answer):
            problems.append("'answer' of a matrix question must be a non-empty rectangular "
                            "nested list of numbers")
    if qtype == "generated":
        gen = q.get("generator")
        if "generator" in q and not (isinstance(gen, str) and gen.startswith(f"{lesson}.")):
            problems.append(f"'generator' must be an id like \"{lesson}.<name>\"")
        if "params" in q and not isinstance(q["params"], dict):
            problems.append("'params' must be a table")
    return problems


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
        source={"prompt": q.get("prompt", ""), "explanation": q.get("explanation", "")},
    )


def _id_line(text: str, qid: Any) -> int | None:
    if not isinstance(qid, str):
        return None
    m = re.search(r'^\s*id\s*=\s*["\']' + re.escape(qid) + r'["\']', text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _table_lines(text: str) -> list[int]:
    return [text.count("\n", 0, m.start()) + 1
            for m in re.finditer(r"^\s*\[\[\s*question\s*\]\]", text, re.M)]


def parse_questions(text: str, lesson: str, path: object,
                    problems: list[ContentError]) -> list[Question]:
    """Parse one quiz file. Problems are appended to ``problems``; good questions returned."""
    import tomllib

    from content.mathtext import MathTextError

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        problems.append(ContentError(f"TOML syntax error: {err}", path,
                                     int(m.group(1)) if m else None))
        return []
    extra = sorted(set(data) - {"question"})
    if extra:
        problems.append(ContentError(f"unknown top-level keys {extra} (expected [[question]])",
                                     path, 1))
    tables = data.get("question", [])
    if not isinstance(tables, list) or not tables:
        problems.append(ContentError("no [[question]] tables", path, 1))
        return []
    starts = _table_lines(text)
    out: list[Question] = []
    seen: dict[str, int] = {}
    for n, q in enumerate(tables):
        line = _id_line(text, q.get("id")) or (starts[n] if n < len(starts) else None)
        qid = q.get("id")
        label = f"question {qid}" if isinstance(qid, str) else f"question #{n + 1}"
        if not isinstance(qid, str) or not re.fullmatch(rf"{re.escape(lesson)}-\d{{3}}", qid):
            problems.append(ContentError(
                f"{label}: 'id' must look like \"{lesson}-001\"", path, line))
            continue
        if qid in seen:
            problems.append(ContentError(f"duplicate question id {qid!r} (first at line "
                                         f"{seen[qid]})", path, line))
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
