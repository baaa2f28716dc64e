"""Peak demand: clock-aligned windows, the running forecast, the target warning,
the 12-month 요금적용전력 rule, TOU bands. Expected numbers worked by hand in comments."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.eco.demand import (
    DemandConfigError,
    DemandForecaster,
    TargetWatch,
    TouTariff,
    billing_demand,
    counted_months,
    monthly_peaks,
    sets_new_billing_peak,
    window_averages,
    window_start,
)

SEOUL = ZoneInfo("Asia/Seoul")
MIN = 60_000
# 2025-11-25 08:00 Seoul = 2025-11-24 23:00 UTC
T0 = 1_764_025_200_000


def test_window_start_aligned_to_local_clock():
    # 08:07:30 local -> 08:00; 08:15:00 -> 08:15
    assert window_start(T0 + 7 * MIN + 30_000, SEOUL) == T0
    assert window_start(T0 + 15 * MIN, SEOUL) == T0 + 15 * MIN
    # Kathmandu is UTC+5:45: an hour window starts at local :00, i.e. UTC :15
    ktm = ZoneInfo("Asia/Kathmandu")
    start = window_start(T0, ktm, 60)
    local = dt.datetime.fromtimestamp(start / 1000, ktm)
    assert (local.minute, local.second) == (0, 0)
    with pytest.raises(DemandConfigError):
        window_start(T0, SEOUL, 7)


def test_stepped_load_window_average():
    # 100 kW from 08:00 to 08:05, then 400 kW until 08:15 (samples each minute; the
    # step is a ramp between the 08:05 and 08:06 samples, trapezoid).
    samples = [(T0 + m * MIN, 100.0 if m <= 5 else 400.0) for m in range(0, 17)]
    w = window_averages(samples, SEOUL)[0]
    # energy: 5 min at 100 = 8.3333 kWh; ramp 1 min mean 250 = 4.1667; 9 min at 400 = 60
    # total 72.5 kWh over 0.25 h = 290 kW
    assert w.start_ms == T0 and w.complete
    assert w.average_kw == pytest.approx(290.0)


def test_forecast_updates_per_sample():
    f = DemandForecaster(SEOUL)
    f.update(T0, 200.0)
    fc = f.update(T0 + 5 * MIN, 200.0)
    # 5 min at 200 kW (16.667 kWh) then 10 more at 200: forecast 200
    assert fc.forecast_kw == pytest.approx(200.0)
    fc = f.update(T0 + 6 * MIN, 600.0)
    # so far: 16.667 + 1 min at mean 400 (6.667) = 23.333 kWh; 9 min at 600 = 90 kWh
    # (23.333 + 90) / 0.25 h = 453.33 kW
    assert fc.energy_so_far_kwh == pytest.approx(70 / 3)
    assert fc.forecast_kw == pytest.approx(453.3333, abs=1e-3)
    assert fc.remaining_ms == 9 * MIN


def test_warning_fires_in_the_right_window_only():
    # target 300 kW. Window A (08:00) steady 250: no warning. Window B (08:15): 250 until
    # 08:20, 450 from 08:21: forecast at 08:21 = (5 min×250 + 1 min×350 + 9 min×450)/15
    # = (1250 + 350 + 4050)/15 = 376.7 kW ≥ 300 -> warns at 08:21 with 9 min lead.
    # At 08:20 the forecast is 250: no warning. Window C (08:30): back to 250, no warning.
    load = {}
    for m in range(0, 46):
        load[m] = 450.0 if 21 <= m <= 29 else 250.0
    f, watch = DemandForecaster(SEOUL), TargetWatch(300.0)
    warnings = []
    for m, kw in load.items():
        w = watch.check(f.update(T0 + m * MIN, kw))
        if w:
            warnings.append(w)
    assert len(warnings) == 1
    w = warnings[0]
    assert w.window_start_ms == T0 + 15 * MIN and w.ts_ms == T0 + 21 * MIN
    assert w.lead_ms == 9 * MIN
    assert w.forecast_kw == pytest.approx(5650 / 15)
    # allowed for the rest: (300×15 − (1250 + 350)) / 9 = 2900/9 = 322.2 kW
    assert w.max_kw_for_rest == pytest.approx(2900 / 9)


def test_gap_is_not_bridged():
    f = DemandForecaster(SEOUL, max_gap_ms=2 * MIN)
    f.update(T0, 100.0)
    f.update(T0 + MIN, 100.0)
    fc = f.update(T0 + 16 * MIN, 100.0)
    # only the first minute was covered
    assert fc.closed[0].covered_ms == MIN and not fc.closed[0].complete


@given(kw=st.floats(1, 5000), step_s=st.integers(1, 120), offset_s=st.integers(0, 899))
def test_forecast_equals_final_average_for_constant_load(kw, step_s, offset_s):
    f = DemandForecaster(SEOUL)
    start = T0 + offset_s * 1000
    t = start
    forecasts = []
    closed = []
    while t <= T0 + 45 * MIN:
        fc = f.update(t, kw)
        closed.extend(fc.closed)
        if fc.window_start_ms == T0 + 15 * MIN and fc.ts_ms > T0 + 15 * MIN:
            forecasts.append(fc.forecast_kw)
        t += step_s * 1000
    full = [w for w in closed if w.start_ms == T0 + 15 * MIN][0]
    assert full.average_kw == pytest.approx(kw, rel=1e-9)
    assert all(x == pytest.approx(full.average_kw, rel=1e-9) for x in forecasts)


def test_counted_months_for_the_korean_rule():
    # billing month 2025-05: the 12 months are 2024-06..2025-05; counted are
    # Jul, Aug, Sep, Dec 2024, Jan, Feb 2025 and the current May.
    assert counted_months(2025, 5) == ((2024, 7), (2024, 8), (2024, 9), (2024, 12),
                                       (2025, 1), (2025, 2), (2025, 5))
    # billing month 2025-08 counts 2024-09, 2024-12, 2025-01, 2025-02, 2025-07, 2025-08
    assert counted_months(2025, 8) == ((2024, 9), (2024, 12), (2025, 1), (2025, 2),
                                       (2025, 7), (2025, 8))


def test_billing_demand_ignores_uncounted_months():
    peaks = {(2024, 8): 480.0, (2024, 10): 900.0, (2025, 1): 510.0, (2025, 4): 700.0,
             (2025, 5): 450.0}
    b = billing_demand(peaks, 2025, 5)
    # October and April do not count; the highest counted is January's 510
    assert b.kw == 510.0 and b.set_in == (2025, 1)
    # in April itself April counts (current month): 700
    assert billing_demand(peaks, 2025, 4).kw == 700.0
    assert sets_new_billing_peak(peaks, 2025, 5, 520.0)
    assert not sets_new_billing_peak(peaks, 2025, 5, 505.0)


def test_monthly_peaks_from_windows():
    samples = [(T0 + m * MIN, 100.0 + (200.0 if 15 <= m <= 30 else 0.0)) for m in range(61)]
    peaks = monthly_peaks(window_averages(samples, SEOUL), SEOUL)
    # window 08:15–08:30 is 300 kW flat (samples 15..30 are 300)
    assert peaks[(2025, 11)].kw == pytest.approx(300.0)
    assert peaks[(2025, 11)].window_start_ms == T0 + 15 * MIN


TARIFF = {
    "prices": {"off": 80.0, "mid": 120.0, "peak": 180.0},
    "default_band": "off",
    "holiday_band": "off",
    "holidays": ["2025-12-25"],
    "rules": [
        {"band": "peak", "months": [11, 12, 1, 2], "weekdays": [0, 1, 2, 3, 4],
         "start": "09:00", "end": "12:00"},
        {"band": "mid", "weekdays": [0, 1, 2, 3, 4, 5], "start": "08:00", "end": "22:00"},
    ],
}


def test_tou_bands_and_cost():
    t = TouTariff.from_mapping(TARIFF)
    # T0 is Tuesday 2025-11-25 08:00 local: mid; 09:00 peak; 23:00 off (default)
    assert t.band_at(T0, SEOUL) == "mid"
    assert t.band_at(T0 + 60 * MIN, SEOUL) == "peak"
    assert t.band_at(T0 + 15 * 60 * MIN, SEOUL) == "off"
    # 2025-12-25 10:00 local is a holiday (Thursday): off
    xmas = int(dt.datetime(2025, 12, 25, 10, tzinfo=SEOUL).timestamp() * 1000)
    assert t.band_at(xmas, SEOUL) == "off"
    # 100 kWh from 08:30 to 09:30: half mid (50 × 120 = 6000), half peak (50 × 180 = 9000)
    cost = t.cost([(T0 + 30 * MIN, T0 + 90 * MIN, 100.0)], SEOUL)
    assert cost["mid"] == pytest.approx((50.0, 6000.0))
    assert cost["peak"] == pytest.approx((50.0, 9000.0))


def test_tou_config_errors_name_the_key():
    bad = dict(TARIFF, rules=[{"band": "nope", "start": "09:00", "end": "10:00"}])
    with pytest.raises(DemandConfigError, match=r"tou.rules\[0\].band"):
        TouTariff.from_mapping(bad)
    bad = dict(TARIFF, rules=[{"band": "mid", "start": "9h", "end": "10:00"}])
    with pytest.raises(DemandConfigError, match=r"tou.rules\[0\].start"):
        TouTariff.from_mapping(bad)


def test_windows_from_a_kwh_register():
    from deungdae.sectors.eco.demand import windows_from_energy
    from deungdae.sectors.eco.meters import Sample, counter_intervals
    # readings each 5 min: +25 kWh, +25, +50 in the first window = 100 kWh / 0.25 h
    # = 400 kW; second window +10 × 3 = 30 kWh -> 120 kW
    vals = [0, 25, 50, 100, 110, 120, 130]
    ivs = counter_intervals([Sample(T0 + i * 5 * MIN, float(v)) for i, v in enumerate(vals)])
    ws = windows_from_energy(ivs, SEOUL, T0, T0 + 30 * MIN)
    assert [(w.start_ms, round(w.average_kw, 9), w.complete) for w in ws] == [
        (T0, 400.0, True), (T0 + 15 * MIN, 120.0, True)]


@given(kws=st.lists(st.floats(0, 1000), min_size=2, max_size=80))
def test_forecaster_energy_equals_power_integral(kws):
    from deungdae.sectors.eco.meters import Sample, integrate_power
    samples = [(T0 + i * 20_000, kw) for i, kw in enumerate(kws)]
    closed = window_averages(samples, SEOUL)
    for w in closed:
        e, covered = integrate_power([Sample(t, v) for t, v in samples], w.start_ms,
                                     w.end_ms, 5 * MIN)
        assert w.energy_kwh == pytest.approx(e, rel=1e-9, abs=1e-9)
        assert w.covered_ms == covered
