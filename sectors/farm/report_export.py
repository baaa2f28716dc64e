"""Farm report data as CSV (and XLSX): keys and numbers, one sheet per table."""

from __future__ import annotations

import csv
from pathlib import Path


def write_sheets(out: Path, sheets: dict[str, tuple[list[str], list[list]]]) -> Path:
    """CSV (sheets one after another, each with a `# name` line and its header) or XLSX."""
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for name, (header, rows) in sheets.items():
            ws = wb.create_sheet(name[:31])
            ws.append(header)
            for r in rows:
                ws.append(r)
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


def num(v: float | None, decimals: int = 2) -> str:
    return "" if v is None else f"{v:.{decimals}f}"
