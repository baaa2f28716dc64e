"""CLI commands for the central platform: register, sync, sync status.

    deungdae register URL CODE [--ca-bundle FILE]   escrow the record key, keep the token
    deungdae sync --once                            send the backlog, then exit
    deungdae sync                                   keep syncing until Ctrl-C
    deungdae sync status                            where sync stands (works offline)

Progress goes to stderr as plain text (a redrawn line on a terminal, a line every few
seconds otherwise); every failure is one line saying what to do, with a non-zero exit.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from datetime import datetime
from urllib.parse import urlsplit

from deungdae.desktop import paths
from deungdae.desktop.cli.common import human_bytes
from deungdae.records.errors import StoreError
from deungdae.sync import errors
from deungdae.sync.client import normalize_url
from deungdae.sync.registration import is_plain_remote_http, register
from deungdae.sync.service import Progress, SyncService, clock_warning, lower_priority
from deungdae.sync.status import read_status
from deungdae.sync.token_store import TokenStore

EXIT_SYNC = 1


def add_parsers(sub) -> None:
    p = sub.add_parser("register", help="register this data dir with a central platform",
                       description="Register this plant's record with a Deungdae central "
                       "platform, using a one-time code from `deungdae-central plant add`.")
    p.add_argument("url", help="the platform's address, e.g. https://central.example.com")
    p.add_argument("code", help="the one-time registration code")
    p.add_argument("--ca-bundle", metavar="FILE",
                   help="PEM file of a private CA that signed the platform's certificate")
    p.add_argument("--insecure-http", action="store_true",
                   help="allow plain http to another machine (sends the chain key in clear; "
                        "only on a network you trust)")
    p.set_defaults(func=cmd_register)

    s = sub.add_parser("sync", help="send the record to the central platform",
                       description="Send every record row the platform has not acknowledged. "
                       "Without --once, keep syncing until Ctrl-C (the logger also syncs by "
                       "itself while it runs).")
    s.add_argument("--once", action="store_true", help="send the backlog, then exit")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    s.add_argument("--batch-kb", type=int, default=None, metavar="KB",
                   help="cut batches of about KB kilobytes (default 4096; smaller for a "
                        "slow or flaky link)")
    ssub = s.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")
    ssub.add_parser("status", help="platform, plant, backlog, last success and error")
    s.set_defaults(func=cmd_sync)


def _quiet_http(args) -> None:
    # httpx logs every request at INFO; only -vv wants that in the log
    if (getattr(args, "verbose", 0) or 0) < 2:
        logging.getLogger("httpx").setLevel(logging.WARNING)


def _err(msg: str) -> int:
    print(f"deungdae: {msg}", file=sys.stderr)
    return EXIT_SYNC


def _when(ms: int | None) -> str:
    if ms is None:
        return "never"
    return datetime.fromtimestamp(ms / 1000).astimezone().isoformat(sep=" ",
                                                                     timespec="seconds")


# ---------------------------------------------------------------------- register
def _url_problem(url: str) -> str | None:
    """Why `url` is not a platform address (`http://[::1` has no closing bracket), or None."""
    try:
        parts = urlsplit(normalize_url(url))
        host, _ = parts.hostname, parts.port  # both raise ValueError on a broken address
    except ValueError as exc:
        return f"'{url}' is not a web address ({exc}); give e.g. https://central.example:8443"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return f"'{url}' is not an http(s) address; give e.g. https://central.example:8443"
    return None


def cmd_register(args) -> int:
    _quiet_http(args)
    root = paths.data_dir(args.data_dir)
    insecure = bool(getattr(args, "insecure_http", False))
    problem = _url_problem(args.url)
    if problem:
        return _err(problem)
    if insecure and is_plain_remote_http(normalize_url(args.url)):
        print("warning: --insecure-http: the chain key goes over plain http, readable by "
              "anyone on the network path", file=sys.stderr)
    try:
        st = register(root, args.url, args.code, ca_bundle=args.ca_bundle,
                      db_path=paths.db_path(root), client_version="deungdae",
                      insecure_http=insecure)
    except (errors.SyncError, StoreError) as exc:
        return _err(str(exc))
    print(f"registered {root} with {st.url} as plant '{st.plant_name}' (#{st.plant_id}); "
          f"the token is kept in {TokenStore(root).where}")
    warn = clock_warning(st.clock_offset_ms)
    if warn:
        print(f"warning: {warn}; set it right so recorded times are true", file=sys.stderr)
    print("send the record now with `deungdae sync --once`; the logger syncs by itself "
          "while it runs")
    return 0


# ---------------------------------------------------------------------- sync
class ProgressBar:
    """rows, bytes, rate and ETA on stderr; plain text, no dependency."""

    def __init__(self, out=None, every: float = 2.0) -> None:
        self.out = out or sys.stderr
        self.tty = self.out.isatty()
        self.every = every
        self._last = 0.0

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        if not p.done and now - self._last < (0.2 if self.tty else self.every):
            return
        self._last = now
        line = self.line(p)
        if self.tty:
            print("\r" + line + "\x1b[K", end="\n" if p.done else "", file=self.out, flush=True)
        else:
            print(line, file=self.out, flush=True)

    @staticmethod
    def line(p: Progress) -> str:
        total = max(p.total_entries, p.entries)
        frac = (p.entries / total) if total else 1.0
        width = 24
        filled = int(frac * width)
        bar = "#" * filled + "-" * (width - filled)
        rate = p.readings / p.seconds if p.seconds > 0 else 0.0
        eta = ""
        if not p.done and p.entries and p.seconds > 0 and total > p.entries:
            left = p.seconds * (total - p.entries) / p.entries
            eta = f" · ETA {int(left // 60)}:{int(left % 60):02d}"
        dup = f" · {p.duplicates:,} already there" if p.duplicates else ""
        return (f"sync [{bar}] {frac:4.0%} {p.entries:,}/{total:,} rows · "
                f"{p.readings:,} readings · {human_bytes(p.bytes_sent)} sent · "
                f"{rate:,.0f} readings/s{dup}{eta}")


def cmd_sync(args) -> int:
    if getattr(args, "sync_command", None) == "status":
        return cmd_status(args)
    _quiet_http(args)
    root = paths.data_dir(args.data_dir)
    if not paths.db_path(root).exists():
        return _err(f"no record at {paths.db_path(root)}; run `deungdae init` first")
    bar = None if args.quiet else ProgressBar()
    service = SyncService(root, db_path=paths.db_path(root))
    if args.batch_kb:
        service.max_bytes = max(16, args.batch_kb) * 1024
    if not service.configured(root):
        return _err(f"{root} is not registered with a platform; run "
                    "`deungdae register URL CODE` first")
    try:
        service.acquire()
    except errors.AlreadySyncing as exc:
        return _err(str(exc))
    # Sync yields the CPU to local recording (the logger may be running beside it).
    lower_priority(whole_process=True)
    try:
        if args.once:
            prog = service.drain(progress=bar)
            print(f"sent {prog.entries:,} rows ({prog.readings:,} readings, "
                  f"{human_bytes(prog.bytes_sent)}) in {prog.seconds:.1f} s"
                  + (f"; {prog.duplicates:,} were already on the platform"
                     if prog.duplicates else "")
                  + ("; nothing to send" if not prog.batches else ""))
            return 0
        service.on_progress = bar
        service.on_problem = lambda msg: print(f"sync: {msg}", file=sys.stderr, flush=True)
        # SIGTERM (a service manager) stops it like Ctrl-C. Both raise KeyboardInterrupt in
        # this thread, which also cuts short a request to a stalled platform (the socket
        # wait is interrupted) and a back-off wait; nothing is lost, the position moves
        # only on the platform's answer.
        # SIGINT is set too: a process started in the background inherits it ignored.
        previous = {sig: signal.signal(sig, signal.default_int_handler)
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            print("syncing; Ctrl-C stops", file=sys.stderr, flush=True)  # handlers are set
            service.run(threading.Event())
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 0
    except errors.SyncError as exc:
        service.note_failure(exc, shown=True)  # so `sync status` and the window show it too
        return _err(str(exc))
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 130
    finally:
        service.release()


def cmd_status(args) -> int:
    root = paths.data_dir(args.data_dir)
    s = read_status(root, paths.db_path(root))
    if not s.configured:
        print("sync: not set up (offline only); register with `deungdae register URL CODE`")
        return 0
    tables = ", ".join(f"{t} {n:,}" for t, n in sorted(s.backlog_by_table.items()))
    print(f"platform     {s.url}")
    print(f"plant        {s.plant_name} (#{s.plant_id})")
    print(f"state        {s.state}")
    print(f"sent up to   #{s.acked_seq:,}")
    print(f"backlog      {s.backlog_entries:,} rows" + (f" ({tables})" if tables else "")
          + f", {s.backlog_readings:,} readings")
    print(f"last success {_when(s.last_success_ms)}")
    print(f"last error   {s.last_error or 'none'}")
    if s.clock_warning:
        print(f"warning      {s.clock_warning}")
    return 0
