"""Attacks by an insider with the database file and raw sqlite3 (triggers dropped first).

Each test does what such a person would do, then checks that `verify` or the writer
catches it, says what happened and where, and never crashes.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deungdae.records import chain, layout, recovery, users
from deungdae.records.audit import verify_database
from deungdae.records.backup import backup
from deungdae.records.errors import RecordBehind, StoreError
from deungdae.records.store import NewEvent, Store
from tests.records.integrity_fixtures import T0, fast_argon2, file_key, make_store, rows_for

__all__ = ["fast_argon2", "file_key"]
PW = "correct horse battery"


def raw(path) -> sqlite3.Connection:
    """The insider's connection: triggers dropped, autocommit."""
    con = sqlite3.connect(str(path), isolation_level=None)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    return con


def kinds(report) -> set[str]:
    return {p.kind for p in report.problems}


@pytest.fixture
def rec(tmp_path):
    """A closed record with an admin, readings, events and an alarm near the end."""
    store = make_store(tmp_path, blocks=6, events=5)
    users.add_user(store, "admin", "Kim Admin", "admin", PW, by="setup")
    store.append_event(NewEvent(ts=T0 + 10_000, kind="alarm.start", severity="alarm",
                                channel="t1", message="cold room above 5 °C"))
    store.append_readings(rows_for(1, t0=T0 + 600_000)[0])
    store.close()
    return tmp_path / "deungdae.db"


def verify(db):
    return verify_database(db, db.parent, live=True)


# ---------------------------------------------------------------------- the anchor
def test_cutting_the_end_is_refused_by_the_writer_and_found_by_verify(rec):
    con = raw(rec)
    (cut_from,) = con.execute("SELECT min(seq) FROM ledger WHERE tbl = 'event' AND row_id = "
                              "(SELECT id FROM event WHERE kind = 'alarm.start')").fetchone()
    for tbl, rid in con.execute("SELECT tbl, row_id FROM ledger WHERE seq >= ?",
                                (cut_from,)).fetchall():
        if tbl == "ingest_block":
            con.execute("DELETE FROM reading WHERE blk = ?", (rid,))
        con.execute(f"DELETE FROM {tbl} WHERE id = ?", (rid,))
    con.execute("DELETE FROM ledger WHERE seq >= ?", (cut_from,))
    con.close()
    with pytest.raises(RecordBehind) as exc:
        Store.open_writer(rec)
    msg = str(exc.value)
    assert f"ends at entry #{cut_from - 1}" in msg and "restore" in msg and "accept-loss" in msg
    # the writer did not move the witness back
    rep = verify(rec)
    assert "truncated" in kinds(rep), rep.problems
    # and still refuses the second time
    with pytest.raises(RecordBehind):
        Store.open_writer(rec)


def test_an_old_copy_put_in_place_is_refused(rec, tmp_path):
    old = tmp_path / "old.db"
    backup(rec, old, rec.parent)
    store = Store.open_writer(rec)
    store.append_event(NewEvent(ts=T0 + 99_000, kind="alarm.start", message="later alarm"))
    store.close()
    shutil.copyfile(old, rec)
    with pytest.raises(RecordBehind):
        Store.open_writer(rec)
    assert "truncated" in kinds(verify(rec))


def test_sync_position_is_an_anchor_too(rec):
    with Store.open_reader(rec) as r:
        head = r.heads()["seq"]
    with pytest.raises(RecordBehind) as exc:
        Store.open_writer(rec, anchors=[("the central platform", head + 5)])
    assert "central platform" in str(exc.value)
    Store.open_writer(rec, anchors=[("the central platform", head)]).close()


