"""CCP monitors: turn readings (and operator entries) into monitoring records and deviations.

Each CCP kind has one small monitor. They emit:
- `haccp.deviation` (severity alarm) when a critical limit is breached, a sensor is lost
  or a scheduled check is missed — the start of the deviation lifecycle;
- `haccp.recovered` when a continuous CCP is back within its limit;
- `haccp.batch` / `haccp.cooling` monitoring records (one per heating batch or cooling
  run), which the daily log lists;
- `haccp.md_reject` for each metal-detector reject.
Event `data` always carries the CCP id, so reports and the deviation list can group by it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent
from deungdae.sectors.api.resume import Resume, data_of, number, whole
from deungdae.sectors.haccp.ccp_config import CCP, TEST_PIECES

BAD_QUALITY = 1 | 2 | 4 | 8 | 16 | 32


def _ev(ccp: CCP, ts: int, kind: str, message: str, severity: str = "info", **data) -> NewEvent:
    return NewEvent(ts=ts, kind=kind, severity=severity, channel=ccp.channel, message=message,
                    data={"ccp": ccp.id, **data})


def deviation(ccp: CCP, ts: int, reason: str, message: str, **data) -> NewEvent:
    return _ev(ccp, ts, "haccp.deviation", f"{ccp.name}: {message}", "alarm",
               reason=reason, ccp_kind=ccp.kind, **data)


REPLAY_MS = 12 * 3_600_000  # how far back a restart looks for a batch or run under way


class _Monitor(ABC):
    """Common part: the lost-sensor deviation every automatically monitored CCP has."""

    def __init__(self, ccp: CCP) -> None:
        self.ccp = ccp
        self.last_ts: int | None = None
        self.lost = False
        self.resumed = False  # true while handling the first reading after a loss

    def start(self, now_ms: int) -> None:
        if self.last_ts is None:
            self.last_ts = now_ms

    def feed(self, r: Reading, out: list[NewEvent]) -> None:
        # a silence no tick saw (the logger was stopped): raised before the reading
        _Monitor.tick(self, r.ts, out)
        if self.lost:
            self.lost = False
            out.append(_ev(self.ccp, r.ts, "haccp.recovered", f"{self.ccp.name}: 센서 복구 "
                           "(sensor reading again)", reason="sensor_lost",
                           gap_s=(r.ts - (self.last_ts or r.ts)) / 1000))
            self.resumed = True
        self.last_ts = r.ts
        self.on_value(r.ts, r.value, out)  # type: ignore[arg-type]
        self.resumed = False

    @abstractmethod
    def on_value(self, ts: int, v: float, out: list[NewEvent]) -> None:
        """What a good value means for this kind of CCP."""

    def tick(self, now_ms: int, out: list[NewEvent]) -> None:
        stale = self.ccp.stale_after_s
        if stale is None or self.lost or self.last_ts is None:
            return
        if now_ms - self.last_ts > stale * 1000:
            self.lost = True
            self.on_lost(self.last_ts + int(stale * 1000), out)

    def on_lost(self, ts: int, out: list[NewEvent]) -> None:
        out.append(deviation(self.ccp, ts, "sensor_lost",
                             f"자동 기록 중단 — {self.ccp.stale_after_s:g} s 동안 측정값 없음 "
                             "(no reading; record by hand until fixed)",
                             last_reading=self.last_ts))

    def on_entry(self, ev: NewEvent, out: list[NewEvent]) -> None:  # noqa: B027
        """An operator entry (manual check) for this CCP; most kinds need none."""

    def replay(self, resume: Resume, window_ms: int) -> None:
        """Rebuild the state of a batch or run under way from the record's readings of the
        last `window_ms`, fed as they were live; what they lead to is in the record
        already, so the events are dropped."""
        scratch: list[NewEvent] = []
        for ts, v in resume.readings(self.ccp.channel, resume.now_ms - window_ms):
            self.feed(Reading(self.ccp.channel, ts, v), scratch)

    def take_up(self, open_: dict[str, object], resume: Resume) -> None:
        """Carry on the deviations the record holds open (by reason) at a restart: a
        sensor still lost recovers with the gap from its last reading before the loss."""
        if self.ccp.stale_after_s is None:
            return
        ev = open_.get("sensor_lost")
        if ev is None:  # the time the logger was stopped is silence like any other
            self.last_ts = resume.last_good(self.ccp.channel)
            return
        last = whole(data_of(ev).get("last_reading"))
        self.lost = True
        self.last_ts = last if last is not None else whole(getattr(ev, "ts", None))

    def due(self, now_ms: int) -> list[tuple[int, str]]:
        """Scheduled checks not yet done: (due time, label)."""
        return []


class HeatingMonitor(_Monitor):
    """Per batch, the value must stay at or above the limit for the hold time."""

    def __init__(self, ccp: CCP) -> None:
        super().__init__(ccp)
        assert ccp.limit is not None
        self.start_level = ccp.batch_start if ccp.batch_start is not None else ccp.limit / 2
        # A batch ends only once clearly below its start level, so noise around the
        # threshold does not split one batch into many.
        self.end_level = self.start_level - max(ccp.hysteresis, 5.0)
        self.in_batch = False
        self._reset(0)

    def _reset(self, ts: int, continuation: bool = False) -> None:
        # The rest of a batch whose sensor was lost cannot be proven either; it is
        # recorded as incomplete under the deviation the loss already raised.
        self.continuation = continuation
        self.batch_start_ts = ts
        self.vmax = float("-inf")
        self.run_start: int | None = None
        self.best_hold_ms = 0

    def on_value(self, ts: int, v: float, out: list[NewEvent]) -> None:
        ccp = self.ccp
        if not self.in_batch:
            if v >= self.start_level:
                self.in_batch = True
                self._reset(ts, continuation=self.resumed)
            else:
                return
        if v < self.end_level:
            self._finish(ts, out)
            return
        self.vmax = max(self.vmax, v)
        if ccp.within(v):
            if self.run_start is None:
                self.run_start = ts
            self.best_hold_ms = max(self.best_hold_ms, ts - self.run_start)
        else:
            self.run_start = None

    def _finish(self, ts: int, out: list[NewEvent], lost: bool = False) -> None:
        ccp = self.ccp
        lost = lost or self.continuation
        held = self.best_hold_ms / 1000
        ok = not lost and held >= ccp.hold_s
        out.append(_ev(ccp, ts, "haccp.batch",
                       f"{ccp.name}: 배치 {'적합' if ok else '부적합'} — 최고 {self.vmax:g}, "
                       f"{ccp.limit:g} 이상 {held:g} s 유지",
                       batch_start=self.batch_start_ts, batch_end=ts, max=self.vmax,
                       held_s=held, ok=ok, incomplete=lost))
        if not ok and not lost:
            reason = "not_reached" if self.vmax < (ccp.limit or 0) else "hold_too_short"
            out.append(deviation(
                ccp, ts, reason,
                f"한계기준 이탈 — {ccp.limit:g} 이상 {held:g} s 유지, 기준 {ccp.hold_s:g} s "
                f"(held {held:g} s, needs {ccp.hold_s:g} s)",
                held_s=held, hold_s=ccp.hold_s, limit=ccp.limit, max=self.vmax,
                batch_start=self.batch_start_ts))
        self.in_batch = False

    def on_lost(self, ts: int, out: list[NewEvent]) -> None:
        super().on_lost(ts, out)
        if self.in_batch:  # the batch cannot be proven: it is held as a deviation
            self._finish(ts, out, lost=True)

    def take_up(self, open_: dict[str, object], resume: Resume) -> None:
        """A batch under way when the logger stopped goes on: one batch record at its end
        (incomplete if the stop was longer than `stale_after`, as for a lost sensor)."""
        self.replay(resume, REPLAY_MS)
        super().take_up(open_, resume)
        if self.lost:  # the loss already ended the batch as incomplete
            self.in_batch = False


class LimitMonitor(_Monitor):
    """Continuous limit (cold/frozen storage, pH, water activity) with a grace period."""

    def __init__(self, ccp: CCP) -> None:
        super().__init__(ccp)
        self.since: int | None = None
        self.open = False
        self.worst: float | None = None

    def _back_inside(self, v: float) -> bool:
        ccp = self.ccp
        assert ccp.limit is not None
        h = ccp.hysteresis
        return v >= ccp.limit + h if ccp.op == ">=" else v <= ccp.limit - h

    def take_up(self, open_: dict[str, object], resume: Resume) -> None:
        """A CCP beyond its limit when the logger stopped is still in that deviation: it
        ends with one `haccp.recovered` whose duration and worst value count from the start."""
        super().take_up(open_, resume)
        ev = open_.get("limit")
        if ev is None:
            return
        data = data_of(ev)
        since = whole(data.get("since"))
        if since is None:
            since = whole(getattr(ev, "ts", None))
        if since is None:
            return
        self.open, self.since = True, since
        self.worst = resume.worst(self.ccp.channel, since, self.ccp.op == "<=",
                                  number(data.get("value")))

    def on_value(self, ts: int, v: float, out: list[NewEvent]) -> None:
        ccp = self.ccp
        if self.open:
            if self.worst is None or ((v > self.worst) if ccp.op == "<=" else (v < self.worst)):
                self.worst = v
            if self._back_inside(v):
                self.open = False
                out.append(_ev(ccp, ts, "haccp.recovered",
                               f"{ccp.name}: 한계기준 이내 복귀 (back within {ccp.op} "
                               f"{ccp.limit:g})", reason="limit", since=self.since,
                               duration_s=(ts - (self.since or ts)) / 1000, worst=self.worst))
                self.since = None
            return
        if ccp.within(v):
            self.since = None
            return
        if self.since is None:
            self.since = ts
            self.worst = v
        elif (v > self.worst) if ccp.op == "<=" else (v < self.worst):  # type: ignore[operator]
            self.worst = v
        if ts - self.since >= ccp.grace_s * 1000:
            self.open = True
            out.append(deviation(
                ccp, ts, "limit",
                f"한계기준 이탈 — {v:g} (기준 {ccp.op} {ccp.limit:g}), "
                f"{(ts - self.since) / 1000:g} s 지속 (허용 {ccp.grace_s:g} s)",
                value=v, limit=ccp.limit, since=self.since, grace_s=ccp.grace_s))


class CoolingMonitor(_Monitor):
    """A cooling run must pass each stage (e.g. 21 °C within 2 h, 5 °C within 6 h)."""

    def __init__(self, ccp: CCP) -> None:
        super().__init__(ccp)
        self.start_above = ccp.start_above if ccp.start_above is not None else 57.0
        self.hot = False
        self.run_start: int | None = None
        self.stage = 0
        self.stage_times: list[float] = []

    def take_up(self, open_: dict[str, object], resume: Resume) -> None:
        """A cooling run under way when the logger stopped goes on and is judged at its
        end, or at the deadline it missed while the logger was stopped."""
        longest = max((int(st.within_s * 1000) for st in self.ccp.stages), default=0)
        self.replay(resume, min(longest + 2 * 3_600_000, REPLAY_MS))
        super().take_up(open_, resume)

    def on_value(self, ts: int, v: float, out: list[NewEvent]) -> None:
        if v >= self.start_above:
            self.hot = True
            self.run_start = None
            return
        if self.hot and self.run_start is None:
            self.hot = False
            self.run_start = ts
            self.stage = 0
            self.stage_times = []
        if self.run_start is None:
            return
        self._check_deadline(ts, out)
        if self.run_start is None:
            return
        stages = self.ccp.stages
        while self.stage < len(stages) and v <= stages[self.stage].below:
            self.stage_times.append((ts - self.run_start) / 1000)
            self.stage += 1
        if self.stage == len(stages):
            out.append(_ev(self.ccp, ts, "haccp.cooling", f"{self.ccp.name}: 냉각 적합 "
                           f"(stages reached after {', '.join(f'{t:g}' for t in self.stage_times)} s)",
                           run_start=self.run_start, stage_times_s=self.stage_times, ok=True))
            self.run_start = None

    def _check_deadline(self, now: int, out: list[NewEvent]) -> None:
        if self.run_start is None or self.stage >= len(self.ccp.stages):
            return
        st = self.ccp.stages[self.stage]
        deadline = self.run_start + int(st.within_s * 1000)
        if now > deadline:
            out.append(deviation(
                self.ccp, deadline, "cooling_too_slow",
                f"냉각 기준 미달 — {st.within_s / 3600:g} h 안에 {st.below:g} 이하로 내려가지 "
                f"않음 (not below {st.below:g} within {st.within_s / 3600:g} h)",
                stage=self.stage + 1, below=st.below, within_s=st.within_s,
                run_start=self.run_start))
            out.append(_ev(self.ccp, deadline, "haccp.cooling", f"{self.ccp.name}: 냉각 부적합",
                           run_start=self.run_start, stage_times_s=self.stage_times, ok=False))
            self.run_start = None

    def tick(self, now_ms: int, out: list[NewEvent]) -> None:
        super().tick(now_ms, out)
        self._check_deadline(now_ms, out)


LOOK_BACK_MS = 86_400_000  # a restart looks for checks missed in the day before, no more


class MetalDetectionMonitor(_Monitor):
    """Rejects from a digital input; test-piece checks due at set local times."""

    def __init__(self, ccp: CCP, tz: ZoneInfo) -> None:
        super().__init__(ccp)
        self.tz = tz
        self.prev: float | None = None
        self.checks: list[tuple[int, dict]] = []  # (ts, results) of entries
        self.reported: set[int] = set()
        self.watch_from: int | None = None

    def start(self, now_ms: int) -> None:
        super().start(now_ms)
        if self.watch_from is None:
            self.watch_from = now_ms

    def take_up(self, open_: dict[str, object], resume: Resume) -> None:
        """Checks due while the logger was stopped are still due: the record's checks and
        what was already reported missing are known again, and watching goes on from the
        detector's last reading (at most `LOOK_BACK_MS` back), not from the restart."""
        super().take_up(open_, resume)
        me = self.ccp.id
        for ev in resume.events:
            data = data_of(ev)
            if data.get("ccp") != me:
                continue
            ts = whole(getattr(ev, "ts", None))
            if ev.kind == "haccp.md_check" and ts is not None:
                results = data.get("results")
                self.checks.append((ts, results if isinstance(results, dict) else {}))
            elif ev.kind == "haccp.deviation" and data.get("reason") == "check_missed":
                due = whole(data.get("due"))
                if due is not None:
                    self.reported.add(due)
        last = resume.last_good(self.ccp.channel)
        if last is not None and last < resume.now_ms:
            self.watch_from = max(last, resume.now_ms - LOOK_BACK_MS)

    def on_value(self, ts: int, v: float, out: list[NewEvent]) -> None:
        if v >= 0.5 and (self.prev is None or self.prev < 0.5):
            out.append(_ev(self.ccp, ts, "haccp.md_reject",
                           f"{self.ccp.name}: 금속 검출 — 제품 배제 (reject)", "warning"))
        self.prev = v

    def on_entry(self, ev: NewEvent, out: list[NewEvent]) -> None:
        if ev.kind != "haccp.md_check":
            return
        results = ev.data.get("results", {})
        self.checks.append((ev.ts, results))
        failed = [p for p in TEST_PIECES if p in results and not results[p]]
        missing = [p for p in TEST_PIECES if p not in results]
        if failed or missing:
            out.append(deviation(
                self.ccp, ev.ts, "test_piece_failed",
                "시편 점검 부적합: " + ", ".join(failed + [f"{m} 미실시" for m in missing]),
                failed=failed, missing=missing, by=ev.user))

    def _slots(self, lo: int, hi: int) -> list[int]:
        """Due times (UTC ms) of checks between lo and hi."""
        out = []
        day = datetime.fromtimestamp(lo / 1000, self.tz).date() - timedelta(days=1)
        end_day = datetime.fromtimestamp(hi / 1000, self.tz).date()
        while day <= end_day:
            for hhmm in self.ccp.checks:
                h, m = map(int, hhmm.split(":"))
                t = int(datetime(day.year, day.month, day.day, h, m, tzinfo=self.tz)
                        .timestamp() * 1000)
                if lo <= t <= hi:
                    out.append(t)
            day += timedelta(days=1)
        return out

    def _done(self, t: int) -> bool:
        w = self.ccp.check_window_s * 1000
        return any(t - w <= ts <= t + w for ts, _ in self.checks)

    def tick(self, now_ms: int, out: list[NewEvent]) -> None:
        if self.ccp.stale_after_s is not None:
            super().tick(now_ms, out)
        if self.watch_from is None:
            return
        w = int(self.ccp.check_window_s * 1000)
        for t in self._slots(self.watch_from, now_ms - w):
            if t in self.reported or self._done(t):
                continue
            self.reported.add(t)
            local = datetime.fromtimestamp(t / 1000, self.tz).strftime("%H:%M")
            out.append(deviation(self.ccp, t + w, "check_missed",
                                 f"{local} 시편 점검 미실시 (test-piece check not done)",
                                 due=t))

    def due(self, now_ms: int) -> list[tuple[int, str]]:
        w = int(self.ccp.check_window_s * 1000)
        return [(t, "test pieces") for t in self._slots(now_ms - w, now_ms + 86_400_000)
                if not self._done(t)]


