"""HACCP reports as PDF, in the layout Korean plants and inspectors know, in Korean or English.

- daily CCP monitoring log (CCP 모니터링 일지): sign-off box (결재란: 작성/검토/승인) top
  right; per CCP its critical limit, method, exact min/max/mean and counts, a table of
  time / value / verdict / corrective action / checker; deviations; remarks at the foot;
- deviation and corrective-action report (한계기준 이탈 및 개선조치 보고서);
- monthly verification summary (월간 검증 요약) with a trend chart per CCP.

Every report states whether the record's chain verified when it was made, marks manual
(수기, with its reason) and corrected (정정) values, and is an archive document: every
font is embedded (the canvas starts in the report font, so no base-14 Helvetica is ever
referenced), the document info names title, plant, period, generator and the record's
chain head, and each page's foot ties it to that record state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString
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
from deungdae.sectors.api.integrity import integrity_in
from deungdae.sectors.api.names import local_name
from deungdae.sectors.api.replacements import replacement_lines
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.ccp_config import CCP
from deungdae.sectors.haccp.deviations import Deviation, collect
from deungdae.sectors.haccp.readiness import Check
from deungdae.sectors.haccp.report_data import (
    NG,
    CcpSection,
    ManualEntry,
    Names,
    Period,
    ccp_sections,
    lifecycle_events,
)
from deungdae.sectors.report_fonts import korean_font

GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#E8EEF4")
NG_BG = colors.HexColor("#FDE2E1")
GENERATOR = "Deungdae"


def generator_version() -> str:
    try:
        from importlib.metadata import version

        return f"{GENERATOR} {version('deungdae')}"
    except Exception:  # running from a source tree that is not installed
        return f"{GENERATOR} (source)"


@dataclass(slots=True)
class Signoff:
    """One signature in the 결재란: printed name, local time, meaning, still valid or not."""

    meaning: str  # performed / reviewed / approved
    name: str
    when: str
    valid: bool = True
    why: str = ""
    comment: str = ""


@dataclass(frozen=True, slots=True)
class RecordState:
    """The record a report was made from: its chain position and head MAC."""

    seq: int
    head: str  # hex

    @classmethod
    def of(cls, store: Store) -> RecordState:
        row = store.query("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1")
        return cls(row[0][0], bytes(row[0][1]).hex()) if row else cls(0, "")

    def short(self) -> str:
        return self.head[:16] or "—"


@dataclass(slots=True)
class ReportContext:
    """What every report needs beyond the record itself."""

    plant: str
    ccps: list[CCP]
    units: dict[str, str]
    integrity: str  # e.g. "해시 체인 검증 통과 ..." or the failure
    integrity_ok: bool
    signoffs: Sequence[Signoff] = ()
    readiness: Sequence[Check] = ()
    lang: str = "ko"
    now_ms: int | None = None  # hours not begun by then are not listed
    state: RecordState | None = None
    generated: datetime | None = None
    memo: str = ""  # the sign-off memo printed under the 결재란
    extra: dict = field(default_factory=dict)


class _Info(PDFInfo):
    """Document info with Deungdae's own entries (plant, period, record state)."""

    extra: dict[str, str] = {}

    def format(self, document):  # noqa: ANN001 - reportlab's signature
        base = PDFInfo.format(self, document)
        extra = PDFDictionary({k: PDFString(v) for k, v in self.extra.items()}).format(document)
        # both are "<< ... >>": splice our entries into the standard dictionary
        return base.rstrip()[:-2] + extra.strip()[2:]


class _GlyphSlices:
    """The font's glyf table as slices of the loaded file, copied one glyph at a time."""

    def __init__(self, data: bytes, pos: int, length: int) -> None:
        self._view = memoryview(data)[pos:pos + length]

    def __getitem__(self, key: slice) -> bytes:
        return bytes(self._view[key])

    def __len__(self) -> int:
        return len(self._view)


def _lean_subsetting(font_name: str) -> None:
    """Subset the report font without copying its whole glyf table (once per font).

    reportlab's `makeSubset` takes `get_table('glyf')`, a copy of the Korean font's
    ~4 MB glyph table, for every PDF, only to slice out the few hundred glyphs used; that
    copy was most of a report's memory. Handing it the table as a view gives the same
    subset bytes (it only ever slices the table).
    """
    face = pdfmetrics.getFont(font_name).face
    if getattr(face, "_deungdae_lean", False):
        return
    plain = face.get_table

    def get_table(tag: str):  # noqa: ANN202 - bytes, or slices of them for 'glyf'
        if tag == "glyf":
            pos, length = face.get_table_pos(tag)
            return _GlyphSlices(face._ttf_data, pos, length)
        return plain(tag)

    face.get_table = get_table
    face._deungdae_lean = plain  # what it was, for a test that compares the two


