"""matrices.regression shows correction 6 of lesson 02: a library-style fit (centred data, intercept
separate) next to pinv with and without the ones column, and for a rank-deficient one-hot design the
minimum-norm solution next to other solutions with the same residual. Values are checked against
numpy.linalg.lstsq and scikit-learn's LinearRegression, on the spec and through the Pilot."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from panel_app import PanelTestApp, text_of, wait_until
from tui.panels import get_panel
from tui.widgets.panel_view import PanelView

ONE_HOT = np.array([[1, 0], [1, 0], [0, 1], [0, 1.0]])
ONE_HOT_Y = np.array([5, 6, 9, 10.0])
NUMBER = r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?"


def _run(**fields):
    return get_panel("matrices.regression").run(fields)


def _sklearn(x, y):
    model = LinearRegression().fit(x, y)
    return np.append(model.coef_, model.intercept_)


def _after_equals(line: str) -> list[float]:
    """The numbers written as ``name = value`` in a result line."""
    return [float(m) for m in re.findall(rf"= ({NUMBER})", line.replace("−", "-"))]


def _beta(line: str) -> list[float]:
    """The vector written as ``[a, b, c]`` in a row of the solutions table."""
    inside = re.search(r"\[([^\]]*)\]", line).group(1)
    return [float(m) for m in re.findall(NUMBER, inside.replace("−", "-"))]


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.lstrip().startswith(start))


def test_full_rank_library_fit_equals_pinv_lstsq_and_scikit_learn():
    r = _run()
    x = np.array([[1], [2], [3], [4], [5.0]])
    y = np.array([3.1, 4.9, 7.2, 8.8, 11.1])
    design = np.column_stack([x, np.ones(5)])
    lstsq = np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(r.data["library"], _sklearn(x, y), atol=1e-12)
    np.testing.assert_allclose(r.data["library"], lstsq, atol=1e-12)
    np.testing.assert_allclose(r.data["pinv_with_ones"], lstsq, atol=1e-12)
    assert r.data["pinv_without_ones"][0] == pytest.approx(float(x[:, 0] @ y / (x[:, 0] @ x[:, 0])))
    assert "원점" in r.text and "랭크가 가득 차" in r.text and "other_solution" not in r.data


def test_one_hot_design_shows_min_norm_library_and_another_solution():
    r = _run(X="[[1,0],[1,0],[0,1],[0,1]]", y="5, 6, 9, 10")
    design = np.column_stack([ONE_HOT, np.ones(4)])
    min_norm = np.linalg.lstsq(design, ONE_HOT_Y, rcond=None)[0]
    np.testing.assert_allclose(min_norm, [0.5, 4.5, 5], atol=1e-12)  # the lesson's table
    np.testing.assert_allclose(r.data["pinv_with_ones"], min_norm, atol=1e-12)
    np.testing.assert_allclose(r.data["library"], _sklearn(ONE_HOT, ONE_HOT_Y), atol=1e-12)
    np.testing.assert_allclose(r.data["library"], [-2, 2, 7.5], atol=1e-12)
    assert r.data["rank"] == np.linalg.matrix_rank(design) == 2
    null, other = r.data["null_vector"], r.data["other_solution"]
    np.testing.assert_allclose(design @ null, 0, atol=1e-12)
    assert np.linalg.norm(null) > 0.5
    residual = np.linalg.norm(ONE_HOT_Y - design @ min_norm)
    for beta in (r.data["library"], other):
        assert np.linalg.norm(ONE_HOT_Y - design @ beta) == pytest.approx(residual, abs=1e-12)
        assert np.linalg.norm(beta) > np.linalg.norm(min_norm) + 0.1  # min-norm really is smallest
    np.testing.assert_allclose(design @ other, design @ min_norm, atol=1e-12)
    assert r.data["prediction_gap"] < 1e-12
    assert "랭크가 부족합니다" in r.text and "노름이 가장 작은 해" in r.text
    # Without the ones column the one-hot columns already span the intercept: same residual.
    assert r.data["residual_without_ones"] == pytest.approx(residual)
    assert "1 열이 없어도 잔차가 같습니다" in r.text


async def test_pilot_one_hot_run_shows_the_three_solutions():
    app = PanelTestApp("matrices.regression")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(PanelView)
        view.set_value("X", "[[1,0],[1,0],[0,1],[0,1]]")
        view.set_value("y", "5, 6, 9, 10")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.computed)
        assert app.computed[0].ok
        text = text_of(view, "#pv-result")
    design = np.column_stack([ONE_HOT, np.ones(4)])
    min_norm = np.linalg.lstsq(design, ONE_HOT_Y, rcond=None)[0]
    shown_min = _beta(_line(text, "최소 노름 해 (pinv"))
    shown_lib = _beta(_line(text, "라이브러리 방식 (중심화)"))
    shown_other = _beta(_line(text, "최소 노름 해 + n"))
    np.testing.assert_allclose(shown_min, min_norm, atol=1e-6)
    np.testing.assert_allclose(shown_lib, _sklearn(ONE_HOT, ONE_HOT_Y), atol=1e-6)
    assert np.linalg.norm(ONE_HOT_Y - design @ np.array(shown_other)) == pytest.approx(
        np.linalg.norm(ONE_HOT_Y - design @ min_norm), abs=1e-6)
    assert not np.allclose(shown_other, min_norm)
    assert "예측값은 같고" in text


async def test_pilot_default_run_puts_the_library_fit_next_to_pinv():
    app = PanelTestApp("matrices.regression")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(PanelView)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.computed)
        text = text_of(view, "#pv-result")
    x = np.array([[1], [2], [3], [4], [5.0]])
    y = np.array([3.1, 4.9, 7.2, 8.8, 11.1])
    np.testing.assert_allclose(_after_equals(_line(text, "라이브러리 방식:")), _sklearn(x, y), atol=1e-6)
    no_ones = _after_equals(_line(text, "pinv, 1 열 없음:"))
    assert no_ones[0] == pytest.approx(float(x[:, 0] @ y / (x[:, 0] @ x[:, 0])), abs=1e-6)
    assert no_ones[1] == 0
