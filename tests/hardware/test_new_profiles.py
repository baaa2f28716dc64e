"""The RTD, thermocouple, 4-20 mA, pulse counter and generic TCP profiles, value by value
against pymodbus peers holding the registers their manuals describe; faults named,
per-channel scaling, counter rollover, and the strict profile schema."""

import time

import pytest
from peer import ModbusPeer

from deungdae.hardware.decode import counter_delta, encode_value
from deungdae.hardware.modbus import ModbusLink
from deungdae.hardware.poller import ModbusSource, device_config
from deungdae.hardware.profiles import load_profile, load_profile_file
from deungdae.hardware.reading import Quality
from deungdae.hardware.source import ConfigError
from deungdae.hardware.sources import build_sources
from deungdae.hardware.transport import parse_port


def now():
    return time.time_ns() // 1_000_000


@pytest.fixture
def rtu():
    p = ModbusPeer(units=[1, 2]).start()
    yield p
    p.stop()


@pytest.fixture
def tcp():
    p = ModbusPeer(units=[1], framer="tcp").start()
    yield p
    p.stop()


def poll(url, profile, unit=1, **extra):
    cfg = device_config({"id": "d", "port": url, "unit": unit, "timeout": 0.5, **extra},
                        load_profile(profile))
    src = ModbusSource(ModbusLink(parse_port(url), timeout=0.5), [cfg], now())
    try:
        res = src.poll_due(now())
    finally:
        src.close()
    return {r.channel.split(".", 1)[1]: (r.value, r.quality) for r in res.readings}, res, src


def test_pta8c04_four_pt100_channels_and_resistances(rtu):
    # CH1 -20.0 °C (0xFF38), CH2 18.2 °C (the manual's example 182), CH3 0.0, CH4 499.9
    rtu.set(1, "holding", 0, [0xFF38, 182, 0, 4999])
    rtu.set(1, "holding", 32, [922, 1081, 1000, 2808])  # 92.2 Ω, 108.1 Ω (manual), ...
    got, res, src = poll(rtu.url, "rtd4-pta8c04")
    assert got == {"t1": (-20.0, 0), "t2": (18.2, 0), "t3": (0.0, 0), "t4": (499.9, 0),
                   "r1": (92.2, 0), "r2": (108.1, 0), "r3": (100.0, 0), "r4": (280.8, 0)}
    assert src.transactions_per_cycle() == 2  # 0..3 and 32..35: too far apart to merge


def test_pta8c04_open_probe_reads_out_of_range(rtu):
    rtu.set(1, "holding", 0, [0x7FFF, 250, 250, 250])  # an open probe: far above the range
    got, res, _ = poll(rtu.url, "rtd4-pta8c04")
    assert got["t1"] == (3276.7, Quality.OUT_OF_RANGE)
    assert [e.kind for e in res.events] == ["error"]


def test_comwintop_8_channels_and_named_sensor_faults(rtu):
    rtu.set(2, "holding", 0, [0x00FA, 0xFF38, 0x7FFF, 0x8000, 6500, 0xF8F8, 6499, 0xF8F9])
    got, res, src = poll(rtu.url, "rtd8-comwintop", unit=2)
    fault = Quality.SENSOR_FAULT | Quality.OUT_OF_RANGE
    assert got == {"t1": (25.0, 0), "t2": (-20.0, 0),  # 0x00FA: the module notes' example
                   "t3": (None, fault), "t4": (None, fault),  # 0x7FFF open, 0x8000 short
                   "t5": (None, fault), "t6": (None, fault),  # 6500 / -1800: saturated
                   "t7": (649.9, 0), "t8": (-179.9, 0)}
    (ev,) = res.events
    assert ev.kind == "error" and ev.data["sensor_fault"] == 4
    assert "t3: sensor open (raw 32767)" in ev.message
    assert "t4: sensor short (raw -32768)" in ev.message
    assert src.transactions_per_cycle() == 1


def test_exemys_rme1_tc_over_modbus_tcp(tcp):
    # input 1: type K at 290.0 °C; input 2: type J at -12.5 °C
    tcp.set(1, "holding", 0, [2900, 0xFF83] + [0] * 6)
    tcp.set(1, "holding", 200, [3, 2, 3, 3, 3, 3, 3, 3])
    got, _, src = poll(tcp.url, "tc8-exemys-rme1")
    assert got["t1"] == (290.0, 0) and got["t2"] == (-12.5, 0)
    assert got["type1"] == (3.0, 0) and got["type2"] == (2.0, 0)
    assert src.transactions_per_cycle() == 2


