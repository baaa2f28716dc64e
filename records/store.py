"""The append-only local record.

One writer process per data dir (enforced by a lock file), any number of readers. The
hot path (`append_readings`) talks to `sqlite3` directly with `executemany`; rollups for
charts and reports are computed from the batch in memory and merged with upserts, so a
query over any time range reads at most a few thousand rows.

Durability is chosen deliberately: WAL with `synchronous=FULL`, so once
`append_readings` returns, the batch survives a power cut, not just a crash.

Integrity (see `records.chain`): record rows are only ever inserted, each in the same
transaction as the ledger entry that seals it into a keyed hash chain; readings are
sealed per ingest block from the in-memory batch. Every row names who wrote it (a user's
login, or "system" for devices), and configuration changes (site, devices, channels, and
anything the engine reports through `record_config_change`) are appended as
`config_change` rows with old and new value.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from deungdae.records import chain, declared, downsample, layout
from deungdae.records.errors import (
    AlreadyRunning,
    DiskFull,
    RecordBehind,
    StoreError,
    StoreUnavailable,
)
from deungdae.records.keys import KeyStore, new_key_id
from deungdae.records.layout import BAD_QUALITY, ROLLUP_LEVELS
from deungdae.records.migrate import migrate
from deungdae.records.private import make_record_private

log = logging.getLogger(__name__)


_INSERT_READING = "INSERT INTO reading(ch, ts, v, q, blk) VALUES (?, ?, ?, ?, {blk})"
_INSERT_BLOCK = ("INSERT INTO ingest_block(created_at, n, ch_lo, ch_hi, ts_lo, ts_hi, user, tags) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
SYSTEM = "system"
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
        if v is None or q & BAD_QUALITY or v != v:  # NaN is stored as NULL: no value
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
        self._sealer: chain.Sealer | None = None
        self._witness: Path | None = None
        self._witnessed = 0  # the head last written to the witness by this process
        self.key_id: str | None = None
        self._guard = threading.RLock()
        self._channel_ids: dict[str, int] = {}
        self.readonly = lock is None
        # Rollup aggregates not yet written, per level; flushed every few seconds, before
        # any query of this process and at close. A crash loses only these, and
        # `_recover_rollups` rebuilds them from the raw rows at the next open.
        self._pending: list[dict[tuple[int, int], list]] = [{} for _ in ROLLUP_LEVELS]
        self._pending_since: float | None = None
        self._last_block = 0
        # Aggregates of the transaction in progress: merged into `_pending` only once it
        # commits, so a failed write (disk full, busy) leaves the pending state as it was
        # without copying it before every write.
        self._staged: list[list[dict[tuple[int, int], list]]] = []
        self._staged_flushed = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open_writer(cls, db_path: Path, *, key: bytes | None = None, seal: bool = True,
                    keystore: KeyStore | None = None,
                    anchors: Sequence[tuple[str, int]] = (),
                    accept_behind: dict | None = None) -> Store:
        """Open for writing: take the single-writer lock, migrate, tune for durability.

        The sealing key is found by the database's key id in the OS keyring or the data
        dir's `keys/` folder (`records.keys`); a new record gets a new key. Pass `key` to
        use a known key instead. `seal=False` writes unsealed rows and exists only so the
        ingest benchmark can measure what sealing costs; `verify` reports such rows.

        The chain head only moves forward: a record shorter than the witness beside the
        key, or than any of `anchors` ((who saw it, seq) pairs, e.g. the sync state's
        acknowledged position), raises RecordBehind. `accept_behind` ({"by": admin login,
        "reason": ..., "kind": event kind}) opens it anyway and records a signed-off
        event naming what is missing; only `records.recovery` passes it.
        """
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
            make_record_private(db_path)  # 0600 before SQLite creates it (and its WAL)
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
        except OSError as exc:
            lock.release()
            raise StoreUnavailable(f"cannot create the record {db_path}: "
                                   f"{exc.strerror or exc}") from exc
        except Exception:
            lock.release()
            raise
        store = cls(db_path, con, lock)
        try:
            if seal:
                store._open_chain(key, keystore or KeyStore(db_path.parent), anchors,
                                  accept_behind)
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

    def _open_chain(self, key: bytes | None, keystore: KeyStore,
                    anchors: Sequence[tuple[str, int]] = (),
                    accept_behind: dict | None = None) -> None:
        key_id = self.get_meta("chain_key_id")
        if key_id is None:
            key_id = new_key_id()
            key = key or keystore.create(key_id)

            def op(con):
                con.execute("INSERT INTO meta(key, value) VALUES ('chain_key_id', ?)", (key_id,))
                self._sealer = chain.Sealer(con, key)
                n = self._sealer.seal_all_unsealed(con)
                if n:
                    log.info("sealed %d rows written before sealing existed", n)

            self._write(op)
        else:
            key = key or keystore.load(key_id)
            self._sealer = chain.Sealer(self._con, key)
        self.key_id = key_id
        self._witness = chain.witness_path(self.path.parent, key_id)
        self._check_anchor(anchors, accept_behind)
        self._heal_on_open()

    # ------------------------------------------------------------------ the anchor
    def _check_anchor(self, anchors: Sequence[tuple[str, int]], accept_behind: dict | None
                      ) -> None:
        """The head may only move forward: refuse a record shorter than what was seen.

        Anchors are the witness file beside the key and whatever else the caller knows
        (the sync state's acknowledged position). A missing or damaged witness is not a
        reset: it is recorded as a finding (and a new witness written).
        """
        assert self._sealer is not None and self._witness is not None
        have, have_mac = self._sealer.seq, self._sealer.mac
        self._witnessed = 2**62  # no write below moves the witness until it is decided
        finding: tuple[str, str] | None = None
        try:
            seen = chain.read_witness(self._witness, self._sealer.key, strict=True)
        except chain.WitnessDamaged as exc:
            seen = None
            finding = ("record.witness_damaged", f"the head witness was damaged ({exc}); a new "
                       f"one was written at #{have}")
            with contextlib.suppress(OSError):
                self._witness.replace(self._witness.with_suffix(
                    f".damaged-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}"))
        if seen is None and finding is None and have > 0:
            finding = ("record.witness_missing", f"the head witness {self._witness.name} was "
                       f"missing although the record has {have} sealed entries; a new one was "
                       f"written at #{have}. If it was deleted, rows may have been cut from "
                       "the end before: compare with a backup or the central platform")
        behind: list[tuple[str, int, str]] = []
        if seen is not None:
            wseq, wmac = seen
            if have < wseq:
                behind.append(("the head witness", wseq, "shorter"))
            else:
                got = self._con.execute("SELECT mac FROM ledger WHERE seq = ?", (wseq,)).fetchone()
                if got is None or bytes(got[0]) != wmac:
                    behind.append(("the head witness", wseq, "different"))
        for source, seq in anchors:
            if seq > have:
                behind.append((source, seq, "shorter"))
        if behind and accept_behind is None:
            source, seq, how = max(behind, key=lambda b: b[1])
            if how == "shorter":
                msg = (f"the record {self.path} ends at entry #{have}, but {source} saw it reach "
                       f"#{seq}: {seq - have} sealed entr{'y was' if seq - have == 1 else 'ies were'}"
                       " cut from the end, or an older copy was put in place. Nothing was "
                       "recorded on top of it. Put the right file back (`deungdae restore "
                       "FILE`, admin), or have an admin acknowledge the loss "
                       "(`deungdae record accept-loss`)")
            else:
                msg = (f"the record {self.path} differs at entry #{seq} from what {source} saw: "
                       "the chain was rewritten or another record was put in place. Nothing "
                       "was recorded on top of it. Put the right file back (`deungdae restore "
                       "FILE`, admin), or have an admin acknowledge it (`deungdae record "
                       "accept-loss`)")
            raise RecordBehind(msg, have_seq=have, seen_seq=seq, source=source)
        if accept_behind is not None and (behind or accept_behind.get("always")):
            source, seq, how = max(behind, key=lambda b: b[1]) if behind else ("", have, "")
            data = {"have_seq": have, "have_mac": have_mac.hex(), "seen_seq": seq,
                    "seen_by": source, "how": how, **accept_behind}
            kind = accept_behind.get("kind", "record.loss_accepted")
            self.append_event(NewEvent(
                ts=now_ms(), kind=kind, severity="critical",
                message=(f"entries #{have + 1}..#{seq} are not in this record" if how ==
                         "shorter" else f"the record differs from #{seq} on" if how else
                         f"the record was put in place at #{have}") +
                f"; accepted by {accept_behind.get('by', '?')}: {accept_behind.get('reason', '')}",
                data={k: v for k, v in data.items() if k not in ("kind", "always")},
                user=str(accept_behind.get("by", SYSTEM))))
            self._force_witness()
        if finding is not None:
            self.append_event(NewEvent(ts=now_ms(), kind=finding[0], severity="critical",
                                       message=finding[1]))
            self._force_witness()
        else:
            self._witnessed = seen[0] if seen is not None else 0
            self._write_witness()

    def _force_witness(self) -> None:
        """Write the witness at the current head, even if that moves it back (explicit acts)."""
        assert self._sealer is not None and self._witness is not None
        chain.write_witness(self._witness, self._sealer.seq, self._sealer.mac, self._sealer.key)
        self._witnessed = self._sealer.seq

    def _heal_on_open(self) -> None:
        """Put back what was undone behind the writer's back, and record that it was.

        Dropped triggers are re-created; site/device/channel rows changed without an audit
        row are set back to what the sealed audit trail says (so new readings go to the
        right channel ids). Each repair is a sealed event `verify` reports until an admin
        acknowledges it.
        """
        def op(con):
            declared.adopt(con)  # a declared sector table keeps its triggers, installed or not
            gone = chain.restore_triggers(con)
            diffs = chain.state_differences(con)
            legacy, tampered = [], []
            for entity, key, now, want in diffs:
                if entity == "channel" and want is not None and now is not None and \
                        "id" not in want and {k: v for k, v in now.items() if k != "id"} == want:
                    legacy.append((key, now))
                else:
                    tampered.append((entity, key, now, want))
            for key, now in legacy:  # audited before channel ids were: record the id now
                self._config_change(con, "channel", key, None, now, SYSTEM,
                                    "channel id audited from now on (record layout update)")
            repaired = self._repair_state(con, tampered)
            return gone, repaired

        gone, repaired = self._write(op)
        if gone:
            self.append_event(NewEvent(
                ts=now_ms(), kind="record.triggers_restored", severity="critical",
                message=f"{len(gone)} trigger(s) that keep the record append-only had been "
                        f"dropped and were re-created: {', '.join(gone)}",
                data={"triggers": gone}))
        if repaired:
            self.append_event(NewEvent(
                ts=now_ms(), kind="record.tampered", severity="critical",
                message="; ".join(r["what"] for r in repaired[:10]) + (
                    f" (+{len(repaired) - 10} more)" if len(repaired) > 10 else ""),
                data={"repaired": repaired}))
        self._channel_ids.clear()

    def _repair_state(self, con: sqlite3.Connection, tampered: list) -> list[dict]:
        out: list[dict] = []
        if not tampered:
            return out
        chan_fix = [t for t in tampered if t[0] == "channel"]
        if chan_fix:
            con.execute("DROP TRIGGER IF EXISTS channel_id_fixed")
            con.execute("DROP TRIGGER IF EXISTS channel_no_delete")
        for entity, key, now, want in tampered:
            if entity == "site":
                if want is None:
                    continue
                con.execute("UPDATE site SET name = ?, timezone = ? WHERE id = 1",
                            (want.get("name"), want.get("timezone")))
                out.append({"entity": "site", "key": key, "was": now, "restored": want,
                            "what": f"site changed behind the app's back to {now}; set back "
                                    f"to {want}"})
            elif entity == "device":
                if want is None:
                    con.execute("DELETE FROM device WHERE key = ?", (key,))
                    what = f"device {key} added behind the app's back; removed"
                elif now is None:
                    con.execute("INSERT INTO device(key, name, profile, port, unit, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?)", (key, want.get("name", ""),
                                want.get("profile", ""), want.get("port", ""), want.get("unit"),
                                now_ms()))
                    what = f"device {key} deleted behind the app's back; put back"
                else:
                    con.execute("UPDATE device SET name = ?, profile = ?, port = ?, unit = ? "
                                "WHERE key = ?", (want.get("name", ""), want.get("profile", ""),
                                                  want.get("port", ""), want.get("unit"), key))
                    what = f"device {key} changed behind the app's back to {now}; set back"
                out.append({"entity": "device", "key": key, "was": now, "restored": want,
                            "what": what})
        if chan_fix:
            # move every wrong row out of the way first: ids and keys are unique
            for _e, key, now, _w in chan_fix:
                if now is not None:
                    con.execute("UPDATE channel SET key = ? WHERE key = ?", ("\x00" + key, key))
            for _e, key, now, _w in chan_fix:
                if now is not None:
                    con.execute("DELETE FROM channel WHERE key = ?", ("\x00" + key,))
            for _e, key, now, want in chan_fix:
                if want is None:  # added behind the app's back: no reading refers to it
                    what = f"channel {key} added behind the app's back; removed"
                else:
                    con.execute("INSERT INTO channel(id, key, name, unit, device_key, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?)", (want.get("id"), key,
                                want.get("name", key), want.get("unit", ""),
                                want.get("device_key", ""), now_ms()))
                    what = (f"channel {key} changed behind the app's back ({now}); set back to "
                            f"{want}" if now is not None else
                            f"channel {key} deleted behind the app's back; put back")
                out.append({"entity": "channel", "key": key, "was": now, "restored": want,
                            "what": what})
            for sql in layout.CHANNEL_TRIGGERS.values():
                con.execute(sql)
        return out

    def _write_witness(self) -> None:
        """Move the witness forward to the head; never backwards (see `_force_witness`)."""
        if self._sealer is None or self._witness is None:
            return
        # `_witnessed` starts at what the witness held when the record was opened (see
        # `_check_anchor`); this process holds the writer lock, so nobody else moves it
        if self._sealer.seq <= self._witnessed:
            return
        try:
            chain.write_witness(self._witness, self._sealer.seq, self._sealer.mac,
                                self._sealer.key)
            self._witnessed = self._sealer.seq
        except OSError as exc:  # one line: on a full disk this repeats with every retry
            log.warning("cannot write the chain head witness %s: %s", self._witness, exc)

    @property
    def key(self) -> bytes | None:
        """The sealing key (None for readers and unsealed bench stores)."""
        return self._sealer.key if self._sealer else None

    def close(self) -> None:
        with self._guard:
            if self._con is None:
                return
            try:
                if not self.readonly:
                    self.flush_rollups()
                    self._con.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                log.warning("checkpoint at close failed", exc_info=True)
            self._write_witness()
            self._con.close()
            self._con = None
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
            sealer = self._sealer
            # Rollup aggregates of `fn` are staged and reach the pending state only after
            # COMMIT: a failed write (disk full, busy) drops them, so a retried batch is
            # not counted twice and no pending bucket is lost with the rolled-back
            # transaction.
            saved = (self._pending_since, self._last_block)
            try:
                con.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(con, *args)
                except BaseException:
                    if sealer is not None:
                        sealer.rollback()
                    self._drop_staged(saved)
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
                self._commit_staged()
                if sealer is not None:
                    sealer.commit()
                    if not self._witnessed and sealer.seq:
                        self._write_witness()  # a record's first entry: anchor it at once
                return result
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as exc:
                if sealer is not None:
                    sealer.rollback()
                self._drop_staged(saved)
                if con.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        con.execute("ROLLBACK")
                raise _classify(exc, self.path) from exc

    def _commit_staged(self) -> None:
        if self._staged_flushed:  # everything pending and staged is in the rollup tables
            for level in self._pending:
                level.clear()
            self._pending_since = None
        else:
            for aggs in self._staged:
                for level, agg in zip(self._pending, aggs, strict=True):
                    _merge_into(level, agg)
        self._staged.clear()
        self._staged_flushed = False

    def _drop_staged(self, saved: tuple[float | None, int]) -> None:
        self._staged.clear()
        self._staged_flushed = False
        self._pending_since, self._last_block = saved

    def _read(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._guard:
            try:
                return self._con.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise _classify(exc, self.path) from exc

    # ------------------------------------------------------------------ site, channels
    def set_site(self, name: str, timezone: str, *, user: str = SYSTEM, reason: str = "") -> None:
        def op(con):
            old = con.execute("SELECT name, timezone FROM site WHERE id = 1").fetchone()
            new = {"name": name, "timezone": timezone}
            if old is None:
                con.execute(
                    "INSERT INTO site(id, name, timezone, created_at) VALUES (1, ?, ?, ?)",
                    (name, timezone, now_ms()))
            elif (old[0], old[1]) != (name, timezone):
                con.execute("UPDATE site SET name = ?, timezone = ? WHERE id = 1",
                            (name, timezone))
            else:
                return
            self._config_change(con, "site", "site",
                                None if old is None else {"name": old[0], "timezone": old[1]},
                                new, user, reason)

        self._write(op)

    def site(self) -> tuple[str, str] | None:
        rows = self._read("SELECT name, timezone FROM site WHERE id = 1")
        return (rows[0][0], rows[0][1]) if rows else None

    def ensure_device(self, key: str, name: str = "", profile: str = "", port: str = "",
                      unit: int | None = None, *, user: str = SYSTEM, reason: str = "") -> None:
        """Create the device, or record a change of it (old and new value, by `user`)."""

        def op(con):
            old = con.execute("SELECT name, profile, port, unit FROM device WHERE key = ?",
                              (key,)).fetchone()
            new = {"name": name, "profile": profile, "port": port, "unit": unit}
            if old is None:
                con.execute("INSERT INTO device(key, name, profile, port, unit, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?)", (key, name, profile, port, unit, now_ms()))
            elif tuple(old) != (name, profile, port, unit):
                con.execute("UPDATE device SET name = ?, profile = ?, port = ?, unit = ? "
                            "WHERE key = ?", (name, profile, port, unit, key))
            else:
                return
            self._config_change(con, "device", key, None if old is None else dict(
                zip(("name", "profile", "port", "unit"), old, strict=True)), new, user, reason)

        self._write(op)

    def ensure_channel(self, key: str, name: str = "", unit: str = "", device_key: str = "",
                       *, user: str = SYSTEM, reason: str = "") -> int:
        """Return the channel's numeric id, creating the channel or recording its change."""

        def op(con):
            nm = name or key
            old = con.execute("SELECT id, name, unit, device_key FROM channel WHERE key = ?",
                              (key,)).fetchone()
            if old is None:
                cid = con.execute(
                    "INSERT INTO channel(key, name, unit, device_key, created_at) "
                    "VALUES (?, ?, ?, ?, ?)", (key, nm, unit, device_key, now_ms())).lastrowid
            elif tuple(old[1:]) != (nm, unit, device_key):
                cid = old[0]
                con.execute("UPDATE channel SET name = ?, unit = ?, device_key = ? WHERE id = ?",
                            (nm, unit, device_key, cid))
            else:
                return old[0]
            # the id is audited too: it is what the channel's readings refer to
            new = {"id": cid, "name": nm, "unit": unit, "device_key": device_key}
            self._config_change(con, "channel", key, None if old is None else dict(
                zip(("id", "name", "unit", "device_key"), old, strict=True)), new, user, reason)
            return cid

        cid = self._write(op)
        self._channel_ids[key] = cid
        return cid

    # ------------------------------------------------------------------ audit, sealing
    def _config_change(self, con, entity, key, old, new, user, reason) -> int:
        def enc(v):
            return (None if v is None else
                       json.dumps(v, ensure_ascii=False, sort_keys=True, default=str))
        cur = con.execute(
            "INSERT INTO config_change(ts, entity, key, old, new, user, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now_ms(), entity, str(key), enc(old), enc(new), user, reason))
        self._seal_row(con, "config_change", cur.lastrowid)
        return cur.lastrowid

    def record_config_change(self, entity: str, key: str, old, new, user: str,
                             reason: str = "") -> int:
        """Append an audit row: `entity`/`key` changed from `old` to `new` by `user`.

        For what the engine and GUI configure themselves (a CCP limit, a band, an
        emission factor, ...). Values are stored as JSON. Returns the row id.
        """
        return self._write(lambda con: self._config_change(con, entity, key, old, new, user,
                                                           reason))

    def row_sealed(self, tbl: str, row_id: int) -> bool:
        """Whether a row-sealed row's seal holds as it is now (writer only): what the app
        builds on must not be steered by a row put in behind the record's back."""
        if self._sealer is None:
            return True  # an unsealed bench store has no seals to hold
        with self._guard:
            return chain.row_sealed(self._con, self._sealer.key, tbl, row_id)

    def sealed_config_changes(self, entities: Sequence[str]) -> list[dict]:
        """`config_change` rows of `entities` whose seal holds, oldest first (writer only).

        A row inserted or edited behind the record's back is left out, so what is built on
        "the last audited state" cannot be steered by an unsealed row.
        """
        if self._sealer is None:
            raise StoreError("reading sealed audit rows needs the writer's key")
        key = self._sealer.key
        out = []
        rows = sorted((r for e in entities for r in self.config_changes(e)),
                      key=lambda r: r["id"])
        for row in rows:
            with self._guard:
                if chain.row_sealed(self._con, key, "config_change", row["id"]):
                    out.append(row)
        return out

    def config_changes(self, entity: str | None = None, key: str | None = None) -> list[dict]:
        sql = "SELECT id, ts, entity, key, old, new, user, reason FROM config_change"
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if key is not None:
            where.append("key = ?")
            params.append(key)
        if where:
            sql += " WHERE " + " AND ".join(where)
        out = []
        for r in self._read(sql + " ORDER BY id", params):
            out.append({"id": r[0], "ts": r[1], "entity": r[2], "key": r[3],
                        "old": None if r[4] is None else json.loads(r[4]),
                        "new": None if r[5] is None else json.loads(r[5]),
                        "user": r[6], "reason": r[7]})
        return out

    def _seal_row(self, con: sqlite3.Connection, tbl: str, row_id: int) -> None:
        if self._sealer is not None:
            self._sealer.seal_row(con, tbl, row_id)

    def append_record(self, table: str, values: dict) -> int:
        """Insert one row into a sealed record table (users, sign-ins, signatures) and seal it.

        For `records.users` and `records.signatures`; returns the new row id.
        """
        if table not in layout.row_tables():
            raise ValueError(f"{table!r} is not a record table")
        cols = list(values)

        def op(con):
            cur = con.execute(f"INSERT INTO {table}({', '.join(cols)}) VALUES "
                              f"({', '.join('?' * len(cols))})", [values[c] for c in cols])
            self._seal_row(con, table, cur.lastrowid)
            return cur.lastrowid

        return self._write(op)

    def query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Read-only SQL over the record, for the other `records` modules."""
        return self._read(sql, params)

    def row_digest(self, tbl: str, row_id: int) -> bytes | None:
        """Digest of one record row as stored now (what a signature covers)."""
        with self._guard:
            return chain.row_digest(self._con, tbl, row_id)

    def heads(self) -> dict:
        """The chain head(s) for anchoring at the central platform (see `chain.heads`)."""
        with self._guard:
            return chain.heads(self._con)

    def verify(self, progress=None) -> chain.Report:
        """Recompute the chain of this (writer) store with its key."""
        if self._sealer is None:
            raise StoreError("verify needs the sealing key: open the store as writer, or use "
                             "deungdae.records.audit.verify_database")
        self.flush_rollups()
        with self._guard:
            self._write_witness()
            witness, problem = chain.witness_for_verify(self._witness, self._sealer.key)
            return chain.verify(self._con, self._sealer.key, witness, progress=progress,
                                witness_problem=problem)

    def ensure_tables(self, tables: Sequence[layout.Table]) -> list[str]:
        """Create registered sector tables that do not exist yet, append-only; returns them.

        A table that exists with other columns than declared is refused (a sector changes
        a table's shape with a migration of its own, never by redeclaring it).
        """
        def op(con):
            made = []
            for t in tables:
                got = [r[1] for r in con.execute(f"PRAGMA table_info({t.name})")]
                if got and tuple(got) != t.column_names:
                    raise StoreError(f"sector {t.owner!r}: table {t.name} in the record has "
                                     f"columns {got}, the sector declares {list(t.column_names)}")
                if not got:
                    con.execute(t.create_sql())
                    con.execute(f"CREATE INDEX IF NOT EXISTS ix_{t.name}_{t.time_column} "
                                f"ON {t.name}({t.time_column})")
                    made.append(t.name)
                for sql in layout.trigger_sql(t.name).values():
                    con.execute(sql)
                try:
                    grew = declared.changed(con, t)
                except layout.LayoutError as exc:
                    raise StoreError(str(exc)) from exc
                if grew:  # sealed, so verify/sync/central know it
                    self._config_change(con, declared.ENTITY, t.name, None, t.to_json(),
                                        SYSTEM, f"record table declared by sector {t.owner}")
            return made

        return self._write(op)

    def schema_change(self, fn):
        """Run `fn(con)` on the writer's connection, outside any transaction, with the
        writer's lock held: for sector migrations, which manage their own transactions
        (`sectors.api.tables.migrate`). Returns what `fn` returns."""
        if self.readonly:
            raise StoreError("this store was opened read-only")
        with self._guard:
            return fn(self._con)

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
    def append_readings(self, rows: Sequence[ReadingRow], *, user: str = SYSTEM) -> AppendResult:
        """Append a batch of (channel id, ts ms, value, quality) rows as one sealed block.

        A (channel, ts) that is already recorded is kept as it was and counted in
        `duplicates`; the rest of the batch is still written. `user` is who the block is
        attributed to: "system" for device readings, a login for manual entries.
        """
        if not rows:
            return AppendResult(None, 0, 0)
        try:
            return self._write(self._append_fast, rows, user)
        except sqlite3.IntegrityError:
            return self._write(self._append_dedup, rows, user)

    def _append_fast(self, con: sqlite3.Connection, rows: Sequence[ReadingRow],
                     user: str = SYSTEM) -> AppendResult:
        blk = self._new_block(con, rows, user)
        con.executemany(_INSERT_READING.format(blk=int(blk)), rows)
        self._merge_rollups(con, rows)
        return AppendResult(blk, len(rows), 0)

    def _append_dedup(self, con: sqlite3.Connection, rows: Sequence[ReadingRow],
                      user: str = SYSTEM) -> AppendResult:
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
        blk = self._new_block(con, kept, user)
        con.executemany(_INSERT_READING.format(blk=int(blk)), kept)
        self._merge_rollups(con, kept)
        log.warning("%d duplicate readings ignored (already recorded)", dup)
        return AppendResult(blk, len(kept), dup)

    def _new_block(self, con: sqlite3.Connection, rows: Sequence[ReadingRow],
                   user: str = SYSTEM) -> int:
        if self._sealer is None:
            ts = list(map(_TS, rows))
            ch = list(map(_CH, rows))
            cur = con.execute(_INSERT_BLOCK, (now_ms(), len(rows), min(ch), max(ch), min(ts),
                                              max(ts), user, None))
            self._last_block = cur.lastrowid
            return cur.lastrowid
        # Seal from the batch in memory: pack, order by (ch, ts), fingerprint, digest.
        packed = chain.sort_packed(chain.pack_rows(rows))
        a = np.frombuffer(packed, dtype=chain._DT)
        ts = a["ts"]
        hdr = [now_ms(), len(rows), int(a["ch"][0]), int(a["ch"][-1]), int(ts.min()),
               int(ts.max()), user]
        blk = con.execute(_INSERT_BLOCK, (*hdr, chain.tags_of(packed))).lastrowid
        digest = hashlib.sha256(chain.block_header([blk, *hdr]) + packed).digest()
        self._sealer.seal(con, "ingest_block", blk, digest)
        self._last_block = blk
        return blk

    def _merge_rollups(self, con: sqlite3.Connection, rows: Sequence[ReadingRow]) -> None:
        agg = rollup_batch(rows, ROLLUP_LEVELS[0][1])
        prev = ROLLUP_LEVELS[0][1]
        aggs: list[dict[tuple[int, int], list]] = []
        for i, (_name, width) in enumerate(ROLLUP_LEVELS):
            if i:
                agg = coarsen(agg, width // prev)
                prev = width
            aggs.append(agg)
        self._staged.append(aggs)
        if self._pending_since is None:
            self._pending_since = time.monotonic()
        elif time.monotonic() - self._pending_since > ROLLUP_FLUSH_SECONDS:
            self._write_pending(con)

    def _write_pending(self, con: sqlite3.Connection) -> None:
        """Write pending and staged aggregates; they are cleared when the write commits."""
        for i, ((name, _w), pending) in enumerate(zip(ROLLUP_LEVELS, self._pending,
                                                       strict=True)):
            if self._staged:
                pending = {k: list(v) for k, v in pending.items()}
                for aggs in self._staged:
                    _merge_into(pending, aggs[i])
            if pending:
                con.executemany(
                    _UPSERT_ROLLUP.format(t=name),
                    [(ch, b, a[0], a[1], a[2], a[3]) for (ch, b), a in pending.items()],
                )
        con.execute(
            "INSERT INTO meta(key, value) VALUES ('rollups_through_block', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(self._last_block),))
        self._staged_flushed = True
        self._write_witness()

    def rebuild_rollups(self) -> int:
        """Rebuild all rollups from the sealed readings (see `records.recovery.repair`)."""
        self.flush_rollups()
        return self._rebuild_rollups_after(0, clear_all=True)

    def flush_rollups(self) -> None:
        """Write pending rollups now (queries of this process see them without it)."""
        if self.readonly or self._pending_since is None:
            return
        self._write(self._write_pending)

    def _recover_rollups(self) -> None:
        """Rebuild rollups of blocks written after the last rollup flush (after a crash)."""
        done = int(self.get_meta("rollups_through_block") or 0)
        if self._rebuild_rollups_after(done):
            log.info("rebuilt rollups of blocks after %d after an unclean stop", done)

    def _rebuild_rollups_after(self, done: int, clear_all: bool = False) -> int:
        """Recompute every rollup bucket the blocks after `done` touch; returns buckets.

        `clear_all` first empties every level in the same transaction, so buckets of
        readings that are gone (an accepted loss) go too.
        """
        row = self._read(
            "SELECT min(ch_lo), max(ch_hi), min(ts_lo), max(ts_hi), max(id) FROM ingest_block "
            "WHERE id > ?", (done,))[0]
        if row[0] is None:
            if clear_all:  # no readings left at all: no summaries either
                self._write(lambda con: [con.execute(f"DELETE FROM {n}") for n, _w in
                                         ROLLUP_LEVELS])
            return 0
        ch_lo, ch_hi, ts_lo, ts_hi, last = row
        chs = chain.channels_in(ch_lo, ch_hi)  # unused ?2/?3 below keep the numbering

        def op(con):
            src, src_w = "reading", None
            n = 0
            for name, width in ROLLUP_LEVELS:
                if clear_all:
                    con.execute(f"DELETE FROM {name}")
                b_lo, b_hi = ts_lo // width, ts_hi // width
                con.execute(f"DELETE FROM {name} WHERE {chs} AND b BETWEEN ? AND ?",
                            (b_lo, b_hi))
                if src_w is None:
                    cur = con.execute(
                        f"INSERT INTO {name}(ch, b, vmin, vmax, vsum, n) SELECT ch, ts / ?1, "
                        f"min(v), max(v), sum(v), count(*) FROM reading WHERE {chs} "
                        "AND ts >= ?4 AND ts < ?5 AND v IS NOT NULL AND (q & ?6) = 0 "
                        "GROUP BY ch, ts / ?1",
                        (width, ch_lo, ch_hi, b_lo * width, (b_hi + 1) * width, BAD_QUALITY))
                else:
                    f = width // src_w
                    cur = con.execute(
                        f"INSERT INTO {name}(ch, b, vmin, vmax, vsum, n) SELECT ch, b / ?1, "
                        f"min(vmin), max(vmax), sum(vsum), sum(n) FROM {src} WHERE {chs} "
                        "AND b >= ?4 AND b < ?5 GROUP BY ch, b / ?1",
                        (f, ch_lo, ch_hi, b_lo * f, (b_hi + 1) * f))
                n += cur.rowcount
                src, src_w = name, width
            con.execute(
                "INSERT INTO meta(key, value) VALUES ('rollups_through_block', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(last),))
            return n

        return self._write(op)

    def readings(self, channel: int, t0: int, t1: int, limit: int | None = None
                 ) -> list[tuple[int, float | None, int]]:
        """Raw (ts, value, quality) of one channel with t0 <= ts < t1, oldest first."""
        sql = "SELECT ts, v, q FROM reading WHERE ch = ? AND ts >= ? AND ts < ? ORDER BY ts"
        params: tuple = (channel, t0, t1)
        if limit is not None:
            sql += " LIMIT ?"
            params += (limit,)
        return self._read(sql, params)

    def extreme(self, channel: int, t0: int, highest: bool) -> float | None:
        """The highest (or lowest) good value of one channel from `t0` on, None if none.

        Raw rows, not rollups: a still-open alarm's worst value must be exact.
        """
        fn = "max" if highest else "min"
        rows = self._read(f"SELECT {fn}(v) FROM reading WHERE ch = ? AND ts >= ? "
                          "AND v IS NOT NULL AND (q & ?) = 0", (channel, t0, BAD_QUALITY))
        return rows[0][0] if rows and rows[0][0] is not None else None

    def last_good(self, channel: int) -> int | None:
        """When the channel last read a good value (from the newest row back)."""
        rows = self._read("SELECT ts FROM reading WHERE ch = ? AND v IS NOT NULL "
                          "AND (q & ?) = 0 ORDER BY ts DESC LIMIT 1", (channel, BAD_QUALITY))
        return rows[0][0] if rows else None

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

    def last_time(self) -> int | None:
        """The latest time anything (a reading or an event) is recorded at."""
        row = self._read("SELECT max(coalesce((SELECT max(ts_hi) FROM ingest_block), -1), "
                         "coalesce((SELECT max(ts) FROM event), -1))")[0]
        return None if row[0] < 0 else row[0]

    def count_readings(self) -> int:
        return self._read("SELECT coalesce(sum(n), 0) FROM ingest_block")[0][0]

    def downsample(self, channel: int, t0: int, t1: int, max_points: int = 2000) -> list[Bucket]:
        """At most `max_points` (min, max, avg) buckets covering [t0, t1).

        Reads the finest level (raw or a rollup) that needs no more than a few rows per
        returned point, so the cost is bounded whatever the range (`records.downsample`
        chooses, the same way the central platform does).
        """
        if t1 <= t0 or max_points < 1:
            return []
        self.flush_rollups()
        p = downsample.plan(t0, t1, max_points, self._estimate_count(channel, t0, t1))
        if p is None:
            return []
        if p.level is None:
            sql = (
                "SELECT (ts - ?1) / ?2 AS k, min(v), max(v), avg(v), count(*) FROM reading "
                "WHERE ch = ?3 AND ts >= ?4 AND ts < ?5 AND v IS NOT NULL AND (q & ?6) = 0 "
                "GROUP BY k ORDER BY k"
            )
            params: tuple = (p.base, p.width, channel, t0, t1, BAD_QUALITY)
        else:
            sql = (
                f"SELECT (b * ?1 - ?2) / ?3 AS k, min(vmin), max(vmax), sum(vsum) / sum(n), "
                f"sum(n) FROM {p.level} WHERE ch = ?4 AND b >= ?5 AND b < ?6 GROUP BY k "
                "ORDER BY k"
            )
            params = (p.level_width, p.base, p.width, channel, p.b_lo, p.b_hi)
        return [Bucket(p.base + k * p.width, lo, hi, avg, n)
                for k, lo, hi, avg, n in self._read(sql, params)]

    def _estimate_count(self, channel: int, t0: int, t1: int) -> int:
        name, b_lo, b_hi = downsample.estimate_range(t0, t1)
        rows = self._read(
            f"SELECT coalesce(sum(n), 0) FROM {name} WHERE ch = ? AND b >= ? AND b < ?",
            (channel, b_lo, b_hi),
        )
        return rows[0][0]

    # ------------------------------------------------------------------ events
    def append_event(self, ev: NewEvent) -> int:
        """Append and seal one event; `ev.user` is who it is attributed to."""

        def op(con):
            cur = con.execute(
                "INSERT INTO event(ts, kind, severity, channel, device, message, data, user, "
                "ref_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ev.ts, ev.kind, ev.severity, ev.channel, ev.device, ev.message,
                 json.dumps(ev.data, ensure_ascii=False, sort_keys=True), ev.user, ev.ref_id,
                 now_ms()),
            )
            self._seal_row(con, "event", cur.lastrowid)
            return cur.lastrowid

        return self._write(op)

    def append_events(self, evs: Sequence[NewEvent]) -> list[int]:
        return [self.append_event(ev) for ev in evs]

    def events(self, t0: int | None = None, t1: int | None = None, kinds: Sequence[str] = (),
               channel: str | None = None, limit: int = 10_000,
               ids: Sequence[int] = ()) -> list[EventRow]:
        """Events, oldest first. Corrections are events too (kind "correction", `ref_id`
        pointing at the original), so the original always stays in the list."""
        where, params = [], []
        if ids:
            where.append(f"id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
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
