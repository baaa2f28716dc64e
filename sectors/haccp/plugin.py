"""The smart HACCP sector's contract object, registered under `deungdae.sectors`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.sectors.contract import (
    ChannelSpec,
    ReportDef,
    Rule,
    RuleContext,
    Template,
    templates_in,
)
from deungdae.sectors.haccp.ccp_config import parse_ccps
from deungdae.sectors.haccp.rules import HaccpRules

SECTION_KEYS = {"ccps", "operator", "verifier", "plant_license"}


class HaccpSector:
    id = "haccp"
    name = "Smart HACCP"

    def templates(self) -> list[Template]:
        return templates_in(Path(__file__).with_name("templates"), self.id)

    def check_config(self, section: dict) -> list[str]:
        errs = [f"sectors.haccp: unknown key '{k}' (expected one of "
                f"{', '.join(sorted(SECTION_KEYS))})" for k in section if k not in SECTION_KEYS]
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
        return [HaccpRules(ccps, ZoneInfo(context.timezone))]

    def reports(self) -> list[ReportDef]:
        from deungdae.sectors.haccp.report_render import RENDERERS

        return [ReportDef(name, title, period, ("pdf", "csv", "xlsx"), fn)
                for name, (title, period, fn) in RENDERERS.items()]


sector = HaccpSector()
