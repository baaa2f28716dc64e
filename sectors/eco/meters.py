"""Energy (or gas, water, steam) per interval from counters as real meters behave.

A cumulative register is the best evidence a plant has: the difference between two
readings is what flowed, however long the gap between them. Real registers also wrap at
their modulus, get replaced (a person writes down the old meter's final and the new
meter's initial reading) and get reset. This module turns a series of counter readings
into per-interval quantities, each with its provenance:

- ``"counter"``: proved by the register (a plain difference, a rollover the counter can
  only have made once, or a replacement with both recorded readings);
- ``"estimated"``: the register cannot prove it (an unexplained reset, a rollover that may
  have wrapped more than once), so integrated power (trapezoid) stands in;
- ``"missing"``: neither the register nor power samples cover it.

Times are UTC milliseconds. Quantities are in the counter's unit (kWh, Nm³, m³); power is
in that unit per hour (kW for a kWh register). Nothing here knows a device: the plugin
feeds readings and the operator's replacement records.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MS_PER_HOUR = 3_600_000

COUNTER = "counter"
ESTIMATED = "estimated"
MISSING = "missing"


class MeterDataError(ValueError):
    """Readings or records that cannot describe one meter (out of order, inconsistent)."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One reading: a counter value or a power value at a UTC millisecond."""

    ts_ms: int
    value: float


@dataclass(frozen=True, slots=True)
class Replacement:
    """A meter swap as a person recorded it: the old meter's last and the new one's first reading.

    A counter reading taken at the very instant ``ts_ms`` is the new meter's.
    """

    ts_ms: int
    old_final: float
    new_initial: float
    recorded_by: str = ""


@dataclass(frozen=True, slots=True)
class Interval:
    """The quantity between two counter readings and how we know it.

    ``event`` names what happened on the register in the interval (``"rollover"``,
    ``"replacement"``, ``"reset"``, ``"ambiguous_rollover"``) or is ``None``; ``gap`` is
    true when the readings are further apart than the meter's expected gap;
    ``covered_ms`` is, for an estimate, how much of the interval power samples covered.
    """

    start_ms: int
    end_ms: int
    quantity: float | None
    provenance: str
    event: str | None = None
    gap: bool = False
    covered_ms: int | None = None


@dataclass(frozen=True, slots=True)
class CounterSpec:
    """How one register behaves.

    ``modulus``: the value at which the register wraps to 0 (e.g. 100000 for a 5-digit kWh
    register), ``None`` if it never wraps. ``max_rate_per_h``: the most the meter can
    measure per hour (e.g. the supply's rating in kW); with it a wrap across a long gap is
    proved only when it cannot have wrapped twice. Without it a decrease is a rollover
    when the implied flow is at most ``rollover_max_fraction`` of the modulus (a reset to
    0 from low in the range implies nearly a whole register and is taken as a reset).
    ``max_gap_ms``: readings further apart are flagged ``gap`` (still proved by the counter).
    """

    modulus: float | None = None
    max_rate_per_h: float | None = None
    rollover_max_fraction: float = 0.5
    max_gap_ms: int = 5 * 60_000

    def __post_init__(self) -> None:
        if self.modulus is not None and not self.modulus > 0:
            raise MeterDataError(f"modulus must be > 0, got {self.modulus!r}")
        if self.max_rate_per_h is not None and not self.max_rate_per_h > 0:
            raise MeterDataError(f"max_rate_per_h must be > 0, got {self.max_rate_per_h!r}")
        if not 0 < self.rollover_max_fraction <= 1:
            raise MeterDataError("rollover_max_fraction must be in (0, 1]")


