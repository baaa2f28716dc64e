"""Response bodies of central's read API (the wire models live in `sync.wire`).

Numbers that the database may hold as non-finite (an infinite reading) are sent as null,
since JSON has no infinity: the answer stays valid JSON whatever a plant recorded.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from deungdae.sync.wire import ErrorBody, Hex32, Ms

__all__ = ["ErrorBody"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Health(_Out):
    status: str
    server_time: Ms


class ChannelOut(_Out):
    id: int
    key: str
    name: str
    unit: str
    device_key: str


class BucketOut(_Out):
    ts: int = Field(description="start of the bucket (UTC ms)")
    min: float | None
    max: float | None
    avg: float | None
    n: int


class ReadingsOut(_Out):
    channel: str
    start: int
    end: int
    level: str = Field(description="what was read: `raw` or a rollup table")
    width_ms: int
    buckets: list[BucketOut]


class RawReading(_Out):
    ts: int
    v: float | None = Field(description="null: no value (as on the desktop)")
    q: int


class RawOut(_Out):
    channel: str
    rows: list[RawReading]


class EventOut(_Out):
    id: int
    ts: int
    kind: str
    severity: str | None
    channel: str | None
    device: str | None
    message: str | None
    data: str | None = Field(description="the event's JSON data text, as recorded")
    user: str | None
    ref_id: int | None
    created_at: int | None


class RecordsOut(_Out):
    table: str
    columns: list[str]
    rows: list[list[int | float | str | None]] = Field(
        description="each row's columns exactly as received (the desktop's `SELECT *`)")


class ChainOut(_Out):
    plant_id: int
    plant_name: str
    key_id: str | None
    stored_seq: int
    head_mac: Hex32
    chain_ok: bool
    problems: list[str]
    problem_count: int
    counts: dict[str, int] = Field(description="ledger entries stored per table")
    readings: int
    last_seen: int | None
    clock_offset_ms: int | None


class LatestValue(_Out):
    channel: str
    unit: str
    ts: int
    v: float | None


class OpenDeviation(_Out):
    id: int
    ts: int
    kind: str
    channel: str | None
    message: str | None


class FigurePart(_Out):
    """One input of a headline figure over the window (first/last good values seen)."""

    channel: str
    factor: float
    first: float | None
    last: float | None
    value: float | None


class FigureOut(_Out):
    """A headline figure the plant declared (`sectors.api.figures`), computed here
    generically: central knows its title and method, never what it measures."""

    key: str
    owner: str
    title_en: str
    title_ko: str
    unit: str
    method: str
    value: float | None = Field(description="null when an input had no good value")
    parts: list[FigurePart]


class PlantSummary(_Out):
    plant_id: int
    name: str
    last_seen: int | None
    stored_seq: int
    chain_ok: bool
    problem: str | None
    fork: str | None = None  # an open fork report, in one line (`central.forks`)
    fork_reports: int = 0
    latest: list[LatestValue]
    open_deviations: list[OpenDeviation]
    figures: list[FigureOut]


class ClusterOut(_Out):
    start: int
    end: int
    plants: list[PlantSummary]
