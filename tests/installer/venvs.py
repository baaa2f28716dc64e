"""The tests use installer/venvs.py (what `make bundle` builds its venv with)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "deungdae_installer_venvs", Path(__file__).resolve().parents[2] / "installer" / "venvs.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
make_venv, pip_into, shared_site_packages = _mod.make_venv, _mod.pip_into, _mod.shared_site_packages
