"""What the engine needs from a bus: poll what is due, say when the next poll is due.

A `Source` is one bus (one serial port, one TCP endpoint, or the simulator) with the
devices on it. The engine gives every source its own thread, so a slow or dead device
only costs time on its own bus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from deungdae.hardware.reading import DeviceEvent, Reading


class ConfigError(ValueError):
    """A device or profile description is wrong; the message says where and what."""


@dataclass(slots=True)
class PollResult:
    readings: list[Reading] = field(default_factory=list)
    events: list[DeviceEvent] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PointInfo:
    """A value a device offers, as the engine maps it to a channel."""

    device: str
    point: str
    unit: str = ""


class Source(Protocol):
    name: str
    simulated: bool

    def points(self) -> list[PointInfo]: ...

    def poll_due(self, now_ms: int) -> PollResult:
        """Poll every device whose interval has elapsed; block only on this bus."""
        ...

    def next_due_ms(self) -> int: ...

    def close(self) -> None: ...


def channel_key(device: str, point: str) -> str:
    """The default channel id of a device point, used when the config names none."""
    return f"{device}.{point}"
