"""Fresh venvs for the bundle build and the install tests, offline and fast.

A new venv gets the shared venv's dependencies through a `.pth` to a folder of symlinks
to that venv's site-packages, minus anything of Deungdae itself (its dist-info, its
editable finder, the rooms), so what is tested is only what was installed into the new
venv: the wheel, or an editable install of another checkout.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOMS = ("hardware", "records", "sync", "sectors", "desktop", "central", "resources",
         "deungdae")


def shared_site_packages() -> Path:
    """Where this interpreter's dependencies live (PySide6's folder: also for a venv that
    itself borrows them from another through a .pth)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        return Path(spec.origin).resolve().parents[1]
    return Path(sysconfig.get_paths()["purelib"])


def _ours(name: str) -> bool:
    low = name.lower()
    return (low.startswith(("deungdae-", "deungdae.", "__editable__")) or
            "deungdae" in low and low.endswith((".pth", "_finder.py")) or
            name.split(".")[0] in ROOMS)


def make_venv(dest: Path, shared: Path | None = None) -> Path:
    """A venv at `dest` that sees the shared dependencies; returns its python."""
    shared = shared or shared_site_packages()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(dest)], check=True,
                   timeout=120)
    py = dest / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    farm = dest / "shared-deps"
    farm.mkdir()
    for entry in shared.iterdir():
        if not _ours(entry.name) and not entry.name.endswith(".pth") and \
                entry.name != "__pycache__":
            (farm / entry.name).symlink_to(entry)
    (site / "_shared_deps.pth").write_text(f"{farm}\n", encoding="utf-8")
    return py


def pip_into(py: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """The shared venv's pip, installing into the venv of `py`."""
    # no PYTHONPATH: a checkout on it (with its egg-info) would look "already installed"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "--quiet",
                           "--disable-pip-version-check", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)
