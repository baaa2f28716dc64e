"""Python's cycle collector, run on the GUI thread only.

The collector runs on whichever thread happens to allocate when a threshold is passed.
When that is a worker (a record query, a report) and the garbage holds Qt widgets (a
closed page caught in a reference cycle), their C++ destructors run on the worker:
Qt forbids it, and PySide deadlocks against the GUI thread (seen: a worker's sqlite call
collected a closed window while the GUI thread deleted another). So once the window
exists, automatic collection is off and a GUI-thread timer collects instead, by the same
generation thresholds (the pattern of pyqtgraph's GarbageCollector).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        counts, limits = gc.get_count(), gc.get_threshold()
        if counts[0] <= limits[0]:
            return
        generation = 2 if counts[2] > limits[2] else 1 if counts[1] > limits[1] else 0
        gc.collect(generation)


def install(app: QObject) -> None:
    """Once per application (its child, so it ends with it)."""
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)
