"""Farm reports: weekly climate per zone, crop-cycle summary with the log, spraying record.

A PDF page speaks one language, the one asked for (Korean by default; the same report in
English for a buyer or an auditor is the same figures), rendered with the embedded Korean
font (sectors.report_fonts); CSV/XLSX carry the same figures as keys and numbers. Every
figure comes from `report_data`, i.e. from the record, and every page states the
record's integrity and the formulas used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from deungdae.records.store import Store
from deungdae.sectors.api import Period, ReportDef, SiteContext
from deungdae.sectors.api.integrity import integrity_in
from deungdae.sectors.api.names import local_name
from deungdae.sectors.api.periods import range_
from deungdae.sectors.farm import crop_log
from deungdae.sectors.farm.degree_days import FORMULA_GDD
from deungdae.sectors.farm.light import FORMULA_DLI, FORMULA_SOLAR
from deungdae.sectors.farm.psychrometrics import FORMULA_DEW_POINT, FORMULA_VPD
from deungdae.sectors.farm.report_data import (
    ZoneReport,
    farm_config,
    hours,
    stamp,
    zone_report,
)
from deungdae.sectors.farm.report_export import num, write_sheets
from deungdae.sectors.report_fonts import korean_font

GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#E6F0E6")
OUT_BG = colors.HexColor("#FDE2E1")
# (Korean, English) of the words the pages use for keys of the record
WHEN = {"day": ("주간", "day"), "night": ("야간", "night"), "all": ("종일", "all day")}
INPUTS = {"temperature": ("기온", "air temp."), "humidity": ("상대습도", "RH"),
          "co2": ("CO2", "CO2"), "vpd": ("VPD", "VPD"), "dew_point": ("이슬점", "dew point"),
          "abs_humidity": ("절대습도", "AH"), "dli": ("DLI", "DLI"), "nh3": ("암모니아", "NH3"),
          "leaf_temperature": ("엽온", "leaf temp."),
          "substrate_moisture": ("배지 함수율", "moisture"), "ec": ("EC", "EC"),
          "ph": ("pH", "pH")}
WHY = {"back": ("복귀", "back in band"), "period": ("시간대 종료", "period ended"),
       "stage": ("생육단계 변경", "stage changed"), "": ("진행 중", "still open")}
FORMULA_SOLAR_KO = "PPFD ≈ 일사량 W/m² × 계수 (실외 약 2.0, 근사값)"
FORMULA_DLI_KO = "DLI = Σ PPFD·Δt / 10⁶ mol/m²/일 (측정값을 다음 측정까지 유지)"
FORMULA_GDD_KO = "GDD = max(0, (Tmax + Tmin)/2 − Tbase), 하루 단위"


def _say(lang: str):
    """`t(korean, english)`: the words of the page's language."""
    en = lang.startswith("en")
    return lambda ko, english: english if en else ko


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("en") else pair[0]


# glyphs the embedded Korean fonts lack, written so every viewer shows them
_PDF_GLYPHS = str.maketrans({"⁶": "^6", "µ": "μ", "⚠": "※", "−": "-"})


def pdf_text(s: str) -> str:
    return s.translate(_PDF_GLYPHS)


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def _styles() -> dict[str, ParagraphStyle]:
    f = korean_font()
    base = ParagraphStyle("base", fontName=f.regular, fontSize=8.5, leading=11)
    return {"base": base,
            "small": ParagraphStyle("small", parent=base, fontSize=7, leading=9),
            "title": ParagraphStyle("title", parent=base, fontName=f.bold, fontSize=15,
                                    leading=19),
            "h2": ParagraphStyle("h2", parent=base, fontName=f.bold, fontSize=11, leading=14,
                                 spaceBefore=6, spaceAfter=3),
            "bad": ParagraphStyle("bad", parent=base, fontName=f.bold,
                                  textColor=colors.HexColor("#B71C1C"))}


def _table(data: list[list], widths: Sequence[float], extra: Sequence = ()) -> Table:
    f = korean_font()
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), f.regular), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("FONTNAME", (0, 0), (-1, 0), f.bold), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *extra]))
    return t


def _doc(out: Path, title: str, wide: bool = False) -> SimpleDocTemplate:
    size = landscape(A4) if wide else A4
    return SimpleDocTemplate(str(out), pagesize=size, title=title, leftMargin=12 * mm,
                             rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm)


