"""Verifying a database file: the live record, a backup or an archive.

`verify_database` opens the file read-only (safe while the engine writes), finds the key
by the file's key id, and recomputes the chain (`records.chain.verify`). For the live
record it also checks the head this computer last saw, which catches rows cut from the
end of the chain.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deungdae.records import chain, declared
from deungdae.records.errors import StoreUnavailable
from deungdae.records.keys import KeyStore


class NotOurs(StoreUnavailable):
    """The file is not a Deungdae record (or is damaged beyond reading)."""


SQLITE_MAGIC = b"SQLite format 3\x00"


def open_checked(path: Path) -> sqlite3.Connection:
    """Open `path` read-only after checking it is a whole, sealed Deungdae database."""
    path = Path(path)
    if not path.exists():
        raise NotOurs(f"{path} does not exist")
    if path.stat().st_size < 512:
        raise NotOurs(f"{path} is empty or truncated ({path.stat().st_size} bytes)")
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise NotOurs(f"{path} is not a Deungdae database (not an SQLite file)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute("PRAGMA busy_timeout=5000")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise NotOurs(f"{path} cannot be read as a database ({exc}); it is damaged or "
                      "truncated") from exc
    if not {"meta", "ledger", "reading", "ingest_block", "event"} <= tables:
        con.close()
        raise NotOurs(f"{path} is an SQLite file but not a Deungdae record")
    try:
        check = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        con.close()
        raise NotOurs(f"{path} is damaged or truncated ({exc})") from exc
    if check != [("ok",)]:
        con.close()
        raise NotOurs(f"{path} is damaged or truncated: {check[0][0]}")
    return con


def key_id_of(con: sqlite3.Connection, path: Path) -> str:
    row = con.execute("SELECT value FROM meta WHERE key = 'chain_key_id'").fetchone()
    if row is None:
        raise NotOurs(f"{path} has never been sealed (no key id); it was not written by "
                      "this version of Deungdae")
    return row[0]


def verify_database(db_path: Path, data_dir: Path | None = None, *, live: bool = True,
                    keystore: KeyStore | None = None, key: bytes | None = None,
                    progress=None) -> chain.Report:
    """Verify the record in `db_path` with the key kept for it in `data_dir`.

    `live=True` means this is the data dir's own record: the head witness is checked too.
    Raises NotOurs / KeyMissing (both StoreError) with a message when it cannot check.
    """
    db_path = Path(db_path)
    data_dir = Path(data_dir) if data_dir is not None else db_path.parent
    con = open_checked(db_path)
    try:
        key_id = key_id_of(con, db_path)
        key = key or (keystore or KeyStore(data_dir)).load(key_id)
        declared.adopt(con)  # sector tables the record declares, installed or not
        witness, problem = chain.witness_for_verify(
            chain.witness_path(data_dir, key_id) if live else None, key)
        # no meta flag turns a check off: meta is not sealed (an archive holds the
        # configuration as of its end, so it passes the same checks)
        return chain.verify(con, key, witness, progress=progress, witness_problem=problem)
    finally:
        con.close()
