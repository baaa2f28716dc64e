"""Device profiles: TOML files that say how to read a kind of device.

A profile names its protocol and its points. Modbus points give a function (`coil`,
`discrete`, `input`, `holding`), an address, a type with word and byte order, scale,
offset, unit and plausible range. Line points name a group of the profile's regular
expression. Shipped profiles are package data (`resources/devices/`, found through
importlib.resources, so a wheel or a bundle finds them too); a site adds its own in extra
directories (the data dir's `devices/`), and an extra directory wins over the shipped one
for the same name.

Bad profiles raise `ConfigError` naming the file, the line or key, and what is expected.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hardware.decode import ORDER_CODES, ORDERS, TYPES
from hardware.planner import FUNCTIONS
from hardware.source import ConfigError
from resources import folder as shipped_folder

BUILTIN_DIR = shipped_folder("devices")
PROTOCOLS = ("modbus", "line")
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


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
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise w.error(f"{where}.{key}", "a number", v, line)
    return float(v)


def parse_profile(raw: dict, name: str, path: Path | None = None, text: str = "") -> Profile:
    w = _Where(path, text)
    protocol = raw.get("protocol")
    if protocol not in PROTOCOLS:
        raise w.error("protocol", f"one of {', '.join(PROTOCOLS)}", protocol, w.line_of("protocol"))
    defaults = raw.get("defaults", {})
    if not isinstance(defaults, dict):
        raise w.error("defaults", "a table", defaults, w.line_of("defaults"))
    max_gap = raw.get("max_gap", 8)
    if isinstance(max_gap, bool) or not isinstance(max_gap, int) or not 0 <= max_gap <= 124:
        raise w.error("max_gap", "an integer 0..124", max_gap, w.line_of("max_gap"))
    line_spec = None
    if protocol == "line":
        ls = raw.get("line")
        if not isinstance(ls, dict) or "pattern" not in ls:
            raise w.error("line.pattern", "a [line] table with a regular expression 'pattern'")
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
        rng = rp.get("range")
        if rng is not None:
            if (not isinstance(rng, list) or len(rng) != 2
                    or any(isinstance(x, bool) or not isinstance(x, int | float) for x in rng)
                    or rng[0] > rng[1]):
                raise w.error(f"{where}.range", "[low, high] with low <= high", rng,
                              w.line_of("range", after=after))
            rng = (float(rng[0]), float(rng[1]))
        common = dict(name=pname, unit=str(rp.get("unit", "")),
                      scale=_num(w, rp, "scale", 1.0, where, w.line_of("scale", after=after)),
                      offset=_num(w, rp, "offset", 0.0, where, w.line_of("offset", after=after)),
                      range=rng, description=str(rp.get("description", "")))
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
        points.append(ProfilePoint(function=fn, address=addr, type=typ, word_order=word_order,
                                   byte_order=byte_order, **common))
    return Profile(name=name, protocol=protocol, points=tuple(points),
                   description=str(raw.get("description", "")), path=path, max_gap=max_gap,
                   defaults=dict(defaults), line=line_spec)
