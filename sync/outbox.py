"""Builds sync batches (`sync.wire.Batch` JSON, gzip'd) from the local record.

The record is read through its own read-only connection (`mode=ro`, WAL): sync never
takes the writer's lock, so it can neither slow nor block local recording. Each
statement runs in autocommit, so no long read transaction holds back WAL checkpoints;
that is safe because a ledger entry commits together with the row it seals, and rows are
never deleted.

Cost is what matters on a big backlog (millions of readings in ~20-row blocks written once
a second): the ledger and the block headers come from one query per window of entries,
row-table rows from one id-range query per table, and the readings of a run of
consecutive blocks from ONE range query over the (ch, ts)-clustered reading table,
grouped by block in numpy. Readings travel as the exact bytes each block was sealed over
(`records.chain.pack_rows` in (ch, ts) order), so the platform checks the seal directly.

Batches are cut by an estimate of their raw JSON size (`max_bytes`) and by
`max_entries`; entries fetched beyond a cut stay in the window for the next batch.
"""

from __future__ import annotations

import base64
import gzip
import json
import logging
import math
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from deungdae.records import chain, declared, layout
from deungdae.sync import wire

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
# Readings more than this far outside a run's time span start a new run, so a
# back-dated manual entry does not turn a run's range query into a scan of everything.
RUN_GAP_MS = 3_600_000
_ENTRY_OVERHEAD = 240  # JSON keys, seq, two 64-char MACs
log = logging.getLogger(__name__)
# NULL values come back as None, which numpy turns into NaN (SQLite never stores a NaN:
# it stores NULL), then into the canonical NaN the block was sealed over.
_RAW_DT = np.dtype([("ch", "<i8"), ("ts", "<i8"), ("v", "<f8"), ("q", "<i8"),
                    ("blk", "<i8")])
_NAN_BITS = np.frombuffer(np.float64(chain.CANON_NAN).tobytes(), dtype="<u8")[0]
_LEDGER_WINDOW = (
    "SELECT l.seq, l.tbl, l.row_id, l.rmac, l.mac, b.id, b.created_at, b.n, b.ch_lo, "
    "b.ch_hi, b.ts_lo, b.ts_hi, b.user FROM ledger l LEFT JOIN ingest_block b "
    "ON l.tbl = 'ingest_block' AND b.id = l.row_id WHERE l.seq > ? ORDER BY l.seq LIMIT ?")


@dataclass(slots=True)
class OutBatch:
    """One batch ready to send: its gzip'd JSON body and what it covers."""

    first_seq: int
    last_seq: int
    last_mac: str
    entries: int
    readings: int
    raw_bytes: int
    body: bytes


@dataclass(slots=True)
class _Item:
    seq: int
    tbl: str
    row_id: int
    rmac: str
    mac: str
    row: list | None  # block header or row-table row (None: the row is gone)
    size: int


def open_record(db_path: Path) -> sqlite3.Connection:
    """A read-only connection to the record (never the writer's)."""
    con = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True, isolation_level=None,
                          check_same_thread=False)
    con.execute("PRAGMA busy_timeout=5000")
    return con


def _b64_len(nbytes: int) -> int:
    return (nbytes + 2) // 3 * 4


def _typed(rows: list[tuple], report: Callable[[str], None] | None) -> list[tuple]:
    """The readings whose values have the types a reading has (others reported, left out:
    the block then differs from its seal and the platform records where)."""
    ok = []
    for r in rows:
        if all(type(x) is int for x in (r[0], r[1], r[3], r[4])) and \
                (r[2] is None or type(r[2]) in (int, float)) and \
                all(-(2**63) <= x < 2**63 for x in (r[0], r[1], r[3], r[4])):
            ok.append(r)
        elif report is not None:
            report(f"reading of block {r[4]!r} (channel {r[0]!r}, ts {r[1]!r}) holds a value "
                   "of the wrong type (changed outside the app?)")
    return ok


