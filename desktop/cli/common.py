"""What every command shares: exit codes, logging to the data dir, time parsing."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import math
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.desktop.paths import LOG_DIR, data_dir

EXIT_CONFIG = 2
EXIT_STORE = 3


class CliError(Exception):
    """A bad argument or path given on the command line; `main` prints it as one line."""


class _OneLine(logging.Formatter):
    """Console lines without tracebacks: the floor sees one line, the log file the detail."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage().splitlines()[0] if record.getMessage() else ""
        line = f"{record.levelname} {record.name}: {text}"
        return line + " (details in the log)" if record.exc_info or record.stack_info else line


def number_arg(low: float, high: float, what: str):
    """An argparse type: a finite number with low < value <= high, else one clear line."""
    def parse(text: str) -> float:
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
        if not math.isfinite(v) or not low < v <= high:
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
        return v
    return parse


def writable_output(path: str | Path) -> Path:
    """`path` if a file can be written there, else CliError saying why (missing folder...)."""
    p = Path(path)
    if not p.parent.is_dir():
        raise CliError(f"cannot write {p}: the folder {p.parent} does not exist")
    if p.is_dir():
        raise CliError(f"cannot write {p}: it is a folder; give a file name")
    return p


def open_output(path: str | Path, mode: str = "w", **kw):
    """Open a file to write, or raise CliError saying why it cannot be (missing folder...)."""
    p = writable_output(path)
    try:
        return open(p, mode, **kw)  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise CliError(f"cannot write {p}: {exc.strerror or exc}") from exc


def setup_logging(args: argparse.Namespace) -> None:
    """Log to a rotating file in the data dir (if writable) and warnings to stderr."""
    level = logging.DEBUG if args.verbose >= 2 else logging.INFO
    root = logging.getLogger()
    root.setLevel(level)
    # pymodbus logs every timeout at ERROR; our pollers turn those into quality flags and
    # device events, so its own chatter only shows with -vv.
    logging.getLogger("pymodbus").setLevel(logging.DEBUG if args.verbose >= 2 else
                                           logging.CRITICAL)
    console = logging.StreamHandler()
    console.setLevel(logging.INFO if args.verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s")
                         if args.verbose >= 2 else _OneLine())
    root.addHandler(console)
    root_dir = data_dir(args.data_dir)
    if not root_dir.is_dir():
        return  # no site yet: do not create a data dir just to hold a log
    try:
        folder = root_dir / LOG_DIR
        folder.mkdir(parents=True, exist_ok=True)
        fh = logging.handlers.RotatingFileHandler(
            folder / "deungdae.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return  # an unwritable data dir is reported by the command that needs it
    fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    fh.setLevel(level)
    root.addHandler(fh)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_time(text: str, tz: ZoneInfo, *, end_of_day: bool = False) -> int:
    """ISO 8601 date or datetime -> UTC ms. Naive times are in the site's time zone.

    A bare date means the start of that day, or with `end_of_day` the start of the next
    (so `--to 2026-11-25` includes the whole 25th).
    """
    text = text.strip()
    try:
        return _parse_time(text, tz, end_of_day)
    except (OverflowError, OSError) as exc:  # year 9999 + a day, or beyond the platform
        raise argparse.ArgumentTypeError(
            f"'{text}' is out of the range of dates a record can hold (years 1 to 9999, "
            "the last day excluded as an end)") from exc


def _parse_time(text: str, tz: ZoneInfo, end_of_day: bool) -> int:
    try:
        if _DATE.match(text):
            d = date.fromisoformat(text)
            if end_of_day:
                d += timedelta(days=1)
            dt = datetime.combine(d, time(0), tzinfo=tz)
        else:
            dt = datetime.fromisoformat(text.replace(" ", "T", 1))
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=tz)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date or time; use e.g. 2026-11-25 or 2026-11-25T08:30 "
            "or 2026-11-25T08:30+09:00") from exc
    return int(dt.timestamp() * 1000)


def format_time(ts_ms: int, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(ts_ms / 1000, tz).isoformat(timespec="milliseconds")


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def files_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")
               if p.is_file() and not p.name.endswith(".lock"))
