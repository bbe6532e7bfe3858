"""Hostile inputs for every panel field, by field kind (shared by the fuzz test and its bench)."""

from __future__ import annotations

import random
import re

from tui.panels import Panel

LATIN_ERROR = re.compile(r"[A-Za-z]*(Error|Exception|Warning)\b|Traceback|File \"")

ANY = ["", " ", "nan", "inf", "-inf", "1e308", "-1e308", "1e-320", "0", "-0", "-1", "abc", "x", "1/0",
       "sqrt(-1)", "ln(0)", "log(-1)", "__import__('os')", "eval('1')", "1,,2", "[1, 2", "1 2, 3", "1; 2; 3",
       "[[1,2],[3]]", "9" * 400, "1" + "0" * 30, "x^99999", "((((((((((1))))))))))", "1，2", "1\t2\n3", "∞",
       "2.5", "1e6", "100000000", "-100000000", "1e-9", "3.7", "2^31", "1_000", "0x10", "1e", "e", "pi"]
BY_KIND = {
    "expression": ["1/(x-1)", "ln(x)", "log(0*x)", "sqrt(x)", "exp(x)", "exp(1000*x)", "x^x", "1/x", "tan(x)",
                   "sin(1/x)", "x/0", "x^2 + y", "abs(x)", "exp(-x^2)", "x", "(x-1)^(-2)", "sign(x)",
                   "x^2 + 2x*y + y^2", "1e308*x^2", "-x^2", "x^3", "cos(x)*exp(x)", "1/(x^2+y^2)", "0*x"],
    "vector": ["1e308, 1e308", "0, 0, 0", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12", ", ".join(["1"] * 5000),
               "1;2", "[[1,2]]", "nan, 1", "1, -1", "0.5, 0.5", "-1, 2", "1 2 3", "[1, 2, 3]", "1e-300, 1"],
    "matrix": ["[[1e308, 1],[1, 1e308]]", "[[0,0],[0,0]]", "1 2; 3 4; 5 6", "[[1]]", "[[1,2],[2,4]]",
               "; ".join([" ".join(["1"] * 100)] * 100), "1, 2, 3", "[[1,2,3],[4,5,6]]", "[[nan]]", "[]"],
    "number": ["1e9", "100000", "-100000", "0.5", "1e-9", "1e5", "10", "0.999999", "1.0000001"],
    "integer": ["1e9", "100000", "-5", "1", "2", "3", "0", "200000", "1e5", "50", "4294967296"],
    "variables": ["x, max", "sin", "x y", "x, x", "a, b, c, d, e", "x1, x2", "y", "1a", "x,y"],
}


def texts_for(field) -> list[str]:
    pool = list(ANY) + BY_KIND.get(field.kind, [])
    if field.choices:
        pool += list(field.choices) * 6 + ["bogus"]
    return pool


def generate(panel: Panel, count: int, seed: int = 0) -> list[dict[str, str]]:
    """``count`` value dicts: defaults with one to three fields replaced by hostile texts."""
    rng = random.Random(f"{panel.id}:{seed}")
    out = []
    for _ in range(count):
        values = panel.defaults()
        for field in rng.sample(panel.fields, k=min(len(panel.fields), rng.choice((1, 1, 2, 3)))):
            values[field.name] = rng.choice(texts_for(field))
        out.append(values)
    return out
