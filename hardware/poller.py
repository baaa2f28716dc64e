"""Sources for real buses: `ModbusSource` (many unit ids on one RS-485 bus or one Modbus
TCP endpoint) and, in `hardware.line`, `LineSource` (a device printing lines of text).

Each poll reads a device's points in as few transactions as its plan allows. Failures
become readings with no value and a quality flag (never a silent gap) and device events:
"error" (at most one per device per minute, with counts), "lost" (after `lost_after`
failed polls in a row, at once when the port is gone) and "restored". A lost device is
retried with exponential backoff, so a dead device costs its own timeout only now and
then, and only on its own bus. A vanished port is reopened with backoff as well.

The backoff is capped by the device's `reconnect_max` (seconds, default 10): after a
long outage the first good reading comes at most that long after the device is back
(issue 10: a 60 s cap left a single-device bus 46 s without readings). A bus reopens
its port at least every min(5 s, the smallest `reconnect_max` of its devices).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from deungdae.hardware.decode import decode_registers, scaled
from deungdae.hardware.modbus import LinkError, ModbusLink
from deungdae.hardware.planner import ReadBlock, Span, plan_reads
from deungdae.hardware.profiles import Profile, ProfilePoint
from deungdae.hardware.reading import DeviceEvent, Quality, Reading
from deungdae.hardware.scaling import PointScaling, device_scaling
from deungdae.hardware.source import ConfigError, PointInfo, PollResult, channel_key
from deungdae.hardware.transport import parse_port

QUALITY_NAMES = {Quality.TIMEOUT: "timeout", Quality.CRC_ERROR: "crc", Quality.GARBAGE: "garbage",
                 Quality.DEVICE_EXCEPTION: "exception", Quality.OUT_OF_RANGE: "out_of_range",
                 Quality.DISCONNECTED: "disconnected", Quality.SENSOR_FAULT: "sensor_fault"}


def count_name(q: int) -> str:
    """The one count a bad reading adds to its device's error counts."""
    if q & Quality.SENSOR_FAULT:
        return "sensor_fault"
    for flag, name in QUALITY_NAMES.items():
        if q & flag:
            return name
    return "garbage"
ERROR_EVENT_EVERY_MS = 60_000
RECONNECT_MAX_S = 10.0  # default cap of the retry backoff of a lost device
LINK_BACKOFF_MS = (500, 5_000)  # reopening a missing port is cheap
# Keys a `[[devices]]` table of a real (Modbus or line) device may have; the site config
# checker refuses others. `scaling` is per-point engineering scaling (4-20 mA inputs).
DEVICE_KEYS = ("id", "profile", "port", "unit", "baud", "parity", "bytesize", "stopbits",
               "interval", "timeout", "lost_after", "reconnect_max", "late_guard", "scaling")


@dataclass(slots=True)
class DeviceConfig:
    id: str
    profile: Profile
    port: str
    unit: int = 1
    baud: int = 9600
    parity: str = "N"
    bytesize: int = 8
    stopbits: float = 1
    interval_s: float = 1.0
    timeout_s: float = 1.0
    lost_after: int = 3
    reconnect_max_s: float = RECONNECT_MAX_S
    late_guard_s: float | None = None  # None: as long as the timeout
    scaling: dict[str, PointScaling] = field(default_factory=dict)

    @property
    def bus_key(self) -> tuple:
        return (self.port, self.baud, self.parity, self.bytesize, self.stopbits)

    def unit_of(self, p: ProfilePoint) -> str:
        sc = self.scaling.get(p.name)
        return sc.unit if sc is not None and sc.unit is not None else p.unit


def _get(d: dict, key: str, default, types, check=None, expected: str = ""):
    v = d.get(key, default)
    if isinstance(v, bool) and bool not in types or not isinstance(v, types) \
            or (check and not check(v)):
        raise ConfigError(f"device '{d.get('id')}': key '{key}': expected {expected}, got {v!r}")
    return v


