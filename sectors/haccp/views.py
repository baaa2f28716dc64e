"""The smart-HACCP sector's pages: CCP overview, deviations, check schedule, manual entry,
readiness checklist.

Built from the host kit alone (`deungdae.desktop.ui.kit`, the one desktop module a
sector may import): `pages(host)` gets the window as a `SectorHost`. All record reading
happens on the host's read worker (`host.read`, a read-only store) in
`sectors.haccp.ccp_status.load`; every addition to the record (acknowledgement,
corrective action, verification, manual values, test-piece checks) goes through
`host.write` as the logged-in user, and verification is the shell's electronic
signature (`SignOffDialog` via `host.sign_with`: the manager re-enters their password, a
signature row and a `signoff` event are recorded), whose signature id the `haccp.verify`
step then names. The corrective-action dialog asks for the fields the `haccp.deviation`
kind declares (cause, action, product disposition) and the row stores the disposition
key. The manual-entry forms are also on a "Manual entry" page of their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.ui.kit import (
    Background,
    CorrectiveActionDialog,
    EntryWriter,
    SectorHost,
    SignOffDialog,
    alive,
    data_table,
    muted_label,
    theme,
    title_label,
    value_text,
)
from deungdae.records import signatures, users
from deungdae.records.store import NewEvent
from deungdae.sectors.haccp import approval, ccp_limits, manual, report_render
from deungdae.sectors.haccp import deviations as lifecycle
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.ccp_config import CCP, TEST_PIECES
from deungdae.sectors.haccp.ccp_status import Snapshot, ccps_of, integrity, load
from deungdae.sectors.haccp.plugin import DEVIATION_FIELDS
from deungdae.sectors.haccp.readiness import readiness as readiness_checks
from deungdae.sectors.haccp.report_data import day_period

log = logging.getLogger(__name__)

MANUAL_Q = 64  # records.Quality.MANUAL: the latest value was itself entered by hand
RELOAD_MS = 5000  # the schedule moves with the clock even when nothing is recorded
# The checklist re-verifies the whole chain: often enough to notice, rarely enough that a
# big record's verification does not keep a core busy.
READINESS_EVERY_MS = 10 * 60_000


_alive = alive
_title = title_label
_muted = muted_label
DEVIATION_KIND = "haccp.deviation"


class HaccpModel(QObject):
    """The latest `Snapshot`, reloaded off the GUI thread; pages listen to `changed`."""

    changed = Signal()
    tick = Signal()  # once a second: live values and ages

    def __init__(self, shell: SectorHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.site = shell.site_config
        self.tz = shell.tz
        self.ccps, self.config_errors = ccps_of(self.site)
        self.snapshot: Snapshot | None = None
        self.readiness: list | None = None
        self.readiness_ms: int | None = None
        self._readiness_busy = False
        self._readiness_jobs = Background(shell.db_path, "haccp-readiness", self)
        self._busy = False
        self._again = False
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.reload)
        self._reload_timer = QTimer(self, interval=RELOAD_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._reload_timer.start()
        self._tick_timer = QTimer(self, interval=1000)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()
        shell.events_arrived.connect(self.schedule_reload)
        shell.recorded.connect(self.schedule_reload)
        self.reload()

    def schedule_reload(self, *_args) -> None:
        if not self._debounce.isActive():
            self._debounce.start()

    def reload(self, readiness: bool = False) -> None:
        if readiness:
            self._check_readiness()
        if self._busy:
            self._again = True
            return
        self._busy = True
        site, tz, now = self.site, self.tz, self.shell.now_ms()

        def job(store) -> Snapshot | None:
            try:
                return load(store, site, tz, now)
            except Exception:  # a locked or damaged record: keep showing the last snapshot
                log.exception("HACCP snapshot not loaded")
                return None

        if not self.shell.read(job, self._loaded):
            self._busy = False

    def _check_readiness(self) -> None:
        """The checklist verifies the whole hash chain (seconds on a big record): it runs on
        its own worker so the CCP pages keep refreshing meanwhile."""
        if self._readiness_busy:
            return
        self._readiness_busy = True
        shell, site, now = self.shell, self.site, self.shell.now_ms()
        jobs = self._readiness_jobs

        def job():
            try:
                checks = readiness_checks(jobs.reader(), site, now,
                                          integrity(shell.db_path, shell.root))
            except Exception:  # keep the last checklist; the next check tries again
                log.exception("HACCP readiness not checked")
                return None
            return checks, now

        if jobs.submit(job, self._readiness_done) is None:
            self._readiness_busy = False

    def _readiness_done(self, result) -> None:
        if not _alive(self):
            return
        self._readiness_busy = False
        if result is None:
            return
        self.readiness, self.readiness_ms = result
        if self.snapshot is not None:
            self.snapshot.readiness, self.snapshot.readiness_ms = result
        self.changed.emit()

    def _loaded(self, snap: Snapshot | None) -> None:
        if not _alive(self):
            return
        self._busy = False
        if snap is not None:
            snap.readiness, snap.readiness_ms = self.readiness, self.readiness_ms
            self.snapshot = snap
            self.changed.emit()
        if self._again:
            self._again = False
            self.reload()

    def close(self) -> None:
        self._readiness_jobs.close()

    def reload_ccps(self) -> None:
        """The CCPs from the loaded config again (a critical limit changed in the window)."""
        self.ccps, self.config_errors = ccps_of(self.site)
        self.changed.emit()

    # ------------------------------------------------------------------ helpers
    def unit(self, ccp: CCP) -> str:
        cv = self.shell.channel_view(ccp.channel)
        return cv.unit if cv is not None else ""

    def ccp(self, ccp_id: str) -> CCP | None:
        return next((c for c in self.ccps if c.id == ccp_id), None)

    def when(self, ts: int | None) -> str:
        if ts is None:
            return "—"
        dt = datetime.fromtimestamp(ts / 1000, self.tz)
        today = datetime.fromtimestamp(self.shell.now_ms() / 1000, self.tz).date()
        return dt.strftime("%H:%M" if dt.date() == today else "%m-%d %H:%M")


# ---------------------------------------------------------------------- shared texts
class _Texts(QObject):
    """Translated words the pages share (one context for the translators)."""

    def limit(self, ccp: CCP, unit: str) -> str:
        u = f" {unit}" if unit else ""
        if ccp.kind == "heating":
            return self.tr("≥ %1 held for %2 s").replace("%1", f"{ccp.limit:g}{u}").replace(
                "%2", f"{ccp.hold_s:g}")
        if ccp.kind == "cooling":
            return ", ".join(self.tr("≤ %1 within %2 h").replace("%1", f"{s.below:g}{u}")
                             .replace("%2", f"{s.within_s / 3600:g}") for s in ccp.stages)
        if ccp.kind == "metal_detection":
            return self.tr("Fe and SUS test pieces rejected, product alone passes")
        text = f"{'≥' if ccp.op == '>=' else '≤'} {ccp.limit:g}{u}"
        if ccp.grace_s:
            text += " " + self.tr("(tolerated for %1 min)").replace("%1", f"{ccp.grace_s / 60:g}")
        return text

    def state(self, state: str, kind: str = "limit") -> str:
        if state == "ok" and kind in ("heating", "cooling", "metal_detection"):
            return self.tr("No deviation")  # between batches the value may well be low
        return {"waiting": self.tr("Waiting for data"), "ok": self.tr("Within limit"),
                "tolerated": self.tr("Outside limit, within grace"),
                "action": self.tr("Deviation not closed"),
                "breach": self.tr("LIMIT BREACHED"),
                "lost": self.tr("AUTOMATIC RECORDING DOWN")}.get(state, state)

    def status(self, status: str) -> str:
        return {"open": self.tr("Open"), "acknowledged": self.tr("Acknowledged"),
                "action_recorded": self.tr("Action recorded"),
                "closed": self.tr("Closed")}.get(status, status)

    def reason(self, reason: str) -> str:
        return {"limit": self.tr("Critical limit exceeded"),
                "sensor_lost": self.tr("Automatic recording stopped"),
                "not_reached": self.tr("Temperature not reached"),
                "hold_too_short": self.tr("Held too short"),
                "cooling_too_slow": self.tr("Cooling too slow"),
                "check_missed": self.tr("Check missed"),
                "test_piece_failed": self.tr("Test-piece check failed")}.get(reason, reason)

    def manual_reason(self, key: str) -> str:
        return {"sensor_failure": self.tr("Sensor failure"),
                "calibration_check": self.tr("Calibration check"),
                "power_cut": self.tr("Power cut"), "other": self.tr("Other")}.get(key, key)

    def disposition(self, key: str) -> str:
        return {"hold": self.tr("Hold"), "rework": self.tr("Rework"),
                "discard": self.tr("Discard"), "release": self.tr("Release")}.get(key, key)

    def schedule_status(self, status: str) -> str:
        return {"done": self.tr("Done"), "upcoming": self.tr("Upcoming"),
                "due": self.tr("Due now"), "overdue": self.tr("OVERDUE")}.get(status, status)

    def check(self, what: str) -> str:
        return {"test_pieces": self.tr("Test-piece check"),
                "frequency": self.tr("Monitoring check"),
                "continuous": self.tr("Next automatic reading")}.get(what, what)

    def piece(self, key: str) -> str:
        return {"fe": self.tr("Fe test piece rejected"),
                "sus": self.tr("SUS test piece rejected"),
                "product": self.tr("Product alone passes"),
                "fe_on_product": self.tr("Fe on product rejected"),
                "sus_on_product": self.tr("SUS on product rejected")}.get(key, key)


STATE_COLOURS = {"waiting": theme.STALE, "ok": theme.OK, "action": theme.WARN,
                 "tolerated": theme.WARN,
                 "breach": theme.ALARM, "lost": theme.ALARM}
STATUS_COLOURS = {"open": theme.ALARM, "acknowledged": theme.WARN,
                  "action_recorded": theme.INFO, "closed": theme.OK,
                  "overdue": theme.ALARM, "due": theme.WARN, "upcoming": theme.MUTED,
                  "done": theme.OK}


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "title")
    return label


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


_table = data_table


def _require_user(shell: SectorHost):
    """The logged-in user, asking to log in first (as the shell's own actions do)."""
    return shell.require_user()


# ---------------------------------------------------------------------- CCP overview
class CriticalLimitDialog(QDialog):
    """A HACCP team leader's change of a CCP's critical limit: the new value, why, and
    their password (the change is e-signed)."""

    def __init__(self, ccp: CCP, current: str, signer: str, parent=None,
                 lang: str = "en") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change critical limit"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.addRow(self.tr("CCP"), QLabel(ccp.label(lang)))
        form.addRow(self.tr("Critical limit now"), QLabel(current))
        self.value = QLineEdit()
        self.value.setPlaceholderText(f"{ccp.limit:g}" if ccp.limit is not None else "")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. validated by the new heating study"))
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("re-enter your password to sign"))
        form.addRow(self.tr("New critical limit"), self.value)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Signed by"), QLabel(signer))
        form.addRow(self.tr("Password"), self.secret)
        note = _muted(self.tr("The change applies at once, is saved to the site settings and "
                              "is recorded with the old and new limit, the reason and your "
                              "signature."))
        form.addRow(note)
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")
        form.addRow(self.problem)
        box = QDialogButtonBox()
        self.ok = box.addButton(self.tr("Sign and change"), QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def new_value(self) -> float | None:
        try:
            return manual.parse_value(self.value.text())
        except manual.EntryError:
            return None

    def accept(self) -> None:
        if self.new_value() is None:
            self.problem.setText(self.tr("The new critical limit must be a number."))
        elif not self.reason.text().strip():
            self.problem.setText(self.tr("Say why the critical limit changes."))
        elif not self.secret.text():
            self.problem.setText(self.tr("Enter your password to sign."))
        else:
            super().accept()


class CcpCard(QFrame):
    def __init__(self, model: HaccpModel, ccp: CCP, texts: _Texts) -> None:
        super().__init__()
        self.model, self.ccp, self.texts = model, ccp, texts
        self.setObjectName("ccpcard")
        self.setMinimumSize(320, 250)
        self.name = QLabel(ccp.label(model.shell.language))
        self.name.setWordWrap(True)
        self.name.setStyleSheet("font-size: 17px; font-weight: 700;")
        self.state = QLabel()
        self.value = QLabel("—")
        self.unit = QLabel(model.unit(ccp))
        self.unit.setStyleSheet(f"font-size: 20px; color: {theme.MUTED};")
        self.manual = QLabel()
        self.manual.setStyleSheet(f"font-size: 14px; font-weight: 700; color: {theme.WARN};")
        self.limit = QLabel(self.tr("Critical limit: %1").replace(
            "%1", texts.limit(ccp, model.unit(ccp))))
        self.limit.setWordWrap(True)
        self.change = QPushButton(self.tr("Change critical limit…"))
        self.change.setVisible(ccp.kind in ccp_limits.EDITABLE_KINDS)
        self.last = QLabel()
        self.next = QLabel()
        self.open = QLabel()
        for w in (self.last, self.next, self.open):
            w.setWordWrap(True)
            w.setStyleSheet("font-size: 14px;")
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.manual, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(4)
        lay.addWidget(self.name)
        lay.addWidget(self.state)
        lay.addLayout(row)
        lay.addWidget(self.limit)
        lay.addWidget(self.last)
        lay.addWidget(self.next)
        lay.addWidget(self.open)
        lay.addStretch(1)
        lay.addWidget(self.change, 0, Qt.AlignmentFlag.AlignRight)
        self._shown = ""
        self.refresh()

    def refresh(self) -> None:
        self.ccp = self.model.ccp(self.ccp.id) or self.ccp  # a limit changed: shown at once
        limit = self.tr("Critical limit: %1").replace(
            "%1", self.texts.limit(self.ccp, self.model.unit(self.ccp)))
        if self.limit.text() != limit:
            self.limit.setText(limit)
        snap = self.model.snapshot
        st = next((s for s in snap.statuses if s.ccp.id == self.ccp.id), None) if snap else None
        state = st.state if st is not None else "waiting"
        value, ts, manual = (st.value, st.value_ts, st.value_manual) if st else (None, None,
                                                                                  False)
        cv = self.model.shell.channel_view(self.ccp.channel)
        if cv is not None and cv.ts is not None and (ts is None or cv.ts >= ts) and \
                cv.value is not None:
            value, ts, manual = cv.value, cv.ts, bool(cv.quality & 64)
        if state == "waiting" and ts is not None:
            state = "ok"
        colour = STATE_COLOURS[state]
        if state != self._shown:
            self._shown = state
            tint = {"breach": "#fdecec", "lost": "#fdecec", "action": "#fff4e5",
                    "tolerated": "#fff4e5",
                    "waiting": "#f7f7f7"}.get(state, theme.CARD)
            self.setStyleSheet(
                f"QFrame#ccpcard {{ background: {tint}; border: 1px solid {theme.LINE};"
                f" border-left: 10px solid {colour}; border-radius: 8px; }}")
            self.state.setStyleSheet(f"font-size: 16px; font-weight: 700; color: {colour};")
            self.value.setStyleSheet(
                f"font-size: 40px; font-weight: 700; color: "
                f"{theme.ALARM if state == 'breach' else theme.STALE if state in ('lost', 'waiting') else theme.INK};")
        mark = "● " if state == "ok" else "○ " if state == "waiting" else "▲ "
        self.state.setText(mark + self.texts.state(state, self.ccp.kind))
        if self.ccp.kind == "metal_detection":
            # an on/off reject output: "0.00" means nothing to a floor; say what it does
            self.value.setText("—" if value is None else self.tr("Rejecting") if value >= 0.5
                               else self.tr("Passing"))
            self.unit.setText("")
        else:
            self.value.setText(value_text(value))
        self.manual.setText(self.tr("manual") if manual else "")
        if st is None or st.last_check_ms is None:
            self.last.setText(self.tr("Last check: none yet"))
        else:
            who = (self.tr("by %1").replace("%1", st.last_check_by) if st.last_check_by
                   else self.tr("automatic"))
            if st.last_check_manual:
                who += " · " + self.tr("manual")
            self.last.setText(self.tr("Last check: %1 (%2)").replace(
                "%1", self.model.when(st.last_check_ms)).replace("%2", who))
        if st is None or st.next_due_ms is None:
            self.next.setText(self.tr("Next check due: every batch, recorded automatically")
                              if self.ccp.kind in ("heating", "cooling") else
                              self.tr("Next check due: —"))
            self.next.setStyleSheet("font-size: 14px;")
        else:
            text = self.tr("Next check due: %1").replace("%1", self.model.when(st.next_due_ms))
            if st.next_due_status in ("overdue", "due"):
                text += " — " + self.texts.schedule_status(st.next_due_status)
            self.next.setText(text)
            self.next.setStyleSheet(
                f"font-size: 14px; font-weight: {700 if st.next_due_status == 'overdue' else 400};"
                f" color: {STATUS_COLOURS.get(st.next_due_status, theme.INK)};")
        n = st.open_deviations if st else 0
        self.open.setText(self.tr("Deviations not closed: %1").replace("%1", str(n)) if n
                          else "")
        self.open.setStyleSheet(f"font-size: 14px; font-weight: 700; color: {theme.WARN};")


class CcpOverviewPage(QWidget):
    def __init__(self, shell, model: HaccpModel) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("CCP overview"))
        self.shell, self.model = shell, model
        self.texts = _Texts(self)
        self.summary = QLabel()
        self.summary.setObjectName("haccpsummary")
        self.summary.setMinimumHeight(56)
        self.summary.setWordWrap(True)
        self.cards = [CcpCard(model, c, self.texts) for c in model.ccps]
        for card in self.cards:
            card.change.clicked.connect(lambda _=False, cid=card.ccp.id: self.change_limit(cid))
        self.status = _muted()
        host = QWidget()
        self.grid = QGridLayout(host)
        self.grid.setSpacing(12)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self._relayout()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(host)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(self.summary)
        lay.addWidget(self.status)
        if model.config_errors:
            lay.addWidget(_muted("; ".join(model.config_errors)))
        lay.addWidget(scroll, 1)
        model.changed.connect(self.refresh)
        model.tick.connect(self.refresh)
        self.refresh()

    def change_limit(self, ccp_id: str) -> None:
        """A HACCP team leader changes a CCP's critical limit (`ccp_limits`)."""
        ccp = self.model.ccp(ccp_id)
        user = _require_user(self.shell) if ccp is not None else None
        if ccp is None or user is None:
            return
        if not user.can_sign_off:
            self._say(False, self.tr("Only a manager (HACCP team leader) or an administrator "
                                     "can change a critical limit. Log in as one."))
            return
        dlg = CriticalLimitDialog(ccp, self.texts.limit(ccp, self.model.unit(ccp)),
                                  user.display, self, self.model.shell.language)
        try:
            if not dlg.exec():
                return
            value, reason, password = dlg.new_value(), dlg.reason.text(), dlg.secret.text()
        finally:
            dlg.deleteLater()
        path = Path(self.shell.root) / "site.toml"
        section = self.shell.site_config.setdefault("sectors", {}).setdefault("haccp", {})
        login = user.name

        def job(writer: EntryWriter):
            try:
                return writer.sign_document(lambda store: ccp_limits.change_limit(
                    store, path, section, ccp_id, value, login, password, reason)[3])
            except (users.AuthError, ccp_limits.LimitError, signatures.SignatureError,
                    OSError) as e:
                return e

        def done(result) -> None:
            if not _alive(self):
                return
            if isinstance(result, Exception):
                if isinstance(result, users.WrongPassword | users.UnknownUser):
                    text = self.tr("Wrong password: the critical limit was not changed.")
                else:
                    text = self.tr("Not changed: %1").replace("%1", str(result))
                self._say(False, text)
                return
            self.model.reload_ccps()
            ccp_now = self.model.ccp(ccp_id)
            self._say(True, self.tr("Critical limit of %1 is now %2 (signature #%3).")
                      .replace("%1", ccp_id)
                      .replace("%2", self.texts.limit(ccp_now, self.model.unit(ccp_now)))
                      .replace("%3", str(result)))
            self.refresh()

        self.shell.write(job, done)

    def _say(self, ok: bool, text: str) -> None:
        self.status.setText(("✔ " if ok else "✘ ") + text)
        self.status.setStyleSheet(f"font-size: 15px; font-weight: 700; color: "
                                  f"{theme.OK if ok else theme.ALARM};")

    def channel_note(self, key: str) -> str:
        """The overview tile of a CCP's channel shows its critical limit (한계기준), from
        the CCPs as they are now (a limit changed in the window shows at once)."""
        for ccp in self.model.ccps:
            if ccp.channel == key:
                text = self.tr("%1 critical limit: %2").replace("%1", ccp.id).replace(
                    "%2", self.texts.limit(ccp, self.model.unit(ccp)))
                if ccp.kind == "metal_detection":
                    text += " · " + self.tr("1 = product rejected, 0 = passing")
                return text
        return ""

    def _relayout(self) -> None:
        cols = max(1, min(4, (self.width() - 40) // 340)) if self.width() > 400 else 3
        if cols == self._columns:
            return
        self._columns = cols
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // cols, i % cols)
        self.grid.setRowStretch(len(self.cards) // cols + 1, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._relayout()

    def refresh(self) -> None:
        for card in self.cards:
            card.refresh()
        snap = self.model.snapshot
        statuses = snap.statuses if snap else []
        bad = [s for s in statuses if s.state in ("breach", "lost")]
        open_ = sum(s.open_deviations for s in statuses)
        overdue = sum(1 for i in (snap.schedule if snap else []) if i.status == "overdue")
        if bad:
            text = self.tr("%1 CCP(s) out of control").replace("%1", str(len(bad)))
            colour, bg = theme.ALARM, "#fdecec"
        elif open_ or overdue:
            parts = []
            if open_:
                parts.append(self.tr("%1 deviation(s) not closed").replace("%1", str(open_)))
            if overdue:
                parts.append(self.tr("%1 check(s) overdue").replace("%1", str(overdue)))
            text, colour, bg = " · ".join(parts), theme.WARN, "#fff4e5"
        elif snap is None:
            text, colour, bg = self.tr("Loading…"), theme.STALE, "#f1f1f1"
        else:
            text = self.tr("All %1 CCPs within their critical limits").replace(
                "%1", str(len(statuses)))
            colour, bg = theme.OK, "#e8f5ec"
        self.summary.setText(text)
        self.summary.setStyleSheet(
            f"QLabel#haccpsummary {{ font-size: 22px; font-weight: 700; color: {colour};"
            f" background: {bg}; border-radius: 8px; padding: 0 16px; }}")


# ---------------------------------------------------------------------- deviations
class HaccpActionDialog(CorrectiveActionDialog):
    """The kit's corrective-action dialog with the fields a CCP deviation declares
    (`plugin.DEVIATION_FIELDS`: cause, action, product disposition, all required); the
    disposition is stored as its key (hold, rework, ...), whatever the window's language.
    """

    def __init__(self, about: str, texts: _Texts | None = None, parent=None) -> None:
        super().__init__(about, parent, fields=DEVIATION_FIELDS)

    @property
    def cause(self) -> QLineEdit:
        return self.inputs["cause"]  # type: ignore[return-value]

    @property
    def action(self):
        return self.inputs["action"]

    @property
    def disposition(self) -> QComboBox:
        return self.inputs["disposition"]  # type: ignore[return-value]

    def haccp_values(self) -> tuple[str, str, str]:
        v = self.values()
        return str(v["cause"]), str(v["action"]), str(v["disposition"])


class DeviationsPage(QWidget):
    incident_kinds = (DEVIATION_KIND,)  # the shell counts these on its entry and opens it

    def __init__(self, shell: SectorHost, model: HaccpModel) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Deviations"))
        self.shell, self.model = shell, model
        self.texts = _Texts(self)
        self.shown: list[lifecycle.Deviation] = []
        self._pending_verify: dict[int, tuple[lifecycle.Deviation, str, str, SignOffDialog]] = {}
        self._writing = False  # an acknowledgement / action on its way to the record
        self._written_on = None  # the snapshot that was shown when it was written

        self.filter = QComboBox()
        self.filter.addItem(self.tr("Not closed"), "open")
        self.filter.addItem(self.tr("All deviations"), "all")
        self.filter.currentIndexChanged.connect(self._fill)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(_title(self.tr("Deviations")))
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.filter)

        self.table = _table([self.tr("Time"), self.tr("CCP"), self.tr("Deviation"),
                             self.tr("Details"), self.tr("Status"), self.tr("Follow-up")],
                            (3,))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setStyleSheet(f"background: {theme.CARD}; border: 1px solid {theme.LINE};"
                                  " border-radius: 6px; padding: 10px; font-size: 15px;")
        self.detail.setMinimumHeight(120)

        self.ack = QPushButton(self.tr("Acknowledge deviation"))
        self.action = QPushButton(self.tr("Record corrective action…"))
        self.verify = QPushButton(self.tr("Verify and sign…"))
        self.verify.setProperty("role", "primary")
        self.ack.clicked.connect(self.acknowledge_selected)
        self.action.clicked.connect(self.record_action_selected)
        self.verify.clicked.connect(self.verify_selected)
        self.hint = _muted()
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.ack)
        buttons.addWidget(self.action)
        buttons.addWidget(self.verify)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        lay.addLayout(buttons)
        model.changed.connect(self._fill)
        shell.recorded.connect(self._on_recorded)
        self._fill()

    # ------------------------------------------------------------------ table
    def follow_up_text(self, d: lifecycle.Deviation) -> str:
        parts = [self.tr("acknowledged by %1").replace("%1", a.user) for a in d.acks]
        parts += [self.tr("action by %1").replace("%1", a.user) for a in d.actions]
        parts += [self.tr("verified by %1").replace("%1", v.user) for v in d.verifications]
        return "; ".join(parts)

    def _fill(self) -> None:
        snap = self.model.snapshot
        devs = list(reversed(snap.deviations)) if snap else []
        open_n = sum(1 for d in devs if d.status != "closed")
        if self.filter.currentData() == "open":
            devs = [d for d in devs if d.status != "closed"]
        selected = self.selected()
        self.shown = devs
        self.count.setText(self.tr("%1 not closed").replace("%1", str(open_n)))
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(devs))
        for i, d in enumerate(devs):
            cells = [self.model.when(d.event.ts), d.ccp,
                     self.texts.reason(d.event.data.get("reason", "")), d.event.message,
                     self.texts.status(d.status), self.follow_up_text(d)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 4:
                    item.setForeground(QColor(STATUS_COLOURS[d.status]))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                elif col == 3:
                    item.setToolTip(text)
                self.table.setItem(i, col, item)
            if selected is not None and d.event.id == selected.event.id:
                self.table.selectRow(i)
        self.table.setUpdatesEnabled(True)
        if selected is None and devs:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> lifecycle.Deviation | None:
        sm = self.table.selectionModel()
        rows = sm.selectedRows() if sm else []
        if not rows or rows[0].row() >= len(self.shown):
            return None
        return self.shown[rows[0].row()]

    def select_deviation(self, event_id: int) -> bool:
        for i, d in enumerate(self.shown):
            if d.event.id == event_id:
                self.table.selectRow(i)
                return True
        return False

    def describe_incident(self, incident) -> str:
        """"CCP-2P 금속검출 — 점검 누락": the CCP and why, for the banner and overview."""
        return self.describe_event(incident.opened)

    def describe_event(self, row) -> str:
        """A HACCP event row in the window's language, for the shell's events page; ""
        for a row this page cannot read (the page then shows its recorded message)."""
        data = row.data if isinstance(row.data, dict) else {}
        ccp = self.model.ccp(str(data.get("ccp", "")))
        if ccp is None:
            return ""
        name = ccp.label(self.model.shell.language)
        kind = row.kind
        if kind == DEVIATION_KIND:
            return self._deviation_text(ccp, name, data)
        if kind == "haccp.recovered":
            what = (self.tr("Sensor reading again") if data.get("reason") == "sensor_lost"
                    else self.tr("Back within the critical limit"))
            return f"{name} — {what}"
        if kind == "haccp.ack":
            return f"{name} — " + self.tr("acknowledged by %1").replace("%1", row.user)
        if kind == "haccp.action":
            text = self.tr("action by %1").replace("%1", row.user)
            disposition = self.texts.disposition(str(data.get("disposition", "")))
            return f"{name} — {text}: {data.get('action', '')} ({disposition})"
        if kind == "haccp.verify":
            return f"{name} — " + self.tr("verified by %1").replace("%1", row.user)
        if kind in ("haccp.batch", "haccp.cooling") and isinstance(data.get("ok"), bool):
            return f"{name} — " + (self.tr("Conforms") if data["ok"] else
                                   self.tr("Does not conform"))
        if kind == "haccp.md_reject":
            return f"{name} — " + self.tr("Metal detected, product rejected")
        return ""

    def _deviation_text(self, ccp: CCP, name: str, data: dict) -> str:
        reason = data.get("reason", "")
        value = data.get("value")
        if reason == "limit" and isinstance(value, int | float):
            unit = self.model.unit(ccp)
            return f"{name} — " + self.tr("%1 (critical limit %2)").replace(
                "%1", f"{value:g} {unit}".strip()).replace("%2", self.texts.limit(ccp, unit))
        return f"{name} — {self.texts.reason(reason)}" if reason else name

    def select_incident(self, event_id: int) -> bool:
        """The shell opens this page on a deviation (banner, overview): select it."""
        if self.select_deviation(event_id):
            return True
        self.filter.setCurrentIndex(self.filter.findData("all"))
        return self.select_deviation(event_id)

    def _selection_changed(self) -> None:
        d = self.selected()
        status = d.status if d is not None else None
        # a step just recorded, and the snapshot that would show it not loaded yet
        stale = self._written_on is not None and self._written_on is self.model.snapshot
        self.ack.setEnabled(status == "open" and not stale and not self._writing)
        self.action.setEnabled(status in ("acknowledged", "action_recorded")
                               and not stale and not self._writing)
        self.verify.setEnabled(status == "action_recorded")
        self.hint.setText({
            None: self.tr("Select a deviation."),
            "open": self.tr("Next: acknowledge it."),
            "acknowledged": self.tr("Next: record the cause, the action and what happens "
                                    "to the product."),
            "action_recorded": self.tr("Next: a manager verifies and signs."),
            "closed": self.tr("Closed: verified and signed."),
        }[status])
        self.detail.setText(self.history_text(d) if d is not None else "")

    def history_text(self, d: lifecycle.Deviation) -> str:
        m = self.model
        lines = [f"{m.when(d.event.ts)} · {d.ccp} · {d.event.message}"]
        for a in d.acks:
            lines.append("✓ " + self.tr("%1 acknowledged by %2").replace(
                "%1", m.when(a.ts)).replace("%2", a.user))
        for a in d.actions:
            x = a.data
            lines.append("✓ " + self.tr("%1 corrective action by %2: cause: %3; action: %4; "
                                        "product: %5")
                         .replace("%1", m.when(a.ts)).replace("%2", a.user)
                         .replace("%3", x.get("cause", "")).replace("%4", x.get("action", ""))
                         .replace("%5", self.texts.disposition(x.get("disposition", ""))))
        sigs = {s.data.get("signature_id"): s for s in (
            m.snapshot.signatures.get(d.event.id, []) if m.snapshot else [])}
        for v in d.verifications:
            sid = v.data.get("signature_id")
            sig = sigs.get(sid) if sid is not None else None
            signed = (self.tr("signed %1 (signature #%2)")
                      .replace("%1", sig.data.get("printed_name") or sig.user)
                      .replace("%2", str(sid)) if sig else self.tr("no signature found"))
            lines.append("✓ " + self.tr("%1 verified by %2, %3").replace(
                "%1", m.when(v.ts)).replace("%2", v.user).replace("%3", signed))
        return "\n".join(lines)

    # ------------------------------------------------------------------ actions
    def about(self, d: lifecycle.Deviation) -> str:
        return f"{self.model.when(d.event.ts)} · {d.ccp} · {d.event.message}"

    def _write(self, fn, button: QPushButton | None = None) -> None:
        """Run `fn(append)` on the host's record worker; failures show as 'Not recorded'.

        `button` stays disabled until the write finished (or failed), and until the next
        snapshot while the current one does not show it yet: a double click records once.
        """
        model = self.model
        written_on = model.snapshot

        def done(_eid) -> None:
            if _alive(model):
                model.schedule_reload()

        def finished(ok: bool) -> None:
            if _alive(self):
                self._writing = False
                self._written_on = written_on if ok else None
                self._selection_changed()

        self._writing = True
        _record(self.shell, lambda writer: fn(writer.append_id), done, button,
                lambda ok: finished(ok))

    def acknowledge_selected(self) -> None:
        d = self.selected()
        user = _require_user(self.shell) if d is not None else None
        if d is None or user is None:
            return
        now = self.shell.now_ms
        self._write(lambda append: lifecycle.acknowledge(append, d, user.name, now()),
                    self.ack)

    def record_action_selected(self) -> None:
        d = self.selected()
        user = _require_user(self.shell) if d is not None else None
        if d is None or user is None:
            return
        dlg = HaccpActionDialog(self.about(d), self.texts, self)
        try:
            if not dlg.exec():
                return
            cause, action, disposition = dlg.haccp_values()
        finally:
            dlg.deleteLater()
        now = self.shell.now_ms
        self._write(lambda append: lifecycle.record_action(
            append, d, user.name, now(), cause=cause, action=action, disposition=disposition),
            self.action)

    def verify_selected(self) -> None:
        d = self.selected()
        user = _require_user(self.shell) if d is not None else None
        if d is None or user is None:
            return
        if not user.can_sign_off:
            QMessageBox.information(self, self.tr("Verify"),
                                    self.tr("Only a manager (HACCP team leader) can verify a "
                                            "deviation. Log in as a manager."))
            return
        dlg = SignOffDialog(self.about(d), user.name, self)
        dlg.setWindowTitle(self.tr("Verify and sign"))
        dlg.meaning.setCurrentIndex(dlg.meaning.findData("approved"))
        dlg.meaning.setEnabled(False)  # verifying is approving
        # The dialog signs on OK (password re-entered; a refusal keeps it open); once the
        # signoff row is recorded, `_on_recorded` appends the verification naming it.
        self._pending_verify[d.event.id] = (d, user.name, user.role, dlg)
        self.shell.sign_with(dlg, d.event, user.name)
        try:
            dlg.exec()
            # Drop the pending verification only when nothing was signed; once the signoff
            # row is recorded `_on_recorded` owns (and pops) it (its dialog may be gone).
            if dlg.signed_row is None and not dlg.busy:
                self._pending_verify.pop(d.event.id, None)
        finally:
            dlg.deleteLater()

    def _on_recorded(self, row) -> None:
        """The e-signature is in the record: now the verification that names it."""
        if row.kind != "signoff" or row.ref_id not in self._pending_verify:
            return
        d, user, role, dlg = self._pending_verify.pop(row.ref_id)
        note = dlg.values()[1] if _alive(dlg) else row.message
        sid = row.data.get("signature_id")
        now = self.shell.now_ms
        self._write(lambda append: lifecycle.verify(append, d, user, now(), role=role,
                                                    signature_id=sid, note=note))


# ---------------------------------------------------------------------- schedule
class SchedulePage(QWidget):
    def __init__(self, shell, model: HaccpModel) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Check schedule"))
        self.shell, self.model = shell, model
        self.texts = _Texts(self)
        self.summary = QLabel()
        self.summary.setObjectName("schedsummary")
        self.summary.setMinimumHeight(56)
        self.table = _table([self.tr("Due"), self.tr("CCP"), self.tr("Check"),
                             self.tr("Status"), self.tr("Last done")], (4,))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        lay.addWidget(self.summary)
        lay.addWidget(_muted(self.tr("Test-piece checks at their set times (each with its "
                                     "window), checks due at each CCP's monitoring "
                                     "frequency, and the next reading automatic recording "
                                     "must deliver. When automatic recording is down, "
                                     "record by hand on the Manual entry page.")))
        lay.addWidget(self.table, 1)
        model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        snap = self.model.snapshot
        items = snap.schedule if snap else []
        self.rows = items
        self.table.setRowCount(len(items))
        names = {c.id: c.label(self.model.shell.language) for c in self.model.ccps}
        for i, it in enumerate(items):
            due = self.model.when(it.due_ms)
            if it.window_ms:
                due += " " + self.tr("(± %1 min)").replace("%1", f"{it.window_ms / 60000:g}")
            if it.done_ms is None:
                done = "—"
            elif it.done_by:
                done = self.tr("%1 by %2").replace("%1", self.model.when(it.done_ms)).replace(
                    "%2", it.done_by)
            else:
                done = self.tr("%1 automatic").replace("%1", self.model.when(it.done_ms))
            cells = [due, names.get(it.ccp, it.ccp), self.texts.check(it.what),
                     self.texts.schedule_status(it.status), done]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setForeground(QColor(STATUS_COLOURS[it.status]))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, col, item)
        overdue = sum(1 for i in items if i.status == "overdue")
        due = sum(1 for i in items if i.status == "due")
        if overdue:
            text, colour, bg = (self.tr("%1 check(s) overdue").replace("%1", str(overdue)),
                                theme.ALARM, "#fdecec")
        elif due:
            text, colour, bg = (self.tr("%1 check(s) due now").replace("%1", str(due)),
                                theme.WARN, "#fff4e5")
        else:
            text, colour, bg = self.tr("No check due now"), theme.OK, "#e8f5ec"
        self.shell.set_badge(self, overdue, "alarm")  # the count on the navigation entry
        self.summary.setText(text)
        self.summary.setStyleSheet(
            f"QLabel#schedsummary {{ font-size: 22px; font-weight: 700; color: {colour};"
            f" background: {bg}; border-radius: 8px; padding: 0 16px; }}")


