"""Eco monthly report and running-window forecast benchmark (prints figures; asserts nothing).

1. Builds a sealed record of `--meters` electricity meters at 1 Hz for a local month
   (plus a day either side) through the store's own append path: the channels the
   monthly report reads, i.e. each meter's derived energy per interval and tCO2eq (what
   the rule records from a register read each second), the 15-minute demand of the main
   meter and the factor events. 30 meters × 2 channels × 32 days = 166 M readings: built
   once into `--cache` (default /tmp/deungdae-bench-eco-<days>x<meters>) and reused.
   The measured registers and power are left out: the report never reads them.
   Then times the monthly report (PDF and CSV: totals, every meter per day, GHG, demand)
   and, in the same run, the naive SQL giving the same figures from the raw rows
   (`SELECT ch, total(v) ... GROUP BY ch` for the month and for each day), and checks
   that the two agree.
2. The running 15-minute forecast of `--meters` meters fed at 1 Hz (`DemandForecaster`
   plus `TargetWatch`), and the whole rule (`EcoRule.feed`: register intervals, tCO2eq,
   forecast), as a share of one core.

    python bench/eco_report.py [--meters 30] [--days 30] [--cache DIR] [--skip-report]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deungdae.hardware.reading import Reading  # noqa: E402
from deungdae.records.store import NewEvent, Store  # noqa: E402

TZ = ZoneInfo("Asia/Seoul")
CHUNK_S = 600
GRID = 0.4173 / 1000  # tCO2eq per kWh (2023 factor)


def site(meters: int) -> dict:
    ms = [{"id": f"m{i + 1}", "name": f"계량기 {i + 1} (meter {i + 1})", "kind": "electricity",
           "counter": f"pm{i + 1}.kwh", "power": f"pm{i + 1}.kw", "max_gap_s": 10}
          for i in range(meters)]
    return {"site": {"name": "벤치마크 공장", "timezone": TZ.key},
            "sectors": {"eco": {"meters": ms, "demand": {"meter": "m1", "target_kw": 500.0}}}}


def kw(i: int, s: int) -> float:
    return 50.0 + 5 * i + 20.0 * math.sin(2 * math.pi * s / 86_400)


def build(path: Path, start: datetime, days: int, meters: int) -> int:
    store = Store.open_writer(path)
    store.set_site("벤치마크 공장", TZ.key)
    e_ids = [store.ensure_channel(f"eco.m{i + 1}.energy", f"m{i + 1}", "kWh", "eco")
             for i in range(meters)]
    t_ids = [store.ensure_channel(f"eco.m{i + 1}.tco2eq", f"m{i + 1}", "tCO2eq", "eco")
             for i in range(meters)]
    d_id = store.ensure_channel("eco.demand_kw", "demand", "kW", "eco")
    t0 = int(start.timestamp() * 1000)
    store.append_event(NewEvent(t0, "eco.factors", "", data={
        "year": start.year, "scope": 2, "fuel": None, "unit": "kWh", "t_per_unit": GRID,
        "fallback": True, "region": "KR", "factors": [{
            "id": "kr-grid-2023", "kind": "grid", "value": 0.4173, "unit": "tCO2eq/MWh",
            "source": "GIR", "published": "2025-12-01", "year": 2023}]}))
    total = 0
    n_s = days * 86_400
    last_pct = -1
    for c0 in range(0, n_s, CHUNK_S):
        rows: list[tuple[int, int, float | None, int]] = []
        for s in range(c0, min(n_s, c0 + CHUNK_S)):
            ts = t0 + s * 1000
            for i in range(meters):
                e = round(kw(i, s), 3) / 3600  # a 1 s register interval's kWh
                rows.append((e_ids[i], ts, e, 0))
                rows.append((t_ids[i], ts, e * GRID, 0))
            if s % 900 == 0:
                rows.append((d_id, ts, kw(0, s), 0))
        store.append_readings(rows)
        total += len(rows)
        pct = 100 * c0 // n_s
        if pct != last_pct and pct % 10 == 0:
            print(f"  building: {pct:3d} % ({total:,} readings)", flush=True)
            last_pct = pct
    store.close()
    return total


def naive(store: Store, p, t0: int, t1: int) -> tuple[float, dict, dict]:
    """The report's sums from the raw rows: per meter for the month and for each day."""
    t = time.perf_counter()
    keys = [f"eco.{m.id}.{k}" for m in p.settings.meters for k in ("energy", "tco2eq")]
    ids = {store.channel_id(k): k for k in keys}
    inn = ",".join(str(c) for c in ids)
    month = {ids[ch]: v for ch, v in store.query(
        f"SELECT ch, total(v) FROM reading WHERE ch IN ({inn}) AND ts >= ? AND ts < ? "
        "AND v IS NOT NULL AND (q & 63) = 0 GROUP BY ch", (t0, t1))}
    days = {}
    d = datetime.fromtimestamp(t0 / 1000, TZ)
    while int(d.timestamp() * 1000) < t1:
        a = int(d.timestamp() * 1000)
        b = int((d + timedelta(days=1)).timestamp() * 1000)
        days[d.date()] = {ids[ch]: v for ch, v in store.query(
            f"SELECT ch, total(v) FROM reading WHERE ch IN ({inn}) AND ts >= ? AND ts < ? "
            "AND v IS NOT NULL AND (q & 63) = 0 GROUP BY ch", (a, b))}
        d += timedelta(days=1)
    return time.perf_counter() - t, month, days


