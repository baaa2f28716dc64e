"""A third party's pages, built from the host kit as ours are."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from deungdae.desktop.ui.kit import Page, SectorHost


class BeehivePage(Page):
    def __init__(self, host: SectorHost) -> None:
        super().__init__("Beehives")
        self.body.addWidget(QLabel(f"{len(host.channels())} channels watched"))


def pages(shell):
    return [BeehivePage(shell)]


def settings_pages(shell):
    page = QWidget()
    page.setWindowTitle("Beehive settings")
    return [page]
