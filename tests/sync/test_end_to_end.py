"""The real CLI against a real `deungdae-central` process: register, sync, compare."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from deungdae.desktop.cli.main import main
from deungdae.records import chain
from deungdae.records.store import Store
from deungdae.sync import state
from deungdae.sync.client import Client
from deungdae.sync.outbox import Outbox
from deungdae.sync.state import now_ms
from deungdae.sync.status import read_status
from deungdae.sync.token_store import TokenStore
from tests.sync.central_server import Central
from tests.sync.platform_checks import assert_platform_equals_local, server_rows, token_of
from tests.sync.records_fixtures import T0, blocks_of, write_record


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    c = Central(tmp_path_factory.mktemp("central")).start()
    yield c
    c.stop()


def cli(root, *args) -> int:
    # (`register` gets "--" first: a one-time code may start with "-")
    return main(["--data-dir", str(root), *args])


def test_register_sync_and_every_row_is_on_the_platform(central, tmp_path, capsys):
    root = tmp_path / "site"
    write_record(root, n_blocks=60).close()
    assert cli(root, "sync", "status") == 0
    assert "not set up" in capsys.readouterr().out

    code = central.plant_add("E2E plant")
    assert cli(root, "register", central.url, code) == 0
    out = capsys.readouterr().out
    assert "as plant 'E2E plant'" in out
    st = state.load(root)
    assert st.url == central.url and st.plant_name == "E2E plant"

    before = read_status(root)
    assert before.configured and before.backlog_entries > 60
    assert before.backlog_readings == 60 * 5 * 4 + 1

    assert cli(root, "sync", "--once") == 0
    out = capsys.readouterr().out
    assert f"sent {before.backlog_entries:,} rows ({before.backlog_readings:,} readings" in out
    assert_platform_equals_local(central, root)
    # password hashes never leave the plant: neither central's database nor any answer
    # holds one (the user row travels with the hash's token, which the seal covers)
    with sqlite3.connect(f"file:{root / 'deungdae.db'}?mode=ro", uri=True) as local:
        assert local.execute("SELECT count(*) FROM user_version WHERE pw_hash LIKE '$argon2%'"
                             ).fetchone()[0] >= 1
    central_db = Path(central.db_url.removeprefix("sqlite:///"))
    for f in central_db.parent.glob(central_db.name + "*"):
        assert b"$argon2" not in f.read_bytes(), f
    token = token_of(root)
    for tbl in ("ingest_block", *chain.ROW_TABLES):
        assert "$argon2" not in json.dumps(server_rows(central, token, tbl)), tbl
    users_on_central = server_rows(central, token, "user_version")
    assert users_on_central and all(r[4].startswith("sha256:") for r in users_on_central)
    assert central.get(token, "/chain")["problems"] == []

    after = read_status(root)
    assert after.state == "idle" and after.backlog_entries == 0 and after.backlog_readings == 0
    assert after.last_error is None and after.last_success_ms

    # nothing new: nothing is sent
    assert cli(root, "sync", "--once") == 0
    assert "nothing to send" in capsys.readouterr().out

    # new rows later: only they go
    with Store.open_writer(root / "deungdae.db") as store:
        for batch in blocks_of(3, t0=T0 + 10_000_000):
            store.append_readings(batch)
    assert read_status(root).backlog_by_table == {"ingest_block": 3}
    assert cli(root, "sync", "--once", "-q") == 0
    assert "sent 3 rows (60 readings" in capsys.readouterr().out
    ch = assert_platform_equals_local(central, root)
    assert ch["counts"]["ingest_block"] == 60 + 1 + 3

    # a resend (an overlapping batch) is harmless: the platform counts duplicates
    st = state.load(root)
    with Outbox(root / "deungdae.db", st.key_id, max_entries=40) as ob, \
            Client(st.url, TokenStore(root).load(st.key_id)) as client:
        batch = next(ob.batches(0, now_ms))
        ack = client.ingest(batch.body)
    assert (ack.accepted, ack.duplicates, ack.readings) == (0, 40, 0)
    assert ack.stored_seq == read_status(root).acked_seq
    assert_platform_equals_local(central, root)

    assert cli(root, "sync", "status") == 0
    out = capsys.readouterr().out
    assert "state        idle" in out and "backlog      0 rows, 0 readings" in out
    assert "E2E plant" in out and central.url in out


def test_registration_code_is_single_use_and_bad_tokens_are_named(central, tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    write_record(a, n_blocks=3, rich=False).close()
    write_record(b, n_blocks=3, rich=False).close()
    code = central.plant_add("Once")
    assert cli(a, "register", central.url, code) == 0
    capsys.readouterr()
    assert cli(b, "register", central.url, code) == 1
    err = capsys.readouterr().err
    assert "registration code was not accepted" in err and err.count("\n") == 1
    assert state.load(b) is None

    # a revoked / wrong token: one clear line, non-zero, and the state says so
    st = state.load(a)
    TokenStore(a).save(st.key_id, "not-the-token")
    assert cli(a, "sync", "--once") == 1
    err = capsys.readouterr().err
    assert "no longer accepts this computer's token" in err and "register again" in err

    # no token at all
    TokenStore(a).delete(st.key_id)
    assert cli(a, "sync", "--once") == 1
    assert "no token" in capsys.readouterr().err


def test_wrong_address_is_named(central, tmp_path, capsys):
    root = tmp_path / "site"
    write_record(root, n_blocks=2, rich=False).close()
    code = central.plant_add("Wrong URL")
    # a port with nothing listening
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    assert cli(root, "register", f"http://127.0.0.1:{port}", code) == 1
    err = capsys.readouterr().err
    assert err.startswith("deungdae: no Deungdae platform at http://127.0.0.1:") and \
        err.count("\n") == 1
    # something that answers HTTP but is no platform: the API prefix is not there
    assert cli(root, "register", central.url + "/nothing-here", code) == 1
    assert "no Deungdae platform at" in capsys.readouterr().err
    # the code was not used up by the failed attempts
    assert cli(root, "register", central.url, code) == 0


def test_sync_keeps_going_until_ctrl_c(central, tmp_path):
    root = tmp_path / "site"
    write_record(root, n_blocks=20).close()
    assert cli(root, "register", central.url, central.plant_add("Foreground")) == 0
    env = dict(os.environ, DEUNGDAE_KEYRING="off")
    proc = subprocess.Popen([sys.executable, "-m", "deungdae.desktop.cli.main", "--data-dir", str(root),
                             "sync"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        # Deadlines are generous: `deungdae sync` runs at a lowered CPU priority, so on a
        # loaded machine it may take long to get going (a fixed sleep or a short deadline
        # made this test fail by chance). Readiness is the "Ctrl-C stops" line, printed
        # once the signal handlers are set, and the backlog drained.
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
        reader.start()  # (read all along: a full stderr pipe would stall the process)
        end = time.monotonic() + 180
        while not any("syncing; Ctrl-C stops" in ln for ln in lines):
            assert proc.poll() is None and time.monotonic() < end, "sync never got ready"
            time.sleep(0.05)
        while read_status(root).backlog_entries and time.monotonic() < end:
            time.sleep(0.05)
        assert read_status(root).backlog_entries == 0
        acked = state.load(root).acked_seq
        with Store.open_writer(root / "deungdae.db") as store:  # the engine is not running
            store.append_readings(blocks_of(1, t0=T0 + 50_000_000)[0])
        # without --once it keeps going: the new block is sent too
        while state.load(root).acked_seq <= acked and time.monotonic() < end:
            assert proc.poll() is None, "without --once it keeps running"
            time.sleep(0.05)
        assert state.load(root).acked_seq > acked
        assert proc.poll() is None, "without --once it keeps running"
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=120)
        reader.join(10)
        err = "".join(lines)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "stopped" in err
    assert "Traceback" not in err


def test_rows_deleted_behind_the_apps_back_still_sync_and_are_named(central, tmp_path,
                                                                     capsys):
    """A reading block's readings, a block header and an event row deleted with sqlite3
    (triggers dropped): everything else still reaches the platform, and /chain names the
    entries whose rows are gone."""
    import sqlite3

    root = tmp_path / "damaged"
    write_record(root, n_blocks=30).close()
    con = sqlite3.connect(root / "deungdae.db")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               ).fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute("DELETE FROM reading WHERE blk = 3")
    con.execute("DELETE FROM reading WHERE blk = 7")
    con.execute("DELETE FROM ingest_block WHERE id = 7")
    ev = con.execute("SELECT min(id) FROM event").fetchone()[0]
    con.execute("DELETE FROM event WHERE id = ?", (ev,))
    con.commit()
    seqs = {tbl: con.execute("SELECT seq FROM ledger WHERE tbl = ? AND row_id = ?",
                             (tbl, rid)).fetchone()[0]
            for tbl, rid in (("ingest_block", 3), ("ingest_block", 7), ("event", ev))}
    head = con.execute("SELECT max(seq) FROM ledger").fetchone()[0]
    con.close()

    assert cli(root, "register", central.url, central.plant_add("Damaged")) == 0
    cli(root, "sync", "--once")
    capsys.readouterr()
    st = state.load(root)
    token = TokenStore(root).load(st.key_id)
    pos = central.get(token, "/position")
    assert pos["stored_seq"] == head and not pos["chain_ok"]
    problems = central.get(token, "/chain")["problems"]
    for tbl, seq in seqs.items():
        assert any(p.startswith(f"ledger #{seq} {tbl} ") and
                   "row missing or malformed on the plant" in p for p in problems), problems
    assert read_status(root).backlog_entries == 0


def test_wrong_typed_rows_do_not_stick_the_stream(central, tmp_path, caplog):
    """A BLOB or TEXT where a number belongs (raw sqlite3): sync reaches the head, the rows
    are reported locally (log) and on the platform (chain problems), nothing crashes."""
    from tests.sync.test_outbox import _tamper_with_types

    root = tmp_path / "site"
    write_record(root, n_blocks=8).close()
    ev, blocks = _tamper_with_types(root)
    assert cli(root, "register", central.url, central.plant_add("Typed")) == 0
    assert cli(root, "sync", "--once", "-q") == 0
    assert f"event {ev}: column 6 holds a bytes" in caplog.text
    token = token_of(root)
    with sqlite3.connect(f"file:{root / 'deungdae.db'}?mode=ro", uri=True) as con:
        head = con.execute("SELECT max(seq) FROM ledger").fetchone()[0]
    pos = central.get(token, "/position")
    assert pos["stored_seq"] == head and pos["chain_ok"] is False
    problems = " ".join(p if isinstance(p, str) else json.dumps(p)
                        for p in central.get(token, "/chain")["problems"])
    assert f"event {ev}" in problems and f"ingest_block {blocks[1]}" in problems
    assert cli(root, "sync", "--once") == 0  # nothing left, nothing stuck
