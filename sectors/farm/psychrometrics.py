"""Moist-air figures a grower reads: saturation vapour pressure, VPD, dew point, absolute humidity.

Formulas are the ones in the project's domain reference (shared/reference/domain.md, "Smart
farm"), so the window and the reports can say which one a value uses:

- saturation vapour pressure, Tetens as FAO-56 (eq. 11) gives it:
  es = 0.6108 · exp(17.27·T / (T + 237.3)) kPa;
- VPD = es · (1 − RH/100) kPa (air VPD; Mycodo uses the Magnus form and Pa);
- dew point, Magnus with Sonntag (1990) constants:
  γ = ln(RH/100) + 17.62·T / (243.12 + T),  Td = 243.12·γ / (17.62 − γ);
- absolute humidity from the ideal gas law for water vapour:
  AH = e · Mw / (R · (T + 273.15)), e = es·RH/100, Mw/R = 2.16679 g·K/J (g/m³).

T in °C, RH in %. RH is clamped to (0, 100]: a capacitive sensor reads a little over 100 %
in fog, and ln(0) has no dew point.
"""

from __future__ import annotations

import math

FORMULA_VPD = "Tetens (FAO-56): es = 0.6108·exp(17.27·T/(T+237.3)) kPa; VPD = es·(1−RH/100)"
FORMULA_DEW_POINT = "Magnus (Sonntag): Td = 243.12·γ/(17.62−γ), γ = ln(RH/100)+17.62·T/(243.12+T)"
FORMULA_ABS_HUMIDITY = "ideal gas: AH = 2.16679·e(Pa)/(T+273.15) g/m³, e = es·RH/100"

MW_OVER_R = 2.16679  # g·K/J: molar mass of water 18.01528 g/mol / R 8.314462 J/(mol·K)
_RH_MIN = 0.1


def _rh(rh: float) -> float:
    return min(100.0, max(_RH_MIN, rh))


def saturation_vapour_pressure(t: float) -> float:
    """es in kPa at air temperature `t` °C (Tetens, FAO-56 eq. 11)."""
    return 0.6108 * math.exp(17.27 * t / (t + 237.3))


def vpd(t: float, rh: float) -> float:
    """Air vapour pressure deficit in kPa (es from Tetens; never below 0)."""
    return saturation_vapour_pressure(t) * (1.0 - _rh(rh) / 100.0)


def dew_point(t: float, rh: float) -> float:
    """Dew point in °C (Magnus formula with Sonntag's constants 17.62, 243.12 °C)."""
    g = math.log(_rh(rh) / 100.0) + 17.62 * t / (243.12 + t)
    return 243.12 * g / (17.62 - g)


def absolute_humidity(t: float, rh: float) -> float:
    """Water vapour per volume of air in g/m³ (ideal gas; e from Tetens es)."""
    e_pa = saturation_vapour_pressure(t) * 1000.0 * _rh(rh) / 100.0
    return MW_OVER_R * e_pa / (t + 273.15)


def condensation_risk(surface_t: float, t: float, rh: float, margin: float) -> bool:
    """True when a surface (leaf, or the air itself) is within `margin` °C of the dew point:
    water condenses on it, and botrytis and downy mildew follow."""
    return surface_t - dew_point(t, rh) <= margin
