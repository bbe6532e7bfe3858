"""Pilot tests of the review screen and the statistics dashboard, export/import from the UI
and from the command line, and a dashboard snapshot."""

from __future__ import annotations

import json
import random
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest

from ui_helpers import record_notifications, settle, visible_text
from tui.app import create_app
from tui.cli import main
from tui.screens.dashboard import DashboardScreen
from tui.quiz.session import QuizSession
from tui.screens.quiz import QuizScreen
from tui.screens.quiz_summary import QuizSummaryScreen
from tui.screens.review import ReviewScreen
from tui.widgets.sidebar import STATUS_MARKS, LessonList

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
QUESTIONS = [("vectors", f"vectors-{k:03d}") for k in range(1, 14)] + \
            [("matrices", f"matrices-{k:03d}") for k in range(1, 16)] + \
            [("bayes", f"bayes-{k:03d}") for k in range(1, 13)]


@pytest.fixture
def utc(monkeypatch):
    """Local days are UTC days, so per-day numbers do not depend on the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def planted_history(n: int = 300, seed: int = 3) -> list[dict]:
    """``n`` attempts over the 45 days before NOW (every day has some), seeded."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lesson, qid = QUESTIONS[rng.randrange(len(QUESTIONS))]
        ok_rate = {"vectors": 0.8, "matrices": 0.55, "bayes": 0.3}[lesson]
        at = NOW - timedelta(days=i % 45, minutes=5 + rng.randrange(600))
        out.append({"question_id": qid, "lesson_id": lesson, "correct": rng.random() < ok_rate,
                    "at": at, "hinted": rng.random() < 0.2})
    return out


def record(store, history) -> None:
    for a in history:
        store.record_attempt(a["question_id"], a["lesson_id"], a["correct"], "1", hinted=a["hinted"], at=a["at"])



async def answer(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#answer-input")
    field.value = text
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


# --------------------------------------------------------------------------- review

def fsrs_due(ratings_at: list[tuple[int, datetime]]) -> datetime:
    """The due date the fsrs library itself gives after these (rating, time) reviews."""
    import fsrs

    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=0, due=ratings_at[0][1])
    for rating, at in ratings_at:
        card, _log = scheduler.review_card(card, fsrs.Rating(rating), review_datetime=at)
    return card.due


def test_store_maps_answers_to_fsrs_ratings(make_app):
    """wrong → Again, right → Good, right after a hint → Hard (checked against fsrs directly)."""
    store = make_app().store
    t0 = NOW - timedelta(days=10)
    t1 = t0 + timedelta(days=3)
    cases = {"vectors-001": [(False, False), (True, False)],
             "vectors-002": [(True, False), (True, True)],
             "vectors-003": [(True, True), (False, True)]}
    for qid, answers in cases.items():
        ratings = []
        for (correct, hinted), at in zip(answers, (t0, t1)):
            store.record_attempt(qid, "vectors", correct, "x", hinted=hinted, at=at)
            ratings.append(((3 if not hinted else 2) if correct else 1, at))
        assert store.card_info(qid, NOW)["due"] == fsrs_due(ratings)
    assert store.card_info("vectors-002", NOW)["due"] != fsrs_due([(3, t0), (3, t1)])


