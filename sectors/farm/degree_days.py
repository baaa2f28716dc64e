"""Growing degree days: the heat a crop accumulated, which paces its development.

GDD of a day = max(0, (Tmax + Tmin)/2 − Tbase), Tbase per crop (domain.md, "Smart farm";
10 °C for tomato and paprika is common). Tmax and Tmin are the day's extremes of the
air temperature (good readings only), over the local day.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_GDD = "GDD = max(0, (Tmax + Tmin)/2 − Tbase) per day"


def gdd(t_max: float, t_min: float, t_base: float) -> float:
    """Degree days of one day (°C·day)."""
    return max(0.0, (t_max + t_min) / 2.0 - t_base)


def accumulated(days: Iterable[tuple[float, float]], t_base: float) -> float:
    """Sum of `gdd` over (Tmax, Tmin) days."""
    return sum(gdd(hi, lo, t_base) for hi, lo in days)


class DayExtremes:
    """Tmin and Tmax of one day as readings arrive."""

    __slots__ = ("t_min", "t_max", "first_ts", "last_ts")

    def __init__(self) -> None:
        self.t_min: float | None = None
        self.t_max: float | None = None
        self.first_ts: int | None = None
        self.last_ts: int | None = None

    def add(self, ts: int, t: float) -> None:
        if self.t_min is None or t < self.t_min:
            self.t_min = t
        if self.t_max is None or t > self.t_max:
            self.t_max = t
        if self.first_ts is None:
            self.first_ts = ts
        self.last_ts = ts

    def covered_s(self) -> float:
        if self.first_ts is None or self.last_ts is None:
            return 0.0
        return (self.last_ts - self.first_ts) / 1000
