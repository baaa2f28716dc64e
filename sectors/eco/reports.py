"""The eco reports: entry points (PDF, CSV or XLSX by the output's suffix).

- `eco-monthly` (period `month`): energy by meter and by day, GHG scope 1/2 with the
  factors used, peak demand and 요금적용전력, waste, production and intensity;
- `eco-annual` (period `year`, YYYY): the summary eco-factory applications ask for
  (energy, GHG, water, waste, intensity per month, against the baseline).

The language is `lang`, else `[site] language`, else `DEUNGDAE_REPORT_LANG`, else Korean.
CSV/XLSX rows hold keys and plain numbers at full precision, for a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

from deungdae.records.store import Store
from deungdae.sectors.api import Period, ReportDef, SiteContext
from deungdae.sectors.api.names import local_name
from deungdae.sectors.eco import report_data as rd
from deungdae.sectors.eco import report_text as tx
from deungdae.sectors.eco.report_pdf import annual_pdf, monthly_pdf


def report_lang(raw: dict, lang: str | None = None) -> str:
    chosen = lang or raw.get("site", {}).get("language") or os.environ.get(
        "DEUNGDAE_REPORT_LANG") or "ko"
    return tx.check_lang(str(chosen).lower()[:2])


def _ms(t: dt.datetime) -> int:
    return int(t.timestamp() * 1000)


def _span(p: rd.Plant, start: dt.datetime, end: dt.datetime) -> str:
    a, b = start.astimezone(p.tz), end.astimezone(p.tz)
    return f"{a:%Y-%m-%d %H:%M} ~ {b:%Y-%m-%d %H:%M} ({p.tz.key})"


def _n(v: float | None) -> str:
    return "" if v is None else repr(float(v))


def write_table(out: Path, sheets: dict[str, list[list]]) -> Path:
    """CSV (sheets one after another, each headed `# name`) or XLSX (one sheet each)."""
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for name, rows in sheets.items():
            ws = wb.create_sheet(name[:31])
            for r in rows:
                ws.append([float(x) if isinstance(x, str) and _is_num(x) else x for x in r])
        wb.save(out)
        return out
    with out.open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel reads Korean
        w = csv.writer(fh)
        for i, (name, rows) in enumerate(sheets.items()):
            if i:
                w.writerow([])
            w.writerow([f"# {name}"])
            w.writerows(rows)
    return out


def _is_num(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def _sheets(p: rd.Plant, f: rd.Figures, integrity: tuple[bool, str]) -> dict[str, list[list]]:
    meters = [["meter", "kind", "unit", "quantity", "estimated", "missing_intervals", "gaps",
               "resets", "tco2eq", "scope"]]
    meters += [[m.meter.id, m.meter.kind, m.meter.unit, _n(m.quantity), _n(m.estimated),
                m.missing, m.gaps, m.resets, _n(m.tco2eq), m.meter.scope or ""]
               for m in f.meters]
    ghg = [["line", "tco2eq"], ["scope1_meters", _n(f.scope1_meters)],
           ["scope1_fuel", _n(f.scope1_fuel)], ["scope2_location", _n(f.scope2_location)],
           ["scope2_market", _n(f.scope2_market)], ["total_location", _n(f.tco2eq)]]
    factors = [["factor", "kind", "value", "unit", "years", "fallback", "published", "source"]]
    factors += [[u.factor.id, u.factor.kind, _n(u.factor.value), u.factor.unit,
                 ";".join(map(str, u.years)), u.fallback, u.factor.published.isoformat(),
                 u.factor.source] for u in f.factors]
    factors += [[fid, "fuel_delivery", "", "", "", "", "", ""]
                for fid in rd.fuel_factor_ids(f.fuel_rows)]
    out = {"meters": meters, "ghg": ghg, "factors": factors}
    d = f.demand
    if d is not None:
        out["demand"] = [["figure", "value"], ["target_kw", _n(d.target_kw)],
                         ["peak_kw", _n(d.peak_kw)], ["peak_window_start_ms", d.peak_window_ms],
                         ["windows", d.windows], ["warnings", d.warnings],
                         ["billing_kw", _n(d.billing_kw)], ["billing_set_in", d.billing_set_in],
                         ["new_billing_peaks", d.new_peaks]]
        if f.tou:
            out["tou"] = [["band", "kwh", "cost"]] + [[b, _n(k), _n(c)]
                                                      for b, (k, c) in f.tou.items()]
    if f.daily:
        ids = [m.meter.id for m in f.meters]
        out["daily"] = [["day", *ids]] + [[day.isoformat(), *(_n(v.get(i)) for i in ids)]
                                          for day, v in f.daily]
    out["waste"] = [["waste_type", "route", "kg"]] + [[w, r, _n(kg)] for (w, r), kg in
                                                      sorted(f.waste.items())]
    out["production"] = [["product", "quantity"]] + [[k, _n(v)] for k, v in f.produced.items()]
    out["integrity"] = [["ok", "statement"], [integrity[0], integrity[1]]]
    return out


def _state(p: rd.Plant, span: str, lang: str) -> str:
    return f"Deungdae eco · {local_name(p.name, lang)} · {span}"


def monthly_report(store: Store, raw: dict, start: dt.datetime, end: dt.datetime, out: Path,
                   integrity: tuple[bool, str], *, lang: str | None = None) -> Path:
    p = rd.plant(raw)
    f = rd.figures(store, p, _ms(start), _ms(end))
    span = _span(p, start, end)
    if out.suffix.lower() == ".pdf":
        lang = report_lang(raw, lang)
        return monthly_pdf(out, p, f, span, integrity, lang, _state(p, span, lang))
    return write_table(out, _sheets(p, f, integrity))


def annual_report(store: Store, raw: dict, start: dt.datetime, end: dt.datetime, out: Path,
                  integrity: tuple[bool, str], *, lang: str | None = None) -> Path:
    p = rd.plant(raw)
    a = rd.annual(store, p, _ms(start), _ms(end))
    span = _span(p, start, end)
    if out.suffix.lower() == ".pdf":
        lang = report_lang(raw, lang)
        return annual_pdf(out, p, a, span, integrity, lang, _state(p, span, lang))
    months = [["month", "kwh", "gas", "water_m3", "waste_kg", "scope1", "scope2_location",
               "tco2eq", "produced"]]
    for mo, f in [*a.months, ("total", a.total)]:
        months.append([mo, _n(f.kwh), _n(f.kind_total("gas")), _n(f.water_m3), _n(f.waste_kg),
                       _n(f.scope1), _n(f.scope2_location), _n(f.tco2eq), _n(f.units_produced)])
    t = a.total
    now = {"kwh": t.kwh, "tco2eq": t.tco2eq, "water_m3": t.water_m3, "waste_kg": t.waste_kg,
           "produced": t.units_produced}
    base = [["figure", "baseline", "current", "change"]]
    base += [[k, _n(a.baseline_figures.get(k)), _n(v),
              _n(rd.change(v, a.baseline_figures.get(k)))] for k, v in now.items()]
    sheets = {"months": months, "baseline": base} | _sheets(p, t, integrity)
    return write_table(out, sheets)


def _year(arg: str, site: SiteContext) -> tuple[int, int]:
    try:
        y = int(arg)
        if not 1970 <= y <= 9999:
            raise ValueError
    except ValueError:
        raise ValueError(f"expected a year YYYY, got {arg!r}") from None
    tz = site.tz
    return (_ms(dt.datetime(y, 1, 1, tzinfo=tz)), _ms(dt.datetime(y + 1, 1, 1, tzinfo=tz)))


YEAR = Period("year", "Year", "연간", "YYYY", _year)

REPORTS = (
    ReportDef("eco-monthly", "Monthly energy and GHG report", "month", ("pdf", "csv", "xlsx"),
              monthly_report, "월간 에너지·온실가스 보고서"),
    ReportDef("eco-annual", "Annual energy, GHG, water and waste summary", YEAR,
              ("pdf", "csv", "xlsx"), annual_report, "연간 에너지·환경 성과 요약"),
)
