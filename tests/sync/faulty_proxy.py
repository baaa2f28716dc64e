"""A fault-injecting HTTP/1.1 proxy on loopback, for putting a bad network between a real
sync client and a real central server in tests.

    with FaultyProxy("127.0.0.1", server_port) as proxy:
        client = SyncClient(proxy.url, ...)
        proxy.mode = "http503"                # every request answered 503, upstream untouched
        proxy.drop_next(1, "/api/v1/ingest")  # next ingest: committed upstream, answer lost
        proxy.wait_for(lambda p: p.responses_dropped >= 1)

Modes (`proxy.mode`, switchable at any time from any thread):

- "pass": forward each request and its response unchanged;
- "refuse": the listening socket is closed (new connections are refused, like a host with
  nothing listening) and open connections are reset; leaving "refuse" listens again on
  the same port;
- "http500" / "http503": answer each request with that status and a JSON `{"detail": ...}`
  (503 with `Retry-After: 1`) without contacting upstream; the connection stays usable;
- "hang": read the request, never answer; the connection is closed without an answer
  when the mode changes or the proxy closes;
- "drop_response": forward the whole request, wait for upstream's whole response (so the
  server has committed), then close the client connection without sending a byte of it;
- "cut_midway": forward the request head and half of its body upstream, then reset both
  connections (a batch cut in transit; the server never sees a complete request).

`set_mode(mode, path_prefix)` limits a request-level fault to paths starting with the
prefix (other requests pass). `fault_next(n, mode, path_prefix)` / `drop_next(n, path_prefix)`
apply a fault to the next n matching requests only, whatever the mode, then stop.

The proxy parses just enough HTTP/1.1 to find request and response boundaries on
keep-alive connections: request line, headers, Content-Length or chunked bodies;
responses framed by Content-Length, chunked, or connection close. Each client connection
has its own upstream connection, opened at its first forwarded request and closed with it.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

MODES = ("pass", "refuse", "http500", "http503", "hang", "drop_response", "cut_midway")
REQUEST_FAULTS = ("http500", "http503", "hang", "drop_response", "cut_midway")
_MAX_HEAD = 64 * 1024
_REASONS = {500: "Internal Server Error", 503: "Service Unavailable"}


class _Closed(Exception):
    """The peer closed, or the connection was aborted."""


class _Reader:
    """Buffered reads from a socket: up to a separator, an exact count, or EOF."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = bytearray()

    def _fill(self) -> None:
        try:
            data = self.sock.recv(256 * 1024)
        except OSError as exc:
            raise _Closed(str(exc)) from exc
        if not data:
            raise _Closed("eof")
        self.buf += data

    def until(self, sep: bytes, limit: int = _MAX_HEAD) -> bytes:
        start = 0
        while True:
            i = self.buf.find(sep, start)
            if i >= 0:
                out = bytes(self.buf[:i + len(sep)])
                del self.buf[:i + len(sep)]
                return out
            if len(self.buf) > limit:
                raise _Closed("line or head too long")
            start = max(0, len(self.buf) - len(sep) + 1)
            self._fill()

    def exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def to_eof(self) -> bytes:
        while True:
            try:
                self._fill()
            except _Closed:
                break
        out = bytes(self.buf)
        self.buf.clear()
        return out

    def chunked(self) -> bytes:
        """A chunked body, raw (sizes, data, trailers), as it is forwarded."""
        out = bytearray()
        while True:
            line = self.until(b"\r\n")
            out += line
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError as exc:
                raise _Closed(f"bad chunk size {line!r}") from exc
            if size == 0:
                while True:
                    trailer = self.until(b"\r\n")
                    out += trailer
                    if trailer == b"\r\n":
                        return bytes(out)
            out += self.exact(size + 2)


