"""KS X 3267 nodes read by what they say they are, against a real pymodbus peer built
from the 2022 Annex A map (tests/hardware/ksx_peer.py): value by value, status words
as quality, the 2018 edition told apart, actuators as state channels, read only."""

import argparse
import time

import pytest
from ksx_peer import ActuatorNode, KsxPeer, Opener, Sensor, SensorNode, Switch, float_low_word_first
from peer import Relay

from deungdae.desktop.cli.hardware_commands import add_parsers
from deungdae.hardware.ksx3267 import STATUS_BAD, KsxError, parse_node_info
from deungdae.hardware.ksx3267_source import KsxBusSource
from deungdae.hardware.probe import ProbeError, probe, probe_ksx3267
from deungdae.hardware.reading import Quality
from deungdae.hardware.sources import build_sources

_OPEN: list = []


@pytest.fixture(autouse=True)
def _close_sources():
    yield
    while _OPEN:
        _OPEN.pop().close()


def now():
    return time.time_ns() // 1_000_000


def bus(url, devices, timeout=0.3):
    """The sources a site config with these devices gets (the engine's own path)."""
    sources = build_sources([{"timeout": timeout, "port": url, **d} for d in devices], now())
    _OPEN.extend(sources)
    assert len(sources) == 1
    return sources[0]


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="deungdae")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parsers(sub)
    args = parser.parse_args(argv)
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


# a 2022 node with its own order, a channel left empty and two sensors of one kind
GREENHOUSE = SensorNode(3, [Sensor(1, 28.8), Sensor(2, 65.5), Sensor(11, 812.0), None,
                            Sensor(13, 450.25), Sensor(1, 17.5), Sensor(16, 6.1)])


@pytest.fixture
def greenhouse():
    p = KsxPeer([GREENHOUSE]).start()
    yield p
    p.stop()


def test_the_standards_float_example_is_low_word_first():
    assert float_low_word_first(28.8) == [0x6666, 0x41E6]


def test_a_sensor_node_is_read_channel_by_channel_from_its_device_codes(greenhouse):
    src = bus(greenhouse.url, [{"id": "gh1", "profile": "ksx3267-sensor-node", "unit": 3}])
    assert isinstance(src, KsxBusSource)
    assert [(p.point, p.unit) for p in src.points()] == [
        ("node_status", ""), ("temperature", "°C"), ("humidity", "%RH"), ("co2", "ppm"),
        ("ppfd", "µmol/m²/s"), ("temperature_2", "°C"), ("ph", "pH")]
    res = src.poll_due(now())
    got = {r.channel: r for r in res.readings}
    assert list(got) == ["gh1.node_status", "gh1.temperature", "gh1.humidity", "gh1.co2",
                         "gh1.ppfd", "gh1.temperature_2", "gh1.ph"]
    want = {"temperature": 28.8, "humidity": 65.5, "co2": 812.0, "ppfd": 450.25,
            "temperature_2": 17.5, "ph": 6.1, "node_status": 0}
    for point, value in want.items():
        r = got[f"gh1.{point}"]
        assert r.quality == Quality.GOOD, (point, r)
        assert r.value == pytest.approx(value, abs=1e-5), point
    assert not res.events
    assert greenhouse.writes == 0


def test_status_words_become_quality_with_the_status_named():
    node = SensorNode(4, [Sensor(1, 21.0), Sensor(2, 70.0, status=102), Sensor(11, 0.0, status=1),
                          Sensor(7, 350.0, status=905)])
    p = KsxPeer([node]).start()
    try:
        src = bus(p.url, [{"id": "n", "profile": "ksx3267-sensor-node", "unit": 4}])
        src.points()
        res = src.poll_due(now())
    finally:
        p.stop()
    got = {r.channel: r for r in res.readings}
    assert got["n.temperature"].quality == Quality.GOOD
    # the value the node sent is kept, but it is not good
    assert got["n.humidity"].value == pytest.approx(70.0)
    assert got["n.humidity"].quality == STATUS_BAD
    assert got["n.co2"].quality == STATUS_BAD
    assert got["n.solar_radiation"].quality == STATUS_BAD
    assert got["n.solar_radiation"].quality & Quality.SENSOR_FAULT
    [event] = res.events
    assert event.kind == "error" and event.device == "n"
    assert "humidity (습도, ch 2): 102 보정 필요 / needs calibration" in event.message
    assert "CO2 (이산화탄소, ch 3): 1 오류 / error" in event.message
    assert "905 제조사 정의 상태 905 / vendor-specific status 905" in event.message


