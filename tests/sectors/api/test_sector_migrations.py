"""Sector migrations against a real record: a backup before an existing record changes,
a failed step leaves the record as it was (put back from the backup when a step committed
on its own), and the engine leaves such a sector out with one message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from deungdae.records import layout
from deungdae.records.audit import verify_database
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api import Migration
from deungdae.sectors.api.tables import MigrationFailed, run_migrations, schema_version
from tests.conftest import T0

TABLE = layout.Table("bees_visit", (layout.Column("id", "int"), layout.Column("ts", "int"),
                                    layout.Column("note")), owner="bees")
CREATE = Migration(1, lambda con: con.execute(TABLE.create_sql()), "visits")
INDEX = Migration(2, lambda con: con.execute(
    "CREATE INDEX ix_bees_visit_note ON bees_visit(note)"), "index notes")


@pytest.fixture
def store(tmp_path: Path, monkeypatch) -> Store:
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    layout.register_sector_table(TABLE)
    s = Store.open_writer(tmp_path / "site" / "deungdae.db")
    yield s
    s.close()
    layout.unregister_sector_tables("bees")


def _schema(db: Path) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_an_empty_record_migrates_without_a_backup(store: Store) -> None:
    assert store.query("SELECT count(*) FROM ledger") == [(0,)]
    assert run_migrations(store, "bees", [CREATE, INDEX]) == ([1, 2], None)
    assert run_migrations(store, "bees", [CREATE, INDEX]) == ([], None)
    assert store.schema_change(lambda con: schema_version(con, "bees")) == 2


def test_an_existing_record_is_backed_up_before_its_schema_changes(store: Store) -> None:
    run_migrations(store, "bees", [CREATE])
    store.ensure_tables([TABLE])
    store.append_record("bees_visit", {"ts": T0, "note": "first"})
    done, kept = run_migrations(store, "bees", [CREATE, INDEX])
    assert done == [2] and kept is not None and kept.parent == store.path.parent / "backups"
    assert "before-bees-v2" in kept.name
    names = {r[1] for r in _schema(kept)}
    assert "bees_visit" in names and "ix_bees_visit_note" not in names  # as it was
    assert verify_database(kept, store.path.parent, live=False).ok
    assert any(r[1] == "ix_bees_visit_note" for r in _schema(store.path))


def test_a_failing_step_is_refused_and_changes_nothing(store: Store) -> None:
    run_migrations(store, "bees", [CREATE])
    store.ensure_tables([TABLE])
    store.append_event(NewEvent(T0, "note", "an entry, so the record is backed up"))
    before = _schema(store.path)

    def bad(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE bees_visit ADD COLUMN hive TEXT")
        raise RuntimeError("disk on fire")

    with pytest.raises(MigrationFailed) as exc:
        run_migrations(store, "bees", [CREATE, Migration(2, bad, "add hive")])
    msg = str(exc.value)
    assert "sector 'bees': migration 2 (add hive) failed: disk on fire" in msg
    assert "left out" in msg and "as it was before" in msg and "섹터 'bees'" in msg
    assert _schema(store.path) == before
    assert store.schema_change(lambda con: schema_version(con, "bees")) == 1
    store.append_event(NewEvent(T0 + 1, "note", "the store still records"))
    assert store.verify().ok


def test_a_step_that_committed_on_its_own_is_put_back_from_the_backup(store: Store) -> None:
    run_migrations(store, "bees", [CREATE])
    store.ensure_tables([TABLE])
    store.append_record("bees_visit", {"ts": T0, "note": "kept"})
    before = _schema(store.path)
    heads = store.heads()

    def sneaky(con: sqlite3.Connection) -> None:
        con.executescript("CREATE TABLE bees_junk (x); INSERT INTO bees_junk VALUES (1);")
        raise RuntimeError("half done")

    with pytest.raises(MigrationFailed) as exc:
        run_migrations(store, "bees", [CREATE, Migration(2, sneaky)])
    assert "put back from the backup" in str(exc.value)
    assert _schema(store.path) == before  # bees_junk is gone again
    assert store.heads() == heads
    store.append_record("bees_visit", {"ts": T0 + 1, "note": "after"})
    assert store.verify().ok
    assert [r[0] for r in store.query("SELECT note FROM bees_visit ORDER BY id")] == [
        "kept", "after"]


def test_the_engine_leaves_a_sector_whose_migration_fails_out(hive, data_dir: Path,
                                                             monkeypatch) -> None:
    from deungdae.desktop.cli.site_commands import init_site
    from deungdae.desktop.engine import config as site_config
    from deungdae.desktop.engine.engine import Engine
    from deungdae.hardware.clock import ManualClock
    from deungdae.sectors.contract import discover

    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    init_site(data_dir, "hive-apiary")

    def engine() -> Engine:
        sectors = discover()
        cfg = site_config.load(data_dir / "site.toml", sectors)
        return Engine(data_dir, cfg, ManualClock(T0), sectors)

    eng = engine()
    eng.run(30)
    assert eng.sector_problems == []
    sector = discover()["hive"]
    broken = [*sector.migrations(), Migration(2, lambda con: con.execute("SELEC nonsense"),
                                              "typo")]
    monkeypatch.setattr(type(sector), "migrations", lambda self: broken)
    eng = engine()
    eng.run(30)
    (problem,) = eng.sector_problems
    assert "sector 'hive': migration 2 (typo) failed" in problem
    assert not any(k[0].startswith("hive.") for k in eng.open_incidents)
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert s.query("SELECT version FROM sector_schema WHERE sector = 'hive'") == [(1,)]
        assert s.count_readings() > 60  # recording went on
    assert list((data_dir / "backups").glob("deungdae-*-before-hive-v2.db"))


def test_a_column_added_by_a_migration_keeps_old_seals(store: Store) -> None:
    run_migrations(store, "bees", [CREATE])
    store.ensure_tables([TABLE])
    store.append_record("bees_visit", {"ts": T0, "note": "before"})
    grown = layout.Table("bees_visit", (*TABLE.columns,
                                        layout.Column("weight", "float", nullable=True)),
                         owner="bees")
    add = Migration(2, lambda con: con.execute("ALTER TABLE bees_visit ADD COLUMN weight REAL"),
                    "weight")
    layout.unregister_sector_tables("bees")  # the sector's new version declares it grown
    layout.register_sector_table(grown)
    assert run_migrations(store, "bees", [CREATE, add])[0] == [2]
    store.ensure_tables([grown])
    store.append_record("bees_visit", {"ts": T0 + 1, "note": "after", "weight": 2.5})
    assert store.verify().ok
    decls = store.config_changes("record_table", "bees_visit")
    assert [len(d["new"]["columns"]) for d in decls] == [3, 4]
    layout.unregister_sector_tables("bees")  # a verify without the sector reads the newest
    assert verify_database(store.path, store.path.parent).ok
    con = sqlite3.connect(store.path)
    con.execute("DROP TRIGGER bees_visit_no_update")
    con.execute("UPDATE bees_visit SET weight = 9.0 WHERE id = 1")  # a value put in later
    con.commit()
    con.close()
    rep = verify_database(store.path, store.path.parent)
    assert any(p.kind == "edited" and p.table == "bees_visit" and p.row == "1"
               for p in rep.problems), rep.problems


def test_a_table_that_would_break_old_seals_is_refused(store: Store) -> None:
    from deungdae.records.errors import StoreError

    run_migrations(store, "bees", [CREATE])
    store.ensure_tables([TABLE])
    store.append_record("bees_visit", {"ts": T0, "note": "sealed"})
    renamed = layout.Table("bees_visit", (TABLE.columns[0], TABLE.columns[1],
                                          layout.Column("remark")), owner="bees")
    store.schema_change(lambda con: con.execute(
        "ALTER TABLE bees_visit RENAME COLUMN note TO remark"))
    with pytest.raises(StoreError, match="may only grow by nullable columns at its end"):
        store.ensure_tables([renamed])
