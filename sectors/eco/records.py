"""The eco sector's own record tables, and the entries people make into them.

Row-sealed, append-only tables (`eco_<name>`): waste by type and disposal route, fuel
deliveries, production output, meter replacements (the old meter's final and the new
one's initial reading, by a named person) and market-based contracts (PPA, REC, green
premium) with their own factor. Rows hold keys and numbers, never a translated label.

A fuel delivery's row also holds its tCO2eq and the factor ids it was computed with, so
a report made later from the row says the same, whatever factors were added since. A
meter replacement is also recorded as an event (`eco.meter_replaced`) through the
engine's `record_entry`: the live rule learns of entries from events only, and turns the
swap into a counter-proved interval.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable

from deungdae.records.layout import Column, Table
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.tables import Migration
from deungdae.sectors.eco.config import Settings
from deungdae.sectors.eco.ghg import FactorError, FuelUse, scope1
from deungdae.sectors.eco.rules import METER_REPLACED

RecordEntry = Callable[[NewEvent], int]
ROUTES = ("recycle", "incinerate", "landfill", "other")

WASTE = Table("eco_waste", (
    Column("id", "int"), Column("ts", "int"), Column("day"), Column("waste_type"),
    Column("route"), Column("kg", "float"), Column("user"),
    Column("note", nullable=True)), owner="eco", title="waste by type and disposal route")
FUEL = Table("eco_fuel", (
    Column("id", "int"), Column("ts", "int"), Column("day"), Column("fuel"),
    Column("amount", "float"), Column("unit"), Column("tco2eq", "float"),
    Column("factors"), Column("user"), Column("supplier", nullable=True)), owner="eco",
    title="fuel deliveries")
PRODUCTION = Table("eco_production", (
    Column("id", "int"), Column("ts", "int"), Column("day"), Column("product"),
    Column("quantity", "float"), Column("user")), owner="eco", title="production output")
REPLACEMENT = Table("eco_replacement", (
    Column("id", "int"), Column("ts", "int"), Column("meter"), Column("swap_ms", "int"),
    Column("old_final", "float"), Column("new_initial", "float"), Column("user"),
    Column("new_serial", nullable=True), Column("reason", nullable=True),
    Column("note", nullable=True)), owner="eco", title="meter replacements")
CONTRACT = Table("eco_contract", (
    Column("id", "int"), Column("ts", "int"), Column("contract"), Column("kind"),
    Column("start_day"), Column("end_day"), Column("kwh", "float"),
    Column("factor_t_per_mwh", "float"), Column("source"), Column("user")), owner="eco",
    title="market-based electricity contracts")
TABLES = (WASTE, FUEL, PRODUCTION, REPLACEMENT, CONTRACT)
# why a meter was swapped, stored as the key (the pages say it in words)
REPLACEMENT_REASONS = ("fault", "damaged", "inaccurate", "verification_due", "upgrade",
                       "other")


def _add_replacement_reason(con) -> None:
    """`reason` and `note` at the end of eco_replacement (NULL in rows sealed before, so
    their seals hold); a record created since has them from migration 1 already."""
    have = {r[1] for r in con.execute("PRAGMA table_info(eco_replacement)")}
    for col in ("reason", "note"):
        if col not in have:
            con.execute(f"ALTER TABLE eco_replacement ADD COLUMN {col} TEXT")


MIGRATIONS = (Migration(1, lambda con: [con.execute(t.create_sql()) for t in TABLES],
                        "waste, fuel, production, meter replacements, contracts"),
              Migration(2, _add_replacement_reason, "meter replacement reason and note"))
CONTRACT_KINDS = ("ppa", "rec", "green_premium", "self_generation")


class EntryError(ValueError):
    """An entry that cannot be recorded (names what is wrong); nothing was written."""


def _amount(v: object, what: str, positive: bool = True) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise EntryError(f"{what}: a finite number expected, got {v!r}")
    if v < 0 or (positive and v == 0):
        raise EntryError(f"{what}: must be {'> 0' if positive else '>= 0'}, got {v!r}")
    return float(v)


def _who(user: str) -> str:
    if not isinstance(user, str) or not user.strip():
        raise EntryError("an entry must name who made it")
    return user


def record_waste(store: Store, day: dt.date, waste_type: str, route: str, kg: float,
                 user: str, ts: int, note: str | None = None) -> int:
    if route not in ROUTES:
        raise EntryError(f"route must be one of {', '.join(ROUTES)}, got {route!r}")
    if not waste_type or not isinstance(waste_type, str):
        raise EntryError("waste_type: a key such as 'sludge' or 'scrap_metal' expected")
    return store.append_record(WASTE.name, {
        "ts": ts, "day": day.isoformat(), "waste_type": waste_type, "route": route,
        "kg": _amount(kg, "kg"), "user": _who(user), "note": note})


def record_fuel(store: Store, settings: Settings, day: dt.date, fuel: str, amount: float,
                unit: str, user: str, ts: int, tz, supplier: str | None = None) -> int:
    """A delivery burnt on site (scope 1), with its tCO2eq by the factors of its day."""
    amt = _amount(amount, "amount")
    t0 = int(dt.datetime(day.year, day.month, day.day, tzinfo=tz).timestamp() * 1000)
    try:
        r = scope1([FuelUse(t0, t0 + 86_400_000, fuel, amt, unit)], settings.factors, tz)
    except FactorError as e:
        raise EntryError(str(e)) from None
    return store.append_record(FUEL.name, {
        "ts": ts, "day": day.isoformat(), "fuel": fuel, "amount": amt, "unit": unit,
        "tco2eq": r.tco2eq, "factors": json.dumps([f.id for f in r.factors_used()]),
        "user": _who(user), "supplier": supplier})


def record_production(store: Store, settings: Settings, day: dt.date, product: str,
                      quantity: float, user: str, ts: int) -> int:
    if product not in {p.id for p in settings.products}:
        raise EntryError(f"no product {product!r} "
                         f"({', '.join(p.id for p in settings.products) or 'none configured'})")
    return store.append_record(PRODUCTION.name, {
        "ts": ts, "day": day.isoformat(), "product": product,
        "quantity": _amount(quantity, "quantity", positive=False), "user": _who(user)})


def record_replacement(store: Store, record_entry: RecordEntry, settings: Settings,
                       meter: str, swap_ms: int, old_final: float, new_initial: float,
                       user: str, ts: int, new_serial: str | None = None,
                       reason: str | None = None, note: str | None = None) -> int:
    """A meter swap as the person who did it wrote it down; the row id.

    `reason` is one of REPLACEMENT_REASONS (the entry page asks for it; "other" needs a
    note saying what)."""
    try:
        m = settings.meter(meter)
    except KeyError:
        raise EntryError(f"no meter {meter!r} ({', '.join(x.id for x in settings.meters)})"
                         ) from None
    if not m.counter:
        raise EntryError(f"meter {meter!r} has no register to replace")
    if reason is not None and reason not in REPLACEMENT_REASONS:
        raise EntryError(f"reason must be one of {', '.join(REPLACEMENT_REASONS)}, "
                         f"got {reason!r}")
    note = (note or "").strip() or None
    if reason == "other" and not note:
        raise EntryError("reason 'other' needs a note saying why the meter was replaced")
    old = _amount(old_final, "old_final", positive=False)
    new = _amount(new_initial, "new_initial", positive=False)
    rid = store.append_record(REPLACEMENT.name, {
        "ts": ts, "meter": meter, "swap_ms": int(swap_ms), "old_final": old,
        "new_initial": new, "user": _who(user), "new_serial": new_serial,
        "reason": reason, "note": note})
    record_entry(NewEvent(ts, METER_REPLACED, f"{m.name}: 계량기 교체 (meter replaced) "
                          f"{old} → {new}", channel=m.counter, user=user,
                          data={"meter": meter, "swap_ms": int(swap_ms), "old_final": old,
                                "new_initial": new, "row": rid}
                          | ({"reason": reason} if reason else {})))
    return rid


def record_contract(store: Store, contract: str, kind: str, start_day: dt.date,
                    end_day: dt.date, kwh: float, factor_t_per_mwh: float, source: str,
                    user: str, ts: int) -> int:
    if kind not in CONTRACT_KINDS:
        raise EntryError(f"kind must be one of {', '.join(CONTRACT_KINDS)}, got {kind!r}")
    if end_day <= start_day:
        raise EntryError("end_day must be after start_day")
    return store.append_record(CONTRACT.name, {
        "ts": ts, "contract": contract, "kind": kind, "start_day": start_day.isoformat(),
        "end_day": end_day.isoformat(), "kwh": _amount(kwh, "kwh"),
        "factor_t_per_mwh": _amount(factor_t_per_mwh, "factor_t_per_mwh", positive=False),
        "source": source, "user": _who(user)})


def has_table(store: Store, name: str) -> bool:
    return bool(store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (name,)))


def rows(store: Store, table: Table, where: str = "", params: tuple = ()) -> list[dict]:
    """Rows of one of our tables (none if the record predates the sector), by id."""
    if not has_table(store, table.name):
        return []
    cols = table.column_names
    sql = f"SELECT {', '.join(cols)} FROM {table.name}"
    if where:
        sql += f" WHERE {where}"
    return [dict(zip(cols, r, strict=True)) for r in store.query(sql + " ORDER BY id", params)]


def by_day(store: Store, table: Table, d0: dt.date, d1: dt.date) -> list[dict]:
    """Rows whose local `day` is in [d0, d1)."""
    return rows(store, table, "day >= ? AND day < ?", (d0.isoformat(), d1.isoformat()))
