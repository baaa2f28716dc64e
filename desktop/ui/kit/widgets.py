"""Small widget pieces every sector page needs, in the shell's look.

A `Page` is a sector's page: its `windowTitle()` is its navigation label, and
`incident_kinds` names the event kinds whose open incidents it handles: the shell counts
those on its navigation entry and the overview's banner opens it. Such a page may also
offer (any QWidget page may, the shell looks them up by name):

- `select_incident(event_id) -> bool`: show that incident (the banner's button);
- `describe_incident(incident) -> str`: what it is about in the window's language, for
  the banner and the overview (a CCP deviation: "CCP-2P 금속검출 — 점검 누락");
- `describe_event(row) -> str`: what one of its sector's event rows says, in the window's
  language, for the shell's events page ("" keeps the row's recorded message).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)


def alive(obj: QObject) -> bool:
    """Whether Qt still holds `obj` (a late worker result must not touch a closed page)."""
    return shiboken6.isValid(obj)


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "title")
    return label


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


def data_table(headers: list[str], stretch: tuple[int, ...] = ()) -> QTableWidget:
    """A read-only table with touch-sized rows, one row selected at a time."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(44)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(False)
    head = t.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for col in stretch:
        head.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    return t


class Page(QWidget):
    """A sector page: margins and spacing of the shell's own pages, a vertical layout."""

    incident_kinds: tuple[str, ...] = ()

    def select_incident(self, event_id: int) -> bool:
        return False

    def describe_incident(self, incident) -> str:
        return ""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 16, 20, 16)
        self.body.setSpacing(10)


def card_grid(cards, columns: int = 2) -> QScrollArea:
    """Cards (a zone's, a machine's) in a scrolling grid, `columns` wide, packed to the top."""
    host = QWidget()
    grid = QGridLayout(host)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(12)
    for i, c in enumerate(cards):
        grid.addWidget(c, i // columns, i % columns)
    grid.setRowStretch(len(cards) // columns + 1, 1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(host)
    return scroll
