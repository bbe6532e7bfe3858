"""The inputs of issue 9 that used to crash or mislead, and the typed field API."""

from __future__ import annotations

import re

import numpy as np
import pytest
from rich.text import Text

from mathcore import InputError
from tui.panels import PlotSpec, Series, get_panel
from tui.panels.fields import Expression, Function, Integer, Matrix, Number, Variables, Vector, read_fields
from tui.widgets.plot import nice_ticks, render_spec, tick_label
from textual_plotext.plot import Plot


def draw(spec: PlotSpec, width: int = 80, height: int = 18) -> str:
    text = render_spec(Plot(), spec, width, height, "default")
    assert isinstance(text, Text)
    return text.plain


# ---------------------------------------------------------------- fields


def test_fields_parse_their_own_text_into_typed_values():
    fields = [
        Variables("vars", "변수", "x, y"),
        Expression("f", "함수", "x^2 + 2x*y", variables="vars"),
        Vector("p", "점", "1, 2", length=lambda v: len(v["vars"]), after=("vars",)),
        Matrix("A", "행렬", "1 2; 3 4"),
        Number("lr", "학습률", "1/4", low=0, low_open=True),
        Integer("n", "개수", "1e3", low=1, high=10_000),
    ]
    v = read_fields(fields, {f.name: f.default for f in fields})
    assert v["vars"] == ("x", "y")
    assert isinstance(v["f"], Function) and v["f"].at(1.0, 2.0) == pytest.approx(5.0)
    np.testing.assert_array_equal(v["p"], [1.0, 2.0])
    np.testing.assert_array_equal(v["A"], [[1, 2], [3, 4]])
    assert v["lr"] == 0.25 and v["n"] == 1000 and isinstance(v["n"], int)
    assert v["f"].text == "x² + 2xy"


@pytest.mark.parametrize("names", ["x, max", "sin", "e", "pi, x", "x x", "1a"])
def test_variable_fields_reject_reserved_and_bad_names(names):
    with pytest.raises(InputError) as info:
        get_panel("gd_basic.derivative").run({"variables": names})
    assert info.value.field == "variables" and str(info.value).startswith("변수")


@pytest.mark.parametrize(("text", "word"), [("0", "보다 크고"), ("nan", ""), ("inf", ""), ("1e308", "이하"),
                                            ("", "입력하세요"), ("abc", "")])
def test_number_fields_report_on_their_own_field(text, word):
    with pytest.raises(InputError) as info:
        get_panel("gd_basic.descent").run({"lr": text})
    assert info.value.field == "lr" and str(info.value).startswith("학습률 η") and word in str(info.value)


def test_mathcore_errors_name_their_argument():
    from mathcore import calculus, linalg, regression

    with pytest.raises(InputError) as info:
        calculus.gradient_descent("x^2", [1.0, 2.0], variables=("x",))
    assert info.value.field == "init"
    with pytest.raises(InputError) as info:
        linalg.matmul([[1, 2]], [[1, 2]])
    assert info.value.field == "B"
    with pytest.raises(InputError) as info:
        regression.gd_linear_regression([[1.0], [2.0]], [1.0, 2.0], init=[1.0, 2.0, 3.0])
    assert info.value.field == "init"


# ---------------------------------------------------------------- the crashes of issue 9


@pytest.mark.parametrize(("panel_id", "values"), [
    ("gd_basic.derivative", {"f": "1/(x-1)", "point": "1"}),
    ("gd_basic.derivative", {"f": "ln(x)", "point": "0"}),
    ("probability.monte_carlo", {"f": "1/x", "low": "-1", "high": "1"}),
])
def test_poles_give_a_result_and_plots_that_draw(panel_id, values):
    result = get_panel(panel_id).run(values)
    assert result.text and "nan" not in result.text.lower()
    for spec in result.plots:
        plain = draw(spec)
        assert spec.title in plain or "그래프" in plain


def test_a_pole_inside_the_interval_is_reported_as_divergent_not_as_a_crash():
    # SymPy's answer here is the complex −log 2 − iπ (found by the fuzz benchmark).
    result = get_panel("probability.monte_carlo").run({"f": "1/(x-1)", "low": "-1", "high": "1"})
    assert "발산" in result.text and "정확한 값 =" not in result.text


def test_minus_zero_is_zero():
    # "-0" passed the range check (−0.0 ≥ 0) and then numpy refused the scale −0.0 (found by fuzzing).
    result = get_panel("losses_info.noise_to_loss").run({"scale": "-0"})
    assert result.data["y"].size == 40


@pytest.mark.parametrize(("f", "start"), [("ln(x)", "-1"), ("sqrt(x)", "-1"), ("exp(x)", "800"),
                                          ("x^2", "1e308"), ("1/x", "0"), ("sqrt(x)", "0")])
