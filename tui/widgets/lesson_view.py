"""The lesson reader: pre-rendered lines shown through Textual's Line API.

Rendering a whole lesson takes tens of milliseconds, so opening one renders only enough blocks
to fill the screen, shows them at once, and renders the rest in a thread worker. Finished
renderings are cached per (lesson, width, palette), so re-opening a lesson costs only a refresh.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from rich.segment import Segment
from textual import work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tui.render import Heading, Palette, RenderedLesson, parse_blocks, render_tokens


@dataclass(frozen=True)
class _Key:
    lesson_id: str
    width: int
    palette: Palette


class RenderCache:
    """Parsed tokens per lesson and rendered lines per (lesson, width, palette), LRU-bounded."""

    def __init__(self, max_renders: int = 48):
        self.tokens: dict[str, list] = {}
        self.renders: OrderedDict[_Key, RenderedLesson] = OrderedDict()
        self.max_renders = max_renders

    def get_tokens(self, lesson_id: str, markdown_source) -> list:
        tokens = self.tokens.get(lesson_id)
        if tokens is None:
            tokens = parse_blocks(markdown_source())
            self.tokens[lesson_id] = tokens
        return tokens

    def get(self, key: _Key) -> RenderedLesson | None:
        found = self.renders.get(key)
        if found is not None:
            self.renders.move_to_end(key)
        return found

    def put(self, key: _Key, rendered: RenderedLesson) -> None:
        self.renders[key] = rendered
        self.renders.move_to_end(key)
        while len(self.renders) > self.max_renders:
            self.renders.popitem(last=False)

    def clear_renders(self) -> None:
        self.renders.clear()


#: The reader is at the end of the lesson (kept there across re-wraps).
END = ("end", 0)


def _marks(rendered: RenderedLesson) -> list[tuple[int, tuple[str, int]]]:
    """(line, mark) for every block start and heading, in reading order (a heading after the
    start of its block, so a heading at the top of the screen is the mark found for it)."""
    marks = [(line, ("b", k)) for k, line in enumerate(rendered.blocks)]
    marks += [(h.line, ("h", j)) for j, h in enumerate(rendered.headings)]
    return sorted(marks, key=lambda m: (m[0], m[1][0] == "h"))


def reading_anchor(rendered: RenderedLesson, top: float, at_end: bool):
    """Where line ``top`` is, independent of the width: (mark, fraction of the way to the next
    mark), or END. Re-wrapping keeps the marks; ``anchor_line`` finds the line again."""
    if at_end:
        return END
    marks = _marks(rendered)
    k = bisect_right([line for line, _m in marks], top) - 1
    if k < 0:
        return None
    line = marks[k][0]
    following = marks[k + 1][0] if k + 1 < len(marks) else len(rendered.lines)
    return marks[k][1], (top - line) / max(1, following - line)


def anchor_line(rendered: RenderedLesson, anchor) -> float | None:
    """The top line for ``anchor`` in ``rendered``; None while ``rendered`` does not reach it."""
    if anchor == END:
        return float(len(rendered.lines)) if rendered.complete else None
    mark, fraction = anchor
    marks = _marks(rendered)
    for k, (line, found) in enumerate(marks):
        if found == mark and (k + 1 < len(marks) or rendered.complete):
            following = marks[k + 1][0] if k + 1 < len(marks) else len(rendered.lines)
            return float(line + round(fraction * (following - line)))
    return None


class LessonView(ScrollView, can_focus=True):
    """Shows one lesson; posts messages when it is scrolled or read to the end."""

    DEFAULT_CSS = """
    LessonView {
        background: $surface;
        scrollbar-gutter: stable;
    }
    """

    BINDINGS = [
        Binding("j,down", "scroll_down", "아래로", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "위로", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "다음 쪽", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "이전 쪽", show=False, id="reader.page_up"),
        Binding("g,home", "scroll_home", "처음으로", show=False, id="reader.home"),
        Binding("G,end", "scroll_end", "끝으로", show=False, id="reader.end"),
        Binding("right_square_bracket", "next_heading", "다음 절", show=False, id="reader.next_heading"),
        Binding("left_square_bracket", "previous_heading", "이전 절", show=False, id="reader.previous_heading"),
    ]

    class Scrolled(Message):
        """The reader's scroll position changed (sent at most a few times a second)."""

        def __init__(self, lesson_id: str, y: float) -> None:
            super().__init__()
            self.lesson_id = lesson_id
            self.y = y

    class ReachedEnd(Message):
        """The reader was scrolled to the last line of a fully rendered lesson."""

        def __init__(self, lesson_id: str) -> None:
            super().__init__()
            self.lesson_id = lesson_id

    class Rendered(Message):
        """A lesson finished rendering at the current width (headings now final)."""

        def __init__(self, lesson_id: str) -> None:
            super().__init__()
            self.lesson_id = lesson_id

    def __init__(self, cache: RenderCache | None = None, *, name=None, id=None, classes=None):
        super().__init__(name=name, id=id, classes=classes)
        self.cache = cache or RenderCache()
        self.lesson_id: str | None = None
        self._source = None
        self._rendered: RenderedLesson | None = None
        self._pending_scroll: float | None = None
        self._pending_anchor = None  # where to scroll once the rest is rendered (a re-wrap)
        self._at_end = False
        self._pending_text: tuple[str, ...] | None = None  # scroll_to_text before the end rendered
        self._scroll_timer = None
        self._palette = Palette()
        self._unsized_scroll: float | None = None
        #: Expected text width before the first layout (set by the screen), so the first lesson
        #: can be in the first frame; a wrong guess only costs a re-render on the first resize.
        self.width_hint = 0
        self._crop_key = None
        self._cropped: dict[int, Strip] = {}
        self._style = None

    # -- public API ------------------------------------------------------------------------

    @property
    def rendered(self) -> RenderedLesson | None:
        return self._rendered

    @property
    def headings(self) -> list[Heading]:
        return self._rendered.headings if self._rendered else []

    @property
    def is_complete(self) -> bool:
        return bool(self._rendered and self._rendered.complete)

    def set_palette(self, palette: Palette) -> None:
        """Follow a theme change: re-render what is shown."""
        if palette == self._palette:
            return
        self._palette = palette
        if self.lesson_id is not None:
            self._show(self.scroll_y)

    def show_lesson(self, lesson_id: str, markdown_source, scroll_y: float = 0.0) -> None:
        """Show a lesson. ``markdown_source`` is a callable returning its Markdown body."""
        self.lesson_id = lesson_id
        self._source = markdown_source
        self._pending_text = None
        self._show(scroll_y)

    def scroll_to_heading(self, index: int) -> None:
        """Scroll so that heading ``index`` (in ``headings``) is at the top."""
        if 0 <= index < len(self.headings):
            self.scroll_to(y=self.headings[index].line, animate=False)

    def find_text(self, needles) -> int | None:
        """The first line showing any of ``needles`` (case and spacing ignored), or None."""
        if self._rendered is None:
            return None
        starts, texts, offset = [], [], 0
        for strip in self._rendered.lines:
            text = " ".join(strip.text.split())
            starts.append(offset)
            texts.append(text)
            offset += len(text) + 1
        haystack = " ".join(texts).casefold()
        found = [haystack.find(" ".join(n.split()).casefold()) for n in needles if n.strip()]
        found = [at for at in found if at >= 0]
        return bisect_right(starts, min(found)) - 1 if found else None

    def scroll_to_text(self, needles) -> None:
        """Scroll to the first place one of ``needles`` appears, with a line above it
        (once the whole lesson is rendered)."""
        if not self.is_complete:
            self._pending_text = tuple(needles)
            return
        self._pending_text = None
        line = self.find_text(needles)
        if line is not None:
            self.call_after_refresh(self.scroll_to, y=max(0, line - 1), animate=False, immediate=True)

    # -- rendering -------------------------------------------------------------------------

    def _width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.width_hint or 80)

    def _key(self) -> _Key:
        return _Key(self.lesson_id, self._width(), self._palette)

    def _show(self, scroll_y: float, anchor=None) -> None:
        """Show the lesson at line ``scroll_y``, or at ``anchor`` (a re-wrap keeps the place)."""
        if not self.size.width and not self.width_hint:
            # Not laid out yet: render once the real width is known (on the first resize).
            self._unsized_scroll = scroll_y
            return
        key = self._key()
        rendered = self.cache.get(key)
        if rendered is None:
            tokens = self.cache.get_tokens(key.lesson_id, self._source)
            height = max(self.size.height, 24)
            rendered = render_tokens(tokens, key.width, key.palette, min_lines=int(scroll_y) + 2 * height)
            if rendered.complete:
                self.cache.put(key, rendered)
            else:
                self._pending_scroll = scroll_y
                self._pending_anchor = anchor
                # Let the first screenful reach the terminal before the thread competes for the GIL.
                self.call_after_refresh(self._render_rest, key, tokens)
        if anchor is not None:
            found = anchor_line(rendered, anchor)
            scroll_y = found if found is not None else scroll_y
        self._apply(rendered, scroll_y)

    def _apply(self, rendered: RenderedLesson, scroll_y: float) -> None:
        self._rendered = rendered
        self._set_virtual_size(Size(rendered.width, len(rendered.lines)))
        target = min(scroll_y, max(0, len(rendered.lines) - 1))
        self.scroll_to(y=target, animate=False, immediate=True)
        if target and self.scroll_y != target:
            # Not laid out yet (just mounted): scroll once the new size is known.
            self.call_after_refresh(self.scroll_to, y=target, animate=False, immediate=True)
        self.refresh()
        if rendered.complete:
            self.post_message(self.Rendered(self.lesson_id))

    def _set_virtual_size(self, size: Size) -> None:
        """Change the scrollable size; skip the screen-wide layout pass when only the length
        changes and the scrollbar stays (every lesson is longer than the screen)."""
        old = self.virtual_size
        height = self.size.height
        if (self.is_mounted and height and old.width == size.width
                and old.height > height and size.height > height):
            self.set_reactive(LessonView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
        else:
            self.virtual_size = size

    @work(thread=True, exclusive=True, group="lesson-render")
    def _render_rest(self, key: _Key, tokens: list) -> None:
        rendered = render_tokens(tokens, key.width, key.palette)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._finish_render, key, rendered)

    def _finish_render(self, key: _Key, rendered: RenderedLesson) -> None:
        self.cache.put(key, rendered)
        if self._key() == key:
            scroll = self._pending_scroll if self._pending_scroll is not None else self.scroll_y
            scroll = max(scroll, self.scroll_y)
            if self._pending_anchor is not None:
                found = anchor_line(rendered, self._pending_anchor)
                scroll = found if found is not None else scroll
            self._pending_scroll = self._pending_anchor = None
            self._apply(rendered, scroll)
            if self._pending_text is not None:
                self.scroll_to_text(self._pending_text)

    def on_resize(self) -> None:
        if self._unsized_scroll is not None and self.size.width:
            scroll_y, self._unsized_scroll = self._unsized_scroll, None
            self._show(scroll_y)
            return
        rendered = self._rendered
        if self.lesson_id is None or rendered is None:
            return
        if rendered.width != self._width():
            # Keep the reader's place: the block (or heading) at the top, or the end.
            anchor = reading_anchor(rendered, self.scroll_y, self._at_end)
            estimate = self.scroll_y * rendered.width / self._width()
            self._show(estimate, anchor)
        elif self._at_end:
            self.call_after_refresh(self.scroll_end, animate=False, immediate=True)

    # -- Line API --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        # Cropped lines are memoised: scrolling then only picks already-built strips.
        key = (scroll_x, width, id(self._rendered))
        if key != self._crop_key:
            self._crop_key = key
            self._cropped = {}
            self._style = self.rich_style
        strip = self._cropped.get(index)
        if strip is None:
            lines = self._rendered.lines if self._rendered else []
            strip = lines[index] if 0 <= index < len(lines) else Strip([Segment("")])
            # The widget's style goes under every segment, so text sits on the reader background.
            strip = strip.crop_extend(scroll_x, scroll_x + width, self._style).apply_style(self._style)
            self._cropped[index] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._crop_key = None

    # -- scrolling feedback ----------------------------------------------------------------

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.lesson_id is None:
            return
        if self._scroll_timer is not None:
            self._scroll_timer.stop()
        self._scroll_timer = self.set_timer(0.3, self._report_scroll)
        self._at_end = bool(new and self.is_complete and new >= self.max_scroll_y)
        if self.is_complete and new >= self.max_scroll_y and len(self._rendered.lines) > 0:
            self.post_message(self.ReachedEnd(self.lesson_id))

    def _report_scroll(self) -> None:
        self._scroll_timer = None
        if self.lesson_id is not None:
            self.post_message(self.Scrolled(self.lesson_id, self.scroll_y))

    # -- heading navigation ----------------------------------------------------------------

    def action_next_heading(self) -> None:
        for heading in self.headings:
            if heading.line > self.scroll_y + 0.5:
                self.scroll_to(y=heading.line, animate=False)
                return
        self.scroll_end(animate=False)

    def action_previous_heading(self) -> None:
        for heading in reversed(self.headings):
            if heading.line < self.scroll_y - 0.5:
                self.scroll_to(y=heading.line, animate=False)
                return
        self.scroll_home(animate=False)
