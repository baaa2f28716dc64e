"""Settings → Devices: a manager assigns a real pymodbus-served RTD module to the oven
role, tests it, finds devices on a bus, and applies the change live."""

from __future__ import annotations

from pathlib import Path

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.hardware.clock import RealClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from tests.desktop.device_site import BAKERY, set_rtd
from tests.desktop.ui.conftest import add_record_users, log_in
from tests.hardware.peer import ModbusPeer, Relay


@pytest.fixture
def rtd_peer():
    p = ModbusPeer(units=[1, 2, 3]).start()
    set_rtd(p, 1, 182.5, 20.0, -12.3, 0.0)
    set_rtd(p, 2, 21.5, 22.0, 23.0, 24.0)
    set_rtd(p, 3, 77.7, 1.0, 2.0, 3.0)
    yield p
    p.stop()


@pytest.fixture
def window(qtbot, data_dir: Path, fast_argon2):
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations

    application()
    made = []

    def make(language: str = "en"):
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "site.toml").write_text(BAKERY, encoding="utf-8")
        add_record_users(data_dir)
        tr = Translations()
        tr.set_language(language)
        w = build_window(data_dir, RealClock(), tr)
        made.append((w, tr))
        qtbot.addWidget(w)
        w.resize(1366, 900)
        w.show()
        w.start()
        w.show_page(w.settings_page)
        tab = w.settings_page.devices_tab
        w.settings_page.tabs.setCurrentWidget(tab)
        return w, tab

    yield make
    for w, tr in made:
        w.shutdown()
        tr.set_language("en")  # remove its catalogues: later tests expect English


def _shoot(widget, name: str) -> None:
    widget.grab().save(f"/tmp/devui-{name}.png")


def _choose(form, profile: str, port: str, unit: int) -> None:
    form.profile.setCurrentIndex(form.profile.findData(profile))
    form.port.setEditText(port)
    form.unit.setValue(unit)


def test_a_manager_puts_a_real_rtd_module_on_the_oven_live(window, qtbot, rtd_peer):
    w, tab = window()
    assert tab.select("oven")
    form = tab.form
    offered = [form.profile.itemData(i) for i in range(form.profile.count())]
    assert offered[0] == "simulator" and "rtd4-pta8c04" in offered
    assert "xy-md02" not in offered  # a room sensor cannot measure an oven
    assert not form.port.isEnabled()  # the simulator needs no port
    _choose(form, "rtd4-pta8c04", rtd_peer.url, 1)
    assert form.port.isEnabled() and form.baud.currentData() == 9600
    assert form.mapping.cellWidget(0, 1).currentData() == "t1"
    form.test()
    qtbot.waitUntil(lambda: form.result.text().startswith(("✔", "⚠", "✖")), timeout=8000)
    assert "t1: 182.5 °C — good" in form.result.text()
    _shoot(w, "settings-devices-en")

    tab.reason.setText("RTD module installed")
    tab.apply()
    assert tab.status.text() == "Only a manager or administrator can change devices."
    log_in(w, "kim")
    assert not tab.apply_button.isEnabled()
    log_in(w, "park")
    assert tab.apply_button.isEnabled()
    oven_id = w.engine.channels["oven.core_temp"].id
    tab.apply()
    qtbot.waitUntil(lambda: tab.status.text().startswith(("Device", "Not")), timeout=8000)
    assert tab.status.text() == "Device oven changed; recording goes on."
    qtbot.waitUntil(lambda: (w.engine.channels.get("oven.t1") is not None and
                             w.engine.channels["oven.t1"].last_value == 182.5), timeout=8000)
    assert w.engine.channels["oven.t1"].id == oven_id
    assert tab.table.item(0, 3).text() == "rtd4-pta8c04"
    cfg = site_config.load(w.engine.config.path, discover())
    assert next(c for c in cfg.channels if c.key == "oven.core_temp").point == "t1"
    with Store.open_reader(w.engine.root / "deungdae.db") as s:
        assert [e.user for e in s.events(kinds=["device.replaced"])] == ["park"]
        assert s.config_changes("device_setting", "oven")[-1]["reason"] == \
            "RTD module installed"

    # the chart of the oven channel marks the replacement
    w.show_channel_chart("oven.core_temp")
    qtbot.waitUntil(lambda: w.charts.change_marks() == ["⇄ Sensor replaced"], timeout=8000)
    _shoot(w, "chart-replaced-en")
    w.show_page(w.settings_page)

    # a change of the tested setting needs a new test, or a recorded "apply anyway"
    form.unit.setValue(2)
    tab.reason.setText("module readdressed")
    tab.apply()
    assert tab.status.text().startswith("Press Test first")
    tab.anyway.setChecked(True)
    tab.apply()
    qtbot.waitUntil(lambda: tab.status.text().startswith(("Device", "Not")), timeout=8000)
    assert tab.status.text() == "Device oven changed; recording goes on."
    with Store.open_reader(w.engine.root / "deungdae.db") as s:
        assert s.config_changes("device_setting", "oven")[-1]["reason"] == \
            "module readdressed (applied without a passing test)"

    # bad input: nothing is saved untested, and a malformed URL says what to write
    _choose(form, "rtd4-pta8c04", "socket://10.0.0.5", 1)
    tab.reason.setText("typo")
    tab.apply()
    assert tab.status.text().startswith("Press Test first")
    tab.anyway.setChecked(True)
    tab.apply()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Not changed"), timeout=8000)
    assert tab.status.text().startswith("Not changed: The port socket://10.0.0.5 is not "
                                        "written right")


