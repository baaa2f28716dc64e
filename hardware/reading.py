"""The one thing the hardware layer hands to the rest of Deungdae: a timed value with a quality.

Time is UTC milliseconds since the epoch, an integer, so the record never depends on a
local clock setting or a float rounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntFlag


class Quality(IntFlag):
    """Why a value may not be trusted. 0 means good; flags combine."""

    GOOD = 0
    TIMEOUT = 1
    CRC_ERROR = 2
    GARBAGE = 4
    DEVICE_EXCEPTION = 8
    OUT_OF_RANGE = 16
    DISCONNECTED = 32
    MANUAL = 64
    SIMULATED = 128
    # The device itself says the value is not a measurement (an RTD input reading its
    # "sensor open" code). Always set together with OUT_OF_RANGE, so code that knows only
    # the six original bad flags still treats the reading as bad.
    SENSOR_FAULT = 256


@dataclass(frozen=True, slots=True)
class Reading:
    channel: str
    ts: int
    value: float | None
    quality: int = Quality.GOOD


@dataclass(frozen=True, slots=True)
class DeviceEvent:
    """Something that happened to a device rather than to a value (lost, restored, error)."""

    device: str
    ts: int
    kind: str
    message: str
    data: dict = field(default_factory=dict)
