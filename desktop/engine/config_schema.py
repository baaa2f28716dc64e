"""The keys a site config may hold, what each must be, and a walker that says what is not.

Unknown keys used to be ignored, so a typo (`[channels.alarms]`) dropped an alarm without
a word, and `interval = 1e308` or `high = nan` went through to code that overflowed or
compared false forever. Every core key is declared here with its type and range; a key
that is not declared is an error that names the nearest known key. Parts other modules
own are declared as `Delegated` and checked there: a sector's `[sectors.<id>]` table
(its own `check_config`), a device's `role` (`device_roles.check_role`), a channel's
`alarm` table (`channel_alarms.check_alarm`) and the `[site]` calendar
(`sectors.api.site.parse_site`). The walker only returns (key path, message); the
caller adds file and line (`config_lines.KeyLines`).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass, field

Path = tuple[str | int, ...]
Problem = tuple[Path, str]


@dataclass(frozen=True, slots=True)
class Leaf:
    """A value: `check` returns what was expected when the value is wrong, else None."""

    check: Callable[[object], str | None]


@dataclass(frozen=True, slots=True)
class Delegated:
    """A value another module checks (named for the reader of the schema)."""

    owner: str


@dataclass(frozen=True, slots=True)
class Table:
    keys: dict[str, Spec] = field(default_factory=dict)
    any_key: Spec | None = None  # tables keyed by the user's names (points, scaling)
    what: str = "a table"


@dataclass(frozen=True, slots=True)
class Array:
    """An array of tables (`[[devices]]`)."""

    of: Table
    what: str = "an array of tables"


Spec = Leaf | Delegated | Table | Array


def _is_num(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def number(low: float | None = None, high: float | None = None, *, above: bool = False,
           integer: bool = False, what: str = "") -> Leaf:
    """A finite number in [low, high] (or > low with `above`), an integer if asked."""
    if what:
        expected = what
    else:
        kind = "an integer" if integer else "a number"
        parts = []
        if low is not None:
            parts.append(f"{'>' if above else '>='} {low:g}")
        if high is not None:
            parts.append(f"<= {high:g}")
        expected = f"{kind} {' and '.join(parts)}".strip()

    def check(v: object) -> str | None:
        if integer and (isinstance(v, bool) or not isinstance(v, int)):
            return expected
        if not _is_num(v) or not math.isfinite(v):
            return expected + " (a finite number)" if _is_num(v) else expected
        if low is not None and (v <= low if above else v < low):
            return expected
        if high is not None and v > high:
            return expected
        return None

    return Leaf(check)


def text(what: str = "text in quotes") -> Leaf:
    return Leaf(lambda v: None if isinstance(v, str) else what)


def boolean() -> Leaf:
    return Leaf(lambda v: None if isinstance(v, bool) else "true or false")


def one_of(*values: object) -> Leaf:
    what = "one of " + ", ".join(repr(v) for v in values)
    return Leaf(lambda v: None if any(v == x and type(v) is type(x) for x in values) else what)


def text_list(what: str) -> Leaf:
    return Leaf(lambda v: None if isinstance(v, list) and all(isinstance(x, str) for x in v)
                else what)


def pair() -> Leaf:
    def check(v: object) -> str | None:
        ok = (isinstance(v, list) and len(v) == 2 and all(_is_num(x) and math.isfinite(x)
                                                         for x in v) and v[0] <= v[1])
        return None if ok else "[low, high], finite numbers with low <= high"
    return Leaf(check)


SECONDS = 86_400.0  # no duration in a site config is longer than a day
BIG = 1e12  # simulated values: far beyond any sensor, far from float overflow
LONG = 1e9  # simulated times in seconds (about 31 years)
STEP = Table({
    "at": number(0, LONG), "duration": number(0, LONG), "value": number(-BIG, BIG),
    "offset": number(-BIG, BIG),
    "lost": boolean(),
    "fault": one_of("timeout", "crc", "garbage", "exception", "disconnected"),
})
SIM_POINT = Table({
    "unit": text(), "base": number(-BIG, BIG), "amplitude": number(-BIG, BIG),
    "period": number(0, LONG, above=True), "noise": number(0, BIG),
    "decimals": number(0, 12, integer=True), "steps": Array(STEP),
    "range": pair(), "csv": text("a file name in quotes"), "column": text(), "loop": boolean(),
    "integrates": text("the name of another point"), "per_s": number(0, LONG, above=True),
    "modulus": number(0, BIG, above=True), "floor": number(-BIG, BIG),
}, what="a table of the point's settings")
SCALING = Table({"low": number(), "high": number(), "factor": number(), "offset": number(),
                 "unit": text()}, what="a table like { low = 0, high = 10, unit = \"bar\" }")
DEVICE = Table({
    "id": text("a name of letters, digits, '_' or '-'"), "name": text(),
    "profile": text("a profile name (\"simulator\" or one of `deungdae profiles`)"),
    "port": text("a port name or URL (COM3, /dev/ttyUSB0, tcp://host:502)"),
    "unit": number(0, 255, integer=True, what="a unit id 0..255"),
    "baud": number(50, 4_000_000, integer=True, what="a baud rate (e.g. 9600)"),
    "parity": one_of("N", "E", "O"), "bytesize": one_of(7, 8),
    "stopbits": Leaf(lambda v: None if _is_num(v) and v in (1, 1.5, 2) else "1, 1.5 or 2"),
    "interval": number(0.01, SECONDS, what="seconds > 0 (from 0.01 to 86400)"),
    "timeout": number(0, 60, above=True, what="seconds > 0 and <= 60"),
    "lost_after": number(1, integer=True),
    "reconnect_max": number(0.1, 3600, what="seconds between 0.1 and 3600"),
    "late_guard": number(0, 60, what="seconds between 0 and 60"),
    "seed": number(integer=True),
    "scaling": Table(any_key=SCALING, what="a table of points"),
    "points": Table(any_key=SIM_POINT, what="a table of simulated points"),
    "role": Delegated("device_roles.check_role"),
})
CHANNEL = Table({
    "id": text("a channel id like 'oven.core_temp'"), "device": text(), "point": text(),
    "name": text(), "unit": text(), "alarm": Delegated("channel_alarms.check_alarm"),
})
SITE = Table({
    "name": text(), "timezone": text("a time zone name like \"Asia/Seoul\""),
    "sectors": text_list("a list of sector ids, e.g. [\"haccp\"]"),
    "latitude": Delegated("api.site.parse_site"), "longitude": Delegated("api.site.parse_site"),
    "shifts": Delegated("api.site.parse_site"), "holidays": Delegated("api.site.parse_site"),
})
SITE_CONFIG = Table({
    "site": SITE, "devices": Array(DEVICE), "channels": Array(CHANNEL),
    "sectors": Table(any_key=Delegated("each sector's check_config"),
                     what="a table of sector tables ([sectors.haccp], ...)"),
    "central": Delegated("refused by config.parse: registration lives in sync.db"),
    # older configs named their people here; the record's users sign in now, and the
    # login dialog only says these names no longer do (ui.session.legacy_config_users)
    "users": Array(Table({"name": text(), "role": text()})),
})


def dotted(path: Path) -> str:
    """`channels[2].alarm.high` for messages (arrays counted from 1, as people count)."""
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def _show(v: object) -> str:
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "an array" if len(repr(v)) > 40 else repr(v)
    return repr(v)


def nearest(key: str, known: list[str]) -> str:
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"did you mean {near[0]}?" if near else f"known keys: {', '.join(known)}"


def walk(value: object, spec: Spec = SITE_CONFIG, path: Path = ()) -> list[Problem]:
    """Every problem of `value` against `spec`, as (key path, message)."""
    out: list[Problem] = []
    name = dotted(path) or "the file"
    if isinstance(spec, Delegated):
        return out
    if isinstance(spec, Leaf):
        expected = spec.check(value)
        if expected is not None:
            out.append((path, f"{name}: expected {expected}, got {_show(value)}"))
        return out
    if isinstance(spec, Array):
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            out.append((path, f"{name}: expected {spec.what} ([[{path[-1]}]])"))
            return out
        for i, item in enumerate(value):
            out += walk(item, spec.of, (*path, i))
        return out
    if not isinstance(value, dict):
        out.append((path, f"{name}: expected {spec.what}, got {_show(value)}"))
        return out
    for k, v in value.items():
        sub = spec.keys.get(k, spec.any_key)
        if sub is None:
            known = list(spec.keys)
            out.append(((*path, k), f"{dotted((*path, k))}: unknown key '{k}' "
                                    f"({nearest(k, known)})"))
            continue
        out += walk(v, sub, (*path, k))
    return out


def non_finite(value: object, path: Path = ()) -> list[Problem]:
    """Every nan/inf anywhere in the file, sector tables included.

    No setting of any sector means "infinite": `limit = -inf` switched a CCP off and
    `high = nan` an alarm (every comparison with nan is false), so none is accepted.
    """
    out: list[Problem] = []
    stack: list[tuple[object, Path]] = [(value, path)]
    while stack:
        v, p = stack.pop()
        if isinstance(v, float) and not math.isfinite(v):
            out.append((p, f"{dotted(p)}: expected a finite number, got {v!r}"))
        elif isinstance(v, dict):
            stack.extend((x, (*p, k)) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((x, (*p, i)) for i, x in enumerate(v))
    return sorted(out, key=lambda pr: [str(x) for x in pr[0]])