def test_find_devices_on_a_pty_lists_three_with_their_profiles(window, qtbot, rtd_peer,
                                                               tmp_path):
    relay = Relay(rtd_peer.port, front="pty", path=tmp_path / "ttyUSB0").start()
    try:
        w, tab = window("ko")
        assert tab.select("oven")
        form = tab.form
        _choose(form, "rtd4-pta8c04", relay.url, 1)
        form.find()
        assert form.cancel_button.isVisibleTo(form)
        qtbot.waitUntil(lambda: form.find_button.isEnabled(), timeout=60000)
        assert [h.unit for h in form.hits] == [1, 2, 3], form.result.text()
        assert all(h.best and h.best.profile == "rtd4-pta8c04" for h in form.hits)
        assert form.found.count() == 3
        form._use_hit(form.found.item(2))
        assert form.unit.value() == 3
        form.test()
        qtbot.waitUntil(lambda: form.result.text().startswith(("✔", "⚠", "✖")), timeout=8000)
        assert "t1: 77.7 °C — 정상" in form.result.text()
        _shoot(w, "settings-devices-ko")
        # a unit that does not answer says what to check, in Korean
        relay.silent_units.add(9)
        form.unit.setValue(9)
        form.test()
        qtbot.waitUntil(lambda: form.result.text().startswith(("✔", "⚠", "✖")), timeout=8000)
        assert form.result.text().startswith(
            "✖ 읽지 못함: 주소 9이(가) 응답하지 않습니다. 배선(A/B), 주소(국번), 통신 속도를")
        _shoot(w, "settings-devices-ko-no-answer")
        # Cancel stops the search and keeps what was found
        form.find()
        form.cancel_find()
        qtbot.waitUntil(lambda: form.find_button.isEnabled(), timeout=60000)
        assert form.result.text().startswith("중지됨")
    finally:
        relay.unplug()


