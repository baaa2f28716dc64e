"""Settings → Central platform: where the record is synced, how far it is, and registering.

Registering needs only the platform's address and the one-time code its operator gives;
the network call runs off the GUI thread and any refusal is shown in the words the sync
layer chose for it (wrong code, wrong address, untrusted certificate...).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.display_format import local_time
from deungdae.sync.errors import SyncError
from deungdae.sync.status import SyncStatus


class CentralTab(QWidget):
    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.jobs = Background(None, "central", self)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.address = QLabel()
        self.plant = QLabel()
        self.state = QLabel()
        self.backlog = QLabel()
        self.backlog.setWordWrap(True)
        self.last_success = QLabel()
        self.last_error = QLabel()
        self.last_error.setWordWrap(True)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Plant"), self.plant)
        form.addRow(self.tr("State"), self.state)
        form.addRow(self.tr("Waiting to send"), self.backlog)
        form.addRow(self.tr("Last sent"), self.last_success)
        form.addRow(self.tr("Last problem"), self.last_error)
        lay.addLayout(form)

        box = QGroupBox(self.tr("Register with a central platform"))
        bform = QFormLayout(box)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://platform.example.kr")
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("one-time code from the platform operator"))
        bform.addRow(self.tr("Address"), self.url_edit)
        bform.addRow(self.tr("Registration code"), self.code_edit)
        row = QHBoxLayout()
        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.clicked.connect(self.register)
        self.result = QLabel()
        self.result.setWordWrap(True)
        row.addWidget(self.register_button)
        row.addWidget(self.result, 1)
        bform.addRow(row)
        lay.addWidget(box)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.jobs.submit(self.shell.engine.sync_status, self.show_status)

    def show_status(self, st: SyncStatus) -> None:
        dash = "—"
        if not st.configured:
            self.address.setText(self.tr("not registered"))
            self.plant.setText(dash)
            self.state.setText(self.tr("offline only: the record stays on this computer"))
            self.backlog.setText(dash)
            self.last_success.setText(dash)
            self.last_error.setText(dash)
            return
        self.address.setText(st.url)
        self.plant.setText(f"{st.plant_name} (#{st.plant_id})")
        self.state.setText({"idle": self.tr("up to date"), "sending": self.tr("sending"),
                            "offline": self.tr("offline, will retry"),
                            "error": self.tr("needs attention")}.get(st.state, st.state))
        names = {"event": self.tr("events"), "config_change": self.tr("settings changes"),
                 "user_version": self.tr("user changes"), "auth_log": self.tr("sign-ins"),
                 "signature": self.tr("signatures")}
        parts = [f"{n:,} {names[t]}" for t, n in st.backlog_by_table.items()
                 if n and t in names]
        if st.backlog_readings:
            parts.insert(0, self.tr("%1 readings").replace("%1", f"{st.backlog_readings:,}"))
        self.backlog.setText(", ".join(parts) if parts else self.tr("nothing"))
        self.last_success.setText(local_time(st.last_success_ms, self.shell.tz)
                                  if st.last_success_ms else dash)
        problems = [p for p in (st.last_error, st.clock_warning) if p]
        self.last_error.setText("\n".join(problems) if problems else dash)

    def register(self) -> None:
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        if not url or not code:
            self.result.setText(self.tr("Enter the platform's address and the code."))
            return
        self.register_button.setEnabled(False)
        self.result.setText(self.tr("Registering…"))
        engine = self.shell.engine

        def job():
            try:
                return True, engine.register_central(url, code)
            except SyncError as exc:
                return False, str(exc)

        self.jobs.submit(job, self._registered)

    def _registered(self, outcome) -> None:
        ok, value = outcome
        self.register_button.setEnabled(True)
        if ok:
            self.code_edit.clear()
            self.result.setText(self.tr("Registered as %1; the record is being sent.")
                                .replace("%1", value.plant_name))
            self.show_status(value)
            if hasattr(self.shell, "refresh_sync_status"):
                self.shell.refresh_sync_status()
        else:
            self.result.setText(self.tr("Not registered: %1").replace("%1", value))

    def close_jobs(self) -> None:
        self.jobs.close()
