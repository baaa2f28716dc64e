"""Device replacements in a period: what charts mark and reports list.

When a sensor is swapped live (Settings → Devices, `deungdae devices set`), the engine
records a `device.replaced` event per channel the device feeds: the channel keeps its
id and its history, and the event says from what to what (profile, port, unit id), who
and why. A chart marks the moment; a report covering that channel over that period must
say it too, so a reader knows the values before and after came from different sensors.
A re-mapped input (`device.mapped`) and a changed 4-20 mA scaling (`device.scaled`) change
what a channel's values mean in the same way and are listed alike.

Qt-free and sector-neutral: any report calls `replacement_lines` (or `replacements` for
its own layout). Every figure in a line is the event's own data, never recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from deungdae.records.store import Store

KINDS = ("device.replaced", "device.mapped", "device.scaled")
_WHAT = {"device.replaced": ("장치 교체", "device replaced"),
         "device.mapped": ("입력 변경", "input changed"),
         "device.scaled": ("환산 변경", "scaling changed")}


@dataclass(frozen=True, slots=True)
class Replacement:
    event_id: int
    ts: int
    kind: str
    device: str
    channel: str | None
    old: dict
    new: dict
    user: str | None
    reason: str


def replacements(store: Store, t0: int, t1: int,
                 channels: Iterable[str] | None = None) -> list[Replacement]:
    """The device changes of `t0 <= ts < t1`, oldest first; only those of `channels`
    (channel keys) when given."""
    want = None if channels is None else set(channels)
    out = []
    for e in store.events(t0, t1, kinds=KINDS):
        if e.ts >= t1 or (want is not None and e.channel not in want):
            continue
        data = e.data if isinstance(e.data, dict) else {}
        out.append(Replacement(e.id, e.ts, e.kind, e.device or "", e.channel,
                               data.get("old") or {}, data.get("new") or {}, e.user,
                               str(data.get("reason", ""))))
    return out


def describe(side: dict, channel: str | None, lang: str) -> str:
    """`rtd4-pta8c04 (socket://10.0.0.5:4001, 주소(국번) 1, t1)`, or the simulator."""
    profile = side.get("profile")
    point = (side.get("channels") or {}).get(channel) if channel else None
    parts = []
    if side.get("port"):
        parts.append(str(side["port"]))
    if side.get("unit") is not None and profile not in (None, "simulator"):
        parts.append(("주소(국번) " if lang == "ko" else "unit ") + str(side["unit"]))
    if point:
        parts.append(("측정점 " if lang == "ko" else "point ") + str(point))
    scale = (side.get("scaling") or {}).get(point) if point else None
    if isinstance(scale, dict) and "low" in scale and "high" in scale:
        parts.append(f"4 mA = {scale['low']:g}, 20 mA = {scale['high']:g}"
                     + (f" {scale['unit']}" if scale.get("unit") else ""))
    name = profile or ("(같음)" if lang == "ko" else "(same)")
    if profile == "simulator":
        name = "모의 장치" if lang == "ko" else "simulator"
    return name + (f" ({', '.join(parts)})" if parts else "")


def line(r: Replacement, tz: ZoneInfo, lang: str) -> str:
    """One line for a report, in the report's language and the site's time zone."""
    when = datetime.fromtimestamp(r.ts / 1000, tz).strftime("%Y-%m-%d %H:%M")
    ko = lang == "ko"
    what = _WHAT.get(r.kind, (r.kind, r.kind))[0 if ko else 1]
    old = r.old if r.kind != "device.mapped" else {**r.new, **r.old}
    text = (f"{when} {what}: {r.channel or r.device} — {describe(old, r.channel, lang)} → "
            f"{describe(r.new, r.channel, lang)}")
    if r.user:
        text += f", {'변경자' if ko else 'by'} {r.user}"
    if r.reason:
        text += f" ({'사유' if ko else 'reason'}: {r.reason})"
    return text


def replacement_lines(store: Store, t0: int, t1: int, tz: ZoneInfo, lang: str,
                      channels: Iterable[str] | None = None) -> list[str]:
    """`line` for each device change in the period (of `channels` when given)."""
    return [line(r, tz, lang) for r in replacements(store, t0, t1, channels)]
