"""Pilot tests of the quiz: every answer type, hints, retries, grading off the UI thread,
what is recorded in the store, the summary and the retry of missed questions; a snapshot."""

from __future__ import annotations

import random
import threading
import time

import numpy as np
import pytest

from ui_helpers import record_notifications, rendered_text, settle, visible_text
from tui.quiz import grading
from tui.quiz.session import REVEALED, QuizSession
from tui.quiz.text import markdown_text, matrix_shape
from tui.screens.main import MainScreen
from tui.screens.quiz import QuizScreen
from tui.screens.quiz_summary import QuizSummaryScreen

# One question of each kind: choice, numeric, expression, 2-D matrix (grid), vector (grid →
# text), generated (with a seed). Keys checked independently below.
WHOLE_QUIZ = ["vectors-001", "vectors-002", "vectors-012", "matrices-001", "vectors-005", "vectors-016"]



async def start_quiz(pilot, ids, seed=11, lesson="vectors") -> QuizScreen:
    app = pilot.app
    await settle(pilot)
    title = f"퀴즈 · {app.services.lesson(lesson).title}"
    screen = QuizScreen(QuizSession([app.services.question(i) for i in ids], title, rng=random.Random(seed)))
    await app.push_screen(screen)
    await settle(pilot)
    return screen


async def type_answer(pilot, text: str) -> None:
    """Put ``text`` in the answer field and press Enter, then wait for the grader."""
    screen = pilot.app.screen
    field = screen.query_one("#answer-input")
    field.value = text
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


def feedback(screen) -> str:
    return str(screen.query_one("#quiz-feedback").render())


def score_text(screen) -> str:
    return rendered_text(screen.query_one("#quiz-score"), width=200)


def key_text(q) -> str:
    """A correct answer for a concrete question, typed as a learner would."""
    if q.type == "matrix":
        rows = q.answer if isinstance(q.answer[0], list) else [q.answer]
        return "; ".join(", ".join(repr(float(v)) for v in row) for row in rows)
    return str(q.answer)


def test_question_keys_used_here_are_right(make_app):
    """The keys this file relies on, recomputed with numpy (not copied from the quiz files)."""
    app = make_app()
    x, y = np.array([1, 7, 2]), np.array([5, 2, 1])
    assert float(np.linalg.norm(x)) == pytest.approx(np.sqrt(54))
    np.testing.assert_allclose(x * y, app.services.question("vectors-005").answer)
    X = np.array([[1, -2, 3], [7, 5, 0], [-2, -1, 2]])
    Y = np.array([[0, 1], [1, -1], [-2, 1]])
    np.testing.assert_allclose(X @ Y, app.services.question("matrices-001").answer)
    assert app.services.question("vectors-001").answer == 1
    # u = (x, 1, 2), w = (3, x, -1): u·w = 3x + x - 2 at a few points
    for v in (-2.0, 0.0, 3.5):
        assert np.dot([v, 1, 2], [3, v, -1]) == pytest.approx(4 * v - 2)
    assert matrix_shape([5, 14, 2]) == (1, 3)
    assert matrix_shape([[1, 2], [3, 4], [5, 6]]) == (3, 2)
    assert matrix_shape([[1, 2], [3]]) is None