def device_config(d: dict, profile: Profile) -> DeviceConfig:
    """Check one `[[devices]]` table against its profile's defaults."""
    merged = {**profile.defaults, **d}
    port = merged.get("port")
    if not isinstance(port, str) or not port.strip():
        raise ConfigError(f"device '{d.get('id')}': key 'port': expected a port name or URL "
                          f"(COM3, /dev/ttyUSB0, usb:serial=..., tcp://host:502), got {port!r}")
    num = (int, float)
    cfg = DeviceConfig(
        id=str(d["id"]), profile=profile, port=port.strip(),
        unit=_get(merged, "unit", 1, (int,), lambda v: 0 <= v <= 255, "a unit id 0..255"),
        baud=_get(merged, "baud", 9600, (int,), lambda v: 50 <= v <= 4_000_000, "a baud rate"),
        parity=_get(merged, "parity", "N", (str,), lambda v: v in ("N", "E", "O"), "'N', 'E' or 'O'"),
        bytesize=_get(merged, "bytesize", 8, (int,), lambda v: v in (7, 8), "7 or 8"),
        stopbits=_get(merged, "stopbits", 1, num, lambda v: v in (1, 1.5, 2), "1, 1.5 or 2"),
        interval_s=float(_get(merged, "interval", 1.0, num, lambda v: 0 < v <= 86400,
                              "seconds > 0")),
        timeout_s=float(_get(merged, "timeout", 1.0, num, lambda v: 0 < v <= 60,
                             "seconds between 0 and 60")),
        lost_after=_get(merged, "lost_after", 3, (int,), lambda v: v >= 1, "an integer >= 1"),
        reconnect_max_s=float(_get(merged, "reconnect_max", RECONNECT_MAX_S, num,
                                   lambda v: 0.1 <= v <= 3600, "seconds between 0.1 and 3600")),
        late_guard_s=_late_guard(merged),
        scaling=device_scaling(str(d["id"]), profile, d.get("scaling")),
    )
    _check_allowed(cfg, d)
    return cfg


def _check_allowed(cfg: DeviceConfig, given: dict) -> None:
    """A device set to a speed, parity or transport its profile says it cannot use."""
    prof = cfg.profile
    if prof.protocol != "modbus":
        return
    try:
        kind = parse_port(cfg.port).kind
    except ConfigError as e:
        raise ConfigError(f"device '{cfg.id}': {e}") from None
    if kind == "tcp":
        if "tcp" not in prof.transports:
            raise ConfigError(f"device '{cfg.id}': profile '{prof.name}' is a Modbus RTU device; "
                              f"{cfg.port} is Modbus TCP (use the serial port, or socket:// for a "
                              "serial device server)")
        return
    if "rtu" not in prof.transports:
        raise ConfigError(f"device '{cfg.id}': profile '{prof.name}' speaks Modbus TCP only: "
                          f"give its address as tcp://HOST:502, not {cfg.port}")
    if "baud" in given and cfg.baud not in prof.bauds:
        raise ConfigError(f"device '{cfg.id}': key 'baud': {cfg.baud} is not a speed "
                          f"'{prof.name}' can be set to ({', '.join(map(str, prof.bauds))})")
    if "parity" in given and cfg.parity not in prof.parities:
        raise ConfigError(f"device '{cfg.id}': key 'parity': '{cfg.parity}' is not a parity "
                          f"'{prof.name}' can be set to ({', '.join(prof.parities)})")


def _late_guard(d: dict) -> float | None:
    if "late_guard" not in d:
        return None
    return float(_get(d, "late_guard", 0, (int, float), lambda v: 0 <= v <= 60,
                      "seconds between 0 and 60 (0: do not wait for late answers)"))


def point_value(p: ProfilePoint, raw: float) -> tuple[float | None, int]:
    """Scale a raw value and check its plausible range."""
    v = scaled(raw, p.scale, p.offset)
    q = Quality.GOOD
    if p.range is not None and not (p.range[0] <= v <= p.range[1]):
        q = Quality.OUT_OF_RANGE
    return v, q


def raw_value(p: ProfilePoint, block: ReadBlock, data: list) -> float:
    """The point's number as the device sent it (before scale); ValueError etc. if none."""
    off = p.address - block.start
    if p.is_bit:
        return 1.0 if data[off] else 0.0
    return decode_registers(data[off:off + p.count], p.type, p.word_order, p.byte_order)


def decode_point(p: ProfilePoint, block: ReadBlock, data: list,
                 scaling: PointScaling | None = None) -> tuple[float | None, int]:
    """A point's value from a block's data; never raises for any data.

    A fault code of the profile gives no value and SENSOR_FAULT + OUT_OF_RANGE; the
    plausible range is checked on the profile's value, then the device's scaling (if
    any) turns it into the plant's units.
    """
    try:
        raw = raw_value(p, block, data)
    except (ValueError, IndexError, TypeError, OverflowError):
        return None, Quality.GARBAGE
    if p.fault(raw) is not None:
        return None, Quality.SENSOR_FAULT | Quality.OUT_OF_RANGE
    v, q = point_value(p, raw)
    if scaling is not None and v is not None:
        v = scaling.apply(v)
    return v, q


@dataclass(slots=True)
class DeviceState:
    cfg: DeviceConfig
    plan: list[ReadBlock]
    next_ms: int
    split: bool = False
    lost: bool = False
    lost_since: int = 0
    failures: int = 0
    backoff_ms: int = 0
    last_error_event_ms: int = -(10**15)
    counts: Counter = field(default_factory=Counter)
    last_message: str = ""

    @property
    def id(self) -> str:
        return self.cfg.id


