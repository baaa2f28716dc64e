"""The eco-factory sector's contract object (`deungdae.sectors` entry point `eco`).

Energy, gas, water and steam meters as they really behave (meters.py), the running
15-minute demand window and the 12-month 요금적용전력 (demand.py), the GHG ledger with
versioned factors (ghg.py), intensity against a baseline (intensity.py); its own tables
(records.py), one template per kind of plant (`templates/`) and the monthly energy and
GHG report and the annual summary (reports.py).
"""

from __future__ import annotations

import datetime as dt
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
from deungdae.sectors.api.figures import Figure
from deungdae.sectors.eco import config
from deungdae.sectors.eco import rules as r
from deungdae.sectors.eco.records import MIGRATIONS, TABLES

CAUSE_ACTION = (
    IncidentField("cause", "text", "Cause", "원인"),
    IncidentField("action", "text", "Action taken", "조치 내용"),
)
# What was done about a window heading over the target: stored as the key.
DEMAND_FIELDS = (IncidentField("response", "choice", "Response", "대응", choices=(
    Choice("shed_load", "Load shed (equipment stopped)", "부하 차단 (설비 정지)"),
    Choice("rescheduled", "Work moved to another time", "작업 시간 조정"),
    Choice("accepted", "Accepted (needed for production)", "수용 (생산상 필요)"),
    Choice("false_alarm", "No real load (meter or data)", "실제 부하 아님 (계측 오류)"))),
    IncidentField("action", "text", "Action taken", "조치 내용", required=False))
RESET_FIELDS = (IncidentField("cause", "choice", "What happened", "원인", choices=(
    Choice("replaced", "Meter replaced", "계량기 교체"),
    Choice("reset", "Register reset", "적산값 초기화"),
    Choice("fault", "Meter or communication fault", "계량기·통신 고장"),
    Choice("unknown", "Unknown", "원인 불명"))),
    IncidentField("action", "text", "Action taken", "조치 내용"))

EVENT_KINDS = (
    EventKind(r.OVER_TARGET, "opens", severity="warning",
              title_en="Demand forecast over target", title_ko="수요전력 목표 초과 예측",
              match=("window",), fields=DEMAND_FIELDS),
    EventKind(r.WINDOW_END, "closes", r.OVER_TARGET, title_en="Demand window ended",
              title_ko="수요전력 구간 종료", match=("window",)),
    EventKind(r.BILLING_PEAK, severity="warning", title_en="New 12-month billing peak",
              title_ko="요금적용전력 갱신"),
    EventKind(r.COUNTER_GAP, severity="warning", title_en="Meter counter gap",
              title_ko="계량기 검침 공백"),
    EventKind(r.METER_RESET, "opens", severity="warning", until="closed",
              title_en="Meter register went back (reset)", title_ko="계량기 적산값 감소 (초기화)",
              match=("meter",), fields=RESET_FIELDS),
    EventKind(r.METER_REPLACED, "closes", r.METER_RESET, title_en="Meter replaced",
              title_ko="계량기 교체 기록", match=("meter",)),
    EventKind(r.FACTORS, title_en="GHG emission factors applied", title_ko="배출계수 적용"),
)


class EcoSector(SectorBase):
    id = "eco"
    name = "Smart eco-factory"
    name_ko = "스마트 생태공장"

    def event_kinds(self) -> list[EventKind]:
        return list(EVENT_KINDS)

    def templates(self) -> list[Template]:
        return templates_in(Path(__file__).with_name("templates"), self.id)

    def check_config(self, section: dict) -> list[str]:
        return config.parse(section)[1]

    def derived_channels(self, section: dict, channels: Sequence[ChannelSpec],
                         context: SiteContext) -> list[DerivedChannel]:
        settings, errs = config.parse(section)
        return [] if errs or settings is None else r.derived_all(settings)

    def tables(self) -> list[Table]:
        return list(TABLES)

    def migrations(self) -> list[Migration]:
        return list(MIGRATIONS)

    def rules(self, section: dict, channels: Sequence[ChannelSpec],
              context: SiteContext) -> list[Rule]:
        settings, errs = config.parse(section)
        if settings is not None:
            errs += config.channel_problems(settings, {c.key for c in channels})
        if errs or settings is None:
            raise ValueError("; ".join(errs))
        return [r.EcoRule(settings, context)]

    def headline_figures(self, section: dict, channels: Sequence, context: SiteContext
                         ) -> list[Figure]:
        """kWh, gas, water (register deltas) and tCO2eq (this year's factors on them).

        Central computes these generically (last minus first register value), so a
        rollover inside the window shows there as a drop; the reports are exact."""
        settings, errs = config.parse(section)
        if errs or settings is None:
            return []
        year = dt.datetime.now(context.tz).year
        out = []
        ghg: list[tuple[str, float]] = []
        for kind, key, en, ko in (("electricity", "kwh", "Electricity", "전력 사용량"),
                                  ("gas", "gas", "Gas", "가스 사용량"),
                                  ("water", "water_m3", "Water", "용수 사용량"),
                                  ("steam", "steam", "Steam", "스팀 사용량")):
            ms = [m for m in settings.meters if m.kind == kind and m.counter]
            units = {m.unit for m in ms}
            if ms and len(units) == 1:
                out.append(Figure(key, en, ko, units.pop(),
                                  tuple((m.counter, 1.0) for m in ms)))  # type: ignore[misc]
            for m in ms:
                if m.scope:
                    c, _used, _fb = r.coefficient(settings.factors, m, year, context.tz,
                                                  settings.region)
                    ghg.append((m.counter, c))  # type: ignore[arg-type]
        if ghg:
            out.append(Figure("tco2eq", "GHG (scope 1+2)", "온실가스 배출량 (Scope 1+2)",
                              "tCO2eq", tuple(ghg)))
        return out

    def reports(self) -> list[ReportDef]:
        from deungdae.sectors.eco.reports import REPORTS

        return list(REPORTS)


sector = EcoSector()
