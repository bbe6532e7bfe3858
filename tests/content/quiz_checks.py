"""Checks shared by the per-lesson quiz tests ``tests/content/test_quiz_<lesson>.py``.

Imported by name (``from quiz_checks import ...``): pytest puts this folder on ``sys.path``.
Everything here is lesson-independent: loading a quiz, the structure every quiz keeps, grading
a key and its wrong answers, running a generator over seeds, reading numbers back out of a
prompt, and SymPy equivalence of two written forms. The independent recomputation of each
lesson's keys (numpy, scipy, finite differences, mathcore) stays in that lesson's test file.

A lesson's test file takes the common contract by subclassing :class:`QuizContract`::

    class TestQuizContract(QuizContract):
        lesson = "vectors"
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from pathlib import Path

import numpy as np
import sympy

import content
from content.generators import Generated, get_generator
from content.grading import check_answer
from content.latex import to_unicode
from mathcore.parse import parse_expression, parse_matrix, parse_number, symbol_in

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(50)
CONCRETE_TYPES = ("choice", "numeric", "expression", "matrix")
NUMBER = r"-?\d+(?:\.\d+)?"
_FORMULA = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
_TUPLE = re.compile(rf"\(\s*({NUMBER}(?:\s*,\s*{NUMBER})+)\s*\)")


# ----------------------------------------------------------------------------- loading

@functools.lru_cache(maxsize=None)
def catalog():
    """The shipped content, loaded once per test session."""
    return content.load_catalog()


@functools.lru_cache(maxsize=None)
def quiz_table(lesson: str) -> list[dict]:
    """The raw ``[[question]]`` tables of ``content/quizzes/<lesson>.toml`` (LaTeX still in ``$``)."""
    text = (ROOT / "content" / "quizzes" / f"{lesson}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["question"]


def table_by_id(lesson: str) -> dict[str, dict]:
    """The raw question tables keyed by question id."""
    return {q["id"]: q for q in quiz_table(lesson)}


def questions_by_id(lesson: str) -> dict:
    """The catalog's parsed :class:`content.Question` objects keyed by question id."""
    return {q.id: q for q in catalog().questions(lesson)}


def static_questions(lesson: str) -> list:
    return [q for q in catalog().questions(lesson) if q.type != "generated"]


def generated_templates(lesson: str) -> list:
    return [q for q in catalog().questions(lesson) if q.type == "generated"]


def template_for(lesson: str, generator_id: str):
    """The quiz's generated question that uses ``generator_id``."""
    return next(q for q in generated_templates(lesson) if q.generator == generator_id)


def instances(lesson: str, generator_id: str, seeds=SEEDS) -> list:
    """The concrete questions of that template for every seed."""
    template = template_for(lesson, generator_id)
    return [template.instantiate(seed) for seed in seeds]


# ----------------------------------------------------------------------------- text

def formulas(text: str) -> list[str]:
    """The ``$...$`` formulas of a quiz text (an escaped ``\\$`` is not a delimiter)."""
    return _FORMULA.findall(text)


def check_formulas(*texts: str) -> None:
    """Every formula converts (``to_unicode`` raises on LaTeX outside the supported subset)."""
    for text in texts:
        for formula in formulas(text):
            to_unicode(formula)


def numbers(text: str) -> np.ndarray:
    """Every number written in ``text``, in order."""
    return np.array([float(v) for v in re.findall(NUMBER, text)])


def tuples(text: str) -> list[np.ndarray]:
    """Every ``(a, b, ...)`` group of two or more numbers written in ``text``, in order."""
    return [numbers(group) for group in _TUPLE.findall(text)]


def found(pattern: str, text: str) -> str:
    """Group 1 of the first match of ``pattern`` (which must match)."""
    match = re.search(pattern, text)
    assert match, (pattern, text)
    return match.group(1)


def number_after(pattern: str, text: str) -> float:
    """The number captured by group 1 of ``pattern``."""
    return float(found(pattern, text))


def vector_after(pattern: str, text: str) -> np.ndarray:
    """The numbers inside the text captured by group 1 of ``pattern``."""
    return numbers(found(pattern, text))


# ----------------------------------------------------------------------------- SymPy

def symbols_in(expr, *names: str):
    """The symbols called ``names`` in a parsed expression (real-valued, as mathcore.parse makes
    them), so trees built here compare with parsed ones; one name gives one symbol."""
    syms = tuple(symbol_in(expr, name) for name in names)
    return syms[0] if len(syms) == 1 else syms


