"""ASCII line devices: USB or serial devices that print a reading per line of text
(digital thermometers, scales). The profile's regular expression turns a line into
points; a device that only answers when asked gets the profile's `request` each poll.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable

from deungdae.hardware.poller import DeviceConfig, DeviceState, DeviceTracker, point_value, schedule
from deungdae.hardware.profiles import Profile
from deungdae.hardware.reading import Quality, Reading
from deungdae.hardware.source import PointInfo, PollResult, channel_key
from deungdae.hardware.transport import (
    PortInfo,
    PortNotFound,
    list_serial_ports,
    parse_port,
    resolve,
)

MAX_LINE = 1024
_SPACE = re.compile(r"\s+")


def parse_line(profile: Profile, line: bytes | str) -> dict[str, tuple[float | None, int]] | None:
    """Point name -> (value, quality) for a line, or None if the line is not a reading.

    Never raises: bytes that do not decode are replaced, numbers that do not parse
    become a GARBAGE-flagged missing value.
    """
    spec = profile.line
    if spec is None:
        return None
    if isinstance(line, bytes | bytearray):
        text = bytes(line).decode(spec.encoding, errors="replace")
    else:
        text = str(line)
    text = text.strip("\r\n\x00")
    if len(text) > MAX_LINE:
        return None
    m = spec.pattern.search(text)
    if m is None:
        return None
    out: dict[str, tuple[float | None, int]] = {}
    for p in profile.points:
        s = m.group(p.group)
        if s is None:
            out[p.name] = (None, Quality.GARBAGE)
            continue
        try:
            raw = float(_SPACE.sub("", s))
        except (ValueError, OverflowError):
            out[p.name] = (None, Quality.GARBAGE)
            continue
        if raw != raw or raw in (float("inf"), float("-inf")):
            out[p.name] = (None, Quality.GARBAGE)
            continue
        out[p.name] = point_value(p, raw)
    return out


class LineSource:
    """One line device on one port."""

    simulated = False

    def __init__(self, cfg: DeviceConfig, start_ms: int,
                 lister: Callable[[], list[PortInfo]] = list_serial_ports) -> None:
        self.cfg = cfg
        self.name = cfg.port
        self.endpoint = parse_port(cfg.port)
        self.lister = lister
        self.st = DeviceState(cfg, [], start_ms)
        self.port = None
        self.buf = b""
        self.last_ok_ms = start_ms
        self.retry_ms = start_ms
        self.backoff_ms = 0
        self.message = ""

    def points(self) -> list[PointInfo]:
        return [PointInfo(self.cfg.id, p.name, self.cfg.unit_of(p)) for p in self.cfg.profile.points]

    def next_due_ms(self) -> int:
        return self.st.next_ms

    def close(self) -> None:
        if self.port is not None:
            with contextlib.suppress(Exception):
                self.port.close()
        self.port = None

    def _open(self) -> bool:
        import serial

        try:
            target = resolve(self.endpoint, self.lister)
            self.port = serial.serial_for_url(
                target, baudrate=self.cfg.baud, parity=self.cfg.parity,
                bytesize=self.cfg.bytesize, stopbits=self.cfg.stopbits, timeout=0,
                write_timeout=self.cfg.timeout_s)
        except (PortNotFound, OSError, ValueError) as e:
            self.message = f"cannot open {self.cfg.port}: {e}"
            self.port = None
            return False
        self.buf = b""
        return True

    def poll_due(self, now_ms: int) -> PollResult:
        out = PollResult()
        st = self.st
        if st.next_ms > now_ms:
            return out
        tracker = DeviceTracker(st)
        if self.port is None and (now_ms < self.retry_ms or not self._open()):
            if now_ms >= self.retry_ms:
                self.backoff_ms = min(5000, max(500, self.backoff_ms * 2))
                self.retry_ms = now_ms + self.backoff_ms
            self._fail(now_ms, Quality.DISCONNECTED, self.message or "port closed", out, True)
            st.next_ms = max(self.retry_ms, now_ms + 1)
            return out
        self.backoff_ms = 0
        try:
            lines = self._read_lines()
        except (OSError, ValueError) as e:  # the port vanished under us
            self.close()
            self.message = f"{self.cfg.port}: {e}"
            self.retry_ms = now_ms + 500
            self._fail(now_ms, Quality.DISCONNECTED, self.message, out, True)
            st.next_ms = self.retry_ms
            return out
        good = 0
        garbage = 0
        for ts_off, line in lines:
            parsed = parse_line(self.cfg.profile, line)
            if parsed is None:
                if line.strip():
                    garbage += 1
                continue
            ts = now_ms + ts_off
            for name, (v, q) in parsed.items():
                sc = self.cfg.scaling.get(name)
                if sc is not None and v is not None:
                    v = sc.apply(v)
                out.readings.append(Reading(channel_key(self.cfg.id, name), ts, v, q))
                if q:
                    st.counts["garbage" if q & Quality.GARBAGE else "out_of_range"] += 1
            good += 1
        if garbage:
            st.counts["garbage"] += garbage
        if good:
            self.last_ok_ms = now_ms
            tracker.ok(now_ms, out)
            if st.counts:
                tracker.error(now_ms, f"{garbage} unreadable line(s)" if garbage
                              else "implausible values", out)
            schedule(st, now_ms)
            return out
        silent_ms = now_ms - self.last_ok_ms
        limit = int(max(3 * self.cfg.interval_s, self.cfg.interval_s + self.cfg.timeout_s) * 1000)
        if silent_ms >= limit or st.lost:
            q = Quality.GARBAGE if garbage else Quality.TIMEOUT
            msg = f"{garbage} unreadable line(s)" if garbage else \
                f"no reading from {self.cfg.port} for {silent_ms / 1000:.1f} s"
            self._fail(now_ms, q, msg, out, immediate=True)
        else:
            if garbage:
                tracker.error(now_ms, f"{garbage} unreadable line(s)", out)
            schedule(st, now_ms)
        return out

    def _fail(self, now_ms: int, quality: int, message: str, out: PollResult,
              immediate: bool) -> None:
        st = self.st
        for p in self.cfg.profile.points:
            out.readings.append(Reading(channel_key(st.id, p.name), now_ms, None, quality))
        DeviceTracker(st).failed(now_ms, now_ms, quality, message, out, immediate)
        if not st.lost:
            schedule(st, now_ms)

    def _read_lines(self) -> list[tuple[int, bytes]]:
        port = self.port
        assert port is not None
        t0 = time.monotonic()
        req = self.cfg.profile.line.request if self.cfg.profile.line else ""
        if req:
            port.reset_input_buffer()
            port.write(req.encode(self.cfg.profile.line.encoding, errors="replace"))
        deadline = t0 + (self.cfg.timeout_s if req else 0)
        lines: list[tuple[int, bytes]] = []
        while True:
            n = port.in_waiting
            if n:
                self.buf += port.read(n)
            *complete, self.buf = self.buf.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            off = int((time.monotonic() - t0) * 1000)
            lines.extend((off, c) for c in complete)
            if len(self.buf) > MAX_LINE:
                lines.append((off, self.buf))
                self.buf = b""
            if lines or time.monotonic() >= deadline:
                return lines
            time.sleep(0.005)
