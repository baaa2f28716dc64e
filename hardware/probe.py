"""One-shot reads for the CLI: is a device there, and what does it say?

A KS X 3267 profile (`ksx3267-sensor-node`, `ksx3267-actuator-node`) probes the node by
what it says it is (`probe_ksx3267`): node info, edition, device codes, then one read of
its channels with their status words as quality.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deungdae.hardware.ksx3267 import KsxError, KsxNode, NodeLayout, profile_role
from deungdae.hardware.ksx3267_source import KsxBusSource
from deungdae.hardware.line import LineSource
from deungdae.hardware.modbus import LinkError, ModbusLink, framing
from deungdae.hardware.poller import ModbusSource, device_config
from deungdae.hardware.profiles import load_profile
from deungdae.hardware.reading import DeviceEvent, Quality, Reading
from deungdae.hardware.transport import list_serial_ports, parse_port


class ProbeError(Exception):
    """The device did not answer usefully; the message says what to check."""


def probe(port: str, profile: str, unit: int = 1, baud: int = 9600, timeout: float = 1.0,
          parity: str = "N", bytesize: int = 8, stopbits: float = 1,
          profile_dirs: Iterable[str | Path] = (), lister=list_serial_ports) -> list[Reading]:
    prof = load_profile(profile, profile_dirs)
    if profile_role(prof):
        return probe_ksx3267(port, profile, unit=unit, baud=baud, timeout=timeout, parity=parity,
                             bytesize=bytesize, stopbits=stopbits, profile_dirs=profile_dirs,
                             lister=lister).readings
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


@dataclass(frozen=True, slots=True)
class KsxProbe:
    """What a KS X 3267 node said about itself, and one read of its channels."""

    unit: int
    node: KsxNode
    layout: NodeLayout
    readings: list[Reading]
    events: list[DeviceEvent]

    def point(self, reading: Reading) -> str:
        return reading.channel.split(".", 1)[1]


def probe_ksx3267(port: str, profile: str, unit: int = 1, baud: int = 9600,
                  timeout: float = 1.0, parity: str = "N", bytesize: int = 8,
                  stopbits: float = 1, profile_dirs: Iterable[str | Path] = (),
                  lister=list_serial_ports) -> KsxProbe:
    """Learn the node at `unit` and read its channels once; ProbeError says what is wrong."""
    prof = load_profile(profile, profile_dirs)
    if not profile_role(prof):
        raise ProbeError(f"profile '{profile}' is not a KS X 3267 node profile "
                         "(ksx3267-sensor-node, ksx3267-actuator-node)")
    cfg = device_config({"id": "probe", "port": port, "unit": unit, "baud": baud,
                         "parity": parity, "bytesize": bytesize, "stopbits": stopbits,
                         "timeout": timeout, "interval": max(timeout, 0.1)}, prof)
    ep = parse_port(port)
    where = f"at {port}" if ep.kind == "tcp" else \
        f"at {framing(baud, parity, bytesize, stopbits)} on {port}"
    link = ModbusLink(ep, baud=baud, parity=parity, bytesize=bytesize, stopbits=stopbits,
                      timeout=timeout, lister=lister)
    now = time.time_ns() // 1_000_000
    src = KsxBusSource(link, [cfg], now)
    try:
        try:
            link.open()
        except LinkError as e:
            raise ProbeError(f"cannot open {port}: {e}") from None
        try:
            layout = src.learn(src.devices[0])
        except LinkError as e:
            raise ProbeError(_node_info_failed(e, unit, where)) from None
        except KsxError as e:
            raise ProbeError(f"unit {unit} {where} does not answer as a KS X 3267 node: {e} "
                             "— check the unit id and the profile") from None
        res = src.poll_due(now)
    finally:
        src.close()
    return KsxProbe(unit, layout.node, layout, res.readings, res.events)


def _node_info_failed(e: LinkError, unit: int, where: str) -> str:
    if e.quality & Quality.DISCONNECTED:
        return f"lost the port while asking unit {unit}: {e}"
    if e.quality & Quality.TIMEOUT:
        return f"no answer from unit {unit} {where} — check wiring, unit id, baud"
    if e.quality & Quality.DEVICE_EXCEPTION:
        return (f"unit {unit} {where} refuses the KS X 3267 node info or device codes: {e} "
                "— is it a KS X 3267 node?")
    return f"unit {unit} {where} answered badly: {e} — check baud, parity and the unit id"
