"""GHG ledger: factors by year, scope 1 and 2 hand calculations, reproducibility."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from deungdae.sectors.eco.ghg import (
    Contract,
    Factor,
    FactorError,
    FactorTable,
    FuelUse,
    Ledger,
    scope1,
    scope2,
    split_by_year,
)

SEOUL = ZoneInfo("Asia/Seoul")


def ms(*a) -> int:
    return int(dt.datetime(*a, tzinfo=SEOUL).timestamp() * 1000)


TABLE = FactorTable.load()


def test_shipped_table_has_the_korean_grid_factors():
    assert TABLE.grid(2023)[0].value == 0.4173
    assert TABLE.grid(2022)[0].value == 0.4312
    assert TABLE.grid(2021)[0].value == 0.4509
    f, fallback = TABLE.grid(2025)
    assert f.id == "kr-grid-2023" and fallback
    with pytest.raises(FactorError, match="2019"):
        TABLE.grid(2019)


def test_scope2_month_in_2023():
    # 120 000 kWh = 120 MWh × 0.4173 t/MWh = 50.076 tCO2eq
    r = scope2([(ms(2023, 5, 1), ms(2023, 6, 1), 120_000.0)], TABLE, SEOUL)
    assert r.location_tco2eq == pytest.approx(50.076)
    assert [f.id for f in r.factors_used()] == ["kr-grid-2023"]


def test_period_spanning_a_year_is_split_by_time():
    # Dec 22 2022 00:00 to Jan 11 2023 00:00 local: 10 days in 2022, 10 in 2023;
    # 20 000 kWh -> 10 MWh × 0.4312 + 10 MWh × 0.4173 = 4.312 + 4.173 = 8.485 t
    r = scope2([(ms(2022, 12, 22), ms(2023, 1, 11), 20_000.0)], TABLE, SEOUL)
    assert [(x.year, x.kwh) for x in r.lines] == [(2022, 10_000.0), (2023, 10_000.0)]
    assert r.location_tco2eq == pytest.approx(8.485)
    assert {f.id for f in r.factors_used()} == {"kr-grid-2022", "kr-grid-2023"}


def test_market_based_with_a_contract():
    # 100 MWh used in 2023; a PPA of 40 MWh at 0 t/MWh; the other 60 MWh at the grid
    # factor: 60 × 0.4173 = 25.038 t
    c = Contract("ppa-1", ms(2023, 1, 1), ms(2024, 1, 1), 40_000.0, 0.0, "solar PPA")
    r = scope2([(ms(2023, 3, 1), ms(2023, 4, 1), 100_000.0)], TABLE, SEOUL, contracts=[c])
    assert r.location_tco2eq == pytest.approx(41.73)
    m = r.market[0]
    # the contract spans the year; all 40 MWh is 2023's and covers the use
    assert m.covered_kwh == pytest.approx(40_000.0)
    assert r.market_tco2eq == pytest.approx(25.038)


def test_scope1_city_gas_in_nm3_and_in_mj():
    # 10 000 Nm3 × 38.5 MJ/Nm3 = 385 000 MJ = 0.385 TJ × 56 100 kg/TJ = 21 598.5 kg
    # = 21.5985 tCO2
    uses = [FuelUse(ms(2023, 5, 1), ms(2023, 6, 1), "natural_gas", 10_000.0, "Nm3")]
    r = scope1(uses, TABLE, SEOUL)
    assert r.tco2eq == pytest.approx(21.5985)
    assert {f.id for f in r.factors_used()} == {"kr-ncv-2017-city-gas",
                                                 "ipcc2006-co2-natural-gas"}
    # billed 430 000 MJ: 0.43 TJ × 56 100 = 24 123 kg = 24.123 t (no NCV used)
    r = scope1([FuelUse(ms(2023, 5, 1), ms(2023, 6, 1), "natural_gas", 430_000.0, "MJ")],
               TABLE, SEOUL)
    assert r.tco2eq == pytest.approx(24.123)
    assert r.lines[0].ncv is None


def test_scope1_diesel():
    # 1 000 L × 35.3 MJ/L = 35 300 MJ = 0.0353 TJ × 74 100 = 2 615.73 kg = 2.61573 t
    r = scope1([FuelUse(ms(2023, 5, 1), ms(2023, 5, 2), "diesel", 1_000.0, "L")],
               TABLE, SEOUL)
    assert r.tco2eq == pytest.approx(2.61573)


def test_wrong_unit_is_a_clear_error():
    with pytest.raises(FactorError, match="NCV kr-ncv-2017-diesel is in 'MJ/L'"):
        scope1([FuelUse(ms(2023, 5, 1), ms(2023, 5, 2), "diesel", 1.0, "kg")], TABLE, SEOUL)
    with pytest.raises(FactorError, match="'coal'"):
        scope1([FuelUse(ms(2023, 5, 1), ms(2023, 5, 2), "coal", 1.0, "kg")], TABLE, SEOUL)


def test_a_new_years_factor_never_changes_an_earlier_result():
    elec = [(ms(2024, 3, 1), ms(2024, 4, 1), 50_000.0)]
    before = Ledger.compute([], elec, TABLE, SEOUL)
    # 2024 has no factor yet: 50 MWh × 0.4173 (2023, fallback) = 20.865 t
    assert before.total_location_tco2eq == pytest.approx(20.865)
    assert before.scope2.lines[0].fallback
    newer = TABLE.with_factors(Factor("kr-grid-2024", "grid", 0.4000, "tCO2eq/MWh",
                                      "GIR 2024 data", dt.date(2026, 12, 1), 2024, "KR"))
    # the result made before holds its own factor values
    assert before.computed_with[0].value == 0.4173
    assert before.total_location_tco2eq == pytest.approx(20.865)
    # recomputed as of the day it was made: identical
    again = Ledger.compute([], elec, newer, SEOUL, as_of=dt.date(2026, 6, 1))
    assert again == before
    # and with the new table today: the new year's factor, 50 × 0.4 = 20 t
    now = Ledger.compute([], elec, newer, SEOUL)
    assert now.total_location_tco2eq == pytest.approx(20.0)
    assert not now.scope2.lines[0].fallback


def test_table_errors_name_the_row():
    with pytest.raises(FactorError, match=r"grid\[0\]: missing 'source'"):
        FactorTable.from_mapping({"grid": [{"id": "x", "value": 1, "unit": "tCO2eq/MWh",
                                            "year": 2020, "published": "2021-01-01"}]})
    with pytest.raises(FactorError, match="appears twice"):
        FactorTable(TABLE.factors + TABLE.factors[:1])
    with pytest.raises(FactorError, match="no GWP for CH4"):
        t = FactorTable.from_mapping({"fuel_ef": [{
            "id": "ch4", "fuel": "lpg", "gas": "CH4", "value": 1.0, "unit": "kgCH4/TJ",
            "source": "IPCC", "published": "2006-04-01"}]})
        scope1([FuelUse(ms(2023, 1, 1), ms(2023, 1, 2), "lpg", 1.0, "MJ")], t, SEOUL)


def test_split_by_year_keeps_the_amount():
    parts = split_by_year(ms(2022, 7, 1), ms(2024, 7, 1), 731.0, SEOUL)
    assert [p[0] for p in parts] == [2022, 2023, 2024]
    assert sum(p[3] for p in parts) == pytest.approx(731.0)
    # 2023 has 365 of the 731 days
    assert parts[1][3] == pytest.approx(365.0)


def test_pinned_multi_year_average():
    # the 2020–2022 average is never picked by year ...
    assert TABLE.grid(2022)[0].id == "kr-grid-2022"
    # ... but can be pinned: 10 MWh × 0.4541 = 4.541 t
    r = scope2([(ms(2023, 5, 1), ms(2023, 6, 1), 10_000.0)], TABLE, SEOUL,
               grid_factor_id="kr-grid-avg-2020-2022")
    assert r.location_tco2eq == pytest.approx(4.541)
    assert r.factors_used()[0].average_of == (2020, 2022)
    with pytest.raises(FactorError, match="not a grid factor"):
        scope2([], TABLE, SEOUL, grid_factor_id="ipcc2006-co2-lpg")
