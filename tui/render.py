"""Markdown → pre-rendered terminal lines for the lesson reader.

The stock ``Markdown`` widget mounts one widget per block, which takes seconds for a long
lesson. Here a lesson is parsed once with markdown-it and rendered block by block into a flat
list of :class:`~textual.strip.Strip` objects at one width; the reader shows them through the
Line API and caches them per width. Rendering is pure (no app state), so it can run in a
worker thread.
"""

from __future__ import annotations

import io
import re
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
    #: False when rendering stopped early (``min_lines``) and more blocks follow.
    complete: bool = True


_parser_lock = threading.Lock()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def parse_blocks(markdown: str) -> list[Token]:
    """Parse Markdown into markdown-it block tokens."""
    markdown = _flank_korean_emphasis(markdown)
    with _parser_lock:
        return _parser().parse(markdown)


# CommonMark's flanking rules do not close ``**`` after punctuation when a letter follows, nor
# open it after a letter when punctuation follows: ``**지도학습(supervised learning)**입니다``
# stays literal. A zero-width space (not punctuation, not whitespace) next to such a run makes
# it flank; ``inline`` drops the zero-width spaces again. Code spans and fences are untouched.
_ZWSP = "\u200b"
_PUNCT = r"""[)\]}"'”’.,:;!?%…》」』〉]"""
_OPEN_PUNCT = r"""[(\[{"'“‘`《「『〈]"""
_CLOSE_RE = re.compile(rf"(?<={_PUNCT})(\*\*)(?=\w)")
_OPEN_RE = re.compile(rf"(?<=\w)(\*\*)(?={_OPEN_PUNCT})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1")
_FENCE_LINE_RE = re.compile(r"^\s*(?:>\s?)*(`{3,}|~{3,})")


def _flank_korean_emphasis(markdown: str) -> str:
    if "**" not in markdown:
        return markdown
    out, fence = [], None
    for line in markdown.split("\n"):
        m = _FENCE_LINE_RE.match(line)
        if m:
            fence = None if fence and m.group(1).startswith(fence) else (fence or m.group(1)[:3])
        if fence or m or "**" not in line:
            out.append(line)
            continue
        pieces, pos = [], 0
        for span in _CODE_SPAN_RE.finditer(line):
            pieces.append(_flank(line[pos:span.start()]))
            pieces.append(span.group(0))
            pos = span.end()
        pieces.append(_flank(line[pos:]))
        out.append("".join(pieces))
    return "\n".join(out)


def _flank(text: str) -> str:
    text = _CLOSE_RE.sub(_ZWSP + r"\1", text)
    return _OPEN_RE.sub(r"\1" + _ZWSP, text)


# Inline formulas join their parts with no-break spaces; rich breaks lines at any Unicode space,
# so they are swapped for a private-use stand-in while wrapping and shown as plain spaces.
_NBSP, _GLUE = "\u00a0", "\ue000"


