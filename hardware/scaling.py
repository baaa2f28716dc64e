"""Per-device scaling of points: what a 4-20 mA input means, how much a pulse is.

A profile knows a module's registers, not what the plant wired to them: channel 3 of an
analogue input module may be a 0-10 bar pressure transmitter, channel 4 a -50..150 °C
temperature transmitter; a pulse input may count 10 L per pulse. The site's
`[[devices]]` table says so, point by point:

    [devices.scaling]
    ai3 = { low = 0, high = 10, unit = "bar" }        # a point with a `span` (4-20 mA)
    counter0 = { factor = 10, unit = "L" }             # any point: value × factor + offset

`low`/`high` map the point's `span` linearly (4 mA → low, 20 mA → high); the profile's
`range` is still checked on the electrical value first, so a broken loop (under 3.6 mA)
is flagged out of range whatever the scaling. The scaled range is what the channel's
plausibility is then judged by.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from deungdae.hardware.profiles import Profile, ProfilePoint
from deungdae.hardware.source import ConfigError

SCALING_KEYS = ("low", "high", "factor", "offset", "unit")


@dataclass(frozen=True, slots=True)
class PointScaling:
    factor: float = 1.0
    offset: float = 0.0
    unit: str | None = None

    def apply(self, value: float) -> float:
        v = value * self.factor + self.offset
        return round(v, 9) if math.isfinite(v) else v

    def range_of(self, rng: tuple[float, float] | None) -> tuple[float, float] | None:
        if rng is None:
            return None
        a, b = self.apply(rng[0]), self.apply(rng[1])
        return (min(a, b), max(a, b))


def _finite(v) -> bool:
    return not isinstance(v, bool) and isinstance(v, int | float) and math.isfinite(v)


def point_scaling(device: str, p: ProfilePoint, spec) -> PointScaling:
    where = f"device '{device}': scaling.{p.name}"
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: expected a table like {{ low = 0, high = 10, unit = "
                          f"\"bar\" }}, got {spec!r}")
    unknown = [k for k in spec if k not in SCALING_KEYS]
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(SCALING_KEYS)})")
    for k in ("low", "high", "factor", "offset"):
        if k in spec and not _finite(spec[k]):
            raise ConfigError(f"{where}.{k}: expected a finite number, got {spec[k]!r}")
    unit = spec.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise ConfigError(f"{where}.unit: expected text like \"bar\", got {unit!r}")
    if "low" in spec or "high" in spec:
        if p.span is None:
            raise ConfigError(f"{where}: low/high need a point with an electrical span (a "
                              "4-20 mA input); use factor/offset for this point")
        if "low" not in spec or "high" not in spec or "factor" in spec or "offset" in spec:
            raise ConfigError(f"{where}: give both low and high (what {p.span[0]:g} and "
                              f"{p.span[1]:g} {p.unit} mean), and no factor/offset")
        if spec["low"] == spec["high"]:
            raise ConfigError(f"{where}: low and high must differ")
        s0, s1 = p.span
        factor = (spec["high"] - spec["low"]) / (s1 - s0)
        return PointScaling(factor, spec["low"] - s0 * factor, unit)
    factor = float(spec.get("factor", 1.0))
    if factor == 0:
        raise ConfigError(f"{where}.factor: must not be 0")
    return PointScaling(factor, float(spec.get("offset", 0.0)), unit)


def device_scaling(device: str, profile: Profile, raw) -> dict[str, PointScaling]:
    """The `scaling` table of a `[[devices]]` entry, checked against the profile's points."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"device '{device}': key 'scaling': expected a table of points, "
                          f"got {raw!r}")
    names = {p.name: p for p in profile.points}
    out = {}
    for key, spec in raw.items():
        if key not in names:
            raise ConfigError(f"device '{device}': scaling.{key}: profile '{profile.name}' has "
                              f"no point '{key}' (points: {', '.join(names)})")
        out[key] = point_scaling(device, names[key], spec)
    return out
