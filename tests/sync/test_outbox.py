"""Batches built from a real record: complete, ordered, bounded, and they verify."""

from __future__ import annotations

import base64
import sqlite3

import pytest

from deungdae.records import chain, layout
from deungdae.sync import wire
from deungdae.sync.outbox import Outbox, backlog, pack_block_runs
from tests.sync.records_fixtures import check_entries, decode, key_of, write_record


def clock() -> int:
    return 1_764_100_000_000


@pytest.fixture
def record(tmp_path):
    root = tmp_path / "site"
    write_record(root, n_blocks=40).close()
    return root


def all_batches(root, after=0, **kw):
    key_id, _ = key_of(root)
    with Outbox(root / "deungdae.db", key_id, **kw) as ob:
        return [(b, decode(b.body)) for b in ob.batches(after, clock)]


def test_every_entry_once_in_order_and_the_batches_verify(record):
    key_id, key = key_of(record)
    out = all_batches(record, max_bytes=6_000)
    assert len(out) > 3, "small max_bytes must cut several batches"
    con = sqlite3.connect(record / "deungdae.db")
    ledger = con.execute("SELECT seq, tbl, row_id FROM ledger ORDER BY seq").fetchall()
    sent = [(e.seq, e.tbl, e.row_id) for _b, batch in out for e in batch.entries]
    assert sent == ledger
    assert {t for _s, t, _r in ledger} == set(wire.TABLES), "the record has every table"
    prev = chain.GENESIS
    for b, batch in out:
        assert batch.key_id == key_id and batch.sent_at == clock()
        assert b.first_seq == batch.entries[0].seq and b.last_seq == batch.entries[-1].seq
        assert b.raw_bytes <= 6_000 or len(batch.entries) == 1
        prev = check_entries(key, prev, batch.entries)
        assert b.last_mac == prev.hex()
    assert prev.hex() == chain.heads(con)["mac"]


def test_rows_and_readings_are_exactly_what_was_sealed(record):
    con = sqlite3.connect(record / "deungdae.db")
    entries = [e for _b, batch in all_batches(record) for e in batch.entries]
    channels_sent = {c.id: c for _b, batch in all_batches(record) for c in batch.channels}
    readings = 0
    for e in entries:
        if e.tbl == "ingest_block":
            hdr = con.execute(chain.BLOCK_HEADER + " WHERE id = ?", (e.row_id,)).fetchone()
            assert e.row == list(hdr)
            assert base64.b64decode(e.readings) == chain.pack_rows(chain.block_rows(con, e.row_id))
            readings += len(base64.b64decode(e.readings)) // wire.READING_BYTES
        else:
            row = con.execute(f"SELECT * FROM {e.tbl} WHERE id = ?", (e.row_id,)).fetchone()
            assert e.row == layout.public_row(e.tbl, row)  # hashes as their tokens
            assert e.readings is None
    assert readings == con.execute("SELECT count(*) FROM reading").fetchone()[0]
    local = {r[0]: r[1:] for r in con.execute("SELECT id, key, name, unit, device_key FROM channel")}
    assert {c: (i.key, i.name, i.unit, i.device_key) for c, i in channels_sent.items()} == local


def test_resume_from_any_position_and_entry_limit(record):
    _key_id, key = key_of(record)
    con = sqlite3.connect(record / "deungdae.db")
    head = chain.heads(con)["seq"]
    for after in (1, 17, head - 1):
        out = all_batches(record, after=after, max_entries=7)
        seqs = [e.seq for _b, batch in out for e in batch.entries]
        assert seqs == list(range(after + 1, head + 1))
        assert all(len(batch.entries) <= 7 for _b, batch in out)
        prev = bytes(con.execute("SELECT mac FROM ledger WHERE seq = ?", (after,)).fetchone()[0])
        for _b, batch in out:
            prev = check_entries(key, prev, batch.entries)
    assert all_batches(record, after=head) == []


def test_rows_written_while_batches_are_cut_are_picked_up(tmp_path):
    root = tmp_path / "site"
    store = write_record(root, n_blocks=10, rich=False)
    key_id, key = key_of(root)
    with Outbox(root / "deungdae.db", key_id, max_bytes=3_000) as ob:
        seen = []
        for i, b in enumerate(ob.batches(0, clock)):
            seen.extend(decode(b.body).entries)
            if i == 0:
                store.append_readings([(1, 1_800_000_000_000, 1.0, 0)])
        store.close()
    con = sqlite3.connect(root / "deungdae.db")
    assert [e.seq for e in seen] == [r[0] for r in con.execute("SELECT seq FROM ledger ORDER BY seq")]
    check_entries(key, chain.GENESIS, seen)


