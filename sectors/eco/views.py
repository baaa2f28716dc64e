"""The eco sector's page: live power with the running window's forecast, the month's peak
so far, and energy by meter per day (this month), built from `desktop.ui.kit` only.

Live figures come from the readings the engine hands the window (the demand meter's
power and `eco.demand_forecast_kw`, as the rule made them); the month's peak and the
daily table are read from the record on the host's read worker (`report_data.figures`,
the same figures the monthly report prints), so the page and the report never disagree.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QTableWidgetItem, QWidget

from deungdae.desktop.ui.kit import (
    Page,
    SectorHost,
    alive,
    data_table,
    muted_label,
    theme,
    title_label,
)
from deungdae.records.store import Store
from deungdae.sectors.eco import report_data as rd
from deungdae.sectors.eco.rules import FORECAST_KW, OVER_TARGET, WINDOW_END

RELOAD_MS = 60_000


def _figure(caption: str) -> tuple[QFrame, QLabel, QLabel]:
    box = QFrame()
    box.setObjectName("ecofig")
    box.setStyleSheet(f"QFrame#ecofig {{ background: {theme.CARD}; border: 1px solid "
                      f"{theme.LINE}; border-radius: 8px; }}")
    grid = QGridLayout(box)
    cap = QLabel(caption)
    cap.setStyleSheet(f"color: {theme.MUTED}; font-size: 14px;")
    value = QLabel("—")
    value.setStyleSheet("font-size: 30px; font-weight: 700;")
    note = QLabel("")
    note.setWordWrap(True)
    note.setStyleSheet(f"color: {theme.MUTED}; font-size: 13px;")
    grid.addWidget(cap, 0, 0)
    grid.addWidget(value, 1, 0)
    grid.addWidget(note, 2, 0)
    return box, value, note


class EnergyPage(Page):
    """Power now, where the running 15-minute window is heading, the month so far."""

    incident_kinds = (OVER_TARGET,)

    def __init__(self, shell: SectorHost, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Energy"), parent)  # the navigation label: short
        self.shell = shell
        try:
            self.plant: rd.Plant | None = rd.plant(shell.site_config)
        except ValueError:
            self.plant = None
        s = self.plant.settings if self.plant else None
        d = s.demand if s else None
        self.power_key = s.meter(d.meter).power if s and d else None
        self.target = d.target_kw if d else None
        self.body.addWidget(title_label(self.tr("Energy and peak demand")))
        row = QGridLayout()
        b1, self.power, self.power_note = _figure(self.tr("Power now"))
        b2, self.forecast, self.forecast_note = _figure(
            self.tr("15-minute window forecast"))
        b3, self.peak, self.peak_note = _figure(self.tr("Month's peak so far"))
        for i, b in enumerate((b1, b2, b3)):
            row.addWidget(b, 0, i)
        self.body.addLayout(row)
        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.state.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.body.addWidget(self.state)
        self.body.addWidget(QLabel(self.tr("Energy by meter per day (this month)")))
        meters = list(s.meters) if s else []
        self.meter_ids = [m.id for m in meters]
        self.table = data_table([self.tr("Day")] + [f"{m.name} ({m.unit})" for m in meters])
        self.body.addWidget(self.table, 1)
        self.note = muted_label(self.tr(
            "Daily figures are the sums the monthly report prints: intervals ending that "
            "day, counter-proved or estimated from power."))
        self.body.addWidget(self.note)
        if self.plant is None:
            self.state.setText(self.tr("The eco settings of this site have problems; "
                                       "see the site check."))
        self._forecast: tuple[int, float] | None = None
        shell.readings_arrived.connect(self._on_readings)
        shell.events_arrived.connect(self._on_events)
        self._timer = QTimer(self, interval=RELOAD_MS)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        self.warned_window: int | None = None
        self.reload()

    # -- live -------------------------------------------------------------------------
    def _on_readings(self, readings: list) -> None:
        if not alive(self):
            return
        for r in readings:
            if r.value is None:
                continue
            if r.channel == self.power_key:
                self.power.setText(f"{r.value:,.1f} kW")
            elif r.channel == FORECAST_KW:
                self._forecast = (r.ts, r.value)
        if self._forecast is not None:
            self._show_forecast(*self._forecast)

    def _show_forecast(self, ts: int, kw: float) -> None:
        self.forecast.setText(f"{kw:,.1f} kW")
        tz = self.shell.tz
        local = dt.datetime.fromtimestamp(ts / 1000, tz)
        start = local.replace(minute=local.minute - local.minute % 15, second=0,
                              microsecond=0)
        left = 15 * 60 - (local - start).total_seconds()
        self.forecast_note.setText(
            self.tr("window %1–%2, %3 min left").replace("%1", f"{start:%H:%M}")
            .replace("%2", f"{start + dt.timedelta(minutes=15):%H:%M}")
            .replace("%3", f"{max(0.0, left) / 60:.0f}"))
        if self.target is None:
            return
        over = kw >= self.target
        colour = theme.WARN if over else theme.OK
        self.forecast.setStyleSheet(f"font-size: 30px; font-weight: 700; color: {colour};")
        self.state.setStyleSheet(f"font-size: 16px; font-weight: 600; color: {colour};")
        self.state.setText(
            (self.tr("Forecast over the target of %1 kW: shed load now")
             if over else self.tr("Within the target of %1 kW"))
            .replace("%1", f"{self.target:,.0f}"))

    def _on_events(self, events: list) -> None:
        if alive(self) and any(e.kind in (OVER_TARGET, WINDOW_END) for e in events):
            self.reload()

    # -- from the record ---------------------------------------------------------------
    def reload(self) -> None:
        if self.plant is None:
            return
        plant = self.plant
        now = self.shell.now_ms()
        local = dt.datetime.fromtimestamp(now / 1000, plant.tz)
        m0 = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        t0 = int(m0.timestamp() * 1000)
        t1 = int((m0.replace(year=m0.year + (m0.month == 12), month=m0.month % 12 + 1))
                 .timestamp() * 1000)

        def job(store: Store) -> rd.Figures:
            return rd.figures(store, plant, t0, t1)

        self.shell.read(job, self._show)

    def _show(self, f: rd.Figures) -> None:
        if not alive(self):
            return
        d = f.demand
        if d is not None and d.peak_kw is not None and d.peak_window_ms is not None:
            at = dt.datetime.fromtimestamp(d.peak_window_ms / 1000, self.shell.tz)
            self.peak.setText(f"{d.peak_kw:,.1f} kW")
            self.peak_note.setText(
                self.tr("window from %1; billing demand %2 kW").replace(
                    "%1", f"{at:%m-%d %H:%M}").replace("%2", f"{d.billing_kw:,.0f}"))
        days = [(day, v) for day, v in f.daily if any(v.values())]
        self.table.setRowCount(len(days))
        for r, (day, vals) in enumerate(days):
            self.table.setItem(r, 0, QTableWidgetItem(day.isoformat()))
            for c, mid in enumerate(self.meter_ids, start=1):
                item = QTableWidgetItem(f"{vals.get(mid, 0.0):,.2f}")
                self.table.setItem(r, c, item)


def pages(shell: SectorHost) -> list[QWidget]:
    return [EnergyPage(shell)]
