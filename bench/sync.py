"""Sync benchmark: draining a desktop record to a local central platform (prints figures,
asserts nothing).

Every figure is printed beside a baseline measured in the same run (the machines we run on
are noisy):
- catch-up: a real record of N readings (20 channels at 1 Hz, one sealed `append_readings`
  block per second as the engine writes them, plus events) drained by the real client
  (`deungdae register` + `deungdae sync --once`, a subprocess whose peak RSS is measured)
  into a real `deungdae-central serve` on SQLite, against the bare pipeline
  (`bench/bare_pipeline.py`: FastAPI + uvicorn + SQLite, httpx, gzip'd JSON batches of
  5,000 rows) moving the same number of rows; then the same drain into PostgreSQL (a
  private cluster; `--pg`, or by default whenever PostgreSQL 15 is installed);
- recording while a backlog drains: how fast the engine-like writer records (20-row
  blocks in a tight loop) while `deungdae sync` drains a big backlog of the same data
  dir, against the same writer while that sync is paused (SIGSTOP), in alternating
  slices; run twice, with the central server at nice 0 (sharing the cpus as the logger's
  own) and at nice 19 (modelling a platform on another machine). `deungdae sync` itself
  always runs at nice 19 (it lowers its own priority).

    python bench/sync.py [--readings 1000000] [--block-rows 20] [--pg | --no-pg]

Targets (from the issue): catch-up >= 100,000 readings/s and >= 0.4x the bare pipeline;
client peak RSS < 200 MB; PostgreSQL >= 50,000 readings/s; recording rate while a backlog
drains >= 0.9x the rate with sync off.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The project root goes before bench/ (the script's own dir), so `sync` is the package,
# never this file.
sys.path.insert(0, str(ROOT))
if str(ROOT / "bench") not in sys.path:
    sys.path.append(str(ROOT / "bench"))

import bare_pipeline  # noqa: E402

from deungdae.records.store import NewEvent, Store  # noqa: E402

T0 = 1_764_000_000_000  # 2025-11-24 UTC, ms
DB_NAME = "deungdae.db"  # desktop.paths.DB_NAME (bench imports no desktop code)
PG_BIN = Path("/usr/lib/postgresql/15/bin")
# A bench record's key lives in its data dir (keys/), so copies of the dir carry it along.
ENV = {**os.environ, "DEUNGDAE_KEYRING": "off", "PYTHONUNBUFFERED": "1"}
os.environ["DEUNGDAE_KEYRING"] = "off"


# ---------------------------------------------------------------------- the record
class Writer:
    """Writes readings as the engine does: `channels` channels at 1 Hz, one
    `append_readings` call per `block_rows` rows (20 = one block per second)."""

    def __init__(self, store: Store, channels: int, block_rows: int, start_ts: int = T0,
                 seed: int = 1) -> None:
        self.store = store
        self.ids = [store.ensure_channel(f"bench.ch{c + 1}", name=f"Zone {c + 1} temperature",
                                         unit="°C", device_key="bench.dev")
                    for c in range(channels)]
        self.block_rows = block_rows
        self.rnd = random.Random(seed)
        self.level = [20.0 + c for c in range(channels)]
        self.ts = start_ts  # next second to write
        self.c = 0  # next channel index within that second
        self.written = 0

    def block(self) -> list[tuple[int, int, float, int]]:
        rows = []
        n_ch = len(self.ids)
        for _ in range(self.block_rows):
            c = self.c
            self.level[c] += self.rnd.uniform(-0.05, 0.05)
            rows.append((self.ids[c], self.ts, round(self.level[c], 2), 0))
            self.c += 1
            if self.c == n_ch:
                self.c = 0
                self.ts += 1000
        return rows

    def write_block(self) -> int:
        rows = self.block()
        self.store.append_readings(rows)
        self.written += len(rows)
        return len(rows)


def build_record(data_dir: Path, readings: int, channels: int, block_rows: int,
                 events: int) -> tuple[int, int, float]:
    """A sealed record of `readings` readings and `events` events; returns (next ts,
    readings written, seconds)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with Store.open_writer(data_dir / DB_NAME) as store:
        store.set_site("Bench plant", "Asia/Seoul", reason="bench")
        w = Writer(store, channels, block_rows)
        blocks = -(-readings // block_rows)
        every = max(1, blocks // max(events, 1))
        for i in range(blocks):
            if w.written + block_rows > readings:
                w.block_rows = readings - w.written
            w.write_block()
            if events and i % every == every - 1:
                kind = "alarm" if (i // every) % 2 == 0 else "alarm_cleared"
                store.append_event(NewEvent(
                    ts=w.ts, kind=kind, severity="warning", channel="bench.ch1",
                    message=f"Zone 1 temperature {'above' if kind == 'alarm' else 'back under'}"
                            " 25.0 °C", data={"limit": 25.0, "value": w.level[0]}))
        next_ts = w.ts + 1000 if w.c else w.ts
        written = w.written
    secs = time.perf_counter() - t
    # Fold the WAL into the database, as a logger that ran for days would have, so that
    # copies start clean and no window below pays for checkpointing the build.
    con = sqlite3.connect(data_dir / DB_NAME)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return next_ts, written, secs


def copy_record(template: Path, dest: Path) -> Path:
    shutil.copytree(template, dest, ignore=shutil.ignore_patterns("*.lock", "sync*", "logs"))
    return dest


# ---------------------------------------------------------------------- commands
def _script(name: str, module: str) -> list[str]:
    exe = Path(sys.executable).parent / name
    return [str(exe)] if exe.exists() else [sys.executable, "-m", module]


CENTRAL = _script("deungdae-central", "deungdae.central.cli")
DESKTOP = _script("deungdae", "deungdae.desktop.cli.main")


def commands_missing() -> str | None:
    """Why the sync part cannot run, or None."""
    for path in ("central/cli.py", "desktop/cli/sync_commands.py", "sync/service.py"):
        if not (ROOT / path).exists():
            return f"{path} does not exist yet"
    probe = subprocess.run(DESKTOP + ["sync", "--help"], capture_output=True, text=True,
                           env=ENV, timeout=60)
    if probe.returncode != 0:
        return f"`deungdae sync --help` failed: {(probe.stderr or probe.stdout).strip()[-300:]}"
    probe = subprocess.run(CENTRAL + ["serve", "--help"], capture_output=True, text=True,
                           env=ENV, timeout=60)
    if probe.returncode != 0:
        return (f"`deungdae-central serve --help` failed: "
                f"{(probe.stderr or probe.stdout).strip()[-300:]}")
    return None


def run(cmd: list[str], timeout: float = 600) -> str:
    p = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: "
                           f"{(p.stderr or p.stdout).strip()[-800:]}")
    return p.stdout


@contextlib.contextmanager
def central_server(db_url: str, work: Path, nice: int = 0) -> Iterator[str]:
    """`deungdae-central serve --port 0` in a subprocess (at `nice` priority); yields its
    URL."""
    log = open(work / "central.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(CENTRAL + ["serve", "--port", "0", "--db", db_url,
                                       "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=log, text=True, env=ENV,
                            preexec_fn=(lambda: os.nice(nice)) if nice else None)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        m = re.search(r"serving on (\S+)", line)
        if not m:
            proc.wait(10)
            log.flush()
            raise RuntimeError(f"deungdae-central did not start: {line!r} "
                               f"{(work / 'central.log').read_text()[-800:]}")
        # keep draining stdout so the server never blocks on a full pipe
        threading.Thread(target=lambda: proc.stdout and proc.stdout.read(),
                         daemon=True).start()
        yield m.group(1)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def register(url: str, db_url: str, data_dir: Path, name: str) -> None:
    out = run(CENTRAL + ["plant", "add", name, "--db", db_url])
    m = re.search(r"deungdae register URL (\S+)", out) or re.search(
        r"code[^\n]*:\s*\n(\S+)", out)
    if not m:
        raise RuntimeError(f"no registration code in `plant add` output: {out!r}")
    run(DESKTOP + ["register", url, m.group(1), "--data-dir", str(data_dir)])


@dataclass
class SyncRun:
    seconds: float      # wall time of the `deungdae sync --once` process, start-up included
    max_rss_mb: float   # its peak resident set (its own: VmHWM where /proc has it)
    summary: str        # its last stdout line
    client_seconds: float | None  # the drain time it reports itself
    ru_maxrss_mb: float = 0.0  # what wait4 says (on Linux: at least this bench's own RSS)
    rss_how: str = "ru_maxrss"


class PeakRss:
    """A child's own peak resident set, from /proc/PID/status VmHWM (Linux), polled.

    wait4's ru_maxrss cannot be used alone: Linux folds the high-water mark of the memory
    the child had before exec (this bench process's, shared at fork) into it, so it
    reports at least this bench's own RSS, whatever the child uses. VmHWM is the peak of
    the child's own memory since its exec; being a high-water mark, polling misses nothing
    but growth in the last poll interval before exit.
    """

    def __init__(self, pid: int, every: float = 0.02) -> None:
        self.path = Path(f"/proc/{pid}/status")
        self.cmdline = Path(f"/proc/{pid}/cmdline")
        self.own_cmdline = Path("/proc/self/cmdline").read_bytes() if self.path.exists() \
            else b""
        self.kb = 0
        self._stop = threading.Event()
        self._every = every
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.cmdline.read_bytes() == self.own_cmdline:
                    # not exec'd yet: what /proc shows is still this bench's memory
                    self._stop.wait(0.001)
                    continue
                text = self.path.read_text()
            except OSError:
                return
            m = re.search(r"VmHWM:\s+(\d+) kB", text)
            if not m:  # exited (a zombie has no memory)
                return
            self.kb = max(self.kb, int(m.group(1)))
            self._stop.wait(self._every)

    def stop(self) -> float:
        self._stop.set()
        self._t.join()
        return self.kb / 1024


def sync_once(data_dir: Path, work: Path) -> SyncRun:
    err = open(work / "sync.err", "w")  # noqa: SIM115 - closed below
    out_path = work / "sync.out"
    with open(out_path, "w") as out:
        t = time.perf_counter()
        proc = subprocess.Popen(DESKTOP + ["sync", "--once", "-q", "--data-dir", str(data_dir)],
                                stdout=out, stderr=err, env=ENV)
        peak = PeakRss(proc.pid)
        _, status, ru = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t
        own_mb = peak.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
    err.close()
    text = out_path.read_text().strip()
    if proc.returncode != 0:
        raise RuntimeError(f"deungdae sync --once exited {proc.returncode}: "
                           f"{(work / 'sync.err').read_text()[-800:]} {text[-300:]}")
    m = re.search(r" in ([0-9.]+) s", text)
    ru_mb = ru.ru_maxrss / 1024
    return SyncRun(secs, own_mb or ru_mb, text.splitlines()[-1] if text else "",
                   float(m.group(1)) if m else None, ru_mb,
                   "VmHWM" if own_mb else "ru_maxrss")


def _self_rss_mb() -> float:
    """This bench process's peak RSS so far (MB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sync_status(data_dir: Path) -> str:
    out = run(DESKTOP + ["sync", "status", "--data-dir", str(data_dir)])
    lines = [ln.strip() for ln in out.splitlines() if ln.startswith(("sent up to", "backlog"))]
    return "; ".join(" ".join(ln.split()) for ln in lines)


def catch_up(label: str, template: Path, db_url: str, work: Path, readings: int,
             bare_rate: float, target: float) -> None:
    work.mkdir(parents=True, exist_ok=True)
    data_dir = copy_record(template, work / "plant")
    with central_server(db_url, work) as url:
        register(url, db_url, data_dir, f"bench-{label.lower()}")
        r = sync_once(data_dir, work)
        status = sync_status(data_dir)
    rate = readings / r.seconds
    inner = (f"; {readings / r.client_seconds:,.0f}/s by the client's own clock "
             f"({r.client_seconds:.1f} s, start-up excluded)") if r.client_seconds else ""
    print(f"  sync --once into {label:10}: {rate:12,.0f} readings/s  "
          f"({rate / bare_rate:.2f}x bare; targets >= {target:,.0f}/s"
          + (" and >= 0.4x" if label == "SQLite" else "") + ")")
    print(f"      {readings:,} readings in {r.seconds:.1f} s wall, process start-up included"
          f"{inner}")
    print(f"      client peak RSS {r.max_rss_mb:,.0f} MB (target < 200 MB; its own {r.rss_how}; "
          f"wait4's ru_maxrss says {r.ru_maxrss_mb:,.0f} MB, which on Linux includes this "
          f"bench's own {_self_rss_mb():,.0f} MB at spawn)")
    print(f"      client said: {r.summary!r}; after: {status}")


# ---------------------------------------------------------------------- PostgreSQL
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*cmd: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)


def pg_available() -> bool:
    return all((PG_BIN / exe).exists() for exe in ("initdb", "pg_ctl"))


@contextlib.contextmanager
def private_postgres(work: Path) -> Iterator[str]:
    """A private PostgreSQL 15 cluster on a free loopback port, trust auth; yields the URL
    of a fresh database `bench` on it."""
    import psycopg

    root = work / "pg"
    data, sockdir = root / "data", root / "sock"
    sockdir.mkdir(parents=True)
    if os.geteuid() == 0:
        for p in (root, sockdir):
            shutil.chown(p, "postgres")
        for parent in root.parents:  # runuser must be able to reach the folder
            if parent == Path("/"):
                break
            with contextlib.suppress(OSError):
                os.chmod(parent, os.stat(parent).st_mode | 0o011)
    port = _free_port()
    subprocess.run(_as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres",
                                "--auth=trust", "-E", "UTF8", "--no-sync"),
                   check=True, capture_output=True)
    opts = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={sockdir} "
            "-c fsync=on -c synchronous_commit=on -c shared_buffers=128MB")
    subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l",
                                str(root / "pg.log"), "-o", opts, "-w", "start"),
                   check=True, capture_output=True)
    try:
        server = f"postgresql://postgres@127.0.0.1:{port}"
        with psycopg.connect(server + "/postgres", autocommit=True) as con:
            con.execute('CREATE DATABASE "bench"')
        yield server + "/bench"
    finally:
        subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast",
                                    "-w", "stop"), capture_output=True)


# ---------------------------------------------------------------------- recording rate
def record_for(writer: Writer, seconds: float, until=None) -> tuple[int, float]:
    """Write blocks for `seconds` (or until `until()` is true); returns (rows, seconds)."""
    t0 = time.perf_counter()
    end = t0 + seconds
    rows = 0
    while True:
        rows += writer.write_block()
        now = time.perf_counter()
        if now >= end or (until is not None and until()):
            return rows, now - t0


def recording_rate(template: Path, db_url: str, work: Path, next_ts: int, channels: int,
                   slice_s: float, server_nice: int = 0, max_s: float = 120.0) -> None:
    """The writer's rate with sync off and on, in alternating slices of `slice_s`.

    One `deungdae sync --once` drains the backlog; it is paused (SIGSTOP) in the "off"
    slices and resumed (SIGCONT) in the "on" ones, so both share the machine's noisy
    moments (other jobs, fsync latency) and the ratio holds even when the absolute rates
    wander. A paused client holds no read transaction (each of its queries is fetched
    whole) and its connection just idles. A slice of sync off before it starts is printed
    too.
    """
    work.mkdir(parents=True, exist_ok=True)
    data_dir = copy_record(template, work / "plant")
    rows = {True: 0, False: 0}
    secs = {True: 0.0, False: 0.0}
    with central_server(db_url, work, server_nice) as url:
        register(url, db_url, data_dir, "bench-recording")
        os.sync()  # the copy's dirty pages would otherwise slow the first slices' fsyncs
        store = Store.open_writer(data_dir / DB_NAME)
        proc = None
        try:
            writer = Writer(store, channels, channels, start_ts=next_ts, seed=2)
            record_for(writer, 1.0)  # warm up
            pre, t_pre = record_for(writer, 4 * slice_s)
            err = open(work / "sync.err", "w")  # noqa: SIM115 - closed below
            t_sync = time.perf_counter()
            proc = subprocess.Popen(DESKTOP + ["sync", "--once", "-q", "--data-dir",
                                               str(data_dir)],
                                    stdout=subprocess.DEVNULL, stderr=err, env=ENV)
            time.sleep(1.0)  # start-up: imports, first position request
            on = True
            while proc.poll() is None and time.perf_counter() - t_sync < max_s:
                n, t = record_for(writer, slice_s, until=lambda: proc.poll() is not None)
                rows[on] += n
                secs[on] += t
                on = not on
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGCONT if on else signal.SIGSTOP)
        finally:
            if proc is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGCONT)
                proc.wait()
                err.close()
            store.close()
    t_sync = time.perf_counter() - t_sync
    if proc.returncode != 0:
        print(f"  recording while syncing: the sync failed ({proc.returncode}): "
              f"{(work / 'sync.err').read_text()[-500:]}")
        return
    if not secs[True] or not secs[False]:
        print("  recording while syncing: the sync ended before one on/off pair of slices; "
              "use more --readings")
        return
    rate_off = rows[False] / secs[False]
    rate_on = rows[True] / secs[True]
    where = (f"the central server shares this machine's {os.cpu_count()} cpus at nice 0, as "
             "the logger's own" if not server_nice else
             f"the central server runs at nice {server_nice}, modelling a platform on another "
             "machine")
    print(f"recording rate, {where} (20-row sealed blocks in a tight loop; sync paused/"
          f"resumed in alternating {slice_s:g} s slices):")
    print(f"  sync off (paused)        : {rate_off:12,.0f} readings/s  over {secs[False]:.1f} s "
          f"(before the sync started: {pre / t_pre:,.0f}/s)")
    print(f"  while sync drains        : {rate_on:12,.0f} readings/s  over {secs[True]:.1f} s "
          f"({rate_on / rate_off:.2f}x sync off; target >= 0.9x)")
    print(f"      the sync process ran {t_sync:.1f} s (it lowers its own priority to nice 19)")


# ---------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readings", type=int, default=1_000_000)
    ap.add_argument("--channels", type=int, default=20)
    ap.add_argument("--block-rows", type=int, default=20,
                    help="readings per append_readings block (20 = one per second)")
    ap.add_argument("--events", type=int, default=200, help="events in the record")
    pg = ap.add_mutually_exclusive_group()
    pg.add_argument("--pg", action="store_true", default=None,
                    help="also drain into PostgreSQL (default: if PostgreSQL 15 is installed)")
    pg.add_argument("--no-pg", dest="pg", action="store_false")
    ap.add_argument("--slice", type=float, default=0.5,
                    help="seconds per sync-off / sync-on slice in the recording test")
    ap.add_argument("--skip-recording", action="store_true")
    ap.add_argument("--server-nice", type=int, action="append",
                    help="run the central server at this nice level in the recording test "
                         "(it shares this machine's cpus; a real one is elsewhere); repeat "
                         "for several runs (default: 0, then 19)")
    ap.add_argument("--keep", help="work in this dir and keep it")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="deungdae-bench-sync-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        template = work / "template"
        print(f"building a record of {args.readings:,} readings ({args.channels} channels at "
              f"1 Hz, {args.block_rows} readings per sealed block) and {args.events} events "
              "...", flush=True)
        next_ts, written, secs = build_record(template, args.readings, args.channels,
                                              args.block_rows, args.events)
        print(f"  written in {secs:.1f} s ({written / secs:,.0f} readings/s, "
              f"{-(-written // args.block_rows):,} blocks)", flush=True)

        bare = bare_pipeline.run(args.readings, 5000, work / "bare")
        print("catch-up:")
        print(f"  bare pipeline baseline   : {bare.rows_per_s:12,.0f} rows/s  "
              f"({bare.rows:,} rows in {bare.seconds:.1f} s; FastAPI + uvicorn + SQLite, "
              "httpx, gzip'd JSON batches of 5,000)", flush=True)
        why = commands_missing()
        if why:
            print(f"  sync: not measured: {why}. The sync part needs `deungdae-central serve"
                  "/plant add` (central/cli.py) and `deungdae register/sync` "
                  "(desktop/cli/sync_commands.py).")
            return
        catch_up("SQLite", template, f"sqlite:///{work / 'central-sqlite' / 'central.db'}",
                 work / "central-sqlite", written, bare.rows_per_s, 100_000)
        use_pg = pg_available() if args.pg is None else args.pg
        if use_pg:
            if not pg_available():
                print(f"  PostgreSQL: not measured: {PG_BIN}/initdb or pg_ctl is missing "
                      "(Debian package postgresql-15)")
            else:
                with private_postgres(work / "central-pg") as pg_url:
                    catch_up("PostgreSQL", template, pg_url, work / "central-pg", written,
                             bare.rows_per_s, 50_000)
        else:
            print("  PostgreSQL: skipped (--no-pg)")
        if not args.skip_recording:
            for k, nice in enumerate(args.server_nice or [0, 19]):
                rec = work / f"central-rec{k}"
                recording_rate(template, f"sqlite:///{rec / 'central.db'}", rec, next_ts,
                               args.channels, args.slice, nice)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
