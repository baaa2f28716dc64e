"""Shift calendar → planned busy time (ISO 22400: planned operation time minus planned
downtime), in the site's time zone, safe across DST changes.

Shifts are written on the local wall clock ("06:00"–"14:00", a night shift "22:00"–"06:00"
ends the next day); breaks are wall-clock times inside the shift; planned stops
(maintenance, no orders) are absolute intervals; holidays are local dates on which no
shift *starts*. All arithmetic is on UTC instants, so a night shift over a DST change
lasts the 7 or 9 hours it really lasts. A wall time that does not exist (the hour skipped
in spring) is read with the offset before the change (it lands after the gap); a wall time
that happens twice (autumn) is its first occurrence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
ALL_DAYS = frozenset(range(7))


class ShiftConfigError(ValueError):
    """A shift calendar that cannot be used (names the key)."""


def _minutes(v: object, key: str) -> int:
    m = _HHMM.match(str(v))
    if not m:
        raise ShiftConfigError(f"{key}: 'HH:MM' (00:00–23:59) expected, got {v!r}")
    return int(m.group(1)) * 60 + int(m.group(2))


def local_ms(day: dt.date, minutes: int, tz: ZoneInfo) -> int:
    """UTC ms of a wall-clock time ``minutes`` after local midnight of ``day`` (may exceed a
    day: a time of the next day)."""
    d = day + dt.timedelta(days=minutes // 1440)
    m = minutes % 1440
    t = dt.datetime(d.year, d.month, d.day, m // 60, m % 60, tzinfo=tz, fold=0)
    return int(t.timestamp() * 1000)


@dataclass(frozen=True, slots=True)
class Shift:
    name: str
    start_min: int
    end_min: int
    weekdays: frozenset[int] = ALL_DAYS  # of the day the shift starts; 0 = Monday
    breaks: tuple[tuple[int, int], ...] = ()  # minutes after the shift day's midnight

    @classmethod
    def parse(cls, raw: Mapping, where: str = "shift") -> Shift:
        name = raw.get("name")
        if not name:
            raise ShiftConfigError(f"{where}.name: required")
        s = _minutes(raw.get("start"), f"{where}.start")
        e = _minutes(raw.get("end"), f"{where}.end")
        if e <= s:
            e += 1440
        days = raw.get("weekdays", list(range(7)))
        if not all(isinstance(d, int) and 0 <= d <= 6 for d in days):
            raise ShiftConfigError(f"{where}.weekdays: integers 0 (Mon)..6 (Sun) expected")
        brs = []
        for i, b in enumerate(raw.get("breaks", [])):
            k = f"{where}.breaks[{i}]"
            bs, be = _minutes(b.get("start"), f"{k}.start"), _minutes(b.get("end"), f"{k}.end")
            if bs < s:
                bs += 1440
            if be <= bs:
                be += 1440
            if not (s <= bs and be <= e):
                raise ShiftConfigError(f"{k}: break must lie inside the shift")
            brs.append((bs, be))
        return cls(str(name), s, e, frozenset(days), tuple(brs))


@dataclass(frozen=True, slots=True)
class ShiftInstance:
    name: str
    day: dt.date
    start_ms: int
    end_ms: int
    breaks: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PlannedStop:
    start_ms: int
    end_ms: int
    reason: str = ""


def _merge(ivs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for lo, hi in sorted(ivs):
        if hi <= lo:
            continue
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def _subtract(base: list[tuple[int, int]], cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for lo, hi in base:
        t = lo
        for c0, c1 in cut:
            if c1 <= t or c0 >= hi:
                continue
            if c0 > t:
                out.append((t, c0))
            t = max(t, c1)
        if t < hi:
            out.append((t, hi))
    return out


@dataclass(frozen=True)
class ShiftCalendar:
    tz: ZoneInfo
    shifts: tuple[Shift, ...]
    holidays: frozenset[dt.date] = frozenset()
    planned_stops: tuple[PlannedStop, ...] = field(default=())

    @classmethod
    def parse(cls, raw: Mapping, where: str = "calendar") -> ShiftCalendar:
        try:
            tz = ZoneInfo(str(raw.get("timezone", "")))
        except (KeyError, ValueError):
            raise ShiftConfigError(f"{where}.timezone: an IANA zone expected, got "
                                   f"{raw.get('timezone')!r}") from None
        shifts = tuple(Shift.parse(s, f"{where}.shifts[{i}]")
                       for i, s in enumerate(raw.get("shifts", [])))
        if not shifts:
            raise ShiftConfigError(f"{where}.shifts: at least one shift needed")
        try:
            hols = frozenset(dt.date.fromisoformat(str(d)) for d in raw.get("holidays", []))
        except ValueError as e:
            raise ShiftConfigError(f"{where}.holidays: {e}") from None
        return cls(tz, shifts, hols)

    def with_stops(self, stops: Sequence[PlannedStop]) -> ShiftCalendar:
        return ShiftCalendar(self.tz, self.shifts, self.holidays,
                             self.planned_stops + tuple(stops))

    def instances(self, start_ms: int, end_ms: int) -> list[ShiftInstance]:
        """Shift instances overlapping [start_ms, end_ms), in time order."""
        first = dt.datetime.fromtimestamp(start_ms / 1000, self.tz).date() - dt.timedelta(2)
        last = dt.datetime.fromtimestamp(end_ms / 1000, self.tz).date() + dt.timedelta(1)
        out = []
        day = first
        while day <= last:
            if day not in self.holidays:
                for s in self.shifts:
                    if day.weekday() not in s.weekdays:
                        continue
                    a, b = local_ms(day, s.start_min, self.tz), local_ms(day, s.end_min, self.tz)
                    if b > start_ms and a < end_ms:
                        brs = tuple((local_ms(day, x, self.tz), local_ms(day, y, self.tz))
                                    for x, y in s.breaks)
                        out.append(ShiftInstance(s.name, day, a, b, brs))
            day += dt.timedelta(1)
        return sorted(out, key=lambda i: i.start_ms)

    def busy_intervals(self, start_ms: int, end_ms: int) -> list[tuple[int, int]]:
        """Planned busy time as merged UTC intervals inside [start_ms, end_ms)."""
        inst = self.instances(start_ms, end_ms)
        work = _merge((max(i.start_ms, start_ms), min(i.end_ms, end_ms)) for i in inst)
        cut = _merge([b for i in inst for b in i.breaks]
                     + [(p.start_ms, p.end_ms) for p in self.planned_stops])
        return _subtract(work, cut)

    def planned_busy_ms(self, start_ms: int, end_ms: int) -> int:
        return sum(hi - lo for lo, hi in self.busy_intervals(start_ms, end_ms))

    def shift_at(self, ts_ms: int) -> ShiftInstance | None:
        for i in self.instances(ts_ms, ts_ms + 1):
            if i.start_ms <= ts_ms < i.end_ms:
                return i
        return None
