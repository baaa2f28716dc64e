"""The sync loop: drain the backlog at full speed, poll when caught up, back off when down.

`SyncService.start()` runs it in a background thread (the engine does this when the data
dir is registered); `SyncService.drain()` is one pass to the end of the record (what
`deungdae sync --once` runs). One syncer per data dir at a time: the `sync.lock` file
lock is held while syncing.

Rules kept here (see the tech notes' "Sync design lessons"):

- the platform is the truth: each session starts with `GET /position` and sends from
  `stored_seq + 1`, so a crash anywhere means a resend (skipped by the platform as
  duplicates), never a gap;
- the acknowledged position moves only on the platform's durable `Ack`;
- nothing unsent is ever dropped; a link that is down is retried forever with full-jitter
  exponential backoff (1 s doubling to 5 min), problems that need a person (revoked token,
  fork, untrusted certificate) are reported and retried only at the slowest pace.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import random
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from deungdae.sync import errors, state, wire
from deungdae.sync.client import Client
from deungdae.sync.outbox import DEFAULT_MAX_BYTES, OutBatch, Outbox, backlog
from deungdae.sync.token_store import TokenStore

log = logging.getLogger(__name__)

CLOCK_WARN_MS = 5 * 60 * 1000
MIN_BATCH_BYTES = 64 * 1024
_HEARTBEAT_MS = 60_000
# Batches built ahead while one is in flight (each holds up to ~max_bytes of raw JSON
# while it is being built, and its gzip'd body afterwards).
PREFETCH = 1
# How much lower than the recorder the syncing threads run (Unix nice increment).
SYNC_NICE = 19


def lower_priority(increment: int = SYNC_NICE, *, whole_process: bool = False) -> bool:
    """Run the calling thread (and the threads it starts) at a lower CPU priority.

    Sync must yield to local recording: it only moves rows that are already safe on disk.
    On Linux the nice value is per thread, so only the calling thread is lowered. Where it
    is per process (other Unix), the process is lowered only with `whole_process` (the
    `deungdae sync` command, which records nothing): in the logger that would slow
    recording too. Returns whether the priority was lowered.
    """
    try:
        if sys.platform.startswith("linux") and hasattr(threading, "get_native_id"):
            tid = threading.get_native_id()
            cur = os.getpriority(os.PRIO_PROCESS, tid)
            os.setpriority(os.PRIO_PROCESS, tid, min(19, cur + increment))
            return True
        if whole_process and hasattr(os, "nice"):
            os.nice(increment)
            return True
    except OSError as exc:  # not allowed here: sync just runs as it is
        log.debug("sync: cannot lower the CPU priority: %s", exc)
    return False


def prefetched(batches: Iterator[OutBatch], ahead: int = PREFETCH) -> Iterator[OutBatch]:
    """`batches`, built `ahead` batches in advance in a producer thread.

    The batch in flight waits for the platform while the next one is read, packed and
    compressed (SQLite, zlib and the socket release the GIL). Nothing is acknowledged
    here: the caller still moves its position only on the platform's answer, and when it
    stops early (a failure, a stop request) the batches built ahead are dropped and the
    next session starts again from the platform's position.
    """
    q: queue.Queue = queue.Queue(maxsize=ahead)
    done = threading.Event()
    end = object()

    def put(item: object) -> bool:
        while not done.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for b in batches:
                if not put(b):
                    return
            put(end)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            put(exc)

    t = threading.Thread(target=produce, name="sync-outbox", daemon=True)
    t.start()
    try:
        while True:
            item = q.get()
            if item is end:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        done.set()
        while t.is_alive():
            with contextlib.suppress(queue.Empty):
                q.get_nowait()
            t.join(0.05)
        close = getattr(batches, "close", None)
        if close is not None:
            close()


def clock_warning(offset_ms: int | None) -> str | None:
    """'this computer's clock is 2 h 3 min behind the platform's' when off by > 5 min."""
    if offset_ms is None or abs(offset_ms) <= CLOCK_WARN_MS:
        return None
    minutes = abs(offset_ms) // 60_000
    d, rest = divmod(minutes, 1440)
    h, m = divmod(rest, 60)
    parts = [f"{d} d"] if d else []
    if h:
        parts.append(f"{h} h")
    if m or not parts:
        parts.append(f"{m} min")
    side = "behind" if offset_ms > 0 else "ahead of"
    return f"this computer's clock is {' '.join(parts)} {side} the platform's"


class Backoff:
    """Full-jitter exponential backoff: a random wait in [0, min(cap, base * 2^n)]."""

    def __init__(self, base: float = 1.0, cap: float = 300.0,
                 rng: random.Random | None = None) -> None:
        self.base, self.cap = base, cap
        self.failures = 0
        self._rng = rng or random.Random()

    def next(self) -> float:
        limit = min(self.cap, self.base * 2 ** min(self.failures, 30))
        self.failures += 1
        return self._rng.uniform(0, limit)

    def reset(self) -> None:
        self.failures = 0


@dataclass(slots=True)
class Progress:
    """Where a drain stands, for progress bars (counts are of this drain only)."""

    entries: int = 0
    readings: int = 0
    bytes_sent: int = 0
    batches: int = 0
    duplicates: int = 0
    total_entries: int = 0  # backlog when the drain started (entries)
    total_readings: int = 0
    seconds: float = 0.0
    done: bool = False


ProgressFn = Callable[[Progress], None]


class SyncService:
    """Ships one data dir's record to the platform it was registered with."""

    # Defaults of the background loop (class attributes, so a test can shorten them).
    POLL_SECONDS = 5.0
    BACKOFF_BASE = 1.0
    BACKOFF_CAP = 300.0

    def __init__(self, data_dir: Path, *, db_path: Path | None = None,
                 poll_seconds: float | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 backoff: Backoff | None = None, clock: Callable[[], int] = state.now_ms
                 ) -> None:
        self.data_dir = Path(data_dir)
        self.db_path = Path(db_path) if db_path else self.data_dir / state.RECORD_NAME
        self.poll_seconds = self.POLL_SECONDS if poll_seconds is None else poll_seconds
        self.max_bytes = max_bytes
        self.backoff = backoff or Backoff(self.BACKOFF_BASE, self.BACKOFF_CAP)
        self.clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = FileLock(str(self.data_dir / state.LOCK_NAME), timeout=0)
        self._last_beat = 0
        self._clock_warned = False
        # Optional hooks for a foreground `deungdae sync`: progress of each drain, and
        # one line per failure (the background loop only logs).
        self.on_progress: ProgressFn | None = None
        self.on_problem: Callable[[str], None] | None = None

    @staticmethod
    def configured(data_dir: Path) -> bool:
        """True when the data dir was registered with a platform (`deungdae register`).

        A sync.db that cannot be read now (busy, damaged) counts as configured: the loop
        then retries it, where "not registered" would keep sync from ever starting."""
        try:
            return state.load(data_dir) is not None
        except sqlite3.Error as exc:
            log.warning("sync: cannot read the sync state (%s); trying to sync anyway", exc)
            return True

    # ------------------------------------------------------------------ lock
    def acquire(self) -> None:
        """Take the data dir's sync lock or raise AlreadySyncing."""
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise errors.AlreadySyncing(
                f"another Deungdae is already syncing {self.data_dir} (the running logger "
                f"or another `deungdae sync`; lock {self._lock.lock_file}); see "
                "`deungdae sync status`") from exc

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    # ------------------------------------------------------------------ one drain
    def drain(self, progress: ProgressFn | None = None,
              stop: threading.Event | None = None) -> Progress:
        """Send everything past the platform's position, then return (lock must be held).

        Raises a `sync.errors.SyncError` when the platform cannot be reached or refuses.
        """
        stop = stop or self._stop
        st = state.load(self.data_dir)
        if st is None:
            raise errors.NotRegistered(
                f"{self.data_dir} is not registered with a platform; run "
                "`deungdae register URL CODE` first")
        token = TokenStore(self.data_dir).load(st.key_id)
        if not token:
            raise errors.TokenRejected(
                f"this computer has no token for the platform at {st.url}: register again "
                "(`deungdae register URL CODE`)")
        prog = Progress()
        t0 = time.monotonic()
        retries = 0
        with Client(st.url, token, ca_bundle=st.ca_bundle) as client, \
                Outbox(self.db_path, st.key_id, max_bytes=self.max_bytes) as outbox:
            while True:
                try:
                    self._session(client, outbox, st, prog, progress, stop)
                    break
                except errors.GapError as exc:
                    retries += 1
                    if retries > 5:
                        raise
                    log.info("sync: %s; asking the platform where it stands", exc)
                except errors.BatchTooLarge:
                    retries += 1
                    if outbox.max_bytes <= MIN_BATCH_BYTES or retries > 8:
                        raise
                    outbox.max_bytes = max(MIN_BATCH_BYTES, outbox.max_bytes // 2)
                    outbox.max_entries = max(1, outbox.max_entries // 2)
                    self.max_bytes = outbox.max_bytes
                    log.info("sync: batch too large; cutting batches of %d bytes",
                             outbox.max_bytes)
        prog.seconds = time.monotonic() - t0
        prog.done = not stop.is_set()
        if progress:
            progress(prog)
        return prog

    def _session(self, client: Client, outbox: Outbox, st: state.SyncState, prog: Progress,
                 progress: ProgressFn | None, stop: threading.Event) -> None:
        pos = client.position()
        offset = pos.server_time - self.clock()
        self._note_clock(offset)
        if pos.key_id != st.key_id:
            raise errors.ForkError(
                f"the platform's plant {pos.plant_name!r} holds a record sealed with key "
                f"{pos.key_id}, this data dir's record uses {st.key_id}: register this data "
                "dir as its own plant")
        head_seq, _head_mac = outbox.head()
        if pos.stored_seq > head_seq or (
                pos.stored_seq > 0 and outbox.mac_at(pos.stored_seq) != pos.head_mac):
            # as far as this side can tell (the platform's MACs below its head are not known)
            first = min(pos.stored_seq, head_seq + 1)
            msg = (f"the platform holds a different record for this plant from #{first}: "
                   "was this data dir restored from an older backup? (the platform has "
                   f"#{pos.stored_seq}, this record ends at #{head_seq}; a record cut short "
                   "looks the same); nothing was sent")
            self._report_fork(client, st, outbox, pos.stored_seq, pos.head_mac, first, msg)
            raise errors.ForkError(msg + "; the platform's operator was told")
        if not pos.chain_ok and pos.problem:
            log.warning("sync: the platform reports a problem with its copy: %s", pos.problem)
        per, readings = backlog(outbox.con, pos.stored_seq)
        if not prog.total_entries:
            prog.total_entries = sum(per.values())
            prog.total_readings = readings
        state.save(self.data_dir, acked_seq=pos.stored_seq, acked_mac=pos.head_mac,
                   clock_offset_ms=offset, plant_name=pos.plant_name,
                   state="sending" if per else "idle", heartbeat_ms=self.clock())
        after = pos.stored_seq
        t0 = time.monotonic()
        # closed on every way out, so no batch is still being built once this returns
        with contextlib.closing(prefetched(outbox.batches(after, self.clock))) as batches:
            for batch in batches:
                if stop.is_set():
                    return
                ack = client.ingest(batch.body)
                if ack.stored_seq == batch.last_seq and ack.head_mac != batch.last_mac:
                    msg = (f"the platform's chain head at #{ack.stored_seq} differs from "
                           "this record's: was this data dir restored from an older backup?")
                    self._report_fork(client, st, outbox, ack.stored_seq, ack.head_mac,
                                      batch.first_seq, msg)
                    raise errors.ForkError(msg)
                prog.entries += ack.accepted
                prog.duplicates += ack.duplicates
                prog.readings += ack.readings
                prog.bytes_sent += len(batch.body)
                prog.batches += 1
                prog.seconds = time.monotonic() - t0
                self._note_clock(ack.clock_offset_ms)
                now = self.clock()
                cur = state.load(self.data_dir) or st
                state.save(self.data_dir, acked_seq=ack.stored_seq, acked_mac=ack.head_mac,
                           last_success_ms=now, last_error=None, last_error_ms=None,
                           clock_offset_ms=ack.clock_offset_ms, state="sending",
                           sent_entries=cur.sent_entries + ack.accepted,
                           sent_readings=cur.sent_readings + ack.readings,
                           sent_bytes=cur.sent_bytes + len(batch.body),
                           duplicates=cur.duplicates + ack.duplicates, heartbeat_ms=now)
                if progress:
                    progress(prog)
                if ack.stored_seq != batch.last_seq:
                    raise errors.GapError(
                        f"the platform stored up to #{ack.stored_seq} after a batch ending at "
                        f"#{batch.last_seq}", ack.stored_seq + 1)
        state.save(self.data_dir, state="idle", last_success_ms=self.clock(),
                   last_error=None, last_error_ms=None, heartbeat_ms=self.clock())

    def _report_fork(self, client: Client, st: state.SyncState, outbox: Outbox,
                     platform_seq: int, platform_mac: str, first: int, msg: str) -> None:
        """Best effort: a platform that cannot take the report now hears it next time."""
        head_seq, head_mac = outbox.head()
        try:
            client.fork_report(wire.ForkReport(
                key_id=st.key_id, local_seq=head_seq, local_mac=head_mac,
                platform_seq=platform_seq, platform_mac=platform_mac,
                first_differing=first, detail=msg[:2000], sent_at=self.clock()))
        except errors.SyncError as exc:
            log.warning("sync: could not report the fork to the platform: %s", exc)

    def _note_clock(self, offset_ms: int) -> None:
        warn = clock_warning(offset_ms)
        if warn and not self._clock_warned:
            log.warning("sync: %s; recorded times come from this computer's clock: set it "
                        "right", warn)
        self._clock_warned = bool(warn)

    # ------------------------------------------------------------------ background
    def start(self) -> None:
        """Sync in a background thread until `stop()` (retrying the lock if it is held)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run_thread, name="sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Ask the loop to finish; waits up to `timeout` s. False if it was abandoned.

        An abandoned request is harmless: the position moves only on an Ack, and the next
        session asks the platform where it stands.
        """
        self._stop.set()
        t = self._thread
        if t is None:
            return True
        t.join(timeout)
        if t.is_alive():
            log.warning("sync: the request in flight did not finish in %.0f s; abandoning "
                        "it (it is resent next time)", timeout)
            return False
        self._thread = None
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run_thread(self) -> None:
        lower_priority()  # this thread (and the ones it starts) yields to recording
        told = False
        while not self._stop.is_set():
            try:
                self.acquire()
                break
            except errors.AlreadySyncing as exc:
                if not told:
                    log.info("sync: %s; waiting for it to finish", exc)
                    told = True
                if self._stop.wait(self.poll_seconds):
                    return
        try:
            self.run(self._stop)
        finally:
            self.release()

    def run(self, stop: threading.Event) -> None:
        """The loop (lock must be held): drain, poll, back off; returns when `stop` is set.

        Nothing but `stop` ends it: a failure of its own bookkeeping (a busy sync.db, a
        full disk) or a bug is logged and retried after a back-off."""
        while not stop.is_set():
            try:
                self._run_once(stop)
            except Exception:  # noqa: BLE001 - the loop must survive its own bugs
                log.exception("sync: unexpected failure of the sync loop; retrying")
                stop.wait(self.backoff.next())
        try:
            st = state.load(self.data_dir)
            if st is not None and st.state == "sending":
                state.save(self.data_dir, state="idle", heartbeat_ms=self.clock())
        except (sqlite3.Error, OSError) as exc:
            log.warning("sync: cannot note the stop in the sync state: %s", exc)

    def _run_once(self, stop: threading.Event) -> None:
        try:
            self.drain(progress=self.on_progress, stop=stop)
            self.backoff.reset()
        except errors.SyncError as exc:
            stop.wait(self.note_failure(exc))
            return
        except (sqlite3.Error, OSError) as exc:
            stop.wait(self.note_failure(
                errors.SyncError(f"cannot read the local record: {exc}")))
            return
        except Exception as exc:  # noqa: BLE001 - the loop must survive its own bugs
            log.exception("sync: unexpected failure")
            stop.wait(self.note_failure(errors.SyncError(f"{exc.__class__.__name__}: {exc}")))
            return
        self._wait_for_rows(stop)

    def note_failure(self, exc: errors.SyncError, *, shown: bool = False) -> float:
        """Note the failure in the state and the log; returns how long to wait.

        `shown`: the caller already told the person (the log gets it at INFO only).
        Writing the state is best-effort: a busy or unwritable sync.db is logged, never
        raised (the loop that calls this must go on).
        """
        wait = self.backoff.next() if exc.transient else self.backoff.cap
        kind = "offline" if exc.transient else "error"
        log.log(logging.INFO if exc.transient or shown or self.on_problem else logging.ERROR,
                "sync %s: %s (next try in %.0f s)", kind, exc, wait)
        if self.on_problem is not None:
            try:
                self.on_problem(f"{kind}: {exc} (next try in {wait:.0f} s)")
            except Exception:  # noqa: BLE001 - a display callback must not stop sync
                log.exception("sync: the problem callback failed")
        try:
            if state.load(self.data_dir) is not None:
                state.save(self.data_dir, state=kind, last_error=str(exc),
                           last_error_ms=self.clock(), heartbeat_ms=self.clock())
        except (sqlite3.Error, OSError) as err:
            log.warning("sync: cannot note the failure in the sync state: %s", err)
        return wait

    def _wait_for_rows(self, stop: threading.Event) -> None:
        """Caught up: look for new ledger entries every `poll_seconds`."""
        st = state.load(self.data_dir)
        acked = st.acked_seq if st else 0
        try:
            with Outbox(self.db_path, st.key_id if st else "") as outbox:
                while not stop.wait(self.poll_seconds):
                    if outbox.head()[0] > acked:
                        return
                    now = self.clock()
                    if now - self._last_beat > _HEARTBEAT_MS:
                        self._last_beat = now
                        state.save(self.data_dir, heartbeat_ms=now)
        except (sqlite3.Error, OSError) as exc:
            log.warning("sync: cannot read the local record or note a heartbeat: %s", exc)
            stop.wait(self.poll_seconds)
