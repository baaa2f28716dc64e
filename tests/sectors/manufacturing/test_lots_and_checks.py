"""Lots through the engine (a charge leaving its soak band, weld heat input), calibration
due dates as incidents, and config checks that name the bad key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from deungdae.records import users
from deungdae.sectors.api import event_kinds, open_incidents
from deungdae.sectors.manufacturing import config
from deungdae.sectors.manufacturing.plugin import sector
from deungdae.sectors.manufacturing.records import EntryError, record_calibration
from deungdae.sectors.report_fonts import FontMissing
from tests.sectors.manufacturing.sim import Sim, at, csv_rows, day_span, template_text

PW = "bench-pass-2025"
SOAK_STEP = "  { at = 2700, duration = 10800, offset = 200 },\n"


def test_a_charge_leaving_its_soak_band_is_flagged_on_its_lot_report(tmp_path: Path) -> None:
    text = template_text("mfg-heat-treatment")
    assert SOAK_STEP in text
    # 10:00–10:10 the first charge sags to 825 °C, below the 840–860 °C soak band
    text = text.replace(SOAK_STEP, SOAK_STEP + "  { at = 7200, duration = 600, value = 825.0 },\n",
                        1)
    sim = Sim(tmp_path / "plant", text)
    sim.run_to(at(18))
    lots = sim.events("manufacturing.lot")
    assert [e.data["passed"] for e in lots] == [False, True]
    (flag,) = sim.events("manufacturing.lot_out_of_window")
    assert flag.data["lot"] == lots[0].data["lot"] and flag.severity == "alarm"
    assert flag.data["failed"] == ["유지 온도·시간 (soak 840–860 °C ≥ 120 min)"]
    kinds = event_kinds(sim.sectors)
    (inc,) = [i for i in open_incidents(sim.store.events(limit=100_000), kinds)
              if i.kind.kind == "manufacturing.lot_out_of_window"]
    assert inc.kind.until == "verified"  # stays open until someone signs it off
    # the lot record is signed like any record: performed, then reviewed
    users.add_user(sim.store, "lee", "이영희", "operator", PW, by="setup")
    users.add_user(sim.store, "park", "박철수", "manager", PW, by="setup")
    sim.engine.sign("lee", PW, "performed", [f"event:{lots[0].id}"])
    sim.engine.sign("park", PW, "reviewed", [f"event:{lots[0].id}"], "disposition: re-treat")
    sim.close()
    rows = csv_rows(sim.report("mfg-lots", "csv", *day_span(), tmp_path))[1:-1]
    soak = [r for r in rows if r[9] == "soak"]
    # longest continuous soak: 10:10–11:45 = 95 min (08:45–10:00 was 75 min)
    assert [(r[7], r[10]) for r in soak] == [("False", "False"), ("True", "True")]
    assert "longest_soak_ms=5700000" in soak[0][11]
    assert "longest_soak_ms=9000000" in soak[1][11]  # 13:45–16:15 = 150 min
    assert (soak[0][12], soak[1][12]) == ("performed=lee;reviewed=park", "")
    try:
        pdf = sim.report("mfg-lots", "pdf", *day_span(), tmp_path)
    except FontMissing:
        return
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_weld_heat_input_equals_the_hand_calculation(tmp_path: Path) -> None:
    sim = Sim(tmp_path / "plant", template_text("mfg-welding"))
    sim.run_to(at(14))
    sim.close()
    rows = csv_rows(sim.report("mfg-lots", "csv", *day_span(), tmp_path))[1:-1]
    heat = [dict(kv.split("=", 1) for kv in r[11].split(";")) for r in rows
            if r[9] == "heat_input"]
    # EN 1011-1, MAG k = 0.8: 0.8 × 28 V × 250 A × 60 / (1000 × 400 mm/min) = 0.84 kJ/mm;
    # the third seam 0.8 × 30 × 300 × 60 / (1000 × 400) = 1.08 kJ/mm; arc on 600 s each
    assert [float(h["heat_input_kj_per_mm"]) for h in heat] == pytest.approx(
        [0.8 * 28 * 250 * 60 / (1000 * 400)] * 2 + [0.8 * 30 * 300 * 60 / (1000 * 400)])
    assert [int(h["arc_on_ms"]) for h in heat] == [600_000] * 3


def test_an_overdue_survey_opens_an_incident_that_its_record_closes(tmp_path: Path) -> None:
    text = template_text("mfg-heat-treatment").replace(
        'id = "furnace1-tus"\nkind = "tus"\nmachine = "furnace1"\n'
        'title = "침탄로 1호기 온도 균일성 조사 (TUS)"\nfurnace_class = 4\ninterval_days = 90\n'
        'last = "2025-10-01"', 'id = "furnace1-tus"\nkind = "tus"\nmachine = "furnace1"\n'
        'title = "침탄로 1호기 온도 균일성 조사 (TUS)"\nfurnace_class = 4\ninterval_days = 90\n'
        'last = "2025-08-01"')
    sim = Sim(tmp_path / "plant", text)
    sim.run_to(at(9))
    (due,) = sim.events("manufacturing.calibration_overdue")
    assert due.data == {"item": "furnace1-tus", "machine": "furnace1", "kind": "tus",
                        "due": "2025-10-30"}
    kinds = event_kinds(sim.sectors)

    def open_items() -> list[str]:
        return [i.opened.data["item"] for i in open_incidents(sim.store.events(limit=10**5),
                                                              kinds)
                if i.kind.kind == "manufacturing.calibration_overdue"]

    assert open_items() == ["furnace1-tus"]
    with pytest.raises(EntryError, match="result must be"):
        record_calibration(sim.store, sim.engine.record_entry, sim.plant.settings,
                           "furnace1-tus", dt.date(2025, 11, 25), "ok", "choi", at(9))
    record_calibration(sim.store, sim.engine.record_entry, sim.plant.settings,
                       "furnace1-tus", dt.date(2025, 11, 25), "pass", "choi", at(9),
                       certificate="TUS-2025-114")
    assert open_items() == []
    sim.run_to(at(10))  # the next day check does not reopen it
    assert len(sim.events("manufacturing.calibration_overdue")) == 1
    assert sim.store.query("SELECT item, done_on, result, certificate, user FROM "
                           "manufacturing_calibration") == [
        ("furnace1-tus", "2025-11-25", "pass", "TUS-2025-114", "choi")]
    sim.close()
    rows = {r[0]: r for r in csv_rows(sim.report("mfg-calibration", "csv", *day_span(),
                                                  tmp_path))[1:-1]}
    # TUS done 2025-11-25 every 90 days: due 2026-02-23; the SAT from the config's date
    assert rows["furnace1-tus"][5:9] == ["2025-11-25", "2026-02-23", "-90", "1"]
    assert rows["furnace1-sat"][5:9] == ["2025-10-01", "2025-12-30", "-35", "0"]
    assert rows["furnace1-tc"][5:8] == ["2025-03-01", "2026-03-01", "-96"]


def _machine(**over) -> dict:
    m = {"id": "m1", "state": {"source": "current", "channel": "a.b", "idle_a": 0.5,
                               "run_a": 5.0}, "good": {"channel": "a.good"},
         "product": "p", "ideal_cycle_s": {"p": 20.0}}
    m.update(over)
    return m


@pytest.mark.parametrize(("section", "needle"), [
    ({"machines": [_machine()], "oee_evry_s": 60}, "sectors.manufacturing: unknown key(s) "
     "oee_evry_s"),
    ({"machines": [_machine(state={"source": "current", "channel": "a.b", "idle_a": 6,
                                   "run_a": 5})]},
     "sectors.manufacturing.machines[0].state: current thresholds"),
    ({"machines": [_machine(state={"source": "laser", "channel": "a.b"})]},
     "machines[0].state.source: one of digital, stack_light, current, register"),
    ({"machines": [_machine(product="q")]}, "machines[0].product: 'q' has no ideal cycle"),
    ({"machines": [_machine(good={"channel": "a.g", "kind": "pulse"})]},
     "machines[0].good.kind: one of register, increment"),
    ({"machines": [_machine(lot={"start": "above", "recipe": "r9", "channel": "a.b",
                                 "above": 1, "below": 0})]},
     "machines[0].lot.recipe: no recipe 'r9'"),
    ({"machines": [_machine()], "recipes": [{"id": "r", "criteria": [
        {"kind": "heat_input", "voltage": "v", "current": "i", "process": "OXY",
         "speed_mm_min": 300}]}]},
     "recipes[0].criteria[0].process: 'OXY' has no EN 1011-1 efficiency"),
    ({"machines": [_machine()], "reasons": [{"key": "x", "en": "X", "ko": "엑스",
                                             "loss": "lunch"}]},
     "reasons[0].loss: one of breakdown, setup, planned_stop, other"),
    ({"machines": [_machine()], "calibrations": [{"id": "t", "kind": "tus",
                                                  "interval_days": 90, "last": "2025-13-01",
                                                  "furnace_class": 7}]},
     "calibrations[0].furnace_class: AMS 2750 classes are 1..6"),
])
def test_config_checks_name_the_bad_key(section: dict, needle: str) -> None:
    errs = sector.check_config(section)
    assert any(needle in e for e in errs), errs


def test_every_template_passes_its_own_checks() -> None:
    for t in sector.templates():
        import tomllib

        raw = tomllib.loads(t.text())
        assert config.parse(raw["sectors"]["manufacturing"])[1] == [], t.name
    assert len(sector.templates()) >= 6
