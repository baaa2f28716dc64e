"""The eco entry forms and the GHG / intensity page in a main window over the metalwork
template's engine on a manual clock, across a month's end.

Entries go through the page's forms and the window's records worker and must land as
rows (keys, not words) with the signed-in user; bad input is refused on the form naming
the field, and nothing is written. The GHG and intensity figures the page shows must be
the monthly report's (its CSV, made from the same record) and the annual summary's.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate

from deungdae.records.store import Store
from deungdae.sectors.eco import records as rec
from deungdae.sectors.eco import report_data as rd
from deungdae.sectors.eco import report_text as tx
from deungdae.sectors.eco import views
from deungdae.sectors.eco.plugin import sector
from deungdae.sectors.eco.reports import monthly_report
from tests.desktop.ui.conftest import add_record_users, fast_argon2, log_in, shoot  # noqa: F401
from tests.sectors.sector_window import windows

TZ = ZoneInfo("Asia/Seoul")
START = int(dt.datetime(2026, 5, 31, 20, 0, tzinfo=TZ).timestamp() * 1000)
JUNE = int(dt.datetime(2026, 6, 1, tzinfo=TZ).timestamp() * 1000)


def metalwork() -> str:
    return next(t for t in sector.templates() if t.name == "eco-metalwork").text()


@pytest.fixture
def eco_window(qtbot, data_dir: Path, fast_argon2):  # noqa: F811 (the fixture)
    yield from windows(qtbot, data_dir, START, metalwork)


def eco_pages(w) -> dict[str, object]:
    (c,) = [c for c in w.sector_contributions if c.sector.id == "eco"]
    kinds = {views.EnergyPage: "energy", views.GhgPage: "ghg", views.EntriesPage: "entries"}
    return {kinds[type(p)]: p for p in c.pages}


def run_to(w, ts: int) -> None:
    w.engine.run((ts - w.engine.clock.now_ms()) / 1000, close=False)


def rows(w, table: str, cols: str) -> list[tuple]:
    with Store.open_reader(w.engine.store.path) as r:
        have = {x[0] for x in r.query("SELECT name FROM sqlite_master WHERE type='table'")}
        return r.query(f"SELECT {cols} FROM {table} ORDER BY id") if table in have else []


def choose(combo, key) -> None:
    i = combo.findData(key)
    assert i >= 0, key
    combo.setCurrentIndex(i)


def submit(qtbot, page, w, table: str, cols: str) -> list[tuple]:
    """Submit the page's form and wait until its row is in the record."""
    before = len(rows(w, table, cols))
    page.submit()
    qtbot.waitUntil(lambda: len(rows(w, table, cols)) > before, timeout=5000)
    qtbot.waitUntil(lambda: page.record.isEnabled(), timeout=5000)
    run_to(w, w.engine.clock.now_ms() + 60_000)  # the next entry a minute later
    return rows(w, table, cols)


