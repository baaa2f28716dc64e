"""KS X 3267 nodes as a real pymodbus server, filled from the 2022 Annex A map.

The addresses here are written out from the standard's text (node info 1-8, device
codes 100+i, node status 202, sensor i at 203+3(i-1) as float32 low word first and its
status at 205+3(i-1); switch k at 203+4(k-1), opener j at 267+4(j-1), each opid, status,
remaining time low word, high word), not taken from the driver, so a wrong constant in
the driver fails the tests instead of agreeing with itself.
"""

from __future__ import annotations

import struct
from collections import Counter
from dataclasses import dataclass, field

from peer import ModbusPeer

WRITE_FUNCTIONS = {5, 6, 15, 16}


def float_low_word_first(value: float) -> list[int]:
    """28.8 -> 0x41E66666 -> [0x6666, 0x41E6] (the standard's own example)."""
    hi, lo = struct.unpack(">HH", struct.pack(">f", value))
    return [lo, hi]


def uint32_low_word_first(value: int) -> list[int]:
    return [value & 0xFFFF, value >> 16]


@dataclass
class Sensor:
    code: int
    value: float
    status: int = 0


@dataclass
class Switch:
    code: int
    status: int = 0  # 0 off, 201 on
    remaining: int = 0
    opid: int = 0


@dataclass
class Opener:
    code: int
    status: int = 0  # 0 stopped, 301 opening, 302 closing
    remaining: int = 0
    opid: int = 0


@dataclass
class SensorNode:
    unit: int
    sensors: list[Sensor | None]  # channel i = sensors[i-1]; None: nothing attached
    version: int = 10  # 2022; 101 for a 2018-era node
    certification: int = 3
    company: int = 0x4B53
    product_code: int = 7
    serial: int = 0x0102ABCD
    node_status: int = 0
    product_type: int = 1

    def info(self) -> list[int]:
        return [self.certification, self.company, self.product_type, self.product_code,
                self.version, len(self.sensors), *uint32_low_word_first(self.serial)]

    def load(self, peer: ModbusPeer) -> None:
        peer.set(self.unit, "holding", 1, self.info())
        peer.set(self.unit, "holding", 101, [s.code if s else 0 for s in self.sensors])
        peer.set(self.unit, "holding", 202, [self.node_status])
        for i, s in enumerate(self.sensors, start=1):
            if s is not None:
                peer.set(self.unit, "holding", 203 + 3 * (i - 1),
                         float_low_word_first(s.value) + [s.status])


@dataclass
class ActuatorNode:
    unit: int
    switches: dict[int, Switch] = field(default_factory=dict)  # k 1..16
    openers: dict[int, Opener] = field(default_factory=dict)  # j 1..8
    version: int = 10
    certification: int = 3
    company: int = 0x4B53
    product_code: int = 21
    serial: int = 77
    node_status: int = 0
    opid: int = 0

    def load(self, peer: ModbusPeer) -> None:
        codes = [0] * 24
        for k, s in self.switches.items():
            codes[k - 1] = s.code
        for j, o in self.openers.items():
            codes[16 + j - 1] = o.code
        peer.set(self.unit, "holding", 1, [self.certification, self.company, 2,
                                           self.product_code, self.version, 24,
                                           *uint32_low_word_first(self.serial)])
        peer.set(self.unit, "holding", 101, codes)
        peer.set(self.unit, "holding", 201, [self.opid, self.node_status])
        for k, s in self.switches.items():
            peer.set(self.unit, "holding", 203 + 4 * (k - 1),
                     [s.opid, s.status, *uint32_low_word_first(s.remaining)])
        for j, o in self.openers.items():
            peer.set(self.unit, "holding", 267 + 4 * (j - 1),
                     [o.opid, o.status, *uint32_low_word_first(o.remaining)])


class KsxPeer(ModbusPeer):
    """A pymodbus server holding KS X 3267 nodes; counts every function code asked."""

    def __init__(self, nodes, framer: str = "rtu", extra_units=()) -> None:
        self.nodes = list(nodes)
        super().__init__(units=[n.unit for n in self.nodes] + list(extra_units), framer=framer)
        self.functions: Counter[int] = Counter()

    def start(self) -> KsxPeer:
        super().start()
        for n in self.nodes:
            n.load(self)
        return self

    async def _action(self, unit, fc, start, address, count, registers, values):
        self.functions[fc] += 1
        return await super()._action(unit, fc, start, address, count, registers, values)

    @property
    def writes(self) -> int:
        return sum(self.functions[f] for f in WRITE_FUNCTIONS)


__all__ = ["ActuatorNode", "KsxPeer", "Opener", "Sensor", "SensorNode", "Switch",
           "float_low_word_first"]
