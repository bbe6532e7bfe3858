"""Validate all content: ``python -m content.check [--root DIR] [--panels MODULE:FUNC]``.

Checks every lesson's front matter and formulas, every quiz question (fields, formulas, answer
keys parsed through ``mathcore.parse``, generators run for a few seeds and graded against their
own keys) and the glossary. Prints one ``file:line: problem`` per problem; exit status 1 if any.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time

from content.questions import Question

__all__ = ["validate", "question_problems", "main"]


def _parse_key(q: Question, value) -> str | None:
    """None if ``value`` parses as an answer for ``q``, else the reason."""
    from mathcore import InputError, parse

    try:
        if q.type == "numeric":
            if isinstance(value, str):
                parse.parse_number(value)
            elif not isinstance(value, (int, float)) or isinstance(value, bool):
                return f"{value!r}: 숫자가 아닙니다"
        elif q.type == "expression":
            parse.parse_expression(str(value), tuple(q.variables))
        elif q.type == "matrix":
            from content.grading import _as_matrix, answer_array

            # Read like a learner's input (parse_vector for a vector key, parse_matrix else).
            answer_array(value, _as_matrix(q.answer).ndim)
        elif q.type == "choice":
            from content.grading import wrong_choice_index

            if wrong_choice_index(value, q) is None:
                return (f"{value!r}: 보기를 가리키지 않습니다 (0부터 세는 번호, 기호 또는 "
                        "보기 텍스트여야 합니다)")
    except InputError as err:
        return f"{value!r}: 답으로 읽을 수 없습니다 — {err}"
    return None


def _concrete_problems(q: Question) -> list[str]:
    problems = []
    reason = _parse_key(q, q.answer)
    if reason:
        problems.append(f"정답(answer) {reason}")
    for n, wrong in enumerate(q.wrong_answers, 1):
        reason = _parse_key(q, wrong["answer"])
        if reason:
            problems.append(f"wrong_answers[{n}] {reason}")
            continue
        from content.grading import check_answer

        text = _as_text(wrong["answer"])
        if q.type == "choice":
            from content.grading import wrong_choice_index

            text = wrong_choice_index(wrong["answer"], q)
        verdict = check_answer(_without_wrong(q), text)
        if verdict.correct:
            problems.append(f"wrong_answers[{n}]의 답({text})이 정답으로 채점됩니다")
    from content.grading import check_answer

    verdict = check_answer(q, _as_text(q.answer))
    if not verdict.correct:
        problems.append(f"정답 키({_as_text(q.answer)})가 정답으로 채점되지 않습니다: "
                        f"{verdict.message}")
    return problems


def _without_wrong(q: Question) -> Question:
    import dataclasses

    return dataclasses.replace(q, wrong_answers=[])


def _as_text(value) -> str | int:
    """An answer key written the way a learner would type it (choice indices stay ints)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return "[" + ", ".join("[" + ", ".join(repr(v) for v in row) + "]"
                                   for row in value) + "]"
        return "[" + ", ".join(repr(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def question_problems(q: Question, seeds: int = 3) -> list[str]:
    """Deep problems of one question (answer keys, wrong answers, generator output)."""
    if q.type != "generated":
        return _concrete_problems(q)
    from content.generators import get_generator
    from content.questions import ContentError

    if get_generator(q.generator or "") is None:
        return [f"등록되지 않은 생성기(generator) {q.generator!r}입니다"]
    problems = []
    for seed in range(seeds):
        try:
            made = q.instantiate(seed)
        except ContentError as err:
            problems.append(str(err))
            break
        found = _concrete_problems(made)
        if found:
            problems.extend(f"시드(seed) {seed}: {p}" for p in found)
            break
    return problems


def validate(catalog, deep: bool = True, generator_seeds: int = 3) -> list:
    """Every problem in the content of ``catalog``, without raising (list of ContentError).

    Checks every lesson body's formulas, every quiz file (fields, ids unique across quizzes,
    formulas), quiz files without a lesson, and the glossary. With ``deep`` also checks answer
    keys through ``mathcore.parse`` and runs every generator for a few seeds (numpy/sympy).
    """
    problems = _lesson_problems(catalog) + _orphan_quizzes(catalog)
    seen_ids: dict[str, str] = {}
    for lesson in catalog.lessons:
        problems += _quiz_file_problems(catalog, lesson.id, seen_ids, deep, generator_seeds)
    catalog.read_glossary(problems)
    return problems


def _lesson_problems(catalog) -> list:
    from content.errors import ContentError
    from content.mathtext import convert_markdown

    problems = []
    for lesson in catalog.lessons:
        errors: list = []
        try:
            convert_markdown(lesson.source(), first_line=lesson.body_line, errors=errors)
        except ContentError as err:
            problems.append(err)
            continue
        except (OSError, UnicodeDecodeError, RecursionError) as err:
            problems.append(ContentError(f"장 파일을 읽을 수 없습니다: {type(err).__name__}", lesson.path))
            continue
        problems.extend(ContentError(e.message, lesson.path, e.line) for e in errors)
    return problems


def _orphan_quizzes(catalog) -> list:
    from content.errors import ContentError

    quiz_dir = catalog.root / "quizzes"
    if not quiz_dir.is_dir():
        return []
    known = {lesson.id for lesson in catalog.lessons}
    return [ContentError(f"이 퀴즈 파일에 맞는 장이 없습니다 (알 수 없는 장 id {entry.name[:-5]!r})", entry)
            for entry in sorted(quiz_dir.iterdir(), key=lambda p: p.name)
            if entry.name.endswith(".toml") and entry.name[:-5] not in known]


def _quiz_file_problems(catalog, lesson_id: str, seen_ids: dict, deep: bool, seeds: int) -> list:
    from content.errors import ContentError

    path = catalog.quiz_path(lesson_id)
    problems: list = []
    questions = catalog.read_quiz(lesson_id, problems)
    for q in questions:
        if q.id in seen_ids:
            problems.append(ContentError(f"문항 id {q.id!r}: {seen_ids[q.id]}에서도 쓰인 id입니다", path))
        seen_ids[q.id] = str(path)
    if deep and questions:
        text = path.read_text(encoding="utf-8")
        for q in questions:
            line = _line_of(text, q.id)
            problems += [ContentError(f"문항 {q.id}: {msg}", path, line) for msg in question_problems(q, seeds=seeds)]
    return problems


def _line_of(text: str, qid: str) -> int | None:
    m = re.search(r'^\s*id\s*=\s*["\']' + re.escape(qid) + r'["\']', text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _known_panels(spec: str | None):
    if not spec:
        return None
    module_name, _, func = spec.partition(":")
    module = importlib.import_module(module_name)
    return set(getattr(module, func or "all_panels")())


def main(argv: list[str] | None = None) -> int:
    from content.loader import Catalog, scan_lessons

    parser = argparse.ArgumentParser(
        prog="python -m content.check",
        description="장, 퀴즈, 용어집을 모두 검사하고 문제마다 '파일:줄: 문제'를 한 줄씩 "
                    "출력합니다. 문제가 있으면 종료 코드는 1입니다.")
    parser.add_argument("--root", help="콘텐츠 폴더 (기본값: 설치된 content 패키지)")
    parser.add_argument("--panels", metavar="MODULE:FUNC",
                        help="패널 id를 MODULE의 FUNC()가 돌려주는 목록과 대조합니다 "
                             "(예: tui.panels:all_panels)")
    parser.add_argument("--seeds", type=int, default=3,
                        help="생성형 문항마다 시험할 시드 수 (기본값 3)")
    parser.add_argument("--shallow", action="store_true",
                        help="정답 키와 생성기 검사를 건너뜁니다 (numpy/sympy 없이)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    try:
        known = _known_panels(args.panels)
    except (ImportError, AttributeError, TypeError) as err:
        print(f"--panels {args.panels!r}: 패널 목록을 읽을 수 없습니다 ({err})", file=sys.stderr)
        return 2
    base, lessons, problems = scan_lessons(args.root, known)
    catalog = Catalog(base, lessons)
    problems += validate(catalog, deep=not args.shallow, generator_seeds=args.seeds)
    if args.root is None:  # the house style (content/STYLE.md) binds the shipped content
        from content.style import style_problems

        problems += style_problems(base)
    for problem in problems:
        print(problem)
    n_questions = sum(len(catalog.questions(lesson.id)) for lesson in lessons)  # problems reported above
    if not args.shallow:  # quiz quality per lesson (content.quiz_report): reported, not a failure
        from content.quiz_report import format_report, quiz_report

        print(format_report(quiz_report(catalog, seeds=min(args.seeds, 3))), file=sys.stderr)
    elapsed = time.perf_counter() - start
    print(f"장 {len(lessons)}개, 문항 {n_questions}개, 용어 {len(catalog.read_glossary([]))}개: "
          f"문제 {len(problems)}건 ({elapsed:.1f}초)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
