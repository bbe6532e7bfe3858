"""Broken content files: every error names the file and the problem."""

import re
import shutil
import textwrap
from pathlib import Path

import pytest

import content.check as content_check

import content
from content import ContentError, load_catalog
from content.loader import Catalog, scan_lessons

SAMPLE = Path(__file__).parent / "fixtures" / "sample"
HANGUL = re.compile("[\uac00-\ud7a3]")

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


def korean(err: ContentError) -> ContentError:
    """Every problem the error carries is written in Korean."""
    for problem in err.problems:
        assert HANGUL.search(problem.message), problem.message
    return err


def load_error(root, **kwargs) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_catalog(root, **kwargs)
    return korean(info.value)


def quiz_error(root, lesson="sample") -> ContentError:
    catalog = load_catalog(root)
    with pytest.raises(ContentError) as info:
        catalog.questions(lesson, strict=True)
    assert catalog.questions(lesson) is not None  # never raises without strict
    assert catalog.quiz_problems(lesson)  # the same problems, kept for the UI
    return korean(info.value)


# --------------------------------------------------------------------------- lessons

def test_missing_front_matter(tree):
    write(tree, "lessons/02-two.md", "## 제목\n본문\n")
    err = load_error(tree)
    assert "02-two.md:1: front matter가 없습니다: 파일의 첫 줄은 '+++'여야 합니다" in str(err)


def test_unclosed_front_matter(tree):
    write(tree, "lessons/02-two.md", '+++\nid = "two"\norder = 2\n## 본문\n')
    err = load_error(tree)
    assert "02-two.md:1: front matter를 닫는 두 번째 '+++' 줄이 없습니다" in str(err)


def test_malformed_front_matter_toml(tree):
    write(tree, "lessons/02-two.md", '+++\nid = "two\norder = 2\n+++\n본문\n')
    err = load_error(tree)
    # tomllib reports line 1 of the front matter, which is line 2 of the file.
    assert "02-two.md:2: front matter의 TOML 문법 오류입니다" in str(err), str(err)
    assert "문자열이 줄 끝까지 닫히지 않았습니다" in str(err)


def test_missing_key(tree):
    write(tree, "lessons/02-two.md", '+++\nid = "two"\norder = 2\ntitle = "t"\npanels = []\n+++\n')
    err = load_error(tree)
    assert "02-two.md" in str(err) and "front matter에 'summary' 키가 없습니다" in str(err)


@pytest.mark.parametrize("line,expected", [
    ('order = "2"', "'order' 값은 정수(int)여야 합니다 (지금은 문자열(str))"),
    ("order = true", "'order' 값은 정수(int)여야 합니다 (지금은 참/거짓(bool))"),
    ('panels = "vectors.norms"', "'panels' 값은 목록(list)이어야 합니다 (지금은 문자열(str))"),
    ("title = 3", "'title' 값은 문자열(str)이어야 합니다 (지금은 정수(int))"),
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
    assert "02-sample.md:2: 중복된 장 id 'sample'입니다 (01-sample.md에도 있습니다)" in str(err)


def test_duplicate_order(tree):
    write(tree, "lessons/01-other.md", GOOD_FRONT.format(id="other", order=1))
    err = load_error(tree)
    # Files are read in name order, so the second file named is the duplicate.
    assert "01-sample.md:2: 중복된 order 1입니다 (01-other.md에도 있습니다)" in str(err)


def test_file_name_must_match_id_and_order(tree):
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="three", order=2))
    assert ("02-two.md:2: id 'three': 파일 이름과 맞지 않습니다 (파일 이름은 '02-three.md'여야 "
            "합니다)") in str(load_error(tree))
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=3))
    assert "02-two.md:2: order = 3: 파일 이름 앞의 번호 '02'와 맞지 않습니다" in str(load_error(tree))
    (tree / "lessons/02-two.md").unlink()
    write(tree, "lessons/lesson.md", GOOD_FRONT.format(id="lesson", order=4))
    assert "lesson.md: 장 파일 이름은 'NN-<id>.md' 형태여야 합니다" in str(load_error(tree))


def test_unknown_panel_only_checked_when_asked(tree):
    catalog = load_catalog(tree)  # default: panel ids are not checked
    assert catalog.lesson("sample").panels == ("sample.demo",)
    err = load_error(tree, known_panels={"vectors.norms"})
    assert "01-sample.md:2: 알 수 없는 패널 id 'sample.demo'입니다" in str(err)
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
    assert "02-two.md:10: 지원하지 않는 명령 '\\foo'입니다 (수식 $\\foo{x}$)" in str(info.value)
    korean(info.value)
    problems = content_check.validate(catalog, deep=False)
    assert any("02-two.md:10" in str(p) for p in problems)


def test_unclosed_dollar_and_display(tree):
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=2) + "가격 $5\n")
    problems = content_check.validate(load_catalog(tree), deep=False)
    assert any("02-two.md:9: '$'로 연 수식이 닫히지 않았습니다" in str(p) for p in problems)
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=2) + "$$\nx^2\n")
    problems = content_check.validate(load_catalog(tree), deep=False)
    assert any("02-two.md:9: '$$'로 연 별행 수식을 닫는 '$$' 줄이 없습니다" in str(p)
               for p in problems)