async def test_review_after_a_quiz(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(ReviewScreen())
        await settle(pilot)
        assert "아직 푼 문제가 없습니다" in str(app.screen.query_one("#review-summary").render())
        assert app.screen.query_one("#start").disabled
        await pilot.press("escape")
        await settle(pilot)

        # Take a short quiz: one wrong then shown, one right, one right after a hint.
        ids = ["vectors-003", "vectors-006", "vectors-002"]
        await app.push_screen(QuizScreen(QuizSession([app.services.question(i) for i in ids], "퀴즈 · 벡터")))
        await settle(pilot)
        await answer(pilot, "0")
        await pilot.press("f4")
        await pilot.press("f3")
        await settle(pilot)
        await answer(pilot, "21")
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f2")
        await answer(pilot, "sqrt(54)")
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, QuizSummaryScreen)
        await pilot.press("escape")
        await settle(pilot)

        # Right now nothing is due (a wrong answer comes back within minutes) ...
        app.action_open_review()
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "지금 복습할 문제 0개" in str(review.query_one("#review-summary").render())
        assert review.query_one("#review-table").row_count == 3
        await pilot.press("escape")
        await settle(pilot)

        # ... three days later all three are due, each with its recall probability.
        later = datetime.now(timezone.utc) + timedelta(days=3)
        review = ReviewScreen(now=later)
        await app.push_screen(review)
        await settle(pilot)
        summary = str(review.query_one("#review-summary").render())
        assert "지금 복습할 문제 3개" in summary
        table = review.query_one("#review-table")
        assert table.row_count == 3
        recalls = {}
        for qid in ids:
            row = table.get_row(qid)
            info = app.store.card_info(qid, later)
            assert row[0] == "● 지금"
            assert row[4] == f"{100 * info['recall']:.0f}%"
            recalls[qid] = info["recall"]
        # A card answered wrong is remembered worse than one answered right without help.
        assert recalls["vectors-003"] < recalls["vectors-002"] <= recalls["vectors-006"]
        assert "Traceback" not in visible_text(app)

        # Start the review: the due questions are asked; answering moves each card on.
        before = {qid: app.store.card_info(qid)["due"] for qid in ids}
        await pilot.press("s")
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert sorted(q.id for q in quiz.session.questions) == sorted(ids)
        first = quiz.session.questions[0].id
        await answer(pilot, str(quiz.session.current.answer))
        assert app.store.card_info(first)["due"] > before[first]
        assert app.store.attempts()[-1]["question_id"] == first
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is review  # back on the review screen, refreshed
        assert review.query_one("#review-table").row_count == 3


# --------------------------------------------------------------------------- dashboard

async def click(pilot, selector: str) -> None:
    """Scroll a button into view and click it, then wait for the work it starts."""
    pilot.app.screen.query_one(selector).scroll_visible(animate=False)
    await pilot.pause()
    assert await pilot.click(selector)
    await settle(pilot)


async def open_dashboard(pilot, now=NOW) -> DashboardScreen:
    screen = DashboardScreen(now=now)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    assert screen.stats is not None
    return screen


async def test_dashboard_shows_the_numbers(make_app, utc):
    app = make_app()
    history = planted_history()
    record(app.store, history)
    # Independent reference numbers from the planted list.
    per_lesson = defaultdict(lambda: [0, 0])
    per_question = defaultdict(lambda: [0, 0])
    for a in history:
        per_lesson[a["lesson_id"]][0] += a["correct"]
        per_lesson[a["lesson_id"]][1] += 1
        per_question[a["question_id"]][0] += a["correct"]
        per_question[a["question_id"]][1] += 1
    days = Counter(a["at"].date() for a in history)
    app.store.set_lesson_status("vectors", "done")
    app.store.set_lesson_status("intro", "done")

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_dashboard(pilot)
        stats = screen.stats
        assert stats["attempts"] == 300
        lessons = len(app.catalog.lessons)  # the course and the advanced track (심화)
        assert stats["done"] == 2 and stats["lessons"] == lessons >= 12
        assert stats["streak"] == 45
        accuracy = {lesson.id: (c, t) for lesson, c, t in stats["accuracy"]}
        assert accuracy["vectors"] == tuple(per_lesson["vectors"])
        assert accuracy["matrices"] == tuple(per_lesson["matrices"])
        assert accuracy["bayes"] == tuple(per_lesson["bayes"])
        assert accuracy["rnn"] == (0, 0)
        assert accuracy["matrix_calculus"] == (0, 0)
        assert len(stats["per_day"]) == 60 and stats["per_day"][-1][0] == NOW.date()
        assert dict(stats["per_day"]) == {d: days.get(d, 0) for d, _n in stats["per_day"]}
        assert len(stats["forecast"]) == 14
        assert sum(stats["forecast"]) <= len(per_question)
        worst = min(per_question.items(), key=lambda kv: (kv[1][0] / kv[1][1], -kv[1][1], kv[0]))
        assert stats["weakest"][0]["question_id"] == worst[0]

        summary = str(screen.query_one("#dash-summary").render())
        total_ok = sum(c for c, _t in per_lesson.values())
        assert f"완료한 장 2/{lessons}" in summary and "연속 학습 45일" in summary
        assert "총 풀이 300회" in summary and f"전체 정답률 {100 * total_ok / 300:.0f}%" in summary
        text = visible_text(app)
        for title in ("장별 정답률", "최근 60일 풀이 수", "앞으로 14일 복습 예정", "가장 약한 문제"):
            assert title in text
        assert f"{worst[1][0]}/{worst[1][1]}" in text
        assert "03/01" in text  # today's tick on the activity chart
        assert "Traceback" not in text

    # Usable at 80×24: one column of charts, everything reachable by scrolling.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_dashboard(pilot)
        assert screen.has_class("-narrow")
        assert f"완료한 장 2/{len(app.catalog.lessons)}" in visible_text(app)
        screen.query_one("#dashboard-page").scroll_end(animate=False)
        await pilot.pause()
        from tui.cli import DEFAULT_EXPORT

        assert f"파일 (비우면 {DEFAULT_EXPORT})" in visible_text(app)  # the default, whole, at 80


