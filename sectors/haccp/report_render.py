"""Entry points of the HACCP reports: one function per report, PDF or CSV/XLSX by suffix.

Each takes the report language as `lang` ("ko" or "en"); without it the site config's
`[site] language`, else `DEUNGDAE_REPORT_LANG`, else Korean. A Korean PDF and an English
PDF of the same period come from the same record.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.records.store import Store
from deungdae.sectors.api.names import local_name
from deungdae.sectors.haccp import approval, reports
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.ccp_config import parse_ccps
from deungdae.sectors.haccp.deviations import collect
from deungdae.sectors.haccp.readiness import readiness
from deungdae.sectors.haccp.report_data import Names, Period, ccp_sections, lifecycle_events
from deungdae.sectors.haccp.report_export import (
    DEVIATION_COLUMNS,
    MANUAL_COLUMNS,
    MONITORING_COLUMNS,
    SUMMARY_COLUMNS,
    deviation_rows,
    manual_rows,
    monitoring_rows,
    summary_rows,
    write_table,
)


def report_lang(site: dict, lang: str | None = None) -> str:
    """The language a report is made in (see the module docstring)."""
    chosen = lang or site.get("site", {}).get("language") or os.environ.get(
        "DEUNGDAE_REPORT_LANG") or "ko"
    return tx.check_lang(str(chosen).lower()[:2])


def _context(store: Store, site: dict, integrity: tuple[bool, str], lang: str,
             at_ms: int | None = None) -> reports.ReportContext:
    ccps, errs = parse_ccps(site.get("sectors", {}).get("haccp", {}))
    if errs:
        raise ValueError("; ".join(errs))
    units = {c.key: c.unit for c in store.channels()}
    checks = readiness(store, site, at_ms, integrity) if at_ms is not None else []
    plant = local_name(site.get("site", {}).get("name", ""), lang)
    ctx = reports.ReportContext(plant, ccps, units,
                                integrity[1], integrity[0], (), checks, lang=lang)
    ctx.state = reports.RecordState.of(store)  # before any figure is read
    return ctx


def _period(site: dict, start: datetime, end: datetime) -> Period:
    tz = ZoneInfo(site.get("site", {}).get("timezone", "Asia/Seoul"))
    return Period(site.get("site", {}).get("name", ""), tz, start.astimezone(tz),
                  end.astimezone(tz))


def _tables(store: Store, ctx: reports.ReportContext, period: Period, out: Path,
            report: str) -> Path:
    """CSV/XLSX sheets: the deviation report has its deviations first (and the manual
    entries); the daily log and monthly summary add the monitoring rows and exact figures."""
    events = lifecycle_events(store, period)
    lang = ctx.lang
    sections = ccp_sections(store, ctx.ccps, ctx.units, period, events, report == "daily",
                            lang=lang, now_ms=ctx.now_ms, bad_rows=report == "daily")
    units = {c.id: ctx.units.get(c.channel, "") for c in ctx.ccps}
    devs = (DEVIATION_COLUMNS, deviation_rows(collect(events), period, Names(store, lang),
                                              units, lang))
    manual = (MANUAL_COLUMNS, manual_rows([m for s in sections for m in s.manual], period))
    if report == "deviations":
        # the CSV keeps its one sheet (plants import it as is); the XLSX adds the manual
        # entries with their reasons, as the PDF does
        sheets = {"deviations": devs}
        if out.suffix.lower() == ".xlsx":
            sheets["manual_entries"] = manual
    else:
        sheets = {"monitoring": (MONITORING_COLUMNS, monitoring_rows(sections, lang)),
                  "deviations": devs, "summary": (SUMMARY_COLUMNS, summary_rows(sections, lang)),
                  "manual_entries": manual}
    return write_table(out, sheets)


def _now_ms() -> int:
    return int(time.time() * 1000)


def daily(store: Store, site: dict, start: datetime, end: datetime, out: Path,
          integrity: tuple[bool, str], *, lang: str | None = None,
          now_ms: int | None = None) -> Path:
    period = _period(site, start, end)
    now = _now_ms() if now_ms is None else now_ms
    at = min(now, period.t1)
    ctx = _context(store, site, integrity, report_lang(site, lang), at)
    ctx.now_ms = now
    ctx.signoffs = approval.signoffs(store, period, ctx.lang)
    if out.suffix.lower() == ".pdf":
        return reports.daily_log(store, ctx, period, out)
    return _tables(store, ctx, period, out, "daily")


def deviations(store: Store, site: dict, start: datetime, end: datetime, out: Path,
               integrity: tuple[bool, str], *, lang: str | None = None) -> Path:
    ctx = _context(store, site, integrity, report_lang(site, lang))
    period = _period(site, start, end)
    if out.suffix.lower() == ".pdf":
        return reports.deviation_report(store, ctx, period, out)
    return _tables(store, ctx, period, out, "deviations")


def monthly(store: Store, site: dict, start: datetime, end: datetime, out: Path,
            integrity: tuple[bool, str], *, lang: str | None = None) -> Path:
    ctx = _context(store, site, integrity, report_lang(site, lang))
    period = _period(site, start, end)
    if out.suffix.lower() == ".pdf":
        return reports.monthly_summary(store, ctx, period, out)
    return _tables(store, ctx, period, out, "monthly")


RENDERERS = {
    "haccp-daily": ("CCP 모니터링 일지 (daily CCP monitoring log)", "day", daily),
    "haccp-deviations": ("한계기준 이탈 및 개선조치 보고서 (deviations)", "range", deviations),
    "haccp-monthly": ("월간 CCP 검증 요약 (monthly verification summary)", "month", monthly),
}
