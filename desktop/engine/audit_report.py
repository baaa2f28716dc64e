"""The audit trail in words: screen cells, CSV and PDF, in Korean or English.

`records.audit_trail` returns keys and values; this module turns them into what a person
reads, in the language asked for (not the language the row was made in): the window's
audit page, `deungdae audit --csv/--pdf`, and tests share these functions, so the three
say the same thing. Free text the user typed (a reason, a comment) is shown as typed.
The PDF embeds its fonts (sectors.report_fonts), like the HACCP reports.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from deungdae.records.audit_trail import KINDS, AuditEntry

LANGS = ("ko", "en")

# (English, Korean) for every word the trail prints. Keys are the record's own keys.
KIND_TEXT = {
    "config": ("Settings change", "설정 변경"), "user": ("User change", "사용자 변경"),
    "signin": ("Failed sign-in", "로그인 실패"), "correction": ("Correction", "정정"),
    "signature": ("Signature", "전자서명"),
}
ACTION_TEXT = {
    ("config", "changed"): ("changed", "변경"), ("config", "added"): ("added", "추가"),
    ("config", "removed"): ("removed", "삭제"),
    ("user", "added"): ("user added", "사용자 추가"),
    ("user", "password"): ("password changed", "비밀번호 변경"),
    ("user", "role"): ("role changed", "역할 변경"),
    ("user", "disabled"): ("user disabled", "사용자 비활성화"),
    ("user", "unlocked"): ("account unlocked", "계정 잠금 해제"),
    ("user", "changed"): ("user changed", "사용자 변경"),
    ("signin", "bad_password"): ("wrong password", "비밀번호 틀림"),
    ("signin", "unknown"): ("unknown login", "없는 아이디"),
    ("signin", "disabled"): ("disabled account", "비활성 계정"),
    ("signin", "locked"): ("account locked", "계정 잠김"),
    ("correction", "event"): ("event corrected", "이벤트 정정"),
    ("correction", "reading"): ("reading corrected", "측정값 정정"),
    ("signature", "performed"): ("performed", "작성"),
    ("signature", "reviewed"): ("reviewed", "검토"),
    ("signature", "approved"): ("approved", "승인"),
}
ENTITY_TEXT = {
    "limit": ("Alarm limits", "관리기준"), "channel": ("Channel", "채널"),
    "device": ("Device", "장치"), "device_setting": ("Device setting", "장치 설정"),
    "site": ("Site", "사업장"), "user": ("User", "사용자"), "event": ("Event", "이벤트"),
    "reading": ("Reading", "측정값"), "signature": ("Signature", "전자서명"),
    "ccp": ("CCP critical limit", "한계기준 (CCP)"),
    "record_table": ("Record table", "기록 테이블"),
    "event_kinds": ("Event kinds", "이벤트 종류"),
    "headline_figures": ("Headline figures", "주요 지표"),
    "config_file": ("Settings file", "설정 파일"),
}
# what a `config_file` row's key names (`limit:<channel>`, `sector:<id>`, `device:<id>`)
FILE_KEY_TEXT = {"limit": ("alarm limits", "관리기준"), "sector": ("sector settings", "업종 설정"),
                 "device": ("device", "장치"), "site": ("site context", "사업장 정보")}
FIELD_TEXT = {  # in the order a change lists its fields
    "full_name": ("name", "이름"), "name": ("name", "이름"), "role": ("role", "역할"),
    "active": ("active", "활성"), "locked": ("locked", "잠김"),
    "low": ("low", "하한"), "high": ("high", "상한"), "delay": ("delay", "지연"),
    "hysteresis": ("hysteresis", "히스테리시스"), "stale_after": ("stale after", "무응답 판정"),
    "password": ("password", "비밀번호"), "timezone": ("time zone", "시간대"),
    "unit": ("unit", "단위"), "port": ("port", "포트"), "profile": ("profile", "프로파일"),
    "device_key": ("device", "장치"), "id": ("id", "번호"), "v": ("value", "값"),
    "q": ("quality", "품질"), "message": ("message", "내용"),
    "severity": ("severity", "심각도"), "baudrate": ("baud rate", "통신 속도"),
    "parity": ("parity", "패리티"), "address": ("address", "주소(국번)"),
    "limit": ("limit", "한계기준"), "duration": ("duration", "지속 시간"),
    "sectors": ("sectors", "업종"), "interval": ("interval", "측정 주기"),
    "points": ("points", "측정점"), "latitude": ("latitude", "위도"),
    "longitude": ("longitude", "경도"), "shifts": ("shifts", "근무조"),
    "holidays": ("holidays", "휴일"), "scaling": ("4–20 mA scaling", "4–20 mA 환산"),
    "base": ("base", "기준값"), "amplitude": ("amplitude", "변동폭"),
    "period": ("period", "주기"), "noise": ("noise", "잡음"), "decimals": ("decimals", "소수 자리"),
}
VALUE_TEXT = {
    "operator": ("operator", "작업자"), "manager": ("manager", "관리자"),
    "admin": ("administrator", "시스템 관리자"), "(previous)": ("(previous)", "(이전 값)"),
    "(changed)": ("(changed)", "(변경됨)"), True: ("yes", "예"), False: ("no", "아니오"),
}
# reasons the program itself writes (people's reasons are printed as typed); a trailing
# "{}" takes the rest of the stored text (a sector's id)
REASON_TEXT = {
    "channel id audited from now on (record layout update)":
        ("channel id audited from now on (record layout update)",
         "이후 채널 번호도 감사 (기록 구조 갱신)"),
    "event kinds declared by the shell and the sectors":
        ("event kinds declared by the shell and the sectors",
         "프로그램과 업종 모듈이 이벤트 종류를 선언함"),
    "headline figures declared by the sectors, for the platform":
        ("headline figures declared by the sectors, for the platform",
         "업종 모듈이 중앙 플랫폼용 주요 지표를 선언함"),
    "record table declared by sector {}":
        ("record table declared by sector {}", "업종 모듈 {}이(가) 기록 테이블을 선언함"),
}
WORDS = {
    "time": ("Time", "일시"), "kind": ("Kind", "구분"), "who": ("Who", "사용자"),
    "what": ("What", "대상"), "action": ("Action", "내용"),
    "change": ("Old → new", "변경 전 → 후"), "reason": ("Reason / comment", "사유 / 의견"),
    "ref": ("Record row", "기록 행"), "title": ("Audit trail", "감사 추적 기록"),
    "period": ("Period", "기간"), "filters": ("Filters", "조건"),
    "all": ("all", "전체"), "rows": ("%1 entries", "%1건"),
    "none": ("No audited change in this period.", "이 기간에 기록된 감사 항목이 없습니다."),
    "made": ("Made %1 from the record of %2", "%2 기록에서 %1 생성"),
    "page": ("page %1", "%1쪽"), "tried": ("tried for: %1", "시도 목적: %1"),
    "signed": ("%1 row(s) signed", "서명 대상 %1건"),
    "sign-in": ("sign-in", "로그인"), "from": ("from", "부터"), "to": ("to", "까지"),
    "open": ("open", "제한 없음"), "whole": ("the whole record", "전체 기록"),
    "items": ("%1 items", "%1개 항목"), "seq": ("seq %1", "기록 순번 %1"),
    "head": ("head %1", "체인 헤드 %1"), "number": ("#%1", "%1번"),
}
PURPOSE_TEXT = {"sign-in": ("sign-in", "로그인"), "signature (performed)": ("signature (performed)", "서명 (작성)"),
                "signature (reviewed)": ("signature (reviewed)", "서명 (검토)"),
                "signature (approved)": ("signature (approved)", "서명 (승인)")}
# who, when it was not a person
WHO_TEXT = {"system": ("system", "시스템"), "setup": ("first setup", "최초 설정"),
            "file": ("site file", "설정 파일")}
CSV_COLUMNS = ("time", "kind", "who", "what", "action", "change", "reason", "ref")


def _pick(table: dict, key, lang: str, default: str | None = None) -> str:
    got = table.get(key)
    if got is None:
        return str(key) if default is None else default
    return got[1] if lang == "ko" else got[0]


def word(key: str, lang: str) -> str:
    return _pick(WORDS, key, lang)


def kind_text(kind: str, lang: str) -> str:
    return _pick(KIND_TEXT, kind, lang)


def action_text(e: AuditEntry, lang: str) -> str:
    text = _pick(ACTION_TEXT, (e.kind, e.action), lang, e.action)
    if e.kind == "signin" and e.detail.get("purpose"):
        purpose = e.detail["purpose"]
        text += " — " + word("tried", lang).replace(
            "%1", _pick(PURPOSE_TEXT, purpose, lang, purpose))
    if e.kind == "signature":
        name = e.detail.get("printed_name") or e.who
        text += f" — {name}, " + word("signed", lang).replace(
            "%1", str(e.detail.get("targets", 0)))
    return text


def entity_text(e: AuditEntry, lang: str, names: dict[str, str] | None = None) -> str:
    """What changed: the entity's word and the thing's key (or its display name)."""
    label = _pick(ENTITY_TEXT, e.entity, lang)
    if e.kind == "signature":
        return label
    if e.kind == "correction":  # "Event #12 · Oven core", "Reading · Oven core"
        target = str(e.detail.get("target", ""))
        tbl, _, rid = target.partition(":")
        parts = [label + (" " + word("number", lang).replace("%1", rid)
                          if tbl == "event" and rid else "")]
        if e.key and e.key != target:
            parts.append((names or {}).get(e.key, e.key))
        return " · ".join(parts)
    if e.entity == "config_file":  # "설정 파일 · 관리기준 Fridge temperature"
        kind, _, what = e.key.partition(":")
        word_ = _pick(FILE_KEY_TEXT, kind, lang, kind)
        return f"{label} · {word_}" + (f" {(names or {}).get(what, what)}" if what else "")
    thing = (names or {}).get(e.key, e.key)
    # sector declarations are stored under the key "declared": the label says it all
    return label if thing in ("", e.entity, "declared") else f"{label} {thing}"


def value_text(v: object, lang: str) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return _pick(VALUE_TEXT, v, lang)
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)
        return f"{v:g}" if abs(v) < 1e15 else f"{v:.6g}"
    if isinstance(v, str):
        return _pick(VALUE_TEXT, v, lang, v)
    if isinstance(v, dict):
        return ", ".join(f"{_pick(FIELD_TEXT, k, lang)} {value_text(x, lang)}"
                         for k, x in v.items()) or "—"
    if isinstance(v, list):
        if any(isinstance(x, dict | list) for x in v):  # a declaration: say how many
            return word("items", lang).replace("%1", str(len(v)))
        return ", ".join(value_text(x, lang) for x in v) or "—"
    return str(v)


def change_lines(e: AuditEntry, lang: str) -> list[str]:
    """One "field: old → new" per changed field (old is "—" for an added thing)."""
    out = []
    order = {k: i for i, k in enumerate(FIELD_TEXT)}  # name, role, ... before the rest
    for name, old, new in sorted(e.changes(), key=lambda c: order.get(c[0], len(order))):
        if old is None and new in ("", [], {}) or value_text(old, lang) == value_text(new, lang):
            continue  # an added thing's empty field, or no visible difference, says nothing
        label = _pick(FIELD_TEXT, name, lang) if name else ""
        text = f"{value_text(old, lang)} → {value_text(new, lang)}"
        out.append(f"{label}: {text}" if label else text)
    return out


def who_text(who: str, lang: str) -> str:
    if who.startswith("file:"):  # a hand edit found at start: "설정 파일 (site.toml)"
        return f"{_pick(WHO_TEXT, 'file', lang)} ({who.removeprefix('file:')})"
    return _pick(WHO_TEXT, who, lang, who)


# what the start-up audit of site.toml writes (desktop.engine.config_audit), worded again
_FILE_REASONS = (
    (re.compile(r"configuration as found in (?P<f>\S+) \(first audited start\)$"),
     "as found in {f} at the first audited start", "{f}에 있던 설정 (처음 감사한 시작)"),
    (re.compile(r"(?P<k>\S+) added in (?P<f>\S+)$"), "added in {f}", "{f}에 추가됨"),
    (re.compile(r"(?P<k>\S+) removed from (?P<f>\S+)$"), "removed from {f}", "{f}에서 삭제됨"),
    (re.compile(r"(?P<k>\S+) changed in (?P<f>\S+): .*$"), "changed in {f}",
     "{f}에서 변경됨"),
    (re.compile(r"site registered from (?P<f>\S+)$"), "site registered from {f}",
     "{f}에서 사업장 등록"),
    (re.compile(r"changed in (?P<f>\S+): .*$"), "changed in {f}", "{f}에서 변경됨"),
)


def reason_text(e: AuditEntry, lang: str) -> str:
    if e.reason in REASON_TEXT:
        return _pick(REASON_TEXT, e.reason, lang)
    if e.who.startswith("file:"):  # the program's words, not a person's: say them again
        for pattern, en, ko in _FILE_REASONS:
            m = pattern.match(e.reason)
            if m:  # the old → new values are in the change column already
                return (ko if lang == "ko" else en).format(**m.groupdict())
    if e.who == "system":  # only the program's own reasons carry a sector's id at the end
        for key, (en, ko) in REASON_TEXT.items():
            head = key.removesuffix("{}")
            if key.endswith("{}") and e.reason.startswith(head):
                return (ko if lang == "ko" else en).format(e.reason[len(head):])
    return e.reason


def local_time(ts: int, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(ts / 1000, tz).strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True, slots=True)
class Cells:
    """One entry as the columns of CSV_COLUMNS, in one language."""

    time: str
    kind: str
    who: str
    what: str
    action: str
    change: str
    reason: str
    ref: str

    def as_list(self) -> list[str]:
        return [getattr(self, c) for c in CSV_COLUMNS]


def cells(e: AuditEntry, lang: str, tz: ZoneInfo, names: dict[str, str] | None = None
          ) -> Cells:
    return Cells(local_time(e.ts, tz), kind_text(e.kind, lang), who_text(e.who, lang),
                 entity_text(e, lang, names), action_text(e, lang),
                 "; ".join(change_lines(e, lang)), reason_text(e, lang), e.ref)


def headers(lang: str) -> list[str]:
    return [word(c, lang) for c in CSV_COLUMNS]


_FORMULA_START = ("=", "+", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run: text typed as "=HYPERLINK(...)" (a reason, a
    name) or "-2+3" is shown, not evaluated (a leading apostrophe, as Excel itself does)."""
    if text.startswith(_FORMULA_START) or (text.startswith("-") and len(text) > 1
                                           and not text[1].isdigit() and text[1] != " "):
        return "'" + text
    return text


