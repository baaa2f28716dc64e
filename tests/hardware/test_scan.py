"""Bus scan against real pymodbus peers over a pty and RTU-over-TCP: presence, profile
suggestions, KS X 3267 identification, time bound, cancellation, bad ports."""

import argparse
import threading
import time

import pytest
from peer import ModbusPeer, Relay

from deungdae.desktop.cli.hardware_commands import add_parsers, parse_units
from deungdae.hardware.decode import encode_value
from deungdae.hardware.profiles import load_profile
from deungdae.hardware.scan import (
    ScanError,
    modbus_profiles,
    plan_scan,
    scan_bus,
    scan_reads,
    worst_case_s,
)
from deungdae.hardware.source import ConfigError
from deungdae.hardware.transport import PortInfo


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="deungdae")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parsers(sub)
    args = parser.parse_args(argv)
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


RTD8 = [723, 215, 0xFF38, 1805, 2500, 40, 998, 0x7FFF]  # °C x10; CH8 an open sensor


def load_three(peer):
    """unit 1: XY-MD02 (23.5 °C, 45.6 %RH); unit 7: an 8-channel RTD module (72.3 °C,
    21.5 °C, -20.0 °C, ...); unit 23: SDM120 (230.1 V, 50 Hz ...)."""
    peer.set(1, "input", 1, [235, 456])
    peer.set(7, "holding", 0, RTD8)
    for addr, v in ((0x00, 230.1), (0x06, 4.2), (0x0C, 950.0), (0x12, 966.4),
                    (0x1E, 0.98), (0x46, 50.0), (0x48, 1234.5), (0x4A, 0.0), (0x156, 1234.5)):
        peer.set(23, "input", addr, encode_value(v, "float32"))


@pytest.fixture
def three():
    p = ModbusPeer(units=[1, 7, 23]).start()
    load_three(p)
    yield p
    p.stop()


def test_scan_over_a_pty_finds_three_peers_and_suggests_their_profiles(three, tmp_path):
    relay = Relay(three.port, front="pty", path=tmp_path / "ttyUSB0").start()
    relay.silent_units.update(set(range(256)) - {1, 7, 23})  # a real bus: absent ids are silent
    try:
        seen = []
        hits = scan_bus(str(relay.path), units=range(1, 25), timeout_s=0.25,
                        progress=lambda d, t: seen.append((d, t)))
    finally:
        relay.unplug()
    assert [h.unit for h in hits] == [1, 7, 23]
    assert seen[-1] == (24, 24) and [d for d, _ in seen] == list(range(1, 25))
    best = {h.unit: h.best.profile for h in hits}
    assert best == {1: "xy-md02", 7: "rtd8-comwintop", 23: "sdm120"}
    xy = hits[0].best
    assert {c.point: c.value for c in xy.points} == {"temperature": 23.5, "humidity": 45.6}
    assert xy.plausible == 2 and xy.implausible == 0
    rtd = hits[1].best
    assert rtd.plausible == 7 and rtd.implausible == 0  # CH8's open code is no evidence
    assert [c.value for c in rtd.points][:3] == [72.3, 21.5, -20.0]
    # the 4-channel PTA8C04 map reads its temperatures here too, but its PT100
    # resistance registers read 0 Ω: not that module
    assert "rtd4-pta8c04" not in [s.profile for s in hits[1].suggestions]
    # what answered is kept raw
    assert hits[0].registers[(4, 1)] == 235 and hits[0].registers[(4, 2)] == 456
    assert [hits[1].registers[(3, a)] for a in range(8)] == RTD8
    # an SDM120 is not taken for a SDM630 (its three-phase registers read zero)
    assert [s.profile for s in hits[2].suggestions][0] == "sdm120"


