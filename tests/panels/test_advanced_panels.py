"""Panels of the advanced track (lessons 11–14): numbers on the defaults against independent
references, a bad input for every field, and step-by-step playback through the UI."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import softmax

from mathcore import InputError
from panel_app import PanelTestApp
from tui.panels import get_panel
from tui.widgets.panel_view import PanelView

ADVANCED = {
    "matrix_calculus.jacobian": {
        "funcs": ["x^2, ", "__import__('os')", "x + q"], "vars": ["sin", "x, x", ""], "point": ["1", "1, a"],
    },
    "matrix_calculus.softmax_grad": {"logits": ["1", "1, nan"], "label": ["0", "4", "1.5"]},
    "matrix_calculus.backprop_graph": {
        "x": ["", "1, a"], "W1": ["[[1, 2]]", "[[1, 2], [3]]"], "b1": ["1", "1, 2, 3"],
        "W2": ["[[1, 2]]", "[[1], [2]]"], "b2": ["0", "x"], "label": ["3", "0"], "activation": ["swish"],
    },
}
CASES = [(pid, name, text) for pid, fields in ADVANCED.items() for name, texts in fields.items() for text in texts]


def test_every_field_of_every_advanced_panel_has_a_bad_input():
    for pid, fields in ADVANCED.items():
        assert {f.name for f in get_panel(pid).fields} == set(fields), pid


@pytest.mark.parametrize(("panel_id", "name", "text"), CASES, ids=[f"{p}-{n}-{i}" for i, (p, n, _) in enumerate(CASES)])
def test_bad_input_is_reported_on_its_field(panel_id, name, text):
    panel = get_panel(panel_id)
    with pytest.raises(InputError) as info:
        panel.run({name: text})
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
        view = app.query_one(PanelView)
        await pilot.press("ctrl+r")
        for _ in range(300):
            if app.computed:
                break
            await pilot.pause(0.02)
        assert app.computed and app.computed[0].ok
        await pilot.press("home")
        seen = []
        for _ in range(13):
            seen.append(str(view.query_one("#pv-frame").render()))
            await pilot.press("n")
        assert seen[0].startswith("[1/13] 순전파 · 입력")
        assert "[6/13] 순전파 · 손실" in seen[5] and "[7/13] 역전파" in seen[6]
        assert seen[12].startswith("[13/13] 역전파 · b₁")
        assert view.frame_index == 12
