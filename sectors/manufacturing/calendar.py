"""The shift calendar of a plant, from the platform's site context plus our planned stops.

The platform parses `[[site.shifts]]` and `site.holidays` (`sectors.api.site`); the OEE
arithmetic (`shifts.ShiftCalendar`) wants minutes after midnight and UTC planned stops.
This is the one place the two meet, so the rules and the reports cut the same planned
busy time.
"""

from __future__ import annotations

from deungdae.sectors.api.site import SiteContext
from deungdae.sectors.manufacturing.config import Settings
from deungdae.sectors.manufacturing.shifts import PlannedStop, Shift, ShiftCalendar

# With no [[site.shifts]] a machine is planned all day (a 24 h shift from midnight).
ALL_DAY = Shift("all-day", 0, 1440)


def _minutes(t) -> int:
    return t.hour * 60 + t.minute


def calendar(site: SiteContext, settings: Settings) -> ShiftCalendar:
    shifts = []
    for s in site.shifts:
        a, b = _minutes(s.start), _minutes(s.end)
        if b <= a:
            b += 1440
        brs = []
        for x, y in s.breaks:
            bx, by = _minutes(x), _minutes(y)
            if bx < a:
                bx += 1440
            if by <= bx:
                by += 1440
            brs.append((bx, by))
        shifts.append(Shift(s.name, a, b, breaks=tuple(brs)))
    stops = [PlannedStop(a, b, r) for a, b, r in settings.planned_stop_ms(site.tz)]
    return ShiftCalendar(site.tz, tuple(shifts) or (ALL_DAY,), site.holidays, tuple(stops))
