"""Labels and number formats the reports share. Labels are written "한국어 (English)": a
PDF shows the side of its language (`report_pdf.L`), CSV and XLSX carry keys."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from deungdae.sectors.manufacturing.config import Settings
from deungdae.sectors.manufacturing.oee import UNASSIGNED

LOSS_NAMES = {
    "breakdown": ("설비 고장", "breakdowns"),
    "setup": ("준비·조정", "setup and adjustment"),
    "minor_stops": ("순간 정지", "minor stops"),
    "other_stops": ("기타 정지", "other stops"),
    "reduced_speed": ("속도 저하", "reduced speed"),
    "startup_rejects": ("초기 불량", "start-up rejects"),
    "production_rejects": ("공정 불량", "production rejects"),
    "valuable": ("가치 가동 (양품 이상 시간)", "valuable operating time"),
}


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f} %"


def hms(ms: float | None) -> str:
    """Milliseconds as H:MM:SS (whole seconds: the figures are exact to the second)."""
    if ms is None:
        return "—"
    s = round(ms / 1000)
    sign = "-" if s < 0 else ""
    s = abs(s)
    return f"{sign}{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def stamp(ts: int, tz: ZoneInfo, seconds: bool = False) -> str:
    t = dt.datetime.fromtimestamp(ts / 1000, tz)
    return t.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def clock(ts: int, tz: ZoneInfo) -> str:
    return dt.datetime.fromtimestamp(ts / 1000, tz).strftime("%H:%M:%S")


def reason_label(settings: Settings, key: str | None) -> str:
    if not key or key == UNASSIGNED:
        return "사유 미입력 (no reason entered)"
    r = settings.reasons.get(key)
    return f"{r.ko} ({r.en})" if r else key


def num(v: float | None, unit: str = "", digits: int = 2) -> str:
    return "—" if v is None else f"{v:.{digits}f}{(' ' + unit) if unit else ''}"
