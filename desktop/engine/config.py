"""The site config: one TOML file in the data dir, written by `deungdae init` or the wizard.

Every problem is reported with the file, the line and the key, and what was expected, so
a plant manager editing the file by hand can fix it without help.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from deungdae.desktop.engine import config_schema as schema
from deungdae.desktop.engine.config_lines import (
    MAX_DEPTH,
    KeyLines,
    dotted_depth_problem,
    nesting_problem,
)
from deungdae.desktop.engine.device_roles import check_role
from deungdae.sectors.api.site import SiteContext, parse_site
from deungdae.sectors.channel_alarms import check_alarm
from deungdae.sectors.contract import ChannelSpec, Sector

# The site.toml table that holds the sectors' settings (a config key, not a module: kept
# out of f-strings so tools/namespace.py never takes it for an import path).
SECTIONS = "sectors"


class ConfigError(ValueError):
    """The site config is wrong; the message names the file, line and key."""


@dataclass(slots=True)
class ChannelConfig:
    key: str
    device: str
    point: str
    name: str
    unit: str = ""
    alarm: dict = field(default_factory=dict)

    @property
    def source_key(self) -> str:
        return f"{self.device}.{self.point}"

    def spec(self) -> ChannelSpec:
        return ChannelSpec(self.key, self.name, self.unit, self.alarm)


@dataclass(slots=True)
class SiteConfig:
    path: Path
    name: str
    timezone: str
    sectors: list[str]
    devices: list[dict]
    channels: list[ChannelConfig]
    sector_settings: dict[str, dict]
    central: dict
    raw: dict
    site: SiteContext = field(default_factory=SiteContext)  # [site] location, shifts, holidays

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def all_simulated(self) -> bool:
        return all(d.get("profile") == "simulator" for d in self.devices)


class _Checker:
    """Collects problems as `file:line: message`, the line found from the key path."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = KeyLines(text)
        self.errors: list[str] = []

    def err(self, msg: str, at: tuple = ()) -> None:
        line = self.lines.line_of(at) if at else None
        where = f"{self.path}:{line}" if line else f"{self.path}"
        if f"{where}: {msg}" not in self.errors:
            self.errors.append(f"{where}: {msg}")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ConfigError("\n".join(self.errors))


