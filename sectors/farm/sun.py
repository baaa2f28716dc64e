"""Sunrise and sunset from latitude and longitude, offline (NOAA solar calculator).

The equations are NOAA's Global Monitoring Laboratory solar calculator (after Meeus,
"Astronomical Algorithms"): the sun's declination and the equation of time from the
Julian century, the hour angle at a zenith of 90.833° (refraction and the sun's radius),
solar noon = 720 − 4·longitude − equation of time (minutes UTC). Accurate to about a
minute at latitudes below ±72°, which is what day/night bands need. Where the sun does
not rise or set that day (polar day or night) `sun_times` says so instead of guessing.
Longitude is east-positive, as the site config's `[site] longitude`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

ZENITH = 90.833


@dataclass(frozen=True, slots=True)
class SunTimes:
    """UTC datetimes of sunrise and sunset on one date; None in polar day/night."""

    day: date
    sunrise: datetime | None
    sunset: datetime | None
    noon: datetime
    polar: str = ""  # "day" (sun never sets) or "night" (never rises) when it applies


def _jd(d: date, minutes_utc: float) -> float:
    # Julian day of 0h UTC on d, plus the time of day
    a = (14 - d.month) // 12
    y, m = d.year + 4800 - a, d.month + 12 * a - 3
    jdn = d.day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045
    return jdn - 0.5 + minutes_utc / 1440.0


def _sun(jd: float) -> tuple[float, float]:
    """(declination degrees, equation of time minutes) at Julian day `jd`."""
    t = (jd - 2451545.0) / 36525.0
    l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360.0
    m = 357.52911 + t * (35999.05029 - 0.0001537 * t)
    e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t)
    mr = math.radians(m)
    c = (math.sin(mr) * (1.914602 - t * (0.004817 + 0.000014 * t))
         + math.sin(2 * mr) * (0.019993 - 0.000101 * t) + math.sin(3 * mr) * 0.000289)
    omega = 125.04 - 1934.136 * t
    lam = l0 + c - 0.00569 - 0.00478 * math.sin(math.radians(omega))
    eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60
    eps = math.radians(eps0 + 0.00256 * math.cos(math.radians(omega)))
    decl = math.degrees(math.asin(math.sin(eps) * math.sin(math.radians(lam))))
    y = math.tan(eps / 2) ** 2
    l0r = math.radians(l0)
    eot = 4 * math.degrees(y * math.sin(2 * l0r) - 2 * e * math.sin(mr)
                           + 4 * e * y * math.sin(mr) * math.cos(2 * l0r)
                           - 0.5 * y * y * math.sin(4 * l0r) - 1.25 * e * e * math.sin(2 * mr))
    return decl, eot


def _event(d: date, lat: float, lon: float, sign: int) -> tuple[float | None, str]:
    """Minutes after 0h UTC of sunrise (sign −1) or sunset (+1); refined twice at the
    event's own time."""
    minutes = 720.0 - 4 * lon
    for _ in range(3):
        decl, eot = _sun(_jd(d, minutes))
        phi, dr = math.radians(lat), math.radians(decl)
        cos_ha = (math.cos(math.radians(ZENITH)) / (math.cos(phi) * math.cos(dr))
                  - math.tan(phi) * math.tan(dr))
        if cos_ha < -1:
            return None, "day"
        if cos_ha > 1:
            return None, "night"
        ha = math.degrees(math.acos(cos_ha))
        minutes = 720.0 - 4 * lon - eot + sign * 4 * ha
    return minutes, ""


def sun_times(d: date, latitude: float, longitude: float) -> SunTimes:
    """Sunrise, sunset and solar noon of local date `d` at the site (UTC datetimes)."""
    base = datetime(d.year, d.month, d.day, tzinfo=UTC)
    _, eot = _sun(_jd(d, 720.0 - 4 * longitude))
    noon = base + timedelta(minutes=720.0 - 4 * longitude - eot)
    rise, polar = _event(d, latitude, longitude, -1)
    sett, _ = _event(d, latitude, longitude, +1)
    return SunTimes(d, None if rise is None else base + timedelta(minutes=rise),
                    None if sett is None else base + timedelta(minutes=sett), noon, polar)
