"""A logger restarted in the middle of an alarm or a CCP deviation carries it on.

A power cut is exactly when a cold room warms up: the logger stops while the freezer is
beyond its limit and starts again while it still is. The record must then hold one alarm
and one deviation, ended once, with the duration and the worst value counted from the
real start (before the restart), not a second alarm as if the excursion had just begun.
And the time the logger was stopped is a gap in the monitoring like a silent sensor: it
is in the record as one (a lost sensor, a CCP monitoring deviation) when it is longer
than the channel's `stale_after`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.contract import discover
from tests.sectors.haccp.test_scenarios import _check as md_check

T0 = 1_764_025_200_000  # 2025-11-25 08:00 in Seoul


def site(steps: str, alarm: str = "{ high = -15, delay = 60, stale_after = 30 }",
         ccp_stale: int = 60) -> str:
    return f"""
[site]
name = "재시작 시험"
timezone = "Asia/Seoul"
sectors = ["haccp"]

[[devices]]
id = "freezer"
profile = "simulator"
interval = 5.0
[devices.points.temp]
unit = "°C"
base = -20
steps = [{steps}]

[[channels]]
id = "freezer.temp"
alarm = {alarm}

[[sectors.haccp.ccps]]
id = "CCP-2C"
name = "냉동 보관"
kind = "cold_storage"
channel = "freezer.temp"
limit = -18.0
grace = 300
hysteresis = 0.5
stale_after = {ccp_stale}
"""


def run(root: Path, text: str, start_s: int, seconds: int) -> Engine:
    """One logger run from `start_s` (seconds after T0); its simulator script starts there."""
    sectors = discover()
    (root / "site.toml").write_text(text, encoding="utf-8")
    eng = Engine(root, site_config.load(root / "site.toml", sectors),
                 ManualClock(T0 + start_s * 1000), sectors)
    eng.run(seconds, close=False)
    return eng


def events(root: Path, *prefixes: str):
    with Store.open_reader(root / "deungdae.db") as st:
        return [e for e in st.events(limit=100_000) if e.kind.startswith(prefixes)]


def at(ev) -> int:
    return (ev.ts - T0) // 1000


def test_an_excursion_over_a_restart_is_one_alarm_and_one_deviation(tmp_path: Path) -> None:
    # warm from 100 s, peaking at -9 °C before the power cut at 1000 s ...
    eng = run(tmp_path, site("{ at = 100, duration = 5000, value = -12 }, "
                             "{ at = 500, duration = 100, value = -9 }"), 0, 1000)
    eng.close()
    # ... and still warm (-12 °C) for 600 s after the logger is back at 1200 s
    eng = run(tmp_path, site("{ at = 0, duration = 600, value = -12 }"), 1200, 1500)
    # the alarm has ended; the deviations wait for their verification, as before
    assert sorted(k[0] for k in eng.open_incidents) == ["haccp.deviation"] * 2
    eng.close()

    evs = events(tmp_path, "alarm.", "haccp.", "sensor.")
    kinds = [e.kind for e in evs]
    assert kinds == ["alarm.start", "haccp.deviation",
                     "sensor.lost", "haccp.deviation", "sensor.restored", "haccp.recovered",
                     "alarm.end", "haccp.recovered"], kinds
    start, dev, lost, gap, restored, back, end, rec = evs
    # the 200 s the logger was stopped: the last reading at 1000 s, the next at 1200 s
    assert gap.data["reason"] == "sensor_lost" and at(gap) == 1060
    assert back.data["gap_s"] == 200 and restored.data["gap_s"] == 200
    assert at(lost) == 1030
    assert at(start) == 100 and at(dev) == 400
    assert at(end) == 1800 and at(rec) == 1800
    # counted from the real start, with the worst value from before the restart
    assert rec.data["duration_s"] == 1700
    assert rec.data["since"] == T0 + 100_000
    assert rec.data["worst"] == -9.0
    assert end.data["worst"] == -9.0


def test_the_open_incidents_are_known_again_after_a_restart(tmp_path: Path) -> None:
    run(tmp_path, site("{ at = 100, duration = 5000, value = -12 }", ccp_stale=600),
        0, 1000).close()
    eng = run(tmp_path, site("{ at = 0, duration = 5000, value = -12 }", ccp_stale=600),
              1200, 60)
    try:
        kinds = sorted(k[0] for k in eng.open_incidents)
        assert kinds == ["alarm.start", "haccp.deviation"]
        assert ("freezer.temp", "high") in eng.open_alarms
    finally:
        eng.close()
    assert [e.kind for e in events(tmp_path, "alarm.", "haccp.")] == [
        "alarm.start", "haccp.deviation"]


def test_a_short_restart_is_no_gap(tmp_path: Path) -> None:
    """Stopped for less than `stale_after`: nothing is missing, nothing is raised."""
    run(tmp_path, site(""), 0, 1000).close()
    run(tmp_path, site(""), 1020, 600).close()
    assert events(tmp_path, "sensor.", "haccp.") == []


def test_a_verified_deviation_is_not_open_after_a_restart(tmp_path: Path) -> None:
    eng = run(tmp_path, site("{ at = 100, duration = 5000, value = -12 }", ccp_stale=600),
              0, 1000)
    dev = next(e for e in events(tmp_path, "haccp.deviation"))
    eng.close()
    with Store.open_writer(tmp_path / "deungdae.db") as st:
        st.append_event(NewEvent(ts=T0 + 1_100_000, kind="haccp.verify", ref_id=dev.id,
                                 user="kim", message="verified", data={"ccp": "CCP-2C"}))
    eng = run(tmp_path, site("{ at = 0, duration = 5000, value = -12 }", ccp_stale=600),
              1200, 60)
    try:
        assert not any(k[0] == "haccp.deviation" for k in eng.open_incidents)
        assert any(k[0] == "alarm.start" for k in eng.open_incidents)  # the alarm goes on
    finally:
        eng.close()


def test_an_excursion_that_ended_before_the_restart_is_not_taken_up(tmp_path: Path) -> None:
    quiet = "{ high = -15, delay = 60 }"  # no stale_after: the restart's gap is not at issue
    run(tmp_path, site("{ at = 100, duration = 500, value = -12 }", quiet, 600), 0, 1000).close()
    # a new excursion after the restart is a new alarm and a new deviation
    run(tmp_path, site("{ at = 100, duration = 500, value = -13 }", quiet, 600),
        1200, 1000).close()
    evs = events(tmp_path, "alarm.", "haccp.")
    assert [e.kind for e in evs] == ["alarm.start", "haccp.deviation", "alarm.end",
                                     "haccp.recovered"] * 2
    assert at(evs[4]) == 1300 and evs[7].data["worst"] == -13.0


def test_a_sensor_silent_over_a_restart_is_one_loss_ended_once(tmp_path: Path) -> None:
    # the probe goes quiet at 300 s; the logger stops at 1000 s and restarts at 1200 s,
    # and the probe reads again 100 s later
    run(tmp_path, site("{ at = 300, duration = 5000, lost = true }"), 0, 1000).close()
    run(tmp_path, site("{ at = 0, duration = 100, lost = true }"), 1200, 400).close()
    evs = events(tmp_path, "sensor.", "haccp.")
    assert [e.kind for e in evs] == ["sensor.lost", "haccp.deviation", "sensor.restored",
                                     "haccp.recovered"], [e.kind for e in evs]
    lost, dev, restored, rec = evs
    assert dev.data["reason"] == "sensor_lost" and rec.data["reason"] == "sensor_lost"
    last = lost.data["last_reading"]
    assert at(restored) == 1300 and restored.data["gap_s"] == (restored.ts - last) / 1000
    assert rec.data["gap_s"] == (rec.ts - dev.data["last_reading"]) / 1000


def test_an_alarm_whose_limit_left_the_file_ends_at_the_restart(tmp_path: Path) -> None:
    run(tmp_path, site("{ at = 100, duration = 5000, value = -12 }"), 0, 1000).close()
    eng = run(tmp_path, site("{ at = 0, duration = 5000, value = -12 }",
                             alarm="{ low = -40 }"), 1200, 60)
    try:
        assert not any(k[0] == "alarm.start" for k in eng.open_incidents)
    finally:
        eng.close()
    end = events(tmp_path, "alarm.end")
    assert len(end) == 1 and end[0].data["why"] == "limit removed"
    assert at(end[0]) == 1200 and end[0].data["worst"] == -12.0
    assert [e.kind for e in events(tmp_path, "alarm.start")] == ["alarm.start"]


def test_odd_opening_rows_do_not_stop_the_logger(tmp_path: Path) -> None:
    """Rows written behind the app's back (or by an old version) with data of the wrong
    shape: the logger starts and records; what cannot be read is not taken up."""
    run(tmp_path, site(""), 0, 10).close()
    with Store.open_writer(tmp_path / "deungdae.db") as st:
        for data in ({"ccp": "CCP-2C", "reason": "limit", "since": "yesterday",
                      "value": "hot"},
                     {"ccp": ["CCP-2C"], "reason": "limit"},
                     {"ccp": "CCP-2C", "reason": "sensor_lost", "last_reading": 1.5}):
            st.append_event(NewEvent(ts=T0 + 20_000, kind="haccp.deviation",
                                     channel="freezer.temp", severity="alarm",
                                     message="odd", data=data))
        st.append_event(NewEvent(ts=T0 + 20_000, kind="alarm.start", channel="freezer.temp",
                                 severity="alarm", message="odd", data={"side": None}))
    eng = run(tmp_path, site(""), 100, 600)
    eng.close()
    assert eng.readings_written > 0
    # the odd "limit" row is taken up (its own time stands in for `since`) and recovers
    rec = events(tmp_path, "haccp.recovered")
    assert {e.data["reason"] for e in rec} == {"limit", "sensor_lost"}


class _Broken:
    resumes = frozenset({"alarm.start"})

    def resume(self, resume):
        raise RuntimeError("boom")

    def start(self, now_ms: int) -> None:
        pass

    def feed(self, readings):
        return []

    def tick(self, now_ms: int):
        return []

    def on_entry(self, event):
        return []


def test_a_rule_that_fails_to_resume_starts_afresh(tmp_path: Path, monkeypatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    run(tmp_path, site("{ at = 100, duration = 5000, value = -12 }"), 0, 1000).close()
    orig_resume = Engine._resume

    def resume(self, store, now):
        self.rules.insert(0, _Broken())
        orig_resume(self, store, now)

    monkeypatch.setattr(Engine, "_resume", resume)
    with caplog.at_level(logging.ERROR):
        eng = run(tmp_path, site("{ at = 0, duration = 600, value = -12 }"), 1200, 1500)
        eng.close()
    assert "_Broken could not take up all its open conditions" in caplog.text
    # the others took theirs up all the same: one alarm, ended once
    assert [e.kind for e in events(tmp_path, "alarm.")] == ["alarm.start", "alarm.end"]


MD_SITE = """
[site]
name = "금속검출 시험"
timezone = "Asia/Seoul"
sectors = ["haccp"]

