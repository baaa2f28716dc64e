"""The eco-factory rule: meters' energy per interval, the running demand window, GHG.

What it derives (each a channel of the record, so a report's figures are sums of what
the record holds, read exactly from rollups by `records.period_stats`):

- `eco.<meter>.energy`: what flowed in each interval between two register readings (its
  unit: kWh, Nm3, m3, t), stamped at the reading that closes it. Counter-proved where
  the register proves it (a difference, a single rollover, a replacement a person
  recorded); otherwise integrated power, and then also `eco.<meter>.energy_est` holds
  the same quantity, so a report says how much of its total was estimated. A meter
  without a register integrates power only (all estimated).
- `eco.<meter>.tco2eq`: energy × the factor of the interval's year (scope 2 for
  electricity, scope 1 for a fuel); the factors used are recorded as `eco.factors`
  events, so adding a factor later never changes what the record (and a report) says.
- `eco.demand_forecast_kw` at every power sample of the demand meter: the running
  window's average at its end if the load stays; `eco.demand_kw`: a closed window's
  average, stamped at the window's start (its input age is declared to match).

Events: the forecast reaching the target opens `eco.demand_over_target` for that window
(closed by `eco.demand_window_end` when the window ends); a window above the 12-month
요금적용전력 is `eco.billing_peak`; a gap and a reset of a register are recorded too.
At a restart the rule takes up the record (`EcoRule.resume`): the registers' last
readings, the months' peaks from the record's closed windows (with `history_kw` for the
months before the record), the running window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent
from deungdae.sectors.api import RuleOutput, SiteContext
from deungdae.sectors.api.derived import BAD_QUALITY, DerivedChannel
from deungdae.sectors.api.resume import Resume, data_of, number, whole
from deungdae.sectors.eco.config import Meter, Settings
from deungdae.sectors.eco.demand import (
    DemandForecaster,
    DemandWindow,
    Forecast,
    MonthlyPeak,
    TargetWatch,
    billing_demand,
    window_start,
)
from deungdae.sectors.eco.ghg import Factor, FactorTable, FuelUse, scope1, scope2
from deungdae.sectors.eco.meters import (
    ESTIMATED,
    MISSING,
    CounterMeter,
    CounterSpec,
    MeterDataError,
    Replacement,
    Sample,
    integrate_power,
)

PEAK_LOOK_BACK_MS = 400 * 86_400_000  # the 12 billing months and the current one
DEMAND_KW = "eco.demand_kw"
FORECAST_KW = "eco.demand_forecast_kw"
OVER_TARGET = "eco.demand_over_target"
WINDOW_END = "eco.demand_window_end"
BILLING_PEAK = "eco.billing_peak"
COUNTER_GAP = "eco.counter_gap"
METER_RESET = "eco.meter_reset"
METER_REPLACED = "eco.meter_replaced"
FACTORS = "eco.factors"
KIND_NAMES = {"electricity": ("electricity", "전력"), "gas": ("gas", "가스"),
              "water": ("water", "용수"), "steam": ("steam", "스팀")}


def energy_key(mid: str) -> str:
    return f"eco.{mid}.energy"


def estimated_key(mid: str) -> str:
    return f"eco.{mid}.energy_est"


def tco2_key(mid: str) -> str:
    return f"eco.{mid}.tco2eq"


def derived_all(s: Settings) -> list[DerivedChannel]:
    """Every derived channel of these settings, with the input age each needs."""
    out = []
    for m in s.meters:
        ins = m.inputs()
        # an interval's reading is stamped at the input that closed it: age 0 is enough,
        # but a power-only meter's last sample may be a poll behind the other's
        age = max(120.0, 2 * m.max_gap_s)
        out.append(DerivedChannel(energy_key(m.id), f"{m.name} energy", f"{m.name} 사용량",
                                  m.unit, 4, ins, age))
        out.append(DerivedChannel(estimated_key(m.id), f"{m.name} energy (estimated)",
                                  f"{m.name} 사용량 (추정)", m.unit, 4, ins, age))
        if m.scope:
            out.append(DerivedChannel(tco2_key(m.id), f"{m.name} GHG", f"{m.name} 온실가스",
                                      "tCO2eq", 6, ins, age))
    if s.demand is not None:
        dm = s.meter(s.demand.meter)
        assert dm.power
        # a window's average is stamped at its start, a whole window before the sample
        # that closed it (which may come up to the meter's gap late)
        window_age = s.demand.window_min * 60 + dm.max_gap_s + 1.0
        out.append(DerivedChannel(DEMAND_KW, "15-min demand", "15분 평균 수요전력", "kW", 2,
                                  (dm.power,), window_age))
        out.append(DerivedChannel(FORECAST_KW, "Demand forecast (window end)",
                                  "수요전력 예측 (구간 종료 시)", "kW", 2, (dm.power,),
                                  max(120.0, 2 * dm.max_gap_s)))
    return out


def coefficient(table: FactorTable, m: Meter, year: int, tz: ZoneInfo, region: str
                ) -> tuple[float, tuple[Factor, ...], bool]:
    """tCO2eq per unit of the meter in `year`, the factors behind it, and whether the
    year had none of its own (the latest earlier year's was taken). Computed through the
    ledger's own functions on one unit, so the live figure and the ledger agree."""
    t0 = int(dt.datetime(year, 6, 1, tzinfo=tz).timestamp() * 1000)
    if m.scope == 2:
        r = scope2([(t0, t0 + 1, 1.0)], table, tz, region)
        line = r.lines[0]
        return r.location_tco2eq, (line.factor,), line.fallback
    r1 = scope1([FuelUse(t0, t0 + 1, m.fuel or "", 1.0, m.unit)], table, tz)
    used = r1.factors_used()
    fallback = any(f.year is not None and f.year != year for f in used)
    return r1.tco2eq, used, fallback


def factor_json(f: Factor) -> dict:
    return {"id": f.id, "kind": f.kind, "value": f.value, "unit": f.unit, "source": f.source,
            "published": f.published.isoformat(), "year": f.year, "region": f.region,
            "fuel": f.fuel, "gas": f.gas}


class _Track:
    """One meter's state: its register, the power samples since its last reading."""

    __slots__ = ("m", "cm", "power", "last_power", "last_counter", "reset_iv", "pending",
                 "gap_ms")

    def __init__(self, m: Meter) -> None:
        self.m = m
        self.gap_ms = int(m.max_gap_s * 1000)
        self.cm = CounterMeter(CounterSpec(modulus=m.modulus, max_rate_per_h=m.max_rate,
                                           max_gap_ms=self.gap_ms))
        self.power: list[Sample] = []
        self.last_power: Sample | None = None
        self.last_counter: Sample | None = None
        # the last unexplained decrease: (start, end, value before, after, stored q, how)
        self.reset_iv: tuple[int, int, float, float, float, str] | None = None
        self.pending: list[tuple[float, float]] = []  # (energy, estimated) corrections


class EcoRule:
    """One rule for the whole sector (meters share the demand window and the factors)."""

    def __init__(self, s: Settings, context: SiteContext) -> None:
        self.s = s
        self.tz = context.tz
        self.tracks = {m.id: _Track(m) for m in s.meters}
        self.by_counter = {m.counter: self.tracks[m.id] for m in s.meters if m.counter}
        self.by_power = {m.power: self.tracks[m.id] for m in s.meters if m.power}
        self._coef: dict[tuple[str, int], float] = {}
        d = s.demand
        self.demand_power = s.meter(d.meter).power if d else None
        self.reads = frozenset([*self.by_counter, *self.by_power,
                                *([self.demand_power] if self.demand_power else [])])
        self.forecaster = (DemandForecaster(self.tz, d.window_min,
                                            int(s.meter(d.meter).max_gap_s * 1000))
                           if d else None)
        self.watch = (TargetWatch(d.target_kw, min_elapsed_ms=int(d.warn_after_s * 1000),
                                  min_lead_ms=int(d.min_lead_s * 1000)) if d else None)
        self.peaks: dict[tuple[int, int], float | MonthlyPeak] = dict(d.history_kw) if d else {}
        self.open_window: int | None = None
        self.last_forecast: Forecast | None = None
        self.month_peak: DemandWindow | None = None

    # -- the Rule protocol ------------------------------------------------------------
    resumes = frozenset({OVER_TARGET, WINDOW_END})

    def start(self, now_ms: int) -> None:
        pass

    def resume(self, resume: Resume) -> list[NewEvent]:
        """At a restart, carry on from the record (`sectors.api.resume`): each register's
        last reading closes the first interval after the stop (what flowed while the
        logger was stopped is counted, not lost), the power since it can estimate that
        interval, the months' demand peaks come from the record's closed windows (no
        false "new billing peak" after a restart), the running window is rebuilt, and an
        over-target window that ended while stopped is closed."""
        now = resume.now_ms
        for ch, tr in self.by_counter.items():
            last = resume.last_good(ch)
            got = resume.readings(ch, last) if last is not None else []
            if got:
                ts, v = got[-1]
                tr.cm.feed([Sample(ts, float(v))])
                tr.last_counter = Sample(ts, float(v))
                if tr.m.power:
                    tr.power = [Sample(t, float(x))
                                for t, x in resume.readings(tr.m.power, ts - tr.gap_ms)]
        for ch, tr in self.by_power.items():
            last = resume.last_good(ch)
            got = resume.readings(ch, last) if last is not None else []
            if got:
                tr.last_power = Sample(got[-1][0], float(got[-1][1]))
        d = self.s.demand
        if d is None or self.forecaster is None or self.demand_power is None:
            return []
        # the running window as it was: its samples fed again, what they led to dropped
        w0 = window_start(now, self.tz, d.window_min)
        scratch = RuleOutput()
        for ts, v in resume.readings(self.demand_power, w0 - self.forecaster.window_ms):
            if ts < now:
                self._demand(Reading(self.demand_power, ts, v, 0), scratch)
        for ts, kw in resume.readings(DEMAND_KW, now - PEAK_LOOK_BACK_MS):
            ym = _ym(ts, self.tz)
            cur = self.peaks.get(ym)
            cur_kw = cur.kw if isinstance(cur, MonthlyPeak) else cur
            if cur_kw is None or kw > cur_kw:
                self.peaks[ym] = MonthlyPeak(kw, ts)
        out: list[NewEvent] = []
        ended = resume.still_open(OVER_TARGET, WINDOW_END,
                           lambda ev: whole(data_of(ev).get("window")))
        for start, ev in sorted(ended.items()):
            if start == self.open_window or start >= w0:
                self.open_window = start  # still running: its end closes it
                continue
            end = start + self.forecaster.window_ms
            avg = next((kw for ts, kw in resume.readings(DEMAND_KW, start) if ts == start),
                       None)
            target = number(data_of(ev).get("target_kw"))
            out.append(NewEvent(
                end, WINDOW_END, "구간 종료 (window ended while the logger was stopped)",
                channel=self.demand_power,
                data={"window": start, "average_kw": None if avg is None else round(avg, 3),
                      "target_kw": target, "exceeded": None if avg is None or target is None
                      else avg >= target}))
        return out

    def tick(self, now_ms: int) -> list[NewEvent]:
        return []

    def on_entry(self, event: NewEvent) -> list[NewEvent]:
        if event.kind != METER_REPLACED:
            return []
        d = event.data
        tr = self.tracks.get(str(d.get("meter")))
        if tr is None:
            return []
        rep = Replacement(int(d["swap_ms"]), float(d["old_final"]), float(d["new_initial"]),
                          event.user or "")
        last = tr.last_counter
        if last is None or rep.ts_ms > last.ts_ms:
            tr.cm.add_replacement(rep)  # before the new meter's first reading: proved then
            return []
        if tr.reset_iv is not None:
            t0, t1, a, b, q_est, prov = tr.reset_iv
            if t0 < rep.ts_ms <= t1 and rep.old_final >= a and b >= rep.new_initial:
                proved = (rep.old_final - a) + (b - rep.new_initial)
                # the record already holds the estimate: add what turns it into the proof
                tr.pending.append((proved - q_est, -q_est if prov == ESTIMATED else 0.0))
                tr.reset_iv = None
        return []

    def feed(self, readings: Sequence[Reading]) -> RuleOutput:
        out = RuleOutput()
        for r in readings:
            if r.value is None or int(r.quality) & BAD_QUALITY:
                continue
            tr = self.by_counter.get(r.channel)
            if tr is not None:
                self._counter(tr, r, out)
            tr = self.by_power.get(r.channel)
            if tr is not None:
                self._power(tr, r, out)
            if r.channel == self.demand_power:
                self._demand(r, out)
        return out

    # -- meters -----------------------------------------------------------------------
    def _counter(self, tr: _Track, r: Reading, out: RuleOutput) -> None:
        prev = tr.last_counter
        try:
            ivs = tr.cm.feed([Sample(r.ts, float(r.value))])  # type: ignore[arg-type]
        except MeterDataError:
            return  # a repeated or older reading: the register already passed it
        tr.last_counter = Sample(r.ts, float(r.value))  # type: ignore[arg-type]
        m = tr.m
        # a late swap's correction rides on this reading (one reading per channel and time)
        dq = sum(x[0] for x in tr.pending)
        de = sum(x[1] for x in tr.pending)
        tr.pending.clear()
        for iv in ivs:
            q, prov = iv.quantity, iv.provenance
            if prov == MISSING and tr.power:
                q, covered = integrate_power(tr.power, iv.start_ms, iv.end_ms, tr.gap_ms)
                prov = ESTIMATED if covered else MISSING
                q = q if covered else None
            self._emit_energy(tr, r.ts, iv.end_ms, q, prov == ESTIMATED, out, dq, de)
            dq = de = 0.0
            if iv.gap:
                out.events.append(NewEvent(
                    r.ts, COUNTER_GAP, f"{m.name}: 검침 공백 (counter gap) "
                    f"{(iv.end_ms - iv.start_ms) / 1000:.0f} s", severity="warning",
                    channel=m.counter, data={"meter": m.id, "start_ms": iv.start_ms,
                                             "end_ms": iv.end_ms, "quantity": q,
                                             "provenance": prov}))
            if iv.event in ("reset", "ambiguous_rollover") and prev is not None:
                tr.reset_iv = (iv.start_ms, iv.end_ms, prev.value, tr.last_counter.value,
                               q or 0.0, prov)
                out.events.append(NewEvent(
                    r.ts, METER_RESET, f"{m.name}: 적산값 감소 (register went back)",
                    severity="warning", channel=m.counter,
                    data={"meter": m.id, "start_ms": iv.start_ms, "end_ms": iv.end_ms,
                          "event": iv.event, "before": prev.value, "after": r.value,
                          "quantity": q, "provenance": prov}))
        # keep the power samples the next interval may need (the one before it too)
        keep = 0
        for i in range(len(tr.power) - 1, -1, -1):
            if tr.power[i].ts_ms <= r.ts:
                keep = i
                break
        if keep:
            del tr.power[:keep]

    def _power(self, tr: _Track, r: Reading, out: RuleOutput) -> None:
        s = Sample(r.ts, float(r.value))  # type: ignore[arg-type]
        prev = tr.last_power
        if prev is not None and s.ts_ms <= prev.ts_ms:
            return
        tr.last_power = s
        if tr.m.counter:
            tr.power.append(s)
            return
        if prev is None:
            return
        if s.ts_ms - prev.ts_ms > tr.gap_ms:
            m = tr.m
            self._emit(out, energy_key(m.id), r.ts, None)
            out.events.append(NewEvent(
                r.ts, COUNTER_GAP, f"{m.name}: 전력 측정 공백, 사용량 결측 (power gap, "
                f"energy missing) {(s.ts_ms - prev.ts_ms) / 1000:.0f} s", severity="warning",
                channel=m.power, data={"meter": m.id, "start_ms": prev.ts_ms,
                                       "end_ms": s.ts_ms, "quantity": None,
                                       "provenance": "missing"}))
            return
        q = (prev.value + s.value) / 2 * (s.ts_ms - prev.ts_ms) / 3_600_000
        self._emit_energy(tr, r.ts, r.ts, q, True, out)

    def _emit_energy(self, tr: _Track, ts: int, end_ms: int, q: float | None,
                     estimated: bool, out: RuleOutput, dq: float = 0.0,
                     de: float = 0.0) -> None:
        """The interval's readings; `dq`/`de` add a correction of an earlier interval's
        energy/estimate (a swap entered after its drop was seen) to these readings."""
        m = tr.m
        if q is None and (dq or de):
            q, estimated, de = dq, False, de  # the interval itself stays unvalued
        elif q is not None:
            q += dq
        self._emit(out, energy_key(m.id), ts, q)
        est = (q - dq if estimated and q is not None else 0.0) + de
        if (estimated and q is not None) or de:
            self._emit(out, estimated_key(m.id), ts, est)
        if m.scope:
            self._emit(out, tco2_key(m.id), ts,
                       None if q is None else q * self._coefficient(m, end_ms, out))

    @staticmethod
    def _emit(out: RuleOutput, key: str, ts: int, v: float | None) -> None:
        out.readings.append(Reading(key, ts, v))

    def _coefficient(self, m: Meter, ts: int, out: RuleOutput) -> float:
        year = dt.datetime.fromtimestamp(ts / 1000, self.tz).year
        key = (m.fuel or "grid") + ":" + m.unit
        c = self._coef.get((key, year))
        if c is None:
            c, used, fallback = coefficient(self.s.factors, m, year, self.tz, self.s.region)
            self._coef[(key, year)] = c
            out.events.append(NewEvent(
                ts, FACTORS, f"{year}년 배출계수 적용 (GHG factors for {year}): "
                + ", ".join(f.id for f in used), data={
                    "year": year, "scope": m.scope, "fuel": m.fuel, "unit": m.unit,
                    "t_per_unit": c, "fallback": fallback, "region": self.s.region,
                    "factors": [factor_json(f) for f in used]}))
        return c

    # -- demand -----------------------------------------------------------------------
    def _demand(self, r: Reading, out: RuleOutput) -> None:
        assert self.forecaster is not None and self.watch is not None
        d = self.s.demand
        assert d is not None
        try:
            fc = self.forecaster.update(r.ts, float(r.value))  # type: ignore[arg-type]
        except ValueError:
            return
        self.last_forecast = fc
        for w in fc.closed:
            self._window_closed(w, out)
        out.readings.append(Reading(FORECAST_KW, r.ts, fc.forecast_kw))
        warn = self.watch.check(fc)
        if warn is not None:
            self.open_window = warn.window_start_ms
            local = dt.datetime.fromtimestamp(warn.window_start_ms / 1000, self.tz)
            out.events.append(NewEvent(
                r.ts, OVER_TARGET,
                f"수요전력 예측 {warn.forecast_kw:.1f} kW ≥ 목표 {warn.target_kw:.1f} kW "
                f"({local:%H:%M} 구간, forecast over target)", severity="warning",
                channel=self.demand_power,
                data={"window": warn.window_start_ms, "forecast_kw": round(warn.forecast_kw, 3),
                      "target_kw": warn.target_kw, "lead_s": warn.lead_ms / 1000,
                      "max_kw_for_rest": round(warn.max_kw_for_rest, 3)}))

    def _window_closed(self, w: DemandWindow, out: RuleOutput) -> None:
        d = self.s.demand
        assert d is not None
        avg = w.average_kw
        out.readings.append(Reading(DEMAND_KW, w.start_ms, avg if w.covered_ms else None))
        if self.open_window == w.start_ms:
            out.events.append(NewEvent(
                w.end_ms, WINDOW_END, f"구간 종료: 평균 {avg:.1f} kW (window ended)",
                channel=self.demand_power,
                data={"window": w.start_ms, "average_kw": round(avg, 3),
                      "target_kw": d.target_kw, "exceeded": avg >= d.target_kw}))
            self.open_window = None
        if not w.covered_ms:
            return
        local = dt.datetime.fromtimestamp(w.start_ms / 1000, self.tz)
        ym = (local.year, local.month)
        if self.month_peak is None or _ym(self.month_peak.start_ms, self.tz) != ym \
                or avg > self.month_peak.average_kw:
            self.month_peak = w
        before = billing_demand(self.peaks, *ym, d.counted_months)
        if avg > before.kw:
            out.events.append(NewEvent(
                w.end_ms, BILLING_PEAK,
                f"요금적용전력 갱신 {before.kw:.1f} → {avg:.1f} kW ({local:%Y-%m-%d %H:%M} "
                "구간, new 12-month billing peak)", severity="warning",
                channel=self.demand_power,
                data={"window": w.start_ms, "kw": round(avg, 3),
                      "previous_kw": round(before.kw, 3),
                      "previous_set_in": (f"{before.set_in[0]}-{before.set_in[1]:02d}"
                                          if before.set_in else None)}))
        cur = self.peaks.get(ym)
        cur_kw = cur.kw if isinstance(cur, MonthlyPeak) else cur
        if cur_kw is None or avg > cur_kw:
            self.peaks[ym] = MonthlyPeak(avg, w.start_ms)


def _ym(ts: int, tz: ZoneInfo) -> tuple[int, int]:
    d = dt.datetime.fromtimestamp(ts / 1000, tz)
    return d.year, d.month
