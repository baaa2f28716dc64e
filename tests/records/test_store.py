"""The store: appends, queries, rollups, duplicates, single writer, bad files."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deungdae.records.errors import AlreadyRunning, StoreUnavailable
from deungdae.records.migrate import schema_diff
from deungdae.records.schema import ROLLUP_LEVELS
from deungdae.records.store import BAD_QUALITY, NewEvent, Store
from tests.conftest import T0


@pytest.fixture
def store(tmp_path: Path):
    s = Store.open_writer(tmp_path / "d.db")
    yield s
    s.close()


def test_fresh_database_matches_the_declared_schema(tmp_path: Path) -> None:
    Store.open_writer(tmp_path / "d.db").close()
    assert schema_diff(tmp_path / "d.db") == []
    con = sqlite3.connect(tmp_path / "d.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_append_and_range_query(store: Store) -> None:
    a = store.ensure_channel("a", "A", "°C")
    b = store.ensure_channel("b", "B", "%")
    rows = [(a, T0 + i * 1000, 20.0 + i, 0) for i in range(10)]
    rows += [(b, T0 + i * 1000, 50.0, 0) for i in range(10)]
    res = store.append_readings(rows)
    assert (res.inserted, res.duplicates) == (20, 0)
    got = store.readings(a, T0 + 2000, T0 + 5000)
    assert got == [(T0 + 2000, 22.0, 0), (T0 + 3000, 23.0, 0), (T0 + 4000, 24.0, 0)]
    assert store.latest(b) == (T0 + 9000, 50.0, 0)
    assert store.span() == (T0, T0 + 9000)
    assert store.count_readings() == 20


def test_duplicates_are_kept_once_and_counted(store: Store) -> None:
    a = store.ensure_channel("a")
    store.append_readings([(a, T0, 1.0, 0), (a, T0 + 1000, 2.0, 0)])
    res = store.append_readings([(a, T0 + 1000, 99.0, 0), (a, T0 + 2000, 3.0, 0),
                                 (a, T0 + 2000, 4.0, 0)])
    assert (res.inserted, res.duplicates) == (1, 2)
    assert [v for _, v, _ in store.readings(a, T0, T0 + 10_000)] == [1.0, 2.0, 3.0]
    (bucket,) = store.downsample(a, T0, T0 + 3000, 1)
    assert (bucket.vmin, bucket.vmax, bucket.n) == (1.0, 3.0, 3)


def _brute(rows, t0, t1):
    vals = [v for _, ts, v, q in rows if t0 <= ts < t1 and v is not None and not q & BAD_QUALITY]
    return min(vals), max(vals), sum(vals) / len(vals), len(vals)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), max_points=st.integers(1, 500),
       length_s=st.integers(60, 40 * 86_400))
def test_downsample_is_bounded_and_agrees_with_raw_data(tmp_path_factory, seed, max_points,
                                                        length_s) -> None:
    rnd = random.Random(seed)
    path = tmp_path_factory.mktemp("ds") / "d.db"
    with Store.open_writer(path) as store:
        ch = store.ensure_channel("x")
        step = max(1, length_s // 3000) * 1000  # about 3,000 readings over the range
        rows = []
        for i in range(length_s * 1000 // step):
            q = 1 if rnd.random() < 0.02 else 0
            v = None if rnd.random() < 0.01 else round(rnd.uniform(-50, 150), 3)
            rows.append((ch, T0 + i * step + rnd.randint(0, step - 1), v, q))
        for k in range(0, len(rows), 700):
            store.append_readings(rows[k:k + 700])
        t0 = T0 + rnd.randint(0, length_s * 500)
        t1 = t0 + rnd.randint(1, length_s * 1000)
        buckets = store.downsample(ch, t0, t1, max_points)
        assert len(buckets) <= max_points
        assert all(b1.ts < b2.ts for b1, b2 in zip(buckets, buckets[1:], strict=False))
        inside = [r for r in rows if t0 <= r[1] < t1 and r[2] is not None
                  and not r[3] & BAD_QUALITY]
        if not inside:
            return
        lo, hi, _avg, _n = _brute(rows, t0, t1)
        # Rollup buckets are aligned to their level, so edges may include a few neighbours;
        # every real value lies within the envelope the buckets report.
        assert min(b.vmin for b in buckets) <= lo
        assert max(b.vmax for b in buckets) >= hi
        total = sum(b.n for b in buckets)
        assert total >= len(inside)


def test_downsample_uses_rollups_and_matches_them_exactly(store: Store) -> None:
    ch = store.ensure_channel("x")
    rows = [(ch, T0 + i * 1000, float(i % 977), 0) for i in range(200_000)]
    for k in range(0, len(rows), 1000):
        store.append_readings(rows[k:k + 1000])
    hour = 3_600_000
    t0 = (T0 // hour + 1) * hour
    buckets = store.downsample(ch, t0, t0 + 48 * hour, 48)
    assert len(buckets) == 48
    for b in buckets:
        lo, hi, avg, n = _brute(rows, b.ts, b.ts + hour)
        assert (b.vmin, b.vmax, b.n) == (lo, hi, n)
        assert b.avg == pytest.approx(avg)


def test_bad_quality_and_missing_values_stay_out_of_aggregates(store: Store) -> None:
    ch = store.ensure_channel("x")
    store.append_readings([(ch, T0, 10.0, 0), (ch, T0 + 1000, 999.0, 16),
                           (ch, T0 + 2000, None, 1), (ch, T0 + 3000, 20.0, 128)])
    (b,) = store.downsample(ch, T0, T0 + 4000, 1)
    assert (b.vmin, b.vmax, b.n) == (10.0, 20.0, 2)
    assert len(store.readings(ch, T0, T0 + 4000)) == 4  # all still recorded


def test_events_round_trip(store: Store) -> None:
    eid = store.append_event(NewEvent(ts=T0, kind="alarm.start", message="온도 높음",
                                      channel="a", data={"limit": 8.0}))
    (ev,) = store.events(kinds=["alarm.start"])
    assert (ev.id, ev.message, ev.data, ev.user) == (eid, "온도 높음", {"limit": 8.0}, "system")


def test_second_writer_is_refused(tmp_path: Path, python: str) -> None:
    path = tmp_path / "d.db"
    with Store.open_writer(path):
        code = textwrap.dedent(f"""
            from deungdae.records.store import Store
            from deungdae.records.errors import AlreadyRunning
            try:
                Store.open_writer({str(path)!r})
            except AlreadyRunning as e:
                print("REFUSED", e)
        """)
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
        assert "REFUSED" in out.stdout and "already running" in out.stdout
        # readers are welcome meanwhile
        with Store.open_reader(path) as r:
            assert r.channels() == []
    Store.open_writer(path).close()  # the lock is released with the writer


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreUnavailable, match="not a Deungdae database"):
        Store.open_writer(path)
    assert path.read_bytes() == before


def test_lock_is_per_data_dir(tmp_path: Path) -> None:
    a = Store.open_writer(tmp_path / "a" / "d.db")
    b = Store.open_writer(tmp_path / "b" / "d.db")
    a.close()
    b.close()
    assert AlreadyRunning.__mro__[1].__name__ == "StoreError"


WRITER = """
import sys
from deungdae.records.store import Store
s = Store.open_writer(sys.argv[1])
ch = s.ensure_channel("x")
t0 = 1_764_000_000_000
for k in range(100_000):
    rows = [(ch, t0 + (k * 100 + i) * 1000, float(i), 0) for i in range(100)]
    s.append_readings(rows)
    print(k, flush=True)
"""


def test_kill_9_of_a_writer_keeps_every_acknowledged_reading(tmp_path: Path, python: str) -> None:
    path = tmp_path / "d.db"
    proc = subprocess.Popen([python, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    acked = -1
    assert proc.stdout is not None
    for line in proc.stdout:
        acked = int(line)
        if acked >= 150:
            break
    proc.kill()
    proc.wait()
    with Store.open_writer(path) as s:  # recovers rollups of blocks after the last flush
        assert s.integrity_check() == "ok"
        ch = s.channel_id("x")
        n = len(s.readings(ch, 0, 2**62))
        assert n >= (acked + 1) * 100
        assert n % 100 == 0  # whole batches only: a block is written entirely or not at all
        lo, hi = s.span(ch)
        for name, _width in ROLLUP_LEVELS:
            got = s._read(f"SELECT sum(n), min(vmin), max(vmax) FROM {name} WHERE ch = ?", (ch,))
            assert got[0] == (n, 0.0, 99.0), name
        (b,) = s.downsample(ch, lo, hi + 1, 1)
        assert b.n == n
