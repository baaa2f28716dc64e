"""The manufacturing reports as PDF (reportlab, the Korean font from `report_fonts`).

- shift report (근무조 실적 보고서): per machine and shift the ISO 22400 figures, time in
  each state, every stop with its reason and who gave it, the downtime Pareto and the
  six big losses;
- lot / charge record (로트·장입 기록): per lot its window, who started and ended it, each
  criterion with the numbers that decided it, the process curve with the band, and the
  verdict; a lot out of its window is marked on the page;
- monthly OEE (월간 설비종합효율): per machine and in total, the loss Pareto with a bar
  chart and the six big losses.

Each page speaks one language, the one asked for (Korean by default): the labels are
written "한국어 (English)" and `L` shows the side of the report's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
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

from deungdae.sectors.api.integrity import integrity_in
from deungdae.sectors.api.names import local_name
from deungdae.sectors.manufacturing.config import FURNACE_CLASS_TOLERANCE
from deungdae.sectors.manufacturing.figures import STATE_EN, STATE_KO, ShiftFigures
from deungdae.sectors.manufacturing.machine_state import State
from deungdae.sectors.manufacturing.process_window import Band, Soak
from deungdae.sectors.manufacturing.report_data import LotRecord, Month, Plant
from deungdae.sectors.manufacturing.report_text import (
    LOSS_NAMES,
    clock,
    hms,
    num,
    pct,
    reason_label,
    stamp,
)
from deungdae.sectors.report_fonts import korean_font

# The language of the report being built: set by each `*_pdf` for the pages it makes (a
# context variable, so two reports built at once on two threads do not mix).
_LANG: ContextVar[str] = ContextVar("mfg_report_lang", default="ko")


def L(text: str) -> str:
    """"한국어 (English)" in the report's language."""
    return local_name(text, _LANG.get())


def T(ko: str, en: str) -> str:
    return en if _LANG.get().startswith("en") else ko


# a shift's config name (`[[site.shifts]] name`) as people say it, when it is a common one
SHIFT_WORDS = {"day": ("주간", "day"), "night": ("야간", "night"), "morning": ("오전", "morning"),
               "afternoon": ("오후", "afternoon"), "evening": ("저녁", "evening")}


@contextmanager
def _language(lang: str):
    token = _LANG.set(lang or "ko")
    try:
        yield
    finally:
        _LANG.reset(token)

GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#E8EEF4")
NG_BG = colors.HexColor("#FDE2E1")
STATE_COLOURS = {State.RUNNING: "#2E7D32", State.IDLE: "#F9A825", State.SETUP: "#1565C0",
                 State.PLANNED_STOP: "#9E9E9E", State.BREAKDOWN: "#C62828",
                 State.OFF: "#424242", State.UNKNOWN: "#E0E0E0"}


def _styles() -> dict[str, ParagraphStyle]:
    f = korean_font()
    base = ParagraphStyle("base", fontName=f.regular, fontSize=8.5, leading=11)
    return {"base": base,
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
            "title": ParagraphStyle("title", parent=base, fontName=f.bold, fontSize=15,
                                    leading=19),
            "h2": ParagraphStyle("h2", parent=base, fontName=f.bold, fontSize=11, leading=14,
                                 spaceBefore=6, spaceAfter=3),
            "ok": ParagraphStyle("ok", parent=base, textColor=colors.HexColor("#1B5E20")),
            "bad": ParagraphStyle("bad", parent=base, fontName=f.bold,
                                  textColor=colors.HexColor("#B71C1C"))}


def _table(data, widths, header_rows: int = 1, extra: Sequence = ()) -> Table:
    f = korean_font()
    t = Table(data, colWidths=widths, repeatRows=header_rows)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), f.regular), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *([("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
           ("FONTNAME", (0, 0), (-1, header_rows - 1), f.bold)] if header_rows else []),
        *extra]))
    return t


