"""The root-industry manufacturing sector's contract object (`deungdae.sectors` entry point).

Machines' state and OEE as derived channels, stops that ask for a reason, lots against
their recipe's process window, calibration and survey due dates, its own record tables,
one template per root industry (files in `templates/`: the list stays open, as the law's
list of root technologies grows) and the shift, lot and monthly reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from deungdae.records.layout import Table
from deungdae.sectors.api import (
    ChannelSpec,
    Choice,
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
from deungdae.sectors.manufacturing import config
from deungdae.sectors.manufacturing.records import MIGRATIONS, TABLES
from deungdae.sectors.manufacturing.rules import (
    OEE_PARTS,
    ManufacturingRule,
    oee_key,
    state_key,
)

CAUSE_ACTION = (
    IncidentField("cause", "text", "Cause", "원인"),
    IncidentField("action", "text", "Action taken", "조치 내용"),
)
# What happens to a lot that left its window: stored as the key, labelled in the window.
LOT_FIELDS = (*CAUSE_ACTION, IncidentField(
    "disposition", "choice", "Lot disposition", "로트 처리", choices=(
        Choice("hold", "Hold for review", "보류 (검토)"), Choice("rework", "Rework", "재작업"),
        Choice("retreat", "Re-treat", "재처리"), Choice("scrap", "Scrap", "폐기"),
        Choice("concession", "Release by concession", "특채 출하"))))

EVENT_KINDS = (
    EventKind("manufacturing.stop_unexplained", "opens", severity="warning",
              title_en="Stop needs a reason", title_ko="정지 사유 입력 필요",
              match=("stop_start",), fields=CAUSE_ACTION),
    EventKind("manufacturing.stop_reason", "closes", "manufacturing.stop_unexplained",
              title_en="Stop reason entered", title_ko="정지 사유 입력", match=("stop_start",)),
    EventKind("manufacturing.lot_out_of_window", "opens", severity="alarm", until="verified",
              title_en="Lot out of its process window", title_ko="로트 공정 조건 이탈",
              fields=LOT_FIELDS),
    EventKind("manufacturing.lot", title_en="Lot record", title_ko="로트 기록"),
    EventKind("manufacturing.lot_start", title_en="Lot started", title_ko="로트 시작"),
    EventKind("manufacturing.lot_end", title_en="Lot ended", title_ko="로트 종료"),
    EventKind("manufacturing.calibration_overdue", "opens", severity="warning",
              title_en="Calibration or survey overdue", title_ko="교정·측정 기한 경과",
              match=("item",), fields=CAUSE_ACTION),
    EventKind("manufacturing.calibrated", "closes", "manufacturing.calibration_overdue",
              title_en="Calibration or survey done", title_ko="교정·측정 실시", match=("item",)),
    EventKind("manufacturing.shift", title_en="Shift summary", title_ko="근무조 실적"),
)
OEE_NAMES = {"availability": ("Availability", "시간 가동률"),
             "performance": ("Performance", "성능 가동률"),
             "quality": ("Quality ratio", "양품률"), "oee": ("OEE", "설비종합효율")}


class ManufacturingSector(SectorBase):
    id = "manufacturing"
    name = "Root-industry manufacturing"
    name_ko = "뿌리산업 제조"

    def event_kinds(self) -> list[EventKind]:
        return list(EVENT_KINDS)

    def templates(self) -> list[Template]:
        return templates_in(Path(__file__).with_name("templates"), self.id)

    def check_config(self, section: dict) -> list[str]:
        return config.parse(section)[1]

    def derived_channels(self, section: dict, channels: Sequence[ChannelSpec],
                         context: SiteContext) -> list[DerivedChannel]:
        settings, errs = config.parse(section)
        if errs:
            return []  # check_config has said why; rules() refuses to start
        out = []
        for m in settings.machines:
            out.append(DerivedChannel(state_key(m.id), f"{m.name} state", f"{m.name} 상태",
                                      "", 0, m.state.channels,
                                      max_age_s=m.max_gap_ms / 1000))
            for part in OEE_PARTS:
                en, ko = OEE_NAMES[part]
                out.append(DerivedChannel(oee_key(m.id, part), f"{m.name} {en}",
                                          f"{m.name} {ko}", "%", 1, m.inputs(),
                                          max_age_s=max(120.0, 3 * m.max_gap_ms / 1000)))
        return out

    def tables(self) -> list[Table]:
        return list(TABLES)

    def migrations(self) -> list[Migration]:
        return list(MIGRATIONS)

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: SiteContext) -> list[Rule]:
        settings, errs = config.parse(section)
        errs += config.channel_problems(settings, {c.key for c in channels})
        if errs:
            raise ValueError("; ".join(errs))
        return [ManufacturingRule(settings, context)]

    def reports(self) -> list[ReportDef]:
        from deungdae.sectors.manufacturing.reports import REPORTS

        return list(REPORTS)


sector = ManufacturingSector()
