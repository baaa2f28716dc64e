"""A sector's own table, end to end: the third-party beehive sector (installed through a
real entry point) records an inspection row; `deungdae verify` checks it and `deungdae
sync` ships it to a real `deungdae-central` on loopback, which stores and checks it from
the declaration the plant sealed, with the sector installed on neither the verifying or
syncing process nor the platform. A row edited with raw sqlite3 is located by both."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from deungdae.desktop.cli.main import main
from deungdae.desktop.cli.site_commands import init_site
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records import declared, layout
from deungdae.sectors.contract import discover
from tests.sectors.thirdparty.install import installed_hive
from tests.sync.central_server import Central
from tests.sync.platform_checks import server_rows, token_of
from tests.sync.records_fixtures import T0


@pytest.fixture(scope="module")
def central(tmp_path_factory) -> Iterator[Central]:
    c = Central(tmp_path_factory.mktemp("central")).start()  # no hive on its path
    yield c
    c.stop()


@pytest.fixture
def hive(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    with installed_hive(tmp_path / "site-packages") as sp:
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
            [str(sp), *filter(None, [os.environ.get("PYTHONPATH")])]))
        yield sp


def cli(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), *args])


def _apiary(root: Path, inspections: list[tuple[str, str]]) -> None:
    """Run the hive plant for a simulated minute and record inspections in its table."""
    sectors = discover()
    init_site(root, "hive-apiary")
    cfg = site_config.load(root / "site.toml", sectors)
    eng = Engine(root, cfg, ManualClock(T0), sectors)
    eng.run(60, close=False)
    try:
        assert eng.store is not None
        for k, (hive_id, note) in enumerate(inspections):
            eng.store.append_record("hive_inspection", {
                "ts": T0 + 61_000 + k, "hive": hive_id, "note": note, "user": "kim"})
    finally:
        eng.close()


def _forget_hive() -> None:
    """From here on this process knows the table only from the record (as a separate
    `deungdae verify`/`sync` process without the sector would)."""
    layout.unregister_sector_tables("hive")
    assert "hive_inspection" not in layout.row_tables()


def test_inspection_rows_are_sealed_verified_synced_and_checked_on_central(
        hive, central, tmp_path, capsys) -> None:
    root = tmp_path / "apiary"
    _apiary(root, [("A-1", "queen seen, 8 frames brood"), ("B-2", "벌집 교체")])
    db = root / "deungdae.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        assert con.execute("SELECT version FROM sector_schema WHERE sector = 'hive'"
                           ).fetchone() == (1,)
        decl = declared.in_record(con)["hive_inspection"]
        sealed = con.execute("SELECT count(*) FROM ledger WHERE tbl = 'hive_inspection'"
                             ).fetchone()[0]
    assert decl.column_names == ("id", "ts", "hive", "note", "user") and sealed == 2
    _forget_hive()

    assert cli(root, "verify", "-q") == 0, capsys.readouterr().out
    capsys.readouterr()
    assert cli(root, "register", central.url, central.plant_add("Apiary")) == 0
    assert cli(root, "sync", "--once") == 0
    capsys.readouterr()
    token = token_of(root)
    rows = server_rows(central, token, "hive_inspection")
    assert [r[2:4] for r in rows] == [["A-1", "queen seen, 8 frames brood"],
                                      ["B-2", "벌집 교체"]]
    page = central.get(token, "/records/hive_inspection")
    assert page["columns"] == ["id", "ts", "hive", "note", "user"]
    ch = central.get(token, "/chain")
    assert ch["chain_ok"] and ch["problems"] == [], ch["problems"]
    assert ch["counts"]["hive_inspection"] == 2
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        assert ch["stored_seq"] == con.execute("SELECT max(seq) FROM ledger").fetchone()[0]


def test_an_inspection_edited_behind_the_apps_back_is_located_here_and_on_central(
        hive, central, tmp_path, capsys) -> None:
    root = tmp_path / "apiary"
    _apiary(root, [("A-1", "calm"), ("A-2", "calm")])
    _forget_hive()
    db = root / "deungdae.db"
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER hive_inspection_no_update")
    con.execute("DROP TRIGGER hive_inspection_no_delete")
    con.execute("UPDATE hive_inspection SET note = 'swarm cells removed' WHERE id = 2")
    seq = con.execute("SELECT seq FROM ledger WHERE tbl = 'hive_inspection' AND row_id = 2"
                      ).fetchone()[0]
    con.commit()
    con.close()

    assert cli(root, "verify", "-q") == 1
    out = capsys.readouterr().out
    assert f"EDITED    hive_inspection 2, ledger #{seq}: content differs" in out, out
    assert "hive_inspection_no_update" in out and "re-created" in out
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE "
                                           "type = 'trigger'")}
        events = [json.loads(r[0]) for r in con.execute(
            "SELECT data FROM event WHERE kind = 'record.triggers_restored'")]
    assert {"hive_inspection_no_update", "hive_inspection_no_delete"} <= names
    assert events and "hive_inspection_no_update" in events[-1]["triggers"]

    assert cli(root, "register", central.url, central.plant_add("Edited apiary")) == 0
    cli(root, "sync", "--once")
    capsys.readouterr()
    ch = central.get(token_of(root), "/chain")
    assert not ch["chain_ok"]
    assert any(p.startswith(f"ledger #{seq} hive_inspection 2: content differs from what "
                            "was sealed") for p in ch["problems"]), ch["problems"]
