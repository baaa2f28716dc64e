"""Dialogs that add to the record: log in, corrective action, sign-off.

The corrective-action dialog asks for the fields the incident's kind declares
(`sectors.api.kinds.IncidentField`) and returns keys and values, never display text.

Logging in checks the login and password or PIN against the record's users
(`Engine.authenticate`, on the records worker: every attempt is logged and repeated wrong
passwords lock the account). A sign-off is an electronic signature (21 CFR 11.50/11.200):
the dialog shows the printed name and the meaning and asks the signer to re-enter their
password; the signature row holds name, UTC time, meaning and the hash of what was signed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from shiboken6 import isValid

from deungdae.desktop.ui.display_format import role_text, ui_language
from deungdae.desktop.ui.session import Session, User
from deungdae.desktop.ui.users_settings import (
    secret_problem_text,
    secret_rule_text,
    weak_secret_notice,
)
from deungdae.records import users as rusers
from deungdae.records.store import now_ms
from deungdae.sectors.api.kinds import CAUSE_ACTION, IncidentField

ERROR_STYLE = "color: #c62828; font-weight: 600;"


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _secret_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


class LoginDialog(QDialog):
    """Choose or type your login, enter your password or PIN.

    With no users in the record yet it asks for the first administrator instead (an older
    site config's `[[users]]` names are shown, since they no longer sign anyone in).
    `engine` is the shell's Engine, `jobs` the Background the check runs on.
    """

    def __init__(self, session: Session, engine, jobs, parent=None,
                 legacy_names: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in"))
        self.setMinimumWidth(520)
        self.session, self.engine, self.jobs = session, engine, jobs
        self.legacy_names = list(legacy_names)
        self.records_users: list[rusers.User] | None = None  # None until loaded
        self.busy = False
        self.intro = QLabel(self.tr("Loading the users…"))
        self.intro.setWordWrap(True)
        self.full_name = QLineEdit()
        self.login = QComboBox()
        self.login.setEditable(True)
        self.login.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.login.currentTextChanged.connect(self._show_who)
        self.who = QLabel()
        self.who.setProperty("role", "muted")
        self.secret = _secret_edit()
        self.secret2 = _secret_edit()
        self.message = _message_label()
        self.form = QFormLayout(self)
        self.form.addRow(self.intro)
        self.form.addRow(self.tr("Full name"), self.full_name)
        self.form.addRow(self.tr("Login"), self.login)
        self.form.addRow("", self.who)
        self.form.addRow(self.tr("Password or PIN"), self.secret)
        self.form.addRow(self.tr("Repeat"), self.secret2)
        self.form.addRow(self.message)
        self.box = _buttons(self, self.tr("Log in"))
        self.ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.form.addRow(self.box)
        self._first_admin_rows(False)
        self.ok.setEnabled(False)
        self.weak_notice: QMessageBox | None = None
        self.jobs.submit(self.engine.users, self._loaded)

    @property
    def first_admin(self) -> bool:
        return self.records_users == []

    def _first_admin_rows(self, on: bool) -> None:
        self.form.setRowVisible(self.full_name, on)
        self.form.setRowVisible(self.secret2, on)
        self.form.setRowVisible(self.who, not on)

    def _loaded(self, users: list[rusers.User]) -> None:
        if not isValid(self):
            return
        self.records_users = users
        active = [u for u in users if u.active]
        self.login.clear()
        for u in active:
            self.login.addItem(u.login)
        self.ok.setEnabled(True)
        if self.first_admin:
            self._first_admin_rows(True)
            self.login.setEditText("")
            text = self.tr("There are no users in the record yet. Create the first "
                           "administrator now; add everyone else in Settings → Users.") \
                + "\n" + secret_rule_text("admin")
            if self.legacy_names:
                text += "\n" + self.tr("The people listed in the site config (%1) no longer "
                                       "sign in there: each needs a login and password.") \
                    .replace("%1", ", ".join(self.legacy_names))
            self.intro.setText(text)
            self.ok.setText(self.tr("Create and log in"))
            self.full_name.setFocus()
        else:
            self.intro.setText(self.tr("Choose or type your login, then enter your password "
                                       "or PIN."))
            current = self.session.user.login if self.session.user else ""
            self.login.setCurrentIndex(max(0, self.login.findText(current)))
            self._show_who(self.login.currentText())
            self.secret.setFocus()
        self.ok.setMinimumWidth(self.ok.sizeHint().width())
        self.layout().activate()
        self.adjustSize()

    def _show_who(self, login: str) -> None:
        u = next((u for u in self.records_users or [] if u.login == login.strip()), None)
        self.who.setText(f"{u.full_name} · {role_text(u.role)}" if u else "")

    def accept(self) -> None:
        if self.busy or self.records_users is None:
            return
        login, secret = self.login.currentText().strip(), self.secret.text()
        if self.first_admin:
            if not login or not self.full_name.text().strip():
                self.message.setText(self.tr("Enter a name and a login."))
                return
            problem = secret_problem_text(secret, "admin", login)
            if problem:
                self.message.setText(problem)
                return
            if secret != self.secret2.text():
                self.message.setText(self.tr("The two entries differ."))
                return
        elif not login or not secret:
            self.message.setText(self.tr("Enter your login and your password or PIN."))
            return
        self.busy = True
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        name = self.full_name.text().strip()
        engine, first = self.engine, self.first_admin

        def job() -> tuple[str, object]:
            try:
                if first:
                    engine.add_user(login, name, "admin", secret, by="setup")
                return "ok", engine.authenticate(login, secret)
            except rusers.WrongPassword:
                return "wrong", engine.attempts_left(login)
            except rusers.UnknownUser:
                return "unknown", None
            except rusers.AccountLocked:
                until = dict((u.login, t) for u, t in engine.user_states()).get(login)
                return "locked", until
            except rusers.AccountDisabled:
                return "disabled", None
            except Exception as exc:  # a refused first admin, a closed record: say it
                return "error", str(exc)

        self.jobs.submit(job, self._checked)

    def _checked(self, result: tuple[str, object]) -> None:
        if not isValid(self) or not self.isVisible():
            return
        outcome, detail = result
        self.busy = False
        self.ok.setEnabled(True)
        if outcome == "ok":
            self.message.clear()
            self.session.signed_in(detail)  # type: ignore[arg-type]
            super().accept()
            if getattr(detail, "weak_secret", False):  # an old short PIN of a signer
                self.weak_notice = QMessageBox(QMessageBox.Icon.Information,
                                               self.tr("Change your PIN or password"),
                                               weak_secret_notice(), parent=self.parentWidget())
                self.weak_notice.open()  # not modal to the code: sign-in is already done
            return
        self.secret.clear()
        self.secret2.clear()
        self.secret.setFocus()
        self.message.setText(self.refusal_text(outcome, detail))

    def refusal_text(self, outcome: str, detail: object) -> str:
        if outcome in ("wrong", "unknown"):
            text = self.tr("Wrong login or password.")
            if outcome == "wrong" and isinstance(detail, int):
                text += " " + (self.tr("%1 attempt(s) left before the account locks.")
                               .replace("%1", str(detail)) if detail > 0 else
                               self.tr("The account is now locked for %1 minutes.")
                               .replace("%1", str(rusers.LOCKOUT_MINUTES)))
            return text
        if outcome == "locked":
            mins = max(1, math.ceil(((detail or 0) - now_ms()) / 60_000)) \
                if isinstance(detail, int) else rusers.LOCKOUT_MINUTES
            return self.tr("This account is locked after %1 wrong passwords. Try again in "
                           "%2 min or ask an administrator to unlock it.") \
                .replace("%1", str(rusers.MAX_FAILURES)).replace("%2", str(mins))
        if outcome == "disabled":
            return self.tr("This account is disabled. Ask an administrator.")
        return self.tr("Not logged in: %1").replace("%1", str(detail))


def field_label(f: IncidentField, lang: str | None = None) -> str:
    return f.label_ko if (lang or ui_language()) == "ko" and f.label_ko else f.label_en


def choice_label(f: IncidentField, key: object, lang: str | None = None) -> str:
    """A stored choice key in the window's language (an unknown value as it is stored)."""
    lang = lang or ui_language()
    for c in f.choices:
        if c.key == key:
            return c.ko if lang == "ko" and c.ko else c.en
    return "" if key is None else str(key)


class CorrectiveActionDialog(QDialog):
    """The corrective-action step of an incident, asking for the fields its kind declares.

    `fields` are the opening kind's `IncidentField`s (a CCP deviation: cause, action,
    product disposition; a limit alarm: cause, action). `values()` is what the row stores:
    each field's key with its text, number, true/false or *choice key* — never the
    label the combo shows, so a Korean and an English window record the same data.
    A field named "action" gets a multi-line box (what was done is often sentences).
    """

    LONG_TEXT = ("action",)

    def __init__(self, about: str, parent=None,
                 fields: Sequence[IncidentField] = CAUSE_ACTION,
                 lang: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Corrective action"))
        self.setMinimumWidth(560)
        self.fields = tuple(fields)
        self.lang = lang or ui_language()
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout(self)
        about_label = QLabel(about)
        about_label.setWordWrap(True)
        form.addRow(self.tr("Deviation"), about_label)
        for f in self.fields:
            widget = self._input(f)
            self.inputs[f.key] = widget
            form.addRow(field_label(f, self.lang), widget)
        self.problem = _message_label()
        form.addRow(self.problem)
        self.box = _buttons(self, self.tr("Record"))
        form.addRow(self.box)

    def _input(self, f: IncidentField) -> QWidget:
        if f.kind == "choice":
            combo = QComboBox()
            for c in f.choices:
                combo.addItem(c.ko if self.lang == "ko" and c.ko else c.en, c.key)
            return combo
        if f.kind == "bool":
            return QCheckBox()
        if f.kind == "number":
            spin = QDoubleSpinBox()
            spin.setRange(-1e9, 1e9)
            spin.setDecimals(3)
            return spin
        if f.key in self.LONG_TEXT:
            edit = QPlainTextEdit()
            edit.setFixedHeight(110)
            if f.key == "action":
                edit.setPlaceholderText(self.tr("What was done, e.g. door closed, "
                                                "product temperature checked"))
            return edit
        edit = QLineEdit()
        if f.key == "cause":
            edit.setPlaceholderText(self.tr("e.g. door left open during loading"))
        return edit

    def value_of(self, key: str) -> object:
        w = self.inputs[key]
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QDoubleSpinBox):
            return w.value()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        return w.text().strip()  # type: ignore[union-attr]

    def values(self) -> dict[str, object]:
        """Field key → stored value (choice keys, not labels)."""
        return {f.key: self.value_of(f.key) for f in self.fields}

    def missing(self) -> list[IncidentField]:
        """The fields the record cannot be made without (required, empty or invalid)."""
        values = self.values()
        return [f for f in self.fields if f.problem(values[f.key]) is not None]

    def accept(self) -> None:
        missing = self.missing()
        if missing:
            labels = [field_label(f, self.lang) for f in missing]
            if self.lang != "ko":
                labels = [label.lower() for label in labels]
            self.problem.setText(self.tr("Enter the %1.").replace(
                "%1", self.tr(", ").join(labels)))
            return
        super().accept()


class SignOffDialog(QDialog):
    """An electronic signature: printed name, meaning, the re-entered password.

    `SignOffDialog(about, signer, parent)` then `values()` -> (meaning, note) and
    `password()`, for `RecordActions.sign_off(..., password=dlg.password())`. After
    `sign_with(records, ref, login)` the dialog signs itself when accepted and stays open
    (saying why) when the signature is refused.
    """

    def __init__(self, about: str, signer: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign off"))
        self.setMinimumWidth(560)
        self.signer = signer
        user = _session_user(parent)
        printed = user.display if user is not None and user.login == signer else signer
        self.meaning = QComboBox()
        self.meaning.addItem(self.tr("Performed"), "performed")
        self.meaning.addItem(self.tr("Reviewed"), "reviewed")
        self.meaning.addItem(self.tr("Approved"), "approved")
        self.meaning.setCurrentIndex(2)
        self.note = QLineEdit()
        self.secret = _secret_edit()
        self.secret.setPlaceholderText(self.tr("re-enter your password or PIN to sign"))
        self.message = _message_label()
        explain = QLabel(self.tr("Signing means re-entering your password. The signature "
                                 "records your printed name, the time (UTC), its meaning "
                                 "and a fingerprint of what you sign; if that record "
                                 "changes later, the signature shows as invalidated."))
        explain.setWordWrap(True)
        explain.setProperty("role", "muted")
        form = QFormLayout(self)
        about_label = QLabel(about)
        about_label.setWordWrap(True)
        form.addRow(self.tr("Record"), about_label)
        self.printed_name = QLabel(printed)
        self.printed_name.setStyleSheet("font-weight: 700;")
        form.addRow(self.tr("Signed by"), self.printed_name)
        form.addRow(self.tr("Meaning"), self.meaning)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Password or PIN"), self.secret)
        form.addRow(explain)
        form.addRow(self.message)
        self.box = _buttons(self, self.tr("Sign"))
        self.ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel = self.box.button(QDialogButtonBox.StandardButton.Cancel)
        form.addRow(self.box)
        self.secret.setFocus()
        self._records = None
        self._ref = None
        self.busy = False
        self.signed_row = None

    def values(self) -> tuple[str, str]:
        return self.meaning.currentData(), self.note.text().strip()

    def password(self) -> str:
        return self.secret.text()

    def sign_with(self, records, ref, login: str) -> None:
        """Sign through `records` (RecordActions) when accepted; close only once signed."""
        self._records, self._ref, self.signer = records, ref, login

    def accept(self) -> None:
        if self.busy:
            return
        if not self.password():
            self.message.setText(self.tr("Enter your password or PIN to sign."))
            self.secret.setFocus()
            return
        if self._records is None:
            super().accept()
            return
        self.busy = True
        self.ok.setEnabled(False)
        self.cancel.setEnabled(False)
        self.message.setText(self.tr("Signing…"))
        meaning, note = self.values()
        self._records.sign(self._ref, self.signer, meaning, note, self.password(),
                           self._signed, self._refused)

    def reject(self) -> None:
        # While signing the job may already have written the signature: closing now
        # would hide its outcome (and lose the verification that follows it).
        if self.busy:
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _signed(self, row) -> None:
        if isValid(self):
            self.busy = False
            self.signed_row = row
            self.message.clear()
            super().accept()

    def _refused(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self.busy = False
        self.ok.setEnabled(True)
        self.cancel.setEnabled(True)
        self.secret.clear()
        self.secret.setFocus()
        self.message.setText(self.refusal_text(exc))

    def refusal_text(self, exc: Exception) -> str:
        if isinstance(exc, rusers.WrongPassword | rusers.UnknownUser):
            return self.tr("Wrong password: nothing was signed or recorded.")
        if isinstance(exc, rusers.AccountLocked):
            return self.tr("Your account is locked after too many wrong passwords: nothing "
                           "was signed. Ask an administrator to unlock it.")
        if isinstance(exc, rusers.AccountDisabled):
            return self.tr("This account is disabled: nothing was signed.")
        if isinstance(exc, rusers.NotAllowed):
            return self.tr("Your role may not sign with this meaning: nothing was signed.")
        if isinstance(exc, rusers.WeakSecret):
            return self.tr("Not signed: managers and administrators sign only with a PIN or "
                           "password of at least %1 characters that is not trivial. Change it "
                           "first in Settings → Users → Change my PIN or password.").replace(
                "%1", str(rusers.MIN_SIGNER_SECRET))
        return self.tr("Not signed: %1").replace("%1", str(exc))


def _session_user(widget) -> User | None:
    """The logged-in user of the shell `widget` is in (for the printed name), if any."""
    win = widget.window() if widget is not None else None
    session = getattr(win, "session", None)
    return getattr(session, "user", None)
