"""The event record: what happened, who acknowledged it, what was done, who signed it.

Rows come from the store on a worker thread (reloaded shortly after new events arrive);
filters narrow by kind and channel. Acknowledge, corrective action and sign-off act on the
selected deviation and append new rows that point to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui import theme
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.display_format import kind_text, local_time
from deungdae.desktop.ui.event_text import event_details, meaning_word
from deungdae.records.store import EventRow

CATEGORIES = {
    "all": (),
    "alarms": ("alarm.start", "alarm.end", "sensor.lost", "sensor.restored"),
    "follow": ("alarm.ack", "corrective.action", "signoff"),
    "devices": ("device.lost", "device.restored", "device.error", "device.added",
                "device.replaced", "device.removed", "device.mapped", "device.scaled",
                "system.write_failed", "system.write_restored"),
}
ACTIONABLE = ("alarm.start", "sensor.lost", "device.lost")
MAX_ROWS = 2000


class EventListPage(QWidget):
    def __init__(self, shell, db_path: Path, tz, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Events"))
        self.shell = shell
        self.tz = tz
        self.jobs = Background(db_path, "events", self)
        self.rows: list[EventRow] = []
        self.shown: list[EventRow] = []
        self.follow_ups: dict[int, list[EventRow]] = {}

        self.category = QComboBox()
        for key, label in (("all", self.tr("All events")),
                           ("alarms", self.tr("Deviations and sensor loss")),
                           ("follow", self.tr("Acknowledgements, actions, sign-offs")),
                           ("devices", self.tr("Devices"))):
            self.category.addItem(label, key)
        self.channel = QComboBox()
        self.channel.addItem(self.tr("All channels"), None)
        for key, cv in shell.state.channels.items():
            self.channel.addItem(cv.name, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search"))
        for w in (self.category, self.channel):
            w.currentIndexChanged.connect(self._fill)
        self.search.textChanged.connect(self._fill)
        filters = QHBoxLayout()
        filters.addWidget(self.category, 2)
        filters.addWidget(self.channel, 2)
        filters.addWidget(self.search, 2)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Event"), self.tr("Channel / device"),
             self.tr("Details"), self.tr("By"), self.tr("Follow-up")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.ack = QPushButton(self.tr("Acknowledge"))
        self.corrective = QPushButton(self.tr("Corrective action…"))
        self.signoff = QPushButton(self.tr("Sign off…"))
        self.ack.clicked.connect(lambda: self._act("ack"))
        self.corrective.clicked.connect(lambda: self._act("corrective"))
        self.signoff.clicked.connect(lambda: self._act("signoff"))
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        actions = QHBoxLayout()
        actions.addWidget(self.hint, 1)
        actions.addWidget(self.ack)
        actions.addWidget(self.corrective)
        actions.addWidget(self.signoff)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(actions)
        self._reload_timer = QTimer(self, singleShot=True, interval=300)
        self._reload_timer.timeout.connect(self.reload)
        self._selection_changed()
        self.reload()

    # ------------------------------------------------------------------ data
    def schedule_reload(self) -> None:
        if not self._reload_timer.isActive():
            self._reload_timer.start()

    def reload(self) -> None:
        def job() -> list[EventRow]:
            store = self.jobs.reader()
            # newest MAX_ROWS: the store lists oldest first, so ask from a recent id window
            rows = store.events(limit=1_000_000)
            return rows[-MAX_ROWS:]

        self.jobs.submit(job, self._loaded)

    def _loaded(self, rows: list[EventRow]) -> None:
        self.rows = rows
        self.follow_ups = {}
        for r in rows:
            if r.ref_id is not None:
                self.follow_ups.setdefault(r.ref_id, []).append(r)
        self._fill()

    def follow_up_text(self, r: EventRow) -> str:
        parts = []
        for f in self.follow_ups.get(r.id, []):
            if f.kind == "alarm.ack":
                parts.append(self.tr("acknowledged by %1").replace("%1", f.user))
            elif f.kind == "corrective.action":
                parts.append(self.tr("action by %1").replace("%1", f.user))
            elif f.kind == "signoff":
                parts.append(self.tr("signed (%1) by %2").replace(
                    "%1", self.meaning_text(f.data.get("meaning", ""))).replace(
                    "%2", f.data.get("printed_name") or f.user))
        return "; ".join(parts)

    def details_text(self, r: EventRow) -> str:
        """What the event says, in the window's language (see `event_text`)."""
        said = getattr(self.shell, "sector_event_details", None)  # "" for the shell's kinds
        text = said(r) if callable(said) else ""
        if text:
            return text
        channels = self.shell.state.channels
        return event_details(r, lambda k: channels[k].unit if k in channels else "", self.tz)

    def describe_incident(self, incident) -> str:
        """The overview's "Details" for the shell's own incidents: what opened it."""
        return self.details_text(incident.opened)

    def meaning_text(self, meaning: str) -> str:
        return meaning_word(meaning)

    def _fill(self) -> None:
        kinds = CATEGORIES[self.category.currentData() or "all"]
        channel = self.channel.currentData()
        needle = self.search.text().strip().lower()
        shown = []
        details = {}
        for r in reversed(self.rows):
            if kinds and r.kind not in kinds:
                continue
            if channel and r.channel != channel:
                continue
            details[r.id] = text = self.details_text(r)
            if needle and needle not in (r.message + text + (r.channel or "")
                                         + r.user).lower():
                continue
            shown.append(r)
        selected = self.selected()
        self.shown = shown
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(shown))
        names = {k: c.name for k, c in self.shell.state.channels.items()}
        for i, r in enumerate(shown):
            who = names.get(r.channel or "", r.channel or r.device or "")
            cells = [local_time(r.ts, self.tz), kind_text(r.kind), who, details[r.id],
                     "" if r.user == "system" else r.user, self.follow_up_text(r)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.severity == "alarm":
                    item.setForeground(QColor(theme.ALARM))
                self.table.setItem(i, col, item)
            if selected is not None and r.id == selected.id:
                self.table.selectRow(i)
        self.table.setUpdatesEnabled(True)
        self._selection_changed()

    # ------------------------------------------------------------------ actions
    def selected(self) -> EventRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.shown):
            return None
        return self.shown[rows[0].row()]

    def select_event(self, event_id: int) -> bool:
        for i, r in enumerate(self.shown):
            if r.id == event_id:
                self.table.selectRow(i)
                return True
        return False

    def _selection_changed(self) -> None:
        r = self.selected()
        ok = r is not None and r.kind in ACTIONABLE
        for b in (self.ack, self.corrective, self.signoff):
            b.setEnabled(ok)
        self.hint.setText("" if ok else self.tr("Select a deviation or a lost sensor to "
                                                "acknowledge it, record an action or sign off."))

    def _act(self, what: str) -> None:
        r = self.selected()
        if r is None:
            return
        if what == "ack":
            self.shell.acknowledge_event(r)
        elif what == "corrective":
            self.shell.ask_corrective_action(r)
        else:
            self.shell.ask_sign_off(r)

    def close_jobs(self) -> None:
        self._reload_timer.stop()
        self.jobs.close()
