"""A sector's own record tables and their migrations.

A sector declares its tables as `records.layout.Table` objects (owner = the sector id,
name `<sector>_<name>`); discovery registers them into the one record layout, so the
chain seals their rows and sync/central carry them with no line naming them. Their shape
changes only through the sector's migrations: ordered `Migration(version, apply)` steps,
the applied version kept per sector in the `sector_schema(sector, version)` table (chosen
over alembic branches: one row per sector is easy to inspect, needs no alembic env in
the plugin, and the order is just the version numbers).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SCHEMA_TABLE = ("CREATE TABLE IF NOT EXISTS sector_schema "
                "(sector TEXT PRIMARY KEY, version INTEGER NOT NULL)")


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of a sector's schema: `apply(con)` runs inside the migration transaction."""

    version: int
    apply: Callable[[sqlite3.Connection], None]
    note: str = ""


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


def migrate(con: sqlite3.Connection, sector: str, migrations: Sequence[Migration]) -> list[int]:
    """Apply `sector`'s migrations newer than its recorded version, each atomically."""
    done = []
    for m in sorted(migrations, key=lambda m: m.version):
        if m.version <= schema_version(con, sector):
            continue
        with con:
            m.apply(con)
            con.execute("INSERT INTO sector_schema(sector, version) VALUES (?, ?) "
                        "ON CONFLICT(sector) DO UPDATE SET version = excluded.version",
                        (sector, m.version))
        done.append(m.version)
    return done
