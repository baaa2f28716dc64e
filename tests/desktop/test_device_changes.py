"""Add, replace, remove and map devices: checked, written with comments kept, audited,
applied live against a real pymodbus peer (socket:// and a pty)."""

from __future__ import annotations

import tomllib

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.device_changes import (
    DeviceChangeError,
    DeviceSetting,
    plan_add,
    plan_map,
    plan_remove,
    plan_set,
    quality_words,
    read_now,
)
from deungdae.desktop.engine.engine import EngineError
from deungdae.hardware.reading import Quality
from deungdae.records.store import Store
from deungdae.records.users import NotAllowed
from deungdae.sectors.contract import discover
from tests.desktop.device_site import BAKERY, Running, add_users, open_engine, set_rtd, write_site
from tests.hardware.peer import ModbusPeer, Relay, wait_until


@pytest.fixture
def rtd_peer():
    p = ModbusPeer(units=[1, 2]).start()
    set_rtd(p, 1, 182.5, 20.0, -12.3, 0.0)
    yield p
    p.stop()


def _cfg(tmp_path, text=BAKERY):
    return site_config.load(write_site(tmp_path, text), discover())


def test_replacing_the_oven_simulator_edits_only_its_tables(tmp_path, rtd_peer):
    cfg = _cfg(tmp_path)
    ch = plan_set(cfg, DeviceSetting("oven", "rtd4-pta8c04", rtd_peer.url, 1))
    assert ch.kind == "replaced"
    assert ch.text.startswith("# en: Bakery: oven core temperature")
    raw = tomllib.loads(ch.text)
    oven = raw["devices"][0]
    assert (oven["profile"], oven["port"], oven["unit"], oven["baud"]) == \
        ("rtd4-pta8c04", rtd_peer.url, 1, 9600)
    assert oven["role"]["what"] == "오븐 중심온도 (oven core temperature)"  # the role stays
    assert raw["channels"][0] == {"id": "oven.core_temp", "name": "오븐 중심온도 (oven core)",
                                  "device": "oven", "point": "t1",
                                  "alarm": {"stale_after": 30}}
    before = tomllib.loads(BAKERY)
    assert raw["devices"][1:] == before["devices"][1:]
    assert raw["sectors"] == before["sectors"]
    assert ch.old["profile"] == "simulator" and ch.new["channels"] == {"oven.core_temp": "t1"}
    # and back to the simulator: the simulated point again
    cfg2 = site_config.parse(ch.text, cfg.path, discover())
    cfg2.path.write_text(ch.text, encoding="utf-8")
    back = tomllib.loads(plan_set(cfg2, DeviceSetting("oven", "simulator")).text)
    assert "port" not in back["devices"][0]
    assert back["channels"][0]["point"] == "core_temp"


@pytest.mark.parametrize("setting, says", [
    (DeviceSetting("oven", "rtd4-pta8c04", "socket://10.0.0.5", 1), "no TCP port"),
    (DeviceSetting("oven", "rtd4-pta8c04", "10.0.0.5:502", 1), "has no scheme"),
    (DeviceSetting("oven", "rtd4-pta8c04", "/dev/ttyNOPE9", 1), "does not exist"),
    (DeviceSetting("oven", "rtd4-pta8c04", "socket://127.0.0.1:5020", 0), "1..247"),
    (DeviceSetting("oven", "rtd4-pta8c04", "socket://127.0.0.1:5020", 248), "1..247"),
    (DeviceSetting("oven", "rtd4-pta8c04", "socket://127.0.0.1:5020", 1, baud=250000),
     "cannot run at 250000 baud"),
    (DeviceSetting("oven", "rtd4-pta8c04", "tcp://127.0.0.1:502", 1), "Modbus RTU device"),
    (DeviceSetting("oven", "no-such-profile", "socket://127.0.0.1:5020", 1), "no-such-profile"),
    (DeviceSetting("oven", "rtd4-pta8c04", "socket://127.0.0.1:5020", 1,
                   mapping={"oven.core_temp": "t9"}), "has no point 't9'"),
    (DeviceSetting("oven", "xy-md02", "socket://127.0.0.1:5020", 1), "say which point"),
])
def test_bad_settings_say_what_to_check_and_change_nothing(tmp_path, setting, says):
    cfg = _cfg(tmp_path)
    with pytest.raises(DeviceChangeError, match=says):
        plan_set(cfg, setting)
    assert cfg.path.read_text(encoding="utf-8") == BAKERY


