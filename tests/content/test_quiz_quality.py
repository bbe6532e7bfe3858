"""Quiz quality of every lesson, 00–14 (issue 11): targeted feedback for at least 85 % of the static
questions, at least two thirds of them asking for a computation or a reason, a why-sentence in
every explanation (static, and generated over seeds), and generated text that writes ≈ only for
inexact values and never a negative zero."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import content.generators as generators
from content import check
from content.questions import Question
from content.quiz_report import (MIN_COVERAGE, MIN_NONRECALL, format_report, has_reason,
                                  kind_of, lesson_report, quiz_report)
from quiz_checks import catalog, quiz_table

# Every lesson of the catalogue, the advanced track included (a new lesson is held to the same bar).
CORE = tuple(lesson.id for lesson in catalog().lessons)
MANY_SEEDS = range(300)


@pytest.fixture(scope="module")
def reports():
    return {r.lesson: r for r in quiz_report(catalog(), seeds=20)}


@pytest.mark.parametrize("lesson", CORE)
def test_feedback_coverage(reports, lesson):
    r = reports[lesson]
    assert r.coverage >= MIN_COVERAGE, (lesson, r.without_feedback)


@pytest.mark.parametrize("lesson", CORE)
def test_two_thirds_need_a_computation_or_a_reason(reports, lesson):
    r = reports[lesson]
    assert r.nonrecall_share >= MIN_NONRECALL, (lesson, r.nonrecall, r.static)


@pytest.mark.parametrize("lesson", CORE)
def test_every_explanation_says_why(reports, lesson):
    r = reports[lesson]
    assert r.without_reason == [] and r.short_explanations == [], (r.without_reason, r.short_explanations)


@pytest.mark.parametrize("lesson", CORE)
def test_choice_questions_are_classified_on_purpose(lesson):
    """A choice question may be recall or reasoning: the quiz file says which."""
    unmarked = [q["id"] for q in quiz_table(lesson) if q["type"] == "choice" and "kind" not in q]
    assert unmarked == []


@pytest.mark.parametrize("lesson", CORE)
def test_a_few_warm_ups_remain(lesson):
    """Recall questions are kept as warm-ups in most lessons, never all of them."""
    kinds = [kind_of(q) for q in catalog().questions(lesson) if q.type != "generated"]
    assert kinds.count("recall") <= len(kinds) // 3


def test_report_flags_a_bad_quiz():
    """The thresholds can fail: a quiz of bare recall questions without feedback."""
    bare = [Question(id=f"x-{i:03d}", lesson="x", type="choice", prompt="?", choices=["a", "b"], answer=0,
                     explanation="a입니다.") for i in range(1, 4)]
    r = lesson_report("x", bare)
    assert r.coverage == 0 and r.nonrecall_share == 0
    assert r.without_reason == ["x-001", "x-002", "x-003"] == r.short_explanations
    assert len(r.problems()) == 2 + 3 + 3
    numeric = Question(id="x-004", lesson="x", type="numeric", prompt="?", answer=1,
                       explanation="평균에서 벗어난 정도를 제곱해 더하므로 음수가 될 수 없고, 그래서 답은 1입니다.",
                       wrong_answers=[{"answer": 2, "message": "틀림"}])
    r = lesson_report("x", [numeric])
    assert (r.coverage, r.nonrecall_share, r.problems()) == (1.0, 1.0, [])


def test_reason_proxy():
    assert has_reason("분모가 0이므로 정의되지 않습니다.")
    assert has_reason("부호가 다른 오차가 지워지기 때문입니다.")
    assert not has_reason("$2 \\cdot 3 + 0.5 = 6.5$입니다.")
    assert not has_reason("")


def test_content_check_prints_the_report(capsys):
    assert check.main(["--seeds", "1"]) == 0
    err = capsys.readouterr().err
    assert "퀴즈 품질" in err
    for lesson in CORE:
        assert re.search(rf"^\s+{lesson}\s+\d+\+\d+\s+\d+%", err, re.M), lesson
    assert format_report([]).startswith("퀴즈 품질")


# ----------------------------------------------------------------------------- generated text

def _registry():
    generators._load_all()
    return dict(generators._REGISTRY)


def _negative_zero(value) -> bool:
    if isinstance(value, float):
        return value == 0 and math.copysign(1.0, value) < 0
    if isinstance(value, (list, tuple)):
        return any(_negative_zero(v) for v in value)
    return False


_TEXT_NEG_ZERO = re.compile(r"(?<![\d.])[-−]0(?:\.0+)?(?![\d.])")
_APPROX = re.compile(r"(?:≈|\\approx)\s*(-?\d+(?:\.\d+)?)(?![\d.])")


@pytest.mark.parametrize("generator_id", sorted(g for g in _registry() if g.split(".")[0] in CORE))
def test_generated_text_has_no_negative_zero_and_no_approx_for_exact_keys(generator_id):
    fn = _registry()[generator_id]
    for seed in MANY_SEEDS:
        made = fn(np.random.default_rng(seed), {})
        assert not _negative_zero(made.answer), (generator_id, seed, made.answer)
        for wrong in made.wrong_answers:
            assert not _negative_zero(wrong["answer"]), (generator_id, seed, wrong)
        for text in (made.prompt, made.explanation, *made.hints, str(made.answer),
                     *(str(w["answer"]) for w in made.wrong_answers)):
            assert not _TEXT_NEG_ZERO.search(text), (generator_id, seed, text)
        if made.type == "numeric" and not isinstance(made.answer, str):
            key = float(made.answer)
            for written in _APPROX.findall(made.explanation):
                exact = float(written) == key
                assert not exact, (generator_id, seed, "≈ before the exact key", written)


def test_lr_limit_writes_equals_for_an_exact_bound():
    fn = _registry()["intro.lr_limit"]
    exact = inexact = 0
    for seed in MANY_SEEDS:
        made = fn(np.random.default_rng(seed), {})
        if abs(round(made.answer, 5) - made.answer) < 1e-12:
            exact += 1
            assert "\\approx" not in made.explanation.split("즉")[-1], (seed, made.explanation)
        else:
            inexact += 1
            assert "\\approx" in made.explanation, (seed, made.explanation)
    assert exact and inexact  # both cases occur over these seeds


def test_clip_global_norm_writes_equals_for_a_whole_norm():
    fn = _registry()["rnn.clip_global_norm"]
    seen = set()
    for seed in MANY_SEEDS:
        made = fn(np.random.default_rng(seed), {})
        match = re.search(r"\\sqrt\{(\d+)\} (=|\\approx) ", made.explanation)
        assert match, made.explanation
        square = int(match.group(1))
        whole = math.isqrt(square) ** 2 == square
        assert (match.group(2) == "=") == whole, (seed, made.explanation)
        seen.add(whole)
    assert seen == {True, False}


_DETACHED = re.compile(r"[$`] (입니다|이므로|이고|이며|이다|에서|에|으로|로|의|를|을|이|가|은|는|와|과|일|인)(?=[\s.,)]|$)")


@pytest.mark.parametrize("generator_id", sorted(g for g in _registry() if g.split(".")[0] in CORE))
def test_generated_text_attaches_particles_and_spells_gradient(generator_id):
    """content/STYLE.md §1 and §3 hold in generated text too: 그래디언트, and no space between a
    formula or code span and its particle."""
    fn = _registry()[generator_id]
    for seed in range(30):
        made = fn(np.random.default_rng(seed), {})
        for text in (made.prompt, made.explanation, *made.hints, *(w["message"] for w in made.wrong_answers)):
            assert "그레디언트" not in text, (generator_id, seed, text)
            assert not _DETACHED.search(text), (generator_id, seed, text)


@pytest.mark.parametrize("lesson", CORE)
def test_every_question_stands_alone(lesson):
    """Review and a retry of the missed questions show a question without the one before it, so no
    prompt, hint or feedback may lean on "the previous question"."""
    leaning = re.compile(r"앞 문제|앞의 문제|이전 문제|위 문제")
    for q in quiz_table(lesson):
        texts = [q.get("prompt", ""), *q.get("hints", []), q.get("explanation", ""),
                 *(w.get("message", "") for w in q.get("wrong_answers", []))]
        assert not any(leaning.search(t) for t in texts), q["id"]
