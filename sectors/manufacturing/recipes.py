"""Recipes: a lot's process window as criteria parsed from `[[sectors.manufacturing.recipes]]`.

Each criterion is one of `process_window` (band, soak, ramp, amp-hours, EN 1011-1 heat
input) or a plating current density; a recipe names the channels it reads, so the rule
keeps exactly those values while a lot runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from deungdae.sectors.manufacturing.config_errors import Errs, tables
from deungdae.sectors.manufacturing.process_window import (
    PROCESS_EFFICIENCY,
    AmpHours,
    Band,
    Criterion,
    HeatInput,
    Ramp,
    Recipe,
    Soak,
)


@dataclass(frozen=True, slots=True)
class RecipeDef:
    id: str
    name: str
    product: str | None
    recipe: Recipe

    def channels(self) -> set[str]:
        out: set[str] = set()
        for c in self.recipe.criteria:
            if isinstance(c, HeatInput):
                out |= {c.voltage_channel, c.current_channel}
                if c.speed_channel:
                    out.add(c.speed_channel)
            else:
                out.add(c.channel)
        return out



CRITERION_KEYS = {
    "band": {"channel", "low", "high", "min_fraction", "within_s"},
    "soak": {"channel", "low", "high", "min_soak_min"},
    "ramp": {"channel", "from", "to", "min_rate_per_min", "max_rate_per_min"},
    "amp_hours": {"channel", "min_ah", "max_ah"},
    "current_density": {"channel", "area_dm2", "low", "high", "min_fraction"},
    "heat_input": {"voltage", "current", "speed_channel", "speed_mm_min", "process", "k",
                   "min_kj_per_mm", "max_kj_per_mm", "arc_on_a"},
}


@dataclass(frozen=True, slots=True)
class CurrentDensity:
    """Plating current density J = I / A (A/dm²) kept within a band: a `Band` over the
    current channel scaled by the plated area (the record keeps the measured current)."""

    name: str
    channel: str
    area_dm2: float
    low: float
    high: float
    min_fraction: float = 1.0

    def evaluate(self, lot, data, max_gap_ms):
        scaled = {self.channel: [(t, i / self.area_dm2) for t, i in data.get(self.channel, ())]}
        r = Band(self.name, self.channel, self.low, self.high,
                 self.min_fraction).evaluate(lot, scaled, max_gap_ms)
        return type(r)(r.name, "current_density", r.passed,
                       {**r.numbers, "area_dm2": self.area_dm2}, r.detail)


def criterion(raw: dict, where: str, errs: Errs) -> Criterion | CurrentDensity | None:
    kind = raw.get("kind")
    if kind not in CRITERION_KEYS:
        errs.append(f"{where}.kind: one of {', '.join(CRITERION_KEYS)}, got {kind!r}")
        return None
    errs.unknown(raw, CRITERION_KEYS[kind] | {"kind", "name"}, where)
    name = errs.text(raw, "name", where, str(kind), required=False) or str(kind)
    n = errs.num
    if kind == "heat_input":
        process = errs.text(raw, "process", where)
        if process and process.upper() not in PROCESS_EFFICIENCY and "k" not in raw:
            errs.append(f"{where}.process: {process!r} has no EN 1011-1 efficiency "
                        f"({', '.join(PROCESS_EFFICIENCY)}); give k")
        volts, amps = errs.text(raw, "voltage", where), errs.text(raw, "current", where)
        sch = errs.text(raw, "speed_channel", where, required=False)
        smm = n(raw, "speed_mm_min", where, lo=0)
        if (sch is None) == (smm is None):
            errs.append(f"{where}: give speed_channel or speed_mm_min (one of them)")
        if None in (process, volts, amps):
            return None
        return HeatInput(name, volts, amps, process, n(raw, "min_kj_per_mm", where),
                         n(raw, "max_kj_per_mm", where), sch, smm, n(raw, "k", where),
                         n(raw, "arc_on_a", where, 5.0, lo=0))
    ch = errs.text(raw, "channel", where)
    if kind == "amp_hours":
        return None if ch is None else AmpHours(name, ch, n(raw, "min_ah", where),
                                                n(raw, "max_ah", where))
    if kind == "ramp":
        fr, to = n(raw, "from", where, required=True), n(raw, "to", where, required=True)
        if ch is None or fr is None or to is None:
            return None
        return Ramp(name, ch, fr, to, n(raw, "min_rate_per_min", where),
                    n(raw, "max_rate_per_min", where))
    lo, hi = n(raw, "low", where, required=True), n(raw, "high", where, required=True)
    if lo is not None and hi is not None and lo > hi:
        errs.append(f"{where}: low {lo} is above high {hi}")
    if ch is None or lo is None or hi is None:
        return None
    if kind == "soak":
        mins = n(raw, "min_soak_min", where, required=True, lo=0)
        return None if mins is None else Soak(name, ch, lo, hi, int(mins * 60_000))
    frac = n(raw, "min_fraction", where, 1.0, lo=0)
    if frac is not None and frac > 1:
        errs.append(f"{where}.min_fraction: 0..1, got {frac!r}")
    if kind == "current_density":
        area = n(raw, "area_dm2", where, required=True, lo=0)
        if not area:
            errs.append(f"{where}.area_dm2: the plated area must be > 0 dm²")
            return None
        return CurrentDensity(name, ch, float(area), lo, hi, frac or 1.0)
    within = raw.get("within_s")
    w = None
    if within is not None:
        if (not isinstance(within, list) or len(within) != 2
                or not all(isinstance(x, int | float) for x in within) or within[0] >= within[1]):
            errs.append(f"{where}.within_s: [from, to] seconds after the lot start")
        else:
            w = (int(within[0] * 1000), int(within[1] * 1000))
    return Band(name, ch, lo, hi, frac or 1.0, w)


def recipe(raw: dict, where: str, errs: Errs) -> RecipeDef | None:
    errs.unknown(raw, {"id", "name", "product", "max_gap_s", "criteria"}, where)
    rid = errs.text(raw, "id", where)
    crits = [c for i, x in enumerate(tables(raw.get("criteria"), f"{where}.criteria", errs))
             if (c := criterion(x, f"{where}.criteria[{i}]", errs)) is not None]
    if not raw.get("criteria"):
        errs.append(f"{where}.criteria: a recipe needs at least one criterion")
    gap = errs.num(raw, "max_gap_s", where, 120, lo=1)
    if rid is None:
        return None
    return RecipeDef(rid, str(raw.get("name", rid)), raw.get("product"),
                     Recipe(str(raw.get("name", rid)), tuple(crits),  # type: ignore[arg-type]
                            int((gap or 120) * 1000)))
