"""Counts from registers and pulses: rollover, reset, batching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.manufacturing.counts import (
    CountError,
    RegisterCounter,
    count_between,
    pulse_counts,
    register_counts,
)


def test_plain_rollover_and_reset():
    steps = register_counts([(0, 65_530), (1, 65_535), (2, 4), (3, 10), (4, 2)])
    # 5; 65 536 − 65 535 + 4 = 5 (rollover); 6; 10 -> 2 implies 65 528 pieces: a reset,
    # counted as 2 pieces since reset to 0
    assert [(s.count, s.event) for s in steps] == [
        (5, None), (5, "rollover"), (6, None), (2, "reset")]
    assert count_between(steps, 0, 4) == 18


def test_max_per_interval_decides_and_guards():
    # with at most 20 per interval, 65 530 -> 30 (36 pieces) is a reset, not a rollover
    steps = register_counts([(0, 65_530), (1, 30)], max_per_interval=20)
    assert steps[0].event == "reset" and steps[0].count == 30
    with pytest.raises(CountError, match="jumped by 50"):
        register_counts([(0, 0), (1, 50)], max_per_interval=20)


def test_bad_samples():
    with pytest.raises(CountError, match="not a whole count"):
        register_counts([(0, 1.5)])
    with pytest.raises(CountError, match="out of order"):
        register_counts([(5, 1), (5, 2)])


def test_pulses():
    assert pulse_counts([0, 10, 20, 30], 10, 30) == 2


@given(st.lists(st.integers(0, 100), min_size=1, max_size=50),
       st.lists(st.integers(0, 50), max_size=4))
def test_counts_independent_of_batching_and_exact_across_wraps(incs, cuts):
    v, samples = 65_500, [(0, 65_500)]
    for i, d in enumerate(incs, 1):
        v = (v + d) % 65_536
        samples.append((i, v))
    whole = register_counts(samples)
    assert sum(s.count for s in whole) == sum(incs)
    c = RegisterCounter()
    got = []
    edges = sorted({0, len(samples), *[x for x in cuts if x <= len(samples)]})
    for lo, hi in zip(edges, edges[1:], strict=False):
        got += c.feed(samples[lo:hi])
    assert got == whole
