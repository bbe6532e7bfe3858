"""Broken content files: every error names the file and the problem."""

import shutil
import textwrap
from pathlib import Path

import pytest

import content
from content import ContentError, load_catalog
from content.loader import Catalog, scan_lessons

SAMPLE = Path(__file__).parent / "fixtures" / "sample"

GOOD_FRONT = """+++
id = "{id}"
order = {order}
title = "제목"
summary = "요약"
panels = []
+++
본문 $x^2$
"""


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(SAMPLE, root)
    return root


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(root, **kwargs) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_catalog(root, **kwargs)
    return info.value


def quiz_error(root, lesson="sample") -> ContentError:
    catalog = load_catalog(root)
    with pytest.raises(ContentError) as info:
        catalog.questions(lesson)
    return info.value


# --------------------------------------------------------------------------- lessons

def test_missing_front_matter(tree):
    write(tree, "lessons/02-two.md", "## 제목\n본문\n")
    err = load_error(tree)
    assert "02-two.md" in str(err) and "missing front matter" in str(err)


def test_unclosed_front_matter(tree):
    write(tree, "lessons/02-two.md", '+++\nid = "two"\norder = 2\n## 본문\n')
    assert "not closed" in str(load_error(tree))


def test_malformed_front_matter_toml(tree):
    write(tree, "lessons/02-two.md", '+++\nid = "two\norder = 2\n+++\n본문\n')
    err = load_error(tree)
    assert "02-two.md:" in str(err) and "malformed front matter" in str(err)


def test_missing_key(tree):
    write(tree, "lessons/02-two.md", '+++\nid = "two"\norder = 2\ntitle = "t"\npanels = []\n+++\n')
    err = load_error(tree)
    assert "02-two.md" in str(err) and "missing 'summary'" in str(err)


@pytest.mark.parametrize("line,expected", [
    ('order = "2"', "'order' must be int"),
    ("order = true", "'order' must be int"),
    ('panels = "vectors.norms"', "'panels' must be list"),
    ("title = 3", "'title' must be str"),
])
def test_wrong_types(tree, line, expected):
    text = GOOD_FRONT.format(id="two", order=2)
    key = line.split(" = ")[0]
    text = "\n".join(line if row.startswith(key + " =") else row for row in text.split("\n"))
    write(tree, "lessons/02-two.md", text)
    err = load_error(tree)
    assert "02-two.md" in str(err) and expected in str(err)


def test_duplicate_lesson_id(tree):
    write(tree, "lessons/02-sample.md", GOOD_FRONT.format(id="sample", order=2))
    err = load_error(tree)
    assert "duplicate lesson id 'sample'" in str(err) and "02-sample.md" in str(err)
    assert "01-sample.md" in str(err)


def test_duplicate_order(tree):
    write(tree, "lessons/01-other.md", GOOD_FRONT.format(id="other", order=1))
    err = load_error(tree)
    assert "duplicate order 1" in str(err)


def test_file_name_must_match_id_and_order(tree):
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="three", order=2))
    assert "does not match the file name" in str(load_error(tree))
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=3))
    assert "order 3 does not match" in str(load_error(tree))
    (tree / "lessons/02-two.md").unlink()
    write(tree, "lessons/lesson.md", GOOD_FRONT.format(id="lesson", order=4))
    assert "lesson.md" in str(load_error(tree))


def test_unknown_panel_only_checked_when_asked(tree):
    catalog = load_catalog(tree)  # default: panel ids are not checked
    assert catalog.lesson("sample").panels == ("sample.demo",)
    err = load_error(tree, known_panels={"vectors.norms"})
    assert "01-sample.md" in str(err) and "unknown panel id 'sample.demo'" in str(err)
    assert load_catalog(tree, known_panels={"sample.demo"}).lessons


def test_several_problems_reported_together(tree):
    write(tree, "lessons/02-two.md", "no front matter\n")
    write(tree, "lessons/03-three.md", '+++\nid = "three"\n+++\n')
    err = load_error(tree)
    assert len(err.problems) >= 2
    assert "02-two.md" in str(err) and "03-three.md" in str(err)


def test_bad_formula_in_body_names_file_and_line(tree):
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=2) + "\n둘째 $\\foo{x}$\n")
    catalog = load_catalog(tree)  # front matter is fine
    with pytest.raises(ContentError) as info:
        catalog.lesson("two").body()
    assert "02-two.md:10" in str(info.value) and "\\foo" in str(info.value)
    problems = catalog.validate(deep=False)
    assert any("02-two.md:10" in str(p) for p in problems)


def test_unclosed_dollar_and_display(tree):
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=2) + "가격 $5\n")
    problems = load_catalog(tree).validate(deep=False)
    assert any("unclosed '$'" in str(p) and "02-two.md:9" in str(p) for p in problems)
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=2) + "$$\nx^2\n")
    problems = load_catalog(tree).validate(deep=False)
    assert any("never closed" in str(p) for p in problems)


def test_missing_lessons_folder(tmp_path):
    assert "no lessons folder" in str(load_error(tmp_path))


# --------------------------------------------------------------------------- quizzes

QUIZ_HEAD = '[[question]]\nid = "sample-001"\n'


def test_unparsable_quiz_toml(tree):
    write(tree, "quizzes/sample.toml", '[[question]]\nid = "sample-001\n')
    err = quiz_error(tree)
    assert "sample.toml" in str(err) and "TOML syntax error" in str(err)


