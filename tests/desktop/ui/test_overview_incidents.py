"""The overview shows every sector's open incidents: a cold room above its CCP limit is on
the banner (loudest, beeping), the overview and the navigation counts within one poll.

The engine runs on a real-time clock (speed 1) and the cold room is polled every
POLL_S seconds; what is measured is plant time, from the deviation's own timestamp to
the moment the window shows it, so a slow machine makes the test slower, not wrong,
unless the window really lags a whole poll behind the record.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint

from deungdae.desktop.ui.plant_state import PlantState
from tests.desktop.ui.conftest import fast_argon2, log_in, make_main_window  # noqa: F401

POLL_S = 5

COLD_ROOM = f"""
[site]
name = "Cold store"
timezone = "Asia/Seoul"
sectors = ["haccp"]

[[devices]]
id = "cold"
name = "Cold room"
profile = "simulator"
interval = {POLL_S}.0

[devices.points.temperature]
unit = "°C"
base = 4.0
# the door is left open at 3 s: 12.5 °C against the 10 °C CCP limit
steps = [{{ at = 3, duration = 3600, value = 12.5 }}]

[[channels]]
id = "cold.temperature"
name = "Cold room temperature"

[sectors.haccp]
[[sectors.haccp.ccps]]
id = "CCP-3C"
name = "CCP-3C cold storage"
kind = "cold_storage"
channel = "cold.temperature"
limit = 10.0
stale_after = 60
"""


def _nav_text(w, page) -> str:
    return w.nav.item(w.pages.index(page)).text()


def _deviations_page(w):
    (contrib,) = [c for c in w.sector_contributions if c.sector.id == "haccp"]
    return next(p for p in contrib.pages if "haccp.deviation" in
                getattr(p, "incident_kinds", ()))


def test_a_ccp_deviation_is_on_banner_overview_and_nav_within_one_poll(
        make_main_window, qtbot) -> None:  # noqa: F811 (the fixture)
    w = make_main_window(COLD_ROOM, speed=1)
    seen: dict[str, int] = {}

    def shown() -> None:
        if "at" not in seen and any(i.kind.kind == "haccp.deviation"
                                    for i in w.open_incidents()):
            seen["at"] = w.now_ms()

    w.incidents_changed.connect(shown)
    assert not w.banner.isVisible() and w.calm.isVisible()
    assert w.calm.text() == "●  No open incidents"
    assert w.overview.incidents.isHidden() and w.overview.incidents_title.isHidden()
    page_top = w.stack.mapTo(w, QPoint(0, 0)).y()
    qtbot.waitUntil(lambda: "at" in seen, timeout=30_000)
    (inc,) = [i for i in w.open_incidents() if i.kind.kind == "haccp.deviation"]
    lag = seen["at"] - inc.opened.ts
    assert 0 <= lag <= POLL_S * 1000, f"shown {lag} ms after the deviation"

    # the banner: loud, the CCP deviation first, its button opens the deviations page
    banner = w.banner
    assert banner.isVisible() and banner.loud and banner.current_incident is inc
    # what it is about, as the HACCP page says it: the CCP and why
    assert banner.text.text().startswith("▲ CCP deviation: CCP-3C cold storage — 12.5 °C "
                                         "(critical limit ≤ 10 °C) · since "), \
        banner.text.text()
    assert banner.beeps >= 1  # sounded when it arrived
    # the page did not move under the pointer: the banner took the calm line's place
    assert not w.calm.isVisible() and w.stack.mapTo(w, QPoint(0, 0)).y() == page_top
    assert banner.ack.text() == "Open page"
    # the overview: no "all channels normal" (the channel itself has no alarm limits)
    w.overview.refresh_all()
    assert w.overview.summary.text() == "CCP deviation open: CCP-3C cold storage — " \
        "12.5 °C (critical limit ≤ 10 °C)"
    assert w.overview.incidents.rowCount() == 1 and not w.overview.incidents.isHidden()
    assert w.overview.incidents.item(0, 1).text() == "CCP deviation"
    assert w.overview.incidents.item(0, 2).text() == "Cold room temperature"
    assert w.overview.incidents.item(0, 3).text() == "CCP-3C cold storage — 12.5 °C " \
        "(critical limit ≤ 10 °C)"
    assert w.overview.incidents.item(0, 4).text() == "Not acknowledged"
    # the navigation: a count on the Overview and on the page that handles it
    page = _deviations_page(w)
    assert _nav_text(w, w.overview).endswith("▲ 1")
    assert _nav_text(w, page).endswith("▲ 1")

    banner.ack.click()
    assert w.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.selected() is not None, timeout=10_000)
    assert page.selected().event.id == inc.id

    # acknowledged on the sector's page: the banner goes quiet but stays, still counted
    log_in(w, "kim")
    qtbot.waitUntil(page.ack.isEnabled, timeout=10_000)
    page.ack.click()
    qtbot.waitUntil(lambda: any(i.stage == "acknowledged" for i in w.open_incidents()),
                    timeout=10_000)
    assert banner.isVisible() and not banner.loud and not banner.ack.isVisible()
    assert "Acknowledged, still open" in banner.text.text()
    assert _nav_text(w, page).endswith("1")


def test_plant_state_separates_live_alarms_from_other_incidents(
        make_main_window) -> None:  # noqa: F811 (the fixture)
    from deungdae.records.store import EventRow
    from deungdae.sectors.api.incidents import open_incidents

    w = make_main_window(COLD_ROOM, start=False)
    state: PlantState = w.state

    def row(i, kind, **kw):
        return EventRow(i, 1000 * i, kind, "alarm", kw.get("channel", "cold.temperature"),
                        None, "", kw.get("data", {}), "", kw.get("ref_id"), 1000 * i)

    rows = [row(1, "haccp.deviation", data={"ccp": "CCP-3C"}),
            row(2, "alarm.start", data={"side": "high"})]
    state.set_incidents(open_incidents(rows, w.kinds))
    assert [i.kind.kind for i in state.incidents] == ["haccp.deviation", "alarm.start"]
    assert [i.kind.kind for i in state.other_incidents()] == ["haccp.deviation"]


def test_the_banner_speaks_korean(make_main_window, qtbot) -> None:  # noqa: F811
    w = make_main_window(COLD_ROOM, speed=1, language="ko")
    qtbot.waitUntil(lambda: w.banner.current_incident is not None, timeout=30_000)
    assert "CCP 이탈" in w.banner.text.text()
    assert w.banner.ack.text() == "처리 화면 열기"
    w.overview.refresh_all()
    assert w.overview.incidents.item(0, 4).text() == "미확인"
    assert w.overview.incidents.item(0, 3).text() == "CCP-3C cold storage — 12.5 °C " \
        "(한계기준 ≤ 10 °C)"