def test_missing_lessons_folder(tmp_path):
    err = load_error(tmp_path)
    assert "lessons" in str(err) and "장 폴더(lessons)가 없습니다" in str(err)


# --------------------------------------------------------------------------- quizzes

QUIZ_HEAD = '[[question]]\nid = "sample-001"\n'


def test_unparsable_quiz_toml(tree):
    write(tree, "quizzes/sample.toml", '[[question]]\nid = "sample-001\n')
    err = quiz_error(tree)
    assert "sample.toml:2: TOML 문법 오류입니다" in str(err), str(err)


@pytest.mark.parametrize("body,expected", [
    ('type = "choice"\nprompt = "p"\nexplanation = "e"\nanswer = 0\n',
     "필수 필드가 없습니다: 'choices'"),
    ('type = "numeric"\nprompt = "p"\nanswer = 1\n', "필수 필드가 없습니다: 'explanation'"),
    ('type = "essay"\nprompt = "p"\nexplanation = "e"\n', "알 수 없는 유형(type) 'essay'입니다"),
    ('type = "choice"\nprompt = "p"\nexplanation = "e"\nchoices = ["a", "b"]\nanswer = 2\n',
     "정답 번호 2: 보기 2개의 범위(0~1, 0부터 셈)를 벗어납니다"),
    ('type = "choice"\nprompt = "p"\nexplanation = "e"\nchoices = ["a", "b"]\nanswer = "1"\n',
     "choice 문항의 'answer'는 0부터 세는 보기 번호(정수)여야 합니다"),
    ('type = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\ntolerance = -1\n',
     "'tolerance'는 0 이상의 유한한 숫자여야 합니다"),
    ('type = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\nhint = ["x"]\n',
     "'hint' 필드는 'numeric' 유형에서 쓰지 않습니다"),
    ('type = "matrix"\nprompt = "p"\nexplanation = "e"\nanswer = [[1, 2], [3]]\n',
     "직사각형 중첩 목록이어야 합니다"),
    ('type = "expression"\nprompt = "p"\nexplanation = "e"\nanswer = "x"\nvariables = []\n',
     "'variables'는 변수 이름들의 비어 있지 않은 목록이어야 합니다"),
    ('type = "generated"\ngenerator = "other.thing"\n',
     "'generator'는 \"sample.<name>\" 형태의 id여야 합니다"),
    ('type = "numeric"\nprompt = "$\\\\foo$"\nexplanation = "e"\nanswer = 1\n',
     "지원하지 않는 명령 '\\foo'입니다"),
    ('type = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\n'
     'wrong_answers = [{ answer = "2" }]\n',
     "wrong_answers[1]에는 'answer'와 'message' 두 키만 있어야 합니다"),
])
def test_bad_question_fields(tree, body, expected):
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + body)
    err = quiz_error(tree)
    assert "sample.toml:2" in str(err), str(err)  # the line of the question's id
    assert "문항 sample-001: " in str(err) and expected in str(err), str(err)


def test_duplicate_question_ids(tree):
    one = '[[question]]\nid = "sample-001"\ntype = "numeric"\nprompt = "p"\nexplanation = "e"\nanswer = 1\n'
    write(tree, "quizzes/sample.toml", one + "\n" + one)
    err = quiz_error(tree)
    assert "sample.toml:9: 중복된 문항 id 'sample-001'입니다 (처음 쓰인 곳: 2행)" in str(err)


def test_question_id_format(tree):
    write(tree, "quizzes/sample.toml", '[[question]]\nid = "vectors-001"\ntype = "numeric"\n'
                                        'prompt = "p"\nexplanation = "e"\nanswer = 1\n')
    err = quiz_error(tree)
    assert "sample.toml:2: 문항 vectors-001: 'id'는 \"sample-001\" 형태여야 합니다" in str(err)


def test_unknown_generator_in_deep_validation(tree):
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + 'type = "generated"\ngenerator = "sample.nope"\n')
    problems = content_check.validate(load_catalog(tree), deep=True)
    assert any("sample.toml:2: 문항 sample-001: 등록되지 않은 생성기(generator) 'sample.nope'"
               in str(p) for p in problems), problems


def test_deep_validation_checks_answer_keys(tree):
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + 'type = "numeric"\nprompt = "p"\n'
                                                  'explanation = "e"\nanswer = "sqrt(x"\n')
    problems = content_check.validate(load_catalog(tree), deep=True)
    assert any("sample.toml:2: 문항 sample-001: 정답(answer) 'sqrt(x': 답으로 읽을 수 없습니다"
               in str(p) for p in problems), problems
    write(tree, "quizzes/sample.toml", QUIZ_HEAD + 'type = "numeric"\nprompt = "p"\n'
          'explanation = "e"\nanswer = 2\nwrong_answers = [{ answer = "2", message = "m" }]\n')
    problems = content_check.validate(load_catalog(tree), deep=True)
    assert any("문항 sample-001: wrong_answers[1]의 답(2)이 정답으로 채점됩니다" in str(p)
               for p in problems), problems
    for problem in problems:
        assert HANGUL.search(problem.message), problem.message


