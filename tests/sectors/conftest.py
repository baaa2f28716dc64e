from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sectors.thirdparty.install import installed_hive


@pytest.fixture
def hive(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """The third-party beehive sector, installed through a real entry point; subprocesses
    of the test (the CLI) see it through PYTHONPATH like the test process does."""
    with installed_hive(tmp_path / "site-packages") as sp:
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
            [str(sp), *filter(None, [os.environ.get("PYTHONPATH")])]))
        yield sp
