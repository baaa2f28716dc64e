"""Corrections: a new row that points at the row it corrects, with who, when and why.

Nothing is ever edited. A correction is an event of kind "correction" whose `data`
names its target (`"event:12"` or `"reading:<channel id>:<ts>"`), the value it had and
the value it should have, and the reason; `ref_id` points at a corrected event. Screens,
exports and PDFs show the original and, beside it, its corrections (`with_corrections`).
"""

from __future__ import annotations

from dataclasses import dataclass

from deungdae.records.store import EventRow, NewEvent, Store, now_ms

KIND = "correction"


class CorrectionError(ValueError):
    pass


def _check(reason: str, user: str) -> None:
    if not reason.strip():
        raise CorrectionError("a correction needs a reason")
    if not user or user == "system":
        raise CorrectionError("a correction must be made by a signed-in user")


def correct_event(store: Store, event_id: int, changes: dict, *, reason: str, user: str) -> int:
    """Append a correction of event `event_id`: `changes` maps field -> corrected value."""
    _check(reason, user)
    rows = store.events(limit=1, ids=[event_id])
    if not rows:
        raise CorrectionError(f"there is no event {event_id} to correct")
    orig = rows[0]
    was = {k: getattr(orig, k) if hasattr(orig, k) else orig.data.get(k) for k in changes}
    return store.append_event(NewEvent(
        ts=now_ms(), kind=KIND, message=reason, severity="info", channel=orig.channel,
        device=orig.device, user=user, ref_id=event_id,
        data={"target": f"event:{event_id}", "was": was, "now": changes, "reason": reason}))


def correct_reading(store: Store, channel: int, ts: int, value: float | None, *, reason: str,
                    user: str, quality: int | None = None) -> int:
    """Append a correction of the reading of channel id `channel` at `ts`."""
    _check(reason, user)
    got = store.query("SELECT v, q, blk FROM reading WHERE ch = ? AND ts = ?", (channel, ts))
    if not got:
        raise CorrectionError(f"there is no reading of channel {channel} at {ts} to correct")
    v, q, blk = got[0]
    key = store.query("SELECT key FROM channel WHERE id = ?", (channel,))
    now: dict = {"v": value}
    if quality is not None:
        now["q"] = quality
    return store.append_event(NewEvent(
        ts=now_ms(), kind=KIND, message=reason, channel=key[0][0] if key else None, user=user,
        data={"target": f"reading:{channel}:{ts}", "block": blk, "was": {"v": v, "q": q},
              "now": now, "reason": reason}))


def corrections(store: Store, target: str | None = None) -> list[EventRow]:
    evs = store.events(kinds=[KIND], limit=1_000_000)
    return [e for e in evs if target is None or e.data.get("target") == target]


@dataclass(frozen=True, slots=True)
class Corrected:
    """An original event and the corrections that point at it, oldest first."""

    original: EventRow
    corrections: tuple[EventRow, ...]

    @property
    def current(self) -> dict:
        """The event's fields with corrections applied (the original stays as it was)."""
        d = {"message": self.original.message, "severity": self.original.severity,
             **self.original.data}
        for c in self.corrections:
            d.update(c.data.get("now", {}))
        return d


def with_corrections(store: Store, events: list[EventRow]) -> list[Corrected]:
    by_target: dict[str, list[EventRow]] = {}
    for c in corrections(store):
        by_target.setdefault(c.data.get("target", ""), []).append(c)
    return [Corrected(e, tuple(by_target.get(f"event:{e.id}", ()))) for e in events]


def reading_corrections(store: Store, channel: int, t0: int, t1: int) -> dict[int, EventRow]:
    """ts -> latest correction, for the readings of one channel in [t0, t1)."""
    out: dict[int, EventRow] = {}
    for c in corrections(store):
        t = c.data.get("target", "")
        if t.startswith("reading:"):
            _, ch, ts = t.split(":")
            if int(ch) == channel and t0 <= int(ts) < t1:
                out[int(ts)] = c
    return out
