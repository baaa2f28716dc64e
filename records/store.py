"""The append-only local record.

One writer process per data dir (enforced by a lock file), any number of readers. The
hot path (`append_readings`) talks to `sqlite3` directly with `executemany`; rollups for
charts and reports are computed from the batch in memory and merged with upserts, so a
query over any time range reads at most a few thousand rows.

Durability is chosen deliberately: WAL with `synchronous=FULL`, so once
`append_readings` returns, the batch survives a power cut, not just a crash.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from filelock import FileLock, Timeout

from records.errors import AlreadyRunning, DiskFull, StoreError, StoreUnavailable
from records.migrate import migrate
from records.schema import ROLLUP_LEVELS

log = logging.getLogger(__name__)

# Quality flags that make a value unfit for aggregates (timeouts, CRC, garbage, device
# exception, out of range, disconnected). MANUAL (64) and SIMULATED (128) values count.
BAD_QUALITY = 1 | 2 | 4 | 8 | 16 | 32

# A downsampled query may read up to this many rows per returned point before it moves
# to the next coarser rollup level.
_ROWS_PER_POINT = 8

_INSERT_READING = "INSERT INTO reading(ch, ts, v, q, blk) VALUES (?, ?, ?, ?, {blk})"
_UPSERT_ROLLUP = (
    "INSERT INTO {t}(ch, b, vmin, vmax, vsum, n) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(ch, b) DO UPDATE SET vmin = min(vmin, excluded.vmin), "
    "vmax = max(vmax, excluded.vmax), vsum = vsum + excluded.vsum, n = n + excluded.n"
)

ReadingRow = tuple[int, int, float | None, int]
_CH = itemgetter(0)
_TS = itemgetter(1)
# Rollups are derived data: written at most this many seconds after their readings.
ROLLUP_FLUSH_SECONDS = 2.0


def now_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, slots=True)
class AppendResult:
    block: int | None
    inserted: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class Bucket:
    ts: int
    vmin: float
    vmax: float
    avg: float
    n: int


@dataclass(slots=True)
class NewEvent:
    ts: int
    kind: str
    message: str = ""
    severity: str = "info"
    channel: str | None = None
    device: str | None = None
    data: dict = field(default_factory=dict)
    user: str = "system"
    ref_id: int | None = None


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    ts: int
    kind: str
    severity: str
    channel: str | None
    device: str | None
    message: str
    data: dict
    user: str
    ref_id: int | None
    created_at: int


@dataclass(frozen=True, slots=True)
class ChannelRow:
    id: int
    key: str
    name: str
    unit: str
    device_key: str


def _classify(exc: sqlite3.Error, path: Path) -> StoreError:
    msg = str(exc).lower()
    if "disk is full" in msg or "disk i/o" in msg and "full" in msg:
        return DiskFull(f"the disk holding {path} is full; free some space and start again")
    if "locked" in msg or "busy" in msg:
        return StoreUnavailable(f"{path} is locked by another program: {exc}")
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return StoreUnavailable(
            f"{path} is damaged or is not a Deungdae database ({exc}); restore it from "
            "a backup in the data dir's backups folder"
        )
    if "readonly" in msg or "unable to open" in msg:
        return StoreUnavailable(f"cannot write to {path}: {exc}")
    return StoreError(f"{path}: {exc}")


def rollup_batch(rows: Iterable[ReadingRow], width: int) -> dict[tuple[int, int], list]:
    """Aggregate good values of `rows` into (channel, bucket) -> [min, max, sum, n]."""
    agg: dict[tuple[int, int], list] = {}
    get = agg.get
    for ch, ts, v, q in rows:
        if v is None or q & BAD_QUALITY:
            continue
        key = (ch, ts // width)
        a = get(key)
        if a is None:
            agg[key] = [v, v, v, 1]
        else:
            if v < a[0]:
                a[0] = v
            elif v > a[1]:
                a[1] = v
            a[2] += v
            a[3] += 1
    return agg


def _merge_into(into: dict[tuple[int, int], list], agg: dict[tuple[int, int], list]) -> None:
    for key, (lo, hi, s, n) in agg.items():
        a = into.get(key)
        if a is None:
            into[key] = [lo, hi, s, n]
        else:
            if lo < a[0]:
                a[0] = lo
            if hi > a[1]:
                a[1] = hi
            a[2] += s
            a[3] += n


def coarsen(agg: dict[tuple[int, int], list], factor: int) -> dict[tuple[int, int], list]:
    """Merge a finer rollup into one whose buckets are `factor` times wider."""
    out: dict[tuple[int, int], list] = {}
    for (ch, b), (lo, hi, s, n) in agg.items():
        key = (ch, b // factor)
        a = out.get(key)
        if a is None:
            out[key] = [lo, hi, s, n]
        else:
            if lo < a[0]:
                a[0] = lo
            if hi > a[1]:
                a[1] = hi
            a[2] += s
            a[3] += n
    return out


class Store:
    """The record of one data dir. Open with `Store.open_writer` or `Store.open_reader`."""

    def __init__(self, db_path: Path, con: sqlite3.Connection, lock: FileLock | None) -> None:
        self.path = db_path
        self._con = con
        self._lock = lock
        self._guard = threading.RLock()
        self._channel_ids: dict[str, int] = {}
        self.readonly = lock is None
        # Rollup aggregates not yet written, per level; flushed every few seconds, before
        # any query of this process and at close. A crash loses only these, and
        # `_recover_rollups` rebuilds them from the raw rows at the next open.
        self._pending: list[dict[tuple[int, int], list]] = [{} for _ in ROLLUP_LEVELS]
        self._pending_since: float | None = None
        self._last_block = 0

    # ------------------------------------------------------------------ opening
    @classmethod
    def open_writer(cls, db_path: Path) -> Store:
        """Open for writing: take the single-writer lock, migrate, tune for durability."""
        db_path = Path(db_path)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create data dir {db_path.parent}: {exc}") from exc
        lock = FileLock(str(db_path) + ".lock", timeout=0)
        try:
            lock.acquire()
        except Timeout as exc:
            raise AlreadyRunning(
                f"Deungdae is already running on {db_path.parent} (lock {lock.lock_file} "
                "is held); stop the other instance or use another --data-dir"
            ) from exc
        except OSError as exc:
            raise StoreUnavailable(f"cannot write to data dir {db_path.parent}: {exc}") from exc
        try:
            _check_header(db_path)
            migrate(db_path)
            con = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA busy_timeout=5000")
            con.execute("PRAGMA temp_store=MEMORY")
            con.execute("PRAGMA cache_size=-32000")
            con.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            lock.release()
            raise _classify(exc, db_path) from exc
        except Exception:
            lock.release()
            raise
        store = cls(db_path, con, lock)
        try:
            store._recover_rollups()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open_reader(cls, db_path: Path) -> Store:
        """Open read-only; safe while a writer runs (WAL)."""
        db_path = Path(db_path)
        if not db_path.exists():
            raise StoreUnavailable(f"no record at {db_path}; run `deungdae init` first")
        try:
            _check_header(db_path)
            con = sqlite3.connect(
                f"file:{db_path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
            con.execute("PRAGMA busy_timeout=5000")
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise _classify(exc, db_path) from exc
        return cls(db_path, con, None)

    def close(self) -> None:
        with self._guard:
            try:
                if not self.readonly:
                    self.flush_rollups()
                    self._con.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                log.warning("checkpoint at close failed", exc_info=True)
            self._con.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ helpers
    def _write(self, fn, *args):
        if self.readonly:
            raise StoreError("this store was opened read-only")
        with self._guard:
            con = self._con
            try:
                con.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(con, *args)
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
                return result
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as exc:
                if con.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        con.execute("ROLLBACK")
                raise _classify(exc, self.path) from exc

    def _read(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._guard:
            try:
                return self._con.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise _classify(exc, self.path) from exc

    # ------------------------------------------------------------------ site, channels
    def set_site(self, name: str, timezone: str) -> None:
        def op(con):
            con.execute("DELETE FROM site")
            con.execute(
                "INSERT INTO site(id, name, timezone, created_at) VALUES (1, ?, ?, ?)",
                (name, timezone, now_ms()),
            )

        self._write(op)

    def site(self) -> tuple[str, str] | None:
        rows = self._read("SELECT name, timezone FROM site WHERE id = 1")
        return (rows[0][0], rows[0][1]) if rows else None

    def ensure_device(self, key: str, name: str = "", profile: str = "", port: str = "",
                      unit: int | None = None) -> None:
        def op(con):
            con.execute(
                "INSERT INTO device(key, name, profile, port, unit, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET name = excluded.name, "
                "profile = excluded.profile, port = excluded.port, unit = excluded.unit",
                (key, name, profile, port, unit, now_ms()),
            )

        self._write(op)

    def ensure_channel(self, key: str, name: str = "", unit: str = "", device_key: str = "") -> int:
        """Return the channel's numeric id, creating or updating the channel row."""

        def op(con):
            con.execute(
                "INSERT INTO channel(key, name, unit, device_key, created_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET name = excluded.name, unit = excluded.unit, "
                "device_key = excluded.device_key",
                (key, name or key, unit, device_key, now_ms()),
            )
            return con.execute("SELECT id FROM channel WHERE key = ?", (key,)).fetchone()[0]

        cid = self._write(op)
        self._channel_ids[key] = cid
        return cid

    def channel_id(self, key: str) -> int:
        cid = self._channel_ids.get(key)
        if cid is None:
            rows = self._read("SELECT id FROM channel WHERE key = ?", (key,))
            if not rows:
                raise KeyError(f"unknown channel {key!r}")
            cid = self._channel_ids[key] = rows[0][0]
        return cid

    def channels(self) -> list[ChannelRow]:
        return [ChannelRow(*r) for r in self._read(
            "SELECT id, key, name, unit, device_key FROM channel ORDER BY id")]

    # ------------------------------------------------------------------ readings
    def append_readings(self, rows: Sequence[ReadingRow]) -> AppendResult:
        """Append a batch of (channel id, ts ms, value, quality) rows as one block.

        A (channel, ts) that is already recorded is kept as it was and counted in
        `duplicates`; the rest of the batch is still written.
        """
        if not rows:
            return AppendResult(None, 0, 0)
        try:
            return self._write(self._append_fast, rows)
        except sqlite3.IntegrityError:
            return self._write(self._append_dedup, rows)

    def _append_fast(self, con: sqlite3.Connection, rows: Sequence[ReadingRow]) -> AppendResult:
        blk = self._new_block(con, rows)
        con.executemany(_INSERT_READING.format(blk=int(blk)), rows)
        self._merge_rollups(con, rows)
        return AppendResult(blk, len(rows), 0)

    def _append_dedup(self, con: sqlite3.Connection, rows: Sequence[ReadingRow]) -> AppendResult:
        kept: list[ReadingRow] = []
        seen: set[tuple[int, int]] = set()
        for r in rows:
            key = (r[0], r[1])
            if key in seen:
                continue
            seen.add(key)
            if con.execute("SELECT 1 FROM reading WHERE ch = ? AND ts = ?", key).fetchone():
                continue
            kept.append(r)
        dup = len(rows) - len(kept)
        if not kept:
            return AppendResult(None, 0, dup)
        blk = self._new_block(con, kept)
        con.executemany(_INSERT_READING.format(blk=int(blk)), kept)
        self._merge_rollups(con, kept)
        log.warning("%d duplicate readings ignored (already recorded)", dup)
        return AppendResult(blk, len(kept), dup)

    def _new_block(self, con: sqlite3.Connection, rows: Sequence[ReadingRow]) -> int:
        ts = list(map(_TS, rows))
        ch = list(map(_CH, rows))
        cur = con.execute(
            "INSERT INTO ingest_block(created_at, n, ch_lo, ch_hi, ts_lo, ts_hi) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (now_ms(), len(rows), min(ch), max(ch), min(ts), max(ts)),
        )
        self._last_block = cur.lastrowid
        return cur.lastrowid

    def _merge_rollups(self, con: sqlite3.Connection, rows: Sequence[ReadingRow]) -> None:
        agg = rollup_batch(rows, ROLLUP_LEVELS[0][1])
        prev = ROLLUP_LEVELS[0][1]
        for i, (_name, width) in enumerate(ROLLUP_LEVELS):
            if i:
                agg = coarsen(agg, width // prev)
                prev = width
            _merge_into(self._pending[i], agg)
        if self._pending_since is None:
            self._pending_since = time.monotonic()
        elif time.monotonic() - self._pending_since > ROLLUP_FLUSH_SECONDS:
            self._write_pending(con)

    def _write_pending(self, con: sqlite3.Connection) -> None:
        for (name, _w), pending in zip(ROLLUP_LEVELS, self._pending, strict=True):
            if pending:
                con.executemany(
                    _UPSERT_ROLLUP.format(t=name),
                    [(ch, b, a[0], a[1], a[2], a[3]) for (ch, b), a in pending.items()],
                )
                pending.clear()
        con.execute(
            "INSERT INTO meta(key, value) VALUES ('rollups_through_block', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(self._last_block),))
        self._pending_since = None

    def flush_rollups(self) -> None:
        """Write pending rollups now (queries of this process see them without it)."""
        if self.readonly or self._pending_since is None:
            return
        self._write(self._write_pending)

    def _recover_rollups(self) -> None:
        """Rebuild rollups of blocks written after the last rollup flush (after a crash)."""
        done = int(self.get_meta("rollups_through_block") or 0)
        row = self._read(
            "SELECT min(ch_lo), max(ch_hi), min(ts_lo), max(ts_hi), max(id) FROM ingest_block "
            "WHERE id > ?", (done,))[0]
        if row[0] is None:
            return
        ch_lo, ch_hi, ts_lo, ts_hi, last = row
        log.info("rebuilding rollups of blocks %d..%d after an unclean stop", done + 1, last)

        def op(con):
            src, src_w = "reading", None
            for name, width in ROLLUP_LEVELS:
                b_lo, b_hi = ts_lo // width, ts_hi // width
                con.execute(f"DELETE FROM {name} WHERE ch BETWEEN ? AND ? AND b BETWEEN ? AND ?",
                            (ch_lo, ch_hi, b_lo, b_hi))
                if src_w is None:
                    con.execute(
                        f"INSERT INTO {name}(ch, b, vmin, vmax, vsum, n) SELECT ch, ts / ?1, "
                        "min(v), max(v), sum(v), count(*) FROM reading WHERE ch BETWEEN ?2 AND ?3 "
                        "AND ts >= ?4 AND ts < ?5 AND v IS NOT NULL AND (q & ?6) = 0 "
                        "GROUP BY ch, ts / ?1",
                        (width, ch_lo, ch_hi, b_lo * width, (b_hi + 1) * width, BAD_QUALITY))
                else:
                    f = width // src_w
                    con.execute(
                        f"INSERT INTO {name}(ch, b, vmin, vmax, vsum, n) SELECT ch, b / ?1, "
                        f"min(vmin), max(vmax), sum(vsum), sum(n) FROM {src} WHERE ch BETWEEN ?2 "
                        "AND ?3 AND b >= ?4 AND b < ?5 GROUP BY ch, b / ?1",
                        (f, ch_lo, ch_hi, b_lo * f, (b_hi + 1) * f))
                src, src_w = name, width
            con.execute(
                "INSERT INTO meta(key, value) VALUES ('rollups_through_block', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(last),))

        self._write(op)

    def readings(self, channel: int, t0: int, t1: int, limit: int | None = None
                 ) -> list[tuple[int, float | None, int]]:
        """Raw (ts, value, quality) of one channel with t0 <= ts < t1, oldest first."""
        sql = "SELECT ts, v, q FROM reading WHERE ch = ? AND ts >= ? AND ts < ? ORDER BY ts"
        params: tuple = (channel, t0, t1)
        if limit is not None:
            sql += " LIMIT ?"
            params += (limit,)
        return self._read(sql, params)

    def latest(self, channel: int) -> tuple[int, float | None, int] | None:
        rows = self._read(
            "SELECT ts, v, q FROM reading WHERE ch = ? ORDER BY ts DESC LIMIT 1", (channel,))
        return rows[0] if rows else None

    def span(self, channel: int | None = None) -> tuple[int, int] | None:
        """First and last reading time, of one channel or of all."""
        if channel is None:
            rows = self._read("SELECT min(ts_lo), max(ts_hi) FROM ingest_block")
        else:
            rows = self._read(
                "SELECT (SELECT ts FROM reading WHERE ch = ?1 ORDER BY ts LIMIT 1), "
                "(SELECT ts FROM reading WHERE ch = ?1 ORDER BY ts DESC LIMIT 1)", (channel,))
        return None if rows[0][0] is None else (rows[0][0], rows[0][1])

    def count_readings(self) -> int:
        return self._read("SELECT coalesce(sum(n), 0) FROM ingest_block")[0][0]

    def downsample(self, channel: int, t0: int, t1: int, max_points: int = 2000) -> list[Bucket]:
        """At most `max_points` (min, max, avg) buckets covering [t0, t1).

        Reads the finest level (raw or a rollup) that needs no more than a few rows per
        returned point, so the cost is bounded whatever the range.
        """
        if t1 <= t0 or max_points < 1:
            return []
        self.flush_rollups()
        span = t1 - t0
        want = max(1, math.ceil(span / max_points))
        raw_est = self._estimate_count(channel, t0, t1)
        budget = max_points * _ROWS_PER_POINT
        level: tuple[str, int] | None = None
        if raw_est > budget:
            for name, width in ROLLUP_LEVELS:
                level = (name, width)
                if min(raw_est, span // width + 1) <= budget:
                    break
        if level is None:
            base = t0
            width = want
            sql = (
                "SELECT (ts - ?1) / ?2 AS k, min(v), max(v), avg(v), count(*) FROM reading "
                "WHERE ch = ?3 AND ts >= ?4 AND ts < ?5 AND v IS NOT NULL AND (q & ?6) = 0 "
                "GROUP BY k ORDER BY k"
            )
            params: tuple = (base, width, channel, t0, t1, BAD_QUALITY)
        else:
            name, lw = level
            base = (t0 // lw) * lw
            width = max(lw, math.ceil((t1 - base) / max_points / lw) * lw)
            sql = (
                f"SELECT (b * ?1 - ?2) / ?3 AS k, min(vmin), max(vmax), sum(vsum) / sum(n), "
                f"sum(n) FROM {name} WHERE ch = ?4 AND b >= ?5 AND b < ?6 GROUP BY k ORDER BY k"
            )
            params = (lw, base, width, channel, t0 // lw, -(-t1 // lw))
        return [Bucket(base + k * width, lo, hi, avg, n)
                for k, lo, hi, avg, n in self._read(sql, params)]

    def _estimate_count(self, channel: int, t0: int, t1: int) -> int:
        name, width = ROLLUP_LEVELS[-1]
        rows = self._read(
            f"SELECT coalesce(sum(n), 0) FROM {name} WHERE ch = ? AND b >= ? AND b < ?",
            (channel, t0 // width, -(-t1 // width)),
        )
        return rows[0][0]

    # ------------------------------------------------------------------ events
    def append_event(self, ev: NewEvent) -> int:
        def op(con):
            cur = con.execute(
                "INSERT INTO event(ts, kind, severity, channel, device, message, data, user, "
                "ref_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ev.ts, ev.kind, ev.severity, ev.channel, ev.device, ev.message,
                 json.dumps(ev.data, ensure_ascii=False, sort_keys=True), ev.user, ev.ref_id,
                 now_ms()),
            )
            return cur.lastrowid

        return self._write(op)

    def append_events(self, evs: Sequence[NewEvent]) -> list[int]:
        return [self.append_event(ev) for ev in evs]

    def events(self, t0: int | None = None, t1: int | None = None, kinds: Sequence[str] = (),
               channel: str | None = None, limit: int = 10_000) -> list[EventRow]:
        where, params = [], []
        if t0 is not None:
            where.append("ts >= ?")
            params.append(t0)
        if t1 is not None:
            where.append("ts < ?")
            params.append(t1)
        if kinds:
            where.append(f"kind IN ({','.join('?' * len(kinds))})")
            params.extend(kinds)
        if channel is not None:
            where.append("channel = ?")
            params.append(channel)
        sql = ("SELECT id, ts, kind, severity, channel, device, message, data, user, ref_id, "
               "created_at FROM event")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY ts, id LIMIT ?"
        params.append(limit)
        return [EventRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8],
                         r[9], r[10]) for r in self._read(sql, params)]

    # ------------------------------------------------------------------ meta
    def get_meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._write(lambda con: con.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
            "value = excluded.value", (key, value)))

    def integrity_check(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]


def _check_header(db_path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database, before touching it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    with open(db_path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StoreUnavailable(
                f"{db_path} is not a Deungdae database (not an SQLite file); move it away "
                "or restore a backup"
            )
