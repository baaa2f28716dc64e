"""What site.toml says, audited: a hand edit between two starts leaves a sealed row.

The window records every limit and device change it makes (`config_change` "limit",
"device_setting", with who and why). An edit of site.toml in a text editor used to
leave nothing: alarm limits, CCP limits, devices and the time zone could change between
two starts without a trace. At every start `record_file_changes` compares what the file
now says with the last *sealed* audit rows and writes one row per difference, by
`file:site.toml` with a reason naming what changed; nothing changed, nothing written (so
a restart is not an audit event). Only rows whose seal holds count as the last state: an
insider who edits or inserts an audit row with sqlite3 makes the next start record the
file's state again (and `verify` reports the row).

Audited as entity `config_file`, keyed by what it is: `limit:<channel>` (the channel's
alarm table; the window's own `limit` rows count as the last state too),
`sector:<id>` (the sector's table: CCPs and their critical limits, bands, factors),
`device:<id>` (the whole `[[devices]]` table) and `site` (location, shifts, holidays,
enabled sectors). The time zone and site name are audited by `Store.set_site` (entity
`site`), which the engine calls with the same user and a reason.
"""

from __future__ import annotations

import json
from typing import Any

from deungdae.desktop.engine.config import SiteConfig

ENTITY = "config_file"
LIMIT_ENTITY = "limit"  # what Engine.set_channel_alarm records
_NOT_SITE_CONTEXT = ("name", "timezone")  # audited by Store.set_site


def file_user(cfg: SiteConfig) -> str:
    return f"file:{cfg.path.name}"


def _canon(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


def _plain(v: Any) -> Any:
    """The value as it reads back from the record (dates become text, tuples lists)."""
    return json.loads(_canon(v))


def file_state(cfg: SiteConfig) -> dict[str, Any]:
    """What the file says, by audit key."""
    raw_site = cfg.raw.get("site", {}) if isinstance(cfg.raw.get("site"), dict) else {}
    state: dict[str, Any] = {
        "site": {k: v for k, v in raw_site.items() if k not in _NOT_SITE_CONTEXT}}
    for ch in cfg.channels:
        state[f"limit:{ch.key}"] = dict(ch.alarm)
    for sid in cfg.sectors:
        state[f"sector:{sid}"] = cfg.sector_settings.get(sid, {})
    for d in cfg.devices:
        state[f"device:{d['id']}"] = d
    return {k: _plain(v) for k, v in state.items()}


def last_audited(store) -> dict[str, Any]:
    """The last sealed audit value of each key (the window's limit rows included)."""
    last: dict[str, tuple[int, Any]] = {}
    for row in store.sealed_config_changes([ENTITY, LIMIT_ENTITY]):
        key = row["key"] if row["entity"] == ENTITY else f"limit:{row['key']}"
        if key not in last or row["id"] > last[key][0]:
            last[key] = (row["id"], row["new"])
    return {k: v for k, (_, v) in last.items()}


def _leaves(v: Any, path: str = "") -> dict[str, Any]:
    if isinstance(v, dict):
        out: dict[str, Any] = {}
        for k, x in v.items():
            out.update(_leaves(x, f"{path}.{k}" if path else str(k)))
        return out or {path: {}}
    if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
        out = {}
        for i, x in enumerate(v):
            out.update(_leaves(x, f"{path}[{i + 1}]"))
        return out
    return {path: v}


def describe(old: Any, new: Any, limit: int = 6) -> str:
    """`high 8.0 → 9.5; delay 60 → (removed)` for the reason of an audit row."""
    a, b = _leaves(old if old is not None else {}), _leaves(new if new is not None else {})
    parts = []
    for k in sorted(set(a) | set(b)):
        if a.get(k, ...) != b.get(k, ...):
            was = _canon(a[k]) if k in a else "(none)"
            now = _canon(b[k]) if k in b else "(removed)"
            parts.append(f"{k or 'value'} {was} → {now}")
    more = f"; and {len(parts) - limit} more" if len(parts) > limit else ""
    return "; ".join(parts[:limit]) + more


def changes(cfg: SiteConfig, last: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    """(key, old, new, reason) for every key whose file value differs from the last audit."""
    now = file_state(cfg)
    name = cfg.path.name
    out = []
    first = not last
    for key in sorted(set(now) | set(last)):
        old, new = last.get(key), now.get(key)
        if key in last and key in now and _canon(old) == _canon(new):
            continue
        if key not in now and last.get(key) is None:
            continue  # removed, and its removal already audited
        if first:
            reason = f"configuration as found in {name} (first audited start)"
        elif old is None:  # new, or back after its removal was audited
            reason = f"{key} added in {name}"
        elif new is None:
            reason = f"{key} removed from {name}"
        else:
            reason = f"{key} changed in {name}: {describe(old, new)}"
        out.append((key, old, new, reason))
    return out


def record_file_changes(store, cfg: SiteConfig, user: str | None = None,
                        reason: str | None = None) -> list[tuple[str, Any, Any, str]]:
    """Write one sealed audit row per difference between the file and the last audit.

    `user`/`reason` default to the file (`file:site.toml`, what changed); the window
    passes its user and reason after it changed the file itself.
    """
    done = changes(cfg, last_audited(store))
    for key, old, new, why in done:
        store.record_config_change(ENTITY, key, old, new, user or file_user(cfg),
                                   why if reason is None else f"{reason} ({why})")
    return done


def site_reason(cfg: SiteConfig, old: tuple[str, str] | None) -> str:
    """The reason for the `site` row `Store.set_site` writes at start."""
    if old is None:
        return f"site registered from {cfg.path.name}"
    parts = []
    if old[0] != cfg.name:
        parts.append(f"name {old[0]!r} → {cfg.name!r}")
    if old[1] != cfg.timezone:
        parts.append(f"time zone {old[1]} → {cfg.timezone}")
    return f"changed in {cfg.path.name}: {'; '.join(parts)}"
