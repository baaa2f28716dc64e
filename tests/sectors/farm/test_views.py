"""The farm pages in a main window over the tomato template's engine on a manual clock.

The engine is run from the test (`engine.run(..., close=False)` moves the manual clock
through simulated minutes at once), so every value the zones page shows can be compared
with what the record holds at that instant; crop-log entries go through the page's form
and the window's records worker and must land as rows with the signed-in user.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate

from deungdae.records.layout import BAD_QUALITY
from deungdae.records.store import EventRow, Store
from deungdae.sectors.farm import views
from tests.desktop.ui.conftest import add_record_users, fast_argon2, log_in, shoot  # noqa: F401
from tests.sectors.sector_window import windows

TZ = ZoneInfo("Asia/Seoul")
TEMPLATE = Path(__file__).resolve().parents[3] / "sectors" / "farm" / "templates" / \
    "farm-tomato.toml"
START = int(datetime(2026, 6, 1, 0, 0, tzinfo=TZ).timestamp() * 1000)


@pytest.fixture
def farm_window(qtbot, data_dir: Path, fast_argon2):  # noqa: F811 (the fixture)
    yield from windows(qtbot, data_dir, START, lambda: TEMPLATE.read_text(encoding="utf-8"))


def farm_pages(w) -> dict[str, object]:
    (c,) = [c for c in w.sector_contributions if c.sector.id == "farm"]
    kinds = {views.ZonesPage: "zones", views.CropLogPage: "log",
             views.ClimatePage: "climate"}
    return {kinds[type(p)]: p for p in c.pages}


def reload(qtbot, model) -> None:
    """A snapshot taken at the engine's clock now (a load started earlier does not count)."""
    qtbot.waitUntil(lambda: not model._busy and not model._debounce.isActive(), timeout=5000)
    with qtbot.waitSignal(model.changed, timeout=5000):
        model.reload()


def latest(w, key: str) -> float | None:
    store = w.engine.store
    ts, v, q = store.latest(store.channel_id(key))
    return None if v is None or q & BAD_QUALITY else v


def run_to(w, ts: int) -> None:
    w.engine.run((ts - w.engine.clock.now_ms()) / 1000, close=False)


def at(h: int, m: int = 0) -> int:
    return int(datetime(2026, 6, 1, h, m, tzinfo=TZ).timestamp() * 1000)


def test_zone_values_equal_the_record_and_day_night_is_said(farm_window, qtbot) -> None:
    w = farm_window()
    pages = farm_pages(w)
    zones = pages["zones"]
    w.show_page(zones)
    run_to(w, at(2))  # night
    reload(qtbot, zones.model)
    (card,) = zones.cards
    assert card.name.text() == "tomato house 1"  # the English half of the template's name
    assert card.daynight.text().startswith("☾ Night")
    assert "day from" in card.daynight.text() and "Sunrise" in card.daynight.text()
    for role, key in card.zone.inputs.items():
        v = latest(w, key)
        assert v is not None
        assert card.shown("input", role).split(" ")[0] == views.value_text(v), role
    for what, dec in (("vpd", 2), ("dew_point", 1), ("abs_humidity", 1), ("dli", 2)):
        v = latest(w, f"gh1.{what}")
        assert v is not None, what
        assert card.shown("derived", what).split(" ")[0] == f"{v:.{dec}f}", what
    assert card.shown("derived", "vpd").endswith("kPa")
    assert "Bands now:" in card.bands.text() and "(night)" in card.bands.text()

    run_to(w, at(11))  # the simulated PPFD rises through the morning: a DLI so far
    reload(qtbot, zones.model)
    assert card.daynight.text().startswith("☀ Day")
    dli = latest(w, "gh1.dli")
    assert dli and dli > 1
    assert card.shown("derived", "dli") == f"{dli:.2f} mol/m²/d"
    assert "(day)" in card.bands.text()
    shoot(w, "farm_zones_en")