def _parse_head(head: bytes) -> tuple[list[bytes], dict[str, str]]:
    lines = head[:-4].split(b"\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        key = name.strip().lower().decode("latin-1")
        value_s = value.strip().decode("latin-1")
        headers[key] = f"{headers[key]}, {value_s}" if key in headers else value_s
    return lines[0].split(b" ", 2), headers


def _body(reader: _Reader, headers: dict[str, str]) -> bytes | None:
    """The message body by its framing headers; None when it runs to connection close."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return reader.chunked()
    if "content-length" in headers:
        return reader.exact(int(headers["content-length"].split(",")[0]))
    return None


@dataclass
class _Request:
    method: str
    path: str
    head: bytes
    body: bytes
    close: bool


def _read_request(reader: _Reader, on_expect: Callable[[], None]) -> _Request | None:
    """The next request on a connection, or None if the client closed between requests."""
    while reader.buf[:2] == b"\r\n":  # tolerated stray CRLF between requests
        del reader.buf[:2]
    if not reader.buf:
        try:
            reader._fill()
        except _Closed:
            return None
    head = reader.until(b"\r\n\r\n")
    parts, headers = _parse_head(head)
    if len(parts) != 3:
        raise _Closed(f"bad request line {parts!r}")
    method, target, version = (p.decode("latin-1") for p in parts)
    if "100-continue" in headers.get("expect", "").lower():
        on_expect()
    body = _body(reader, headers) or b""
    path = target
    if "://" in path:  # absolute form
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    conn = headers.get("connection", "").lower()
    close = "close" in conn or (version == "HTTP/1.0" and "keep-alive" not in conn)
    return _Request(method, path, head, body, close)


def _read_response(reader: _Reader, method: str) -> tuple[bytes, bool]:
    """One final response, raw, and whether the connection must close after it."""
    while True:
        head = reader.until(b"\r\n\r\n")
        parts, headers = _parse_head(head)
        try:
            status = int(parts[1])
        except (IndexError, ValueError) as exc:
            raise _Closed(f"bad status line {parts!r}") from exc
        if 100 <= status < 200 and status != 101:
            continue  # interim (100 Continue is answered by the proxy itself)
        break
    close = "close" in headers.get("connection", "").lower() or parts[0] == b"HTTP/1.0" and (
        "keep-alive" not in headers.get("connection", "").lower())
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return head, close
    body = _body(reader, headers)
    if body is None:
        return head + reader.to_eof(), True
    return head + body, close


def _abort(sock: socket.socket | None) -> None:
    """Close with a reset (RST) instead of an orderly FIN."""
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


def _close(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class _Conn:
    def __init__(self, client: socket.socket) -> None:
        self.client = client
        self.upstream: socket.socket | None = None
        self.up_reader: _Reader | None = None
        self.aborted = False

    def wake(self) -> None:
        """Wake the connection's thread wherever it blocks (it then closes both sides)."""
        self.aborted = True
        for s in (self.client, self.upstream):
            if s is not None:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RD)


