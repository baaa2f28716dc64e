"""The smart farm sector's contract object, registered under `deungdae.sectors`.

Zones and bands come from `[sectors.farm]` (zones.py); the rule (rules.py) derives VPD,
dew point, absolute humidity, condensation risk, DLI and degree days per zone and raises
band incidents; the crop and herd log are sector tables (crop_log.py); reports are in
report_render.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from deungdae.records.layout import Table
from deungdae.sectors.api import (
    ChannelSpec,
    DerivedChannel,
    EventKind,
    IncidentField,
    Migration,
    ReportDef,
    Rule,
    SectorBase,
    SiteContext,
    Template,
    templates_in,
)
from deungdae.sectors.farm import crop_log
from deungdae.sectors.farm.bands import CLOSE_KIND, OPEN_KIND
from deungdae.sectors.farm.rules import STAGE_KIND, FarmRules, derived_all
from deungdae.sectors.farm.zones import parse_farm

# Corrective action of a band incident: what caused it and what the grower did.
BAND_FIELDS = (
    IncidentField("cause", "text", "Cause", "원인"),
    IncidentField("action", "text", "Action taken", "조치 내용"),
)

EVENT_KINDS = (
    EventKind(OPEN_KIND, "opens", severity="alarm", title_en="Climate out of band",
              title_ko="환경 관리범위 이탈", match=("band", "side"), fields=BAND_FIELDS),
    EventKind(CLOSE_KIND, "closes", OPEN_KIND, title_en="Climate back in band",
              title_ko="환경 관리범위 복귀", match=("band", "side")),
    EventKind("farm.ack", step="ack", title_en="Band incident acknowledged",
              title_ko="이탈 확인"),
    EventKind("farm.action", step="action", title_en="Action recorded",
              title_ko="조치 기록"),
    EventKind("farm.verify", step="verify", title_en="Verified (e-signature)",
              title_ko="검증 (전자서명)"),
    EventKind(STAGE_KIND, title_en="Crop stage changed", title_ko="생육단계 변경"),
)


class FarmSector(SectorBase):
    id = "farm"
    name = "Smart farm"
    name_ko = "스마트팜"

    def templates(self) -> list[Template]:
        return templates_in(Path(__file__).with_name("templates"), self.id)

    def check_config(self, section: dict) -> list[str]:
        return parse_farm(section)[1]

    def event_kinds(self) -> list[EventKind]:
        return list(EVENT_KINDS)

    def derived_channels(self, section: dict, channels: Sequence[ChannelSpec],
                         context: SiteContext) -> list[DerivedChannel]:
        cfg, errs = parse_farm(section)
        return [] if errs else derived_all(cfg)

    def tables(self) -> list[Table]:
        return list(crop_log.TABLES)

    def migrations(self) -> list[Migration]:
        return list(crop_log.MIGRATIONS)

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: SiteContext) -> list[Rule]:
        cfg, errs = parse_farm(section)
        if errs:
            raise ValueError("; ".join(errs))
        known = {c.key: c.unit for c in channels}
        missing = [f"{z.id}.{role} → '{key}'" for z in cfg.zones
                   for role, key in z.inputs.items() if key not in known]
        if missing:
            raise ValueError(f"zones name channels the site does not have: {', '.join(missing)} "
                             f"(channels: {', '.join(sorted(known))})")
        units = dict(known) | {d.key: d.unit for d in derived_all(cfg)}
        return [FarmRules(cfg, context, units)]

    def reports(self) -> list[ReportDef]:
        from deungdae.sectors.farm.report_render import REPORTS

        return list(REPORTS)


sector = FarmSector()
