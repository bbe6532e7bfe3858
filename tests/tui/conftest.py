"""Fixtures for the UI tests: a fresh app on a temporary data folder."""

from __future__ import annotations

import pytest

from tui.app import create_app


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def make_app(data_dir):
    """Build the app on ``data_dir`` (call again for a 'restart' on the same data)."""

    def make():
        return create_app(data_dir)

    return make
