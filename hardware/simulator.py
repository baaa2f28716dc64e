"""Simulated devices: waveforms with noise and scripted steps, for demos and tests.

A simulated device is configured like a real one, with `profile = "simulator"`; its
points say how their value moves. A step may script a fault (`fault = "timeout"`,
`"crc"`, `"garbage"`, `"exception"`, `"disconnected"`): the point then reads as missing
with that quality flag, as a real device would. A point with `range = [lo, hi]` flags
values outside it. A point with `csv = "file.csv"` (and `column`, default the point
name) replays recorded values: the first column is seconds from the start, the value
holds until the next row, an empty cell is a gap; `loop = true` repeats the file. A point
with `integrates = "<other point>"` is a cumulative register (a kWh or m³ counter): `base`
plus the exact integral of the other point's noise-free waveform and value/offset steps,
divided by `per_s` (3600 turns kW into kWh), wrapping at `modulus` if given; its own
steps still script faults and gaps. A point with `floor = 0` never reads below it (a light
sensor at night, a meter at rest), where the sine and its noise would dip under. Values
depend only on the clock time and the seed, so a run with a simulated clock is repeatable.
"""

from __future__ import annotations

import bisect
import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

from deungdae.hardware.reading import DeviceEvent, Quality, Reading
from deungdae.hardware.source import ConfigError, PointInfo, PollResult, channel_key


@dataclass(slots=True)
class Step:
    """From `at` seconds after start, for `duration` seconds, hold `value` (or add `offset`)."""

    at: float
    duration: float
    value: float | None = None
    offset: float = 0.0
    lost: bool = False
    fault: int = 0


FAULTS = {"timeout": Quality.TIMEOUT, "crc": Quality.CRC_ERROR, "garbage": Quality.GARBAGE,
          "exception": Quality.DEVICE_EXCEPTION, "disconnected": Quality.DISCONNECTED}


@dataclass(slots=True)
class Replay:
    times: list[float]
    values: list[float | None]
    loop: bool = False

    def at(self, t_s: float) -> float | None:
        if not self.times:
            return None
        if self.loop and self.times[-1] > 0:
            t_s = t_s % (self.times[-1] + (self.times[1] - self.times[0]
                                           if len(self.times) > 1 else 1.0))
        i = bisect.bisect_right(self.times, t_s) - 1
        return None if i < 0 else self.values[i]


