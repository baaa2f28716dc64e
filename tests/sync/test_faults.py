"""Faults between a real desktop record and a real `deungdae-central`: the server killed
mid-sync, the client killed mid-sync, a long network outage while the engine records, a
response lost after commit, a restored old backup. After each, the platform holds exactly
the local rows: no gap, no duplicate."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from deungdae.desktop.cli.main import main
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import RealClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from deungdae.sync import errors, state
from deungdae.sync.registration import register
from deungdae.sync.service import Backoff, SyncService
from deungdae.sync.status import read_status
from tests.sync.central_server import Central
from tests.sync.faulty_proxy import FaultyProxy
from tests.sync.platform_checks import assert_platform_equals_local
from tests.sync.records_fixtures import T0, write_record


def wait_until(pred, timeout: float = 60.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what or pred}")


@pytest.fixture
def central(tmp_path):
    (tmp_path / "c").mkdir()
    c = Central(tmp_path / "c").start()
    yield c
    c.stop()


def big_record(root, blocks: int, per_block: int) -> None:
    """`blocks` blocks of `per_block` readings (4 channels), plus a few events."""
    store = write_record(root, n_blocks=3, rich=True)
    per_ch = per_block // 4
    try:
        for b in range(blocks):
            base = T0 + 10_000_000 + b * per_ch * 1000
            store.append_readings([(c, base + i * 1000, 10.0 + c + (b * per_ch + i) * 0.001, 0)
                                   for i in range(per_ch) for c in range(1, 5)])
    finally:
        store.close()


def test_server_killed_mid_sync_and_restarted(central, tmp_path):
    root = tmp_path / "site"
    big_record(root, blocks=300, per_block=40)
    register(root, central.url, central.plant_add("Killed server"))
    svc = SyncService(root, max_bytes=8 * 1024, poll_seconds=0.1,
                      backoff=Backoff(base=0.05, cap=0.3))
    svc.start()
    try:
        wait_until(lambda: (state.load(root).acked_seq or 0) > 30, what="first acks")
        central.kill()
        killed_at = state.load(root).acked_seq
        wait_until(lambda: read_status(root).state == "offline", what="offline state")
        err = read_status(root).last_error
        assert "no Deungdae platform" in err or "connection to" in err and "broke" in err
        central.start()
        wait_until(lambda: read_status(root).backlog_entries == 0 and
                   read_status(root).state == "idle", what="drained after restart")
    finally:
        assert svc.stop()
    st = read_status(root)
    assert killed_at < st.acked_seq and st.last_error is None
    assert_platform_equals_local(central, root)


def test_client_killed_mid_sync_then_resumed(central, tmp_path, capsys):
    root = tmp_path / "site"
    big_record(root, blocks=600, per_block=100)
    register(root, central.url, central.plant_add("Killed client"))
    env = dict(os.environ, DEUNGDAE_KEYRING="off")
    proc = subprocess.Popen(
        [sys.executable, "-m", "deungdae.desktop.cli.main", "--data-dir", str(root), "sync", "--once",
         "--batch-kb", "16"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until(lambda: state.load(root).acked_seq > 20 or proc.poll() is not None,
                   what="the subprocess sending")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the sync must still have been running"
    left = read_status(root)
    assert left.backlog_entries > 0 and left.state == "sending"
    assert main(["--data-dir", str(root), "sync", "--once"]) == 0
    assert "sent " in capsys.readouterr().out
    assert read_status(root).backlog_entries == 0
    assert_platform_equals_local(central, root)


SITE = """
[site]
name = "Outage plant"
timezone = "Asia/Seoul"

[[devices]]
id = "fridge"
profile = "simulator"
interval = 0.05

[devices.points.temp]
unit = "°C"
base = 4.0

[devices.points.door]
unit = ""
base = 0.0

