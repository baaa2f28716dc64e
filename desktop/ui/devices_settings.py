"""Devices from the window: for each role a profile, a port, an address; test, find, apply.

`DeviceForm` edits one device (used by the first-run wizard and by Settings → Devices):
the profiles offered are those that fit the device's role (unit and range), the ports
are the detected ones (with USB description and serial number) or a typed URL, the unit
id and the baud/parity the profile allows. **Test** reads the device now, **Find
devices** asks every unit id on the port (`hardware.scan.scan_bus`, with progress and
Cancel) and lists what answered with the profiles that read plausibly. Both run off the
GUI thread. `DevicesTab` applies a change through `desktop.engine.device_changes` and
`Engine.apply_devices` (manager or admin; live, saved, audited).
"""

from __future__ import annotations

import contextlib
import re
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from deungdae.desktop.engine.config import ChannelConfig, ConfigError
from deungdae.desktop.engine.device_changes import (
    SIMULATOR,
    DeviceChangeError,
    DeviceSetting,
    PointRead,
    plan_add,
    plan_remove,
    plan_set,
    read_now,
)
from deungdae.desktop.engine.device_roles import Role, default_mapping, fitting_profiles, role_of
from deungdae.desktop.engine.engine import EngineError
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.display_format import ui_language, value_text
from deungdae.desktop.ui.tables import read_only_table
from deungdae.hardware.ports import check_port, detected_ports
from deungdae.hardware.profiles import Profile, list_profiles, load_profile
from deungdae.hardware.source import ConfigError as HardwareConfigError
from deungdae.records import users as rusers
from deungdae.sectors.api.names import local_name

PARITY_NAMES = {"N": QT_TRANSLATE_NOOP("DeviceForm", "None (N)"),
                "E": QT_TRANSLATE_NOOP("DeviceForm", "Even (E)"),
                "O": QT_TRANSLATE_NOOP("DeviceForm", "Odd (O)")}
# `device_changes.quality_words` (Qt-free) says these; the form shows them translated
QUALITY_TEXTS = (
    QT_TRANSLATE_NOOP("DeviceForm", "good"), QT_TRANSLATE_NOOP("DeviceForm", "no answer"),
    QT_TRANSLATE_NOOP("DeviceForm", "port not open"),
    QT_TRANSLATE_NOOP("DeviceForm", "out of range"),
    QT_TRANSLATE_NOOP("DeviceForm", "sensor fault"),
    QT_TRANSLATE_NOOP("DeviceForm", "garbled answer (CRC)"),
    QT_TRANSLATE_NOOP("DeviceForm", "garbled answer"),
    QT_TRANSLATE_NOOP("DeviceForm", "device refused the read"),
    QT_TRANSLATE_NOOP("DeviceForm", "entered by hand"),
    QT_TRANSLATE_NOOP("DeviceForm", "simulated"),
)


# What to check, in the user's language, for the device errors a technician meets most;
# the core's own message (English, exact) follows in brackets.
_ADVICE = (
    (r"no answer from unit (\d+)", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Address %1 does not answer: check the wiring (A/B), the address "
        "(unit id) and the baud rate.")),
    (r"port (\S+) does not exist", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Port %1 does not exist: is the USB-RS485 adapter plugged in?")),
    (r"cannot open (\S+?):", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Port %1 cannot be opened: is another program using it?")),
    (r"unit id \(address\) must be 1\.\.247", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "The address (unit id) must be 1 to 247.")),
    (r"no port given", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "No port: choose a detected port or type one, e.g. COM3, "
        "/dev/ttyUSB0 or socket://10.0.0.5:4001.")),
    (r"'([^']*)'(?:: no TCP port| has no scheme|: unknown URL scheme|: no host|: port 0 "
     r"|: Port |: [^']*expected \w+://host:port| looks like a URL)",
     QT_TRANSLATE_NOOP("DeviceAdvice", "The port %1 is not written right: use e.g. "
                       "socket://10.0.0.5:4001 or tcp://10.0.0.5:502.")),
    (r"unit (\d+) on (\S+) is also device '([^']*)'", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Address %1 on %2 is already used by device %3: give each device on "
        "one line its own address (set on the device).")),
    (r"port (\S+) runs at (\d+) baud, parity (\w) for device '([^']*)'", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Port %1 runs at %2 baud, parity %3 for device %4: every device on "
        "one line must use the same speed and parity.")),
    (r"port (\S+) is already used by device '([^']*)'", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Port %1 is already used by device %2: this device needs its own "
        "port.")),
    (r"give the new device an id", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Give the new device an id, e.g. proofer.")),
    (r"device id '([^']*)' is already used", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "The id %1 is already used by another device: choose another id.")),
    (r"channel id (\S+) is already used", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "A channel %1 already exists: choose another device id.")),
    (r"device id '([^']*)': use letters", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "The device id \"%1\" may hold only letters, digits, '_' and '-'.")),
    (r"choose at least one point", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "Tick at least one point to record.")),
    (r"feeds (.+), which the sector settings use", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "This device feeds %1, which a CCP, band or meter uses: assign "
        "another device to that role instead of removing it.")),
    (r"scaling\.(\w+)\.(?:low|high): expected a finite number", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "The 4 mA and 20 mA values of %1 must be numbers, e.g. 0 and 10.")),
    (r"scaling\.(\w+): low and high must differ", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "The values at 4 mA and at 20 mA of %1 must differ.")),
    (r"answered badly", QT_TRANSLATE_NOOP(
        "DeviceAdvice", "The device answers, but not as this profile expects: check the "
        "profile, the address and the parity.")),
)


