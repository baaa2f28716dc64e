"""Backup, restore and archive of the record, each verified before it is trusted.

- `backup`: SQLite's online backup (consistent while the engine writes), then the copy is
  verified with the record's key; only a verified copy is put at the destination.
- `restore`: checks the file is a whole Deungdae database whose chain verifies, takes the
  data dir's writer lock (refusing while Deungdae runs), keeps a copy of the current
  record in `backups/`, then swaps the file in. Nothing changes when any check fails.
- `archive`: writes the closed period before a date (the chain's prefix up to the last
  entry before that date, and the rows it seals) to a file and verifies it.

Retention: records are kept for RETENTION_DAYS at least. Nothing is ever deleted
automatically, and compliance rows (events, corrections, signatures, audit rows, users)
are never pruned at all; pruning of raw readings, if it comes, may only follow a verified
archive of the same period.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from pathlib import Path

from filelock import FileLock, Timeout

from deungdae.records import chain, declared, layout
from deungdae.records.audit import NotOurs, key_id_of, open_checked, verify_database
from deungdae.records.errors import AlreadyRunning, StoreError
from deungdae.records.keys import KeyStore
from deungdae.records.private import make_private
from deungdae.records.schema import RECORD_TABLES, ROLLUP_LEVELS

RETENTION_DAYS = 730


class BackupError(StoreError):
    """A backup, restore or archive could not be made or trusted; nothing was changed."""


def _copy(src_path: Path, dest: Path) -> None:
    """Consistent copy of a live database (SQLite online backup), as one file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    make_private(dest)  # a copy of the record is as private as the record
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(str(dest))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def _tmp_beside(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")


def _problems(report: chain.Report, limit: int = 10) -> str:
    lines = [str(p) for p in report.problems[:limit]]
    if len(report.problems) + report.more > limit:
        lines.append(f"... and {len(report.problems) + report.more - limit} more")
    return "\n  ".join(lines)


def backup(db_path: Path, dest: Path, data_dir: Path | None = None,
           keystore: KeyStore | None = None) -> chain.Report:
    """Copy the record to `dest` and verify the copy. Returns the copy's report."""
    db_path, dest = Path(db_path), Path(dest)
    data_dir = Path(data_dir) if data_dir else db_path.parent
    if not db_path.exists():
        raise BackupError(f"no record at {db_path} to back up")
    if dest.resolve() == db_path.resolve():
        raise BackupError("the backup file must not be the record itself")
    tmp = _tmp_beside(dest)
    try:
        try:
            _copy(db_path, tmp)
        except sqlite3.Error as exc:
            raise BackupError(f"cannot copy {db_path} to {dest}: {exc}") from exc
        report = verify_database(tmp, data_dir, live=False, keystore=keystore)
        if not report.ok:
            raise BackupError(f"the copy does not verify, so the record itself is damaged; "
                              f"run `deungdae verify`:\n  {_problems(report)}")
        os.replace(tmp, dest)
        return report
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def check_backup(path: Path, data_dir: Path, keystore: KeyStore | None = None
                 ) -> chain.Report:
    """Verify a backup file; raises BackupError (with the reason) when it is not usable."""
    try:
        report = verify_database(path, data_dir, live=False, keystore=keystore)
    except StoreError as exc:
        raise BackupError(f"{path} cannot be restored: {exc}") from exc
    if not report.ok:
        raise BackupError(f"{path} cannot be restored: its chain does not verify:\n  "
                          f"{_problems(report)}")
    return report


def restore(path: Path, db_path: Path, data_dir: Path | None = None,
            keystore: KeyStore | None = None, *, move_witness: bool = True
            ) -> tuple[chain.Report, Path | None]:
    """Replace the record with a verified backup. Returns (report, copy of the old record).

    People restore through `records.recovery.restore` (an admin, a signed event); that
    passes `move_witness=False` and moves the witness itself through the signed event.
    """
    path, db_path = Path(path), Path(db_path)
    data_dir = Path(data_dir) if data_dir else db_path.parent
    if not path.exists():
        raise BackupError(f"{path} does not exist")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(db_path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise AlreadyRunning(f"Deungdae is running on {data_dir} (lock {lock.lock_file} is "
                             "held); stop it before restoring. Nothing was changed") from exc
    try:
        # verify the very bytes that will be put in place: a private copy, not `path`
        tmp = _tmp_beside(db_path)
        try:
            shutil.copyfile(path, tmp)
            try:
                report = verify_database(tmp, data_dir, live=False, keystore=keystore)
            except StoreError as exc:
                raise BackupError(f"{path} cannot be restored: "
                                  f"{str(exc).replace(str(tmp), str(path))}. Nothing was "
                                  "changed") from exc
            if not report.ok:
                raise BackupError(f"{path} cannot be restored: its chain does not verify "
                                  f"(nothing was changed):\n  {_problems(report)}")
            kept = None
            if db_path.exists():
                stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
                kept = data_dir / "backups" / f"{db_path.stem}-{stamp}-before-restore.db"
                try:
                    _copy(db_path, kept)
                except sqlite3.Error:
                    # the current file is damaged: keep it byte for byte instead
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(db_path, kept)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(str(db_path) + suffix)
            os.replace(tmp, db_path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        if not move_witness:
            return report, kept
        # the restored record is deliberately older: this computer's head moves back to it
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            key_id = key_id_of(con, db_path)
            row = con.execute("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            con.close()
        wp = chain.witness_path(data_dir, key_id)
        if row:
            chain.write_witness(wp, row[0], bytes(row[1]))
        else:
            with contextlib.suppress(FileNotFoundError):
                wp.unlink()
        return report, kept
    finally:
        lock.release()


_TIME_OF = {
    "ingest_block": "SELECT id, ts_hi FROM ingest_block",
    "event": "SELECT id, max(ts, created_at) FROM event",
    "config_change": "SELECT id, ts FROM config_change",
    "user_version": "SELECT id, ts FROM user_version",
    "auth_log": "SELECT id, ts FROM auth_log",
    "signature": "SELECT id, ts FROM signature",
}


def _config_as_audited(con: sqlite3.Connection) -> None:
    """Set site/device/channel rows to what the archived audit trail last recorded.

    An archive holds the chain up to its end; its configuration must be the one of that
    moment, so it passes the same checks as the live record (no flag turns them off).
    """
    live = chain.live_state(con)
    for entity, rows in chain.audited_state(con).items():
        if entity == "site":
            want = rows.get("site")
            if want:
                con.execute("UPDATE site SET name = ?, timezone = ? WHERE id = 1",
                            (want.get("name"), want.get("timezone")))
            continue
        if entity == "device":
            con.execute("DELETE FROM device")
            for key, want in rows.items():
                if want is not None:
                    con.execute("INSERT INTO device(key, name, profile, port, unit, created_at) "
                                "VALUES (?, ?, ?, ?, ?, 0)", (key, want.get("name", ""),
                                want.get("profile", ""), want.get("port", ""), want.get("unit")))
        if entity == "channel":
            ids = {k: v["id"] for k, v in live["channel"].items()}
            con.execute("DELETE FROM channel")
            for key, want in rows.items():
                if want is not None:
                    con.execute("INSERT INTO channel(id, key, name, unit, device_key, created_at) "
                                "VALUES (?, ?, ?, ?, ?, 0)", (want.get("id", ids.get(key)), key,
                                want.get("name", key), want.get("unit", ""),
                                want.get("device_key", "")))


def archive(db_path: Path, before_ms: int, dest: Path, data_dir: Path | None = None,
            keystore: KeyStore | None = None) -> tuple[chain.Report, int]:
    """Write everything sealed before `before_ms` (a closed period) to `dest`, verified.

    The archive holds the chain's longest prefix whose rows all lie before the date, with
    the rows it seals, so it verifies on its own with the same key. Returns (report, seq
    of the last archived entry). Nothing is removed from the record.
    """
    db_path, dest = Path(db_path), Path(dest)
    data_dir = Path(data_dir) if data_dir else db_path.parent
    if before_ms > time.time() * 1000:
        raise BackupError("the period to archive must be closed (its end in the past)")
    try:
        con = open_checked(db_path)
    except NotOurs as exc:
        raise BackupError(str(exc)) from exc
    try:
        times = {tbl: dict(con.execute(sql).fetchall()) for tbl, sql in _TIME_OF.items()}
        present = chain.table_names(con)
        declared.adopt(con)  # sector tables: placed in time by their declared column
        for t in layout.sector_tables():
            if t.name in present:
                times[t.name] = dict(con.execute(
                    f"SELECT id, {t.time_column} FROM {t.name}").fetchall())
        sector_tables = [t.name for t in layout.sector_tables() if t.name in present]
        last = 0
        for seq, tbl, rid in con.execute("SELECT seq, tbl, row_id FROM ledger ORDER BY seq"):
            t = times.get(tbl, {}).get(rid)
            if t is None or t >= before_ms:
                break
            last = seq
    finally:
        con.close()
    if last == 0:
        raise BackupError("nothing was recorded before that date; no archive written")
    tmp = _tmp_beside(dest)
    try:
        _copy(db_path, tmp)
        w = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            triggers = w.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"
                                 ).fetchall()
            w.execute("BEGIN")
            for name, _sql in triggers:
                w.execute(f"DROP TRIGGER {name}")
            w.execute("DELETE FROM ledger WHERE seq > ?", (last,))
            for tbl in (*RECORD_TABLES, *sector_tables):
                if tbl in ("reading", "ledger"):
                    continue
                w.execute(f"DELETE FROM {tbl} WHERE id NOT IN "
                          "(SELECT row_id FROM ledger WHERE tbl = ?)", (tbl,))
            w.execute("DELETE FROM reading WHERE blk NOT IN (SELECT id FROM ingest_block)")
            _config_as_audited(w)
            for name, _w in ROLLUP_LEVELS:
                w.execute(f"DELETE FROM {name}")
            w.execute("DELETE FROM meta WHERE key = 'rollups_through_block'")
            for k, v in (("archive_before", str(before_ms)), ("archive_through_seq", str(last))):
                w.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (k, v))
            for _name, sql in triggers:
                w.execute(sql)
            w.execute("COMMIT")
            w.execute("VACUUM")
        finally:
            w.close()
        report = verify_database(tmp, data_dir, live=False, keystore=keystore)
        if not report.ok:
            raise BackupError(f"the archive does not verify; the record may be damaged, run "
                              f"`deungdae verify`:\n  {_problems(report)}")
        os.replace(tmp, dest)
        return report, last
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def snapshot(db_path: Path, dest: Path) -> Path:
    """A consistent copy of the live record (SQLite online backup), not verified.

    Taken before a sector migration changes the record's schema: the point is to put back
    exactly what was there if the migration fails, findings and all, so it must not refuse
    a record that does not verify. Raises BackupError when the copy cannot be made.
    """
    try:
        _copy(Path(db_path), Path(dest))
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"cannot copy {db_path} to {dest}: {exc}") from exc
    return Path(dest)


def put_back(con: sqlite3.Connection, src: Path) -> None:
    """Overwrite the database behind `con` (the writer's connection, lock held) with the
    copy at `src`, page for page (SQLite online backup into the live connection)."""
    s = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        s.backup(con)
    finally:
        s.close()
