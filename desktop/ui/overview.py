"""The page the operator looks at all day: a plant summary, a tile per channel, devices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui import theme
from deungdae.desktop.ui.channel_tile import ChannelTile
from deungdae.desktop.ui.display_format import age_text
from deungdae.desktop.ui.plant_state import PlantState


class OverviewPage(QWidget):
    channel_clicked = Signal(str)

    def __init__(self, state: PlantState, now_ms, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Overview"))
        self.state = state
        self.now_ms = now_ms  # callable: the engine clock
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setMinimumHeight(56)
        self.tiles: dict[str, ChannelTile] = {}
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setSpacing(12)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for key, cv in state.channels.items():
            tile = ChannelTile(cv)
            tile.clicked.connect(self.channel_clicked)
            self.tiles[key] = tile
        self._columns = 0
        self._relayout()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(grid_host)

        devices_title = QLabel(self.tr("Devices"))
        devices_title.setProperty("role", "title")
        self.devices = QTableWidget(0, 5)
        self.devices.setHorizontalHeaderLabels(
            [self.tr("Device"), self.tr("Connection"), self.tr("Profile / port"),
             self.tr("Errors"), self.tr("Last seen")])
        self.devices.verticalHeader().hide()
        self.devices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.devices.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.devices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.devices.setRowCount(len(state.devices))
        self.devices.verticalHeader().setDefaultSectionSize(40)
        self.devices.setMaximumHeight(44 + 40 * max(1, min(len(state.devices), 5)))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(self.summary)
        lay.addWidget(scroll, 1)
        lay.addWidget(devices_title)
        lay.addWidget(self.devices)
        self.refresh_all()

    def _relayout(self) -> None:
        cols = max(1, min(6, (self.width() - 40) // 270)) if self.width() > 300 else 4
        if cols == self._columns:
            return
        self._columns = cols
        for i, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, i // cols, i % cols)
        self.grid.setRowStretch(len(self.tiles) // cols + 1, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._relayout()

    # ------------------------------------------------------------------ refresh
    def refresh_channels(self, keys) -> None:
        now = self.now_ms()
        for key in keys:
            tile = self.tiles.get(key)
            if tile is not None:
                tile.refresh(self.state.channels[key], now)

    def refresh_all(self) -> None:
        now = self.now_ms()
        for key, tile in self.tiles.items():
            tile.refresh(self.state.channels[key], now)
        self._refresh_summary(now)
        self._refresh_devices(now)

    def _refresh_summary(self, now: int) -> None:
        counts = self.state.counts(now)
        n = len(self.state.channels)
        bad = counts.get("alarm", 0) + counts.get("lost", 0)
        stale = counts.get("stale", 0)
        lost_devices = sum(1 for d in self.state.devices.values() if not d.connected)
        if bad or lost_devices:
            text = self.tr("%1 channel(s) need attention").replace("%1", str(bad or lost_devices))
            colour, bg = theme.ALARM, "#fdecec"
        elif stale:
            text = self.tr("%1 channel(s) without recent data").replace("%1", str(stale))
            colour, bg = theme.WARN, "#fff4e5"
        elif counts.get("none", 0) == n:
            text = self.tr("Waiting for the first readings…")
            colour, bg = theme.STALE, "#f1f1f1"
        else:
            text = self.tr("All %1 channels normal").replace("%1", str(n))
            colour, bg = theme.OK, "#e8f5ec"
        self.summary.setText(text)
        self.summary.setStyleSheet(
            f"QLabel#summary {{ font-size: 22px; font-weight: 700; color: {colour};"
            f" background: {bg}; border-radius: 8px; padding: 0 16px; }}")

    def _refresh_devices(self, now: int) -> None:
        for row, dv in enumerate(self.state.devices.values()):
            conn = QTableWidgetItem(("● " + self.tr("Connected")) if dv.connected
                                    else ("▲ " + self.tr("Lost")))
            conn.setForeground(Qt.GlobalColor.darkGreen if dv.connected else Qt.GlobalColor.red)
            where = dv.profile + (f" · {dv.port}" if dv.port else "")
            cells = [QTableWidgetItem(dv.name), conn, QTableWidgetItem(where),
                     QTableWidgetItem(str(dv.errors) + (f" · {dv.last_error}" if dv.errors
                                                        else "")),
                     QTableWidgetItem(age_text(None if dv.last_seen is None
                                               else now - dv.last_seen))]
            for col, item in enumerate(cells):
                self.devices.setItem(row, col, item)

    def tick(self) -> None:
        """Once a second: ages, stale states, the summary."""
        self.refresh_all()
