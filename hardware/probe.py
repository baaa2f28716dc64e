"""One-shot reads for the CLI: is a device there, and what does it say?"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from deungdae.hardware.line import LineSource
from deungdae.hardware.modbus import ModbusLink, framing
from deungdae.hardware.poller import ModbusSource, device_config
from deungdae.hardware.profiles import load_profile
from deungdae.hardware.reading import Quality, Reading
from deungdae.hardware.transport import list_serial_ports, parse_port


class ProbeError(Exception):
    """The device did not answer usefully; the message says what to check."""


def probe(port: str, profile: str, unit: int = 1, baud: int = 9600, timeout: float = 1.0,
          parity: str = "N", bytesize: int = 8, stopbits: float = 1,
          profile_dirs: Iterable[str | Path] = (), lister=list_serial_ports) -> list[Reading]:
    prof = load_profile(profile, profile_dirs)
    cfg = device_config({"id": "probe", "port": port, "unit": unit, "baud": baud,
                         "parity": parity, "bytesize": bytesize, "stopbits": stopbits,
                         "timeout": timeout, "interval": max(timeout, 0.1)}, prof)
    now = time.time_ns() // 1_000_000
    where = f"at {framing(baud, parity, bytesize, stopbits)} on {port}"
    if prof.protocol == "line":
        src = LineSource(cfg, now, lister)
        try:
            wait = max(2 * timeout, 1.0) + 0.5
            deadline = time.monotonic() + wait
            while True:
                res = src.poll_due(time.time_ns() // 1_000_000)
                good = [r for r in res.readings if r.value is not None]
                if good:
                    return good
                if any(r.quality & Quality.DISCONNECTED for r in res.readings):
                    raise ProbeError(f"cannot open {port}: {src.message}")
                if time.monotonic() > deadline:
                    raise ProbeError(f"no line matching profile '{profile}' {where} within "
                                     f"{wait:.1f} s — check the port, baud and the device's "
                                     "output format")
                time.sleep(0.05)
        finally:
            src.close()
    ep = parse_port(port)
    link = ModbusLink(ep, baud=baud, parity=parity, bytesize=bytesize, stopbits=stopbits,
                      timeout=timeout, lister=lister)
    src = ModbusSource(link, [cfg], now)
    try:
        res = src.poll_due(now)
    finally:
        src.close()
    if ep.kind == "tcp":
        where = f"at {port}"
    qs = [r.quality for r in res.readings]
    if qs and all(q & Quality.DISCONNECTED for q in qs):
        raise ProbeError(f"cannot open {port}: {src.link_message}")
    if qs and all(q & Quality.TIMEOUT for q in qs):
        raise ProbeError(f"no answer from unit {unit} {where} — check wiring, unit id, baud")
    if qs and all(r.value is None for r in res.readings):
        msg = src.devices[0].last_message
        raise ProbeError(f"unit {unit} {where} answered badly: {msg} — check the profile, "
                         "unit id and parity")
    return res.readings