class _Chart(Drawing):
    """A drawing whose graphics state starts in the report font.

    reportlab starts every drawing in `rl_config.defaultGraphicsFontName` (Helvetica),
    so even a chart of lines references a font it never embeds; for the few milliseconds
    the chart is drawn the report font is that default.
    """

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: ANN001, N802 - reportlab's signature
        f = korean_font()
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(f.regular, bold, italic, f.bold if bold else f.regular)
        old = rl_config.defaultGraphicsFontName
        rl_config.defaultGraphicsFontName = f.regular
        try:
            return super().drawOn(canvas, x, y, _sW)
        finally:
            rl_config.defaultGraphicsFontName = old


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
        "void": ParagraphStyle("void", parent=base, fontSize=6.5, leading=8, fontName=f.bold,
                               textColor=colors.HexColor("#B71C1C")),
    }


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(data, widths, header_rows: int = 1, extra: Sequence = ()) -> Table:
    f = korean_font()
    if header_rows:  # headers wrap inside their column, in either language
        head = ParagraphStyle("head", fontName=f.bold, fontSize=7.5, leading=9)
        data = [[_p(c, head) if isinstance(c, str) else c for c in row]
                for row in data[:header_rows]] + list(data[header_rows:])
    t = Table(data, colWidths=widths, repeatRows=header_rows)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), f.regular),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        *([("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
           ("FONTNAME", (0, 0), (-1, header_rows - 1), f.bold)] if header_rows else []),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *extra,
    ]))
    return t


def _signoff_box(ctx: ReportContext, st) -> Table:
    lang = ctx.lang
    by: dict[str, Signoff] = {}
    for s in ctx.signoffs:  # the latest signature of each meaning
        by[s.meaning] = s
    cells = []
    for meaning in ("performed", "reviewed", "approved"):
        s = by.get(meaning)
        if s is None:
            cells.append(_p("\n\n", st["small"]))
            continue
        parts = [Paragraph(f"<b>{escape(s.name)}</b><br/>{escape(s.when)}<br/>"
                           f"{escape(tx.t(lang, 'meaning.' + meaning))}", st["small"])]
        if not s.valid:
            void = (f"{tx.t(lang, 'signoff.void')} — {s.why}" if s.why
                    else tx.t(lang, "signoff.invalid"))
            parts.append(_p(void, st["void"]))
        cells.append(parts)
    return _table([[_p(tx.t(lang, "signoff"), st["small"]), tx.t(lang, "performed"),
                    tx.t(lang, "reviewed"), tx.t(lang, "approved")], ["", *cells]],
                  [16 * mm, 23 * mm, 23 * mm, 23 * mm],
                  extra=[("SPAN", (0, 0), (0, 1)), ("ROWHEIGHT", (0, 1), (-1, 1), 16 * mm),
                         ("VALIGN", (0, 1), (-1, 1), "TOP")])


def _integrity_text(ctx: ReportContext) -> str:
    return integrity_in((ctx.integrity_ok, ctx.integrity), ctx.lang)


