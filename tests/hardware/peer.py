"""Real Modbus peers for the hardware tests: a pymodbus server as the devices, and a
relay in front of it that can unplug, go silent for one unit, corrupt CRCs or send
garbage. The relay's front is either a TCP socket (RTU framed over
`socket://127.0.0.1:PORT`) or a pty pair (a real serial path a client opens by name).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import select
import socket
import threading
import time
import tty
from collections import Counter
from pathlib import Path

from pymodbus.constants import ExcCodes
from pymodbus.framer import FramerRTU, FramerType
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice
from pymodbus.simulator.simutils import SimUtils

from deungdae.hardware.decode import encode_value
from deungdae.hardware.planner import FUNCTIONS

BLOCK_OF_FC = {1: "c", 5: "c", 15: "c", 2: "d", 3: "h", 6: "h", 16: "h", 4: "i"}
BLOCK_OF_NAME = {"coil": "c", "discrete": "d", "holding": "h", "input": "i"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(pred, timeout: float = 5.0, every: float = 0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(every)
    raise AssertionError(f"condition not met within {timeout} s")


class ModbusPeer:
    """A pymodbus server holding several unit ids; `set` writes their registers."""

    def __init__(self, units=(1,), framer: str = "rtu", registers: int = 1024,
                 holes: dict[int, list[tuple[int, int]]] | None = None) -> None:
        """Ids it does not hold get exception 4 (pymodbus 3.16's simulator), where a real
        RS-485 bus stays silent: put a `Relay` with `silent_units` in front for that."""
        self.units = list(units)
        self.framer = FramerType.RTU if framer == "rtu" else FramerType.SOCKET
        self.registers = registers
        self.holes = holes or {}
        self.port = free_port()
        self.lock = threading.Lock()
        self.pending: dict[tuple[int, str], dict[int, int | bool]] = {}
        self.exceptions: dict[int, int] = {}
        self.requests = 0
        self.loop: asyncio.AbstractEventLoop | None = None
        self.server: ModbusTcpServer | None = None
        self.thread: threading.Thread | None = None

    # --- register contents -------------------------------------------------------------
    def set(self, unit: int, table: str, address: int, values) -> None:
        block = BLOCK_OF_NAME.get(table, table)
        with self.lock:
            dst = self.pending.setdefault((unit, block), {})
            for i, v in enumerate(values if isinstance(values, list | tuple) else [values]):
                dst[address + i] = v

    def set_value(self, unit: int, table: str, address: int, value: float, type_name: str,
                  word_order: str = "big", byte_order: str = "big") -> None:
        self.set(unit, table, address, encode_value(value, type_name, word_order, byte_order))

    def fail_with(self, unit: int, code: int | None) -> None:
        with self.lock:
            if code is None:
                self.exceptions.pop(unit, None)
            else:
                self.exceptions[unit] = code

    async def _action(self, unit, fc, start, _address, _count, registers, _values):
        self.requests += 1
        with self.lock:
            if unit in self.exceptions:
                return ExcCodes(self.exceptions[unit])
            block = BLOCK_OF_FC.get(fc)
            pend = self.pending.get((unit, block))
            if pend:
                if block in ("c", "d"):
                    bits = SimUtils.registersToBits(registers)
                    for addr, v in pend.items():
                        bits[addr - start * 16] = bool(v)
                    registers[:] = SimUtils.bitsToRegisters(bits)[:len(registers)]
                else:
                    for addr, v in pend.items():
                        registers[addr - start] = int(v) & 0xFFFF
                pend.clear()
        return None

    def _device(self, unit: int) -> SimDevice:
        def regs():
            holes = sorted(self.holes.get(unit, []))
            if not holes:
                return [SimData(0, count=self.registers, values=0, datatype=DataType.REGISTERS)]
            out, pos = [], 0
            for lo, hi in holes:
                if lo > pos:
                    out.append(SimData(pos, count=lo - pos, values=0, datatype=DataType.REGISTERS))
                out.append(SimData(lo, count=hi - lo, datatype=DataType.INVALID))
                pos = hi
            out.append(SimData(pos, count=self.registers - pos, values=0,
                               datatype=DataType.REGISTERS))
            return out

        async def action(fc, start, address, count, registers, values):
            return await self._action(unit, fc, start, address, count, registers, values)

        bits = [SimData(0, count=64, values=False, datatype=DataType.BITS)]
        return SimDevice(id=unit, simdata=(bits, list(bits), regs(), regs()), action=action)

    # --- life cycle ------------------------------------------------------------------------
    def start(self) -> ModbusPeer:
        ready = threading.Event()

        def run():
            loop = asyncio.new_event_loop()
            self.loop = loop
            asyncio.set_event_loop(loop)
            async def main():
                self.server = ModbusTcpServer(
                    [self._device(u) for u in self.units], framer=self.framer,
                    address=("127.0.0.1", self.port), ignore_missing_devices=True)
                await self.server.serve_forever(background=True)
                ready.set()
                await self.server.serving

            loop.run_until_complete(main())
            loop.close()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        if not ready.wait(5):
            raise RuntimeError("pymodbus server did not start")
        wait_until(self._accepts, 5)
        return self

    def _accepts(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.loop and self.server:
            fut = asyncio.run_coroutine_threadsafe(self.server.shutdown(), self.loop)
            with contextlib.suppress(Exception):
                fut.result(5)
        if self.thread:
            self.thread.join(5)
        self.thread = self.server = self.loop = None

    @property
    def url(self) -> str:
        return f"socket://127.0.0.1:{self.port}" if self.framer == FramerType.RTU \
            else f"tcp://127.0.0.1:{self.port}"


class Relay:
    """A wire between a client and a peer (RTU over TCP) that can misbehave.

    front="tcp": the client opens `socket://127.0.0.1:{port}`; front="pty": the client
    opens `path`, a symlink to a pty slave, as a serial port. `unplug()` closes the front
    (the pty vanishes, or connections are refused); `replug()` brings it back (for a pty
    under the same symlink, most likely a different /dev/pts/N, like a re-enumerated USB
    adapter).
    """

    def __init__(self, upstream_port: int, front: str = "tcp", path: Path | None = None) -> None:
        self.upstream_port = upstream_port
        self.front = front
        self.path = path
        self.port = free_port() if front == "tcp" else 0
        self.silent_units: set[int] = set()
        self.crc_units: set[int] = set()
        self.garbage_units: set[int] = set()
        # unit -> seconds: its answers are held back that long (a device answering late)
        self.late_units: dict[int, float] = {}
        # units whose answer comes glued behind the previous answer (a stale frame first)
        self.glued_units: set[int] = set()
        # unit -> function code its answers are relabelled with (CRC made good again)
        self.relabel_units: dict[int, int] = {}
        self.rnd = random.Random(7)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._closers: list = []
        self.forwarded = 0
        self.asked: Counter[int] = Counter()  # unit -> requests the client sent it

    @property
    def url(self) -> str:
        return f"socket://127.0.0.1:{self.port}" if self.front == "tcp" else str(self.path)

    def start(self) -> Relay:
        self._stop = threading.Event()
        if self.front == "tcp":
            ls = socket.socket()
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            ls.bind(("127.0.0.1", self.port))
            ls.listen(4)
            ls.settimeout(0.05)
            self._closers.append(ls.close)
            self._spawn(self._accept_loop, ls)
        else:
            master, slave = os.openpty()
            tty.setraw(slave)
            tty.setraw(master)
            name = os.ttyname(slave)
            tmp = self.path.with_suffix(".new")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(name)
            tmp.replace(self.path)
            self._closers += [lambda: os.close(master), lambda: os.close(slave)]
            self._spawn(self._serve, FdEnd(master))
        return self

    def _spawn(self, fn, *args) -> None:
        t = threading.Thread(target=fn, args=args, daemon=True)
        t.start()
        self._threads.append(t)

    def _accept_loop(self, ls: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = ls.accept()
            except (TimeoutError, OSError):
                continue
            self._closers.append(conn.close)
            self._spawn(self._serve, SockEnd(conn))

    def _serve(self, front) -> None:
        try:
            up = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=2)
        except OSError:
            front.close()
            return
        self._closers.append(up.close)
        upe = SockEnd(up)
        unit = None
        held: list[tuple[float, bytes]] = []  # (when to send, answer) for late units
        previous = b""
        while not self._stop.is_set():
            wait = 0.05
            if held:
                wait = max(0.0, min(wait, held[0][0] - time.monotonic()))
            try:
                r, _, _ = select.select([front.fileno(), up.fileno()], [], [], wait)
            except (OSError, ValueError):
                break
            try:
                while held and held[0][0] <= time.monotonic():
                    front.write(held.pop(0)[1])
                if front.fileno() in r:
                    data = front.read()
                    if not data:
                        break
                    unit = data[0]
                    self.asked[unit] += 1
                    if unit in self.silent_units:
                        continue
                    upe.write(data)
                if up.fileno() in r:
                    data = upe.read()
                    if not data:
                        break
                    self.forwarded += 1
                    if unit in self.crc_units and len(data) >= 4:
                        data = data[:-1] + bytes([data[-1] ^ 0x5A])
                    elif unit in self.garbage_units:
                        data = bytes(self.rnd.randrange(256) for _ in range(len(data)))
                        data = bytes([(unit + 1) & 0xFF]) + data[1:]
                    if unit in self.relabel_units and len(data) >= 4:
                        body = data[:1] + bytes([self.relabel_units[unit]]) + data[2:-2]
                        data = body + FramerRTU.compute_CRC(body).to_bytes(2, "big")
                    if unit in self.glued_units and previous:
                        data, previous = previous + data, data
                    else:
                        previous = data
                    if unit in self.late_units:
                        held.append((time.monotonic() + self.late_units[unit], data))
                        continue
                    front.write(data)
            except OSError:
                break
        with contextlib.suppress(OSError):
            up.close()

    def unplug(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(2)
        self._threads.clear()
        for c in self._closers:
            with contextlib.suppress(OSError):
                c()
        self._closers.clear()
        if self.front == "pty":
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def replug(self) -> Relay:
        return self.start()

    stop = unplug


class FdEnd:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        return self.fd

    def read(self) -> bytes:
        return os.read(self.fd, 4096)

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


class SockEnd(FdEnd):
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.fd = sock.fileno()

    def read(self) -> bytes:
        return self.sock.recv(4096)

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close(self) -> None:
        self.sock.close()


__all__ = ["FUNCTIONS", "ModbusPeer", "Relay", "free_port", "wait_until"]
