"""Settings: language and closing, devices, channels and limits, users, central platform,
data folder and backup.

Users come from the record (`records.users` through the engine, on the records worker):
an administrator adds users, resets passwords, disables and unlocks accounts here, each
change appended with the audit trail naming the administrator. A manager or an
administrator changes a channel's limits here (`Engine.set_channel_alarm`: applied live,
recorded with old and new values and who, saved to the site config).

Devices, channels and limits are shown here and edited in the site config for now; once
the records room's audit trail is in main, edits made here go through it (an appended
`config.change` event naming who changed what from which value).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.engine.config import ConfigError
from desktop.engine.engine import EngineError
from desktop.ui.background import Background
from desktop.ui.central_settings import CentralTab
from desktop.ui.display_format import local_time
from desktop.ui.i18n import LANGUAGES
from desktop.ui.session import ROLES
from records import users as rusers

LIMIT_KEYS = ("low", "high", "delay", "hysteresis", "stale_after")


def backup_database(db: Path, target: Path) -> int:
    """A consistent copy of the record while the logger writes (SQLite online backup)."""
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst, pages=4096)
        finally:
            dst.close()
    finally:
        src.close()
    return target.stat().st_size


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(40)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.setItem(r, c, QTableWidgetItem(text))
    return t


class SettingsPage(QWidget):
    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.shell = shell
        self.jobs = Background(None, "backup", self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general(), self.tr("General"))
        self.tabs.addTab(self._devices(), self.tr("Devices"))
        self.tabs.addTab(self._channels(), self.tr("Channels and limits"))
        self.tabs.addTab(self._users(), self.tr("Users"))
        self.tabs.addTab(self._central(), self.tr("Central platform"))
        self.tabs.addTab(self._data(), self.tr("Data and backup"))
        for c in shell.sector_contributions:
            for page in c.settings_pages:
                self.tabs.addTab(page, page.windowTitle() or c.sector.name)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addWidget(self.tabs)

    def _general(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(self.shell.translations.language))
        self.language.currentIndexChanged.connect(
            lambda _i: self.shell.set_language(self.language.currentData()))
        form.addRow(self.tr("Language"), self.language)
        self.keep = QCheckBox(self.tr("Keep recording in the tray when the window is closed"))
        self.keep.setChecked(self.shell.settings.value("keep_recording_in_tray", False,
                                                        type=bool))
        self.keep.toggled.connect(
            lambda on: self.shell.settings.setValue("keep_recording_in_tray", on))
        form.addRow(self.tr("Closing the window"), self.keep)
        return w

    def _note(self, lay: QVBoxLayout) -> None:
        note = QLabel(self.tr("To change these, edit %1 and restart; changes made in the "
                              "window arrive with the audit trail.")
                      .replace("%1", str(self.shell.engine.config.path)))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        lay.addWidget(note)

    def _devices(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        rows = [[d["id"], str(d.get("name", d["id"])), str(d.get("profile", "")),
                 str(d.get("port", "")), str(d.get("unit", "")),
                 f"{float(d.get('interval', 1.0)):g} s"]
                for d in self.shell.engine.config.devices]
        lay.addWidget(_table([self.tr("Id"), self.tr("Name"), self.tr("Profile"),
                              self.tr("Port"), self.tr("Unit id"), self.tr("Interval")], rows))
        self._note(lay)
        return w

    def _channels(self) -> QWidget:
        self.channels_tab = ChannelsTab(self.shell)
        return self.channels_tab

    def _users(self) -> QWidget:
        self.users_tab = UsersTab(self.shell)
        return self.users_tab

    def _central(self) -> QWidget:
        self.central_tab = CentralTab(self.shell)
        return self.central_tab

    def _data(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        form = QFormLayout()
        form.addRow(self.tr("Data folder"), QLabel(str(self.shell.root)))
        lay.addLayout(form)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up the record now…"))
        self.backup_button.clicked.connect(self._ask_backup)
        self.backup_status = QLabel()
        row.addWidget(self.backup_button)
        row.addWidget(self.backup_status, 1)
        lay.addLayout(row)
        lay.addStretch(1)
        return w

    def _ask_backup(self) -> None:
        name = f"deungdae-backup-{time.strftime('%Y%m%d-%H%M')}.db"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Back up the record"),
                                              str(Path.home() / name))
        if path:
            self.backup_to(Path(path))

    def backup_to(self, target: Path) -> None:
        self.backup_status.setText(self.tr("Backing up…"))
        self.jobs.submit(lambda: backup_database(self.shell.db_path, target),
                         lambda size: self.backup_status.setText(
                             self.tr("Saved %1 (%2 MB)").replace("%1", str(target))
                             .replace("%2", f"{size / 1e6:.1f}")))

    def close_jobs(self) -> None:
        self.jobs.close()
        self.central_tab.close_jobs()


class UserDialog(QDialog):
    """A new user (name, login, role, PIN twice) or, with `login`, a new PIN for them."""

    def __init__(self, parent=None, login: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a user") if login is None else
                            self.tr("Reset the password of %1").replace("%1", login))
        self.setMinimumWidth(480)
        self.reset = login is not None
        self.full_name = QLineEdit()
        self.login = QLineEdit(login or "")
        self.role = QComboBox()
        for r in ROLES:
            self.role.addItem(self.role_text(r), r)
        self.secret = QLineEdit()
        self.repeat = QLineEdit()
        for e in (self.secret, self.repeat):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828; font-weight: 600;")
        form = QFormLayout(self)
        if not self.reset:
            form.addRow(self.tr("Full name"), self.full_name)
            form.addRow(self.tr("Login"), self.login)
            form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("New PIN or password"), self.secret)
        form.addRow(self.tr("Repeat"), self.repeat)
        form.addRow(self.error)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def role_text(self, role: str) -> str:
        return {"operator": self.tr("operator"), "manager": self.tr("manager"),
                "admin": self.tr("administrator")}.get(role, role)

    def values(self) -> tuple[str, str, str, str]:
        return (self.login.text().strip(), self.full_name.text().strip(),
                self.role.currentData(), self.secret.text())

    def accept(self) -> None:
        login, name, _role, secret = self.values()
        if not self.reset and (not login or not name):
            self.error.setText(self.tr("Enter a name and a login."))
        elif len(secret) < rusers.MIN_SECRET:
            self.error.setText(self.tr("A PIN or password needs at least %1 characters.")
                               .replace("%1", str(rusers.MIN_SECRET)))
        elif secret != self.repeat.text():
            self.error.setText(self.tr("The two entries differ."))
        else:
            super().accept()


class UsersTab(QWidget):
    """The record's users; an administrator adds, resets, disables and unlocks them."""

    HEADERS = ("login", "name", "role", "active", "locked")

    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.states: list[tuple[rusers.User, int | None]] = []
        self.table = _table([self.tr("Login"), self.tr("Name"), self.tr("Role"),
                             self.tr("Active"), self.tr("Locked")], [])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("Add a user…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.disable_button = QPushButton(self.tr("Disable"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.add_button.clicked.connect(self.ask_add)
        self.reset_button.clicked.connect(self.ask_reset)
        self.disable_button.clicked.connect(self.ask_disable)
        self.unlock_button.clicked.connect(lambda: self._selected_do(self.unlock))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.reset_button, self.disable_button,
                  self.unlock_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        lay.addWidget(self.note)
        shell.session.changed.connect(self._update_buttons)
        self._update_buttons()
        self.refresh()

    def role_text(self, role: str) -> str:
        return {"operator": self.tr("operator"), "manager": self.tr("manager"),
                "admin": self.tr("administrator")}.get(role, role)

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        self.shell.records.jobs.submit(self.shell.engine.user_states, self._show)

    def _show(self, states: list[tuple[rusers.User, int | None]]) -> None:
        if not isValid(self):
            return
        keep = self.selected_login()
        self.states = states
        self.shell.session.set_users([u for u, _ in states])
        self.table.setRowCount(len(states))
        for r, (u, until) in enumerate(states):
            locked = self.tr("until %1").replace("%1", local_time(until, self.shell.tz,
                                                                  seconds=False)) \
                if until else ""
            texts = [u.login, u.full_name, self.role_text(u.role),
                     self.tr("yes") if u.active else self.tr("no (disabled)"), locked]
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if u.login == keep:
                self.table.selectRow(r)
        self._update_buttons()

    def selected_login(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if not rows or rows[0].row() >= len(self.states):
            return None
        return self.states[rows[0].row()][0].login

    def select(self, login: str) -> bool:
        for r, (u, _) in enumerate(self.states):
            if u.login == login:
                self.table.selectRow(r)
                return True
        return False

    def admin(self) -> str | None:
        user = self.shell.session.user
        return user.login if user is not None and user.is_admin else None

    def _update_buttons(self) -> None:
        if not isValid(self):
            return
        admin = self.admin() is not None
        chosen = self.selected_login() is not None
        self.add_button.setEnabled(admin)
        for b in (self.reset_button, self.disable_button, self.unlock_button):
            b.setEnabled(admin and chosen)
        self.note.setText(self.tr("Every change is recorded in the audit trail with the "
                                  "administrator's login.") if admin else
                          self.tr("Log in as an administrator to add users, reset "
                                  "passwords, disable or unlock accounts."))

    # ------------------------------------------------------------------ changing
    def _run(self, fn, done_text: str) -> None:
        """Run an admin change on the records worker, then show the outcome and refresh."""
        by = self.admin()
        if by is None:
            self.status.setText(self.tr("Only an administrator can change users."))
            return

        def job() -> str | None:
            try:
                fn(by)
            except (rusers.AuthError, EngineError) as exc:
                return str(exc)
            return None

        def done(error: str | None) -> None:
            if not isValid(self):
                return
            self.status.setText(done_text if error is None else
                                self.tr("Not changed: %1").replace("%1", error))
            self.refresh()

        self.status.setText(self.tr("Saving…"))
        self.shell.records.jobs.submit(job, done)

    def add_user(self, login: str, full_name: str, role: str, secret: str) -> None:
        engine = self.shell.engine
        self._run(lambda by: engine.add_user(login, full_name, role, secret, by=by),
                  self.tr("%1 added.").replace("%1", login))

    def reset_password(self, login: str, secret: str) -> None:
        engine = self.shell.engine
        self._run(lambda by: engine.set_password(login, secret, by=by),
                  self.tr("New password set for %1.").replace("%1", login))

    def disable(self, login: str) -> None:
        engine = self.shell.engine
        self._run(lambda by: engine.disable_user(login, by=by),
                  self.tr("%1 disabled.").replace("%1", login))

    def unlock(self, login: str) -> None:
        engine = self.shell.engine
        self._run(lambda by: engine.unlock_user(login, by=by),
                  self.tr("%1 unlocked.").replace("%1", login))

    def _selected_do(self, fn) -> None:
        login = self.selected_login()
        if login:
            fn(login)

    def ask_add(self) -> None:
        dlg = UserDialog(self)
        if dlg.exec():
            self.add_user(*dlg.values())

    def ask_reset(self) -> None:
        login = self.selected_login()
        if not login:
            return
        dlg = UserDialog(self, login)
        if dlg.exec():
            self.reset_password(login, dlg.values()[3])

    def ask_disable(self) -> None:
        login = self.selected_login()
        if login and QMessageBox.question(
                self, self.tr("Disable"),
                self.tr("Disable %1? They can no longer log in or sign. Their records stay.")
                .replace("%1", login)) == QMessageBox.StandardButton.Yes:
            self.disable(login)


class LimitsDialog(QDialog):
    """New limits for one channel: each field blank for none, and a reason."""

    def __init__(self, name: str, unit: str, alarm: dict, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Limits of %1").replace("%1", name))
        self.setMinimumWidth(460)
        self.fields: dict[str, QLineEdit] = {}
        labels = {"low": self.tr("Low limit") + (f" ({unit})" if unit else ""),
                  "high": self.tr("High limit") + (f" ({unit})" if unit else ""),
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
            self.error.setText(self.tr("Say why the limits change; the reason is recorded."))
            return
        super().accept()


class ChannelsTab(QWidget):
    """Channels and their limits; a manager or an administrator changes limits live."""

    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.table = _table([self.tr("Id"), self.tr("Name"), self.tr("Unit"),
                             self.tr("Low limit"), self.tr("High limit"), self.tr("Delay"),
                             self.tr("Hysteresis"), self.tr("Lost after")], [])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.change_button = QPushButton(self.tr("Change limits…"))
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
            self.tr("Log in as a manager or administrator to change limits."))
        self.note.setText(self.note.text().replace("%1", str(self.shell.engine.config.path)))

    def ask_change(self) -> None:
        key = self.selected()
        cc = next((c for c in self.shell.engine.config.channels if c.key == key), None)
        if cc is None:
            return
        dlg = LimitsDialog(cc.name, cc.unit, cc.alarm, self)
        if dlg.exec():
            self.change_limits(key, dlg.alarm() or {}, dlg.reason.text().strip())

    def change_limits(self, key: str, alarm: dict, reason: str) -> None:
        user = self.shell.session.user
        if user is None or not user.can_sign_off:
            self.status.setText(self.tr("Only a manager or administrator can change limits."))
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
            self.status.setText(self.tr("Limits of %1 changed.").replace("%1", key))
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
