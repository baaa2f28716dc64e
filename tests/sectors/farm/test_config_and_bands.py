"""`[sectors.farm]` checks name the bad key; bands follow time of day, stage and hysteresis."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine, EngineError
from deungdae.hardware.clock import ManualClock
from deungdae.hardware.reading import Quality, Reading
from deungdae.records.store import NewEvent
from deungdae.sectors.api import SiteContext
from deungdae.sectors.contract import discover
from deungdae.sectors.farm.daynight import DayNight
from deungdae.sectors.farm.plugin import sector
from deungdae.sectors.farm.rules import FarmRules
from deungdae.sectors.farm.zones import parse_farm

TZ = ZoneInfo("Asia/Seoul")
SITE = SiteContext("Asia/Seoul", 35.18, 126.91)
MIN = 60_000


def _zone(**extra) -> dict:
    z = {"id": "gh1", "temperature": "gh1.t", "humidity": "gh1.rh", "stage": "vegetative"}
    z.update(extra)
    return {"zones": [z]}


def test_every_template_passes_and_is_bilingual() -> None:
    names = {t.name for t in sector.templates()}
    assert names == {"farm-tomato", "farm-strawberry", "farm-paprika", "farm-mushroom",
                     "farm-broiler", "farm-pig"}
    for t in sector.templates():
        raw = tomllib.loads(t.text())
        assert sector.check_config(raw["sectors"]["farm"]) == [], t.name
        assert any("\uac00" <= ch <= "\ud7a3" for ch in t.label("ko")), t.title_ko
        assert not any("\uac00" <= ch <= "\ud7a3" for ch in t.label("en")), t.title
        for z in raw["sectors"]["farm"]["zones"]:
            assert any("\uac00" <= ch <= "\ud7a3" for ch in z["name"]), z["name"]


@pytest.mark.parametrize(("section", "needle"), [
    ({"zones": [], "colour": 1}, "unknown key 'colour'"),
    ({"zones": []}, "sectors.farm.zones: expected at least one"),
    (_zone(humdity="x"), "unknown key 'humdity'"),
    (_zone(kind="barn"), "sectors.farm.zones 'gh1'.kind"),
    (_zone(day_from="dawn"), "sectors.farm.zones 'gh1'.day_from"),
    (_zone(day_from="sunrise+600"), "too far"),
    (_zone(day_from="20:00", night_from="06:00"), "must start after the day"),
    (_zone(base_temp=float("nan")), "sectors.farm.zones 'gh1'.base_temp"),
    (_zone(dli_target=[30, 10]), "sectors.farm.zones 'gh1'.dli_target"),
    (_zone(ppfd="a.p", solar="a.s"), "give ppfd or solar, not both"),
    (_zone(bands=[{"input": "wind", "low": 1}]), "bands[0].input"),
    (_zone(bands=[{"input": "temperature", "low": 20, "high": 10}]), "must be below high"),
    (_zone(bands=[{"input": "vpd", "when": "dusk", "low": 0.2}]), "bands[0].when"),
    (_zone(bands=[{"input": "vpd", "low": 0.2, "dely": 5}]), "unknown key 'dely'"),
    (_zone(bands=[{"input": "temperature"}]), "give low, high or both"),
    ({"day_start": "25:00", "zones": [{"id": "gh1", "temperature": "t"}]},
     "day_start: expected a local time"),
])
def test_check_config_names_the_bad_key(section: dict, needle: str) -> None:
    errs = sector.check_config(section)
    assert any(needle in e for e in errs), errs


def _tomato() -> Path:
    return next(t.path for t in sector.templates() if t.name == "farm-tomato")


def test_site_without_location_is_refused_for_sun_relative_days(tmp_path: Path) -> None:
    text = (_tomato().read_text(encoding="utf-8")
            .replace("latitude = 35.18", "").replace("longitude = 126.91", ""))
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    sectors = discover()
    cfg = site_config.load(tmp_path / "site.toml", sectors)
    with pytest.raises(EngineError, match="latitude and longitude"):
        Engine(tmp_path, cfg, ManualClock(0), sectors).open()


def test_a_zone_naming_a_missing_channel_is_refused(tmp_path: Path) -> None:
    text = _tomato().read_text(encoding="utf-8").replace(
        'humidity = "gh1.rh"', 'humidity = "gh1.rh2"')
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    sectors = discover()
    cfg = site_config.load(tmp_path / "site.toml", sectors)
    eng = Engine(tmp_path, cfg, ManualClock(0), sectors)
    eng.open()  # the derived channels' inputs do not exist: the sector is left out, named
    try:
        assert eng.sector_problems and "gh1.rh2" in eng.sector_problems[0]
    finally:
        eng.close()


def _rules(bands: list[dict], **zone) -> FarmRules:
    cfg, errs = parse_farm(_zone(bands=bands, **zone))
    assert errs == []
    return FarmRules(cfg, SITE, {"gh1.t": "°C"})


def _ms(h: int, m: int = 0) -> int:
    return int(datetime(2026, 6, 1, h, m, tzinfo=TZ).timestamp() * 1000)


def _feed(rules: FarmRules, ts: int, t: float, q: int = 0) -> list[NewEvent]:
    return rules.feed([Reading("gh1.t", ts, t, q)]).events


def test_day_band_hands_over_to_the_night_band_at_sunset() -> None:
    rules = _rules([{"input": "temperature", "when": "day", "low": 18.0, "delay": 0},
                    {"input": "temperature", "when": "night", "low": 12.0, "delay": 0}])
    dn = DayNight(rules.zones["gh1"].zone, SITE)
    _, sunset = dn.span(datetime(2026, 6, 1).date())
    t = sunset - 30 * MIN
    ev = _feed(rules, t, 15.0)
    assert [e.kind for e in ev] == ["farm.band_out"] and ev[0].data["when"] == "day"
    # after sunset 15 °C is inside the night band: the day incident ends, "period"
    ev = _feed(rules, sunset + MIN, 15.0)
    assert [(e.kind, e.data["why"]) for e in ev] == [("farm.band_in", "period")]
    assert _feed(rules, sunset + 2 * MIN, 13.0) == []


def test_delay_hysteresis_and_bad_readings() -> None:
    rules = _rules([{"input": "temperature", "when": "all", "high": 30.0, "delay": 600,
                     "hysteresis": 1.0}])
    t = _ms(13)
    assert _feed(rules, t, 31.0) == []
    assert _feed(rules, t + 5 * MIN, 31.0) == []  # 5 of 10 minutes
    assert _feed(rules, t + 6 * MIN, 29.0) == []  # back before the delay: nothing
    assert _feed(rules, t + 7 * MIN, 31.0) == []
    assert _feed(rules, t + 16 * MIN, 99.0, int(Quality.GARBAGE)) == []  # bad: ignored
    ev = _feed(rules, t + 17 * MIN, 31.5)
    assert len(ev) == 1 and ev[0].ts == t + 7 * MIN and ev[0].data["side"] == "high"
    assert _feed(rules, t + 18 * MIN, 29.5) == []  # inside, but not by the hysteresis
    ev = _feed(rules, t + 19 * MIN, 28.9)
    assert len(ev) == 1 and ev[0].kind == "farm.band_in" and ev[0].data["worst"] == 31.5


def test_stage_change_switches_bands() -> None:
    rules = _rules([{"input": "temperature", "stages": ["vegetative"], "high": 25.0},
                    {"input": "temperature", "stages": ["fruiting"], "high": 28.0}])
    t = _ms(12)
    ev = _feed(rules, t, 26.0)
    assert len(ev) == 1 and ev[0].data["band"] == "gh1.temperature.all.vegetative"
    closed = rules.on_entry(NewEvent(ts=t + MIN, kind="farm.stage_changed",
                                     data={"zone": "gh1", "stage": "fruiting"}))
    assert [(e.kind, e.data["why"]) for e in closed] == [("farm.band_in", "stage")]
    assert _feed(rules, t + 2 * MIN, 26.0) == []  # inside the fruiting band
    ev = _feed(rules, t + 3 * MIN, 28.5)
    assert ev[0].data["band"] == "gh1.temperature.all.fruiting"
