"""Symbol tables, Unicode alphabets and terminal cell widths for the LaTeX converter.

Greek letters, superscripts and subscripts come from :mod:`mathcore.glyphs`, shared with the
printer of SymPy results (``mathcore.pretty``)."""

from __future__ import annotations

import unicodedata

from mathcore.glyphs import SUBSCRIPT, SUPERSCRIPT

class FormulaError(ValueError):
    """A formula uses LaTeX outside the supported subset, or is malformed."""

    def __init__(self, message: str, formula: str):
        super().__init__(f"{message} (수식 ${formula}$)")
        self.message = message
        self.formula = formula



# --------------------------------------------------------------------------- tables

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
_NUM_BREAKERS = set(" +-−±∓=<>≤≥≠≈∼∝∈∉⊂→←⇒⟺/∑∏∫⊕⊗∪∩,;")
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
