"""The smart-farm sector's pages: zones (live and derived values, day or night, the bands
that apply now) and the crop and herd log.

Built from the host kit alone (`deungdae.desktop.ui.kit`). Everything shown is read from
the record on the host's read worker (`sectors.farm.overview.zone_overview`, the log's
own tables), so a value on the page is the value the record holds. A log entry is
written on the host's records worker as the signed-in user: its row through the writer's
store (`sectors.farm.crop_log.record_*`, keys not labels), and a stage change also as the
`farm.stage_changed` entry the running rule switches the zone's bands on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui.kit import (
    BarPlot,
    CorrectiveActionDialog,
    EntryWriter,
    Page,
    SectorHost,
    SnapshotModel,
    TimePlot,
    alive,
    card_grid,
    data_table,
    muted_label,
    theme,
    title_label,
    value_text,
)
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api import SiteContext
from deungdae.sectors.api.names import local_name
from deungdae.sectors.api.site import parse_site
from deungdae.sectors.farm import crop_log
from deungdae.sectors.farm import report_data as farm_report
from deungdae.sectors.farm.bands import CLOSE_KIND, OPEN_KIND
from deungdae.sectors.farm.daynight import DayNight
from deungdae.sectors.farm.light import (
    DEFAULT_MAX_GAP_S,
    day_start_of,
    integrate,
    next_day_start,
)
from deungdae.sectors.farm.overview import ZoneOverview, zone_overview
from deungdae.sectors.farm.plugin import BAND_FIELDS
from deungdae.sectors.farm.report_data import IncidentRow
from deungdae.sectors.farm.rules import CLIMATE, HEAT, LIGHT, STAGE_KIND, derived_for
from deungdae.sectors.farm.zones import FarmConfig, Zone, parse_farm

log = logging.getLogger(__name__)

RELOAD_MS = 10_000
LOG_DAYS = 60  # the log page lists this many days back
DERIVED = {w: (en, ko, unit, dec) for w, en, ko, unit, dec, _ in (*CLIMATE, *LIGHT, *HEAT)}
# crops and herds a zone names (its `crop` / `herd` key), for the window and the log rows
CROPS = crop_log.CROPS


bilingual = local_name  # a template's "한국어 (English)" name in the window's language


# ---------------------------------------------------------------------- the snapshot
@dataclass(slots=True)
class FarmSnapshot:
    at: int
    zones: list[ZoneOverview] = field(default_factory=list)
    day: dict[str, tuple[bool, int | None]] = field(default_factory=dict)  # is day, next edge
    cycles: dict[str, str] = field(default_factory=dict)  # zone -> latest cycle / batch
    log: list[crop_log.Entry] = field(default_factory=list)


def latest_cycles(store: Store) -> dict[str, str]:
    """Each zone's latest crop cycle (planting) or herd batch (herd in)."""
    have = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type='table'")}
    out: dict[str, str] = {}
    for table, col, where in (("farm_planting", "cycle", ""),
                              ("farm_herd", "batch", " WHERE movement = 'in'")):
        if table in have:
            for zone, cycle in store.query(f"SELECT zone, {col} FROM {table}{where} "
                                           "ORDER BY ts, id"):
                out[zone] = cycle
    return out


def next_edge(dn: DayNight, at: int, tz) -> int:
    d = datetime.fromtimestamp(at / 1000, tz).date()
    lo, hi = dn.span(d)
    if at < lo:
        return lo
    if at < hi:
        return hi
    return dn.span(d + timedelta(days=1))[0]


def load(store: Store, cfg: FarmConfig, site: SiteContext, at: int) -> FarmSnapshot:
    snap = FarmSnapshot(at)
    snap.cycles = latest_cycles(store)
    for z in cfg.zones:
        ov = zone_overview(store, z, site, at, snap.cycles.get(z.id))
        snap.zones.append(ov)
        try:
            snap.day[z.id] = (ov.is_day, next_edge(DayNight(z, site), at, site.tz))
        except ValueError:
            snap.day[z.id] = (ov.is_day, None)
    snap.log = list(reversed(crop_log.entries(store, at - LOG_DAYS * 86_400_000, at + 1)))
    return snap


class FarmModel(SnapshotModel):
    """The latest `FarmSnapshot`, reloaded off the GUI thread; pages listen to `changed`."""

    def __init__(self, shell: SectorHost, parent: QObject | None = None) -> None:
        super().__init__(shell, RELOAD_MS, "farm snapshot", parent)
        raw = shell.site_config
        site_raw = raw.get("site", {}) if isinstance(raw.get("site"), dict) else {}
        self.site, _ = parse_site(site_raw, str(site_raw.get("timezone", "Asia/Seoul")))
        self.cfg, self.errors = parse_farm(raw.get("sectors", {}).get("farm", {}))
        self.snapshot: FarmSnapshot | None = None
        self.reload()

    def zone(self, zid: str) -> Zone | None:
        return next((z for z in self.cfg.zones if z.id == zid), None)

    def snapshot_job(self):
        cfg, site, at = self.cfg, self.site, self.shell.now_ms()
        return lambda store: load(store, cfg, site, at)

    def hm(self, ts: int | None) -> str:
        return "—" if ts is None else datetime.fromtimestamp(ts / 1000, self.site.tz).strftime(
            "%H:%M")

    def when(self, ts: int) -> str:
        return datetime.fromtimestamp(ts / 1000, self.site.tz).strftime("%m-%d %H:%M")


