"""The shell: navigation by sector, the alarm banner, the status bar, the engine inside.

The main window is also the host handed to sector views: it implements
`kit.SectorHost` (see desktop/ui/kit), the only part of it a sector may use. It keeps
every sector's open incidents (`sectors.api.incidents`, from the declared kinds) loaded
from the record, reloaded as soon as an incident's event arrives: the banner, the
overview and the navigation counts show them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QIcon, QPainter, QPixmap, QPolygon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from deungdae.desktop.engine.engine import Engine
from deungdae.desktop.paths import db_path
from deungdae.desktop.ui import theme
from deungdae.desktop.ui.alarm_banner import AlarmBanner
from deungdae.desktop.ui.audit_page import AuditPage
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.charts import ChartPage
from deungdae.desktop.ui.display_format import kind_text, local_time
from deungdae.desktop.ui.engine_thread import EngineThread
from deungdae.desktop.ui.event_list import EventListPage
from deungdae.desktop.ui.i18n import Translations
from deungdae.desktop.ui.incident_feed import IncidentFeed
from deungdae.desktop.ui.overview import OverviewPage
from deungdae.desktop.ui.plant_state import CLOSING, OPENING, OpenAlarm, PlantState
from deungdae.desktop.ui.record_actions import EntryWriter, RecordActions
from deungdae.desktop.ui.record_dialogs import CorrectiveActionDialog, LoginDialog, SignOffDialog
from deungdae.desktop.ui.reports_page import ReportsPage
from deungdae.desktop.ui.sector_views import contributions
from deungdae.desktop.ui.session import Session, User, legacy_config_users
from deungdae.desktop.ui.settings import SettingsPage
from deungdae.desktop.ui.sync_indicator import SyncIndicator
from deungdae.records.store import EventRow, Store
from deungdae.sectors.api.incidents import Incident, incident_key
from deungdae.sectors.api.kinds import CAUSE_ACTION
from deungdae.sectors.api.names import local_name
from deungdae.sectors.contract import Sector

log = logging.getLogger(__name__)

# The sync indicator is read every this many clock ticks (seconds).
SYNC_STATUS_EVERY = 5
# Incidents are reloaded this soon after an event of theirs (several in one burst: once).
INCIDENT_RELOAD_MS = 150
BANNER_HEIGHT = 80  # px: two lines of the loudest banner text
INCIDENT_FULL_EVERY_TICKS = 600  # a reload then reads the whole record (IncidentFeed)
SEVERITY_RANK = {"info": 0, "warning": 1, "alarm": 2, "critical": 3}


def app_icon() -> QIcon:
    shipped = QApplication.windowIcon()  # the lighthouse of resources/icons, set at start
    if not shipped.isNull():
        return shipped
    pm = QPixmap(64, 64)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(theme.INFO))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(QPolygon([QPoint(24, 58), QPoint(40, 58), QPoint(36, 18), QPoint(28, 18)]))
    p.setBrush(QColor("#f5b700"))
    p.drawEllipse(QPoint(32, 12), 9, 9)
    p.end()
    return QIcon(pm)



def page_says(page: object, method: str, arg: object) -> str:
    """What a page's optional text hook (`describe_event`, `describe_incident`,
    `channel_note`) says of `arg`; "" when it has none. A sector's text must not take the
    banner, the overview or the events page down, so its failure is logged, not raised."""
    hook = getattr(page, method, None)
    if not callable(hook):
        return ""
    try:
        return str(hook(arg) or "")
    except Exception:
        log.exception("%s failed", method)
        return ""

class MainWindow(QMainWindow):
    language_changed = Signal(str)
    closed = Signal()  # the window really closed (not hidden to the tray); all flushed
    # kit.SectorHost's signals, in the GUI thread
    readings_arrived = Signal(list)
    events_arrived = Signal(list)
    recorded = Signal(object)
    incidents_changed = Signal()

    def __init__(self, engine: Engine, sectors: dict[str, Sector],
                 translations: Translations | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.sectors = sectors
        self.root = engine.root
        self.db_path = db_path(engine.root)
        self.tz = engine.config.tz
        self.translations = translations or Translations()
        self.settings = settings or QSettings(str(self.root / "ui.ini"),
                                              QSettings.Format.IniFormat)
        self.engine_thread = EngineThread(engine, parent=self)
        self.state = PlantState(engine, self.translations.language)
        self.session = Session(self)
        self.records = RecordActions(engine, self)
        self.ui_jobs = Background(self.db_path, "ui", self)
        self._quitting = False
        self._shut = False
        self.kinds = engine.kinds  # every enabled sector's declared kinds and the shell's
        self._incident_kinds = self.kinds.incident_kinds()
        self._incident_feed = IncidentFeed(self.kinds)  # used on the UI worker only
        self._incidents_busy = False
        self._incidents_again = False
        self._incident_ids: set[int | None] | None = None  # None: not loaded yet
        self._badges: dict[int, tuple[int, str]] = {}  # id(page) -> set_badge's
        self._incident_timer = QTimer(self, singleShot=True, interval=INCIDENT_RELOAD_MS)
        self._incident_timer.timeout.connect(self.reload_incidents)
        self.engine_error = ""
        self.setWindowIcon(app_icon())
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1366, screen.width()) if screen else 1366,
                    min(820, screen.height() - 40) if screen else 820)

        self.engine_thread.readings_arrived.connect(self._on_readings)
        self.engine_thread.events_arrived.connect(self._on_events)
        self.engine_thread.stopped.connect(self._on_engine_stopped)
        self.records.recorded.connect(self._on_recorded)
        self.records.failed.connect(self._on_record_failed)
        self.session.changed.connect(self._refresh_status)

        self._build_ui()
        self._tray = self._make_tray()
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    # ------------------------------------------------------------------ building
    def _build_ui(self) -> None:
        old = self.centralWidget()
        current = self.nav.currentRow() if old is not None else 0
        if old is not None:
            self._close_pages()
        self.setWindowTitle(self.tr("Deungdae — %1").replace(
            "%1", local_name(self.engine.config.name, self.translations.language)))
        self.banner = AlarmBanner(self.state, self.tz)
        self.banner.acknowledge_clicked.connect(self.acknowledge_alarm)
        self.banner.show_events_clicked.connect(lambda: self.show_page(self.events_page))
        self.banner.open_incident_clicked.connect(self.show_incident)
        self.banner.details = self.incident_details
        self.overview = OverviewPage(self.state, self.now_ms)
        self.overview.details = self.incident_details
        self.overview.channel_note = self.channel_note
        self.overview.incident_clicked.connect(self.show_incident)
        self.charts = ChartPage(self.state, self.db_path, self.tz, self.now_ms)
        self.events_page = EventListPage(self, self.db_path, self.tz)
        self.overview.channel_clicked.connect(self.show_channel_chart)
        self.sector_contributions = contributions(self.sectors, self.engine.config.sectors,
                                                  self)
        self.settings_page = SettingsPage(self)
        self.reports_page = ReportsPage(self)
        self.audit_page = AuditPage(self)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(230)
        self.stack = QStackedWidget()
        self.pages: list[QWidget] = []
        self._nav_labels: list[str] = []
        self._page_sector: dict[int, str] = {}  # id(page) -> the sector it belongs to
        self._badges = {}
        self._add_page("◉  " + self.tr("Overview"), self.overview)
        self._add_page("∿  " + self.tr("Trends"), self.charts)
        self._add_page("☰  " + self.tr("Events"), self.events_page)
        for c in self.sector_contributions:
            for page in c.pages:
                self._add_page("▸  " + (page.windowTitle() or c.sector.name), page)
                self._page_sector[id(page)] = c.sector.id
        self._add_page("▤  " + self.tr("Reports"), self.reports_page)
        self._add_page("✎  " + self.tr("Audit trail"), self.audit_page)
        self._add_page("⚙  " + self.tr("Settings"), self.settings_page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # The banner has a slot of its own, always the same height (a calm line when all
        # is well): an alarm arriving must not push the page down under the pointer.
        self.banner_slot = QWidget()
        self.banner_slot.setObjectName("bannerslot")
        self.banner_slot.setFixedHeight(BANNER_HEIGHT)
        slot = QVBoxLayout(self.banner_slot)
        slot.setContentsMargins(0, 0, 0, 0)
        slot.setSpacing(0)
        self.calm = QLabel("●  " + self.tr("No open incidents"))
        self.calm.setObjectName("calm")
        self.calm.setStyleSheet(
            f"QLabel#calm {{ background: #e8f5ec; color: {theme.OK}; font-size: 17px;"
            " font-weight: 700; padding: 0 20px; }")
        slot.addWidget(self.banner)
        slot.addWidget(self.calm)
        self.banner.calm = self.calm
        outer.addWidget(self.banner_slot)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()
        self.nav.setCurrentRow(min(current, self.nav.count() - 1))
        self._build_status_bar()
        self.banner.refresh()
        self._refresh_nav_counts()

    def _add_page(self, label: str, page: QWidget) -> None:
        item = QListWidgetItem(label)
        self.nav.addItem(item)
        self.stack.addWidget(page)
        self.pages.append(page)
        self._nav_labels.append(label)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for w in getattr(self, "_status_widgets", []):
            bar.removeWidget(w)
            w.deleteLater()
        self.recording_label = QLabel()
        self.sync_label = SyncIndicator(self.tz)
        self.sync_label.show_status(getattr(self, "_sync_status", None))
        self.user_button = QPushButton()
        self.user_button.setFlat(True)
        self.user_button.setStyleSheet(
            "QPushButton { color: white; background: transparent; min-height: 32px;"
            " border: 1px solid #5b6b7a; border-radius: 4px; padding: 0 12px; }")
        self.user_button.clicked.connect(
            lambda: self.session.logout() if self.session.user else self.ask_login())
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet("font-weight: 700;")
        bar.addWidget(self.recording_label)
        bar.addWidget(self.sync_label)
        bar.addPermanentWidget(self.user_button)
        bar.addPermanentWidget(self.clock_label)
        self._status_widgets = [self.recording_label, self.sync_label, self.user_button,
                                self.clock_label]
        self._refresh_status()

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(self.windowIcon(), self)
        menu = QMenu()
        show = QAction(self.tr("Show window"), self)
        show.triggered.connect(self.showNormal)
        quit_ = QAction(self.tr("Stop recording and quit"), self)
        quit_.triggered.connect(self.quit)
        menu.addAction(show)
        menu.addAction(quit_)
        tray.setContextMenu(menu)
        tray.activated.connect(lambda _r: self.showNormal())
        tray.setToolTip(self.tr("Deungdae is recording"))
        tray.show()
        return tray

    # ------------------------------------------------------------------ lifecycle
    def now_ms(self) -> int:
        return self.engine.clock.now_ms()

    def start(self, seconds: float | None = None) -> None:
        """Start recording and load the alarms still open from earlier runs."""
        self.engine_thread.start(seconds)
        self.ui_jobs.submit(self._open_alarm_rows, self._on_open_alarm_rows)
        self.reload_incidents()
        self._refresh_status()

    def _open_alarm_rows(self) -> list[EventRow]:
        rows = self.ui_jobs.reader().events(
            kinds=tuple(OPENING) + tuple(CLOSING) + ("alarm.ack",), limit=1_000_000)
        return rows

    def _on_open_alarm_rows(self, rows: list[EventRow]) -> None:
        # Only alarms not already known from the live engine (started before this run).
        known = dict(self.state.open_alarms)
        self.state.open_alarms.clear()
        self.state.apply_events(rows)
        for key, live in known.items():
            self.state.open_alarms.setdefault(key, live)
        self.banner.refresh()
        self.overview.refresh_all()

    def shutdown(self) -> None:
        """Stop the engine (it flushes everything) and every worker. Idempotent."""
        if self._shut:
            return
        self._shut = True
        self._clock.stop()
        self._incident_timer.stop()
        ok = self.engine_thread.stop()
        self._close_pages()
        self.records.close()
        self.ui_jobs.close()
        if self._tray is not None:
            self._tray.hide()
        if not ok:
            log.error("the engine did not stop in time; the last second may be lost")

    def _close_pages(self) -> None:
        self.charts.close_jobs()
        self.events_page.close_jobs()
        self.settings_page.close_jobs()
        self.reports_page.close_jobs()
        self.audit_page.close_jobs()
        for c in self.sector_contributions:
            for page in c.pages:
                close = getattr(page, "close_jobs", None)
                if callable(close):
                    close()

    def quit(self) -> None:
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        keep = self.settings.value("keep_recording_in_tray", False, type=bool)
        if keep and self._tray is not None and not self._quitting and \
                self.engine_thread.running:
            self.hide()
            self._tray.showMessage(self.tr("Deungdae"),
                                   self.tr("Still recording. Use the tray icon to open or "
                                           "quit."))
            event.ignore()
            return
        self.shutdown()
        event.accept()
        self.closed.emit()

    # ------------------------------------------------------------------ language
    def set_language(self, lang: str) -> None:
        self.translations.set_language(lang)
        self.settings.setValue("language", self.translations.language)
        self.state.set_language(self.engine, self.translations.language)
        self._build_ui()
        self.nav.setCurrentRow(self.nav.count() - 1 if self.stack.currentWidget() is
                               self.settings_page else self.nav.currentRow())
        self.language_changed.emit(self.translations.language)

    # ------------------------------------------------------------------ engine signals
    def _on_readings(self, readings: list) -> None:
        changed = self.state.apply_readings(readings)
        if self.overview.isVisible():
            self.overview.refresh_channels(changed)
        self.charts.add_readings(readings)
        self.readings_arrived.emit(readings)

    def _on_events(self, events: list) -> None:
        if any(ev.kind in self._incident_kinds for ev in events):
            self.schedule_incident_reload()
        opened = self.state.apply_events(events)
        if opened:
            self.banner.alarm_raised()
            if self._tray is not None and not self.isVisible():
                self._tray.showMessage(self.tr("Deungdae alarm"),
                                       self.banner.describe(opened[0]),
                                       QSystemTrayIcon.MessageIcon.Critical)
        else:
            self.banner.refresh()
        self.overview.refresh_all()
        self.events_page.schedule_reload()
        self.events_arrived.emit(events)

    def _on_recorded(self, row: EventRow) -> None:
        if row.kind in self._incident_kinds:
            self.schedule_incident_reload()
        self.state.apply_events([row])
        self.banner.refresh()
        self.events_page.reload()
        self.recorded.emit(row)

    # ------------------------------------------------------------------ incidents
    def schedule_incident_reload(self) -> None:
        if not self._incident_timer.isActive():
            self._incident_timer.start()

    def reload_incidents(self) -> None:
        """Every sector's open incidents, derived from the record on the UI worker."""
        if self._incidents_busy:
            self._incidents_again = True
            return
        self._incidents_busy = True
        jobs, feed = self.ui_jobs, self._incident_feed

        def job() -> list[Incident] | None:
            try:
                return feed.load(jobs.reader())
            except Exception:  # a locked record: keep what is shown, try on the next event
                log.exception("open incidents not loaded")
                return None

        if jobs.submit(job, self._on_incidents) is None:
            self._incidents_busy = False

    def _on_incidents(self, incidents: list[Incident] | None) -> None:
        self._incidents_busy = False
        if incidents is not None and not self._shut:
            ids = {i.id for i in incidents}
            first = self._incident_ids is None
            new = [] if first else [i for i in incidents if i.id not in self._incident_ids
                                    and i.kind.kind not in self.state.tracked_kinds]
            self._incident_ids = ids
            self.state.set_incidents(incidents)
            if new:
                self.banner.alarm_raised()
                if self._tray is not None and not self.isVisible():
                    self._tray.showMessage(self.tr("Deungdae alarm"),
                                           self.banner.describe_incident(new[0]),
                                           QSystemTrayIcon.MessageIcon.Critical)
            else:
                self.banner.refresh()
            self.overview.refresh_all()
            self._refresh_nav_counts()
            self.incidents_changed.emit()
        if self._incidents_again:
            self._incidents_again = False
            self.reload_incidents()

    def open_incidents(self) -> list[Incident]:
        return list(self.state.incidents)

    def incident_page(self, incident: Incident) -> QWidget | None:
        """The page that handles an incident: a sector page naming its kind, else the
        owning sector's first page; the shell's own kinds: the events page."""
        return self.kind_page(incident.kind.kind)

    def kind_page(self, kind: str) -> QWidget | None:
        """The page that speaks for events of `kind` (as `incident_page` finds it)."""
        for page in self.pages:
            if kind in getattr(page, "incident_kinds", ()):
                return page
        owner = self.kinds.owners.get(kind, "shell")
        if owner == "shell":
            return self.events_page
        return next((p for p in self.pages if self._page_sector.get(id(p)) == owner), None)

    def sector_event_details(self, row) -> str:
        """A sector's event row in the window's language, as its pages say ("" if not):
        the page handling the kind first, then the sector's other pages."""
        owner = self.kinds.owners.get(row.kind, "shell")
        if owner == "shell":
            return ""
        first = self.kind_page(row.kind)
        pages = [first, *(p for p in self.pages
                          if self._page_sector.get(id(p)) == owner and p is not first)]
        for page in pages:
            text = page_says(page, "describe_event", row)
            if text:
                return text
        decl = self.kinds.get(row.kind)
        if decl is not None and decl.role == "opens":  # what the overview says of it
            return self.incident_details(Incident(incident_key(decl, row), decl, row))
        return ""

    def incident_details(self, incident: Incident) -> str:
        """What an incident is about, as the page handling it says (may be "")."""
        return page_says(self.incident_page(incident), "describe_incident", incident)

    def channel_note(self, key: str) -> str:
        """A sector page's note on a channel's overview tile (a CCP's critical limit)."""
        for contrib in getattr(self, "sector_contributions", ()):
            for page in contrib.pages:
                text = page_says(page, "channel_note", key)
                if text:
                    return text
        return ""

    def show_incident(self, incident: Incident) -> None:
        page = self.incident_page(incident)
        if page is not None:
            self.show_page(page)
            select = getattr(page, "select_incident", None)
            if callable(select) and incident.id is not None:
                select(incident.id)

    def set_badge(self, page: QWidget, count: int, severity: str = "alarm") -> None:
        self._badges[id(page)] = (max(0, int(count)), severity)
        self._refresh_nav_counts()

    def _refresh_nav_counts(self) -> None:
        """Each page's navigation entry with its count: the open incidents it handles
        (or, for the Overview, of every sector), or the badge its sector set."""
        if not hasattr(self, "nav"):
            return
        counted: dict[int, tuple[int, str]] = {}
        for inc in self.state.incidents:
            page = self.incident_page(inc)
            for target in {id(self.overview), id(page) if page is not None else None}:
                if target is None:
                    continue
                n, sev = counted.get(target, (0, "info"))
                counted[target] = (n + 1, max(sev, inc.severity, key=SEVERITY_RANK.get))
        for row, page in enumerate(self.pages):
            n, sev = self._badges.get(id(page)) or counted.get(id(page), (0, "info"))
            item = self.nav.item(row)
            if item is None:
                continue
            loud = bool(n) and SEVERITY_RANK.get(sev, 0) >= SEVERITY_RANK["alarm"]
            # the nav's stylesheet sets its colours: the mark and weight say how loud
            item.setText(self._nav_labels[row] + (f"   {'▲' if loud else '●'} {n}" if n
                                                  else ""))
            font = item.font()
            font.setBold(bool(loud))
            item.setFont(font)
            item.setData(Qt.ItemDataRole.UserRole, n)

    # ------------------------------------------------------------------ kit.SectorHost
    @property
    def site_config(self) -> dict[str, Any]:
        return self.engine.config.raw

    @property
    def language(self) -> str:
        return self.translations.language

    @property
    def user(self) -> User | None:
        return self.session.user

    def require_user(self) -> User | None:
        if self.session.user is None:
            self.ask_login()
        return self.session.user

    def channel_view(self, key: str):
        return self.state.channels.get(key)

    def channels(self) -> list:
        return list(self.state.channels.values())

    def read(self, job: Callable[[Store], Any], on_done: Callable[[Any], None]) -> bool:
        jobs = self.ui_jobs
        return jobs.submit(lambda: job(jobs.reader()), on_done) is not None

    def write(self, job: Callable[[EntryWriter], Any],
              on_done: Callable[[Any], None] | None = None,
              on_finished: Callable[[bool], None] | None = None) -> bool:
        return self.records.run(job, on_done, on_finished)

    def sign_with(self, dialog: SignOffDialog, ref: EventRow, login: str) -> None:
        dialog.sign_with(self.records, ref, login)

    def _on_record_failed(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Not recorded"),
                            self.tr("This could not be recorded: %1").replace("%1", text))

    def _on_engine_stopped(self, error: str) -> None:
        self.engine_error = error
        self._refresh_status()
        if error and not self._quitting:
            self.statusBar().showMessage(self.tr("Recording stopped: %1").replace("%1", error))

    # ------------------------------------------------------------------ status
    def _tick(self) -> None:
        if self.overview.isVisible():
            self.overview.tick()
        self._ticks = getattr(self, "_ticks", 0) + 1
        if self._ticks % INCIDENT_FULL_EVERY_TICKS == 0:  # late-written events (the feed)
            self.schedule_incident_reload()
        self._refresh_status()

    def _refresh_status(self) -> None:
        if not hasattr(self, "clock_label"):
            return
        if self.engine_thread.running:
            st = self.engine.status()
            self.recording_label.setText(
                "● " + self.tr("Recording") + " · " +
                self.tr("%1 readings").replace("%1", f"{st.readings_written:,}"))
            self.recording_label.setStyleSheet("color: #7ee2a0; font-weight: 700;")
        else:
            self.recording_label.setText("■ " + (self.tr("Recording stopped")
                                                 if not self.engine_error else
                                                 self.tr("Recording stopped on an error")))
            self.recording_label.setStyleSheet("color: #ff8a80; font-weight: 700;")
        self._sync_ticks = getattr(self, "_sync_ticks", 0) + 1
        if self._sync_ticks % SYNC_STATUS_EVERY == 1:
            self.refresh_sync_status()
        user = self.session.user
        self.user_button.setText((user.display + " · " + self.tr("Log out")) if user
                                 else self.tr("Log in"))
        self.clock_label.setText(local_time(self.now_ms(), self.tz))

    def refresh_sync_status(self) -> None:
        """Read the sync state and backlog off the GUI thread, then show it."""
        self.ui_jobs.submit(self.engine.sync_status, self._on_sync_status)

    def _on_sync_status(self, st) -> None:
        self._sync_status = st
        self.sync_label.show_status(st)

    # ------------------------------------------------------------------ navigation
    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.index(page))

    def show_channel_chart(self, key: str) -> None:
        self.charts.select([key])
        self.show_page(self.charts)

    # ------------------------------------------------------------------ record actions
    def login_dialog(self) -> LoginDialog:
        """The login dialog; it checks the password on the records worker."""
        return LoginDialog(self.session, self.engine, self.records.jobs, self,
                           legacy_config_users(self.engine.config.raw))

    def ask_login(self) -> bool:
        dlg = self.login_dialog()
        try:
            dlg.exec()
        finally:
            dlg.deleteLater()  # its callbacks check isValid: a late answer is dropped
        return self.session.user is not None

    def _require_user(self) -> str | None:
        """The login of the user at the keyboard (asking them to log in if need be)."""
        if self.session.user is None and not self.ask_login():
            return None
        return self.session.user.name if self.session.user else None

    def acknowledge_alarm(self, alarm: OpenAlarm) -> None:
        user = self._require_user()
        if user:
            self.records.acknowledge(alarm, user)

    def acknowledge_event(self, row: EventRow) -> None:
        user = self._require_user()
        if not user:
            return
        alarm = OpenAlarm(row.channel or row.device or "",
                          row.data.get("side", "lost") if row.kind == "alarm.start"
                          else "lost", row.kind, row.ts, row.message, row.id)
        self.records.acknowledge(alarm, user)

    def describe_row(self, row: EventRow) -> str:
        name = self.state.channels[row.channel].name if row.channel in self.state.channels \
            else (row.channel or row.device or "")
        return f"{local_time(row.ts, self.tz)} · {kind_text(row.kind)} · {name}: {row.message}"

    def ask_corrective_action(self, row: EventRow) -> None:
        user = self._require_user()
        if not user:
            return
        decl = self.kinds.get(row.kind)
        dlg = CorrectiveActionDialog(self.describe_row(row), self,
                                     fields=decl.fields if decl and decl.fields
                                     else CAUSE_ACTION, lang=self.language)
        try:
            if not dlg.exec():
                return
            values = dlg.values()
        finally:
            dlg.deleteLater()
        self.records.corrective_action(row, user, values)

    def ask_sign_off(self, row: EventRow) -> None:
        user = self._require_user()
        if not user:
            return
        if not self.session.user.can_sign_off:
            QMessageBox.information(self, self.tr("Sign off"),
                                    self.tr("Only a manager can sign off. Log in as a "
                                            "manager."))
            return
        dlg = SignOffDialog(self.describe_row(row), user, self)
        dlg.sign_with(self.records, row, user)  # signs on OK; stays open if refused
        try:
            dlg.exec()  # returns only once signed or cancelled before signing
        finally:
            dlg.deleteLater()
