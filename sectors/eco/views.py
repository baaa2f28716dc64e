"""The eco sector's pages, built from `desktop.ui.kit` only:

- Energy: live power with the running window's forecast, the month's peak so far, and
  energy by meter per day (this month);
- GHG: a month's emissions by scope with the factors the record says were applied, and
  intensity (kWh and tCO2eq per unit produced) by month against the baseline;
- Entries: waste (kg by type and disposal route), fuel deliveries, production output and
  meter replacements (old final and new first reading, by whom, why), through the
  sector's writer functions (`records.record_*`) as the signed-in user.

Live figures come from the readings the engine hands the window (the demand meter's
power and `eco.demand_forecast_kw`, as the rule made them); everything else is read from
the record on the host's read worker with the reports' own functions
(`report_data.figures` for a month, `report_data.annual` for the months and the
baseline), so the page and the report never disagree. Rows hold keys; the page says
them in the window's language.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui.kit import (
    BarPlot,
    EntryWriter,
    Page,
    SectorHost,
    alive,
    data_table,
    muted_label,
    theme,
    title_label,
)
from deungdae.records.layout import BAD_QUALITY
from deungdae.records.store import Store
from deungdae.sectors.api.names import local_name
from deungdae.sectors.eco import records as rec
from deungdae.sectors.eco import report_data as rd
from deungdae.sectors.eco import report_text as tx
from deungdae.sectors.eco.config import Settings
from deungdae.sectors.eco.ghg import FactorError
from deungdae.sectors.eco.rules import (
    BILLING_PEAK,
    COUNTER_GAP,
    FACTORS,
    FORECAST_KW,
    METER_REPLACED,
    METER_RESET,
    OVER_TARGET,
    WINDOW_END,
    energy_key,
)
from deungdae.sectors.eco.words import CONTRACTS, FUELS, REASONS, ROUTES, WASTE_TYPES, word

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
        self.table = data_table([self.tr("Day")] + [
            f"{bilingual(m.name, shell.language)} ({m.unit})" for m in meters])
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

    def describe_event(self, row) -> str:
        """An eco event row in the window's language, from its data ("" if unreadable)."""
        data = row.data if isinstance(row.data, dict) else {}
        s = self.plant.settings if self.plant else None

        def kw(v: object) -> str:
            return f"{v:,.1f} kW" if isinstance(v, int | float) else "?"

        def val(v: object) -> str:
            return f"{v:g}" if isinstance(v, int | float) else "?"

        def meter() -> str:
            m = next((x for x in s.meters if x.id == data.get("meter")), None) if s else None
            return bilingual(m.name, self.shell.language) if m else str(data.get("meter", ""))

        def window() -> str:
            w = data.get("window")
            if not isinstance(w, int):
                return ""
            return dt.datetime.fromtimestamp(w / 1000, self.shell.tz).strftime("%H:%M")

        kind = row.kind
        if kind == OVER_TARGET:
            return self.tr("Window from %1: forecast %2, target %3").replace(
                "%1", window()).replace("%2", kw(data.get("forecast_kw"))).replace(
                "%3", kw(data.get("target_kw")))
        if kind == WINDOW_END:
            return self.tr("Window from %1 ended: average %2 (target %3)").replace(
                "%1", window()).replace("%2", kw(data.get("average_kw"))).replace(
                "%3", kw(data.get("target_kw")))
        if kind == BILLING_PEAK:
            return self.tr("New billing peak %1 (window from %2)").replace(
                "%1", kw(data.get("kw"))).replace("%2", window())
        if kind == COUNTER_GAP:
            a, b = data.get("start_ms"), data.get("end_ms")
            gap = f"{(b - a) / 60000:.0f}" if isinstance(a, int) and isinstance(b, int) else "?"
            text = (self.tr("%1: no counter readings for %2 min") if data.get("quantity")
                    is not None or data.get("provenance") != "missing" else
                    self.tr("%1: no readings for %2 min, energy missing"))
            return text.replace("%1", meter()).replace("%2", gap)
        if kind == METER_RESET:
            return self.tr("%1: the counter went back from %2 to %3").replace(
                "%1", meter()).replace("%2", val(data.get("before"))).replace(
                "%3", val(data.get("after")))
        if kind == METER_REPLACED:
            old, new = data.get("old_final"), data.get("new_initial")
            if isinstance(old, int | float) and isinstance(new, int | float):
                return self.tr("%1: meter replaced (%2 → %3)").replace("%1", meter()).replace(
                    "%2", val(old)).replace("%3", val(new))
            return self.tr("%1: meter replaced").replace("%1", meter())
        if kind == FACTORS and isinstance(data.get("year"), int):
            return self.tr("Emission factors for %1 applied").replace("%1", str(data["year"]))
        return ""
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