def test_admin_accepts_the_loss_as_a_signed_event(rec):
    con = raw(rec)
    top = con.execute("SELECT max(seq) FROM ledger").fetchone()[0]
    tbl, rid = con.execute("SELECT tbl, row_id FROM ledger WHERE seq = ?", (top,)).fetchone()
    con.execute(f"DELETE FROM {tbl} WHERE id = ?", (rid,))
    con.execute("DELETE FROM reading WHERE blk = ?", (rid,))
    con.execute("DELETE FROM ledger WHERE seq = ?", (top,))
    con.close()
    with pytest.raises(users.AuthError):
        recovery.accept_loss(rec, login="admin", password="wrong", reason="disk error")
    with pytest.raises(RecordBehind):
        Store.open_writer(rec)
    eid = recovery.accept_loss(rec, login="admin", password=PW, reason="disk error")
    store = Store.open_writer(rec)  # records again
    try:
        ev = [e for e in store.events() if e.id == eid][0]
        assert ev.kind == "record.loss_accepted" and ev.data["seen_seq"] == top
        assert ev.data["have_seq"] == top - 1 and ev.user == "admin"
        sig = store.query("SELECT login, meaning, targets FROM signature ORDER BY id DESC "
                          "LIMIT 1")[0]
        assert sig[0] == "admin" and sig[1] == "approved" and f"event:{eid}" in sig[2]
        # the loss is an admin's decision, not a finding; the dropped triggers are one
        assert {p.kind for p in store.verify().problems} == {"recorded"}
    finally:
        store.close()


def test_missing_witness_is_a_finding_until_an_admin_acknowledges_it(rec):
    key_id = sqlite3.connect(str(rec)).execute(
        "SELECT value FROM meta WHERE key = 'chain_key_id'").fetchone()[0]
    w = chain.witness_path(rec.parent, key_id)
    w.unlink()
    assert "witness" in kinds(verify(rec))
    Store.open_writer(rec).close()  # records the finding, writes a new witness
    rep = verify(rec)
    assert [p.kind for p in rep.problems] == ["recorded"]
    assert "record.witness_missing" in rep.problems[0].detail
    recovery.acknowledge_findings(rec, login="admin", password=PW, reason="checked with "
                                  "yesterday's backup")
    assert verify(rec).ok


def test_garbage_in_the_witness_is_a_finding(rec):
    key_id = sqlite3.connect(str(rec)).execute(
        "SELECT value FROM meta WHERE key = 'chain_key_id'").fetchone()[0]
    w = chain.witness_path(rec.parent, key_id)
    w.write_text("not json at all")
    assert "witness" in kinds(verify(rec))
    w.write_text(json.dumps({"seq": 3, "mac": "00" * 32, "tag": "ff" * 32}))
    assert "witness" in kinds(verify(rec))
    Store.open_writer(rec).close()
    rep = verify(rec)
    assert any("record.witness_damaged" in p.detail for p in rep.problems)


def test_restore_needs_an_admin_and_is_recorded(rec, tmp_path):
    old = tmp_path / "old.db"
    backup(rec, old, rec.parent)
    store = Store.open_writer(rec)
    store.append_event(NewEvent(ts=T0 + 99_000, kind="note", message="after the backup"))
    store.close()
    with pytest.raises(users.AuthError):
        recovery.restore(old, rec, rec.parent, login="admin", password="nope", reason="test")
    _rep, kept, eid = recovery.restore(old, rec, rec.parent, login="admin", password=PW,
                                       reason="disk replaced")
    assert kept is not None and kept.exists()
    store = Store.open_writer(rec)
    try:
        ev = [e for e in store.events() if e.id == eid][0]
        assert ev.kind == "record.restored" and ev.user == "admin"
        assert ev.data["from_file"] == str(old)
        assert store.verify().ok
    finally:
        store.close()


