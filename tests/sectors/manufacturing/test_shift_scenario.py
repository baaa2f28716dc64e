"""A simulated shift end to end: CT-clamp samples → states, operator declarations,
shift calendar → planned busy time, register counts with a rollover → OEE exact to the
second and piece, the stop missing a reason, the six big losses."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from deungdae.sectors.manufacturing.counts import count_between, register_counts
from deungdae.sectors.manufacturing.machine_state import (
    MotorCurrent,
    State,
    StateInterval,
    apply_overrides,
    intervals_from_samples,
)
from deungdae.sectors.manufacturing.oee import (
    ProductRun,
    ReasonEntry,
    downtime_pareto,
    oee_from_states,
    six_big_losses,
    stops,
    stops_missing_reason,
)
from deungdae.sectors.manufacturing.shifts import ShiftCalendar

SEOUL = ZoneInfo("Asia/Seoul")
S = 1000


def at(h: int, m: int = 0) -> int:
    return int(dt.datetime(2025, 11, 25, h, m, tzinfo=SEOUL).timestamp() * 1000)


CAL = ShiftCalendar.parse({"timezone": "Asia/Seoul", "shifts": [
    {"name": "A", "start": "06:00", "end": "14:00",
     "breaks": [{"start": "10:00", "end": "10:30"}]}]})


def current_at(ts: int) -> float:
    # 06:00–06:30 idle 2 A (warm-up), 06:30–09:00 run 15 A, 09:00–09:20 off (spindle
    # fault trips the drive), 09:20–10:00 run, 10:00–10:30 off (break), 10:30–13:40 run,
    # 13:40–14:00 idle 2 A with a dip to 0.8 A (still idle: off is below 0.5 A)
    if ts < at(6, 30):
        return 2.0
    if at(9) <= ts < at(9, 20) or at(10) <= ts < at(10, 30):
        return 0.0
    if ts >= at(13, 40):
        return 0.8 if at(13, 50) <= ts < at(13, 51) else 2.0
    return 15.0


def test_simulated_shift_oee_exact():
    samples = [(t, current_at(t)) for t in range(at(6), at(14), 10 * S)]
    sensed = intervals_from_samples(samples, MotorCurrent(0.5, 5.0, 0.2), at(14),
                                    min_dwell_ms=30 * S, max_gap_ms=30 * S)
    declared = [StateInterval(at(6), at(6, 30), State.SETUP, "warm-up"),
                StateInterval(at(9), at(9, 20), State.BREAKDOWN, None)]
    states = apply_overrides(sensed, declared)
    busy = CAL.busy_intervals(at(0), at(23))
    # planned busy 8 h − 30 min break = 7.5 h = 27 000 s
    assert sum(b - a for a, b in busy) == 27_000 * S

    produced_reg = [(at(6), 65_000), (at(9), 65_400), (at(12), 264), (at(14), 444)]
    scrap_reg = [(at(6), 0), (at(9), 5), (at(12), 12), (at(14), 20)]
    produced = count_between(register_counts(produced_reg), at(6), at(14))
    scrap = count_between(register_counts(scrap_reg), at(6), at(14))
    # produced: 400, then the 16-bit wrap 65 536 − 65 400 + 264 = 400, then 444 − 264 = 180
    # -> 980; scrap 5 + 7 + 8 = 20
    assert (produced, scrap) == (980, 20)
    run = ProductRun("bracket", 20 * S, produced, produced - scrap)

    r = oee_from_states(states, busy, [run])
    # APT: 06:30–09:00 9 000 s + 09:20–10:00 2 400 s + 10:30–13:40 11 400 s = 22 800 s
    assert r.actual_production_ms == 22_800 * S and r.planned_busy_ms == 27_000 * S
    # A = 22 800 / 27 000 = 0.844444; P = 980 × 20 / 22 800 = 19 600 / 22 800 = 0.859649;
    # Q = 960 / 980 = 0.979592; OEE = 960 × 20 / 27 000 = 19 200 / 27 000 = 0.711111
    assert r.availability == pytest.approx(22_800 / 27_000)
    assert r.performance == pytest.approx(19_600 / 22_800)
    assert r.quality == pytest.approx(960 / 980)
    assert r.oee == pytest.approx(19_200 / 27_000)

    st_ = stops(states, busy)
    # the CT dip to 0.8 A left the machine idle, so the last stop is one idle run
    assert [(s.start_ms, s.duration_ms // S, {p.state for p in s.parts}) for s in st_] == [
        (at(6), 1_800, {State.SETUP}), (at(9), 1_200, {State.BREAKDOWN}),
        (at(13, 40), 1_200, {State.IDLE})]
    missing = stops_missing_reason(st_, [], min_ms=5 * 60 * S)
    assert [s.start_ms for s in missing] == [at(9), at(13, 40)]
    reasons = [ReasonEntry(at(9), "spindle fault", "operator kim")]
    pareto = downtime_pareto(st_, reasons)
    assert [(p.reason, p.duration_ms // S) for p in pareto] == [
        ("warm-up", 1_800), ("spindle fault", 1_200), ("unassigned", 1_200)]

    six = six_big_losses(states, busy, [run], minor_stop_ms=5 * 60 * S)
    # breakdown 1 200, setup 1 800, other stops 1 200, speed 22 800 − 19 600 = 3 200,
    # rejects 20 × 20 = 400, valuable 19 200: 1 200 + 1 800 + 1 200 + 3 200 + 400
    # + 19 200 = 27 000
    assert (six.breakdown_ms, six.setup_ms, six.minor_stops_ms, six.other_stops_ms) == (
        1_200 * S, 1_800 * S, 0, 1_200 * S)
    assert six.reduced_speed_ms == 3_200 * S and six.production_rejects_ms == 400 * S
    assert sum(six.parts().values()) == 27_000 * S
