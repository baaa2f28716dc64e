"""Derived channels vs measured alone, as a plant records (prints figures, asserts nothing).

`bench/derived.py` feeds the engine from the simulator, a source that costs next to
nothing, on a manual clock: the worst case, where the store's own cost of a row is
most of what a reading costs. Here the 20 measured channels come the way they come in a
plant: 5 Modbus TCP devices (the shipped `generic-modbus-tcp` profile, 4 points each)
served by a real pymodbus server in another process, polled by the engine's bus thread
every 0.01 s (the shortest interval a site file allows), on the real clock, blocks cut
by time (every second, as the engine does in a plant).

Each run records for `--seconds` of wall time, alternately without and with the sector
that derives 20 channels. Printed: measured readings recorded per second (what a plant
would notice) and the process CPU time per measured reading (what the derived channels
cost), each as a ratio of the two runs.

    python bench/derived_plant.py [--seconds 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from derived import BenchSector  # noqa: E402

from deungdae.desktop.engine import config as site_config  # noqa: E402
from deungdae.desktop.engine.engine import Engine  # noqa: E402
from deungdae.hardware.clock import RealClock  # noqa: E402

DEVICES = 5
POINTS = ("value1", "value2", "float1", "float2")  # generic-modbus-tcp's four points


def serve(port: int) -> None:
    """The devices: holding registers 0..5 of units 1..DEVICES, value1 counting up."""
    from pymodbus.framer import FramerType
    from pymodbus.server import ModbusTcpServer
    from pymodbus.simulator import DataType, SimData, SimDevice

    def device(unit: int) -> SimDevice:
        # int16, int16, float32 20.0 + unit, float32 25.0 (ABCD: high word first)
        hi = {1: 0x41A8, 2: 0x41B0, 3: 0x41B8, 4: 0x41C0, 5: 0x41C4}[unit]
        regs = [SimData(0, values=[100 * unit, 50, hi, 0, 0x41C8, 0] + [0] * 10,
                        datatype=DataType.REGISTERS)]
        bits = [SimData(0, count=16, values=False, datatype=DataType.BITS)]

        async def action(fc, start, address, count, registers, values):
            registers[0] = (registers[0] + 1) % 30000  # a value that moves
            return None

        return SimDevice(id=unit, simdata=(bits, list(bits), regs, list(regs)), action=action)

    async def main() -> None:
        server = ModbusTcpServer([device(u) for u in range(1, DEVICES + 1)],
                                 framer=FramerType.SOCKET, address=("127.0.0.1", port))
        await server.serve_forever()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_devices() -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(port)])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the pymodbus server did not start")


def inputs() -> list[str]:
    return [f"dev{u}.{p}" for u in range(1, DEVICES + 1) for p in POINTS]


def site(port: int, with_derived: bool) -> str:
    enabled = '"bench"' if with_derived else ""
    lines = ["[site]", 'name = "bench"', 'timezone = "Asia/Seoul"',
             f"sectors = [{enabled}]", ""]
    for u in range(1, DEVICES + 1):
        lines += ["[[devices]]", f'id = "dev{u}"', 'profile = "generic-modbus-tcp"',
                  f'port = "tcp://127.0.0.1:{port}"', f"unit = {u}", "interval = 0.01",
                  "timeout = 0.5", ""]
    return "\n".join(lines)


def run_once(work: Path, port: int, with_derived: bool, seconds: float
             ) -> tuple[float, float, int, int]:
    """(wall s, cpu s, measured readings written, all rows written)."""
    sectors = {"bench": BenchSector(inputs())}
    root = work / f"{'d' if with_derived else 'm'}-{time.monotonic_ns()}"
    root.mkdir()
    (root / "site.toml").write_text(site(port, with_derived), encoding="utf-8")
    cfg = site_config.load(root / "site.toml", sectors)
    eng = Engine(root, cfg, RealClock(), sectors)
    eng.open()
    c0, t0 = time.process_time(), time.perf_counter()
    eng.run(seconds)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    rows = eng.readings_written
    derived = len(eng.derived)
    measured = rows // 2 if derived else rows
    return wall, cpu, measured, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve)
        return
    proc, port = start_devices()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            run_once(work, port, False, 1.0)  # connections and caches warm first
            rate = {False: [], True: []}
            cpu = {False: [], True: []}
            rows = {False: 0, True: 0}
            for _ in range(args.rounds):  # alternate, so both share the machine's noise
                for d in (False, True):
                    wall, c, measured, written = run_once(work, port, d, args.seconds)
                    rate[d].append(measured / wall)
                    cpu[d].append(c / measured * 1e6)
                    rows[d] = written
    finally:
        proc.terminate()
        proc.wait(10)
    a, b = statistics.median(rate[False]), statistics.median(rate[True])
    ca, cb = statistics.median(cpu[False]), statistics.median(cpu[True])
    print(f"{DEVICES} Modbus TCP devices x {len(POINTS)} points (a pymodbus server in another "
          f"process), polled every 0.01 s, real clock, {args.seconds:g} s a run")
    print(f"  measured alone      : {a:,.0f} measured readings/s, {ca:.1f} µs CPU each "
          f"({rows[False]:,} rows)")
    print(f"  measured + derived  : {b:,.0f} measured readings/s, {cb:.1f} µs CPU each "
          f"({rows[True]:,} rows, {len(inputs())} derived channels)")
    print(f"  ratio               : {b / a:.2f}x readings/s (target >= 0.8x); "
          f"CPU per measured reading {cb / ca:.2f}x")


if __name__ == "__main__":
    main()
