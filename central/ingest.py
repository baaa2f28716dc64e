"""Ingest of a plant's batch: check it, store it, answer only after the commit.

Semantics are the ones `sync.wire` documents: a batch starts at `stored_seq + 1` or
overlaps what is stored; stored entries with the same MAC are duplicates (skipped), a
different MAC at a stored position is a fork (409, nothing stored), a start past
`stored_seq + 1` is a gap (409 with the position expected).

Every new entry's seal is recomputed with the plant's escrowed key. A seal that does not
match does not stop the batch: the platform stores everything a plant sends, marks the
plant's chain broken and says which entry is wrong, so nothing is lost and nothing is
silently trusted. The same holds for an entry whose row is missing or malformed (a row
deleted or damaged on the plant behind the application's back: a short block, readings
outside the header, a row of the wrong shape): its ledger entry is stored, whatever of its
row is usable is stored, and the chain is marked broken naming the entry. Only protocol
errors (seq order, key, base64, sizes, JSON shape) refuse a whole batch with a 4xx.

Conflict details: every 409 `detail` starts with exactly "gap:" or "fork:" (see `GAP`,
`FORK`); `sync.client` tells the two apart by that prefix, so keep it.

Hot path: readings stay in numpy from the base64 bytes to the database (`executemany` in
SQLite, binary `COPY` in PostgreSQL); no ORM object is built per row.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import math
import zlib
from dataclasses import dataclass, field

import numpy as np
from pydantic import ValidationError

from deungdae.central.auth import now_ms
from deungdae.central.db import Conn, Database
from deungdae.records import chain, declared, layout
from deungdae.records.chain import block_digest, seal_macs, table_row_digest
from deungdae.records.schema import ROLLUP_LEVELS
from deungdae.records.store import BAD_QUALITY, coarsen
from deungdae.sync import wire

# Guaranteed prefixes of the ingest 409 details: `sync.client` tells a gap (resend from
# `expected_seq`) from a fork (stop) by exactly these, so never change or drop them.
GAP = "gap:"    # prefix of every 409 detail for a batch starting past stored_seq + 1
FORK = "fork:"  # prefix of every 409 detail for a batch that differs from what is stored
READING_DT = chain.READING_DT  # the sealed reading row (ch, ts, v, q), little-endian
MAX_PROBLEMS = 1000
_I64 = 2**63
# Where the time, kind, channel and reference of each row-sealed table's rows are.
_PG_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_PG_TRAILER = b"\xff\xff"
_PG_ROW = np.dtype([("nf", ">i2"), ("l1", ">i4"), ("plant", ">i8"), ("l2", ">i4"), ("ch", ">i8"),
                    ("l3", ">i4"), ("ts", ">i8"), ("l4", ">i4"), ("v", ">f8"), ("l5", ">i4"),
                    ("q", ">i8"), ("l6", ">i4"), ("blk", ">i8")])
_PG_ROW_NULL = np.dtype([("nf", ">i2"), ("l1", ">i4"), ("plant", ">i8"), ("l2", ">i4"),
                         ("ch", ">i8"), ("l3", ">i4"), ("ts", ">i8"), ("l4", ">i4"),
                         ("l5", ">i4"), ("q", ">i8"), ("l6", ">i4"), ("blk", ">i8")])


class IngestError(Exception):
    """A batch refused as a whole; `status` and `detail` go back to the plant."""

    def __init__(self, status: int, detail: str, expected_seq: int | None = None,
                 fork_at: int | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.expected_seq = expected_seq
        self.fork_at = fork_at  # a fork: the first position where the batch differs


# ---------------------------------------------------------------------- body
def inflate(body: bytes, encoding: str | None) -> bytes:
    """The JSON bytes of a request body (gunzipped if so sent, bounded)."""
    enc = (encoding or "identity").strip().lower()
    if enc in ("identity", ""):
        return body
    if enc != "gzip":
        raise IngestError(400, f"Content-Encoding {encoding!r} is not supported; send gzip "
                               "or no encoding")
    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out = []
    size = 0
    data = body
    try:
        while data:
            chunk = d.decompress(data, 1 << 20)
            size += len(chunk)
            if size > wire.MAX_INFLATED_BYTES:
                raise IngestError(413, f"the batch inflates to more than "
                                       f"{wire.MAX_INFLATED_BYTES:,} bytes; send smaller "
                                       "batches")
            out.append(chunk)
            data = d.unconsumed_tail
            if d.eof:
                if d.unused_data:
                    raise IngestError(400, "the gzip body has data after its end (send one "
                                           "gzip member)")
                break
        if not d.eof:
            raise IngestError(400, "the gzip body is truncated")
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise IngestError(400, f"the body is not valid gzip: {exc}") from exc
    return b"".join(out)


def parse(data: bytes) -> wire.Batch:
    try:
        return wire.Batch.model_validate_json(data)
    except ValidationError as exc:
        errs = exc.errors(include_url=False, include_input=False)
        parts = [f"{'.'.join(str(x) for x in e['loc']) or 'body'}: {e['msg']}" for e in errs[:5]]
        more = f" (and {len(errs) - 5} more)" if len(errs) > 5 else ""
        raise IngestError(422, "the batch is not a valid wire.Batch: " + "; ".join(parts) +
                          more) from exc


# ---------------------------------------------------------------------- checks
@dataclass(slots=True)
class NewRow:
    """One entry, checked: its digest and what will be stored for it."""

    entry: wire.Entry
    digest: bytes
    readings: bytes | None = None  # packed rows as received, checked
    ts: int | None = None
    kind: str | None = None
    channel: str | None = None
    ref_id: int | None = None
    cols: str = ""
    problem: str | None = None  # the row is missing or malformed on the plant
    store: bool = True  # False: nothing of the row is usable, only its ledger entry
    sector: bool = False  # a sector table's row: checked once its declaration is known


@dataclass(slots=True)
class Prepared:
    batch: wire.Batch
    rows: list[NewRow] = field(default_factory=list)


class RowProblem(Exception):
    """One entry's row is missing or malformed: recorded as a chain problem, not refused."""


