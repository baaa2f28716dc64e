"""With no display, `deungdae demo` / `run` fall back to the headless logger and say so."""

from __future__ import annotations

import sys

import pytest

from deungdae.desktop.cli.main import main


def test_demo_without_a_display_logs_headless(data_dir, capsys, monkeypatch) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("display detection by environment is the Linux rule")
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    code = main(["demo", "--data-dir", str(data_dir), "--for", "5", "--speed", "1000"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "no display" in err and "headless" in err
    assert "readings and" in out
