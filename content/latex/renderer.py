"""Render the parse tree to Unicode text (one line, or a block for matrices and cases)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from content.latex.boxes import _Box, _hcat, _pad, _tall_delimiter
from content.latex.parser import (_Accent, _Delimited, _Env, _Font, _Frac, _Group, _Parser,
                                  _Scripts, _Sqrt, _Sym)
from content.latex.symbols import (MATRIX_ENVS, VULGAR_FRACTIONS,
                                   _DEN_BREAKERS, _NUM_BREAKERS, _OPENERS, _SCRIPT_CHARS,
                                   _SYMMETRIC, FormulaError, _styled, cell_width)
from mathcore.glyphs import SUBSCRIPT, SUPERSCRIPT

@dataclass(slots=True, eq=False)
class _Item:
    """content: str or _Box."""

    content: object
    cls: str


class _Renderer:
    def __init__(self, parser: _Parser):
        self.parser = parser

    def error(self, message: str) -> FormulaError:
        return self.parser.error(message)

    # -- sequences

    def render(self, nodes: list, compact: bool = False) -> object:
        """Render a node list to a string (or a _Box if it holds a matrix)."""
        items = [self.item(node, compact) for node in nodes]
        items = [it for it in items if it is not None]
        return self.join(items, compact)

    def render_str(self, nodes: list, compact: bool, what: str) -> str:
        out = self.render(nodes, compact)
        if isinstance(out, _Box):
            raise self.error(f"{what} 안에는 행렬이나 cases 블록을 쓸 수 없습니다")
        return out

    def join(self, items: list[_Item], compact: bool) -> object:
        # Resolve unary minus/plus and fractions that need parentheses.
        prev = None
        for i, item in enumerate(items):
            if item.cls == "bin" and (prev is None or prev.cls in
                                      ("bin", "rel", "open", "punct", "bigop", "func")):
                item.cls = "unary"
            if item.cls == "space":
                continue
            prev = item
        for i, item in enumerate(items):
            if item.cls != "frac":
                continue
            before = _neighbour(items, i, -1)
            after = _neighbour(items, i, 1)
            if (before is not None and (before.cls in ("ord", "close", "frac", "func")
                                        or _is_function_with_limits(before))) or \
                    (after is not None and after.cls in ("ord", "open", "frac", "bigop", "func")):
                item.content = f"({item.content})"
        for item in items:
            if item.cls in ("frac", "unary"):
                item.cls = "ord" if item.cls == "frac" else item.cls

        parts: list = []
        prev = None
        for item in items:
            if item.cls == "space":
                if not compact and item.content:
                    parts.append(item.content)
                prev = item
                continue
            if prev is not None and prev.cls != "space" and not compact:
                gap = _gap(prev, item)
                if gap:
                    parts.append(gap)
            parts.append(item.content)
            prev = item
        if any(isinstance(p, _Box) for p in parts):
            return _hcat(_merge_strings(parts))
        return "".join(parts)

    # -- single nodes

    def item(self, node, compact: bool) -> _Item | None:
        if isinstance(node, _Sym):
            return _Item(node.text, node.cls)
        if isinstance(node, _Group):
            return _Item(self.render(node.items, compact), "ord")
        if isinstance(node, _Scripts):
            return self.scripts(node, compact)
        if isinstance(node, _Frac):
            return self.frac(node)
        if isinstance(node, _Sqrt):
            return self.sqrt(node)
        if isinstance(node, _Accent):
            body = self.render_str(node.body, True, "악센트(accent)")
            out = "".join(ch + node.mark if not unicodedata.combining(ch) else ch for ch in body)
            return _Item(out, "ord")
        if isinstance(node, _Font):
            return _Item(self.font(node, compact), "ord")
        if isinstance(node, _Delimited):
            return self.delimited(node, compact)
        if isinstance(node, _Env):
            return _Item(self.environment(node), "ord")
        raise self.error("내부 오류: 알 수 없는 노드입니다")  # pragma: no cover

    def scripts(self, node: _Scripts, compact: bool) -> _Item:
        base = self.item(node.base, compact) if node.base is not None else _Item("", "ord")
        if base is None:
            base = _Item("", "ord")
        sub = _scriptify(self.render_str(node.sub, True, "아래첨자"), SUBSCRIPT, "_") \
            if node.sub is not None else ""
        sup = _scriptify(self.render_str(node.sup, True, "위첨자"), SUPERSCRIPT, "^") \
            if node.sup is not None else ""
        # A function with limits (max_i, lim_{x→0}) spaces like a big operator.
        if base.cls == "bigop" or (base.cls == "func" and node.sub is not None):
            cls = "bigop"
        else:
            cls = "func" if base.cls == "func" else "ord"
        if base.cls == "frac" or (isinstance(node.base, _Frac)):
            base.content = f"({base.content})"
        if isinstance(base.content, _Box):
            box = base.content
            lines = list(box.lines)
            width = box.width
            lines = [_pad(line, width) for line in lines]
            lines[0] += sup
            lines[-1] += sub
            if len(lines) == 1:
                lines[0] = box.lines[0] + sub + sup
            return _Item(_Box(lines, box.baseline), cls)
        return _Item(base.content + sub + sup, cls)

    def frac(self, node: _Frac) -> _Item:
        num = self.render_str(node.num, False, "분수")
        den = self.render_str(node.den, False, "분수")
        if not num or not den:
            raise self.error("\\frac의 분자나 분모가 비어 있습니다")
        if (num, den) in VULGAR_FRACTIONS:
            return _Item(VULGAR_FRACTIONS[(num, den)], "ord")
        if _needs_parens(num, _NUM_BREAKERS, numerator=True):
            num = f"({num})"
        if not _is_atomic(den):
            den = f"({den})"
        return _Item(f"{num}/{den}", "frac")

    def sqrt(self, node: _Sqrt) -> _Item:
        body = self.render_str(node.body, False, "제곱근")
        if not body:
            raise self.error("\\sqrt의 내용이 비어 있습니다")
        if not _is_atomic(body):
            body = f"({body})"
        sign = "√"
        if node.index is not None:
            index = self.render_str(node.index, True, "거듭제곱근의 지수")
            if index == "3":
                sign = "∛"
            elif index == "4":
                sign = "∜"
            elif index and all(ch in SUPERSCRIPT for ch in index):
                sign = "".join(SUPERSCRIPT[ch] for ch in index) + "√"
            else:
                sign = f"({index})√"
        return _Item(sign + body, "ord")

    def font(self, node: _Font, compact: bool) -> str:
        body = self.render_str(node.body, compact, "\\" + node.style)
        if node.style in ("mathrm", "mathit", "mathsf", "mathtt"):
            return body
        alphabet = {"mathbb": "bb", "mathbf": "bf", "boldsymbol": "bf", "bm": "bf",
                    "mathcal": "cal", "mathscr": "cal", "mathfrak": "frak"}[node.style]
        return "".join(_styled(ch, alphabet) for ch in body)

    def delimited(self, node: _Delimited, compact: bool) -> _Item:
        body = self.render(node.body, compact)
        if isinstance(body, _Box):
            height = len(body.lines)
            left = _tall_delimiter(node.left, height, body.baseline)
            right = _tall_delimiter(node.right, height, body.baseline)
            return _Item(_hcat([left, body, right]), "ord")
        return _Item(f"{node.left}{body}{node.right}", "ord")

    def environment(self, node: _Env) -> _Box:
        rows = [[self.render_str(cell, False, "행렬 칸").strip() for cell in row]
                for row in node.rows]
        ncols = max(len(r) for r in rows)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        widths = [max(cell_width(r[c]) for r in rows) for c in range(ncols)]
        lines = []
        for row in rows:
            if node.name in MATRIX_ENVS:
                cells = [_pad(cell, widths[c], "right") for c, cell in enumerate(row)]
                lines.append("  ".join(cells))
            elif node.name == "cases":
                cells = [_pad(cell, widths[c]) for c, cell in enumerate(row)]
                lines.append("   ".join(cells).rstrip())
            else:  # aligned / gathered: alternate right and left columns
                out = ""
                for c, cell in enumerate(row):
                    if node.name == "gathered":
                        out += _pad(cell, widths[c], "center")
                    elif c % 2 == 0:
                        out += _pad(cell, widths[c], "right")
                    else:
                        out += (" " if cell and not cell.startswith(" ") else "") + \
                            _pad(cell, widths[c])
                lines.append(out.rstrip())
        width = max((cell_width(line) for line in lines), default=0)
        lines = [_pad(line, width) for line in lines]
        height = len(lines)
        baseline = (height - 1) // 2
        body = _Box(lines, baseline)
        if node.name in MATRIX_ENVS:
            left, right = MATRIX_ENVS[node.name]
            if not left:
                return body
            pad = _Box([" "] * height, baseline)
            return _hcat([_tall_delimiter(left, height, baseline), pad, body, pad,
                          _tall_delimiter(right, height, baseline)])
        if node.name == "cases":
            pad = _Box([" "] * height, baseline)
            return _hcat([_tall_delimiter("{", height, baseline), pad, body])
        return body


def _is_function_with_limits(item: _Item) -> bool:
    """log₂, max_x, argmin_β: a named operator (not ∑ ∏ ∫; lim reads to the end anyway)."""
    return item.cls == "bigop" and isinstance(item.content, str) and \
        item.content[:1].isalpha() and not item.content.startswith("lim")


def _neighbour(items: list[_Item], i: int, step: int) -> _Item | None:
    j = i + step
    while 0 <= j < len(items):
        if items[j].cls == "space":
            return None
        return items[j]
    return None


def _gap(prev: _Item, item: _Item) -> str:
    left, right = prev.cls, item.cls
    if left == "unary":
        return " " if right == "rel" else ""
    if right == "unary":
        right = "ord"
    if left == "rel" and right == "rel":
        return ""
    if left == "rel" or right == "rel":
        return " "
    if left == "bin" or right == "bin":
        # A centred dot reads best tight: W·x + b.
        tight = (left == "bin" and prev.content == "·") or (right == "bin" and item.content == "·")
        return "" if tight else " "
    if left == "punct" and right not in ("close",):
        return " "
    if left == "bigop" and right not in ("close", "punct"):
        return " "
    if isinstance(prev.content, _Box) and isinstance(item.content, _Box):
        return " "
    if right == "func" and left in ("ord", "close"):
        return " "
    if left == "func" and right in ("ord", "func", "bigop"):
        starts_group = isinstance(item.content, str) and item.content[:1] in "([{⟨"
        return "" if starts_group else " "
    return ""


def _merge_strings(parts: list) -> list:
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _scriptify(text: str, table: dict, marker: str) -> str:
    if not text:
        return ""
    if all(ch in table or (ch == "," and marker == "_") for ch in text.strip(",")):
        # An index list such as i,j keeps its (baseline) comma: Yᵢ,ⱼ.
        return "".join(table.get(ch, ch) for ch in text)
    if _visible_len(text) == 1 or _enclosed(text):
        return marker + text
    return f"{marker}({text})"


def _visible_len(text: str) -> int:
    return sum(1 for ch in text if not unicodedata.combining(ch))


def _enclosed(text: str) -> bool:
    """True if ``text`` is one bracketed group, e.g. ``(a+b)`` or ``‖x‖`` (not ``(a)(b)``)."""
    if len(text) < 2:
        return False
    first, last = text[0], text[-1]
    if first in _SYMMETRIC:
        return last == first and text.count(first) == 2
    if first not in _OPENERS or _OPENERS[first] != last:
        return False
    depth = 0
    for i, _, depth in _depths(text):
        if depth == 0 and i != len(text) - 1:
            return False  # the first group closes before the end
    return depth == 0


def _depths(text: str):
    """(index, character, bracket depth after it) along ``text``."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _OPENERS.values():
            depth -= 1
        yield i, ch, depth


