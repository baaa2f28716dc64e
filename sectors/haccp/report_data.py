"""What HACCP reports show, gathered from the record as plain data, in one language.

PDF, CSV and XLSX output all render these same rows, so the three never disagree. Every
figure of a local period comes from `records.period_stats`, which combines rollups only
where their buckets lie wholly inside the period and reads raw rows for the edges: the
count, minimum and maximum printed for a local day equal a query over the raw readings of
exactly that day, in any zone. Text is made here from the keys and values the record
stores (`report_text`), in the language asked for.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from deungdae.records import users
from deungdae.records.period_stats import ChannelStats, period_stats
from deungdae.records.store import EventRow, Store
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.ccp_config import CCP, TEST_PIECES
from deungdae.sectors.haccp.deviations import Deviation, collect

HOUR = 3_600_000
OK, NG = "ok", "ng"  # verdict keys; `tx.t(lang, verdict)` gives the word


@dataclass(slots=True)
class Row:
    time: str
    value: str
    verdict: str  # OK, NG or "" (nothing to judge)
    action: str = ""
    checker: str = ""
    manual: bool = False
    corrected: bool = False
    reason: str = ""  # why a value was entered by hand, in words
    ts: int = 0  # where the row sorts (local labels repeat on the night clocks go back)


@dataclass(slots=True)
class ManualEntry:
    ts: int
    ccp: str
    value: str
    reason: str
    note: str
    by: str


@dataclass(slots=True)
class CcpSection:
    ccp: CCP
    unit: str
    limit_text: str
    stats: ChannelStats = field(default_factory=ChannelStats)
    rows: list[Row] = field(default_factory=list)
    n_manual: int = 0
    rejects: int = 0
    deviations: list[Deviation] = field(default_factory=list)
    manual: list[ManualEntry] = field(default_factory=list)

    @property
    def vmin(self) -> float | None:
        return self.stats.vmin

    @property
    def vmax(self) -> float | None:
        return self.stats.vmax

    @property
    def n_readings(self) -> int:
        return self.stats.n


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

    def local(self, ts: int) -> datetime:
        return datetime.fromtimestamp(ts / 1000, self.tz)

    def hhmm(self, ts: int) -> str:
        return self.local(ts).strftime("%H:%M")

    def clock(self, ts: int) -> str:
        """HH:MM, with the zone's abbreviation on a day its clocks change (02:00 CEST and
        02:00 CET are both on the night clocks go back)."""
        if self.start.utcoffset() == self.end.utcoffset():
            return self.hhmm(ts)
        return f"{self.hhmm(ts)} {self.local(ts).tzname()}"

    def stamp(self, ts: int) -> str:
        return self.local(ts).strftime("%Y-%m-%d %H:%M")


def day_period(plant: str, tz: ZoneInfo, day: date) -> Period:
    """The local day: midnight to midnight in the site's zone (23 or 25 h on DST days)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    nxt = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return Period(plant, tz, start, nxt)


def month_period(plant: str, tz: ZoneInfo, year: int, month: int) -> Period:
    start = datetime(year, month, 1, tzinfo=tz)
    nxt = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return Period(plant, tz, start, nxt)


class Names:
    """Printed names for logins (확인자 shows names, not logins)."""

    def __init__(self, store: Store, lang: str) -> None:
        self.lang = lang
        try:
            self._names = {u.login: u.full_name for u in users.users(store) if u.full_name}
        except Exception:  # a record without users: logins are all there is
            self._names = {}

    def __call__(self, login: str | None) -> str:
        if not login or login == "system":
            return tx.t(self.lang, "auto")
        return self._names.get(login, login)


def lifecycle_events(store: Store, period: Period) -> list[EventRow]:
    """Events of the period plus the later lifecycle steps of its deviations."""
    events = store.events(period.t0, period.t1, limit=10_000_000)
    ids = {e.id for e in events if e.kind == "haccp.deviation"}
    if ids:
        later = store.events(period.t1, None, kinds=("haccp.ack", "haccp.action", "haccp.verify"),
                             limit=10_000_000)
        events += [e for e in later if e.ref_id in ids]
    return events


