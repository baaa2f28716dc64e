"""Shared fixtures: a temporary data dir, and a site set up from a template."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
T0 = 1_764_000_000_000  # 2025-11-24T16:00:00Z, a fixed start for simulated clocks


@pytest.fixture(autouse=True)
def _sector_tables_as_they_were():
    """Sector tables registered by one test's discovery do not leak into the next."""
    from deungdae.records import layout

    saved = dict(layout._sector_tables)
    yield
    layout._sector_tables.clear()
    layout._sector_tables.update(saved)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    monkeypatch.setenv("DEUNGDAE_HOME", str(root))
    return root


@pytest.fixture
def python() -> str:
    return sys.executable


@pytest.fixture(scope="session")
def qapp():
    """pytest-qt's application is the app's own (`application()`): themed, and with the
    cycle collector on the GUI thread only (desktop/ui/gui_gc.py)."""
    from deungdae.desktop.ui.app import application

    return application()
