"""A real `deungdae-central` process on loopback for the sync tests (SQLite in tmp)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from deungdae.sync import wire

CENTRAL = [sys.executable, "-c", "import sys; from deungdae.central.cli import main; sys.exit(main())"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DEUNGDAE_CENTRAL_DB", None)
    return env


class Central:
    """One central server process; `restart()` keeps its database and port."""

    def __init__(self, tmp: Path, port: int = 0) -> None:
        self.db_url = f"sqlite:///{tmp / 'central.db'}"
        self.log = tmp / "central.log"
        self.port = port
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> Central:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [*CENTRAL, "serve", "--port", str(self.port), "--db", self.db_url],
                stdout=subprocess.PIPE, stderr=log, text=True, env=_env())
        line = self.proc.stdout.readline()
        m = re.search(r"serving on (http://127\.0\.0\.1:(\d+))", line)
        if not m:
            self.proc.kill()
            raise RuntimeError(f"central did not start: {line!r}; log: "
                               f"{self.log.read_text()[-2000:]}")
        self.url, self.port = m.group(1), int(m.group(2))
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown, whatever is in flight."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def restart(self) -> None:
        self.kill()
        self.start()

    def plant_add(self, name: str) -> str:
        out = subprocess.run([*CENTRAL, "plant", "add", name, "--db", self.db_url],
                             capture_output=True, text=True, env=_env(), timeout=60, check=True)
        lines = out.stdout.strip().splitlines()
        return lines[1].strip()

    def get(self, token: str, path: str, **params) -> dict | list:
        r = httpx.get(self.url + wire.API_PREFIX + path, params=params,
                      headers={"Authorization": f"Bearer {token}"}, timeout=60)
        r.raise_for_status()
        return r.json()
