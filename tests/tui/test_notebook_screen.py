"""The 계산 노트 screen under Pilot: define, compute, plot, restart, export, recall, cancel."""

from __future__ import annotations

import pytest

from tui.app import create_app
from ui_helpers import open_notebook as _open
from ui_helpers import settle as _settle
from tui.screens.notebook import NotebookCell, NotebookInput, NotebookScreen, export_path


async def _type(pilot, line: str) -> None:
    field = pilot.app.screen.query_one(NotebookInput)
    field.value = line
    await pilot.press("enter")
    await _settle(pilot)


def _cells(screen) -> list[NotebookCell]:
    return list(screen.query(NotebookCell))


async def test_define_compute_and_plot(data_dir):
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        await _type(pilot, "A = [[1, 2], [3, 4]]")
        await _type(pilot, "det(A)")
        await _type(pilot, "f = x^2 + 2x + 3")
        await _type(pilot, "diff(f, x)")
        await _type(pilot, "plot(f, x, -3, 3)")
        await _type(pilot, "inv([[1, 2], [2, 4]])")
        cells = _cells(screen)
        assert [c.line for c in cells][:2] == ["A = [[1, 2], [3, 4]]", "det(A)"]
        assert cells[1].output.text == "−2"
        assert cells[3].output.text == "2x + 2"
        from tui.widgets.panel_view import SpecPlot

        assert len(cells[4].query(SpecPlot)) == 1
        assert cells[5].output.error and "pinv" in cells[5].output.text
        assert screen.query_one(NotebookInput).value == ""


async def test_notebook_survives_a_restart(data_dir):
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(pilot)
        await _type(pilot, "v = [3, 4]")
        await _type(pilot, "norm(v)")
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        cells = _cells(screen)
        assert [c.line for c in cells] == ["v = [3, 4]", "norm(v)"]
        assert cells[1].output.text == "5"
        await _type(pilot, "v @ v")
        assert _cells(screen)[-1].output.text == "25"


async def test_recall_with_up_and_down(data_dir):
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        await _type(pilot, "1 + 1")
        await _type(pilot, "2 + 2")
        field = screen.query_one(NotebookInput)
        await pilot.press("up")
        assert field.value == "2 + 2"
        await pilot.press("up")
        assert field.value == "1 + 1"
        await pilot.press("down", "down")
        assert field.value == ""


async def test_export_writes_markdown(data_dir):
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(pilot)
        await _type(pilot, "A = [[1, 2], [3, 4]]")
        await _type(pilot, "det(A)")
        await pilot.press("ctrl+s")
        await _settle(pilot)
    text = export_path(data_dir).read_text(encoding="utf-8")
    assert "```\ndet(A)\n```" in text and "−2" in text and "⎡ 1  2 ⎤" in text


async def test_clear_empties_the_notebook_and_what_is_saved(data_dir):
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        await _type(pilot, "a = 2")
        await pilot.press("ctrl+l")
        await _settle(pilot)
        assert _cells(screen) == []
        await _type(pilot, "a")
        assert _cells(screen)[-1].output.error
    app = create_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        assert [c.line for c in _cells(screen)] == ["a"]


async def test_escape_closes_and_hostile_lines_stay_on_screen(data_dir):
    app = create_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        for line in ["__import__('os')", "9^9^9", "zeros(99999, 99999)", "sin(cosh(cosh(cosh(cosh(2)))))"]:
            await _type(pilot, line)
        assert all(c.output.error for c in _cells(screen))
        await pilot.press("escape")
        await _settle(pilot)
        assert not isinstance(app.screen, NotebookScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_notebook_snapshot(snap_compare, tmp_path, size):
    async def run_before(pilot) -> None:
        await _open(pilot)
        for line in ["A = [[1, 2], [3, 4]]", "inv(A)", "f = x^2 + 2x + 3", "diff(f, x)",
                     "plot(f, x, -3, 3)", "U, S, Vt = svd(A)"]:
            await _type(pilot, line)

    assert snap_compare(create_app(tmp_path / "data"), terminal_size=size, run_before=run_before)


async def test_long_notebook_restores_older_lines_as_one_block(data_dir):
    from tui.screens.notebook import KEEP_AS_CELLS, NotebookHistory

    lines = [f"a{i} = {i}" for i in range(60)] + ["plot(x^2, x, -1, 1)", "a59 + 1"]
    app = create_app(data_dir)
    app.store.set_setting("notebook", lines)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        history = screen.query_one(NotebookHistory)
        assert len(history.cells) == len(lines) - KEEP_AS_CELLS
        assert len(_cells(screen)) == KEEP_AS_CELLS
        assert _cells(screen)[-1].output.text == "60"
        assert screen.notebook.inputs == lines


async def test_lesson_sends_its_example_values(data_dir):
    app = create_app(data_dir)
    app.store.set_setting("last_lesson", "vectors")
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        pilot.app.screen.query_one("#reader").focus()
        await pilot.press("c")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        assert [c.line for c in _cells(screen)] == ["x = [1, 7, 2]", "y = [5, 2, 1]"]
        await _type(pilot, "x - y")
        assert _cells(screen)[-1].output.text == "[−4, 5, 1]"
        await pilot.press("escape")
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)
        assert len(_cells(app.screen)) == 3  # not sent again while they are still there
