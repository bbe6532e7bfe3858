"""Tokenizer and recursive-descent parser for one notebook line.

The grammar is small and closed: numbers, names, ``+ - * / ^ @``, the postfix
transpose ``'``, calls ``name(args)``, brackets for vectors and matrices, ``=`` for
assignment and ``,`` for tuples.  Nothing here evaluates anything; the result is a tree
of :class:`Node` objects that :mod:`mathcore.notebook.evaluate` walks under a budget.

Every rejection is an :class:`~mathcore.InputError` with a Korean message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from mathcore import InputError
from mathcore.notebook.chars import MAX_LINE_LENGTH, normalise  # noqa: F401  (the line gate)
from mathcore.korean import with_particle

MAX_NODES = 600
MAX_DEPTH = 40
MAX_NUMBER_LENGTH = 40

_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_OPS = "+-*/^@'(),=[];"


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op", "end"
    text: str
    pos: int


@dataclass
class Node:
    """A parse-tree node: ``kind`` is one of num, name, neg, bin, call, transpose,
    bracket, tuple, assign."""

    kind: str
    value: object = None
    children: list["Node"] = field(default_factory=list)
    pos: int = 0


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in " \t":
            i += 1
            continue
        m = _NUMBER.match(text, i)
        if m and (ch.isdigit() or ch == "."):
            literal = m.group(0)
            end = m.end()
            if len(literal) > MAX_NUMBER_LENGTH:
                raise InputError(f"숫자가 너무 깁니다({len(literal)}자).")
            if end < len(text) and text[end] in "eE" and not m.group(2):
                nxt = text[end + 1:end + 2]
                if not nxt or not (nxt.isalnum()):
                    raise InputError(
                        f"'{literal}{text[end]}'는 모호합니다. 자연상수를 곱하려면 {literal}*e, "
                        f"10의 거듭제곱이면 {literal}e3처럼 지수를 쓰세요."
                    )
            tokens.append(Token("num", literal, i))
            i = end
            continue
        m = _NAME.match(text, i)
        if m:
            tokens.append(Token("name", m.group(0), i))
            i = m.end()
            continue
        if ch in _OPS:
            tokens.append(Token("op", ch, i))
            i += 1
            continue
        raise InputError(f"쓸 수 없는 문자 '{ch}'가 있습니다.")
    tokens.append(Token("end", "", len(text)))
    return tokens


class Parser:
    """Recursive descent over :func:`tokenize`'s tokens with node and depth caps."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.i = 0
        self.nodes = 0
        self.depth = 0
        self.in_bracket = 0

    # -- helpers -----------------------------------------------------------
    def peek(self, offset: int = 0) -> Token:
        return self.tokens[min(self.i + offset, len(self.tokens) - 1)]

    def take(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def at(self, op: str) -> bool:
        tok = self.peek()
        return tok.kind == "op" and tok.text == op

    def expect(self, op: str) -> None:
        if not self.at(op):
            tok = self.peek()
            got = "줄의 끝" if tok.kind == "end" else f"'{tok.text}'"
            raise InputError(f"'{op}'가 있어야 할 자리에 {with_particle(got, '이/가')} 있습니다 ({tok.pos + 1}번째 글자).")
        self.take()

    def node(self, kind: str, value=None, children=None, pos: int = 0) -> Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise InputError("식이 너무 큽니다. 여러 줄로 나눠 이름을 붙여 가며 계산하세요.")
        return Node(kind, value, children or [], pos)

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InputError("괄호나 연산이 너무 깊게 겹쳐 있습니다.")

    def leave(self):
        self.depth -= 1

    # -- grammar -----------------------------------------------------------
    def line(self) -> Node:
        if self.peek().kind == "end":
            raise InputError("빈 줄입니다. 식이나 명령을 입력하세요.")
        targets = self._assignment_targets()
        value = self.tuple_expr()
        if self.peek().kind != "end":
            tok = self.peek()
            raise InputError(f"'{tok.text}' 앞에서 식이 끝났습니다 ({tok.pos + 1}번째 글자). 연산 기호가 빠졌나요?")
        if targets:
            return self.node("assign", targets, [value])
        return value

    def _assignment_targets(self) -> list[str]:
        """``a = …`` or ``a, b = …``: look ahead for names followed by '='."""
        j = self.i
        names = []
        while True:
            tok = self.tokens[j]
            if tok.kind != "name":
                return []
            names.append(tok.text)
            nxt = self.tokens[j + 1]
            if nxt.kind == "op" and nxt.text == "=":
                self.i = j + 2
                if self.at("="):
                    raise InputError("'=='는 쓸 수 없습니다. 값을 정할 때는 '=' 하나만 씁니다.")
                return names
            if nxt.kind == "op" and nxt.text == ",":
                j += 2
                continue
            return []

    def tuple_expr(self) -> Node:
        first = self.expr()
        if not self.at(","):
            if self.at("="):
                raise InputError("'=' 왼쪽에는 이름만 올 수 있습니다(예: A = [[1, 2], [3, 4]]).")
            return first
        items = [first]
        while self.at(","):
            self.take()
            items.append(self.expr())
        return self.node("tuple", None, items, first.pos)

    def expr(self) -> Node:
        self.enter()
        left = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take()
            right = self.term()
            left = self.node("bin", op.text, [left, right], op.pos)
        self.leave()
        return left

    def term(self) -> Node:
        left = self.unary()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in "*/@":
                self.take()
                right = self.unary()
                left = self.node("bin", tok.text, [left, right], tok.pos)
            elif self._implicit_product(tok):
                right = self.power()
                left = self.node("bin", "*", [left, right], tok.pos)
            else:
                return left

    def _implicit_product(self, tok: Token) -> bool:
        """``2x``, ``2(x+1)``, ``x y``: an operand right after an operand multiplies.

        Inside brackets a blank before the operand separates entries instead
        (``[1 2 3]`` is a vector, as in the panels' fields).
        """
        if not (tok.kind in ("num", "name") or (tok.kind == "op" and tok.text == "(")):
            return False
        prev = self.tokens[self.i - 1] if self.i > 0 else None
        if self.in_bracket and prev is not None and prev.pos + len(prev.text) < tok.pos:
            return False
        if prev is not None and prev.kind == "num" and tok.kind == "num":
            raise InputError(
                f"숫자 {prev.text}와 {tok.text} 사이에 연산 기호가 없습니다. 곱하려면 *를 쓰고, "
                f"벡터는 [{prev.text}, {tok.text}]처럼 괄호로 묶으세요."
            )
        return True

    def _starts_entry(self) -> bool:
        tok = self.peek()
        return tok.kind in ("num", "name") or (tok.kind == "op" and tok.text in "([")

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text in "+-":
            self.take()
            self.enter()
            inner = self.unary()
            self.leave()
            return inner if tok.text == "+" else self.node("neg", None, [inner], tok.pos)
        return self.power()

    def power(self) -> Node:
        base = self.postfix()
        if self.at("^"):
            tok = self.take()
            self.enter()
            exponent = self.unary()
            self.leave()
            return self.node("bin", "^", [base, exponent], tok.pos)
        return base

    def postfix(self) -> Node:
        node = self.atom()
        while self.at("'"):
            tok = self.take()
            node = self.node("transpose", None, [node], tok.pos)
        return node

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return self.node("num", tok.text, pos=tok.pos)
        if tok.kind == "name":
            if self.at("("):
                return self.call(tok)
            return self.node("name", tok.text, pos=tok.pos)
        if tok.kind == "op" and tok.text == "(":
            self.enter()
            inner = self.tuple_expr()
            self.leave()
            self.expect(")")
            return inner
        if tok.kind == "op" and tok.text == "[":
            return self.bracket(tok)
        if tok.kind == "end":
            raise InputError("식이 끝나지 않았습니다. 연산 기호 뒤에 값이 빠졌나요?")
        raise InputError(f"'{tok.text}'가 올 수 없는 자리입니다 ({tok.pos + 1}번째 글자).")

    def _has_separator(self) -> bool:
        """Whether this bracket (up to its matching ']') holds a ',' or ';' of its own."""
        depth = 0
        for tok in self.tokens[self.i:]:
            if tok.kind != "op":
                continue
            if tok.text in "([":
                depth += 1
            elif tok.text in ")]":
                if depth == 0:
                    return False
                depth -= 1
            elif tok.text in ",;" and depth == 0:
                return True
        return False

    def call(self, name: Token) -> Node:
        self.expect("(")
        self.enter()
        saved, self.in_bracket = self.in_bracket, 0
        args: list[Node] = []
        if not self.at(")"):
            args.append(self.expr())
            while self.at(","):
                self.take()
                args.append(self.expr())
        self.in_bracket = saved
        self.leave()
        self.expect(")")
        return self.node("call", name.text, args, name.pos)

    def bracket(self, open_tok: Token) -> Node:
        """``[a, b, c]``, ``[[1, 2], [3, 4]]`` or ``[1, 2; 3, 4]`` → rows of nodes."""
        self.enter()
        saved = self.in_bracket
        self.in_bracket = 0 if self._has_separator() else 1
        rows: list[list[Node]] = [[]]
        if not self.at("]"):
            rows[-1].append(self.expr())
            while self.at(",") or self.at(";") or self._starts_entry():
                if not self._starts_entry():
                    sep = self.take().text
                    if sep == ";":
                        rows.append([])
                rows[-1].append(self.expr())
        self.in_bracket = saved
        self.leave()
        self.expect("]")
        children = [self.node("row", None, row, open_tok.pos) for row in rows]
        return self.node("bracket", len(rows), children, open_tok.pos)


def parse_line(text: str) -> Node:
    """Parse one notebook line into a tree (no evaluation)."""
    return Parser(tokenize(normalise(text))).line()
