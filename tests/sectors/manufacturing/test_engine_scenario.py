"""A simulated shift through the engine on a manual clock: a CT-clamp machine with
planned and unplanned stops, counts from 16-bit registers that roll over, reasons entered
on the board (one during the stop), a planned stop from the sector's calendar; every
OEE component exact to the second and piece, the live state channel, the Pareto.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from deungdae.sectors.api import event_kinds, open_incidents
from deungdae.sectors.manufacturing.figures import STATE_CODES
from deungdae.sectors.manufacturing.machine_state import State
from deungdae.sectors.manufacturing.records import EntryError, record_stop_reason
from deungdae.sectors.manufacturing.rules import oee_key, state_key
from tests.sectors.manufacturing.sim import (
    SEOUL,
    Sim,
    csv_rows,
    month_span,
    section,
)


def at(h: int, m: int = 0, s: int = 0) -> int:
    return int(dt.datetime(2025, 11, 25, h, m, s, tzinfo=SEOUL).timestamp() * 1000)


H = 3600


def site(tmp: Path) -> str:
    # 16-bit registers: good 65 000 → 65 380 (09:00) → wraps to 244 (12:00: 400 more)
    # → 424 (14:00: 180 more) = 960; scrap 0 → 5 → 12 → 20 = 20. Rows are seconds from
    # the 06:00 start and hold until the next row.
    (tmp / "good.csv").write_text("t,good\n0,65000\n10800,65380\n21600,244\n28800,424\n")
    (tmp / "scrap.csv").write_text("t,scrap\n0,0\n10800,5\n21600,12\n28800,20\n")
    # good pieces that went through rework: 0 → 3 → 3 → 8 = 8
    (tmp / "rework.csv").write_text("t,rework\n0,0\n10800,3\n21600,3\n28800,8\n")
    return f'''
[site]
name = "test press shop"
timezone = "Asia/Seoul"
sectors = ["manufacturing"]
[[site.shifts]]
name = "A"
start = "06:00"
end = "14:00"
breaks = [["10:00", "10:30"]]

[[devices]]
id = "m1_ct"
profile = "simulator"
interval = 10.0
[devices.points.current]
unit = "A"
base = 15.0
# 06:00–06:30 idle 2 A (warm-up), 09:00–09:20 off (a trip), 10:00–10:30 off (break),
# 12:00–12:30 off (planned maintenance), 13:40–14:00 idle 2 A with a dip to 0.8 A at 13:50
steps = [
  {{ at = 0, duration = 1800, value = 2.0 }},
  {{ at = 10800, duration = 1200, value = 0.0 }},
  {{ at = 14400, duration = 1800, value = 0.0 }},
  {{ at = 21600, duration = 1800, value = 0.0 }},
  {{ at = 27600, duration = 1200, value = 2.0 }},
  {{ at = 28200, duration = 60, value = 0.8 }},
]

[[devices]]
id = "m1_plc"
profile = "simulator"
interval = 60.0
[devices.points.good]
csv = "{tmp / 'good.csv'}"
decimals = 0
[devices.points.scrap]
csv = "{tmp / 'scrap.csv'}"
decimals = 0
[devices.points.rework]
csv = "{tmp / 'rework.csv'}"
decimals = 0

[sectors.manufacturing]
reason_prompt_min = 5
planned_stops = [{{ start = "2025-11-25T12:00", end = "2025-11-25T12:30", reason = "PM" }}]

[[sectors.manufacturing.reasons]]
key = "setup.warmup"
en = "Warm-up"
ko = "예열"
loss = "setup"
[[sectors.manufacturing.reasons]]
key = "breakdown.electrical"
en = "Electrical failure"
ko = "전기 고장"
loss = "breakdown"

[[sectors.manufacturing.machines]]
id = "m1"
name = "press 1"
state = {{ source = "current", channel = "m1_ct.current", idle_a = 0.5, run_a = 5.0, hysteresis_a = 0.2 }}
min_dwell_s = 30
max_gap_s = 60
good = {{ channel = "m1_plc.good", kind = "register", modulus = 65536 }}
scrap = {{ channel = "m1_plc.scrap", kind = "register", modulus = 65536 }}
rework = {{ channel = "m1_plc.rework", kind = "register", modulus = 65536 }}
product = "bracket"
ideal_cycle_s = {{ bracket = 20.0 }}
'''


@pytest.fixture
def shift(tmp_path: Path):
    sim = Sim(tmp_path / "plant", site(tmp_path), at(6))
    st = sim.plant.settings
    sim.run_to(at(6, 40))
    record_stop_reason(sim.store, sim.engine.record_entry, st, "m1", at(6), "setup.warmup",
                       "kim", at(6, 40), stop_end=at(6, 30))
    sim.run_to(at(9, 10))  # the trip is still on: the operator answers on the board
    record_stop_reason(sim.store, sim.engine.record_entry, st, "m1", at(9),
                       "breakdown.electrical", "lee", at(9, 10))
    sim.run_to(at(15))
    yield sim
    sim.close()


def _series(sim: Sim, key: str, t0: int, t1: int) -> list[tuple[int, float | None]]:
    return [(t, v) for t, v, _ in sim.store.readings(sim.store.channel_id(key), t0, t1)]


def test_every_oee_component_exact_to_the_second_and_piece(shift: Sim, tmp_path: Path) -> None:
    (ev,) = shift.events("manufacturing.shift")
    d = ev.data
    # planned busy: 8 h − 30 min break − 30 min planned stop = 25 200 s; running 06:30–
    # 09:00, 09:20–10:00, 10:30–12:00, 12:30–13:40 = 9 000 + 2 400 + 5 400 + 4 200 s
    assert (d["planned_busy_ms"], d["apt_ms"]) == (25_200_000, 21_000_000)
    assert d["counts"] == {"bracket": [960, 20, 8]}
    assert d["availability"] == pytest.approx(21_000 / 25_200)
    assert d["performance"] == pytest.approx(980 * 20 / 21_000)
    assert d["quality"] == pytest.approx(960 / 980)
    assert d["oee"] == pytest.approx(960 * 20 / 25_200)
    shift.close()
    start, end = (dt.datetime(2025, 11, 25, 6, tzinfo=SEOUL),
                  dt.datetime(2025, 11, 25, 14, tzinfo=SEOUL))
    rows = csv_rows(shift.report("mfg-shift", "csv", start, end, tmp_path))
    from openpyxl import load_workbook

    sheet = load_workbook(shift.report("mfg-shift", "xlsx", start, end, tmp_path)).active
    def cells(r) -> list[str]:  # a sheet's rows are padded to its widest
        out = ["" if c is None else str(c) for c in r]
        while out and out[-1] == "":
            out.pop()
        return out

    assert [cells(r) for r in sheet.iter_rows(values_only=True)] == \
        [cells(r) for r in rows if r]  # the same cells as the CSV
    (f,) = section(rows, "shift")
    assert (f["planned_busy_s"], f["apt_s"], f["produced"], f["good"], f["scrap"]) == (
        "25200.000", "21000.000", "980", "960", "20")
    assert f["oee"] == f"{960 * 20 / 25_200:.6f}"
    assert (f["failures"], f["mtbf_s"], f["mttr_s"]) == ("1", "21000.000", "1200.000")
    assert f["first_pass_yield"] == f"{(960 - 8) / 980:.6f}"
    losses = {x["loss"]: float(x["seconds"]) for x in section(rows, "loss")}
    assert losses == {"breakdown": 1200, "setup": 1800, "minor_stops": 0,
                      "other_stops": 1200, "reduced_speed": 1400, "startup_rejects": 0,
                      "production_rejects": 400, "valuable": 19_200}
    if shutil.which("pdftotext") is None:
        return
    texts = {lang: subprocess.run(
        ["pdftotext", "-layout", str(shift.report("mfg-shift", "pdf", start, end, tmp_path,
                                                  lang)), "-"],
        capture_output=True, text=True, check=True).stdout for lang in ("ko", "en")}
    oee = f"{960 * 20 / 25_200 * 100:.1f} %"  # the figure the record gives, on both pages
    assert oee in texts["ko"] and oee in texts["en"]
    for word in ("근무조 실적 보고서", "설비종합효율", "기록 무결성", "6대 로스"):
        assert word in texts["ko"] and word not in texts["en"], word
    for word in ("Shift report", "availability", "Record integrity", "six big losses"):
        assert word in texts["en"] and word not in texts["ko"], word


def test_a_ct_clamp_machine_dipping_into_idle_is_idle_not_off(shift: Sim) -> None:
    idle, off = STATE_CODES[State.IDLE], STATE_CODES[State.OFF]
    tail = _series(shift, state_key("m1"), at(13, 41), at(14))
    assert tail and all(v == idle for _, v in tail), tail
    assert any(t == at(13, 50) for t, _ in tail)  # the 0.8 A sample is among them
    trip = _series(shift, state_key("m1"), at(9, 1), at(9, 10))
    assert trip and all(v == off for _, v in trip)  # 0 A is off


def test_a_reason_entered_during_the_stop_shows_on_the_board(shift: Sim) -> None:
    after = _series(shift, state_key("m1"), at(9, 10, 10), at(9, 20))
    assert after and all(v == STATE_CODES[State.BREAKDOWN] for _, v in after)
    # the live availability at 09:00: 9 000 s running of 10 800 s planned
    avail = dict(_series(shift, oee_key("m1", "availability"), at(8, 59), at(9, 1)))
    assert avail[at(9)] == pytest.approx(100 * 9_000 / 10_800, abs=1e-3)


def test_stop_reasons_close_prompts_and_appear_in_the_pareto(shift: Sim, tmp_path: Path
                                                             ) -> None:
    rows = shift.store.query("SELECT machine, stop_start, stop_end, reason, user "
                             "FROM manufacturing_stop_reason ORDER BY id")
    assert rows == [("m1", at(6), at(6, 30), "setup.warmup", "kim"),
                    ("m1", at(9), None, "breakdown.electrical", "lee")]
    prompts = {e.data["stop_start"] for e in shift.events("manufacturing.stop_unexplained")}
    assert prompts == {at(6), at(9), at(13, 40)}
    kinds = event_kinds(shift.sectors)
    open_ = [i.opened.data["stop_start"] for i in open_incidents(
        shift.store.events(limit=100_000), kinds) if i.kind.kind.startswith("manufacturing.")]
    assert open_ == [at(13, 40)]  # only the unexplained one is still asking
    with pytest.raises(EntryError, match="not a reason"):
        record_stop_reason(shift.store, shift.engine.record_entry, shift.plant.settings,
                           "m1", at(13, 40), "coffee", "kim", at(15))
    shift.close()
    rows = csv_rows(shift.report("mfg-monthly", "csv", *month_span(), tmp_path))
    pareto = [(r["reason"], r["downtime_s"], r["stops"]) for r in section(rows, "pareto")]
    assert pareto == [("setup.warmup", "1800.000", "1"),
                      ("breakdown.electrical", "1200.000", "1"),
                      ("unassigned", "1200.000", "1")]
    (m1, total) = section(rows, "machine")
    assert m1["oee"] == total["oee"] == f"{960 * 20 / 25_200:.6f}"
    assert m1["first_pass_yield"] == total["first_pass_yield"] == f"{952 / 980:.6f}"


def test_a_shift_the_logger_restarted_in_is_recomputed_for_the_month(tmp_path: Path) -> None:
    text = site(tmp_path)
    first = Sim(tmp_path / "plant", text, at(6))
    first.run_to(at(9, 10))
    first.close()
    # restarted at 09:10 (its simulated devices start their script again from there)
    again = Sim(tmp_path / "plant", text, at(9, 10))
    again.run_to(at(15))
    (ev,) = again.events("manufacturing.shift")
    # the live rule took up the shift from the record: its summary covers it from 06:00
    assert ev.data["sensed"][0][0] == at(6)
    again.close()
    start, end = (dt.datetime(2025, 11, 25, 6, tzinfo=SEOUL),
                  dt.datetime(2025, 11, 25, 14, tzinfo=SEOUL))
    (f,) = section(csv_rows(again.report("mfg-shift", "csv", start, end, tmp_path)), "shift")
    rows = csv_rows(again.report("mfg-monthly", "csv", *month_span(), tmp_path))
    # the live summary covers the whole shift now: nothing to rebuild from readings
    assert section(rows, "recomputed") == [{"recomputed_from_readings": "0"}]
    m1 = section(rows, "machine")[0]
    assert (m1["planned_busy_s"], m1["apt_s"], m1["produced"], m1["good"], m1["oee"]) == (
        f["planned_busy_s"], f["apt_s"], f["produced"], f["good"], f["oee"])
    assert float(m1["apt_s"]) > 9_000  # 06:30–09:00 from the first run is counted


def test_a_shift_the_rule_did_not_see_whole_is_recomputed_for_the_month(tmp_path) -> None:
    """First started an hour into the shift: its summary starts at 07:00, so the monthly
    rebuilds the shift from the readings (and says so)."""
    sim = Sim(tmp_path / "plant", site(tmp_path), at(7))
    sim.run_to(at(15))
    (ev,) = sim.events("manufacturing.shift")
    assert ev.data["sensed"][0][0] == at(7)
    rows = csv_rows(sim.report("mfg-monthly", "csv", *month_span(), tmp_path))
    sim.close()
    assert section(rows, "recomputed") == [{"recomputed_from_readings": "1"}]


def test_time_before_the_logger_started_is_no_data(tmp_path: Path) -> None:
    from deungdae.sectors.manufacturing import report_data as rd

    sim = Sim(tmp_path / "plant", site(tmp_path), at(7))  # started an hour into the shift
    sim.run_to(at(15))
    (f,) = rd.shift_data(sim.store, sim.plant, at(6), at(14, 1))
    assert f.time_in(State.UNKNOWN) == 3_600_000
    assert sum(f.time_in(s) for s in State) == f.six.planned_busy_ms + f.time_in(
        State.PLANNED_STOP)
    sim.close()