def _head(st, title: str, plant: str, t0: int, t1: int, site: SiteContext,
          lang: str) -> list:
    t = _say(lang)
    return [Paragraph(title, st["title"]), Spacer(1, 2 * mm),
            Paragraph(f"{local_name(plant, lang)}<br/>{t('기간', 'Period')}: "
                      f"{stamp(t0, site)} – {stamp(t1, site)} ({site.timezone})", st["base"]),
            Spacer(1, 3 * mm)]


def _foot(st, integrity: tuple[bool, str], formulas: Sequence[str], lang: str) -> list:
    out = [Spacer(1, 4 * mm)]
    for f in formulas:
        out.append(Paragraph(pdf_text(f), st["small"]))
    said = _say(lang)("기록 무결성", "Record integrity")
    out.append(Paragraph(f"{said}: {integrity_in(integrity, lang)}",
                         st["base"] if integrity[0] else st["bad"]))
    return out


def _plant(raw: dict) -> str:
    site = raw.get("site", {})
    return str(site.get("name", "")) if isinstance(site, dict) else ""


def _band_name(zr: ZoneReport, band, lang: str) -> str:
    lim = " – ".join(x for x in ("" if band.low is None else f"{band.low:g}",
                                 "" if band.high is None else f"{band.high:g}") if x)
    stages = ", ".join(crop_log.label(crop_log.STAGES, s, lang) for s in band.stages) or \
        _say(lang)("전체", "all")
    what = _pick(INPUTS[band.input], lang) if band.input in INPUTS else band.input
    return f"{what} {_pick(WHEN[band.when], lang)} [{lim}] ({stages})"


# ---------------------------------------------------------------- weekly climate
def _zone_reports(store: Store, raw: dict, t0: int, t1: int):
    cfg, site = farm_config(raw)
    return cfg, site, [zone_report(store, z, cfg, site, t0, t1) for z in cfg.zones]


