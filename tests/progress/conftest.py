import pytest

from progress import open_store


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def store(data_dir):
    s = open_store(data_dir)
    yield s
    s.close()
