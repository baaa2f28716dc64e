"""The main window on a running simulated plant: tiles, charts, the alarm flow, language."""

from __future__ import annotations

from deungdae.desktop.ui import record_dialogs
from deungdae.records import signatures
from deungdae.records.store import Store
from tests.desktop.ui.conftest import log_in, shoot


def test_tiles_and_devices_follow_the_running_engine(make_main_window, qtbot) -> None:
    w = make_main_window(speed=20)
    tile = w.overview.tiles["oven.core"]
    qtbot.waitUntil(lambda: tile.value.text() != "—", timeout=5000)
    first = tile.value.text()
    qtbot.waitUntil(lambda: tile.value.text() != first, timeout=5000)
    assert w.state.channels["oven.core"].state(w.now_ms()) == "ok"
    assert "Normal" in tile.state.text()
    assert w.overview.devices.item(0, 1).text().endswith("Connected")
    assert w.recording_label.text().startswith("● Recording")


def test_charts_show_history_live_data_limits_and_events(make_main_window, qtbot) -> None:
    w = make_main_window(speed=60)
    qtbot.waitUntil(lambda: bool(w.state.channels["fridge.temp"].alarm_sides), timeout=8000)
    w.show_channel_chart("fridge.temp")
    assert w.stack.currentWidget() is w.charts
    with qtbot.waitSignal(w.charts.rendered, timeout=5000):
        w.charts.show_last(3_600_000)
    curve = w.charts.curves["fridge.temp"]
    x, y = curve.getData()
    assert len(x) > 10 and y.max() >= 12.0  # the open door is on the chart
    assert [line.value() for line in w.charts._limit_lines] == [8.0, 0.0]
    assert w.charts._marks, "the deviation is marked on the time axis"
    n = len(x)
    qtbot.waitUntil(lambda: len(w.charts.curves["fridge.temp"].getData()[0]) > n + 2,
                    timeout=5000)  # live readings are appended
    # an overlay of two channels, then a zoom into the past fetches again
    w.charts.select(["fridge.temp", "oven.core"])
    qtbot.waitUntil(lambda: set(w.charts.curves) == {"fridge.temp", "oven.core"}, timeout=3000)
    t1 = w.now_ms() - 60_000
    with qtbot.waitSignal(w.charts.rendered, timeout=5000):
        w.charts.show_range(t1 - 120_000, t1)
    assert not w.charts.live


