"""Piece counts from a pulse input or an incrementing register (good, scrap).

A register counts up and wraps at its modulus (a 16-bit register at 65 536); operators
also reset counters to zero at a shift or lot change. A decrease is a wrap when the
implied count is plausible (at most ``max_per_interval`` if known, else at most half the
modulus); otherwise it is a reset, and the count since the reset is the new value (counters
reset to ``reset_to``, normally 0). Each step says which it was, so a report can show it.
Pulses are simply summed. Times are UTC milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class CountError(ValueError):
    """Count samples or settings that cannot describe one counter."""


@dataclass(frozen=True, slots=True)
class CountStep:
    start_ms: int
    end_ms: int
    count: int
    event: str | None = None  # "rollover" | "reset" | None


class RegisterCounter:
    """Counts between consecutive register readings; feed in any batches, same result."""

    def __init__(self, modulus: int | None = 65_536, *, max_per_interval: int | None = None,
                 reset_to: int = 0):
        if modulus is not None and modulus <= 0:
            raise CountError(f"modulus must be > 0, got {modulus}")
        self.modulus = modulus
        self.max_per_interval = max_per_interval
        self.reset_to = reset_to
        self._last: tuple[int, int] | None = None

    def feed(self, samples: Iterable[tuple[int, int | float]]) -> list[CountStep]:
        out = []
        for ts, raw in samples:
            v = int(raw)
            if v != raw or v < 0:
                raise CountError(f"count register read {raw!r} at ts {ts}: not a whole count")
            if self._last is not None:
                t0, v0 = self._last
                if ts <= t0:
                    raise CountError(f"count samples out of order at ts {ts}")
                out.append(self._step(t0, v0, ts, v))
            self._last = (ts, v)
        return out

    def _step(self, t0: int, v0: int, t1: int, v1: int) -> CountStep:
        d = v1 - v0
        if d >= 0:
            if self.max_per_interval is not None and d > self.max_per_interval:
                raise CountError(f"count jumped by {d} between ts {t0} and {t1}: more than "
                                 f"max_per_interval {self.max_per_interval}")
            return CountStep(t0, t1, d)
        if self.modulus is not None:
            wrapped = d + self.modulus
            limit = (self.max_per_interval if self.max_per_interval is not None
                     else self.modulus // 2)
            if wrapped <= limit:
                return CountStep(t0, t1, wrapped, "rollover")
        return CountStep(t0, t1, max(v1 - self.reset_to, 0), "reset")


def register_counts(samples: Sequence[tuple[int, int | float]], modulus: int | None = 65_536,
                    *, max_per_interval: int | None = None, reset_to: int = 0
                    ) -> list[CountStep]:
    return RegisterCounter(modulus, max_per_interval=max_per_interval,
                           reset_to=reset_to).feed(samples)


def pulse_counts(pulse_ts_ms: Iterable[int], start_ms: int, end_ms: int) -> int:
    """Pulses inside [start_ms, end_ms)."""
    return sum(1 for t in pulse_ts_ms if start_ms <= t < end_ms)


def count_between(steps: Iterable[CountStep], start_ms: int, end_ms: int) -> int:
    """Pieces counted in [start_ms, end_ms): a step counts where its reading fell (its end),
    so counts are whole pieces and never split."""
    return sum(s.count for s in steps if start_ms < s.end_ms <= end_ms)
