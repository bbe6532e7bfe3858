"""Parse-tree nodes and recursive-descent parser for the lessons' LaTeX subset."""

from __future__ import annotations

from dataclasses import dataclass, field

from content.latex.tokens import _Tok, _tokenize
from content.latex.symbols import (ACCENTS, BIG_OPERATORS, BIN_SYMBOLS, CLOSE_SYMBOLS, FONTS,
                                   FUNCTIONS, IGNORED, MATRIX_ENVS, OPEN_SYMBOLS,
                                   ORD_SYMBOLS, OTHER_ENVS, REL_SYMBOLS, SPACES, TEXT_COMMANDS,
                                   FormulaError)
from mathcore.glyphs import GREEK, MINUS

# --------------------------------------------------------------------------- nodes


@dataclass(slots=True, eq=False)
class _Sym:
    """cls: ord | bin | rel | open | close | punct | space | func | bigop."""

    text: str
    cls: str


@dataclass(slots=True, eq=False)
class _Group:
    items: list


@dataclass(slots=True, eq=False)
class _Scripts:
    base: object
    sub: object = None
    sup: object = None


@dataclass(slots=True, eq=False)
class _Frac:
    num: object
    den: object


@dataclass(slots=True, eq=False)
class _Sqrt:
    body: object
    index: object = None


@dataclass(slots=True, eq=False)
class _Accent:
    mark: str
    body: object


@dataclass(slots=True, eq=False)
class _Font:
    style: str
    body: object


@dataclass(slots=True, eq=False)
class _Delimited:
    left: str
    body: object
    right: str


@dataclass(slots=True, eq=False)
class _Env:
    name: str
    rows: list = field(default_factory=list)  # list[list[list[node]]]


# --------------------------------------------------------------------------- parser

_CHAR_CLASS = {"+": "bin", "-": "bin", "*": "bin", "=": "rel", "<": "rel", ">": "rel",
               ":": "rel", "(": "open", "[": "open", ")": "close", "]": "close",
               ",": "punct", ";": "punct"}
# The typographic minus sign (U+2212) for a typed hyphen; \text{one-hot} keeps its hyphen.
_CHAR_TEXT = {"-": MINUS}
_FORBIDDEN_CHARS = {"#", "%", "$", "&", "\\", "{", "}", "^", "_"}


_SYMBOL_TABLES = ((GREEK, "ord"), (ORD_SYMBOLS, "ord"), (BIN_SYMBOLS, "bin"), (REL_SYMBOLS, "rel"),
                  (OPEN_SYMBOLS, "open"), (CLOSE_SYMBOLS, "close"), (BIG_OPERATORS, "bigop"),
                  (SPACES, "space"))
_UNPAIRED = {"right": "\\right와 짝이 되는 \\left가 없습니다", "end": "\\end와 짝이 되는 \\begin이 없습니다"}
MAX_DEPTH = 120  # nesting of groups/arguments: far beyond real formulas, inside the recursion limit