def weekly(store: Store, raw: dict, start: datetime, end: datetime, out: Path,
           integrity: tuple[bool, str], lang: str = "ko") -> Path:
    t0, t1 = _ms(start), _ms(end)
    cfg, site, zones = _zone_reports(store, raw, t0, t1)
    if out.suffix.lower() != ".pdf":
        days, bands, incs = [], [], []
        for zr in zones:
            for d in zr.days:
                days.append([zr.zone.id, d.day, num(d.t_day), num(d.t_night), num(d.rh_day),
                             num(d.rh_night), num(d.vpd_day, 3), num(d.vpd_night, 3),
                             num(d.t_min), num(d.t_max), num(d.dli), num(d.gdd),
                             num(d.gdd_total), num(d.condensation_h), d.n_readings])
            for b in zr.bands:
                bands.append([zr.zone.id, b.band.id, b.band.when, num(b.band.low),
                              num(b.band.high), num(hours(b.applied_s)), num(hours(b.in_s)),
                              num(hours(b.out_s)), b.incidents])
            for i in zr.incidents:
                incs.append([zr.zone.id, i.id, i.band, i.side, stamp(i.start, site, True),
                             "" if i.end is None else stamp(i.end, site, True), num(i.limit),
                             num(i.worst), i.why, i.cause, i.action, i.by])
        return write_sheets(out, {
            "days": (["zone", "day", "t_day_avg", "t_night_avg", "rh_day_avg", "rh_night_avg",
                      "vpd_day_avg", "vpd_night_avg", "t_min", "t_max", "dli", "gdd",
                      "gdd_accumulated", "condensation_h", "temperature_readings"], days),
            "bands": (["zone", "band", "when", "low", "high", "applied_h", "in_h", "out_h",
                       "incidents"], bands),
            "incidents": (["zone", "id", "band", "side", "start", "end", "limit", "worst",
                           "closed_why", "cause", "action", "action_by"], incs)})
    st = _styles()
    t = _say(lang)
    story = _head(st, t("주간 환경 보고서", "Weekly climate report"), _plant(raw), t0, t1,
                  site, lang)
    for n, zr in enumerate(zones):
        if n:
            story.append(PageBreak())
        z = zr.zone
        target = (f"{z.dli_target[0]:g}–{z.dli_target[1]:g}" if z.dli_target else "—")
        story.append(Paragraph(
            f"{local_name(z.name, lang)} · {t('작물', 'crop')}: "
            f"{crop_log.label(crop_log.CROPS, z.crop or z.herd, lang) if z.crop or z.herd else '—'} · "
            f"{t('단계', 'stage')}: {crop_log.label(crop_log.STAGES, z.stage, lang)} · "
            f"{t('기준온도', 'Tbase')} {z.base_temp:g} °C · {t('DLI 목표', 'DLI target')} "
            f"{target} mol/m²/d · {t('주간 시작', 'day from')} {z.day_from.text(lang)}, "
            f"{t('야간 시작', 'night from')} {z.night_from.text(lang)}", st["h2"]))
        head = [t("일자", "date"), t("기온 주간\n°C", "T day\n°C"),
                t("기온 야간\n°C", "T night\n°C"), t("습도 주간\n%", "RH day\n%"),
                t("습도 야간\n%", "RH night\n%"), t("VPD 주간\nkPa", "VPD day\nkPa"),
                t("VPD 야간\nkPa", "VPD night\nkPa"), t("최저/최고\n°C", "min/max\n°C"),
                "DLI\nmol/m²/d", "GDD\n°C·d", t("누적 GDD\n°C·d", "Σ GDD\n°C·d"),
                t("결로 위험\nh", "cond. risk\nh")]
        rows: list[list] = [head]
        extra = []
        for i, d in enumerate(zr.days, start=1):
            rows.append([d.day, num(d.t_day, 1), num(d.t_night, 1), num(d.rh_day, 1),
                         num(d.rh_night, 1), num(d.vpd_day), num(d.vpd_night),
                         "" if d.t_min is None else f"{num(d.t_min, 1)} / {num(d.t_max, 1)}", num(d.dli), num(d.gdd, 1),
                         num(d.gdd_total, 1), num(d.condensation_h, 1)])
            if z.dli_target and d.dli is not None and not (
                    z.dli_target[0] <= d.dli <= z.dli_target[1]):
                extra.append(("BACKGROUND", (8, i), (8, i), OUT_BG))
        dlis = [d.dli for d in zr.days if d.dli is not None]
        conds = [d.condensation_h for d in zr.days if d.condensation_h is not None]
        rows.append([t("합계", "total"), "", "", "", "", "", "", "",
                     num(sum(dlis)) if dlis else "", num(zr.gdd_total, 1), "",
                     num(sum(conds), 1) if conds else ""])
        story.append(_table(rows, [24 * mm] + [19 * mm] * 6 + [25 * mm] + [19 * mm] * 4,
                            extra))
        story.append(Paragraph(t("관리범위 준수 시간", "Time in and out of band"), st["h2"]))
        brow = [[t("관리범위", "band"), t("적용 시간 h", "applied h"), t("범위 내 h", "in h"),
                 t("이탈 h", "out h"), t("준수율 %", "in %"), t("이탈 건수", "incidents")]]
        for b in zr.bands:
            pct = "" if not b.applied_s else f"{100 * b.in_s / b.applied_s:.1f}"
            brow.append([Paragraph(_band_name(zr, b.band, lang), st["small"]),
                         num(hours(b.applied_s), 1), num(hours(b.in_s), 1),
                         num(hours(b.out_s), 1), pct, b.incidents])
        story.append(_table(brow, [110 * mm, 27 * mm, 27 * mm, 27 * mm, 27 * mm, 30 * mm]))
        if zr.incidents:
            story.append(Paragraph(t("이탈 내역", "Band incidents"), st["h2"]))
            irow = [[t("시작", "start"), t("종료", "end"), t("항목", "band"),
                     t("기준", "limit"), t("최대 이탈값", "worst"), t("종료 사유", "closed"),
                     t("원인·조치", "cause / action")]]
            for inc in zr.incidents:
                band = next((b.band for b in zr.bands if b.band.id == inc.band), None)
                irow.append([stamp(inc.start, site), "" if inc.end is None else stamp(inc.end,
                                                                                      site),
                             Paragraph(_band_name(zr, band, lang) if band else inc.band,
                                       st["small"]),
                             f"{'<' if inc.side == 'low' else '>'} {num(inc.limit, 1)}",
                             num(inc.worst, 2),
                             _pick(WHY[inc.why], lang) if inc.why in WHY else inc.why,
                             Paragraph(" / ".join(x for x in (inc.cause, inc.action) if x)
                                       or "—", st["small"])])
            story.append(_table(irow, [28 * mm, 28 * mm, 70 * mm, 20 * mm, 20 * mm, 36 * mm,
                                       68 * mm]))
    if not zones:
        story.append(Paragraph(t("구역 없음", "No zones configured"), st["base"]))
    story += _foot(st, integrity, (
        f"VPD: {FORMULA_VPD}", f"{t('이슬점', 'Dew point')}: {FORMULA_DEW_POINT}",
        t(FORMULA_DLI_KO, FORMULA_DLI), t(FORMULA_SOLAR_KO, FORMULA_SOLAR),
        t(FORMULA_GDD_KO, FORMULA_GDD)
        + t(" (하루 20시간 이상 기록된 날만)", " (only days with ≥ 20 h of readings)"),
        t("주간/야간은 구역의 일출·일몰 기준 (NOAA 태양 방정식)",
          "Day/night by the zone's sunrise and sunset rule (NOAA solar equations)")), lang)
    _doc(out, t("주간 환경 보고서", "Weekly climate report"), wide=True).build(story)
    return out