def integrate_power(power: Sequence[Sample], start_ms: int, end_ms: int,
                    max_gap_ms: int, ts: Sequence[int] | None = None) -> tuple[float, int]:
    """Trapezoid integral of power over [start_ms, end_ms]: (quantity, covered_ms).

    Only segments between consecutive power samples at most ``max_gap_ms`` apart count;
    the ends are clipped by linear interpolation, so splitting a span never changes the sum.
    ``ts`` (the samples' times) may be passed by a caller that integrates many spans.
    """
    if end_ms <= start_ms or len(power) < 2:
        return 0.0, 0
    if ts is None:
        ts = [p.ts_ms for p in power]
    i = max(bisect.bisect_right(ts, start_ms) - 1, 0)
    total = 0.0
    covered = 0
    while i < len(power) - 1 and power[i].ts_ms < end_ms:
        a, b = power[i], power[i + 1]
        i += 1
        if b.ts_ms <= start_ms or b.ts_ms - a.ts_ms > max_gap_ms or b.ts_ms == a.ts_ms:
            continue
        lo, hi = max(a.ts_ms, start_ms), min(b.ts_ms, end_ms)
        if hi <= lo:
            continue
        slope = (b.value - a.value) / (b.ts_ms - a.ts_ms)
        v_lo = a.value + slope * (lo - a.ts_ms)
        v_hi = a.value + slope * (hi - a.ts_ms)
        total += (v_lo + v_hi) / 2 * (hi - lo) / MS_PER_HOUR
        covered += hi - lo
    return total, covered


def power_intervals(power: Sequence[Sample], max_gap_ms: int) -> list[Interval]:
    """Per-interval quantity for a meter that only reports power: all ``"estimated"``."""
    _check_order(power, "power")
    out = []
    for a, b in zip(power, power[1:], strict=False):
        if b.ts_ms - a.ts_ms > max_gap_ms:
            out.append(Interval(a.ts_ms, b.ts_ms, None, MISSING, gap=True, covered_ms=0))
            continue
        q = (a.value + b.value) / 2 * (b.ts_ms - a.ts_ms) / MS_PER_HOUR
        out.append(Interval(a.ts_ms, b.ts_ms, q, ESTIMATED, covered_ms=b.ts_ms - a.ts_ms))
    return out


def _check_order(samples: Sequence[Sample], what: str) -> None:
    for a, b in zip(samples, samples[1:], strict=False):
        if b.ts_ms <= a.ts_ms:
            raise MeterDataError(f"{what} readings out of order or repeated at ts {b.ts_ms}")


class CounterMeter:
    """Turns counter readings into intervals, one reading at a time (so batching never matters).

    Feed readings in time order with :meth:`feed`; replacements are given up front or
    added with :meth:`add_replacement` before the reading that follows them arrives.
    Power samples (optional) are what an unprovable interval is estimated from; they must
    be added before the counter reading that closes the interval.
    """

    def __init__(self, spec: CounterSpec | None = None, *,
                 replacements: Iterable[Replacement] = (),
                 power: Sequence[Sample] = ()) -> None:
        self.spec = spec or CounterSpec()
        self._replacements: list[Replacement] = sorted(replacements, key=lambda r: r.ts_ms)
        self._power = list(power)
        _check_order(self._power, "power")
        self._power_ts = [p.ts_ms for p in self._power]
        self._last: Sample | None = None

    def add_replacement(self, rep: Replacement) -> None:
        bisect.insort(self._replacements, rep, key=lambda r: r.ts_ms)

    def add_power(self, samples: Iterable[Sample]) -> None:
        self._power.extend(samples)
        _check_order(self._power, "power")
        self._power_ts = [p.ts_ms for p in self._power]

    def feed(self, samples: Iterable[Sample]) -> list[Interval]:
        out: list[Interval] = []
        for s in samples:
            if self._last is not None:
                if s.ts_ms <= self._last.ts_ms:
                    raise MeterDataError(
                        f"counter readings out of order or repeated at ts {s.ts_ms}")
                out.append(self._interval(self._last, s))
            self._last = s
        return out

    def _interval(self, a: Sample, b: Sample) -> Interval:
        spec = self.spec
        dt = b.ts_ms - a.ts_ms
        gap = dt > spec.max_gap_ms
        reps = [r for r in self._replacements if a.ts_ms < r.ts_ms <= b.ts_ms]
        if reps:
            # Old meter from a up to its final reading, then each new meter from its initial.
            q = 0.0
            start_val = a.value
            for r in reps:
                part = r.old_final - start_val
                if part < 0:
                    raise MeterDataError(
                        f"replacement at ts {r.ts_ms}: old final {r.old_final} is below the "
                        f"reading {start_val} before it")
                q += part
                start_val = r.new_initial
            last = b.value - start_val
            if last < 0:
                raise MeterDataError(
                    f"replacement at ts {reps[-1].ts_ms}: reading {b.value} after it is below "
                    f"the new meter's initial {start_val}")
            return Interval(a.ts_ms, b.ts_ms, q + last, COUNTER, "replacement", gap)
        d = b.value - a.value
        if d >= 0:
            return Interval(a.ts_ms, b.ts_ms, d, COUNTER, None, gap)
        if spec.modulus is not None:
            wrapped = d + spec.modulus
            if spec.max_rate_per_h is not None:
                most = spec.max_rate_per_h * dt / MS_PER_HOUR
                if wrapped > most:
                    return self._estimate(a, b, "reset", gap)
                if most >= spec.modulus + wrapped:
                    return self._estimate(a, b, "ambiguous_rollover", gap)
                return Interval(a.ts_ms, b.ts_ms, wrapped, COUNTER, "rollover", gap)
            if wrapped <= spec.rollover_max_fraction * spec.modulus:
                return Interval(a.ts_ms, b.ts_ms, wrapped, COUNTER, "rollover", gap)
        return self._estimate(a, b, "reset", gap)

    def _estimate(self, a: Sample, b: Sample, event: str, gap: bool) -> Interval:
        q, covered = integrate_power(self._power, a.ts_ms, b.ts_ms, self.spec.max_gap_ms,
                                     self._power_ts)
        if covered == 0:
            return Interval(a.ts_ms, b.ts_ms, None, MISSING, event, gap, 0)
        return Interval(a.ts_ms, b.ts_ms, q, ESTIMATED, event, gap, covered)


