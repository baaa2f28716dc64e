"""Counters as meters behave: hand-calculated worked examples and batching properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.eco.meters import (
    COUNTER,
    ESTIMATED,
    MISSING,
    CounterMeter,
    CounterSpec,
    MeterDataError,
    Replacement,
    Sample,
    counter_intervals,
    integrate_power,
    power_intervals,
    split_by_boundaries,
    total,
)

MIN = 60_000
H = 3_600_000


def test_plain_differences_are_counter():
    ivs = counter_intervals([Sample(0, 100.0), Sample(MIN, 101.5), Sample(2 * MIN, 104.0)])
    # 101.5 - 100 = 1.5; 104 - 101.5 = 2.5
    assert [iv.quantity for iv in ivs] == [1.5, 2.5]
    assert {iv.provenance for iv in ivs} == {COUNTER}


def test_rollover_at_modulus():
    spec = CounterSpec(modulus=100_000.0)
    ivs = counter_intervals([Sample(0, 99_998.0), Sample(MIN, 3.0)], spec)
    # 100000 - 99998 = 2, plus 3 after the wrap = 5 kWh
    assert ivs[0].quantity == pytest.approx(5.0)
    assert ivs[0].event == "rollover" and ivs[0].provenance == COUNTER


def test_reset_low_in_range_is_not_a_rollover_and_is_estimated_from_power():
    spec = CounterSpec(modulus=100_000.0)
    # 500 -> 2 would be a wrap of 99 502 kWh: more than half the register, so a reset.
    power = [Sample(0, 60.0), Sample(30 * MIN, 60.0), Sample(H, 60.0)]
    spec = CounterSpec(modulus=100_000.0, max_gap_ms=H)
    ivs = counter_intervals([Sample(0, 500.0), Sample(H, 2.0)], spec, power=power)
    # 60 kW for one hour = 60 kWh, from integrated power
    assert ivs[0].event == "reset"
    assert ivs[0].provenance == ESTIMATED
    assert ivs[0].quantity == pytest.approx(60.0)
    assert ivs[0].covered_ms == H


def test_reset_without_power_is_missing():
    ivs = counter_intervals([Sample(0, 500.0), Sample(MIN, 2.0)])
    assert ivs[0].provenance == MISSING and ivs[0].quantity is None


def test_gap_proved_by_counter():
    spec = CounterSpec(max_gap_ms=5 * MIN)
    ivs = counter_intervals([Sample(0, 10.0), Sample(3 * H, 250.0)], spec)
    # three hours offline, but the register went from 10 to 250: 240 kWh, proved
    assert ivs[0].gap and ivs[0].provenance == COUNTER and ivs[0].quantity == 240.0


def test_rollover_across_long_gap_with_rate_limit():
    # 100 kW max for 1 h = at most 100 kWh; a 5-digit register cannot wrap twice
    spec = CounterSpec(modulus=100_000.0, max_rate_per_h=100.0, max_gap_ms=MIN)
    ivs = counter_intervals([Sample(0, 99_990.0), Sample(H, 40.0)], spec)
    # 10 + 40 = 50 kWh, within the 100 kWh the supply allows
    assert ivs[0].event == "rollover" and ivs[0].quantity == pytest.approx(50.0)
    # a 100-unit register over the same hour could have wrapped more than once
    small = CounterSpec(modulus=100.0, max_rate_per_h=250.0, max_gap_ms=MIN)
    ivs = counter_intervals([Sample(0, 90.0), Sample(H, 40.0)], small)
    # wrap would be 50; 250 >= 100 + 50, so it could also be 150 or 250: not proved
    assert ivs[0].event == "ambiguous_rollover" and ivs[0].provenance == MISSING


def test_rate_limit_turns_impossible_rollover_into_reset():
    spec = CounterSpec(modulus=100_000.0, max_rate_per_h=100.0)
    ivs = counter_intervals([Sample(0, 99_000.0), Sample(MIN, 10.0)], spec)
    # wrap would be 1010 kWh in a minute; 100 kW allows 1.67 kWh: a reset
    assert ivs[0].event == "reset"


def test_replacement_recorded_by_a_person():
    rep = Replacement(ts_ms=30 * MIN, old_final=5_230.4, new_initial=0.2, recorded_by="kim")
    ivs = counter_intervals([Sample(0, 5_200.0), Sample(H, 12.7)], replacements=[rep])
    # old meter 5230.4 - 5200.0 = 30.4; new meter 12.7 - 0.2 = 12.5; total 42.9
    assert ivs[0].event == "replacement" and ivs[0].provenance == COUNTER
    assert ivs[0].quantity == pytest.approx(42.9)


def test_replacement_at_a_reading_instant_counts_once():
    rep = Replacement(ts_ms=MIN, old_final=110.0, new_initial=1.0)
    # readings: 100 (old), at the swap instant 1.0 (new meter), then 4.0
    ivs = counter_intervals([Sample(0, 100.0), Sample(MIN, 1.0), Sample(2 * MIN, 4.0)],
                            replacements=[rep])
    # 110 − 100 + 1 − 1 = 10, then 4 − 1 = 3
    assert [(iv.quantity, iv.event) for iv in ivs] == [(10.0, "replacement"), (3.0, None)]


def test_inconsistent_replacement_is_an_error():
    rep = Replacement(ts_ms=30 * MIN, old_final=5_100.0, new_initial=0.0)
    with pytest.raises(MeterDataError, match="old final"):
        counter_intervals([Sample(0, 5_200.0), Sample(H, 12.7)], replacements=[rep])


def test_out_of_order_is_an_error():
    with pytest.raises(MeterDataError, match="out of order"):
        counter_intervals([Sample(MIN, 1.0), Sample(0, 2.0)])


def test_power_only_meter_and_gaps():
    ivs = power_intervals([Sample(0, 10.0), Sample(MIN, 20.0), Sample(20 * MIN, 20.0)],
                          max_gap_ms=5 * MIN)
    # (10 + 20)/2 kW for 1/60 h = 0.25 kWh; then a 19-min gap is missing
    assert ivs[0].quantity == pytest.approx(0.25) and ivs[0].provenance == ESTIMATED
    assert ivs[1].provenance == MISSING


def test_integrate_power_clips_by_interpolation():
    power = [Sample(0, 0.0), Sample(H, 100.0)]
    q, covered = integrate_power(power, 30 * MIN, H, max_gap_ms=H)
    # power ramps 50 -> 100 kW over the last half hour: mean 75 kW × 0.5 h = 37.5 kWh
    assert q == pytest.approx(37.5) and covered == 30 * MIN


def test_totals_and_buckets():
    ivs = counter_intervals([Sample(0, 0.0), Sample(H, 10.0), Sample(2 * H, 30.0)])
    t = total(ivs)
    assert t.counter == 30.0 and t.estimated == 0.0 and t.missing_ms == 0
    buckets = split_by_boundaries(ivs, [0, 30 * MIN, 2 * H])
    # first hour 10 kWh shared by time: 5 before 00:30, 5 after; second hour 20 after
    assert buckets[0].counter == pytest.approx(5.0)
    assert buckets[30 * MIN].counter == pytest.approx(25.0)


counters = st.lists(st.floats(0, 50, allow_nan=False), min_size=2, max_size=40)


@given(steps=counters, cuts=st.lists(st.integers(0, 40), max_size=5))
def test_energy_independent_of_batching(steps, cuts):
    modulus = 1000.0
    vals, v = [], 990.0
    for s in steps:
        v = (v + s) % modulus
        vals.append(v)
    samples = [Sample(i * MIN, x) for i, x in enumerate(vals)]
    spec = CounterSpec(modulus=modulus, rollover_max_fraction=0.5)
    whole = counter_intervals(samples, spec)
    meter = CounterMeter(spec)
    got = []
    edges = sorted({0, len(samples), *[c for c in cuts if c <= len(samples)]})
    for lo, hi in zip(edges, edges[1:], strict=False):
        got += meter.feed(samples[lo:hi])
    assert got == whole
    # every step < half the modulus, so the sum equals the true flow
    assert total(whole).counter == pytest.approx(sum(steps[1:]), abs=1e-6)


@given(steps=st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=30),
       cuts=st.lists(st.integers(1, 30 * MIN - 1), max_size=6))
def test_buckets_keep_the_total(steps, cuts):
    samples, v = [], 0.0
    for i, s in enumerate(steps):
        v += s
        samples.append(Sample(i * MIN, v))
    ivs = counter_intervals(samples)
    end = (len(steps) - 1) * MIN
    bounds = sorted({0, end, *[c for c in cuts if c < end]})
    if len(bounds) < 2:
        return
    buckets = split_by_boundaries(ivs, bounds)
    assert sum(b.counter for b in buckets.values()) == pytest.approx(total(ivs).counter)