# ---------------------------------------------------------------- crop log text
def entry_text(e: crop_log.Entry, site: SiteContext, lang: str = "ko") -> str:
    """One log row as words in `lang`; the row itself holds keys and numbers."""
    t = _say(lang)
    v = e.values
    kind = e.table
    if kind == "farm_planting":
        area = f", {v['area_m2']:g} m²" if v.get("area_m2") is not None else ""
        return f"{v['crop']} {v['variety']} {v['plants']}{t('주', ' plants')}{area}"
    if kind == "farm_stage":
        return f"→ {crop_log.label(crop_log.STAGES, v['stage'], lang)}"
    if kind == "farm_spray":
        return (f"{v['product']} ({v['active_ingredient']}) {v['dose']:g} {v['dose_unit']}, "
                f"{t('대상', 'target')} {v['target']}, {t('안전사용기간', 'PHI')} "
                f"{v['phi_days']}{t('일', ' days')} → {t('수확 가능', 'harvest from')} "
                f"{v['blocked_until']}")
    if kind == "farm_fertigation":
        ec = f" EC {v['ec_target']:g}" if v.get("ec_target") is not None else ""
        ph = f" pH {v['ph_target']:g}" if v.get("ph_target") is not None else ""
        return f"{v['recipe']}{ec}{ph}"
    if kind == "farm_harvest":
        g = crop_log.label(crop_log.GRADES, v["grade"], lang)
        ok = "" if v["phi_ok"] else t(" ⚠ 안전사용기간 중 수확", " ⚠ harvested inside a PHI")
        return f"{v['quantity']:g} {v['unit']} {g}{ok}"
    if kind == "farm_herd":
        w = f", {t('평균', 'avg')} {v['avg_weight_kg']:g} kg" \
            if v.get("avg_weight_kg") is not None else ""
        return (f"{crop_log.label(crop_log.MOVEMENTS, v['movement'], lang)} "
                f"{v['head']}{t('두', ' head')}{w}")
    if kind == "farm_mortality":
        return (f"{v['head']}{t('두', ' head')}, "
                f"{crop_log.label(crop_log.MORTALITY_CAUSES, v['cause'], lang)}")
    if kind == "farm_feed":
        return f"{v['feed']} {v['amount_kg']:g} kg"
    if kind == "farm_vaccination":
        return (f"{v['vaccine']} {crop_log.label(crop_log.ROUTES, v['route'], lang)} "
                f"{v['head']}{t('두', ' head')}, {t('휴약기간', 'withdrawal')} "
                f"{v['withdrawal_days']}{t('일', ' days')}")
    return e.json()


def _cycle_of(e: crop_log.Entry) -> str:
    return str(e.values.get("cycle", e.values.get("batch", "")))