def test_scan_with_a_pymodbus_server_that_answers_unknown_ids(tmp_path):
    """pymodbus answers ids it does not hold with exception 4; a real bus is silent.
    Both are 'no device'."""
    peer = ModbusPeer(units=[1, 7, 23]).start()
    try:
        load_three(peer)
        hits = scan_bus(peer.url, units=range(1, 30), timeout_s=0.25,
                        profiles=[load_profile(n) for n in ("xy-md02", "sdm120",
                                                            "rtd8-comwintop")])
    finally:
        peer.stop()
    assert [(h.unit, h.best.profile) for h in hits] == [
        (1, "xy-md02"), (7, "rtd8-comwintop"), (23, "sdm120")]


def test_ksx3267_node_identifies_itself():
    peer = ModbusPeer(units=[5, 6]).start()
    try:
        # unit 5: a 2022 sensor node, 4 channels, 3 sensors attached, serial 0x00012345
        peer.set(5, "holding", 1, [1, 77, 1, 3, 10, 4, 0x2345, 0x0001])
        peer.set(5, "holding", 101, [1, 2, 11, 0])
        # unit 6: a 2018-era actuator node
        peer.set(6, "holding", 1, [1, 12, 2, 9, 101, 8, 0, 0])
        hits = scan_bus(peer.url, units=[4, 5, 6], timeout_s=0.25, profiles=[])
    finally:
        peer.stop()
    assert [h.unit for h in hits] == [5, 6]
    node = hits[0].ksx3267
    assert node.edition == "2022" and node.sensors == 3 and node.serial == 0x12345
    assert hits[0].summary() == ("KS X 3267 sensor node, edition 2022, 3 sensors "
                                 "(temperature, humidity, CO2)")
    assert hits[1].summary() == "KS X 3267 actuator node, edition 2018, 8 channels"


def test_a_device_that_is_not_ksx3267_is_not_called_one(three):
    hits = scan_bus(three.url, units=[1], timeout_s=0.25, profiles=[])
    assert hits and hits[0].ksx3267 is None  # answered (zeros), so present, but not a node


def test_scan_time_is_bounded_and_cancel_stops_within_one_timeout():
    silent = ModbusPeer(units=[200]).start()
    relay = Relay(silent.port).start()
    relay.silent_units.update(range(256))
    try:
        timeout = 0.05
        plan = plan_scan(relay.url, units=range(1, 41), timeout_s=timeout,
                         profiles=[load_profile("xy-md02")])
        t0 = time.monotonic()
        assert scan_bus(relay.url, plan=plan) == []
        took = time.monotonic() - t0
        bound = plan.worst_case_s()
        # the bound holds (the pty/TCP wire is faster than 9600 baud, so far below it)
        assert 40 * timeout <= took <= bound + 2.0, (took, bound)

        cancel = threading.Event()
        asked, cancelled_at, found = [], [], []
        done = threading.Event()

        def progress(d, _t):
            asked.append(d)
            if d == 5:
                cancel.set()
                cancelled_at.append(time.monotonic())

        def work():
            found.extend(scan_bus(relay.url, plan=plan, progress=progress, cancel=cancel))
            done.set()

        threading.Thread(target=work, daemon=True).start()
        assert done.wait(10)
        assert asked == [1, 2, 3, 4, 5] and found == []  # nothing asked after the cancel
        assert time.monotonic() - cancelled_at[0] < timeout + 1.0
    finally:
        relay.unplug()
        silent.stop()


def test_worst_case_at_9600_baud_is_documented():
    # 247 silent units, 0.1 s timeout, 9600 8N1: the figure the docstring promises
    bound = worst_case_s(247, 9600, 0.1)
    assert bound == pytest.approx(31.49, abs=0.01)
    # a device that answers adds its reads, each bounded too
    reads = scan_reads(modbus_profiles())
    assert worst_case_s(247, 9600, 0.1, reads, present=1) - bound < 30


