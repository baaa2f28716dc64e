"""Daily light integral (DLI): the photosynthetic light a crop received over a day.

DLI (mol/m²/day) = Σ PPFD (µmol/m²/s) · Δt (s) / 10⁶ (domain.md, "Smart farm"). Growers
ask for two days: the local day from a configurable start (a crop's "day" may begin at
dawn lighting, not midnight) and a rolling 24 h. Without a PPFD sensor, global solar
radiation W/m² × ~2.0 gives PPFD outdoors — an approximation the window states
(`FORMULA_SOLAR`); the factor is configurable.

Integration is "sample and hold": a reading's value holds until the next one, as a
logger's sample stands for its interval, and the report (`integrate`) sums exactly as
the live rule does, so the printed DLI equals what the record's PPFD readings give. A
gap longer than `max_gap_s` adds nothing (an outage is not darkness, but it is not light
we measured either). Negative readings count as 0: pyranometers read a few W/m² below
zero at night (thermal offset).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

FORMULA_DLI = "DLI = Σ PPFD·Δt / 10⁶ mol/m²/day (sample and hold)"
FORMULA_SOLAR = "PPFD ≈ solar radiation W/m² × factor (≈2.0 outdoors; an approximation)"
DEFAULT_SOLAR_FACTOR = 2.0
DEFAULT_MAX_GAP_S = 300.0


def ppfd_from_solar(w_m2: float, factor: float = DEFAULT_SOLAR_FACTOR) -> float:
    """µmol/m²/s from global solar radiation in W/m² (approximation; see module doc)."""
    return max(0.0, w_m2) * factor


def day_start_of(ts_ms: int, tz: ZoneInfo, day_start: time) -> int:
    """The start (UTC ms) of the light day `ts_ms` falls in: local `day_start` on that date
    or, before it, on the date before."""
    local = datetime.fromtimestamp(ts_ms / 1000, tz)
    start = datetime.combine(local.date(), day_start, tz)
    if local < start:
        start = datetime.combine(local.date() - timedelta(days=1), day_start, tz)
    return int(start.timestamp() * 1000)


def light_day_of(ts_ms: int, tz: ZoneInfo, day_start: time) -> str:
    """The light day's date (its start's local date) as YYYY-MM-DD."""
    return datetime.fromtimestamp(day_start_of(ts_ms, tz, day_start) / 1000, tz).date().isoformat()


def integrate(samples: Iterable[tuple[int, float]], t0: int | None = None,
              t1: int | None = None, max_gap_s: float = DEFAULT_MAX_GAP_S) -> float:
    """Σ value·Δt (value·ms) of time-ordered (ts ms, value) samples held until the next
    one, the piece of each hold inside [t0, t1). A hold longer than `max_gap_s` counts
    nothing; negative values count as 0. DLI in mol/m² is this of PPFD / 1e9."""
    total = 0.0
    prev: tuple[int, float] | None = None
    cap = max_gap_s * 1000
    lo = -2**63 if t0 is None else t0
    hi = 2**63 if t1 is None else t1
    for ts, v in samples:
        if prev is not None and 0 < ts - prev[0] <= cap:
            a, b = max(prev[0], lo), min(ts, hi)
            if b > a:
                total += max(0.0, prev[1]) * (b - a)
        prev = (ts, v)
    return total


def dli_of(samples: Iterable[tuple[int, float]], t0: int | None = None,
           t1: int | None = None, max_gap_s: float = DEFAULT_MAX_GAP_S) -> float:
    """mol/m² of PPFD samples inside [t0, t1) (sample and hold)."""
    return integrate(samples, t0, t1, max_gap_s) / 1e9


def next_day_start(day0_ms: int, tz: ZoneInfo, day_start: time) -> int:
    """The light day after the one starting at `day0_ms` (23–25 h later across DST)."""
    return day_start_of(day0_ms + 36 * 3_600_000, tz, day_start)


class DailyIntegral:
    """Σ value·Δt of the current local day (from `day_start`), split exactly at the day
    boundary, as `integrate` does over the record: the live DLI (of PPFD) and the
    condensation-risk time (of a 0/1 flag) use it."""

    __slots__ = ("tz", "day_start", "cap", "day0", "day1", "total", "last")

    def __init__(self, tz: ZoneInfo, day_start: time = time(0, 0),
                 max_gap_s: float = DEFAULT_MAX_GAP_S) -> None:
        self.tz, self.day_start, self.cap = tz, day_start, max_gap_s * 1000
        self.day0: int | None = None
        self.day1 = 0
        self.total = 0.0  # value·ms
        self.last: tuple[int, float] | None = None

    def _day(self, ms: int) -> str:
        return datetime.fromtimestamp(ms / 1000, self.tz).date().isoformat()

    def add(self, ts: int, value: float) -> tuple[float, tuple[str, float] | None]:
        """Take a sample; (the day's Σ so far, (day, Σ) of a day that just ended)."""
        finished = None
        if self.day0 is None:
            self.day0 = day_start_of(ts, self.tz, self.day_start)
            self.day1 = next_day_start(self.day0, self.tz, self.day_start)
        last = self.last
        if last is not None and 0 < ts - last[0] <= self.cap:
            a, v = last[0], max(0.0, last[1])
            while ts > self.day1 > a:  # the hold crosses midnight (or the day start)
                self.total += v * (self.day1 - a)
                a = self.day1
                finished = (self._day(self.day0), self.total)
                self.total = 0.0
                self.day0, self.day1 = self.day1, next_day_start(self.day1, self.tz,
                                                                 self.day_start)
            self.total += v * (ts - a)
        if ts >= self.day1:  # a new day began (at this sample, or after a gap)
            finished = (self._day(self.day0), self.total)
            self.total = 0.0
            self.day0 = day_start_of(ts, self.tz, self.day_start)
            self.day1 = next_day_start(self.day0, self.tz, self.day_start)
        elif ts < self.day0:  # a clock set back: start the day again
            self.total = 0.0
            self.day0 = day_start_of(ts, self.tz, self.day_start)
            self.day1 = next_day_start(self.day0, self.tz, self.day_start)
        self.last = (ts, value)
        return self.total, finished


class RollingDLI:
    """Light of the last 24 h (mol/m²): the same sum over a sliding window."""

    __slots__ = ("window_ms", "max_gap_ms", "parts", "total", "last")

    def __init__(self, window_s: float = 86_400.0, max_gap_s: float = DEFAULT_MAX_GAP_S) -> None:
        self.window_ms, self.max_gap_ms = int(window_s * 1000), max_gap_s * 1000
        self.parts: deque[tuple[int, int, float]] = deque()  # (t0, t1, µmol·ms)
        self.total = 0.0
        self.last: tuple[int, float] | None = None

    def add(self, ts: int, ppfd: float) -> float:
        if self.last is not None:
            dt = ts - self.last[0]
            if 0 < dt <= self.max_gap_ms:
                amount = max(0.0, self.last[1]) * dt
                self.parts.append((self.last[0], ts, amount))
                self.total += amount
        self.last = (ts, ppfd)
        horizon = ts - self.window_ms
        parts = self.parts
        while parts and parts[0][1] <= horizon:
            self.total -= parts.popleft()[2]
        if parts and parts[0][0] < horizon:  # the oldest piece straddles the edge
            t0, t1, amount = parts[0]
            keep = amount * (t1 - horizon) / (t1 - t0)
            self.total -= amount - keep
            parts[0] = (horizon, t1, keep)
        if not parts:
            self.total = 0.0
        return max(0.0, self.total) / 1e9
