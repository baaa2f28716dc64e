"""The headless engine: poll sources, write readings in batches, run rules, append events.

The GUI runs exactly this engine in a worker thread; `deungdae run --headless` runs it in
the main thread. The clock is a parameter: with every device simulated, a simulated clock
runs hours of plant time in seconds, deterministically, with no threads at all.
"""

from __future__ import annotations

import errno
import logging
import math
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine import config_audit
from deungdae.desktop.engine.config import SiteConfig
from deungdae.desktop.engine.write_buffer import WriteHealth, safe_log
from deungdae.desktop.paths import db_path
from deungdae.desktop.plant_files import profile_dir
from deungdae.hardware.clock import Clock
from deungdae.hardware.reading import DeviceEvent, Quality, Reading
from deungdae.hardware.source import ConfigError as HardwareConfigError
from deungdae.hardware.source import PollResult, Source
from deungdae.hardware.sources import build_sources
from deungdae.records import signatures as rsignatures
from deungdae.records import users as rusers
from deungdae.records.errors import DiskFull, RecordBehind, StoreError, StoreUnavailable
from deungdae.records.layout import BAD_QUALITY
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.contract import migrations_of
from deungdae.sectors.api.declare import record_declared_kinds
from deungdae.sectors.api.derived import DerivedChannel, InputGuard, split_output
from deungdae.sectors.api.discovery import derived_problems, event_kinds
from deungdae.sectors.api.figures import Figure, figures_of, record_declared_figures
from deungdae.sectors.api.incidents import incident_key
from deungdae.sectors.api.resume import Resume
from deungdae.sectors.api.tables import MigrationFailed, run_migrations
from deungdae.sectors.channel_alarms import ChannelAlarm, ChannelAlarms, check_alarm
from deungdae.sectors.contract import (
    ChannelSpec,
    Rule,
    RuleContext,
    Sector,
    derived_channels_of,
    tables_of,
)
from deungdae.sync.registration import register
from deungdae.sync.service import SyncService
from deungdae.sync.status import SyncStatus, read_status

log = logging.getLogger(__name__)

# How often a running engine looks whether the data dir was registered meanwhile.
SYNC_CHECK_SECONDS = 10.0


class EngineError(RuntimeError):
    """The engine cannot run as configured; the message says why and what to do."""


@dataclass(slots=True)
class ChannelState:
    key: str
    id: int
    name: str
    unit: str
    last_ts: int | None = None
    last_value: float | None = None
    last_quality: int = 0


@dataclass(slots=True)
class EngineStatus:
    now_ms: int
    readings_written: int
    events_written: int
    buffered: int
    open_alarms: dict[tuple[str, str], int] = field(default_factory=dict)
    devices_lost: set[str] = field(default_factory=set)
    held_events: int = 0     # events waiting for the record to take writes again
    dropped: int = 0         # readings dropped since start because the buffer was full
    write_error: str = ""    # why the record cannot be written now ("" when it can)


Listener = Callable[[list[Reading], list[NewEvent]], None]


class _BusThread(threading.Thread):
    """Polls one source on the real clock and hands results to the engine's queue."""

    def __init__(self, source: Source, clock: Clock, out: queue.Queue, stop: threading.Event):
        super().__init__(name=f"bus-{source.name}", daemon=True)
        self.source, self.clock, self.out, self.stop_event = source, clock, out, stop

    def run(self) -> None:
        while not self.stop_event.is_set():
            now = self.clock.now_ms()
            try:
                if self.source.next_due_ms() <= now:
                    self.out.put(self.source.poll_due(now))
            except Exception:  # a driver bug must not silently stop a bus
                log.exception("bus %s: poll failed", self.source.name)
                self.out.put(PollResult(events=[DeviceEvent(
                    self.source.name, now, "error", "poll failed unexpectedly; see the log")]))
                if self.clock.wait(1.0, self.stop_event):
                    break
            wait = (self.source.next_due_ms() - self.clock.now_ms()) / 1000
            if self.clock.wait(min(max(wait, 0.0), 1.0), self.stop_event):
                break


