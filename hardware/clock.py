"""Clocks the engine and pollers run on.

The engine takes its clock as a parameter so tests, demos and benchmarks can run hours of
plant time in seconds with exactly the code that runs in the field.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    simulated: bool

    def now_ms(self) -> int: ...

    def wait(self, seconds: float, stop: threading.Event) -> bool:
        """Wait `seconds` of clock time; return True if `stop` was set meanwhile."""
        ...


class RealClock:
    simulated = False

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000

    def wait(self, seconds: float, stop: threading.Event) -> bool:
        return stop.wait(max(0.0, seconds))


class ScaledClock:
    """Runs `speed` times faster than real time, starting at `start_ms` (default: now).

    With `never_ahead` it stops at the wall clock and from there runs in real time: a
    simulated run that replays the past must not write readings stamped in the future,
    which a window would later show as today's. Such a clock also stands still until the
    first `wait` (the engine's first poll): opening the record and building the window
    take real time that, scaled, would eat the past it is meant to replay.
    """

    simulated = True

    def __init__(self, speed: float, start_ms: int | None = None, *,
                 never_ahead: bool = False) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self.never_ahead = never_ahead
        self._start_ms = time.time_ns() // 1_000_000 if start_ms is None else start_ms
        self._t0: float | None = None if never_ahead else time.monotonic()
        self._lock = threading.Lock()

    def _scaled_ms(self) -> int:
        if self._t0 is None:
            return self._start_ms
        return self._start_ms + int((time.monotonic() - self._t0) * 1000 * self.speed)

    def now_ms(self) -> int:
        t = self._scaled_ms()
        return min(t, time.time_ns() // 1_000_000) if self.never_ahead else t

    def wait(self, seconds: float, stop: threading.Event) -> bool:
        seconds = max(0.0, seconds)
        if self._t0 is None:
            with self._lock:  # several bus threads wait first at once: one start only
                if self._t0 is None:
                    self._t0 = time.monotonic()
        if not self.never_ahead:
            return stop.wait(seconds / self.speed)
        target = self.now_ms() + seconds * 1000
        scaled = (target - self._scaled_ms()) / 1000 / self.speed
        wall = (target - time.time_ns() / 1_000_000) / 1000
        return stop.wait(max(0.0, scaled, wall))


class ManualClock:
    """A clock that only moves when told to; `wait` advances it instantly."""

    simulated = True

    def __init__(self, start_ms: int) -> None:
        self._now = start_ms
        self._lock = threading.Lock()

    def now_ms(self) -> int:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += int(seconds * 1000)

    def set(self, now_ms: int) -> None:
        with self._lock:
            self._now = now_ms

    def wait(self, seconds: float, stop: threading.Event) -> bool:
        self.advance(seconds)
        return stop.is_set()
