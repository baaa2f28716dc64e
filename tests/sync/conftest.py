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

    from records import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8192,
                                                         parallelism=1))
