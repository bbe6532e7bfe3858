"""Snapshots of the advanced-track panels (lessons 11–14), run on their defaults, at 120×40."""

from __future__ import annotations

import pytest

from panel_app import PanelTestApp, run_defaults

SNAPSHOT_PANELS = [
    "matrix_calculus.jacobian", "matrix_calculus.softmax_grad", "matrix_calculus.backprop_graph",
    "eigen_svd.transform", "eigen_svd.decompose", "eigen_svd.pca",
    "losses_info.noise_to_loss", "losses_info.ridge", "losses_info.entropy",
    "optimization.race", "optimization.hessian", "optimization.init",
]


@pytest.mark.parametrize("panel_id", SNAPSHOT_PANELS)
def test_advanced_panel_snapshot(snap_compare, panel_id):
    assert snap_compare(PanelTestApp(panel_id), terminal_size=(120, 40), run_before=run_defaults)
