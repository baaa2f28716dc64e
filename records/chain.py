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
import math
import os
import sqlite3
import struct
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from deungdae.records import layout

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

# The core tables sealed row by row (their rows are read back as stored, in column order).
# Sector tables join them at run time: use `row_tables()`, which `records.layout` keeps.
ROW_TABLES: tuple[str, ...] = tuple(t.name for t in layout.CORE_TABLES if t.seal == "row")


def row_tables() -> tuple[str, ...]:
    """Every row-sealed table now: the core ones and those sectors registered."""
    return tuple(layout.row_tables())

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
    except (TypeError, struct.error, OverflowError):
        return b"".join([_pack_one(c, t, v, q) for c, t, v, q in rows])


def _pack_one(c, t, v, q) -> bytes:
    try:
        return _pk(c, t, CANON_NAN if v is None or v != v else v + 0.0, q)
    except (TypeError, struct.error, OverflowError):
        # a value of the wrong type (text, blob, a huge integer) stored behind the app's
        # back: packed as a row no writer can produce, so the block's seal breaks there
        # and `verify` names the row, instead of crashing
        return b"\xff" * _ROW.size


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
    return json.dumps(["ingest_block", *row], separators=(",", ":"), ensure_ascii=False,
                      default=_odd_value).encode("utf-8", "surrogatepass") + b"\n"


def _odd_value(v: object) -> str:
    # Row tables hold text and numbers only; a BLOB put there behind the app's back must
    # make the digest differ, not make `verify` or sync crash.
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "\x00blob:" + bytes(v).hex()
    return "\x00" + type(v).__name__ + ":" + repr(v)


_CORE_ROW = frozenset(ROW_TABLES)


def row_bytes(tbl: str, row: Sequence) -> bytes:
    """Canonical bytes of a row-sealed row, from its columns as given (private ones as given).

    A sector table grows only by columns added at its end (a migration's `ALTER TABLE ADD
    COLUMN`, NULL in the rows before): its trailing NULLs are not part of the sealed
    bytes, so rows sealed before the column existed keep their seal, and a value later
    put into one of them breaks it. (Any holder of the row applies the same rule by the
    table's name alone: core tables are a fixed set.)
    """
    if tbl not in _CORE_ROW:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
    return json.dumps([tbl, *row], separators=(",", ":"), ensure_ascii=False,
                      default=_odd_value).encode("utf-8", "surrogatepass")


def sealed_row_bytes(tbl: str, row: Sequence) -> bytes:
    """What a row is sealed over now: its public form (private columns as their tokens)."""
    return row_bytes(tbl, layout.public_row(tbl, row))


def _digest_rows(con: sqlite3.Connection, tbl: str, where: str = "", params: Sequence = (),
                 legacy: dict[int, bytes] | None = None) -> dict[int, bytes]:
    """Digests of a table's rows as stored now, by row id.

    For a table with private columns, `legacy` (if given) also receives the digest of each
    row over its raw values: rows sealed before private columns existed were sealed so.
    """
    out = {}
    private = bool(layout.row_tables()[tbl].private_columns) if tbl in layout.row_tables() \
        else False
    for row in con.execute(f"SELECT * FROM {tbl} {where} ORDER BY id", params):
        out[row[0]] = hashlib.sha256(sealed_row_bytes(tbl, row)).digest()
        if private and legacy is not None:
            legacy[row[0]] = hashlib.sha256(row_bytes(tbl, row)).digest()
    return out


def table_names(con: sqlite3.Connection) -> set[str]:
    """The tables the database has now (a sector's may not be created yet, or dropped)."""
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


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
def row_sealed(con: sqlite3.Connection, key: bytes, tbl: str, row_id: int) -> bool:
    """True if `tbl` row `row_id` is in the ledger and its seal matches the row as it is now.

    For readers that must not trust a row an insider inserted or edited (the last audited
    configuration): only the key holder can make a seal match.
    """
    found = con.execute("SELECT seq, rmac FROM ledger WHERE tbl = ? AND row_id = ?",
                        (tbl, row_id)).fetchall()
    digest = row_digest(con, tbl, row_id)
    return len(found) == 1 and digest is not None and hmac.compare_digest(
        _rmac(key, found[0][0], tbl, row_id, digest), bytes(found[0][1]))


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


