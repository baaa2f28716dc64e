"""The open incidents of every sector, kept current from the record cheaply.

`sectors.api.incidents.derive` needs every event of the incident kinds, which grows with
the plant's age (15,000 such rows: ~170 ms to read and derive). Only the rows of
incidents still open can matter to what opens or closes next (a closing event or a step
for an incident that is over changes nothing), so after one full read the feed keeps
just those rows and reads only events newer than the last one it saw (by id, within a
look-back on `ts`, since events are indexed by time). Events written long after their
timestamp (held through a record outage) are caught by a full read every
`FULL_EVERY_MS`. Qt-free; used on one worker thread only.
"""

from __future__ import annotations

import time

from deungdae.records.store import EventRow, Store
from deungdae.sectors.api.incidents import Incident, derive
from deungdae.sectors.api.kinds import KindRegistry

LOOK_BACK_MS = 3_600_000  # an event recorded up to an hour after its timestamp: seen
FULL_EVERY_MS = 600_000
LIMIT = 10_000_000


def _rows_of(inc: Incident) -> list[EventRow]:
    return [inc.opened, *inc.acks, *inc.actions, *inc.verifications]


class IncidentFeed:
    def __init__(self, kinds: KindRegistry, monotonic=time.monotonic) -> None:
        self.kinds = kinds
        self.wanted = kinds.incident_kinds()
        self._monotonic = monotonic
        self._kept: list[EventRow] = []
        self._last_id = -1
        self._last_ts: int | None = None
        self._full_at: float | None = None
        self.full_reads = 0

    def load(self, store: Store, full: bool = False) -> list[Incident]:
        """The open incidents now, oldest first (a full read when due or asked)."""
        now = self._monotonic()
        if full or self._full_at is None or (now - self._full_at) * 1000 >= FULL_EVERY_MS:
            rows = store.events(kinds=self.wanted, limit=LIMIT)
            self._full_at = now
            self.full_reads += 1
        else:
            t0 = None if self._last_ts is None else self._last_ts - LOOK_BACK_MS
            new = [r for r in store.events(t0=t0, kinds=self.wanted, limit=LIMIT)
                   if r.id > self._last_id]
            rows = sorted(self._kept + new, key=lambda r: (r.ts, r.id))
        if rows:
            self._last_id = max(self._last_id, max(r.id for r in rows))
            self._last_ts = max(self._last_ts or rows[-1].ts, rows[-1].ts)
        open_ = [i for i in derive(rows, self.kinds) if i.is_open]
        self._kept = sorted((r for i in open_ for r in _rows_of(i)),
                            key=lambda r: (r.ts, r.id))
        return open_
