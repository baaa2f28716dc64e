"""The Reports page: every enabled sector's reports (`ReportDef`), made from the window.

Choose a report, its period (a day, a shift, a week, a month or a date range, as the
report's definition says; dates are the site's local days, never the PC's), the language
and a format the report offers. The report is made off the GUI thread, exactly as
`deungdae report` makes it (`desktop.cli.report_commands`: the same report list and the
same record-integrity statement printed on it), then the file or its folder opens.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from deungdae.desktop.cli.report_commands import integrity_statement
from deungdae.desktop.ui import theme
from deungdae.desktop.ui.background import Background
from deungdae.records.store import Store
from deungdae.sectors.api.contract import ReportDef, reports_of
from deungdae.sectors.api.site import SiteContext

log = logging.getLogger(__name__)

FORMAT_NAMES = {"pdf": "PDF", "csv": "CSV", "xlsx": "Excel (XLSX)"}
LANGUAGE_PARAMS = ("lang", "language")  # a renderer that takes one renders in that language


def site_reports(sectors: dict, enabled: list[str]) -> list[ReportDef]:
    """The reports of the site's enabled sectors, in the config's order (a sector whose
    `reports()` fails is left out with a log line: the others still show)."""
    out: list[ReportDef] = []
    for sid in enabled:
        sector = sectors.get(sid)
        if sector is None:
            continue
        try:
            out.extend(reports_of(sector))
        except Exception:
            log.exception("sector %r: reports() failed; its reports are not listed", sid)
    return out


def language_param(rep: ReportDef) -> str | None:
    """The keyword the report's renderer takes the language by, if it takes one."""
    try:
        params = inspect.signature(rep.render).parameters
    except (TypeError, ValueError):
        return None
    return next((p for p in LANGUAGE_PARAMS if p in params), None)