def write_csv(rows: Sequence[AuditEntry], out: Path, lang: str, tz: ZoneInfo,
              names: dict[str, str] | None = None) -> Path:
    """UTF-8 with BOM (Excel on a Korean Windows opens it right), one row per entry."""
    out = Path(out)
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers(lang))
        for e in rows:
            w.writerow([csv_safe(c) for c in cells(e, lang, tz, names).as_list()])
    return out


@dataclass(frozen=True, slots=True)
class Heading:
    """What the PDF says it covers: plant, period, filters, and the record state."""

    plant: str
    period: str
    filters: str
    record_state: str  # e.g. "seq 1234, head 9f3a…" from the record it was made from
    made: str  # when, in the site's zone


def filters_text(lang: str, kinds: Sequence[str] | None, who: str | None,
                 entity: str | None) -> str:
    parts = [", ".join(kind_text(k, lang) for k in (kinds or ())) or
             f"{word('kind', lang)}: {word('all', lang)}"]
    if who:
        parts.append(f"{word('who', lang)}: {who}")
    if entity:
        parts.append(f"{word('what', lang)}: {entity}")
    return " · ".join(parts)


def period_text(lang: str, t0: int | None, t1: int | None, tz: ZoneInfo) -> str:
    if t0 is None and t1 is None:
        return f"{word('whole', lang)} ({tz.key})"
    a = local_time(t0, tz) if t0 is not None else word("open", lang)
    b = local_time(t1, tz) if t1 is not None else word("open", lang)
    return f"{a} – {b} ({tz.key})"


