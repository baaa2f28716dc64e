"""Serial ports as a person picks them: what is plugged in here, and is a typed port sane?

`detected_ports()` lists the serial ports with their USB description, serial number and
vid:pid, each with the port string to save (`spec`): an adapter with a serial number of
its own is saved as `usb:serial=...`, so it is found again after it moves to another USB
port; one without (many CH340 adapters) by vid/pid and USB location; a built-in port by
its name. `check_port()` turns what a user typed into an `Endpoint` or one clear
message: a malformed URL, a port that does not exist here (with the ports that do).

Qt-free, so the window (on a worker thread), the CLI and the scanner share it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from deungdae.hardware.source import ConfigError
from deungdae.hardware.transport import Endpoint, PortInfo, list_serial_ports, match_usb, parse_port

URL_SCHEMES = ("socket", "rfc2217", "loop", "spy", "hwgrep", "alt", "cp2110", "tcp")
_HOSTPORT = re.compile(r"^\[?[A-Za-z0-9.\-:]+\]?:\d{1,5}$")
_WINDOWS_COM = re.compile(r"^COM\d{1,3}$", re.IGNORECASE)


class PortError(ValueError):
    """A port that cannot be used as typed; the message says what to write or check."""


@dataclass(frozen=True, slots=True)
class PortChoice:
    """One detected port, with the port string a device config should keep."""

    device: str
    description: str
    spec: str
    serial_number: str | None = None
    vid: int | None = None
    pid: int | None = None
    manufacturer: str | None = None
    product: str | None = None
    location: str | None = None

    @property
    def vid_pid(self) -> str:
        return "" if self.vid is None else f"{self.vid:04x}:{self.pid or 0:04x}"

    @property
    def by_serial_number(self) -> bool:
        return self.spec.startswith("usb:serial=")

    @property
    def label(self) -> str:
        """`/dev/ttyUSB0 — FT232R USB UART (0403:6001, serial A10K3X)` for a list."""
        what = self.description if self.description not in ("", "n/a") else (self.product or "")
        ids = ", ".join(x for x in (self.vid_pid, self.serial_number and
                                    f"serial {self.serial_number}") if x)
        out = self.device
        if what and what != self.device:
            out += f" — {what}"
        return out + (f" ({ids})" if ids else "")


def default_spec(port: PortInfo, others: list[PortInfo]) -> str:
    """The port string that finds this adapter again (by serial number when it has one).

    A serial number shared by two plugged adapters (cheap clones ship one number for
    all) tells nothing apart, so such an adapter is kept by vid/pid and USB location.
    """
    if port.vid is None:
        return port.device
    sn = port.serial_number
    if sn and sum(1 for p in others if p.serial_number == sn) == 1:
        return f"usb:serial={sn}"
    return f"usb:vid={port.vid:04x},pid={port.pid or 0:04x},location={port.location or ''}"


def detected_ports(lister: Callable[[], list[PortInfo]] = list_serial_ports) -> list[PortChoice]:
    """The serial ports on this machine, USB adapters first; [] when none (or no support)."""
    try:
        ports = lister()
    except Exception:  # a broken port driver must not break a settings page
        return []
    out = [PortChoice(device=p.device, description=p.description, spec=default_spec(p, ports),
                      serial_number=p.serial_number, vid=p.vid, pid=p.pid,
                      manufacturer=p.manufacturer, product=p.product, location=p.location)
           for p in ports]
    return sorted(out, key=lambda c: (c.vid is None, c.device))


def _names(ports: list[PortInfo]) -> str:
    return ", ".join(p.device for p in ports) if ports else "no serial ports found"


def check_port(text: str, lister: Callable[[], list[PortInfo]] = list_serial_ports,
               must_exist: bool = True) -> Endpoint:
    """What a typed port means, or a `PortError` that says what is wrong with it.

    Accepted: a port name (`COM3`, `/dev/ttyUSB0`), a pyserial URL (`socket://host:port`
    for RTU through a serial device server, `rfc2217://host:port`, `loop://`), Modbus
    TCP (`tcp://host[:port]`) and `usb:serial=...` style adapter lookups. With
    `must_exist`, a local serial port or USB adapter that is not here is an error
    naming the ports that are.
    """
    if not isinstance(text, str) or not text.strip():
        raise PortError("no port given: choose a detected port or type one, e.g. COM3, "
                        "/dev/ttyUSB0, socket://10.0.0.5:502 or tcp://10.0.0.5:502")
    spec = text.strip()
    if _HOSTPORT.match(spec) and not _WINDOWS_COM.match(spec):
        raise PortError(f"'{spec}' has no scheme: write tcp://{spec} for a Modbus TCP "
                        f"device or socket://{spec} for RTU through a serial device server")
    scheme = spec.split("://", 1)[0].lower() if "://" in spec else ""
    if scheme:
        if scheme not in URL_SCHEMES:
            raise PortError(f"'{spec}': unknown URL scheme '{scheme}://' (known: "
                            f"{', '.join(s + '://' for s in URL_SCHEMES)})")
        if scheme in ("socket", "rfc2217", "tcp"):
            try:
                u = urlsplit(spec)
                host, port = u.hostname, u.port
            except ValueError as e:
                raise PortError(f"'{spec}': {e}; expected {scheme}://host:port, e.g. "
                                f"{scheme}://10.0.0.5:{4001 if scheme != 'tcp' else 502}") from None
            if not host:
                raise PortError(f"'{spec}': no host; expected {scheme}://host:port")
            if port is None and scheme != "tcp":
                raise PortError(f"'{spec}': no TCP port; expected {scheme}://{host}:PORT "
                                "(the serial device server's port, often 4001 or 502)")
            if port == 0:
                raise PortError(f"'{spec}': port 0 is not a TCP port")
    try:
        ep = parse_port(spec)
    except ConfigError as e:
        raise PortError(str(e)) from None
    if not must_exist:
        return ep
    if ep.kind == "usb":
        ports = _list(lister)
        found = match_usb(ep, ports)
        if not found:
            raise PortError(f"no USB serial adapter matches '{spec}' (found: {_names(ports)}) "
                            "— is the adapter plugged in?")
        if len(found) > 1:
            raise PortError(f"'{spec}' matches several adapters "
                            f"({', '.join(p.device for p in found)}); add serial= or location=")
    elif ep.kind == "serial" and not scheme:
        ports = _list(lister)
        if not _local_port_exists(spec, ports):
            raise PortError(f"port {spec} does not exist (found: {_names(ports)})")
    return ep


def _list(lister: Callable[[], list[PortInfo]]) -> list[PortInfo]:
    try:
        return lister()
    except Exception:
        return []


def _local_port_exists(name: str, ports: list[PortInfo]) -> bool:
    if any(p.device == name for p in ports):
        return True
    if sys.platform.startswith("win"):
        return any(p.device.upper() == name.upper() for p in ports)
    return os.path.exists(name)


def port_choices_text(choices: list[PortChoice]) -> list[str]:
    """The lines `deungdae ports` prints for these ports."""
    lines = []
    for c in choices:
        lines.append(c.label)
        if c.vid is not None:
            how = "by its serial number" if c.by_serial_number else "by its USB ids and socket"
            lines.append(f"    port = \"{c.spec}\"   (finds this adapter {how})")
    return lines