def _top_level_chars(text: str):
    for i, ch, depth in _depths(text):
        if depth == 0 and ch not in _OPENERS and ch not in _OPENERS.values():
            yield i, ch


def _needs_parens(text: str, breakers: set, numerator: bool = False) -> bool:
    for i, ch in _top_level_chars(text):
        if numerator and i == 0 and ch in "-−+±":
            continue
        if ch in breakers:
            return True
    return False


def _is_atomic(text: str) -> bool:
    """Whether ``text`` can stand after ``/`` or ``√`` without parentheses."""
    core = text
    while core and core[0] in "√∛∜∂∇":
        core = core[1:]
    if _visible_len(core) <= 1:
        return True
    if re.fullmatch(r"\d+(\.\d+)?", core):
        return True
    if _enclosed(core):
        return True
    if _needs_parens(core, _DEN_BREAKERS):
        return False
    if core[0] == "d" and _is_atomic(core[1:]) and not core[1:].isdigit():
        return True
    if core[0].isdigit():
        return False
    i = 1
    while i < len(core) and (unicodedata.combining(core[i]) or core[i] in _SCRIPT_CHARS
                             or core[i] in "′″"):
        i += 1
    rest = core[i:]
    if not rest:
        return True
    return _enclosed(rest) and rest[0] in "(["