async def test_whole_quiz_every_type_hint_retry_and_records(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(pilot, WHOLE_QUIZ)
        store = app.store

        # 1. choice: a wrong pick (number key) gets the targeted message, then the right one.
        assert screen.query_one("#choice-list").option_count == 4
        await pilot.press("1")
        await settle(pilot)
        assert "스칼라가 음수이면" in feedback(screen)
        assert not screen.session.answered
        await pilot.press("2")
        await settle(pilot)
        assert "정답입니다" in feedback(screen) and "해설" in feedback(screen)
        assert [(a["answer"], a["correct"]) for a in store.attempts()] == [("1", False), ("2", True)]
        await pilot.press("f3")
        await settle(pilot)

        # 2. numeric: 'h' typed in the field is text; F2 shows one hint; an unparsable answer is
        # a retry that records nothing; the right value, after the hint, is recorded as hinted.
        field = screen.query_one("#answer-input")
        assert field.has_focus
        await pilot.press("h")
        assert field.value == "h" and screen.session.hints_shown == 0
        await pilot.press("f2")
        assert screen.session.hints_shown == 1
        hints = str(screen.query_one("#quiz-hints").render())
        assert "힌트 1/2" in hints and "힌트 2/2" not in hints
        await type_answer(pilot, "9^9^9^9")
        assert "감점 없음" in feedback(screen) and "지수" in feedback(screen)
        await type_answer(pilot, "sqrt(2")
        assert "감점 없음" in feedback(screen)
        assert store.attempt_count() == 2
        await type_answer(pilot, "sqrt(54)")
        assert "정답입니다" in feedback(screen)
        await pilot.press("enter")  # Enter after a right answer moves on
        await settle(pilot)

        # 3. expression: a known wrong form gets its message, then implicit multiplication.
        assert screen.session.index == 2 and screen.session.current.type == "expression"
        await type_answer(pilot, "3x + x - 2 + 1")
        assert "상수항" in feedback(screen)
        await type_answer(pilot, "2(2x - 1)")
        assert "정답입니다" in feedback(screen)
        await pilot.press("f3")
        await settle(pilot)

        # 4. matrix in a 3×2 grid: Enter walks the cells, the last one submits.
        cells = screen.query(".matrix-cell")
        assert len(cells) == 6 and cells.first().has_focus
        for value in ["-8", "6", "5", "2", "-5", "2/2"]:
            app.screen.focused.value = value
            await pilot.press("enter")
            await pilot.pause()
        await settle(pilot)
        assert "정답입니다" in feedback(screen)
        assert store.attempts()[-1]["answer"] == "-8, 6; 5, 2; -5, 2/2"
        await pilot.press("f3")
        await settle(pilot)

        # 5. a vector answer: F5 switches the grid to one text field.
        assert len(screen.query(".matrix-cell")) == 3
        await pilot.press("f5")
        await settle(pilot)
        assert not screen.query(".matrix-cell")
        await type_answer(pilot, "[6, 9, 3]")
        assert "성분끼리 더한" in feedback(screen)
        await type_answer(pilot, "5, 14, 2")
        assert "정답입니다" in feedback(screen)
        await pilot.press("f3")
        await settle(pilot)

        # 6. generated: drawn from the quiz's RNG; the seed rebuilds exactly this question.
        template = app.services.question("vectors-016")
        seed = screen.session.seed
        assert isinstance(seed, int)
        assert template.instantiate(seed).prompt == screen.session.current.prompt
        await type_answer(pilot, key_text(screen.session.current))
        assert "정답입니다" in feedback(screen)

        attempts = store.attempts()
        assert len(attempts) == 9
        by_question = {}
        for a in attempts:
            by_question.setdefault(a["question_id"], []).append(a)
        assert [a["correct"] for a in by_question["vectors-001"]] == [False, True]
        assert [a["hinted"] for a in by_question["vectors-002"]] == [True]
        assert all(not a["hinted"] for qid, rows in by_question.items() if qid != "vectors-002" for a in rows)
        assert by_question["vectors-016"][0]["seed"] == seed
        assert all(a["seed"] is None for qid, rows in by_question.items() if qid != "vectors-016" for a in rows)
        assert all(a["lesson_id"] == qid.split("-")[0] for qid, rows in by_question.items() for a in rows)

        # Summary: first-try score, the missed ones, and a retry of just those.
        await pilot.press("f3")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, QuizSummaryScreen)
        text = score_text(summary)
        assert "첫 시도 정답 3 / 6" in text
        assert text.count("[다시 풀어 맞힘]") == 3
        assert [q.id for q in screen.session.missed] == ["vectors-001", "vectors-012", "vectors-005"]
        await pilot.press("r")
        await settle(pilot)
        retry = app.screen
        assert isinstance(retry, QuizScreen) and [q.id for q in retry.session.questions] == [
            "vectors-001", "vectors-012", "vectors-005"]
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await type_answer(pilot, "4x - 2")
        await pilot.press("f3")
        await settle(pilot)
        for value in ["5", "14", "14"]:
            app.screen.focused.value = value
            await pilot.press("enter")
            await pilot.pause()
        await settle(pilot)
        assert "3개 원소 중 1개가 다릅니다" in feedback(retry)
        await pilot.press("f4")  # show the key after a wrong try: no second attempt recorded
        await settle(pilot)
        assert "(5, 14, 2)" in feedback(retry)
        await pilot.press("f3")
        await settle(pilot)
        assert "첫 시도 정답 2 / 3" in score_text(app.screen)
        assert store.attempt_count() == 12
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_quiz_opens_from_the_app_and_reveal_records_a_miss(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_open_quiz("matrices")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert len(screen.session.questions) == len(app.catalog.questions("matrices"))
        assert "1/20" in str(screen.query_one("#quiz-progress").render())
        await pilot.press("f4")  # giving up before answering counts as wrong
        await settle(pilot)
        assert "정답:" in feedback(screen) and "해설" in feedback(screen)
        [attempt] = app.store.attempts()
        assert attempt["correct"] is False and attempt["answer"] == REVEALED
        await pilot.press("f3")  # skip the second one without answering: nothing recorded
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert app.store.attempt_count() == 1
        assert screen.session.index == 2
        # The whole screen stays readable at 80×24: no traceback, prompt and buttons shown.
        text = visible_text(app)
        assert "Traceback" not in text and "제출" in text and "3/20" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_generated_questions_get_a_fresh_seed_each_time(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seeds, prompts = [], []
        for _ in range(3):
            screen = QuizScreen(QuizSession([app.services.question("vectors-014")], "퀴즈 · 벡터"))
            await app.push_screen(screen)
            await settle(pilot)
            seeds.append(screen.session.seed)
            prompts.append(screen.session.current.prompt)
            await type_answer(pilot, key_text(screen.session.current))
            assert "정답입니다" in feedback(screen)
            await pilot.press("escape")
            await settle(pilot)
        assert len(set(seeds)) == 3
        assert [a["seed"] for a in app.store.attempts()] == seeds
        template = app.services.question("vectors-014")
        assert [template.instantiate(s).prompt for s in seeds] == prompts


async def test_slow_grading_does_not_block_the_ui(make_app, monkeypatch):
    """A grader that hangs: keys still work, a time limit gives the answer back, and the
    late verdict is dropped (nothing recorded)."""
    import content.grading

    release = threading.Event()

    def stuck(question, text):
        release.wait(20)
        return content.grading.Verdict(True, "정답입니다!")

    monkeypatch.setattr(content.grading, "check_answer", stuck)
    monkeypatch.setattr(grading, "GRADE_TIMEOUT", 3.0)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(pilot, ["vectors-002"])
        field = screen.query_one("#answer-input")
        field.value = "sqrt(54)"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.checking and "채점 중" in feedback(screen), feedback(screen)
        await pilot.press("f2")
        # The UI answered a key while the grader still hangs (no wall-clock bound: the order of
        # events is the claim, and it holds on a busy machine too).
        assert screen.session.hints_shown == 1 and screen.session.checking
        for _ in range(200):  # the 3 s time limit fires (later on a busy machine)
            await pilot.pause(0.1)
            if not screen.session.checking:
                break
        assert not screen.session.checking and "너무 오래" in feedback(screen)
        release.set()
        await settle(pilot)
        assert app.store.attempt_count() == 0
        assert "너무 오래" in feedback(screen)


async def test_pathological_answers_are_retries(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(pilot, ["vectors-012"])
        nested = "(" * 30 + "x" + ")" * 30
        long_sum = "+".join(["sin(cos(x^2))"] * 14)  # 195 characters: just under the cap
        assert len(long_sum) == 195
        for text in ["9^9^9^9", nested, "((9^999)^999)^999", "x +* 2", "y", "x+" * 150 + "x"]:
            started = time.perf_counter()
            await type_answer(pilot, text)
            assert time.perf_counter() - started < grading.GRADE_TIMEOUT
            assert "감점 없음" in feedback(screen), text
        assert app.store.attempt_count() == 0
        await type_answer(pilot, long_sum)
        assert "틀렸습니다" in feedback(screen)
        assert app.store.attempt_count() == 1
        assert "Traceback" not in visible_text(app)


def test_markdown_text_styles_prompts():
    text = markdown_text("값 **라디안**과 `pi/3`\n\n```math\nθ = π/3\n```\n\n- 하나\n- 둘")
    plain = text.plain
    assert "**" not in plain and "`" not in plain
    assert "라디안" in plain and "    θ = π/3" in plain and "• 하나" in plain and "• 둘" in plain
    assert any("bold" in str(span.style) for span in text.spans)


async def _quiz_snapshot_setup(pilot) -> None:
    app = pilot.app
    await settle(pilot)
    questions = [app.services.question(i) for i in ("vectors-002", "vectors-005")]
    await app.push_screen(QuizScreen(QuizSession(questions, "퀴즈 · 벡터", rng=random.Random(5))))
    await settle(pilot)
    await pilot.press("f2")
    await type_answer(pilot, "54")
    for field in app.screen.query("Input"):
        field.cursor_blink = False
    app.set_focus(None)
    await pilot.pause()


def test_quiz_snapshot(snap_compare, data_dir):
    from tui.app import create_app

    assert snap_compare(create_app(data_dir), terminal_size=(120, 40), run_before=_quiz_snapshot_setup)


# --------------------------------------------------------------------------- issue 12

def footer_line(app) -> str:
    return visible_text(app).splitlines()[-1]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_footer_shows_only_keys_that_work_where_focus_is(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start_quiz(pilot, ["vectors-002", "matrices-001"])
        assert screen.query_one("#answer-input").has_focus
        footer = footer_line(app)
        assert "F2 힌트" in footer and "F3 다음" in footer
        assert " h " not in footer and " n " not in footer and "F2/h" not in footer
        assert "F5" not in footer  # no grid to switch on a number question
        await pilot.press("h", "n")  # typed into the field, as the footer implies
        assert screen.query_one("#answer-input").value == "hn" and screen.session.hints_shown == 0
        await pilot.press("f3")
        await settle(pilot)
        assert "F5 한 줄/칸" in footer_line(app)  # the one-line mode is discoverable


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_matrix_grid_is_empty_and_the_prompt_matches_the_input(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start_quiz(pilot, ["matrices-001"])
        cells = list(screen.query(".matrix-cell"))
        assert len(cells) == 6 and all(c.value == "" and c.placeholder == "" for c in cells)
        prompt = str(screen.query_one("#quiz-prompt").render())
        assert "아래 칸에 입력" in prompt and "[[" not in prompt and "꼴로" not in prompt
        assert "빈 칸 6개" in visible_text(app)
        await pilot.press("f5")
        await settle(pilot)
        field = screen.query_one("#answer-input")
        assert "한 줄로" in field.placeholder
        assert "[[" in str(screen.query_one("#quiz-prompt").render())  # the typed form again
        await pilot.press("f5")
        await settle(pilot)
        assert len(screen.query(".matrix-cell")) == 6


async def test_wrong_choice_says_choose_again(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot, ["vectors-001"])
        await pilot.press("1")
        await settle(pilot)
        assert "다시 고르거나" in feedback(screen) and "입력하거나" not in feedback(screen)


async def skip_all(pilot, count: int) -> None:
    for _ in range(count):
        await pilot.press("f3")
        await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_results_open_at_the_top_with_hanging_indents(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start_quiz(pilot, WHOLE_QUIZ)
        await skip_all(pilot, len(WHOLE_QUIZ))
        assert isinstance(app.screen, QuizSummaryScreen)
        lines = visible_text(app).splitlines()
        assert lines[1].strip() == "퀴즈 · 벡터 — 결과"  # the header is one line
        assert any("점수: 첫 시도 정답 0 / 6" in line for line in lines)  # visible without scrolling
        items = [i for i, line in enumerate(lines) if line.startswith("  • [")]
        assert items, "the missed questions are listed"
        from rich.cells import cell_len

        first = lines[items[0]]
        indent = cell_len(first[:first.index("]") + 1]) + 1  # marker, then one cell of padding
        continued = 0
        for i in range(items[0] + 1, len(lines)):
            if lines[i].startswith("  • [") or not lines[i].strip():
                break
            assert len(lines[i]) - len(lines[i].lstrip()) == indent  # hanging indent
            continued += 1
        assert continued or size[0] > 100
        assert "`" not in "\n".join(lines)
        assert "틀린 문제 다시 풀기" in "\n".join(lines)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_retry_offered_when_nothing_was_wrong(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start_quiz(pilot, ["vectors-002"])
        await type_answer(pilot, "sqrt(54)")
        await pilot.press("f3")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, QuizSummaryScreen) and screen.session.score == 1
        text = visible_text(app)
        assert "틀린 문제 다시 풀기" not in text and "모두 첫 시도에 맞혔습니다" in text
        seen = record_notifications(app)
        await pilot.press("r")  # neither a retry nor the app's 복습: it says there is nothing
        await settle(pilot)
        assert app.screen is summary
        assert seen == ["모두 첫 시도에 맞혀서 다시 풀 문제가 없습니다."]


async def _results_setup(pilot) -> None:
    await start_quiz(pilot, WHOLE_QUIZ)
    await skip_all(pilot, len(WHOLE_QUIZ))
    pilot.app.set_focus(None)
    await pilot.pause()


async def _grid_setup(pilot) -> None:
    await start_quiz(pilot, ["matrices-001"])
    for field in pilot.app.screen.query("Input"):
        field.cursor_blink = False
    pilot.app.set_focus(None)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_results_snapshot(snap_compare, data_dir, size):
    from tui.app import create_app

    assert snap_compare(create_app(data_dir), terminal_size=size, run_before=_results_setup)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_matrix_grid_snapshot(snap_compare, data_dir, size):
    from tui.app import create_app

    assert snap_compare(create_app(data_dir), terminal_size=size, run_before=_grid_setup)
