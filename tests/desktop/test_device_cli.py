"""`deungdae devices`: list, test, set, map and remove against a real pymodbus peer."""

from __future__ import annotations

import io

import pytest

from deungdae.desktop.cli.main import main
from deungdae.records.store import Store
from tests.desktop.device_site import BAKERY, add_users, open_engine, set_rtd, write_site
from tests.hardware.peer import ModbusPeer, Relay


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "plant"
    write_site(root)
    eng = open_engine(root)
    add_users(eng)
    eng.close()
    return root


@pytest.fixture
def rtd_peer():
    p = ModbusPeer(units=[1, 3]).start()
    set_rtd(p, 1, 182.5, 20.0, -12.3, 0.0)
    set_rtd(p, 3, 77.7)
    yield p
    p.stop()


def _run(root, monkeypatch, *argv, password: str | None = None) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("" if password is None else password + "\n"))
    return main(["--data-dir", str(root), "devices", *argv])


def test_list_shows_roles_and_channels(site, monkeypatch, capsys):
    assert _run(site, monkeypatch, "list") == 0
    out = capsys.readouterr().out
    assert "oven: 터널 오븐 중심온도 탐침 (Tunnel oven core probe) — simulator" in out
    assert "role: oven core temperature (core_temp: °C -50…300)" in out
    assert "oven.core_temp <- core_temp" in out


def test_set_test_map_and_refusals(site, rtd_peer, monkeypatch, capsys):
    who = ["--as", "park", "--reason", "RTD module on the oven", "--password-stdin"]
    args = ["set", "oven", "--profile", "rtd4-pta8c04", "--port", rtd_peer.url, "--unit", "1"]
    assert _run(site, monkeypatch, *args, "--as", "park", "--reason", "x",
                "--password-stdin", password="wrong") == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert _run(site, monkeypatch, *args, "--as", "kim", "--reason", "x", "--password-stdin",
                password="operator-pass-1") == 2
    assert "operator" in capsys.readouterr().err
    assert (site / "site.toml").read_text(encoding="utf-8") == BAKERY
    assert _run(site, monkeypatch, *args[:-1], "0", *who, password="manager-pass-1") == 2
    assert "1..247" in capsys.readouterr().err

    assert _run(site, monkeypatch, *args, *who, password="manager-pass-1") == 0
    assert "device oven replaced" in capsys.readouterr().out
    assert _run(site, monkeypatch, "test", "oven", "--timeout", "0.5") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["t1", "182.5", "°C", "good"]
    assert lines[2].split() == ["t3", "-12.3", "°C", "good"]

    assert _run(site, monkeypatch, "map", "oven.t2", "oven.core_temp", *who,
                password="manager-pass-1") == 0
    capsys.readouterr()
    assert _run(site, monkeypatch, "list") == 0
    assert "oven.core_temp <- t2" in capsys.readouterr().out
    assert _run(site, monkeypatch, "remove", "md", *who, password="manager-pass-1") == 2
    assert "CCP, band or meter" in capsys.readouterr().err
    with Store.open_reader(site / "deungdae.db") as s:
        audit = s.config_changes("device_setting", "oven")
        assert [a["user"] for a in audit] == ["park", "park"]
        assert audit[1]["new"] == {"channels": {"oven.core_temp": "t2"}}


def test_a_device_on_a_pty_and_a_silent_unit(site, rtd_peer, monkeypatch, capsys, tmp_path):
    relay = Relay(rtd_peer.port, front="pty", path=tmp_path / "ttyUSB1").start()
    try:
        relay.silent_units.add(5)
        who = ["--as", "lee", "--reason", "proofer", "--password-stdin"]
        assert _run(site, monkeypatch, "add", "proof", "--profile", "rtd4-pta8c04", "--port",
                    relay.url, "--unit", "3", "--map", "proof.air=t1", *who,
                    password="admin-pass-1") == 0
        assert _run(site, monkeypatch, "test", "proof", "--timeout", "0.5") == 0
        assert capsys.readouterr().out.splitlines()[-8].split() == ["t1", "77.7", "°C", "good"]
        assert _run(site, monkeypatch, "set", "proof", "--profile", "rtd4-pta8c04", "--port",
                    relay.url, "--unit", "5", *who, password="admin-pass-1") == 0
        assert _run(site, monkeypatch, "test", "proof", "--timeout", "0.3") == 2
        assert "no answer from unit 5" in capsys.readouterr().err
        assert _run(site, monkeypatch, "set", "proof", "--profile", "rtd4-pta8c04", "--port",
                    "socket://10.0.0.5", "--unit", "5", *who, password="admin-pass-1") == 2
        assert "no TCP port" in capsys.readouterr().err
        assert _run(site, monkeypatch, "remove", "proof", *who, password="admin-pass-1") == 0
        assert (site / "site.toml").read_text(encoding="utf-8") == BAKERY
    finally:
        relay.unplug()


def test_add_refuses_an_id_in_use_and_a_taken_address(site, rtd_peer, monkeypatch, capsys):
    who = ["--as", "lee", "--reason", "x", "--password-stdin"]
    args = ["--profile", "rtd4-pta8c04", "--port", rtd_peer.url]
    assert _run(site, monkeypatch, "add", "oven", *args, "--unit", "1", *who,
                password="admin-pass-1") == 2
    assert "device id 'oven' is already used" in capsys.readouterr().err
    assert _run(site, monkeypatch, "add", "proof", *args, "--unit", "1", *who,
                password="admin-pass-1") == 0
    capsys.readouterr()
    assert _run(site, monkeypatch, "add", "proof2", *args, "--unit", "1", *who,
                password="admin-pass-1") == 2
    assert "unit 1 on " + rtd_peer.url + " is also device 'proof'" in capsys.readouterr().err