def test_missing_port_says_what_exists(tmp_path):
    ports = [PortInfo("/dev/ttyUSB0", "FT232R USB UART", vid=0x0403, pid=0x6001,
                      serial_number="A10K3X"), PortInfo("/dev/ttyS0", "ttyS0")]
    with pytest.raises(ScanError) as e:
        plan_scan(str(tmp_path / "ttyUSB9"), lister=lambda: ports)
    assert str(e.value) == (f"port {tmp_path / 'ttyUSB9'} does not exist "
                            "(found: /dev/ttyUSB0, /dev/ttyS0)")
    with pytest.raises(ScanError, match="no scheme: write tcp://10.0.0.5:502"):
        plan_scan("10.0.0.5:502")


def test_bad_arguments_are_config_errors():
    with pytest.raises(ConfigError, match="0..255"):
        plan_scan("loop://", units=[300])
    with pytest.raises(ConfigError, match="line device"):
        plan_scan("loop://", profiles=[load_profile("ascii-thermometer")])
    with pytest.raises(ConfigError, match="timeout"):
        plan_scan("loop://", timeout_s=float("nan"))
    assert parse_units("1-3,7, 9") == [1, 2, 3, 7, 9]
    for bad in ("a-b", "5-2", "1-300", ""):
        with pytest.raises(ValueError, match="--units"):
            parse_units(bad)


def test_cli_scan_prints_a_table_with_suggestions(three, capsys):
    code, out, err = run(["scan", three.url, "--units", "1-8", "--timeout", "0.25"], capsys)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith(f"scanning {three.url}: units 1-8, 8 units at 9600 8N1, "
                               "timeout 0.25 s: at most")
    assert "8/8 unit ids asked" in err
    rows = [ln for ln in lines if ln[:4].strip().isdigit()]
    assert [r.split()[0] for r in rows] == ["1", "7"]
    assert "xy-md02" in rows[0] and "rtd8-comwintop" in rows[1]
    assert "temperature 23.5 °C" in out


def test_cli_scan_nothing_answered_says_what_to_check(capsys):
    silent = ModbusPeer(units=[200]).start()
    try:
        code, out, _ = run(["scan", silent.url, "--units", "1-3", "--timeout", "0.05",
                            "--profile", "xy-md02"], capsys)
    finally:
        silent.stop()
    assert code == 1
    assert "nothing answered" in out and "A to A, B to B" in out and "--baud" in out


def test_cli_scan_missing_port(tmp_path, capsys):
    code, out, _ = run(["scan", str(tmp_path / "ttyUSB9")], capsys)
    assert code == 2 and f"port {tmp_path / 'ttyUSB9'} does not exist (found:" in out


def test_scan_suggests_the_4_channel_rtd_module_when_it_is_one(tmp_path):
    peer = ModbusPeer(units=[3]).start()
    relay = Relay(peer.port, front="pty", path=tmp_path / "ttyUSB1").start()
    relay.silent_units.update(set(range(256)) - {3})
    try:
        peer.set(3, "holding", 0, [182, 250, 0xFF38, 1000])
        peer.set(3, "holding", 32, [1071, 1097, 922, 1385])  # PT100 Ω x10 of those °C
        hits = scan_bus(str(relay.path), units=[2, 3, 4], timeout_s=0.25)
    finally:
        relay.unplug()
        peer.stop()
    assert [h.unit for h in hits] == [3]
    assert hits[0].best.profile == "rtd4-pta8c04" and hits[0].best.plausible == 8


def test_scan_over_modbus_tcp_offers_the_tcp_devices():
    peer = ModbusPeer(units=[1], framer="tcp").start()
    try:
        peer.set(1, "holding", 0, [2900, 0xFF83, 250, 251, 252, 253, 254, 255])
        peer.set(1, "holding", 200, [3, 2, 3, 3, 3, 3, 3, 3])
        plan = plan_scan(peer.url, units=[1], timeout_s=0.25)
        assert plan.framing == "Modbus TCP"
        assert all("tcp" in p.transports for p in plan.profiles)
        hits = scan_bus(peer.url, plan=plan)
    finally:
        peer.stop()
    assert hits[0].best.profile == "tc8-exemys-rme1"
    with pytest.raises(ConfigError, match="speaks RTU only"):
        plan_scan(peer.url, profiles=[load_profile("rtd4-pta8c04")])


