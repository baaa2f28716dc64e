"""A misspelt CCP key is an error that names it, never a limit silently not watched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.sectors.contract import discover
from tests.sectors.haccp.test_scenarios import SITE


def _site(**replace: str) -> str:
    text = SITE.format(hold_steps=41, door_s=1, lost_step="at = 9, duration = 1, value = 1")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_a_misspelt_ccp_limit_names_the_key_and_the_nearest() -> None:
    text = _site(**{"limit = ": "limt = "})
    with pytest.raises(site_config.ConfigError, match=r"unknown key 'limt' \(did you mean limit\?\)"):
        site_config.parse(text, Path("site.toml"), discover())


def test_a_misspelt_section_key_names_the_nearest() -> None:
    text = _site(**{"[[sectors.haccp.ccps]]": "[sectors.haccp]\nverifer = \"park\"\n\n"
                    "[[sectors.haccp.ccps]]"})
    with pytest.raises(site_config.ConfigError, match=r"'verifer' \(did you mean verifier\?\)"):
        site_config.parse(text, Path("site.toml"), discover())


def test_every_shipped_haccp_template_still_loads() -> None:
    sectors = discover()
    for tpl in sectors["haccp"].templates():
        site_config.parse(tpl.text(), Path(f"{tpl.name}.toml"), sectors)


def test_the_cli_says_it_in_one_line(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "site.toml").write_text(_site(**{"grace = ": "grase = "}), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "deungdae.desktop.cli.main", "--data-dir",
                          str(data_dir), "run", "--headless", "--for", "1"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "unknown key 'grase' (did you mean grace?)" in run.stderr + run.stdout
