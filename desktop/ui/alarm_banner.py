"""The banner across the top: loud (red, beeping) while any alarm is unacknowledged,
amber and quiet while acknowledged alarms are still open, hidden when all is well.

It shows every sector's incidents, not only the shell's channel alarms: an incident of
a `critical` kind (a CCP deviation) is loudest (first, darker, beeping twice as often),
and its button opens the page that handles it (the sector's lifecycle records the
acknowledgement there, with what that sector asks for)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton

from deungdae.desktop.ui import theme
from deungdae.desktop.ui.display_format import clock_time, side_text, ui_language
from deungdae.desktop.ui.plant_state import KINDS, OpenAlarm, PlantState
from deungdae.sectors.api.incidents import Incident

RANK = {"info": 0, "warning": 1, "alarm": 2, "critical": 3}
CRITICAL_BG = "#8e1010"  # darker than ALARM: the loudest state the window has


def loudest_first(incidents: list[Incident]) -> list[Incident]:
    return sorted(incidents, key=lambda i: (-RANK.get(i.severity, 0), i.opened.ts))

try:  # QtMultimedia is not in PySide6-Essentials; the system beep is the fallback
    from PySide6.QtMultimedia import QSoundEffect  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the installed wheel
    QSoundEffect = None


class AlarmBanner(QFrame):
    acknowledge_clicked = Signal(object)  # OpenAlarm
    open_incident_clicked = Signal(object)  # Incident (a sector's)
    show_events_clicked = Signal()

    BEEP_EVERY_MS = 5000
    CRITICAL_BEEP_EVERY_MS = 2500

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
        lay.setContentsMargins(20, 6, 20, 6)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.more)
        lay.addWidget(self.events)
        lay.addWidget(self.ack)
        self._beeper = QTimer(self, interval=self.BEEP_EVERY_MS)
        self._beeper.timeout.connect(self._beep)
        self.current: OpenAlarm | None = None
        self.current_incident: Incident | None = None
        # what an incident is about, from the sector page handling it (set by the window)
        self.details: Callable[[Incident], str] = lambda _inc: ""
        self.calm: QLabel | None = None  # shown in the banner's place while it is hidden
        self.refresh()

    def subject_name(self, who: str) -> str:
        cv = self.state.channels.get(who)
        if cv is not None:
            return cv.name
        dv = self.state.devices.get(who)
        return dv.name if dv is not None else who

    def describe_incident(self, inc: Incident) -> str:
        """"CCP deviation: Cream room — since 14:05" in the window's language."""
        head = inc.kind.title(ui_language())
        what = self.details(inc)
        if not what:  # the sector says nothing more: the channel and its value now
            what = self.subject_name(inc.subject)
            cv = self.state.channels.get(inc.subject)
            if cv is not None and cv.value is not None:
                what += f" {cv.value:g} {cv.unit}".rstrip()
        return (f"{head}: {what} · "
                + self.tr("since %1").replace("%1", clock_time(inc.opened.ts, self.tz)))

    def describe(self, a: OpenAlarm) -> str:
        cv = self.state.channels.get(a.who)
        name = cv.name if cv else (self.state.devices[a.who].name
                                   if a.who in self.state.devices else a.who)
        if a.kind not in ("alarm.start", "sensor.lost", "device.lost"):
            # a sector's kind closed by an event (a stop needing a reason, a band left):
            # its side is the kind's match values (a band key, a time in ms), not words
            inc = next((i for i in self.state.incidents if (a.event_id is not None and i.id == a.event_id) or (
                i.kind.kind == a.kind and i.opened.ts == a.ts and i.subject == a.who)), None)
            if inc is not None:
                return self.describe_incident(inc)
            decl = KINDS.get(a.kind)
            head = decl.title(ui_language()) if decl is not None else a.kind
            return (f"{head}: {name} · "
                    + self.tr("since %1").replace("%1", clock_time(a.ts, self.tz)))
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
        others = loudest_first(self.state.other_incidents())
        waiting = [i for i in others if i.stage == "open"]  # nobody acknowledged it yet
        critical = [i for i in waiting if i.severity == "critical"]
        self.current, self.current_incident = None, None
        if critical or unacked or waiting:
            if critical or not unacked:
                self.current_incident = (critical or waiting)[0]
                text = self.describe_incident(self.current_incident)
                self.ack.setText(self.tr("Open page"))
            else:
                self.current = unacked[0]
                text = self.describe(self.current)
                self.ack.setText(self.tr("Acknowledge"))
            rest = len(unacked) + len(waiting) - 1
            self.text.setText("▲ " + text)
            self.more.setText(self.tr("+%1 more").replace("%1", str(rest)) if rest else "")
            self.ack.show()
            if critical:
                self._style(CRITICAL_BG, "white", 22)
            else:
                self._style(theme.ALARM, "white", 20)
            every = self.CRITICAL_BEEP_EVERY_MS if critical else self.BEEP_EVERY_MS
            if self._beeper.interval() != every:
                self._beeper.setInterval(every)
            if not self._beeper.isActive():
                self._beeper.start()
            self.show()
        elif open_ or others:
            n = len(open_) + len(others)
            text = (self.describe_incident(others[0]) if others
                    else self.describe(min(open_, key=lambda a: a.ts)))
            self.text.setText(self.tr("Acknowledged, still open: ") + text)
            self.more.setText(self.tr("+%1 more").replace("%1", str(n - 1)) if n > 1 else "")
            self.ack.hide()
            self._style("#fff4e5", theme.WARN, 17)
            self._beeper.stop()
            self.show()
        else:
            self._beeper.stop()
            self.hide()
        if self.calm is not None:
            self.calm.setVisible(self.isHidden())

    @property
    def loud(self) -> bool:
        """Beeping: something nobody has acknowledged yet."""
        return self._beeper.isActive()

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
        if self.current_incident is not None:
            self.open_incident_clicked.emit(self.current_incident)
        elif self.current is not None:
            self.acknowledge_clicked.emit(self.current)
