"""Cycles holding Qt widgets are collected on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from deungdae.desktop.ui import gui_gc


class _Cyclic(QWidget):
    destroyed_on: list[str] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self  # a reference cycle: only the cycle collector frees it
        self.destroyed.connect(lambda *_: _Cyclic.destroyed_on.append(
            threading.current_thread().name))


def test_automatic_collection_is_off_and_the_gui_timer_collects(qapp, qtbot) -> None:
    assert not gc.isenabled()
    assert qapp.findChild(gui_gc.GuiThreadCollector) is not None
    _Cyclic.destroyed_on.clear()
    for _ in range(50):
        _Cyclic()
    held: list[list] = []
    worker = threading.Thread(target=lambda: held.extend([] for _ in range(20_000)),
                              name="worker")
    worker.start()
    worker.join()  # allocations on a worker past the threshold: automatic collection
    # would have run here, on the worker, and destroyed the widgets on it
    assert "worker" not in _Cyclic.destroyed_on
    qtbot.waitUntil(lambda: len(_Cyclic.destroyed_on) == 50, timeout=5000)
    assert set(_Cyclic.destroyed_on) == {threading.main_thread().name}
