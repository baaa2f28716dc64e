"""What the reports say, computed from the record (readings, events, our tables).

- shift report: each machine's shifts recomputed from the stored readings of its state
  and count channels (with a lead-in before the shift so the tracker starts as the live
  one did), the stop reasons from `manufacturing_stop_reason`;
- lot record: each `manufacturing.lot` re-evaluated from the stored process readings (the
  record, not the live verdict, decides what the report prints);
- monthly OEE: every `manufacturing.shift` event's sensed states and counts with the
  reasons as entered by now (a reason given after the shift still counts), summed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from deungdae.records.signatures import SignatureStatus
from deungdae.records.signatures import status as signature_status
from deungdae.records.store import Store
from deungdae.sectors.api.site import SiteContext, parse_site
from deungdae.sectors.manufacturing import config
from deungdae.sectors.manufacturing.calendar import calendar
from deungdae.sectors.manufacturing.config import Machine, Settings
from deungdae.sectors.manufacturing.figures import (
    ShiftFigures,
    counted,
    product_runs,
    sensed_intervals,
    shift_figures,
)
from deungdae.sectors.manufacturing.machine_state import State, StateInterval
from deungdae.sectors.manufacturing.oee import ReasonEntry, clip
from deungdae.sectors.manufacturing.process_window import Band, Lot, LotVerdict, Ramp, Soak
from deungdae.sectors.manufacturing.recipes import RecipeDef
from deungdae.sectors.manufacturing.records import (
    CALIBRATION,
    has_table,
    lots_declared,
    stop_reasons,
)

LEAD_MS = 3_600_000  # readings before a shift that settle the state tracker
BIG = 10_000_000  # no practical limit on rows a report reads


@dataclass(frozen=True)
class Plant:
    name: str
    site: SiteContext
    settings: Settings


def plant(raw: dict) -> Plant:
    site_raw = raw.get("site", {}) if isinstance(raw.get("site"), dict) else {}
    site, _ = parse_site(site_raw, str(site_raw.get("timezone", "Asia/Seoul")))
    settings, errs = config.parse(raw.get("sectors", {}).get("manufacturing", {}))
    if errs:
        raise ValueError("; ".join(errs))
    return Plant(str(site_raw.get("name", "")), site, settings)


def series(store: Store, key: str, t0: int, t1: int) -> list[tuple[int, float | None]]:
    """Readings of channel `key` with t0 <= ts < t1 (bad quality as no value)."""
    try:
        cid = store.channel_id(key)
    except KeyError:
        return []
    return [(ts, None if q & 63 else v) for ts, v, q in store.readings(cid, t0, t1)]


def _reasons(rows: Sequence[dict], machine: str) -> list[ReasonEntry]:
    """A machine's reason entries, in entry order (the latest for a stop wins)."""
    return [ReasonEntry(r["stop_start"], r["reason"], r["user"]) for r in rows
            if r["machine"] == machine]


def _within(reasons: Sequence[ReasonEntry], t0: int, t1: int) -> list[ReasonEntry]:
    """Entries for stops that began in [t0, t1), still in entry order. A stop is cut at
    its shift's end, so a shift's stops begin inside it."""
    return [r for r in reasons if t0 <= r.stop_start_ms < t1]


