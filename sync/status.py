"""What the window and `deungdae sync status` show about sync, read cheaply and offline.

`read_status(data_dir)` reads `sync.db` and counts the backlog from the local record's
ledger (an index range past the last acknowledged position, plus the block headers for
readings): no network, no lock, a few milliseconds even on a record of many millions of
readings, so the GUI may call it every few seconds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from deungdae.sync import state
from deungdae.sync.outbox import backlog, open_record
from deungdae.sync.service import clock_warning

# A "sending" state whose heartbeat is older than this was left by a process that died.
_STALE_MS = 5 * 60 * 1000

STATES = ("not set up", "idle", "sending", "offline", "error")


@dataclass(slots=True)
class SyncStatus:
    configured: bool
    url: str = ""
    plant_name: str = ""
    plant_id: int | None = None
    state: str = "not set up"  # one of STATES
    backlog_entries: int = 0
    backlog_readings: int = 0
    backlog_by_table: dict[str, int] = field(default_factory=dict)
    acked_seq: int = 0
    last_success_ms: int | None = None
    last_error: str | None = None
    clock_offset_ms: int | None = None
    clock_warning: str | None = None


def read_status(data_dir: Path, db_path: Path | None = None) -> SyncStatus:
    """The sync status of `data_dir` (never raises for a missing or busy file)."""
    data_dir = Path(data_dir)
    try:
        st = state.load(data_dir)
    except sqlite3.Error as exc:
        return SyncStatus(configured=True, state="error",
                          last_error=f"cannot read the sync state: {exc}")
    if st is None:
        return SyncStatus(configured=False)
    kind = st.state if st.state in STATES else "idle"
    if kind == "sending" and (st.heartbeat_ms is None or
                              state.now_ms() - st.heartbeat_ms > _STALE_MS):
        kind = "idle"
    out = SyncStatus(configured=True, url=st.url, plant_name=st.plant_name,
                     plant_id=st.plant_id, state=kind, acked_seq=st.acked_seq,
                     last_success_ms=st.last_success_ms, last_error=st.last_error,
                     clock_offset_ms=st.clock_offset_ms,
                     clock_warning=clock_warning(st.clock_offset_ms))
    db_path = Path(db_path) if db_path else data_dir / state.RECORD_NAME
    if db_path.exists():
        try:
            con = open_record(db_path)
            try:
                per, readings = backlog(con, st.acked_seq)
            finally:
                con.close()
            out.backlog_by_table = per
            out.backlog_entries = sum(per.values())
            out.backlog_readings = readings
        except sqlite3.Error as exc:
            out.last_error = out.last_error or f"cannot read the local record: {exc}"
    return out
