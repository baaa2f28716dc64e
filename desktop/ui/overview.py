"""The page the operator looks at all day: a plant summary, every open incident of every
sector (CCP deviations first), a tile per channel, devices."""

from __future__ import annotations

from collections.abc import Callable

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
from deungdae.desktop.ui.alarm_banner import loudest_first
from deungdae.desktop.ui.channel_tile import ChannelTile
from deungdae.desktop.ui.display_format import age_text, local_time, ui_language
from deungdae.desktop.ui.plant_state import PlantState
from deungdae.sectors.api.incidents import Incident


class OverviewPage(QWidget):
    channel_clicked = Signal(str)
    incident_clicked = Signal(object)  # Incident: the window opens the page handling it

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

        self.incidents_title = QLabel()
        self.incidents_title.setProperty("role", "title")
        self.incidents = QTableWidget(0, 5)
        self.incidents.setHorizontalHeaderLabels(
            [self.tr("Since"), self.tr("Incident"), self.tr("Where"), self.tr("Details"),
             self.tr("Stage")])
        # what an incident is about, from the sector page handling it (set by the window)
        self.details: Callable[[Incident], str] = lambda _inc: ""
        # a sector's note on a channel's tile, e.g. a CCP's critical limit (set by the window)
        self.channel_note: Callable[[str], str] = lambda _key: ""
        self.incidents.verticalHeader().hide()
        self.incidents.verticalHeader().setDefaultSectionSize(40)
        self.incidents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.incidents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.incidents.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.incidents.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.incidents.cellDoubleClicked.connect(self._incident_activated)
        self.incidents.cellClicked.connect(self._incident_activated)
        self.shown_incidents: list[Incident] = []
        self.incidents_title.hide()  # shown while any incident is open
        self.incidents.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(self.summary)
        lay.addWidget(self.incidents_title)
        lay.addWidget(self.incidents)
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

    def sync_tiles(self) -> None:
        """Tiles for channels a live device change added; none for those it removed."""
        stale = [k for k, t in self.tiles.items() if k not in self.state.channels or
                 (t.name.text(), t.unit.text()) != (self.state.channels[k].name,
                                                    self.state.channels[k].unit)]
        for key in stale:  # gone, or renamed / in another unit: made again
            tile = self.tiles.pop(key)
            self.grid.removeWidget(tile)
            tile.deleteLater()
        for key, cv in self.state.channels.items():
            if key not in self.tiles:
                tile = ChannelTile(cv)
                tile.clicked.connect(self.channel_clicked)
                self.tiles[key] = tile
        self.tiles = {k: self.tiles[k] for k in self.state.channels}  # the state's order
        self.devices.setRowCount(len(self.state.devices))
        self.devices.setMaximumHeight(44 + 40 * max(1, min(len(self.state.devices), 5)))
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self._columns = 0  # lay every tile out again
        self._relayout()
        self.refresh_all()

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
            tile.set_note(self.channel_note(key))
            tile.refresh(self.state.channels[key], now)
        self._refresh_incidents()
        self._refresh_summary(now)
        self._refresh_devices(now)

    # ------------------------------------------------------------------ incidents
    def stage_text(self, stage: str) -> str:
        return {"open": self.tr("Not acknowledged"), "acknowledged": self.tr("Acknowledged"),
                "action_recorded": self.tr("Action recorded, to verify"),
                "verified": self.tr("Verified")}.get(stage, stage)

    def subject_name(self, who: str) -> str:
        cv = self.state.channels.get(who)
        if cv is not None:
            return cv.name
        dv = self.state.devices.get(who)
        return dv.name if dv is not None else who

    def _refresh_incidents(self) -> None:
        incs = loudest_first(self.state.incidents)
        if [i.id for i in incs] == [i.id for i in self.shown_incidents] and \
                [i.stage for i in incs] == [i.stage for i in self.shown_incidents]:
            return
        self.shown_incidents = incs
        lang = ui_language()
        self.incidents_title.setText(self.tr("Open incidents (%1)").replace("%1",
                                                                          str(len(incs))))
        self.incidents.setRowCount(len(incs))
        for row, inc in enumerate(incs):
            since = local_time(inc.opened.ts, self.state.tz, seconds=False)
            cells = [since, inc.kind.title(lang), self.subject_name(inc.subject),
                     self.details(inc), self.stage_text(inc.stage)]
            loud = inc.severity in ("alarm", "critical") and inc.stage == "open"
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if loud or inc.severity == "critical":
                    item.setForeground(Qt.GlobalColor.red if loud else Qt.GlobalColor.darkRed)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.incidents.setItem(row, col, item)
        self.incidents.setMaximumHeight(44 + 40 * max(1, min(len(incs), 4)))
        self.incidents_title.setVisible(bool(incs))
        self.incidents.setVisible(bool(incs))

    def _incident_activated(self, row: int, _col: int) -> None:
        if 0 <= row < len(self.shown_incidents):
            self.incident_clicked.emit(self.shown_incidents[row])

    def _refresh_summary(self, now: int) -> None:
        counts = self.state.counts(now)
        n = len(self.state.channels)
        bad = counts.get("alarm", 0) + counts.get("lost", 0)
        stale = counts.get("stale", 0)
        lost_devices = sum(1 for d in self.state.devices.values() if not d.connected)
        others = loudest_first(self.state.other_incidents())
        if others:  # a sector's incident (a CCP deviation) outranks every channel
            first = others[0]
            text = self.tr("%1 open: %2").replace("%1", first.kind.title(ui_language())) \
                .replace("%2", self.details(first) or self.subject_name(first.subject))
            if len(others) > 1:
                text += " · " + self.tr("%1 open incident(s) in all").replace(
                    "%1", str(len(others) + len(self.state.open_alarms)))
            loud = any(i.stage == "open" for i in others)
            colour, bg = (theme.ALARM, "#fdecec") if loud else (theme.WARN, "#fff4e5")
        elif bad or lost_devices:
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
            profile = self.tr("simulated device") if dv.profile == "simulator" else dv.profile
            where = profile + (f" · {dv.port}" if dv.port else "")
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
