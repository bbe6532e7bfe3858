"""Panels of lesson 14 (optimization): the race against the update rules written out here and the
curriculum numbers, the Hessian against finite differences and numpy.linalg, the initialisation
spread against a plain NumPy loop and the variance-of-a-sum rule; divergence and playback."""

from __future__ import annotations

import numpy as np
import pytest

from panel_app import PanelTestApp, playback_frames
from tui.panels import get_panel

A = np.diag([1.0, 10.0])  # the default f = ½xᵀAx


def gd_path(x0, lr, steps):
    out = [np.asarray(x0, dtype=float)]
    for _ in range(steps):
        out.append(out[-1] - lr * A @ out[-1])
    return np.array(out)


def adam_path(x0, lr, steps, b1=0.9, b2=0.999, eps=1e-8):
    """torch.optim.Adam's rule written out (no torch needed)."""
    x, m, v, out = np.asarray(x0, dtype=float), 0.0, 0.0, []
    out.append(x.copy())
    for t in range(1, steps + 1):
        g = A @ x
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        x = x - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        out.append(x.copy())
    return np.array(out)


@pytest.fixture(scope="module")
def race():
    return get_panel("optimization.race").run()


def test_race_defaults_follow_the_update_rules_and_the_curriculum(race):
    data = race.data
    np.testing.assert_allclose(data["momentum"]["path"][1:4], [[0.9, 0], [0.72, -0.9], [0.486, -0.81]], atol=1e-12)
    np.testing.assert_allclose(data["gd"]["path"], gd_path([1, 1], 0.1, 30), atol=1e-12)
    np.testing.assert_allclose(data["adam"]["path"], adam_path([1, 1], 0.1, 30), atol=1e-12)
    np.testing.assert_allclose(data["newton"]["path"][1], [0, 0], atol=1e-12)
    np.testing.assert_allclose(data["rmsprop"]["path"][1], [1 - 0.1 / np.sqrt(0.01)] * 2, atol=1e-6)
    assert not any(run["diverged"] for run in data.values())
    assert data["newton"]["verdict"] == "수렴"
    assert "뉴턴법" in race.text and "Adam" in race.text
    assert len(race.frames) == 31 and race.frames[1].text.startswith("반복 1 · 모멘텀 (0.9, 0)")
    assert race.plots[0].equal_aspect and len(race.plots[0].series) == 6


def test_race_adam_on_x_squared_matches_the_curriculum():
    data = get_panel("optimization.race").run({"f": "x^2 + y^2", "init": "1, 0", "steps": "5"}).data
    np.testing.assert_allclose(data["adam"]["path"][1:, 0],
                               [0.9000000005, 0.80041223, 0.70158627, 0.60393906, 0.50796366], atol=5e-9)


def test_race_reports_gd_divergence_past_two_over_lambda_max():
    result = get_panel("optimization.race").run({"lr": "0.21", "steps": "200"})
    gd = result.data["gd"]
    assert gd["diverged"] and gd["divergence_step"] is not None
    assert "경사하강법: 발산" in result.text and f"{gd['divergence_step']}번째 반복" in result.text
    assert "학습률을 줄여 보세요" in result.text
    assert not result.data["adam"]["diverged"]
    assert np.all(np.isfinite(gd["values"])) and gd["values"].max() < 1e8  # cut at the blow-up
    below = get_panel("optimization.race").run({"lr": "0.19", "steps": "200"}).data["gd"]
    assert not below["diverged"] and abs(below["path"][-1]).max() < 1e-8


def test_race_saddle_is_named_and_a_nudge_escapes():
    stuck = get_panel("optimization.race").run({"f": "x^2 + y^4/4 - y^2", "init": "1, 0", "steps": "100"}).data
    assert stuck["gd"]["verdict"] == "안장점에 멈춤" and stuck["newton"]["verdict"] == "안장점에 멈춤"
    free = get_panel("optimization.race").run({"f": "x^2 + y^4/4 - y^2", "init": "1, 0.001", "steps": "100"}).data
    assert free["gd"]["path"][-1][1] == pytest.approx(np.sqrt(2), abs=1e-6)
    first = {m: int(np.argmax(np.abs(free[m]["path"][:, 1]) > 1)) for m in ("gd", "momentum")}
    assert first == {"gd": 40, "momentum": 19}


def test_race_unbounded_below_and_kinks_are_explained():
    result = get_panel("optimization.race").run({"f": "x^2 - y^2", "init": "1, 0.5"})
    assert "최솟값이 없는 함수" in result.text
    kink = get_panel("optimization.race").run({"f": "abs(x) + y^2"})
    assert "newton" not in kink.data and "뉴턴법: f가 두 번 미분 가능하지 않은" in kink.text
    flat = get_panel("optimization.race").run({"f": "x + y"})
    assert flat.data["newton"]["verdict"] == "멈춤 (헤세 행렬이 특이)" and "특이해서(역행렬 없음) 멈췄습니다" in flat.text


