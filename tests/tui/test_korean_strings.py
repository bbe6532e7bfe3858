"""No Latin-script UI string a learner can reach, except technical terms (issue 12).

Walks the source of every screen, widget and panel for the texts they show: every binding
description, every notification (message and title), button label, input placeholder, page
title and sub-title; and the command palette's texts at run time. A Latin word is allowed
only when it is a technical term or a key name (``TECHNICAL``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import tui

ROOT = Path(tui.__file__).parent
#: Latin words a learner may meet: key names, technical terms and their abbreviations.
TECHNICAL = {
    # keys
    "Ctrl", "Shift", "Esc", "Enter", "Tab", "Space", "PgUp", "PgDn", "Home", "End", "Del",
    "Backspace", "Super",
    # technical terms, libraries, formats
    "aimath", "JSON", "json", "md", "MSE", "CNN", "RNN", "SVD", "PCA", "MLP", "SGD", "Adam",
    "RMSProp", "RMSprop", "ReLU", "tanh", "sigmoid", "softmax", "FSRS", "numpy", "NumPy", "np",
    "inner", "ord", "inf", "nan", "sqrt", "exp", "log", "sin", "cos", "det", "inv", "norm",
    "KL", "MLE", "MAP", "BPTT", "Jacobian", "Hessian", "Newton", "log", "fro", "nuc", "max",
    "min", "sum", "mean", "var", "std", "abs", "pi", "eps", "lr", "seed", "dot", "matmul",
    "transpose", "Momentum", "Nesterov", "AdaGrad", "Adagrad", "SSE", "PDF", "CDF", "URL",
    "LaTeX", "HTML", "SVG", "UTC", "pinv", "lstsq", "argmax", "trace", "rank", "MAE", "XOR",
    "SymPy", "textual", "README", "diag", "SNR", "AUC", "ROC", "GRU", "LSTM", "BCE", "NLL",
    "help",  # the notebook's command that lists its functions
    # fonts named in the help of ``aimath serve``
    "Coding", "Noto", "Sans", "Mono", "CJK",
}
#: What each call shows: function name -> (positional indexes, keyword names).
SHOWN = {
    "notify": ((0,), ("message", "title")),
    "Binding": ((2,), ("description",)),
    "Button": ((0,), ("label",)),
    "Input": ((), ("placeholder",)),
    "Static": ((0,), ()),
    "KoreanCommandPalette": ((), ("placeholder",)),
    "ChooserScreen": ((0,), ()),
}


def _strings(node: ast.AST) -> list[str]:
    """The literal text of a string or f-string node (the parts written in the source)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [part.value for part in node.values if isinstance(part, ast.Constant)]
    if isinstance(node, ast.BinOp):
        return _strings(node.left) + _strings(node.right)
    return []


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def shown_texts() -> list[tuple[str, int, str]]:
    """(file, line, text) for every literal text the UI code hands to a widget or a toast."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in SHOWN:
                positions, keywords = SHOWN[_name(node.func)]
                args = [node.args[i] for i in positions if i < len(node.args)]
                args += [k.value for k in node.keywords if k.arg in keywords]
            elif isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr in ("sub_title", "title", "TITLE", "SUB_TITLE")
                    for t in node.targets):
                args = [node.value]
            else:
                continue
            for arg in args:
                for text in _strings(arg):
                    found.append((str(path.relative_to(ROOT.parent)), node.lineno, text))
    return found


#: Latin that is not prose: markup, formulas, file names, options, commands, addresses.
NOT_PROSE = [
    r"\[/?[a-z ]*\]",                 # console markup such as [b]…[/b]
    r"\b[A-Za-z]\w*\([^)]*\)",        # a formula or a call shown as an example: cos(x)
    r"\.[a-z]{1,4}\b",                # file extensions (.json, .md)
    r"--[a-z][\w-]*",                 # command-line options (--data-dir)
    r"%\(\w+\)\w",                   # argparse placeholders
    r"https?://\S+",                  # addresses
    r"(?<![A-Za-z])[A-Z]+(?:_[A-Z]+)+(?![A-Za-z])",  # environment variables (AIMATH_DATA_DIR)
    r"\{\w*\}",                       # str.format fields ({error})
    r"\baimath \w+",                  # the commands themselves (aimath export)
    r"\b\w+/",                        # folder names (cache/)
    r"\([A-Za-z][A-Za-z \-]*\)",       # an English term in parentheses after the Korean one
]


def latin_words(text: str) -> set[str]:
    """Latin words of three or more letters that are neither technical terms nor key names
    (one- and two-letter ones are variables of formulas: Ax, xy)."""
    for pattern in NOT_PROSE:
        text = re.sub(pattern, " ", text)
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in TECHNICAL}


def test_the_walk_finds_the_texts_of_every_kind():
    texts = shown_texts()
    files = {f for f, _l, _t in texts}
    assert len(texts) > 120
    for part in ("tui/app.py", "tui/screens/main.py", "tui/screens/quiz.py", "tui/screens/dashboard.py",
                 "tui/screens/glossary.py", "tui/screens/notebook.py", "tui/screens/review.py"):
        assert part in files, part
    shown = {t for _f, _l, t in texts}
    assert "사이드바" in shown and "진행 기록" in shown  # a binding and a notification title


def test_no_latin_words_in_what_the_ui_code_shows():
    offenders = [(f, line, text) for f, line, text in shown_texts()
                 if any("\uac00" <= ch <= "\ud7a3" for ch in text) or len(text) > 3
                 if latin_words(text)]
    assert not offenders, "\n".join(f"{f}:{line}: {text!r} {sorted(latin_words(text))}"
                                    for f, line, text in offenders)


def korean_strings() -> list[tuple[str, int, str]]:
    """(file, line, text) for every string literal with Hangul in the UI code: messages built
    in variables, tables of labels, hints (docstrings and comments are English)."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree)
                      if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if id(node) in docstrings:
                continue
            for text in _strings(node) if isinstance(node, (ast.Constant, ast.JoinedStr)) else []:
                if any("\uac00" <= ch <= "\ud7a3" for ch in text):
                    found.append((str(path.relative_to(ROOT.parent)), node.lineno, text))
    return found


def test_no_latin_words_in_any_korean_string_of_the_ui():
    texts = korean_strings()
    assert len(texts) > 500
    offenders = [(f, line, text) for f, line, text in texts if latin_words(text)]
    assert not offenders, "\n".join(f"{f}:{line}: {text!r} {sorted(latin_words(text))}"
                                    for f, line, text in offenders)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_latin_words_in_the_palette(make_app, size):
    """Every command the palette offers, with its help line, as the learner sees it."""
    from tui.commands import AimathCommands

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p")
        await pilot.pause()
        provider = AimathCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.discover()]
        assert len(hits) > 30
        for hit in hits:
            text = f"{hit.text or hit.display} {hit.help or ''}"
            assert not latin_words(str(text)), text
