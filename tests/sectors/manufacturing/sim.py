"""Driving the engine through a simulated shift on a manual clock, for the sector tests.

Every template scripts the same shift (see the head of each template): started at
08:00 Seoul time, stops at 09:30 (30 min), 10:30 (3 min), lunch 12:00–13:00, 14:00
(20 min), 15:30 (15 min); a good piece counted each minute of running, scrap at 08:10,
11:00 and 16:00.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.desktop.cli.report_commands import integrity_statement
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from deungdae.sectors.manufacturing import report_data as rd
from deungdae.sectors.manufacturing.records import record_stop_reason
from deungdae.sectors.manufacturing.reports import REPORTS

SEOUL = ZoneInfo("Asia/Seoul")
S = 1000
DAY = dt.date(2025, 11, 25)  # a Tuesday, a production day
START = int(dt.datetime(2025, 11, 25, 8, 0, tzinfo=SEOUL).timestamp() * 1000)


def at(h: int, m: int = 0, s: int = 0) -> int:
    return int(dt.datetime(2025, 11, 25, h, m, s, tzinfo=SEOUL).timestamp() * 1000)


def template_text(name: str) -> str:
    sectors = discover()
    return {t.name: t for t in sectors["manufacturing"].templates()}[name].text()


class Sim:
    """One data dir with one engine; `run_to` moves the clock, entries go through the engine."""

    def __init__(self, root: Path, text: str, start_ms: int = START) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / "site.toml").write_text(text, encoding="utf-8")
        self.sectors = discover()
        self.cfg = site_config.load(root / "site.toml", self.sectors)
        self.clock = ManualClock(start_ms)
        self.engine = Engine(root, self.cfg, self.clock, self.sectors)
        self.engine.open()
        self.plant = rd.plant(self.cfg.raw)

    @property
    def store(self) -> Store:
        assert self.engine.store is not None
        return self.engine.store

    def run_to(self, ts: int) -> None:
        self.engine.run((ts - self.clock.now_ms()) / 1000, close=False)

    def events(self, kind: str) -> list:
        return self.store.events(kinds=(kind,), limit=100_000)

    def give_reasons(self, reasons: dict[int, str], user: str = "kim") -> None:
        """Answer the prompts: stop start (ms) -> reason key."""
        for stop_start, reason in reasons.items():
            record_stop_reason(self.store, self.engine.record_entry, self.plant.settings,
                               self.plant.settings.machines[0].id, stop_start, reason, user,
                               self.clock.now_ms())

    def close(self) -> None:
        self.engine.close()

    def report(self, name: str, fmt: str, start: dt.datetime, end: dt.datetime,
               out_dir: Path, lang: str = "") -> Path:
        rep = next(r for r in REPORTS if r.name == name)
        out = out_dir / f"{name}{'-' + lang if lang else ''}.{fmt}"
        with Store.open_reader(self.root / "deungdae.db") as s:
            rep.make(s, self.cfg.raw, start, end, out, integrity_statement(s), lang)
        return out


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def section(rows: list[list[str]], name: str) -> list[dict[str, str]]:
    """The rows of one CSV section as dicts (each section has its own header row)."""
    out, header = [], None
    for r in rows:
        if r and r[0] == "section":
            header = r
        elif r and r[0] == name and header is not None:
            out.append(dict(zip(header[1:], r[1:], strict=False)))
    return out


def shift_span() -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime(2025, 11, 25, 8, tzinfo=SEOUL), dt.datetime(2025, 11, 25, 17,
                                                                     tzinfo=SEOUL))


def day_span() -> tuple[dt.datetime, dt.datetime]:
    d = dt.datetime(2025, 11, 25, tzinfo=SEOUL)
    return d, d + dt.timedelta(days=1)


def month_span() -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime(2025, 11, 1, tzinfo=SEOUL), dt.datetime(2025, 12, 1, tzinfo=SEOUL)
