"""Emitting a signal must not drop references to Python objects.

PySide6 6.12.0's `SignalInstance.emit()` returned `True` without a new reference: every
emit took one reference from `True`, and after enough signals (a window that records for
an hour, or the test suite) Python deallocated `True` and crashed ("bool_dealloc"), or
corrupted memory and segfaulted somewhere else. pyproject.toml keeps that release out;
this test fails if a PySide6 with that bug is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from deungdae.desktop.ui.app import application


class _Emitter(QObject):
    plain = Signal()
    flag = Signal(bool)
    thing = Signal(object)


def test_emit_keeps_the_reference_counts_of_true_and_false() -> None:
    application()  # the GUI application the other tests share
    e = _Emitter()
    e.flag.connect(lambda _v: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        e.plain.emit()
        e.flag.emit(False)
        e.thing.emit(None)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
