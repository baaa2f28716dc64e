"""Settings → Channels and alarm limits: a manager changes a limit live, recorded and saved."""

from __future__ import annotations

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.config import ConfigError, set_channel_alarm
from deungdae.records.errors import StoreError
from deungdae.records.store import Store
from deungdae.records.users import NotAllowed
from deungdae.sectors.channel_alarms import ChannelAlarms
from tests.desktop.ui.conftest import PLANT, log_in, shoot


def test_the_site_config_is_edited_in_place() -> None:
    out = set_channel_alarm(PLANT, "fridge.temp", {"high": 9.5, "low": 0.0, "delay": 5})
    assert "# the door is left open from t = 20 s for ten minutes" in out
    assert "high = 9.5\nlow = 0.0\ndelay = 5\n" in out and "stale_after" not in out.split(
        'id = "fridge.door"')[0].split('id = "fridge.temp"')[1]
    assert out.replace("high = 9.5\nlow = 0.0\ndelay = 5\n", "") == PLANT.replace(
        "high = 8.0\nlow = 0.0\ndelay = 5\nhysteresis = 0.5\nstale_after = 10\n", "")
    added = set_channel_alarm(PLANT, "fridge.door", {"high": 0.5})
    assert 'name = "Fridge door"\n[channels.alarm]\nhigh = 0.5\n' in added
    inline = '[[channels]]\nid = "a.b"\nalarm = { high = 3 }\n'
    assert set_channel_alarm(inline, "a.b", {"low": 1, "high": 4.5}) == \
        '[[channels]]\nid = "a.b"\nalarm = { low = 1, high = 4.5 }\n'
    with pytest.raises(ConfigError, match="by hand"):
        set_channel_alarm(PLANT, "nope", {"high": 1})
    with pytest.raises(ConfigError, match="by hand"):  # a multi-line inline table
        set_channel_alarm('[[channels]]\nid = "a.b"\nalarm = { high = 3,\n}\n', "a.b",
                          {"high": 1})


def test_a_manager_changes_a_limit_live(make_main_window, qtbot) -> None:
    w = make_main_window(speed=20)
    qtbot.waitUntil(lambda: ("fridge.temp", "high") in w.state.open_alarms, timeout=8000)
    w.show_page(w.settings_page)
    tab = w.settings_page.channels_tab
    w.settings_page.tabs.setCurrentWidget(tab)
    assert tab.select("fridge.temp") and not tab.change_button.isEnabled()
    new = {"low": 0.0, "high": 14.0, "delay": 5, "hysteresis": 0.5, "stale_after": 10}
    log_in(w, "kim")
    tab.change_limits("fridge.temp", new, "new product")
    assert tab.status.text() == "Only a manager or administrator can change alarm limits."
    with pytest.raises(NotAllowed, match="kim is operator"):  # the engine checks too
        w.engine.set_channel_alarm("fridge.temp", new, by="kim", reason="x")

    log_in(w, "park")
    assert tab.change_button.isEnabled()
    tab.change_limits("fridge.temp", {**new, "low": 20.0}, "bad")
    qtbot.waitUntil(lambda: tab.status.text().startswith("Not changed"), timeout=5000)
    assert "must be below 'high'" in tab.status.text()

    tab.change_limits("fridge.temp", new, "new product specification")
    qtbot.waitUntil(lambda: tab.status.text() == "Alarm limits of fridge.temp changed.",
                    timeout=5000)
    assert tab.table.item(0, 4).text() == "14"
    shoot(w, "settings_limits_en")
    assert w.state.channels["fridge.temp"].high == 14.0
    rule = next(r for r in w.engine.rules if isinstance(r, ChannelAlarms))
    assert [(lim.side, lim.limit) for lim in rule.by_key["fridge.temp"].limits] == [
        ("high", 14.0), ("low", 0.0)]
    # the open alarm ends under the new limit, on the next readings
    qtbot.waitUntil(lambda: ("fridge.temp", "high") not in w.state.open_alarms, timeout=8000)

    w.shutdown()
    cfg = site_config.load(w.engine.config.path)
    assert next(c for c in cfg.channels if c.key == "fridge.temp").alarm == new
    assert "# the door is left open" in w.engine.config.path.read_text(encoding="utf-8")
    with Store.open_reader(w.db_path) as s:
        [change] = s.config_changes("limit", "fridge.temp")
        ends = [e for e in s.events(kinds=("alarm.end",)) if e.channel == "fridge.temp"]
    assert change["old"]["high"] == 8.0 and change["new"]["high"] == 14.0
    assert (change["user"], change["reason"]) == ("park", "new product specification")
    assert ends and ends[-1].data["limit"] == 14.0


def test_the_limits_dialog_reads_numbers_and_wants_a_reason(qtbot) -> None:
    from deungdae.desktop.ui.limits_settings import LimitsDialog

    dlg = LimitsDialog("Fridge temperature", "°C", {"high": 8.0, "delay": 5})
    qtbot.addWidget(dlg)
    assert dlg.fields["high"].text() == "8" and dlg.fields["low"].text() == ""
    dlg.fields["low"].setText("-1,5")  # a decimal comma is read as a point
    dlg.fields["stale_after"].setText("30")
    assert dlg.alarm() == {"low": -1.5, "high": 8.0, "delay": 5, "stale_after": 30}
    dlg.accept()
    assert dlg.result() == 0 and "reason" in dlg.error.text()
    dlg.fields["high"].setText("eight")
    assert dlg.alarm() is None and "eight" in dlg.error.text()
    dlg.fields["high"].setText("9")
    dlg.reason.setText("new product")
    dlg.accept()
    assert dlg.result() == 1


def test_a_limit_change_that_cannot_be_recorded_leaves_the_site_config_as_it_was(
        make_main_window, qtbot, monkeypatch) -> None:
    w = make_main_window(speed=20)
    qtbot.waitUntil(lambda: w.engine.status().readings_written > 0, timeout=8000)
    path = w.engine.config.path
    before = path.read_text(encoding="utf-8")

    def refuse(*_a, **_k):
        raise StoreError("the disk holding the record is full")

    monkeypatch.setattr(w.engine.store, "record_config_change", refuse)
    with pytest.raises(StoreError, match="full"):
        w.engine.set_channel_alarm("fridge.temp", {"low": 0.0, "high": 14.0}, by="park",
                                   reason="new product")
    assert path.read_text(encoding="utf-8") == before
    assert not list(path.parent.glob("*.tmp"))
    assert next(c for c in w.engine.config.channels if c.key == "fridge.temp").alarm["high"] \
        == 8.0


def test_a_site_config_that_cannot_be_written_leaves_no_audit_row(
        make_main_window, qtbot, monkeypatch) -> None:
    """The record must never say a limit changed that the site config does not hold."""
    from deungdae.desktop.engine import engine as engine_module

    w = make_main_window(speed=20)
    qtbot.waitUntil(lambda: w.engine.status().readings_written > 0, timeout=8000)

    def locked(*_a, **_k):
        raise PermissionError("site.toml is open in another program")

    monkeypatch.setattr(engine_module.os, "replace", locked)
    with pytest.raises(PermissionError):
        w.engine.set_channel_alarm("fridge.temp", {"low": 0.0, "high": 14.0}, by="park",
                                   reason="new product")
    monkeypatch.undo()
    assert w.engine.store.config_changes("limit", "fridge.temp") == []
    assert not list(w.engine.config.path.parent.glob("*.tmp"))