def _doc(path: Path, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(str(path), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm,
                             topMargin=12 * mm, bottomMargin=16 * mm, title=title,
                             author="Deungdae", creator="Deungdae")


def _footer(canvas, doc) -> None:
    f = korean_font()
    canvas.saveState()
    canvas.setFont(f.regular, 7)
    canvas.drawString(14 * mm, 9 * mm, "Deungdae 등대 · " + T(
        "ISO 22400-2 용어 · 시간은 초 단위, 수량은 개 단위로 정확",
        "ISO 22400-2 terms · times exact to the second, counts to the piece"))
    canvas.drawRightString(196 * mm, 9 * mm, str(doc.page))
    canvas.restoreState()


def _sign_cells(sigs: Sequence, tz, st) -> list:
    """Names and times of the e-signatures by meaning (an invalidated one says so)."""
    cells = []
    for meaning in ("performed", "reviewed", "approved"):
        got = [x for x in sigs if x.meaning == meaning]
        cells.append(Paragraph("<br/>".join(
            f"{x.printed_name}<br/>{stamp(x.ts, tz)}" + (
                "" if x.valid else "<br/>" + T("무효", "invalid"))
            for x in got), st["small"]) if got else "")
    return cells


def _header(p: Plant, title: str, subtitle: str, integrity: tuple[bool, str], st,
            sigs: Sequence = ()) -> list:
    signs = _table([[L("결재 (sign)"), L("작성 (performed)"), L("검토 (reviewed)"), L("승인 (approved)")],
                    ["", *_sign_cells(sigs, p.site.tz, st)]], [18 * mm, 22 * mm, 22 * mm, 22 * mm],
                   extra=[("ROWHEIGHT", (0, 1), (-1, 1), 12 * mm), ("FONTSIZE", (0, 0), (-1, 0), 6)])
    left = [Paragraph(title[:1].upper() + title[1:], st["title"]), Spacer(1, 2 * mm),
            Paragraph(f"{L(p.name)}<br/>{subtitle}", st["base"])]
    head = Table([[left, signs]], colWidths=[98 * mm, 84 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    ok, text = integrity
    mark = T("[확인] ", "[checked] ") if ok else T("[주의] ", "[WARNING] ")
    integ = Paragraph(mark + T("기록 무결성", "Record integrity") + ": "
                      + integrity_in((ok, text), _LANG.get()), st["ok"] if ok else st["bad"])
    return [head, Spacer(1, 3 * mm), integ, Spacer(1, 3 * mm)]


def _timeline(f: ShiftFigures, tz) -> Drawing:
    """The shift as a bar coloured by state (grey hatching: outside planned busy time)."""
    w, h = 182 * mm, 16 * mm
    d = Drawing(w, h)
    span = max(f.end_ms - f.start_ms, 1)
    x = lambda t: (t - f.start_ms) / span * w  # noqa: E731
    from reportlab.graphics.shapes import Rect

    d.add(Rect(0, 6, w, 8, fillColor=colors.HexColor("#FFFFFF"), strokeColor=GRID))
    for iv in f.states:
        d.add(Rect(x(iv.start_ms), 6, max(x(iv.end_ms) - x(iv.start_ms), 0.3), 8,
                   fillColor=colors.HexColor(STATE_COLOURS[iv.state]), strokeWidth=0))
    t = f.start_ms
    while t <= f.end_ms:
        d.add(Line(x(t), 4, x(t), 6, strokeColor=GRID))
        d.add(String(x(t), 0, clock(t, tz)[:5], fontName=korean_font().regular, fontSize=5,
                     textAnchor="middle"))
        t += 3_600_000
    return d


def _legend(st) -> Paragraph:
    parts = [f'<font color="{STATE_COLOURS[s]}">■</font> {T(STATE_KO[s], STATE_EN[s])}'
             for s in STATE_COLOURS]
    return Paragraph(" · ".join(parts), st["small"])


def _shift_flow(f: ShiftFigures, p: Plant, st) -> list:
    tz = p.site.tz
    m = p.settings.machine(f.machine)
    r = f.result
    scrap = r.produced - r.good
    cycles = ", ".join(f"{x.product} {x.ideal_cycle_ms / 1000:g} s" for x in f.runs) or "—"
    figs = [
        [T("항목 (ISO 22400)", "item (ISO 22400)"), L("값 (value)"), T("항목", "item"),
         L("값 (value)")],
        [L("계획 가동 시간 (planned busy time)"), hms(r.planned_busy_ms),
         L("생산 수량 (produced)"), f"{r.produced:,}"],
        [L("실 가동 시간 (actual production time)"), hms(r.actual_production_ms),
         L("양품 (good)"), f"{r.good:,}"],
        [L("시간 가동률 (availability)"), pct(r.availability), L("불량 (scrap)"), f"{scrap:,}"],
        [L("성능 가동률 (performance)"), pct(r.performance), L("기준 사이클 (ideal cycle)"), cycles],
        [L("양품률 (quality ratio)"), pct(r.quality), L("고장 횟수 (failures)"),
         str(f.reliability.failures)],
        [L("설비종합효율 (OEE)"), pct(r.oee), "MTBF / MTTR", f"{hms(f.reliability.mtbf_ms)} / "
                                                   f"{hms(f.reliability.mttr_ms)}"],
        [L("직행률 (first-pass yield)"), pct(f.first_pass_yield), L("불량률 (scrap ratio)"),
         pct(r.scrap_ratio)],
    ]
    ko, en = SHIFT_WORDS.get(f.shift.lower(), (f.shift, f.shift))
    shift = T(f"{ko} 근무조", f"{en} shift")
    flow = [Paragraph(f"{L(m.name)} — {shift} {stamp(f.start_ms, tz)} ~ "
                      f"{clock(f.end_ms, tz)[:5]}"
                      + (T(" (진행 중)", " (in progress)") if f.in_progress else ""), st["h2"]),
            _table(figs, [58 * mm, 32 * mm, 50 * mm, 42 * mm],
                   extra=[("BACKGROUND", (0, 6), (1, 6), HEAD_BG)]),
            Paragraph(L("직행률: 재작업 계수가 있는 설비만 (first-pass yield needs a rework count)"),
                      st["small"]),
            Spacer(1, 2 * mm), _timeline(f, tz), _legend(st), Spacer(1, 2 * mm)]
    times = [[L("상태 (state)")] + [Paragraph(T(STATE_KO[s], STATE_EN[s]), st["small"])
                                    for s in STATE_COLOURS],
             [L("계획 시간 내 (in busy time)")] + [hms(f.time_in(s)) for s in STATE_COLOURS]]
    flow += [_table(times, [34 * mm] + [21 * mm] * 7), Spacer(1, 2 * mm)]
    rows = [[L("시작 (start)"), L("종료 (end)"), L("시간 (busy time)"), L("상태 (state)"),
             L("사유 (reason)"), L("입력자 (by)")]]
    marks = []
    for i, s in enumerate(f.stops, start=1):
        states = sorted({x.state for x in s.parts}, key=list(STATE_COLOURS).index)
        entry = f.reason_of(s)
        rsn = entry.reason if entry else next((x.reason for x in s.parts if x.reason), None)
        by = entry.entered_by if entry else ""
        if s in f.unexplained:
            marks.append(("BACKGROUND", (0, i), (-1, i), NG_BG))
        rows.append([clock(s.start_ms, tz), clock(s.end_ms, tz), hms(s.duration_ms),
                     Paragraph(", ".join(T(STATE_KO[x], STATE_EN[x]) for x in states),
                               st["small"]),
                     Paragraph(L(reason_label(p.settings, rsn)) if rsn else
                               (L("사유 미입력 (no reason)") if s in f.unexplained
                                else "—"), st["small"]), by])
    if len(rows) == 1:
        rows.append(["—", "", "", L("정지 없음 (no stops)"), "", ""])
    flow += [Paragraph(T("정지 내역 (분홍 = 사유 필요)", "Stops (pink = reason needed)"),
                       st["base"]),
             _table(rows, [22 * mm, 22 * mm, 22 * mm, 32 * mm, 60 * mm, 24 * mm], extra=marks),
             Spacer(1, 2 * mm)]
    flow += _pareto_and_losses(p, [(x.reason, x.duration_ms, x.count) for x in f.pareto],
                               f.six.parts(), f.six.planned_busy_ms, st)
    return flow


def _pareto_and_losses(p: Plant, pareto: Sequence[tuple[str, int, int]],
                       losses: dict[str, float], pbt: float, st) -> list:
    total = sum(d for _, d, _ in pareto)
    rows = [[L("정지 사유 (reason)"), L("정지 시간 (downtime)"), L("횟수 (stops)"), L("비율 (share)"),
             L("누적 (cumulative)")]]
    cum = 0
    for key, d, n in pareto:
        cum += d
        rows.append([Paragraph(L(reason_label(p.settings, key)), st["small"]), hms(d), str(n),
                     pct(d / total if total else None), pct(cum / total if total else None)])
    if len(rows) == 1:
        rows.append([L("정지 없음 (no downtime)"), "", "", "", ""])
    six = [[L("6대 로스 (six big losses)"), L("시간 (time)"), L("계획 시간 대비 (of busy time)")]]
    for k, v in losses.items():
        ko, en = LOSS_NAMES[k]
        six.append([T(ko, en), hms(v), pct(v / pbt if pbt else None)])
    six.append([L("합계 (total = planned busy time)"), hms(sum(losses.values())),
                pct(sum(losses.values()) / pbt if pbt else None)])
    return [KeepTogether([Paragraph(L("정지 파레토 (downtime Pareto)"), st["base"]),
                          _table(rows, [70 * mm, 30 * mm, 22 * mm, 28 * mm, 32 * mm])]),
            Spacer(1, 2 * mm),
            KeepTogether([_table(six, [90 * mm, 40 * mm, 52 * mm])]), Spacer(1, 4 * mm)]


def shift_pdf(out: Path, p: Plant, figures: Sequence[ShiftFigures], span: str,
              integrity: tuple[bool, str], lang: str = "ko") -> Path:
    with _language(lang):
        return _shift_pdf(out, p, figures, span, integrity)


def _shift_pdf(out: Path, p: Plant, figures: Sequence[ShiftFigures], span: str,
               integrity: tuple[bool, str]) -> Path:
    st = _styles()
    flow = _header(p, L("근무조 실적 보고서 (shift report)"), span, integrity, st)
    if not figures:
        flow.append(Paragraph(T("이 기간에 근무조가 없습니다 ([[site.shifts]]와 site.holidays "
                                "참고)", "No shift in this period: see [[site.shifts]] and "
                                "site.holidays"), st["base"]))
    for i, f in enumerate(figures):
        if i:
            flow.append(PageBreak())
        flow += _shift_flow(f, p, st)
    _doc(out, T("근무조 실적 보고서", "shift report")).build(flow, onFirstPage=_footer, onLaterPages=_footer)
    return out


# ------------------------------------------------------------------------------ lots
def _criterion_rows(lr: LotRecord, st) -> tuple[list, list]:
    rows = [[L("기준 (criterion)"), L("요구 (required)"), L("측정 (measured)"), L("판정 (verdict)")]]
    marks = []
    for i, c in enumerate(lr.verdict.results, start=1):
        n = c.numbers
        if c.kind == "band" or c.kind == "current_density":
            need = (f"{n.get('low', 0):g}–{n.get('high', 0):g}, ≥ "
                    f"{(n.get('required_fraction') or 1) * 100:.0f} % " + T("시간", "of the time"))
            got = (T("최저", "min") + f" {num(n.get('min'))} / " + T("평균", "mean")
                   + f" {num(n.get('mean'))} / " + T("최고", "max") + f" {num(n.get('max'))}; "
                   + T("범위 내", "in band") + f" {pct(n.get('fraction_in_band'))} ("
                   + T("이탈", "out") + f" {hms(n.get('time_out_ms'))}, "
                   + T("데이터 없음", "no data") + f" {hms(n.get('no_data_ms'))})"
                   if "min" in n else L("데이터 없음 (no data)"))
        elif c.kind == "soak":
            need = (f"{n['low']:g}–{n['high']:g} " + T("연속", "held")
                    + f" ≥ {hms(n['required_ms'])}")
            got = T("최장 연속 유지", "longest soak") + f" {hms(n['longest_soak_ms'])}"
        elif c.kind == "ramp":
            need = (f"{n['from']:g}→{n['to']:g}: {num(n.get('min_rate_per_min'))}–"
                    f"{num(n.get('max_rate_per_min'))} /min")
            got = (f"{num(n.get('rate_per_min'))} /min" if "rate_per_min" in n
                   else L("승온 미완료 (ramp not completed)"))
        elif c.kind == "amp_hours":
            need = f"{num(n.get('min_ah'))}–{num(n.get('max_ah'))} Ah"
            got = f"{num(n.get('amp_hours'), 'Ah', 3)}"
        else:  # heat input
            need = f"{num(n.get('min_kj_per_mm'))}–{num(n.get('max_kj_per_mm'))} kJ/mm"
            got = (f"Q = {n['k']:g} × {n['mean_voltage_v']:.2f} V × {n['mean_current_a']:.1f} A"
                   f" × 60 / (1000 × {n['mean_speed_mm_min']:.1f} mm/min) = "
                   f"{n['heat_input_kj_per_mm']:.3f} kJ/mm (" + T("아크", "arc on")
                   + f" {hms(n['arc_on_ms'])})"
                   if "heat_input_kj_per_mm" in n else L("아크 데이터 없음 (no arc-on data)"))
        verdict = L("적합 (pass)") if c.passed else L("부적합 (FAIL)")
        if not c.passed:
            marks.append(("BACKGROUND", (0, i), (-1, i), NG_BG))
        rows.append([Paragraph(L(c.name), st["small"]), Paragraph(need, st["small"]),
                     Paragraph(got + (f" — {c.detail}" if c.detail else ""), st["small"]),
                     verdict])
    return rows, marks


def _curve(lr: LotRecord, channel: str, tz) -> Drawing:
    pts = lr.data.get(channel, [])
    w, h = 182 * mm, 45 * mm
    d = Drawing(w, h)
    if len(pts) < 2:
        d.add(String(10, h / 2, f"{channel}: " + T("데이터 없음", "no data"),
                     fontName=korean_font().regular, fontSize=8))
        return d
    lp = LinePlot()
    lp.x, lp.y, lp.width, lp.height = 30, 15, w - 40, h - 30
    t0 = lr.start_ms
    lp.data = [[((t - t0) / 60_000, v) for t, v in pts]]
    lp.lines[0].strokeColor = colors.HexColor("#1565C0")
    bands = [c for c in lr.recipe.recipe.criteria
             if isinstance(c, Band | Soak) and c.channel == channel]
    vals = [v for _, v in pts] + [b.low for b in bands] + [b.high for b in bands]
    lo, hi = min(vals), max(vals)
    pad = (hi - lo) * 0.08 or 1.0
    lp.yValueAxis.valueMin, lp.yValueAxis.valueMax = lo - pad, hi + pad
    lp.xValueAxis.valueMin, lp.xValueAxis.valueMax = 0, (lr.end_ms - t0) / 60_000
    for ax in (lp.xValueAxis, lp.yValueAxis):
        ax.labels.fontName, ax.labels.fontSize = korean_font().regular, 6
    d.add(lp)
    span = lp.yValueAxis.valueMax - lp.yValueAxis.valueMin
    for b in bands:
        for v in (b.low, b.high):
            y = lp.y + (v - lp.yValueAxis.valueMin) / span * lp.height
            d.add(Line(lp.x, y, lp.x + lp.width, y, strokeColor=colors.HexColor("#C62828"),
                       strokeDashArray=[3, 2], strokeWidth=0.6))
    d.add(String(lp.x, h - 8, f"{channel} — " + T(
        f"로트 시작 {clock(t0, tz)} 이후 경과 시간 (분); 빨간 점선 = 기준 범위",
        f"minutes from lot start {clock(t0, tz)}; red dashes: window"),
                 fontName=korean_font().regular, fontSize=7))
    return d


def lot_pdf(out: Path, p: Plant, lots: Sequence[LotRecord], span: str,
            integrity: tuple[bool, str], lang: str = "ko") -> Path:
    with _language(lang):
        return _lot_pdf(out, p, lots, span, integrity)


def _lot_pdf(out: Path, p: Plant, lots: Sequence[LotRecord], span: str,
             integrity: tuple[bool, str]) -> Path:
    st = _styles()
    tz = p.site.tz
    flow = _header(p, L("로트·장입 기록 (lot / charge record)"), span, integrity, st)
    if not lots:
        flow.append(Paragraph(L("이 기간에 끝난 로트가 없습니다 (no lot ended in this period)"),
                              st["base"]))
    for i, lr in enumerate(lots):
        if i:
            flow.append(PageBreak())
        ok = lr.verdict.passed
        head = [[L("로트 (lot)"), lr.lot, L("설비 (machine)"), Paragraph(L(lr.machine.name), st["small"])],
                [L("레시피 (recipe)"), Paragraph(L(lr.recipe.name), st["small"]), L("판정 (verdict)"),
                 L("적합 (within window)") if ok else L("부적합 — 공정 조건 이탈 (OUT OF WINDOW)")],
                [L("시작 (start)"), stamp(lr.start_ms, tz, True), L("시작자 (started by)"),
                 lr.started_by],
                [L("종료 (end)"), stamp(lr.end_ms, tz, True), L("종료자 (ended by)"), lr.ended_by]]
        signs = _table([[L("전자서명 (e-signatures)"), L("작성 (performed)"), L("검토 (reviewed)"),
                         L("승인 (approved)")], ["", *_sign_cells(lr.signatures, tz, st)]],
                       [40 * mm, 47 * mm, 47 * mm, 48 * mm],
                       extra=[("ROWHEIGHT", (0, 1), (-1, 1), 10 * mm)])
        flow += [Paragraph(T(f"로트 {lr.lot}", f"Lot {lr.lot}"), st["h2"]), signs,
                 Spacer(1, 2 * mm),
                 _table(head, [28 * mm, 62 * mm, 30 * mm, 62 * mm], header_rows=0,
                        extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
                               ("BACKGROUND", (2, 0), (2, -1), HEAD_BG),
                               ("BACKGROUND", (3, 1), (3, 1), colors.white if ok else NG_BG)]),
                 Spacer(1, 2 * mm)]
        if not ok:
            flow.append(Paragraph(T("이 로트는 공정 조건을 벗어났습니다: 처리 결정과 검증 서명이 "
                                    "필요합니다", "This lot left its process window: a "
                                    "disposition and a verifying signature are required"),
                                  st["bad"]))
        rows, marks = _criterion_rows(lr, st)
        flow += [_table(rows, [45 * mm, 40 * mm, 72 * mm, 25 * mm], extra=marks),
                 Spacer(1, 3 * mm)]
        for ch in sorted(lr.data):
            flow += [_curve(lr, ch, tz), Spacer(1, 2 * mm)]
    _doc(out, T("로트·장입 기록", "lot record")).build(flow, onFirstPage=_footer, onLaterPages=_footer)
    return out


# ---------------------------------------------------------------------------- monthly
def _pareto_chart(p: Plant, pareto: Sequence[tuple[str, int, int]]) -> Drawing:
    top = list(pareto[:10])
    w, h = 182 * mm, max(30, 12 * len(top) + 20)
    d = Drawing(w, h)
    if not top:
        return d
    bc = HorizontalBarChart()
    bc.x, bc.y, bc.width, bc.height = 95 * mm, 10, w - 100 * mm, h - 20
    bc.data = [[dur / 3_600_000 for _, dur, _ in reversed(top)]]
    bc.categoryAxis.categoryNames = [L(reason_label(p.settings, k))[:40]
                                     for k, _, _ in reversed(top)]
    bc.categoryAxis.labels.fontName = korean_font().regular
    bc.categoryAxis.labels.fontSize = 6
    bc.valueAxis.labels.fontName = korean_font().regular
    bc.valueAxis.labels.fontSize = 6
    bc.valueAxis.valueMin = 0
    bc.bars[0].fillColor = colors.HexColor("#C62828")
    d.add(bc)
    d.add(String(0, h - 4, L("정지 시간 (downtime, h)"), fontName=korean_font().regular,
                 fontSize=7))
    return d


def monthly_pdf(out: Path, p: Plant, month: Month, span: str,
                integrity: tuple[bool, str], lang: str = "ko") -> Path:
    with _language(lang):
        return _monthly_pdf(out, p, month, span, integrity)


def _monthly_pdf(out: Path, p: Plant, month: Month, span: str,
                 integrity: tuple[bool, str]) -> Path:
    st = _styles()
    flow = _header(p, L("월간 설비종합효율 (monthly OEE)"), span, integrity, st)
    rows = [[L("설비 (machine)"), T("근무조", "shifts"), T("계획 시간", "busy time"),
             T("실 가동", "production"), T("시간 가동률", "availability"),
             T("성능 가동률", "performance"), T("양품률", "quality"), "OEE", "MTBF", "MTTR"]]
    for mm_ in [*month.machines, month.total]:
        name = L("합계 (all machines)") if mm_ is month.total else L(mm_.machine.name)
        rows.append([Paragraph(name, st["small"]), str(mm_.shifts), hms(mm_.planned_busy_ms),
                     hms(mm_.apt_ms), pct(mm_.availability), pct(mm_.performance),
                     pct(mm_.quality), pct(mm_.oee), hms(mm_.mtbf_ms), hms(mm_.mttr_ms)])
    flow += [Paragraph(T("설비별 OEE", "OEE by machine: shifts, planned busy time, actual "
                         "production time, availability, performance, quality, OEE"),
                       st["base"]),
             _table(rows, [42 * mm, 12 * mm, 18 * mm, 18 * mm, 16 * mm, 16 * mm, 14 * mm,
                           14 * mm, 16 * mm, 16 * mm],
                    extra=[("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEAD_BG)]),
             Spacer(1, 4 * mm), Paragraph(L("정지 파레토 (loss Pareto)"), st["h2"]),
             _pareto_chart(p, month.pareto)]
    flow += _pareto_and_losses(p, month.pareto, dict(month.total.losses),
                               month.total.planned_busy_ms, st)
    if month.recomputed:
        flow.append(Paragraph(T(f"근무조 {month.recomputed}건은 기록된 측정값으로 다시 계산됨",
                                f"{month.recomputed} shifts the logger did not see whole were "
                                "recomputed from the stored readings"), st["small"]))
    if not month.shifts:
        flow.append(Paragraph(T("이 달에 기록된 근무조 실적이 없습니다",
                                "No shift summary recorded this month"), st["base"]))
    _doc(out, T("월간 설비종합효율", "monthly OEE")).build(flow, onFirstPage=_footer, onLaterPages=_footer)
    return out


def span_text(start: dt.datetime, end: dt.datetime, lang: str = "ko") -> str:
    said = "Period" if lang.startswith("en") else "기간"
    return f"{said}: {start:%Y-%m-%d %H:%M} ~ {end:%Y-%m-%d %H:%M} ({start.tzinfo})"


KIND_NAMES = {"tus": "온도 균일성 조사 (TUS survey)", "sat": "시스템 정확도 시험 (SAT test)",
              "instrument": "계측기 교정 (instrument calibration)"}


def calibration_pdf(out: Path, p: Plant, items: Sequence, as_of: dt.date,
                    integrity: tuple[bool, str], lang: str = "ko") -> Path:
    with _language(lang):
        return _calibration_pdf(out, p, items, as_of, integrity)


def _calibration_pdf(out: Path, p: Plant, items: Sequence, as_of: dt.date,
                     integrity: tuple[bool, str]) -> Path:
    st = _styles()
    flow = _header(p, L("교정·측정 현황 (calibration and survey status)"),
                   T("기준일", "as of") + f" {as_of.isoformat()}", integrity, st)
    rows = [[Paragraph(h, st["small"]) for h in (
        L("항목 (item)"), L("종류 (kind)"), L("설비 / 로 등급 (machine / class)"), L("주기 (interval)"),
        L("최근 실시 (last)"), L("다음 기한 (due)"), L("상태 (status)"))]]
    marks = []
    for i, c in enumerate(items, start=1):
        cls = (f"class {c.furnace_class} (±{FURNACE_CLASS_TOLERANCE[c.furnace_class]:g} °C)"
               if c.furnace_class else "")
        if c.overdue_days > 0:
            status = T(f"기한 경과 {c.overdue_days}일", f"overdue {c.overdue_days} d")
            marks.append(("BACKGROUND", (0, i), (-1, i), NG_BG))
        else:
            status = T(f"{-c.overdue_days}일 남음", f"{-c.overdue_days} d left")
        rows.append([Paragraph(L(c.title), st["small"]),
                     Paragraph(L(KIND_NAMES.get(c.kind, c.kind)), st["small"]),
                     Paragraph(f"{c.machine} {cls}", st["small"]),
                     T(f"{c.interval_days}일", f"{c.interval_days} d"),
                     c.last.isoformat(), c.due.isoformat(), Paragraph(status, st["small"])])
    if len(rows) == 1:
        rows.append([L("교정·측정 항목 없음 (no items configured)"), "", "", "", "", "", ""])
    flow += [_table(rows, [44 * mm, 28 * mm, 28 * mm, 16 * mm, 20 * mm, 20 * mm, 26 * mm],
                    extra=marks), Spacer(1, 4 * mm),
             Paragraph(L("실시 기록 (records: done on, result, certificate, by)"), st["h2"])]
    recs = [[L("항목 (item)"), L("실시일 (done on)"), L("결과 (result)"), L("성적서 (certificate)"),
             L("입력자 (by)")]]
    for c in items:
        recs += [[c.item, r["done_on"], r["result"], r["certificate"] or "", r["user"]]
                 for r in c.records]
    if len(recs) == 1:
        recs.append([L("기록 없음 (no records yet)"), "", "", "", ""])
    flow.append(_table(recs, [50 * mm, 30 * mm, 25 * mm, 45 * mm, 32 * mm]))
    _doc(out, T("교정·측정 현황", "calibration status")).build(flow, onFirstPage=_footer, onLaterPages=_footer)
    return out
