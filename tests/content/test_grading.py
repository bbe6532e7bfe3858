"""content.check_answer: numbers, expressions (with domain traps), matrices, choices."""

import math

import numpy as np
import pytest

import content
from content import Question, Verdict, check_answer
from content.grading import choice_index
from mathcore.equivalence import equivalent


def numeric(answer, tolerance=1e-6, wrong=()):
    return Question(id="t-001", lesson="t", type="numeric", prompt="p", explanation="e",
                    answer=answer, tolerance=tolerance,
                    wrong_answers=[{"answer": a, "message": m} for a, m in wrong])


def expression(answer, variables=("x",), wrong=()):
    return Question(id="t-002", lesson="t", type="expression", prompt="p", explanation="e",
                    answer=answer, variables=list(variables),
                    wrong_answers=[{"answer": a, "message": m} for a, m in wrong])


def matrix(answer, tolerance=1e-6, wrong=()):
    return Question(id="t-003", lesson="t", type="matrix", prompt="p", explanation="e",
                    answer=answer, tolerance=tolerance,
                    wrong_answers=[{"answer": a, "message": m} for a, m in wrong])


def choice(answer=1, wrong=()):
    return Question(id="t-004", lesson="t", type="choice", prompt="p", explanation="e",
                    choices=["가", "나", "다", "라"], answer=answer,
                    wrong_answers=[{"answer": a, "message": m} for a, m in wrong])


# --------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("typed", ["7.3484692283495345", "sqrt(54)", "3sqrt(6)", "3*sqrt(6)",
                                   "54^(1/2)", " sqrt(54) "])
def test_numeric_equivalent_forms(typed):
    assert check_answer(numeric("sqrt(54)"), typed).correct


@pytest.mark.parametrize("key,typed", [(1 / 3, "1/3"), (math.pi, "pi"), (math.e, "e"),
                                       (0.001, "1e-3"), (-2.5, "-5/2"), (0.5, "0.5")])
def test_numeric_key_as_number(key, typed):
    assert check_answer(numeric(key), typed) == Verdict(True, "정답입니다!", False)


def test_numeric_tolerance_edges():
    q = numeric(2.0, tolerance=0.01)
    assert check_answer(q, "2.0099").correct
    assert check_answer(q, "1.9901").correct
    assert not check_answer(q, "2.0101").correct
    assert not check_answer(q, "1.9899").correct


def test_numeric_relative_tolerance_for_large_keys():
    q = numeric(1e12, tolerance=0)
    assert check_answer(q, "1000000000000.0005").correct  # within 1e-9 relative
    assert not check_answer(q, "1000000002000").correct


def test_numeric_near_miss_explains_tolerance():
    verdict = check_answer(numeric("sqrt(2)"), "1.414")
    assert not verdict.correct and not verdict.retry
    assert "허용 오차" in verdict.message


def test_numeric_targeted_wrong_answer():
    q = numeric("sqrt(54)", wrong=[("13", "L1 노름을 계산했습니다.")])
    verdict = check_answer(q, "13")
    assert verdict == Verdict(False, "틀렸습니다. L1 노름을 계산했습니다.", False)


@pytest.mark.parametrize("typed", ["", "   ", "abc", "sqrt(", "1/0", "[1, 2]", "x", "__import__",
                                   "2**", "sqrt(-1)", "9^9^9^9"])
def test_numeric_unparsable_is_retry(typed):
    verdict = check_answer(numeric(1.0), typed)
    assert verdict.retry and not verdict.correct
    assert verdict.message  # Korean explanation
    assert any("\uac00" <= ch <= "\ud7a3" for ch in verdict.message)


# --------------------------------------------------------------------------- expressions

@pytest.mark.parametrize("key,typed", [
    ("x^2 + 2x + 1", "(x+1)^2"),
    ("x^2 + 2x + 1", "(1 + x)(x + 1)"),
    ("2x", "x + x"),
    ("exp(-x)", "1/exp(x)"),
    ("exp(-x)", "e^(-x)"),
    ("sin(2x)", "2sin(x)cos(x)"),
    ("1/(1+exp(-x))", "exp(x)/(exp(x)+1)"),
    ("sqrt(x)", "x^(1/2)"),
    ("log(x^2)", "log(x^2)"),
    ("abs(x)", "sqrt(x^2)"),
    ("tanh(x)", "(exp(2x)-1)/(exp(2x)+1)"),
    ("cos(x)^2", "1 - sin(x)^2"),
])
def test_expression_equivalent_forms(key, typed):
    assert check_answer(expression(key), typed).correct, (key, typed)