def pack_block_runs(con: sqlite3.Connection, headers: list[list],
                    report: Callable[[str], None] | None = None
                    ) -> tuple[dict[int, bytes], set[int]]:
    """Packed readings of each block in `headers` (id, created_at, n, ch_lo, ch_hi, ts_lo,
    ts_hi, user), in (ch, ts) order, as `records.chain.pack_rows` would pack them.

    Returns ({block id: packed bytes}, channel ids seen). Blocks are grouped into runs of
    neighbours whose bounding box stays tight; each run costs one range query.
    """
    out: dict[int, bytes] = {}
    channels: set[int] = set()
    for run in _runs(sorted(headers, key=lambda h: h[0])):
        ids = np.fromiter((h[0] for h in run), dtype=np.int64, count=len(run))
        ch_lo = min(h[3] for h in run)
        ch_hi = max(h[4] for h in run)
        ts_lo = min(h[5] for h in run)
        ts_hi = max(h[6] for h in run)
        rows = con.execute(
            f"SELECT ch, ts, v, q, blk FROM reading WHERE {chain.channels_in(ch_lo, ch_hi)} "
            "AND ts BETWEEN ? AND ? AND blk BETWEEN ? AND ? "
            "ORDER BY ch, ts", (ts_lo, ts_hi, int(ids[0]), int(ids[-1]))
        ).fetchall()
        for bid in ids.tolist():
            out[bid] = b""
        if not rows:
            continue
        try:
            raw = np.array(rows, dtype=_RAW_DT)
        except (TypeError, ValueError, OverflowError):
            raw = np.array(_typed(rows, report), dtype=_RAW_DT)
        del rows
        raw = raw[np.isin(raw["blk"], ids)]
        if not len(raw):  # only other blocks' rows: this run's blocks lost their readings
            continue
        order = np.argsort(raw["blk"], kind="stable")  # keeps (ch, ts) order per block
        raw = raw[order]
        packed = np.empty(len(raw), dtype=chain.READING_DT)
        packed["ch"] = raw["ch"]
        packed["ts"] = raw["ts"]
        v = raw["v"] + 0.0  # -0.0 becomes 0.0, as SQLite gives values back
        v.view("<u8")[np.isnan(v)] = _NAN_BITS
        packed["v"] = v
        packed["q"] = raw["q"]
        blk = raw["blk"]
        cuts = np.flatnonzero(blk[1:] != blk[:-1]) + 1
        starts = np.concatenate(([0], cuts))
        ends = np.concatenate((cuts, [len(blk)]))
        buf = packed.tobytes()
        w = chain.READING_DT.itemsize
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            out[int(blk[s])] = buf[s * w:e * w]
        channels.update(np.unique(raw["ch"]).tolist())
    return out, channels


def _runs(headers: list[list]) -> Iterator[list[list]]:
    run: list[list] = []
    lo = hi = 0
    for h in headers:
        if run and (h[5] < lo - RUN_GAP_MS or h[6] > hi + RUN_GAP_MS):
            yield run
            run = []
        if not run:
            lo, hi = h[5], h[6]
        run.append(h)
        lo, hi = min(lo, h[5]), max(hi, h[6])
    if run:
        yield run


