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
from typing import Any

from PySide6.QtCore import QObject, Signal

from deungdae.desktop.engine.engine import Engine, EngineError
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.plant_state import OpenAlarm
from deungdae.records.store import EventRow, NewEvent, Store
from deungdae.records.users import AuthError

ACK = "alarm.ack"
CORRECTIVE = "corrective.action"
SIGNOFF = "signoff"
NEEDS_PASSWORD = "a signature needs your password"

log = logging.getLogger(__name__)


class EntryWriter:
    """What a write job (`RecordActions.run`) gets, on the records worker thread.

    Every row it appends is recorded as the caller built it (`Engine.record_entry`: the
    engine's one writer, the rules see it) and, once the job is over, announced on
    `RecordActions.recorded` in the GUI thread.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.rows: list[EventRow] = []

    def append(self, ev: NewEvent) -> EventRow:
        """Record `ev` now (blocking; call only inside a write job) and return its row."""
        eid = self._engine.record_entry(ev)
        row = EventRow(eid, ev.ts, ev.kind, ev.severity, ev.channel, ev.device, ev.message,
                       ev.data, ev.user, ev.ref_id, ev.ts)
        self.rows.append(row)
        return row

    def append_id(self, ev: NewEvent) -> int:
        """`append` returning the record id (the shape of a sector's `append` callables)."""
        return self.append(ev).id

    @property
    def store(self) -> Store:
        """The engine's writable record, for a sector's own table rows
        (`Store.append_record`: row-sealed, thread-safe) written inside this job next to
        the entry events that tell the rules (`append_id`)."""
        store = self._engine.store
        if store is None:
            raise EngineError("the record is not open; nothing can be recorded")
        return store

    def record_manual(self, channel: str, value: float, user: str, note: str = "",
                      extra: dict | None = None) -> int:
        """A hand-entered value, stored as a reading flagged MANUAL plus its entry event
        (`extra`: the sector's keys for that event, e.g. the reason)."""
        return self._engine.record_manual(channel, value, user, note=note, extra=extra)

    def sign_document(self, sign: Callable[[Store], int]) -> int:
        """`sign(store)` on the record's writer (a sector's document signature, e.g. the
        approval of a day's log through `records.signatures`); the signature's row id."""
        return self._engine.sign_document(sign)


class _Failure:
    def __init__(self, exc: Exception) -> None:
        self.exc = exc


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

    def append_now(self, ev: NewEvent) -> EventRow:
        """Record `ev` at once and return its row: blocking, for code already on the
        records worker (`run` jobs get an `EntryWriter` that does this and announces it)."""
        return EntryWriter(self.engine).append(ev)

    def append(self, ev: NewEvent) -> None:
        """Record `ev` on the worker; `recorded` gets its row, `failed` says why not."""
        self.jobs.submit(lambda: self.append_now(ev), self.recorded.emit)

    def run(self, job: Callable[[EntryWriter], Any],
            on_done: Callable[[Any], None] | None = None,
            on_finished: Callable[[bool], None] | None = None) -> bool:
        """Run `job(writer)` on the records worker; the GUI hears the outcome.

        Rows the writer appended are emitted on `recorded`, then `on_done(result)` runs;
        a failure is logged and emitted on `failed` (the window says "Not recorded").
        Either way `on_finished(ok)` runs last, so a disabled button always comes back.
        Returns False if the worker is closed (nothing ran; `on_finished(False)` ran).
        """
        engine = self.engine

        def guarded() -> tuple[EntryWriter, Any]:
            writer = EntryWriter(engine)
            try:
                return writer, job(writer)
            except Exception as exc:  # noqa: BLE001 - any failure must reach the window
                log.error("recording failed", exc_info=exc)
                return writer, _Failure(exc)

        def done(outcome: tuple[EntryWriter, Any]) -> None:
            writer, result = outcome
            ok = not isinstance(result, _Failure)
            try:
                for row in writer.rows:
                    self.recorded.emit(row)
                if not ok:
                    self.failed.emit(f"{result.exc.__class__.__name__}: {result.exc}")
                elif on_done is not None:
                    on_done(result)
            finally:
                if on_finished is not None:
                    on_finished(ok)

        if self.jobs.submit(guarded, done) is None:
            if on_finished is not None:
                on_finished(False)
            return False
        return True

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
            return self.append_now(NewEvent(
                ts=self.engine.clock.now_ms(), kind=ACK, severity="info",
                channel=alarm.who if alarm.kind != "device.lost" else None,
                device=alarm.who if alarm.kind == "device.lost" else None,
                message=note or f"acknowledged: {alarm.message}", user=user,
                ref_id=alarm.event_id, data={"side": alarm.side}))

        self.jobs.submit(job, self.recorded.emit)

    def corrective_action(self, ref: EventRow, user: str, values: dict[str, Any]) -> None:
        """The shell's corrective action on `ref`: `values` are the declared fields' keys
        and stored values (choice keys, never a label), from `CorrectiveActionDialog`."""
        self.append(NewEvent(
            ts=self.engine.clock.now_ms(), kind=CORRECTIVE, severity="info",
            channel=ref.channel, device=ref.device, user=user, ref_id=ref.id,
            message=str(values.get("action", "")), data=dict(values)))

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
                return self.append_now(NewEvent(
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

