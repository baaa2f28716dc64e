"""The `[sectors.manufacturing]` table: machines, counts, reasons, recipes, calibrations.

One parser serves `check_config` (every problem, each naming its key) and the rules and
reports (the parsed settings), so what the check accepts is exactly what runs. The shift
calendar is the platform's (`[[site.shifts]]`, `site.holidays`); this table adds only
the plant's planned stops (maintenance, no orders), as local times.

A machine's state comes from what a small shop has (domain.md): a digital input, a stack
light (one channel per colour), a CT-clamp current with off/idle/run thresholds, or a
controller register of status codes. Counts come from a register that increments (with
rollover at its modulus) or from a counter read-and-cleared each poll (`increment`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from deungdae.sectors.manufacturing.config_errors import Errs, table, tables
from deungdae.sectors.manufacturing.machine_state import (
    DigitalInput,
    MotorCurrent,
    RegisterCodes,
    StackLight,
    State,
    StateConfigError,
)
from deungdae.sectors.manufacturing.recipes import RecipeDef, recipe

# The TOML path every message starts with (joined: tools/namespace.py would read the
# plain dotted literal as a module name and rewrite it).
P = ".".join(("sectors", "manufacturing"))
SECTION_KEYS = {"reason_prompt_min", "minor_stop_min", "oee_every_s", "planned_stops",
                "reasons", "machines", "recipes", "calibrations"}
MACHINE_KEYS = {"id", "name", "state", "min_dwell_s", "max_gap_s", "good", "scrap", "rework",
                "product", "ideal_cycle_s", "lot"}
# What a reason's loss does to the stop it explains (oee.six_big_losses): breakdown and
# setup are laid over the sensed state; a planned stop leaves planned busy time; `other`
# keeps the sensed idle/off (a minor or other stop: no material, no operator).
LOSSES = {"breakdown": State.BREAKDOWN, "setup": State.SETUP,
          "planned_stop": State.PLANNED_STOP, "other": None}
STATE_SOURCES = ("digital", "stack_light", "current", "register")
COUNT_KINDS = ("register", "increment")
LOT_STARTS = ("operator", "above")
CALIBRATION_KINDS = ("tus", "sat", "instrument")
# AMS 2750 furnace classes: temperature uniformity tolerance, ± °C (domain.md).
FURNACE_CLASS_TOLERANCE = {1: 3.0, 2: 6.0, 3: 8.0, 4: 10.0, 5: 14.0, 6: 28.0}


@dataclass(frozen=True, slots=True)
class Reason:
    key: str
    en: str
    ko: str
    loss: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class StateSource:
    kind: str
    channels: tuple[str, ...]  # one channel; a stack light: one per colour, in `colours`
    classifier: DigitalInput | StackLight | RegisterCodes | MotorCurrent
    colours: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CountSource:
    channel: str
    kind: str  # register | increment
    modulus: int | None = 65_536


@dataclass(frozen=True, slots=True)
class LotRule:
    start: str  # operator | above
    recipe: str
    channel: str | None = None
    above: float | None = None
    below: float | None = None


@dataclass(frozen=True, slots=True)
class Machine:
    id: str
    name: str
    state: StateSource
    good: CountSource | None
    scrap: CountSource | None
    product: str
    ideal_cycle_s: Mapping[str, float]
    min_dwell_ms: int = 10_000
    max_gap_ms: int = 60_000
    lot: LotRule | None = None
    rework: CountSource | None = None  # good pieces that needed rework (first-pass yield)

    def inputs(self) -> tuple[str, ...]:
        return self.state.channels + tuple(c.channel for c in (self.good, self.scrap, self.rework) if c)


@dataclass(frozen=True, slots=True)
class Calibration:
    id: str
    kind: str
    machine: str
    title: str
    interval_days: int
    last: dt.date
    furnace_class: int | None = None

    def due(self, last: dt.date | None = None) -> dt.date:
        return (last or self.last) + dt.timedelta(days=self.interval_days)


@dataclass(frozen=True, slots=True)
class PlannedStopDef:
    start: dt.datetime  # naive local time
    end: dt.datetime
    reason: str


@dataclass(frozen=True)
class Settings:
    machines: tuple[Machine, ...] = ()
    reasons: Mapping[str, Reason] = field(default_factory=dict)
    recipes: Mapping[str, RecipeDef] = field(default_factory=dict)
    calibrations: tuple[Calibration, ...] = ()
    planned_stops: tuple[PlannedStopDef, ...] = ()
    reason_prompt_ms: int = 5 * 60_000
    minor_stop_ms: int = 5 * 60_000
    oee_every_ms: int = 60_000

    def machine(self, mid: str) -> Machine:
        for m in self.machines:
            if m.id == mid:
                return m
        raise KeyError(mid)

    def leaf_reasons(self) -> dict[str, Reason]:
        parents = {r.parent for r in self.reasons.values() if r.parent}
        return {k: r for k, r in self.reasons.items() if k not in parents}

    def reason_state(self, key: str) -> State | None:
        r = self.reasons.get(key)
        return LOSSES.get(r.loss) if r else None

    def planned_stop_ms(self, tz: ZoneInfo) -> list[tuple[int, int, str]]:
        return [(int(p.start.replace(tzinfo=tz).timestamp() * 1000),
                 int(p.end.replace(tzinfo=tz).timestamp() * 1000), p.reason)
                for p in self.planned_stops]


def _state_source(raw: dict, where: str, errs: Errs) -> StateSource | None:
    kind = raw.get("source")
    if kind not in STATE_SOURCES:
        errs.append(f"{where}.source: one of {', '.join(STATE_SOURCES)}, got {kind!r}")
        return None
    try:
        if kind == "stack_light":
            errs.unknown(raw, {"source", "channels", "priority", "dark_state"}, where)
            chans = table(raw.get("channels"), f"{where}.channels", errs)
            prio = raw.get("priority", [])
            if not chans or not all(isinstance(v, str) for v in chans.values()):
                errs.append(f"{where}.channels: a table colour = \"channel\" needed")
                return None
            if (not isinstance(prio, list) or not prio or not all(
                    isinstance(p, list) and len(p) == 2 for p in prio)):
                errs.append(f"{where}.priority: expected [[\"red\", \"breakdown\"], ...]")
                return None
            bad = [c for c, _ in prio if c not in chans]
            if bad:
                errs.append(f"{where}.priority: colours {', '.join(bad)} have no channel")
            cls = StackLight([(c, s) for c, s in prio], raw.get("dark_state", "off"))
            return StateSource(kind, tuple(chans.values()), cls, tuple(chans))
        channel = errs.text(raw, "channel", where)
        if kind == "digital":
            errs.unknown(raw, {"source", "channel", "running_level", "low_state"}, where)
            level = raw.get("running_level", 1)
            if level not in (0, 1):
                errs.append(f"{where}.running_level: 0 or 1, got {level!r}")
            cls = DigitalInput(bool(level), raw.get("low_state", "idle"))
        elif kind == "current":
            errs.unknown(raw, {"source", "channel", "idle_a", "run_a", "hysteresis_a"}, where)
            idle = errs.num(raw, "idle_a", where, required=True, lo=0)
            run = errs.num(raw, "run_a", where, required=True, lo=0)
            if idle is None or run is None:
                return None
            cls = MotorCurrent(float(idle), float(run),
                               float(errs.num(raw, "hysteresis_a", where, 0.0, lo=0) or 0))
        else:
            errs.unknown(raw, {"source", "channel", "codes", "default"}, where)
            codes = table(raw.get("codes"), f"{where}.codes", errs)
            try:
                parsed = {int(k): v for k, v in codes.items()}
            except ValueError:
                errs.append(f"{where}.codes: keys are register values, e.g. \"2\" = "
                            "\"running\"")
                return None
            cls = RegisterCodes(parsed, raw.get("default", "unknown"))
    except StateConfigError as exc:
        errs.append(f"{where}: {exc}")
        return None
    return None if channel is None else StateSource(kind, (channel,), cls)


def _count(raw: object, where: str, errs: Errs) -> CountSource | None:
    if raw is None:
        return None
    t = table(raw, where, errs)
    errs.unknown(t, {"channel", "kind", "modulus"}, where)
    kind = t.get("kind", "register")
    if kind not in COUNT_KINDS:
        errs.append(f"{where}.kind: one of {', '.join(COUNT_KINDS)}, got {kind!r}")
    mod = errs.num(t, "modulus", where, 65_536, lo=1, integer=True)
    ch = errs.text(t, "channel", where)
    return None if ch is None else CountSource(ch, str(kind), mod)


def _machine(raw: dict, where: str, errs: Errs, recipes: set[str]) -> Machine | None:
    errs.unknown(raw, MACHINE_KEYS, where)
    mid = errs.text(raw, "id", where)
    if mid is not None and not mid.replace("_", "").replace("-", "").isalnum():
        errs.append(f"{where}.id: letters, digits, '_' or '-', got {mid!r}")
    state = _state_source(table(raw.get("state", {}), f"{where}.state", errs),
                          f"{where}.state", errs)
    good = _count(raw.get("good"), f"{where}.good", errs)
    scrap = _count(raw.get("scrap"), f"{where}.scrap", errs)
    rework = _count(raw.get("rework"), f"{where}.rework", errs)
    cycles = table(raw.get("ideal_cycle_s", {}), f"{where}.ideal_cycle_s", errs)
    ideal = {}
    for prod, _secs in cycles.items():
        v = errs.num(cycles, prod, f"{where}.ideal_cycle_s")
        if v is not None and v <= 0:
            errs.append(f"{where}.ideal_cycle_s.{prod}: must be > 0 seconds, got {v!r}")
        elif v is not None:
            ideal[prod] = float(v)
    product = errs.text(raw, "product", where)
    if product is not None and product not in ideal:
        errs.append(f"{where}.product: {product!r} has no ideal cycle time in "
                    f"{where}.ideal_cycle_s ({', '.join(sorted(ideal)) or 'none'})")
    if good is None and "good" not in raw:
        errs.append(f"{where}.good: required (the count of good pieces)")
    lot = None
    if "lot" in raw:
        lw = f"{where}.lot"
        lt = table(raw["lot"], lw, errs)
        errs.unknown(lt, {"start", "recipe", "channel", "above", "below"}, lw)
        start = lt.get("start", "operator")
        if start not in LOT_STARTS:
            errs.append(f"{lw}.start: one of {', '.join(LOT_STARTS)}, got {start!r}")
        recipe = errs.text(lt, "recipe", lw)
        if recipe is not None and recipe not in recipes:
            errs.append(f"{lw}.recipe: no recipe {recipe!r} (recipes: "
                        f"{', '.join(sorted(recipes)) or 'none'})")
        ch, above, below = None, None, None
        if start == "above":
            ch = errs.text(lt, "channel", lw)
            above = errs.num(lt, "above", lw, required=True)
            below = errs.num(lt, "below", lw, required=True)
            if above is not None and below is not None and below > above:
                errs.append(f"{lw}.below: must not be above 'above' ({below} > {above})")
        lot = LotRule(str(start), recipe or "", ch, above, below)
    dwell = errs.num(raw, "min_dwell_s", where, 10, lo=0)
    gap = errs.num(raw, "max_gap_s", where, 60, lo=1)
    if state is None or mid is None or product is None:
        return None
    return Machine(mid, str(raw.get("name", mid)), state, good, scrap, product, ideal,
                   int((dwell or 0) * 1000), int((gap or 60) * 1000), lot, rework)


def _calibration(raw: dict, where: str, errs: Errs) -> Calibration | None:
    errs.unknown(raw, {"id", "kind", "machine", "title", "interval_days", "last",
                       "furnace_class"}, where)
    cid = errs.text(raw, "id", where)
    kind = raw.get("kind")
    if kind not in CALIBRATION_KINDS:
        errs.append(f"{where}.kind: one of {', '.join(CALIBRATION_KINDS)}, got {kind!r}")
    days = errs.num(raw, "interval_days", where, required=True, lo=1, integer=True)
    fc = errs.num(raw, "furnace_class", where, integer=True)
    if fc is not None and fc not in FURNACE_CLASS_TOLERANCE:
        errs.append(f"{where}.furnace_class: AMS 2750 classes are 1..6, got {fc!r}")
    last = raw.get("last")
    if isinstance(last, str):
        with contextlib.suppress(ValueError):
            last = dt.date.fromisoformat(last)
    if not isinstance(last, dt.date) or isinstance(last, dt.datetime):
        errs.append(f"{where}.last: the date it was last done, YYYY-MM-DD, got {last!r}")
        return None
    if cid is None or days is None:
        return None
    return Calibration(cid, str(kind), str(raw.get("machine", "")),
                       str(raw.get("title", cid)), int(days), last, fc)


def _local(v: object, where: str, errs: Errs) -> dt.datetime | None:
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=None)
    try:
        return dt.datetime.fromisoformat(str(v)).replace(tzinfo=None)
    except ValueError:
        errs.append(f"{where}: a local time YYYY-MM-DDTHH:MM expected, got {v!r}")
        return None


def parse(section: Mapping) -> tuple[Settings, list[str]]:
    """The settings and every problem with them (each naming its key)."""
    errs = Errs()
    errs.unknown(section, SECTION_KEYS, P)
    prompt = errs.num(section, "reason_prompt_min", P, 5, lo=0)
    minor = errs.num(section, "minor_stop_min", P, prompt, lo=0)
    every = errs.num(section, "oee_every_s", P, 60, lo=1)
    reasons: dict[str, Reason] = {}
    for i, r in enumerate(tables(section.get("reasons"), f"{P}.reasons", errs)):
        w = f"{P}.reasons[{i}]"
        errs.unknown(r, {"key", "en", "ko", "loss", "parent"}, w)
        key, en, ko = errs.text(r, "key", w), errs.text(r, "en", w), errs.text(r, "ko", w)
        loss = r.get("loss", "other")
        if loss not in LOSSES:
            errs.append(f"{w}.loss: one of {', '.join(LOSSES)}, got {loss!r}")
        if key in reasons:
            errs.append(f"{w}.key: {key!r} used twice")
        if key and en and ko:
            reasons[key] = Reason(key, en, ko, str(loss), r.get("parent"))
    for k, r in reasons.items():
        if r.parent is not None and r.parent not in reasons:
            errs.append(f"{P}.reasons: {k!r} has parent {r.parent!r}, which is not a reason")
    recipes: dict[str, RecipeDef] = {}
    raw_recipes = tables(section.get("recipes"), f"{P}.recipes", errs)
    for i, r in enumerate(raw_recipes):
        rd = recipe(r, f"{P}.recipes[{i}]", errs)
        if rd is not None:
            if rd.id in recipes:
                errs.append(f"{P}.recipes[{i}].id: {rd.id!r} used twice")
            recipes[rd.id] = rd
    machines: list[Machine] = []
    names = {str(r.get("id")) for r in raw_recipes}
    raw_m = tables(section.get("machines"), f"{P}.machines", errs)
    if not raw_m:
        errs.append(f"{P}.machines: at least one [[{P}.machines]] table needed")
    for i, m in enumerate(raw_m):
        mc = _machine(m, f"{P}.machines[{i}]", errs, names)
        if mc is not None:
            if any(x.id == mc.id for x in machines):
                errs.append(f"{P}.machines[{i}].id: {mc.id!r} used twice")
            machines.append(mc)
    cals = tuple(c for i, x in enumerate(tables(section.get("calibrations"),
                                                  f"{P}.calibrations", errs))
                 if (c := _calibration(x, f"{P}.calibrations[{i}]", errs)) is not None)
    ids = {m.id for m in machines}
    for i, c in enumerate(cals):
        if c.machine and c.machine not in ids:
            errs.append(f"{P}.calibrations[{i}].machine: no machine {c.machine!r}")
    stops = []
    for i, s in enumerate(tables(section.get("planned_stops"), f"{P}.planned_stops", errs)):
        w = f"{P}.planned_stops[{i}]"
        errs.unknown(s, {"start", "end", "reason"}, w)
        a, b = _local(s.get("start"), f"{w}.start", errs), _local(s.get("end"), f"{w}.end", errs)
        if a and b:
            if b <= a:
                errs.append(f"{w}: end is not after start")
            else:
                stops.append(PlannedStopDef(a, b, str(s.get("reason", ""))))
    return Settings(tuple(machines), reasons, recipes, cals, tuple(stops),
                    int((prompt or 0) * 60_000), int((minor or 0) * 60_000),
                    int((every or 60) * 1000)), list(errs)


def channel_problems(settings: Settings, channels: set[str]) -> list[str]:
    """Machines and recipes that read channels the site does not have."""
    out = []
    for m in settings.machines:
        for ch in m.inputs() + ((m.lot.channel,) if m.lot and m.lot.channel else ()):
            if ch not in channels:
                out.append(f"{P}: machine {m.id!r} reads channel {ch!r}, which the site "
                           f"does not have")
    for r in settings.recipes.values():
        for ch in sorted(r.channels() - channels):
            out.append(f"{P}: recipe {r.id!r} reads channel {ch!r}, which the site does "
                       "not have")
    return out