def load(path: Path, sectors: dict[str, Sector] | None = None) -> SiteConfig:
    """Read and check a site config. `sectors` (id -> Sector) checks sector tables."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad may write a BOM
    except FileNotFoundError as exc:
        raise ConfigError(
            f"{path}: no site config; run `deungdae init --template NAME` "
            "(see `deungdae templates`)") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{path}: is a folder, not a site config file") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not a text file in UTF-8 (byte {exc.start}); a site "
                          "config is TOML text") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the site config: "
                          f"{exc.strerror or exc}") from exc
    return parse(text, path, sectors)


def _toml(text: str, path: Path) -> dict:
    """The parsed TOML, or one ConfigError with the line (never a RecursionError)."""
    deep = nesting_problem(text)
    if deep is not None:
        raise ConfigError(f"{path}:{deep[0]}: {deep[1]}")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = found.group(1) if found else "?"
        raise ConfigError(f"{path}:{line}: not valid TOML: {exc}") from exc
    except RecursionError as exc:  # nesting the scan did not see; still one line
        raise ConfigError(f"{path}: nested too deep to read") from exc
    too_deep = dotted_depth_problem(raw)
    if too_deep is not None:
        line = KeyLines(text).line_of(tuple(too_deep[:MAX_DEPTH + 1]))
        raise ConfigError(f"{path}:{line or '?'}: tables nest deeper than {MAX_DEPTH} levels "
                          f"({'.'.join(too_deep[:3])}...); a site config never needs that")
    return raw


def parse(text: str, path: Path, sectors: dict[str, Sector] | None = None) -> SiteConfig:
    raw = _toml(text, path)
    c = _Checker(path, text)
    problems = schema.walk(raw)  # unknown keys, types, finite numbers and ranges
    seen = {at for at, _ in problems}
    problems += [p for p in schema.non_finite(raw) if p[0] not in seen]
    for at, msg in problems:
        c.err(_named(raw, at, msg), at)
    if "central" in raw:
        c.err("[central] is not read from the site config; register with `deungdae "
              "register URL CODE` (kept in sync.db)", ("central",))

    site = raw.get("site", {})
    if not isinstance(site, dict):
        site = {}
    name = site.get("name", "Deungdae site")
    tz = site.get("timezone", "Asia/Seoul")
    try:
        ZoneInfo(str(tz))
    except (ZoneInfoNotFoundError, ValueError):
        c.err(f"site.timezone: unknown time zone {tz!r} (expected e.g. 'Asia/Seoul')",
              ("site", "timezone"))
    site_ctx, site_errs = parse_site(site, str(tz))  # site.latitude/longitude/shifts/holidays
    for e in site_errs:
        c.err(e, _site_path(e))
    enabled = site.get("sectors", [])
    if not isinstance(enabled, list) or not all(isinstance(s, str) for s in enabled):
        enabled = []
    if sectors is not None:
        for sid in enabled:
            if sid not in sectors:
                c.err(f"site.sectors: unknown sector '{sid}' (installed: "
                      f"{', '.join(sorted(sectors)) or 'none'})", ("site", "sectors"))

    devices = raw.get("devices", [])
    if not isinstance(devices, list):
        devices = []
    dev_ids = _check_devices(c, devices)

    channels: list[ChannelConfig] = []
    raw_channels = raw.get("channels", [])
    if not isinstance(raw_channels, list):
        raw_channels = []
    keys: set[str] = set()
    for i, ch in enumerate(raw_channels):
        if not isinstance(ch, dict):
            continue
        key = ch.get("id")
        if not isinstance(key, str) or not key:
            c.err(f"channels[{i + 1}].id: expected a channel id like 'oven.core_temp'",
                  ("channels", i, "id"))
            continue
        if key in keys:
            c.err(f"channels[{i + 1}].id: '{key}' is used twice", ("channels", i, "id"))
        keys.add(key)
        device = ch.get("device")
        point = ch.get("point")
        if device is None and point is None and "." in key:
            device, point = key.split(".", 1)
        if not isinstance(device, str) or not isinstance(point, str):
            c.err(f"channel '{key}': give 'device' and 'point', or an id 'device.point'",
                  ("channels", i, "id"))
            continue
        if device not in dev_ids:
            c.err(f"channel '{key}': unknown device '{device}' (devices: "
                  f"{', '.join(sorted(dev_ids)) or 'none'})", ("channels", i, "id"))
        alarm = ch.get("alarm", {})
        for e in check_alarm(f"channel '{key}'", alarm):
            c.err(e, _alarm_path(i, e))
        channels.append(ChannelConfig(key, device, point, str(ch.get("name", key)),
                                      str(ch.get("unit", "")), alarm if isinstance(alarm, dict)
                                      else {}))
    if not devices and not raw_channels and not c.errors:
        c.err("the site has no [[devices]] and no [[channels]]: it would record nothing "
              "(start from a template: `deungdae init --template NAME`)")

    sector_settings = raw.get("sectors", {})
    if not isinstance(sector_settings, dict):
        sector_settings = {}
    for sid, section in sector_settings.items():
        if sectors is not None and sid not in sectors:
            c.err(f"[sectors.{sid}]: sector '{sid}' is not installed (installed: "
                  f"{', '.join(sorted(sectors)) or 'none'})", ("sectors", sid))
        elif sid not in enabled:
            c.err(f"[sectors.{sid}]: sector '{sid}' is not enabled; add it to site.sectors "
                  f"(now {enabled!r}) or remove the table", ("sectors", sid))
        elif not isinstance(section, dict):
            c.err(f"{SECTIONS}.{sid}: expected a table ([{SECTIONS}.{sid}])", ("sectors", sid))
        elif sectors is not None:
            for e in sectors[sid].check_config(section):
                c.err(e, _sector_path(sid, e))
    c.raise_if_any()
    return SiteConfig(path, str(name), str(tz), list(enabled), devices, channels,
                      sector_settings, {}, raw, site_ctx)


def _check_devices(c: _Checker, devices: list) -> set[str]:
    """Device ids, with what the schema cannot say: ids unique and well-formed, a profile."""
    dev_ids: set[str] = set()
    for i, d in enumerate(devices):
        if not isinstance(d, dict):
            continue
        did = d.get("id")
        if not isinstance(did, str) or not re.fullmatch(r"[A-Za-z0-9_\-]+", did or ""):
            c.err(f"devices[{i + 1}].id: expected a name of letters, digits, '_' or '-', "
                  f"got {did!r}", ("devices", i, "id"))
            continue
        if did in dev_ids:
            c.err(f"devices[{i + 1}].id: '{did}' is used twice", ("devices", i, "id"))
        dev_ids.add(did)
        if not isinstance(d.get("profile"), str):
            c.err(f"device '{did}': 'profile' is missing (e.g. \"simulator\" or a profile "
                  "from `deungdae profiles`)", ("devices", i))
        if "role" in d:  # what a template device is for (desktop.engine.device_roles)
            for e in check_role(did, d["role"]):
                c.err(e, ("devices", i, "role"))
    return dev_ids


def _named(raw: dict, at: tuple, msg: str) -> str:
    """`devices[2].interval: ...` as `device 'oven'.interval: ...`, which a reader finds."""
    if len(at) >= 2 and at[0] in ("devices", "channels") and isinstance(at[1], int):
        items = raw.get(at[0])
        item = items[at[1]] if isinstance(items, list) and at[1] < len(items) else None
        ident = item.get("id") if isinstance(item, dict) else None
        head = schema.dotted(at[:2])
        if isinstance(ident, str) and ident and msg.startswith(head):
            return f"{at[0][:-1]} '{ident}'" + msg[len(head):]
    return msg


def _words(msg: str) -> list[str]:
    """The dotted key a message starts with, split: `site.shifts[0].start` -> parts."""
    head = msg.split(":", 1)[0]
    return [w for w in re.split(r"[.\[\]]", head) if w]


def _site_path(msg: str) -> tuple:
    parts = _words(msg)
    out: list[str | int] = []
    for w in parts:
        out.append(int(w) if w.isdigit() else w)
    return tuple(out)


def _alarm_path(i: int, msg: str) -> tuple:
    m = re.search(r"\.alarm(?:\.(\w+))?", msg)
    known = re.search(r"unknown key '(\w+)'", msg)
    key = (known.group(1) if known else None) or (m.group(1) if m else None)
    return ("channels", i, "alarm", key) if key else ("channels", i, "alarm")


def _sector_path(sid: str, msg: str) -> tuple:
    """A sector's message names its key (`ccps[1].limit: ...`): find that line."""
    out: list[str | int] = ["sectors", sid]
    for w in _words(msg.removeprefix(f"{SECTIONS}.{sid}.").removeprefix(f"{sid}.")):
        out.append(int(w) if w.isdigit() else w)
    return tuple(out)


