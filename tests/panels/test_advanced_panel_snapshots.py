"""Snapshots of the advanced-track panels (lessons 11–14), run on their defaults, at 120×40."""

from __future__ import annotations

import pytest

from panel_app import PanelTestApp

SNAPSHOT_PANELS = [
    "matrix_calculus.jacobian", "matrix_calculus.softmax_grad", "matrix_calculus.backprop_graph",
    "eigen_svd.transform", "eigen_svd.decompose", "eigen_svd.pca",
    "losses_info.noise_to_loss", "losses_info.ridge", "losses_info.entropy",
]


async def _run_defaults(pilot) -> None:
    await pilot.pause()
    app = pilot.app
    await pilot.press("ctrl+r")
    waited = 0.0
    while not app.computed:
        assert waited < 30, "the panel did not finish"
        await pilot.pause(0.02)
        waited += 0.02
    app.set_focus(None)  # no blinking cursor in the picture
    await pilot.pause()


@pytest.mark.parametrize("panel_id", SNAPSHOT_PANELS)
def test_advanced_panel_snapshot(snap_compare, panel_id):
    assert snap_compare(PanelTestApp(panel_id), terminal_size=(120, 40), run_before=_run_defaults)
