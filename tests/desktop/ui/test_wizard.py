"""The first-run wizard, end to end, on simulated devices."""

from __future__ import annotations

from pathlib import Path

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.ui.app import application
from deungdae.desktop.ui.i18n import Translations
from deungdae.desktop.ui.wizard import SetupWizard, existing_logins, set_device_keys, write_site
from deungdae.records import users as rusers
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from tests.desktop.ui.conftest import PLANT, shoot


def test_wizard_sets_up_a_simulated_plant(qtbot, data_dir: Path, fast_argon2) -> None:
    application()
    tr = Translations()
    tr.set_language("en")
    wiz = SetupWizard(data_dir, tr)
    qtbot.addWidget(wiz)
    wiz.show()
    shoot(wiz, "wizard_1_language")
    wiz.language_page.ko.setChecked(True)
    wiz.next()
    assert tr.language == "ko"
    assert wiz.template_page.title() == "공장은 어떤 일을 하나요?"
    names = [t.name for t in wiz.template_page.templates]
    wiz.template_page.list.setCurrentRow(names.index("demo"))
    wiz.template_page.name.setText("한빛식품 2공장")
    shoot(wiz, "wizard_2_template_ko")
    wiz.next()
    assert wiz.ports_page.ports[0][0] == "simulator"
    wiz.next()
    page = wiz.devices_page
    assert [d["id"] for d in page.devices] == ["coldroom", "oven", "meter"]
    for d in page.devices:
        page.test_read(d)
    qtbot.waitUntil(lambda: all(lbl.text().startswith("✔") for lbl in page.results.values()),
                    timeout=5000)
    assert "°C" in page.results["oven"].text()
    shoot(wiz, "wizard_4_devices_ko")
    wiz.next()
    users = wiz.users_page
    assert users.cell(0, "role").currentData() == "admin"
    users.cell(0, "name").setText("박관리")
    users.cell(0, "login").setText("park")
    users.cell(0, "role").setCurrentIndex(users.cell(0, "role").findData("manager"))
    users.cell(0, "secret").setText("246813")
    users.cell(0, "repeat").setText("2486")
    row = users.add_user("김작업", "operator", "kim", "135")
    shoot(wiz, "wizard_5_users_ko")
    # each mistake is refused with a reason, and the page stays
    wiz.next()
    assert wiz.currentPage() is users and "박관리" in users.error.text()
    users.cell(0, "repeat").setText("246813")
    wiz.next()
    assert wiz.currentPage() is users and "4" in users.error.text()  # kim's PIN is short
    for col in ("secret", "repeat"):
        users.cell(row, col).setText("1357")
    users.cell(0, "role").setCurrentIndex(users.cell(0, "role").findData("operator"))
    wiz.next()
    assert wiz.currentPage() is users and users.error.text() == users.tr(
        "The first person must be an administrator or a manager.")
    users.cell(0, "role").setCurrentIndex(users.cell(0, "role").findData("manager"))
    wiz.next()
    assert wiz.currentPage() is wiz.done_page
    assert "모델: " in wiz.done_page.summary.text()
    assert "박관리 (park)" in wiz.done_page.summary.text()
    wiz.next()  # Finish is the last page's accept
    wiz.accept()
    cfg = site_config.load(data_dir / "site.toml", discover())
    assert cfg.name == "한빛식품 2공장"
    assert "users" not in cfg.raw  # the record holds the users now
    with Store.open_writer(data_dir / "deungdae.db") as store:
        assert [(u.login, u.full_name, u.role, u.by) for u in rusers.users(store)] == [
            ("kim", "김작업", "operator", "setup"), ("park", "박관리", "manager", "setup")]
        # they can log in with what was entered, and only with that
        assert rusers.authenticate(store, "park", "246813").role == "manager"
        assert rusers.authenticate(store, "kim", "1357").full_name == "김작업"
        with pytest.raises(rusers.WrongPassword):
            rusers.authenticate(store, "kim", "135")
    tr.set_language("en")


def test_device_assignment_edits_only_that_device() -> None:
    text = '[[devices]]\nid = "a"\nprofile = "x"\nport = "COM1"\n\n[[devices]]\nid = "b"\n'
    out = set_device_keys(text, "a", {"port": "/dev/ttyUSB0", "unit": 3})
    assert 'port = "/dev/ttyUSB0"\nunit = 3' in out and "COM1" not in out
    assert out.endswith('id = "b"\n')


def test_setup_run_again_keeps_the_records_users_and_a_failed_config_write_adds_none(
        qtbot, data_dir: Path, fast_argon2) -> None:
    application()
    people = [("박관리", "park", "manager", "246813")]
    target = data_dir / "site.toml"
    target.mkdir(parents=True)  # the config cannot be written: nothing goes in the record
    with pytest.raises(OSError):
        write_site(data_dir, PLANT, people)
    assert existing_logins(data_dir) == []
    target.rmdir()
    write_site(data_dir, PLANT, people)  # the retry works
    assert existing_logins(data_dir) == ["park"]
    # setup again on the same data folder: the config is written, the users are kept
    write_site(data_dir, PLANT.replace("\n", "\n", 1),
               [("김작업", "kim", "admin", "135724")])
    with Store.open_reader(data_dir / "deungdae.db") as store:
        assert [(u.login, u.full_name) for u in rusers.users(store)] == [("park", "박관리")]
    tr = Translations()
    tr.set_language("ko")
    wiz = SetupWizard(data_dir, tr)
    qtbot.addWidget(wiz)
    text = wiz.done_page.kept_users_text(["park"])
    assert "park" in text and "Settings" not in text  # said in Korean
    assert wiz.done_page.kept_users_text([]) == ""
    tr.set_language("en")
