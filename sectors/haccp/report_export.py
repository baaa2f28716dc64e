"""The same report data as CSV or XLSX, for plants that file spreadsheets.

Column names are stable keys (a spreadsheet a plant builds on keeps working); the cells
are in the report's language, made by `report_data` from the record's keys and values.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from deungdae.sectors.api.names import local_name
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.deviations import Deviation
from deungdae.sectors.haccp.report_data import CcpSection, ManualEntry, Names, Period

MONITORING_COLUMNS = ["ccp", "ccp_name", "critical_limit", "time", "value", "verdict",
                      "corrective_action", "checker", "manual", "manual_reason", "corrected"]
SUMMARY_COLUMNS = ["ccp", "ccp_name", "critical_limit", "unit", "readings", "bad_quality",
                   "min", "max", "mean", "manual", "deviations", "metal_rejects"]
DEVIATION_COLUMNS = ["id", "time", "ccp", "reason", "deviation", "status", "cause", "action",
                     "disposition", "action_by", "verified_by", "verified_at", "verify_note"]
MANUAL_COLUMNS = ["time", "ccp", "value", "reason", "entered_by"]


def monitoring_rows(sections: Sequence[CcpSection], lang: str = "ko") -> list[list]:
    return [[s.ccp.id, local_name(s.ccp.name, lang), s.limit_text, r.time, r.value,
             tx.t(lang, r.verdict) if r.verdict else "", r.action, r.checker,
             "yes" if r.manual else "", r.reason, "yes" if r.corrected else ""]
            for s in sections for r in s.rows]


def summary_rows(sections: Sequence[CcpSection], lang: str = "ko") -> list[list]:
    """Exact figures per CCP, as numbers (a spreadsheet computes with them)."""
    return [[s.ccp.id, local_name(s.ccp.name, lang), s.limit_text, s.unit, s.stats.n, s.stats.n_bad,
             s.stats.vmin, s.stats.vmax, s.stats.mean, s.n_manual, len(s.deviations),
             s.rejects if s.ccp.kind == "metal_detection" else ""] for s in sections]


def deviation_rows(devs: Sequence[Deviation], period: Period, names: Names,
                   units: dict[str, str] | None = None, lang: str = "ko") -> list[list]:
    out = []
    for d in devs:
        a = d.actions[-1] if d.actions else None
        v = d.verifications[-1] if d.verifications else None
        out.append([d.event.id, period.stamp(d.event.ts), d.ccp,
                    tx.word(tx.REASONS, d.event.data.get("reason"), lang),
                    tx.deviation_text(d.event.data, (units or {}).get(d.ccp, ""), lang),
                    tx.word(tx.STATUSES, d.status, lang), a.data.get("cause", "") if a else "",
                    a.data.get("action", "") if a else "",
                    tx.word(tx.DISPOSITIONS, a.data.get("disposition"), lang) if a else "",
                    names(a.user) if a else "", names(v.user) if v else "",
                    period.stamp(v.ts) if v else "", v.data.get("note", "") if v else ""])
    return out


def manual_rows(entries: Sequence[ManualEntry], period: Period) -> list[list]:
    return [[period.stamp(m.ts), m.ccp, m.value, m.reason, m.by] for m in entries]


def write_table(out: Path, sheets: dict[str, tuple[list[str], list[list]]]) -> Path:
    """CSV (sheets one after another, each with its header) or XLSX (one sheet each)."""
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        wb.remove(wb.active)
        for name, (header, rows) in sheets.items():
            ws = wb.create_sheet(name[:31])
            ws.append(header)
            for c in ws[1]:
                c.font = Font(bold=True)
            for r in rows:
                ws.append(r)
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(60, max(10, width + 2))
        wb.save(out)
        return out
    with out.open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel reads Korean
        w = csv.writer(fh)
        for i, (name, (header, rows)) in enumerate(sheets.items()):
            if i:
                w.writerow([])
            w.writerow([f"# {name}"])
            w.writerow(header)
            w.writerows(rows)
    return out
