"""Done-when: `deungdae init --template farm-tomato`, a simulated week, the weekly report,
and every figure of the report checked against the raw record recomputed independently."""

from __future__ import annotations

import csv
import math
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.cli.main import main
from deungdae.desktop.cli.site_commands import init_site
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.api import SiteContext
from deungdae.sectors.contract import discover
from deungdae.sectors.farm import psychrometrics as psy
from deungdae.sectors.farm.daynight import DayNight
from deungdae.sectors.farm.zones import parse_farm

TZ = ZoneInfo("Asia/Seoul")
MONDAY = datetime(2026, 6, 1, tzinfo=TZ)
T0 = int(MONDAY.timestamp() * 1000)
DAY = 86_400_000


@pytest.fixture(scope="module")
def week(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tomato-week")
    init_site(root, "farm-tomato")
    sectors = discover()
    cfg = site_config.load(root / "site.toml", sectors)
    Engine(root, cfg, ManualClock(T0), sectors).run(7 * 86_400 + 120)
    return root


def _raw(s: Store, key: str, t0: int, t1: int) -> dict[int, float]:
    return {ts: v for ts, v, q in s.readings(s.channel_id(key), t0, t1) if v is not None}


def _report(root: Path, out: Path) -> dict[str, dict[str, str]]:
    assert main(["--data-dir", str(root), "report", "farm-weekly", "--period", "2026-W23",
                 "-o", str(out)]) == 0
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    head = lines[1]
    rows = {}
    for r in lines[2:]:
        if not r or r[0].startswith("#"):
            break
        rows[r[1]] = dict(zip(head, r, strict=True))
    return rows


def test_a_week_of_the_tomato_template_reports_what_the_record_holds(week: Path,
                                                                     tmp_path: Path) -> None:
    rows = _report(week, tmp_path / "week.csv")
    assert list(rows) == [(MONDAY + timedelta(days=i)).date().isoformat() for i in range(7)]
    raw_cfg = site_config.load(week / "site.toml", discover())
    zone = parse_farm(raw_cfg.sector_settings["farm"])[0].zones[0]
    dn = DayNight(zone, SiteContext("Asia/Seoul", 35.18, 126.91))
    with Store.open_reader(week / "deungdae.db") as s:
        for i, (day, row) in enumerate(rows.items()):
            a, b = T0 + i * DAY, T0 + (i + 1) * DAY
            t = _raw(s, "gh1.air_temp", a, b)
            rh = _raw(s, "gh1.rh", a, b)
            vpd = _raw(s, "gh1.vpd", a, b)
            assert len(t) == 1440 and set(vpd) == set(t), day
            # every recorded VPD is the Tetens VPD of the raw T and RH of that minute
            assert max(abs(vpd[ts] - psy.vpd(t[ts], rh[ts])) for ts in t) < 1e-9
            day_v = [psy.vpd(t[ts], rh[ts]) for ts in t if dn.is_day(ts)]
            night_v = [psy.vpd(t[ts], rh[ts]) for ts in t if not dn.is_day(ts)]
            assert float(row["vpd_day_avg"]) == pytest.approx(sum(day_v) / len(day_v),
                                                              abs=5e-4)
            assert float(row["vpd_night_avg"]) == pytest.approx(sum(night_v) / len(night_v),
                                                                abs=5e-4)
            day_t = [v for ts, v in t.items() if dn.is_day(ts)]
            assert float(row["t_day_avg"]) == pytest.approx(sum(day_t) / len(day_t), abs=5e-3)
            # GDD: (Tmax + Tmin)/2 − 10 from the raw readings
            assert float(row["gdd"]) == pytest.approx((max(t.values()) + min(t.values())) / 2
                                                      - 10, abs=5e-3)
            # DLI: 1000·sin(2πt/day) µmol/m²/s, light from 00:00 to 12:00:
            # ∫ = 1000·86400/π /10⁶ = 27.502 mol/m² (noise and minute sampling aside)
            dli = float(row["dli"])
            assert dli == pytest.approx(1000 * 86_400 / math.pi / 1e6, abs=0.1)
            ppfd = sorted(_raw(s, "gh1_light.ppfd", a - 60_000, b).items())
            hand = sum(max(0.0, v0) * (t1 - t0) for (t0, v0), (t1, _) in zip(ppfd, ppfd[1:],
                                                                           strict=False)
                       if t0 >= a) / 1e9
            assert dli == pytest.approx(hand, abs=5e-3)
            # and the live derived DLI channel said the same at the day's last minute
            live = s.readings(s.channel_id("gh1.dli"), a, b)[-1][1]
            assert dli == pytest.approx(live, abs=5e-3)
        # the GDD channel holds each finished day's value (the first day started at 00:00)
        gdd_live = [v for _, v, _ in s.readings(s.channel_id("gh1.gdd"), T0, T0 + 8 * DAY)]
        assert [f"{v:.2f}" for v in gdd_live] == [r["gdd"] for r in rows.values()]
    total = 0.0
    for r in rows.values():
        total += float(r["gdd"])
        assert float(r["gdd_accumulated"]) == pytest.approx(total, abs=0.02)
    pdf = tmp_path / "week.pdf"
    assert main(["--data-dir", str(week), "report", "farm-weekly", "--period", "2026-W23",
                 "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
