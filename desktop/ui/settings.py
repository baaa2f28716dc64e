"""Settings: language and closing, devices, channels and limits, users, central platform,
data folder and backup.

Each tab with behaviour of its own lives in its own module: users (`users_settings`),
channels and limits (`limits_settings`), the central platform (`central_settings`).
devices (`devices_settings`).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.central_settings import CentralTab
from deungdae.desktop.ui.devices_settings import DevicesTab
from deungdae.desktop.ui.i18n import LANGUAGES
from deungdae.desktop.ui.limits_settings import ChannelsTab
from deungdae.desktop.ui.users_settings import UsersTab


def backup_database(db: Path, target: Path) -> int:
    """A consistent copy of the record while the logger writes (SQLite online backup)."""
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst, pages=4096)
        finally:
            dst.close()
    finally:
        src.close()
    return target.stat().st_size


class SettingsPage(QWidget):
    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.shell = shell
        self.jobs = Background(None, "backup", self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general(), self.tr("General"))
        self.tabs.addTab(self._devices(), self.tr("Devices"))
        self.tabs.addTab(self._channels(), self.tr("Channels and alarm limits"))
        self.tabs.addTab(self._users(), self.tr("Users"))
        self.tabs.addTab(self._central(), self.tr("Central platform"))
        self.tabs.addTab(self._data(), self.tr("Data and backup"))
        for c in shell.sector_contributions:
            for page in c.settings_pages:
                self.tabs.addTab(page, page.windowTitle() or c.sector.name)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addWidget(self.tabs)

    def _general(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(self.shell.translations.language))
        self.language.currentIndexChanged.connect(
            lambda _i: self.shell.set_language(self.language.currentData()))
        form.addRow(self.tr("Language"), self.language)
        self.keep = QCheckBox(self.tr("Keep recording in the tray when the window is closed"))
        self.keep.setChecked(self.shell.settings.value("keep_recording_in_tray", False,
                                                        type=bool))
        self.keep.toggled.connect(
            lambda on: self.shell.settings.setValue("keep_recording_in_tray", on))
        form.addRow(self.tr("Closing the window"), self.keep)
        return w

    def _devices(self) -> QWidget:
        self.devices_tab = DevicesTab(self.shell)
        return self.devices_tab

    def _channels(self) -> QWidget:
        self.channels_tab = ChannelsTab(self.shell)
        return self.channels_tab

    def _users(self) -> QWidget:
        self.users_tab = UsersTab(self.shell)
        return self.users_tab

    def _central(self) -> QWidget:
        self.central_tab = CentralTab(self.shell)
        return self.central_tab

    def _data(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        form = QFormLayout()
        form.addRow(self.tr("Data folder"), QLabel(str(self.shell.root)))
        lay.addLayout(form)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up the record now…"))
        self.backup_button.clicked.connect(self._ask_backup)
        self.backup_status = QLabel()
        row.addWidget(self.backup_button)
        row.addWidget(self.backup_status, 1)
        lay.addLayout(row)
        lay.addStretch(1)
        return w

    def _ask_backup(self) -> None:
        name = f"deungdae-backup-{time.strftime('%Y%m%d-%H%M')}.db"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Back up the record"),
                                              str(Path.home() / name))
        if path:
            self.backup_to(Path(path))

    def backup_to(self, target: Path) -> None:
        self.backup_status.setText(self.tr("Backing up…"))
        self.jobs.submit(lambda: backup_database(self.shell.db_path, target),
                         lambda size: self.backup_status.setText(
                             self.tr("Saved %1 (%2 MB)").replace("%1", str(target))
                             .replace("%2", f"{size / 1e6:.1f}")))

    def close_jobs(self) -> None:
        self.jobs.close()
        self.central_tab.close_jobs()
        self.devices_tab.close_jobs()
