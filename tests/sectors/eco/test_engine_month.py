"""A month of known meter data through the engine, the record and the monthly report.

November 2023 in Seoul, every register polled each 4 minutes by the simulator (its
registers are exact integrals of their power points): a steady meter, a stepped one, a
5-digit register that rolls over, a meter replaced mid-month (entered on time), one
replaced mid-month but entered late (after the drop was seen), a gas meter with a
two-hour gap. Every figure the report prints is checked against a hand calculation
written here from the profiles alone, to the digits printed.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.cli.report_commands import integrity_statement
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.period_stats import period_stats
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from deungdae.sectors.eco import records as rec
from deungdae.sectors.eco import report_data as rd
from deungdae.sectors.eco import report_text as tx
from deungdae.sectors.eco.reports import monthly_report

SEOUL = ZoneInfo("Asia/Seoul")
T0 = int(dt.datetime(2023, 11, 1, tzinfo=SEOUL).timestamp() * 1000)
T1 = int(dt.datetime(2023, 12, 1, tzinfo=SEOUL).timestamp() * 1000)
STEP = 240  # s between polls
MONTH_S = (T1 - T0) // 1000
LAST = MONTH_S - STEP  # the last reading of November, s after the start
SWAP = 14 * 86400 + 12 * 3600 + 60  # Nov 15 12:01, between two polls
GAP = (10 * 86400, 2 * 3600)  # the gas meter silent for two hours on Nov 11

SITE = f"""
[site]
name = "test plant"
timezone = "Asia/Seoul"
sectors = ["eco"]

[[devices]]
id = "m"
profile = "simulator"
interval = {STEP}.0
[devices.points.steady_kw]
base = 50.0
[devices.points.steady]
integrates = "steady_kw"
base = 1000.0
decimals = 3
[devices.points.step_kw]
base = 20.0
steps = [{{ at = 864000, duration = 1e9, value = 40.0 }}]
[devices.points.stepped]
integrates = "step_kw"
decimals = 3
[devices.points.roll_kw]
base = 10.0
[devices.points.roll]
integrates = "roll_kw"
base = 99000.0
modulus = 100000.0
decimals = 3
[devices.points.swap_kw]
base = 30.0
[devices.points.swapped]
integrates = "swap_kw"
base = 12000.0
decimals = 3
# from the swap on the new meter reads 0.5 + what flowed since: offset = 0.5 - old final
steps = [{{ at = {SWAP}, duration = 1e9, offset = {0.5 - (12000.0 + 30.0 * SWAP / 3600)} }}]
[devices.points.late_kw]
base = 27.0  # a power reading 10 % low: an estimate from it differs from the proof
[devices.points.late]
integrates = "swap_kw"
base = 500.0
decimals = 3
steps = [{{ at = {SWAP}, duration = 1e9, offset = {2.0 - (500.0 + 30.0 * SWAP / 3600)} }}]

[[devices]]
id = "g"
profile = "simulator"
interval = {STEP}.0
[devices.points.flow]
base = 12.0
[devices.points.nm3]
integrates = "flow"
base = 300.0
decimals = 2
steps = [{{ at = {GAP[0]}, duration = {GAP[1]}, lost = true }}]

