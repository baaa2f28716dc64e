"""HACCP reports as PDF, in the layout Korean plants and inspectors know.

- daily CCP monitoring log (CCP 모니터링 일지): sign-off box (작성/검토/승인) top right; per CCP
  its critical limit, method, a table of time / value / verdict / corrective action /
  checker, min/max, deviations; remarks at the foot;
- deviation and corrective-action report (한계기준 이탈 및 개선조치 보고서);
- monthly verification summary (월간 검증 요약) with a trend chart per CCP.
Every report states whether the record's chain verified when it was generated, and marks
manual (수기) and corrected (정정) values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from deungdae.records.store import Store
from deungdae.sectors.haccp.ccp_config import CCP
from deungdae.sectors.haccp.deviations import DISPOSITION_KO, Deviation
from deungdae.sectors.haccp.readiness import Check
from deungdae.sectors.haccp.report_data import (
    NG,
    REASON_KO,
    STATUS_KO,
    CcpSection,
    Period,
    ccp_sections,
    lifecycle_events,
)
from deungdae.sectors.report_fonts import korean_font

GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#E8EEF4")
NG_BG = colors.HexColor("#FDE2E1")


@dataclass(slots=True)
class Signoff:
    meaning: str  # performed / reviewed / approved
    name: str
    when: str


@dataclass(slots=True)
class ReportContext:
    """What every report needs beyond the record itself."""

    plant: str
    ccps: list[CCP]
    units: dict[str, str]
    integrity: str  # e.g. "위·변조 검증 통과 (chain verified, 12,345 rows)" or the failure
    integrity_ok: bool
    signoffs: Sequence[Signoff] = ()
    readiness: Sequence[Check] = ()


def _styles():
    f = korean_font()
    base = ParagraphStyle("base", fontName=f.regular, fontSize=8.5, leading=11, alignment=TA_LEFT)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "title": ParagraphStyle("title", parent=base, fontName=f.bold, fontSize=16, leading=20),
        "h2": ParagraphStyle("h2", parent=base, fontName=f.bold, fontSize=11, leading=14,
                             spaceBefore=6, spaceAfter=3),
        "bold": ParagraphStyle("bold", parent=base, fontName=f.bold),
        "ok": ParagraphStyle("ok", parent=base, textColor=colors.HexColor("#1B5E20")),
        "bad": ParagraphStyle("bad", parent=base, fontName=f.bold,
                              textColor=colors.HexColor("#B71C1C")),
    }


def _table(data, widths, header_rows: int = 1, extra: Sequence = ()) -> Table:
    f = korean_font()
    t = Table(data, colWidths=widths, repeatRows=header_rows)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), f.regular),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), f.bold),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *extra,
    ]))
    return t


def _signoff_box(ctx: ReportContext, st) -> Table:
    by = {s.meaning: s for s in ctx.signoffs}
    cells = []
    for meaning in ("performed", "reviewed", "approved"):
        s = by.get(meaning)
        cells.append(Paragraph(f"{s.name}<br/>{s.when}" if s else "<br/><br/>", st["small"]))
    return _table([["결재", "작성", "검토", "승인"], ["", *cells]],
                  [10 * mm, 24 * mm, 24 * mm, 24 * mm],
                  extra=[("SPAN", (0, 0), (0, 1)), ("ROWHEIGHT", (0, 1), (-1, 1), 14 * mm)])


def _header(ctx: ReportContext, title: str, subtitle: str, st) -> list:
    left = [Paragraph(title, st["title"]), Spacer(1, 2 * mm),
            Paragraph(f"{ctx.plant}<br/>{subtitle}", st["base"])]
    head = Table([[left, _signoff_box(ctx, st)]], colWidths=[95 * mm, 87 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    integ = Paragraph(("[확인] " if ctx.integrity_ok else "[주의] ") + "기록 무결성 (record integrity): "
                      + ctx.integrity, st["ok"] if ctx.integrity_ok else st["bad"])
    return [head, Spacer(1, 3 * mm), integ, Spacer(1, 2 * mm)]


def _footer(generated: str):
    def draw(canvas, doc):
        f = korean_font()
        canvas.saveState()
        canvas.setFont(f.regular, 7)
        canvas.drawString(15 * mm, 10 * mm, f"Deungdae 등대 · 생성 {generated} · 수기 = 수동 입력 "
                          "(manual), 정정 = 정정된 값 (corrected; 원래 값은 기록에 남음)")
        canvas.drawRightString(195 * mm, 10 * mm, f"{doc.page}")
        canvas.restoreState()
    return draw


def _doc(path: Path, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(str(path), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm,
                             topMargin=12 * mm, bottomMargin=16 * mm, title=title,
                             author="Deungdae", creator="Deungdae")


def _section_flow(sec: CcpSection, period: Period, st) -> list:
    c = sec.ccp
    head = _table([
        [Paragraph(f"<b>{c.name}</b>", st["bold"]), "한계기준", Paragraph(sec.limit_text,
                                                                      st["base"])],
        ["", "모니터링 방법·주기", Paragraph(
            (c.method or "자동 기록") + (f" · {c.frequency_s / 60:g}분마다" if c.frequency_s
                                     else ""), st["base"])],
        ["", "최저 / 최고", f"{_v(sec.vmin, sec.unit)} / {_v(sec.vmax, sec.unit)}  "
                         f"(측정 {sec.n_readings:,}건, 수기 {sec.n_manual}건"
                         + (f", 금속 배제 {sec.rejects}회" if c.kind == "metal_detection" else "")
                         + ")"],
    ], [48 * mm, 30 * mm, 104 * mm], header_rows=0,
        extra=[("SPAN", (0, 0), (0, 2)), ("BACKGROUND", (1, 0), (1, -1), HEAD_BG)])
    rows = [["측정 시각", "측정값", "판정", "개선조치", "확인자"]]
    marks = []
    for i, r in enumerate(sec.rows, start=1):
        value = r.value + (" [수기]" if r.manual and "수기" not in r.value else "") + (
            " [정정]" if r.corrected else "")
        rows.append([r.time, Paragraph(value, st["small"]), r.verdict,
                     Paragraph(r.action, st["small"]), Paragraph(r.checker, st["small"])])
        if r.verdict == NG:
            marks.append(("BACKGROUND", (0, i), (-1, i), NG_BG))
    if len(rows) == 1:
        rows.append(["—", "이 날 기록된 모니터링 없음 (no monitoring recorded)", "", "", ""])
    table = _table(rows, [24 * mm, 62 * mm, 14 * mm, 58 * mm, 24 * mm], extra=marks)
    return [KeepTogether([head, Spacer(1, 1.5 * mm)]), table, Spacer(1, 5 * mm)]


def _v(v: float | None, unit: str) -> str:
    return "—" if v is None else f"{v:.1f} {unit}"


def _deviation_table(devs: Sequence[Deviation], period: Period, st) -> Table:
    rows = [["발생 시각", "CCP", "이탈 내용", "상태", "개선조치 (원인 / 조치 / 제품 처리 / 담당)",
             "검증"]]
    for d in devs:
        e = d.event
        acts = []
        for a in d.actions:
            disp = a.data.get("disposition", "")
            acts.append(f"{a.data.get('cause', '')} / {a.data.get('action', '')} / "
                        f"{DISPOSITION_KO.get(disp, disp)} / {a.user} ({period.stamp(a.ts)})")
        ver = "; ".join(f"{v.user} ({period.stamp(v.ts)}, 승인)" for v in d.verifications)
        rows.append([Paragraph(period.stamp(e.ts), st["small"]), Paragraph(d.ccp, st["small"]),
                     Paragraph(f"[{REASON_KO.get(e.data.get('reason'), e.data.get('reason'))}] "
                               f"{e.message}", st["small"]),
                     Paragraph(STATUS_KO[d.status], st["small"]),
                     Paragraph("<br/>".join(acts) or "—", st["small"]),
                     Paragraph(ver or "—", st["small"])])
    if len(rows) == 1:
        rows.append(["—", "", "이탈 없음 (no deviation)", "", "", ""])
    return _table(rows, [22 * mm, 16 * mm, 50 * mm, 18 * mm, 50 * mm, 26 * mm])


def daily_log(store: Store, ctx: ReportContext, period: Period, out: Path) -> Path:
    st = _styles()
    events = lifecycle_events(store, period)
    sections = ccp_sections(store, ctx.ccps, ctx.units, period, events)
    day = period.start.strftime("%Y-%m-%d")
    flow = _header(ctx, "CCP 모니터링 일지", f"일자 {day} · CCP monitoring log", st)
    for sec in sections:
        flow += _section_flow(sec, period, st)
    devs = [d for s in sections for d in s.deviations]
    if ctx.readiness:
        flow += [KeepTogether([Paragraph("스마트 HACCP 요건 점검 (smart HACCP readiness)",
                                         st["h2"]), _readiness_table(ctx.readiness, st)]),
                 Spacer(1, 4 * mm)]
    flow += [KeepTogether([
        Paragraph("한계기준 이탈 및 개선조치 (deviations and corrective actions)", st["h2"]),
        _deviation_table(devs, period, st)]), Spacer(1, 4 * mm),
             Paragraph("특이사항 (remarks)", st["h2"]),
             _table([[Paragraph(_remarks(sections), st["base"])]], [182 * mm], header_rows=0)]
    doc = _doc(out, f"CCP 모니터링 일지 {day}")
    gen = datetime.now(period.tz).strftime("%Y-%m-%d %H:%M")
    doc.build(flow, onFirstPage=_footer(gen), onLaterPages=_footer(gen))
    return out


def _readiness_table(checks: Sequence[Check], st) -> Table:
    rows = [["요건", "판정", "근거"]]
    marks = []
    for i, c in enumerate(checks, start=1):
        rows.append([Paragraph(c.title, st["small"]), "충족" if c.met else "미충족",
                     Paragraph(c.why, st["small"])])
        if not c.met:
            marks.append(("BACKGROUND", (0, i), (-1, i), NG_BG))
    return _table(rows, [62 * mm, 16 * mm, 104 * mm], extra=marks)


def _remarks(sections: Sequence[CcpSection]) -> str:
    lines = []
    for s in sections:
        open_ = [d for d in s.deviations if d.status != "closed"]
        if open_:
            lines.append(f"{s.ccp.id}: 미종결 이탈 {len(open_)}건 — 개선조치·검증 필요")
        if s.n_manual:
            lines.append(f"{s.ccp.id}: 수기 기록 {s.n_manual}건 (자동 기록 중단 시 대체 기록)")
    return "<br/>".join(lines) or "없음"


def deviation_report(store: Store, ctx: ReportContext, period: Period, out: Path) -> Path:
    st = _styles()
    events = lifecycle_events(store, period)
    from deungdae.sectors.haccp.deviations import collect

    devs = collect(events)
    span = f"{period.start:%Y-%m-%d} ~ {period.end:%Y-%m-%d} (종료일 제외)"
    flow = _header(ctx, "한계기준 이탈 및 개선조치 보고서", f"기간 {span}", st)
    flow += [_deviation_table(devs, period, st)]
    doc = _doc(out, "한계기준 이탈 및 개선조치 보고서")
    gen = datetime.now(period.tz).strftime("%Y-%m-%d %H:%M")
    doc.build(flow, onFirstPage=_footer(gen), onLaterPages=_footer(gen))
    return out


def _trend(store: Store, ccp: CCP, unit: str, period: Period) -> Drawing | None:
    try:
        ch = store.channel_id(ccp.channel)
    except KeyError:
        return None
    buckets = store.downsample(ch, period.t0, period.t1, 1440)
    if not buckets:
        return None
    f = korean_font()
    d = Drawing(182 * mm, 55 * mm)
    lp = LinePlot()
    lp.x, lp.y, lp.width, lp.height = 12 * mm, 8 * mm, 165 * mm, 42 * mm
    day = 86_400_000
    xs = [(b.ts - period.t0) / day for b in buckets]
    lp.data = [list(zip(xs, [b.vmax for b in buckets], strict=True)),
               list(zip(xs, [b.avg for b in buckets], strict=True)),
               list(zip(xs, [b.vmin for b in buckets], strict=True))]
    lp.lines[0].strokeColor = colors.HexColor("#E57373")
    lp.lines[1].strokeColor = colors.HexColor("#1565C0")
    lp.lines[2].strokeColor = colors.HexColor("#64B5F6")
    for i in range(3):
        lp.lines[i].strokeWidth = 0.6
    lp.xValueAxis.valueMin = 0
    lp.xValueAxis.valueMax = (period.t1 - period.t0) / day
    lp.xValueAxis.valueStep = 5
    lp.xValueAxis.labels.fontName = f.regular
    lp.yValueAxis.labels.fontName = f.regular
    lp.xValueAxis.labels.fontSize = lp.yValueAxis.labels.fontSize = 7
    lo = min(b.vmin for b in buckets)
    hi = max(b.vmax for b in buckets)
    if ccp.limit is not None:
        lo, hi = min(lo, ccp.limit), max(hi, ccp.limit)
    pad = (hi - lo) * 0.08 or 1
    lp.yValueAxis.valueMin, lp.yValueAxis.valueMax = lo - pad, hi + pad
    d.add(lp)
    if ccp.limit is not None:
        y = lp.y + (ccp.limit - (lo - pad)) / ((hi + pad) - (lo - pad)) * lp.height
        d.add(Line(lp.x, y, lp.x + lp.width, y, strokeColor=colors.red, strokeDashArray=[3, 2]))
        d.add(String(lp.x + lp.width - 2, y + 2, f"한계기준 {ccp.limit:g} {unit}",
                     fontName=f.regular, fontSize=7, fillColor=colors.red, textAnchor="end"))
    d.add(String(lp.x, lp.y + lp.height + 3, f"{ccp.name} — 최고/평균/최저 ({unit}), x = 일",
                 fontName=f.regular, fontSize=7.5))
    return d


def monthly_summary(store: Store, ctx: ReportContext, period: Period, out: Path) -> Path:
    st = _styles()
    events = lifecycle_events(store, period)
    sections = ccp_sections(store, ctx.ccps, ctx.units, period, events, hourly=False)
    month = period.start.strftime("%Y-%m")
    flow = _header(ctx, "월간 CCP 검증 요약", f"{month} · monthly verification summary", st)
    rows = [["CCP", "한계기준", "최저", "최고", "측정 건수", "수기", "이탈", "미종결"]]
    for s in sections:
        open_ = sum(1 for d in s.deviations if d.status != "closed")
        rows.append([Paragraph(s.ccp.name, st["small"]), Paragraph(s.limit_text, st["small"]),
                     _v(s.vmin, s.unit), _v(s.vmax, s.unit), f"{s.n_readings:,}",
                     str(s.n_manual), str(len(s.deviations)), str(open_)])
    flow += [_table(rows, [42 * mm, 44 * mm, 18 * mm, 18 * mm, 18 * mm, 12 * mm, 14 * mm,
                           16 * mm]), Spacer(1, 4 * mm)]
    for s in sections:
        chart = _trend(store, s.ccp, s.unit, period)
        if chart is not None:
            flow += [KeepTogether([chart, Spacer(1, 3 * mm)])]
    flow += [PageBreak(), Paragraph("이탈 및 개선조치 (deviations)", st["h2"]),
             _deviation_table([d for s in sections for d in s.deviations], period, st)]
    doc = _doc(out, f"월간 CCP 검증 요약 {month}")
    gen = datetime.now(period.tz).strftime("%Y-%m-%d %H:%M")
    doc.build(flow, onFirstPage=_footer(gen), onLaterPages=_footer(gen))
    return out
