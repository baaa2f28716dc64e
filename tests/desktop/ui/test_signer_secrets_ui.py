"""Signers' secrets in the window (issue 10) and the wizard's users page (issue 12 item 7):
the rule is said before typing, one clear refusal in the user's language, an old short
PIN signs in but is told to change, Esc on the users page asks before discarding."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from deungdae.desktop.ui.app import application
from deungdae.desktop.ui.i18n import Translations
from deungdae.desktop.ui.users_settings import UserDialog
from deungdae.desktop.ui.wizard import SetupWizard
from deungdae.records import users as rusers
from tests.desktop.ui.conftest import shoot
from tests.desktop.ui.test_users import open_login, try_login


@pytest.fixture(autouse=True)
def discard_at_teardown(monkeypatch):
    """Closing a wizard with people typed in asks (a modal box would hang the run)."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_add_user_dialog_says_the_rule_first_and_refuses_trivial_signer_pins(
        make_main_window, qtbot, lang):
    w = make_main_window(start=False, language=lang)
    dlg = UserDialog(w)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.rule.text() and dlg.secret.text() == ""  # before anything is typed
    operator_rule = dlg.rule.text()
    dlg.role.setCurrentIndex(dlg.role.findData("manager"))
    assert dlg.rule.text() != operator_rule and "6" in dlg.rule.text()
    dlg.full_name.setText("Choi")
    dlg.login.setText("choi12")
    for pin, says_en, says_ko in [("2468", "at least 6", "6자 이상"),
                                  ("111111", "repeated", "반복"),
                                  ("123456", "run like", "연속"),
                                  ("choi12", "the login", "아이디와 같게"),
                                  ("qwerty", "too common", "흔한")]:
        dlg.secret.setText(pin)
        dlg.repeat.setText(pin)
        dlg.accept()
        assert dlg.isVisible()
        assert (says_ko if lang == "ko" else says_en) in dlg.error.text(), pin
    if lang == "ko":
        assert "PIN" in dlg.error.text() and "common" not in dlg.error.text()
        assert "관리자와 시스템 관리자는 기록에 서명합니다" in dlg.rule.text()
    shoot(dlg, f"user_dialog_signer_rule_{lang}")
    dlg.role.setCurrentIndex(dlg.role.findData("operator"))
    dlg.secret.setText("2468")
    dlg.repeat.setText("2468")
    dlg.accept()  # an operator keeps the 4-character minimum
    assert dlg.result() == 1


def test_an_old_short_signer_pin_signs_in_and_is_told_to_change_it(make_main_window, qtbot):
    w = make_main_window(start=False)
    with w.engine._lock:  # a manager from before the rule: an operator PIN, then promoted
        rusers.add_user(w.engine.store, "oh", "Oh Old", "operator", "4321", by="lee")
        rusers.set_role(w.engine.store, "oh", "manager", by="lee")
    dlg = open_login(w, qtbot)
    try_login(dlg, qtbot, "oh", "4321")
    assert dlg.result() == 1 and w.session.user.login == "oh"
    assert dlg.weak_notice is not None and dlg.weak_notice.isVisible()
    assert "at least 6 characters" in dlg.weak_notice.text()
    dlg.weak_notice.close()
    # they change it themselves in Settings → Users; the rule applies
    tab = w.settings_page.users_tab
    tab._update_buttons()
    assert tab.own_button.isEnabled() and not tab.add_button.isEnabled()
    tab.change_own("1234")
    qtbot.waitUntil(lambda: tab.status.text().startswith("Not changed"), timeout=5000)
    assert "at least 6" in tab.status.text()
    tab.change_own("oh-2026-x")
    qtbot.waitUntil(lambda: tab.status.text() == "Your new PIN or password is set.",
                    timeout=5000)
    assert w.engine.authenticate("oh", "oh-2026-x").weak_secret is False
    dlg2 = open_login(w, qtbot)
    try_login(dlg2, qtbot, "park", "246813")  # a good PIN: no notice
    assert dlg2.result() == 1 and dlg2.weak_notice is None


def _wizard_on_users_page(qtbot, data_dir: Path, lang: str) -> SetupWizard:
    application()
    tr = Translations()
    tr.set_language(lang)
    wiz = SetupWizard(data_dir, tr)
    qtbot.addWidget(wiz)
    wiz.show()
    while wiz.currentPage() is not wiz.users_page:
        wiz.next()
    return wiz


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_wizard_users_page_says_the_rule_and_refuses_a_short_manager_pin(
        qtbot, data_dir, fast_argon2, lang):
    wiz = _wizard_on_users_page(qtbot, data_dir, lang)
    users = wiz.users_page
    assert ("6" in users.intro.text() and "4" in users.intro.text())
    users.cell(0, "name").setText("박관리")
    users.cell(0, "login").setText("park")
    users.cell(0, "role").setCurrentIndex(users.cell(0, "role").findData("manager"))
    for col in ("secret", "repeat"):
        users.cell(0, col).setText("2468")
    wiz.next()
    assert wiz.currentPage() is users
    assert users.error.text().startswith("박관리: ")
    assert ("6자 이상" if lang == "ko" else "at least 6 characters") in users.error.text()
    shoot(wiz, f"wizard_users_signer_rule_{lang}")
    wiz.translations.set_language("en")


def test_esc_on_the_wizard_users_page_asks_before_discarding(qtbot, data_dir, fast_argon2,
                                                             monkeypatch):
    wiz = _wizard_on_users_page(qtbot, data_dir, "en")
    asked = []

    def answer(button):
        def question(*args, **kwargs):
            asked.append(args[1:3])
            return button
        return question

    qtbot.keyClick(wiz, Qt.Key.Key_Escape)  # nothing typed yet: leaves without asking
    assert asked == [] and not wiz.isVisible()
    wiz = _wizard_on_users_page(qtbot, data_dir, "en")
    wiz.users_page.cell(0, "name").setText("Park")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(wiz, Qt.Key.Key_Escape)
    assert len(asked) == 1 and "not saved" in asked[0][1]
    assert wiz.isVisible() and wiz.users_page.cell(0, "name").text() == "Park"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    qtbot.keyClick(wiz, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not wiz.isVisible()


def test_a_locked_account_shows_locked_in_korean_without_a_manual_refresh(make_main_window,
                                                                          qtbot):
    from tests.desktop.ui.conftest import log_in

    w = make_main_window(start=False, language="ko")
    log_in(w, "lee")
    tab = w.settings_page.users_tab
    w.show_page(w.settings_page)
    w.settings_page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3, timeout=5000)
    assert tab.table.item(0, 4).text() == ""
    for _ in range(rusers.MAX_FAILURES):  # kim mistypes at the login dialog meanwhile
        with pytest.raises(rusers.WrongPassword):
            w.engine.authenticate("kim", "0000")
    w.settings_page.tabs.setCurrentIndex(0)  # looked at again: shown locked
    w.settings_page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.item(0, 4).text().endswith("까지 잠김"), timeout=5000)
    tab.select("kim")
    assert tab.unlock_button.isEnabled() and "잠겼습니다" in tab.lock_note.text()
    shoot(w.settings_page, "users_locked_ko")
    tab.unlock_button.click()
    qtbot.waitUntil(lambda: tab.table.item(0, 4).text() == "", timeout=5000)
    assert not tab.unlock_button.isEnabled() and tab.lock_note.text() == ""
