"""The rules of a CCP value entered by hand (Qt-free), as an inspector expects them.

A hand-entered value is how a CCP stays monitored while automatic recording is down, and
the easiest way to pencil-whip a log. So: the value is typed (never prefilled with the
limit), a reason from a short list is required (stored as its key: `REASONS`), "other"
needs the free text, and an entry while the channel's sensor is recording normally is
allowed only with a written explanation and is stored as such (`sensor: "recording"`), so
every report that prints the entry says it was made while the sensor worked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from deungdae.sectors.haccp.ccp_config import CCP

REASONS = ("sensor_failure", "calibration_check", "power_cut", "other")
SENSOR_RECORDING, SENSOR_DOWN = "recording", "down"
# what a hand thermometer can read in a bakery, roomy on both sides; beyond it is a typo
VALUE_RANGE = (-100.0, 400.0)


class EntryError(ValueError):
    """What is missing or wrong in a manual entry, as a key the form words
    (`value_missing`, `value_not_number`, `value_out_of_range`, `reason_missing`,
    `note_missing_other`, `note_missing_recording`)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True, slots=True)
class Entry:
    value: float
    reason: str
    note: str
    sensor: str  # SENSOR_RECORDING or SENSOR_DOWN, when the entry was made

    def extra(self) -> dict:
        """The keys the `manual.entry` event stores beside value and note."""
        return {"reason": self.reason, "sensor": self.sensor}


def parse_value(text: str) -> float:
    """A typed value: "81.5", "81,5" (decimal comma), "-18"; refused empty or not a number."""
    raw = text.strip().replace(",", ".")
    if not raw:
        raise EntryError("value_missing")
    try:
        v = float(raw)
    except ValueError:
        raise EntryError("value_not_number") from None
    if not math.isfinite(v):
        raise EntryError("value_not_number")
    if not VALUE_RANGE[0] <= v <= VALUE_RANGE[1]:
        raise EntryError("value_out_of_range")
    return v


def check(text: str, reason: str | None, note: str, sensor_recording: bool) -> Entry:
    """The entry the form may record, or `EntryError` naming the first thing missing."""
    value = parse_value(text)
    if reason not in REASONS:
        raise EntryError("reason_missing")
    note = note.strip()
    if reason == "other" and not note:
        raise EntryError("note_missing_other")
    if sensor_recording and not note:
        raise EntryError("note_missing_recording")
    return Entry(value, reason, note, SENSOR_RECORDING if sensor_recording else SENSOR_DOWN)


def verdict(ccp: CCP, value: float) -> str | None:
    """"within" / "outside" the CCP's critical limit for one value; None where one value
    is not judged (a cooling run's stages, metal detection)."""
    if ccp.limit is None or ccp.kind in ("cooling", "metal_detection"):
        return None
    return "within" if ccp.within(value) else "outside"
