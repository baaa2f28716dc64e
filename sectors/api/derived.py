"""Derived channels: values a rule computes from measured ones (VPD, kWh, tCO2eq, OEE).

A sector declares them (`Sector.derived_channels`), a rule's `feed()` returns their
readings in a `RuleOutput`, and the engine stores them exactly like measured readings
(sealed in blocks, charted, exported, synced). The engine, not the rule, guards the one
thing that must never happen: a derived value computed from an input that is stale or of
bad quality is stored as missing (value None, quality flagged), never as a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from math import isfinite

from deungdae.hardware.reading import Quality, Reading
from deungdae.records.store import NewEvent

# plain ints: IntFlag arithmetic costs more than the rest of the check
BAD_QUALITY = int(Quality.TIMEOUT | Quality.CRC_ERROR | Quality.GARBAGE
                  | Quality.DEVICE_EXCEPTION | Quality.OUT_OF_RANGE | Quality.DISCONNECTED)
# What a derived value whose input was unusable is stored with: it says "no value" in
# every chart and report, like a sensor that timed out.
MISSING_QUALITY = int(Quality.TIMEOUT)


@dataclass(frozen=True, slots=True)
class DerivedChannel:
    """A channel a sector computes. `inputs` are channel keys (measured or derived).

    `max_age_s`: an input older than this at the derived reading's time makes the value
    missing (default: 2 minutes; a rule integrating over time may need longer).
    """

    key: str
    name_en: str
    name_ko: str
    unit: str
    decimals: int
    inputs: tuple[str, ...]
    max_age_s: float = 120.0


@dataclass(slots=True)
class RuleOutput:
    """What a rule's `feed()` may return instead of a plain list of events."""

    events: list[NewEvent] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)


def split_output(out: RuleOutput | Sequence[NewEvent] | None
                 ) -> tuple[list[NewEvent], list[Reading]]:
    """(events, derived readings) of whatever a rule returned (a list means events only)."""
    if out is None:
        return [], []
    if isinstance(out, RuleOutput):
        return list(out.events), list(out.readings)
    return list(out), []


class _Last:
    __slots__ = ("last_ts", "last_value", "last_quality")

    def __init__(self, ts: int | None, value: float | None, quality: int) -> None:
        self.last_ts, self.last_value, self.last_quality = ts, value, quality


class InputGuard:
    """Knows each input's latest reading; turns derived readings from bad inputs missing.

    The engine `attach`es the states it already keeps for measured channels (objects
    with `last_ts`, `last_value`, `last_quality`), so guarding costs nothing per measured
    reading; `note` records anything else (derived values, manual entries). `take` is the
    engine's hot path: each derived channel's input states are bound once, so a check is
    a few attribute reads, not dictionary lookups.
    """

    __slots__ = ("latest", "channels", "_spec", "_binding")

    def __init__(self, channels: Sequence[DerivedChannel]) -> None:
        self.channels = {d.key: d for d in channels}
        self._spec = {d.key: (d.inputs, d.max_age_s * 1000) for d in channels}
        self.latest: dict[str, object] = {}
        self._binding: dict[str, tuple[tuple, float, object]] | None = None

    def attach(self, key: str, state: object) -> None:
        self.latest[key] = state
        self._binding = None

    def note(self, readings: Sequence[Reading]) -> None:
        latest = self.latest
        for r in readings:
            have = latest.get(r.channel)
            if have is None:
                latest[r.channel] = _Last(r.ts, r.value, int(r.quality))
            elif have.last_ts is None or r.ts >= have.last_ts:
                have.last_ts, have.last_value, have.last_quality = (r.ts, r.value,
                                                                    int(r.quality))

    def check(self, r: Reading) -> Reading:
        """`r` as it may be stored: missing if any input is stale, bad or absent."""
        inputs, max_age = self._spec[r.channel]
        v, ts = r.value, r.ts
        if v is not None and isfinite(v):
            latest = self.latest
            for key in inputs:
                last = latest.get(key)
                if (last is None or last.last_value is None or last.last_ts is None
                        or last.last_quality & BAD_QUALITY
                        or ts - last.last_ts > max_age or last.last_ts - ts > max_age):
                    break
            else:
                return r
        return Reading(r.channel, ts, None, Quality(int(r.quality) | MISSING_QUALITY))

    def _bound(self) -> dict[str, tuple[tuple, float, object]]:
        if self._binding is None:
            latest = self.latest
            for key in self.channels:  # a derived channel may be another one's input
                if key not in latest:
                    latest[key] = _Last(None, None, 0)
            binding = {}
            for key, (inputs, max_age) in self._spec.items():
                states = []
                for i in inputs:
                    if i not in latest:  # never seen: missing until it is
                        latest[i] = _Last(None, None, 0)
                    states.append(latest[i])
                binding[key] = (tuple(states), max_age, latest[key])
            self._binding = binding
        return self._binding

    def take(self, made: Sequence[Reading]) -> list[Reading]:
        """`made` as it may be stored (`check` each, then `note` it); undeclared dropped."""
        binding = self._bound()
        out = []
        for r in made:
            spec = binding.get(r.channel)
            if spec is None:
                continue
            states, max_age, own = spec
            v, ts = r.value, r.ts
            ok = v is not None and isfinite(v)
            if ok:
                for st in states:
                    t = st.last_ts
                    if (st.last_value is None or t is None or st.last_quality & BAD_QUALITY
                            or ts - t > max_age or t - ts > max_age):
                        ok = False
                        break
            if not ok:
                r = Reading(r.channel, ts, None, Quality(int(r.quality) | MISSING_QUALITY))
            out.append(r)
            if own.last_ts is None or ts >= own.last_ts:
                own.last_ts, own.last_value, own.last_quality = ts, r.value, int(r.quality)
        return out
