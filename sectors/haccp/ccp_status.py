"""What the HACCP pages show, computed from the record (no Qt; runs on a worker thread).

`load()` reads the store once and returns a `Snapshot`: each CCP's state, its last check
and the next one due; the deviations with their lifecycle steps and sign-offs; the
monitoring schedule (test-piece checks at set local times, checks due every `frequency`,
continuous automatic recording that must keep delivering); and, when asked, the
smart-HACCP readiness checklist (which verifies the whole hash chain, so it is slower).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.records.store import EventRow, Store
from deungdae.sectors.api.integrity import integrity_statement_for
from deungdae.sectors.haccp.ccp_config import CCP, parse_ccps
from deungdae.sectors.haccp.deviations import Deviation, collect
from deungdae.sectors.haccp.readiness import Check, readiness

MANUAL = 64  # hardware.reading.Quality.MANUAL
BAD_QUALITY = 1 | 2 | 4 | 8 | 16 | 32
DAY = 86_400_000
# Lifecycle and state kinds are read over the whole record (an open deviation stays open
# however old it is); monitoring records only over the last RECENT_MS.
LIFECYCLE = ("haccp.deviation", "haccp.recovered", "haccp.ack", "haccp.action",
             "haccp.verify", "signoff")
MONITORING = ("haccp.batch", "haccp.cooling", "haccp.md_check", "manual.entry")
RECENT_MS = 2 * DAY
# Conditions that last until a `haccp.recovered` with the same reason.
LASTING = ("limit", "sensor_lost")
# A frequency check shows as "due" this long before it is.
DUE_SOON_MS = 15 * 60_000


@dataclass(frozen=True, slots=True)
class ScheduleItem:
    ccp: str
    what: str  # "test_pieces", "frequency" or "continuous"
    due_ms: int
    status: str  # "done", "upcoming", "due" or "overdue"
    window_ms: int = 0
    done_ms: int | None = None
    done_by: str = ""


@dataclass(slots=True)
class CcpStatus:
    ccp: CCP
    # "waiting", "ok", "tolerated" (outside the limit, still within its grace), "action"
    # (a deviation not closed), "breach" (limit deviation still on), "lost" (no recording)
    state: str
    value: float | None = None
    value_ts: int | None = None
    value_manual: bool = False
    last_check_ms: int | None = None
    last_check_by: str = ""  # user name; "" for automatic recording
    last_check_manual: bool = False
    next_due_ms: int | None = None
    next_due_status: str = ""
    open_deviations: int = 0
    active: tuple[str, ...] = ()  # lasting conditions now: "limit", "sensor_lost"


@dataclass(slots=True)
class Snapshot:
    now_ms: int
    statuses: list[CcpStatus] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    signatures: dict[int, list[EventRow]] = field(default_factory=dict)  # deviation id ->
    schedule: list[ScheduleItem] = field(default_factory=list)
    readiness: list[Check] | None = None
    readiness_ms: int | None = None  # when the checklist was computed
    errors: list[str] = field(default_factory=list)

    def deviation(self, event_id: int) -> Deviation | None:
        return next((d for d in self.deviations if d.event.id == event_id), None)


def ccps_of(site: dict) -> tuple[list[CCP], list[str]]:
    return parse_ccps(site.get("sectors", {}).get("haccp", {}))


def integrity(db_path: Path, data_dir: Path | None = None) -> tuple[bool, str]:
    """Whether the record's hash chain verifies now (what readiness check 2 shows)."""
    return integrity_statement_for(db_path, data_dir)


def check_slots(ccp: CCP, tz: ZoneInfo, now_ms: int) -> list[int]:
    """Due times (UTC ms) of today's test-piece checks, local day of `now_ms`; once all of
    today's are past their window, tomorrow's too."""
    w = int(ccp.check_window_s * 1000)
    today = datetime.fromtimestamp(now_ms / 1000, tz).date()

    def day_slots(day) -> list[int]:
        out = []
        for hhmm in sorted(ccp.checks):
            h, m = map(int, hhmm.split(":"))
            out.append(int(datetime(day.year, day.month, day.day, h, m, tzinfo=tz)
                           .timestamp() * 1000))
        return out

    slots = day_slots(today)
    if not slots or all(t + w < now_ms for t in slots):
        slots += day_slots(today + timedelta(days=1))
    return slots


def _slot_items(ccp: CCP, tz: ZoneInfo, now_ms: int,
                checks: Sequence[EventRow]) -> list[ScheduleItem]:
    w = int(ccp.check_window_s * 1000)
    out = []
    for t in check_slots(ccp, tz, now_ms):
        done = next((c for c in checks if t - w <= c.ts <= t + w), None)
        if done is not None:
            status = "done"
        elif now_ms > t + w:
            status = "overdue"
        elif now_ms >= t - w:
            status = "due"
        else:
            status = "upcoming"
        out.append(ScheduleItem(ccp.id, "test_pieces", t, status, w,
                                done.ts if done else None, done.user if done else ""))
    return out