def table_row_digest(tbl: str, row: Sequence, table: layout.Table | None = None) -> bytes:
    """Digest of a row of a row-sealed table from its public form (`layout.public_row`).

    A platform that receives a row with its private columns already as tokens gets the
    same digest: tokens are left as they are. `table` is the declaration to use (a
    platform passes the one the plant sealed; default: this process's layout).
    """
    return hashlib.sha256(row_bytes(tbl, _public_again(tbl, row, table))).digest()


def _public_again(tbl: str, row: Sequence, table: layout.Table | None = None) -> list:
    t = table or layout.row_tables().get(tbl)
    out = list(row)
    if t is not None:
        for i in t.private_columns:
            v = out[i] if i < len(out) else None
            if v is not None and not (isinstance(v, str) and v.startswith(layout.PRIVATE_PREFIX)
                                      and len(v) == len(layout.PRIVATE_PREFIX) + 64):
                out[i] = layout.private_token(v)
    return out


class Sealer:
    """Appends ledger entries inside the store's write transactions.

    The head moves only when the transaction commits (`commit`), so a rolled-back batch
    leaves the in-memory head where the database is.
    """

    def __init__(self, con: sqlite3.Connection, key: bytes) -> None:
        self.key = key
        row = con.execute("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        if row is not None and (type(row[0]) is not int or not isinstance(row[1], bytes)
                                or len(row[1]) != 32):
            from deungdae.records.errors import StoreError

            raise StoreError(f"the ledger's last entry holds values of the wrong type "
                             f"(seq {row[0]!r}): it was changed behind the app's back. Run "
                             "`deungdae verify`, then restore a good backup (admin)")
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
        present = table_names(con)
        for tbl in row_tables():
            if tbl not in present:
                continue
            tcol = "created_at" if tbl == "event" else layout.row_tables()[tbl].time_column
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


def witness_for_verify(path: Path | None, key: bytes) -> tuple[tuple[int, bytes] | None,
                                                               str | None]:
    """(witness, why it is unusable) for `verify`: a missing or damaged one is a finding."""
    if path is None:
        return None, None
    try:
        seen = read_witness(path, key, strict=True)
    except WitnessDamaged as exc:
        return None, f"the head witness is damaged: {exc}"
    if seen is None:
        return None, (f"the head witness {Path(path).name} is missing: this computer cannot "
                      "tell whether rows were cut from the end")
    return seen, None


class WitnessDamaged(ValueError):
    """The witness file is there but is not one this program wrote with this record's key."""


def _witness_tag(key: bytes, seq: int, mac: bytes) -> str:
    return hmac.new(key, b"deungdae-witness-1\x00" + seq.to_bytes(8, "big") + mac,
                    hashlib.sha256).hexdigest()


