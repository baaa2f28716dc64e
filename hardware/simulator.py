"""Simulated devices: waveforms with noise and scripted steps, for demos and tests.

A simulated device is configured like a real one, with `profile = "simulator"`; its
points say how their value moves. Values depend only on the clock time and the seed, so a
run with a simulated clock is repeatable.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from hardware.reading import DeviceEvent, Quality, Reading
from hardware.source import ConfigError, PointInfo, PollResult, channel_key


@dataclass(slots=True)
class Step:
    """From `at` seconds after start, for `duration` seconds, hold `value` (or add `offset`)."""

    at: float
    duration: float
    value: float | None = None
    offset: float = 0.0
    lost: bool = False


@dataclass(slots=True)
class SimPoint:
    name: str
    unit: str = ""
    base: float = 0.0
    amplitude: float = 0.0
    period: float = 3600.0
    noise: float = 0.0
    decimals: int = 2
    steps: tuple[Step, ...] = ()

    def value_at(self, t_s: float, rnd: random.Random) -> tuple[float | None, bool]:
        v = self.base + self.amplitude * math.sin(2 * math.pi * t_s / self.period)
        if self.noise:
            v += rnd.gauss(0.0, self.noise)
        for st in self.steps:
            if st.at <= t_s < st.at + st.duration:
                if st.lost:
                    return None, True
                v = st.value if st.value is not None else v + st.offset
        return round(v, self.decimals), False


def _float(where: str, raw: dict, key: str, default: float) -> float:
    val = raw.get(key, default)
    if isinstance(val, bool) or not isinstance(val, int | float):
        raise ConfigError(f"{where}: '{key}' must be a number, got {val!r}")
    return float(val)


def parse_points(device: str, raw_points: dict) -> list[SimPoint]:
    if not isinstance(raw_points, dict) or not raw_points:
        raise ConfigError(f"device '{device}': a simulator needs a [devices.points] table")
    points = []
    for name, raw in raw_points.items():
        where = f"device '{device}' point '{name}'"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: expected a table of settings")
        steps = []
        for i, st in enumerate(raw.get("steps", [])):
            sw = f"{where} step {i + 1}"
            if not isinstance(st, dict):
                raise ConfigError(f"{sw}: expected a table")
            steps.append(Step(
                at=_float(sw, st, "at", 0.0), duration=_float(sw, st, "duration", 60.0),
                value=None if "value" not in st else _float(sw, st, "value", 0.0),
                offset=_float(sw, st, "offset", 0.0), lost=bool(st.get("lost", False))))
        points.append(SimPoint(
            name=name, unit=str(raw.get("unit", "")), base=_float(where, raw, "base", 0.0),
            amplitude=_float(where, raw, "amplitude", 0.0),
            period=max(1e-3, _float(where, raw, "period", 3600.0)),
            noise=_float(where, raw, "noise", 0.0), decimals=int(raw.get("decimals", 2)),
            steps=tuple(steps)))
    return points


class SimulatedDevice:
    def __init__(self, device: str, points: list[SimPoint], interval_s: float, start_ms: int,
                 seed: int = 0) -> None:
        self.device = device
        self.points = points
        self.interval_ms = max(1, int(interval_s * 1000))
        self.start_ms = start_ms
        self.next_ms = start_ms
        self.rnd = random.Random(f"{seed}:{device}")
        self.lost = False

    def poll(self, now_ms: int, out: PollResult) -> None:
        # Catch up on every due sample (a simulated clock may jump), never more than a day.
        first = max(self.next_ms, now_ms - 86_400_000)
        ts = first
        while ts <= now_ms:
            t_s = (ts - self.start_ms) / 1000
            any_lost = False
            for p in self.points:
                v, lost = p.value_at(t_s, self.rnd)
                any_lost |= lost
                if not lost:
                    out.readings.append(
                        Reading(channel_key(self.device, p.name), ts, v, Quality.SIMULATED))
            if any_lost != self.lost:
                self.lost = any_lost
                out.events.append(DeviceEvent(
                    self.device, ts, "lost" if any_lost else "restored",
                    "simulated device stopped answering" if any_lost
                    else "simulated device answers again"))
            ts += self.interval_ms
        self.next_ms = ts


class SimulatorSource:
    """All simulated devices of a site, polled as one bus."""

    simulated = True

    def __init__(self, devices: list[SimulatedDevice]) -> None:
        self.name = "simulator"
        self.devices = devices

    @classmethod
    def from_config(cls, devices: list[dict], start_ms: int) -> SimulatorSource:
        sims = []
        for d in devices:
            interval = _float(f"device '{d['id']}'", d, "interval", 1.0)
            if interval <= 0:
                raise ConfigError(f"device '{d['id']}': 'interval' must be > 0 seconds")
            sims.append(SimulatedDevice(d["id"], parse_points(d["id"], d.get("points", {})),
                                        interval, start_ms, int(d.get("seed", 0))))
        return cls(sims)

    def points(self) -> list[PointInfo]:
        return [PointInfo(d.device, p.name, p.unit) for d in self.devices for p in d.points]

    def poll_due(self, now_ms: int) -> PollResult:
        out = PollResult()
        for d in self.devices:
            if d.next_ms <= now_ms:
                d.poll(now_ms, out)
        return out

    def next_due_ms(self) -> int:
        return min(d.next_ms for d in self.devices)

    def close(self) -> None:
        pass