def test_the_2018_edition_is_told_apart_by_its_protocol_version():
    codes = [Sensor(1, 20.0), Sensor(2, 50.0), Sensor(3, 900.0), Sensor(4, 300.0)]
    p = KsxPeer([SensorNode(5, codes, version=101), SensorNode(6, list(codes))]).start()
    try:
        old = probe_ksx3267(p.url, "ksx3267-sensor-node", unit=5, timeout=0.3)
        new = probe_ksx3267(p.url, "ksx3267-sensor-node", unit=6, timeout=0.3)
    finally:
        p.stop()
    assert old.node.edition == "2018" and new.node.edition == "2022"
    # the same device codes mean other sensors in the two editions
    assert [c.name for c in old.layout.channels] == ["temperature", "humidity", "co2",
                                                     "solar_radiation"]
    assert [c.name for c in new.layout.channels] == ["temperature", "humidity", "dew_point",
                                                     "rain"]
    assert {old.point(r): r.value for r in old.readings}["co2"] == pytest.approx(900.0)
    # a 2022 "rain detection" of 300 is implausible: kept, flagged
    rain = next(r for r in new.readings if new.point(r) == "rain")
    assert rain.value == pytest.approx(300.0) and rain.quality == Quality.OUT_OF_RANGE


def test_an_unknown_device_code_is_recorded_under_its_number():
    p = KsxPeer([SensorNode(7, [Sensor(1, 19.0), Sensor(77, 1.5)])]).start()
    try:
        found = probe_ksx3267(p.url, "ksx3267-sensor-node", unit=7, timeout=0.3)
    finally:
        p.stop()
    got = {found.point(r): (r.value, r.quality) for r in found.readings}
    assert got["code77_ch2"] == (pytest.approx(1.5), Quality.GOOD)


def test_an_actuator_node_is_read_as_state_channels_and_never_written():
    node = ActuatorNode(8, switches={1: Switch(2, status=201, remaining=120, opid=5),
                                     2: Switch(2, status=0), 16: Switch(2, status=3)},
                        openers={1: Opener(3, status=301, remaining=40),
                                 2: Opener(3, status=302, remaining=70000),
                                 8: Opener(3, status=0)})
    p = KsxPeer([node]).start()
    try:
        src = bus(p.url, [{"id": "act", "profile": "ksx3267-actuator-node", "unit": 8}])
        points = [pt.point for pt in src.points()]
        res = src.poll_due(now())
    finally:
        p.stop()
    assert points == ["node_status",
                      "switch1_on", "switch1_remaining", "switch2_on", "switch2_remaining",
                      "switch16_on", "switch16_remaining",
                      "opener1_opening", "opener1_closing", "opener1_remaining",
                      "opener2_opening", "opener2_closing", "opener2_remaining",
                      "opener8_opening", "opener8_closing", "opener8_remaining"]
    got = {r.channel.split(".", 1)[1]: (r.value, r.quality) for r in res.readings}
    assert got["switch1_on"] == (1.0, Quality.GOOD)
    assert got["switch1_remaining"] == (120.0, Quality.GOOD)
    assert got["switch2_on"] == (0.0, Quality.GOOD)
    assert got["switch16_on"] == (None, STATUS_BAD)  # voltage error: no state to trust
    assert got["opener1_opening"] == (1.0, 0) and got["opener1_closing"] == (0.0, 0)
    assert got["opener1_remaining"] == (40.0, 0)
    assert got["opener2_opening"] == (0.0, 0) and got["opener2_closing"] == (1.0, 0)
    assert got["opener2_remaining"] == (70000.0, 0)  # uint32, low word first
    assert got["opener8_opening"] == (0.0, 0) and got["opener8_closing"] == (0.0, 0)
    assert "switch 16 (스위치 16, ch 16, code 2): 3 전압 이상 / voltage error" in \
        res.events[0].message
    assert p.writes == 0 and set(p.functions) == {3}


