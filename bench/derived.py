"""Derived channels vs measured alone, through the engine (prints figures, asserts nothing).

The same simulated plant (20 measured channels at 1 Hz on a manual clock) is run through
`Engine.run` twice, alternately: once alone, once with a sector whose rule derives 20
channels (each from two measured inputs) that the engine guards, buffers, seals and
writes like measured ones. The figure is measured readings ingested per second of wall
time; the ratio (with / without) is the target (>= 0.8x).

In a plant the engine cuts a sealed block every second (`flush_seconds`), whatever the
number of channels, so derived channels add rows to each block, not blocks. On the manual
clock the run is much faster than real time and blocks would be cut by size instead
(`batch_rows`), doubling the commits of the derived run; the first figure therefore
cuts blocks every `POLLS_PER_BLOCK` polls in both runs. The size-cut figure is printed too.

This is the worst case: the simulator costs next to nothing, so a stored row is a large
part of what a measured reading costs. The bench also times `Store.append_readings` alone
on the same blocks and prints the ratio no engine could beat while it stores each derived
value as a sealed row (which it must). `bench/derived_plant.py` measures the same
question with real Modbus TCP devices on the real clock, as a plant records.

    python bench/derived.py [--seconds 1800] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deungdae.desktop.engine import config as site_config  # noqa: E402
from deungdae.desktop.engine.engine import Engine  # noqa: E402
from deungdae.hardware.clock import ManualClock  # noqa: E402
from deungdae.hardware.reading import Reading  # noqa: E402
from deungdae.records.store import Store  # noqa: E402
from deungdae.sectors.api import (  # noqa: E402
    DerivedChannel,
    EventKind,
    RuleOutput,
    SectorBase,
)

T0 = 1_764_000_000_000
N = 20


def site(with_derived: bool) -> str:
    enabled = '"bench"' if with_derived else ""
    lines = ["[site]", 'name = "bench"', 'timezone = "Asia/Seoul"',
             f"sectors = [{enabled}]", "",
             "[[devices]]", 'id = "plc"', 'profile = "simulator"', "interval = 1.0", ""]
    for i in range(N):
        lines += [f"[devices.points.m{i}]", 'unit = "°C"', f"base = {20 + i}",
                  "amplitude = 2", "period = 600", "noise = 0.1", ""]
    return "\n".join(lines)


def sim_inputs() -> list[str]:
    return [f"plc.m{i}" for i in range(N)]


class PairRule:
    """d<i> = mean of inputs i and i+1, once per instant."""

    def __init__(self, inputs: list[str]) -> None:
        self.last: dict[str, float] = {}
        self.inputs = self.reads = frozenset(inputs)
        n = len(inputs)
        self.pairs = [(f"bench.d{i}", inputs[i], inputs[(i + 1) % n]) for i in range(n)]

    def start(self, now_ms: int) -> None:
        pass

    def on_entry(self, event):
        return []

    def tick(self, now_ms: int):
        return []

    def feed(self, readings):
        last, inputs = self.last, self.inputs
        ts = None
        for r in readings:
            if r.channel in inputs and r.value is not None:
                last[r.channel] = r.value
                ts = r.ts
        if ts is None or len(last) < len(inputs):
            return []
        return RuleOutput(readings=[Reading(d, ts, (last[a] + last[b]) / 2)
                                    for d, a, b in self.pairs])


class BenchSector(SectorBase):
    """One derived channel per measured input (the mean of it and the next one)."""

    id = "bench"
    name = "bench"

    def __init__(self, inputs: list[str] | None = None) -> None:
        self.inputs = inputs or sim_inputs()

    def templates(self):
        return []

    def check_config(self, section):
        return []

    def event_kinds(self):
        return [EventKind("bench.none", title_en="none", title_ko="없음")]

    def derived_channels(self, section, channels, context):
        ins, n = self.inputs, len(self.inputs)
        return [DerivedChannel(f"bench.d{i}", f"d{i}", f"파생{i}", "°C", 2,
                               (ins[i], ins[(i + 1) % n])) for i in range(n)]

    def rules(self, section, channels, context):
        return [PairRule(self.inputs)]

    def reports(self):
        return []


POLLS_PER_BLOCK = 50


def run_once(work: Path, with_derived: bool, seconds: int, plant_like: bool = True
             ) -> tuple[float, int, int]:
    sectors = {"bench": BenchSector()}
    root = work / f"{'d' if with_derived else 'm'}-{time.monotonic_ns()}"
    root.mkdir()
    (root / "site.toml").write_text(site(with_derived), encoding="utf-8")
    cfg = site_config.load(root / "site.toml", sectors)
    rows_per_poll = N * (2 if with_derived else 1)
    batch = rows_per_poll * POLLS_PER_BLOCK if plant_like else N * POLLS_PER_BLOCK
    eng = Engine(root, cfg, ManualClock(T0), sectors, batch_rows=batch)
    t = time.perf_counter()
    eng.run(seconds)
    dt = time.perf_counter() - t
    derived = len(eng.derived)
    return dt, eng.readings_written, derived


def store_seconds(work: Path, polls: int, channels: int) -> float:
    """Wall time of `Store.append_readings` alone for `polls` polls of `channels` rows,
    in blocks of POLLS_PER_BLOCK polls: what storing costs with no engine around it."""
    with Store.open_writer(work / f"s-{channels}-{time.monotonic_ns()}.db") as st:
        ids = [st.ensure_channel(f"c{c}", f"c{c}", "°C", "plc") for c in range(channels)]
        blocks = []
        for p0 in range(0, polls, POLLS_PER_BLOCK):
            blocks.append([(ids[c], T0 + p * 1000, 20.0 + c + (p % 60) / 10, 0)
                           for p in range(p0, min(polls, p0 + POLLS_PER_BLOCK))
                           for c in range(channels)])
        t = time.perf_counter()
        for b in blocks:
            st.append_readings(b)
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=1800)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    measured = N * (args.seconds + 1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run_once(work, False, 60)  # imports and caches warm before anything is timed
        for plant_like in (True, False):
            alone, both = [], []
            for _ in range(args.rounds):  # alternate, so both share the machine's noise
                dt, written, _ = run_once(work, False, args.seconds, plant_like)
                alone.append(measured / dt)
                dt2, written2, nd = run_once(work, True, args.seconds, plant_like)
                both.append(measured / dt2)
            a, b = statistics.median(alone), statistics.median(both)
            how = (f"blocks every {POLLS_PER_BLOCK} polls in both runs (cut by time in a "
                   "plant; bench/derived_plant.py records as a plant does)" if plant_like else
                   f"blocks cut by size ({N * POLLS_PER_BLOCK} rows) in both runs")
            print(how)
            print(f"  measured alone      : {a:,.0f} measured readings/s ({written:,} rows)")
            print(f"  measured + derived  : {b:,.0f} measured readings/s ({written2:,} rows, "
                  f"{nd} derived channels)")
            print(f"  ratio               : {b / a:.2f}x (target >= 0.8x)")
            if plant_like:
                polls = args.seconds + 1
                s1 = statistics.median(store_seconds(work, polls, N)
                                       for _ in range(args.rounds))
                s2 = statistics.median(store_seconds(work, polls, 2 * N)
                                       for _ in range(args.rounds))
                per_row = (s2 - s1) / (N * polls) * 1e6
                per_reading = 1e6 / a
                print(f"  the store alone     : {per_row:.1f} µs to store a derived row "
                      f"(Store.append_readings, same blocks) vs {per_reading:.1f} µs a "
                      "measured reading costs through the engine")
                print(f"  so at most          : {per_reading / (per_reading + per_row):.2f}x "
                      "even if rules, guard and engine cost nothing")

if __name__ == "__main__":
    main()
