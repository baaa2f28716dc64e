"""Report periods: what a report covers, from its command-line argument and the site.

A `Period` resolves an argument (`2026-03-05`, `2026-03`, `2026-W10`, `2026-03-05/day`,
`2026-03-01..2026-03-08`) with the site context into UTC [start, end) in ms. The built-in
ones are in `PERIODS`; a sector adds its own (a lot, a crop cycle) by returning `Period`
objects from its `ReportDef`s, resolving them from its own records if it needs to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from deungdae.sectors.api.site import SiteContext

Resolver = Callable[[str, SiteContext], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Period:
    key: str
    title_en: str
    title_ko: str
    arg_help: str  # what the argument looks like, for --help
    resolve: Resolver  # (arg, site) -> UTC [start, end) ms; ValueError names what is wrong


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def _local_days(d0: date, d1: date, site: SiteContext) -> tuple[int, int]:
    tz = site.tz
    return (_ms(datetime(d0.year, d0.month, d0.day, tzinfo=tz)),
            _ms(datetime(d1.year, d1.month, d1.day, tzinfo=tz)))


def _date(arg: str) -> date:
    try:
        return date.fromisoformat(arg)
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {arg!r}") from None


def day(arg: str, site: SiteContext) -> tuple[int, int]:
    d = _date(arg)
    return _local_days(d, d + timedelta(days=1), site)


def week(arg: str, site: SiteContext) -> tuple[int, int]:
    """ISO week `2026-W10`, or the Monday-to-Sunday week containing a date."""
    try:
        d = (datetime.strptime(arg + "-1", "%G-W%V-%u").date() if "W" in arg
             else _date(arg) - timedelta(days=_date(arg).weekday()))
    except ValueError:
        raise ValueError(f"expected an ISO week YYYY-Www or a date, got {arg!r}") from None
    return _local_days(d, d + timedelta(days=7), site)


def month(arg: str, site: SiteContext) -> tuple[int, int]:
    try:
        y, m = (int(x) for x in arg.split("-"))
        d0 = date(y, m, 1)
    except ValueError:
        raise ValueError(f"expected a month YYYY-MM, got {arg!r}") from None
    d1 = date(y + (m == 12), m % 12 + 1, 1)
    return _local_days(d0, d1, site)


def range_(arg: str, site: SiteContext) -> tuple[int, int]:
    """`FROM..TO`: local days FROM up to and including TO."""
    a, sep, b = arg.partition("..")
    if not sep:
        raise ValueError(f"expected FROM..TO (dates), got {arg!r}")
    d0, d1 = _date(a), _date(b)
    if d1 < d0:
        raise ValueError(f"range {arg!r} ends before it starts")
    return _local_days(d0, d1 + timedelta(days=1), site)


def shift(arg: str, site: SiteContext) -> tuple[int, int]:
    """`DATE/SHIFT`: the named shift (site.shifts) that starts on local DATE."""
    d, sep, name = arg.partition("/")
    if not sep:
        raise ValueError(f"expected DATE/SHIFT (e.g. 2026-03-05/day), got {arg!r}")
    t0, t1 = site.shift(name).span(_date(d), site.tz)
    return _ms(t0), _ms(t1)


PERIODS: dict[str, Period] = {p.key: p for p in (
    Period("day", "Day", "일간", "YYYY-MM-DD", day),
    Period("shift", "Shift", "근무조", "YYYY-MM-DD/SHIFT", shift),
    Period("week", "Week", "주간", "YYYY-Www or YYYY-MM-DD", week),
    Period("month", "Month", "월간", "YYYY-MM", month),
    Period("range", "Date range", "기간", "YYYY-MM-DD..YYYY-MM-DD", range_),
)}


def period(key: str) -> Period:
    try:
        return PERIODS[key]
    except KeyError:
        raise ValueError(f"unknown period {key!r} (periods: {', '.join(PERIODS)})") from None
