"""The sync wire format, shared by the desktop (`sync`) and the central platform (`central`).

One ordered stream per plant: the record's hash chain. Every ledger entry travels with the
row it seals, so the platform (which holds the plant's chain key, escrowed once at
registration) recomputes each entry's seal and link exactly as `deungdae verify` does and
keeps the chain head. A batch is keyed by (plant, seq): sending a batch twice changes
nothing, and the platform answers only after its transaction committed.

Readings travel inside their ingest block, as the exact bytes the block was sealed over
(`records.chain.pack_rows` rows in (ch, ts) order, base64): no float is re-rounded on the
way and the platform checks the block digest directly over what it received.

Protocol (all under `API_PREFIX`, JSON; `POST /ingest` bodies may be gzip'd with
`Content-Encoding: gzip`):

    POST /register     RegisterRequest -> RegisterResponse    (no token; one-time code)
    GET  /position     -> Position                             (Bearer token)
    POST /ingest       Batch -> Ack                            (Bearer token)
    POST /fork-report  ForkReport -> ForkAck                   (Bearer token)

A client that finds the platform's copy differs from its record (a fork) stops sending
and reports what it sees (`ForkReport`), so the operator sees it in `plant list` and the
cluster view; `deungdae-central plant repair` discards a rejected tail on the platform.

A client starts every sync session with `GET /position` and sends from `stored_seq + 1`:
the platform is the truth about what it has, so a client crash at any instant leads to a
resend, never a gap. A batch must start at `stored_seq + 1` or overlap what is stored:
entries already stored with the same MAC are duplicates and skipped; a different MAC at
a stored position is a fork (409, nothing stored); a batch starting past
`stored_seq + 1` is a gap (409 with the expected position).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from deungdae.records import layout

API_PREFIX = "/api/v1"
PROTOCOL = 1

# Limits the platform enforces (and the client respects when it cuts batches).
MAX_BODY_BYTES = 16 * 1024 * 1024          # compressed request body
MAX_INFLATED_BYTES = 64 * 1024 * 1024      # after gunzip
MAX_ENTRIES = 50_000                       # ledger entries per batch
MAX_BLOCK_ROWS = 100_000                   # readings in one ingest block
MAX_CHANNELS = 10_000
READING_BYTES = 32                         # <q ch, <q ts, <d v, <q q

# Columns of the core row-sealed tables, in the order `SELECT *` returns them on the desktop
# (the order their digest is computed over): taken from `records.layout`, the one source.
ROW_COLUMNS: dict[str, tuple[str, ...]] = {
    name: t.column_names for name, t in layout.row_tables().items() if t.owner == "core"}
# The ingest block header as sealed (`records.chain.BLOCK_HEADER`).
BLOCK_COLUMNS: tuple[str, ...] = ("id", "created_at", "n", "ch_lo", "ch_hi", "ts_lo", "ts_hi",
                                  "user")
TABLES: tuple[str, ...] = ("ingest_block", *ROW_COLUMNS)
# A sector's tables are not listed here: they are whatever the plant declared, sealed, in
# its record (`records.declared`); the wire only checks the name's shape.
TABLE_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
TableName = Annotated[str, Field(pattern=TABLE_PATTERN, max_length=63)]


def columns_of(tbl: str, declared: dict[str, layout.Table] | None = None
               ) -> tuple[str, ...] | None:
    """The sealed column order of `tbl`: a core table's, or a declared sector table's."""
    if tbl == "ingest_block":
        return BLOCK_COLUMNS
    if tbl in ROW_COLUMNS:
        return ROW_COLUMNS[tbl]
    t = (declared or {}).get(tbl)
    return t.column_names if t is not None else None

Hex32 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="32 bytes, lower-case hex")]
Seq = Annotated[int, Field(ge=1, le=2**62)]
Ms = Annotated[int, Field(ge=0, le=2**53, description="UTC milliseconds since 1970")]
Scalar = int | float | str | None


class _Strict(BaseModel):
    """Unknown fields are refused and no type is coerced: `seq: "12"` or `seq: true` is a
    422, not 12 or 1 (a number that changes type on the way is a number nobody checked)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class RegisterRequest(_Strict):
    code: Annotated[str, Field(min_length=8, max_length=64)]
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{8,64}$")]
    chain_key: Hex32 = Field(description="the plant's record key, escrowed so the platform "
                                         "can check every seal it receives")
    client_version: Annotated[str, Field(max_length=64)] = ""