def test_omega_iserver2_float_thermocouples(tcp):
    tcp.set(1, "holding", 0, [0x42F7, 0x3333])  # 123.6 °C, high word first
    tcp.set(1, "holding", 2, encode_value(-5.25, "float32"))
    got, _, _ = poll(tcp.url, "tc2-omega-iserver2")
    assert got["tc1"][0] == pytest.approx(123.6, abs=1e-4) and got["tc1"][1] == 0
    assert got["tc2"] == (-5.25, 0)


def test_a_tcp_only_profile_refuses_a_serial_port_and_the_reverse():
    with pytest.raises(ConfigError, match="speaks Modbus TCP only: give its address as tcp://"):
        device_config({"id": "d", "port": "/dev/ttyUSB0"}, load_profile("tc8-exemys-rme1"))
    with pytest.raises(ConfigError, match="is a Modbus RTU device"):
        device_config({"id": "d", "port": "tcp://10.0.0.5:502"}, load_profile("rtd4-pta8c04"))


def test_waveshare_4_20ma_with_per_channel_scaling(rtu):
    # AI1 12.000 mA, AI2 4.000 mA, AI3 20.000 mA, AI4 3.000 mA (broken loop), AI5 21.5 mA
    rtu.set(1, "input", 0, [12000, 4000, 20000, 3000, 21500, 8000, 0, 0])
    scaling = {"ai1": {"low": 0, "high": 10, "unit": "bar"},
               "ai2": {"low": -50, "high": 150, "unit": "°C"},
               "ai3": {"low": 0, "high": 100, "unit": "%"},
               "ai4": {"low": 0, "high": 10, "unit": "bar"}}
    got, res, src = poll(rtu.url, "ai8-waveshare-4-20ma", scaling=scaling)
    assert got["ai1"] == (5.0, 0)
    assert got["ai2"] == (-50.0, 0)
    assert got["ai3"] == (100.0, 0)
    assert got["ai4"] == (-0.625, Quality.OUT_OF_RANGE)  # 3 mA: flagged, value kept
    assert got["ai5"] == (21.5, Quality.OUT_OF_RANGE)  # unscaled channel stays in mA
    assert got["ai6"] == (8.0, 0)
    units = {p.point: p.unit for p in src.points()}
    assert units["ai1"] == "bar" and units["ai2"] == "°C" and units["ai6"] == "mA"


def test_scaling_is_checked():
    prof = load_profile("ai8-waveshare-4-20ma")
    for bad, msg in [({"ai9": {"low": 0, "high": 1}}, "no point 'ai9'"),
                     ({"ai1": {"low": 0}}, "give both low and high"),
                     ({"ai1": {"low": 1, "high": 1}}, "must differ"),
                     ({"ai1": {"low": 0, "high": float("inf")}}, "finite number"),
                     ({"ai1": {"lo": 0, "high": 1}}, "unknown key 'lo'"),
                     ({"ai1": 5}, "expected a table"),
                     ({"ai1": {"factor": 0}}, "must not be 0")]:
        with pytest.raises(ConfigError, match=msg):
            device_config({"id": "d", "port": "loop://", "scaling": bad}, prof)
    with pytest.raises(ConfigError, match="need a point with an electrical span"):
        device_config({"id": "d", "port": "loop://",
                       "scaling": {"t1": {"low": 0, "high": 1}}}, load_profile("rtd4-pta8c04"))


def test_adam6050_counters_low_word_first_and_rollover(tcp):
    tcp.set(1, "holding", 0, [0xFFFE, 0xFFFF])  # DI0: 4294967294, low word first
    tcp.set(1, "holding", 2, [0x86A0, 0x0001])  # DI1: 100000
    got, _, _ = poll(tcp.url, "counter-adam6050", scaling={"counter1": {"factor": 10,
                                                                         "unit": "L"}})
    assert got["counter0"] == (4294967294.0, 0)
    assert got["counter1"] == (1000000.0, 0)  # 100000 pulses × 10 L
    first = got["counter0"][0]
    tcp.set(1, "holding", 0, [3, 0])  # 5 more pulses: wrapped past 2**32
    got, _, _ = poll(tcp.url, "counter-adam6050")
    prof = load_profile("counter-adam6050")
    assert got["counter0"] == (3.0, 0)
    assert counter_delta(first, got["counter0"][0], prof.point("counter0").rollover) == 5
    assert counter_delta(10, 3, None) is None  # a reset counter: consumption unknown
    assert counter_delta(3, 10, 2**32) == 7


