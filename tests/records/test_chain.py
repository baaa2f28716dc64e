"""Tamper suite: every edit, insert, delete or reorder behind the app's back is caught and
named; an untouched record always verifies."""

from __future__ import annotations

import shutil
import sqlite3
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deungdae.records import chain
from deungdae.records.audit import verify_database
from deungdae.records.keys import KeyMissing, KeyStore
from deungdae.records.store import NewEvent, Store
from tests.records.integrity_fixtures import T0, fast_argon2, file_key, make_store, rows_for  # noqa: F401

HYP = settings(max_examples=12, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    import os

    os.environ["DEUNGDAE_KEYRING"] = "off"
    root = tmp_path_factory.mktemp("tpl")
    store = make_store(root, blocks=5, events=6)
    store.record_config_change("ccp", "CCP1.limit", 70, 75, "kim", "new validation")
    store.close()
    return root


@pytest.fixture
def copy(template, tmp_path):
    def make():
        n = len(list(tmp_path.iterdir()))
        dst = tmp_path / f"c{n}"
        shutil.copytree(template, dst)
        return dst
    return make


def raw(root):
    con = sqlite3.connect(root / "deungdae.db", isolation_level=None)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    return con


def check(root):
    return verify_database(root / "deungdae.db", root)


def test_untouched_record_verifies(copy):
    root = copy()
    rep = check(root)
    assert rep.ok, rep.problems
    assert rep.blocks == 5 and rep.readings == 5 * 100
    assert rep.head["seq"] == rep.entries


def test_triggers_refuse_updates_and_deletes(copy):
    con = sqlite3.connect(copy() / "deungdae.db")
    for sql in ("UPDATE reading SET v = 1", "DELETE FROM event", "UPDATE ledger SET mac = x''",
                "DELETE FROM ingest_block", "UPDATE config_change SET new = '1'"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(sql)


@HYP
@given(pick=st.integers(0, 499), value=st.floats(-50, 150, allow_nan=False) | st.none())
def test_edited_reading_is_named(copy, pick, value):
    root = copy()
    con = raw(root)
    ch, ts, v, blk = con.execute("SELECT ch, ts, v, blk FROM reading ORDER BY ts, ch "
                                 "LIMIT 1 OFFSET ?", (pick,)).fetchone()
    if v == value:
        return
    con.execute("UPDATE reading SET v = ? WHERE ch = ? AND ts = ?", (value, ch, ts))
    rep = check(root)
    assert not rep.ok
    assert any(p.kind == "edited" and p.block == blk and
               (p.row == f"ch {ch} ts {ts}" or p.table == "ingest_block") for p in rep.problems)


@HYP
@given(pick=st.integers(0, 499))
def test_deleted_reading_is_named(copy, pick):
    root = copy()
    con = raw(root)
    ch, ts, blk = con.execute("SELECT ch, ts, blk FROM reading ORDER BY ts, ch LIMIT 1 OFFSET ?",
                              (pick,)).fetchone()
    con.execute("DELETE FROM reading WHERE ch = ? AND ts = ?", (ch, ts))
    rep = check(root)
    assert any(p.kind in ("deleted", "edited") and p.block == blk for p in rep.problems)


@HYP
@given(blk=st.integers(1, 5), offset=st.integers(1, 999), ch=st.integers(1, 4))
def test_inserted_reading_is_named(copy, blk, offset, ch):
    root = copy()
    con = raw(root)
    ts = T0 + (blk - 1) * 25_000 + offset  # between two recorded seconds of that block
    con.execute("INSERT INTO reading(ch, ts, v, q, blk) VALUES (?, ?, 1.0, 0, ?)", (ch, ts, blk))
    rep = check(root)
    assert any(p.kind in ("inserted", "edited") and p.block == blk for p in rep.problems)


def test_reading_in_an_unknown_block(copy):
    root = copy()
    raw(root).execute("INSERT INTO reading VALUES (1, 5, 1.0, 0, 99)")
    rep = check(root)
    assert [p for p in rep.problems if p.kind == "inserted" and p.block == 99]


def test_block_header_edit(copy):
    root = copy()
    raw(root).execute("UPDATE ingest_block SET user = 'kim' WHERE id = 3")
    rep = check(root)
    assert any(p.block == 3 for p in rep.problems)


@HYP
@given(tbl=st.sampled_from(["event", "config_change"]), pick=st.integers(0, 5),
       op=st.sampled_from(["edit", "delete"]))
def test_row_edits_and_deletes_are_named(copy, tbl, pick, op):
    root = copy()
    con = raw(root)
    ids = [r[0] for r in con.execute(f"SELECT id FROM {tbl} ORDER BY id")]
    rid = ids[pick % len(ids)]
    if op == "edit":
        con.execute(f"UPDATE {tbl} SET user = user || 'x' WHERE id = ?", (rid,))
    else:
        con.execute(f"DELETE FROM {tbl} WHERE id = ?", (rid,))
    rep = check(root)
    want = "edited" if op == "edit" else "deleted"
    assert any(p.kind == want and p.table == tbl and p.row == str(rid) for p in rep.problems), \
        rep.problems


def test_inserted_event_is_named(copy):
    root = copy()
    raw(root).execute("INSERT INTO event(id, ts, kind, severity, message, data, user, "
                      "created_at) VALUES (500, 1, 'alarm', 'info', 'fake', '{}', 'x', 1)")
    rep = check(root)
    assert any(p.kind == "inserted" and p.table == "event" and p.row == "500"
               for p in rep.problems)


def test_swapped_events_are_named(copy):
    root = copy()
    con = raw(root)
    con.execute("UPDATE event SET id = -1 WHERE id = 2")
    con.execute("UPDATE event SET id = 2 WHERE id = 3")
    con.execute("UPDATE event SET id = 3 WHERE id = -1")
    rep = check(root)
    named = {p.row for p in rep.problems if p.table == "event"}
    assert named == {"2", "3"}


@HYP
@given(a=st.integers(1, 15), b=st.integers(1, 15))
def test_reordered_ledger_is_caught(copy, a, b):
    if a == b:
        return
    root = copy()
    con = raw(root)
    con.execute("UPDATE ledger SET seq = -1 WHERE seq = ?", (a,))
    con.execute("UPDATE ledger SET seq = ? WHERE seq = ?", (a, b))
    con.execute("UPDATE ledger SET seq = ? WHERE seq = -1", (b,))
    rep = check(root)
    assert {a, b} <= {p.seq for p in rep.problems}


def test_deleted_row_and_its_seal_in_the_middle(copy):
    root = copy()
    con = raw(root)
    seq, rid = con.execute("SELECT seq, row_id FROM ledger WHERE tbl = 'event' "
                           "ORDER BY seq LIMIT 1 OFFSET 2").fetchone()
    con.execute("DELETE FROM event WHERE id = ?", (rid,))
    con.execute("DELETE FROM ledger WHERE seq = ?", (seq,))
    rep = check(root)
    assert any(p.kind == "deleted" and p.table == "ledger" and p.seq == seq
               for p in rep.problems)


def test_cut_tail_is_caught_by_the_witness(copy):
    root = copy()
    con = raw(root)
    seq, tbl, rid = con.execute("SELECT seq, tbl, row_id FROM ledger ORDER BY seq DESC "
                                "LIMIT 1").fetchone()
    con.execute(f"DELETE FROM {tbl} WHERE id = ?", (rid,))
    con.execute("DELETE FROM ledger WHERE seq = ?", (seq,))
    rep = check(root)
    assert any(p.kind == "truncated" for p in rep.problems)


def test_chain_rebuilt_without_the_key_is_caught(copy):
    root = copy()
    con = raw(root)
    fake = b"\x01" * 32
    prev = chain.GENESIS
    entries = con.execute("SELECT seq, tbl, row_id FROM ledger ORDER BY seq").fetchall()
    # the forger edits a value and re-seals everything with a key of their own
    con.execute("UPDATE reading SET v = 99 WHERE ch = 1 AND ts = ?", (T0,))
    for seq, tbl, rid in entries:
        d = chain.row_digest(con, tbl, rid)
        rmac = chain._rmac(fake, seq, tbl, rid, d)
        prev = chain._link(fake, prev, rmac)
        con.execute("UPDATE ledger SET rmac = ?, mac = ? WHERE seq = ?", (rmac, prev, seq))
    rep = check(root)
    assert len(rep.problems) + rep.more >= len(entries)


def test_config_edited_behind_the_back(copy):
    root = copy()
    raw(root).execute("UPDATE channel SET unit = 'F' WHERE key = 't2'")
    rep = check(root)
    assert [p for p in rep.problems if p.kind == "config" and p.row == "t2"]


# ---------------------------------------------------------------------- store behaviour
def test_duplicates_and_rollbacks_keep_the_chain(tmp_path):
    store = make_store(tmp_path, blocks=2)
    batch = rows_for(3)[2]
    store.append_readings(batch)
    res = store.append_readings(batch[:10] + [(1, T0 + 10**9, 5.0, 0)])  # dedup path
    assert res.duplicates == 10 and res.inserted == 1
    with pytest.raises(Exception):  # noqa: B017 - a failing transaction rolls back
        store.append_event(NewEvent(ts=None, kind="x"))  # type: ignore[arg-type]
    store.append_event(NewEvent(ts=T0, kind="after"))
    rep = store.verify()
    assert rep.ok, rep.problems
    store.close()
    assert check(tmp_path).ok


def test_config_changes_are_audit_rows(tmp_path):
    store = make_store(tmp_path, blocks=0, events=0)
    store.ensure_channel("t1", unit="C")  # unchanged: no row
    store.ensure_channel("t1", unit="F", user="kim", reason="sensor swapped")
    store.ensure_device("d1", "Meter", "modbus", "COM3", 1)
    store.ensure_device("d1", "Meter", "modbus", "COM4", 1, user="lee")
    store.set_site("Plant 2", "Asia/Seoul", user="kim")
    rows = store.config_changes("channel", "t1")
    assert [r["new"]["unit"] for r in rows] == ["C", "F"]
    assert rows[-1]["old"]["unit"] == "C" and rows[-1]["user"] == "kim"
    assert store.config_changes("device", "d1")[-1]["old"]["port"] == "COM3"
    assert store.config_changes("site")[-1]["new"]["name"] == "Plant 2"
    assert store.verify().ok
    store.close()


def test_unsealed_bench_store_is_reported(tmp_path):
    store = Store.open_writer(tmp_path / "deungdae.db")
    store.close()
    s2 = Store.open_writer(tmp_path / "deungdae.db", seal=False)
    s2.append_readings(rows_for(1)[0])
    s2.close()
    rep = check(tmp_path)
    assert any(p.table == "ingest_block" and p.kind in ("inserted", "unsealed")
               for p in rep.problems)


# ---------------------------------------------------------------------- keys
def test_key_file_is_private_and_outside_the_database(tmp_path):
    store = make_store(tmp_path, blocks=1)
    kid = store.key_id
    store.close()
    path = KeyStore(tmp_path).key_file(kid)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_text().strip() not in (tmp_path / "deungdae.db").read_bytes().hex()


def test_headless_linux_has_no_keyring_and_falls_back_to_the_file(monkeypatch, tmp_path):
    monkeypatch.delenv("DEUNGDAE_KEYRING")
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    ks = KeyStore(tmp_path)
    key = ks.create("abc")
    assert ks.key_file("abc").exists() and ks.load("abc") == key


def test_keyring_is_used_when_there_is_one(monkeypatch, tmp_path):
    monkeypatch.delenv("DEUNGDAE_KEYRING")
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 5
        data: dict = {}

        def get_password(self, service, username):
            return self.data.get((service, username))

        def set_password(self, service, username, password):
            self.data[(service, username)] = password

        def delete_password(self, service, username):
            self.data.pop((service, username), None)

    monkeypatch.setattr(keyring, "get_keyring", lambda: Memory())
    monkeypatch.setattr(keyring, "get_password", Memory().get_password)
    monkeypatch.setattr(keyring, "set_password", Memory().set_password)
    ks = KeyStore(tmp_path)
    key = ks.create("k1")
    assert not ks.key_file("k1").exists() and ks.load("k1") == key


def test_missing_key_is_a_clear_refusal(tmp_path):
    make_store(tmp_path, blocks=1).close()
    shutil.rmtree(tmp_path / "keys")
    with pytest.raises(KeyMissing, match="not on this computer"):
        Store.open_writer(tmp_path / "deungdae.db")
    with pytest.raises(KeyMissing):
        check(tmp_path)


def test_heads_are_exposed(tmp_path):
    store = make_store(tmp_path, blocks=2)
    h = store.heads()
    assert h["seq"] > 0 and len(h["mac"]) == 64 and h["block"] == 2
    assert h["rows"]["ingest_block"] == 2
    store.close()


def test_a_record_from_before_sealing_is_sealed_once_on_upgrade(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from deungdae.records.migrate import _config

    db = tmp_path / "deungdae.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO ingest_block VALUES (1, 5, 2, 1, 1, 10, 11)")
    con.executemany("INSERT INTO reading VALUES (1, ?, 1.5, 0, 1)", [(10,), (11,)])
    con.execute("INSERT INTO event(ts, kind, severity, message, data, user, created_at) "
                "VALUES (3, 'old', 'info', '', '{}', 'system', 3)")
    con.commit()
    con.close()
    store = Store.open_writer(db)
    assert store.heads()["seq"] == 2
    assert store.verify().ok
    store.close()
    store = Store.open_writer(db)  # no second adoption
    assert store.heads()["seq"] == 2
    store.close()


@HYP
@given(vals=st.lists(st.one_of(st.none(), st.floats(allow_infinity=True), st.integers(-10**6, 10**6),
                               st.just(-0.0)), min_size=1, max_size=40))
def test_values_sqlite_changes_on_the_way_in_still_verify(copy, vals):
    """-0.0 comes back as 0.0, NaN as NULL, ints as floats: the seal must not mind."""
    root = copy()
    with Store.open_writer(root / "deungdae.db") as store:
        store.append_readings([(1, 2 * 10**12 + i, v, 0) for i, v in enumerate(vals)])
        assert store.verify().ok


def test_block_rows_seek_each_channels_time_range(copy):
    """Finding one block's rows must cost the block's size, not the table's: the query
    seeks (ch, ts) per channel instead of reading every row of the channel range."""
    root = copy()
    con = sqlite3.connect(root / "deungdae.db")
    statements: list[str] = []
    con.set_trace_callback(statements.append)
    blk = con.execute("SELECT max(id) FROM ingest_block").fetchone()[0]
    rows = chain.block_rows(con, blk)
    con.set_trace_callback(None)
    assert rows and rows == sorted(rows)
    [sql] = [s for s in statements if "FROM reading" in s]
    plan = " ".join(str(r[3]) for r in con.execute("EXPLAIN QUERY PLAN " + sql))
    assert "ch=? AND ts>? AND ts<?" in plan, plan
