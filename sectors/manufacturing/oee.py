"""OEE with ISO 22400-2 names, MTBF / MTTR / first-pass yield, stops needing a reason,
a downtime Pareto and the six big losses — all from state intervals and counts.

ISO 22400-2 (domain.md):

- availability = actual production time (APT) / planned busy time (PBT);
- performance = ideal cycle time × produced quantity / APT (Σ over products, each with
  its own ideal cycle time);
- quality ratio = good quantity / produced quantity;
- OEE = availability × performance × quality.

With one product (or equal ideal cycle times) OEE equals the ideal time of good parts /
PBT; with mixed products the quality ratio counts pieces (as ISO 22400 defines it) while
the six-big-losses view is in time, so the two differ slightly — both are shown as such.

APT is the time the machine was *running* inside planned busy time; a stop an operator
declares as a planned stop leaves planned busy time (it is planned downtime). The six big
losses split PBT exactly: breakdowns, setup & adjustment, minor stops (stop runs shorter
than a threshold), other stops, reduced speed (APT − ideal time of what was produced),
start-up rejects and production rejects (ideal time of scrap); what is left is the ideal
time of good parts. Times in milliseconds, so a shift's figures are exact to the second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from deungdae.sectors.manufacturing.machine_state import State, StateInterval

STOP_STATES = frozenset({State.IDLE, State.SETUP, State.BREAKDOWN, State.OFF, State.UNKNOWN})
UNASSIGNED = "unassigned"


class OeeError(ValueError):
    """Counts or times that cannot make an OEE (names which)."""


@dataclass(frozen=True, slots=True)
class ProductRun:
    """What one product did in the period; ``first_pass_good`` excludes reworked parts,
    ``startup_scrap`` is the part of scrap made while the process was settling."""

    product: str
    ideal_cycle_ms: float
    produced: int
    good: int
    first_pass_good: int | None = None
    startup_scrap: int = 0

    def __post_init__(self) -> None:
        if self.ideal_cycle_ms <= 0:
            raise OeeError(f"{self.product}: ideal cycle time must be > 0")
        if not 0 <= self.good <= self.produced:
            raise OeeError(f"{self.product}: good {self.good} must be within 0..produced "
                           f"{self.produced}")
        if not 0 <= self.startup_scrap <= self.produced - self.good:
            raise OeeError(f"{self.product}: start-up scrap exceeds scrap")
        if self.first_pass_good is not None and not 0 <= self.first_pass_good <= self.good:
            raise OeeError(f"{self.product}: first-pass good must be within 0..good")


def _ratio(a: float, b: float) -> float | None:
    return a / b if b > 0 else None


@dataclass(frozen=True, slots=True)
class OeeResult:
    planned_busy_ms: int
    actual_production_ms: int
    produced: int
    good: int
    ideal_produced_ms: float  # Σ ideal cycle × produced
    ideal_good_ms: float  # Σ ideal cycle × good

    @property
    def availability(self) -> float | None:
        return _ratio(self.actual_production_ms, self.planned_busy_ms)

    @property
    def performance(self) -> float | None:
        return _ratio(self.ideal_produced_ms, self.actual_production_ms)

    @property
    def quality(self) -> float | None:
        return _ratio(self.good, self.produced)

    @property
    def oee(self) -> float | None:
        a, p, q = self.availability, self.performance, self.quality
        return None if a is None or p is None or q is None else a * p * q

    @property
    def scrap_ratio(self) -> float | None:
        return _ratio(self.produced - self.good, self.produced)


def oee(planned_busy_ms: int, actual_production_ms: int, runs: Sequence[ProductRun]
        ) -> OeeResult:
    if planned_busy_ms < 0 or actual_production_ms < 0:
        raise OeeError("times must be >= 0")
    if actual_production_ms > planned_busy_ms:
        raise OeeError(f"actual production time {actual_production_ms} ms exceeds planned "
                       f"busy time {planned_busy_ms} ms")
    return OeeResult(planned_busy_ms, actual_production_ms,
                     sum(r.produced for r in runs), sum(r.good for r in runs),
                     sum(r.ideal_cycle_ms * r.produced for r in runs),
                     sum(r.ideal_cycle_ms * r.good for r in runs))


def first_pass_yield(runs: Sequence[ProductRun]) -> float | None:
    if any(r.first_pass_good is None for r in runs):
        raise OeeError("first-pass yield needs first_pass_good on every product")
    return _ratio(sum(r.first_pass_good or 0 for r in runs), sum(r.produced for r in runs))


# --- clipping state intervals to planned busy time --------------------------------

def clip(intervals: Iterable[StateInterval], windows: Sequence[tuple[int, int]]
         ) -> list[StateInterval]:
    """State intervals cut to the given (merged, sorted) windows.

    Called many times per shift by the monthly report, so it stops at the first window
    past an interval and keeps an interval that lies wholly inside a window as it is.
    """
    out = []
    for iv in intervals:
        s, e = iv.start_ms, iv.end_ms
        for lo, hi in windows:
            if hi <= s:
                continue
            if lo >= e:
                break
            a, b = (lo if lo > s else s), (hi if hi < e else e)
            out.append(iv if a == s and b == e else StateInterval(a, b, iv.state, iv.reason))
    out.sort(key=_start)
    return out


def _start(iv: StateInterval) -> int:
    return iv.start_ms


def effective_busy(intervals: Iterable[StateInterval], busy: Sequence[tuple[int, int]]
                   ) -> list[StateInterval]:
    """States inside planned busy time, with declared planned stops taken out of it."""
    return [i for i in clip(intervals, busy) if i.state is not State.PLANNED_STOP]


def oee_from_states(intervals: Iterable[StateInterval], busy: Sequence[tuple[int, int]],
                    runs: Sequence[ProductRun]) -> OeeResult:
    """OEE from a machine's state intervals over the planned busy windows of a shift."""
    eff = effective_busy(intervals, busy)
    pbt = sum(hi - lo for lo, hi in busy) - sum(
        i.duration_ms for i in clip(intervals, busy) if i.state is State.PLANNED_STOP)
    covered = sum(i.duration_ms for i in eff)
    # time in busy windows with no interval at all is unknown, i.e. not production
    if covered > pbt:
        raise OeeError("state intervals overlap each other")
    apt = sum(i.duration_ms for i in eff if i.state is State.RUNNING)
    return oee(pbt, apt, runs)


