"""Add, replace and remove devices, and map their points to channels — without Qt.

The window's device pages and `deungdae devices` both come here. A change is checked
against the device's profile (port form, unit id, the bauds and parities it allows, its
point names), written into `site.toml` as a targeted text edit (comments and layout
stay; the result is parsed back and must differ only where intended), then handed to
`Engine.apply_devices`, which records it in the audit trail (old -> new, who, why) and
swaps the bus threads live.

Channels are what history hangs on: replacing a device keeps its channels (same ids,
same readings) and only points them at the new device's points; a `device.replaced`
event marks the moment on charts and in reports. Removing a device removes its
`[[channels]]` tables from the config but never their recorded history, and records
`device.removed`.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from deungdae.desktop.engine.config import ConfigError, SiteConfig
from deungdae.desktop.engine.device_roles import default_mapping, role_of
from deungdae.hardware.ports import PortError, check_port
from deungdae.hardware.profiles import Profile, load_profile
from deungdae.hardware.reading import Quality
from deungdae.hardware.source import ConfigError as HardwareConfigError
from deungdae.hardware.transport import list_serial_ports

SIMULATOR = "simulator"
# the keys a device change writes; others in the table (name, interval, role, ...) stay
WRITTEN_KEYS = ("profile", "port", "unit", "baud", "parity", "scaling")
_HEADER = re.compile(r"^\s*\[")
_ID = re.compile(r'^\s*id\s*=\s*"([^"]*)"\s*(#.*)?$')


class DeviceChangeError(ValueError):
    """A device change that cannot be made as given; the message says what to check."""


@dataclass(slots=True)
class DeviceSetting:
    """What a user chose for one device: profile, port, address, serial settings."""

    device: str
    profile: str
    port: str = ""
    unit: int | None = None
    baud: int | None = None
    parity: str | None = None
    name: str | None = None
    # channel id -> the device's point it reads (None: the role's default mapping)
    mapping: dict[str, str] | None = None
    # point -> {low, high, unit}: what 4 mA and 20 mA mean (`hardware.scaling`); empty or
    # None: no scaling (the table's `scaling` key is removed)
    scaling: dict[str, dict] | None = None

    def table(self) -> dict:
        """The written keys as they go into the `[[devices]]` table (None: removed)."""
        if self.profile == SIMULATOR:
            return dict.fromkeys(WRITTEN_KEYS[1:], None) | {"profile": SIMULATOR}
        return {"profile": self.profile, "port": self.port.strip(), "unit": self.unit,
                "baud": self.baud, "parity": self.parity,
                "scaling": {k: dict(v) for k, v in self.scaling.items()} or None
                if self.scaling else None}


@dataclass(slots=True)
class DeviceChange:
    """A checked change: the new config text and what the audit trail says about it."""

    kind: str  # "added", "replaced", "removed", "mapped"
    device: str
    text: str
    old: dict | None
    new: dict | None


# ---------------------------------------------------------------------- checks
def check_setting(s: DeviceSetting, profile_dirs: Iterable[str | Path] = (),
                  lister: Callable = list_serial_ports) -> Profile | None:
    """The profile of a valid setting (None for the simulator), or DeviceChangeError."""
    if not re.fullmatch(r"[A-Za-z0-9_\-]+", s.device or ""):
        raise DeviceChangeError(f"device id {s.device!r}: use letters, digits, '_' or '-'")
    if s.profile == SIMULATOR:
        return None
    try:
        prof = load_profile(s.profile, profile_dirs)
    except HardwareConfigError as e:
        raise DeviceChangeError(str(e)) from None
    typed = (s.port or "").strip()
    if "//" in typed and "://" not in typed:
        raise DeviceChangeError(f"device '{s.device}': '{typed}' looks like a URL without "
                                "'://'; write e.g. socket://10.0.0.5:4001")
    try:
        ep = check_port(s.port, lister, must_exist=True)
    except PortError as e:
        raise DeviceChangeError(f"device '{s.device}': {e}") from None
    if prof.protocol == "modbus":
        if ep.kind == "tcp" and "tcp" not in prof.transports:
            raise DeviceChangeError(f"device '{s.device}': '{prof.name}' is a Modbus RTU device; "
                                    f"{s.port} is Modbus TCP (use the serial port, or "
                                    "socket://HOST:PORT for a serial device server)")
        if ep.kind != "tcp" and "rtu" not in prof.transports:
            raise DeviceChangeError(f"device '{s.device}': '{prof.name}' speaks Modbus TCP only; "
                                    "give its address as tcp://HOST:502")
        if s.unit is None or isinstance(s.unit, bool) or not 1 <= s.unit <= 247:
            raise DeviceChangeError(f"device '{s.device}': unit id (address) must be 1..247, "
                                    f"got {s.unit!r}")
    elif ep.kind == "tcp":
        raise DeviceChangeError(f"device '{s.device}': a line device needs a serial port, "
                                f"not {s.port}")
    if s.baud is not None and s.baud not in prof.bauds:
        allowed = ", ".join(map(str, prof.bauds)) or "none (Modbus TCP)"
        raise DeviceChangeError(f"device '{s.device}': '{prof.name}' cannot run at {s.baud} "
                                f"baud (it allows {allowed})")
    if s.parity is not None and s.parity not in prof.parities:
        allowed = ", ".join(prof.parities) or "none (Modbus TCP)"
        raise DeviceChangeError(f"device '{s.device}': '{prof.name}' cannot use parity "
                                f"{s.parity} (it allows {allowed})")
    if s.scaling:
        from deungdae.hardware.scaling import device_scaling

        try:
            device_scaling(s.device, prof, s.scaling)
        except HardwareConfigError as e:
            raise DeviceChangeError(str(e)) from None
    return prof


def _check_bus(cfg: SiteConfig, s: DeviceSetting, prof: Profile,
               profile_dirs: Iterable[str | Path]) -> None:
    """Another device on the same line at the same address, or at another speed: refused
    before anything is tested or saved (the bus would read one device for the other)."""
    from deungdae.hardware.ports import parse_port

    port = s.port.strip()
    try:
        tcp = parse_port(port).kind == "tcp"
    except (HardwareConfigError, ValueError):
        return  # check_setting has said what is wrong with the port
    for d in cfg.devices:
        if d.get("id") == s.device or d.get("profile") == SIMULATOR or \
                str(d.get("port", "")).strip() != port:
            continue
        try:
            other = load_profile(str(d["profile"]), profile_dirs)
        except HardwareConfigError:
            other = None
        if prof.protocol == "line" or (other is not None and other.protocol == "line"):
            raise DeviceChangeError(f"device '{s.device}': port {port} is already used by "
                                    f"device '{d['id']}'; a line device needs its own port")
        if not tcp and d.get("unit") == s.unit:
            raise DeviceChangeError(
                f"device '{s.device}': unit {s.unit} on {port} is also device '{d['id']}'; "
                "give each device on one line its own address (set on the device)")
        if tcp or other is None:
            continue
        baud = d.get("baud") or other.defaults.get("baud", 9600)
        parity = d.get("parity") or other.defaults.get("parity", "N")
        mine = (s.baud or prof.defaults.get("baud", 9600),
                s.parity or prof.defaults.get("parity", "N"))
        if mine != (baud, parity):
            raise DeviceChangeError(
                f"device '{s.device}': port {port} runs at {baud} baud, parity {parity} for "
                f"device '{d['id']}'; every device on one line uses the same speed and "
                "parity")


def _mapping(cfg: SiteConfig, s: DeviceSetting, prof: Profile | None,
             device: dict | None) -> dict[str, str]:
    """Channel id -> point for the device after the change (checked against the profile)."""
    own = [c for c in cfg.channels if c.device == s.device]
    if s.mapping is not None:
        out = dict(s.mapping)
    elif prof is None:  # back to the simulator: its points are the role's point names
        out = {c.key: _role_point(cfg, c.key, device) or c.point for c in own}
    else:
        role = role_of(device) if device else None
        rmap = default_mapping(role, prof) if role else None
        out = {}
        for c in own:
            rp = _role_point(cfg, c.key, device)
            if rmap and rp in rmap:
                out[c.key] = rmap[rp]
            elif any(p.name == c.point for p in prof.points):
                out[c.key] = c.point
            else:
                raise DeviceChangeError(
                    f"channel '{c.key}': say which point of '{prof.name}' it reads "
                    f"(points: {', '.join(p.name for p in prof.points)})")
    names = ({p.name for p in prof.points} if prof else
             set((device or {}).get("points", {})))
    for key, point in out.items():
        if point not in names:
            what = f"'{prof.name}'" if prof else "the simulator"
            raise DeviceChangeError(f"channel '{key}': {what} has no point '{point}' "
                                    f"(points: {', '.join(sorted(names)) or 'none'})")
    if len(set(out.values())) != len(out):
        raise DeviceChangeError(f"device '{s.device}': two channels read the same point")
    return out


def _role_point(cfg: SiteConfig, channel: str, device: dict | None) -> str | None:
    """The role point a channel stands for: its point in the template (the id's tail)."""
    if device is None:
        return None
    role = role_of(device)
    names = {p.name for p in role.points} if role else set()
    tail = channel.split(".", 1)[1] if channel.startswith(f"{device['id']}.") else None
    cc = next((c for c in cfg.channels if c.key == channel), None)
    for cand in (tail, cc.point if cc else None):
        if cand in names:
            return cand
    return None


# ---------------------------------------------------------------------- planning
def plan_set(cfg: SiteConfig, s: DeviceSetting, profile_dirs: Iterable[str | Path] = (),
             lister: Callable = list_serial_ports, text: str | None = None) -> DeviceChange:
    """Add a device or replace what an existing one is (its channels are kept).

    `text` is the config's text when it is not yet a file (the first-run wizard)."""
    prof = check_setting(s, profile_dirs, lister)
    if prof is not None:
        s.baud = s.baud if s.baud is not None or not prof.bauds else \
            prof.defaults.get("baud", s.baud)
        s.parity = s.parity if s.parity is not None or not prof.parities else \
            prof.defaults.get("parity", s.parity)
        _check_bus(cfg, s, prof, profile_dirs)
    device = next((d for d in cfg.devices if d.get("id") == s.device), None)
    mapping = _mapping(cfg, s, prof, device)
    text = cfg.path.read_text(encoding="utf-8") if text is None else text
    known = {c.key for c in cfg.channels}
    if device is None:
        text = _append_device(text, s)
        old = None
    else:
        old = {k: device.get(k) for k in WRITTEN_KEYS if device.get(k) is not None}
        text = _set_keys(text, "devices", s.device, s.table()
                         | ({"name": s.name} if s.name else {}))
    for key, point in mapping.items():
        if key in known:
            text = _set_keys(text, "channels", key, {"device": s.device, "point": point})
        else:  # named after the device, so a tile says what it is ("Proofer t1")
            text = _append_channel(text, key, s.device, point,
                                   f"{s.name or (device or {}).get('name') or s.device} {point}")
    new = {k: v for k, v in s.table().items() if v is not None}
    if old == new and all(next(c for c in cfg.channels if c.key == k).point == p
                          for k, p in mapping.items() if k in known):
        raise DeviceChangeError(f"device '{s.device}' is already set like this")
    kind = "added" if device is None else "replaced"
    if old is not None and {k: v for k, v in old.items() if k != "scaling"} == \
            {k: v for k, v in new.items() if k != "scaling"} and all(
                next(c for c in cfg.channels if c.key == k).point == p
                for k, p in mapping.items() if k in known):
        kind = "scaled"  # the same device and inputs; what their mA mean changed
    _check_result(cfg, text, s.device, None if kind == "added" else device, s, mapping)
    new["channels"] = mapping
    if old is not None:
        old["channels"] = {c.key: c.point for c in cfg.channels if c.device == s.device}
    return DeviceChange(kind, s.device, text, old, new)


def plan_add(cfg: SiteConfig, s: DeviceSetting, profile_dirs: Iterable[str | Path] = (),
             lister: Callable = list_serial_ports) -> DeviceChange:
    """Add a new real device and a channel per chosen point (`Add device` in the window).

    Unlike `plan_set`, it never touches what exists: an id already taken by a device, or
    a channel id already in the config, is refused (replacing is `plan_set`'s job). With
    no mapping given, every point of the profile becomes a channel `DEVICE.POINT`.
    """
    if not (s.device or "").strip():
        raise DeviceChangeError("give the new device an id (letters, digits, '_' or '-'), "
                                "e.g. proofer")
    if s.profile == SIMULATOR:
        raise DeviceChangeError(f"device '{s.device}': an added device needs a real profile "
                                "(a simulator has no points to record)")
    if any(d.get("id") == s.device for d in cfg.devices):
        raise DeviceChangeError(f"device id '{s.device}' is already used; choose another id "
                                "(or change that device instead)")
    prof = check_setting(s, profile_dirs, lister)
    assert prof is not None
    if s.mapping is None:
        s.mapping = {f"{s.device}.{p.name}": p.name for p in prof.points}
    if not s.mapping:
        raise DeviceChangeError(f"device '{s.device}': choose at least one point to record")
    taken = sorted(k for k in s.mapping if any(c.key == k for c in cfg.channels))
    if taken:
        raise DeviceChangeError(f"channel id {', '.join(taken)} is already used by another "
                                "device; choose another device id")
    change = plan_set(cfg, s, profile_dirs, lister)
    assert change.kind == "added"
    return change


def plan_map(cfg: SiteConfig, device: str, mapping: dict[str, str],
             profile_dirs: Iterable[str | Path] = ()) -> DeviceChange:
    """Point channels at other points of the same device (`devices map`)."""
    d = next((d for d in cfg.devices if d.get("id") == device), None)
    if d is None:
        raise DeviceChangeError(f"no device '{device}' (devices: "
                                f"{', '.join(x['id'] for x in cfg.devices) or 'none'})")
    s = DeviceSetting(device, d["profile"], str(d.get("port", "")), d.get("unit"),
                      d.get("baud"), d.get("parity"),
                      mapping={c.key: c.point for c in cfg.channels if c.device == device}
                      | mapping)
    prof = None if s.profile == SIMULATOR else load_profile(s.profile, profile_dirs)
    full = _mapping(cfg, s, prof, d)
    text = cfg.path.read_text(encoding="utf-8")
    known = {c.key for c in cfg.channels}
    for key, point in mapping.items():
        text = (_set_keys(text, "channels", key, {"device": device, "point": point})
                if key in known else _append_channel(text, key, device, point))
    _check_result(cfg, text, device, d, None, full)
    old = {c.key: c.point for c in cfg.channels if c.key in mapping}
    return DeviceChange("mapped", device, text, {"channels": old}, {"channels": mapping})


def plan_remove(cfg: SiteConfig, device: str) -> DeviceChange:
    """Take a device and its channels out of the config (their history stays)."""
    d = next((d for d in cfg.devices if d.get("id") == device), None)
    if d is None:
        raise DeviceChangeError(f"no device '{device}' (devices: "
                                f"{', '.join(x['id'] for x in cfg.devices) or 'none'})")
    keys = [c.key for c in cfg.channels if c.device == device]
    users = [k for k in keys if _mentions(cfg.sector_settings, k)]
    if users:
        raise DeviceChangeError(
            f"device '{device}' feeds {', '.join(users)}, which the sector settings use "
            "(a CCP, band or meter); assign another device to it instead of removing it")
    text = cfg.path.read_text(encoding="utf-8")
    for k in keys:
        text = _drop_block(text, "channels", k)
    text = _drop_block(text, "devices", device)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{cfg.path}: removing '{device}' would break the file ({e}); "
                          "edit it by hand") from e
    before = dict(cfg.raw)
    want = {**before, "devices": [x for x in cfg.devices if x.get("id") != device],
            "channels": [c for c in before.get("channels", []) if c.get("id") not in keys]}
    if not keys:
        want["channels"] = before.get("channels", [])
    if {k: v for k, v in raw.items() if v} != {k: v for k, v in want.items() if v}:
        raise ConfigError(f"{cfg.path}: could not remove '{device}' safely; edit it by hand")
    old = {k: d.get(k) for k in WRITTEN_KEYS if d.get(k) is not None} | {
        "channels": {c.key: c.point for c in cfg.channels if c.device == device}}
    return DeviceChange("removed", device, text, old, None)


