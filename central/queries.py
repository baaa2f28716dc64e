"""Read queries over one plant's data (and the operator's cross-plant view).

Downsampling is planned by `records.downsample`, exactly as the desktop plans it, so a
chart of the same range shows the same buckets on the desktop and on the platform.
"""

from __future__ import annotations

import json
import math

from deungdae.central import forks
from deungdae.central import schemas as s
from deungdae.central.db import Conn
from deungdae.central.ingest import first_problem, stored_declarations
from deungdae.records import downsample
from deungdae.records.store import BAD_QUALITY
from deungdae.sectors.api.figures import DECLARED_ENTITY as FIGURES_ENTITY
from deungdae.sectors.api.figures import Figure, figures_from_json
from deungdae.sectors.api.incidents import open_incidents
from deungdae.sectors.api.kinds import DECLARED_ENTITY, KindRegistry
from deungdae.sync import wire

EVENT_COLS = wire.ROW_COLUMNS["event"]
CHANGE_COLS = wire.ROW_COLUMNS["config_change"]


class NotFound(Exception):
    pass


def finite(x: float | None) -> float | None:
    return x if x is None or math.isfinite(x) else None


def position(con: Conn, plant_id: int, now: int) -> wire.Position:
    name, key_id, seq, head, ok, count = con.one(
        "SELECT name, key_id, stored_seq, head_mac, chain_ok, problem_count FROM plant "
        "WHERE id = ?", (plant_id,))
    return wire.Position(plant_id=plant_id, plant_name=name, key_id=key_id or "",
                         stored_seq=seq, head_mac=bytes(head).hex(), chain_ok=bool(ok),
                         problem=first_problem(con, plant_id, count), server_time=now)


def channels(con: Conn, plant_id: int) -> list[s.ChannelOut]:
    return [s.ChannelOut(id=r[0], key=r[1], name=r[2], unit=r[3], device_key=r[4])
            for r in con.all("SELECT id, key, name, unit, device_key FROM channel "
                             "WHERE plant_id = ? ORDER BY id", (plant_id,))]


def _clean(text: str) -> str:
    """Query text as both databases accept it (no NUL, UTF-8): what no stored key holds."""
    return text.encode("utf-8", "replace").decode().replace("\x00", "\ufffd")


def channel_id(con: Conn, plant_id: int, key: str) -> int:
    key = _clean(key)
    row = con.one("SELECT id FROM channel WHERE plant_id = ? AND key = ? ORDER BY id LIMIT 1",
                  (plant_id, key))
    if row is None:
        raise NotFound(f"this plant has no channel {key!r}; GET /api/v1/channels lists them")
    return row[0]


def readings(con: Conn, plant_id: int, key: str, t0: int, t1: int, max_points: int
             ) -> s.ReadingsOut:
    ch = channel_id(con, plant_id, key)
    name, b_lo, b_hi = downsample.estimate_range(t0, t1)
    est = con.one(f"SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM {name} WHERE plant_id = ? "
                  "AND ch = ? AND b >= ? AND b < ?", (plant_id, ch, b_lo, b_hi))[0]
    p = downsample.plan(t0, t1, max_points, est)
    if p is None:
        return s.ReadingsOut(channel=key, start=t0, end=t1, level="raw", width_ms=0, buckets=[])
    if p.level is None:
        rows = con.all(
            "SELECT (ts - ?) / ? AS k, min(v), max(v), avg(v), count(*) FROM reading "
            "WHERE plant_id = ? AND ch = ? AND ts >= ? AND ts < ? AND v IS NOT NULL "
            "AND (q & ?) = 0 GROUP BY k ORDER BY k",
            (p.base, p.width, plant_id, ch, t0, t1, BAD_QUALITY))
    else:
        rows = con.all(
            f"SELECT (b * ? - ?) / ? AS k, min(vmin), max(vmax), "
            f"sum(vsum) / CAST(sum(n) AS DOUBLE PRECISION), CAST(sum(n) AS BIGINT) "
            f"FROM {p.level} WHERE plant_id = ? AND ch = ? AND b >= ? AND b < ? "
            "GROUP BY k ORDER BY k",
            (p.level_width, p.base, p.width, plant_id, ch, p.b_lo, p.b_hi))
    return s.ReadingsOut(
        channel=key, start=t0, end=t1, level=p.level or "raw", width_ms=p.width,
        buckets=[s.BucketOut(ts=p.base + int(k) * p.width, min=finite(lo), max=finite(hi),
                             avg=finite(avg), n=int(n)) for k, lo, hi, avg, n in rows])


def raw_readings(con: Conn, plant_id: int, key: str, t0: int, t1: int, limit: int
                 ) -> s.RawOut:
    ch = channel_id(con, plant_id, key)
    rows = con.all("SELECT ts, v, q FROM reading WHERE plant_id = ? AND ch = ? AND ts >= ? "
                   "AND ts < ? ORDER BY ts LIMIT ?", (plant_id, ch, t0, t1, limit))
    return s.RawOut(channel=key, rows=[s.RawReading(ts=t, v=finite(v), q=q)
                                       for t, v, q in rows])