# --- stops, reasons, Pareto --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Stop:
    """A maximal run of non-running states, counted inside planned busy time only.

    A breakdown that runs through lunch is one stop (one reason, one failure); its
    ``duration_ms`` is the busy time it took, not ``end_ms − start_ms``.
    """

    start_ms: int
    end_ms: int
    parts: tuple[StateInterval, ...]

    @property
    def duration_ms(self) -> int:
        return sum(p.duration_ms for p in self.parts)


@dataclass(frozen=True, slots=True)
class ReasonEntry:
    """An operator's answer for the stop that began at ``stop_start_ms``."""

    stop_start_ms: int
    reason: str
    entered_by: str = ""


def _runs(intervals: Iterable[StateInterval], states: frozenset[State]
          ) -> list[list[StateInterval]]:
    """Maximal contiguous runs of intervals whose state is in ``states``."""
    runs: list[list[StateInterval]] = []
    cur: list[StateInterval] = []
    for iv in sorted(intervals, key=lambda i: i.start_ms):
        if iv.state in states and (not cur or cur[-1].end_ms == iv.start_ms):
            cur.append(iv)
            continue
        if cur:
            runs.append(cur)
        cur = [iv] if iv.state in states else []
    if cur:
        runs.append(cur)
    return runs


def stops(intervals: Iterable[StateInterval], busy: Sequence[tuple[int, int]]
          ) -> list[Stop]:
    out = []
    for run in _runs(intervals, STOP_STATES):
        parts = tuple(clip(run, busy))
        if parts:
            out.append(Stop(parts[0].start_ms, parts[-1].end_ms, parts))
    return out


def _reason_of(stop: Stop, reasons: Sequence[ReasonEntry]) -> str | None:
    found = [r for r in reasons if stop.start_ms <= r.stop_start_ms < stop.end_ms]
    if found:
        return found[-1].reason  # the latest entry for a stop wins (corrections)
    declared = [p.reason for p in stop.parts if p.reason]
    return declared[0] if declared else None