def _mentions(obj, key: str) -> bool:
    if isinstance(obj, dict):
        return any(_mentions(v, key) for v in obj.values())
    if isinstance(obj, list):
        return any(_mentions(v, key) for v in obj)
    return obj == key


# ---------------------------------------------------------------------- text edits
def _toml(v) -> str:
    if isinstance(v, dict):  # an inline table (scaling)
        return "{ " + ", ".join(f"{_key(k)} = {_toml(x)}" for k, x in v.items()) + " }"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    return json.dumps(str(v), ensure_ascii=False)


def _key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k, ensure_ascii=False)


def _blocks(lines: list[str], header: str) -> list[tuple[int, int, int, str | None]]:
    """(start, end of own keys, end of block incl. subtables, id) of each `[[header]]`."""
    out = []
    starts = [i for i, ln in enumerate(lines) if re.match(rf"^\s*\[\[\s*{header}\s*\]\]", ln)]
    for s in starts:
        end = next((j for j in range(s + 1, len(lines)) if _HEADER.match(lines[j])
                    and not re.match(rf"^\s*\[\s*{header}\.", lines[j])), len(lines))
        own = next((j for j in range(s + 1, end) if _HEADER.match(lines[j])), end)
        ident = next((m.group(1) for j in range(s + 1, own) if (m := _ID.match(lines[j]))), None)
        out.append((s, own, end, ident))
    return out


