"""Build the sources (one per bus) for the devices a site config lists."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from deungdae.hardware.ksx3267_source import KsxBusSource, has_ksx_nodes
from deungdae.hardware.line import LineSource
from deungdae.hardware.modbus import ModbusLink
from deungdae.hardware.poller import DeviceConfig, ModbusSource, device_config
from deungdae.hardware.profiles import load_profile
from deungdae.hardware.simulator import SimulatorSource
from deungdae.hardware.source import ConfigError, Source
from deungdae.hardware.transport import list_serial_ports, parse_port


def build_sources(devices: list[dict], start_ms: int,
                  profile_dirs: Iterable[str | Path] = (), lister=list_serial_ports) -> list[Source]:
    """Group devices by bus and build one source per bus.

    Each device dict is a site config `[[devices]]` table: `id`, `profile`, and for real
    devices `port`, `unit`, `baud` (9600), `parity`/`bytesize`/`stopbits` (8N1),
    `interval` and `timeout` in seconds, `reconnect_max` (cap of the retry backoff,
    10 s) and `late_guard` (how long to wait out a late answer after a timeout; the
    timeout by default) (profile defaults apply). Simulated devices
    (`profile = "simulator"`) share one simulator source; Modbus devices on one port
    share one source; each line device gets its own.
    """
    dirs = list(profile_dirs)
    seen: set[str] = set()
    for d in devices:
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not d["id"]:
            raise ConfigError(f"every [[devices]] table needs a text 'id'; got {d!r}")
        if d["id"] in seen:
            raise ConfigError(f"device id '{d['id']}' is used twice")
        seen.add(d["id"])
        if not isinstance(d.get("profile"), str):
            raise ConfigError(f"device '{d['id']}': key 'profile': expected a profile name")
    sims = [d for d in devices if d["profile"] == "simulator"]
    sources: list[Source] = []
    buses: dict[str, list[DeviceConfig]] = {}
    for d in devices:
        if d["profile"] == "simulator":
            continue
        try:
            profile = load_profile(d["profile"], dirs)
        except ConfigError as e:
            raise ConfigError(f"device '{d['id']}': {e}") from e
        cfg = device_config(d, profile)
        ep = parse_port(cfg.port)
        if profile.protocol == "line":
            if ep.kind == "tcp":
                raise ConfigError(f"device '{cfg.id}': a line device needs a serial port or "
                                  f"pyserial URL, not {cfg.port}")
            if cfg.port in buses:
                raise ConfigError(f"device '{cfg.id}': port {cfg.port} is already used")
            buses[cfg.port] = []
            sources.append(LineSource(cfg, start_ms, lister))
            continue
        bus = buses.setdefault(cfg.port, [])
        if bus and bus[0].bus_key != cfg.bus_key:
            raise ConfigError(f"device '{cfg.id}': port {cfg.port} runs at "
                              f"{bus[0].baud} {bus[0].bytesize}{bus[0].parity}{bus[0].stopbits:g} "
                              f"for device '{bus[0].id}'; one bus has one speed and framing")
        if any(b.unit == cfg.unit for b in bus) and ep.kind != "tcp":
            other = next(b.id for b in bus if b.unit == cfg.unit)
            raise ConfigError(f"device '{cfg.id}': unit {cfg.unit} on {cfg.port} is also "
                              f"device '{other}'")
        if any(s.name == cfg.port for s in sources if isinstance(s, LineSource)):
            raise ConfigError(f"device '{cfg.id}': port {cfg.port} is used by a line device")
        bus.append(cfg)
    for port, cfgs in buses.items():
        if not cfgs:
            continue
        first = cfgs[0]
        link = ModbusLink(parse_port(port), baud=first.baud, parity=first.parity,
                          bytesize=first.bytesize, stopbits=first.stopbits,
                          timeout=max(c.timeout_s for c in cfgs), lister=lister)
        # a bus with KS X 3267 nodes learns each node before reading it
        kind = KsxBusSource if has_ksx_nodes(cfgs) else ModbusSource
        sources.append(kind(link, cfgs, start_ms, name=port))
    if sims:
        sources.insert(0, SimulatorSource.from_config(sims, start_ms))
    return sources
