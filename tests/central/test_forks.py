"""Forks and repair on both backends: a stream that does not continue the stored head is
refused and recorded; `forks.repair` discards a junk tail (its block, readings and the
chart summaries they were in), records who/when/why, and the real plant continues."""

from __future__ import annotations

import base64
import secrets

import numpy as np
import pytest

from deungdae.central import auth, forks
from deungdae.records import chain
from deungdae.records.schema import ROLLUP_LEVELS
from deungdae.sync import wire
from tests.central import records_to_wire as rw
from tests.central.records_to_wire import post


def _rollups(db, pid: int) -> dict:
    with db.read() as con:
        return {name: {(r[0], r[1]): r[2:] for r in con.all(
            f"SELECT ch, b, vmin, vmax, vsum, n FROM {name} WHERE plant_id = ? ORDER BY ch, b",
            (pid,))} for name, _w in ROLLUP_LEVELS}


def _junk_block(d, key: bytes, seq: int, prev: bytes, ts: list[int]) -> wire.Entry:
    """An ingest block on the desktop's channel with readings inside its time span."""
    a = np.array([(d.temp, t, 99.0, 0) for t in ts], dtype=chain.READING_DT)
    packed = a.tobytes()
    bid = 1_000_000
    row = [bid, ts[-1], len(ts), d.temp, d.temp, ts[0], ts[-1], "intruder"]
    rmac, mac = chain.seal_macs(key, prev, seq, "ingest_block", bid,
                                chain.block_digest(row, packed))
    return wire.Entry(seq=seq, tbl="ingest_block", row_id=bid, rmac=rmac.hex(), mac=mac.hex(),
                      row=row, readings=base64.b64encode(packed).decode())


def test_junk_tail_is_repaired_and_the_plant_continues(central, desktop) -> None:
    desktop.fill(blocks=4, per_block=100)
    name, code = central.add_plant()
    token = central.register(desktop.store, code)
    ents = desktop.entries()
    half = len(ents) // 2
    with central.client(token) as c:
        assert post(c, rw.batch(desktop.path, desktop.store.key_id, ents[:half])
                    ).status_code == 200
        pos = c.get("/position").json()
        pid, stored = pos["plant_id"], pos["stored_seq"]
        db = central.db()
        try:
            before = _rollups(db, pid)
            # not a continuation of the stored head: refused, nothing stored, recorded
            key = desktop.store.key
            last_ts = max(e.row[6] for e in ents[:half] if e.tbl == "ingest_block")
            aside = _junk_block(desktop, key, stored + 1, chain.GENESIS, [last_ts + 1])
            r = post(c, rw.batch(desktop.path, desktop.store.key_id, [aside]))
            assert r.status_code == 409 and r.json()["detail"].startswith("fork:")
            assert c.get("/position").json()["stored_seq"] == stored
            with db.read() as con:
                (f,) = forks.open_forks(con, pid)
            assert f.source == "platform" and f.first_differing == stored + 1
            op = auth.new_operator_token(db)
            with central.client(op) as oc:
                plants = oc.get("/cluster").json()["plants"]
            mine = next(p for p in plants if p["name"] == name)
            assert mine["fork_reports"] == 1 and mine["chain_ok"]
            assert mine["fork"].startswith(f"fork from #{stored + 1}: the platform refused")
            # a junk block that does link (token and key leaked): stored
            junk = _junk_block(desktop, key, stored + 1, bytes.fromhex(pos["head_mac"]),
                               [last_ts + 1, last_ts + 2, last_ts + 3])
            r = post(c, rw.batch(desktop.path, desktop.store.key_id, [junk]))
            assert r.status_code == 200, r.text
            assert _rollups(db, pid) != before
            # the real plant's next entry is refused: the platform's #stored+1 is not its
            r = post(c, rw.batch(desktop.path, desktop.store.key_id, ents[half:]))
            assert r.status_code == 409 and r.json()["detail"].startswith("fork:")

            with pytest.raises(forks.RepairError, match="say why"):
                forks.repair(db, name, stored, "", "kim")
            with pytest.raises(forks.RepairError, match="no plant named"):
                forks.repair(db, "nope-" + secrets.token_hex(3), stored, "why not", "kim")
            done = forks.repair(db, name, stored, "a leaked token wrote it", "kim")
            assert (done.entries, done.blocks, done.readings, done.old_seq) == (
                1, 1, 3, stored + 1)
            assert done.forks_resolved == 2 and done.problems_left == 0
            after = _rollups(db, pid)
            for level, rows in before.items():
                assert after[level].keys() == rows.keys(), level
                for k, v in rows.items():
                    assert after[level][k] == pytest.approx(v), (level, k)
            with db.read() as con:
                assert forks.open_forks(con, pid) == []
                ((at, by, reason, frm, old, n, nr),) = forks.repairs(con, pid)
                assert (by, reason, frm, old, n, nr) == (
                    "kim", "a leaked token wrote it", stored, stored + 1, 1, 3)
                assert con.one("SELECT count(*) FROM block WHERE plant_id = ? AND id = ?",
                               (pid, 1_000_000))[0] == 0
        finally:
            db.dispose()
        pos = c.get("/position").json()
        assert pos["stored_seq"] == stored and pos["chain_ok"]
        r = post(c, rw.batch(desktop.path, desktop.store.key_id, ents[half:]))
        assert r.status_code == 200 and r.json()["chain_ok"], r.text
        assert c.get("/chain").json()["problems"] == []
