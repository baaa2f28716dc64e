"""Settings → Channels and alarm limits (관리기준; 한계기준 is a CCP's critical limit only):
a manager or administrator changes a channel's alarm limits (`Engine.set_channel_alarm`: applied live, recorded with old and new values and who,
saved to the site config).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from deungdae.desktop.engine.config import ConfigError
from deungdae.desktop.engine.engine import EngineError
from deungdae.desktop.ui.tables import read_only_table
from deungdae.records import users as rusers

LIMIT_KEYS = ("low", "high", "delay", "hysteresis", "stale_after")


class LimitsDialog(QDialog):
    """New limits for one channel: each field blank for none, and a reason."""

    def __init__(self, name: str, unit: str, alarm: dict, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alarm limits of %1").replace("%1", name))
        self.setMinimumWidth(460)
        self.fields: dict[str, QLineEdit] = {}
        labels = {"low": self.tr("Alarm low") + (f" ({unit})" if unit else ""),
                  "high": self.tr("Alarm high") + (f" ({unit})" if unit else ""),
                  "delay": self.tr("Delay (s)"),
                  "hysteresis": self.tr("Hysteresis") + (f" ({unit})" if unit else ""),
                  "stale_after": self.tr("Lost after (s)")}
        form = QFormLayout(self)
        for k in LIMIT_KEYS:
            edit = QLineEdit(f"{alarm[k]:g}" if k in alarm else "")
            edit.setPlaceholderText(self.tr("none"))
            self.fields[k] = edit
            form.addRow(labels[k], edit)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. new product specification"))
        form.addRow(self.tr("Reason"), self.reason)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828; font-weight: 600;")
        form.addRow(self.error)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def alarm(self) -> dict | None:
        """The limits entered, or None (with the error shown) when one is not a number."""
        out = {}
        for k, edit in self.fields.items():
            text = edit.text().strip().replace(",", ".")
            if not text:
                continue
            try:
                v = float(text)
            except ValueError:
                v = float("nan")
            if v != v or v in (float("inf"), float("-inf")):
                self.error.setText(self.tr("Not a number: %1").replace("%1", edit.text()))
                return None
            out[k] = int(v) if k in ("delay", "stale_after") and v == int(v) else v
        return out

    def accept(self) -> None:
        alarm = self.alarm()
        if alarm is None:
            return
        if not self.reason.text().strip():
            self.error.setText(self.tr("Say why the alarm limits change; the reason is recorded."))
            return
        super().accept()


class ChannelsTab(QWidget):
    """Channels and their limits; a manager or an administrator changes limits live."""

    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.table = read_only_table([self.tr("Id"), self.tr("Name"), self.tr("Unit"),
                             self.tr("Alarm low"), self.tr("Alarm high"), self.tr("Delay"),
                             self.tr("Hysteresis"), self.tr("Lost after")], [])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.change_button = QPushButton(self.tr("Change alarm limits…"))
        self.change_button.clicked.connect(self.ask_change)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        lay.addWidget(self.note)
        shell.session.changed.connect(self._update_buttons)
        self.fill()

    def fill(self) -> None:
        keep = self.selected()
        chans = self.shell.engine.config.channels
        self.table.setRowCount(len(chans))
        for r, c in enumerate(chans):
            a = c.alarm
            texts = [c.key, c.name, c.unit, f"{a['low']:g}" if "low" in a else "",
                     f"{a['high']:g}" if "high" in a else "",
                     f"{a['delay']:g} s" if "delay" in a else "",
                     f"{a['hysteresis']:g}" if "hysteresis" in a else "",
                     f"{a['stale_after']:g} s" if "stale_after" in a else ""]
            for col, text in enumerate(texts):
                self.table.setItem(r, col, QTableWidgetItem(text))
            if c.key == keep:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self) -> str | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        chans = self.shell.engine.config.channels
        return chans[rows[0].row()].key if rows and rows[0].row() < len(chans) else None

    def select(self, key: str) -> bool:
        for r, c in enumerate(self.shell.engine.config.channels):
            if c.key == key:
                self.table.selectRow(r)
                return True
        return False

    def _update_buttons(self) -> None:
        if not isValid(self):
            return
        user = self.shell.session.user
        allowed = user is not None and user.can_sign_off
        self.change_button.setEnabled(allowed and self.selected() is not None)
        self.note.setText(
            self.tr("A change applies at once, is saved to %1 and is recorded with the old "
                    "and new values and who made it.") if allowed else
            self.tr("Log in as a manager or administrator to change alarm limits."))
        self.note.setText(self.note.text().replace("%1", str(self.shell.engine.config.path)))

    def ask_change(self) -> None:
        key = self.selected()
        cc = next((c for c in self.shell.engine.config.channels if c.key == key), None)
        if cc is None:
            return
        dlg = LimitsDialog(cc.name, cc.unit, cc.alarm, self)
        try:
            if not dlg.exec():
                return
            alarm, reason = dlg.alarm() or {}, dlg.reason.text().strip()
        finally:
            dlg.deleteLater()
        self.change_limits(key, alarm, reason)

    def change_limits(self, key: str, alarm: dict, reason: str) -> None:
        user = self.shell.session.user
        if user is None or not user.can_sign_off:
            self.status.setText(self.tr("Only a manager or administrator can change alarm limits."))
            return
        engine, by = self.shell.engine, user.login

        def job():
            try:
                return engine.set_channel_alarm(key, alarm, by=by, reason=reason)
            except (rusers.AuthError, EngineError, ConfigError, OSError) as exc:
                return str(exc)

        def done(result) -> None:
            if not isValid(self):
                return
            if isinstance(result, str):
                self.status.setText(self.tr("Not changed: %1").replace("%1", result))
                return
            self.status.setText(self.tr("Alarm limits of %1 changed.").replace("%1", key))
            cv = self.shell.state.channels.get(key)
            if cv is not None:
                new = result[1]
                cv.high, cv.low = new.get("high"), new.get("low")
                if "stale_after" in new:
                    cv.stale_ms = int(float(new["stale_after"]) * 1000)
            self.fill()
            self.shell.overview.refresh_all()

        self.status.setText(self.tr("Saving…"))
        self.shell.records.jobs.submit(job, done)
