"""Recursive-descent parser of the tokens of :mod:`mathcore.lexer` into a small tree of tuples.

Nodes: ``("num", text)`` ``("name", text)`` ``("neg", a)`` ``("add", a, b)`` ``("sub", a, b)``
``("mul", a, b)`` ``("div", a, b)`` ``("pow", a, b)`` ``("call", fname, [args])``.
Implicit multiplication (``2x``, ``x(x+1)``), ``^`` right-associative, bounded nesting.
"""
from __future__ import annotations

from mathcore import InputError
from mathcore.functions import FUNCTIONS
from mathcore.lexer import Tok

__all__ = ["Parser", "MAX_DEPTH"]

MAX_DEPTH = 20


class Parser:
    def __init__(self, tokens: list[Tok]):
        self.toks = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect_op(self, op: str) -> None:
        tok = self.peek()
        if tok is None or tok.kind != "op" or tok.text != op:
            where = "식의 끝" if tok is None else f"'{tok.text}' ({tok.pos}번째 글자)"
            if op == ")":
                raise InputError(f"여는 괄호 '('에 맞는 닫는 괄호 ')'가 없습니다 ({where}).")
            raise InputError(f"'{op}'가 와야 할 자리에 {where}가 있습니다.")
        self.i += 1

    def parse(self):
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            if tok.kind == "op" and tok.text == ")":
                raise InputError(f"닫는 괄호 ')'에 맞는 여는 괄호가 없습니다 ({tok.pos}번째 글자).")
            if tok.kind == "op" and tok.text == ",":
                raise InputError(f"쉼표(,)는 함수의 인수를 나눌 때만 쓸 수 있습니다 ({tok.pos}번째 글자).")
            raise InputError(f"'{tok.text}' ({tok.pos}번째 글자) 앞에 연산자가 빠졌습니다.")
        return node

    def expr(self):
        node = self.term()
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in "+-":
                self.take()
                node = ("add" if tok.text == "+" else "sub", node, self.term())
            else:
                return node

    def _starts_operand(self, tok: Tok | None) -> bool:
        return tok is not None and (tok.kind in ("name", "func", "num") or (tok.kind == "op" and tok.text == "("))

    def term(self):
        node = self.unary()
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in "*/":
                self.take()
                node = ("mul" if tok.text == "*" else "div", node, self.unary())
            elif self._starts_operand(tok):
                if tok.kind == "num":
                    raise InputError(
                        f"숫자 '{tok.text}' ({tok.pos}번째 글자) 앞에 연산자가 빠졌습니다. 곱셈은 *로 쓰세요."
                    )
                node = ("mul", node, self.unary())  # implicit multiplication: 2x, x(x+1), (x+1)(x-1)
            else:
                return node

    def unary(self):
        negate = False
        count = 0
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in "+-":
                self.take()
                count += 1
                if count > 10:
                    raise InputError("부호(+, -)가 너무 많이 이어집니다.")
                if tok.text == "-":
                    negate = not negate
            else:
                break
        node = self.power()
        return ("neg", node) if negate else node

    def power(self):
        base = self.atom()
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.text == "^":
            self.take()
            return ("pow", base, self.unary())  # right-associative; exponent may carry a sign
        return base

    def atom(self):
        tok = self.peek()
        if tok is None:
            raise InputError("식이 중간에 끝났습니다. 연산자 뒤에 값이 필요합니다.")
        if tok.kind == "num":
            self.take()
            return ("num", tok.text)
        if tok.kind == "name":
            self.take()
            return ("name", tok.text)
        if tok.kind == "func":
            self.take()
            return self.call(tok)
        if tok.kind == "op" and tok.text == "(":
            self.take()
            self._enter()
            node = self.expr()
            self.expect_op(")")
            self.depth -= 1
            return node
        if tok.text == ")":
            raise InputError(f"닫는 괄호 ')' ({tok.pos}번째 글자) 앞에 값이 없습니다.")
        raise InputError(f"'{tok.text}' ({tok.pos}번째 글자) 앞에 값이 없습니다.")

    def call(self, tok: Tok):
        nxt = self.peek()
        if nxt is None or nxt.kind != "op" or nxt.text != "(":
            raise InputError(f"함수 {tok.text} 뒤에는 괄호가 필요합니다: {tok.text}(x)")
        self.take()
        self._enter()
        args = [self.expr()]
        while True:
            nxt = self.peek()
            if nxt is not None and nxt.kind == "op" and nxt.text == ",":
                self.take()
                args.append(self.expr())
            else:
                break
        self.expect_op(")")
        self.depth -= 1
        fn = FUNCTIONS[tok.text]
        if not fn.min_args <= len(args) <= fn.max_args:
            want = str(fn.min_args) if fn.min_args == fn.max_args else f"{fn.min_args}~{fn.max_args}"
            raise InputError(f"함수 {tok.text}에는 인수가 {want}개 필요한데 {len(args)}개가 있습니다.")
        return ("call", tok.text, args)

    def _enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InputError(f"괄호가 너무 깊게 중첩되어 있습니다 (최대 {MAX_DEPTH}단계).")