class _Parser:
    def __init__(self, tex: str, display: bool):
        self.tex = tex
        self.display = display
        self.toks = _tokenize(tex)
        self.pos = 0
        self.depth = 0

    def error(self, message: str) -> FormulaError:
        return FormulaError(message, self.tex)

    def peek(self, skip_space: bool = True) -> _Tok | None:
        pos = self.pos
        while skip_space and pos < len(self.toks) and self.toks[pos].kind == "space":
            pos += 1
        return self.toks[pos] if pos < len(self.toks) else None

    def next(self, skip_space: bool = True) -> _Tok | None:
        while skip_space and self.pos < len(self.toks) and self.toks[self.pos].kind == "space":
            self.pos += 1
        if self.pos >= len(self.toks):
            return None
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    # -- sequences

    def parse(self) -> list:
        items = self.sequence(stop=())
        if self.peek() is not None:
            tok = self.toks[self.pos]
            raise self.error(f"예상하지 못한 기호 {_show(tok)}가 있습니다")
        return items

    def sequence(self, stop: tuple) -> list:
        """Parse until a token in ``stop`` (not consumed) or the end."""
        self.enter()
        try:
            return self._sequence(stop)
        finally:
            self.depth -= 1

    def _sequence(self, stop: tuple) -> list:
        items: list = []
        while True:
            tok = self.peek()
            if tok is None:
                return items
            if self._is_stop(tok, stop):
                return items
            if tok.kind == "char" and tok.value == "}":
                raise self.error("여는 '{' 없이 닫는 중괄호 '}'가 있습니다")
            if tok.kind == "char" and tok.value in "^_'":
                self.next()
                if not items:
                    base: object = _Sym("", "ord")
                else:
                    base = items.pop()
                items.append(self.scripts(base, tok.value))
                continue
            node = self.atom()
            if node is not None:
                items.append(node)

    @staticmethod
    def _is_stop(tok: _Tok, stop: tuple) -> bool:
        for kind, value in stop:
            if tok.kind == kind and tok.value == value:
                return True
        return False

    def scripts(self, base, first: str):
        node = base if isinstance(base, _Scripts) else _Scripts(base)
        op = first
        while True:
            if op == "'":
                primes = "′"
                while self.peek(skip_space=False) is not None and \
                        self.peek(skip_space=False).kind == "char" and \
                        self.peek(skip_space=False).value == "'":
                    self.next(skip_space=False)
                    primes += "′"
                node.sup = (node.sup or []) + [_Sym(primes, "ord")]
            else:
                arg = self.argument(f"'{op}'")
                if op == "^":
                    if node.sup is not None:
                        raise self.error("위첨자(^)가 두 번 붙었습니다: x^{a^b}처럼 중괄호로 묶으세요")
                    node.sup = arg
                else:
                    if node.sub is not None:
                        raise self.error("아래첨자(_)가 두 번 붙었습니다: x_{a_b}처럼 중괄호로 묶으세요")
                    node.sub = arg
            tok = self.peek()
            if tok is not None and tok.kind == "char" and tok.value in "^_'":
                self.next()
                op = tok.value
                continue
            return node

    def argument(self, what: str) -> list:
        """One macro argument: a {group} or a single token."""
        tok = self.peek()
        if tok is None:
            raise self.error(f"{what} 뒤에 인수가 없습니다")
        if tok.kind == "char" and tok.value == "{":
            self.next()
            items = self.sequence(stop=(("char", "}"),))
            if self.next() is None:
                raise self.error("닫는 중괄호 '}'가 없습니다")
            return items
        if tok.kind == "char" and tok.value in "}^_&":
            raise self.error(f"{what} 뒤에 인수가 없습니다")
        node = self.atom()
        return [node] if node is not None else []

    def raw_group(self, what: str) -> str:
        """The literal text of a {group} (for \\text, \\operatorname, environment names)."""
        tok = self.next()
        if tok is None or tok.kind != "char" or tok.value != "{":
            raise self.error(f"{what} 뒤에는 {{...}} 형태의 인수가 있어야 합니다")
        depth = 0
        out = []
        while True:
            tok = self.next(skip_space=False)
            if tok is None:
                raise self.error(f"{what}의 인수를 닫는 '}}'가 없습니다")
            if tok.kind == "char" and tok.value == "{":
                depth += 1
                continue
            if tok.kind == "char" and tok.value == "}":
                if depth == 0:
                    return "".join(out)
                depth -= 1
                continue
            if tok.kind == "space":
                out.append(" ")
            elif tok.kind == "char":
                if tok.value == "$":
                    raise self.error(f"{what} 안에는 '$'를 쓸 수 없습니다")
                out.append(tok.value)
            elif tok.kind == "esc":
                if tok.value in "%_&#${}":
                    out.append(tok.value)
                elif tok.value in SPACES:
                    out.append(SPACES[tok.value])
                else:
                    raise self.error(f"{what} 안에서는 '\\{tok.value}'를 지원하지 않습니다")
            else:
                if tok.value in SPACES:
                    out.append(SPACES[tok.value])
                else:
                    raise self.error(f"{what} 안에서는 명령 '\\{tok.value}'를 지원하지 않습니다")

    def delimiter(self, what: str) -> str:
        tok = self.next()
        if tok is None:
            raise self.error(f"{what} 뒤에 괄호(delimiter)가 없습니다")
        if tok.kind == "char" and tok.value in "()[]|./":
            return "" if tok.value == "." else tok.value
        if tok.kind == "esc" and tok.value in "{}|":
            return {"{": "{", "}": "}", "|": "‖"}[tok.value]
        if tok.kind == "cmd":
            table = {**OPEN_SYMBOLS, **CLOSE_SYMBOLS, "lVert": "‖", "rVert": "‖", "Vert": "‖",
                     "lvert": "|", "rvert": "|", "vert": "|"}
            if tok.value in table:
                return table[tok.value]
        raise self.error(f"{what} 뒤에 지원하지 않는 괄호(delimiter) {_show(tok)}가 있습니다")

    # -- atoms

    def atom(self):
        self.enter()
        try:
            return self._atom()
        finally:
            self.depth -= 1

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error("수식의 중괄호나 명령이 너무 깊게 중첩되어 있습니다 "
                             "(중첩을 줄여 더 간단한 수식으로 나누어 쓰세요)")

    def _atom(self):
        tok = self.next()
        assert tok is not None
        if tok.kind == "char":
            ch = tok.value
            if ch == "{":
                items = self.sequence(stop=(("char", "}"),))
                if self.next() is None:
                    raise self.error("닫는 중괄호 '}'가 없습니다")
                return _Group(items)
            if ch == "~":
                return _Sym(" ", "space")
            if ch in _FORBIDDEN_CHARS:
                raise self.error(f"예상하지 못한 기호 '{ch}'가 있습니다")
            return _Sym(_CHAR_TEXT.get(ch, ch), _CHAR_CLASS.get(ch, "ord"))
        if tok.kind == "esc":
            ch = tok.value
            if ch in SPACES:
                return _Sym(SPACES[ch], "space")
            if ch == "{":
                return _Sym("{", "open")
            if ch == "}":
                return _Sym("}", "close")
            if ch in ORD_SYMBOLS:
                return _Sym(ORD_SYMBOLS[ch], "ord")
            raise self.error(f"지원하지 않는 기호 '\\{ch}'입니다")
        return self.command(tok.value)

    def command(self, name: str):
        for table, cls in _SYMBOL_TABLES:
            if name in table:
                return _Sym(table[name], cls)
        if name in IGNORED:
            return None
        if name == "arg":
            tok = self.peek()
            if tok is not None and tok.kind == "cmd" and tok.value in ("max", "min"):
                self.next()
                return _Sym("arg" + tok.value, "func")
            return _Sym("arg", "func")
        if name in FUNCTIONS:
            return _Sym(name, "func")
        if name in ("operatorname", "operatorname*"):
            return _Sym(self.raw_group("\\operatorname"), "func")
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            num = self.argument("\\" + name)
            den = self.argument("\\" + name)
            return _Frac(num, den)
        if name == "sqrt":
            return self.sqrt()
        if name in ACCENTS:
            return _Accent(ACCENTS[name], self.argument("\\" + name))
        if name in FONTS:
            return _Font(name, self.argument("\\" + name))
        if name in TEXT_COMMANDS:
            return _Sym(self.raw_group("\\" + name), "ord")
        if name == "left":
            return self.left_right()
        if name == "middle":
            return _Sym(self.delimiter("\\middle"), "rel")
        if name == "begin":
            return self.environment()
        if name in _UNPAIRED:
            raise self.error(_UNPAIRED[name])
        raise self.error(f"지원하지 않는 명령 '\\{name}'입니다")

    def sqrt(self) -> _Sqrt:
        index = None
        tok = self.peek()
        if tok is not None and tok.kind == "char" and tok.value == "[":
            self.next()
            index = self.sequence(stop=(("char", "]"),))
            if self.next() is None:
                raise self.error("\\sqrt[ 뒤에 닫는 ']'가 없습니다")
        return _Sqrt(self.argument("\\sqrt"), index)

    def left_right(self) -> _Delimited:
        left = self.delimiter("\\left")
        body = self.sequence(stop=(("cmd", "right"),))
        if self.next() is None:
            raise self.error("\\left와 짝이 되는 \\right가 없습니다")
        right = self.delimiter("\\right")
        return _Delimited(left, body, right)

    def environment(self) -> _Env:
        env = self.raw_group("\\begin").strip()
        if env not in MATRIX_ENVS and env not in OTHER_ENVS:
            raise self.error(f"지원하지 않는 환경(environment) '{env}'입니다")
        if not self.display:
            raise self.error(f"'{env}' 환경은 별행 수식($$...$$)에서만 쓸 수 있습니다")
        node = _Env(env)
        row: list = []
        stops = (("char", "&"), ("esc", "\\"), ("cmd", "end"))
        while True:
            cell = self.sequence(stop=stops)
            row.append(cell)
            tok = self.next()
            if tok is None:
                raise self.error(f"\\begin{{{env}}}을 닫는 \\end{{{env}}}가 없습니다")
            if tok.kind == "char":  # '&'
                continue
            if tok.kind == "esc":  # '\\'
                node.rows.append(row)
                row = []
                continue
            end = self.raw_group("\\end").strip()
            if end != env:
                raise self.error(f"\\begin{{{env}}}을 \\end{{{end}}}로 닫았습니다 "
                                 f"(\\end{{{env}}}여야 합니다)")
            if any(c for c in row) or not node.rows:
                node.rows.append(row)
            return node


def _show(tok: _Tok) -> str:
    if tok.kind == "cmd":
        return f"'\\{tok.value}'"
    if tok.kind == "esc":
        return f"'\\{tok.value}'"
    return f"'{tok.value}'"


# --------------------------------------------------------------------------- boxes