def _find(lines: list[str], header: str, ident: str) -> tuple[int, int, int]:
    for s, own, end, i in _blocks(lines, header):
        if i == ident:
            return s, own, end
    raise ConfigError(f"'{ident}' is not in the site config as a [[{header}]] table with "
                      "id = \"...\"; change it by hand")


def _set_keys(text: str, header: str, ident: str, values: dict) -> str:
    """Set (or, for None, delete) keys of the `[[header]]` table with this id in place."""
    lines = text.splitlines()
    s, own, end = _find(lines, header, ident)
    for key in values:  # a `[header.key]` subtable is rewritten as the inline key
        at = next((j for j in range(own, end)
                   if re.match(rf"^\s*\[\s*{header}\.{re.escape(key)}\s*\]", lines[j])), None)
        if at is not None:
            stop = next((j for j in range(at + 1, end) if _HEADER.match(lines[j])), end)
            del lines[at:stop]
            s, own, end = _find(lines, header, ident)
    body = lines[s + 1:own]
    last = max((j for j, ln in enumerate(body) if re.match(r"^\s*[A-Za-z_\"]", ln)), default=0)
    for key, v in values.items():
        at = next((j for j, ln in enumerate(body) if re.match(rf"^\s*{key}\s*=", ln)), None)
        if at is not None:
            if v is None:
                del body[at]
                last -= at <= last
            else:
                comment = re.search(r"\s+#.*$", body[at])
                body[at] = f"{key} = {_toml(v)}" + (comment.group(0) if comment and
                                                    '"' not in comment.group(0) else "")
        elif v is not None:
            last += 1
            body.insert(last, f"{key} = {_toml(v)}")
    lines[s + 1:own] = body
    return "\n".join(lines) + "\n"


