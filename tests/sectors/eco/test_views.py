"""The eco page in a running main window (eco-metalwork on a fast clock), in both languages."""

from __future__ import annotations

import re

import pytest

from deungdae.records.store import EventRow
from deungdae.sectors.eco import views
from deungdae.sectors.eco.plugin import sector
from deungdae.sectors.eco.rules import (
    COUNTER_GAP,
    FACTORS,
    METER_REPLACED,
    METER_RESET,
    OVER_TARGET,
    WINDOW_END,
)
from tests.desktop.ui.conftest import (  # noqa: F401 (fixtures)
    fast_argon2,
    make_main_window,
    shoot,
)

T_WINDOW = 1_764_000_000_000  # a 15-minute window's start (01:00 in Seoul)


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
    head = page.table.horizontalHeaderItem(1).text()  # a meter in the window's language
    assert head == ("수전 (kWh)" if language == "ko" else "main incomer (kWh)"), head
    # the events page reads the eco rule's events in the window's language, from their data
    qtbot.waitUntil(lambda: bool(w.engine.store.events(kinds=(WINDOW_END, FACTORS))),
                    timeout=20000)
    rows = w.engine.store.events(kinds=(WINDOW_END, FACTORS))
    made = [EventRow(0, rows[0].ts, kind, "warning", None, None, "recorded line", data,
                     "system", None, 0) for kind, data in [
        (COUNTER_GAP, {"meter": "main", "start_ms": 0, "end_ms": 600_000, "quantity": None,
                       "provenance": "missing"}),
        (METER_RESET, {"meter": "main", "before": 1200.5, "after": 3.0}),
        (METER_REPLACED, {"meter": "main", "old_final": 1200.5, "new_initial": 0}),
        (OVER_TARGET, {"window": T_WINDOW, "forecast_kw": 455.2, "target_kw": 410})]]
    texts = [w.sector_event_details(r) for r in rows + made]
    hangul = [bool(re.search(r"[가-힣]", t)) for t in texts]
    assert all(texts) and all(hangul) == (language == "ko") and any(hangul) == all(hangul), \
        texts
    if language == "ko":
        assert texts[-2] == "수전: 계량기 교체 (1200.5 → 0)", texts
    else:
        assert texts[-2] == "main incomer: meter replaced (1200.5 → 0)", texts
    assert "455.2 kW" in texts[-1] and "410.0 kW" in texts[-1]
    if language == "ko":
        labels = [w.nav.item(i).text() for i in range(w.nav.count())]
        assert any(label.endswith("에너지") for label in labels), labels
        assert "목표" in page.state.text()
        assert page.table.horizontalHeaderItem(0).text() == "일자"
        assert page.windowTitle() == "에너지"
    else:
        assert "target" in page.state.text() and page.windowTitle() == "Energy"
