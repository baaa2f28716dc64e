"""Device roles: what a template's device is for, so a user can put a real sensor there.

A shipped template cannot know which probe a plant bought, so its devices are roles:
the `[[devices]]` table says what it needs and runs the simulator until someone assigns
a real device. The role is one inline table on the device:

    role = { what = "oven core temperature",
             points = { core_temp = { unit = "°C", range = [-50, 300] } } }

`points` is keyed by the point names the template's channels use (the simulator's
points); each says the `unit` and the `range` (low, high) the role must measure, or
`kind = "on_off"` for a contact (a metal detector's reject output, a door switch).
`hardware.profiles.points_for_role` decides which profile points fit a role point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deungdae.hardware.profiles import (
    Profile,
    ProfilePoint,
    list_profiles,
    load_profile,
    points_for_role,
)
from deungdae.hardware.source import ConfigError
from deungdae.sectors.api.names import local_name

ROLE_KEYS = ("what", "points")
ROLE_POINT_KEYS = ("unit", "range", "kind")
KINDS = ("value", "on_off")


@dataclass(frozen=True, slots=True)
class RolePoint:
    name: str
    unit: str = ""
    range: tuple[float, float] | None = None
    kind: str = "value"

    def fits(self, profile: Profile) -> list[ProfilePoint]:
        """The profile's points that can serve this role point."""
        if self.kind == "on_off":
            return [p for p in profile.points if p.type == "bool"]
        low, high = self.range if self.range else (None, None)
        return points_for_role(profile, self.unit, low, high)


@dataclass(frozen=True, slots=True)
class Role:
    device: str
    what: str
    points: tuple[RolePoint, ...]

    def label(self, lang: str = "en") -> str:
        """What the device is for in `lang` (a template writes it "한국어 (English)")."""
        return local_name(self.what, lang)

    def describe(self, lang: str = "en") -> str:
        """`oven core temperature (core_temp: °C -50…300)` for lists and help texts."""
        ko = lang.startswith("ko")
        parts = []
        for p in self.points:
            need = ("켜짐/꺼짐" if ko else "on/off") if p.kind == "on_off" else p.unit or (
                "단위 무관" if ko else "any unit")
            if p.range:
                need += f" {p.range[0]:g}…{p.range[1]:g}"
            parts.append(f"{p.name}: {need}")
        return f"{self.label(lang)} ({'; '.join(parts)})"


def check_role(device: str, raw) -> list[str]:
    """What is wrong with a device's `role` table (an empty list when it is right)."""
    where = f"device '{device}'.role"
    if not isinstance(raw, dict):
        return [f"{where}: expected an inline table like {{ what = \"...\", points = "
                "{ core_temp = { unit = \"°C\", range = [-50, 300] } } }"]
    errs = [f"{where}: unknown key '{k}' (known: {', '.join(ROLE_KEYS)})"
            for k in raw if k not in ROLE_KEYS]
    if not isinstance(raw.get("what", ""), str):
        errs.append(f"{where}.what: expected text saying what the device is for")
    pts = raw.get("points")
    if not isinstance(pts, dict) or not pts:
        return [*errs, f"{where}.points: expected a table of the points it needs, e.g. "
                "{ core_temp = { unit = \"°C\", range = [-50, 300] } }"]
    for name, p in pts.items():
        at = f"{where}.points.{name}"
        if not isinstance(p, dict):
            errs.append(f"{at}: expected a table {{ unit = \"°C\", range = [low, high] }}")
            continue
        errs += [f"{at}: unknown key '{k}' (known: {', '.join(ROLE_POINT_KEYS)})"
                 for k in p if k not in ROLE_POINT_KEYS]
        if not isinstance(p.get("unit", ""), str):
            errs.append(f"{at}.unit: expected text such as \"°C\"")
        if p.get("kind", "value") not in KINDS:
            errs.append(f"{at}.kind: expected one of {', '.join(KINDS)}, got {p.get('kind')!r}")
        rng = p.get("range")
        if rng is not None and not (
                isinstance(rng, list) and len(rng) == 2
                and all(isinstance(x, int | float) and not isinstance(x, bool)
                        and math.isfinite(x) for x in rng) and rng[0] < rng[1]):
            errs.append(f"{at}.range: expected [low, high] with low < high, got {rng!r}")
    return errs


def role_of(device: dict) -> Role | None:
    """The role of a (checked) `[[devices]]` table, or None when it has none."""
    raw = device.get("role")
    if not isinstance(raw, dict) or check_role(str(device.get("id")), raw):
        return None
    pts = tuple(RolePoint(name, str(p.get("unit", "")),
                          tuple(map(float, p["range"])) if p.get("range") else None,
                          str(p.get("kind", "value")))
                for name, p in raw["points"].items())
    return Role(str(device["id"]), str(raw.get("what", device.get("name", device["id"]))), pts)


def fitting_profiles(role: Role, extra_dirs: Iterable[str | Path] = ()) -> list[Profile]:
    """Profiles with a point for every role point, those with fewer spare points first.

    A broken profile file is left out (`deungdae profiles` says what is wrong with it).
    """
    out = []
    for name in list_profiles(extra_dirs):
        try:
            prof = load_profile(name, extra_dirs)
        except ConfigError:
            continue
        if default_mapping(role, prof) is not None:
            out.append(prof)
    # a module whose points measure the unit itself beats a 4-20 mA input needing scaling
    return sorted(out, key=lambda p: (sum(1 for pt in p.points if pt.span is not None),
                                      len(p.points), p.name))


def default_mapping(role: Role, profile: Profile) -> dict[str, str] | None:
    """Role point -> profile point: the first fitting point not taken, or None if one
    role point finds none (the profile cannot serve this role)."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for rp in role.points:
        pick = next((p.name for p in rp.fits(profile) if p.name not in taken), None)
        if pick is None:
            return None
        taken.add(pick)
        out[rp.name] = pick
    return out
