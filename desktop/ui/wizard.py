"""First-run wizard: language → sector and template → ports → devices (with a live test
read) → users → done. Writes the site config, opens the record and creates the users in it
(`records.users`: name, login, role, argon2-hashed PIN or password; the first is an admin
or a manager).

Every page explains itself in a sentence, so a person who has never seen the program
finishes without a manual. Texts are set when a page is entered, so the language chosen on
the first page applies to all the others.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.device_changes import (
    DeviceChangeError,
    DeviceSetting,
    plan_set,
    read_now,
)
from deungdae.desktop.engine.device_roles import role_of
from deungdae.desktop.paths import config_path, db_path
from deungdae.desktop.plant_files import profile_dir
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.devices_settings import DeviceForm, explain
from deungdae.desktop.ui.display_format import role_text, ui_language, value_text
from deungdae.desktop.ui.i18n import Translations
from deungdae.desktop.ui.session import ROLES
from deungdae.desktop.ui.users_settings import secret_problem_text, secret_rule_text
from deungdae.hardware.simulator import SimulatorSource
from deungdae.records import users as rusers
from deungdae.records.store import Store
from deungdae.sectors.api.names import local_name
from deungdae.sectors.contract import Template, all_templates, discover

SIMULATED_PORT = "simulator"


def detected_ports() -> list[tuple[str, str]]:
    """(port spec, description) of the serial ports here; USB adapters by a spec that
    finds them again wherever they are plugged (from the hardware layer)."""
    from deungdae.hardware.transport import list_serial_ports

    try:
        return [(p.usb_spec(), f"{p.device} — {p.description or p.product or ''}".strip(" —"))
                for p in list_serial_ports()]
    except Exception:  # no serial support on this machine: the simulator still works
        return []


def probe_device(device: dict, port: str, unit: int) -> tuple[bool, str]:
    """One read of a real device through the hardware layer (runs on a worker thread)."""
    from deungdae.hardware.probe import probe

    if not port or port == SIMULATED_PORT:
        return False, QCoreApplication.translate("DevicesPage", "choose the device's port")
    try:
        readings = probe(port, device["profile"], unit=unit,
                         baud=int(device.get("baud", 9600)))
    except Exception as exc:  # ProbeError says what to check; anything else is shown too
        return False, str(exc)
    return True, " · ".join(f"{r.channel.split('.', 1)[-1]} {value_text(r.value)}"
                            for r in readings)


def set_site_name(text: str, name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return re.sub(r'(?m)^(name\s*=\s*)"[^"\n]*"', lambda m: f'{m.group(1)}"{escaped}"',
                  text, count=1)


def set_device_keys(text: str, device_id: str, keys: dict) -> str:
    """Set keys (port, unit) in the `[[devices]]` table whose id is `device_id`."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf'^\s*id\s*=\s*"{re.escape(device_id)}"\s*$', line):
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith("["):
                if re.match(rf"^\s*({'|'.join(keys)})\s*=", lines[j]):
                    del lines[j]
                    continue
                j += 1
            for k, v in reversed(list(keys.items())):
                lines.insert(i + 1, f'{k} = "{v}"' if isinstance(v, str) else f"{k} = {v}")
            break
    return "\n".join(lines) + "\n"


def existing_logins(root: Path) -> list[str]:
    """The logins the record in `root` already has (none when there is no record yet)."""
    if not db_path(root).exists():
        return []
    try:
        with Store.open_reader(db_path(root)) as store:
            return [u.login for u in rusers.users(store)]
    except Exception:  # noqa: BLE001 - an unreadable record: write_site will say why
        return []


def write_site(root: Path, text: str,
               people: Sequence[tuple[str, str, str, str]] = ()) -> Path:
    """Check the config, write it atomically, then open the record and add `people`
    (name, login, role, secret) to it as users set up by "setup".

    The config goes first so a failed write leaves the record untouched; a record that
    already has users (setup run again on the same data folder) keeps them and gets no
    new ones: add people in Settings → Users (the wizard says so before Finish).
    """
    target = config_path(root)
    cfg = site_config.parse(text, target, discover())
    root.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".toml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    with Store.open_writer(db_path(root)) as store:
        store.set_site(cfg.name, cfg.timezone)
        if people and not rusers.users(store):
            for name, login, role, secret in people:
                rusers.add_user(store, login, name, role, secret, by="setup")
    return target


