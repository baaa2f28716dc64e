"""Monthly HACCP report benchmark (prints figures; asserts nothing).

Builds a sealed record of `--ccps` cold-storage CCP channels at 1 Hz for `--days` days
(10 x 30 days = 26 M readings by default) through the store's own append path
(`Store.append_readings`, sealed blocks of 10 minutes of every channel, rollups merged as
the engine does), with a two-minute sensor timeout per channel and day (bad-quality rows)
and one deviation a day. The record is built once into a cache dir (`--cache`, default
/tmp/deungdae-bench-reports-<days>x<ccps>) and reused by later runs.

Then, in the same run, it measures:

- the exact local-month figures of every CCP (`records.period_stats`) and the monthly
  verification summary PDF: wall time, peak Python memory (tracemalloc) and file size;
- the naive SQL over the raw readings that gives the same figures (count, min, max,
  sum, bad-quality count per channel), and checks the two agree.

    python bench/reports.py [--days 30] [--ccps 10] [--cache DIR] [--tz Asia/Seoul]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deungdae.records.layout import BAD_QUALITY  # noqa: E402
from deungdae.records.store import NewEvent, Store  # noqa: E402

CHUNK_S = 600  # one sealed block = 10 minutes of every channel (6,000 rows for 10 CCPs)
OUTAGE_AT_S = 20_000  # each channel's daily two-minute timeout, seconds into the UTC day
OUTAGE_S = 120


def site(ccps: int, tz: str) -> dict:
    return {
        "site": {"name": "벤치마크 공장", "timezone": tz},
        "sectors": {"haccp": {"ccps": [
            {"id": f"CCP-{i + 1}", "name": f"CCP-{i + 1} 냉장 보관 {i + 1}",
             "kind": "cold_storage", "channel": f"room{i + 1}.temp", "limit": 10.0,
             "grace": 900} for i in range(ccps)]}},
    }


def build(path: Path, start: datetime, days: int, ccps: int, tz: str) -> int:
    """Write the record through `Store.append_readings`; returns readings written."""
    store = Store.open_writer(path)
    store.set_site("벤치마크 공장", tz)
    ids = [store.ensure_channel(f"room{i + 1}.temp", f"냉장실 {i + 1}", "°C")
           for i in range(ccps)]
    t0 = int(start.timestamp() * 1000)
    total = 0
    last_pct = -1
    n_s = days * 86_400
    for c0 in range(0, n_s, CHUNK_S):
        rows: list[tuple[int, int, float | None, int]] = []
        for s in range(c0, min(n_s, c0 + CHUNK_S)):
            ts = t0 + s * 1000
            base = 4.0 + 2.0 * math.sin(2 * math.pi * s / 86_400)
            out = OUTAGE_AT_S <= (s % 86_400) < OUTAGE_AT_S + OUTAGE_S
            for i, ch in enumerate(ids):
                if out and (s // 86_400) % ccps == i:
                    rows.append((ch, ts, None, 2))  # timeout: a bad-quality row
                else:
                    rows.append((ch, ts, round(base + 0.1 * i + (s % 7) * 0.01, 2), 0))
        store.append_readings(rows)
        total += len(rows)
        for s in range(c0, c0 + CHUNK_S):
            if s % 86_400 == 43_200:  # one deviation a day on one CCP (a door left open)
                k = s // 86_400 % ccps + 1
                store.append_event(NewEvent(
                    ts=t0 + s * 1000, kind="haccp.deviation", severity="alarm",
                    channel=f"room{k}.temp", message="", data={"ccp": f"CCP-{k}",
                                                               "reason": "limit"}))
        pct = 100 * c0 // n_s
        if pct != last_pct and pct % 10 == 0:
            print(f"  building: {pct:3d} % ({total:,} readings)", flush=True)
            last_pct = pct
    store.close()
    return total


def naive(store: Store, chs: list[int], t0: int, t1: int) -> tuple[float, dict]:
    """The same figures straight from the raw rows (one scan per channel)."""
    t = time.perf_counter()
    out = {}
    for ch in chs:
        out[ch] = store.query(
            "SELECT count(*), sum(v IS NOT NULL AND (q & ?4) = 0), "
            "min(CASE WHEN (q & ?4) = 0 THEN v END), max(CASE WHEN (q & ?4) = 0 THEN v END), "
            "sum(CASE WHEN (q & ?4) = 0 THEN v END) FROM reading "
            "WHERE ch = ?1 AND ts >= ?2 AND ts < ?3", (ch, t0, t1, BAD_QUALITY))[0]
    return time.perf_counter() - t, out


def font_baseline(path: Path) -> int:
    """Peak Python memory of the smallest Korean PDF: the fixed cost of font subsetting."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from deungdae.sectors.report_fonts import korean_font

    f = korean_font()
    tracemalloc.start()
    SimpleDocTemplate(str(path), initialFontName=f.regular).build(
        [Paragraph("월간 CCP 검증 요약 0123456789", ParagraphStyle("p", fontName=f.regular))])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--ccps", type=int, default=10)
    ap.add_argument("--tz", default="Asia/Seoul", help="the site's zone (the month is local)")
    ap.add_argument("--cache", help="build the record here once and reuse it")
    ap.add_argument("--out", help="write the PDF here (default: in the cache dir)")
    args = ap.parse_args()
    tz = ZoneInfo(args.tz)
    # the record starts a day before the local month so the month's first edge is real
    month = datetime(2026, 10, 1, tzinfo=tz)
    start = month - timedelta(days=1)
    work = Path(args.cache or f"/tmp/deungdae-bench-reports-{args.days}x{args.ccps}")
    work.mkdir(parents=True, exist_ok=True)
    db = work / "deungdae.db"
    if not (work / "built").exists():
        for p in work.glob("deungdae.db*"):
            p.unlink()
        t = time.perf_counter()
        n = build(db, start, args.days + 2, args.ccps, args.tz)
        (work / "built").write_text(f"{n}\n")
        print(f"built a sealed record of {n:,} readings in {time.perf_counter() - t:.0f} s "
              f"into {work} (reused by later runs)")
    cfg = site(args.ccps, args.tz)
    end = datetime(month.year + (month.month == 12), month.month % 12 + 1, 1, tzinfo=tz)
    days = (end - month).days
    out = Path(args.out) if args.out else work / "monthly.pdf"
    t0, t1 = int(month.timestamp() * 1000), int(end.timestamp() * 1000)
    from deungdae.records.period_stats import period_stats
    from deungdae.sectors.haccp.report_render import monthly
    from deungdae.sectors.report_fonts import korean_font

    # the page cache is warmed the same way for both sides: the whole file is read once
    with db.open("rb") as fh:
        while fh.read(1 << 24):
            pass
    korean_font()  # registered once per process (the app does it at start): not counted
    with Store.open_reader(db) as store:
        chs = [store.channel_id(f"room{i + 1}.temp") for i in range(args.ccps)]
        t = time.perf_counter()
        period_stats(store, chs, t0, t1, bad_rows=False)
        good_s = time.perf_counter() - t
        t = time.perf_counter()
        stats = period_stats(store, chs, t0, t1)
        stats_s = time.perf_counter() - t
        t = time.perf_counter()
        monthly(store, cfg, month, end, out, (True, "bench: chain not checked here"))
        render_s = time.perf_counter() - t
        # memory in a second run: tracemalloc slows Python down two- to threefold
        tracemalloc.start()
        monthly(store, cfg, month, end, out, (True, "bench: chain not checked here"))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        base = font_baseline(work / "baseline.pdf")
        naive_s, raw = naive(store, chs, t0, t1)
    agree = all(
        (stats[ch].n_rows, stats[ch].n, stats[ch].vmin, stats[ch].vmax) == raw[ch][:4]
        and math.isclose(stats[ch].vsum, raw[ch][4], rel_tol=1e-9) for ch in chs)
    n_rows = sum(s.n_rows for s in stats.values())
    size = out.stat().st_size
    print(f"monthly summary {month:%Y-%m} ({args.tz}, {days} local days), {args.ccps} CCPs at "
          f"1 Hz, {n_rows:,} readings in the month:")
    print(f"  exact figures, good values    : {good_s:6.3f} s  (rollups inside + raw edges)")
    print(f"  exact figures + bad-row counts: {stats_s:6.2f} s  (a key-only count of the rows)")
    print(f"  report PDF, end to end        : {render_s:6.2f} s   (target < 5 s)")
    print(f"  peak Python memory (report)   : {peak / 1e6:6.2f} MB  (target < 5 MB; font "
          "registered before)")
    print(f"  peak of a one-line Korean PDF : {base / 1e6:6.2f} MB  (the fixed cost of "
          "subsetting the font)")
    print(f"  PDF size                      : {size / 1e6:6.2f} MB")
    print(f"  naive SQL over raw rows       : {naive_s:6.2f} s   (same figures, same run)")
    print(f"  figures equal the raw SQL     : {'yes' if agree else 'NO'}")
    print(f"  pdf: {out}")


if __name__ == "__main__":
    main()