def stops_missing_reason(stop_list: Iterable[Stop], reasons: Sequence[ReasonEntry],
                         min_ms: int) -> list[Stop]:
    """Stops of at least ``min_ms`` that nobody has given a reason for yet."""
    return [s for s in stop_list if s.duration_ms >= min_ms and _reason_of(s, reasons) is None]


@dataclass(frozen=True, slots=True)
class ParetoRow:
    reason: str
    duration_ms: int
    count: int
    share: float
    cumulative: float


def downtime_pareto(stop_list: Iterable[Stop], reasons: Sequence[ReasonEntry]
                    ) -> list[ParetoRow]:
    """Downtime by reason, longest first, with share and cumulative share of the total."""
    acc: dict[str, list[int]] = {}
    for s in stop_list:
        key = _reason_of(s, reasons) or UNASSIGNED
        slot = acc.setdefault(key, [0, 0])
        slot[0] += s.duration_ms
        slot[1] += 1
    total = sum(v[0] for v in acc.values())
    rows = []
    cum = 0
    for reason, (d, n) in sorted(acc.items(), key=lambda kv: (-kv[1][0], kv[0])):
        cum += d
        rows.append(ParetoRow(reason, d, n, d / total if total else 0.0,
                              cum / total if total else 0.0))
    return rows


# --- reliability -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Reliability:
    failures: int
    mtbf_ms: float | None  # APT / failures
    mttr_ms: float | None  # breakdown time / failures


def reliability(intervals: Sequence[StateInterval], busy: Sequence[tuple[int, int]]
                ) -> Reliability:
    """Failures are breakdown runs that touch planned busy time (one through a break is
    one failure); repair time is the busy time they took."""
    eff = effective_busy(intervals, busy)
    apt = sum(i.duration_ms for i in eff if i.state is State.RUNNING)
    failures = 0
    down = 0
    for run in _runs(intervals, frozenset({State.BREAKDOWN})):
        d = sum(p.duration_ms for p in clip(run, busy))
        if d:
            failures += 1
            down += d
    return Reliability(failures, apt / failures if failures else None,
                       down / failures if failures else None)


# --- the six big losses --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SixBigLosses:
    """Planned busy time split into losses (ms); the parts add up to ``planned_busy_ms``."""

    planned_busy_ms: int
    breakdown_ms: int
    setup_ms: int
    minor_stops_ms: int
    other_stops_ms: int
    reduced_speed_ms: float
    startup_rejects_ms: float
    production_rejects_ms: float
    valuable_ms: float

    def parts(self) -> dict[str, float]:
        return {"breakdown": self.breakdown_ms, "setup": self.setup_ms,
                "minor_stops": self.minor_stops_ms, "other_stops": self.other_stops_ms,
                "reduced_speed": self.reduced_speed_ms,
                "startup_rejects": self.startup_rejects_ms,
                "production_rejects": self.production_rejects_ms,
                "valuable": self.valuable_ms}


def six_big_losses(intervals: Sequence[StateInterval], busy: Sequence[tuple[int, int]],
                   runs: Sequence[ProductRun], minor_stop_ms: int, *,
                   result: OeeResult | None = None, stop_list: Sequence[Stop] | None = None
                   ) -> SixBigLosses:
    """Time-based six big losses; time in busy windows with no state is an other stop.

    `result` and `stop_list`, when the caller has them already (`oee_from_states`,
    `stops` of the same intervals and windows), are not computed again."""
    if result is None:
        result = oee_from_states(intervals, busy, runs)
    bd = setup = minor = other = 0
    for s in (stops(intervals, busy) if stop_list is None else stop_list):
        rest = 0
        for p in s.parts:
            if p.state is State.BREAKDOWN:
                bd += p.duration_ms
            elif p.state is State.SETUP:
                setup += p.duration_ms
            else:
                rest += p.duration_ms
        if s.duration_ms < minor_stop_ms:
            minor += rest
        else:
            other += rest
    covered = sum(i.duration_ms for i in effective_busy(intervals, busy))
    other += result.planned_busy_ms - covered
    startup = sum(r.ideal_cycle_ms * r.startup_scrap for r in runs)
    scrap = result.ideal_produced_ms - result.ideal_good_ms
    return SixBigLosses(result.planned_busy_ms, bd, setup, minor, other,
                        result.actual_production_ms - result.ideal_produced_ms,
                        startup, scrap - startup, result.ideal_good_ms)
