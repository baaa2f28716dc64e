"""Intensity per unit produced and the ISO 50006 baseline (EnB) / EnPI method.

Two EnPIs, as domain.md describes: a simple ratio (kWh or tCO2eq per unit produced) and
a regression of energy on relevant variables (production, degree days, operating hours)
fitted over a baseline period the user chooses. The current period is then compared with
what the baseline model expects for the same conditions: ``savings = expected − actual``
and the EnPI ratio ``actual / expected`` (below 1 is an improvement).

The fit is shown with what a reviewer asks for: coefficients, R², CV(RMSE) and n, so a
poor model is visible rather than silently trusted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


class BaselineError(ValueError):
    """A baseline that cannot be fitted or applied (names what is missing)."""


@dataclass(frozen=True, slots=True)
class Period:
    """One period's figures: energy (or tCO2eq) and the relevant variables by name."""

    label: str
    energy: float
    variables: Mapping[str, float]


def intensity(energy: float, produced: float) -> float | None:
    """Energy (or emissions) per unit produced; ``None`` when nothing was produced."""
    if produced < 0 or energy < 0:
        raise BaselineError("energy and production must be >= 0")
    return energy / produced if produced > 0 else None


def degree_days(daily_mean_c: Sequence[float], base_c: float, kind: str = "heating"
                ) -> float:
    """Heating (base − Tmean) or cooling (Tmean − base) degree days, negatives as 0."""
    if kind == "heating":
        return sum(max(0.0, base_c - t) for t in daily_mean_c)
    if kind == "cooling":
        return sum(max(0.0, t - base_c) for t in daily_mean_c)
    raise BaselineError(f"degree-day kind must be 'heating' or 'cooling', got {kind!r}")


@dataclass(frozen=True, slots=True)
class RatioBaseline:
    """EnPI as a simple ratio over the baseline period."""

    energy: float
    produced: float

    @property
    def ratio(self) -> float:
        if self.produced <= 0:
            raise BaselineError("baseline period produced nothing: no ratio")
        return self.energy / self.produced

    def compare(self, energy: float, produced: float) -> Comparison:
        expected = self.ratio * produced
        return Comparison(energy, expected)


@dataclass(frozen=True, slots=True)
class Comparison:
    actual: float
    expected: float

    @property
    def savings(self) -> float:
        return self.expected - self.actual

    @property
    def enpi_ratio(self) -> float | None:
        return self.actual / self.expected if self.expected else None

    @property
    def improvement_pct(self) -> float | None:
        r = self.enpi_ratio
        return None if r is None else (1 - r) * 100


@dataclass(frozen=True)
class RegressionBaseline:
    """energy = intercept + Σ coef[v] × v, fitted by least squares over baseline periods."""

    variables: tuple[str, ...]
    intercept: float
    coefficients: tuple[float, ...]
    r2: float
    cv_rmse: float
    n: int

    @classmethod
    def fit(cls, periods: Sequence[Period], variables: Sequence[str]) -> RegressionBaseline:
        names = tuple(variables)
        k = len(names)
        if not names:
            raise BaselineError("a regression needs at least one variable")
        if len(periods) < k + 2:
            raise BaselineError(f"{len(periods)} baseline periods for {k} variable(s): at "
                                f"least {k + 2} needed")
        for p in periods:
            missing = [v for v in names if v not in p.variables]
            if missing:
                raise BaselineError(f"baseline period {p.label!r} lacks {missing}")
        x = np.array([[1.0] + [float(p.variables[v]) for v in names] for p in periods])
        y = np.array([float(p.energy) for p in periods])
        if np.linalg.matrix_rank(x) < k + 1:
            raise BaselineError("baseline variables do not vary independently: no fit")
        beta, *_ = np.linalg.lstsq(x, y, rcond=None)
        pred = x @ beta
        ss_res = float(np.sum((y - pred) ** 2))
        ss_tot = float(np.sum((y - y.mean()) ** 2))
        n = len(periods)
        r2 = 1 - ss_res / ss_tot if ss_tot > 0 else 1.0
        # ASHRAE Guideline 14 CV(RMSE) with n − p degrees of freedom
        dof = n - (k + 1)
        rmse = math.sqrt(ss_res / dof) if dof > 0 else 0.0
        cv = rmse / float(y.mean()) if y.mean() else float("inf")
        return cls(names, float(beta[0]), tuple(float(b) for b in beta[1:]), r2, cv, n)

    def expected(self, variables: Mapping[str, float]) -> float:
        missing = [v for v in self.variables if v not in variables]
        if missing:
            raise BaselineError(f"period lacks {missing} that the baseline uses")
        return self.intercept + sum(c * float(variables[v])
                                    for c, v in zip(self.coefficients, self.variables,
                                                    strict=True))

    def compare(self, period: Period) -> Comparison:
        return Comparison(period.energy, self.expected(period.variables))

    def equation(self) -> str:
        terms = " ".join(f"{'+' if c >= 0 else '−'} {abs(c):.4g}·{v}"
                         for c, v in zip(self.coefficients, self.variables, strict=True))
        return f"E = {self.intercept:.4g} {terms}"
