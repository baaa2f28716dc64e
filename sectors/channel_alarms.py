"""Alarms every sector gets for free: high/low limits with delay and hysteresis, and stale.

A limit alarm starts only after the value has stayed beyond the limit for `delay`
seconds (so one noisy sample does not page anybody) and ends only once the value is back
inside by more than `hysteresis` (so a value hovering at the limit does not flap). A
channel with no reading for `stale_after` seconds raises "sensor.lost"; the next reading
raises "sensor.restored", so a gap is always visible in the record.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent
from deungdae.sectors.api.resume import Resume, data_of, number, whole
from deungdae.sectors.contract import ChannelSpec

ALARM_KEYS = {"high", "low", "delay", "hysteresis", "stale_after"}
BAD_QUALITY = 1 | 2 | 4 | 8 | 16 | 32


@dataclass(slots=True)
class _Limit:
    side: str  # "high" or "low"
    limit: float
    since: int | None = None  # first ts beyond the limit, while pending
    active: bool = False
    worst: float | None = None

    def beyond(self, v: float) -> bool:
        return v > self.limit if self.side == "high" else v < self.limit

    def back_inside(self, v: float, hyst: float) -> bool:
        return v <= self.limit - hyst if self.side == "high" else v >= self.limit + hyst

    def note(self, v: float) -> None:
        """Remember the worst value seen while the alarm is active."""
        if self.worst is None or (v > self.worst if self.side == "high" else v < self.worst):
            self.worst = v


class ChannelAlarm:
    """Limit and stale alarms of one channel."""

    def __init__(self, spec: ChannelSpec) -> None:
        a = spec.alarm
        self.spec = spec
        self.delay_ms = int(float(a.get("delay", 0)) * 1000)
        self.hyst = float(a.get("hysteresis", 0.0))
        self.stale_ms = int(float(a["stale_after"]) * 1000) if "stale_after" in a else None
        self.limits = [_Limit(side, float(a[side])) for side in ("high", "low") if side in a]
        self.last_ts: int | None = None
        self.lost = False

    def _event(self, ts: int, kind: str, severity: str, message: str, **data) -> NewEvent:
        return NewEvent(ts=ts, kind=kind, severity=severity, channel=self.spec.key,
                        message=message, data=data)

    def feed(self, readings: Sequence[Reading]) -> list[NewEvent]:
        out: list[NewEvent] = []
        unit = self.spec.unit
        for r in readings:
            if r.value is None or r.quality & BAD_QUALITY:
                continue
            # a silence no tick saw (the logger was stopped): raised before the reading
            out.extend(self.tick(r.ts))
            if self.lost:
                self.lost = False
                gap = (r.ts - self.last_ts) / 1000 if self.last_ts is not None else None
                out.append(self._event(r.ts, "sensor.restored", "info",
                                       f"{self.spec.name}: readings again", gap_s=gap))
            self.last_ts = r.ts
            v = r.value
            for lim in self.limits:
                if lim.active:
                    lim.note(v)
                    if lim.back_inside(v, self.hyst):
                        lim.active = False
                        lim.since = None
                        out.append(self._event(
                            r.ts, "alarm.end", "info",
                            f"{self.spec.name} back within {lim.side} limit {lim.limit:g} {unit}",
                            side=lim.side, limit=lim.limit, value=v, worst=lim.worst))
                elif lim.beyond(v):
                    if lim.since is None:
                        lim.since = r.ts
                    if r.ts - lim.since >= self.delay_ms:
                        lim.active = True
                        lim.worst = v
                        out.append(self._event(
                            lim.since, "alarm.start", "alarm",
                            f"{self.spec.name} {v:g} {unit} beyond {lim.side} limit "
                            f"{lim.limit:g} {unit}",
                            side=lim.side, limit=lim.limit, value=v,
                            confirmed_at=r.ts))
                else:
                    lim.since = None
        return out

    def tick(self, now_ms: int) -> list[NewEvent]:
        if self.stale_ms is None or self.lost or self.last_ts is None:
            return []
        if now_ms - self.last_ts > self.stale_ms:
            self.lost = True
            return [self._event(self.last_ts + self.stale_ms, "sensor.lost", "alarm",
                                f"{self.spec.name}: no reading for {self.stale_ms / 1000:g} s",
                                last_reading=self.last_ts)]
        return []

    def start(self, now_ms: int) -> None:
        """Count silence from `now_ms` for a channel that has not read yet."""
        if self.last_ts is None:
            self.last_ts = now_ms

    def take_up(self, started: dict[str, Any], lost: Any, resume: Resume) -> list[NewEvent]:
        """Carry on the alarms the record holds open (`started` by side) and a silence;
        end those whose limit (or `stale_after`) was taken out of the file meanwhile."""
        out: list[NewEvent] = []
        by_side = {lim.side: lim for lim in self.limits}
        for side, ev in started.items():
            lim = by_side.get(side)
            since = whole(ev.ts)
            if since is None:
                continue
            worst = resume.worst(self.spec.key, since, side == "high",
                                 number(data_of(ev).get("value")))
            if lim is None:
                out.append(self._event(
                    resume.now_ms, "alarm.end", "info",
                    f"{self.spec.name}: {side} limit removed while the logger was stopped",
                    side=side, limit=data_of(ev).get("limit"), worst=worst,
                    why="limit removed"))
                continue
            lim.active, lim.since, lim.worst = True, None, worst
        if lost is None and self.stale_ms is not None:
            self.last_ts = resume.last_good(self.spec.key)  # silence counts from there
        if lost is not None:
            last = whole(data_of(lost).get("last_reading"))
            if self.stale_ms is None:
                out.append(self._event(
                    resume.now_ms, "sensor.restored", "info",
                    f"{self.spec.name}: no-data alarm removed while the logger was stopped",
                    why="stale_after removed"))
            else:
                self.lost = True
                self.last_ts = last if last is not None else whole(lost.ts)
        return out


class ChannelAlarms:
    """The core rule: one `ChannelAlarm` per channel that has an `[channels.alarm]` table."""

    resumes = frozenset({"alarm.start", "alarm.end", "sensor.lost", "sensor.restored"})

    def __init__(self, channels: Sequence[ChannelSpec]) -> None:
        self.by_key = {c.key: ChannelAlarm(c) for c in channels if c.alarm}

    def resume(self, resume: Resume) -> list[NewEvent]:
        """Alarms on and sensors silent when the logger stopped go on (see
        `sectors.api.resume`); those of a channel whose alarm table is gone now end."""
        started = resume.still_open("alarm.start", "alarm.end", _side_of)
        lost = resume.still_open("sensor.lost", "sensor.restored", lambda ev: ev.channel)
        out: list[NewEvent] = []
        for key in sorted({ch for ch, _ in started} | set(lost) | set(self.by_key), key=str):
            # no alarm table for it any more: its open alarms end here, or nothing would
            alarm = self.by_key.get(key) or ChannelAlarm(ChannelSpec(key, key, "", {}))
            sides = {side: ev for (ch, side), ev in started.items() if ch == key}
            out.extend(alarm.take_up(sides, lost.get(key), resume))
        return out

    @property
    def reads(self):
        """Channels with an alarm table, as they are now (a limit set live adds one)."""
        return self.by_key.keys()

    def feed(self, readings: Sequence[Reading]) -> list[NewEvent]:
        per: dict[str, list[Reading]] = {}
        for r in readings:
            if r.channel in self.by_key:
                per.setdefault(r.channel, []).append(r)
        out: list[NewEvent] = []
        for key, rs in per.items():
            rs.sort(key=lambda r: r.ts)
            out.extend(self.by_key[key].feed(rs))
        return out

    def tick(self, now_ms: int) -> list[NewEvent]:
        out: list[NewEvent] = []
        for a in self.by_key.values():
            out.extend(a.tick(now_ms))
        return out

    def start(self, now_ms: int) -> None:
        for a in self.by_key.values():
            a.start(now_ms)

    def on_entry(self, event: NewEvent) -> list[NewEvent]:
        return []


def _side_of(ev) -> tuple[str, str] | None:
    side = data_of(ev).get("side")
    return (ev.channel, side) if side in ("high", "low") and ev.channel else None


def check_alarm(where: str, alarm: object) -> list[str]:
    """Problems with one channel's alarm table."""
    if not isinstance(alarm, dict):
        return [f"{where}: 'alarm' must be a table"]
    errs = []
    for k, v in alarm.items():
        if k not in ALARM_KEYS:
            near = difflib.get_close_matches(str(k), sorted(ALARM_KEYS), n=1)
            errs.append(f"{where}.alarm: unknown key '{k}' (expected one of "
                        f"{', '.join(sorted(ALARM_KEYS))}"
                        + (f"; did you mean {near[0]}?)" if near else ")"))
        elif isinstance(v, bool) or not isinstance(v, int | float):
            errs.append(f"{where}.alarm.{k}: expected a number, got {v!r}")
        elif not math.isfinite(v):  # nan compares false: the alarm would never start
            errs.append(f"{where}.alarm.{k}: expected a finite number, got {v!r}")
        elif k in ("delay", "hysteresis", "stale_after") and v < 0:
            errs.append(f"{where}.alarm.{k}: must not be negative")
    if not errs and "high" in alarm and "low" in alarm and alarm["low"] >= alarm["high"]:
        errs.append(f"{where}.alarm: 'low' ({alarm['low']}) must be below 'high' ({alarm['high']})")
    return errs
