"""The eco page in a running main window (eco-metalwork on a fast clock), in both languages."""

from __future__ import annotations

import pytest

from deungdae.sectors.eco import views
from deungdae.sectors.eco.plugin import sector
from tests.desktop.ui.conftest import (  # noqa: F401 (fixtures)
    fast_argon2,
    make_main_window,
    shoot,
)


def metalwork() -> str:
    return next(t for t in sector.templates() if t.name == "eco-metalwork").text()


def eco_page(w) -> views.EnergyPage:
    (contrib,) = [c for c in w.sector_contributions if c.sector.id == "eco"]
    (page,) = [p for p in contrib.pages if isinstance(p, views.EnergyPage)]
    return page


@pytest.mark.parametrize("language", ["en", "ko"])
def test_live_power_forecast_and_daily_energy(make_main_window, qtbot,  # noqa: F811
                                              language: str) -> None:
    w = make_main_window(metalwork(), speed=600, language=language)
    page = eco_page(w)
    w.show_page(page)
    qtbot.waitUntil(lambda: page.power.text().endswith("kW"), timeout=15000)
    qtbot.waitUntil(lambda: page.forecast.text().endswith("kW"), timeout=15000)
    kw = float(page.forecast.text().split()[0].replace(",", ""))
    assert 150 < kw < 330  # the daily wave around 250 kW, nowhere near the spike yet
    page._timer.setInterval(500)  # reload from the record often (a minute in the plant)
    qtbot.waitUntil(lambda: page.peak.text().endswith("kW"), timeout=30000)
    qtbot.waitUntil(lambda: page.table.rowCount() >= 1, timeout=10000)
    assert page.table.columnCount() == 1 + 4  # the day and the four meters
    qtbot.wait(300)
    shoot(w, f"eco_energy_{language}")
    if language == "ko":
        labels = [w.nav.item(i).text() for i in range(w.nav.count())]
        assert any(label.endswith("에너지") for label in labels), labels
        assert "목표" in page.state.text()
        assert page.table.horizontalHeaderItem(0).text() == "일자"
        assert page.windowTitle() == "에너지"
    else:
        assert "target" in page.state.text() and page.windowTitle() == "Energy"
