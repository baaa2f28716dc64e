"""The words and number formats of HACCP reports, in Korean and English.

The record stores keys and values (a deviation's `reason`, its limit and duration, a
disposition key); a report renders them here in the reader's language, so a Korean PDF
and an English PDF come from the same record and neither carries the other's words.
Numbers and units are written for people: "20 s" / "20초", not "0.333333분"; "≤ 3 °C",
not "<= 3"; counts with thousands separators; Korean weekday names.

Vocabulary, as Korean HACCP forms use it: 한계기준 (critical limit) is only ever a CCP's
critical limit; alarm limits of channels are 관리기준 (control limit).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from deungdae.sectors.haccp.ccp_config import CCP

LANGS = ("ko", "en")

# key -> (Korean, English)
_T: dict[str, tuple[str, str]] = {
    # report titles
    "daily.title": ("CCP 모니터링 일지", "CCP monitoring log"),
    "deviations.title": ("한계기준 이탈 및 개선조치 보고서", "Critical-limit deviations and corrective actions"),
    "monthly.title": ("월간 CCP 검증 요약", "Monthly CCP verification summary"),
    # header and sign-off box
    "date": ("일자", "Date"),
    "period": ("기간", "Period"),
    "period.end_excluded": ("종료 시각 제외", "end excluded"),
    "signoff": ("결재", "Sign-off"),
    "performed": ("작성", "Prepared"),
    "reviewed": ("검토", "Reviewed"),
    "approved": ("승인", "Approved"),
    "meaning.performed": ("작성함", "prepared"),
    "meaning.reviewed": ("검토함", "reviewed"),
    "meaning.approved": ("승인함", "approved"),
    "signoff.invalid": ("무효 — 서명 후 기록 변경", "VOID — records changed after signing"),
    "signoff.void": ("무효", "VOID"),
    "signoff.memo": ("결재 의견", "Sign-off remarks"),
    "void.changed": ("서명한 기록 변경", "signed records changed"),
    "void.missing": ("서명한 기록 없어짐", "signed records missing"),
    "void.corrected": ("서명 후 정정 {n}건", "{n} correction(s) after signing"),
    "void.added": ("서명 후 추가 기록 {n}건", "{n} record(s) added after signing"),
    "integrity": ("기록 무결성", "Record integrity"),
    "integrity.ok": ("[확인]", "[OK]"),
    "integrity.bad": ("[주의]", "[WARNING]"),
    # CCP block
    "critical_limit": ("한계기준", "Critical limit"),
    "method": ("모니터링 방법·주기", "Monitoring method and frequency"),
    "method.auto": ("자동 기록", "automatic recording"),
    "every": ("{0}마다", "every {0}"),
    "figures": ("최저 / 최고 / 평균", "Min / max / mean"),
    "counts.label": ("측정·배제 건수", "Readings and rejects"),
    "counts": ("측정 {n}건, 품질 불량 {bad}건, 수기 {manual}건",
               "{n} readings, {bad} bad-quality, {manual} manual"),
    "rejects": ("금속 배제 {0}회", "{0} metal rejects"),
    "col.time": ("측정 시각", "Time"),
    "col.value": ("측정값", "Value"),
    "col.verdict": ("판정", "Verdict"),
    "col.action": ("개선조치", "Corrective action"),
    "col.checker": ("확인자", "Checked by"),
    "ok": ("적합", "Pass"),
    "ng": ("부적합", "Fail"),
    "no_monitoring": ("이 기간에 기록된 모니터링 없음", "No monitoring recorded in this period"),
    "no_data": ("기록 없음", "no data"),
    "in_progress": ("진행 중", "in progress"),
    "brief_excursion": ("허용 시간 내 일시 초과", "brief excursion within the allowed time"),
    "hour_value": ("{lo} ~ {hi} (평균 {avg})", "{lo} to {hi} (mean {avg})"),
    "batch_value": ("최고 {max}, {limit} 이상 {held} 유지", "max {max}, held at or above {limit} for {held}"),
    "sensor_stopped": ("센서 중단", "sensor stopped"),
    "cooling_value": ("단계 도달 {0}", "stages reached after {0}"),
    "check_not_done": ("점검 미실시", "check not done"),
    "auto": ("자동 기록", "automatic"),
    "manual": ("수기", "manual"),
    "corrected": ("정정", "corrected"),
    # deviations
    "col.occurred": ("발생 시각", "Occurred"),
    "col.ccp": ("CCP", "CCP"),
    "col.deviation": ("이탈 내용", "Deviation"),
    "col.status": ("상태", "Status"),
    "col.actions": ("개선조치 (원인 / 조치 / 제품 처리 / 담당)",
                    "Corrective action (cause / action / product / by)"),
    "col.verification": ("검증", "Verification"),
    "no_deviation": ("이탈 없음", "No deviation"),
    "deviations.section": ("한계기준 이탈 및 개선조치", "Deviations and corrective actions"),
    "cause": ("원인", "cause"),
    "verified_as": ("{who} ({when}) 검증", "verified by {who} ({when})"),
    "memo": ("의견: {0}", "remark: {0}"),
    # manual entries
    "manual.section": ("수기 기록", "Manual entries"),
    "col.reason": ("사유", "Reason"),
    "col.entered_by": ("입력자", "Entered by"),
    "no_manual": ("수기 기록 없음", "No manual entries"),
    "manual.while_recording": ("센서 정상 작동 중 수기 입력",
                               "entered by hand while the sensor was recording"),
    # readiness
    "readiness.section": ("스마트 HACCP 요건 점검", "Smart HACCP readiness"),
    "col.requirement": ("요건", "Requirement"),
    "col.basis": ("근거", "Basis"),
    "met": ("충족", "met"),
    "not_met": ("미충족", "not met"),
    # remarks
    "remarks": ("특이사항", "Remarks"),
    "none": ("없음", "None"),
    "remark.open": ("{ccp}: 미종결 이탈 {n}건 — 개선조치·검증 필요",
                    "{ccp}: {n} open deviation(s) — corrective action and verification needed"),
    "remark.manual": ("{ccp}: 수기 기록 {n}건 (사유는 표에 표시)",
                      "{ccp}: {n} manual entr(ies) (reasons in the table)"),
    "remark.bad": ("{ccp}: 품질 불량 측정 {n}건 (집계에서 제외)",
                   "{ccp}: {n} bad-quality reading(s) (left out of the figures)"),
    # monthly
    "col.min": ("최저", "Min"),
    "col.max": ("최고", "Max"),
    "col.mean": ("평균", "Mean"),
    "col.readings": ("측정 건수", "Readings"),
    "col.valid": ("유효 측정값", "Valid readings"),
    "col.bad": ("품질 불량", "Bad quality"),
    "col.manual": ("수기", "Manual"),
    "col.deviations": ("이탈", "Deviations"),
    "col.open": ("미종결", "Open"),
    "trend": ("{name} — 최고/평균/최저 ({unit}), x = 일", "{name} — max/mean/min ({unit}), x = day"),
    # footer
    "footer.state": ("기록 상태: 체인 {seq}번 · 헤드 {head} · 생성 {gen} · {gen_by}",
                     "Record state: chain entry {seq} · head {head} · made {gen} · {gen_by}"),
    "footer.marks": ("수기 = 수동 입력, 정정 = 정정된 값 (원래 값은 기록에 남음)",
                     "manual = entered by hand; corrected = a corrected value (the original stays in the record)"),
    "page": ("{0}쪽", "page {0}"),
}

REASONS: dict[str, tuple[str, str]] = {
    "hold_too_short": ("유지시간 미달", "hold time too short"),
    "not_reached": ("한계온도 미도달", "limit temperature not reached"),
    "limit": ("한계기준 이탈", "critical limit exceeded"),
    "sensor_lost": ("자동기록 중단(센서)", "automatic recording stopped (sensor)"),
    "check_missed": ("점검 미실시", "check not done"),
    "test_piece_failed": ("시편 불검출", "test piece not detected"),
    "cooling_too_slow": ("냉각 지연", "cooling too slow"),
}
STATUSES: dict[str, tuple[str, str]] = {
    "open": ("미조치", "open"), "acknowledged": ("확인", "acknowledged"),
    "action_recorded": ("조치 완료·검증 대기", "action recorded, awaiting verification"),
    "closed": ("검증 완료", "verified"),
}
DISPOSITIONS: dict[str, tuple[str, str]] = {
    "hold": ("보류", "hold"), "rework": ("재가공", "rework"), "discard": ("폐기", "discard"),
    "release": ("출고", "release"),
}
PIECES: dict[str, tuple[str, str]] = {
    "fe": ("Fe", "Fe"), "sus": ("SUS", "SUS"), "product": ("제품", "product"),
    "fe_on_product": ("Fe+제품", "Fe on product"), "sus_on_product": ("SUS+제품", "SUS on product"),
}
# why a value was entered by hand (the manual-entry form's short list)
MANUAL_REASONS: dict[str, tuple[str, str]] = {
    "sensor_failure": ("센서 고장", "sensor failure"),
    "calibration_check": ("교정 확인", "calibration check"),
    "power_cut": ("정전", "power cut"),
    "other": ("기타", "other"),
}
WEEKDAYS = {"ko": "월화수목금토일", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"report language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "ko" else pair[1]


def t(lang: str, key: str, *args: object, **kw: object) -> str:
    """The text of `key` in `lang`, filled with `args`/`kw`."""
    text = _pick(_T[key], lang)
    return text.format(*args, **kw) if args or kw else text


def word(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    """A stored key in words (a key we do not know is printed as stored)."""
    if key is None:
        return ""
    pair = table.get(key)
    return _pick(pair, lang) if pair else str(key)


def void_reasons(void: Sequence[tuple[str, int]], lang: str) -> str:
    """What invalidated a signature, in words: "서명 후 정정 2건 · 서명 후 추가 기록 1건"."""
    return " · ".join(t(lang, f"void.{key}", n=n) for key, n in void if f"void.{key}" in _T)


def number(v: float | None, decimals: int = 1) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return f"{v:,.{decimals}f}"


def value(v: float | None, unit: str, decimals: int = 1) -> str:
    """A measured value with its unit ("4.5 °C"); "—" for none."""
    text = number(v, decimals)
    return text if text == "—" or not unit else f"{text} {unit}"


def count(n: int) -> str:
    return f"{n:,}"


def limit_number(v: float) -> str:
    """A configured limit as written by people: 75, 3.5, -18 (never 75.000000)."""
    return f"{v:g}"


def duration(seconds: float, lang: str) -> str:
    """20 s / 20초; 15 min / 15분; 1 h 30 min / 1시간 30분; 2 d / 2일."""
    s = round(float(seconds))
    if s < 120 or (s < 600 and s % 60):  # "60초", "90초": how forms write short holds
        return f"{s}초" if lang == "ko" else f"{s} s"
    units = ((86_400, "일", "d"), (3600, "시간", "h"), (60, "분", "min"))
    parts = []
    for size, ko, en in units:
        k, s = divmod(s, size)
        if k:
            parts.append(f"{k}{ko}" if lang == "ko" else f"{k} {en}")
    if s:
        parts.append(f"{s}초" if lang == "ko" else f"{s} s")
    return " ".join(parts)


def op_sign(op: str) -> str:
    return "≥" if op == ">=" else "≤"


def critical_limit(ccp: CCP, unit: str, lang: str) -> str:
    """A CCP's critical limit (한계기준) in words."""
    u = f" {unit}" if unit else ""
    if ccp.kind == "heating":
        lim = f"≥ {limit_number(ccp.limit or 0)}{u}"
        held = duration(ccp.hold_s, lang)
        return f"{lim}, {held} 이상 유지" if lang == "ko" else f"{lim}, held for at least {held}"
    if ccp.kind == "cooling":
        return ", ".join(
            f"{limit_number(s.below)}{u} 이하 / {duration(s.within_s, lang)} 이내" if lang == "ko"
            else f"≤ {limit_number(s.below)}{u} within {duration(s.within_s, lang)}"
            for s in ccp.stages)
    if ccp.kind == "metal_detection":
        return ("Fe·SUS 시편 검출, 제품 단독 통과; 금속 검출 시 배제" if lang == "ko" else
                "Fe and SUS test pieces detected, product alone passes; metal is rejected")
    text = f"{op_sign(ccp.op)} {limit_number(ccp.limit or 0)}{u}"
    if ccp.grace_s:
        g = duration(ccp.grace_s, lang)
        text += f" (초과 {g}까지 허용)" if lang == "ko" else f" (beyond it for up to {g})"
    return text