def action_text(dev: Deviation, names: Names, lang: str) -> str:
    """A deviation's corrective actions: action (disposition; cause) — who."""
    parts = []
    for a in dev.actions:
        d = a.data
        disp = tx.word(tx.DISPOSITIONS, d.get("disposition"), lang)
        parts.append(f"{d.get('action', '')} ({disp}; {tx.t(lang, 'cause')}: "
                     f"{d.get('cause', '')}) — {names(a.user)}")
    return " / ".join(parts)


def manual_reason(data: dict, lang: str) -> str:
    """Why a value was entered by hand: the chosen reason and the free text, and (an entry
    made while the sensor recorded normally) a mark saying so, on every report."""
    reason = tx.word(tx.MANUAL_REASONS, data.get("reason"), lang) if data.get("reason") else ""
    note = str(data.get("note") or "").strip()
    mark = tx.t(lang, "manual.while_recording") if data.get("sensor") == "recording" else ""
    return " — ".join(p for p in (mark, reason, note) if p)


def ccp_sections(store: Store, ccps: list[CCP], units: dict[str, str], period: Period,
                 events: list[EventRow], hourly: bool = True, *, lang: str = "ko",
                 now_ms: int | None = None, bad_rows: bool = True) -> list[CcpSection]:
    """One section per CCP with exact figures of the period.

    `now_ms`: hours that have not begun by then are not listed (a log made at 14:00 lists
    no "no data" hours for the evening). `bad_rows=False` leaves bad-quality rows
    uncounted (`stats.n_bad` None): counting them reads every row of the period, about
    2 s for a month of 10 channels at 1 Hz, while the good figures read a few hundred
    rollup rows.
    """
    tx.check_lang(lang)
    names = Names(store, lang)
    devs = collect(events)
    ids: dict[str, int] = {}
    for ccp in ccps:
        with contextlib.suppress(KeyError):  # a CCP whose channel recorded nothing yet
            ids[ccp.channel] = store.channel_id(ccp.channel)
    stats = period_stats(store, list(ids.values()), period.t0, period.t1,
                         bad_rows=bad_rows) if ids else {}
    out = []
    for ccp in ccps:
        unit = units.get(ccp.channel, "")
        sec = CcpSection(ccp, unit, tx.critical_limit(ccp, unit, lang))
        ch = ids.get(ccp.channel)
        if ch is not None:
            sec.stats = stats[ch]
        sec.deviations = [d for d in devs if d.ccp == ccp.id]
        mine = [e for e in events if (e.data.get("ccp") == ccp.id and period.t0 <= e.ts < period.t1)
                or (e.kind == "manual.entry" and e.channel == ccp.channel
                    and period.t0 <= e.ts < period.t1)]
        for e in mine:
            if e.kind == "manual.entry":
                v = e.data.get("value")
                sec.manual.append(ManualEntry(
                    e.ts, ccp.id, tx.value(v, unit), manual_reason(e.data, lang),
                    str(e.data.get("note") or ""), names(e.user)))
        sec.n_manual = len(sec.manual)
        sec.rejects = sum(1 for e in mine if e.kind == "haccp.md_reject")
        _rows(sec, store, ch, period, mine, hourly, lang, names, now_ms)
        out.append(sec)
    return out


def _dev_for(sec: CcpSection, ts_lo: int, ts_hi: int) -> list[Deviation]:
    return [d for d in sec.deviations if ts_lo <= d.event.ts <= ts_hi]


def _actions(devs: list[Deviation], names: Names, lang: str) -> str:
    return " / ".join(a for a in (action_text(d, names, lang) for d in devs) if a)


