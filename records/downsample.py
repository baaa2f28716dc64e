"""Which level a downsampled chart query reads, and how its buckets are laid out.

Pure arithmetic, no database: the desktop (`records.store.Store.downsample`) and the
central platform (`central.queries`) both plan their queries here, so a chart of the
same data over the same range gives the same buckets on either side.

A query over [t0, t1) asking for at most `max_points` buckets reads the finest source
(raw readings, or one of `records.schema.ROLLUP_LEVELS`) that needs no more than
`ROWS_PER_POINT` rows per returned point, so its cost is bounded whatever the range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from deungdae.records.schema import ROLLUP_LEVELS

# A downsampled query may read up to this many rows per returned point before it moves
# to the next coarser rollup level.
ROWS_PER_POINT = 8


@dataclass(frozen=True, slots=True)
class Plan:
    """Where to read and how to bucket.

    Raw (`level is None`): bucket k holds readings with `(ts - base) // width == k`.
    Rollup: bucket k holds rollup rows with `(b * level_width - base) // width == k`,
    for `b_lo <= b < b_hi`. A bucket's timestamp is `base + k * width` in both cases.
    """

    level: str | None
    level_width: int
    base: int
    width: int
    b_lo: int = 0
    b_hi: int = 0


def estimate_range(t0: int, t1: int) -> tuple[str, int, int]:
    """(table, b_lo, b_hi): the coarsest rollup rows whose `sum(n)` estimates the raw count."""
    name, width = ROLLUP_LEVELS[-1]
    return name, t0 // width, -(-t1 // width)


def plan(t0: int, t1: int, max_points: int, raw_estimate: int) -> Plan | None:
    """The plan for at most `max_points` buckets over [t0, t1), or None for an empty answer.

    `raw_estimate` is the number of readings the range holds (from `estimate_range`).
    """
    if t1 <= t0 or max_points < 1:
        return None
    span = t1 - t0
    budget = max_points * ROWS_PER_POINT
    level: tuple[str, int] | None = None
    if raw_estimate > budget:
        for name, width in ROLLUP_LEVELS:
            level = (name, width)
            if min(raw_estimate, span // width + 1) <= budget:
                break
    if level is None:
        return Plan(None, 0, t0, max(1, math.ceil(span / max_points)))
    name, lw = level
    base = (t0 // lw) * lw
    width = max(lw, math.ceil((t1 - base) / max_points / lw) * lw)
    return Plan(name, lw, base, width, t0 // lw, -(-t1 // lw))