def _append_device(text: str, s: DeviceSetting) -> str:
    lines = text.splitlines()
    blocks = _blocks(lines, "devices")
    at = blocks[-1][2] if blocks else len(lines)
    while at > 0 and not lines[at - 1].strip():
        at -= 1
    new = ["", "[[devices]]", f"id = {_toml(s.device)}"]
    if s.name:
        new.append(f"name = {_toml(s.name)}")
    new += [f"{k} = {_toml(v)}" for k, v in s.table().items() if v is not None]
    lines[at:at] = new
    return "\n".join(lines) + "\n"


def _append_channel(text: str, key: str, device: str, point: str,
                    name: str | None = None) -> str:
    lines = text.splitlines()
    blocks = _blocks(lines, "channels") or _blocks(lines, "devices")
    at = blocks[-1][2] if blocks else len(lines)
    while at > 0 and not lines[at - 1].strip():
        at -= 1
    lines[at:at] = ["", "[[channels]]", f"id = {_toml(key)}",
                    *([f"name = {_toml(name)}"] if name else []),
                    f"device = {_toml(device)}", f"point = {_toml(point)}"]
    return "\n".join(lines) + "\n"


def _drop_block(text: str, header: str, ident: str) -> str:
    lines = text.splitlines()
    s, _own, end = _find(lines, header, ident)
    # a comment right above the table belongs to it
    while s > 0 and lines[s - 1].lstrip().startswith("#"):
        s -= 1
    del lines[s:end]
    return "\n".join(lines) + "\n"


