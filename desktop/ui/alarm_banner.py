"""The banner across the top: loud (red, beeping) while any alarm is unacknowledged,
amber and quiet while acknowledged alarms are still open, hidden when all is well."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton

from deungdae.desktop.ui import theme
from deungdae.desktop.ui.display_format import clock_time, side_text
from deungdae.desktop.ui.plant_state import OpenAlarm, PlantState

try:  # QtMultimedia is not in PySide6-Essentials; the system beep is the fallback
    from PySide6.QtMultimedia import QSoundEffect  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the installed wheel
    QSoundEffect = None


class AlarmBanner(QFrame):
    acknowledge_clicked = Signal(object)  # OpenAlarm
    show_events_clicked = Signal()

    BEEP_EVERY_MS = 5000

    def __init__(self, state: PlantState, tz, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.state = state
        self.tz = tz
        self.beeps = 0
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.more = QLabel()
        self.ack = QPushButton(self.tr("Acknowledge"))
        self.ack.setMinimumWidth(180)
        self.ack.clicked.connect(self._ack)
        self.events = QPushButton(self.tr("Show events"))
        self.events.clicked.connect(self.show_events_clicked)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(20, 10, 20, 10)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.more)
        lay.addWidget(self.events)
        lay.addWidget(self.ack)
        self._beeper = QTimer(self, interval=self.BEEP_EVERY_MS)
        self._beeper.timeout.connect(self._beep)
        self.current: OpenAlarm | None = None
        self.refresh()

    def describe(self, a: OpenAlarm) -> str:
        cv = self.state.channels.get(a.who)
        name = cv.name if cv else (self.state.devices[a.who].name
                                   if a.who in self.state.devices else a.who)
        if a.kind == "alarm.start":
            head = self.tr("DEVIATION")
        elif a.kind == "sensor.lost":
            head = self.tr("SENSOR LOST")
        else:
            head = self.tr("DEVICE LOST")
        value = ""
        if cv is not None and cv.value is not None and a.kind == "alarm.start":
            value = f" {cv.value:g} {cv.unit}"
        return (f"{head}: {name}{value} — {side_text(a.side)} · "
                + self.tr("since %1").replace("%1", clock_time(a.ts, self.tz)))

    def refresh(self) -> None:
        unacked = self.state.unacknowledged()
        open_ = list(self.state.open_alarms.values())
        if unacked:
            self.current = unacked[0]
            self.text.setText("▲ " + self.describe(self.current))
            self.more.setText(self.tr("+%1 more").replace("%1", str(len(unacked) - 1))
                              if len(unacked) > 1 else "")
            self.ack.show()
            self._style(theme.ALARM, "white", 20)
            if not self._beeper.isActive():
                self._beeper.start()
            self.show()
        elif open_:
            self.current = None
            first = min(open_, key=lambda a: a.ts)
            self.text.setText(self.tr("Acknowledged, still open: ") + self.describe(first))
            self.more.setText(self.tr("+%1 more").replace("%1", str(len(open_) - 1))
                              if len(open_) > 1 else "")
            self.ack.hide()
            self._style("#fff4e5", theme.WARN, 17)
            self._beeper.stop()
            self.show()
        else:
            self.current = None
            self._beeper.stop()
            self.hide()

    def _style(self, bg: str, fg: str, size: int) -> None:
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; }} QFrame#banner QLabel {{ color: {fg};"
            f" font-size: {size}px; font-weight: 700; }}")

    def alarm_raised(self) -> None:
        """A new alarm: sound now (and every few seconds until acknowledged)."""
        self.refresh()
        self._beep()

    def _beep(self) -> None:
        self.beeps += 1
        QApplication.beep()

    def _ack(self) -> None:
        if self.current is not None:
            self.acknowledge_clicked.emit(self.current)