async def test_export_then_import_into_a_fresh_data_dir(make_app, tmp_path, utc):
    app = make_app()
    record(app.store, planted_history(120, seed=9))
    app.store.set_lesson_status("matrices", "done")
    backup = tmp_path / "백업" / "progress.json"
    backup.parent.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_dashboard(pilot)
        app.screen.query_one("#dash-path").value = str(backup)
        await click(pilot, "#export")
    exported = json.loads(backup.read_text(encoding="utf-8"))
    assert len(exported["attempts"]) == 120
    original = {a["id"] for a in app.store.attempts()}

    fresh = create_app(tmp_path / "fresh")
    seen = record_notifications(fresh)
    async with fresh.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_dashboard(pilot)
        assert screen.stats["attempts"] == 0
        screen.query_one("#dash-path").value = str(backup)
        await click(pilot, "#import")
        assert {a["id"] for a in fresh.store.attempts()} == original
        assert screen.stats["attempts"] == 120  # the dashboard reloaded
        assert fresh.store.lesson_status("matrices") == "done"
        await pilot.pause()  # the sidebar below shows the imported status (a navigation message)
        marks = fresh.main_screen.query_one(LessonList).get_option("matrices").prompt
        assert str(marks).startswith(STATUS_MARKS["done"])
        await click(pilot, "#import")  # a second import adds nothing
        assert fresh.store.attempt_count() == 120
        assert screen.stats["attempts"] == 120
        # A file that is not an export: a Korean message, nothing changes, no traceback.
        bad = tmp_path / "bad.json"
        bad.write_text("{ not json", encoding="utf-8")
        screen.query_one("#dash-path").value = str(bad)
        await click(pilot, "#import")
        assert fresh.store.attempt_count() == 120
        assert "Traceback" not in visible_text(fresh)
        assert any("가져오지 못했습니다" in message for message in seen)


def test_command_line_export_and_import(make_app, tmp_path, capsys):
    app = make_app()
    record(app.store, planted_history(40, seed=5))
    source = str(app.data_dir)
    target = str(tmp_path / "other")
    backup = str(tmp_path / "all.json")
    assert main(["--data-dir", source, "export", backup]) == 0
    assert "내보냈습니다" in capsys.readouterr().out
    assert main(["--data-dir", target, "import", backup]) == 0
    assert main(["--data-dir", target, "import", backup]) == 0
    other = create_app(target).store
    assert sorted(a["id"] for a in other.attempts()) == sorted(a["id"] for a in app.store.attempts())
    assert main(["--data-dir", target, "import", str(tmp_path / "missing.json")]) == 1
    assert "오류" in capsys.readouterr().err


