"""The bare HTTP ingest pipeline: the baseline `bench/sync.py` measures sync against.

A bare FastAPI app with one POST endpoint that gunzips a JSON body of rows
`[[ch, ts, v, q], ...]` and `executemany`s them into a SQLite table
`(ch, ts, v, q) PRIMARY KEY (ch, ts) WITHOUT ROWID` (WAL, synchronous=FULL), committing
per batch; served by uvicorn in a subprocess on loopback; fed by one httpx client
sending rows in gzip'd JSON batches (gzip level 1, as the sync outbox uses), each batch
encoded inside the timed loop. No auth, no chain checks, no acks beyond the 200: what
any HTTP ingest costs on this machine.

    python bench/bare_pipeline.py [--rows 1000000] [--batch 5000]

Importable: `run(rows, batch)` returns a `Result` (rows, seconds, rows_per_s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request, Response

T0 = 1_764_000_000_000  # 2025-11-24 UTC, ms
CHANNELS = 20


@dataclass(frozen=True)
class Result:
    rows: int
    seconds: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds


def make_app(db_path: Path) -> FastAPI:
    con = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE IF NOT EXISTS reading(ch INTEGER, ts INTEGER, v REAL, q INTEGER, "
                "PRIMARY KEY (ch, ts)) WITHOUT ROWID")
    app = FastAPI()

    @app.post("/rows")
    async def rows(request: Request) -> Response:
        body = await request.body()
        if request.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        data = json.loads(body)
        con.execute("BEGIN")
        con.executemany("INSERT INTO reading VALUES (?, ?, ?, ?)", data)
        con.execute("COMMIT")
        return Response(content=b'{"stored": %d}' % len(data), media_type="application/json")

    return app


def serve(db_path: Path) -> None:
    """Run the app on a free loopback port; the first stdout line names the port."""
    import uvicorn

    # proto must be IPPROTO_TCP: asyncio sets TCP_NODELAY on accepted connections only
    # when the listening socket says so; with socket.socket() every response waits ~40 ms
    # for a delayed ACK (Nagle), which caps a request-response loop at ~23 requests/s.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    print(f"bare pipeline serving on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(make_app(db_path), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def make_rows(n: int, channels: int = CHANNELS, seed: int = 1) -> list[list]:
    """1 Hz readings of `channels` channels in time order, as the logger records them."""
    rnd = random.Random(seed)
    level = [20.0 + c for c in range(channels)]
    rows = []
    for i in range(-(-n // channels)):
        ts = T0 + i * 1000
        for c in range(channels):
            level[c] += rnd.uniform(-0.05, 0.05)
            rows.append([c + 1, ts, round(level[c], 2), 0])
    return rows[:n]


def start_server(db_path: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve",
                             str(db_path)], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if "serving on " not in line:
        proc.kill()
        raise RuntimeError(f"bare pipeline server did not start: {line!r}")
    return proc, line.rsplit(" ", 1)[1].strip()


def run(rows: int = 1_000_000, batch: int = 5000, work: Path | None = None,
        gzip_level: int = 1) -> Result:
    """Send `rows` rows through the bare pipeline; the timing covers encoding, gzip,
    HTTP and the server's commits (not the row generation)."""
    import httpx

    own = work is None
    work = Path(work or tempfile.mkdtemp(prefix="deungdae-bare-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bare.db"
    for p in work.glob("bare.db*"):
        p.unlink()
    data = make_rows(rows)
    proc, url = start_server(db)
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            client.post("/rows", content=gzip.compress(b"[]"),
                        headers={"Content-Encoding": "gzip"}).raise_for_status()  # warm up
            t = time.perf_counter()
            for k in range(0, len(data), batch):
                body = gzip.compress(json.dumps(data[k:k + batch]).encode(),
                                     compresslevel=gzip_level, mtime=0)
                r = client.post("/rows", content=body, headers={
                    "Content-Encoding": "gzip", "Content-Type": "application/json"})
                r.raise_for_status()
            secs = time.perf_counter() - t
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM reading").fetchone()[0]
    con.close()
    if stored != rows:
        raise RuntimeError(f"bare pipeline stored {stored:,} rows of {rows:,}")
    if own:
        shutil.rmtree(work, ignore_errors=True)
    return Result(rows, secs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--gzip-level", type=int, default=1)
    ap.add_argument("--serve", metavar="DB", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(Path(args.serve))
        return
    res = run(args.rows, args.batch, gzip_level=args.gzip_level)
    print(f"bare pipeline (FastAPI + uvicorn + SQLite WAL FULL, httpx, gzip {args.gzip_level}, "
          f"batches of {args.batch:,}, cpus {os.cpu_count()}):")
    print(f"  {res.rows:,} rows in {res.seconds:.1f} s = {res.rows_per_s:,.0f} rows/s")


if __name__ == "__main__":
    main()
