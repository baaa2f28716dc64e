"""`deungdae` command line: set up a site, run the logger, look at and export the record."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType

from deungdae.desktop.cli.common import EXIT_CONFIG, EXIT_STORE, setup_logging

# Modules that add subcommands; each has `add_parsers(subparsers)`. Imported when a
# parser is built, so `deungdae sync` (which may run for hours beside the logger) loads
# only the sync command's code, not the engine, devices and reports.
COMMAND_MODULE_NAMES = ["deungdae.desktop.cli.site_commands", "deungdae.desktop.cli.hardware_commands",
                        "deungdae.desktop.cli.record_commands", "deungdae.desktop.cli.report_commands",
                        "deungdae.desktop.cli.sync_commands", "deungdae.desktop.cli.selftest_command",
                        "deungdae.desktop.cli.device_commands", "deungdae.desktop.cli.audit_commands"]
# Commands that need only their own module: {command: module}.
_LIGHT_COMMANDS = {"sync": "deungdae.desktop.cli.sync_commands",
                   "register": "deungdae.desktop.cli.sync_commands",
                   "self-test": "deungdae.desktop.cli.selftest_command"}
_NO_COMMAND = "deungdae.desktop.cli.window_command"
# Errors shown as one line, by (module, class name, exit code). Looked up only in modules
# already imported: an error of a module that was never loaded cannot have been raised.
_KNOWN_ERRORS = [("deungdae.desktop.engine.config", "ConfigError", EXIT_CONFIG),
                 ("deungdae.desktop.cli.common", "CliError", EXIT_CONFIG),
                 ("deungdae.hardware.source", "ConfigError", EXIT_CONFIG),
                 ("deungdae.records.errors", "StoreError", EXIT_STORE),
                 ("deungdae.desktop.engine.engine", "EngineError", EXIT_STORE)]


def _version() -> str:
    try:
        return version("deungdae")
    except PackageNotFoundError:
        return "0+unknown"


def _command_modules(names: list[str] | None = None) -> list[ModuleType]:
    return [importlib.import_module(n) for n in (names or COMMAND_MODULE_NAMES)]


def _light_command(argv: list[str]) -> str | None:
    """The module of the command in `argv` when it needs no other, else None."""
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--data-dir":
            i += 2
            continue
        if a.startswith("-"):
            if a in ("-h", "--help", "--version"):
                return None
            i += 1
            continue
        return _LIGHT_COMMANDS.get(a)
    return _NO_COMMAND  # the window: nothing else is loaded before it paints


def build_parser(module_names: list[str] | None = None) -> argparse.ArgumentParser:
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
    for module in _command_modules(module_names):
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


def _known_error(exc: BaseException) -> int | None:
    for module, name, code in _KNOWN_ERRORS:
        mod = sys.modules.get(module)
        kind = getattr(mod, name, None) if mod is not None else None
        if isinstance(kind, type) and isinstance(exc, kind):
            return code
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    light = _light_command(argv)
    ap = build_parser([light] if light else None)
    args = ap.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    args.verbose = getattr(args, "verbose", 0) or 0
    if not getattr(args, "func", None):
        # no command: open the window (or log headless)
        args.func = importlib.import_module(_NO_COMMAND).cmd_gui
    setup_logging(args)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        code = _known_error(exc)
        if code is not None:
            print(f"error: {exc}", file=sys.stderr)
            return code
        # last resort: one clear line, details in the log
        logging.getLogger("deungdae").exception("unexpected error")
        print(f"error: {exc.__class__.__name__}: {exc} (details in the log)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