# ---------------------------------------------------------------------- meaning of rows
def test_swapping_channel_ids_is_found_and_put_back(rec):
    con = raw(rec)
    con.execute("UPDATE channel SET key = 'tmp' WHERE key = 't1'")
    con.execute("UPDATE channel SET key = 't1' WHERE key = 't2'")
    con.execute("UPDATE channel SET key = 't2' WHERE key = 'tmp'")
    con.close()
    rep = verify(rec)
    cfg = [p for p in rep.problems if p.kind == "config"]
    assert {p.row for p in cfg} == {"t1", "t2"}
    assert any("stored under id" in p.detail for p in cfg)
    store = Store.open_writer(rec)
    try:
        assert store.channel_id("t1") == 1 and store.channel_id("t2") == 2
        ev = [e for e in store.events() if e.kind == "record.tampered"]
        assert ev and "t1" in ev[0].message
    finally:
        store.close()
    assert {p.kind for p in verify(rec).problems} == {"recorded"}


def test_channel_id_cannot_be_changed_through_the_app_connection(rec):
    con = sqlite3.connect(str(rec))
    with pytest.raises(sqlite3.IntegrityError, match="keeps its id"):
        con.execute("UPDATE channel SET id = 99 WHERE key = 't1'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        con.execute("DELETE FROM channel WHERE key = 't1'")


def test_an_unsealed_meta_flag_does_not_turn_checks_off(rec):
    con = raw(rec)
    con.execute("INSERT INTO meta(key, value) VALUES ('archive_through_seq', '1')")
    con.execute("UPDATE channel SET unit = 'F' WHERE key = 't1'")
    con.close()
    assert "config" in kinds(verify(rec))


def test_an_edited_rollup_is_found_and_repaired(rec):
    con = raw(rec)
    (b,) = con.execute("SELECT b FROM rollup_1h WHERE ch = 1").fetchone()
    con.execute("UPDATE rollup_1h SET vmax = 7.5 WHERE ch = 1 AND b = ?", (b,))
    con.close()
    rep = verify(rec)
    roll = [p for p in rep.problems if p.kind == "rollup"]
    assert roll and roll[0].table == "rollup_1h" and "7.5" in roll[0].detail
    n, _eid = recovery.repair(rec, login="admin", password=PW, reason="chart showed 7.50")
    assert n > 0
    assert kinds(verify(rec)) == {"recorded"}  # only the dropped triggers, found at open


def test_dropped_triggers_are_reported_and_put_back(rec):
    raw(rec).close()
    rep = verify(rec)
    assert "triggers" in kinds(rep)
    Store.open_writer(rec).close()
    con = sqlite3.connect(str(rec))
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM event")
    rep = verify(rec)
    assert any("record.triggers_restored" in p.detail for p in rep.problems)


# ---------------------------------------------------------------------- wrong types
@pytest.mark.parametrize("sql, where", [
    ("UPDATE reading SET v = 'hot' WHERE ch = 1 AND ts = (SELECT min(ts) FROM reading)",
     "reading"),
    ("UPDATE reading SET v = x'00ff' WHERE ch = 2 AND ts = (SELECT max(ts) FROM reading)",
     "reading"),
    ("UPDATE reading SET q = 'x' WHERE ch = 3 AND ts = (SELECT min(ts) FROM reading)",
     "reading"),
    ("UPDATE event SET message = x'deadbeef' WHERE id = 1", "event"),
    ("UPDATE event SET ts = 'yesterday' WHERE id = 2", "event"),
    ("UPDATE ledger SET rmac = 'abc' WHERE seq = 3", "ledger"),
    ("UPDATE ledger SET row_id = '5.5' WHERE seq = 5", "ledger"),
    ("UPDATE config_change SET new = 12 WHERE id = 1", "config_change"),
])
def test_a_value_of_the_wrong_type_is_a_located_finding(rec, sql, where):
    con = raw(rec)
    con.execute(sql)
    con.close()
    rep = verify(rec)
    assert not rep.ok
    assert any(p.table == where for p in rep.problems), rep.problems


# ---------------------------------------------------------------------- private columns
def test_password_hashes_are_sealed_as_tokens(rec):
    con = sqlite3.connect(str(rec))
    row = con.execute("SELECT * FROM user_version ORDER BY id DESC LIMIT 1").fetchone()
    pub = layout.public_row("user_version", row)
    assert pub[4].startswith("sha256:") and row[4].startswith("$argon2")
    # what a platform receives (the token) gives the same digest as the plant's row
    assert chain.table_row_digest("user_version", pub) == \
        chain.row_digest(con, "user_version", row[0])


def test_rows_sealed_before_private_columns_still_verify(tmp_path):
    """A user row sealed over the raw hash (older records) is still checked locally."""
    store = make_store(tmp_path, blocks=1, events=0)
    users.add_user(store, "admin", "Kim", "admin", PW, by="setup")
    key, db = store.key, store.path
    store.close()
    con = raw(db)
    rid, seq, prev = con.execute(
        "SELECT l.row_id, l.seq, (SELECT mac FROM ledger WHERE seq = l.seq - 1) FROM ledger l "
        "WHERE tbl = 'user_version'").fetchone()
    row = con.execute("SELECT * FROM user_version WHERE id = ?", (rid,)).fetchone()
    import hashlib
    legacy = hashlib.sha256(chain.row_bytes("user_version", row)).digest()
    rmac, mac = chain.seal_macs(key, bytes(prev), seq, "user_version", rid, legacy)
    con.execute("UPDATE ledger SET rmac = ?, mac = ? WHERE seq = ?", (rmac, mac, seq))
    for s2, r2 in con.execute("SELECT seq, rmac FROM ledger WHERE seq > ? ORDER BY seq",
                              (seq,)).fetchall():  # re-link what follows, as the key holder
        mac = chain.link_mac(key, mac, bytes(r2))
        con.execute("UPDATE ledger SET mac = ? WHERE seq = ?", (mac, s2))
        seq = s2
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for sql in layout.all_triggers(t for t in layout.append_only_tables()
                                   if t in present).values():
        con.execute(sql)
    con.close()
    from deungdae.records.keys import KeyStore
    kid = sqlite3.connect(str(db)).execute("SELECT value FROM meta WHERE key='chain_key_id'"
                                           ).fetchone()[0]
    chain.write_witness(chain.witness_path(db.parent, kid), seq, mac, key)
    rep = verify_database(db, db.parent, live=True, keystore=KeyStore(db.parent))
    assert rep.ok, rep.problems
    # and the raw-hash seal is not what new rows get
    store = Store.open_writer(db)
    users.add_user(store, "lee", "Lee", "operator", PW, by="admin")
    assert store.verify().ok
    store.close()


# ---------------------------------------------------------------------- sector tables
def test_a_sector_table_is_append_only_and_sealed(tmp_path):
    t = layout.Table("lab_batch", (layout.Column("id", "int"), layout.Column("ts", "int"),
                                   layout.Column("lot"), layout.Column("kg", "float")),
                     owner="lab")
    layout.register_sector_table(t)
    try:
        store = make_store(tmp_path, blocks=1, events=0)
        assert store.ensure_tables([t]) == ["lab_batch"]
        rid = store.append_record("lab_batch", {"ts": T0, "lot": "L-1", "kg": 12.5})
        assert store.verify().ok
        store.close()
        con = sqlite3.connect(str(tmp_path / "deungdae.db"))
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("UPDATE lab_batch SET kg = 1 WHERE id = ?", (rid,))
        con.close()
        con = raw(tmp_path / "deungdae.db")
        con.execute("UPDATE lab_batch SET kg = 1 WHERE id = ?", (rid,))
        con.close()
        rep = verify(tmp_path / "deungdae.db")
        assert any(p.kind == "edited" and p.table == "lab_batch" for p in rep.problems)
    finally:
        layout.unregister_sector_tables("lab")


@pytest.mark.parametrize("name, owner, why", [
    ("event", "lab", "must be named"), ("lab_x", "core", "owner"),
    ("lab_Bad", "lab", "must be named"), ("lab_rollup", "lab", None),
])
def test_bad_sector_tables_are_refused(name, owner, why):
    t = layout.Table(name, (layout.Column("id", "int"), layout.Column("ts", "int")), owner=owner)
    try:
        if why is None:
            layout.register_sector_table(t)
        else:
            with pytest.raises(layout.LayoutError, match=why):
                layout.register_sector_table(t)
    finally:
        layout.unregister_sector_tables()


def test_a_table_declared_by_two_sectors_is_refused():
    a = layout.Table("lab_x", (layout.Column("id", "int"), layout.Column("ts", "int")),
                     owner="lab")
    b = layout.Table("lab_x", (layout.Column("id", "int"), layout.Column("ts", "int"),
                               layout.Column("v", "float")), owner="lab")
    try:
        layout.register_sector_table(a)
        layout.register_sector_table(a)  # the same declaration twice is harmless
        with pytest.raises(layout.LayoutError, match="declared twice"):
            layout.register_sector_table(b)
    finally:
        layout.unregister_sector_tables()


# ---------------------------------------------------------------------- random edits
TABLES = ("reading", "ingest_block", "event", "config_change", "user_version", "auth_log",
          "ledger")


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), pick=st.integers(0, 10_000),
       how=st.sampled_from(["delete", "null", "text", "blob", "bump", "dup"]))