class RegisterResponse(_Strict):
    plant_id: int
    plant_name: str
    token: str
    server_time: Ms


class Position(_Strict):
    """Where the platform's copy of this plant's chain stands."""

    plant_id: int
    plant_name: str
    key_id: str
    stored_seq: int = Field(description="highest ledger position durably stored; all before "
                                        "it are stored too")
    head_mac: Hex32
    chain_ok: bool
    problem: str | None = None
    server_time: Ms


class ChannelInfo(_Strict):
    id: Annotated[int, Field(ge=1, le=2**62)]
    key: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(max_length=400)] = ""
    unit: Annotated[str, Field(max_length=40)] = ""
    device_key: Annotated[str, Field(max_length=200)] = ""


class Entry(_Strict):
    """One ledger entry and the row it seals."""

    seq: Seq
    tbl: TableName = Field(description="ingest_block, a core row table (ROW_COLUMNS) or a "
                                       "sector table the plant declared in its record")
    row_id: Annotated[int, Field(ge=-(2**62), le=2**62)]
    rmac: Hex32
    mac: Hex32
    row: Annotated[list[Scalar], Field(max_length=layout.MAX_COLUMNS)] = Field(
        description="the row's columns as stored (ROW_COLUMNS / BLOCK_COLUMNS / the "
                    "sealed declaration's order)")
    readings: str | None = Field(
        default=None, description="ingest_block only: base64 of its rows packed "
                                  "little-endian (ch int64, ts int64, v float64, q int64) in "
                                  "(ch, ts) order, NULL values as the canonical NaN")


class Batch(_Strict):
    protocol: Literal[1] = PROTOCOL
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{8,64}$")]
    sent_at: Ms = Field(description="client clock when sent; lets the platform see skew")
    channels: Annotated[list[ChannelInfo], Field(max_length=MAX_CHANNELS)] = Field(
        default_factory=list, description="channel ids the readings refer to (upserted)")
    entries: Annotated[list[Entry], Field(min_length=1, max_length=MAX_ENTRIES)]


class Ack(_Strict):
    """Sent only after the batch is committed: everything up to `stored_seq` is durable."""

    stored_seq: int
    head_mac: Hex32
    accepted: int = Field(description="entries newly stored by this batch")
    duplicates: int = Field(description="entries that were already stored (a resend)")
    readings: int = Field(description="readings newly stored by this batch")
    chain_ok: bool
    problem: str | None = None
    server_time: Ms
    clock_offset_ms: int = Field(description="server_time - sent_at (includes transit)")


class ErrorBody(BaseModel):
    """Every 4xx carries a `detail` a person can act on; 409s also say where to resume."""

    detail: str
    expected_seq: int | None = None



class ForkReport(_Strict):
    """What a client saw when its record and the platform's copy parted (it sends no more)."""

    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{8,64}$")]
    local_seq: Annotated[int, Field(ge=0, le=2**62)] = Field(
        description="the last entry of the plant's record")
    local_mac: Hex32
    platform_seq: Annotated[int, Field(ge=0, le=2**62)] = Field(
        description="the platform's stored_seq as the client saw it")
    platform_mac: Hex32
    first_differing: Annotated[int, Field(ge=0, le=2**62)] = Field(
        description="the first position where the two differ, as far as the client knows")
    detail: Annotated[str, Field(max_length=2000)] = ""
    sent_at: Ms


class ForkAck(_Strict):
    """The report is stored; `reports` counts this plant's unresolved ones."""

    recorded: bool
    reports: int
    server_time: Ms
