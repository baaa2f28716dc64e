"""The figures of the eco reports, read from the record and nothing else.

Every quantity is a sum of a derived channel the rule recorded (`eco.<meter>.energy`,
`.energy_est`, `.tco2eq`, `eco.demand_kw`), read exactly for the local period by
`records.period_stats` (rollup buckets wholly inside the period, raw rows at its edges),
so a month of 30 meters at 1 Hz is a few hundred rollup rows, and an inspector's
`SELECT sum(v)` over the same rows gives the same number. An interval belongs to the
period its closing reading falls in.

The factors a report names are the ones the record says were applied (`eco.factors`
events, each with a copy of the factor rows) and those a fuel delivery row names; the
current factor table is never consulted for a past period, so adding a factor cannot
change a report already made. Market-based scope 2 is computed with the recorded grid
factors and the plant's contract rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from deungdae.records.layout import BAD_QUALITY
from deungdae.records.period_stats import ChannelStats, period_stats
from deungdae.records.store import Store
from deungdae.sectors.eco import records as rec
from deungdae.sectors.eco.config import Meter, Settings, parse
from deungdae.sectors.eco.demand import billing_demand
from deungdae.sectors.eco.ghg import Contract, Factor, FactorTable, scope2
from deungdae.sectors.eco.rules import (
    BILLING_PEAK,
    COUNTER_GAP,
    DEMAND_KW,
    FACTORS,
    METER_RESET,
    OVER_TARGET,
    energy_key,
    estimated_key,
    tco2_key,
)

DAY_MS = 86_400_000


@dataclass(frozen=True)
class Plant:
    name: str
    tz: ZoneInfo
    settings: Settings


def plant(raw: dict) -> Plant:
    s, errs = parse(raw.get("sectors", {}).get("eco", {}))
    if errs or s is None:
        raise ValueError("; ".join(errs))
    site = raw.get("site", {})
    return Plant(str(site.get("name", "")), ZoneInfo(site.get("timezone", "Asia/Seoul")), s)


def _ms(d: dt.date, tz: ZoneInfo) -> int:
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=tz).timestamp() * 1000)


@dataclass(frozen=True, slots=True)
class MeterFigures:
    meter: Meter
    quantity: float  # everything the record holds for the period
    estimated: float  # of which estimated from power
    missing: int  # intervals with no value (neither register nor power covered them)
    tco2eq: float | None
    gaps: int
    resets: int


@dataclass(frozen=True, slots=True)
class DemandFigures:
    target_kw: float
    peak_kw: float | None
    peak_window_ms: int | None
    windows: int
    warnings: int
    billing_kw: float
    billing_set_in: str | None
    new_peaks: int


@dataclass(frozen=True, slots=True)
class FactorUse:
    factor: Factor
    years: tuple[int, ...]
    fallback: bool


@dataclass
class Figures:
    """One period's figures (a month, or a year for the annual summary)."""

    t0: int
    t1: int
    meters: list[MeterFigures]
    daily: list[tuple[dt.date, dict[str, float]]]  # by meter id (daily reports only)
    demand: DemandFigures | None
    scope1_meters: float
    scope1_fuel: float
    scope2_location: float
    scope2_market: float | None
    factors: list[FactorUse]
    fuel_rows: list[dict]
    waste: dict[tuple[str, str], float]  # (type, route) -> kg
    produced: dict[str, float]  # product id -> quantity
    tou: dict[str, tuple[float, float]] = field(default_factory=dict)

    def kind_total(self, kind: str, unit: str | None = None) -> float:
        return sum(m.quantity for m in self.meters if m.meter.kind == kind
                   and (unit is None or m.meter.unit == unit))

    @property
    def kwh(self) -> float:
        return self.kind_total("electricity")

    @property
    def water_m3(self) -> float:
        return self.kind_total("water")

    @property
    def scope1(self) -> float:
        return self.scope1_meters + self.scope1_fuel

    @property
    def tco2eq(self) -> float:
        return self.scope1 + self.scope2_location

    @property
    def waste_kg(self) -> float:
        return sum(self.waste.values())

    @property
    def units_produced(self) -> float:
        return sum(self.produced.values())


def _ids(store: Store, keys: list[str]) -> dict[str, int]:
    out = {}
    for k in keys:
        try:
            out[k] = store.channel_id(k)
        except KeyError:
            continue  # never recorded (an empty record, a meter added later)
    return out


def _stats(store: Store, ids: dict[str, int], t0: int, t1: int) -> dict[str, ChannelStats]:
    # good values only: counting bad rows would scan every row of the month; the rule
    # records an event for every interval it could not value, and those are counted
    got = period_stats(store, list(ids.values()), t0, t1, bad_rows=False) if ids else {}
    return {k: got.get(cid, ChannelStats()) for k, cid in ids.items()}


def _count(events: list, kind: str, meter: str | None = None) -> int:
    return sum(1 for e in events if e.kind == kind
               and (meter is None or e.data.get("meter") == meter))


