"""Settings → Users: the record's users, and what an administrator may change about them.

Users live in the record (`records.users` through the engine, on the records worker):
adding a user, resetting a password, disabling and unlocking are appended with the audit
trail naming the administrator.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QColor
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
from deungdae.desktop.ui import theme
from deungdae.desktop.ui.display_format import local_time, role_text
from deungdae.desktop.ui.session import ROLES
from deungdae.desktop.ui.tables import read_only_table
from deungdae.records import users as rusers
from deungdae.records.store import now_ms


def secret_rule_text(role: str | None = None) -> str:
    """The rule for a new PIN or password, said before it is typed (`role` None: both)."""
    signer = QCoreApplication.translate(
        "Secrets", "Managers and administrators sign records: at least %1 characters, not "
        "one repeated character, not a run like 123456 or 654321, not the login, not a "
        "common password.").replace("%1", str(rusers.MIN_SIGNER_SECRET))
    operator = QCoreApplication.translate(
        "Secrets", "Operators: at least %1 characters.").replace("%1", str(rusers.MIN_SECRET))
    if role is None:
        return operator + " " + signer
    return signer if role in rusers.SIGNER_ROLES else operator


def secret_problem_text(secret: str, role: str, login: str = "") -> str:
    """Why `secret` is refused for a `role` user, in the window's language ("" if not)."""
    problem = rusers.secret_problem(secret, role, login)
    if problem is None:
        return ""
    n = str(rusers.min_secret(role))
    if problem == "short":
        text = QCoreApplication.translate(
            "Secrets", "The PIN or password needs at least %1 characters for this role.")
    elif problem == "same":
        text = QCoreApplication.translate(
            "Secrets", "A manager's or administrator's PIN cannot be one repeated character.")
    elif problem == "run":
        text = QCoreApplication.translate(
            "Secrets", "A manager's or administrator's PIN cannot be a run like 123456 or "
            "654321.")
    elif problem == "login":
        text = QCoreApplication.translate("Secrets", "The PIN or password cannot be the login.")
    else:
        text = QCoreApplication.translate(
            "Secrets", "This PIN or password is too common; choose another.")
    return text.replace("%1", n)


def weak_secret_notice() -> str:
    """What a signer whose old secret breaks today's rule is told after signing in."""
    return QCoreApplication.translate(
        "Secrets", "Your PIN or password is shorter or simpler than managers and "
        "administrators now need (at least %1 characters, not trivial). Please change it in "
        "Settings → Users → Change my PIN or password.").replace(
        "%1", str(rusers.MIN_SIGNER_SECRET))


