"""Trends: live and historical charts of one or several channels, with limits and events.

History comes from `Store.downsample` on a worker thread with its own read-only store, so
a zoom over 30 days of 1 Hz data reads a few thousand rollup rows and the GUI never
waits. Each bucket is drawn as a min–max stroke, so a short spike is never averaged away.
While "Live" is on, new readings from the engine are appended as they arrive.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui import theme
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.display_format import kind_text
from deungdae.desktop.ui.plant_state import PlantState
from deungdae.hardware.reading import Reading

HOUR = 3_600_000
RANGES = [("1 h", HOUR), ("24 h", 24 * HOUR), ("7 d", 7 * 24 * HOUR), ("30 d", 30 * 24 * HOUR)]
# a sensor swapped, re-mapped or re-scaled under a channel: its values before and after
# come from different inputs, so the moment is drawn as a labelled line
CHANGE_KINDS = ("device.replaced", "device.mapped", "device.scaled")
MARKED_KINDS = ("alarm.start", "alarm.end", "sensor.lost", "sensor.restored", "device.lost",
                "device.restored", "alarm.ack", "corrective.action", "signoff", *CHANGE_KINDS)
EVENT_COLOURS = {"alarm.start": theme.ALARM, "sensor.lost": theme.ALARM,
                 "device.lost": theme.ALARM, "alarm.end": theme.OK,
                 "sensor.restored": theme.OK, "device.restored": theme.OK}
MAX_EVENT_MARKS = 300

pg.setConfigOptions(antialias=False, background="w", foreground=theme.INK)


def envelope(buckets) -> tuple[np.ndarray, np.ndarray]:
    """Buckets -> x (s) and y arrays drawing each bucket as a min–max stroke."""
    n = len(buckets)
    if n == 0:
        return np.empty(0), np.empty(0)
    arr = np.array([(b.ts, b.vmin, b.vmax) for b in buckets], dtype=float)
    x = np.repeat(arr[:, 0] / 1000.0, 2)
    y = np.empty(2 * n)
    y[0::2] = arr[:, 1]
    y[1::2] = arr[:, 2]
    return x, y


class CustomRangeDialog(QDialog):
    """A chart range typed as the site's local time (never the PC's zone); an end that
    is not after the start is refused with a message, not silently swapped."""

    def __init__(self, t0: int, t1: int, parent=None, tz: ZoneInfo | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Custom range"))
        self.tz = tz or ZoneInfo("UTC")
        self.start = QDateTimeEdit(self._local(t0))
        self.end = QDateTimeEdit(self._local(t1))
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {theme.ALARM}; font-weight: 600;")
        form = QFormLayout(self)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _local(self, ms: int) -> QDateTime:
        """The wall-clock time at the site, as a zone-less value for the editor."""
        dt = datetime.fromtimestamp(ms / 1000, self.tz)
        return QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute))

    def _ms(self, edit: QDateTimeEdit) -> int:
        d, t = edit.date(), edit.time()
        dt = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.tz)
        return int(dt.timestamp() * 1000)

    def range_ms(self) -> tuple[int, int]:
        return self._ms(self.start), self._ms(self.end)

    def accept(self) -> None:
        t0, t1 = self.range_ms()
        if t1 <= t0:
            self.problem.setText(self.tr("The end must be after the start."))
            return
        super().accept()


class ChartPage(QWidget):
    rendered = Signal(float)  # ms from the range change to the data on screen

    def __init__(self, state: PlantState, db_path: Path, tz, now_ms, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trends"))
        self.state = state
        self.tz = tz
        self.now_ms = now_ms
        self.jobs = Background(db_path, "charts", self)
        self.jobs.failed.connect(self._show_error)
        self.span = HOUR
        self.live = True
        self._seq = 0
        self._asked_at = 0.0
        self._setting_range = False
        self._history: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._tail: dict[str, list[tuple[float, float]]] = {}
        self._history_end: dict[str, float] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._marks: list = []
        self._limit_lines: list = []

        # ---- channel picker
        self.picker = QListWidget()
        self.picker.setMinimumWidth(230)
        self.picker.setMaximumWidth(300)
        self._fill_picker([next(iter(state.channels), "")])
        self.picker.itemChanged.connect(lambda _item: self.reload())

        # ---- range buttons
        bar = QHBoxLayout()
        self.range_group = QButtonGroup(self)
        self.range_buttons: list[QPushButton] = []
        for label, span in RANGES:
            b = QPushButton(label)
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, s=span: self.show_last(s))
            self.range_group.addButton(b)
            self.range_buttons.append(b)
            bar.addWidget(b)
        self.range_buttons[0].setChecked(True)
        custom = QPushButton(self.tr("Custom…"))
        custom.clicked.connect(self._custom)
        bar.addWidget(custom)
        self.live_box = QCheckBox(self.tr("Live"))
        self.live_box.setChecked(True)
        self.live_box.toggled.connect(self._live_toggled)
        bar.addWidget(self.live_box)
        bar.addStretch(1)
        self.info = QLabel()
        self.info.setProperty("role", "muted")
        bar.addWidget(self.info)

        # ---- plot
        offset = -int(datetime.now(tz).utcoffset().total_seconds())
        axis = pg.DateAxisItem(orientation="bottom", utcOffset=offset)
        self.plot = pg.PlotWidget(axisItems={"bottom": axis})
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.addLegend(offset=(10, 10))
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.getPlotItem().getViewBox().sigXRangeChanged.connect(self._user_range)
        for ax in ("left", "bottom"):
            self.plot.getAxis(ax).setTextPen(theme.INK)

        right = QVBoxLayout()
        right.addLayout(bar)
        right.addWidget(self.plot, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addWidget(self.picker)
        lay.addLayout(right, 1)

        self._debounce = QTimer(self, singleShot=True, interval=40)
        self._debounce.timeout.connect(self._fetch)
        self._follow = QTimer(self, interval=1000)
        self._follow.timeout.connect(self._follow_now)
        self._follow.start()
        self._refetch = QTimer(self, interval=10_000)
        self._refetch.timeout.connect(lambda: self.live and self.isVisible() and self._fetch())
        self._refetch.start()
        self.t1 = now_ms()
        self.t0 = self.t1 - self.span
        self._apply_range()
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.live:
            self.show_last(self.span)
        else:
            self.reload()

    def _fill_picker(self, checked: list[str]) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for i, (key, cv) in enumerate(self.state.channels.items()):
            item = QListWidgetItem(f"{cv.name}" + (f"  [{cv.unit}]" if cv.unit else ""))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in checked else
                               Qt.CheckState.Unchecked)
            item.setForeground(QColor(theme.SERIES[i % len(theme.SERIES)]))
            item.setSizeHint(QSize(0, 44))
            self.picker.addItem(item)
        self.picker.blockSignals(False)

    def sync_channels(self) -> None:
        """Follow a live device change: new channels listed, removed ones gone (a removed
        channel's history is still in the record; the list shows what is configured)."""
        keep = [k for k in self.selected() if k in self.state.channels]
        for key in [k for k in self.curves if k not in self.state.channels]:
            self.plot.removeItem(self.curves.pop(key))
        self._fill_picker(keep)
        self.reload()

    # ------------------------------------------------------------------ selection
    def selected(self) -> list[str]:
        out = []
        for i in range(self.picker.count()):
            item = self.picker.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def select(self, keys: list[str]) -> None:
        self.picker.blockSignals(True)
        for i in range(self.picker.count()):
            item = self.picker.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in keys else Qt.CheckState.Unchecked)
        self.picker.blockSignals(False)
        self.reload()

    def _colour(self, key: str) -> str:
        keys = list(self.state.channels)
        return theme.SERIES[keys.index(key) % len(theme.SERIES)]

    # ------------------------------------------------------------------ ranges
    def show_last(self, span_ms: int) -> None:
        self.span = span_ms
        self.t1 = self.now_ms()
        self.t0 = self.t1 - span_ms
        self.live_box.setChecked(True)
        self._apply_range()
        self._ask(immediate=True)

    def show_range(self, t0: int, t1: int) -> None:
        self.live_box.setChecked(False)
        self.t0, self.t1 = t0, t1
        self.span = t1 - t0
        for b in self.range_buttons:
            b.setChecked(False)
        self._apply_range()
        self._ask(immediate=True)

    def _custom(self) -> None:
        dlg = CustomRangeDialog(self.t0, self.t1, self, self.tz)
        if dlg.exec():
            t0, t1 = dlg.range_ms()
            if t1 > t0:
                self.show_range(t0, t1)

    def _live_toggled(self, on: bool) -> None:
        self.live = on
        if on:
            self.show_last(self.span)

    def _apply_range(self) -> None:
        self._setting_range = True
        self.plot.setXRange(self.t0 / 1000, self.t1 / 1000, padding=0)
        self._setting_range = False

    def _user_range(self, _vb, rng) -> None:
        if self._setting_range:
            return
        t0, t1 = int(rng[0] * 1000), int(rng[1] * 1000)
        if (t0, t1) == (self.t0, self.t1):
            return
        self.t0, self.t1 = t0, t1
        self.span = t1 - t0
        if self.live and self.now_ms() - t1 > 0.05 * self.span:
            self.live_box.blockSignals(True)
            self.live_box.setChecked(False)
            self.live_box.blockSignals(False)
            self.live = False
        self._ask()

    def _follow_now(self) -> None:
        if not self.live or not self.isVisible():
            return
        self.t1 = self.now_ms()
        self.t0 = self.t1 - self.span
        self._apply_range()
        self._draw()

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        self._ask(immediate=True)

    def _ask(self, immediate: bool = False) -> None:
        self._asked_at = time.perf_counter()
        if immediate:
            self._fetch()
        else:
            self._debounce.start()

    def _fetch(self) -> None:
        self._seq += 1
        seq = self._seq
        keys = self.selected()
        t0, t1 = self.t0, self.t1
        width = max(400, self.plot.width())
        if self.live:
            t1 = max(t1, self.now_ms()) + 1

        def job():
            store = self.jobs.reader()
            ids = {c.key: c.id for c in store.channels()}
            data = {}
            for key in keys:
                if key in ids:
                    data[key] = envelope(store.downsample(ids[key], t0, t1, width))
            events = store.events(t0, t1, kinds=MARKED_KINDS, limit=MAX_EVENT_MARKS)
            if keys:
                events = [e for e in events if e.channel is None or e.channel in keys]
            return seq, keys, data, events

        self.jobs.submit(job, self._got)

    def _got(self, result) -> None:
        seq, keys, data, events = result
        if seq != self._seq:
            return  # a newer request is on its way
        self._history = data
        for key, (x, _y) in data.items():
            end = float(x[-1]) if len(x) else 0.0
            self._history_end[key] = end
            self._tail[key] = [p for p in self._tail.get(key, []) if p[0] > end]
        self._sync_curves(keys)
        self._draw()
        self._draw_limits(keys)
        self._draw_events(events)
        self.plot.repaint()
        elapsed = (time.perf_counter() - self._asked_at) * 1000
        self.info.setText(self.tr("%1 points").replace(
            "%1", f"{sum(len(x) for x, _ in data.values()) // 2:,}"))
        self.rendered.emit(elapsed)

    def add_readings(self, readings: list[Reading]) -> None:
        if not self.live:
            return
        shown = set(self.curves)
        for r in readings:
            if r.channel in shown and r.value is not None:
                t = r.ts / 1000
                if t > self._history_end.get(r.channel, 0.0):
                    tail = self._tail.setdefault(r.channel, [])
                    tail.append((t, r.value))
                    if len(tail) > 20_000:
                        del tail[:10_000]

    def _sync_curves(self, keys: list[str]) -> None:
        for key in list(self.curves):
            if key not in keys:
                self.plot.removeItem(self.curves.pop(key))
        for key in keys:
            if key not in self.curves:
                cv = self.state.channels[key]
                name = cv.name + (f" ({cv.unit})" if cv.unit else "")
                curve = self.plot.plot([], [], pen=pg.mkPen(self._colour(key), width=2),
                                       name=name)
                curve.setClipToView(True)
                curve.setSkipFiniteCheck(True)
                self.curves[key] = curve

    def _draw(self) -> None:
        for key, curve in self.curves.items():
            x, y = self._history.get(key, (np.empty(0), np.empty(0)))
            tail = self._tail.get(key)
            if tail:
                tx, ty = np.array(tail).T
                x, y = np.concatenate([x, tx]), np.concatenate([y, ty])
            curve.setData(x, y)

    def _draw_limits(self, keys: list[str]) -> None:
        for item in self._limit_lines:
            self.plot.removeItem(item)
        self._limit_lines = []
        for key in keys:
            cv = self.state.channels[key]
            for side, val in (("high", cv.high), ("low", cv.low)):
                if val is None:
                    continue
                label = (self.tr("High limit %1") if side == "high"
                         else self.tr("Low limit %1")).replace("%1", f"{val:g} {cv.unit}")
                line = pg.InfiniteLine(
                    pos=val, angle=0, movable=False,
                    pen=pg.mkPen(theme.ALARM, width=2, style=Qt.PenStyle.DashLine),
                    label=label, labelOpts={"position": 0.03, "color": theme.ALARM,
                                            "anchors": [(0, 1), (0, 1)] if side == "high"
                                            else [(0, 0), (0, 0)]})
                self.plot.addItem(line, ignoreBounds=False)
                self._limit_lines.append(line)

    def _draw_events(self, events) -> None:
        for item in self._marks:
            self.plot.removeItem(item)
        self._marks = []
        # one line per change even when it touched several shown channels
        seen: set[tuple[int, str]] = set()
        for ev in events[-MAX_EVENT_MARKS:]:
            if ev.kind in CHANGE_KINDS:
                if (ev.ts, ev.kind) in seen:
                    continue
                seen.add((ev.ts, ev.kind))
                title = self.change_title(ev.kind)
                # the label on the side of the line with room (recent changes: its left)
                side = 1 if ev.ts > (self.t0 + self.t1) / 2 else 0
                line = pg.InfiniteLine(
                    pos=ev.ts / 1000, angle=90, movable=False,
                    pen=pg.mkPen(theme.WARN, width=2, style=Qt.PenStyle.DashLine),
                    label="⇄ " + title, labelOpts={"position": 0.92, "color": theme.WARN,
                                                   "fill": "#ffffffcc",
                                                   "anchors": [(side, 0.5), (side, 0.5)]})
                line.setToolTip(f"{title}: {ev.message}")
            else:
                colour = EVENT_COLOURS.get(ev.kind, theme.INFO)
                line = pg.InfiniteLine(pos=ev.ts / 1000, angle=90, movable=False,
                                       pen=pg.mkPen(colour, width=1,
                                                    style=Qt.PenStyle.DotLine))
                line.setToolTip(f"{kind_text(ev.kind)}: {ev.message}")
            self.plot.addItem(line, ignoreBounds=True)
            self._marks.append(line)

    def change_title(self, kind: str) -> str:
        """What a device-change marker says (values on either side differ in source)."""
        return {"device.replaced": self.tr("Sensor replaced"),
                "device.mapped": self.tr("Input changed"),
                "device.scaled": self.tr("Scaling changed")}.get(kind, kind)

    def change_marks(self) -> list[str]:
        """The labels of the device-change markers drawn now (for tests and checks)."""
        return [m.label.format for m in self._marks if getattr(m, "label", None) is not None]

    def _show_error(self, text: str) -> None:
        self.info.setText(self.tr("Could not load history: %1").replace("%1", text))

    def close_jobs(self) -> None:
        self._follow.stop()
        self._refetch.stop()
        self.jobs.close()

