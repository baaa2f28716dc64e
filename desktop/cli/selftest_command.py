"""`deungdae self-test`: does this installation work here, on this computer?

Run after installing (and by `make bundle` on the built bundle, from outside the checkout
with no venv on PATH): each check prints one line, `ok` or `FAIL` with the reason, and
the command exits 0 only if every check passed. Nothing of the plant's record is touched:
the record checks run on a temporary data dir that is removed afterwards; only a small
probe file is written to (and removed from) the real data dir to show it is writable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from deungdae.desktop.paths import data_dir

TEMPLATE = "haccp-bakery"  # a template with a sector, its rules and its PDF reports


class CheckFailed(Exception):
    pass


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("self-test", help="check this installation: window, translations, "
                       "font, record, PDF, serial/Modbus, data dir; exit 0 if all pass")
    p.add_argument("--keep", action="store_true",
                   help="keep the temporary data dir and print where it is")
    p.set_defaults(func=cmd_self_test)


class SelfTest:
    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.work = work
        self.site = work / "site"

    # ------------------------------------------------------------------ checks
    def data_dir_writable(self) -> str:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".self-test-{os.getpid()}"
            probe.write_bytes(b"deungdae")
            ok = probe.read_bytes() == b"deungdae"
            probe.unlink()
        except OSError as exc:
            raise CheckFailed(f"{self.root}: {exc}") from exc
        if not ok:
            raise CheckFailed(f"{self.root}: what was written did not read back")
        return str(self.root)

    def record(self) -> str:
        from deungdae.desktop.cli.site_commands import init_site, run_site
        from deungdae.records.audit import verify_database

        init_site(self.site, TEMPLATE)
        with open(os.devnull, "w", encoding="utf-8") as quiet:
            run_site(self.site, 120, 240, out=quiet)  # two simulated minutes in 0.5 s
        report = verify_database(self.site / "deungdae.db", self.site)
        if not report.ok:
            raise CheckFailed("; ".join(str(p) for p in report.problems[:3]))
        if report.readings == 0:
            raise CheckFailed("no readings were recorded")
        return f"{report.readings:,} readings and {report.entries} entries sealed, chain verified"

    def font(self) -> str:
        from deungdae.sectors.report_fonts import FontMissing, korean_font

        try:
            return str(korean_font().path)
        except FontMissing as exc:
            raise CheckFailed(str(exc)) from exc

    def pdf(self) -> str:
        from deungdae.desktop.engine import config as site_config
        from deungdae.records.store import Store
        from deungdae.sectors.contract import discover

        sectors = discover()
        cfg = site_config.load(self.site / "site.toml", sectors)
        reports = [r for s in sectors.values() for r in getattr(s, "reports", list)()
                   if "pdf" in r.formats and r.period == "day"]
        if not reports:
            raise CheckFailed(f"no sector offers a daily PDF report (sectors: "
                              f"{', '.join(sectors) or 'none installed'})")
        rep = reports[0]
        start = datetime.now(cfg.tz).replace(hour=0, minute=0, second=0, microsecond=0)
        out = self.work / f"{rep.name}.pdf"
        with Store.open_reader(self.site / "deungdae.db") as store:
            rep.render(store, cfg.raw, start, start + timedelta(days=1), out,
                       (True, "자체 점검 (self-test)"))
        data = out.read_bytes()
        if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
            raise CheckFailed(f"{out.name} is not a PDF with an embedded TrueType font")
        return f"{rep.name}, {len(data) / 1024:.0f} KB, Korean font embedded"

    def serial_modbus(self) -> str:
        import pymodbus
        import serial
        from pymodbus.client import ModbusSerialClient, ModbusTcpClient  # noqa: F401
        from pymodbus.framer import FramerType
        from serial.tools import list_ports

        port = serial.serial_for_url("loop://", timeout=1)
        try:
            port.write(b"\x01\x04\x00\x00\x00\x02")
            echoed = port.read(6)
        finally:
            port.close()
        if echoed != b"\x01\x04\x00\x00\x00\x02":
            raise CheckFailed("pyserial's loop:// port did not echo")
        client = ModbusSerialClient("loop://", framer=FramerType.RTU, timeout=0.2)
        client.close()
        n = len(list_ports.comports())
        return (f"pyserial {serial.__version__} ({n} serial port{'s' if n != 1 else ''} "
                f"here), pymodbus {pymodbus.__version__}")

    def translations(self) -> str:
        from deungdae.desktop.ui import self_check

        return self._ui(self_check.translations)

    def window(self) -> str:
        from deungdae.desktop.ui import self_check

        return self._ui(lambda: self_check.window(self.site))

    @staticmethod
    def _ui(check: Callable[[], str]) -> str:
        from deungdae.desktop.ui.self_check import SelfCheckFailed

        try:
            return check()
        except SelfCheckFailed as exc:
            raise CheckFailed(str(exc)) from exc

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        return [("data dir writable", self.data_dir_writable),
                ("serial and Modbus", self.serial_modbus),
                ("record sealed and verified", self.record),
                ("report font", self.font),
                ("Korean PDF report", self.pdf),
                ("translations", self.translations),
                ("window", self.window)]


def run_checks(root: Path, work: Path, out=None) -> int:
    out = out or sys.stdout
    st = SelfTest(root, work)
    failed = 0
    for name, check in st.checks():
        t0 = time.monotonic()
        try:
            detail = check()
            status = "ok  "
        except Exception as exc:  # noqa: BLE001 - a self-test reports every failure
            detail = str(exc) if isinstance(exc, CheckFailed) else \
                f"{exc.__class__.__name__}: {exc}"
            status = "FAIL"
            failed += 1
        print(f"{status}  {name:<27} {detail}  ({time.monotonic() - t0:.1f} s)", file=out,
              flush=True)
    print(("self-test passed" if not failed else f"self-test FAILED: {failed} check(s)"),
          file=out, flush=True)
    return 0 if not failed else 1


def cmd_self_test(args: argparse.Namespace) -> int:
    # The window check never needs a screen; set before Qt is first imported.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DEUNGDAE_KEYRING", "off")  # the temporary record's key: a file
    root = data_dir(getattr(args, "data_dir", None))
    work = Path(tempfile.mkdtemp(prefix="deungdae-self-test-"))
    try:
        return run_checks(root, work)
    finally:
        if getattr(args, "keep", False):
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