# ---------------------------------------------------------------------- manual entry
class ManualConfirmDialog(QDialog):
    """The step between typing and recording: the value, its unit, the CCP's verdict, the
    reason and who records it, read once more before it goes into the record."""

    def __init__(self, lines: list[tuple[str, str]], warning: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirm manual entry"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.fields: dict[str, QLabel] = {}
        for label, text in lines:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setStyleSheet("font-size: 16px; font-weight: 700;")
            form.addRow(label, value)
            self.fields[label] = value
        self.warning = QLabel(warning)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {theme.WARN}; font-weight: 700;")
        self.warning.setVisible(bool(warning))
        form.addRow(self.warning)
        box = QDialogButtonBox()
        self.ok = box.addButton(self.tr("Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.back = box.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setProperty("role", "primary")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)


class ValueEntryForm(QGroupBox):
    """A CCP's value entered by hand (`sectors.haccp.manual`): typed into an empty field,
    with a reason from the short list, confirmed, then stored flagged MANUAL with who
    entered it, the reason key and whether the sensor was recording at the time."""

    def __init__(self, shell: SectorHost, ccp: CCP, unit: str, texts: _Texts) -> None:
        super().__init__(ccp.label(shell.language))
        self.shell, self.ccp, self.unit, self.texts = shell, ccp, unit, texts
        self.setWindowTitle(self.title())
        self.value = QLineEdit()  # empty: the operator types what the thermometer reads
        self.value.setPlaceholderText(self.tr("value read"))
        self.value.setMinimumWidth(120)
        self.value.setStyleSheet("font-size: 18px;")
        self.reason = QComboBox()
        self.reason.addItem(self.tr("Choose a reason…"), None)
        for key in manual.REASONS:
            self.reason.addItem(texts.manual_reason(key), key)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("details, e.g. hand thermometer no. 2"))
        self.record = QPushButton(self.tr("Record by hand…"))
        self.record.setProperty("role", "primary")
        self.record.clicked.connect(self.submit)
        self.sensor = _muted()
        self.status = _muted()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Value")), 0, 0)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value)
        value_row.addWidget(QLabel(unit))
        value_row.addSpacing(24)
        grid.addLayout(value_row, 0, 1)
        grid.addWidget(QLabel(self.tr("Reason")), 0, 2)
        grid.addWidget(self.reason, 0, 3)
        grid.addWidget(QLabel(self.tr("Details")), 1, 0)
        grid.addWidget(self.note, 1, 1, 1, 3)
        grid.addWidget(self.record, 1, 4)
        grid.setColumnStretch(3, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.sensor)
        lay.addWidget(self.status)
        self.refresh_sensor()

    def sensor_recording(self) -> bool:
        """Whether the CCP's sensor delivers good automatic readings right now."""
        cv = self.shell.channel_view(self.ccp.channel)
        if cv is None:
            return False
        return cv.state(self.shell.now_ms()) in ("ok", "alarm") and not cv.quality & MANUAL_Q

    def refresh_sensor(self) -> None:
        if self.sensor_recording():
            self.sensor.setText(self.tr("The sensor is recording automatically: a value by "
                                        "hand now needs its reason in the details, and every "
                                        "report marks it."))
        else:
            self.sensor.setText(self.tr("The sensor is not recording: enter what the hand "
                                        "instrument reads."))

    def problem(self, key: str) -> str:
        lo, hi = manual.VALUE_RANGE
        return {
            "value_missing": self.tr("Type the value you read."),
            "value_not_number": self.tr("The value must be a number, e.g. 81.5."),
            "value_out_of_range": self.tr("The value must lie between %1 and %2.")
            .replace("%1", f"{lo:g}").replace("%2", f"{hi:g}"),
            "reason_missing": self.tr("Choose why the value is entered by hand."),
            "note_missing_other": self.tr("Write the reason in the details."),
            "note_missing_recording": self.tr("The sensor is recording: write in the details "
                                              "why a value by hand is needed."),
        }.get(key, key)

    def verdict_text(self, value: float) -> str:
        limit = self.texts.limit(self.ccp, self.unit)
        v = manual.verdict(self.ccp, value)
        if v == "within":
            return self.tr("Within the critical limit (%1)").replace("%1", limit)
        if v == "outside":
            return self.tr("OUTSIDE the critical limit (%1): record the corrective action on "
                           "the Deviations page").replace("%1", limit)
        return self.tr("Not judged from one value (critical limit: %1)").replace("%1", limit)

    def confirm(self, lines: list[tuple[str, str]], warning: str) -> bool:
        dlg = ManualConfirmDialog(lines, warning, self)
        try:
            return bool(dlg.exec())
        finally:
            dlg.deleteLater()

    def submit(self) -> None:
        # the CCP as configured now (its critical limit may have been changed meanwhile)
        self.ccp = next((c for c in ccps_of(self.shell.site_config)[0]
                         if c.id == self.ccp.id), self.ccp)
        self.refresh_sensor()
        recording = self.sensor_recording()
        try:
            entry = manual.check(self.value.text(), self.reason.currentData(),
                                 self.note.text(), recording)
        except manual.EntryError as e:
            self.status.setText("✘ " + self.problem(e.key))
            self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")
            return
        user = _require_user(self.shell)
        if user is None:
            return
        lines = [(self.tr("CCP"), self.title()),
                 (self.tr("Value"), f"{entry.value:g} {self.unit}".strip()),
                 (self.tr("Verdict"), self.verdict_text(entry.value)),
                 (self.tr("Reason"), self.texts.manual_reason(entry.reason)
                  + (f" — {entry.note}" if entry.note else "")),
                 (self.tr("Entered by"), user.display)]
        warning = (self.tr("The sensor is recording automatically. This entry is marked on "
                           "every report as made while the sensor was recording.")
                   if recording else "")
        if not self.confirm(lines, warning):
            return
        channel, name, value, unit = self.ccp.channel, user.name, entry.value, self.unit

        def done(_eid) -> None:
            if _alive(self):
                self.value.clear()
                self.note.clear()
                self.reason.setCurrentIndex(0)
                self.status.setStyleSheet("")
                self.status.setText(self.tr("Recorded %1 by %2 at %3, flagged as manual.")
                                    .replace("%1", f"{value:g} {unit}".strip())
                                    .replace("%2", name)
                                    .replace("%3", datetime.fromtimestamp(
                                        self.shell.now_ms() / 1000,
                                        self.shell.tz).strftime("%H:%M:%S")))

        _record(self.shell, lambda w: w.record_manual(channel, value, name, note=entry.note,
                                                      extra=entry.extra()),
                done, self.record)


class TestPieceForm(QGroupBox):
    """A metal detector's test-piece check, as the operator did it."""

    def __init__(self, shell: SectorHost, ccp: CCP, texts: _Texts) -> None:
        super().__init__(ccp.label(shell.language))
        self.shell, self.ccp, self.texts = shell, ccp, texts
        self.setWindowTitle(self.title())
        self.pieces = {}
        self.setStyleSheet("QCheckBox { min-height: 44px; }"
                           " QCheckBox::indicator { width: 26px; height: 26px; }")
        grid = QGridLayout()
        for i, key in enumerate(TEST_PIECES):
            box = QCheckBox(texts.piece(key))
            self.pieces[key] = box
            grid.addWidget(box, i // 3, i % 3)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note"))
        self.record = QPushButton(self.tr("Record check"))
        self.record.setProperty("role", "primary")
        self.record.clicked.connect(self.submit)
        self.status = _muted()
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.record)
        lay = QVBoxLayout(self)
        lay.addWidget(_muted(self.tr("Tick each result that was as it must be; an unticked "
                                     "result is recorded as failed (a deviation).")))
        lay.addLayout(grid)
        lay.addLayout(row)
        lay.addWidget(self.status)

    def submit(self) -> None:
        user = _require_user(self.shell)
        if user is None:
            return
        results = {k: b.isChecked() for k, b in self.pieces.items()}
        ev = NewEvent(
            ts=self.shell.now_ms(), kind="haccp.md_check", channel=self.ccp.channel,
            user=user.name, message="시편 점검 (test-piece check)",
            data={"ccp": self.ccp.id, "results": results, "note": self.note.text().strip()})
        name, ccp_id, texts = user.name, self.ccp.id, self.texts
        failed = [k for k, ok in results.items() if not ok]

        def opened(devs) -> None:  # what the CCP rule made of it, read back from the record
            if not _alive(self):
                return
            mine = [d for d in devs if d.data.get("ccp") == ccp_id
                    and d.data.get("reason") == "test_piece_failed"]
            if mine:
                self.status.setText(self.tr("Check recorded by %1. Failed: %2 — a deviation "
                                            "was opened: handle it on the Deviations page.")
                                    .replace("%1", name)
                                    .replace("%2", ", ".join(texts.piece(k) for k in failed)))
                self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")

        def done(row) -> None:
            if not _alive(self):
                return
            self.clear()  # the next operator starts from an empty form
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Check recorded by %1: all results as they must be.")
                                .replace("%1", name))
            if failed:
                self.shell.read(lambda store: store.events(row.ts, row.ts + 1,
                                                           kinds=[DEVIATION_KIND]), opened)

        _record(self.shell, lambda w: w.append(ev), done, self.record)

    def clear(self) -> None:
        for box in self.pieces.values():
            box.setChecked(False)
        self.note.clear()


def _record(shell: SectorHost, job: Callable[[EntryWriter], object], on_done,
            button: QPushButton | None, on_finished=None) -> None:
    """Run `job(writer)` on the host's record worker with `button` disabled until it
    finished.

    A failure is logged and shows as 'Not recorded' (the host's doing); either way
    the button comes back (through `on_finished(ok)` when given, else enabled again).
    """
    def finish(ok: bool) -> None:
        if on_finished is not None:
            on_finished(ok)
        elif button is not None and _alive(button):
            button.setEnabled(True)

    if button is not None:
        button.setEnabled(False)
    shell.write(job, on_done, finish)


def _forms(shell: SectorHost, model_ccps: list[CCP], texts: _Texts) -> list[QWidget]:
    out: list[QWidget] = []
    for ccp in model_ccps:
        cv = shell.channel_view(ccp.channel)
        if ccp.kind == "metal_detection":
            out.append(TestPieceForm(shell, ccp, texts))
        else:
            out.append(ValueEntryForm(shell, ccp, cv.unit if cv is not None else "", texts))
    return out


class ManualEntryPage(QWidget):
    def __init__(self, shell, model: HaccpModel) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Manual entry"))
        self.texts = _Texts(self)
        self.forms = _forms(shell, model.ccps, self.texts)
        host = QWidget()
        inner = QVBoxLayout(host)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        for f in self.forms:
            inner.addWidget(f)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(host)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        lay.addWidget(_title(self.tr("Manual entry")))
        lay.addWidget(_muted(self.tr("When automatic recording is down, enter monitoring "
                                     "values by hand: type the value you read and choose "
                                     "why. Each entry is flagged as manual and carries your "
                                     "name, the time and the reason.")))
        lay.addWidget(scroll, 1)
        model.changed.connect(self._sensors)
        self._sensor_timer = QTimer(self, interval=5000)
        self._sensor_timer.timeout.connect(self._sensors)
        self._sensor_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Ticks not recorded are not left for the next operator."""
        super().hideEvent(event)
        for f in self.forms:
            if isinstance(f, TestPieceForm):
                f.clear()

    def _sensors(self) -> None:
        for f in self.forms:
            if isinstance(f, ValueEntryForm):
                f.refresh_sensor()


# ---------------------------------------------------------------------- approval
class ApprovalPage(QWidget):
    """The day's CCP monitoring log signed from the window (`sectors.haccp.approval`):
    작성 by the operator, 검토 and 승인 by managers, each with the signer's password. It
    shows who signed what and when (the site's zone), a signature a later change to that
    day's records invalidated (VOID, with why), and makes the day's log as a PDF with the
    결재란 filled from the same signatures."""

    def __init__(self, shell: SectorHost, model: HaccpModel) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Daily log approval"))
        self.shell, self.model = shell, model
        self.tz = shell.tz
        self.signatures: list[approval.DaySignature] = []
        self.loaded_day: date | None = None
        self.made: Path | None = None
        self._jobs = Background(shell.db_path, "haccp-approval", self)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        y = self.site_today() - timedelta(days=1)
        self.day.setDate(QDate(y.year, y.month, y.day))
        self.day.dateChanged.connect(self.reload)
        self.rows: dict[str, tuple[QLabel, QLabel, QPushButton]] = {}
        self.words = {"performed": self.tr("Prepared"),
                      "reviewed": self.tr("Reviewed"),
                      "approved": self.tr("Approved")}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        for i, meaning in enumerate(approval.ORDER):
            step = QLabel(self.words[meaning])
            step.setStyleSheet("font-size: 17px; font-weight: 700;")
            who = QLabel()
            who.setWordWrap(True)
            who.setStyleSheet("font-size: 16px;")
            button = QPushButton(self.tr("Sign…"))
            button.clicked.connect(lambda _=False, m=meaning: self.sign(m))
            grid.addWidget(step, i, 0)
            grid.addWidget(who, i, 1)
            grid.addWidget(button, i, 2)
            self.rows[meaning] = (step, who, button)
        grid.setColumnStretch(1, 1)
        box = QFrame()
        box.setObjectName("approvalbox")
        box.setStyleSheet(f"QFrame#approvalbox {{ background: {theme.CARD};"
                          f" border: 1px solid {theme.LINE}; border-radius: 8px; }}")
        box.setLayout(grid)
        self.memo = QLineEdit()
        self.memo.setPlaceholderText(self.tr("remarks printed in the sign-off box (optional)"))
        self.status = _muted()
        self.pdf_language = QComboBox()
        self.pdf_language.addItem("한국어", "ko")
        self.pdf_language.addItem("English", "en")
        self.pdf_language.setCurrentIndex(max(0, self.pdf_language.findData(shell.language)))
        self.make = QPushButton(self.tr("Make the day's log (PDF)"))
        self.make.clicked.connect(self.make_pdf)
        self.open_file = QPushButton(self.tr("Open file"))
        self.open_file.setEnabled(False)
        self.open_file.clicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(_title(self.tr("Daily log approval")))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.day)
        memo_row = QHBoxLayout()
        memo_row.addWidget(QLabel(self.tr("Remarks")))
        memo_row.addWidget(self.memo, 1)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf_language)
        pdf_row.addWidget(self.make)
        pdf_row.addWidget(self.open_file)
        pdf_row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addLayout(top)
        lay.addWidget(_muted(self.tr(
            "The CCP monitoring log of a day, signed in order: prepared by the operator, "
            "reviewed and approved by managers (HACCP team leader), each with their own "
            "password. Times are in the site's time zone (%1). A change to that day's "
            "records after signing shows the signature as VOID here and on the printed "
            "log.").replace("%1", str(self.tz))))
        lay.addWidget(box)
        lay.addLayout(memo_row)
        lay.addLayout(pdf_row)
        lay.addWidget(self.status)
        lay.addStretch(1)
        shell.recorded.connect(self._recorded)  # a bound slot: dropped with the page
        model.changed.connect(self.reload)
        self.reload()

    def _recorded(self, *_args) -> None:
        self.reload()

    def site_today(self) -> date:
        return datetime.fromtimestamp(self.shell.now_ms() / 1000, self.tz).date()

    def period(self):
        q = self.day.date()
        name = self.shell.site_config.get("site", {}).get("name", "")
        return day_period(name, self.tz, date(q.year(), q.month(), q.day()))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Re-check the day's signatures (each re-hashes what it signed: a day's blocks and
        events), only while the page is shown."""
        if not self.isVisible():
            return
        period = self.period()

        def job(store):
            return period, approval.day_signatures(store, period)

        self.shell.read(job, self._loaded)

    def _loaded(self, result) -> None:
        if not _alive(self):
            return
        period, sigs = result
        if period.start.date() != self.period().start.date():
            return  # another day was picked meanwhile
        self.loaded_day, self.signatures = period.start.date(), sigs
        valid = {s.meaning for s in sigs if s.valid}
        lang = self.shell.language
        for i, meaning in enumerate(approval.ORDER):
            _step, who, button = self.rows[meaning]
            mine = [s for s in sigs if s.meaning == meaning]
            lines = []
            for s in mine:
                when = tx.stamp(datetime.fromtimestamp(s.ts / 1000, self.tz), lang)
                text = self.tr("%1 (%2), %3").replace("%1", s.printed_name or s.login) \
                    .replace("%2", s.login).replace("%3", when)
                if not s.valid:
                    text = "✘ " + self.tr("VOID — records changed after signing: %1").replace(
                        "%1", text)
                    if s.void:
                        text += " — " + tx.void_reasons(s.void, lang)
                else:
                    text = "✔ " + text
                lines.append(text)
            latest = mine[-1] if mine else None
            colour = theme.MUTED if latest is None else theme.OK if latest.valid else theme.ALARM
            who.setText("\n".join(lines) if lines else self.tr("not signed"))
            who.setStyleSheet(f"font-size: 16px; color: {colour};"
                              f" font-weight: {700 if latest is not None else 400};")
            ready = i == 0 or approval.ORDER[i - 1] in valid
            button.setEnabled(meaning not in valid and ready)

    def refusal(self, exc: Exception) -> str:
        if isinstance(exc, users.WrongPassword | users.UnknownUser):
            return self.tr("Wrong password: nothing was signed.")
        if isinstance(exc, users.AccountLocked):
            return self.tr("The account is locked after too many wrong passwords: nothing "
                           "was signed.")
        if isinstance(exc, users.NotAllowed):
            return self.tr("Your role may not sign as %1: review and approval are for a "
                           "manager (HACCP team leader).")
        if isinstance(exc, users.WeakSecret):
            return self.tr("Not signed: managers and administrators sign only with a PIN or "
                           "password of at least %1 characters that is not trivial. Change it "
                           "first in Settings → Users → Change my PIN or password.").replace(
                "%1", str(users.MIN_SIGNER_SECRET))
        if isinstance(exc, approval.ApprovalError):
            return self.tr("Not signed: %1").replace("%1", str(exc))
        return self.tr("Not signed: %1").replace("%1", str(exc))

    def sign(self, meaning: str) -> None:
        user = _require_user(self.shell)
        if user is None:
            return
        period = self.period()
        if self.shell.now_ms() < period.t1:
            self.status.setText("✘ " + self.tr("The day %1 is not over yet: its log is signed "
                                               "after its last hour.").replace(
                "%1", period.start.date().isoformat()))
            self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")
            return
        about = self.tr("CCP monitoring log of %1").replace(
            "%1", period.start.date().isoformat())
        dlg = SignOffDialog(about, user.name, self)
        dlg.setWindowTitle(self.words[meaning])
        dlg.meaning.setCurrentIndex(dlg.meaning.findData(meaning))
        dlg.meaning.setEnabled(False)
        dlg.note.setText(self.memo.text())
        try:
            if not dlg.exec():
                return
            password, memo = dlg.password(), dlg.values()[1]
        finally:
            dlg.deleteLater()
        login, now = user.name, self.shell.now_ms()
        words = self.words

        def job(writer: EntryWriter):
            try:
                return writer.sign_document(lambda store: approval.sign_day(
                    store, period, login, password, meaning, memo, at_ms=now))
            except (users.AuthError, approval.ApprovalError, signatures.SignatureError) as e:
                return e

        def done(result) -> None:
            if not _alive(self):
                return
            if isinstance(result, Exception):
                text = self.refusal(result).replace("%1", words[meaning])
                self.status.setText("✘ " + text)
                self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 700;")
            else:
                self.status.setStyleSheet("")
                self.status.setText(self.tr("Signed as %1 by %2 (signature #%3).")
                                    .replace("%1", words[meaning])
                                    .replace("%2", user.display).replace("%3", str(result)))
            self.reload()

        self.shell.write(job, done)

    def make_pdf(self) -> None:
        period = self.period()
        lang = self.pdf_language.currentData()
        out = Path(self.shell.root) / "reports" / \
            f"haccp-daily-{period.start.date().isoformat()}-{lang}.pdf"
        site, db, root, now = self.shell.site_config, self.shell.db_path, self.shell.root, \
            self.shell.now_ms()
        jobs = self._jobs
        self.make.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Making the log…"))

        def job():
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                return report_render.daily(jobs.reader(), site, period.start, period.end, out,
                                           integrity(db, root), lang=lang, now_ms=now)
            except Exception as e:  # a locked record, a full disk: say it
                log.exception("daily log not made")
                return e

        def done(result) -> None:
            if not _alive(self):
                return
            self.make.setEnabled(True)
            if isinstance(result, Exception):
                self.status.setText(self.tr("Not made: %1").replace("%1", str(result)))
                return
            self.made = result
            self.open_file.setEnabled(True)
            self.status.setText(self.tr("Made %1").replace("%1", str(result)))

        if jobs.submit(job, done) is None:
            self.make.setEnabled(True)

    def _open(self) -> None:
        if self.made is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.made)))

    def close_jobs(self) -> None:
        self._jobs.close()


