"""Tables of the central platform (SQLModel), on their own metadata.

The desktop's tables (`records.schema`) live on `SQLModel.metadata` and share some names
(`channel`, `reading`, `ledger`), so central's are declared on a separate registry.
Every plant's data is keyed by `plant_id` first: one plant's rows are one contiguous
range of each clustered table, and no query can wander into another plant's rows.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, LargeBinary
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from deungdae.records.schema import ROLLUP_LEVELS

SCHEMA_VERSION = 1
_NO_ROWID = {"sqlite_with_rowid": False}


def big(**kw):
    """A 64-bit integer column (PostgreSQL's INTEGER is 32-bit; times are ms)."""
    return Field(sa_type=BigInteger, **kw)


class CentralModel(SQLModel, registry=registry()):
    """Base of central's tables (`CentralModel.metadata.create_all` creates them)."""


class Meta(CentralModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class Plant(CentralModel, table=True):
    """One registered plant and where its copy of the plant's chain stands."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    key_id: str | None = None
    chain_key: str | None = None  # hex of the escrowed record key
    token_hash: str | None = Field(default=None, index=True)
    stored_seq: int = big(default=0)
    head_mac: bytes = Field(default=bytes(32), sa_column=Column(LargeBinary, nullable=False))
    chain_ok: bool = True
    problem_count: int = big(default=0)
    last_seen: int | None = big(default=None)
    clock_offset_ms: int | None = big(default=None)
    client_version: str = ""
    created_at: int = big()


class RegCode(CentralModel, table=True):
    """A one-time registration code (hashed), for a new plant or a token rotation."""

    __tablename__ = "reg_code"
    code_hash: str = Field(primary_key=True)
    plant_id: int = big(index=True)
    created_at: int = big()
    used_at: int | None = big(default=None)


class OperatorToken(CentralModel, table=True):
    __tablename__ = "operator_token"
    token_hash: str = Field(primary_key=True)
    created_at: int = big()


class ChainProblem(CentralModel, table=True):
    """What was found wrong in a plant's chain, in words (first `MAX_PROBLEMS` kept)."""

    __tablename__ = "chain_problem"
    __table_args__ = _NO_ROWID
    plant_id: int = big(primary_key=True)
    n: int = big(primary_key=True)
    seq: int | None = big(default=None)
    text: str


class LedgerEntry(CentralModel, table=True):
    __tablename__ = "ledger"
    __table_args__ = _NO_ROWID
    plant_id: int = big(primary_key=True)
    seq: int = big(primary_key=True)
    tbl: str
    row_id: int = big()
    rmac: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    mac: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Block(CentralModel, table=True):
    """An ingest block's header as sealed (`wire.BLOCK_COLUMNS`)."""

    __tablename__ = "block"
    __table_args__ = _NO_ROWID
    plant_id: int = big(primary_key=True)
    id: int = big(primary_key=True)
    created_at: int = big()
    n: int = big()
    ch_lo: int = big()
    ch_hi: int = big()
    ts_lo: int = big()
    ts_hi: int = big()
    user: str


class Reading(CentralModel, table=True):
    __tablename__ = "reading"
    __table_args__ = _NO_ROWID
    plant_id: int = big(primary_key=True)
    ch: int = big(primary_key=True)
    ts: int = big(primary_key=True)
    v: float | None = None
    q: int = big()
    blk: int = big()


class Channel(CentralModel, table=True):
    __tablename__ = "channel"
    __table_args__ = _NO_ROWID
    plant_id: int = big(primary_key=True)
    id: int = big(primary_key=True)
    key: str
    name: str = ""
    unit: str = ""
    device_key: str = ""


class RecordRow(CentralModel, table=True):
    """A row of a row-sealed table, `cols` = its JSON array exactly as received."""

    __tablename__ = "record_row"
    __table_args__ = (
        Index("ix_record_row_ts", "plant_id", "tbl", "ts"),
        Index("ix_record_row_kind", "plant_id", "kind", "ts"),
        Index("ix_record_row_ref", "plant_id", "ref_id"),
        _NO_ROWID,
    )
    plant_id: int = big(primary_key=True)
    tbl: str = Field(primary_key=True)
    row_id: int = big(primary_key=True)
    seq: int = big()
    ts: int | None = big(default=None)
    kind: str | None = None
    channel: str | None = None
    ref_id: int | None = big(default=None)
    cols: str


def _rollup_table(name: str) -> type[CentralModel]:
    return type(name, (CentralModel,), {
        "__tablename__": name,
        "__table_args__": _NO_ROWID,
        "__annotations__": {"plant_id": int, "ch": int, "b": int, "vmin": float,
                            "vmax": float, "vsum": float, "n": int},
        "plant_id": big(primary_key=True),
        "ch": big(primary_key=True),
        "b": big(primary_key=True),
        "n": big(),
    }, table=True)


ROLLUP_TABLES = {name: _rollup_table(name) for name, _w in ROLLUP_LEVELS}


class ForkReport(CentralModel, table=True):
    """A fork seen in a plant's stream: reported by its client (`POST /fork-report`) or
    found by the platform (a batch refused with "fork:"). Open until a repair resolves it;
    the same fork seen again counts `times` up instead of adding rows."""

    __tablename__ = "fork_report"
    __table_args__ = (Index("ix_fork_report_open", "plant_id", "resolved_at"),)
    id: int | None = Field(default=None, primary_key=True)
    plant_id: int = big()
    source: str  # "client" or "platform"
    first_at: int = big()
    last_at: int = big()
    times: int = big(default=1)
    local_seq: int | None = big(default=None)
    local_mac: str | None = None
    platform_seq: int = big()
    first_differing: int | None = big(default=None)
    detail: str = ""
    resolved_at: int | None = big(default=None)
    resolved_by: str | None = None


class RepairLog(CentralModel, table=True):
    """An operator's repair of a plant's stream: the tail after `from_seq` discarded."""

    __tablename__ = "repair_log"
    id: int | None = Field(default=None, primary_key=True)
    plant_id: int = big(index=True)
    at: int = big()
    done_by: str
    reason: str
    from_seq: int = big()
    old_seq: int = big()
    entries: int = big()
    readings: int = big()