def write_witness(path: Path, seq: int, mac: bytes, key: bytes | None = None) -> None:
    """Remember the last head this computer saw, outside the database (catches truncation).

    With `key`, the witness carries a MAC over its head: garbage or a hand-made witness is
    then told apart from a real one. Callers move it only forward (`Store`), except an
    admin's explicit restore or acknowledged loss.
    """
    if seq <= 0:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    body = {"seq": seq, "mac": mac.hex()}
    if key is not None:
        body["tag"] = _witness_tag(key, seq, mac)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # beside the keys
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(body))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_witness(path: Path, key: bytes | None = None, strict: bool = False
                 ) -> tuple[int, bytes] | None:
    """The head a witness file names; None if there is none.

    With `strict`, a file that is there but unreadable, malformed or (with `key`) carries
    a wrong MAC raises WitnessDamaged instead of reading as "no witness".
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        if strict:
            raise WitnessDamaged(f"cannot read {path}: {exc}") from exc
        return None
    try:
        d = json.loads(text)
        seq, mac = d["seq"], bytes.fromhex(d["mac"])
        if type(seq) is not int or seq <= 0 or len(mac) != 32:
            raise ValueError("not a chain head")
        tag = d.get("tag")
        if key is not None and tag is not None and \
                not hmac.compare_digest(str(tag), _witness_tag(key, seq, mac)):
            raise ValueError("its MAC does not match this record's key")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        if strict:
            raise WitnessDamaged(f"{path} is not a valid chain head witness ({exc})") from exc
        return None
    return seq, mac


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


# Events the writer records when it finds (and repairs what it can of) something done
# behind its back. `verify` reports them until an admin acknowledges them.
FINDING_KINDS = ("record.tampered", "record.witness_missing", "record.witness_damaged",
                 "record.triggers_restored")
ACKNOWLEDGED_KIND = "record.findings_acknowledged"


def verify(con: sqlite3.Connection, key: bytes, witness: tuple[int, bytes] | None = None,
           check_config: bool = True, progress: Callable[[str], None] | None = None,
           witness_problem: str | None = None, check_rollups: bool = True) -> Report:
    """Recompute the whole chain from the rows as stored now and report every problem.

    Reads one snapshot (a read transaction), so a writer appending meanwhile is neither
    seen half-way nor reported. A value of the wrong type anywhere is a located finding.
    `witness_problem` says why the head witness could not be read (missing, damaged).
    """
    t_start = time.perf_counter()
    report = Report()
    say = progress or (lambda _m: None)
    own_txn = not con.in_transaction
    if own_txn:
        con.execute("BEGIN")
    try:
        _verify(con, key, witness, check_config, say, witness_problem, check_rollups, report)
    finally:
        if own_txn and con.in_transaction:
            con.execute("ROLLBACK")
    report.seconds = time.perf_counter() - t_start
    return report


def _verify(con, key, witness, check_config, say, witness_problem, check_rollups, report):
    _check_types(con, report)
    headers_rows = con.execute(BLOCK_HEADER + " ORDER BY id").fetchall()
    headers = {r[0]: r for r in headers_rows}
    tags = dict(con.execute("SELECT id, tags FROM ingest_block").fetchall())
    report.blocks = len(headers)
    say(f"checking {len(headers):,} reading blocks")
    digests: dict[str, dict[int, bytes]] = {"ingest_block": _readings_pass(con, headers, report)}
    legacy: dict[str, dict[int, bytes]] = {}
    say("checking events, changes, users, sign-ins and signatures")
    present = table_names(con)
    for tbl in row_tables():
        if tbl not in present:
            if layout.row_tables()[tbl].owner == "core":
                report.add("deleted", tbl, "", "the whole table is gone")
            digests[tbl] = {}
            continue
        legacy[tbl] = {}
        digests[tbl] = _digest_rows(con, tbl, legacy=legacy[tbl])
        report.rows += len(digests[tbl])

    say("checking the chain")
    prev = GENESIS
    expect = 1
    sealed: dict[str, dict[int, int]] = {t: {} for t in digests}
    bad_blocks: dict[int, tuple] = {}
    for seq, tbl, row_id, rmac, mac in con.execute(
            "SELECT seq, tbl, row_id, rmac, mac FROM ledger ORDER BY seq"):
        report.entries += 1
        if type(seq) is not int or type(row_id) is not int or not isinstance(tbl, str) or \
                not isinstance(rmac, bytes) or not isinstance(mac, bytes) or \
                len(rmac) != 32 or len(mac) != 32:
            report.add("edited", "ledger", f"#{seq!r}", "entry holds values of the wrong type "
                       f"(seq {seq!r}, table {tbl!r}, row {row_id!r}); it was written behind "
                       "the app's back", seq=seq if type(seq) is int else None)
            if type(seq) is int:
                expect = seq + 1
            if isinstance(mac, bytes) and len(mac) == 32:
                prev = mac
            continue
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
            continue
        ok = hmac.compare_digest(_rmac(key, seq, tbl, row_id, digest), rmac)
        if not ok and row_id in legacy.get(tbl, {}):
            ok = hmac.compare_digest(_rmac(key, seq, tbl, row_id, legacy[tbl][row_id]), rmac)
        if not ok:
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
    last_seq = last[0] if last and type(last[0]) is int else 0
    if witness_problem is not None and last_seq:
        report.add("witness", "witness", "", witness_problem)
    if witness is not None:
        wseq, wmac = witness
        got = con.execute("SELECT mac FROM ledger WHERE seq = ?", (wseq,)).fetchone()
        if last_seq < wseq:
            report.add("truncated", "ledger", f"#{last_seq + 1}..#{wseq}",
                       f"this computer saw the chain reach #{wseq}, the record ends at "
                       f"#{last_seq}: rows were removed from the end or an "
                       "older copy was put in place", seq=wseq)
        elif got is None or not isinstance(got[0], bytes) or bytes(got[0]) != wmac:
            report.add("edited", "ledger", f"#{wseq}", "differs from the head this computer "
                       "saw: the chain was rewritten", seq=wseq)
    _recorded_findings(con, report)
    _check_triggers(con, report)
    if check_config:
        _check_config(con, report)
    if check_rollups:
        say("checking chart and report summaries against the readings")
        _check_rollups(con, report)
    try:
        report.head = heads(con)
    except (TypeError, ValueError):
        report.head = {"seq": last_seq, "mac": "", "block": None, "rows": {}}


_TYPEOF = {"int": ("integer",), "float": ("real", "integer"), "text": ("text",),
           "blob": ("blob",)}


def _check_types(con: sqlite3.Connection, report: Report) -> None:
    """Name every stored value whose type is not the one its column holds."""
    present = table_names(con)
    for t in (*layout.CORE_TABLES, *layout.sector_tables()):
        if t.name not in present:
            continue
        # a sector table grows by columns at its end: a record not yet migrated (an old
        # copy verified by newer software) lacks the newest ones, and holds nothing there
        have = {r[1] for r in con.execute(f"PRAGMA table_info({t.name})")}
        columns = [c for c in t.columns if c.name in have]
        conds = []
        for c in columns:
            ok = ", ".join(f"'{x}'" for x in (*_TYPEOF[c.type], *(("null",) if c.nullable else ())))
            conds.append(f"typeof({c.name}) NOT IN ({ok})")
        cols = ", ".join(c.name for c in columns)
        rows = con.execute(f"SELECT {cols} FROM {t.name} WHERE {' OR '.join(conds)} "
                           "LIMIT 51").fetchall()
        for n, row in enumerate(rows, 1):
            if n > 50:
                report.add("edited", t.name, "", "more values of the wrong type")
                break
            wrong = [f"{c.name} holds {type(v).__name__} {_short(v)} where "
                     f"{'a number' if c.type in ('int', 'float') else c.type} belongs"
                     for c, v in zip(columns, row, strict=True)
                     if not _type_ok(c, v)]
            where = f"ch {row[0]!r} ts {row[1]!r}" if t.name == "reading" else str(row[0])
            report.add("edited", t.name, where, "; ".join(wrong) + " (changed behind the "
                       "app's back)", block=row[4] if t.name == "reading" and
                       type(row[4]) is int else None)


def _type_ok(c: layout.Column, v: object) -> bool:
    if v is None:
        return c.nullable
    if c.type == "int":
        return type(v) is int
    if c.type == "float":
        return type(v) in (int, float)
    if c.type == "text":
        return isinstance(v, str)
    return isinstance(v, bytes)


def _short(v: object) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."


def _recorded_findings(con: sqlite3.Connection, report: Report) -> None:
    """Findings the writer recorded earlier and no admin has acknowledged yet."""
    try:
        ack = con.execute("SELECT max(id) FROM event WHERE kind = ?",
                          (ACKNOWLEDGED_KIND,)).fetchone()[0] or 0
        rows = con.execute(
            f"SELECT id, ts, kind, message FROM event WHERE kind IN "
            f"({','.join('?' * len(FINDING_KINDS))}) AND id > ? ORDER BY id",
            (*FINDING_KINDS, ack)).fetchall()
    except sqlite3.Error:
        return
    for eid, _ts, kind, message in rows:
        report.add("recorded", "event", str(eid), f"{kind}: {message} (found and recorded "
                   "by the logger; an admin acknowledges it with `deungdae record "
                   "acknowledge`)")


def missing_triggers(con: sqlite3.Connection) -> dict[str, str]:
    """Triggers the layout requires that the database lacks, by name (with their SQL)."""
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    present = table_names(con)
    want = layout.all_triggers(t for t in layout.append_only_tables() if t in present)
    return {n: sql for n, sql in want.items() if n not in have}


def restore_triggers(con: sqlite3.Connection) -> list[str]:
    """Re-create missing triggers; returns their names. Needs a writable connection."""
    gone = missing_triggers(con)
    for sql in gone.values():
        con.execute(sql)
    return sorted(gone)


def _check_triggers(con: sqlite3.Connection, report: Report) -> None:
    gone = missing_triggers(con)
    if gone:
        report.add("triggers", "sqlite_master", "", f"{len(gone)} trigger(s) that keep the "
                   f"record append-only were dropped: {', '.join(sorted(gone))}")


def audited_state(con: sqlite3.Connection) -> dict[str, dict[str, dict | None]]:
    """What the sealed audit trail last recorded of each site/device/channel row."""
    out: dict[str, dict[str, dict | None]] = {}
    for entity, *_rest in layout.AUDITED_STATE:
        latest: dict[str, dict | None] = {}
        for key, new in con.execute(
                "SELECT key, new FROM config_change WHERE entity = ? ORDER BY id", (entity,)):
            try:
                latest[key] = None if new is None else json.loads(new)
            except (ValueError, TypeError):
                latest[key] = {"\x00unreadable": repr(new)}
        out[entity] = latest
    return out


def live_state(con: sqlite3.Connection) -> dict[str, dict[str, dict]]:
    """The site/device/channel rows as they are now, in the audit trail's shape."""
    out: dict[str, dict[str, dict]] = {}
    for entity, tbl, keycol, fields in layout.AUDITED_STATE:
        rows = con.execute(f"SELECT {keycol}, {', '.join(fields)} FROM {tbl}").fetchall()
        out[entity] = {str(r[0]): dict(zip(fields, r[1:], strict=True)) for r in rows}
    return out


