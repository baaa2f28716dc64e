"""What the operator sees at a glance, kept up to date from engine readings and events.

Plain Python (no Qt) so it is trivial to test: channels with their last value and state,
devices with their connection, the open alarms with the record ids needed to
acknowledge them, and every sector's open incidents (`incidents`, derived from the
record by the window with `sectors.api.incidents.open_incidents`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.reading import Reading
from deungdae.records.store import EventRow, NewEvent
from deungdae.sectors.api.discovery import event_kinds
from deungdae.sectors.api.incidents import Incident
from deungdae.sectors.api.names import local_name

BAD_QUALITY = 1 | 2 | 4 | 8 | 16 | 32
# From the declared kinds (shell and sectors), not a list: every kind that opens an
# incident closed by an event. Kinds open until verified (a CCP deviation) are the
# lifecycle's (`sectors.api.incidents`), which the overview reads for them.
KINDS = event_kinds()
OPENING = {k for k in KINDS.opening() if KINDS.kinds[k].until == "closed"}
CLOSING = {c: o for c, o in KINDS.closing().items() if o in OPENING}


def _side(kind: str, data: dict) -> str:
    decl = KINDS.get(CLOSING.get(kind, kind))
    if decl is None or not decl.match:
        return "lost" if decl is None or KINDS.owners[decl.kind] == "shell" else decl.kind
    return "/".join(str(data.get(m, "")) for m in decl.match)


@dataclass(slots=True)
class ChannelView:
    key: str
    name: str
    unit: str
    device: str
    high: float | None = None
    low: float | None = None
    stale_ms: int = 60_000
    ts: int | None = None
    value: float | None = None
    quality: int = 0
    alarm_sides: set[str] = field(default_factory=set)
    lost: bool = False

    def state(self, now_ms: int) -> str:
        """none, ok, alarm, lost or stale."""
        if self.lost:
            return "lost"
        if self.ts is None:
            return "none"
        if self.alarm_sides:
            return "alarm"
        if now_ms - self.ts > self.stale_ms or self.quality & BAD_QUALITY:
            return "stale"
        return "ok"


@dataclass(slots=True)
class DeviceView:
    id: str
    name: str
    profile: str
    port: str
    connected: bool = True
    errors: int = 0
    last_seen: int | None = None
    last_error: str = ""


@dataclass(slots=True)
class OpenAlarm:
    """An alarm or loss that has not ended; `event_id` once the record id is known."""

    who: str  # channel key or device id
    side: str  # high, low or lost
    kind: str
    ts: int
    message: str
    event_id: int | None = None
    acked_by: str | None = None


class PlantState:
    def __init__(self, engine: Engine, lang: str = "en") -> None:
        cfg = engine.config
        self.tz = cfg.tz  # the site's: every time shown is in it
        self.lang = lang
        self.channels: dict[str, ChannelView] = {}
        intervals = {d["id"]: float(d.get("interval", 1.0)) for d in cfg.devices}
        for st_key, st in engine.channels.items():
            device = st_key.split(".", 1)[0]
            self.channels[st.key] = ChannelView(
                st.key, local_name(st.name, lang), st.unit, device,
                stale_ms=int(max(3 * intervals.get(device, 1.0), 10) * 1000))
        for c in cfg.channels:
            cv = self.channels.get(c.key)
            if cv is None:
                continue
            cv.high = c.alarm.get("high")
            cv.low = c.alarm.get("low")
            if "stale_after" in c.alarm:
                cv.stale_ms = int(float(c.alarm["stale_after"]) * 1000)
        self.devices = {d["id"]: DeviceView(d["id"], local_name(d.get("name", d["id"]), lang),
                                            d.get("profile", ""), str(d.get("port", "")))
                        for d in cfg.devices}
        self.open_alarms: dict[tuple[str, str], OpenAlarm] = {}
        self.incidents: list[Incident] = []  # every open incident, oldest first
        self.tracked_kinds = frozenset(OPENING)  # kinds `open_alarms` follows live

    def sync_channels(self, engine: Engine) -> tuple[list[str], list[str]]:
        """Follow a live device change: views for the engine's new channels (and devices),
        none for those it no longer has. Kept views keep their value and state.
        Returns (added, removed) channel keys."""
        fresh = PlantState(engine, self.lang)
        added = [k for k in fresh.channels if k not in self.channels]
        removed = [k for k in self.channels if k not in fresh.channels]
        channels = {}
        for key, cv in fresh.channels.items():
            old = self.channels.get(key)
            if old is not None:  # the same view (pages hold it); unit, device may change
                old.name, old.unit, old.device = cv.name, cv.unit, cv.device
                old.high, old.low, old.stale_ms = cv.high, cv.low, cv.stale_ms
                cv = old
            channels[key] = cv
        devices = {}
        for did, dv in fresh.devices.items():
            old_dv = self.devices.get(did)
            if old_dv is not None:
                old_dv.name, old_dv.profile, old_dv.port = dv.name, dv.profile, dv.port
                dv = old_dv
            devices[did] = dv
        self.channels, self.devices = channels, devices
        return added, removed

    def set_language(self, engine: Engine, lang: str) -> None:
        """Names written "한국어 (English)" are shown in the window's language."""
        self.lang = lang
        fresh = PlantState(engine, lang)
        for key, cv in self.channels.items():
            if key in fresh.channels:
                cv.name = fresh.channels[key].name
        for did, dv in self.devices.items():
            if did in fresh.devices:
                dv.name = fresh.devices[did].name

    def set_incidents(self, incidents: list[Incident]) -> None:
        self.incidents = list(incidents)

    def other_incidents(self) -> list[Incident]:
        """Open incidents `open_alarms` does not follow (a CCP deviation, a sector's own):
        the banner and the overview show these beside the channel alarms."""
        return [i for i in self.incidents if i.kind.kind not in self.tracked_kinds]

    # ------------------------------------------------------------------ updates
    def apply_readings(self, readings: list[Reading]) -> set[str]:
        """Returns the keys of channels that changed."""
        changed = set()
        for r in readings:
            cv = self.channels.get(r.channel)
            if cv is None or (cv.ts is not None and r.ts < cv.ts):
                continue
            cv.ts, cv.value, cv.quality = r.ts, r.value, int(r.quality)
            changed.add(r.channel)
            dv = self.devices.get(cv.device)
            if dv is not None and not r.quality & BAD_QUALITY:
                dv.last_seen = r.ts
        return changed

    def apply_events(self, events: list[NewEvent | EventRow]) -> list[OpenAlarm]:
        """Track open alarms; returns the alarms these events opened (for the banner)."""
        opened = []
        for ev in events:
            kind = ev.kind
            who = ev.channel or ev.device or ""
            side = _side(kind, ev.data) if kind in OPENING or kind in CLOSING else "lost"
            if kind in OPENING:
                oa = OpenAlarm(who, side, kind, ev.ts, ev.message,
                               getattr(ev, "id", None))
                self.open_alarms[(who, side)] = oa
                opened.append(oa)
            elif kind in CLOSING:
                self.open_alarms.pop((who, side), None)
            elif kind == "alarm.ack":
                for oa in self.open_alarms.values():
                    if oa.event_id is not None and oa.event_id == ev.ref_id:
                        oa.acked_by = ev.user
            self._apply_to_views(ev, kind, who, side)
        return opened

    def _apply_to_views(self, ev, kind: str, who: str, side: str) -> None:
        cv = self.channels.get(ev.channel or "")
        if cv is not None:
            if kind == "alarm.start":
                cv.alarm_sides.add(side)
            elif kind == "alarm.end":
                cv.alarm_sides.discard(side)
            elif kind == "sensor.lost":
                cv.lost = True
            elif kind == "sensor.restored":
                cv.lost = False
        dv = self.devices.get(ev.device or "")
        if dv is not None:
            if kind == "device.lost":
                dv.connected = False
                dv.last_error = ev.message
            elif kind == "device.restored":
                dv.connected = True
            elif kind == "device.error":
                dv.errors += 1
                dv.last_error = ev.message

    def unacknowledged(self) -> list[OpenAlarm]:
        return sorted((a for a in self.open_alarms.values() if a.acked_by is None),
                      key=lambda a: a.ts)

    def counts(self, now_ms: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for cv in self.channels.values():
            s = cv.state(now_ms)
            out[s] = out.get(s, 0) + 1
        return out
