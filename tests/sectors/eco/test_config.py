"""`[sectors.eco]` is checked strictly: one line per problem, naming the key."""

from __future__ import annotations

import tomllib

import pytest

from deungdae.sectors.eco import config
from deungdae.sectors.eco.plugin import sector

METER = {"id": "main", "kind": "electricity", "counter": "pm.kwh", "power": "pm.kw"}


def problems(section: dict) -> list[str]:
    return sector.check_config(section)


def test_every_template_parses_and_names_its_meters() -> None:
    names = {t.name for t in sector.templates()}
    assert names == {"eco-metalwork", "eco-food-utilities", "eco-plating", "eco-injection"}
    for t in sector.templates():
        raw = tomllib.loads(t.text())
        s, errs = config.parse(raw["sectors"]["eco"])
        assert errs == [] and s is not None, t.name
        assert s.demand is not None and s.demand.target_kw > 0 and s.products, t.name
        assert any(m.kind == "water" for m in s.meters), t.name
        # Korean and English in each meter's name (a bilingual template)
        assert all(any("\uac00" <= c <= "\ud7a3" for c in m.name) and "(" in m.name
                   for m in s.meters), t.name


def test_an_unknown_key_names_the_nearest_known_one() -> None:
    errs = problems({"meters": [METER], "demand": {"meter": "main", "targt_kw": 300}})
    assert any("sectors.eco.demand.targt_kw: unknown key (did you mean 'target_kw'?)" in e
               for e in errs), errs
    errs = problems({"meters": [{**METER, "modulos": 1e5}]})
    assert any("meters[0].modulos" in e and "'modulus'" in e for e in errs), errs
    errs = problems({"meter": [METER]})
    assert any("sectors.eco.meter: unknown key (did you mean 'meters'?)" in e for e in errs)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_refused(bad: float) -> None:
    errs = problems({"meters": [{**METER, "max_rate": bad}]})
    assert any("meters[0].max_rate" in e and "finite" in e for e in errs), errs
    errs = problems({"meters": [METER], "demand": {"meter": "main", "target_kw": 300,
                                                   "history_kw": {"2025-08": bad}}})
    assert any("history_kw" in e and "finite" in e for e in errs), errs


def test_wrong_values_name_key_and_what_is_expected() -> None:
    cases = [
        ({"meters": []}, "sectors.eco.meters: at least one"),
        ({"meters": [{**METER, "kind": "electricty"}]}, "did you mean 'electricity'"),
        ({"meters": [{"id": "w", "kind": "water"}]}, "needs a 'counter'"),
        ({"meters": [{**METER, "unit": "MWh"}]}, "counts in kWh"),
        ({"meters": [{"id": "g", "kind": "gas", "counter": "g.x", "unit": "L"}]},
         "Nm3 or MJ"),
        ({"meters": [{**METER, "fuel": "diesel"}]}, "only a gas or steam meter"),
        ({"meters": [{"id": "g", "kind": "gas", "counter": "g.x", "fuel": "coal"}]},
         "no emission factor for fuel 'coal'"),
        ({"meters": [METER, METER]}, "'main' used twice"),
        ({"meters": [METER], "demand": {"meter": "nope", "target_kw": 1}}, "not a meter id"),
        ({"meters": [{"id": "w", "kind": "water", "counter": "w.m3"}],
          "demand": {"meter": "w", "target_kw": 1}}, "must be an electricity meter"),
        ({"meters": [METER], "demand": {"meter": "main"}}, "target_kw: required"),
        ({"meters": [METER], "demand": {"meter": "main", "target_kw": 1, "window_min": 7}},
         "divide a day"),
        ({"meters": [METER], "demand": {"meter": "main", "target_kw": 1,
                                        "history_kw": {"2025-13": 3.0}}}, "'YYYY-MM'"),
        ({"meters": [METER], "tou": {"prices": {"a": 1.0}, "default_band": "b"}},
         "default_band: 'b' has no price"),
        ({"meters": [METER], "baseline": {"start": "2025-01-01"}}, "needs both"),
        ({"meters": [METER], "products": [{"id": "p"}]}, "products[0].unit: required"),
        ({"meters": [METER], "factors": {"grid": [{"id": "x", "value": 1}]}},
         "factors: grid[0]: missing 'published'"),
        ({"meters": [METER], "region": "XX"}, "no grid factor for XX"),
    ]
    for section, needle in cases:
        errs = problems(section)
        assert any(needle in e for e in errs), (section, errs)
        assert all("\n" not in e for e in errs)


def test_rules_refuse_channels_the_site_does_not_have() -> None:
    from deungdae.sectors.api import ChannelSpec, SiteContext

    with pytest.raises(ValueError, match=r"meters \(main\)\.power: no channel 'pm.kw'"):
        sector.rules({"meters": [METER]}, [ChannelSpec("pm.kwh", "", "kWh", {})],
                     SiteContext("Asia/Seoul"))


def test_the_derived_channels_declare_the_input_age_they_need() -> None:
    from deungdae.sectors.api import SiteContext

    section = {"meters": [{**METER, "max_gap_s": 600}],
               "demand": {"meter": "main", "target_kw": 300}}
    ds = {d.key: d for d in sector.derived_channels(section, [], SiteContext("Asia/Seoul"))}
    assert set(ds) == {"eco.main.energy", "eco.main.energy_est", "eco.main.tco2eq",
                       "eco.demand_kw", "eco.demand_forecast_kw"}
    assert ds["eco.main.energy"].inputs == ("pm.kwh",)
    assert ds["eco.main.energy"].max_age_s >= 600  # a slow register is not "stale"
    assert ds["eco.demand_kw"].max_age_s >= 15 * 60 + 600


def test_headline_figures_name_the_registers_and_this_years_factors() -> None:
    from deungdae.sectors.api import SiteContext
    from deungdae.sectors.api.figures import figures_of

    t = next(t for t in sector.templates() if t.name == "eco-metalwork")
    section = tomllib.loads(t.text())["sectors"]["eco"]
    figs = {f.key: f for f in figures_of(sector, section, [], SiteContext("Asia/Seoul"))}
    assert set(figs) == {"kwh", "gas", "water_m3", "tco2eq"}
    assert figs["kwh"].inputs == (("main_pm.kwh", 1.0), ("comp_pm.kwh", 1.0))
    assert figs["kwh"].unit == "kWh" and figs["gas"].unit == "Nm3"
    assert all(f.owner == "eco" and f.title_ko for f in figs.values())
    # tCO2eq: each register's delta × its factor per unit (grid per kWh, gas per Nm3)
    factors = dict(figs["tco2eq"].inputs)
    assert factors["main_pm.kwh"] == pytest.approx(0.4173 / 1000)
    assert factors["gas.nm3"] == pytest.approx(38.5 * 56100 / 1e9)


def test_a_gas_meter_in_mj_needs_no_calorific_value() -> None:
    from zoneinfo import ZoneInfo

    from deungdae.sectors.eco.rules import coefficient

    s, errs = config.parse({"meters": [{"id": "g", "kind": "gas", "counter": "g.mj",
                                        "unit": "MJ"}]})
    assert not errs and s is not None
    c, used, fallback = coefficient(s.factors, s.meters[0], 2025, ZoneInfo("Asia/Seoul"), "KR")
    assert c == pytest.approx(56100 / 1e9)  # kgCO2/TJ → t per MJ
    assert [f.id for f in used] == ["ipcc2006-co2-natural-gas"] and fallback is False