def test_crop_log_entries_land_as_rows_of_the_signed_in_user(farm_window, qtbot,
                                                             tmp_path: Path) -> None:
    w = farm_window()
    page = farm_pages(w)["log"]
    run_to(w, at(8))
    w.show_page(page)
    log_in(w, "kim")
    page.cycle.setText("2026-spring")
    f = page.forms["farm_planting"]
    f.inputs["plants"].setText("2,400")
    f.inputs["variety"].setText("Dafnis")
    page.submit()
    qtbot.waitUntil(lambda: bool(_rows(w, "farm_planting")), timeout=5000)
    ((zone, cycle, crop, variety, plants, user),) = _rows(w, "farm_planting")
    assert (zone, cycle, crop, variety, plants, user) == (
        "gh1", "2026-spring", "tomato", "Dafnis", 2400, "kim")

    # a bad number is refused on the form with the field named, and nothing is written
    page.entry.setCurrentIndex(page.entry.findData("farm_spray"))
    s = page.forms["farm_spray"]
    s.inputs["product"].setText("Amistar")
    s.inputs["dose"].setText("ten")
    s.inputs["phi_days"].setText("3")
    page.submit()
    assert "Dose" in page.status.text()
    assert not _rows(w, "farm_spray")
    s.inputs["dose"].setText("10")
    run_to(w, at(8, 20))
    page.submit()
    qtbot.waitUntil(lambda: bool(_rows(w, "farm_spray")), timeout=5000)

    # the harvest right after is inside the 3-day interval: it needs a reason, then it is
    # recorded as such
    reload(qtbot, page.model)
    page.entry.setCurrentIndex(page.entry.findData("farm_harvest"))
    assert "Amistar until 2026-06-04" in page.warning.text()
    h = page.forms["farm_harvest"]
    h.inputs["quantity"].setText("120.5")
    h.inputs["grade"].setCurrentIndex(h.inputs["grade"].findData("first"))
    page.submit()
    assert "reason" in page.status.text() and not _rows(w, "farm_harvest")
    page.note.setText("early order; product tested")
    run_to(w, at(9))
    page.submit()
    qtbot.waitUntil(lambda: bool(_rows(w, "farm_harvest")), timeout=5000)
    qtbot.waitUntil(page.record.isEnabled, timeout=5000)  # the form is cleared by then
    with Store.open_reader(w.engine.store.path) as r:
        ((q, grade, ok, note),) = r.query("SELECT quantity, grade, phi_ok, note "
                                          "FROM farm_harvest")
    assert (q, grade, ok, note) == (120.5, "first", 0, "early order; product tested")

    # a stage change is a row and the entry the rule switches the bands on
    page.entry.setCurrentIndex(page.entry.findData("farm_stage"))
    st = page.forms["farm_stage"].inputs["stage"]
    st.setCurrentIndex(st.findData("harvest"))
    run_to(w, at(9, 30))
    page.submit()
    qtbot.waitUntil(lambda: bool(_rows(w, "farm_stage")), timeout=5000)
    evs = w.engine.store.events(kinds=("farm.stage_changed",))
    assert [e.data["stage"] for e in evs] == ["harvest"] and evs[0].user == "kim"
    reload(qtbot, page.model)
    assert page.table.rowCount() == 4
    assert page.table.item(0, 2).text() == "Stage change"
    assert "note" not in page.table.item(0, 3).text()
    assert "inside a pre-harvest interval" in page.table.item(1, 3).text()
    shoot(w, "farm_log_en")

    # the spraying record made on the Reports page holds the spraying entered here
    rp = w.reports_page
    names = [rp.report.itemData(i) for i in range(rp.report.count())]
    assert names == ["farm-weekly", "farm-cycle", "farm-spraying"]
    rp.folder = tmp_path / "reports"
    rp.report.setCurrentIndex(rp.report.findData("farm-spraying"))
    rp.start.setDate(QDate(2026, 6, 1))
    rp.end.setDate(QDate(2026, 6, 1))
    rp.format.setCurrentIndex(rp.format.findData("csv"))
    made = []
    assert rp.make_report(made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    text = made[0].read_text(encoding="utf-8-sig")
    assert "Amistar" in text and "2026-06-04" in text and "kim" in text


def _rows(w, table: str) -> list[tuple]:
    cols = {"farm_planting": "zone, cycle, crop, variety, plants, user",
            "farm_spray": "product, dose, phi_days, blocked_until, user",
            "farm_harvest": "quantity, grade, phi_ok, user",
            "farm_stage": "stage, user"}[table]
    with Store.open_reader(w.engine.store.path) as r:
        have = {x[0] for x in r.query("SELECT name FROM sqlite_master WHERE type='table'")}
        return r.query(f"SELECT {cols} FROM {table}") if table in have else []


@pytest.mark.parametrize("language", ["ko", "en"])
def test_farm_pages_in_both_languages(farm_window, qtbot, language) -> None:
    w = farm_window(language)
    pages = farm_pages(w)
    run_to(w, at(13))
    for name, page in pages.items():
        w.show_page(page)
        reload(qtbot, page.model)
        qtbot.wait(100)
        shoot(w, f"farm_{name}_{language}_shot")
    stage = EventRow(0, at(13), "farm.stage_changed", "info", None, None,
                     "gh1: stage flowering", {"zone": "gh1", "stage": "flowering"}, "kim",
                     None, 0)
    assert w.sector_event_details(stage) == (
        "토마토 1동 — 생육단계: 개화" if language == "ko" else
        "tomato house 1 — stage: Flowering")
    if language == "ko":
        card = pages["zones"].cards[0]
        assert card.name.text() == "토마토 1동"
        assert card.daynight.text().startswith("☀ 낮")
        assert pages["log"].entry.itemText(0) == "정식"


def test_a_livestock_house_logs_its_herd(farm_window, qtbot) -> None:
    text = (TEMPLATE.parent / "farm-broiler.toml").read_text(encoding="utf-8")
    w = farm_window("ko", text)
    pages = farm_pages(w)
    page = pages["log"]
    run_to(w, at(7))
    w.show_page(page)
    log_in(w, "park")
    entries = [page.entry.itemData(i) for i in range(page.entry.count())]
    assert entries == list(views.HERD_TABLES)
    assert page.cycle_label.text() == "입식 회차"
    page.cycle.setText("3회차")
    page.entry.setCurrentIndex(page.entry.findData("farm_mortality"))
    m = page.forms["farm_mortality"]
    assert m.inputs["cause"].itemText(0) == "질병"  # the stored key's label, in Korean
    for bad, said in (("0", "1 이상"), ("1.5", "정수"), ("", "입력하세요"), ("inf", "정수")):
        m.inputs["head"].setText(bad)
        page.submit()
        assert said in page.status.text(), (bad, page.status.text())
    m.inputs["head"].setText("12")
    m.inputs["cause"].setCurrentIndex(m.inputs["cause"].findData("heat"))
    page.note.setText("환기팬 2번 정지")
    page.submit()
    assert not page.record.isEnabled()  # until the record took it: a double tap is one row

    def rows() -> list[tuple]:
        with Store.open_reader(w.engine.store.path) as r:
            return r.query("SELECT zone, batch, head, cause, user, note FROM farm_mortality")

    qtbot.waitUntil(lambda: bool(rows()) and page.record.isEnabled(), timeout=5000)
    rows = rows()
    assert rows == [("bh3", "3회차", 12, "heat", "park", "환기팬 2번 정지")]
    reload(qtbot, page.model)
    assert page.table.item(0, 2).text() == "폐사"
    assert page.table.item(0, 3).text() == "[3회차] · 12두 · 고온 스트레스 · 메모: 환기팬 2번 정지"
    zones = pages["zones"]
    w.show_page(zones)
    reload(qtbot, zones.model)
    card = zones.cards[0]
    assert card.name.text() == "육계 3동"
    assert card.what.text().startswith("축사 · 육계 · 생육단계: 비육")
    shoot(w, "farm_broiler_zones_ko")
    w.show_page(page)
    shoot(w, "farm_broiler_log_ko")


@pytest.mark.parametrize("template", ["farm-strawberry", "farm-paprika", "farm-mushroom",
                                      "farm-pig"])
def test_every_template_gets_its_zones(farm_window, qtbot, template: str) -> None:
    w = farm_window("ko", (TEMPLATE.parent / f"{template}.toml").read_text(encoding="utf-8"))
    run_to(w, at(10))
    pages = farm_pages(w)
    zones = pages["zones"]
    w.show_page(zones)
    reload(qtbot, zones.model)
    assert zones.cards and len(zones.cards) == len(zones.model.cfg.zones)
    for card in zones.cards:
        for role, key in card.zone.inputs.items():
            v = latest(w, key)
            assert card.shown("input", role).split(" ")[0] == views.value_text(v), role
        assert card.daynight.text()[:3] in ("☀ 낮", "☾ 밤")
        for label in (card.name, card.what, card.daynight, card.alerts, card.blocked):
            assert not any(c.isascii() and c.isalpha() for c in label.text()), label.text()
    qtbot.wait(50)
    shoot(w, f"farm_zones_{template}_ko")


def test_a_band_incident_is_shown_and_its_action_recorded(farm_window, qtbot,
                                                          monkeypatch) -> None:
    from deungdae.desktop.ui.kit import CorrectiveActionDialog

    w = farm_window()
    zones = farm_pages(w)["zones"]
    w.show_page(zones)
    run_to(w, at(3))  # the simulated night stays above the night band's 20 °C
    reload(qtbot, zones.model)
    (card,) = zones.cards
    (ov,) = zones.model.snapshot.zones
    (row,) = ov.open_incidents
    assert row.side == "high" and row.band == "gh1.temperature.night.any"
    assert "▲ Air temperature (night) above 20 °C since" in card.alerts.text()
    assert card.act.isVisible()
    assert zones.select_incident(row.id)
    with qtbot.waitSignal(w.incidents_changed, timeout=5000):
        w.reload_incidents()
    (inc,) = [i for i in w.open_incidents() if i.id == row.id]
    said = zones.describe_incident(inc)
    assert said.startswith("tomato house 1 — Air temperature (night) above 20 °C since"), said
    ev = w.events_page  # the shell's events page says the same of the opening row
    w.show_page(ev)
    ev.reload()
    qtbot.waitUntil(lambda: any(r.id == row.id for r in ev.shown), timeout=5000)
    (i,) = [i for i, r in enumerate(ev.shown) if r.id == row.id]
    assert ev.table.item(i, 3).text() == said
    log_in(w, "kim")

    def fill(dialog) -> int:
        dialog.inputs["cause"].setText("heating setpoint left at day value")
        dialog.inputs["action"].setPlainText("setpoint set to 17 °C, vents opened")
        return 1

    monkeypatch.setattr(CorrectiveActionDialog, "exec", fill)
    card.act.click()
    qtbot.waitUntil(lambda: bool(w.engine.store.events(kinds=("farm.action",))), timeout=5000)
    (ev,) = w.engine.store.events(kinds=("farm.action",))
    assert (ev.ref_id, ev.user, ev.data["cause"]) == (row.id, "kim",
                                                      "heating setpoint left at day value")
    reload(qtbot, zones.model)
    assert "action by kim: setpoint set to 17 °C, vents opened" in card.alerts.text()
    assert w.sector_event_details(ev) == (
        "tomato house 1 — action by kim: setpoint set to 17 °C, vents opened")
    back = EventRow(0, ev.ts, "farm.band_in", "info", None, None, "gh1 band night: back",
                    {"zone": "gh1", "band": row.band, "side": "high"}, "system", None, 0)
    assert w.sector_event_details(back) == "tomato house 1 — Air temperature (night) back in band"
    assert not card.act.isVisible()  # nothing waits for an action any more
    qtbot.wait(50)
    shoot(w, "farm_zones_incident_en")
