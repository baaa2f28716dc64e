"""The HACCP pages in a running main window, on the bakery template with a scripted breach.

The cream cold room's door is left open from 10 s (12.5 °C against a 10 °C limit, 15 min
tolerated) and a test-piece check is due at 01:05 with a 5 min window that nobody does,
so two deviations arrive within a few seconds of real time on the fast clock.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deungdae.desktop.ui import record_dialogs
from deungdae.records import signatures
from deungdae.records.store import EventRow, Store
from deungdae.sectors.haccp import views
from tests.desktop.ui.conftest import (  # noqa: F401 (fixtures)
    fast_argon2,
    log_in,
    make_main_window,
    shoot,
)

TEMPLATE = Path(__file__).resolve().parents[3] / "sectors" / "haccp" / "templates" / \
    "haccp-bakery.toml"


def bakery_site() -> str:
    text = TEMPLATE.read_text(encoding="utf-8")
    door = "period = 3600\nnoise = 0.1\n"
    checks = 'checks = ["09:00", "13:00", "17:00"]\ncheck_window = 1800'
    assert door in text and checks in text
    text = text.replace(door, door + "steps = [{ at = 10, duration = 3000, value = 12.5 }]\n")
    text = text.replace(checks, 'checks = ["01:05", "09:00", "13:00", "17:00"]\n'
                                "check_window = 300")
    return text  # the users (kim, park) are in the record: see make_main_window


def haccp_pages(w) -> dict[str, object]:
    (contrib,) = [c for c in w.sector_contributions if c.sector.id == "haccp"]
    kinds = {views.CcpOverviewPage: "overview", views.DeviationsPage: "deviations",
             views.SchedulePage: "schedule", views.ManualEntryPage: "manual",
             views.ApprovalPage: "approval",
             views.ReadinessPage: "readiness"}
    return {kinds[type(p)]: p for p in contrib.pages}


def deviation_of(page, ccp: str):
    snap = page.model.snapshot
    return next((d for d in snap.deviations if d.ccp == ccp), None) if snap else None


def test_pages_show_ccps_and_a_deviation_goes_from_open_to_closed(
        make_main_window, qtbot, monkeypatch) -> None:  # noqa: F811 (the fixture)
    w = make_main_window(bakery_site(), speed=120)
    pages = haccp_pages(w)
    labels = [w.nav.item(i).text() for i in range(w.nav.count())]
    for title in ("CCP overview", "Deviations", "Check schedule", "Manual entry",
                  "HACCP readiness"):
        assert any(label.endswith(title) for label in labels), (title, labels)

    # overview: each CCP with its critical limit and a live value
    ov = pages["overview"]
    w.show_page(ov)
    cards = {c.ccp.id: c for c in ov.cards}
    assert set(cards) == {"CCP-1B", "CCP-2P", "CCP-3C"}
    assert "≥ 75 °C held for 60 s" in cards["CCP-1B"].limit.text()
    assert "≤ 10 °C" in cards["CCP-3C"].limit.text()
    assert "test pieces" in cards["CCP-2P"].limit.text()
    qtbot.waitUntil(lambda: all(c.value.text() != "—" for c in cards.values()), timeout=8000)
    cream = w.state.channels["cream.temperature"]
    qtbot.waitUntil(lambda: cards["CCP-3C"].value.text() == "12.5", timeout=8000)
    assert cream.value == 12.5
    # the metal detector's on/off reject output reads in words, not "0.00"
    assert cards["CCP-2P"].value.text() in ("Passing", "Rejecting")
    assert cards["CCP-2P"].unit.text() == ""

    # the breach becomes an open deviation in the list, and the CCP shows it
    dev_page = pages["deviations"]
    qtbot.waitUntil(lambda: deviation_of(dev_page, "CCP-3C") is not None, timeout=15000)
    dev = deviation_of(dev_page, "CCP-3C")
    assert dev.status == "open" and dev.event.data["reason"] == "limit"
    qtbot.waitUntil(lambda: cards["CCP-3C"].state.text() == "▲ LIMIT BREACHED", timeout=5000)
    shoot(w, "haccp_overview_en")
    w.show_page(dev_page)
    qtbot.waitUntil(lambda: dev_page.select_deviation(dev.event.id), timeout=5000)
    row = dev_page.shown.index(dev_page.selected())
    assert dev_page.table.item(row, 4).text() == "Open"
    assert dev_page.ack.isEnabled() and not dev_page.verify.isEnabled()

    def status() -> str:
        d = dev_page.model.snapshot.deviation(dev.event.id)
        return d.status if d else ""

    # acknowledge, as the operator
    log_in(w, "kim")
    dev_page.ack.click()
    assert not dev_page.ack.isEnabled()  # a double click acknowledges once
    dev_page.ack.click()
    qtbot.waitUntil(lambda: status() == "acknowledged", timeout=5000)
    dev_page.select_deviation(dev.event.id)
    assert dev_page.action.isEnabled() and not dev_page.ack.isEnabled()

    # corrective action: an empty cause is refused by the dialog; then a real one
    seen = {}

    def fill_action(dialog) -> int:
        dialog.action.setPlainText("door closed; cream temperature checked: 6 °C")
        dialog.accept()
        seen["refused"] = dialog.result() == 0 and "cause" in dialog.problem.text()
        dialog.cause.setText("door left open during loading")
        dialog.disposition.setCurrentIndex(dialog.disposition.findData("hold"))
        shoot(dialog, "haccp_action_dialog_en")
        return 1

    monkeypatch.setattr(views.HaccpActionDialog, "exec", fill_action)
    dev_page.action.click()
    assert seen["refused"] and not dev_page.action.isEnabled()
    qtbot.waitUntil(lambda: status() == "action_recorded", timeout=5000)
    dev_page.select_deviation(dev.event.id)
    assert dev_page.verify.isEnabled()

    # an operator may not verify; the manager signs with the record's e-signature
    told = []
    monkeypatch.setattr(views.QMessageBox, "information", lambda *a, **k: told.append(a))
    dev_page.verify.click()
    assert told and status() == "action_recorded"
    log_in(w, "park")
    meanings = []

    def sign(dialog, password: str) -> int:
        meanings.append((dialog.meaning.currentData(), dialog.meaning.isEnabled()))
        dialog.note.setText("product held, released after re-check")
        dialog.secret.setText(password)
        dialog.accept()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
        return dialog.result()

    # a wrong password signs nothing and verifies nothing
    monkeypatch.setattr(record_dialogs.SignOffDialog, "exec", lambda d: sign(d, "0000"))
    dev_page.verify.click()
    qtbot.wait(300)
    assert status() == "action_recorded"
    def sign_then_escape(dialog) -> int:
        # Esc while "Signing…": the dialog must stay, and the verification still follow
        dialog.note.setText("product held, released after re-check")
        dialog.secret.setText("246813")
        dialog.accept()
        dialog.reject()
        meanings.append((dialog.meaning.currentData(), dialog.meaning.isEnabled()))
        return dialog.result()

    monkeypatch.setattr(record_dialogs.SignOffDialog, "exec", sign_then_escape)
    dev_page.select_deviation(dev.event.id)
    dev_page.verify.click()
    qtbot.waitUntil(lambda: status() == "closed", timeout=5000)
    assert meanings == [("approved", False), ("approved", False)]
    dev_page.filter.setCurrentIndex(dev_page.filter.findData("all"))
    assert dev_page.select_deviation(dev.event.id)
    history = dev_page.detail.text()
    assert "acknowledged by kim" in history
    assert "cause: door left open during loading" in history and "product: Hold" in history
    assert "verified by park, signed Park Manager (signature #" in history
    shoot(w, "haccp_deviations_en")

    # schedule: the missed 01:05 test-piece check is overdue, later ones upcoming
    sched = pages["schedule"]
    w.show_page(sched)
    qtbot.waitUntil(lambda: any(r.status == "overdue" for r in sched.rows), timeout=5000)
    rows = [[sched.table.item(i, c).text() for c in range(5)]
            for i in range(sched.table.rowCount())]
    assert ["01:05 (± 5 min)", "CCP-2P metal detection", "Test-piece check", "OVERDUE", "—"] in rows
    assert ["09:00 (± 5 min)", "CCP-2P metal detection", "Test-piece check", "Upcoming", "—"] in rows
    assert any(r[1].startswith("CCP-1B") and r[2] == "Monitoring check" for r in rows)
    assert any(r[1].startswith("CCP-3C") and r[2] == "Next automatic reading" for r in rows)
    assert "overdue" in sched.summary.text()
    shoot(w, "haccp_schedule_en")

    # readiness: four checks, met or not, with why
    ready = pages["readiness"]
    w.show_page(ready)
    qtbot.waitUntil(lambda: len(ready.met()) == 4, timeout=10000)
    met = ready.met()
    assert met["integrity"] and met["alerts"] and not met["automatic"]
    marks = {k: row[1].text() for k, row in ready.rows.items()}
    assert marks["automatic"] == "✘ Not met" and marks["integrity"] == "✔ Met"
    assert "모의 장치" in ready.rows["automatic"][3].text()
    shoot(w, "haccp_readiness_en")

    # manual fallback: a value by hand and a test-piece check, both attributed
    manual = pages["manual"]
    w.show_page(manual)
    (cream_form,) = [f for f in manual.forms if f.ccp.id == "CCP-3C"]
    (md_form,) = [f for f in manual.forms if f.ccp.id == "CCP-2P"]
    log_in(w, "kim")
    assert cream_form.value.text() == ""  # never prefilled with the limit
    cream_form.value.setText("6.5")
    cream_form.record.click()  # no reason chosen: refused, nothing asked
    assert "Choose why" in cream_form.status.text()
    cream_form.reason.setCurrentIndex(cream_form.reason.findData("calibration_check"))
    cream_form.record.click()  # the sensor records: the details must say why
    assert "write in the details" in cream_form.status.text()
    cream_form.note.setText("hand thermometer")
    confirmed = []

    def confirm(form, lines, warning) -> bool:
        confirmed.append((dict(lines), warning))
        return True

    monkeypatch.setattr(views.ValueEntryForm, "confirm", confirm)
    cream_form.record.click()
    assert not cream_form.record.isEnabled()  # a double click records once
    cream_form.record.click()
    ((shown, warning),) = confirmed
    assert shown["Value"] == "6.5 °C" and shown["Entered by"] == "Kim Operator (kim)"
    assert shown["Verdict"] == "Within the critical limit (≤ 10 °C (tolerated for 15 min))"
    assert shown["Reason"] == "Calibration check — hand thermometer"
    assert "marked on every report" in warning
    qtbot.waitUntil(lambda: "flagged as manual" in cream_form.status.text(), timeout=5000)
    for box in md_form.pieces.values():
        box.setChecked(True)
    md_form.record.click()
    assert not md_form.record.isEnabled()
    md_form.record.click()
    qtbot.waitUntil(md_form.record.isEnabled, timeout=5000)
    assert cream_form.record.isEnabled()
    # (the 01:05 slot stays missed: a check long after its window does not make it done)
    qtbot.waitUntil(lambda: "by kim" in cards["CCP-2P"].last.text(), timeout=8000)
    shoot(w, "haccp_manual_en")

    w.shutdown()
    with Store.open_reader(w.db_path) as s:
        follow = [(e.kind, e.user, e.data) for e in s.events() if e.ref_id == dev.event.id]
        manual_entries = s.events(kinds=["manual.entry"])
        md_checks = s.events(kinds=["haccp.md_check"])
        ch = s.channel_id("cream.temperature")
        hand = [(v, q) for _, v, q in s.readings(ch, 0, 2**62) if q & 64]
    assert [f[:2] for f in follow] == [("haccp.ack", "kim"), ("haccp.action", "kim"),
                                       ("signoff", "park"), ("haccp.verify", "park")]
    action, signoff, verify = follow[1][2], follow[2][2], follow[3][2]
    assert (action["cause"], action["disposition"]) == ("door left open during loading",
                                                        "hold")
    assert signoff["meaning"] == "approved"
    with Store.open_reader(w.db_path) as s:
        (sig,) = signatures.status(s)  # one: the wrong password made none
    assert verify["signature_id"] == signoff["signature_id"] == sig.id and sig.valid
    assert (sig.login, sig.printed_name, sig.meaning) == ("park", "Park Manager", "approved")
    assert sig.targets[0] == f"event:{dev.event.id}"  # the deviation and its follow-ups
    assert verify["note"] == "product held, released after re-check"
    assert [(e.user, e.channel, e.data["note"], e.data["reason"], e.data["sensor"])
            for e in manual_entries] == [
        ("kim", "cream.temperature", "hand thermometer", "calibration_check", "recording")]
    assert hand == [(6.5, 64)]
    assert [(e.user, all(e.data["results"].values())) for e in md_checks] == [
        ("kim", True)]


def _in_language(text: str, language: str) -> bool:
    """Korean text has Hangul and no English words beyond codes; English has no Hangul."""
    hangul = re.search(r"[가-힣]", text) is not None
    if language == "en":
        return not hangul
    words = [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ("CCP", "moved",
                                                                        "product", "kim")]
    return hangul and not words


@pytest.mark.parametrize("language", ["en", "ko"])
def test_screenshots_of_every_haccp_page(make_main_window, qtbot,  # noqa: F811 (fixture)
                                         language) -> None:
    w = make_main_window(bakery_site(), speed=120, language=language)
    pages = haccp_pages(w)
    log_in(w, "park")
    dev_page = pages["deviations"]
    qtbot.waitUntil(lambda: deviation_of(dev_page, "CCP-3C") is not None, timeout=15000)
    qtbot.waitUntil(lambda: deviation_of(dev_page, "CCP-2P") is not None, timeout=5000)
    for name in ("overview", "deviations", "schedule", "manual", "readiness"):
        page = pages[name]
        w.show_page(page)
        if name == "readiness":
            qtbot.waitUntil(lambda p=page: len(p.met()) == 4, timeout=10000)
        qtbot.wait(300)
        shoot(w, f"haccp_{name}_{language}")
    w.show_page(w.events_page)  # the shell's events page lists the CCP's events too
    qtbot.waitUntil(lambda: any(r.kind == "haccp.deviation" for r in w.events_page.shown),
                    timeout=5000)
    shoot(w, f"haccp_events_{language}")
    ev = w.events_page
    said = [ev.table.item(i, 3).text() for i, r in enumerate(ev.shown)
            if r.kind.startswith("haccp.")]
    assert said and all(_in_language(t, language) for t in said), said
    # every HACCP step reads in the window's language too, from the row's keys
    dev = deviation_of(dev_page, "CCP-3C").event
    steps = [EventRow(0, dev.ts, kind, "info", dev.channel, None, "recorded line", data,
                      "kim", dev.id, dev.ts) for kind, data in [
        ("haccp.ack", {"ccp": "CCP-3C"}),
        ("haccp.action", {"ccp": "CCP-3C", "cause": "door", "action": "moved product",
                          "disposition": "hold"}),
        ("haccp.verify", {"ccp": "CCP-3C", "meaning": "approved"}),
        ("haccp.recovered", {"ccp": "CCP-3C", "reason": "limit"}),
        ("haccp.batch", {"ccp": "CCP-1B", "ok": False})]]
    texts = [w.sector_event_details(r) for r in steps]
    assert all(_in_language(t, language) for t in texts), texts
    held = "보류" if language == "ko" else "Hold"
    assert texts[1].endswith(f": moved product ({held})"), texts[1]
    assert w.sector_event_details(EventRow(0, dev.ts, "haccp.ack", "info", None, None,
                                           "line", {"ccp": "no-such"}, "kim", None, 0)) == ""
    d = deviation_of(dev_page, "CCP-3C")
    action = views.HaccpActionDialog(dev_page.about(d), dev_page.texts, w)
    action.show()
    shoot(action, f"haccp_action_dialog_{language}")
    action.close()
    assert action.disposition.count() == 4
    for card in pages["overview"].cards:
        assert card.limit.text() and card.state.text()
    if language == "ko":
        labels = [w.nav.item(i).text() for i in range(w.nav.count())]
        assert any(label.endswith("CCP 현황") for label in labels), labels
        assert pages["deviations"].ack.text() == "이탈 확인"
        assert "한계기준" in pages["overview"].cards[0].limit.text()
        assert action.disposition.itemText(0) == "보류"
        assert action.windowTitle() == "개선조치"  # the shell dialog's own words too
        assert pages["readiness"].rows["integrity"][1].text() in ("✔ 충족", "✘ 미충족")
    # names written "한국어 (English)" in the template show one side only
    shown = [c.name.text() for c in pages["overview"].cards]
    shown += [t.name.text() for t in w.overview.tiles.values()]
    shown += [w.overview.devices.item(r, 0).text() for r in range(w.overview.devices.rowCount())]
    shown += [w.overview.devices.item(r, 2).text() for r in range(w.overview.devices.rowCount())]
    assert shown and not [s for s in shown if re.search(r"\s\([^()]*\)$", s)], shown
    latin = [s for s in shown if re.search(r"[A-Za-z]{3,}", re.sub(r"CCP-\w+", "", s))]
    hangul = [s for s in shown if re.search("[\uac00-\ud7a3]", s)]
    if language == "ko":
        assert latin == [], latin
    else:
        assert hangul == [], hangul


def test_ccp_status_and_schedule_follow_the_record(data_dir: Path) -> None:
    """The Qt-free half the pages show, on a simulated clock: states, schedule, lifecycle."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from deungdae.desktop.engine import config as site_config
    from deungdae.desktop.engine.engine import Engine
    from deungdae.hardware.clock import ManualClock
    from deungdae.sectors.contract import discover
    from deungdae.sectors.haccp import deviations as lifecycle
    from deungdae.sectors.haccp.ccp_status import load
    from tests.conftest import T0  # 01:00 in Seoul

    data_dir.mkdir(parents=True)
    (data_dir / "site.toml").write_text(bakery_site(), encoding="utf-8")
    sectors = discover()
    eng = Engine(data_dir, site_config.load(data_dir / "site.toml", sectors), ManualClock(T0),
                 sectors)
    eng.open()
    site, tz = eng.config.raw, ZoneInfo("Asia/Seoul")

    def snap(**kw):
        eng.flush()
        with Store.open_reader(data_dir / "deungdae.db") as s:
            return load(s, site, tz, eng.clock.now_ms(), **kw)

    def by_ccp(sn):
        return {s.ccp.id: s for s in sn.statuses}

    def slot(sn, hhmm):
        return next(i for i in sn.schedule if i.what == "test_pieces" and
                    datetime.fromtimestamp(i.due_ms / 1000, tz).strftime("%H:%M") == hhmm)

    eng.run(480, close=False)  # 01:08: the 01:05 check is due (± 5 min), cream above 10 °C
    sn = snap()
    st = by_ccp(sn)
    assert slot(sn, "01:05").status == "due" and slot(sn, "09:00").status == "upcoming"
    assert st["CCP-3C"].state == "tolerated" and st["CCP-3C"].value == 12.5
    assert st["CCP-2P"].next_due_ms == slot(sn, "01:05").due_ms
    assert st["CCP-1B"].state == "ok" and st["CCP-1B"].next_due_ms == T0 + 3_600_000  # from the first reading
    assert sn.deviations == []

    eng.run(1520, close=False)  # 01:33: the check was missed, the cream room breached
    sn = snap()
    st = by_ccp(sn)
    assert slot(sn, "01:05").status == "overdue"
    assert sn.schedule[0].status == "overdue"  # overdue first
    assert (st["CCP-3C"].state, st["CCP-3C"].active) == ("breach", ("limit",))
    assert (st["CCP-2P"].state, st["CCP-2P"].open_deviations) == ("action", 1)
    batch_end = st["CCP-1B"].last_check_ms  # the first oven batch ended at about 1377 s
    assert batch_end is not None and T0 + 1_300_000 < batch_end < T0 + 1_500_000
    assert st["CCP-1B"].next_due_ms == batch_end + 3_600_000
    assert [(d.ccp, d.status) for d in sn.deviations] == [("CCP-2P", "open"),
                                                          ("CCP-3C", "open")]

    # the cream room's deviation through its lifecycle; it stays "breach" while the door
    # is open, then shows as closed and the CCP as back to normal
    dev = sn.deviations[1]
    lifecycle.acknowledge(eng.record_entry, dev, "kim", eng.clock.now_ms())
    lifecycle.record_action(eng.record_entry, dev, "kim", eng.clock.now_ms(), cause="door",
                            action="closed", disposition="hold")
    dev = snap().deviation(dev.event.id)
    lifecycle.verify(eng.record_entry, dev, "park", eng.clock.now_ms(), role="manager")
    assert by_ccp(snap())["CCP-3C"].state == "breach"
    eng.run(1200, close=False)  # the door closes at 3010 s
    sn = snap(with_readiness=True, db_path=data_dir / "deungdae.db", data_dir=data_dir)
    st = by_ccp(sn)
    assert sn.deviation(dev.event.id).status == "closed"
    assert (st["CCP-3C"].state, st["CCP-3C"].open_deviations) == ("ok", 0)
    assert [c.key for c in sn.readiness] == ["automatic", "integrity", "alerts", "fallback"]
    assert sn.readiness[1].met, sn.readiness[1].why
    eng.close()