def _title(label: QLabel) -> QLabel:
    label.setProperty("role", "title")
    label.setWordWrap(True)
    return label


class LanguagePage(QWizardPage):
    def __init__(self, translations: Translations) -> None:
        super().__init__()
        self.translations = translations
        self.setTitle("Language · 언어")
        self.en = QRadioButton("English")
        self.ko = QRadioButton("한국어")
        for b in (self.en, self.ko):
            b.setStyleSheet("font-size: 24px; min-height: 64px;")
        (self.ko if translations.language == "ko" else self.en).setChecked(True)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Choose the language of the program. · 프로그램 언어를 고르세요."))
        lay.addWidget(self.en)
        lay.addWidget(self.ko)
        lay.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        self.translations.set_language("ko" if self.ko.isChecked() else "en")
        return True


class TemplatePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.templates: list[Template] = sorted(all_templates().values(),
                                                key=lambda t: (t.sector, t.name))
        self.sectors = discover()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.list = QListWidget()
        for t in self.templates:  # its text in the language chosen on the page before
            item = QListWidgetItem(t.title)
            item.setData(Qt.ItemDataRole.UserRole, t.name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.currentRowChanged.connect(self.completeChanged)
        self.name_label = QLabel()
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.list, 1)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.setTitle(self.tr("What does your plant do?"))
        self.intro.setText(self.tr("Pick the model closest to your plant. It comes with "
                                   "typical devices, channels and limits; you can change "
                                   "all of them later in Settings."))
        self.name_label.setText(self.tr("Plant name"))
        self.name.setPlaceholderText(self.tr("e.g. Hanbit Foods plant 2"))
        lang = ui_language()
        for i, t in enumerate(self.templates):
            sector = self.sectors.get(t.sector)
            said = (getattr(sector, "name_ko", "") if lang == "ko" else "") or (
                sector.name if sector else t.sector)
            self.list.item(i).setText(f"{said} — {t.label(lang)}")

    def template(self) -> Template | None:
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self.template() is not None


class PortsPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.rescan = QPushButton()
        self.rescan.clicked.connect(self.scan)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.rescan, 0, Qt.AlignmentFlag.AlignLeft)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.setTitle(self.tr("Connections found"))
        self.intro.setText(self.tr("These are the serial (RS-485 / USB) ports on this "
                                   "computer. Plug in the converter and press Search again "
                                   "if yours is missing. Simulated devices need no port."))
        self.rescan.setText(self.tr("Search again"))
        self.scan()

    def scan(self) -> None:
        self.ports = [(SIMULATED_PORT, self.tr("Simulated devices (demo, no hardware)"))]
        self.ports += detected_ports()
        self.list.clear()
        for _spec, desc in self.ports:
            self.list.addItem(desc)