def test_read_now_gives_value_unit_and_quality_in_words(tmp_path, rtd_peer):
    got = read_now(DeviceSetting("oven", "rtd4-pta8c04", rtd_peer.url, 1), timeout=0.5)
    assert [(r.point, r.value, r.unit, r.words) for r in got][:3] == [
        ("t1", 182.5, "°C", "good"), ("t2", 20.0, "°C", "good"), ("t3", -12.3, "°C", "good")]
    with pytest.raises(DeviceChangeError, match="no answer from unit 7 .* check wiring"):
        relay = Relay(rtd_peer.port).start()
        relay.silent_units.add(7)
        try:
            read_now(DeviceSetting("oven", "rtd4-pta8c04", relay.url, 7), timeout=0.3)
        finally:
            relay.unplug()
    assert quality_words(int(Quality.TIMEOUT | Quality.OUT_OF_RANGE)) == "no answer, out of range"


def test_a_manager_replaces_the_oven_probe_live_and_history_stays(tmp_path, rtd_peer):
    write_site(tmp_path)
    eng = open_engine(tmp_path)
    add_users(eng)
    oven_id = eng.channels["oven.core_temp"].id
    with Running(eng):
        wait_until(lambda: eng.channels["oven.core_temp"].last_value is not None, 10)
        change = plan_set(eng.config, DeviceSetting("oven", "rtd4-pta8c04", rtd_peer.url, 1))
        with pytest.raises(NotAllowed, match="kim is operator"):
            eng.apply_devices(change, by="kim", reason="new probe")
        with pytest.raises(EngineError, match="say why"):
            eng.apply_devices(change, by="park", reason=" ")
        assert eng.config.path.read_text(encoding="utf-8") == BAKERY
        eng.apply_devices(change, by="park", reason="RTD module installed")
        st = wait_until(lambda: eng.channels.get("oven.t1"), 5)
        assert st.id == oven_id and st.key == "oven.core_temp"
        wait_until(lambda: st.last_value == 182.5, 10)
        set_rtd(rtd_peer, 1, 190.0)
        wait_until(lambda: eng.channels["oven.t1"].last_value == 190.0, 10)
    cfg = site_config.load(tmp_path / "site.toml", discover())
    assert cfg.devices[0]["profile"] == "rtd4-pta8c04"
    with Store.open_reader(tmp_path / "deungdae.db") as s:
        values = [r[1] for r in s.readings(oven_id, 0, 2**62)]
        assert 190.0 in values and any(v is not None and v < 100 for v in values), \
            "simulated and real readings on one channel"
        ev = [e for e in s.events() if e.kind == "device.replaced"]
        assert [(e.channel, e.device, e.user) for e in ev] == [("oven.core_temp", "oven", "park")]
        assert "rtd4-pta8c04" in ev[0].message and "RTD module installed" in ev[0].message
        audit = s.config_changes("device_setting", "oven")
        assert audit[-1]["old"]["profile"] == "simulator"
        assert audit[-1]["new"]["port"] == rtd_peer.url and audit[-1]["user"] == "park"
        assert audit[-1]["reason"] == "RTD module installed"


