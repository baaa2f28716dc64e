"""The Lots page in a main window over the heat-treatment template on a manual clock: two
charges in the day (08:30–11:45 and 13:30–16:15), the first sagging to 825 °C from 10:00
to 10:10, below its 840–860 °C soak band (so its longest soak is 10:10–11:45, 95 min of
the 120 it needs).

The list must equal the lots in the record, each curve the record's readings in the lot's
span, and the verdict the lot report's (CSV) for the same day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from deungdae.records.store import Store
from deungdae.sectors.manufacturing import report_data as rd
from deungdae.sectors.manufacturing.reports import lot_report
from tests.desktop.ui.conftest import (  # noqa: F401 (fixtures)
    USERS,
    add_record_users,
    fast_argon2,
    shoot,
)
from tests.sectors.manufacturing.sim import SEOUL, at, csv_rows, day_span, template_text
from tests.sectors.manufacturing.test_views import mfg_pages, refresh, run_to
from tests.sectors.sector_window import windows

SOAK_STEP = "  { at = 2700, duration = 10800, offset = 200 },\n"


def sagging() -> str:
    text = template_text("mfg-heat-treatment")
    assert SOAK_STEP in text
    return text.replace(SOAK_STEP, SOAK_STEP + "  { at = 7200, duration = 600, value = 825.0 },\n",
                        1)


@pytest.fixture
def lots_window(qtbot, data_dir: Path, fast_argon2):  # noqa: F811 (the fixture)
    yield from windows(qtbot, data_dir, at(8), sagging)


def _readings(store: Store, key: str, t0: int, t1: int) -> list[tuple[int, float]]:
    cid = store.channel_id(key)
    return [(ts, v) for ts, v, q in store.readings(cid, t0, t1 + 1) if not q & 63]


def test_lot_list_curves_and_verdicts_equal_the_record(lots_window, qtbot,
                                                       tmp_path: Path) -> None:
    w = lots_window()
    page = mfg_pages(w)["lots"]
    w.show_page(page)
    run_to(w, at(18))
    refresh(qtbot, w, page.model)
    store = w.engine.store
    events = store.events(kinds=("manufacturing.lot",), limit=1000)
    assert len(events) == 2
    rows = [[page.table.item(i, c).text() for c in range(page.table.columnCount())]
            for i in range(page.table.rowCount())]

    def hm(ts: int, fmt: str = "%m-%d %H:%M") -> str:
        return dt.datetime.fromtimestamp(ts / 1000, SEOUL).strftime(fmt)

    # newest first: the list is the record's lot events, in the site's time
    assert [[r[0], *r[2:]] for r in rows] == [
        [e.data["lot"], f"{hm(e.data['start'])} – {hm(e.data['end'], '%H:%M')}",
         "carburising furnace 1", "carburise and quench"] for e in reversed(events)]
    assert rows[1][2] == "11-25 08:30 – 11:45"

    # the verdicts equal the lot report's for the same day
    out = tmp_path / "lots.csv"
    with Store.open_reader(store.path) as r:
        lot_report(r, w.site_config, *day_span(), out, (True, "ok"))
    printed = csv_rows(out)[1:-1]
    by_lot = {r[0]: r[7] for r in printed}
    assert {r[0]: r[1] for r in rows} == {
        lot: ("Within window" if passed == "True" else "Out of window")
        for lot, passed in by_lot.items()}
    assert [r[1] for r in rows] == ["Within window", "Out of window"]

    # the failed charge: its criteria, curves and the window shaded
    page.table.selectRow(1)
    lr = page.selected()
    assert lr is not None and lr.lot == events[0].data["lot"]
    assert page.verdict.text().startswith("Out of window — not met: ")
    results = [[page.criteria.item(i, c).text() for c in (0, 3)]
               for i in range(page.criteria.rowCount())]
    assert results == [[r[8].split(" (")[1].rstrip(")") if " (" in r[8] else r[8],
                        "pass" if r[10] == "True" else "FAIL"]
                       for r in printed if r[0] == lr.lot]
    assert ["soak 840–860 °C ≥ 120 min", "FAIL"] in results
    soak_row = next(i for i in range(page.criteria.rowCount())
                    if page.criteria.item(i, 0).text().startswith("soak"))
    assert page.criteria.item(soak_row, 2).text() == "longest soak 1:35:00"
    plots = {p.objectName(): p for p in page.plots}
    assert list(plots) == ["furnace1.zone1", "furnace1.carbon", "furnace1.quench_oil"]
    for key, plot in plots.items():
        assert plot.values == _readings(store, key, lr.start_ms, lr.end_ms), key
        assert len(plot.values) > 100
    zone = plots["furnace1.zone1"]
    assert zone.band_spans == [(lr.start_ms, lr.end_ms, 840.0, 860.0)]
    ramp, soak = zone.shaded
    assert soak == (at(10, 10), at(11, 45))  # the longest soak, as the report measured it
    assert at(8, 30) <= ramp[0] < ramp[1] <= at(8, 50)
    assert plots["furnace1.carbon"].band_spans == [(lr.start_ms, lr.end_ms, 0.75, 0.95)]
    assert plots["furnace1.carbon"].shaded == []
    shoot(w, "mfg_lot_view_fail_en")

    # the lot record signed (performed, then reviewed) says so under its verdict
    assert "Signed" not in page.who.text()
    assert page.who.text() == ("11-25 08:30 – 11:45; started by automatic (lot rule), "
                               "ended by automatic (lot rule)")
    w.engine.sign("kim", USERS["kim"][2], "performed", [lr.ref])
    w.engine.sign("park", USERS["park"][2], "reviewed", [lr.ref], "disposition: re-treat")

    # the choice stays on a reload, and the other lot passes with its own curves
    refresh(qtbot, w, page.model)
    assert page.who.text().endswith("\nSigned: performed kim, reviewed park")
    assert page.selected() is lr or page.selected().ref == lr.ref
    page.table.selectRow(0)
    assert page.verdict.text() == "Within window"
    assert page.selected().lot == events[1].data["lot"]


def test_an_edited_reading_changes_the_curve_and_the_verdict_alike(lots_window, qtbot) -> None:
    """An insider lowers the soak readings of the passing charge with sqlite3: the page
    re-evaluates from the record (as the report does), it does not trust the live verdict."""
    w = lots_window()
    page = mfg_pages(w)["lots"]
    run_to(w, at(18))
    refresh(qtbot, w, page.model)
    assert [page.table.item(i, 1).text() for i in range(2)] == ["Within window",
                                                                "Out of window"]
    store = w.engine.store
    cid = store.channel_id("furnace1.zone1")
    con = sqlite3.connect(store.path, isolation_level=None)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.execute("UPDATE reading SET v = 800 WHERE ch = ? AND ts >= ? AND ts < ?",
                (cid, at(14), at(15)))
    con.close()
    refresh(qtbot, w, page.model)
    assert [page.table.item(i, 1).text() for i in range(2)] == ["Out of window",
                                                                "Out of window"]
    page.table.selectRow(0)
    plot = next(p for p in page.plots if p.objectName() == "furnace1.zone1")
    assert all(v == 800 for ts, v in plot.values if at(14) <= ts < at(15))


def test_the_list_holds_seven_local_days(lots_window, qtbot) -> None:
    """Lots that ended on 11-25 are listed through 12-01 (7 local days counting today) and
    gone on 12-02, even at 00:30 Seoul time (still 12-01 in UTC)."""
    w = lots_window()
    page = mfg_pages(w)["lots"]
    run_to(w, at(18))
    clock = w.engine.clock
    day = 86_400_000
    clock.set(at(23, 59) + 6 * day)
    refresh(qtbot, w, page.model)
    assert page.table.rowCount() == 2 and page.empty.isHidden()
    clock.set(at(0, 30) + 7 * day)
    refresh(qtbot, w, page.model)
    assert page.table.rowCount() == 0
    assert page.empty.text() == "No lot ended in the last 7 days." and not page.empty.isHidden()
    assert page.selected() is None and page.plots == [] and page.criteria.isHidden()


def test_the_seven_days_start_at_local_midnight() -> None:
    now = at(0, 30)  # 00:30 in Seoul is 15:30 UTC the day before
    assert rd.days_start(SEOUL, now, 7) == int(
        dt.datetime(2025, 11, 19, tzinfo=SEOUL).timestamp() * 1000)
    assert rd.days_start(SEOUL, now, 1) == at(0)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_lots_page_in_both_languages(lots_window, qtbot, language) -> None:
    w = lots_window(language)
    page = mfg_pages(w)["lots"]
    w.show_page(page)
    run_to(w, at(18))
    refresh(qtbot, w, page.model)
    page.table.selectRow(1)
    qtbot.wait(100)
    shoot(w, f"mfg_lot_view_{language}")
    if language == "ko":
        assert page.table.item(1, 1).text() == "부적합 (공정 조건 이탈)"
        assert page.table.item(1, 3).text() == "침탄로 1호기"
        assert page.verdict.text().startswith("부적합 (공정 조건 이탈) — 미충족: ")
