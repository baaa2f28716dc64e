"""Build the sources (one per bus) for the devices a site config lists."""

from __future__ import annotations

from hardware.simulator import SimulatorSource
from hardware.source import ConfigError, Source


def build_sources(devices: list[dict], start_ms: int) -> list[Source]:
    """Group devices by bus and build one source per bus.

    Each device dict has at least `id` and `profile`; simulated devices share one
    simulator source.
    """
    sims = [d for d in devices if d.get("profile") == "simulator"]
    others = [d for d in devices if d.get("profile") != "simulator"]
    if others:
        names = ", ".join(f"'{d['id']}' ({d.get('profile')})" for d in others)
        raise ConfigError(f"devices {names}: unknown profile; known profiles: simulator")
    return [SimulatorSource.from_config(sims, start_ms)] if sims else []