def test_each_form_lands_as_a_row_with_the_user_and_bad_input_writes_nothing(
        eco_window, qtbot) -> None:
    w = eco_window()
    page = eco_pages(w)["entries"]
    run_to(w, START + 3_600_000)
    w.show_page(page)
    log_in(w, "kim")

    # waste: keys in the row, not the words the form shows
    choose(page.entry, "eco_waste")
    f = page.forms["eco_waste"]
    f.inputs["day"].setDate(QDate(2026, 5, 30))
    choose(f.inputs["waste_type"], "scrap_metal")
    choose(f.inputs["route"], "recycle")
    f.inputs["kg"].setText("ten")
    page.submit()
    assert "Weight (kg)" in page.status.text()
    f.inputs["kg"].setText("0")
    page.submit()
    assert "Weight (kg): must be more than 0" in page.status.text()
    f.inputs["day"].setDate(QDate(2026, 6, 2))  # the clock is at 05-31 21:00
    f.inputs["kg"].setText("1,250.5")
    page.submit()
    assert "Day: cannot be later than today" in page.status.text()
    assert rows(w, "eco_waste", "kg") == []
    f.inputs["day"].setDate(QDate(2026, 5, 30))
    got = submit(qtbot, page, w, "eco_waste", "day, waste_type, route, kg, user")
    assert got == [("2026-05-30", "scrap_metal", "recycle", 1250.5, "kim")]
    assert "recorded by kim" in page.status.text()
    assert f.inputs["kg"].text() == ""  # cleared for the next one

    # fuel: the units offered are the fuel's; the row carries its tCO2eq and factors
    choose(page.entry, "eco_fuel")
    f = page.forms["eco_fuel"]
    choose(f.inputs["fuel"], "diesel")
    units = [f.inputs["unit"].itemData(i) for i in range(f.inputs["unit"].count())]
    assert units == ["L", "MJ"]
    f.inputs["amount"].setText("-5")
    page.submit()
    assert "Amount: must be more than 0" in page.status.text()
    assert rows(w, "eco_fuel", "id") == []
    f.inputs["amount"].setText("200")
    f.inputs["supplier"].setText("OO주유소")
    ((day, fuel, amount, unit, t, factors, user, supplier),) = submit(
        qtbot, page, w, "eco_fuel", "day, fuel, amount, unit, tco2eq, factors, user, supplier")
    assert (day, fuel, amount, unit, user, supplier) == (
        "2026-05-31", "diesel", 200.0, "L", "kim", "OO주유소")
    assert t == pytest.approx(200 * 35.3 * 74100 / 1e9)  # L × MJ/L × kgCO2/TJ: MJ→TJ, kg→t
    assert "ipcc2006-co2-diesel" in factors and "kr-ncv-2017-diesel" in factors

    # production: only configured products are offered
    choose(page.entry, "eco_production")
    f = page.forms["eco_production"]
    assert [f.inputs["product"].itemData(i) for i in range(f.inputs["product"].count())] \
        == ["parts"]
    f.inputs["quantity"].setText("")
    page.submit()
    assert "Quantity produced: required" in page.status.text()
    f.inputs["quantity"].setText("480")
    got = submit(qtbot, page, w, "eco_production", "day, product, quantity, user")
    assert got == [("2026-05-31", "parts", 480.0, "kim")]

    # a meter swap: a reason, "other" needs a note; the entry event reaches the rule
    choose(page.entry, "eco_replacement")
    f = page.forms["eco_replacement"]
    choose(f.inputs["meter"], "compressor")
    f.inputs["old_final"].setText("12,040.5")
    f.inputs["new_initial"].setText("0")
    choose(f.inputs["reason"], "other")
    page.submit()
    assert "Note" in page.status.text()
    assert rows(w, "eco_replacement", "id") == []
    f.inputs["note"].setText("display dead")
    # below what the old register already showed (12,000 kWh + about an hour at 45 kW):
    # the record is checked, the figure refused, nothing written
    page.submit()
    qtbot.waitUntil(lambda: "last recorded reading" in page.status.text(), timeout=5000)
    assert page.status.text().startswith("Old meter's final reading: below")
    assert rows(w, "eco_replacement", "id") == []
    f.inputs["old_final"].setText("12,100.5")
    got = submit(qtbot, page, w, "eco_replacement",
                 "meter, old_final, new_initial, user, reason, note")
    assert got == [("compressor", 12100.5, 0.0, "kim", "other", "display dead")]
    evs = w.engine.store.events(None, None, kinds=("eco.meter_replaced",))
    assert [(e.user, e.data["meter"], e.data["reason"]) for e in evs] == [
        ("kim", "compressor", "other")]

    # the table lists the four entries in words, newest first
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=5000)
    texts = [page.table.item(i, 1).text() for i in range(4)]
    assert texts == ["Meter replacement", "Production", "Fuel delivery", "Waste"]
    assert "Scrap metal" in page.table.item(3, 2).text() and \
        "Recycling" in page.table.item(3, 2).text()
    assert {page.table.item(i, 3).text() for i in range(4)} == {"kim"}
    shoot(w, "eco_entries_en")


def csv_sheets(path: Path) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    cur: list[list[str]] = []
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.reader(fh):
            if row and row[0].startswith("# "):
                cur = out.setdefault(row[0][2:], [])
            elif row:
                cur.append(row)
    return out


