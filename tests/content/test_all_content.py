"""Every real lesson, quiz and glossary entry that exists at test time loads and converts."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import content.check as content_check

import content
from content import check_answer
from content.check import _as_text, _without_wrong
from content.grading import wrong_choice_index

CATALOG = content.load_catalog()
LESSON_IDS = [lesson.id for lesson in CATALOG.lessons]
STATIC = [q for q in CATALOG.all_questions() if q.type != "generated"]
ROOT = Path(__file__).resolve().parents[2]


def _strip_code(markdown: str) -> str:
    """Markdown without fenced code blocks (``math`` blocks kept) and code spans."""
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip().lstrip(">").strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        m = re.match(r"(`{3,}|~{3,})(\w*)", stripped)
        if m and m.group(2) != "math":
            fence = m.group(1)
            continue
        out.append(re.sub(r"(`+).*?\1", "", line))
    return "\n".join(out)


def test_catalog_has_lessons_in_order():
    orders = [lesson.order for lesson in CATALOG.lessons]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert len(CATALOG.lessons) >= 2


def test_content_validates_without_problems_shallow():
    assert [str(p) for p in content_check.validate(CATALOG, deep=False)] == []


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_formula_converts_and_no_dollar_left(lesson_id):
    lesson = CATALOG.lesson(lesson_id)
    body = lesson.body()  # raises ContentError naming file:line on any bad formula
    source_dollars = _strip_code(lesson.source()).count("\\$")
    assert _strip_code(body).count("$") == source_dollars, "unconverted '$' in the body"
    assert "\\(" not in body and "\\frac" not in body and "\\begin" not in body
    for block in re.findall(r"```math\n(.*?)\n```", body, re.S):
        assert "\\" not in block


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_headings_for_palette(lesson_id):
    headings = CATALOG.lesson(lesson_id).headings()
    assert headings, "a lesson needs ## headings"
    for level, text in headings:
        assert 1 <= level <= 6 and text and "$" not in text and "\\" not in text


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_quiz_text_is_converted(lesson_id):
    for q in CATALOG.questions(lesson_id):
        texts = [q.prompt, q.explanation, *q.choices, *q.hints,
                 *(w["message"] for w in q.wrong_answers)]
        for text in texts:
            assert "$" not in text.replace("\\$", ""), (q.id, text)
            assert not re.search(r"\\[A-Za-z]", text), (q.id, text)


@pytest.mark.parametrize("question", STATIC, ids=[q.id for q in STATIC])
def test_static_key_grades_correct_and_wrong_answers_wrong(question):
    verdict = check_answer(question, _as_text(question.answer))
    assert verdict.correct, (question.id, question.answer, verdict)
    for wrong in question.wrong_answers:
        typed = (wrong_choice_index(wrong["answer"], question) if question.type == "choice"
                 else _as_text(wrong["answer"]))
        verdict = check_answer(question, typed)
        assert not verdict.correct and not verdict.retry, (question.id, wrong, verdict)
        assert verdict.message.endswith(wrong["message"])
        assert not check_answer(_without_wrong(question), typed).correct


def test_question_ids_unique_across_quizzes():
    ids = [q.id for q in CATALOG.all_questions()]
    assert len(ids) == len(set(ids))
    for q in CATALOG.all_questions():
        assert CATALOG.question(q.id) is not None


def test_glossary_terms_point_at_lessons():
    for term in CATALOG.glossary:
        assert term.ko and term.en and term.definition
        assert set(term.lessons) <= set(LESSON_IDS)


def test_panel_ids_named_by_lessons_exist():
    from tui.panels import all_panels

    known = set(all_panels())
    assert len(known) >= 27 + 3  # the course, then the advanced track (lesson 11 on)
    missing = {p for lesson in CATALOG.lessons for p in lesson.panels} - known
    assert not missing
    content.load_catalog(known_panels=known)


def test_start_up_imports_stay_light():
    code = ("import sys, content; c = content.load_catalog(); "
            "heavy = [m for m in ('numpy', 'sympy', 'flatlatex', 'content.latex', "
            "'content.grading', 'mathcore.parse') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_check_cli_on_the_real_content_runs():
    out = subprocess.run([sys.executable, "-m", "content.check", "--shallow"], cwd=ROOT,
                         capture_output=True, text=True)
    assert re.search(r"장 \d+개, 문항 \d+개, 용어 \d+개: 문제 \d+건", out.stderr), out.stderr
    assert out.returncode in (0, 1)