# ---------------------------------------------------------------------- editing limits
_HEADER = re.compile(r"^\s*\[")
_ALARM_ORDER = ("low", "high", "delay", "hysteresis", "stale_after")


def _toml_number(v: float | int) -> str:
    return str(int(v)) if isinstance(v, int) and not isinstance(v, bool) else repr(float(v))


def _alarm_lines(alarm: dict) -> list[str]:
    return [f"{k} = {_toml_number(alarm[k])}" for k in _ALARM_ORDER if k in alarm]


def set_channel_alarm(text: str, key: str, alarm: dict) -> str:
    """`text` (a site config) with channel `key`'s alarm table set to `alarm`.

    A targeted edit, so comments and layout stay: the keys of its `[channels.alarm]`
    table are replaced (or an inline `alarm = { ... }` line, or a table is added). The
    result is parsed back and must differ from `text` in exactly that table; otherwise a
    ConfigError asks for a hand edit.
    """
    lines = text.splitlines()
    starts = [i for i, ln in enumerate(lines) if re.match(r"^\s*\[\[\s*channels\s*\]\]", ln)]
    block = None
    for s in starts:
        end = next((j for j in range(s + 1, len(lines)) if _HEADER.match(lines[j])
                    and not re.match(r"^\s*\[\s*channels\.", lines[j])), len(lines))
        if any(re.match(rf'^\s*id\s*=\s*"{re.escape(key)}"\s*(#.*)?$', lines[j])
               for j in range(s + 1, end)):
            block = (s, end)
            break
    if block is None:
        raise ConfigError(f"channel '{key}' is not in the site config as a [[channels]] table "
                          "with id = \"...\"; change its limits by hand")
    s, end = block
    header = next((j for j in range(s + 1, end)
                   if re.match(r"^\s*\[\s*channels\.alarm\s*\]\s*(#.*)?$", lines[j])), None)
    new = _alarm_lines(alarm)
    if header is not None:
        body_end = next((j for j in range(header + 1, end) if _HEADER.match(lines[j])), end)
        body, done, last = [], set(), 0
        for ln in lines[header + 1:body_end]:  # keep each key where it was
            m = re.match(rf"^\s*({'|'.join(_ALARM_ORDER)})\s*=", ln)
            if m is None:
                body.append(ln)
                continue
            if m.group(1) in alarm:
                body.append(f"{m.group(1)} = {_toml_number(alarm[m.group(1)])}")
                done.add(m.group(1))
                last = len(body)
        body[last:last] = [ln for k, ln in zip((k for k in _ALARM_ORDER if k in alarm), new,
                                               strict=True) if k not in done]
        lines[header + 1:body_end] = body
    else:
        inline = next((j for j in range(s + 1, end) if re.match(r"^\s*alarm\s*=", lines[j])),
                      None)
        if inline is not None:
            lines[inline] = "alarm = { " + ", ".join(new) + " }" if new else "alarm = {}"
        elif new:
            at = end
            while at > s + 1 and not lines[at - 1].strip():
                at -= 1
            lines[at:at] = ["[channels.alarm]", *new]
    out = "\n".join(lines) + "\n"
    _check_only_alarm_changed(text, out, key, alarm)
    return out


def _check_only_alarm_changed(before: str, after: str, key: str, alarm: dict) -> None:
    try:
        a, b = tomllib.loads(before), tomllib.loads(after)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the edited site config does not parse ({exc}); change the limits "
                          "by hand") from exc

    def strip(raw: dict) -> tuple[dict, dict | None]:
        got = None
        for ch in raw.get("channels", []):
            if isinstance(ch, dict) and ch.get("id") == key:
                got = ch.pop("alarm", {})
        return raw, got

    (a, _), (b, got) = strip(a), strip(b)
    if a != b or got != alarm:
        raise ConfigError(f"could not edit the limits of '{key}' in the site config safely; "
                          "change them by hand")