def write_pdf(rows: Sequence[AuditEntry], out: Path, lang: str, tz: ZoneInfo,
              heading: Heading, names: dict[str, str] | None = None) -> Path:
    """A4 landscape table of the trail; every font embedded, every page tied to the record."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from deungdae.sectors.report_fonts import korean_font

    f = korean_font()
    base = ParagraphStyle("a", fontName=f.regular, fontSize=7.5, leading=9.5)
    head = ParagraphStyle("h", parent=base, fontName=f.bold)
    title = ParagraphStyle("t", parent=base, fontName=f.bold, fontSize=15, leading=19)

    def p(text: str, style=base) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    out = Path(out)
    title_text = word("title", lang)
    flow: list = [p(f"{title_text} — {heading.plant}", title), Spacer(1, 2 * mm),
                  p(f"{word('period', lang)}: {heading.period}"),
                  p(f"{word('filters', lang)}: {heading.filters} · "
                    + word("rows", lang).replace("%1", str(len(rows)))),
                  Spacer(1, 3 * mm)]
    if rows:
        data = [[p(h, head) for h in headers(lang)]]
        for e in rows:
            c = cells(e, lang, tz, names)
            data.append([p(c.time), p(c.kind), p(c.who), p(c.what), p(c.action),
                         p("\n".join(change_lines(e, lang))), p(c.reason), p(c.ref)])
        widths = [31, 22, 20, 36, 38, 58, 36, 32]
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), f.regular),  # else an empty cell asks Helvetica
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9E9E9E")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ECEFF1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        flow.append(t)
    else:
        flow.append(p(word("none", lang)))
    footer = word("made", lang).replace("%1", heading.made).replace("%2", heading.record_state)

    def page(canvas, doc) -> None:  # noqa: ANN001 - reportlab's signature
        canvas.saveState()
        canvas.setFont(f.regular, 7)
        canvas.drawString(12 * mm, 7 * mm, footer)
        canvas.drawRightString(doc.pagesize[0] - 12 * mm, 7 * mm,
                               word("page", lang).replace("%1", str(doc.page)))
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=12 * mm,
                            rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=14 * mm,
                            title=f"{title_text} — {heading.plant}", author=heading.plant,
                            subject=f"{heading.period}; {heading.record_state}",
                            creator="Deungdae", keywords=[f"record={heading.record_state}"],
                            initialFontName=f.regular, initialFontSize=7)
    doc.build(flow, onFirstPage=page, onLaterPages=page)
    return out


def record_state(store, lang: str = "en") -> str:  # noqa: ANN001 - records.store.Store
    """The record's chain position the list was read at ("seq N, head abcd1234"), so a
    printed page can be tied to the record state it was made from."""
    h = store.heads()
    head = str(h.get("mac") or h.get("head") or "")
    seq = word("seq", lang).replace("%1", str(h.get("seq", 0)))
    return seq + (", " + word("head", lang).replace("%1", head[:12]) if head else "")


__all__ = ["KINDS", "LANGS", "Cells", "Heading", "action_text", "cells", "change_lines",
           "entity_text", "filters_text", "headers", "kind_text", "period_text",
           "reason_text", "record_state", "value_text", "who_text", "word", "write_csv", "write_pdf"]