class FaultyProxy:
    """A threaded HTTP/1.1 proxy on 127.0.0.1:<free port> that misbehaves on request.

    Counters (read any time): `requests_seen`, `responses_dropped`, `requests_cut`,
    `connections`, `connections_reset` (by "refuse"), and `by_mode`, a Counter of
    requests per mode they were handled in ("pass", "http503", ...).
    """

    def __init__(self, upstream_host: str, upstream_port: int, *, mode: str = "pass",
                 path_prefix: str | None = None, host: str = "127.0.0.1", port: int = 0,
                 connect_timeout: float = 5.0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.host = host
        self.connect_timeout = connect_timeout
        self._cond = threading.Condition()
        self._mode = "pass"
        self._prefix: str | None = None
        self._generation = 0
        self._once: list[list] = []  # [remaining, mode, prefix]
        self._conns: set[_Conn] = set()
        self._threads: set[threading.Thread] = set()
        self._listener: socket.socket | None = None
        self._closed = False
        self.requests_seen = 0
        self.responses_dropped = 0
        self.requests_cut = 0
        self.connections = 0
        self.connections_reset = 0
        self.by_mode: Counter[str] = Counter()
        self.port = port
        self._listen()
        self.set_mode(mode, path_prefix)

    # ------------------------------------------------------------------ public API
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        self.set_mode(mode)

    @property
    def path_prefix(self) -> str | None:
        return self._prefix

    def set_mode(self, mode: str, path_prefix: str | None = None) -> None:
        """Switch mode; a request-level fault applies only to paths under `path_prefix`
        (all paths if None). Effective for every request read after this returns."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        with self._cond:
            if self._closed:
                raise RuntimeError("proxy is closed")
            old = self._mode
            self._mode, self._prefix = mode, path_prefix
            self._generation += 1
            self._cond.notify_all()
            if mode == "refuse" and old != "refuse":
                self._stop_listening()
                for c in list(self._conns):
                    c.wake()
                self.connections_reset += len(self._conns)
            elif mode != "refuse" and old == "refuse":
                self._listen()

    def fault_next(self, n: int, mode: str, path_prefix: str | None = None) -> None:
        """Apply `mode` (a request-level fault) to the next `n` requests under
        `path_prefix`, whatever the current mode; queued faults are used in order."""
        if mode not in REQUEST_FAULTS:
            raise ValueError(f"{mode!r} is not a request-level fault ({REQUEST_FAULTS})")
        with self._cond:
            self._once.append([n, mode, path_prefix])

    def drop_next(self, n: int = 1, path_prefix: str | None = None) -> None:
        """Drop the response of the next `n` requests under `path_prefix` (after upstream
        answered them)."""
        self.fault_next(n, "drop_response", path_prefix)

    def pending_faults(self) -> int:
        with self._cond:
            return sum(r[0] for r in self._once)

    def wait_for(self, predicate: Callable[[FaultyProxy], bool], timeout: float = 5.0) -> bool:
        """Block until `predicate(proxy)` holds (checked whenever a counter moves)."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    def stats(self) -> dict:
        with self._cond:
            return {"requests_seen": self.requests_seen,
                    "responses_dropped": self.responses_dropped,
                    "requests_cut": self.requests_cut, "connections": self.connections,
                    "connections_reset": self.connections_reset, "by_mode": dict(self.by_mode)}

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            self._cond.notify_all()
            self._stop_listening()
            for c in list(self._conns):
                c.wake()
            threads = list(self._threads)
        for t in threads:
            t.join(timeout=5)

    def __enter__(self) -> FaultyProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ listening
    def _listen(self) -> None:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((self.host, self.port))
            s.listen(64)
        except OSError:
            s.close()
            raise
        self.port = s.getsockname()[1]
        self._listener = s
        self._spawn(self._accept_loop, s, name=f"faulty-proxy-accept-{self.port}")

    def _stop_listening(self) -> None:
        s, self._listener = self._listener, None
        if s is not None:
            # shutdown wakes a thread blocked in accept() (close alone would not, on Linux)
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def _spawn(self, fn, *args, name: str) -> None:
        t = threading.Thread(target=self._run, args=(fn, *args), name=name, daemon=True)
        self._threads.add(t)
        t.start()

    def _run(self, fn, *args) -> None:
        try:
            fn(*args)
        finally:
            with self._cond:
                self._threads.discard(threading.current_thread())
                self._cond.notify_all()

    def _accept_loop(self, lsock: socket.socket) -> None:
        while True:
            try:
                client, _ = lsock.accept()
            except OSError:
                return
            with self._cond:
                if self._closed or self._mode == "refuse" or lsock is not self._listener:
                    _abort(client)
                    continue
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                conn = _Conn(client)
                self._conns.add(conn)
                self.connections += 1
                self._spawn(self._serve, conn, name=f"faulty-proxy-conn-{self.connections}")

    # ------------------------------------------------------------------ per connection
    def _decide(self, path: str) -> tuple[str, int]:
        """The mode this request is handled in; counts it."""
        with self._cond:
            mode = self._mode
            if mode in REQUEST_FAULTS and self._prefix and not path.startswith(self._prefix):
                mode = "pass"
            for rule in self._once:
                if rule[2] is None or path.startswith(rule[2]):
                    mode = rule[1]
                    rule[0] -= 1
                    if rule[0] <= 0:
                        self._once.remove(rule)
                    break
            self.requests_seen += 1
            self.by_mode[mode] += 1
            self._cond.notify_all()
            return mode, self._generation

    def _count(self, attr: str) -> None:
        with self._cond:
            setattr(self, attr, getattr(self, attr) + 1)
            self._cond.notify_all()

    def _serve(self, conn: _Conn) -> None:
        graceful = False
        try:
            graceful = self._serve_requests(conn)
        except (_Closed, OSError):
            graceful = False
        finally:
            with self._cond:
                self._conns.discard(conn)
            if graceful and not conn.aborted:
                _close(conn.client)
                _close(conn.upstream)
            else:
                _abort(conn.client)
                _abort(conn.upstream)

    def _connect_upstream(self, conn: _Conn) -> socket.socket:
        if conn.upstream is None:
            up = socket.create_connection(self.upstream, timeout=self.connect_timeout)
            up.settimeout(None)
            up.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.upstream = up
            conn.up_reader = _Reader(up)
            if conn.aborted:  # woken while connecting
                raise _Closed("aborted")
        return conn.upstream

    def _serve_requests(self, conn: _Conn) -> bool:
        """Serve requests until the connection ends; True for an orderly close."""
        client = conn.client
        reader = _Reader(client)
        while True:
            if conn.upstream is not None and not reader.buf:
                # idle keep-alive: if upstream closes its side, close ours like it did
                ready, _, _ = select.select([client, conn.upstream], [], [])
                if conn.upstream in ready and client not in ready:
                    return True
            if conn.aborted:
                return False

            def send_continue() -> None:
                client.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")

            req = _read_request(reader, send_continue)
            if req is None or conn.aborted:
                return not conn.aborted
            mode, generation = self._decide(req.path)
            if mode == "refuse":
                return False
            if mode in ("http500", "http503"):
                status = 500 if mode == "http500" else 503
                body = json.dumps({"detail": f"injected {status} from the faulty proxy"}).encode()
                extra = "Retry-After: 1\r\n" if status == 503 else ""
                extra += "Connection: close\r\n" if req.close else ""
                client.sendall(
                    f"HTTP/1.1 {status} {_REASONS[status]}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n{extra}\r\n".encode() + body)
                if req.close:
                    return True
                continue
            if mode == "hang":
                with self._cond:
                    self._cond.wait_for(lambda g=generation: self._closed or conn.aborted
                                        or self._generation != g)
                return True  # no answer: an orderly close the client sees as a disconnect
            up = self._connect_upstream(conn)
            if mode == "cut_midway":
                if req.body:
                    up.sendall(req.head + req.body[:len(req.body) // 2])
                else:
                    up.sendall(req.head[:len(req.head) // 2])
                self._count("requests_cut")
                return False
            up.sendall(req.head + req.body)
            assert conn.up_reader is not None
            response, close = _read_response(conn.up_reader, req.method)
            if mode == "drop_response":
                self._count("responses_dropped")
                return True
            client.sendall(response)
            if close or req.close:
                return True
