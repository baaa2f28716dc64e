"""Polling benchmark (prints, asserts nothing).

1. Transactions per poll cycle for each shipped Modbus profile: ours (the planner with
   the profile's max_gap), the minimum the spec allows (125 registers / 2000 bits per
   read, any gap), and one read per point.
2. CPU cost of polling 100 channels at 1 Hz over Modbus TCP loopback against a pymodbus
   server in a separate process: process CPU time / wall time of this process.

Usage: .venv/bin/python bench/poll.py [seconds]   (default 10 s per scenario)
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import socket
import sys
import threading
import time


def serve(port: int, units: list[int], ready) -> None:
    from pymodbus.framer import FramerType
    from pymodbus.server import ModbusTcpServer
    from pymodbus.simulator import DataType, SimData, SimDevice

    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)

    def dev(u):
        bits = [SimData(0, count=64, values=False, datatype=DataType.BITS)]
        regs = [SimData(0, count=400, values=0x4000, datatype=DataType.REGISTERS)]
        return SimDevice(id=u, simdata=(bits, list(bits), regs, list(regs)))

    async def main():
        server = ModbusTcpServer([dev(u) for u in units], framer=FramerType.SOCKET,
                                 address=("127.0.0.1", port))
        await server.serve_forever(background=True)
        ready.set()
        await server.serving

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def transactions_table() -> None:
    from deungdae.hardware.planner import Span, minimum_reads, plan_reads
    from deungdae.hardware.profiles import list_profiles, load_profile

    print("transactions per poll cycle (ours / spec minimum / one per point)")
    for name in list_profiles():
        prof = load_profile(name)
        if prof.protocol != "modbus":
            continue
        spans = [Span(p.fc, p.address, p.count, p.name) for p in prof.points]
        ours = len(plan_reads(spans, prof.max_gap))
        print(f"  {name:<22} {ours:>3} / {minimum_reads(spans):>3} / {len(spans):>3}"
              f"   ({len(spans)} points, max_gap {prof.max_gap})")


def cpu_scenario(label: str, devices: list[dict], seconds: float) -> None:
    from deungdae.hardware.runner import start_source
    from deungdae.hardware.sources import build_sources

    port = free_port()
    units = sorted({d["unit"] for d in devices})
    ready = mp.Event()
    proc = mp.Process(target=serve, args=(port, units, ready), daemon=True)
    proc.start()
    try:
        if not ready.wait(10):
            print("server did not start")
            return
        time.sleep(0.2)
        for d in devices:
            d["port"] = f"tcp://127.0.0.1:{port}"
        sources = build_sources(devices, time.time_ns() // 1_000_000)
        channels = sum(len(s.points()) for s in sources)
        tx = sum(s.transactions_per_cycle() for s in sources)
        counts = {"readings": 0, "bad": 0}
        lock = threading.Lock()

        def sink(res):
            with lock:
                counts["readings"] += len(res.readings)
                counts["bad"] += sum(1 for r in res.readings if r.value is None)

        c0, w0 = time.process_time(), time.perf_counter()
        running = [start_source(s, sink) for s in sources]
        time.sleep(seconds)
        c1, w1 = time.process_time(), time.perf_counter()
        for _, stop in running:
            stop.set()
        for (t, _), s in zip(running, sources, strict=True):
            t.join(3)
            s.close()
        cpu = (c1 - c0) / (w1 - w0) * 100
        print(f"{label}: {channels} channels, {tx} transactions/s, "
              f"{counts['readings'] / (w1 - w0):.0f} readings/s ({counts['bad']} without value), "
              f"CPU {cpu:.2f} % of one core")
    finally:
        proc.terminate()
        proc.join(5)


def main() -> None:
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    transactions_table()
    print()
    mixed = [{"id": f"meter{i}", "profile": "sdm630", "unit": i, "interval": 1}
             for i in range(1, 6)]
    mixed += [{"id": f"th{i}", "profile": "xy-md02", "unit": 10 + i, "interval": 1}
              for i in range(1, 6)]
    cpu_scenario("5 SDM630 + 5 XY-MD02 at 1 Hz", mixed, seconds)
    small = [{"id": f"th{i}", "profile": "xy-md02", "unit": i, "interval": 1}
             for i in range(1, 51)]
    cpu_scenario("50 XY-MD02 at 1 Hz        ", small, seconds)


if __name__ == "__main__":
    main()
