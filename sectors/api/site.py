"""Site context for rules and reports: time zone, location, shift and production calendars.

Parsed from the `[site]` table of site.toml (`parse_site`): `timezone`, `latitude`,
`longitude`, `[[site.shifts]]` (name, start, end as "HH:MM" local time, optional
`breaks = [["12:00", "13:00"]]`; a shift ending at or before its start runs past
midnight) and `holidays = ["2026-01-01", ...]` (days the plant does not produce).
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SITE_KEYS = ("latitude", "longitude", "shifts", "holidays")
SHIFT_KEYS = ("name", "start", "end", "breaks")


@dataclass(frozen=True, slots=True)
class Shift:
    name: str
    start: time
    end: time
    breaks: tuple[tuple[time, time], ...] = ()

    def span(self, day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """The shift that starts on local `day`, as aware datetimes [start, end)."""
        t0 = datetime.combine(day, self.start, tz)
        end_day = day + timedelta(days=1) if self.end <= self.start else day
        return t0, datetime.combine(end_day, self.end, tz)


@dataclass(frozen=True, slots=True)
class SiteContext:
    """Site facts rules and report periods may need (what used to be `RuleContext`)."""

    timezone: str = "Asia/Seoul"
    latitude: float | None = None
    longitude: float | None = None
    shifts: tuple[Shift, ...] = ()
    holidays: frozenset[date] = field(default_factory=frozenset)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def shift(self, name: str) -> Shift:
        for s in self.shifts:
            if s.name == name:
                return s
        raise ValueError(f"no shift {name!r} (site.shifts: "
                         f"{', '.join(s.name for s in self.shifts) or 'none declared'})")

    def is_production_day(self, day: date) -> bool:
        return day not in self.holidays


def _hhmm(v: object, where: str, errs: list[str]) -> time:
    try:
        h, m = str(v).split(":")
        return time(int(h), int(m))
    except (ValueError, TypeError):
        errs.append(f"{where}: expected a local time \"HH:MM\", got {v!r}")
        return time(0, 0)


def parse_site(site: dict, timezone: str = "Asia/Seoul") -> tuple[SiteContext, list[str]]:
    """The context from a `[site]` table, and its problems (each naming the key)."""
    errs: list[str] = []
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        timezone = "UTC"
    coords: dict[str, float | None] = {}
    for key, lim in (("latitude", 90.0), ("longitude", 180.0)):
        v = site.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)
                              or not math.isfinite(v) or abs(v) > lim):
            errs.append(f"site.{key}: expected a number from -{lim:g} to {lim:g}, got {v!r}")
            v = None
        coords[key] = None if v is None else float(v)
    shifts: list[Shift] = []
    raw = site.get("shifts", [])
    if not isinstance(raw, list):
        errs.append("site.shifts: expected [[site.shifts]] tables")
        raw = []
    for i, s in enumerate(raw):
        where = f"site.shifts[{i}]"
        if not isinstance(s, dict) or not isinstance(s.get("name"), str) or not s["name"]:
            errs.append(f"{where}: expected a table with name, start and end")
            continue
        for key in sorted(set(s) - set(SHIFT_KEYS)):
            near = difflib.get_close_matches(key, SHIFT_KEYS, n=1)
            errs.append(f"{where}.{key}: unknown key '{key}' ("
                        + (f"did you mean {near[0]}?" if near else
                           f"expected {', '.join(SHIFT_KEYS)}") + ")")
        brk = []
        for j, b in enumerate(s.get("breaks", [])):
            if not isinstance(b, list) or len(b) != 2:
                errs.append(f"{where}.breaks[{j}]: expected [\"HH:MM\", \"HH:MM\"]")
                continue
            brk.append((_hhmm(b[0], f"{where}.breaks[{j}]", errs),
                        _hhmm(b[1], f"{where}.breaks[{j}]", errs)))
        if any(x.name == s["name"] for x in shifts):
            errs.append(f"{where}: shift {s['name']!r} declared twice")
        shifts.append(Shift(s["name"], _hhmm(s.get("start"), f"{where}.start", errs),
                            _hhmm(s.get("end"), f"{where}.end", errs), tuple(brk)))
    holidays = set()
    raw_h = site.get("holidays", [])
    for i, h in enumerate(raw_h if isinstance(raw_h, list) else [raw_h]):
        if isinstance(h, date) and not isinstance(h, datetime):
            holidays.add(h)
            continue
        try:
            holidays.add(date.fromisoformat(str(h)))
        except ValueError:
            errs.append(f"site.holidays[{i}]: expected a date YYYY-MM-DD, got {h!r}")
    return SiteContext(timezone, coords["latitude"], coords["longitude"], tuple(shifts),
                       frozenset(holidays)), errs