def render_report(rep: ReportDef, store: Store, site_raw: dict, start: datetime,
                  end: datetime, out: Path, lang: str) -> Path:
    """Make one report as the CLI does (the integrity statement first); runs on a worker."""
    out.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {}
    param = language_param(rep)
    if param is not None:
        kwargs[param] = lang
    return rep.render(store, site_raw, start, end, out, integrity_statement(store), **kwargs)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ReportsPage(QWidget):
    """Make any report of the site's sectors; `host` is the main window."""

    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reports"))
        self.host = host
        cfg = host.engine.config
        self.site_raw: dict = cfg.raw
        self.site: SiteContext = getattr(cfg, "site", None) or SiteContext(cfg.timezone)
        self.reports = site_reports(host.sectors, list(cfg.sectors))
        self.jobs = Background(host.db_path, "reports", self)
        self.folder = Path(host.root) / "reports"
        self.made: Path | None = None
        self.busy = False
        lang = host.translations.language if hasattr(host, "translations") else "en"

        self.report = QComboBox()
        for r in self.reports:
            self.report.addItem(self.report_title(r, lang), r.name)
        self.report.currentIndexChanged.connect(self._report_changed)
        self.period_label = QLabel()
        self.day = self._date_edit("yyyy-MM-dd")
        self.month = self._date_edit("yyyy-MM")
        self.start = self._date_edit("yyyy-MM-dd")
        self.end = self._date_edit("yyyy-MM-dd")
        self.shift = QComboBox()
        for s in self.site.shifts:
            self.shift.addItem(s.name, s.name)
        self.other = QLineEdit()  # a sector's own period (a lot, a crop cycle)
        for w in (self.day, self.month, self.start, self.end):
            w.dateChanged.connect(self._validate)
        self.shift.currentIndexChanged.connect(self._validate)
        self.other.textChanged.connect(self._validate)
        self.until = QLabel(self.tr("to"))
        period_row = QHBoxLayout()
        for w in (self.day, self.month, self.start, self.until, self.end, self.shift,
                  self.other):
            period_row.addWidget(w)
        period_row.addStretch(1)
        self.language = QComboBox()
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language_note = QLabel()
        self.language_note.setProperty("role", "muted")
        lang_row = QHBoxLayout()
        lang_row.addWidget(self.language)
        lang_row.addWidget(self.language_note, 1)
        self.format = QComboBox()
        self.format.currentIndexChanged.connect(self._validate)
        self.folder_label = QLabel(str(self.folder))
        self.folder_label.setWordWrap(True)
        self.change_folder = QPushButton(self.tr("Change folder…"))
        self.change_folder.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_folder)

        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Report"), self.report)
        form.addRow(self.period_label, period_row)
        form.addRow(self.tr("Language"), lang_row)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Save in"), folder_row)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {theme.ALARM}; font-weight: 600;")
        self.make = QPushButton(self.tr("Make report"))
        self.make.setProperty("role", "primary")
        self.make.clicked.connect(self.make_report)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the renderers do not count: a busy bar
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.open_file = QPushButton(self.tr("Open file"))
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_file.clicked.connect(lambda: self._open(self.made))
        self.open_folder.clicked.connect(
            lambda: self._open(self.made.parent if self.made else self.folder))
        for b in (self.open_file, self.open_folder):
            b.setEnabled(False)
        actions = QHBoxLayout()
        actions.addWidget(self.make)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.open_file)
        actions.addWidget(self.open_folder)

        title = QLabel(self.tr("Reports"))
        title.setProperty("role", "title")
        intro = QLabel(self.tr("Make a report of the record as it is now. Dates are days "
                               "in the site's time zone (%1). Every report states whether "
                               "the record's hash chain verified when it was made.")
                       .replace("%1", self.site.timezone))
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(title)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addLayout(actions)
        lay.addWidget(self.status)
        lay.addStretch(1)
        if not self.reports:
            self.status.setText(self.tr("The site's sectors offer no reports."))
        self._set_today()
        self._report_changed()

    # ------------------------------------------------------------------ texts
    def report_title(self, rep: ReportDef, lang: str) -> str:
        if lang == "ko" and rep.title_ko:
            return rep.title_ko
        return rep.title

    def period_title(self, rep: ReportDef) -> str:
        return {"day": self.tr("Day"), "shift": self.tr("Shift"), "week": self.tr("Week"),
                "month": self.tr("Month"), "range": self.tr("Dates")}.get(
            rep.period_key, rep.period_def.title_ko if self.host_language() == "ko"
            else rep.period_def.title_en)

    def host_language(self) -> str:
        return getattr(getattr(self.host, "translations", None), "language", "en")

    # ------------------------------------------------------------------ inputs
    def _date_edit(self, fmt: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(fmt)
        edit.setMinimumWidth(160)
        return edit

    def _set_today(self) -> None:
        """Defaults in the site's zone (the engine's clock): today, this month, the last
        seven days."""
        today = datetime.fromtimestamp(self.host.now_ms() / 1000, self.site.tz).date()
        for w in (self.day, self.month, self.end):
            w.setDate(_qdate(today))
        self.start.setDate(_qdate(date.fromordinal(today.toordinal() - 6)))

    def current(self) -> ReportDef | None:
        i = self.report.currentIndex()
        return self.reports[i] if 0 <= i < len(self.reports) else None

    def _report_changed(self) -> None:
        rep = self.current()
        key = rep.period_key if rep else ""
        self.period_label.setText(self.period_title(rep) if rep else self.tr("Period"))
        self.day.setVisible(key in ("day", "week", "shift"))
        self.month.setVisible(key == "month")
        for w in (self.start, self.until, self.end):
            w.setVisible(key == "range")
        self.shift.setVisible(key == "shift")
        builtin = key in ("day", "week", "shift", "month", "range")
        self.other.setVisible(rep is not None and not builtin)
        if rep is not None and not builtin:
            self.other.setPlaceholderText(rep.period_def.arg_help)
        self.format.blockSignals(True)
        self.format.clear()
        for f in rep.formats if rep else ():
            self.format.addItem(FORMAT_NAMES.get(f, f.upper()), f)
        self.format.blockSignals(False)
        takes_language = rep is not None and language_param(rep) is not None
        self.language.setEnabled(takes_language)
        self.language_note.setText("" if takes_language or rep is None else
                                   self.tr("This report is printed in Korean with English "
                                           "beside it."))
        self._validate()

    def period_arg(self) -> str:
        """The period as `deungdae report --period` takes it."""
        rep = self.current()
        key = rep.period_key if rep else ""
        if key in ("day", "week"):
            return _pydate(self.day.date()).isoformat()
        if key == "month":
            d = _pydate(self.month.date())
            return f"{d.year:04d}-{d.month:02d}"
        if key == "range":
            return f"{_pydate(self.start.date())}..{_pydate(self.end.date())}"
        if key == "shift":
            return f"{_pydate(self.day.date())}/{self.shift.currentData() or ''}"
        return self.other.text().strip()

    def span(self) -> tuple[datetime, datetime]:
        """The period in the site's zone; ValueError (in the window's words) if it is
        not one (an end before the start, no shift chosen, a malformed sector period)."""
        rep = self.current()
        if rep is None:
            raise ValueError(self.tr("Choose a report."))
        key = rep.period_key
        if key == "range" and self.end.date() < self.start.date():
            raise ValueError(self.tr("The last day is before the first day."))
        if key == "shift" and not self.site.shifts:
            raise ValueError(self.tr("The site has no shifts ([[site.shifts]] in the site "
                                     "config)."))
        if key not in ("day", "week", "shift", "month", "range") and not self.period_arg():
            raise ValueError(self.tr("Enter the period (%1).").replace(
                "%1", rep.period_def.arg_help))
        try:
            t0, t1 = rep.period_def.resolve(self.period_arg(), self.site)
        except ValueError as exc:
            raise ValueError(self.tr("Not a period of this report: %1").replace(
                "%1", str(exc))) from exc
        tz = self.site.tz
        return datetime.fromtimestamp(t0 / 1000, tz), datetime.fromtimestamp(t1 / 1000, tz)

    def _validate(self) -> bool:
        try:
            self.span()
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.make.setEnabled(False)
            return False
        self.problem.clear()
        self.make.setEnabled(not self.busy and self.format.count() > 0)
        return True

    def output_path(self, start: datetime) -> Path:
        rep = self.current()
        assert rep is not None
        lang = self.language.currentData() if self.language.isEnabled() else ""
        stem = f"{rep.name}-{self.period_arg().replace('/', '-').replace('..', '_')}"
        if lang:
            stem += f"-{lang}"
        return self.folder / f"{stem}.{self.format.currentData()}"

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Save reports in"),
                                                  str(self.folder))
        if chosen:
            self.folder = Path(chosen)
            self.folder_label.setText(chosen)

    # ------------------------------------------------------------------ making
    def make_report(self, on_finished: Callable[[Path | None], None] | None = None) -> bool:
        """Make the chosen report on the reports worker; False if the inputs are wrong."""
        if self.busy or not self._validate():
            return False
        rep = self.current()
        assert rep is not None
        start, end = self.span()
        out = self.output_path(start)
        lang = self.language.currentData()
        site_raw, jobs = self.site_raw, self.jobs

        def job() -> Path | Exception:
            try:
                return render_report(rep, jobs.reader(), site_raw, start, end, out, lang)
            except Exception as exc:  # a missing font, a full disk: say it, keep the page
                log.exception("report %s not made", rep.name)
                return exc

        self.busy = True
        self.make.setEnabled(False)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Making %1…").replace("%1", out.name))
        if jobs.submit(job, lambda r: self._done(r, on_finished)) is None:
            self._done(RuntimeError(self.tr("the window is closing")), on_finished)
        return True

    def _done(self, result: Path | Exception,
              on_finished: Callable[[Path | None], None] | None) -> None:
        if not isValid(self):
            return
        self.busy = False
        self.progress.hide()
        if isinstance(result, Exception):
            self.made = None
            self.status.setStyleSheet(f"color: {theme.ALARM}; font-weight: 600;")
            self.status.setText(self.tr("The report was not made: %1").replace(
                "%1", f"{result.__class__.__name__}: {result}"))
        else:
            self.made = Path(result)
            self.status.setStyleSheet(f"color: {theme.OK}; font-weight: 600;")
            self.status.setText(self.tr("Saved %1").replace("%1", str(self.made)))
        for b in (self.open_file, self.open_folder):
            b.setEnabled(self.made is not None)
        self._validate()
        if on_finished is not None:
            on_finished(self.made)

    def _open(self, path: Path | None) -> bool:
        if path is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def close_jobs(self) -> None:
        self.jobs.close()
