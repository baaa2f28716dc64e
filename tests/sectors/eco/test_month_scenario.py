"""A month of known meter data (November 2023, Seoul): steady, stepped, a rollover, a
meter replaced mid-month, a gap; kWh, Nm³ and tCO2eq against hand calculation."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from deungdae.sectors.eco.ghg import FactorTable, FuelUse, Ledger
from deungdae.sectors.eco.meters import (
    COUNTER,
    CounterSpec,
    Replacement,
    Sample,
    counter_intervals,
    split_by_boundaries,
    total,
)

SEOUL = ZoneInfo("Asia/Seoul")
Q = 15 * 60_000  # a reading every 15 minutes
START = int(dt.datetime(2023, 11, 1, tzinfo=SEOUL).timestamp() * 1000)
END = int(dt.datetime(2023, 12, 1, tzinfo=SEOUL).timestamp() * 1000)
STEPS = (END - START) // Q  # 30 days × 96 = 2 880


def readings(start_value: float, kwh_per_step, modulus: float | None = None,
             skip: range | None = None) -> list[Sample]:
    out, v = [], start_value
    for i in range(STEPS + 1):
        if i:
            v += kwh_per_step(i)
            if modulus:
                v %= modulus
        if skip is None or i not in skip:
            out.append(Sample(START + i * Q, v))
    return out


def test_month_of_meters_matches_hand_calculation():
    spec = CounterSpec(modulus=100_000.0, max_gap_ms=20 * 60_000)
    # M1 steady 50 kW: 12.5 kWh per 15 min; 30 × 24 × 50 = 36 000 kWh
    m1 = counter_intervals(readings(1_000.0, lambda i: 12.5), spec)
    # M2 stepped: 20 kW for the first 10 days (960 steps), then 40 kW:
    # 10 × 24 × 20 + 20 × 24 × 40 = 4 800 + 19 200 = 24 000 kWh
    m2 = counter_intervals(readings(0.0, lambda i: 5.0 if i <= 960 else 10.0), spec)
    # M3 rollover: 5-digit register from 99 000 at 10 kW: 30 × 24 × 10 = 7 200 kWh,
    # wraps once after 1 000 kWh and ends at 6 200
    r3 = readings(99_000.0, lambda i: 2.5, modulus=100_000.0)
    m3 = counter_intervals(r3, spec)
    assert r3[-1].value == 6_200.0
    # M4 replaced on Nov 15 at 12:15 local (step 1 393 = 14 d × 96 + 49): 30 kW constant.
    # Old meter from 12 000.0; final recorded 12 000 + 1 393 × 7.5 = 22 447.5; the new one
    # starts at 0.5. Readings after the swap come from the new meter.
    swap_step = 14 * 96 + 49
    old = [Sample(START + i * Q, 12_000.0 + 7.5 * i) for i in range(swap_step)]
    new = [Sample(START + i * Q, 0.5 + 7.5 * (i - swap_step)) for i in range(swap_step + 1,
                                                                              STEPS + 1)]
    rep = Replacement(START + swap_step * Q, 22_447.5, 0.5, recorded_by="operator lee")
    m4 = counter_intervals(old + new, spec, replacements=[rep])
    # 30 × 24 × 30 = 21 600 kWh, all proved by the two meters
    # M5 gap: 25 kW, no readings between Nov 20 00:00 (step 19 × 96 = 1 824) and Nov 22
    # 00:00 (step 2 016); steps 1 825..2 015 are missing:
    # 30 × 24 × 25 = 18 000 kWh, the gap proved by the counter difference
    m5 = counter_intervals(readings(500.0, lambda i: 6.25, skip=range(1825, 2016)), spec)

    kwh = {name: total(m) for name, m in
           {"m1": m1, "m2": m2, "m3": m3, "m4": m4, "m5": m5}.items()}
    assert {k: v.counter for k, v in kwh.items()} == {
        "m1": 36_000.0, "m2": 24_000.0, "m3": 7_200.0, "m4": 21_600.0, "m5": 18_000.0}
    assert all(v.estimated == 0 and v.missing_ms == 0 for v in kwh.values())
    assert [iv.event for iv in m3 if iv.event] == ["rollover"]
    assert [iv.event for iv in m4 if iv.event] == ["replacement"]
    gaps = [iv for iv in m5 if iv.gap]
    # one interval of 48 h = 192 steps × 6.25 = 1 200 kWh, provenance counter
    assert len(gaps) == 1 and gaps[0].provenance == COUNTER
    assert gaps[0].quantity == 1_200.0 and gaps[0].end_ms - gaps[0].start_ms == 48 * 3_600_000

    # per day: M2's 10th day is 480 kWh, its 11th 960 kWh
    days = [int(dt.datetime(2023, 11, d, tzinfo=SEOUL).timestamp() * 1000)
            for d in range(1, 31)] + [END]
    per_day = split_by_boundaries(m2, days)
    assert per_day[days[9]].counter == pytest.approx(480.0)
    assert per_day[days[10]].counter == pytest.approx(960.0)

    # gas boiler 40 Nm3/h read hourly: 30 × 24 × 40 = 28 800 Nm3
    gas = counter_intervals([Sample(START + h * 3_600_000, 40.0 * h) for h in range(721)],
                            CounterSpec(max_gap_ms=3_600_000))
    nm3 = total(gas).counter
    assert nm3 == 28_800.0

    elec = sum(v.counter for v in kwh.values())
    assert elec == 106_800.0
    ledger = Ledger.compute([FuelUse(START, END, "natural_gas", nm3, "Nm3")],
                            [(START, END, elec)], FactorTable.load(), SEOUL)
    # scope 2: 106.8 MWh × 0.4173 = 44.56764 t
    assert round(ledger.scope2.location_tco2eq, 5) == 44.56764
    # scope 1: 28 800 × 38.5 = 1 108 800 MJ = 1.1088 TJ × 56 100 kg/TJ = 62 203.68 kg
    assert round(ledger.scope1.tco2eq, 5) == 62.20368
    assert round(ledger.total_location_tco2eq, 5) == 106.77132
    assert {f.id for f in ledger.computed_with} == {
        "kr-grid-2023", "kr-ncv-2017-city-gas", "ipcc2006-co2-natural-gas"}
