"""Manufacturing: what machine state and OEE cost live, and how fast the monthly report is.

1. Live: 50 CT-clamp machines, current and good/scrap registers each read at 1 Hz, fed
   to the sector's rule one poll (one second of readings) at a time, with the engine's
   input guard checking every derived reading (state each second, availability /
   performance / quality / OEE each minute). Machines stop now and then (idle, off; some
   longer than the reason prompt), two shifts a day. Printed: CPU seconds per simulated
   second, as a share of one core (target < 2 %).
2. Monthly report: a record holding a month of `manufacturing.shift` summaries for 50
   machines (two shifts a day, ~20 state intervals each, as the rule writes them) and a
   reason row for every third stop; the monthly OEE report rendered as PDF (if a Korean
   font is installed) and CSV. Printed: seconds (target < 3 s).

    python bench/mfg_oee.py [--machines 50] [--hours 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.hardware.reading import Quality, Reading
from deungdae.records import layout
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.derived import InputGuard
from deungdae.sectors.api.site import parse_site
from deungdae.sectors.manufacturing import config
from deungdae.sectors.manufacturing.calendar import calendar
from deungdae.sectors.manufacturing.records import STOP_REASON, TABLES
from deungdae.sectors.manufacturing.reports import monthly_report
from deungdae.sectors.manufacturing.rules import ManufacturingRule
from deungdae.sectors.manufacturing.shifts import ShiftInstance

SEOUL = ZoneInfo("Asia/Seoul")
START = int(dt.datetime(2025, 11, 3, 6, 0, tzinfo=SEOUL).timestamp() * 1000)
SITE = {"name": "bench plant", "timezone": "Asia/Seoul", "shifts": [
    {"name": "day", "start": "06:00", "end": "14:00", "breaks": [["10:00", "10:30"]]},
    {"name": "swing", "start": "14:00", "end": "22:00", "breaks": [["18:00", "18:30"]]}]}
REASONS = [("breakdown.spindle", "Spindle failure", "주축 고장", "breakdown"),
           ("setup.changeover", "Changeover", "품종 교체", "setup"),
           ("planned.meeting", "Meeting", "조회", "planned_stop"),
           ("other.material", "Waiting for material", "자재 대기", "other")]


def section(n: int) -> dict:
    return {"reason_prompt_min": 5, "oee_every_s": 60,
            "reasons": [{"key": k, "en": en, "ko": ko, "loss": loss}
                        for k, en, ko, loss in REASONS],
            "machines": [{"id": f"m{i:02d}", "name": f"machine {i}",
                          "state": {"source": "current", "channel": f"m{i:02d}.current",
                                    "idle_a": 0.5, "run_a": 5.0, "hysteresis_a": 0.2},
                          "min_dwell_s": 10, "max_gap_s": 60,
                          "good": {"channel": f"m{i:02d}.good", "kind": "register"},
                          "scrap": {"channel": f"m{i:02d}.scrap", "kind": "register"},
                          "product": "part", "ideal_cycle_s": {"part": 20.0}}
                         for i in range(n)]}


def live(n: int, hours: float) -> tuple[float, float, int]:
    """(CPU seconds, simulated seconds, derived readings) of the rule and the guard."""
    settings, errs = config.parse(section(n))
    assert not errs, errs
    site, _ = parse_site(SITE)
    from deungdae.sectors.manufacturing.plugin import sector

    derived = sector.derived_channels(section(n), [], site)
    guard = InputGuard(derived)
    rule = ManufacturingRule(settings, site)
    rule.start(START)
    rnd = random.Random(7)
    amps = {m.id: 15.0 for m in settings.machines}
    until = {m.id: 0 for m in settings.machines}
    count = {m.id: 65_000 for m in settings.machines}
    scrap = {m.id: 0 for m in settings.machines}
    made = 0
    seconds = int(hours * 3600)
    cpu = 0.0
    for s in range(seconds):
        ts = START + s * 1000
        batch = []
        for m in settings.machines:
            mid = m.id
            if s >= until[mid]:  # a new state: mostly running, sometimes a stop
                x = rnd.random()
                amps[mid], until[mid] = ((2.0, s + rnd.randint(60, 900)) if x < 0.05 else
                                         (0.0, s + rnd.randint(60, 1800)) if x < 0.08 else
                                         (15.0, s + rnd.randint(300, 3600)))
            if amps[mid] > 5 and s % 20 == 0:
                count[mid] = (count[mid] + 1) % 65_536
                if rnd.random() < 0.02:
                    scrap[mid] += 1
            q = Quality.SIMULATED
            batch += [Reading(f"{mid}.current", ts, amps[mid] + rnd.gauss(0, 0.1), q),
                      Reading(f"{mid}.good", ts, float(count[mid]), q),
                      Reading(f"{mid}.scrap", ts, float(scrap[mid]), q)]
        guard.note(batch)
        c0 = time.process_time()
        out = rule.feed(batch)
        checked = [guard.check(r) for r in out.readings]
        guard.note(checked)
        rule.tick(ts)
        cpu += time.process_time() - c0
        made += len(checked)
    return cpu, seconds, made


def _sensed(inst: ShiftInstance, rnd: random.Random) -> tuple[list, int, int]:
    out, t = [], inst.start_ms
    while t < inst.end_ms:
        state = rnd.choices(["running", "idle", "off", "setup"], [0.8, 0.1, 0.07, 0.03])[0]
        d = rnd.randint(2, 40) * 60_000 if state != "running" else rnd.randint(10, 60) * 60_000
        e = min(inst.end_ms, t + d)
        if out and out[-1][2] == state:
            out[-1][1] = e
        else:
            out.append([t, e, state])
        t = e
    run = sum(b - a for a, b, s in out if s == "running")
    produced = int(run / 1000 / 20 * rnd.uniform(0.8, 0.95))
    return out, produced, int(produced * rnd.uniform(0.0, 0.03))


def month(n: int, tmp: Path) -> tuple[float, float, int, int]:
    """(PDF s or -1, CSV s, shift events, reason rows)."""
    settings, _ = config.parse(section(n))
    site, _ = parse_site(SITE)
    raw = {"site": SITE, "sectors": {"manufacturing": section(n)}}
    for t in TABLES:
        layout.register_sector_table(t)
    store = Store.open_writer(tmp / "deungdae.db")
    store.ensure_tables(TABLES)
    cal = calendar(site, settings)
    t0 = int(dt.datetime(2025, 11, 1, tzinfo=SEOUL).timestamp() * 1000)
    t1 = int(dt.datetime(2025, 12, 1, tzinfo=SEOUL).timestamp() * 1000)
    rnd = random.Random(11)
    events, reasons = [], 0
    for inst in cal.instances(t0, t1):
        if not t0 <= inst.start_ms < t1:
            continue
        for m in settings.machines:
            sensed, produced, bad = _sensed(inst, rnd)
            events.append(NewEvent(inst.end_ms, "manufacturing.shift", "shift summary",
                                   channel=f"manufacturing.{m.id}.state", data={
                                       "machine": m.id, "shift": inst.name,
                                       "day": inst.day.isoformat(), "start": inst.start_ms,
                                       "end": inst.end_ms, "sensed": sensed,
                                       "counts": {"part": [produced - bad, bad]}}))
            for k, (a, _b, st) in enumerate(sensed):
                if st != "running" and k % 3 == 0:
                    store.append_record(STOP_REASON.name, {
                        "ts": inst.end_ms, "machine": m.id, "stop_start": a, "stop_end": _b,
                        "reason": rnd.choice(REASONS)[0], "user": "bench"})
                    reasons += 1
    store.append_events(events)
    integrity = (True, "bench: not verified")
    start = dt.datetime.fromtimestamp(t0 / 1000, SEOUL)
    end = dt.datetime.fromtimestamp(t1 / 1000, SEOUL)
    pdf_s = -1.0
    try:
        from deungdae.sectors.report_fonts import korean_font

        korean_font()
        c, cp = time.perf_counter(), time.process_time()
        monthly_report(store, raw, start, end, tmp / "monthly.pdf", integrity)
        pdf_s = time.perf_counter() - c
        print(f"  (PDF: {time.process_time() - cp:.3f} CPU s)")
    except Exception as exc:  # noqa: BLE001 - no Korean font: CSV only
        print(f"  (PDF skipped: {exc})")
    c, cp = time.perf_counter(), time.process_time()
    monthly_report(store, raw, start, end, tmp / "monthly.csv", integrity)
    csv_s = time.perf_counter() - c
    print(f"  (CSV: {time.process_time() - cp:.3f} CPU s; wall time is what is judged)")
    store.close()
    return pdf_s, csv_s, len(events), reasons


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--machines", type=int, default=50)
    ap.add_argument("--hours", type=float, default=2.0)
    args = ap.parse_args(argv)
    cpu, secs, made = live(args.machines, args.hours)
    share = cpu / secs * 100
    print(f"live: {args.machines} machines at 1 Hz for {secs} s simulated: {cpu:.3f} CPU s "
          f"({cpu / secs * 1000:.3f} ms per second) = {share:.3f} % of one core "
          f"(target < 2 %: {'OK' if share < 2 else 'TOO SLOW'}; ratio to target "
          f"{share / 2:.3f}); {made} derived readings")
    with tempfile.TemporaryDirectory() as d:
        pdf_s, csv_s, n_ev, n_rs = month(args.machines, Path(d))
    for label, s in (("PDF", pdf_s), ("CSV", csv_s)):
        if s >= 0:
            print(f"monthly OEE report, {args.machines} machines, {n_ev} shift summaries, "
                  f"{n_rs} reason rows: {label} {s:.3f} s (target < 3 s: "
                  f"{'OK' if s < 3 else 'TOO SLOW'}; ratio to target {s / 3:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
