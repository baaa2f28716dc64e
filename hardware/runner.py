"""A minimal loop that runs one source on its own thread, as the engine does.

Used by probes, benchmarks and tests; the engine may use it or its own loop.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from deungdae.hardware.source import PollResult, Source


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def run_source(source: Source, stop: threading.Event,
               on_result: Callable[[PollResult], None],
               clock: Callable[[], int] = now_ms) -> None:
    while not stop.is_set():
        res = source.poll_due(clock())
        if res.readings or res.events:
            on_result(res)
        wait = (source.next_due_ms() - clock()) / 1000
        if wait > 0 and stop.wait(wait):
            break


def start_source(source: Source, on_result: Callable[[PollResult], None],
                 clock: Callable[[], int] = now_ms) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    t = threading.Thread(target=run_source, args=(source, stop, on_result, clock),
                         name=f"source {source.name}", daemon=True)
    t.start()
    return t, stop