class Outbox:
    """Reads the local record and cuts it into batches past a ledger position."""

    def __init__(self, db_path: Path, key_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_entries: int = wire.MAX_ENTRIES, compresslevel: int = 1) -> None:
        self.db_path = Path(db_path)
        self.key_id = key_id
        self.max_bytes = max_bytes
        self.max_entries = min(max_entries, wire.MAX_ENTRIES)
        self.compresslevel = compresslevel
        self.con = open_record(self.db_path)
        declared.adopt(self.con)  # sector tables go out whether their sector is here or not
        self._channels: dict[int, dict] = {}
        self.findings: list[str] = []
        self._bad_headers: set[object] = set()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ positions
    def head(self) -> tuple[int, str]:
        """(last ledger seq, its MAC in hex) of the local record."""
        row = self.con.execute("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1"
                               ).fetchone()
        return (row[0], bytes(row[1]).hex()) if row else (0, chain.GENESIS.hex())

    def mac_at(self, seq: int) -> str | None:
        if seq == 0:
            return chain.GENESIS.hex()
        row = self.con.execute("SELECT mac FROM ledger WHERE seq = ?", (seq,)).fetchone()
        return bytes(row[0]).hex() if row else None

    # ------------------------------------------------------------------ batches
    def batches(self, after_seq: int, clock: Callable[[], int]) -> Iterator[OutBatch]:
        """Batches of every entry past `after_seq`, in order, until none is left.

        `clock()` gives `sent_at` (UTC ms) when each batch is built.
        """
        window: deque[_Item] = deque()
        window_bytes = 0
        fetched_to = after_seq
        exhausted = False
        while True:
            # Top the window up to one full batch (by entries and by bytes), or to the end.
            while not exhausted and len(window) < self.max_entries and \
                    window_bytes < self.max_bytes:
                new = self._fetch(fetched_to, min(self.max_entries, 4096))
                if not new:
                    exhausted = True
                    break
                fetched_to = new[-1].seq
                window.extend(new)
                window_bytes += sum(it.size for it in new)
            if not window:
                return
            cut: list[_Item] = []
            size = 0
            while window and len(cut) < self.max_entries:
                it = window[0]
                if cut and size + it.size > self.max_bytes:
                    break
                cut.append(window.popleft())
                size += it.size
            window_bytes -= size
            yield self._build(cut, clock())

    def _fetch(self, after: int, limit: int) -> list[_Item]:
        con = self.con
        led = con.execute(_LEDGER_WINDOW, (after, limit)).fetchall()
        if not led:
            return []
        ids_by_tbl: dict[str, list[int]] = {}
        for r in led:
            if r[1] != "ingest_block":
                ids_by_tbl.setdefault(r[1], []).append(r[2])
        rows: dict[str, dict[int, list]] = {t: self._rows(t, ids) for t, ids in
                                             ids_by_tbl.items()}
        items = []
        for r in led:
            seq, tbl, row_id, rmac, mac = r[:5]
            if tbl == "ingest_block":
                row = None if r[5] is None else self._header(list(r[5:13]))
                size = _ENTRY_OVERHEAD + (0 if row is None or row[0] in self._bad_headers
                                          else _b64_len(row[2] * wire.READING_BYTES) + 120)
            else:
                row = rows.get(tbl, {}).get(row_id)
                size = _ENTRY_OVERHEAD + (0 if row is None else
                                          len(json.dumps(row, ensure_ascii=False)))
            items.append(_Item(seq, tbl, row_id, bytes(rmac).hex(), bytes(mac).hex(), row,
                               size))
        return items

    def _header(self, row: list) -> list:
        """A block header; one with a non-integer count, channel or time bound is sent as it
        is (the platform records it as malformed) but its readings are not looked up."""
        row = self._clean("ingest_block", row)
        if not all(type(x) is int for x in row[:7]):
            self._finding(f"ingest_block {row[0]}: its header holds a value that is not an "
                          "integer (changed outside the app?)")
            self._bad_headers.add(row[0])
        return row

    def _rows(self, tbl: str, ids: list[int]) -> dict[int, list]:
        """The rows of one row-sealed table (core or sector, from `layout.row_tables()`,
        which includes the sector tables the record declares) by id, as sealed."""
        if tbl not in layout.row_tables():
            declared.adopt(self.con)  # a table declared since this outbox opened
            if tbl not in layout.row_tables():
                self._finding(f"ledger seals rows of table {tbl!r}, which the record does "
                              "not declare (changed outside the app?)")
                return {}
        lo, hi = min(ids), max(ids)
        want = set(ids)
        if hi - lo + 1 <= 4 * len(ids):
            got = self.con.execute(f"SELECT * FROM {tbl} WHERE id BETWEEN ? AND ?", (lo, hi))
            # public_row: private columns (password hashes) leave the plant as their tokens,
            # which is what the row is sealed over, so the platform still checks the seal
            return {r[0]: self._clean(tbl, layout.public_row(tbl, r)) for r in got
                    if r[0] in want}
        out: dict[int, list] = {}
        for k in range(0, len(ids), 500):
            part = ids[k:k + 500]
            for r in self.con.execute(
                    f"SELECT * FROM {tbl} WHERE id IN ({','.join('?' * len(part))})", part):
                out[r[0]] = self._clean(tbl, layout.public_row(tbl, r))
        return out

    def _finding(self, text: str) -> None:
        """A row the record should not hold: logged and kept in `findings`, never a crash.
        The platform then sees the row differ from its seal and records where."""
        if text not in self.findings:
            self.findings.append(text)
            log.warning("sync: %s", text)

    def _clean(self, tbl: str, row: list) -> list:
        """`row` with values JSON cannot carry (a BLOB put in behind the app's back) as the
        text `records.chain.row_bytes` seals them as, so nothing crashes and the seal
        check on the platform still speaks for the row."""
        for i, v in enumerate(row):
            if v is not None and not isinstance(v, (int, float, str)):
                row[i] = "\x00blob:" + bytes(v).hex() if isinstance(
                    v, (bytes, bytearray, memoryview)) else "\x00" + type(v).__name__ + \
                    ":" + repr(v)
                self._finding(f"{tbl} {row[0]}: column {i} holds a {type(v).__name__}, "
                              "not a number or text (changed outside the app?)")
            elif isinstance(v, float) and not math.isfinite(v):  # JSON has no infinity
                row[i] = repr(v)
                self._finding(f"{tbl} {row[0]}: column {i} holds {v!r} (changed outside "
                              "the app?)")
        return row

    def _channel_infos(self, ids: set[int]) -> list[dict]:
        if ids - self._channels.keys():
            for cid, key, name, unit, dev in self.con.execute(
                    "SELECT id, key, name, unit, device_key FROM channel"):
                self._channels[cid] = {"id": cid, "key": key, "name": name or "",
                                       "unit": unit or "", "device_key": dev or ""}
        return [self._channels[c] for c in sorted(ids) if c in self._channels]

    def _build(self, items: list[_Item], sent_at: int) -> OutBatch:
        headers = [it.row for it in items if it.tbl == "ingest_block" and it.row is not None
                   and it.row[0] not in self._bad_headers]
        packed, channels = pack_block_runs(self.con, headers, self._finding) if headers \
            else ({}, set())
        entries = []
        readings = 0
        for it in items:
            e: dict = {"seq": it.seq, "tbl": it.tbl, "row_id": it.row_id, "rmac": it.rmac,
                       "mac": it.mac, "row": it.row if it.row is not None else []}
            if it.tbl == "ingest_block":
                data = packed.get(it.row_id, b"")
                readings += len(data) // wire.READING_BYTES
                e["readings"] = base64.b64encode(data).decode("ascii")
            entries.append(e)
        doc = {"protocol": wire.PROTOCOL, "key_id": self.key_id, "sent_at": sent_at,
               "channels": self._channel_infos(channels), "entries": entries}
        raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":"),
                         allow_nan=False).encode()
        body = gzip.compress(raw, compresslevel=self.compresslevel, mtime=0)
        return OutBatch(items[0].seq, items[-1].seq, items[-1].mac, len(items), readings,
                        len(raw), body)


def backlog(con: sqlite3.Connection, after_seq: int) -> tuple[dict[str, int], int]:
    """({table: ledger entries past `after_seq`}, readings in those ingest blocks).

    Cheap on any record size: an index range over the ledger, and the readings from the
    block headers (block ids grow with their seal position).
    """
    per = dict(con.execute("SELECT tbl, count(*) FROM ledger WHERE seq > ? GROUP BY tbl",
                           (after_seq,)).fetchall())
    first = con.execute("SELECT row_id FROM ledger WHERE seq > ? AND tbl = 'ingest_block' "
                        "ORDER BY seq LIMIT 1", (after_seq,)).fetchone()
    readings = 0
    if first is not None:
        readings = con.execute("SELECT coalesce(sum(n), 0) FROM ingest_block WHERE id >= ?",
                               (first[0],)).fetchone()[0]
    return per, readings