def _bad(e: wire.Entry, what: str) -> RowProblem:
    return RowProblem(what)


def _refuse(e: wire.Entry, what: str) -> IngestError:
    return IngestError(400, f"ledger #{e.seq} {e.tbl} {e.row_id}: {what}")


def _check_scalars(e: wire.Entry) -> None:
    for i, x in enumerate(e.row):
        if isinstance(x, float) and not math.isfinite(x):  # not JSON: protocol, refused
            raise _refuse(e, f"column {i} is {x!r}; the record holds only finite numbers")
        if isinstance(x, int) and not -_I64 <= x < _I64:
            raise _bad(e, f"column {i} ({x}) is beyond a 64-bit integer")
        if isinstance(x, str) and not _storable(x):
            raise _bad(e, f"column {i} holds text that cannot be stored (a NUL character "
                          "or a lone surrogate)")


def _storable(text: str) -> bool:
    """Text both databases can hold: UTF-8 encodable, no NUL (PostgreSQL refuses it)."""
    if "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeError:
        return False
    return True


def _int(e: wire.Entry, i: int, name: str, optional: bool = False) -> int | None:
    x = e.row[i]
    if x is None and optional:
        return None
    if type(x) is not int:
        raise _bad(e, f"{name} (column {i}) must be an integer, got {x!r}")
    return x