def test_add_map_and_remove_a_device_over_a_pty(tmp_path, rtd_peer):
    relay = Relay(rtd_peer.port, front="pty", path=tmp_path / "ttyUSB0").start()
    try:
        write_site(tmp_path / "site")
        eng = open_engine(tmp_path / "site")
        add_users(eng)
        with Running(eng):
            add = plan_set(eng.config, DeviceSetting(
                "proof", "rtd4-pta8c04", relay.url, 1, name="Proofer",
                mapping={"proof.air": "t2"}))
            assert add.kind == "added"
            eng.apply_devices(add, by="lee", reason="proofer probe")
            wait_until(lambda: eng.channels.get("proof.t2") and
                       eng.channels["proof.t2"].last_value == 20.0, 10)
            # a second device at the same address on that bus is refused before a test,
            # and by the engine when a change bypasses the plan; nothing saved
            text = eng.config.path.read_text(encoding="utf-8")
            with pytest.raises(DeviceChangeError, match=r"unit 1 on .* is also device 'proof'; "
                               "give each device on one line its own address"):
                plan_set(eng.config, DeviceSetting("proof2", "rtd4-pta8c04", relay.url, 1))
            with pytest.raises(DeviceChangeError, match="runs at 9600 baud, parity N for "
                               "device 'proof'"):
                plan_set(eng.config, DeviceSetting("proof2", "rtd4-pta8c04", relay.url, 2,
                                                   baud=19200))
            dup = plan_set(eng.config, DeviceSetting("proof2", "rtd4-pta8c04", relay.url, 2))
            dup.text = dup.text.replace('unit = 2', 'unit = 1')
            with pytest.raises(EngineError, match="unit 1 on .* is also device 'proof'"):
                eng.apply_devices(dup, by="lee", reason="x")
            assert eng.config.path.read_text(encoding="utf-8") == text
            remap = plan_map(eng.config, "proof", {"proof.air": "t3"})
            eng.apply_devices(remap, by="park", reason="probe moved to input 3")
            wait_until(lambda: eng.channels.get("proof.t3") and
                       eng.channels["proof.t3"].last_value == -12.3, 10)
            air = eng.channels["proof.t3"].id
            with pytest.raises(DeviceChangeError, match="CCP, band or meter"):
                plan_remove(eng.config, "oven")
            # a limit set on the new channel is watched live; removing the device ends it
            eng.set_channel_alarm("proof.air", {"low": 0.0}, by="park", reason="proof min")
            alarms = next(r for r in eng.rules if hasattr(r, "by_key"))
            wait_until(lambda: alarms.by_key["proof.air"].limits[0].active, 10)
            eng.apply_devices(plan_remove(eng.config, "proof"), by="park", reason="sold")
            assert not any(k.startswith("proof.") for k in eng.channels)
            assert "proof.air" not in alarms.by_key
            assert ("proof.air", "low") not in eng.open_alarms
        text = (tmp_path / "site" / "site.toml").read_text(encoding="utf-8")
        assert text == BAKERY
        with Store.open_reader(tmp_path / "site" / "deungdae.db") as s:
            assert any(r[1] == -12.3 for r in s.readings(air, 0, 2**62))  # history kept
            kinds = [(e.kind, e.channel) for e in s.events() if e.kind.startswith("device.")
                     and e.device == "proof"]
            assert ("device.added", "proof.air") in kinds and \
                ("device.removed", "proof.air") in kinds and ("device.mapped", "proof.air") in kinds
    finally:
        relay.unplug()


def test_add_refuses_what_exists_and_adds_every_point_by_default(tmp_path, rtd_peer):
    cfg = _cfg(tmp_path)
    url = rtd_peer.url
    for setting, says in [
        (DeviceSetting("oven", "rtd4-pta8c04", url, 1), "device id 'oven' is already used"),
        (DeviceSetting("proof", "simulator"), "needs a real profile"),
        (DeviceSetting("proof", "rtd4-pta8c04", url, 1, mapping={}), "at least one point"),
        (DeviceSetting("proof", "rtd4-pta8c04", url, 1, mapping={"oven.core_temp": "t1"}),
         "channel id oven.core_temp is already used"),
        (DeviceSetting("pro of", "rtd4-pta8c04", url, 1), "use letters, digits"),
        (DeviceSetting(" ", "rtd4-pta8c04", url, 1), "give the new device an id"),
        (DeviceSetting("proof", "rtd4-pta8c04", "socket//127.0.0.1:5020", 1),
         "looks like a URL without '://'"),
    ]:
        with pytest.raises(DeviceChangeError, match=says):
            plan_add(cfg, setting)
    assert cfg.path.read_text(encoding="utf-8") == BAKERY
    ch = plan_add(cfg, DeviceSetting("proof", "rtd4-pta8c04", url, 1, name="Proofer"))
    raw = tomllib.loads(ch.text)
    assert raw["devices"][-1] == {"id": "proof", "name": "Proofer", "profile": "rtd4-pta8c04",
                                  "port": url, "unit": 1, "baud": 9600}
    added = [c for c in raw["channels"] if c.get("device") == "proof"]
    assert [c["id"] for c in added] == [f"proof.{p}" for p in
                                        ("t1", "t2", "t3", "t4", "r1", "r2", "r3", "r4")]
    assert ch.text.startswith(BAKERY.rstrip("\n").split("\n[[devices]]")[0])
    assert ch.kind == "added" and ch.old is None
    # a line device (ASCII over a serial line) shares its port with nothing
    line = plan_add(cfg, DeviceSetting("th", "ascii-thermometer", url, None))
    cfg2 = site_config.parse(line.text, cfg.path, discover())
    for other in (DeviceSetting("proof", "rtd4-pta8c04", url, 1),
                  DeviceSetting("th2", "ascii-thermometer", url, None)):
        with pytest.raises(DeviceChangeError, match=f"port {url} is already used by device "
                           "'th'; a line device needs its own port"):
            plan_add(cfg2, other)


