"""Sync pieces that need no platform: state, token store, backoff, clock, status, errors of
the HTTP client against real sockets and a real TLS server, the CLI's refusals."""

from __future__ import annotations

import http.server
import os
import socket
import ssl
import stat
import threading
import time

import pytest

from deungdae.desktop import paths
from deungdae.desktop.cli.main import main
from deungdae.sync import errors, state
from deungdae.sync.client import Client, normalize_url
from deungdae.sync.service import Backoff, SyncService, clock_warning
from deungdae.sync.status import read_status
from deungdae.sync.token_store import TokenStore
from tests.sync.records_fixtures import key_of, write_record


def test_record_name_matches_the_desktop():
    assert state.RECORD_NAME == paths.DB_NAME


def test_state_round_trip_and_partial_saves(tmp_path):
    assert state.load(tmp_path) is None
    state.save(tmp_path, state.SyncState(url="https://c.example", key_id="ab12cd34",
                                         plant_id=7, plant_name="P"))
    state.save(tmp_path, acked_seq=42, last_error="down")
    state.save(tmp_path, sent_entries=5)
    st = state.load(tmp_path)
    assert (st.url, st.plant_id, st.acked_seq, st.last_error, st.sent_entries) == \
        ("https://c.example", 7, 42, "down", 5)
    with pytest.raises(ValueError):
        state.save(tmp_path, no_such_field=1)


def test_token_store_file_is_private_and_per_record(tmp_path):
    ts = TokenStore(tmp_path)
    assert ts.where == str(tmp_path / "keys")  # DEUNGDAE_KEYRING=off
    assert ts.load("k1") is None
    ts.save("k1", "secret-1")
    ts.save("k2", "secret-2")
    ts.save("k1", "secret-1b")
    assert (ts.load("k1"), ts.load("k2")) == ("secret-1b", "secret-2")
    f = ts.token_file("k1")
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(f.parent).st_mode) == 0o700
    ts.delete("k1")
    assert ts.load("k1") is None and ts.load("k2") == "secret-2"


