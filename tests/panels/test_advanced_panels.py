"""Panels of the advanced track (lessons 11–14): numbers on the defaults against independent
references, a bad input for every field, and step-by-step playback through the UI."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import softmax

from mathcore import InputError
from panel_app import PanelTestApp, playback_frames
from tui.panels import get_panel

ADVANCED = {
    "matrix_calculus.jacobian": {
        "funcs": ["x^2, ", "__import__('os')", "x + q"], "vars": ["sin", "x, x", ""], "point": ["1", "1, a"],
    },
    "matrix_calculus.softmax_grad": {"logits": ["1", "1, nan"], "label": ["0", "4", "1.5"]},
    "matrix_calculus.backprop_graph": {
        "x": ["", "1, a"], "W1": ["[[1, 2]]", "[[1, 2], [3]]"], "b1": ["1", "1, 2, 3"],
        "W2": ["[[1, 2]]", "[[1], [2]]"], "b2": ["0", "x"], "label": ["3", "0"], "activation": ["swish"],
    },
    "eigen_svd.transform": {"A": ["[[1, 2, 3], [4, 5, 6]]", "[[1, 2], [3]]", "", "[[1, 2], [3, 1e999]]"]},
    "eigen_svd.decompose": {"A": ["[[1, 2], [3]]", "", "[[1, import]]"]},
    "eigen_svd.pca": {"dataset": ["iris"], "X": ["[[1, 2]]", "[[1, 2], [3]]"], "k": ["0", "3", "2.5"]},
    "losses_info.noise_to_loss": {"noise": ["cauchy"], "n": ["2", "a"], "scale": ["-1"], "outliers": ["40", "-1"],
                                  "seed": ["-3"]},
    "losses_info.ridge": {"X": ["[[1], [2, 3]]"], "y": ["1, 2"], "lams": ["1, -1", ""], "sigma": ["0"]},
    "losses_info.entropy": {"p": ["0.5, 0.6", "-0.5, 1.5"], "q": ["0.5, 0.5", "0.5, 0.6, -0.1"],
                            "unit": ["hartley"], "joint": ["[[0.5, 0.6]]", "[[0.5], [0.5, 0]]"]},
    "optimization.race": {"f": ["x^2 + z", "sin(", ""], "init": ["1", "1, a", "-1, 0"], "lr": ["0", "-1"],
                          "momentum": ["1", "-0.1"], "steps": ["0", "2.5"], "follow": ["SGD"]},
    "optimization.hessian": {"vars": ["sin", "x, x"], "f": ["x + q", "__import__('os')"],
                             "point": ["1", "0, a", "-1, 0"]},
    "optimization.init": {"activation": ["sigmoid"], "depth": ["0", "1.5"], "width": ["1", "a"],
                          "samples": ["0"], "seed": ["-1"]},
}
TEXT_FOR_OPT = {("optimization.race", "init"): {"f": "ln(x) + y^2"},
                ("optimization.hessian", "point"): {"f": "sqrt(x) + y"}}
TEXT_FOR = {("eigen_svd.pca", "X"): {"dataset": "입력한 X"}, **TEXT_FOR_OPT}
CASES = [(pid, name, text) for pid, fields in ADVANCED.items() for name, texts in fields.items() for text in texts]


def test_every_field_of_every_advanced_panel_has_a_bad_input():
    for pid, fields in ADVANCED.items():
        assert {f.name for f in get_panel(pid).fields} == set(fields), pid


@pytest.mark.parametrize(("panel_id", "name", "text"), CASES, ids=[f"{p}-{n}-{i}" for i, (p, n, _) in enumerate(CASES)])
def test_bad_input_is_reported_on_its_field(panel_id, name, text):
    panel = get_panel(panel_id)
    with pytest.raises(InputError) as info:
        panel.run({name: text, **TEXT_FOR.get((panel_id, name), {})})
    assert info.value.field == name
    label = next(f.label for f in panel.fields if f.name == name)
    assert str(info.value).startswith(label)
    assert not any(word in str(info.value) for word in ("Traceback", "Error", "error"))


def central(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    return np.array([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(x.size)]).T


def test_jacobian_panel_defaults_and_another_function():
    data = get_panel("matrix_calculus.jacobian").run().data
    np.testing.assert_allclose(data["value"], [[4.0, 1.0], [np.cos(1.0), 1.0]], atol=1e-12)
    assert data["gap"] < 1e-6
    data = get_panel("matrix_calculus.jacobian").run(
        {"funcs": "x*y*z, x + y^2, exp(z)", "vars": "x, y, z", "point": "1, -2, 0.5"}).data
    expected = central(lambda p: np.array([p[0] * p[1] * p[2], p[0] + p[1] ** 2, np.exp(p[2])]), [1.0, -2.0, 0.5])
    np.testing.assert_allclose(data["value"], expected, atol=1e-7)
    assert np.asarray(data["value"]).shape == (3, 3)


def test_softmax_grad_panel_reference_numbers():
    result = get_panel("matrix_calculus.softmax_grad").run()
    np.testing.assert_allclose(result.data["s"], [0.09003057, 0.24472847, 0.66524096], atol=5e-9)
    np.testing.assert_allclose(result.data["jacobian"], central(softmax, [1.0, 2.0, 3.0]), atol=1e-8)
    np.testing.assert_allclose(result.data["grad"], [0.09003057, 0.24472847, -0.33475904], atol=5e-9)
    assert "0.22269543" in result.text and "-0.33475904" in result.text
    big = get_panel("matrix_calculus.softmax_grad").run({"logits": "1000, 1001, 1002"}).data
    np.testing.assert_allclose(big["grad"], result.data["grad"], atol=1e-12)


def test_backprop_graph_panel_reference_numbers_and_frames():
    result = get_panel("matrix_calculus.backprop_graph").run()
    trace = result.data["trace"]
    assert trace["loss"] == pytest.approx(0.62855912, abs=5e-9)
    np.testing.assert_allclose(trace["dW1"], [[-0.10346015, 0.08276812], [-0.2069203, 0.16553624]], atol=5e-9)
    assert max(result.data["errors"].values()) < 1e-6
    texts = [f.text for f in result.frames]
    assert len(texts) == 13
    assert texts[0].startswith("순전파") and texts[-1].startswith("역전파")
    assert "[1×2]" in texts[1] and "[2×2]" in texts[7] and "0.62855912" in texts[5]
    three = get_panel("matrix_calculus.backprop_graph").run(
        {"W2": "[[0.5, -0.5, 1], [-0.6, 0.2, 0]]", "b2": "0, 0, 0", "label": "3", "activation": "relu"})
    assert np.asarray(three.data["trace"]["dW2"]).shape == (2, 3)


async def test_backprop_graph_steps_forward_then_backward_one_node_per_key():
    app = PanelTestApp("matrix_calculus.backprop_graph")
    async with app.run_test(size=(120, 40)) as pilot:
        view, seen = await playback_frames(pilot, 13)
        assert seen[0].startswith("[1/13] 순전파 · 입력")
        assert "[6/13] 순전파 · 손실" in seen[5] and "[7/13] 역전파" in seen[6]
        assert seen[12].startswith("[13/13] 역전파 · b₁")
        assert view.frame_index == 12


def test_transform_panel_ellipse_axes_and_eigenvectors():
    data = get_panel("eigen_svd.transform").run().data
    np.testing.assert_allclose(data["eigenvalues"], [1.0, 3.0], atol=1e-12)
    np.testing.assert_allclose(data["singular_values"], [3.0, 1.0], atol=1e-12)
    radii = np.linalg.norm(data["image"], axis=0)
    assert radii.max() == pytest.approx(3.0, abs=5e-3) and radii.min() == pytest.approx(1.0, abs=5e-3)
    rotation = get_panel("eigen_svd.transform").run({"A": "[[0, -1], [1, 0]]"})
    assert "복소수" in rotation.text
    np.testing.assert_allclose(rotation.data["singular_values"], [1.0, 1.0])
    singular = get_panel("eigen_svd.transform").run({"A": "[[1, 2], [2, 4]]"})
    assert "특이행렬" in singular.text
    assert all(plot.equal_aspect for plot in get_panel("eigen_svd.transform").run().plots)


def test_decompose_panel_reference_numbers():
    data = get_panel("eigen_svd.decompose").run().data
    np.testing.assert_allclose(data["S"], [2.6762432, 0.91527173], atol=5e-8)
    np.testing.assert_allclose(data["pinv_svd"], np.linalg.pinv([[0, 1], [1, -1], [-2, 1]]), atol=1e-12)
    assert data["rank"] == 2
    seed_x = get_panel("eigen_svd.decompose").run({"A": "[[1, -2, 3], [7, 5, 0], [-2, -1, 2]]"}).data
    assert seed_x["cond"] == pytest.approx(6.7166178, abs=5e-8)
    deficient = get_panel("eigen_svd.decompose").run({"A": "[[1, 2, 3], [2, 4, 6], [1, 0, 1]]"}).data
    assert deficient["rank"] == 2 == np.linalg.matrix_rank([[1, 2, 3], [2, 4, 6], [1, 0, 1]])


def test_pca_panel_against_scikit_learn():
    from sklearn.decomposition import PCA

    from tui.panels.eigen_svd import builtin_data

    data = get_panel("eigen_svd.pca").run({"k": "2"}).data
    X = builtin_data()
    sk = PCA(n_components=2).fit(X)
    np.testing.assert_allclose(data["ratio"], sk.explained_variance_ratio_, rtol=1e-10)
    np.testing.assert_allclose(np.abs(data["components"]), np.abs(sk.components_), atol=1e-10)
    assert 0.95 < data["ratio"][0] < 0.99 and data["errors"][-1] == 0.0
    typed = get_panel("eigen_svd.pca").run({"dataset": "입력한 X", "k": "1"}).data
    Xt = np.array([[1, 2], [2, 3], [3, 5], [4, 4], [5, 6]], float)
    assert typed["ratio"][0] == pytest.approx(PCA(1).fit(Xt).explained_variance_ratio_[0], rel=1e-10)
    # Reconstruction error with k components: the discarded variance times (n − 1)/n.
    assert typed["errors"][0] == pytest.approx(PCA(2).fit(Xt).explained_variance_[1] * 4 / 5, rel=1e-10)


def test_noise_to_loss_panel_fits_agree_with_references():
    import warnings

    from sklearn.linear_model import QuantileRegressor

    data = get_panel("losses_info.noise_to_loss").run().data
    x, y = data["x"], data["y"]
    np.testing.assert_allclose(data["mse"], np.polyfit(x, y, 1), atol=1e-10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        q = QuantileRegressor(quantile=0.5, alpha=0, solver="highs").fit(x[:, None], y)
    np.testing.assert_allclose(data["mae"], [q.coef_[0], q.intercept_], atol=1e-6)
    assert abs(data["mae"][0] - 2.0) < abs(data["mse"][0] - 2.0)  # the outliers pull MSE away


def test_ridge_panel_reference_numbers():
    data = get_panel("losses_info.ridge").run().data
    row = list(data["lams"]).index(1.0)
    np.testing.assert_allclose(data["betas"][row], [0.8, 1.4, 4.5], atol=1e-12)
    np.testing.assert_allclose(data["betas"][0], [1.0, 2.0, 3.0], atol=1e-10)
    norms = np.linalg.norm(data["betas"][:, :-1], axis=1)
    assert np.all(np.diff(norms) < 0)  # shrinkage as λ grows


def test_entropy_panel_reference_numbers():
    from scipy import stats

    data = get_panel("losses_info.entropy").run().data
    assert data["entropy"] == pytest.approx(1.5)
    assert data["mutual_information"] == pytest.approx(0.27807191, abs=5e-9)
    assert data["kl"] == pytest.approx(stats.entropy([0.5, 0.25, 0.25], [1 / 3] * 3, base=2), rel=1e-9)
    nats = get_panel("losses_info.entropy").run({"unit": "내트 (밑 e)", "q": ""}).data
    assert nats["mutual_information"] == pytest.approx(0.19274476, abs=5e-9) and "kl" not in nats
    uniform = get_panel("losses_info.entropy").run({"p": "0.25, 0.25, 0.25, 0.25", "q": ""})
    assert "퍼플렉서티 exp(H) = 4 " in uniform.text
