"""The demo sector's contract object, registered under `deungdae.sectors` like any plugin."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from deungdae.sectors.contract import ChannelSpec, Rule, RuleContext, Template, templates_in


class DemoSector:
    id = "demo"
    name = "General monitoring"
    name_ko = "일반 모니터링"

    def templates(self) -> list[Template]:
        return templates_in(Path(__file__).with_name("templates"), self.id)

    def check_config(self, section: dict) -> list[str]:
        return [f"sectors.demo: unknown key '{k}'" for k in section]

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: RuleContext) -> list[Rule]:
        # The channel alarms every sector gets come from the engine; nothing more here.
        return []

    def reports(self) -> list:
        return []


sector = DemoSector()
