"""A lot (charge, heat, batch, weld) against its recipe's process window: pass/fail per
criterion, each with the numbers that decided it.

A lot is a time window on a machine. Its process values are series of (UTC ms, value). A
value holds until the next sample (as a logger records it); a sample further than
``max_gap_ms`` from the next does not hold across the gap, so missing data is never
counted as in band. A criterion with no data fails: a lot record must prove its window.

Criteria: a band with time in band, a ramp rate, a soak (longest continuous time within a
band), amp-hours (trapezoid integral of current) and weld heat input per EN 1011-1,
Q = k × U × I × 60 / (1000 × v) kJ/mm with U in V, I in A, v in mm/min and the process
efficiency k named (1.0 SAW, 0.8 SMAW/MAG/FCAW, 0.6 TIG/plasma; a recipe may override).
For plating, current density J = I/A and Faraday's deposited mass are helpers.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Series = Sequence[tuple[int, float]]
MS_PER_HOUR = 3_600_000
MS_PER_MIN = 60_000

# EN 1011-1 thermal efficiency factors k by process (domain.md).
PROCESS_EFFICIENCY: Mapping[str, float] = {
    "SAW": 1.0, "SMAW": 0.8, "MAG": 0.8, "MIG": 0.8, "FCAW": 0.8, "TIG": 0.6, "PLASMA": 0.6,
}


class ProcessWindowError(ValueError):
    """A recipe criterion that cannot be evaluated as written (names it)."""


@dataclass(frozen=True, slots=True)
class Lot:
    lot_id: str
    machine: str
    start_ms: int
    end_ms: int

    def __post_init__(self) -> None:
        if self.end_ms <= self.start_ms:
            raise ProcessWindowError(f"lot {self.lot_id}: end is not after start")


@dataclass(frozen=True, slots=True)
class CriterionResult:
    name: str
    kind: str
    passed: bool
    numbers: Mapping[str, float | None]
    detail: str = ""


@dataclass(frozen=True)
class LotVerdict:
    lot: Lot
    results: tuple[CriterionResult, ...]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def failed(self) -> tuple[CriterionResult, ...]:
        return tuple(r for r in self.results if not r.passed)


def heat_input_kj_per_mm(volts: float, amps: float, speed_mm_min: float, k: float) -> float:
    """EN 1011-1 heat input Q = k·U·I·60 / (1000·v) in kJ/mm."""
    if speed_mm_min <= 0:
        raise ProcessWindowError("travel speed must be > 0 mm/min")
    return k * volts * amps * 60.0 / (1000.0 * speed_mm_min)


FARADAY_C_PER_MOL = 96_485.0


def current_density_series(current_a: Series, area_dm2: float) -> list[tuple[int, float]]:
    """Plating current density J = I / A in A/dm² (a derived series a Band can check)."""
    if area_dm2 <= 0:
        raise ProcessWindowError("plated area must be > 0 dm²")
    return [(t, i / area_dm2) for t, i in current_a]


def deposited_mass_g(amp_hours: float, molar_mass_g_mol: float, electrons: int,
                     efficiency: float) -> float:
    """Faraday's law m = M·I·t·η / (n·F), with I·t given as amp-hours (× 3600 C/Ah)."""
    if electrons <= 0 or not 0 < efficiency <= 1:
        raise ProcessWindowError("electrons must be > 0 and efficiency in (0, 1]")
    return molar_mass_g_mol * amp_hours * 3600.0 * efficiency / (electrons
                                                                  * FARADAY_C_PER_MOL)


def _held(series: Series, lo: int, hi: int, max_gap_ms: int) -> list[tuple[int, int, float]]:
    """(start, end, value) pieces inside [lo, hi) where a sample's value holds."""
    ts = [t for t, _ in series]
    i = max(bisect.bisect_right(ts, lo) - 1, 0)
    out = []
    for k in range(i, len(series)):
        t, v = series[k]
        if t >= hi:
            break
        nxt = series[k + 1][0] if k + 1 < len(series) else t + max_gap_ms
        end = min(nxt, t + max_gap_ms, hi)
        a = max(t, lo)
        if end > a:
            out.append((a, end, v))
    return out


def _window(lot: Lot, within: tuple[int, int] | None) -> tuple[int, int]:
    if within is None:
        return lot.start_ms, lot.end_ms
    return lot.start_ms + within[0], min(lot.start_ms + within[1], lot.end_ms)


