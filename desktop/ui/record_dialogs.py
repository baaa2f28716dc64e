"""Dialogs that add to the record: log in, corrective action, sign-off.

Until the records room offers e-signatures, a sign-off is an appended `signoff` event
with the signer's name, the time and the meaning (reviewed / approved), as 21 CFR 11.50
asks a signature to show.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from desktop.ui.session import Session


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class LoginDialog(QDialog):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in"))
        self.session = session
        self.users = QComboBox()
        for u in session.users:
            self.users.addItem(f"{u.name} ({self.role_text(u.role)})", u.name)
        form = QFormLayout(self)
        if not session.users:
            form.addRow(QLabel(self.tr("No users yet: add them in Settings → Users.")))
        form.addRow(self.tr("Name"), self.users)
        form.addRow(_buttons(self, self.tr("Log in")))

    def role_text(self, role: str) -> str:
        return {"operator": self.tr("operator"), "manager": self.tr("manager"),
                "admin": self.tr("administrator")}.get(role, role)

    def accept(self) -> None:
        name = self.users.currentData()
        if name:
            self.session.login(name)
        super().accept()


class CorrectiveActionDialog(QDialog):
    def __init__(self, about: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Corrective action"))
        self.setMinimumWidth(560)
        self.cause = QLineEdit()
        self.cause.setPlaceholderText(self.tr("e.g. door left open during loading"))
        self.action = QPlainTextEdit()
        self.action.setPlaceholderText(self.tr("What was done, e.g. door closed, "
                                               "product temperature checked"))
        self.action.setFixedHeight(110)
        self.disposition = QComboBox()
        for text in (self.tr("No product affected"), self.tr("Product held for review"),
                     self.tr("Product reworked"), self.tr("Product discarded")):
            self.disposition.addItem(text)
        form = QFormLayout(self)
        about_label = QLabel(about)
        about_label.setWordWrap(True)
        form.addRow(self.tr("Deviation"), about_label)
        form.addRow(self.tr("Cause"), self.cause)
        form.addRow(self.tr("Action taken"), self.action)
        form.addRow(self.tr("Product"), self.disposition)
        self.box = _buttons(self, self.tr("Record"))
        form.addRow(self.box)

    def values(self) -> tuple[str, str, str]:
        return (self.cause.text().strip(), self.action.toPlainText().strip(),
                self.disposition.currentText())

    def accept(self) -> None:
        if self.values()[1]:
            super().accept()


class SignOffDialog(QDialog):
    def __init__(self, about: str, signer: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign off"))
        self.setMinimumWidth(520)
        self.meaning = QComboBox()
        self.meaning.addItem(self.tr("Reviewed"), "reviewed")
        self.meaning.addItem(self.tr("Approved"), "approved")
        self.meaning.setCurrentIndex(1)
        self.note = QLineEdit()
        form = QFormLayout(self)
        about_label = QLabel(about)
        about_label.setWordWrap(True)
        form.addRow(self.tr("Record"), about_label)
        form.addRow(self.tr("Signed by"), QLabel(signer))
        form.addRow(self.tr("Meaning"), self.meaning)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(_buttons(self, self.tr("Sign")))

    def values(self) -> tuple[str, str]:
        return self.meaning.currentData(), self.note.text().strip()
