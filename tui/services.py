"""What the screens of the app work with, built once by ``tui.app.create_app``.

``Services`` holds the lesson catalog, the progress store, the queue every UI-thread write goes
through, and the caches shared by the screens (rendered lessons, panels, the question index).
Screens read ``self.app.services``; none reaches into another screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

#: What a learner is told when the progress folder cannot be opened at all.
NO_STORE_WARNING = ("진행 기록 폴더를 열 수 없어 이번 실행의 기록은 임시 폴더에만 저장됩니다: {error}")


def make_writes(store, on_error=None, on_saved=None):
    """The queue every UI-thread write goes through (``progress.WriteQueue``)."""
    from progress import WriteQueue

    return WriteQueue(store, on_error=on_error, on_saved=on_saved)


@dataclass
class Services:
    """The catalog, the store and its write queue, and the caches the screens share."""

    catalog: Any
    store: Any
    writes: Any
    data_dir: Path | None = None
    render_cache: Any = None
    body_cache_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)
    _panels: dict | None = None
    _questions: dict | None = None
    palette_build: Any = None  # the command palette's catalogue commands (an asyncio future)

    def write(self, method_name: str, *args: Any, **kwargs: Any) -> None:
        """Queue ``store.<method_name>(...)``: returns at once, never raises (failures are
        reported by the queue in Korean and the write is kept until it can be saved)."""
        writes = self.writes
        if writes is None:
            return
        try:
            writes.submit(method_name, *args, **kwargs)
        except Exception:  # the queue is closed (the app is quitting): nothing more to save
            pass

    # -- lessons -----------------------------------------------------------------------------

    def lesson(self, lesson_id: str | None):
        """The lesson with this id, or None."""
        try:
            return self.catalog.lesson(lesson_id) if lesson_id else None
        except KeyError:
            return None

    def lesson_source(self, lesson) -> Callable[[], str]:
        """A callable giving the lesson's display Markdown (disk-cached; errors shown in Korean)."""
        cache_dir = self.body_cache_dir

        def source() -> str:
            from content import ContentError

            from tui.body_cache import cached_body, default_cache_dir

            try:
                return cached_body(lesson, cache_dir or default_cache_dir())
            except (ContentError, OSError, UnicodeDecodeError) as error:
                return f"## 이 장을 표시할 수 없습니다\n\n이 장의 파일에 문제가 있습니다: `{error}`"

        return source

    # -- panels, questions, glossary ---------------------------------------------------------

    def panels(self) -> dict:
        """All runnable panels by id (loaded on first use)."""
        if self._panels is None:
            try:
                from tui.panels import all_panels
            except ImportError:
                return {}
            self._panels = all_panels()
        return self._panels

    def questions(self, lesson_id: str) -> list:
        """The lesson's questions; a quiz file that does not load gives none (see quiz_error)."""
        try:
            return list(self.catalog.questions(lesson_id))
        except Exception:  # a broken quiz file is reported by quiz_error, never raised here
            return []

    def quiz_error(self, lesson_id: str) -> str | None:
        """Korean message when the lesson's quiz file cannot be loaded, else None."""
        try:
            self.catalog.questions(lesson_id)
        except Exception as error:  # content.ContentError carries a Korean message
            return f"이 장의 퀴즈 파일을 읽지 못했습니다: {error}"
        return None

    def has_quiz(self, lesson_id: str) -> bool:
        return bool(self.questions(lesson_id))

    def question(self, question_id: str):
        """The question (template) with this id, from any lesson, or None."""
        if self._questions is None:
            self._questions = {q.id: q for lesson in self.catalog.lessons
                               for q in self.questions(lesson.id)}
        return self._questions.get(question_id)

    def glossary_terms(self) -> list:
        return list(getattr(self.catalog, "glossary", []) or [])


def open_services(data_dir=None) -> Services:
    """Load the catalog and open the store; a store that cannot be opened falls back to a
    temporary folder (the learner is told), so the app always starts."""
    from content import load_catalog
    from progress import open_store

    from tui.widgets.lesson_view import RenderCache

    catalog = load_catalog()
    warnings: list[str] = []
    try:
        store = open_store(data_dir)
    except (OSError, RuntimeError) as error:  # unwritable folder, StoreError
        import tempfile

        warnings.append(NO_STORE_WARNING.format(error=error))
        store = open_store(tempfile.mkdtemp(prefix="aimath-"))
    path = Path(data_dir) if data_dir else None
    return Services(catalog=catalog, store=store, writes=None, data_dir=path,
                    render_cache=RenderCache(),
                    body_cache_dir=(path / "cache" / "bodies") if path else None,
                    warnings=warnings)
