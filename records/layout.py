"""The record's layout, in one place: which tables exist, their columns, what is sealed.

Everything that needs to know the shape of the record reads it from here: the chain
(which rows it seals and how their canonical bytes are made), the append-only triggers,
`verify`, the sync outbox and wire format, the central platform, and the sectors that add
tables of their own. Before this module the same facts were repeated in `records.chain`,
`sync.wire` and `central.ingest`, and a sector could not add a table without editing all
three.

A table is one of:

- **block-sealed** (`seal="block"`): `ingest_block`, whose digest covers its header and
  the `reading` rows that carry its id;
- **row-sealed** (`seal="row"`): each row sealed by one ledger entry, over the JSON of
  its columns in declared order (`records.chain.row_bytes`);
- **append-only, not sealed itself** (`seal="none"`): `reading` (sealed through its
  block) and `ledger` (the chain).

A column may be **private**: its value never leaves the plant. The row is sealed over the
SHA-256 of that value instead of the value (`private_token`), so a platform that receives
only the token can still check the seal. (Rows sealed before private columns existed were
sealed over the value itself: `records.chain` still verifies them locally; a platform can
check only their position in the chain.)

Sector tables are registered at start by the sector platform (`register_sector_table`):
their names start with the sector id and an underscore, they are row-sealed, append-only,
and synced like core rows without a line of `chain`, `sync` or `central` naming them.
The store seals each table's declaration into the record (`records.declared`), so
`verify`, `sync` and the central platform know the table even where its sector is not
installed. A sector table changes shape only by its sector's migrations
(`sectors.api.tables`), and only by nullable columns added at its end: a sector row's
trailing NULLs are not sealed (`records.chain.row_bytes`), so older rows keep their seal.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["int", "float", "text", "blob"]
SealKind = Literal["row", "block", "none"]

# Rollup levels maintained while ingesting: (table name, bucket width in ms). Rollups are
# derived data for charts: `verify` recomputes them from the sealed readings.
ROLLUP_LEVELS: tuple[tuple[str, int], ...] = (
    ("rollup_30s", 30_000),
    ("rollup_5m", 300_000),
    ("rollup_1h", 3_600_000),
    ("rollup_1d", 86_400_000),
)
# Quality flags that make a value unfit for aggregates (timeouts, CRC, garbage, device
# exception, out of range, disconnected). MANUAL (64) and SIMULATED (128) values count.
BAD_QUALITY = 1 | 2 | 4 | 8 | 16 | 32

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_SQL_TYPE = {"int": "INTEGER", "float": "REAL", "text": "TEXT", "blob": "BLOB"}
PRIVATE_PREFIX = "sha256:"


class LayoutError(ValueError):
    """A table declaration that cannot be part of the record (the message says why)."""


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType = "text"
    nullable: bool = False
    private: bool = False

    def sql(self) -> str:
        return f"{self.name} {_SQL_TYPE[self.type]}{'' if self.nullable else ' NOT NULL'}"


@dataclass(frozen=True, slots=True)
class Table:
    """One record table: its columns in sealed order (the first is the row id)."""

    name: str
    columns: tuple[Column, ...]
    seal: SealKind = "row"
    time_column: str = "ts"  # what places a row in time (archives, sync, central)
    owner: str = "core"  # "core" or the id of the sector that declared it
    title: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def private_columns(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.columns) if c.private)

    def to_json(self) -> dict:
        """The declaration as plain JSON: what a plant seals into its record
        (`records.declared`) so verify, sync and central know the table without its sector."""
        return {"name": self.name, "owner": self.owner, "seal": self.seal,
                "time_column": self.time_column, "title": self.title,
                "columns": [{"name": c.name, "type": c.type, "nullable": c.nullable,
                             "private": c.private} for c in self.columns]}

    @classmethod
    def from_json(cls, d: object) -> Table:
        """A declaration read back; raises LayoutError when it is not one (wrong shape)."""
        try:
            if not isinstance(d, dict) or not isinstance(d["columns"], list):
                raise TypeError("not an object with a column list")
            cols = tuple(Column(str(c["name"]), c["type"], bool(c.get("nullable", False)),
                                bool(c.get("private", False))) for c in d["columns"])
            return cls(str(d["name"]), cols, d.get("seal", "row"),
                       str(d.get("time_column", "ts")), str(d["owner"]),
                       str(d.get("title", "")))
        except (KeyError, TypeError, AttributeError) as exc:
            raise LayoutError(f"a table declaration of the wrong shape ({exc})") from exc

    def create_sql(self) -> str:
        cols = [f"{self.columns[0].name} INTEGER PRIMARY KEY"] + [c.sql() for c in self.columns[1:]]
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({', '.join(cols)})"


def _c(name: str, type_: ColumnType = "text", nullable: bool = False, private: bool = False
       ) -> Column:
    return Column(name, type_, nullable, private)


_ID = _c("id", "int")

# Core row-sealed tables, columns in the order the chain seals them (`SELECT *` order of the
# SQLite tables the migrations create; `check_schema` makes sure the two agree).
EVENT = Table("event", (
    _ID, _c("ts", "int"), _c("kind"), _c("severity"), _c("channel", nullable=True),
    _c("device", nullable=True), _c("message"), _c("data"), _c("user"),
    _c("ref_id", "int", nullable=True), _c("created_at", "int")), title="events")
CONFIG_CHANGE = Table("config_change", (
    _ID, _c("ts", "int"), _c("entity"), _c("key"), _c("old", nullable=True),
    _c("new", nullable=True), _c("user"), _c("reason")), title="configuration changes")
USER_VERSION = Table("user_version", (
    _ID, _c("login"), _c("full_name"), _c("role"), _c("pw_hash", private=True),
    _c("active", "int"), _c("ts", "int"), _c("by_user")), title="users")
AUTH_LOG = Table("auth_log", (
    _ID, _c("ts", "int"), _c("login"), _c("outcome"), _c("purpose")), title="sign-ins")
SIGNATURE = Table("signature", (
    _ID, _c("ts", "int"), _c("login"), _c("printed_name"), _c("role"), _c("meaning"),
    _c("targets"), _c("target_hash"), _c("comment")), title="signatures")

INGEST_BLOCK = Table("ingest_block", (
    _ID, _c("created_at", "int"), _c("n", "int"), _c("ch_lo", "int"), _c("ch_hi", "int"),
    _c("ts_lo", "int"), _c("ts_hi", "int"), _c("user")), seal="block", time_column="ts_hi",
    title="reading blocks")
READING = Table("reading", (
    _c("ch", "int"), _c("ts", "int"), _c("v", "float", nullable=True), _c("q", "int"),
    _c("blk", "int")), seal="none", title="readings")
LEDGER = Table("ledger", (
    _c("seq", "int"), _c("tbl"), _c("row_id", "int"), _c("rmac", "blob"), _c("mac", "blob")),
    seal="none", time_column="seq", title="chain")

CORE_TABLES: tuple[Table, ...] = (
    READING, INGEST_BLOCK, EVENT, CONFIG_CHANGE, USER_VERSION, AUTH_LOG, SIGNATURE, LEDGER)

# Mutable tables whose rows give readings their meaning. They are not sealed themselves:
# the sealed `config_change` trail records every value they ever had, `verify` compares
# them with it, and the writer restores them from it when they were changed behind its back.
# (entity in config_change, table, key column, audited columns)
AUDITED_STATE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("site", "site", "'site'", ("name", "timezone")),
    ("device", "device", "key", ("name", "profile", "port", "unit")),
    ("channel", "channel", "key", ("id", "name", "unit", "device_key")),
)

# Tables of the record that are not row tables but whose names no sector may take.
CORE_NAMES = ("site", "device", "channel", "meta", "alembic_version", "sector_schema")
_sector_tables: dict[str, Table] = {}


MAX_COLUMNS = 64  # a sector table's columns (the wire carries rows of at most this many)


def sector_table_problem(table: Table) -> str | None:
    """Why `table` cannot be a sector table of the record (None: it can).

    The same check serves the plant (a sector declaring it) and the central platform (a
    declaration arriving sealed in a plant's record): one rule for both.
    """
    owner = table.owner
    if owner == "core" or not isinstance(owner, str) or not _NAME.match(owner):
        return f"table {table.name!r}: a sector table needs its sector id as owner"
    if not isinstance(table.name, str) or not table.name.startswith(owner + "_") or \
            not _NAME.match(table.name):
        return (f"sector {owner!r}: table {table.name!r} must be named "
                f"'{owner}_<name>' (lower case letters, digits and _)")
    if any(t.name == table.name for t in CORE_TABLES) or table.name in CORE_NAMES or \
            table.name.startswith(("rollup_", "sqlite_")):
        return f"sector {owner!r}: table {table.name!r} collides with the core record"
    if table.seal != "row":
        return f"sector {owner!r}: table {table.name!r}: sector tables are row-sealed"
    names = table.column_names
    if not names or names[0] != "id" or table.columns[0].type != "int":
        return (f"sector {owner!r}: table {table.name!r}: the first column must be "
                "the integer 'id'")
    if len(names) > MAX_COLUMNS:
        return (f"sector {owner!r}: table {table.name!r} has {len(names)} columns; at most "
                f"{MAX_COLUMNS}")
    if len(set(names)) != len(names):
        return f"sector {owner!r}: table {table.name!r} repeats a column name"
    for c in table.columns:
        if not isinstance(c.name, str) or not _NAME.match(c.name) or c.type not in _SQL_TYPE:
            return (f"sector {owner!r}: table {table.name!r}: bad column {c.name!r} "
                    f"of type {c.type!r}")
    if table.time_column not in names:
        return (f"sector {owner!r}: table {table.name!r}: time column "
                f"{table.time_column!r} is not one of its columns")
    return None


def register_sector_table(table: Table) -> Table:
    """Add a sector's table to the record layout (before the store opens).

    Refused, with a message naming the sector and the clash: a name that is not
    `<sector>_<name>`, a name of ours or of another sector, a bad column, no time column.
    Registering the same declaration twice is harmless (a sector loaded twice).
    """
    problem = sector_table_problem(table)
    if problem is not None:
        raise LayoutError(problem)
    owner = table.owner
    have = _sector_tables.get(table.name)
    if have is not None:
        if have == table:
            return have
        raise LayoutError(f"sector {owner!r}: table {table.name!r} is already declared "
                          f"by sector {have.owner!r}" if have.owner != owner else
                          f"sector {owner!r}: table {table.name!r} declared twice, differently")
    _sector_tables[table.name] = table
    return table


def unregister_sector_tables(owner: str | None = None) -> None:
    """Forget registered sector tables (all, or one sector's): for tests and reloads."""
    for name in [n for n, t in _sector_tables.items() if owner is None or t.owner == owner]:
        del _sector_tables[name]


def sector_tables() -> tuple[Table, ...]:
    return tuple(_sector_tables.values())


def row_tables() -> dict[str, Table]:
    """Every row-sealed table, core first, by name."""
    out = {t.name: t for t in CORE_TABLES if t.seal == "row"}
    out.update(_sector_tables)
    return out


def append_only_tables() -> tuple[str, ...]:
    """Tables whose rows are never updated or deleted (triggers refuse it)."""
    return tuple(t.name for t in CORE_TABLES) + tuple(_sector_tables)


def trigger_sql(tbl: str) -> dict[str, str]:
    """The triggers that keep `tbl` append-only, by name."""
    out = {}
    for verb in ("UPDATE", "DELETE"):
        out[f"{tbl}_no_{verb.lower()}"] = (
            f"CREATE TRIGGER IF NOT EXISTS {tbl}_no_{verb.lower()} BEFORE {verb} ON {tbl} "
            f"BEGIN SELECT RAISE(ABORT, 'record rows are append-only: {verb} on {tbl} "
            "refused; append a correction instead'); END")
    return out


# The channel table's id and key are what every reading refers to: they never change.
CHANNEL_TRIGGERS: dict[str, str] = {
    "channel_id_fixed": (
        "CREATE TRIGGER IF NOT EXISTS channel_id_fixed BEFORE UPDATE OF id, key ON channel "
        "BEGIN SELECT RAISE(ABORT, 'a channel keeps its id and key: readings refer to "
        "them'); END"),
    "channel_no_delete": (
        "CREATE TRIGGER IF NOT EXISTS channel_no_delete BEFORE DELETE ON channel "
        "BEGIN SELECT RAISE(ABORT, 'channels are never deleted: their readings refer to "
        "them'); END"),
}


def all_triggers(tables: Iterable[str] | None = None) -> dict[str, str]:
    """Every trigger the record must have, by name."""
    out: dict[str, str] = {}
    for t in (append_only_tables() if tables is None else tables):
        out.update(trigger_sql(t))
    out.update(CHANNEL_TRIGGERS)
    return out


def private_token(value: object) -> str:
    """What a private column's value is sealed and sent as: `sha256:<hex of its UTF-8>`."""
    text = value if isinstance(value, str) else repr(value)
    return PRIVATE_PREFIX + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def public_row(tbl: str, row: tuple | list) -> list:
    """The row as it is sealed and may leave the plant: private values as their tokens."""
    t = row_tables().get(tbl)
    out = list(row)
    if t is not None:
        for i in t.private_columns:
            if i < len(out) and out[i] is not None:
                out[i] = private_token(out[i])
    return out
