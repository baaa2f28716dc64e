"""A logger that is already recording starts syncing once its data dir is registered."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest

from deungdae.desktop.cli.main import main
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine import engine as engine_module
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import RealClock
from deungdae.sectors.contract import discover
from deungdae.sync import wire
from deungdae.sync.state import load
from deungdae.sync.token_store import TokenStore
from tests.desktop.sites import COLD_ROOM
from tests.sync.central_server import Central


@pytest.fixture
def central(tmp_path, monkeypatch):
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    (tmp_path / "srv").mkdir()
    c = Central(tmp_path / "srv").start()
    yield c
    c.stop()


def _stored(central: Central, root: Path) -> int:
    st = load(root)
    token = TokenStore(root).load(st.key_id)
    return httpx.get(central.url + wire.API_PREFIX + "/position", timeout=10,
                     headers={"Authorization": f"Bearer {token}"}).json()["stored_seq"]


def test_registering_while_the_logger_records_starts_sync(data_dir: Path, central,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "SYNC_CHECK_SECONDS", 0.2)
    data_dir.mkdir(parents=True)
    (data_dir / "site.toml").write_text(COLD_ROOM, encoding="utf-8")
    eng = Engine(data_dir, site_config.load(data_dir / "site.toml", discover()), RealClock(),
                 discover())
    runner = threading.Thread(target=eng.run, daemon=True)
    runner.start()
    try:
        deadline = threading.Event()
        while eng.readings_written == 0 and not deadline.wait(0.1):
            pass
        assert eng.sync is None  # not registered yet: offline only
        assert main(["register", central.url, central.plant_add("Late plant"),
                     "--data-dir", str(data_dir)]) == 0
        for _ in range(100):
            if eng.sync is not None and _stored(central, data_dir) > 0:
                break
            deadline.wait(0.1)
        assert eng.sync is not None and eng.sync.running
        assert _stored(central, data_dir) > 0
    finally:
        eng.stop()
        runner.join(30)
