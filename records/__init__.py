"""The local SQLite record: schema, append-only store, rollups, migrations. No Qt, no devices.

The store's names are loaded on first use (PEP 562): `records.chain` or `records.keys`
alone (what `deungdae sync` needs) then does not pay for SQLAlchemy and SQLModel.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deungdae.records.errors import AlreadyRunning, DiskFull, StoreError, StoreUnavailable
    from deungdae.records.store import AppendResult, Bucket, NewEvent, Store

_WHERE = {
    "AlreadyRunning": "deungdae.records.errors", "DiskFull": "deungdae.records.errors",
    "StoreError": "deungdae.records.errors", "StoreUnavailable": "deungdae.records.errors",
    "AppendResult": "deungdae.records.store", "Bucket": "deungdae.records.store", "NewEvent": "deungdae.records.store",
    "Store": "deungdae.records.store",
}

__all__ = ["AlreadyRunning", "AppendResult", "Bucket", "DiskFull", "NewEvent", "Store",
           "StoreError", "StoreUnavailable"]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'records' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