@dataclass(frozen=True, slots=True)
class Band:
    """Value within [low, high] for at least ``min_fraction`` of the (part of the) lot;
    ``within`` = (from, to) ms after the lot's start limits it (e.g. the quench)."""

    name: str
    channel: str
    low: float
    high: float
    min_fraction: float = 1.0
    within: tuple[int, int] | None = None

    def evaluate(self, lot: Lot, data: Mapping[str, Series], max_gap_ms: int
                 ) -> CriterionResult:
        lo, hi = _window(lot, self.within)
        pieces = _held(data.get(self.channel, ()), lo, hi, max_gap_ms)
        span = hi - lo
        covered = sum(b - a for a, b, _ in pieces)
        inside = sum(b - a for a, b, v in pieces if self.low <= v <= self.high)
        if not pieces:
            return CriterionResult(self.name, "band", False, {"span_ms": span}, "no data")
        frac = inside / span
        mean = sum((b - a) * v for a, b, v in pieces) / covered
        nums = {"low": self.low, "high": self.high, "min": min(v for *_, v in pieces),
                "max": max(v for *_, v in pieces), "mean": mean, "time_in_band_ms": inside,
                "time_out_ms": covered - inside, "no_data_ms": span - covered,
                "fraction_in_band": frac, "required_fraction": self.min_fraction}
        return CriterionResult(self.name, "band", frac >= self.min_fraction - 1e-12, nums)


@dataclass(frozen=True, slots=True)
class Ramp:
    """Average rate from the first sample at/above ``from_value`` to the first at/above
    ``to_value`` (per minute), within [min_rate, max_rate]."""

    name: str
    channel: str
    from_value: float
    to_value: float
    min_rate_per_min: float | None = None
    max_rate_per_min: float | None = None

    def evaluate(self, lot: Lot, data: Mapping[str, Series], max_gap_ms: int
                 ) -> CriterionResult:
        s = [(t, v) for t, v in data.get(self.channel, ()) if lot.start_ms <= t < lot.end_ms]
        t0 = next((t for t, v in s if v >= self.from_value), None)
        t1 = next((t for t, v in s if v >= self.to_value and (t0 is None or t > t0)), None)
        if t0 is None or t1 is None:
            return CriterionResult(self.name, "ramp", False,
                                   {"from": self.from_value, "to": self.to_value},
                                   "ramp not completed in the lot")
        rate = (self.to_value - self.from_value) / ((t1 - t0) / MS_PER_MIN)
        ok = ((self.min_rate_per_min is None or rate >= self.min_rate_per_min)
              and (self.max_rate_per_min is None or rate <= self.max_rate_per_min))
        return CriterionResult(self.name, "ramp", ok, {
            "from": self.from_value, "to": self.to_value, "start_ms": t0, "end_ms": t1,
            "rate_per_min": rate, "min_rate_per_min": self.min_rate_per_min,
            "max_rate_per_min": self.max_rate_per_min})


@dataclass(frozen=True, slots=True)
class Soak:
    """The longest continuous time within [low, high] lasts at least ``min_soak_ms``."""

    name: str
    channel: str
    low: float
    high: float
    min_soak_ms: int

    def evaluate(self, lot: Lot, data: Mapping[str, Series], max_gap_ms: int
                 ) -> CriterionResult:
        pieces = _held(data.get(self.channel, ()), lot.start_ms, lot.end_ms, max_gap_ms)
        best = cur = 0
        best_start = cur_start = None
        prev_end = None
        for a, b, v in pieces:
            inside = self.low <= v <= self.high
            if inside and cur > 0 and prev_end == a:
                cur += b - a
            elif inside:
                cur, cur_start = b - a, a
            else:
                cur = 0
            if cur > best:
                best, best_start = cur, cur_start
            prev_end = b
        total = sum(b - a for a, b, v in pieces if self.low <= v <= self.high)
        return CriterionResult(self.name, "soak", best >= self.min_soak_ms, {
            "low": self.low, "high": self.high, "longest_soak_ms": best,
            "soak_start_ms": best_start, "time_in_band_ms": total,
            "required_ms": self.min_soak_ms}, "" if pieces else "no data")


@dataclass(frozen=True, slots=True)
class AmpHours:
    """Trapezoid integral of current (A) over the lot in A·h, within [min_ah, max_ah]."""

    name: str
    channel: str
    min_ah: float | None = None
    max_ah: float | None = None

    def evaluate(self, lot: Lot, data: Mapping[str, Series], max_gap_ms: int
                 ) -> CriterionResult:
        s = [(t, v) for t, v in data.get(self.channel, ()) if lot.start_ms <= t <= lot.end_ms]
        ah = 0.0
        missing = 0
        for (t0, v0), (t1, v1) in zip(s, s[1:], strict=False):
            if t1 - t0 > max_gap_ms:
                missing += t1 - t0
                continue
            ah += (v0 + v1) / 2 * (t1 - t0) / MS_PER_HOUR
        ok = (len(s) >= 2 and missing == 0
              and (self.min_ah is None or ah >= self.min_ah)
              and (self.max_ah is None or ah <= self.max_ah))
        detail = "no data" if len(s) < 2 else ("gaps in current" if missing else "")
        return CriterionResult(self.name, "amp_hours", ok, {
            "amp_hours": ah, "min_ah": self.min_ah, "max_ah": self.max_ah,
            "no_data_ms": missing}, detail)