def state_differences(con: sqlite3.Connection) -> list[tuple[str, str, dict | None, dict | None]]:
    """(entity, key, now, audited) for each row that differs from the audit trail.

    An audited channel without an `id` (recorded before ids were audited) is compared on
    the other fields only.
    """
    want = audited_state(con)
    now = live_state(con)
    out = []
    for entity, rows in now.items():
        rec = dict(want.get(entity, {}))
        for key, cur in rows.items():
            if key not in rec:
                out.append((entity, key, cur, None))
                continue
            w = rec.pop(key)
            if w is not None and not isinstance(w, dict):
                w = {"\x00unreadable": repr(w)}
            cmp = cur if w is None or "id" in w or entity != "channel" else \
                {k: v for k, v in cur.items() if k != "id"}
            if w != cmp:
                out.append((entity, key, cur, w))
        for key, w in rec.items():
            if w is not None:
                out.append((entity, key, None, w if isinstance(w, dict) else
                            {"\x00unreadable": repr(w)}))
    return out


def _check_config(con: sqlite3.Connection, report: Report) -> None:
    """The live site/device/channel rows must be what the audit trail last recorded."""
    for entity, key, now, want in state_differences(con):
        if want is None:
            report.add("config", entity, key, f"is {now} but no change to it was recorded")
        elif now is None:
            report.add("config", entity, key, "is in the audit trail but missing now")
        else:
            what = ""
            if entity == "channel" and "id" in want and now.get("id") != want.get("id"):
                what = (f" — its readings are stored under id {want['id']}, so the history "
                        "would be shown under another channel")
            report.add("config", entity, key, f"is {now} but the audit trail last "
                       f"recorded {want}{what}")


