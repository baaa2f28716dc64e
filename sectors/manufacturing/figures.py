"""One machine's figures for one shift, computed the same way live and in reports.

The live rule and the reports both go samples → sensed state intervals (`StateInput` and
`machine_state.StateTracker`), lay the operators' stop reasons over them
(`with_reasons`), and call `shift_figures`; so the board, the shift event and the printed
report cannot disagree about a second or a piece.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from deungdae.sectors.manufacturing.config import Machine, Settings
from deungdae.sectors.manufacturing.counts import RegisterCounter
from deungdae.sectors.manufacturing.machine_state import (
    State,
    StateInterval,
    StateTracker,
    apply_overrides,
)
from deungdae.sectors.manufacturing.oee import (
    OeeResult,
    ParetoRow,
    ProductRun,
    ReasonEntry,
    Reliability,
    SixBigLosses,
    Stop,
    downtime_pareto,
    first_pass_yield,
    oee_from_states,
    reliability,
    six_big_losses,
    stops,
)

# A machine's state as a derived channel's value (charts show the code; 'unknown' is a
# missing value, never a number).
STATE_CODES: dict[State, int] = {State.OFF: 0, State.RUNNING: 1, State.IDLE: 2,
                                 State.SETUP: 3, State.PLANNED_STOP: 4, State.BREAKDOWN: 5}
CODE_STATES = {v: k for k, v in STATE_CODES.items()}
STATE_KO = {State.RUNNING: "가동", State.IDLE: "대기", State.SETUP: "준비·교체",
            State.PLANNED_STOP: "계획 정지", State.BREAKDOWN: "고장", State.OFF: "전원 꺼짐",
            State.UNKNOWN: "데이터 없음"}
STATE_EN = {State.RUNNING: "running", State.IDLE: "idle", State.SETUP: "setup/changeover",
            State.PLANNED_STOP: "planned stop", State.BREAKDOWN: "breakdown",
            State.OFF: "off", State.UNKNOWN: "no data"}


class StateInput:
    """Readings of a machine's state channel(s) → samples a `StateTracker` classifies.

    One channel passes through. A stack light has a channel per colour: the colours read
    at one instant make one sample (the set of lit colours), emitted when time moves on
    or on `flush()`, so a light read colour by colour is never classified half-read.
    """

    def __init__(self, machine: Machine) -> None:
        src = machine.state
        self.colours = dict(zip(src.channels, src.colours, strict=False)) if src.colours else {}
        self.lit: dict[str, bool] = {}
        self.pending: int | None = None

    def push(self, channel: str, ts: int, value: float) -> list[tuple[int, object]]:
        if not self.colours:
            return [(ts, value)]
        out = []
        if self.pending is not None and ts > self.pending:
            out = self.flush()
        self.lit[self.colours[channel]] = value >= 0.5
        self.pending = ts
        return out

    def flush(self) -> list[tuple[int, object]]:
        if self.pending is None:
            return []
        ts, self.pending = self.pending, None
        return [(ts, {c for c, on in self.lit.items() if on})]


def tracker(machine: Machine) -> StateTracker:
    return StateTracker(machine.state.classifier, min_dwell_ms=machine.min_dwell_ms,
                        max_gap_ms=machine.max_gap_ms)


def sensed_intervals(machine: Machine, series: Mapping[str, Sequence[tuple[int, float | None]]],
                     end_ms: int) -> list[StateInterval]:
    """Sensed state intervals from stored readings of the state channel(s) up to `end_ms`
    (readings with no value are gaps)."""
    merged = sorted((ts, ch, v) for ch in machine.state.channels
                    for ts, v in series.get(ch, ()) if v is not None)
    inp, tr = StateInput(machine), tracker(machine)
    out: list[StateInterval] = []
    last = None
    for ts, ch, v in merged:
        for t, sample in inp.push(ch, ts, v):
            if last is None or t > last:
                out += tr.feed(t, sample)
                last = t
    for t, sample in inp.flush():
        if last is None or t > last:
            out += tr.feed(t, sample)
    return out + tr.close(end_ms) + tr.flush()


class PieceCounter:
    """A count channel → pieces per reading, by kind (register with rollover, or a
    counter read-and-cleared each poll)."""

    def __init__(self, kind: str, modulus: int | None) -> None:
        self.kind = kind
        self.reg = RegisterCounter(modulus) if kind == "register" else None

    def feed(self, ts: int, value: float) -> int:
        if self.reg is None:
            return max(int(value), 0)
        steps = self.reg.feed([(ts, value)])
        return sum(s.count for s in steps)


def counted(kind: str, modulus: int | None, series: Iterable[tuple[int, float | None]],
            start_ms: int, end_ms: int) -> list[tuple[int, int]]:
    """(ts, pieces) of each count reading in (start_ms, end_ms] (a register's pieces are
    counted at the reading that shows them; the reading at or before `start_ms` is the
    baseline)."""
    pc = PieceCounter(kind, modulus)
    out = []
    for ts, v in series:
        if v is None or ts > end_ms:
            continue
        n = pc.feed(ts, v)
        if ts > start_ms and n:
            out.append((ts, n))
    return out


def with_reasons(sensed: Sequence[StateInterval], busy: Sequence[tuple[int, int]],
                 reasons: Sequence[ReasonEntry], settings: Settings) -> list[StateInterval]:
    """Sensed states with each explained stop laid over by its reason's loss (breakdown,
    setup, planned stop); a stop whose reason is an 'other' loss keeps its sensed state."""
    over = []
    for s in stops(sensed, busy):
        found = [r for r in reasons if s.start_ms <= r.stop_start_ms < s.end_ms]
        if found:
            st = settings.reason_state(found[-1].reason)
            if st is not None:
                over.append(StateInterval(s.start_ms, s.end_ms, st, found[-1].reason))
    return apply_overrides(sensed, over) if over else list(sensed)


@dataclass(frozen=True, slots=True)
class ShiftFigures:
    machine: str
    shift: str
    start_ms: int
    end_ms: int
    busy: tuple[tuple[int, int], ...]
    states: tuple[StateInterval, ...]
    runs: tuple[ProductRun, ...]
    result: OeeResult
    stops: tuple[Stop, ...]
    pareto: tuple[ParetoRow, ...]
    six: SixBigLosses
    reliability: Reliability
    unexplained: tuple[Stop, ...]
    reasons: tuple[ReasonEntry, ...] = ()
    in_progress: bool = False  # a report made before the shift ended: cut at that time

    @property
    def first_pass_yield(self) -> float | None:
        """Good first time / produced (None unless the machine counts rework)."""
        if not self.runs or any(r.first_pass_good is None for r in self.runs):
            return None
        return first_pass_yield(self.runs)

    def reason_of(self, stop: Stop) -> ReasonEntry | None:
        """The operator's reason for `stop` (the latest entry wins: a correction)."""
        found = [r for r in self.reasons if stop.start_ms <= r.stop_start_ms < stop.end_ms]
        return found[-1] if found else None

    def time_in(self, state: State) -> int:
        """Busy time (ms) in `state`; planned busy time no interval covers (no reading at
        all) counts as unknown, as the OEE counts it: not production."""
        if state is State.UNKNOWN:
            covered = sum(self.time_in(s) for s in State if s is not State.UNKNOWN)
            return sum(hi - lo for lo, hi in self.busy) - covered
        return sum(min(i.end_ms, hi) - max(i.start_ms, lo) for i in self.states
                   for lo, hi in self.busy
                   if i.state is state and min(i.end_ms, hi) > max(i.start_ms, lo))


