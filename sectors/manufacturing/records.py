"""The sector's own record tables, and the operator entries that write them.

Three row-sealed, append-only tables (names `manufacturing_<name>`, as the record layout
requires): stop reasons, lots/charges/heats declared by people, calibration and survey
records. Rows hold keys and values only (a reason key from the template's reason tree,
never its label), so a Korean and an English window write the same row.

An entry writes its row (`store.append_record`) and records an event through the
engine's `record_entry`, because the live rule learns of entries from events only (a
rule cannot read the record): the stop reason closes the stop's prompt, a lot start and
end bound the lot the rule evaluates, a calibration closes its overdue incident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from deungdae.records.layout import Column, Table
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.tables import Migration
from deungdae.sectors.manufacturing.config import Settings
from deungdae.sectors.manufacturing.rules import state_key

RecordEntry = Callable[[NewEvent], int]

STOP_REASON = Table("manufacturing_stop_reason", (
    Column("id", "int"), Column("ts", "int"), Column("machine"),
    Column("stop_start", "int"), Column("stop_end", "int", nullable=True),
    Column("reason"), Column("user")), owner="manufacturing", title="stop reasons")
LOT = Table("manufacturing_lot", (
    Column("id", "int"), Column("ts", "int"), Column("machine"), Column("lot"),
    Column("recipe"), Column("start_ms", "int"), Column("end_ms", "int"),
    Column("started_by"), Column("ended_by")), owner="manufacturing",
    title="lots, charges and heats")
CALIBRATION = Table("manufacturing_calibration", (
    Column("id", "int"), Column("ts", "int"), Column("item"), Column("kind"),
    Column("done_on"), Column("result"), Column("certificate", nullable=True),
    Column("user")), owner="manufacturing", title="calibrations and surveys")
TABLES = (STOP_REASON, LOT, CALIBRATION)
MIGRATIONS = (Migration(1, lambda con: [con.execute(t.create_sql()) for t in TABLES],
                        "stop reasons, lots, calibrations"),)
RESULTS = ("pass", "fail", "adjusted")


class EntryError(ValueError):
    """An entry that cannot be recorded (names what is wrong); nothing was written."""


def record_stop_reason(store: Store, record_entry: RecordEntry, settings: Settings,
                       machine: str, stop_start: int, reason: str, user: str, ts: int,
                       stop_end: int | None = None) -> int:
    """The operator's reason for the stop that began at `stop_start`; the row id."""
    try:
        settings.machine(machine)
    except KeyError:
        raise EntryError(f"no machine {machine!r}") from None
    leaves = settings.leaf_reasons()
    if reason not in leaves:
        raise EntryError(f"reason {reason!r} is not a reason of this plant's tree "
                         f"({', '.join(sorted(leaves))})")
    if not user:
        raise EntryError("a stop reason must name who entered it")
    rid = store.append_record(STOP_REASON.name, {
        "ts": ts, "machine": machine, "stop_start": stop_start, "stop_end": stop_end,
        "reason": reason, "user": user})
    r = leaves[reason]
    record_entry(NewEvent(ts, "manufacturing.stop_reason",
                          f"정지 사유: {r.ko} (stop reason: {r.en})", channel=state_key(machine),
                          user=user, data={"machine": machine, "stop_start": stop_start,
                                           "reason": reason, "row": rid}))
    return rid


def start_lot(record_entry: RecordEntry, settings: Settings, machine: str, lot: str,
              recipe: str, user: str, ts: int) -> int:
    """An operator starts a lot (charge, heat, batch) on a machine; the event id."""
    if recipe not in settings.recipes:
        raise EntryError(f"no recipe {recipe!r} ({', '.join(sorted(settings.recipes))})")
    try:
        settings.machine(machine)
    except KeyError:
        raise EntryError(f"no machine {machine!r}") from None
    return record_entry(NewEvent(ts, "manufacturing.lot_start", f"로트 시작 {lot} (lot start)",
                                 channel=state_key(machine), user=user,
                                 data={"machine": machine, "lot": lot, "recipe": recipe}))


def end_lot(store: Store, record_entry: RecordEntry, machine: str, user: str, ts: int) -> int:
    """An operator ends the lot running on `machine`: its row (who started and ended it,
    when) and the entry the rule evaluates it on; the row id."""
    starts = [e for e in store.events(None, ts + 1, kinds=("manufacturing.lot_start",
                                                            "manufacturing.lot_end"))
              if e.data.get("machine") == machine]
    if not starts or starts[-1].kind != "manufacturing.lot_start":
        raise EntryError(f"no lot is running on machine {machine!r}")
    st = starts[-1]
    rid = store.append_record(LOT.name, {
        "ts": ts, "machine": machine, "lot": st.data["lot"], "recipe": st.data["recipe"],
        "start_ms": st.ts, "end_ms": ts, "started_by": st.user, "ended_by": user})
    record_entry(NewEvent(ts, "manufacturing.lot_end", f"로트 종료 {st.data['lot']} (lot end)",
                          channel=state_key(machine), user=user,
                          data={"machine": machine, "lot": st.data["lot"], "row": rid}))
    return rid


def record_calibration(store: Store, record_entry: RecordEntry, settings: Settings,
                       item: str, done_on: dt.date, result: str, user: str, ts: int,
                       certificate: str | None = None) -> int:
    """A survey (TUS, SAT) or instrument calibration done; closes its overdue incident."""
    cal = next((c for c in settings.calibrations if c.id == item), None)
    if cal is None:
        raise EntryError(f"no calibration item {item!r} "
                         f"({', '.join(c.id for c in settings.calibrations)})")
    if result not in RESULTS:
        raise EntryError(f"result must be one of {', '.join(RESULTS)}, got {result!r}")
    rid = store.append_record(CALIBRATION.name, {
        "ts": ts, "item": item, "kind": cal.kind, "done_on": done_on.isoformat(),
        "result": result, "certificate": certificate, "user": user})
    record_entry(NewEvent(ts, "manufacturing.calibrated",
                          f"{cal.title}: {done_on.isoformat()} 실시 (done)", user=user,
                          data={"item": item, "done_on": done_on.isoformat(),
                                "result": result, "row": rid}))
    return rid


def stop_reasons(store: Store, t0: int, t1: int) -> list[dict]:
    """Stop reason rows for stops that began in [t0, t1), in entry order."""
    cols = STOP_REASON.column_names
    if not has_table(store, STOP_REASON.name):  # a record made before the sector was on
        return []
    rows = store.query(f"SELECT {', '.join(cols)} FROM {STOP_REASON.name} "
                       "WHERE stop_start >= ? AND stop_start < ? ORDER BY id", (t0, t1))
    return [dict(zip(cols, r, strict=True)) for r in rows]


def has_table(store: Store, name: str) -> bool:
    return bool(store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (name,)))


def lots_declared(store: Store, t0: int, t1: int) -> list[dict]:
    """Lot rows (declared by operators) that ended in [t0, t1)."""
    if not has_table(store, LOT.name):
        return []
    cols = LOT.column_names
    rows = store.query(f"SELECT {', '.join(cols)} FROM {LOT.name} "
                       "WHERE end_ms >= ? AND end_ms < ? ORDER BY id", (t0, t1))
    return [dict(zip(cols, r, strict=True)) for r in rows]
