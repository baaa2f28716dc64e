"""The audit trail page: every settings and user change, failed sign-in, correction and
signature, with old → new, narrowed by period, kind, person and entity; CSV and PDF.

The list is read on a worker thread (`records.audit_trail`, the same query as `deungdae
audit`) for the chosen local days, then narrowed in the window as the other filters change.
Rows hold keys; `desktop.engine.audit_report` words them in the window's language, so the
screen, the CSV and the PDF say the same thing. Exports are written on the worker too.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from deungdae.desktop.engine import audit_report as ar
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.display_format import ui_language
from deungdae.desktop.ui.tables import read_only_table
from deungdae.records import audit_trail
from deungdae.records.audit_trail import AuditEntry

COLUMNS = ("time", "kind", "who", "what", "action", "change", "reason")
DEFAULT_DAYS = 30


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AuditPage(QWidget):
    """`shell` is the main window (its db_path, tz, now_ms, state and engine config)."""

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail"))
        self.shell = shell
        self.tz = shell.tz
        self.jobs = Background(shell.db_path, "audit", self)
        self.rows: list[AuditEntry] = []  # the period's rows, every kind
        self.shown: list[AuditEntry] = []
        self.span: tuple[int, int] = (0, 0)
        self.loading = False

        today = datetime.fromtimestamp(shell.now_ms() / 1000, self.tz).date()
        self.start = self._date_edit(today - timedelta(days=DEFAULT_DAYS - 1))
        self.end = self._date_edit(today)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for key, label in (("config", self.tr("Settings changes")),
                           ("user", self.tr("User changes")),
                           ("signin", self.tr("Failed sign-ins")),
                           ("correction", self.tr("Corrections")),
                           ("signature", self.tr("Signatures"))):
            self.kind.addItem(label, key)
        self.who = QComboBox()
        self.who.addItem(self.tr("Everyone"), None)
        self.entity = QLineEdit()
        self.entity.setPlaceholderText(self.tr("Entity or thing (e.g. limit, a login)"))
        self.start.dateChanged.connect(self.reload)
        self.end.dateChanged.connect(self.reload)
        self.kind.currentIndexChanged.connect(self._fill)
        self.who.currentIndexChanged.connect(self._fill)
        self.entity.textChanged.connect(self._fill)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.start)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.end)
        filters.addWidget(self.kind, 2)
        filters.addWidget(self.who, 1)
        filters.addWidget(self.entity, 2)

        self.table = read_only_table([self.tr("Time"), self.tr("Kind"), self.tr("Who"),
                                      self.tr("What"), self.tr("Action"),
                                      self.tr("Old → new"), self.tr("Reason / comment")], [])
        self.table.verticalHeader().setDefaultSectionSize(40)
        head = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):  # short columns fit; the wordy ones share the rest
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents
                                      if col < COLUMNS.index("what") else
                                      QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)

        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828; font-weight: 600;")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.csv_button = QPushButton(self.tr("Save as CSV…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.pdf_button.clicked.connect(lambda: self._ask_export("pdf"))
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.pdf_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addLayout(filters)
        lay.addWidget(self.problem)
        lay.addWidget(self.table, 1)
        lay.addLayout(actions)
        self.reload()

    def _date_edit(self, d: date) -> QDateEdit:
        edit = QDateEdit(_qdate(d))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # ------------------------------------------------------------------ data
    def period(self) -> tuple[int, int] | None:
        """[start of the first day, start of the day after the last) in the site's zone."""
        d0, d1 = _pydate(self.start.date()), _pydate(self.end.date())
        if d1 < d0:
            return None
        t0 = datetime.combine(d0, datetime.min.time(), self.tz)
        t1 = datetime.combine(d1 + timedelta(days=1), datetime.min.time(), self.tz)
        return int(t0.timestamp() * 1000), int(t1.timestamp() * 1000)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.reload()  # what changed since the page was last looked at

    def reload(self) -> None:
        span = self.period()
        if span is None:
            self.problem.setText(self.tr("The last day is before the first day."))
            self._set_rows([], (0, 0))
            return
        self.problem.clear()
        self.loading = True

        def job() -> tuple[list[AuditEntry], tuple[int, int]]:
            return audit_trail.entries(self.jobs.reader(), t0=span[0], t1=span[1]), span

        self.jobs.submit(job, lambda got: self._set_rows(*got))

    def _set_rows(self, rows: list[AuditEntry], span: tuple[int, int]) -> None:
        if not isValid(self):
            return
        self.loading = False
        self.rows, self.span = rows, span
        keep = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem(self.tr("Everyone"), None)
        for login in audit_trail.people(rows):
            self.who.addItem(ar.who_text(login, ui_language()), login)
        i = self.who.findData(keep)
        self.who.setCurrentIndex(max(0, i))
        self.who.blockSignals(False)
        self._fill()

    def filters(self) -> tuple[list[str] | None, str | None, str | None]:
        kind = self.kind.currentData()
        return ([kind] if kind else None, self.who.currentData(),
                self.entity.text().strip() or None)

    def names(self) -> dict[str, str]:
        state = getattr(self.shell, "state", None)
        chans = getattr(state, "channels", {}) or {}
        return {k: getattr(c, "name", k) or k for k, c in chans.items()}

    def _fill(self) -> None:
        kinds, who, entity = self.filters()
        self.shown = audit_trail.narrow(self.rows, kinds=kinds, who=who, entity=entity)
        lang, names = ui_language(), self.names()
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(self.shown))
        for r, e in enumerate(reversed(self.shown)):  # newest first on screen
            c = ar.cells(e, lang, self.tz, names)
            texts = [c.time, c.kind, c.who, c.what, c.action,
                     "\n".join(ar.change_lines(e, lang)), c.reason]
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(c.ref)
                self.table.setItem(r, col, item)
        self.table.resizeRowsToContents()
        self.table.setUpdatesEnabled(True)
        self.count.setText(self.tr("%1 entries").replace("%1", str(len(self.shown))))
        for b in (self.csv_button, self.pdf_button):
            b.setEnabled(bool(self.shown))

    def cell_texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and screenshots)."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]

    # ------------------------------------------------------------------ export
    def _ask_export(self, fmt: str) -> None:
        d0, d1 = _pydate(self.start.date()), _pydate(self.end.date())
        name = f"audit-{d0:%Y%m%d}-{d1:%Y%m%d}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the audit trail"), str(Path.home() / name),
            "CSV (*.csv)" if fmt == "csv" else "PDF (*.pdf)")
        if path:
            self.export(Path(path), fmt)

    def export(self, out: Path, fmt: str, on_done=None) -> None:
        """Write what the table shows to `out` (CSV or PDF) on the worker."""
        rows, lang, names, span = list(self.shown), ui_language(), self.names(), self.span
        kinds, who, entity = self.filters()
        plant = self.shell.engine.config.name
        tz = self.tz

        def job() -> Path | Exception:
            try:
                if fmt == "csv":
                    return ar.write_csv(rows, out, lang, tz, names)
                store = self.jobs.reader()
                head = ar.Heading(plant, ar.period_text(lang, span[0], span[1], tz),
                                  ar.filters_text(lang, kinds, who, entity),
                                  ar.record_state(store, lang),
                                  ar.local_time(int(time.time() * 1000), tz))
                return ar.write_pdf(rows, out, lang, tz, head, names)
            except Exception as exc:  # a full disk, no Korean font: say it on the page
                return exc

        def done(result: Path | Exception) -> None:
            if not isValid(self):
                return
            if isinstance(result, Exception):
                self.count.setText(self.tr("Not saved: %1").replace("%1", str(result)))
            else:
                self.count.setText(self.tr("Saved %1").replace("%1", str(result)))
            if on_done is not None:
                on_done(result)

        self.count.setText(self.tr("Saving…"))
        self.jobs.submit(job, done)

    def close_jobs(self) -> None:
        self.jobs.close()
