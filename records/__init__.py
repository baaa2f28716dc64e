"""The local SQLite record: schema, append-only store, rollups, migrations. No Qt, no devices."""

from records.errors import AlreadyRunning, DiskFull, StoreError, StoreUnavailable
from records.store import AppendResult, Bucket, NewEvent, Store

__all__ = [
    "AlreadyRunning",
    "AppendResult",
    "Bucket",
    "DiskFull",
    "NewEvent",
    "Store",
    "StoreError",
    "StoreUnavailable",
]