def explain(message: str) -> str:
    """`message` with what to check first, in the user's language, when it is a known one."""
    for pattern, advice in _ADVICE:
        m = re.search(pattern, message)
        if m:
            text = QCoreApplication.translate("DeviceAdvice", advice)
            for i, arg in enumerate(g for g in m.groups() if g):
                text = text.replace(f"%{i + 1}", arg)
            return text + f" ({message})"
    return message


def profile_text(p) -> str:
    """"rtd4-pta8c04 — 4채널 PT100 입력 모듈 ...": its name and what it is, in the window's
    language (a site's own profile without a Korean description shows its English one)."""
    said = p.describe(ui_language())
    return f"{p.name} — {said}" if said else p.name


class _Progress(QObject):
    """Carries a scan's progress from its worker thread to the GUI thread."""

    step = Signal(int, int)


class DeviceForm(QWidget):
    """One device: profile (fitting its role), port, unit id, baud, parity, point mapping."""

    def __init__(self, profile_dirs: list[Path], parent=None) -> None:
        super().__init__(parent)
        self.profile_dirs = profile_dirs
        self.jobs = Background(None, "device-test", self)
        self.scan_jobs = Background(None, "device-scan", self)
        self.device: dict = {}
        self.channels: list[ChannelConfig] = []
        self.role: Role | None = None
        self.profiles: dict[str, Profile] = {}
        self.cancel_event: threading.Event | None = None
        self.hits: list = []
        self.reads: list[PointRead] = []
        self.tested: DeviceSetting | None = None  # the setting of the last passing test
        self.adding = False  # a new device (load_new), not one of the config's
        self.role_label = QLabel()
        self.role_label.setWordWrap(True)
        self.profile = QComboBox()
        self.profile.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profile.setMinimumContentsLength(30)
        self.profile.currentIndexChanged.connect(self._profile_changed)
        self.port = QComboBox()
        self.port.setEditable(True)
        self.port.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.port.setMinimumContentsLength(28)
        self.unit = QSpinBox()
        self.unit.setRange(1, 247)
        self.baud = QComboBox()
        self.parity = QComboBox()
        self.mapping = QTableWidget(0, 2)
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping.setMinimumHeight(90)
        self.mapping.setMaximumHeight(150)
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_find)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.found = QListWidget()
        self.found.setMaximumHeight(110)
        self.found.hide()
        self.found.itemActivated.connect(self._use_hit)
        self.found.itemClicked.connect(self._use_hit)
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_progress)
        self.form = QFormLayout()
        self.form.addRow(self.role_label)
        self.labels = {k: QLabel() for k in ("profile", "port", "unit", "baud", "parity", "map")}
        for key, w in (("profile", self.profile), ("port", self.port), ("unit", self.unit),
                       ("baud", self.baud), ("parity", self.parity)):
            self.form.addRow(self.labels[key], w)
        self.form.addRow(self.labels["map"], self.mapping)
        self.scaling = QTableWidget(0, 4)
        self.scaling.verticalHeader().hide()
        self.scaling.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.scaling.setMinimumHeight(70)
        self.scaling.setMaximumHeight(150)
        self.labels["scale"] = QLabel()
        self.labels["scale"].setWordWrap(True)
        self.form.addRow(self.labels["scale"], self.scaling)
        self.form.setRowVisible(self.scaling, False)
        self._scaling_for: str | None = None  # the profile the scaling rows were made for
        buttons = QHBoxLayout()
        for b in (self.test_button, self.find_button, self.cancel_button):
            buttons.addWidget(b)
        side = QVBoxLayout()
        side.addLayout(buttons)
        side.addWidget(self.progress)
        side.addWidget(self.found)
        side.addWidget(self.result)
        side.addStretch(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.form, 1)
        lay.addLayout(side, 1)
        self.retranslate()

    def retranslate(self) -> None:
        texts = {"profile": self.tr("Profile"), "port": self.tr("Port"),
                 "unit": self.tr("Address (unit id)"), "baud": self.tr("Baud rate"),
                 "parity": self.tr("Parity"), "map": self.tr("Channels")}
        for k, t in texts.items():
            self.labels[k].setText(t)
        self.profile.setToolTip(self.tr("The kind of device. Only profiles that can measure "
                                        "what this role needs are offered."))
        self.port.setToolTip(self.tr("Choose a detected port, or type one: COM3, "
                                     "/dev/ttyUSB0, socket://10.0.0.5:4001 (serial device "
                                     "server), rfc2217://host:port, tcp://10.0.0.5:502."))
        self.unit.setToolTip(self.tr("The device's Modbus address, 1 to 247, set on the "
                                     "device (often with DIP switches or its keypad)."))
        self.baud.setToolTip(self.tr("The speed set on the device; every device on one "
                                     "RS-485 line uses the same speed."))
        self.parity.setToolTip(self.tr("The parity set on the device (most use None)."))
        self._mapping_headers()
        self.labels["scale"].setText(self.tr("4–20 mA scaling"))
        self.scaling.setHorizontalHeaderLabels([self.tr("Point"), self.tr("At 4 mA"),
                                                self.tr("At 20 mA"), self.tr("Unit")])
        self.scaling.setToolTip(self.tr("What the transmitter on this input measures: the "
                                        "value it sends as 4 mA and as 20 mA, and its unit "
                                        "(e.g. 0 and 10 bar). Readings are recorded in "
                                        "that unit."))
        self.test_button.setText(self.tr("Test"))
        self.test_button.setToolTip(self.tr("Read the device now with these settings."))
        self.find_button.setText(self.tr("Find devices"))
        self.find_button.setToolTip(self.tr("Ask every address 1–247 on this port and list "
                                            "what answers."))
        self.cancel_button.setText(self.tr("Cancel"))

    # ------------------------------------------------------------------ filling
    def load(self, device: dict, channels: list[ChannelConfig]) -> None:
        """Show `device` (a `[[devices]]` table) and the channels it feeds."""
        self.adding = False
        self.device = device
        self.channels = [c for c in channels if c.device == device.get("id")]
        self.role = role_of(device)
        if self.role is not None:
            fitting = fitting_profiles(self.role, self.profile_dirs)
            self.role_label.setText(self.tr("Needs: %1").replace(
                "%1", self.role.describe(ui_language())))
        else:
            fitting = []
            for name in list_profiles(self.profile_dirs):
                try:
                    fitting.append(load_profile(name, self.profile_dirs))
                except HardwareConfigError:
                    continue
            self.role_label.setText(self.tr("Device %1").replace("%1", str(device.get("id"))))
        self.profiles = {p.name: p for p in fitting}
        current = str(device.get("profile", SIMULATOR))
        if current != SIMULATOR and current not in self.profiles:
            with contextlib.suppress(HardwareConfigError):
                self.profiles[current] = load_profile(current, self.profile_dirs)
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItem(self.tr("Simulator (until a real device is assigned)"), SIMULATOR)
        for p in self.profiles.values():
            self.profile.addItem(profile_text(p), p.name)
        self.profile.setCurrentIndex(max(0, self.profile.findData(current)))
        self.profile.blockSignals(False)
        self._fill_ports(str(device.get("port", "")))
        self.unit.setValue(int(device.get("unit", 1) or 1))
        self.result.setText("")
        self.found.clear()
        self.found.hide()
        self._profile_changed()

    def load_new(self, device_id: str) -> None:
        """An empty form for a device to add: every profile, and the points to record."""
        self.adding = True
        self.device = {"id": device_id}
        self.channels = []
        self.role = None
        self.role_label.setText(self.tr("New device: choose its profile, port and address. "
                                        "Each of its points is recorded as a channel."))
        self.profiles = {}
        for name in list_profiles(self.profile_dirs):
            with contextlib.suppress(HardwareConfigError):
                self.profiles[name] = load_profile(name, self.profile_dirs)
        self.profile.blockSignals(True)
        self.profile.clear()
        for p in self.profiles.values():
            self.profile.addItem(profile_text(p), p.name)
        self.profile.setCurrentIndex(0 if self.profiles else -1)
        self.profile.blockSignals(False)
        self._fill_ports("")
        self.unit.setValue(1)
        self.result.setText("")
        self.found.clear()
        self.found.hide()
        self._profile_changed()

    def set_device_id(self, device_id: str) -> None:
        """The id typed for a device being added (its channels are named after it)."""
        self.device["id"] = device_id
        if self.adding:
            for row in range(self.mapping.rowCount()):
                item = self.mapping.item(row, 0)
                if item is not None:
                    item.setText(f"{device_id}.{item.data(Qt.ItemDataRole.UserRole)}")

    def _fill_ports(self, port: str) -> None:
        self.port.clear()
        for choice in detected_ports():
            self.port.addItem(choice.label, choice.spec)
        if port:
            at = self.port.findData(port)
            if at < 0:
                self.port.addItem(port, port)
                at = self.port.count() - 1
            self.port.setCurrentIndex(at)
        else:
            self.port.setCurrentIndex(-1)
            self.port.setEditText("")
        self.port.lineEdit().setPlaceholderText("COM3, /dev/ttyUSB0, socket://10.0.0.5:4001")

    def _profile_changed(self) -> None:
        prof = self.profiles.get(self.profile.currentData() or "")
        real = prof is not None
        for w in (self.port, self.unit, self.test_button, self.find_button):
            w.setEnabled(real)
        self.baud.clear()
        self.parity.clear()
        if prof is not None:
            for b in prof.bauds:
                self.baud.addItem(str(b), b)
            for p in prof.parities:
                self.parity.addItem(self.tr(PARITY_NAMES[p]), p)
            want_b = self.device.get("baud") if self.device.get("profile") == prof.name else None
            want_p = self.device.get("parity") if self.device.get("profile") == prof.name \
                else None
            self.baud.setCurrentIndex(max(0, self.baud.findData(
                want_b or prof.defaults.get("baud", 9600))))
            self.parity.setCurrentIndex(max(0, self.parity.findData(
                want_p or prof.defaults.get("parity", "N"))))
        self.baud.setEnabled(real and bool(prof.bauds))
        self.parity.setEnabled(real and bool(prof.parities))
        self._fill_mapping(prof)

    def _fill_mapping(self, prof: Profile | None) -> None:
        for row in range(self.mapping.rowCount()):
            self.mapping.removeCellWidget(row, 1)
        if self.adding:
            self._fill_new_points(prof)
            return
        self._mapping_headers()
        self.mapping.setRowCount(len(self.channels))
        sim_points = list(self.device.get("points", {}))
        rmap = default_mapping(self.role, prof) if prof and self.role else None
        for row, c in enumerate(self.channels):
            self.mapping.setItem(row, 0, QTableWidgetItem(
                f"{local_name(c.name, ui_language())} ({c.key})"))
            box = QComboBox()
            names = [p.name for p in prof.points] if prof else sim_points
            for n in names:
                pt = next((p for p in prof.points if p.name == n), None) if prof else None
                box.addItem(f"{n} ({pt.unit})" if pt and pt.unit else n, n)
            rp = c.key.split(".", 1)[1] if c.key.startswith(f"{c.device}.") else c.point
            pick = (rmap or {}).get(rp) or (c.point if c.point in names else None) or \
                (rp if rp in names else None)
            box.setCurrentIndex(max(0, box.findData(pick)))
            box.currentIndexChanged.connect(lambda _i, p=prof: self._fill_scaling(p))
            self.mapping.setCellWidget(row, 1, box)
        self._fill_scaling(prof)

    def _mapping_headers(self) -> None:
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Recorded as channel"), self.tr("Point")] if self.adding else
            [self.tr("Channel"), self.tr("Reads point")])

    def _fill_new_points(self, prof: Profile | None) -> None:
        """A device being added: each point of its profile and the channel it becomes (the
        engine records every point of a device; the channel id names it)."""
        self._mapping_headers()
        points = prof.points if prof else ()
        self.mapping.setRowCount(len(points))
        did = str(self.device.get("id", ""))
        for row, p in enumerate(points):
            item = QTableWidgetItem(f"{did}.{p.name}")
            item.setData(Qt.ItemDataRole.UserRole, p.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mapping.setItem(row, 0, item)
            what = f"{p.name} ({p.unit})" if p.unit else p.name
            said = p.describe(ui_language())
            self.mapping.setItem(row, 1, QTableWidgetItem(what + (f" — {said}" if said else "")))
        self._fill_scaling(prof)

    # ------------------------------------------------------------------ 4-20 mA scaling
    def _mapped_points(self) -> list[tuple[str, str | None]]:
        """(point, role point) of each point read: the channels' picks, or all (adding)."""
        if self.adding:
            return [(p, None) for p in self.new_points()]
        out = []
        for r, c in enumerate(self.channels):
            box = self.mapping.cellWidget(r, 1)
            if box is not None and box.currentData():
                rp = c.key.split(".", 1)[1] if c.key.startswith(f"{c.device}.") else c.point
                out.append((str(box.currentData()), rp))
        return out

    def _fill_scaling(self, prof: Profile | None) -> None:
        """A row per mapped 4-20 mA point: what 4 mA and 20 mA mean. The values shown
        are those typed (same profile), else the device's, else the role's range."""
        typed = self.scaling_values() if prof and self._scaling_for == prof.name else {}
        self._scaling_for = prof.name if prof else None
        spans = {p.name: p for p in prof.points if p.span is not None} if prof else {}
        rows = [(p, rp) for p, rp in self._mapped_points() if p in spans]
        saved = (self.device.get("scaling") or {}) if prof and \
            self.device.get("profile") == prof.name else {}
        need = {p.name: p for p in self.role.points} if self.role else {}
        self.scaling.setRowCount(len(rows))
        for row, (name, rp) in enumerate(rows):
            pt = spans[name]
            was = saved.get(name) if isinstance(saved.get(name), dict) else {}
            want = need.get(rp or "")
            if name in typed:
                low, high, unit = typed[name]
            elif "low" in was and "high" in was:
                low, high, unit = f"{was['low']:g}", f"{was['high']:g}", str(was.get("unit", ""))
            elif want is not None and want.range:
                low, high, unit = f"{want.range[0]:g}", f"{want.range[1]:g}", want.unit
            else:
                low, high, unit = f"{pt.span[0]:g}", f"{pt.span[1]:g}", pt.unit
            head = QTableWidgetItem(name)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(Qt.ItemDataRole.UserRole, name)
            self.scaling.setItem(row, 0, head)
            for col, text in ((1, low), (2, high), (3, unit)):
                self.scaling.setItem(row, col, QTableWidgetItem(text))
        self.form.setRowVisible(self.scaling, bool(rows))

    def scaling_values(self) -> dict[str, tuple[str, str, str]]:
        """point -> (text at 4 mA, text at 20 mA, unit) as typed."""
        out = {}
        for r in range(self.scaling.rowCount()):
            cells = [self.scaling.item(r, c) for c in range(4)]
            if all(cells):
                out[str(cells[0].data(Qt.ItemDataRole.UserRole))] = tuple(
                    c.text().strip() for c in cells[1:])
        return out

    def set_scaling(self, point: str, low: str, high: str, unit: str) -> bool:
        """Type a point's 4 mA and 20 mA values and unit (as a user does in the table)."""
        for r in range(self.scaling.rowCount()):
            if self.scaling.item(r, 0).data(Qt.ItemDataRole.UserRole) == point:
                for col, text in ((1, low), (2, high), (3, unit)):
                    self.scaling.item(r, col).setText(text)
                return True
        return False

    def scaling_setting(self) -> dict[str, dict]:
        """The typed scaling as `[devices] scaling` (an input left at 4/20 mA is omitted;
        a value that is not a number is passed on for the core to refuse by name)."""
        prof = self.profiles.get(self.profile.currentData() or "")
        spans = {p.name: p for p in prof.points if p.span is not None} if prof else {}
        out: dict[str, dict] = {}
        for name, (low, high, unit) in self.scaling_values().items():
            pt = spans.get(name)
            if pt is None:
                continue
            vals = []
            for text in (low, high):
                try:
                    v = float(text.replace(",", "."))
                    vals.append(int(v) if v.is_integer() and abs(v) < 1e15 else v)
                except ValueError:
                    vals.append(text)
            if vals == [float(pt.span[0]), float(pt.span[1])] and unit in ("", pt.unit):
                continue
            out[name] = {"low": vals[0], "high": vals[1]} | ({"unit": unit} if unit else {})
        return out

    def new_points(self) -> list[str]:
        """The points of a device being added (each becomes a channel)."""
        return [str(self.mapping.item(r, 0).data(Qt.ItemDataRole.UserRole))
                for r in range(self.mapping.rowCount()) if self.mapping.item(r, 0)]

    # ------------------------------------------------------------------ reading
    def port_text(self) -> str:
        text = self.port.currentText().strip()
        at = self.port.findText(text)
        return str(self.port.itemData(at)) if at >= 0 and self.port.itemData(at) else text

    def setting(self) -> DeviceSetting:
        """What the form says, as a device setting for `device_changes`."""
        name = str(self.profile.currentData() or SIMULATOR)
        did = str(self.device.get("id"))
        if self.adding:
            mapping = {f"{did}.{p}": p for p in self.new_points()}
        else:
            mapping = {c.key: self.mapping.cellWidget(r, 1).currentData()
                       for r, c in enumerate(self.channels)
                       if self.mapping.cellWidget(r, 1) is not None}
        if name == SIMULATOR:
            return DeviceSetting(str(self.device.get("id")), SIMULATOR, mapping=mapping)
        return DeviceSetting(str(self.device.get("id")), name, self.port_text(),
                             self.unit.value(), self.baud.currentData(),
                             self.parity.currentData(), mapping=mapping,
                             scaling=self.scaling_setting() or None)

    def test(self) -> None:
        s = self.setting()
        self.tested = None
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Reading…"))
        dirs = self.profile_dirs

        def job():
            try:
                return read_now(s, dirs, timeout=1.0)
            except (DeviceChangeError, HardwareConfigError) as e:
                return str(e)

        self.jobs.submit(job, lambda result: self._show_reads(result, s))

    def passed(self) -> bool:
        """The last test read passed with exactly what the form says now (the scaling
        aside: a test reads the module's own values, in mA)."""
        return self.tested is not None and \
            replace(self.tested, scaling=None) == replace(self.setting(), scaling=None)

    def _show_reads(self, result, tested: DeviceSetting | None = None) -> None:
        if not isValid(self):
            return
        if isinstance(result, str):
            self.reads = []
            self.result.setStyleSheet("color: #c62828; font-weight: 600;")
            self.result.setText("✖ " + self.tr("No reading: %1").replace("%1", explain(result)))
            return
        self.reads = result
        ok = all(not r.quality for r in result)
        self.tested = tested if ok else None
        self.result.setStyleSheet(f"color: {'#1b7f3b' if ok else '#b26a00'}; font-weight: 600;")
        lines = [f"{r.point}: {value_text(r.value)} {r.unit}".rstrip() + " — "
                 + self.quality_text(r) for r in result]
        self.result.setText(("✔ " if ok else "⚠ ") + "\n".join(lines))

    def quality_text(self, r: PointRead) -> str:
        return ", ".join(self.tr(w) for w in r.words.split(", "))

    # ------------------------------------------------------------------ finding
    def find(self) -> None:
        from deungdae.hardware.scan import ScanError, scan_bus

        port = self.port_text()
        profiles = list(self.profiles.values()) or None
        baud = self.baud.currentData()
        parity = self.parity.currentData()
        self.cancel_event = threading.Event()
        cancel = self.cancel_event
        progress = self._progress
        self.hits = []
        self.found.clear()
        self.found.show()
        self.progress.setRange(0, 247)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.find_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Asking every address on %1…").replace("%1", port))

        def job():
            try:
                tcp = check_port(port, must_exist=False).kind == "tcp"
                kind = "tcp" if tcp else "rtu"
                fits = [p for p in (profiles or []) if p.protocol == "modbus"
                        and kind in p.transports]
                return scan_bus(port, baud=None if tcp else baud,
                                parity=None if tcp else parity, profiles=fits or None,
                                cancel=cancel,
                                progress=lambda done, total: progress.step.emit(done, total))
            except (ScanError, HardwareConfigError, ValueError) as e:
                return str(e)

        self.scan_jobs.submit(job, self._show_hits)

    def cancel_find(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()

    def _on_progress(self, done: int, total: int) -> None:
        if isValid(self):
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _show_hits(self, result) -> None:
        if not isValid(self):
            return
        self.progress.hide()
        self.cancel_button.hide()
        self.find_button.setEnabled(True)
        if isinstance(result, str):
            self.result.setStyleSheet("color: #c62828; font-weight: 600;")
            self.result.setText("✖ " + self.tr("Search failed: %1").replace("%1", explain(result)))
            return
        self.hits = result
        stopped = self.cancel_event is not None and self.cancel_event.is_set()
        for hit in result:
            what = hit.summary() if hit.ksx3267 or hit.suggestions else self.tr(
                "answered, but no profile reads plausibly")
            item = QListWidgetItem(self.tr("Address %1: %2").replace("%1", str(hit.unit))
                                   .replace("%2", what))
            item.setData(Qt.ItemDataRole.UserRole, hit.unit)
            item.setData(Qt.ItemDataRole.UserRole + 1, hit.best.profile if hit.best else "")
            self.found.addItem(item)
        msg = (self.tr("Stopped; %1 answered so far.") if stopped else
               self.tr("%1 answered. Click one to use it.") if result else
               self.tr("Nothing answered: check the wiring (A/B), the baud rate and parity."))
        self.result.setText(msg.replace("%1", str(len(result))))

    def _use_hit(self, item: QListWidgetItem) -> None:
        self.unit.setValue(int(item.data(Qt.ItemDataRole.UserRole)))
        prof = item.data(Qt.ItemDataRole.UserRole + 1)
        at = self.profile.findData(prof) if prof else -1
        if at >= 0 and at != self.profile.currentIndex():
            port, unit = self.port.currentText(), self.unit.value()
            self.profile.setCurrentIndex(at)
            self.port.setEditText(port)
            self.unit.setValue(unit)

    def close_jobs(self) -> None:
        self.cancel_find()
        self.jobs.close()
        self.scan_jobs.close()


def show_channels(shell) -> None:
    """After a live device change: the overview's tiles, the charts' list and the plant
    state follow the engine's channels (added ones appear, removed ones go) at once."""
    state = getattr(shell, "state", None)
    if state is None or not hasattr(state, "sync_channels"):
        return
    added, removed = state.sync_channels(shell.engine)
    for page, method in (("overview", "sync_tiles"), ("charts", "sync_channels")):
        target = getattr(getattr(shell, page, None), method, None)
        if target is not None and (added or removed or page == "overview"):
            target()


class DevicesTab(QWidget):
    """Settings → Devices: each device with its role; a manager or admin adds, changes or
    removes one live (the reason is recorded)."""

    COLUMNS = 6

    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.adding = False
        self.table = read_only_table([self.tr("Id"), self.tr("Name"), self.tr("Role"),
                                      self.tr("Profile"), self.tr("Port"), self.tr("Unit id")],
                                     [])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selected)
        self.add_button = QPushButton(self.tr("Add device…"))
        self.add_button.setToolTip(self.tr("Add a device that is not in the list yet (a new "
                                           "module or sensor), with its own channels."))
        self.add_button.clicked.connect(self.start_add)
        self.new_id = QLineEdit()
        self.new_id.setPlaceholderText(self.tr("e.g. proofer"))
        self.new_id.setToolTip(self.tr("A short id for the device: letters, digits, '_' or "
                                       "'-'. Its channels are named after it (proofer.t1)."))
        self.new_id.textChanged.connect(lambda text: self.form.set_device_id(text.strip()))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("e.g. Proofer RTD module"))
        self.new_box = QWidget()
        new_row = QHBoxLayout(self.new_box)
        new_row.setContentsMargins(0, 0, 0, 0)
        new_row.addWidget(QLabel(self.tr("New device id")))
        new_row.addWidget(self.new_id, 1)
        new_row.addWidget(QLabel(self.tr("Name")))
        new_row.addWidget(self.new_name, 2)
        self.new_box.hide()
        self.form = DeviceForm(self._profile_dirs(), self)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (recorded), e.g. new RTD module installed"))
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.clicked.connect(self.apply)
        self.anyway = QCheckBox(self.tr("Apply without a passing test (recorded)"))
        self.remove_button = QPushButton(self.tr("Remove device"))
        self.remove_button.setToolTip(self.tr("Take the device and its channels out of the "
                                              "configuration. What they recorded stays in "
                                              "the record, on charts and in reports."))
        self.remove_button.clicked.connect(self.remove)
        self.cancel_add_button = QPushButton(self.tr("Cancel"))
        self.cancel_add_button.clicked.connect(self.cancel_add)
        self.cancel_add_button.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.add_button)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Reason")))
        row.addWidget(self.reason, 1)
        row.addWidget(self.anyway)
        row.addWidget(self.apply_button)
        row.addWidget(self.cancel_add_button)
        row.addWidget(self.remove_button)
        self.table.setMinimumHeight(150)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.new_box)
        lay.addWidget(self.form)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addWidget(self.note)
        shell.session.changed.connect(self._update_buttons)
        self.fill()
        if self.shell.engine.config.devices:
            self.table.selectRow(0)

    def _profile_dirs(self) -> list[Path]:
        from deungdae.desktop.plant_files import profile_dir

        return [profile_dir(self.shell.engine.root)]

    def fill(self) -> None:
        keep = self.selected()
        devices = self.shell.engine.config.devices
        self.table.setRowCount(len(devices))
        lang = ui_language()
        for r, d in enumerate(devices):
            role = role_of(d)
            real = d.get("profile") != SIMULATOR
            texts = [d["id"], local_name(str(d.get("name", d["id"])), lang),
                     role.label(lang) if role else "",
                     str(d.get("profile")) if real else self.tr("simulator"),
                     str(d.get("port", "")), str(d.get("unit", "")) if real else ""]
            for col, text in enumerate(texts):
                self.table.setItem(r, col, QTableWidgetItem(text))
            if d["id"] == keep:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self) -> str | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        devices = self.shell.engine.config.devices
        return devices[rows[0].row()]["id"] if rows and rows[0].row() < len(devices) else None

    def select(self, device: str) -> bool:
        for r, d in enumerate(self.shell.engine.config.devices):
            if d["id"] == device:
                self.table.selectRow(r)
                return True
        return False

    def _selected(self) -> None:
        did = self.selected()
        d = next((d for d in self.shell.engine.config.devices if d["id"] == did), None)
        if d is not None:
            self._leave_add()
            self.form.load(d, self.shell.engine.config.channels)
        self._update_buttons()

    # ------------------------------------------------------------------ adding
    def start_add(self) -> None:
        """Show an empty form for a new device (a row is picked again to leave it)."""
        self.adding = True
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.blockSignals(False)
        taken = {d["id"] for d in self.shell.engine.config.devices}
        n = 1
        while f"device{n}" in taken:
            n += 1
        self.new_name.clear()
        self.table.hide()  # room for the new device's form; Cancel brings the list back
        self.new_box.show()
        self.form.load_new(f"device{n}")
        self.new_id.setText(f"device{n}")
        self.new_id.setFocus()
        self.status.setText("")
        self._update_buttons()

    def cancel_add(self) -> None:
        self._leave_add()
        if self.shell.engine.config.devices:
            self.table.selectRow(0)
            self._selected()
        self._update_buttons()

    def _leave_add(self) -> None:
        self.adding = False
        self.new_box.hide()
        self.table.show()

    def _update_buttons(self) -> None:
        if not isValid(self):
            return
        user = self.shell.session.user
        allowed = user is not None and user.can_sign_off
        self.add_button.setEnabled(allowed and not self.adding)
        self.apply_button.setEnabled(allowed and (self.adding or self.selected() is not None))
        self.apply_button.setText(self.tr("Add") if self.adding else self.tr("Apply"))
        self.anyway.setText(self.tr("Add without a passing test (recorded)") if self.adding
                            else self.tr("Apply without a passing test (recorded)"))
        self.remove_button.setEnabled(allowed and not self.adding and
                                      self.selected() is not None)
        self.remove_button.setVisible(not self.adding)
        self.cancel_add_button.setVisible(self.adding)
        self.note.setText(
            self.tr("A change applies at once without stopping the recording, is saved to "
                    "%1 and is recorded with the old and new device and who made it.")
            if allowed else self.tr("Log in as a manager or administrator to change devices."))
        self.note.setText(self.note.text().replace("%1", str(self.shell.engine.config.path)))

    def apply(self) -> None:
        s = self.form.setting()
        note = ""
        if self.adding:
            s.device = self.new_id.text().strip()
            s.name = self.new_name.text().strip() or None
            s.mapping = {f"{s.device}.{p}": p for p in self.form.new_points()}
        if s.profile != SIMULATOR and not self.form.passed():
            if not self.anyway.isChecked():
                self.status.setText(self.tr("Press Test first: nothing is saved until a test "
                                            "read passes, or tick \"%1\".").replace(
                                                "%1", self.anyway.text()))
                return
            note = " (applied without a passing test)"
        dirs = self._profile_dirs()
        if self.adding:
            self._change(lambda cfg: plan_add(cfg, s, dirs), s.device, note)
        else:
            self._change(lambda cfg: plan_set(cfg, s, dirs), s.device, note)

    def remove(self) -> None:
        did = self.selected()
        if did is not None and not self.adding:
            self._change(lambda cfg: plan_remove(cfg, did), did)

    def _change(self, plan, device: str, note: str = "") -> None:
        user = self.shell.session.user
        if user is None or not user.can_sign_off:
            self.status.setText(self.tr("Only a manager or administrator can change devices."))
            return
        reason = self.reason.text().strip()
        if not reason:
            self.status.setText(self.tr("Say why the device changes; the reason is recorded."))
            return
        engine, by = self.shell.engine, user.login
        reason += note

        def job():
            try:
                change = plan(engine.config)
                engine.apply_devices(change, by=by, reason=reason)
                return change
            except (DeviceChangeError, rusers.AuthError, EngineError, ConfigError,
                    HardwareConfigError, OSError) as exc:
                return str(exc)

        def done(result) -> None:
            if not isValid(self):
                return
            if isinstance(result, str):
                self.status.setText(self.tr("Not changed: %1").replace("%1", explain(result)))
                return
            self.status.setText(self.done_text(result.kind, len((result.old or {}).get(
                "channels", {}))).replace("%1", device))
            self.reason.clear()
            self.anyway.setChecked(False)
            if result.kind == "added":
                self._leave_add()
            show_channels(self.shell)
            self.fill()
            if result.kind == "added":
                self.select(device)
            if self.selected() is None and self.shell.engine.config.devices:
                self.table.selectRow(0)
            self._selected()

        self.status.setText(self.tr("Saving…"))
        self.shell.records.jobs.submit(job, done)

    def done_text(self, kind: str, channels: int) -> str:
        """What the user is told after a change (%1: the device)."""
        if kind == "added":
            return self.tr("Device %1 added; it is recording now.")
        if kind == "removed":
            return self.tr("Device %1 removed; recording goes on. What its %2 channel(s) "
                           "recorded stays in the record: charts and reports still show "
                           "it.").replace("%2", str(channels))
        if kind == "scaled":
            return self.tr("Device %1: the 4–20 mA scaling is changed; recording goes on "
                           "in the new units.")
        return self.tr("Device %1 changed; recording goes on.")

    def close_jobs(self) -> None:
        self.form.close_jobs()
