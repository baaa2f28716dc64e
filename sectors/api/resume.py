"""Conditions carried over a restart: what a rule learns from the record before it starts.

A rule keeps its conditions in memory (an alarm that is on, a CCP beyond its limit, a
sensor gone quiet). Without this, a logger restarted in the middle of one (a power cut
is exactly when a cold room warms up) forgets it: it raises the same condition again as
if it had just begun, the first one never ends in the record, and the duration and worst
value the record gives for it are those of the second half alone.

A rule that names the event kinds it raises and ends in `resumes` gets, once, before
`start`, a `Resume`: those events from the record, oldest first, and a way to ask the
record for a channel's extreme since a time, its last good reading and its readings since
a time (to rebuild a batch or a shift under way by feeding them again). It takes up the
conditions still open (`Resume.still_open` finds them, trusting only rows whose seal
holds) and carries on as if it had never stopped: no second opening event, and the
ending event measures from the first one. The time the logger was stopped is silence
like any other: a channel watched for silence counts it from its last good reading in
the record, not from the restart, so a gap in the record is never without its `lost`
event. `resume` may return events (an alarm whose limit left the file while stopped ends).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from deungdae.hardware.reading import Reading

#: (channel key, since ms, highest?) -> the highest (or lowest) good value the record
#: holds for the channel from `since` on, or None when it holds none
Extreme = Callable[[str, int, bool], "float | None"]
#: channel key -> the time of its last good reading in the record, or None
LastGood = Callable[[str], "int | None"]
#: (channel key, since ms) -> its good (ts, value) readings from `since` up to now, oldest
#: first
GoodReadings = Callable[[str, int], "Sequence[tuple[int, float]]"]


def _unknown(_key: str) -> None:
    return None


def _nothing(_key: str, _since: int) -> list[tuple[int, float]]:
    return []


def _trusted(_row: Any) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Resume:
    """What the record says, at this start, of the conditions a rule raised before."""

    now_ms: int
    events: Sequence[Any]  # event rows of the rule's `resumes` kinds, oldest first
    extreme: Extreme
    last_good: LastGood = _unknown
    readings: GoodReadings = _nothing
    sealed: Callable[[Any], bool] = _trusted  # does the row's seal hold (the writer's key)

    def still_open(self, opens: str, ends: str,
                   key: Callable[[Any], Hashable | None]) -> dict[Hashable, Any]:
        """`still_open` of these events, trusting only rows whose seal holds."""
        return still_open(self.events, opens, ends, key, self.sealed)

    def worst(self, channel: str, since_ms: int, highest: bool, seen: float | None) -> float | None:
        """The worst value from `since_ms` on: the record's extreme or `seen`, whichever
        is worse (`seen` is what the opening event noted)."""
        got = self.extreme(channel, since_ms, highest)
        if got is None:
            return seen
        if seen is None:
            return got
        return max(got, seen) if highest else min(got, seen)


def feed_again(series: Sequence[tuple[int, str, float]], feed: Callable[[list], Any],
               entries: Sequence[tuple[int, Any]] = (),
               on_entry: Callable[[Any], Any] | None = None) -> None:
    """Feed (ts, channel, value) rows, sorted by time, to `feed` one instant at a time, as
    the engine did live, with `entries` (ts, event) given to `on_entry` at their time;
    what comes back is dropped (it is in the record)."""
    k, batch = 0, []
    for ts, ch, v in series:
        if batch and batch[0].ts != ts:
            feed(batch)
            batch = []
        while on_entry is not None and k < len(entries) and entries[k][0] <= ts:
            if batch:
                feed(batch)
                batch = []
            on_entry(entries[k][1])
            k += 1
        batch.append(Reading(ch, ts, v, 0))  # a plain int: IntFlag & costs 10x
    if batch:
        feed(batch)
    for _ts, ev in entries[k:] if on_entry is not None else ():
        on_entry(ev)


def data_of(ev: Any) -> dict:
    """An event row's data as a dict (an empty one for anything else)."""
    data = getattr(ev, "data", None)
    return data if isinstance(data, dict) else {}


def still_open(events: Iterable[Any], opens: str, ends: str,
               key: Callable[[Any], Hashable | None],
               sealed: Callable[[Any], bool] = _trusted) -> dict[Hashable, Any]:
    """Per condition `key(ev)`, its latest `opens` event with no `ends` event after it.

    `events` in record order; an event whose key is None is not about a condition. Only
    rows `sealed` vouches for count, and only the few that decide are checked (the last
    opening row of each condition and the ending rows after it): a row put in behind the
    record's back can neither make a rule take up a condition that is not there (and
    swallow a real one into it) nor end one that is.
    """
    last: dict[Hashable, Any] = {}
    after: dict[Hashable, list] = {}
    for ev in events:
        kind = getattr(ev, "kind", None)
        if kind not in (opens, ends):
            continue
        k = key(ev)
        if k is None:
            continue
        if kind == opens:
            last[k], after[k] = ev, []
        elif k in last:
            after[k].append(ev)
    return {k: ev for k, ev in last.items()
            if sealed(ev) and not any(sealed(c) for c in after[k])}


def number(v: object) -> float | None:
    """`v` as a float if it is a plain finite number (a record row may hold anything)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    f = float(v)
    return f if f == f and f not in (float("inf"), float("-inf")) else None


def whole(v: object) -> int | None:
    """`v` as an int time stamp if it is a plain integer."""
    return v if isinstance(v, int) and not isinstance(v, bool) else None
