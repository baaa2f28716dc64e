"""Tables of the local record, declared with SQLModel.

The reading and rollup tables are `WITHOUT ROWID`, clustered on (channel, time): a
range query for one channel reads one contiguous run of pages, and no separate index
doubles the size on disk. Every `append_readings` batch is one `ingest_block`, and each
reading carries its block number (`blk`): the block is the unit that integrity sealing
and sync work with, and the (channel, ts) ranges in `ingest_block` find its rows again
without a second index.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from deungdae.records.layout import ROLLUP_LEVELS  # noqa: F401  (re-exported)


class Site(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    timezone: str = "Asia/Seoul"
    created_at: int


class Device(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str = ""
    profile: str = ""
    port: str = ""
    unit: int | None = None
    created_at: int


class Channel(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str = ""
    unit: str = ""
    device_key: str = ""
    created_at: int


class Reading(SQLModel, table=True):
    __table_args__ = {"sqlite_with_rowid": False}
    ch: int = Field(primary_key=True)
    ts: int = Field(primary_key=True)
    v: float | None = None
    q: int = 0
    blk: int


class IngestBlock(SQLModel, table=True):
    """One `append_readings` batch: where its rows are, so they can be found again."""

    __tablename__ = "ingest_block"
    id: int | None = Field(default=None, primary_key=True)
    created_at: int
    n: int
    ch_lo: int
    ch_hi: int
    ts_lo: int
    ts_hi: int
    user: str = "system"
    # One byte per reading, in (channel, ts) order: not a seal, only a fingerprint that
    # lets `verify` point at the row that changed inside a block whose seal broke.
    tags: bytes | None = None


class _RollupBase(SQLModel):
    ch: int = Field(primary_key=True)
    b: int = Field(primary_key=True)
    vmin: float
    vmax: float
    vsum: float
    n: int


class Rollup30s(_RollupBase, table=True):
    __tablename__ = "rollup_30s"
    __table_args__ = {"sqlite_with_rowid": False}


class Rollup5m(_RollupBase, table=True):
    __tablename__ = "rollup_5m"
    __table_args__ = {"sqlite_with_rowid": False}


class Rollup1h(_RollupBase, table=True):
    __tablename__ = "rollup_1h"
    __table_args__ = {"sqlite_with_rowid": False}


class Rollup1d(_RollupBase, table=True):
    __tablename__ = "rollup_1d"
    __table_args__ = {"sqlite_with_rowid": False}


class Event(SQLModel, table=True):
    """Anything that happened: alarms, device losses, manual entries, actions."""

    id: int | None = Field(default=None, primary_key=True)
    ts: int = Field(index=True)
    kind: str = Field(index=True)
    severity: str = "info"
    channel: str | None = None
    device: str | None = None
    message: str = ""
    data: str = "{}"
    user: str = "system"
    ref_id: int | None = None
    created_at: int


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


# ---------------------------------------------------------------------- integrity
# Record tables: rows are only ever inserted (SQLite triggers refuse UPDATE and DELETE)
# and each is sealed by one `ledger` entry. Readings are sealed per `ingest_block`.
RECORD_TABLES: tuple[str, ...] = (
    "reading", "ingest_block", "event", "config_change", "user_version", "auth_log",
    "signature", "ledger",
)


class Ledger(SQLModel, table=True):
    """The keyed hash chain: one entry per sealed row, in the order rows were written.

    `rmac` seals the row's content at this position (HMAC over seq, table, row id and a
    digest of the row); `mac` links the entry to the previous one (HMAC over the previous
    `mac` and this `rmac`). The last `mac` is the chain head.
    """

    seq: int | None = Field(default=None, primary_key=True)
    tbl: str
    row_id: int
    rmac: bytes
    mac: bytes


class ConfigChange(SQLModel, table=True):
    """A change of configuration (site, device, channel, limit, user): old and new value."""

    __tablename__ = "config_change"
    id: int | None = Field(default=None, primary_key=True)
    ts: int
    entity: str = Field(index=True)
    key: str
    old: str | None = None
    new: str | None = None
    user: str = "system"
    reason: str = ""


class UserVersion(SQLModel, table=True):
    """Users are append-only too: each change appends the user's new state."""

    __tablename__ = "user_version"
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(index=True)
    full_name: str
    role: str
    pw_hash: str
    active: int = 1
    ts: int
    by_user: str


class AuthLog(SQLModel, table=True):
    """Every sign-in and signature attempt, good or bad; lockout is counted from here."""

    __tablename__ = "auth_log"
    id: int | None = Field(default=None, primary_key=True)
    ts: int
    login: str = Field(index=True)
    outcome: str
    purpose: str = ""


class Signature(SQLModel, table=True):
    """An electronic signature (21 CFR 11.50): who, when (UTC), meaning, what was signed."""

    id: int | None = Field(default=None, primary_key=True)
    ts: int
    login: str
    printed_name: str
    role: str
    meaning: str
    targets: str
    target_hash: str
    comment: str = ""