def expected_rollups(con: sqlite3.Connection, width: int, bad_quality: int,
                     through_block: int | None) -> dict[tuple[int, int], tuple]:
    """Rollup buckets of one level recomputed from the readings (blocks <= through_block)."""
    cond = "" if through_block is None else f" AND blk <= {int(through_block)}"
    return {(ch, b): (vmin, vmax, vsum, n) for ch, b, vmin, vmax, vsum, n in con.execute(
        "SELECT ch, ts / ?, min(v), max(v), sum(v), count(*) FROM reading "
        "WHERE typeof(v) IN ('real', 'integer') AND typeof(ch) = 'integer' AND "
        f"typeof(ts) = 'integer' AND typeof(q) = 'integer' AND (q & ?) = 0{cond} "
        "GROUP BY ch, ts / ?",
        (width, bad_quality, width))}


def _check_rollups(con: sqlite3.Connection, report: Report) -> None:
    """Rollups are derived data charts read; they must equal what the sealed readings say.

    Only blocks the writer has already rolled up (`rollups_through_block`) are compared:
    rollups of the last seconds may still be in the writer's memory.
    """
    present = table_names(con)
    row = con.execute("SELECT value FROM meta WHERE key = 'rollups_through_block'").fetchone()
    try:
        through = int(row[0]) if row else 0
    except (TypeError, ValueError):
        report.add("edited", "meta", "rollups_through_block", f"holds {row[0]!r}, not a block")
        return
    # buckets that also hold readings of blocks not rolled up yet are left out
    unrolled = {(ch, ts) for ch, ts in con.execute(
        "SELECT ch, ts FROM reading WHERE blk > ?", (through,))}
    base: dict[tuple[int, int], tuple] | None = None
    base_w = 0
    for name, width in layout.ROLLUP_LEVELS:
        if base is None:
            base, base_w = expected_rollups(con, width, layout.BAD_QUALITY, through), width
            want = dict(base)
        else:
            want = _coarsen(base, width // base_w)
        if name not in present:
            continue
        skip = {(ch, ts // width) for ch, ts in unrolled}
        named = 0
        for ch, b, vmin, vmax, vsum, n in con.execute(
                f"SELECT ch, b, vmin, vmax, vsum, n FROM {name}"):
            if (ch, b) in skip:
                continue
            w = want.pop((ch, b), None)
            if w is None or n != w[3] or not _close(vmin, w[0]) or not _close(vmax, w[1]) \
                    or not _close(vsum, w[2]):
                named += 1
                if named <= 20:
                    said = "no readings" if w is None else \
                        f"min {w[0]!r}, max {w[1]!r}, {w[3]} values"
                    report.add("rollup", name, f"ch {ch} bucket {b}",
                               f"says min {vmin!r}, max {vmax!r}, {n!r} values; the sealed "
                               f"readings say {said} (charts would show wrong figures; "
                               "`deungdae verify --repair` rebuilds them)")
        missing = [k for k in want if k not in skip]
        if missing:
            named += len(missing)
            report.add("rollup", name, f"ch {missing[0][0]} bucket {missing[0][1]}",
                       f"{len(missing)} bucket(s) of readings are missing from the summary")
        if named > 20:
            report.add("rollup", name, "", f"{named - 20} more wrong buckets")


def _coarsen(agg: dict[tuple[int, int], tuple], factor: int) -> dict[tuple[int, int], tuple]:
    out: dict[tuple[int, int], list] = {}
    for (ch, b), (vmin, vmax, vsum, n) in agg.items():
        a = out.get((ch, b // factor))
        if a is None:
            out[(ch, b // factor)] = [vmin, vmax, vsum, n]
        else:
            a[0] = min(a[0], vmin)
            a[1] = max(a[1], vmax)
            a[2] += vsum
            a[3] += n
    return {k: tuple(v) for k, v in out.items()}


def _close(a: object, b: object) -> bool:
    if type(a) not in (int, float) or type(b) not in (int, float):
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
