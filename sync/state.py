"""The local sync state: `sync.db`, a small SQLite file next to the record.

It remembers where the platform is and what it last acknowledged, so `deungdae sync
status` and the window's status bar work offline. It is a cache, never the truth about
what the platform holds: every sync session starts from `GET /position`. It is written
only after an acknowledgement (or to note an error), each write one transaction with
`synchronous=FULL`, so a crash at any instant leaves either the old or the new state.
It holds no secret (the token lives in `sync.token_store`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

STATE_NAME = "sync.db"
# The record's file name in a data dir (the same as `desktop.paths.DB_NAME`).
RECORD_NAME = "deungdae.db"
LOCK_NAME = "sync.lock"


def now_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(slots=True)
class SyncState:
    """Everything sync remembers between runs (all plain values)."""

    url: str = ""
    ca_bundle: str | None = None
    plant_id: int | None = None
    plant_name: str = ""
    key_id: str = ""
    registered_ms: int | None = None
    acked_seq: int = 0
    acked_mac: str = ""
    state: str = "idle"  # idle | sending | offline | error
    last_success_ms: int | None = None
    last_error: str | None = None
    last_error_ms: int | None = None
    clock_offset_ms: int | None = None
    sent_entries: int = 0
    sent_readings: int = 0
    sent_bytes: int = 0
    duplicates: int = 0
    heartbeat_ms: int | None = None

    @property
    def configured(self) -> bool:
        return bool(self.url and self.key_id)


_FIELDS = {f.name for f in fields(SyncState)}


def state_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATE_NAME


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                              timeout=2.0)
    else:
        con = sqlite3.connect(str(path), isolation_level=None, timeout=5.0)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value TEXT)")
    return con


def load(data_dir: Path) -> SyncState | None:
    """The saved state, or None when this data dir was never registered (no sync.db, or
    one that holds no registration).

    Any other sqlite3.Error (a busy or damaged sync.db) is raised: it says nothing about
    whether the data dir is registered, and reading it as "not registered" would keep
    sync from ever starting."""
    path = state_path(data_dir)
    if not path.exists():
        return None
    con = _connect(path, readonly=True)
    try:
        try:
            rows = con.execute("SELECT key, value FROM state").fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # created, never written: no registration
                return None
            raise
    finally:
        con.close()
    values = {k: json.loads(v) for k, v in rows if k in _FIELDS}
    st = SyncState(**values)
    return st if st.configured else None


def save(data_dir: Path, st: SyncState | None = None, **changes: object) -> SyncState:
    """Write `st` (or the saved state) with `changes` applied; returns what was written.

    With only `changes`, the other fields stay as they are on disk, so two writers of
    different fields (a CLI `register` and a running loop) cannot undo each other.
    """
    path = state_path(data_dir)
    bad = set(changes) - _FIELDS
    if bad:
        raise ValueError(f"unknown sync state fields {sorted(bad)}")
    con = _connect(path, readonly=False)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            if st is None:
                rows = con.execute("SELECT key, value FROM state").fetchall()
                st = SyncState(**{k: json.loads(v) for k, v in rows if k in _FIELDS})
                data = changes
            else:
                for k, v in changes.items():
                    setattr(st, k, v)
                data = asdict(st)
            con.executemany("INSERT INTO state(key, value) VALUES (?, ?) ON CONFLICT(key) "
                            "DO UPDATE SET value = excluded.value",
                            [(k, json.dumps(v)) for k, v in data.items()])
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    for k, v in changes.items():
        setattr(st, k, v)
    return st