def plan_for(profile: Profile, max_gap: int | None = None) -> list[ReadBlock]:
    spans = [Span(p.fc, p.address, p.count, p.name) for p in profile.points]
    return plan_reads(spans, profile.max_gap if max_gap is None else max_gap)


class DeviceTracker:
    """Lost/restored/error bookkeeping shared by Modbus and line sources."""

    def __init__(self, st: DeviceState) -> None:
        self.st = st

    def failed(self, ts: int, now_ms: int, quality: int, message: str, out: PollResult,
               immediate: bool = False) -> None:
        st = self.st
        st.failures += 1
        st.last_message = message
        for flag, name in QUALITY_NAMES.items():
            if quality & flag:
                st.counts[name] += 1
        if not st.lost and (immediate or st.failures >= st.cfg.lost_after):
            st.lost, st.lost_since = True, ts
            out.events.append(DeviceEvent(st.id, ts, "lost", f"device '{st.id}' lost: {message}",
                                          {**st.counts, "failures": st.failures}))
            st.counts.clear()
        elif not st.lost:
            self.error(ts, message, out)
        interval = int(st.cfg.interval_s * 1000)
        if st.lost:
            cap = int(st.cfg.reconnect_max_s * 1000)
            st.backoff_ms = min(cap, max(interval, 1000, st.backoff_ms * 2))
            st.next_ms = now_ms + max(min(interval, cap), st.backoff_ms)

    def error(self, ts: int, message: str, out: PollResult) -> None:
        st = self.st
        if ts - st.last_error_event_ms >= ERROR_EVENT_EVERY_MS and st.counts:
            st.last_error_event_ms = ts
            out.events.append(DeviceEvent(st.id, ts, "error", f"device '{st.id}': {message}",
                                          dict(st.counts)))
            st.counts.clear()

    def ok(self, ts: int, out: PollResult) -> None:
        st = self.st
        if st.lost:
            out.events.append(DeviceEvent(
                st.id, ts, "restored", f"device '{st.id}' answers again",
                {**st.counts, "failures": st.failures, "down_ms": ts - st.lost_since}))
            st.counts.clear()
        st.lost, st.failures, st.backoff_ms = False, 0, 0


def schedule(st: DeviceState, now_ms: int) -> None:
    interval = max(1, int(st.cfg.interval_s * 1000))
    nxt = st.next_ms + interval
    st.next_ms = nxt if nxt > now_ms else now_ms + interval


