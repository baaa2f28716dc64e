"""A simulated tomato day on a manual clock through the engine, checked against hand values.

Recorded inputs (replayed, each held until the next row, sampled once a minute) for
Monday 2026-06-01 (KST) in a house at 35.18 N 126.91 E:

    time   T °C  RH %   PPFD
    00:00  18.0  80     0
    02:00  13.0         (a night drop under the night band's 15 °C, 40 minutes)
    02:40  16.0
    06:00  22.0  70
    08:00               500
    12:00  25.0  60
    14:00        (RH sensor silent 10 minutes: stale)
    16:00        (RH answers with CRC errors for 5 minutes: bad quality)
    18:00  20.0  85
    20:00  17.5  88     0
    22:00        95          (dew point 16.7 °C: within 2 °C of the air, condensation risk)
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.cli.main import main
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api import action_problems, event_kinds, open_incidents
from deungdae.sectors.contract import discover
from deungdae.sectors.farm import crop_log
from deungdae.sectors.farm import psychrometrics as psy

TZ = ZoneInfo("Asia/Seoul")
DAY0 = int(datetime(2026, 6, 1, tzinfo=TZ).timestamp() * 1000)
H = 3_600_000

SITE = """
[site]
name = "시험 농원 (test farm)"
timezone = "Asia/Seoul"
latitude = 35.18
longitude = 126.91
sectors = ["farm"]

[[devices]]
id = "gh1"
profile = "simulator"
interval = 60.0
[devices.points.air_temp]
unit = "°C"
csv = "{temp}"
[[devices]]
id = "gh1_rh"
profile = "simulator"
interval = 60.0
[devices.points.rh]
unit = "%RH"
csv = "{rh}"
steps = [{{ at = 50400, duration = 600, lost = true }}, {{ at = 57600, duration = 300, fault = "crc" }}]
[[devices]]
id = "gh1_light"
profile = "simulator"
interval = 60.0
[devices.points.ppfd]
unit = "µmol/m²/s"
csv = "{light}"

