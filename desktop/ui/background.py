"""Database work off the GUI thread: one worker thread per `Background`, results by signal.

A `Background` owns one thread and, lazily, one read-only `Store` used only on that
thread; charts have their own so a slow history query never waits behind a write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from deungdae.records.store import Store

log = logging.getLogger(__name__)


class Background(QObject):
    failed = Signal(str)  # a job raised; the text is for the user
    _done = Signal(object, object)

    def __init__(self, db_path: Path | None, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = db_path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._reader: Store | None = None
        self._closed = False
        # Always queued: a job that finishes before `submit` has added its callback gets
        # it run in the GUI thread at once, and a direct call would deliver the result
        # inside `submit` (a button disabled after submitting would stay disabled).
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    def reader(self) -> Store:
        """The read-only store of this worker (call only from inside a job)."""
        if self._reader is None:
            assert self.db_path is not None
            self._reader = Store.open_reader(self.db_path)
        return self._reader

    def submit(self, job: Callable[[], Any],
               on_done: Callable[[Any], None] | None = None) -> Future | None:
        if self._closed:
            return None
        fut = self._pool.submit(job)

        def done(f: Future) -> None:
            # a page (and so this object) deleted while its job ran: emitting on the
            # deleted C++ object from this worker thread would crash the process
            if self._closed or f.cancelled() or not shiboken6.isValid(self):
                return
            exc = f.exception()
            if exc is not None:
                log.error("background job failed", exc_info=exc)
                self._done.emit(None, exc)
            elif on_done is not None:
                self._done.emit(on_done, f.result())

        fut.add_done_callback(done)
        return fut

    @Slot(object, object)
    def _finish(self, callback: Any, result: Any) -> None:
        if callback is None:
            self.failed.emit(f"{result.__class__.__name__}: {result}")
        else:
            callback(result)

    def close(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._reader is not None:  # the worker has finished; safe to close from here
            self._reader.close()
            self._reader = None