def _text(x: object) -> str | None:
    return x if x is None or isinstance(x, str) else json.dumps(x)


def _event(cols: str) -> s.EventOut:
    """An event row as an object; a column holding an unexpected type (SQLite allows it)
    is shown as JSON text rather than refused, `/records/event` has it exactly."""
    d = dict(zip(EVENT_COLS, json.loads(cols), strict=True))
    for k in ("severity", "device", "message", "data", "user"):
        d[k] = _text(d[k])
    if type(d["created_at"]) is not int:
        d["created_at"] = None
    return s.EventOut(**d)


def events(con: Conn, plant_id: int, t0: int, t1: int, kind: str | None, limit: int
           ) -> list[s.EventOut]:
    sql = ("SELECT cols FROM record_row WHERE plant_id = ? AND tbl = 'event' AND ts >= ? "
           "AND ts < ?")
    params: list = [plant_id, t0, t1]
    if kind is not None:
        kind = _clean(kind)
        sql = sql.replace("tbl = 'event'", "tbl = 'event' AND kind = ?")
        params.insert(1, kind)
    rows = con.all(sql + " ORDER BY ts, row_id LIMIT ?", (*params, limit))
    return [_event(r[0]) for r in rows]


def records(con: Conn, plant_id: int, table: str, after_id: int, limit: int) -> s.RecordsOut:
    if table == "ingest_block":
        rows = [list(r) for r in con.all(
            'SELECT id, created_at, n, ch_lo, ch_hi, ts_lo, ts_hi, "user" FROM block '
            "WHERE plant_id = ? AND id > ? ORDER BY id LIMIT ?", (plant_id, after_id, limit))]
        return s.RecordsOut(table=table, columns=list(wire.BLOCK_COLUMNS), rows=rows)
    sector = stored_declarations(con, plant_id)
    cols = wire.columns_of(table, sector)
    if cols is None:
        raise NotFound(f"no record table {table!r}; tables: "
                       f"{', '.join((*wire.TABLES, *sorted(sector)))}")
    rows = [json.loads(r[0]) for r in con.all(
        "SELECT cols FROM record_row WHERE plant_id = ? AND tbl = ? AND row_id > ? "
        "ORDER BY row_id LIMIT ?", (plant_id, table, after_id, limit))]
    # a sector row stored before its table grew lacks the (empty) columns added since
    rows = [r + [None] * (len(cols) - len(r)) if len(r) < len(cols) else r for r in rows]
    return s.RecordsOut(table=table, columns=list(cols), rows=rows)


def chain_state(con: Conn, plant_id: int) -> s.ChainOut:
    name, key_id, seq, head, ok, count, seen, offset = con.one(
        "SELECT name, key_id, stored_seq, head_mac, chain_ok, problem_count, last_seen, "
        "clock_offset_ms FROM plant WHERE id = ?", (plant_id,))
    counts = {t: int(n) for t, n in con.all(
        "SELECT tbl, count(*) FROM ledger WHERE plant_id = ? GROUP BY tbl", (plant_id,))}
    n_read = con.one("SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM block WHERE plant_id = ?",
                     (plant_id,))[0]
    problems = [r[0] for r in con.all(
        "SELECT text FROM chain_problem WHERE plant_id = ? ORDER BY n", (plant_id,))]
    return s.ChainOut(plant_id=plant_id, plant_name=name, key_id=key_id, stored_seq=seq,
                      head_mac=bytes(head).hex(), chain_ok=bool(ok), problems=problems,
                      problem_count=count, counts=counts, readings=int(n_read),
                      last_seen=seen, clock_offset_ms=offset)


# ---------------------------------------------------------------------- cluster
class _Row:
    """A synced event row as `incidents.derive` reads it."""

    __slots__ = ("id", "ts", "kind", "channel", "device", "data", "ref_id", "user", "message")

    def __init__(self, row_id: int, cols: str) -> None:
        d = dict(zip(EVENT_COLS, json.loads(cols), strict=True))
        self.id, self.ts, self.kind = row_id, d["ts"], d["kind"]
        self.channel, self.device, self.user = d["channel"], d["device"], d["user"]
        self.ref_id = d["ref_id"]
        msg = d["message"]
        self.message = msg if isinstance(msg, str) else None
        try:
            data = json.loads(d["data"]) if isinstance(d["data"], str) else {}
        except ValueError:
            data = {}
        self.data = data if isinstance(data, dict) else {}


def declared_kinds(con: Conn, plant_id: int) -> KindRegistry:
    """The event kinds the plant declared (its newest synced `event_kinds` config change):
    central learns what opens and closes an incident from the plant, never from names."""
    for (cols,) in con.all(
            "SELECT cols FROM record_row WHERE plant_id = ? AND tbl = 'config_change' AND "
            "cols LIKE ? ORDER BY row_id DESC", (plant_id, f'%"{DECLARED_ENTITY}"%')):
        d = dict(zip(CHANGE_COLS, json.loads(cols), strict=True))
        if d["entity"] != DECLARED_ENTITY or d["key"] != "declared":
            continue
        try:
            items = json.loads(d["new"]) if isinstance(d["new"], str) else d["new"]
            return KindRegistry.from_json(items)
        except (ValueError, KeyError, TypeError):
            continue  # a damaged declaration: try the one before
    return KindRegistry()


