"""Markdown → pre-rendered terminal lines for the lesson reader.

The stock ``Markdown`` widget mounts one widget per block, which takes seconds for a long
lesson. Here a lesson is parsed once with markdown-it and rendered block by block into a flat
list of :class:`~textual.strip.Strip` objects at one width; the reader shows them through the
Line API and caches them per width. Rendering is pure (no app state), so it can run in a
worker thread.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.render_code import CONTINUATION, highlight_code, wrap_code_line
from tui.render_table import table_cells, table_lines
from tui.render_text import append_with_panel_links, flank_korean_emphasis, strip_flanks, wrap

#: Space to the left of all text, so the lesson does not touch the sidebar.
MARGIN = 1


@dataclass(frozen=True)
class Palette:
    """Colours taken from the app theme (hex strings), so the reader follows it."""

    primary: str = "#0178D4"
    secondary: str = "#004578"
    accent: str = "#ffa62b"
    foreground: str = "#e0e0e0"
    muted: str = "#9a9a9a"
    code_background: str = "#1e1e1e"
    dark: bool = True

    @classmethod
    def from_theme(cls, theme) -> "Palette":
        """Build a palette from a ``textual.theme.Theme``."""
        dark = bool(theme.dark)
        foreground = theme.foreground or ("#e0e0e0" if dark else "#1f1f1f")
        return cls(
            primary=theme.primary,
            secondary=theme.secondary or theme.primary,
            accent=theme.accent or theme.primary,
            foreground=foreground,
            muted="#9a9a9a" if dark else "#606060",
            code_background="#1e1e1e" if dark else "#f2f2f2",
            dark=dark,
        )


@dataclass
class Heading:
    level: int
    text: str
    line: int


@dataclass
class RenderedLesson:
    """A lesson rendered at one width: the lines and where each heading starts."""

    width: int
    lines: list[Strip] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    #: The first line of every top-level block: where the reader is, whatever the width.
    blocks: list[int] = field(default_factory=list)
    #: False when rendering stopped early (``min_lines``) and more blocks follow.
    complete: bool = True


_parser_lock = threading.Lock()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def parse_blocks(markdown: str) -> list[Token]:
    """Parse Markdown into markdown-it block tokens."""
    markdown = flank_korean_emphasis(markdown)
    with _parser_lock:
        return _parser().parse(markdown)


class _Renderer:
    """Walks the block tokens and appends rendered lines."""

    def __init__(self, width: int, palette: Palette):
        self.width = max(20, width)
        self.palette = palette
        self.console = Console(
            width=self.width,
            file=io.StringIO(),
            color_system="truecolor",
            force_terminal=True,
            legacy_windows=False,
            emoji=False,
            highlight=False,
            markup=False,
        )
        p = palette
        self.style_text = Style(color=p.foreground)
        self.style_h2 = Style(color=p.primary, bold=True)
        self.style_h3 = Style(color=p.accent, bold=True)
        self.style_h4 = Style(color=p.foreground, bold=True, underline=True)
        self.style_code_inline = Style(color=p.accent, bgcolor=p.code_background)
        self.style_math = Style(color=p.accent, bold=True)
        self.style_bullet = Style(color=p.primary, bold=True)
        self.style_rule = Style(color=p.muted)
        self.out = RenderedLesson(width=width)

    # -- helpers -----------------------------------------------------------------------------

    def blank(self) -> None:
        if self.out.lines and self.out.lines[-1].cell_length:
            self.out.lines.append(Strip.blank(0))

    def emit_text(self, text: Text, indent: int = 0, first_prefix: Text | None = None,
                  prefix: Text | None = None) -> None:
        """Wrap ``text`` to the available width and append it, with optional prefixes."""
        lead = MARGIN + indent
        first_prefix = first_prefix or Text("")
        prefix = prefix or Text(" " * first_prefix.cell_len)
        avail = max(10, self.width - lead - first_prefix.cell_len)
        wrapped = wrap(text, self.console, avail, overflow="fold")
        for i, line in enumerate(wrapped):
            line.rstrip_end(avail)
            pre = first_prefix if i == 0 else prefix
            segments = [Segment(" " * lead)] if lead else []
            segments.extend(pre.render(self.console))
            segments.extend(line.render(self.console))
            self.out.lines.append(Strip(segments))

    def inline(self, token: Token, base: Style | None = None) -> Text:
        """Inline children → rich Text with bold/italic/code styles."""
        text = Text(style=base or self.style_text)
        stack: list[Style] = []
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                append_with_panel_links(text, strip_flanks(child.content),
                                         Style.chain(*stack) if stack else None,
                                         Style(underline=True, bold=True, color=self.palette.primary))
            elif kind == "code_inline":
                text.append(child.content, self.style_code_inline)
            elif kind in ("softbreak",):
                text.append(" ")
            elif kind == "hardbreak":
                text.append("\n")
            elif kind == "strong_open":
                stack.append(Style(bold=True))
            elif kind == "em_open":
                stack.append(Style(italic=True))
            elif kind == "s_open":
                stack.append(Style(strike=True))
            elif kind == "link_open":
                stack.append(Style(underline=True, color=self.palette.primary))
            elif kind in ("strong_close", "em_close", "s_close", "link_close"):
                if stack:
                    stack.pop()
            elif kind == "image":
                text.append(f"[그림: {child.content}]", Style(italic=True))
            elif kind == "html_inline":
                text.append(child.content)
        return text

    # -- blocks ------------------------------------------------------------------------------

    def render(self, tokens: list[Token], min_lines: int | None = None) -> RenderedLesson:
        self.min_lines = min_lines
        self.blocks(tokens, 0, len(tokens), indent=0)
        self.out.complete = self.min_lines is None or len(self.out.lines) < self.min_lines
        while self.out.lines and not self.out.lines[-1].cell_length:
            self.out.lines.pop()
        return self.out

    def blocks(self, tokens: list[Token], start: int, end: int, indent: int) -> None:
        i = start
        while i < end:
            if indent == 0:
                if self.min_lines is not None and len(self.out.lines) >= self.min_lines:
                    return
                self.out.blocks.append(len(self.out.lines))
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                self.heading(tok, tokens[i + 1], indent)
                i += 3
            elif kind == "paragraph_open":
                if not tok.hidden:
                    self.blank()
                self.emit_text(self.inline(tokens[i + 1]), indent)
                i += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                close = _matching(tokens, i)
                self.list_block(tokens, i, close, indent)
                i = close + 1
            elif kind == "blockquote_open":
                close = _matching(tokens, i)
                self.quote(tokens, i + 1, close, indent)
                i = close + 1
            elif kind == "table_open":
                close = _matching(tokens, i)
                self.table(tokens, i + 1, close, indent)
                i = close + 1
            elif kind in ("fence", "code_block"):
                self.code(tok, indent)
                i += 1
            elif kind == "hr":
                self.blank()
                self.out.lines.append(Strip([Segment(" " * MARGIN),
                                             Segment("─" * (self.width - 2 * MARGIN), self.style_rule)]))
                i += 1
            elif kind == "html_block":
                self.blank()
                self.emit_text(Text(tok.content.strip(), self.style_text), indent)
                i += 1
            else:
                i += 1

    def heading(self, tok: Token, inline: Token, indent: int) -> None:
        level = int(tok.tag[1:])
        style = {1: self.style_h2, 2: self.style_h2, 3: self.style_h3}.get(level, self.style_h4)
        plain = inline.content
        if self.out.lines:
            self.blank()
            if level <= 2:
                self.out.lines.append(Strip.blank(0))
        self.out.headings.append(Heading(level, plain, len(self.out.lines)))
        marker = {1: "■ ", 2: "■ ", 3: "▸ "}.get(level, "")
        self.emit_text(self.inline(inline, style), indent, first_prefix=Text(marker, style))
        if level <= 2:
            rule = min(self.width - 2 * MARGIN - indent, max(Text(marker + plain).cell_len + 2, 24))
            self.out.lines.append(Strip([Segment(" " * (MARGIN + indent)), Segment("━" * rule, style)]))

    def list_block(self, tokens: list[Token], start: int, close: int, indent: int,
                   nested: bool = False) -> None:
        ordered = tokens[start].type == "ordered_list_open"
        number = int(tokens[start].attrGet("start") or 1) if ordered else 0
        if not nested:
            self.blank()
        i = start + 1
        while i < close:
            if tokens[i].type != "list_item_open":
                i += 1
                continue
            item_close = _matching(tokens, i)
            marker = f"{number}. " if ordered else "• "
            number += 1
            self.list_item(tokens, i + 1, item_close, indent, marker)
            i = item_close + 1

    def list_item(self, tokens: list[Token], start: int, end: int, indent: int, marker: str) -> None:
        first = True
        i = start
        width = len(marker)
        while i < end:
            tok = tokens[i]
            if tok.type == "paragraph_open":
                text = self.inline(tokens[i + 1])
                if first:
                    self.emit_text(text, indent, first_prefix=Text(marker, self.style_bullet))
                    first = False
                else:
                    self.emit_text(text, indent + width)
                i += 3
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                close = _matching(tokens, i)
                if first:
                    self.emit_text(Text(""), indent, first_prefix=Text(marker, self.style_bullet))
                    first = False
                self.list_block(tokens, i, close, indent + width, nested=True)
                i = close + 1
            else:
                close = _matching(tokens, i) if tok.nesting == 1 else i
                self.blocks(tokens, i, close + 1, indent + width)
                first = False
                i = close + 1

    def quote(self, tokens: list[Token], start: int, end: int, indent: int) -> None:
        before = len(self.out.lines)
        self.blocks(tokens, start, end, indent + 2)
        bar = Segment("▌", Style(color=self.palette.primary))
        for n in range(before, len(self.out.lines)):
            line = self.out.lines[n]
            segments = list(line)
            if not segments:
                continue
            # Replace the first cells of the indentation with the quote bar.
            first = segments[0]
            if first.text.startswith(" " * (MARGIN + indent + 1)):
                rest = first.text[MARGIN + indent + 1:]
                segments[0] = Segment(" " * (MARGIN + indent))
                segments.insert(1, bar)
                segments.insert(2, Segment(rest))
            styled = [Segment(s.text, (s.style or Style()) + Style(italic=True)) if k > 2 else s
                      for k, s in enumerate(segments)]
            self.out.lines[n] = Strip(styled)

    def table(self, tokens: list[Token], start: int, end: int, indent: int) -> None:
        """A pipe table drawn with box characters; columns shrink (and cells wrap) to fit."""
        rows, aligns = table_cells(tokens[start:end], self.inline)
        if not rows:
            return
        self.blank()
        self.out.lines.extend(table_lines(rows, aligns, self.console, MARGIN + indent, self.width - MARGIN - indent,
                                          header=Style(color=self.palette.primary, bold=True),
                                          border=Style(color=self.palette.muted)))

    def code(self, tok: Token, indent: int) -> None:
        info = (tok.info or "").strip().split()
        lang = info[0] if info else ""
        body = tok.content.rstrip("\n")
        self.blank()
        if lang == "math":
            for line in body.splitlines():
                self.emit_text(Text(line, self.style_math), indent + 4)
            return
        background = Style(bgcolor=self.palette.code_background)
        lead = Segment(" " * (MARGIN + indent + 2))
        avail = max(10, self.width - MARGIN - indent - 4)
        mark = background + self.style_rule
        for line in highlight_code(body, lang, self.palette.dark):
            for hang, piece in wrap_code_line(line, self.console, avail):
                piece.rstrip()
                segments = [lead, Segment(" ", background)]
                if hang:  # a continuation: hangs under the line's text, after a muted ↪
                    segments.append(Segment(" " * (hang - len(CONTINUATION)), background))
                    segments.append(Segment(CONTINUATION, mark))
                segments.extend(Segment(s.text, background + s.style if s.style else background)
                                for s in piece.render(self.console))
                segments.append(Segment(" " * (avail - hang - piece.cell_len + 1), background))
                self.out.lines.append(Strip(segments))


def _matching(tokens: list[Token], start: int) -> int:
    """Index of the token closing the block opened at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def render_tokens(tokens: list[Token], width: int, palette: Palette | None = None,
                  min_lines: int | None = None) -> RenderedLesson:
    """Render parsed blocks to terminal lines at ``width`` cells.

    With ``min_lines``, stop after the first top-level block that reaches that many lines
    (the result then has ``complete=False``): enough to fill the screen at once.
    """
    return _Renderer(width, palette or Palette()).render(tokens, min_lines)

