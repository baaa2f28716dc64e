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

from deungdae.desktop.engine.device_roles import check_role
from deungdae.sectors.api.site import SiteContext, parse_site
from deungdae.sectors.channel_alarms import check_alarm
from deungdae.sectors.contract import ChannelSpec, Sector


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


def _line_of(text: str, key: str, after: int = 0) -> int | None:
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for i, line in enumerate(text.splitlines()[after:], start=after + 1):
        if pattern.match(line):
            return i
    return None


def _nth_table_line(text: str, header: str, n: int) -> int:
    """Line of the n-th (0-based) `[[header]]` table."""
    seen = -1
    for i, line in enumerate(text.splitlines(), start=1):
        if line.strip() == f"[[{header}]]":
            seen += 1
            if seen == n:
                return i
    return 1


class _Checker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.errors: list[str] = []

    def err(self, msg: str, key: str | None = None, after: int = 0) -> None:
        line = _line_of(self.text, key, after) if key else None
        where = f"{self.path}:{line}" if line else f"{self.path}"
        self.errors.append(f"{where}: {msg}")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ConfigError("\n".join(self.errors))


def load(path: Path, sectors: dict[str, Sector] | None = None) -> SiteConfig:
    """Read and check a site config. `sectors` (id -> Sector) checks sector tables."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            f"{path}: no site config; run `deungdae init --template NAME` "
            "(see `deungdae templates`)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the site config: {exc}") from exc
    return parse(text, path, sectors)


def parse(text: str, path: Path, sectors: dict[str, Sector] | None = None) -> SiteConfig:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = found.group(1) if found else "?"
        raise ConfigError(f"{path}:{line}: not valid TOML: {exc}") from exc
    c = _Checker(path, text)

    site = raw.get("site", {})
    if not isinstance(site, dict):
        c.err("'site' must be a table ([site])", "site")
        site = {}
    name = site.get("name", "Deungdae site")
    if not isinstance(name, str):
        c.err(f"site.name: expected text, got {name!r}", "name")
    tz = site.get("timezone", "Asia/Seoul")
    try:
        ZoneInfo(str(tz))
    except (ZoneInfoNotFoundError, ValueError):
        c.err(f"site.timezone: unknown time zone {tz!r} (expected e.g. 'Asia/Seoul')", "timezone")
    site_ctx, site_errs = parse_site(site, str(tz))  # site.latitude/longitude/shifts/holidays
    for e in site_errs:
        c.err(e, e.split(":", 1)[0].removeprefix("site.").split("[", 1)[0])
    enabled = site.get("sectors", [])
    if not isinstance(enabled, list) or not all(isinstance(s, str) for s in enabled):
        c.err("site.sectors: expected a list of sector ids, e.g. [\"haccp\"]", "sectors")
        enabled = []
    if sectors is not None:
        for sid in enabled:
            if sid not in sectors:
                c.err(f"site.sectors: unknown sector '{sid}' (installed: "
                      f"{', '.join(sorted(sectors)) or 'none'})", "sectors")

    devices = raw.get("devices", [])
    if not isinstance(devices, list):
        c.err("'devices' must be an array of tables ([[devices]])", "devices")
        devices = []
    dev_ids: set[str] = set()
    for i, d in enumerate(devices):
        at = _nth_table_line(text, "devices", i)
        if not isinstance(d, dict):
            c.err(f"devices[{i + 1}]: expected a table")
            continue
        did = d.get("id")
        if not isinstance(did, str) or not re.fullmatch(r"[A-Za-z0-9_\-]+", did or ""):
            c.err(f"devices[{i + 1}].id: expected a name of letters, digits, '_' or '-', "
                  f"got {did!r}", "id", at - 1)
            continue
        if did in dev_ids:
            c.err(f"devices[{i + 1}].id: '{did}' is used twice", "id", at - 1)
        dev_ids.add(did)
        if not isinstance(d.get("profile"), str):
            c.err(f"device '{did}': 'profile' is missing (e.g. \"simulator\" or a profile "
                  "from `deungdae profiles`)", None)
        interval = d.get("interval", 1.0)
        if isinstance(interval, bool) or not isinstance(interval, int | float) or interval <= 0:
            c.err(f"device '{did}'.interval: expected seconds > 0, got {interval!r}",
                  "interval", at - 1)
        if "role" in d:  # what a template device is for (desktop.engine.device_roles)
            for e in check_role(did, d["role"]):
                c.err(e, "role", at - 1)

    channels: list[ChannelConfig] = []
    raw_channels = raw.get("channels", [])
    if not isinstance(raw_channels, list):
        c.err("'channels' must be an array of tables ([[channels]])", "channels")
        raw_channels = []
    keys: set[str] = set()
    for i, ch in enumerate(raw_channels):
        at = _nth_table_line(text, "channels", i)
        if not isinstance(ch, dict):
            c.err(f"channels[{i + 1}]: expected a table")
            continue
        key = ch.get("id")
        if not isinstance(key, str) or not key:
            c.err(f"channels[{i + 1}].id: expected a channel id like 'oven.core_temp'",
                  "id", at - 1)
            continue
        if key in keys:
            c.err(f"channels[{i + 1}].id: '{key}' is used twice", "id", at - 1)
        keys.add(key)
        device = ch.get("device")
        point = ch.get("point")
        if device is None and point is None and "." in key:
            device, point = key.split(".", 1)
        if not isinstance(device, str) or not isinstance(point, str):
            c.err(f"channel '{key}': give 'device' and 'point', or an id 'device.point'",
                  "id", at - 1)
            continue
        if device not in dev_ids:
            c.err(f"channel '{key}': unknown device '{device}' (devices: "
                  f"{', '.join(sorted(dev_ids)) or 'none'})", "id", at - 1)
        alarm = ch.get("alarm", {})
        for e in check_alarm(f"channel '{key}'", alarm):
            c.err(e, None)
        channels.append(ChannelConfig(key, device, point, str(ch.get("name", key)),
                                      str(ch.get("unit", "")), alarm if isinstance(alarm, dict)
                                      else {}))

    sector_settings = raw.get("sectors", {})
    if not isinstance(sector_settings, dict):
        c.err("'sectors' must be a table of sector tables ([sectors.haccp], ...)", "sectors")
        sector_settings = {}
    if sectors is not None:
        for sid, section in sector_settings.items():
            if sid in sectors and isinstance(section, dict):
                for e in sectors[sid].check_config(section):
                    c.err(e, None)
    central = raw.get("central", {})
    if not isinstance(central, dict):
        c.err("'central' must be a table ([central])", "central")
        central = {}
    c.raise_if_any()
    return SiteConfig(path, str(name), str(tz), list(enabled), devices, channels,
                      sector_settings, central, raw, site_ctx)


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