def load_replay(where: str, path: str, column: str, loop: bool) -> Replay:
    try:
        with open(Path(path), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        raise ConfigError(f"{where}: cannot read csv '{path}': {e.strerror or e}") from e
    except (UnicodeDecodeError, csv.Error) as e:  # a binary or broken file, not a crash
        raise ConfigError(f"{where}: csv '{path}' is not a text CSV file ({e})") from e
    if not rows or column not in rows[0]:
        raise ConfigError(f"{where}: csv '{path}' needs a header with a '{column}' column")
    col = rows[0].index(column)
    times, values = [], []
    for n, row in enumerate(rows[1:], start=2):
        try:
            t = float(row[0])
            cell = row[col].strip() if col < len(row) else ""
            v = float(cell) if cell else None
        except (ValueError, IndexError):
            raise ConfigError(f"{where}: csv '{path}' line {n}: expected seconds and numbers, "
                              f"got {row!r}") from None
        if times and t < times[-1]:
            raise ConfigError(f"{where}: csv '{path}' line {n}: time goes backwards")
        times.append(t)
        values.append(v)
    return Replay(times, values, loop)


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
    range: tuple[float, float] | None = None
    replay: Replay | None = None
    integrates: SimPoint | None = None  # a register: the integral of this point
    per_s: float = 3600.0
    modulus: float | None = None
    floor: float | None = None  # never reads below this

    def wave_integral(self, t_s: float) -> float:
        """Exact integral over [0, t_s] of the noise-free waveform with its value/offset
        steps (faults and lost steps do not stop what flows, only the reading of it)."""
        def wave(a: float, b: float) -> float:
            w = 2 * math.pi / self.period
            return (self.base * (b - a)
                    + self.amplitude / w * (math.cos(w * a) - math.cos(w * b)))
        cuts = sorted({0.0, t_s, *(x for st in self.steps for x in (st.at, st.at + st.duration)
                                   if 0.0 < x < t_s)})
        total = 0.0
        for a, b in zip(cuts, cuts[1:], strict=False):
            mid = (a + b) / 2
            const, keep = 0.0, 1.0  # the segment's value is const + keep * wave
            for st in self.steps:
                if st.at <= mid < st.at + st.duration and not (st.lost or st.fault):
                    if st.value is not None:
                        const, keep = st.value, 0.0
                    else:
                        const += st.offset
            total += const * (b - a) + (keep * wave(a, b) if keep else 0.0)
        return total

    def value_at(self, t_s: float, rnd: random.Random) -> tuple[float | None, bool]:
        v, lost, _ = self.sample(t_s, rnd)
        return v, lost

    def sample(self, t_s: float, rnd: random.Random) -> tuple[float | None, bool, int]:
        """(value, lost, quality) at `t_s` seconds after the start."""
        if self.replay is not None:
            r = self.replay.at(t_s)
            if r is None:
                return None, False, Quality.SIMULATED | Quality.TIMEOUT
            v = r
        elif self.integrates is not None:
            v = self.base + self.integrates.wave_integral(t_s) / self.per_s
            if self.modulus:
                v %= self.modulus
        else:
            v = self.base + self.amplitude * math.sin(2 * math.pi * t_s / self.period)
        if self.noise:
            v += rnd.gauss(0.0, self.noise)
        for st in self.steps:
            if st.at <= t_s < st.at + st.duration:
                if st.lost:
                    return None, True, Quality.SIMULATED
                if st.fault:
                    return None, False, Quality.SIMULATED | st.fault
                v = st.value if st.value is not None else v + st.offset
        if self.floor is not None and v < self.floor:
            v = self.floor
        v = round(v, self.decimals)
        q = Quality.SIMULATED
        if self.range is not None and not (self.range[0] <= v <= self.range[1]):
            q |= Quality.OUT_OF_RANGE
        return v, False, q


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
            fault = st.get("fault")
            if fault is not None and fault not in FAULTS:
                raise ConfigError(f"{sw}: 'fault' must be one of {', '.join(FAULTS)}, got {fault!r}")
            steps.append(Step(
                at=_float(sw, st, "at", 0.0), duration=_float(sw, st, "duration", 60.0),
                value=None if "value" not in st else _float(sw, st, "value", 0.0),
                offset=_float(sw, st, "offset", 0.0), lost=bool(st.get("lost", False)),
                fault=FAULTS.get(fault, 0)))
        rng = raw.get("range")
        if rng is not None:
            if (not isinstance(rng, list) or len(rng) != 2 or rng[0] > rng[1]
                    or any(isinstance(x, bool) or not isinstance(x, int | float) for x in rng)):
                raise ConfigError(f"{where}: 'range' must be [low, high], got {rng!r}")
            rng = (float(rng[0]), float(rng[1]))
        replay = None
        if "csv" in raw:
            replay = load_replay(where, str(raw["csv"]), str(raw.get("column", name)),
                                 bool(raw.get("loop", False)))
        points.append(SimPoint(
            name=name, unit=str(raw.get("unit", "")), base=_float(where, raw, "base", 0.0),
            amplitude=_float(where, raw, "amplitude", 0.0),
            period=max(1e-3, _float(where, raw, "period", 3600.0)),
            noise=_float(where, raw, "noise", 0.0), decimals=int(raw.get("decimals", 2)),
            steps=tuple(steps), range=rng, replay=replay,
            per_s=max(1e-9, _float(where, raw, "per_s", 3600.0)),
            modulus=None if "modulus" not in raw else _float(where, raw, "modulus", 0.0),
            floor=None if "floor" not in raw else _float(where, raw, "floor", 0.0)))
    by_name = {p.name: p for p in points}
    for p, (name, raw) in zip(points, raw_points.items(), strict=True):
        src = raw.get("integrates")
        if src is None:
            continue
        where = f"device '{device}' point '{name}'"
        if src not in by_name or src == name or by_name[src].integrates is not None:
            raise ConfigError(f"{where}: 'integrates' must name another (non-register) point "
                              f"of the device ({', '.join(n for n in by_name if n != name)}), "
                              f"got {src!r}")
        if by_name[src].replay is not None:
            raise ConfigError(f"{where}: cannot integrate '{src}', a csv replay")
        if by_name[src].floor is not None:  # the register is the exact integral of a sine
            raise ConfigError(f"{where}: cannot integrate '{src}', a point with a 'floor'")
        if p.modulus is not None and not p.modulus > 0:
            raise ConfigError(f"{where}: 'modulus' must be > 0, got {p.modulus!r}")
        p.integrates = by_name[src]
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
                v, lost, q = p.sample(t_s, self.rnd)
                any_lost |= lost
                if not lost:
                    out.readings.append(Reading(channel_key(self.device, p.name), ts, v, q))
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
