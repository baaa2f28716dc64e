"""Modbus sources against a real pymodbus server: values, merging, and every fault."""

import threading
import time

import pytest
from peer import ModbusPeer, wait_until

from deungdae.hardware.decode import encode_value
from deungdae.hardware.modbus import ModbusLink
from deungdae.hardware.poller import ModbusSource, device_config
from deungdae.hardware.profiles import list_profiles, load_profile
from deungdae.hardware.reading import Quality
from deungdae.hardware.runner import start_source
from deungdae.hardware.sources import build_sources
from deungdae.hardware.transport import parse_port

MODBUS_PROFILES = [n for n in list_profiles() if load_profile(n).protocol == "modbus"]


def now():
    return time.time_ns() // 1_000_000


_OPEN: list = []


@pytest.fixture(autouse=True)
def _close_sources():
    yield
    while _OPEN:
        _OPEN.pop().close()


def make_source(url, devices, timeout=0.3):
    link = ModbusLink(parse_port(url), timeout=timeout)
    cfgs = [device_config({"timeout": timeout, **d, "port": url}, load_profile(d["profile"]))
            for d in devices]
    src = ModbusSource(link, cfgs, now())
    _OPEN.append(src)
    return src


def expected_values(profile):
    """A value per point inside its plausible range, with its raw registers."""
    out = {}
    for i, p in enumerate(profile.points):
        if p.is_bit:
            out[p.name] = (float(i % 2), [bool(i % 2)])
            continue
        lo, hi = p.range or (0.0, 100.0)
        if p.type.startswith("uint"):
            lo = max(lo, p.offset)
        if p.type in ("int16", "int32") and lo < 0:
            want = lo / 3  # a negative value checks the sign
        else:
            want = lo + (hi - lo) * (0.1 + 0.08 * (i % 10))
        raw = (want - p.offset) / p.scale
        if p.type != "float32":
            raw = round(raw)
            want = raw * p.scale + p.offset
        regs = encode_value(raw, p.type, p.word_order, p.byte_order)
        out[p.name] = (want, regs)
    return out


def load_peer(peer, unit, profile, values):
    for p in profile.points:
        peer.set(unit, p.function, p.address, values[p.name][1])


@pytest.fixture
def tcp_peer():
    p = ModbusPeer(units=[1, 2, 3], framer="tcp").start()
    yield p
    p.stop()


@pytest.mark.parametrize("name", MODBUS_PROFILES)
def test_profile_values_over_rtu_socket(peer, tcp_peer, name):
    """Every Modbus profile over RTU (RTU framed over TCP), or Modbus TCP for the
    devices that speak only that."""
    profile = load_profile(name)
    if "rtu" not in profile.transports:
        peer = tcp_peer
    values = expected_values(profile)
    load_peer(peer, 2, profile, values)
    src = make_source(peer.url, [{"id": "dev", "profile": name, "unit": 2}])
    before = peer.requests
    res = src.poll_due(now())
    src.close()
    got = {r.channel: r for r in res.readings}
    assert len(got) == len(profile.points)
    for p in profile.points:
        r = got[f"dev.{p.name}"]
        assert r.quality == Quality.GOOD, (p.name, r)
        assert r.value == pytest.approx(values[p.name][0], rel=1e-6, abs=1e-6), p.name
    # one transaction per planned block, no more
    assert peer.requests - before == len(src.devices[0].plan) == src.transactions_per_cycle()
    assert not res.events


def test_ksx3267_over_a_pty_serial_path(peer, pty_relay):
    # a 2022 sensor node (Annex A map): node info, device code 1 (temperature) on channel 1
    peer.set(1, "holding", 1, [1, 1, 1, 1, 10, 1, 0, 0])
    peer.set(1, "holding", 101, [1])
    peer.set(1, "holding", 203, [0x6666, 0x41E6, 0])  # 28.8 °C, low word first; status 0
    [src] = build_sources([{"id": "node", "profile": "ksx3267-sensor-node", "unit": 1,
                            "port": str(pty_relay.path), "timeout": 0.3}], now())
    _OPEN.append(src)
    res = src.poll_due(now())
    src.close()
    got = {r.channel: r for r in res.readings}
    assert got["node.temperature"].value == pytest.approx(28.8, abs=1e-5)
    assert got["node.temperature"].quality == Quality.GOOD
    assert got["node.node_status"].value == 0


