"""Backup while writing, restore of good and bad backups, archive, and `deungdae verify`."""

from __future__ import annotations

import argparse
import io
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from deungdae.desktop.cli.record_commands import add_parsers
from deungdae.records import backup as rb
from deungdae.records import users
from deungdae.records.audit import verify_database
from deungdae.records.errors import AlreadyRunning
from deungdae.records.store import Store
from tests.records.integrity_fixtures import T0, fast_argon2, file_key, make_store, rows_for  # noqa: F401


def run(root, argv, monkeypatch=None, stdin=""):
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir")
    add_parsers(ap.add_subparsers(dest="command", required=True))
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    args = ap.parse_args(["--data-dir", str(root), *argv])
    return args.func(args)


def test_backup_while_a_thread_writes(tmp_path):
    store = make_store(tmp_path, blocks=2)
    stop = threading.Event()

    def writer():
        i = 0
        while not stop.is_set():
            store.append_readings([(c, T0 + 10**8 + i * 1000, 1.0, 0) for c in range(1, 5)])
            i += 1

    t = threading.Thread(target=writer)
    t.start()
    try:
        time.sleep(0.2)
        for n in range(3):
            rep = rb.backup(tmp_path / "deungdae.db", tmp_path / f"b{n}.db")
            assert rep.ok and rep.blocks >= 2
    finally:
        stop.set()
        t.join()
    store.close()


WRITER = """
import sys, time
from pathlib import Path
from deungdae.records.store import Store
s = Store.open_writer(Path(sys.argv[1]))
print("ready", flush=True)
i = 0
t_end = time.time() + 3
while time.time() < t_end:
    s.append_readings([(1, 2_000_000_000_000 + i * 1000, 1.0, 0), (2, 2_000_000_000_000 + i, 2.0, 0)])
    i += 1
s.close()
"""


def test_backup_while_another_process_writes_and_restore_refuses(tmp_path, monkeypatch):
    make_store(tmp_path, blocks=2).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "deungdae.db")],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        assert run(tmp_path, ["backup", "-o", str(tmp_path / "live.db")]) == 0
        with pytest.raises(AlreadyRunning, match="stop it before restoring"):
            rb.restore(tmp_path / "live.db", tmp_path / "deungdae.db")
    finally:
        proc.wait(timeout=30)
    assert verify_database(tmp_path / "live.db", tmp_path, live=False).ok
    assert run(tmp_path, ["verify", "-q"]) == 0


PW = "admin-pass-91"
RESTORE_AS = ["--as", "admin", "--password-stdin", "--reason", "disk replaced"]


def test_restore_good_backup_and_keep_the_replaced_record(tmp_path, capsys, monkeypatch):
    store = make_store(tmp_path, blocks=2)
    users.add_user(store, "admin", "Kim", "admin", PW, by="setup")
    store.close()
    assert run(tmp_path, ["backup", "-o", str(tmp_path / "b.db")]) == 0
    store = Store.open_writer(tmp_path / "deungdae.db")
    store.append_readings(rows_for(3)[2])
    store.close()
    assert run(tmp_path, ["restore", str(tmp_path / "b.db"), *RESTORE_AS], monkeypatch,
               "wrong\n") == 1
    assert "restore refused" in capsys.readouterr().err
    assert run(tmp_path, ["restore", str(tmp_path / "b.db"), *RESTORE_AS], monkeypatch,
               PW + "\n") == 0
    assert "kept at" in capsys.readouterr().out
    with Store.open_writer(tmp_path / "deungdae.db") as s:
        assert s.count_readings() == 200
        assert s.verify().ok  # the witness moved back through the signed restore
        assert [e.kind for e in s.events()][-1] == "record.restored"
    assert run(tmp_path, ["verify", "-q"]) == 0
    assert list((tmp_path / "backups").glob("*before-restore.db"))


@pytest.mark.parametrize("damage", ["truncated", "foreign", "garbage", "tampered", "missing"])
def test_restore_refuses_bad_backups_and_changes_nothing(tmp_path, damage, capsys,
                                                         monkeypatch):
    store = make_store(tmp_path, blocks=2)
    users.add_user(store, "admin", "Kim", "admin", PW, by="setup")
    store.close()
    good = tmp_path / "b.db"
    assert run(tmp_path, ["backup", "-o", str(good)]) == 0
    bad = tmp_path / "bad.db"
    if damage == "truncated":
        data = good.read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE t(x)")
        con.commit()
        con.close()
    elif damage == "garbage":
        bad.write_bytes(b"PK\x03\x04" + b"\x00" * 4096)
    elif damage == "tampered":
        shutil.copy(good, bad)
        con = sqlite3.connect(bad)
        con.execute("DROP TRIGGER event_no_update")
        con.execute("UPDATE event SET message = 'x' WHERE id = 1")
        con.commit()
        con.close()
    before = (tmp_path / "deungdae.db").read_bytes()
    capsys.readouterr()
    assert run(tmp_path, ["restore", str(bad), *RESTORE_AS], monkeypatch, PW + "\n") == 1
    err = capsys.readouterr().err
    assert "restore refused" in err and "\n" in err
    assert (tmp_path / "deungdae.db").read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_verify_cli_exit_codes_and_names_the_place(tmp_path, capsys):
    make_store(tmp_path, blocks=2).close()
    assert run(tmp_path, ["verify", "-q"]) == 0
    assert "record intact" in capsys.readouterr().out
    con = sqlite3.connect(tmp_path / "deungdae.db")
    con.execute("DROP TRIGGER reading_no_update")
    con.execute("UPDATE reading SET v = 0 WHERE ch = 2 AND ts = ?", (T0 + 3000,))
    con.commit()
    con.close()
    assert run(tmp_path, ["verify", "-q"]) == 1
    out = capsys.readouterr().out
    assert "RECORD DAMAGED" in out and f"ch 2 ts {T0 + 3000}" in out and "block 1" in out


def test_archive_exports_a_verified_closed_period(tmp_path, capsys):
    store = Store.open_writer(tmp_path / "deungdae.db")
    store._write(lambda con: None)
    for batch in rows_for(4):
        store.append_readings(batch)
    store.close()
    # every row so far is from 2025; archive everything before 2025-11-25
    assert run(tmp_path, ["archive", "--before", "2025-11-25", "-o",
                          str(tmp_path / "a.db")]) == 0
    assert "nothing was removed" in capsys.readouterr().out
    rep = verify_database(tmp_path / "a.db", tmp_path, live=False)
    assert rep.ok and rep.blocks == 4
    with Store.open_reader(tmp_path / "deungdae.db") as s:
        assert s.count_readings() == 400
    assert run(tmp_path, ["archive", "--before", "2020-01-01", "-o",
                          str(tmp_path / "none.db")]) == 1
    assert run(tmp_path, ["archive", "--before", "2999-01-01", "-o",
                          str(tmp_path / "open.db")]) == 1
