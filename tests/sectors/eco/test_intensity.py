"""Intensity and EnB/EnPI: ratio and regression, worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.eco.intensity import (
    BaselineError,
    Period,
    RatioBaseline,
    RegressionBaseline,
    degree_days,
    intensity,
)


def test_intensity_per_unit():
    # 12 000 kWh for 4 000 pieces = 3 kWh/piece
    assert intensity(12_000.0, 4_000.0) == 3.0
    assert intensity(10.0, 0.0) is None


def test_ratio_baseline_comparison():
    base = RatioBaseline(energy=30_000.0, produced=10_000.0)  # 3 kWh/unit
    c = base.compare(energy=31_500.0, produced=11_250.0)
    # expected 3 × 11 250 = 33 750; savings 2 250; ratio 31 500 / 33 750 = 0.93333
    assert c.expected == 33_750.0 and c.savings == 2_250.0
    assert c.enpi_ratio == pytest.approx(0.933333, abs=1e-6)
    assert c.improvement_pct == pytest.approx(6.6667, abs=1e-4)


def test_degree_days():
    # base 18 °C: temps 10, 15, 20 -> HDD 8 + 3 + 0 = 11; CDD 0 + 0 + 2 = 2
    assert degree_days([10, 15, 20], 18) == 11
    assert degree_days([10, 15, 20], 18, "cooling") == 2


def test_regression_on_production_exact_fit():
    # E = 5 000 + 2.5 × units exactly: units 1000, 2000, 3000, 4000
    # -> E 7 500, 10 000, 12 500, 15 000
    periods = [Period(f"m{i}", 5_000 + 2.5 * u, {"units": u})
               for i, u in enumerate([1000, 2000, 3000, 4000])]
    m = RegressionBaseline.fit(periods, ["units"])
    assert m.intercept == pytest.approx(5_000.0)
    assert m.coefficients[0] == pytest.approx(2.5)
    assert m.r2 == pytest.approx(1.0)
    # current month 2 500 units: expected 5 000 + 6 250 = 11 250; used 10 800 -> saves 450
    c = m.compare(Period("now", 10_800.0, {"units": 2500}))
    assert c.expected == pytest.approx(11_250.0) and c.savings == pytest.approx(450.0)
    assert "2.5·units" in m.equation()


def test_regression_with_noise_hand_computed():
    # x = 1, 2, 3, 4; y = 2, 4, 5, 8. x̄ = 2.5, ȳ = 4.75
    # Sxy = (−1.5)(−2.75) + (−0.5)(−0.75) + (0.5)(0.25) + (1.5)(3.25) = 4.125 + 0.375
    #       + 0.125 + 4.875 = 9.5; Sxx = 5 -> slope 1.9; intercept 4.75 − 4.75 = 0
    # predictions 1.9, 3.8, 5.7, 7.6; residuals 0.1, 0.2, −0.7, 0.4; SSres = 0.01 + 0.04
    # + 0.49 + 0.16 = 0.70; SStot = 7.5625 + 0.5625 + 0.0625 + 10.5625 = 18.75
    # R² = 1 − 0.7/18.75 = 0.962667; RMSE = sqrt(0.7/2) = 0.591608; CV = 0.124549
    periods = [Period(str(x), y, {"x": x}) for x, y in [(1, 2), (2, 4), (3, 5), (4, 8)]]
    m = RegressionBaseline.fit(periods, ["x"])
    assert m.coefficients[0] == pytest.approx(1.9)
    assert m.intercept == pytest.approx(0.0, abs=1e-12)
    assert m.r2 == pytest.approx(0.962667, abs=1e-6)
    assert m.cv_rmse == pytest.approx(0.124549, abs=1e-6)


def test_regression_errors():
    with pytest.raises(BaselineError, match="at least 3"):
        RegressionBaseline.fit([Period("a", 1, {"x": 1})], ["x"])
    with pytest.raises(BaselineError, match="lacks"):
        RegressionBaseline.fit([Period(str(i), i, {"x": i}) for i in range(3)]
                               + [Period("z", 1, {})], ["x"])
    with pytest.raises(BaselineError, match="independently"):
        RegressionBaseline.fit([Period(str(i), i, {"x": 1.0}) for i in range(4)], ["x"])


@given(a=st.floats(0, 1e4), b=st.floats(0.1, 100), c=st.floats(-50, 50))
def test_regression_recovers_a_two_variable_plane(a, b, c):
    pts = [(100, 3), (200, 10), (300, 1), (400, 7), (500, 12)]
    periods = [Period(str(i), a + b * u + c * d, {"units": u, "hdd": d})
               for i, (u, d) in enumerate(pts)]
    m = RegressionBaseline.fit(periods, ["units", "hdd"])
    assert m.coefficients[0] == pytest.approx(b, abs=1e-6)
    assert m.coefficients[1] == pytest.approx(c, abs=1e-6)
    assert m.intercept == pytest.approx(a, abs=1e-5)