def test_backoff_is_full_jitter_doubling_to_the_cap():
    import random

    b = Backoff(base=1.0, cap=300.0, rng=random.Random(1))
    limits = [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
    waits = [b.next() for _ in limits]
    assert all(0 <= w <= lim for w, lim in zip(waits, limits, strict=True))
    assert max(waits[8:]) > 64, "late waits reach far past the early limits"
    b.reset()
    assert b.next() <= 1.0


def test_clock_warning_text():
    assert clock_warning(None) is None
    assert clock_warning(4 * 60_000) is None
    assert clock_warning(-(5 * 60_000)) is None
    assert clock_warning((2 * 60 + 3) * 60_000 + 999) == \
        "this computer's clock is 2 h 3 min behind the platform's"
    assert clock_warning(-(26 * 3600_000)) == \
        "this computer's clock is 1 d 2 h ahead of the platform's"


def test_status_counts_the_backlog_cheaply(tmp_path):
    root = tmp_path / "site"
    write_record(root, n_blocks=300, per=20).close()
    assert read_status(root).configured is False
    key_id, _ = key_of(root)
    state.save(root, state.SyncState(url="http://x", key_id=key_id, plant_name="P",
                                     clock_offset_ms=-3 * 3600_000))
    s = read_status(root)
    assert s.configured and s.state == "idle"
    assert s.backlog_readings == 300 * 20 * 4 + 1
    assert s.backlog_by_table["ingest_block"] == 301
    assert s.backlog_entries == sum(s.backlog_by_table.values())
    assert s.clock_warning == "this computer's clock is 3 h ahead of the platform's"
    state.save(root, acked_seq=s.backlog_entries - 1, state="sending",
               heartbeat_ms=state.now_ms())
    s = read_status(root)
    assert s.backlog_entries == 1 and s.state == "sending"
    state.save(root, heartbeat_ms=state.now_ms() - 3600_000)
    assert read_status(root).state == "idle", "a dead process' 'sending' is stale"
    t = time.perf_counter()
    for _ in range(10):
        read_status(root)
    assert (time.perf_counter() - t) / 10 < 0.05


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class _NotAPlatform(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = b"<html>hello</html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture
def web_server():
    servers = []

    def start(tls: ssl.SSLContext | None = None) -> str:
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotAPlatform)
        if tls is not None:
            srv.socket = tls.wrap_socket(srv.socket, server_side=True)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        host = "localhost" if tls else "127.0.0.1"
        return f"{'https' if tls else 'http'}://{host}:{srv.server_address[1]}"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def test_client_errors_name_the_problem(web_server, tmp_path):
    import trustme

    with Client(f"http://127.0.0.1:{_closed_port()}") as c, \
            pytest.raises(errors.Unreachable, match="no Deungdae platform at http://127"):
        c.position()
    with Client(web_server()) as c, pytest.raises(errors.NotAPlatform, match="404"):
        c.position()

    ca = trustme.CA()
    cert = ca.issue_cert("localhost")
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(tls)
    url = web_server(tls)
    with Client(url) as c, pytest.raises(errors.CertificateError,
                                         match="the platform's certificate was not trusted"):
        c.position()
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    with Client(url, ca_bundle=str(bundle)) as c, pytest.raises(errors.NotAPlatform):
        c.position()  # TLS trusted now; the server is just no platform
    with pytest.raises(errors.CertificateError, match="cannot use the CA bundle"):
        Client(url, ca_bundle=str(tmp_path / "missing.pem"))


def test_normalize_url():
    assert normalize_url(" https://c.example/api/v1/ ") == "https://c.example"
    assert normalize_url("c.example:8470") == "https://c.example:8470"


def test_cli_refusals(tmp_path, capsys):
    root = tmp_path / "site"
    write_record(root, n_blocks=2, rich=False).close()
    assert main(["--data-dir", str(root), "sync", "--once"]) == 1
    assert "not registered with a platform" in capsys.readouterr().err
    assert main(["--data-dir", str(root), "register", "http://127.0.0.1:9", "short"]) == 1
    assert "is not a registration code" in capsys.readouterr().err

    key_id, _ = key_of(root)
    state.save(root, state.SyncState(url=f"http://127.0.0.1:{_closed_port()}", key_id=key_id))
    TokenStore(root).save(key_id, "tok")
    holder = SyncService(root)
    holder.acquire()
    try:
        assert main(["--data-dir", str(root), "sync", "--once"]) == 1
        err = capsys.readouterr().err
        assert "already syncing" in err and err.count("\n") == 1
        with pytest.raises(errors.AlreadySyncing):
            SyncService(root).acquire()
    finally:
        holder.release()
    assert main(["--data-dir", str(root), "sync", "--once"]) == 1
    err = capsys.readouterr().err
    assert "no Deungdae platform at" in err and err.count("\n") == 1
    s = read_status(root)
    assert s.state == "offline" and "no Deungdae platform at" in s.last_error


def test_the_sync_thread_survives_a_busy_sync_db(tmp_path, monkeypatch):
    """Failures while noting failures (a busy or full sync.db) are logged, not fatal: the
    background thread keeps retrying until it is stopped."""
    import sqlite3

    root = tmp_path / "site"
    write_record(root, n_blocks=2, rich=False).close()
    key_id, _ = key_of(root)
    state.save(root, state.SyncState(url=f"http://127.0.0.1:{_closed_port()}", key_id=key_id))
    TokenStore(root).save(key_id, "tok")
    svc = SyncService(root, poll_seconds=0.05, backoff=Backoff(0.01, 0.02))
    tries = []

    def busy(*_a, **_k):
        tries.append(1)
        raise sqlite3.OperationalError("database is locked")

    def drain(*_a, **_k):
        raise errors.Unreachable("offline for the test")

    monkeypatch.setattr(state, "save", busy)
    monkeypatch.setattr(svc, "drain", drain)
    svc.start()
    try:
        deadline = time.monotonic() + 5
        while len(tries) < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(tries) >= 5 and svc.running
    finally:
        assert svc.stop()
    assert not svc.running


def test_an_unreadable_sync_db_is_not_read_as_not_registered(tmp_path):
    import sqlite3

    root = tmp_path / "site"
    root.mkdir()
    assert state.load(root) is None and not SyncService.configured(root)
    state.state_path(root).write_bytes(b"")  # created, never written
    assert state.load(root) is None and not SyncService.configured(root)
    state.state_path(root).write_bytes(b"not a database at all, " * 100)
    with pytest.raises(sqlite3.Error):
        state.load(root)
    assert SyncService.configured(root)  # unknown: the loop retries it
    s = read_status(root)
    assert s.configured and s.state == "error" and "sync state" in s.last_error


def test_gap_and_fork_are_told_by_the_detail_prefix_the_platform_guarantees():
    """A 409 is a gap only when its detail starts with "gap:" (and says where to resume);
    words elsewhere in the text do not decide it, and anything else is a fork."""
    import json as _json

    answers = []

    class Conflict(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = _json.dumps(answers.pop(0)).encode()
            self.send_response(409)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Conflict)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with Client(f"http://127.0.0.1:{srv.server_address[1]}", "tok") as c:
            answers.append({"detail": "gap: the platform holds up to #4 (no fork, nothing "
                                      "diverges); send from #5", "expected_seq": 5})
            with pytest.raises(errors.GapError) as gap:
                c.ingest(b"x")
            assert gap.value.expected_seq == 5
            answers.append({"detail": "fork: ledger #3 differs", "expected_seq": 5})
            with pytest.raises(errors.ForkError):
                c.ingest(b"x")
            answers.append({"detail": "something else", "expected_seq": 5})
            with pytest.raises(errors.ForkError):
                c.ingest(b"x")
    finally:
        srv.shutdown()
        srv.server_close()


def test_register_over_plain_http_to_another_machine_needs_insecure_http(tmp_path, capsys):
    from deungdae.sync.registration import is_plain_remote_http

    assert is_plain_remote_http("http://central.example")
    assert is_plain_remote_http("http://192.0.2.7:8470")
    for ok in ("https://central.example", "http://127.0.0.1:9", "http://127.9.9.9",
               "http://[::1]:9", "http://localhost:8470"):
        assert not is_plain_remote_http(ok), ok
    root = tmp_path / "site"
    write_record(root, n_blocks=1, rich=False).close()
    code = "abcdefgh-ijkl"
    assert main(["--data-dir", str(root), "register", "http://0.0.0.0:9", code]) == 1
    err = capsys.readouterr().err
    assert "plain http" in err and "--insecure-http" in err and err.count("\n") == 1
    # with the flag it is said on screen and the attempt goes ahead (nothing listens there)
    assert main(["--data-dir", str(root), "register", "--insecure-http", "http://0.0.0.0:9",
                 code]) == 1
    err = capsys.readouterr().err
    assert "warning: --insecure-http" in err and "plain http to another" not in err
