"""Hostile content files: deeply nested LaTeX, broken quiz files, lesson paths that are not
files, infinite tolerances, NUL bytes. Each is reported in Korean with its file; nothing raises
past the loader where the app would crash."""

import os
import re
import shutil
import time
from pathlib import Path

import pytest

import content.check as content_check
from content import ContentError, load_catalog
from content.loader import scan_lessons

SAMPLE = Path(__file__).parent / "fixtures" / "sample"
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(SAMPLE, root)
    return root


def lesson_file(root) -> Path:
    return root / "lessons" / "01-sample.md"


def quiz_file(root) -> Path:
    return root / "quizzes" / "sample.toml"


def check_output(root, capsys, *extra) -> tuple[int, str]:
    status = content_check.main(["--root", str(root), *extra])
    out = capsys.readouterr()
    return status, out.out + out.err


@pytest.mark.parametrize("formula", ["{" * 3000 + "x" + "}" * 3000, "\\frac{1}{" * 600 + "x" + "}" * 600,
                                     "\\left(" * 300 + "x" + "\\right)" * 300, "\\sqrt{" * 500 + "2" + "}" * 500,
                                     "x^{" * 400 + "2" + "}" * 400])
@pytest.mark.parametrize("display", [False, True])
def test_deeply_nested_latex_is_a_korean_problem(tree, capsys, formula, display):
    body = f"\n\n$${formula}$$\n" if display else f"\n\n본문 ${formula}$ 끝\n"
    with lesson_file(tree).open("a", encoding="utf-8") as fh:
        fh.write(body)
    catalog = load_catalog(tree)
    start = time.perf_counter()
    with pytest.raises(ContentError) as info:
        catalog.lessons[0].body()  # the app shows this message instead of the lesson
    assert time.perf_counter() - start < 2.0
    assert HANGUL.search(info.value.message) and "01-sample.md" in str(info.value)
    status, out = check_output(tree, capsys, "--shallow")
    assert status == 1 and "중첩" in out and "RecursionError" not in out and "Traceback" not in out


def test_quiz_with_a_toml_error_is_skipped_and_reported(tree):
    quiz_file(tree).write_text('[[question]]\nid = "sample-001\n', encoding="utf-8")
    catalog = load_catalog(tree)
    assert catalog.questions("sample") == []  # no exception: the app says there is no quiz
    problems = catalog.quiz_problems("sample")
    assert problems and "TOML" in problems[0].message and HANGUL.search(problems[0].message)
    assert "불러오지 못했습니다" in catalog.quiz_notice("sample")
    assert catalog.question("sample-001") is None and catalog.all_questions() == []
    with pytest.raises(ContentError):
        catalog.questions("sample", strict=True)


def test_a_broken_question_is_skipped_the_others_stay(tree):
    text = quiz_file(tree).read_text(encoding="utf-8")
    text = text.replace('answer = "sqrt(25)"\ntolerance = 1e-6', 'answer = "sqrt(25)"\ntolerance = inf', 1)
    quiz_file(tree).write_text(text, encoding="utf-8")
    catalog = load_catalog(tree)
    ids = [q.id for q in catalog.questions("sample")]
    assert "sample-002" not in ids and "sample-001" in ids and "sample-003" in ids
    assert any("tolerance" in p.message and "유한" in p.message for p in catalog.quiz_problems("sample"))
    assert "일부 문항을 건너뛰었습니다" in catalog.quiz_notice("sample")
    assert catalog.quiz_notice("sample").count("\n") == 0


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "+inf"])
def test_infinite_tolerances_and_keys_are_reported(tree, capsys, value):
    text = quiz_file(tree).read_text(encoding="utf-8")
    quiz_file(tree).write_text(text.replace("tolerance = 1e-6", f"tolerance = {value}", 1), encoding="utf-8")
    status, out = check_output(tree, capsys, "--shallow")
    assert status == 1 and "tolerance" in out and "유한" in out


