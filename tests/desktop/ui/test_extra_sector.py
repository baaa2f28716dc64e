"""A sector installed from another package adds its page without any change to our code."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from deungdae.sectors.contract import discover
from tests.desktop.ui.conftest import PLANT

PKG = Path(__file__).with_name("extra_sector_pkg") / "deungdae_extra"


def _install(target: Path) -> None:
    """What `pip install --target` leaves behind: the package and its dist-info."""
    shutil.copytree(PKG, target / "deungdae_extra")
    info = target / "deungdae_extra-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: deungdae-extra\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[deungdae.sectors]\nextra = deungdae_extra.plugin:sector\n", encoding="utf-8")


def test_an_installed_sector_page_appears(make_main_window, tmp_path, monkeypatch) -> None:
    site_packages = tmp_path / "site-packages"
    site_packages.mkdir()
    _install(site_packages)
    monkeypatch.syspath_prepend(str(site_packages))
    try:
        assert "extra" in discover()
        w = make_main_window(PLANT.replace('sectors = ["demo"]', 'sectors = ["demo", "extra"]'),
                             start=False)
        labels = [w.nav.item(i).text() for i in range(w.nav.count())]
        assert any(label.endswith("Beehives") for label in labels)
        page = w.pages[[i for i, t in enumerate(labels) if t.endswith("Beehives")][0]]
        w.show_page(page)
        assert w.stack.currentWidget() is page
        tabs = [w.settings_page.tabs.tabText(i) for i in range(w.settings_page.tabs.count())]
        assert "Beehive settings" in tabs
    finally:
        for name in [m for m in sys.modules if m.startswith("deungdae_extra")]:
            del sys.modules[name]