def _missing(events: list, meter: str) -> int:
    """Intervals neither the register nor power could value (each recorded as an event)."""
    return len({(e.data.get("start_ms"), e.data.get("end_ms")) for e in events
                if e.kind in (COUNTER_GAP, METER_RESET) and e.data.get("meter") == meter
                and e.data.get("provenance") == "missing"})  # a gap may also be a reset


def recorded_factors(store: Store, tz: ZoneInfo, t0: int, t1: int) -> list[FactorUse]:
    """The factors the record says were applied to readings of the years [t0, t1) touches
    (an event is recorded once per year and run, possibly before the period)."""
    years = set(range(dt.datetime.fromtimestamp(t0 / 1000, tz).year,
                      dt.datetime.fromtimestamp((t1 - 1) / 1000, tz).year + 1))
    uses: dict[str, tuple[Factor, set[int], bool]] = {}
    for e in store.events(None, t1, kinds=(FACTORS,), limit=1_000_000):
        year = int(e.data.get("year", 0))
        if year not in years:
            continue
        for fj in e.data.get("factors", []):
            f = Factor(str(fj["id"]), str(fj["kind"]), float(fj["value"]), str(fj["unit"]),
                       str(fj["source"]), dt.date.fromisoformat(fj["published"]),
                       fj.get("year"), fj.get("region", e.data.get("region")),
                       fj.get("fuel"), fj.get("gas"))
            have = uses.get(f.id)
            years = have[1] if have else set()
            years.add(year)
            uses[f.id] = (f, years, bool(e.data.get("fallback")) or (have[2] if have else False))
    return [FactorUse(f, tuple(sorted(y)), fb) for f, y, fb in
            sorted(uses.values(), key=lambda x: (x[0].kind, x[0].id))]


def figures(store: Store, p: Plant, t0: int, t1: int, *, daily: bool = True) -> Figures:
    s, tz = p.settings, p.tz
    keys = []
    for m in s.meters:
        keys += [energy_key(m.id), estimated_key(m.id)] + ([tco2_key(m.id)] if m.scope else [])
    prod_keys = [x.channel for x in s.products if x.channel]
    ids = _ids(store, keys + prod_keys)
    st = _stats(store, ids, t0, t1)
    events = store.events(t0, t1, kinds=(COUNTER_GAP, METER_RESET, OVER_TARGET, BILLING_PEAK),
                          limit=1_000_000)
    meters = []
    s1 = s2 = 0.0
    for m in s.meters:
        e = st.get(energy_key(m.id), ChannelStats())
        est = st.get(estimated_key(m.id), ChannelStats())
        t = st.get(tco2_key(m.id)) if m.scope else None
        tco2 = (t.vsum if t else 0.0) if m.scope else None
        if m.scope == 1:
            s1 += tco2 or 0.0
        elif m.scope == 2:
            s2 += tco2 or 0.0
        meters.append(MeterFigures(m, e.vsum, est.vsum, _missing(events, m.id), tco2,
                                   _count(events, COUNTER_GAP, m.id),
                                   _count(events, METER_RESET, m.id)))
    days: list[tuple[dt.date, dict[str, float]]] = []
    if daily:
        d = dt.datetime.fromtimestamp(t0 / 1000, tz).date()
        e_ids = {m.id: ids[energy_key(m.id)] for m in s.meters if energy_key(m.id) in ids}
        while _ms(d, tz) < t1:
            a, b = max(_ms(d, tz), t0), min(_ms(d + dt.timedelta(days=1), tz), t1)
            got = (period_stats(store, list(e_ids.values()), a, b, bad_rows=False)
                   if e_ids else {})
            days.append((d, {mid: got[cid].vsum for mid, cid in e_ids.items()}))
            d += dt.timedelta(days=1)
    d0 = dt.datetime.fromtimestamp(t0 / 1000, tz).date()
    d1 = dt.datetime.fromtimestamp((t1 - 1) / 1000, tz).date() + dt.timedelta(days=1)
    fuel_rows = rec.by_day(store, rec.FUEL, d0, d1)
    waste: dict[tuple[str, str], float] = {}
    for w in rec.by_day(store, rec.WASTE, d0, d1):
        waste[(w["waste_type"], w["route"])] = waste.get((w["waste_type"], w["route"]), 0.0) \
            + w["kg"]
    produced = {x.id: 0.0 for x in s.products}
    for x in s.products:
        if x.channel and x.channel in st:
            produced[x.id] += st[x.channel].vsum
    for row in rec.by_day(store, rec.PRODUCTION, d0, d1):
        produced[row["product"]] = produced.get(row["product"], 0.0) + row["quantity"]
    factors = recorded_factors(store, tz, t0, t1)
    market = _market(store, p, factors, t0, t1,
                     sum(x.quantity for x in meters if x.meter.kind == "electricity"))
    demand, tou = _demand(store, p, t0, t1, events)
    return Figures(t0, t1, meters, days, demand, s1, sum(r["tco2eq"] for r in fuel_rows), s2,
                   market, factors, fuel_rows, waste, produced, tou)


