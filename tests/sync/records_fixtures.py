"""Real local records for the sync tests, written through `records.store.Store`."""

from __future__ import annotations

import base64
import gzip
import json
import sqlite3
from pathlib import Path

from deungdae.records import chain, corrections, signatures, users
from deungdae.records.keys import KeyStore
from deungdae.records.store import NewEvent, Store
from deungdae.sync import wire

T0 = 1_764_000_000_000
CHANNELS = ("t1", "t2", "t3", "rh")


def blocks_of(n_blocks: int, per: int = 5, t0: int = T0, first_block: int = 0):
    """`n_blocks` batches of 1 Hz readings for every channel, as pollers deliver them."""
    out = []
    for b in range(first_block, first_block + n_blocks):
        batch = []
        for i in range(per):
            ts = t0 + (b * per + i) * 1000
            for c in range(1, len(CHANNELS) + 1):
                k = b * per + i
                if (k + c) % 13 == 0:
                    v, q = None, 2           # a timeout: no value
                elif (k + c) % 29 == 0:
                    v, q = -0.0, 0           # sealed as 0.0
                else:
                    v, q = round(20 + c + k * 0.013, 3), 0
                batch.append((c, ts, v, q))
        out.append(batch)
    return out


def write_record(root: Path, n_blocks: int = 30, per: int = 5, *, rich: bool = True) -> Store:
    """A record with readings, events, corrections, config changes, users, sign-ins and a
    signature; returns the open writer (close it when done)."""
    store = Store.open_writer(root / "deungdae.db")
    store.set_site("Sync test plant", "Asia/Seoul")
    store.ensure_device("fridge", "Fridge", "simulator", "", None)
    for key in CHANNELS:
        store.ensure_channel(key, name=f"채널 {key}", unit="°C", device_key="fridge")
    blocks = blocks_of(n_blocks, per)
    for i, batch in enumerate(blocks):
        store.append_readings(batch)
        if rich and i % 7 == 3:
            store.append_event(NewEvent(ts=batch[0][1], kind="alarm.start", severity="alarm",
                                        channel="t1", message=f"높음 {i}",
                                        data={"side": "high", "v": 9.5, "i": i}))
    if rich:
        # a back-dated manual value (its block lies far outside the others' time span)
        store.append_readings([(1, T0 - 86_400_000, 3.25, 64)], user="kim")
        eid = store.append_event(NewEvent(ts=T0, kind="manual.entry", channel="t1",
                                          user="kim", message="수기 입력", data={"value": 3.25}))
        users.add_user(store, "kim", "Kim Min-ji", "admin", "pw-1234", by="setup")
        corrections.correct_event(store, eid, {"message": "수기 입력 (정정)"},
                                  reason="typo", user="kim")
        corrections.correct_reading(store, 2, T0 + 1000, 21.5, reason="probe swapped",
                                    user="kim")
        store.record_config_change("ccp", "CCP1.limit", 70, 75, "kim", "new validation")
        signatures.sign(store, "kim", "pw-1234", "reviewed", [f"event:{eid}"], "ok")
    return store


def key_of(root: Path) -> tuple[str, bytes]:
    con = sqlite3.connect(root / "deungdae.db")
    key_id = con.execute("SELECT value FROM meta WHERE key = 'chain_key_id'").fetchone()[0]
    con.close()
    return key_id, KeyStore(root).load(key_id)


def decode(body: bytes) -> wire.Batch:
    """A gzip'd batch body as the platform parses it (fails on any contract breach)."""
    return wire.Batch.model_validate_json(gzip.decompress(body))


def check_entries(key: bytes, prev_mac: bytes, entries: list[wire.Entry]) -> bytes:
    """Recompute every entry's seal and link from what travelled; returns the last MAC."""
    for e in entries:
        if e.tbl == "ingest_block":
            digest = chain.block_digest(e.row, base64.b64decode(e.readings or ""))
        else:
            assert len(e.row) == len(wire.ROW_COLUMNS[e.tbl])
            digest = chain.table_row_digest(e.tbl, e.row)
        rmac, mac = chain.seal_macs(key, prev_mac, e.seq, e.tbl, e.row_id, digest)
        assert rmac.hex() == e.rmac, f"#{e.seq} {e.tbl} {e.row_id}: row seal differs"
        assert mac.hex() == e.mac, f"#{e.seq}: link differs"
        prev_mac = mac
    return prev_mac


def local_rows(con: sqlite3.Connection, tbl: str) -> list[list]:
    return [list(r) for r in con.execute(f"SELECT * FROM {tbl} ORDER BY id")]


def jsonable(rows: list[list]) -> list[list]:
    return json.loads(json.dumps(rows))