def test_the_wizard_puts_the_oven_role_on_a_real_rtd_module(qtbot, data_dir, fast_argon2,
                                                              rtd_peer, tmp_path):
    """From first start: the bakery template, the oven role on a pymodbus RTD module over a
    pty, its test read, then the logger running on that module's value."""
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations
    from deungdae.desktop.ui.wizard import SetupWizard

    relay = Relay(rtd_peer.port, front="pty", path=tmp_path / "ttyUSB0").start()
    tr = Translations()  # one: it removes the catalogues it installed on a switch
    try:
        application()
        for language in ("ko", "en"):
            wiz = SetupWizard(data_dir, tr)
            qtbot.addWidget(wiz)
            wiz.resize(1000, 760)
            wiz.show()
            (wiz.language_page.ko if language == "ko" else wiz.language_page.en).setChecked(True)
            wiz.next()
            names = [t.name for t in wiz.template_page.templates]
            wiz.template_page.list.setCurrentRow(names.index("haccp-bakery"))
            wiz.next()
            wiz.next()
            page = wiz.devices_page
            assert page.select("oven")
            _choose(page.form, "rtd4-pta8c04", relay.url, 1)
            wiz.next()  # untested: a warning, and the page stays
            assert wiz.currentPage() is page
            warning = page.form.result.text()
            assert "oven" in warning and ("Next again" if language == "en" else
                                          "다음을 한 번 더") in warning
            page.test_read(page.devices[0])
            qtbot.waitUntil(lambda p=page: p.results["oven"].text()[:1] in "✔✖", timeout=8000)
            assert page.results["oven"].text().startswith("✔ t1 182.5 °C")
            assert page.table.item(0, 1).text().startswith("rtd4-pta8c04")
            page.select("cream")  # the oven's choice is kept while another row is shown
            assert page.settings["oven"].port == relay.url
            wiz.grab().save(f"/tmp/devui-wizard-devices-{language}.png")
            wiz.next()
            assert wiz.currentPage() is wiz.users_page
            if language == "ko":
                wiz.reject()
        users = wiz.users_page
        users.cell(0, "name").setText("Park")
        users.cell(0, "login").setText("park")
        users.cell(0, "secret").setText("246813")
        users.cell(0, "repeat").setText("246813")
        wiz.next()
        wiz.next()
        wiz.accept()
        cfg = site_config.load(data_dir / "site.toml", discover())
        oven = next(d for d in cfg.devices if d["id"] == "oven")
        assert (oven["profile"], oven["port"], oven["unit"]) == ("rtd4-pta8c04", relay.url, 1)
        assert "# en: Bakery" in (data_dir / "site.toml").read_text(encoding="utf-8")
        tr.set_language("en")
        w = build_window(data_dir, RealClock(), tr)
        qtbot.addWidget(w)
        try:
            w.show()
            w.start()
            qtbot.waitUntil(lambda: w.state.channels["oven.core_temp"].value == 182.5,
                            timeout=10000)
            # the oven CCP (heating: hold >= 75 °C) runs on the module's reading
            ccp = next(m for r in w.engine.rules for m in getattr(r, "monitors", ())
                       if m.ccp.id == "CCP-1B")
            qtbot.waitUntil(lambda: ccp.in_batch and ccp.vmax == 182.5, timeout=5000)
        finally:
            w.shutdown()
    finally:
        tr.set_language("en")
        relay.unplug()


def test_a_manager_adds_a_device_from_the_window_and_removes_it(window, qtbot, rtd_peer):
    w, tab = window()
    assert not tab.add_button.isEnabled()  # nobody logged in
    log_in(w, "park")
    tab.start_add()
    form = tab.form
    assert tab.adding and tab.new_box.isVisibleTo(tab) and tab.apply_button.text() == "Add"
    assert form.profile.findData("simulator") < 0  # an added device is a real one
    tab.new_id.setText("proof")
    _choose(form, "rtd4-pta8c04", rtd_peer.url, 2)
    assert form.new_points() == ["t1", "t2", "t3", "t4", "r1", "r2", "r3", "r4"]
    assert form.mapping.item(0, 0).text() == "proof.t1"
    tab.new_name.setText("Proofer RTD")
    tab.reason.setText("proofer probes installed")
    tab.apply()
    assert tab.status.text().startswith("Press Test first")
    form.test()
    qtbot.waitUntil(lambda: form.result.text().startswith(("✔", "⚠", "✖")), timeout=8000)
    assert "t1: 21.5 °C — good" in form.result.text()
    _shoot(w, "settings-devices-add-en")
    tab.apply()
    qtbot.waitUntil(lambda: tab.status.text().startswith(("Device", "Not")), timeout=8000)
    assert tab.status.text() == "Device proof added; it is recording now."
    assert not tab.adding and tab.selected() == "proof"
    qtbot.waitUntil(lambda: (w.engine.channels.get("proof.t2") is not None and
                             w.engine.channels["proof.t2"].last_value == 22.0), timeout=8000)
    cfg = site_config.load(w.engine.config.path, discover())
    assert next(d for d in cfg.devices if d["id"] == "proof")["name"] == "Proofer RTD"
    assert [c.key for c in cfg.channels if c.device == "proof"][:2] == ["proof.t1", "proof.t2"]
    t1 = w.engine.channels["proof.t1"].id
    # the new channels reach the overview and the charts without a restart
    assert "proof.t1" in w.overview.tiles and w.state.channels["proof.t1"].name == "Proofer RTD t1"
    qtbot.waitUntil(lambda: w.state.channels["proof.t2"].value == 22.0, timeout=8000)
    w.show_page(w.overview)
    w.overview.refresh_all()
    assert w.overview.tiles["proof.t2"].value.text().startswith("22")
    assert w.overview.devices.rowCount() == len(w.engine.config.devices)
    qtbot.wait(200)  # the new tiles laid out
    _shoot(w, "overview-added-en")
    picker = [w.charts.picker.item(i).data(256) for i in range(w.charts.picker.count())]
    assert "proof.t1" in picker
    w.show_page(w.settings_page)

    # an id in use is refused in words, and nothing is saved
    before = w.engine.config.path.read_text(encoding="utf-8")
    tab.start_add()
    tab.new_id.setText("proof")
    _choose(tab.form, "rtd4-pta8c04", rtd_peer.url, 3)
    tab.reason.setText("again")
    tab.anyway.setChecked(True)
    tab.apply()
    qtbot.waitUntil(lambda: tab.status.text().startswith(("Device", "Not")), timeout=8000)
    assert tab.status.text().startswith("Not changed: The id proof is already used")
    assert w.engine.config.path.read_text(encoding="utf-8") == before
    tab.cancel_add()
    assert not tab.adding and tab.remove_button.isVisible()

    assert tab.select("proof")
    tab.reason.setText("proofer sold")
    tab.remove()
    qtbot.waitUntil(lambda: tab.status.text().startswith(("Device", "Not")), timeout=8000)
    assert tab.status.text() == ("Device proof removed; recording goes on. What its 8 "
                                 "channel(s) recorded stays in the record: charts and "
                                 "reports still show it.")
    assert "proof.t1" not in w.engine.channels
    assert "proof.t1" not in w.overview.tiles and "proof" not in w.state.devices
    assert all(w.charts.picker.item(i).data(256) != "proof.t1"
               for i in range(w.charts.picker.count()))
    assert all(d["id"] != "proof" for d in w.engine.config.devices)
    with Store.open_reader(w.engine.root / "deungdae.db") as s:
        assert any(r[1] == 21.5 for r in s.readings(t1, 0, 2**62))  # history kept
        kinds = [e.kind for e in s.events() if e.device == "proof"]
        assert "device.added" in kinds and "device.removed" in kinds
        audit = s.config_changes("device_setting", "proof")
        assert [a["reason"] for a in audit] == ["proofer probes installed", "proofer sold"]
        assert audit[-1]["new"] is None and audit[0]["old"] is None


