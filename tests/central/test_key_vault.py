"""Escrowed chain keys are encrypted at rest under a server key kept outside the database."""

from __future__ import annotations

import os
import secrets
import stat

import pytest

from deungdae.central import auth
from deungdae.central.db import Database, DatabaseConfigError
from deungdae.central.key_vault import ENV_KEY, ENV_KEY_FILE
from tests.central.conftest import API
from tests.central.records_to_wire import post
from tests.central.servers import central_server, run_cli


def _db_bytes(path):
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*")
                    if not p.name.endswith(".key"))


def test_keys_are_sealed_files_private_and_chain_still_checks(tmp_path, desktop, monkeypatch):
    monkeypatch.delenv(ENV_KEY, raising=False)
    monkeypatch.delenv(ENV_KEY_FILE, raising=False)
    path = tmp_path / "c" / "central.db"
    url = f"sqlite:///{path}"
    db = Database(url)
    db.init()
    _pid, code = auth.add_plant(db, "Busan")
    db.dispose()
    desktop.fill(blocks=2, per_block=20)
    with central_server(url) as (base, _proc):
        import httpx

        r = httpx.post(base + API + "/register", json={
            "code": code, "key_id": desktop.store.key_id, "chain_key": desktop.store.key.hex()})
        assert r.status_code == 200, r.text
        with httpx.Client(base_url=base + API,
                          headers={"Authorization": f"Bearer {r.json()['token']}"}) as c:
            for b in desktop.batches(50):
                ack = post(c, b)
                assert ack.status_code == 200 and ack.json()["chain_ok"], ack.text
    key = desktop.store.key
    data = _db_bytes(path)
    assert key.hex().encode() not in data and key not in data
    assert key.hex().upper().encode() not in data
    for p in (path, path.with_name("central.db.key")):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_plaintext_keys_migrate_and_a_wrong_server_key_is_one_clear_error(tmp_path,
                                                                           monkeypatch):
    monkeypatch.delenv(ENV_KEY_FILE, raising=False)
    monkeypatch.setenv(ENV_KEY, secrets.token_hex(32))
    path = tmp_path / "central.db"
    db = Database(f"sqlite:///{path}")
    db.init()
    pid, _code = auth.add_plant(db, "Old")
    plain = secrets.token_hex(32)
    with db.write() as con:  # as an older deungdae-central stored it
        con.execute("UPDATE plant SET chain_key = ?, key_id = 'abcdef01' WHERE id = ?",
                    (plain, pid))
    db.dispose()
    db = Database(f"sqlite:///{path}")
    db.init()
    with db.read() as con:
        stored = con.one("SELECT chain_key FROM plant WHERE id = ?", (pid,))[0]
    assert stored.startswith("v1:") and plain not in stored
    assert db.vault.open(pid, stored) == plain
    db.dispose()
    assert plain.encode() not in _db_bytes(path)

    wrong = secrets.token_hex(32)
    monkeypatch.setenv(ENV_KEY, wrong)
    with pytest.raises(DatabaseConfigError, match="server key .* does not open"):
        Database(f"sqlite:///{path}").init()
    r = run_cli("plant", "list", "--db", f"sqlite:///{path}", env={ENV_KEY: wrong})
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not open" in lines[0] and "Traceback" not in r.stderr
    r = run_cli("plant", "list", "--db", f"sqlite:///{path}", env={ENV_KEY: "nothex"})
    assert r.returncode != 0 and "64 hex" in r.stderr


def test_key_file_is_configurable(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_KEY, raising=False)
    kf = tmp_path / "secrets" / "central.key"
    monkeypatch.setenv(ENV_KEY_FILE, str(kf))
    db = Database(f"sqlite:///{tmp_path / 'central.db'}")
    db.init()
    db.dispose()
    assert kf.exists() and stat.S_IMODE(kf.stat().st_mode) == 0o600
    assert not (tmp_path / "central.db.key").exists()
    assert os.path.getsize(kf) == 65
