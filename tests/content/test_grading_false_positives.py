"""Wrong answers must grade wrong: forms that agree with the key on the old sample grid
(every multiple of 0.05) or inside |x| ≤ 10 only — and the shipped keys still grade right."""
import pytest

import content
from content import Question, check_answer

AUDITED = ["gd_basic-003", "bayes-010", "gd_advanced-009", "intro-009", "deep_learning-006"]


def expression(answer, variables=("x",)):
    return Question(id="t-001", lesson="t", type="expression", prompt="p", explanation="e",
                    answer=answer, variables=list(variables))


@pytest.mark.parametrize("typed", [
    "2x + 2 + sin(20pi x)", "2x + 2 + sin(20 π x)", "2x + 2 - sin(60 pi x)", "2(x + 1) + sin(20pi x)^3",
    "2x + 2 + sin(20pi x) cos(x)", "2x + 2 + tan(20 pi x)", "2x + 2 + max(0, x - 10)", "2x + 2 + max(0, x - 10.5)",
    "max(2x + 2, -100)", "min(2x + 2, 200)", "2x + 2 + abs(x - 12) - abs(12 - x) + max(0, abs(x) - 20)",
    "2x + 2 + 0.01 max(0, x^2 - 120)", "2x+2+sin(20*pi*x)", "2x + 2 + sin(pi x / 0.05)",
])
def test_forms_that_agree_on_the_grid_only_are_wrong(typed):
    verdict = check_answer(expression("2x + 2"), typed)
    assert not verdict.correct and not verdict.retry, typed


@pytest.mark.parametrize("qid", AUDITED)
def test_audited_keys_grade_right_and_their_tricks_grade_wrong(qid):
    q = content.load_catalog().question(qid)
    assert check_answer(q, q.answer).correct
    v = q.variables[0]
    for trick in (f"{q.answer} + sin(20pi {v})", f"({q.answer}) + max(0, {v} - 10.5)",
                  f"({q.answer}) * (1 + sin(40 pi {v})^2)", f"({q.answer}) + 0.001 sin(100 pi {v})"):
        verdict = check_answer(q, trick)
        assert not verdict.correct and not verdict.retry, (qid, trick)
    for wrong in q.wrong_answers:
        assert not check_answer(q, str(wrong["answer"])).correct, (qid, wrong["answer"])


@pytest.mark.parametrize("qid, typed", [
    ("gd_basic-003", "2(x + y) - sin(x + 2y)"), ("gd_basic-003", "2y + 2x - sin(2y + x)"),
    ("bayes-010", "1/(1 + f(1-p)/(s p))"), ("bayes-010", "p s/(p s + f - f p)"),
    ("gd_advanced-009", "w x^2 + b x - x y"), ("gd_advanced-009", "x(w x + b - y)"),
    ("intro-009", "(2w - 3)^2"), ("intro-009", "(3 - 2w)(3 - 2w)"),
    ("deep_learning-006", "1/(1 + exp(-x)) * (1 - 1/(1 + exp(-x)))"), ("deep_learning-006", "exp(x)/(1 + exp(x))^2"),
])
def test_audited_keys_accept_equivalent_forms(qid, typed):
    assert check_answer(content.load_catalog().question(qid), typed).correct, (qid, typed)


def test_every_shipped_expression_key_still_grades_right():
    catalog = content.load_catalog()
    for lesson in catalog.lessons:
        for q in catalog.questions(lesson.id):
            made = q.instantiate(0)
            if made.type == "expression":
                assert check_answer(made, made.answer).correct, q.id
