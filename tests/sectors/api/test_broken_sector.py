"""A sector whose own code raises while it is checked is refused; the others still load."""

from __future__ import annotations

import sys
from pathlib import Path

from deungdae.sectors.api import discovery

BROKEN = '''
from deungdae.sectors.api import SectorBase


class Broken(SectorBase):
    id = "broken"
    name = "Broken"

    def templates(self):
        return []

    def check_config(self, section):
        return []

    def rules(self, section, channels, context):
        return []

    def reports(self):
        raise RuntimeError("reports list not ready")


sector = Broken()
'''


def test_a_sector_that_raises_while_checked_is_refused_alone(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    (site / "deungdae_broken").mkdir(parents=True)
    (site / "deungdae_broken" / "__init__.py").write_text(BROKEN, encoding="utf-8")
    info = site / "deungdae_broken-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: deungdae-broken\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[deungdae.sectors]\nbroken = deungdae_broken:sector\n", encoding="utf-8")
    sys.path.insert(0, str(site))
    try:
        found = discovery.discover()
        refused = discovery.refused()
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("deungdae_broken", None)
    assert "broken" not in found and "haccp" in found
    assert "reports list not ready" in refused["broken"]
    assert "'broken'" in refused["broken"]
