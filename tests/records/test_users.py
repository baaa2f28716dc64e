"""Users, roles, lockout, and the CLI's user commands."""

from __future__ import annotations

import argparse
import io

import pytest

from deungdae.desktop.cli.record_commands import add_parsers
from deungdae.records import users
from deungdae.records.store import Store
from tests.records.integrity_fixtures import fast_argon2, file_key, make_store  # noqa: F401


def test_add_authenticate_and_audit(tmp_path):
    store = make_store(tmp_path, blocks=0, events=0)
    users.add_user(store, "park", "Park Admin", "admin", "s3cret", by="setup")
    users.add_user(store, "kim", "Kim Op", "operator", "1234", by="park")
    assert users.authenticate(store, "kim", "1234").role == "operator"
    users.set_password(store, "kim", "5678", by="kim")
    with pytest.raises(users.WrongPassword):
        users.authenticate(store, "kim", "1234")
    users.disable(store, "kim", by="park")
    with pytest.raises(users.AccountDisabled):
        users.authenticate(store, "kim", "5678")
    changes = store.config_changes("user", "kim")
    assert [c["user"] for c in changes] == ["park", "kim", "park"]
    assert changes[-1]["old"]["active"] is True and changes[-1]["new"]["active"] is False
    assert all("argon2" not in str(c) for c in changes)
    pw = store.query("SELECT pw_hash FROM user_version WHERE login = 'kim'")[0][0]
    assert pw.startswith("$argon2id$")
    assert store.verify().ok
    store.close()


def test_lockout_after_repeated_failures_and_unlock(tmp_path):
    store = make_store(tmp_path, blocks=0, events=0)
    users.add_user(store, "kim", "Kim", "operator", "1234", by="setup")
    for _ in range(users.MAX_FAILURES):
        with pytest.raises(users.WrongPassword):
            users.authenticate(store, "kim", "nope")
    with pytest.raises(users.AccountLocked, match="locked"):
        users.authenticate(store, "kim", "1234")  # even the right password
    users.unlock(store, "kim", by="park")
    assert users.authenticate(store, "kim", "1234").login == "kim"
    outcomes = [r[0] for r in store.query("SELECT outcome FROM auth_log WHERE login = 'kim'")]
    assert outcomes.count("bad_password") == users.MAX_FAILURES and "locked" in outcomes
    store.close()


def test_bad_input_changes_nothing(tmp_path):
    store = make_store(tmp_path, blocks=0, events=0)
    users.add_user(store, "kim", "Kim", "operator", "1234", by="setup")
    before = store.heads()["seq"]
    for bad in (lambda: users.add_user(store, "kim", "", "operator", "1234", by="x"),
                lambda: users.add_user(store, "lee", "", "boss", "1234", by="x"),
                lambda: users.add_user(store, "lee", "", "operator", "12", by="x"),
                lambda: users.set_password(store, "nobody", "1234", by="x")):
        with pytest.raises(users.AuthError):
            bad()
    assert store.heads()["seq"] == before
    store.close()


def run(tmp_path, monkeypatch, argv, stdin=""):
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir")
    add_parsers(ap.add_subparsers(dest="command", required=True))
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    args = ap.parse_args(["--data-dir", str(tmp_path), *argv])
    return args.func(args)


def test_cli_user_commands(tmp_path, monkeypatch, capsys):
    make_store(tmp_path, blocks=0, events=0).close()
    assert run(tmp_path, monkeypatch, ["user", "add", "kim", "--role", "operator",
                                       "--password-stdin"], "1234\n") == 1  # first must be admin
    assert run(tmp_path, monkeypatch, ["user", "add", "park", "--role", "admin", "--name",
                                       "Park Ji", "--password-stdin"], "adminpw\n") == 0
    assert run(tmp_path, monkeypatch, ["user", "add", "kim", "--role", "operator", "--as",
                                       "park", "--password-stdin"], "adminpw\n1234\n") == 0
    assert run(tmp_path, monkeypatch, ["user", "add", "lee", "--role", "operator", "--as",
                                       "park", "--password-stdin"], "wrong\n1234\n") == 1
    assert "wrong login or password" in capsys.readouterr().err
    assert run(tmp_path, monkeypatch, ["user", "add", "lee", "--role", "operator", "--as",
                                       "kim", "--password-stdin"], "1234\n1234\n") == 1
    assert "needs admin" in capsys.readouterr().err
    assert run(tmp_path, monkeypatch, ["user", "passwd", "kim", "--password-stdin"],
               "1234\n9999\n") == 0
    assert run(tmp_path, monkeypatch, ["user", "disable", "kim", "--as", "park",
                                       "--password-stdin"], "adminpw\n") == 0
    capsys.readouterr()
    assert run(tmp_path, monkeypatch, ["user", "list"]) == 0
    out = capsys.readouterr().out
    assert "park" in out and "Park Ji" in out and "disabled" in out
    with Store.open_writer(tmp_path / "deungdae.db") as store:
        assert {u.login for u in users.users(store)} == {"park", "kim"}
        assert store.verify().ok
