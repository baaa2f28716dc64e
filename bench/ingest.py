"""Ingest, storage and query benchmark for the local record (prints figures, asserts nothing).

Every figure is printed beside a baseline measured in the same run, because the machines
we run on are noisy:
- ingest: `Store.append_readings` (rollups and sealing included) vs raw
  `sqlite3.executemany` of the same rows into a bare WITHOUT ROWID table with the same
  (channel, ts) key, same pragmas; and sealed vs unsealed (`open_writer(seal=False)`);
- verify: recomputing the whole hash chain of the benchmark database;
- storage: bytes per reading of the whole database file, rollups included;
- downsampled queries into <= 2,000 buckets over random ranges from 1 h to the full span.

    python bench/ingest.py [--readings 10000000] [--channels 20]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deungdae.records.audit import verify_database  # noqa: E402
from deungdae.records.store import Store  # noqa: E402

T0 = 1_764_000_000_000  # 2025-11-24 UTC, ms
BATCH = 1000


def make_rows(n: int, channels: int, seed: int = 1):
    """1 Hz readings of `channels` channels, time-interleaved as pollers deliver them."""
    rnd = random.Random(seed)
    rows = []
    level = [20.0 + c for c in range(channels)]
    for i in range(n // channels):
        ts = T0 + i * 1000
        for c in range(channels):
            level[c] += rnd.uniform(-0.05, 0.05)
            rows.append((c + 1, ts, round(level[c], 2), 0))
    return rows


def interleaved_ingest(work: Path, rows, channels: int, chunk: int = 50 * BATCH):
    """Ingest the same rows into a bare table and into the Store, alternating chunks.

    Alternating lets both runs share the machine's noisy moments, so the ratio holds
    even when the absolute figures wander.
    """
    raw = sqlite3.connect(work / "baseline.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE r(ch INTEGER, ts INTEGER, v REAL, q INTEGER, "
                "PRIMARY KEY(ch, ts)) WITHOUT ROWID")
    store = Store.open_writer(work / "store.db")
    plain = Store.open_writer(work / "unsealed.db", seal=False)
    for c in range(channels):
        store.ensure_channel(f"ch{c + 1}")
        plain.ensure_channel(f"ch{c + 1}")
    t_raw = t_store = t_plain = 0.0
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        t = time.perf_counter()
        for k in range(0, len(part), BATCH):
            raw.execute("BEGIN")
            raw.executemany("INSERT INTO r VALUES (?, ?, ?, ?)", part[k:k + BATCH])
            raw.execute("COMMIT")
        t_raw += time.perf_counter() - t
        t = time.perf_counter()
        for k in range(0, len(part), BATCH):
            store.append_readings(part[k:k + BATCH])
        t_store += time.perf_counter() - t
        t = time.perf_counter()
        for k in range(0, len(part), BATCH):
            plain.append_readings(part[k:k + BATCH])
        t_plain += time.perf_counter() - t
    raw.close()
    store.close()
    plain.close()
    return len(rows) / t_raw, len(rows) / t_store, len(rows) / t_plain


def db_bytes(path: Path) -> int:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return sum(os.path.getsize(p) for p in path.parent.glob(path.name + "*")
               if not p.name.endswith(".lock"))


def query_bench(path: Path, channels: int, n_queries: int = 200):
    store = Store.open_reader(path)
    lo, hi = store.span()
    rnd = random.Random(7)
    times = []
    max_pts = 0
    full = hi - lo
    for _ in range(n_queries):
        # log-uniform range length from 1 h to the full span
        length = int(math.exp(rnd.uniform(math.log(3_600_000), math.log(full))))
        start = rnd.randint(lo, hi - length) if length < full else lo
        ch = rnd.randint(1, channels)
        t = time.perf_counter()
        pts = store.downsample(ch, start, start + length, 2000)
        times.append((time.perf_counter() - t) * 1000)
        max_pts = max(max_pts, len(pts))
    t = time.perf_counter()
    pts = store.downsample(1, lo, hi + 1, 2000)
    full_ms = (time.perf_counter() - t) * 1000
    # the naive plan the rollups replace: GROUP BY over raw rows of the same full span
    t = time.perf_counter()
    store._read("SELECT (ts - ?1) / ?2 AS k, min(v), max(v), avg(v) FROM reading "
                "WHERE ch = 1 AND ts >= ?1 AND ts < ?3 GROUP BY k",
                (lo, max(1, (hi - lo) // 2000), hi + 1))
    naive_ms = (time.perf_counter() - t) * 1000
    store.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], max_pts, full_ms, naive_ms


import math  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readings", type=int, default=10_000_000)
    ap.add_argument("--channels", type=int, default=20)
    ap.add_argument("--keep", help="keep the database in this dir")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="deungdae-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"generating {args.readings:,} readings on {args.channels} channels ...", flush=True)
    rows = make_rows(args.readings, args.channels)
    base_rate, store_rate, plain_rate = interleaved_ingest(work, rows, args.channels)
    store_path = work / "store.db"
    print(f"ingest of {len(rows):,} rows in batches of {BATCH}, runs interleaved:")
    print(f"  raw executemany baseline : {base_rate:12,.0f} rows/s")
    print(f"  Store.append_readings    : {store_rate:12,.0f} rows/s  "
          f"({store_rate / base_rate:.2f}x baseline; target >= 0.6x and >= 300,000/s)")
    print(f"  same, unsealed (bench)   : {plain_rate:12,.0f} rows/s  "
          f"(sealed = {store_rate / plain_rate:.2f}x unsealed; target >= 0.8x)")
    for p in work.glob("unsealed.db*"):
        p.unlink()
    base_bytes = db_bytes(work / "baseline.db") / len(rows)
    for p in work.glob("baseline.db*"):
        p.unlink()
    size = db_bytes(store_path)
    print("storage:")
    print(f"  bare table baseline      : {base_bytes:6.1f} bytes/reading")
    print(f"  store, rollups included  : {size / len(rows):6.1f} bytes/reading "
          f"({size / 1e6:,.0f} MB for {len(rows):,}; target <= 32)")
    med, p95, max_pts, full_ms, naive_ms = query_bench(store_path, args.channels)
    print("downsampled query (<= 2,000 buckets, 200 random ranges from 1 h to full span):")
    print(f"  median {med:6.1f} ms   p95 {p95:6.1f} ms   max points {max_pts}  "
          f"(targets: median < 20 ms, p95 < 50 ms)")
    print(f"  full span, one channel   : {full_ms:6.1f} ms vs naive GROUP BY over raw rows "
          f"{naive_ms:7.1f} ms ({naive_ms / max(full_ms, 1e-3):.0f}x faster)")
    t = time.perf_counter()
    report = verify_database(store_path, work)
    secs = time.perf_counter() - t
    print("verify (recompute the whole chain):")
    print(f"  {secs:6.1f} s for {report.readings:,} readings in {report.blocks:,} blocks "
          f"({report.readings / secs:,.0f} readings/s; intact={report.ok}); "
          f"10 M readings -> ~{secs * 10_000_000 / max(report.readings, 1):.0f} s "
          "(target < 60 s)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