# ---------------------------------------------------------------------- readiness
class ReadinessPage(QWidget):
    KEYS = ("automatic", "integrity", "alerts", "fallback")

    def __init__(self, shell, model: HaccpModel) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("HACCP readiness"))
        self.shell, self.model = shell, model
        self.titles = {
            "automatic": self.tr("1. Every CCP is recorded automatically"),
            "integrity": self.tr("2. Records cannot be forged or altered"),
            "alerts": self.tr("3. A critical-limit breach raises an alert and is logged"),
            "fallback": self.tr("4. A manual fallback covers every recording stop"),
        }
        self.rows: dict[str, tuple[QFrame, QLabel, QLabel, QLabel]] = {}
        self.checked = _muted()
        self.again = QPushButton(self.tr("Check again"))
        self.again.clicked.connect(lambda: self.model.reload(readiness=True))
        top = QHBoxLayout()
        top.addWidget(_title(self.tr("Smart HACCP readiness")))
        top.addStretch(1)
        top.addWidget(self.checked)
        top.addWidget(self.again)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addLayout(top)
        lay.addWidget(_muted(self.tr("The four things the certification agency checks for "
                                     "smart HACCP, each computed from the settings and the "
                                     "record.")))
        for key in self.KEYS:
            frame = QFrame()
            frame.setObjectName("readyrow")
            mark = QLabel()
            mark.setMinimumWidth(150)
            mark.setStyleSheet("font-size: 18px; font-weight: 700;")
            title = QLabel(self.titles[key])
            title.setWordWrap(True)
            title.setStyleSheet("font-size: 17px; font-weight: 700;")
            why = QLabel()
            why.setWordWrap(True)
            why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text = QVBoxLayout()
            text.addWidget(title)
            text.addWidget(why)
            row = QHBoxLayout(frame)
            row.setContentsMargins(16, 10, 16, 10)
            row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            row.addLayout(text, 1)
            lay.addWidget(frame)
            self.rows[key] = (frame, mark, title, why)
        lay.addStretch(1)
        self._timer = QTimer(self, interval=READINESS_EVERY_MS)
        self._timer.timeout.connect(lambda: self.isVisible() and self.model.reload(
            readiness=True))
        self._timer.start()
        model.changed.connect(self.refresh)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.model.reload(readiness=True)

    def met(self) -> dict[str, bool]:
        snap = self.model.snapshot
        return {c.key: c.met for c in (snap.readiness or [])} if snap else {}

    def refresh(self) -> None:
        snap = self.model.snapshot
        checks = {c.key: c for c in (snap.readiness or [])} if snap else {}
        for key, (frame, mark, _title_label, why) in self.rows.items():
            c = checks.get(key)
            if c is None:
                colour, text, reason = theme.STALE, "○ " + self.tr("Checking…"), ""
            elif c.met:
                colour, text, reason = theme.OK, "✔ " + self.tr("Met"), c.why
            else:
                colour, text, reason = theme.ALARM, "✘ " + self.tr("Not met"), c.why
            mark.setText(text)
            mark.setStyleSheet(f"font-size: 18px; font-weight: 700; color: {colour};")
            why.setText(reason)
            frame.setStyleSheet(
                f"QFrame#readyrow {{ background: {theme.CARD}; border: 1px solid {theme.LINE};"
                f" border-left: 10px solid {colour}; border-radius: 8px; }}")
        at = snap.readiness_ms if snap else None
        self.checked.setText(self.tr("Checked at %1").replace("%1", self.model.when(at))
                             if at else "")


# ---------------------------------------------------------------------- contract
def pages(shell: SectorHost) -> list[QWidget]:
    model = HaccpModel(shell)
    overview = CcpOverviewPage(shell, model)
    model.setParent(overview)  # lives and dies with the pages (rebuilt on a language change)
    overview.close_jobs = model.close  # the shell closes sector pages' workers on shutdown
    return [overview, DeviationsPage(shell, model), SchedulePage(shell, model),
            ManualEntryPage(shell, model), ApprovalPage(shell, model),
            ReadinessPage(shell, model)]


def forms(shell: SectorHost) -> list[QWidget]:
    ccps, _errs = ccps_of(shell.site_config)
    return _forms(shell, ccps, _Texts())
