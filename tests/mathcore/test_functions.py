"""mathcore.functions: the ONE table of allowed names, read by the parser, the grader, the
numeric compiler and the panels' variable fields — and they agree."""
import math

import numpy as np
import pytest
import sympy

from mathcore import InputError
from mathcore.functions import CONSTANTS, FUNCTIONS, numpy_function, reserved_names, variable_name_problem
from mathcore.parse import normalise_variables, numeric_function, parse_expression, parse_number


def test_parser_accepts_exactly_the_table():
    import mathcore.parse as parse

    assert set(parse.FUNCTIONS) == set(FUNCTIONS)
    assert set(parse.CONSTANTS) == set(CONSTANTS)
    for name, fn in FUNCTIONS.items():
        args = ", ".join(["0.5"] * fn.min_args) if name != "log" else "0.5"
        parse_number(f"{name}({args})")  # every listed function parses
        with pytest.raises(InputError, match="인수"):
            parse_expression(f"{name}(" + ", ".join(["x"] * (fn.max_args + 1)) + ")")


def test_unlisted_functions_are_unknown():
    for name in ("gamma", "erf", "floor", "sign", "factorial", "cot", "asinh"):
        with pytest.raises(InputError):
            parse_expression(f"{name}(x)")


def test_reserved_names_are_refused_as_variables_everywhere():
    from content.question_fields import field_problems as _field_problems
    from tui.panels import fields

    reserved = reserved_names()
    assert set(FUNCTIONS) <= reserved and set(CONSTANTS) <= reserved
    assert {"sign", "E", "I", "oo", "Abs", "Max"} <= reserved
    assert fields.reserved_names() == reserved  # the panels read the same table
    for name in sorted(reserved):
        if not name.isalnum():
            continue
        assert variable_name_problem(name)
        with pytest.raises(InputError):
            normalise_variables((name,))
        with pytest.raises(InputError):
            fields.Variables("v", "변수", "x").read(name, {})
        problems = _field_problems({"id": "t-001", "type": "expression", "prompt": "p", "explanation": "e",
                                    "answer": "1", "variables": [name]}, "t")
        assert problems, name  # a quiz file may not use it either


def test_ordinary_names_are_accepted_by_all():
    from content.question_fields import field_problems as _field_problems
    from tui.panels import fields

    for name in ("x", "y", "w", "h", "w1", "theta", "lr"):
        assert variable_name_problem(name) is None
        assert normalise_variables((name,)) == (name,)
        assert fields.Variables("v", "변수", "x").read(name, {}) == (name,)
        assert not _field_problems({"id": "t-001", "type": "expression", "prompt": "p", "explanation": "e",
                                    "answer": name, "variables": [name]}, "t")


def test_numpy_side_of_the_table_matches_numpy():
    pts = np.linspace(0.1, 0.9, 7)
    for name, fn in FUNCTIONS.items():
        if fn.min_args != 1 or name == "log":
            continue
        f = numeric_function(f"{name}(x)")  # compiled through the NumPy side of the table
        reference = [parse_number(f"{name}({float(v)!r})") for v in pts]  # folded with mpmath
        np.testing.assert_allclose(f(pts), reference, rtol=1e-12, err_msg=name)
        expr = parse_expression(f"{name}(x)")
        if isinstance(expr, sympy.Function):  # sqrt is a Pow, log10 a quotient of logs
            assert numpy_function(type(expr).__name__) is not None, name


def test_derivative_of_abs_is_not_nan_for_any_variable_name():
    # d/dv |v| = sign(v): a variable must never shadow the function it is compiled with.
    from mathcore import calculus

    for var in ("x", "s", "t", "w"):
        d = calculus.derivative(f"abs({var})", var)
        out = numeric_function(d, (var,))(np.array([-2.0, 3.0]))
        np.testing.assert_array_equal(out, [-1.0, 1.0])
    with pytest.raises(InputError, match="변수 이름"):
        normalise_variables(("sign",))
    assert math.isclose(numeric_function("x^2", ("x",))(3.0), 9.0)