@pytest.mark.parametrize("key,typed", [
    ("x", "sqrt(x^2)"),            # |x| differs for x < 0
    ("2log(x)", "log(x^2)"),       # defined for x < 0 on one side only
    ("x^2 + 2x + 1", "x^2 + 1"),
    ("sin(2x)", "2sin(x)"),
    ("exp(-x)", "-exp(x)"),
    ("x/x", "1 + 0*x + x - x + 1"),
    ("x^2", "x^3"),
    ("1/x", "x"),
])
def test_expression_non_equivalent_forms(key, typed):
    verdict = check_answer(expression(key), typed)
    assert not verdict.correct and not verdict.retry, (key, typed)


def test_expression_domain_trap_x_over_x():
    # Decision: x/x is graded as 1. The two differ only at the isolated point x = 0, where x/x
    # is undefined (a removable singularity), and the grader ignores differences at isolated
    # removable points. (SymPy already cancels x/x while parsing; the unevaluated tree below
    # goes through the sampling itself.)
    assert check_answer(expression("1"), "x/x").correct
    import sympy

    from mathcore.equivalence import sampling_verdict
    from mathcore.parse import parse_expression

    x = next(iter(parse_expression("x").free_symbols))
    x_over_x = sympy.Mul(x, sympy.Pow(x, -1, evaluate=False), evaluate=False)
    assert sampling_verdict(x_over_x, sympy.Integer(1), ("x",)) is True
    assert sampling_verdict(x_over_x, sympy.Integer(2), ("x",)) is False


BAYES_KEY = "s*p/(s*p + f*(1 - p))"


@pytest.mark.parametrize("typed", ["1/(1 + f(1-p)/(s p))", "p*s/(p*s + f*(1-p))",
                                   "1/(1 + (f - f p)/(p s))"])
def test_removable_point_of_one_form_is_not_a_difference(typed):
    # At s·p = 0 the typed form divides by zero while the key is 0; everywhere else the two
    # are equal, so the learner is right (bayes-010).
    q = expression(BAYES_KEY, variables=("p", "s", "f"))
    assert check_answer(q, typed) == Verdict(True, "정답입니다!", False)


def test_bayes_010_accepts_the_rearranged_form():
    q = content.load_catalog().question("bayes-010")
    assert check_answer(q, "1/(1 + f(1-p)/(s p))").correct
    assert not check_answer(q, "1/(1 + f p/(s p))").correct  # f·p instead of f·(1 - p)
    # The rearranged form agrees with Bayes' rule computed directly at the curriculum's numbers.
    p, s, f = 0.1, 0.99, 0.1
    direct = s * p / (s * p + f * (1 - p))
    assert abs(1 / (1 + f * (1 - p) / (s * p)) - direct) < 1e-12
    assert abs(direct - 0.5238) < 1e-4


@pytest.mark.parametrize("key,typed", [
    ("x + 1", "(x^2 - 1)/(x - 1)"),          # undefined only at x = 1
    ("x + 1", "(x^2 + x)/x"),                # undefined only at x = 0
    ("sqrt(x)", "x/sqrt(x)"),                # x = 0 is the only point where they differ
])
def test_isolated_removable_points_accepted(key, typed):
    assert check_answer(expression(key), typed).correct, (key, typed)


def test_removable_line_in_two_variables_accepted():
    # Undefined on the whole line x = y (several sample points lie on it): the re-test points
    # must leave the line, not slide along it.
    q = expression("x + y", variables=("x", "y"))
    assert check_answer(q, "(x^2 - y^2)/(x - y)").correct
    assert not check_answer(q, "(x^2 - y^2)/(x + y)").correct


@pytest.mark.parametrize("key,typed,variables", [
    ("x", "sqrt(x^2)", ("x",)),                    # values differ for every x < 0
    ("2log(x)", "log(x^2)", ("x",)),               # log(x^2) is defined for x < 0 too
    ("log(x^2)", "2log(x)", ("x",)),
    ("sqrt(x)", "sqrt(abs(x))", ("x",)),           # defined on x < 0 on one side only
    ("log(x) + log(y)", "log(x y)", ("x", "y")),   # differ on the quadrant x < 0, y < 0
    ("1/x", "x/x^2 + 1", ("x",)),
])
def test_domain_differences_on_whole_intervals_still_count(key, typed, variables):
    verdict = check_answer(expression(key, variables=variables), typed)
    assert not verdict.correct and not verdict.retry, (key, typed)


