"""Row-by-row comparison of a local record with the platform's copy (through its API)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deungdae.records import chain, layout
from deungdae.sync import state
from deungdae.sync.token_store import TokenStore
from tests.sync.central_server import Central

PAGE = 1000


def token_of(root: Path) -> str:
    st = state.load(root)
    assert st is not None, "not registered"
    tok = TokenStore(root).load(st.key_id)
    assert tok
    return tok


def server_rows(central: Central, token: str, table: str) -> list[list]:
    out: list[list] = []
    after = -(2**62)
    while True:
        got = central.get(token, f"/records/{table}", after_id=after, limit=PAGE)["rows"]
        out.extend(got)
        if len(got) < PAGE:
            return out
        after = got[-1][0]


def server_readings(central: Central, token: str, key: str, t0: int, t1: int) -> list[tuple]:
    out: list[tuple] = []
    start = t0
    while True:
        rows = central.get(token, "/readings/raw", channel=key, start=start, end=t1,
                           limit=10_000)["rows"]
        out.extend((r["ts"], r["v"], r["q"]) for r in rows)
        if len(rows) < 10_000:
            return out
        start = rows[-1]["ts"] + 1


def assert_platform_equals_local(central: Central, root: Path) -> dict:
    """Every record row, every reading and the chain head are the same on both sides."""
    token = token_of(root)
    con = sqlite3.connect(f"file:{root / 'deungdae.db'}?mode=ro", uri=True)
    try:
        for tbl in chain.ROW_TABLES:
            # private columns (password hashes) never leave the plant: their tokens do
            local = [layout.public_row(tbl, r)
                     for r in con.execute(f"SELECT * FROM {tbl} ORDER BY id")]
            assert server_rows(central, token, tbl) == local, tbl
        headers = [list(r) for r in con.execute(chain.BLOCK_HEADER + " ORDER BY id")]
        assert server_rows(central, token, "ingest_block") == headers
        t0, t1 = con.execute("SELECT min(ts_lo), max(ts_hi) + 1 FROM ingest_block").fetchone()
        n = 0
        for cid, key in con.execute("SELECT id, key FROM channel ORDER BY id").fetchall():
            local = con.execute("SELECT ts, v, q FROM reading WHERE ch = ? ORDER BY ts",
                                (cid,)).fetchall()
            remote = server_readings(central, token, key, t0, t1)
            assert remote == local, key
            n += len(local)
        head = chain.heads(con)
        ch = central.get(token, "/chain")
        assert ch["chain_ok"], ch["problems"]
        assert ch["stored_seq"] == head["seq"]
        assert ch["head_mac"] == head["mac"]
        assert ch["readings"] == n
        return ch
    finally:
        con.close()
