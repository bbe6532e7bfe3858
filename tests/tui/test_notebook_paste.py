"""The 계산 노트 screen with what a learner pastes: a block of several lines, a line of
100,000 characters, and a restore cancelled with Esc (nothing saved may be lost)."""

from __future__ import annotations

from textual import events

from tui.app import create_app
from ui_helpers import open_notebook as _open
from ui_helpers import settle as _settle
from tui.screens.notebook import NotebookCell, NotebookInput, NotebookScreen


async def _paste(pilot, text: str) -> None:
    pilot.app.screen.query_one(NotebookInput).post_message(events.Paste(text))
    await _settle(pilot)


def _saved(app) -> list[str]:
    return app.store.get_setting("notebook", [])


async def test_a_pasted_block_runs_every_line(data_dir):
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        await _paste(pilot, "A = [[1, 2],\n     [3, 4]]\n\ndet(A)\nA @ A\n")
        cells = list(screen.query(NotebookCell))
        assert [c.line for c in cells] == ["A = [[1, 2], [3, 4]]", "det(A)", "A @ A"]
        assert cells[1].output.text == "−2"
        assert cells[2].output.text == "⎡  7  10 ⎤\n⎣ 15  22 ⎦"
        assert screen.query_one(NotebookInput).value == ""
        await _paste(pilot, "det(A)")  # one line is typed into the field, not run
        assert screen.query_one(NotebookInput).value == "det(A)"
    assert _saved(app) == ["A = [[1, 2], [3, 4]]", "det(A)", "A @ A"]


async def test_a_huge_line_does_not_stop_the_notebook_from_being_saved(data_dir):
    app = create_app(data_dir)
    huge = "x+" * 50_000 + "x"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        field = screen.query_one(NotebookInput)
        for line in ["a = 2", huge, "a + 1"]:
            field.value = line
            await pilot.press("enter")
            await _settle(pilot)
        cells = list(screen.query(NotebookCell))
        assert cells[1].output.error and "너무 깁니다" in cells[1].output.text
        assert len(str(cells[1].query_one(".notebook-text").render())) < 1000  # echo cut short
        assert cells[2].output.text == "3"
    assert _saved(app) == ["a = 2", "a + 1"]


async def test_cancelling_a_restore_keeps_the_lines_not_run_yet(data_dir):
    slow = [f"diff(exp(sin({i}x)), x, 8)" for i in range(2, 40)]  # a quarter of a second each
    lines = ["a = 1"] + slow + ["b = 2"]
    app = create_app(data_dir)
    app.store.set_setting("notebook", lines)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause(0.3)
        await pilot.press("escape")  # cancels the restore (the screen stays open)
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        field = screen.query_one(NotebookInput)
        field.value = "1 + 1"
        await pilot.press("enter")
        await _settle(pilot)
    saved = _saved(app)
    assert saved[:len(lines)] == lines and saved[-1] == "1 + 1"


async def test_an_export_that_cannot_be_written_says_why_in_korean(data_dir, monkeypatch):
    from tui.screens.notebook import export_path

    app = create_app(data_dir)
    notes: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        export_path(data_dir).mkdir(parents=True)  # a folder where the file should go
        monkeypatch.setattr(screen, "notify", lambda message, **kw: notes.append(message))
        await pilot.press("ctrl+s")
        await _settle(pilot)
    assert len(notes) == 1 and "내보내지 못했습니다" in notes[0], notes
    assert not any(word in notes[0] for word in ("Is a directory", "Errno", "Permission")), notes


async def test_a_matrix_wider_than_the_screen_keeps_its_rows_and_scrolls_sideways(data_dir):
    from textual.containers import HorizontalScroll

    app = create_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        field = screen.query_one(NotebookInput)
        for line in ["H = hessian(sin(x*y*z*t), [x, y, z, t])", "A = [[1, 2], [3, 4]]"]:
            field.value = line
            await pilot.press("enter")
            await _settle(pilot)
        wide, narrow = list(screen.query(NotebookCell))
        box = wide.query_one(HorizontalScroll)
        text = wide.query_one(".notebook-output")
        assert text.size.height == 1 + 4 and text.size.width > 80  # 'H =' and four whole rows
        assert box.max_scroll_x > 0
        assert not narrow.query(HorizontalScroll)  # a small matrix stays as it was


async def test_memory_does_not_grow_with_every_big_result(data_dir):
    import tracemalloc

    lines = [f"a = ones(1000, 250) * {i}" for i in range(60)] + ["sum(a)"]
    app = create_app(data_dir)
    app.store.set_setting("notebook", lines)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        tracemalloc.start()
        try:
            await pilot.press("ctrl+n")
            await _settle(pilot)
            held = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        cells = list(app.screen.query(NotebookCell))
        assert cells[-1].output.text == "14750000"  # 59 · 250,000: the names still hold a
        # 120 MB of results, plus SymPy imported on the way (about 40 MB): only the names stay
        assert held < 80e6, f"{held / 1e6:.0f} MB held after restoring 60 results of 2 MB"