def _wrap(text: Text, console: Console, width: int, **options) -> list[Text]:
    """``Text.wrap`` that never breaks a line at a no-break space."""
    if _NBSP not in text.plain:
        return list(text.wrap(console, width, **options))
    glued = text.copy()
    glued.plain = text.plain.replace(_NBSP, _GLUE)
    lines = list(glued.wrap(console, width, **options))
    for line in lines:
        line.plain = line.plain.replace(_GLUE, " ")
    return lines


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
        self.style_quote = Style(color=p.muted, italic=True)
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
        wrapped = _wrap(text, self.console, avail, overflow="fold")
        for i, line in enumerate(wrapped):
            line.rstrip_end(avail)
            pre = first_prefix if i == 0 else prefix
            segments = [Segment(" " * lead)] if lead else []
            segments.extend(pre.render(self.console))
            segments.extend(line.render(self.console))
            self.out.lines.append(Strip(segments))

    def emit_renderable(self, renderable, indent: int = 0) -> None:
        lead = MARGIN + indent
        options = self.console.options.update_width(max(10, self.width - lead))
        for segments in self.console.render_lines(renderable, options, pad=False):
            self.out.lines.append(Strip([Segment(" " * lead), *segments]))

    def inline(self, token: Token, base: Style | None = None) -> Text:
        """Inline children → rich Text with bold/italic/code styles."""
        text = Text(style=base or self.style_text)
        stack: list[Style] = []
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                _append_with_panel_links(text, child.content.replace(_ZWSP, ""),
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
            if indent == 0 and self.min_lines is not None and len(self.out.lines) >= self.min_lines:
                return
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
        rows: list[list[Text]] = []
        aligns: list[str] = []
        row: list[Text] = []
        header = True
        for tok in tokens[start:end]:
            if tok.type in ("th_open", "td_open") and header:
                aligns.append((tok.attrGet("style") or "").replace("text-align:", "") or "left")
            elif tok.type == "inline":
                row.append(self.inline(tok))
            elif tok.type == "tr_close":
                rows.append(row)
                row = []
                header = False
        if not rows:
            return
        ncols = max(len(r) for r in rows)
        for r in rows:
            r.extend(Text("") for _ in range(ncols - len(r)))
        aligns.extend("left" for _ in range(ncols - len(aligns)))
        rows[0] = [Text(cell.plain, Style(color=self.palette.primary, bold=True)) for cell in rows[0]]
        natural = [max(r[c].cell_len for r in rows) for c in range(ncols)]
        widths = _fit_columns(natural, self.width - MARGIN - indent - (3 * ncols + 1))
        border = Style(color=self.palette.muted)
        lead = Segment(" " * (MARGIN + indent))

        def rule(left: str, mid: str, right: str) -> Strip:
            body = mid.join("─" * (w + 2) for w in widths)
            return Strip([lead, Segment(left + body + right, border)])

        self.blank()
        self.out.lines.append(rule("╭", "┬", "╮"))
        for n, r in enumerate(rows):
            cells = [_wrap(cell, self.console, w, justify=_justify(a), overflow="fold")
                     for cell, w, a in zip(r, widths, aligns)]
            height = max(len(c) for c in cells)
            for k in range(height):
                segments = [lead, Segment("│", border)]
                for c, w, a in zip(cells, widths, aligns):
                    piece = c[k] if k < len(c) else Text("")
                    piece = piece.copy()
                    piece.rstrip()
                    pad = w - piece.cell_len
                    left = pad // 2 if a == "center" else (pad if a == "right" else 0)
                    segments.append(Segment(" " * (1 + left)))
                    segments.extend(piece.render(self.console))
                    segments.append(Segment(" " * (1 + pad - left)))
                    segments.append(Segment("│", border))
                self.out.lines.append(Strip(segments))
            if n == 0 and len(rows) > 1:
                self.out.lines.append(rule("├", "┼", "┤"))
        self.out.lines.append(rule("╰", "┴", "╯"))

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
        for line in highlight_code(body, lang, self.palette.dark):
            for piece in line.wrap(self.console, avail, overflow="fold", no_wrap=False):
                piece.rstrip()
                segments = [lead, Segment(" ", background)]
                segments.extend(Segment(s.text, background + s.style if s.style else background)
                                for s in piece.render(self.console))
                segments.append(Segment(" " * (avail - piece.cell_len + 1), background))
                self.out.lines.append(Strip(segments))


def _justify(align: str) -> str:
    return align if align in ("left", "center", "right") else "left"


def _fit_columns(natural: list[int], available: int) -> list[int]:
    """Column widths: natural widths if they fit, else the widest columns shrink first."""
    widths = [max(1, w) for w in natural]
    available = max(available, 3 * len(widths))
    while sum(widths) > available:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= 3:
            break
        widths[widest] -= 1
    return widths


@lru_cache(maxsize=256)
def highlight_code(code: str, lang: str, dark: bool) -> tuple[Text, ...]:
    """Syntax-highlight ``code`` with Pygments into one Text per source line (width-free)."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(lang or "text")
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    styles = _token_styles("monokai" if dark else "friendly")
    default = Style(color="#f8f8f2" if dark else "#1f1f1f")
    lines: list[Text] = [Text()]
    for ttype, value in lexer.get_tokens(code):
        style = styles(ttype) or default
        parts = value.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append(Text())
            if part:
                lines[-1].append(part, style)
    if lines and not lines[-1].plain:
        lines.pop()
    return tuple(lines)


@lru_cache(maxsize=4)
def _token_styles(name: str):
    from pygments.styles import get_style_by_name

    pyg = get_style_by_name(name)
    cache: dict = {}

    def lookup(ttype) -> Style | None:
        if ttype not in cache:
            spec = pyg.style_for_token(ttype)
            color = spec.get("color")
            cache[ttype] = Style(color=f"#{color}" if color else None,
                                 bold=spec.get("bold") or None, italic=spec.get("italic") or None)
        return cache[ttype]

    return lookup


def _matching(tokens: list[Token], start: int) -> int:
    """Index of the token closing the block opened at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


_PANEL_MARKER = re.compile(r"\[실습: ([a-z_]+\.[a-z_0-9]+)\]")


def _panel_titles() -> dict[str, str]:
    from tui.panels import all_panels

    return {pid: panel.title for pid, panel in all_panels().items()}


def _append_with_panel_links(text: Text, content: str, style: Style | None, link: Style) -> None:
    """A lesson's ``[실습: panel.id]`` shows the panel's Korean title and opens it on a click."""
    if "[실습:" not in content:
        text.append(content, style)
        return
    titles = _panel_titles()
    start = 0
    for match in _PANEL_MARKER.finditer(content):
        panel_id = match.group(1)
        if panel_id not in titles:
            continue
        text.append(content[start:match.start()], style)
        action = f"app.open_panel('{panel_id}')"
        text.append(f"▶ 실습: {titles[panel_id]}", link + Style(meta={"@click": action, "panel": panel_id}))
        start = match.end()
    text.append(content[start:], style)


def render_tokens(tokens: list[Token], width: int, palette: Palette | None = None,
                  min_lines: int | None = None) -> RenderedLesson:
    """Render parsed blocks to terminal lines at ``width`` cells.

    With ``min_lines``, stop after the first top-level block that reaches that many lines
    (the result then has ``complete=False``): enough to fill the screen at once.
    """
    return _Renderer(width, palette or Palette()).render(tokens, min_lines)


def render_markdown(markdown: str, width: int, palette: Palette | None = None,
                    min_lines: int | None = None) -> RenderedLesson:
    """Render Markdown to terminal lines at ``width`` cells."""
    return render_tokens(parse_blocks(markdown), width, palette, min_lines)
