"""What a shell event says, in the window's language, from its kind and data.

An event row's `message` is the record's own English line (kept for the audit trail,
exports and central); a Korean operator reads no English. The shell's kinds carry what
the line says as data (value, limit, side, counts), so the events page and the overview
render them from that. Kinds this module does not know (a sector's) keep their message:
a sector writes it, in the words it chose.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from deungdae.desktop.ui.display_format import clock_time, side_text
from deungdae.records.store import EventRow


def _num(v: object) -> str:
    return f"{v:g}" if isinstance(v, int | float) and not isinstance(v, bool) else ""


def _with_unit(v: object, unit: str) -> str:
    n = _num(v)
    return f"{n} {unit}".rstrip() if n else ""


def _fill(text: str, *args: str) -> str:
    """`text` (translated, with %1, %2 ...) with `args` put in."""
    for i, a in enumerate(args, start=1):
        text = text.replace(f"%{i}", a)
    return text


def _duration(seconds: object) -> str:
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
        return ""
    s = int(round(seconds))
    if s < 120:
        return QCoreApplication.translate("EventText", "%1 s").replace("%1", str(s))
    if s < 7200:
        return QCoreApplication.translate("EventText", "%1 min").replace("%1", str(s // 60))
    hours = f"{s / 3600:.1f}".rstrip("0").rstrip(".")
    return QCoreApplication.translate("EventText", "%1 h").replace("%1", hours)


def problem_names() -> dict[str, str]:
    """A device's error counts (`hardware.poller.QUALITY_NAMES`) as people say them."""
    return {"timeout": QCoreApplication.translate("EventText", "no answer"),
            "crc": QCoreApplication.translate("EventText", "damaged answer (CRC)"),
            "garbage": QCoreApplication.translate("EventText", "unreadable answer"),
            "exception": QCoreApplication.translate("EventText", "device refused"),
            "out_of_range": QCoreApplication.translate("EventText", "value out of range"),
            "disconnected": QCoreApplication.translate("EventText", "port lost"),
            "sensor_fault": QCoreApplication.translate("EventText", "sensor fault")}


def meaning_word(key: str) -> str:
    """A signature's meaning key (`reviewed`, `approved`) as people say it."""
    return {"reviewed": QCoreApplication.translate("EventText", "reviewed"),
            "approved": QCoreApplication.translate("EventText", "approved")}.get(key, key)


def _counts(data: dict) -> str:
    names = problem_names()
    said = QCoreApplication.translate("EventText", "%1 × %2")
    return ", ".join(said.replace("%1", names[k]).replace("%2", str(n))
                     for k, n in data.items() if k in names and isinstance(n, int) and n > 0)


def event_details(row: EventRow, unit_of: Callable[[str], str], tz: ZoneInfo) -> str:
    """The details of `row` in the window's language (its message for unknown kinds)."""
    data = row.data if isinstance(row.data, dict) else {}
    unit = unit_of(row.channel or "")
    kind = row.kind
    if kind == "alarm.start":
        value = _with_unit(data.get("value"), unit)
        limit = _with_unit(data.get("limit"), unit)
        if value and limit:
            return _fill(QCoreApplication.translate("EventText", "%1 — %2 (limit %3)"), value,
                         side_text(str(data.get("side", ""))), limit)
    elif kind == "alarm.end":
        limit = _with_unit(data.get("limit"), unit)
        worst = _with_unit(data.get("worst"), unit)
        if limit:
            text = _fill(QCoreApplication.translate("EventText", "back within the limit %1"), limit)
            if worst:
                text += _fill(QCoreApplication.translate("EventText", " (worst %1)"), worst)
            return text
        if data.get("why") == "limit removed":
            return QCoreApplication.translate("EventText", "limit removed")
    elif kind == "sensor.lost":
        last = data.get("last_reading")
        if isinstance(last, int) and not isinstance(last, bool):
            since = clock_time(last, tz)
            return _fill(QCoreApplication.translate("EventText", "no reading since %1"), since)
    elif kind == "sensor.restored":
        gap = _duration(data.get("gap_s"))
        if gap:
            return _fill(QCoreApplication.translate("EventText", "readings again after %1"), gap)
        if data.get("why") == "stale_after removed":
            return QCoreApplication.translate("EventText", "no-data alarm removed")
    elif kind == "device.lost":
        counts = _counts(data)
        said = QCoreApplication.translate("EventText", "no answer from the device")
        return said + (f" ({counts})" if counts else "")
    elif kind == "device.restored":
        down = data.get("down_ms")
        took = _duration(down / 1000) if isinstance(down, int | float) else ""
        return QCoreApplication.translate("EventText", "the device answers again") + (
            _fill(QCoreApplication.translate("EventText", " after %1"), took) if took else "")
    elif kind == "device.error":
        counts = _counts(data)
        if counts:
            return counts
    elif kind == "alarm.ack":
        text = QCoreApplication.translate("EventText", "acknowledged by %1").replace("%1", row.user)
        note = "" if row.message.startswith("acknowledged: ") else row.message
        return f"{text}: {note}" if note else text  # a note is the user's own words
    elif kind == "signoff":
        who = str(data.get("printed_name") or row.user)
        key = str(data.get("meaning", ""))
        text = _fill(QCoreApplication.translate("EventText", "%1 by %2"), meaning_word(key), who)
        note = "" if row.message == key else row.message
        return f"{text}: {note}" if note else text
    return row.message
