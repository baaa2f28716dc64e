"""Lots against recipe windows: heat-treatment charge, plating batch, weld heat input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.manufacturing.process_window import (
    AmpHours,
    Band,
    HeatInput,
    Lot,
    ProcessWindowError,
    Ramp,
    Recipe,
    Soak,
    current_density_series,
    deposited_mass_g,
    heat_input_kj_per_mm,
)

S = 1000
MIN = 60 * S


def furnace(dip: bool) -> list[tuple[int, float]]:
    # minutes 0..30: ramp 100 -> 850 °C at 25 °C/min; 31..99 hold 850; from 100 quenched
    # (200 °C); with ``dip`` minutes 60..64 sag to 835 °C (out of the 840–860 band)
    out = []
    for m in range(0, 111):
        v = 100.0 + 25 * m if m <= 30 else 850.0
        if dip and 60 <= m <= 64:
            v = 835.0
        if m >= 100:
            v = 200.0
        out.append((m * MIN, v))
    return out


OIL = [(m * MIN, 85.0 if m == 105 else 60.0) for m in range(100, 111)]
CHARGE = Lot("HT-0042", "furnace-1", 0, 110 * MIN)
RECIPE = Recipe("carburise 850", (
    Ramp("ramp", "temp", 100.0, 850.0, min_rate_per_min=10.0, max_rate_per_min=30.0),
    Soak("soak", "temp", 840.0, 860.0, min_soak_ms=60 * MIN),
    Band("quench oil", "oil", 40.0, 80.0, min_fraction=0.9, within=(100 * MIN, 110 * MIN)),
), max_gap_ms=2 * MIN)


def test_heat_treatment_charge_passes():
    v = RECIPE.evaluate(CHARGE, {"temp": furnace(False), "oil": OIL})
    ramp, soak, oil = v.results
    # ramp: ≥100 first at 0 min, ≥850 first at 30 min: 750 °C / 30 min = 25 °C/min
    assert ramp.passed and ramp.numbers["rate_per_min"] == pytest.approx(25.0)
    # soak: samples 30..99 each hold a minute in band -> 70 min ≥ 60
    assert soak.passed and soak.numbers["longest_soak_ms"] == 70 * MIN
    assert soak.numbers["soak_start_ms"] == 30 * MIN
    # oil: 10 min window, 1 min at 85 °C out of band -> 0.9 in band, 0.9 required
    assert oil.passed and oil.numbers["fraction_in_band"] == pytest.approx(0.9)
    assert oil.numbers["time_out_ms"] == MIN and oil.numbers["max"] == 85.0
    assert v.passed


def test_charge_that_leaves_its_soak_band_is_flagged():
    v = RECIPE.evaluate(CHARGE, {"temp": furnace(True), "oil": OIL})
    # in band 30..59 (30 min) and 65..99 (35 min): longest 35 < 60; total 65 min
    assert not v.passed
    (soak,) = v.failed()
    assert soak.name == "soak"
    assert soak.numbers["longest_soak_ms"] == 35 * MIN
    assert soak.numbers["time_in_band_ms"] == 65 * MIN


def test_missing_data_fails_and_gaps_are_not_in_band():
    v = RECIPE.evaluate(CHARGE, {"temp": furnace(False)})
    assert [r.name for r in v.failed()] == ["quench oil"]
    assert v.failed()[0].detail == "no data"
    # a 10 min hole in a band series: only max_gap (2 min) of the last value holds
    series = [(0, 50.0), (10 * MIN, 50.0)]
    r = Band("b", "x", 40, 60).evaluate(Lot("l", "m", 0, 12 * MIN), {"x": series}, 2 * MIN)
    # held 0..2 min and 10..12 min = 4 min in band of 12
    assert r.numbers["time_in_band_ms"] == 4 * MIN and r.numbers["no_data_ms"] == 8 * MIN
    assert not r.passed


def test_plating_amp_hours():
    # current 0 at t=0, 120 A from 1 min to 30 min: first minute (0+120)/2 × 1/60 h = 1 Ah,
    # then 29 min × 120 A = 58 Ah -> 59 Ah
    cur = [(0, 0.0)] + [(m * MIN, 120.0) for m in range(1, 31)]
    lot = Lot("PL-7", "tank-2", 0, 30 * MIN)
    r = AmpHours("ah", "I", min_ah=58.5, max_ah=60.0).evaluate(lot, {"I": cur}, 2 * MIN)
    assert r.passed and r.numbers["amp_hours"] == pytest.approx(59.0)
    r = AmpHours("ah", "I", min_ah=59.5).evaluate(lot, {"I": cur}, 2 * MIN)
    assert not r.passed


def test_weld_heat_input_hand_calculation():
    # EN 1011-1, MAG k = 0.8: 24 V, 200 A, 300 mm/min
    # Q = 0.8 × 24 × 200 × 60 / (1000 × 300) = 230 400 / 300 000 = 0.768 kJ/mm
    assert heat_input_kj_per_mm(24, 200, 300, 0.8) == pytest.approx(0.768)
    # a weld: 2 s arc off, then 10 s at 24 V/200 A and 10 s at 26 V/220 A, speed 300
    ts = range(0, 23)
    cur = [(t * S, 0.0 if t < 2 else (200.0 if t < 12 else 220.0)) for t in ts]
    volt = [(t * S, 0.0 if t < 2 else (24.0 if t < 12 else 26.0)) for t in ts]
    lot = Lot("W-1", "cell-3", 0, 22 * S)
    hi = HeatInput("heat input", "U", "I", "MAG", min_kj_per_mm=0.7, max_kj_per_mm=1.0,
                   speed_mm_min=300.0)
    r = hi.evaluate(lot, {"U": volt, "I": cur}, 2 * S)
    # arc-on 20 s: mean U 25 V, mean I 210 A -> 0.8 × 25 × 210 × 60 / 300 000 = 0.84
    assert r.numbers["arc_on_ms"] == 20 * S
    assert r.numbers["heat_input_kj_per_mm"] == pytest.approx(0.84)
    assert r.passed and r.numbers["k"] == 0.8
    # TIG (k = 0.6) with the same values: 0.63 kJ/mm, below 0.7
    tig = HeatInput("heat input", "U", "I", "TIG", min_kj_per_mm=0.7,
                    speed_channel="v")
    r = tig.evaluate(lot, {"U": volt, "I": cur, "v": [(0, 300.0)]}, 60 * S)
    assert r.numbers["heat_input_kj_per_mm"] == pytest.approx(0.63) and not r.passed


def test_bad_recipes():
    with pytest.raises(ProcessWindowError, match="no efficiency factor"):
        HeatInput("h", "U", "I", "laser", speed_mm_min=1).efficiency()
    with pytest.raises(ProcessWindowError, match="out of order"):
        RECIPE.evaluate(CHARGE, {"temp": [(5, 1.0), (1, 1.0)]})
    with pytest.raises(ProcessWindowError, match="end is not after"):
        Lot("x", "m", 5, 5)


@given(st.lists(st.floats(0, 100), min_size=1, max_size=50))
def test_time_in_band_plus_out_is_covered_time(vals):
    series = [(i * S, v) for i, v in enumerate(vals)]
    lot = Lot("l", "m", 0, len(vals) * S)
    r = Band("b", "x", 25, 75).evaluate(lot, {"x": series}, 2 * S)
    n = r.numbers
    assert n["time_in_band_ms"] + n["time_out_ms"] + n["no_data_ms"] == len(vals) * S
    assert n["no_data_ms"] == 0


def test_plating_current_density_and_deposited_mass():
    # 120 A on 40 dm² = 3 A/dm²; band 2.5–3.5 A/dm² holds all 30 min
    cur = [(m * MIN, 120.0) for m in range(31)]
    lot = Lot("PL-8", "tank-2", 0, 30 * MIN)
    r = Band("J", "J", 2.5, 3.5).evaluate(lot, {"J": current_density_series(cur, 40.0)},
                                           2 * MIN)
    assert r.passed and r.numbers["mean"] == pytest.approx(3.0)
    # nickel (M 58.693 g/mol, n 2), 59 Ah = 212 400 C, η 0.95:
    # 58.693 × 212 400 × 0.95 / (2 × 96 485) = 11 843 073.54 / 192 970 = 61.3726 g
    assert deposited_mass_g(59.0, 58.693, 2, 0.95) == pytest.approx(61.3726, abs=1e-4)
    with pytest.raises(ProcessWindowError):
        deposited_mass_g(1.0, 58.693, 0, 0.95)
