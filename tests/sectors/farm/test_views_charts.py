"""The farm VPD chart and DLI bars over the tomato template's engine on a manual clock.

The engine runs three simulated days from the test; the page's VPD curve must be the
record's good VPD readings of the day shown, its band where the day band applies
(sunrise + 30 min to sunset), and its DLI bars the weekly report's DLI per day
(`report_data.zone_report` over the same days), in both languages.
"""

from __future__ import annotations

import tomllib
from datetime import datetime

import pytest

from deungdae.records.layout import BAD_QUALITY
from deungdae.sectors.farm import report_data as farm_report
from deungdae.sectors.farm import views
from deungdae.sectors.farm.daynight import DayNight
from deungdae.sectors.farm.light import day_start_of
from tests.desktop.ui.conftest import fast_argon2, shoot  # noqa: F401
from tests.sectors.farm.test_views import TEMPLATE, TZ, farm_pages, farm_window, run_to  # noqa: F401

DAY = 86_400_000


def at(d: int, h: int, m: int = 0) -> int:
    return int(datetime(2026, 6, d, h, m, tzinfo=TZ).timestamp() * 1000)


def loaded(qtbot, page) -> None:
    """The page shows what the record holds at the engine's clock now."""
    qtbot.waitUntil(lambda: not page._busy, timeout=10000)
    page.data = None
    page.reload()
    qtbot.waitUntil(lambda: page.data is not None and not page._busy, timeout=10000)


def good(w, key: str, t0: int, t1: int) -> list[tuple[int, float]]:
    store = w.engine.store
    return [(ts, v) for ts, v, q in store.readings(store.channel_id(key), t0, t1)
            if v is not None and not q & BAD_QUALITY]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_vpd_with_its_band_and_dli_bars_equal_the_record(farm_window, qtbot,  # noqa: F811
                                                         language: str) -> None:
    w = farm_window(language)
    page = farm_pages(w)["climate"]
    w.show_page(page)
    run_to(w, at(2, 10))  # a first look: 06-01 is whole (summed once, then kept)
    loaded(qtbot, page)
    assert "2026-06-01" in page._whole["gh1"] and "2026-06-02" not in page._whole["gh1"]
    now = at(3, 14)
    run_to(w, now)
    loaded(qtbot, page)  # 06-02 was partial then: summed again, whole now
    raw = tomllib.loads(TEMPLATE.read_text(encoding="utf-8"))
    cfg, site = farm_report.farm_config(raw)
    (zone,) = cfg.zones

    # today's VPD: every good reading since the day's start, nothing else
    d0 = day_start_of(now, TZ, cfg.day_start)
    assert page.data.day == "2026-06-03"
    assert page.vpd.values == good(w, "gh1.vpd", d0, now + 1)
    assert len(page.vpd.values) > 800  # a reading a minute since midnight
    # the day band (0.2–1.4 kPa), from sunrise + 30 min to sunset, found to the minute
    lo, hi = DayNight(zone, site).span(datetime(2026, 6, 3).date())
    ((a, b, low, high),) = page.vpd.band_spans
    assert (low, high) == (0.2, 1.4)
    assert 0 <= a - lo < 60_000 and 0 <= b - hi < 60_000
    assert page.vpd.shaded == [(d0, lo), (hi, d0 + DAY)]  # night, before and after the day

    # the last 14 days' DLI: the weekly report's figures, day by day
    first = d0
    for _ in range(13):
        first = day_start_of(first - 3_600_000, TZ, cfg.day_start)
    report = farm_report.zone_report(w.engine.store, zone, cfg, site, first, now + 1)
    assert len(page.dli.bars) == 14 == len(report.days)
    assert [v for _l, v in page.dli.bars] == [f.dli for f in report.days]
    assert [lab.split("\n")[0] for lab, _v in page.dli.bars] == [f.day[5:] for f in
                                                                  report.days]
    full = [f.dli for f in report.days if f.dli is not None][:-1]
    assert len(full) == 2 and all(x > 10 for x in full)  # 06-01 and 06-02 whole
    assert page.dli.bars[0][1] is None  # before the record began: no bar, not a zero

    # the day before, whole
    page.shift(-1)
    loaded(qtbot, page)
    assert page.data.day == "2026-06-02"
    assert page.vpd.values == good(w, "gh1.vpd", d0 - DAY, d0)
    assert page.next.isEnabled()
    qtbot.wait(200)
    shoot(w, f"farm_climate_{language}")
    if language == "ko":
        assert page.windowTitle() == "VPD·광량"
        assert "목표" in page.dli_note.text() and "kPa" in page.vpd_note.text()
    else:
        assert page.windowTitle() == "VPD and light"


@pytest.mark.parametrize("template", ["farm-paprika", "farm-strawberry"])
def test_each_zone_shows_its_own_record(farm_window, qtbot, template: str  # noqa: F811
                                        ) -> None:
    """Two zones (paprika), and DLI from solar radiation × factor (strawberry)."""
    path = TEMPLATE.with_name(f"{template}.toml")
    w = farm_window("en", path.read_text(encoding="utf-8"))
    page = farm_pages(w)["climate"]
    w.show_page(page)
    now = at(2, 13)
    run_to(w, now)
    cfg, site = farm_report.farm_config(tomllib.loads(path.read_text(encoding="utf-8")))
    assert [page.zone.itemData(i) for i in range(page.zone.count())] == [
        z.id for z in cfg.zones]
    for i, zone in enumerate(cfg.zones):
        page.zone.setCurrentIndex(i)
        loaded(qtbot, page)
        assert page.data.zone == zone.id
        d0 = day_start_of(now, TZ, cfg.day_start)
        assert page.vpd.values == good(w, f"{zone.id}.vpd", d0, now + 1)
        report = farm_report.zone_report(w.engine.store, zone, cfg, site,
                                         d0 - 13 * DAY, now + 1)
        assert [v for _l, v in page.dli.bars] == [f.dli for f in report.days]
        assert {(lo, hi) for _a, _b, lo, hi in page.vpd.band_spans} == {
            (b.low, b.high) for b in zone.bands if b.input == "vpd"}
        assert report.days[-2].dli and report.days[-2].dli > 5  # 06-01, a whole day
    if len(cfg.zones) > 1:
        assert page.vpd.values != good(w, f"{cfg.zones[0].id}.vpd", d0, now + 1)


def test_a_livestock_house_gets_no_climate_page(farm_window) -> None:  # noqa: F811
    path = TEMPLATE.with_name("farm-broiler.toml")
    w = farm_window("en", path.read_text(encoding="utf-8"))
    (c,) = [c for c in w.sector_contributions if c.sector.id == "farm"]
    kinds = [type(p) for p in c.pages]
    assert views.CropLogPage in kinds
    has = any(z.has_climate or z.light for z in farm_report.farm_config(
        tomllib.loads(path.read_text(encoding="utf-8")))[0].zones)
    assert (views.ClimatePage in kinds) == has
