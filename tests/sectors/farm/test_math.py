"""The farm formulas at checked points, against values worked out by hand (and tables)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from deungdae.sectors.farm import psychrometrics as psy
from deungdae.sectors.farm.degree_days import accumulated, gdd
from deungdae.sectors.farm.light import (
    DailyIntegral,
    RollingDLI,
    day_start_of,
    dli_of,
    ppfd_from_solar,
)
from deungdae.sectors.farm.sun import sun_times

SEOUL = ZoneInfo("Asia/Seoul")


def test_saturation_vapour_pressure_tetens() -> None:
    # 0.6108·exp(17.27·25/262.3) = 0.6108·exp(1.646016) = 0.6108·5.186268 = 3.16777 kPa;
    # FAO-56 Annex 2 table 2.3 lists es(25 °C) = 3.168 kPa
    assert psy.saturation_vapour_pressure(25.0) == pytest.approx(3.16777, abs=1e-5)
    assert psy.saturation_vapour_pressure(0.0) == pytest.approx(0.6108, abs=1e-9)
    assert psy.saturation_vapour_pressure(10.0) == pytest.approx(1.228, abs=5e-4)  # table


def test_vpd() -> None:
    assert psy.vpd(25.0, 70.0) == pytest.approx(3.16777 * 0.3, abs=1e-5)  # 0.95033 kPa
    assert psy.vpd(20.0, 100.0) == 0.0
    assert psy.vpd(20.0, 104.0) == 0.0  # fog: a sensor over 100 % is no negative deficit


def test_dew_point_magnus_sonntag() -> None:
    # γ = ln 0.6 + 17.62·25/268.12 = −0.510826 + 1.642921 = 1.132095;
    # Td = 243.12·1.132095/(17.62 − 1.132095) = 275.2350/16.487905 = 16.6931 °C
    assert psy.dew_point(25.0, 60.0) == pytest.approx(16.6931, abs=1e-3)
    assert psy.dew_point(18.0, 100.0) == pytest.approx(18.0, abs=1e-9)
    # γ = ln 0.5 + 176.2/253.12 = −0.693147 + 0.696113 = 0.002966; Td = 0.7210/17.6170 = 0.041
    assert psy.dew_point(10.0, 50.0) == pytest.approx(0.041, abs=1e-3)


def test_absolute_humidity() -> None:
    # e = 0.6·3167.777 Pa = 1900.67 Pa; AH = 2.16679·1900.67/298.15 = 13.8130 g/m³
    assert psy.absolute_humidity(25.0, 60.0) == pytest.approx(13.8130, abs=1e-3)
    assert psy.absolute_humidity(20.0, 100.0) == pytest.approx(17.3, abs=0.1)  # chart value


def test_condensation_risk() -> None:
    assert psy.condensation_risk(17.5, 25.0, 60.0, 1.0)  # 17.5 − 16.69 = 0.81 ≤ 1
    assert not psy.condensation_risk(18.0, 25.0, 60.0, 1.0)


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def test_dli_of_constant_light() -> None:
    # 500 µmol/m²/s for 12 h: 500·43200/10⁶ = 21.6 mol/m²
    t0 = _ms(datetime(2026, 6, 1, 6, tzinfo=SEOUL))
    samples = [(t0 + i * 60_000, 500.0) for i in range(12 * 60 + 1)]
    assert dli_of(samples) == pytest.approx(21.6, abs=1e-9)
    # the same light seen through [t0 + 1 h, t0 + 2 h): 500·3600/10⁶ = 1.8
    assert dli_of(samples, t0 + 3_600_000, t0 + 7_200_000) == pytest.approx(1.8, abs=1e-9)
    # a 10-minute gap is not light: nothing counted across it (max gap 5 min)
    gappy = [s for s in samples if not (60 <= (s[0] - t0) // 60_000 < 70)]
    assert dli_of(gappy) == pytest.approx(21.6 - 500 * 660 / 1e6, abs=1e-9)
    assert dli_of([(t0, -5.0), (t0 + 60_000, 0.0)]) == 0.0  # night offset is not light


def test_solar_radiation_to_ppfd() -> None:
    assert ppfd_from_solar(400.0) == 800.0
    assert ppfd_from_solar(-3.0) == 0.0
    assert ppfd_from_solar(400.0, 2.1) == pytest.approx(840.0)


def test_local_day_with_day_start_splits_at_the_boundary() -> None:
    # day starts at 06:00; 100 µmol/m²/s from 05:00 to 07:00 on 1 June, sampled each minute
    acc = DailyIntegral(SEOUL, time(6, 0))
    t0 = _ms(datetime(2026, 6, 1, 5, tzinfo=SEOUL))
    finished = []
    for i in range(121):
        _, done = acc.add(t0 + i * 60_000, 100.0)
        if done:
            finished.append(done)
    # the light day of 31 May got 05:00–06:00: 100·3600/10⁶ = 0.36 mol/m²
    assert finished == [("2026-05-31", pytest.approx(0.36e9))]
    assert acc.total / 1e9 == pytest.approx(0.36)  # 06:00–07:00 of 1 June so far
    assert day_start_of(t0, SEOUL, time(6, 0)) == _ms(datetime(2026, 5, 31, 6, tzinfo=SEOUL))


def test_rolling_24h() -> None:
    r = RollingDLI()
    t0 = _ms(datetime(2026, 6, 1, tzinfo=SEOUL))
    v = 0.0
    for i in range(36 * 60 + 1):  # 36 h: 200 for the first 12 h, then 0
        v = r.add(t0 + i * 60_000, 200.0 if i < 12 * 60 else 0.0)
        if i == 12 * 60:
            assert v == pytest.approx(200 * 43200 / 1e6)  # 8.64
    # at 36 h the window is 12 h–36 h: no light left in it
    assert v == pytest.approx(0.0, abs=1e-9)
    r2 = RollingDLI()
    for i in range(30 * 60 + 1):  # constant 100 for 30 h: the window holds 24 h of it
        v = r2.add(t0 + i * 60_000, 100.0)
    assert v == pytest.approx(100 * 86400 / 1e6)  # 8.64


def test_growing_degree_days() -> None:
    assert gdd(28.0, 16.0, 10.0) == 12.0  # (28 + 16)/2 − 10
    assert gdd(12.0, 4.0, 10.0) == 0.0    # never negative
    assert accumulated([(28.0, 16.0), (25.0, 15.0), (20.0, 10.0)], 10.0) == 12 + 10 + 5


@pytest.mark.parametrize(("day", "rise", "sets"), [
    # Seoul (37.5665 N, 126.978 E), KST; published almanac times (KASI) to the minute
    (date(2026, 6, 21), "05:11", "19:57"),
    (date(2026, 12, 21), "07:43", "17:17"),
])
def test_sunrise_sunset_seoul(day: date, rise: str, sets: str) -> None:
    s = sun_times(day, 37.5665, 126.978)
    assert s.sunrise is not None and s.sunset is not None
    for got, want in ((s.sunrise, rise), (s.sunset, sets)):
        h, m = (int(x) for x in want.split(":"))
        want_dt = datetime.combine(day, time(h, m), SEOUL)
        assert abs((got - want_dt).total_seconds()) <= 90, (got.astimezone(SEOUL), want)


def test_sun_at_the_equinox_and_in_polar_day() -> None:
    # equator, Greenwich, March equinox: the day is about 12 h 7 min long (refraction),
    # centred on solar noon ≈ 12:07 UTC (equation of time ≈ −7.5 min)
    s = sun_times(date(2026, 3, 20), 0.0, 0.0)
    assert s.sunrise is not None and s.sunset is not None
    length = (s.sunset - s.sunrise).total_seconds() / 60
    assert 725 <= length <= 730
    assert abs((s.noon - datetime(2026, 3, 20, 12, 7, 30, tzinfo=UTC)).total_seconds()) < 60
    polar = sun_times(date(2026, 6, 21), 78.2, 15.6)  # Svalbard: midnight sun
    assert polar.sunrise is None and polar.polar == "day"
    assert sun_times(date(2026, 12, 21), 78.2, 15.6).polar == "night"
    assert math.isclose((s.sunset - s.noon) / timedelta(minutes=1),
                        (s.noon - s.sunrise) / timedelta(minutes=1), abs_tol=1.0)
