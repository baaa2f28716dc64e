"""The `[sectors.farm]` config: zones (greenhouse compartments, livestock houses) and bands.

    [sectors.farm]
    day_start = "00:00"            # local start of the light day (DLI)
    [[sectors.farm.zones]]
    id = "gh1"                     # derived channels are `gh1.vpd`, `gh1.dli`, ...
    name = "1동 토마토 (tomato house 1)"
    kind = "greenhouse"            # greenhouse | mushroom | livestock
    crop = "tomato"                # or herd = "broiler"
    stage = "fruiting"             # the stage bands apply to until the crop log says otherwise
    base_temp = 10.0               # GDD base temperature, °C
    temperature = "gh1.air_temp"   # channel keys of the zone's inputs
    humidity = "gh1.rh"
    ppfd = "gh1.ppfd"              # or solar = "..." (× solar_factor)
    day_from = "sunrise+30"        # day/night: "sunrise±MIN", "sunset±MIN" or "HH:MM"
    night_from = "sunset"
    dli_target = [15.0, 30.0]
    condensation_margin = 2.0      # °C above the dew point that counts as condensation risk
    [[sectors.farm.zones.bands]]
    input = "temperature"          # an input role or a derived value (vpd, dew_point, ...)
    when = "night"                 # day | night | all
    stages = ["fruiting"]          # empty: every stage
    low = 16.0
    high = 19.0
    delay = 600                    # seconds beyond the band before the incident opens
    hysteresis = 0.5

Strict like the rest of the site config: unknown keys and non-finite numbers are errors,
each message naming the key.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import time

SECTION_KEYS = ("day_start", "zones")
ZONE_KINDS = ("greenhouse", "mushroom", "livestock")
# input roles a zone may name, with what they measure
INPUTS = ("temperature", "humidity", "ppfd", "solar", "co2", "leaf_temperature", "nh3",
          "substrate_moisture", "ec", "ph", "drain_ec", "drain_ph", "outside_temperature")
ZONE_KEYS = ("id", "name", "kind", "crop", "herd", "stage", "base_temp", "solar_factor",
             "day_from", "night_from", "dli_target", "condensation_margin", "bands",
             "max_age", *INPUTS)
DERIVED_INPUTS = ("vpd", "dew_point", "abs_humidity", "dli")
BAND_KEYS = ("input", "when", "stages", "low", "high", "delay", "hysteresis", "name")
WHENS = ("day", "night", "all")
MAX_SUN_OFFSET_MIN = 240
_EDGE = re.compile(r"^(sunrise|sunset)\s*(?:([+-])\s*(\d{1,3}))?$")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass(frozen=True, slots=True)
class Edge:
    """When day or night starts: relative to the sun (`anchor` sunrise/sunset, `minutes`
    after it) or at a fixed local time (`anchor` "clock")."""

    anchor: str
    minutes: int = 0
    at: time | None = None

    def text(self, lang: str = "en") -> str:
        """"sunrise+30" as written in the config; "일출+30분" on a Korean page."""
        if self.anchor == "clock" and self.at is not None:
            return f"{self.at:%H:%M}"
        if lang.startswith("ko"):
            sun = {"sunrise": "일출", "sunset": "일몰"}.get(self.anchor, self.anchor)
            return sun + (f"{self.minutes:+d}분" if self.minutes else "")
        return self.anchor + (f"{self.minutes:+d}" if self.minutes else "")


@dataclass(frozen=True, slots=True)
class Band:
    """A comfort band of one input for one time of day and some crop stages."""

    zone: str
    input: str
    when: str
    stages: tuple[str, ...]
    low: float | None
    high: float | None
    delay_s: float = 0.0
    hysteresis: float = 0.0
    name: str = ""

    @property
    def id(self) -> str:
        """Stable key of the band, stored in incident rows (`data["band"]`)."""
        stages = "+".join(self.stages) or "any"
        return f"{self.zone}.{self.input}.{self.when}.{stages}"

    def applies(self, stage: str, is_day: bool) -> bool:
        if self.stages and stage not in self.stages:
            return False
        return self.when == "all" or (self.when == "day") == is_day


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    name: str
    kind: str
    crop: str
    stage: str
    base_temp: float
    inputs: dict[str, str]  # role -> channel key
    day_from: Edge
    night_from: Edge
    bands: tuple[Band, ...] = ()
    solar_factor: float = 2.0
    dli_target: tuple[float, float] | None = None
    condensation_margin: float = 2.0
    max_age_s: float = 180.0
    herd: str = ""

    def key(self, what: str) -> str:
        """The channel key of a derived value of this zone (`gh1.vpd`)."""
        return f"{self.id}.{what}"

    def channel_of(self, what: str) -> str | None:
        """The channel a band's input means: a derived value's key or an input channel."""
        if what in DERIVED_INPUTS:
            return self.key(what)
        return self.inputs.get(what)

    @property
    def has_climate(self) -> bool:
        return "temperature" in self.inputs and "humidity" in self.inputs

    @property
    def light(self) -> str | None:
        return "ppfd" if "ppfd" in self.inputs else "solar" if "solar" in self.inputs else None


@dataclass(slots=True)
class FarmConfig:
    day_start: time = time(0, 0)
    zones: list[Zone] = field(default_factory=list)


def _num(v: object) -> bool:
    return not isinstance(v, bool) and isinstance(v, int | float) and math.isfinite(v)


def parse_edge(v: object, where: str, errs: list[str]) -> Edge:
    s = str(v).strip().replace(" ", "") if isinstance(v, str) else ""
    m = _EDGE.match(s)
    if m:
        minutes = int(m.group(3) or 0) * (-1 if m.group(2) == "-" else 1)
        if abs(minutes) > MAX_SUN_OFFSET_MIN:  # the day must stay inside its local date
            errs.append(f"{where}: {minutes:+d} minutes from {m.group(1)} is too far "
                        f"(at most ±{MAX_SUN_OFFSET_MIN})")
        return Edge(m.group(1), minutes)
    m = _HHMM.match(s)
    if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
        return Edge("clock", 0, time(int(m.group(1)), int(m.group(2))))
    errs.append(f"{where}: expected \"sunrise+MIN\", \"sunset-MIN\" or a local time "
                f"\"HH:MM\", got {v!r}")
    return Edge("sunrise")


def _band(zone: str, raw: object, where: str, errs: list[str], roles: set[str]) -> Band | None:
    if not isinstance(raw, dict):
        errs.append(f"{where}: expected a table")
        return None
    for k in raw:
        if k not in BAND_KEYS:
            errs.append(f"{where}: unknown key '{k}' (expected one of {', '.join(BAND_KEYS)})")
    what = raw.get("input")
    if what not in roles and what not in DERIVED_INPUTS:
        errs.append(f"{where}.input: expected one of the zone's inputs "
                    f"({', '.join(sorted(roles))}) or {', '.join(DERIVED_INPUTS)}, got {what!r}")
        return None
    when = raw.get("when", "all")
    if when not in WHENS:
        errs.append(f"{where}.when: expected one of {', '.join(WHENS)}, got {when!r}")
    stages = raw.get("stages", [])
    if not isinstance(stages, list) or not all(isinstance(s, str) and s for s in stages):
        errs.append(f"{where}.stages: expected a list of stage names, got {stages!r}")
        stages = []
    vals: dict[str, float | None] = {}
    for k in ("low", "high", "delay", "hysteresis"):
        v = raw.get(k)
        if v is not None and not _num(v):
            errs.append(f"{where}.{k}: expected a finite number, got {v!r}")
            v = None
        vals[k] = None if v is None else float(v)
    if vals["low"] is None and vals["high"] is None:
        errs.append(f"{where}: give low, high or both")
    elif vals["low"] is not None and vals["high"] is not None and vals["low"] >= vals["high"]:
        errs.append(f"{where}: low {vals['low']:g} must be below high {vals['high']:g}")
    for k in ("delay", "hysteresis"):
        if (vals[k] or 0) < 0:
            errs.append(f"{where}.{k}: must not be negative")
    name = raw.get("name", "")
    if not isinstance(name, str):
        errs.append(f"{where}.name: expected text")
        name = ""
    return Band(zone, str(what), str(when), tuple(stages), vals["low"], vals["high"],
                vals["delay"] or 0.0, vals["hysteresis"] or 0.0, name)


def _zone(raw: object, where: str, errs: list[str], seen: set[str]) -> Zone | None:
    if not isinstance(raw, dict):
        errs.append(f"{where}: expected a table ([[sectors.farm.zones]])")
        return None
    for k in raw:
        if k not in ZONE_KEYS:
            errs.append(f"{where}: unknown key '{k}' (expected one of {', '.join(ZONE_KEYS)})")
    zid = raw.get("id")
    if not isinstance(zid, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", zid):
        errs.append(f"{where}.id: expected a short id of lower-case letters, digits and _, "
                    f"got {zid!r}")
        return None
    if zid in seen:
        errs.append(f"{where}.id: zone '{zid}' is declared twice")
    seen.add(zid)
    where = f"sectors.farm.zones '{zid}'"
    kind = raw.get("kind", "greenhouse")
    if kind not in ZONE_KINDS:
        errs.append(f"{where}.kind: expected one of {', '.join(ZONE_KINDS)}, got {kind!r}")
    inputs: dict[str, str] = {}
    for role in INPUTS:
        v = raw.get(role)
        if v is None:
            continue
        if not isinstance(v, str) or not v:
            errs.append(f"{where}.{role}: expected a channel key like 'gh1.{role}', got {v!r}")
            continue
        inputs[role] = v
    if "ppfd" in inputs and "solar" in inputs:
        errs.append(f"{where}: give ppfd or solar, not both (DLI comes from one of them)")
    if "temperature" not in inputs:
        errs.append(f"{where}.temperature: every zone needs its air temperature channel")
    nums: dict[str, float] = {}
    for k, default, lo in (("base_temp", 10.0, -20.0), ("solar_factor", 2.0, 0.0),
                           ("condensation_margin", 2.0, 0.0), ("max_age", 180.0, 1.0)):
        v = raw.get(k, default)
        if not _num(v) or v < lo:
            errs.append(f"{where}.{k}: expected a finite number ≥ {lo:g}, got {v!r}")
            v = default
        nums[k] = float(v)
    target = raw.get("dli_target")
    dli = None
    if target is not None:
        if (not isinstance(target, list) or len(target) != 2 or not all(_num(x) for x in target)
                or target[0] > target[1] or target[0] < 0):
            errs.append(f"{where}.dli_target: expected [low, high] mol/m²/day, got {target!r}")
        else:
            dli = (float(target[0]), float(target[1]))
    texts = {}
    for k in ("name", "crop", "herd", "stage"):
        v = raw.get(k, "")
        if not isinstance(v, str):
            errs.append(f"{where}.{k}: expected text, got {v!r}")
            v = ""
        texts[k] = v
    day_from = parse_edge(raw.get("day_from", "sunrise"), f"{where}.day_from", errs)
    night_from = parse_edge(raw.get("night_from", "sunset"), f"{where}.night_from", errs)
    if day_from.at is not None and night_from.at is not None and day_from.at >= night_from.at:
        errs.append(f"{where}.night_from: the night ({night_from.text()}) must start after "
                    f"the day ({day_from.text()}) on the same date")
    raw_bands = raw.get("bands", [])
    if not isinstance(raw_bands, list):
        errs.append(f"{where}.bands: expected [[sectors.farm.zones.bands]] tables")
        raw_bands = []
    bands = [b for i, rb in enumerate(raw_bands)
             if (b := _band(zid, rb, f"{where}.bands[{i}]", errs, set(inputs))) is not None]
    ids = [b.id for b in bands]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        errs.append(f"{where}.bands: two bands for {dup} (same input, time of day and stages)")
    return Zone(zid, texts["name"] or zid, str(kind), texts["crop"], texts["stage"],
                nums["base_temp"], inputs, day_from, night_from, tuple(bands),
                nums["solar_factor"], dli, nums["condensation_margin"], nums["max_age"],
                texts["herd"])


def parse_farm(section: dict) -> tuple[FarmConfig, list[str]]:
    """The farm config and its problems (each naming the key)."""
    errs: list[str] = []
    if not isinstance(section, dict):
        return FarmConfig(), ["sectors.farm: expected a table"]
    for k in section:
        if k not in SECTION_KEYS:
            errs.append(f"sectors.farm: unknown key '{k}' (expected one of "
                        f"{', '.join(SECTION_KEYS)})")
    cfg = FarmConfig()
    ds = section.get("day_start", "00:00")
    m = _HHMM.match(ds) if isinstance(ds, str) else None
    if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
        cfg.day_start = time(int(m.group(1)), int(m.group(2)))
    else:
        errs.append(f"sectors.farm.day_start: expected a local time \"HH:MM\", got {ds!r}")
    zones = section.get("zones", [])
    if not isinstance(zones, list) or not zones:
        errs.append("sectors.farm.zones: expected at least one [[sectors.farm.zones]] table")
        zones = []
    seen: set[str] = set()
    for i, raw in enumerate(zones):
        z = _zone(raw, f"sectors.farm.zones[{i}]", errs, seen)
        if z is not None:
            cfg.zones.append(z)
    return cfg, errs


def sun_relative(cfg: FarmConfig) -> list[str]:
    """Zones whose day or night starts at sunrise/sunset (they need the site location)."""
    return [z.id for z in cfg.zones
            if z.day_from.anchor != "clock" or z.night_from.anchor != "clock"]
