"""Installing the beehive sector as pip would: a package plus a dist-info whose
entry_points.txt registers it under `deungdae.sectors`, in a folder on sys.path.
importlib.metadata reads it like any installed distribution; nothing of ours names it."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deungdae.records import layout

PKG = Path(__file__).with_name("deungdae_hive")


@contextmanager
def installed_hive(site_packages: Path) -> Iterator[Path]:
    site_packages.mkdir(parents=True, exist_ok=True)
    shutil.copytree(PKG, site_packages / "deungdae_hive",
                    ignore=shutil.ignore_patterns("__pycache__"))
    info = site_packages / "deungdae_hive-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: deungdae-hive\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[deungdae.sectors]\nhive = deungdae_hive.plugin:sector\n", encoding="utf-8")
    sys.path.insert(0, str(site_packages))
    try:
        yield site_packages
    finally:
        sys.path.remove(str(site_packages))
        for name in [m for m in sys.modules if m.startswith("deungdae_hive")]:
            del sys.modules[name]
        layout.unregister_sector_tables("hive")
