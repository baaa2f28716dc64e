"""RTU has no transaction id: late, glued and relabelled answers must never be stored as
good readings (issue 10), and a lost device is retried at most `reconnect_max` apart.

The peer's value changes before every poll, so a good reading can be checked against
the poll it belongs to: a stale answer carries the previous poll's value."""

import time

import pytest
from peer import ModbusPeer, Relay, wait_until

from deungdae.hardware.modbus import LinkError, ModbusLink
from deungdae.hardware.poller import ModbusSource, device_config
from deungdae.hardware.profiles import load_profile
from deungdae.hardware.reading import Quality
from deungdae.hardware.source import ConfigError
from deungdae.hardware.sources import build_sources
from deungdae.hardware.transport import parse_port

XY = load_profile("xy-md02")


def now():
    return time.time_ns() // 1_000_000


def source(url, timeout=0.2, **extra):
    # late_guard 0.6 s (default: the timeout) leaves a wide margin over the 0.3 s lateness,
    # so a loaded machine cannot make the late answer miss the guard
    cfg = device_config({"id": "th", "port": url, "unit": 1, "timeout": timeout,
                         "interval": 0.05, "lost_after": 1000, "late_guard": 0.6, **extra}, XY)
    return ModbusSource(ModbusLink(parse_port(url), timeout=timeout), [cfg], now())


def poll_with_marks(peer, src, polls, late_for=(), relay=None, delay=0.3):
    """Poll `polls` times; before poll k the device's temperature becomes 10.0 + k.

    Returns [(k, temperature reading)], polling as soon as the source allows."""
    out = []
    for k in range(polls):
        if relay is not None:
            if k in late_for:
                relay.late_units[1] = delay
            else:
                relay.late_units.pop(1, None)
        peer.set(1, "input", 1, [100 + 10 * k, 500])
        res = src.poll_due(max(now(), src.next_due_ms()))
        out += [(k, r) for r in res.readings if r.channel == "th.temperature"]
    return out


@pytest.fixture
def pty_peer(tmp_path):
    peer = ModbusPeer(units=[1, 2]).start()
    relay = Relay(peer.port, front="pty", path=tmp_path / "ttyUSB0").start()
    yield peer, relay
    relay.unplug()
    peer.stop()


def test_a_late_device_over_a_pty_never_gives_a_stale_good_reading(pty_peer):
    peer, relay = pty_peer
    src = source(str(relay.path))
    try:
        got = poll_with_marks(peer, src, 10, late_for=range(0, 5), relay=relay)
    finally:
        src.close()
    good = [(k, r.value) for k, r in got if r.quality == Quality.GOOD]
    assert all(v == pytest.approx(10.0 + k) for k, v in good), got
    # late polls gave no good value; once on time again, every poll reads its own value
    assert {k for k, _ in good} >= {6, 7, 8, 9}
    assert all(r.quality == Quality.TIMEOUT for k, r in got if k < 5)
    # the late answers were seen and thrown away, and that is counted for the device
    assert src.link.late_answers[1] >= 1
    # counted for the device's next error event (those are rate-limited to one a minute)
    assert src.devices[0].counts["late"] >= 1


def test_late_answers_between_two_units_are_attributed_and_dropped(pty_peer):
    peer, relay = pty_peer
    peer.set(2, "input", 1, [222, 333])
    cfgs = [device_config({"id": d, "port": str(relay.path), "unit": u, "timeout": 0.2,
                           "interval": 0.05, "lost_after": 1000, "late_guard": 0.6}, XY)
            for d, u in (("a", 1), ("b", 2))]
    src = ModbusSource(ModbusLink(parse_port(str(relay.path)), timeout=0.2), cfgs, now())
    relay.late_units[1] = 0.3
    try:
        seen = []
        for k in range(6):
            peer.set(1, "input", 1, [100 + 10 * k, 500])
            res = src.poll_due(max(now(), src.next_due_ms()))
            seen += [(k, r) for r in res.readings]
    finally:
        src.close()
    for k, r in seen:
        if r.channel == "a.temperature":
            assert r.quality != Quality.GOOD or r.value == pytest.approx(10.0 + k)
        if r.channel == "b.temperature" and r.quality == Quality.GOOD:
            assert r.value == 22.2  # never unit 1's late frame
    assert src.link.late_answers[1] >= 1 and src.link.late_answers[2] == 0