def test_modbus_tcp_and_signed_scaled_values():
    peer = ModbusPeer(units=[1], framer="tcp").start()
    try:
        peer.set(1, "input", 1, [0xFF9C, 555])  # -10.0 °C, 55.5 %RH
        src = make_source(peer.url, [{"id": "th", "profile": "xy-md02", "unit": 1}])
        res = src.poll_due(now())
        src.close()
        got = {r.channel: (r.value, r.quality) for r in res.readings}
        assert got == {"th.temperature": (-10.0, 0), "th.humidity": (55.5, 0)}
    finally:
        peer.stop()


def test_many_units_on_one_bus_each_with_its_interval(peer):
    peer.set(1, "input", 1, [200, 500])
    peer.set(3, "input", 1, [210, 510])
    src = make_source(peer.url, [
        {"id": "a", "profile": "xy-md02", "unit": 1, "interval": 0.1},
        {"id": "b", "profile": "xy-md02", "unit": 3, "interval": 0.3}])
    counts = {"a": 0, "b": 0}
    t0 = now()
    while now() - t0 < 900:
        for r in src.poll_due(now()).readings:
            if r.channel.endswith("temperature"):
                counts[r.channel[0]] += 1
        time.sleep(max(0, (src.next_due_ms() - now()) / 1000))
    src.close()
    assert 8 <= counts["a"] <= 10 and 3 <= counts["b"] <= 4, counts


def test_out_of_range_is_flagged_and_kept(peer):
    peer.set(1, "input", 1, [1500, 1200])  # 150 °C, 120 %RH: beyond the sensor's range
    src = make_source(peer.url, [{"id": "th", "profile": "xy-md02", "unit": 1}])
    res = src.poll_due(now())
    got = {r.channel: r for r in res.readings}
    assert got["th.temperature"].value == 150.0
    assert got["th.temperature"].quality == Quality.OUT_OF_RANGE
    assert [e.kind for e in res.events] == ["error"]
    assert res.events[0].data["out_of_range"] == 2


def test_exception_response(peer):
    peer.fail_with(1, 4)
    src = make_source(peer.url, [{"id": "th", "profile": "xy-md02", "unit": 1, "lost_after": 2}])
    r1 = src.poll_due(now())
    assert {r.quality for r in r1.readings} == {Quality.DEVICE_EXCEPTION}
    assert all(r.value is None for r in r1.readings)
    assert [e.kind for e in r1.events] == ["error"] and r1.events[0].data == {"exception": 1}
    peer.fail_with(1, None)
    src.devices[0].next_ms = 0
    r2 = src.poll_due(now())
    src.close()
    assert {r.quality for r in r2.readings} == {Quality.GOOD}


def test_illegal_address_in_a_merged_gap_splits_the_plan():
    # an SDM120 whose map has a hole between current and active power
    peer = ModbusPeer(units=[1], holes={1: [(0x08, 0x0C)]}).start()
    try:
        peer.set_value(1, "input", 0x0C, 1234.5, "float32")
        src = make_source(peer.url, [{"id": "m", "profile": "sdm120", "unit": 1}])
        merged = len(src.devices[0].plan)
        res = src.poll_due(now())
        got = {r.channel: r for r in res.readings}
        assert got["m.active_power"].value == pytest.approx(1234.5)
        assert all(r.value is not None for r in res.readings), res.readings
        assert src.devices[0].split and len(src.devices[0].plan) > merged
    finally:
        peer.stop()


def test_silent_device_lost_then_restored_with_backoff(peer, relay):
    peer.set(2, "input", 1, [250, 600])
    src = make_source(relay.url, [{"id": "th", "profile": "xy-md02", "unit": 2,
                                   "interval": 0.05, "lost_after": 2}], timeout=0.1)
    relay.silent_units.add(2)
    events, qualities = [], []
    t = now()
    for _ in range(4):
        t = max(t + 60, src.next_due_ms())
        res = src.poll_due(t)
        events += res.events
        qualities += [r.quality for r in res.readings]
    assert Quality.TIMEOUT in qualities and all(q == Quality.TIMEOUT for q in qualities)
    kinds = [e.kind for e in events]
    assert "lost" in kinds
    lost = next(e for e in events if e.kind == "lost")
    assert lost.data["failures"] >= 2 and lost.data["timeout"] >= 1
    # backoff: the next try is further out than the poll interval, and grows
    st = src.devices[0]
    assert st.backoff_ms >= 1000 and src.next_due_ms() - t >= 1000
    relay.silent_units.clear()
    res = src.poll_due(src.next_due_ms())
    assert [e.kind for e in res.events] == ["restored"]
    assert {r.value for r in res.readings} == {25.0, 60.0}
    src.close()


