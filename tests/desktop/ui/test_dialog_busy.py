"""Dialogs while their background job runs: no closing mid-signature, no lost outcome."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from deungdae.desktop.ui.limits_settings import LimitsDialog
from deungdae.desktop.ui.record_actions import RecordActions
from deungdae.desktop.ui.record_dialogs import CorrectiveActionDialog, LoginDialog, SignOffDialog
from deungdae.desktop.ui.users_settings import UserDialog
from deungdae.records.store import EventRow, NewEvent
from tests.desktop.ui.conftest import log_in


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
    dlg.secret.setText("246813")
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


class _BrokenEngine:
    """Signs, or not, and then cannot append: any failure but a wrong password."""

    def __init__(self, sign_fails: bool) -> None:
        self.sign_fails = sign_fails

    def follow_up_refs(self, _eid):
        return []

    def sign(self, *_a):
        if self.sign_fails:
            raise OSError("the record is closed")
        return 7

    def get_user(self, _login):
        return None

    def record_entry(self, _ev):
        raise OSError("disk full")

    class clock:  # noqa: N801 - stands in for the engine's clock object
        @staticmethod
        def now_ms() -> int:
            return 0


@pytest.mark.parametrize(("sign_fails", "text"), [(True, "the record is closed"),
                                                  (False, "disk full")])
def test_signing_that_fails_otherwise_says_so_instead_of_signing_forever(
        qtbot, sign_fails, text) -> None:
    records = RecordActions(_BrokenEngine(sign_fails))
    failed = []
    records.failed.connect(failed.append)
    ref = EventRow(1, 0, "alarm.start", "alarm", "fridge.temp", None, "too warm", {}, None,
                   None, 0)
    dlg = SignOffDialog("a deviation", "park")
    qtbot.addWidget(dlg)
    dlg.sign_with(records, ref, "park")
    dlg.show()
    dlg.secret.setText("246813")
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    assert dlg.isVisible() and dlg.signed_row is None and text in dlg.message.text()
    assert dlg.cancel.isEnabled() and failed == []
    records.close()


def _deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_dialogs_are_freed_once_answered(make_main_window, qtbot, monkeypatch) -> None:
    w = make_main_window(start=False)
    cancelled = lambda dlg: 0  # noqa: E731 - each dialog answers "Cancel" at once
    for cls in (LoginDialog, SignOffDialog, CorrectiveActionDialog, UserDialog, LimitsDialog):
        monkeypatch.setattr(cls, "exec", cancelled)
    assert not w.ask_login()
    _deleted_later()
    assert w.findChildren(LoginDialog) == []
    log_in(w, "park")
    eid = w.engine.record_entry(NewEvent(ts=w.now_ms(), kind="alarm.start", severity="alarm",
                                         channel="fridge.temp", message="too warm",
                                         data={"side": "high"}))
    row = next(e for e in w.engine.store.events() if e.id == eid)
    w.ask_sign_off(row)
    w.ask_corrective_action(row)
    users, channels = w.settings_page.users_tab, w.settings_page.channels_tab
    users.ask_add()
    assert channels.select("fridge.temp")
    channels.ask_change()
    _deleted_later()
    for cls in (SignOffDialog, CorrectiveActionDialog, UserDialog, LimitsDialog):
        assert w.findChildren(cls) == [], cls
