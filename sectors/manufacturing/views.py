"""The manufacturing sector's pages: the machine board (state, since when, today's counts,
the current shift's OEE parts, the stops that ask for a reason, the running lot) and OEE
by shift with the downtime Pareto.

Built from the host kit alone (`deungdae.desktop.ui.kit`). The figures are computed from
the record on the host's read worker with the functions the reports use
(`report_data.shift_data` for the shift in progress, `report_data.monthly_data` for the
shifts that ended), so the board, the table and the printed reports agree. An operator's
stop reason, lot start and lot end are written on the host's records worker as the
signed-in user through `sectors.manufacturing.records` (row and entry event): the reason
event closes the `manufacturing.stop_unexplained` incident it answers (matched on the
stop's start), and the row holds the reason's key, never its label.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui.kit import (
    CorrectiveActionDialog,
    EntryWriter,
    Page,
    SectorHost,
    SignOffDialog,
    SnapshotModel,
    TimePlot,
    alive,
    card_grid,
    data_table,
    muted_label,
    theme,
    title_label,
)
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.names import local_name
from deungdae.sectors.manufacturing import records
from deungdae.sectors.manufacturing import report_data as rd
from deungdae.sectors.manufacturing.calendar import calendar
from deungdae.sectors.manufacturing.config import Machine, Settings
from deungdae.sectors.manufacturing.figures import (
    CODE_STATES,
    STATE_EN,
    STATE_KO,
    ShiftFigures,
)
from deungdae.sectors.manufacturing.machine_state import State
from deungdae.sectors.manufacturing.oee import UNASSIGNED
from deungdae.sectors.manufacturing.report_text import hms
from deungdae.sectors.manufacturing.rules import state_key

log = logging.getLogger(__name__)

RELOAD_MS = 10_000
WEEK_MS = 7 * 86_400_000
PROMPT_KIND = "manufacturing.stop_unexplained"
# incidents a machine's card also carries: a lot out of its window (until verified and
# signed), a survey or calibration overdue (until it is done)
OTHER_KINDS = ("manufacturing.lot_out_of_window", "manufacturing.calibration_overdue")
STATE_COLOURS = {State.RUNNING: theme.OK, State.IDLE: theme.WARN, State.SETUP: theme.INFO,
                 State.PLANNED_STOP: theme.MUTED, State.BREAKDOWN: theme.ALARM,
                 State.OFF: "#37474f", State.UNKNOWN: theme.STALE}
STATE_TINTS = {State.RUNNING: "#e8f5ec", State.IDLE: "#fff4e5", State.SETUP: "#e8f0fa",
               State.PLANNED_STOP: "#eef0f2", State.BREAKDOWN: "#fdecec",
               State.OFF: "#e6e9eb", State.UNKNOWN: "#f1f1f1"}


bilingual = local_name  # a template's "한국어 (English)" name in the window's language


def state_words(state: State, lang: str) -> str:
    return (STATE_KO if lang.startswith("ko") else STATE_EN)[state]


def reason_words(settings: Settings, key: str | None, lang: str) -> str:
    r = settings.reasons.get(key or "")
    if r is None:
        return ""
    return r.ko if lang.startswith("ko") else r.en


# ---------------------------------------------------------------------- the snapshot
@dataclass(slots=True)
class MachineNow:
    machine: Machine
    state: State = State.UNKNOWN
    since_ms: int | None = None
    shift: ShiftFigures | None = None  # the shift in progress, cut at now
    good_today: int = 0
    scrap_today: int = 0
    lot: dict | None = None  # the lot running: lot, recipe, start, by


@dataclass(slots=True)
class MfgSnapshot:
    at: int
    shift_name: str | None
    machines: list[MachineNow] = field(default_factory=list)
    shifts: list[tuple[dt.date, ShiftFigures]] = field(default_factory=list)  # newest first
    pareto: list[tuple[str, int, int]] = field(default_factory=list)  # reason, ms, stops
    # the week's ended shifts per machine and all machines (OEE summed over shifts the
    # way the monthly report does: times and ideal times added, then divided)
    week: list[rd.MachineMonth] = field(default_factory=list)


def _since(store: Store, key: str, now: int) -> tuple[State, int | None]:
    """The state the machine's state channel holds now and when it took it."""
    rows = rd.series(store, key, now - 12 * 3_600_000, now + 1)
    if not rows or rows[-1][1] is None:
        return State.UNKNOWN, rows[-1][0] if rows else None
    last = rows[-1][1]
    since = rows[-1][0]
    for ts, v in reversed(rows):
        if v != last:
            break
        since = ts
    return CODE_STATES.get(int(last), State.UNKNOWN), since


def _lots(store: Store, now: int) -> dict[str, dict]:
    """The lot running on each machine (started, not yet ended)."""
    out: dict[str, dict] = {}
    for e in store.events(now - WEEK_MS, now + 1, kinds=(
            "manufacturing.lot_start", "manufacturing.lot_end", "manufacturing.lot"),
            limit=100_000):
        mid = str(e.data.get("machine", ""))
        if e.kind == "manufacturing.lot_start":
            out[mid] = {"lot": e.data.get("lot"), "recipe": e.data.get("recipe"),
                        "start": e.ts, "by": e.user}
        elif mid in out and (e.kind == "manufacturing.lot_end"
                             or e.data.get("lot") == out[mid]["lot"]):
            out.pop(mid)
    return out


