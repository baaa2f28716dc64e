from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class BeehivePage(QWidget):
    def __init__(self, shell) -> None:
        super().__init__()
        self.setWindowTitle("Beehives")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"{len(shell.state.channels)} channels watched"))


def pages(shell):
    return [BeehivePage(shell)]


def settings_pages(shell):
    page = QWidget()
    page.setWindowTitle("Beehive settings")
    return [page]
