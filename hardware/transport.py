"""Where a bus is: serial port names and pyserial URLs, Modbus TCP, and USB adapters
found by their USB identity so they are found again after moving to another port.

Port strings a site config may use:

- any name or URL pyserial opens: `COM3`, `/dev/ttyUSB0`, `socket://host:port` (RTU
  framed over TCP, as serial device servers do), `rfc2217://host:port`, `loop://`;
- `tcp://host[:port]`: Modbus TCP (port 502 by default);
- `usb:serial=A10K3X`, `usb:vid=0403,pid=6001`, `usb:vid=1a86,pid=7523,location=1-1.2`:
  the USB serial adapter with these properties, looked up on every (re)connect. Keys:
  `serial`, `vid`, `pid` (hex), `location`, `description` (substring). An adapter
  found more than once is an error, so give the serial number when two alike are plugged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from deungdae.hardware.source import ConfigError

USB_KEYS = ("serial", "vid", "pid", "location", "description")


@dataclass(frozen=True, slots=True)
class PortInfo:
    device: str
    description: str = ""
    hwid: str = ""
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    location: str | None = None
    manufacturer: str | None = None
    product: str | None = None

    def usb_spec(self) -> str:
        """The port string that finds this adapter again wherever it is plugged."""
        if self.vid is None:
            return self.device
        if self.serial_number:
            return f"usb:serial={self.serial_number}"
        return f"usb:vid={self.vid:04x},pid={self.pid or 0:04x},location={self.location or ''}"


def list_serial_ports() -> list[PortInfo]:
    from serial.tools import list_ports

    out = []
    for p in list_ports.comports():
        out.append(PortInfo(device=p.device, description=p.description or "", hwid=p.hwid or "",
                            vid=p.vid, pid=p.pid, serial_number=p.serial_number,
                            location=p.location, manufacturer=p.manufacturer,
                            product=p.product))
    return sorted(out, key=lambda p: p.device)


@dataclass(frozen=True, slots=True)
class Endpoint:
    kind: str  # "serial" (pyserial URL or name), "usb" (looked up), "tcp" (Modbus TCP)
    spec: str
    host: str = ""
    tcp_port: int = 502
    usb: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return self.spec


def parse_port(spec: str) -> Endpoint:
    if not isinstance(spec, str) or not spec.strip():
        raise ConfigError(f"port must be a port name or URL, got {spec!r}")
    spec = spec.strip()
    low = spec.lower()
    if low.startswith("tcp://"):
        try:
            u = urlsplit(spec)
            host, tcp_port = u.hostname, u.port or 502
        except ValueError:
            host, tcp_port = None, 0
        if not host:
            raise ConfigError(f"port '{spec}': expected tcp://host[:port] with a numeric port")
        return Endpoint("tcp", spec, host=host, tcp_port=tcp_port)
    if low.startswith("usb:"):
        pairs = []
        for part in spec[4:].split(","):
            if not part.strip():
                continue
            key, eq, val = part.partition("=")
            key = key.strip().lower()
            if not eq or key not in USB_KEYS or not val.strip():
                raise ConfigError(f"port '{spec}': expected usb:key=value[,key=value] with keys "
                                  f"{', '.join(USB_KEYS)}; got '{part}'")
            if key in ("vid", "pid"):
                try:
                    int(val, 16)
                except ValueError:
                    raise ConfigError(f"port '{spec}': {key} must be hexadecimal like 0403") from None
            pairs.append((key, val.strip()))
        if not pairs:
            raise ConfigError(f"port '{spec}': say which adapter, e.g. usb:serial=A10K3X")
        return Endpoint("usb", spec, usb=tuple(pairs))
    return Endpoint("serial", spec)


def match_usb(ep: Endpoint, ports: Iterable[PortInfo]) -> list[PortInfo]:
    found = []
    for p in ports:
        if p.vid is None:
            continue
        ok = True
        for key, val in ep.usb:
            if key == "serial":
                ok &= (p.serial_number or "") == val
            elif key == "vid":
                ok &= p.vid == int(val, 16)
            elif key == "pid":
                ok &= p.pid == int(val, 16)
            elif key == "location":
                ok &= (p.location or "") == val
            elif key == "description":
                ok &= val.lower() in (p.description or "").lower()
        if ok:
            found.append(p)
    return found


class PortNotFound(OSError):
    pass


def resolve(ep: Endpoint, lister: Callable[[], list[PortInfo]] = list_serial_ports) -> str:
    """The port name or URL to open now for this endpoint (USB adapters looked up)."""
    if ep.kind != "usb":
        return ep.spec if ep.kind == "serial" else f"{ep.host}:{ep.tcp_port}"
    found = match_usb(ep, lister())
    if not found:
        raise PortNotFound(f"no USB serial adapter matches '{ep.spec}' (unplugged?)")
    if len(found) > 1:
        names = ", ".join(p.device for p in found)
        raise PortNotFound(f"'{ep.spec}' matches several adapters ({names}); add serial= to tell them apart")
    return found[0].device