def _block_bytes(e: wire.Entry) -> bytes:
    """A block entry's readings' bytes; refuses (protocol) what cannot be packed rows."""
    if e.readings is None:
        raise _refuse(e, "an ingest_block entry needs its readings")
    try:
        raw = base64.b64decode(e.readings, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _refuse(e, f"readings are not valid base64: {exc}") from exc
    if len(raw) % wire.READING_BYTES or len(raw) > wire.READING_BYTES * wire.MAX_BLOCK_ROWS:
        raise _refuse(e, f"readings hold {len(raw)} bytes: not a whole number of "
                         f"{wire.READING_BYTES}-byte rows, or more than "
                         f"{wire.MAX_BLOCK_ROWS:,} of them")
    return raw


def _check_header(e: wire.Entry, raw: bytes) -> None:
    """A block entry's header checks and its readings' count (their order not checked)."""
    if len(e.row) != len(wire.BLOCK_COLUMNS):
        raise _bad(e, f"a block header has {len(wire.BLOCK_COLUMNS)} columns "
                      f"{wire.BLOCK_COLUMNS}, got {len(e.row)}")
    for i, name in enumerate(wire.BLOCK_COLUMNS[:-1]):
        _int(e, i, name)
    if not isinstance(e.row[-1], str):
        raise _bad(e, "user (last column) must be a string")
    bid, _created, n = e.row[:3]
    if bid != e.row_id:
        raise _bad(e, f"row id {bid} differs from the entry's row_id")
    if not 1 <= n <= wire.MAX_BLOCK_ROWS:
        raise _bad(e, f"n = {n}; a block holds 1..{wire.MAX_BLOCK_ROWS:,} readings")
    if len(raw) != wire.READING_BYTES * n:
        raise _bad(e, f"readings hold {len(raw)} bytes; n = {n} needs "
                      f"{wire.READING_BYTES * n}")


def _readings_problem(e: wire.Entry, raw: bytes) -> str | None:
    """What is wrong with one block's readings (order, the header's ranges), if anything."""
    n, ch_lo, ch_hi, ts_lo, ts_hi = e.row[2:7]
    a = np.frombuffer(raw, dtype=READING_DT)
    ch, ts = a["ch"], a["ts"]
    if n > 1 and not np.all((ch[1:] > ch[:-1]) | ((ch[1:] == ch[:-1]) & (ts[1:] > ts[:-1]))):
        return "readings are not in strictly increasing (ch, ts) order"
    if ch[0] < ch_lo or ch[-1] > ch_hi:
        return (f"channels {int(ch[0])}..{int(ch[-1])} are outside the header's "
                f"{ch_lo}..{ch_hi}")
    if int(ts.min()) < ts_lo or int(ts.max()) > ts_hi:
        return (f"times {int(ts.min())}..{int(ts.max())} are outside the header's "
                f"{ts_lo}..{ts_hi}")
    return None


def _usable(e: wire.Entry, raw: bytes) -> bytes:
    """The readings of a damaged block worth keeping: inside the header's ranges, in
    (ch, ts) order, each (ch, ts) once."""
    _n, ch_lo, ch_hi, ts_lo, ts_hi = e.row[2:7]
    a = np.frombuffer(raw, dtype=READING_DT)
    a = a[(a["ch"] >= ch_lo) & (a["ch"] <= ch_hi) & (a["ts"] >= ts_lo) & (a["ts"] <= ts_hi)]
    if not len(a):
        return b""
    a = a[np.lexsort((a["ts"], a["ch"]))]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a["ch"][1:] != a["ch"][:-1]) | (a["ts"][1:] != a["ts"][:-1])
    return a[first].tobytes()


def _check_blocks(rows: list[NewRow]) -> None:
    """`_readings_problem` of every block in `rows` at once (one numpy pass over the batch);
    the blocks that fail are looked at alone, marked with their problem and keep only
    their usable readings."""
    if not rows:
        return
    a = np.frombuffer(b"".join(r.readings or b"" for r in rows), dtype=READING_DT)
    hdr = np.array([r.entry.row[2:7] for r in rows], dtype=np.int64)
    n = hdr[:, 0]
    starts = np.cumsum(n) - n
    ends = starts + n - 1
    ch, ts = a["ch"], a["ts"]
    pair_ok = (ch[1:] > ch[:-1]) | ((ch[1:] == ch[:-1]) & (ts[1:] > ts[:-1]))
    pair_ok[ends[:-1]] = True  # the pair across two blocks is not a pair of one block
    bad = np.zeros(len(rows), dtype=bool)
    if not pair_ok.all():
        bad[np.searchsorted(starts, np.flatnonzero(~pair_ok), side="right") - 1] = True
    bad |= (ch[starts] < hdr[:, 1]) | (ch[ends] > hdr[:, 2])
    bad |= (np.minimum.reduceat(ts, starts) < hdr[:, 3]) | \
        (np.maximum.reduceat(ts, starts) > hdr[:, 4])
    for i in np.flatnonzero(bad).tolist():
        r = rows[i]
        problem = _readings_problem(r.entry, r.readings or b"")
        if problem:
            r.problem = problem
            r.readings = _usable(r.entry, r.readings or b"")


def _block(e: wire.Entry) -> NewRow:
    """A block entry, its readings' order left to `_check_blocks`."""
    raw = _block_bytes(e)  # protocol: refused as a whole when it is not packed rows
    r = NewRow(e, b"", readings=raw)
    try:
        _check_scalars(e)
        _check_header(e, raw)
    except RowProblem as exc:
        r.problem = str(exc)
        header_ok = len(e.row) == len(wire.BLOCK_COLUMNS) and e.row[0] == e.row_id and \
            all(type(x) is int and -_I64 <= x < _I64 for x in e.row[:-1]) and \
            isinstance(e.row[-1], str) and _storable(e.row[-1])
        if header_ok:
            r.readings = _usable(e, raw)  # the header stands; keep what fits it
        else:
            r.readings, r.store = None, False
        return r
    try:
        r.digest = block_digest(e.row, raw)
    except (UnicodeError, ValueError) as exc:
        r.problem = f"the header cannot be encoded: {exc}"
        r.readings, r.store = None, False
    return r


