"""Settings: language, behaviour on close, data dir and backup, devices, limits, users."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import LANGUAGES


class SettingsPage(QWidget):
    def __init__(self, shell, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.shell = shell
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general(), self.tr("General"))
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
        form.addRow(self.tr("Data folder"), QLabel(str(self.shell.root)))
        return w