def same_expression(a, b, variables=None) -> bool:
    """The product's engine (:func:`mathcore.equivalence.equivalent`) says ``a`` ≡ ``b``."""
    from mathcore.equivalence import equivalent as product_equivalent

    if variables is None:
        variables = sorted({s.name for s in (a.free_symbols | b.free_symbols)}) or ["x"]
    return product_equivalent(a, b, tuple(variables))


def equivalent(a: str, b: str, variables=("x",)) -> bool:
    """Two written forms, parsed by mathcore.parse with the same variables, are the same."""
    from mathcore.equivalence import equivalent as product_equivalent

    return product_equivalent(a, b, tuple(variables))


# ----------------------------------------------------------------------------- answers as typed

def typed(value) -> str:
    """A key or value as a learner types it: text as is, a number as ``repr(float)``, a vector as
    ``a, b, c``, a matrix as ``[[a, b], [c, d]]``."""
    if isinstance(value, str):
        return value
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return repr(float(arr))
    if arr.ndim == 1:
        return ", ".join(repr(float(v)) for v in arr)
    return "[" + ", ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in arr) + "]"


def _typed_forms(value) -> list:
    """Every way these tests type a value: as :func:`typed`, as Python prints it, and a vector
    also in brackets."""
    if isinstance(value, str):
        return [value]
    forms = [typed(value), str(value)]
    if np.ndim(value) == 1:
        forms.append("[" + typed(value) + "]")
    return list(dict.fromkeys(forms))


def key_value(q):
    """A numeric key as a float, a matrix key as an array."""
    if q.type == "matrix":
        return np.asarray(q.answer, dtype=float)
    return parse_number(q.answer) if isinstance(q.answer, str) else float(q.answer)


def _wrong_value(q, answer):
    if q.type == "matrix":
        return np.asarray(parse_matrix(answer) if isinstance(answer, str) else answer, dtype=float)
    return parse_number(answer) if isinstance(answer, str) else float(answer)


def key_forms(q) -> list:
    """Everything a learner may type for the key (a choice both as 0-based int and typed 1-based)."""
    if q.type == "choice":
        return [q.answer, str(q.answer + 1)]
    return _typed_forms(q.answer)


def wrong_forms(q, answer) -> list:
    """A ``wrong_answers`` entry as typed (a choice's 0-based index also typed 1-based)."""
    if q.type == "choice":
        index = int(answer)
        return [index, str(index + 1)]
    return _typed_forms(answer)


def perturbations(q) -> list:
    """Answers near the key that must be graded wrong."""
    if q.type == "choice":
        return [(q.answer + 1) % len(q.choices)]
    if q.type == "expression":
        return [f"({q.answer}) + 1"]
    key = key_value(q)
    if q.type == "numeric":
        steps = (1.0, 0.5 * max(1.0, abs(key)), max(10 * q.tolerance, 0.05 * abs(key), 0.01))
        return [repr(key + step) for step in steps]
    first = key.copy()
    first.flat[0] += 1.0 + abs(first.flat[0])
    return [typed(key + 1.0), typed(first)]


# ----------------------------------------------------------------------------- grading

def check_key_grades_correct(q) -> None:
    for text in key_forms(q):
        verdict = check_answer(q, text)
        assert verdict.correct, (q.id, text, verdict.message)


def check_wrong_answers(q) -> None:
    """Every wrong answer differs from the key, is graded wrong (not "retry") and gets its own
    feedback message."""
    for wrong in q.wrong_answers:
        answer = wrong["answer"]
        if q.type == "choice":
            assert int(answer) != q.answer, q.id
        elif q.type == "expression":
            assert not equivalent(q.answer, answer, q.variables), (q.id, answer)
        else:
            got, key = _wrong_value(q, answer), key_value(q)
            if np.size(got) == np.size(key):
                got, key = np.ravel(got), np.ravel(key)
                assert np.max(np.abs(got - key)) > q.tolerance, (q.id, answer)
                assert not np.allclose(got, key), (q.id, answer)
        for text in wrong_forms(q, answer):
            verdict = check_answer(q, text)
            assert not verdict.correct and not verdict.retry, (q.id, text, verdict.message)
            assert wrong["message"] in verdict.message, (q.id, text, verdict.message)


