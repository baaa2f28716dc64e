"""Ports as a user picks them: detected adapters with the spec to save (by USB serial
number when the adapter has its own), typed ports checked with one clear message, and a
device saved by serial number read again after its adapter moved to another port."""

import time

import pytest
from peer import ModbusPeer, Relay, wait_until

from deungdae.hardware.modbus import ModbusLink
from deungdae.hardware.poller import ModbusSource, device_config
from deungdae.hardware.ports import PortError, check_port, detected_ports, port_choices_text
from deungdae.hardware.profiles import load_profile
from deungdae.hardware.reading import Quality
from deungdae.hardware.transport import PortInfo, parse_port

FTDI = PortInfo("/dev/ttyUSB0", "FT232R USB UART", vid=0x0403, pid=0x6001,
                serial_number="A10K3X", location="1-1.2", product="FT232R USB UART")
CH340 = PortInfo("/dev/ttyUSB1", "USB Serial", vid=0x1A86, pid=0x7523, location="1-1.3")
CLONE_A = PortInfo("/dev/ttyUSB2", "CP2102", vid=0x10C4, pid=0xEA60, serial_number="0001",
                   location="1-1.4")
CLONE_B = PortInfo("/dev/ttyUSB3", "CP2102", vid=0x10C4, pid=0xEA60, serial_number="0001",
                   location="1-1.5")
BUILTIN = PortInfo("/dev/ttyS0", "ttyS0")


def test_detected_ports_save_by_serial_number_when_the_adapter_has_its_own():
    ports = detected_ports(lambda: [BUILTIN, CLONE_B, FTDI, CH340, CLONE_A])
    by_dev = {c.device: c for c in ports}
    assert [c.device for c in ports][-1] == "/dev/ttyS0"  # USB adapters first
    assert by_dev["/dev/ttyUSB0"].spec == "usb:serial=A10K3X"
    assert by_dev["/dev/ttyUSB0"].by_serial_number and by_dev["/dev/ttyUSB0"].vid_pid == "0403:6001"
    assert by_dev["/dev/ttyUSB0"].label == ("/dev/ttyUSB0 — FT232R USB UART (0403:6001, "
                                            "serial A10K3X)")
    # no serial number: by USB ids and socket; a number two adapters share tells nothing
    assert by_dev["/dev/ttyUSB1"].spec == "usb:vid=1a86,pid=7523,location=1-1.3"
    assert by_dev["/dev/ttyUSB2"].spec == "usb:vid=10c4,pid=ea60,location=1-1.4"
    assert by_dev["/dev/ttyS0"].spec == "/dev/ttyS0"
    text = port_choices_text(ports)
    assert '    port = "usb:serial=A10K3X"   (finds this adapter by its serial number)' in text


def test_detected_ports_never_raise():
    def broken():
        raise OSError("udev is gone")
    assert detected_ports(broken) == []


@pytest.mark.parametrize("typed, msg", [
    ("", "no port given"),
    ("10.0.0.5:502", "no scheme: write tcp://10.0.0.5:502 for a Modbus TCP device or "
                     "socket://10.0.0.5:502 for RTU"),
    ("socket://10.0.0.5", "no TCP port; expected socket://10.0.0.5:PORT"),
    ("socket://:4001", "no host"),
    ("socket://10.0.0.5:99999", "expected socket://host:port"),
    ("rfc2217://host:abc", "expected rfc2217://host:port"),
    ("tcp://[::1", "expected tcp://host:port"),
    ("htp://10.0.0.5:502", "unknown URL scheme 'htp://'"),
    ("usb:colour=red", "expected usb:key=value"),
    ("socket://10.0.0.5:0", "port 0"),
])
def test_malformed_ports_get_one_clear_message(typed, msg):
    with pytest.raises(PortError) as e:
        check_port(typed, lambda: [])
    assert msg in str(e.value)


def test_a_missing_local_port_names_the_ones_there(tmp_path):
    with pytest.raises(PortError) as e:
        check_port(str(tmp_path / "ttyUSB9"), lambda: [FTDI, BUILTIN])
    assert str(e.value) == (f"port {tmp_path / 'ttyUSB9'} does not exist "
                            "(found: /dev/ttyUSB0, /dev/ttyS0)")
    with pytest.raises(PortError, match=r"no USB serial adapter matches 'usb:serial=ZZZ' "
                                        r"\(found: no serial ports found\)"):
        check_port("usb:serial=ZZZ", lambda: [])
    with pytest.raises(PortError, match="matches several adapters"):
        check_port("usb:vid=10c4", lambda: [CLONE_A, CLONE_B])


def test_good_ports_pass():
    assert check_port("socket://10.0.0.5:4001").kind == "serial"
    assert check_port("tcp://10.0.0.5").tcp_port == 502
    assert check_port("rfc2217://10.0.0.5:2217").kind == "serial"
    assert check_port("loop://").kind == "serial"
    assert check_port("usb:serial=A10K3X", lambda: [FTDI]).kind == "usb"
    assert check_port("/dev/ttyUSB0", lambda: [FTDI]).spec == "/dev/ttyUSB0"


def test_a_device_saved_by_serial_number_is_read_again_on_another_port(tmp_path):
    """The adapter is unplugged from one USB port and plugged into another: it comes
    back as a different device path; the saved `usb:serial=` spec finds it there."""
    peer = ModbusPeer(units=[1]).start()
    relay = Relay(peer.port, front="pty", path=tmp_path / "ttyUSB0").start()
    where = {"path": str(tmp_path / "ttyUSB0")}

    def lister():
        return [PortInfo(where["path"], "FT232R USB UART", vid=0x0403, pid=0x6001,
                         serial_number="A10K3X")]

    spec = detected_ports(lister)[0].spec
    assert spec == "usb:serial=A10K3X"
    peer.set(1, "input", 1, [215, 480])
    cfg = device_config({"id": "th", "port": spec, "unit": 1, "interval": 0.05,
                         "timeout": 0.2}, load_profile("xy-md02"))
    src = ModbusSource(ModbusLink(parse_port(spec), timeout=0.2, lister=lister), [cfg],
                       time.time_ns() // 1_000_000)
    try:
        def now():
            return time.time_ns() // 1_000_000
        first = src.poll_due(now())
        assert {r.value for r in first.readings} == {21.5, 48.0}
        assert src.link.opened_as == str(tmp_path / "ttyUSB0")
        relay.unplug()
        relay.path = tmp_path / "ttyUSB3"  # re-enumerated on another port
        relay.replug()
        where["path"] = str(tmp_path / "ttyUSB3")
        peer.set(1, "input", 1, [222, 490])
        events = []

        def back():
            res = src.poll_due(max(now(), src.next_due_ms()))
            events.extend(res.events)
            return any(r.quality == Quality.GOOD and r.value == 22.2 for r in res.readings)

        wait_until(back, 10, 0.05)
        assert src.link.opened_as == str(tmp_path / "ttyUSB3")
        assert [e.kind for e in events][-1] == "restored"
    finally:
        src.close()
        relay.unplug()
        peer.stop()
