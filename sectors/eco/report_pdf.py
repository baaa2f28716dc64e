"""The eco reports as PDF (A4), in Korean or English, the Korean font embedded (subset).

Nothing on the page depends on when it was made: no generation time is printed, so a
report regenerated from the same record is the same document (with reportlab's
`rl_config.invariant` it is the same bytes; the footer says which record state).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from deungdae.sectors.api.integrity import integrity_in
from deungdae.sectors.api.names import local_name
from deungdae.sectors.eco import report_data as rd
from deungdae.sectors.eco import report_text as tx
from deungdae.sectors.eco.words import ROUTES, WASTE_TYPES, word
from deungdae.sectors.report_fonts import korean_font

HEAD_BG = colors.HexColor("#e8eef4")
GENERATOR = "Deungdae eco"


def _styles() -> dict[str, ParagraphStyle]:
    f = korean_font()
    return {"title": ParagraphStyle("t", fontName=f.bold, fontSize=14, leading=18,
                                    spaceAfter=4),
            "h": ParagraphStyle("h", fontName=f.bold, fontSize=10, leading=13, spaceBefore=6,
                                spaceAfter=3),
            "base": ParagraphStyle("b", fontName=f.regular, fontSize=8, leading=10.5),
            "small": ParagraphStyle("s", fontName=f.regular, fontSize=7, leading=9)}


def _table(rows: list[list], widths: list[float] | None = None, total_row: bool = False
           ) -> Table:
    f = korean_font()
    t = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [("FONTNAME", (0, 0), (-1, -1), f.regular), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
             ("FONTNAME", (0, 0), (-1, 0), f.bold), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
             ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if total_row:
        style += [("FONTNAME", (0, -1), (-1, -1), f.bold),
                  ("BACKGROUND", (0, -1), (-1, -1), HEAD_BG)]
    t.setStyle(TableStyle(style))
    return t


def _header(lang: str, title: str, p: rd.Plant, span: str, integrity: tuple[bool, str],
            st: dict) -> list:
    return [Paragraph(title, st["title"]),
            Paragraph(f"{tx.t(lang, 'plant')}: {local_name(p.name, lang)}", st["base"]),
            Paragraph(f"{tx.t(lang, 'period')}: {span}", st["base"]),
            Paragraph(f"{tx.t(lang, 'integrity')}: {integrity_in(integrity, lang)}",
                      st["small"]),
            Spacer(1, 3 * mm)]


def _meters_flow(lang: str, f: rd.Figures, st: dict) -> list:
    rows = [[Paragraph(tx.t(lang, k), st["small"]) for k in (  # headers wrap in the column
        "meter", "kind", "unit", "quantity", "estimated", "missing", "gaps", "resets",
        "tco2eq")]]
    for m in f.meters:
        rows.append([Paragraph(local_name(m.meter.name, lang), st["small"]), tx.t(lang, f"kind.{m.meter.kind}"),
                     m.meter.unit, tx.qty(m.quantity), tx.qty(m.estimated), str(m.missing),
                     str(m.gaps), str(m.resets), tx.tco2(m.tco2eq)])
    return [Paragraph(tx.t(lang, "meters"), st["h"]),
            _table(rows, [48 * mm, 16 * mm, 12 * mm, 24 * mm, 20 * mm, 16 * mm, 13 * mm,
                          13 * mm, 20 * mm]),
            Paragraph(tx.t(lang, "note.interval"), st["small"])]


def _ghg_flow(lang: str, f: rd.Figures, st: dict) -> list:
    rows = [[tx.t(lang, "ghg"), "tCO2eq"],
            [tx.t(lang, "scope1_meters"), tx.tco2(f.scope1_meters)],
            [tx.t(lang, "scope1_fuel"), tx.tco2(f.scope1_fuel)],
            [tx.t(lang, "scope2_loc"), tx.tco2(f.scope2_location)],
            [tx.t(lang, "scope2_mkt"), tx.tco2(f.scope2_market)],
            [tx.t(lang, "total") + " (Scope 1 + 2, " + tx.t(lang, "scope2_loc") + ")",
             tx.tco2(f.tco2eq)]]
    out = [Paragraph(tx.t(lang, "ghg"), st["h"]), _table(rows, [90 * mm, 40 * mm], True),
           Paragraph(tx.t(lang, "factors"), st["h"])]
    frows = [[tx.t(lang, k) for k in ("factor_id", "value", "unit", "years", "published",
                                      "source")]]
    for u in f.factors:
        yrs = ", ".join(str(y) for y in u.years)
        if u.fallback:
            yrs += f" ({tx.t(lang, 'fallback')})"
        frows.append([Paragraph(u.factor.id, st["small"]), f"{u.factor.value:g}",
                      u.factor.unit, Paragraph(yrs, st["small"]),
                      u.factor.published.isoformat(), Paragraph(u.factor.source, st["small"])])
    for fid in rd.fuel_factor_ids(f.fuel_rows):
        frows.append([Paragraph(fid, st["small"]), "", "", tx.t(lang, "scope1_fuel"), "", ""])
    if len(frows) == 1:
        out.append(Paragraph(tx.t(lang, "factors.none"), st["small"]))
    else:
        out.append(_table(frows, [42 * mm, 16 * mm, 20 * mm, 30 * mm, 20 * mm, 54 * mm]))
    out.append(Paragraph(tx.t(lang, "note.factors"), st["small"]))
    return out


def _demand_flow(lang: str, p: rd.Plant, f: rd.Figures, st: dict) -> list:
    d = f.demand
    if d is None:
        return []
    at = ("—" if d.peak_window_ms is None else
          f"{dt.datetime.fromtimestamp(d.peak_window_ms / 1000, p.tz):%Y-%m-%d %H:%M}")
    rows = [[tx.t(lang, "demand"), "kW"],
            [tx.t(lang, "target"), tx.kw(d.target_kw)],
            [tx.t(lang, "peak"), tx.kw(d.peak_kw)],
            [tx.t(lang, "peak_at"), at],
            [tx.t(lang, "windows"), str(d.windows)],
            [tx.t(lang, "warnings"), str(d.warnings)],
            [tx.t(lang, "billing"), tx.kw(d.billing_kw)],
            [tx.t(lang, "billing_set"), d.billing_set_in or "—"],
            [tx.t(lang, "new_peaks"), str(d.new_peaks)]]
    out = [Paragraph(tx.t(lang, "demand"), st["h"]), _table(rows, [90 * mm, 40 * mm])]
    if f.tou:
        trows = [[tx.t(lang, "band"), "kWh", tx.t(lang, "cost")]]
        trows += [[b, tx.qty(k), f"{c:,.0f}"] for b, (k, c) in f.tou.items()]
        out += [Paragraph(tx.t(lang, "tou"), st["h"]), _table(trows, [40 * mm, 30 * mm, 30 * mm])]
    return out


def _daily_flow(lang: str, f: rd.Figures, st: dict) -> list:
    if not f.daily or not f.meters:
        return []
    out = [Paragraph(tx.t(lang, "daily"), st["h"])]
    ms = [m.meter for m in f.meters]
    for i in range(0, len(ms), 6):  # six meters a table: it fits A4
        chunk = ms[i:i + 6]
        rows = [[tx.t(lang, "day")] + [Paragraph(f"{local_name(m.name, lang)} ({m.unit})",
                                                 st["small"])
                                       for m in chunk]]
        for day, vals in f.daily:
            rows.append([day.isoformat()] + [tx.qty(vals.get(m.id)) for m in chunk])
        out.append(_table(rows, [22 * mm] + [26 * mm] * len(chunk)))
        out.append(Spacer(1, 2 * mm))
    return out


def _other_flow(lang: str, p: rd.Plant, f: rd.Figures, st: dict) -> list:
    out = [Paragraph(f"{tx.t(lang, 'waste')} / {tx.t(lang, 'production')}", st["h"])]
    rows = [[tx.t(lang, "waste_type"), tx.t(lang, "route"), "kg"]]
    for (wt, route), kg in sorted(f.waste.items()):
        rows.append([word(WASTE_TYPES, wt, lang), word(ROUTES, route, lang), tx.qty(kg)])
    if len(rows) == 1:
        rows.append([tx.t(lang, "none"), "", ""])
    out.append(_table(rows, [50 * mm, 40 * mm, 30 * mm]))
    out.append(Spacer(1, 2 * mm))
    prow = [[tx.t(lang, "product"), tx.t(lang, "production")]]
    names = {x.id: f"{local_name(x.name, lang)} ({x.unit})" if x.unit else
             local_name(x.name, lang) for x in p.settings.products}
    prow += [[names.get(pid, pid), tx.qty(q)] for pid, q in f.produced.items()]
    if len(prow) == 1:
        prow.append([tx.t(lang, "none"), ""])
    out.append(_table(prow, [50 * mm, 30 * mm]))
    units = f.units_produced
    irows = [[tx.t(lang, "intensity"), ""],
             [tx.t(lang, "kwh_per_unit"), tx.ratio(rd.intensity(f.kwh, units))],
             [tx.t(lang, "t_per_unit"), tx.ratio(rd.intensity(f.tco2eq, units))]]
    out += [Spacer(1, 2 * mm), _table(irows, [50 * mm, 30 * mm])]
    return out


def _build(out: Path, flow: list, lang: str, title: str, p: rd.Plant, span: str,
           state: str) -> Path:
    f = korean_font()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=12 * mm, bottomMargin=16 * mm, title=title,
                            author=p.name or GENERATOR, creator=GENERATOR, producer=GENERATOR,
                            subject=f"{title} · {p.name} · {span}",
                            initialFontName=f.regular, initialFontSize=8)

    def footer(canvas, d) -> None:  # noqa: ANN001 - reportlab's signature
        canvas.saveState()
        canvas.setFont(f.regular, 6.5)
        canvas.drawString(14 * mm, 9 * mm, state)
        canvas.drawRightString(196 * mm, 9 * mm, f"{tx.t(lang, 'page')} {d.page}")
        canvas.restoreState()

    doc.build(flow, onFirstPage=footer, onLaterPages=footer)
    return out


def monthly_pdf(out: Path, p: rd.Plant, f: rd.Figures, span: str, integrity: tuple[bool, str],
                lang: str, state: str) -> Path:
    st = _styles()
    title = tx.t(lang, "monthly.title")
    flow = _header(lang, title, p, span, integrity, st)
    flow += _meters_flow(lang, f, st)
    flow += _ghg_flow(lang, f, st)
    flow += _demand_flow(lang, p, f, st)
    flow += _other_flow(lang, p, f, st)
    flow += _daily_flow(lang, f, st)
    return _build(out, flow, lang, title, p, span, state)


def annual_pdf(out: Path, p: rd.Plant, a: rd.Annual, span: str, integrity: tuple[bool, str],
               lang: str, state: str) -> Path:
    st = _styles()
    title = f"{tx.t(lang, 'annual.title')} {a.year}"
    flow = _header(lang, title, p, span, integrity, st)
    rows = [[tx.t(lang, "month"), "kWh", tx.t(lang, "kind.gas"), tx.t(lang, "water") + " m3",
             tx.t(lang, "waste") + " kg", "Scope 1", "Scope 2", "tCO2eq",
             tx.t(lang, "production")]]
    for mo, f in [*a.months, (0, a.total)]:
        rows.append([tx.t(lang, "total") if mo == 0 else f"{mo:02d}", tx.qty(f.kwh),
                     tx.qty(f.kind_total("gas")), tx.qty(f.water_m3), tx.qty(f.waste_kg),
                     tx.tco2(f.scope1), tx.tco2(f.scope2_location), tx.tco2(f.tco2eq),
                     tx.qty(f.units_produced)])
    flow += [Paragraph(tx.t(lang, "annual.title"), st["h"]),
             _table(rows, [14 * mm, 24 * mm, 20 * mm, 20 * mm, 20 * mm, 18 * mm, 18 * mm,
                           20 * mm, 22 * mm], True)]
    t = a.total
    b = a.baseline_figures
    now = {"kwh": t.kwh, "tco2eq": t.tco2eq, "water_m3": t.water_m3, "waste_kg": t.waste_kg,
           "produced": t.units_produced}
    brows = [["", f"{tx.t(lang, 'baseline')} ({a.baseline_label or '—'})",
              tx.t(lang, "current"), tx.t(lang, "change")]]
    names = {"kwh": "kWh", "tco2eq": "tCO2eq", "water_m3": tx.t(lang, "water") + " m3",
             "waste_kg": tx.t(lang, "waste") + " kg", "produced": tx.t(lang, "production")}
    for k, name in names.items():
        fmt = tx.tco2 if k == "tco2eq" else tx.qty
        brows.append([name, fmt(b.get(k)), fmt(now[k]), tx.pct(rd.change(now[k], b.get(k)))])
    for k, key in (("kwh", "kwh_per_unit"), ("tco2eq", "t_per_unit")):
        i_now = rd.intensity(now[k], now["produced"])
        i_base = rd.intensity(b[k], b["produced"]) if k in b and "produced" in b else None
        brows.append([tx.t(lang, key), tx.ratio(i_base), tx.ratio(i_now),
                      tx.pct(rd.change(i_now, i_base))])
    flow += [Paragraph(f"{tx.t(lang, 'intensity')} / {tx.t(lang, 'baseline')}", st["h"]),
             _table(brows, [50 * mm, 40 * mm, 40 * mm, 30 * mm])]
    flow += _ghg_flow(lang, t, st)
    flow += _other_flow(lang, p, t, st)
    return _build(out, flow, lang, title, p, span, state)
