"""Sector-table rows on both backends, with no sector code on the platform: checked from
the declaration the plant sealed (also after the table grew a column); a row whose table
was never declared is stored as a chain problem, not trusted."""

from __future__ import annotations

from deungdae.records import layout
from tests.central import records_to_wire as rw
from tests.central.records_to_wire import post
from tests.conftest import T0

V1 = layout.Table("bees_visit", (layout.Column("id", "int"), layout.Column("ts", "int"),
                                 layout.Column("note")), owner="bees")
V2 = layout.Table("bees_visit", (*V1.columns, layout.Column("weight", "float", nullable=True)),
                  owner="bees")


def test_rows_of_a_grown_table_are_checked_from_the_sealed_declarations(central, desktop
                                                                        ) -> None:
    s = desktop.store
    layout.register_sector_table(V1)
    try:
        s.ensure_tables([V1])
        s.append_record("bees_visit", {"ts": T0, "note": "before"})
        s.schema_change(lambda con: con.execute(
            "ALTER TABLE bees_visit ADD COLUMN weight REAL"))
        layout.unregister_sector_tables("bees")
        layout.register_sector_table(V2)
        s.ensure_tables([V2])
        s.append_record("bees_visit", {"ts": T0 + 1, "note": "after", "weight": 2.5})
        assert s.verify().ok
    finally:
        layout.unregister_sector_tables("bees")
    token = central.register(s)
    with central.client(token) as c:
        for b in desktop.batches(3):  # the old row travels 4 wide, after the growth
            assert post(c, b).status_code == 200
        ch = c.get("/chain").json()
        assert ch["chain_ok"] and ch["problems"] == [], ch["problems"]
        got = c.get("/records/bees_visit").json()
        assert got["columns"] == ["id", "ts", "note", "weight"]
        assert [r[2:] for r in got["rows"]] == [["before", None], ["after", 2.5]]


def test_a_row_of_an_undeclared_table_is_a_located_problem(central, desktop) -> None:
    s = desktop.store
    layout.register_sector_table(V1)
    try:
        # the table made behind the store's back: no sealed declaration in the record
        s.schema_change(lambda con: con.execute(V1.create_sql()))
        rid = s.append_record("bees_visit", {"ts": T0, "note": "who declared me?"})
    finally:
        layout.unregister_sector_tables("bees")
    seq = s.query("SELECT seq FROM ledger WHERE tbl = 'bees_visit'")[0][0]
    token = central.register(s)
    with central.client(token) as c:
        ents = desktop.entries()
        r = post(c, rw.batch(desktop.path, s.key_id, ents))
        assert r.status_code == 200 and not r.json()["chain_ok"], r.text
        problems = c.get("/chain").json()["problems"]
        assert any(p.startswith(f"ledger #{seq} bees_visit {rid}: row missing or malformed")
                   and "no declaration of table 'bees_visit'" in p for p in problems), problems
