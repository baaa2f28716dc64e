"""The headless logger as a Windows service (`deungdae-service.exe`, Windows bundle only).

The Windows installer's "record even when nobody is logged in" task registers this
executable with the service manager (automatic start, restart on failure). It runs the
same engine as `deungdae run --headless` on the data dir given after `--data-dir` in the
service's command line (the machine-wide data dir the installer set up), logs to that data
dir's logs/ and to the Windows event log, and stops cleanly (flushing every reading) when
the service manager asks. Requires pywin32 (the `[bundle]` extra on Windows).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import servicemanager
import win32event
import win32service
import win32serviceutil

DATA_DIR: Path | None = None


class DeungdaeLogger(win32serviceutil.ServiceFramework):
    _svc_name_ = "DeungdaeLogger"
    _svc_display_name_ = "Deungdae logger (등대 기록기)"
    _svc_description_ = ("Records the plant's devices into the Deungdae record even when "
                         "nobody is logged in (deungdae run --headless).")

    def __init__(self, args) -> None:
        super().__init__(args)
        self.stop_event = win32event.CreateEvent(None, 0, 0, None)
        self.engine = None

    def SvcStop(self) -> None:  # noqa: N802 (pywin32 API)
        self.ReportServiceStatus(win32service.SERVICE_STOP_PENDING)
        if self.engine is not None:
            self.engine.stop()  # run() flushes everything before it returns
        win32event.SetEvent(self.stop_event)

    def SvcDoRun(self) -> None:  # noqa: N802 (pywin32 API)
        from deungdae.desktop.cli.common import setup_logging
        from deungdae.desktop.engine import config as site_config
        from deungdae.desktop.engine.engine import Engine
        from deungdae.desktop.paths import config_path, data_dir
        from deungdae.hardware.clock import RealClock
        from deungdae.sectors.contract import discover

        root = data_dir(DATA_DIR)
        setup_logging(argparse.Namespace(data_dir=str(root), verbose=0))
        servicemanager.LogInfoMsg(f"Deungdae logger recording into {root}")
        sectors = discover()
        cfg = site_config.load(config_path(root), sectors)
        self.engine = Engine(root, cfg, RealClock(), sectors)
        self.engine.open()
        self.engine.run()
        servicemanager.LogInfoMsg("Deungdae logger stopped; everything was flushed")


def main(argv: list[str]) -> int:
    global DATA_DIR
    if len(argv) >= 3 and argv[1] == "--data-dir":
        DATA_DIR = Path(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) == 1:  # started by the service manager
        servicemanager.Initialize()
        servicemanager.PrepareToHostSingle(DeungdaeLogger)
        servicemanager.StartServiceCtrlDispatcher()
        return 0
    win32serviceutil.HandleCommandLine(DeungdaeLogger, argv=argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
