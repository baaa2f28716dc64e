"""Ctrl-C stops `deungdae sync` (without --once) within 2 s in every state.

Each test runs the real command as a subprocess, waits (polling, with a deadline) until it
is in the state under test, sends SIGINT and measures the time to exit: idle (caught up,
waiting for rows), sending (a platform that accepts the request and never answers) and
backing off (the platform is down).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from deungdae.desktop.cli.main import main
from deungdae.sync import state
from deungdae.sync.status import read_status
from tests.sync.central_server import Central
from tests.sync.records_fixtures import write_record

STOP_WITHIN = 2.0


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    c = Central(tmp_path_factory.mktemp("central")).start()
    yield c
    c.stop()


class Sync:
    """`deungdae sync` in a subprocess, its stderr collected line by line."""

    def __init__(self, root: Path) -> None:
        env = dict(os.environ, DEUNGDAE_KEYRING="off")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deungdae.desktop.cli.main", "--data-dir", str(root),
             "sync"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, what: str, cond, deadline: float = 120.0) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"sync exited early waiting for {what}: " \
                                             f"{''.join(self.lines)}"
            if cond():
                return
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}: {''.join(self.lines)}")

    def interrupt(self) -> float:
        t0 = time.monotonic()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        took = time.monotonic() - t0
        self._reader.join(5)
        return took

    def ready(self) -> bool:
        return any("syncing; Ctrl-C stops" in ln for ln in self.lines)


def _registered(root: Path, central: Central, name: str) -> None:
    write_record(root, n_blocks=5).close()
    assert main(["--data-dir", str(root), "register", central.url,
                 central.plant_add(name)]) == 0


def _check_stopped(sync: Sync, took: float) -> None:
    err = "".join(sync.lines)
    assert sync.proc.returncode == 130, err
    assert "stopped" in err and "Traceback" not in err, err
    assert took < STOP_WITHIN, f"took {took:.2f} s to stop"


def test_ctrl_c_while_idle(central, tmp_path) -> None:
    root = tmp_path / "site"
    _registered(root, central, "Idle")
    sync = Sync(root)
    sync.wait_for("caught up", lambda: sync.ready() and read_status(root).backlog_entries == 0
                  and state.load(root).acked_seq > 0)
    _check_stopped(sync, sync.interrupt())


def test_ctrl_c_while_a_request_stalls(central, tmp_path) -> None:
    root = tmp_path / "site"
    _registered(root, central, "Stalled")
    stall = socket.socket()
    stall.bind(("127.0.0.1", 0))
    stall.listen(5)
    accepted: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = stall.accept()
                conn.recv(65536)          # the request arrives; no answer ever comes
                accepted.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    state.save(root, url=f"http://127.0.0.1:{stall.getsockname()[1]}")
    try:
        sync = Sync(root)
        sync.wait_for("a request in flight", lambda: sync.ready() and bool(accepted))
        _check_stopped(sync, sync.interrupt())
    finally:
        stall.close()
        for c in accepted:
            c.close()


def test_ctrl_c_while_backing_off(central, tmp_path) -> None:
    root = tmp_path / "site"
    _registered(root, central, "Down")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()                        # nothing listens there: connection refused
    state.save(root, url=f"http://127.0.0.1:{port}")
    sync = Sync(root)
    sync.wait_for("a back-off", lambda: any("sync: offline" in ln for ln in sync.lines))
    _check_stopped(sync, sync.interrupt())