def counter_intervals(counter: Sequence[Sample], spec: CounterSpec | None = None, *,
                      replacements: Iterable[Replacement] = (),
                      power: Sequence[Sample] = ()) -> list[Interval]:
    """All intervals of a counter series at once (same result as feeding it in any batches)."""
    return CounterMeter(spec, replacements=replacements, power=power).feed(counter)


@dataclass(frozen=True, slots=True)
class Total:
    """A sum of intervals split by provenance, so a report can say how much was estimated."""

    counter: float
    estimated: float
    missing_ms: int

    @property
    def quantity(self) -> float:
        return self.counter + self.estimated


def total(intervals: Iterable[Interval]) -> Total:
    c = e = 0.0
    missing = 0
    for iv in intervals:
        if iv.provenance == COUNTER:
            c += iv.quantity or 0.0
        elif iv.provenance == ESTIMATED:
            e += iv.quantity or 0.0
            missing += (iv.end_ms - iv.start_ms) - (iv.covered_ms or 0)
        else:
            missing += iv.end_ms - iv.start_ms
    return Total(c, e, missing)


def split_by_boundaries(intervals: Iterable[Interval], boundaries: Sequence[int]
                        ) -> dict[int, Total]:
    """Quantities per bucket [boundaries[k], boundaries[k+1]) keyed by bucket start.

    An interval straddling a boundary is shared in proportion to time (the register only
    says how much flowed between its two readings, not when inside them).
    """
    bounds = list(boundaries)
    if any(b2 <= b1 for b1, b2 in zip(bounds, bounds[1:], strict=False)):
        raise MeterDataError("bucket boundaries must increase")
    acc: dict[int, list[float]] = {b: [0.0, 0.0, 0.0] for b in bounds[:-1]}
    for iv in intervals:
        span = iv.end_ms - iv.start_ms
        k = max(bisect.bisect_right(bounds, iv.start_ms) - 1, 0)
        while k < len(bounds) - 1 and bounds[k] < iv.end_ms:
            lo, hi = max(iv.start_ms, bounds[k]), min(iv.end_ms, bounds[k + 1])
            if hi > lo:
                share = (hi - lo) / span
                slot = acc[bounds[k]]
                if iv.provenance == COUNTER:
                    slot[0] += (iv.quantity or 0.0) * share
                elif iv.provenance == ESTIMATED:
                    slot[1] += (iv.quantity or 0.0) * share
                    slot[2] += (hi - lo) - (iv.covered_ms or 0) * share
                else:
                    slot[2] += hi - lo
            k += 1
    return {b: Total(v[0], v[1], round(v[2])) for b, v in acc.items()}
