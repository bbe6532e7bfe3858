"""How quiz text is shown: prompts and explanations (Markdown) as rich Text, keys for display.

No Textual here: the quiz screen, its summary, the review screen and the dashboard all render
prompts through :func:`prompt_text` / :func:`inline_text`, so they look the same everywhere.
"""

from __future__ import annotations

import re

from rich.text import Text

#: Largest matrix answer entered cell by cell; bigger ones use one text field.
GRID_MAX = 6

_INLINE_RE = re.compile(r"`([^`\n]+)`|\*\*([^*\n]+)\*\*")
_md_parser = None


def display_text(text: str) -> str:
    """Quiz text for one line of display (formulas are converted when the quiz file loads)."""
    return " ".join((text or "").split())


def inline_text(text: str, style: str = "") -> Text:
    """Plain quiz text (choices, hints, messages) with ``**bold**`` and ```code``` styled."""
    out = Text(style=style)
    pos = 0
    for match in _INLINE_RE.finditer(text or ""):
        out.append(text[pos:match.start()])
        if match.group(1) is not None:
            out.append(match.group(1), style="bold cyan")
        else:
            out.append(match.group(2), style="bold")
        pos = match.end()
    out.append((text or "")[pos:])
    return out


def _parser():
    global _md_parser
    if _md_parser is None:
        from markdown_it import MarkdownIt

        _md_parser = MarkdownIt("commonmark")
    return _md_parser


def _inline_tokens(token) -> Text:
    text = Text()
    styles: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            text.append(child.content, " ".join(styles) or None)
        elif kind == "code_inline":
            text.append(child.content, "bold cyan")
        elif kind == "softbreak":
            text.append(" ")
        elif kind == "hardbreak":
            text.append("\n")
        elif kind == "strong_open":
            styles.append("bold")
        elif kind == "em_open":
            styles.append("italic")
        elif kind in ("strong_close", "em_close") and styles:
            styles.pop()
        elif kind in ("html_inline", "image"):
            text.append(child.content)
    return text


def markdown_text(markdown: str) -> Text:
    """Quiz Markdown (a prompt or an explanation) as one rich Text.

    Paragraphs and list items become lines, display formulas (```math blocks) indented lines.
    """
    try:
        tokens = _parser().parse(markdown or "")
    except Exception:  # markdown-it never should fail; show the text rather than nothing
        return Text(markdown or "")
    blocks: list[Text] = []
    lists: list[list] = []  # [next number or None] per open list
    pending_marker = ""
    for tok in tokens:
        kind = tok.type
        if kind == "inline":
            line = _inline_tokens(tok)
            if pending_marker:
                indent = "  " * (len(lists) - 1)
                line = Text.assemble(indent + pending_marker, line)
                pending_marker = ""
            blocks.append(line)
        elif kind in ("fence", "code_block"):
            is_math = tok.info.strip() == "math"
            lines = tok.content.rstrip("\n").split("\n")
            blocks.append(Text("\n".join("    " + line for line in lines),
                               style="bold" if is_math else "cyan"))
        elif kind == "bullet_list_open":
            lists.append([None])
        elif kind == "ordered_list_open":
            lists.append([int(tok.attrs.get("start", 1) or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            lists.pop()
        elif kind == "list_item_open" and lists:
            number = lists[-1][0]
            if number is None:
                pending_marker = "• "
            else:
                pending_marker = f"{number}. "
                lists[-1][0] = number + 1
        elif kind == "heading_open":
            pending_marker = ""
    return Text("\n").join(blocks)


#: "`[[a, b], [c, d]]` 꼴로" / "`b1, b2, b3` 꼴로": how to type a matrix on one line.
_ONE_LINE_FORM = re.compile(r"`[^`\n]*` 꼴로\s*")


def for_grid(markdown: str) -> str:
    """A matrix prompt for the grid of cells: "`[[a, b], …]` 꼴로 입력" becomes "아래 칸에 입력"."""
    return _ONE_LINE_FORM.sub("아래 칸에 ", markdown or "")


def prompt_text(q, grid: bool = False) -> Text:
    """The prompt as the quiz shows it (``grid``: the answer is typed into cells)."""
    try:
        markdown = q.prompt_markdown()
    except Exception:  # a formula that fails to convert again: the plain prompt still reads
        markdown = None
    if markdown is None:
        return Text(for_grid(q.prompt) if grid else q.prompt)
    return markdown_text(for_grid(markdown) if grid else markdown)


#: Shown for a generated question whose example cannot be made (its generator failed).
GENERATED_LABEL = "매번 새 숫자로 만들어지는 계산 문제"
_examples: dict[str, Text] = {}


def prompt_line(q) -> Text:
    """The prompt on one line, styled as the quiz styles it (for tables and lists).

    A generated question's template has no prompt of its own: the line shows the instance
    of seed 0 (each quiz draws new numbers), so review and statistics never show a blank."""
    if q.type == "generated" and not q.prompt:
        found = _examples.get(q.id)
        if found is None:
            try:
                found = prompt_line(q.instantiate(0))
            except Exception:  # noqa: BLE001 - a broken generator still gets a Korean line
                found = Text(GENERATED_LABEL)
            _examples[q.id] = found
        return found.copy()
    return Text(" ").join(prompt_text(q).split())


def explanation_text(q) -> Text:
    try:
        return markdown_text(q.explanation_markdown())
    except Exception:
        return Text(q.explanation)


def matrix_shape(answer) -> tuple[int, int] | None:
    """(rows, cols) of a small rectangular key; a flat list (a vector) is one row."""
    if not isinstance(answer, (list, tuple)) or not answer:
        return None
    if not any(isinstance(r, (list, tuple)) for r in answer):
        rows = [list(answer)]
    elif all(isinstance(r, (list, tuple)) for r in answer):
        rows = [list(r) for r in answer]
    else:
        return None
    cols = len(rows[0])
    if cols == 0 or any(len(r) != cols for r in rows) or len(rows) > GRID_MAX or cols > GRID_MAX:
        return None
    return len(rows), cols


def is_vector(answer) -> bool:
    return isinstance(answer, (list, tuple)) and not any(isinstance(r, (list, tuple)) for r in answer)


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def answer_text(q) -> str:
    """The key of a concrete question, for showing."""
    if q.type == "choice":
        return f"{q.answer + 1}) {q.choices[q.answer]}"
    if q.type == "matrix":
        if is_vector(q.answer):
            return "(" + ", ".join(_number(v) for v in q.answer) + ")"
        return "[" + ", ".join("[" + ", ".join(_number(v) for v in row) + "]" for row in q.answer) + "]"
    return _number(q.answer)
