"""Convert the lessons' LaTeX subset into readable Unicode text for the terminal.

``to_unicode(r"\\sum_{i=1}^{n} x_i^2")`` gives ``"∑ᵢ₌₁ⁿ xᵢ²"``. Fractions become ``a/b`` with
parentheses only where they are needed, roots ``√x`` / ``√(x+1)``, transposes ``Xᵀ``; matrices and
``cases`` (display formulas only) become several lines with aligned columns and tall brackets.

The converter is a small tokenizer + recursive-descent parser + renderer. Every command it does
not know raises :class:`FormulaError`, so no backslash or LaTeX brace ever reaches the screen.
(``flatlatex`` was the starting point, but it groups ``\\sum_{i=1}^{n}`` as ``(∑ᵢ₌₁)ⁿ``, passes
unknown commands through silently, and its import pulls in ``regex`` (~80 ms); this module needs
neither.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["FormulaError", "to_unicode", "cell_width"]


class FormulaError(ValueError):
    """A formula uses LaTeX outside the supported subset, or is malformed."""

    def __init__(self, message: str, formula: str):
        super().__init__(f"{message} (수식 ${formula}$)")
        self.message = message
        self.formula = formula


# --------------------------------------------------------------------------- tables

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ",
    "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

ORD_SYMBOLS = {
    "infty": "∞", "partial": "∂", "nabla": "∇", "ldots": "…", "dots": "…", "cdots": "⋯",
    "vdots": "⋮", "ddots": "⋱", "forall": "∀", "exists": "∃", "emptyset": "∅",
    "varnothing": "∅", "angle": "∠", "dagger": "†", "top": "⊤", "bot": "⊥", "prime": "′",
    "ell": "ℓ", "neg": "¬", "lnot": "¬", "triangle": "△", "|": "‖", "lVert": "‖", "rVert": "‖",
    "Vert": "‖", "lvert": "|", "rvert": "|", "vert": "|", "%": "%", "_": "_", "#": "#",
    "&": "&", "$": "$", "square": "□", "checkmark": "✓", "degree": "°", "hbar": "ℏ",
}

BIN_SYMBOLS = {
    "pm": "±", "mp": "∓", "times": "×", "cdot": "·", "odot": "⊙", "otimes": "⊗",
    "oplus": "⊕", "circ": "∘", "ast": "∗", "star": "⋆", "cup": "∪", "cap": "∩",
    "setminus": "∖", "div": "÷", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨",
    "bullet": "•",
}

REL_SYMBOLS = {
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
    "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝", "in": "∈", "notin": "∉",
    "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "iff": "⟺", "Leftrightarrow": "⇔", "leftrightarrow": "↔",
    "implies": "⟹", "impliedby": "⟸", "mapsto": "↦", "perp": "⊥", "mid": "|",
    "ll": "≪", "gg": "≫", "coloneqq": "≔", "longrightarrow": "⟶", "longleftarrow": "⟵",
    "parallel": "∥", "cong": "≅", "colon": ":",
}

OPEN_SYMBOLS = {"{": "{", "langle": "⟨", "lceil": "⌈", "lfloor": "⌊"}
CLOSE_SYMBOLS = {"}": "}", "rangle": "⟩", "rceil": "⌉", "rfloor": "⌋"}

BIG_OPERATORS = {
    "sum": "∑", "prod": "∏", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮",
    "bigcup": "⋃", "bigcap": "⋂", "coprod": "∐",
}

FUNCTIONS = {
    "log", "ln", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh", "sec", "csc", "cot",
    "arcsin", "arccos", "arctan", "max", "min", "sup", "inf", "arg", "argmax", "argmin",
    "det", "lim", "limsup", "liminf", "Pr", "gcd", "dim", "ker", "deg", "lg",
}

SPACES = {",": " ", ":": " ", ";": " ", ">": " ", "!": "", " ": " ", "quad": "  ",
          "qquad": "    ", "enspace": " ", "thinspace": " ", "medspace": " ",
          "thickspace": " "}

IGNORED = {"displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "big", "Big",
           "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
           "nonumber", "notag"}

ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
           "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
           "ddot": "\u0308", "check": "\u030c", "acute": "\u0301", "grave": "\u0300"}

FONTS = {"mathbb", "mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathcal", "mathsf",
         "mathtt", "mathscr", "mathfrak"}

TEXT_COMMANDS = {"text", "textrm", "textnormal", "mbox", "textit", "textbf", "mathrm*"}

MATRIX_ENVS = {"matrix": ("", ""), "bmatrix": ("[", "]"), "pmatrix": ("(", ")"),
               "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "Bmatrix": ("{", "}"),
               "smallmatrix": ("", "")}
OTHER_ENVS = {"cases", "aligned", "align*", "gathered"}

SUPERSCRIPT = dict(zip(
    "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡ",
))
# Characters that already read as superscripts.
SUPERSCRIPT.update({"⊤": "ᵀ", "*": "*", "∗": "*", "′": "′", "″": "″", "†": "†", "∘": "°",
                    "−": "⁻", "⋆": "⋆"})
SUBSCRIPT = dict(zip(
    "0123456789+-=()aehijklmnoprstuvxβγρφχ",
    "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
))
SUBSCRIPT["−"] = "₋"

VULGAR_FRACTIONS = {("1", "2"): "½", ("1", "3"): "⅓", ("2", "3"): "⅔", ("1", "4"): "¼",
                    ("3", "4"): "¾"}

# Mathematical Alphanumeric Symbols (U+1D400 block): first code point of A, a, 0 per style,
# and the letters that live in the Letterlike Symbols block instead.
_ALPHABETS = {
    "bf": (0x1D400, 0x1D41A, 0x1D7CE, {}),
    "bb": (0x1D538, 0x1D552, 0x1D7D8, {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ",
                                       "R": "ℝ", "Z": "ℤ"}),
    "cal": (0x1D49C, 0x1D4B6, None, {"B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ",
                                     "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ",
                                     "o": "ℴ"}),
    "frak": (0x1D504, 0x1D51E, None, {"C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"}),
}
_BOLD_GREEK_VARIANTS = {"ϵ": "𝛜", "ϑ": "𝛝", "ϰ": "𝛞", "ϕ": "𝛟", "ϱ": "𝛠", "ϖ": "𝛡",
                        "∂": "𝛛", "∇": "𝛁"}


def _styled(ch: str, alphabet: str) -> str:
    upper, lower, digits, special = _ALPHABETS[alphabet]
    if ch in special:
        return special[ch]
    if "A" <= ch <= "Z":
        return chr(upper + ord(ch) - ord("A"))
    if "a" <= ch <= "z":
        return chr(lower + ord(ch) - ord("a"))
    if "0" <= ch <= "9" and digits is not None:
        return chr(digits + ord(ch) - ord("0"))
    if alphabet == "bf":
        if "\u0391" <= ch <= "\u03a9":
            return chr(0x1D6A8 + ord(ch) - 0x391)
        if "\u03b1" <= ch <= "\u03c9":
            return chr(0x1D6C2 + ord(ch) - 0x3B1)
        return _BOLD_GREEK_VARIANTS.get(ch, ch)
    return ch


_SCRIPT_CHARS = set(SUPERSCRIPT.values()) | set(SUBSCRIPT.values())
_OPENERS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⌈": "⌉", "⌊": "⌋"}
_SYMMETRIC = {"|", "‖"}
# Characters that make a rendered piece "compound" for fraction/root parenthesisation.
_NUM_BREAKERS = set(" +-±∓=<>≤≥≠≈∼∝∈∉⊂→←⇒⟺/∑∏∫⊕⊗∪∩,;")
_DEN_BREAKERS = _NUM_BREAKERS | set("·×⊙∘∗⋆")


_CHAR_WIDTHS: dict[str, int] = {}


def _char_width(ch: str) -> int:
    width = _CHAR_WIDTHS.get(ch)
    if width is None:
        if unicodedata.combining(ch) or ch in "\u200b\u200d":
            width = 0
        else:
            width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        _CHAR_WIDTHS[ch] = width
    return width


def cell_width(text: str) -> int:
    """Terminal cells taken by ``text`` (wide CJK = 2, combining marks = 0)."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


