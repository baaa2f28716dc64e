"""Machine state from what a small shop has: a digital input, a stack light, motor current
from a CT clamp, or a controller register — turned into state intervals.

States are the six a shift report needs (running, idle, setup, planned stop, breakdown,
off) plus ``unknown`` for time with no data, which must never be counted as either
running or stopped. Sensors tell running / idle / off (and a red light or an alarm code
can tell breakdown); setup, planned stop and breakdown usually come from people or from
the shift calendar and are laid over the sensed states with :func:`apply_overrides`.

A CT clamp is noisy: a state changes only when the current is past a threshold by the
hysteresis margin, and a new state must last ``min_dwell_ms`` before it is accepted (it is
then dated from when it began), so a spike or a dip does not flap the board.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


class State(enum.StrEnum):
    RUNNING = "running"
    IDLE = "idle"
    SETUP = "setup"
    PLANNED_STOP = "planned_stop"
    BREAKDOWN = "breakdown"
    OFF = "off"
    UNKNOWN = "unknown"


class StateConfigError(ValueError):
    """A classifier configured so it cannot decide (names the setting)."""


@dataclass(frozen=True, slots=True)
class StateInterval:
    start_ms: int
    end_ms: int
    state: State
    reason: str | None = None

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


def _state(v: object, key: str) -> State:
    try:
        return State(v)
    except ValueError:
        raise StateConfigError(f"{key}: {v!r} is not a state "
                               f"({', '.join(s.value for s in State)})") from None


class DigitalInput:
    """A run/stop contact: which level means running; the other is idle (powered, not
    running) unless ``low_state`` says otherwise."""

    def __init__(self, running_level: bool = True, low_state: State | str = State.IDLE):
        self.running_level = running_level
        self.low_state = _state(low_state, "low_state")

    def classify(self, value: float | bool) -> State:
        return State.RUNNING if bool(value) == self.running_level else self.low_state


class StackLight:
    """Lit colours → state by priority (first listed colour that is lit wins); none lit →
    ``dark_state`` (a stack light that is dark is usually a machine that is off)."""

    def __init__(self, priority: Sequence[tuple[str, State | str]],
                 dark_state: State | str = State.OFF):
        if not priority:
            raise StateConfigError("stack light: at least one colour needed")
        self.priority = [(c.lower(), _state(s, f"stack light {c}")) for c, s in priority]
        self.dark_state = _state(dark_state, "dark_state")

    def classify(self, lit: Iterable[str]) -> State:
        on = {c.lower() for c in lit}
        for colour, st in self.priority:
            if colour in on:
                return st
        return self.dark_state


class RegisterCodes:
    """A controller register whose value is a status code; unknown codes → ``default``."""

    def __init__(self, codes: Mapping[int, State | str], default: State | str = State.UNKNOWN):
        self.codes = {int(k): _state(v, f"code {k}") for k, v in codes.items()}
        self.default = _state(default, "default")

    def classify(self, value: float) -> State:
        return self.codes.get(int(value), self.default)


class MotorCurrent:
    """CT-clamp current (A): below ``idle_a`` off, from ``idle_a`` to ``run_a`` idle, at or
    above ``run_a`` running; crossing a threshold needs an extra ``hysteresis_a`` in the
    direction of travel, so noise around a threshold keeps the present state."""

    def __init__(self, idle_a: float, run_a: float, hysteresis_a: float = 0.0):
        if not 0 <= idle_a < run_a:
            raise StateConfigError(f"current thresholds need 0 <= idle_a < run_a, got "
                                   f"{idle_a} and {run_a}")
        if hysteresis_a < 0 or 2 * hysteresis_a >= run_a - idle_a:
            raise StateConfigError("hysteresis_a must be >= 0 and smaller than half the "
                                   "idle band")
        self.idle_a, self.run_a, self.h = idle_a, run_a, hysteresis_a

    def _plain(self, a: float) -> State:
        if a >= self.run_a:
            return State.RUNNING
        return State.IDLE if a >= self.idle_a else State.OFF

    def classify(self, a: float, present: State | None = None) -> State:
        if present not in (State.RUNNING, State.IDLE, State.OFF):
            return self._plain(a)
        h = self.h
        if present is State.RUNNING:
            if a >= self.run_a - h:
                return State.RUNNING
            return State.IDLE if a >= self.idle_a - h else State.OFF
        if present is State.IDLE:
            if a >= self.run_a + h:
                return State.RUNNING
            return State.IDLE if a >= self.idle_a - h else State.OFF
        # OFF
        if a >= self.run_a + h:
            return State.RUNNING
        return State.IDLE if a >= self.idle_a + h else State.OFF


class StateTracker:
    """Samples → state intervals, with minimum dwell and gaps as ``unknown``.

    ``classifier`` is any of the classes above; a :class:`MotorCurrent` also gets the
    present state for its hysteresis. Feed samples in time order; :meth:`close` ends the
    open interval at a given time (e.g. the end of the shift).
    """

    def __init__(self, classifier: DigitalInput | StackLight | RegisterCodes | MotorCurrent,
                 *, min_dwell_ms: int = 0, max_gap_ms: int = 60_000):
        self.classifier = classifier
        self.min_dwell_ms = min_dwell_ms
        self.max_gap_ms = max_gap_ms
        self._state: State | None = None
        self._since: int | None = None
        self._cand: tuple[State, int] | None = None
        self._last_ts: int | None = None
        self._done: list[StateInterval] = []

    def _emit(self, start: int, end: int, st: State) -> None:
        if end <= start:
            return
        if self._done and self._done[-1].state is st and self._done[-1].end_ms == start:
            prev = self._done.pop()
            start = prev.start_ms
        self._done.append(StateInterval(start, end, st))

    def feed(self, ts_ms: int, value) -> list[StateInterval]:
        """Add one sample; returns intervals that became final."""
        if self._last_ts is not None and ts_ms <= self._last_ts:
            raise StateConfigError(f"samples out of order at ts {ts_ms}")
        if self._last_ts is not None and ts_ms - self._last_ts > self.max_gap_ms:
            # no data: the known state lasts to the last sample, then unknown
            self._settle(self._last_ts)
            self._emit(self._since, self._last_ts, self._state)  # type: ignore[arg-type]
            self._emit(self._last_ts, ts_ms, State.UNKNOWN)
            self._state, self._since, self._cand = None, None, None
        if isinstance(self.classifier, MotorCurrent):
            raw = self.classifier.classify(float(value), self._state)
        else:
            raw = self.classifier.classify(value)
        self._last_ts = ts_ms
        if self._state is None:
            self._state, self._since = raw, ts_ms
        elif raw is self._state:
            self._cand = None
        else:
            if self._cand is None or self._cand[0] is not raw:
                self._cand = (raw, ts_ms)
            self._settle(ts_ms)
        return self._take()

    def _settle(self, now: int) -> None:
        if self._cand and now - self._cand[1] >= self.min_dwell_ms:
            st, since = self._cand
            self._emit(self._since, since, self._state)  # type: ignore[arg-type]
            self._state, self._since, self._cand = st, since, None

    def close(self, end_ms: int) -> list[StateInterval]:
        """End the open interval at ``end_ms`` (data beyond the last sample is unknown
        when it is further than ``max_gap_ms``)."""
        if self._state is not None and self._last_ts is not None:
            self._settle(self._last_ts)
            if end_ms - self._last_ts > self.max_gap_ms:
                self._emit(self._since, self._last_ts, self._state)  # type: ignore[arg-type]
                self._emit(self._last_ts, end_ms, State.UNKNOWN)
            else:
                self._emit(self._since, end_ms, self._state)  # type: ignore[arg-type]
            self._state, self._since, self._cand = None, None, None
        return self._take()

    @property
    def state(self) -> State | None:
        """The accepted present state (None before the first sample or after a gap)."""
        return self._state

    @property
    def since_ms(self) -> int | None:
        return self._since

    @property
    def last_ts(self) -> int | None:
        return self._last_ts

    def snapshot(self, now_ms: int) -> list[StateInterval]:
        """Intervals not yet taken plus the open one up to ``now_ms`` (unknown past
        ``max_gap_ms`` since the last sample), without changing the tracker: what a live
        OEE looks at between samples."""
        out = list(self._done)
        if self._state is None or self._since is None or self._last_ts is None:
            return out
        known_to = now_ms if now_ms - self._last_ts <= self.max_gap_ms else self._last_ts
        if known_to > self._since:
            if out and out[-1].state is self._state and out[-1].end_ms == self._since:
                prev = out.pop()
                out.append(StateInterval(prev.start_ms, known_to, self._state))
            else:
                out.append(StateInterval(self._since, known_to, self._state))
        if now_ms > known_to:
            out.append(StateInterval(known_to, now_ms, State.UNKNOWN))
        return out

    def _take(self) -> list[StateInterval]:
        # the last emitted interval may still merge with the next one of the same state:
        # keep it back until another interval follows
        out, self._done = self._done[:-1], self._done[-1:]
        return out

    def flush(self) -> list[StateInterval]:
        out, self._done = self._done, []
        return out


def intervals_from_samples(samples: Iterable[tuple[int, object]], classifier, end_ms: int,
                           *, min_dwell_ms: int = 0, max_gap_ms: int = 60_000
                           ) -> list[StateInterval]:
    """All state intervals of a sample series up to ``end_ms``."""
    t = StateTracker(classifier, min_dwell_ms=min_dwell_ms, max_gap_ms=max_gap_ms)
    out: list[StateInterval] = []
    for ts, v in samples:
        out += t.feed(ts, v)
    out += t.close(end_ms)
    return out + t.flush()


# States a person or the calendar may lay over sensed non-running time.
OVERRIDABLE = frozenset({State.IDLE, State.OFF, State.UNKNOWN})


def apply_overrides(sensed: Sequence[StateInterval], overrides: Sequence[StateInterval],
                    over: frozenset[State] = OVERRIDABLE) -> list[StateInterval]:
    """Lay declared states (setup, planned stop, breakdown with a reason) over the sensed
    intervals where the sensed state is one of ``over``; a machine sensed running stays
    running (a person cannot talk away production that the current proves)."""
    out: list[StateInterval] = []
    ovs = sorted(overrides, key=lambda o: o.start_ms)
    for iv in sensed:
        if iv.state not in over:
            out.append(iv)
            continue
        t = iv.start_ms
        for o in ovs:
            lo, hi = max(o.start_ms, iv.start_ms), min(o.end_ms, iv.end_ms)
            if hi <= lo:
                continue
            if lo > t:
                out.append(StateInterval(t, lo, iv.state, iv.reason))
            out.append(StateInterval(lo, hi, o.state, o.reason))
            t = hi
        if t < iv.end_ms:
            out.append(StateInterval(t, iv.end_ms, iv.state, iv.reason))
    return out


def time_in_states(intervals: Iterable[StateInterval], start_ms: int, end_ms: int
                   ) -> dict[State, int]:
    """Milliseconds per state inside [start_ms, end_ms)."""
    out = {s: 0 for s in State}
    for iv in intervals:
        lo, hi = max(iv.start_ms, start_ms), min(iv.end_ms, end_ms)
        if hi > lo:
            out[iv.state] += hi - lo
    return out