def _open_deviations(con: Conn, plant_id: int) -> list[s.OpenDeviation]:
    """The plant's open incidents of every sector, by the one lifecycle (`incidents`)."""
    kinds = declared_kinds(con, plant_id)
    wanted = kinds.incident_kinds()
    if not wanted:
        return []
    rows = con.all(
        "SELECT row_id, cols FROM record_row WHERE plant_id = ? AND tbl = 'event' AND kind IN "
        f"({', '.join('?' * len(wanted))}) ORDER BY ts, row_id", (plant_id, *wanted))
    return [s.OpenDeviation(id=i.id, ts=i.opened.ts, kind=i.kind.kind, channel=i.opened.channel,
                            message=i.opened.message)
            for i in open_incidents((_Row(rid, cols) for rid, cols in rows), kinds)]


def _value_at(con: Conn, plant_id: int, ch: int, t0: int, t1: int, last: bool
              ) -> float | None:
    row = con.one("SELECT v FROM reading WHERE plant_id = ? AND ch = ? AND ts >= ? AND ts < ? "
                  "AND v IS NOT NULL AND (q & ?) = 0 ORDER BY ts " + ("DESC " if last else "") +
                  "LIMIT 1", (plant_id, ch, t0, t1, BAD_QUALITY))
    return None if row is None else finite(row[0])


def declared_figures(con: Conn, plant_id: int) -> list[Figure]:
    """The headline figures the plant declared (its newest synced declaration)."""
    for (cols,) in con.all(
            "SELECT cols FROM record_row WHERE plant_id = ? AND tbl = 'config_change' AND "
            "cols LIKE ? ORDER BY row_id DESC", (plant_id, f'%"{FIGURES_ENTITY}"%')):
        d = dict(zip(CHANGE_COLS, json.loads(cols), strict=True))
        if d["entity"] != FIGURES_ENTITY or d["key"] != "declared":
            continue
        try:
            return figures_from_json(json.loads(d["new"]) if isinstance(d["new"], str)
                                     else d["new"])
        except ValueError:
            continue  # a damaged declaration: try the one before
    return []


def _figure(con: Conn, pid: int, f: Figure, ids: dict[str, int], t0: int, t1: int
            ) -> s.FigureOut:
    parts, total = [], 0.0
    for key, factor in f.inputs:
        ch = ids.get(key)
        first = last = value = None
        if ch is not None:
            last = _value_at(con, pid, ch, t0, t1, last=True)
            first = _value_at(con, pid, ch, t0, t1, last=False) if f.method == "delta" \
                else None
            if last is not None and (first is not None or f.method == "latest"):
                value = finite((last - (first or 0.0)) * factor)
        parts.append(s.FigurePart(channel=key, factor=factor, first=first, last=last,
                                  value=value))
        total = total + value if value is not None and total is not None else None
    return s.FigureOut(key=f.key, owner=f.owner, title_en=f.title_en, title_ko=f.title_ko,
                       unit=f.unit, method=f.method, value=finite(total) if total is not None
                       else None, parts=parts)


def cluster(con: Conn, t0: int, t1: int) -> s.ClusterOut:
    """Every plant: health, latest values, open incidents (by the kinds it declared) and
    its headline figures over [t0, t1) (as it declared them): nothing here is sector
    knowledge."""
    plants = []
    for pid, name, seen, seq, ok, count in con.all(
            "SELECT id, name, last_seen, stored_seq, chain_ok, problem_count FROM plant "
            "ORDER BY id"):
        latest, ids = [], {}
        for ch, key, unit in con.all("SELECT id, key, unit FROM channel WHERE plant_id = ? "
                                     "ORDER BY id", (pid,)):
            ids.setdefault(key, ch)
            row = con.one("SELECT ts, v FROM reading WHERE plant_id = ? AND ch = ? "
                          "ORDER BY ts DESC LIMIT 1", (pid, ch))
            if row is not None:
                latest.append(s.LatestValue(channel=key, unit=unit, ts=row[0],
                                            v=finite(row[1])))
        open_forks = forks.open_forks(con, pid)
        plants.append(s.PlantSummary(
            plant_id=pid, name=name, last_seen=seen, stored_seq=seq, chain_ok=bool(ok),
            problem=first_problem(con, pid, count), fork=forks.summary(open_forks),
            fork_reports=len(open_forks), latest=latest,
            open_deviations=_open_deviations(con, pid),
            figures=[_figure(con, pid, f, ids, t0, t1) for f in declared_figures(con, pid)]))
    return s.ClusterOut(start=t0, end=t1, plants=plants)
