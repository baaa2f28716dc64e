"""A farm logger restarted mid-day carries on: DLI, stage and band incidents.

Without taking up the record, a restart at noon would start the day's DLI from zero (the
weekly report's "DLI today" would read 1.8 instead of 9 mol), forget the stage the
grower set in the crop log (the window still shows it) and raise an open band incident
a second time.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.contract import discover

TZ = ZoneInfo("Asia/Seoul")
DAY0 = int(datetime(2026, 6, 1, tzinfo=TZ).timestamp() * 1000)
H = 3_600_000


def site(temp_steps: str = "") -> str:
    return f"""
[site]
name = "재시작 농원"
timezone = "Asia/Seoul"
latitude = 35.18
longitude = 126.91
sectors = ["farm"]

[[devices]]
id = "gh"
profile = "simulator"
interval = 60.0
[devices.points.air]
unit = "°C"
base = 24
steps = [{temp_steps}]
[devices.points.rh]
unit = "%RH"
base = 70
[devices.points.ppfd]
unit = "µmol/m²/s"
base = 500

[sectors.farm]
[[sectors.farm.zones]]
id = "gh1"
name = "1동"
crop = "tomato"
stage = "vegetative"
temperature = "gh.air"
humidity = "gh.rh"
ppfd = "gh.ppfd"
max_age = 180
[[sectors.farm.zones.bands]]
input = "temperature"
when = "all"
stages = ["fruiting"]
high = 30.0
delay = 0
"""


def run(root: Path, text: str, start_h: float, hours: float, entry=None) -> Engine:
    sectors = discover()
    (root / "site.toml").write_text(text, encoding="utf-8")
    eng = Engine(root, site_config.load(root / "site.toml", sectors),
                 ManualClock(DAY0 + int(start_h * H)), sectors)
    if entry is not None:
        eng.run(60, close=False)
        eng.record_entry(entry(eng.clock.now_ms()))
        hours -= 1 / 60
    eng.run(hours * 3600, close=True)
    return eng


def latest(root: Path, key: str) -> tuple[int, float]:
    with Store.open_reader(root / "deungdae.db") as st:
        cid = st.channel_id(key)
        ts, v, _q = st.latest(cid)
        return ts, v


def events(root: Path, *kinds: str):
    with Store.open_reader(root / "deungdae.db") as st:
        return st.events(kinds=kinds, limit=100_000)


def test_dli_today_goes_on_over_a_restart(tmp_path: Path) -> None:
    run(tmp_path, site(), 8, 4).close()  # 08:00-12:00 at 500 µmol/m²/s
    _, noon = latest(tmp_path, "gh1.dli")
    assert noon == pytest.approx(500 * 4 * 3600 / 1e6, abs=0.05)
    run(tmp_path, site(), 12, 1).close()  # back a minute later (one poll), on to 13:00
    _, one_pm = latest(tmp_path, "gh1.dli")
    assert one_pm == pytest.approx(500 * 5 * 3600 / 1e6, abs=0.1)
    _, rolling = latest(tmp_path, "gh1.dli_24h")
    assert rolling == pytest.approx(one_pm, abs=0.1)


def test_the_crop_log_stage_and_an_open_band_go_on(tmp_path: Path) -> None:
    def fruiting(ts: int) -> NewEvent:
        return NewEvent(ts=ts, kind="farm.stage_changed", user="kim", message="stage",
                        data={"zone": "gh1", "stage": "fruiting"})

    # 08:00: the grower sets "fruiting"; the house heats to 33 °C from 09:00
    run(tmp_path, site("{ at = 3600, duration = 99999, value = 33 }"), 8, 2, entry=fruiting)
    assert len(events(tmp_path, "farm.band_out")) == 1
    # back at 10:00, still 33 °C, then 24 °C from 10:30: the fruiting band still applies
    # (the config says vegetative), the incident is the same one, closed once
    run(tmp_path, site("{ at = 0, duration = 1800, value = 33 }"), 10, 1).close()
    out, back = events(tmp_path, "farm.band_out"), events(tmp_path, "farm.band_in")
    assert len(out) == 1 and len(back) == 1, ([e.data for e in out], [e.data for e in back])
    assert back[0].data["why"] == "back" and back[0].data["opened_at"] == out[0].ts
    assert back[0].data["worst"] == 33.0