def _check_result(cfg: SiteConfig, text: str, device: str, old: dict | None,
                  s: DeviceSetting | None, mapping: dict[str, str]) -> None:
    """The edited text parses and differs from the old config only where intended."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{cfg.path}: the edited config does not parse ({e}); edit it "
                          "by hand") from e
    got = next((d for d in raw.get("devices", []) if d.get("id") == device), None)
    want = dict(old or {"id": device}) | ({"name": s.name} if s and s.name else {})
    if s is not None:
        for k, v in s.table().items():
            want.pop(k, None)
            if v is not None:
                want[k] = v
    chans = {c.get("id"): c for c in raw.get("channels", [])}
    ok = got == want and all(
        chans.get(k, {}).get("point") == p and chans[k].get("device") == device
        for k, p in mapping.items())
    others = [d for d in raw.get("devices", []) if d.get("id") != device]
    ok = ok and others == [d for d in cfg.devices if d.get("id") != device]
    strip = lambda r: {k: v for k, v in r.items() if k not in ("devices", "channels")}  # noqa: E731
    ok = ok and strip(raw) == strip(cfg.raw)
    if not ok:
        raise ConfigError(f"{cfg.path}: could not change device '{device}' safely; edit it "
                          "by hand")


# ---------------------------------------------------------------------- test read
@dataclass(frozen=True, slots=True)
class PointRead:
    point: str
    value: float | None
    unit: str
    quality: int

    @property
    def words(self) -> str:
        return quality_words(self.quality)


QUALITY_WORDS = {
    Quality.TIMEOUT: "no answer", Quality.DISCONNECTED: "port not open",
    Quality.OUT_OF_RANGE: "out of range", Quality.SENSOR_FAULT: "sensor fault",
    Quality.CRC_ERROR: "garbled answer (CRC)", Quality.GARBAGE: "garbled answer",
    Quality.DEVICE_EXCEPTION: "device refused the read", Quality.MANUAL: "entered by hand",
    Quality.SIMULATED: "simulated",
}


def quality_words(q: int) -> str:
    """`good`, or what is wrong in a technician's words (`no answer`, `out of range`)."""
    if not q:
        return "good"
    words = [w for f, w in QUALITY_WORDS.items() if q & f]
    rest = [(f.name or "?").lower().replace("_", " ") for f in Quality
            if f and q & f and f not in QUALITY_WORDS]
    return ", ".join(words + rest)


def read_now(s: DeviceSetting, profile_dirs: Iterable[str | Path] = (),
              lister: Callable = list_serial_ports, timeout: float = 1.0) -> list[PointRead]:
    """Read the device once as set (blocks up to a few timeouts: call off the GUI thread).

    Raises DeviceChangeError with what to check when the port cannot be opened or the
    device does not answer; a device that answers gives each point's value and quality.
    """
    from deungdae.hardware.probe import ProbeError, probe

    prof = check_setting(s, profile_dirs, lister)
    if prof is None:
        raise DeviceChangeError("the simulator needs no test")
    try:
        readings = probe(s.port.strip(), s.profile, unit=s.unit or 1,
                         baud=s.baud or prof.defaults.get("baud", 9600), timeout=timeout,
                         parity=s.parity or prof.defaults.get("parity", "N"),
                         profile_dirs=profile_dirs, lister=lister)
    except ProbeError as e:
        raise DeviceChangeError(str(e)) from None
    except HardwareConfigError as e:
        raise DeviceChangeError(str(e)) from None
    units = {p.name: p.unit for p in prof.points}
    return [PointRead(r.channel.split(".", 1)[1], r.value, units.get(r.channel.split(".", 1)[1],
                      ""), int(r.quality)) for r in readings]
