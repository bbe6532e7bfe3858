"""Every registered generator, over 200 seeds: its own key grades correct, a perturbed answer
grades wrong, the same seed gives the same question, and its text is fully converted.

Runs in-process (no worker thread) to stay fast.
"""

import math
import re

import pytest

import content
from content import Question, check_answer
from content.check import _as_text
from content.generators import all_generators

SEEDS = range(200)
CATALOG = content.load_catalog()
GENERATED = [q for q in CATALOG.all_questions() if q.type == "generated"]
REGISTRY = all_generators()


def _cases():
    """(generator id, params) for every quiz use of a generator, plus unused generators."""
    cases = {}
    for q in GENERATED:
        cases.setdefault((q.generator, repr(sorted(q.params.items()))), (q.generator, q.params))
    used = {gen for gen, _ in cases.values()}
    for gen in sorted(REGISTRY):
        if gen not in used:
            cases[(gen, "{}")] = (gen, {})
    return sorted(cases.values(), key=lambda c: (c[0], repr(c[1])))


CASES = _cases()


@pytest.mark.parametrize("question", GENERATED, ids=[q.id for q in GENERATED])
def test_generated_questions_name_registered_generators(question):
    assert question.generator in REGISTRY, f"{question.id}: unknown generator {question.generator!r}"


def _perturbed(q: Question):
    """A typed answer that must be graded wrong."""
    if q.type == "choice":
        return (q.answer + 1) % len(q.choices)
    if q.type == "numeric":
        from mathcore.parse import parse_number

        key = parse_number(q.answer) if isinstance(q.answer, str) else float(q.answer)
        return repr(key + max(1.0, 0.5 * abs(key), 10 * q.tolerance))
    if q.type == "expression":
        return f"({q.answer}) + 1"
    if q.type == "matrix":
        rows = [list(r) for r in q.answer] if isinstance(q.answer[0], list) else [list(q.answer)]
        first = rows[0][0]
        rows[0][0] = first + max(1.0, 0.5 * abs(first), 10 * q.tolerance)
        return _as_text(rows if isinstance(q.answer[0], list) else rows[0])
    raise AssertionError(q.type)


@pytest.mark.parametrize("gen_id,params", CASES, ids=[f"{g}{p or ''}" for g, p in CASES])
def test_generator_over_200_seeds(gen_id, params):
    template = Question(id=f"{gen_id.split('.')[0]}-900", lesson=gen_id.split(".")[0],
                        type="generated", prompt="", generator=gen_id, params=dict(params))
    for seed in SEEDS:
        q = template.instantiate(seed)
        assert q.type in ("choice", "numeric", "expression", "matrix")
        assert q.seed == seed
        for text in (q.prompt, q.explanation, *q.choices, *q.hints):
            assert text.strip()
            assert "$" not in text and not re.search(r"\\[A-Za-z]", text), (seed, text)
        if q.type == "numeric" and not isinstance(q.answer, str):
            assert math.isfinite(float(q.answer)), (seed, q.answer)
        key = _as_text(q.answer)
        verdict = check_answer(q, key)
        assert verdict.correct, (gen_id, seed, key, verdict)
        wrong = _perturbed(q)
        verdict = check_answer(q, wrong)
        assert not verdict.correct and not verdict.retry, (gen_id, seed, wrong, verdict)
        if seed < 5:
            again = template.instantiate(seed)
            assert (again.prompt, again.answer) == (q.prompt, q.answer), "not deterministic"
