"""The engine runs inside the app in a worker thread and talks to the UI through signals.

The engine calls its listeners from its own thread after every step; here each call only
appends to a buffer under a lock and, if no delivery is pending, emits one queued signal.
The GUI thread then takes everything at once, at most `max_rate` times a second, so 50
channels at 1 Hz (or a simulated clock at 1000x) never flood the event loop.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent

log = logging.getLogger(__name__)


class EngineThread(QObject):
    """Owns the engine's thread. Signals arrive in the GUI thread."""

    readings_arrived = Signal(list)  # list[Reading], keyed by channel key
    events_arrived = Signal(list)  # list[NewEvent]
    stopped = Signal(str)  # "" on a normal stop, else what went wrong
    _wake = Signal()

    def __init__(self, engine: Engine, max_rate: float = 4.0, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self._lock = threading.Lock()
        self._readings: list[Reading] = []
        self._events: list[NewEvent] = []
        self._pending = False
        self._min_gap = 1.0 / max_rate
        self._last_delivery = 0.0
        self._thread: threading.Thread | None = None
        self.error = ""
        self._wake.connect(self._schedule)
        engine.subscribe(self._listener)

    # -------------------------------------------------------------- engine thread side
    def _listener(self, readings: list[Reading], events: list[NewEvent]) -> None:
        with self._lock:
            self._readings.extend(readings)
            self._events.extend(events)
            if self._pending:
                return
            self._pending = True
        self._wake.emit()

    def _run(self, seconds: float | None) -> None:
        try:
            self.engine.run(seconds)
        except Exception as exc:  # shown in the window; details in the log
            log.exception("engine stopped on an error")
            self.error = f"{exc.__class__.__name__}: {exc}"
        self._listener([], [])
        self.stopped.emit(self.error)

    # -------------------------------------------------------------- GUI thread side
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, seconds: float | None = None) -> None:
        """Open the engine here (errors surface to the caller), then run it in a thread."""
        if self.engine.store is None:
            self.engine.open()
        self._thread = threading.Thread(target=self._run, args=(seconds,), name="engine",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> bool:
        """Stop the engine and wait until it has flushed everything; True if it has."""
        self.engine.stop()
        if self._thread is not None:
            self._thread.join(timeout)
            alive = self._thread.is_alive()
            if alive:
                log.error("engine thread did not stop within %.0f s", timeout)
            return not alive
        return True

    @Slot()
    def _schedule(self) -> None:
        wait = self._min_gap - (time.monotonic() - self._last_delivery)
        if wait > 0:
            QTimer.singleShot(int(wait * 1000) + 1, self.deliver)
        else:
            self.deliver()

    @Slot()
    def deliver(self) -> None:
        """Hand everything buffered to the UI now (tests call this to avoid waiting)."""
        with self._lock:
            readings, self._readings = self._readings, []
            events, self._events = self._events, []
            self._pending = False
        self._last_delivery = time.monotonic()
        if readings:
            self.readings_arrived.emit(readings)
        if events:
            self.events_arrived.emit(events)
