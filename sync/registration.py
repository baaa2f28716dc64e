"""Registering a data dir with a central platform: `deungdae register URL CODE`.

The platform gets the record's chain key (escrowed, so it can check every seal it
receives) and answers with the plant's bearer token. The token goes to the token store,
the address and plant to `sync.db`; the acknowledged position starts at 0 and the first
sync session asks the platform where it stands anyway.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

from deungdae.records.keys import KeyStore
from deungdae.sync import errors, state, wire
from deungdae.sync.client import Client, normalize_url
from deungdae.sync.outbox import open_record
from deungdae.sync.token_store import TokenStore


def record_key_id(db_path: Path) -> str:
    """The record's chain key id (meta `chain_key_id`), read without the writer's lock."""
    if not Path(db_path).exists():
        raise errors.NotRegistered(f"no record at {db_path}; run `deungdae init` first")
    con = open_record(db_path)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'chain_key_id'").fetchone()
    finally:
        con.close()
    if row is None:
        raise errors.NotRegistered(
            f"the record {db_path} is not sealed yet (no chain key); start the logger once "
            "(`deungdae run --headless --seconds 1`) and register again")
    return row[0]


def is_plain_remote_http(url: str) -> bool:
    """True for an `http://` address that is not this machine (127.0.0.0/8, ::1, localhost):
    registering there would send the chain key in clear over the network."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "http":
        return False
    try:
        host = (parts.hostname or "").lower()
    except ValueError:
        return True
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def register(data_dir: Path, url: str, code: str, *, ca_bundle: str | None = None,
             client_version: str = "", db_path: Path | None = None,
             insecure_http: bool = False) -> state.SyncState:
    """Register this data dir's record with the platform at `url` using a one-time `code`.

    Plain http to another machine is refused unless `insecure_http`: registration escrows
    the chain key, and anyone on the path could then re-seal this plant's record."""
    data_dir = Path(data_dir)
    db_path = Path(db_path) if db_path else data_dir / state.RECORD_NAME
    key_id = record_key_id(db_path)
    key = KeyStore(data_dir).load(key_id)
    if ca_bundle:
        ca_bundle = str(Path(ca_bundle).expanduser().resolve())
    url = normalize_url(url)
    if is_plain_remote_http(url) and not insecure_http:
        raise errors.RegistrationRefused(
            f"{url} is plain http to another machine: registering sends this plant's chain "
            "key in clear. Use https://, or give --insecure-http if the network is trusted")
    code = code.strip()
    if not 8 <= len(code) <= 64:
        raise errors.RegistrationRefused(
            f"'{code}' is not a registration code (8 to 64 characters, as printed by "
            "`deungdae-central plant add`)")
    req = wire.RegisterRequest(code=code, key_id=key_id, chain_key=key.hex(),
                               client_version=client_version[:64])
    with Client(url, ca_bundle=ca_bundle) as client:
        resp = client.register(req)
    TokenStore(data_dir).save(key_id, resp.token)
    offset = resp.server_time - state.now_ms()
    st = state.SyncState(url=url, ca_bundle=ca_bundle, plant_id=resp.plant_id,
                         plant_name=resp.plant_name, key_id=key_id,
                         registered_ms=state.now_ms(), clock_offset_ms=offset)
    return state.save(data_dir, st)