# ---------------------------------------------------------------------- words
class _Words(QObject):
    """Translated words both pages share (one context for the translators)."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def role(self, role: str) -> str:
        return {"temperature": self.tr("Air temperature"),
                "humidity": self.tr("Relative humidity"), "co2": self.tr("CO₂"),
                "ppfd": self.tr("Light (PPFD)"), "solar": self.tr("Solar radiation"),
                "leaf_temperature": self.tr("Leaf temperature"),
                "nh3": self.tr("Ammonia (NH₃)"),
                "substrate_moisture": self.tr("Substrate moisture"),
                "ec": self.tr("Substrate EC"), "ph": self.tr("Substrate pH"),
                "drain_ec": self.tr("Drain EC"), "drain_ph": self.tr("Drain pH"),
                "outside_temperature": self.tr("Outside temperature")}.get(role, role)

    def formula(self, what: str) -> str:
        return {"vpd": self.tr("Tetens formula (FAO-56), from air temperature and humidity"),
                "dew_point": self.tr("Magnus formula (Sonntag)"),
                "abs_humidity": self.tr("from the vapour pressure (ideal gas)"),
                "dli": self.tr("light summed since the day start"),
                "dli_24h": self.tr("light summed over the last 24 hours"),
                "gdd": self.tr("(daily max + min) ÷ 2 − base temperature, counted when the "
                               "day ends"),
                "condensation_h": self.tr("air within the set margin of the dew point"),
                }.get(what, "")

    def when(self, when: str) -> str:
        return {"day": self.tr("day"), "night": self.tr("night"),
                "all": self.tr("all day")}.get(when, when)

    def kind(self, kind: str) -> str:
        return {"greenhouse": self.tr("Greenhouse"), "mushroom": self.tr("Mushroom house"),
                "livestock": self.tr("Livestock house")}.get(kind, kind)

    def crop(self, key: str) -> str:
        return crop_log.label(CROPS, key, self.lang)


# ---------------------------------------------------------------------- zones page
class ZoneCard(QFrame):
    """One compartment or house: what it grows, day or night, its values and bands."""

    def __init__(self, model: FarmModel, zone: Zone, words: _Words) -> None:
        super().__init__()
        self.model, self.zone, self.words = model, zone, words
        self.lang = model.shell.language
        self.setObjectName("zonecard")
        self.setMinimumWidth(420)
        self.name = QLabel(bilingual(zone.name, self.lang))
        self.name.setStyleSheet("font-size: 19px; font-weight: 700;")
        self.name.setWordWrap(True)
        self.what = QLabel()
        self.what.setStyleSheet("font-size: 15px;")
        self.daynight = QLabel()
        self.daynight.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(2, 1)
        self.values: dict[str, QLabel] = {}
        row = 0
        for role in zone.inputs:
            row = self._row(row, ("input", role), words.role(role), "")
        derived = {d.key for d in derived_for(zone)}
        for what in DERIVED:
            if zone.key(what) not in derived:
                continue
            en, ko, _u, _d = DERIVED[what]
            label = ko if self.lang.startswith("ko") else en
            if what == "condensation_risk":
                label = self.tr("Condensation risk now")
            row = self._row(row, ("derived", what), label, words.formula(what))
        self.bands = QLabel()
        self.bands.setStyleSheet("font-size: 14px;")
        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        self.act = QPushButton(self.tr("Record cause and action…"))
        self.act.setProperty("role", "primary")
        self.act.setMinimumHeight(theme.TOUCH)
        self.act.clicked.connect(self._act)
        self.act.hide()
        self.on_action = None  # set by the page: (card, IncidentRow) -> None
        self.waiting: IncidentRow | None = None  # the oldest open incident without action
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(6)
        lay.addWidget(self.name)
        lay.addWidget(self.what)
        lay.addWidget(self.daynight)
        lay.addLayout(self.grid)
        lay.addWidget(self.bands)
        lay.addWidget(self.alerts)
        lay.addWidget(self.act)
        lay.addWidget(self.blocked)
        lay.addStretch(1)
        self.refresh()

    def _row(self, row: int, key: tuple[str, str], label: str, formula: str) -> int:
        name = QLabel(label)
        name.setStyleSheet("font-size: 14px;")
        value = QLabel("—")
        value.setStyleSheet("font-size: 17px; font-weight: 700;")
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(name, row, 0)
        self.grid.addWidget(value, row, 1)
        if formula:
            f = muted_label(formula)
            f.setStyleSheet("font-size: 12px;")
            self.grid.addWidget(f, row, 2)
        self.values["/".join(key)] = value
        return row + 1

    def unit(self, key: str) -> str:
        cv = self.model.shell.channel_view(key)
        return cv.unit if cv is not None else ""

    def shown(self, kind: str, what: str) -> str:
        """The text of one value as the card shows it (tests read it)."""
        return self.values[f"{kind}/{what}"].text()

    def refresh(self) -> None:
        snap = self.model.snapshot
        ov = next((o for o in snap.zones if o.zone.id == self.zone.id), None) if snap else None
        w, z = self.words, self.zone
        lang = self.lang
        stage = crop_log.label(crop_log.STAGES, ov.stage if ov else z.stage, lang)
        crop = w.crop(z.herd or z.crop)
        cycle = snap.cycles.get(z.id) if snap else None
        text = " · ".join((w.kind(z.kind), crop, self.tr("stage: %1").replace("%1", stage)))
        if cycle:
            text += " · " + self.tr("cycle %1").replace("%1", cycle)
        self.what.setText(text)
        if ov is None:
            self.daynight.setText(self.tr("Loading…"))
            return
        is_day, edge = snap.day.get(z.id, (ov.is_day, None))
        if is_day:
            dn = "☀ " + self.tr("Day: day bands apply")
            after = self.tr("night from %1") if edge else ""
        else:
            dn = "☾ " + self.tr("Night: night bands apply")
            after = self.tr("day from %1") if edge else ""
        if after:
            dn += " — " + after.replace("%1", self.model.hm(edge))
        if ov.sunrise and ov.sunset:
            dn += "\n" + self.tr("Sunrise %1, sunset %2").replace(
                "%1", self.model.hm(ov.sunrise)).replace("%2", self.model.hm(ov.sunset))
        self.daynight.setText(dn)
        colour = "#8a6d00" if is_day else theme.INFO
        self.daynight.setStyleSheet(f"font-size: 15px; font-weight: 700; color: {colour};")
        for role, v in ov.inputs.items():
            label = self.values.get(f"input/{role}")
            if label is not None:
                label.setText(self._fmt(v.value, self.unit(v.key)))
        for what, v in ov.derived.items():
            label = self.values.get(f"derived/{what}")
            if label is None:
                continue
            if what == "condensation_risk":
                label.setText("—" if v.value is None else
                              self.tr("yes") if v.value >= 0.5 else self.tr("no"))
                label.setStyleSheet("font-size: 17px; font-weight: 700; color: "
                                    f"{theme.WARN if (v.value or 0) >= 0.5 else theme.INK};")
            else:
                unit = DERIVED[what][2]
                label.setText(self._fmt(v.value, unit, DERIVED[what][3]))
        self._bands(ov)
        n = len(ov.open_incidents)
        lines = [self.tr("%1 climate incident(s) open").replace("%1", str(n))] if n else []
        lines += [self.incident_text(r) for r in ov.open_incidents]
        self.alerts.setText("\n".join(lines))
        self.waiting = next((r for r in ov.open_incidents if not r.action), None)
        self.act.setVisible(self.waiting is not None)
        self.alerts.setStyleSheet(f"font-size: 15px; font-weight: 700; color: {theme.ALARM};")
        self.blocked.setText("\n".join(
            self.tr("No harvest before %1 (sprayed: %2)").replace("%1", until)
            .replace("%2", product) for product, until in ov.harvest_blocked))
        self.blocked.setStyleSheet(f"font-size: 14px; font-weight: 700; color: {theme.WARN};")
        self.setStyleSheet(
            f"QFrame#zonecard {{ background: {theme.CARD}; border: 1px solid {theme.LINE};"
            f" border-left: 10px solid {theme.ALARM if n else theme.OK}; border-radius: 8px; }}")

    def band_name(self, b) -> str:
        if b.input in DERIVED:
            return DERIVED[b.input][1] if self.lang.startswith("ko") else DERIVED[b.input][0]
        return self.words.role(b.input)

    def incident_text(self, r: IncidentRow) -> str:
        """"▲ Air temperature (night) above 20 °C since 02:15 — action by kim: ..."."""
        band = next((b for b in self.zone.bands if b.id == r.band), None)
        if band is None:
            what = self.tr("a band of this zone")
        else:
            unit = DERIVED[band.input][2] if band.input in DERIVED else self.unit(
                self.zone.channel_of(band.input) or "")
            limit = band.low if r.side == "low" else band.high
            side = self.tr("below %1") if r.side == "low" else self.tr("above %1")
            what = f"{self.band_name(band)} ({self.words.when(band.when)}) " + side.replace(
                "%1", f"{limit:g} {unit}".strip() if limit is not None else "")
        text = "▲ " + self.tr("%1 since %2").replace("%1", what).replace(
            "%2", self.model.hm(r.start))
        if r.action:
            text += " — " + self.tr("action by %1: %2").replace("%1", r.by).replace(
                "%2", r.action)
        return text

    def _act(self) -> None:
        if self.waiting is not None and self.on_action is not None:
            self.on_action(self, self.waiting)

    @staticmethod
    def _fmt(value: float | None, unit: str, decimals: int | None = None) -> str:
        if value is None:
            return "—"
        text = f"{value:.{decimals}f}" if decimals is not None else value_text(value)
        return f"{text} {unit}".strip()

    def _bands(self, ov: ZoneOverview) -> None:
        lines = []
        for b in ov.bands_now:
            key = ov.zone.channel_of(b.input)
            role = b.input if b.input in ov.inputs else None
            v = ov.inputs[role] if role else ov.derived.get(b.input)
            unit = DERIVED[b.input][2] if b.input in DERIVED else self.unit(key or "")
            lo = "" if b.low is None else f"{b.low:g}"
            hi = "" if b.high is None else f"{b.high:g}"
            rng = f"{lo}–{hi}" if lo and hi else (f"≥ {lo}" if lo else f"≤ {hi}")
            name = self.band_name(b)
            val = v.value if v is not None else None
            if val is None:
                mark = "○ " + self.tr("no value")
            elif (b.low is not None and val < b.low) or (b.high is not None and val > b.high):
                mark = "▲ " + self.tr("outside")
            else:
                mark = "● " + self.tr("within")
            lines.append(f"{name} ({self.words.when(b.when)}): {rng} {unit} — {mark}")
        self.bands.setText(self.tr("Bands now:") + "\n" + "\n".join(lines) if lines
                           else self.tr("No band applies now."))


class ZonesPage(Page):
    incident_kinds = (OPEN_KIND,)

    def __init__(self, shell: SectorHost, model: FarmModel) -> None:
        super().__init__(self.tr("Zones"))
        self.shell, self.model = shell, model
        self.words = _Words(shell.language, self)
        self.cards = [ZoneCard(model, z, self.words) for z in model.cfg.zones]
        for c in self.cards:
            c.on_action = self.record_action
        scroll = card_grid(self.cards)
        self.body.addWidget(title_label(self.tr("Zones")))
        if model.errors:
            self.body.addWidget(muted_label("; ".join(model.errors)))
        self.body.addWidget(scroll, 1)
        model.changed.connect(self.refresh)

    def refresh(self) -> None:
        for c in self.cards:
            c.refresh()
        snap = self.model.snapshot
        n = sum(len(o.open_incidents) for o in snap.zones) if snap else 0
        self.shell.set_badge(self, n, "alarm")

    def describe_incident(self, incident) -> str:
        data = incident.opened.data if isinstance(incident.opened.data, dict) else {}
        zone = self.model.zone(str(data.get("zone", "")))
        if zone is None:
            return ""
        name = bilingual(zone.name, self.shell.language)
        card = next((c for c in self.cards if c.zone.id == zone.id), None)
        row = IncidentRow(incident.id or 0, str(data.get("band", "")),
                          str(data.get("side", "")), incident.opened.ts, None, None, None)
        return f"{name} — " + card.incident_text(row).lstrip("▲ ") if card else name

    def describe_event(self, row) -> str:
        """A farm event row in the window's language, from its data ("" if unreadable):
        the opening row as the overview says it, the band's end, an action, a stage."""
        data = row.data if isinstance(row.data, dict) else {}
        zone = self.model.zone(str(data.get("zone", "")))
        if zone is None:
            return ""
        name = bilingual(zone.name, self.shell.language)
        card = next((c for c in self.cards if c.zone.id == zone.id), None)
        band = next((b for b in zone.bands if b.id == data.get("band")), None)
        what = (f"{card.band_name(band)} ({card.words.when(band.when)})"
                if card is not None and band is not None else "")
        if row.kind == CLOSE_KIND and what:
            return f"{name} — " + self.tr("%1 back in band").replace("%1", what)
        if row.kind == "farm.action":
            return f"{name} — " + self.tr("action by %1: %2").replace(
                "%1", row.user).replace("%2", str(data.get("action", "")))
        if row.kind == STAGE_KIND:
            stage = crop_log.label(crop_log.STAGES, str(data.get("stage", "")),
                                   self.shell.language)
            return f"{name} — " + self.tr("stage: %1").replace("%1", stage)
        return ""

    def select_incident(self, event_id: int) -> bool:
        """The banner opened this page on a band incident: its card shows it on top."""
        snap = self.model.snapshot
        for card in self.cards:
            ov = next((o for o in snap.zones if o.zone.id == card.zone.id), None) if snap \
                else None
            if ov is not None and any(r.id == event_id for r in ov.open_incidents):
                card.setFocus()
                return True
        return False

    def record_action(self, card: ZoneCard, row: IncidentRow) -> None:
        """The incident's corrective action (the fields the kind declares: cause, action),
        recorded as the farm's action step pointing at the incident's opening event."""
        user = self.shell.require_user()
        if user is None:
            return
        about = f"{bilingual(card.zone.name, self.shell.language)} · " + \
            card.incident_text(row).lstrip("▲ ")
        dlg = CorrectiveActionDialog(about, self, fields=BAND_FIELDS, lang=self.shell.language)
        try:
            if not dlg.exec():
                return
            values = dlg.values()
        finally:
            dlg.deleteLater()
        ev = NewEvent(ts=self.shell.now_ms(), kind="farm.action", user=user.name,
                      ref_id=row.id, message=f"조치 기록 (action): {values.get('action', '')}",
                      data={"zone": card.zone.id, "band": row.band, "side": row.side, **values})
        card.act.setEnabled(False)
        model = self.model

        def finished(_ok: bool) -> None:
            if alive(card.act):
                card.act.setEnabled(True)
            if alive(model):
                model.schedule_reload()

        self.shell.write(lambda w: w.append_id(ev), None, finished)


