"""An eco-factory logger restarted mid-day carries on from the record.

What flowed while the logger was stopped is in the register: the first reading after the
restart closes the interval from the last one before it, so the month's energy (and its
tCO2eq) counts it instead of losing it. The months' demand peaks are known again, so a
window below this month's peak is not announced as a new billing peak.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover

TZ = ZoneInfo("Asia/Seoul")
T0 = int(datetime(2026, 11, 2, 9, 0, tzinfo=TZ).timestamp() * 1000)
H = 3_600_000


def site(kw: float, register: float) -> str:
    return f"""
[site]
name = "재시작 공장"
timezone = "Asia/Seoul"
sectors = ["eco"]

[[devices]]
id = "m"
profile = "simulator"
interval = 10.0
[devices.points.kw]
base = {kw}
[devices.points.kwh]
integrates = "kw"
base = {register}
decimals = 3

[sectors.eco]
[[sectors.eco.meters]]
id = "main"
kind = "electricity"
counter = "m.kwh"
power = "m.kw"
max_gap_s = 300

[sectors.eco.demand]
meter = "main"
target_kw = 500.0
history_kw = {{ "2026-10" = 60.0 }}
"""


def run(root: Path, text: str, start_h: float, hours: float) -> None:
    sectors = discover()
    (root / "site.toml").write_text(text, encoding="utf-8")
    eng = Engine(root, site_config.load(root / "site.toml", sectors),
                 ManualClock(T0 + int(start_h * H)), sectors)
    eng.run(hours * 3600)


def energy(root: Path) -> float:
    with Store.open_reader(root / "deungdae.db") as st:
        cid = st.channel_id("eco.main.energy")
        return sum(v for _ts, v, _q in st.readings(cid, 0, 2**62) if v is not None)


def events(root: Path, kind: str):
    with Store.open_reader(root / "deungdae.db") as st:
        return st.events(kinds=[kind])


def test_what_flowed_while_stopped_is_counted(tmp_path: Path) -> None:
    # 50 kW from 09:00 to 10:00, stopped until 11:00 (the register goes on), on to 12:00
    run(tmp_path, site(50, 1000.0), 0, 1)
    run(tmp_path, site(50, 1100.0), 2, 1)
    assert energy(tmp_path) == pytest.approx(150.0, abs=0.01)  # 3 h at 50 kW, proved
    (gap,) = events(tmp_path, "eco.counter_gap")
    assert gap.data["provenance"] != "missing" and gap.data["quantity"] == pytest.approx(50.0)


def test_a_window_below_this_months_peak_is_no_new_billing_peak(tmp_path: Path) -> None:
    run(tmp_path, site(100, 1000.0), 0, 1)  # 100 kW windows: a new peak (history 60)
    assert len(events(tmp_path, "eco.billing_peak")) == 1
    run(tmp_path, site(80, 1100.0), 1.5, 1)  # 80 kW after the restart: below the 100
    assert len(events(tmp_path, "eco.billing_peak")) == 1


def test_an_over_target_window_that_ended_while_stopped_is_closed(tmp_path: Path) -> None:
    from deungdae.sectors.api import event_kinds, open_incidents

    low = site(100, 1000.0).replace("target_kw = 500.0", "target_kw = 40.0")
    run(tmp_path, low, 0, 0.1)  # stopped 6 minutes into the 09:00 window, over target
    (warn,) = events(tmp_path, "eco.demand_over_target")
    run(tmp_path, low.replace("base = 100", "base = 20"), 1, 0.1)  # back at 10:00, 20 kW
    (end,) = events(tmp_path, "eco.demand_window_end")
    assert end.data["window"] == warn.data["window"] and end.ts == warn.data["window"] + 900_000
    assert end.data["average_kw"] is None  # never closed: its average is not in the record
    with Store.open_reader(tmp_path / "deungdae.db") as st:
        still = open_incidents(st.events(limit=100_000), event_kinds())
    assert not [i for i in still if i.kind.kind == "eco.demand_over_target"]
