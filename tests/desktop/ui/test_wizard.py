"""The first-run wizard, end to end, on simulated devices."""

from __future__ import annotations

from pathlib import Path

from desktop.engine import config as site_config
from desktop.ui.app import application
from desktop.ui.i18n import Translations
from desktop.ui.session import users_from_config
from desktop.ui.wizard import SetupWizard, set_device_keys
from sectors.contract import discover
from tests.desktop.ui.conftest import shoot


def test_wizard_sets_up_a_simulated_plant(qtbot, data_dir: Path) -> None:
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
    users.table.item(0, 0).setText("박관리")
    users.add_user("김작업", "operator")
    wiz.next()
    assert "모델: " in wiz.done_page.summary.text()
    wiz.next()  # Finish is the last page's accept
    wiz.accept()
    cfg = site_config.load(data_dir / "site.toml", discover())
    assert cfg.name == "한빛식품 2공장"
    assert [(u.name, u.role) for u in users_from_config(cfg.raw)] == [
        ("박관리", "manager"), ("김작업", "operator")]
    assert (data_dir / "deungdae.db").exists()
    tr.set_language("en")


def test_device_assignment_edits_only_that_device() -> None:
    text = '[[devices]]\nid = "a"\nprofile = "x"\nport = "COM1"\n\n[[devices]]\nid = "b"\n'
    out = set_device_keys(text, "a", {"port": "/dev/ttyUSB0", "unit": 3})
    assert 'port = "/dev/ttyUSB0"\nunit = 3' in out and "COM1" not in out
    assert out.endswith('id = "b"\n')