# ---------------------------------------------------------------------- crop log
@dataclass(frozen=True, slots=True)
class FieldDef:
    key: str
    kind: str  # text | int | float | choice
    label: str
    required: bool = True
    choices: dict | None = None  # key -> (en, ko)
    default: str = ""
    minimum: float = 0.0  # a head count starts at 1 (crop_log refuses less)


class EntryForm(QWidget):
    """The fields of one kind of log entry; `values()` parses them or says what is wrong."""

    def __init__(self, table: str, fields: list[FieldDef], lang: str) -> None:
        super().__init__()
        self.table, self.fields = table, fields
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for f in fields:
            if f.kind == "choice":
                w = QComboBox()
                for key in f.choices or {}:
                    w.addItem(crop_log.label(f.choices or {}, key, lang), key)
            else:
                w = QLineEdit(f.default)
                w.setMinimumHeight(theme.TOUCH)
            self.inputs[f.key] = w
            form.addRow(f.label + ("" if f.required else " " + self.tr("(optional)")), w)

    def values(self) -> tuple[dict, str]:
        """The parsed values, and '' or the one problem to show."""
        out: dict = {}
        for f in self.fields:
            w = self.inputs[f.key]
            if isinstance(w, QComboBox):
                out[f.key] = w.currentData()
                continue
            text = w.text().strip()  # type: ignore[attr-defined]
            if not text:
                if f.required:
                    return {}, self.tr("%1: required").replace("%1", f.label)
                out[f.key] = None if f.kind in ("int", "float") else ""
                continue
            if f.kind in ("int", "float"):
                try:
                    v = float(text.replace(",", ""))
                except ValueError:
                    v = float("nan")
                if v != v or v in (float("inf"), float("-inf")) or (
                        f.kind == "int" and int(v) != v):
                    return {}, (self.tr("%1: enter a whole number") if f.kind == "int" else
                                self.tr("%1: enter a number")).replace("%1", f.label)
                if v < f.minimum:
                    return {}, self.tr("%1: at least %2").replace("%1", f.label).replace(
                        "%2", f"{f.minimum:g}")
                out[f.key] = int(v) if f.kind == "int" else v
            else:
                out[f.key] = text
        return out, ""

    def clear(self) -> None:
        for f in self.fields:
            w = self.inputs[f.key]
            if isinstance(w, QLineEdit):
                w.setText(f.default)


