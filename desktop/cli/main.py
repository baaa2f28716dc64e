"""`deungdae` command line: set up a site, run the logger, look at and export the record."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib.metadata import PackageNotFoundError, version

from desktop.cli import (
    hardware_commands,
    record_commands,
    report_commands,
    site_commands,
    sync_commands,
)
from desktop.cli.common import EXIT_CONFIG, EXIT_STORE, setup_logging
from desktop.engine.config import ConfigError
from desktop.engine.engine import EngineError
from hardware.source import ConfigError as DeviceConfigError
from records.errors import StoreError

# Modules that add subcommands; each has `add_parsers(subparsers)`.
COMMAND_MODULES = [site_commands, hardware_commands, record_commands, report_commands,
                   sync_commands]


def _version() -> str:
    try:
        return version("deungdae")
    except PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="data dir (default: $DEUNGDAE_HOME, else the user data dir)")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                        help="more detail in the log (-vv for debug)")
    ap = argparse.ArgumentParser(
        prog="deungdae", parents=[common],
        description="Deungdae (등대): offline-first smart-factory logger for small plants.")
    ap.add_argument("--version", action="version", version=f"deungdae {_version()}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_parsers(sub)
    # Every subcommand accepts the common options after its name too.
    for p in sub.choices.values():
        _add_common(p)
    return ap


def _add_common(p: argparse.ArgumentParser) -> None:
    if not any("--data-dir" in a.option_strings for a in p._actions):
        p.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                       help=argparse.SUPPRESS)
    sub_actions = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    for a in sub_actions:
        for child in a.choices.values():
            _add_common(child)


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    args.verbose = getattr(args, "verbose", 0) or 0
    if not getattr(args, "func", None):
        args.func = site_commands.cmd_gui  # no command: open the window (or log headless)
    setup_logging(args)
    try:
        return int(args.func(args) or 0)
    except (ConfigError, DeviceConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except (StoreError, EngineError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STORE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one clear line, details in the log
        logging.getLogger("deungdae").exception("unexpected error")
        print(f"error: {exc.__class__.__name__}: {exc} (details in the log)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

