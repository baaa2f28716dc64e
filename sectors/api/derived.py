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

from deungdae.hardware.reading import Quality, Reading
from deungdae.records.store import NewEvent

BAD_QUALITY = (Quality.TIMEOUT | Quality.CRC_ERROR | Quality.GARBAGE
               | Quality.DEVICE_EXCEPTION | Quality.OUT_OF_RANGE | Quality.DISCONNECTED)
# What a derived value whose input was unusable is stored with: it says "no value" in
# every chart and report, like a sensor that timed out.
MISSING_QUALITY = Quality.TIMEOUT


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


class InputGuard:
    """Knows each channel's latest reading; turns derived readings from bad inputs missing."""

    __slots__ = ("latest", "channels")

    def __init__(self, channels: Sequence[DerivedChannel]) -> None:
        self.channels = {d.key: d for d in channels}
        self.latest: dict[str, tuple[int, float | None, int]] = {}

    def note(self, readings: Sequence[Reading]) -> None:
        latest = self.latest
        for r in readings:
            have = latest.get(r.channel)
            if have is None or r.ts >= have[0]:
                latest[r.channel] = (r.ts, r.value, int(r.quality))

    def check(self, r: Reading) -> Reading:
        """`r` as it may be stored: missing if any input is stale, bad or absent."""
        d = self.channels[r.channel]
        max_age = d.max_age_s * 1000
        ok = r.value is not None and r.value == r.value and abs(r.value) != float("inf")
        if ok:
            for key in d.inputs:
                last = self.latest.get(key)
                if (last is None or last[1] is None or last[2] & BAD_QUALITY
                        or r.ts - last[0] > max_age or last[0] > r.ts + max_age):
                    ok = False
                    break
        if ok:
            return r
        return Reading(r.channel, r.ts, None, Quality(int(r.quality) | MISSING_QUALITY))