# ====================================================================== entries
ENTRY_TABLES = (rec.WASTE, rec.FUEL, rec.PRODUCTION, rec.REPLACEMENT, rec.CONTRACT)
ENTRY_DAYS = 60  # the entries page lists this many days back


bilingual = local_name  # a template's "한국어 (English)" name in the window's language


def fuel_units(settings: Settings, fuel: str, year: int) -> list[str]:
    """Units a delivery of `fuel` may be given in: its NCV's amount unit, and MJ (as a
    city-gas bill is)."""
    try:
        ncv, _efs = settings.factors.fuel(fuel, year)
    except FactorError:
        return []
    out = [ncv.unit.split("/", 1)[1]] if ncv is not None and "/" in ncv.unit else []
    return out + ["MJ"]


def fuels(settings: Settings) -> list[str]:
    """Fuels the factor table can value (an emission factor for them)."""
    have = sorted({f.fuel for f in settings.factors.factors if f.kind == "fuel_ef" and f.fuel})
    return sorted(have, key=lambda k: (k not in FUELS, list(FUELS).index(k) if k in FUELS
                                       else 0, k))


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    kind: str  # number | choice | date | datetime | text
    label: str
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (key, words)
    positive: bool = False  # a number must be > 0 (else >= 0)
    future_ok: bool = False  # a day that may lie ahead (a contract's last day)


class EntryForm(QWidget):
    """The fields of one kind of entry; `values()` parses them or names the wrong one."""

    def __init__(self, table: str, fields: list[Field], tz: ZoneInfo, now_ms) -> None:
        super().__init__()
        self.table, self.fields, self.tz, self.now_ms = table, fields, tz, now_ms
        self.inputs: dict[str, QWidget] = {}
        self.touched = False  # a date or time set by hand is kept until the entry is made
        self._setting = False
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for f in fields:
            if f.kind == "choice":
                w: QWidget = QComboBox()
                for key, text in f.choices:
                    w.addItem(text, key)
            elif f.kind in ("date", "datetime"):
                w = QDateTimeEdit() if f.kind == "datetime" else QDateEdit()
                w.setCalendarPopup(True)
                w.setDisplayFormat("yyyy-MM-dd HH:mm" if f.kind == "datetime"
                                   else "yyyy-MM-dd")
                w.dateTimeChanged.connect(self._touch)
            else:
                w = QLineEdit()
            w.setMinimumHeight(theme.TOUCH)
            self.inputs[f.key] = w
            form.addRow(f.label + ("" if f.required else " " + self.tr("(optional)")), w)
        self.reset_times()

    def _touch(self, *_a) -> None:
        if not self._setting:
            self.touched = True

    def reset_times(self, force: bool = True) -> None:
        """Dates and times to now (the engine's clock), unless set by hand and not forced."""
        if self.touched and not force:
            return
        local = dt.datetime.fromtimestamp(self.now_ms() / 1000, self.tz)
        self._setting = True
        try:
            for f in self.fields:
                w = self.inputs[f.key]
                if isinstance(w, QDateTimeEdit) and f.kind == "datetime":
                    w.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                            QTime(local.hour, local.minute)))
                elif isinstance(w, QDateEdit):
                    w.setDate(QDate(local.year, local.month, local.day))
        finally:
            self._setting = False
        self.touched = False

    def values(self) -> tuple[dict, str]:
        """The parsed values, and '' or the one problem to show (naming the field)."""
        out: dict = {}
        now = self.now_ms()
        for f in self.fields:
            w = self.inputs[f.key]
            if isinstance(w, QComboBox):
                out[f.key] = w.currentData()
                if out[f.key] is None:
                    return {}, self.tr("%1: nothing to choose from").replace("%1", f.label)
            elif isinstance(w, QDateTimeEdit) and f.kind == "datetime":
                d, t = w.date(), w.time()
                ms = int(dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                                     tzinfo=self.tz).timestamp() * 1000)
                if ms > now:
                    return {}, self.tr("%1: cannot be later than now").replace("%1", f.label)
                out[f.key] = ms
            elif isinstance(w, QDateEdit):
                d = w.date()
                day = dt.date(d.year(), d.month(), d.day())
                if not f.future_ok and day > dt.datetime.fromtimestamp(
                        now / 1000, self.tz).date():
                    return {}, self.tr("%1: cannot be later than today").replace(
                        "%1", f.label)
                out[f.key] = day
            else:
                text = w.text().strip()  # type: ignore[attr-defined]
                if not text:
                    if f.required:
                        return {}, self.tr("%1: required").replace("%1", f.label)
                    out[f.key] = None
                    continue
                if f.kind != "number":
                    out[f.key] = text
                    continue
                try:
                    v = float(text.replace(",", ""))
                except ValueError:
                    v = math.nan
                if not math.isfinite(v):
                    return {}, self.tr("%1: enter a number").replace("%1", f.label)
                if v < 0 or (f.positive and v == 0):
                    return {}, (self.tr("%1: must be more than 0") if f.positive
                                else self.tr("%1: must not be negative")).replace(
                        "%1", f.label)
                out[f.key] = v
        return out, ""

    def clear(self) -> None:
        for w in self.inputs.values():
            if isinstance(w, QLineEdit):
                w.clear()
        self.reset_times()