class Engine:
    def __init__(self, root: Path, config: SiteConfig, clock: Clock,
                 sectors: dict[str, Sector] | None = None, *, batch_rows: int = 1000,
                 flush_seconds: float = 1.0, write_health: WriteHealth | None = None) -> None:
        self.root = root
        self.config = config
        self.clock = clock
        self.sectors = sectors or {}
        self.batch_rows = batch_rows
        self.flush_seconds = flush_seconds
        self.store: Store | None = None
        self._store_file: tuple[int, int] | None = None  # the record file written into
        self.sources: list[Source] = []
        self.rules: list[Rule] = []
        self.channels: dict[str, ChannelState] = {}  # by source key (device.point)
        self._buffer: list[tuple[int, int, float | None, int]] = []
        self._pending_readings: list[Reading] = []
        # Events not yet in the record (the record failed to take writes); see write_buffer.
        self._held_events: list[NewEvent] = []
        self._health = write_health or WriteHealth()
        self._incident_written = False
        self._listeners: list[Listener] = []
        self._stop = threading.Event()
        self._lock = threading.RLock()  # the loop's steps vs entries from other threads
        self._queue: queue.Queue[PollResult] = queue.Queue()
        self._threads: list[_BusThread] = []
        self._running = False  # `run` is polling (bus threads start when devices change)
        self._last_flush = time.monotonic()
        self.readings_written = 0
        self.events_written = 0
        self.open_alarms: dict[tuple[str, str], int] = {}
        self.kinds = event_kinds(self.sectors)
        self.derived: dict[str, tuple[DerivedChannel, int]] = {}  # key -> (decl, channel id)
        self._guard: InputGuard | None = None  # only when some sector derives channels
        self._open_ids: dict[int, tuple] = {}  # opening event id -> incident key
        self.open_incidents: dict[tuple, int] = {}  # incidents.incident_key -> opened at
        self.sector_problems: list[str] = []  # sectors left out at start, and why
        self.devices_lost: set[str] = set()
        self.sync: SyncService | None = None  # background sync, when registered

    # ------------------------------------------------------------------ lifecycle
    def open(self) -> None:
        cfg = self.config
        if cfg.devices and not cfg.all_simulated and self.clock.simulated:
            real = [d["id"] for d in cfg.devices if d.get("profile") != "simulator"]
            raise EngineError(
                f"a simulated clock (--speed) needs every device simulated; real devices: "
                f"{', '.join(real)}")
        try:
            self.store = Store.open_writer(db_path(self.root), anchors=self._anchors())
        except RecordBehind as exc:
            raise EngineError(str(exc)) from exc
        self._store_file = _file_identity(self.store.path)
        try:
            self._register()
        except BaseException:
            self.store.close()
            self.store = None
            raise
        self._start_sync()

    def _anchors(self) -> list[tuple[str, int]]:
        """What else saw this record's head: the platform's acknowledged position."""
        try:
            from deungdae.sync import state as sync_state

            st = sync_state.load(self.root)
        except Exception:  # noqa: BLE001 - a damaged sync.db must not stop recording
            log.warning("cannot read the sync state for the record's anchor", exc_info=True)
            return []
        if st is None or not st.acked_seq or not db_path(self.root).exists():
            return []
        try:
            with Store.open_reader(db_path(self.root)) as reader:
                if reader.get_meta("chain_key_id") != st.key_id:
                    return []  # registered for another record (re-initialised since)
        except StoreError:
            return []
        return [(f"the central platform ({st.url})", st.acked_seq)]

    def _start_sync(self) -> None:
        """Ship the record to the central platform in the background, if registered.

        Sync reads the record through its own read-only connection in its own thread, so
        it can neither block nor fail local recording.
        """
        try:
            if self.sync is None and SyncService.configured(self.root):
                self.sync = SyncService(self.root, db_path=db_path(self.root))
                self.sync.start()
        except Exception:  # noqa: BLE001 - recording goes on without sync
            log.exception("background sync could not start; recording goes on")

    def sync_status(self) -> SyncStatus:
        """Sync state and backlog for the window (reads files only; call off the GUI thread)."""
        return read_status(self.root, db_path(self.root))

    def register_central(self, url: str, code: str, ca_bundle: str | None = None) -> SyncStatus:
        """Register this data dir with a platform and start syncing to it (blocks on the
        network: call off the GUI thread). Raises `sync.errors.SyncError` with the reason."""
        register(self.root, url, code, ca_bundle=ca_bundle, db_path=db_path(self.root))
        if self.store is not None:
            self._stop_sync()  # a running loop holds the old token and address
            self._start_sync()
        return self.sync_status()

    def _stop_sync(self) -> None:
        if self.sync is not None:
            self.sync.stop(timeout=5.0)
            self.sync = None

    def _register(self) -> None:
        cfg, store = self.config, self.store
        assert store is not None
        by_file = config_audit.file_user(cfg)  # what the file says is audited as from it
        was = store.site()
        if was != (cfg.name, cfg.timezone):
            store.set_site(cfg.name, cfg.timezone, user=by_file,
                           reason=config_audit.site_reason(cfg, was))
        self.sources = build_sources(cfg.devices, self.clock.now_ms(),
                                     profile_dirs=[profile_dir(self.root)])
        for d in cfg.devices:
            store.ensure_device(d["id"], d.get("name", d["id"]), d.get("profile", ""),
                                str(d.get("port", "")), d.get("unit"), user=by_file,
                                reason=f"as in {cfg.path.name}")
        by_source = {c.source_key: c for c in cfg.channels}
        units = {f"{p.device}.{p.point}": p.unit for s in self.sources for p in s.points()}
        for skey, unit in units.items():
            cc = by_source.get(skey)
            key = cc.key if cc else skey
            name = cc.name if cc else skey
            unit = (cc.unit or unit) if cc else unit
            if cc:
                cc.unit = unit
            cid = store.ensure_channel(key, name, unit, skey.split(".", 1)[0], user=by_file,
                                       reason=f"as in {cfg.path.name}")
            self.channels[skey] = ChannelState(key, cid, name, unit)
        missing = [c.key for c in cfg.channels if c.source_key not in units]
        if missing:
            raise EngineError(f"{cfg.path}: channels {', '.join(missing)} name a point their "
                              "device does not have")
        alarms = {c.key: c.alarm for c in cfg.channels}
        specs = [ChannelSpec(st.key, st.name, st.unit, alarms.get(st.key, {}))
                 for st in self.channels.values()]
        self.rules = [ChannelAlarms(specs)]
        context = getattr(cfg, "site", None) or RuleContext(cfg.timezone)
        known = list(specs)
        figures: list[Figure] = []
        for sid in cfg.sectors:
            sector = self.sectors.get(sid)
            if sector is not None:
                section = cfg.sector_settings.get(sid, {})
                derived = derived_channels_of(sector, section, known, context)
                problems = derived_problems(sid, derived, known)
                if problems:  # refused alone: the plant records with the other sectors
                    msg = "; ".join(problems)
                    log.error("%s: sector left out: %s", cfg.path, msg)
                    self.sector_problems.append(msg)
                    continue
                try:
                    rules = sector.rules(section, specs, context)
                except ValueError as exc:
                    raise EngineError(f"{cfg.path}: sector '{sid}': {exc}") from exc
                try:  # its tables' migrations, with a backup of a record that has entries
                    run_migrations(store, sid, migrations_of(sector))
                    store.ensure_tables(tables_of(sector))  # registered by discovery
                except (StoreUnavailable, DiskFull):
                    raise  # the record cannot be written at all: not this sector's fault
                except (MigrationFailed, StoreError) as exc:
                    log.error("%s: %s", cfg.path, exc)
                    self.sector_problems.append(str(exc))
                    continue
                self.rules.extend(rules)
                self._register_derived(store, sid, derived)
                figures += figures_of(sector, section, known, context)
                known += [ChannelSpec(d.key, d.name_en, d.unit, {}) for d in derived]
        # limits, CCPs, devices edited in the file since the last start: one sealed row each
        config_audit.record_file_changes(store, cfg)
        record_declared_kinds(store, self.kinds)  # central learns the kinds from it
        record_declared_figures(store, figures)  # and what to show for the plant
        now = self.clock.now_ms()
        self._resume(store, now)
        for rule in self.rules:
            rule.start(now)

    def _resume(self, store: Store, now: int) -> None:
        """Take up what the record holds open from before this start (`sectors.api.resume`):
        the open incidents for the status line, and each rule's own conditions."""
        incident = set(self.kinds.incident_kinds())
        wanted = set(incident)
        for rule in self.rules:
            wanted |= set(getattr(rule, "resumes", ()) or ())
        rows = store.events(kinds=sorted(wanted), limit=2**62)
        for row in rows:
            if row.kind in incident:
                self._track_open(row, row.id)
        events: list[NewEvent] = []
        for rule in self.rules:
            kinds, take = getattr(rule, "resumes", None), getattr(rule, "resume", None)
            if not kinds or take is None:
                continue
            mine = [r for r in rows if r.kind in kinds]
            try:
                events.extend(take(Resume(now, mine, self._extreme, self._last_good,
                                          self._good_readings, self._sealed)) or [])
            except Exception:  # noqa: BLE001 - a sector's bug must not stop recording
                log.exception("%s could not take up all its open conditions from the record",
                              type(rule).__name__)
        if events:
            self._record_events(events)

    def _sealed(self, row) -> bool:
        return self.store is not None and self.store.row_sealed("event", row.id)

    def _channel_id(self, key: str) -> int | None:
        cid = next((st.id for st in self.channels.values() if st.key == key), None)
        if cid is None and key in self.derived:
            cid = self.derived[key][1]
        return cid

    def _extreme(self, key: str, since: int, highest: bool) -> float | None:
        cid = self._channel_id(key)
        if cid is None or self.store is None:
            return None
        return self.store.extreme(cid, since, highest)

    def _good_readings(self, key: str, since: int) -> list[tuple[int, float]]:
        cid = self._channel_id(key)
        if cid is None or self.store is None:
            return []
        # up to now only: a record a faster simulated clock wrote holds readings ahead of it
        return [(ts, v) for ts, v, q in self.store.readings(cid, since, self.clock.now_ms())
                if v is not None and not q & BAD_QUALITY]

    def _last_good(self, key: str) -> int | None:
        cid = self._channel_id(key)
        if cid is None or self.store is None:
            return None
        return self.store.last_good(cid)

    def _register_derived(self, store: Store, sid: str, derived: list[DerivedChannel]) -> None:
        """Derived channels are channels of the record like measured ones (device: sector)."""
        for d in derived:
            self.derived[d.key] = (d, store.ensure_channel(d.key, d.name_en, d.unit, sid))
        if self.derived:
            self._guard = guard = InputGuard([d for d, _ in self.derived.values()])
            for st in self.channels.values():  # measured inputs: the states _handle keeps
                guard.attach(st.key, st)

    def _feed(self, readings: list[Reading]) -> list[NewEvent]:
        """Run the rules on readings; derived readings they return are guarded (missing
        when an input is stale or bad), buffered like measured ones and fed on in turn."""
        events: list[NewEvent] = []
        for _depth in range(4):  # derived from derived, a few levels deep at most
            made: list[Reading] = []
            keys = {r.channel for r in readings}
            for rule in self.rules:
                reads = getattr(rule, "reads", None)
                if reads is not None and reads.isdisjoint(keys):
                    continue  # none of its channels: a derived reading is not fed back
                evs, rds = split_output(rule.feed(readings))
                events.extend(evs)
                if rds:
                    made.extend(rds)
            if not made:
                break
            readings = self._take_derived(made)
        return events

    def _take_derived(self, made: list[Reading]) -> list[Reading]:
        guard, derived = self._guard, self.derived
        if guard is None:
            log.warning("%d readings for undeclared derived channels dropped", len(made))
            return []
        out = guard.take(made)  # missing where an input is stale or bad; noted for others
        if len(out) != len(made):
            log.warning("%d readings for undeclared derived channels dropped",
                        len(made) - len(out))
        self._buffer.extend([(derived[r.channel][1], r.ts, r.value, int(r.quality))
                             for r in out])
        if self._listeners:
            self._pending_readings.extend(out)
        return out

    def subscribe(self, listener: Listener) -> None:
        """Call `listener(readings, events)` from the engine thread after each step."""
        self._listeners.append(listener)

    def stop(self) -> None:
        """Ask a running `run` to finish; it flushes everything before it returns."""
        self._stop.set()

    @property
    def inline(self) -> bool:
        return all(s.simulated for s in self.sources)

    def run(self, seconds: float | None = None,
            on_status: Callable[[EngineStatus], None] | None = None,
            status_every: float = 1.0, close: bool = True) -> None:
        """Run until `stop()` or for `seconds` of clock time, then flush.

        With `close=False` the engine stays open after `seconds`, so a test or a script
        can record entries and run on (the threads and the store are closed by `close()`).
        """
        if self.store is None:
            self.open()
        start = self.clock.now_ms()
        end = None if seconds is None else start + int(seconds * 1000)
        last_status = 0.0
        last_sync_check = time.monotonic()
        try:
            self._running = True
            if not self.inline:
                for s in self.sources:
                    self._start_bus(s)
            while not self._stop.is_set():
                now = self.clock.now_ms()
                if end is not None and now >= end:
                    now = end
                results = [] if self.inline else self._take(0.2)
                with self._lock:
                    if self.inline:
                        for s in self.sources:
                            if s.next_due_ms() <= now:
                                self._handle(s.poll_due(now))
                    for res in results:
                        self._handle(res)
                    self._tick(now)
                    self._maybe_flush()
                if self.sync is None and time.monotonic() - last_sync_check >= SYNC_CHECK_SECONDS:
                    # `deungdae register` run while this logger records: start syncing
                    last_sync_check = time.monotonic()
                    self._start_sync()
                if on_status and time.monotonic() - last_status >= status_every:
                    last_status = time.monotonic()
                    on_status(self.status())
                if end is not None and now >= end:
                    break
                if self.inline:
                    nxt = min((s.next_due_ms() for s in self.sources), default=now + 1000)
                    if end is not None:
                        nxt = min(nxt, end)
                    self.clock.wait(max(0, nxt - self.clock.now_ms()) / 1000, self._stop)
        except BaseException:
            self._running = False
            self.close()
            raise
        self._running = False
        if close or self._stop.is_set():
            self.close()
        else:
            self._stop_threads()
            with self._lock:
                self._write_out(strict=False)  # a failing record keeps it held, no raise

    def _stop_threads(self) -> None:
        _stop_buses(self._threads)
        self._threads.clear()

    def _start_bus(self, source: Source) -> None:
        # each bus has its own stop event, so one bus can be swapped while the loop runs
        t = _BusThread(source, self.clock, self._queue, threading.Event())
        self._threads.append(t)
        t.start()

    def close(self) -> None:
        """Stop polling, write everything buffered and close the record."""
        self._stop.set()
        self._stop_sync()
        _stop_buses(self._threads)
        self._threads.clear()
        try:
            with self._lock:
                for res in self._take(0):
                    self._handle(res)
                self.flush()
        finally:
            for s in self.sources:
                try:
                    s.close()
                except Exception:
                    log.exception("closing source %s", s.name)
            if self.store is not None:
                self.store.close()
                self.store = None

    # ------------------------------------------------------------------ steps
    def _take(self, timeout: float) -> list[PollResult]:
        """Everything the bus threads delivered, waiting up to `timeout` for the first."""
        out: list[PollResult] = []
        try:
            out.append(self._queue.get(timeout=timeout) if timeout else self._queue.get_nowait())
            while True:
                out.append(self._queue.get_nowait())
        except queue.Empty:
            return out

    def record_manual(self, channel: str, value: float, user: str, note: str = "",
                      ts: int | None = None, extra: dict | None = None) -> int:
        """An operator's hand-entered value, when automatic recording is down.

        It is stored as a reading flagged MANUAL (so every chart and report shows it as
        such) plus a `manual.entry` event saying who entered it; rules see both. `extra`
        adds a sector's keys to the event (why it was entered by hand, the sensor's state).
        """
        st = next((c for c in self.channels.values() if c.key == channel), None)
        if st is None:
            raise EngineError(f"unknown channel '{channel}'")
        if self.store is None:
            raise EngineError("the engine is not running; entries cannot be recorded")
        ts = self.clock.now_ms() if ts is None else ts
        with self._lock:
            self.flush()
            res = self.store.append_readings([(st.id, ts, float(value), int(Quality.MANUAL))])
            if res.inserted != 1:
                raise EngineError(f"a value for '{channel}' at that time is already recorded")
            self.readings_written += 1
            reading = Reading(channel, ts, float(value), Quality.MANUAL)
            if self._listeners:
                self._pending_readings.append(reading)
            caused = self._feed([reading])
            if caused:
                self._record_events(caused)
            return self.record_entry(NewEvent(
                ts=ts, kind="manual.entry", channel=channel, user=user,
                # the value only: the kind ("manual entry") is worded in the viewer's language
                message=f"{value:g} {st.unit}".strip(),
                data={**(extra or {}), "value": float(value), "note": note}))

    def record_entry(self, event: NewEvent) -> int:
        """Record an operator's entry (manual value, check, action) and run the rules on it.

        Safe to call from another thread (the GUI) while the engine runs.
        """
        if self.store is None:
            raise EngineError("the engine is not running; entries cannot be recorded")
        with self._lock:
            self.flush()
            eid = self.store.append_event(event)
            self.events_written += 1
            caused: list[NewEvent] = []
            for rule in self.rules:
                caused.extend(rule.on_entry(event))
            if caused:
                self._record_events(caused)
            else:
                self._notify([event])
        return eid

    # ------------------------------------------------------------------ users, signatures
    # Thread-safe doors to records.users / records.signatures on the engine's one writer,
    # for the GUI (called on its worker threads: argon2 takes ~50-100 ms).
    def _writer(self) -> Store:
        if self.store is None:
            raise EngineError("the record is not open; users and signatures are unavailable")
        return self.store

    def users(self) -> list[rusers.User]:
        with self._lock:
            return rusers.users(self._writer())

    def user_states(self) -> list[tuple[rusers.User, int | None]]:
        """Every user with when their lockout ends (None when not locked)."""
        with self._lock:
            store = self._writer()
            return [(u, rusers.locked_until(store, u.login)) for u in rusers.users(store)]

    def get_user(self, login: str) -> rusers.User | None:
        with self._lock:
            return rusers.get_user(self._writer(), login)

    def authenticate(self, login: str, password: str, purpose: str = "sign-in") -> rusers.User:
        """Check credentials (logged in `auth_log`, lockout enforced); raises AuthError."""
        with self._lock:
            return rusers.authenticate(self._writer(), login, password, purpose)

    def attempts_left(self, login: str) -> int:
        with self._lock:
            n, _ = rusers.failures(self._writer(), login)
        return max(0, rusers.MAX_FAILURES - n)

    def sign(self, login: str, password: str, meaning: str, targets: list[str],
             comment: str = "") -> int:
        """An electronic signature of `targets` (re-entered credentials); the row id."""
        with self._lock:
            self.flush()
            return rsignatures.sign(self._writer(), login, password, meaning, targets, comment)

    def sign_document(self, sign: Callable[[Store], int]) -> int:
        """A sector's signature over a document of the record (a day's log): `sign(store)`
        runs on the writer under the lock, after a flush, so what it fingerprints is
        everything recorded so far; it signs through `records.signatures`."""
        with self._lock:
            self.flush()
            return sign(self._writer())

    def follow_up_refs(self, event_id: int) -> list[str]:
        """The entries about an event (acknowledgements, actions): what a sign-off concerns."""
        with self._lock:
            rows = self._writer().query(
                "SELECT id FROM event WHERE ref_id = ? AND kind != 'signoff' ORDER BY id",
                (event_id,))
        return [f"event:{r[0]}" for r in rows]

    def _require_admin(self, store: Store, by: str) -> None:
        if by == "setup":
            if rusers.users(store):
                raise rusers.NotAllowed("the record already has users; an admin adds others")
            return
        actor = rusers.get_user(store, by)
        if actor is None or not actor.active:
            raise rusers.NotAllowed(f"{by!r} is not an active user")
        rusers.require_role(actor, "admin")

    def add_user(self, login: str, full_name: str, role: str, password: str, *,
                 by: str) -> rusers.User:
        """Add a user; `by` is an admin's login, or "setup" for the first user."""
        with self._lock:
            store = self._writer()
            self._require_admin(store, by)
            return rusers.add_user(store, login, full_name, role, password, by=by)

    def set_password(self, login: str, password: str, *, by: str) -> None:
        with self._lock:
            store = self._writer()
            if by != login:  # everyone may change their own; an admin anyone's
                self._require_admin(store, by)
            rusers.set_password(store, login, password, by=by)

    def disable_user(self, login: str, *, by: str) -> None:
        with self._lock:
            store = self._writer()
            self._require_admin(store, by)
            if login == by:
                raise rusers.NotAllowed("an admin cannot disable their own account")
            rusers.disable(store, login, by=by)

    def unlock_user(self, login: str, *, by: str) -> None:
        with self._lock:
            store = self._writer()
            self._require_admin(store, by)
            rusers.unlock(store, login, by=by)

    # ------------------------------------------------------------------ limits
    def set_channel_alarm(self, key: str, alarm: dict, *, by: str,
                          reason: str) -> tuple[dict, dict]:
        """Change a channel's alarm limits (low/high/delay/hysteresis/stale_after) live.

        `by` must be an active manager or admin of the record. The site config is edited
        in place (comments kept), the change is recorded with old and new values
        (`config_change` "limit"), then the channel's alarm rule takes the new limits
        keeping its state: an alarm whose limit was removed is ended. Returns (old, new).
        Sector rules built from the channel at start keep their copy until a restart.
        """
        errs = check_alarm(f"channel '{key}'", alarm)
        if not errs and any(not math.isfinite(v) for v in alarm.values()):
            errs = [f"channel '{key}'.alarm: values must be finite numbers"]
        if errs:
            raise EngineError("; ".join(errs))
        if not reason.strip():
            raise EngineError("say why the limits change; the reason is recorded")
        with self._lock:
            store = self._writer()
            actor = rusers.get_user(store, by)
            if actor is None or not actor.active:
                raise rusers.NotAllowed(f"{by!r} is not an active user")
            rusers.require_role(actor, "manager", "admin")
            cc = next((c for c in self.config.channels if c.key == key), None)
            if cc is None:
                raise EngineError(f"unknown channel '{key}'")
            old = dict(cc.alarm)
            if old == alarm:
                return old, alarm
            path = self.config.path
            before = path.read_text(encoding="utf-8")
            # The file first, then the audit row: the record never says a limit changed
            # that the site config does not hold. If recording fails, the old text returns.
            _replace_text(path, site_config.set_channel_alarm(before, key, alarm))
            try:
                store.record_config_change("limit", key, old, alarm, by, reason)
            except BaseException:
                _replace_text(path, before)
                raise
            cc.alarm = dict(alarm)  # a new dict: readers see the old or the new one whole
            for ch in self.config.raw.get("channels", []):
                if isinstance(ch, dict) and ch.get("id") == key:
                    ch["alarm"] = dict(alarm)
            self._apply_alarm(cc, by)
        return old, alarm

    def _apply_alarm(self, cc, by: str) -> None:
        rule = next((r for r in self.rules if isinstance(r, ChannelAlarms)), None)
        if rule is None:
            return
        now = self.clock.now_ms()
        prev = rule.by_key.pop(cc.key, None)
        fresh = ChannelAlarm(cc.spec()) if cc.alarm else None
        if fresh is not None:
            if prev is not None:
                fresh.last_ts, fresh.lost = prev.last_ts, prev.lost and fresh.stale_ms is not None
                for lim in fresh.limits:
                    was = next((p for p in prev.limits if p.side == lim.side), None)
                    if was is not None:
                        lim.since, lim.active, lim.worst = was.since, was.active, was.worst
            else:
                fresh.start(now)
            rule.by_key[cc.key] = fresh
        kept = {lim.side for lim in fresh.limits} if fresh else set()
        events = []
        for was in prev.limits if prev else []:
            if was.active and was.side not in kept:
                events.append(NewEvent(
                    ts=now, kind="alarm.end", severity="info", channel=cc.key,
                    message=f"{cc.name}: {was.side} limit removed by {by}",
                    data={"side": was.side, "limit": was.limit, "worst": was.worst,
                          "why": "limit removed"}))
        if prev is not None and prev.lost and (fresh is None or fresh.stale_ms is None):
            events.append(NewEvent(
                ts=now, kind="sensor.restored", severity="info", channel=cc.key,
                message=f"{cc.name}: no-data alarm removed by {by}",
                data={"why": "stale_after removed"}))
        if events:
            self._record_events(events)

    # ------------------------------------------------------------------ devices
    def apply_devices(self, change, *, by: str, reason: str) -> SiteConfig:
        """Apply a checked `device_changes.DeviceChange` live; returns the new config.

        `by` must be an active manager or admin. The new config must load and its
        sources build before anything is written; then the file, then the audit row (old
        -> new, who, why), then the buses are swapped: what the old threads delivered is
        recorded first, their ports are closed, and the new sources start. Channels keep
        their ids (the store finds them by key), so history carries on across a sensor
        replacement; `device.*` events mark the change on each affected channel.
        """
        if not reason.strip():
            raise EngineError("say why the device changes; the reason is recorded")
        with self._lock:
            store = self._writer()
            actor = rusers.get_user(store, by)
            if actor is None or not actor.active:
                raise rusers.NotAllowed(f"{by!r} is not an active user")
            rusers.require_role(actor, "manager", "admin")
            cfg = site_config.parse(change.text, self.config.path, self.sectors)
            if self.clock.simulated and not cfg.all_simulated:
                raise EngineError("a simulated clock (--speed) needs every device simulated")
            try:
                sources = build_sources(cfg.devices, self.clock.now_ms(),
                                        profile_dirs=[profile_dir(self.root)])
            except HardwareConfigError as exc:
                raise EngineError(str(exc)) from exc
            units = {f"{p.device}.{p.point}": p.unit for s in sources for p in s.points()}
            missing = [c.key for c in cfg.channels if c.source_key not in units]
            if missing:
                for s in sources:
                    s.close()
                raise EngineError(f"channels {', '.join(missing)} name a point their device "
                                  "does not have")
            path = self.config.path
            before = path.read_text(encoding="utf-8")
            _replace_text(path, change.text)
            try:
                store.record_config_change("device_setting", change.device, change.old,
                                           change.new, by, reason)
            except BaseException:
                _replace_text(path, before)
                for s in sources:
                    s.close()
                raise
            old_threads, self._threads = self._threads, []
            _stop_buses(old_threads)
            for res in self._take(0):
                self._handle(res)
            for s in self.sources:
                try:
                    s.close()
                except Exception:
                    log.exception("closing source %s", s.name)
            self.sources, self.config = sources, cfg
            self._register_devices(cfg, units, by, reason)
            # the window changed the file: its new state is audited as this user's change
            config_audit.record_file_changes(store, cfg, by, reason)
            self._record_events(self._device_events(change, by, reason))
            if self._running and not self.inline:
                for s in self.sources:
                    self._start_bus(s)
        return cfg

    def _register_devices(self, cfg: SiteConfig, units: dict[str, str], by: str,
                          reason: str) -> None:
        store = self._writer()
        for d in cfg.devices:
            store.ensure_device(d["id"], d.get("name", d["id"]), d.get("profile", ""),
                                str(d.get("port", "")), d.get("unit"), user=by, reason=reason)
        old = {st.key: st for st in self.channels.values()}
        by_source = {c.source_key: c for c in cfg.channels}
        channels: dict[str, ChannelState] = {}
        for skey, unit in units.items():
            cc = by_source.get(skey)
            key, name = (cc.key, cc.name) if cc else (skey, skey)
            unit = (cc.unit or unit) if cc else unit
            cid = store.ensure_channel(key, name, unit, skey.split(".", 1)[0], user=by,
                                       reason=reason)
            st = ChannelState(key, cid, name, unit)
            if key in old:
                st.last_ts, st.last_value, st.last_quality = (
                    old[key].last_ts, old[key].last_value, old[key].last_quality)
            channels[skey] = st
        self.channels = channels
        for cc in cfg.channels:
            if cc.key not in old and cc.alarm:
                self._apply_alarm(cc, by)
        # a removed channel's alarm rule goes with it (an open alarm is ended, so no
        # "no data" alarm is raised for a channel nothing feeds any more)
        kept = {st.key for st in channels.values()}
        for key, st in old.items():
            if key not in kept:
                self._apply_alarm(site_config.ChannelConfig(key, "", "", st.name), by)

    def _device_events(self, change, by: str, reason: str) -> list[NewEvent]:
        now = self.clock.now_ms()
        chans = sorted(set((change.old or {}).get("channels", {}))
                       | set((change.new or {}).get("channels", {})))
        what = {"added": "added", "replaced": "replaced", "removed": "removed",
                "mapped": "remapped", "scaled": "rescaled"}[change.kind]
        desc = ""
        if change.new and change.new.get("profile"):
            n = change.new
            desc = f" → {n['profile']}" + (f" on {n['port']}" if n.get("port") else "") + (
                f" unit {n['unit']}" if n.get("unit") else "")
        msg = f"device {change.device} {what}{desc} by {by}: {reason}"
        data = {"old": change.old, "new": change.new, "reason": reason}
        kind = f"device.{change.kind}"
        return [NewEvent(ts=now, kind=kind, device=change.device, channel=c, user=by,
                         message=msg, data=data) for c in chans] or [
            NewEvent(ts=now, kind=kind, device=change.device, user=by, message=msg, data=data)]

    def _handle(self, res: PollResult) -> None:
        channels = self.channels
        buf = self._buffer
        for r in res.readings:
            st = channels.get(r.channel)
            if st is None:
                log.warning("reading for unknown point %s dropped", r.channel)
                continue
            buf.append((st.id, r.ts, r.value, int(r.quality)))
            if st.last_ts is None or r.ts >= st.last_ts:
                st.last_ts, st.last_value, st.last_quality = r.ts, r.value, int(r.quality)
        # Rules see readings under the channel keys of the config.
        keyed = [Reading(channels[r.channel].key, r.ts, r.value, r.quality)
                 for r in res.readings if r.channel in channels]
        if self._listeners:  # held for them only: a headless logger would grow forever
            self._pending_readings.extend(keyed)
        events = [NewEvent(ts=e.ts, kind=f"device.{e.kind}",
                           severity="alarm" if e.kind == "lost" else "info",
                           device=e.device, message=e.message, data=e.data)
                  for e in res.events]
        for e in res.events:
            if e.kind == "lost":
                self.devices_lost.add(e.device)
            elif e.kind == "restored":
                self.devices_lost.discard(e.device)
        events.extend(self._feed(keyed))
        if events:
            self._record_events(events)

    def _tick(self, now: int) -> None:
        events: list[NewEvent] = []
        for rule in self.rules:
            events.extend(rule.tick(now))
        if events:
            self._record_events(events)
        elif self._listeners and self._pending_readings:
            self._notify([])

    def _record_events(self, events: list[NewEvent]) -> None:
        # Held behind the readings that led to them (written first, so the record never
        # holds an alarm whose cause is missing); while the record fails they wait in memory.
        events.sort(key=lambda e: e.ts)
        self._held_events.extend(events)
        self._write_out(strict=False)
        self._notify(events)

    def _track_open(self, ev: NewEvent, eid: int | None = None) -> None:
        """Keep the open incidents (any sector's, from the declared kinds) up to date.

        `open_alarms` keeps its v1 shape for the status line: (channel, side) for limit
        alarms, (channel, "lost") for silent sensors, (who, kind) for a sector's kinds.
        """
        kinds = self.kinds
        decl = kinds.get(ev.kind)
        if decl is None:
            return
        if decl.step == "verify" and ev.ref_id in self._open_ids:
            key = self._open_ids.pop(ev.ref_id)
            if self.open_incidents.pop(key, None) is not None:
                self.open_alarms.pop(self._alarm_key(key), None)
            return
        opener = decl if decl.role == "opens" else kinds.get(decl.closes_kind or "")
        if opener is None or decl.role == "neither" or opener.kind.startswith("device."):
            return  # devices: `devices_lost`
        key = incident_key(opener, ev)
        if decl.role == "opens" and opener.until == "verified":
            key = (*key, "#", eid)  # each one is verified on its own
            self._open_ids[eid] = key
        if decl.role == "opens":
            self.open_incidents.setdefault(key, ev.ts)
            self.open_alarms.setdefault(self._alarm_key(key), ev.ts)
        elif opener.until == "closed" and self.open_incidents.pop(key, None) is not None:
            self.open_alarms.pop(self._alarm_key(key), None)

    @staticmethod
    def _alarm_key(key: tuple) -> tuple[str, str]:
        kind, who = key[0], key[1]
        if kind == "alarm.start":
            return (who, key[2])
        if kind == "sensor.lost":
            return (who, "lost")
        return (who, f"{kind}#{key[-1]}" if "#" in key else kind)

    def _notify(self, events: list[NewEvent]) -> None:
        readings, self._pending_readings = self._pending_readings, []
        for fn in self._listeners:
            try:
                fn(readings, events)
            except Exception:
                log.exception("engine listener failed")

    def _maybe_flush(self) -> None:
        if self._held_events or len(self._buffer) >= self.batch_rows or (
                self._buffer and time.monotonic() - self._last_flush >= self.flush_seconds):
            self._write_out(strict=False)

    def flush(self) -> None:
        """Write everything held now. On a store error it stays held and this re-raises."""
        self._write_out(strict=True)

    def _write_out(self, strict: bool) -> None:
        """Write held readings, then held events; on failure keep them and back off.

        Not strict (the run loop): errors are absorbed, tries wait for the backoff, and the
        start and end of an outage are one log line and one incident event each. Strict
        (before a manual entry, at close): try now and re-raise, so the caller knows.
        """
        h = self._health
        if self.store is None or not (strict or h.may_try()):
            self._buffer = h.trim(self._buffer)
            h.held(len(self._buffer))
            return
        held_readings, held_events = len(self._buffer), len(self._held_events)
        try:
            if self._buffer or self._held_events:
                self._check_record_file()
            self._flush_readings()
            if h.outage is not None and not self._incident_written:
                self.store.append_event(_outage_event(h.outage, held_readings, held_events))
                self._incident_written = True
                self.events_written += 1
            while self._held_events:
                ev = self._held_events[0]
                eid = self.store.append_event(ev)
                del self._held_events[0]
                self.events_written += 1
                # tracked once written: a verification points at the opener's row id
                self._track_open(ev, eid)
            if h.outage is not None:
                self.store.append_event(NewEvent(
                    ts=self.clock.now_ms(), kind="system.write_restored", severity="info",
                    message="the record takes writes again; every held reading and event "
                            "was written", data={"since_ms": h.outage.since_ms}))
                self.events_written += 1
        except (StoreError, OSError) as exc:
            if h.failed(exc, self.clock.now_ms()):
                safe_log(log, logging.WARNING,
                         "cannot write the record (%s); holding readings and events in "
                         "memory and retrying", h.error)
            self._buffer = h.trim(self._buffer)
            h.held(len(self._buffer))
            if strict:
                raise
            return
        out = h.recovered()
        self._incident_written = False
        if out is not None:
            safe_log(log, logging.WARNING,
                     "the record takes writes again after %d failed tries; wrote %d held "
                     "readings and %d events (%d readings dropped)",
                     out.failures, held_readings, held_events, out.dropped)

    def _check_record_file(self) -> None:
        """SQLite goes on "writing" into a deleted file, lost at close: while the record's
        file is gone nothing is written (the readings stay held); when a file is back at
        its path (a data dir remounted or put back) it is reopened there, but only if it is
        this record and not behind what this logger wrote (else: still held, and said)."""
        path = self.store.path
        now_id = _file_identity(path)
        if now_id is None:
            raise OSError(errno.ENOENT, f"the record {path} is gone (data dir removed or "
                          "unmounted); readings are held in memory until it is back")
        if now_id == self._store_file:
            return
        old = self.store
        try:
            seen, key_id = old.heads()["seq"], old.get_meta("chain_key_id")
        except (StoreError, sqlite3.Error, OSError):
            seen, key_id = 0, None
        try:
            new = Store.open_writer(path, anchors=[
                *self._anchors(), ("this logger, before its record's file vanished", seen)])
        except RecordBehind as exc:
            raise OSError(errno.ESTALE, f"a file came back at {path} but it is not the "
                          f"record this logger was writing: {exc}; readings are held") from exc
        if key_id and new.get_meta("chain_key_id") != key_id:
            new.close()
            raise OSError(errno.ESTALE, f"another record is at {path} (a different chain "
                          "key); nothing is written into it, readings are held")
        try:
            old.close()
        except (StoreError, sqlite3.Error, OSError):
            log.warning("closing the vanished record failed", exc_info=True)
        self.store, self._store_file = new, _file_identity(path)
        log.warning("the record is back at %s and was reopened", path)

    def _flush_readings(self) -> None:
        if not self._buffer or self.store is None:
            self._last_flush = time.monotonic()
            return
        batch = self._buffer
        for k in range(0, len(batch), self.batch_rows):
            part = batch[k:k + self.batch_rows]
            try:
                res = self.store.append_readings(part)
            except StoreError:
                self._buffer = batch[k:]
                raise
            self.readings_written += res.inserted
        self._buffer = []
        self._last_flush = time.monotonic()

    def status(self) -> EngineStatus:
        return EngineStatus(self.clock.now_ms(), self.readings_written, self.events_written,
                            len(self._buffer), dict(self.open_alarms), set(self.devices_lost),
                            len(self._held_events), self._health.dropped_total,
                            self._health.error)


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the record's file, or None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _outage_event(out, held_readings: int, held_events: int) -> NewEvent:
    """The incident for a spell of failed writes, recorded once writing works again."""
    return NewEvent(
        ts=out.since_ms, kind="system.write_failed", severity="alarm",
        message=f"the record could not be written ({out.error}); readings and events were "
                f"held in memory and written later",
        data={"error": out.error, "failures": out.failures, "held_readings": held_readings,
              "held_events": held_events, "max_held_readings": max(out.max_held, held_readings),
              "dropped_readings": out.dropped})


def _stop_buses(threads: list[_BusThread]) -> None:
    for t in threads:
        t.stop_event.set()
    for t in threads:
        t.join(timeout=10)


def _replace_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (a temp file beside it, then rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