def _record(e: wire.Entry) -> NewRow:
    if e.readings is not None:
        raise _refuse(e, "only ingest_block entries carry readings")
    if e.tbl not in wire.ROW_COLUMNS:  # a sector's: needs the plant's sealed declaration
        return NewRow(e, b"", sector=True)
    try:
        return _record_row(e, CORE_ROW_TABLES[e.tbl])
    except RowProblem as exc:
        return NewRow(e, b"", problem=str(exc), store=False)


# The core tables by name. A sector table is known here only from the plant's own sealed
# declaration (`records.declared`), never from sector code installed on the platform.
CORE_ROW_TABLES: dict[str, layout.Table] = {
    t.name: t for t in layout.CORE_TABLES if t.seal == "row"}


def _time_index(t: layout.Table) -> int:
    """Where a row's time is, from the record layout (`Table.time_column`)."""
    return t.column_names.index(t.time_column)


def _public_form(t: layout.Table | None, row: list) -> list:
    """`row` with every private value as its token (a value already a token is kept)."""
    out = list(row)
    n = len(layout.PRIVATE_PREFIX) + 64
    for i in t.private_columns if t is not None else ():
        v = out[i] if i < len(out) else None
        if v is not None and not (isinstance(v, str) and v.startswith(layout.PRIVATE_PREFIX)
                                  and len(v) == n):
            out[i] = layout.private_token(v)
    return out


def _record_row(e: wire.Entry, table: layout.Table) -> NewRow:
    cols = table.column_names
    _check_scalars(e)
    if table.owner != "core" and len(e.row) > len(cols) and \
            all(x is None for x in e.row[len(cols):]):
        # a row sealed before its table grew, read after the plant added the (still empty)
        # columns: trailing NULLs are not sealed (`chain.row_bytes`), so drop them here
        e = e.model_copy(update={"row": e.row[:len(cols)]})
    if len(e.row) != len(cols):
        raise _bad(e, f"a {e.tbl} row has {len(cols)} columns {cols}, got {len(e.row)}")
    if _int(e, 0, "id") != e.row_id:
        raise _bad(e, f"row id {e.row[0]} differs from the entry's row_id")
    try:
        digest = table_row_digest(e.tbl, e.row, table)
        # stored (and served) in public form: a private value an old client sent raw (a
        # password hash) is kept only as its token, which is what the seal covers
        text = json.dumps(_public_form(table, e.row), ensure_ascii=False,
                          separators=(",", ":"))
        text.encode()
    except (UnicodeError, ValueError) as exc:
        raise _bad(e, f"the row cannot be encoded: {exc}") from exc
    r = NewRow(e, digest, cols=text)
    if e.tbl == "event":
        r.ts = _int(e, 1, "ts")
        if not isinstance(e.row[2], str):
            raise _bad(e, "kind (column 2) must be a string")
        if e.row[4] is not None and not isinstance(e.row[4], str):
            raise _bad(e, "channel (column 4) must be a string or null")
        r.kind, r.channel = e.row[2], e.row[4]
        r.ref_id = _int(e, 9, "ref_id", optional=True)
    else:
        t = e.row[_time_index(table)]
        r.ts = t if type(t) is int else None
    return r


def stored_declarations(con: Conn, plant_id: int) -> dict[str, layout.Table]:
    """The sector tables this plant declared in the rows the platform holds (newest each)."""
    cols = wire.ROW_COLUMNS["config_change"]
    pairs = []
    for (text,) in con.all(
            "SELECT cols FROM record_row WHERE plant_id = ? AND tbl = 'config_change' AND "
            "cols LIKE ? ORDER BY row_id", (plant_id, f'%"{declared.ENTITY}"%')):
        try:
            d = dict(zip(cols, json.loads(text), strict=True))
        except (ValueError, TypeError):
            continue
        if d["entity"] == declared.ENTITY:
            pairs.append((d["key"], d["new"]))
    return declared.newest(pairs)


