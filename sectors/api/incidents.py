"""The one incident lifecycle: open → acknowledged → corrective action → verified → closed.

Every sector's incidents (a CCP deviation, a limit alarm, a lost device) are derived here
from event rows alone, using the declared kinds (`kinds.KindRegistry`): the overview, the
CLI (`deungdae status`) and central call `derive`, so they can never disagree about what
is open. Rows are read duck-typed (`id, ts, kind, channel, device, data, ref_id, user`),
so central can pass its own rows; this module imports only the standard library and
`kinds`.

An incident is keyed by (opening kind, channel or device, the values of the kind's
`match` data keys). A second opening event for a condition already open is a repeat of
it, not a new incident, except for `until="verified"` kinds: each of those events is
verified on its own (a HACCP deviation record per deviation). Steps (`ack`, `action`, `verify`) point with `ref_id` at the
opening event's id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from deungdae.sectors.api.kinds import EventKind, KindRegistry

Stage = Literal["open", "acknowledged", "action_recorded", "verified"]


@dataclass(slots=True)
class Incident:
    """One incident: its opening event, the steps taken and whether its condition ended."""

    key: tuple
    kind: EventKind
    opened: Any  # the opening event row
    ended: Any = None  # the closing event row, once the condition is over
    acks: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    verifications: list = field(default_factory=list)

    @property
    def id(self) -> int | None:
        return getattr(self.opened, "id", None)

    @property
    def subject(self) -> str:
        """The channel or device the incident is about."""
        return self.opened.channel or self.opened.device or ""

    @property
    def tag(self) -> str:
        """A short name for the condition: the `match` values (an alarm's side), "lost"
        for a silent sensor or device, else the kind."""
        if self.kind.match:
            return "/".join(self.key[2:2 + len(self.kind.match)])
        return "lost" if self.kind.kind in ("sensor.lost", "device.lost") else self.kind.kind

    @property
    def stage(self) -> Stage:
        if self.verifications:
            return "verified"
        if self.actions:
            return "action_recorded"
        if self.acks:
            return "acknowledged"
        return "open"

    @property
    def is_open(self) -> bool:
        """Open until its condition ends, or (for `until="verified"`) until verified."""
        if self.kind.until == "verified":
            return not self.verifications
        return self.ended is None

    @property
    def severity(self) -> str:
        return self.kind.severity


def incident_key(opener: EventKind, ev) -> tuple:
    """The condition `ev` opens or closes, in terms of its opening kind."""
    data = ev.data if isinstance(ev.data, dict) else {}
    return (opener.kind, ev.channel or ev.device or "",
            *(str(data.get(m, "")) for m in opener.match))


def derive(events: Iterable, kinds: KindRegistry) -> list[Incident]:
    """Every incident the events (in record order) tell of, oldest first, open or not."""
    out: list[Incident] = []
    by_id: dict[int, Incident] = {}
    active: dict[tuple, Incident] = {}
    steps = kinds.steps()
    for ev in events:
        decl = kinds.get(ev.kind)
        if decl is None:
            continue
        if decl.role == "opens":
            key = incident_key(decl, ev)
            if decl.until == "verified":  # each one is verified on its own
                key = (*key, getattr(ev, "id", None), ev.ts)
            elif key in active:  # the same condition again: one incident
                continue
            inc = Incident(key, decl, ev)
            active[key] = inc
            out.append(inc)
            if getattr(ev, "id", None) is not None:
                by_id[ev.id] = inc
        elif decl.role == "closes":
            opener = kinds.get(decl.closes_kind or "")
            if opener is None:
                continue
            inc = active.pop(incident_key(opener, ev), None)
            if inc is not None:
                inc.ended = ev
        step = steps.get(ev.kind)
        if step and getattr(ev, "ref_id", None) is not None:
            inc = by_id.get(ev.ref_id)
            if inc is None:
                continue
            {"ack": inc.acks, "action": inc.actions, "verify": inc.verifications}[step].append(ev)
            if step == "verify" and inc.kind.until == "verified":
                active.pop(inc.key, None)
    return out


def open_incidents(events: Iterable, kinds: KindRegistry) -> list[Incident]:
    """The incidents still open, oldest first (what the overview and central show)."""
    return [i for i in derive(events, kinds) if i.is_open]


def action_problems(kind: EventKind, data: dict) -> list[str]:
    """Why a corrective action with `data` cannot be recorded for an incident of `kind`
    (other keys, such as the CCP it is about, may ride along)."""
    return [p for f in kind.fields if (p := f.problem(data.get(f.key))) is not None]
