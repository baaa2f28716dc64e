"""A manufacturing logger restarted mid-shift takes up the record: the shift's OEE so far,
a stop already prompted for, a calibration done after the file's date.

Without it, a restart during a trip asks for the same stop's reason a second time (as a
new stop from the restart), and a calibration recorded in the window is forgotten: the
item is flagged overdue again at every restart.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deungdae.sectors.manufacturing.records import record_calibration
from tests.sectors.manufacturing.sim import SEOUL, Sim
from tests.sectors.manufacturing.test_engine_scenario import site


def at(h: int, m: int = 0) -> int:
    return int(dt.datetime(2025, 11, 25, h, m, tzinfo=SEOUL).timestamp() * 1000)


CAL = '''
[[sectors.manufacturing.calibrations]]
id = "m1-ct"
kind = "instrument"
machine = "m1"
title = "CT clamp calibration"
interval_days = 180
last = "2025-01-01"
'''

# the same plant restarted at 09:10: its current script starts again from there, so the
# trip (off since 09:00 until 09:20) goes on for 10 minutes, then the press runs
AFTER_09_10 = '''steps = [
  { at = 0, duration = 600, value = 0.0 },
]'''


def restarted(text: str) -> str:
    head, _, rest = text.partition("steps = [\n")
    _, _, tail = rest.partition("]\n")
    return head + AFTER_09_10 + "\n" + tail


def test_a_stop_prompted_before_the_restart_is_not_prompted_again(tmp_path: Path) -> None:
    text = site(tmp_path)
    first = Sim(tmp_path / "plant", text, at(6))
    first.run_to(at(9, 10))
    prompts = [e.data["stop_start"] for e in first.events("manufacturing.stop_unexplained")]
    assert at(9) in prompts
    first.close()
    again = Sim(tmp_path / "plant", restarted(text), at(9, 10))
    again.run_to(at(9, 40))
    after = [e.data["stop_start"] for e in again.events("manufacturing.stop_unexplained")]
    again.close()
    assert after == prompts  # no second prompt for the 09:00 trip


def test_the_shift_oee_goes_on_from_the_shift_start(tmp_path: Path) -> None:
    text = site(tmp_path)
    first = Sim(tmp_path / "plant", text, at(6))
    first.run_to(at(9, 10))
    first.close()
    again = Sim(tmp_path / "plant", restarted(text), at(9, 10))
    again.run_to(at(9, 40))
    st = again.store
    cid = st.channel_id("manufacturing.m1.availability")
    ts, availability, _q = st.latest(cid)
    again.close()
    # 06:00-09:40 planned busy, down 06:00-06:30 (warm-up idle) and 09:00-09:20 (trip):
    # a rule that began at 09:10 would see 30 minutes with 10 of them down
    assert ts > at(9, 30) and availability is not None
    assert abs(availability - 100 * (220 - 50) / 220) < 2.0, availability


def test_a_calibration_done_is_not_flagged_overdue_after_a_restart(tmp_path: Path) -> None:
    text = site(tmp_path) + CAL
    first = Sim(tmp_path / "plant", text, at(6))
    first.run_to(at(6, 5))
    assert len(first.events("manufacturing.calibration_overdue")) == 1  # due 2025-06-30
    record_calibration(first.store, first.engine.record_entry, first.plant.settings,
                       "m1-ct", dt.date(2025, 11, 25), "pass", "kim", first.clock.now_ms())
    first.run_to(at(6, 10))
    first.close()
    again = Sim(tmp_path / "plant", text, at(6, 20))
    again.run_to(at(6, 30))
    overdue = again.events("manufacturing.calibration_overdue")
    again.close()
    assert len(overdue) == 1


def test_an_entry_row_of_the_wrong_shape_is_left_out_of_the_restart(tmp_path: Path,
                                                                      caplog) -> None:
    """A stop reason put in with sqlite3 without its stop: the restart goes on without it."""
    import json
    import logging
    import sqlite3

    text = site(tmp_path)
    first = Sim(tmp_path / "plant", text, at(6))
    first.run_to(at(9, 10))
    first.close()
    con = sqlite3.connect(tmp_path / "plant" / "deungdae.db")
    with con:
        con.execute("INSERT INTO event(ts, kind, severity, message, data, user, created_at) "
                    "VALUES (?, 'manufacturing.stop_reason', 'info', 'x', ?, 'kim', ?)",
                    (at(9, 5), json.dumps({"machine": "m1", "reason": "setup.warmup"}),
                     at(9, 5)))
    con.close()
    with caplog.at_level(logging.WARNING):
        again = Sim(tmp_path / "plant", restarted(text), at(9, 10))
        again.run_to(at(9, 40))
        prompts = again.events("manufacturing.stop_unexplained")
        again.close()
    assert "of the wrong shape left out of the restart" in caplog.text
    assert [e.data["stop_start"] for e in prompts] == [at(6), at(9)]