def check_perturbed_answers_are_wrong(q) -> None:
    for text in perturbations(q):
        verdict = check_answer(q, text)
        assert not verdict.correct and not verdict.retry, (q.id, text, verdict.message)


def check_grades(q, expected: float, step: float | None = None) -> None:
    """An independently computed value is graded correct, one a step away wrong (by default the
    larger of 10 tolerances, 5 % and 0.01), and the prompt has no LaTeX left."""
    if step is None:
        step = max(10 * q.tolerance, 0.05 * abs(expected), 0.01)
    assert check_answer(q, repr(expected)).correct, (q.id, expected)
    assert not check_answer(q, repr(expected + step)).correct, (q.id, expected + step)
    assert "$" not in q.prompt and "$" not in q.explanation


# ----------------------------------------------------------------------------- keys

def check_references_cover(lesson: str, types, references) -> None:
    """Exactly the questions of ``types`` have an independent reference in ``references``."""
    ids = {q.id for q in catalog().questions(lesson) if q.type in types}
    assert ids == set(references), (sorted(ids ^ set(references)))


def check_key(q, expected, atol: float | None = None) -> None:
    """A numeric or matrix key equals an independently computed value (within ``atol``, by
    default the question's tolerance), and that value, typed, is graded correct."""
    expected = np.asarray(expected, dtype=float)
    atol = q.tolerance if atol is None else atol
    np.testing.assert_allclose(key_value(q), expected, atol=atol, rtol=0, err_msg=q.id)
    assert check_answer(q, typed(expected)).correct, (q.id, typed(expected))


def check_expression_forms(q, forms) -> None:
    """Other written forms of an expression key are the same expression and graded correct."""
    for other in forms:
        assert equivalent(q.answer, other, q.variables), (q.id, other)
        assert check_answer(q, other).correct, (q.id, other)


# ----------------------------------------------------------------------------- generators

def make(generator_id: str, seed: int, params: dict | None = None) -> Generated:
    """Run a generator directly with ``default_rng(seed)``; check what every generator owes:
    a concrete type, text in every field with convertible formulas, the same output again for
    the same seed."""
    fn = get_generator(generator_id)
    assert fn is not None, generator_id
    made = fn(np.random.default_rng(seed), dict(params or {}))
    again = fn(np.random.default_rng(seed), dict(params or {}))
    assert isinstance(made, Generated)
    assert made.type in CONCRETE_TYPES
    assert repr(made) == repr(again), (generator_id, seed)
    assert made.prompt.strip() and made.explanation.strip() and made.hints
    for text in (made.prompt, made.explanation, *made.hints):
        assert text.count("$") % 2 == 0, text
    check_formulas(made.prompt, made.explanation, *made.hints)
    return made


def check_generated_question(template, seeds=SEEDS) -> None:
    """A quiz's generated question over seeds: the same seed gives the same question; its key
    grades correct, answers near the key grade wrong, its wrong answers get their feedback;
    different seeds give different prompts."""
    prompts = []
    for seed in seeds:
        q = template.instantiate(seed)
        assert q == template.instantiate(seed), (template.id, seed)
        assert q.prompt.strip() and q.explanation.strip() and q.hints, (template.id, seed)
        assert "$" not in q.prompt and "$" not in q.explanation, (template.id, seed)
        check_key_grades_correct(q)
        check_perturbed_answers_are_wrong(q)
        check_wrong_answers(q)
        prompts.append(q.prompt)
    assert len(set(prompts[:10])) > 5, template.id


# ----------------------------------------------------------------------------- the contract

def check_lesson_page(lesson: str, order: int, panels, needles=()) -> None:
    """The lesson's front matter (order, panels), no LaTeX left in its body, the given passages
    and a practice marker for each panel in it."""
    page = catalog().lesson(lesson)
    assert page.order == order
    assert list(page.panels) == list(panels)
    body = page.body().replace("\u00a0", " ")  # inline formulas are glued with no-break spaces
    assert "$" not in body.replace("\\$", "")
    for needle in (*needles, *(f"[실습: {panel}]" for panel in panels)):
        assert needle in body, needle


