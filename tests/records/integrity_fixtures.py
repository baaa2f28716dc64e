"""Shared fixtures of the integrity tests (imported by each test module, so that the
store tests' own conftest stays theirs): the key lives in a 0600 file, argon2 is cheap."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def file_key(monkeypatch):
    # never touch a developer's real keyring; the file fallback is what headless Linux uses
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")


@pytest.fixture(autouse=True)
def fast_argon2(monkeypatch):
    from argon2 import PasswordHasher

    from deungdae.records import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8192,
                                                         parallelism=1))


T0 = 1_764_000_000_000


def rows_for(blocks: int, channels: int = 4, per: int = 25, t0: int = T0):
    """`blocks` batches of 1 Hz readings, time-interleaved as pollers deliver them."""
    out = []
    for b in range(blocks):
        batch = []
        for i in range(per):
            ts = t0 + (b * per + i) * 1000
            for c in range(1, channels + 1):
                v = None if (i + c) % 17 == 0 else round(20 + c + i * 0.01, 2)
                batch.append((c, ts, v, 0 if v is not None else 2))
        out.append(batch)
    return out


def make_store(tmp_path, blocks: int = 4, events: int = 5):
    from deungdae.records.store import NewEvent, Store

    store = Store.open_writer(tmp_path / "deungdae.db")
    for c in range(1, 5):
        store.ensure_channel(f"t{c}", unit="C")
    store.set_site("Plant", "Asia/Seoul")
    for batch in rows_for(blocks):
        store.append_readings(batch)
    for i in range(events):
        store.append_event(NewEvent(ts=T0 + i, kind="alarm", message=f"hot {i}",
                                    data={"n": i}))
    return store