def cycle(store: Store, raw: dict, start: datetime, end: datetime, out: Path,
          integrity: tuple[bool, str], lang: str = "ko") -> Path:
    t0, t1 = _ms(start), _ms(end)
    cfg, site, zones = _zone_reports(store, raw, t0, t1)
    log = crop_log.entries(store, t0, t1)
    if out.suffix.lower() != ".pdf":
        return write_sheets(out, {
            "log": (["zone", "time", "entry", "cycle", "values", "user", "note"],
                    [[e.zone, stamp(e.ts, site), e.table, _cycle_of(e),
                      e.json(), e.values["user"], e.values["note"]] for e in log]),
            "zones": (["zone", "days", "dli_sum", "dli_mean", "gdd_accumulated",
                       "condensation_h", "band_incidents"],
                      [[zr.zone.id, len(zr.days),
                        num(sum(d.dli for d in zr.days if d.dli is not None)),
                        num(_mean_dli(zr)), num(zr.gdd_total),
                        num(sum(d.condensation_h or 0 for d in zr.days)), len(zr.incidents)]
                       for zr in zones])})
    st = _styles()
    t = _say(lang)
    story = _head(st, t("작기 요약", "Crop-cycle summary"), _plant(raw), t0, t1, site, lang)
    for zr in zones:
        z = zr.zone
        story.append(Paragraph(local_name(z.name, lang), st["h2"]))
        harvest = [e for e in log if e.zone == z.id and e.table == "farm_harvest"]
        by_grade: dict[tuple[str, str], float] = {}
        for e in harvest:
            k = (e.values["grade"], e.values["unit"])
            by_grade[k] = by_grade.get(k, 0.0) + e.values["quantity"]
        rows = [[t("항목", "item"), t("값", "value")],
                [t("기록 일수", "days with readings"),
                 str(sum(1 for d in zr.days if d.n_readings))],
                [t("누적 생육도일", "GDD accumulated"),
                 f"{zr.gdd_total:.1f} °C·d (Tbase {z.base_temp:g})"],
                [t("평균 DLI", "mean DLI"), f"{num(_mean_dli(zr))} mol/m²/d"],
                [t("결로 위험 합계", "condensation-risk total"),
                 f"{sum(d.condensation_h or 0 for d in zr.days):.1f} h"],
                [t("관리범위 이탈", "band incidents"), str(len(zr.incidents))],
                [t("수확 합계", "harvest total"), ", ".join(
                    f"{crop_log.label(crop_log.GRADES, g, lang)} {q:g} {u}"
                    for (g, u), q in sorted(by_grade.items())) or "—"]]
        story.append(_table(rows, [70 * mm, 100 * mm]))
        zlog = [e for e in log if e.zone == z.id]
        story.append(Paragraph(t("영농 일지", "Crop log"), st["h2"]))
        lrow = [[t("일시", "time"), t("구분", "entry"), t("작기", "cycle"),
                 t("내용", "details"), t("작성", "by")]]
        for e in zlog:
            what = t(crop_log.ENTRY_KO[e.table], crop_log.ENTRY_TITLES[e.table])
            note = f"<br/>{t('비고', 'note')}: {e.values['note']}" if e.values["note"] else ""
            lrow.append([stamp(e.ts, site), Paragraph(what, st["small"]), _cycle_of(e),
                         Paragraph(pdf_text(entry_text(e, site, lang)) + note, st["small"]),
                         e.values["user"]])
        if len(lrow) == 1:
            lrow.append(["—", t("기록 없음", "no entries"), "", "", ""])
        story.append(_table(lrow, [26 * mm, 30 * mm, 20 * mm, 94 * mm, 16 * mm]))
    story += _foot(st, integrity, (t(FORMULA_DLI_KO, FORMULA_DLI),
                                   t(FORMULA_GDD_KO, FORMULA_GDD)), lang)
    _doc(out, t("작기 요약", "Crop-cycle summary")).build(story)
    return out


def _mean_dli(zr: ZoneReport) -> float | None:
    xs = [d.dli for d in zr.days if d.dli is not None]
    return sum(xs) / len(xs) if xs else None


