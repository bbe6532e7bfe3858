"""The app starts and keeps working when progress cannot be saved or a quiz file is broken:
a read-only store (written by a newer aimath), a full disk, a data folder that cannot be used,
a quiz file that does not load. Each time the learner is told in Korean; nothing crashes."""

from __future__ import annotations

import errno
import json

from ui_helpers import record_notifications, settle, visible_text
from tui.app import create_app
from tui.screens.main import MainScreen
from tui.screens.quiz import QuizScreen
from tui.screens.review import ReviewScreen


def korean(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


async def test_read_only_store_starts_reads_and_says_so(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.json").write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    app = create_app(data)
    assert app.store.read_only
    seen = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("읽기 전용" in message for message in seen)
        await pilot.press("d")  # marking a lesson done works on screen, nothing is written
        await settle(pilot)
        assert app.screen.status("intro") == "done"
        assert app.store.lesson_status("intro") == "unread"
        assert app.services.writes.pending >= 1
        assert "Traceback" not in visible_text(app)
        assert sum("읽기 전용" in m for m in seen) == 1  # told once, not on every write
    assert all(korean(m) for m in seen)


async def test_full_disk_keeps_writes_in_memory_and_saves_them_later(make_app, monkeypatch):
    app = make_app()
    store = app.store
    real = store.set_lesson_status

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    seen = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(store, "set_lesson_status", full)
        await pilot.press("d")
        await pilot.pause()
        assert not app.services.writes.flush(3)
        await pilot.pause()
        assert any("디스크 공간이 부족합니다" in m for m in seen)
        assert app.screen.status("intro") == "done"  # the learner's view does not wait for the disk
        monkeypatch.setattr(store, "set_lesson_status", real)
        app.services.writes.retry_now()
        assert app.services.writes.flush(5)
        assert store.lesson_status("intro") == "done"
        await pilot.pause()
        assert any("다시 저장" in m for m in seen)
    assert all(korean(m) for m in seen)


async def test_unusable_data_folder_falls_back_and_tells(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    app = create_app(blocked)
    seen = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("진행 기록 폴더를 열 수 없어" in m for m in seen)
        await pilot.press("d")
        await settle(pilot)
        assert app.store.lesson_status("intro") == "done"  # saved in the temporary folder
    assert blocked.read_text().startswith("a file")


async def test_a_broken_quiz_file_does_not_crash_quiz_or_review(make_app, monkeypatch):
    from content import ContentError

    app = make_app()
    app.store.record_attempt("vectors-001", "vectors", False, answer="1")
    app.store.record_attempt("matrices-001", "matrices", False, answer="1")
    catalog = app.catalog
    real = catalog.questions

    def questions(lesson_id):
        if lesson_id == "vectors":
            raise ContentError("vectors.toml: 3번째 문제에 answer가 없습니다")
        return real(lesson_id)

    monkeypatch.setattr(catalog, "questions", questions)
    seen = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_open_lesson("vectors")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("퀴즈 파일을 읽지 못했습니다" in m and "answer가 없습니다" in m for m in seen)
        await pilot.press("r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert [item["question_id"] for item in review.items] == ["matrices-001"]
        assert "Traceback" not in visible_text(app)
        app.action_open_quiz("matrices")  # the other lessons' quizzes still work
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
