"""Headline figures: what the central platform shows for a plant beside its incidents.

Central runs no sector code and must not know what an energy meter or a production count
is. So a sector declares its plant's headline figures (`Figure`: a title in both
languages, the channels it is computed from, how), the engine records the declarations as
one sealed config change (entity `headline_figures`, key `declared`) whenever they change,
and central computes each figure generically over the window asked for
(`central.queries`), reading only this module (standard library only, like `kinds`).

A sector offers them with an optional method on its `Sector` object:

    def headline_figures(self, section, channels, context) -> list[Figure]

Methods: `delta` (last good value minus first good value in the window, for counters such
as kWh registers or piece counts) and `latest` (the newest good value). Each input has a
factor (e.g. 0.001 for a Wh register shown in kWh); the figure is the sum over inputs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from deungdae.records.store import Store

DECLARED_ENTITY = "headline_figures"
METHODS = ("delta", "latest")
log = logging.getLogger(__name__)
Method = Literal["delta", "latest"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One headline figure: `sum(factor * method(channel))` over its inputs, in `unit`."""

    key: str
    title_en: str
    title_ko: str
    unit: str
    inputs: tuple[tuple[str, float], ...]  # (channel key, factor)
    method: Method = "delta"
    owner: str = ""

    def problem(self) -> str | None:
        if not self.key or not self.inputs:
            return f"figure {self.key!r} needs a key and at least one input channel"
        if self.method not in METHODS:
            return f"figure {self.key!r}: method must be one of {', '.join(METHODS)}"
        if not all(isinstance(c, str) and c and isinstance(f, (int, float))
                   for c, f in self.inputs):
            return f"figure {self.key!r}: inputs are (channel key, factor) pairs"
        return None

    def to_json(self) -> dict:
        return {"key": self.key, "title_en": self.title_en, "title_ko": self.title_ko,
                "unit": self.unit, "method": self.method, "owner": self.owner,
                "inputs": [{"channel": c, "factor": float(f)} for c, f in self.inputs]}

    @classmethod
    def from_json(cls, d: Mapping) -> Figure:
        return cls(str(d["key"]), str(d.get("title_en", "")), str(d.get("title_ko", "")),
                   str(d.get("unit", "")),
                   tuple((str(i["channel"]), float(i.get("factor", 1.0)))
                         for i in d.get("inputs", ())),
                   d.get("method", "delta"), str(d.get("owner", "")))


def figures_from_json(items: object) -> list[Figure]:
    """Declarations read back (central); damaged ones are left out."""
    out = []
    for d in items if isinstance(items, list) else ():
        try:
            f = Figure.from_json(d)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if f.problem() is None:
            out.append(f)
    return out


def figures_of(sector: object, section: dict, channels: Sequence, context: object
               ) -> list[Figure]:
    """A sector's figures for this site (none if it declares none); owner set to its id."""
    fn = getattr(sector, "headline_figures", None)
    if fn is None:
        return []
    sid = str(getattr(sector, "id", ""))
    out = []
    for f in fn(section, channels, context):
        problem = f.problem()
        if problem:
            log.error("sector %r: headline figure left out: %s", sid, problem)
            continue
        out.append(Figure(f.key, f.title_en, f.title_ko, f.unit, tuple(f.inputs), f.method,
                          f.owner or sid))
    return out


def record_declared_figures(store: Store, figures: Iterable[Figure],
                            user: str = "system") -> bool:
    """Append the declaration if it differs from the last one recorded; True if it did."""
    declared = [f.to_json() for f in figures]
    last = store.config_changes(DECLARED_ENTITY, "declared")
    if (last and last[-1]["new"] == declared) or (not last and not declared):
        return False
    store.record_config_change(DECLARED_ENTITY, "declared", None, declared, user,
                               "headline figures declared by the sectors, for the platform")
    return True
