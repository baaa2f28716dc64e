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
        assert "# Bakery" in (data_dir / "site.toml").read_text(encoding="utf-8")
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
