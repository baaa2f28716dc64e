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

# Rollup levels maintained while ingesting: (table name, bucket width in ms).
ROLLUP_LEVELS: tuple[tuple[str, int], ...] = (
    ("rollup_30s", 30_000),
    ("rollup_5m", 300_000),
    ("rollup_1h", 3_600_000),
    ("rollup_1d", 86_400_000),
)


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
