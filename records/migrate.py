"""Bring a database file to the current schema, backing it up first.

Migrations run at every start; when an existing database needs one, a copy made with
SQLite's online backup is written beside it first, so a failed or unwanted migration
never costs the plant its record.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


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
    src = sqlite3.connect(str(db_path))
    dst = sqlite3.connect(str(dest))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return dest


def migrate(db_path: Path, backup_dir: Path | None = None) -> Path | None:
    """Upgrade `db_path` to head. Returns the backup written, if one was needed."""
    head = head_revision()
    current = current_revision(db_path)
    if current == head:
        return None
    backup = None
    if current is not None:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        target_dir = backup_dir or db_path.parent / "backups"
        backup = backup_file(db_path, target_dir / f"{db_path.stem}-{stamp}-before-{head}.db")
        log.info("backed up %s to %s before migrating %s -> %s", db_path, backup, current, head)
    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            cfg = _config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    return backup


def schema_diff(db_path: Path) -> list:
    """Differences between the migrated database and the SQLModel tables (should be none)."""
    from alembic.autogenerate import compare_metadata

    from records.schema import SQLModel

    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    finally:
        engine.dispose()
