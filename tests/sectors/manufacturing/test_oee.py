"""OEE of a simulated shift, exact to the second and piece, worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.manufacturing.machine_state import State, StateInterval
from deungdae.sectors.manufacturing.oee import (
    OeeError,
    ProductRun,
    ReasonEntry,
    downtime_pareto,
    first_pass_yield,
    oee,
    oee_from_states,
    reliability,
    six_big_losses,
    stops,
    stops_missing_reason,
)

S = 1000


def hm(h: int, m: int = 0) -> int:
    return (h * 3600 + m * 60) * S


# Shift 08:00–17:00, lunch 12:00–13:00: busy windows give PBT 8 h = 28 800 s.
BUSY = [(hm(8), hm(12)), (hm(13), hm(17))]
STATES = [
    StateInterval(hm(8), hm(8, 20), State.SETUP, "die change"),     # 1 200 s
    StateInterval(hm(8, 20), hm(10), State.RUNNING),                # 6 000 s
    StateInterval(hm(10), hm(10, 3), State.IDLE),                   #   180 s minor stop
    StateInterval(hm(10, 3), hm(11, 50), State.RUNNING),            # 6 420 s
    StateInterval(hm(11, 50), hm(13, 25), State.BREAKDOWN),         # 600 + 1 500 s busy
    StateInterval(hm(13, 25), hm(15), State.RUNNING),               # 5 700 s
    StateInterval(hm(15), hm(15, 30), State.PLANNED_STOP),          # 1 800 s, leaves PBT
    StateInterval(hm(15, 30), hm(16, 50), State.RUNNING),           # 4 800 s
    StateInterval(hm(16, 50), hm(17), State.IDLE),                  #   600 s other stop
]
# A: ideal 30 s, 600 made, 585 good (5 start-up scrap), 580 good first time.
# B: ideal 45 s, 80 made, all good first time.
RUNS = [ProductRun("A", 30 * S, 600, 585, 580, startup_scrap=5),
        ProductRun("B", 45 * S, 80, 80, 80)]


def test_oee_components_exact():
    r = oee_from_states(STATES, BUSY, RUNS)
    # PBT 28 800 − 1 800 planned stop = 27 000 s; APT 6 000 + 6 420 + 5 700 + 4 800 = 22 920
    assert r.planned_busy_ms == 27_000 * S
    assert r.actual_production_ms == 22_920 * S
    # ideal time made: 600×30 + 80×45 = 21 600 s; of good parts 585×30 + 3 600 = 21 150 s
    assert r.ideal_produced_ms == 21_600 * S and r.ideal_good_ms == 21_150 * S
    assert r.availability == pytest.approx(22_920 / 27_000)   # 0.848889
    assert r.performance == pytest.approx(21_600 / 22_920)    # 0.942408
    assert r.quality == pytest.approx(665 / 680)              # 0.977941
    # OEE = A × P × Q = (21 600 / 27 000) × (665 / 680) = 0.8 × 0.977941 = 0.782353;
    # the time view (ideal time of good parts / PBT = 21 150 / 27 000 = 0.783333) differs
    # because Q counts pieces of products with different cycle times
    assert r.oee == pytest.approx(0.8 * 665 / 680)
    assert r.oee != pytest.approx(21_150 / 27_000)
    assert r.produced == 680 and r.good == 665
    assert first_pass_yield(RUNS) == pytest.approx(660 / 680)  # 0.970588


def test_six_big_losses_add_up():
    six = six_big_losses(STATES, BUSY, RUNS, minor_stop_ms=5 * 60 * S)
    # breakdown 2 100, setup 1 200, minor 180, other 600, speed 22 920 − 21 600 = 1 320,
    # start-up rejects 5 × 30 = 150, production rejects 10 × 30 = 300, valuable 21 150
    assert six.parts() == {"breakdown": 2_100 * S, "setup": 1_200 * S,
                           "minor_stops": 180 * S, "other_stops": 600 * S,
                           "reduced_speed": 1_320 * S, "startup_rejects": 150 * S,
                           "production_rejects": 300 * S, "valuable": 21_150 * S}
    assert sum(six.parts().values()) == six.planned_busy_ms


def test_reliability_one_breakdown_through_lunch():
    rel = reliability(STATES, BUSY)
    # one failure, 2 100 s of busy time lost: MTTR 2 100 s, MTBF = APT 22 920 s / 1
    assert rel.failures == 1
    assert rel.mttr_ms == 2_100 * S and rel.mtbf_ms == 22_920 * S


def test_stops_reasons_and_pareto():
    st_ = stops(STATES, BUSY)
    assert [(s.start_ms, s.duration_ms) for s in st_] == [
        (hm(8), 1_200 * S), (hm(10), 180 * S), (hm(11, 50), 2_100 * S),
        (hm(16, 50), 600 * S)]
    reasons = [ReasonEntry(hm(11, 50), "hydraulic leak", "park")]
    # over 5 min: setup (declared reason), breakdown (entered), 16:50 idle (none yet)
    missing = stops_missing_reason(st_, reasons, min_ms=5 * 60 * S)
    assert [s.start_ms for s in missing] == [hm(16, 50)]
    rows = downtime_pareto(st_, reasons)
    # total 4 080 s: leak 2 100 (51.47 %), die change 1 200 (29.41 %), unassigned 780
    assert [(r.reason, r.duration_ms // S, r.count) for r in rows] == [
        ("hydraulic leak", 2_100, 1), ("die change", 1_200, 1), ("unassigned", 780, 2)]
    assert rows[0].share == pytest.approx(2_100 / 4_080)
    assert rows[1].cumulative == pytest.approx(3_300 / 4_080)
    assert rows[-1].cumulative == pytest.approx(1.0)
    # a reason entered later for the 16:50 stop shows up in the Pareto
    rows = downtime_pareto(st_, reasons + [ReasonEntry(hm(16, 50), "no material")])
    assert ("no material", 600) in [(r.reason, r.duration_ms // S) for r in rows]


def test_bad_inputs():
    with pytest.raises(OeeError, match="good 5 must be within"):
        ProductRun("x", 1.0, 4, 5)
    with pytest.raises(OeeError, match="exceeds planned busy"):
        oee(10, 11, [])
    r = oee(0, 0, [])
    assert r.availability is None and r.oee is None


@given(pbt=st.integers(1, 10**8), apt_frac=st.floats(0, 1), cycle=st.floats(1, 1e4),
       produced=st.integers(1, 10**5), good_frac=st.floats(0, 1))
def test_oee_is_a_times_p_times_q(pbt, apt_frac, cycle, produced, good_frac):
    apt = max(1, int(pbt * apt_frac))
    good = int(produced * good_frac)
    r = oee(pbt, apt, [ProductRun("p", cycle, produced, good)])
    assert r.oee == pytest.approx(r.availability * r.performance * r.quality, rel=1e-12)
    assert r.oee == pytest.approx(cycle * good / pbt, rel=1e-9, abs=1e-15)
