"""Logging in with the record's users, e-signatures from the window, users in Settings."""

from __future__ import annotations

import pytest

from deungdae.desktop.ui.record_actions import NEEDS_PASSWORD, SIGNOFF
from deungdae.desktop.ui.record_dialogs import LoginDialog, SignOffDialog
from deungdae.records import signatures
from deungdae.records import users as rusers
from deungdae.records.store import NewEvent
from tests.desktop.ui.conftest import PLANT, log_in, shoot


def open_login(w, qtbot) -> LoginDialog:
    dlg = w.login_dialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.records_users is not None, timeout=5000)
    return dlg


def try_login(dlg: LoginDialog, qtbot, login: str, secret: str) -> str:
    dlg.login.setEditText(login)
    dlg.secret.setText(secret)
    dlg.accept()
    assert dlg.busy
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    return dlg.message.text()


def auth_log(w, login: str) -> list[str]:
    return [o for (o,) in w.engine.store.query(
        "SELECT outcome FROM auth_log WHERE login = ? ORDER BY id", (login,))]


def test_login_needs_the_right_password_and_locks_after_five_wrong(make_main_window,
                                                                   qtbot) -> None:
    w = make_main_window(start=False)
    assert w.session.user is None
    dlg = open_login(w, qtbot)
    assert [dlg.login.itemText(i) for i in range(dlg.login.count())] == ["kim", "lee", "park"]
    dlg.login.setEditText("park")
    assert dlg.who.text() == "Park Manager · manager"
    text = try_login(dlg, qtbot, "park", "0000")
    assert text.startswith("Wrong login or password.") and "4 attempt(s) left" in text
    assert w.session.user is None and dlg.isVisible() and dlg.secret.text() == ""
    shoot(dlg, "login_dialog_wrong_en")
    assert try_login(dlg, qtbot, "nobody", "1234") == "Wrong login or password."
    try_login(dlg, qtbot, "park", "246813")
    assert dlg.result() == 1 and not dlg.isVisible()
    assert (w.session.user.login, w.session.user.full_name, w.session.user.role) == (
        "park", "Park Manager", "manager")
    assert w.session.user.name == "park"  # what the record is attributed to
    assert w.user_button.text().startswith("Park Manager (park)")
    assert auth_log(w, "park") == ["bad_password", "ok"]

    # five wrong PINs lock kim; then even the right one is refused
    dlg = open_login(w, qtbot)
    for _ in range(4):
        try_login(dlg, qtbot, "kim", "9999")
    text = try_login(dlg, qtbot, "kim", "9999")
    assert "now locked for 15 minutes" in text
    text = try_login(dlg, qtbot, "kim", "1357")
    assert text.startswith("This account is locked after 5 wrong passwords")
    assert w.session.user.login == "park"  # still the one who was logged in
    assert auth_log(w, "kim") == ["bad_password"] * 5 + ["locked"]
    shoot(dlg, "login_dialog_locked_en")

    # an admin unlocks kim in Settings; then kim's PIN works
    # (shown as locked, with until when, as soon as Settings → Users is looked at)
    log_in(w, "lee")
    tab = w.settings_page.users_tab
    w.show_page(w.settings_page)
    w.settings_page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3 and bool(tab.table.item(0, 4).text()),
                    timeout=5000)
    assert tab.table.item(0, 4).text().startswith("Locked until ")
    assert tab.table.item(1, 4).text() == "" and tab.table.item(1, 0).text() == "lee"
    tab.select("lee")
    assert not tab.unlock_button.isEnabled() and tab.lock_note.text() == ""
    tab.select("kim")
    assert tab.unlock_button.isEnabled()
    assert tab.lock_note.text().startswith("kim is locked until ")
    shoot(w.settings_page, "users_locked_en")
    tab.unlock_button.click()
    qtbot.waitUntil(lambda: tab.status.text() == "kim unlocked.", timeout=5000)
    qtbot.waitUntil(lambda: tab.table.item(0, 4).text() == "", timeout=5000)
    try_login(dlg, qtbot, "kim", "1357")
    assert dlg.result() == 1 and w.session.user.login == "kim"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_screenshots_of_the_login_and_signature_dialogs(make_main_window, qtbot,
                                                        language) -> None:
    w = make_main_window(start=False, language=language)
    dlg = open_login(w, qtbot)
    dlg.login.setEditText("park")
    dlg.secret.setText("246813")
    shoot(dlg, f"login_dialog_{language}")
    log_in(w, "park")
    sign = SignOffDialog("2026-01-01 10:00 · Deviation · Fridge temperature: 12.5 °C", "park",
                         w)
    qtbot.addWidget(sign)
    sign.show()
    assert sign.printed_name.text() == "Park Manager (park)"
    assert [sign.meaning.itemData(i) for i in range(sign.meaning.count())] == list(
        signatures.MEANINGS)
    assert sign.meaning.currentData() == "approved"
    sign.accept()  # no password: the dialog stays and says why
    assert sign.isVisible() and sign.message.text()
    shoot(sign, f"signoff_dialog_{language}")
    if language == "ko":
        assert dlg.windowTitle() == "로그인" and sign.windowTitle() == "결재"
        assert "비밀번호" in sign.message.text()


def _event(w) -> int:
    return w.engine.record_entry(NewEvent(ts=w.now_ms(), kind="alarm.start", severity="alarm",
                                          channel="fridge.temp", message="too warm",
                                          data={"side": "high"}))


