"""What the farm reports print, computed from the record alone (readings, events, log rows).

Every figure is recomputed from what the record holds, with the same functions the live
rule uses, so the paper equals the record: day and night averages (day/night from the
zone's sunrise/sunset rule, `daynight`), DLI per day (`light.dli_of` over the recorded
PPFD, or solar × factor), GDD per day (`degree_days.gdd` over the recorded temperature's
extremes; a day with less than 20 h of readings has none), condensation-risk hours (the
recorded 0/1 risk flag, held sample by sample), and per band the time it applied, the
time out of it (its `farm.band_out` … `farm.band_in` incidents) and the incidents.
Only good readings count (bad quality and missing values are left out, as in charts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from deungdae.records.layout import BAD_QUALITY
from deungdae.records.store import Store
from deungdae.sectors.api import SiteContext, parse_site
from deungdae.sectors.api.discovery import shell_registry
from deungdae.sectors.api.incidents import derive
from deungdae.sectors.api.kinds import KindRegistry
from deungdae.sectors.farm.bands import OPEN_KIND
from deungdae.sectors.farm.daynight import DayNight
from deungdae.sectors.farm.degree_days import DayExtremes, gdd
from deungdae.sectors.farm.light import (
    DEFAULT_MAX_GAP_S,
    day_start_of,
    integrate,
    next_day_start,
)
from deungdae.sectors.farm.plugin import EVENT_KINDS
from deungdae.sectors.farm.rules import MIN_DAY_COVERAGE_S, STAGE_KIND
from deungdae.sectors.farm.zones import Band, FarmConfig, Zone, parse_farm

Samples = list[tuple[int, float]]


@dataclass(slots=True)
class DayFigures:
    day: str
    t_day: float | None = None
    t_night: float | None = None
    rh_day: float | None = None
    rh_night: float | None = None
    vpd_day: float | None = None
    vpd_night: float | None = None
    t_min: float | None = None
    t_max: float | None = None
    dli: float | None = None
    gdd: float | None = None
    gdd_total: float | None = None  # accumulated over the report's days so far
    condensation_h: float | None = None
    n_readings: int = 0


@dataclass(slots=True)
class BandFigures:
    band: Band
    applied_s: float = 0.0
    out_s: float = 0.0
    incidents: int = 0

    @property
    def in_s(self) -> float:
        return max(0.0, self.applied_s - self.out_s)


@dataclass(slots=True)
class IncidentRow:
    id: int
    band: str
    side: str
    start: int
    end: int | None
    limit: float | None
    worst: float | None
    why: str = ""
    cause: str = ""
    action: str = ""
    by: str = ""


@dataclass(slots=True)
class ZoneReport:
    zone: Zone
    days: list[DayFigures]
    bands: list[BandFigures]
    incidents: list[IncidentRow] = field(default_factory=list)

    @property
    def gdd_total(self) -> float:
        return sum(d.gdd for d in self.days if d.gdd is not None)


def farm_config(raw: dict) -> tuple[FarmConfig, SiteContext]:
    """The farm config and site context of a site config (raises ValueError if bad)."""
    site = raw.get("site", {}) if isinstance(raw.get("site"), dict) else {}
    ctx, errs = parse_site(site, str(site.get("timezone", "Asia/Seoul")))
    cfg, ferrs = parse_farm(raw.get("sectors", {}).get("farm", {}))
    if errs or ferrs:
        raise ValueError("; ".join(errs + ferrs))
    return cfg, ctx


def _good(store: Store, key: str, t0: int, t1: int) -> Samples:
    try:
        cid = store.channel_id(key)
    except KeyError:
        return []
    return [(ts, v) for ts, v, q in store.readings(cid, t0, t1)
            if v is not None and not q & BAD_QUALITY]


def day_bounds(t0: int, t1: int, cfg: FarmConfig, site: SiteContext) -> list[tuple[str, int, int]]:
    """(local date, start, end) of each farm day (from `day_start`) overlapping [t0, t1)."""
    out = []
    d0 = day_start_of(t0, site.tz, cfg.day_start)
    while d0 < t1:
        d1 = next_day_start(d0, site.tz, cfg.day_start)
        out.append((datetime.fromtimestamp(d0 / 1000, site.tz).date().isoformat(), d0, d1))
        d0 = d1
    return out


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _split(samples: Samples, dn: DayNight) -> tuple[list[float], list[float]]:
    day, night = [], []
    for ts, v in samples:
        (day if dn.is_day(ts) else night).append(v)
    return day, night


def _stage_timeline(store: Store, zone: Zone, t1: int) -> list[tuple[int, str]]:
    """(from ts, stage) of the zone: its configured stage, then each recorded change."""
    out = [(-2**62, zone.stage)]
    for e in store.events(None, t1, kinds=(STAGE_KIND,)):
        if isinstance(e.data, dict) and e.data.get("zone") == zone.id:
            out.append((e.ts, str(e.data.get("stage", ""))))
    return out


def _stage_at(timeline: list[tuple[int, str]], ts: int) -> str:
    stage = timeline[0][1]
    for t, s in timeline:
        if t > ts:
            break
        stage = s
    return stage


def _registry() -> KindRegistry:
    reg = shell_registry()
    reg.add("farm", EVENT_KINDS)
    return reg


def incidents_of(store: Store, zone: Zone, t0: int, t1: int) -> list[IncidentRow]:
    """Band incidents of the zone overlapping [t0, t1), through the platform's one
    lifecycle (`sectors.api.incidents.derive`): its close and its latest corrective
    action, whether recorded as the farm's step or the shell's."""
    reg = _registry()
    evs = store.events(None, t1, kinds=reg.incident_kinds())
    rows = []
    for inc in derive(evs, reg):
        d = inc.opened.data if isinstance(inc.opened.data, dict) else {}
        if inc.kind.kind != OPEN_KIND or d.get("zone") != zone.id:
            continue
        end = inc.ended
        ed = end.data if end is not None and isinstance(end.data, dict) else {}
        row = IncidentRow(inc.opened.id, str(d.get("band")), str(d.get("side")),
                          inc.opened.ts, None if end is None else end.ts, d.get("limit"),
                          ed.get("worst", d.get("value")), str(ed.get("why", "")))
        if inc.actions:
            a = inc.actions[-1]
            ad = a.data if isinstance(a.data, dict) else {}
            row.cause, row.action, row.by = (str(ad.get("cause", "")),
                                             str(ad.get("action", "")), a.user)
        if row.start < t1 and (row.end is None or row.end > t0):
            rows.append(row)
    return rows


def zone_report(store: Store, zone: Zone, cfg: FarmConfig, site: SiteContext, t0: int,
                t1: int) -> ZoneReport:
    dn = DayNight(zone, site)
    pad = int(max(DEFAULT_MAX_GAP_S, zone.max_age_s) * 1000)
    temp = _good(store, zone.inputs["temperature"], t0 - pad, t1)
    rh = _good(store, zone.inputs["humidity"], t0, t1) if "humidity" in zone.inputs else []
    vpd = _good(store, zone.key("vpd"), t0, t1) if zone.has_climate else []
    risk = _good(store, zone.key("condensation_risk"), t0 - pad, t1) if zone.has_climate else []
    light: Samples = []
    if zone.light:
        light = _good(store, zone.inputs[zone.light], t0 - pad, t1)
        if zone.light == "solar":
            light = [(ts, max(0.0, v) * zone.solar_factor) for ts, v in light]
    days: list[DayFigures] = []
    total = 0.0
    for day, a, b in day_bounds(t0, t1, cfg, site):
        a, b = max(a, t0), min(b, t1)
        f = DayFigures(day)
        tt = [(ts, v) for ts, v in temp if a <= ts < b]
        f.n_readings = len(tt)
        f.t_day, f.t_night = (_mean(x) for x in _split(tt, dn))
        f.rh_day, f.rh_night = (_mean(x) for x in _split([s for s in rh if a <= s[0] < b], dn))
        f.vpd_day, f.vpd_night = (_mean(x) for x in _split([s for s in vpd if a <= s[0] < b],
                                                           dn))
        ext = DayExtremes()
        for ts, v in tt:
            ext.add(ts, v)
        f.t_min, f.t_max = ext.t_min, ext.t_max
        if ext.t_max is not None and ext.t_min is not None and \
                ext.covered_s() >= MIN_DAY_COVERAGE_S:
            f.gdd = gdd(ext.t_max, ext.t_min, zone.base_temp)
            total += f.gdd
        f.gdd_total = total if tt else None
        # a day with no light (or risk) reading in it has no figure, not a zero
        if zone.light and any(a <= ts < b for ts, _ in light):
            f.dli = integrate(light, a, b) / 1e9
        if zone.has_climate and any(a <= ts < b for ts, _ in risk):
            f.condensation_h = integrate(risk, a, b, zone.max_age_s) / 3.6e6
        days.append(f)
    timeline = _stage_timeline(store, zone, t1)
    incidents = incidents_of(store, zone, t0, t1)
    bands = []
    for band in zone.bands:
        key = zone.channel_of(band.input)
        samples = temp if key == zone.inputs.get("temperature") else _good(
            store, key or "", t0 - pad, t1)
        bf = BandFigures(band)
        prev = None
        for ts, _v in samples:
            if prev is not None and 0 < ts - prev <= zone.max_age_s * 1000 and \
                    band.applies(_stage_at(timeline, prev), dn.is_day(prev)):
                lo, hi = max(prev, t0), min(ts, t1)
                if hi > lo:
                    bf.applied_s += (hi - lo) / 1000
            prev = ts
        for inc in incidents:
            if inc.band == band.id:
                bf.incidents += 1
                end = t1 if inc.end is None else min(inc.end, t1)
                bf.out_s += max(0, end - max(inc.start, t0)) / 1000
        bands.append(bf)
    return ZoneReport(zone, days, bands, incidents)


def local_dates(t0: int, t1: int, site: SiteContext) -> tuple[date, date]:
    a = datetime.fromtimestamp(t0 / 1000, site.tz).date()
    b = datetime.fromtimestamp((t1 - 1) / 1000, site.tz).date()
    return a, b


def stamp(ts: int, site: SiteContext, seconds: bool = False) -> str:
    return datetime.fromtimestamp(ts / 1000, site.tz).strftime(
        "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def hours(s: float) -> float:
    return s / 3600


ONE_DAY = timedelta(days=1)