# --------------------------------------------------------------------------- tokens

_TOKEN_RE = re.compile(r"\\([A-Za-z]+\*?)|\\(.)|(\s+)|(.)", re.S)


@dataclass(slots=True, eq=False)
class _Tok:
    """kind: "cmd" | "esc" | "space" | "char"."""

    kind: str
    value: str


def _tokenize(tex: str) -> list[_Tok]:
    kinds = (None, "cmd", "esc", "space", "char")
    return [_Tok(kinds[m.lastindex], " " if m.lastindex == 3 else m.group(m.lastindex))
            for m in _TOKEN_RE.finditer(tex)]


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
_FORBIDDEN_CHARS = {"#", "%", "$", "&", "\\", "{", "}", "^", "_"}


class _Parser:
    def __init__(self, tex: str, display: bool):
        self.tex = tex
        self.display = display
        self.toks = _tokenize(tex)
        self.pos = 0

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
            return _Sym(ch, _CHAR_CLASS.get(ch, "ord"))
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
        if name in GREEK:
            return _Sym(GREEK[name], "ord")
        if name in ORD_SYMBOLS:
            return _Sym(ORD_SYMBOLS[name], "ord")
        if name in BIN_SYMBOLS:
            return _Sym(BIN_SYMBOLS[name], "bin")
        if name in REL_SYMBOLS:
            return _Sym(REL_SYMBOLS[name], "rel")
        if name in OPEN_SYMBOLS:
            return _Sym(OPEN_SYMBOLS[name], "open")
        if name in CLOSE_SYMBOLS:
            return _Sym(CLOSE_SYMBOLS[name], "close")
        if name in BIG_OPERATORS:
            return _Sym(BIG_OPERATORS[name], "bigop")
        if name in SPACES:
            return _Sym(SPACES[name], "space")
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
            index = None
            tok = self.peek()
            if tok is not None and tok.kind == "char" and tok.value == "[":
                self.next()
                index = self.sequence(stop=(("char", "]"),))
                if self.next() is None:
                    raise self.error("\\sqrt[ 뒤에 닫는 ']'가 없습니다")
            return _Sqrt(self.argument("\\sqrt"), index)
        if name in ACCENTS:
            return _Accent(ACCENTS[name], self.argument("\\" + name))
        if name in FONTS:
            return _Font(name, self.argument("\\" + name))
        if name in TEXT_COMMANDS:
            return _Sym(self.raw_group("\\" + name), "ord")
        if name == "left":
            left = self.delimiter("\\left")
            body = self.sequence(stop=(("cmd", "right"),))
            if self.next() is None:
                raise self.error("\\left와 짝이 되는 \\right가 없습니다")
            right = self.delimiter("\\right")
            return _Delimited(left, body, right)
        if name == "right":
            raise self.error("\\right와 짝이 되는 \\left가 없습니다")
        if name == "middle":
            return _Sym(self.delimiter("\\middle"), "rel")
        if name == "begin":
            return self.environment()
        if name == "end":
            raise self.error("\\end와 짝이 되는 \\begin이 없습니다")
        raise self.error(f"지원하지 않는 명령 '\\{name}'입니다")

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


