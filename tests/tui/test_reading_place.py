"""The reader keeps its place across re-wraps (issue 12): hiding or showing the sidebar and
resizing the terminal keep the end at the end and the heading at the top; wrapped code lines
hang under their text after a ↪ mark."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from tui.render import parse_blocks, render_tokens
from tui.render_code import CONTINUATION, wrap_code_line
from tui.widgets.lesson_view import END, anchor_line, reading_anchor

SIZES = [(80, 24), (120, 40)]


async def _settle(pilot):
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_end_then_sidebar_still_shows_the_end(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        reader = app.main_screen.reader
        reader.focus()
        await pilot.press("G")
        await _settle(pilot)
        assert reader.scroll_y == reader.max_scroll_y > 0
        for _ in range(2):  # hide, then show again
            width = reader.rendered.width
            await pilot.press("s")
            await _settle(pilot)
            assert reader.rendered.width != width  # it did re-wrap
            assert reader.scroll_y == reader.max_scroll_y, (reader.scroll_y, reader.max_scroll_y)


@pytest.mark.parametrize("size", SIZES)
async def test_a_resize_keeps_the_heading_at_the_top(make_app, size):
    app = make_app()
    app.store.set_setting("last_lesson", "vectors")
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        reader = app.main_screen.reader
        index = len(reader.headings) // 2
        title = reader.headings[index].text
        reader.scroll_to_heading(index)
        await _settle(pilot)
        for new_size in [(size[0] + 17, size[1]), (size[0] - 9, size[1] + 3), size]:
            old_line = reader.headings[index].line
            await pilot.resize_terminal(*new_size)
            await _settle(pilot)
            heading = reader.headings[index]
            assert heading.text == title
            assert reader.scroll_y == heading.line, (new_size, reader.scroll_y, heading.line, old_line)


def test_the_anchor_finds_the_same_place_at_another_width():
    tokens = parse_blocks("# 제목\n\n" + "\n\n".join(f"문단 {i}: " + "가나다 라마바 " * 30 for i in range(8))
                          + "\n\n## 둘째 절\n\n끝 문단입니다.")
    wide, narrow = render_tokens(tokens, 100), render_tokens(tokens, 40)
    assert len(narrow.lines) > len(wide.lines)
    second = wide.headings[1]
    anchor = reading_anchor(wide, second.line, at_end=False)
    assert anchor_line(narrow, anchor) == narrow.headings[1].line
    # Halfway through the fourth paragraph stays halfway through it.
    start, stop = wide.blocks[4], wide.blocks[5]
    middle = anchor_line(narrow, reading_anchor(wide, (start + stop) // 2, at_end=False))
    assert narrow.blocks[4] < middle < narrow.blocks[5]
    assert anchor_line(narrow, reading_anchor(wide, 3, at_end=True)) == len(narrow.lines)
    assert reading_anchor(wide, 3, at_end=True) == END


def test_wrapped_code_lines_hang_under_their_text():
    console = Console(width=40, file=open("/dev/null", "w"))
    line = Text("    total = alpha_beta_gamma + delta_epsilon_zeta + eta_theta_iota")
    pieces = wrap_code_line(line, console, 30)
    assert len(pieces) >= 2 and pieces[0][0] == 0
    hang = 4 + len(CONTINUATION)
    assert all(h == hang and p.cell_len <= 30 - hang for h, p in pieces[1:])
    joined = "".join(p.plain for _h, p in pieces)
    assert joined.replace(" ", "") == line.plain.replace(" ", "")
    assert wrap_code_line(Text("short = 1"), console, 30) == [(0, Text("short = 1"))]


def test_the_reader_draws_the_continuation_mark():
    tokens = parse_blocks("```python\nresult = first_value_name + second_value_name + third_value_name\n```\n")
    lines = [strip.text for strip in render_tokens(tokens, 40).lines if strip.text.strip()]
    assert len(lines) >= 2
    assert CONTINUATION.strip() not in lines[0] and lines[1].lstrip().startswith(CONTINUATION.strip())
    assert lines[1].index("second") == lines[0].index("result") + len(CONTINUATION)