def cell(table, r: int, c: int) -> str:
    return table.item(r, c).text()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_ghg_and_intensity_equal_the_monthly_report(eco_window, qtbot, tmp_path: Path,
                                                    language: str) -> None:
    w = eco_window(language)
    pages = eco_pages(w)
    log_in(w, "park")

    # a delivery and production by hand beside the press counter, in May
    def entry(writer):
        s = rd.plant(w.site_config).settings
        rec.record_fuel(writer.store, s, dt.date(2026, 5, 31), "lpg", 50.0, "kg", "park",
                        START, TZ)
        rec.record_production(writer.store, s, dt.date(2026, 5, 31), "parts", 300.0, "park",
                              START)
        return 1

    done = []
    w.write(entry, done.append)
    qtbot.waitUntil(lambda: done == [1], timeout=5000)
    run_to(w, JUNE + 3 * 3_600_000)  # into June: two months of figures
    page = pages["ghg"]
    w.show_page(page)
    qtbot.waitUntil(lambda: not page._busy, timeout=15000)
    page.reload()
    qtbot.waitUntil(lambda: page.data is not None and page.month.count() == 2, timeout=15000)
    assert [page.month.itemData(i) for i in range(2)] == ["2026-06-01", "2026-05-01"]
    raw = tomllib.loads(metalwork())
    p = rd.plant(raw)
    store = w.engine.store
    store.flush_rollups()
    for month in ("2026-05-01", "2026-06-01"):
        choose(page.month, month)
        qtbot.waitUntil(lambda m=month: page.data is not None and
                        page.data.month.isoformat() == m and not page._busy, timeout=15000)
        start = dt.datetime(2026, int(month[5:7]), 1, tzinfo=TZ)
        end = dt.datetime(2026, int(month[5:7]) + 1, 1, tzinfo=TZ)
        out = monthly_report(store, raw, start, end, tmp_path / f"{month}.csv", (True, "ok"))
        ghg = {r[0]: r[1] for r in csv_sheets(out)["ghg"][1:]}
        shown = {cell(page.scopes, i, 0): cell(page.scopes, i, 1)
                 for i in range(page.scopes.rowCount())}
        lang = "ko" if language == "ko" else "en"
        for key, line in (("scope1_meters", "scope1_meters"), ("scope1_fuel", "scope1_fuel"),
                          ("scope2_location", "scope2_loc")):
            assert shown[tx.t(lang, line)] == tx.tco2(float(ghg[key])), (month, key)
        assert shown[tx.t(lang, "total") + " (Scope 1 + 2)"] == tx.tco2(
            float(ghg["total_location"]))
        assert page.total.text() == f"{tx.tco2(float(ghg['total_location']))} t"
        assert float(ghg["total_location"]) > 0
        factors = {r[0] for r in csv_sheets(out)["factors"][1:]}
        shown_f = {cell(page.factors, i, 1) for i in range(page.factors.rowCount())}
        assert shown_f == factors, month
        # intensity: the month's row equals the report's figures
        f = rd.figures(store, p, int(start.timestamp() * 1000), int(end.timestamp() * 1000))
        row = 1 + [d.isoformat() for d in page.data.months].index(month)
        assert cell(page.intensity, row, 1) == tx.qty(f.units_produced)
        assert cell(page.intensity, row, 2) == tx.qty(f.kwh)
        assert cell(page.intensity, row, 3) == tx.ratio(rd.intensity(f.kwh, f.units_produced))
        assert cell(page.intensity, row, 5) == tx.tco2(f.tco2eq)
        assert cell(page.intensity, row, 6) == tx.ratio(
            rd.intensity(f.tco2eq, f.units_produced))
        base = 2_200_000.0 / 1_500_000.0  # the template's 2024 baseline
        assert cell(page.intensity, 0, 3) == tx.ratio(base)
        assert cell(page.intensity, row, 4) == tx.pct(
            rd.change(rd.intensity(f.kwh, f.units_produced), base))
    may = rd.figures(store, p, START - 86_400_000, JUNE)
    assert may.scope1_fuel > 0 and may.produced["parts"] > 300  # the entries and the counter
    assert [b for _l, b in page.chart.bars] == [
        rd.intensity(x.kwh, x.units_produced) for _m, x in page.data.annual.months]
    qtbot.wait(200)
    shoot(w, f"eco_ghg_{language}")
    shoot(page.intensity.parentWidget(), f"eco_ghg_lower_{language}")
    if language == "ko":
        assert page.windowTitle() == "온실가스"
        assert page.intensity.horizontalHeaderItem(3).text() == "생산 단위당 kWh"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_entries_page_in_both_languages(eco_window, qtbot, language: str) -> None:
    w = eco_window(language)
    page = eco_pages(w)["entries"]
    run_to(w, START + 3_600_000)
    w.show_page(page)
    log_in(w, "park")
    f = page.forms["eco_waste"]
    choose(f.inputs["waste_type"], "sludge")
    choose(f.inputs["route"], "incinerate")
    f.inputs["kg"].setText("320")
    submit(qtbot, page, w, "eco_waste", "kg")
    choose(page.entry, "eco_fuel")
    f = page.forms["eco_fuel"]
    choose(f.inputs["fuel"], "natural_gas")
    choose(f.inputs["unit"], "MJ")
    f.inputs["amount"].setText("41,000")
    submit(qtbot, page, w, "eco_fuel", "amount")
    choose(page.entry, "eco_replacement")
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=5000)
    qtbot.wait(100)
    shoot(w, f"eco_entries_form_{language}")
    if language == "ko":
        assert "오니 (슬러지)" in page.table.item(1, 2).text()
        assert "소각" in page.table.item(1, 2).text()
        assert "도시가스 (LNG)" in page.table.item(0, 2).text()
        assert page.table.item(0, 1).text() == "연료 입고"
    if language == "ko":
        assert page.windowTitle() == "기록 입력"
        assert page.entry.currentText() == "계량기 교체"
        f = page.forms["eco_replacement"]
        assert f.inputs["reason"].itemText(0) == "계량기 고장"