def _rows(sec: CcpSection, store: Store, ch: int | None, period: Period, mine: list[EventRow],
          hourly: bool, lang: str, names: Names, now_ms: int | None) -> None:
    ccp, unit = sec.ccp, sec.unit
    if ccp.kind == "heating":
        for e in (e for e in mine if e.kind == "haccp.batch"):
            d = e.data
            devs = _dev_for(sec, d["batch_start"], e.ts)
            v = tx.t(lang, "batch_value", max=tx.value(d["max"], unit),
                     limit=f"{tx.limit_number(ccp.limit or 0)} {unit}".strip(),
                     held=tx.duration(d["held_s"], lang))
            if d.get("incomplete"):
                v += f" ({tx.t(lang, 'sensor_stopped')})"
            sec.rows.append(Row(f"{period.clock(d['batch_start'])}–{period.clock(e.ts)}", v,
                                OK if d["ok"] else NG, _actions(devs, names, lang),
                                names(None), ts=d["batch_start"]))
    elif ccp.kind == "cooling":
        for e in (e for e in mine if e.kind == "haccp.cooling"):
            times = ", ".join(tx.duration(s, lang) for s in e.data.get("stage_times_s", []))
            devs = _dev_for(sec, e.data["run_start"], e.ts)
            sec.rows.append(Row(f"{period.clock(e.data['run_start'])}–{period.clock(e.ts)}",
                                tx.t(lang, "cooling_value", times or "—"),
                                OK if e.data["ok"] else NG, _actions(devs, names, lang),
                                names(None), ts=e.data["run_start"]))
    elif ccp.kind == "metal_detection":
        for e in mine:
            if e.kind == "haccp.md_check":
                res = e.data.get("results", {})
                v = " ".join(f"{tx.word(tx.PIECES, p, lang)} {'○' if res.get(p) else '×'}"
                             for p in TEST_PIECES)
                ok = all(res.get(p) for p in TEST_PIECES)
                devs = _dev_for(sec, e.ts, e.ts)
                sec.rows.append(Row(period.clock(e.ts), v, OK if ok else NG,
                                    _actions(devs, names, lang), names(e.user), ts=e.ts))
            elif e.kind == "haccp.deviation" and e.data.get("reason") == "check_missed":
                d = [x for x in sec.deviations if x.event.id == e.id]
                sec.rows.append(Row(period.clock(e.data["due"]), tx.t(lang, "check_not_done"), NG,
                                    _actions(d, names, lang), "", ts=e.data["due"]))
    if ch is not None and ccp.kind in ("cold_storage", "limit") and hourly:
        _hour_rows(sec, store, ch, period, lang, names, now_ms)
    for e in mine:
        if e.kind == "manual.entry":
            v = e.data.get("value")
            ok = v is not None and ccp.limit is not None and ccp.within(v)
            devs = _dev_for(sec, e.ts, e.ts)
            sec.rows.append(Row(period.clock(e.ts), tx.value(v, unit), OK if ok else NG,
                                _actions(devs, names, lang), names(e.user), manual=True,
                                reason=manual_reason(e.data, lang), ts=e.ts))
    sec.rows.sort(key=lambda r: r.ts)


def _hour_rows(sec: CcpSection, store: Store, ch: int, period: Period, lang: str, names: Names,
               now_ms: int | None) -> None:
    """One row per local hour that has begun, with its exact min, max and mean."""
    ccp, unit = sec.ccp, sec.unit
    end = period.t1 if now_ms is None else min(period.t1, now_ms)
    t = period.t0
    while t < end:
        nxt = min(t + HOUR, period.t1)
        upto = min(nxt, end)
        s = period_stats(store, [ch], t, upto, bad_rows=False)[ch]
        devs = _dev_for(sec, t, nxt - 1)
        label = f"{period.clock(t)}–{period.clock(nxt)}"
        if upto < nxt:
            label += f" ({tx.t(lang, 'in_progress')})"
        if s.n == 0:
            sec.rows.append(Row(label, tx.t(lang, "no_data"), NG if devs else "",
                                _actions(devs, names, lang), "", ts=t))
        else:
            beyond = ccp.limit is not None and not (ccp.within(s.vmax) and ccp.within(s.vmin))
            v = tx.t(lang, "hour_value", lo=tx.value(s.vmin, unit), hi=tx.value(s.vmax, unit),
                     avg=tx.value(s.mean, unit))
            if beyond and not devs:
                v += f" — {tx.t(lang, 'brief_excursion')}"
            sec.rows.append(Row(label, v, NG if devs else OK, _actions(devs, names, lang),
                                names(None), ts=t))
        t = nxt