def test_a_failed_write_gives_the_button_back_and_says_not_recorded(qtbot) -> None:
    from PySide6.QtWidgets import QPushButton

    from deungdae.desktop.ui.record_actions import RecordActions

    class Shell:  # the host's `write` (kit.SectorHost) is RecordActions.run
        records = RecordActions(None)
        write = records.run

    button = QPushButton("Record")
    qtbot.addWidget(button)
    failed, done = [], []
    Shell.records.failed.connect(failed.append)

    def boom(_writer):
        raise OSError("disk full")

    views._record(Shell, boom, done.append, button)
    assert not button.isEnabled()
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    assert failed == ["OSError: disk full"] and done == []
    views._record(Shell, lambda _writer: 7, done.append, button)
    qtbot.waitUntil(lambda: done == [7], timeout=5000)
    assert button.isEnabled()
    Shell.records.close()


def test_one_failed_load_does_not_stop_the_pages_refreshing(
        make_main_window, qtbot, monkeypatch) -> None:  # noqa: F811 (the fixture)
    w = make_main_window(bakery_site(), start=False)
    model = haccp_pages(w)["overview"].model
    qtbot.waitUntil(lambda: model.snapshot is not None and not model._busy, timeout=8000)
    qtbot.waitUntil(lambda: not model._readiness_busy, timeout=10000)
    shown, checked = model.snapshot, model.readiness
    real_load, real_checks = views.load, views.readiness_checks

    def broken(*_a, **_k):
        raise OSError("database is locked")

    monkeypatch.setattr(views, "load", broken)
    monkeypatch.setattr(views, "readiness_checks", broken)
    model.reload(readiness=True)
    qtbot.waitUntil(lambda: not model._busy and not model._readiness_busy, timeout=8000)
    assert model.snapshot is shown and model.readiness is checked  # the last ones stay
    monkeypatch.setattr(views, "load", real_load)
    monkeypatch.setattr(views, "readiness_checks", real_checks)
    model.reload(readiness=True)
    qtbot.waitUntil(lambda: model.snapshot is not shown, timeout=8000)
    qtbot.waitUntil(lambda: model.readiness is not checked, timeout=10000)