def test_a_stale_frame_glued_before_the_answer_is_dropped(pty_peer):
    peer, relay = pty_peer
    src = source(str(relay.path))
    try:
        first = poll_with_marks(peer, src, 1)
        relay.glued_units.add(1)
        got = poll_with_marks(peer, src, 3)
    finally:
        src.close()
    assert first[0][1].quality == Quality.GOOD
    assert [r.quality for _, r in got] == [Quality.GARBAGE] * 3
    assert all(r.value is None for _, r in got)
    assert src.link.dropped == 3


def test_an_answer_for_another_function_is_dropped(pty_peer):
    """An FC 03 answer of the right length to an FC 04 request (a late answer of an
    earlier holding read) must not become an input-register reading."""
    peer, relay = pty_peer
    relay.relabel_units[1] = 3
    src = source(str(relay.path))
    try:
        got = poll_with_marks(peer, src, 2)
    finally:
        src.close()
    assert [r.quality for _, r in got] == [Quality.GARBAGE] * 2
    assert "not 4" in src.devices[0].last_message


def test_input_is_flushed_before_each_request(pty_peer):
    peer, relay = pty_peer
    link = ModbusLink(parse_port(str(relay.path)), timeout=0.3)
    link.open()
    try:
        peer.set(1, "input", 1, [123, 456])
        assert link.read(4, 1, 1, 2) == [123, 456]
        relay.late_units[1] = 0.1  # this answer comes after we stopped waiting
        with pytest.raises(LinkError) as e:
            link.read(4, 1, 1, 2, timeout=0.02, late_guard=0)
        assert e.value.quality == Quality.TIMEOUT
        relay.late_units.clear()
        wait_until(lambda: link.client._in_waiting() >= 9)  # the late answer is waiting
        peer.set(1, "input", 1, [789, 1011])
        assert link.read(4, 1, 1, 2) == [789, 1011]
        assert link.late_bytes == 9 and link.late_answers[1] == 1  # one answer thrown away
    finally:
        link.close()


def test_reconnect_backoff_is_capped_at_10_s_by_default_and_configurable(peer, relay):
    relay.silent_units.add(1)
    for extra, cap_ms in (({}, 10_000), ({"reconnect_max": 3}, 3_000)):
        cfg = device_config({"id": "th", "port": relay.url, "unit": 1, "timeout": 0.05,
                             "interval": 1, "lost_after": 1, **extra}, XY)
        src = ModbusSource(ModbusLink(parse_port(relay.url), timeout=0.05), [cfg], 0)
        try:
            t = 0
            gaps = []
            for _ in range(12):  # a long outage: 12 failed tries, simulated clock
                src.poll_due(t)
                gaps.append(src.next_due_ms() - t)
                t = src.next_due_ms()
        finally:
            src.close()
        assert max(gaps) == cap_ms and gaps[-1] == cap_ms, gaps
        assert gaps == sorted(gaps)  # grows, then stays at the cap


def test_bus_reopen_backoff_follows_the_smallest_reconnect_max(tmp_path):
    cfg = device_config({"id": "th", "port": str(tmp_path / "gone"), "unit": 1,
                         "reconnect_max": 2}, XY)
    src = ModbusSource(ModbusLink(parse_port(cfg.port), timeout=0.05), [cfg], 0)
    t, gaps = 0, []
    for _ in range(8):
        src.poll_due(t)
        gaps.append(src.next_due_ms() - t)
        t = src.next_due_ms()
    assert max(gaps) <= 2_000 and gaps[-1] == 2_000, gaps


def test_reconnect_max_and_late_guard_are_checked():
    for bad in ({"reconnect_max": 0}, {"reconnect_max": "10"}, {"reconnect_max": 1e9},
                {"late_guard": -1}, {"late_guard": True}):
        with pytest.raises(ConfigError, match="device 'th': key '(reconnect_max|late_guard)'"):
            device_config({"id": "th", "port": "loop://", **bad}, XY)
    src, = build_sources([{"id": "th", "profile": "xy-md02", "port": "loop://",
                           "reconnect_max": 4, "late_guard": 0.5}], 0)
    assert src.devices[0].cfg.reconnect_max_s == 4.0
    assert src.devices[0].cfg.late_guard_s == 0.5
