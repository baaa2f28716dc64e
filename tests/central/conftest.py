"""Fixtures for central's tests: real servers on both backends, real desktop records.

One server per backend per session (plants are isolated from each other, which is what
the tests check), a fresh plant and a fresh desktop record per test.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from deungdae.central import auth
from deungdae.central.db import Database
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.declare import record_declared_kinds
from deungdae.sectors.api.discovery import event_kinds
from deungdae.sectors.api.figures import Figure, record_declared_figures
from tests.central import records_to_wire
from tests.central.servers import central_server, new_database, private_postgres
from tests.conftest import T0

API = "/api/v1"


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with private_postgres(tmp_path_factory.mktemp("pg")) as url:
        yield url


@dataclass
class Central:
    """A running `deungdae-central serve` and its database."""

    base_url: str
    db_url: str
    backend: str

    def db(self) -> Database:
        return Database(self.db_url)

    def add_plant(self, name: str | None = None) -> tuple[str, str]:
        name = name or f"plant-{secrets.token_hex(4)}"
        db = self.db()
        try:
            return name, auth.add_plant(db, name)[1]
        finally:
            db.dispose()

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url + API, headers=headers, timeout=60)

    def register(self, store: Store, code: str | None = None) -> str:
        code = code or self.add_plant()[1]
        with self.client() as c:
            r = c.post("/register", json={"code": code, "key_id": store.key_id,
                                          "chain_key": store.key.hex()})
            assert r.status_code == 200, r.text
            return r.json()["token"]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Central]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('central') / 'central.db'}"
    else:
        url = new_database(request.getfixturevalue("pg_server"))
    with central_server(url) as (base, _proc):
        yield Central(base, url, request.param)


@pytest.fixture
def sqlite_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    url = f"sqlite:///{tmp_path_factory.mktemp('central') / 'central.db'}"
    with central_server(url) as (base, _proc):
        yield Central(base, url, "sqlite")


class Desktop:
    """A real desktop record (sealed with a known key) and helpers to ship it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = Store.open_writer(path, key=secrets.token_bytes(32))
        self.store.set_site("Test plant", "Asia/Seoul")
        self.temp = self.store.ensure_channel("cooler.temp", "Cooler", "°C", "plc1")
        self.energy = self.store.ensure_channel("meter.kwh", "Main meter", "kWh", "meter1")
        record_declared_kinds(self.store, event_kinds())  # what the engine records at start
        # a sector's headline figure, as the engine records it: a kWh register's delta
        record_declared_figures(self.store, [Figure(
            "energy", "Energy used", "사용 전력량", "kWh", (("meter.kwh", 1.0),), "delta",
            "eco")])

    def fill(self, blocks: int = 6, per_block: int = 400, t0: int = T0) -> None:
        """Readings (with a missing value and bad-quality ones), events, config changes."""
        for b in range(blocks):
            rows = []
            for i in range(per_block):
                k = b * per_block + i
                ts = t0 + k * 1000
                v: float | None = 3.0 + 2.0 * math.sin(k / 50.0)
                q = 0
                if k % 97 == 5:
                    v = None
                elif k % 89 == 7:
                    q = 4  # timeout: kept, but not in aggregates
                rows.append((self.temp, ts, v, q))
                rows.append((self.energy, ts, 1000.0 + k * 0.01, 0))
            self.store.append_readings(rows)
            ts = t0 + (b + 1) * per_block * 1000
            dev = self.store.append_event(NewEvent(ts, "haccp.deviation", "cooler above 5 °C",
                                                   "warning", channel="cooler.temp",
                                                   data={"value": 5.5, "limit": 5}))
            if b % 2 == 0:
                self.store.append_event(NewEvent(ts + 1, "haccp.verify", "checked", user="kim",
                                                 ref_id=dev))
            self.store.append_event(NewEvent(ts + 2, "alarm.start", "high", "alarm",
                                             channel="cooler.temp"))
            if b < blocks - 1:
                self.store.append_event(NewEvent(ts + 3, "alarm.end", "back to normal",
                                                 channel="cooler.temp"))
            self.store.record_config_change("ccp", "cooler.max", 5, 5 + b, "kim", "tuning")
        self.store.flush_rollups()

    def batches(self, size: int = 10, after_seq: int = 0):
        return records_to_wire.batches(self.path, self.store.key_id, size, after_seq)

    def entries(self, after_seq: int = 0):
        return records_to_wire.entries(self.path, after_seq)

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    monkeypatch.setenv("DEUNGDAE_HOME", str(tmp_path / "site"))
    d = Desktop(tmp_path / "site" / "deungdae.db")
    yield d
    d.close()
