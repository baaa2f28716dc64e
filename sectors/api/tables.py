"""A sector's own record tables and their migrations.

A sector declares its tables as `records.layout.Table` objects (owner = the sector id,
name `<sector>_<name>`); discovery registers them into the one record layout, so the
chain seals their rows and sync/central carry them with no line naming them. Their shape
changes only through the sector's migrations: ordered `Migration(version, apply)` steps,
the applied version kept per sector in the `sector_schema(sector, version)` table (chosen
over alembic branches: one row per sector is easy to inspect, needs no alembic env in
the plugin, and the order is just the version numbers).

The engine runs them at start (`run_migrations`): when a record that already holds
entries is about to change, a copy of it is kept in `backups/` first; a step that fails
is rolled back, the copy is put back if anything of it stuck anyway (a step that
committed on its own, e.g. `executescript`), and the sector is refused with one message
saying so. The plant goes on recording with its other sectors.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from deungdae.records import backup as rbackup
from deungdae.records.store import Store

SCHEMA_TABLE = ("CREATE TABLE IF NOT EXISTS sector_schema "
                "(sector TEXT PRIMARY KEY, version INTEGER NOT NULL)")


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of a sector's schema: `apply(con)` runs inside the migration transaction."""

    version: int
    apply: Callable[[sqlite3.Connection], None]
    note: str = ""


class MigrationFailed(Exception):
    """A sector's migration failed; the record is as it was before (the message says so)."""


def migration_problems(sector: str, migrations: Sequence[Migration]) -> list[str]:
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)) or any(v < 1 for v in versions):
        return [f"sector {sector!r}: migration versions must be 1, 2, ... increasing and "
                f"distinct, got {versions}"]
    return []


def schema_version(con: sqlite3.Connection, sector: str) -> int:
    con.execute(SCHEMA_TABLE)
    row = con.execute("SELECT version FROM sector_schema WHERE sector = ?", (sector,)).fetchone()
    return row[0] if row else 0


def pending(con: sqlite3.Connection, sector: str, migrations: Sequence[Migration]
            ) -> list[Migration]:
    """The steps newer than the version the record holds, in order."""
    have = schema_version(con, sector)
    return [m for m in sorted(migrations, key=lambda m: m.version) if m.version > have]


def migrate(con: sqlite3.Connection, sector: str, migrations: Sequence[Migration]) -> list[int]:
    """Apply `sector`'s migrations newer than its recorded version, each atomically.

    Each step and its version row are one explicit transaction (the writer's connection
    is in autocommit mode, where `with con:` would not make one); a step that raises is
    rolled back and the exception passes on.
    """
    done = []
    for m in pending(con, sector, migrations):
        con.execute("BEGIN IMMEDIATE")
        try:
            m.apply(con)
            con.execute("INSERT INTO sector_schema(sector, version) VALUES (?, ?) "
                        "ON CONFLICT(sector) DO UPDATE SET version = excluded.version",
                        (sector, m.version))
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        if con.in_transaction:
            con.execute("COMMIT")
        done.append(m.version)
    return done


def _schema(con: sqlite3.Connection) -> list[tuple]:
    return con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
                       ).fetchall()


def run_migrations(store: Store, sector: str, migrations: Sequence[Migration],
                   backup_dir: Path | None = None) -> tuple[list[int], Path | None]:
    """Bring `sector`'s tables in the record up to date. Returns (versions applied, backup).

    A record that already holds entries is copied to `backup_dir` (default: `backups/`
    beside it) before its schema changes. Raises MigrationFailed when a step fails, after
    putting the record back as it was; the message names the sector, the step, the cause
    and the backup.
    """
    def work(con: sqlite3.Connection) -> tuple[list[int], Path | None]:
        todo = pending(con, sector, migrations)
        if not todo:
            return [], None
        kept = None
        if con.execute("SELECT 1 FROM ledger LIMIT 1").fetchone() is not None:
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            folder = backup_dir or store.path.parent / "backups"
            kept = folder / (f"{store.path.stem}-{stamp}-before-{sector}-"
                             f"v{todo[-1].version}.db")
            try:
                rbackup.snapshot(store.path, kept)
            except rbackup.BackupError as exc:
                raise MigrationFailed(
                    f"sector {sector!r}: its tables were not changed because the record "
                    f"could not be backed up first ({exc}) / 섹터 '{sector}': 기록을 먼저 "
                    "백업할 수 없어 표를 바꾸지 않았습니다") from exc
        before = _schema(con)
        done: list[int] = []
        try:
            for m in todo:
                migrate(con, sector, [m])
                done.append(m.version)
        except Exception as exc:
            step = next(m for m in todo if m.version not in done)
            what = f"migration {step.version}" + (f" ({step.note})" if step.note else "")
            state = "the record is as it was before."
            if done or _schema(con) != before:
                if kept is None:
                    state = (f"versions {done} stayed applied (the record held no entries "
                             "yet, so nothing was backed up)." if done else state)
                else:
                    rbackup.put_back(con, kept)
                    state += f" It was put back from the backup {kept}."
            raise MigrationFailed(
                f"sector {sector!r}: {what} failed: {exc}. The sector is left out; "
                f"{state} Fix or update the sector, then "
                f"start again / 섹터 '{sector}': 스키마 변경 {step.version} 실패 — 섹터를 "
                "제외했으며 기록은 변경 전 상태입니다") from exc
        return done, kept

    return store.schema_change(work)