[sectors.eco]
[[sectors.eco.meters]]
id = "steady"
kind = "electricity"
counter = "m.steady"
power = "m.steady_kw"
max_gap_s = 300
[[sectors.eco.meters]]
id = "stepped"
kind = "electricity"
counter = "m.stepped"
max_gap_s = 300
[[sectors.eco.meters]]
id = "roll"
kind = "electricity"
counter = "m.roll"
modulus = 100000.0
max_gap_s = 300
[[sectors.eco.meters]]
id = "swapped"
kind = "electricity"
counter = "m.swapped"
max_gap_s = 300
[[sectors.eco.meters]]
id = "late"
kind = "electricity"
counter = "m.late"
power = "m.late_kw"
max_gap_s = 300
[[sectors.eco.meters]]
id = "gas"
kind = "gas"
counter = "g.nm3"
fuel = "natural_gas"
max_gap_s = 300
"""

GRID_2023 = 0.4173  # tCO2eq/MWh (domain.md)
GAS_T_PER_NM3 = 38.5 * 56100 / 1e9  # NCV 38.5 MJ/Nm3 × 56 100 kgCO2/TJ


def hand() -> dict[str, float]:
    """What flowed from the first reading (Nov 1 00:00) to the last of November."""
    h = LAST / 3600
    return {
        "steady": 50.0 * h,
        "stepped": 20.0 * 240 + 40.0 * (h - 240),
        "roll": 10.0 * h,
        "swapped": 30.0 * h,
        "late": 30.0 * h,
        "gas": 12.0 * h,
    }


@pytest.fixture(scope="module")
def month(tmp_path_factory) -> tuple[Path, dict, list]:
    root = tmp_path_factory.mktemp("eco-month")
    (root / "site.toml").write_text(SITE, encoding="utf-8")
    sectors = discover()
    cfg = site_config.load(root / "site.toml", sectors)
    eng = Engine(root, cfg, ManualClock(T0), sectors)
    settings = rd.plant(cfg.raw).settings
    # on time: entered at the swap, before the new meter's first reading
    eng.run(SWAP, close=False)
    old_final = 12000.0 + 30.0 * SWAP / 3600
    rec.record_replacement(eng.store, eng.record_entry, settings, "swapped", T0 + SWAP * 1000,
                           round(old_final, 3), 0.5, "kim", T0 + SWAP * 1000)
    eng.run(3600, close=False)  # the late meter's drop is seen, estimated from power
    late_final = 500.0 + 30.0 * SWAP / 3600
    rec.record_replacement(eng.store, eng.record_entry, settings, "late", T0 + SWAP * 1000,
                           round(late_final, 3), 2.0, "lee", T0 + (SWAP + 3600) * 1000)
    eng.run(MONTH_S - SWAP - 3600 + 1)
    assert eng.sector_problems == []
    with Store.open_reader(root / "deungdae.db") as s:
        events = s.events(T0, T1 + 10_000, limit=100_000)
    return root, cfg.raw, events


def test_the_month_report_equals_hand_calculation(month, tmp_path: Path) -> None:
    root, raw, _ = month
    with Store.open_reader(root / "deungdae.db") as s:
        f = rd.figures(s, rd.plant(raw), T0, T1)
        out = monthly_report(s, raw, dt.datetime.fromtimestamp(T0 / 1000, SEOUL),
                             dt.datetime.fromtimestamp(T1 / 1000, SEOUL), tmp_path / "m.csv",
                             integrity_statement(s))
    by = {m.meter.id: m for m in f.meters}
    exp = hand()
    for mid, q in exp.items():
        assert tx.qty(by[mid].quantity) == f"{q:,.2f}", mid
    assert tx.qty(f.kind_total("gas")) == f"{exp['gas']:,.2f}"
    kwh = sum(v for k, v in exp.items() if k != "gas")
    assert tx.qty(f.kwh) == f"{kwh:,.2f}"
    assert tx.tco2(f.scope2_location) == f"{kwh / 1000 * GRID_2023:,.3f}"
    assert tx.tco2(f.scope1) == f"{exp['gas'] * GAS_T_PER_NM3:,.3f}"
    assert tx.tco2(f.tco2eq) == f"{kwh / 1000 * GRID_2023 + exp['gas'] * GAS_T_PER_NM3:,.3f}"
    # proved by the registers: nothing estimated, nothing missing (the late swap's
    # estimate was turned into the proof by the correction the rule recorded)
    assert all(m.estimated == pytest.approx(0.0, abs=1e-9) for m in f.meters)
    assert all(m.missing == 0 for m in f.meters)
    assert by["gas"].gaps == 1 and by["late"].resets == 1 and by["swapped"].resets == 0
    assert [u.factor.id for u in f.factors] == ["ipcc2006-co2-natural-gas", "kr-grid-2023",
                                                "kr-ncv-2017-city-gas"]
    assert not any(u.fallback for u in f.factors)
    rows = {r[0]: r for r in csv.reader(out.open(encoding="utf-8-sig")) if r}
    assert f"{float(rows['steady'][3]):,.2f}" == f"{exp['steady']:,.2f}"


def test_figures_equal_a_plain_query_of_the_record(month) -> None:
    """An inspector's `SELECT sum(v)` over the same rows gives the report's numbers."""
    root, raw, _ = month
    with Store.open_reader(root / "deungdae.db") as s:
        f = rd.figures(s, rd.plant(raw), T0, T1, daily=True)
        for m in f.meters:
            ch = s.channel_id(f"eco.{m.meter.id}.energy")
            (naive,), = s.query("SELECT total(v) FROM reading WHERE ch = ? AND ts >= ? "
                                "AND ts < ? AND v IS NOT NULL", (ch, T0, T1))
            assert m.quantity == pytest.approx(naive, rel=1e-12, abs=1e-9)
            days = sum(v[m.meter.id] for _, v in f.daily)
            assert days == pytest.approx(naive, rel=1e-12)
        assert len(f.daily) == 30
        # the stepped meter steps to 40 kW at Nov 11 00:00; an interval belongs to the day
        # its closing reading falls in, so Nov 11 holds the last 20 kW interval of Nov 10
        day = {d: v["stepped"] for d, v in f.daily}
        assert tx.qty(day[dt.date(2023, 11, 10)]) == f"{20 * 24:,.2f}"
        h = STEP / 3600
        assert tx.qty(day[dt.date(2023, 11, 11)]) == f"{40 * (24 - h) + 20 * h:,.2f}"
        st = period_stats(s, [s.channel_id("eco.gas.energy")], T0, T1)
        assert st[s.channel_id("eco.gas.energy")].vsum == f.kind_total("gas")


def test_the_gap_and_the_swaps_are_recorded_as_they_happened(month) -> None:
    _, _, events = month
    gaps = [e for e in events if e.kind == "eco.counter_gap"]
    assert len(gaps) == 1
    g = gaps[0].data
    assert g["meter"] == "gas" and g["provenance"] == "counter"
    assert (g["end_ms"] - g["start_ms"]) / 1000 == GAP[1] + STEP  # bridged by the register
    assert g["quantity"] == pytest.approx(12.0 * (GAP[1] + STEP) / 3600, abs=0.01)
    resets = [e for e in events if e.kind == "eco.meter_reset"]
    assert [e.data["meter"] for e in resets] == ["late"]
    replaced = [e for e in events if e.kind == "eco.meter_replaced"]
    assert [(e.data["meter"], e.user) for e in replaced] == [("swapped", "kim"), ("late", "lee")]


def test_a_new_factor_later_leaves_the_november_pdf_byte_identical(month, tmp_path: Path,
                                                                    monkeypatch) -> None:
    from reportlab import rl_config

    from deungdae.sectors.report_fonts import FontMissing, korean_font

    try:
        korean_font()
    except FontMissing:
        pytest.skip("no Korean TrueType font on this machine")
    monkeypatch.setattr(rl_config, "invariant", 1)  # no timestamps or ids: bytes compare
    root, raw, _ = month
    a = dt.datetime.fromtimestamp(T0 / 1000, SEOUL)
    b = dt.datetime.fromtimestamp(T1 / 1000, SEOUL)
    # a corrected 2023 grid factor published later, and the 2024 one
    newer = {**raw, "sectors": {"eco": {**raw["sectors"]["eco"], "factors": {"grid": [
        {"id": "kr-grid-2023-rev", "region": "KR", "year": 2023, "value": 0.4999,
         "unit": "tCO2eq/MWh", "source": "revised", "published": "2026-11-01"},
        {"id": "kr-grid-2024", "region": "KR", "year": 2024, "value": 0.41,
         "unit": "tCO2eq/MWh", "source": "GIR 2024", "published": "2026-12-01"}]}}}}
    assert rd.plant(newer).settings.factors.grid(2023)[0].value == 0.4999  # it would differ
    with Store.open_reader(root / "deungdae.db") as s:
        integrity = integrity_statement(s)
        for lang in ("ko", "en"):
            first = monthly_report(s, raw, a, b, tmp_path / f"a-{lang}.pdf", integrity, lang=lang)
            again = monthly_report(s, newer, a, b, tmp_path / f"b-{lang}.pdf", integrity,
                                   lang=lang)
            assert first.read_bytes() == again.read_bytes()
            assert b"/FontFile2" in first.read_bytes()  # the font is embedded
