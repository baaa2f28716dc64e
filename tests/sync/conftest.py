"""Sync tests: the record key and the sync token live in 0600 files, never in a real
keyring; password hashing is cheap."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def file_secrets(monkeypatch):
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")


@pytest.fixture(autouse=True)
def fast_argon2(monkeypatch):
    from argon2 import PasswordHasher

    from deungdae.records import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8192,
                                                         parallelism=1))


@pytest.fixture(autouse=True)
def own_log_handlers():
    """`main()` adds log handlers to the root logger; other tests' handlers may point at
    streams pytest already closed. Each test here starts without them, and ends so."""
    import logging

    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers = []
    yield
    for h in root.handlers:
        h.close()
    root.handlers = saved