@pytest.mark.parametrize("body,expected", [
    ('type = "choice"\nprompt = "p"\nexplanation = "e"\nanswer = 0\n', "missing field 'choices'"),
    ('type = "numeric"\nprompt = "p"\nanswer = 1\n', "missing field 'explanation'"),
    ('type = "essay"\nprompt = "p"\nexplanation = "e"\n', "unknown type 'essay'"),
    ('type = "choice"\nprompt = "p"\nexplanation = "e"\nchoices = ["a", "b"]\nanswer = 2\n',
     "answer index 2 is out of range for 2 choices"),
    ('type = "choice"\nprompt = "p"\nexplanation = "e"\nchoices = ["a", "b"]\nanswer = "1"\n',
     "must be a 0-based index"),
    ('type = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\ntolerance = -1\n',
     "'tolerance' must be a number >= 0"),
    ('type = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\nhint = ["x"]\n',
     "field 'hint' is not used by type 'numeric'"),
    ('type = "matrix"\nprompt = "p"\nexplanation = "e"\nanswer = [[1, 2], [3]]\n',
     "rectangular"),
    ('type = "expression"\nprompt = "p"\nexplanation = "e"\nanswer = "x"\nvariables = []\n',
     "'variables' must be a non-empty list"),
    ('type = "generated"\ngenerator = "other.thing"\n', "like \"sample.<name>\""),
    ('type = "numeric"\nprompt = "$\\\\foo$"\nexplanation = "e"\nanswer = 1\n', "\\foo"),
    ('type = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\n'
     'wrong_answers = [{ answer = "2" }]\n', "must have exactly 'answer' and 'message'"),
])
def test_bad_question_fields(tree, body, expected):
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + body)
    err = quiz_error(tree)
    assert "sample.toml:2" in str(err), str(err)  # the line of the question's id
    assert "sample-001" in str(err) and expected in str(err), str(err)


def test_duplicate_question_ids(tree):
    one = '[[question]]\nid = "sample-001"\ntype = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\n'
    write(tree, "quizzes/sample.toml", one + "\n" + one)
    err = quiz_error(tree)
    assert "duplicate question id 'sample-001'" in str(err)


def test_question_id_format(tree):
    write(tree, "quizzes/sample.toml", '[[question]]\nid = "vectors-001"\ntype = "numeric"\n'
                                        'prompt = "p"\nexplanation = "e"\nanswer = 1\n')
    assert "must look like \"sample-001\"" in str(quiz_error(tree))


def test_unknown_generator_in_deep_validation(tree):
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + 'type = "generated"\ngenerator = "sample.nope"\n')
    problems = load_catalog(tree).validate(deep=True)
    assert any("sample.toml:2" in str(p) and "unknown generator 'sample.nope'" in str(p)
               for p in problems)


def test_deep_validation_checks_answer_keys(tree):
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + 'type = "numeric"\nprompt = "p"\n'
                                                  'explanation = "e"\nanswer = "sqrt(x"\n')
    problems = load_catalog(tree).validate(deep=True)
    assert any("answer key" in str(p) and "does not parse" in str(p) for p in problems)
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + 'type = "numeric"\nprompt = "p"\n'
          'explanation = "e"\nanswer = 2\nwrong_answers = [{ answer = "2", message = "m" }]\n')
    problems = load_catalog(tree).validate(deep=True)
    assert any("grades as correct" in str(p) for p in problems)


def test_quiz_without_lesson(tree):
    write(tree, "quizzes/ghost.toml", "")
    problems = load_catalog(tree).validate(deep=False)
    assert any("ghost.toml" in str(p) and "unknown lesson 'ghost'" in str(p) for p in problems)


def test_lesson_without_quiz_has_no_questions(tree):
    (tree / "quizzes" / "sample.toml").unlink()
    assert load_catalog(tree).questions("sample") == []
    with pytest.raises(KeyError):
        load_catalog(tree).questions("nope")


# --------------------------------------------------------------------------- glossary

def test_glossary_missing_file_is_empty(tree):
    (tree / "glossary.toml").unlink()
    assert load_catalog(tree).glossary == []


@pytest.mark.parametrize("text,expected", [
    ('[[term]]\nko = "노름"\nen = "norm"\n', "missing or empty 'definition'"),
    ('[[term]]\nko = "노름"\nen = "norm"\ndefinition = "d"\nlessons = ["nope"]\n',
     "unknown lesson id 'nope'"),
    ('[[term]\n', "cannot parse glossary"),
    ('[[term]]\nko = "a"\nen = "a"\ndefinition = "d"\n[[term]]\nko = "a"\nen = "b"\n'
     'definition = "d"\n', "duplicate glossary term 'a'"),
])
def test_glossary_errors(tree, text, expected):
    write(tree, "glossary.toml", text)
    catalog = load_catalog(tree)
    with pytest.raises(ContentError) as info:
        catalog.glossary
    assert "glossary.toml" in str(info.value) and expected in str(info.value)


# --------------------------------------------------------------------------- check CLI

def test_check_cli_reports_and_exits_1(tree, capsys):
    from content.check import main

    assert main(["--root", str(tree), "--shallow"]) == 0
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=2) + "$\\nope$\n")
    assert main(["--root", str(tree), "--shallow"]) == 1
    out = capsys.readouterr().out
    assert "02-two.md:9" in out and "\\nope" in out


def test_scan_lessons_does_not_raise(tree):
    write(tree, "lessons/02-two.md", "oops\n")
    _, lessons, problems = scan_lessons(tree)
    assert [lesson.id for lesson in lessons] == ["sample"]
    assert len(problems) == 1
    assert isinstance(Catalog(tree, lessons).lessons[0], content.Lesson)