def forecast_cost(meters: int, seconds: int) -> tuple[float, float]:
    """(forecast only, whole rule) CPU seconds per second of 1 Hz data, for `meters`."""
    from deungdae.sectors.api import SiteContext
    from deungdae.sectors.eco.config import parse
    from deungdae.sectors.eco.demand import DemandForecaster, TargetWatch
    from deungdae.sectors.eco.rules import EcoRule

    t0 = int(datetime(2026, 3, 2, 8, tzinfo=TZ).timestamp() * 1000)
    fcs = [DemandForecaster(TZ) for _ in range(meters)]
    watches = [TargetWatch(10_000.0, min_elapsed_ms=120_000) for _ in range(meters)]
    loads = [[kw(i, s) for s in range(seconds)] for i in range(meters)]
    t = time.process_time()
    for s in range(seconds):
        ts = t0 + s * 1000
        for i in range(meters):
            watches[i].check(fcs[i].update(ts, loads[i][s]))
    only = (time.process_time() - t) / seconds
    settings, errs = parse(site(meters)["sectors"]["eco"])
    assert not errs, errs
    rule = EcoRule(settings, SiteContext(TZ.key))
    regs = [0.0] * meters
    batches = []
    for s in range(seconds):
        ts = t0 + s * 1000
        batch = []
        for i in range(meters):
            regs[i] += loads[i][s] / 3600
            batch.append(Reading(f"pm{i + 1}.kw", ts, loads[i][s]))
            batch.append(Reading(f"pm{i + 1}.kwh", ts, round(regs[i], 3)))
        batches.append(batch)
    t = time.process_time()
    for b in batches:
        rule.feed(b)
    whole = (time.process_time() - t) / seconds
    return only, whole


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meters", type=int, default=30)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--cache", help="build the record here once and reuse it")
    ap.add_argument("--skip-report", action="store_true", help="only the forecast cost")
    ap.add_argument("--forecast-s", type=int, default=1800, help="seconds of 1 Hz data fed")
    args = ap.parse_args()
    only, whole = forecast_cost(args.meters, args.forecast_s)
    print(f"running 15-min forecast, {args.meters} meters at 1 Hz ({args.forecast_s} s fed):")
    print(f"  forecaster + target watch     : {only * 100:6.3f} % of one core  (target < 1 %)")
    print(f"  whole rule (energy, tCO2eq,   : {whole * 100:6.3f} % of one core")
    print("   forecast, events)")
    if args.skip_report:
        return
    month = datetime(2026, 10, 1, tzinfo=TZ)
    start = month - timedelta(days=1)
    work = Path(args.cache or f"/tmp/deungdae-bench-eco-{args.days}x{args.meters}")
    work.mkdir(parents=True, exist_ok=True)
    db = work / "deungdae.db"
    if not (work / "built").exists():
        for f in work.glob("deungdae.db*"):
            f.unlink()
        t = time.perf_counter()
        n = build(db, start, args.days + 2, args.meters)
        (work / "built").write_text(f"{n}\n")
        print(f"built a sealed record of {n:,} readings in {time.perf_counter() - t:.0f} s "
              f"into {work} (reused by later runs)")
    end = month + timedelta(days=args.days)
    raw = site(args.meters)
    from deungdae.sectors.eco import report_data as rd
    from deungdae.sectors.eco.reports import monthly_report
    from deungdae.sectors.report_fonts import FontMissing, korean_font

    with db.open("rb") as fh:  # the page cache warmed the same way for both sides
        while fh.read(1 << 24):
            pass
    try:
        korean_font()  # registered once per process (the app does it at start)
        fmt = "pdf"
    except FontMissing:
        fmt = "csv"
    t0, t1 = int(month.timestamp() * 1000), int(end.timestamp() * 1000)
    with Store.open_reader(db) as store:
        p = rd.plant(raw)
        t = time.perf_counter()
        f = rd.figures(store, p, t0, t1)
        fig_s = time.perf_counter() - t
        t = time.perf_counter()
        monthly_report(store, raw, month, end, work / f"monthly.{fmt}",
                       (True, "bench: chain not checked here"))
        render_s = time.perf_counter() - t
        t = time.perf_counter()
        monthly_report(store, raw, month, end, work / "monthly.csv",
                       (True, "bench: chain not checked here"))
        csv_s = time.perf_counter() - t
        naive_s, n_month, n_days = naive(store, p, t0, t1)
    agree = all(math.isclose(m.quantity, n_month[f"eco.{m.meter.id}.energy"], rel_tol=1e-9)
                and math.isclose(m.tco2eq or 0.0, n_month[f"eco.{m.meter.id}.tco2eq"],
                                 rel_tol=1e-9) for m in f.meters)
    agree &= all(math.isclose(v[m], n_days[d][f"eco.{m}.energy"], rel_tol=1e-9)
                 for d, v in f.daily for m in v)
    rows = args.meters * 2 * args.days * 86_400
    print(f"monthly energy and GHG report from {month:%Y-%m-%d}, {args.days} local days "
          f"({TZ.key}), {args.meters} meters at "
          f"1 Hz, {rows:,} derived readings in the month:")
    print(f"  figures (totals + {len(f.daily)} days)     : {fig_s:6.2f} s")
    print(f"  report {fmt.upper()}, end to end        : {render_s:6.2f} s   (target < 3 s)")
    print(f"  report CSV, end to end        : {csv_s:6.2f} s")
    print(f"  naive SQL over raw rows       : {naive_s:6.2f} s   (same figures, same run; "
          f"{naive_s / render_s:.0f}x the report)")
    print(f"  figures equal the raw SQL     : {'yes' if agree else 'NO'}")


if __name__ == "__main__":
    main()
