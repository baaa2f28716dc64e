"""Turning raw Modbus registers and bits into numbers. Pure functions, no I/O.

Register values are 16-bit words as they arrive on the wire. A 32-bit value spans two
registers; `word_order` says which comes first ("big": high word first, the Modbus
convention; "little": low word first, as KS X 3267 nodes send floats) and `byte_order`
whether the two bytes inside each word are swapped ("little").
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence

# type name -> (registers, struct code)
TYPES: dict[str, tuple[int, str]] = {
    "int16": (1, ">h"),
    "uint16": (1, ">H"),
    "int32": (2, ">i"),
    "uint32": (2, ">I"),
    "float32": (2, ">f"),
}
ORDERS = ("big", "little")
# Common field shorthand for 32-bit layouts: A is the most significant byte.
ORDER_CODES = {
    "ABCD": ("big", "big"),
    "CDAB": ("little", "big"),
    "BADC": ("big", "little"),
    "DCBA": ("little", "little"),
}


def register_count(type_name: str) -> int:
    return TYPES[type_name][0]


def decode_registers(regs: Sequence[int], type_name: str, word_order: str = "big",
                     byte_order: str = "big") -> float:
    """Decode `regs` (exactly as many as the type needs) into a number.

    Raises ValueError when the words cannot make a finite number (wrong count, NaN or
    infinity), so the caller can flag the value rather than store it.
    """
    n, code = TYPES[type_name]
    if len(regs) != n:
        raise ValueError(f"{type_name} needs {n} register(s), got {len(regs)}")
    words = [int(r) & 0xFFFF for r in regs]
    if byte_order == "little":
        words = [((w & 0xFF) << 8) | (w >> 8) for w in words]
    if word_order == "little":
        words.reverse()
    raw = b"".join(w.to_bytes(2, "big") for w in words)
    value = struct.unpack(code, raw)[0]
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{type_name} registers {[hex(w) for w in regs]} are not a finite number")
    return float(value)


def encode_value(value: float, type_name: str, word_order: str = "big",
                 byte_order: str = "big") -> list[int]:
    """The inverse of `decode_registers`, for tests, simulators and benchmarks."""
    n, code = TYPES[type_name]
    if code[-1] != "f":
        value = int(value)
    raw = struct.pack(code, value)
    words = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, 2 * n, 2)]
    if word_order == "little":
        words.reverse()
    if byte_order == "little":
        words = [((w & 0xFF) << 8) | (w >> 8) for w in words]
    return words


def scaled(raw: float, scale: float = 1.0, offset: float = 0.0) -> float:
    """Engineering value: raw × scale + offset, rounded to hide float noise from scaling."""
    v = raw * scale + offset
    return round(v, 9) if math.isfinite(v) else v


def counter_delta(previous: float, current: float, rollover: int | None) -> float | None:
    """How much a counter advanced from `previous` to `current`.

    A counter that wraps to 0 at `rollover` (a 32-bit pulse counter: 2**32) and reads
    lower than before has wrapped once. Without a rollover a lower reading means the
    counter was reset (or replaced): None, since the consumption in between is unknown.
    """
    if current >= previous:
        return current - previous
    if rollover is None or not 0 <= current < rollover or previous >= rollover:
        return None
    return rollover - previous + current