def write_entry(writer: EntryWriter, table: str, v: dict, ts: int, zone: str, cycle: str,
                user: str, note: str, tz) -> int:
    """One log entry on the records worker: the row (and a stage change's entry event)."""
    s = writer.store
    if table == "farm_planting":
        return crop_log.record_planting(s, ts, zone, cycle, v["crop"], v["variety"],
                                        v["plants"], user, v["area_m2"], note)
    if table == "farm_stage":
        rid, ev = crop_log.record_stage(s, ts, zone, cycle, v["stage"], user, note)
        writer.append(ev)  # the running rule switches the zone's bands on this entry
        return rid
    if table == "farm_spray":
        return crop_log.record_spray(s, ts, zone, cycle, v["product"], v["active_ingredient"],
                                     v["dose"], v["dose_unit"], v["target"], v["phi_days"],
                                     user, tz, note)
    if table == "farm_fertigation":
        return crop_log.record_fertigation(s, ts, zone, cycle, v["recipe"], user,
                                           v["ec_target"], v["ph_target"], note)
    if table == "farm_harvest":
        if crop_log.harvest_blocked_by(s, zone, cycle, ts, tz) and not note:
            raise crop_log.LogError("a harvest inside a pre-harvest interval needs a reason")
        return crop_log.record_harvest(s, ts, zone, cycle, v["quantity"], v["unit"],
                                       v["grade"], user, tz, note)
    if table == "farm_herd":
        return crop_log.record_herd(s, ts, zone, cycle, v["movement"], v["head"], user,
                                    v["avg_weight_kg"], note)
    if table == "farm_mortality":
        return crop_log.record_mortality(s, ts, zone, cycle, v["head"], v["cause"], user,
                                         note)
    if table == "farm_feed":
        return crop_log.record_feed(s, ts, zone, cycle, v["feed"], v["amount_kg"], user, note)
    if table == "farm_vaccination":
        return crop_log.record_vaccination(s, ts, zone, cycle, v["vaccine"], v["route"],
                                           v["head"], v["withdrawal_days"], user, note)
    raise crop_log.LogError(f"unknown log entry {table!r}")


ENTRY_EN = {"farm_planting": "Planting", "farm_stage": "Stage change",
            "farm_spray": "Spraying", "farm_fertigation": "Fertigation recipe change",
            "farm_harvest": "Harvest", "farm_herd": "Herd in or out",
            "farm_mortality": "Mortality", "farm_feed": "Feed",
            "farm_vaccination": "Vaccination"}
PLANT_TABLES = ("farm_planting", "farm_stage", "farm_spray", "farm_fertigation",
                "farm_harvest")
