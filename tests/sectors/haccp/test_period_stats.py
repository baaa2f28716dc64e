"""`records.period_stats`: rollups only where they lie wholly inside the period.

Every figure is compared with SQL over the raw rows of exactly [t0, t1). Lives with the
HACCP report tests because the reports are what it exists for.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deungdae.records.layout import BAD_QUALITY, ROLLUP_LEVELS
from deungdae.records.period_stats import period_stats, plan
from deungdae.records.store import Store

DAY = 86_400_000
# 2026-03-27 00:00 UTC: three days across Berlin's spring DST change and a Seoul midnight
START = 1_774_569_600_000


def raw_sql(store: Store, ch: int, t0: int, t1: int) -> tuple:
    return store.query(
        "SELECT sum(v IS NOT NULL AND (q & ?4) = 0), "
        "min(CASE WHEN (q & ?4) = 0 THEN v END), max(CASE WHEN (q & ?4) = 0 THEN v END), "
        "sum(CASE WHEN (q & ?4) = 0 THEN v END), count(*) FROM reading "
        "WHERE ch = ?1 AND ts >= ?2 AND ts < ?3", (ch, t0, t1, BAD_QUALITY))[0]


def check(store: Store, chs: list[int], t0: int, t1: int) -> None:
    got = period_stats(store, chs, t0, t1)
    for ch in chs:
        n, lo, hi, s, rows = raw_sql(store, ch, t0, t1)
        g = got[ch]
        assert (g.n, g.vmin, g.vmax, g.n_rows) == (n or 0, lo, hi, rows), (ch, t0, t1)
        assert math.isclose(g.vsum, s or 0.0, rel_tol=1e-9, abs_tol=1e-9)
        assert g.n_bad == rows - (n or 0)


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> Store:
    """Three days: a 1 Hz channel with a few bad rows and a 7 s channel, odd batches."""
    path = tmp_path_factory.mktemp("ps") / "deungdae.db"
    store = Store.open_writer(path)
    a = store.ensure_channel("oven.core", "", "°C")
    b = store.ensure_channel("fridge.temp", "", "°C")
    rnd = random.Random(7)
    rows = []
    for s in range(0, 3 * 86_400):
        ts = START + s * 1000 + 137  # not on whole seconds: edges fall inside buckets
        q = 2 if rnd.random() < 0.002 else (64 if rnd.random() < 0.001 else 0)
        rows.append((a, ts, None if q == 2 and s % 2 else round(rnd.uniform(-5, 90), 2), q))
        if s % 7 == 0:
            rows.append((b, ts + 300, round(rnd.uniform(0, 10), 3), 0))
        if len(rows) >= 4321:
            store.append_readings(rows)
            rows = []
    store.append_readings(rows)
    store.flush_rollups()
    yield store
    store.close()


def test_plan_covers_the_period_exactly_once() -> None:
    t0, t1 = START + 5 * 3_600_000 + 30 * 60_000 + 1234, START + 2 * DAY + 45 * 60_000 + 7
    width = dict(ROLLUP_LEVELS)
    pieces = []
    for level, lo, hi in plan(t0, t1):
        pieces.append((lo, hi) if level is None else (lo * width[level], hi * width[level]))
    pieces.sort()
    assert pieces[0][0] == t0 and pieces[-1][1] == t1
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))
    assert "rollup_1d" in {lv for lv, _a, _b in plan(t0, t1)}


@pytest.mark.parametrize("offset_min", [540, 330, 345, 60, 120, 0, -210])
def test_local_days_in_any_zone(record: Store, offset_min: int) -> None:
    chs = [c.id for c in record.channels()]
    for d in range(2):
        t0 = START + d * DAY - offset_min * 60_000 + DAY // 2
        check(record, chs, t0, t0 + DAY)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 3 * DAY), st.integers(0, 3 * DAY))
def test_any_period_equals_raw_sql(record: Store, a: int, b: int) -> None:
    t0, t1 = START + min(a, b) - 5000, START + max(a, b)
    check(record, [c.id for c in record.channels()], t0, t1)


def test_unrolled_blocks_are_read_raw(tmp_path: Path) -> None:
    """A writer's rollups not flushed yet (or lost in a crash) never hide readings."""
    path = tmp_path / "deungdae.db"
    store = Store.open_writer(path)
    ch = store.ensure_channel("x", "", "")
    store.append_readings([(ch, START + i * 1000, float(i), 0) for i in range(3600)])
    store.flush_rollups()
    store.append_readings([(ch, START + 3_600_000 + i * 1000, 5000.0 + i, 0) for i in range(60)])
    with Store.open_reader(path) as reader:  # another process: sees no pending rollups
        got = period_stats(reader, [ch], START, START + DAY)[ch]
        assert (got.n, got.vmax, got.n_bad) == (3660, 5059.0, 0)
    got = period_stats(store, [ch], START, START + DAY)[ch]  # the writer itself
    assert (got.n, got.vmax) == (3660, 5059.0)
    store.append_readings([(ch, START + 2 * 3_600_000, 5.0, 0)])  # the writer still writes
    store.close()


def test_empty_and_backwards_periods(record: Store) -> None:
    ch = record.channels()[0].id
    assert period_stats(record, [ch], START, START)[ch].n == 0
    e = period_stats(record, [ch], START - DAY, START)[ch]
    assert (e.n, e.vmin, e.mean, e.n_rows) == (0, None, None, 0)