def test_crc_errors_and_garbage_are_told_apart(peer, relay):
    src = make_source(relay.url, [{"id": "a", "profile": "xy-md02", "unit": 1},
                                  {"id": "b", "profile": "xy-md02", "unit": 2}], timeout=0.15)
    relay.crc_units.add(1)
    relay.garbage_units.add(2)
    res = src.poll_due(now())
    q = {r.channel: r.quality for r in res.readings}
    assert q["a.temperature"] == Quality.CRC_ERROR
    assert q["b.temperature"] == Quality.GARBAGE
    relay.crc_units.clear()
    relay.garbage_units.clear()
    for d in src.devices:
        d.next_ms = 0
    res = src.poll_due(now())
    assert {r.quality for r in res.readings} == {Quality.GOOD}
    src.close()


def test_unplug_and_replug_a_pty_adapter(peer, pty_relay):
    peer.set(1, "input", 1, [215, 480])
    src = make_source(str(pty_relay.path), [{"id": "th", "profile": "xy-md02", "unit": 1,
                                             "interval": 0.05}], timeout=0.2)
    first = src.poll_due(now())
    assert {r.quality for r in first.readings} == {Quality.GOOD}
    pty_relay.unplug()
    events, qs = [], set()
    deadline = time.monotonic() + 3
    while "lost" not in [e.kind for e in events] and time.monotonic() < deadline:
        time.sleep(max(0, (src.next_due_ms() - now()) / 1000))
        res = src.poll_due(now())
        events += res.events
        qs |= {r.quality for r in res.readings}
    assert [e.kind for e in events] == ["lost"]
    assert qs == {Quality.DISCONNECTED}
    # while unplugged: no crash, more DISCONNECTED readings, no second "lost"
    res = src.poll_due(max(now(), src.next_due_ms()))
    assert not res.events
    pty_relay.replug()
    deadline = time.monotonic() + 5
    while "restored" not in [e.kind for e in events] and time.monotonic() < deadline:
        time.sleep(max(0, (src.next_due_ms() - now()) / 1000))
        events += src.poll_due(now()).events
    assert [e.kind for e in events] == ["lost", "restored"]
    assert events[1].data["down_ms"] > 0
    src.close()


def test_server_restart_over_tcp_reconnects():
    peer = ModbusPeer(units=[1], framer="tcp").start()
    try:
        peer.set(1, "input", 1, [100, 200])
        src = make_source(peer.url, [{"id": "th", "profile": "xy-md02", "unit": 1,
                                      "interval": 0.05}], timeout=0.2)
        assert {r.quality for r in src.poll_due(now()).readings} == {Quality.GOOD}
        peer.stop()
        events = []
        wait_until(lambda: (events.extend(src.poll_due(now()).events) or
                            "lost" in [e.kind for e in events]), 5, 0.05)
        port = peer.port
        peer = ModbusPeer(units=[1], framer="tcp")
        peer.port = port
        peer.start()
        peer.set(1, "input", 1, [100, 200])
        wait_until(lambda: (events.extend(src.poll_due(now()).events) or
                            "restored" in [e.kind for e in events]), 8, 0.05)
        assert [e.kind for e in events] == ["lost", "restored"]
        src.close()
    finally:
        peer.stop()


def test_a_dead_bus_does_not_slow_another_bus(peer, relay):
    """Bus A has a silent device with a long timeout; bus B keeps its 10 Hz rate."""
    peer.set(1, "input", 1, [200, 500])
    relay.silent_units.add(3)
    sources = build_sources([
        {"id": "dead", "profile": "xy-md02", "port": relay.url, "unit": 3, "interval": 0.1,
         "timeout": 0.5},
        {"id": "alive", "profile": "xy-md02", "port": peer.url, "unit": 1, "interval": 0.1,
         "timeout": 0.5},
    ], now())
    assert len(sources) == 2
    got: dict[str, list] = {"dead": [], "alive": []}
    lock = threading.Lock()

    def sink(res):
        with lock:
            for r in res.readings:
                if r.channel.endswith(".temperature"):
                    got[r.channel.split(".")[0]].append(r)

    running = [start_source(s, sink) for s in sources]
    time.sleep(1.5)
    for _t, stop in running:
        stop.set()
    for (t, _), s in zip(running, sources, strict=True):
        t.join(3)
        s.close()
    alive = got["alive"]
    assert len(alive) >= 13, len(alive)
    assert all(r.quality == Quality.GOOD for r in alive)
    gaps = [b.ts - a.ts for a, b in zip(alive, alive[1:], strict=False)]
    assert max(gaps) < 250, gaps
    assert got["dead"] and all(r.quality == Quality.TIMEOUT for r in got["dead"])