def _resolve_sector_rows(rows: list[NewRow], known: dict[str, layout.Table]) -> None:
    """Check the sector rows of a batch in seq order, each with the declaration the plant
    sealed before it (stored earlier, or earlier in this batch); `known` is updated."""
    for r in rows:
        e = r.entry
        if e.tbl == "config_change" and r.problem is None and len(e.row) > 5 and \
                e.row[2] == declared.ENTITY:
            t = declared.parse(e.row[5])
            if t is not None and t.name == e.row[3]:
                known[t.name] = t
            continue
        if not r.sector:
            continue
        table = known.get(e.tbl)
        if table is None:
            r.problem = (f"no declaration of table {e.tbl!r} reached the platform before this "
                         "row (the plant seals one when it creates the table)")
            r.store = False
            continue
        try:
            done = _record_row(e, table)
        except RowProblem as exc:
            r.problem, r.store = str(exc), False
            continue
        r.digest, r.cols, r.ts = done.digest, done.cols, done.ts


def prepare(batch: wire.Batch) -> Prepared:
    """Everything that needs no stored state: shape, order, readings, digests.

    Protocol errors raise `IngestError`; a missing or malformed row only marks its
    `NewRow.problem` (recorded as a chain problem when stored)."""
    first = batch.entries[0].seq
    out = Prepared(batch)
    blocks: list[NewRow] = []
    for i, e in enumerate(batch.entries):
        if e.seq != first + i:
            raise IngestError(400, f"entries must have consecutive seqs: entry {i} has "
                                   f"#{e.seq}, expected #{first + i}")
        if e.tbl == "ingest_block":
            r = _block(e)
            if r.problem is None:
                blocks.append(r)
        else:
            r = _record(e)
        out.rows.append(r)
    _check_blocks(blocks)
    for c in batch.channels:
        if not all(_storable(s) for s in (c.key, c.name, c.unit, c.device_key)):
            raise IngestError(400, f"channel {c.id}: its text cannot be stored (a NUL "
                                   "character or a lone surrogate)")
    return out


# ---------------------------------------------------------------------- storing
def _problem(con: Conn, plant_id: int, count: int, seq: int | None, text: str) -> int:
    if count < MAX_PROBLEMS:
        con.execute("INSERT INTO chain_problem(plant_id, n, seq, text) VALUES (?, ?, ?, ?)",
                    (plant_id, count + 1, seq, text))
    return count + 1


def first_problem(con: Conn, plant_id: int, count: int) -> str | None:
    if not count:
        return None
    row = con.one("SELECT text FROM chain_problem WHERE plant_id = ? ORDER BY n LIMIT 1",
                  (plant_id,))
    text = row[0] if row else "chain broken"
    return text + (f" (and {count - 1} more problem(s); see /api/v1/chain)" if count > 1 else "")