def _timed_status(due: int, now_ms: int, soon_ms: int) -> str:
    if now_ms > due:
        return "overdue"
    return "due" if due - now_ms <= soon_ms else "upcoming"


def load(store: Store, site: dict, tz: ZoneInfo, now_ms: int, *,
         with_readiness: bool = False, db_path: Path | None = None,
         data_dir: Path | None = None) -> Snapshot:
    """Everything the HACCP pages show, read from `store` as of `now_ms`."""
    ccps, errs = ccps_of(site)
    snap = Snapshot(now_ms, errors=errs)
    life = store.events(None, None, kinds=LIFECYCLE, limit=1_000_000)
    recent = store.events(now_ms - RECENT_MS, None, kinds=MONITORING, limit=1_000_000)
    snap.deviations = collect([e for e in life if e.kind != "signoff"])
    dev_ids = {d.event.id for d in snap.deviations}
    for e in life:
        if e.kind == "signoff" and e.ref_id in dev_ids:
            snap.signatures.setdefault(e.ref_id, []).append(e)

    for ccp in ccps:
        st = CcpStatus(ccp, "waiting")
        try:
            latest = store.latest(store.channel_id(ccp.channel))
        except KeyError:
            latest = None
        if latest is not None and latest[1] is not None and not latest[2] & BAD_QUALITY:
            st.value_ts, st.value, q = latest
            st.value_manual = bool(q & MANUAL)

        # lasting conditions (limit breach, sensor lost) and deviations not yet closed
        active: dict[str, bool] = {}
        for e in life:
            if e.data.get("ccp") != ccp.id:
                continue
            reason = e.data.get("reason", "")
            if reason in LASTING and e.kind in ("haccp.deviation", "haccp.recovered"):
                active[reason] = e.kind == "haccp.deviation"
        st.active = tuple(r for r in LASTING if active.get(r))
        st.open_deviations = sum(1 for d in snap.deviations
                                 if d.ccp == ccp.id and d.status != "closed")

        # the last check: a monitoring record, a manual value, or (continuous CCPs) the
        # latest automatic reading
        mine = [e for e in recent if e.data.get("ccp") == ccp.id
                and e.kind in ("haccp.batch", "haccp.cooling", "haccp.md_check")]
        manual = [e for e in recent if e.kind == "manual.entry" and e.channel == ccp.channel]
        cands: list[tuple[int, str, bool]] = [(e.ts, e.user if e.user != "system" else "",
                                               False) for e in mine]
        cands += [(e.ts, e.user, True) for e in manual]
        if ccp.kind in ("cold_storage", "limit") and st.value_ts is not None:
            cands.append((st.value_ts, "", st.value_manual))
        if cands:
            st.last_check_ms, st.last_check_by, st.last_check_manual = max(cands)

        # the schedule and the next check due
        items: list[ScheduleItem] = []
        if ccp.kind == "metal_detection":
            checks = [e for e in recent if e.kind == "haccp.md_check"
                      and e.data.get("ccp") == ccp.id]
            items += _slot_items(ccp, tz, now_ms, checks)
        if ccp.frequency_s:
            freq = int(ccp.frequency_s * 1000)
            base = st.last_check_ms
            if base is None:  # nothing yet: counted from the first reading we have
                first = store.readings(store.channel_id(ccp.channel), now_ms - RECENT_MS,
                                       now_ms + 1, limit=1) if latest is not None else []
                base = first[0][0] if first else now_ms
            due = base + freq
            items.append(ScheduleItem(ccp.id, "frequency", due,
                                      _timed_status(due, now_ms, min(DUE_SOON_MS, freq // 4)),
                                      0, st.last_check_ms, st.last_check_by))
        elif ccp.kind != "metal_detection" and ccp.stale_after_s and st.value_ts is not None:
            due = st.value_ts + int(ccp.stale_after_s * 1000)
            items.append(ScheduleItem(ccp.id, "continuous", due,
                                      "overdue" if now_ms > due else "upcoming", 0,
                                      st.value_ts, ""))
        pending = [i for i in items if i.status != "done"]
        if pending:
            nxt = min(pending, key=lambda i: i.due_ms)
            st.next_due_ms, st.next_due_status = nxt.due_ms, nxt.status
        snap.schedule += items

        if "sensor_lost" in st.active:
            st.state = "lost"
        elif "limit" in st.active:
            st.state = "breach"
        elif st.open_deviations:
            st.state = "action"
        elif ccp.kind in ("cold_storage", "limit") and st.value is not None and \
                not ccp.within(st.value):
            st.state = "tolerated"
        elif st.value_ts is not None or st.last_check_ms is not None:
            st.state = "ok"
        snap.statuses.append(st)

    order = {"overdue": 0, "due": 1, "upcoming": 2, "done": 3}
    snap.schedule.sort(key=lambda i: (order[i.status], i.due_ms))
    if with_readiness:
        snap.readiness = readiness(
            store, site, now_ms,
            integrity(db_path, data_dir) if db_path is not None else
            (False, "검증하지 않음 (not verified)"))
        snap.readiness_ms = now_ms
    return snap