def test_the_wrong_profile_for_the_node_says_which_to_use():
    p = KsxPeer([ActuatorNode(8, switches={1: Switch(2)})]).start()
    try:
        with pytest.raises(ProbeError, match="actuator node .* profile ksx3267-actuator-node"):
            probe(p.url, "ksx3267-sensor-node", unit=8, timeout=0.3)
        src = bus(p.url, [{"id": "x", "profile": "ksx3267-sensor-node", "unit": 8,
                           "lost_after": 1}])
        assert [pt.point for pt in src.points()] == ["node_status"]
        res = src.poll_due(now())
    finally:
        p.stop()
    assert [(r.channel, r.value, r.quality) for r in res.readings] == [
        ("x.node_status", None, Quality.GARBAGE)]
    assert res.events[0].kind == "lost"
    assert "ksx3267-actuator-node" in res.events[0].message


def test_garbage_node_info_is_a_clear_error_without_traceback(capsys):
    # unit 9 is some other Modbus device: its registers 1-8 are zeros
    p = KsxPeer([], extra_units=[9]).start()
    try:
        with pytest.raises(ProbeError) as e:
            probe_ksx3267(p.url, "ksx3267-sensor-node", unit=9, timeout=0.3)
        code, out, err = run(["probe", p.url, "--profile", "ksx3267-sensor-node", "--unit", "9",
                              "--timeout", "0.3"], capsys)
    finally:
        p.stop()
    assert "does not answer as a KS X 3267 node: registers 1-8 are not KS X 3267 node " \
           "info: product type 0" in str(e.value)
    assert code == 2 and "Traceback" not in out + err
    assert out.strip().splitlines() == [f"probe failed: {e.value}"]
    with pytest.raises(KsxError, match="channel count 99"):
        parse_node_info([1, 1, 1, 1, 10, 99, 0, 0])


def test_a_missing_node_is_a_clear_error_and_is_learnt_when_it_answers(greenhouse, capsys):
    relay = Relay(greenhouse.port).start()
    relay.silent_units.add(3)
    try:
        with pytest.raises(ProbeError) as e:
            probe_ksx3267(relay.url, "ksx3267-sensor-node", unit=3, timeout=0.2)
        assert str(e.value) == (f"no answer from unit 3 at 9600 8N1 on {relay.url} — check "
                                "wiring, unit id, baud")
        code, out, err = run(["probe", relay.url, "--profile", "ksx3267-sensor-node", "--unit",
                              "3", "--timeout", "0.2"], capsys)
        assert code == 2 and "no answer from unit 3" in out and "Traceback" not in out + err
        # on a running bus: the node's fixed points time out, then it is lost
        src = bus(relay.url, [{"id": "gh1", "profile": "ksx3267-sensor-node", "unit": 3,
                               "lost_after": 1, "reconnect_max": 0.1}], timeout=0.2)
        assert [pt.point for pt in src.points()] == ["node_status"]
        res = src.poll_due(now())
        assert [(r.channel, r.quality) for r in res.readings] == [
            ("gh1.node_status", Quality.TIMEOUT)]
        assert res.events[0].kind == "lost"
        relay.silent_units.clear()
        t = src.next_due_ms()
        res = src.poll_due(max(t, now()) + 500)  # past the late-answer guard
    finally:
        relay.unplug()
    got = {r.channel: r for r in res.readings}
    assert got["gh1.temperature"].value == pytest.approx(28.8, abs=1e-5)
    kinds = [ev.kind for ev in res.events]
    assert kinds == ["error", "restored"] or kinds == ["restored", "error"]
    late = next(ev for ev in res.events if ev.kind == "error")
    assert "temperature, humidity, co2, ppfd, temperature_2, ph" in late.message
    assert "다음 시작부터 기록됩니다" in late.message


