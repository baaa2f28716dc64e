"""The same report data as CSV or XLSX, for plants that file spreadsheets."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from deungdae.sectors.haccp.deviations import DISPOSITION_KO, Deviation
from deungdae.sectors.haccp.report_data import REASON_KO, STATUS_KO, CcpSection, Period

MONITORING_COLUMNS = ["ccp", "ccp_name", "critical_limit", "time", "value", "verdict",
                      "corrective_action", "checker", "manual", "corrected"]
DEVIATION_COLUMNS = ["id", "time", "ccp", "reason", "message", "status", "cause", "action",
                     "disposition", "action_by", "verified_by", "verified_at"]


def monitoring_rows(sections: Sequence[CcpSection]) -> list[list]:
    return [[s.ccp.id, s.ccp.name, s.limit_text, r.time, r.value, r.verdict, r.action,
             r.checker, "yes" if r.manual else "", "yes" if r.corrected else ""]
            for s in sections for r in s.rows]


def deviation_rows(devs: Sequence[Deviation], period: Period) -> list[list]:
    out = []
    for d in devs:
        a = d.actions[-1] if d.actions else None
        v = d.verifications[-1] if d.verifications else None
        disp = a.data.get("disposition", "") if a else ""
        out.append([d.event.id, period.stamp(d.event.ts), d.ccp,
                    REASON_KO.get(d.event.data.get("reason"), d.event.data.get("reason")),
                    d.event.message, STATUS_KO[d.status], a.data.get("cause", "") if a else "",
                    a.data.get("action", "") if a else "", DISPOSITION_KO.get(disp, disp),
                    a.user if a else "", v.user if v else "", period.stamp(v.ts) if v else ""])
    return out


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
