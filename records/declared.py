"""Sector table declarations sealed in the record itself.

A sector table's rows mean nothing without its declaration (columns, which are private,
which column is the time). The plant's own process knows it from the installed sector,
but `deungdae verify`, `deungdae sync` and the central platform may run without that
sector. So when the store creates a sector table it also appends a sealed config change
(entity `record_table`, key = the table's name, new = `Table.to_json()`), and whenever the
declaration changes. Anyone holding the record then reads the newest sealed declaration
of each table from the record: an edited declaration breaks its own seal, so the chain
vouches for it like for any row (this is how event kinds travel too, `sectors.api.kinds`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable

from deungdae.records import layout

ENTITY = "record_table"
log = logging.getLogger(__name__)


def parse(new: object) -> layout.Table | None:
    """The table a declaration's `new` value (JSON text or object) describes, if it is a
    valid sector table (None when damaged or not acceptable)."""
    try:
        d = json.loads(new) if isinstance(new, str) else new
        t = layout.Table.from_json(d)
    except (ValueError, layout.LayoutError):
        return None
    return t if layout.sector_table_problem(t) is None else None


def newest(declarations: Iterable[tuple[object, object]]) -> dict[str, layout.Table]:
    """The newest valid declaration per table from (key, new) pairs in record order."""
    out: dict[str, layout.Table] = {}
    for key, new in declarations:
        t = parse(new)
        if t is not None and t.name == key:
            out[t.name] = t
    return out


def in_record(con: sqlite3.Connection) -> dict[str, layout.Table]:
    """The sector tables the record declares (newest sealed declaration of each)."""
    try:
        rows = con.execute("SELECT key, new FROM config_change WHERE entity = ? ORDER BY id",
                           (ENTITY,)).fetchall()
    except sqlite3.Error:
        return {}
    return newest(rows)


def adopt(con: sqlite3.Connection) -> list[str]:
    """Register, for this process, the record's declared tables no installed sector has
    registered; returns their names. A table an installed sector declares differently is
    left as the sector declares it (the sector is the truth for its own table)."""
    have = layout.row_tables()
    added = []
    for name, t in in_record(con).items():
        if name in have:
            continue
        try:
            layout.register_sector_table(t)
            added.append(name)
        except layout.LayoutError as exc:  # cannot happen after parse(); logged anyway
            log.warning("record declares table %s that cannot be used: %s", name, exc)
    return added


def changed(con: sqlite3.Connection, table: layout.Table) -> bool:
    """Whether `table`'s declaration differs from the newest one the record holds.

    Raises LayoutError when it differs in a way that would break the seals of rows
    already recorded: a sector table only grows, by nullable columns at its end.
    """
    old = in_record(con).get(table.name)
    if old is None or old == table:
        return old is None
    n = len(old.columns)
    kept = tuple((c.name, c.type, c.private) for c in table.columns[:n])
    if kept != tuple((c.name, c.type, c.private) for c in old.columns) or \
            not all(c.nullable for c in table.columns[n:]) or len(table.columns) < n:
        raise layout.LayoutError(
            f"sector {table.owner!r}: table {table.name!r} may only grow by nullable columns "
            f"at its end (recorded: {', '.join(old.column_names)}; declared now: "
            f"{', '.join(table.column_names)}): rows already sealed would no longer verify")
    return True