@dataclass(frozen=True, slots=True)
class HeatInput:
    """EN 1011-1 heat input over arc-on time (current >= ``arc_on_a``) from time-weighted
    mean U, I and v (the run's averages, as EN 1011-1 uses them; not the mean of
    instantaneous products), within [min, max] kJ/mm. Travel speed is a channel or a
    constant."""

    name: str
    voltage_channel: str
    current_channel: str
    process: str
    min_kj_per_mm: float | None = None
    max_kj_per_mm: float | None = None
    speed_channel: str | None = None
    speed_mm_min: float | None = None
    k: float | None = None
    arc_on_a: float = 5.0

    def efficiency(self) -> float:
        if self.k is not None:
            return self.k
        try:
            return PROCESS_EFFICIENCY[self.process.upper()]
        except KeyError:
            raise ProcessWindowError(f"{self.name}: no efficiency factor for process "
                                     f"{self.process!r}; give k") from None

    def evaluate(self, lot: Lot, data: Mapping[str, Series], max_gap_ms: int
                 ) -> CriterionResult:
        k = self.efficiency()
        if (self.speed_channel is None) == (self.speed_mm_min is None):
            raise ProcessWindowError(f"{self.name}: give speed_channel or speed_mm_min")
        cur = _held(data.get(self.current_channel, ()), lot.start_ms, lot.end_ms, max_gap_ms)
        volts = _Lookup(data.get(self.voltage_channel, ()), max_gap_ms)
        speed = _Lookup(data.get(self.speed_channel, ()) if self.speed_channel else (),
                        max_gap_ms)
        su = si = sv = 0.0
        arc = 0
        for a, b, amps in cur:
            if amps < self.arc_on_a:
                continue
            u = volts.at(a)
            v = self.speed_mm_min if self.speed_channel is None else speed.at(a)
            if u is None or v is None:
                continue
            d = b - a
            su, si, sv, arc = su + u * d, si + amps * d, sv + v * d, arc + d
        if arc == 0:
            return CriterionResult(self.name, "heat_input", False, {"k": k}, "no arc-on data")
        mu, mi, mv = su / arc, si / arc, sv / arc
        q = heat_input_kj_per_mm(mu, mi, mv, k)
        ok = ((self.min_kj_per_mm is None or q >= self.min_kj_per_mm)
              and (self.max_kj_per_mm is None or q <= self.max_kj_per_mm))
        return CriterionResult(self.name, "heat_input", ok, {
            "k": k, "mean_voltage_v": mu, "mean_current_a": mi, "mean_speed_mm_min": mv,
            "arc_on_ms": arc, "heat_input_kj_per_mm": q, "min_kj_per_mm": self.min_kj_per_mm,
            "max_kj_per_mm": self.max_kj_per_mm}, f"process {self.process}, k = {k:g}")


class _Lookup:
    """The held value of a series at a time (None past a gap), with one index built."""

    def __init__(self, series: Series, max_gap_ms: int) -> None:
        self.series = series
        self.ts = [x for x, _ in series]
        self.max_gap_ms = max_gap_ms

    def at(self, t: int) -> float | None:
        i = bisect.bisect_right(self.ts, t) - 1
        if i < 0 or t - self.ts[i] > self.max_gap_ms:
            return None
        return self.series[i][1]


Criterion = Band | Ramp | Soak | AmpHours | HeatInput


@dataclass(frozen=True)
class Recipe:
    name: str
    criteria: tuple[Criterion, ...]
    max_gap_ms: int = 60_000
    notes: Mapping[str, str] = field(default_factory=dict)

    def evaluate(self, lot: Lot, data: Mapping[str, Series]) -> LotVerdict:
        for ch, s in data.items():
            if any(b[0] <= a[0] for a, b in zip(s, s[1:], strict=False)):
                raise ProcessWindowError(f"channel {ch}: samples out of order")
        return LotVerdict(lot, tuple(c.evaluate(lot, data, self.max_gap_ms)
                                     for c in self.criteria))