HERD_TABLES = ("farm_herd", "farm_stage", "farm_mortality", "farm_feed", "farm_vaccination")


class CropLogPage(Page):
    """Entries of the crop or herd log, written as record rows by the signed-in user."""

    def __init__(self, shell: SectorHost, model: FarmModel) -> None:
        super().__init__(self.tr("Crop log"))
        self.shell, self.model = shell, model
        self.lang = shell.language
        self.words = _Words(shell.language, self)
        self.zone = QComboBox()
        for z in model.cfg.zones:
            self.zone.addItem(bilingual(z.name, self.lang), z.id)
        self.entry = QComboBox()
        self.cycle = QLineEdit()
        self.cycle.setMinimumHeight(theme.TOUCH)
        self.cycle.setPlaceholderText(self.tr("e.g. 2026 spring crop, or batch 3"))
        self.cycle_label = QLabel()
        self.note = QLineEdit()
        self.note.setMinimumHeight(theme.TOUCH)
        self.note.setPlaceholderText(self.tr("what happened and why"))
        self.stack = QStackedWidget()
        self.forms: dict[str, EntryForm] = {}
        for table, fields in self._field_defs().items():
            f = EntryForm(table, fields, self.lang)
            self.forms[table] = f
            self.stack.addWidget(f)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"font-size: 15px; font-weight: 700; color: {theme.WARN};")
        self.record = QPushButton(self.tr("Record entry"))
        self.record.setProperty("role", "primary")
        self.record.setMinimumHeight(theme.TOUCH)
        self.record.clicked.connect(self.submit)
        self.status = muted_label()
        head = QFormLayout()
        head.addRow(self.tr("Zone"), self.zone)
        head.addRow(self.tr("Entry"), self.entry)
        head.addRow(self.cycle_label, self.cycle)
        box = QFrame()
        box.setFixedWidth(540)
        box.setObjectName("logform")
        box.setStyleSheet(f"QFrame#logform {{ background: {theme.CARD}; border: 1px solid "
                          f"{theme.LINE}; border-radius: 8px; }}")
        inner = QVBoxLayout(box)
        inner.addLayout(head)
        inner.addWidget(self.stack)
        notes = QFormLayout()
        notes.addRow(self.tr("Note"), self.note)
        inner.addLayout(notes)
        inner.addWidget(self.warning)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.record)
        inner.addLayout(row)
        inner.addStretch(1)
        self.table = data_table([self.tr("Time"), self.tr("Zone"), self.tr("Entry"),
                                 self.tr("Details"), self.tr("By")], (3,))
        self.table.setWordWrap(True)  # the details are read whole, not as "…"
        self.body.addWidget(title_label(self.tr("Crop log")))
        self.body.addWidget(muted_label(self.tr(
            "Each entry is kept in the record with your name and the time; it cannot be "
            "changed afterwards. Enter a correction as a new entry with a note.")))
        split = QHBoxLayout()
        split.setSpacing(12)
        split.addWidget(box)
        split.addWidget(self.table, 1)
        self.body.addLayout(split, 1)
        self.zone.currentIndexChanged.connect(self._zone_changed)
        self.entry.currentIndexChanged.connect(self._entry_changed)
        model.changed.connect(self.refresh)
        self._zone_changed()

    # ------------------------------------------------------------------ fields
    def _field_defs(self) -> dict[str, list[FieldDef]]:
        return {
            "farm_planting": [FieldDef("crop", "choice", self.tr("Crop"), choices=CROPS),
                              FieldDef("variety", "text", self.tr("Variety"), False),
                              FieldDef("plants", "int", self.tr("Plants")),
                              FieldDef("area_m2", "float", self.tr("Area (m²)"), False)],
            "farm_stage": [FieldDef("stage", "choice", self.tr("New stage"),
                                    choices=crop_log.STAGES)],
            "farm_spray": [FieldDef("product", "text", self.tr("Pesticide product")),
                           FieldDef("active_ingredient", "text", self.tr("Active ingredient"),
                                    False),
                           FieldDef("dose", "float", self.tr("Dose")),
                           FieldDef("dose_unit", "text", self.tr("Dose unit"), default="mL/20L"),
                           FieldDef("target", "text", self.tr("Against (pest or disease)"), False),
                           FieldDef("phi_days", "int", self.tr("Pre-harvest interval (days)"))],
            "farm_fertigation": [FieldDef("recipe", "text", self.tr("Recipe")),
                                 FieldDef("ec_target", "float", self.tr("EC target (dS/m)"), False),
                                 FieldDef("ph_target", "float", self.tr("pH target"), False)],
            "farm_harvest": [FieldDef("quantity", "float", self.tr("Quantity")),
                             FieldDef("unit", "text", self.tr("Unit"), default="kg"),
                             FieldDef("grade", "choice", self.tr("Grade"), choices=crop_log.GRADES)],
            "farm_herd": [FieldDef("movement", "choice", self.tr("Movement"),
                                   choices=crop_log.MOVEMENTS),
                          FieldDef("head", "int", self.tr("Head"), minimum=1),
                          FieldDef("avg_weight_kg", "float", self.tr("Average weight (kg)"), False)],
            "farm_mortality": [FieldDef("head", "int", self.tr("Head"), minimum=1),
                               FieldDef("cause", "choice", self.tr("Cause"),
                                        choices=crop_log.MORTALITY_CAUSES)],
            "farm_feed": [FieldDef("feed", "text", self.tr("Feed")),
                          FieldDef("amount_kg", "float", self.tr("Amount (kg)"))],
            "farm_vaccination": [FieldDef("vaccine", "text", self.tr("Vaccine")),
                                 FieldDef("route", "choice", self.tr("Route"),
                                          choices=crop_log.ROUTES),
                                 FieldDef("head", "int", self.tr("Head"), minimum=1),
                                 FieldDef("withdrawal_days", "int",
                                          self.tr("Withdrawal period (days)"))],
        }

    def entry_title(self, table: str) -> str:
        return (crop_log.ENTRY_KO.get(table, table) if self.lang.startswith("ko")
                else ENTRY_EN.get(table, table))

    def current_zone(self) -> Zone | None:
        return self.model.zone(str(self.zone.currentData()))

    def _zone_changed(self) -> None:
        z = self.current_zone()
        livestock = z is not None and z.kind == "livestock"
        self.entry.blockSignals(True)
        self.entry.clear()
        for table in HERD_TABLES if livestock else PLANT_TABLES:
            self.entry.addItem(self.entry_title(table), table)
        self.entry.blockSignals(False)
        self.cycle_label.setText(self.tr("Batch") if livestock else self.tr("Crop cycle"))
        crop = self.forms["farm_planting"].inputs["crop"]
        if z is not None and isinstance(crop, QComboBox) and crop.findData(z.crop) >= 0:
            crop.setCurrentIndex(crop.findData(z.crop))
        self._entry_changed()
        self.refresh()

    def _entry_changed(self) -> None:
        table = self.entry.currentData()
        if table in self.forms:
            self.stack.setCurrentWidget(self.forms[table])
        self._warn()

    def _warn(self) -> None:
        snap, z = self.model.snapshot, self.current_zone()
        text = ""
        if snap is not None and z is not None and self.entry.currentData() == "farm_harvest":
            ov = next((o for o in snap.zones if o.zone.id == z.id), None)
            if ov is not None and ov.harvest_blocked:
                text = self.tr("Inside a pre-harvest interval: %1. The harvest is recorded as "
                               "such; give the reason in the note.").replace(
                    "%1", ", ".join(self.tr("%1 until %2").replace("%1", p).replace("%2", u)
                                    for p, u in ov.harvest_blocked))
        self.warning.setText(text)

    # ------------------------------------------------------------------ table
    def details(self, e: crop_log.Entry) -> str:
        v, lang = e.values, self.lang
        if e.table == "farm_planting":
            parts = [crop_log.label(CROPS, v.get("crop", ""), lang), v.get("variety", ""),
                     self.tr("%1 plants").replace("%1", str(v.get("plants")))]
        elif e.table == "farm_stage":
            parts = [crop_log.label(crop_log.STAGES, v.get("stage", ""), lang)]
        elif e.table == "farm_spray":
            parts = [v.get("product", ""), f"{v.get('dose'):g} {v.get('dose_unit', '')}",
                     v.get("target", ""),
                     self.tr("no harvest before %1").replace("%1", str(v.get("blocked_until")))]
        elif e.table == "farm_fertigation":
            parts = [v.get("recipe", "")]
            if v.get("ec_target") is not None:
                parts.append(f"EC {v['ec_target']:g} dS/m")
            if v.get("ph_target") is not None:
                parts.append(f"pH {v['ph_target']:g}")
        elif e.table == "farm_harvest":
            parts = [f"{v.get('quantity'):g} {v.get('unit', '')}",
                     crop_log.label(crop_log.GRADES, v.get("grade", ""), lang)]
            if not v.get("phi_ok", 1):
                parts.append(self.tr("inside a pre-harvest interval"))
        elif e.table == "farm_herd":
            parts = [crop_log.label(crop_log.MOVEMENTS, v.get("movement", ""), lang),
                     self.tr("%1 head").replace("%1", str(v.get("head")))]
        elif e.table == "farm_mortality":
            parts = [self.tr("%1 head").replace("%1", str(v.get("head"))),
                     crop_log.label(crop_log.MORTALITY_CAUSES, v.get("cause", ""), lang)]
        elif e.table == "farm_feed":
            parts = [v.get("feed", ""), f"{v.get('amount_kg'):g} kg"]
        elif e.table == "farm_vaccination":
            parts = [v.get("vaccine", ""), crop_log.label(crop_log.ROUTES, v.get("route", ""),
                                                          lang),
                     self.tr("%1 head").replace("%1", str(v.get("head")))]
        else:
            parts = []
        cycle = v.get("cycle") or v.get("batch")
        if cycle:
            parts.insert(0, f"[{cycle}]")
        if v.get("note"):
            parts.append(self.tr("note: %1").replace("%1", v["note"]))
        return " · ".join(str(p) for p in parts if p)

    def refresh(self) -> None:
        snap = self.model.snapshot
        z = self.current_zone()
        if snap is not None and z is not None and not self.cycle.text().strip():
            self.cycle.setText(snap.cycles.get(z.id, ""))
        rows = snap.log if snap else []
        names = {x.id: bilingual(x.name, self.lang) for x in self.model.cfg.zones}
        self.table.setRowCount(len(rows))
        for i, e in enumerate(rows):
            cells = [self.model.when(e.ts), names.get(e.zone, e.zone), self.entry_title(e.table),
                     self.details(e), str(e.values.get("user", ""))]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setToolTip(text)
                self.table.setItem(i, col, item)
        self.table.resizeRowsToContents()
        self._warn()

    # ------------------------------------------------------------------ entry
    def submit(self) -> None:
        z = self.current_zone()
        table = str(self.entry.currentData())
        form = self.forms.get(table)
        if z is None or form is None:
            return
        values, problem = form.values()
        cycle = self.cycle.text().strip()
        if not problem and not cycle:
            problem = self.tr("%1: required").replace("%1", self.cycle_label.text())
        note = self.note.text().strip()
        if not problem and table == "farm_harvest" and self.warning.text() and not note:
            problem = self.tr("Give the reason in the note: the harvest is inside a "
                              "pre-harvest interval.")
        if problem:
            self.status.setText(problem)
            self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")
            return
        user = self.shell.require_user()
        if user is None:
            return
        ts, tz, name = self.shell.now_ms(), self.model.site.tz, user.name
        title = self.entry_title(table)
        model = self.model

        def done(_rid) -> None:
            if alive(self):
                form.clear()
                self.note.clear()
                self.status.setStyleSheet("")
                self.status.setText(self.tr("%1 recorded by %2 at %3.").replace("%1", title)
                                    .replace("%2", name).replace("%3", model.hm(ts)))
            if alive(model):
                model.schedule_reload()

        def finished(ok: bool) -> None:
            if alive(self.record):
                self.record.setEnabled(True)
            if not ok and alive(self):
                self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")
                self.status.setText(self.tr("Not recorded: see the message above."))

        self.record.setEnabled(False)
        self.shell.write(lambda w: write_entry(w, table, values, ts, z.id, cycle, name,
                                               note, tz), done, finished)