def product_runs(machine: Machine, counts: Mapping[str, Sequence[int]]) -> list[ProductRun]:
    """Product runs from counts by product, `[good, scrap]` or `[good, scrap, rework]`;
    first-pass good is known only for a machine that counts rework (good − rework)."""
    out = []
    for prod in sorted(counts):
        c = counts[prod]
        g, s = c[0], c[1]
        fpg = max(g - (c[2] if len(c) > 2 else 0), 0) if machine.rework else None
        cycle = machine.ideal_cycle_s.get(prod, machine.ideal_cycle_s[machine.product])
        out.append(ProductRun(prod, cycle * 1000, g + s, g, fpg))
    return out


def shift_figures(machine: Machine, settings: Settings, shift: str, start_ms: int,
                  end_ms: int, busy: Sequence[tuple[int, int]],
                  sensed: Sequence[StateInterval], runs: Sequence[ProductRun],
                  reasons: Sequence[ReasonEntry]) -> ShiftFigures:
    states = with_reasons(sensed, busy, reasons, settings)
    stop_list = stops(states, busy)
    explained = {r.stop_start_ms for r in reasons}
    unexplained = tuple(s for s in stop_list if s.duration_ms >= settings.reason_prompt_ms
                        and not any(s.start_ms <= t < s.end_ms for t in explained)
                        and not any(p.reason for p in s.parts))
    result = oee_from_states(states, busy, runs)
    return ShiftFigures(
        machine.id, shift, start_ms, end_ms, tuple(busy), tuple(states), tuple(runs),
        result, tuple(stop_list), tuple(downtime_pareto(stop_list, reasons)),
        six_big_losses(states, busy, runs, settings.minor_stop_ms, result=result,
                       stop_list=stop_list),
        reliability(states, busy), unexplained, tuple(reasons))