def test_generic_modbus_tcp_template(tcp):
    tcp.set(1, "holding", 0, [0xFFFF, 1234] + encode_value(1.5, "float32")
            + encode_value(-2.25, "float32"))
    got, _, _ = poll(tcp.url, "generic-modbus-tcp")
    assert got == {"value1": (-1.0, 0), "value2": (1234.0, 0), "float1": (1.5, 0),
                   "float2": (-2.25, 0)}


def test_devices_are_held_to_the_bauds_and_parities_their_profile_allows():
    prof = load_profile("rtd8-comwintop")
    assert prof.bauds == (1200, 2400, 4800, 9600, 14400, 19200)
    with pytest.raises(ConfigError, match=r"key 'baud': 38400 is not a speed 'rtd8-comwintop' "
                                          r"can be set to \(1200, 2400, 4800, 9600, 14400"):
        device_config({"id": "d", "port": "loop://", "baud": 38400}, prof)
    assert device_config({"id": "d", "port": "loop://", "baud": 14400}, prof).baud == 14400
    assert load_profile("tc8-exemys-rme1").bauds == ()  # Modbus TCP: nothing to offer


BASE = 'protocol = "modbus"\n[[points]]\nname = "t"\nfunction = "input"\naddress = 1\n'


@pytest.mark.parametrize("text, msg", [
    ('protocol = "modbus"\ndescripton = "x"\n[[points]]\nname = "t"\nfunction = "input"\n'
     'address = 1\n', "line 2, key 'descripton'.*did you mean 'description'"),
    (BASE + 'rnage = [0, 1]\n', r"line 6, key 'points\[1\] 't'.rnage'.*did you mean 'range'"),
    (BASE + 'range = [0, nan]\n', "range"),
    (BASE + 'span = [20, 4]\n', "span.*low < high"),
    (BASE + 'faults = [{raw = 1}]\n', "faults"),
    (BASE + 'rollover = 1\n', "rollover"),
    (BASE + 'scale = inf\n', "a finite number"),
    ('bauds = [9600, 9600]\n' + BASE, "bauds"),
    ('parities = ["X"]\n' + BASE, "parities"),
    ('transports = ["tcp"]\nbauds = [9600]\n' + BASE, "no baud rate"),
    ('transports = ["udp"]\n' + BASE, "transports"),
    ('protocol = "modbus"\nbauds = [2400]\n[defaults]\nbaud = 9600\n' + BASE[19:],
     "defaults.baud"),
    ('protocol = "modbus"\n[defaults]\nbuad = 9600\n' + BASE[19:], "did you mean 'baud'"),
])
def test_profile_schema_is_strict(tmp_path, text, msg):
    f = tmp_path / "p.toml"
    f.write_text(text)
    with pytest.raises(ConfigError, match=msg):
        load_profile_file(f)


def test_new_profiles_are_built_from_their_config_through_build_sources(tcp):
    srcs = build_sources([{"id": "tc", "profile": "tc8-exemys-rme1", "port": tcp.url},
                          {"id": "ai", "profile": "ai8-waveshare-4-20ma", "port": "loop://",
                           "scaling": {"ai1": {"low": 0, "high": 6, "unit": "bar"}}}], now())
    try:
        units = {(p.device, p.point): p.unit for s in srcs for p in s.points()}
        assert units[("ai", "ai1")] == "bar" and units[("tc", "t1")] == "°C"
    finally:
        for s in srcs:
            s.close()


def test_profiles_for_a_role_match_unit_and_range():
    from deungdae.hardware.profiles import points_for_role, profiles_for_role

    core = {prof.name: [p.name for p in pts] for prof, pts in profiles_for_role("°C", -50, 300)}
    assert core["rtd8-comwintop"] == [f"t{i}" for i in range(1, 9)]
    assert core["rtd4-pta8c04"] == ["t1", "t2", "t3", "t4"]  # not its Ω points
    assert "tc8-exemys-rme1" in core and "ai8-waveshare-4-20ma" in core  # 4-20 mA: any role
    assert "xy-md02" not in core  # -40..125 °C does not cover an oven's 300 °C
    assert "sdm120" not in core
    # a cold room (-30..10 °C) is fine for the XY-MD02
    assert [p.name for p in points_for_role(load_profile("xy-md02"), "°C", -30, 10)] == [
        "temperature"]
    first = profiles_for_role("°C", -50, 300)[0][0].name
    assert first in ("rtd8-comwintop", "tc8-exemys-rme1")  # the most fitting points first