def test_add_device_in_korean(window, qtbot, rtd_peer):
    w, tab = window("ko")
    log_in(w, "lee")
    tab.start_add()
    tab.new_id.setText("oven")
    _choose(tab.form, "rtd4-pta8c04", rtd_peer.url, 1)
    assert tab.form.profile.currentText() == (
        "rtd4-pta8c04 — Eletechsup PTA8C04 4채널 PT100 입력 모듈 (부호 있는 정수, x10)")
    tab.reason.setText("추가")
    tab.anyway.setChecked(True)
    tab.apply()
    qtbot.waitUntil(lambda: tab.status.text() != "저장 중…" and tab.status.text() != "",
                    timeout=8000)
    assert "oven" in tab.status.text() and "이미" in tab.status.text(), tab.status.text()
    tab.new_id.setText("proof")
    _choose(tab.form, "rtd4-pta8c04", "socket//10.0.0.5:4001", 1)
    tab.apply()
    qtbot.waitUntil(lambda: "socket//10.0.0.5:4001" in tab.status.text(), timeout=8000)
    assert "포트 socket//10.0.0.5:4001" in tab.status.text(), tab.status.text()
    _shoot(w, "settings-devices-add-ko")


def test_a_replacement_is_marked_on_the_chart_in_korean(window, qtbot, rtd_peer):
    w, tab = window("ko")
    log_in(w, "park")
    assert tab.select("oven")
    _choose(tab.form, "rtd4-pta8c04", rtd_peer.url, 1)
    tab.reason.setText("RTD 모듈 설치")
    tab.anyway.setChecked(True)
    tab.apply()
    qtbot.waitUntil(lambda: tab.status.text().startswith(("장치", "변경되지")), timeout=8000)
    assert tab.status.text() == "장치 oven 변경됨. 기록은 계속됩니다."
    w.show_channel_chart("oven.core_temp")
    qtbot.waitUntil(lambda: w.charts.change_marks() == ["⇄ 센서 교체"], timeout=8000)
    _shoot(w, "chart-replaced-ko")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_4_20_ma_input_is_scaled_in_the_window(window, qtbot, language):
    peer = ModbusPeer(units=[4]).start()
    peer.set(4, "input", 0, [12000] + [4000] * 7)  # ai1: 12 mA, the others 4 mA
    try:
        w, tab = window(language)
        log_in(w, "park")
        assert tab.select("oven")
        form = tab.form
        assert not form.scaling.isVisibleTo(form)
        _choose(form, "ai8-waveshare-4-20ma", peer.url, 4)
        assert form.scaling.isVisibleTo(form) and form.scaling.rowCount() == 1
        # the role's range is the default: 4 mA = -50 °C, 20 mA = 300 °C
        assert form.scaling_values() == {"ai1": ("-50", "300", "°C")}
        form.set_scaling("ai1", "0", "200", "°C")
        form.test()
        qtbot.waitUntil(lambda: form.result.text().startswith(("✔", "⚠", "✖")), timeout=8000)
        assert form.result.text().startswith("✔ ai1: 12.0 mA")
        _shoot(w, f"settings-devices-scaling-{language}")
        tab.reason.setText("4-20 mA transmitter")
        tab.apply()
        qtbot.waitUntil(lambda: tab.status.text() not in ("", "Saving…", "저장 중…"),
                        timeout=8000)
        qtbot.waitUntil(lambda: (w.engine.channels.get("oven.ai1") is not None and
                                 w.engine.channels["oven.ai1"].last_value == 100.0),
                        timeout=8000)
        assert w.engine.config.devices[0]["scaling"] == {
            "ai1": {"low": 0, "high": 200, "unit": "°C"}}
        tab.select("oven")
        assert tab.form.scaling_values() == {"ai1": ("0", "200", "°C")}  # shown as saved
        tab.form.set_scaling("ai1", "zero", "200", "°C")
        tab.reason.setText("typo")
        tab.apply()
        qtbot.waitUntil(lambda: "zero" in tab.status.text(), timeout=8000)
        says = ("The 4 mA and 20 mA values of ai1 must be numbers" if language == "en" else
                "ai1의 4 mA, 20 mA 값은 숫자여야 합니다")
        assert says in tab.status.text(), tab.status.text()
        tab.form.set_scaling("ai1", "0", "250", "°C")
        tab.apply()
        qtbot.waitUntil(lambda: w.engine.channels["oven.ai1"].last_value == 125.0, timeout=8000)
        assert tab.status.text() == ("Device oven: the 4–20 mA scaling is changed; recording "
                                     "goes on in the new units." if language == "en" else
                                     "장치 oven: 4–20 mA 환산이 바뀌었습니다. 새 단위로 "
                                     "기록을 계속합니다.")
    finally:
        peer.stop()


