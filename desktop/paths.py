"""Where a plant's data lives: `--data-dir`, else `$DEUNGDAE_HOME`, else the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DB_NAME = "deungdae.db"
CONFIG_NAME = "site.toml"
LOG_DIR = "logs"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("DEUNGDAE_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return Path(user_data_dir("Deungdae", "Deungdae"))


def db_path(root: Path) -> Path:
    return root / DB_NAME


def config_path(root: Path) -> Path:
    return root / CONFIG_NAME