def test_expression_multivariate():
    q = expression("2x + 3y", variables=("x", "y"))
    assert check_answer(q, "3y + 2x").correct
    assert check_answer(q, "x + x + y + 2y").correct
    assert not check_answer(q, "2y + 3x").correct


def test_expression_unknown_variable_is_retry():
    verdict = check_answer(expression("2x"), "2y")
    assert verdict.retry and "y" in verdict.message


@pytest.mark.parametrize("typed", ["x^", "((x)", "import os", "x^99999", "2x = 4", "x_1"])
def test_expression_unparsable_is_retry(typed):
    assert check_answer(expression("2x"), typed).retry


def test_expression_targeted_wrong_answer():
    q = expression("2x", wrong=[("x^2", "미분하지 않았습니다."), ("2", "x를 빠뜨렸습니다.")])
    assert check_answer(q, "x*x").message == "틀렸습니다. 미분하지 않았습니다."
    assert check_answer(q, "1+1").message == "틀렸습니다. x를 빠뜨렸습니다."
    assert check_answer(q, "3x").message == "틀렸습니다."


def test_expressions_equivalent_against_finite_differences():
    # An independent check of the derivative key: d/dx sin(x)^2 by central differences.
    from mathcore.parse import parse_expression, symbol

    key = parse_expression("2sin(x)cos(x)")
    assert equivalent(key, parse_expression("sin(2x)"), ("x",))
    for x0 in (-1.3, 0.4, 2.2):
        h = 1e-6
        fd = (math.sin(x0 + h) ** 2 - math.sin(x0 - h) ** 2) / (2 * h)
        assert abs(float(key.subs(symbol("x"), x0)) - fd) < 1e-6


def test_simplify_settles_what_sampling_cannot():
    # Both sides are complex at every real point, so sampling has nothing to compare; SymPy's
    # simplify (in mathcore's bounded worker) decides.
    from mathcore import bounded

    assert bounded.prepare(wait=60)
    assert check_answer(expression("2sqrt(-1-x^2)"), "sqrt(-4-4x^2)").correct
    assert not check_answer(expression("sqrt(-1-x^2)"), "sqrt(-2-x^2)").correct


def test_simplify_time_limit_gives_retry(monkeypatch):
    import content.grading as grading
    from mathcore import bounded

    assert bounded.prepare(wait=60)

    monkeypatch.setattr(grading, "SIMPLIFY_SECONDS", 1e-4)
    verdict = check_answer(expression("3sqrt(-2-x^4)"), "sqrt(-18-9x^4)")
    assert verdict.retry and not verdict.correct
    assert "복잡" in verdict.message


# --------------------------------------------------------------------------- matrices

def test_matrix_forms_accepted():
    q = matrix([[1, 3], [2, 4]])
    for typed in ["[[1,3],[2,4]]", "1 3; 2 4", "1, 3\n2, 4", "[1 3; 2 4]", "[[1, 6/2],[2, sqrt(16)]]"]:
        assert check_answer(q, typed).correct, typed


def test_matrix_wrong_shape_names_shapes():
    q = matrix([[1, 2, 3], [4, 5, 6]])
    verdict = check_answer(q, "[[1,4],[2,5],[3,6]]")
    assert not verdict.correct and not verdict.retry
    assert "3×2" in verdict.message and "2×3" in verdict.message


def test_matrix_cell_tolerance():
    key = np.array([[0.5, -1.25], [2.0, 3.0]])
    q = matrix(key.tolist(), tolerance=1e-3)
    assert check_answer(q, "[[0.5005, -1.2495], [2, 3]]").correct
    verdict = check_answer(q, "[[0.502, -1.25], [2, 3]]")
    assert not verdict.correct and "1행 1열" in verdict.message


def test_matrix_vector_key_accepts_row_or_column():
    q = matrix([1, 7, 2])
    assert check_answer(q, "1, 7, 2").correct
    assert check_answer(q, "1; 7; 2").correct
    assert not check_answer(q, "1, 7").correct


def test_matrix_targeted_wrong_answer():
    q = matrix([[1, 3], [2, 4]], wrong=[([[1, 2], [3, 4]], "전치하지 않은 원래 행렬입니다.")])
    assert check_answer(q, "[[1,2],[3,4]]").message == "틀렸습니다. 전치하지 않은 원래 행렬입니다."