def _existing_ids(con: Conn, plant_id: int, tbl: str, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    lo, hi = min(ids), max(ids)
    if tbl == "ingest_block":
        rows = con.all("SELECT id FROM block WHERE plant_id = ? AND id BETWEEN ? AND ?",
                       (plant_id, lo, hi))
    else:
        rows = con.all("SELECT row_id FROM record_row WHERE plant_id = ? AND tbl = ? AND "
                       "row_id BETWEEN ? AND ?", (plant_id, tbl, lo, hi))
    return {r[0] for r in rows}


def _upsert_rollup(pg: bool, t: str) -> str:
    lo, hi = ("LEAST", "GREATEST") if pg else ("min", "max")
    return (f"INSERT INTO {t}(plant_id, ch, b, vmin, vmax, vsum, n) VALUES (?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT(plant_id, ch, b) DO UPDATE SET vmin = {lo}({t}.vmin, excluded.vmin), "
            f"vmax = {hi}({t}.vmax, excluded.vmax), vsum = {t}.vsum + excluded.vsum, "
            f"n = {t}.n + excluded.n")


def _insert_readings(con: Conn, plant_id: int, rows: np.ndarray, blk: np.ndarray) -> None:
    """Bulk insert of (ch, ts, v, q) rows with their block ids; NaN values become NULL."""
    if con.pg:
        null = np.isnan(rows["v"])
        parts = [_PG_HEADER]
        for dt, sel in ((_PG_ROW, ~null), (_PG_ROW_NULL, null)):
            k = int(sel.sum())
            if not k:
                continue
            out = np.empty(k, dtype=dt)
            out["nf"] = 6
            for f in ("l1", "l2", "l3", "l5", "l6"):
                out[f] = 8
            out["l4"] = 8 if dt is _PG_ROW else -1
            out["plant"] = plant_id
            out["ch"] = rows["ch"][sel]
            out["ts"] = rows["ts"][sel]
            if dt is _PG_ROW:
                out["v"] = rows["v"][sel]
            out["q"] = rows["q"][sel]
            out["blk"] = blk[sel]
            parts.append(out.tobytes())
        parts.append(_PG_TRAILER)
        with con.raw.cursor() as cur, cur.copy(
                "COPY reading (plant_id, ch, ts, v, q, blk) FROM STDIN (FORMAT BINARY)") as cp:
            cp.write(b"".join(parts))
        return
    # In the table's (ch, ts) order, so each channel's rows go in as one run of
    # neighbouring b-tree pages, not one page per channel per block.
    order = np.lexsort((rows["ts"], rows["ch"]))
    full = np.empty(len(rows), dtype=[("ch", "<i8"), ("ts", "<i8"), ("v", "<f8"),
                                      ("q", "<i8"), ("blk", "<i8")])
    for f in ("ch", "ts", "v", "q"):
        full[f] = rows[f][order]
    full["blk"] = blk[order]
    # sqlite3 binds NaN as NULL, which is how the desktop stores "no value" too.
    con.raw.executemany(f"INSERT INTO reading(plant_id, ch, ts, v, q, blk) VALUES "
                        f"({int(plant_id)}, ?, ?, ?, ?, ?)", full.tolist())


def _dedup_readings(con: Conn, plant_id: int, rows: np.ndarray, blk: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Drop readings whose (ch, ts) is already stored or repeated (a record can't hold both);
    the first of repeats in the batch is kept. One range query per channel, matched in
    numpy (never one query per reading inside the write transaction)."""
    n = len(rows)
    if not n:
        return rows, blk
    order = np.lexsort((rows["ts"], rows["ch"]))  # stable: repeats keep their batch order
    ch, ts = rows["ch"][order], rows["ts"][order]
    keep_sorted = np.ones(n, dtype=bool)
    keep_sorted[1:] = (ch[1:] != ch[:-1]) | (ts[1:] != ts[:-1])
    cuts = np.flatnonzero(ch[1:] != ch[:-1]) + 1
    for s, e in zip([0, *cuts.tolist()], [*cuts.tolist(), n], strict=True):
        stored = np.fromiter((r[0] for r in con.all(
            "SELECT ts FROM reading WHERE plant_id = ? AND ch = ? AND ts BETWEEN ? AND ?",
            (plant_id, int(ch[s]), int(ts[s]), int(ts[e - 1])))), dtype=np.int64)
        if len(stored):
            keep_sorted[s:e] &= ~np.isin(ts[s:e], stored)
    keep = np.empty(n, dtype=bool)
    keep[order] = keep_sorted
    return rows[keep], blk[keep]


def _rollup(rows: np.ndarray, width: int) -> dict[tuple[int, int], list]:
    """`records.store.rollup_batch` over a READING_DT array, in numpy: good values (not
    NaN, no bad-quality bit) of each (channel, ts // width) -> [min, max, sum, n], the sum
    accumulated in row order as rollup_batch does."""
    v = rows["v"]
    good = ~np.isnan(v) & ((rows["q"] & BAD_QUALITY) == 0)
    if not good.any():
        return {}
    ch = rows["ch"][good]
    b = rows["ts"][good] // width
    v = v[good]
    order = np.lexsort((b, ch))  # stable: rows of one bucket keep their order
    ch, b, v = ch[order], b[order], v[order]
    new = np.empty(len(ch), dtype=bool)
    new[0] = True
    new[1:] = (ch[1:] != ch[:-1]) | (b[1:] != b[:-1])
    starts = np.flatnonzero(new)
    seg = np.cumsum(new) - 1
    vmin = np.minimum.reduceat(v, starts)
    vmax = np.maximum.reduceat(v, starts)
    vsum = np.bincount(seg, weights=v)  # sequential, in row order
    n = np.diff(np.append(starts, len(v)))
    return {(c, k): [lo, hi, sm, cnt] for c, k, lo, hi, sm, cnt in zip(
        ch[starts].tolist(), b[starts].tolist(), vmin.tolist(), vmax.tolist(), vsum.tolist(),
        n.tolist(), strict=True)}


def _store_readings(con: Conn, plant_id: int, rows: np.ndarray, blk: np.ndarray) -> int:
    """Insert readings (and their rollups); return how many were dropped as repeats."""
    dropped = 0
    con.execute("SAVEPOINT readings")
    try:
        _insert_readings(con, plant_id, rows, blk)
        con.execute("RELEASE SAVEPOINT readings")
    except Exception as exc:
        if "unique" not in str(exc).lower() and "duplicate" not in str(exc).lower():
            raise
        con.execute("ROLLBACK TO SAVEPOINT readings")
        n0 = len(rows)
        rows, blk = _dedup_readings(con, plant_id, rows, blk)
        dropped = n0 - len(rows)
        if len(rows):
            _insert_readings(con, plant_id, rows, blk)
    agg = _rollup(rows, ROLLUP_LEVELS[0][1])
    prev = ROLLUP_LEVELS[0][1]
    for i, (name, width) in enumerate(ROLLUP_LEVELS):
        if i:
            agg = coarsen(agg, width // prev)
            prev = width
        con.executemany(_upsert_rollup(con.pg, name),
                        [(plant_id, c, b, a[0], a[1], a[2], a[3]) for (c, b), a in agg.items()])
    return dropped


def ingest(db: Database, plant_id: int, prep: Prepared) -> wire.Ack:
    """Store a prepared batch for one plant in one transaction; return the Ack after commit.

    A batch refused as a fork (it differs from what is stored, or does not continue the
    head the platform holds) is recorded as a fork report (`central.forks`), in its own
    transaction, so the operator sees it in `plant list` and the cluster view.
    """
    try:
        return _ingest(db, plant_id, prep)
    except IngestError as exc:
        if exc.fork_at is None:
            raise
        from deungdae.central import forks

        with db.write() as con:
            state = db.lock_plant(con, plant_id)
            if state is not None:
                forks.record(con, plant_id, "platform", state[0], exc.detail,
                             first_differing=exc.fork_at)
        raise


def _ingest(db: Database, plant_id: int, prep: Prepared) -> wire.Ack:
    batch = prep.batch
    entries = batch.entries
    first, last = entries[0].seq, entries[-1].seq
    received = now_ms()
    with db.write() as con:
        state = db.lock_plant(con, plant_id)
        if state is None:
            raise IngestError(401, "this plant no longer exists on the platform")
        stored_seq, head_mac, chain_ok, problems, key_hex, key_id = state
        head_mac = bytes(head_mac)
        if key_hex is None or batch.key_id != key_id:
            raise IngestError(400, f"the batch is sealed with key {batch.key_id}, this plant "
                                   f"registered key {key_id}: register this record "
                                   "(`deungdae register URL CODE`) before sending it")
        if first > stored_seq + 1:
            raise IngestError(409, f"{GAP} the platform holds this plant's chain up to "
                                   f"#{stored_seq}; send from #{stored_seq + 1} (this batch "
                                   f"starts at #{first})", expected_seq=stored_seq + 1)
        dups = 0
        if first <= stored_seq:
            upto = min(last, stored_seq)
            stored = {s: bytes(m) for s, m in con.all(
                "SELECT seq, mac FROM ledger WHERE plant_id = ? AND seq BETWEEN ? AND ?",
                (plant_id, first, upto))}
            for e in entries[:upto - first + 1]:
                if stored.get(e.seq) != bytes.fromhex(e.mac):
                    raise IngestError(409, f"{FORK} ledger #{e.seq} differs from the entry the "
                                           f"platform stored at #{e.seq}; this record is not "
                                           "the one the platform holds (restored from an old "
                                           "backup, or rewritten). Nothing was stored.",
                                      expected_seq=stored_seq + 1, fork_at=e.seq)
            dups = upto - first + 1
        new = prep.rows[dups:]
        if any(r.sector for r in new):
            _resolve_sector_rows(new, stored_declarations(con, plant_id))
        key = bytes.fromhex(db.vault.open(plant_id, key_hex))
        if new:
            e0 = new[0].entry
            if chain.link_mac(key, head_mac, bytes.fromhex(e0.rmac)) != bytes.fromhex(e0.mac):
                # the stream does not continue what the platform holds: a record cut or
                # replaced on the plant, or a tail the platform holds that the plant lacks
                raise IngestError(409, f"{FORK} ledger #{e0.seq} does not follow from the "
                                       f"head the platform holds at #{stored_seq}: this "
                                       "record goes back or aside from the one the platform "
                                       "holds (cut, restored from an old backup, or "
                                       "rewritten). Nothing was stored; an operator repairs "
                                       "it with `deungdae-central plant repair`.",
                                  expected_seq=stored_seq + 1, fork_at=e0.seq)
        prev = head_mac
        ledger, blocks, records = [], [], []
        reading_parts, blk_parts = [], []
        taken = {t: _existing_ids(con, plant_id, t, [r.entry.row_id for r in new
                                                     if r.entry.tbl == t])
                 for t in {r.entry.tbl for r in new}}
        dropped = 0
        for r in new:
            e = r.entry
            sent_rmac, sent_mac = bytes.fromhex(e.rmac), bytes.fromhex(e.mac)
            where = f"ledger #{e.seq} {e.tbl} {e.row_id}"
            if r.problem is None:
                rmac, mac = seal_macs(key, prev, e.seq, e.tbl, e.row_id, r.digest)
            else:  # no row to check the seal against; the link still can be checked
                rmac, mac = sent_rmac, chain.link_mac(key, prev, sent_rmac)
                problems = _problem(con, plant_id, problems, e.seq,
                                    f"{where}: row missing or malformed on the plant "
                                    f"({r.problem})")
            if rmac != sent_rmac:
                problems = _problem(con, plant_id, problems, e.seq,
                                    f"{where}: content differs from what was sealed")
            elif mac != sent_mac:
                problems = _problem(con, plant_id, problems, e.seq,
                                    f"{where}: does not follow from the entry before it "
                                    "(inserted, reordered or rewritten without the key)")
            prev = sent_mac
            ledger.append((plant_id, e.seq, e.tbl, e.row_id, sent_rmac, sent_mac))
            if not r.store:
                continue
            if e.row_id in taken[e.tbl]:
                problems = _problem(con, plant_id, problems, e.seq,
                                    f"{where}: {e.tbl} {e.row_id} was sealed before; the "
                                    "first copy is kept")
                continue
            taken[e.tbl].add(e.row_id)
            if e.tbl == "ingest_block":
                blocks.append((plant_id, *e.row))
                reading_parts.append(r.readings or b"")
                blk_parts.append((e.row_id, len(r.readings or b"") // wire.READING_BYTES))
            else:
                records.append((plant_id, e.tbl, e.row_id, e.seq, r.ts, r.kind, r.channel,
                                r.ref_id, r.cols))
        con.executemany("INSERT INTO ledger(plant_id, seq, tbl, row_id, rmac, mac) VALUES "
                        "(?, ?, ?, ?, ?, ?)", ledger)
        con.executemany('INSERT INTO block(plant_id, id, created_at, n, ch_lo, ch_hi, ts_lo, '
                        'ts_hi, "user") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', blocks)
        con.executemany("INSERT INTO record_row(plant_id, tbl, row_id, seq, ts, kind, channel, "
                        "ref_id, cols) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
        n_readings = 0
        if any(reading_parts):
            # one array over all blocks' bytes: no per-block numpy work on the hot path
            rows = np.frombuffer(b"".join(reading_parts), dtype=READING_DT)
            blk = np.repeat(np.array([b for b, _n in blk_parts], dtype=np.int64),
                            [n for _b, n in blk_parts])
            dropped = _store_readings(con, plant_id, rows, blk)
            n_readings = len(rows) - dropped
            if dropped:
                problems = _problem(con, plant_id, problems, None,
                                    f"{dropped} reading(s) of blocks #{first}..#{last} repeat "
                                    "a (channel, time) already stored; the first is kept")
        chans = {c.id: c for c in batch.channels}
        con.executemany(
            "INSERT INTO channel(plant_id, id, key, name, unit, device_key) VALUES "
            "(?, ?, ?, ?, ?, ?) ON CONFLICT(plant_id, id) DO UPDATE SET key = excluded.key, "
            "name = excluded.name, unit = excluded.unit, device_key = excluded.device_key",
            [(plant_id, c.id, c.key, c.name, c.unit, c.device_key) for c in chans.values()])
        new_seq = max(stored_seq, last)
        new_head = prev if new else head_mac
        ok = bool(chain_ok) and problems == state[3]
        offset = received - batch.sent_at
        con.execute("UPDATE plant SET stored_seq = ?, head_mac = ?, chain_ok = ?, "
                    "problem_count = ?, last_seen = ?, clock_offset_ms = ? WHERE id = ?",
                    (new_seq, new_head, ok, problems, received, offset, plant_id))
        problem = first_problem(con, plant_id, problems)
    server_time = now_ms()
    return wire.Ack(stored_seq=new_seq, head_mac=new_head.hex(), accepted=len(new),
                    duplicates=dups, readings=n_readings, chain_ok=ok, problem=problem,
                    server_time=server_time, clock_offset_ms=server_time - batch.sent_at)
