"""Each of the six root-industry templates runs its scripted shift through the engine on a
manual clock and its shift and lot reports carry the figures worked out by hand.

The shift (template head): planned 08:00–17:00 less lunch = 8 h = 28 800 s. Stops inside
it: 09:30 30 min (a breakdown, once explained), 10:30 3 min (a minor stop: below the
5-minute prompt), 14:00 20 min (a changeover), 15:30 15 min (planned maintenance: leaves
planned busy time). So planned busy time 28 800 − 900 = 27 900 s and actual production
time 28 800 − 1 800 − 180 − 1 200 − 900 = 24 720 s.

Counts, one reading a minute at 08:01 … 17:00 (540 readings; the one at 08:00 is the
previous shift's): good = 1 per reading except while stopped — 30 + 3 + 60 (lunch) + 20
+ 15 = 128 readings of 0 — so 412 good; scrap at 08:10, 11:00 and 16:00 = 3; produced 415.
Ideal cycle 50 s: performance 415 × 50 / 24 720 = 20 750 / 24 720; quality 412 / 415;
OEE = 412 × 50 / 27 900 = 20 600 / 27 900.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deungdae.sectors.api import event_kinds, open_incidents
from deungdae.sectors.manufacturing.records import end_lot, start_lot
from deungdae.sectors.report_fonts import FontMissing, korean_font
from tests.sectors.manufacturing.sim import (
    Sim,
    at,
    csv_rows,
    day_span,
    month_span,
    section,
    shift_span,
    template_text,
)

TEMPLATES = ["mfg-casting", "mfg-injection", "mfg-forming", "mfg-welding",
             "mfg-surface-treatment", "mfg-heat-treatment"]
OPERATOR_LOTS = {"mfg-casting", "mfg-injection", "mfg-forming"}
# lots each template makes in the shift (operator lots: one, started 08:10, ended 11:50)
LOTS = {"mfg-casting": 1, "mfg-injection": 1, "mfg-forming": 1, "mfg-welding": 3,
        "mfg-surface-treatment": 2, "mfg-heat-treatment": 2}
REASONS = {at(9, 30): "breakdown.mechanical", at(14): "setup.changeover",
           at(15, 30): "planned.maintenance"}


def _font() -> bool:
    try:
        korean_font()
        return True
    except FontMissing:
        return False


def run_shift(root: Path, name: str, text: str | None = None) -> Sim:
    sim = Sim(root, text or template_text(name))
    if name in OPERATOR_LOTS:
        sim.run_to(at(8, 10))
        machine = sim.plant.settings.machines[0]
        assert machine.lot is not None
        start_lot(sim.engine.record_entry, sim.plant.settings, machine.id, "L-0001",
                  machine.lot.recipe, "lee", at(8, 10))
        sim.run_to(at(11, 50))
        end_lot(sim.store, sim.engine.record_entry, machine.id, "park", at(11, 50))
    sim.run_to(at(18))
    return sim


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_runs_a_shift_with_exact_figures(name: str, tmp_path: Path) -> None:
    sim = run_shift(tmp_path / "plant", name)
    assert sim.engine.sector_problems == []
    # the shift summary the rule recorded at 17:00, before any reason was given
    (shift,) = sim.events("manufacturing.shift")
    d = shift.data
    assert (d["planned_busy_ms"], d["apt_ms"], d["produced"], d["good"]) == (
        28_800_000, 24_720_000, 415, 412)
    # the three stops of 5 min or more asked for a reason; the 3-minute one did not
    prompts = sim.events("manufacturing.stop_unexplained")
    assert sorted(e.data["stop_start"] for e in prompts) == sorted(REASONS)
    sim.give_reasons(REASONS)
    kinds = event_kinds(sim.sectors)
    still = [i for i in open_incidents(sim.store.events(limit=100_000), kinds)
             if i.kind.kind == "manufacturing.stop_unexplained"]
    assert still == []
    sim.close()

    rows = csv_rows(sim.report("mfg-shift", "csv", *shift_span(), tmp_path))
    (f,) = section(rows, "shift")
    assert f["planned_busy_s"] == "27900.000" and f["apt_s"] == "24720.000"
    assert (f["produced"], f["good"], f["scrap"]) == ("415", "412", "3")
    assert float(f["availability"]) == pytest.approx(24_720 / 27_900, abs=1e-6)
    assert float(f["performance"]) == pytest.approx(20_750 / 24_720, abs=1e-6)
    assert float(f["quality"]) == pytest.approx(412 / 415, abs=1e-6)
    assert float(f["oee"]) == pytest.approx(20_600 / 27_900, abs=1e-6)
    assert f["failures"] == "1" and f["mttr_s"] == "1800.000"
    stops = {int(s["stop_start_ms"]): s for s in section(rows, "stop")}
    assert {k: (s["busy_s"], s["reason"], s["entered_by"]) for k, s in stops.items()} == {
        at(9, 30): ("1800.000", "breakdown.mechanical", "kim"),
        at(10, 30): ("180.000", "", ""),
        at(14): ("1200.000", "setup.changeover", "kim")}
    losses = {x["loss"]: float(x["seconds"]) for x in section(rows, "loss")}
    assert losses == {"breakdown": 1800, "setup": 1200, "minor_stops": 180,
                      "other_stops": 0, "reduced_speed": 24_720 - 20_750,
                      "startup_rejects": 0, "production_rejects": 150, "valuable": 20_600}

    lots = csv_rows(sim.report("mfg-lots", "csv", *day_span(), tmp_path))[1:-1]
    names = {r[0] for r in lots}
    assert len(names) == LOTS[name], lots
    assert all(r[7] == "True" and r[10] == "True" for r in lots), lots
    if name in OPERATOR_LOTS:
        assert {(r[0], r[3], r[4], r[5], r[6]) for r in lots} == {
            ("L-0001", str(at(8, 10)), str(at(11, 50)), "lee", "park")}

    if _font():
        for rep, span in (("mfg-shift", shift_span()), ("mfg-lots", day_span()),
                          ("mfg-monthly", month_span())):
            out = sim.report(rep, "pdf", *span, tmp_path)
            assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5_000
