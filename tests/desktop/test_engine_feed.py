"""Which batches a rule is fed, and what the engine holds for listeners."""

from __future__ import annotations

from pathlib import Path

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.hardware.reading import Reading
from deungdae.records.store import Store
from deungdae.sectors.api import DerivedChannel, EventKind, RuleOutput, SectorBase
from tests.conftest import T0

SITE = """
[site]
name = "feed"
timezone = "Asia/Seoul"
sectors = ["probe"]

[[devices]]
id = "plc"
profile = "simulator"
interval = 1.0

[devices.points.a]
unit = "°C"
base = 20

[devices.points.b]
unit = "°C"
base = 30
"""


class Recorder:
    """Derives probe.sum = a + b and notes every batch it is fed."""

    def __init__(self, reads) -> None:
        if reads is not None:
            self.reads = reads
        self.batches: list[set[str]] = []
        self.last: dict[str, float] = {}

    def start(self, now_ms: int) -> None:
        pass

    def tick(self, now_ms: int):
        return []

    def feed(self, readings):
        self.batches.append({r.channel for r in readings})
        ts = None
        for r in readings:
            if r.channel in ("plc.a", "plc.b") and r.value is not None:
                self.last[r.channel] = r.value
                ts = r.ts
        if ts is None or len(self.last) < 2:
            return []
        return RuleOutput(readings=[Reading("probe.sum", ts, sum(self.last.values()))])


class Probe(SectorBase):
    id = "probe"
    name = "probe"

    def __init__(self, reads) -> None:
        self.rule = Recorder(reads)

    def templates(self):
        return []

    def check_config(self, section):
        return []

    def event_kinds(self):
        return [EventKind("probe.none", title_en="none", title_ko="없음")]

    def derived_channels(self, section, channels, context):
        return [DerivedChannel("probe.sum", "sum", "합", "°C", 1, ("plc.a", "plc.b"))]

    def rules(self, section, channels, context):
        return [self.rule]

    def reports(self):
        return []


def _engine(root: Path, reads) -> tuple[Engine, Recorder]:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(SITE, encoding="utf-8")
    probe = Probe(reads)
    sectors = {"probe": probe}
    cfg = site_config.load(root / "site.toml", sectors)
    return Engine(root, cfg, ManualClock(T0), sectors), probe.rule


def test_a_rule_that_says_what_it_reads_is_not_fed_derived_batches(data_dir: Path) -> None:
    eng, rule = _engine(data_dir, frozenset({"plc.a", "plc.b"}))
    eng.run(30)
    assert rule.batches and all(b & {"plc.a", "plc.b"} for b in rule.batches)
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert len(s.readings(s.channel_id("probe.sum"), 0, 2**62)) == 31


def test_a_rule_without_reads_sees_its_own_derived_batches_too(data_dir: Path) -> None:
    eng, rule = _engine(data_dir, None)
    eng.run(30)
    assert {"probe.sum"} in rule.batches  # the re-feed of what it derived
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert len(s.readings(s.channel_id("probe.sum"), 0, 2**62)) == 31


def test_a_headless_engine_holds_no_readings_for_listeners(data_dir: Path) -> None:
    eng, _ = _engine(data_dir, None)
    eng.run(120, close=False)
    assert eng._pending_readings == []  # a logger with no window would grow forever
    seen: list[Reading] = []
    eng.subscribe(lambda rs, evs: seen.extend(rs))
    eng.run(10)
    assert len(seen) == 3 * 10
    assert {r.channel for r in seen} == {"plc.a", "plc.b", "probe.sum"}