def test_block_runs_match_block_rows_one_by_one(record):
    con = sqlite3.connect(record / "deungdae.db")
    headers = [list(r) for r in con.execute(chain.BLOCK_HEADER + " ORDER BY id")]
    packed, channels = pack_block_runs(con, headers)
    assert set(packed) == {h[0] for h in headers}
    for h in headers:
        assert packed[h[0]] == chain.pack_rows(chain.block_rows(con, h[0])), h
        assert len(packed[h[0]]) == h[2] * wire.READING_BYTES
    assert channels == {1, 2, 3, 4}


def test_backlog_counts_per_table(record):
    con = sqlite3.connect(record / "deungdae.db")
    per, readings = backlog(con, 0)
    assert per == dict(con.execute("SELECT tbl, count(*) FROM ledger GROUP BY tbl"))
    assert readings == con.execute("SELECT count(*) FROM reading").fetchone()[0]
    last_blk_seq, n = con.execute(
        "SELECT l.seq, b.n FROM ledger l JOIN ingest_block b ON b.id = l.row_id "
        "WHERE l.tbl = 'ingest_block' ORDER BY l.seq DESC LIMIT 1").fetchone()
    per, readings = backlog(con, last_blk_seq - 1)
    assert readings == n and per["ingest_block"] == 1
    head = chain.heads(con)["seq"]
    assert backlog(con, head) == ({}, 0)


def test_the_outbox_reads_while_the_writer_writes(tmp_path):
    """A read-only connection: the writer keeps its lock and keeps writing meanwhile."""
    root = tmp_path / "site"
    store = write_record(root, n_blocks=5, rich=False)
    key_id, _ = key_of(root)
    with Outbox(root / "deungdae.db", key_id) as ob:
        gen = ob.batches(0, clock)
        next(gen)
        store.append_readings([(1, 1_800_000_000_000, 2.0, 0)])  # not blocked
        with pytest.raises(sqlite3.OperationalError):
            ob.con.execute("CREATE TABLE x(a)")
        gen.close()
    store.close()


def test_a_run_whose_blocks_lost_all_their_readings(tmp_path):
    """Blocks 1 and 3 lost their readings (deleted behind the app's back) while block 2,
    between them, kept its own: the run's range query finds only block 2's rows, all of
    them filtered out; the blocks pack as empty, nothing raises."""
    root = tmp_path / "site"
    write_record(root, n_blocks=3, rich=False).close()
    con = sqlite3.connect(root / "deungdae.db")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               ).fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute("DELETE FROM reading WHERE blk IN (1, 3)")
    con.commit()
    headers = [list(r) for r in con.execute(
        'SELECT id, created_at, n, ch_lo, ch_hi, ts_lo, ts_hi, "user" FROM ingest_block '
        "WHERE id IN (1, 3) ORDER BY id")]
    con.close()
    with Outbox(root / "deungdae.db", "k") as ob:
        packed, channels = pack_block_runs(ob.con, headers)
    assert packed == {1: b"", 3: b""} and channels == set()


def _tamper_with_types(root):
    """Wrong-typed values written by raw sqlite3 (triggers dropped first, as an insider)."""
    con = sqlite3.connect(root / "deungdae.db", isolation_level=None)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               ).fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    ev = con.execute("SELECT min(id) FROM event").fetchone()[0]
    con.execute("UPDATE event SET message = X'00ff10' WHERE id = ?", (ev,))
    blocks = [r[0] for r in con.execute("SELECT id FROM ingest_block ORDER BY id")]
    for blk, change in ((blocks[1], "v = 'abc'"), (blocks[2], "q = 'bad'")):
        ch, ts = con.execute("SELECT ch, ts FROM reading WHERE blk = ? LIMIT 1", (blk,)
                             ).fetchone()
        con.execute(f"UPDATE reading SET {change} WHERE ch = ? AND ts = ?", (ch, ts))
    con.execute("UPDATE ingest_block SET n = 'many' WHERE id = ?", (blocks[3],))
    con.close()
    return ev, blocks


def test_wrong_typed_rows_are_reported_and_the_stream_goes_on(record):
    ev, blocks = _tamper_with_types(record)
    key_id, _ = key_of(record)
    with Outbox(record / "deungdae.db", key_id, max_bytes=6_000) as ob:
        out = [decode(b.body) for b in ob.batches(0, clock)]
        findings = list(ob.findings)
    con = sqlite3.connect(record / "deungdae.db")
    ledger = con.execute("SELECT seq FROM ledger ORDER BY seq").fetchall()
    assert [e.seq for b in out for e in b.entries] == [s for (s,) in ledger]
    text = "\n".join(findings)
    assert f"event {ev}: column 6 holds a bytes" in text
    assert f"ingest_block {blocks[3]}: its header" in text
    assert f"reading of block {blocks[1]}" in text and f"reading of block {blocks[2]}" in text
    sent = {e.row_id: e for b in out for e in b.entries if e.tbl == "ingest_block"}
    n_sent = len(base64.b64decode(sent[blocks[1]].readings)) // wire.READING_BYTES
    assert n_sent == sent[blocks[1]].row[2] - 1  # the wrong-typed reading is left out
    assert sent[blocks[3]].readings == ""
