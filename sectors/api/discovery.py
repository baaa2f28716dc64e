"""Finding installed sectors and refusing the ones that clash.

`discover()` loads every `deungdae.sectors` entry point and keeps a sector only if its
declarations fit with the shell's and with the sectors already accepted: a kind declared
twice or already taken, a table that collides with the record layout, bad migrations,
a report with an unknown period. A refused sector is logged with one message naming it
and what clashes (`refused()` keeps the messages for the window and `doctor`), and the
app carries on with the others.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from importlib.metadata import entry_points

from deungdae.records import layout
from deungdae.sectors.api.contract import (
    ChannelSpec,
    Sector,
    Template,
    event_kinds_of,
    migrations_of,
    reports_of,
    tables_of,
)
from deungdae.sectors.api.derived import DerivedChannel
from deungdae.sectors.api.kinds import SHELL_KINDS, KindRegistry
from deungdae.sectors.api.tables import migration_problems

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "deungdae.sectors"
_refused: dict[str, str] = {}


def sector_problems(sector: object, kinds: KindRegistry) -> list[str]:
    """Why `sector` cannot join (empty: it can); on success its kinds are in `kinds` and
    its tables in the record layout."""
    sid = getattr(sector, "id", None)
    if not isinstance(sid, str) or not layout._NAME.match(sid):
        return [f"sector {sid!r}: its id must be lower-case letters, digits and _"]
    trial = KindRegistry(dict(kinds.kinds), dict(kinds.owners))
    problems = trial.add(sid, event_kinds_of(sector))
    problems += migration_problems(sid, migrations_of(sector))
    for rep in reports_of(sector):
        try:
            rep.period_def  # noqa: B018 - resolves or raises naming the period
        except (ValueError, AttributeError) as exc:
            problems.append(f"sector {sid!r}: {exc}")
    if problems:
        return problems
    try:
        for t in tables_of(sector):
            if t.owner != sid:
                raise layout.LayoutError(f"sector {sid!r}: table {t.name!r} is owned by "
                                         f"{t.owner!r}")
            layout.register_sector_table(t)
    except layout.LayoutError as exc:
        layout.unregister_sector_tables(sid)
        return [str(exc)]
    kinds.kinds, kinds.owners = trial.kinds, trial.owners
    return []


def discover() -> dict[str, Sector]:
    """All installed sectors that fit, by id. Loading failures and clashes are logged."""
    found: dict[str, Sector] = {}
    kinds = shell_registry()
    _refused.clear()
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            sector = ep.load()
        except Exception as exc:
            log.exception("sector plugin %r failed to load; skipped", ep.name)
            _refused[ep.name] = f"sector {ep.name!r} failed to load: {exc}"
            continue
        if getattr(sector, "id", None) in found:
            problems = [f"sector {sector.id!r} is installed twice (entry point {ep.name!r})"]
        else:
            try:
                problems = sector_problems(sector, kinds)
            except Exception as exc:  # a sector's bug refuses that sector, not the app
                log.exception("sector %r failed its checks", ep.name)
                layout.unregister_sector_tables(str(getattr(sector, "id", ep.name)))
                problems = [f"sector {getattr(sector, 'id', ep.name)!r} failed while it was "
                            f"checked: {type(exc).__name__}: {exc}"]
        if problems:
            msg = "; ".join(problems)
            log.error("sector refused: %s", msg)
            _refused[str(getattr(sector, "id", ep.name))] = msg
            continue
        found[sector.id] = sector
    return found


def refused() -> dict[str, str]:
    """Sectors the last `discover()` refused, with the one message saying why."""
    return dict(_refused)


def shell_registry() -> KindRegistry:
    reg = KindRegistry()
    problems = reg.add("shell", SHELL_KINDS)
    assert not problems, problems
    return reg


def event_kinds(sectors: dict[str, Sector] | None = None) -> KindRegistry:
    """The shell's kinds and those of `sectors` (default: every installed sector)."""
    sectors = discover() if sectors is None else sectors
    reg = shell_registry()
    for sid, sector in sectors.items():
        problems = reg.add(sid, event_kinds_of(sector))
        if problems:
            log.error("sector %r: kinds ignored: %s", sid, "; ".join(problems))
    return reg


def derived_problems(sector: str, derived: Sequence[DerivedChannel],
                     channels: Sequence[ChannelSpec]) -> list[str]:
    """A derived channel whose key is taken or whose inputs do not exist."""
    measured = {c.key for c in channels}
    known = set(measured)
    out = []
    for d in derived:
        if d.key in known:
            out.append(f"sector {sector!r}: derived channel {d.key!r} collides with a "
                       "channel of that key")
        known.add(d.key)
    for d in derived:
        missing = [i for i in d.inputs if i not in known or i == d.key]
        if missing or not d.inputs:
            out.append(f"sector {sector!r}: derived channel {d.key!r} has inputs that do not "
                       f"exist: {', '.join(missing) or '(none given)'} "
                       f"(channels: {', '.join(sorted(known - {d.key}))})")
    return out


def all_templates(sectors: dict[str, Sector] | None = None) -> dict[str, Template]:
    sectors = discover() if sectors is None else sectors
    out: dict[str, Template] = {}
    for sector in sectors.values():
        for t in sector.templates():
            out[t.name] = t
    return out