def test_a_start_where_f_is_undefined_is_an_error_on_the_start_field(f, start):
    with pytest.raises(InputError) as info:
        get_panel("gd_basic.descent").run({"f": f, "init": start})
    assert info.value.field == "init" and str(info.value).startswith("시작점 x₀")
    assert not re.search(r"[A-Za-z]+Error", str(info.value))


# ---------------------------------------------------------------- divergence


def _no_long_numbers(text: str) -> None:
    assert not re.search(r"\d{13,}", text), text


def test_intro_reports_divergence_just_past_the_lessons_limit():
    panel = get_panel("intro.mse_fit")
    for lr in ("0.0021", "0.004", "0.1"):
        r = panel.run({"lr": lr})
        assert r.data["diverged"] and "발산" in r.text and "학습률을 줄여 보세요" in r.text
        assert re.search(r"\d+번째 반복", r.text)
        _no_long_numbers(r.text)
        for spec in r.plots:
            _no_long_numbers(draw(spec))
    for lr in ("0.0004", "0.001", "0.0015"):
        assert not panel.run({"lr": lr}).data["diverged"]


def test_intro_and_linreg_report_both_losses_named():
    intro = get_panel("intro.mse_fit").run()
    assert "½‖r‖²" in intro.text and "MSE" in intro.text
    np.testing.assert_allclose(intro.data["half_sse"], 0.5 * 30 * intro.data["mse"])
    lin = get_panel("gd_advanced.linreg").run({"steps": "1"})
    assert lin.data["half_sse"][0] == pytest.approx(2174.47, abs=0.01)  # the lesson's table
    assert lin.data["half_sse"][1] == pytest.approx(1045.48, abs=0.01)
    assert "½‖y − Xβ‖²" in lin.text and "MSE" in lin.text


@pytest.mark.parametrize(("panel_id", "values"), [
    ("gd_basic.descent", {"lr": "1.1"}),
    ("gd_basic.descent2d", {"lr": "2"}),
    ("gd_advanced.linreg", {"lr": "1"}),
    ("gd_advanced.sgd", {"lr": "5"}),
    ("deep_learning.mlp", {"lr": "100", "epochs": "200"}),
])
def test_divergence_is_reported_with_a_step_and_a_readable_plot(panel_id, values):
    r = get_panel(panel_id).run(values)
    assert "발산" in r.text and "학습률을 줄여 보세요" in r.text
    _no_long_numbers(r.text)
    for spec in r.plots:
        plain = draw(spec)
        _no_long_numbers(plain)
        assert "그릴 수 있는 점이 없습니다" not in plain


# ---------------------------------------------------------------- the plot layer


def test_ticks_are_short():
    assert tick_label(1e-9, 1e-9) == "1e-9" and tick_label(2.3e14, 1e14) == "2.3e14"
    assert tick_label(0.25, 0.05) == "0.25" and tick_label(1200, 200) == "1200"
    assert nice_ticks(0, 7, 5, integer=True) == [0.0, 2.0, 4.0, 6.0]


def test_plot_layer_survives_anything():
    nasty = [np.nan, np.inf, -np.inf, 1e308, -1e308, 0.0, 1e-320, 5.0]
    specs = [
        PlotSpec(title="줄", series=[Series(list(range(len(nasty))), nasty, label="값")]),
        PlotSpec(title="로그", ylog=True, series=[Series([1, 2, 3], [0.0, -1.0, np.nan])]),
        PlotSpec(title="빈", series=[]),
        PlotSpec(title="막대", kind="bar", series=[Series(["a", "b"], [np.nan, 1.0], label="p")]),
        PlotSpec(title="히스토그램", kind="hist", series=[Series([], nasty, kind="hist")]),
        PlotSpec(title="같은 값", series=[Series([1, 1, 1], [2, 2, 2])], equal_aspect=True,
                 highlight=(np.nan, 1.0, "점")),
        PlotSpec(title="모양이 다름", series=[Series([1, 2, 3], [1.0])], xlim=(np.nan, 1.0)),
    ]
    for spec in specs:
        for width, height in ((80, 18), (30, 6), (10, 4)):
            draw(spec, width, height)
    assert "그릴 수 있는 점이 없습니다" in draw(specs[1])
    assert "2개는 빼고" in draw(PlotSpec(title="t", series=[Series([0, 1, 2, 3], [1.0, np.nan, np.inf, 2.0])]))


def test_log_axes_are_labelled_as_powers():
    plain = draw(PlotSpec(title="손실", ylog=True, series=[Series(list(range(50)), list(10.0 ** -np.arange(50) / 7))]))
    assert "10⁻" in plain and "0.0000" not in plain