# ---------------------------------------------------------------------- VPD and DLI
DLI_DAYS = 14
BAND_STEP_MS = 60_000  # where a band applies, found minute by minute


@dataclass(slots=True)
class ClimateData:
    zone: str
    day: str  # the local (light) day shown
    t0: int
    t1: int
    vpd: list[tuple[int, float]]  # the day's good VPD readings
    spans: list[tuple[int, int, float | None, float | None]]  # where a VPD band applied
    dli: list[farm_report.DayFigures]  # the last DLI_DAYS days, as the weekly report
    out_min: float = 0.0  # minutes of VPD outside the band while it applied
    nights: list[tuple[int, int]] = field(default_factory=list)  # night parts of the day


def band_spans(zone: Zone, site: SiteContext, timeline, t0: int, t1: int
               ) -> list[tuple[int, int, float | None, float | None]]:
    """(from, to, low, high) where each VPD band of the zone applied inside [t0, t1)."""
    dn = DayNight(zone, site)
    out = []
    for band in (b for b in zone.bands if b.input == "vpd"):
        start = None
        t = t0
        while t < t1:
            on = band.applies(farm_report._stage_at(timeline, t), dn.is_day(t))
            if on and start is None:
                start = t
            elif not on and start is not None:
                out.append((start, t, band.low, band.high))
                start = None
            t += BAND_STEP_MS
        if start is not None:
            out.append((start, t1, band.low, band.high))
    return sorted(out)


