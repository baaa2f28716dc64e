"""Settings → Users: the record's users, and what an administrator may change about them.

Users live in the record (`records.users` through the engine, on the records worker):
adding a user, resetting a password, disabling and unlocking are appended with the audit
trail naming the administrator.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from deungdae.desktop.engine.engine import EngineError
from deungdae.desktop.ui.display_format import local_time, role_text
from deungdae.desktop.ui.session import ROLES
from deungdae.desktop.ui.tables import read_only_table
from deungdae.records import users as rusers


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
            self.role.addItem(role_text(r), r)
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
        self.table = read_only_table([self.tr("Login"), self.tr("Name"), self.tr("Role"),
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

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        self.shell.records.jobs.submit(self.shell.engine.user_states, self._show)

    def _show(self, states: list[tuple[rusers.User, int | None]]) -> None:
        if not isValid(self):
            return
        keep = self.selected_login()
        self.states = states
        self.table.setRowCount(len(states))
        for r, (u, until) in enumerate(states):
            locked = self.tr("until %1").replace("%1", local_time(until, self.shell.tz,
                                                                  seconds=False)) \
                if until else ""
            texts = [u.login, u.full_name, role_text(u.role),
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
        try:
            if not dlg.exec():
                return
            values = dlg.values()
        finally:
            dlg.deleteLater()
        self.add_user(*values)

    def ask_reset(self) -> None:
        login = self.selected_login()
        if not login:
            return
        dlg = UserDialog(self, login)
        try:
            if not dlg.exec():
                return
            secret = dlg.values()[3]
        finally:
            dlg.deleteLater()
        self.reset_password(login, secret)

    def ask_disable(self) -> None:
        login = self.selected_login()
        if login and QMessageBox.question(
                self, self.tr("Disable"),
                self.tr("Disable %1? They can no longer log in or sign. Their records stay.")
                .replace("%1", login)) == QMessageBox.StandardButton.Yes:
            self.disable(login)
