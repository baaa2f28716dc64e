"""Forks against a real `deungdae-central` on loopback (issue 10, the platform's part):
a record cut on the plant is refused, not accepted as a valid chain, and the client
reports it; a stream that does not continue the platform's head is refused and recorded;
a junk entry stored ahead of the real plant is discarded by `plant repair` (recorded),
after which the real plant syncs again."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
from pathlib import Path

import httpx
import pytest

from deungdae.desktop.cli.main import main
from deungdae.records import chain
from deungdae.records.store import Store
from deungdae.sync import wire
from deungdae.sync.state import now_ms
from tests.sync.central_server import CENTRAL, Central, _env
from tests.sync.platform_checks import assert_platform_equals_local, token_of
from tests.sync.records_fixtures import T0, blocks_of, key_of, write_record


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    c = Central(tmp_path_factory.mktemp("central")).start()
    yield c
    c.stop()


def cli(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), *args])


def central_cli(central: Central, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CENTRAL, *args, "--db", central.db_url], capture_output=True,
                          text=True, env=_env(), timeout=120)


def plant_line(central: Central, name: str) -> str:
    out = central_cli(central, "plant", "list")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    i = next(i for i, ln in enumerate(lines) if f" {name} " in ln)
    block = [lines[i]]
    for ln in lines[i + 1:]:
        if not ln.startswith("      "):
            break
        block.append(ln)
    return "\n".join(block)


def synced(central: Central, root: Path, name: str, capsys) -> str:
    write_record(root, n_blocks=20).close()
    assert cli(root, "register", central.url, central.plant_add(name)) == 0
    assert cli(root, "sync", "--once") == 0
    capsys.readouterr()
    return token_of(root)


def head(root: Path) -> tuple[int, bytes]:
    with sqlite3.connect(f"file:{root / 'deungdae.db'}?mode=ro", uri=True) as con:
        seq, mac = con.execute("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1"
                               ).fetchone()
    return seq, bytes(mac)


def post(central: Central, token: str, key_id: str, entries: list[dict]) -> httpx.Response:
    doc = {"protocol": 1, "key_id": key_id, "sent_at": now_ms(), "channels": [],
           "entries": entries}
    return httpx.post(central.url + wire.API_PREFIX + "/ingest",
                      content=gzip.compress(json.dumps(doc).encode()),
                      headers={"Authorization": f"Bearer {token}",
                               "Content-Type": "application/json",
                               "Content-Encoding": "gzip"}, timeout=60)


def event_entry(key: bytes, seq: int, prev: bytes, row_id: int, message: str) -> dict:
    row = [row_id, T0 + 5_000_000, "manual.entry", "info", "t1", None, message, "{}",
           "intruder", None, T0 + 5_000_000]
    rmac, mac = chain.seal_macs(key, prev, seq, "event", row_id,
                                chain.table_row_digest("event", row))
    return {"seq": seq, "tbl": "event", "row_id": row_id, "rmac": rmac.hex(),
            "mac": mac.hex(), "row": row}


def test_a_record_cut_on_the_plant_is_refused_and_reported(central, tmp_path, capsys):
    root = tmp_path / "cut"
    token = synced(central, root, "Cut plant", capsys)
    stored = central.get(token, "/position")["stored_seq"]
    con = sqlite3.connect(root / "deungdae.db")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               ).fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute("DELETE FROM ledger WHERE seq > ?", (stored - 5,))
    con.commit()
    con.close()

    assert cli(root, "sync", "--once") != 0
    out = capsys.readouterr()
    assert f"from #{stored - 4}" in out.out + out.err and "cut" in out.out + out.err
    pos = central.get(token, "/position")
    assert pos["stored_seq"] == stored and pos["chain_ok"]  # nothing accepted
    line = plant_line(central, "Cut plant")
    assert "FORK (1 report(s))" in line and "the plant reports" in line, line
    assert f"fork from #{stored - 4}" in line and "plant repair 'Cut plant'" in line
    assert cli(root, "sync", "--once") != 0  # the same fork again is counted, not repeated
    capsys.readouterr()
    assert "FORK (1 report(s))" in plant_line(central, "Cut plant")


def test_a_stream_that_does_not_continue_the_platforms_head_is_refused(central, tmp_path,
                                                                      capsys):
    root = tmp_path / "aside"
    token = synced(central, root, "Aside plant", capsys)
    key_id, key = key_of(root)
    stored, mac = head(root)
    # a chain of its own that parted before the platform's head (rewritten, or a copy
    # cut and recorded on): entry #stored+1 links from another entry than #stored
    r = post(central, token, key_id, [event_entry(key, stored + 1, chain.GENESIS, 10_000,
                                                  "elsewhere")])
    assert r.status_code == 409, r.text
    detail = r.json()["detail"]
    assert detail.startswith("fork:") and f"#{stored + 1} does not follow" in detail
    pos = central.get(token, "/position")
    assert pos["stored_seq"] == stored and pos["chain_ok"] and pos["head_mac"] == mac.hex()
    line = plant_line(central, "Aside plant")
    assert "FORK" in line and "the platform refused" in line and f"#{stored + 1}" in line
    # the real plant still continues as before
    with Store.open_writer(root / "deungdae.db") as store:
        for batch in blocks_of(2, t0=T0 + 9_000_000):
            store.append_readings(batch)
    assert cli(root, "sync", "--once") == 0
    assert_platform_equals_local(central, root)


def test_repair_discards_a_junk_tail_so_the_real_plant_syncs_again(central, tmp_path,
                                                                   capsys):
    root = tmp_path / "junk"
    token = synced(central, root, "Junk plant", capsys)
    key_id, key = key_of(root)
    stored, mac = head(root)
    # someone with the plant's token and key stores an entry the plant never wrote
    junk = [event_entry(key, stored + 1, mac, 10_000, "junk")]
    r = post(central, token, key_id, junk)
    assert r.status_code == 200 and r.json()["chain_ok"], r.text
    with Store.open_writer(root / "deungdae.db") as store:
        for batch in blocks_of(3, t0=T0 + 9_000_000):
            store.append_readings(batch)
    assert cli(root, "sync", "--once") != 0  # the platform's #stored+1 is not ours
    capsys.readouterr()
    assert "FORK" in plant_line(central, "Junk plant")

    bad = central_cli(central, "plant", "repair", "Junk plant", "--from", str(stored + 5),
                      "--reason", "junk")
    assert bad.returncode == 2 and "nothing after" in bad.stderr
    assert central_cli(central, "plant", "repair", "Junk plant", "--from", str(stored),
                       "--reason", "x").returncode == 2  # a reason is needed
    done = central_cli(central, "plant", "repair", "Junk plant", "--from", str(stored),
                       "--reason", "entry stored with a leaked token", "--by", "park")
    assert done.returncode == 0, done.stderr
    assert f"discarded #{stored + 1}..#{stored + 1}" in done.stdout
    assert "1 fork report(s) resolved" in done.stdout and "park" in done.stdout
    line = plant_line(central, "Junk plant")
    assert "FORK" not in line and "last repair" in line and "by park" in line
    assert "entry stored with a leaked token" in line

    assert cli(root, "sync", "--once") == 0
    ch = assert_platform_equals_local(central, root)
    assert ch["chain_ok"] and ch["problems"] == []
    events = central.get(token, "/events", start=T0 - 10**8, end=T0 + 10**8)
    assert events and not any(e["message"] == "junk" for e in events)