def load(store: Store, p: rd.Plant, now: int) -> MfgSnapshot:
    cal = calendar(p.site, p.settings)
    cur = cal.shift_at(now)
    days = {i.start_ms: i.day for i in cal.instances(now - WEEK_MS - 86_400_000, now + 1)}
    ended = rd.monthly_data(store, p, now - WEEK_MS, cur.start_ms if cur else now + 1)
    live = rd.shift_data(store, p, cur.start_ms, cur.start_ms + 1, now_ms=now) if cur else []
    today = cur.day if cur else dt.datetime.fromtimestamp(now / 1000, p.site.tz).date()
    snap = MfgSnapshot(now, cur.name if cur else None)
    lots = _lots(store, now)
    every = [(days.get(f.start_ms, today), f) for f in (*ended.shifts, *live)]
    for m in p.settings.machines:
        mn = MachineNow(m, *_since(store, state_key(m.id), now))
        mn.shift = next((f for f in live if f.machine == m.id), None)
        for day, f in every:
            if f.machine == m.id and day == today:
                mn.good_today += f.result.good
                mn.scrap_today += f.result.produced - f.result.good
        mn.lot = lots.get(m.id)
        snap.machines.append(mn)
    snap.shifts = sorted(every, key=lambda x: (-x[1].start_ms, x[1].machine))
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _day, f in every:
        for row in f.pareto:
            acc[row.reason][0] += row.duration_ms
            acc[row.reason][1] += row.count
    snap.pareto = sorted(((k, v[0], v[1]) for k, v in acc.items()), key=lambda x: (-x[1], x[0]))
    snap.week = [*ended.machines, ended.total]
    return snap


class MfgModel(SnapshotModel):
    """The latest `MfgSnapshot`, reloaded off the GUI thread; pages listen to `changed`."""

    def __init__(self, shell: SectorHost, parent: QObject | None = None) -> None:
        super().__init__(shell, RELOAD_MS, "manufacturing snapshot", parent)
        self.lang = shell.language
        try:
            self.plant: rd.Plant | None = rd.plant(shell.site_config)
            self.error = ""
        except ValueError as exc:  # the settings page says the same; show it, load nothing
            self.plant, self.error = None, str(exc)
        self.snapshot: MfgSnapshot | None = None
        shell.incidents_changed.connect(self.changed)
        self.reload()

    @property
    def settings(self) -> Settings:
        assert self.plant is not None
        return self.plant.settings

    @property
    def tz(self):
        return self.plant.site.tz if self.plant else self.shell.tz

    def snapshot_job(self):
        if self.plant is None:
            return None
        p, now = self.plant, self.shell.now_ms()
        return lambda store: load(store, p, now)

    def prompts(self, machine: str) -> list:
        """Open 'stop needs a reason' incidents of `machine`, oldest first."""
        out = [i for i in self.shell.open_incidents() if i.kind.kind == PROMPT_KIND
               and isinstance(i.opened.data, dict) and i.opened.data.get("machine") == machine]
        return sorted(out, key=lambda i: i.opened.data.get("stop_start", 0))

    def others(self, machine: str) -> list:
        """Open lot and calibration incidents of `machine`, oldest first."""
        return [i for i in self.shell.open_incidents() if i.kind.kind in OTHER_KINDS
                and isinstance(i.opened.data, dict) and i.opened.data.get("machine") == machine]

    def hm(self, ts: int | None) -> str:
        return "—" if ts is None else dt.datetime.fromtimestamp(ts / 1000, self.tz).strftime(
            "%H:%M")

    def name(self, m: Machine) -> str:
        return bilingual(m.name, self.lang)


class _Words(QObject):
    def shift(self, name: str | None) -> str:
        if not name:
            return self.tr("no shift now")
        return {"day": self.tr("day shift"), "night": self.tr("night shift"),
                "morning": self.tr("morning shift"), "afternoon": self.tr("afternoon shift"),
                "evening": self.tr("evening shift")}.get(name.lower(), name)


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f} %"


def hm_ms(ms: int | float | None) -> str:
    if ms is None:
        return "—"
    m = round(ms / 60_000)
    return f"{m // 60}:{m % 60:02d}"


# ---------------------------------------------------------------------- dialogs
class ReasonDialog(QDialog):
    """The template's reason tree; only a leaf can be chosen (its key is stored)."""

    def __init__(self, settings: Settings, about: str, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stop reason"))
        self.settings = settings
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setStyleSheet("QTreeWidget { font-size: 17px; } "
                                "QTreeWidget::item { min-height: 44px; }")
        leaves = settings.leaf_reasons()
        items: dict[str, QTreeWidgetItem] = {}
        for key, r in settings.reasons.items():  # parents come before their children
            text = r.ko if lang.startswith("ko") else r.en
            parent_item = items.get(r.parent or "")
            item = QTreeWidgetItem([text])
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            if key not in leaves:
                f = item.font(0)
                f.setBold(True)
                item.setFont(0, f)
            if parent_item is not None:
                parent_item.addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            items[key] = item
        self.tree.expandAll()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record reason"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tree.currentItemChanged.connect(self._changed)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(about))
        lay.addWidget(muted_label(self.tr("Choose what stopped the machine (a line in bold is "
                                          "a group: choose one of its lines).")))
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.buttons)
        self.resize(520, 560)
        self._changed()

    def reason(self) -> str | None:
        item = self.tree.currentItem()
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return key if key in self.settings.leaf_reasons() else None

    def choose(self, key: str) -> None:
        for item in self.tree.findItems("", Qt.MatchFlag.MatchContains
                                        | Qt.MatchFlag.MatchRecursive):
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                self.tree.setCurrentItem(item)

    def _changed(self, *_a) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.reason() is not None)


class LotDialog(QDialog):
    """A lot (charge, heat, batch) started on a machine: its number and recipe."""

    def __init__(self, settings: Settings, m: Machine, suggested: str, lang: str,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start lot"))
        self.lot = QLineEdit(suggested)
        self.lot.setMinimumHeight(theme.TOUCH)
        self.recipe = QComboBox()
        for rid, rec in settings.recipes.items():
            self.recipe.addItem(bilingual(rec.name, lang), rid)
        if m.lot is not None and self.recipe.findData(m.lot.recipe) >= 0:
            self.recipe.setCurrentIndex(self.recipe.findData(m.lot.recipe))
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start lot"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Lot number"), self.lot)
        form.addRow(self.tr("Recipe"), self.recipe)
        form.addRow(self.problem)
        form.addRow(buttons)

    def accept(self) -> None:
        if not self.lot.text().strip():
            self.problem.setText(self.tr("Enter the lot number."))
            return
        if self.recipe.currentData() is None:
            self.problem.setText(self.tr("This plant has no recipe to run a lot with."))
            return
        super().accept()


