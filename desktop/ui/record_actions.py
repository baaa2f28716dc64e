"""What the operator adds to the record: acknowledgements, corrective actions, sign-offs.

Each is an appended event that points (`ref_id`) at the alarm it is about, written by the
logged-in user's login through `Engine.record_entry` (thread-safe; the engine owns the
one writer of the data dir and lets the rules see the entry) on a background thread. The
record never changes; a later action is a new row.

A sign-off is an electronic signature (21 CFR 11.50/11.200): the signer re-enters their
password, `Engine.sign` appends a `signature` row (login, printed name, UTC time, meaning,
hash of the signed event and the entries about it), and only then the `signoff` event is
appended, naming the signature. A wrong password appends nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from deungdae.desktop.engine.engine import Engine, EngineError
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.plant_state import OpenAlarm
from deungdae.records.store import EventRow, NewEvent
from deungdae.records.users import AuthError

ACK = "alarm.ack"
CORRECTIVE = "corrective.action"
SIGNOFF = "signoff"
NEEDS_PASSWORD = "a signature needs your password"

log = logging.getLogger(__name__)


class RecordActions(QObject):
    recorded = Signal(object)  # EventRow of what was just appended
    failed = Signal(str)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.jobs = Background(None, "records", self)
        self.jobs.failed.connect(self.failed)

    def close(self) -> None:
        self.jobs.close()

    def _append(self, ev: NewEvent) -> EventRow:
        eid = self.engine.record_entry(ev)
        return EventRow(eid, ev.ts, ev.kind, ev.severity, ev.channel, ev.device, ev.message,
                        ev.data, ev.user, ev.ref_id, ev.ts)

    def append(self, ev: NewEvent) -> None:
        self.jobs.submit(lambda: self._append(ev), self.recorded.emit)

    def find_event_id(self, alarm: OpenAlarm) -> int | None:
        """The record id of an open alarm's start event (runs on the worker)."""
        store = self.engine.store
        if store is None:
            return None
        channel = None if alarm.kind == "device.lost" else alarm.who
        for row in store.events(alarm.ts, alarm.ts + 1, kinds=(alarm.kind,), channel=channel):
            if (row.channel or row.device) == alarm.who:
                return row.id
        return None

    def acknowledge(self, alarm: OpenAlarm, user: str, note: str = "") -> None:
        def job() -> EventRow:
            if alarm.event_id is None:
                alarm.event_id = self.find_event_id(alarm)
            return self._append(NewEvent(
                ts=self.engine.clock.now_ms(), kind=ACK, severity="info",
                channel=alarm.who if alarm.kind != "device.lost" else None,
                device=alarm.who if alarm.kind == "device.lost" else None,
                message=note or f"acknowledged: {alarm.message}", user=user,
                ref_id=alarm.event_id, data={"side": alarm.side}))

        self.jobs.submit(job, self.recorded.emit)

    def corrective_action(self, ref: EventRow, user: str, cause: str, action: str,
                          disposition: str) -> None:
        self.append(NewEvent(
            ts=self.engine.clock.now_ms(), kind=CORRECTIVE, severity="info",
            channel=ref.channel, device=ref.device, user=user, ref_id=ref.id,
            message=action, data={"cause": cause, "action": action,
                                  "disposition": disposition}))

    def sign_off(self, ref: EventRow, user: str, meaning: str, note: str = "", *,
                 password: str | None = None) -> None:
        """Sign `ref` as `user` (a login) with `meaning`; `recorded` gets the signoff row.

        Without a password nothing is recorded and `failed` says a signature needs it.
        """
        self.sign(ref, user, meaning, note, password, None,
                  lambda exc: self.failed.emit(str(exc)))

    def sign(self, ref: EventRow, user: str, meaning: str, note: str, password: str | None,
             on_done: Callable[[EventRow], None] | None,
             on_refused: Callable[[Exception], None]) -> None:
        """`sign_off` with its own callbacks (the sign-off dialog stays open on a refusal).

        `on_done` runs after `recorded` is emitted; `on_refused` gets the AuthError (or
        EngineError) that refused the signature, and nothing was recorded, or any other
        exception the job raised (a failing store), so a waiting dialog never hangs.
        """
        if not password:
            on_refused(AuthError(NEEDS_PASSWORD))
            return

        def job() -> EventRow | Exception:
            try:
                targets = [f"event:{ref.id}", *self.engine.follow_up_refs(ref.id)]
                sid = self.engine.sign(user, password, meaning, targets, note)
            except (AuthError, EngineError) as exc:
                return exc
            except Exception as exc:  # a closed record, a failing store: say it, don't hang
                log.error("signing failed", exc_info=exc)
                return exc
            try:
                signer = self.engine.get_user(user)
                return self._append(NewEvent(
                    ts=self.engine.clock.now_ms(), kind=SIGNOFF, severity="info",
                    channel=ref.channel, device=ref.device, user=user, ref_id=ref.id,
                    message=note or meaning,
                    data={"meaning": meaning, "signature_id": sid, "login": user,
                          "printed_name": signer.full_name if signer else user,
                          "role": signer.role if signer else "", "targets": targets}))
            except Exception as exc:
                log.error("signature %s made, its signoff row not recorded", sid,
                          exc_info=exc)
                return exc

        def done(result: EventRow | Exception) -> None:
            if isinstance(result, Exception):
                on_refused(result)
                return
            self.recorded.emit(result)
            if on_done is not None:
                on_done(result)

        self.jobs.submit(job, done)

