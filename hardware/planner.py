"""The read planner: which Modbus transactions read a device's points. Pure, no I/O.

Bus time is the limit on RS-485 (~24 ms per transaction at 9600 baud), so adjacent and
near points of one function are merged into one read, up to the spec's limits: 125
registers (FC 03/04) or 2000 bits (FC 01/02) per request. Registers in a gap are read
and thrown away; `max_gap` bounds how many, since some devices answer an exception for
addresses they do not have (the source then plans that device again with no gaps).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

FUNCTIONS = {"coil": 1, "discrete": 2, "holding": 3, "input": 4}
MAX_COUNT = {1: 2000, 2: 2000, 3: 125, 4: 125}


@dataclass(frozen=True, slots=True)
class Span:
    """One value's place on the device: function code, first address, how many."""

    function: int
    address: int
    count: int
    key: Hashable = None


@dataclass(frozen=True, slots=True)
class ReadBlock:
    function: int
    start: int
    count: int
    spans: tuple[Span, ...]

    @property
    def end(self) -> int:
        return self.start + self.count


def plan_reads(spans: Iterable[Span], max_gap: int = 0,
               max_count: dict[int, int] | None = None) -> list[ReadBlock]:
    """Merge spans into as few reads as `max_gap` allows, each within the count limit.

    Spans are grouped by function and swept by address; a span joins the open block when
    the hole before it is at most `max_gap` and the block stays within the limit.
    Greedy from the lowest address gives the fewest blocks for these constraints.
    Overlapping spans (two points on one register) share the read.
    """
    limits = dict(MAX_COUNT)
    if max_count:
        limits.update(max_count)
    blocks: list[ReadBlock] = []
    ordered = sorted(spans, key=lambda s: (s.function, s.address, s.count))
    cur: list[Span] = []
    fn = start = end = 0
    for s in ordered:
        limit = limits.get(s.function, 125)
        if s.count < 1 or s.count > limit or s.address < 0 or s.address + s.count > 65536:
            raise ValueError(f"span {s} does not fit a single Modbus read (limit {limit})")
        if cur and s.function == fn and s.address - end <= max_gap \
                and max(end, s.address + s.count) - start <= limit:
            cur.append(s)
            end = max(end, s.address + s.count)
            continue
        if cur:
            blocks.append(ReadBlock(fn, start, end - start, tuple(cur)))
        cur, fn, start, end = [s], s.function, s.address, s.address + s.count
    if cur:
        blocks.append(ReadBlock(fn, start, end - start, tuple(cur)))
    return blocks


def minimum_reads(spans: Iterable[Span]) -> int:
    """The fewest transactions the spec allows for these spans (any gap may be read)."""
    return len(plan_reads(spans, max_gap=1 << 17))
