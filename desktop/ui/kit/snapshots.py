"""A sector page's model: the latest snapshot of the record, loaded off the GUI thread.

Sector pages show figures computed from the record (a zone's derived values so far today,
a machine's shift OEE). Loading them on the GUI thread would freeze the window on a long
record, and loading on every event would queue loads behind each other. So a model loads
on a timer and shortly after events arrive (debounced), one load at a time (a request
during a load runs once after it), and a load that fails keeps the last snapshot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from deungdae.desktop.ui.kit.host import SectorHost
from deungdae.desktop.ui.kit.widgets import alive

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300


class SnapshotModel(QObject):
    """Subclass it, give `snapshot_job` (None: nothing to load), call `reload()` once your
    own fields are set; pages listen to `changed` and read `snapshot`."""

    changed = Signal()

    def __init__(self, shell: SectorHost, every_ms: int, what: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.snapshot: Any = None
        self._what = what  # for the log line when a load fails
        self._busy = self._again = False
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self._timer = QTimer(self, interval=every_ms)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        shell.events_arrived.connect(self.schedule_reload)
        shell.recorded.connect(self.schedule_reload)

    def snapshot_job(self) -> Callable[[Any], Any] | None:
        """A function of the record (a `Store`) run on the reader's thread, or None when
        there is nothing to load (the base model loads nothing; a sector's model says
        what its pages show)."""
        return None

    def schedule_reload(self, *_args: object) -> None:
        if not self._debounce.isActive():
            self._debounce.start()

    def reload(self) -> None:
        job = self.snapshot_job()
        if job is None:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        what = self._what

        def guarded(store: Any) -> Any:
            try:
                return job(store)
            except Exception:  # a locked or damaged record: keep the last snapshot
                log.exception("%s not loaded", what)
                return None

        if not self.shell.read(guarded, self._loaded):
            self._busy = False

    def _loaded(self, snap: Any) -> None:
        if not alive(self):
            return
        self._busy = False
        if snap is not None:
            self.snapshot = snap
            self.changed.emit()
        if self._again:
            self._again = False
            self.reload()