class ModbusSource:
    """All devices on one bus, polled in turn from the engine's thread for this bus."""

    simulated = False

    def __init__(self, link: ModbusLink, devices: list[DeviceConfig], start_ms: int,
                 name: str | None = None) -> None:
        if not devices:
            raise ConfigError("a Modbus source needs at least one device")
        self.link = link
        self.name = name or link.label
        self.devices = [DeviceState(d, plan_for(d.profile), start_ms) for d in devices]
        self.link_retry_ms = start_ms
        self.link_backoff_ms = 0
        self.link_message = ""
        lo, hi = LINK_BACKOFF_MS
        cap = min(int(d.reconnect_max_s * 1000) for d in devices)
        self.link_backoff = (min(lo, cap), min(hi, cap))
        self._late_seen: dict[int, int] = {}

    def points(self) -> list[PointInfo]:
        return [PointInfo(d.id, p.name, d.cfg.unit_of(p)) for d in self.devices
                for p in d.cfg.profile.points]

    def next_due_ms(self) -> int:
        return min(d.next_ms for d in self.devices)

    def close(self) -> None:
        self.link.close()

    def transactions_per_cycle(self) -> int:
        return sum(len(d.plan) for d in self.devices)

    def poll_due(self, now_ms: int) -> PollResult:
        out = PollResult()
        t0 = time.monotonic()

        def ts() -> int:
            return now_ms + int((time.monotonic() - t0) * 1000)

        due = sorted((d for d in self.devices if d.next_ms <= now_ms), key=lambda d: d.next_ms)
        if not due:
            return out
        if not self.link.is_open and not self._reopen(now_ms):
            for d in due:
                self._fail_all(d, ts(), now_ms, Quality.DISCONNECTED, self.link_message, out, True)
                d.next_ms = self.link_retry_ms
            return out
        for d in due:
            if not self.link.is_open:
                self._fail_all(d, ts(), now_ms, Quality.DISCONNECTED, self.link_message, out, True)
                d.next_ms = self.link_retry_ms
                continue
            try:
                self._poll_device(d, ts, now_ms, out)
            except Exception as e:  # a bug must not stop the bus; say so and go on
                self._fail_all(d, ts(), now_ms, Quality.GARBAGE, f"internal error: {e!r}", out)
                schedule(d, now_ms)
        self._report_late(ts(), out)
        return out

    def _report_late(self, ts: int, out: PollResult) -> None:
        """Say which devices answer after their timeout (those answers were thrown away)."""
        late = self.link.late_answers
        for d in self.devices:
            n = late.get(d.cfg.unit, 0) - self._late_seen.get(d.cfg.unit, 0)
            if n <= 0:
                continue
            self._late_seen[d.cfg.unit] = late[d.cfg.unit]
            d.counts["late"] += n
            DeviceTracker(d).error(ts, f"unit {d.cfg.unit} answered after its timeout of "
                                   f"{d.cfg.timeout_s:g} s; late answers are thrown away — "
                                   "raise the device's timeout", out)

    def _reopen(self, now_ms: int) -> bool:
        if now_ms < self.link_retry_ms:
            return False
        try:
            self.link.open()
        except LinkError as e:
            lo, hi = self.link_backoff
            self.link_backoff_ms = min(hi, max(lo, self.link_backoff_ms * 2))
            self.link_retry_ms = now_ms + self.link_backoff_ms
            self.link_message = str(e)
            return False
        self.link_backoff_ms = 0
        return True

    def _fail_all(self, d: DeviceState, ts: int, now_ms: int, quality: int, message: str,
                  out: PollResult, immediate: bool = False) -> None:
        for p in d.cfg.profile.points:
            out.readings.append(Reading(channel_key(d.id, p.name), ts, None, quality))
        DeviceTracker(d).failed(ts, now_ms, quality, message, out, immediate)
        if not d.lost:
            schedule(d, now_ms)

    def _poll_device(self, d: DeviceState, ts, now_ms: int, out: PollResult) -> None:
        cfg = d.cfg
        readings: list[Reading] = []
        errors: list[LinkError] = []
        faults: list[str] = []  # named sensor faults, for the device event
        answered = 0
        blocks = list(d.plan)
        i = 0
        while i < len(blocks):
            block = blocks[i]
            i += 1
            try:
                data = self.link.read(block.function, cfg.unit, block.start, block.count,
                                      cfg.timeout_s, cfg.late_guard_s)
            except LinkError as e:
                if e.quality == Quality.DEVICE_EXCEPTION and e.code == 2 and not d.split \
                        and len(block.spans) > 1:
                    # The device has holes in its map: read its points without gaps from now on.
                    d.split = True
                    d.plan = plan_for(cfg.profile, 0)
                    blocks[i:i] = plan_reads(list(block.spans), 0)
                    continue
                errors.append(e)
                stamp = ts()
                for s in block.spans:
                    readings.append(Reading(channel_key(d.id, s.key), stamp, None, e.quality))
                if e.quality == Quality.DEVICE_EXCEPTION:
                    answered += 1
                if e.quality in (Quality.TIMEOUT, Quality.DISCONNECTED) and not answered:
                    # A silent or vanished device: do not spend a timeout per block.
                    stamp = ts()
                    for b in blocks[i:]:
                        for s in b.spans:
                            readings.append(Reading(channel_key(d.id, s.key), stamp, None,
                                                    e.quality))
                    break
                continue
            answered += 1
            stamp = ts()
            for s in block.spans:
                p = cfg.profile.point(s.key)
                v, q = decode_point(p, block, data, cfg.scaling.get(p.name))
                if q:
                    d.counts[count_name(q)] += 1
                if q & Quality.SENSOR_FAULT:
                    raw = raw_value(p, block, data)
                    faults.append(f"{p.name}: {p.fault(raw)} (raw {raw:g})")
                readings.append(Reading(channel_key(d.id, p.name), stamp, v, q))
        out.readings.extend(readings)
        stamp = ts()
        if not errors:
            DeviceTracker(d).ok(stamp, out)
            if d.counts:
                DeviceTracker(d).error(stamp, "; ".join(faults) or "implausible values", out)
            schedule(d, now_ms)
            return
        worst = errors[0]
        disconnected = any(e.quality == Quality.DISCONNECTED for e in errors)
        if answered and not disconnected:
            # It talks, with some errors: not lost, but counted and reported.
            if d.lost:
                DeviceTracker(d).ok(stamp, out)
            for e in errors:
                d.counts[count_name(e.quality)] += 1
            d.failures = 0
            d.last_message = str(worst)
            DeviceTracker(d).error(stamp, str(worst), out)
            schedule(d, now_ms)
            return
        msg = str(worst)
        if disconnected:
            self.link_message = msg
            lo, _ = self.link_backoff
            self.link_backoff_ms = lo
            self.link_retry_ms = now_ms + lo
        DeviceTracker(d).failed(stamp, now_ms, worst.quality, msg, out, immediate=disconnected)
        if disconnected:
            d.next_ms = self.link_retry_ms
        elif not d.lost:
            schedule(d, now_ms)