[[channels]]
id = "fridge.temp"
name = "Fridge"
"""


def test_long_outage_while_the_engine_records(central, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(SyncService, "POLL_SECONDS", 0.1)
    monkeypatch.setattr(SyncService, "BACKOFF_BASE", 0.05)
    monkeypatch.setattr(SyncService, "BACKOFF_CAP", 0.4)
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.toml").write_text(SITE, encoding="utf-8")
    with Store.open_writer(root / "deungdae.db"):
        pass  # creates the record and its key
    with FaultyProxy("127.0.0.1", central.port) as proxy:
        register(root, proxy.url, central.plant_add("Outage"))
        proxy.mode = "refuse"
        cfg = site_config.load(root / "site.toml", discover())
        eng = Engine(root, cfg, RealClock(), discover(), flush_seconds=0.1)
        eng.open()
        assert eng.sync is not None and eng.sync.running
        t = threading.Thread(target=eng.run, kwargs={"seconds": 30}, daemon=True)
        t.start()
        try:
            wait_until(lambda: read_status(root).state == "offline", what="offline")
            assert main(["--data-dir", str(root), "sync", "--once"]) == 1
            assert "already syncing" in capsys.readouterr().err
            time.sleep(1.5)
            offline_rows = read_status(root).backlog_readings
            assert offline_rows > 20, "recording goes on while the link is down"
            proxy.mode = "http503"
            wait_until(lambda: proxy.by_mode["http503"] >= 2, what="503s")
            assert "cannot store data now" in read_status(root).last_error
            proxy.mode = "hang"
            wait_until(lambda: proxy.by_mode["hang"] >= 1, what="a hung request")
            time.sleep(0.3)
            proxy.drop_next(2, "/api/v1/ingest")  # committed, answer lost: resent
            proxy.mode = "pass"
            wait_until(lambda: proxy.responses_dropped >= 2, what="dropped responses")
            wait_until(lambda: read_status(root).backlog_readings < offline_rows,
                       what="the backlog draining")
            # the next session asked the platform where it stands: what was committed
            # behind a lost answer is not sent again, and nothing is skipped
            wait_until(lambda: read_status(root).state == "idle", what="caught up")
            assert state.load(root).duplicates == 0
        finally:
            eng.stop()
            t.join(20)
        assert not t.is_alive()
        assert eng.sync is None, "closing the engine stops its sync"
        assert main(["--data-dir", str(root), "sync", "--once", "-q"]) == 0
        assert read_status(root).backlog_entries == 0
        ch = assert_platform_equals_local(central, root)
        assert ch["readings"] > offline_rows


def test_a_restored_old_backup_is_refused_as_a_fork(central, tmp_path, capsys):
    root = tmp_path / "site"
    write_record(root, n_blocks=5, rich=False).close()
    register(root, central.url, central.plant_add("Restored"))
    backup = tmp_path / "backup"
    shutil.copytree(root, backup)
    with Store.open_writer(root / "deungdae.db") as store:
        store.append_readings([(1, T0 + 9_000_000, 1.0, 0)])
    assert main(["--data-dir", str(root), "sync", "--once"]) == 0
    capsys.readouterr()
    synced_head = state.load(root).acked_seq

    # the old copy comes back: the platform is ahead of it
    shutil.rmtree(root)
    shutil.copytree(backup, root)
    assert main(["--data-dir", str(root), "sync", "--once"]) == 1
    err = capsys.readouterr().err
    assert (f"the platform holds a different record for this plant from #{synced_head}: was "
            "this data dir restored from an older backup?") in err
    # ... and then records something else at the same position: a fork
    with Store.open_writer(root / "deungdae.db") as store:
        store.append_readings([(2, T0 + 9_000_000, 2.0, 0)])
        store.append_readings([(2, T0 + 9_001_000, 2.0, 0)])
    with pytest.raises(errors.ForkError, match=f"from #{synced_head}: was this data dir"):
        s = SyncService(root)
        s.acquire()
        try:
            s.drain()
        finally:
            s.release()
    assert read_status(root).backlog_entries > 0
