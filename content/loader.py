"""Load the lessons, quizzes and glossary shipped in the ``content`` package (loading only;
validation is :mod:`content.check`'s).

``load_catalog()`` reads only the lessons' front matter (fast: standard library only); lesson
bodies, quiz files and the glossary are read and converted on first use and cached.  A broken
quiz file or question never makes :meth:`Catalog.questions` raise: it is skipped, and its
problems (Korean, with file and line) are in :meth:`Catalog.quiz_problems` for the UI to show.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Any, Collection

from content.errors import ContentError, raise_all, toml_error
from content.frontmatter import NOT_UTF8, Heading, Lesson, scan_lessons
from content.questions import Question, parse_questions

__all__ = ["Catalog", "Lesson", "Heading", "GlossaryTerm", "load_catalog", "scan_lessons", "ContentError"]


@dataclass(frozen=True)
class GlossaryTerm:
    ko: str
    en: str
    definition: str
    lessons: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # variant spellings and synonyms the glossary search also finds


class Catalog:
    """Every lesson (ordered), their quiz questions and the glossary."""

    def __init__(self, root: Any, lessons: list[Lesson]):
        self.root = root
        self.lessons: list[Lesson] = lessons
        self._by_id = {lesson.id: lesson for lesson in lessons}
        self._questions: dict[str, list[Question]] = {}
        self._quiz_problems: dict[str, list[ContentError]] = {}
        self._glossary: list[GlossaryTerm] | None = None
        self._glossary_problems: list[ContentError] = []

    def __repr__(self) -> str:
        return f"Catalog({len(self.lessons)} lessons from {self.root})"

    def lesson(self, lesson_id: str) -> Lesson:
        """The lesson with this id (KeyError if none)."""
        return self._by_id[lesson_id]

    def quiz_path(self, lesson_id: str) -> Any:
        return self.root / "quizzes" / f"{lesson_id}.toml"

    def read_quiz(self, lesson_id: str, problems: list[ContentError]) -> list[Question]:
        """Parse the lesson's quiz file afresh: the good questions; problems appended."""
        path = self.quiz_path(lesson_id)
        try:
            if not path.is_file():
                if path.exists() or path.is_symlink():
                    problems.append(ContentError("퀴즈 파일을 읽을 수 없습니다 (파일이 아니거나 끊어진 "
                                                 "링크입니다)", path))
                return []
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(ContentError(NOT_UTF8, path))
            return []
        except OSError as err:
            problems.append(ContentError(f"퀴즈 파일을 읽을 수 없습니다 ({err.strerror or type(err).__name__})",
                                         path))
            return []
        return parse_questions(text, lesson_id, path, problems)

    def questions(self, lesson_id: str, strict: bool = False) -> list[Question]:
        """The lesson's quiz questions in file order ([] if it has no quiz file).

        Raises KeyError for an unknown lesson. A broken quiz file or question is skipped, not
        raised: its problems are in :meth:`quiz_problems` (``strict=True`` raises them as one
        ContentError instead, for tools and tests).
        """
        if lesson_id not in self._by_id:
            raise KeyError(lesson_id)
        if lesson_id not in self._questions:
            problems: list[ContentError] = []
            try:
                found = self.read_quiz(lesson_id, problems)
            except Exception as err:  # a defect found while reading must not end the app
                problems.append(ContentError(f"퀴즈를 읽는 중 문제가 생겼습니다 ({type(err).__name__})",
                                             self.quiz_path(lesson_id)))
                found = []
            self._questions[lesson_id] = found
            self._quiz_problems[lesson_id] = problems
        if strict:
            raise_all(self._quiz_problems[lesson_id])
        return list(self._questions[lesson_id])

    def quiz_problems(self, lesson_id: str) -> list[ContentError]:
        """What was wrong in the lesson's quiz file (empty when nothing was), in Korean."""
        self.questions(lesson_id)
        return list(self._quiz_problems[lesson_id])

    def quiz_notice(self, lesson_id: str) -> str | None:
        """One Korean sentence for the learner when part of the quiz had to be skipped."""
        problems = self.quiz_problems(lesson_id)
        if not problems:
            return None
        kept = len(self._questions[lesson_id])
        first = problems[0].message
        more = f" 외 {len(problems) - 1}건" if len(problems) > 1 else ""
        if kept:
            return f"퀴즈 파일에 문제가 있어 일부 문항을 건너뛰었습니다 ({kept}문항은 풀 수 있습니다): {first}{more}"
        return f"퀴즈 파일에 문제가 있어 문항을 불러오지 못했습니다: {first}{more}"

    def all_questions(self) -> list[Question]:
        return [q for lesson in self.lessons for q in self.questions(lesson.id)]

    def question(self, question_id: str) -> Question | None:
        """Look a question up by id (e.g. ``"vectors-003"``) across all quizzes."""
        lesson_id = question_id.rsplit("-", 1)[0]
        if lesson_id not in self._by_id:
            return None
        for q in self.questions(lesson_id):
            if q.id == question_id:
                return q
        return None

    @property
    def glossary(self) -> list[GlossaryTerm]:
        """Glossary terms sorted by Korean term ([] when there is no glossary file).

        Never raises: a broken entry or file is skipped and kept in :meth:`glossary_problems`."""
        if self._glossary is None:
            problems: list[ContentError] = []
            try:
                terms = self.read_glossary(problems)
            except Exception as err:  # a defect found while reading must not end the app
                problems.append(ContentError(f"용어집을 읽는 중 문제가 생겼습니다 ({type(err).__name__})",
                                             self.root / "glossary.toml"))
                terms = []
            self._glossary, self._glossary_problems = terms, problems
        return list(self._glossary)

    def glossary_problems(self) -> list[ContentError]:
        """What was wrong in the glossary file (empty when nothing was), in Korean."""
        self.glossary
        return list(self._glossary_problems)

    def read_glossary(self, problems: list[ContentError]) -> list[GlossaryTerm]:
        """Parse the glossary afresh: the good terms, sorted; problems appended."""
        path = self.root / "glossary.toml"
        data = _read_glossary_table(path, problems)
        if data is None:
            return []
        terms = []
        seen: set[str] = set()
        entries = data.get("term", [])
        if not isinstance(entries, list):
            problems.append(ContentError("'term'은 테이블 배열([[term]])이어야 합니다", path))
            return []
        for n, entry in enumerate(entries, 1):
            label = f"{n}번째 용어(term)"
            if not isinstance(entry, dict):
                problems.append(ContentError(f"{label}: 테이블이 아닙니다", path))
                continue
            bad = [f"{label}: '{k}' 값이 없거나 비어 있습니다" for k in ("ko", "en", "definition")
                   if not (isinstance(entry.get(k), str) and entry[k].strip())]
            lessons = entry.get("lessons", [])
            if not (isinstance(lessons, list) and all(isinstance(x, str) for x in lessons)):
                bad.append(f"{label}: 'lessons'는 장 id들의 목록이어야 합니다")
                lessons = []
            for lid in lessons:
                if lid not in self._by_id:
                    bad.append(f"{label} ({entry.get('ko')}): 알 수 없는 장 id {lid!r}입니다")
            aliases = entry.get("aliases", [])
            if not (isinstance(aliases, list) and all(isinstance(x, str) and x.strip() for x in aliases)):
                bad.append(f"{label}: 'aliases'는 비어 있지 않은 문자열들의 목록이어야 합니다")
                aliases = []
            extra = sorted(set(entry) - {"ko", "en", "definition", "lessons", "aliases"})
            if extra:
                bad.append(f"{label}: 알 수 없는 키가 있습니다: {extra}")
            if bad:
                problems.extend(ContentError(msg, path) for msg in bad)
                continue
            key = entry["ko"].strip()
            if key in seen:
                problems.append(ContentError(f"용어집에 같은 용어가 두 번 있습니다: {key!r}", path))
                continue
            seen.add(key)
            terms.append(GlossaryTerm(ko=key, en=entry["en"].strip(),
                                      definition=entry["definition"].strip(),
                                      lessons=tuple(lessons),
                                      aliases=tuple(a.strip() for a in aliases)))
        return sorted(terms, key=lambda t: t.ko)


def _read_glossary_table(path: Any, problems: list[ContentError]) -> dict | None:
    """The glossary file's TOML table, or None (missing file; or a problem appended)."""
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(ContentError(NOT_UTF8, path))
        return None
    except OSError as err:
        problems.append(ContentError(f"용어집 파일을 읽을 수 없습니다 ({err.strerror or type(err).__name__})", path))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message, line = toml_error(err, text)
        problems.append(ContentError(f"용어집(glossary)을 읽을 수 없습니다: {message}", path, line))
        return None


def load_catalog(root: Any = None, *, known_panels: Collection[str] | None = None) -> Catalog:
    """Read every lesson's front matter and return the Catalog.

    ``root`` is a folder with ``lessons/``, ``quizzes/`` and ``glossary.toml`` (default: the
    installed ``content`` package). ``known_panels``, if given, is the set of valid panel ids
    (e.g. ``tui.panels.all_panels().keys()``); content never imports tui itself. Raises
    :class:`ContentError` naming the file and the problem (all problems when several).
    """
    base, lessons, problems = scan_lessons(root, known_panels)
    raise_all(problems)
    return Catalog(base, lessons)
