"""Keeping the logger alive while the record cannot be written.

A plant PC runs unattended: a full disk, a database locked by another program or a log
handler that cannot write must not stop the logger. While writing fails the engine keeps
readings and events in memory, retries with a capped backoff and writes everything it held
as soon as the record takes writes again. `WriteHealth` is the small, Qt-free state machine
behind that; the engine asks it when to try, tells it how each try went, and turns its
state changes into one log line and one incident event each (never a traceback per try).

Memory is bounded: past `max_readings` buffered readings the *oldest readings* are dropped
and counted (the count is in the engine status and in the incident). Events are never
dropped: an alarm is worth more than a reading, and events are few.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_MAX_READINGS = 500_000   # ~20 MB of tuples; hours of a busy plant
FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 30.0


@dataclass(slots=True)
class Outage:
    """One spell of failed writes, from the first failure to the first good write."""
    since_ms: int            # plant clock time of the first failure
    error: str               # the latest error's one-line message
    failures: int = 1
    dropped: int = 0         # readings dropped because the buffer cap was reached
    max_held: int = 0        # most readings held at once


class WriteHealth:
    """When to retry a failing write, and what happened meanwhile.

    `monotonic` is injectable so a test can step the backoff without waiting.
    """

    def __init__(self, *, max_readings: int = DEFAULT_MAX_READINGS,
                 first_retry: float = FIRST_RETRY_SECONDS,
                 max_retry: float = MAX_RETRY_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if max_readings < 1 or first_retry <= 0 or max_retry < first_retry:
            raise ValueError("write buffer: need max_readings >= 1 and "
                             "0 < first_retry <= max_retry")
        self.max_readings = max_readings
        self.first_retry = first_retry
        self.max_retry = max_retry
        self._mono = monotonic
        self.outage: Outage | None = None
        self.dropped_total = 0
        self._delay = first_retry
        self._next_try = 0.0

    @property
    def failing(self) -> bool:
        return self.outage is not None

    @property
    def error(self) -> str:
        return self.outage.error if self.outage else ""

    def may_try(self) -> bool:
        """True when writing works, or when the backoff after a failure has passed."""
        return self.outage is None or self._mono() >= self._next_try

    def failed(self, exc: BaseException, now_ms: int) -> bool:
        """Note a failed write; True when this starts an outage or its reason changes (a
        data dir back but holding an older copy): logged once each, status shows the last."""
        start = self.outage is None
        line = _one_line(exc)
        if start:
            self.outage = Outage(now_ms, line)
            self._delay = self.first_retry
            return self._schedule(True)
        self.outage.failures += 1
        self._delay = min(self._delay * 2, self.max_retry)
        changed = line != self.outage.error
        self.outage.error = line
        return self._schedule(changed)

    def _schedule(self, say: bool) -> bool:
        self._next_try = self._mono() + self._delay
        return say

    def recovered(self) -> Outage | None:
        """Note a good write; returns the outage it ends (None when there was none)."""
        out, self.outage = self.outage, None
        self._delay = self.first_retry
        return out

    def trim(self, buffer: list) -> list:
        """`buffer` cut to the cap, oldest dropped first; the drops are counted."""
        extra = len(buffer) - self.max_readings
        if extra <= 0:
            return buffer
        self.dropped_total += extra
        if self.outage is not None:
            self.outage.dropped += extra
        return buffer[extra:]

    def held(self, n: int) -> None:
        if self.outage is not None and n > self.outage.max_held:
            self.outage.max_held = n


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def safe_log(logger: logging.Logger, level: int, msg: str, *args: object) -> None:
    """Log, but never let a broken handler (full disk, closed stream) stop the caller.

    `logging` only guards its own stream handlers; a handler whose `emit` raises would
    otherwise propagate out of the engine's write path.
    """
    with contextlib.suppress(Exception):  # logging must never stop the logger
        logger.log(level, msg, *args)


def quiet_logging_errors() -> None:
    """Make a failing handler silent instead of printing a traceback per record.

    With `logging.raiseExceptions` on, every line that a stream handler cannot write (a
    full disk under the log file) prints a "--- Logging error ---" block to stderr: a
    storm that fills what little space is left. The logger's own state changes are in the
    record as incident events, so nothing is lost by keeping quiet here.
    """
    logging.raiseExceptions = False