def _header(ctx: ReportContext, title: str, subtitle: str, st) -> list:
    lang = ctx.lang
    left = [_p(title, st["title"]), Spacer(1, 2 * mm),
            _p(f"{ctx.plant}\n{subtitle}", st["base"])]
    head = Table([[left, _signoff_box(ctx, st)]], colWidths=[95 * mm, 87 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              # a table without a font of its own draws in Helvetica,
                              # which is referenced but never embedded
                              ("FONTNAME", (0, 0), (-1, -1), korean_font().regular),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    mark = tx.t(lang, "integrity.ok" if ctx.integrity_ok else "integrity.bad")
    integ = _p(f"{mark} {tx.t(lang, 'integrity')}: {_integrity_text(ctx)}",
               st["ok"] if ctx.integrity_ok else st["bad"])
    out = [head, Spacer(1, 3 * mm), integ, Spacer(1, 2 * mm)]
    memos = [f"{s.name} ({tx.t(lang, s.meaning)}): {s.comment}" for s in ctx.signoffs
             if s.comment]
    if ctx.memo:
        memos.insert(0, ctx.memo)
    if memos:
        out += [_p(f"{tx.t(lang, 'signoff.memo')}: " + " / ".join(memos), st["base"]),
                Spacer(1, 2 * mm)]
    return out


def _footer(ctx: ReportContext):
    state = ctx.state or RecordState(0, "")
    gen = tx.stamp(ctx.generated, ctx.lang) if ctx.generated else ""
    line = tx.t(ctx.lang, "footer.state", seq=f"{state.seq:,}", head=state.short(), gen=gen,
                gen_by=generator_version())

    def draw(canvas, doc):
        f = korean_font()
        canvas.saveState()
        canvas.setFont(f.regular, 6.5)
        canvas.drawString(14 * mm, 10 * mm, line)
        canvas.drawString(14 * mm, 7 * mm, tx.t(ctx.lang, "footer.marks"))
        canvas.drawRightString(196 * mm, 10 * mm, tx.t(ctx.lang, "page", doc.page))
        canvas.restoreState()
    return draw


def _build(out: Path, flow: list, ctx: ReportContext, title: str, period_text: str) -> Path:
    f = korean_font()
    for name in (f.regular, f.bold):
        _lean_subsetting(name)
    state = ctx.state or RecordState(0, "")
    info = {"Plant": ctx.plant, "Period": period_text, "Generator": generator_version(),
            "ChainSeq": str(state.seq), "ChainHead": state.head, "Language": ctx.lang}
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=12 * mm,
        bottomMargin=16 * mm, title=title, author=ctx.plant or GENERATOR,
        creator=generator_version(), producer=generator_version(),
        subject=f"{title} · {ctx.plant} · {period_text}",
        keywords=[f"{k}={v}" for k, v in info.items()],
        initialFontName=f.regular, initialFontSize=8)

    def with_info(canvas, d):
        i = _Info()
        i.__dict__.update(canvas._doc.info.__dict__)
        i.extra = info
        canvas._doc.info = i
        _footer(ctx)(canvas, d)

    doc.build(flow, onFirstPage=with_info, onLaterPages=_footer(ctx))
    return out


def _verdict(v: str, lang: str) -> str:
    return tx.t(lang, v) if v else "—"


def _section_flow(sec: CcpSection, ctx: ReportContext, st) -> list:
    lang = ctx.lang
    c = sec.ccp
    s = sec.stats
    method = local_name(c.method, lang) if c.method else tx.t(lang, "method.auto")
    if c.frequency_s:
        method += " · " + tx.t(lang, "every", tx.duration(c.frequency_s, lang))
    counts = tx.t(lang, "counts", n=tx.count(s.n), bad=tx.count(s.n_bad or 0),
                  manual=sec.n_manual)
    if c.kind == "metal_detection":
        counts += ", " + tx.t(lang, "rejects", sec.rejects)
    figures = (f"{tx.value(s.vmin, sec.unit)} / {tx.value(s.vmax, sec.unit)} / "
               f"{tx.value(s.mean, sec.unit, 2)}\n")
    if c.kind == "metal_detection":  # a reject signal's min/max/mean mean nothing to anyone
        figures = ""
    head = _table([
        [_p(c.label(lang), st["bold"]), tx.t(lang, "critical_limit"), _p(sec.limit_text, st["base"])],
        ["", _p(tx.t(lang, "method"), st["small"]), _p(method, st["base"])],
        ["", _p(tx.t(lang, "counts.label" if c.kind == "metal_detection" else "figures"),
                st["small"]), _p(f"{figures}{counts}", st["base"])],
    ], [46 * mm, 32 * mm, 104 * mm], header_rows=0,
        extra=[("SPAN", (0, 0), (0, 2)), ("BACKGROUND", (1, 0), (1, -1), HEAD_BG)])
    rows = [[tx.t(lang, k) for k in ("col.time", "col.value", "col.verdict", "col.action",
                                     "col.checker")]]
    marks = []
    for i, r in enumerate(sec.rows, start=1):
        value = r.value
        if r.manual:  # "81.5 °C (수기) — 교정 확인 — 수동 온도계"
            value += f" ({tx.t(lang, 'manual')})" + (f" — {r.reason}" if r.reason else "")
        if r.corrected:
            value += f" [{tx.t(lang, 'corrected')}]"
        rows.append([_p(r.time, st["small"]), _p(value, st["small"]), _verdict(r.verdict, lang),
                     _p(r.action, st["small"]), _p(r.checker, st["small"])])
        if r.verdict == NG:
            marks.append(("BACKGROUND", (0, i), (-1, i), NG_BG))
    if len(rows) == 1:
        rows.append(["—", _p(tx.t(lang, "no_monitoring"), st["small"]), "", "", ""])
    table = _table(rows, [26 * mm, 60 * mm, 14 * mm, 58 * mm, 24 * mm], extra=marks)
    return [KeepTogether([head, Spacer(1, 1.5 * mm)]), table, Spacer(1, 5 * mm)]


def _deviation_table(devs: Sequence[Deviation], ctx: ReportContext, period: Period, names: Names,
                     st) -> Table:
    lang = ctx.lang
    units = {c.id: ctx.units.get(c.channel, "") for c in ctx.ccps}
    rows = [[tx.t(lang, k) for k in ("col.occurred", "col.ccp", "col.deviation", "col.status",
                                     "col.actions", "col.verification")]]
    for d in devs:
        e = d.event
        acts = []
        for a in d.actions:
            acts.append(f"{a.data.get('cause', '')} / {a.data.get('action', '')} / "
                        f"{tx.word(tx.DISPOSITIONS, a.data.get('disposition'), lang)} / "
                        f"{names(a.user)} ({period.stamp(a.ts)})")
        vers = []
        for v in d.verifications:
            line = tx.t(lang, "verified_as", who=names(v.user), when=period.stamp(v.ts))
            if v.data.get("note"):
                line += "\n" + tx.t(lang, "memo", v.data["note"])
            vers.append(line)
        what = tx.deviation_text(e.data, units.get(d.ccp, ""), lang)
        if e.data.get("reason") == "check_missed" and e.data.get("due") is not None:
            what += f" ({period.hhmm(e.data['due'])})"
        rows.append([_p(period.stamp(e.ts), st["small"]), _p(d.ccp, st["small"]),
                     _p(what, st["small"]), _p(tx.word(tx.STATUSES, d.status, lang), st["small"]),
                     _p("\n".join(acts) or "—", st["small"]),
                     _p("\n".join(vers) or "—", st["small"])])
    if len(rows) == 1:
        rows.append(["—", "", _p(tx.t(lang, "no_deviation"), st["small"]), "", "", ""])
    return _table(rows, [22 * mm, 16 * mm, 50 * mm, 18 * mm, 50 * mm, 26 * mm])


def _manual_table(entries: Sequence[ManualEntry], ctx: ReportContext, period: Period, st) -> Table:
    lang = ctx.lang
    rows = [[tx.t(lang, k) for k in ("col.occurred", "col.ccp", "col.value", "col.reason",
                                     "col.entered_by")]]
    for m in entries:
        rows.append([_p(period.stamp(m.ts), st["small"]), _p(m.ccp, st["small"]),
                     _p(m.value, st["small"]), _p(m.reason or "—", st["small"]),
                     _p(m.by, st["small"])])
    if len(rows) == 1:
        rows.append(["—", "", _p(tx.t(lang, "no_manual"), st["small"]), "", ""])
    return _table(rows, [28 * mm, 18 * mm, 30 * mm, 76 * mm, 30 * mm])


_READINESS_EN = {"automatic": "1. Automatic recording of every CCP",
                 "integrity": "2. Records cannot be forged or altered",
                 "alerts": "3. A critical-limit breach raises an alert that is logged",
                 "fallback": "4. Manual fallback when automatic recording stops, flagged"}


# `readiness` words its findings in Korean with English asides; a report shows them in
# its own language only (the patterns are that module's sentences)
_WHY = (
    (re.compile(r"장치 없음 \(no device\)"), "장치 없음", "no device"),
    (re.compile(r"최근 24시간 자동 기록 없음"), "최근 24시간 자동 기록 없음",
     "no automatic record in the last 24 h"),
    (re.compile(r"모의 장치 — 실제 센서로 연결 필요 \(simulated\)"),
     "모의 장치 — 실제 센서로 연결 필요", "simulator — connect a real sensor"),
    (re.compile(r"CCP (\d+)개 모두 자동 기록 중"), r"CCP \1개 모두 자동 기록 중",
     r"all \1 CCPs record automatically"),
    (re.compile(r"한계기준 없는 CCP: "), "한계기준 없는 CCP: ", "CCPs without a critical limit: "),
    (re.compile(r"최근 30일 이탈 (\d+)건 모두 경보로 기록됨"), r"최근 30일 이탈 \1건 모두 경보로 기록됨",
     r"all \1 deviations of the last 30 days were raised and logged as alarms"),
    (re.compile(r"센서 중단 후 수기 기록 없음: "), "센서 중단 후 수기 기록 없음: ",
     "no manual record after a sensor loss: "),
    (re.compile(r"수기 입력 기능 사용 가능; 센서 중단 (\d+)건 모두 수기 기록 또는 조치 완료"),
     r"수기 입력 기능 사용 가능; 센서 중단 \1건 모두 수기 기록 또는 조치 완료",
     r"manual entry available; all \1 sensor losses covered by manual records or closed"),
)


def _why(c: Check, ctx: ReportContext) -> str:
    if c.key == "integrity":
        return _integrity_text(ctx)
    text = c.why
    for pattern, ko, en in _WHY:
        text = pattern.sub(ko if ctx.lang == "ko" else en, text)
    return text


def _readiness_table(checks: Sequence[Check], ctx: ReportContext, st) -> Table:
    lang = ctx.lang
    rows = [[tx.t(lang, "col.requirement"), tx.t(lang, "col.verdict"), tx.t(lang, "col.basis")]]
    marks = []
    for i, c in enumerate(checks, start=1):
        title = c.title.split(" (", 1)[0] if lang == "ko" else _READINESS_EN.get(c.key, c.title)
        rows.append([_p(title, st["small"]), tx.t(lang, "met" if c.met else "not_met"),
                     _p(_why(c, ctx), st["small"])])
        if not c.met:
            marks.append(("BACKGROUND", (0, i), (-1, i), NG_BG))
    return _table(rows, [62 * mm, 16 * mm, 104 * mm], extra=marks)


def _remarks(sections: Sequence[CcpSection], lang: str, extra: Sequence[str] = ()) -> str:
    lines = list(extra)  # device replacements (sectors.api.replacements) first
    for s in sections:
        open_ = [d for d in s.deviations if d.status != "closed"]
        if open_:
            lines.append(tx.t(lang, "remark.open", ccp=s.ccp.id, n=len(open_)))
        if s.n_manual:
            lines.append(tx.t(lang, "remark.manual", ccp=s.ccp.id, n=s.n_manual))
        if s.stats.n_bad:
            lines.append(tx.t(lang, "remark.bad", ccp=s.ccp.id, n=tx.count(s.stats.n_bad)))
    return "\n".join(lines) or tx.t(lang, "none")


def _state(store: Store, ctx: ReportContext) -> None:
    """Fix the record state before any figure is read: the foot names this one."""
    if ctx.state is None:
        ctx.state = RecordState.of(store)


def _now(ctx: ReportContext, period: Period) -> datetime:
    return ctx.generated or datetime.now(period.tz)


def daily_log(store: Store, ctx: ReportContext, period: Period, out: Path) -> Path:
    lang = tx.check_lang(ctx.lang)
    _state(store, ctx)
    ctx.generated = _now(ctx, period)
    st = _styles()
    names = Names(store, lang)
    events = lifecycle_events(store, period)
    sections = ccp_sections(store, ctx.ccps, ctx.units, period, events, lang=lang,
                            now_ms=ctx.now_ms)
    day = tx.day_label(period.start.date(), lang)
    title = tx.t(lang, "daily.title")
    flow = _header(ctx, title, f"{tx.t(lang, 'date')} {day}", st)
    for sec in sections:
        flow += _section_flow(sec, ctx, st)
    devs = [d for s in sections for d in s.deviations]
    if ctx.readiness:
        flow += [KeepTogether([_p(tx.t(lang, "readiness.section"), st["h2"]),
                               _readiness_table(ctx.readiness, ctx, st)]), Spacer(1, 4 * mm)]
    flow += [KeepTogether([_p(tx.t(lang, "deviations.section"), st["h2"]),
                           _deviation_table(devs, ctx, period, names, st)]), Spacer(1, 4 * mm),
             _p(tx.t(lang, "remarks"), st["h2"]),
             _table([[_p(_remarks(sections, lang, replacement_lines(
                 store, period.t0, period.t1, period.tz, lang, [s.ccp.channel for s in sections])),
                 st["base"])]], [182 * mm], header_rows=0)]
    return _build(out, flow, ctx, f"{title} {period.start:%Y-%m-%d}", day)


def _span_text(period: Period, lang: str) -> str:
    return (f"{tx.stamp(period.start, lang)} ~ {tx.stamp(period.end, lang)} "
            f"({tx.t(lang, 'period.end_excluded')})")


def deviation_report(store: Store, ctx: ReportContext, period: Period, out: Path) -> Path:
    lang = tx.check_lang(ctx.lang)
    _state(store, ctx)
    ctx.generated = _now(ctx, period)
    st = _styles()
    names = Names(store, lang)
    events = lifecycle_events(store, period)
    devs = collect(events)
    sections = ccp_sections(store, ctx.ccps, ctx.units, period, events, hourly=False, lang=lang,
                            bad_rows=False)
    span = _span_text(period, lang)
    title = tx.t(lang, "deviations.title")
    flow = _header(ctx, title, f"{tx.t(lang, 'period')} {span}", st)
    flow += [_deviation_table(devs, ctx, period, names, st), Spacer(1, 4 * mm),
             _p(tx.t(lang, "manual.section"), st["h2"]),
             _manual_table([m for s in sections for m in s.manual], ctx, period, st)]
    return _build(out, flow, ctx, title, span)


def _trend(store: Store, ccp: CCP, unit: str, period: Period, lang: str) -> Drawing | None:
    try:
        ch = store.channel_id(ccp.channel)
    except KeyError:
        return None
    buckets = store.downsample(ch, period.t0, period.t1, 720)
    if not buckets:
        return None
    f = korean_font()
    d = _Chart(182 * mm, 55 * mm)
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
        d.add(String(lp.x + lp.width - 2, y + 2,
                     f"{tx.t(lang, 'critical_limit')} {tx.op_sign(ccp.op)} "
                     f"{tx.limit_number(ccp.limit)} {unit}",
                     fontName=f.regular, fontSize=7, fillColor=colors.red, textAnchor="end"))
    d.add(String(lp.x, lp.y + lp.height + 3, tx.t(lang, "trend", name=ccp.label(lang), unit=unit),
                 fontName=f.regular, fontSize=7.5))
    return d


def monthly_summary(store: Store, ctx: ReportContext, period: Period, out: Path) -> Path:
    lang = tx.check_lang(ctx.lang)
    _state(store, ctx)
    ctx.generated = _now(ctx, period)
    st = _styles()
    names = Names(store, lang)
    events = lifecycle_events(store, period)
    sections = ccp_sections(store, ctx.ccps, ctx.units, period, events, hourly=False, lang=lang,
                            bad_rows=False)
    month = f"{period.start:%Y-%m}"
    title = tx.t(lang, "monthly.title")
    flow = _header(ctx, title, f"{month} ({_span_text(period, lang)})", st)
    # valid readings only: counting bad-quality rows would read all 26 M rows of a busy
    # month; the daily logs count them, and a lost sensor is a deviation listed below
    rows = [[tx.t(lang, k) for k in ("col.ccp", "critical_limit", "col.min", "col.max",
                                     "col.mean", "col.valid", "col.manual", "col.deviations",
                                     "col.open")]]
    for s in sections:
        open_ = sum(1 for d in s.deviations if d.status != "closed")
        md = s.ccp.kind == "metal_detection"  # a reject signal has no meaningful mean
        rows.append([_p(s.ccp.label(lang), st["small"]), _p(s.limit_text, st["small"]),
                     "—" if md else tx.value(s.vmin, s.unit),
                     "—" if md else tx.value(s.vmax, s.unit),
                     "—" if md else tx.value(s.stats.mean, s.unit, 2),
                     tx.count(s.stats.n), str(s.n_manual),
                     str(len(s.deviations)), str(open_)])
    flow += [_table(rows, [32 * mm, 34 * mm, 15 * mm, 15 * mm, 16 * mm, 19 * mm, 14 * mm,
                           19 * mm, 14 * mm],
                    extra=[("FONTSIZE", (0, 0), (-1, -1), 7)]), Spacer(1, 4 * mm)]
    for s in sections:  # a metal detector's chart shows when it rejected
        chart = _trend(store, s.ccp, s.unit, period, lang)
        if chart is not None:
            flow += [KeepTogether([chart, Spacer(1, 3 * mm)])]
    flow += [PageBreak(), _p(tx.t(lang, "deviations.section"), st["h2"]),
             _deviation_table([d for s in sections for d in s.deviations], ctx, period, names,
                              st), Spacer(1, 4 * mm),
             _p(tx.t(lang, "manual.section"), st["h2"]),
             _manual_table([m for s in sections for m in s.manual], ctx, period, st)]
    return _build(out, flow, ctx, f"{title} {month}", month)