def test_4_20_ma_scaling_is_written_audited_and_applied_live(tmp_path):
    peer = ModbusPeer(units=[4]).start()
    peer.set(4, "input", 0, [12000, 4000])  # ai1 12 mA, ai2 4 mA (µA registers)
    try:
        write_site(tmp_path)
        eng = open_engine(tmp_path)
        add_users(eng)
        with Running(eng):
            ai = "ai8-waveshare-4-20ma"
            for bad, says in (({"ai1": {"low": 0, "high": 0}}, "low and high must differ"),
                              ({"ai1": {"low": "x", "high": 1}}, "ai1.low: expected a finite"),
                              ({"t1": {"low": 0, "high": 1}}, "has no point 't1'")):
                with pytest.raises(DeviceChangeError, match=says):
                    plan_set(eng.config, DeviceSetting("oven", ai, peer.url, 4, scaling=bad))
            first = plan_set(eng.config, DeviceSetting(
                "oven", ai, peer.url, 4, scaling={"ai1": {"low": -50, "high": 300,
                                                           "unit": "°C"}}))
            assert first.kind == "replaced"
            assert 'scaling = { ai1 = { low = -50, high = 300, unit = "°C" } }' in first.text
            eng.apply_devices(first, by="park", reason="4-20 mA transmitter on the oven")
            wait_until(lambda: eng.channels.get("oven.ai1") and
                       eng.channels["oven.ai1"].last_value == 125.0, 10)
            assert eng.channels["oven.ai1"].unit == "°C"
            again = plan_set(eng.config, DeviceSetting(
                "oven", ai, peer.url, 4, scaling={"ai1": {"low": 0, "high": 200,
                                                           "unit": "°C"}}))
            assert again.kind == "scaled"
            eng.apply_devices(again, by="park", reason="transmitter re-ranged 0-200")
            wait_until(lambda: eng.channels["oven.ai1"].last_value == 100.0, 10)
        with Store.open_reader(tmp_path / "deungdae.db") as s:
            audit = s.config_changes("device_setting", "oven")
            assert audit[-1]["old"]["scaling"] == {"ai1": {"low": -50, "high": 300, "unit": "°C"}}
            assert audit[-1]["new"]["scaling"] == {"ai1": {"low": 0, "high": 200, "unit": "°C"}}
            assert [e.kind for e in s.events(kinds=["device.replaced", "device.scaled"])] == \
                ["device.replaced", "device.scaled"]
        # a [devices.scaling] subtable written by hand becomes the inline key; the rest stays
        text = (tmp_path / "site.toml").read_text(encoding="utf-8")
        text = text.replace('scaling = { ai1 = { low = 0, high = 200, unit = "°C" } }\n', "")
        at = text.index("[[devices]]", text.index('id = "oven"'))  # the next device
        text = (text[:at] + '[devices.scaling]\n# the oven transmitter\nai1 = { low = 0, '
                'high = 200, unit = "°C" }\n\n' + text[at:])
        cfg = _cfg(tmp_path / "b", text)
        assert cfg.devices[0]["scaling"]["ai1"]["high"] == 200
        ch = plan_set(cfg, DeviceSetting("oven", ai, peer.url, 4, scaling={
            "ai1": {"low": 0, "high": 250, "unit": "°C"}}))
        assert tomllib.loads(ch.text)["devices"][0]["scaling"] == {
            "ai1": {"low": 0, "high": 250, "unit": "°C"}}
        assert "[devices.scaling]" not in ch.text and "# en: Bakery" in ch.text
    finally:
        peer.stop()
