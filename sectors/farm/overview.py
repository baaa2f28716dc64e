"""What a zone's overview page shows, Qt-free: day or night, sun times, live and derived
values with the formula each uses, the bands that apply now, open band incidents and
the PHI blocks on harvest. The farm pages (views, built on desktop/ui/kit) render this;
the CLI or a test can print it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from deungdae.records.layout import BAD_QUALITY
from deungdae.records.store import Store
from deungdae.sectors.api import SiteContext
from deungdae.sectors.farm import crop_log
from deungdae.sectors.farm.daynight import DayNight
from deungdae.sectors.farm.degree_days import FORMULA_GDD
from deungdae.sectors.farm.light import FORMULA_DLI, FORMULA_SOLAR
from deungdae.sectors.farm.psychrometrics import (
    FORMULA_ABS_HUMIDITY,
    FORMULA_DEW_POINT,
    FORMULA_VPD,
)
from deungdae.sectors.farm.report_data import incidents_of
from deungdae.sectors.farm.rules import STAGE_KIND
from deungdae.sectors.farm.zones import Band, Zone

FORMULAS = {"vpd": FORMULA_VPD, "dew_point": FORMULA_DEW_POINT,
            "abs_humidity": FORMULA_ABS_HUMIDITY, "dli": FORMULA_DLI, "dli_24h": FORMULA_DLI,
            "gdd": FORMULA_GDD}


@dataclass(frozen=True, slots=True)
class Value:
    key: str
    ts: int | None
    value: float | None  # None: no reading yet, or the latest one is missing/bad
    formula: str = ""


@dataclass(slots=True)
class ZoneOverview:
    zone: Zone
    at: int
    is_day: bool
    sunrise: int | None
    sunset: int | None
    stage: str
    inputs: dict[str, Value] = field(default_factory=dict)  # role -> value
    derived: dict[str, Value] = field(default_factory=dict)  # what -> value
    bands_now: list[Band] = field(default_factory=list)
    open_incidents: list = field(default_factory=list)  # report_data.IncidentRow
    harvest_blocked: list[tuple[str, str]] = field(default_factory=list)  # product, until


def _latest(store: Store, key: str, formula: str = "") -> Value:
    try:
        row = store.latest(store.channel_id(key))
    except KeyError:
        return Value(key, None, None, formula)
    if row is None:
        return Value(key, None, None, formula)
    ts, v, q = row
    return Value(key, ts, None if v is None or q & BAD_QUALITY else v, formula)


def current_stage(store: Store, zone: Zone) -> str:
    stage = zone.stage
    for e in store.events(kinds=(STAGE_KIND,)):
        if isinstance(e.data, dict) and e.data.get("zone") == zone.id:
            stage = str(e.data.get("stage", stage))
    return stage


def zone_overview(store: Store, zone: Zone, site: SiteContext, at: int,
                  cycle: str | None = None) -> ZoneOverview:
    dn = DayNight(zone, site)
    day = datetime.fromtimestamp(at / 1000, site.tz).date()
    rise = sett = None
    if site.latitude is not None and site.longitude is not None:
        from deungdae.sectors.farm.sun import sun_times

        s = sun_times(day, site.latitude, site.longitude)
        rise = None if s.sunrise is None else int(s.sunrise.timestamp() * 1000)
        sett = None if s.sunset is None else int(s.sunset.timestamp() * 1000)
    stage = current_stage(store, zone)
    is_day = dn.is_day(at)
    ov = ZoneOverview(zone, at, is_day, rise, sett, stage)
    for role, key in zone.inputs.items():
        ov.inputs[role] = _latest(store, key)
    for what in ("vpd", "dew_point", "abs_humidity", "condensation_risk", "condensation_h",
                 "dli", "dli_24h", "gdd"):
        formula = FORMULAS.get(what, "")
        if what.startswith("dli") and zone.light == "solar":
            formula += "; " + FORMULA_SOLAR
        ov.derived[what] = _latest(store, zone.key(what), formula)
    ov.bands_now = [b for b in zone.bands if b.applies(stage, is_day)]
    ov.open_incidents = [i for i in incidents_of(store, zone, 0, at + 1) if i.end is None]
    if cycle is not None:
        ov.harvest_blocked = crop_log.harvest_blocked_by(store, zone.id, cycle, at, site.tz)
    return ov
