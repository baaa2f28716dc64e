"""Monthly HACCP report benchmark (prints figures; asserts nothing).

Builds a sealed record of `--ccps` CCP channels at 1 Hz for `--days` days (10 x 30 days =
26 M readings by default) with realistic events, then renders the monthly verification
summary PDF and prints its time and size, beside the time of the naive query the store's
rollups replace (GROUP BY over the raw readings of one CCP's month), measured in the same
run.

    python bench/reports.py [--days 30] [--ccps 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deungdae.records.store import NewEvent, Store  # noqa: E402
from deungdae.sectors.haccp.report_render import monthly  # noqa: E402

TZ = ZoneInfo("Asia/Seoul")
START = datetime(2026, 10, 1, tzinfo=TZ)


def site(ccps: int) -> dict:
    return {
        "site": {"name": "벤치마크 공장", "timezone": "Asia/Seoul"},
        "sectors": {"haccp": {"ccps": [
            {"id": f"CCP-{i + 1}", "name": f"CCP-{i + 1} 냉장 보관 {i + 1}",
             "kind": "cold_storage", "channel": f"room{i + 1}.temp", "limit": 10.0,
             "grace": 900} for i in range(ccps)]}},
    }


def build(path: Path, days: int, ccps: int) -> int:
    store = Store.open_writer(path)
    ids = [store.ensure_channel(f"room{i + 1}.temp", f"room {i + 1}", "°C")
           for i in range(ccps)]
    t0 = int(START.timestamp() * 1000)
    n = days * 86_400
    batch: list[tuple[int, int, float, int]] = []
    total = 0
    for s in range(n):
        ts = t0 + s * 1000
        base = 4.0 + 2.0 * math.sin(2 * math.pi * s / 86_400)
        for i, ch in enumerate(ids):
            batch.append((ch, ts, round(base + 0.1 * i + (s % 7) * 0.01, 2), 0))
        if len(batch) >= 1000:
            store.append_readings(batch)
            total += len(batch)
            batch = []
        if s % 86_400 == 43_200:  # one deviation a day on one CCP, like a door left open
            store.append_event(NewEvent(ts=ts, kind="haccp.deviation", severity="alarm",
                                        channel=f"room{s // 86_400 % ccps + 1}.temp",
                                        message="한계기준 이탈 — 도어 열림",
                                        data={"ccp": f"CCP-{s // 86_400 % ccps + 1}",
                                              "reason": "limit"}))
    if batch:
        store.append_readings(batch)
        total += len(batch)
    store.close()
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--ccps", type=int, default=10)
    ap.add_argument("--keep", help="keep (and reuse) the database in this dir")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="deungdae-bench-reports-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "deungdae.db"
    if not db.exists():
        t = time.perf_counter()
        n = build(db, args.days, args.ccps)
        print(f"built a sealed record of {n:,} readings in {time.perf_counter() - t:.0f} s")
    cfg = site(args.ccps)
    end = datetime(START.year + (START.month == 12), START.month % 12 + 1, 1, tzinfo=TZ)
    out = work / "monthly.pdf"
    with Store.open_reader(db) as store:
        t = time.perf_counter()
        monthly(store, cfg, START, end, out, (True, "bench: chain not checked here"))
        render_s = time.perf_counter() - t
        ch = store.channel_id("room1.temp")
        t0, t1 = int(START.timestamp() * 1000), int(end.timestamp() * 1000)
        t = time.perf_counter()
        store._read("SELECT (ts - ?1) / ?2 AS k, min(v), max(v), avg(v) FROM reading "
                    "WHERE ch = ?3 AND ts >= ?1 AND ts < ?4 GROUP BY k",
                    (t0, (t1 - t0) // 1440, ch, t1))
        naive_s = time.perf_counter() - t
    size = out.stat().st_size
    print(f"monthly summary, {args.ccps} CCPs x {args.days} days at 1 Hz:")
    print(f"  render          : {render_s:6.2f} s   (target < 5 s)")
    print(f"  size            : {size / 1e6:6.2f} MB  (target < 5 MB)")
    print(f"  baseline        : naive GROUP BY of ONE CCP's month over raw rows "
          f"{naive_s:.2f} s -> x{args.ccps} CCPs = {naive_s * args.ccps:.1f} s; "
          f"report/naive = {render_s / (naive_s * args.ccps):.2f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
