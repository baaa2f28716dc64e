"""Turn a real desktop record (`records.store.Store`) into `sync.wire` batches.

A test helper only: the real client lives in `sync/`. It reads the ledger and each
sealed row exactly as stored (the rows the desktop's `verify` recomputes digests from).
"""

from __future__ import annotations

import base64
import gzip
import sqlite3
import time
from pathlib import Path

import httpx

from deungdae.records import chain, layout
from deungdae.sync import wire


def entries(db_path: Path, after_seq: int = 0, limit: int | None = None) -> list[wire.Entry]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        sql = "SELECT seq, tbl, row_id, rmac, mac FROM ledger WHERE seq > ? ORDER BY seq"
        params: tuple = (after_seq,)
        if limit is not None:
            sql += " LIMIT ?"
            params += (limit,)
        ledger = con.execute(sql, params).fetchall()
        blocks = [r[2] for r in ledger if r[1] == "ingest_block"]
        rows: dict[int, list] = {b: [] for b in blocks}
        if blocks:  # one scan for all blocks (the desktop keys readings by (ch, ts) only)
            for ch, ts, v, q, blk in con.execute(
                    "SELECT ch, ts, v, q, blk FROM reading WHERE blk BETWEEN ? AND ? "
                    "ORDER BY ch, ts", (min(blocks), max(blocks))):
                lst = rows.get(blk)
                if lst is not None:
                    lst.append((ch, ts, v, q))
        out = []
        for seq, tbl, row_id, rmac, mac in ledger:
            if tbl == "ingest_block":
                hdr = con.execute(chain.BLOCK_HEADER + " WHERE id = ?", (row_id,)).fetchone()
                packed = chain.pack_rows(rows[row_id])
                out.append(wire.Entry(seq=seq, tbl=tbl, row_id=row_id, rmac=bytes(rmac).hex(),
                                      mac=bytes(mac).hex(), row=list(hdr),
                                      readings=base64.b64encode(packed).decode()))
            else:
                row = con.execute(f"SELECT * FROM {tbl} WHERE id = ?", (row_id,)).fetchone()
                out.append(wire.Entry(seq=seq, tbl=tbl, row_id=row_id, rmac=bytes(rmac).hex(),
                                      mac=bytes(mac).hex(), row=list(row)))
        return out
    finally:
        con.close()


def channels(db_path: Path) -> list[wire.ChannelInfo]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [wire.ChannelInfo(id=r[0], key=r[1], name=r[2], unit=r[3], device_key=r[4])
                for r in con.execute("SELECT id, key, name, unit, device_key FROM channel")]
    finally:
        con.close()


def batch(db_path: Path, key_id: str, ents: list[wire.Entry]) -> wire.Batch:
    return wire.Batch(key_id=key_id, sent_at=time.time_ns() // 1_000_000,
                      channels=channels(db_path), entries=ents)


def batches(db_path: Path, key_id: str, size: int, after_seq: int = 0) -> list[wire.Batch]:
    """The whole record after `after_seq` cut into batches of `size` entries."""
    ents = entries(db_path, after_seq)
    return [batch(db_path, key_id, ents[i:i + size]) for i in range(0, len(ents), size)]


def rows_as_stored(db_path: Path, table: str) -> list[list]:
    """`SELECT *` of one record table on the desktop, oldest first."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        if table == "ingest_block":
            return [list(r) for r in con.execute(chain.BLOCK_HEADER + " ORDER BY id")]
        return [layout.public_row(table, r)  # private values as their tokens
                for r in con.execute(f"SELECT * FROM {table} ORDER BY id")]
    finally:
        con.close()


def post(client: httpx.Client, batch, gzip_it: bool = False) -> httpx.Response:
    body = batch.model_dump_json().encode()
    headers = {"Content-Type": "application/json"}
    if gzip_it:
        body = gzip.compress(body, 1)
        headers["Content-Encoding"] = "gzip"
    return client.post("/ingest", content=body, headers=headers)