# --------------------------------------------------------------------------- snapshot

def _dashboard_data(data_dir) -> None:
    from progress import open_store

    store = open_store(data_dir)
    record(store, planted_history(150, seed=21))
    store.set_lesson_status("intro", "done")
    store.close()


async def _dashboard_snapshot_setup(pilot) -> None:
    await settle(pilot)
    await open_dashboard(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


def test_dashboard_snapshot(snap_compare, data_dir, utc):
    _dashboard_data(data_dir)
    assert snap_compare(create_app(data_dir), terminal_size=(120, 40), run_before=_dashboard_snapshot_setup)


# --------------------------------------------------------------------------- issue 12

TICKED = [("gd_basic", "gd_basic-006"), ("gd_advanced", "gd_advanced-002"), ("cnn", "cnn-001")]


def _review_data(store) -> None:
    """Two lessons with the same topic and prompts with code spans, each missed at least once."""
    for k, (lesson, qid) in enumerate(TICKED):
        for j in range(k + 1):
            store.record_attempt(qid, lesson, j % 2 == 1, "1", at=NOW - timedelta(days=3, hours=j))
    # A question answered often: its totals are the widest text of the last column.
    for j in range(123):
        store.record_attempt("matrices-002", "matrices", j % 3 == 0, "1", at=NOW - timedelta(days=2, minutes=j))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_review_lessons_tell_apart_and_prompts_are_rendered(make_app, size):
    app = make_app()
    _review_data(app.store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        review = ReviewScreen(now=NOW)
        await app.push_screen(review)
        await settle(pilot)
        table = review.query_one("#review-table")
        lessons = {key: str(table.get_row(key)[1]) for key in ("gd_basic-006", "gd_advanced-002")}
        assert lessons["gd_basic-006"].startswith("03 순한맛")
        assert lessons["gd_advanced-002"].startswith("04 매운맛")
        prompts = [str(table.get_row(qid)[2]) for _lesson, qid in TICKED]
        assert all("`" not in prompt for prompt in prompts)
        text = visible_text(app)
        assert "03 순한맛" in text and "04 매운맛" in text and "`" not in text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_weakest_table_keeps_its_last_column(make_app, size, utc):
    app = make_app()
    _review_data(app.store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_dashboard(pilot)
        weakest = screen.query_one("#dash-weakest")
        screen.query_one("#dashboard-page").scroll_to_widget(weakest, animate=False)
        await settle(pilot)
        text = visible_text(app)
        for row in app.store.weakest_questions(8):
            assert f"{row['correct']}/{row['total']}" in text  # the 정답 column is not cut
        assert "41/123" in text and "정답" in text and "`" not in text
        assert "03 순한맛" in text and "04 매운맛" in text


async def test_count_axes_have_whole_number_ticks(make_app, utc):
    app = make_app()
    record(app.store, planted_history(150, seed=21))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_dashboard(pilot)
        await settle(pilot)
        for plot_id in ("#plot-activity", "#plot-forecast", "#plot-accuracy"):
            plot = screen.query_one(plot_id)
            assert plot.spec.yint  # counts and whole percentages
            text = plot.render().plain  # the chart as drawn (its own render, public API)
            ticks = [line.split("┤")[0].strip() for line in text.splitlines() if "┤" in line]
            assert len(ticks) >= 2 and all(t.isdigit() for t in ticks), (plot_id, ticks)


async def _review_snapshot_setup(pilot) -> None:
    await settle(pilot)
    await pilot.app.push_screen(ReviewScreen(now=NOW))
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_review_snapshot(snap_compare, data_dir, utc, size):
    from progress import open_store

    store = open_store(data_dir)
    _review_data(store)
    store.close()
    assert snap_compare(create_app(data_dir), terminal_size=size, run_before=_review_snapshot_setup)