def test_a_deviation_is_raised_acknowledged_corrected_and_signed(
        make_main_window, qtbot, monkeypatch) -> None:
    w = make_main_window(speed=20)
    banner = w.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.current is not None, timeout=8000)
    assert banner.beeps >= 1
    assert "Fridge temperature" in banner.text.text()
    assert w.overview.tiles["fridge.temp"].state.text().startswith("▲ ALARM")
    shoot(w, "alarm_banner_en")

    log_in(w, "kim")
    banner.ack.click()
    qtbot.waitUntil(lambda: not w.state.unacknowledged(), timeout=5000)
    assert banner.isVisible() and not banner.ack.isVisible()  # quiet, still open

    # corrective action by the operator, from the event list
    w.show_page(w.events_page)
    qtbot.waitUntil(lambda: any(r.kind == "alarm.start" for r in w.events_page.shown),
                    timeout=5000)
    alarm = next(r for r in w.events_page.shown if r.kind == "alarm.start")
    assert w.events_page.select_event(alarm.id)
    assert w.events_page.corrective.isEnabled()

    def fill_action(dialog):
        # a limit alarm's declared fields: cause and action (no food disposition)
        assert list(dialog.inputs) == ["cause", "action"]
        dialog.inputs["cause"].setText("door left open during loading")
        dialog.inputs["action"].setPlainText("door closed; product core temperature "
                                             "checked: 6 °C")
        return 1

    monkeypatch.setattr(record_dialogs.CorrectiveActionDialog, "exec", fill_action)
    w.events_page.corrective.click()
    qtbot.waitUntil(lambda: "action by kim" in w.events_page.follow_up_text(alarm),
                    timeout=5000)

    # an operator may not sign off; the manager does
    monkeypatch.setattr("deungdae.desktop.ui.main_window.QMessageBox.information",
                        lambda *a, **k: None)
    w.events_page.select_event(alarm.id)
    w.events_page.signoff.click()
    log_in(w, "park")
    dialogs = []

    def sign(dialog, password):
        dialogs.append(dialog)
        assert dialog.printed_name.text() == "Park Manager (park)"
        dialog.secret.setText(password)
        dialog.accept()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
        return dialog.result()

    # a wrong password: the dialog says so and nothing is recorded
    monkeypatch.setattr(record_dialogs.SignOffDialog, "exec", lambda d: sign(d, "0000"))
    w.events_page.select_event(alarm.id)
    w.events_page.signoff.click()
    assert dialogs[-1].result() == 0 and "Wrong password" in dialogs[-1].message.text()
    assert dialogs[-1].signed_row is None
    # the right one signs
    monkeypatch.setattr(record_dialogs.SignOffDialog, "exec", lambda d: sign(d, "246813"))
    w.events_page.select_event(alarm.id)
    w.events_page.signoff.click()
    assert dialogs[-1].signed_row is not None
    # the list shows the signature's printed name, as a paper record would
    qtbot.waitUntil(lambda: "signed (approved) by Park Manager"
                    in w.events_page.follow_up_text(alarm), timeout=5000)
    w.events_page.select_event(alarm.id)
    shoot(w, "events_after_signoff_en")

    w.shutdown()
    with Store.open_reader(w.db_path) as s:
        follow = [(e.kind, e.user, e.ref_id, e.data) for e in s.events()
                  if e.ref_id is not None]
        ids = [e.id for e in s.events() if e.ref_id == alarm.id]
        sigs = signatures.status(s)
    assert [f[:3] for f in follow] == [
        ("alarm.ack", "kim", alarm.id),
        ("corrective.action", "kim", alarm.id),
        ("signoff", "park", alarm.id),
    ]
    assert follow[1][3]["cause"] == "door left open during loading"
    signoff = follow[2][3]
    assert signoff["meaning"] == "approved" and signoff["printed_name"] == "Park Manager"
    # one signature (the wrong password made none), over the alarm and its follow-ups
    assert len(sigs) == 1 and sigs[0].id == signoff["signature_id"] and sigs[0].valid
    assert (sigs[0].login, sigs[0].printed_name, sigs[0].meaning) == (
        "park", "Park Manager", "approved")
    assert sigs[0].targets == tuple(f"event:{i}" for i in [alarm.id, *ids[:2]])


def test_language_switch_rebuilds_the_window_in_korean_and_back(make_main_window, qtbot) -> None:
    w = make_main_window(speed=20)
    qtbot.waitUntil(lambda: w.overview.tiles["oven.core"].value.text() != "—", timeout=5000)
    assert w.nav.item(0).text().endswith("Overview")
    w.set_language("ko")
    assert w.translations.language == "ko"
    assert w.nav.item(0).text().endswith("개요")
    assert w.nav.item(1).text().endswith("추이")
    assert "기록 중" in w.recording_label.text()
    assert w.settings.value("language") == "ko"
    w.set_language("en")
    assert w.nav.item(0).text().endswith("Overview")


def test_settings_back_up_the_record_while_it_records(make_main_window, qtbot,
                                                      tmp_path) -> None:
    w = make_main_window(speed=20)
    qtbot.waitUntil(lambda: w.engine.readings_written > 20, timeout=8000)
    w.show_page(w.settings_page)
    target = tmp_path / "backup.db"
    w.settings_page.backup_to(target)
    qtbot.waitUntil(lambda: "backup.db" in w.settings_page.backup_status.text(), timeout=5000)
    with Store.open_reader(target) as s:
        assert s.count_readings() > 0
