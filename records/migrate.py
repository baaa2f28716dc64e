"""Bring a database file to the current schema, backing it up first.

Migrations run at every start; when an existing database needs one, a copy made with
SQLite's online backup is written beside it first (`backups/`), so a failed or unwanted
migration never costs the plant its record:

- a migration that fails puts that copy back, byte for byte what was there, and says so
  (`MigrationFailed`); the plant keeps recording with the program it had;
- a record whose schema revision this program does not know was written by a newer
  Deungdae: it is refused (`SchemaTooNew`) and never "downgraded", since an older
  program would not know what the newer rows mean.

alembic is imported only when a migration has to run: opening an up-to-date record (every
start but the first after an upgrade) costs no alembic import.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from pathlib import Path

from deungdae.records.errors import StoreUnavailable
from deungdae.records.private import make_private

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaTooNew(StoreUnavailable):
    """The record was written by a newer Deungdae; this program leaves it untouched."""


class MigrationFailed(StoreUnavailable):
    """A migration failed; the record was put back as it was before (or the message says
    where the copy is when even that failed)."""


def _config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in _scripts().walk_revisions()}


def current_revision(db_path: Path) -> str | None:
    if not db_path.exists():
        return None
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        got = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return got[0] if got else None
    finally:
        con.close()


def backup_file(db_path: Path, dest: Path) -> Path:
    """Copy a live database consistently with SQLite's online backup API."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    make_private(dest)
    src = sqlite3.connect(str(db_path))
    dst = sqlite3.connect(str(dest))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return dest


def _restore(backup: Path, db_path: Path) -> None:
    """Put `backup` back in place of `db_path` (the caller holds the writer lock)."""
    tmp = db_path.with_name(f".{db_path.name}.restore.{os.getpid()}.tmp")
    try:
        backup_file(backup, tmp)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(str(db_path) + suffix)
        os.replace(tmp, db_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _upgrade(db_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            cfg = _config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()


def migrate(db_path: Path, backup_dir: Path | None = None) -> Path | None:
    """Upgrade `db_path` to head. Returns the backup written, if one was needed.

    Raises SchemaTooNew for a record of a newer program and MigrationFailed when a
    migration fails (the record is then as it was before the attempt).
    """
    db_path = Path(db_path)
    current = current_revision(db_path)
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"{db_path} was written by a newer version of Deungdae (record schema "
            f"{current}; this program knows up to {head_revision()}). Install that version "
            "or a later one to open it; the record was not changed")
    head = head_revision()
    if current == head:
        return None
    backup = None
    if current is not None:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        target_dir = backup_dir or db_path.parent / "backups"
        try:
            backup = backup_file(db_path, target_dir / f"{db_path.stem}-{stamp}-before-{head}.db")
        except (OSError, sqlite3.Error) as exc:
            raise MigrationFailed(
                f"{db_path} needs an upgrade of its schema ({current} -> {head}), but no "
                f"backup could be written to {target_dir} first ({exc}); nothing was "
                "changed. Free some disk space or make the folder writable") from exc
        log.info("backed up %s to %s before migrating %s -> %s", db_path, backup, current, head)
    try:
        _upgrade(db_path)
    except Exception as exc:
        if backup is None:
            raise
        log.exception("migrating %s from %s to %s failed", db_path, current, head)
        try:
            _restore(backup, db_path)
        except (OSError, sqlite3.Error) as exc2:
            raise MigrationFailed(
                f"upgrading the record {db_path} from schema {current} to {head} failed "
                f"({exc}), and putting the backup back failed too ({exc2}): the record as "
                f"it was is kept in {backup}. Copy it over {db_path.name} before starting "
                "again") from exc
        raise MigrationFailed(
            f"upgrading the record {db_path} from schema {current} to {head} failed "
            f"({exc.__class__.__name__}: {exc}); the record was restored from the backup "
            f"{backup} and is as it was. Keep using the previous version of Deungdae and "
            "report this (details in the log)") from exc
    return backup


def schema_diff(db_path: Path) -> list:
    """Differences between the migrated database and the SQLModel tables (should be none)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from deungdae.records.schema import SQLModel

    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    finally:
        engine.dispose()
