"""How numbers, ages and times are written on screen (translated)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Format", text)


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
        return _t("no reading yet")
    s = max(0.0, ms / 1000)
    if s < 90:
        return _t("%n s ago").replace("%n", f"{s:.0f}")
    if s < 5400:
        return _t("%n min ago").replace("%n", f"{s / 60:.0f}")
    if s < 172800:
        return _t("%n h ago").replace("%n", f"{s / 3600:.0f}")
    return _t("%n days ago").replace("%n", f"{s / 86400:.0f}")


def local_time(ts_ms: int, tz: ZoneInfo, seconds: bool = True) -> str:
    dt = datetime.fromtimestamp(ts_ms / 1000, tz)
    return dt.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def clock_time(ts_ms: int, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(ts_ms / 1000, tz).strftime("%H:%M:%S")


def state_text(state: str) -> str:
    return {
        "ok": _t("Normal"),
        "alarm": _t("ALARM"),
        "lost": _t("SENSOR LOST"),
        "stale": _t("No recent data"),
        "none": _t("Waiting for data"),
    }.get(state, state)


def kind_text(kind: str) -> str:
    return {
        "alarm.start": _t("Deviation"),
        "alarm.end": _t("Back within limits"),
        "alarm.ack": _t("Acknowledged"),
        "sensor.lost": _t("Sensor lost"),
        "sensor.restored": _t("Sensor restored"),
        "device.lost": _t("Device lost"),
        "device.restored": _t("Device restored"),
        "device.error": _t("Device error"),
        "corrective.action": _t("Corrective action"),
        "signoff": _t("Sign-off"),
        "config.change": _t("Settings changed"),
        "manual.entry": _t("Manual entry"),
        "note": _t("Note"),
    }.get(kind, kind)


def side_text(side: str) -> str:
    return {"high": _t("above high limit"), "low": _t("below low limit"),
            "lost": _t("no signal")}.get(side, side)
