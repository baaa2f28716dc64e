"""The sector contract itself: what a sector object offers and what rules look like.

A sector is any installed package that registers an object under the entry-point group
`deungdae.sectors`; ours register exactly as a third party would. Only `id`, `name`,
`templates`, `check_config`, `rules` and `reports` are required; everything else has a
default in `SectorBase` (subclass it) and is read through the `*_of` helpers, so a
version-1 sector still loads. A sector's Qt half (pages, forms) lives in an optional
`views` module imported only by the GUI, built from `desktop/ui/kit` alone; no module of
a sector imports `desktop` otherwise (import-linter keeps it).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from deungdae.hardware.reading import Reading
from deungdae.records.layout import Table
from deungdae.records.store import NewEvent
from deungdae.sectors.api.derived import DerivedChannel, RuleOutput
from deungdae.sectors.api.kinds import EventKind
from deungdae.sectors.api.periods import PERIODS, Period
from deungdae.sectors.api.site import SiteContext
from deungdae.sectors.api.tables import Migration

API_VERSION = 2
LANGUAGE_PARAMS = ("lang", "language")
RuleContext = SiteContext  # rules get the whole site context (v1 had only the time zone)


@dataclass(frozen=True, slots=True)
class Template:
    """An industry reference model: a ready site config a plant starts from."""

    name: str
    sector: str
    title: str
    path: Path
    title_ko: str = ""

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def label(self, lang: str) -> str:
        """Its title in `lang` (English where the template gives no Korean one)."""
        return self.title_ko if lang.startswith("ko") and self.title_ko else self.title


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    """What rules need to know of a channel (from the site config)."""

    key: str
    name: str
    unit: str
    alarm: dict


@runtime_checkable
class Rule(Protocol):
    """Turns readings and entries into events (and readings of derived channels).

    A rule may also have `reads`, a set (or dict keys view) of the channel keys it uses:
    the engine then calls `feed` only for batches holding at least one of them (the batch
    may hold others too), so a rule is not woken for every derived reading of another.
    Without `reads` it sees every batch.

    A rule whose conditions last (an alarm that is on, a CCP beyond its limit) may also
    have `resumes`, the event kinds it raises and ends, and `resume(Resume) -> events`:
    called once before `start` with those events from the record, it takes up what was
    open when the logger stopped instead of raising it again (`sectors.api.resume`).
    """

    def start(self, now_ms: int) -> None:
        """The engine starts watching at `now_ms` (silence counts from here)."""
        ...

    def on_entry(self, event: NewEvent) -> list[NewEvent]:
        """An operator's entry (manual value, check) was recorded; return events it causes."""
        ...

    def feed(self, readings: Sequence[Reading]) -> list[NewEvent] | RuleOutput:
        """Look at new readings (time-ordered per channel, measured and derived).

        Return the events they cause, or a `RuleOutput` with events and readings of the
        sector's derived channels (the engine makes those from bad inputs missing).
        """
        ...

    def tick(self, now_ms: int) -> list[NewEvent]:
        """Time passed without readings; return events that causes (e.g. stale)."""
        ...


@dataclass(frozen=True, slots=True)
class ReportDef:
    """A report a sector offers.

    `period` is a built-in period key (`periods.PERIODS`: day, shift, week, month,
    range) or a `Period` of the sector's own (a lot, a crop cycle). `render(store,
    site_config_raw, start, end, out_path, integrity)` writes `out_path`; the format is
    its suffix, one of `formats`.
    """

    name: str
    title: str
    period: str | Period
    formats: tuple[str, ...]
    render: Callable[..., Path]
    title_ko: str = ""

    @property
    def period_def(self) -> Period:
        if isinstance(self.period, Period):
            return self.period
        try:
            return PERIODS[self.period]
        except KeyError:
            raise ValueError(f"report {self.name!r}: unknown period {self.period!r} "
                             f"(periods: {', '.join(PERIODS)})") from None

    @property
    def period_key(self) -> str:
        return self.period.key if isinstance(self.period, Period) else self.period

    @property
    def language_param(self) -> str | None:
        """The keyword `render` takes the language by (`lang` or `language`), if any: a
        version-2 renderer without one renders in its own fixed language."""
        try:
            params = inspect.signature(self.render).parameters
        except (TypeError, ValueError):
            return None
        return next((p for p in LANGUAGE_PARAMS if p in params), None)

    def make(self, store: object, site_raw: dict, start: object, end: object, out: Path,
             integrity: tuple[bool, str], lang: str = "") -> Path:
        """Render in `lang` when the renderer takes a language (the window and the CLI
        both come through here, so a Korean PDF from an English window is the same file)."""
        kwargs = {}
        if lang and self.language_param is not None:
            kwargs[self.language_param] = lang
        return self.render(store, site_raw, start, end, out, integrity, **kwargs)


class Sector(Protocol):
    """What every sector object offers (see `SectorBase` for the optional rest)."""

    id: str
    name: str

    def templates(self) -> list[Template]: ...

    def check_config(self, section: dict) -> list[str]:
        """Problems with this sector's `[sectors.<id>]` table, each naming the key."""
        ...

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: SiteContext) -> list[Rule]: ...

    def reports(self) -> list[ReportDef]: ...


class SectorBase:
    """Defaults for the optional parts of the contract; a sector subclasses it."""

    id: str = ""
    name: str = ""
    name_ko: str = ""
    api_version: int = API_VERSION

    def event_kinds(self) -> list[EventKind]:
        """Every kind of event the sector records (`<id>.<what>`), with its lifecycle part."""
        return []

    def derived_channels(self, section: dict, channels: Sequence[ChannelSpec],
                         context: SiteContext) -> list[DerivedChannel]:
        """Channels the sector's rules compute for this site config."""
        return []

    def tables(self) -> list[Table]:
        """Record tables of its own (owner = id, named `<id>_<name>`)."""
        return []

    def migrations(self) -> list[Migration]:
        """Ordered schema steps for its tables (see `tables.migrate`)."""
        return []

    def reports(self) -> list[ReportDef]:
        return []


def event_kinds_of(sector: object) -> list[EventKind]:
    return list(getattr(sector, "event_kinds", lambda: [])())


def derived_channels_of(sector: object, section: dict, channels: Sequence[ChannelSpec],
                        context: SiteContext) -> list[DerivedChannel]:
    fn = getattr(sector, "derived_channels", None)
    return [] if fn is None else list(fn(section, channels, context))


def tables_of(sector: object) -> list[Table]:
    return list(getattr(sector, "tables", lambda: [])())


def migrations_of(sector: object) -> list[Migration]:
    return list(getattr(sector, "migrations", lambda: [])())


def reports_of(sector: object) -> list[ReportDef]:
    return list(getattr(sector, "reports", lambda: [])())


def templates_in(folder: Path, sector: str) -> list[Template]:
    """Templates shipped as `<name>.toml` files that open with `# en: <title>` and
    `# ko: <제목>` (or, a plant's own, with one `# <title>` line)."""
    out = []
    for path in sorted(folder.glob("*.toml")):
        head = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            head.append(line.lstrip("#").strip())
        said = {k: t.split(":", 1)[1].strip() for t in head for k in ("en", "ko")
                if t.startswith(f"{k}:")}
        title = said.get("en") or (head[0] if head else path.stem)
        out.append(Template(path.stem, sector, title, path, said.get("ko", "")))
    return out
