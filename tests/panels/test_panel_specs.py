"""Every panel: defaults reproduce the lesson numbers; bad input names the field."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from mathcore import InputError
from tui.panels import Cancelled, PanelResult, Progress, all_panels, get_panel

CURRICULUM_IDS = [
    "intro.mse_fit",
    "vectors.norms", "vectors.angle", "vectors.unit_balls",
    "matrices.ops", "matrices.inverse", "matrices.regression", "matrices.solve",
    "gd_basic.derivative", "gd_basic.descent", "gd_basic.descent2d",
    "gd_advanced.linreg", "gd_advanced.sgd", "gd_advanced.learning_rate",
    "deep_learning.softmax", "deep_learning.activations", "deep_learning.mlp",
    "probability.monte_carlo", "probability.moments",
    "statistics.mle", "statistics.clt", "statistics.kl",
    "bayes.posterior",
    "cnn.conv", "cnn.backprop",
    "rnn.forward", "rnn.bptt",
    # advanced track (lessons 11–14); their own tests are in test_advanced_panels.py
    "matrix_calculus.jacobian", "matrix_calculus.softmax_grad", "matrix_calculus.backprop_graph",
    "eigen_svd.transform", "eigen_svd.decompose", "eigen_svd.pca",
    "losses_info.noise_to_loss", "losses_info.ridge", "losses_info.entropy",
    "optimization.race", "optimization.hessian", "optimization.init",
]

_CACHE: dict[str, PanelResult] = {}


def flat(text: str) -> str:
    """Text with runs of blanks collapsed (matrices are printed column-aligned)."""
    import re

    return re.sub(r"\s+", " ", text).replace("[ ", "[")


def run(panel_id: str, **values: str) -> PanelResult:
    if not values:
        if panel_id not in _CACHE:
            _CACHE[panel_id] = get_panel(panel_id).run()
        return _CACHE[panel_id]
    return get_panel(panel_id).run(values)


def test_registry_has_exactly_the_curriculum_panels():
    panels = all_panels()
    assert list(panels) == CURRICULUM_IDS
    for pid, panel in panels.items():
        assert panel.id == pid and panel.lesson == pid.split(".")[0]
        assert panel.title and panel.fields
        for field in panel.fields:
            assert field.label and not field.label.isascii(), f"{pid}.{field.name} needs a Korean label"
            if field.choices:
                assert field.default in field.choices


def test_specs_do_not_import_textual():
    import subprocess

    code = "import sys, tui.panels as p; p.all_panels(); print('textual' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("panel_id", CURRICULUM_IDS)
def test_defaults_run_and_give_text(panel_id):
    result = run(panel_id)
    assert isinstance(result, PanelResult) and result.text.strip()
    for plot in result.plots:
        assert plot.title and not plot.title.isascii()
        assert plot.series
    if get_panel(panel_id).playback:
        assert result.frames and all(f.highlights for f in result.frames)


# ---------------------------------------------------------------- numbers


def test_intro_mse_fit_matches_closed_form_and_replays_the_loop():
    r = run("intro.mse_fit")
    x, y, w = r.data["x"], r.data["y"], r.data["w0"]
    for _ in range(30):  # the seed's update, written out independently
        w -= 0.0004 * (x @ (w * x - y))
    assert r.data["w"] == pytest.approx(w, rel=1e-12)
    assert r.data["least_squares"] == pytest.approx((x @ y) / (x @ x), rel=1e-12)
    assert len(r.plots) == 3 and np.all(np.diff(r.data["loss"]) <= 1e-12)


def test_vectors_norms_seed_numbers():
    r = run("vectors.norms")
    x, y = np.array([1, 7, 2.0]), np.array([5, 2, 1.0])
    assert "[5, 14, 2]" in r.text
    assert r.data["l1"] == 10 and r.data["l2"] == pytest.approx(np.linalg.norm(x))
    assert r.data["linf"] == 7
    np.testing.assert_allclose(r.data["hadamard"], x * y)
    assert r.data["distance_l2"] == pytest.approx(np.linalg.norm(x - y))


def test_vectors_angle_and_projection():
    r = run("vectors.angle")
    x, y = np.array([1, 7, 2.0]), np.array([5, 2, 1.0])
    theta = math.acos(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))
    assert r.data["angle"] == pytest.approx(theta)
    assert r.data["inner"] == 21
    np.testing.assert_allclose(r.data["projection"], (x @ y) / (y @ y) * y)
    assert f"{math.degrees(theta):.4f}"[:6] in r.text


def test_vectors_unit_balls_boundaries_have_norm_one():
    r = run("vectors.unit_balls")
    b = r.data["boundaries"]
    np.testing.assert_allclose(np.abs(b["L1"]).sum(axis=1), 1.0)
    np.testing.assert_allclose(np.hypot(b["L2"][:, 0], b["L2"][:, 1]), 1.0)
    np.testing.assert_allclose(np.abs(b["L∞"]).max(axis=1), 1.0)
    assert "밖" in r.text and "안" in r.text  # (0.6, 0.6) is outside L1, inside L2 and L∞


def test_matrices_ops_seed_numbers():
    r = run("matrices.ops")
    np.testing.assert_array_equal(r.data["matmul"], [[-8, 6], [5, 2], [-5, 1]])
    np.testing.assert_array_equal(r.data["inner"], [[-5, 3], [5, 2], [-3, -1]])
    assert "[-8, 6]" in flat(r.text) and "[-3, -1]" in flat(r.text)


def test_matrices_inverse_seed_numbers():
    r = run("matrices.inverse")
    x = np.array([[1, -2, 3], [7, 5, 0], [-2, -1, 2.0]])
    y = np.array([[0, 1], [1, -1], [-2, 1.0]])
    np.testing.assert_allclose(r.data["inverse"], np.linalg.inv(x))
    np.testing.assert_allclose(r.data["pinv"], np.linalg.pinv(y), atol=1e-12)
    for number in ("0.21276596", "0.0212766", "-0.31914894", "0.44680851", "0.40425532",
                   "0.83333333", "-0.33333333", "-0.16666667"):
        assert number in r.text
    np.testing.assert_allclose(r.data["pinv_check"], np.eye(2), atol=1e-12)


def test_matrices_regression_with_and_without_ones():
    r = run("matrices.regression")
    x = np.array([1, 2, 3, 4, 5.0])
    y = np.array([3.1, 4.9, 7.2, 8.8, 11.1])
    design = np.column_stack([x, np.ones_like(x)])
    np.testing.assert_allclose(r.data["pinv_with_ones"], np.linalg.lstsq(design, y, rcond=None)[0])
    np.testing.assert_allclose(r.data["pinv_without_ones"], [(x @ y) / (x @ x)])
    np.testing.assert_allclose(r.data["lstsq"], r.data["pinv_with_ones"], atol=1e-12)
    assert "원점" in r.text and "lstsq" in r.text and "1 열 없음" in r.text


def test_matrices_solve_min_norm():
    r = run("matrices.solve")
    A = np.array([[0, 1, -2], [1, -1, 1.0]])
    b = np.array([1, 2.0])
    np.testing.assert_allclose(r.data["x"], np.linalg.lstsq(A, b, rcond=None)[0])
    np.testing.assert_allclose(A @ r.data["x"], b)


def test_gd_basic_derivative_seed_numbers():
    r = run("gd_basic.derivative")
    assert r.data["gradient"] == ["2x + 2"]  # the lessons' notation, not SymPy code
    assert "2x + 2" in r.text and "*" not in r.text and r.data["gradient_value"][0] == 4
    r2 = run("gd_basic.derivative", f="x^2 + 2xy + 3 + cos(x + 2y)", variables="x, y", point="0, 0")
    dfdx = r2.data["gradient_exprs"][0]
    for px, py in [(0.3, -1.2), (2.0, 0.5), (-1.5, 1.1)]:  # 2x + 2y − sin(x + 2y), checked numerically
        at = {s: v for s in dfdx.free_symbols for name, v in (("x", px), ("y", py)) if s.name == name}
        assert float(dfdx.subs(at)) == pytest.approx(2 * px + 2 * py - math.sin(px + 2 * py))
    assert "∂f/∂x" in r2.text


def test_gd_basic_descent_finds_minus_one():
    r = run("gd_basic.descent")
    assert r.data["converged"]
    assert float(np.ravel(r.data["minimizer"])[0]) == pytest.approx(-1, abs=1e-5)
    assert r.data["values"][-1] == pytest.approx(2, abs=1e-9)
    assert "f'(x) = 2x + 2" in r.text and "x² + 2x + 3" in r.text
    assert len(r.frames) == r.data["path"].size


def test_gd_basic_descent2d_reaches_the_minimum():
    r = run("gd_basic.descent2d")
    np.testing.assert_allclose(np.ravel(r.data["minimizer"]), [0, 0], atol=1e-4)
    assert r.data["converged"] and r.frames[-1].highlights[0] == pytest.approx(tuple(r.data["path"][-1]))


def test_gd_advanced_linreg_seed_numbers():
    r = run("gd_advanced.linreg")
    assert "1.00000367" in r.text and "1.99999949" in r.text and "2.99999516" in r.text
    np.testing.assert_allclose(r.data["beta"], [1.00000367, 1.99999949, 2.99999516], atol=5e-9)
    np.testing.assert_allclose(r.data["pinv"], [1, 2, 3], atol=1e-10)


def test_gd_advanced_sgd_mini_batch_gets_closer_in_the_same_epochs():
    r = run("gd_advanced.sgd")
    X, y = r.data["X"], r.data["y"]
    exact = np.linalg.lstsq(np.column_stack([X, np.ones(len(y))]), y, rcond=None)[0]
    np.testing.assert_allclose(r.data["exact"], exact)
    full_gap = np.linalg.norm(r.data["full_beta"] - exact)
    mini_gap = np.linalg.norm(r.data["mini_beta"] - exact)
    assert mini_gap < 0.05 < full_gap
    assert len(r.plots) == 2


def test_gd_advanced_learning_rate_slow_converging_diverging():
    r = run("gd_advanced.learning_rate")
    status = [o["status"] for o in r.data["outcomes"]]
    assert status[0].startswith("느림") and status[2] == "수렴" and status[3].startswith("발산")
    assert "발산" in r.text and "nan" not in r.text.lower()
    scaled = run("gd_advanced.learning_rate", scale="10")
    assert all(o["status"].startswith("발산") for o in scaled.data["outcomes"])


def test_deep_learning_softmax():
    r = run("deep_learning.softmax")
    o = np.array([3, 1, 0.2])
    p = np.exp(o - o.max()) / np.exp(o - o.max()).sum()
    np.testing.assert_allclose(r.data["softmax"], p)
    assert r.data["cross_entropy"] == pytest.approx(-math.log(p[0]))
    big = run("deep_learning.softmax", o="1000, 999, 998")
    assert np.all(np.isfinite(big.data["softmax"]))


def test_deep_learning_activations_values():
    r = run("deep_learning.activations")
    pts = np.array([-2, 0, 2.0])
    sig = 1 / (1 + np.exp(-pts))
    np.testing.assert_allclose(r.data["sigmoid"], sig)
    np.testing.assert_allclose(r.data["sigmoid_grad"], sig * (1 - sig))
    np.testing.assert_allclose(r.data["tanh_grad"], 1 - np.tanh(pts) ** 2)
    np.testing.assert_allclose(r.data["ReLU"], [0, 0, 2])
    assert len(r.plots) == 2


def test_deep_learning_mlp_learns_xor_and_passes_gradient_check():
    r = run("deep_learning.mlp")
    assert r.data["accuracy"] == 1.0
    assert r.data["loss"][-1] < 0.05 < r.data["loss"][0]
    assert r.data["gradient_check"] < 1e-4


def test_probability_monte_carlo_seed_numbers(monkeypatch):
    from tui.panels import probability

    monkeypatch.setattr(probability, "EXACT_TIMEOUT", 120.0)  # a loaded test machine must not time out
    r = get_panel("probability.monte_carlo").run()
    from scipy import integrate

    exact = integrate.quad(lambda t: math.exp(-t * t), -1, 1)[0]
    assert r.data["exact"] == pytest.approx(exact, abs=1e-12)
    assert "1.4936483" in r.text
    assert r.data["mean"] == pytest.approx(1.4936, abs=0.01)
    assert 0.008 < r.data["std"] < 0.018  # the seed's spread with N = 1000, 100 repeats


def test_probability_moments_against_scipy():
    from scipy import stats

    r = run("probability.moments")
    a = r.data["samples"]
    assert r.data["mean"] == pytest.approx(a.mean())
    assert r.data["variance"] == pytest.approx(a.var())
    assert r.data["skewness"] == pytest.approx(stats.skew(a))
    assert r.data["kurtosis"] == pytest.approx(stats.kurtosis(a))
    assert r.data["covariance"] == pytest.approx(np.cov(a, r.data["other"], bias=True)[0, 1])


def test_statistics_mle_normal_and_categorical():
    r = run("statistics.mle")
    x = r.data["samples"]
    assert r.data["mu"] == pytest.approx(x.mean()) and r.data["var"] == pytest.approx(x.var())
    assert r.data["sample_variance"] == pytest.approx(x.var(ddof=1))
    c = run("statistics.mle", model="카테고리 분포", samples="0, 1, 1, 2, 1, 0")
    np.testing.assert_allclose(c.data["p_hat"], [2 / 6, 3 / 6, 1 / 6])


def test_statistics_clt_spread_shrinks_like_sigma_over_root_n():
    r = run("statistics.clt")
    for n in (1, 2, 10, 50):
        assert r.data[n].std() == pytest.approx(1 / math.sqrt(n), rel=0.06)
    assert len(r.plots) == 4


def test_statistics_kl_against_scipy():
    from scipy import stats

    r = run("statistics.kl")
    p, q = np.array([0.1, 0.4, 0.5]), np.array([0.8, 0.15, 0.05])
    assert r.data["kl_pq"] == pytest.approx(stats.entropy(p, q))
    assert r.data["kl_qp"] == pytest.approx(stats.entropy(q, p))
    assert r.data["entropy_p"] == pytest.approx(stats.entropy(p))
    assert r.data["cross_entropy_pq"] == pytest.approx(stats.entropy(p) + stats.entropy(p, q))


def test_bayes_posterior_reference_numbers():
    r = run("bayes.posterior")
    assert "0.9167" in r.text
    assert r.data["posteriors"][0] == pytest.approx(0.099 / (0.099 + 0.009))
    assert r.data["counts"]["TP"] == pytest.approx(99) and r.data["counts"]["FP"] == pytest.approx(9)
    r2 = run("bayes.posterior", fpr="0.1", positives="2")
    assert "0.5238" in r2.text and "0.9159" in r2.text


def test_cnn_conv_against_numpy():
    r = run("cnn.conv")
    x = np.array([1, 2, 4, 7, 11, 16, 22.0])
    k = np.array([1, 0, -1.0])
    np.testing.assert_allclose(r.data["correlation"], np.correlate(x, k, mode="valid"))
    np.testing.assert_allclose(r.data["convolution"], np.convolve(x, k, mode="valid"))
    from scipy import signal

    two = run("cnn.conv", mode="2차원")
    X = np.array([[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1.0]])
    K = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1.0]])
    np.testing.assert_allclose(two.data["correlation"], signal.correlate2d(X, K, mode="valid"))
    np.testing.assert_allclose(two.data["convolution"], signal.convolve2d(X, K, mode="valid"))
    edge = run("cnn.conv", mode="가장자리 검출 그림")
    assert "█" in edge.text and edge.data["correlation"].shape == (8, 10)
    multi = run("cnn.conv", mode="다채널")
    assert multi.data["output"].shape == (2, 2, 2)


def test_cnn_backprop_matches_finite_differences():
    r = run("cnn.backprop")
    from scipy import signal

    X = np.array([[1, 2, 0, 1], [0, 1, 3, 2], [2, 1, 0, 1], [1, 0, 2, 3.0]])
    G = np.array([[1, 0, -1], [0.5, 1, 0], [0, -1, 2.0]])
    np.testing.assert_allclose(r.data["dK"], signal.correlate2d(X, G, mode="valid"))
    assert r.data["gap"] < 1e-6
    K = np.array([[1, -1], [0, 2.0]])
    np.testing.assert_allclose(r.data["dX"], signal.convolve2d(G, K, mode="full"))


def test_rnn_forward_against_a_loop():
    r = run("rnn.forward")
    X = np.array([[1], [0.5], [-1], [0], [2.0]])
    Wx, Wh, b = np.array([[0.5, -0.3]]), np.array([[0.8, 0.1], [-0.2, 0.7]]), np.array([0, 0.1])
    h = np.zeros(2)
    for t in range(5):
        h = np.tanh(X[t] @ Wx + h @ Wh + b)
        np.testing.assert_allclose(r.data["H"][t], h)
    np.testing.assert_allclose(r.data["O"][:, 0], r.data["H"] @ np.array([1, -1.0]))


def test_rnn_bptt_vanishing_and_exploding():
    r = run("rnn.bptt")
    assert r.data[0.5][-1] < 1e-6 and r.data[1.5][-1] > 1e3
    assert r.plots[0].ylog and r.plots[0].vlines == [10.0]


# ---------------------------------------------------------------- bad input

BAD_INPUTS = [
    ("intro.mse_fit", {"lr": "abc"}, "lr"), ("intro.mse_fit", {"n": "1"}, "n"),
    ("vectors.norms", {"x": "1, 2, import os"}, "x"), ("vectors.norms", {"y": "1, 2"}, "y"),
    ("vectors.angle", {"x": "0, 0, 0"}, "x"), ("vectors.angle", {"y": ""}, "y"),
    ("vectors.unit_balls", {"v": "1, 2, 3"}, "v"), ("vectors.unit_balls", {"points": "3"}, "points"),
    ("matrices.ops", {"B": "[[1,2],[3,4]]", "op": "A @ B"}, "B"), ("matrices.ops", {"A": "[[1,2],[3]]"}, "A"),
    ("matrices.ops", {"C": "[[1,2]]"}, "C"),
    ("matrices.inverse", {"A": "[[1,2],[x,4]]"}, "A"), ("matrices.inverse", {"B": "[[1,2],[3"}, "B"),
    ("matrices.regression", {"y": "1, 2"}, "y"), ("matrices.regression", {"X": "[[1],[2,3]]"}, "X"),
    ("matrices.solve", {"b": "1, 2, 3"}, "b"), ("matrices.solve", {"A": ""}, "A"),
    ("gd_basic.derivative", {"f": "__import__('os')"}, "f"), ("gd_basic.derivative", {"variables": "sin"}, "variables"),
    ("gd_basic.derivative", {"point": "1, 2"}, "point"),
    ("gd_basic.descent", {"lr": "-1"}, "lr"), ("gd_basic.descent", {"f": "x^2 + y"}, "f"),
    ("gd_basic.descent", {"max_iter": "2.5"}, "max_iter"),
    ("gd_basic.descent2d", {"init": "1"}, "init"), ("gd_basic.descent2d", {"eps": "0"}, "eps"),
    ("gd_advanced.linreg", {"init": "1, 2"}, "init"), ("gd_advanced.linreg", {"y": "1, 2, 3"}, "y"),
    ("gd_advanced.sgd", {"batch": "5000"}, "batch"), ("gd_advanced.sgd", {"epochs": "0"}, "epochs"),
    ("gd_advanced.learning_rate", {"rates": "0.1, -1"}, "rates"), ("gd_advanced.learning_rate", {"scale": "0"}, "scale"),
    ("deep_learning.softmax", {"label": "5"}, "label"), ("deep_learning.softmax", {"o": "1"}, "o"),
    ("deep_learning.activations", {"high": "-10"}, "high"), ("deep_learning.activations", {"which": "swish"}, "which"),
    ("deep_learning.mlp", {"hidden": "0"}, "hidden"), ("deep_learning.mlp", {"dataset": "mnist"}, "dataset"),
    ("probability.monte_carlo", {"high": "-2"}, "high"), ("probability.monte_carlo", {"f": "exp(-y^2)"}, "f"),
    ("probability.moments", {"n": "2"}, "n"), ("probability.moments", {"samples": "1, 2, a"}, "samples"),
    ("statistics.mle", {"sigma": "0"}, "sigma"), ("statistics.mle", {"model": "카테고리 분포", "probs": "0.5, 0.6, 0.1"}, "probs"),
    ("statistics.clt", {"sizes": "0, 5"}, "sizes"), ("statistics.clt", {"population": "cauchy"}, "population"),
    ("statistics.kl", {"q": "0.5, 0.5"}, "q"), ("statistics.kl", {"p": "0.5, 0.7, -0.2"}, "p"),
    ("bayes.posterior", {"prior": "1.5"}, "prior"), ("bayes.posterior", {"positives": "0"}, "positives"),
    ("cnn.conv", {"kernel1d": "1, 2, 3, 4, 5, 6, 7, 8"}, "kernel1d"), ("cnn.conv", {"mode": "2차원", "image": "[[1,2],[3]]"}, "image"),
    ("cnn.backprop", {"grad": "[[1,2],[3,4]]"}, "grad"), ("cnn.backprop", {"kernel": "[[1,2,3,4,5]]"}, "kernel"),
    ("rnn.forward", {"W_h": "[[1,2,3]]"}, "W_h"), ("rnn.forward", {"b": "1"}, "b"),
    ("rnn.bptt", {"radii": "0.5, -1"}, "radii"), ("rnn.bptt", {"T": "1"}, "T"),
    ("matrix_calculus.jacobian", {"funcs": "x^2, "}, "funcs"), ("matrix_calculus.jacobian", {"point": "1"}, "point"),
    ("matrix_calculus.softmax_grad", {"label": "4"}, "label"), ("matrix_calculus.softmax_grad", {"logits": "1"}, "logits"),
    ("matrix_calculus.backprop_graph", {"W2": "[[1, 2]]"}, "W2"), ("matrix_calculus.backprop_graph", {"b1": "1"}, "b1"),
    ("eigen_svd.transform", {"A": "[[1, 2, 3]]"}, "A"), ("eigen_svd.transform", {"A": "[[1, 2], [3, x]]"}, "A"),
    ("eigen_svd.decompose", {"A": ""}, "A"), ("eigen_svd.decompose", {"A": "[[1, 2], [3]]"}, "A"),
    ("eigen_svd.pca", {"k": "5"}, "k"),
    ("eigen_svd.pca", {"dataset": "입력한 X", "X": "[[1, 2]]"}, "X"),
    ("losses_info.noise_to_loss", {"outliers": "40"}, "outliers"), ("losses_info.noise_to_loss", {"n": "2"}, "n"),
    ("losses_info.ridge", {"lams": "1, -1"}, "lams"), ("losses_info.ridge", {"y": "1, 2"}, "y"),
    ("losses_info.entropy", {"p": "0.5, 0.6"}, "p"), ("losses_info.entropy", {"q": "0.5, 0.5"}, "q"),
    ("optimization.race", {"lr": "0"}, "lr"), ("optimization.race", {"init": "1"}, "init"),
    ("optimization.hessian", {"point": "1"}, "point"), ("optimization.hessian", {"f": "x + q"}, "f"),
    ("optimization.init", {"depth": "0"}, "depth"), ("optimization.init", {"activation": "swish"}, "activation"),
]


@pytest.mark.parametrize(("panel_id", "values", "field"), BAD_INPUTS,
                         ids=[f"{p}-{f}-{i}" for i, (p, _, f) in enumerate(BAD_INPUTS)])
def test_bad_input_names_the_field(panel_id, values, field):
    panel = get_panel(panel_id)
    with pytest.raises(InputError) as info:
        panel.run(values)
    assert info.value.field == field
    label = next(f.label for f in panel.fields if f.name == field)
    assert str(info.value).startswith(label)


def test_every_panel_has_at_least_two_bad_input_cases():
    counts: dict[str, int] = {}
    for pid, _, _ in BAD_INPUTS:
        counts[pid] = counts.get(pid, 0) + 1
    assert all(counts.get(pid, 0) >= 2 for pid in CURRICULUM_IDS)


# ---------------------------------------------------------------- progress hook


@pytest.mark.parametrize("panel_id", ["gd_advanced.sgd", "deep_learning.mlp", "probability.monte_carlo"])
def test_long_panels_report_progress_and_stop_when_cancelled(panel_id):
    panel = get_panel(panel_id)
    assert panel.long_running
    seen: list[float] = []
    panel.run(None, Progress(report=lambda f, m: seen.append(f)))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        panel.run(None, Progress(cancelled=lambda: len(seen) > 0))
