"""Real servers for tests: a `deungdae-central serve` subprocess and a private PostgreSQL.

Plain functions and context managers, so other rooms' tests (sync, bench) can reuse them:

    from tests.central.servers import central_server, private_postgres
    with private_postgres(tmp_path) as pg_url, central_server(pg_url) as (base_url, proc):
        ...
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx

PG_BIN = Path("/usr/lib/postgresql/15/bin")
REPO = Path(__file__).resolve().parents[2]
SERVE_PREFIX = "deungdae-central serving on "


def central_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "deungdae.central.cli", *args]


def run_cli(*args: str, env: dict | None = None, timeout: float = 60
            ) -> subprocess.CompletedProcess:
    """Run `deungdae-central ARGS...` to completion (text output captured)."""
    return subprocess.run(central_cmd(*args), cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def start_central(db_url: str, *extra: str, timeout: float = 30
                  ) -> tuple[str, subprocess.Popen]:
    """Start `deungdae-central serve --port 0 --db URL` and return (base URL, process).

    Waits for the first stdout line (the URL it serves on) and for /health to answer.
    The caller must stop the process (`stop_central`).
    """
    proc = subprocess.Popen(central_cmd("serve", "--port", "0", "--db", db_url, *extra),
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if not line.startswith(SERVE_PREFIX):
        proc.kill()
        out, err = proc.communicate(timeout=10)
        raise RuntimeError(f"deungdae-central serve did not start: {line}{out}{err}")
    base = line[len(SERVE_PREFIX):].split()[0]
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(base + "/api/v1/health", timeout=2, verify=False).status_code == 200:
                return base, proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_central(proc)
            raise RuntimeError(f"deungdae-central at {base} never became healthy: "
                               f"{proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.05)


def stop_central(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for f in (proc.stdout, proc.stderr):
        if f:
            f.close()


@contextlib.contextmanager
def central_server(db_url: str, *extra: str) -> Iterator[tuple[str, subprocess.Popen]]:
    base, proc = start_central(db_url, *extra)
    try:
        yield base, proc
    finally:
        stop_central(proc)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*cmd: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)


class PrivatePostgres:
    """A private PostgreSQL 15 cluster on a free loopback port (trust auth, as root too).

    `url` is the server URL `postgresql://postgres@127.0.0.1:PORT` (no database); use
    `new_database(url)` for one. `stop()`/`start()` let tests take the database away.
    """

    def __init__(self) -> None:
        for exe in ("initdb", "pg_ctl"):
            if not (PG_BIN / exe).exists():
                raise RuntimeError(f"PostgreSQL 15 is needed for central's tests "
                                   f"({PG_BIN / exe} is missing): install the Debian package "
                                   "`postgresql` (`make test` does)")
        # Not under pytest's tmp dirs: another pytest session starting meanwhile resets
        # /tmp/pytest-of-<user> to 0700, and the postgres user could no longer reach its
        # data. A folder of its own in /tmp stays reachable; `remove()` deletes it.
        self.root = Path(tempfile.mkdtemp(prefix="deungdae-pg-"))
        self.data, sockdir = self.root / "data", self.root / "sock"
        sockdir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(sockdir, "postgres")
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}"
        self.opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                     f"-c unix_socket_directories={sockdir} -c max_connections=200")
        subprocess.run(_as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-U",
                                    "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"),
                       check=True, capture_output=True)

    def _ctl(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data),
                                           *args), capture_output=True, text=True)

    def start(self) -> None:
        r = self._ctl("-l", str(self.root / "pg.log"), "-o", self.opts, "-w", "start")
        if r.returncode:
            raise RuntimeError(f"PostgreSQL did not start: {r.stdout}{r.stderr}")

    def remove(self) -> None:
        """Stop and delete the cluster's files."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def stop(self) -> None:
        r = self._ctl("-m", "immediate", "-w", "stop")
        if r.returncode and "No such file" not in r.stderr and "not running" not in r.stderr:
            raise RuntimeError(f"PostgreSQL did not stop: {r.stdout}{r.stderr}")


@contextlib.contextmanager
def private_postgres(tmp_path: Path | None = None) -> Iterator[str]:
    """A running `PrivatePostgres` for the block; yields its server URL.

    `tmp_path` is accepted for symmetry with other fixtures but not used (see
    `PrivatePostgres`: the cluster lives in a folder of its own, removed at the end).
    """
    pg = PrivatePostgres()
    try:
        pg.start()
        yield pg.url
    finally:
        pg.remove()


def new_database(server_url: str, name: str | None = None) -> str:
    """Create a database on a private PostgreSQL; return its URL."""
    import psycopg

    name = name or f"central_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url + "/postgres", autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"