def dli_days(store: Store, zone: Zone, cfg: FarmConfig, site: SiteContext, t0: int,
             t1: int, known: dict[str, float | None]) -> list[farm_report.DayFigures]:
    """DLI of each light day in [t0, t1) as `report_data.zone_report` sums it (the same
    samples: good readings from `pad` before the day, held sample by sample), light only,
    and days in `known` (whole days already summed) taken from there."""
    pad = int(max(DEFAULT_MAX_GAP_S, zone.max_age_s) * 1000)
    key = zone.inputs[zone.light or ""]
    out = []
    for day, a, b in farm_report.day_bounds(t0, t1, cfg, site):
        a, end = max(a, t0), min(b, t1)
        if b <= t1 and day in known:
            out.append(farm_report.DayFigures(day, dli=known[day]))
            continue
        # the first reading after the day ends closes the hold of its last one
        light = farm_report._good(store, key, a - pad, min(b + pad, t1))
        if zone.light == "solar":
            light = [(ts, max(0.0, v) * zone.solar_factor) for ts, v in light]
        dli = integrate(light, a, end) / 1e9 if any(a <= ts < end for ts, _ in light) \
            else None
        out.append(farm_report.DayFigures(day, dli=dli))
    return out


def climate_data(store: Store, cfg: FarmConfig, site: SiteContext, zone: Zone, day: date,
                 now: int, known: dict[str, float | None] | None = None) -> ClimateData:
    """One zone's day of VPD (readings and the band) and its last DLI_DAYS days of DLI,
    read from the record with the weekly report's own functions."""
    noon = int(datetime.combine(day, datetime.min.time(), site.tz).timestamp() * 1000) + \
        12 * 3_600_000
    t0 = day_start_of(noon, site.tz, cfg.day_start)
    t1 = next_day_start(t0, site.tz, cfg.day_start)
    end = min(t1, now + 1)
    vpd = farm_report._good(store, zone.key("vpd"), t0, end) if zone.has_climate else []
    timeline = farm_report._stage_timeline(store, zone, t1)
    spans = band_spans(zone, site, timeline, t0, t1)
    out_ms = 0
    for i, (ts, v) in enumerate(vpd):
        nxt = vpd[i + 1] if i + 1 < len(vpd) else None
        hold = (nxt[0] if nxt else min(end, ts + int(zone.max_age_s * 1000))) - ts
        for a, b, lo, hi in spans:
            if a <= ts < b and ((lo is not None and v < lo) or (hi is not None and v > hi)):
                out_ms += min(hold, int(zone.max_age_s * 1000))
    d0 = t0
    for _ in range(DLI_DAYS - 1):
        d0 = day_start_of(d0 - 3_600_000, site.tz, cfg.day_start)
    days = dli_days(store, zone, cfg, site, d0, end, known or {}) if zone.light else []
    nights = []
    try:
        lo, hi = DayNight(zone, site).span(datetime.fromtimestamp(t0 / 1000, site.tz).date())
        nights = [(a, b) for a, b in ((t0, min(lo, t1)), (max(hi, t0), t1)) if b > a]
    except ValueError:  # no sunrise and sunset for the site: not shaded
        pass
    return ClimateData(zone.id, datetime.fromtimestamp(t0 / 1000, site.tz).date().isoformat(),
                       t0, t1, vpd, spans, days, out_ms / 60_000, nights)