def make_monitor(ccp: CCP, tz: ZoneInfo) -> _Monitor:
    if ccp.kind == "heating":
        return HeatingMonitor(ccp)
    if ccp.kind == "cooling":
        return CoolingMonitor(ccp)
    if ccp.kind == "metal_detection":
        return MetalDetectionMonitor(ccp, tz)
    return LimitMonitor(ccp)


class HaccpRules:
    """All CCP monitors of a site, as one sector rule."""

    resumes = frozenset({"haccp.deviation", "haccp.recovered", "haccp.md_check"})

    def __init__(self, ccps: Sequence[CCP], tz: ZoneInfo, section: dict | None = None) -> None:
        self.monitors = [make_monitor(c, tz) for c in ccps]
        # the loaded [sectors.haccp] table: a critical limit changed in the window
        # (`ccp_limits.change_limit`) is set there, and each monitor takes it at once
        self._raw = {c.get("id"): c for c in (section or {}).get("ccps", [])
                     if isinstance(c, dict)}
        self.by_channel: dict[str, list[_Monitor]] = {}
        for m in self.monitors:
            self.by_channel.setdefault(m.ccp.channel, []).append(m)
        self.by_ccp = {m.ccp.id: m for m in self.monitors}

    @property
    def reads(self):
        """The CCPs' channels: the engine feeds nothing else (see `Rule`)."""
        return self.by_channel.keys()

    def start(self, now_ms: int) -> None:
        for m in self.monitors:
            m.start(now_ms)

    def resume(self, resume: Resume) -> list[NewEvent]:
        """Deviations open when the logger stopped go on (see `sectors.api.resume`)."""
        def key(ev) -> tuple | None:
            data = data_of(ev)
            ccp, reason = data.get("ccp"), data.get("reason")
            if isinstance(ccp, str) and reason in ("limit", "sensor_lost"):
                return (ccp, reason)
            return None

        open_ = resume.still_open("haccp.deviation", "haccp.recovered", key)
        for m in self.monitors:
            mine = {reason: ev for (ccp, reason), ev in open_.items() if ccp == m.ccp.id}
            m.take_up(mine, resume)
        return []

    def _sync_limits(self) -> None:
        for m in self.monitors:
            raw = self._raw.get(m.ccp.id)
            v = raw.get("limit") if raw is not None else None
            if isinstance(v, int | float) and not isinstance(v, bool) and \
                    m.ccp.limit is not None and float(v) != m.ccp.limit:
                m.ccp = replace(m.ccp, limit=float(v))

    def feed(self, readings: Sequence[Reading]) -> list[NewEvent]:
        self._sync_limits()
        out: list[NewEvent] = []
        mine = [r for r in readings if r.channel in self.by_channel and r.value is not None
                and not r.quality & BAD_QUALITY]
        mine.sort(key=lambda r: r.ts)
        for r in mine:
            for m in self.by_channel[r.channel]:
                m.feed(r, out)
        return out

    def tick(self, now_ms: int) -> list[NewEvent]:
        self._sync_limits()
        out: list[NewEvent] = []
        for m in self.monitors:
            m.tick(now_ms, out)
        return out

    def on_entry(self, ev: NewEvent) -> list[NewEvent]:
        out: list[NewEvent] = []
        m = self.by_ccp.get(ev.data.get("ccp", ""))
        if m is not None:
            m.on_entry(ev, out)
        return out
