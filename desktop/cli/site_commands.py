"""Commands that set up a site, run the logger and read the record back."""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from deungdae.desktop.cli.common import (
    EXIT_CONFIG,
    files_size,
    format_time,
    human_bytes,
    number_arg,
    open_output,
    parse_time,
)
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine, EngineStatus
from deungdae.desktop.engine.replay import Replay, replay_clock
from deungdae.desktop.engine.write_buffer import quiet_logging_errors
from deungdae.desktop.paths import config_path, data_dir, db_path
from deungdae.desktop.plant_files import site_templates
from deungdae.hardware.clock import RealClock
from deungdae.hardware.reading import Quality
from deungdae.records.errors import StoreUnavailable
from deungdae.records.store import Store
from deungdae.sectors.api.incidents import open_incidents
from deungdae.sectors.contract import discover, event_kinds


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="write a site config from a template")
    p.add_argument("--template", required=True, help="template name (see `deungdae templates`)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing site config (the record is kept)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("templates", help="list site templates and their sector")
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("run", help="run the logger")
    p.add_argument("--headless", action="store_true", help="no window: log in this terminal")
    _run_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("demo", help="set up the demo site (temporary dir unless --data-dir) "
                                    "and run it on simulated devices")
    _run_options(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("export", help="export readings of a channel as CSV")
    p.add_argument("--channel", required=True, help="channel id (see `deungdae status`)")
    p.add_argument("--from", dest="t_from", required=True, help="start: date or datetime")
    p.add_argument("--to", dest="t_to", required=True,
                   help="end (exclusive; a bare date includes that whole day)")
    p.add_argument("--format", choices=["csv"], default="csv")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("status", help="data dir, database size, channels, open alarms")
    p.set_defaults(func=cmd_status)


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--for", dest="seconds", metavar="SECONDS",
                   type=number_arg(0, 10 * 365 * 86400, "seconds > 0 (at most ten years)"),
                   help="stop after this much (clock) time")
    p.add_argument("--speed", default=None,
                   type=number_arg(0, 1_000_000, "a speed-up > 0 and at most 1000000"),
                   help="replay plant time N times faster, ending at now at most: the --for span before now (or a day), never before what is recorded (only with every device simulated)")


# ---------------------------------------------------------------------- init, templates
def cmd_templates(args: argparse.Namespace) -> int:
    templates = site_templates(data_dir(args.data_dir))
    width = max((len(n) for n in templates), default=8)
    for name, t in sorted(templates.items()):
        print(f"{name:<{width}}  {t.sector:<14}  {t.title}")
    return 0


def init_site(root: Path, template: str, force: bool = False) -> Path:
    sectors = discover()
    templates = site_templates(root, sectors)
    if template not in templates:
        known = ", ".join(sorted(templates)) or "none installed"
        raise site_config.ConfigError(f"unknown template '{template}'; known templates: {known}")
    target = config_path(root)
    if target.exists() and not force:
        raise site_config.ConfigError(
            f"{target} already exists; use --force to replace it (the record is kept)")
    text = templates[template].text()
    cfg = site_config.parse(text, target, sectors)  # a broken template must not be written
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".toml.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise StoreUnavailable(f"cannot write to data dir {root}: {exc}") from exc
    with Store.open_writer(db_path(root)) as store:
        store.set_site(cfg.name, cfg.timezone)
    return target


def cmd_init(args: argparse.Namespace) -> int:
    root = data_dir(args.data_dir)
    target = init_site(root, args.template, args.force)
    print(f"wrote {target} from template '{args.template}'")
    print(f"start logging with: deungdae run --headless --data-dir {root}")
    return 0


# ---------------------------------------------------------------------- run, demo
def _status_line(st: EngineStatus, tz) -> str:
    clock = format_time(st.now_ms, tz)[:19].replace("T", " ")
    alarms = len(st.open_alarms)
    lost = f" · devices lost: {', '.join(sorted(st.devices_lost))}" if st.devices_lost else ""
    held = (f" · NOT WRITING ({st.write_error}): holding {st.buffered:,} readings and "
            f"{st.held_events:,} events, retrying" if st.write_error else "")
    dropped = f" · {st.dropped:,} readings dropped (buffer full)" if st.dropped else ""
    return (f"{clock}  recording · {st.readings_written:,} readings · "
            f"{st.events_written:,} events · {alarms} open alarm{'s' if alarms != 1 else ''}"
            f"{lost}{held}{dropped}")


def run_site(root: Path, seconds: float | None, speed: float | None, out=None) -> int:
    out = out or sys.stdout
    sectors = discover()
    cfg = site_config.load(config_path(root), sectors)
    replay = None if speed is None else replay_clock(db_path(root), speed, seconds)
    clock = RealClock() if replay is None else replay.clock
    engine = Engine(root, cfg, clock, sectors)
    engine.open()
    quiet_logging_errors()  # a full disk under the log must not print a traceback per line
    tty = out.isatty()

    def on_status(st: EngineStatus) -> None:
        line = _status_line(st, cfg.tz)
        print(("\r" + line) if tty else line, end="" if tty else "\n", file=out, flush=True)

    previous = {}

    def _stop(signum, frame):
        engine.stop()

    for sig in (signal.SIGINT, signal.SIGTERM):
        # Outside the main thread (tests) signal handling stays as it is.
        with contextlib.suppress(ValueError):
            previous[sig] = signal.signal(sig, _stop)
    # Printed once Ctrl-C/SIGTERM are handled: a script (or test) may signal right after it.
    print(f"recording {len(engine.channels)} channels of '{cfg.name}' into {db_path(root)}"
          + (_replay_note(replay, cfg.tz) if replay else "") + "; Ctrl-C stops",
          file=out, flush=True)
    try:
        engine.run(seconds, on_status=on_status, status_every=1.0 if tty else 10.0)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if tty:
        print(file=out)
    print(f"stopped: {engine.readings_written:,} readings and {engine.events_written:,} events "
          "written", file=out, flush=True)
    return 0


def _replay_note(replay: Replay, tz) -> str:
    start = format_time(replay.start_ms, tz)[:19]
    if replay.caught_up:
        return (f" from {start}: the record already reaches now, so it records in real time "
                "(a simulated run never writes the future)")
    return f" at {replay.clock.speed:g}x speed from {start}, up to now at most"


def _gui(root: Path, seconds: float | None = None, speed: float | None = None) -> int | None:
    """Open the window if there is a display; None (and a note) when there is none."""
    from deungdae.desktop.ui.app import has_display

    if not has_display():
        print("no display (DISPLAY/WAYLAND_DISPLAY not set): running the headless logger",
              file=sys.stderr)
        return None
    from deungdae.desktop.ui.app import run_gui

    return run_gui(root, speed=speed, seconds=seconds)


def cmd_gui(args: argparse.Namespace) -> int:
    root = data_dir(args.data_dir)
    code = _gui(root)
    if code is not None:
        return code
    if not config_path(root).exists():
        print(f"no site set up in {root}: run `deungdae init --template NAME` "
              "(see `deungdae templates`) or `deungdae --help`", file=sys.stderr)
        return EXIT_CONFIG
    return run_site(root, None, None)


def cmd_run(args: argparse.Namespace) -> int:
    root = data_dir(args.data_dir)
    if not args.headless:
        code = _gui(root, args.seconds, args.speed)
        if code is not None:
            return code
    return run_site(root, args.seconds, args.speed)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.data_dir:
        root = data_dir(args.data_dir)
    else:
        root = Path(tempfile.mkdtemp(prefix="deungdae-demo-"))
    if not config_path(root).exists():
        init_site(root, "demo")
        print(f"demo site set up in {root}")
    code = _gui(root, args.seconds, args.speed)
    if code is not None:
        return code
    return run_site(root, args.seconds, args.speed)


# ---------------------------------------------------------------------- export, status
def quality_text(q: int) -> str:
    if q == 0:
        return "good"
    return "|".join(f.name.lower() for f in Quality if f and q & f)


def cmd_export(args: argparse.Namespace) -> int:
    root = data_dir(args.data_dir)
    cfg = site_config.load(config_path(root))
    tz = cfg.tz
    try:
        t0 = parse_time(args.t_from, tz)
        t1 = parse_time(args.t_to, tz, end_of_day=True)
    except argparse.ArgumentTypeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if t1 <= t0:
        print("error: --to must be after --from", file=sys.stderr)
        return EXIT_CONFIG
    with Store.open_reader(db_path(root)) as store:
        chans = {c.key: c for c in store.channels()}
        if args.channel not in chans:
            print(f"error: unknown channel '{args.channel}'; channels: "
                  f"{', '.join(sorted(chans)) or 'none yet'}", file=sys.stderr)
            return EXIT_CONFIG
        ch = chans[args.channel]
        fh = (open_output(args.output, "w", newline="", encoding="utf-8")
              if args.output else sys.stdout)
        try:
            w = csv.writer(fh)
            w.writerow(["time", "value", "unit", "quality", "channel"])
            n = 0
            cursor = t0
            show = args.output is not None and sys.stderr.isatty()
            while True:
                rows = store.readings(ch.id, cursor, t1, limit=50_000)
                for ts, v, q in rows:
                    w.writerow([format_time(ts, tz), "" if v is None else repr(v), ch.unit,
                                quality_text(q), ch.key])
                n += len(rows)
                if show:
                    print(f"\rexported {n:,} rows", end="", file=sys.stderr, flush=True)
                if len(rows) < 50_000:
                    break
                cursor = rows[-1][0] + 1
        finally:
            if args.output:
                fh.close()
    if args.output:
        print(f"{'' if not show else chr(10)}wrote {n:,} readings to {args.output}",
              file=sys.stderr)
    return 0


def open_alarms(store: Store) -> dict[tuple[str, str], tuple[int, str]]:
    """Open incidents of every sector (alarms, lost sensors and devices, unverified CCP
    deviations, ...) from the event record, through the one lifecycle (`incidents`)."""
    kinds = event_kinds(discover())
    rows = store.events(kinds=kinds.incident_kinds(), limit=1_000_000)
    open_: dict[tuple[str, str], tuple[int, str]] = {}
    for inc in open_incidents(rows, kinds):
        key = (inc.subject, inc.tag)
        if key in open_:  # several unverified deviations of one CCP: each is listed
            key = (inc.subject, f"{inc.tag}#{inc.id}")
        open_[key] = (inc.opened.ts, inc.opened.message)
    return open_


def cmd_status(args: argparse.Namespace) -> int:
    root = data_dir(args.data_dir)
    print(f"data dir   : {root}")
    cfg_file = config_path(root)
    tz = None
    if cfg_file.exists():
        cfg = site_config.load(cfg_file)
        tz = cfg.tz
        print(f"site       : {cfg.name} ({cfg.timezone}); sectors: "
              f"{', '.join(cfg.sectors) or 'none'}")
    else:
        print("site       : not set up (run `deungdae init --template NAME`)")
    db = db_path(root)
    if not db.exists():
        print("record     : none yet")
        return 0
    with Store.open_reader(db) as store:
        if tz is None:
            from zoneinfo import ZoneInfo

            tz = ZoneInfo(store.site()[1] if store.site() else "UTC")
        print(f"database   : {db} ({human_bytes(files_size(db))}, "
              f"{store.count_readings():,} readings)")
        chans = store.channels()
        print(f"channels   : {len(chans)}")
        now = time.time() * 1000
        for c in chans:
            last = store.latest(c.id)
            if last is None:
                print(f"  {c.key:<28} no readings yet")
                continue
            ts, v, q = last
            age = (now - ts) / 1000
            val = "—" if v is None else f"{v:g} {c.unit}"
            print(f"  {c.key:<28} {val:<14} {format_time(ts, tz)[:19]}  "
                  f"({_age(age)} ago, {quality_text(q)})")
        alarms = open_alarms(store)
        print(f"open alarms: {len(alarms)}")
        for (who, side), (ts, msg) in sorted(alarms.items(), key=lambda kv: kv[1][0]):
            print(f"  {format_time(ts, tz)[:19]}  {who} [{side}] {msg}")
    return 0


def _age(seconds: float) -> str:
    if seconds < 0:
        return "0 s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:.0f} d"
