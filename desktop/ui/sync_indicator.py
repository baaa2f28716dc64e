"""The status bar's sync indicator: is the record reaching the central platform?

Operators in the field mostly need one thing from it: "is anything waiting to be sent,
and is that normal?". Offline is normal for a plant (calm, amber); an error that needs a
person (a refused token, a diverging record) is red and says what to do in its tooltip.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from deungdae.desktop.ui.display_format import local_time
from deungdae.sync.status import SyncStatus

_COLOURS = {"ok": "#7ee2a0", "busy": "#9ecbff", "wait": "#ffd479", "bad": "#ff8a80"}


class SyncIndicator(QLabel):
    def __init__(self, tz, parent=None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.status: SyncStatus | None = None
        self.show_status(None)

    def _waiting(self, st: SyncStatus) -> str:
        if st.backlog_readings:
            return self.tr("%1 readings").replace("%1", f"{st.backlog_readings:,}")
        return self.tr("%1 records").replace("%1", f"{st.backlog_entries:,}")

    def show_status(self, st: SyncStatus | None) -> None:
        """Show `st` (None: not known yet, e.g. before the first background read)."""
        self.status = st
        tip = ""
        if st is None or not st.configured:
            text, tone = self.tr("Sync: not set up (offline only)"), "wait"
            tip = self.tr("Register with a central platform in Settings → Central platform")
        elif st.state == "error":
            text, tone = self.tr("Sync: needs attention"), "bad"
            tip = st.last_error or ""
        elif st.state == "offline":
            text = self.tr("Sync: offline, will retry (%1 waiting)").replace(
                "%1", self._waiting(st))
            tone = "wait"
            tip = st.last_error or ""
        elif st.backlog_entries:
            text = self.tr("Sync: sending (%1 to send)").replace("%1", self._waiting(st))
            tone = "busy"
        else:
            when = local_time(st.last_success_ms, self.tz, seconds=False) \
                if st.last_success_ms else "—"
            text, tone = self.tr("Sync: up to date (%1)").replace("%1", when), "ok"
        if st is not None and st.clock_warning:
            tip = (tip + "\n" if tip else "") + st.clock_warning
        self.setText(text)
        self.setToolTip(tip)
        self.setStyleSheet(f"color: {_COLOURS[tone]}; font-weight: 700;")
