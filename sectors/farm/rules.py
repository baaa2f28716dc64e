"""The farm rule: each zone's derived channels and its bands, from the readings alone.

Per zone (zones.Zone), from its air temperature and RH: VPD, dew point, absolute
humidity, the condensation-risk flag (surface — leaf if measured, else air — within
`condensation_margin` °C of the dew point) and the risk hours of the local day so far;
from PPFD (or solar radiation × factor): the DLI of the local day so far and of the last
24 h; from the temperature: the day's growing degree days, recorded at the first reading
after the day ends (only for a day the rule watched for at least 20 h; a day begun
before the engine started is not a day's GDD). Formulas: `psychrometrics`, `light`,
`degree_days`.

One value per zone per instant: readings at the same time (temperature and RH from one
poll) give one VPD. A value from a stale or bad input is still emitted; the engine's
InputGuard stores it as missing (sectors.api.derived), so the rule never decides alone
what "fresh" means for the record. For its own counters (risk hours) the rule applies
the same test: both inputs good and at most `max_age` old.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent
from deungdae.sectors.api import DerivedChannel, RuleOutput, SiteContext
from deungdae.sectors.api.derived import BAD_QUALITY
from deungdae.sectors.api.resume import Resume, data_of, feed_again, number, whole
from deungdae.sectors.farm import psychrometrics as psy
from deungdae.sectors.farm.bands import CLOSE_KIND, OPEN_KIND, BandWatch
from deungdae.sectors.farm.daynight import DayNight
from deungdae.sectors.farm.degree_days import DayExtremes, gdd
from deungdae.sectors.farm.light import (
    DailyIntegral,
    RollingDLI,
    day_start_of,
    next_day_start,
    ppfd_from_solar,
)
from deungdae.sectors.farm.zones import FarmConfig, Zone

STAGE_KIND = "farm.stage_changed"
REPLAY_MS = 86_400_000  # a restart rebuilds the rolling DLI from the last 24 h of light
MIN_DAY_COVERAGE_S = 20 * 3600

# what each zone derives: (what, English, Korean, unit, decimals, input roles)
CLIMATE = (
    ("vpd", "VPD", "수증기압차 (VPD)", "kPa", 2, ("temperature", "humidity")),
    ("dew_point", "Dew point", "이슬점", "°C", 1, ("temperature", "humidity")),
    ("abs_humidity", "Absolute humidity", "절대습도", "g/m³", 1, ("temperature", "humidity")),
    ("condensation_risk", "Condensation risk", "결로 위험", "", 0,
     ("temperature", "humidity")),
    ("condensation_h", "Condensation-risk hours today", "오늘 결로 위험 시간", "h", 2,
     ("temperature", "humidity")),
)
LIGHT = (
    ("dli", "DLI today", "오늘 적산광량 (DLI)", "mol/m²/d", 2, ()),
    ("dli_24h", "DLI last 24 h", "최근 24시간 적산광량", "mol/m²", 2, ()),
)
HEAT = (("gdd", "Growing degree days (day)", "생육도일 (일)", "°C·d", 1, ("temperature",)),)


def derived_for(zone: Zone) -> list[DerivedChannel]:
    """The derived channels of one zone (what it has inputs for)."""
    out = []
    specs = list(HEAT)
    if zone.has_climate:
        specs += CLIMATE
    if zone.light:
        specs += [(w, en, ko, u, d, (zone.light,)) for w, en, ko, u, d, _ in LIGHT]
    for what, en, ko, unit, dec, roles in specs:
        extra = ("leaf_temperature",) if what.startswith("condensation") and \
            "leaf_temperature" in zone.inputs else ()
        inputs = tuple(zone.inputs[r] for r in (*roles, *extra))
        out.append(DerivedChannel(zone.key(what), f"{zone.name}: {en}", f"{zone.name}: {ko}",
                                  unit, dec, inputs, max_age_s=zone.max_age_s))
    return out


def derived_all(cfg: FarmConfig) -> list[DerivedChannel]:
    return [d for z in cfg.zones for d in derived_for(z)]


class _ZoneState:
    __slots__ = ("zone", "tz", "day_start", "max_age", "t", "rh", "leaf", "pending",
                 "dli", "rolling", "risk", "ext", "day0", "day1", "stage", "daynight",
                 "watches", "keys")

    def __init__(self, zone: Zone, cfg: FarmConfig, site: SiteContext) -> None:
        self.zone, self.tz, self.day_start = zone, site.tz, cfg.day_start
        self.max_age = zone.max_age_s * 1000
        self.t: tuple[int, float] | None = None
        self.rh: tuple[int, float] | None = None
        self.leaf: tuple[int, float] | None = None
        self.pending: int | None = None
        self.dli = DailyIntegral(self.tz, cfg.day_start)
        self.rolling = RollingDLI()
        self.risk = DailyIntegral(self.tz, cfg.day_start, max_gap_s=zone.max_age_s)
        self.ext = DayExtremes()
        self.day0: int | None = None
        self.day1 = 0
        self.stage = zone.stage
        self.daynight = DayNight(zone, site)
        self.watches: list[BandWatch] = []
        self.keys = {w: zone.key(w) for w in ("vpd", "dew_point", "abs_humidity",
                                              "condensation_risk", "condensation_h", "dli",
                                              "dli_24h", "gdd")}

    def fresh(self, x: tuple[int, float] | None, ts: int) -> bool:
        return x is not None and abs(ts - x[0]) <= self.max_age

    def take(self, role: str, r: Reading, out: list[Reading]) -> None:
        v = r.value
        if v is None or r.quality & BAD_QUALITY:
            return
        ts = r.ts
        if role in ("temperature", "humidity", "leaf_temperature"):
            if self.pending is not None and self.pending != ts:
                self.flush(out)
            self.pending = ts
            if role == "temperature":
                self.t = (ts, v)
                self._heat(ts, v, out)
            elif role == "humidity":
                self.rh = (ts, v)
            else:
                self.leaf = (ts, v)
        elif role in ("ppfd", "solar"):
            ppfd = v if role == "ppfd" else ppfd_from_solar(v, self.zone.solar_factor)
            today, _ = self.dli.add(ts, ppfd)
            out.append(Reading(self.keys["dli"], ts, today / 1e9))
            out.append(Reading(self.keys["dli_24h"], ts, self.rolling.add(ts, ppfd)))

    def _heat(self, ts: int, t: float, out: list[Reading]) -> None:
        if self.day0 is None:
            self.day0 = day_start_of(ts, self.tz, self.day_start)
            self.day1 = next_day_start(self.day0, self.tz, self.day_start)
        if ts >= self.day1:
            ext = self.ext
            if ext.t_max is not None and ext.t_min is not None and \
                    ext.covered_s() >= MIN_DAY_COVERAGE_S:
                out.append(Reading(self.keys["gdd"], ts,
                                   gdd(ext.t_max, ext.t_min, self.zone.base_temp)))
            self.ext = DayExtremes()
            self.day0 = day_start_of(ts, self.tz, self.day_start)
            self.day1 = next_day_start(self.day0, self.tz, self.day_start)
        self.ext.add(ts, t)

    def flush(self, out: list[Reading]) -> None:
        ts, self.pending = self.pending, None
        if ts is None or self.t is None or self.rh is None:
            return
        t, rh = self.t[1], self.rh[1]
        k = self.keys
        dp = psy.dew_point(t, rh)
        out.append(Reading(k["vpd"], ts, psy.vpd(t, rh)))
        out.append(Reading(k["dew_point"], ts, dp))
        out.append(Reading(k["abs_humidity"], ts, psy.absolute_humidity(t, rh)))
        has_leaf = "leaf_temperature" in self.zone.inputs
        surface = self.leaf if has_leaf else self.t
        if surface is None:
            return
        risk = 1.0 if surface[1] - dp <= self.zone.condensation_margin else 0.0
        out.append(Reading(k["condensation_risk"], ts, risk))
        if self.fresh(self.t, ts) and self.fresh(self.rh, ts) and self.fresh(surface, ts):
            total, _ = self.risk.add(ts, risk)
            out.append(Reading(k["condensation_h"], ts, total / 3.6e6))


class FarmRules:
    """The one rule of the farm sector: every zone's derived values and bands."""

    def __init__(self, cfg: FarmConfig, site: SiteContext, units: dict[str, str]) -> None:
        self.cfg = cfg
        self.zones = {z.id: _ZoneState(z, cfg, site) for z in cfg.zones}
        self.inputs: dict[str, list[tuple[_ZoneState, str]]] = {}
        self.watch: dict[str, list[tuple[_ZoneState, BandWatch]]] = {}
        for zs in self.zones.values():
            for role, key in zs.zone.inputs.items():
                self.inputs.setdefault(key, []).append((zs, role))
            for band in zs.zone.bands:
                ch = zs.zone.channel_of(band.input)
                if ch is None:
                    raise ValueError(f"zone '{zs.zone.id}': band on '{band.input}' but the "
                                     "zone has no such input")
                w = BandWatch(band, ch, units.get(ch, ""))
                zs.watches.append(w)
                self.watch.setdefault(ch, []).append((zs, w))
        self.reads = frozenset(self.inputs) | frozenset(self.watch)

    resumes = frozenset({OPEN_KIND, CLOSE_KIND, STAGE_KIND})

    def start(self, now_ms: int) -> None:
        pass

    def resume(self, resume: Resume) -> list[NewEvent]:
        """At a restart, carry on from the record (`sectors.api.resume`): each zone's crop
        stage as the crop log left it (what the window shows), the day's running values
        (DLI today and over 24 h, risk hours, the day's temperatures for its GDD) rebuilt
        from the last day of input readings, and the band incidents the record holds open.
        """
        for ev in resume.events:
            if ev.kind == STAGE_KIND:
                zs = self.zones.get(str(data_of(ev).get("zone", "")))
                if zs is not None and isinstance(data_of(ev).get("stage"), str):
                    zs.stage = data_of(ev)["stage"]
        self._replay(resume)
        for ws in self.watch.values():  # as the record holds them, not as the replay saw
            for _zs, w in ws:
                w.active, w.since, w.worst, w.opened = False, None, None, None
        open_ = resume.still_open(OPEN_KIND, CLOSE_KIND, _band_of)
        out: list[NewEvent] = []
        by_band = {(w.channel, w.band.id): w for ws in self.watch.values() for _zs, w in ws}
        for (channel, band), ev in sorted(open_.items(), key=lambda kv: kv[1].ts):
            data, w = data_of(ev), by_band.get((channel, band))
            if w is None or data.get("side") not in ("low", "high"):
                out.append(NewEvent(  # a band taken out of the file while stopped
                    ts=resume.now_ms, kind=CLOSE_KIND, severity="info", channel=channel,
                    message=f"band {band}: removed while the logger was stopped",
                    data={"band": band, "side": data.get("side"), "zone": data.get("zone"),
                          "input": data.get("input"), "when": data.get("when"),
                          "limit": data.get("limit"), "worst": None, "value": None,
                          "why": "removed", "opened_at": whole(ev.ts)}))
                continue
            w.active, w.side, w.opened = True, data["side"], whole(ev.ts)
            w.worst = resume.worst(channel, whole(ev.ts) or resume.now_ms,
                                   w.side == "high", number(data.get("value")))
        return out

    def _replay(self, resume: Resume) -> None:
        """The zones' inputs fed again as they came, outputs dropped (they are in the
        record), so the running values are where they were: light for the last 24 h (the
        rolling DLI), the rest since the local day began (risk hours, the day's GDD)."""
        now = resume.now_ms
        day = day_start_of(now, next(iter(self.zones.values())).tz, self.cfg.day_start) \
            if self.zones else now
        series = []
        for ch, uses in self.inputs.items():
            light = any(role in ("ppfd", "solar") for _zs, role in uses)
            since = now - REPLAY_MS if light else day
            series += [(ts, ch, v) for ts, v in resume.readings(ch, since)]
        feed_again(sorted(series), self.feed)

    def feed(self, readings: Sequence[Reading]) -> RuleOutput:
        out = RuleOutput()
        made = out.readings
        touched: set[_ZoneState] = set()
        inputs, watch = self.inputs, self.watch
        for r in readings:
            hit = inputs.get(r.channel)
            if hit is not None:
                for zs, role in hit:
                    zs.take(role, r, made)
                    if zs.pending is not None:
                        touched.add(zs)
            ws = watch.get(r.channel)
            if ws is not None and r.value is not None and not r.quality & BAD_QUALITY:
                for zs, w in ws:
                    ev = self._band(zs, w, r.ts, r.value)
                    if ev is not None:
                        out.events.append(ev)
        for zs in touched:
            zs.flush(made)
        return out

    @staticmethod
    def _band(zs: _ZoneState, w: BandWatch, ts: int, v: float) -> NewEvent | None:
        if w.band.applies(zs.stage, zs.daynight.is_day(ts)):
            return w.feed(ts, v)
        return w.stop(ts, "period")

    def tick(self, now_ms: int) -> list[NewEvent]:
        out = []
        for zs in self.zones.values():
            for w in zs.watches:
                if w.active and not w.band.applies(zs.stage, zs.daynight.is_day(now_ms)):
                    ev = w.stop(now_ms, "period")
                    if ev is not None:
                        out.append(ev)
        return out

    def on_entry(self, event: NewEvent) -> list[NewEvent]:
        """A stage change from the crop log switches the zone's bands."""
        if event.kind != STAGE_KIND:
            return []
        zs = self.zones.get(str(event.data.get("zone", "")))
        if zs is None:
            return []
        zs.stage = str(event.data.get("stage", zs.stage))
        out = []
        for w in zs.watches:
            if w.active and not w.band.applies(zs.stage, zs.daynight.is_day(event.ts)):
                ev = w.stop(event.ts, "stage")
                if ev is not None:
                    out.append(ev)
        return out


def _band_of(ev) -> tuple[str, str] | None:
    band = data_of(ev).get("band")
    return (ev.channel, band) if isinstance(band, str) and ev.channel else None


def local_day(ts: int, site: SiteContext) -> str:
    return datetime.fromtimestamp(ts / 1000, site.tz).date().isoformat()
