"""Dialogs while their background job runs: no closing mid-signature, no lost outcome."""

from __future__ import annotations

from desktop.ui.record_dialogs import SignOffDialog


class _HeldRecords:
    """A RecordActions stand-in whose `sign` job finishes only when the test says so."""

    def __init__(self) -> None:
        self.calls = []

    def sign(self, ref, user, meaning, note, password, on_done, on_refused) -> None:
        self.calls.append((on_done, on_refused))


def test_sign_off_dialog_cannot_be_cancelled_while_signing(qtbot) -> None:
    records = _HeldRecords()
    dlg = SignOffDialog("a deviation", "park")
    qtbot.addWidget(dlg)
    dlg.sign_with(records, object(), "park")
    dlg.show()
    dlg.secret.setText("2468")
    dlg.accept()
    assert dlg.busy and len(records.calls) == 1
    assert not dlg.cancel.isEnabled() and not dlg.ok.isEnabled()
    dlg.reject()  # Esc / Cancel while the signature is being written
    dlg.close()
    assert dlg.isVisible() and dlg.result() == 0
    on_done, _ = records.calls[0]
    on_done("the signoff row")
    assert not dlg.isVisible() and dlg.result() == 1 and dlg.signed_row == "the signoff row"


def test_a_refused_signature_lets_the_dialog_be_cancelled_again(qtbot) -> None:
    records = _HeldRecords()
    dlg = SignOffDialog("a deviation", "park")
    qtbot.addWidget(dlg)
    dlg.sign_with(records, object(), "park")
    dlg.show()
    dlg.secret.setText("0000")
    dlg.accept()
    records.calls[0][1](RuntimeError("nope"))
    assert not dlg.busy and dlg.cancel.isEnabled() and dlg.isVisible()
    dlg.reject()
    assert not dlg.isVisible() and dlg.signed_row is None