class UserDialog(QDialog):
    """A new user (name, login, role, PIN twice) or, with `login`, a new PIN for them.

    The rule for the role is shown before anything is typed and follows the role chosen.
    """

    def __init__(self, parent=None, login: str | None = None, role: str = "operator") -> None:
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
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setProperty("role", "muted")
        self.role.currentIndexChanged.connect(self._show_rule)
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
        form.addRow(self.rule)
        form.addRow(self.tr("New PIN or password"), self.secret)
        form.addRow(self.tr("Repeat"), self.repeat)
        form.addRow(self.error)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self._show_rule()

    def _show_rule(self) -> None:
        self.rule.setText(secret_rule_text(self.role.currentData()))
        # a wrapped label in a form row gets one line's height unless told: show it whole
        width = max(self.width(), self.minimumWidth()) - 40
        self.rule.setMinimumHeight(self.rule.heightForWidth(width))
        self.adjustSize()

    def values(self) -> tuple[str, str, str, str]:
        return (self.login.text().strip(), self.full_name.text().strip(),
                self.role.currentData(), self.secret.text())

    def accept(self) -> None:
        login, name, role, secret = self.values()
        problem = secret_problem_text(secret, role, login)
        if not self.reset and (not login or not name):
            self.error.setText(self.tr("Enter a name and a login."))
        elif problem:
            self.error.setText(problem)
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
        self.own_button = QPushButton(self.tr("Change my PIN or password…"))
        self.own_button.clicked.connect(self.ask_own)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.reset_button, self.disable_button,
                  self.unlock_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        self.rule = QLabel(secret_rule_text())
        self.rule.setWordWrap(True)
        self.rule.setProperty("role", "muted")
        # a lockout starts at the login dialog and ends by itself: look again while shown
        self._poll = QTimer(self, interval=15_000)
        self._poll.timeout.connect(self.refresh)
        self._expiry = QTimer(self, singleShot=True)
        self._expiry.timeout.connect(self.refresh)
        self.lock_note = QLabel()
        self.lock_note.setWordWrap(True)
        self.lock_note.setStyleSheet(f"color: {theme.ALARM}; font-weight: 600;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.lock_note)
        lay.addWidget(self.status)
        lay.addWidget(self.rule)
        lay.addWidget(self.note)
        shell.session.changed.connect(self._update_buttons)
        self._update_buttons()
        self.refresh()

    # ------------------------------------------------------------------ showing
    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.refresh()
        self._poll.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().hideEvent(event)
        self._poll.stop()

    def refresh(self) -> None:
        self.shell.records.jobs.submit(self.shell.engine.user_states, self._show)

    def _schedule_expiry(self) -> None:
        """Look again just after the next lockout ends, so "locked" never outlives it."""
        ends = [t for _, t in self.states if t and t > now_ms()]
        if ends:
            self._expiry.start(max(1000, min(ends) - now_ms() + 1000))
        else:
            self._expiry.stop()

    def _show(self, states: list[tuple[rusers.User, int | None]]) -> None:
        if not isValid(self):
            return
        keep = self.selected_login()
        self.states = states
        self.table.setRowCount(len(states))
        for r, (u, until) in enumerate(states):
            locked = self.tr("Locked until %1").replace(
                "%1", local_time(until, self.shell.tz, seconds=False)) if until else ""
            texts = [u.login, u.full_name, role_text(u.role),
                     self.tr("yes") if u.active else self.tr("no (disabled)"), locked]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if until:
                    item.setForeground(QColor(theme.ALARM))
                self.table.setItem(r, c, item)
            if u.login == keep:
                self.table.selectRow(r)
        self._schedule_expiry()
        self._update_buttons()

    def selected_state(self) -> tuple[rusers.User, int | None] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if not rows or rows[0].row() >= len(self.states):
            return None
        return self.states[rows[0].row()]

    def locked_until(self, login: str) -> int | None:
        until = next((t for u, t in self.states if u.login == login), None)
        return until if until and until > now_ms() else None

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
        chosen = self.selected_login()
        locked = self.locked_until(chosen) if chosen else None
        self.add_button.setEnabled(admin)
        for b in (self.reset_button, self.disable_button):
            b.setEnabled(admin and chosen is not None)
        self.unlock_button.setEnabled(admin and locked is not None)
        self.unlock_button.setToolTip(
            "" if locked else self.tr("Only a locked account can be unlocked."))
        self.own_button.setEnabled(self.shell.session.user is not None)
        self.lock_note.setText("" if not locked else self.tr(
                "%1 is locked until %2 after %3 wrong passwords. Unlock lets them try "
                "again now.").replace("%1", chosen).replace(
                "%2", local_time(locked, self.shell.tz, seconds=False)).replace(
                "%3", str(rusers.MAX_FAILURES)))
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
        state = self.selected_state()
        dlg = UserDialog(self, login, role=state[0].role if state else "operator")
        try:
            if not dlg.exec():
                return
            secret = dlg.values()[3]
        finally:
            dlg.deleteLater()
        self.reset_password(login, secret)

    def change_own(self, secret: str) -> None:
        """The signed-in user's own new PIN or password (no admin needed)."""
        user = self.shell.session.user
        if user is None:
            self.status.setText(self.tr("Log in first."))
            return
        engine, login = self.shell.engine, user.login

        def job() -> str | None:
            try:
                engine.set_password(login, secret, by=login)
            except (rusers.AuthError, EngineError) as exc:
                return str(exc)
            return None

        def done(error: str | None) -> None:
            if isValid(self):
                self.status.setText(self.tr("Your new PIN or password is set.") if error is None
                                    else self.tr("Not changed: %1").replace("%1", error))
                self.refresh()

        self.status.setText(self.tr("Saving…"))
        self.shell.records.jobs.submit(job, done)

    def ask_own(self) -> None:
        user = self.shell.session.user
        if user is None:
            return
        dlg = UserDialog(self, user.login, role=user.role)
        dlg.setWindowTitle(self.tr("Change my PIN or password"))
        try:
            if not dlg.exec():
                return
            secret = dlg.values()[3]
        finally:
            dlg.deleteLater()
        self.change_own(secret)

    def ask_disable(self) -> None:
        login = self.selected_login()
        if login and QMessageBox.question(
                self, self.tr("Disable"),
                self.tr("Disable %1? They can no longer log in or sign. Their records stay.")
                .replace("%1", login)) == QMessageBox.StandardButton.Yes:
            self.disable(login)