def test_nul_bytes_are_reported(tree, capsys):
    text = quiz_file(tree).read_text(encoding="utf-8")
    quiz_file(tree).write_text(text.replace('"아래 첨자 2는 L2 노름입니다."', '"아래 첨자\\u0000"', 1), encoding="utf-8")
    catalog = load_catalog(tree)
    assert any("NUL" in p.message for p in catalog.quiz_problems("sample"))
    status, out = check_output(tree, capsys, "--shallow")
    assert status == 1 and "NUL" in out


def test_nul_byte_in_a_lesson_body_is_reported(tree, capsys):
    with lesson_file(tree).open("a", encoding="utf-8") as fh:
        fh.write("\n본문\x00끝\n")
    catalog = load_catalog(tree)
    with pytest.raises(ContentError, match="NUL"):
        catalog.lessons[0].body()
    status, out = check_output(tree, capsys, "--shallow")
    assert status == 1 and "NUL" in out


def test_nul_byte_in_front_matter_is_reported(tree):
    text = lesson_file(tree).read_text(encoding="utf-8")
    lesson_file(tree).write_text(text.replace('title = "', 'title = "\x00', 1), encoding="utf-8")
    _, lessons, problems = scan_lessons(tree)
    assert not lessons and problems and ("NUL" in problems[0].message or "TOML" in problems[0].message)


@pytest.mark.parametrize("kind", ["directory", "dangling symlink", "symlink to a directory"])
def test_lesson_path_that_is_not_a_file(tree, capsys, kind):
    path = tree / "lessons" / "02-other.md"
    if kind == "directory":
        path.mkdir()
    elif kind == "dangling symlink":
        os.symlink(tree / "nowhere.md", path)
    else:
        os.symlink(tree / "quizzes", path)
    _, lessons, problems = scan_lessons(tree)
    assert [lesson.id for lesson in lessons] == ["sample"]
    assert len(problems) == 1 and "02-other.md" in str(problems[0]) and HANGUL.search(problems[0].message)
    with pytest.raises(ContentError) as info:
        load_catalog(tree)
    assert "02-other.md" in str(info.value)
    status, out = check_output(tree, capsys, "--shallow")
    assert status == 1 and "Traceback" not in out and "02-other.md" in out


@pytest.mark.parametrize("kind", ["directory", "dangling symlink"])
def test_quiz_path_that_is_not_a_file(tree, kind):
    quiz_file(tree).unlink()
    if kind == "directory":
        quiz_file(tree).mkdir()
    else:
        os.symlink(tree / "nowhere.toml", quiz_file(tree))
    catalog = load_catalog(tree)
    assert catalog.questions("sample") == []
    assert catalog.quiz_problems("sample") and HANGUL.search(catalog.quiz_problems("sample")[0].message)


def test_lesson_file_removed_after_loading_is_a_korean_error(tree):
    catalog = load_catalog(tree)
    lesson_file(tree).unlink()
    with pytest.raises(ContentError) as info:
        catalog.lessons[0].body()
    assert HANGUL.search(info.value.message)


def test_quiz_without_problems_has_no_notice(tree):
    catalog = load_catalog(tree)
    assert catalog.quiz_problems("sample") == [] and catalog.quiz_notice("sample") is None


@pytest.mark.parametrize("kind", ["toml error", "not utf-8", "one bad term"])
def test_broken_glossary_never_raises(tree, kind):
    path = tree / "glossary.toml"
    if kind == "toml error":
        path.write_text("[[term]\n", encoding="utf-8")
    elif kind == "not utf-8":
        path.write_bytes(b"\xff\xfe[[term]]")
    else:
        path.write_text(path.read_text(encoding="utf-8") + '\n[[term]]\nko = "빈 항목"\n', encoding="utf-8")
    catalog = load_catalog(tree)
    terms = catalog.glossary
    assert isinstance(terms, list)
    if kind == "one bad term":
        assert terms  # the good terms stay
    problems = catalog.glossary_problems()
    assert problems and all(HANGUL.search(p.message) for p in problems)
    status = content_check.validate(catalog, deep=False)
    assert any("glossary.toml" in str(p) for p in status)