class ClimatePage(Page):
    """A zone's VPD through one day against its band, and the DLI of the last 14 days
    against the crop's target: the values the record holds, as the weekly report sums
    them."""

    def __init__(self, shell: SectorHost, model: FarmModel) -> None:
        super().__init__(self.tr("VPD and light"))
        self.shell, self.model = shell, model
        self.lang = shell.language
        self.tz = model.site.tz
        self.zones = [z for z in model.cfg.zones if z.has_climate or z.light]
        self.zone = QComboBox()
        self.zone.setMinimumHeight(theme.TOUCH)
        for z in self.zones:
            self.zone.addItem(bilingual(z.name, self.lang), z.id)
        self.prev = QPushButton("◀ " + self.tr("Day before"))
        self.next = QPushButton(self.tr("Day after") + " ▶")
        self.today = QPushButton(self.tr("Today"))
        self.day_label = QLabel()
        self.day_label.setStyleSheet("font-size: 17px; font-weight: 700;")
        for b in (self.prev, self.next, self.today):
            b.setMinimumHeight(theme.TOUCH)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Zone")))
        bar.addWidget(self.zone)
        bar.addSpacing(16)
        bar.addWidget(self.prev)
        bar.addWidget(self.day_label)
        bar.addWidget(self.next)
        bar.addWidget(self.today)
        bar.addStretch(1)
        self.body.addWidget(title_label(self.tr("VPD and daily light")))
        self.body.addLayout(bar)
        self.vpd_title = QLabel(self.tr("VPD through the day (kPa); green: the band where "
                                        "it applies; grey: night"))
        self.vpd_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.body.addWidget(self.vpd_title)
        self.vpd = TimePlot(self.tz, "kPa")
        self.vpd.setMinimumHeight(220)
        self.body.addWidget(self.vpd, 1)
        self.vpd_note = muted_label()
        self.body.addWidget(self.vpd_note)
        self.dli_title = QLabel(self.tr("Daily light integral, last 14 days (mol/m²/day); "
                                        "shaded: the crop's target"))
        self.dli_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.body.addWidget(self.dli_title)
        self.dli = BarPlot("mol/m²/d")
        self.dli.setMinimumHeight(200)
        self.body.addWidget(self.dli, 1)
        self.dli_note = muted_label()
        self.body.addWidget(self.dli_note)
        self.data: ClimateData | None = None
        self._busy = self._again = False
        self._whole: dict[str, dict[str, float | None]] = {}  # zone -> whole days' DLI
        self.day = datetime.fromtimestamp(shell.now_ms() / 1000, self.tz).date()
        self.follow_today = True
        self.zone.currentIndexChanged.connect(lambda _i: self.reload())
        self.prev.clicked.connect(lambda: self.shift(-1))
        self.next.clicked.connect(lambda: self.shift(1))
        self.today.clicked.connect(lambda: self.shift(0))
        model.changed.connect(self.reload)
        self.reload()

    def current_zone(self) -> Zone | None:
        return self.model.zone(str(self.zone.currentData()))

    def shift(self, days: int) -> None:
        today = datetime.fromtimestamp(self.shell.now_ms() / 1000, self.tz).date()
        self.day = today if days == 0 else min(today, self.day + timedelta(days=days))
        self.follow_today = self.day == today
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Read the shown day again (only while the page is shown: the model's reload
        every few seconds would otherwise read two weeks of light for nobody)."""
        z = self.current_zone()
        if z is None or not self.isVisible():
            return
        if self._busy:
            self._again = True
            return
        now = self.shell.now_ms()
        if self.follow_today:
            self.day = datetime.fromtimestamp(now / 1000, self.tz).date()
        cfg, site, day = self.model.cfg, self.model.site, self.day
        known = dict(self._whole.get(z.id, {}))
        self._busy = True

        def job(store: Store) -> ClimateData | None:
            try:
                return climate_data(store, cfg, site, z, day, now, known)
            except Exception:  # a locked or damaged record: keep what is shown
                log.exception("farm climate page not loaded")
                return None

        if not self.shell.read(job, self._loaded):
            self._busy = False

    def _loaded(self, d: ClimateData | None) -> None:
        if not alive(self):
            return
        self._busy = False
        if d is not None:
            whole = self._whole.setdefault(d.zone, {})
            for f in d.dli[:-1]:  # every day but the newest is whole: summed once
                whole[f.day] = f.dli
            self._show(d)
        if self._again:
            self._again = False
            self.reload()

    def _show(self, d: ClimateData) -> None:
        self.data = d
        z = self.model.zone(d.zone)
        if z is None:
            return
        today = datetime.fromtimestamp(self.shell.now_ms() / 1000, self.tz).date()
        self.next.setEnabled(self.day < today)
        self.day_label.setText(d.day + (" (" + self.tr("today") + ")"
                                        if d.day == today.isoformat() else ""))
        # VPD
        self.vpd.set_range(d.t0, d.t1)
        self.vpd.set_shade(d.nights, label=self.tr("night"))
        self.vpd.set_bands(d.spans)
        self.vpd.set_series(d.vpd)
        if not z.has_climate:
            text = self.tr("This zone has no air temperature and humidity pair: no VPD.")
        elif not d.vpd:
            text = self.tr("No VPD recorded on this day.")
        else:
            vs = [v for _t, v in d.vpd]
            text = self.tr("Lowest %1, highest %2, latest %3 kPa (at %4).").replace(
                "%1", f"{min(vs):.2f}").replace("%2", f"{max(vs):.2f}").replace(
                "%3", f"{vs[-1]:.2f}").replace("%4", self.model.hm(d.vpd[-1][0]))
            bands = sorted({(lo, hi) for _a, _b, lo, hi in d.spans}, key=str)
            if bands:
                text += " " + self.tr("Band %1 kPa; outside it for %2 min while it "
                                      "applied.").replace(
                    "%1", ", ".join(f"{'' if lo is None else f'{lo:g}'}–"
                                    f"{'' if hi is None else f'{hi:g}'}"
                                    for lo, hi in bands)).replace("%2", f"{d.out_min:.0f}")
            else:
                text += " " + self.tr("No VPD band is set for this zone.")
        self.vpd_note.setText(text + " " + self.tr(
            "VPD by the Tetens formula (FAO-56) from air temperature and humidity."))
        # DLI
        target = z.dli_target
        bars, colours = [], []
        for f in d.dli:
            label = f.day[5:]
            if f.day == today.isoformat():
                label += "\n" + self.tr("so far")
            bars.append((label, f.dli))
            if f.dli is None or f.day == today.isoformat():
                colours.append(theme.STALE)
            elif target and f.dli < target[0]:
                colours.append(theme.WARN)
            elif target and f.dli > target[1]:
                colours.append(theme.INFO)
            else:
                colours.append(theme.OK)
        self.dli.set_bars(bars, colours, target, self.tr("target %1–%2").replace(
            "%1", f"{target[0]:g}").replace("%2", f"{target[1]:g}") if target else "")
        if not z.light:
            self.dli_note.setText(self.tr("This zone has no light sensor: no DLI."))
            return
        done = [f for f in d.dli if f.dli is not None and f.day != today.isoformat()]
        text = self.tr("Days with a figure: %1 of %2.").replace(
            "%1", str(len(done))).replace("%2", str(len(d.dli) - (d.dli[-1].day ==
                                                                  today.isoformat())))
        if target:
            low = sum(1 for f in done if f.dli < target[0])
            high = sum(1 for f in done if f.dli > target[1])
            text += " " + self.tr("Below the target: %1 days; above: %2 days.").replace(
                "%1", str(low)).replace("%2", str(high))
        else:
            text += " " + self.tr("No DLI target is set for this crop.")
        self.dli_note.setText(text + " " + self.tr(
            "DLI = light summed over the day from %1 (a day with no light reading has no "
            "bar).").replace("%1", f"{self.model.cfg.day_start:%H:%M}"))


# ---------------------------------------------------------------------- contract
def pages(shell: SectorHost) -> list[QWidget]:
    model = FarmModel(shell)
    zones = ZonesPage(shell, model)
    model.setParent(zones)  # lives and dies with the pages (rebuilt on a language change)
    out: list[QWidget] = [zones]
    if any(z.has_climate or z.light for z in model.cfg.zones):
        out.append(ClimatePage(shell, model))
    return [*out, CropLogPage(shell, model)]
