"""Load and validate the lessons, quizzes and glossary shipped in the ``content`` package.

``load_catalog()`` reads only the lessons' front matter (fast: standard library only); lesson
bodies, quiz files and the glossary are read and converted on first use and cached.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, NamedTuple

from content.questions import ContentError, Question, parse_questions, raise_all, toml_error

__all__ = ["Catalog", "Lesson", "Heading", "GlossaryTerm", "load_catalog", "ContentError"]

_FILE_RE = re.compile(r"^(\d\d)-([a-z0-9_]+)\.md$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PANEL_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_REQUIRED_KEYS = {"id": str, "order": int, "title": str, "summary": str, "panels": list}
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NO_FRONT_MATTER = "front matter가 없습니다: 파일의 첫 줄은 '+++'여야 합니다"
_UNCLOSED_FRONT_MATTER = "front matter를 닫는 두 번째 '+++' 줄이 없습니다"
_NOT_UTF8 = "UTF-8로 읽을 수 없는 파일입니다 (UTF-8로 저장하세요)"
# Korean name of a TOML value's type, and the copula that follows it ("정수여야", "목록이어야").
_KIND_NAMES = {int: ("정수(int)", "여야"), str: ("문자열(str)", "이어야"),
               list: ("목록(list)", "이어야"), bool: ("참/거짓(bool)", "이어야"),
               float: ("실수(float)", "여야"), dict: ("테이블(table)", "이어야")}


def _kind(kind: type) -> str:
    return _KIND_NAMES.get(kind, (kind.__name__, ""))[0]


def _must_be(kind: type) -> str:
    name, copula = _KIND_NAMES.get(kind, (kind.__name__, "이어야"))
    return name + copula


class Heading(NamedTuple):
    level: int
    text: str


@dataclass(frozen=True)
class GlossaryTerm:
    ko: str
    en: str
    definition: str
    lessons: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # variant spellings and synonyms the glossary search also finds


@dataclass(eq=False)
class Lesson:
    """One lesson. ``body()`` is the Markdown with every formula converted (cached)."""

    id: str
    order: int
    title: str
    summary: str
    panels: tuple[str, ...]
    path: Any  # pathlib.Path or importlib.resources Traversable
    extra: dict = field(default_factory=dict)
    body_line: int = 1  # file line number of the body's first line
    _body: str | None = field(default=None, repr=False)
    _headings: list[Heading] | None = field(default=None, repr=False)

    def source(self) -> str:
        """The raw Markdown body (after the front matter), formulas still in LaTeX."""
        text = self.path.read_text(encoding="utf-8")
        _, body, _ = _split_front_matter(text, self.path)
        return body

    def body(self) -> str:
        """Markdown for display: ``$$…$$`` → fenced ``math`` blocks, ``$…$`` → Unicode text."""
        if self._body is None:
            from content.mathtext import MathTextError, convert_markdown

            try:
                self._body = convert_markdown(self.source(), first_line=self.body_line)
            except MathTextError as err:
                raise ContentError(err.message, self.path, err.line) from None
        return self._body

    def headings(self) -> list[Heading]:
        """``(level, text)`` of every Markdown heading in the body, formulas converted."""
        if self._headings is None:
            found = []
            fence = None
            for line in self.body().split("\n"):
                stripped = line.strip()
                if fence:
                    if stripped.startswith(fence):
                        fence = None
                    continue
                if stripped.startswith(("```", "~~~")):
                    fence = stripped[:3]
                    continue
                m = _HEADING_RE.match(line)
                if m:
                    found.append(Heading(len(m.group(1)), _plain_heading(m.group(2))))
            self._headings = found
        return list(self._headings)


def _plain_heading(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\\*])\*(?!\s)(.+?)(?<!\s)\*", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\\(.)", r"\1", text).strip()


def _split_front_matter(text: str, path: Any) -> tuple[str, str, int]:
    """(front matter TOML, body, body's first line number). Raises ContentError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        raise ContentError(_NO_FRONT_MATTER, path, 1)
    for n in range(1, len(lines)):
        if lines[n].strip() == "+++":
            return "\n".join(lines[1:n]), "\n".join(lines[n + 1:]), n + 2
    raise ContentError(_UNCLOSED_FRONT_MATTER, path, 1)


def _read_front_matter(path: Any) -> tuple[str, int]:
    """Read just the front matter (stop at the closing '+++')."""
    with path.open("r", encoding="utf-8") as fh:
        first = fh.readline()
        if first.lstrip("\ufeff").strip() != "+++":
            raise ContentError(_NO_FRONT_MATTER, path, 1)
        lines = []
        for line in fh:
            if line.strip() == "+++":
                return "".join(lines), len(lines) + 3
            lines.append(line)
    raise ContentError(_UNCLOSED_FRONT_MATTER, path, 1)


def _lesson_from_file(path: Any, problems: list[ContentError],
                      known_panels: Collection[str] | None) -> Lesson | None:
    name = path.name
    m = _FILE_RE.match(name)
    if not m:
        problems.append(ContentError("강의 파일 이름은 'NN-<id>.md' 형태여야 합니다 "
                                     "(예: 01-vectors.md)", path))
        return None
    try:
        toml_text, body_line = _read_front_matter(path)
    except UnicodeDecodeError:
        problems.append(ContentError(_NOT_UTF8, path))
        return None
    except ContentError as err:
        problems.append(err)
        return None
    try:
        meta = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as err:
        message, line = toml_error(err, toml_text, line_offset=1)
        problems.append(ContentError(f"front matter의 {message}", path, line or 1))
        return None
    found = []
    for key, kind in _REQUIRED_KEYS.items():
        if key not in meta:
            found.append(f"front matter에 '{key}' 키가 없습니다")
        elif not isinstance(meta[key], kind) or isinstance(meta[key], bool):
            found.append(f"front matter의 '{key}' 값은 {_must_be(kind)} 합니다 "
                         f"(지금은 {_kind(type(meta[key]))})")
    if found:
        problems.extend(ContentError(msg, path, 2) for msg in found)
        return None
    lesson_id, order = meta["id"], meta["order"]
    bad = []
    if not _ID_RE.match(lesson_id):
        bad.append(f"id {lesson_id!r}: 영문 소문자로 시작하고 소문자, 숫자, '_'만 "
                   "써야 합니다")
    if m.group(2) != lesson_id:
        bad.append(f"id {lesson_id!r}: 파일 이름과 맞지 않습니다 (파일 이름은 "
                   f"'{m.group(1)}-{lesson_id}.md'여야 합니다)")
    if int(m.group(1)) != order:
        bad.append(f"order = {order}: 파일 이름 앞의 번호 '{m.group(1)}'와 맞지 않습니다")
    for key in ("title", "summary"):
        if not meta[key].strip():
            bad.append(f"'{key}' 값이 비어 있습니다")
        elif "$" in meta[key]:
            bad.append(f"'{key}' 값에는 수식('$')을 쓸 수 없습니다")
    panels = meta["panels"]
    for panel in panels:
        if not isinstance(panel, str) or not _PANEL_RE.match(panel):
            bad.append(f"패널 id {panel!r}: '<lesson>.<name>' 형태여야 합니다")
        elif known_panels is not None and panel not in known_panels:
            bad.append(f"알 수 없는 패널 id {panel!r}입니다")
    if len(set(map(str, panels))) != len(panels):
        bad.append("panels 목록에 같은 id가 두 번 있습니다")
    if bad:
        problems.extend(ContentError(msg, path, 2) for msg in bad)
        return None
    extra = {k: v for k, v in meta.items() if k not in _REQUIRED_KEYS}
    return Lesson(id=lesson_id, order=order, title=meta["title"].strip(),
                  summary=meta["summary"].strip(), panels=tuple(panels), path=path,
                  extra=extra, body_line=body_line)


def _content_root(root: Any) -> Any:
    if root is not None:
        return Path(root)
    here = Path(__file__).resolve().parent
    if (here / "lessons").is_dir():  # a normal (non-zipped) install or a source checkout
        return here
    from importlib import resources

    return resources.files("content")


class Catalog:
    """Every lesson (ordered), their quiz questions and the glossary."""

    def __init__(self, root: Any, lessons: list[Lesson]):
        self.root = root
        self.lessons: list[Lesson] = lessons
        self._by_id = {lesson.id: lesson for lesson in lessons}
        self._questions: dict[str, list[Question]] = {}
        self._glossary: list[GlossaryTerm] | None = None

    def __repr__(self) -> str:
        return f"Catalog({len(self.lessons)} lessons from {self.root})"

    def lesson(self, lesson_id: str) -> Lesson:
        """The lesson with this id (KeyError if none)."""
        return self._by_id[lesson_id]

    def get_lesson(self, lesson_id: str) -> Lesson | None:
        return self._by_id.get(lesson_id)

    def quiz_path(self, lesson_id: str) -> Any:
        return self.root / "quizzes" / f"{lesson_id}.toml"

    def _load_quiz(self, lesson_id: str, problems: list[ContentError]) -> list[Question]:
        path = self.quiz_path(lesson_id)
        if not path.is_file():
            return []
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(ContentError(_NOT_UTF8, path))
            return []
        return parse_questions(text, lesson_id, path, problems)

    def questions(self, lesson_id: str) -> list[Question]:
        """The lesson's quiz questions in file order ([] if it has no quiz file).

        Raises KeyError for an unknown lesson, ContentError for a broken quiz file.
        """
        if lesson_id not in self._by_id:
            raise KeyError(lesson_id)
        if lesson_id not in self._questions:
            problems: list[ContentError] = []
            found = self._load_quiz(lesson_id, problems)
            raise_all(problems)
            self._questions[lesson_id] = found
        return list(self._questions[lesson_id])

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
        """Glossary terms sorted by Korean term ([] when there is no glossary file)."""
        if self._glossary is None:
            problems: list[ContentError] = []
            terms = self._load_glossary(problems)
            raise_all(problems)
            self._glossary = terms
        return list(self._glossary)

    def _load_glossary(self, problems: list[ContentError]) -> list[GlossaryTerm]:
        path = self.root / "glossary.toml"
        if not path.is_file():
            return []
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(ContentError(_NOT_UTF8, path))
            return []
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            message, line = toml_error(err, text)
            problems.append(ContentError(f"용어집(glossary)을 읽을 수 없습니다: {message}",
                                         path, line))
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
                bad.append(f"{label}: 'lessons'는 강의 id들의 목록이어야 합니다")
                lessons = []
            for lid in lessons:
                if lid not in self._by_id:
                    bad.append(f"{label} ({entry.get('ko')}): 알 수 없는 강의 id {lid!r}입니다")
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

    def validate(self, deep: bool = True, generator_seeds: int = 3) -> list[ContentError]:
        """Every problem in the content, without raising.

        Checks every lesson body's formulas, every quiz file (fields, ids unique across
        quizzes, formulas), quiz files without a lesson, and the glossary. With ``deep`` also
        checks answer keys through ``mathcore.parse`` and runs every generator for a few seeds
        (imports numpy/sympy).
        """
        from content.mathtext import convert_markdown

        problems: list[ContentError] = []
        for lesson in self.lessons:
            errors: list = []
            try:
                convert_markdown(lesson.source(), first_line=lesson.body_line, errors=errors)
            except (OSError, UnicodeDecodeError, ContentError) as err:
                problems.append(ContentError(f"강의 파일을 읽을 수 없습니다: {err}",
                                             lesson.path))
                continue
            problems.extend(ContentError(e.message, lesson.path, e.line) for e in errors)
        quiz_dir = self.root / "quizzes"
        if quiz_dir.is_dir():
            for entry in sorted(quiz_dir.iterdir(), key=lambda p: p.name):
                if entry.name.endswith(".toml") and entry.name[:-5] not in self._by_id:
                    problems.append(ContentError(
                        f"이 퀴즈 파일에 맞는 강의가 없습니다 (알 수 없는 강의 id "
                        f"{entry.name[:-5]!r})", entry))
        seen_ids: dict[str, str] = {}
        for lesson in self.lessons:
            found: list[ContentError] = []
            questions = self._load_quiz(lesson.id, found)
            problems.extend(found)
            for q in questions:
                if q.id in seen_ids:
                    problems.append(ContentError(f"문항 id {q.id!r}: {seen_ids[q.id]}에서도 "
                                                 "쓰인 id입니다", self.quiz_path(lesson.id)))
                seen_ids[q.id] = str(self.quiz_path(lesson.id))
            if deep:
                from content.check import question_problems

                text = self.quiz_path(lesson.id).read_text(encoding="utf-8") if questions else ""
                for q in questions:
                    line = _line_of(text, q.id)
                    for msg in question_problems(q, seeds=generator_seeds):
                        problems.append(ContentError(f"문항 {q.id}: {msg}",
                                                     self.quiz_path(lesson.id), line))
        self._load_glossary(problems)
        return problems


def _line_of(text: str, qid: str) -> int | None:
    m = re.search(r'^\s*id\s*=\s*["\']' + re.escape(qid) + r'["\']', text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def scan_lessons(root: Any = None, known_panels: Collection[str] | None = None
                 ) -> tuple[Any, list[Lesson], list[ContentError]]:
    """(content root, lessons ordered, problems) — the non-raising core of load_catalog."""
    base = _content_root(root)
    problems: list[ContentError] = []
    lessons: list[Lesson] = []
    lesson_dir = base / "lessons"
    if not lesson_dir.is_dir():
        problems.append(ContentError("강의 폴더(lessons)가 없습니다", lesson_dir))
        return base, lessons, problems
    files = sorted((p for p in lesson_dir.iterdir() if p.name.endswith(".md")),
                   key=lambda p: p.name)
    by_id: dict[str, Lesson] = {}
    by_order: dict[int, Lesson] = {}
    for path in files:
        lesson = _lesson_from_file(path, problems, known_panels)
        if lesson is None:
            continue
        if lesson.id in by_id:
            problems.append(ContentError(f"중복된 강의 id {lesson.id!r}입니다 "
                                         f"({by_id[lesson.id].path.name}에도 있습니다)", path, 2))
            continue
        if lesson.order in by_order:
            problems.append(ContentError(f"중복된 order {lesson.order}입니다 "
                                         f"({by_order[lesson.order].path.name}에도 있습니다)",
                                         path, 2))
            continue
        by_id[lesson.id] = lesson
        by_order[lesson.order] = lesson
        lessons.append(lesson)
    lessons.sort(key=lambda lesson: lesson.order)
    return base, lessons, problems


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