def day_label(d: date, lang: str) -> str:
    """2026-12-03 (목) / 2026-12-03 (Thu)."""
    return f"{d:%Y-%m-%d} ({WEEKDAYS[lang][d.weekday()]})"


def stamp(dt: datetime, lang: str, seconds: bool = False) -> str:
    """A local time with its zone's abbreviation: 2026-12-03 14:05 KST."""
    fmt = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    zone = dt.tzname() or ""
    return f"{dt.strftime(fmt)} {zone}".strip()


def deviation_text(data: dict, unit: str, lang: str) -> str:
    """What a deviation was, from the keys and values its event stores."""
    reason = data.get("reason")
    head = word(REASONS, reason, lang)
    ko = lang == "ko"
    d: str = ""
    if reason == "limit" and data.get("value") is not None:
        lim = data.get("limit")
        d = (f"{value(data['value'], unit)} (한계기준 {limit_number(lim)} {unit})" if ko else
             f"{value(data['value'], unit)} (critical limit {limit_number(lim)} {unit})"
             ) if lim is not None else value(data["value"], unit)
        if data.get("grace_s") is not None:
            g = duration(data["grace_s"], lang)
            d += f", 허용 {g} 초과" if ko else f", beyond it longer than {g}"
    elif reason in ("hold_too_short", "not_reached"):
        held, need = duration(data.get("held_s", 0), lang), duration(data.get("hold_s", 0), lang)
        mx = value(data.get("max"), unit)
        d = (f"최고 {mx}, {held} 유지 (기준 {need})" if ko else
             f"max {mx}, held {held} (needs {need})")
    elif reason == "sensor_lost":
        d = "측정값 없음 — 복구까지 수기 기록" if ko else "no readings — record by hand until fixed"
    elif reason == "cooling_too_slow":
        below, within = limit_number(data.get("below", 0)), duration(data.get("within_s", 0), lang)
        d = (f"{data.get('stage', '')}단계: {within} 안에 {below} {unit} 이하 미도달" if ko else
             f"stage {data.get('stage', '')}: not below {below} {unit} within {within}")
    elif reason == "test_piece_failed":
        failed = ", ".join(word(PIECES, p, lang) for p in data.get("failed", []))
        missing = ", ".join(word(PIECES, p, lang) for p in data.get("missing", []))
        parts = []
        if failed:
            parts.append(("불검출: " if ko else "not detected: ") + failed)
        if missing:
            parts.append(("미실시: " if ko else "not checked: ") + missing)
        d = "; ".join(parts)
    return f"{head} — {d}" if d else head