# ---------------------------------------------------------------- spraying (GAP)
def spraying(store: Store, raw: dict, start: datetime, end: datetime, out: Path,
             integrity: tuple[bool, str], lang: str = "ko") -> Path:
    t0, t1 = _ms(start), _ms(end)
    cfg, site = farm_config(raw)
    names = {z.id: z for z in cfg.zones}
    sprays = crop_log.entries(store, t0, t1, tables=(crop_log.SPRAY,))
    harvests = crop_log.entries(store, t0, 2**62, tables=(crop_log.HARVEST,))
    rows = []
    for e in sprays:
        v = e.values
        day0 = datetime.fromtimestamp(e.ts / 1000, site.tz).date().isoformat()
        inside = [h for h in harvests if h.zone == e.zone and h.values["cycle"] == v["cycle"]
                  and h.ts >= e.ts and day0 <= stamp(h.ts, site)[:10] < v["blocked_until"]]
        zone = names.get(e.zone)
        rows.append((e, zone, inside))
    if out.suffix.lower() != ".pdf":
        return write_sheets(out, {"spraying": (
            ["time", "zone", "crop", "cycle", "product", "active_ingredient", "dose",
             "dose_unit", "target", "phi_days", "blocked_until", "applicator",
             "harvests_inside_phi", "note"],
            [[stamp(e.ts, site), e.zone, z.crop if z else "", e.values["cycle"],
              e.values["product"], e.values["active_ingredient"], e.values["dose"],
              e.values["dose_unit"], e.values["target"], e.values["phi_days"],
              e.values["blocked_until"], e.values["user"], len(inside), e.values["note"]]
             for e, z, inside in rows])})
    st = _styles()
    t = _say(lang)
    story = _head(st, t("농약 살포 기록 (GAP)", "Spraying record (GAP)"), _plant(raw), t0, t1,
                  site, lang)
    head = [t("살포 일시", "date"), t("구역·작물", "zone / crop"),
            t("농약명 (성분)", "product (a.i.)"), t("사용량", "dose"), t("대상 병해충", "target"),
            t("안전사용기간\n일", "PHI\ndays"), t("수확 가능일", "harvest from"),
            t("살포자", "by"), t("안전사용기간\n준수", "PHI kept")]
    data: list[list] = [head]
    extra = []
    for i, (e, z, inside) in enumerate(rows, start=1):
        v = e.values
        ok = t("준수", "kept") if not inside else t(f"위반 {len(inside)}건",
                                                   f"VIOLATED ({len(inside)})")
        if inside:
            extra.append(("BACKGROUND", (8, i), (8, i), OUT_BG))
        data.append([stamp(e.ts, site), Paragraph(f"{local_name(z.name, lang) if z else e.zone}<br/>"
                                                  f"{z.crop if z else ''}", st["small"]),
                     Paragraph(f"{v['product']}<br/>({v['active_ingredient']})", st["small"]),
                     f"{v['dose']:g} {v['dose_unit']}", Paragraph(v["target"], st["small"]),
                     str(v["phi_days"]), v["blocked_until"], v["user"], ok])
    if not rows:
        data.append(["—", t("살포 기록 없음", "no spraying recorded"), "", "", "", "", "", "",
                     ""])
    story.append(_table(data, [26 * mm, 34 * mm, 46 * mm, 22 * mm, 30 * mm, 18 * mm, 24 * mm,
                               18 * mm, 28 * mm], extra))
    story.append(Spacer(1, 6 * mm))
    story.append(_table([[t("확인", "checked"), t("농가 대표", "farm manager"),
                          t("GAP 심사원", "GAP inspector")],
                         ["", "", ""]], [30 * mm, 60 * mm, 60 * mm],
                        [("ROWHEIGHT", (0, 1), (-1, 1), 14 * mm)]))
    story += _foot(st, integrity, (
        t("수확 가능일 = 살포일 + 안전사용기간(일)",
          "Harvest-from date = spray date + pre-harvest interval (days)"),), lang)
    _doc(out, t("농약 살포 기록", "Spraying record"), wide=True).build(story)
    return out


CYCLE = Period("cycle", "Crop cycle", "작기", "YYYY-MM-DD..YYYY-MM-DD (planting to last "
               "harvest)", range_)

REPORTS: tuple[ReportDef, ...] = (
    ReportDef("farm-weekly", "주간 환경 보고서 (weekly climate report)", "week",
              ("pdf", "csv", "xlsx"), weekly, "주간 환경 보고서"),
    ReportDef("farm-cycle", "작기 요약 (crop-cycle summary)", CYCLE, ("pdf", "csv", "xlsx"),
              cycle, "작기 요약"),
    ReportDef("farm-spraying", "농약 살포 기록 GAP (spraying record)", "range",
              ("pdf", "csv", "xlsx"), spraying, "농약 살포 기록"),
)
