"""Modbus RTU and Modbus TCP links through pymodbus (pinned to 3.16; its API moves).

A `ModbusLink` is one bus: one serial port (or pyserial URL, or USB adapter looked up by
identity) with any number of unit ids on it, or one Modbus TCP endpoint. `read` returns
the registers or bits, or raises `LinkError` whose `quality` says what went wrong:

- TIMEOUT: nothing came back;
- CRC_ERROR: a frame for this unit and function came back with a bad checksum;
- GARBAGE: bytes came back that are not a frame for this request;
- DEVICE_EXCEPTION: the device answered with a Modbus exception (`code`);
- DISCONNECTED: the port or connection is gone (unplugged adapter, closed socket).

pymodbus drops bad frames and reports a timeout; the bytes it saw (through its
`trace_packet` hook) tell a CRC error and garbage apart from silence.

RTU has no transaction id, so an answer that arrives after its request timed out looks
exactly like the answer to the next request. Three defences keep such a late answer out
of the record (issue 10):

- the input buffer is flushed before every request, so nothing that arrived between two
  requests is taken for the second one's answer;
- after a unit timed out, the next request to that unit first waits out `late_guard`
  seconds (default: the timeout) from the timeout, discarding what arrives, so an answer
  up to timeout + late_guard late is thrown away rather than taken;
- an answer is accepted only if its frame is exactly one frame of the expected length,
  for the unit and the function asked: a stale frame glued to the real one, or one for
  another count or function, is dropped as GARBAGE.

What is left cannot be told on the wire: an answer later than timeout + late_guard that
lands inside a later request's window, for the same unit, function and length. Bytes
found waiting at a flush are counted (`late_bytes`) and reported by the poller, which
says so; a timeout above the device's worst answer time is then the cure.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable

from pymodbus.client import ModbusSerialClient, ModbusTcpClient
from pymodbus.exceptions import ConnectionException, ModbusException
from pymodbus.framer import FramerRTU, FramerType

from deungdae.hardware.reading import Quality
from deungdae.hardware.transport import Endpoint, PortInfo, PortNotFound, list_serial_ports, resolve

EXCEPTION_NAMES = {1: "illegal function", 2: "illegal data address", 3: "illegal data value",
                   4: "device failure", 5: "acknowledge", 6: "device busy",
                   10: "gateway path unavailable", 11: "gateway target failed to respond"}


class _SerialClient(ModbusSerialClient):
    """pymodbus' serial client, told the true count of waiting bytes on `socket://` ports.

    pyserial's socket handler reports at most 1 byte waiting, so pymodbus would read an
    RTU-over-TCP answer (serial device servers) one byte per poll interval and time out
    on long frames. Peeking at the socket gives the real count.
    """

    def _in_waiting(self):
        sock = getattr(self.socket, "_socket", None)
        if sock is None:
            return super()._in_waiting()
        try:
            data = sock.recv(4096, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except (BlockingIOError, InterruptedError):
            return 0
        return len(data) or 1  # 1 on a closed socket: the read then reports the close

    def discard_input(self) -> bytes:
        """Take whatever is waiting to be read, to throw it away."""
        port = self.socket
        if port is None:
            return b""
        sock = getattr(port, "_socket", None)
        if sock is None:
            waiting = port.in_waiting
            data = port.read(waiting) if waiting else b""
            port.reset_input_buffer()  # and whatever the driver still holds
            return data
        out = b""
        while True:
            try:
                data = sock.recv(4096, socket.MSG_DONTWAIT)
            except (BlockingIOError, InterruptedError):
                return out
            if not data:  # closed: the next read says so
                return out
            out += data


def _is_frame(rx: bytes) -> bool:
    """Is `rx` exactly one RTU frame with a good CRC?"""
    return len(rx) >= 4 and FramerRTU.check_CRC(rx[:-2], (rx[-2] << 8) | rx[-1])


class LinkError(Exception):
    def __init__(self, quality: Quality, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.quality = quality
        self.code = code


def answer_length(function: int, count: int) -> int:
    """Bytes of a normal RTU answer to a read: unit, function, byte count, data, CRC."""
    data = (count + 7) // 8 if function in (1, 2) else 2 * count
    return 5 + data


def framing(baud: int, parity: str, bytesize: int, stopbits: float) -> str:
    sb = int(stopbits) if float(stopbits).is_integer() else stopbits
    return f"{baud} {bytesize}{parity}{sb}"


class ModbusLink:
    def __init__(self, endpoint: Endpoint, baud: int = 9600, parity: str = "N",
                 bytesize: int = 8, stopbits: float = 1, timeout: float = 1.0,
                 lister: Callable[[], list[PortInfo]] = list_serial_ports,
                 late_guard: float | None = None) -> None:
        self.endpoint = endpoint
        self.baud, self.parity, self.bytesize, self.stopbits = baud, parity, bytesize, stopbits
        self.timeout = timeout
        self.late_guard = late_guard
        self.lister = lister
        self.client: ModbusSerialClient | ModbusTcpClient | None = None
        self.opened_as = ""
        self._rx = b""
        self.transactions = 0
        # unit -> monotonic time before which a late answer of that unit may still come
        self._quiet_until: dict[int, float] = {}
        self.late_bytes = 0  # bytes found waiting before a request: late or unasked answers
        self.late_answers: Counter[int] = Counter()  # unit -> late answers thrown away
        self._last_unit: int | None = None
        self.dropped = 0  # answers refused because they did not fit the request
        self.interrupt: threading.Event | None = None  # set: stop waiting for a late answer

    @property
    def label(self) -> str:
        return self.endpoint.spec

    @property
    def framing(self) -> str:
        return "TCP" if self.endpoint.kind == "tcp" else framing(
            self.baud, self.parity, self.bytesize, self.stopbits)

    @property
    def is_open(self) -> bool:
        return self.client is not None and self.client.connected

    def _trace(self, sending: bool, data: bytes) -> bytes:
        if not sending:
            self._rx = bytes(data)
        return data

    def open(self) -> None:
        self.close()
        ep = self.endpoint
        try:
            target = resolve(ep, self.lister)
        except PortNotFound as e:
            raise LinkError(Quality.DISCONNECTED, str(e)) from None
        if ep.kind == "tcp":
            client = ModbusTcpClient(ep.host, port=ep.tcp_port, timeout=self.timeout, retries=0,
                                     trace_packet=self._trace)
        else:
            client = _SerialClient(target, framer=FramerType.RTU, baudrate=self.baud,
                                        parity=self.parity, bytesize=self.bytesize,
                                        stopbits=self.stopbits, timeout=self.timeout, retries=0,
                                        trace_packet=self._trace)
        try:
            ok = client.connect()
        except Exception as e:  # pyserial raises assorted errors for odd URLs
            ok = False
            err = str(e)
        else:
            err = ""
        if not ok:
            client.close()
            where = ep.spec if target == ep.spec else f"{ep.spec} ({target})"
            raise LinkError(Quality.DISCONNECTED, f"cannot open {where}{': ' + err if err else ''}")
        self.client = client
        self.opened_as = target

    def close(self) -> None:
        if self.client is not None:
            # closing a vanished port may fail; it is gone either way
            with contextlib.suppress(Exception):
                self.client.close()
        self.client = None

    @property
    def is_rtu(self) -> bool:
        return self.endpoint.kind != "tcp"

    def _before_request(self, unit: int, timeout: float) -> None:
        """Wait out a late answer this unit may still send, then empty the input buffer."""
        client = self.client
        if not self.is_rtu or not isinstance(client, _SerialClient):
            return
        until = self._quiet_until.pop(unit, 0.0)
        thrown = b""
        try:
            while (left := until - time.monotonic()) > 0:
                if self.interrupt is not None and self.interrupt.is_set():
                    break
                time.sleep(min(left, 0.02))
                thrown += client.discard_input()
            thrown += client.discard_input()
        except OSError as e:
            self.close()
            raise LinkError(Quality.DISCONNECTED, f"{self.label}: {e}") from None
        if thrown:
            # most likely the previous request's answer, come after its timeout
            self.late_bytes += len(thrown)
            late_unit = thrown[0] if _is_frame(thrown) else self._last_unit
            if late_unit is not None:
                self.late_answers[late_unit] += 1

    def _timed_out(self, unit: int, timeout: float, late_guard: float | None) -> None:
        guard = late_guard if late_guard is not None else (
            timeout if self.late_guard is None else self.late_guard)
        if self.is_rtu and guard > 0:
            self._quiet_until[unit] = time.monotonic() + guard

    def _check_frame(self, function: int, unit: int, count: int, rr) -> None:
        """Refuse an answer that is not exactly the one frame this request asks for."""
        if getattr(rr, "function_code", function) & 0x7F != function:
            self.dropped += 1
            raise LinkError(Quality.GARBAGE, f"unit {unit}: answer for function "
                            f"{rr.function_code & 0x7F}, not {function} (a late answer?)")
        if not self.is_rtu:
            return  # Modbus TCP: the transaction id already ties answer to request
        rx = self._rx
        want = 5 if rr.isError() else answer_length(function, count)
        if len(rx) != want or rx[0] != unit:
            self.dropped += 1
            raise LinkError(Quality.GARBAGE, f"unit {unit}: {len(rx)} bytes for a {want}-byte "
                            f"answer ({rx[:16].hex()}): dropped, it may be a late answer")

    def read(self, function: int, unit: int, start: int, count: int,
             timeout: float | None = None,
             late_guard: float | None = None) -> list[int] | list[bool]:
        """Registers (or bits) `start`..`start+count-1` of `unit`, or a LinkError.

        `timeout` overrides the link's for this read; `late_guard`, the wait before the
        next request to this unit should this one time out (default: the timeout).
        """
        client = self.client
        if client is None or not client.connected:
            self.close()
            raise LinkError(Quality.DISCONNECTED, f"{self.label} is not open")
        wait = self.timeout if timeout is None else timeout
        self._before_request(unit, wait)
        self._last_unit = unit
        client.comm_params.timeout_connect = wait
        self._rx = b""
        self.transactions += 1
        call = {1: client.read_coils, 2: client.read_discrete_inputs,
                3: client.read_holding_registers, 4: client.read_input_registers}[function]
        try:
            rr = call(start, count=count, device_id=unit)
        except ConnectionException as e:
            self.close()
            raise LinkError(Quality.DISCONNECTED, f"{self.label}: connection lost ({e})") from None
        except ModbusException as e:
            if not client.connected:
                self.close()
                raise LinkError(Quality.DISCONNECTED, f"{self.label}: connection lost ({e})") from None
            err = self._classify(function, unit, str(e))
            if err.quality != Quality.CRC_ERROR:
                self._timed_out(unit, wait, late_guard)  # its answer may still come
            raise err from None
        except (OSError, ValueError) as e:
            self.close()
            raise LinkError(Quality.DISCONNECTED, f"{self.label}: {e}") from None
        except Exception as e:  # a malformed frame may trip pymodbus' decoders
            raise LinkError(Quality.GARBAGE, f"unit {unit}: unreadable answer ({e!r})") from None
        self._check_frame(function, unit, count, rr)
        if rr.isError():
            code = getattr(rr, "exception_code", None)
            name = EXCEPTION_NAMES.get(code or 0, "unknown")
            raise LinkError(Quality.DEVICE_EXCEPTION,
                            f"unit {unit}: Modbus exception {code} ({name}) for function "
                            f"{function} at {start} count {count}", code)
        if function in (1, 2):
            bits = list(rr.bits[:count])
            if len(bits) != count:
                raise LinkError(Quality.GARBAGE, f"unit {unit}: {len(bits)} bits for {count} asked")
            return bits
        regs = list(rr.registers)
        if len(regs) != count:
            raise LinkError(Quality.GARBAGE, f"unit {unit}: {len(regs)} registers for {count} asked")
        return regs

    def _classify(self, function: int, unit: int, detail: str) -> LinkError:
        rx = self._rx
        if not rx:
            return LinkError(Quality.TIMEOUT, f"no answer from unit {unit}")
        if self.is_rtu and rx[0] != unit and _is_frame(rx):
            # a whole frame from another unit (a late answer of the previous request)
            self.late_answers[rx[0]] += 1
            return LinkError(Quality.TIMEOUT, f"no answer from unit {unit} (a frame from "
                             f"unit {rx[0]} came instead)")
        if "device id" in detail or "transaction id" in detail:
            return LinkError(Quality.GARBAGE, f"unit {unit}: answer for another request ({detail})")
        if self.endpoint.kind != "tcp" and len(rx) >= 4 and rx[0] == unit \
                and rx[1] in (function, function | 0x80):
            return LinkError(Quality.CRC_ERROR, f"unit {unit}: frame with bad CRC ({rx[:16].hex()})")
        return LinkError(Quality.GARBAGE, f"unit {unit}: garbage on the line ({rx[:16].hex()})")
