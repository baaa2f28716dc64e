"""The fault-injecting proxy against a real HTTP/1.1 server on loopback, with httpx."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.sync.faulty_proxy import FaultyProxy


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive

    def log_message(self, *args) -> None:
        pass

    def _body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                chunk = self.rfile.read(size + 2)
                if len(chunk) < size + 2:
                    return None
                out += chunk[:-2]
        n = int(self.headers.get("Content-Length", 0))
        data = self.rfile.read(n)
        return data if len(data) == n else None

    def _reply(self, obj: dict, status: int = 200) -> None:
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            srv.gets += 1
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"hello ", b"chunked ", b"world"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
            return
        self._reply({"path": self.path, "posts": srv.posts})

    def do_HEAD(self) -> None:  # headers promise a body that is not sent
        self.send_response(200)
        self.send_header("Content-Length", "1234")
        self.end_headers()

    def do_POST(self) -> None:
        try:
            body = self._body()
        except (OSError, ValueError):
            body = None
        srv = self.server
        if body is None:  # the request was cut: nothing committed
            with srv.lock:
                srv.incomplete += 1
            self.close_connection = True
            return
        with srv.lock:
            srv.posts += 1
            srv.bytes += len(body)
        self._reply({"path": self.path, "n": len(body), "posts": srv.posts})


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.block_on_close = False
    srv.lock = threading.Lock()
    srv.posts = srv.gets = srv.incomplete = srv.bytes = 0
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    t.join(5)


@pytest.fixture
def proxy(server):
    with FaultyProxy("127.0.0.1", server.server_address[1]) as p:
        yield p
    # close() joined every thread of the proxy and closed its sockets
    assert not [t for t in threading.enumerate() if t.name.startswith("faulty-proxy")]
    assert not p._conns and p._listener is None


def _client(proxy: FaultyProxy, timeout: float = 5.0) -> httpx.Client:
    return httpx.Client(base_url=proxy.url, timeout=timeout)


def test_pass_forwards_keep_alive_requests_and_chunked_bodies(server, proxy):
    with _client(proxy) as c:
        for i in range(5):
            r = c.post("/api/v1/ingest", content=b"x" * (1000 * i + 1))
            assert r.status_code == 200 and r.json()["n"] == 1000 * i + 1
        assert c.get("/chunked").text == "hello chunked world"
        r = c.post("/stream", content=iter([b"ab", b"cd" * 50_000]))  # chunked request
        assert r.json()["n"] == 100_002
        assert c.head("/x").headers["content-length"] == "1234"
        assert c.get("/after-head").json()["path"] == "/after-head"
    assert server.posts == 6
    assert proxy.requests_seen == 9 and proxy.by_mode["pass"] == 9
    assert proxy.connections == 1  # one keep-alive connection carried them all


@pytest.mark.parametrize("status", [500, 503])
def test_http_errors_answered_without_upstream(server, proxy, status):
    proxy.mode = f"http{status}"
    with _client(proxy) as c:
        for _ in range(3):
            r = c.post("/api/v1/ingest", content=b"{}")
            assert r.status_code == status
            assert "detail" in r.json()
            assert r.headers.get("retry-after") == ("1" if status == 503 else None)
        proxy.mode = "pass"
        assert c.post("/api/v1/ingest", content=b"{}").status_code == 200  # same connection
    assert server.posts == 1
    assert proxy.by_mode[f"http{status}"] == 3 and proxy.connections == 1


def test_path_prefix_limits_the_fault(server, proxy):
    proxy.set_mode("http503", path_prefix="/api/v1/ingest")
    with _client(proxy) as c:
        assert c.get("/api/v1/position").status_code == 200
        assert c.post("/api/v1/ingest", content=b"{}").status_code == 503
    assert server.gets == 1 and server.posts == 0


def test_refuse_closes_the_port_and_resets_open_connections(server, proxy):
    with _client(proxy) as c:
        assert c.get("/a").status_code == 200
        proxy.mode = "refuse"
        with pytest.raises(httpx.TransportError):
            c.get("/b")  # the open keep-alive connection was reset
        with pytest.raises(httpx.ConnectError):
            c.get("/c")
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", proxy.port), timeout=1).close()
        proxy.mode = "pass"
        assert c.get("/d").status_code == 200  # listening again on the same port
    assert server.gets == 2 and proxy.connections_reset == 1


def test_hang_never_answers_until_the_mode_changes(server, proxy):
    proxy.mode = "hang"
    with _client(proxy, timeout=0.3) as c, pytest.raises(httpx.ReadTimeout):
        c.post("/api/v1/ingest", content=b"{}")
    errors: list[Exception] = []

    def call() -> None:
        with _client(proxy, timeout=10) as c:
            try:
                c.post("/api/v1/ingest", content=b"{}")
            except httpx.TransportError as exc:
                errors.append(exc)

    t = threading.Thread(target=call)
    t.start()
    assert proxy.wait_for(lambda p: p.by_mode["hang"] == 2)
    t0 = time.monotonic()
    proxy.mode = "pass"
    t.join(5)
    assert not t.is_alive() and time.monotonic() - t0 < 2
    assert isinstance(errors[0], httpx.RemoteProtocolError)
    assert server.posts == 0


def test_close_releases_hung_requests(server):
    p = FaultyProxy("127.0.0.1", server.server_address[1], mode="hang")
    errors: list[Exception] = []

    def call() -> None:
        try:
            httpx.get(p.url + "/x", timeout=10)
        except httpx.TransportError as exc:
            errors.append(exc)

    t = threading.Thread(target=call)
    t.start()
    assert p.wait_for(lambda q: q.requests_seen == 1)
    p.close()
    t.join(5)
    assert not t.is_alive() and errors
    assert not [t for t in threading.enumerate() if t.name.startswith("faulty-proxy")]
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", p.port), timeout=1).close()


def test_drop_response_after_the_server_committed(server, proxy):
    proxy.mode = "drop_response"
    with _client(proxy) as c:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            c.post("/api/v1/ingest", content=b"batch-1")
        assert server.posts == 1  # the server has it; the client does not know
        proxy.mode = "pass"
        assert c.post("/api/v1/ingest", content=b"batch-1").json()["posts"] == 2
    assert proxy.responses_dropped == 1


def test_drop_next_n_matching_requests_only(server, proxy):
    proxy.drop_next(2, "/api/v1/ingest")
    outcomes = []
    with _client(proxy) as c:
        assert c.get("/api/v1/position").status_code == 200
        for _ in range(3):
            try:
                outcomes.append(c.post("/api/v1/ingest", content=b"b").status_code)
            except (httpx.RemoteProtocolError, httpx.ReadError):
                outcomes.append("lost")
        assert c.get("/api/v1/position").status_code == 200
    assert outcomes == ["lost", "lost", 200]
    assert server.posts == 3 and server.gets == 2
    assert proxy.responses_dropped == 2 and proxy.pending_faults() == 0
    assert proxy.by_mode == {"pass": 3, "drop_response": 2}


def test_cut_midway_never_delivers_a_whole_request(server, proxy):
    proxy.mode = "cut_midway"
    with _client(proxy) as c:
        with pytest.raises(httpx.TransportError):
            c.post("/api/v1/ingest", content=b"z" * 200_000)
        proxy.mode = "pass"
        assert c.post("/api/v1/ingest", content=b"z" * 10).status_code == 200
    assert proxy.requests_cut == 1
    assert server.posts == 1 and server.bytes == 10
    # the server saw the head and part of the body, then the connection died
    deadline = time.monotonic() + 2
    while server.incomplete < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.incomplete == 1


def test_upstream_closing_an_idle_connection_closes_the_client_side(server, proxy):
    with _client(proxy) as c:
        c.get("/a")
        # a server's keep-alive timeout: upstream closes; the client reconnects cleanly
        for conn in list(proxy._conns):
            conn.upstream.shutdown(socket.SHUT_RDWR)
        time.sleep(0.05)
        assert c.get("/b").status_code == 200
    assert proxy.connections == 2


def test_unknown_mode_is_rejected(proxy):
    with pytest.raises(ValueError):
        proxy.mode = "flaky"
    with pytest.raises(ValueError):
        proxy.fault_next(1, "pass")