@pytest.mark.parametrize("argv, msg", [
    (["scan", "loop://", "--units", "1-x"], "--units: expected ids like 1-20"),
    (["scan", "loop://", "--units", "0-300"], "not a range of unit ids within 0-255"),
    (["scan", "loop://", "--timeout", "nan"], "scan timeout must be 0.01..10 s"),
    (["scan", "loop://", "--timeout", "0"], "scan timeout must be 0.01..10 s"),
    (["scan", "loop://", "--baud", "0"], "baud must be a baud rate"),
    (["scan", "loop://", "--profile", "nope"], "unknown device profile 'nope'"),
    (["scan", "loop://", "--profile", "ascii-scale"], "only Modbus devices"),
    (["scan", "htp://x:1"], "unknown URL scheme"),
    (["scan", "10.0.0.5:502"], "no scheme: write tcp://10.0.0.5:502"),
])
def test_cli_scan_bad_input_is_one_clear_line(argv, msg, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and msg in out and "Traceback" not in out + err
    assert len(out.strip().splitlines()) == 1


def test_cli_scan_ksx3267_only(capsys):
    peer = ModbusPeer(units=[5]).start()
    try:
        peer.set(5, "holding", 1, [1, 77, 1, 3, 10, 2, 0, 0])
        peer.set(5, "holding", 101, [1, 2])
        code, out, _ = run(["scan", peer.url, "--ksx3267", "--units", "4-6",
                            "--timeout", "0.25"], capsys)
    finally:
        peer.stop()
    assert code == 0
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("5 "))
    assert "holding 1: 0001 004d 0001 0003 000a 0002" in row
    assert row.endswith("KS X 3267 sensor node, edition 2022, 2 sensors (temperature, humidity)")


def test_damaged_answers_are_reported_as_a_collision_or_bad_line(peer, relay):
    """Two devices at one address answer over each other: frames come back damaged."""
    relay.crc_units.add(2)
    hits = scan_bus(relay.url, units=[2], timeout_s=0.25, profiles=[load_profile("xy-md02")])
    assert [h.unit for h in hits] == [2] and not hits[0].suggestions
    assert "two devices with this address" in hits[0].note
    assert "baud or parity" in hits[0].summary()


def test_an_adapter_pulled_during_a_scan_stops_it_with_a_clear_error(peer, tmp_path):
    relay = Relay(peer.port, front="pty", path=tmp_path / "ttyUSB0").start()
    relay.silent_units.update(range(256))

    def pull(done, _total):
        if done == 2:
            relay.unplug()

    try:
        with pytest.raises(ScanError, match="went away during the scan .* unplugged"):
            scan_bus(str(relay.path), units=range(1, 20), timeout_s=0.1, progress=pull,
                     profiles=[load_profile("xy-md02")])
    finally:
        relay.unplug()


def test_a_device_slower_than_the_timeout_is_asked_again_and_found(three, tmp_path):
    """Unit 7 answers 0.2 s late against a 0.1 s timeout: its answer is found waiting when
    unit 8 is asked, so the scan asks it once more with a longer wait. Silent units are
    not asked twice."""
    relay = Relay(three.port, front="pty", path=tmp_path / "ttyUSB0").start()
    relay.silent_units.update(set(range(256)) - {1, 7, 23})
    relay.late_units[7] = 0.2
    try:
        hits = scan_bus(str(relay.path), units=range(1, 25), timeout_s=0.1)
    finally:
        relay.unplug()
    assert [h.unit for h in hits] == [1, 7, 23]
    assert hits[1].best.profile == "rtd8-comwintop"
    assert all(relay.asked[u] == 1 for u in set(range(1, 25)) - {1, 7, 23})
    assert relay.asked[7] > 1