class _Box:
    """A multi-line block; ``baseline`` is the row that lines up with surrounding text."""

    __slots__ = ("lines", "baseline")

    def __init__(self, lines: list[str], baseline: int):
        self.lines = lines
        self.baseline = baseline

    @property
    def width(self) -> int:
        return max((cell_width(line) for line in self.lines), default=0)


def _pad(text: str, width: int, align: str = "left") -> str:
    gap = width - cell_width(text)
    if gap <= 0:
        return text
    if align == "right":
        return " " * gap + text
    if align == "center":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def _hcat(parts: list) -> _Box:
    above = max((p.baseline if isinstance(p, _Box) else 0) for p in parts)
    below = max(((len(p.lines) - 1 - p.baseline) if isinstance(p, _Box) else 0) for p in parts)
    height = above + below + 1
    lines = [""] * height
    for part in parts:
        box = part if isinstance(part, _Box) else _Box([part], 0)
        width = box.width
        top = above - box.baseline
        for row in range(height):
            idx = row - top
            text = box.lines[idx] if 0 <= idx < len(box.lines) else ""
            lines[row] += _pad(text, width)
    return _Box(lines, above)


_TALL = {
    "[": ("⎡", "⎢", "⎣", "⎢"), "]": ("⎤", "⎥", "⎦", "⎥"),
    "(": ("⎛", "⎜", "⎝", "⎜"), ")": ("⎞", "⎟", "⎠", "⎟"),
    "{": ("⎧", "⎪", "⎩", "⎨"), "}": ("⎫", "⎪", "⎭", "⎬"),
    "|": ("│", "│", "│", "│"), "‖": ("‖", "‖", "‖", "‖"),
    "⌈": ("⌈", "│", "│", "│"), "⌉": ("⌉", "│", "│", "│"),
    "⌊": ("│", "│", "⌊", "│"), "⌋": ("│", "│", "⌋", "│"),
    "⟨": ("╱", "⟨", "╲", "⟨"), "⟩": ("╲", "⟩", "╱", "⟩"),
}


