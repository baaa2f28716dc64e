"""`deungdae` with no command: open the window, loading nothing else before it paints.

The other command modules import the engine, the record and the devices; the window
imports them itself once its first frame is on screen (desktop.ui.app). Without a display
this hands over to `site_commands.cmd_gui`, which says so and logs headless.
"""

from __future__ import annotations

import argparse

from deungdae.desktop.paths import data_dir


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """No subcommand of its own: it is what runs when none is given."""


def cmd_gui(args: argparse.Namespace) -> int:
    root = data_dir(args.data_dir)
    from deungdae.desktop.ui.app import has_display

    if has_display():
        from deungdae.desktop.ui.app import run_gui

        return run_gui(root)
    from deungdae.desktop.cli import site_commands

    return site_commands.cmd_gui(args)
