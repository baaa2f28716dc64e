"""How numbers, ages and times are written on screen (translated)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QLocale

from deungdae.sectors.api.discovery import event_kinds
from deungdae.sectors.api.kinds import KindRegistry


def ui_language() -> str:
    """The window's language ("ko" or "en"), as `Translations.set_language` set it."""
    return "ko" if QLocale().language() == QLocale.Language.Korean else "en"


@lru_cache(maxsize=1)
def _declared() -> KindRegistry:
    return event_kinds()  # every installed sector's kinds, with their titles


def value_text(value: float | None) -> str:
    if value is None:
        return "—"
    a = abs(value)
    if a >= 1000:
        return f"{value:,.0f}"
    if a >= 100:
        return f"{value:.1f}"
    return f"{value:.2f}" if a < 10 else f"{value:.1f}"


def age_text(ms: float | None) -> str:
    if ms is None:
        return QCoreApplication.translate("Format", "no reading yet")
    s = max(0.0, ms / 1000)
    if s < 90:
        return QCoreApplication.translate("Format", "%n s ago").replace("%n", f"{s:.0f}")
    if s < 5400:
        return QCoreApplication.translate("Format", "%n min ago").replace("%n", f"{s / 60:.0f}")
    if s < 172800:
        return QCoreApplication.translate("Format", "%n h ago").replace("%n", f"{s / 3600:.0f}")
    return QCoreApplication.translate("Format", "%n days ago").replace("%n", f"{s / 86400:.0f}")


def local_time(ts_ms: int, tz: ZoneInfo, seconds: bool = True) -> str:
    dt = datetime.fromtimestamp(ts_ms / 1000, tz)
    return dt.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def clock_time(ts_ms: int, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(ts_ms / 1000, tz).strftime("%H:%M:%S")


def state_text(state: str) -> str:
    return {
        "ok": QCoreApplication.translate("Format", "Normal"),
        "alarm": QCoreApplication.translate("Format", "ALARM"),
        "lost": QCoreApplication.translate("Format", "SENSOR LOST"),
        "stale": QCoreApplication.translate("Format", "No recent data"),
        "none": QCoreApplication.translate("Format", "Waiting for data"),
    }.get(state, state)


def kind_text(kind: str) -> str:
    return {
        "alarm.start": QCoreApplication.translate("Format", "Deviation"),
        "alarm.end": QCoreApplication.translate("Format", "Back within limits"),
        "alarm.ack": QCoreApplication.translate("Format", "Acknowledged"),
        "sensor.lost": QCoreApplication.translate("Format", "Sensor lost"),
        "sensor.restored": QCoreApplication.translate("Format", "Sensor restored"),
        "device.lost": QCoreApplication.translate("Format", "Device lost"),
        "device.restored": QCoreApplication.translate("Format", "Device restored"),
        "device.error": QCoreApplication.translate("Format", "Device error"),
        "corrective.action": QCoreApplication.translate("Format", "Corrective action"),
        "signoff": QCoreApplication.translate("Format", "Sign-off"),
        "config.change": QCoreApplication.translate("Format", "Settings changed"),
        "manual.entry": QCoreApplication.translate("Format", "Manual entry"),
        "note": QCoreApplication.translate("Format", "Note"),
    }.get(kind) or _declared().title(kind, ui_language())  # a sector's: its declared title


def side_text(side: str) -> str:
    return {"high": QCoreApplication.translate("Format", "above high limit"), "low": QCoreApplication.translate("Format", "below low limit"),
            "lost": QCoreApplication.translate("Format", "no signal")}.get(side, side)


def role_text(role: str) -> str:
    """A user's role as people say it (operator / manager / administrator)."""
    return {"operator": QCoreApplication.translate("Format", "operator"),
            "manager": QCoreApplication.translate("Format", "manager"),
            "admin": QCoreApplication.translate("Format", "administrator")}.get(role, role)
