"""The deviation lifecycle: open → acknowledged → corrective action → verified → closed.

Every step is an appended event pointing (`ref_id`) at the deviation it belongs to, so the
history of a deviation is never overwritten and each step names who did it and when.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from deungdae.records.store import EventRow, NewEvent

DISPOSITIONS = ("hold", "rework", "discard", "release")
DISPOSITION_KO = {"hold": "보류", "rework": "재가공", "discard": "폐기", "release": "출고"}
LIFECYCLE_KINDS = ("haccp.ack", "haccp.action", "haccp.verify")

Append = Callable[[NewEvent], int]


@dataclass(slots=True)
class Deviation:
    event: EventRow
    acks: list[EventRow] = field(default_factory=list)
    actions: list[EventRow] = field(default_factory=list)
    verifications: list[EventRow] = field(default_factory=list)

    @property
    def ccp(self) -> str:
        return self.event.data.get("ccp", "")

    @property
    def status(self) -> str:
        if self.verifications:
            return "closed"
        if self.actions:
            return "action_recorded"
        if self.acks:
            return "acknowledged"
        return "open"

    def action_text(self) -> str:
        parts = []
        for a in self.actions:
            d = a.data
            disp = d.get("disposition", "")
            parts.append(f"{d.get('action', '')} ({DISPOSITION_KO.get(disp, disp)}; "
                         f"원인: {d.get('cause', '')}) — {a.user}")
        return " / ".join(parts)


def collect(events: Sequence[EventRow]) -> list[Deviation]:
    """Deviations with their lifecycle steps, from a list of events."""
    devs = {e.id: Deviation(e) for e in events if e.kind == "haccp.deviation"}
    for e in events:
        d = devs.get(e.ref_id) if e.ref_id is not None else None
        if d is None:
            continue
        if e.kind == "haccp.ack":
            d.acks.append(e)
        elif e.kind == "haccp.action":
            d.actions.append(e)
        elif e.kind == "haccp.verify":
            d.verifications.append(e)
    return sorted(devs.values(), key=lambda d: (d.event.ts, d.event.id))


class LifecycleError(ValueError):
    """A step out of order or with missing facts; the message says which."""


def acknowledge(append: Append, dev: Deviation, user: str, now_ms: int) -> int:
    return append(NewEvent(ts=now_ms, kind="haccp.ack", user=user, ref_id=dev.event.id,
                           channel=dev.event.channel, data={"ccp": dev.ccp},
                           message=f"이탈 확인 (acknowledged) by {user}"))


def record_action(append: Append, dev: Deviation, user: str, now_ms: int, *, cause: str,
                  action: str, disposition: str) -> int:
    if disposition not in DISPOSITIONS:
        raise LifecycleError(f"disposition must be one of {', '.join(DISPOSITIONS)}")
    if not cause.strip() or not action.strip():
        raise LifecycleError("a corrective action needs both the cause and the action taken")
    return append(NewEvent(
        ts=now_ms, kind="haccp.action", user=user, ref_id=dev.event.id,
        channel=dev.event.channel, severity="info",
        data={"ccp": dev.ccp, "cause": cause, "action": action, "disposition": disposition},
        message=f"개선조치: {action} ({DISPOSITION_KO[disposition]})"))


def verify(append: Append, dev: Deviation, user: str, now_ms: int, *, role: str,
           signature_id: int | None = None, note: str = "") -> int:
    """A manager's verification closes the deviation (needs a recorded corrective action)."""
    if role not in ("manager", "admin"):
        raise LifecycleError("only a manager (HACCP team leader) may verify a deviation")
    if not dev.actions:
        raise LifecycleError("record the corrective action before verifying")
    return append(NewEvent(
        ts=now_ms, kind="haccp.verify", user=user, ref_id=dev.event.id,
        channel=dev.event.channel,
        data={"ccp": dev.ccp, "meaning": "approved", "signature_id": signature_id,
              "note": note},
        message=f"검증 완료 (verified) by {user}"))
