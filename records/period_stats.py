"""Exact figures of a local period, per channel: count, min, max, sum, mean, bad rows.

Reports print these for a local day, shift or month, and an inspector may check them with
a query over the raw readings of exactly that period. The rollups (`layout.ROLLUP_LEVELS`)
are aligned to UTC: a Seoul day runs from 15:00 UTC to 15:00 UTC, so the 1 d bucket of a
UTC day holds readings of two local days, and reading it whole printed the neighbouring
day's minimum and a count of 1.7 days. Here a rollup bucket is used only where it lies
wholly inside [t0, t1): the coarsest level first (1 d buckets of UTC days inside the
period), then 1 h, 5 min and 30 s buckets for what is left at the edges, and raw rows for
the part finer than 30 s. That is correct for any zone offset (+5:30, +5:45, DST days of
23 or 25 hours) and reads a few hundred rollup rows for a month.

Rollups hold the blocks the writer has already rolled up (`meta.rollups_through_block`);
blocks written after that (the writer's last seconds, or every block after a crash until
the next open) are read raw over their time span. Everything is read in one read
transaction on a reader connection, so rollups, their marker and raw rows are one state of
the record. `verify` recomputes every rollup bucket from the sealed readings, so figures
from rollups are as trustworthy as the chain statement every report prints.

Values with a bad quality flag (`layout.BAD_QUALITY`) or no value are left out of count,
min, max and mean, as the rollups leave them out; `n_bad` counts those rows. Rollups do
not count them, so every row of the period is counted by key (no value decoded, one pass
over the period's rows of the channels asked for) and the good ones are subtracted; pass
`bad_rows=False` when only the good figures are needed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from deungdae.records.errors import StoreError
from deungdae.records.layout import BAD_QUALITY, ROLLUP_LEVELS
from deungdae.records.store import Store

# Beyond this many unrolled spans they are merged into one (a crashed writer's backlog).
_MAX_DIRTY_SPANS = 64


@dataclass(frozen=True, slots=True)
class ChannelStats:
    """Figures of one channel over [t0, t1). `n` counts good values only."""

    n: int = 0
    vmin: float | None = None
    vmax: float | None = None
    vsum: float = 0.0
    n_bad: int | None = None  # rows with a bad quality flag or no value (None: not counted)

    @property
    def mean(self) -> float | None:
        return self.vsum / self.n if self.n else None

    @property
    def n_rows(self) -> int | None:
        """Every reading row of the period (good and bad), when `n_bad` was counted."""
        return None if self.n_bad is None else self.n + self.n_bad


class _Acc:
    __slots__ = ("n", "vmin", "vmax", "vsum")

    def __init__(self) -> None:
        self.n = 0
        self.vmin: float | None = None
        self.vmax: float | None = None
        self.vsum = 0.0

    def add(self, vmin: float | None, vmax: float | None, vsum: float | None, n: int) -> None:
        if not n:
            return
        self.n += n
        self.vsum += vsum or 0.0
        if self.vmin is None or vmin < self.vmin:
            self.vmin = vmin
        if self.vmax is None or vmax > self.vmax:
            self.vmax = vmax


def plan(t0: int, t1: int, levels: Sequence[tuple[str, int]] = ROLLUP_LEVELS
         ) -> list[tuple[str | None, int, int]]:
    """How [t0, t1) is read: (rollup table, or None for raw rows; lo; hi) pieces.

    For a rollup piece lo and hi are bucket numbers (hi exclusive) whose buckets lie wholly
    inside [t0, t1); for a raw piece they are times in ms. The pieces cover [t0, t1)
    exactly once, coarsest level first.
    """
    out: list[tuple[str | None, int, int]] = []

    def split(lo: int, hi: int, i: int) -> None:
        if lo >= hi:
            return
        if i < 0:
            out.append((None, lo, hi))
            return
        name, width = levels[i]
        b_lo, b_hi = -(-lo // width), hi // width  # first whole bucket, end of the last
        if b_lo >= b_hi:
            split(lo, hi, i - 1)
            return
        out.append((name, b_lo, b_hi))
        split(lo, b_lo * width, i - 1)
        split(b_hi * width, hi, i - 1)

    split(t0, t1, len(levels) - 1)
    return out


@contextlib.contextmanager
def _snapshot(store: Store) -> Iterator[Store]:
    """A connection in one read transaction: rollups, their marker and raw rows agree.

    A writer's own connection is never used: a read transaction held there would make the
    writer's next append fail. Its pending rollups are flushed, then a reader is opened.
    """
    own = None
    if not store.readonly:
        store.flush_rollups()
        own = store = Store.open_reader(store.path)
    try:
        try:
            store.query("BEGIN")
            began = True
        except StoreError:  # another thread of this reader is inside one: read in it
            began = False
        try:
            yield store
        finally:
            if began:
                with contextlib.suppress(StoreError):
                    store.query("COMMIT")
    finally:
        if own is not None:
            own.close()


def _dirty_spans(store: Store, chs: Sequence[int], t0: int, t1: int) -> list[tuple[int, int]]:
    """Time spans [lo, hi) of the period holding readings not rolled up yet."""
    row = store.query("SELECT value FROM meta WHERE key = 'rollups_through_block'")
    try:
        done = int(row[0][0]) if row else 0
    except (TypeError, ValueError):
        done = 0  # a damaged marker: trust no rollup (verify reports the marker)
    spans = sorted(
        (max(a, t0), min(b + 1, t1)) for a, b in store.query(
            "SELECT ts_lo, ts_hi FROM ingest_block WHERE id > ? AND ts_hi >= ? AND ts_lo < ? "
            "AND ch_hi >= ? AND ch_lo <= ?", (done, t0, t1, min(chs), max(chs))))
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if len(merged) > _MAX_DIRTY_SPANS:
        merged = [[merged[0][0], max(b for _a, b in merged)]]
    return [(a, b) for a, b in merged]


def _split_clean(t0: int, t1: int, dirty: Sequence[tuple[int, int]]
                 ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """[t0, t1) as the spans rollups may serve and the spans that must be read raw."""
    clean, raw = [], []
    at = t0
    for a, b in dirty:
        if a > at:
            clean.append((at, a))
        raw.append((a, b))
        at = max(at, b)
    if at < t1:
        clean.append((at, t1))
    return clean, raw


def period_stats(store: Store, channels: Sequence[int], t0: int, t1: int, *,
                 bad_rows: bool = True) -> dict[int, ChannelStats]:
    """Exact figures of each channel id over [t0, t1) (UTC ms; t1 exclusive)."""
    chs = sorted({int(c) for c in channels})
    if not chs or t1 <= t0:
        return {c: ChannelStats(n_bad=0 if bad_rows else None) for c in chs}
    acc = {c: _Acc() for c in chs}
    in_chs = f"ch IN ({','.join(str(c) for c in chs)})"  # one seek per channel
    bad: dict[int, int] = {}
    with _snapshot(store) as con:
        clean, raw = _split_clean(t0, t1, _dirty_spans(con, chs, t0, t1))
        for lo, hi in clean:
            for level, a, b in plan(lo, hi):
                if level is None:
                    raw.append((a, b))
                    continue
                for ch, vmin, vmax, vsum, n in con.query(
                        f"SELECT ch, min(vmin), max(vmax), sum(vsum), sum(n) FROM {level} "
                        f"WHERE {in_chs} AND b >= ? AND b < ? GROUP BY ch", (a, b)):
                    acc[ch].add(vmin, vmax, vsum, n)
        for lo, hi in raw:
            for ch, vmin, vmax, vsum, n in con.query(
                    "SELECT ch, min(v), max(v), sum(v), count(*) FROM reading "
                    f"WHERE {in_chs} AND ts >= ? AND ts < ? AND v IS NOT NULL "
                    "AND (q & ?) = 0 GROUP BY ch", (lo, hi, BAD_QUALITY)):
                acc[ch].add(vmin, vmax, vsum, n)
        if bad_rows:
            # one plain count per channel: a third faster than one GROUP BY over all
            bad = {c: con.query("SELECT count(*) FROM reading WHERE ch = ? AND ts >= ? "
                                "AND ts < ?", (c, t0, t1))[0][0] - acc[c].n for c in chs}
    return {c: ChannelStats(a.n, a.vmin, a.vmax, a.vsum, bad.get(c) if bad_rows else None)
            for c, a in acc.items()}