# ---------------------------------------------------------------------- the board
class MachineCard(QFrame):
    def __init__(self, page: BoardPage, m: Machine) -> None:
        super().__init__()
        self.page, self.m, self.model = page, m, page.model
        self.setObjectName("machinecard")
        self.setMinimumWidth(440)
        self.name = QLabel(self.model.name(m))
        self.name.setStyleSheet("font-size: 19px; font-weight: 700;")
        self.name.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("machinestate")
        self.state.setMinimumHeight(64)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.since = QLabel()
        self.since.setStyleSheet("font-size: 15px;")
        self.counts = QLabel()
        self.counts.setStyleSheet("font-size: 17px; font-weight: 700;")
        self.oee_title = QLabel()
        self.oee_title.setStyleSheet("font-size: 14px;")
        self.parts: dict[str, QLabel] = {}
        grid = QGridLayout()
        for col, (key, text) in enumerate((("availability", self.tr("Availability")),
                                           ("performance", self.tr("Performance")),
                                           ("quality", self.tr("Quality")),
                                           ("oee", self.tr("OEE")))):
            head = QLabel(text)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            head.setStyleSheet("font-size: 13px;")
            value = QLabel("—")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setStyleSheet("font-size: 22px; font-weight: 700;")
            grid.addWidget(head, 0, col)
            grid.addWidget(value, 1, col)
            self.parts[key] = value
        self.lot = QLabel()
        self.lot.setWordWrap(True)
        self.lot.setStyleSheet("font-size: 15px;")
        self.lot_button = QPushButton()
        self.lot_button.setMinimumHeight(theme.TOUCH)
        self.lot_button.clicked.connect(lambda: page.lot_action(m))
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(f"font-size: 16px; font-weight: 700; color: {theme.WARN};")
        self.reason_button = QPushButton(self.tr("Enter stop reason…"))
        self.reason_button.setProperty("role", "primary")
        self.reason_button.setMinimumHeight(theme.TOUCH)
        self.reason_button.clicked.connect(lambda: page.ask_reason(m))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(6)
        lay.addWidget(self.name)
        lay.addWidget(self.state)
        lay.addWidget(self.since)
        lay.addWidget(self.counts)
        lay.addWidget(self.oee_title)
        lay.addLayout(grid)
        lot_row = QHBoxLayout()
        lot_row.addWidget(self.lot, 1)
        lot_row.addWidget(self.lot_button)
        lay.addLayout(lot_row)
        lay.addWidget(self.prompt)
        lay.addWidget(self.reason_button)
        self.others = QLabel()
        self.others.setWordWrap(True)
        self.others.setStyleSheet(f"font-size: 15px; font-weight: 700; color: {theme.ALARM};")
        self.act_other = QPushButton(self.tr("Record cause and action…"))
        self.act_other.setMinimumHeight(theme.TOUCH)
        self.act_other.clicked.connect(lambda: page.act_on_other(m))
        self.sign_other = QPushButton(self.tr("Verify and sign…"))
        self.sign_other.setMinimumHeight(theme.TOUCH)
        self.sign_other.clicked.connect(lambda: page.sign_other(m))
        row = QHBoxLayout()
        row.addWidget(self.act_other)
        row.addWidget(self.sign_other)
        lay.addWidget(self.others)
        lay.addLayout(row)
        lay.addStretch(1)
        for widget in (self.prompt, self.reason_button, self.others, self.act_other,
                       self.sign_other):
            widget.hide()  # until a loaded snapshot says there is something to answer
        self.refresh()

    def now(self) -> MachineNow | None:
        snap = self.model.snapshot
        return next((x for x in snap.machines if x.machine.id == self.m.id), None) if snap \
            else None

    def refresh(self) -> None:
        mn = self.now()
        lang = self.model.lang
        state = mn.state if mn else State.UNKNOWN
        colour = STATE_COLOURS[state]
        self.state.setText(state_words(state, lang))
        self.state.setStyleSheet(
            f"QLabel#machinestate {{ font-size: 30px; font-weight: 800; color: white;"
            f" background: {colour}; border-radius: 8px; }}")
        self.setStyleSheet(
            f"QFrame#machinecard {{ background: {STATE_TINTS[state]}; border: 1px solid"
            f" {theme.LINE}; border-left: 12px solid {colour}; border-radius: 8px; }}")
        snap = self.model.snapshot
        if mn is None or snap is None:
            self.since.setText(self.tr("Loading…"))
            return
        if mn.since_ms is not None:
            mins = max(0, (snap.at - mn.since_ms) // 60_000)
            self.since.setText(self.tr("since %1 (%2 min)").replace(
                "%1", self.model.hm(mn.since_ms)).replace("%2", str(mins)))
        else:
            self.since.setText(self.tr("no state recorded yet"))
        self.counts.setText(self.tr("Today: %1 good, %2 scrap").replace(
            "%1", f"{mn.good_today:,}").replace("%2", f"{mn.scrap_today:,}"))
        words = self.page.words
        if mn.shift is not None:
            self.oee_title.setText(self.tr("This shift (%1, since %2):").replace(
                "%1", words.shift(snap.shift_name)).replace("%2", self.model.hm(
                    mn.shift.start_ms)))
            r = mn.shift.result
            values = {"availability": r.availability, "performance": r.performance,
                      "quality": r.quality, "oee": r.oee}
        else:
            self.oee_title.setText(self.tr("No shift now: nothing is planned."))
            values = dict.fromkeys(self.parts)
        for key, label in self.parts.items():
            label.setText(pct(values[key]))
        if mn.lot:
            rec = self.model.settings.recipes.get(str(mn.lot.get("recipe")))
            self.lot.setText(self.tr("Lot %1 · %2 · started %3 by %4").replace(
                "%1", str(mn.lot["lot"])).replace(
                "%2", bilingual(rec.name, lang) if rec else str(mn.lot.get("recipe")))
                .replace("%3", self.model.hm(mn.lot["start"])).replace("%4", mn.lot["by"]))
            self.lot_button.setText(self.tr("End lot"))
        elif self.m.lot is not None and self.m.lot.start == "above" and self.m.lot.channel:
            rule = self.m.lot
            cv = self.model.shell.channel_view(str(rule.channel))
            named = cv is not None and cv.name and cv.name != rule.channel
            unit = f" {cv.unit}" if cv is not None and cv.unit else ""
            text = (self.tr("Lots start by themselves when %1 rises above %2 and end below "
                            "%3.") if named else  # a channel without a name: no code shown
                    self.tr("Lots start by themselves when the signal rises above %2 and "
                            "end below %3."))
            self.lot.setText(text.replace("%1", bilingual(cv.name, lang) if named else "")
                             .replace("%2", f"{rule.above:g}{unit}")
                             .replace("%3", f"{rule.below:g}{unit}"))
            self.lot_button.setText(self.tr("Start lot…"))
        else:
            self.lot.setText(self.tr("No lot running."))
            self.lot_button.setText(self.tr("Start lot…"))
        self.lot_button.setEnabled(bool(self.model.settings.recipes) and not self.page.writing)
        prompts = self.model.prompts(self.m.id)
        if prompts:
            starts = ", ".join(self.model.hm(i.opened.data.get("stop_start")) for i in prompts)
            self.prompt.setText(self.tr("%1 stop(s) without a reason (from %2)").replace(
                "%1", str(len(prompts))).replace("%2", starts))
        else:
            self.prompt.setText("")
        self.prompt.setVisible(bool(prompts))
        self.reason_button.setVisible(bool(prompts))
        self.reason_button.setEnabled(not self.page.writing)
        others = self.model.others(self.m.id)
        self.others.setText("\n".join(self.page.other_text(i) for i in others))
        self.others.setVisible(bool(others))
        first = others[0] if others else None
        self.act_other.setVisible(first is not None and not first.actions)
        self.sign_other.setVisible(first is not None and bool(first.actions)
                                   and first.kind.until == "verified")
        self.act_other.setEnabled(not self.page.writing)


class BoardPage(Page):
    incident_kinds = (PROMPT_KIND,)

    def __init__(self, shell: SectorHost, model: MfgModel) -> None:
        super().__init__(self.tr("Machine board"))
        self.shell, self.model = shell, model
        self.words = _Words(self)
        self.writing = False
        self.cards = [MachineCard(self, m) for m in model.settings.machines] \
            if model.plant else []
        scroll = card_grid(self.cards)
        self.status = muted_label()
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Machine board")))
        top.addStretch(1)
        top.addWidget(self.status)
        self.body.addLayout(top)
        if model.error:
            self.body.addWidget(muted_label(model.error))
        self.body.addWidget(scroll, 1)
        model.changed.connect(self.refresh)

    def refresh(self) -> None:
        for c in self.cards:
            c.refresh()
        n = sum(len(self.model.prompts(m.id)) for m in self.model.settings.machines) \
            if self.model.plant else 0
        self.shell.set_badge(self, n, "warning")

    def describe_incident(self, incident) -> str:
        data = incident.opened.data if isinstance(incident.opened.data, dict) else {}
        try:
            m = self.model.settings.machine(str(data.get("machine", "")))
        except (KeyError, AssertionError):
            return ""
        return self.tr("%1: stopped at %2").replace(
            "%1", self.model.name(m)).replace("%2", self.model.hm(data.get("stop_start")))

    def describe_event(self, row) -> str:
        """A manufacturing event row in the window's language, from its data ("" if
        unreadable): a stop and its reason, a lot and its verdict, a shift's OEE."""
        data = row.data if isinstance(row.data, dict) else {}
        settings, lang = self.model.settings, self.shell.language
        try:
            m = settings.machine(str(data.get("machine", "")))
        except (KeyError, AssertionError):
            m = None
        where = self.model.name(m) if m is not None else ""
        kind, lot = row.kind, str(data.get("lot", ""))
        if kind == "manufacturing.stop_reason" and where:
            r = settings.reasons.get(str(data.get("reason", "")))
            said = (r.ko if lang.startswith("ko") else r.en) if r else str(data.get("reason"))
            return self.tr("%1: stop from %2, reason: %3").replace("%1", where).replace(
                "%2", self.model.hm(data.get("stop_start"))).replace("%3", said)
        if kind == "manufacturing.lot_start" and where:
            return self.tr("%1: lot %2 started").replace("%1", where).replace("%2", lot)
        if kind == "manufacturing.lot_end" and where:
            return self.tr("%1: lot %2 ended").replace("%1", where).replace("%2", lot)
        if kind in ("manufacturing.lot", "manufacturing.lot_out_of_window") and where \
                and isinstance(data.get("passed"), bool):
            if data["passed"]:
                return self.tr("%1: lot %2 within its process window").replace(
                    "%1", where).replace("%2", lot)
            return self.tr("%1: lot %2 out of its process window (%3)").replace(
                "%1", where).replace("%2", lot).replace(
                "%3", ", ".join(str(f) for f in data.get("failed") or []))
        if kind == "manufacturing.shift" and where:
            oee = data.get("oee")
            return self.tr("%1: %2, OEE %3").replace("%1", where).replace(
                "%2", self.words.shift(str(data.get("shift", "")))).replace(
                "%3", pct(oee) if isinstance(oee, int | float) else "—")
        return ""

    def select_incident(self, event_id: int) -> bool:
        return any(i.id == event_id for i in self.shell.open_incidents())

    # ------------------------------------------------------------------ actions
    def _write(self, job, message: str) -> None:
        model = self.model

        def done(_r) -> None:
            if alive(self):
                self.status.setText(message)
            if alive(model):
                model.schedule_reload()

        def finished(ok: bool) -> None:
            if alive(self):
                self.writing = False
                self.refresh()

        self.writing = True
        self.refresh()
        self.shell.write(job, done, finished)

    def ask_reason(self, m: Machine) -> None:
        prompts = self.model.prompts(m.id)
        if not prompts:
            return
        user = self.shell.require_user()
        if user is None:
            return
        inc = prompts[0]  # the oldest first
        stop_start = int(inc.opened.data["stop_start"])
        mn = next((x for x in self.model.snapshot.machines if x.machine.id == m.id), None) \
            if self.model.snapshot else None
        stop_end = None
        if mn is not None and mn.shift is not None:
            stop = next((s for s in mn.shift.stops if s.start_ms <= stop_start < s.end_ms),
                        None)
            if stop is not None and stop.end_ms < mn.shift.end_ms:
                stop_end = stop.end_ms  # it is over; an ongoing stop has no end yet
        about = self.tr("%1: stopped at %2").replace("%1", self.model.name(m)).replace(
            "%2", self.model.hm(stop_start))
        dlg = ReasonDialog(self.model.settings, about, self.model.lang, self)
        try:
            if not dlg.exec():
                return
            reason = dlg.reason()
        finally:
            dlg.deleteLater()
        if reason is None:
            return
        settings, now, name = self.model.settings, self.shell.now_ms(), user.name
        label = reason_words(settings, reason, self.model.lang)

        def job(w: EntryWriter) -> int:
            return records.record_stop_reason(w.store, w.append_id, settings, m.id, stop_start,
                                              reason, name, now, stop_end=stop_end)

        self._write(job, self.tr("Reason recorded: %1 (%2).").replace("%1", label)
                    .replace("%2", name))

    def other_text(self, inc) -> str:
        """A lot out of its window or an overdue calibration, in the window's words."""
        d = inc.opened.data if isinstance(inc.opened.data, dict) else {}
        if inc.kind.kind == "manufacturing.lot_out_of_window":
            text = self.tr("▲ Lot %1 left its process window (ended %2)").replace(
                "%1", str(d.get("lot", ""))).replace("%2", self.model.hm(d.get("end")))
        else:
            cal = next((c for c in self.model.settings.calibrations
                        if c.id == d.get("item")), None)
            text = self.tr("▲ %1 overdue since %2").replace(
                "%1", bilingual(cal.title, self.model.lang) if cal else str(d.get("item")))\
                .replace("%2", str(d.get("due", "")))
        for a in inc.actions:
            ad = a.data if isinstance(a.data, dict) else {}
            text += "\n" + self.tr("action by %1: %2").replace("%1", a.user).replace(
                "%2", str(ad.get("action", "")))
        return text

    def act_on_other(self, m: Machine) -> None:
        others = [i for i in self.model.others(m.id) if not i.actions]
        user = self.shell.require_user() if others else None
        if user is None:
            return
        inc = others[0]
        dlg = CorrectiveActionDialog(self.other_text(inc).lstrip("▲ "), self,
                                     fields=inc.kind.fields, lang=self.model.lang)
        try:
            if not dlg.exec():
                return
            values = dlg.values()
        finally:
            dlg.deleteLater()
        ev = NewEvent(ts=self.shell.now_ms(), kind="corrective.action", user=user.name,
                      ref_id=inc.id, channel=inc.opened.channel,
                      message=f"개선조치 (corrective action): {values.get('action', '')}",
                      data=values)
        self._write(lambda w: w.append_id(ev), self.tr("Action recorded (%1).").replace(
            "%1", user.name))

    def sign_other(self, m: Machine) -> None:
        others = [i for i in self.model.others(m.id) if i.actions
                  and i.kind.until == "verified"]
        user = self.shell.require_user() if others else None
        if user is None:
            return
        if not user.can_sign_off:
            self.status.setText(self.tr("Only a manager can verify and sign. Log in as a "
                                        "manager."))
            return
        inc = others[0]
        dlg = SignOffDialog(self.other_text(inc).lstrip("▲ "), user.name, self)
        self.shell.sign_with(dlg, inc.opened, user.name)
        try:
            dlg.exec()
        finally:
            dlg.deleteLater()
        self.model.schedule_reload()

    def lot_action(self, m: Machine) -> None:
        mn = next((x for x in self.model.snapshot.machines if x.machine.id == m.id), None) \
            if self.model.snapshot else None
        user = self.shell.require_user()
        if user is None:
            return
        settings, now, name = self.model.settings, self.shell.now_ms(), user.name
        if mn is not None and mn.lot:
            lot = str(mn.lot["lot"])
            self._write(lambda w: records.end_lot(w.store, w.append_id, m.id, name, now),
                        self.tr("Lot %1 ended by %2.").replace("%1", lot).replace("%2", name))
            return
        local = dt.datetime.fromtimestamp(now / 1000, self.model.tz)
        dlg = LotDialog(settings, m, f"{m.id}-{local:%Y%m%d-%H%M}", self.model.lang, self)
        try:
            if not dlg.exec():
                return
            lot, recipe = dlg.lot.text().strip(), str(dlg.recipe.currentData())
        finally:
            dlg.deleteLater()
        self._write(lambda w: records.start_lot(w.append_id, settings, m.id, lot, recipe, name,
                                                now),
                    self.tr("Lot %1 started by %2.").replace("%1", lot).replace("%2", name))


# ---------------------------------------------------------------------- OEE by shift
class OeePage(Page):
    def __init__(self, shell: SectorHost, model: MfgModel) -> None:
        super().__init__(self.tr("OEE by shift"))
        self.shell, self.model = shell, model
        self.words = _Words(self)
        self.table = data_table([
            self.tr("Day"), self.tr("Shift"), self.tr("Machine"), self.tr("Planned time"),
            self.tr("Running"), self.tr("Availability"), self.tr("Performance"),
            self.tr("Quality"), self.tr("OEE"), self.tr("Good"), self.tr("Scrap"),
            self.tr("Stops without reason")], (2,))
        self.pareto = data_table([self.tr("Stop reason"), self.tr("Downtime"),
                                  self.tr("Stops"), self.tr("Share"), self.tr("Cumulative")],
                                 (0,))
        self.body.addWidget(title_label(self.tr("OEE by shift")))
        self.body.addWidget(muted_label(self.tr(
            "The last 7 days, newest first; the shift in progress counts up to now. "
            "Availability = running ÷ planned time; performance = ideal cycle × pieces ÷ "
            "running; quality = good ÷ pieces; OEE = the three multiplied (ISO 22400).")))
        self.body.addWidget(self.table, 3)
        self.week = data_table([
            self.tr("Machine"), self.tr("Shifts"), self.tr("Planned time"), self.tr("Running"),
            self.tr("Availability"), self.tr("Performance"), self.tr("Quality"),
            self.tr("OEE"), self.tr("Good"), self.tr("Scrap")], (0,))
        self.body.addWidget(title_label(self.tr("The week by machine (ended shifts)")))
        self.body.addWidget(self.week, 2)
        self.body.addWidget(title_label(self.tr("Downtime by reason (Pareto)")))
        self.body.addWidget(self.pareto, 2)
        model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        snap = self.model.snapshot
        rows = snap.shifts if snap else []
        self.table.setRowCount(len(rows))
        for i, (day, f) in enumerate(rows):
            r = f.result
            scrap = r.produced - r.good
            shift = self.words.shift(f.shift)
            if f.in_progress:
                shift += " " + self.tr("(in progress)")
            m = self.model.settings.machine(f.machine)
            cells = [day.strftime("%m-%d"), shift, self.model.name(m), hm_ms(r.planned_busy_ms),
                     hm_ms(r.actual_production_ms), pct(r.availability), pct(r.performance),
                     pct(r.quality), pct(r.oee), f"{r.good:,}", f"{scrap:,}",
                     str(len(f.unexplained))]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if col == 8:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if col == 11 and f.unexplained:
                    item.setForeground(QColor(theme.WARN))
                self.table.setItem(i, col, item)
        week = snap.week if snap else []
        self.week.setRowCount(len(week))
        for i, mm in enumerate(week):
            name = (self.tr("All machines") if i == len(week) - 1 else
                    self.model.name(mm.machine))
            cells = [name, str(mm.shifts), hm_ms(mm.planned_busy_ms), hm_ms(mm.apt_ms),
                     pct(mm.availability), pct(mm.performance), pct(mm.quality), pct(mm.oee),
                     f"{mm.good:,}", f"{mm.produced - mm.good:,}"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if col == 7 or i == len(week) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.week.setItem(i, col, item)
        pareto = snap.pareto if snap else []
        total = sum(ms for _k, ms, _n in pareto)
        self.pareto.setRowCount(len(pareto))
        cum = 0
        for i, (key, ms, n) in enumerate(pareto):
            cum += ms
            label = (self.tr("No reason entered") if key == UNASSIGNED else
                     reason_words(self.model.settings, key, self.model.lang)
                     or self.tr("Not in this plant's reason list: %1").replace("%1", key))
            cells = [label, hm_ms(ms), str(n), f"{100 * ms / total:.1f} %" if total else "—",
                     f"{100 * cum / total:.1f} %" if total else "—"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if key == UNASSIGNED and col == 0:
                    item.setForeground(QColor(theme.WARN))
                self.pareto.setItem(i, col, item)


# ---------------------------------------------------------------------- lots
LOT_DAYS = 7
LOTS_RELOAD_MS = 60_000


@dataclass(slots=True)
class LotsSnapshot:
    at: int
    since: int  # the local midnight that starts the 7 days
    lots: list[rd.LotRecord]  # newest end first


def load_lots(store: Store, p: rd.Plant, now: int) -> LotsSnapshot:
    since = rd.days_start(p.site.tz, now, LOT_DAYS)
    lots = rd.lot_data(store, p, since, now + 1)
    return LotsSnapshot(now, since, sorted(lots, key=lambda x: (-x.end_ms, x.machine.id)))


class LotsModel(SnapshotModel):
    """The lots of the last 7 local days with their verdicts and readings, off the GUI
    thread (a week of curves is too much to read on every board tick: once a minute and
    after events)."""

    def __init__(self, shell: SectorHost, plant: rd.Plant | None,
                 parent: QObject | None = None) -> None:
        super().__init__(shell, LOTS_RELOAD_MS, "manufacturing lots", parent)
        self.plant = plant
        self.snapshot: LotsSnapshot | None = None
        self.reload()

    def snapshot_job(self):
        if self.plant is None:
            return None
        p, now = self.plant, self.shell.now_ms()
        return lambda store: load_lots(store, p, now)


def _n(v: float | None) -> str:
    return "—" if v is None else f"{v:.4g}"


class LotsPage(Page):
    def __init__(self, shell: SectorHost, model: MfgModel) -> None:
        super().__init__(self.tr("Lots"))
        self.shell, self.mfg = shell, model
        self.lang = model.lang
        self.model = LotsModel(shell, model.plant, self)
        self.chosen: str | None = None  # the selected lot's ref, kept across reloads
        self.table = data_table([self.tr("Lot"), self.tr("Verdict"), self.tr("Start – end"),
                                 self.tr("Machine"), self.tr("Recipe")], (4,))
        self.table.setSelectionBehavior(self.table.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(self._chosen)
        self.heading = title_label("")
        self.heading.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.who = muted_label()
        self.criteria = data_table([self.tr("Criterion"), self.tr("Required"),
                                    self.tr("Measured"), self.tr("Result")], (2,))
        self.criteria.setMinimumHeight(150)
        self.plots: list[TimePlot] = []
        self.legends: list[QLabel] = []
        self.curves = QVBoxLayout()
        self.curves.addStretch(1)  # the curves go above it, from the top
        holder = QWidget()
        holder.setLayout(self.curves)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        self.criteria.setWordWrap(True)
        self.empty = muted_label()
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.verdict)
        right.addWidget(self.who)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        row = QHBoxLayout()
        row.addLayout(left, 5)
        row.addLayout(right, 4)
        self.body.addWidget(title_label(self.tr("Lots")))
        self.body.addWidget(muted_label(self.tr(
            "Lots that ended in the last 7 days, newest first (the running lot is on the "
            "machine board). Choose one to see its process curves: the shaded band is the "
            "recipe's window. The verdict is worked out again from the record, as on the "
            "printed lot record.")))
        if model.error:
            self.body.addWidget(muted_label(model.error))
        self.body.addLayout(row, 1)
        self.body.addWidget(self.criteria, 2)
        self.body.addWidget(scroll, 4)
        self.model.changed.connect(self.refresh)
        self.refresh()

    def stamp(self, ts: int) -> str:
        return dt.datetime.fromtimestamp(ts / 1000, self.mfg.tz).strftime("%m-%d %H:%M")

    def span(self, lr: rd.LotRecord) -> str:
        """Start – end in the site's zone; the end's date only when it is another day."""
        a = dt.datetime.fromtimestamp(lr.start_ms / 1000, self.mfg.tz)
        b = dt.datetime.fromtimestamp(lr.end_ms / 1000, self.mfg.tz)
        return f"{a:%m-%d %H:%M} – {b:%H:%M}" if a.date() == b.date() else \
            f"{a:%m-%d %H:%M} – {b:%m-%d %H:%M}"

    def verdict_words(self, passed: bool) -> str:
        return self.tr("Within window") if passed else self.tr("Out of window")

    def refresh(self) -> None:
        lots = self.model.snapshot.lots if self.model.snapshot else []
        self.table.blockSignals(True)
        self.table.setRowCount(len(lots))
        for i, lr in enumerate(lots):
            cells = [lr.lot, self.verdict_words(lr.verdict.passed), self.span(lr),
                     self.mfg.name(lr.machine), bilingual(lr.recipe.name, self.lang)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setForeground(QColor(theme.OK if lr.verdict.passed else theme.ALARM))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)
        self.empty.setText("" if lots else self.tr("No lot ended in the last 7 days."))
        self.empty.setVisible(not lots)
        row = next((i for i, lr in enumerate(lots) if lr.ref == self.chosen), 0 if lots else -1)
        if row >= 0:
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.blockSignals(False)
        self.show_lot(lots[row] if row >= 0 else None)

    def _chosen(self, row: int, *_a) -> None:
        lots = self.model.snapshot.lots if self.model.snapshot else []
        if 0 <= row < len(lots):
            self.show_lot(lots[row])

    def selected(self) -> rd.LotRecord | None:
        lots = self.model.snapshot.lots if self.model.snapshot else []
        return next((lr for lr in lots if lr.ref == self.chosen), None)

    # ------------------------------------------------------------------ the chosen lot
    def show_lot(self, lr: rd.LotRecord | None) -> None:
        self.chosen = lr.ref if lr else None
        for w in [*self.plots, *self.legends]:
            self.curves.removeWidget(w)
            w.deleteLater()
        self.plots, self.legends = [], []
        self.criteria.setRowCount(0)
        self.criteria.setVisible(lr is not None)
        if lr is None:
            self.heading.setText("")
            self.verdict.setText("")
            self.who.setText("")
            return
        self.heading.setText(self.tr("Lot %1 · %2 · %3").replace("%1", lr.lot).replace(
            "%2", self.mfg.name(lr.machine)).replace("%3", bilingual(lr.recipe.name,
                                                                     self.lang)))
        ok = lr.verdict.passed
        colour = theme.OK if ok else theme.ALARM
        words = self.verdict_words(ok)
        if not ok:
            failed = ", ".join(bilingual(c.name, self.lang) for c in lr.verdict.failed())
            words += " — " + self.tr("not met: %1").replace("%1", failed)
        self.verdict.setText(words)
        self.verdict.setStyleSheet(f"color: {colour}; font-size: 17px; font-weight: 700;")
        who = self.tr("%1; started by %2, ended by %3").replace("%1", self.span(lr)).replace(
            "%2", self.person(lr.started_by)).replace("%3", self.person(lr.ended_by))
        if lr.signatures:
            who += "\n" + self.tr("Signed: %1").replace("%1", ", ".join(
                f"{self.sign_words(s.meaning)} {s.login}"
                + ("" if s.valid else " " + self.tr("(no longer valid)"))
                for s in lr.signatures))
        self.who.setText(who)
        self.criteria.setRowCount(len(lr.verdict.results))
        for i, c in enumerate(lr.verdict.results):
            need, got = self.why(c)
            cells = [bilingual(c.name, self.lang), need, got,
                     self.tr("pass") if c.passed else self.tr("FAIL")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not c.passed:
                    item.setBackground(QColor("#fdecec"))
                if col == 3:
                    item.setForeground(QColor(theme.OK if c.passed else theme.ALARM))
                self.criteria.setItem(i, col, item)
        self.criteria.resizeRowsToContents()
        rows = sum(self.criteria.rowHeight(i) for i in range(self.criteria.rowCount()))
        self.criteria.setMaximumHeight(self.criteria.horizontalHeader().height() + rows + 6)
        for ch in self.channel_order(lr):
            self.add_curve(lr, ch)

    @staticmethod
    def channel_order(lr: rd.LotRecord) -> list[str]:
        """The lot's channels in the order the recipe's criteria name them (the ramp and
        soak channel of a charge first)."""
        out: list[str] = []
        for c in lr.recipe.recipe.criteria:
            for ch in (getattr(c, "channel", None), getattr(c, "voltage_channel", None),
                       getattr(c, "current_channel", None), getattr(c, "speed_channel", None)):
                if ch and ch in lr.data and ch not in out:
                    out.append(ch)
        return out + sorted(ch for ch in lr.data if ch not in out)

    def sign_words(self, meaning: str) -> str:
        return {"performed": self.tr("performed"), "reviewed": self.tr("reviewed"),
                "approved": self.tr("approved")}.get(meaning, meaning)

    def channel_words(self, lr: rd.LotRecord, ch: str) -> tuple[str, str]:
        """The channel's name (a channel without one is called after the recipe's first
        criterion on it: no code on the screen) and its unit."""
        cv = self.shell.channel_view(ch)
        unit = cv.unit if cv is not None and cv.unit else ""
        if cv is not None and cv.name and cv.name != ch:
            return bilingual(cv.name, self.lang), unit
        pairs = sorted(zip(lr.recipe.recipe.criteria, lr.verdict.results, strict=True),
                       key=lambda x: x[1].kind not in ("band", "soak"))  # they name a value
        for c, r in pairs:
            if getattr(c, "channel", None) == ch or ch in (
                    getattr(c, "voltage_channel", None), getattr(c, "current_channel", None),
                    getattr(c, "speed_channel", None)):
                return bilingual(r.name, self.lang), unit
        return ch, unit

    def person(self, login: str) -> str:
        return self.tr("automatic (lot rule)") if login == "rule" else (login or "—")

    def add_curve(self, lr: rd.LotRecord, ch: str) -> None:
        name, unit = self.channel_words(lr, ch)
        plot = TimePlot(self.mfg.tz, f"{name} ({unit})" if unit else name)
        plot.setObjectName(ch)
        plot.setMinimumHeight(200)
        plot.setMaximumHeight(280)  # a few curves in view, not one stretched over the page
        plot.getAxis("left").enableAutoSIPrefix(False)  # 0.85 %C, not 850 × 0.001
        marks = rd.lot_marks(lr, ch)
        plot.set_series(lr.data[ch])
        plot.set_range(lr.start_ms, lr.end_ms)
        plot.set_bands(marks.bands)
        plot.set_shade([(a, b) for _k, a, b in marks.spans], colour=theme.INFO)
        parts = [self.tr("Green band: the window %1–%2 %3").replace("%1", _n(lo)).replace(
            "%2", _n(hi)).replace("%3", unit).rstrip() for lo, hi in
            sorted({(lo, hi) for _a, _b, lo, hi in marks.bands})]
        for kind, a, b in marks.spans:
            text = (self.tr("blue: the ramp %1–%2") if kind == "ramp"
                    else self.tr("blue: the longest soak %1–%2 (%3)"))
            parts.append(text.replace("%1", self.mfg.hm(a)).replace("%2", self.mfg.hm(b))
                         .replace("%3", hms(b - a)))
        if not lr.data[ch]:
            parts.insert(0, self.tr("No reading in this lot's span."))
        legend = muted_label(f"{name}: " + "; ".join(parts) if parts else name)
        legend.setWordWrap(True)
        self.curves.insertWidget(self.curves.count() - 1, legend)
        self.curves.insertWidget(self.curves.count() - 1, plot)
        self.legends.append(legend)
        self.plots.append(plot)

    def why(self, c) -> tuple[str, str]:
        """What the criterion asks and what the record shows, in the window's words."""
        n = c.numbers
        if c.kind in ("band", "current_density"):
            need = self.tr("%1–%2 for at least %3 of the time").replace(
                "%1", _n(n.get("low"))).replace("%2", _n(n.get("high"))).replace(
                "%3", pct(n.get("required_fraction", 1.0)))
            got = (self.tr("min %1 / mean %2 / max %3; in band %4 (out %5, no data %6)")
                   .replace("%1", _n(n["min"])).replace("%2", _n(n["mean"]))
                   .replace("%3", _n(n["max"])).replace("%4", pct(n["fraction_in_band"]))
                   .replace("%5", hms(n["time_out_ms"])).replace("%6", hms(n["no_data_ms"]))
                   if "min" in n else self.tr("no data"))
        elif c.kind == "soak":
            need = self.tr("%1–%2 held for at least %3").replace("%1", _n(n["low"])).replace(
                "%2", _n(n["high"])).replace("%3", hms(n["required_ms"]))
            got = self.tr("longest soak %1").replace("%1", hms(n["longest_soak_ms"]))
        elif c.kind == "ramp":
            need = self.tr("%1 → %2 at %3–%4 per minute").replace(
                "%1", _n(n["from"])).replace("%2", _n(n["to"])).replace(
                "%3", _n(n.get("min_rate_per_min"))).replace("%4", _n(n.get("max_rate_per_min")))
            got = (self.tr("%1 per minute").replace("%1", _n(n["rate_per_min"]))
                   if "rate_per_min" in n else self.tr("ramp not completed in the lot"))
        elif c.kind == "amp_hours":
            need = f"{_n(n.get('min_ah'))}–{_n(n.get('max_ah'))} Ah"
            got = f"{_n(n.get('amp_hours'))} Ah"
            if c.detail:
                got += " — " + (self.tr("gaps in current") if c.detail == "gaps in current"
                                else self.tr("no data"))
        else:  # EN 1011-1 heat input
            need = f"{_n(n.get('min_kj_per_mm'))}–{_n(n.get('max_kj_per_mm'))} kJ/mm"
            got = (f"Q = {n['k']:g} × {n['mean_voltage_v']:.2f} V × {n['mean_current_a']:.1f} A"
                   f" × 60 / (1000 × {n['mean_speed_mm_min']:.1f} mm/min) = "
                   f"{n['heat_input_kj_per_mm']:.3f} kJ/mm"
                   if "heat_input_kj_per_mm" in n else self.tr("no arc-on data"))
        return need, got


# ---------------------------------------------------------------------- contract
def pages(shell: SectorHost) -> list[QWidget]:
    model = MfgModel(shell)
    board = BoardPage(shell, model)
    model.setParent(board)  # lives and dies with the pages (rebuilt on a language change)
    return [board, OeePage(shell, model), LotsPage(shell, model)]
