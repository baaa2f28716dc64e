"""Entry points of the HACCP reports: one function per report, PDF or CSV/XLSX by suffix."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.records.store import Store
from deungdae.sectors.haccp import reports
from deungdae.sectors.haccp.ccp_config import parse_ccps
from deungdae.sectors.haccp.deviations import collect
from deungdae.sectors.haccp.readiness import readiness
from deungdae.sectors.haccp.report_data import Period, ccp_sections, lifecycle_events
from deungdae.sectors.haccp.report_export import (
    DEVIATION_COLUMNS,
    MONITORING_COLUMNS,
    deviation_rows,
    monitoring_rows,
    write_table,
)


def _context(store: Store, site: dict, integrity: tuple[bool, str],
             at_ms: int | None = None) -> reports.ReportContext:
    ccps, errs = parse_ccps(site.get("sectors", {}).get("haccp", {}))
    if errs:
        raise ValueError("; ".join(errs))
    units = {c.key: c.unit for c in store.channels()}
    checks = readiness(store, site, at_ms, integrity) if at_ms is not None else []
    return reports.ReportContext(site.get("site", {}).get("name", ""), ccps, units,
                                 integrity[1], integrity[0], (), checks)


def _period(site: dict, start: datetime, end: datetime) -> Period:
    tz = ZoneInfo(site.get("site", {}).get("timezone", "Asia/Seoul"))
    return Period(site.get("site", {}).get("name", ""), tz, start, end)


def _tables(store: Store, ctx: reports.ReportContext, period: Period, out: Path,
            with_monitoring: bool) -> Path:
    events = lifecycle_events(store, period)
    sheets = {}
    if with_monitoring:
        sections = ccp_sections(store, ctx.ccps, ctx.units, period, events)
        sheets["monitoring"] = (MONITORING_COLUMNS, monitoring_rows(sections))
    sheets["deviations"] = (DEVIATION_COLUMNS, deviation_rows(collect(events), period))
    return write_table(out, sheets)


def daily(store: Store, site: dict, start: datetime, end: datetime, out: Path,
          integrity: tuple[bool, str]) -> Path:
    period = _period(site, start, end)
    at = min(int(time.time() * 1000), period.t1)
    ctx = _context(store, site, integrity, at)
    if out.suffix.lower() == ".pdf":
        return reports.daily_log(store, ctx, period, out)
    return _tables(store, ctx, period, out, with_monitoring=True)


def deviations(store: Store, site: dict, start: datetime, end: datetime, out: Path,
               integrity: tuple[bool, str]) -> Path:
    ctx, period = _context(store, site, integrity), _period(site, start, end)
    if out.suffix.lower() == ".pdf":
        return reports.deviation_report(store, ctx, period, out)
    return _tables(store, ctx, period, out, with_monitoring=False)


def monthly(store: Store, site: dict, start: datetime, end: datetime, out: Path,
            integrity: tuple[bool, str]) -> Path:
    ctx, period = _context(store, site, integrity), _period(site, start, end)
    if out.suffix.lower() == ".pdf":
        return reports.monthly_summary(store, ctx, period, out)
    return _tables(store, ctx, period, out, with_monitoring=True)


RENDERERS = {
    "haccp-daily": ("CCP 모니터링 일지 (daily CCP monitoring log)", "day", daily),
    "haccp-deviations": ("한계기준 이탈 및 개선조치 보고서 (deviations)", "range", deviations),
    "haccp-monthly": ("월간 CCP 검증 요약 (monthly verification summary)", "month", monthly),
}