def test_any_edit_anywhere_is_found_and_never_crashes(tmp_path_factory, table, pick, how):
    base = tmp_path_factory.mktemp("atk")
    store = make_store(base, blocks=3, events=4)
    users.add_user(store, "admin", "Kim", "admin", PW, by="setup")
    store.close()
    db = base / "deungdae.db"
    con = raw(db)
    rows = con.execute(f"SELECT rowid, * FROM {table}").fetchall() if table != "reading" else \
        con.execute("SELECT ch, ts, * FROM reading").fetchall()
    if not rows:
        return
    row = rows[pick % len(rows)]
    cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    where, params = ("ch = ? AND ts = ?", row[:2]) if table == "reading" else \
        ("rowid = ?", row[:1])
    col = cols[pick % len(cols)]
    before = con.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    try:
        if how == "delete":
            con.execute(f"DELETE FROM {table} WHERE {where}", params)
        elif how == "dup":
            if table == "reading":
                con.execute("INSERT INTO reading(ch, ts, v, q, blk) VALUES (?, ?, ?, ?, ?)",
                            (row[2], row[3] + 500, 1.0, 0, row[6]))
            elif table == "ledger":
                con.execute("INSERT INTO ledger(seq, tbl, row_id, rmac, mac) VALUES "
                            "((SELECT max(seq) + 1 FROM ledger), ?, ?, ?, ?)", tuple(row[2:6]))
            else:
                con.execute(f"INSERT INTO {table}({','.join(cols[1:])}) SELECT "
                            f"{','.join(cols[1:])} FROM {table} WHERE {where}", params)
        else:
            val = {"null": None, "text": "x", "blob": b"\x01", "bump": None}[how]
            if how == "bump":
                con.execute(f"UPDATE {table} SET {col} = CASE typeof({col}) WHEN 'integer' THEN "
                            f"{col} + 1 WHEN 'real' THEN {col} + 0.5 WHEN 'text' THEN {col} || '!' "
                            f"ELSE x'00' END WHERE {where}", params)
            else:
                con.execute(f"UPDATE {table} SET {col} = ? WHERE {where}", (val, *params))
    except sqlite3.IntegrityError:
        return  # NOT NULL / a unique key refused it: nothing changed
    changed = con.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() != before
    con.close()
    if not changed:
        return
    rep = verify(db)  # must not raise
    assert not rep.ok, (table, how, col)


def test_a_garbage_ledger_is_reported_and_the_writer_refuses_clearly(rec):
    con = raw(rec)
    con.execute("UPDATE ledger SET tbl = 7, row_id = 'x', mac = 'y'")
    con.close()
    rep = verify(rec)
    assert not rep.ok and all(p.table == "ledger" or p.kind in ("inserted", "triggers")
                              for p in rep.problems)
    with pytest.raises(StoreError, match="ledger"):
        Store.open_writer(rec)
