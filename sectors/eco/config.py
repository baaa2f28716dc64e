"""The eco-factory sector's `[sectors.eco]` table, checked strictly.

Every problem is one line naming the key (`meters[2].modulus`) and what is expected; an
unknown key is an error that names the nearest known key (a misspelt `targt_kw` would
otherwise silently leave the plant without its peak warning), and no number may be NaN
or infinite (TOML accepts `nan` and `inf`).

Shape (all energies in the meter's unit: kWh, Nm3, MJ, m3, t):

    [sectors.eco]
    region = "KR"                       # grid factor region
    [[sectors.eco.meters]]              # electricity, gas, water or steam
    id = "main"; name = "..."; kind = "electricity"
    counter = "main_pm.kwh"             # a cumulative register (channel key), and/or
    power = "main_pm.kw"                # instantaneous rate (kW, Nm3/h, m3/h)
    modulus = 100000; max_rate = 600; max_gap_s = 10
    fuel = "natural_gas"                # gas/steam burnt on site: scope 1
    [sectors.eco.demand]                # the 15-minute peak demand of one meter
    meter = "main"; target_kw = 300; warn_after_s = 120; min_lead_s = 60
    history_kw = { "2025-12" = 280.0 }  # monthly peaks from the utility's bills
    [sectors.eco.tou]                   # time-of-use bands (demand.TouTariff)
    [[sectors.eco.products]]            # what intensity is per unit of
    id = "parts"; name = "..."; unit = "pcs"; channel = "press.count" (optional)
    [sectors.eco.baseline]              # ISO 50006 baseline: dates or known figures
    [sectors.eco.factors]               # extra factor rows (ghg_factors.toml's shape)
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from dataclasses import dataclass, field
from typing import Any

from deungdae.sectors.eco.demand import (
    KR_COUNTED_MONTHS,
    DemandConfigError,
    TouTariff,
)
from deungdae.sectors.eco.ghg import FactorError, FactorTable

KINDS = {"electricity": "kWh", "gas": "Nm3", "water": "m3", "steam": "t"}
GAS_UNITS = ("Nm3", "MJ")
TOP_KEYS = ("region", "meters", "demand", "tou", "products", "baseline", "factors")
METER_KEYS = ("id", "name", "kind", "counter", "power", "unit", "modulus", "max_rate",
              "max_gap_s", "fuel")
DEMAND_KEYS = ("meter", "target_kw", "window_min", "warn_after_s", "min_lead_s",
               "counted_months", "history_kw")
PRODUCT_KEYS = ("id", "name", "unit", "channel")
S = "sectors.eco."  # the table's prefix in messages
BASELINE_KEYS = ("label", "start", "end", "kwh", "tco2eq", "water_m3", "waste_kg",
                 "produced")


@dataclass(frozen=True, slots=True)
class Meter:
    id: str
    name: str
    kind: str
    unit: str
    counter: str | None
    power: str | None
    modulus: float | None
    max_rate: float | None
    max_gap_s: float
    fuel: str | None  # scope 1 fuel; electricity is scope 2; water none

    @property
    def scope(self) -> int | None:
        if self.kind == "electricity":
            return 2
        return 1 if self.fuel else None

    def inputs(self) -> tuple[str, ...]:
        """What its energy is computed from: the register when it has one."""
        return (self.counter,) if self.counter else (self.power,)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Demand:
    meter: str
    target_kw: float
    window_min: int = 15
    warn_after_s: float = 120.0
    min_lead_s: float = 0.0
    counted_months: tuple[int, ...] = KR_COUNTED_MONTHS
    history_kw: dict[tuple[int, int], float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    name: str
    unit: str
    channel: str | None


@dataclass(frozen=True, slots=True)
class Baseline:
    label: str
    start: dt.date | None = None
    end: dt.date | None = None  # exclusive
    figures: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    region: str
    meters: tuple[Meter, ...]
    demand: Demand | None
    tou: TouTariff | None
    products: tuple[Product, ...]
    baseline: Baseline | None
    factors: FactorTable

    def meter(self, mid: str) -> Meter:
        for m in self.meters:
            if m.id == mid:
                return m
        raise KeyError(mid)


def _unknown(raw: dict, known: tuple[str, ...], where: str) -> list[str]:
    out = []
    for k in raw:
        if k not in known:
            near = difflib.get_close_matches(str(k), known, n=1, cutoff=0.5)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            out.append(f"{where}{k}: unknown key{hint}; known keys: {', '.join(known)}")
    return out


def _num(raw: dict, key: str, where: str, errs: list[str], *, default: float | None = None,
         positive: bool = False, minimum: float | None = None) -> float | None:
    if key not in raw:
        return default
    v = raw[key]
    if isinstance(v, bool) or not isinstance(v, int | float):
        errs.append(f"{where}{key}: a number expected, got {v!r}")
        return default
    if not math.isfinite(v):
        errs.append(f"{where}{key}: a finite number expected, got {v!r}")
        return default
    if positive and not v > 0:
        errs.append(f"{where}{key}: a number > 0 expected, got {v!r}")
        return default
    if minimum is not None and v < minimum:
        errs.append(f"{where}{key}: a number >= {minimum} expected, got {v!r}")
        return default
    return float(v)


def _text(raw: dict, key: str, where: str, errs: list[str], required: bool = False
          ) -> str | None:
    v = raw.get(key)
    if v is None:
        if required:
            errs.append(f"{where}{key}: required")
        return None
    if not isinstance(v, str) or not v.strip():
        errs.append(f"{where}{key}: a non-empty string expected, got {v!r}")
        return None
    return v


def _table(raw: Any, where: str, errs: list[str]) -> dict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        errs.append(f"{where}: a table expected, got {raw!r}")
        return None
    return raw


def _find_nonfinite(v: Any, where: str, errs: list[str]) -> None:
    if isinstance(v, float) and not math.isfinite(v):
        errs.append(f"{where}: a finite number expected, got {v!r}")
    elif isinstance(v, dict):
        for k, x in v.items():
            _find_nonfinite(x, f"{where}.{k}", errs)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            _find_nonfinite(x, f"{where}[{i}]", errs)


def _meter(raw: Any, i: int, errs: list[str]) -> Meter | None:
    where = f"sectors.eco.meters[{i}]."
    if not isinstance(raw, dict):
        errs.append(f"sectors.eco.meters[{i}]: a table expected")
        return None
    n = len(errs)
    errs += _unknown(raw, METER_KEYS, where)
    mid = _text(raw, "id", where, errs, required=True)
    kind = _text(raw, "kind", where, errs, required=True)
    if kind is not None and kind not in KINDS:
        near = difflib.get_close_matches(kind, KINDS, n=1)
        errs.append(f"{where}kind: one of {', '.join(KINDS)} expected, got {kind!r}"
                    + (f" (did you mean '{near[0]}'?)" if near else ""))
    counter = _text(raw, "counter", where, errs)
    power = _text(raw, "power", where, errs)
    if counter is None and power is None and "counter" not in raw and "power" not in raw:
        errs.append(f"{where}counter: a meter needs a 'counter' (register) or 'power' channel")
    unit = _text(raw, "unit", where, errs) or KINDS.get(kind or "", "")
    if kind == "gas" and unit not in GAS_UNITS:
        errs.append(f"{where}unit: a gas meter counts in {' or '.join(GAS_UNITS)}, got {unit!r}")
    if kind == "electricity" and unit != "kWh":
        errs.append(f"{where}unit: an electricity meter counts in kWh, got {unit!r}")
    modulus = _num(raw, "modulus", where, errs, positive=True)
    max_rate = _num(raw, "max_rate", where, errs, positive=True)
    max_gap = _num(raw, "max_gap_s", where, errs, default=300.0, positive=True)
    fuel = _text(raw, "fuel", where, errs)
    if fuel is None and kind == "gas":
        fuel = "natural_gas"
    if fuel is not None and kind in ("electricity", "water"):
        errs.append(f"{where}fuel: only a gas or steam meter burns a fuel on site")
    if len(errs) > n or mid is None or kind is None:
        return None
    return Meter(mid, str(raw.get("name", mid)), kind, unit, counter, power, modulus,
                 max_rate, float(max_gap or 300.0), fuel)


def _demand(raw: dict, meters: dict[str, Meter], errs: list[str]) -> Demand | None:
    where = "sectors.eco.demand."
    n = len(errs)
    errs += _unknown(raw, DEMAND_KEYS, where)
    mid = _text(raw, "meter", where, errs, required=True)
    if mid is not None:
        m = meters.get(mid)
        if m is None:
            errs.append(f"{where}meter: {mid!r} is not a meter id "
                        f"({', '.join(meters) or 'no meters'})")
        elif m.kind != "electricity" or not m.power:
            errs.append(f"{where}meter: {mid!r} must be an electricity meter with a "
                        "'power' channel (kW)")
    target = _num(raw, "target_kw", where, errs, positive=True)
    if target is None and "target_kw" not in raw:
        errs.append(f"{where}target_kw: required (the contract demand or a chosen peak, kW)")
    window = _num(raw, "window_min", where, errs, default=15.0, positive=True)
    if window is not None and (window != int(window) or 1440 % int(window)):
        errs.append(f"{where}window_min: whole minutes that divide a day expected, got {window}")
    warn_after = _num(raw, "warn_after_s", where, errs, default=120.0, minimum=0.0)
    lead = _num(raw, "min_lead_s", where, errs, default=0.0, minimum=0.0)
    months = raw.get("counted_months", list(KR_COUNTED_MONTHS))
    if (not isinstance(months, list) or any(isinstance(x, bool) or not isinstance(x, int)
                                            or not 1 <= x <= 12 for x in months)):
        errs.append(f"{where}counted_months: a list of months 1..12 expected, got {months!r}")
        months = list(KR_COUNTED_MONTHS)
    hist: dict[tuple[int, int], float] = {}
    h = _table(raw.get("history_kw"), f"{where}history_kw", errs) or {}
    for k in h:
        try:
            y, mo = (int(x) for x in str(k).split("-"))
            if not 1 <= mo <= 12:
                raise ValueError
        except ValueError:
            errs.append(f"{where}history_kw.{k}: keys are months 'YYYY-MM'")
            continue
        kw = _num(h, k, f"{where}history_kw.", errs, minimum=0.0)
        if kw is not None:
            hist[(y, mo)] = kw
    if len(errs) > n or mid is None or target is None:
        return None
    return Demand(mid, target, int(window or 15), float(warn_after or 0.0), float(lead or 0.0),
                  tuple(months), hist)


def _baseline(raw: dict, errs: list[str]) -> Baseline | None:
    where = "sectors.eco.baseline."
    n = len(errs)
    errs += _unknown(raw, BASELINE_KEYS, where)
    dates = {}
    for k in ("start", "end"):
        if k in raw:
            v = raw[k]
            try:
                dates[k] = v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))
            except ValueError:
                errs.append(f"{where}{k}: a date YYYY-MM-DD expected, got {v!r}")
    if ("start" in raw) != ("end" in raw):
        errs.append(f"{where}start: a baseline period needs both 'start' and 'end'")
    if "start" in dates and "end" in dates and dates["end"] <= dates["start"]:
        errs.append(f"{where}end: must be after start")
    figs = {}
    for k in ("kwh", "tco2eq", "water_m3", "waste_kg", "produced"):
        v = _num(raw, k, where, errs, minimum=0.0)
        if v is not None:
            figs[k] = v
    if not dates and not figs:
        errs.append(f"{where}start: give a period (start, end) or known figures "
                    "(kwh, tco2eq, water_m3, waste_kg, produced)")
    if len(errs) > n:
        return None
    label = str(raw.get("label") or (f"{dates['start']}..{dates['end']}" if dates else
                                     "baseline"))
    return Baseline(label, dates.get("start"), dates.get("end"), figs)


def parse(section: dict) -> tuple[Settings | None, list[str]]:
    """(settings, problems); settings is None when there is any problem."""
    errs: list[str] = []
    if not isinstance(section, dict):
        return None, ["sectors.eco: a table expected"]
    errs += _unknown(section, TOP_KEYS, S)
    _find_nonfinite(section, S[:-1], errs)
    region = section.get("region", "KR")
    if not isinstance(region, str) or not region:
        errs.append(f"sectors.eco.region: a region code expected (e.g. 'KR'), got {region!r}")
        region = "KR"
    raw_meters = section.get("meters", [])
    meters: list[Meter] = []
    if not isinstance(raw_meters, list) or not raw_meters:
        errs.append("sectors.eco.meters: at least one [[sectors.eco.meters]] table expected")
        raw_meters = []
    for i, r in enumerate(raw_meters):
        m = _meter(r, i, errs)
        if m is not None:
            if any(x.id == m.id for x in meters):
                errs.append(f"sectors.eco.meters[{i}].id: {m.id!r} used twice")
            meters.append(m)
    by_id = {m.id: m for m in meters}
    demand = None
    d = _table(section.get("demand"), S + "demand", errs)
    if d is not None:
        demand = _demand(d, by_id, errs)
    tou = None
    t = _table(section.get("tou"), S + "tou", errs)
    if t is not None:
        try:
            tou = TouTariff.from_mapping(t, S + "tou")
        except DemandConfigError as e:
            errs.append(str(e))
    products: list[Product] = []
    raw_products = section.get("products", [])
    if not isinstance(raw_products, list):
        errs.append("sectors.eco.products: a list of [[sectors.eco.products]] tables expected")
        raw_products = []
    for i, r in enumerate(raw_products):
        where = f"sectors.eco.products[{i}]."
        if not isinstance(r, dict):
            errs.append(f"sectors.eco.products[{i}]: a table expected")
            continue
        n = len(errs)
        errs += _unknown(r, PRODUCT_KEYS, where)
        pid = _text(r, "id", where, errs, required=True)
        unit = _text(r, "unit", where, errs, required=True)
        ch = _text(r, "channel", where, errs)
        if len(errs) == n and pid and unit:
            if any(p.id == pid for p in products):
                errs.append(f"{where}id: {pid!r} used twice")
            products.append(Product(pid, str(r.get("name", pid)), unit, ch))
    baseline = None
    b = _table(section.get("baseline"), S + "baseline", errs)
    if b is not None:
        baseline = _baseline(b, errs)
    try:
        table = FactorTable.load()
        f = _table(section.get("factors"), S + "factors", errs)
        if f:
            extra = FactorTable.from_mapping(f, S + "factors")
            table = table.with_factors(*extra.factors)
    except FactorError as e:
        errs.append(str(e))
        table = FactorTable(())
    if errs:
        return None, errs
    for m in meters:  # every scope-1 fuel and scope-2 region must have a factor
        try:
            if m.scope == 2:
                table.grid(9999, region)
            elif m.scope == 1:
                table.fuel(m.fuel or "", 9999)
        except FactorError as e:
            errs.append(f"sectors.eco.meters ({m.id}): {e}")
    if errs:
        return None, errs
    return Settings(region, tuple(meters), demand, tou, tuple(products), baseline, table), []


def channel_problems(s: Settings, known: set[str]) -> list[str]:
    """Channels the settings name that the site does not have."""
    out = []
    for m in s.meters:
        for role in ("counter", "power"):
            key = getattr(m, role)
            if key and key not in known:
                out.append(f"sectors.eco.meters ({m.id}).{role}: no channel {key!r} "
                           f"(channels: {', '.join(sorted(known))})")
    for p in s.products:
        if p.channel and p.channel not in known:
            out.append(f"sectors.eco.products ({p.id}).channel: no channel {p.channel!r}")
    return out
