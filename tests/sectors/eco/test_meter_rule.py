"""The rule's meter half: what it records for each interval, as the register proves it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from deungdae.hardware.reading import Reading
from deungdae.records.store import NewEvent
from deungdae.sectors.api import SiteContext
from deungdae.sectors.eco import config
from deungdae.sectors.eco.rules import FACTORS, METER_REPLACED, METER_RESET, EcoRule

SEOUL = ZoneInfo("Asia/Seoul")
T = int(dt.datetime(2022, 12, 31, 23, 58, tzinfo=SEOUL).timestamp() * 1000)


def rule(**meter) -> EcoRule:
    s, errs = config.parse({"meters": [{"id": "m", "kind": "electricity",
                                        "counter": "pm.kwh", "max_gap_s": 60, **meter}]})
    assert not errs, errs
    return EcoRule(s, SiteContext("Asia/Seoul"))


def feed(r: EcoRule, *rows: tuple[str, int, float]):
    out = r.feed([Reading(ch, ts, v) for ch, ts, v in rows])
    return out.events, {(x.channel, x.ts): x.value for x in out.readings}


def test_each_year_takes_its_own_grid_factor_and_says_which() -> None:
    r = rule()
    ev, rd = feed(r, ("pm.kwh", T, 100.0), ("pm.kwh", T + 60_000, 110.0),  # 2022
                  ("pm.kwh", T + 180_000, 130.0))  # ends 2023-01-01 00:01: 2023
    assert rd[("eco.m.energy", T + 60_000)] == pytest.approx(10.0)
    assert rd[("eco.m.tco2eq", T + 60_000)] == pytest.approx(10.0 * 0.4312 / 1000)
    assert rd[("eco.m.tco2eq", T + 180_000)] == pytest.approx(20.0 * 0.4173 / 1000)
    facts = [e for e in ev if e.kind == FACTORS]
    assert [(e.data["year"], e.data["factors"][0]["id"]) for e in facts] == [
        (2022, "kr-grid-2022"), (2023, "kr-grid-2023")]


def test_a_rollover_is_proved_only_when_it_cannot_be_two() -> None:
    r = rule(modulus=1000.0, max_rate=600.0)
    ev, rd = feed(r, ("pm.kwh", T, 995.0), ("pm.kwh", T + 60_000, 3.0))  # 8 kWh in a minute
    assert rd[("eco.m.energy", T + 60_000)] == pytest.approx(8.0)
    assert ("eco.m.energy_est", T + 60_000) not in rd and ev[-1].kind == FACTORS
    # two hours later a wrap of 998 is proved: twice (1 998) is more than 600 kW × 2 h
    ev, rd = feed(r, ("pm.kwh", T + 60_000 + 7_200_000, 1.0))
    assert rd[("eco.m.energy", T + 60_000 + 7_200_000)] == pytest.approx(998.0)
    # four hours after that it could have wrapped twice (600 kW × 4 h > 1 998): no proof
    ev, rd = feed(r, ("pm.kwh", T + 60_000 + 6 * 3_600_000, 0.5))
    assert rd[("eco.m.energy", T + 60_000 + 6 * 3_600_000)] is None  # no power either
    resets = [e for e in ev if e.kind == METER_RESET]
    assert resets[0].data["event"] == "ambiguous_rollover"
    assert resets[0].data["provenance"] == "missing"


def test_a_reset_is_estimated_from_power_and_marked_so() -> None:
    r = rule(power="pm.kw")
    rows = [("pm.kw", T + i * 10_000, 60.0) for i in range(7)]
    ev, rd = feed(r, ("pm.kwh", T, 500.0), *rows, ("pm.kwh", T + 60_000, 2.0))
    assert rd[("eco.m.energy", T + 60_000)] == pytest.approx(1.0)  # 60 kW for a minute
    assert rd[("eco.m.energy_est", T + 60_000)] == pytest.approx(1.0)
    (reset,) = [e for e in ev if e.kind == METER_RESET]
    assert reset.data["provenance"] == "estimated" and reset.severity == "warning"


def test_a_swap_entered_late_turns_the_estimate_into_the_proof() -> None:
    r = rule(power="pm.kw")
    rows = [("pm.kw", T + i * 10_000, 60.0) for i in range(7)]
    feed(r, ("pm.kwh", T, 500.0), *rows, ("pm.kwh", T + 60_000, 2.0))  # estimated 1.0
    # the person wrote down: old meter ended at 500.7, the new one started at 1.5
    assert r.on_entry(NewEvent(T + 90_000, METER_REPLACED, data={
        "meter": "m", "swap_ms": T + 30_000, "old_final": 500.7, "new_initial": 1.5})) == []
    _, rd = feed(r, ("pm.kw", T + 70_000, 60.0), ("pm.kwh", T + 120_000, 3.0))
    # the next reading carries the correction (one reading per channel and time): this
    # interval's 1.0, plus 0.7 + 0.5 proved minus the 1.0 estimated
    assert rd[("eco.m.energy", T + 120_000)] == pytest.approx(1.0 + 0.2)
    assert rd[("eco.m.energy_est", T + 120_000)] == pytest.approx(-1.0)
    assert rd[("eco.m.tco2eq", T + 120_000)] == pytest.approx(1.2 * 0.4173 / 1000)


def test_a_repeated_or_older_register_reading_changes_nothing() -> None:
    r = rule()
    feed(r, ("pm.kwh", T, 10.0), ("pm.kwh", T + 60_000, 11.0))
    ev, rd = feed(r, ("pm.kwh", T + 60_000, 11.0), ("pm.kwh", T + 30_000, 9.0))
    assert ev == [] and rd == {}
