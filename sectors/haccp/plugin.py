"""The smart HACCP sector's contract object, registered under `deungdae.sectors`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.sectors.api import (
    ChannelSpec,
    Choice,
    EventKind,
    IncidentField,
    ReportDef,
    Rule,
    RuleContext,
    SectorBase,
    Template,
    templates_in,
)
from deungdae.sectors.api.config_keys import unknown_keys
from deungdae.sectors.haccp.ccp_config import parse_ccps
from deungdae.sectors.haccp.rules import HaccpRules

SECTION_KEYS = {"ccps", "operator", "verifier", "plant_license"}

# Corrective action of a CCP deviation: cause, action and what happened to the product.
# Rows store the disposition key (deviations.DISPOSITIONS); the labels are for the window.
DEVIATION_FIELDS = (
    IncidentField("cause", "text", "Cause", "원인"),
    IncidentField("action", "text", "Corrective action", "개선조치"),
    IncidentField("disposition", "choice", "Product disposition", "제품 처리", choices=(
        Choice("hold", "Hold", "보류"), Choice("rework", "Rework", "재가공"),
        Choice("discard", "Discard", "폐기"), Choice("release", "Release", "출고"))),
)

EVENT_KINDS = (
    EventKind("haccp.deviation", "opens", severity="critical", until="verified",
              title_en="CCP deviation", title_ko="CCP 이탈", fields=DEVIATION_FIELDS),
    EventKind("haccp.recovered", title_en="CCP back within limits",
              title_ko="한계기준 복귀"),
    EventKind("haccp.ack", step="ack", title_en="Deviation acknowledged",
              title_ko="이탈 확인"),
    EventKind("haccp.action", step="action", title_en="Corrective action recorded",
              title_ko="개선조치 기록"),
    EventKind("haccp.verify", step="verify", title_en="Deviation verified (e-signature)",
              title_ko="이탈 검증 (전자서명)"),
    EventKind("haccp.batch", title_en="Batch heating record", title_ko="가열 배치 기록"),
    EventKind("haccp.cooling", title_en="Cooling record", title_ko="냉각 기록"),
    EventKind("haccp.md_check", title_en="Metal detector check", title_ko="금속검출기 점검"),
    EventKind("haccp.md_reject", severity="warning", title_en="Metal detector reject",
              title_ko="금속검출 불량 배출"),
)


class HaccpSector(SectorBase):
    id = "haccp"
    name = "Smart HACCP"
    name_ko = "스마트 HACCP"

    def event_kinds(self) -> list[EventKind]:
        return list(EVENT_KINDS)

    def templates(self) -> list[Template]:
        return templates_in(Path(__file__).with_name("templates"), self.id)

    def check_config(self, section: dict) -> list[str]:
        errs = unknown_keys(section, SECTION_KEYS, "[sectors.haccp]")
        return errs + parse_ccps(section)[1]

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: RuleContext) -> list[Rule]:
        ccps, errs = parse_ccps(section)
        if errs:
            raise ValueError("; ".join(errs))
        known = {c.key for c in channels}
        unknown = [f"{c.id} → '{c.channel}'" for c in ccps if c.channel not in known]
        if unknown:
            raise ValueError(f"CCPs watch channels the site does not have: {', '.join(unknown)} "
                             f"(channels: {', '.join(sorted(known))})")
        return [HaccpRules(ccps, ZoneInfo(context.timezone), section)]

    def reports(self) -> list[ReportDef]:
        from deungdae.sectors.haccp.report_render import RENDERERS

        return [ReportDef(name, title, period, ("pdf", "csv", "xlsx"), fn)
                for name, (title, period, fn) in RENDERERS.items()]


sector = HaccpSector()
