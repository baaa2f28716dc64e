import contextlib
import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from peer import Relay  # noqa: F401  (conftest puts peer on the path)

from deungdae.hardware.line import parse_line
from deungdae.hardware.profiles import BUILTIN_DIR, list_profiles, load_profile, load_profile_file
from deungdae.hardware.reading import Quality
from deungdae.hardware.simulator import SimulatorSource
from deungdae.hardware.source import ConfigError
from deungdae.hardware.sources import build_sources
from deungdae.hardware.transport import PortInfo, PortNotFound, parse_port, resolve


def test_builtin_profiles_load_from_the_package_relative_dir():
    names = list_profiles()
    assert BUILTIN_DIR.name == "devices" and all(p.parent == BUILTIN_DIR for p in names.values())
    for n in names:
        assert load_profile(n).points


def test_bad_toml_names_file_and_line(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('protocol = "modbus"\n\n[[points]]\nname = "t"\naddress = 0x\n')
    with pytest.raises(ConfigError) as e:
        load_profile_file(f)
    assert str(f) in str(e.value) and "line 5" in str(e.value)


def test_bad_key_names_line_key_and_expectation(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('protocol = "modbus"\n\n[[points]]\nname = "t"\nfunction = "input"\n'
                 'address = 3\ntype = "int8"\n')
    with pytest.raises(ConfigError) as e:
        load_profile_file(f)
    msg = str(e.value)
    assert "line 7" in msg and "points[1] 't'.type" in msg and "int16" in msg and "'int8'" in msg


def test_extra_dir_wins_and_unknown_lists_known(tmp_path):
    (tmp_path / "xy-md02.toml").write_text(
        'protocol = "modbus"\n[[points]]\nname = "only"\nfunction = "input"\naddress = 9\n')
    assert load_profile("xy-md02", [tmp_path]).points[0].name == "only"
    with pytest.raises(ConfigError, match="known profiles: .*sdm120"):
        load_profile("nope")


THERMO = load_profile("ascii-thermometer")
SCALE = load_profile("ascii-scale")


def test_line_parser():
    assert parse_line(THERMO, b"T1: +23.45 C\r\n") == {"temperature": (23.45, Quality.GOOD)}
    assert parse_line(THERMO, "T:-18.2C") == {"temperature": (-18.2, Quality.GOOD)}
    assert parse_line(THERMO, b"T1: 999.0 C") == {"temperature": (999.0, Quality.OUT_OF_RANGE)}
    assert parse_line(THERMO, b"\xff\xfe garbage") is None
    assert parse_line(SCALE, b"ST,GS,+0012.345kg") == {"weight": (12.345, Quality.GOOD)}
    assert parse_line(SCALE, b"US,GS,+0012.345kg") is None  # unstable


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_line_parser_never_raises(data):
    for prof in (THERMO, SCALE):
        out = parse_line(prof, data)
        assert out is None or set(out) == {p.name for p in prof.points}


def test_line_device_over_pty_with_garbage_and_unplug(tmp_path):
    master, slave = os.openpty()
    import tty
    tty.setraw(slave)
    link = tmp_path / "ttyACM0"
    link.symlink_to(os.ttyname(slave))
    (src,) = build_sources([{"id": "thermo", "profile": "ascii-thermometer", "port": str(link),
                             "interval": 0.05, "timeout": 0.1}], time.time_ns() // 1_000_000)
    try:
        assert not src.poll_due(time.time_ns() // 1_000_000).readings  # opens the port
        os.write(master, b"T1: +4.5 C\r\n\x00\x17garbage\r\nT1: +4.6 C\r\n")
        readings, events = [], []
        deadline = time.monotonic() + 3
        while len(readings) < 2 and time.monotonic() < deadline:
            res = src.poll_due(time.time_ns() // 1_000_000)
            readings += res.readings
            events += res.events
            time.sleep(0.02)
        assert [(r.value, r.quality) for r in readings] == [(4.5, 0), (4.6, 0)]
        assert [e.kind for e in events] == ["error"] and events[0].data == {"garbage": 1}
        # silence: lost after 3 intervals with no reading
        deadline = time.monotonic() + 3
        while not any(e.kind == "lost" for e in events) and time.monotonic() < deadline:
            events += src.poll_due(time.time_ns() // 1_000_000).events
            time.sleep(0.02)
        assert events[-1].kind == "lost"
        # unplug: the port vanishes; no crash, DISCONNECTED readings
        os.close(master)
        os.close(slave)
        link.unlink()
        qs = set()
        t_end = time.monotonic() + 4
        while Quality.DISCONNECTED not in qs and time.monotonic() < t_end:
            qs |= {r.quality for r in src.poll_due(time.time_ns() // 1_000_000).readings}
            time.sleep(0.05)
        assert Quality.DISCONNECTED in qs
        # replug under the same name: readings return and the device is restored
        master, slave = os.openpty()
        tty.setraw(slave)
        link.symlink_to(os.ttyname(slave))
        deadline = time.monotonic() + 8
        while not any(e.kind == "restored" for e in events) and time.monotonic() < deadline:
            os.write(master, b"T1: +5.0 C\r\n")
            events += src.poll_due(time.time_ns() // 1_000_000).events
            time.sleep(0.1)
        assert events[-1].kind == "restored"
    finally:
        src.close()
        for fd in (master, slave):
            with contextlib.suppress(OSError):
                os.close(fd)


PORTS = [
    PortInfo("/dev/ttyUSB0", "FT232R USB UART", vid=0x0403, pid=0x6001, serial_number="A10K3X",
             location="1-1.2"),
    PortInfo("/dev/ttyUSB1", "CH340", vid=0x1A86, pid=0x7523, serial_number=None, location="1-1.3"),
    PortInfo("/dev/ttyS0", "ttyS0"),
]


def test_usb_adapter_found_again_after_moving_ports():
    ep = parse_port("usb:serial=A10K3X")
    assert resolve(ep, lambda: PORTS) == "/dev/ttyUSB0"
    moved = [PortInfo("/dev/ttyUSB3", "FT232R USB UART", vid=0x0403, pid=0x6001,
                      serial_number="A10K3X", location="1-1.4")]
    assert resolve(ep, lambda: moved) == "/dev/ttyUSB3"
    assert resolve(parse_port("usb:vid=1a86,pid=7523"), lambda: PORTS) == "/dev/ttyUSB1"
    with pytest.raises(PortNotFound, match="unplugged"):
        resolve(ep, lambda: PORTS[1:])
    with pytest.raises(PortNotFound, match="several"):
        resolve(parse_port("usb:vid=0403"), lambda: PORTS + moved)
    with pytest.raises(ConfigError):
        parse_port("usb:colour=red")
    assert PORTS[0].usb_spec() == "usb:serial=A10K3X"


def test_build_sources_groups_by_bus_and_keeps_simulator():
    devs = [
        {"id": "sim", "profile": "simulator", "interval": 1,
         "points": {"t": {"base": 5.0, "unit": "°C"}}},
        {"id": "a", "profile": "xy-md02", "port": "socket://127.0.0.1:1", "unit": 1},
        {"id": "b", "profile": "xy-md02", "port": "socket://127.0.0.1:1", "unit": 2},
        {"id": "m", "profile": "sdm120", "port": "tcp://127.0.0.1:1", "unit": 1},
    ]
    sources = build_sources(devs, 0)
    assert isinstance(sources[0], SimulatorSource)
    names = sorted(s.name for s in sources[1:])
    assert names == ["socket://127.0.0.1:1", "tcp://127.0.0.1:1"]
    bus = next(s for s in sources if s.name.startswith("socket"))
    assert {(p.device, p.point, p.unit) for p in bus.points()} == {
        ("a", "temperature", "°C"), ("a", "humidity", "%RH"),
        ("b", "temperature", "°C"), ("b", "humidity", "%RH")}
    for bad, msg in [
        ({**devs[2], "unit": 1}, "unit 1 .* also device 'a'"),
        ({**devs[2], "baud": 19200}, "one bus has one speed"),
        ({**devs[2], "profile": "nope"}, "unknown device profile 'nope'"),
        ({**devs[2], "interval": "fast"}, "key 'interval'"),
    ]:
        with pytest.raises(ConfigError, match=msg):
            build_sources([devs[1], bad], 0)
    for s in sources:
        s.close()