[sectors.farm]
[[sectors.farm.zones]]
id = "gh1"
name = "토마토 1동"
crop = "tomato"
stage = "fruiting"
temperature = "gh1.air_temp"
humidity = "gh1_rh.rh"
ppfd = "gh1_light.ppfd"
max_age = 120
day_from = "sunrise+30"
night_from = "sunset"
dli_target = [15.0, 30.0]
[[sectors.farm.zones.bands]]
input = "temperature"
when = "night"
low = 15.0
high = 20.0
delay = 900
hysteresis = 0.5
[[sectors.farm.zones.bands]]
input = "temperature"
when = "day"
low = 18.0
high = 27.0
delay = 900
hysteresis = 0.5
"""


def _csv(path: Path, name: str, rows: list[tuple[float, float]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["t", name])
        w.writerows(rows)
    return str(path)


@pytest.fixture(scope="module")
def day(tmp_path_factory) -> tuple[Path, Engine]:
    root = tmp_path_factory.mktemp("tomato")
    temp = _csv(root / "t.csv", "air_temp", [(0, 18.0), (7200, 13.0), (9600, 16.0),
                                             (21600, 22.0), (43200, 25.0), (64800, 20.0),
                                             (72000, 17.5)])
    rh = _csv(root / "rh.csv", "rh", [(0, 80.0), (21600, 70.0), (43200, 60.0), (64800, 85.0),
                                      (72000, 88.0), (79200, 95.0)])
    light = _csv(root / "l.csv", "ppfd", [(0, 0.0), (28800, 500.0), (72000, 0.0)])
    (root / "site.toml").write_text(SITE.format(temp=temp, rh=rh, light=light),
                                    encoding="utf-8")
    sectors = discover()
    cfg = site_config.load(root / "site.toml", sectors)
    eng = Engine(root, cfg, ManualClock(DAY0), sectors)
    eng.run(86_400 + 300, close=False)
    return root, eng


def _at(store: Store, key: str, ts: int) -> float | None:
    rows = [r for r in store.readings(store.channel_id(key), ts, ts + 1)]
    assert rows, f"no {key} at {ts}"
    return rows[0][1]


def test_vpd_dew_point_and_abs_humidity_at_noon(day) -> None:
    _, eng = day
    noon = DAY0 + 12 * H
    s = eng.store
    # T 25 °C, RH 60 %: es = 3.16777 kPa; VPD = 3.16777·0.4 = 1.26711 kPa;
    # Td = 16.6931 °C; AH = 2.16679·1900.67/298.15 = 13.8130 g/m³
    assert _at(s, "gh1.vpd", noon) == pytest.approx(1.26711, abs=1e-4)
    assert _at(s, "gh1.dew_point", noon) == pytest.approx(16.6931, abs=1e-3)
    assert _at(s, "gh1.abs_humidity", noon) == pytest.approx(13.8130, abs=1e-3)
    # 06:00, T 22, RH 70: es = 0.6108·exp(379.94/259.3) = 0.6108·4.32868 = 2.64396 kPa;
    # VPD = 2.64396·0.3 = 0.79319 kPa
    assert _at(s, "gh1.vpd", DAY0 + 6 * H) == pytest.approx(0.79319, abs=1e-4)
    assert _at(s, "gh1.vpd", noon) == pytest.approx(psy.vpd(25, 60))


def test_dli_of_the_day(day) -> None:
    _, eng = day
    s = eng.store
    # 500 µmol/m²/s from 08:00: at 12:00, 500·4·3600/10⁶ = 7.2 mol/m²
    assert _at(s, "gh1.dli", DAY0 + 12 * H) == pytest.approx(7.2, abs=1e-9)
    # the whole light day, 08:00–20:00: 500·12·3600/10⁶ = 21.6; the last reading of the day
    last = s.readings(s.channel_id("gh1.dli"), DAY0, DAY0 + 24 * H)[-1]
    assert last[1] == pytest.approx(21.6, abs=1e-9)
    # a new day started at midnight
    assert _at(s, "gh1.dli", DAY0 + 24 * H) == 0.0
    assert _at(s, "gh1.dli_24h", DAY0 + 24 * H) == pytest.approx(21.6, abs=1e-9)
    # GDD of 1 June, recorded at the first reading after it: (25 + 13)/2 − 10 = 9.0
    assert _at(s, "gh1.gdd", DAY0 + 24 * H) == pytest.approx(9.0)


def test_condensation_risk_hours(day) -> None:
    _, eng = day
    s = eng.store
    # 22:00, T 17.5, RH 95: γ = ln 0.95 + 17.62·17.5/260.62 = −0.051293 + 1.183140 = 1.131847;
    # Td = 243.12·1.131847/16.488153 = 16.689 °C; 17.5 − 16.69 = 0.81 ≤ 2 → risk
    assert _at(s, "gh1.dew_point", DAY0 + 22 * H) == pytest.approx(16.689, abs=1e-3)
    assert _at(s, "gh1.condensation_risk", DAY0 + 22 * H) == 1.0
    assert _at(s, "gh1.condensation_risk", DAY0 + 21 * H) == 0.0  # RH 88: Td 15.4, 2.1 °C
    # the live count at 23:59: 22:00–23:59 = 119 minutes
    assert _at(s, "gh1.condensation_h", DAY0 + 24 * H - 60_000) == pytest.approx(119 / 60)


def test_night_drop_raises_exactly_one_incident(day) -> None:
    _, eng = day
    evs = [e for e in eng.store.events() if e.kind.startswith("farm.band")]
    opened = [e for e in evs if e.kind == "farm.band_out"]
    assert len(opened) == 1, [(e.kind, e.message) for e in evs]
    op = opened[0]
    assert op.ts == DAY0 + 2 * H  # dated from when it left the band
    assert op.data["band"] == "gh1.temperature.night.any" and op.data["side"] == "low"
    assert op.data["confirmed_at"] == DAY0 + 2 * H + 900_000  # after the 15-minute delay
    closed = [e for e in evs if e.kind == "farm.band_in"]
    assert [c.ts for c in closed] == [DAY0 + 2 * H + 40 * 60_000]
    assert closed[0].data["worst"] == 13.0 and closed[0].data["why"] == "back"
    assert open_incidents(eng.store.events(), event_kinds()) == []


def test_stale_rh_makes_vpd_missing_not_stale(day) -> None:
    _, eng = day
    s = eng.store
    rows = s.readings(s.channel_id("gh1.vpd"), DAY0 + 14 * H - 60_000, DAY0 + 14 * H + 15 * 60_000)
    by = {(ts - DAY0 - 14 * H) // 60_000: v for ts, v, _ in rows}
    # RH last read at 13:59; lost 14:00–14:10; max_age 120 s
    assert by[-1] is not None and by[0] is not None and by[1] is not None
    assert all(by[m] is None for m in range(2, 10)), by
    assert by[10] is not None  # RH back at 14:10
    assert _at(s, "gh1.dew_point", DAY0 + 14 * H + 5 * 60_000) is None
    # bad-quality RH (CRC errors 16:00–16:05): missing at once, numbers again after
    bad = {(ts - DAY0 - 16 * H) // 60_000: v
           for ts, v, _ in s.readings(s.channel_id("gh1.vpd"), DAY0 + 16 * H - 60_000,
                                      DAY0 + 16 * H + 6 * 60_000)}
    assert bad[-1] is not None and all(bad[m] is None for m in range(5)) and bad[5] is not None


needs_pdf = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_pdf
def test_weekly_report_equals_the_record(day, tmp_path: Path) -> None:
    root, eng = day
    opener = next(e for e in eng.store.events() if e.kind == "farm.band_out")
    problems = action_problems(event_kinds().get("farm.band_out"), {"cause": "환기창 고장"})
    assert problems == ["'action' is required"]
    eng.record_entry(NewEvent(ts=DAY0 + 3 * H, kind="farm.action", user="kim", ref_id=opener.id,
                              message="조치", data={"cause": "환기창 고장",
                                                   "action": "보온커튼 수동 닫음"}))
    out_csv = tmp_path / "week.csv"
    assert main(["--data-dir", str(root), "report", "farm-weekly", "--period", "2026-W23",
                 "-o", str(out_csv)]) == 0
    lines = list(csv.reader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    head = lines[1]
    first = dict(zip(head, lines[2], strict=True))
    assert first["day"] == "2026-06-01" and first["dli"] == "21.60"
    assert first["gdd"] == "9.00" and first["t_min"] == "13.00" and first["t_max"] == "25.00"
    assert first["condensation_h"] == "2.00"  # 22:00–24:00 of the day, from the record
    band = next(r for r in lines if len(r) > 1 and r[1] == "gh1.temperature.night.any")
    assert band[7] == f"{40 / 60:.2f}" and band[8] == "1"  # 40 minutes out, one incident
    inc = next(r for r in lines if len(r) > 9 and r[2] == "gh1.temperature.night.any")
    assert inc[4:6] == ["2026-06-01 02:00:00", "2026-06-01 02:40:00"]
    assert inc[9:12] == ["환기창 고장", "보온커튼 수동 닫음", "kim"]
    pdf = tmp_path / "week.pdf"
    assert main(["--data-dir", str(root), "report", "farm-weekly", "--period", "2026-W23",
                 "-o", str(pdf)]) == 0
    text = _text(pdf)  # Korean by default, one language on the page
    for want in ("주간 환경 보고서", "2026-06-01", "21.60", "9.0", "토마토 1동", "기록 무결성",
                 "보온커튼 수동 닫음", "93.5", "기온 야간", "복귀"):
        assert want in text, want
    assert "Weekly climate report" not in text and "back in band" not in text
    assert main(["--data-dir", str(root), "report", "farm-weekly", "--period", "2026-W23",
                 "--lang", "en", "-o", str(pdf)]) == 0
    text = _text(pdf)  # the same figures in English
    for want in ("Weekly climate report", "2026-06-01", "21.60", "9.0", "Record integrity",
                 "보온커튼 수동 닫음", "93.5", "T night", "back in band"):
        assert want in text, want
    for korean in ("주간 환경 보고서", "기록 무결성", "기온 야간", "복귀", "관리범위"):
        assert korean not in text, korean


@needs_pdf
def test_crop_log_round_trips_to_the_pdf(day, tmp_path: Path) -> None:
    root, eng = day
    s = eng.store
    t = DAY0 + 9 * H
    crop_log.record_planting(s, t - 40 * 24 * H, "gh1", "2026-A", "토마토", "데프니스", 2400,
                             "kim", area_m2=1650)
    rid, ev = crop_log.record_stage(s, t, "gh1", "2026-A", "harvest", "kim")
    eng.record_entry(ev)
    crop_log.record_spray(s, t + H, "gh1", "2026-A", "코니도", "이미다클로프리드", 0.5, "mL/L",
                          "온실가루이", 3, "kim", TZ)
    crop_log.record_fertigation(s, t + 2 * H, "gh1", "2026-A", "야마자키 토마토 1.2배", "kim",
                                ec_target=3.0, ph_target=5.8)
    crop_log.record_harvest(s, t + 3 * H, "gh1", "2026-A", 320.5, "kg", "special", "lee", TZ)
    with pytest.raises(crop_log.LogError, match="grade"):
        crop_log.record_harvest(s, t, "gh1", "2026-A", 1, "kg", "A++", "lee", TZ)
    eng.close()
    rows = crop_log.entries(Store.open_reader(root / "deungdae.db"), DAY0 - 50 * 24 * H,
                            DAY0 + 2 * 24 * H)
    harvest = next(e for e in rows if e.table == "farm_harvest")
    assert harvest.values["grade"] == "special" and harvest.values["phi_ok"] == 0
    spray = next(e for e in rows if e.table == "farm_spray")
    assert spray.values["blocked_until"] == "2026-06-04"  # sprayed 1 June + 3 days
    pdf = tmp_path / "cycle.pdf"
    assert main(["--data-dir", str(root), "report", "farm-cycle", "--period",
                 "2026-04-01..2026-06-02", "-o", str(pdf)]) == 0
    text = _text(pdf)
    for want in ("작기 요약", "데프니스", "2400주", "1650 m²", "수확", "코니도", "이미다클로프리드",
                 "0.5 mL/L", "2026-06-04", "야마자키 토마토 1.2배", "EC 3", "320.5 kg 특",
                 "안전사용기간 중 수확", "kim", "lee"):
        assert want in text, want
    gap = tmp_path / "spray.pdf"
    assert main(["--data-dir", str(root), "report", "farm-spraying", "--from", "2026-06-01",
                 "--to", "2026-06-01", "-o", str(gap)]) == 0
    text = _text(gap)
    for want in ("농약 살포 기록", "코니도", "온실가루이", "2026-06-04", "위반 1건", "GAP 심사원"):
        assert want in text, want


def test_herd_log_rows_hold_keys_and_reach_the_cycle_report(tmp_path: Path) -> None:
    from deungdae.desktop.cli.site_commands import init_site

    root = tmp_path / "broiler"
    init_site(root, "farm-broiler")
    sectors = discover()
    cfg = site_config.load(root / "site.toml", sectors)
    eng = Engine(root, cfg, ManualClock(DAY0), sectors)
    eng.run(3600, close=False)
    s = eng.store
    crop_log.record_herd(s, DAY0, "bh3", "B-0601", "in", 18_000, "choi", avg_weight_kg=0.042)
    crop_log.record_mortality(s, DAY0 + H, "bh3", "B-0601", 12, "heat", "choi")
    crop_log.record_feed(s, DAY0 + H, "bh3", "B-0601", "육계 전기사료", 950.0, "choi")
    crop_log.record_vaccination(s, DAY0 + H, "bh3", "B-0601", "ND+IB", "drinking_water",
                                17_988, 0, "choi")
    for bad, kw in (("movement", {"movement": "sideways"}), ("head", {"head": 0})):
        args = {"movement": "out", "head": 10} | kw
        with pytest.raises(crop_log.LogError, match=bad):
            crop_log.record_herd(s, DAY0, "bh3", "B-0601", args["movement"], args["head"],
                                 "choi")
    eng.close()
    with Store.open_reader(root / "deungdae.db") as r:
        row = r.query("SELECT cause, head FROM farm_mortality")[0]
        assert row == ("heat", 12)  # the key, not 고온 스트레스
        assert r.query("SELECT route FROM farm_vaccination")[0] == ("drinking_water",)
    out = tmp_path / "cycle.csv"
    assert main(["--data-dir", str(root), "report", "farm-cycle", "--period",
                 "2026-06-01..2026-06-01", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.count("\nbh3,2026-06-01") == 4
    assert '""cause"": ""heat""' in text and '""route"": ""drinking_water""' in text
    if shutil.which("pdftotext"):
        pdf = tmp_path / "cycle.pdf"
        assert main(["--data-dir", str(root), "report", "farm-cycle", "--period",
                     "2026-06-01..2026-06-01", "-o", str(pdf)]) == 0
        got = _text(pdf)
        for want in ("입식", "18000두", "0.042 kg", "폐사", "고온 스트레스", "육계 전기사료 950 kg",
                     "ND+IB", "음수", "휴약"):
            assert want in got, want
        assert main(["--data-dir", str(root), "report", "farm-cycle", "--period",
                     "2026-06-01..2026-06-01", "--lang", "en", "-o", str(pdf)]) == 0
        got = _text(pdf)  # the same rows in English: the record holds keys, not words
        for want in ("Crop-cycle summary", "18000 head", "0.042 kg", "Heat stress",
                     "Drinking water", "withdrawal", "육계 전기사료 950 kg"):
            assert want in got, want
        for korean in ("입식", "고온 스트레스", "음수", "휴약", "작기 요약"):
            assert korean not in got, korean


def test_crop_log_rows_are_sealed_and_append_only(tmp_path: Path) -> None:
    import sqlite3

    from deungdae.desktop.cli.site_commands import init_site
    from deungdae.records.audit import verify_database

    root = tmp_path / "sealed"
    init_site(root, "farm-tomato")
    sectors = discover()  # registers the farm tables into the record layout
    cfg = site_config.load(root / "site.toml", sectors)
    eng = Engine(root, cfg, ManualClock(DAY0), sectors)
    eng.run(600, close=False)
    crop_log.record_spray(eng.store, DAY0, "gh1", "2026-A", "코니도", "imidacloprid", 0.5,
                          "mL/L", "온실가루이", 3, "kim", TZ)
    eng.close()
    db = root / "deungdae.db"
    assert verify_database(db, root).ok
    con = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE farm_spray SET dose = 0.05")
    con.execute("DROP TRIGGER farm_spray_no_update")  # an insider goes around the app
    con.execute("UPDATE farm_spray SET dose = 0.05")
    con.commit()
    con.close()
    report = verify_database(db, root)
    assert not report.ok and any("farm_spray" in str(p) for p in report.problems)


def test_zone_overview_of_the_live_record(day) -> None:
    from deungdae.sectors.api import SiteContext
    from deungdae.sectors.farm.overview import zone_overview
    from deungdae.sectors.farm.zones import parse_farm

    root, eng = day
    raw = site_config.load(root / "site.toml", discover()).sector_settings["farm"]
    zone = parse_farm(raw)[0].zones[0]
    site = SiteContext("Asia/Seoul", 35.18, 126.91)
    with Store.open_reader(root / "deungdae.db") as s:
        ov = zone_overview(s, zone, site, DAY0 + 24 * H + 60_000)
        assert not ov.is_day and ov.sunrise is not None and ov.sunset is not None
        assert [b.when for b in ov.bands_now] == ["night"]
        assert ov.inputs["temperature"].value == 17.5
        assert ov.derived["vpd"].value == pytest.approx(psy.vpd(17.5, 95.0))
        assert "Tetens" in ov.derived["vpd"].formula
        assert ov.derived["gdd"].value == pytest.approx(9.0)
        assert ov.open_incidents == []
