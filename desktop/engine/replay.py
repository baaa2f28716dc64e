"""Where a simulated run (`--speed`) starts, so that it never writes the future.

A simulated run replays plant time faster than real time. Started at "now" it would stamp
readings hours or days ahead, which the window later shows as today's and a report counts
in a day that has not come. So it starts in the past (the `--for` span before now, or a
day when it runs on), never before what the record already holds, and its clock stops at
the wall clock (`ScaledClock(never_ahead=True)`): from there it records in real time.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from deungdae.hardware.clock import ScaledClock
from deungdae.records.errors import StoreError
from deungdae.records.store import Store

DEFAULT_HISTORY_S = 86_400  # without --for: a day of history, then live


@dataclass(frozen=True)
class Replay:
    clock: ScaledClock
    start_ms: int
    caught_up: bool  # the record already reaches now: there is no past left to replay


def replay_clock(db: Path, speed: float, seconds: float | None,
                 now_ms: int | None = None) -> Replay:
    now = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    span = DEFAULT_HISTORY_S if seconds is None else seconds
    start = now - int(span * 1000)
    last = _last_recorded(db)
    if last is not None:
        start = max(start, last + 1000)
    start = min(start, now)
    return Replay(ScaledClock(speed, start_ms=start, never_ahead=True), start,
                  caught_up=now - start < 1000)


def _last_recorded(db: Path) -> int | None:
    if not db.exists():
        return None
    try:
        with Store.open_reader(db) as store:
            return store.last_time()
    except (StoreError, sqlite3.Error):
        return None  # the engine opens it next and says what is wrong