def test_the_wizard_refuses_two_devices_at_one_address_in_korean(qtbot, data_dir, rtd_peer):
    from deungdae.desktop.ui.app import application
    from deungdae.desktop.ui.i18n import Translations
    from deungdae.desktop.ui.wizard import SetupWizard

    tr = Translations()
    try:
        application()
        wiz = SetupWizard(data_dir, tr)
        qtbot.addWidget(wiz)
        wiz.show()
        wiz.language_page.ko.setChecked(True)
        wiz.next()
        names = [t.name for t in wiz.template_page.templates]
        wiz.template_page.list.setCurrentRow(names.index("haccp-bakery"))
        wiz.next()
        wiz.next()
        page = wiz.devices_page
        for device in ("oven", "cream"):
            assert page.select(device)
            _choose(page.form, "rtd4-pta8c04", rtd_peer.url, 1)
        page.select("oven")
        wiz.next()
        assert wiz.currentPage() is page
        text = page.form.result.text()
        assert text.startswith(f"✖ {rtd_peer.url}의 주소(국번) 1은(는) 이미 장치 oven"), text
        # a 4-20 mA input's scaling typed in the wizard is kept and written
        _choose(page.form, "ai8-waveshare-4-20ma", rtd_peer.url, 4)
        page.form.set_scaling("ai1", "0", "250", "°C")
        page.select("cream")
        _choose(page.form, "rtd4-pta8c04", rtd_peer.url, 2)
        page.select("oven")
        assert page.form.scaling_values() == {"ai1": ("0", "250", "°C")}
        page.select("cream")
        text = wiz.site_text()
        assert 'scaling = { ai1 = { low = 0, high = 250, unit = "°C" } }' in text
        wiz.reject()
    finally:
        tr.set_language("en")
