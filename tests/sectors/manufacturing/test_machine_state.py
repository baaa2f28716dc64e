"""Machine state from a shop's signals: CT clamp with hysteresis and dwell, stack light,
digital input, register codes; intervals and overrides."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.manufacturing.machine_state import (
    DigitalInput,
    MotorCurrent,
    RegisterCodes,
    StackLight,
    State,
    StateConfigError,
    StateInterval,
    apply_overrides,
    intervals_from_samples,
    time_in_states,
)

S = 1000
MIN = 60 * S


def test_ct_clamp_dip_into_idle_is_idle_not_off():
    # thresholds: off < 0.5 A <= idle < 5 A <= running. Running at 12 A, dips to 2 A
    # (spindle stops, machine powered) for 3 min, back to 12 A.
    mc = MotorCurrent(idle_a=0.5, run_a=5.0, hysteresis_a=0.3)
    samples = [(m * MIN, 12.0 if not 10 <= m < 13 else 2.0) for m in range(20)]
    ivs = intervals_from_samples(samples, mc, 20 * MIN, min_dwell_ms=30 * S,
                                 max_gap_ms=2 * MIN)
    assert [(iv.start_ms // MIN, iv.end_ms // MIN, iv.state) for iv in ivs] == [
        (0, 10, State.RUNNING), (10, 13, State.IDLE), (13, 20, State.RUNNING)]


def test_hysteresis_keeps_noise_from_flapping():
    mc = MotorCurrent(idle_a=0.5, run_a=5.0, hysteresis_a=0.5)
    # running, then noise 4.6..5.4 around the run threshold: stays running (needs < 4.5)
    vals = [8.0, 4.6, 5.4, 4.7, 5.2, 4.55]
    ivs = intervals_from_samples([(i * S, v) for i, v in enumerate(vals)], mc, 6 * S)
    assert [iv.state for iv in ivs] == [State.RUNNING]
    # from idle, 5.3 is not enough to start running (needs >= 5.5)
    ivs = intervals_from_samples([(0, 2.0), (S, 5.3), (2 * S, 5.6)], mc, 3 * S)
    assert [(iv.start_ms, iv.state) for iv in ivs] == [(0, State.IDLE), (2 * S, State.RUNNING)]


def test_min_dwell_ignores_short_spikes_and_dates_change_from_its_start():
    mc = MotorCurrent(idle_a=0.5, run_a=5.0)
    # idle, a 10 s spike to running (shorter than 30 s dwell), idle, then running from
    # t = 60 s for good: the change is dated 60 s, not when the dwell was satisfied (90 s)
    samples = [(t * S, 2.0) for t in range(0, 60, 10)]
    samples[2] = (20 * S, 9.0)
    samples += [(t * S, 9.0) for t in range(60, 130, 10)]
    ivs = intervals_from_samples(samples, mc, 130 * S, min_dwell_ms=30 * S)
    assert [(iv.start_ms // S, iv.end_ms // S, iv.state) for iv in ivs] == [
        (0, 60, State.IDLE), (60, 130, State.RUNNING)]


def test_gap_is_unknown():
    di = DigitalInput()
    ivs = intervals_from_samples([(0, 1), (MIN, 1), (10 * MIN, 0), (11 * MIN, 0)], di,
                                 12 * MIN, max_gap_ms=2 * MIN)
    assert [(iv.start_ms // MIN, iv.end_ms // MIN, iv.state) for iv in ivs] == [
        (0, 1, State.RUNNING), (1, 10, State.UNKNOWN), (10, 12, State.IDLE)]


def test_stack_light_and_register_codes():
    sl = StackLight([("red", "breakdown"), ("yellow", "idle"), ("green", "running")])
    assert sl.classify({"green"}) is State.RUNNING
    assert sl.classify({"GREEN", "red"}) is State.BREAKDOWN
    assert sl.classify(set()) is State.OFF
    rc = RegisterCodes({0: "off", 1: "idle", 2: "running", 9: "breakdown"})
    assert rc.classify(2) is State.RUNNING and rc.classify(7) is State.UNKNOWN
    with pytest.raises(StateConfigError, match="code 3"):
        RegisterCodes({3: "sleeping"})


def test_overrides_never_replace_running():
    sensed = [StateInterval(0, 10, State.RUNNING), StateInterval(10, 30, State.IDLE),
              StateInterval(30, 40, State.RUNNING)]
    ov = [StateInterval(5, 25, State.SETUP, "die change")]
    out = apply_overrides(sensed, ov)
    assert [(i.start_ms, i.end_ms, i.state) for i in out] == [
        (0, 10, State.RUNNING), (10, 25, State.SETUP), (25, 30, State.IDLE),
        (30, 40, State.RUNNING)]
    assert out[1].reason == "die change"
    t = time_in_states(out, 0, 40)
    assert t[State.RUNNING] == 20 and t[State.SETUP] == 15 and t[State.IDLE] == 5


@given(st.lists(st.floats(0, 20), min_size=1, max_size=60), st.integers(0, 5))
def test_intervals_tile_the_span(vals, dwell_s):
    mc = MotorCurrent(idle_a=0.5, run_a=5.0, hysteresis_a=0.2)
    samples = [(i * S, v) for i, v in enumerate(vals)]
    end = len(vals) * S
    ivs = intervals_from_samples(samples, mc, end, min_dwell_ms=dwell_s * S)
    assert ivs[0].start_ms == 0 and ivs[-1].end_ms == end
    for a, b in zip(ivs, ivs[1:], strict=False):
        assert a.end_ms == b.start_ms and a.state is not b.state