def test_sign_off_through_record_actions_needs_the_signers_password(make_main_window,
                                                                     qtbot) -> None:
    """The path sector views use: `records.sign_off(event, login, meaning, note,
    password=...)`, then the `signoff` row arrives on `recorded`."""
    w = make_main_window(start=False)
    eid = _event(w)
    ref = next(e for e in w.engine.store.events() if e.id == eid)
    failed, recorded = [], []
    w.records.failed.disconnect()  # no message boxes in this test
    w.records.failed.connect(failed.append)
    w.records.recorded.connect(recorded.append)

    w.records.sign_off(ref, "park", "approved", "ok")  # the old call: no password
    assert failed == [NEEDS_PASSWORD]
    w.records.sign_off(ref, "park", "approved", "ok", password="1111")
    qtbot.waitUntil(lambda: len(failed) == 2, timeout=5000)
    assert failed[1].startswith("wrong login or password")
    w.records.sign_off(ref, "kim", "approved", "ok", password="1357")  # an operator
    qtbot.waitUntil(lambda: len(failed) == 3, timeout=5000)
    assert "kim is operator" in failed[2]
    assert signatures.status(w.engine.store) == [] and recorded == []
    assert not [e for e in w.engine.store.events() if e.kind == SIGNOFF]

    w.records.sign_off(ref, "park", "reviewed", "checked", password="246813")
    qtbot.waitUntil(lambda: len(recorded) == 1, timeout=5000)
    row = recorded[0]
    assert (row.kind, row.user, row.ref_id) == (SIGNOFF, "park", eid)
    [sig] = signatures.status(w.engine.store)
    assert row.data["signature_id"] == sig.id and row.data["printed_name"] == "Park Manager"
    assert (sig.login, sig.meaning, sig.comment, sig.valid) == ("park", "reviewed", "checked",
                                                                True)
    assert sig.targets == (f"event:{eid}",)
    assert [e.id for e in w.engine.store.events() if e.kind == SIGNOFF] == [row.id]


def test_an_admin_adds_resets_and_disables_users_in_settings(make_main_window, qtbot) -> None:
    w = make_main_window(start=False)
    w.show_page(w.settings_page)
    tab = w.settings_page.users_tab
    w.settings_page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3, timeout=5000)
    assert [tab.table.item(r, 1).text() for r in range(3)] == [
        "Kim Operator", "Lee Admin", "Park Manager"]
    assert not tab.add_button.isEnabled()  # nobody logged in
    log_in(w, "park")
    assert not tab.add_button.isEnabled()  # a manager is not an admin
    tab.add_user("choi", "Choi Cook", "operator", "4321")
    assert tab.status.text() == "Only an administrator can change users."

    log_in(w, "lee")
    assert tab.add_button.isEnabled()
    tab.add_user("choi", "Choi Cook", "operator", "4321")
    qtbot.waitUntil(lambda: tab.table.rowCount() == 4, timeout=5000)
    assert tab.status.text() == "choi added."
    assert w.engine.authenticate("choi", "4321").full_name == "Choi Cook"
    tab.add_user("choi", "Choi again", "operator", "4321")
    qtbot.waitUntil(lambda: tab.status.text().startswith("Not changed"), timeout=5000)
    assert "already exists" in tab.status.text()

    assert tab.select("choi") and tab.disable_button.isEnabled()
    shoot(w, "settings_users_en")
    tab.reset_password("choi", "8765")
    qtbot.waitUntil(lambda: tab.status.text() == "New password set for choi.", timeout=5000)
    assert w.engine.authenticate("choi", "8765")
    tab.disable("choi")
    qtbot.waitUntil(lambda: tab.status.text() == "choi disabled.", timeout=5000)
    qtbot.waitUntil(lambda: tab.table.item(0, 3).text() == "no (disabled)", timeout=5000)
    with pytest.raises(rusers.AccountDisabled):
        w.engine.authenticate("choi", "8765")
    dlg = open_login(w, qtbot)
    assert "choi" not in [dlg.login.itemText(i) for i in range(dlg.login.count())]
    assert try_login(dlg, qtbot, "choi", "8765") == \
        "This account is disabled. Ask an administrator."
    # the audit trail names the admin
    by = w.engine.store.query(
        "SELECT by_user FROM user_version WHERE login = 'choi' ORDER BY id")
    assert [b for (b,) in by] == ["lee", "lee", "lee"]


def test_a_record_without_users_asks_for_the_first_admin(make_main_window, qtbot) -> None:
    legacy = PLANT.replace('[[devices]]', '[[users]]\nname = "Kim Operator"\nrole = "operator"'
                           '\n\n[[devices]]', 1)
    w = make_main_window(legacy, start=False, users=None)
    dlg = open_login(w, qtbot)
    assert dlg.first_admin and dlg.full_name.isVisible() and dlg.secret2.isVisible()
    assert "Kim Operator" in dlg.intro.text()
    shoot(dlg, "login_dialog_first_admin_en")
    dlg.full_name.setText("Yoon Boss")
    dlg.login.setEditText("yoon")
    dlg.secret.setText("555566")
    dlg.secret2.setText("555567")
    dlg.accept()
    assert dlg.message.text() == "The two entries differ." and not dlg.busy
    dlg.secret2.setText("555566")
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    assert dlg.result() == 1
    assert (w.session.user.login, w.session.user.role) == ("yoon", "admin")
    assert [(u.login, u.by) for u in w.engine.users()] == [("yoon", "setup")]
    # "setup" adds only the first user
    with pytest.raises(rusers.NotAllowed):
        w.engine.add_user("mallory", "M", "admin", "0000", by="setup")