def test_cli_probe_prints_node_info_and_each_sensor_in_words(capsys):
    node = SensorNode(3, [Sensor(1, 28.8), Sensor(2, 65.5, status=102), None, Sensor(11, 640.0)],
                      serial=0x00012345)
    p = KsxPeer([node]).start()
    try:
        code, out, err = run(["probe", p.url, "--profile", "ksx3267-sensor-node", "--unit", "3",
                              "--timeout", "0.3"], capsys)
    finally:
        p.stop()
    assert code == 1, out  # one sensor is not good
    lines = out.splitlines()
    assert lines[0] == f"KS X 3267 센서 노드 sensor node — unit 3, {p.url}"
    assert "노드 종류 node type: 센서 노드 / sensor node (1)" in lines[1]
    assert "판 edition: 2022 (프로토콜 버전 protocol version 10)" in lines[2]
    assert "일련번호 serial 74565 (0x00012345)" in lines[3]
    assert "채널 channels: 4 · 장치 코드 device codes: 1 2 0 11" in lines[4]
    rows = {ln.split()[1]: ln for ln in lines[6:]}
    assert rows["temperature"].split()[:5] == ["1", "temperature", "28.8", "°C", "0"]
    assert rows["temperature"].endswith("0 정상 / normal · 온도 / temperature")
    assert rows["humidity"].split()[:4] == ["2", "humidity", "65.5", "%RH"]
    assert "102 보정 필요 / needs calibration · 습도 / humidity" in rows["humidity"]
    assert rows["co2"].split()[:4] == ["4", "co2", "640", "ppm"]
    assert "Traceback" not in out + err


def test_a_rewired_node_is_read_by_its_new_codes_not_mislabelled():
    node = SensorNode(3, [Sensor(1, 24.0), Sensor(2, 80.0)])
    p = KsxPeer([node]).start()
    try:
        src = bus(p.url, [{"id": "gh1", "profile": "ksx3267-sensor-node", "unit": 3}])
        src.points()
        t = now()
        first = {r.channel: r.value for r in src.poll_due(t).readings}
        # the installer swaps the two sensors' channels
        SensorNode(3, [Sensor(2, 81.0), Sensor(1, 25.0)]).load(p)
        later = t + 600_001  # the node's info is read again every 10 minutes
        res = src.poll_due(later)
    finally:
        p.stop()
    assert first["gh1.temperature"] == pytest.approx(24.0)
    got = {r.channel: r.value for r in res.readings}
    assert got["gh1.temperature"] == pytest.approx(25.0)
    assert got["gh1.humidity"] == pytest.approx(81.0)
    [ev] = res.events
    assert "장치 코드 device codes 1 2 -> 2 1" in ev.message
    assert ev.data["before"] == [1, 2] and ev.data["after"] == [2, 1]


def test_a_mixed_bus_reads_other_devices_as_before():
    p = KsxPeer([GREENHOUSE], extra_units=[1]).start()
    try:
        p.set(1, "input", 1, [231, 402])  # an XY-MD02 at unit 1: 23.1 °C, 40.2 %RH
        src = bus(p.url, [{"id": "th", "profile": "xy-md02", "unit": 1},
                          {"id": "gh1", "profile": "ksx3267-sensor-node", "unit": 3}])
        points = [f"{pt.device}.{pt.point}" for pt in src.points()]
        got = {r.channel: (r.value, r.quality) for r in src.poll_due(now()).readings}
    finally:
        p.stop()
    assert points[:3] == ["th.temperature", "th.humidity", "gh1.node_status"]
    assert got["th.temperature"] == (23.1, 0) and got["th.humidity"] == (40.2, 0)
    assert got["gh1.temperature"][0] == pytest.approx(28.8, abs=1e-5)


def test_an_unknown_protocol_version_is_read_under_device_code_numbers():
    p = KsxPeer([SensorNode(4, [Sensor(1, 19.5)], version=3)]).start()
    try:
        found = probe_ksx3267(p.url, "ksx3267-sensor-node", unit=4, timeout=0.3)
    finally:
        p.stop()
    assert found.node.edition == "" and "edition unknown" in found.node.describe()
    assert {found.point(r): r.value for r in found.readings}["code1_ch1"] == pytest.approx(19.5)