[[devices]]
id = "md"
profile = "simulator"
interval = 10.0
[devices.points.reject]
decimals = 0

[[sectors.haccp.ccps]]
id = "CCP-3P"
name = "금속검출"
kind = "metal_detection"
channel = "md.reject"
checks = ["09:00", "10:00"]
check_window = 600
"""


def missed(root: Path) -> list[int]:
    return [(e.data["due"] - T0) // 60_000 for e in events(root, "haccp.deviation")
            if e.data.get("reason") == "check_missed"]


def test_a_check_due_while_the_logger_was_stopped_is_reported_missed(tmp_path: Path) -> None:
    run(tmp_path, MD_SITE, 0, 1800).close()  # 08:00-08:30, then a power cut until 09:30
    run(tmp_path, MD_SITE, 5400, 600).close()  # back 09:30-09:40
    assert missed(tmp_path) == [60]  # the 09:00 check: 60 min after 08:00


def test_a_restart_reports_a_missed_check_once_and_knows_the_checks_done(tmp_path: Path) -> None:
    # 08:00-09:20, the detector's input silent from 08:30: the 09:00 check is not done
    # and is reported missed at 09:10
    silent = MD_SITE.replace('decimals = 0', 'decimals = 0\nsteps = [{ at = 1800, duration = 9000, lost = true }]')
    run(tmp_path, silent, 0, 4800).close()
    assert missed(tmp_path) == [60]
    # 09:25-09:58: back (watching again from 08:30, the last reading), the 10:00 check
    # done early at 09:55, stopped again
    eng = run(tmp_path, MD_SITE, 5100, 1800)
    md_check(eng)  # every test piece passed
    eng.run(180, close=True)
    # 10:05-10:30: the 10:00 check was done, the 09:00 one is not reported twice
    run(tmp_path, MD_SITE, 7500, 1500).close()
    assert missed(tmp_path) == [60]


def _process_site(kind_lines: str, steps: str, base: float, stale: int) -> str:
    return f"""