class DevicesPage(QWizardPage):
    """Each template device is a role: keep its simulator, or pick the real device for it
    (profile, port, address, speed) in the form below the list and test it now."""

    COLS = 4

    def __init__(self, root_jobs: Background) -> None:
        super().__init__()
        self.jobs = root_jobs
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, self.COLS)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._select)
        self.form: DeviceForm | None = None
        self.lay = QVBoxLayout(self)
        self.lay.addWidget(self.intro)
        self.lay.addWidget(self.table, 1)
        self.devices: list[dict] = []
        self.channels: list = []
        self.settings: dict[str, DeviceSetting] = {}
        self.results: dict[str, QLabel] = {}
        self.current: str | None = None
        self.passed: dict[str, DeviceSetting] = {}  # the setting each last passing test had
        self.confirmed: set[str] = set()  # kept untested after a warning

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.setTitle(self.tr("Devices"))
        self.intro.setText(self.tr("Each device of the template is a role that a simulator "
                                   "fills until you choose the real device: pick a row, then "
                                   "its profile, port and address (unit id, set on the "
                                   "device), and press Test to read it now."))
        self.table.setHorizontalHeaderLabels([self.tr("Device"), self.tr("Assigned"), "",
                                              self.tr("Test result")])
        wiz: SetupWizard = self.wizard()
        if self.form is None:
            self.form = DeviceForm([profile_dir(wiz.root)], self)
            self.form.profile.currentIndexChanged.connect(self._form_changed)
            self.lay.addWidget(self.form, 2)
        self.form.retranslate()
        template = wiz.template_page.template()
        cfg = site_config.parse(template.text(), Path(template.path), discover())
        self.devices, self.channels = cfg.devices, cfg.channels
        self.settings.clear()
        self.passed.clear()
        self.confirmed.clear()
        self.results.clear()
        self.current = None
        self.table.setRowCount(len(self.devices))
        for row, d in enumerate(self.devices):
            did = d["id"]
            role = role_of(d)
            lang = ui_language()
            name = local_name(str(d.get("name", did)), lang)
            self.table.setItem(row, 0, QTableWidgetItem(
                f"{name} — {role.label(lang)}" if role else name))
            self.table.setItem(row, 1, QTableWidgetItem(self.tr("simulator")))
            test = QPushButton(self.tr("Test"))
            test.clicked.connect(lambda _=False, dd=d: self.test_read(dd))
            result = QLabel(self.tr("not tested"))
            result.setWordWrap(True)
            self.results[did] = result
            self.table.setCellWidget(row, 2, test)
            self.table.setCellWidget(row, 3, result)
        if self.devices:
            self.table.selectRow(0)

    def select(self, device: str) -> bool:
        for row, d in enumerate(self.devices):
            if d["id"] == device:
                self.table.selectRow(row)
                return True
        return False

    def _select(self) -> None:
        self._keep()
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.form is None:
            return
        d = self.devices[rows[0].row()]
        self.current = d["id"]
        shown = dict(d)
        s = self.settings.get(d["id"])
        if s is not None:
            shown.update(profile=s.profile, port=s.port, unit=s.unit, baud=s.baud,
                         parity=s.parity, scaling=s.scaling or {})
        self.form.load(shown, self.channels)

    def _form_changed(self) -> None:
        self._keep()

    def _keep(self) -> None:
        """Remember what the form says for the device it shows."""
        if self.form is None or self.current is None or self.form.device.get("id") != \
                self.current:
            return
        s = self.form.setting()
        self.settings[self.current] = s
        row = next(i for i, d in enumerate(self.devices) if d["id"] == self.current)
        text = (self.tr("simulator") if s.profile == SIMULATED_PORT else
                f"{s.profile} · {s.port} · {self.tr('unit')} {s.unit}")
        self.table.item(row, 1).setText(text)
        self.table.item(row, 1).setToolTip(text)

    def setting_of(self, device: dict) -> DeviceSetting:
        self._keep()
        return self.settings.get(device["id"]) or DeviceSetting(device["id"], SIMULATED_PORT)

    def test_read(self, device: dict) -> None:
        label = self.results[device["id"]]
        label.setText(self.tr("reading…"))
        label.setStyleSheet("")
        s = self.setting_of(device)
        dirs = self.form.profile_dirs if self.form else []

        def job() -> tuple[bool, str]:
            if s.profile != SIMULATED_PORT:
                try:
                    reads = read_now(s, dirs, timeout=1.0)
                except DeviceChangeError as exc:
                    return False, str(exc)
                return all(not r.quality for r in reads), " · ".join(
                    f"{r.point} {value_text(r.value)} {r.unit}".strip() for r in reads[:4])
            now = int(time.time() * 1000)
            try:
                src = SimulatorSource.from_config([device], now)
                res = src.poll_due(now)
            except Exception as exc:  # a bad device table: show it on the row
                return False, str(exc)
            units = {p.point: p.unit for p in src.points()}
            return True, " · ".join(
                f"{r.channel.split('.', 1)[1]} {value_text(r.value)} "
                f"{units.get(r.channel.split('.', 1)[1], '')}".strip()
                for r in res.readings)

        def done(result: tuple[bool, str]) -> None:
            ok, text = result
            if ok:
                self.passed[device["id"]] = s
            else:
                self.passed.pop(device["id"], None)
            label.setText(("✔ " if ok else "✖ ") + text)
            label.setStyleSheet(f"color: {'#1b7f3b' if ok else '#c62828'}; font-weight: 600;")

        self.jobs.submit(job, done)

    def assignments(self) -> dict[str, DeviceSetting]:
        """The devices given a real device (the others keep their simulator)."""
        self._keep()
        return {did: s for did, s in self.settings.items() if s.profile != SIMULATED_PORT}

    def problem(self) -> str:
        """Why the chosen devices cannot be written (empty when they can)."""
        try:
            self.wizard().site_text()
        except (DeviceChangeError, site_config.ConfigError, ValueError) as exc:
            return explain(str(exc))  # what to check, in the user's language
        return ""

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        msg = self.problem()
        untested = sorted(did for did, s in self.assignments().items()
                          if self.passed.get(did) != s)
        if not msg and untested and not set(untested) <= self.confirmed:
            self.confirmed |= set(untested)
            msg = self.tr("Not tested with these settings: %1. Press Test on its row, or "
                          "press Next again to go on without a passing test.").replace(
                              "%1", ", ".join(untested))
        if msg and self.form is not None:
            self.form.result.setStyleSheet("color: #c62828; font-weight: 600;")
            self.form.result.setText("✖ " + msg)
        return not msg

    def cleanupPage(self) -> None:  # noqa: N802 (Qt API)
        if self.form is not None:
            self.form.cancel_find()