@dataclass(frozen=True, slots=True)
class BelowLast:
    """A swap's old final reading below what the old meter already showed (a typo, most
    likely: the rule could not prove the interval with it)."""

    value: float
    ts: int


def last_register(store: Store, key: str, at: int) -> tuple[int, float] | None:
    """The register's last good reading at or before `at`."""
    try:
        cid = store.channel_id(key)
    except KeyError:
        return None
    got = store.query("SELECT ts, v FROM reading WHERE ch = ? AND ts <= ? AND v IS NOT NULL "
                      "AND (q & ?) = 0 ORDER BY ts DESC LIMIT 1", (cid, at, BAD_QUALITY))
    return (int(got[0][0]), float(got[0][1])) if got else None


def write_entry(writer: EntryWriter, settings: Settings, table: str, v: dict, ts: int,
                user: str, tz: ZoneInfo) -> int | str | BelowLast:
    """One entry on the records worker through the sector's writer functions: the row id,
    or why it was refused (nothing was written)."""
    s = writer.store
    if table == rec.REPLACEMENT.name:
        m = next((x for x in settings.meters if x.id == v["meter"]), None)
        last = last_register(s, m.counter, v["swap_ms"]) if m and m.counter else None
        if m is not None and last is not None and m.modulus is None and \
                v["old_final"] < last[1]:
            return BelowLast(last[1], last[0])
    try:
        if table == rec.WASTE.name:
            return rec.record_waste(s, v["day"], v["waste_type"], v["route"], v["kg"], user,
                                    ts, v.get("note"))
        if table == rec.FUEL.name:
            return rec.record_fuel(s, settings, v["day"], v["fuel"], v["amount"], v["unit"],
                                   user, ts, tz, v.get("supplier"))
        if table == rec.PRODUCTION.name:
            return rec.record_production(s, settings, v["day"], v["product"], v["quantity"],
                                         user, ts)
        if table == rec.CONTRACT.name:
            # the row keeps the day after the last (periods are half-open everywhere)
            return rec.record_contract(s, v["contract"], v["kind"], v["start_day"],
                                       v["last_day"] + dt.timedelta(days=1), v["kwh"],
                                       v["factor"], v["source"], user, ts)
        if table == rec.REPLACEMENT.name:
            return rec.record_replacement(s, writer.append_id, settings, v["meter"],
                                          v["swap_ms"], v["old_final"], v["new_initial"],
                                          user, ts, v.get("new_serial"), v["reason"],
                                          v.get("note"))
    except rec.EntryError as e:
        return str(e)
    return f"unknown entry {table!r}"


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def recent_entries(store: Store, since: int) -> list[tuple[str, dict]]:
    """(table, row) of every entry made since `since`, newest first."""
    out = [(t.name, r) for t in ENTRY_TABLES for r in rec.rows(store, t, "ts >= ?", (since,))]
    return sorted(out, key=lambda x: (x[1]["ts"], x[1]["id"]), reverse=True)


