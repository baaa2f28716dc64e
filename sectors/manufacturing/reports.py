"""The manufacturing reports: entry points (PDF, CSV or XLSX by the output's suffix).

`ReportDef.render(store, site_raw, start, end, out, integrity)`:
- `mfg-shift` (period `shift`, DATE/SHIFT; any span works: every shift starting in it);
- `mfg-lots` (period `day`: every lot that ended that day; a lot id cannot be a period,
  because a period is resolved from the site config alone, without the record);
- `mfg-monthly` (period `month`).
CSV rows hold keys and plain numbers (seconds, pieces, ratios), for a spreadsheet.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

from deungdae.records.store import Store
from deungdae.sectors.api import ReportDef
from deungdae.sectors.manufacturing import report_data as rd
from deungdae.sectors.manufacturing.report_pdf import (
    calibration_pdf,
    lot_pdf,
    monthly_pdf,
    shift_pdf,
    span_text,
)


def _ms(t: datetime) -> int:
    return int(t.timestamp() * 1000)


def _r(v: float | None) -> str:
    return "" if v is None else f"{v:.6f}"


def _s(ms: float | None) -> str:
    return "" if ms is None else f"{ms / 1000:.3f}"


def _csv(out: Path, rows: list[list]) -> Path:
    """The rows as CSV (BOM: Excel reads Korean) or, for a .xlsx path, one sheet of them."""
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = out.stem[:31] or "report"
        for r in rows:
            ws.append(r)
        wb.save(out)
        return out
    with out.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return out


def shift_report(store: Store, raw: dict, start: datetime, end: datetime, out: Path,
                 integrity: tuple[bool, str], lang: str = "ko") -> Path:
    p = rd.plant(raw)
    figs = rd.shift_data(store, p, _ms(start), _ms(end))
    if out.suffix.lower() == ".pdf":
        return shift_pdf(out, p, figs, span_text(start, end, lang), integrity, lang)
    rows: list[list] = [["section", "machine", "shift", "shift_start", "in_progress",
                         "planned_busy_s",
                         "apt_s", "produced", "good", "scrap", "availability", "performance",
                         "quality", "oee", "failures", "mtbf_s", "mttr_s",
                         "first_pass_yield"]]
    for f in figs:
        r = f.result
        rows.append(["shift", f.machine, f.shift, start.tzinfo and datetime.fromtimestamp(
            f.start_ms / 1000, start.tzinfo).isoformat(), f.in_progress, _s(r.planned_busy_ms),
            _s(r.actual_production_ms), r.produced, r.good, r.produced - r.good,
            _r(r.availability), _r(r.performance), _r(r.quality), _r(r.oee),
            f.reliability.failures, _s(f.reliability.mtbf_ms), _s(f.reliability.mttr_ms),
            _r(f.first_pass_yield)])
    rows.append(["section", "machine", "shift", "stop_start_ms", "stop_end_ms", "busy_s",
                 "states", "reason", "entered_by"])
    for f in figs:
        for s in f.stops:
            e = f.reason_of(s)
            rows.append(["stop", f.machine, f.shift, s.start_ms, s.end_ms, _s(s.duration_ms),
                         "+".join(sorted({p.state.value for p in s.parts})),
                         e.reason if e else "", e.entered_by if e else ""])
    rows.append(["section", "machine", "shift", "loss", "seconds"])
    for f in figs:
        rows += [["loss", f.machine, f.shift, k, _s(v)] for k, v in f.six.parts().items()]
    rows.append(["integrity", integrity[0], integrity[1]])
    return _csv(out, rows)


def lot_report(store: Store, raw: dict, start: datetime, end: datetime, out: Path,
               integrity: tuple[bool, str], lang: str = "ko") -> Path:
    p = rd.plant(raw)
    lots = rd.lot_data(store, p, _ms(start), _ms(end))
    if out.suffix.lower() == ".pdf":
        return lot_pdf(out, p, lots, span_text(start, end, lang), integrity, lang)
    rows: list[list] = [["lot", "machine", "recipe", "start_ms", "end_ms", "started_by",
                         "ended_by", "lot_passed", "criterion", "kind", "passed", "numbers",
                         "signatures"]]
    for lr in lots:
        for c in lr.verdict.results:
            nums = ";".join(f"{k}={v}" for k, v in c.numbers.items())
            signs = ";".join(f"{x.meaning}={x.login}{'' if x.valid else '(invalid)'}"
                             for x in lr.signatures)
            rows.append([lr.lot, lr.machine.id, lr.recipe.id, lr.start_ms, lr.end_ms,
                         lr.started_by, lr.ended_by, lr.verdict.passed, c.name, c.kind,
                         c.passed, nums, signs])
    rows.append(["integrity", integrity[0], integrity[1]])
    return _csv(out, rows)


def monthly_report(store: Store, raw: dict, start: datetime, end: datetime, out: Path,
                   integrity: tuple[bool, str], lang: str = "ko") -> Path:
    p = rd.plant(raw)
    month = rd.monthly_data(store, p, _ms(start), _ms(end))
    if out.suffix.lower() == ".pdf":
        return monthly_pdf(out, p, month, span_text(start, end, lang), integrity, lang)
    rows: list[list] = [["section", "machine", "shifts", "planned_busy_s", "apt_s", "produced",
                         "good", "availability", "performance", "quality", "oee", "failures",
                         "mtbf_s", "mttr_s", "first_pass_yield"]]
    for mm in [*month.machines, month.total]:
        rows.append(["machine", "(all)" if mm is month.total else mm.machine.id, mm.shifts,
                     _s(mm.planned_busy_ms), _s(mm.apt_ms), mm.produced, mm.good,
                     _r(mm.availability), _r(mm.performance), _r(mm.quality), _r(mm.oee),
                     mm.failures, _s(mm.mtbf_ms), _s(mm.mttr_ms), _r(mm.first_pass_yield)])
    rows.append(["section", "recomputed_from_readings"])
    rows.append(["recomputed", month.recomputed])
    rows.append(["section", "reason", "downtime_s", "stops"])
    rows += [["pareto", k, _s(d), n] for k, d, n in month.pareto]
    rows.append(["section", "loss", "seconds"])
    rows += [["loss", k, _s(v)] for k, v in month.total.losses.items()]
    rows.append(["integrity", integrity[0], integrity[1]])
    return _csv(out, rows)


def calibration_report(store: Store, raw: dict, start: datetime, end: datetime, out: Path,
                       integrity: tuple[bool, str], lang: str = "ko") -> Path:
    """Due dates as of the period's last day (AMS 2750 surveys, instrument calibrations)."""
    p = rd.plant(raw)
    as_of = (end - timedelta(milliseconds=1)).date()
    items = rd.calibration_data(store, p, as_of)
    if out.suffix.lower() == ".pdf":
        return calibration_pdf(out, p, items, as_of, integrity, lang)
    rows: list[list] = [["item", "kind", "machine", "furnace_class", "interval_days", "last",
                         "due", "overdue_days", "records"]]
    rows += [[c.item, c.kind, c.machine, c.furnace_class or "", c.interval_days,
              c.last.isoformat(), c.due.isoformat(), c.overdue_days, len(c.records)]
             for c in items]
    rows.append(["integrity", integrity[0], integrity[1]])
    return _csv(out, rows)


REPORTS = (
    ReportDef("mfg-shift", "Shift report (OEE, stops and reasons)", "shift",
              ("pdf", "csv", "xlsx"),
              shift_report, "근무조 실적 보고서"),
    ReportDef("mfg-lots", "Lot / charge records (process curve and verdict)", "day",
              ("pdf", "csv", "xlsx"), lot_report, "로트·장입 기록"),
    ReportDef("mfg-monthly", "Monthly OEE (loss Pareto, six big losses)", "month",
              ("pdf", "csv", "xlsx"), monthly_report, "월간 설비종합효율"),
    ReportDef("mfg-calibration", "Calibration and survey status (AMS 2750 TUS/SAT)", "day",
              ("pdf", "csv", "xlsx"), calibration_report, "교정·측정 현황"),
)

