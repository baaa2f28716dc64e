"""People's entries (waste, fuel, production, contracts, meter swaps) in the record and
the reports; bad entries refused with nothing written; an insider's edit is reported."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.cli.report_commands import integrity_statement
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from deungdae.sectors.eco import records as rec
from deungdae.sectors.eco import report_data as rd
from deungdae.sectors.eco.reports import annual_report, monthly_report

SEOUL = ZoneInfo("Asia/Seoul")
T0 = int(dt.datetime(2023, 6, 1, tzinfo=SEOUL).timestamp() * 1000)
SITE = """
[site]
name = "entries"
timezone = "Asia/Seoul"
sectors = ["eco"]
[[devices]]
id = "pm"
profile = "simulator"
interval = 60.0
[devices.points.kw]
base = 100.0
[devices.points.kwh]
integrates = "kw"
decimals = 3
[sectors.eco]
[[sectors.eco.meters]]
id = "main"
kind = "electricity"
counter = "pm.kwh"
power = "pm.kw"
[[sectors.eco.products]]
id = "bolts"
unit = "pcs"
[sectors.eco.baseline]
label = "2022"
kwh = 3000.0
produced = 1000.0
"""


@pytest.fixture
def plant(tmp_path: Path):
    (tmp_path / "site.toml").write_text(SITE, encoding="utf-8")
    sectors = discover()
    cfg = site_config.load(tmp_path / "site.toml", sectors)
    eng = Engine(tmp_path, cfg, ManualClock(T0), sectors)
    eng.run(86_400 + 1, close=False)
    yield eng, cfg.raw, rd.plant(cfg.raw).settings
    eng.close()


def test_entries_reach_the_report(plant, tmp_path: Path) -> None:
    eng, raw, s = plant
    day = dt.date(2023, 6, 1)
    ts = T0 + 3_600_000
    rec.record_waste(eng.store, day, "scrap_metal", "recycle", 120.5, "park", ts)
    rec.record_waste(eng.store, day, "sludge", "incinerate", 30.0, "park", ts)
    fid = rec.record_fuel(eng.store, s, day, "diesel", 200.0, "L", "park", ts, SEOUL)
    rec.record_production(eng.store, s, day, "bolts", 1200.0, "park", ts)
    # a green-premium contract for the whole of June: 30 000 kWh at 0 t/MWh
    rec.record_contract(eng.store, "gp-2023", "green_premium", day, dt.date(2023, 7, 1),
                        30_000.0, 0.0, "KEPCO green premium", "park", ts)
    eng.flush()
    t1 = T0 + 86_400_000
    with Store.open_reader(tmp_path / "deungdae.db") as st:
        f = rd.figures(st, rd.plant(raw), T0, t1)
        fuel = rec.rows(st, rec.FUEL)
    assert fid == fuel[0]["id"]
    # diesel: 200 L × 35.3 MJ/L × 74 100 kgCO2/TJ
    assert f.scope1_fuel == pytest.approx(200 * 35.3e-6 * 74.1)
    assert fuel[0]["factors"] == '["kr-ncv-2017-diesel", "ipcc2006-co2-diesel"]'
    assert f.waste == {("scrap_metal", "recycle"): 120.5, ("sludge", "incinerate"): 30.0}
    assert f.produced == {"bolts": 1200.0}
    kwh = 100 * (24 - 1 / 60)  # the first reading opens the first interval
    assert f.kwh == pytest.approx(kwh, abs=1e-3)  # a register of 3 decimals
    # the day's share of the contract (1/30 of 30 000 kWh) at 0 t/MWh; the rest of the
    # day's use at the grid factor (Korea publishes no residual mix)
    assert f.scope2_market == pytest.approx((kwh - 1000.0) / 1000 * 0.4173, abs=1e-6)
    assert f.scope2_location == pytest.approx(kwh / 1000 * 0.4173)
    a0 = dt.datetime(2023, 1, 1, tzinfo=SEOUL)
    with Store.open_reader(tmp_path / "deungdae.db") as st:
        out = annual_report(st, raw, a0, a0.replace(year=2024), tmp_path / "a.csv",
                            integrity_statement(st))
        ann = rd.annual(st, rd.plant(raw), T0 - 151 * 86_400_000, T0 + 214 * 86_400_000)
    text = out.read_text(encoding="utf-8-sig")
    assert "gp-2023" not in text and "bolts" in text
    assert len(ann.months) == 12 and ann.baseline_figures == {"kwh": 3000.0, "produced": 1000.0}
    june = dict(ann.months)[6]
    assert june.kwh == pytest.approx(f.kwh + 100 / 60, abs=1e-3)  # + the 00:00 reading


@pytest.mark.parametrize("call,needle", [
    (lambda st, s, e: rec.record_waste(st, dt.date(2023, 6, 1), "x", "river", 1.0, "a", 1),
     "route must be one of"),
    (lambda st, s, e: rec.record_waste(st, dt.date(2023, 6, 1), "x", "recycle", math.nan,
                                       "a", 1), "finite"),
    (lambda st, s, e: rec.record_waste(st, dt.date(2023, 6, 1), "x", "recycle", 1.0, " ",
                                       1), "who made it"),
    (lambda st, s, e: rec.record_fuel(st, s, dt.date(2023, 6, 1), "coal", 1.0, "kg", "a", 1,
                                      SEOUL), "no emission factor for fuel 'coal'"),
    (lambda st, s, e: rec.record_fuel(st, s, dt.date(2023, 6, 1), "diesel", 1.0, "kg", "a", 1,
                                      SEOUL), "NCV"),
    (lambda st, s, e: rec.record_production(st, s, dt.date(2023, 6, 1), "nuts", 1.0, "a", 1),
     "no product 'nuts'"),
    (lambda st, s, e: rec.record_replacement(st, e, s, "nope", 1, 1.0, 0.0, "a", 1),
     "no meter 'nope'"),
    (lambda st, s, e: rec.record_replacement(st, e, s, "main", 1, -1.0, 0.0, "a", 1),
     "old_final"),
    (lambda st, s, e: rec.record_contract(st, "c", "ppa", dt.date(2023, 6, 2),
                                          dt.date(2023, 6, 1), 1.0, 0.0, "x", "a", 1),
     "end_day must be after"),
])
def test_bad_entries_are_refused_and_nothing_is_written(plant, call, needle) -> None:
    eng, _, s = plant
    before = [len(rec.rows(eng.store, t)) for t in rec.TABLES]
    events = len(eng.store.events(limit=1_000_000))
    with pytest.raises(rec.EntryError, match=needle):
        call(eng.store, s, eng.record_entry)
    assert [len(rec.rows(eng.store, t)) for t in rec.TABLES] == before
    assert len(eng.store.events(limit=1_000_000)) == events


def test_an_insider_edit_of_an_energy_reading_is_reported(plant, tmp_path: Path) -> None:
    eng, raw, _ = plant
    eng.close()
    db = tmp_path / "deungdae.db"
    with Store.open_reader(db) as st:
        ch = st.channel_id("eco.main.energy")
        assert integrity_statement(st)[0] is True
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER reading_no_update")  # an insider who knows the schema
    con.execute("UPDATE reading SET v = v / 2 WHERE ch = ? AND ts = (SELECT max(ts) FROM "
                "reading WHERE ch = ?)", (ch, ch))
    con.commit()
    con.close()
    with Store.open_reader(db) as st:
        ok, text = integrity_statement(st)
        assert ok is False
        out = monthly_report(st, raw, dt.datetime(2023, 6, 1, tzinfo=SEOUL),
                             dt.datetime(2023, 7, 1, tzinfo=SEOUL), tmp_path / "t.csv", (ok, text))
    assert "integrity" in out.read_text(encoding="utf-8-sig")
    assert "False" in out.read_text(encoding="utf-8-sig").split("# integrity")[1]


def test_the_monthly_pdf_says_waste_and_products_in_words(plant, tmp_path: Path) -> None:
    """The row keeps `scrap_metal`; the Korean PDF says 고철·폐금속 and the English one
    Scrap metal, and neither prints the key."""
    import subprocess

    eng, raw, s = plant
    day = dt.date(2023, 6, 1)
    rec.record_waste(eng.store, day, "scrap_metal", "recycle", 120.5, "park", T0 + 3_600_000)
    rec.record_production(eng.store, s, day, "bolts", 1200.0, "park", T0 + 3_600_000)
    eng.flush()
    m0 = dt.datetime(2023, 6, 1, tzinfo=SEOUL)
    texts = {}
    with Store.open_reader(tmp_path / "deungdae.db") as st:
        for lang in ("ko", "en"):
            out = monthly_report(st, raw, m0, m0.replace(month=7), tmp_path / f"m-{lang}.pdf",
                                 integrity_statement(st), lang=lang)
            texts[lang] = subprocess.run(["pdftotext", "-layout", str(out), "-"],
                                         capture_output=True, text=True, check=True).stdout
    assert "고철·폐금속" in texts["ko"] and "재활용" in texts["ko"]
    assert "Scrap metal" in texts["en"] and "Recycling" in texts["en"]
    product = next(x for x in s.products if x.id == "bolts")
    for text in texts.values():
        assert "scrap_metal" not in text and product.name in text
