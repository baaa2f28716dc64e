"""Beehives: a derived dew point, a swarm-alarm incident and an inspection table of its own.

Written as an outside author would, against `deungdae.sectors.api` alone.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from pathlib import Path

from deungdae.hardware.reading import Reading
from deungdae.records.layout import Column, Table
from deungdae.records.store import NewEvent
from deungdae.sectors.api import (
    ChannelSpec,
    DerivedChannel,
    EventKind,
    IncidentField,
    Migration,
    Period,
    ReportDef,
    RuleOutput,
    SectorBase,
    SiteContext,
    Template,
    templates_in,
)
from deungdae.sectors.api.periods import range_

KEYS = {"temperature", "humidity", "swarm_above"}
INSPECTION = Table("hive_inspection", (
    Column("id", "int"), Column("ts", "int"), Column("hive"), Column("note"),
    Column("user")), owner="hive", title="hive inspections")


def dew_point(t: float, rh: float) -> float:
    """Magnus formula, °C."""
    a, b = 17.62, 243.12
    g = math.log(max(rh, 0.1) / 100.0) + a * t / (b + t)
    return b * g / (a - g)


class HiveRule:
    def __init__(self, t_key: str, rh_key: str, limit: float) -> None:
        self.t_key, self.rh_key, self.limit = t_key, rh_key, limit
        self.t: float | None = None
        self.rh: float | None = None
        self.swarming = False
        self.last_ts = -1

    def start(self, now_ms: int) -> None:
        pass

    def on_entry(self, event: NewEvent) -> list[NewEvent]:
        return []

    def feed(self, readings: Sequence[Reading]) -> RuleOutput:
        out = RuleOutput()
        for r in readings:
            if r.channel not in (self.t_key, self.rh_key) or r.value is None:
                continue
            if r.channel == self.t_key:
                self.t = r.value
                if r.value > self.limit and not self.swarming:
                    self.swarming = True
                    out.events.append(NewEvent(r.ts, "hive.swarm", f"{r.value:.1f} °C",
                                               "alarm", channel=r.channel,
                                               data={"value": r.value}))
                elif r.value < self.limit - 1 and self.swarming:
                    self.swarming = False
                    out.events.append(NewEvent(r.ts, "hive.settled", "settled",
                                               channel=r.channel))
            else:
                self.rh = r.value
            if self.t is not None and self.rh is not None and r.ts > self.last_ts:
                self.last_ts = r.ts  # one dew point per instant
                out.readings.append(Reading("hive.dew_point", r.ts,
                                            dew_point(self.t, self.rh)))
        return out

    def tick(self, now_ms: int) -> list[NewEvent]:
        return []


def _render(store, raw: dict, start, end, out: Path, integrity) -> Path:
    t0, t1 = int(start.timestamp() * 1000), int(end.timestamp() * 1000)
    rows = [(e.ts, e.kind, e.channel or "") for e in store.events(t0, t1)
            if e.kind.startswith("hive.")]
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["ts", "kind", "channel"])
        w.writerows(rows)
        w.writerow(["integrity", integrity[1]])
    return out


SEASON = Period("season", "Season", "시즌", "YYYY-MM-DD..YYYY-MM-DD", range_)


class HiveSector(SectorBase):
    id = "hive"
    name = "Beehives"
    name_ko = "양봉"

    def templates(self) -> list[Template]:
        return templates_in(Path(__file__).with_name("templates"), self.id)

    def check_config(self, section: dict) -> list[str]:
        return [f"sectors.hive: unknown key '{k}'" for k in section if k not in KEYS]

    def event_kinds(self) -> list[EventKind]:
        return [EventKind("hive.swarm", "opens", severity="alarm", title_en="Swarm alarm",
                          title_ko="분봉 경보", fields=(
                              IncidentField("cause", "text", "Cause", "원인"),
                              IncidentField("action", "text", "Action", "조치"))),
                EventKind("hive.settled", "closes", "hive.swarm", title_en="Colony settled",
                          title_ko="군 안정")]

    def derived_channels(self, section: dict, channels: Sequence[ChannelSpec],
                         context: SiteContext) -> list[DerivedChannel]:
        return [DerivedChannel("hive.dew_point", "Dew point", "이슬점", "°C", 1,
                               (section.get("temperature", "hive.temperature"),
                                section.get("humidity", "hive.humidity")), max_age_s=30)]

    def tables(self) -> list[Table]:
        return [INSPECTION]

    def migrations(self) -> list[Migration]:
        return [Migration(1, lambda con: con.execute(INSPECTION.create_sql()), "inspections")]

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: SiteContext) -> list:
        return [HiveRule(section.get("temperature", "hive.temperature"),
                         section.get("humidity", "hive.humidity"),
                         float(section.get("swarm_above", 36.0)))]

    def reports(self) -> list[ReportDef]:
        return [ReportDef("hive-daily", "Hive day log", "day", ("csv",), _render, "양봉 일지"),
                ReportDef("hive-season", "Hive season", SEASON, ("csv",), _render,
                          "양봉 시즌")]


sector = HiveSector()