class UsersPage(QWizardPage):
    COLS = ("name", "login", "role", "secret", "repeat")

    def __init__(self) -> None:
        super().__init__()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLS))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add = QPushButton()
        self.add.clicked.connect(lambda: self.add_user("", "operator"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828; font-weight: 600;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.error)
        self._started = False

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.setTitle(self.tr("Who works here?"))
        self.intro.setText(self.tr(
            "Add the people who acknowledge alarms and sign records, each with a login and "
            "a PIN or password (entered twice). The first person must be an administrator "
            "or a manager. An administrator manages users; a manager can sign off; an "
            "operator can acknowledge and record corrective actions.") + "\n"
            + secret_rule_text())
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Login"),
                                              self.tr("Role"), self.tr("PIN or password"),
                                              self.tr("Repeat")])
        self.add.setText(self.tr("Add a person"))
        if not self._started:
            self._started = True
            self.add_user("", "admin")

    def add_user(self, name: str, role: str, login: str = "", secret: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in ((0, name), (1, login)):
            edit = QLineEdit(text)
            self.table.setCellWidget(row, col, edit)
        box = QComboBox()
        for r in ROLES:
            box.addItem(role_text(r), r)
        box.setCurrentIndex(ROLES.index(role))
        self.table.setCellWidget(row, 2, box)
        for col in (3, 4):
            edit = QLineEdit(secret)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.table.setCellWidget(row, col, edit)
        return row

    def cell(self, row: int, what: str) -> QLineEdit | QComboBox:
        return self.table.cellWidget(row, self.COLS.index(what))

    def users(self) -> list[tuple[str, str, str, str]]:
        """(name, login, role, secret) of every row with a name or a login."""
        out = []
        for row in range(self.table.rowCount()):
            name = self.cell(row, "name").text().strip()
            login = self.cell(row, "login").text().strip()
            if name or login:
                out.append((name, login, self.cell(row, "role").currentData(),
                            self.cell(row, "secret").text()))
        return out

    def problem(self) -> str:
        """Why these people cannot be created yet ("" when they can)."""
        rows = [r for r in range(self.table.rowCount())
                if self.cell(r, "name").text().strip() or self.cell(r, "login").text().strip()]
        if not rows:
            return self.tr("Add at least one person: an administrator or a manager.")
        seen = set()
        for n, row in enumerate(rows):
            name = self.cell(row, "name").text().strip()
            login = self.cell(row, "login").text().strip()
            secret = self.cell(row, "secret").text()
            who = name or login
            if not name or not login:
                return self.tr("Row %1: enter both a name and a login.").replace(
                    "%1", str(row + 1))
            if any(c.isspace() for c in login):
                return self.tr("%1: a login cannot contain spaces.").replace("%1", who)
            if login in seen:
                return self.tr("The login %1 is used twice.").replace("%1", login)
            seen.add(login)
            problem = secret_problem_text(secret, self.cell(row, "role").currentData(), login)
            if problem:
                return f"{who}: {problem}"
            if secret != self.cell(row, "repeat").text():
                return self.tr("%1: the two PIN or password entries differ.").replace(
                    "%1", who)
            if n == 0 and self.cell(row, "role").currentData() not in ("admin", "manager"):
                return self.tr("The first person must be an administrator or a manager.")
        return ""

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        problem = self.problem()
        self.error.setText(problem)
        return not problem

    def has_entries(self) -> bool:
        """Anything typed on this page (a name, a login or a PIN in any row)."""
        return any(self.cell(r, c).text() for r in range(self.table.rowCount())
                   for c in ("name", "login", "secret", "repeat"))


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828; font-weight: 600;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        wiz: SetupWizard = self.wizard()
        self.setTitle(self.tr("Ready"))
        t = wiz.template_page.template()
        users = wiz.users_page.users()
        self.summary.setText(
            self.tr("Press Finish to start recording.") + "\n\n" +
            self.tr("Model: %1").replace("%1", t.label(ui_language())) + "\n" +
            self.tr("Devices: %1").replace("%1", str(len(wiz.devices_page.devices))) + "\n" +
            self.tr("People: %1").replace("%1", ", ".join(
                f"{name} ({login})" for name, login, _r, _s in users) or "—") +
            "\n" + self.tr("Data folder: %1").replace("%1", str(wiz.root)) +
            self.kept_users_text(existing_logins(wiz.root)))

    def kept_users_text(self, logins: list[str]) -> str:
        if not logins:
            return ""
        return "\n\n" + self.tr("The record in this data folder already has users (%1): "
                                 "they are kept, and the people above are not added. Add "
                                 "others in Settings → Users.").replace("%1", ", ".join(logins))

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        try:
            self.wizard().write()
        except (site_config.ConfigError, OSError, ValueError) as exc:
            self.error.setText(self.tr("The setup could not be saved: %1")
                               .replace("%1", str(exc)))
            return False
        return True


class SetupWizard(QWizard):
    def __init__(self, root: Path, translations: Translations, parent=None) -> None:
        super().__init__(parent)
        self.root = root
        self.translations = translations
        self.setWindowTitle("Deungdae 등대")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(900, 640)
        self.jobs = Background(None, "wizard", self)
        self.language_page = LanguagePage(translations)
        self.template_page = TemplatePage()
        self.ports_page = PortsPage()
        self.devices_page = DevicesPage(self.jobs)
        self.users_page = UsersPage()
        self.done_page = DonePage()
        for p in (self.language_page, self.template_page, self.ports_page, self.devices_page,
                  self.users_page, self.done_page):
            self.addPage(p)
        self.finished.connect(lambda _r: self._close_jobs())

    def reject(self) -> None:
        """Esc or Cancel: on the users page with people typed in, ask first."""
        if self.currentPage() is self.users_page and self.users_page.has_entries() and \
                not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Leave the setup?"),
            self.tr("The people entered on this page are not saved yet. Leave the setup "
                    "and discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def _close_jobs(self) -> None:
        self.jobs.close()
        if self.devices_page.form is not None:
            self.devices_page.form.close_jobs()

    def site_text(self) -> str:
        t = self.template_page.template()
        text = t.text()
        name = self.template_page.name.text().strip()
        if name:
            text = set_site_name(text, name)
        path = Path(t.path)
        for setting in self.devices_page.assignments().values():
            cfg = site_config.parse(text, path, discover())
            text = plan_set(cfg, setting, [profile_dir(self.root)], text=text).text
        return text.rstrip("\n") + "\n"

    def write(self) -> Path:
        return write_site(self.root, self.site_text(), self.users_page.users())