def central_hessian(f, x, h=1e-4):
    x = np.asarray(x, dtype=float)
    n = x.size
    H = np.empty((n, n))
    for i, ei in enumerate(np.eye(n) * h):
        for j, ej in enumerate(np.eye(n) * h):
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)
    return H


def test_hessian_defaults_saddle_with_the_curriculum_eigenvalues():
    result = get_panel("optimization.hessian").run()
    data = result.data
    np.testing.assert_allclose(data["hessian"], central_hessian(lambda p: p[0] ** 2 + 3 * p[0] * p[1] + p[1] ** 2, [0, 0]),
                               atol=1e-6)
    np.testing.assert_allclose(data["eigenvalues"], [-1, 5], atol=1e-12)
    assert data["verdict"].startswith("안장점") and data["bound"] == pytest.approx(0.4)
    assert "2/λ_max = 0.4" in result.text and result.plots[0].equal_aspect


@pytest.mark.parametrize(("values", "word"), [
    ({"f": "x^2 - x*y + y^2"}, "극소"), ({"f": "-(x^2) - y^2 + x*y"}, "극대"),
    ({"f": "x^4 + y^2"}, "판정할 수 없습니다"), ({"f": "x^2 + y^2", "point": "1, 1"}, "임계점이 아닙니다"),
])
def test_hessian_verdicts(values, word):
    assert word in get_panel("optimization.hessian").run(values).data["verdict"]


def test_hessian_three_variables_against_numpy():
    def f(p):
        return np.sin(p[0]) * p[1] + p[2] ** 2 * p[0]

    point = [0.5, -1.0, 2.0]
    data = get_panel("optimization.hessian").run({"vars": "x, y, z", "f": "sin(x)*y + z^2*x",
                                                  "point": "0.5, -1, 2"}).data
    H = central_hessian(f, point)
    np.testing.assert_allclose(data["hessian"], H, atol=1e-5)
    np.testing.assert_allclose(data["eigenvalues"], np.linalg.eigvalsh(H), atol=1e-5)


def _spread_reference(depth, width, act, s, samples, seed):
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((samples, width))
    fn = np.tanh if act == "tanh" else (lambda z: np.maximum(z, 0))
    out = []
    for _ in range(depth):
        h = fn(h @ (s * rng.standard_normal((width, width))))
        out.append(h.std())
    return np.array(out)


def test_init_spread_against_numpy_and_the_variance_rule():
    result = get_panel("optimization.init").run({"activation": "relu"})
    spreads, n = result.data["spreads"], 100
    for scheme, s in (("naive", 1.0), ("xavier", np.sqrt(1 / n)), ("he", np.sqrt(2 / n))):
        np.testing.assert_allclose(spreads[scheme], _spread_reference(20, n, "relu", s, 100, 0), rtol=1e-9)
    # Xavier under ReLU halves the variance per layer: the std shrinks by √2 a layer.
    ratio = spreads["xavier"][-1] / spreads["xavier"][0]
    assert 2 ** -9.5 / 3 < ratio < 3 * 2 ** -9.5
    assert 0.3 < spreads["he"][-1] / spreads["he"][0] < 3 and spreads["naive"][-1] > 1e15
    assert "He N(0, 2/n): 유지" in result.text and "표준정규 N(0, 1): 폭주" in result.text
    tanh = get_panel("optimization.init").run().data["spreads"]
    assert tanh["naive"][-1] == pytest.approx(0.957, abs=5e-4) and tanh["xavier"][-1] == pytest.approx(0.154, abs=5e-4)


def test_init_refuses_a_run_over_its_budget():
    from mathcore import InputError

    with pytest.raises(InputError) as info:
        get_panel("optimization.init").run({"depth": "100", "width": "512", "samples": "2000"})
    assert info.value.field == "width" and str(info.value).startswith("층의 너비 n")


async def test_race_playback_steps_one_iteration_per_key():
    app = PanelTestApp("optimization.race")
    async with app.run_test(size=(120, 40)) as pilot:
        view, seen = await playback_frames(pilot, 4)
        assert seen[0].startswith("[1/31] 반복 0 · 모멘텀 (1, 1)")
        assert "반복 2 · 모멘텀 (0.72, -0.9)" in seen[2] and "반복 3 · 모멘텀 (0.486, -0.81)" in seen[3]
        assert view.frame_index == 4
