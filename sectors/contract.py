"""The Qt-free half of the sector plugin contract.

A sector is any installed package that registers an object under the entry-point group
`deungdae.sectors`; ours register exactly as a third party would. The object offers an
id, a translatable name, templates (industry reference models that produce a site
config), a config check for its own `[sectors.<id>]` table, and rules that turn readings
into events. The Qt half (pages, manual-entry forms, settings pages, reports) lives in an
optional `views` module beside the contract object and is imported only by the GUI; see
`desktop/ui/sector_views.py` for what it may offer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "deungdae.sectors"


@dataclass(frozen=True, slots=True)
class Template:
    """An industry reference model: a ready site config a plant starts from."""

    name: str
    sector: str
    title: str
    path: Path

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    """What rules need to know of a channel (from the site config)."""

    key: str
    name: str
    unit: str
    alarm: dict


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Site facts rules may need: its time zone (for schedules in local time)."""

    timezone: str = "Asia/Seoul"


@runtime_checkable
class Rule(Protocol):
    def start(self, now_ms: int) -> None:
        """The engine starts watching at `now_ms` (silence counts from here)."""
        ...

    def on_entry(self, event: NewEvent) -> list[NewEvent]:
        """An operator's entry (manual value, check) was recorded; return events it causes."""
        ...

    def feed(self, readings: Sequence[Reading]) -> list[NewEvent]:
        """Look at new readings (time-ordered per channel); return events they cause."""
        ...

    def tick(self, now_ms: int) -> list[NewEvent]:
        """Time passed without readings; return events that causes (e.g. stale)."""
        ...


@dataclass(frozen=True, slots=True)
class ReportDef:
    """A report a sector offers: `period` is "day", "month" or "range"; formats by suffix."""

    name: str
    title: str
    period: str
    formats: tuple[str, ...]
    render: Callable[..., Path]


class Sector(Protocol):
    id: str
    name: str

    def templates(self) -> list[Template]: ...

    def check_config(self, section: dict) -> list[str]:
        """Problems with this sector's `[sectors.<id>]` table, each naming the key."""
        ...

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: RuleContext) -> list[Rule]: ...

    def reports(self) -> list[ReportDef]: ...


def discover() -> dict[str, Sector]:
    """All installed sectors by id. A sector that fails to load is logged and skipped."""
    found: dict[str, Sector] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            sector = ep.load()
        except Exception:
            log.exception("sector plugin %r failed to load; skipped", ep.name)
            continue
        found[sector.id] = sector
    return found


def all_templates(sectors: dict[str, Sector] | None = None) -> dict[str, Template]:
    sectors = discover() if sectors is None else sectors
    out: dict[str, Template] = {}
    for sector in sectors.values():
        for t in sector.templates():
            out[t.name] = t
    return out


def templates_in(folder: Path, sector: str) -> list[Template]:
    """Templates shipped as `<name>.toml` files whose first line is `# <title>`."""
    out = []
    for path in sorted(folder.glob("*.toml")):
        first = path.read_text(encoding="utf-8").splitlines()[0:1]
        title = first[0].lstrip("# ").strip() if first and first[0].startswith("#") else path.stem
        out.append(Template(path.stem, sector, title, path))
    return out