def check_quiz_shape(lesson: str) -> None:
    """At least ten questions numbered ``<lesson>-001`` on, three concrete types, two generated
    questions, three questions with targeted wrong answers."""
    table = quiz_table(lesson)
    assert len(table) >= 10
    assert [q["id"] for q in table] == [f"{lesson}-{i:03d}" for i in range(1, len(table) + 1)]
    assert len({q["type"] for q in table} - {"generated"}) >= 3
    assert sum(q["type"] == "generated" for q in table) >= 2
    assert sum(bool(q.get("wrong_answers")) for q in table) >= 3


def check_question_fields(entry: dict, generated_text: bool = True) -> None:
    """One raw question table: a prompt and an explanation (for a generated question only if
    ``generated_text``: its generator writes them), a registered generator, hints for numeric and
    expression questions, a valid choice index, formulas inside the supported subset."""
    if entry["type"] != "generated" or generated_text:
        assert entry["prompt"].strip() and entry["explanation"].strip()
    if entry["type"] == "generated":
        assert get_generator(entry["generator"]) is not None
    if entry["type"] in ("numeric", "expression"):
        assert entry.get("hints"), "numeric and expression questions need hints"
    if entry["type"] == "choice":
        assert 0 <= entry["answer"] < len(entry["choices"])
    check_formulas(entry.get("prompt", ""), entry.get("explanation", ""), *entry.get("hints", []),
                   *entry.get("choices", []), *(w["message"] for w in entry.get("wrong_answers", [])))


class QuizContract:
    """The tests every lesson's quiz passes; subclass it as ``Test...`` with ``lesson`` set.

    ``seeds``: the seeds each generated question is checked over; ``generated_text``: whether
    the quiz file writes a prompt and an explanation for its generated questions too.
    """

    lesson = ""
    seeds = SEEDS
    generated_text = True

    def pytest_generate_tests(self, metafunc):
        if "entry" in metafunc.fixturenames:
            table = quiz_table(self.lesson)
            metafunc.parametrize("entry", table, ids=[q["id"] for q in table])
        if "question" in metafunc.fixturenames:
            static = static_questions(self.lesson)
            metafunc.parametrize("question", static, ids=[q.id for q in static])
        if "template" in metafunc.fixturenames:
            templates = generated_templates(self.lesson)
            metafunc.parametrize("template", templates, ids=[q.id for q in templates])
        if "key_id" in metafunc.fixturenames:
            metafunc.parametrize("key_id", sorted(getattr(self, "keys", {})))
        if "form_id" in metafunc.fixturenames:
            metafunc.parametrize("form_id", sorted(getattr(self, "expression_forms", {})))

    def test_quiz_shape(self):
        check_quiz_shape(self.lesson)

    def test_question_fields(self, entry):
        check_question_fields(entry, self.generated_text)

    def test_catalog_loads_the_quiz(self):
        questions = catalog().questions(self.lesson)  # raises on any problem in the file
        assert [q.id for q in questions] == [q["id"] for q in quiz_table(self.lesson)]
        for q in questions:
            assert "$" not in q.prompt and "$" not in q.explanation, q.id

    def test_static_key_grades_correct_and_wrong_answers_get_feedback(self, question):
        check_key_grades_correct(question)
        check_perturbed_answers_are_wrong(question)
        check_wrong_answers(question)

    def test_generated_question_over_seeds(self, template):
        check_generated_question(template, self.seeds)


class QuizWithReferences(QuizContract):
    """:class:`QuizContract` plus every numeric, matrix and expression key checked against the
    lesson's independent references.

    ``keys``: question id -> the key computed independently (or a callable computing it), for
    exactly the numeric and matrix questions; ``key_atol``: the largest difference allowed (each
    question's own tolerance if that is smaller); ``expression_forms``: question id -> other
    written forms of the key, for exactly the expression questions.
    """

    keys: dict = {}
    key_atol = math.inf
    expression_forms: dict = {}

    def test_every_key_has_a_reference(self):
        check_references_cover(self.lesson, ("numeric", "matrix"), self.keys)
        check_references_cover(self.lesson, ("expression",), self.expression_forms)

    def test_key_matches_reference(self, key_id):
        q = questions_by_id(self.lesson)[key_id]
        reference = self.keys[key_id]
        check_key(q, reference() if callable(reference) else reference, min(q.tolerance, self.key_atol))

    def test_expression_key_equivalent_to_another_form(self, form_id):
        check_expression_forms(questions_by_id(self.lesson)[form_id], self.expression_forms[form_id])
