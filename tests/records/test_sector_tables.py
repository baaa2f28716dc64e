"""A sector's table in the record, attacked with raw sqlite3 and checked by `verify` in a
process where the sector is not installed: the table is known from the declaration the
record seals, and every change behind the app's back is located."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from deungdae.records import backup, declared, layout
from deungdae.records.audit import verify_database
from deungdae.records.store import Store

TABLE = layout.Table("bees_visit", (layout.Column("id", "int"), layout.Column("ts", "int"),
                                    layout.Column("hive"), layout.Column("weight", "float"),
                                    layout.Column("note", nullable=True)), owner="bees")
T0 = 1_700_000_000_000


@pytest.fixture
def record(tmp_path: Path, monkeypatch) -> Path:
    """A record with three sealed visits, written with the sector registered; afterwards
    this process forgets the table, as a `deungdae verify` without the sector would."""
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    layout.register_sector_table(TABLE)
    try:
        with Store.open_writer(tmp_path / "site" / "deungdae.db") as s:
            assert s.ensure_tables([TABLE]) == ["bees_visit"]
            assert s.ensure_tables([TABLE]) == []
            for k in range(3):
                s.append_record("bees_visit", {"ts": T0 + k, "hive": f"H{k}",
                                               "weight": 1.5 + k, "note": None})
            decls = s.config_changes(declared.ENTITY)
            assert len(decls) == 1 and decls[0]["key"] == "bees_visit"  # recorded once
    finally:
        layout.unregister_sector_tables("bees")
    yield tmp_path / "site" / "deungdae.db"
    layout.unregister_sector_tables("bees")


def _raw(db: Path, *sql: tuple) -> None:
    con = sqlite3.connect(db)
    for name in ("bees_visit_no_update", "bees_visit_no_delete", "config_change_no_update"):
        con.execute(f"DROP TRIGGER IF EXISTS {name}")
    for q in sql:
        con.execute(*q)
    con.commit()
    con.close()


def _problems(db: Path) -> list[str]:
    rep = verify_database(db, db.parent)
    return [str(p) for p in rep.problems]


def test_an_intact_record_verifies_without_the_sector(record: Path) -> None:
    assert "bees_visit" not in layout.row_tables()
    rep = verify_database(record, record.parent)
    assert rep.ok, rep.problems
    assert "bees_visit" in layout.row_tables()  # adopted from the sealed declaration


@pytest.mark.parametrize("sql, want", [
    (("UPDATE bees_visit SET weight = 9.9 WHERE id = 2",),
     "EDITED    bees_visit 2, ledger #"),
    (("DELETE FROM bees_visit WHERE id = 3",), "DELETED   bees_visit 3, ledger #"),
    (("INSERT INTO bees_visit(id, ts, hive, weight) VALUES (7, 1, 'X', 1.0)",),
     "bees_visit 7: is not sealed in the chain"),
    (("UPDATE bees_visit SET ts = 'yesterday' WHERE id = 1",),
     "bees_visit 1: ts holds str 'yesterday' where a number belongs"),
    (("UPDATE config_change SET new = replace(new, '\"float\"', '\"text\"') "
      "WHERE entity = 'record_table'",), "EDITED    config_change"),
])
def test_changes_behind_the_apps_back_are_located(record: Path, sql: tuple, want: str
                                                  ) -> None:
    _raw(record, sql)
    problems = _problems(record)
    assert any(want in p for p in problems), problems
    assert any("bees_visit_no_update" in p for p in problems)  # the dropped triggers too


def test_the_writer_puts_dropped_triggers_back_and_says_so(record: Path) -> None:
    _raw(record)
    with Store.open_writer(record) as s:
        ev = s.events(kinds=["record.triggers_restored"])
        assert ev and "bees_visit_no_update" in ev[-1].data["triggers"]
    con = sqlite3.connect(record)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("UPDATE bees_visit SET hive = 'Z' WHERE id = 1")
    finally:
        con.close()


def test_an_archive_keeps_the_sector_rows_of_its_period(record: Path, tmp_path: Path
                                                        ) -> None:
    rep, last = backup.archive(record, int(time.time() * 1000) - 1, tmp_path / "a.db")
    assert rep.ok, rep.problems
    with sqlite3.connect(tmp_path / "a.db") as con:
        assert con.execute("SELECT count(*) FROM bees_visit").fetchone()[0] == 3
