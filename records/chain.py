"""The keyed hash chain that makes the record tamper-evident, and its verification.

Every record row is sealed by one `ledger` entry, in the order rows were written:

    digest  = SHA-256 of the row's canonical bytes (see `row_digest`, `pack_block`)
    rmac_i  = HMAC-SHA256(key, "deungdae-rmac-1" | seq | table | row id | digest)
    mac_i   = HMAC-SHA256(key, "deungdae-link-1" | mac_{i-1} | rmac_i)     (mac_0 = 32 zeros)

`rmac` says "this row, at this position, had this content"; `mac` links each entry to the
one before, so a missing, inserted or reordered entry breaks the link and an edited row
breaks its `rmac`: verification names which. The last `mac` is the chain head that sync
anchors at the central platform.

Readings are sealed per ingest block, not per row: the block's digest covers its header
and its rows packed as little-endian (ch int64, ts int64, v float64, q int64) in
(ch, ts) order, NULL/NaN values as one canonical NaN. The block also keeps one
fingerprint byte per row (`tags`), which is no seal but lets `verify` point at the row
that changed inside a block whose seal broke.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import json
import os
import sqlite3
import struct
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

GENESIS = bytes(32)
_ROW = struct.Struct("<qqdq")
_pk = _ROW.pack
CANON_NAN: float = struct.unpack("<d", b"\x00\x00\x00\x00\x00\x00\xf8\x7f")[0]
_DT = np.dtype([("ch", "<i8"), ("ts", "<i8"), ("v", "<f8"), ("q", "<i8")])
READING_DT = _DT  # the packed reading row, for code outside this module
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                 0x27D4EB2F165667C5], dtype=np.uint64)
_SHIFT29 = np.uint64(29)
_SHIFT56 = np.uint64(56)

# Tables sealed row by row (their rows are read back as stored, in column order).
ROW_TABLES: tuple[str, ...] = ("event", "config_change", "user_version", "auth_log", "signature")
BLOCK_HEADER = "SELECT id, created_at, n, ch_lo, ch_hi, ts_lo, ts_hi, user FROM ingest_block"
MAX_PROBLEMS = 1000
MAX_LOCATED_BLOCKS = 20


# ---------------------------------------------------------------------- canonical bytes
def pack_rows(rows: Sequence[tuple]) -> bytes:
    """(ch, ts, v, q) rows as packed bytes, in the given order."""
    # As SQLite will give them back: NULL and NaN (stored as NULL) become one canonical
    # NaN, -0.0 becomes 0.0 (`v + 0.0`), integers become floats.
    try:
        # `v == v` is False only for NaN; None goes to the fallback (TypeError)
        return b"".join([_pk(c, t, v + 0.0, q) if v == v else _pk(c, t, CANON_NAN, q)
                         for c, t, v, q in rows])
    except (TypeError, struct.error):
        return b"".join([_pk(c, t, CANON_NAN if v is None or v != v else v + 0.0, q)
                         for c, t, v, q in rows])


def sort_packed(packed: bytes) -> bytes:
    """Packed rows re-ordered by (ch, ts), the order `verify` reads them back in."""
    a = np.frombuffer(packed, dtype=_DT)
    ch = a["ch"]
    ts = a["ts"]
    if len(a) < 2 or (np.all(ch[1:] >= ch[:-1]) and np.all((ch[1:] > ch[:-1]) | (ts[1:] > ts[:-1]))):
        return packed
    return a[np.lexsort((ts, ch))].tobytes()


def tags_of(sorted_packed: bytes) -> bytes:
    """One fingerprint byte per packed row (a mixing hash, not a seal)."""
    if not sorted_packed:
        return b""
    x = np.frombuffer(sorted_packed, dtype="<u8").reshape(-1, 4)
    h = (x * _MIX).sum(axis=1, dtype=np.uint64)
    h ^= h >> _SHIFT29
    h *= _MIX[0]
    return (h >> _SHIFT56).astype(np.uint8).tobytes()


def block_header(row: Sequence) -> bytes:
    """Canonical bytes of an ingest_block header (id, created_at, n, ranges, user)."""
    return json.dumps(["ingest_block", *row], separators=(",", ":"),
                      ensure_ascii=False).encode() + b"\n"


def row_bytes(tbl: str, row: Sequence) -> bytes:
    return json.dumps([tbl, *row], separators=(",", ":"), ensure_ascii=False).encode()


def _digest_rows(con: sqlite3.Connection, tbl: str, where: str = "", params: Sequence = ()
                 ) -> dict[int, bytes]:
    out = {}
    for row in con.execute(f"SELECT * FROM {tbl} {where} ORDER BY id", params):
        out[row[0]] = hashlib.sha256(row_bytes(tbl, row)).digest()
    return out


def channels_in(ch_lo: int, ch_hi: int) -> str:
    """SQL `ch IN (lo, ..., hi)` for tables clustered on (ch, time).

    `ch BETWEEN lo AND hi AND ts BETWEEN ...` seeks on `ch` only and then reads every
    row of those channels, whatever their time; an IN list makes SQLite seek each channel's
    time range, so finding a block's rows costs its own size, not the table's.
    """
    return f"ch IN ({','.join(str(c) for c in range(int(ch_lo), int(ch_hi) + 1))})"


def block_rows(con: sqlite3.Connection, blk: int) -> list[tuple]:
    """The rows of one ingest block as stored now, in (ch, ts) order."""
    hdr = con.execute("SELECT ch_lo, ch_hi, ts_lo, ts_hi FROM ingest_block WHERE id = ?",
                      (blk,)).fetchone()
    if hdr is None:
        return []
    return con.execute(
        f"SELECT ch, ts, v, q FROM reading WHERE {channels_in(hdr[0], hdr[1])} "
        "AND ts BETWEEN ? AND ? AND blk = ? ORDER BY ch, ts", (hdr[2], hdr[3], blk)).fetchall()


def row_digest(con: sqlite3.Connection, tbl: str, row_id: int) -> bytes | None:
    """Digest of one record row as stored now (None if it is not there)."""
    if tbl == "ingest_block":
        hdr = con.execute(BLOCK_HEADER + " WHERE id = ?", (row_id,)).fetchone()
        if hdr is None:
            return None
        return hashlib.sha256(block_header(hdr) + pack_rows(block_rows(con, row_id))).digest()
    return _digest_rows(con, tbl, "WHERE id = ?", (row_id,)).get(row_id)


# ---------------------------------------------------------------------- sealing
def _rmac(key: bytes, seq: int, tbl: str, row_id: int, digest: bytes) -> bytes:
    msg = b"deungdae-rmac-1\x00" + seq.to_bytes(8, "big") + tbl.encode() + b"\x00" + \
        row_id.to_bytes(8, "big", signed=True) + digest
    return hmac.new(key, msg, hashlib.sha256).digest()


def _link(key: bytes, prev: bytes, rmac: bytes) -> bytes:
    return hmac.new(key, b"deungdae-link-1\x00" + prev + rmac, hashlib.sha256).digest()


def seal_macs(key: bytes, prev_mac: bytes, seq: int, tbl: str, row_id: int, digest: bytes
              ) -> tuple[bytes, bytes]:
    """(rmac, mac) of a ledger entry: what a holder of the key recomputes to check a copy.

    The central platform, holding the plant's key, checks every entry it receives this way.
    """
    rmac = _rmac(key, seq, tbl, row_id, digest)
    return rmac, _link(key, prev_mac, rmac)


def link_mac(key: bytes, prev_mac: bytes, rmac: bytes) -> bytes:
    """The link MAC of an entry whose row cannot be checked (it is missing on the plant):
    the chain's order can still be verified from the entry's own `rmac`."""
    return _link(key, prev_mac, rmac)


def block_digest(header: Sequence, sorted_packed: bytes) -> bytes:
    """Digest of an ingest block from its header row and its packed rows in (ch, ts) order."""
    return hashlib.sha256(block_header(header) + sorted_packed).digest()


def table_row_digest(tbl: str, row: Sequence) -> bytes:
    """Digest of a row of a row-sealed table, from its columns as stored (in order)."""
    return hashlib.sha256(row_bytes(tbl, row)).digest()


class Sealer:
    """Appends ledger entries inside the store's write transactions.

    The head moves only when the transaction commits (`commit`), so a rolled-back batch
    leaves the in-memory head where the database is.
    """

    def __init__(self, con: sqlite3.Connection, key: bytes) -> None:
        self.key = key
        row = con.execute("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        self.seq, self.mac = (row[0], bytes(row[1])) if row else (0, GENESIS)
        self._pending: tuple[int, bytes] | None = None

    def seal(self, con: sqlite3.Connection, tbl: str, row_id: int, digest: bytes) -> int:
        seq, prev = self._pending or (self.seq, self.mac)
        seq += 1
        rmac = _rmac(self.key, seq, tbl, row_id, digest)
        mac = _link(self.key, prev, rmac)
        con.execute("INSERT INTO ledger(seq, tbl, row_id, rmac, mac) VALUES (?, ?, ?, ?, ?)",
                    (seq, tbl, row_id, rmac, mac))
        self._pending = (seq, mac)
        return seq

    def seal_row(self, con: sqlite3.Connection, tbl: str, row_id: int) -> int:
        digest = row_digest(con, tbl, row_id)
        assert digest is not None, f"{tbl} {row_id} vanished inside its own transaction"
        return self.seal(con, tbl, row_id, digest)

    def commit(self) -> None:
        if self._pending is not None:
            self.seq, self.mac = self._pending
            self._pending = None

    def rollback(self) -> None:
        self._pending = None

    def seal_all_unsealed(self, con: sqlite3.Connection) -> int:
        """Seal rows written before sealing existed (only when the chain is created)."""
        n = 0
        items: list[tuple[int, str, int]] = []
        for (bid, created) in con.execute(
                "SELECT id, created_at FROM ingest_block WHERE id NOT IN "
                "(SELECT row_id FROM ledger WHERE tbl = 'ingest_block')"):
            items.append((created, "ingest_block", bid))
        for tbl in ROW_TABLES:
            tcol = "created_at" if tbl == "event" else "ts"
            for (rid, t) in con.execute(
                    f"SELECT id, {tcol} FROM {tbl} WHERE id NOT IN "
                    f"(SELECT row_id FROM ledger WHERE tbl = ?)", (tbl,)):
                items.append((t, tbl, rid))
        for _t, tbl, rid in sorted(items):
            self.seal_row(con, tbl, rid)
            n += 1
        return n


def heads(con: sqlite3.Connection) -> dict:
    """The chain head (what sync anchors at the central platform) and where it stands.

    Returns {"seq": last ledger position, "mac": hex of its link MAC, "block": last sealed
    ingest block, "rows": sealed entries per table}.
    """
    row = con.execute("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    blk = con.execute("SELECT max(row_id) FROM ledger WHERE tbl = 'ingest_block'").fetchone()[0]
    per = dict(con.execute("SELECT tbl, count(*) FROM ledger GROUP BY tbl").fetchall())
    return {"seq": row[0] if row else 0, "mac": bytes(row[1]).hex() if row else GENESIS.hex(),
            "block": blk, "rows": per}


# ---------------------------------------------------------------------- witness
def witness_path(key_dir: Path, key_id: str) -> Path:
    return Path(key_dir) / "keys" / f"record-{key_id}.head"


def write_witness(path: Path, seq: int, mac: bytes) -> None:
    """Remember the last head this computer saw, outside the database (catches truncation)."""
    if seq <= 0:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"seq": seq, "mac": mac.hex()}))
    os.replace(tmp, path)


def read_witness(path: Path) -> tuple[int, bytes] | None:
    try:
        d = json.loads(Path(path).read_text())
        return int(d["seq"]), bytes.fromhex(d["mac"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------------- verification
@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # edited | inserted | deleted | reordered | unsealed | config | truncated
    table: str
    row: str  # which row, in words a person can find: "event 12", "ch 3 ts 1764..."
    detail: str
    block: int | None = None
    seq: int | None = None

    def __str__(self) -> str:
        where = [self.table + (f" {self.row}" if self.row else "")]
        if self.block is not None:
            where.append(f"block {self.block}")
        if self.seq is not None:
            where.append(f"ledger #{self.seq}")
        return f"{self.kind.upper():9s} {', '.join(where)}: {self.detail}"


@dataclass(slots=True)
class Report:
    problems: list[Problem] = field(default_factory=list)
    more: int = 0  # problems found beyond MAX_PROBLEMS
    entries: int = 0
    blocks: int = 0
    readings: int = 0
    rows: int = 0
    head: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, *args, **kw) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(*args, **kw))
        else:
            self.more += 1

    def summary(self) -> str:
        what = (f"{self.entries:,} sealed entries, {self.blocks:,} reading blocks "
                f"({self.readings:,} readings), {self.rows:,} other rows")
        if self.ok:
            return f"record intact: {what}; head #{self.head.get('seq')} " \
                   f"{self.head.get('mac', '')[:16]} ({self.seconds:.1f} s)"
        n = len(self.problems) + self.more
        return f"RECORD DAMAGED: {n:,} problem(s) in {what} ({self.seconds:.1f} s)"


def _fmt_row(r: tuple) -> str:
    return f"ch {r[0]} ts {r[1]} value {r[2]!r} quality {r[3]}"


def _readings_pass(con: sqlite3.Connection, headers: dict[int, tuple], report: Report
                   ) -> dict[int, bytes]:
    """Digest every block from the rows as stored now: one scan in (ch, ts) order."""
    hashers = {bid: hashlib.sha256(block_header(h)) for bid, h in headers.items()}
    counts = dict.fromkeys(headers, 0)
    orphans = 0
    run: list[tuple] = []
    run_blk = None

    def flush() -> None:
        h = hashers.get(run_blk)
        if h is not None:
            h.update(pack_rows(run))
            counts[run_blk] += len(run)

    cur = con.execute("SELECT ch, ts, v, q, blk FROM reading ORDER BY ch, ts")
    while True:
        chunk = cur.fetchmany(50_000)
        if not chunk:
            break
        for ch, ts, v, q, blk in chunk:
            if blk != run_blk:
                if run:
                    flush()
                run = []
                run_blk = blk
                if blk not in hashers:
                    orphans += 1
                    if orphans <= 20:
                        report.add("inserted", "reading", f"ch {ch} ts {ts}",
                                   f"value {v!r} carries block {blk}, which was never "
                                   "written by Deungdae", block=blk)
                    continue
            if blk in hashers:
                run.append((ch, ts, v, q))
    if run:
        flush()
    if orphans > 20:
        report.add("inserted", "reading", "", f"{orphans - 20:,} more runs of readings "
                   "belong to no recorded block")
    report.readings = sum(counts.values())
    return {bid: h.digest() for bid, h in hashers.items()}


def _locate(con: sqlite3.Connection, bad: dict[int, tuple], report: Report) -> None:
    """Name the rows that changed inside blocks whose seal broke (by their fingerprints)."""
    if not bad:
        return
    rows: dict[int, list] = {b: [] for b in bad}
    for ch, ts, v, q, blk in con.execute("SELECT ch, ts, v, q, blk FROM reading ORDER BY ch, ts"):
        lst = rows.get(blk)
        if lst is not None:
            lst.append((ch, ts, v, q))
    for blk, (hdr, tags) in bad.items():
        seq_info = hdr.get("seq")
        now = rows[blk]
        new_tags = tags_of(pack_rows(now))
        named = 0
        if tags is not None:
            sm = difflib.SequenceMatcher(None, bytes(tags), new_tags, autojunk=False)
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op == "equal":
                    continue
                if op in ("replace", "insert"):
                    kind = "edited" if op == "replace" and (i2 - i1) == (j2 - j1) else \
                        "inserted" if op == "insert" else "edited"
                    for r in now[j1:j2]:
                        report.add(kind, "reading", f"ch {r[0]} ts {r[1]}",
                                   f"now {_fmt_row(r)}; differs from what was sealed"
                                   if kind == "edited" else f"{_fmt_row(r)} was not in the "
                                   "block when it was sealed", block=blk, seq=seq_info)
                        named += 1
                if op in ("delete", "replace") and (i2 - i1) > (j2 - j1):
                    gone = (i2 - i1) - (j2 - j1)
                    before = f"after ch {now[j1 - 1][0]} ts {now[j1 - 1][1]}" if j1 else \
                        "at the start of the block"
                    report.add("deleted", "reading", f"{gone} row(s) {before}",
                               f"block had {hdr['n']} rows when sealed, has {len(now)} now",
                               block=blk, seq=seq_info)
                    named += 1
        if not named:
            report.add("edited", "ingest_block", str(blk),
                       f"block header or its rows differ from what was sealed (sealed with "
                       f"{hdr['n']} rows, {len(now)} now); the changed row could not be "
                       "pinpointed", block=blk, seq=seq_info)


def verify(con: sqlite3.Connection, key: bytes, witness: tuple[int, bytes] | None = None,
           check_config: bool = True, progress: Callable[[str], None] | None = None) -> Report:
    """Recompute the whole chain from the rows as stored now and report every problem."""
    t_start = time.perf_counter()
    report = Report()
    say = progress or (lambda _m: None)

    headers_rows = con.execute(BLOCK_HEADER + " ORDER BY id").fetchall()
    headers = {r[0]: r for r in headers_rows}
    tags = dict(con.execute("SELECT id, tags FROM ingest_block").fetchall())
    report.blocks = len(headers)
    say(f"checking {len(headers):,} reading blocks")
    digests: dict[str, dict[int, bytes]] = {"ingest_block": _readings_pass(con, headers, report)}
    say("checking events, changes, users, sign-ins and signatures")
    for tbl in ROW_TABLES:
        digests[tbl] = _digest_rows(con, tbl)
        report.rows += len(digests[tbl])

    say("checking the chain")
    prev = GENESIS
    expect = 1
    sealed: dict[str, dict[int, int]] = {t: {} for t in digests}
    bad_blocks: dict[int, tuple] = {}
    for seq, tbl, row_id, rmac, mac in con.execute(
            "SELECT seq, tbl, row_id, rmac, mac FROM ledger ORDER BY seq"):
        report.entries += 1
        rmac, mac = bytes(rmac), bytes(mac)
        linked = hmac.compare_digest(_link(key, prev, rmac), mac)
        if seq != expect:
            if seq > expect:
                report.add("deleted", "ledger", f"#{expect}..#{seq - 1}",
                           f"{seq - expect} sealed entr{'y' if seq - expect == 1 else 'ies'} "
                           "and the rows they sealed were removed", seq=expect)
            else:
                report.add("reordered", "ledger", f"#{seq}", "entries out of order", seq=seq)
        elif not linked:
            report.add("reordered" if tbl in digests else "inserted", "ledger", f"#{seq}",
                       "does not follow from the entry before it (inserted, reordered or "
                       "rewritten without the key)", seq=seq)
        expect = seq + 1
        prev = mac
        table = digests.get(tbl)
        if table is None:
            report.add("inserted", "ledger", f"#{seq}", f"seals unknown table {tbl!r}", seq=seq)
            continue
        if row_id in sealed[tbl]:
            report.add("inserted", tbl, str(row_id), f"sealed twice (#{sealed[tbl][row_id]} "
                       f"and #{seq})", seq=seq)
        sealed[tbl][row_id] = seq
        digest = table.get(row_id)
        if digest is None:
            report.add("deleted", tbl, str(row_id), "was sealed but is gone",
                       block=row_id if tbl == "ingest_block" else None, seq=seq)
        elif not hmac.compare_digest(_rmac(key, seq, tbl, row_id, digest), rmac):
            if tbl == "ingest_block":
                h = headers[row_id]
                bad_blocks[row_id] = ({"n": h[2], "seq": seq}, tags.get(row_id))
            else:
                report.add("edited", tbl, str(row_id),
                           "content differs from what was sealed" if linked else
                           "content or position differs from what was sealed", seq=seq)
    for tbl, table in digests.items():
        missing = [rid for rid in table if rid not in sealed[tbl]]
        for rid in missing[:50]:
            report.add("inserted" if report.entries else "unsealed", tbl, str(rid),
                       "is not sealed in the chain (added behind the app's back)",
                       block=rid if tbl == "ingest_block" else None)
        if len(missing) > 50:
            report.add("inserted", tbl, "", f"{len(missing) - 50:,} more unsealed rows")
    if len(bad_blocks) > MAX_LOCATED_BLOCKS:
        for blk in list(bad_blocks)[MAX_LOCATED_BLOCKS:]:
            hdr, _t = bad_blocks.pop(blk)
            report.add("edited", "ingest_block", str(blk), "block header or rows differ from "
                       "what was sealed", block=blk, seq=hdr["seq"])
    _locate(con, bad_blocks, report)

    last = con.execute("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    if witness is not None:
        wseq, wmac = witness
        got = con.execute("SELECT mac FROM ledger WHERE seq = ?", (wseq,)).fetchone()
        if last is None or last[0] < wseq:
            report.add("truncated", "ledger", f"#{(last[0] if last else 0) + 1}..#{wseq}",
                       f"this computer saw the chain reach #{wseq}, the record ends at "
                       f"#{last[0] if last else 0}: rows were removed from the end or an "
                       "older copy was put in place", seq=wseq)
        elif got is None or bytes(got[0]) != wmac:
            report.add("edited", "ledger", f"#{wseq}", "differs from the head this computer "
                       "saw: the chain was rewritten", seq=wseq)
    if check_config:
        _check_config(con, report)
    report.head = heads(con)
    report.seconds = time.perf_counter() - t_start
    return report


CONFIG_ENTITIES = {
    "site": ("SELECT 'site', name, timezone FROM site", ("name", "timezone")),
    "device": ("SELECT key, name, profile, port, unit FROM device",
               ("name", "profile", "port", "unit")),
    "channel": ("SELECT key, name, unit, device_key FROM channel",
                ("name", "unit", "device_key")),
}


def _check_config(con: sqlite3.Connection, report: Report) -> None:
    """The live site/device/channel rows must be what the audit trail last recorded."""
    for entity, (sql, fields) in CONFIG_ENTITIES.items():
        latest: dict[str, str | None] = {}
        for key, new in con.execute(
                "SELECT key, new FROM config_change WHERE entity = ? ORDER BY id", (entity,)):
            latest[key] = new
        for row in con.execute(sql):
            key, now = row[0], dict(zip(fields, row[1:], strict=True))
            rec = latest.pop(key, None)
            if rec is None:
                report.add("config", entity, key, f"is {now} but no change to it was recorded")
                continue
            try:
                want = json.loads(rec)
            except ValueError:
                want = None
            if want != now:
                report.add("config", entity, key, f"is {now} but the audit trail last "
                           f"recorded {want}")
        for key, rec in latest.items():
            if rec is not None:
                report.add("config", entity, key, "is in the audit trail but missing now")
