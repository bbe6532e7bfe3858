"""Lessons: ``content/lessons/NN-<id>.md`` files, their TOML front matter and their bodies.

:func:`scan_lessons` reads only the front matter (fast: standard library only) and never
raises: a file that cannot be read — a directory or a dangling symlink named like a lesson, a
file that is not UTF-8, one holding NUL characters — is reported as a :class:`ContentError`.
Bodies load on first use (:meth:`Lesson.body`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, NamedTuple

from content.errors import ContentError, toml_error

__all__ = ["Lesson", "Heading", "scan_lessons", "content_root", "NOT_UTF8"]

_FILE_RE = re.compile(r"^(\d\d)-([a-z0-9_]+)\.md$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PANEL_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_REQUIRED_KEYS = {"id": str, "order": int, "title": str, "summary": str, "panels": list}
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NO_FRONT_MATTER = "front matter가 없습니다: 파일의 첫 줄은 '+++'여야 합니다"
_UNCLOSED_FRONT_MATTER = "front matter를 닫는 두 번째 '+++' 줄이 없습니다"
NOT_UTF8 = "UTF-8로 읽을 수 없는 파일입니다 (UTF-8로 저장하세요)"
_NUL = "NUL 문자(\\0)가 들어 있습니다"
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
        text = _read_text(self.path)
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


def _read_text(path: Any) -> str:
    """The whole file as text; ContentError (Korean) for anything that is not a readable UTF-8
    file without NUL characters (a directory, a dangling symlink, an unreadable file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(NOT_UTF8, path) from None
    except OSError as err:
        raise ContentError(_unreadable(path, err), path) from None
    if "\x00" in text:
        raise ContentError(_NUL, path, text.count("\n", 0, text.index("\x00")) + 1)
    return text


def _unreadable(path: Any, err: OSError) -> str:
    if isinstance(path, Path) and path.is_symlink() and not path.exists():
        return "장 파일이 가리키는 곳이 없습니다 (끊어진 심볼릭 링크)"
    if isinstance(err, IsADirectoryError) or (isinstance(path, Path) and path.is_dir()):
        return "장 파일 자리에 폴더가 있습니다 (파일이어야 합니다)"
    return f"장 파일을 읽을 수 없습니다 ({err.strerror or type(err).__name__})"


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
    m = _FILE_RE.match(path.name)
    if not m:
        problems.append(ContentError("장 파일 이름은 'NN-<id>.md' 형태여야 합니다 "
                                     "(예: 01-vectors.md)", path))
        return None
    found = _front_matter(path, problems)
    if found is None:
        return None
    meta, body_line = found
    bad = _meta_type_problems(meta)
    if not bad:
        bad = _meta_value_problems(meta, m, known_panels)
    if bad:
        problems.extend(ContentError(msg, path, 2) for msg in bad)
        return None
    extra = {k: v for k, v in meta.items() if k not in _REQUIRED_KEYS}
    return Lesson(id=meta["id"], order=meta["order"], title=meta["title"].strip(),
                  summary=meta["summary"].strip(), panels=tuple(meta["panels"]), path=path,
                  extra=extra, body_line=body_line)


def _front_matter(path: Any, problems: list[ContentError]) -> tuple[dict, int] | None:
    """(front matter table, body's first line), or None with the problem appended."""
    try:
        toml_text, body_line = _read_front_matter(path)
    except UnicodeDecodeError:
        problems.append(ContentError(NOT_UTF8, path))
        return None
    except OSError as err:
        problems.append(ContentError(_unreadable(path, err), path))
        return None
    except ContentError as err:
        problems.append(err)
        return None
    if "\x00" in toml_text:
        problems.append(ContentError(f"front matter에 {_NUL}", path, 2))
        return None
    try:
        return tomllib.loads(toml_text), body_line
    except tomllib.TOMLDecodeError as err:
        message, line = toml_error(err, toml_text, line_offset=1)
        problems.append(ContentError(f"front matter의 {message}", path, line or 1))
        return None


def _meta_type_problems(meta: dict) -> list[str]:
    found = []
    for key, kind in _REQUIRED_KEYS.items():
        if key not in meta:
            found.append(f"front matter에 '{key}' 키가 없습니다")
        elif not isinstance(meta[key], kind) or isinstance(meta[key], bool):
            found.append(f"front matter의 '{key}' 값은 {_must_be(kind)} 합니다 "
                         f"(지금은 {_kind(type(meta[key]))})")
    return found


def _meta_value_problems(meta: dict, m: re.Match, known_panels: Collection[str] | None) -> list[str]:
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
    return bad


def content_root(root: Any) -> Any:
    if root is not None:
        return Path(root)
    here = Path(__file__).resolve().parent
    if (here / "lessons").is_dir():  # a normal (non-zipped) install or a source checkout
        return here
    from importlib import resources

    return resources.files("content")


def scan_lessons(root: Any = None, known_panels: Collection[str] | None = None
                 ) -> tuple[Any, list[Lesson], list[ContentError]]:
    """(content root, lessons ordered, problems) — the non-raising core of load_catalog."""
    base = content_root(root)
    problems: list[ContentError] = []
    lessons: list[Lesson] = []
    lesson_dir = base / "lessons"
    if not lesson_dir.is_dir():
        problems.append(ContentError("장 폴더(lessons)가 없습니다", lesson_dir))
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
            problems.append(ContentError(f"중복된 장 id {lesson.id!r}입니다 "
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
