"""Whether it is day or night in a zone: from sunrise/sunset (offline, `sun`) or the clock.

A zone's day starts at `day_from` and its night at `night_from` (zones.Edge: "sunrise+30",
"sunset", "06:00"); both are placed on the local date, so the night runs from
`night_from` to the next day's `day_from`. Sun times come from the site's latitude and
longitude (`[site]`, sectors.api.site.SiteContext), computed once per local date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from deungdae.sectors.api.site import SiteContext
from deungdae.sectors.farm.sun import sun_times
from deungdae.sectors.farm.zones import Edge, Zone


class DayNight:
    """Day/night of one zone; `is_day(ts)` is cheap (one cached interval per local day)."""

    __slots__ = ("zone", "tz", "lat", "lon", "_lo", "_hi", "_day")

    def __init__(self, zone: Zone, site: SiteContext) -> None:
        self.zone, self.tz = zone, site.tz
        needs_sun = zone.day_from.anchor != "clock" or zone.night_from.anchor != "clock"
        if needs_sun and (site.latitude is None or site.longitude is None):
            raise ValueError(f"zone '{zone.id}': day/night from sunrise or sunset needs the "
                             "site's location ([site] latitude and longitude)")
        self.lat, self.lon = site.latitude, site.longitude
        self._lo = self._hi = 0
        self._day = False

    def _at(self, edge: Edge, d: date) -> datetime:
        if edge.anchor == "clock" and edge.at is not None:
            return datetime.combine(d, edge.at, self.tz)
        assert self.lat is not None and self.lon is not None
        s = sun_times(d, self.lat, self.lon)
        at = s.sunrise if edge.anchor == "sunrise" else s.sunset
        if at is None:  # polar day: "sunrise" at 00:00, "sunset" at 24:00; polar night: no day
            midnight = datetime.combine(d, datetime.min.time(), self.tz)
            if s.polar == "day":
                at = midnight if edge.anchor == "sunrise" else midnight + timedelta(days=1)
            else:
                at = midnight + timedelta(hours=12)
        return at + timedelta(minutes=edge.minutes)

    def span(self, d: date) -> tuple[int, int]:
        """Local date `d`'s day as UTC ms [day starts, night starts)."""
        a, b = self._at(self.zone.day_from, d), self._at(self.zone.night_from, d)
        return int(a.timestamp() * 1000), int(b.timestamp() * 1000)

    def is_day(self, ts: int) -> bool:
        if self._lo <= ts < self._hi:
            return self._day
        d = datetime.fromtimestamp(ts / 1000, self.tz).date()
        lo, hi = self.span(d)
        midnight = int(datetime.combine(d, datetime.min.time(), self.tz).timestamp() * 1000)
        nxt = int(datetime.combine(d + timedelta(days=1), datetime.min.time(),
                                   self.tz).timestamp() * 1000)
        if ts < lo:
            self._lo, self._hi, self._day = midnight, min(lo, nxt), False
        elif ts < hi:
            self._lo, self._hi, self._day = max(lo, midnight), min(hi, nxt), True
        else:
            self._lo, self._hi, self._day = max(hi, midnight), nxt, False
        if self._hi <= self._lo:  # degenerate (day after night): no caching
            self._lo = self._hi = 0
            return ts >= lo and ts < hi
        return self._day