def _tall_delimiter(delim: str, height: int, baseline: int) -> _Box:
    if not delim:
        return _Box([""] * height, baseline)
    if height == 1 or delim not in _TALL:
        return _Box([delim] * height, baseline)
    top, mid, bottom, centre = _TALL[delim]
    lines = [top] + [mid] * (height - 2) + [bottom]
    if delim in "{}" and height >= 3:
        lines[(height - 1) // 2] = centre
    return _Box(lines, baseline)


# --------------------------------------------------------------------------- renderer


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
            if (before is not None and before.cls in ("ord", "close", "frac")) or \
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
    if all(ch in table for ch in text):
        return "".join(table[ch] for ch in text)
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
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _OPENERS.values():
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return depth == 0


def _top_level_chars(text: str):
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _OPENERS.values():
            depth -= 1
        elif depth == 0:
            yield i, ch


def _needs_parens(text: str, breakers: set, numerator: bool = False) -> bool:
    for i, ch in _top_level_chars(text):
        if numerator and i == 0 and ch in "-+±":
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


# --------------------------------------------------------------------------- API


MAX_NESTING = 40


def _nesting_depth(tex: str) -> int:
    """Deepest nesting of unescaped ``{`` and of ``\\left`` in ``tex`` (B: bounds the
    recursive parser before it runs, so ``{``×3000 is a FormulaError, not a RecursionError)."""
    depth = deepest = 0
    i, n = 0, len(tex)
    while i < n:
        ch = tex[i]
        if ch == "\\":
            if tex.startswith("left", i + 1):
                depth += 1
            elif tex.startswith("right", i + 1):
                depth -= 1
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        deepest = max(deepest, depth)
        i += 1
    return deepest


def to_unicode(tex: str, display: bool = False) -> str:
    """Convert one formula (without the ``$`` delimiters) to Unicode text.

    Inline formulas give one line; display formulas may give several (matrices, cases), joined
    with ``\\n`` and right-stripped. Raises :class:`FormulaError` for anything outside the subset.
    """
    if _nesting_depth(tex) > MAX_NESTING:
        raise FormulaError(f"수식이 너무 깊게 중첩되어 있습니다 (중괄호와 \\left 최대 {MAX_NESTING}단계)", tex[:80])
    try:
        parser = _Parser(tex, display)
        nodes = parser.parse()
        out = _Renderer(parser).render(nodes)
    except RecursionError:  # a backstop: nesting the depth check does not count
        raise FormulaError("수식이 너무 복잡하게 중첩되어 있습니다", tex[:80]) from None
    if isinstance(out, _Box):
        lines = [line.rstrip() for line in out.lines]
    else:
        lines = [out]
    text = "\n".join(unicodedata.normalize("NFC", line) for line in lines).strip("\n")
    if "\\" in text:
        raise FormulaError("변환한 뒤에도 백슬래시(\\)가 남았습니다", tex)
    return text.strip() if "\n" not in text else text