[site]
name = "공정 시험"
timezone = "Asia/Seoul"
sectors = ["haccp"]

[[devices]]
id = "probe"
profile = "simulator"
interval = 1.0
[devices.points.core]
unit = "°C"
base = {base}
steps = [{steps}]

[[sectors.haccp.ccps]]
id = "CCP-X"
name = "공정"
channel = "probe.core"
stale_after = {stale}
{kind_lines}
"""


OVEN = 'kind = "heating"\nlimit = 75.0\nhold = 60\nbatch_start = 40'
CHILLER = ('kind = "cooling"\nstart_above = 57.0\n'
           'stages = [{ below = 21.0, within = 7200 }, { below = 5.0, within = 21600 }]')


def test_a_heating_batch_over_a_short_restart_is_one_batch_held_long_enough(tmp_path) -> None:
    # at 80 °C from 100 s; the logger restarts 130 -> 140 s (under stale_after); the batch
    # holds on to 180 s: 80 s above 75 °C, over the 60 s needed. Judged on the part after
    # the restart alone it would be 40 s, a false deviation.
    run(tmp_path, _process_site(OVEN, "{ at = 100, duration = 1000, value = 80 }", 20, 60),
        0, 130).close()
    run(tmp_path, _process_site(OVEN, "{ at = 0, duration = 40, value = 80 }", 20, 60),
        140, 100).close()
    batches = events(tmp_path, "haccp.batch")
    assert len(batches) == 1 and batches[0].data["ok"] is True, [b.data for b in batches]
    assert batches[0].data["batch_start"] == T0 + 100_000
    assert batches[0].data["held_s"] >= 79
    assert events(tmp_path, "haccp.deviation") == []


def test_a_heating_batch_over_a_long_stop_is_incomplete_not_passed(tmp_path) -> None:
    """Stopped longer than stale_after mid-batch: the batch cannot be proven."""
    run(tmp_path, _process_site(OVEN, "{ at = 100, duration = 1000, value = 80 }", 20, 60),
        0, 130).close()
    run(tmp_path, _process_site(OVEN, "{ at = 0, duration = 100, value = 80 }", 20, 60),
        400, 200).close()
    batches = events(tmp_path, "haccp.batch")
    assert batches and all(b.data["ok"] is False for b in batches), [b.data for b in batches]
    assert batches[0].data["batch_start"] == T0 + 100_000 and batches[0].data["incomplete"]
    assert [e.data["reason"] for e in events(tmp_path, "haccp.deviation")] == ["sensor_lost"]


def test_a_cooling_run_over_a_restart_is_judged_once_from_its_start(tmp_path) -> None:
    # hot until 600 s, 30 °C until 3600 s; the logger is stopped 2400 -> 3000 s; 15 °C
    # until 6000 s, then 3 °C
    run(tmp_path, _process_site(CHILLER, "{ at = 0, duration = 600, value = 70 }, "
                                         "{ at = 600, duration = 3000, value = 30 }", 3, 3600),
        0, 2400).close()
    run(tmp_path, _process_site(CHILLER, "{ at = 0, duration = 3000, value = 15 }", 3, 3600),
        3000, 3300).close()
    runs = events(tmp_path, "haccp.cooling")
    assert len(runs) == 1, [r.data for r in runs]
    assert runs[0].data["ok"] is True and runs[0].data["run_start"] == T0 + 600_000
    assert runs[0].data["stage_times_s"] == [2400, 5400]
    assert events(tmp_path, "haccp.deviation") == []


def test_a_cooling_deadline_missed_while_stopped_is_a_deviation(tmp_path) -> None:
    run(tmp_path, _process_site(CHILLER, "{ at = 0, duration = 600, value = 70 }", 30, 10800),
        0, 2400).close()
    # back at 9000 s, still 30 °C: 21 °C was due by 600 + 7200 = 7800 s
    run(tmp_path, _process_site(CHILLER, "", 30, 10800), 9000, 60).close()
    (dev,) = events(tmp_path, "haccp.deviation")
    assert dev.data["reason"] == "cooling_too_slow" and at(dev) == 7800
    (verdict,) = events(tmp_path, "haccp.cooling")
    assert verdict.data["ok"] is False and verdict.data["run_start"] == T0 + 600_000


def _insert_behind_the_apps_back(root: Path, kind: str, ts: int, data: dict) -> None:
    """What an insider with the database file and sqlite3 can do: add an event row."""
    import json
    import sqlite3

    con = sqlite3.connect(root / "deungdae.db")
    with con:
        con.execute("INSERT INTO event(ts, kind, severity, channel, device, message, data, "
                    "user, ref_id, created_at) VALUES (?, ?, 'info', 'freezer.temp', NULL, "
                    "'x', ?, 'system', NULL, ?)", (ts, kind, json.dumps(data), ts))
    con.close()


def test_a_recovery_row_put_in_by_hand_does_not_end_a_deviation(tmp_path: Path) -> None:
    long = 600  # no gap deviation at the restart: the forged row is the only question
    run(tmp_path, site("{ at = 100, duration = 5000, value = -12 }", ccp_stale=long), 0,
        1000).close()
    _insert_behind_the_apps_back(tmp_path, "haccp.recovered", T0 + 1_000_000,
                                 {"ccp": "CCP-2C", "reason": "limit"})
    run(tmp_path, site("{ at = 0, duration = 600, value = -12 }", ccp_stale=long), 1200,
        1500).close()
    devs = events(tmp_path, "haccp.deviation")
    assert len(devs) == 1  # the real one is taken up, not raised again
    rec = [e for e in events(tmp_path, "haccp.recovered") if e.data.get("duration_s")]
    assert len(rec) == 1 and rec[0].data["duration_s"] == 1700


def test_a_deviation_row_put_in_by_hand_does_not_swallow_a_real_one(tmp_path: Path) -> None:
    long = 600
    run(tmp_path, site("", ccp_stale=long), 0, 1000).close()
    _insert_behind_the_apps_back(tmp_path, "haccp.deviation", T0 + 500_000,
                                 {"ccp": "CCP-2C", "reason": "limit", "since": T0 + 500_000})
    # warm from the restart on: a real deviation of its own after the 300 s grace, not
    # swallowed into the forged one
    run(tmp_path, site("{ at = 0, duration = 600, value = -12 }", ccp_stale=long), 1200,
        1500).close()
    real = [e for e in events(tmp_path, "haccp.deviation") if e.message != "x"]
    assert len(real) == 1 and at(real[0]) == 1500
