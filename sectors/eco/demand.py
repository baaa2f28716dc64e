"""Peak demand: 15-minute windows on the local clock, the running window's forecast,
the warning before a target is crossed, the 12-month 요금적용전력 rule and TOU bands.

Korean tariffs charge the basic fee on the highest 15-minute average demand
(최대수요전력); the demand that sets the fee (요금적용전력) is the highest of the last 12
months counting only the months a tariff names (December–February, July–September) and
the current month. A plant wants to see inside the running window what its average will
be at the end if the load stays as now, and to be warned while it can still shed load.

Power in kW, energy in kWh, time in UTC milliseconds; windows are aligned to the site's
local clock (zoneinfo), so a site in a zone with a non-hour offset still gets :00 :15
:30 :45 local windows. Between samples power is taken as linear (trapezoid), the same
integration the meters module uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from deungdae.sectors.eco.meters import Interval, split_by_boundaries

MS_PER_HOUR = 3_600_000
# The months Korean tariffs count towards 요금적용전력 besides the current month.
KR_COUNTED_MONTHS: tuple[int, ...] = (12, 1, 2, 7, 8, 9)


class DemandConfigError(ValueError):
    """Tariff or demand settings that cannot be used (names the key)."""


def window_start(ts_ms: int, tz: ZoneInfo, minutes: int = 15) -> int:
    """Start (UTC ms) of the local-clock window of ``minutes`` containing ``ts_ms``.

    The window is found on the local wall clock (offset at ``ts_ms``) and mapped back with
    the same offset, so it is exact for any zone and any DST change on a window boundary.
    """
    if minutes <= 0 or 1440 % minutes:
        raise DemandConfigError(f"window minutes must divide a day, got {minutes}")
    t = dt.datetime.fromtimestamp(ts_ms / 1000, dt.UTC)
    off = t.astimezone(tz).utcoffset()
    off_ms = int(off.total_seconds() * 1000) if off is not None else 0
    local_ms = ts_ms + off_ms
    w = minutes * 60_000
    return local_ms - local_ms % w - off_ms


@dataclass(frozen=True, slots=True)
class DemandWindow:
    """A closed window: its average demand and how much of it samples covered."""

    start_ms: int
    end_ms: int
    energy_kwh: float
    covered_ms: int

    @property
    def average_kw(self) -> float:
        return self.energy_kwh * MS_PER_HOUR / (self.end_ms - self.start_ms)

    @property
    def complete(self) -> bool:
        return self.covered_ms == self.end_ms - self.start_ms


@dataclass(frozen=True, slots=True)
class Forecast:
    """The running window at one sample: energy so far and the average at its end if the
    load stays at ``power_kw``. ``closed`` lists windows this sample completed."""

    ts_ms: int
    window_start_ms: int
    window_end_ms: int
    power_kw: float
    energy_so_far_kwh: float
    forecast_kw: float
    closed: tuple[DemandWindow, ...] = ()

    @property
    def remaining_ms(self) -> int:
        return self.window_end_ms - self.ts_ms


class DemandForecaster:
    """Running 15-minute demand, O(1) per sample: feed power samples in time order.

    A sample further than ``max_gap_ms`` from the previous one is not bridged: the span
    stays uncovered (the window's ``covered_ms`` says so) rather than invented.
    """

    def __init__(self, tz: ZoneInfo | str, minutes: int = 15,
                 max_gap_ms: int = 5 * 60_000) -> None:
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self.minutes = minutes
        self.window_ms = minutes * 60_000
        window_start(0, self.tz, minutes)  # validates minutes
        self.max_gap_ms = max_gap_ms
        self._last: tuple[int, float] | None = None
        self._w0: int | None = None
        self._energy = 0.0
        self._covered = 0

    def update(self, ts_ms: int, power_kw: float) -> Forecast:
        closed: list[DemandWindow] = []
        if self._last is not None and ts_ms <= self._last[0]:
            raise DemandConfigError(f"power samples out of order at ts {ts_ms}")
        if self._w0 is None:
            self._w0 = window_start(ts_ms, self.tz, self.minutes)
        prev = self._last
        bridge = prev is not None and ts_ms - prev[0] <= self.max_gap_ms
        # Walk across window ends between the previous sample and this one.
        while ts_ms >= self._w0 + self.window_ms:
            end = self._w0 + self.window_ms
            if bridge and prev is not None and prev[0] < end:
                v_end = _lerp(prev, (ts_ms, power_kw), end)
                self._add(prev, (end, v_end))
                prev = (end, v_end)
            closed.append(DemandWindow(self._w0, end, self._energy, self._covered))
            self._energy, self._covered = 0.0, 0
            self._w0 = window_start(end, self.tz, self.minutes)
            if self._w0 != end:  # a local-clock jump inside; never skip time
                self._w0 = end
        if bridge and prev is not None:
            self._add(prev, (ts_ms, power_kw))
        self._last = (ts_ms, power_kw)
        end = self._w0 + self.window_ms
        fc = (self._energy + power_kw * (end - ts_ms) / MS_PER_HOUR) * MS_PER_HOUR \
            / self.window_ms
        return Forecast(ts_ms, self._w0, end, power_kw, self._energy, fc, tuple(closed))

    def _add(self, a: tuple[int, float], b: tuple[int, float]) -> None:
        self._energy += (a[1] + b[1]) / 2 * (b[0] - a[0]) / MS_PER_HOUR
        self._covered += b[0] - a[0]


def _lerp(a: tuple[int, float], b: tuple[int, float], t: int) -> float:
    return a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0])


def windows_from_energy(intervals: Iterable[Interval], tz: ZoneInfo | str, start_ms: int,
                        end_ms: int, minutes: int = 15) -> list[DemandWindow]:
    """Demand windows from a kWh register's intervals (how a utility meter measures
    demand: energy in the window / its length). Counter-proved and estimated energy both
    count; uncovered time (missing, or estimated without power) lowers ``covered_ms``.
    An interval longer than a window is shared by time, so it cannot prove a peak: check
    ``complete`` and the interval lengths before trusting such a window."""
    z = ZoneInfo(tz) if isinstance(tz, str) else tz
    w = minutes * 60_000
    first = window_start(start_ms, z, minutes)
    bounds = list(range(first, end_ms + w, w))
    if bounds[-1] < end_ms:
        bounds.append(bounds[-1] + w)
    out = []
    for b, t in split_by_boundaries(intervals, bounds).items():
        out.append(DemandWindow(b, b + w, t.quantity, w - t.missing_ms))
    return out


def window_averages(samples: Iterable[tuple[int, float]], tz: ZoneInfo | str,
                    minutes: int = 15, max_gap_ms: int = 5 * 60_000) -> list[DemandWindow]:
    """Closed windows of a power series (the running last window is not included)."""
    f = DemandForecaster(tz, minutes, max_gap_ms)
    out: list[DemandWindow] = []
    for ts, kw in samples:
        out.extend(f.update(ts, kw).closed)
    return out


@dataclass(frozen=True, slots=True)
class TargetWarning:
    """The forecast crossed the target with ``lead_ms`` left in the window.

    ``max_kw_for_rest`` is the load the rest of the window may draw and still end at the
    target (negative: the target can no longer be kept).
    """

    ts_ms: int
    window_start_ms: int
    forecast_kw: float
    target_kw: float
    lead_ms: int
    max_kw_for_rest: float


class TargetWatch:
    """Warns once per window when the forecast first reaches the target.

    ``min_elapsed_ms`` keeps the first seconds of a window (when the forecast is just the
    instantaneous load) from warning; ``min_lead_ms`` drops warnings too late to act on.
    """

    def __init__(self, target_kw: float, *, min_elapsed_ms: int = 0,
                 min_lead_ms: int = 0) -> None:
        if not target_kw > 0:
            raise DemandConfigError(f"target_kw must be > 0, got {target_kw!r}")
        self.target_kw = target_kw
        self.min_elapsed_ms = min_elapsed_ms
        self.min_lead_ms = min_lead_ms
        self._warned: int | None = None

    def check(self, fc: Forecast) -> TargetWarning | None:
        if self._warned == fc.window_start_ms:
            return None
        if fc.ts_ms - fc.window_start_ms < self.min_elapsed_ms:
            return None
        if fc.forecast_kw < self.target_kw or fc.remaining_ms < self.min_lead_ms:
            return None
        self._warned = fc.window_start_ms
        window_ms = fc.window_end_ms - fc.window_start_ms
        rest = fc.remaining_ms
        allowed = ((self.target_kw * window_ms / MS_PER_HOUR - fc.energy_so_far_kwh)
                   * MS_PER_HOUR / rest) if rest > 0 else float("-inf")
        return TargetWarning(fc.ts_ms, fc.window_start_ms, fc.forecast_kw, self.target_kw,
                             rest, allowed)


# --- the 12-month 요금적용전력 rule -------------------------------------------------

YearMonth = tuple[int, int]


@dataclass(frozen=True, slots=True)
class MonthlyPeak:
    kw: float
    window_start_ms: int


def monthly_peaks(windows: Iterable[DemandWindow], tz: ZoneInfo | str
                  ) -> dict[YearMonth, MonthlyPeak]:
    """The highest window of each local calendar month (by the window's start)."""
    z = ZoneInfo(tz) if isinstance(tz, str) else tz
    out: dict[YearMonth, MonthlyPeak] = {}
    for w in windows:
        d = dt.datetime.fromtimestamp(w.start_ms / 1000, z)
        key = (d.year, d.month)
        if key not in out or w.average_kw > out[key].kw:
            out[key] = MonthlyPeak(w.average_kw, w.start_ms)
    return out


@dataclass(frozen=True, slots=True)
class BillingDemand:
    """요금적용전력 for a billing month: the value, the month that set it, months counted."""

    kw: float
    set_in: YearMonth | None
    months_counted: tuple[YearMonth, ...]


def counted_months(year: int, month: int,
                   counted: Sequence[int] = KR_COUNTED_MONTHS) -> tuple[YearMonth, ...]:
    """The months of the 12 ending with (year, month) that count: the named ones + current."""
    out = []
    for back in range(11, -1, -1):
        m0 = year * 12 + (month - 1) - back
        y, m = divmod(m0, 12)
        ym = (y, m + 1)
        if back == 0 or ym[1] in counted:
            out.append(ym)
    return tuple(out)


def billing_demand(peaks: Mapping[YearMonth, float | MonthlyPeak], year: int, month: int,
                   counted: Sequence[int] = KR_COUNTED_MONTHS) -> BillingDemand:
    """The highest monthly peak over the counted months of the 12 ending with this month."""
    months = counted_months(year, month, counted)
    best: tuple[float, YearMonth] | None = None
    for ym in months:
        if ym not in peaks:
            continue
        p = peaks[ym]
        kw = p.kw if isinstance(p, MonthlyPeak) else float(p)
        if best is None or kw > best[0]:
            best = (kw, ym)
    return BillingDemand(best[0] if best else 0.0, best[1] if best else None, months)


def sets_new_billing_peak(peaks: Mapping[YearMonth, float | MonthlyPeak], year: int,
                          month: int, window_kw: float,
                          counted: Sequence[int] = KR_COUNTED_MONTHS) -> bool:
    """Whether a window of ``window_kw`` in (year, month) raises that month's 요금적용전력.

    ``peaks`` holds what is known before the window (the current month's peak so far).
    """
    return window_kw > billing_demand(peaks, year, month, counted).kw


# --- time-of-use bands ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TouRule:
    """A band applies in these months, on these weekdays (0 = Monday), local [start, end)."""

    band: str
    months: frozenset[int]
    weekdays: frozenset[int]
    start_min: int
    end_min: int  # may be <= start_min: the rule crosses midnight

    def matches(self, local: dt.datetime) -> bool:
        if local.month not in self.months or local.weekday() not in self.weekdays:
            return False
        m = local.hour * 60 + local.minute
        if self.start_min < self.end_min:
            return self.start_min <= m < self.end_min
        return m >= self.start_min or m < self.end_min


@dataclass(frozen=True)
class TouTariff:
    """Bands with prices per kWh, rules in order (first match wins), a default band and
    holidays (local dates) that take the holiday band all day. All of it is data."""

    prices: Mapping[str, float]
    rules: tuple[TouRule, ...]
    default_band: str
    holiday_band: str | None = None
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    currency: str = "KRW"

    def band_at(self, ts_ms: int, tz: ZoneInfo) -> str:
        local = dt.datetime.fromtimestamp(ts_ms / 1000, tz)
        if self.holiday_band and local.date() in self.holidays:
            return self.holiday_band
        for r in self.rules:
            if r.matches(local):
                return r.band
        return self.default_band

    @classmethod
    def from_mapping(cls, raw: Mapping, where: str = "tou") -> TouTariff:
        """Build from config (e.g. a TOML table); errors name the key."""
        try:
            prices = {str(k): float(v) for k, v in dict(raw["prices"]).items()}
        except (KeyError, TypeError, ValueError) as e:
            raise DemandConfigError(f"{where}.prices: a table of band = price needed ({e})"
                                    ) from None
        rules = []
        for i, r in enumerate(raw.get("rules", [])):
            key = f"{where}.rules[{i}]"
            band = r.get("band")
            if band not in prices:
                raise DemandConfigError(f"{key}.band: {band!r} has no price")
            rules.append(TouRule(
                band,
                frozenset(_int_list(r.get("months", range(1, 13)), f"{key}.months", 1, 12)),
                frozenset(_int_list(r.get("weekdays", range(7)), f"{key}.weekdays", 0, 6)),
                _hhmm(r.get("start"), f"{key}.start"), _hhmm(r.get("end"), f"{key}.end")))
        default = raw.get("default_band")
        if default not in prices:
            raise DemandConfigError(f"{where}.default_band: {default!r} has no price")
        hol_band = raw.get("holiday_band")
        if hol_band is not None and hol_band not in prices:
            raise DemandConfigError(f"{where}.holiday_band: {hol_band!r} has no price")
        try:
            hols = frozenset(dt.date.fromisoformat(str(d)) for d in raw.get("holidays", []))
        except ValueError as e:
            raise DemandConfigError(f"{where}.holidays: {e}") from None
        return cls(prices, tuple(rules), default, hol_band, hols,
                   str(raw.get("currency", "KRW")))

    def cost(self, intervals: Iterable[tuple[int, int, float]], tz: ZoneInfo,
             step_ms: int = 15 * 60_000) -> dict[str, tuple[float, float]]:
        """Energy and cost per band: {band: (kWh, cost)} from (start, end, kWh) intervals.

        An interval is split on ``step_ms`` local-clock steps (band edges fall on them) and
        shared in proportion to time.
        """
        out: dict[str, list[float]] = {b: [0.0, 0.0] for b in self.prices}
        for start, end, kwh in intervals:
            span = end - start
            if span <= 0:
                continue
            t = start
            while t < end:
                nxt = min(window_start(t, tz, step_ms // 60_000) + step_ms, end)
                part = kwh * (nxt - t) / span
                band = self.band_at(t, tz)
                out[band][0] += part
                out[band][1] += part * self.prices[band]
                t = nxt
        return {b: (v[0], v[1]) for b, v in out.items()}


def _hhmm(v: object, key: str) -> int:
    try:
        h, m = str(v).split(":")
        hi, mi = int(h), int(m)
    except (ValueError, AttributeError):
        raise DemandConfigError(f"{key}: 'HH:MM' expected, got {v!r}") from None
    if not (0 <= hi <= 24 and 0 <= mi < 60) or hi * 60 + mi > 1440:
        raise DemandConfigError(f"{key}: 'HH:MM' expected, got {v!r}")
    return (hi * 60 + mi) % 1440


def _int_list(v: Iterable, key: str, lo: int, hi: int) -> list[int]:
    try:
        out = [int(x) for x in v]
    except (TypeError, ValueError):
        raise DemandConfigError(f"{key}: a list of integers expected") from None
    if any(not lo <= x <= hi for x in out):
        raise DemandConfigError(f"{key}: values must be in {lo}..{hi}")
    return out