class EntriesPage(Page):
    """What people record by hand: waste, fuel deliveries, production, meter swaps."""

    def __init__(self, shell: SectorHost, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Entries"), parent)
        self.shell = shell
        self.lang = shell.language
        try:
            self.plant: rd.Plant | None = rd.plant(shell.site_config)
        except ValueError:
            self.plant = None
        self.tz = self.plant.tz if self.plant else shell.tz
        self.entry = QComboBox()
        self.entry.setMinimumHeight(theme.TOUCH)
        self.stack = QStackedWidget()
        self.forms: dict[str, EntryForm] = {}
        if self.plant is not None:
            for table, fields in self._field_defs(self.plant.settings).items():
                f = EntryForm(table, fields, self.tz, shell.now_ms)
                self.forms[table] = f
                self.stack.addWidget(f)
                self.entry.addItem(self.entry_title(table), table)
        self.hint = muted_label()
        self.record = QPushButton(self.tr("Record entry"))
        self.record.setProperty("role", "primary")
        self.record.setMinimumHeight(theme.TOUCH)
        self.record.clicked.connect(self.submit)
        self.status = muted_label()
        box = QFrame()
        box.setFixedWidth(520)
        box.setObjectName("ecoform")
        box.setStyleSheet(f"QFrame#ecoform {{ background: {theme.CARD}; border: 1px solid "
                          f"{theme.LINE}; border-radius: 8px; }}")
        inner = QVBoxLayout(box)
        head = QFormLayout()
        head.addRow(self.tr("Entry"), self.entry)
        inner.addLayout(head)
        inner.addWidget(self.stack)
        inner.addWidget(self.hint)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.record)
        inner.addLayout(row)
        inner.addStretch(1)
        self.table = data_table([self.tr("Recorded"), self.tr("Entry"), self.tr("Details"),
                                 self.tr("By")], (2,))
        self.table.setWordWrap(True)
        self.body.addWidget(title_label(self.tr("Waste, fuel, production and meter swaps")))
        self.body.addWidget(muted_label(self.tr(
            "Each entry is kept in the record with your name and the time; it cannot be "
            "changed afterwards. Enter a correction as a new entry. The monthly report "
            "counts each entry in the month of its day.")))
        if self.plant is None:
            self.body.addWidget(muted_label(self.tr(
                "The eco settings of this site have problems; see the site check.")))
        split = QHBoxLayout()
        split.setSpacing(12)
        split.addWidget(box)
        split.addWidget(self.table, 1)
        self.body.addLayout(split, 1)
        self.entry.currentIndexChanged.connect(self._entry_changed)
        fuel = self.forms.get(rec.FUEL.name)
        if fuel is not None:
            fuel.inputs["fuel"].currentIndexChanged.connect(self._fuel_changed)  # type: ignore[attr-defined]
            self._fuel_changed()
        shell.recorded.connect(self._on_recorded)
        self._entry_changed()
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Coming back to the page: days and times not set by hand follow the clock."""
        super().showEvent(event)
        for f in self.forms.values():
            f.reset_times(force=False)
        self.reload()

    # ------------------------------------------------------------------ fields
    def _field_defs(self, s: Settings) -> dict[str, list[Field]]:
        lang = self.lang
        year = dt.datetime.fromtimestamp(self.shell.now_ms() / 1000, self.tz).year
        counters = [m for m in s.meters if m.counter]
        return {
            rec.WASTE.name: [
                Field("day", "date", self.tr("Day")),
                Field("waste_type", "choice", self.tr("Waste type"),
                      choices=tuple((k, word(WASTE_TYPES, k, lang)) for k in WASTE_TYPES)),
                Field("route", "choice", self.tr("Disposal route"),
                      choices=tuple((k, word(ROUTES, k, lang)) for k in rec.ROUTES)),
                Field("kg", "number", self.tr("Weight (kg)"), positive=True),
                Field("note", "text", self.tr("Note"), False)],
            rec.FUEL.name: [
                Field("day", "date", self.tr("Delivery day")),
                Field("fuel", "choice", self.tr("Fuel"),
                      choices=tuple((k, word(FUELS, k, lang)) for k in fuels(s))),
                Field("amount", "number", self.tr("Amount"), positive=True),
                Field("unit", "choice", self.tr("Unit"),
                      choices=tuple((u, u) for u in fuel_units(s, (fuels(s) or [""])[0],
                                                              year))),
                Field("supplier", "text", self.tr("Supplier"), False)],
            rec.PRODUCTION.name: [
                Field("day", "date", self.tr("Production day")),
                Field("product", "choice", self.tr("What was produced"),
                      choices=tuple((p.id, f"{bilingual(p.name, lang)} ({p.unit})")
                                    for p in s.products)),
                Field("quantity", "number", self.tr("Quantity produced"))],
            rec.REPLACEMENT.name: [
                Field("meter", "choice", self.tr("Meter"),
                      choices=tuple((m.id, f"{bilingual(m.name, lang)} ({m.unit})")
                                    for m in counters)),
                Field("swap_ms", "datetime", self.tr("Replaced at")),
                Field("old_final", "number", self.tr("Old meter's final reading")),
                Field("new_initial", "number", self.tr("New meter's first reading")),
                Field("reason", "choice", self.tr("Reason for replacing"),
                      choices=tuple((k, word(REASONS, k, lang)) for k in REASONS)),
                Field("new_serial", "text", self.tr("New meter's serial number"), False),
                Field("note", "text", self.tr("Note"), False)],
            rec.CONTRACT.name: [
                Field("contract", "text", self.tr("Contract or certificate number")),
                Field("kind", "choice", self.tr("Kind of renewable electricity"),
                      choices=tuple((k, word(CONTRACTS, k, lang)) for k in rec.CONTRACT_KINDS)),
                Field("start_day", "date", self.tr("First day it covers"), future_ok=True),
                Field("last_day", "date", self.tr("Last day it covers"), future_ok=True),
                Field("kwh", "number", self.tr("Electricity it covers (kWh)"), positive=True),
                Field("factor", "number", self.tr("Its emission factor (tCO2eq/MWh)")),
                Field("source", "text", self.tr("Issued by (supplier, certificate body)"))],
        }

    def entry_title(self, table: str) -> str:
        return {rec.WASTE.name: self.tr("Waste"), rec.FUEL.name: self.tr("Fuel delivery"),
                rec.PRODUCTION.name: self.tr("Production"),
                rec.REPLACEMENT.name: self.tr("Meter replacement"),
                rec.CONTRACT.name: self.tr("Renewable electricity contract")}.get(table, table)

    def _entry_changed(self) -> None:
        table = self.entry.currentData()
        if table in self.forms:
            self.stack.setCurrentWidget(self.forms[table])
        self.hint.setText({
            rec.WASTE.name: self.tr("Weigh or take the amount from the disposal company's "
                                    "slip (올바로 인계서)."),
            rec.FUEL.name: self.tr("Fuel burnt on site (boiler, furnace, forklift): its "
                                   "emissions count as Scope 1 with the factors of its day."),
            rec.PRODUCTION.name: self.tr("Added to what the production counters recorded; "
                                         "enter only what no counter counts."),
            rec.REPLACEMENT.name: self.tr(
                "Read both registers before and after the swap: the energy between the last "
                "reading and the swap is taken from the old meter's final reading."),
            rec.CONTRACT.name: self.tr(
                "A PPA, REC or green premium: the kWh it covers count at its own factor in "
                "the market-based Scope 2, spread evenly over its days; the location-based "
                "figure does not change."),
        }.get(str(table), ""))

    def _fuel_changed(self) -> None:
        form = self.forms[rec.FUEL.name]
        fuel = form.inputs["fuel"].currentData()  # type: ignore[attr-defined]
        unit: QComboBox = form.inputs["unit"]  # type: ignore[assignment]
        year = dt.datetime.fromtimestamp(self.shell.now_ms() / 1000, self.tz).year
        unit.clear()
        if self.plant is not None and fuel:
            for u in fuel_units(self.plant.settings, fuel, year):
                unit.addItem(u, u)

    # ------------------------------------------------------------------ table
    def details(self, table: str, r: dict) -> str:
        lang = self.lang
        s = self.plant.settings if self.plant else None
        if table == rec.WASTE.name:
            parts = [r["day"], word(WASTE_TYPES, r["waste_type"], lang),
                     word(ROUTES, r["route"], lang), f"{r['kg']:,.1f} kg"]
        elif table == rec.FUEL.name:
            parts = [r["day"], word(FUELS, r["fuel"], lang), f"{r['amount']:,.2f} {r['unit']}",
                     f"{tx.tco2(r['tco2eq'])} tCO2eq", r.get("supplier") or ""]
        elif table == rec.PRODUCTION.name:
            p = next((x for x in s.products if x.id == r["product"]), None) if s else None
            parts = [r["day"], bilingual(p.name, lang) if p else r["product"],
                     f"{r['quantity']:,.0f} {p.unit if p else ''}".strip()]
        elif table == rec.REPLACEMENT.name:
            m = next((x for x in s.meters if x.id == r["meter"]), None) if s else None
            unit = m.unit if m else ""
            parts = [bilingual(m.name, lang) if m else r["meter"],
                     self.tr("replaced %1").replace("%1", dt.datetime.fromtimestamp(
                         r["swap_ms"] / 1000, self.tz).strftime("%m-%d %H:%M")),
                     self.tr("old %1 → new %2 %3").replace("%1", f"{r['old_final']:,.2f}")
                     .replace("%2", f"{r['new_initial']:,.2f}").replace("%3", unit),
                     word(REASONS, r.get("reason") or "", lang) if r.get("reason") else "",
                     r.get("new_serial") or ""]
        elif table == rec.CONTRACT.name:
            parts = [r["contract"], word(CONTRACTS, r["kind"], lang),
                     f"{r['start_day']} ~ {_day_before(r['end_day'])}", f"{r['kwh']:,.0f} kWh",
                     f"{r['factor_t_per_mwh']:g} tCO2eq/MWh", r.get("source") or ""]
        else:
            parts = []
        if r.get("note"):
            parts.append(self.tr("note: %1").replace("%1", r["note"]))
        return " · ".join(str(x) for x in parts if x)

    def reload(self) -> None:
        since = self.shell.now_ms() - ENTRY_DAYS * 86_400_000

        def job(store: Store) -> list[tuple[str, dict]]:
            return recent_entries(store, since)

        self.shell.read(job, self._show)

    def _show(self, rows: list[tuple[str, dict]]) -> None:
        if not alive(self):
            return
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, (table, r) in enumerate(rows):
            cells = [dt.datetime.fromtimestamp(r["ts"] / 1000, self.tz).strftime(
                "%Y-%m-%d %H:%M"), self.entry_title(table), self.details(table, r), r["user"]]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setToolTip(text)
                self.table.setItem(i, col, item)
        self.table.resizeRowsToContents()

    def _on_recorded(self, row) -> None:
        if alive(self) and getattr(row, "kind", "") == METER_REPLACED:
            self.reload()

    # ------------------------------------------------------------------ entry
    def _problem(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")

    def submit(self) -> None:
        table = str(self.entry.currentData())
        form = self.forms.get(table)
        if form is None or self.plant is None:
            return
        values, problem = form.values()
        if not problem and table == rec.REPLACEMENT.name and values["reason"] == "other" \
                and not values.get("note"):
            problem = self.tr("Note: say why the meter was replaced")
        if problem:
            self._problem(problem)
            return
        user = self.shell.require_user()
        if user is None:
            return
        ts, tz, name, settings = self.shell.now_ms(), self.tz, user.name, self.plant.settings
        title = self.entry_title(table)

        def done(result: int | str | BelowLast) -> None:
            if not alive(self):
                return
            if isinstance(result, BelowLast):
                self._problem(self.tr(
                    "%1: below the old meter's last recorded reading, %2 at %3. Check the "
                    "figure; nothing was recorded.").replace(
                    "%1", self.tr("Old meter's final reading")).replace(
                    "%2", f"{result.value:,.2f}").replace("%3", dt.datetime.fromtimestamp(
                        result.ts / 1000, tz).strftime("%m-%d %H:%M")))
                return
            if isinstance(result, str):  # the writer refused it: nothing was written
                self._problem(self.tr("Not recorded: %1").replace("%1", result))
                return
            form.clear()
            self.status.setStyleSheet("")
            self.status.setText(self.tr("%1 recorded by %2 at %3.").replace("%1", title)
                                .replace("%2", name).replace(
                "%3", dt.datetime.fromtimestamp(ts / 1000, tz).strftime("%H:%M")))
            self.reload()

        def finished(ok: bool) -> None:
            if alive(self.record):
                self.record.setEnabled(True)
            if not ok and alive(self):
                self._problem(self.tr("Not recorded: see the message above."))

        self.record.setEnabled(False)
        self.shell.write(lambda w: write_entry(w, settings, table, values, ts, name, tz),
                         done, finished)


# ====================================================================== GHG, intensity
MONTHS_SHOWN = 12


def month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def next_month(d: dt.date) -> dt.date:
    return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _ms(d: dt.date, tz: ZoneInfo) -> int:
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=tz).timestamp() * 1000)


def first_month(store: Store, p: rd.Plant) -> dt.date | None:
    """The month of the first interval the rule recorded (an indexed look-up per meter)."""
    first = None
    for m in p.settings.meters:
        try:
            cid = store.channel_id(energy_key(m.id))
        except KeyError:
            continue
        (ts,), = store.query("SELECT min(ts) FROM reading WHERE ch = ?", (cid,))
        if ts is not None and (first is None or ts < first):
            first = ts
    return None if first is None else dt.datetime.fromtimestamp(first / 1000, p.tz).date()


@dataclass
class GhgData:
    month: dt.date
    figures: rd.Figures  # the selected month, as the monthly report computes it
    annual: rd.Annual  # the months shown and the baseline, as the annual summary does
    months: list[dt.date]


def ghg_data(store: Store, p: rd.Plant, month: dt.date, now_ms: int) -> GhgData:
    """The selected month's figures and the shown months' (the report functions)."""
    tz = p.tz
    now = dt.datetime.fromtimestamp(now_ms / 1000, tz).date()
    last = month_start(now)
    lo = last
    for _ in range(MONTHS_SHOWN - 1):
        lo = month_start(lo - dt.timedelta(days=1))
    first = first_month(store, p)
    if first is not None and month_start(first) > lo:
        lo = month_start(first)
    months = []
    d = lo
    while d <= last:
        months.append(d)
        d = next_month(d)
    f = rd.figures(store, p, _ms(month, tz), _ms(next_month(month), tz), daily=False)
    a = rd.annual(store, p, _ms(lo, tz), _ms(next_month(last), tz))
    return GhgData(month, f, a, months)


class GhgPage(Page):
    """GHG by scope for a month (with the factors used) and intensity by month against
    the baseline: the figures of the monthly report and the annual summary."""

    def __init__(self, shell: SectorHost, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("GHG"), parent)  # the navigation label: short
        self.shell = shell
        self.lang = "ko" if shell.language.startswith("ko") else "en"
        try:
            self.plant: rd.Plant | None = rd.plant(shell.site_config)
        except ValueError:
            self.plant = None
        self.tz = self.plant.tz if self.plant else shell.tz
        self.body.addWidget(title_label(self.tr("Greenhouse gas and intensity")))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        self.month = QComboBox()
        self.month.setMinimumHeight(theme.TOUCH)
        self.month.setMinimumWidth(160)
        top.addWidget(self.month)
        top.addStretch(1)
        self.body.addLayout(top)
        cards = QGridLayout()
        b1, self.scope1, self.scope1_note = _figure(self.tr("Scope 1 (fuel burnt on site)"))
        b2, self.scope2, self.scope2_note = _figure(self.tr("Scope 2 (electricity bought)"))
        b3, self.total, self.total_note = _figure(self.tr("Total (Scope 1 + 2)"))
        for i, b in enumerate((b1, b2, b3)):
            cards.addWidget(b, 0, i)
        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 8, 0)
        lay.addLayout(cards)
        split = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("By scope, as the monthly report prints it (tCO2eq)")))
        self.scopes = data_table([self.tr("Line"), "tCO2eq"], (0,))
        left.addWidget(self.scopes)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Intensity by month against the baseline")))
        self.chart = BarPlot(self.tr("kWh per unit"))
        self.chart.setFixedHeight(300)
        right.addWidget(self.chart, 1)
        split.addLayout(left, 1)
        split.addLayout(right, 1)
        lay.addLayout(split)
        self.intensity = data_table([self.tr("Month"), self.tr("Produced"), "kWh",
                                     self.tr("kWh per unit"), self.tr("vs baseline"),
                                     "tCO2eq", self.tr("tCO2eq per unit"),
                                     self.tr("vs baseline")], (0,))
        lay.addWidget(self.intensity)
        lay.addWidget(QLabel(self.tr("Emission factors used")))
        self.factors = data_table([self.tr("What it is"), self.tr("Factor"),
                                   self.tr("Factor value"), self.tr("Applied to"),
                                   self.tr("Source")], (4,))
        self.factors.setWordWrap(True)
        lay.addWidget(self.factors)
        self.note = muted_label(self.tr(
            "Scope 1 = fuel × net calorific value × emission factor; Scope 2 = kWh × the "
            "grid factor of the year the electricity was used (location-based). The "
            "factors are those the record says were applied; adding a new year's factor "
            "does not change a month already recorded."))
        lay.addWidget(self.note)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)
        self.data: GhgData | None = None
        self._busy = False
        self._fill_months([month_start(dt.datetime.fromtimestamp(
            shell.now_ms() / 1000, self.tz).date())])
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        shell.recorded.connect(lambda _row: alive(self) and self.reload())
        self._timer = QTimer(self, interval=RELOAD_MS * 5)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        self.reload()

    def _fill_months(self, months: list[dt.date]) -> None:
        keep = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        for m in reversed(months):
            self.month.addItem(f"{m:%Y-%m}", m.isoformat())
        i = self.month.findData(keep) if keep else 0
        self.month.setCurrentIndex(max(0, i))
        self.month.blockSignals(False)

    def selected_month(self) -> dt.date:
        data = self.month.currentData()
        return dt.date.fromisoformat(data) if data else month_start(
            dt.datetime.fromtimestamp(self.shell.now_ms() / 1000, self.tz).date())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Read the month and the months shown again, while the page is shown (a year of
        months is read each time: not for nobody)."""
        if self.plant is None or self._busy or not self.isVisible():
            return
        plant, month, now = self.plant, self.selected_month(), self.shell.now_ms()
        self._busy = True

        def job(store: Store) -> GhgData:
            return ghg_data(store, plant, month, now)

        def done(d: GhgData) -> None:
            self._busy = False
            self._show(d)

        if not self.shell.read(job, done):
            self._busy = False

    def _show(self, d: GhgData) -> None:
        if not alive(self):
            return
        self.data = d
        lang, f = self.lang, d.figures
        self._fill_months(d.months)
        self.scope1.setText(f"{tx.tco2(f.scope1)} t")
        self.scope1_note.setText(self.tr("metered fuel %1 t, deliveries %2 t").replace(
            "%1", tx.tco2(f.scope1_meters)).replace("%2", tx.tco2(f.scope1_fuel)))
        self.scope2.setText(f"{tx.tco2(f.scope2_location)} t")
        self.scope2_note.setText(self.tr("%1 kWh of electricity").replace(
            "%1", tx.qty(f.kwh)))
        self.total.setText(f"{tx.tco2(f.tco2eq)} t")
        self.total_note.setText(self.tr("tCO2eq = tonnes of CO2 equivalent"))
        lines = [(tx.t(lang, "scope1_meters"), f.scope1_meters),
                 (tx.t(lang, "scope1_fuel"), f.scope1_fuel),
                 (tx.t(lang, "scope2_loc"), f.scope2_location),
                 (tx.t(lang, "scope2_mkt"), f.scope2_market),
                 (tx.t(lang, "total") + " (Scope 1 + 2)", f.tco2eq)]
        for m in f.meters:
            if m.tco2eq is not None:
                lines.append(("   " + self.tr("of which %1: %2 %3").replace(
                    "%1", bilingual(m.meter.name, lang)).replace("%2", tx.qty(m.quantity))
                    .replace("%3", m.meter.unit), m.tco2eq))
        self.scopes.setRowCount(len(lines))
        for i, (text, v) in enumerate(lines):
            self.scopes.setItem(i, 0, QTableWidgetItem(text))
            self.scopes.setItem(i, 1, _right(tx.tco2(v)))
        rows = []
        for u in f.factors:
            yrs = ", ".join(str(y) for y in u.years)
            if u.fallback:
                yrs += f" ({tx.t(lang, 'fallback')})"
            rows.append((self.factor_words(u.factor), u.factor.id,
                         f"{u.factor.value:g} {u.factor.unit}", yrs,
                         f"{u.factor.source} ({u.factor.published.isoformat()})"))
        for fid in rd.fuel_factor_ids(f.fuel_rows):
            rows.append((self.tr("used for a fuel delivery"), fid, "",
                         tx.t(lang, "scope1_fuel"), ""))
        if not rows:
            rows.append(("", tx.t(lang, "factors.none"), "", "", ""))
        self.factors.setRowCount(len(rows))
        for i, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.factors.setItem(i, c, QTableWidgetItem(text))
        self.factors.resizeRowsToContents()
        _fit(self.scopes)
        _fit(self.factors)
        self._show_intensity(d)

    def factor_words(self, f) -> str:
        """What a factor row is, in words (its id is a code)."""
        fuel = word(FUELS, f.fuel or "", self.lang)
        if f.kind == "grid":
            return self.tr("Electricity emission factor (%1 data)").replace(
                "%1", str(f.year or ""))
        if f.kind == "fuel_ef":
            return self.tr("Fuel emission factor: %1, %2").replace("%1", fuel).replace(
                "%2", f.gas or "")
        if f.kind == "ncv":
            return self.tr("Net calorific value: %1").replace("%1", fuel)
        return f.kind

    def _show_intensity(self, d: GhgData) -> None:
        a, b = d.annual, d.annual.baseline_figures
        base_kwh = rd.intensity(b["kwh"], b["produced"]) if "kwh" in b and "produced" in b \
            else None
        base_t = rd.intensity(b["tco2eq"], b["produced"]) if "tco2eq" in b and \
            "produced" in b else None
        now = month_start(dt.datetime.fromtimestamp(self.shell.now_ms() / 1000,
                                                    self.tz).date())
        rows = [(f"{tx.t(self.lang, 'baseline')} ({a.baseline_label or '—'})",
                 b.get("produced"), b.get("kwh"), base_kwh, None, b.get("tco2eq"), base_t,
                 None)]
        bars, colours = [], []
        for month, (_mo, f) in zip(d.months, a.months, strict=True):
            k = rd.intensity(f.kwh, f.units_produced)
            t = rd.intensity(f.tco2eq, f.units_produced)
            label = f"{month:%Y-%m}" + (" " + self.tr("(so far)") if month == now else "")
            rows.append((label, f.units_produced, f.kwh, k, rd.change(k, base_kwh), f.tco2eq,
                         t, rd.change(t, base_t)))
            bars.append((f"{month:%Y-%m}", k))
            colours.append(theme.SERIES[0] if base_kwh is None or k is None or k <= base_kwh
                           else theme.WARN)
        self.intensity.setRowCount(len(rows))
        for i, (label, prod, kwh, k, kc, t, ti, tc) in enumerate(rows):
            cells = [label, tx.qty(prod), tx.qty(kwh), tx.ratio(k), tx.pct(kc), tx.tco2(t),
                     tx.ratio(ti), tx.pct(tc)]
            for c, text in enumerate(cells):
                self.intensity.setItem(i, c, QTableWidgetItem(text) if c == 0 else _right(text))
        _fit(self.intensity)
        self.chart.set_bars(bars, colours, (base_kwh, base_kwh) if base_kwh else None,
                            self.tr("baseline %1 kWh per unit").replace(
                                "%1", tx.ratio(base_kwh)) if base_kwh else "")


def _fit(table) -> None:
    """A table as tall as its rows (the page scrolls, not each table)."""
    h = table.horizontalHeader().height() + 2 + sum(
        table.rowHeight(i) for i in range(table.rowCount()))
    table.setFixedHeight(max(h, 60))


def _right(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def pages(shell: SectorHost) -> list[QWidget]:
    return [EnergyPage(shell), GhgPage(shell), EntriesPage(shell)]
