"""Device profiles: TOML files that say how to read a kind of device.

A profile names its protocol and its points. Modbus points give a function (`coil`,
`discrete`, `input`, `holding`), an address, a type with word and byte order, scale,
offset, unit and plausible range. Line points name a group of the profile's regular
expression. Shipped profiles are package data (`resources/devices/`, found through
importlib.resources, so a wheel or a bundle finds them too); a site adds its own in extra
directories (the data dir's `devices/`), and an extra directory wins over the shipped one
for the same name.

Bad profiles raise `ConfigError` naming the file, the line or key, and what is expected.
Unknown keys are errors too (with the nearest known key), so a typo never silently
drops a range or a fault code.

Top-level keys: `protocol`, `description` (and `description_ko`, what the Korean window
shows), `points`, `defaults` (per-device defaults a
site may override: `baud`, `parity`, `interval`, ...), `max_gap`, `word_order` /
`byte_order` / `order` (32-bit layout for all points), `line` (line devices) and what the
device allows, so a settings page offers only those:

- `bauds = [2400, 9600]`: baud rates the device can be set to (default: the common
  1200..115200);
- `parities = ["N", "E"]`: parities it can be set to (default N, E, O);
- `transports = ["rtu"]` or `["tcp"]`: Modbus RTU (serial ports, `socket://` serial
  device servers, and Modbus TCP gateways to RTU) or native Modbus TCP (default both).
  A TCP-only device has no `bauds`/`parities` (both empty); a line device's transport
  is `("serial",)`.

Point keys: `name`, `unit`, `description`, `range = [low, high]` (plausible values,
also what a role is matched against), `scale`, `offset`, and for Modbus `function`,
`address`, `type`, `word_order`/`byte_order`/`order`, plus:

- `faults = [{raw = 32767, name = "sensor open"}]`: raw values (before scale) the
  device sends instead of a measurement; such a reading has no value and quality
  SENSOR_FAULT + OUT_OF_RANGE, and the device event names the fault;
- `span = [4, 20]`: the electrical span of an input the user maps to engineering units
  per device (`scaling` in the site's `[[devices]]` table, see `hardware.scaling`);
- `rollover = 4294967296`: a counter that wraps to 0 at this value (pulse counters);
  `hardware.decode.counter_delta` turns two readings into a consumption.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from deungdae.hardware.decode import ORDER_CODES, ORDERS, TYPES
from deungdae.hardware.planner import FUNCTIONS
from deungdae.hardware.source import ConfigError
from deungdae.resources import folder as shipped_folder

BUILTIN_DIR = shipped_folder("devices")
PROTOCOLS = ("modbus", "line")
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
STANDARD_BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
PARITIES = ("N", "E", "O")
TRANSPORTS = ("rtu", "tcp")
TOP_KEYS = ("protocol", "description", "description_ko", "points", "defaults", "max_gap",
            "word_order", "byte_order", "order", "line", "bauds", "parities", "transports")
LINE_KEYS = ("pattern", "encoding", "request")
DEFAULT_KEYS = ("unit", "baud", "parity", "bytesize", "stopbits", "interval", "timeout",
                "lost_after", "reconnect_max", "late_guard")
MODBUS_POINT_KEYS = ("name", "unit", "description", "description_ko", "range", "scale",
                     "offset", "function", "address", "type", "word_order", "byte_order",
                     "order", "faults", "span", "rollover")
LINE_POINT_KEYS = ("name", "unit", "description", "description_ko", "range", "scale",
                   "offset", "group")


@dataclass(frozen=True, slots=True)
class ProfilePoint:
    name: str
    unit: str = ""
    # modbus
    function: str = ""
    address: int = 0
    type: str = "uint16"
    word_order: str = "big"
    byte_order: str = "big"
    # line
    group: str = ""
    # both
    scale: float = 1.0
    offset: float = 0.0
    range: tuple[float, float] | None = None
    description: str = ""
    faults: tuple[tuple[float, str], ...] = ()  # (raw value, what it means)
    span: tuple[float, float] | None = None  # electrical span the user scales (4-20 mA)
    rollover: int | None = None  # a counter wraps to 0 here
    description_ko: str = ""

    def describe(self, lang: str) -> str:
        """Its description in `lang`; English where no Korean is given."""
        return self.description_ko if lang.startswith("ko") and self.description_ko \
            else self.description

    def fault(self, raw: float) -> str | None:
        """What the device means by this raw value, if it is one of its fault codes."""
        for code, name in self.faults:
            if raw == code:
                return name
        return None

    @property
    def fc(self) -> int:
        return FUNCTIONS[self.function]

    @property
    def is_bit(self) -> bool:
        return self.function in ("coil", "discrete")

    @property
    def count(self) -> int:
        return 1 if self.is_bit else TYPES[self.type][0]


@dataclass(frozen=True, slots=True)
class LineSpec:
    pattern: re.Pattern
    encoding: str = "ascii"
    request: str = ""  # sent every interval when the device only answers when asked


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    protocol: str
    points: tuple[ProfilePoint, ...]
    description: str = ""
    path: Path | None = None
    max_gap: int = 8
    # per-device defaults a site config may override
    defaults: dict = field(default_factory=dict)
    line: LineSpec | None = None
    bauds: tuple[int, ...] = STANDARD_BAUDS
    parities: tuple[str, ...] = PARITIES
    transports: tuple[str, ...] = TRANSPORTS
    description_ko: str = ""

    def describe(self, lang: str) -> str:
        """Its description in `lang` ("ko" or "en"); English where no Korean is given."""
        return self.description_ko if lang.startswith("ko") and self.description_ko \
            else self.description

    @property
    def units(self) -> set[str]:
        """The units its points measure in (what a role's unit is matched against)."""
        return {p.unit for p in self.points if p.unit}

    def point(self, name: str) -> ProfilePoint:
        for p in self.points:
            if p.name == name:
                return p
        raise KeyError(name)


def profile_dirs(extra_dirs: Iterable[str | Path] = ()) -> list[Path]:
    return [Path(d) for d in extra_dirs] + [BUILTIN_DIR]


def list_profiles(extra_dirs: Iterable[str | Path] = ()) -> dict[str, Path]:
    """Profile name -> file, earlier directories winning."""
    found: dict[str, Path] = {}
    for d in profile_dirs(extra_dirs):
        if d.is_dir():
            for f in sorted(d.glob("*.toml")):
                found.setdefault(f.stem, f)
    return dict(sorted(found.items()))


def find_profile(name: str, extra_dirs: Iterable[str | Path] = ()) -> Path:
    if name.endswith(".toml") and Path(name).is_file():
        return Path(name)
    known = list_profiles(extra_dirs)
    if name in known:
        return known[name]
    where = ", ".join(str(d) for d in profile_dirs(extra_dirs))
    raise ConfigError(f"unknown device profile '{name}' (looked in {where}); "
                      f"known profiles: {', '.join(known) or 'none'}, simulator")


def load_profile(name: str, extra_dirs: Iterable[str | Path] = ()) -> Profile:
    return load_profile_file(find_profile(name, extra_dirs))


def load_profile_file(path: str | Path) -> Profile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read profile: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: profile is not UTF-8 text ({e.reason})") from e
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = getattr(e, "lineno", None)
        msg = getattr(e, "msg", str(e))
        at = f", line {line}" if line else ""
        raise ConfigError(f"{path}{at}: not valid TOML: {msg}") from e
    return parse_profile(raw, path.stem, path, text)


class _Where:
    """Builds 'file, line N, key K: ...' messages from the raw text."""

    def __init__(self, path: Path | None, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, key: str, value=None, after: int = 0) -> int | None:
        pat = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(after, len(self.lines)):
            ln = self.lines[i]
            if pat.match(ln) and (value is None or repr(value).strip("'") in ln
                                  or str(value) in ln):
                return i + 1
        return None

    def error(self, key: str, expected: str, got=None, line: int | None = None) -> ConfigError:
        at = f", line {line}" if line else ""
        got_txt = "" if got is None else f", got {got!r}"
        return ConfigError(f"{self.path or '<profile>'}{at}, key '{key}': expected {expected}{got_txt}")


def _num(w: _Where, d: dict, key: str, default: float, where: str, line: int | None) -> float:
    v = d.get(key, default)
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise w.error(f"{where}.{key}", "a finite number", v, line)
    return float(v)


def _known_keys(w: _Where, table: dict, known: tuple[str, ...], where: str,
                after: int = 0) -> None:
    for key in table:
        if key not in known:
            near = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            at = f"{where}.{key}" if where else key
            raise w.error(at, f"one of the known keys {', '.join(known)}{hint}", None,
                          w.line_of(key, after=after))


def _pair(w: _Where, rp: dict, key: str, where: str, after: int) -> tuple[float, float] | None:
    """`range` ([low, high], low <= high) or `span` (low < high), finite numbers."""
    v = rp.get(key)
    if v is None:
        return None
    strict = key == "span"
    ok = (isinstance(v, list) and len(v) == 2
          and all(not isinstance(x, bool) and isinstance(x, int | float) and math.isfinite(x)
                  for x in v))
    if ok:
        ok = v[0] < v[1] if strict else v[0] <= v[1]
    if not ok:
        raise w.error(f"{where}.{key}", f"[low, high] with low {'<' if strict else '<='} high",
                      v, w.line_of(key, after=after))
    return (float(v[0]), float(v[1]))


def _choices(w: _Where, raw: dict, key: str, allowed, default: tuple, kind) -> tuple:
    v = raw.get(key)
    if v is None:
        return default
    ok = isinstance(v, list) and v and all(
        isinstance(x, kind) and not isinstance(x, bool) and (allowed is None or x in allowed)
        for x in v) and len(set(v)) == len(v)
    if kind is int and ok:
        ok = all(50 <= x <= 4_000_000 for x in v)
    if not ok:
        what = (f"a list of distinct values from {', '.join(map(str, allowed))}" if allowed
                else "a list of distinct baud rates, e.g. [2400, 9600]")
        raise w.error(key, what, v, w.line_of(key))
    return tuple(v)


def _faults(w: _Where, rp: dict, where: str, after: int) -> tuple[tuple[float, str], ...]:
    v = rp.get("faults")
    if v is None:
        return ()
    out = []
    line = w.line_of("faults", after=after)
    if not isinstance(v, list):
        raise w.error(f"{where}.faults", "a list of {raw = N, name = \"...\"} tables", v, line)
    for f in v:
        if not isinstance(f, dict) or set(f) != {"raw", "name"} \
                or isinstance(f["raw"], bool) or not isinstance(f["raw"], int | float) \
                or not isinstance(f["name"], str) or not f["name"].strip():
            raise w.error(f"{where}.faults", "tables {raw = N, name = \"what it means\"}", f, line)
        out.append((float(f["raw"]), f["name"].strip()))
    return tuple(out)


def parse_profile(raw: dict, name: str, path: Path | None = None, text: str = "") -> Profile:
    w = _Where(path, text)
    protocol = raw.get("protocol")
    if protocol not in PROTOCOLS:
        raise w.error("protocol", f"one of {', '.join(PROTOCOLS)}", protocol, w.line_of("protocol"))
    _known_keys(w, raw, TOP_KEYS, "")
    defaults = raw.get("defaults", {})
    if not isinstance(defaults, dict):
        raise w.error("defaults", "a table", defaults, w.line_of("defaults"))
    _known_keys(w, defaults, DEFAULT_KEYS, "defaults")
    if protocol == "line":
        for key in ("transports", "word_order", "byte_order", "order"):
            if key in raw:
                raise w.error(key, "nothing: a line device has no such setting", raw[key],
                              w.line_of(key))
        transports: tuple = ("serial",)
    else:
        transports = _choices(w, raw, "transports", TRANSPORTS, TRANSPORTS, str)
    tcp_only = transports == ("tcp",)
    if tcp_only:
        for key in ("bauds", "parities"):
            if key in raw:
                raise w.error(key, "nothing: a Modbus TCP device has no baud rate or parity",
                              raw[key], w.line_of(key))
        for key in ("baud", "parity", "bytesize", "stopbits"):
            if key in defaults:
                raise w.error(f"defaults.{key}", "nothing: a Modbus TCP device has no serial "
                              "settings", defaults[key], w.line_of(key))
        bauds: tuple = ()
        parities: tuple = ()
    else:
        bauds = _choices(w, raw, "bauds", None, STANDARD_BAUDS, int)
        parities = _choices(w, raw, "parities", PARITIES, PARITIES, str)
    if "baud" in defaults and defaults["baud"] not in bauds:
        raise w.error("defaults.baud", f"one of the profile's bauds {list(bauds)}",
                      defaults["baud"], w.line_of("baud"))
    if "parity" in defaults and defaults["parity"] not in parities:
        raise w.error("defaults.parity", f"one of the profile's parities {list(parities)}",
                      defaults["parity"], w.line_of("parity"))
    max_gap = raw.get("max_gap", 8)
    if isinstance(max_gap, bool) or not isinstance(max_gap, int) or not 0 <= max_gap <= 124:
        raise w.error("max_gap", "an integer 0..124", max_gap, w.line_of("max_gap"))
    line_spec = None
    if protocol == "line":
        ls = raw.get("line")
        if not isinstance(ls, dict) or "pattern" not in ls:
            raise w.error("line.pattern", "a [line] table with a regular expression 'pattern'")
        _known_keys(w, ls, LINE_KEYS, "line")
        try:
            pattern = re.compile(str(ls["pattern"]))
        except re.error as e:
            raise w.error("line.pattern", f"a valid regular expression ({e})", ls["pattern"],
                          w.line_of("pattern")) from e
        enc = str(ls.get("encoding", "ascii"))
        try:
            "x".encode(enc)
        except LookupError as e:
            raise w.error("line.encoding", "a known text encoding", enc, w.line_of("encoding")) from e
        line_spec = LineSpec(pattern, enc, str(ls.get("request", "")))
    raw_points = raw.get("points")
    if not isinstance(raw_points, list) or not raw_points:
        raise w.error("points", "at least one [[points]] table", None, w.line_of("points"))
    points: list[ProfilePoint] = []
    seen: set[str] = set()
    for i, rp in enumerate(raw_points):
        where = f"points[{i + 1}]"
        if not isinstance(rp, dict):
            raise w.error(where, "a table")
        pname = rp.get("name")
        line = w.line_of("name", pname) if isinstance(pname, str) else None
        if not isinstance(pname, str) or not _NAME.match(pname):
            raise w.error(f"{where}.name", "a name of letters, digits, '_', '.', '-'", pname, line)
        if pname in seen:
            raise w.error(f"{where}.name", "a name not used by another point", pname, line)
        seen.add(pname)
        where = f"{where} '{pname}'"
        after = (line or 1) - 1
        _known_keys(w, rp, LINE_POINT_KEYS if protocol == "line" else MODBUS_POINT_KEYS,
                    where, after)
        rng = _pair(w, rp, "range", where, after)
        common = dict(name=pname, unit=str(rp.get("unit", "")),
                      scale=_num(w, rp, "scale", 1.0, where, w.line_of("scale", after=after)),
                      offset=_num(w, rp, "offset", 0.0, where, w.line_of("offset", after=after)),
                      range=rng, description=str(rp.get("description", "")),
                      description_ko=str(rp.get("description_ko", "")))
        if protocol == "line":
            group = str(rp.get("group", pname))
            assert line_spec is not None
            if group not in line_spec.pattern.groupindex:
                raise w.error(f"{where}.group", "a named group of line.pattern "
                              f"({', '.join(line_spec.pattern.groupindex) or 'none defined'})",
                              group, line)
            points.append(ProfilePoint(group=group, **common))
            continue
        fn = rp.get("function")
        if fn not in FUNCTIONS:
            raise w.error(f"{where}.function", f"one of {', '.join(FUNCTIONS)}", fn,
                          w.line_of("function", after=after))
        addr = rp.get("address")
        if isinstance(addr, bool) or not isinstance(addr, int) or not 0 <= addr <= 65535:
            raise w.error(f"{where}.address", "an integer register address 0..65535", addr,
                          w.line_of("address", after=after))
        typ = rp.get("type", "bool" if fn in ("coil", "discrete") else "uint16")
        if fn in ("coil", "discrete"):
            if typ != "bool":
                raise w.error(f"{where}.type", "'bool' (or nothing) for coils and discrete inputs",
                              typ, w.line_of("type", after=after))
            typ = "bool"
        elif typ not in TYPES:
            raise w.error(f"{where}.type", f"one of {', '.join(TYPES)}", typ,
                          w.line_of("type", after=after))
        word_order = rp.get("word_order", raw.get("word_order", "big"))
        byte_order = rp.get("byte_order", raw.get("byte_order", "big"))
        order = rp.get("order", raw.get("order"))
        if order is not None:
            if order not in ORDER_CODES:
                raise w.error(f"{where}.order", f"one of {', '.join(ORDER_CODES)}", order,
                              w.line_of("order", after=after))
            word_order, byte_order = ORDER_CODES[order]
        for key, val in (("word_order", word_order), ("byte_order", byte_order)):
            if val not in ORDERS:
                raise w.error(f"{where}.{key}", "'big' or 'little'", val,
                              w.line_of(key, after=after))
        if addr + (1 if typ == "bool" else TYPES[typ][0]) > 65536:
            raise w.error(f"{where}.address", "room for the whole value below 65536", addr)
        rollover = rp.get("rollover")
        if rollover is not None and (isinstance(rollover, bool) or not isinstance(rollover, int)
                                     or rollover < 2 or typ in ("bool", "float32")):
            raise w.error(f"{where}.rollover", "an integer > 1 (the count at which an integer "
                          "counter wraps to 0, e.g. 4294967296 for uint32)", rollover,
                          w.line_of("rollover", after=after))
        points.append(ProfilePoint(function=fn, address=addr, type=typ, word_order=word_order,
                                   byte_order=byte_order, faults=_faults(w, rp, where, after),
                                   span=_pair(w, rp, "span", where, after), rollover=rollover,
                                   **common))
    return Profile(name=name, protocol=protocol, points=tuple(points),
                   description=str(raw.get("description", "")), path=path, max_gap=max_gap,
                   defaults=dict(defaults), line=line_spec, bauds=bauds, parities=parities,
                   transports=transports, description_ko=str(raw.get("description_ko", "")))


def _same_unit(a: str, b: str) -> bool:
    norm = {"°c": "°c", "degc": "°c", "c": "°c", "℃": "°c", "%rh": "%rh", "rh": "%rh"}
    a, b = a.strip().lower(), b.strip().lower()
    return norm.get(a, a) == norm.get(b, b)


def points_for_role(profile: Profile, unit: str, low: float | None = None,
                    high: float | None = None) -> list[ProfilePoint]:
    """The points of `profile` that can serve a role measuring `unit` over low..high.

    A point fits when its unit is the role's and its declared range covers at least
    80 % of the role's (a module reading -40..500 °C serves a -50..300 °C oven role; a
    -40..125 °C sensor does not); a point without a range fits any. A point with a
    `span` (a 4-20 mA input) fits any role: what it measures is set per device by scaling.
    """
    out = []
    for p in profile.points:
        if p.span is not None:
            out.append(p)
            continue
        if not unit or not _same_unit(p.unit, unit):
            continue
        if p.range is not None and low is not None and high is not None and high > low:
            overlap = min(high, p.range[1]) - max(low, p.range[0])
            if overlap < 0.8 * (high - low):
                continue
        elif p.range is not None and ((low is not None and low > p.range[1])
                                      or (high is not None and high < p.range[0])):
            continue
        out.append(p)
    return out


def profiles_for_role(unit: str, low: float | None = None, high: float | None = None,
                      extra_dirs: Iterable[str | Path] = ()) -> list[tuple[Profile, list[ProfilePoint]]]:
    """Profiles with at least one point fit for the role, most fitting points first.

    A broken profile file is left out here (`deungdae profiles` says what is wrong).
    """
    out = []
    for name in list_profiles(extra_dirs):
        try:
            prof = load_profile(name, extra_dirs)
        except ConfigError:
            continue
        pts = points_for_role(prof, unit, low, high)
        if pts:
            out.append((prof, pts))
    return sorted(out, key=lambda t: (-len([p for p in t[1] if p.span is None]), t[0].name))
