"""A sector from another package, installed through a real entry point, reaches the
engine, the record, the CLI, the sync stream and central with no line of ours naming it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from deungdae.desktop.cli.site_commands import init_site, open_alarms
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records import layout
from deungdae.records.store import Store
from deungdae.sectors.api import event_kinds, open_incidents
from deungdae.sectors.contract import discover
from tests.central.conftest import central, pg_server  # noqa: F401 - central fixtures
from tests.conftest import T0


def _engine(root: Path) -> Engine:
    sectors = discover()
    init_site(root, "hive-apiary")
    cfg = site_config.load(root / "site.toml", sectors)
    return Engine(root, cfg, ManualClock(T0), sectors)


def test_hive_is_discovered_with_its_kinds_and_table(hive) -> None:
    assert "hive" in discover()
    kinds = event_kinds()
    assert kinds.closing()["hive.settled"] == "hive.swarm"
    assert kinds.title("hive.swarm", "ko") == "분봉 경보"
    assert "hive_inspection" in layout.row_tables()


def test_hive_runs_in_the_engine_derived_incident_and_table(hive, data_dir: Path) -> None:
    eng = _engine(data_dir)
    eng.run(700, close=False)
    assert any(k[0] == "hive.swarm" for k in eng.open_incidents)  # brood above 36 °C
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert [i.kind.kind for i in open_incidents(s.events(), event_kinds())] == [
            "hive.swarm"]
    assert ("hive.temperature", "hive.swarm") in open_alarms(eng.store)
    eng.run(1100)
    assert eng.open_incidents == {}
    with Store.open_reader(data_dir / "deungdae.db") as s:
        dew = s.readings(s.channel_id("hive.dew_point"), 0, 2**62)
        temp = s.readings(s.channel_id("hive.temperature"), 0, 2**62)
        assert len(dew) >= len(temp) - 2 > 1700
        ok = [r for r in dew if (r[0] - T0) < 1_190_000]
        assert all(r[1] is not None and -10 < r[1] < 35 for r in ok)
        # humidity silent from t=1200 s for 100 s: after 30 s the dew point is missing
        gap = [r for r in dew if 1_240_000 <= r[0] - T0 < 1_295_000]
        assert gap and all(r[1] is None for r in gap)
        assert all(r[1] is not None for r in dew if r[0] - T0 > 1_310_000)
        tables = {r[0] for r in s.query("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "hive_inspection" in tables
        kinds = s.config_changes("event_kinds", "declared")[-1]["new"]
        assert {"hive.swarm", "hive.settled"} <= {k["kind"] for k in kinds}


def test_hive_reports_and_templates_in_the_cli(hive, data_dir: Path) -> None:
    def cli(*args: str) -> str:
        res = subprocess.run([sys.executable, "-m", "deungdae.desktop.cli.main", *args],
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr
        return res.stdout

    helptext = cli("report", "--help")
    assert "hive-daily" in helptext and "hive-season" in helptext and "season" in helptext
    assert "hive-apiary" in cli("templates")
    eng = _engine(data_dir)
    eng.run(900)
    out = data_dir / "season.csv"
    cli("report", "hive-season", "--period", "2020-01-01..2030-12-31", "-o", str(out))
    assert "hive.swarm" in out.read_text(encoding="utf-8")


def test_hive_reaches_the_sync_stream_and_central(hive, data_dir: Path,
                                                  central) -> None:  # noqa: F811
    """The engine's record, shipped as sync batches: central shows the open swarm incident
    from the kinds the plant declared, and the derived channel with its readings."""
    from deungdae.central import auth
    from tests.central import records_to_wire
    from tests.central.records_to_wire import post

    eng = _engine(data_dir)
    eng.run(700, close=False)  # the swarm alarm is open
    try:
        store = eng.store
        assert store is not None
        token = central.register(store)
        batches = list(records_to_wire.batches(store.path, store.key_id, 50))
        assert any(e.tbl == "ingest_block" for b in batches for e in b.entries)
        with central.client(token) as c:
            for b in batches:
                r = post(c, b)
                assert r.status_code == 200, r.text
            chans = {x["key"] for x in c.get("/channels").json()}
            assert "hive.dew_point" in chans
            raw = c.get("/readings/raw", params={"channel": "hive.dew_point", "start": T0,
                                                 "end": T0 + 10**7}).json()
            assert len(raw["rows"]) > 600
        db = central.db()
        try:
            op = auth.new_operator_token(db)
        finally:
            db.dispose()
        with central.client(op) as c:
            plants = c.get("/cluster", params={"start": T0, "end": T0 + 10**7}).json()["plants"]
        mine = next(p for p in plants if p["stored_seq"] == store.heads()["seq"])
        assert [d["kind"] for d in mine["open_deviations"]] == ["hive.swarm"]
    finally:
        eng.close()