def products_at(store: Store, p: Plant, t1: int) -> dict[str, list[tuple[int, str]]]:
    """Per machine, (from ts, product) as lot starts with a recipe product set them."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for e in store.events(None, t1, kinds=("manufacturing.lot_start",), limit=BIG):
        rec = p.settings.recipes.get(str(e.data.get("recipe")))
        mid = str(e.data.get("machine"))
        try:
            m = p.settings.machine(mid)
        except KeyError:
            continue
        if rec is not None and rec.product in m.ideal_cycle_s:
            out[mid].append((e.ts, rec.product))
    return out


def _product(timeline: Sequence[tuple[int, str]], m: Machine, ts: int) -> str:
    cur = m.product
    for t, prod in timeline:
        if t > ts:
            break
        cur = prod
    return cur


def machine_shift(store: Store, p: Plant, m: Machine, name: str, start: int, end: int,
                  busy: Sequence[tuple[int, int]], reasons: Sequence[ReasonEntry],
                  timeline: Sequence[tuple[int, str]]) -> ShiftFigures:
    data = {ch: series(store, ch, start - LEAD_MS, end + 1) for ch in m.state.channels}
    sensed = clip(sensed_intervals(m, data, end), [(start, end)])
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for which, src in enumerate((m.good, m.scrap, m.rework)):
        if src is None:
            continue
        for ts, n in counted(src.kind, src.modulus,
                             series(store, src.channel, start - LEAD_MS, end + 1), start, end):
            counts[_product(timeline, m, ts)][which] += n
    runs = product_runs(m, counts)
    return shift_figures(m, p.settings, name, start, end, busy, sensed, runs, reasons)


def shift_data(store: Store, p: Plant, t0: int, t1: int, now_ms: int | None = None
               ) -> list[ShiftFigures]:
    """Every machine's figures for each shift that starts in [t0, t1) (and before
    `now_ms`: default the wall clock, or the record's newest reading when that is later, as
    after a simulated run at speed). A shift still running is cut there: what has not
    happened yet is neither production nor loss."""
    if now_ms is None:
        span = store.span()
        now_ms = max(int(time.time() * 1000), span[1] + 1 if span else 0)
    now = now_ms
    cal = calendar(p.site, p.settings)
    inst = [i for i in cal.instances(t0, t1) if t0 <= i.start_ms < min(t1, now)]
    rows = stop_reasons(store, t0 - 86_400_000, t1 + 86_400_000)
    timeline = products_at(store, p, t1 + 86_400_000)
    out = []
    for i in inst:
        end = min(i.end_ms, now)
        busy = [(a, min(b, end)) for a, b in cal.busy_intervals(i.start_ms, i.end_ms) if a < end]
        for m in p.settings.machines:
            f = machine_shift(store, p, m, i.name, i.start_ms, end, busy,
                              _reasons(rows, m.id), timeline.get(m.id, []))
            out.append(replace(f, in_progress=True) if end < i.end_ms else f)
    return out


# ------------------------------------------------------------------------------ lots
@dataclass(frozen=True)
class LotRecord:
    lot: str
    machine: Machine
    recipe: RecipeDef
    start_ms: int
    end_ms: int
    started_by: str
    ended_by: str
    verdict: LotVerdict
    data: dict[str, list[tuple[int, float]]]
    live_passed: bool | None
    ref: str = ""  # the lot event as a signature target ("event:<id>")
    signatures: tuple[SignatureStatus, ...] = ()  # performed / reviewed, still valid or not


def lot_data(store: Store, p: Plant, t0: int, t1: int) -> list[LotRecord]:
    """Lots that ended in [t0, t1), re-evaluated against their recipe from the record."""
    declared = {(r["machine"], r["start_ms"]): r for r in lots_declared(store, t0, t1 + 1)}
    signed: dict[str, list[SignatureStatus]] = defaultdict(list)
    for sig in signature_status(store):  # a lot record is signed like any record
        for ref in sig.targets:
            signed[ref].append(sig)
    out = []
    for e in store.events(t0, t1, kinds=("manufacturing.lot",), limit=BIG):
        d = e.data
        rec = p.settings.recipes.get(str(d.get("recipe")))
        try:
            m = p.settings.machine(str(d.get("machine")))
        except KeyError:
            continue
        if rec is None:
            continue
        start, end = int(d["start"]), int(d["end"])
        data = {}
        for ch in sorted(rec.channels()):
            data[ch] = [(ts, v) for ts, v in series(store, ch, start, end + 1) if v is not None]
        verdict = rec.recipe.evaluate(Lot(str(d["lot"]), m.id, start, end), data)
        row = declared.get((m.id, start), {})
        ref = f"event:{e.id}"
        out.append(LotRecord(str(d["lot"]), m, rec, start, end,
                             str(row.get("started_by", d.get("started_by", ""))),
                             str(row.get("ended_by", d.get("ended_by", ""))), verdict, data,
                             d.get("passed"), ref, tuple(signed.get(ref, ()))))
    return out


def days_start(tz, now_ms: int, days: int) -> int:
    """The local midnight that starts the last `days` local days up to `now_ms` (today
    counts as one), so a week's list follows the site's calendar, not UTC."""
    today = dt.datetime.fromtimestamp(now_ms / 1000, tz).date()
    first = today - dt.timedelta(days=days - 1)
    return int(dt.datetime.combine(first, dt.time(0), tz).timestamp() * 1000)


@dataclass(frozen=True)
class LotMarks:
    """What a lot's curve of one channel shades: the recipe's bands (t0, t1, low, high)
    where they apply, and the spans the verdict measured ("ramp" or "soak", t0, t1), both
    taken from the recipe and the verdict `lot_data` made (nothing is recomputed)."""

    bands: tuple[tuple[int, int, float, float], ...]
    spans: tuple[tuple[str, int, int], ...]


def lot_marks(lr: LotRecord, channel: str) -> LotMarks:
    bands: list[tuple[int, int, float, float]] = []
    spans: list[tuple[str, int, int]] = []
    for c, r in zip(lr.recipe.recipe.criteria, lr.verdict.results, strict=True):
        if getattr(c, "channel", None) != channel:
            continue
        n = r.numbers
        if isinstance(c, Band):
            a, b = lr.start_ms, lr.end_ms
            if c.within is not None:
                a, b = lr.start_ms + c.within[0], min(lr.start_ms + c.within[1], lr.end_ms)
            bands.append((a, b, c.low, c.high))
        elif isinstance(c, Soak):
            bands.append((lr.start_ms, lr.end_ms, c.low, c.high))
            if n.get("soak_start_ms") is not None and n.get("longest_soak_ms"):
                s0 = int(n["soak_start_ms"])  # type: ignore[arg-type]
                spans.append(("soak", s0, s0 + int(n["longest_soak_ms"])))  # type: ignore[arg-type]
        elif isinstance(c, Ramp):
            if n.get("start_ms") is not None and n.get("end_ms") is not None:
                spans.append(("ramp", int(n["start_ms"]), int(n["end_ms"])))  # type: ignore[arg-type]
        elif r.kind == "current_density":  # J = I / A: the band in amperes of the curve
            area = float(c.area_dm2)  # type: ignore[union-attr]
            bands.append((lr.start_ms, lr.end_ms, c.low * area, c.high * area))  # type: ignore[union-attr]
    return LotMarks(tuple(bands), tuple(spans))


# ---------------------------------------------------------------------------- monthly
@dataclass
class MachineMonth:
    machine: Machine
    shifts: int = 0
    planned_busy_ms: int = 0
    apt_ms: int = 0
    ideal_produced_ms: float = 0.0
    ideal_good_ms: float = 0.0
    produced: int = 0
    good: int = 0
    first_pass_good: int | None = 0  # None once a shift without rework counts is added
    failures: int = 0
    breakdown_ms: int = 0
    losses: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def ratio(self, a: float, b: float) -> float | None:
        return a / b if b > 0 else None

    @property
    def availability(self) -> float | None:
        return self.ratio(self.apt_ms, self.planned_busy_ms)

    @property
    def performance(self) -> float | None:
        return self.ratio(self.ideal_produced_ms, self.apt_ms)

    @property
    def quality(self) -> float | None:
        return self.ratio(self.good, self.produced)

    @property
    def oee(self) -> float | None:
        a, p, q = self.availability, self.performance, self.quality
        return None if None in (a, p, q) else a * p * q  # type: ignore[operator]

    @property
    def first_pass_yield(self) -> float | None:
        return None if self.first_pass_good is None else self.ratio(self.first_pass_good,
                                                                    self.produced)

    @property
    def mtbf_ms(self) -> float | None:
        return self.ratio(self.apt_ms, self.failures)

    @property
    def mttr_ms(self) -> float | None:
        return self.ratio(self.breakdown_ms, self.failures)

    def add(self, f: ShiftFigures) -> None:
        r = f.result
        self.shifts += 1
        self.planned_busy_ms += r.planned_busy_ms
        self.apt_ms += r.actual_production_ms
        self.ideal_produced_ms += r.ideal_produced_ms
        self.ideal_good_ms += r.ideal_good_ms
        self.produced += r.produced
        self.good += r.good
        fpg = [x.first_pass_good for x in f.runs]
        self.first_pass_good = (None if self.first_pass_good is None or None in fpg
                                else self.first_pass_good + sum(fpg))  # type: ignore[arg-type]
        self.failures += f.reliability.failures
        self.breakdown_ms += round((f.reliability.mttr_ms or 0) * f.reliability.failures)
        for k, v in f.six.parts().items():
            self.losses[k] += v


@dataclass
class Month:
    machines: list[MachineMonth]
    total: MachineMonth
    pareto: list[tuple[str, int, int]]  # reason key, downtime ms, stops
    shifts: list[ShiftFigures]
    recomputed: int = 0  # shifts rebuilt from readings (the rule did not see them whole)


def monthly_data(store: Store, p: Plant, t0: int, t1: int) -> Month:
    """Every ended shift starting in [t0, t1), per machine. The rule's shift summary is
    used when it covers the whole shift; a shift the engine did not see whole (stopped
    or restarted during it, so the live rule missed part of it) is recomputed from the
    stored readings, like the shift report does."""
    cal = calendar(p.site, p.settings)
    rows = stop_reasons(store, t0 - 86_400_000, t1)
    reasons = {m.id: _reasons(rows, m.id) for m in p.settings.machines}
    months = {m.id: MachineMonth(m) for m in p.settings.machines}
    shifts = []
    pareto: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    summaries: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for e in store.events(t0, t1 + 86_400_000, kinds=("manufacturing.shift",), limit=BIG):
        summaries[(str(e.data.get("machine")), int(e.data["start"]))].append(e.data)
    span = store.span()
    now = max(int(time.time() * 1000), span[1] + 1 if span else 0)
    timeline: dict[str, list[tuple[int, str]]] | None = None
    recomputed = 0
    for inst in cal.instances(t0, t1):
        start, end = inst.start_ms, inst.end_ms
        if not t0 <= start < t1 or end > now:
            continue
        busy = cal.busy_intervals(start, end)
        for m in p.settings.machines:
            mm = months[m.id]
            got = summaries.get((m.id, start), [])
            mine = _within(reasons[m.id], start, end)
            d = got[0] if len(got) == 1 else None
            if d is not None and d["sensed"] and d["sensed"][0][0] == start \
                    and d["sensed"][-1][1] == end:
                sensed = [StateInterval(a, b, State(x)) for a, b, x in d["sensed"]]
                runs = product_runs(m, d.get("counts", {}))
                f = shift_figures(m, p.settings, inst.name, start, end, busy, sensed, runs,
                                  mine)
            else:
                if timeline is None:
                    timeline = products_at(store, p, t1 + 86_400_000)
                f = machine_shift(store, p, m, inst.name, start, end, busy, mine,
                                  timeline.get(m.id, []))
                if not f.states and not got:
                    continue  # no reading at all in this shift: the machine was not recorded
                recomputed += 1
            mm.add(f)
            shifts.append(f)
            for row in f.pareto:
                pareto[row.reason][0] += row.duration_ms
                pareto[row.reason][1] += row.count
    total = MachineMonth(p.settings.machines[0] if p.settings.machines else None)  # type: ignore[arg-type]
    for mm in months.values():
        for k in ("shifts", "planned_busy_ms", "apt_ms", "ideal_produced_ms", "ideal_good_ms",
                  "produced", "good", "failures", "breakdown_ms"):
            setattr(total, k, getattr(total, k) + getattr(mm, k))
        total.first_pass_good = (None if total.first_pass_good is None
                                 or mm.first_pass_good is None
                                 else total.first_pass_good + mm.first_pass_good)
        for k, v in mm.losses.items():
            total.losses[k] += v
    ranked = sorted(((k, v[0], v[1]) for k, v in pareto.items()), key=lambda x: (-x[1], x[0]))
    return Month(list(months.values()), total, ranked, shifts, recomputed)


# ------------------------------------------------------------------------ calibrations
@dataclass(frozen=True)
class CalibrationStatus:
    item: str
    title: str
    kind: str
    machine: str
    furnace_class: int | None
    interval_days: int
    last: dt.date  # the newest of the config's date and the records'
    due: dt.date
    overdue_days: int  # > 0: overdue on the report's day
    records: tuple[dict, ...]  # manufacturing_calibration rows, oldest first


def calibration_data(store: Store, p: Plant, as_of: dt.date) -> list[CalibrationStatus]:
    """Every survey and calibration item with its due date as of `as_of`, from the
    config's `last` and the calibration records done by then."""
    rows: dict[str, list[dict]] = defaultdict(list)
    if has_table(store, CALIBRATION.name):
        cols = CALIBRATION.column_names
        for r in store.query(f"SELECT {', '.join(cols)} FROM {CALIBRATION.name} ORDER BY id"):
            d = dict(zip(cols, r, strict=True))
            if dt.date.fromisoformat(d["done_on"]) <= as_of:
                rows[d["item"]].append(d)
    out = []
    for c in p.settings.calibrations:
        done = [dt.date.fromisoformat(r["done_on"]) for r in rows.get(c.id, [])]
        last = max([c.last, *done])
        due = c.due(last)
        out.append(CalibrationStatus(c.id, c.title, c.kind, c.machine, c.furnace_class,
                                     c.interval_days, last, due, (as_of - due).days,
                                     tuple(rows.get(c.id, []))))
    return out