def test_a_refusal_by_the_writer_is_shown_on_the_form_and_nothing_is_written(
        eco_window, qtbot) -> None:
    """Defence in depth: a unit the form should never offer (diesel in kg) reaches the
    writer, which refuses it; the form says so and the record has no row."""
    w = eco_window()
    page = eco_pages(w)["entries"]
    w.show_page(page)
    log_in(w, "kim")
    choose(page.entry, "eco_fuel")
    f = page.forms["eco_fuel"]
    choose(f.inputs["fuel"], "diesel")
    f.inputs["unit"].addItem("kg", "kg")
    choose(f.inputs["unit"], "kg")
    f.inputs["amount"].setText("10")
    page.submit()
    qtbot.waitUntil(lambda: "Not recorded" in page.status.text(), timeout=5000)
    assert "kg" in page.status.text()
    assert rows(w, "eco_fuel", "id") == []


def test_an_unedited_swap_time_follows_the_clock(eco_window, qtbot) -> None:
    w = eco_window()
    page = eco_pages(w)["entries"]
    f = page.forms["eco_replacement"]
    w.show_page(eco_pages(w)["energy"])
    run_to(w, START + 2 * 3_600_000)
    w.show_page(page)  # back on the page two hours later: the default is now
    assert f.inputs["swap_ms"].dateTime().time().hour() == 22
    f.inputs["swap_ms"].setDateTime(f.inputs["swap_ms"].dateTime().addSecs(-1800))
    w.show_page(eco_pages(w)["energy"])
    run_to(w, START + 3 * 3_600_000)
    w.show_page(page)  # a time set by hand is kept
    assert (f.inputs["swap_ms"].dateTime().time().hour(),
            f.inputs["swap_ms"].dateTime().time().minute()) == (21, 30)


def test_a_record_from_before_the_reason_keeps_its_seals(tmp_path: Path) -> None:
    """A record whose eco_replacement predates `reason`/`note` (schema 1) is migrated:
    its rows keep their seals, new rows carry the reason, and an insider who writes a
    reason into an old row is caught."""
    import sqlite3

    from deungdae.desktop.cli.report_commands import integrity_statement
    from deungdae.desktop.engine import config as site_config
    from deungdae.desktop.engine.engine import Engine
    from deungdae.hardware.clock import ManualClock
    from deungdae.sectors.contract import discover

    (tmp_path / "site.toml").write_text(metalwork(), encoding="utf-8")

    def engine() -> Engine:
        sectors = discover()
        cfg = site_config.load(tmp_path / "site.toml", sectors)
        return Engine(tmp_path, cfg, ManualClock(START), sectors)

    eng = engine()
    eng.run(600, close=False)
    s = rd.plant(tomllib.loads(metalwork())).settings
    old = rec.record_replacement(eng.store, eng.record_entry, s, "water", START + 60_000,
                                 812.5, 0.0, "park", START + 120_000)
    db = eng.store.path
    eng.close()
    con = sqlite3.connect(db)  # back to schema 1, as a record made before this change
    con.execute("ALTER TABLE eco_replacement DROP COLUMN note")
    con.execute("ALTER TABLE eco_replacement DROP COLUMN reason")
    con.execute("UPDATE sector_schema SET version = 1 WHERE sector = 'eco'")
    con.commit()
    con.close()
    with Store.open_reader(db) as st:
        assert integrity_statement(st)[0] is True

    eng = engine()  # migration 2 adds the columns when the record opens
    eng.run(60, close=False)
    with pytest.raises(rec.EntryError, match="reason must be one of"):
        rec.record_replacement(eng.store, eng.record_entry, s, "water", START, 1.0, 0.0,
                               "park", START, reason="because")
    new = rec.record_replacement(eng.store, eng.record_entry, s, "water", START + 180_000,
                                 0.5, 0.0, "park", START + 240_000, reason="damaged")
    eng.close()
    with Store.open_reader(db) as st:
        assert integrity_statement(st)[0] is True
        got = st.query("SELECT id, reason FROM eco_replacement ORDER BY id")
    assert got == [(old, None), (new, "damaged")]
    con = sqlite3.connect(db)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                               "tbl_name = 'eco_replacement'").fetchall():
        con.execute(f"DROP TRIGGER {name}")  # an insider who knows the schema
    con.execute("UPDATE eco_replacement SET reason = 'fault' WHERE id = ?", (old,))
    con.commit()
    con.close()
    with Store.open_reader(db) as st:
        assert integrity_statement(st)[0] is False


