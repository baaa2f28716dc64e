"""The files Deungdae ships beside its code: device profiles (`devices/`), translations
(`i18n/`, `.ts` sources and the `.qm` compiled from them), icons (`icons/`) and, in an
installer's bundle only, the report font (`fonts/`, collected at build time, never
committed).

They are package data found through importlib.resources, so a source checkout, an
editable install, a wheel in any venv and a PyInstaller bundle all find them the same
way, wherever they were installed. What a plant adds of its own lives in its data dir
(`<data dir>/devices/`, `<data dir>/templates/`), never in the install.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def folder(name: str) -> Path:
    """The shipped folder `name` (devices, i18n, icons, fonts) as a file system path."""
    return Path(str(files(__name__).joinpath(name)))
