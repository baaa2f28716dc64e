"""What HACCP reports show, gathered from the record as plain data.

PDF, CSV and XLSX output all render these same rows, so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from deungdae.records.store import EventRow, Store
from deungdae.sectors.haccp.ccp_config import CCP, TEST_PIECES
from deungdae.sectors.haccp.deviations import Deviation, collect

OK, NG = "적합", "부적합"
REASON_KO = {
    "hold_too_short": "유지시간 미달", "not_reached": "한계온도 미도달", "limit": "한계기준 이탈",
    "sensor_lost": "자동기록 중단(센서)", "check_missed": "점검 미실시",
    "test_piece_failed": "시편 불검출", "cooling_too_slow": "냉각 지연",
}
STATUS_KO = {"open": "미조치", "acknowledged": "확인", "action_recorded": "조치 완료·검증 대기",
             "closed": "검증 완료"}
PIECE_KO = {"fe": "Fe", "sus": "SUS", "product": "제품", "fe_on_product": "Fe+제품",
            "sus_on_product": "SUS+제품"}


@dataclass(slots=True)
class Row:
    time: str
    value: str
    verdict: str
    action: str = ""
    checker: str = "자동 (system)"
    manual: bool = False
    corrected: bool = False


@dataclass(slots=True)
class CcpSection:
    ccp: CCP
    unit: str
    limit_text: str
    rows: list[Row] = field(default_factory=list)
    vmin: float | None = None
    vmax: float | None = None
    n_readings: int = 0
    n_manual: int = 0
    rejects: int = 0
    deviations: list[Deviation] = field(default_factory=list)


@dataclass(slots=True)
class Period:
    plant: str
    tz: ZoneInfo
    start: datetime
    end: datetime

    @property
    def t0(self) -> int:
        return int(self.start.timestamp() * 1000)

    @property
    def t1(self) -> int:
        return int(self.end.timestamp() * 1000)

    def hhmm(self, ts: int) -> str:
        return datetime.fromtimestamp(ts / 1000, self.tz).strftime("%H:%M")

    def stamp(self, ts: int) -> str:
        return datetime.fromtimestamp(ts / 1000, self.tz).strftime("%Y-%m-%d %H:%M")


def day_period(plant: str, tz: ZoneInfo, day: date) -> Period:
    start = datetime.combine(day, time(0), tzinfo=tz)
    return Period(plant, tz, start, start + timedelta(days=1))


def month_period(plant: str, tz: ZoneInfo, year: int, month: int) -> Period:
    start = datetime(year, month, 1, tzinfo=tz)
    nxt = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return Period(plant, tz, start, nxt)


def lifecycle_events(store: Store, period: Period) -> list[EventRow]:
    """Events of the period plus the later lifecycle steps of its deviations."""
    events = store.events(period.t0, period.t1, limit=1_000_000)
    ids = {e.id for e in events if e.kind == "haccp.deviation"}
    if ids:
        later = store.events(period.t1, None, kinds=("haccp.ack", "haccp.action", "haccp.verify"),
                             limit=1_000_000)
        events += [e for e in later if e.ref_id in ids]
    return events


def _fmt(v: float | None, unit: str) -> str:
    return "—" if v is None else f"{v:.1f} {unit}".strip()


def ccp_sections(store: Store, ccps: list[CCP], units: dict[str, str], period: Period,
                 events: list[EventRow], hourly: bool = True) -> list[CcpSection]:
    devs = collect(events)
    out = []
    for ccp in ccps:
        unit = units.get(ccp.channel, "")
        sec = CcpSection(ccp, unit, ccp.limit_text(unit))
        sec.deviations = [d for d in devs if d.ccp == ccp.id]
        mine = [e for e in events if e.data.get("ccp") == ccp.id
                or (e.kind == "manual.entry" and e.channel == ccp.channel)]
        try:
            ch = store.channel_id(ccp.channel)
        except KeyError:
            ch = None
        if ch is not None:
            (b,) = store.downsample(ch, period.t0, period.t1, 1) or [None]
            if b is not None:
                sec.vmin, sec.vmax, sec.n_readings = b.vmin, b.vmax, b.n
        # every manual value has its manual.entry event, so counting those is exact and
        # needs no scan of a month of readings
        sec.n_manual = sum(1 for e in mine if e.kind == "manual.entry")
        _rows(sec, store, ch, period, mine, hourly)
        out.append(sec)
    return out


def _dev_for(sec: CcpSection, ts_lo: int, ts_hi: int) -> list[Deviation]:
    return [d for d in sec.deviations if ts_lo <= d.event.ts <= ts_hi]


def _rows(sec: CcpSection, store: Store, ch: int | None, period: Period,
          mine: list[EventRow], hourly: bool) -> None:
    ccp = sec.ccp
    unit = sec.unit
    if ccp.kind == "heating":
        for e in (e for e in mine if e.kind == "haccp.batch"):
            d = e.data
            devs = _dev_for(sec, d["batch_start"], e.ts)
            value = (f"최고 {d['max']:.1f} {unit}, {ccp.limit:g} {unit} 이상 {d['held_s']:g} s"
                     + (" (센서 중단)" if d.get("incomplete") else ""))
            sec.rows.append(Row(f"{period.hhmm(d['batch_start'])}–{period.hhmm(e.ts)}", value,
                                OK if d["ok"] else NG, " / ".join(x.action_text() for x in devs)))
    elif ccp.kind == "cooling":
        for e in (e for e in mine if e.kind == "haccp.cooling"):
            times = ", ".join(f"{t / 3600:.1f} h" for t in e.data.get("stage_times_s", []))
            devs = _dev_for(sec, e.data["run_start"], e.ts)
            sec.rows.append(Row(f"{period.hhmm(e.data['run_start'])}–{period.hhmm(e.ts)}",
                                f"단계 도달 {times or '—'}", OK if e.data["ok"] else NG,
                                " / ".join(x.action_text() for x in devs)))
    elif ccp.kind == "metal_detection":
        sec.rejects = sum(1 for e in mine if e.kind == "haccp.md_reject")
        for e in mine:
            if e.kind == "haccp.md_check":
                res = e.data.get("results", {})
                value = " ".join(f"{PIECE_KO[p]} {'○' if res.get(p) else '×'}"
                                 for p in TEST_PIECES)
                ok = all(res.get(p) for p in TEST_PIECES)
                devs = _dev_for(sec, e.ts, e.ts)
                sec.rows.append(Row(period.hhmm(e.ts), value, OK if ok else NG,
                                    " / ".join(x.action_text() for x in devs), e.user,
                                    manual=True))
            elif e.kind == "haccp.deviation" and e.data.get("reason") == "check_missed":
                d = [x for x in sec.deviations if x.event.id == e.id]
                sec.rows.append(Row(period.hhmm(e.data["due"]), "점검 미실시 (not done)", NG,
                                    d[0].action_text() if d else ""))
        sec.rows.sort(key=lambda r: r.time)
    if ch is not None and ccp.kind in ("cold_storage", "limit") and hourly:
        step = 3_600_000
        buckets = {b.ts: b for b in store.downsample(ch, period.t0, period.t1, 24)}
        for k in range(24):
            t = period.t0 + k * step
            b = buckets.get(t)
            devs = _dev_for(sec, t, t + step - 1)
            beyond = b is not None and ccp.limit is not None and not (
                ccp.within(b.vmax) and ccp.within(b.vmin))
            verdict = "—" if b is None else (NG if devs or beyond else OK)
            value = "기록 없음 (no data)" if b is None else (
                f"{_fmt(b.vmin, unit)} ~ {_fmt(b.vmax, unit)} (평균 {b.avg:.1f})")
            sec.rows.append(Row(f"{period.hhmm(t)}–{period.hhmm(t + step)}", value, verdict,
                                " / ".join(x.action_text() for x in devs)))
    for e in mine:
        if e.kind == "manual.entry":
            v = e.data.get("value")
            ok = v is not None and ccp.limit is not None and ccp.within(v)
            note = f" — {e.data['note']}" if e.data.get("note") else ""
            sec.rows.append(Row(period.hhmm(e.ts), f"{_fmt(v, unit)} (수기){note}",
                                OK if ok else NG, "", e.user, manual=True))