@pytest.mark.parametrize("wrong_answer", ["6, 9, 3", "[6, 9, 3]", "6 9 3", "6; 9; 3",
                                          "[6, 18/2, sqrt(9)]", [6, 9, 3], [[6], [9], [3]]])
def test_vector_wrong_answer_text_or_list_matches_every_typed_form(wrong_answer):
    # Key (2, 3, 1); the listed mistake (6, 9, 3) written as text or as a list in the quiz
    # file must match however the learner types it.
    message = "2를 곱하지 않고 3을 곱했습니다."
    q = matrix([2, 3, 1], wrong=[(wrong_answer, message)])
    for typed in ["6, 9, 3", "[6, 9, 3]", "6 9 3", "6; 9; 3", "[[6], [9], [3]]"]:
        assert check_answer(q, typed) == Verdict(False, f"틀렸습니다. {message}", False), typed
    assert check_answer(q, "2, 3, 1").correct
    assert check_answer(q, "2, 3, 4").message == "틀렸습니다. 3개 원소 중 1개가 다릅니다 (예: 3번째 원소)."


def test_answer_array_reads_text_like_the_learner_input():
    from content.grading import answer_array

    np.testing.assert_array_equal(answer_array("6, 9, 3", 1), np.array([6.0, 9.0, 3.0]))
    np.testing.assert_array_equal(answer_array("6; 9; 3", 1), np.array([6.0, 9.0, 3.0]))
    assert answer_array("6, 9, 3", 2).shape == (1, 3)  # a matrix key keeps the row shape
    assert answer_array([[1, 2], [3, 4]], 1).shape == (2, 2)
    with pytest.raises(ValueError) as info:
        answer_array([[1, 2], [3]], 2)
    assert "행의 길이" in str(info.value)


def test_matrix_wrong_answer_of_another_shape_is_targeted():
    # A transposed result has another shape; its targeted message still reaches the learner.
    q = matrix([[1, 2, 3], [4, 5, 6]], wrong=[("[[1, 4], [2, 5], [3, 6]]", "전치했습니다.")])
    assert check_answer(q, "1 4; 2 5; 3 6").message == "틀렸습니다. 전치했습니다."
    verdict = check_answer(q, "1 2; 3 4; 5 6")
    assert "3×2" in verdict.message and "2×3" in verdict.message


def test_check_flags_unreadable_vector_wrong_answer():
    from content.check import question_problems

    q = matrix([2, 3, 1], wrong=[("6, nine, 3", "m"), ([[1, 2], [3]], "m")])
    problems = question_problems(q)
    assert problems[0].startswith("wrong_answers[1] '6, nine, 3': 답으로 읽을 수 없습니다"), problems
    assert problems[1].startswith("wrong_answers[2] [[1, 2], [3]]: 답으로 읽을 수 없습니다 — "
                                  "행의 길이"), problems
    q = matrix([2, 3, 1], wrong=[("2; 3; 1", "m")])
    assert question_problems(q) == ["wrong_answers[1]의 답(2; 3; 1)이 정답으로 채점됩니다"]


@pytest.mark.parametrize("typed", ["[[1,2],[3]]", "[[1,2],[3,4]", "[[a,b],[c,d]]", ";;"])
def test_matrix_unparsable_is_retry(typed):
    assert check_answer(matrix([[1, 2], [3, 4]]), typed).retry


# --------------------------------------------------------------------------- choices

@pytest.mark.parametrize("typed", ["2", "B", "b", "(b)", "b)", "2번", "②", "나", 1])
def test_choice_forms(typed):
    assert check_answer(choice(1), typed).correct


def test_choice_wrong_and_targeted():
    q = choice(1, wrong=[("0", "가는 반대입니다."), ("D", "라는 관계없습니다.")])
    assert check_answer(q, "1").message == "틀렸습니다. 가는 반대입니다."
    assert check_answer(q, "4").message == "틀렸습니다. 라는 관계없습니다."
    assert check_answer(q, "C") == Verdict(False, "틀렸습니다.", False)


@pytest.mark.parametrize("typed", ["5", "E", "0", "마", 7, -1, ""])
def test_choice_out_of_range_is_retry(typed):
    assert check_answer(choice(1), typed).retry


def test_choice_index_helper():
    assert choice_index("c", 4) == 2
    assert choice_index("10", 4) is None


def test_generated_question_must_be_instantiated():
    q = Question(id="t-009", lesson="t", type="generated", prompt="", generator="t.x")
    verdict = check_answer(q, "1")  # check_answer never raises
    assert verdict.retry and not verdict.correct and "생성형" in verdict.message