def _market(store: Store, p: Plant, factors: list[FactorUse], t0: int, t1: int,
            kwh: float) -> float | None:
    """Market-based scope 2 with the recorded grid factors; None without contracts."""
    tz = p.tz
    cs = []
    for c in rec.rows(store, rec.CONTRACT):
        a = _ms(dt.date.fromisoformat(c["start_day"]), tz)
        b = _ms(dt.date.fromisoformat(c["end_day"]), tz)
        lo, hi = max(a, t0), min(b, t1)
        if hi > lo:  # the share of the contract's kWh that falls in the period
            cs.append(Contract(c["contract"], lo, hi, c["kwh"] * (hi - lo) / (b - a),
                               c["factor_t_per_mwh"], c["source"]))
    grid = [u.factor for u in factors if u.factor.kind == "grid"]
    if not cs or not grid:
        return None
    table = FactorTable(tuple({f.id: f for f in grid}.values()))
    return scope2([(t0, t1, kwh)], table, tz, p.settings.region, cs).market_tco2eq


def _demand(store: Store, p: Plant, t0: int, t1: int, events: list
            ) -> tuple[DemandFigures | None, dict[str, tuple[float, float]]]:
    d = p.settings.demand
    if d is None:
        return None, {}
    try:
        cid = store.channel_id(DEMAND_KW)
    except KeyError:
        return DemandFigures(d.target_kw, None, None, 0, 0, 0.0, None, 0), {}
    rows = store.query("SELECT ts, v FROM reading WHERE ch = ? AND ts >= ? AND ts < ? "
                       "AND v IS NOT NULL AND (q & ?) = 0 ORDER BY ts", (cid, t0, t1, BAD_QUALITY))
    peak = max(rows, key=lambda r: (r[1], -r[0])) if rows else None
    # 요금적용전력 at the period's last month: bills before the record, then the record
    tz = p.tz
    last = dt.datetime.fromtimestamp((t1 - 1) / 1000, tz)
    peaks: dict[tuple[int, int], float] = dict(d.history_kw)
    lo = _ms(dt.date(last.year - 1, last.month, 1), tz)
    for ts, v in store.query("SELECT ts, v FROM reading WHERE ch = ? AND ts >= ? AND ts < ? "
                             "AND v IS NOT NULL AND (q & ?) = 0", (cid, lo, t1, BAD_QUALITY)):
        x = dt.datetime.fromtimestamp(ts / 1000, tz)
        ym = (x.year, x.month)
        if v > peaks.get(ym, float("-inf")):
            peaks[ym] = v
    bd = billing_demand(peaks, last.year, last.month, d.counted_months)
    tou = {}
    if p.settings.tou is not None:
        w = d.window_min * 60_000
        tou = p.settings.tou.cost([(ts, ts + w, v * w / 3_600_000) for ts, v in rows], tz, w)
    return DemandFigures(d.target_kw, peak[1] if peak else None, peak[0] if peak else None,
                         len(rows), _count(events, OVER_TARGET),
                         bd.kw, f"{bd.set_in[0]}-{bd.set_in[1]:02d}" if bd.set_in else None,
                         _count(events, BILLING_PEAK)), tou


def fuel_factor_ids(rows: list[dict]) -> list[str]:
    out: list[str] = []
    for r in rows:
        for fid in json.loads(r["factors"]):
            if fid not in out:
                out.append(fid)
    return out


# --- the annual summary ---------------------------------------------------------------

@dataclass
class Annual:
    year: int
    months: list[tuple[int, Figures]]
    total: Figures
    baseline: Figures | None
    baseline_figures: dict[str, float]  # kwh, tco2eq, water_m3, waste_kg, produced
    baseline_label: str


def annual(store: Store, p: Plant, t0: int, t1: int) -> Annual:
    tz = p.tz
    start = dt.datetime.fromtimestamp(t0 / 1000, tz).date()
    months = []
    d = start
    while _ms(d, tz) < t1:
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        months.append((d.month, figures(store, p, _ms(d, tz), min(_ms(nxt, tz), t1),
                                        daily=False)))
        d = nxt
    total = figures(store, p, t0, t1, daily=False)
    b = p.settings.baseline
    base = None
    base_figs: dict[str, float] = {}
    label = ""
    if b is not None:
        label = b.label
        if b.start and b.end:
            base = figures(store, p, _ms(b.start, tz), _ms(b.end, tz), daily=False)
            base_figs = {"kwh": base.kwh, "tco2eq": base.tco2eq, "water_m3": base.water_m3,
                         "waste_kg": base.waste_kg, "produced": base.units_produced}
        base_figs |= b.figures  # figures a plant knows from its bills take precedence
    return Annual(start.year, months, total, base, base_figs, label)


def intensity(value: float, produced: float) -> float | None:
    return value / produced if produced > 0 else None


def change(now: float | None, before: float | None) -> float | None:
    """Relative change (−0.1 = a 10 % reduction); None when there is no baseline."""
    if now is None or before is None or before == 0:
        return None
    return now / before - 1.0