def test_quiz_without_lesson(tree):
    write(tree, "quizzes/ghost.toml", "")
    problems = content_check.validate(load_catalog(tree), deep=False)
    assert any("ghost.toml: 이 퀴즈 파일에 맞는 장이 없습니다 (알 수 없는 장 id 'ghost')"
               in str(p) for p in problems), problems


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
    ('[[term]]\nko = "노름"\nen = "norm"\n', "1번째 용어(term): 'definition' 값이 없거나 비어 있습니다"),
    ('[[term]]\nko = "노름"\nen = "norm"\ndefinition = "d"\nlessons = ["nope"]\n',
     "1번째 용어(term) (노름): 알 수 없는 장 id 'nope'입니다"),
    ('[[term]\n', "glossary.toml:1: 용어집(glossary)을 읽을 수 없습니다: TOML 문법 오류입니다 — "
                  "7열: 배열 테이블 선언 끝에 ']]'가 와야 합니다"),
    ('[[term]]\nko = "a"\nen = "a"\ndefinition = "d"\n[[term]]\nko = "a"\nen = "b"\n'
     'definition = "d"\n', "용어집에 같은 용어가 두 번 있습니다: 'a'"),
])
def test_glossary_errors(tree, text, expected):
    write(tree, "glossary.toml", text)
    catalog = load_catalog(tree)
    assert isinstance(catalog.glossary, list)  # never raises: the app keeps running
    problems = catalog.glossary_problems()
    text = "\n".join(str(p) for p in problems)
    assert problems and "glossary.toml" in text and expected in text, text
    for problem in problems:
        korean(problem)


# --------------------------------------------------------------------------- check CLI

def test_check_cli_reports_and_exits_1(tree, capsys):
    from content.check import main

    assert main(["--root", str(tree), "--shallow"]) == 0
    assert "장 1개, 문항 4개, 용어 2개: 문제 0건" in capsys.readouterr().err
    write(tree, "lessons/02-two.md", GOOD_FRONT.format(id="two", order=2) + "$\\nope$\n")
    assert main(["--root", str(tree), "--shallow"]) == 1
    captured = capsys.readouterr()
    assert "02-two.md:9: 지원하지 않는 명령 '\\nope'입니다 (수식 $\\nope$)" in captured.out
    assert "장 2개, 문항 4개, 용어 2개: 문제 1건" in captured.err


def test_check_cli_bad_panels_option_is_a_korean_message(tree, capsys):
    from content.check import main

    assert main(["--root", str(tree), "--shallow", "--panels", "no_such_module:f"]) == 2
    err = capsys.readouterr().err
    assert "--panels 'no_such_module:f': 패널 목록을 읽을 수 없습니다" in err


def test_scan_lessons_does_not_raise(tree):
    write(tree, "lessons/02-two.md", "oops\n")
    _, lessons, problems = scan_lessons(tree)
    assert [lesson.id for lesson in lessons] == ["sample"]
    assert len(problems) == 1
    assert isinstance(Catalog(tree, lessons).lessons[0], content.Lesson)


# --------------------------------------------------------------------------- generators

def _generated(generator_id="sample.gen"):
    return content.Question(id="sample-009", lesson="sample", type="generated", prompt="",
                            generator=generator_id)


def _instantiate_error(question, seed=0) -> ContentError:
    with pytest.raises(ContentError) as info:
        question.instantiate(seed)
    return korean(info.value)


def test_generator_errors_are_korean_and_name_the_generator(monkeypatch):
    from content import generators
    from content.generators import Generated

    err = _instantiate_error(_generated("sample.missing"))
    assert str(err) == "문항 sample-009: 등록되지 않은 생성기(generator) 'sample.missing'입니다"

    def broken(rng, params):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(generators._REGISTRY, "sample.gen", broken)
    err = _instantiate_error(_generated(), seed=7)
    assert str(err).startswith("생성기(generator) 'sample.gen' (문항 sample-009): 시드(seed) 7에서 "
                               "실행이 실패했습니다 (ZeroDivisionError(")

    monkeypatch.setitem(generators._REGISTRY, "sample.gen",
                        lambda rng, params: Generated(type="essay", prompt="p", answer=1,
                                                      explanation="e"))
    err = _instantiate_error(_generated())
    assert "돌려준 값의 유형(type)이 'essay'입니다" in str(err)

    monkeypatch.setitem(generators._REGISTRY, "sample.gen",
                        lambda rng, params: Generated(type="numeric", prompt="$\\foo$",
                                                      answer=1, explanation="e"))
    err = _instantiate_error(_generated(), seed=3)
    assert str(err) == ("생성기(generator) 'sample.gen' (문항 sample-009), 시드(seed) 3: 1행: "
                        "지원하지 않는 명령 '\\foo'입니다 (수식 $\\foo$)")
