"""The live manufacturing rule: machine state, OEE of the current shift, stops that need a
reason, lots against their recipe, calibrations falling due.

Per machine it keeps a state tracker and the counts of the shift it is in, and emits:
- readings of its derived channels: `manufacturing.<m>.state` (a state code, each state
  sample) and `.availability`/`.performance`/`.quality`/`.oee` (%, every `oee_every_s`);
- `manufacturing.stop_unexplained` once a stop inside planned busy time has lasted
  `reason_prompt_min` with no reason (closed by the operator's `manufacturing.stop_reason`);
- `manufacturing.shift` at each shift end: the sensed state intervals and counts by
  product, the record the monthly report rebuilds its figures from;
- `manufacturing.lot` when a lot ends (its verdict against the recipe) and
  `manufacturing.lot_out_of_window` when it failed;
- `manufacturing.calibration_overdue` when a survey or calibration passes its due date
  (closed by `manufacturing.calibrated`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent
from deungdae.sectors.api.derived import RuleOutput
from deungdae.sectors.api.resume import Resume, data_of, feed_again, whole
from deungdae.sectors.api.site import SiteContext
from deungdae.sectors.manufacturing.calendar import calendar
from deungdae.sectors.manufacturing.config import Machine, Settings
from deungdae.sectors.manufacturing.figures import (
    STATE_CODES,
    STATE_EN,
    STATE_KO,
    PieceCounter,
    StateInput,
    product_runs,
    shift_figures,
    tracker,
    with_reasons,
)
from deungdae.sectors.manufacturing.machine_state import State, StateInterval
from deungdae.sectors.manufacturing.oee import ReasonEntry, clip, oee_from_states, stops
from deungdae.sectors.manufacturing.process_window import Lot
from deungdae.sectors.manufacturing.recipes import RecipeDef
from deungdae.sectors.manufacturing.shifts import ShiftCalendar, ShiftInstance

BAD_QUALITY = 1 | 2 | 4 | 8 | 16 | 32
OEE_PARTS = ("availability", "performance", "quality", "oee")
log = logging.getLogger(__name__)
PROMPT_CHECK_MS = 10_000  # how often an ongoing stop's busy time is measured again
ENTRY_KINDS = ("manufacturing.stop_reason", "manufacturing.lot_start", "manufacturing.lot_end",
               "manufacturing.calibrated")  # what an operator enters that the rule reads
REPLAY_MS = 86_400_000  # a restart looks back a day at most for its shift or lot


def state_key(machine: str) -> str:
    return f"manufacturing.{machine}.state"


def oee_key(machine: str, part: str) -> str:
    return f"manufacturing.{machine}.{part}"


def _pct(v: float | None) -> float | None:
    return None if v is None else round(v * 100, 3)


class LotLive:
    """The lot running on a machine: its process values, until it ends."""

    def __init__(self, machine: str, lot: str, recipe: RecipeDef, start_ms: int,
                 started_by: str) -> None:
        self.machine, self.lot, self.recipe = machine, lot, recipe
        self.start_ms, self.started_by = start_ms, started_by
        self.data: dict[str, list[tuple[int, float]]] = {c: [] for c in recipe.channels()}

    def add(self, channel: str, ts: int, v: float) -> None:
        s = self.data.get(channel)
        if s is not None and (not s or ts > s[-1][0]):
            s.append((ts, v))

    def end(self, ts: int, ended_by: str) -> list[NewEvent]:
        end = max(ts, self.start_ms + 1)
        verdict = self.recipe.recipe.evaluate(Lot(self.lot, self.machine, self.start_ms, end),
                                              self.data)
        failed = [r.name for r in verdict.failed()]
        data = {"machine": self.machine, "lot": self.lot, "recipe": self.recipe.id,
                "start": self.start_ms, "end": end, "started_by": self.started_by,
                "ended_by": ended_by, "passed": verdict.passed, "failed": failed}
        ok = "적합 (within window)" if verdict.passed else "부적합 (out of window)"
        out = [NewEvent(end, "manufacturing.lot", f"로트 {self.lot} {ok}",
                        "info" if verdict.passed else "warning", channel=state_key(self.machine),
                        data=data)]
        if not verdict.passed:
            first = next(r for r in verdict.results if not r.passed)
            chans = sorted(self.recipe.channels())
            out.append(NewEvent(
                end, "manufacturing.lot_out_of_window",
                f"로트 {self.lot} 공정 조건 이탈: {', '.join(failed)} "
                f"(lot out of its process window)", "alarm",
                channel=getattr(first, "channel", None) or (chans[0] if chans else None),
                data=data))
        return out


class MachineLive:
    def __init__(self, m: Machine, settings: Settings, cal: ShiftCalendar) -> None:
        self.m, self.settings, self.cal = m, settings, cal
        self.inp = StateInput(m)
        self.tr = tracker(m)
        self.closed: list[StateInterval] = []
        self.good = PieceCounter(m.good.kind, m.good.modulus) if m.good else None
        self.scrap = PieceCounter(m.scrap.kind, m.scrap.modulus) if m.scrap else None
        self.rework = PieceCounter(m.rework.kind, m.rework.modulus) if m.rework else None
        self.product = m.product
        self.shift: ShiftInstance | None = None
        self.busy: list[tuple[int, int]] = []
        self.no_shift_until = -1
        self.counts: dict[str, list[int]] = {}
        self.reasons: list[ReasonEntry] = []
        self.prompted: set[int] = set()
        self.next_prompt_check = 0
        self.override: State | None = None  # the explained stop's state, between checks
        self.next_oee = 0
        self.lot: LotLive | None = None
        self.key = state_key(m.id)
        self.oee_keys = [oee_key(m.id, p) for p in OEE_PARTS]

    # -- shifts --------------------------------------------------------------------
    def _roll(self, ts: int, events: list[NewEvent]) -> None:
        """Finish the shift `ts` is past; find the shift `ts` is in."""
        if self.shift is not None and ts > self.shift.end_ms:
            events.append(self._finish(self.shift))
            self.shift = None
        if self.shift is None and ts >= self.no_shift_until:
            inst = [i for i in self.cal.instances(ts, ts + 2 * 86_400_000) if i.end_ms >= ts]
            cur = next((i for i in inst if i.start_ms <= ts), None)
            if cur is not None:
                self.shift = cur
                self.busy = self.cal.busy_intervals(cur.start_ms, cur.end_ms)
                self.counts = {}
            else:
                self.no_shift_until = inst[0].start_ms if inst else ts + 86_400_000

    def _sensed(self, lo: int, hi: int) -> list[StateInterval]:
        return clip(self.closed + self.tr.snapshot(hi), [(lo, hi)])

    def _finish(self, sh: ShiftInstance) -> NewEvent:
        sensed = self._sensed(sh.start_ms, sh.end_ms)
        runs = product_runs(self.m, self.counts)
        reasons = [r for r in self.reasons if sh.start_ms <= r.stop_start_ms < sh.end_ms]
        f = shift_figures(self.m, self.settings, sh.name, sh.start_ms, sh.end_ms, self.busy,
                          sensed, runs, reasons)
        r = f.result
        self.closed = [i for i in self.closed if i.end_ms > sh.end_ms]
        self.reasons = [x for x in self.reasons if x.stop_start_ms >= sh.end_ms]
        self.prompted = {t for t in self.prompted if t >= sh.end_ms}
        oee = r.oee
        return NewEvent(
            sh.end_ms, "manufacturing.shift",
            f"{self.m.name} {sh.name} 근무조 OEE "
            f"{'-' if oee is None else f'{oee * 100:.1f} %'} (shift summary)",
            channel=self.key,
            data={"machine": self.m.id, "shift": sh.name, "day": sh.day.isoformat(),
                  "start": sh.start_ms, "end": sh.end_ms,
                  "sensed": [[i.start_ms, i.end_ms, i.state.value] for i in sensed],
                  "counts": {p: c for p, c in sorted(self.counts.items())},
                  "planned_busy_ms": r.planned_busy_ms, "apt_ms": r.actual_production_ms,
                  "produced": r.produced, "good": r.good,
                  "availability": r.availability, "performance": r.performance,
                  "quality": r.quality, "oee": oee})

    # -- readings ------------------------------------------------------------------
    def on_state(self, _arg: object, channel: str, ts: int, v: float, out: RuleOutput
                 ) -> None:
        for t, sample in self.inp.push(channel, ts, v):
            self._sample(t, sample, out)

    def flush(self, out: RuleOutput) -> None:
        for t, sample in self.inp.flush():
            self._sample(t, sample, out)

    def _sample(self, ts: int, sample: object, out: RuleOutput) -> None:
        last = self.tr.last_ts
        if last is not None and ts <= last:
            return
        self._roll(ts, out.events)
        self.closed += self.tr.feed(ts, sample)
        st = self.tr.state
        shown = st
        if st is not None and st is not State.RUNNING and self.shift is not None:
            shown = self._stop_checks(ts, st, out.events)
        else:
            self.override = None
        out.readings.append(Reading(self.key, ts, None if shown is None or shown is State.UNKNOWN
                                    else float(STATE_CODES[shown])))
        if self.shift is not None and ts >= self.next_oee:
            self.next_oee = ts + self.settings.oee_every_ms
            self._oee(ts, out)

    def _stop_checks(self, ts: int, st: State, events: list[NewEvent]) -> State:
        """Prompt for a reason once the stop is long enough; the state to show (a stop's
        reason may say breakdown or setup where the sensor sees idle)."""
        if ts < self.next_prompt_check:
            over = self.override
            return over if over is not None and st in (State.IDLE, State.OFF) else st
        self.next_prompt_check = ts + PROMPT_CHECK_MS
        self.override = None
        assert self.shift is not None
        busy = [(a, min(b, ts)) for a, b in self.busy if a < ts]
        cur = stops(self._sensed(self.shift.start_ms, ts), busy)
        if not cur or cur[-1].end_ms < ts - self.m.max_gap_ms:
            return st
        stop = cur[-1]
        given = [r for r in self.reasons if stop.start_ms <= r.stop_start_ms < ts]
        if given:
            over = self.override = self.settings.reason_state(given[-1].reason)
            return over if over is not None and st in (State.IDLE, State.OFF) else st
        if (stop.duration_ms >= self.settings.reason_prompt_ms
                and stop.start_ms not in self.prompted):
            self.prompted.add(stop.start_ms)
            mins = stop.duration_ms / 60_000
            events.append(NewEvent(
                ts, "manufacturing.stop_unexplained",
                f"{self.m.name}: {STATE_KO[st]} {mins:.0f}분 — 정지 사유를 입력하세요 "
                f"({STATE_EN[st]} for {mins:.0f} min: enter the stop reason)", "warning",
                channel=self.key, data={"machine": self.m.id, "stop_start": stop.start_ms,
                                        "state": st.value}))
        return st

    def _oee(self, ts: int, out: RuleOutput) -> None:
        sh = self.shift
        assert sh is not None
        busy = [(a, min(b, ts)) for a, b in self.busy if a < ts]
        if not busy:
            return
        runs = product_runs(self.m, self.counts)
        states = with_reasons(self._sensed(sh.start_ms, ts), busy, self.reasons, self.settings)
        r = oee_from_states(states, busy, runs)
        for key, v in zip(self.oee_keys, (r.availability, r.performance, r.quality, r.oee),
                          strict=True):
            out.readings.append(Reading(key, ts, _pct(v)))

    def on_count(self, which: int, _channel: str, ts: int, v: float, out: RuleOutput
                 ) -> None:
        pc = (self.good, self.scrap, self.rework)[which]
        assert pc is not None
        n = pc.feed(ts, v)
        self._roll(ts, out.events)
        sh = self.shift
        if n and sh is not None and sh.start_ms < ts <= sh.end_ms:
            self.counts.setdefault(self.product, [0, 0, 0])[which] += n

    def tick(self, now: int, events: list[NewEvent]) -> None:
        if self.shift is not None and now > self.shift.end_ms + self.m.max_gap_ms:
            self._roll(now, events)


class ManufacturingRule:
    """All machines of a site (one rule: one dict lookup per reading)."""

    def __init__(self, settings: Settings, site: SiteContext) -> None:
        self.settings = settings
        self.tz = site.tz
        cal = calendar(site, settings)
        self.machines = {m.id: MachineLive(m, settings, cal) for m in settings.machines}
        self.route: dict[str, list[tuple]] = {}
        for live in self.machines.values():
            m = live.m
            for ch in m.state.channels:
                self.route.setdefault(ch, []).append((live.on_state, None))
            for i, c in enumerate((m.good, m.scrap, m.rework)):
                if c is not None:
                    self.route.setdefault(c.channel, []).append((live.on_count, i))
            if m.lot is not None:
                rec = settings.recipes[m.lot.recipe]
                for ch in rec.channels():
                    self.route.setdefault(ch, []).append((self._lot_value, m.id))
                if m.lot.start == "above" and m.lot.channel:
                    self.route.setdefault(m.lot.channel, []).append((self._lot_edge, m.id))
        self.stack = [m for m in self.machines.values() if m.inp.colours]
        self.cal_last = {c.id: c.last for c in settings.calibrations}
        self.cal_flagged: set[str] = set()
        self.cal_day: dt.date | None = None

    resumes = frozenset({*ENTRY_KINDS, "manufacturing.stop_unexplained",
                         "manufacturing.calibration_overdue", "manufacturing.shift",
                         "manufacturing.lot"})

    def start(self, now_ms: int) -> None:
        pass

    def resume(self, resume: Resume) -> list[NewEvent]:
        """At a restart, carry on from the record (`sectors.api.resume`): the current
        shift (its states, counts, stop reasons and prompts so far) and a lot under way
        are rebuilt by feeding the record's readings and entries since the shift (or the
        lot) began again, what they lead to dropped (it is in the record); a shift that
        ended while the logger was stopped gets its summary at the first reading after;
        calibrations done are known, and one already flagged overdue is not flagged
        again."""
        now = resume.now_ms
        evs = resume.events
        for ev in evs:
            d = data_of(ev)
            if ev.kind == "manufacturing.calibrated":
                self.on_entry(ev)
            elif ev.kind == "manufacturing.calibration_overdue" and d.get("item") in self.cal_last:
                self.cal_flagged.add(d["item"])
        since = self._replay_from(now, evs)
        # events come in record order; a stable sort by time keeps it within an instant
        entries = sorted(((ev.ts, ev) for ev in evs
                          if ev.kind in ("manufacturing.stop_reason", "manufacturing.lot_start",
                                         "manufacturing.lot_end")
                          and whole(ev.ts) is not None and since <= ev.ts < now),
                         key=lambda e: e[0])
        series = sorted((ts, ch, v) for ch in self.route
                        for ts, v in resume.readings(ch, since) if ts < now)
        feed_again(series, self.feed, entries, self._replay_entry)
        done = {(d.get("machine"), d.get("start")) for ev in evs
                if ev.kind == "manufacturing.shift" for d in (data_of(ev),)}
        for live in self.machines.values():
            if live.shift is not None and (live.m.id, live.shift.start_ms) in done:
                live.shift = None  # summarised before the stop: not a second time
        return []

    def _replay_from(self, now: int, evs: Sequence) -> int:
        """Where the replay starts: the latest shift start (a day back at most), or the
        start of a lot still under way if that is earlier."""
        floor = now - REPLAY_MS
        starts = [i.start_ms for live in self.machines.values()
                  for i in live.cal.instances(floor, now) if floor <= i.start_ms <= now]
        since = max(starts) if starts else floor
        open_lot: dict[str, int] = {}
        for ev in evs:
            machine = data_of(ev).get("machine")
            if ev.kind == "manufacturing.lot_start" and isinstance(ev.ts, int):
                open_lot[str(machine)] = ev.ts
            elif ev.kind in ("manufacturing.lot_end", "manufacturing.lot"):
                open_lot.pop(str(machine), None)
        lots = [t for t in open_lot.values() if t >= floor]
        return min([since, *lots])

    def _replay_entry(self, ev) -> None:
        try:
            self.on_entry(ev)
        except (KeyError, TypeError, ValueError):  # a row of the wrong shape: not taken up
            log.warning("entry %s of the wrong shape left out of the restart", ev.id)

    # -- readings ------------------------------------------------------------------
    def feed(self, readings: Sequence[Reading]) -> RuleOutput:
        out = RuleOutput()
        route = self.route
        for r in readings:
            targets = route.get(r.channel)
            if targets is None or r.value is None or r.quality & BAD_QUALITY:
                continue
            for fn, arg in targets:
                fn(arg, r.channel, r.ts, r.value, out)
        for m in self.stack:
            m.flush(out)
        return out

    def _lot_value(self, machine: str, channel: str, ts: int, v: float, out: RuleOutput
                   ) -> None:
        lot = self.machines[machine].lot
        if lot is not None:
            lot.add(channel, ts, v)

    def _lot_edge(self, machine: str, channel: str, ts: int, v: float, out: RuleOutput
                  ) -> None:
        live = self.machines[machine]
        rule = live.m.lot
        assert rule is not None and rule.above is not None and rule.below is not None
        if live.lot is None and v >= rule.above:
            local = dt.datetime.fromtimestamp(ts / 1000, self.tz)
            live.lot = LotLive(machine, f"{machine}-{local:%Y%m%d-%H%M%S}",
                               self.settings.recipes[rule.recipe], ts, "rule")
            live.lot.add(channel, ts, v)
        elif live.lot is not None and v < rule.below and live.lot.started_by == "rule":
            out.events.extend(live.lot.end(ts, "rule"))
            live.lot = None

    # -- entries -------------------------------------------------------------------
    def on_entry(self, event: NewEvent) -> list[NewEvent]:
        d = event.data if isinstance(event.data, dict) else {}
        live = self.machines.get(str(d.get("machine", "")))
        out: list[NewEvent] = []
        if event.kind == "manufacturing.stop_reason" and live is not None:
            live.reasons.append(ReasonEntry(int(d["stop_start"]), str(d["reason"]),
                                            event.user))
            live.next_prompt_check = 0
        elif event.kind == "manufacturing.lot_start" and live is not None:
            if live.lot is not None:
                out.extend(live.lot.end(event.ts, event.user))
            rid = str(d.get("recipe") or (live.m.lot.recipe if live.m.lot else ""))
            rec = self.settings.recipes.get(rid)
            if rec is not None:
                live.lot = LotLive(live.m.id, str(d.get("lot") or f"{live.m.id}-{event.ts}"),
                                   rec, event.ts, event.user)
                if rec.product and rec.product in live.m.ideal_cycle_s:
                    live.product = rec.product
        elif event.kind == "manufacturing.lot_end" and live is not None and live.lot:
            out.extend(live.lot.end(event.ts, event.user))
            live.lot = None
        elif event.kind == "manufacturing.calibrated":
            item = str(d.get("item", ""))
            if item in self.cal_last:
                try:
                    self.cal_last[item] = dt.date.fromisoformat(str(d.get("done_on")))
                except ValueError:
                    self.cal_last[item] = dt.datetime.fromtimestamp(event.ts / 1000,
                                                                    self.tz).date()
                self.cal_flagged.discard(item)
        return out

    def tick(self, now_ms: int) -> list[NewEvent]:
        events: list[NewEvent] = []
        for live in self.machines.values():
            live.tick(now_ms, events)
        day = dt.datetime.fromtimestamp(now_ms / 1000, self.tz).date()
        if day != self.cal_day:
            self.cal_day = day
            for c in self.settings.calibrations:
                due = c.due(self.cal_last[c.id])
                if day > due and c.id not in self.cal_flagged:
                    self.cal_flagged.add(c.id)
                    events.append(NewEvent(
                        now_ms, "manufacturing.calibration_overdue",
                        f"{c.title}: {due.isoformat()} 기한 경과 — 교정·측정 필요 "
                        f"(overdue since {due.isoformat()})", "warning",
                        data={"item": c.id, "machine": c.machine, "kind": c.kind,
                              "due": due.isoformat()}))
        return events
