"""The engine's fast path (`InputGuard.take`) decides exactly as `check` does."""

from __future__ import annotations

from deungdae.hardware.reading import Quality, Reading
from deungdae.sectors.api import DerivedChannel, InputGuard


def _guard() -> InputGuard:
    return InputGuard([
        DerivedChannel("vpd", "VPD", "증기압차", "kPa", 2, ("t", "rh"), max_age_s=60),
        DerivedChannel("vpd_avg", "VPD mean", "증기압차 평균", "kPa", 2, ("vpd",),
                       max_age_s=60)])


def test_take_equals_check_reading_by_reading() -> None:
    steps = [
        [Reading("t", 1000, 20.0), Reading("rh", 1000, 60.0)],
        [Reading("t", 63_000, 20.0)],  # rh now too old at 63 s
        [Reading("rh", 64_000, None, Quality.TIMEOUT)],
        [Reading("rh", 65_000, 55.0)],
    ]
    fast, slow = _guard(), _guard()
    for inputs in steps:
        fast.note(inputs)
        slow.note(inputs)
        ts = inputs[-1].ts
        made = [Reading("vpd", ts, 0.9)]
        got = fast.take(made)
        want = [slow.check(r) for r in made]
        slow.note(want)
        assert got == want
        chained = [Reading("vpd_avg", ts, 0.8)]
        got2 = fast.take(chained)
        want2 = [slow.check(r) for r in chained]
        slow.note(want2)
        assert got2 == want2
    assert [r.value for r in fast.take([Reading("vpd", 65_000, 0.7)])] == [0.7]


def test_take_drops_undeclared_and_never_seen_inputs_are_missing() -> None:
    g = _guard()
    assert g.take([Reading("other", 1, 1.0)]) == []
    (r,) = g.take([Reading("vpd", 1, 1.0)])
    assert r.value is None and r.quality & Quality.TIMEOUT
    g.note([Reading("t", 2, 20.0), Reading("rh", 2, 50.0)])
    (r,) = g.take([Reading("vpd", 2, float("nan"))])
    assert r.value is None  # a non-finite value is never stored as a number