@pytest.mark.parametrize("template", [t.name for t in sector.templates()])
def test_every_template_gets_its_forms_and_ghg(qtbot, data_dir: Path, fast_argon2,  # noqa: F811
                                               template: str) -> None:
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations
    from deungdae.hardware.clock import ManualClock

    application()
    text = next(t for t in sector.templates() if t.name == template).text()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "site.toml").write_text(text, encoding="utf-8")
    tr = Translations()
    tr.set_language("ko")
    w = build_window(data_dir, ManualClock(START), tr)
    qtbot.addWidget(w)
    try:
        pages = eco_pages(w)
        run_to(w, START + 3_600_000)
        entries, ghg = pages["entries"], pages["ghg"]
        assert set(entries.forms) == {"eco_waste", "eco_fuel", "eco_production",
                                      "eco_replacement", "eco_contract"}
        s = rd.plant(tomllib.loads(text)).settings
        products = entries.forms["eco_production"].inputs["product"]
        assert [products.itemData(i) for i in range(products.count())] == [
            p.id for p in s.products]
        meters = entries.forms["eco_replacement"].inputs["meter"]
        assert [meters.itemData(i) for i in range(meters.count())] == [
            m.id for m in s.meters if m.counter]
        ghg.reload()  # not shown: nothing read
        assert not ghg._busy and ghg.data is None
        w.resize(1366, 860)
        w.show()
        w.show_page(ghg)  # it reads the record while shown
        qtbot.waitUntil(lambda: not ghg._busy, timeout=15000)
        ghg.reload()
        qtbot.waitUntil(lambda: ghg.data is not None and not ghg._busy, timeout=15000)
        f = rd.figures(w.engine.store, rd.plant(tomllib.loads(text)),
                       int(dt.datetime(2026, 5, 1, tzinfo=TZ).timestamp() * 1000), JUNE)
        assert ghg.total.text() == f"{tx.tco2(f.tco2eq)} t"
        assert f.tco2eq > 0
    finally:
        w.shutdown()
        w.engine.close()
        w.translations.set_language("en")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_renewable_contract_is_entered_by_its_last_day(eco_window, qtbot, language) -> None:
    """A PPA / REC / green premium for the market-based Scope 2: the form asks for the last
    day it covers (people's way), the row keeps the day after (half-open, like periods)."""
    w = eco_window(language)
    page = eco_pages(w)["entries"]
    run_to(w, START + 3_600_000)
    w.show_page(page)
    log_in(w, "kim")
    choose(page.entry, "eco_contract")
    f = page.forms["eco_contract"]
    f.inputs["contract"].setText("GP-2026-05")
    choose(f.inputs["kind"], "green_premium")
    f.inputs["start_day"].setDate(QDate(2026, 5, 1))
    f.inputs["last_day"].setDate(QDate(2026, 4, 30))  # before its first day
    f.inputs["kwh"].setText("30,000")
    f.inputs["factor"].setText("0")
    f.inputs["source"].setText("KEPCO")
    page.submit()
    qtbot.waitUntil(lambda: "end_day" in page.status.text(), timeout=5000)
    assert rows(w, "eco_contract", "id") == []
    f.inputs["last_day"].setDate(QDate(2026, 6, 30))  # ahead of today: a contract may be
    got = submit(qtbot, page, w, "eco_contract",
                 "contract, kind, start_day, end_day, kwh, factor_t_per_mwh, user")
    assert got == [("GP-2026-05", "green_premium", "2026-05-01", "2026-07-01", 30000.0, 0.0,
                    "kim")]
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    text = page.table.item(0, 2).text()
    assert ("녹색프리미엄 (한전)" if language == "ko" else "Green premium (KEPCO)") in text
    assert "2026-05-01 ~ 2026-06-30" in text
    shoot(w, f"eco_contract_{language}")
