"""The local SQLite record: schema, append-only store, rollups, migrations. No Qt, no devices.

The store's names are loaded on first use (PEP 562): `records.chain` or `records.keys`
alone (what `deungdae sync` needs) then does not pay for SQLAlchemy and SQLModel.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from records.errors import AlreadyRunning, DiskFull, StoreError, StoreUnavailable
    from records.store import AppendResult, Bucket, NewEvent, Store

_WHERE = {
    "AlreadyRunning": "records.errors", "DiskFull": "records.errors",
    "StoreError": "records.errors", "StoreUnavailable": "records.errors",
    "AppendResult": "records.store", "Bucket": "records.store", "NewEvent": "records.store",
    "Store": "records.store",
}

__all__ = ["AlreadyRunning", "AppendResult", "Bucket", "DiskFull", "NewEvent", "Store",
           "StoreError", "StoreUnavailable"]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'records' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
